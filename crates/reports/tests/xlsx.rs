//! The XLSX, read back by openpyxl (`scripts/check-xlsx.py`): one sheet for the text, one per
//! table and chart, each an Excel table with a frozen header row, numbers stored as numbers
//! with their column's format, intervals as two number columns, and the values the model has.

// Tests fail by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
#[path = "common/xlsx_model.rs"]
mod xlsx_model;

use sammen_reports::{
    Block, Cell, Column, Forest, ForestHeaders, ForestPooled, ForestRow, PredictionInterval, Report, Table, chart_data, xlsx,
};

/// A table with every kind of column: text, fixed decimals, a share, an interval, and a
/// column that says nothing (as many decimals as its values need), with suppressed and
/// missing cells and a repeated header.
fn every_column_kind() -> Table {
    Table {
        caption: String::from("Tabel 3. Ændring pr. kommune: før/efter [95 % KI]"),
        columns: vec![
            Column::left("Kommune"),
            Column::right("n").fixed(0),
            Column::right("Gennemsnitlig ændring").fixed(1),
            Column::right("95 % KI").interval(1, "KI nedre", "KI øvre"),
            Column::right("Gennemført").percent(0),
            Column::right("p").fixed(3),
            Column::right("Uden format"),
            Column::right("n"),
        ],
        rows: vec![
            vec![
                Cell::text("Aarhus"),
                Cell::number("42", 42.0),
                Cell::number("\u{2212}1,5", -1.5),
                Cell::interval("\u{2212}2,6; 5,2", -2.6, 5.2),
                Cell::number("76 %", 0.7619),
                Cell::number("0,012", 0.0123),
                Cell::number("1,25", 1.25),
                Cell::number("1.234", 1234.0),
            ],
            vec![
                Cell::text("Ærø"),
                Cell::text("x"),
                Cell::text(""),
                Cell::text("–"),
                Cell::text("–"),
                Cell::text(""),
                Cell::number("3", 3.0),
            ],
            vec![Cell::text("=HYPERLINK(\"http://x\")"), Cell::number("1", 1.0)],
        ],
        footnote: Some(String::from("x: færre end 5.")),
    }
}

fn every_table_kind() -> Report {
    let mut report = common::report();
    report.blocks.push(Block::Table(every_column_kind()));
    report.blocks.push(Block::List(vec![String::from("Første punkt"), String::from("Andet punkt")]));
    report.blocks.push(Block::Table(Table {
        caption: String::from("Tabel 1. Nøgletal"),
        columns: vec![Column::left("Tom tabel")],
        rows: Vec::new(),
        footnote: None,
    }));
    report
}

/// A pooled result as the pooling page makes it: a caveat, the forest plot and the key
/// figures, in English.
fn pooled() -> Report {
    let row = |label: &str, estimate: f64, ci_low: f64, ci_high: f64, weight: f64| ForestRow {
        label: label.to_string(),
        estimate,
        ci_low,
        ci_high,
        weight: Some(weight),
        text: format!("{estimate:.2} [{ci_low:.2}; {ci_high:.2}]"),
        weight_text: format!("{weight:.1} %"),
    };
    let mut chart = common::forest();
    chart.numbers = sammen_reports::NumberStyle::English;
    chart.kind = sammen_reports::ChartKind::Forest(Forest {
        rows: vec![row("North", 0.31, 0.02, 0.6, 33.3), row("South", -0.12, -0.5, 0.26, 30.1), row("East", 0.55, 0.21, 0.89, 36.6)],
        pooled: Some(ForestPooled {
            label: String::from("Pooled"),
            estimate: 0.26,
            ci_low: -0.1,
            ci_high: 0.62,
            text: String::from("0.26 [-0.10; 0.62]"),
            prediction: Some(PredictionInterval { label: String::from("Prediction interval"), low: -0.6, high: 1.1, text: String::new() }),
        }),
        headers: ForestHeaders {
            estimate_ci: String::from("SMCR [95% CI]"),
            weight: String::from("Weight"),
            estimate: String::from("Estimate"),
            ci_low: String::from("CI lower"),
            ci_high: String::from("CI upper"),
        },
        favours: None,
    });
    Report {
        title: String::from("Pooled per-site summaries"),
        created: None,
        subtitle: None,
        generated_label: String::from("Generated 2026-11-22"),
        page_label: String::from("page {n} of {m}"),
        blocks: vec![
            Block::Note(String::from("Change, not effect.")),
            Block::Chart(chart),
            Block::KeyValues(vec![(String::from("τ²"), String::from("0.0123"))]),
        ],
        lang: String::from("en"),
    }
}

#[test]
fn every_workbook_passes_the_checker() {
    for (name, report) in [("every-table-kind", every_table_kind()), ("pooled", pooled()), ("sample", common::report())] {
        let book = xlsx(&report).unwrap();
        xlsx_model::check_workbook(name, &book, &report);
    }
}

#[test]
fn an_empty_report_is_one_sheet_that_passes() {
    let mut report = pooled();
    report.blocks.clear();
    report.title = String::from("History");
    let book = xlsx(&report).unwrap();
    xlsx_model::check_workbook("empty", &book, &report);
}

#[test]
fn the_checker_catches_a_wrong_value() {
    let report = every_table_kind();
    let book = xlsx(&report).unwrap();
    let mut wrong = report.clone();
    if let Some(Block::Table(t)) = wrong.blocks.iter_mut().find(|b| matches!(b, Block::Table(t) if t.caption.starts_with("Tabel 3"))) {
        t.rows[0][3] = Cell::interval("", -2.6, 5.3);
    }
    let result = std::panic::catch_unwind(|| xlsx_model::check_workbook("wrong", &book, &wrong));
    assert!(result.is_err(), "the checker compares values with the model");
}

#[test]
fn chart_data_is_a_table_a_page_can_show() {
    let table = chart_data(&common::forest());
    assert_eq!(table.columns.iter().map(|c| c.header.as_str()).collect::<Vec<_>>(), ["Kommune", "Estimat", "KI nedre", "KI øvre", "Vægt"]);
    assert_eq!(table.rows[1][2].text, "\u{2212}0,3");
    assert_eq!(table.rows[1][2].number, Some(-0.3));
    assert_eq!(table.rows[0][4].text, "40,0 %");
    assert_eq!(table.rows[0][4].number, Some(0.4), "a weight is a share");
}

#[test]
fn the_same_report_gives_the_same_bytes() {
    assert_eq!(xlsx(&every_table_kind()).unwrap(), xlsx(&every_table_kind()).unwrap());
}
