//! The SVG charts and the geometry they share with the PDF.

// Tests fail by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use sammen_reports::layout::{Shape, layout};
use sammen_reports::{BarValue, ChartKind, svg};

fn parse(svg: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("the SVG is not well-formed XML: {e}\n{svg}"))
}

fn texts(doc: &roxmltree::Document) -> Vec<String> {
    doc.descendants().filter(|n| n.has_tag_name("text")).map(|n| n.text().unwrap_or_default().to_string()).collect()
}

#[test]
fn every_kind_is_well_formed_accessible_svg() {
    for chart in [common::bars(), common::lines(), common::forest(), common::flow()] {
        let svg = svg(&chart);
        let doc = parse(&svg);
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(root.tag_name().namespace(), Some("http://www.w3.org/2000/svg"));
        assert_eq!(root.attribute("role"), Some("img"), "{}", chart.title);
        assert!(root.attribute("viewBox").is_some());
        let children: Vec<_> = root.children().filter(|n| n.is_element()).collect();
        assert_eq!(children[0].tag_name().name(), "title", "the title comes first, as the accessible name");
        assert_eq!(children[0].text(), Some(chart.title.as_str()));
        assert_eq!(children[1].tag_name().name(), "desc");
        assert_eq!(children[1].text(), Some(chart.description.as_str()));
        assert!(root.descendants().all(|n| n.attribute("id").is_none()), "no ids that could clash on a page");
        for shape in root.descendants().filter(|n| ["rect", "line", "polygon", "polyline", "circle", "text"].contains(&n.tag_name().name()))
        {
            assert!(shape.attribute("class").is_some_and(|c| c.starts_with("chart-")), "every shape has a class");
            assert!(shape.attribute("fill").is_some(), "every shape has an inline fill, so the SVG renders standalone");
        }
    }
}

#[test]
fn markup_in_labels_is_escaped() {
    let mut chart = common::bars();
    chart.title = String::from("<script>alert(1)</script> & \"x\"");
    let ChartKind::Bars(bars) = &mut chart.kind else { panic!() };
    bars.bars[0].label = String::from("<b>Aarhus</b>");
    let svg = svg(&chart);
    let doc = parse(&svg);
    assert!(doc.descendants().all(|n| !n.has_tag_name("script") && !n.has_tag_name("b")));
    assert!(texts(&doc).contains(&String::from("<b>Aarhus</b>")));
}

#[test]
fn a_suppressed_bar_is_hatched_and_labelled() {
    let chart = common::bars();
    let scene = layout(&chart);
    let suppressed: Vec<_> = scene.with_class("bar-suppressed").collect();
    assert!(suppressed.len() > 2, "an outline and hatching lines");
    let Shape::Rect { x, w, fill, .. } = &suppressed[0].shape else { panic!("the outline comes first") };
    assert_eq!(*fill, None, "a suppressed bar is empty");
    let scale = scene.x_scale.unwrap();
    assert!((x - scale.map(0.0)).abs() < 1e-9 && (x + w - scale.map(5.0)).abs() < 1e-9, "it reaches the suppression bound");
    assert_eq!(scene.with_class("bar").count(), 2);
    let doc_svg = svg(&chart);
    let doc = parse(&doc_svg);
    let texts = texts(&doc);
    for expected in ["<5", "42", "17", "Aarhus", "Ærø"] {
        assert!(texts.iter().any(|t| t == expected), "{expected}");
    }
    // The long label wraps rather than running into the bars.
    assert!(texts.iter().filter(|t| t.contains("Københavns") || t.contains("Udvikling")).count() >= 2);
}

#[test]
fn bars_reach_their_values() {
    let chart = common::bars();
    let scene = layout(&chart);
    let scale = scene.x_scale.unwrap();
    assert_eq!(scale.domain, (0.0, 50.0), "42 at most, on ticks of 10");
    let ChartKind::Bars(bars) = &chart.kind else { panic!() };
    let values: Vec<f64> = bars.bars.iter().filter_map(|b| if let BarValue::Value(v) = b.value { Some(v) } else { None }).collect();
    for (item, v) in scene.with_class("bar").zip(values) {
        let Shape::Rect { x, w, .. } = item.shape else { panic!() };
        assert!((x + w - scale.map(v)).abs() < 1e-9);
    }
}

