//! Workbooks: `.xlsx` and `.ods` are zip files. The zip's directory says which (and how large it
//! unpacks, checked before `calamine` unpacks anything); `calamine` reads the first sheet.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, Ods, Reader, Xlsx};

use crate::{Row, Source, Table, TableError};

/// The most a workbook may unpack to, by its zip directory. A 4 MB upload of a real
/// spreadsheet unpacks to a few tens of megabytes; a zip bomb claims (or would take) far more.
pub const MAX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;

const ODS_MIMETYPE: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

/// What a zip file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ZipKind {
    Xlsx,
    Ods,
    Other,
}

/// Reads the zip's central directory with the `zip` crate: the names of its entries and the
/// sum of the unpacked sizes it claims. `None` when it is not a readable zip.
fn directory(bytes: &[u8]) -> Option<(Vec<String>, u64)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut names = Vec::with_capacity(archive.len());
    let mut unpacked = 0u64;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).ok()?;
        unpacked = unpacked.saturating_add(entry.size());
        names.push(entry.name().ok()?.into_owned());
    }
    Some((names, unpacked))
}

/// Says whether a zip is a workbook we read, and refuses one that would unpack too large.
pub(crate) fn zip_kind(bytes: &[u8]) -> Result<ZipKind, TableError> {
    let Some((names, unpacked)) = directory(bytes) else {
        return Err(TableError::new("err-table-damaged", 1).with_detail("zip"));
    };
    if unpacked > MAX_UNPACKED_BYTES {
        return Err(TableError::new("err-table-too-large", 1));
    }
    if names.iter().any(|n| n == "xl/workbook.xml") {
        return Ok(ZipKind::Xlsx);
    }
    // OpenDocument names its kind in the `mimetype` entry (stored first, uncompressed).
    if names.iter().any(|n| n == "mimetype") {
        let mut archive =
            zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| TableError::new("err-table-damaged", 1).with_detail("zip"))?;
        let mut mimetype = Vec::new();
        if let Ok(entry) = archive.by_name("mimetype") {
            use std::io::Read as _;
            let _ = entry.take(256).read_to_end(&mut mimetype);
        }
        if mimetype.starts_with(ODS_MIMETYPE) {
            return Ok(ZipKind::Ods);
        }
    }
    Ok(ZipKind::Other)
}

/// The most columns a sheet may use. Rows are made as wide as the header, so a stray cell far to
/// the right would otherwise make every row that wide.
pub const MAX_COLUMNS: usize = 256;

/// Reads the first worksheet cell by cell: calamine's whole-sheet range is as large as the
/// distance between the first and the last used cell, which a two-cell workbook can make
/// billions of cells.
pub(crate) fn read_xlsx(bytes: &[u8], max_rows: usize) -> Result<Table, TableError> {
    let damaged = || TableError::new("err-table-damaged", 1).with_detail("xlsx");
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|_| damaged())?;
    let Some(name) = book.sheet_names().into_iter().next() else {
        return Err(TableError::new("err-table-empty", 1));
    };
    let mut reader = book.worksheet_cells_reader(&name).map_err(|_| damaged())?;
    let mut sheet = Sparse::default();
    while let Some(cell) = reader.next_cell().map_err(|_| damaged())? {
        let (row, column) = cell.get_position();
        sheet.put(row, column, &Data::from(cell.get_value().clone()))?;
        if sheet.rows.len() > max_rows {
            break;
        }
    }
    Ok(sheet.table(Source::Xlsx, max_rows))
}

/// The most cells the rectangle from the first to the last used cell of an OpenDocument sheet
/// may hold. `calamine` expands repeated rows and cells into that whole rectangle while it
/// opens the sheet, so a kilobyte of XML can ask for billions of cells; 20 million is far more
/// than any import needs (the import's row limit times a few dozen columns).
pub const MAX_ODS_CELLS: u64 = 20_000_000;

