//! A header row mapped to the columns a reader knows, by Danish or English name; then each row's
//! values by column, with rows that do not fit the header refused.
//!
//! A row shorter than the header has lost cells and a value beyond the header (or under a
//! header cell left empty) belongs to no column: both are errors that name the line and the
//! column, because reading on would put values under the wrong heading. Empty cells beyond the
//! header are harmless (spreadsheets write trailing delimiters), and so are empty header cells
//! at the end.

use crate::{Row, TableError};

/// Folds a name or value for matching: lower case, Danish letters spelt out (æ → ae, ø → oe,
/// å → aa), other accents dropped, and everything but letters and digits removed, so that
/// `Fødselsår`, `foedselsaar` and ` FØDSELS-ÅR ` are one name.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            'æ' | 'ä' => out.push_str("ae"),
            'ø' | 'ö' => out.push_str("oe"),
            'å' => out.push_str("aa"),
            'á' | 'à' | 'â' | 'ã' => out.push('a'),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'í' | 'ì' | 'î' | 'ï' => out.push('i'),
            'ó' | 'ò' | 'ô' | 'õ' => out.push('o'),
            'ú' | 'ù' | 'û' | 'ü' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            'ñ' => out.push('n'),
            'ç' => out.push('c'),
            'š' => out.push('s'),
            'ž' => out.push('z'),
            c if c.is_alphanumeric() => out.push(c),
            _ => {}
        }
    }
    out
}

/// A column a reader knows: its key (the field it fills), its Danish and English names (shown
/// in the list of known columns, and matched after [`fold`]) and any other names it goes by,
/// already folded.
#[derive(Debug, Clone, Copy)]
pub struct ColumnSpec {
    pub key: &'static str,
    pub da: &'static str,
    pub en: &'static str,
    pub aliases: &'static [&'static str],
    pub required: bool,
}

impl ColumnSpec {
    fn matches(&self, folded: &str) -> bool {
        !folded.is_empty() && (fold(self.da) == folded || fold(self.en) == folded || self.aliases.contains(&folded))
    }
}

/// A column found in the header: the key it fills, the header as written, its 1-based position.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Column {
    pub field: &'static str,
    pub header: String,
    pub position: usize,
}

/// What one header position holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// The column spec with this index.
    Known(usize),
    /// An unknown or repeated column (already an error); its values are not read.
    Ignored,
    /// A column without a name; a value under it is an error.
    Unnamed,
}

/// The header row, read.
#[derive(Debug, Clone)]
pub struct Header {
    pub line: usize,
    pub columns: Vec<Column>,
    slots: Vec<Slot>,
    specs: Vec<&'static str>,
}

/// "navn/name, cpr, fødselsår/birth_year, …": the known columns, for an error's `$detail`.
pub fn known_columns(specs: &[ColumnSpec]) -> String {
    specs.iter().map(|s| if s.da == s.en { s.da.to_owned() } else { format!("{}/{}", s.da, s.en) }).collect::<Vec<_>>().join(", ")
}

