//! The PDF: its file structure, its text, page breaks and page labels.

// Tests fail by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use sammen_reports::{Block, Report, pdf};
use sammen_test_support::tools::{pdf_page_texts, pdf_text, poppler, temp_file};

fn minimal(blocks: Vec<Block>) -> Report {
    Report {
        title: String::from("Rapport"),
        subtitle: None,
        generated_label: String::from("Udskrevet 22. november 2026"),
        page_label: String::from("side {n} af {m}"),
        blocks,
        lang: String::from("da"),
        created: None,
    }
}

#[test]
fn the_file_is_pdf_1_7_and_ends_with_eof() {
    let bytes = pdf(&common::report());
    assert!(bytes.starts_with(b"%PDF-1.7"));
    assert!(String::from_utf8_lossy(&bytes).trim_end().ends_with("%%EOF"));
}

#[test]
fn danish_text_round_trips() {
    // Lines may wrap differently than in the source: compare with whitespace folded.
    let text = pdf_text(&pdf(&common::report())).split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "Evaluering af peerstøtte i Region Midtjylland",
        "Forløb afsluttet 1. januar – 30. juni 2026",
        "Udskrevet 22. november 2026",
        "Sammenfatning",
        "Ændring, ikke effekt:",
        "Æbler, øl og å:",
        "café, 2 × 3, m², ≥ 5).",
        "Tabel 1. Nøgletal",
        "WHO-5 (gennemsnit)",
        "16,25",
        "Gennemsnit over besvarelser.",
    ] {
        assert!(text.contains(expected), "the PDF's text lacks {expected:?}:\n{text}");
    }
}

#[test]
fn characters_beyond_latin_1_are_kept_and_missing_ones_replaced() {
    let text = pdf_text(&pdf(&minimal(vec![Block::Paragraph(String::from("τ² ≥ 0,5 og −1 → 漢"))])));
    assert!(text.contains("τ² ≥ 0,5 og −1 → \u{FFFD}"), "{text}");
}

#[test]
fn strings_with_parentheses_and_backslashes_survive() {
    let bytes = pdf(&minimal(vec![Block::Paragraph(String::from(r"Svar (n = 12) \ ikke (svar"))]));
    assert!(pdf_text(&bytes).contains(r"Svar (n = 12) \ ikke (svar"));
}

#[test]
fn long_tables_continue_on_new_pages_under_their_header() {
    let report = minimal(vec![Block::Table(common::long_table(150))]);
    let pages = pdf_page_texts(&pdf(&report));
    assert!(pages.len() >= 3, "150 rows need at least three pages, got {}", pages.len());
    for (i, page) in pages.iter().enumerate() {
        for header in ["Kommune", "Deltagere", "Andel"] {
            assert!(page.lines().any(|l| l.split_whitespace().any(|w| w == header)), "page {} repeats the header {header}", i + 1);
        }
    }
    // Every row is printed exactly once, each cell on one line.
    let all = pages.join("\n");
    for i in 0..150 {
        let row = format!("Kommune nr. {i} – Ærø Å");
        assert_eq!(all.lines().filter(|l| l.contains(&row) && !l.contains(&format!("{row}0"))).count(), 1, "{row}");
        // A column as wide as its widest cell does not wrap that cell.
        let share = format!("{},5 %", i % 100);
        assert!(all.lines().any(|l| l.contains(&share)), "{share} is on one line");
    }
    assert!(pages.last().unwrap().contains("Tal under 5 vises ikke (<5)."));
}

#[test]
fn every_page_has_its_page_label() {
    let pages = pdf_page_texts(&pdf(&common::report()));
    let total = pages.len();
    assert!(total >= 3, "the sample report runs to several pages");
    for (i, page) in pages.iter().enumerate() {
        let label = format!("side {} af {total}", i + 1);
        assert_eq!(page.lines().filter(|l| l.trim() == label).count(), 1, "page {} has {label:?}", i + 1);
        assert!(page.contains("Evaluering af peerstøtte i Region Midtjylland"), "page {} has the title in its footer", i + 1);
    }
}

#[test]
fn the_page_count_in_the_catalog_matches_the_pages() {
    let bytes = pdf(&common::report());
    let pages = pdf_page_texts(&bytes).len();
    let (_dir, path) = temp_file("count.pdf", &bytes);
    let info = poppler("pdfinfo", &[path.as_os_str()]);
    assert!(info.lines().any(|l| l.starts_with("Pages:") && l.split_whitespace().last() == Some(&pages.to_string())), "{info}");
}

#[test]
fn charts_are_drawn_with_their_text() {
    let text = pdf_text(&pdf(&common::report()));
    for expected in [
        "Deltagere pr. kommune",
        "<5",
        "Trivsel over tid",
        "Normalområde",
        "Ændring pr. sted",
        "d [95 % KI]",
        "Samlet",
        "Prædiktionsinterval",
        "n = 110",
        "Svarede ikke",
        "n = 30",
    ] {
        assert!(text.contains(expected), "the PDF's text lacks {expected:?}");
    }
}

#[test]
fn a_note_longer_than_a_page_continues_on_the_next() {
    let long = "Ændring, ikke effekt. ".repeat(600);
    let pages = pdf_page_texts(&pdf(&minimal(vec![Block::Note(long)])));
    assert!(pages.len() >= 2);
    // Count one word: a phrase may wrap across two lines.
    let words = pages.iter().map(|p| p.matches("Ændring,").count()).sum::<usize>();
    assert_eq!(words, 600);
}

#[test]
fn the_same_report_gives_the_same_bytes() {
    assert_eq!(pdf(&common::report()), pdf(&common::report()));
}

/// If poppler's pdftotext is installed, it must read the file and find the Danish text;
/// without it the test has nothing to check and passes.
#[test]
fn pdftotext_reads_the_file_when_available() {
    if std::process::Command::new("pdftotext").arg("-v").output().is_err() {
        eprintln!("pdftotext is not installed; skipping");
        return;
    }
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("sammen-reports-sample.pdf");
    std::fs::write(&path, pdf(&common::report())).unwrap();
    let out = std::process::Command::new("pdftotext").arg("-enc").arg("UTF-8").arg(&path).arg("-").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "pdftotext complained: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    for expected in ["Evaluering af peerstøtte", "Ændring, ikke effekt", "side 1 af", "n = 110", "Æbler, øl og å"] {
        assert!(text.contains(expected), "pdftotext did not find {expected:?}");
    }
}
