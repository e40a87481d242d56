//! Flows a report's blocks onto A4 pages: a title block on the first page, blocks in
//! reading order with page breaks where they must fall, and a footer with the page label.

use super::canvas::{Canvas, PAGE_HEIGHT, PAGE_WIDTH};
use crate::afm::{self, Font};
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

const HEADER_FILL: Color = Color(0xe9, 0xee, 0xf3);
const NOTE_FILL: Color = Color(0xef, 0xf4, 0xf9);

/// Lays out the report and returns each page's content stream.
pub(crate) fn compose(report: &Report) -> Vec<String> {
    let mut c = Composer { pages: vec![Canvas::default()], y: TOP };
    c.title_block(report);
    for block in &report.blocks {
        match block {
            Block::Heading(level, text) => c.heading(*level, text),
            Block::Paragraph(text) => c.paragraph(text),
            Block::Note(text) => c.note(text),
            Block::KeyValues(pairs) => c.key_values(pairs),
            Block::Table(table) => c.table(table),
            Block::Chart(chart) => c.chart(chart),
        }
    }
    let total = c.pages.len();
    c.pages
        .into_iter()
        .enumerate()
        .map(|(i, mut page)| {
            footer(&mut page, report, i + 1, total);
            page.into_ops()
        })
        .collect()
}

/// The page label with its placeholders filled in.
pub(crate) fn page_label(template: &str, page: usize, pages: usize) -> String {
    template.replace("{n}", &page.to_string()).replace("{m}", &pages.to_string())
}

fn footer(page: &mut Canvas, report: &Report, number: usize, total: usize) {
    page.line((MARGIN, FOOTER_BASELINE - 12.0), (PAGE_WIDTH - MARGIN, FOOTER_BASELINE - 12.0), &Stroke::solid(GRID, 0.5));
    let title = truncate(&report.title, Font::Regular, 8.0, CONTENT_WIDTH * 0.65);
    page.text((MARGIN, FOOTER_BASELINE), &title, Font::Regular, 8.0, Anchor::Start, MUTED);
    let label = page_label(&report.page_label, number, total);
    page.text((PAGE_WIDTH - MARGIN, FOOTER_BASELINE), &label, Font::Regular, 8.0, Anchor::End, MUTED);
}

