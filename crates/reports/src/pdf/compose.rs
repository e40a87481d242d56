//! Flows a report's blocks onto A4 pages: a title block on the first page, blocks in
//! reading order with page breaks where they must fall, and a footer with the page label.
//!
//! While it places content it builds the structure tree in the same order, so the tree's
//! reading order is the pages' drawing order: every line of text is one leaf of the element
//! it belongs to (heading, paragraph, list body, table cell), every chart one leaf of its
//! figure, and rules, fills, the footer and repeated table headers are artifacts.

use super::canvas::{Canvas, Mark, PAGE_HEIGHT, PAGE_WIDTH};
use super::structure::{Kind, Scope, Tree};
use crate::font::{self, Font};
use crate::layout::{self, Anchor, Color, GRID, INK, MUTED, SERIES, Stroke};
use crate::model::{Align, Block, Chart, Report, Table};

/// 2 cm margins.
const MARGIN: f64 = 56.69;
const TOP: f64 = 56.69;
/// Content ends here; the footer sits below.
const BOTTOM: f64 = PAGE_HEIGHT - 70.0;
const FOOTER_BASELINE: f64 = PAGE_HEIGHT - 36.0;
pub(crate) const CONTENT_WIDTH: f64 = PAGE_WIDTH - 2.0 * MARGIN;

const BODY_SIZE: f64 = 10.0;
const BODY_LEADING: f64 = 14.0;
const TABLE_SIZE: f64 = 9.0;
const TABLE_LEADING: f64 = 12.0;
const CELL_PAD_X: f64 = 4.0;
const CELL_PAD_Y: f64 = 3.0;
const NOTE_PAD: f64 = 8.0;
const NOTE_BAR: f64 = 3.0;
/// How far a list item's text is indented past its bullet.
const LIST_INDENT: f64 = 14.0;

const HEADER_FILL: Color = Color(0xe9, 0xee, 0xf3);
const NOTE_FILL: Color = Color(0xef, 0xf4, 0xf9);

/// A heading as the document outline (bookmarks) shows it.
pub(crate) struct OutlineEntry {
    /// 1 for the report's title, 2 and deeper for the blocks' headings.
    pub(crate) level: u8,
    pub(crate) text: String,
    pub(crate) page: usize,
    /// From the page's top.
    pub(crate) y: f64,
}

/// The composed report: each page's recorded drawing, the structure tree over it and the
/// outline.
pub(crate) struct Composed {
    pub(crate) pages: Vec<Canvas>,
    pub(crate) tree: Tree,
    pub(crate) outline: Vec<OutlineEntry>,
}

/// Lays out the report.
pub(crate) fn compose(report: &Report) -> Composed {
    let mut c = Composer { pages: vec![Canvas::default()], y: TOP, tree: Tree::default(), outline: Vec::new() };
    c.title_block(report);
    for block in &report.blocks {
        match block {
            Block::Heading(level, text) => c.heading(*level, text),
            Block::Paragraph(text) => c.paragraph(text),
            Block::List(items) => c.list(items),
            Block::Note(text) => c.note(text),
            Block::KeyValues(pairs) => c.key_values(pairs),
            Block::Table(table) => c.table(table),
            Block::Chart(chart) => c.chart(chart),
        }
    }
    let total = c.pages.len();
    for (i, page) in c.pages.iter_mut().enumerate() {
        footer(page, report, i + 1, total);
    }
    Composed { pages: c.pages, tree: c.tree, outline: c.outline }
}

/// The page label with its placeholders filled in.
pub(crate) fn page_label(template: &str, page: usize, pages: usize) -> String {
    template.replace("{n}", &page.to_string()).replace("{m}", &pages.to_string())
}

