//! Degenerate input: empty reports and charts, missing and non-finite numbers, text that
//! does not fit. Every renderer still returns a well-formed file and nothing panics.

// Tests fail by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
#[path = "common/xlsx_model.rs"]
mod xlsx_model;

use sammen_reports::{
    Bar, BarValue, Bars, Block, Cell, ChartKind, Column, Flow, Forest, ForestHeaders, ForestRow, Lines, Report, Series, Table, pdf, svg,
    xlsx,
};
use sammen_test_support::tools::{pdf_page_texts, pdf_text};

fn report(blocks: Vec<Block>) -> Report {
    Report {
        title: String::new(),
        subtitle: None,
        generated_label: String::new(),
        page_label: String::from("page {n} of {m}"),
        blocks,
        lang: String::from("en"),
        created: None,
    }
}

fn headers() -> ForestHeaders {
    ForestHeaders {
        estimate_ci: String::new(),
        weight: String::new(),
        estimate: String::new(),
        ci_low: String::new(),
        ci_high: String::new(),
    }
}

fn degenerate_charts() -> Vec<sammen_reports::Chart> {
    let nan = f64::NAN;
    vec![
        common::chart("Tomme søjler", ChartKind::Bars(Bars { bars: Vec::new(), max: None })),
        common::chart(
            "Søjler uden tal",
            ChartKind::Bars(Bars {
                bars: vec![
                    Bar { label: "x".repeat(400), value: BarValue::Value(nan), text: String::from("?") },
                    Bar { label: String::from("negativ"), value: BarValue::Value(-3.0), text: String::from("−3") },
                ],
                max: Some(f64::INFINITY),
            }),
        ),
        common::chart(
            "Ingen linjer",
            ChartKind::Lines(Lines { categories: Vec::new(), series: Vec::new(), y_range: (nan, nan), band: None }),
        ),
        common::chart(
            "Omvendt akse",
            ChartKind::Lines(Lines {
                categories: vec![String::from("a")],
                series: vec![Series { name: String::from("s"), values: vec![Some(1e9), Some(2.0)] }],
                y_range: (10.0, 0.0),
                band: None,
            }),
        ),
        common::chart("Tom skov", ChartKind::Forest(Forest { rows: Vec::new(), pooled: None, headers: headers(), favours: None })),
        common::chart(
            "Skov uden tal",
            ChartKind::Forest(Forest {
                rows: vec![ForestRow {
                    label: String::from("uden tal"),
                    estimate: nan,
                    ci_low: f64::NEG_INFINITY,
                    ci_high: nan,
                    weight: Some(0.0),
                    text: String::new(),
                    weight_text: String::new(),
                }],
                pooled: None,
                headers: headers(),
                favours: None,
            }),
        ),
        common::chart("Tomt flow", ChartKind::Flow(Flow { steps: Vec::new(), stage_header: String::new(), count_header: String::new() })),
    ]
}

#[test]
fn empty_and_non_finite_charts_render() {
    for chart in degenerate_charts() {
        let svg = svg(&chart);
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{}: {e}", chart.title));
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "{}: no non-finite coordinates", chart.title);
        assert_eq!(doc.root_element().attribute("role"), Some("img"));
    }
    let blocks = degenerate_charts().into_iter().map(Block::Chart).collect();
    let bytes = pdf(&report(blocks));
    let text = String::from_utf8_lossy(&bytes);
    assert!(!text.contains("NaN") && !text.contains("inf "));
    assert!(pdf_text(&bytes).contains("Søjler uden tal"));
}

#[test]
fn an_empty_report_is_one_page() {
    let bytes = pdf(&report(Vec::new()));
    assert!(bytes.starts_with(b"%PDF-"));
    let pages = pdf_page_texts(&bytes);
    assert_eq!(pages.iter().map(|p| p.trim()).collect::<Vec<_>>(), ["page 1 of 1"]);
    xlsx_model::check_workbook("empty", &xlsx(&report(Vec::new())).unwrap(), &report(Vec::new()));
}

#[test]
fn odd_tables_render() {
    let tables = vec![
        Table { caption: String::from("Ingen kolonner"), columns: Vec::new(), rows: vec![vec![Cell::text("forsvinder")]], footnote: None },
        Table {
            caption: String::new(),
            columns: vec![Column::left("A"), Column::right("B")],
            rows: vec![
                Vec::new(),
                vec![Cell::text("kort række")],
                vec![Cell::text("for lang"), Cell::number("1", 1.0), Cell::text("ekstra")],
                vec![Cell::text("ikke et tal"), Cell::number("ikke beregnet", f64::NAN)],
            ],
            footnote: Some(String::new()),
        },
        Table {
            caption: String::from("Mange kolonner"),
            columns: (0..30).map(|i| Column::right(format!("Kolonne {i}"))).collect(),
            rows: vec![(0..30).map(|i| Cell::number("123456789", f64::from(i))).collect()],
            footnote: None,
        },
    ];
    let report = report(tables.into_iter().map(Block::Table).collect());
    let text = pdf_text(&pdf(&report));
    assert!(text.contains("kort række") && text.contains("Mange kolonner"));
    assert!(!text.contains("ekstra"), "cells beyond the columns are dropped");
    // A non-finite number is written as its text, a table without columns gets no sheet, and
    // columns go past Z: the checker compares every cell with the model.
    xlsx_model::check_workbook("odd-tables", &xlsx(&report).unwrap(), &report);
}

#[test]
fn a_chart_taller_than_a_page_is_shrunk_onto_one() {
    let bars = (0..80).map(|i| Bar { label: format!("Kommune {i}"), value: BarValue::Value(f64::from(i)), text: i.to_string() }).collect();
    let chart = common::chart("Mange søjler", ChartKind::Bars(Bars { bars, max: None }));
    let pages = pdf_page_texts(&pdf(&report(vec![Block::Paragraph(String::from("Før.")), Block::Chart(chart)])));
    assert_eq!(pages.len(), 2);
    assert!(pages[1].contains("Mange søjler") && pages[1].contains("Kommune 0") && pages[1].contains("Kommune 79"));
}

#[test]
fn control_characters_do_not_break_xml() {
    let report = report(vec![Block::Paragraph(String::from("bell\u{7} and <tag> & \"quote\""))]);
    // openpyxl refuses a workbook whose XML is not well-formed.
    xlsx_model::check_workbook("control-characters", &xlsx(&report).unwrap(), &report);
}
