//! Chart geometry: one computation per chart kind, which both the SVG and the PDF draw, so
//! the two pictures are the same.
//!
//! A [`Scene`] is a list of shapes in points, with the origin at the top left and y growing
//! downwards (as in SVG; the PDF renderer flips it). Every shape carries a class naming its
//! role (`"zero-line"`, `"ci"`, `"bar"` …): the SVG writes it as a CSS class and tests use
//! it to find a shape.

mod bars;
mod flow;
mod forest;
mod lines;

use crate::font::{self, Font};
use crate::model::{Chart, ChartKind};

/// The width of every chart, in points: the PDF's text width on A4 with 2 cm margins, so a
/// chart is drawn at its natural size there. The SVG scales with its container.
pub const CHART_WIDTH: f64 = 480.0;

/// Type sizes inside charts, in points.
pub(crate) const TEXT_SIZE: f64 = 9.0;
pub(crate) const SMALL_SIZE: f64 = 8.0;

/// A colour, as red, green and blue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Color(pub u8, pub u8, pub u8);

impl Color {
    /// `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Relative luminance as WCAG 2 defines it.
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// WCAG 2 contrast ratio against white.
    pub fn contrast_with_white(self) -> f64 {
        1.05 / (self.luminance() + 0.05)
    }
}

/// Text and essential lines. Every colour a reader must see has at least 4.5:1 contrast
/// against white (WCAG AA for text; graphics need only 3:1), which a unit test checks.
pub const INK: Color = Color(0x1a, 0x1a, 0x1a);
/// Secondary text, axes and tick labels.
pub const MUTED: Color = Color(0x59, 0x59, 0x59);
/// Gridlines: decorative, so they may be light.
pub const GRID: Color = Color(0xd9, 0xd9, 0xd9);
/// The fill of a reference band: decorative; the band is named in the legend.
pub const BAND: Color = Color(0xe3, 0xec, 0xf5);
/// The fill of a flow chart's side boxes.
pub const PALE: Color = Color(0xf4, 0xf4, 0xf4);
pub const WHITE: Color = Color(0xff, 0xff, 0xff);
/// Series colours, in order. Series are also told apart by dash pattern and marker shape,
/// so no reader has to rely on colour.
pub const SERIES: [Color; 4] = [Color(0x1f, 0x5f, 0x99), Color(0xa8, 0x43, 0x00), Color(0x2a, 0x6e, 0x3f), Color(0x6a, 0x3d, 0x9a)];

/// A line's colour, width and dash pattern (empty for solid).
#[derive(Debug, Clone, PartialEq)]
pub struct Stroke {
    pub color: Color,
    pub width: f64,
    pub dash: Vec<f64>,
}

impl Stroke {
    pub fn solid(color: Color, width: f64) -> Self {
        Stroke { color, width, dash: Vec::new() }
    }

    pub fn dashed(color: Color, width: f64, dash: &[f64]) -> Self {
        Stroke { color, width, dash: dash.to_vec() }
    }
}

/// Where a text's `x` is: its start, middle or end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// One shape of a scene.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Rect {
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        fill: Option<Color>,
        stroke: Option<Stroke>,
    },
    Line {
        x1: f64,
        y1: f64,
        x2: f64,
        y2: f64,
        stroke: Stroke,
    },
    /// An open polyline or, if `closed`, a polygon.
    Path {
        points: Vec<(f64, f64)>,
        closed: bool,
        fill: Option<Color>,
        stroke: Option<Stroke>,
    },
    Circle {
        cx: f64,
        cy: f64,
        r: f64,
        fill: Option<Color>,
        stroke: Option<Stroke>,
    },
    /// One line of text; `y` is the baseline.
    Text {
        x: f64,
        y: f64,
        text: String,
        size: f64,
        bold: bool,
        anchor: Anchor,
        color: Color,
    },
}

/// A shape and its role.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The role, e.g. `"zero-line"`; the SVG writes it as the class `chart-<role>`.
    pub class: &'static str,
    pub shape: Shape,
}

/// A linear map from data values to x (or y) positions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    /// The data values at the two ends of the axis.
    pub domain: (f64, f64),
    /// The positions of the two ends, in points.
    pub range: (f64, f64),
}

impl Scale {
    /// The position of `value`.
    pub fn map(&self, value: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        if (d1 - d0).abs() < f64::EPSILON {
            return (r0 + r1) / 2.0;
        }
        r0 + (value - d0) / (d1 - d0) * (r1 - r0)
    }
}

