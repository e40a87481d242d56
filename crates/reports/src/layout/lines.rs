//! Lines over evenly spaced categories: a legend on top, the value axis on the left, an
//! optional shaded band behind the lines.

use super::{
    Anchor, BAND, Builder, CHART_WIDTH, Color, GRID, MUTED, SERIES, SMALL_SIZE, Scale, Scene, Shape, Stroke, TEXT_SIZE, TextStyle, WHITE,
    nice_ticks,
};
use crate::model::{Chart, Lines};

const PLOT_HEIGHT: f64 = 180.0;
const LEGEND_ROW: f64 = 14.0;
const SAMPLE_WIDTH: f64 = 24.0;

/// Each series' dash pattern, so series differ in more than colour.
const DASHES: [&[f64]; 4] = [&[], &[6.0, 3.0], &[2.0, 2.0], &[8.0, 3.0, 2.0, 3.0]];

/// Each series' marker shape.
#[derive(Clone, Copy)]
enum Marker {
    Circle,
    Square,
    Triangle,
    Diamond,
}

const MARKERS: [Marker; 4] = [Marker::Circle, Marker::Square, Marker::Triangle, Marker::Diamond];

fn marker(b: &mut Builder, kind: Marker, (x, y): (f64, f64), color: Color) {
    let r = 3.4;
    // A white outline keeps markers apart where lines cross.
    let stroke = Some(Stroke::solid(WHITE, 0.6));
    let polygon = |points: Vec<(f64, f64)>| Shape::Path { points, closed: true, fill: Some(color), stroke: stroke.clone() };
    let shape = match kind {
        Marker::Circle => Shape::Circle { cx: x, cy: y, r, fill: Some(color), stroke: stroke.clone() },
        Marker::Square => Shape::Rect { x: x - r, y: y - r, w: 2.0 * r, h: 2.0 * r, fill: Some(color), stroke: stroke.clone() },
        Marker::Triangle => polygon(vec![(x, y - r * 1.2), (x + r * 1.1, y + r * 0.8), (x - r * 1.1, y + r * 0.8)]),
        Marker::Diamond => polygon(vec![(x, y - r * 1.3), (x + r * 1.1, y), (x, y + r * 1.3), (x - r * 1.1, y)]),
    };
    b.push("marker", shape);
}

