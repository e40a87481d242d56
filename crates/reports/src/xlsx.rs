//! Reports as XLSX workbooks, written with `rust_xlsxwriter` (ADR 0016).
//!
//! The first sheet, named after the report, holds its text in reading order: title, headings,
//! paragraphs, notes and key figures, and where a table or chart stands, its caption linked to
//! the sheet that holds its data. Every table and every chart's data then gets a sheet of its
//! own, with the caption in the first row and the data as an Excel table (so that sorting,
//! filtering and pivoting work) whose header row stays in view. Numbers are stored as numbers
//! with a number format per column: fixed decimals, shares as fractions shown as percentages,
//! and an interval column (a confidence interval) as two number columns, lower and upper limit.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Table as XTable, TableColumn, Url, Workbook, Worksheet};

use crate::model::{BarValue, Block, Cell, Chart, ChartKind, Column, Numbers, Report, Table};

/// Why a workbook could not be written (only for content beyond what a workbook can hold).
#[derive(Debug)]
pub struct XlsxError(rust_xlsxwriter::XlsxError);

impl std::fmt::Display for XlsxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "XLSX: {}", self.0)
    }
}

impl std::error::Error for XlsxError {}

impl From<rust_xlsxwriter::XlsxError> for XlsxError {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        XlsxError(e)
    }
}

/// Excel's longest text in a cell, in UTF-16 units.
const MAX_CELL_TEXT: usize = 32_767;
/// Excel's longest sheet name, in UTF-16 units.
const MAX_SHEET_NAME: usize = 31;
/// Excel's last row (zero-based) and so the most body rows a table sheet can hold.
const MAX_ROW: u32 = 1_048_575;

/// The number format of a column with `decimals` decimals, thousands grouped. Format codes are
/// the same in every language: Excel shows them with the reader's own separators.
pub(crate) fn fixed_format(decimals: u8) -> String {
    if decimals == 0 { String::from("#,##0") } else { format!("#,##0.{}", "0".repeat(usize::from(decimals))) }
}

/// The number format of a share shown as a percentage with `decimals` decimals.
pub(crate) fn percent_format(decimals: u8) -> String {
    if decimals == 0 { String::from("0%") } else { format!("0.{}%", "0".repeat(usize::from(decimals))) }
}

/// A table's columns as the spreadsheet has them: an interval column becomes two.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SheetColumn {
    pub header: String,
    /// The number format of the column's numbers; `None` for a column without numbers.
    pub format: Option<String>,
}

/// A cell as the spreadsheet stores it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum SheetValue {
    Empty,
    Text(String),
    Number(f64),
}