/// `text` cut with an ellipsis to fit `width`.
fn truncate(text: &str, font: Font, size: f64, width: f64) -> String {
    if afm::text_width(text, font, size) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        let next = format!("{out}{c}…");
        if afm::text_width(&next, font, size) > width {
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

    fn bold(self) -> Style {
        Style { font: Font::Bold, ..self }
    }

    fn wrap(self, text: &str, width: f64) -> Vec<String> {
        afm::wrap(text, self.font, self.size, width)
    }

    fn width(self, text: &str) -> f64 {
        afm::text_width(text, self.font, self.size)
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

    /// Lines of text at `x`, breaking the page between lines where needed.
    fn lines(&mut self, lines: &[String], x: f64, style: Style) {
        for line in lines {
            self.ensure(style.leading);
            let baseline = style.baseline(self.y);
            self.page().text((x, baseline), line, style.font, style.size, Anchor::Start, style.color);
            self.y += style.leading;
        }
    }

    fn title_block(&mut self, report: &Report) {
        let title = Style { font: Font::Bold, size: 20.0, leading: 24.0, color: INK };
        self.lines(&title.wrap(&report.title, CONTENT_WIDTH), MARGIN, title);
        if let Some(subtitle) = report.subtitle.as_deref().filter(|s| !s.is_empty()) {
            let style = Style { font: Font::Regular, size: 12.0, leading: 16.0, color: INK };
            self.lines(&style.wrap(subtitle, CONTENT_WIDTH), MARGIN, style);
        }
        let small = Style { font: Font::Regular, size: 9.0, leading: 13.0, color: MUTED };
        self.y += 2.0;
        self.lines(&small.wrap(&report.generated_label, CONTENT_WIDTH), MARGIN, small);
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
        self.lines(&lines, MARGIN, style);
        self.y += 4.0;
    }

    fn paragraph(&mut self, text: &str) {
        let lines = Style::BODY.wrap(text, CONTENT_WIDTH);
        self.lines(&lines, MARGIN, Style::BODY);
        self.y += 6.0;
    }

    fn note(&mut self, text: &str) {
        let style = Style::BODY;
        let inner = CONTENT_WIDTH - 2.0 * NOTE_PAD - NOTE_BAR;
        let lines = style.wrap(text, inner);
        self.space(4.0);
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
                page.text((MARGIN + NOTE_BAR + NOTE_PAD, baseline), line, style.font, style.size, Anchor::Start, style.color);
            }
            self.y += h;
            rest = after;
            if !rest.is_empty() {
                self.new_page();
            }
        }
        self.y += 10.0;
    }

    fn key_values(&mut self, pairs: &[(String, String)]) {
        let key_style = Style::BODY.bold();
        let key_w = pairs.iter().map(|(k, _)| key_style.width(k)).fold(0.0, f64::max).min(CONTENT_WIDTH * 0.4) + 12.0;
        for (key, value) in pairs {
            let keys = key_style.wrap(key, key_w - 12.0);
            let values = Style::BODY.wrap(value, CONTENT_WIDTH - key_w);
            let h = keys.len().max(values.len()) as f64 * BODY_LEADING;
            self.ensure(h);
            let y = self.y;
            let page = self.page();
            for (i, k) in keys.iter().enumerate() {
                page.text((MARGIN, key_style.baseline(y + i as f64 * BODY_LEADING)), k, key_style.font, key_style.size, Anchor::Start, INK);
            }
            for (i, v) in values.iter().enumerate() {
                page.text(
                    (MARGIN + key_w, Style::BODY.baseline(y + i as f64 * BODY_LEADING)),
                    v,
                    Font::Regular,
                    BODY_SIZE,
                    Anchor::Start,
                    INK,
                );
            }
            self.y += h;
        }
        self.y += 8.0;
    }

    fn caption(&mut self, text: &str, keep_with: f64) {
        let style = Style { font: Font::Bold, size: 10.5, leading: 14.0, color: INK };
        let lines = style.wrap(text, CONTENT_WIDTH);
        self.space(6.0);
        self.ensure(lines.len() as f64 * style.leading + 4.0 + keep_with);
        self.lines(&lines, MARGIN, style);
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
        self.caption(&table.caption, if has_columns { header.height + first_row } else { 0.0 });
        if has_columns {
            self.table_row(&grid, &header);
            for row in &rows {
                // A row that does not fit moves to the next page, under a repeated header.
                if self.y + row.height > BOTTOM {
                    self.new_page();
                    self.table_row(&grid, &header);
                }
                self.table_row(&grid, row);
            }
        }
        if let Some(footnote) = table.footnote.as_deref().filter(|f| !f.is_empty()) {
            let style = Style { font: Font::Regular, size: 8.0, leading: 11.0, color: MUTED };
            self.y += 4.0;
            self.lines(&style.wrap(footnote, CONTENT_WIDTH), MARGIN, style);
        }
        self.y += 10.0;
    }

    fn table_row(&mut self, grid: &Grid, row: &WrappedRow) {
        let y = self.y;
        let total: f64 = grid.widths.iter().sum();
        let page = self.page();
        if row.header {
            page.rect((MARGIN, y, total, row.height), Some(HEADER_FILL), None);
        }
        for (i, lines) in row.cells.iter().enumerate() {
            let align = grid.table.columns.get(i).map_or(Align::Left, |c| c.align);
            let (left, width) = (grid.x(i), grid.widths.get(i).copied().unwrap_or_default());
            for (k, line) in lines.iter().enumerate() {
                let baseline = row.style.baseline(y + CELL_PAD_Y + k as f64 * row.style.leading);
                let (x, anchor) = match align {
                    Align::Left => (left + CELL_PAD_X, Anchor::Start),
                    Align::Right => (left + width - CELL_PAD_X, Anchor::End),
                };
                page.text((x, baseline), line, row.style.font, row.style.size, anchor, row.style.color);
            }
        }
        let rule = if row.header { Stroke::solid(INK, 0.8) } else { Stroke::solid(GRID, 0.5) };
        page.line((MARGIN, y + row.height), (MARGIN + total, y + row.height), &rule);
        self.y += row.height;
    }

    fn chart(&mut self, chart: &Chart) {
        let scene = layout::layout(chart);
        let style = Style { font: Font::Bold, size: 10.5, leading: 14.0, color: INK };
        let title = style.wrap(&chart.title, CONTENT_WIDTH);
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
        self.lines(&title, MARGIN, style);
        self.y += 4.0;
        let y = self.y;
        self.page().scene(&scene, (MARGIN, y), scale);
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