/// A chart's geometry.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    pub width: f64,
    pub height: f64,
    pub items: Vec<Item>,
    /// The horizontal value axis, for bars and forest plots.
    pub x_scale: Option<Scale>,
    /// The vertical value axis, for line charts.
    pub y_scale: Option<Scale>,
}

impl Scene {
    /// The items with the given class, in drawing order.
    pub fn with_class<'a>(&'a self, class: &'a str) -> impl Iterator<Item = &'a Item> + 'a {
        self.items.iter().filter(move |i| i.class == class)
    }
}

/// Lays out `chart`: the one geometry both renderers draw.
pub fn layout(chart: &Chart) -> Scene {
    match &chart.kind {
        ChartKind::Bars(b) => bars::layout(chart, b),
        ChartKind::Lines(l) => lines::layout(chart, l),
        ChartKind::Forest(f) => forest::layout(chart, f),
        ChartKind::Flow(f) => flow::layout(chart, f),
    }
}

/// Tick values for an axis from `lo` to `hi`, at a "nice" step (1, 2 or 5 times a power of
/// ten) giving about `target` intervals. The first tick is at or below `lo` and the last at
/// or above `hi`. Returns the ticks and the number of decimals their step needs.
pub fn nice_ticks(lo: f64, hi: f64, target: usize) -> (Vec<f64>, usize) {
    let (mut lo, mut hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
    if !lo.is_finite() || !hi.is_finite() {
        return (vec![0.0, 1.0], 0);
    }
    if (hi - lo).abs() < 1e-12 {
        let pad = if lo.abs() > 1e-12 { lo.abs() / 2.0 } else { 1.0 };
        lo -= pad;
        hi += pad;
    }
    let raw = (hi - lo) / target.max(1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let residual = raw / magnitude;
    // The round step nearest the raw one on a log scale (the thresholds are the geometric
    // means of neighbouring steps), so the tick count stays close to `target`.
    let nice = if residual < 2f64.sqrt() {
        1.0
    } else if residual < 10f64.sqrt() {
        2.0
    } else if residual < 50f64.sqrt() {
        5.0
    } else {
        10.0
    };
    let step = nice * magnitude;
    // Integer multiples of the step, rounded to the step's decimals, so 0.2 * 6 is 1.2 and
    // not 1.2000000000000002.
    let first = (lo / step + 1e-9).floor() as i64;
    let last = (hi / step - 1e-9).ceil() as i64;
    let decimals = if step >= 1.0 { 0 } else { (-step.log10().floor()) as usize };
    let unit = 10f64.powi(decimals as i32);
    let ticks = (first..=last).map(|k| (k as f64 * step * unit).round() / unit).collect();
    (ticks, decimals)
}

/// Collects a scene's items; the helpers keep the layouts short.
pub(crate) struct Builder {
    pub(crate) items: Vec<Item>,
}

impl Builder {
    pub(crate) fn new() -> Self {
        Builder { items: Vec::new() }
    }

    pub(crate) fn push(&mut self, class: &'static str, shape: Shape) {
        self.items.push(Item { class, shape });
    }

    pub(crate) fn line(&mut self, class: &'static str, (x1, y1): (f64, f64), (x2, y2): (f64, f64), stroke: Stroke) {
        self.push(class, Shape::Line { x1, y1, x2, y2, stroke });
    }

    pub(crate) fn rect(&mut self, class: &'static str, (x, y, w, h): (f64, f64, f64, f64), fill: Option<Color>, stroke: Option<Stroke>) {
        self.push(class, Shape::Rect { x, y, w, h, fill, stroke });
    }

    pub(crate) fn text(&mut self, class: &'static str, (x, y): (f64, f64), text: &str, style: TextStyle) {
        if text.is_empty() {
            return;
        }
        self.push(
            class,
            Shape::Text { x, y, text: text.to_string(), size: style.size, bold: style.bold, anchor: style.anchor, color: style.color },
        );
    }

    /// Draws `lines` as a block whose middle is at `cy`, one line every `leading` points.
    pub(crate) fn text_block(&mut self, class: &'static str, x: f64, cy: f64, lines: &[String], leading: f64, style: TextStyle) {
        let first = cy - (lines.len().saturating_sub(1)) as f64 * leading / 2.0 + style.size * 0.35;
        for (i, line) in lines.iter().enumerate() {
            self.text(class, (x, first + i as f64 * leading), line, style);
        }
    }

    /// Diagonal hatching inside a rectangle, as line segments already clipped to it, so
    /// neither renderer needs patterns or clipping (and an SVG needs no ids, which would
    /// clash when a page shows several charts).
    pub(crate) fn hatch(&mut self, class: &'static str, (x, y, w, h): (f64, f64, f64, f64), spacing: f64, stroke: &Stroke) {
        if w <= 0.0 || h <= 0.0 {
            return;
        }
        // Lines x + y = c, rising to the right on the page.
        let mut c = x + y + spacing;
        while c < x + w + y + h {
            let xa = x.max(c - (y + h));
            let xb = (x + w).min(c - y);
            if xb > xa {
                self.line(class, (xa, c - xa), (xb, c - xb), stroke.clone());
            }
            c += spacing;
        }
    }

    pub(crate) fn finish(self, width: f64, height: f64) -> Scene {
        Scene { width, height, items: self.items, x_scale: None, y_scale: None }
    }
}

/// How a text is set.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TextStyle {
    pub(crate) size: f64,
    pub(crate) bold: bool,
    pub(crate) anchor: Anchor,
    pub(crate) color: Color,
}

impl TextStyle {
    pub(crate) const fn new(size: f64, anchor: Anchor) -> Self {
        TextStyle { size, bold: false, anchor, color: INK }
    }

    pub(crate) const fn bold(self) -> Self {
        TextStyle { bold: true, ..self }
    }

    pub(crate) const fn color(self, color: Color) -> Self {
        TextStyle { color, ..self }
    }

    pub(crate) fn font(self) -> Font {
        if self.bold { Font::Bold } else { Font::Regular }
    }

    pub(crate) fn width(self, text: &str) -> f64 {
        font::text_width(text, self.font(), self.size)
    }

    pub(crate) fn wrap(self, text: &str, max_width: f64) -> Vec<String> {
        font::wrap(text, self.font(), self.size, max_width)
    }
}

/// A horizontal value axis along `y`: a baseline, tick marks and tick labels.
pub(crate) fn x_axis(b: &mut Builder, scale: &Scale, ticks: &[f64], decimals: usize, y: f64, chart: &Chart) {
    let style = TextStyle::new(SMALL_SIZE, Anchor::Middle).color(MUTED);
    b.line("axis", (scale.range.0, y), (scale.range.1, y), Stroke::solid(MUTED, 0.8));
    for &t in ticks {
        let x = scale.map(t);
        b.line("axis", (x, y), (x, y + 4.0), Stroke::solid(MUTED, 0.8));
        b.text("tick-label", (x, y + 4.0 + SMALL_SIZE + 1.0), &chart.numbers.format(t, decimals), style);
    }
}

#[cfg(test)]
#[allow(clippy::panic)] // a test fails by panicking
mod tests {
    use super::*;

    #[test]
    fn nice_ticks_cover_the_range_at_a_round_step() {
        assert_eq!(nice_ticks(0.0, 100.0, 5), (vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0], 0));
        let (ticks, decimals) = nice_ticks(-0.3, 1.1, 5);
        assert_eq!(decimals, 1);
        assert_eq!(ticks.first().copied(), Some(-0.4));
        assert_eq!(ticks.last().copied(), Some(1.2));
        let (ticks, _) = nice_ticks(3.0, 3.0, 5);
        assert!(ticks.first().copied().unwrap_or(9.0) <= 3.0 && ticks.last().copied().unwrap_or(0.0) >= 3.0);
    }

    #[test]
    fn colours_a_reader_needs_meet_wcag_aa_against_white() {
        for c in [INK, MUTED].iter().chain(SERIES.iter()) {
            assert!(c.contrast_with_white() >= 4.5, "{} has {:.2}:1", c.hex(), c.contrast_with_white());
        }
    }

    #[test]
    fn hatching_stays_inside_its_rectangle() {
        let mut b = Builder::new();
        b.hatch("h", (10.0, 20.0, 30.0, 12.0), 4.0, &Stroke::solid(INK, 0.5));
        assert!(!b.items.is_empty());
        for item in &b.items {
            let Shape::Line { x1, y1, x2, y2, .. } = item.shape else { panic!("not a line") };
            for (x, y) in [(x1, y1), (x2, y2)] {
                assert!((10.0 - 1e-9..=40.0 + 1e-9).contains(&x) && (20.0 - 1e-9..=32.0 + 1e-9).contains(&y), "({x}, {y})");
            }
        }
    }
}
