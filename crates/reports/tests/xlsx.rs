//! The XLSX: a valid ZIP of well-formed parts, one sheet in reading order, numbers as numbers.

// Tests fail by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeMap;

use sammen_reports::{SHEET_NAME, chart_data, xlsx};

/// A cell as the sheet stores it.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Number(f64),
    Text(String),
}

struct Cell {
    reference: String,
    style: String,
    value: Value,
}

fn sheet() -> (Vec<common::Entry>, Vec<Vec<Cell>>) {
    let entries = common::unzip(&xlsx(&common::report()));
    let xml = entries.iter().find(|e| e.name == "xl/worksheets/sheet1.xml").unwrap();
    let text = String::from_utf8(xml.data.clone()).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let rows = doc
        .descendants()
        .filter(|n| n.has_tag_name("row"))
        .map(|row| {
            row.children()
                .filter(|c| c.has_tag_name("c"))
                .map(|c| {
                    let value = match c.attribute("t") {
                        Some("inlineStr") => {
                            Value::Text(c.descendants().filter(|n| n.has_tag_name("t")).map(|t| t.text().unwrap_or_default()).collect())
                        }
                        None | Some("n") => {
                            Value::Number(c.descendants().find(|n| n.has_tag_name("v")).unwrap().text().unwrap().parse().unwrap())
                        }
                        Some(other) => panic!("unexpected cell type {other}"),
                    };
                    Cell { reference: c.attribute("r").unwrap().to_string(), style: c.attribute("s").unwrap_or("0").to_string(), value }
                })
                .collect()
        })
        .collect();
    (entries, rows)
}

fn text(cell: &Cell) -> &str {
    match &cell.value {
        Value::Text(t) => t,
        Value::Number(_) => panic!("{} is a number", cell.reference),
    }
}

/// The row whose first cell is `first`.
fn row<'a>(rows: &'a [Vec<Cell>], first: &str) -> &'a [Cell] {
    rows.iter().find(|r| r.first().is_some_and(|c| c.value == Value::Text(first.to_string()))).unwrap_or_else(|| panic!("no row {first:?}"))
}