/// What a table looks like in a workbook: the header (interval columns split in two, every
/// header present and distinct, as an Excel table needs) and the body rows, one value per
/// column. Tests compare a workbook with this; [`xlsx()`] writes it.
pub(crate) fn sheet_table(table: &Table) -> (Vec<SheetColumn>, Vec<Vec<SheetValue>>) {
    let mut columns = Vec::new();
    for (i, column) in table.columns.iter().enumerate() {
        match &column.numbers {
            Numbers::Interval { decimals, low, high } => {
                let format = Some(fixed_format(*decimals));
                columns.push(SheetColumn { header: header_text(low, &column.header, columns.len()), format: format.clone() });
                columns.push(SheetColumn { header: header_text(high, &column.header, columns.len()), format });
            }
            Numbers::Fixed(d) => {
                columns.push(SheetColumn { header: header_text(&column.header, "", columns.len()), format: Some(fixed_format(*d)) })
            }
            Numbers::Percent(d) => {
                columns.push(SheetColumn { header: header_text(&column.header, "", columns.len()), format: Some(percent_format(*d)) })
            }
            Numbers::General => {
                let decimals = table
                    .rows
                    .iter()
                    .filter_map(|r| r.get(i).and_then(|c| c.number).filter(|v| v.is_finite()))
                    .map(|v| decimals(v, 3))
                    .max();
                columns.push(SheetColumn {
                    header: header_text(&column.header, "", columns.len()),
                    format: decimals.map(|d| fixed_format(d as u8)),
                });
            }
        }
    }
    distinct_headers(&mut columns);
    let rows = table
        .rows
        .iter()
        .map(|row| {
            let mut values = Vec::with_capacity(columns.len());
            for (i, column) in table.columns.iter().enumerate() {
                let cell = row.get(i);
                match &column.numbers {
                    Numbers::Interval { .. } => match cell {
                        Some(Cell { interval: Some((low, high)), .. }) if low.is_finite() && high.is_finite() => {
                            values.push(SheetValue::Number(*low));
                            values.push(SheetValue::Number(*high));
                        }
                        Some(Cell { text, .. }) if !text.is_empty() => {
                            values.push(SheetValue::Text(text.clone()));
                            values.push(SheetValue::Empty);
                        }
                        _ => values.extend([SheetValue::Empty, SheetValue::Empty]),
                    },
                    _ => values.push(match cell {
                        Some(Cell { number: Some(v), .. }) if v.is_finite() => SheetValue::Number(*v),
                        Some(Cell { text, .. }) if !text.is_empty() => SheetValue::Text(text.clone()),
                        _ => SheetValue::Empty,
                    }),
                }
            }
            values
        })
        .collect();
    (columns, rows)
}

/// A header for column `i`: its own text, else the column it belongs to, else its letter
/// (an Excel table cannot have an empty header, and this crate has no words of its own).
fn header_text(own: &str, parent: &str, i: usize) -> String {
    let text = clean_text(own.trim());
    if !text.is_empty() {
        return text;
    }
    let parent = clean_text(parent.trim());
    if !parent.is_empty() { parent } else { column_name(i) }
}

/// Excel repairs (and so reports as damaged) a table with two equal headers: the later ones
/// get " (2)", " (3)" ….
fn distinct_headers(columns: &mut [SheetColumn]) {
    let mut seen: Vec<String> = Vec::new();
    for column in columns.iter_mut() {
        let base = column.header.clone();
        let mut n = 1;
        while seen.contains(&column.header.to_lowercase()) {
            n += 1;
            column.header = format!("{base} ({n})");
        }
        seen.push(column.header.to_lowercase());
    }
}

/// `A`, `B`, … `Z`, `AA`, … for a zero-based column index.
fn column_name(mut index: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    name.iter().rev().map(|&b| char::from(b)).collect()
}

/// Text as a cell can hold it: without the control characters XML 1.0 forbids (tab and line
/// breaks stay) and no longer than Excel allows.
fn clean_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut units = 0;
    for c in text.chars().filter(|c| !c.is_control() || matches!(c, '\t' | '\n')) {
        units += c.len_utf16();
        if units > MAX_CELL_TEXT {
            break;
        }
        out.push(c);
    }
    out
}

/// The names given to sheets so far, to keep each new one distinct (Excel compares them
/// ignoring case).
#[derive(Default)]
struct SheetNames(Vec<String>);