/// The size of the rectangle `calamine` would build for the first sheet, in rows and columns,
/// counted from `content.xml` without expanding anything: rows up to the last row with a
/// non-empty cell, columns up to the last non-empty cell of any row, repeats included.
fn ods_extent(bytes: &[u8]) -> Option<(u64, u64)> {
    use quick_xml::events::{BytesStart, Event};
    use std::io::Read as _;

    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut xml = Vec::new();
    archive.by_name("content.xml").ok()?.take(MAX_UNPACKED_BYTES).read_to_end(&mut xml).ok()?;

    let repeats = |e: &BytesStart, name: &str| -> Option<u64> {
        match e.try_get_attribute(name).ok()? {
            Some(a) => a.value.trim().parse().ok(),
            None => Some(1),
        }
    };
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let mut buf = Vec::new();
    let (mut in_table, mut row_at, mut row_repeats, mut col_at, mut row_used) = (false, 0u64, 1u64, 0u64, false);
    let (mut rows, mut cols) = (0u64, 0u64);
    loop {
        let event = reader.read_event_into(&mut buf).ok()?;
        match &event {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "table:table" && rows == 0 && cols == 0 => in_table = true,
            Event::Start(e) | Event::Empty(e) if in_table && e.name().as_ref() == "table:table-row" => {
                row_repeats = repeats(e, "table:number-rows-repeated")?;
                (col_at, row_used) = (0, false);
                if matches!(event, Event::Empty(_)) {
                    row_at = row_at.saturating_add(row_repeats);
                }
            }
            Event::Start(e) | Event::Empty(e)
                if in_table && matches!(e.name().as_ref(), "table:table-cell" | "table:covered-table-cell") =>
            {
                let n = repeats(e, "table:number-columns-repeated")?;
                // A cell with content is written as a start tag (its text follows) or carries a
                // value type; an empty one is an empty tag without a value.
                let used = matches!(event, Event::Start(_)) || e.try_get_attribute("office:value-type").ok()?.is_some();
                col_at = col_at.saturating_add(n);
                if used {
                    cols = cols.max(col_at);
                    row_used = true;
                }
            }
            Event::End(e) if in_table && e.name().as_ref() == "table:table-row" => {
                row_at = row_at.saturating_add(row_repeats);
                if row_used {
                    rows = row_at;
                }
            }
            Event::End(e) if in_table && e.name().as_ref() == "table:table" => return Some((rows, cols)),
            Event::Eof => return Some((rows, cols)),
            _ => {}
        }
        buf.clear();
    }
}

/// Reads the first sheet of an OpenDocument spreadsheet.
pub(crate) fn read_ods(bytes: &[u8], max_rows: usize) -> Result<Table, TableError> {
    let damaged = || TableError::new("err-table-damaged", 1).with_detail("ods");
    let (rows, cols) = ods_extent(bytes).ok_or_else(damaged)?;
    if rows.saturating_mul(cols) > MAX_ODS_CELLS {
        return Err(TableError::new("err-table-too-large", 1));
    }
    let mut book = Ods::new(Cursor::new(bytes)).map_err(|_| damaged())?;
    let range = match book.worksheet_range_at(0) {
        Some(Ok(r)) => r,
        Some(Err(_)) => return Err(damaged()),
        None => return Err(TableError::new("err-table-empty", 1)),
    };
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let mut sheet = Sparse::default();
    for (row, column, value) in range.used_cells() {
        let (row, column) = (u32::try_from(row).unwrap_or(u32::MAX), u32::try_from(column).unwrap_or(u32::MAX));
        sheet.put(first_row.saturating_add(row), first_col.saturating_add(column), value)?;
        if sheet.rows.len() > max_rows {
            break;
        }
    }
    Ok(sheet.table(Source::Ods, max_rows))
}

/// The non-empty cells of a sheet by row (0-based row and column, as calamine counts).
#[derive(Default)]
struct Sparse {
    rows: BTreeMap<u32, Vec<(usize, String)>>,
}

impl Sparse {
    fn put(&mut self, row: u32, column: u32, value: &Data) -> Result<(), TableError> {
        let (line, column) = (row as usize + 1, column as usize + 1);
        let text = text(value).map_err(|e| e.at_line(line, column))?;
        if text.trim().is_empty() {
            return Ok(());
        }
        if column > MAX_COLUMNS {
            return Err(TableError::new("err-table-too-wide", line).at_column(column, None).with_detail(MAX_COLUMNS.to_string()));
        }
        self.rows.entry(row).or_default().push((column, text));
        Ok(())
    }