/// Maps a header row to the specs. Errors: `err-table-no-header` when the row names no known
/// column at all (then no header is returned: the first row is data, or the wrong file);
/// `err-table-unknown-column` and `err-table-duplicate-column` (line, column, header);
/// `err-table-missing-column` for a required column (`$name` Danish, `$detail` English).
pub fn read_header(row: &Row, specs: &'static [ColumnSpec]) -> (Option<Header>, Vec<TableError>) {
    let mut errors = Vec::new();
    let found: Vec<Option<usize>> = row.cells.iter().map(|h| specs.iter().position(|s| s.matches(&fold(h)))).collect();
    if found.iter().all(Option::is_none) {
        errors.push(TableError::new("err-table-no-header", row.line).with_detail(known_columns(specs)));
        return (None, errors);
    }
    let mut slots = Vec::with_capacity(found.len());
    let mut columns: Vec<Column> = Vec::new();
    for (i, (raw, spec)) in row.cells.iter().zip(found).enumerate() {
        let header = raw.trim();
        match spec.and_then(|s| specs.get(s).map(|spec| (s, spec))) {
            Some((_, spec)) if columns.iter().any(|c| c.field == spec.key) => {
                errors.push(TableError::new("err-table-duplicate-column", row.line).at_column(i + 1, Some(header)));
                slots.push(Slot::Ignored);
            }
            Some((s, spec)) => {
                columns.push(Column { field: spec.key, header: header.to_owned(), position: i + 1 });
                slots.push(Slot::Known(s));
            }
            None if header.is_empty() => slots.push(Slot::Unnamed),
            None => {
                errors.push(
                    TableError::new("err-table-unknown-column", row.line).at_column(i + 1, Some(header)).with_detail(known_columns(specs)),
                );
                slots.push(Slot::Ignored);
            }
        }
    }
    // Empty header cells at the end are no columns.
    while slots.last() == Some(&Slot::Unnamed) {
        slots.pop();
    }
    for spec in specs.iter().filter(|s| s.required && !columns.iter().any(|c| c.field == s.key)) {
        errors.push(TableError::new("err-table-missing-column", row.line).with_name(spec.da).with_detail(spec.en));
    }
    (Some(Header { line: row.line, columns, slots, specs: specs.iter().map(|s| s.key).collect() }), errors)
}

/// One row's values by key: `None` when the file has no such column, `Some("")` when the cell
/// is empty. Values are trimmed.
#[derive(Clone, Copy)]
pub struct Values<'a> {
    row: &'a Row,
    header: &'a Header,
}

impl Header {
    /// The column a key was read from, to name it in an error.
    pub fn column(&self, key: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.field == key)
    }

    /// An error about the cell of `key` in `line`: at its column and header when the file has
    /// the column, else about the line, naming the key.
    pub fn error(&self, message: &'static str, line: usize, key: &str) -> TableError {
        match self.column(key) {
            Some(c) => TableError::new(message, line).at_column(c.position, Some(&c.header)),
            None => TableError::new(message, line).with_name(key),
        }
    }

    /// The row's values, or why the row does not fit the header: `err-table-short-row` at the
    /// first missing column (`$detail`: how many cells the row has), or `err-table-extra-cell`
    /// at the first value that stands under no header.
    pub fn values<'a>(&'a self, row: &'a Row) -> Result<Values<'a>, TableError> {
        let width = self.slots.len();
        if row.cells.len() < width {
            let column = row.cells.len() + 1;
            let name = self.columns.iter().find(|c| c.position == column).map(|c| c.header.as_str());
            return Err(TableError::new("err-table-short-row", row.line).at_column(column, name).with_detail(row.cells.len().to_string()));
        }
        let stray =
            row.cells.iter().enumerate().position(|(i, v)| !v.trim().is_empty() && self.slots.get(i).is_none_or(|s| *s == Slot::Unnamed));
        if let Some(i) = stray {
            return Err(TableError::new("err-table-extra-cell", row.line).at_column(i + 1, None));
        }
        Ok(Values { row, header: self })
    }
}