impl SheetNames {
    /// A valid, distinct sheet name made from `wanted`: the characters Excel forbids
    /// (`[ ] : * ? / \`) become spaces, at most 31 UTF-16 units (cut at a word where one
    /// ends late enough), no apostrophe at either end, never "History", and " (2)", " (3)" …
    /// added when the name is taken. `fallback` is used when nothing of `wanted` is left.
    fn make(&mut self, wanted: &str, fallback: &str) -> String {
        let cleaned: String =
            wanted.chars().map(|c| if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') || c.is_control() { ' ' } else { c }).collect();
        let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut base = cleaned.trim_matches('\'').trim().to_owned();
        if base.is_empty() || base.eq_ignore_ascii_case("history") {
            base = fallback.to_owned();
        }
        let mut n = 1;
        loop {
            let suffix = if n == 1 { String::new() } else { format!(" ({n})") };
            let name = format!("{}{suffix}", cut(&base, MAX_SHEET_NAME - suffix.len()));
            if !self.0.iter().any(|s| s.to_lowercase() == name.to_lowercase()) {
                self.0.push(name.clone());
                return name;
            }
            n += 1;
        }
    }
}

/// `text` cut to at most `units` UTF-16 units, at the end of a word when one ends in the
/// second half, and without a trailing apostrophe or space.
fn cut(text: &str, units: usize) -> String {
    if text.encode_utf16().count() <= units {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        used += c.len_utf16();
        if used > units {
            break;
        }
        out.push(c);
    }
    if let Some(space) = out.rfind(' ')
        && space >= units / 2
    {
        out.truncate(space);
    }
    out.trim_end_matches([' ', '\'']).to_owned()
}

/// Formats shared by the sheets.
struct Formats {
    title: Format,
    bold: Format,
    italic: Format,
    wrap: Format,
}

impl Formats {
    fn new() -> Self {
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            bold: Format::new().set_bold(),
            italic: Format::new().set_italic(),
            wrap: Format::new().set_text_wrap(),
        }
    }
}

/// The first sheet, written row by row.
struct TextSheet<'a> {
    sheet: &'a mut Worksheet,
    row: u32,
}

impl TextSheet<'_> {
    fn text(&mut self, text: &str, format: &Format) -> Result<(), XlsxError> {
        for line in text.split('\n') {
            self.sheet.write_string_with_format(self.row, 0, clean_text(line), format)?;
            self.row += 1;
        }
        Ok(())
    }

    /// One empty row between blocks.
    fn gap(&mut self) {
        self.row += 1;
    }

    fn link(&mut self, caption: &str, sheet: &str) -> Result<(), XlsxError> {
        let target = format!("internal:'{}'!A1", sheet.replace('\'', "''"));
        let text = if caption.is_empty() { sheet.to_owned() } else { clean_text(caption) };
        self.sheet.write_url(self.row, 0, Url::new(target).set_text(text))?;
        self.row += 1;
        Ok(())
    }
}

/// A table's sheet: `lead` lines (caption, description) in the first rows, then the table
/// with its header row frozen, then the footnote.
fn table_sheet(sheet: &mut Worksheet, lead: &[(&str, &Format)], table: &Table, f: &Formats) -> Result<(), XlsxError> {
    let mut row = 0u32;
    for (text, format) in lead.iter().filter(|(t, _)| !t.is_empty()) {
        sheet.write_string_with_format(row, 0, clean_text(text), format)?;
        row += 1;
    }
    let (columns, rows) = sheet_table(table);
    if columns.is_empty() {
        return Ok(());
    }
    let header_row = row;
    let last_col = (columns.len() - 1).min(usize::from(u16::MAX)) as u16;
    let mut body = 0u32;
    for values in &rows {
        let r = header_row + 1 + body;
        if r > MAX_ROW - 2 {
            break;
        }
        for (c, value) in values.iter().enumerate() {
            let c = c as u16;
            match value {
                SheetValue::Number(v) => {
                    sheet.write_number(r, c, *v)?;
                }
                SheetValue::Text(t) => {
                    sheet.write_string(r, c, clean_text(t))?;
                }
                SheetValue::Empty => {}
            }
        }
        body += 1;
    }
    // An Excel table has at least one body row, even when it is empty.
    let last_row = header_row + body.max(1);
    // The column formats go on the table, so that they apply to every body cell and to rows
    // the reader adds.
    let table_columns: Vec<TableColumn> = columns
        .iter()
        .map(|c| {
            let column = TableColumn::new().set_header(&c.header);
            match &c.format {
                Some(code) => column.set_format(Format::new().set_num_format(code)),
                None => column,
            }
        })
        .collect();
    sheet.add_table(header_row, 0, last_row, last_col, &XTable::new().set_columns(&table_columns))?;
    sheet.set_freeze_panes(header_row + 1, 0)?;
    for (c, column) in columns.iter().enumerate() {
        let longest = rows
            .iter()
            .map(|r| match r.get(c) {
                Some(SheetValue::Text(t)) => t.chars().count(),
                Some(SheetValue::Number(_)) => 12,
                _ => 0,
            })
            .chain(std::iter::once(column.header.chars().count() + 3))
            .max()
            .unwrap_or(10);
        sheet.set_column_width(c as u16, longest.clamp(8, 60) as f64)?;
    }
    if let Some(footnote) = table.footnote.as_deref().filter(|t| !t.is_empty()) {
        for (r, line) in (last_row + 2..).zip(footnote.split('\n')) {
            sheet.write_string_with_format(r, 0, clean_text(line), &f.italic)?;
        }
    }
    Ok(())
}

