//! Accessibility of the PDF, checked independently of the code that writes it: poppler and
//! pikepdf (through `scripts/check-pdf.py`) read the files back. See
//! docs/accessible-documents.md for what is checked and why veraPDF is not used.

// Tests fail by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;
use std::process::Command;

use sammen_reports::{Block, Cell, Column, Report, Table, pdf};
use sammen_test_support::tools::{self, poppler, python, temp_file};

/// The characters the old WinAnsi writer turned into `?`: statistics signs and names from
/// Polish, Turkish and Arabic.
const WIDE_TEXT: &str = "− ≥ τ χ² Łódź Şahin محمد";

/// A report with every block kind, every chart kind, and text beyond Latin-1.
fn every_block() -> Report {
    let mut r = common::report();
    r.blocks.insert(1, Block::Paragraph(format!("Deltagere fra hele landet: {WIDE_TEXT}.")));
    r.blocks.insert(2, Block::List(vec![String::from("Første punkt"), format!("Andet punkt med {WIDE_TEXT}")]));
    r.blocks.push(Block::Table(Table {
        caption: String::from("Tabel 3. Navne"),
        columns: vec![Column::left("Navn"), Column::right("χ²")],
        rows: vec![vec![Cell::text("Łódź, Şahin"), Cell::number("3,84", 3.84)], vec![Cell::text("محمد"), Cell::text("")]],
        footnote: None,
    }));
    r
}

fn check(files: &[&Path], args: &[&str]) {
    tools::check_pdf(files, args);
}

#[test]
fn a_report_with_every_block_kind_passes_the_accessibility_checks() {
    let (_dir, path) = temp_file("every-block.pdf", &pdf(&every_block()));
    let mut args = vec!["--pdfa", "--expect-types", "H1,H2,H3,P,L,LI,Lbl,LBody,Table,THead,TBody,TR,TH,TD,Caption,Figure"];
    for t in WIDE_TEXT.split(' ') {
        args.extend(["--expect-text", t]);
    }
    check(&[path.as_path()], &args);
}

#[test]
fn the_characters_winansi_lacked_come_back_from_pdftotext() {
    let text = tools::pdf_text(&pdf(&every_block()));
    for word in WIDE_TEXT.split(' ') {
        // pdftotext gives right-to-left words in the order they are drawn (left to right)
        // inside bidi embedding marks; the letters must all be there, joined and unreplaced.
        let drawn: String = word.chars().rev().collect();
        assert!(text.contains(word) || text.contains(&drawn), "pdftotext did not find {word:?}");
    }
    assert!(!text.contains('\u{FFFD}'), "nothing was replaced");
    assert!(!text.contains("tau") && !text.contains(">="), "no WinAnsi fallbacks any more");
}

#[test]
fn pdfinfo_shows_a_tagged_titled_pdf_ua_and_pdf_a_file() {
    let (_dir, path) = temp_file("info.pdf", &pdf(&common::report()));
    let info = poppler("pdfinfo", &[path.as_os_str()]);
    assert!(info.lines().any(|l| l.starts_with("Tagged:") && l.ends_with("yes")), "{info}");
    assert!(info.contains("Evaluering af peerstøtte i Region Midtjylland"), "{info}");
    let meta = poppler("pdfinfo", &["-meta".as_ref(), path.as_os_str()]);
    assert!(meta.contains("pdfuaid:part") && meta.contains("pdfaid:part"), "{meta}");
    let fonts = poppler("pdffonts", &[path.as_os_str()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(rows.len(), 2, "DejaVu Sans and DejaVu Sans Bold:\n{fonts}");
    for row in rows {
        assert!(row.contains("DejaVuSans"), "{row}");
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(cols[cols.len() - 5], "yes", "embedded: {row}");
        assert_eq!(cols[cols.len() - 4], "yes", "subset: {row}");
    }
}

#[test]
fn without_a_creation_date_the_file_is_pdf_ua_only() {
    let mut r = common::report();
    r.created = None;
    let (_dir, path) = temp_file("ua-only.pdf", &pdf(&r));
    check(&[path.as_path()], &[]);
    let meta = poppler("pdfinfo", &["-meta".as_ref(), path.as_os_str()]);
    assert!(meta.contains("pdfuaid:part") && !meta.contains("pdfaid:part"), "{meta}");
}

#[test]
fn an_english_report_says_so() {
    let mut r = common::report();
    r.lang = String::from("en");
    let (_dir, path) = temp_file("en.pdf", &pdf(&r));
    check(&[path.as_path()], &[]);
    let out = Command::new(python())
        .args(["-c", "import pikepdf,sys; pdf = pikepdf.open(sys.argv[1]); print(str(pdf.Root['/Lang']))"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "en", "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn degenerate_reports_still_pass() {
    let empty = Report {
        title: String::from("Tom"),
        lang: String::from("da"),
        created: None,
        subtitle: None,
        generated_label: String::new(),
        page_label: String::from("side {n} af {m}"),
        blocks: vec![Block::List(Vec::new()), Block::Paragraph(String::new()), Block::KeyValues(Vec::new())],
    };
    let (_dir, path) = temp_file("empty.pdf", &pdf(&empty));
    check(&[path.as_path()], &[]);
}

/// A large report, timed and measured so the numbers in ADR 0015 can be reproduced
/// (`cargo nextest run -p sammen-reports large_report -- --nocapture`; debug build).
#[test]
fn a_large_report_renders_and_its_size_is_reported() {
    let mut r = common::report();
    r.blocks.push(Block::Table(common::long_table(600)));
    let start = std::time::Instant::now();
    let bytes = pdf(&r);
    let elapsed = start.elapsed();
    let pages = tools::pdf_page_texts(&bytes).len();
    eprintln!("large report: {pages} pages, {} bytes, rendered in {elapsed:?} (debug build)", bytes.len());
    assert!(pages > 15);
    // Fonts are subset: the whole file stays far below the two fonts' 1.4 MB.
    assert!(bytes.len() < 600_000, "{} bytes", bytes.len());
}
