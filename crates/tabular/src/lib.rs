//! Reading tables from files people make in spreadsheets: delimited text (CSV, semicolon CSV,
//! tab-separated "Unicode text"), Excel workbooks (`.xlsx`) and OpenDocument spreadsheets
//! (`.ods`), all into the same [`Table`] of [`Row`]s, each row with the line it starts on and its
//! cells by 1-based column position, and every error located by line and column.
//!
//! Bytes in, rows out: no IO of its own, no other Sammen crate, so that the domain (participant
//! and peer worker import) and the evaluation statistics (`sammen evaluate`, pooling) read files
//! the same way.
//!
//! * **What the file is** ([`read`]): by its bytes first. A zip that holds `xl/workbook.xml` is
//!   an Excel workbook; a zip whose `mimetype` is an OpenDocument spreadsheet is `.ods`; any
//!   other zip, or an old binary `.xls`, is refused with a message that says what to save as.
//!   A name ending in `.xlsx` or `.ods` whose bytes are not a zip is refused as damaged rather
//!   than read as text. Everything else is text.
//! * **Text** ([`decode`]): UTF-8 with or without a byte-order mark; UTF-16 with its byte-order
//!   mark (Excel's "Unicode-tekst"); otherwise, when the bytes are not UTF-8, Windows-1252,
//!   which is what Danish Excel writes for "CSV (semikolonsepareret)". `encoding_rs` decodes.
//! * **Fields** ([`delimited`]): the delimiter is read from the first line (`;`, `,` or tab,
//!   counting only outside quotes), or from Excel's `sep=;` line; the `csv` crate splits the
//!   fields (quotes, doubled quotes, line breaks inside quotes). A quote that is never closed is
//!   an error on the line and column where it opens.
//! * **Sheets** ([`sheet`]): the first worksheet, read with `calamine`; a row's line is its row
//!   number in the sheet and a cell's column its column number (A = 1), so an error points at
//!   the cell the user sees.
//! * **Columns** ([`header`]): a header row mapped to known columns by Danish or English name,
//!   ignoring case, accents, spaces, `-` and `_`; unknown, repeated and missing columns, and
//!   rows that are shorter than the header or hold a value beyond it, are errors that name the
//!   line, the column and its header.
//!
//! Rows whose every cell is empty or blank are left out (spreadsheets write them), but keep
//! their place in the line count.
//!
//! Errors are [`TableError`]s: a Fluent message id and its arguments; [`TableError::describe`]
//! puts them into words through the caller's translations.

pub mod decode;
pub mod delimited;
pub mod header;
pub mod sheet;
#[cfg(any(test, feature = "testing"))]
pub mod testing;

use std::fmt;

use serde::Serialize;

pub use decode::{Encoding, decode};
pub use delimited::Delimiter;
pub use header::{Column, ColumnSpec, Header, Values, fold, read_header};

/// How a file was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "format", rename_all = "snake_case")]
pub enum Source {
    /// Delimited text in this encoding, with this delimiter.
    Delimited { encoding: Encoding, delimiter: Delimiter },
    /// The first worksheet of an Excel workbook.
    Xlsx,
    /// The first sheet of an OpenDocument spreadsheet.
    Ods,
}

impl Source {
    /// A stable code for the format: `csv`, `xlsx` or `ods`.
    pub fn code(self) -> &'static str {
        match self {
            Source::Delimited { .. } => "csv",
            Source::Xlsx => "xlsx",
            Source::Ods => "ods",
        }
    }

    /// True when numbers written as text use a decimal comma: a semicolon-separated file is
    /// what Danish spreadsheet programs save, with `2,5` for 2.5.
    pub fn decimal_comma(self) -> bool {
        matches!(self, Source::Delimited { delimiter: Delimiter::Semicolon, .. })
    }
}

/// One row: the line it starts on (counted from 1; in a spreadsheet, the row's number) and its
/// cells, the first being column 1.
#[derive(Clone, PartialEq, Eq)]
pub struct Row {
    pub line: usize,
    pub cells: Vec<String>,
}