/// The creation time of the workbook's properties: the report's own, else a fixed one, since
/// this crate reads no clock and the same report should give the same bytes.
fn created(report: &Report) -> ExcelDateTime {
    report
        .created
        .as_deref()
        .and_then(|c| ExcelDateTime::parse_from_str(c.get(..19).unwrap_or(c)).ok())
        .or_else(|| ExcelDateTime::from_ymd(1980, 1, 1).ok())
        .unwrap_or_default()
}

/// The report as an XLSX workbook.
pub fn xlsx(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let f = Formats::new();
    let mut names = SheetNames::default();
    let first_name = names.make(&report.title, "Sammen");
    // Sheets for tables and charts, in reading order, named before they are written so that
    // the first sheet can link to them.
    let mut data_names = Vec::new();
    for (i, block) in report.blocks.iter().enumerate() {
        let fallback = (data_names.len() + 2).to_string();
        match block {
            // A table without columns has nothing to show, and no sheet.
            Block::Table(t) if !t.columns.is_empty() => data_names.push((i, names.make(&t.caption, &fallback))),
            Block::Chart(c) => data_names.push((i, names.make(&c.title, &fallback))),
            _ => {}
        }
    }
    let name_of = |i: usize| data_names.iter().find(|(b, _)| *b == i).map(|(_, n)| n.as_str()).unwrap_or_default();

    let mut workbook = Workbook::new();
    let properties = DocProperties::new()
        .set_title(clean_text(&report.title))
        .set_subject(clean_text(report.subtitle.as_deref().unwrap_or_default()))
        .set_author("Sammen")
        .set_creation_datetime(&created(report))
        // The core properties have a language (`dc:language`), but rust_xlsxwriter does not
        // write it: a custom property carries the BCP 47 tag instead.
        .set_custom_property("Language", report.lang.as_str());
    workbook.set_properties(&properties);

    {
        let sheet = workbook.add_worksheet();
        sheet.set_name(&first_name)?;
        sheet.set_column_width(0, 60)?;
        sheet.set_column_width(1, 40)?;
        let mut out = TextSheet { sheet, row: 0 };
        out.text(&report.title, &f.title)?;
        if let Some(subtitle) = report.subtitle.as_deref().filter(|s| !s.is_empty()) {
            out.text(subtitle, &Format::new())?;
        }
        out.text(&report.generated_label, &f.italic)?;
        for (i, block) in report.blocks.iter().enumerate() {
            out.gap();
            match block {
                Block::Heading(_, text) => out.text(text, &f.bold)?,
                Block::Paragraph(text) => out.text(text, &f.wrap)?,
                Block::List(items) => {
                    for item in items {
                        out.text(&format!("• {item}"), &f.wrap)?;
                    }
                }
                Block::Note(text) => out.text(text, &f.italic)?,
                Block::KeyValues(pairs) => {
                    for (k, v) in pairs {
                        out.sheet.write_string_with_format(out.row, 0, clean_text(k), &f.bold)?;
                        out.sheet.write_string(out.row, 1, clean_text(v))?;
                        out.row += 1;
                    }
                }
                Block::Table(table) if table.columns.is_empty() => out.text(&table.caption, &f.bold)?,
                Block::Table(table) => out.link(&table.caption, name_of(i))?,
                Block::Chart(chart) => {
                    out.link(&chart.title, name_of(i))?;
                    if !chart.description.is_empty() {
                        out.text(&chart.description, &f.italic)?;
                    }
                }
            }
        }
    }

    for (i, name) in &data_names {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name)?;
        match report.blocks.get(*i) {
            Some(Block::Table(table)) => table_sheet(sheet, &[(table.caption.as_str(), &f.bold)], table, &f)?,
            Some(Block::Chart(chart)) => {
                let data = chart_data(chart);
                table_sheet(sheet, &[(chart.title.as_str(), &f.bold), (chart.description.as_str(), &f.italic)], &data, &f)?
            }
            _ => {}
        }
    }
    Ok(workbook.save_to_buffer()?)
}

