//! The document model: what a report says, independent of how it is drawn.
//!
//! Every piece of text is already in the reader's language and already formatted (numbers
//! Danish-style where the report is Danish): this crate has no messages of its own, so the
//! caller's translations are the only words a reader sees. Numbers that a chart has to
//! place on an axis are given as `f64` beside their text.

/// A whole report: a title block, then blocks in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The report's title, shown large on the first page and as the document title.
    pub title: String,
    /// When the report was made, as RFC 3339 ("2026-11-22T10:27:00Z"), for the file's
    /// metadata. PDF/A requires a creation date, so a PDF without one is PDF/UA only.
    pub created: Option<String>,
    /// A line under the title (e.g. the programme and period), if any.
    pub subtitle: Option<String>,
    /// When the report was made, already worded, e.g. "Udskrevet 22. november 2026".
    /// The caller passes it in because this crate never reads a clock.
    pub generated_label: String,
    /// The footer's page label with the placeholders `{n}` (this page) and `{m}` (number
    /// of pages), e.g. "side {n} af {m}" or "page {n} of {m}".
    pub page_label: String,
    /// The content, in reading order.
    pub blocks: Vec<Block>,
    /// The language the report is written in, as a BCP 47 tag (`da`, `en`): written into the
    /// documents' properties (a PDF's `/Lang`) so that screen readers and spelling checkers
    /// read it right.
    pub lang: String,
}

/// One piece of a report's content.
#[derive(Debug, Clone, PartialEq)]
// A report holds a few dozen blocks, built once; boxing the large variants would save no
// memory worth having and make every caller's literal noisier.
#[allow(clippy::large_enum_variant)]
pub enum Block {
    /// A heading of level 1 (largest) to 3; other levels are treated as the nearest of those.
    Heading(u8, String),
    /// A paragraph of running text. A `\n` starts a new line.
    Paragraph(String),
    /// A bulleted list, one item per string.
    List(Vec<String>),
    /// A boxed caveat the reader must not miss, e.g. "Ændring, ikke effekt: uden
    /// kontrolgruppe …".
    Note(String),
    /// Pairs of a label and its value, shown as two columns.
    KeyValues(Vec<(String, String)>),
    /// A table with a caption.
    Table(Table),
    /// A chart with its title.
    Chart(Chart),
}

/// A table of already-formatted cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Shown above the table.
    pub caption: String,
    /// The columns' headers and alignment; every row should have one cell per column
    /// (a short row is padded with empty cells, extra cells are dropped).
    pub columns: Vec<Column>,
    /// The body rows.
    pub rows: Vec<Vec<Cell>>,
    /// Shown in small type under the table, if any.
    pub footnote: Option<String>,
}

/// A table column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The header text, repeated at the top of every page the table continues on.
    pub header: String,
    /// How the column's cells are aligned.
    pub align: Align,
    /// How a spreadsheet shows the column's numbers.
    pub numbers: Numbers,
}

impl Column {
    /// A left-aligned column, for text.
    pub fn left(header: impl Into<String>) -> Self {
        Column { header: header.into(), align: Align::Left, numbers: Numbers::General }
    }

    /// A right-aligned column, for numbers.
    pub fn right(header: impl Into<String>) -> Self {
        Column { header: header.into(), align: Align::Right, numbers: Numbers::General }
    }

    /// The column's numbers have `decimals` decimals, however many the values need.
    pub fn fixed(mut self, decimals: u8) -> Self {
        self.numbers = Numbers::Fixed(decimals);
        self
    }

    /// The column's numbers are shares (fractions, 0.45 for 45 %), shown as percentages with
    /// `decimals` decimals.
    pub fn percent(mut self, decimals: u8) -> Self {
        self.numbers = Numbers::Percent(decimals);
        self
    }

    /// The column's cells are intervals ([`Cell::interval`]): a spreadsheet splits the column
    /// into two number columns headed `low` and `high`, each with `decimals` decimals.
    pub fn interval(mut self, decimals: u8, low: impl Into<String>, high: impl Into<String>) -> Self {
        self.numbers = Numbers::Interval { decimals, low: low.into(), high: high.into() };
        self
    }
}

/// How a spreadsheet stores and shows a column's numbers. The PDF and the web show the cells'
/// text whatever this says.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Numbers {
    /// As few decimals as the column's values need, up to three.
    #[default]
    General,
    /// Always this many decimals, thousands grouped.
    Fixed(u8),
    /// Shares stored as fractions and shown as percentages with this many decimals.
    Percent(u8),
    /// Two columns, lower and upper limit, from each cell's [`Cell::interval`].
    Interval { decimals: u8, low: String, high: String },
}