#[test]
fn the_forest_plot_puts_zero_and_the_intervals_where_they_belong() {
    let chart = common::forest();
    let scene = layout(&chart);
    let scale = scene.x_scale.unwrap();
    // The data run from −0.3 to 1.1 with zero inside: ticks every 0.2 from −0.4 to 1.2.
    assert_eq!(scale.domain, (-0.4, 1.2));
    let (x0, x1) = scale.range;
    let at = |v: f64| x0 + (v + 0.4) / 1.6 * (x1 - x0);

    let zero: Vec<_> = scene.with_class("zero-line").collect();
    assert_eq!(zero.len(), 1);
    let Shape::Line { x1: zx1, x2: zx2, y1, y2, .. } = zero[0].shape else { panic!() };
    assert!((zx1 - at(0.0)).abs() < 1e-9 && (zx2 - at(0.0)).abs() < 1e-9, "zero line at {zx1}, expected {}", at(0.0));
    assert!(y2 > y1, "the zero line is vertical");

    let whiskers: Vec<_> = scene.with_class("ci").collect();
    let expected = [(0.1, 0.7), (-0.3, 0.7), (0.05, 1.1)];
    assert_eq!(whiskers.len(), expected.len());
    let mut last_y = f64::MIN;
    for (item, (lo, hi)) in whiskers.iter().zip(expected) {
        let Shape::Line { x1, x2, y1, y2, .. } = item.shape else { panic!() };
        assert!((x1 - at(lo)).abs() < 1e-9, "whisker starts at {x1}, expected {}", at(lo));
        assert!((x2 - at(hi)).abs() < 1e-9, "whisker ends at {x2}, expected {}", at(hi));
        assert_eq!(y1, y2, "whiskers are horizontal");
        assert!(y1 > last_y, "rows go down the page in order");
        last_y = y1;
    }

    // The estimate markers are centred on the estimates; the heaviest is the largest.
    let squares: Vec<(f64, f64)> = scene
        .with_class("estimate")
        .map(|i| match i.shape {
            Shape::Rect { x, w, .. } => (x + w / 2.0, w),
            _ => panic!(),
        })
        .collect();
    for ((cx, _), est) in squares.iter().zip([0.4, 0.2, 0.6]) {
        assert!((cx - at(est)).abs() < 1e-9);
    }
    assert!(squares[0].1 > squares[2].1 && squares[2].1 > squares[1].1);

    // The pooled diamond spans its interval with its points at the estimate.
    let Shape::Path { points, closed: true, .. } = &scene.with_class("pooled").next().unwrap().shape else { panic!() };
    assert!((points[0].0 - at(0.2)).abs() < 1e-9 && (points[2].0 - at(0.62)).abs() < 1e-9 && (points[1].0 - at(0.41)).abs() < 1e-9);
    // The prediction interval is drawn below the diamond, from −0.1 to 0.9.
    let Shape::Line { x1: px1, x2: px2, y1: py, .. } = scene.with_class("prediction").next().unwrap().shape else { panic!() };
    assert!((px1 - at(-0.1)).abs() < 1e-9 && (px2 - at(0.9)).abs() < 1e-9);
    assert!(py > points[0].1);

    // Tick labels are Danish and sit on their ticks.
    let ticks: Vec<(f64, String)> = scene
        .with_class("tick-label")
        .map(|i| match &i.shape {
            Shape::Text { x, text, .. } => (*x, text.clone()),
            _ => panic!(),
        })
        .collect();
    assert_eq!(ticks.len(), 9);
    assert_eq!(ticks[0].1, "\u{2212}0,4");
    assert_eq!(ticks[2].1, "0,0");
    assert!((ticks[2].0 - at(0.0)).abs() < 1e-9);
    assert_eq!(ticks[8].1, "1,2");
}

