//! A forest plot: labels on the left, estimates with their intervals in the middle, the
//! estimates and weights as text on the right, the pooled diamond and prediction interval
//! at the bottom, and a vertical line at zero.

use super::{
    Anchor, Builder, CHART_WIDTH, GRID, INK, MUTED, SERIES, SMALL_SIZE, Scale, Scene, Shape, Stroke, TEXT_SIZE, TextStyle, nice_ticks,
    x_axis,
};
use crate::model::{Chart, Forest};

const LEADING: f64 = 11.0;
const MIN_ROW: f64 = 18.0;

/// One drawn row, before its geometry.
struct Row<'a> {
    label: &'a str,
    kind: RowKind,
    text: &'a str,
    weight_text: &'a str,
}

enum RowKind {
    Study { estimate: f64, low: f64, high: f64, weight: Option<f64> },
    Pooled { estimate: f64, low: f64, high: f64 },
    Prediction { low: f64, high: f64 },
}

pub(super) fn layout(chart: &Chart, forest: &Forest) -> Scene {
    let w = CHART_WIDTH;
    let label_style = TextStyle::new(TEXT_SIZE, Anchor::Start);
    let text_style = TextStyle::new(TEXT_SIZE, Anchor::End);
    let header_style = TextStyle::new(TEXT_SIZE, Anchor::End).bold().color(MUTED);

    let mut rows: Vec<Row> = forest
        .rows
        .iter()
        .map(|r| Row {
            label: &r.label,
            kind: RowKind::Study { estimate: r.estimate, low: r.ci_low, high: r.ci_high, weight: r.weight },
            text: &r.text,
            weight_text: &r.weight_text,
        })
        .collect();
    if let Some(p) = &forest.pooled {
        rows.push(Row {
            label: &p.label,
            kind: RowKind::Pooled { estimate: p.estimate, low: p.ci_low, high: p.ci_high },
            text: &p.text,
            weight_text: "",
        });
        if let Some(pi) = &p.prediction {
            rows.push(Row { label: &pi.label, kind: RowKind::Prediction { low: pi.low, high: pi.high }, text: &pi.text, weight_text: "" });
        }
    }

    // Columns: labels | plot | estimate text | weight text.
    let bold_for = |r: &Row| matches!(r.kind, RowKind::Pooled { .. });
    let style_for = |r: &Row, s: TextStyle| if bold_for(r) { s.bold() } else { s };
    let label_w = rows
        .iter()
        .map(|r| style_for(r, label_style).width(r.label))
        .chain(std::iter::once(header_style.width(&chart.y_label)))
        .fold(0.0, f64::max)
        .min(w * 0.3);
    let text_w = rows
        .iter()
        .map(|r| style_for(r, text_style).width(r.text))
        .chain(std::iter::once(header_style.width(&forest.headers.estimate_ci)))
        .fold(0.0, f64::max);
    let has_weights = rows.iter().any(|r| !r.weight_text.is_empty());
    let weight_w = if has_weights {
        rows.iter()
            .map(|r| text_style.width(r.weight_text))
            .chain(std::iter::once(header_style.width(&forest.headers.weight)))
            .fold(0.0, f64::max)
            + 10.0
    } else {
        0.0
    };
    // Right-aligned text stops short of the edge: a browser's fallback font may run wider
    // than the metrics measured with, and the SVG clips at its edge.
    let right = w - 3.0;
    let text_right = right - weight_w;
    let x0 = label_w + 12.0;
    let x1 = (text_right - text_w - 14.0).max(x0 + 80.0);

    // The axis always shows zero: an interval's position relative to "no change" is the point.
    let (mut lo, mut hi) = (0.0f64, 0.0f64);
    for r in &rows {
        let (a, c) = match r.kind {
            RowKind::Study { low, high, estimate, .. } | RowKind::Pooled { low, high, estimate } => (low.min(estimate), high.max(estimate)),
            RowKind::Prediction { low, high } => (low, high),
        };
        if a.is_finite() && c.is_finite() {
            lo = lo.min(a);
            hi = hi.max(c);
        }
    }
    let (ticks, decimals) = nice_ticks(lo, hi, 5);
    let domain = (ticks.first().copied().unwrap_or(lo), ticks.last().copied().unwrap_or(hi));
    let scale = Scale { domain, range: (x0, x1) };

    let mut b = Builder::new();
    let header_y = TEXT_SIZE + 1.0;
    b.text("header", (0.0, header_y), &chart.y_label, TextStyle { anchor: Anchor::Start, ..header_style });
    b.text("header", (text_right, header_y), &forest.headers.estimate_ci, header_style);
    if has_weights {
        b.text("header", (right, header_y), &forest.headers.weight, header_style);
    }
    let top = header_y + 6.0;
    b.line("rule", (0.0, top), (w, top), Stroke::solid(MUTED, 0.6));

    let max_weight = forest.rows.iter().filter_map(|r| r.weight).fold(0.0, f64::max);
    let color = SERIES[0];
    let mut y = top + 2.0;
    let mut pooled_estimate = None;
    let mut studies_bottom = y;
    for r in &rows {
        let lines = style_for(r, label_style).wrap(r.label, label_w);
        let h = (lines.len() as f64 * LEADING + 6.0).max(MIN_ROW);
        if matches!(r.kind, RowKind::Pooled { .. }) {
            studies_bottom = y;
            b.line("rule", (0.0, y), (w, y), Stroke::solid(GRID, 0.6));
        }
        let cy = y + h / 2.0;
        b.text_block("row-label", 0.0, cy, &lines, LEADING, style_for(r, label_style));
        let baseline = cy + TEXT_SIZE * 0.35;
        b.text("row-text", (text_right, baseline), r.text, style_for(r, text_style));
        b.text("row-weight", (right, baseline), r.weight_text, text_style);
        match r.kind {
            RowKind::Study { estimate, low, high, weight } => {
                b.line("ci", (scale.map(low), cy), (scale.map(high), cy), Stroke::solid(INK, 1.0));
                // Area, not side, in proportion to weight: the eye reads area.
                let side = match weight {
                    Some(wt) if max_weight > 0.0 => 4.0 + 8.0 * (wt.max(0.0) / max_weight).sqrt(),
                    _ => 8.0,
                };
                let x = scale.map(estimate);
                b.rect("estimate", (x - side / 2.0, cy - side / 2.0, side, side), Some(color), None);
            }
            RowKind::Pooled { estimate, low, high } => {
                pooled_estimate = Some(estimate);
                let points =
                    vec![(scale.map(low), cy), (scale.map(estimate), cy - 6.0), (scale.map(high), cy), (scale.map(estimate), cy + 6.0)];
                b.push("pooled", Shape::Path { points, closed: true, fill: Some(color), stroke: Some(Stroke::solid(color, 0.5)) });
            }
            RowKind::Prediction { low, high } => {
                let (a, c) = (scale.map(low), scale.map(high));
                let stroke = Stroke::solid(color, 1.4);
                b.line("prediction", (a, cy), (c, cy), stroke.clone());
                b.line("prediction", (a, cy - 4.0), (a, cy + 4.0), stroke.clone());
                b.line("prediction", (c, cy - 4.0), (c, cy + 4.0), stroke);
            }
        }
        y += h;
        if !matches!(r.kind, RowKind::Pooled { .. } | RowKind::Prediction { .. }) {
            studies_bottom = y;
        }
    }
    let bottom = y + 2.0;

    let zero = scale.map(0.0);
    b.line("zero-line", (zero, top), (zero, bottom), Stroke::solid(INK, 0.8));
    if let Some(est) = pooled_estimate {
        b.line("pooled-line", (scale.map(est), top), (scale.map(est), studies_bottom), Stroke::dashed(MUTED, 0.7, &[3.0, 3.0]));
    }
    x_axis(&mut b, &scale, &ticks, decimals, bottom, chart);
    let mut height = bottom + 4.0 + SMALL_SIZE + 6.0;
    if let Some((left, right)) = &forest.favours {
        let style = TextStyle::new(SMALL_SIZE, Anchor::End).color(MUTED);
        b.text("favours", (zero - 6.0, height + SMALL_SIZE), &format!("\u{2190} {left}"), style);
        b.text("favours", (zero + 6.0, height + SMALL_SIZE), &format!("{right} \u{2192}"), TextStyle { anchor: Anchor::Start, ..style });
        height += SMALL_SIZE + 6.0;
    }
    if !chart.x_label.is_empty() {
        b.text("axis-title", ((x0 + x1) / 2.0, height + TEXT_SIZE), &chart.x_label, TextStyle::new(TEXT_SIZE, Anchor::Middle));
        height += TEXT_SIZE + 6.0;
    }
    let mut scene = b.finish(w, height.ceil());
    scene.x_scale = Some(scale);
    scene
}