    /// Each row at its row number, each cell at its column, every row at least as wide as the
    /// first (the header), as a spreadsheet shows them.
    fn table(self, source: Source, max_rows: usize) -> Table {
        let width = self.rows.values().next().and_then(|cells| cells.iter().map(|(c, _)| *c).max()).unwrap_or(0);
        let rows = self
            .rows
            .into_iter()
            .take(max_rows)
            .map(|(row, cells)| {
                let last = cells.iter().map(|(c, _)| *c).max().unwrap_or(0).max(width);
                let mut texts = vec![String::new(); last];
                for (column, text) in cells {
                    if let Some(slot) = texts.get_mut(column - 1) {
                        *slot = text;
                    }
                }
                Row { line: row as usize + 1, cells: texts }
            })
            .collect();
        Table { source, rows }
    }
}

/// A cell as the text a user would have typed: whole numbers without a decimal point (a year,
/// a phone number), dates as `YYYY-MM-DD`, a formula's result rather than the formula.
fn text(cell: &Data) -> Result<String, TableError> {
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, m, day, h, min, s, _) = d.to_ymd_hms_milli();
            if (h, min, s) == (0, 0, 0) {
                format!("{y:04}-{m:02}-{day:02}")
            } else {
                format!("{y:04}-{m:02}-{day:02} {h:02}:{min:02}:{s:02}")
            }
        }
        Data::DateTime(d) => number(d.as_f64()),
        Data::Error(e) => return Err(TableError::new("err-table-cell-error", 0).with_value(e.to_string())),
    })
}

fn number(f: f64) -> String {
    // Below 2^53 a whole float is exactly an integer, and prints as one.
    if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 { format!("{}", f as i64) } else { f.to_string() }
}

