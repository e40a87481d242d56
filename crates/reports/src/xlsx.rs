//! Reports as XLSX: one sheet, "Rapport", with the report's text, key figures and tables in
//! reading order, and each chart's data as a table. Numbers are stored as numbers, so a
//! reader can calculate with them; text is stored as inline strings.

use std::fmt::Write as _;

use crate::model::{Align, Block, Cell, Chart, ChartKind, Column, Report, Table};
use crate::svg::escape;
use crate::zip;

/// The one sheet's name.
pub const SHEET_NAME: &str = "Rapport";

/// A cell style; the discriminant is its index in `styles.xml`'s `cellXfs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Normal = 0,
    Bold = 1,
    Title = 2,
    Italic = 3,
    Header = 4,
    HeaderRight = 5,
    Right = 6,
}

#[derive(Debug, Clone, PartialEq)]
enum XCell {
    Empty,
    Text(String, Style),
    Number(f64, Style),
}

/// The sheet's rows, built in reading order.
#[derive(Default)]
struct Sheet {
    rows: Vec<Vec<XCell>>,
}

impl Sheet {
    fn row(&mut self, cells: Vec<XCell>) {
        self.rows.push(cells);
    }

    fn text(&mut self, text: &str, style: Style) {
        for line in text.split('\n') {
            self.row(vec![XCell::Text(line.to_string(), style)]);
        }
    }

    /// One empty row between blocks, never two.
    fn gap(&mut self) {
        if self.rows.last().is_some_and(|r| !r.is_empty()) {
            self.rows.push(Vec::new());
        }
    }

    fn table(&mut self, table: &Table) {
        if !table.caption.is_empty() {
            self.text(&table.caption, Style::Bold);
        }
        let header = table
            .columns
            .iter()
            .map(|c| XCell::Text(c.header.clone(), if c.align == Align::Right { Style::HeaderRight } else { Style::Header }))
            .collect();
        self.row(header);
        for row in &table.rows {
            let cells = table
                .columns
                .iter()
                .enumerate()
                .map(|(i, col)| match row.get(i) {
                    Some(Cell { number: Some(v), .. }) if v.is_finite() => XCell::Number(*v, Style::Normal),
                    Some(Cell { text, .. }) if !text.is_empty() => {
                        XCell::Text(text.clone(), if col.align == Align::Right { Style::Right } else { Style::Normal })
                    }
                    _ => XCell::Empty,
                })
                .collect();
            self.row(cells);
        }
        if let Some(footnote) = table.footnote.as_deref().filter(|f| !f.is_empty()) {
            self.text(footnote, Style::Italic);
        }
    }
}

/// The report as an XLSX workbook.
pub fn xlsx(report: &Report) -> Vec<u8> {
    let mut sheet = Sheet::default();
    sheet.text(&report.title, Style::Title);
    if let Some(subtitle) = report.subtitle.as_deref().filter(|s| !s.is_empty()) {
        sheet.text(subtitle, Style::Normal);
    }
    sheet.text(&report.generated_label, Style::Italic);
    for block in &report.blocks {
        sheet.gap();
        match block {
            Block::Heading(_, text) => sheet.text(text, Style::Bold),
            Block::Paragraph(text) => sheet.text(text, Style::Normal),
            Block::Note(text) => sheet.text(text, Style::Italic),
            Block::KeyValues(pairs) => {
                for (k, v) in pairs {
                    sheet.row(vec![XCell::Text(k.clone(), Style::Bold), XCell::Text(v.clone(), Style::Normal)]);
                }
            }
            Block::Table(table) => sheet.table(table),
            Block::Chart(chart) => {
                sheet.text(&chart.title, Style::Bold);
                if !chart.description.is_empty() {
                    sheet.text(&chart.description, Style::Italic);
                }
                sheet.table(&chart_data(chart));
            }
        }
    }

    zip::store(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes().to_vec()),
        ("_rels/.rels", ROOT_RELS.as_bytes().to_vec()),
        ("docProps/core.xml", core_properties(&report.title).into_bytes()),
        ("docProps/app.xml", APP_PROPERTIES.as_bytes().to_vec()),
        ("xl/workbook.xml", workbook().into_bytes()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes().to_vec()),
        ("xl/styles.xml", STYLES.as_bytes().to_vec()),
        ("xl/worksheets/sheet1.xml", worksheet(&sheet).into_bytes()),
    ])
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

/// A chart's data as a table: what the XLSX shows under the chart's title, and what a web
/// page can offer beside the picture. Cells carry numbers where the chart has them.
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
                        crate::model::BarValue::Value(v) => Cell::number(&b.text, v),
                        crate::model::BarValue::Suppressed { .. } => Cell::text(&b.text),
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
            let columns = vec![
                Column::left(&chart.y_label),
                Column::right(&h.estimate),
                Column::right(&h.ci_low),
                Column::right(&h.ci_high),
                Column::right(&h.weight),
            ];
            let mut rows: Vec<Vec<Cell>> = forest
                .rows
                .iter()
                .map(|r| {
                    let weight = match r.weight {
                        Some(w) if w.is_finite() => {
                            Cell::number(if r.weight_text.is_empty() { style.format(w, 1) } else { r.weight_text.clone() }, w)
                        }
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
                columns: vec![Column::left(&flow.stage_header), Column::right(&flow.count_header)],
                rows,
                footnote: None,
            }
        }
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

fn worksheet(sheet: &Sheet) -> String {
    let width = sheet.rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let mut xml = String::from(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
    xml.push_str(r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cols><col min="1" max="1" width="44" customWidth="1"/>"#);
    if width > 1 {
        let _ = write!(xml, r#"<col min="2" max="{width}" width="16" customWidth="1"/>"#);
    }
    xml.push_str("</cols><sheetData>");
    for (r, row) in sheet.rows.iter().enumerate() {
        let r = r + 1;
        if row.iter().all(|c| *c == XCell::Empty) {
            continue;
        }
        let _ = write!(xml, r#"<row r="{r}">"#);
        for (c, cell) in row.iter().enumerate() {
            let reference = format!("{}{r}", column_name(c));
            match cell {
                XCell::Empty => {}
                XCell::Number(v, style) => {
                    let _ = write!(xml, r#"<c r="{reference}" s="{}"><v>{v}</v></c>"#, *style as u8);
                }
                XCell::Text(text, style) => {
                    let space = if text.trim() != text { r#" xml:space="preserve""# } else { "" };
                    let _ =
                        write!(xml, r#"<c r="{reference}" s="{}" t="inlineStr"><is><t{space}>{}</t></is></c>"#, *style as u8, escape(text));
                }
            }
        }
        xml.push_str("</row>");
    }
    xml.push_str("</sheetData></worksheet>");
    xml
}

fn workbook() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{SHEET_NAME}" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    )
}

fn core_properties(title: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title><dc:creator>Sammen</dc:creator></cp:coreProperties>"#,
        escape(title)
    )
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#;

const APP_PROPERTIES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Sammen</Application></Properties>"#;

const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

/// Fonts: normal, bold, title (bold 14), italic. `cellXfs` in the order of [`Style`].
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="4"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font><font><i/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFE9EEF3"/><bgColor indexed="64"/></patternFill></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="7"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/><xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment horizontal="right"/></xf><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment horizontal="right"/></xf></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names_go_past_z() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }

    #[test]
    fn decimals_are_as_few_as_the_value_needs() {
        assert_eq!(decimals(12.0, 3), 0);
        assert_eq!(decimals(0.45, 3), 2);
        assert_eq!(decimals(1.0 / 3.0, 3), 3);
    }
}