/// Horizontal alignment of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// A table cell: its text as the reader sees it, and optionally the number behind it so
/// that a spreadsheet gets a real number rather than text.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// What the PDF and the web show, e.g. "0,45" or "< 5".
    pub text: String,
    /// The value the XLSX stores, e.g. `0.45`; `None` stores the text.
    pub number: Option<f64>,
    /// An interval's limits (lower, upper), e.g. a confidence interval written "0,12; 0,78";
    /// a spreadsheet stores them as two numbers in a [`Numbers::Interval`] column.
    pub interval: Option<(f64, f64)>,
}

impl Cell {
    /// A cell that is only text.
    pub fn text(text: impl Into<String>) -> Self {
        Cell { text: text.into(), number: None, interval: None }
    }

    /// A cell showing `text` whose value in a spreadsheet is `number`.
    pub fn number(text: impl Into<String>, number: f64) -> Self {
        Cell { text: text.into(), number: Some(number), interval: None }
    }

    /// A cell showing `text` whose value in a spreadsheet is the interval `low` to `high`.
    pub fn interval(text: impl Into<String>, low: f64, high: f64) -> Self {
        Cell { text: text.into(), number: None, interval: Some((low, high)) }
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Cell::text(text)
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Cell::text(text)
    }
}

/// How a chart writes the numbers it makes itself (axis ticks and flow counts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NumberStyle {
    /// Decimal comma and thousands point: `1.234,5`.
    #[default]
    Danish,
    /// Decimal point and thousands comma: `1,234.5`.
    English,
}

impl NumberStyle {
    /// Formats `value` with `decimals` decimals, thousands grouped, and a true minus sign
    /// (U+2212, which the PDF's embedded font has).
    pub fn format(self, value: f64, decimals: usize) -> String {
        let (point, group) = match self {
            NumberStyle::Danish => (',', '.'),
            NumberStyle::English => ('.', ','),
        };
        if !value.is_finite() {
            return String::from("–");
        }
        let plain = format!("{:.*}", decimals, value.abs());
        // "-0,0" is noise: a value that rounds to zero is shown without a sign.
        let negative = value < 0.0 && plain.chars().any(|c| c.is_ascii_digit() && c != '0');
        let (int_part, frac_part) = match plain.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (plain.as_str(), None),
        };
        let mut out = String::new();
        if negative {
            out.push('\u{2212}');
        }
        let digits: Vec<char> = int_part.chars().collect();
        for (i, d) in digits.iter().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(group);
            }
            out.push(*d);
        }
        if let Some(f) = frac_part {
            out.push(point);
            out.push_str(f);
        }
        out
    }
}

/// A chart: a picture plus the words that make it accessible.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The chart's title: the SVG's `<title>` (its accessible name) and the caption above
    /// it in the PDF. The web page shows it as the figure's caption; the SVG does not draw it.
    pub title: String,
    /// What the chart shows, in words, for screen readers (the SVG's `<desc>`).
    pub description: String,
    /// The value axis's label for bars, lines and forest plots (drawn under the axis); in
    /// the XLSX it heads the value column. Empty for none.
    pub x_label: String,
    /// The category label: drawn above the categories (bars, forest) or the value axis
    /// (lines); in the XLSX it heads the category column. Empty for none.
    pub y_label: String,
    /// How axis ticks and counts are written.
    pub numbers: NumberStyle,
    /// What kind of chart, with its data.
    pub kind: ChartKind,
}

/// The kinds of chart, each with its data.
#[derive(Debug, Clone, PartialEq)]
// As for `Block`: few values, built once, so unboxed variants keep callers' literals plain.
#[allow(clippy::large_enum_variant)]
pub enum ChartKind {
    Bars(Bars),
    Lines(Lines),
    Forest(Forest),
    Flow(Flow),
}

/// Horizontal labelled bars, one per category.
#[derive(Debug, Clone, PartialEq)]
pub struct Bars {
    pub bars: Vec<Bar>,
    /// The value axis reaches at least this far (e.g. `100.0` for percentages); `None` fits
    /// the axis to the data.
    pub max: Option<f64>,
}

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: BarValue,
    /// The value as written at the bar's end, e.g. "42 %" or "< 5".
    pub text: String,
}

/// A bar's value, or that it was suppressed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum BarValue {
    Value(f64),
    /// Too few to show (small-number suppression): drawn as an empty hatched bar reaching
    /// `below`, the bound under which values are suppressed, so the picture says "somewhere
    /// under this" without giving the number.
    Suppressed {
        below: f64,
    },
}

