//! One page's content stream, drawn in top-down coordinates (as the layouts think) and
//! written in PDF's bottom-up ones.

use std::fmt::Write as _;

use crate::afm::{self, Font};
use crate::layout::{Anchor, Color, Scene, Shape, Stroke};

/// A4 portrait, in points.
pub(crate) const PAGE_WIDTH: f64 = 595.28;
pub(crate) const PAGE_HEIGHT: f64 = 841.89;

/// Bézier handle length for a quarter circle.
const KAPPA: f64 = 0.552_284_75;

/// A page's drawing operators, uncompressed so that tests (and [`crate::pdf_text`]) can
/// read the text.
#[derive(Default)]
pub(crate) struct Canvas {
    ops: String,
}

/// A number for the content stream: at most three decimals, no trailing zeros.
fn n(v: f64) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { String::from("0") } else { s.to_string() }
}

fn rgb(c: Color) -> String {
    format!("{} {} {}", n(f64::from(c.0) / 255.0), n(f64::from(c.1) / 255.0), n(f64::from(c.2) / 255.0))
}

/// `text` as a PDF literal string in WinAnsi: `(`, `)` and `\` escaped, and every byte
/// outside printable ASCII written as an octal escape so the file stays readable.
pub(crate) fn literal(text: &str) -> String {
    let mut out = String::from("(");
    for b in afm::encode(text) {
        match b {
            b'(' | b')' | b'\\' => {
                out.push('\\');
                out.push(char::from(b));
            }
            0x20..=0x7E => out.push(char::from(b)),
            _ => {
                let _ = write!(out, "\\{b:03o}");
            }
        }
    }
    out.push(')');
    out
}

impl Canvas {
    pub(crate) fn into_ops(self) -> String {
        self.ops
    }

    /// One line of text with its baseline at `y` (from the page's top).
    pub(crate) fn text(&mut self, (x, y): (f64, f64), text: &str, font: Font, size: f64, anchor: Anchor, color: Color) {
        if text.is_empty() {
            return;
        }
        let width = afm::text_width(text, font, size);
        let x = match anchor {
            Anchor::Start => x,
            Anchor::Middle => x - width / 2.0,
            Anchor::End => x - width,
        };
        let name = match font {
            Font::Regular => "F1",
            Font::Bold => "F2",
        };
        let _ =
            writeln!(self.ops, "BT /{name} {} Tf {} rg {} {} Td {} Tj ET", n(size), rgb(color), n(x), n(PAGE_HEIGHT - y), literal(text));
    }

    /// Sets colours, width and dash, then paints the current path.
    fn paint(&mut self, fill: Option<Color>, stroke: Option<&Stroke>) {
        if let Some(c) = fill {
            let _ = write!(self.ops, "{} rg ", rgb(c));
        }
        if let Some(s) = stroke {
            let dash: Vec<String> = s.dash.iter().map(|d| n(*d)).collect();
            let _ = write!(self.ops, "{} RG {} w [{}] 0 d ", rgb(s.color), n(s.width), dash.join(" "));
        }
        let op = match (fill.is_some(), stroke.is_some()) {
            (true, true) => "B",
            (true, false) => "f",
            (false, true) => "S",
            (false, false) => "n",
        };
        let _ = writeln!(self.ops, "{op} Q");
    }

    pub(crate) fn rect(&mut self, (x, y, w, h): (f64, f64, f64, f64), fill: Option<Color>, stroke: Option<&Stroke>) {
        let _ = write!(self.ops, "q {} {} {} {} re ", n(x), n(PAGE_HEIGHT - y - h), n(w), n(h));
        self.paint(fill, stroke);
    }

    pub(crate) fn line(&mut self, (x1, y1): (f64, f64), (x2, y2): (f64, f64), stroke: &Stroke) {
        let _ = write!(self.ops, "q {} {} m {} {} l ", n(x1), n(PAGE_HEIGHT - y1), n(x2), n(PAGE_HEIGHT - y2));
        self.paint(None, Some(stroke));
    }

    pub(crate) fn path(&mut self, points: &[(f64, f64)], closed: bool, fill: Option<Color>, stroke: Option<&Stroke>) {
        let Some(((x0, y0), rest)) = points.split_first() else { return };
        let _ = write!(self.ops, "q {} {} m ", n(*x0), n(PAGE_HEIGHT - y0));
        for (x, y) in rest {
            let _ = write!(self.ops, "{} {} l ", n(*x), n(PAGE_HEIGHT - y));
        }
        if closed {
            self.ops.push_str("h ");
        }
        // An open path is never filled: a polyline's fill would be a stray wedge.
        self.paint(if closed { fill } else { None }, stroke);
    }

    pub(crate) fn circle(&mut self, (cx, cy): (f64, f64), r: f64, fill: Option<Color>, stroke: Option<&Stroke>) {
        let cy = PAGE_HEIGHT - cy;
        let k = r * KAPPA;
        let _ = write!(
            self.ops,
            "q {} {} m {} {} {} {} {} {} c {} {} {} {} {} {} c {} {} {} {} {} {} c {} {} {} {} {} {} c h ",
            n(cx + r),
            n(cy),
            n(cx + r),
            n(cy + k),
            n(cx + k),
            n(cy + r),
            n(cx),
            n(cy + r),
            n(cx - k),
            n(cy + r),
            n(cx - r),
            n(cy + k),
            n(cx - r),
            n(cy),
            n(cx - r),
            n(cy - k),
            n(cx - k),
            n(cy - r),
            n(cx),
            n(cy - r),
            n(cx + k),
            n(cy - r),
            n(cx + r),
            n(cy - k),
            n(cx + r),
            n(cy)
        );
        self.paint(fill, stroke);
    }

    /// Draws a chart's scene with its top left at (`ox`, `oy`), scaled by `scale`.
    pub(crate) fn scene(&mut self, scene: &Scene, (ox, oy): (f64, f64), scale: f64) {
        let p = |x: f64, y: f64| (ox + x * scale, oy + y * scale);
        let scaled = |s: &Stroke| Stroke { color: s.color, width: s.width * scale, dash: s.dash.iter().map(|d| d * scale).collect() };
        for item in &scene.items {
            match &item.shape {
                Shape::Rect { x, y, w, h, fill, stroke } => {
                    let (x, y) = p(*x, *y);
                    self.rect((x, y, w * scale, h * scale), *fill, stroke.as_ref().map(scaled).as_ref());
                }
                Shape::Line { x1, y1, x2, y2, stroke } => self.line(p(*x1, *y1), p(*x2, *y2), &scaled(stroke)),
                Shape::Path { points, closed, fill, stroke } => {
                    let points: Vec<(f64, f64)> = points.iter().map(|(x, y)| p(*x, *y)).collect();
                    self.path(&points, *closed, *fill, stroke.as_ref().map(scaled).as_ref());
                }
                Shape::Circle { cx, cy, r, fill, stroke } => {
                    self.circle(p(*cx, *cy), r * scale, *fill, stroke.as_ref().map(scaled).as_ref())
                }
                Shape::Text { x, y, text, size, bold, anchor, color } => {
                    let font = if *bold { Font::Bold } else { Font::Regular };
                    self.text(p(*x, *y), text, font, size * scale, *anchor, *color);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_escape_delimiters_and_encode_winansi() {
        assert_eq!(literal("a(b)c\\"), "(a\\(b\\)c\\\\)");
        assert_eq!(literal("æ–"), "(\\346\\226)");
    }
}