fn footer(page: &mut Canvas, report: &Report, number: usize, total: usize) {
    page.begin(Mark::Footer);
    page.line((MARGIN, FOOTER_BASELINE - 12.0), (PAGE_WIDTH - MARGIN, FOOTER_BASELINE - 12.0), &Stroke::solid(GRID, 0.5));
    let title = truncate(&report.title, Font::Regular, 8.0, CONTENT_WIDTH * 0.65);
    page.text((MARGIN, FOOTER_BASELINE), &title, Font::Regular, 8.0, Anchor::Start, MUTED);
    let label = page_label(&report.page_label, number, total);
    page.text((PAGE_WIDTH - MARGIN, FOOTER_BASELINE), &label, Font::Regular, 8.0, Anchor::End, MUTED);
    page.end();
}

/// `text` cut with an ellipsis to fit `width`.
fn truncate(text: &str, font: Font, size: f64, width: f64) -> String {
    if font::text_width(text, font, size) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        let next = format!("{out}{c}…");
        if font::text_width(&next, font, size) > width {
            break;
        }
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

struct Composer {
    pages: Vec<Canvas>,
    /// Where the next block starts, from the page's top.
    y: f64,
    tree: Tree,
    outline: Vec<OutlineEntry>,
}

/// How a run of text lines is set.
#[derive(Clone, Copy)]
struct Style {
    font: Font,
    size: f64,
    leading: f64,
    color: Color,
}

impl Style {
    const BODY: Style = Style { font: Font::Regular, size: BODY_SIZE, leading: BODY_LEADING, color: INK };
    const CELL: Style = Style { font: Font::Regular, size: TABLE_SIZE, leading: TABLE_LEADING, color: INK };
    const CAPTION: Style = Style { font: Font::Bold, size: 10.5, leading: 14.0, color: INK };

    fn bold(self) -> Style {
        Style { font: Font::Bold, ..self }
    }

    fn wrap(self, text: &str, width: f64) -> Vec<String> {
        font::wrap(text, self.font, self.size, width)
    }

    fn width(self, text: &str) -> f64 {
        font::text_width(text, self.font, self.size)
    }

    /// The baseline of a line whose box starts at `top`.
    fn baseline(self, top: f64) -> f64 {
        top + self.size * 0.8 + (self.leading - self.size) / 2.0
    }
}

impl Composer {
    fn page(&mut self) -> &mut Canvas {
        if self.pages.is_empty() {
            self.pages.push(Canvas::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Canvas::default());
        self.y = TOP;
    }

    fn at_top(&self) -> bool {
        self.y <= TOP + 0.01
    }

    /// Starts a new page unless `height` fits on this one (or this one is still empty, in
    /// which case nothing is gained by moving).
    fn ensure(&mut self, height: f64) {
        if self.y + height > BOTTOM && !self.at_top() {
            self.new_page();
        }
    }

    /// Vertical space, dropped at the top of a page.
    fn space(&mut self, height: f64) {
        if !self.at_top() {
            self.y += height;
        }
    }

    /// One line of text as its own leaf of the open structure element.
    fn tagged_text(&mut self, at: (f64, f64), text: &str, style: Style, anchor: Anchor) {
        let leaf = self.tree.leaf();
        let page = self.page();
        page.begin(Mark::Text(leaf));
        page.text(at, text, style.font, style.size, anchor, style.color);
        page.end();
    }

    /// Lines of text at `x`, breaking the page between lines where needed, each a leaf of
    /// the open structure element.
    fn lines(&mut self, lines: &[String], x: f64, style: Style) {
        for line in lines {
            self.ensure(style.leading);
            let baseline = style.baseline(self.y);
            self.tagged_text((x, baseline), line, style, Anchor::Start);
            self.y += style.leading;
        }
    }

    /// `lines` as one structure element of `kind`.
    fn element(&mut self, kind: Kind, lines: &[String], x: f64, style: Style) {
        self.tree.open(kind);
        self.lines(lines, x, style);
        self.tree.close();
    }

    fn title_block(&mut self, report: &Report) {
        let title = Style { font: Font::Bold, size: 20.0, leading: 24.0, color: INK };
        self.outline.push(OutlineEntry { level: 1, text: report.title.clone(), page: 0, y: self.y });
        self.element(Kind::Heading(1, report.title.clone()), &title.wrap(&report.title, CONTENT_WIDTH), MARGIN, title);
        if let Some(subtitle) = report.subtitle.as_deref().filter(|s| !s.is_empty()) {
            let style = Style { font: Font::Regular, size: 12.0, leading: 16.0, color: INK };
            self.element(Kind::P, &style.wrap(subtitle, CONTENT_WIDTH), MARGIN, style);
        }
        let small = Style { font: Font::Regular, size: 9.0, leading: 13.0, color: MUTED };
        self.y += 2.0;
        if !report.generated_label.is_empty() {
            self.element(Kind::P, &small.wrap(&report.generated_label, CONTENT_WIDTH), MARGIN, small);
        } else {
            self.y += small.leading;
        }
        self.y += 6.0;
        let y = self.y;
        self.page().line((MARGIN, y), (PAGE_WIDTH - MARGIN, y), &Stroke::solid(MUTED, 0.6));
        self.y += 14.0;
    }

    fn heading(&mut self, level: u8, text: &str) {
        let (size, before) = match level {
            0 | 1 => (15.0, 16.0),
            2 => (12.5, 12.0),
            _ => (10.5, 8.0),
        };
        let style = Style { font: Font::Bold, size, leading: size * 1.3, color: INK };
        let lines = style.wrap(text, CONTENT_WIDTH);
        self.space(before);
        // A heading stays with at least a few lines of what it heads.
        self.ensure(lines.len() as f64 * style.leading + 3.0 * BODY_LEADING);
        // The report's title is the only first-level heading; the blocks' levels follow it.
        let level = level.clamp(1, 3) + 1;
        self.outline.push(OutlineEntry { level, text: text.to_string(), page: self.pages.len() - 1, y: self.y });
        self.element(Kind::Heading(level, text.to_string()), &lines, MARGIN, style);
        self.y += 4.0;
    }

    fn paragraph(&mut self, text: &str) {
        let lines = Style::BODY.wrap(text, CONTENT_WIDTH);
        self.element(Kind::P, &lines, MARGIN, Style::BODY);
        self.y += 6.0;
    }

    fn list(&mut self, items: &[String]) {
        let style = Style::BODY;
        self.tree.open(Kind::List { numbered: false });
        for item in items {
            let lines = style.wrap(item, CONTENT_WIDTH - LIST_INDENT);
            // The bullet and the item's first line share a page.
            self.ensure(style.leading);
            self.tree.open(Kind::ListItem);
            self.tree.open(Kind::Label);
            let baseline = style.baseline(self.y);
            self.tagged_text((MARGIN + 3.0, baseline), "•", style, Anchor::Start);
            self.tree.close();
            self.element(Kind::ListBody, &lines, MARGIN + LIST_INDENT, style);
            self.tree.close();
            self.y += 2.0;
        }
        self.tree.close();
        self.y += 4.0;
    }

    fn note(&mut self, text: &str) {
        let style = Style::BODY;
        let inner = CONTENT_WIDTH - 2.0 * NOTE_PAD - NOTE_BAR;
        let lines = style.wrap(text, inner);
        self.space(4.0);
        self.tree.open(Kind::P);
        let mut rest: &[String] = &lines;
        // A note taller than what is left of the page continues, boxed, on the next.
        while !rest.is_empty() {
            let room = ((BOTTOM - self.y - 2.0 * NOTE_PAD) / style.leading).floor().max(0.0) as usize;
            if room < rest.len().min(2) && !self.at_top() {
                self.new_page();
                continue;
            }
            let take = room.clamp(1, rest.len());
            let (chunk, after) = rest.split_at(take);
            let h = chunk.len() as f64 * style.leading + 2.0 * NOTE_PAD;
            let y = self.y;
            let page = self.page();
            page.rect((MARGIN, y, CONTENT_WIDTH, h), Some(NOTE_FILL), None);
            page.rect((MARGIN, y, NOTE_BAR, h), Some(SERIES[0]), None);
            for (i, line) in chunk.iter().enumerate() {
                let baseline = style.baseline(y + NOTE_PAD + i as f64 * style.leading);
                self.tagged_text((MARGIN + NOTE_BAR + NOTE_PAD, baseline), line, style, Anchor::Start);
            }
            self.y += h;
            rest = after;
            if !rest.is_empty() {
                self.new_page();
            }
        }
        self.tree.close();
        self.y += 10.0;
    }

    /// Label and value pairs: a list whose items' labels are the keys.
    fn key_values(&mut self, pairs: &[(String, String)]) {
        let key_style = Style::BODY.bold();
        let key_w = pairs.iter().map(|(k, _)| key_style.width(k)).fold(0.0, f64::max).min(CONTENT_WIDTH * 0.4) + 12.0;
        self.tree.open(Kind::List { numbered: false });
        for (key, value) in pairs {
            let keys = key_style.wrap(key, key_w - 12.0);
            let values = Style::BODY.wrap(value, CONTENT_WIDTH - key_w);
            let h = keys.len().max(values.len()) as f64 * BODY_LEADING;
            self.ensure(h);
            let y = self.y;
            self.tree.open(Kind::ListItem);
            self.tree.open(Kind::Label);
            for (i, k) in keys.iter().enumerate() {
                self.tagged_text((MARGIN, key_style.baseline(y + i as f64 * BODY_LEADING)), k, key_style, Anchor::Start);
            }
            self.tree.close();
            self.tree.open(Kind::ListBody);
            for (i, v) in values.iter().enumerate() {
                self.tagged_text((MARGIN + key_w, Style::BODY.baseline(y + i as f64 * BODY_LEADING)), v, Style::BODY, Anchor::Start);
            }
            self.tree.close();
            self.tree.close();
            self.y += h;
        }
        self.tree.close();
        self.y += 8.0;
    }

    /// A caption (of a table or chart) kept on a page with `keep_with` points of what follows.
    fn caption(&mut self, kind: Kind, text: &str, keep_with: f64) {
        let style = Style::CAPTION;
        let lines = if text.is_empty() { Vec::new() } else { style.wrap(text, CONTENT_WIDTH) };
        self.space(6.0);
        self.ensure(lines.len() as f64 * style.leading + 4.0 + keep_with);
        if !lines.is_empty() {
            self.element(kind, &lines, MARGIN, style);
        }
        self.y += 4.0;
    }

    fn table(&mut self, table: &Table) {
        let grid = Grid { widths: column_widths(table), table };
        let header = grid.wrap(table.columns.iter().map(|c| c.header.as_str()), Style::CELL.bold(), true);
        let rows: Vec<WrappedRow> = table
            .rows
            .iter()
            .map(|r| grid.wrap((0..table.columns.len()).map(|i| r.get(i).map_or("", |c| c.text.as_str())), Style::CELL, false))
            .collect();

        let has_columns = !table.columns.is_empty();
        let first_row = rows.first().map_or(0.0, |r| r.height);
        self.tree.open(Kind::Table);
        self.caption(Kind::Caption, &table.caption, if has_columns { header.height + first_row } else { 0.0 });
        if has_columns {
            self.tree.open(Kind::TableHead);
            self.table_row(&grid, &header, true);
            self.tree.close();
            self.tree.open(Kind::TableBody);
            for row in &rows {
                // A row that does not fit moves to the next page, under a repeated header
                // that is drawn for the eye only: the tree has the header once.
                if self.y + row.height > BOTTOM {
                    self.new_page();
                    self.table_row(&grid, &header, false);
                }
                self.table_row(&grid, row, true);
            }
            self.tree.close();
        }
        self.tree.close();
        if let Some(footnote) = table.footnote.as_deref().filter(|f| !f.is_empty()) {
            let style = Style { font: Font::Regular, size: 8.0, leading: 11.0, color: MUTED };
            self.y += 4.0;
            self.element(Kind::P, &style.wrap(footnote, CONTENT_WIDTH), MARGIN, style);
        }
        self.y += 10.0;
    }

    /// Draws a row; `tagged` adds it to the structure tree, otherwise it is an artifact.
    fn table_row(&mut self, grid: &Grid, row: &WrappedRow, tagged: bool) {
        let y = self.y;
        let total: f64 = grid.widths.iter().sum();
        if row.header {
            self.page().rect((MARGIN, y, total, row.height), Some(HEADER_FILL), None);
        }
        if tagged {
            self.tree.open(Kind::TableRow);
        } else {
            self.page().begin(Mark::Layout);
        }
        for (i, lines) in row.cells.iter().enumerate() {
            let align = grid.table.columns.get(i).map_or(Align::Left, |c| c.align);
            let (left, width) = (grid.x(i), grid.widths.get(i).copied().unwrap_or_default());
            if tagged {
                // The first column names its row, as on the web page.
                let scope = if row.header {
                    Some(Scope::Column)
                } else if i == 0 {
                    Some(Scope::Row)
                } else {
                    None
                };
                self.tree.open(match scope {
                    Some(scope) => Kind::HeaderCell(scope),
                    None => Kind::DataCell,
                });
            }
            let texts: Vec<&str> = if lines.iter().all(String::is_empty) { vec![""] } else { lines.iter().map(String::as_str).collect() };
            for (k, line) in texts.iter().enumerate() {
                let baseline = row.style.baseline(y + CELL_PAD_Y + k as f64 * row.style.leading);
                let (x, anchor) = match align {
                    Align::Left => (left + CELL_PAD_X, Anchor::Start),
                    Align::Right => (left + width - CELL_PAD_X, Anchor::End),
                };
                if tagged {
                    // An empty cell still gets a leaf, so that the table keeps its shape.
                    self.tagged_text((x, baseline), line, row.style, anchor);
                } else {
                    self.page().text((x, baseline), line, row.style.font, row.style.size, anchor, row.style.color);
                }
            }
            if tagged {
                self.tree.close();
            }
        }
        if tagged {
            self.tree.close();
        } else {
            self.page().end();
        }
        let rule = if row.header { Stroke::solid(INK, 0.8) } else { Stroke::solid(GRID, 0.5) };
        self.page().line((MARGIN, y + row.height), (MARGIN + total, y + row.height), &rule);
        self.y += row.height;
    }

    fn chart(&mut self, chart: &Chart) {
        let scene = layout::layout(chart);
        let style = Style::CAPTION;
        let title = if chart.title.is_empty() { Vec::new() } else { style.wrap(&chart.title, CONTENT_WIDTH) };
        let title_h = title.len() as f64 * style.leading + 4.0;
        self.space(6.0);
        let page_room = BOTTOM - TOP;
        let scale = if title_h + scene.height <= page_room {
            self.ensure(title_h + scene.height);
            1.0
        } else {
            // Taller than a page: it gets a page of its own, shrunk to fit.
            if !self.at_top() {
                self.new_page();
            }
            ((page_room - title_h) / scene.height).max(0.1)
        };
        if !title.is_empty() {
            self.element(Kind::P, &title, MARGIN, style);
        }
        self.y += 4.0;
        let y = self.y;
        // The chart's words for screen readers replace its drawing; a chart without them
        // is at least named by its title.
        let alt = if chart.description.trim().is_empty() { chart.title.clone() } else { chart.description.clone() };
        self.tree.open(Kind::Figure { alt, bbox: (MARGIN, y, scene.width * scale, scene.height * scale), page: self.pages.len() - 1 });
        let leaf = self.tree.leaf();
        let page = self.page();
        page.begin(Mark::Figure(leaf));
        page.scene(&scene, (MARGIN, y), scale);
        page.end();
        self.tree.close();
        self.y += scene.height * scale + 12.0;
    }
}

/// A table's columns as placed on the page.
struct Grid<'a> {
    widths: Vec<f64>,
    table: &'a Table,
}

/// A table row with each cell's text wrapped to its column.
struct WrappedRow {
    cells: Vec<Vec<String>>,
    height: f64,
    style: Style,
    header: bool,
}

impl Grid<'_> {
    /// The left edge of column `i`.
    fn x(&self, i: usize) -> f64 {
        MARGIN + self.widths.iter().take(i).sum::<f64>()
    }

    fn wrap<'t>(&self, texts: impl Iterator<Item = &'t str>, style: Style, header: bool) -> WrappedRow {
        let cells: Vec<Vec<String>> = texts.zip(&self.widths).map(|(t, w)| style.wrap(t, w - 2.0 * CELL_PAD_X)).collect();
        let lines = cells.iter().map(Vec::len).max().unwrap_or(1);
        WrappedRow { cells, height: lines as f64 * style.leading + 2.0 * CELL_PAD_Y, style, header }
    }
}

