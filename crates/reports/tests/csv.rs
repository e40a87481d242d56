//! CSV files read back with the `csv` crate's reader: a byte-order mark, the separator of the
//! reader's language, and no cell a spreadsheet would run as a formula.

// Tests fail by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use sammen_reports::csv_writer::{BOM, is_plain_number, number_text};
use sammen_reports::{CsvField, CsvWriter, NumberStyle};

/// The records of a file, checking and dropping its byte-order mark.
fn read(bytes: &[u8], style: NumberStyle) -> Vec<Vec<String>> {
    let body = bytes.strip_prefix(BOM).expect("the file starts with a UTF-8 byte-order mark");
    let separator = if style == NumberStyle::Danish { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new().delimiter(separator).has_headers(false).flexible(true).from_reader(body);
    reader.records().map(|r| r.expect("a well-formed record").iter().map(str::to_owned).collect()).collect()
}

const RISKY: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

#[derive(Debug, Clone)]
enum Input {
    Text(String),
    Number(f64),
}

fn input() -> impl Strategy<Value = Input> {
    prop_oneof![
        // Text that often starts like a formula, holds separators, quotes and line breaks.
        "[=+\\-@\t\r]?[a-zæøå0-9 ,;.\"'\n\r\t=+()-]{0,12}".prop_map(Input::Text),
        any::<String>().prop_map(Input::Text),
        (-1e9f64..1e9).prop_map(Input::Number),
        any::<i32>().prop_map(|i| Input::Number(f64::from(i))),
    ]
}

fn style() -> impl Strategy<Value = NumberStyle> {
    prop_oneof![Just(NumberStyle::Danish), Just(NumberStyle::English)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn no_cell_starts_a_formula_and_every_cell_comes_back(rows in prop::collection::vec(prop::collection::vec(input(), 1..6), 1..8), style in style()) {
        let mut w = CsvWriter::new(style);
        for row in &rows {
            w.row(row.iter().map(|i| match i {
                Input::Text(t) => CsvField::Text(t),
                Input::Number(v) => CsvField::Number(*v),
            }));
        }
        let back = read(&w.finish().unwrap(), style);
        prop_assert_eq!(back.len(), rows.len());
        for (row, got) in rows.iter().zip(&back) {
            prop_assert_eq!(row.len(), got.len());
            for (i, cell) in row.iter().zip(got) {
                prop_assert!(
                    !cell.starts_with(RISKY) || is_plain_number(cell, style),
                    "{:?} starts like a formula", cell
                );
                match i {
                    Input::Text(t) => {
                        // The text comes back whole, with a quote in front where it had to get one.
                        let unquoted = if cell.len() == t.len() + 1 { cell.strip_prefix('\'').unwrap_or(cell) } else { cell };
                        prop_assert_eq!(unquoted, t.as_str());
                    }
                    Input::Number(v) => {
                        prop_assert!(is_plain_number(cell, style), "{:?} is not a plain number", cell);
                        let parsed: f64 = cell.replace(',', ".").parse().unwrap();
                        prop_assert_eq!(parsed, *v);
                    }
                }
            }
        }
    }
}

#[test]
fn danish_files_use_semicolons_and_decimal_commas() {
    let mut w = CsvWriter::new(NumberStyle::Danish);
    w.row(["measure", "group", "label", "value"].map(CsvField::Text));
    w.row([CsvField::Text("change_ci_low"), CsvField::Text("site"), CsvField::Text("Ærø; Nord"), CsvField::Number(-2.6)]);
    let bytes = w.finish().unwrap();
    assert!(bytes.starts_with(BOM));
    let text = std::str::from_utf8(&bytes[BOM.len()..]).unwrap();
    assert_eq!(text, "measure;group;label;value\r\nchange_ci_low;site;\"Ærø; Nord\";-2,6\r\n");
    assert_eq!(read(&bytes, NumberStyle::Danish)[1], ["change_ci_low", "site", "Ærø; Nord", "-2,6"]);
}

#[test]
fn english_files_use_commas_and_decimal_points() {
    let mut w = CsvWriter::new(NumberStyle::English);
    w.row([CsvField::Text("Aarhus, Nord"), CsvField::Number(1234.5), CsvField::Text("-2.6"), CsvField::Text("-2,6"), CsvField::Empty]);
    let bytes = w.finish().unwrap();
    let text = std::str::from_utf8(&bytes[BOM.len()..]).unwrap();
    assert_eq!(text, "\"Aarhus, Nord\",1234.5,-2.6,\"'-2,6\",\r\n", "a plain number stays; a Danish one in an English file is text");
}

#[test]
fn numbers_are_written_in_full() {
    assert_eq!(number_text(0.1 + 0.2, NumberStyle::English), "0.30000000000000004");
    assert_eq!(number_text(-1e-7, NumberStyle::Danish), "-0,0000001");
    assert_eq!(number_text(1e21, NumberStyle::English), "1000000000000000000000");
}