#[test]
fn the_archive_holds_a_complete_well_formed_workbook() {
    let (entries, _) = sheet();
    let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names[0], "[Content_Types].xml", "content types come first");
    for part in [
        "_rels/.rels",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/styles.xml",
        "xl/worksheets/sheet1.xml",
        "docProps/core.xml",
        "docProps/app.xml",
    ] {
        assert!(names.contains(&part), "{part}");
    }
    for entry in &entries {
        let text = String::from_utf8(entry.data.clone()).unwrap();
        roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{} is not well-formed: {e}", entry.name));
    }
    let workbook = String::from_utf8(entries.iter().find(|e| e.name == "xl/workbook.xml").unwrap().data.clone()).unwrap();
    assert!(workbook.contains(&format!(r#"<sheet name="{SHEET_NAME}" sheetId="1" r:id="rId1"/>"#)));
    assert_eq!(SHEET_NAME, "Rapport");
    let core = String::from_utf8(entries.iter().find(|e| e.name == "docProps/core.xml").unwrap().data.clone()).unwrap();
    assert!(core.contains("<dc:title>Evaluering af peerstøtte i Region Midtjylland</dc:title>"));
}

#[test]
fn the_sheet_reads_in_the_reports_order_with_danish_letters() {
    let (_, rows) = sheet();
    let firsts: Vec<String> = rows
        .iter()
        .map(|r| match &r[0].value {
            Value::Text(t) => t.clone(),
            Value::Number(n) => n.to_string(),
        })
        .collect();
    let order = [
        "Evaluering af peerstøtte i Region Midtjylland",
        "Forløb afsluttet 1. januar – 30. juni 2026",
        "Udskrevet 22. november 2026",
        "Sammenfatning",
        "Ændring, ikke effekt: uden kontrolgruppe kan vi ikke sige, at forløbet var årsagen.",
        "Deltagere",
        "Tabel 1. Nøgletal",
        "Figurer",
        "Deltagere pr. kommune",
        "Trivsel over tid",
        "Ændring pr. sted",
        "Deltagerflow",
        "Tabel 2. Deltagere pr. kommune",
    ];
    let mut at = 0;
    for expected in order {
        let found = firsts[at..].iter().position(|f| f == expected).unwrap_or_else(|| panic!("{expected:?} after row {at}"));
        at += found + 1;
    }
    assert!(firsts.iter().any(|f| f.contains("Æbler, øl og å: Danske bogstaver")));
    // Rows are numbered from 1, in order, and cells know their column.
    assert_eq!(rows[0][0].reference, "A1");
    assert_eq!(rows[0][0].style, "2", "the title is set large");
}

#[test]
fn table_numbers_are_numbers_and_headers_are_bold() {
    let (_, rows) = sheet();
    let header = row(&rows, "Mål");
    assert_eq!(header.iter().map(text).collect::<Vec<_>>(), ["Mål", "Før", "Efter"]);
    assert!(header.iter().all(|c| c.style == "4" || c.style == "5"), "headers are bold on a fill");
    let who = row(&rows, "WHO-5 (gennemsnit)");
    assert_eq!(who[1].value, Value::Number(12.5));
    assert_eq!(who[2].value, Value::Number(16.25));
    let number = &who[0].reference[1..];
    assert_eq!((who[1].reference.clone(), who[2].reference.clone()), (format!("B{number}"), format!("C{number}")));
    let lonely = row(&rows, "Ensomhed (andel)");
    assert_eq!(lonely[1].value, Value::Number(0.45));
    assert_eq!(lonely[2].value, Value::Text(String::from("<5")), "a suppressed value stays text");
    let kv = row(&rows, "Periode");
    assert_eq!(kv[1].value, Value::Text(String::from("1. januar – 30. juni 2026")));
    let long = row(&rows, "Kommune nr. 89 – Ærø Å");
    assert_eq!(long[1].value, Value::Number(267.0));
    assert_eq!(long[2].value, Value::Number(89.5));
}

#[test]
fn each_chart_has_its_data_as_a_table() {
    let (_, rows) = sheet();
    // Bars: a suppressed bar keeps its text, the others are numbers.
    assert_eq!(row(&rows, "Aarhus")[1].value, Value::Number(42.0));
    assert_eq!(row(&rows, "Ærø")[1].value, Value::Text(String::from("<5")));
    // Lines: one column per series, a gap stays empty.
    let header = row(&rows, "Ændring i point");
    assert_eq!(header.iter().map(text).collect::<Vec<_>>(), ["Ændring i point", "Deltagere", "Peer-medarbejdere"]);
    let six = row(&rows, "6 mdr.");
    assert_eq!(six.len(), 2, "the missing value leaves its cell out");
    assert_eq!(six[1].value, Value::Number(19.0));
    assert_eq!(six[1].reference.chars().next(), Some('C'));
    assert!(rows.iter().any(|r| r.first().is_some_and(|c| c.value == Value::Text(String::from("Normalområde: 15 – 25")))));
    // Forest: estimate and interval as numbers, pooled and prediction rows.
    let samlet = row(&rows, "Samlet");
    assert_eq!(
        samlet.iter().skip(1).map(|c| c.value.clone()).collect::<Vec<_>>(),
        [Value::Number(0.41), Value::Number(0.2), Value::Number(0.62)]
    );
    let prediction = row(&rows, "Prædiktionsinterval");
    assert_eq!(prediction[1].value, Value::Number(-0.1));
    assert_eq!(prediction[1].reference.chars().next(), Some('C'));
    // Flow: counts as numbers, losses marked.
    assert_eq!(row(&rows, "Besvaret ved start")[1].value, Value::Number(110.0));
    assert_eq!(row(&rows, "– Svarede ikke")[1].value, Value::Number(30.0));
}

#[test]
fn chart_data_is_a_table_a_page_can_show() {
    let table = chart_data(&common::forest());
    assert_eq!(table.columns.iter().map(|c| c.header.as_str()).collect::<Vec<_>>(), ["Kommune", "Estimat", "KI nedre", "KI øvre", "Vægt"]);
    assert_eq!(table.rows[1][2].text, "\u{2212}0,3");
    assert_eq!(table.rows[1][2].number, Some(-0.3));
    assert_eq!(table.rows[0][4].text, "40,0 %");
}

#[test]
fn the_same_report_gives_the_same_bytes() {
    assert_eq!(xlsx(&common::report()), xlsx(&common::report()));
}

#[test]
fn cells_are_unique_and_in_column_order() {
    let (_, rows) = sheet();
    let mut seen = BTreeMap::new();
    for row in &rows {
        let mut last = 0;
        for cell in row {
            let col =
                cell.reference.chars().take_while(|c| c.is_ascii_uppercase()).fold(0, |acc, c| acc * 26 + (c as usize - 'A' as usize + 1));
            assert!(col > last, "{} after column {last}", cell.reference);
            last = col;
            assert!(seen.insert(cell.reference.clone(), ()).is_none(), "{} twice", cell.reference);
        }
    }
}