/// Cells may be personal data: `Debug` shows the line and the number of cells only.
impl fmt::Debug for Row {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Row").field("line", &self.line).field("cells", &self.cells.len()).finish()
    }
}

impl Row {
    /// The cell in a 1-based column; empty beyond the row's end.
    pub fn cell(&self, column: usize) -> &str {
        column.checked_sub(1).and_then(|i| self.cells.get(i)).map_or("", String::as_str)
    }

    fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
}

/// A file read into rows: how it was read, and its non-blank rows in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub source: Source,
    pub rows: Vec<Row>,
}

/// A problem with a file, located as closely as it can be. `message` is a Fluent id; the other
/// fields are its arguments: `$line` (counted from 1), `$column` (1-based position), `$name`
/// (the column's header as written, or a column's name), `$value` (the cell's value, given only
/// where the value is not personal data) and `$detail`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableError {
    pub message: &'static str,
    pub line: usize,
    pub column: Option<usize>,
    pub name: Option<String>,
    pub value: Option<String>,
    pub detail: Option<String>,
}

impl TableError {
    /// An error about a whole line.
    pub fn new(message: &'static str, line: usize) -> Self {
        Self { message, line, column: None, name: None, value: None, detail: None }
    }

    /// The same error, about one column of its line; `name` is the column's header.
    pub fn at_column(mut self, column: usize, name: Option<&str>) -> Self {
        self.column = Some(column);
        self.name = name.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
        self
    }

    pub fn with_name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    pub fn with_value(mut self, value: impl Into<String>) -> Self {
        self.value = Some(value.into());
        self
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// The Fluent arguments of `message`, as text; absent ones are empty.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        vec![
            ("line", self.line.to_string()),
            ("column", self.column.map(|c| c.to_string()).unwrap_or_default()),
            ("name", self.name.clone().unwrap_or_default()),
            ("value", self.value.clone().unwrap_or_default()),
            ("detail", self.detail.clone().unwrap_or_default()),
        ]
    }

    /// The error in words, "Line 7, column 3 (fødselsår): …": `translate(id, args)` looks up a
    /// Fluent message in the reader's language. The place is `table-at-cell` (line, column and
    /// header), `table-at-column` (no header) or `table-at-line`, with the problem as `$problem`.
    pub fn describe(&self, translate: impl Fn(&str, &[(&'static str, String)]) -> String) -> String {
        let mut args = self.args();
        let problem = translate(self.message, &args);
        let at = match (self.column, &self.name) {
            (Some(_), Some(_)) => "table-at-cell",
            (Some(_), None) => "table-at-column",
            (None, _) => "table-at-line",
        };
        args.push(("problem", problem));
        translate(at, &args)
    }
}

/// For logs and the command line's last resort: the place and the message id.
impl fmt::Display for TableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}", self.line)?;
        if let Some(c) = self.column {
            write!(f, ", column {c}")?;
        }
        if let Some(n) = &self.name {
            write!(f, " ({n})")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for TableError {}

/// What the bytes of a file are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Xlsx,
    Ods,
}

/// Reads a file: a workbook or spreadsheet when its bytes say so, else delimited text. `name`
/// is the file's name as uploaded or given, when there is one; only its extension is used, to
/// refuse a damaged workbook instead of reading it as text. At most `max_rows` non-blank rows
/// are read; a caller that allows `n` data rows asks for `n + 2` to tell "too many".
pub fn read(bytes: &[u8], name: Option<&str>, max_rows: usize) -> Result<Table, TableError> {
    match sniff(bytes, name)? {
        Kind::Xlsx => sheet::read_xlsx(bytes, max_rows),
        Kind::Ods => sheet::read_ods(bytes, max_rows),
        Kind::Text => {
            let (text, encoding) = decode(bytes);
            if encoding != Encoding::Utf16Le && encoding != Encoding::Utf16Be && text.contains('\0') {
                return Err(TableError::new("err-table-not-text", 1));
            }
            delimited::read(&text, encoding, max_rows)
        }
    }
}

/// Reads delimited text that is already a string (a text area of a form).
pub fn read_text(text: &str, max_rows: usize) -> Result<Table, TableError> {
    let encoding = if text.starts_with('\u{feff}') { Encoding::Utf8Bom } else { Encoding::Utf8 };
    delimited::read(text.strip_prefix('\u{feff}').unwrap_or(text), encoding, max_rows)
}

const SPREADSHEET_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "ods", "xls", "xlsb"];

