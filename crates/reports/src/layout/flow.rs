//! A CONSORT-style flow: a column of boxes joined by arrows, and beside each arrow a box
//! with those lost on the way.

use super::{Anchor, Builder, CHART_WIDTH, INK, MUTED, PALE, SERIES, Scene, Shape, Stroke, TEXT_SIZE, TextStyle, WHITE};
use crate::model::{Chart, Flow};

const MAIN_X: f64 = 10.0;
const MAIN_W: f64 = 240.0;
const SIDE_X: f64 = 290.0;
const SIDE_W: f64 = CHART_WIDTH - SIDE_X - 2.0;
const PAD: f64 = 7.0;
const LEADING: f64 = 12.0;
const ARROW: f64 = 6.0;

/// A box's text, wrapped: the label's lines, then "n = 120" in bold.
struct BoxText {
    lines: Vec<String>,
    count: String,
    height: f64,
}

impl BoxText {
    fn new(label: &str, count: u64, width: f64, chart: &Chart) -> Self {
        let lines = TextStyle::new(TEXT_SIZE, Anchor::Start).wrap(label, width - 2.0 * PAD);
        let count = format!("n = {}", chart.numbers.format(count as f64, 0));
        let height = (lines.len() + 1) as f64 * LEADING + 2.0 * PAD - 2.0;
        BoxText { lines, count, height }
    }
}

/// Which kind of box: the main column's or a side box of those lost.
#[derive(Clone, Copy, PartialEq)]
enum BoxKind {
    Main,
    Side,
}

fn draw_box(b: &mut Builder, kind: BoxKind, (x, y, w): (f64, f64, f64), text: &BoxText) {
    let (class, count_class, fill, border) = match kind {
        BoxKind::Main => ("flow-box", "flow-count", WHITE, SERIES[0]),
        BoxKind::Side => ("flow-side", "flow-side-count", PALE, MUTED),
    };
    b.rect(class, (x, y, w, text.height), Some(fill), Some(Stroke::solid(border, 1.0)));
    let style = TextStyle::new(TEXT_SIZE, Anchor::Middle);
    let cx = x + w / 2.0;
    let mut baseline = y + PAD + TEXT_SIZE * 0.8;
    for line in &text.lines {
        b.text("flow-label", (cx, baseline), line, style);
        baseline += LEADING;
    }
    b.text(count_class, (cx, baseline), &text.count, style.bold());
}

/// An arrow from `from` to `to` with its head at `to`; only vertical and horizontal arrows
/// are drawn.
fn arrow(b: &mut Builder, from: (f64, f64), to: (f64, f64)) {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let len = (dx * dx + dy * dy).sqrt().max(1e-9);
    let (ux, uy) = (dx / len, dy / len);
    let base = (to.0 - ux * ARROW, to.1 - uy * ARROW);
    b.line("flow-arrow", from, base, Stroke::solid(INK, 1.0));
    let half = ARROW * 0.55;
    let points = vec![to, (base.0 - uy * half, base.1 + ux * half), (base.0 + uy * half, base.1 - ux * half)];
    b.push("flow-arrow", Shape::Path { points, closed: true, fill: Some(INK), stroke: None });
}

pub(super) fn layout(chart: &Chart, flow: &Flow) -> Scene {
    let mut b = Builder::new();
    let cx = MAIN_X + MAIN_W / 2.0;
    let mut y = 2.0;
    let mut previous_bottom: Option<f64> = None;
    // The lowest point of any side box so far: the next one must start below it.
    let mut side_floor = f64::MIN;
    for step in &flow.steps {
        let main = BoxText::new(&step.label, step.count, MAIN_W, chart);
        let side = step.lost.as_ref().map(|l| BoxText::new(&l.label, l.count, SIDE_W, chart));
        match (previous_bottom, &side) {
            (Some(prev), Some(s)) => {
                let side_top = (prev + 10.0).max(side_floor + 8.0);
                let mid = side_top + s.height / 2.0;
                let top = (side_top + s.height + 10.0).max(prev + 28.0);
                arrow(&mut b, (cx, prev), (cx, top));
                draw_box(&mut b, BoxKind::Side, (SIDE_X, side_top, SIDE_W), s);
                arrow(&mut b, (cx, mid), (SIDE_X, mid));
                side_floor = side_top + s.height;
                y = top;
            }
            (Some(prev), None) => {
                y = prev + 28.0;
                arrow(&mut b, (cx, prev), (cx, y));
            }
            // The first box has no arrow into it; its losses sit beside it.
            (None, Some(s)) => {
                draw_box(&mut b, BoxKind::Side, (SIDE_X, y, SIDE_W), s);
                let mid = y + main.height.min(s.height) / 2.0;
                arrow(&mut b, (MAIN_X + MAIN_W, mid), (SIDE_X, mid));
                side_floor = y + s.height;
            }
            (None, None) => {}
        }
        draw_box(&mut b, BoxKind::Main, (MAIN_X, y, MAIN_W), &main);
        previous_bottom = Some(y + main.height);
    }
    let height = previous_bottom.unwrap_or(y).max(side_floor) + 2.0;
    b.finish(CHART_WIDTH, height.ceil())
}
