//! Horizontal bars: labels on the left, bars from zero, the value written at each bar's end.

use super::{
    Anchor, Builder, CHART_WIDTH, GRID, INK, MUTED, SERIES, SMALL_SIZE, Scale, Scene, Stroke, TEXT_SIZE, TextStyle, nice_ticks, x_axis,
};
use crate::model::{BarValue, Bars, Chart};

const BAR_HEIGHT: f64 = 12.0;
const LEADING: f64 = 11.0;

pub(super) fn layout(chart: &Chart, bars: &Bars) -> Scene {
    let label_style = TextStyle::new(TEXT_SIZE, Anchor::End);
    let value_style = TextStyle::new(TEXT_SIZE, Anchor::Start);
    let w = CHART_WIDTH;

    let label_w = bars.bars.iter().map(|b| label_style.width(&b.label)).fold(0.0, f64::max).min(w * 0.38);
    let value_w = bars.bars.iter().map(|b| value_style.width(&b.text)).fold(0.0, f64::max);
    let x0 = label_w + 10.0;
    let x1 = (w - value_w - 8.0).max(x0 + 100.0);

    let reach = |v: &BarValue| match *v {
        BarValue::Value(v) => v,
        BarValue::Suppressed { below } => below,
    };
    let lo = bars.bars.iter().map(|b| reach(&b.value)).fold(0.0, f64::min);
    let hi = bars.bars.iter().map(|b| reach(&b.value)).chain(bars.max).fold(0.0, f64::max);
    let (ticks, decimals) = nice_ticks(lo, if hi > lo { hi } else { lo + 1.0 }, 5);
    let domain = (ticks.first().copied().unwrap_or(0.0), ticks.last().copied().unwrap_or(1.0));
    let scale = Scale { domain, range: (x0, x1) };

    let mut b = Builder::new();
    let mut y = 4.0;
    if !chart.y_label.is_empty() {
        b.text("axis-title", (x0 - 10.0, TEXT_SIZE + 1.0), &chart.y_label, label_style.bold().color(MUTED));
        y = TEXT_SIZE + 8.0;
    }
    let top = y;

    let rows: Vec<(Vec<String>, f64)> = bars
        .bars
        .iter()
        .map(|bar| {
            let lines = label_style.wrap(&bar.label, label_w);
            let h = (lines.len() as f64 * LEADING + 8.0).max(22.0);
            (lines, h)
        })
        .collect();
    let bottom = top + rows.iter().map(|(_, h)| h).sum::<f64>();

    // Gridlines first, so bars are drawn over them.
    for &t in &ticks {
        let x = scale.map(t);
        b.line("grid", (x, top), (x, bottom), Stroke::solid(GRID, 0.5));
    }

    let zero = scale.map(0.0);
    let color = SERIES[0];
    for (bar, (lines, h)) in bars.bars.iter().zip(&rows) {
        let cy = y + h / 2.0;
        b.text_block("bar-label", x0 - 6.0, cy, lines, LEADING, label_style);
        let end = scale.map(reach(&bar.value));
        let rect = (zero.min(end), cy - BAR_HEIGHT / 2.0, (end - zero).abs(), BAR_HEIGHT);
        match bar.value {
            BarValue::Value(_) => b.rect("bar", rect, Some(color), None),
            BarValue::Suppressed { .. } => {
                b.rect("bar-suppressed", rect, None, Some(Stroke::solid(color, 0.8)));
                b.hatch("bar-suppressed", rect, 4.0, &Stroke::solid(color, 0.6));
            }
        }
        let (tx, anchor) = if end >= zero { (end.max(zero) + 4.0, Anchor::Start) } else { (end - 4.0, Anchor::End) };
        b.text("bar-value", (tx, cy + TEXT_SIZE * 0.35), &bar.text, TextStyle { anchor, ..value_style });
        y += h;
    }

    if domain.0 < 0.0 {
        b.line("zero-line", (zero, top), (zero, bottom), Stroke::solid(INK, 0.8));
    }
    x_axis(&mut b, &scale, &ticks, decimals, bottom, chart);
    let mut height = bottom + 4.0 + SMALL_SIZE + 6.0;
    if !chart.x_label.is_empty() {
        b.text("axis-title", ((x0 + x1) / 2.0, height + TEXT_SIZE), &chart.x_label, TextStyle::new(TEXT_SIZE, Anchor::Middle));
        height += TEXT_SIZE + 6.0;
    }
    let mut scene = b.finish(w, height.ceil());
    scene.x_scale = Some(scale);
    scene
}