/// The fewest decimals (up to `max`) that show `v` without rounding it.
fn decimals(v: f64, max: usize) -> usize {
    (0..max)
        .find(|d| {
            let scaled = v * 10f64.powi(*d as i32);
            (scaled - scaled.round()).abs() < 1e-9 * scaled.abs().max(1.0)
        })
        .unwrap_or(max)
}

/// A chart's data as a table: what the XLSX puts on the chart's sheet, and what a web page
/// can offer beside the picture. Cells carry numbers where the chart has them.
pub fn chart_data(chart: &Chart) -> Table {
    let style = chart.numbers;
    let number = |v: f64, max: usize| Cell::number(style.format(v, decimals(v, max)), v);
    match &chart.kind {
        ChartKind::Bars(bars) => Table {
            caption: String::new(),
            columns: vec![Column::left(&chart.y_label), Column::right(&chart.x_label)],
            rows: bars
                .bars
                .iter()
                .map(|b| {
                    let value = match b.value {
                        BarValue::Value(v) => Cell::number(&b.text, v),
                        BarValue::Suppressed { .. } => Cell::text(&b.text),
                    };
                    vec![Cell::text(&b.label), value]
                })
                .collect(),
            footnote: None,
        },
        ChartKind::Lines(lines) => {
            let mut columns = vec![Column::left(&chart.x_label)];
            columns.extend(lines.series.iter().map(|s| Column::right(&s.name)));
            let rows = lines
                .categories
                .iter()
                .enumerate()
                .map(|(i, cat)| {
                    let mut row = vec![Cell::text(cat)];
                    row.extend(lines.series.iter().map(|s| match s.values.get(i).copied().flatten() {
                        Some(v) if v.is_finite() => number(v, 3),
                        _ => Cell::text(""),
                    }));
                    row
                })
                .collect();
            let footnote = lines.band.as_ref().map(|b| {
                format!("{}: {} – {}", b.label, style.format(b.low, decimals(b.low, 3)), style.format(b.high, decimals(b.high, 3)))
            });
            Table { caption: String::new(), columns, rows, footnote }
        }
        ChartKind::Forest(forest) => {
            let h = &forest.headers;
            // The weight is a share: stored as a fraction, shown as a percentage.
            let columns = vec![
                Column::left(&chart.y_label),
                Column::right(&h.estimate),
                Column::right(&h.ci_low),
                Column::right(&h.ci_high),
                Column::right(&h.weight).percent(1),
            ];
            let mut rows: Vec<Vec<Cell>> = forest
                .rows
                .iter()
                .map(|r| {
                    let weight = match r.weight {
                        Some(w) if w.is_finite() => Cell::number(
                            if r.weight_text.is_empty() { format!("{} %", style.format(w, 1)) } else { r.weight_text.clone() },
                            w / 100.0,
                        ),
                        _ => Cell::text(&r.weight_text),
                    };
                    vec![Cell::text(&r.label), number(r.estimate, 3), number(r.ci_low, 3), number(r.ci_high, 3), weight]
                })
                .collect();
            if let Some(p) = &forest.pooled {
                rows.push(vec![Cell::text(&p.label), number(p.estimate, 3), number(p.ci_low, 3), number(p.ci_high, 3), Cell::text("")]);
                if let Some(pi) = &p.prediction {
                    rows.push(vec![Cell::text(&pi.label), Cell::text(""), number(pi.low, 3), number(pi.high, 3), Cell::text("")]);
                }
            }
            Table { caption: String::new(), columns, rows, footnote: None }
        }
        ChartKind::Flow(flow) => {
            let count = |n: u64| Cell::number(style.format(n as f64, 0), n as f64);
            let mut rows = Vec::new();
            for step in &flow.steps {
                if let Some(lost) = &step.lost {
                    rows.push(vec![Cell::text(format!("– {}", lost.label)), count(lost.count)]);
                }
                rows.push(vec![Cell::text(&step.label), count(step.count)]);
            }
            Table {
                caption: String::new(),
                columns: vec![Column::left(&flow.stage_header), Column::right(&flow.count_header).fixed(0)],
                rows,
                footnote: None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names_go_past_z() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }

    #[test]
    fn decimals_are_as_few_as_the_value_needs() {
        assert_eq!(decimals(12.0, 3), 0);
        assert_eq!(decimals(0.45, 3), 2);
        assert_eq!(decimals(1.0 / 3.0, 3), 3);
    }

    #[test]
    fn sheet_names_are_valid_and_distinct() {
        let mut names = SheetNames::default();
        assert_eq!(names.make("Tabel 1. Nøgletal", "2"), "Tabel 1. Nøgletal");
        assert_eq!(names.make("tabel 1. nøgletal", "2"), "tabel 1. nøgletal (2)");
        assert_eq!(names.make("a/b: [c]*?\\d", "2"), "a b c d");
        assert_eq!(names.make("'History'", "7"), "7");
        assert_eq!(names.make("  ", "8"), "8");
        let long = names.make("Ændring i trivsel pr. kommune og samlet for alle deltagere", "9");
        assert!(long.encode_utf16().count() <= 31, "{long}");
        assert_eq!(long, "Ændring i trivsel pr. kommune");
        let again = names.make("Ændring i trivsel pr. kommune og samlet for alle deltagere", "9");
        assert!(again.encode_utf16().count() <= 31 && again.ends_with(" (2)"), "{again}");
        let emoji = names.make(&"😀".repeat(40), "10");
        assert!(emoji.encode_utf16().count() <= 31, "a name is counted in UTF-16 units as Excel counts");
    }

    #[test]
    fn formats_follow_the_column() {
        assert_eq!(fixed_format(0), "#,##0");
        assert_eq!(fixed_format(2), "#,##0.00");
        assert_eq!(percent_format(0), "0%");
        assert_eq!(percent_format(1), "0.0%");
    }

    #[test]
    fn interval_columns_split_and_headers_are_distinct() {
        let table = Table {
            caption: String::new(),
            columns: vec![Column::left(""), Column::right("KI").interval(1, "KI nedre", "KI øvre"), Column::right("n"), Column::right("N")],
            rows: vec![
                vec![Cell::text("Aarhus"), Cell::interval("−2,6; 5,2", -2.6, 5.2), Cell::number("3", 3.0)],
                vec![Cell::text("Odense"), Cell::text("–")],
            ],
            footnote: None,
        };
        let (columns, rows) = sheet_table(&table);
        let headers: Vec<&str> = columns.iter().map(|c| c.header.as_str()).collect();
        assert_eq!(headers, ["A", "KI nedre", "KI øvre", "n", "N (2)"]);
        assert_eq!(columns[1].format.as_deref(), Some("#,##0.0"));
        assert_eq!(rows[0][1..3], [SheetValue::Number(-2.6), SheetValue::Number(5.2)]);
        assert_eq!(rows[1][1..3], [SheetValue::Text(String::from("–")), SheetValue::Empty]);
        assert_eq!(rows[1].len(), 5, "a short row is padded");
    }
}
