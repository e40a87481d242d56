//! One page's drawing, recorded in top-down coordinates (as the layouts and krilla think),
//! with every piece marked as either tagged content or an artifact.
//!
//! Recording first and drawing later lets the composer decide page breaks and the structure
//! tree in one pass, and lets the renderer open and close marked content exactly around
//! what it marks. Anything drawn while no mark is open is wrapped as a layout artifact, so
//! no operator ever lands outside marked content.

use crate::font::{self, Font};
use crate::layout::{Anchor, Color, Scene, Shape, Stroke};

/// A4 portrait, in points.
pub(crate) const PAGE_WIDTH: f64 = 595.28;
pub(crate) const PAGE_HEIGHT: f64 = 841.89;

/// Bézier handle length for a quarter circle.
const KAPPA: f64 = 0.552_284_75;

/// A coordinate a PDF can hold: a chart fed a non-finite number draws it at 0 rather than
/// writing `NaN` into the content stream.
fn fin(v: f64) -> f64 {
    if v.is_finite() { v } else { 0.0 }
}

fn fin2((x, y): (f64, f64)) -> (f64, f64) {
    (fin(x), fin(y))
}

/// What a run of drawing is to a reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    /// Text belonging to structure leaf `n` (a line of a paragraph, a cell, a heading …).
    Text(usize),
    /// A figure's drawing, structure leaf `n`.
    Figure(usize),
    /// The running footer: title and page number.
    Footer,
    /// Rules, fills and other decoration, and a table header repeated on a new page.
    Layout,
}

/// One drawing operation, in points from the page's top left.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Op {
    Begin(Mark),
    End,
    /// One line of text starting at `x` with its baseline at `y`.
    Text {
        x: f64,
        y: f64,
        text: String,
        font: Font,
        size: f64,
        color: Color,
    },
    /// A polyline or polygon; `fill` only applies to closed ones.
    Path {
        points: Vec<(f64, f64)>,
        closed: bool,
        fill: Option<Color>,
        stroke: Option<Stroke>,
    },
    /// A path of cubic segments, as (start, [(c1, c2, end)]), always closed.
    Curve {
        start: (f64, f64),
        segments: Vec<[(f64, f64); 3]>,
        fill: Option<Color>,
        stroke: Option<Stroke>,
    },
}

#[derive(Default)]
pub(crate) struct Canvas {
    pub(crate) ops: Vec<Op>,
    open: bool,
}

impl Canvas {
    /// Starts marked content; must be closed with [`Canvas::end`] before the next begins.
    pub(crate) fn begin(&mut self, mark: Mark) {
        if self.open {
            self.end();
        }
        self.ops.push(Op::Begin(mark));
        self.open = true;
    }

    pub(crate) fn end(&mut self) {
        if self.open {
            self.ops.push(Op::End);
            self.open = false;
        }
    }

    /// Records `op`, inside a layout artifact if no mark is open.
    fn push(&mut self, op: Op) {
        if self.open {
            self.ops.push(op);
        } else {
            self.ops.extend([Op::Begin(Mark::Layout), op, Op::End]);
        }
    }

    /// One line of text with its baseline at `y` (from the page's top).
    pub(crate) fn text(&mut self, (x, y): (f64, f64), text: &str, font: Font, size: f64, anchor: Anchor, color: Color) {
        if text.is_empty() || !size.is_finite() || size <= 0.0 {
            return;
        }
        let (x, y) = fin2((x, y));
        let width = font::text_width(text, font, size);
        let x = match anchor {
            Anchor::Start => x,
            Anchor::Middle => x - width / 2.0,
            Anchor::End => x - width,
        };
        self.push(Op::Text { x, y, text: text.to_string(), font, size, color });
    }

    pub(crate) fn rect(&mut self, (x, y, w, h): (f64, f64, f64, f64), fill: Option<Color>, stroke: Option<&Stroke>) {
        let points = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)].into_iter().map(fin2).collect();
        self.push(Op::Path { points, closed: true, fill, stroke: stroke.cloned() });
    }

    pub(crate) fn line(&mut self, a: (f64, f64), b: (f64, f64), stroke: &Stroke) {
        self.push(Op::Path { points: vec![fin2(a), fin2(b)], closed: false, fill: None, stroke: Some(stroke.clone()) });
    }

    pub(crate) fn path(&mut self, points: &[(f64, f64)], closed: bool, fill: Option<Color>, stroke: Option<&Stroke>) {
        if points.is_empty() {
            return;
        }
        // An open path is never filled: a polyline's fill would be a stray wedge.
        let fill = if closed { fill } else { None };
        self.push(Op::Path { points: points.iter().copied().map(fin2).collect(), closed, fill, stroke: stroke.cloned() });
    }

    pub(crate) fn circle(&mut self, centre: (f64, f64), r: f64, fill: Option<Color>, stroke: Option<&Stroke>) {
        let ((cx, cy), r) = (fin2(centre), fin(r));
        let k = r * KAPPA;
        let segments = vec![
            [(cx + r, cy + k), (cx + k, cy + r), (cx, cy + r)],
            [(cx - k, cy + r), (cx - r, cy + k), (cx - r, cy)],
            [(cx - r, cy - k), (cx - k, cy - r), (cx, cy - r)],
            [(cx + k, cy - r), (cx + r, cy - k), (cx + r, cy)],
        ];
        self.push(Op::Curve { start: (cx + r, cy), segments, fill, stroke: stroke.cloned() });
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
    use crate::layout::INK;

    #[test]
    fn drawing_outside_a_mark_becomes_a_layout_artifact() {
        let mut c = Canvas::default();
        c.line((0.0, 0.0), (1.0, 1.0), &Stroke::solid(INK, 1.0));
        c.begin(Mark::Text(0));
        c.text((0.0, 10.0), "Ærø", Font::Regular, 10.0, Anchor::Start, INK);
        c.end();
        assert!(matches!(c.ops[0], Op::Begin(Mark::Layout)));
        assert!(matches!(c.ops[2], Op::End));
        assert!(matches!(c.ops[3], Op::Begin(Mark::Text(0))));
        assert!(matches!(c.ops[4], Op::Text { .. }));
        assert!(matches!(c.ops[5], Op::End));
    }
}