/// Column widths that fill the text width: a table narrower than the page gives its spare
/// room to the text (left-aligned) columns; a wider one keeps the narrow columns whole and
/// shares what is left among the wide ones, whose cells then wrap.
fn column_widths(table: &Table) -> Vec<f64> {
    let n = table.columns.len();
    let header_style = Style::CELL.bold();
    let natural: Vec<f64> = (0..n)
        .map(|i| {
            let body = table.rows.iter().filter_map(|r| r.get(i)).map(|c| Style::CELL.width(&c.text)).fold(0.0, f64::max);
            body.max(header_style.width(&table.columns[i].header)) + 2.0 * CELL_PAD_X
        })
        .collect();
    let total: f64 = natural.iter().sum();
    if total <= CONTENT_WIDTH {
        let stretch: Vec<bool> = table.columns.iter().map(|c| c.align == Align::Left).collect();
        let any = stretch.iter().any(|s| *s);
        let base: f64 = natural.iter().zip(&stretch).filter(|(_, s)| **s || !any).map(|(w, _)| w).sum();
        let extra = CONTENT_WIDTH - total;
        return natural.iter().zip(&stretch).map(|(w, s)| if (*s || !any) && base > 0.0 { w + extra * w / base } else { *w }).collect();
    }
    let mut fixed = vec![false; n];
    loop {
        let room = CONTENT_WIDTH - natural.iter().zip(&fixed).filter(|(_, f)| **f).map(|(w, _)| w).sum::<f64>();
        let flexible = fixed.iter().filter(|f| !**f).count();
        if flexible == 0 {
            break;
        }
        let fair = room / flexible as f64;
        let mut changed = false;
        for i in 0..n {
            if !fixed[i] && natural[i] <= fair {
                fixed[i] = true;
                changed = true;
            }
        }
        if !changed {
            let flexible_total: f64 = natural.iter().zip(&fixed).filter(|(_, f)| !**f).map(|(w, _)| w).sum();
            return (0..n).map(|i| if fixed[i] { natural[i] } else { room * natural[i] / flexible_total }).collect();
        }
    }
    natural
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cell, Column};

    fn table(columns: Vec<Column>, rows: Vec<Vec<Cell>>) -> Table {
        Table { caption: String::new(), columns, rows, footnote: None }
    }

    #[test]
    fn narrow_tables_fill_the_width_through_their_text_columns() {
        let t = table(vec![Column::left("Kommune"), Column::right("n")], vec![vec![Cell::text("Aarhus"), Cell::number("12", 12.0)]]);
        let w = column_widths(&t);
        assert!((w.iter().sum::<f64>() - CONTENT_WIDTH).abs() < 1e-6);
        assert!(w[0] > w[1]);
        assert!((w[1] - (Style::CELL.bold().width("n").max(Style::CELL.width("12")) + 2.0 * CELL_PAD_X)).abs() < 1e-6);
    }

    #[test]
    fn wide_tables_shrink_only_their_wide_columns() {
        let long = "Et meget langt stykke tekst der slet ikke kan stå på én linje i en tabel af denne bredde ".repeat(3);
        let t = table(vec![Column::left("Tekst"), Column::right("n")], vec![vec![Cell::text(long), Cell::text("7")]]);
        let w = column_widths(&t);
        assert!((w.iter().sum::<f64>() - CONTENT_WIDTH).abs() < 1e-6);
        assert!(w[1] < 40.0);
    }

    #[test]
    fn page_labels_fill_their_placeholders() {
        assert_eq!(page_label("side {n} af {m}", 2, 7), "side 2 af 7");
    }
}