impl<'a> Values<'a> {
    pub fn get(&self, key: &str) -> Option<&'a str> {
        let spec = self.header.specs.iter().position(|k| *k == key)?;
        let at = self.header.slots.iter().position(|s| *s == Slot::Known(spec))?;
        Some(self.row.cells.get(at).map_or("", |v| v.trim()))
    }

    /// The line of the row.
    pub fn line(&self) -> usize {
        self.row.line
    }

    /// An error about this row's cell of `key` (see [`Header::error`]).
    pub fn error(&self, message: &'static str, key: &str) -> TableError {
        self.header.error(message, self.row.line, key)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    const SPECS: &[ColumnSpec] = &[
        ColumnSpec { key: "name", da: "navn", en: "name", aliases: &["fuldtnavn"], required: false },
        ColumnSpec { key: "birth_year", da: "fødselsår", en: "birth_year", aliases: &["fodselsar"], required: false },
        ColumnSpec { key: "status", da: "status", en: "status", aliases: &[], required: true },
    ];

    fn row(line: usize, cells: &[&str]) -> Row {
        Row { line, cells: cells.iter().map(|c| (*c).to_owned()).collect() }
    }

    #[test]
    fn names_match_in_danish_or_english_whatever_the_case_and_spacing() {
        for name in ["fødselsår", "FOEDSELSAAR", "Fodselsar", "birth_year", "Birth year", " BIRTH-YEAR ", "Fødsels år"] {
            let (h, errors) = read_header(&row(1, &["Status", name]), SPECS);
            assert!(errors.is_empty(), "{name}: {errors:?}");
            let h = h.unwrap();
            assert_eq!(h.column("birth_year").map(|c| (c.header.as_str(), c.position)), Some((name.trim(), 2)));
            let r = row(2, &["aktiv", " 1990 "]);
            assert_eq!(h.values(&r).unwrap().get("birth_year"), Some("1990"));
            assert_eq!(h.values(&r).unwrap().get("name"), None, "no such column in the file");
        }
    }

    #[test]
    fn unknown_repeated_and_missing_columns_are_named() {
        let (h, errors) = read_header(&row(1, &["navn", "yndlingsfarve", "name"]), SPECS);
        let got: Vec<(&str, Option<usize>, Option<&str>)> = errors.iter().map(|e| (e.message, e.column, e.name.as_deref())).collect();
        assert_eq!(
            got,
            [
                ("err-table-unknown-column", Some(2), Some("yndlingsfarve")),
                ("err-table-duplicate-column", Some(3), Some("name")),
                ("err-table-missing-column", None, Some("status")),
            ]
        );
        assert_eq!(errors[0].detail.as_deref(), Some("navn/name, fødselsår/birth_year, status"));
        assert_eq!(h.unwrap().columns.len(), 1);
        let (none, errors) = read_header(&row(1, &["Mette", "aktiv"]), SPECS);
        assert!(none.is_none());
        assert_eq!(errors.iter().map(|e| e.message).collect::<Vec<_>>(), ["err-table-no-header"]);
    }

    #[test]
    fn ragged_rows_are_errors_with_line_and_column() {
        let (h, _) = read_header(&row(1, &["status", "navn", "fødselsår", ""]), SPECS);
        let h = h.unwrap();
        let short = h.values(&row(7, &["aktiv", "Bo"])).err().unwrap();
        assert_eq!(
            (short.message, short.line, short.column, short.name.as_deref()),
            ("err-table-short-row", 7, Some(3), Some("fødselsår"))
        );
        assert_eq!(short.detail.as_deref(), Some("2"));
        let long = h.values(&row(8, &["aktiv", "Hansen", " Anna", "1990"])).err().unwrap();
        assert_eq!((long.message, long.line, long.column), ("err-table-extra-cell", 8, Some(4)));
        assert!(h.values(&row(9, &["aktiv", "Bo", "1990", "", " "])).is_ok(), "empty cells beyond the header are harmless");
        let (h, _) = read_header(&row(1, &["navn", "", "status"]), SPECS);
        let h = h.unwrap();
        let e = h.values(&row(2, &["Bo", "x", "aktiv"])).err().unwrap();
        assert_eq!((e.message, e.column), ("err-table-extra-cell", Some(2)), "a value under an empty header");
        let third = row(3, &["Bo", "", "aktiv"]);
        let v = h.values(&third).unwrap();
        assert_eq!((v.get("name"), v.get("status"), v.line()), (Some("Bo"), Some("aktiv"), 3));
        let e = v.error("test-problem", "status");
        assert_eq!((e.line, e.column, e.name.as_deref()), (3, Some(3), Some("status")));
        let e = v.error("test-problem", "birth_year");
        assert_eq!((e.column, e.name.as_deref()), (None, Some("birth_year")));
    }
}