fn sniff(bytes: &[u8], name: Option<&str>) -> Result<Kind, TableError> {
    let extension = name.and_then(|n| n.rsplit_once('.')).map(|(_, e)| e.to_ascii_lowercase());
    if bytes.starts_with(b"PK\x03\x04") {
        return match sheet::zip_kind(bytes)? {
            sheet::ZipKind::Xlsx => Ok(Kind::Xlsx),
            sheet::ZipKind::Ods => Ok(Kind::Ods),
            sheet::ZipKind::Other => {
                Err(TableError::new("err-table-unsupported", 1).with_detail(extension.unwrap_or_else(|| "zip".into())))
            }
        };
    }
    // The compound file of Excel 97–2003 (`.xls`) and other old Office formats.
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err(TableError::new("err-table-unsupported", 1).with_detail(extension.unwrap_or_else(|| "xls".into())));
    }
    if let Some(ext) = extension.filter(|e| SPREADSHEET_EXTENSIONS.contains(&e.as_str())) {
        return Err(TableError::new("err-table-damaged", 1).with_detail(ext));
    }
    Ok(Kind::Text)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_described_with_their_place() {
        let t = |id: &str, args: &[(&'static str, String)]| {
            let get = |k: &str| args.iter().find(|(n, _)| *n == k).map(|(_, v)| v.clone()).unwrap_or_default();
            match id {
                "table-at-cell" => format!("line {}, column {} ({}): {}", get("line"), get("column"), get("name"), get("problem")),
                "table-at-column" => format!("line {}, column {}: {}", get("line"), get("column"), get("problem")),
                "table-at-line" => format!("line {}: {}", get("line"), get("problem")),
                other => format!("{other} [{}]", get("value")),
            }
        };
        let e = TableError::new("test-problem", 7).at_column(3, Some(" fødselsår ")).with_value("1800");
        assert_eq!(e.describe(t), "line 7, column 3 (fødselsår): test-problem [1800]");
        assert_eq!(TableError::new("test-problem", 7).at_column(3, Some("")).describe(t), "line 7, column 3: test-problem []");
        assert_eq!(TableError::new("test-problem", 2).describe(t), "line 2: test-problem []");
        assert_eq!(e.to_string(), "line 7, column 3 (fødselsår): test-problem");
    }

    #[test]
    fn the_bytes_decide_and_the_name_only_refuses_damaged_workbooks() {
        assert_eq!(sniff(b"a;b\n", Some("x.csv")), Ok(Kind::Text));
        assert_eq!(sniff(b"a;b\n", None), Ok(Kind::Text));
        assert_eq!(sniff(b"a;b\n", Some("Deltagere.XLSX")).unwrap_err().message, "err-table-damaged");
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
        let e = sniff(&ole, Some("gammel.xls")).unwrap_err();
        assert_eq!((e.message, e.detail.as_deref()), ("err-table-unsupported", Some("xls")));
        assert_eq!(read(b"a\0b;c\n", None, 10).unwrap_err().message, "err-table-not-text");
    }

    #[test]
    fn row_debug_hides_the_cells() {
        let r = Row { line: 3, cells: vec!["Mette Nielsen".into(), "010190-1234".into()] };
        let shown = format!("{r:?}");
        assert!(!shown.contains("Mette") && !shown.contains("0101"), "{shown}");
        assert_eq!((r.cell(1), r.cell(2), r.cell(3), r.cell(0)), ("Mette Nielsen", "010190-1234", "", ""));
    }
}