impl TableError {
    fn at_line(mut self, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = Some(column);
        self
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::read;
    use crate::testing::zip;

    #[test]
    fn cells_read_as_typed() {
        assert_eq!(number(1985.0), "1985");
        assert_eq!(number(12_345_678.0), "12345678");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(number(-0.25), "-0.25");
        assert_eq!(text(&Data::Int(7)).unwrap(), "7");
        assert_eq!(text(&Data::Bool(true)).unwrap(), "true");
        let e = text(&Data::Error(calamine::CellErrorType::Div0)).unwrap_err().at_line(6, 2);
        assert_eq!((e.message, e.line, e.column, e.value.as_deref()), ("err-table-cell-error", 6, Some(2), Some("#DIV/0!")));
    }

    #[test]
    fn an_xlsx_reads_at_its_cells_positions() {
        // The table starts at B2: row 2, column 2.
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(1, 1, "Navn").unwrap();
        sheet.write_string(1, 2, "Fødselsår").unwrap();
        sheet.write_string(2, 1, "Søren Ærø").unwrap();
        sheet.write_number(2, 2, 1980).unwrap();
        sheet.write_string(4, 1, "Åse").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let t = read(&bytes, None, 100).unwrap();
        assert_eq!(t.source, Source::Xlsx);
        let got: Vec<(usize, Vec<&str>)> = t.rows.iter().map(|r| (r.line, r.cells.iter().map(String::as_str).collect())).collect();
        assert_eq!(got, [(2, vec!["", "Navn", "Fødselsår"]), (3, vec!["", "Søren Ærø", "1980"]), (5, vec!["", "Åse", ""])]);
        assert_eq!(read(&bytes, None, 2).unwrap().rows.len(), 2);
    }

    #[test]
    fn an_ods_reads_like_the_same_csv() {
        let rows: &[&[&str]] =
            &[&["Navn", "Status", "Fødselsår"], &["Søren Ærø", "aktiv", "1980"], &["", "", ""], &["Åse; Ø", "venteliste", "2.5"]];
        let t = read(&crate::testing::ods(rows), Some("deltagere.ods"), 100).unwrap();
        assert_eq!(t.source, Source::Ods);
        let csv = crate::read_text("Navn,Status,Fødselsår\nSøren Ærø,aktiv,1980\n,,\n\"Åse; Ø\",venteliste,2.5\n", 100).unwrap();
        assert_eq!(t.rows, csv.rows);
        assert_eq!(t.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [1, 2, 4]);
    }

    #[test]
    fn a_far_away_cell_is_refused_not_allocated_for() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "Navn").unwrap();
        // The last cell of a sheet: a dense range from A1 would be 17 billion cells.
        sheet.write_string(1_048_575, 16_383, "x").unwrap();
        let e = read(&book.save_to_buffer().unwrap(), None, 100).unwrap_err();
        assert_eq!((e.message, e.line, e.column, e.detail.as_deref()), ("err-table-too-wide", 1_048_576, Some(16_384), Some("256")));
    }

    #[test]
    fn other_zips_and_bombs_are_refused() {
        // A zip with one stored entry, `word/document.xml`: a .docx, not a spreadsheet.
        let docx = zip(&[("word/document.xml", b"<w/>")]);
        let e = read(&docx, Some("brev.docx"), 10).unwrap_err();
        assert_eq!((e.message, e.detail.as_deref()), ("err-table-unsupported", Some("docx")));
        let mut bomb = zip(&[("xl/workbook.xml", b"<x/>")]);
        // Claim 4 GB unpacked in the central directory.
        let cd = bomb.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
        bomb[cd + 24..cd + 28].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(read(&bomb, None, 10).unwrap_err().message, "err-table-too-large");
        assert_eq!(read(b"PK\x03\x04broken", None, 10).unwrap_err().message, "err-table-damaged");
        let fake = zip(&[("xl/workbook.xml", b"not xml")]);
        assert_eq!(read(&fake, None, 10).unwrap_err().message, "err-table-damaged");
    }

    /// An OpenDocument sheet whose `content.xml` holds the given rows' XML.
    fn ods_with(rows: &str) -> Vec<u8> {
        let content = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
             <office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
             xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
             xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">\
             <office:body><office:spreadsheet><table:table table:name=\"Ark1\">{rows}</table:table>\
             </office:spreadsheet></office:body></office:document-content>"
        );
        let manifest = "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">\
            <manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
            <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>";
        zip(&[("mimetype", ODS_MIMETYPE), ("content.xml", content.as_bytes()), ("META-INF/manifest.xml", manifest.as_bytes())])
    }

    #[test]
    fn repeated_ods_cells_are_measured_before_they_are_expanded() {
        // About a kilobyte that would expand to 16,384 × 1,000,000 cells.
        let bomb = ods_with(
            "<table:table-row table:number-rows-repeated=\"1000000\">\
             <table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"string\"><text:p>x</text:p></table:table-cell>\
             </table:table-row>",
        );
        assert_eq!(ods_extent(&bomb), Some((1_000_000, 16_384)));
        assert_eq!(read(&bomb, Some("bombe.ods"), 10).unwrap_err().message, "err-table-too-large");

        // Empty rows between two used cells far apart count too: calamine fills the rectangle.
        let sparse = ods_with(
            "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>a</text:p></table:table-cell></table:table-row>\
             <table:table-row table:number-rows-repeated=\"900000\"><table:table-cell/></table:table-row>\
             <table:table-row><table:table-cell table:number-columns-repeated=\"999\"/>\
             <table:table-cell office:value-type=\"string\"><text:p>b</text:p></table:table-cell></table:table-row>",
        );
        assert_eq!(ods_extent(&sparse), Some((900_002, 1_000)));
        assert_eq!(read(&sparse, None, 10).unwrap_err().message, "err-table-too-large");

        // What LibreOffice writes after the data: empty repeated cells and rows to the sheet's
        // edge. They are not used, so the sheet is its two rows.
        let saved = ods_with(
            "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>Navn</text:p></table:table-cell>\
             <table:table-cell table:number-columns-repeated=\"1023\"/></table:table-row>\
             <table:table-row><table:table-cell office:value-type=\"string\"><text:p>Åse</text:p></table:table-cell>\
             <table:table-cell table:number-columns-repeated=\"1023\"/></table:table-row>\
             <table:table-row table:number-rows-repeated=\"1048574\"><table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row>",
        );
        assert_eq!(ods_extent(&saved), Some((2, 1)));
        let t = read(&saved, Some("deltagere.ods"), 10).unwrap();
        let got: Vec<Vec<&str>> = t.rows.iter().map(|r| r.cells.iter().map(String::as_str).collect()).collect();
        assert_eq!(got, [vec!["Navn"], vec!["Åse"]]);
    }
}