pub(super) fn layout(chart: &Chart, lines: &Lines) -> Scene {
    let w = CHART_WIDTH;
    let legend_style = TextStyle::new(TEXT_SIZE, Anchor::Start);
    let tick_style = TextStyle::new(SMALL_SIZE, Anchor::End).color(MUTED);
    let mut b = Builder::new();

    // Legend: entries flow left to right and wrap.
    let mut entries: Vec<(Option<usize>, &str)> = lines.series.iter().enumerate().map(|(i, s)| (Some(i), s.name.as_str())).collect();
    if let Some(band) = &lines.band {
        entries.push((None, band.label.as_str()));
    }
    let (mut lx, mut ly) = (0.0, 0.0);
    for (series, name) in entries {
        let entry_w = SAMPLE_WIDTH + 4.0 + legend_style.width(name) + 14.0;
        if lx > 0.0 && lx + entry_w > w {
            lx = 0.0;
            ly += LEGEND_ROW;
        }
        let cy = ly + LEGEND_ROW / 2.0;
        match series {
            Some(i) => {
                let color = SERIES[i % SERIES.len()];
                let stroke = Stroke::dashed(color, 1.8, DASHES[i % DASHES.len()]);
                b.line("legend-line", (lx, cy), (lx + SAMPLE_WIDTH, cy), stroke);
                marker(&mut b, MARKERS[i % MARKERS.len()], (lx + SAMPLE_WIDTH / 2.0, cy), color);
            }
            None => b.rect("legend-band", (lx, cy - 4.0, SAMPLE_WIDTH, 8.0), Some(BAND), Some(Stroke::solid(MUTED, 0.5))),
        }
        b.text("legend-label", (lx + SAMPLE_WIDTH + 4.0, cy + TEXT_SIZE * 0.35), name, legend_style);
        lx += entry_w;
    }
    let legend_h = if lx > 0.0 { ly + LEGEND_ROW + 6.0 } else { 0.0 };

    let (y_lo, y_hi) = if lines.y_range.0 <= lines.y_range.1 { lines.y_range } else { (lines.y_range.1, lines.y_range.0) };
    let (all_ticks, decimals) = nice_ticks(y_lo, y_hi, 5);
    let eps = (y_hi - y_lo).abs() * 1e-9;
    let ticks: Vec<f64> = all_ticks.into_iter().filter(|t| *t >= y_lo - eps && *t <= y_hi + eps).collect();
    let tick_texts: Vec<String> = ticks.iter().map(|t| chart.numbers.format(*t, decimals)).collect();
    let x0 = tick_texts.iter().map(|t| tick_style.width(t)).fold(0.0, f64::max) + 8.0;
    let x1 = w - 8.0;

    let mut top = legend_h;
    if !chart.y_label.is_empty() {
        b.text("axis-title", (0.0, top + TEXT_SIZE), &chart.y_label, TextStyle::new(TEXT_SIZE, Anchor::Start).bold().color(MUTED));
        top += TEXT_SIZE + 8.0;
    }
    top += SMALL_SIZE / 2.0;
    let bottom = top + PLOT_HEIGHT;
    let y_scale = Scale { domain: (y_lo, y_hi), range: (bottom, top) };
    let clamp = |v: f64| y_scale.map(v.clamp(y_lo, y_hi));

    if let Some(band) = &lines.band {
        let (a, c) = (clamp(band.low), clamp(band.high));
        b.rect("band", (x0, a.min(c), x1 - x0, (a - c).abs()), Some(BAND), None);
    }
    for (t, text) in ticks.iter().zip(&tick_texts) {
        let y = y_scale.map(*t);
        b.line("grid", (x0, y), (x1, y), Stroke::solid(GRID, 0.5));
        b.text("tick-label", (x0 - 5.0, y + SMALL_SIZE * 0.35), text, tick_style);
    }
    b.line("axis", (x0, bottom), (x1, bottom), Stroke::solid(MUTED, 0.8));

    let n = lines.categories.len().max(1);
    let step = (x1 - x0) / n as f64;
    let cat_x = |i: usize| x0 + step * (i as f64 + 0.5);
    let cat_style = TextStyle::new(SMALL_SIZE, Anchor::Middle).color(MUTED);
    let mut label_rows = 1;
    for (i, cat) in lines.categories.iter().enumerate() {
        let x = cat_x(i);
        b.line("axis", (x, bottom), (x, bottom + 4.0), Stroke::solid(MUTED, 0.8));
        let wrapped = cat_style.wrap(cat, (step - 4.0).max(20.0));
        label_rows = label_rows.max(wrapped.len());
        for (k, line) in wrapped.iter().enumerate() {
            b.text("tick-label", (x, bottom + 4.0 + SMALL_SIZE + 1.0 + k as f64 * (SMALL_SIZE + 2.0)), line, cat_style);
        }
    }

    for (i, series) in lines.series.iter().enumerate() {
        let color = SERIES[i % SERIES.len()];
        let stroke = Stroke::dashed(color, 1.8, DASHES[i % DASHES.len()]);
        // A missing value breaks the line rather than joining its neighbours.
        let mut segment: Vec<(f64, f64)> = Vec::new();
        let mut points = Vec::new();
        for (k, v) in series.values.iter().enumerate().take(lines.categories.len()) {
            match v {
                Some(v) if v.is_finite() => {
                    let p = (cat_x(k), clamp(*v));
                    segment.push(p);
                    points.push(p);
                }
                _ => {
                    if segment.len() > 1 {
                        b.push(
                            "series",
                            Shape::Path { points: std::mem::take(&mut segment), closed: false, fill: None, stroke: Some(stroke.clone()) },
                        );
                    }
                    segment.clear();
                }
            }
        }
        if segment.len() > 1 {
            b.push("series", Shape::Path { points: segment, closed: false, fill: None, stroke: Some(stroke) });
        }
        for p in points {
            marker(&mut b, MARKERS[i % MARKERS.len()], p, color);
        }
    }

    let mut height = bottom + 4.0 + label_rows as f64 * (SMALL_SIZE + 2.0) + 6.0;
    if !chart.x_label.is_empty() {
        b.text("axis-title", ((x0 + x1) / 2.0, height + TEXT_SIZE), &chart.x_label, TextStyle::new(TEXT_SIZE, Anchor::Middle));
        height += TEXT_SIZE + 6.0;
    }
    let mut scene = b.finish(w, height.ceil());
    scene.y_scale = Some(y_scale);
    scene
}
