//! Charts as accessible, standalone SVG.
//!
//! The `<svg>` has `role="img"`, its first child `<title>` is the accessible name and
//! `<desc>` the description, so a screen reader announces the chart as one image with
//! words. Every shape has its colours inline (it renders the same pasted anywhere) and a
//! class `chart-<role>` that a page's CSS may restyle. The SVG uses no ids, so a page can
//! show many charts without clashes.

use std::fmt::Write as _;

use crate::layout::{self, Anchor, Color, Scene, Shape, Stroke};
use crate::model::{Chart, ChartKind};

/// The chart as an SVG document (no XML declaration, so it can be inlined in HTML).
pub fn svg(chart: &Chart) -> String {
    render(chart, &layout::layout(chart))
}

fn kind_class(chart: &Chart) -> &'static str {
    match chart.kind {
        ChartKind::Bars(_) => "bars",
        ChartKind::Lines(_) => "lines",
        ChartKind::Forest(_) => "forest",
        ChartKind::Flow(_) => "flow",
    }
}

fn render(chart: &Chart, scene: &Scene) -> String {
    let mut out = String::new();
    let (w, h) = (num(scene.width), num(scene.height));
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart chart--{}" viewBox="0 0 {w} {h}" width="{w}" height="{h}" style="max-width:100%;height:auto" font-family="Helvetica, Arial, sans-serif">"#,
        kind_class(chart)
    );
    let _ = write!(out, "<title>{}</title><desc>{}</desc>", escape(&chart.title), escape(&chart.description));
    for item in &scene.items {
        let class = item.class;
        match &item.shape {
            Shape::Rect { x, y, w, h, fill, stroke } => {
                let _ = write!(
                    out,
                    r#"<rect class="chart-{class}" x="{}" y="{}" width="{}" height="{}"{}/>"#,
                    num(*x),
                    num(*y),
                    num(*w),
                    num(*h),
                    paint(*fill, stroke.as_ref())
                );
            }
            Shape::Line { x1, y1, x2, y2, stroke } => {
                let _ = write!(
                    out,
                    r#"<line class="chart-{class}" x1="{}" y1="{}" x2="{}" y2="{}"{}/>"#,
                    num(*x1),
                    num(*y1),
                    num(*x2),
                    num(*y2),
                    paint(None, Some(stroke))
                );
            }
            Shape::Path { points, closed, fill, stroke } => {
                let element = if *closed { "polygon" } else { "polyline" };
                let pts: Vec<String> = points.iter().map(|(x, y)| format!("{},{}", num(*x), num(*y))).collect();
                let _ = write!(out, r#"<{element} class="chart-{class}" points="{}"{}/>"#, pts.join(" "), paint(*fill, stroke.as_ref()));
            }
            Shape::Circle { cx, cy, r, fill, stroke } => {
                let _ = write!(
                    out,
                    r#"<circle class="chart-{class}" cx="{}" cy="{}" r="{}"{}/>"#,
                    num(*cx),
                    num(*cy),
                    num(*r),
                    paint(*fill, stroke.as_ref())
                );
            }
            Shape::Text { x, y, text, size, bold, anchor, color } => {
                let anchor = match anchor {
                    Anchor::Start => "start",
                    Anchor::Middle => "middle",
                    Anchor::End => "end",
                };
                let weight = if *bold { r#" font-weight="bold""# } else { "" };
                let _ = write!(
                    out,
                    r#"<text class="chart-{class}" x="{}" y="{}" font-size="{}" text-anchor="{anchor}" fill="{}"{weight}>{}</text>"#,
                    num(*x),
                    num(*y),
                    num(*size),
                    color.hex(),
                    escape(text)
                );
            }
        }
    }
    out.push_str("</svg>");
    out
}

/// Inline presentation attributes: fill (or none) and stroke.
fn paint(fill: Option<Color>, stroke: Option<&Stroke>) -> String {
    let mut out = match fill {
        Some(c) => format!(r#" fill="{}""#, c.hex()),
        None => String::from(r#" fill="none""#),
    };
    if let Some(s) = stroke {
        let _ = write!(out, r#" stroke="{}" stroke-width="{}""#, s.color.hex(), num(s.width));
        if !s.dash.is_empty() {
            let dash: Vec<String> = s.dash.iter().map(|d| num(*d)).collect();
            let _ = write!(out, r#" stroke-dasharray="{}""#, dash.join(" "));
        }
    }
    out
}

/// A coordinate with at most two decimals and no trailing zeros.
pub(crate) fn num(v: f64) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { String::from("0") } else { s.to_string() }
}

/// Escapes text for XML content and attribute values, and drops the control characters
/// XML 1.0 forbids.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(1.256), "1.26");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(f64::NAN), "0");
    }

    #[test]
    fn escaping_covers_markup_and_control_characters() {
        assert_eq!(escape("<5 & \"x\"\u{1}"), "&lt;5 &amp; &quot;x&quot;");
    }
}