/// Lines over categories (dates or waves), one line per series.
#[derive(Debug, Clone, PartialEq)]
pub struct Lines {
    /// The x positions' labels, evenly spaced, e.g. "Start", "3 mdr.", "6 mdr.".
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    /// The value axis's range, bottom to top; values outside are drawn at the edge.
    pub y_range: (f64, f64),
    /// A shaded range, e.g. a normal range or a clinical cut-off band.
    pub band: Option<Band>,
}

/// One line in a [`Lines`] chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Shown in the legend.
    pub name: String,
    /// One value per category; `None` leaves a gap.
    pub values: Vec<Option<f64>>,
}

/// A shaded reference band on a [`Lines`] chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    /// Shown in the legend.
    pub label: String,
    pub low: f64,
    pub high: f64,
}

/// A forest plot: one estimate with its confidence interval per row, then the pooled
/// estimate as a diamond and, if given, the prediction interval.
#[derive(Debug, Clone, PartialEq)]
pub struct Forest {
    pub rows: Vec<ForestRow>,
    pub pooled: Option<ForestPooled>,
    /// The column headers: the plot shows `estimate_ci` and `weight`; the XLSX uses all.
    pub headers: ForestHeaders,
    /// Words under the axis on either side of zero, e.g. ("Forværring", "Forbedring").
    pub favours: Option<(String, String)>,
}

/// Column headers of a forest plot and its data table.
#[derive(Debug, Clone, PartialEq)]
pub struct ForestHeaders {
    /// Heads the text column beside the plot, e.g. "d [95 % KI]".
    pub estimate_ci: String,
    /// Heads the weight column, e.g. "Vægt".
    pub weight: String,
    /// XLSX column headers for the numbers, e.g. "Estimat", "KI nedre", "KI øvre".
    pub estimate: String,
    pub ci_low: String,
    pub ci_high: String,
}

/// One study or site in a forest plot.
#[derive(Debug, Clone, PartialEq)]
pub struct ForestRow {
    pub label: String,
    pub estimate: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    /// Relative weight in percent; sets the marker's size. `None` draws a middle size.
    pub weight: Option<f64>,
    /// The estimate and interval as written beside the plot, e.g. "0,45 [0,12; 0,78]".
    pub text: String,
    /// The weight as written, e.g. "23,1 %"; empty for none.
    pub weight_text: String,
}

/// The pooled estimate of a forest plot.
#[derive(Debug, Clone, PartialEq)]
pub struct ForestPooled {
    pub label: String,
    pub estimate: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    pub text: String,
    pub prediction: Option<PredictionInterval>,
}

/// Where a new site's effect would be expected to fall (drawn as a line under the diamond).
#[derive(Debug, Clone, PartialEq)]
pub struct PredictionInterval {
    pub label: String,
    pub low: f64,
    pub high: f64,
    pub text: String,
}

/// A CONSORT-style flow: boxes from top to bottom, each with a count, and beside the arrow
/// into a box the number lost on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    pub steps: Vec<FlowStep>,
    /// XLSX column headers, e.g. "Trin" and "Antal".
    pub stage_header: String,
    pub count_header: String,
}

/// One box of a [`Flow`].
#[derive(Debug, Clone, PartialEq)]
pub struct FlowStep {
    pub label: String,
    pub count: u64,
    /// Those lost between the previous box and this one, drawn in a side box.
    pub lost: Option<FlowLoss>,
}

/// A side box of a [`Flow`]: how many were lost and why.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowLoss {
    pub label: String,
    pub count: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_and_english_numbers() {
        assert_eq!(NumberStyle::Danish.format(1234.5, 1), "1.234,5");
        assert_eq!(NumberStyle::English.format(1234.5, 1), "1,234.5");
        assert_eq!(NumberStyle::Danish.format(-0.25, 2), "\u{2212}0,25");
        assert_eq!(NumberStyle::Danish.format(-0.001, 1), "0,0");
        assert_eq!(NumberStyle::Danish.format(1_000_000.0, 0), "1.000.000");
        assert_eq!(NumberStyle::Danish.format(120.0, 0), "120");
        // The web pages and the documents share this one formatter.
        assert_eq!(NumberStyle::English.format(-1234.5, 1), "\u{2212}1,234.5");
        assert_eq!(NumberStyle::Danish.format(-1234.5, 1), "\u{2212}1.234,5");
        assert_eq!(NumberStyle::English.format(-0.04, 1), "0.0", "no sign on a value that rounds to zero");
        assert_eq!(NumberStyle::English.format(999.96, 1), "1,000.0", "grouping after rounding");
        assert_eq!(NumberStyle::Danish.format(12_345_678.9, 2), "12.345.678,90");
        assert_eq!(NumberStyle::Danish.format(f64::NAN, 1), "–");
        assert_eq!(NumberStyle::English.format(f64::INFINITY, 0), "–");
    }
}