#[test]
fn the_forest_svg_shows_the_texts_beside_the_plot() {
    let doc_svg = svg(&common::forest());
    let doc = parse(&doc_svg);
    let texts = texts(&doc);
    for expected in [
        "Kommune",
        "d [95 % KI]",
        "Vægt",
        "Aarhus",
        "0,40 [0,10; 0,70]",
        "40,0 %",
        "Samlet",
        "0,41 [0,20; 0,62]",
        "Prædiktionsinterval",
        "← Forværring",
        "Forbedring →",
    ] {
        assert!(texts.iter().any(|t| t == expected), "{expected:?} in {texts:?}");
    }
}

#[test]
fn flow_boxes_show_their_counts() {
    let chart = common::flow();
    let doc_svg = svg(&chart);
    let doc = parse(&doc_svg);
    let counts: Vec<String> =
        doc.descendants().filter(|n| n.attribute("class") == Some("chart-flow-count")).map(|n| n.text().unwrap().to_string()).collect();
    assert_eq!(counts, ["n = 120", "n = 110", "n = 80", "n = 78"]);
    let side: Vec<String> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("chart-flow-side-count"))
        .map(|n| n.text().unwrap().to_string())
        .collect();
    assert_eq!(side, ["n = 10", "n = 30", "n = 2"]);

    // Boxes go down the page without overlapping, and each side box is beside the arrow into its step.
    let scene = layout(&chart);
    let boxes: Vec<(f64, f64)> = scene
        .with_class("flow-box")
        .map(|i| match i.shape {
            Shape::Rect { y, h, .. } => (y, y + h),
            _ => panic!(),
        })
        .collect();
    let sides: Vec<(f64, f64)> = scene
        .with_class("flow-side")
        .map(|i| match i.shape {
            Shape::Rect { y, h, .. } => (y, y + h),
            _ => panic!(),
        })
        .collect();
    assert_eq!(boxes.len(), 4);
    for pair in boxes.windows(2) {
        assert!(pair[1].0 > pair[0].1, "boxes do not overlap");
    }
    for (i, side) in sides.iter().enumerate() {
        assert!(side.0 > boxes[i].1 && side.1 < boxes[i + 1].0, "side box {i} lies between boxes {i} and {}", i + 1);
    }
    assert!(scene.height >= boxes[3].1);
}

#[test]
fn counts_use_the_charts_number_style() {
    let mut chart = common::flow();
    let ChartKind::Flow(flow) = &mut chart.kind else { panic!() };
    flow.steps[0].count = 12_345;
    assert!(svg(&chart).contains(">n = 12.345<"));
    chart.numbers = sammen_reports::NumberStyle::English;
    assert!(svg(&chart).contains(">n = 12,345<"));
}

#[test]
fn line_series_differ_in_dash_and_marker_not_only_colour() {
    let chart = common::lines();
    let scene = layout(&chart);
    let series: Vec<_> = scene.with_class("series").collect();
    // The first series has a gap, so it is drawn as two pieces; the one-point piece is only a marker.
    assert_eq!(series.len(), 2);
    let dash = |i: usize| match &series[i].shape {
        Shape::Path { stroke: Some(s), .. } => s.dash.clone(),
        _ => panic!(),
    };
    assert_ne!(dash(0), dash(1));
    let markers: Vec<_> = scene.with_class("marker").collect();
    // 3 + 4 on the lines, one per legend entry.
    assert_eq!(markers.len(), 9);
    assert!(markers.iter().any(|m| matches!(m.shape, Shape::Circle { .. })));
    assert!(markers.iter().any(|m| matches!(m.shape, Shape::Rect { .. })));

    let y = scene.y_scale.unwrap();
    let Shape::Rect { y: band_top, h, .. } = scene.with_class("band").next().unwrap().shape else { panic!() };
    assert!((band_top - y.map(25.0)).abs() < 1e-9 && (band_top + h - y.map(15.0)).abs() < 1e-9);

    let doc_svg = svg(&chart);
    let doc = parse(&doc_svg);
    let texts = texts(&doc);
    for expected in ["Deltagere", "Peer-medarbejdere", "Normalområde", "Start", "12 mdr.", "0", "35"] {
        assert!(texts.iter().any(|t| t == expected), "{expected:?} in {texts:?}");
    }
    assert!(doc_svg.contains("stroke-dasharray"));
}
