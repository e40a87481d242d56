//! The document model of a report as JSON for `scripts/check-xlsx.py --expect`, and a runner
//! for that checker. The JSON is the model itself (each table's caption, columns with their
//! number kind, cells with text, number and interval), not the workbook's layout: the checker
//! works out from it what the sheets must hold, independently of the writer.
//!
//! Shared by the tests of every crate that makes workbooks (included with `#[path]`).

use std::process::Command;

use sammen_reports::{Block, Cell, Numbers, Report, Table, chart_data};
use serde_json::{Value, json};

fn number(v: f64) -> Value {
    if v.is_finite() { json!(v) } else { Value::Null }
}

fn cell(c: &Cell) -> Value {
    json!({
        "text": c.text,
        "number": c.number.map_or(Value::Null, number),
        "interval": c.interval.map_or(Value::Null, |(l, h)| json!([number(l), number(h)])),
    })
}

fn table(caption: &str, t: &Table) -> Value {
    let columns: Vec<Value> = t
        .columns
        .iter()
        .map(|c| {
            let numbers = match &c.numbers {
                Numbers::General => json!({"kind": "general"}),
                Numbers::Fixed(d) => json!({"kind": "fixed", "decimals": d}),
                Numbers::Percent(d) => json!({"kind": "percent", "decimals": d}),
                Numbers::Interval { decimals, low, high } => json!({"kind": "interval", "decimals": decimals, "low": low, "high": high}),
            };
            json!({"header": c.header, "numbers": numbers})
        })
        .collect();
    let rows: Vec<Value> = t.rows.iter().map(|r| Value::Array(r.iter().map(cell).collect())).collect();
    json!({"caption": caption, "columns": columns, "rows": rows})
}

/// The report's title, language and tables (a chart's data as its table) in reading order.
pub fn model_json(report: &Report) -> String {
    let tables: Vec<Value> = report
        .blocks
        .iter()
        .filter_map(|b| match b {
            // A table without columns has nothing to show, and no sheet.
            Block::Table(t) if !t.columns.is_empty() => Some(table(&t.caption, t)),
            Block::Chart(c) => Some(table(&c.title, &chart_data(c))),
            _ => None,
        })
        .collect();
    json!({"title": report.title, "lang": report.lang, "tables": tables}).to_string()
}

/// Runs `scripts/check-xlsx.py` on `book` against `report`'s model; panics with the
/// checker's findings when it fails.
pub fn check_workbook(name: &str, book: &[u8], report: &Report) {
    let (dir, xlsx) = sammen_test_support::tools::temp_file(&format!("{name}.xlsx"), book);
    let model = dir.path().join(format!("{name}.json"));
    std::fs::write(&model, model_json(report)).expect("writing the model");
    let script = sammen_test_support::tools::repo_root().join("scripts/check-xlsx.py");
    let out = Command::new(sammen_test_support::tools::python())
        .arg(&script)
        .arg(&xlsx)
        .arg("--expect")
        .arg(&model)
        .arg("--lang")
        .arg(&report.lang)
        .output()
        .expect("running the XLSX checker");
    assert!(
        out.status.success(),
        "{name}: the XLSX checker failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
