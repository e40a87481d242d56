//! The PDF: its file structure, its text, page breaks and page labels.

// Tests fail by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use sammen_reports::{Block, Report, pdf, pdf_page_texts, pdf_text};

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn minimal(blocks: Vec<Block>) -> Report {
    Report {
        title: String::from("Rapport"),
        subtitle: None,
        generated_label: String::from("Udskrevet 22. november 2026"),
        page_label: String::from("side {n} af {m}"),
        blocks,
    }
}

#[test]
fn the_file_has_a_header_and_ends_with_eof() {
    let bytes = pdf(&common::report());
    assert!(bytes.starts_with(b"%PDF-1.7\n"));
    assert!(String::from_utf8_lossy(&bytes).trim_end().ends_with("%%EOF"));
}

#[test]
fn every_xref_offset_points_at_its_object() {
    let bytes = pdf(&common::report());
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let startxref = text.rfind("startxref\n").unwrap();
    let xref: usize = text[startxref + 10..].lines().next().unwrap().trim().parse().unwrap();
    assert!(bytes[xref..].starts_with(b"xref\n"), "startxref points at the xref table");

    let table = &bytes[xref..];
    let mut lines = table.split(|b| *b == b'\n');
    lines.next(); // "xref"
    let header = String::from_utf8(lines.next().unwrap().to_vec()).unwrap();
    let (first, count) = header.split_once(' ').unwrap();
    assert_eq!(first, "0");
    let count: usize = count.parse().unwrap();
    assert!(count > 6);

    let entries_start = xref + b"xref\n".len() + header.len() + 1;
    for i in 0..count {
        let entry = &bytes[entries_start + 20 * i..entries_start + 20 * (i + 1)];
        assert_eq!(entry.len(), 20);
        assert!(entry.ends_with(b" \n"), "entry {i} is 20 bytes with its two-character end of line");
        let entry = std::str::from_utf8(entry).unwrap();
        let offset: usize = entry[..10].parse().unwrap();
        if i == 0 {
            assert_eq!(entry, "0000000000 65535 f \n");
            continue;
        }
        assert_eq!(&entry[10..19], " 00000 n ");
        let expected = format!("{i} 0 obj");
        assert!(bytes[offset..].starts_with(expected.as_bytes()), "object {i} at offset {offset}");
    }
    assert!(bytes[entries_start + 20 * count..].starts_with(b"trailer\n"));
    assert!(text.contains(&format!("/Size {count}")));
}

#[test]
fn stream_lengths_are_exact() {
    let bytes = pdf(&common::report());
    let mut checked = 0;
    let mut at = 0;
    while let Some(found) = find(&bytes[at..], b"<< /Length ") {
        let start = at + found + b"<< /Length ".len();
        let digits = bytes[start..].iter().take_while(|b| b.is_ascii_digit()).count();
        let length: usize = std::str::from_utf8(&bytes[start..start + digits]).unwrap().parse().unwrap();
        let stream = start + find(&bytes[start..], b">>\nstream\n").unwrap() + b">>\nstream\n".len();
        assert!(bytes[stream + length..].starts_with(b"\nendstream"), "the stream at {stream} is {length} bytes long");
        checked += 1;
        at = stream + length;
    }
    assert!(checked >= 3);
}

#[test]
fn danish_text_round_trips() {
    let text = pdf_text(&pdf(&common::report()));
    for expected in [
        "Evaluering af peerstøtte i Region Midtjylland",
        "Forløb afsluttet 1. januar – 30. juni 2026",
        "Udskrevet 22. november 2026",
        "Sammenfatning",
        "Ændring, ikke effekt:",
        "Æbler, øl og å:",
        "café, 2 × 3, m², >= 5).",
        "Tabel 1. Nøgletal",
        "WHO-5 (gennemsnit)",
        "16,25",
        "Gennemsnit over besvarelser.",
    ] {
        assert!(text.contains(expected), "the PDF's text lacks {expected:?}:\n{text}");
    }
}

#[test]
fn characters_outside_winansi_get_a_readable_fallback() {
    let text = pdf_text(&pdf(&minimal(vec![Block::Paragraph(String::from("τ² ≥ 0,5 og −1 → 漢"))])));
    assert!(text.contains("tau² >= 0,5 og -1 -> ?"), "{text}");
}

#[test]
fn strings_with_parentheses_and_backslashes_survive() {
    let bytes = pdf(&minimal(vec![Block::Paragraph(String::from(r"Svar (n = 12) \ ikke (svar"))]));
    assert!(find(&bytes, br"(Svar \(n = 12\) \\ ikke \(svar) Tj").is_some());
    assert!(pdf_text(&bytes).contains(r"Svar (n = 12) \ ikke (svar"));
}

#[test]
fn long_tables_continue_on_new_pages_under_their_header() {
    let report = minimal(vec![Block::Table(common::long_table(150))]);
    let pages = pdf_page_texts(&pdf(&report));
    assert!(pages.len() >= 3, "150 rows need at least three pages, got {}", pages.len());
    for (i, page) in pages.iter().enumerate() {
        let lines: Vec<&str> = page.lines().collect();
        let header = lines.iter().position(|l| *l == "Kommune").unwrap_or_else(|| panic!("page {} repeats the header", i + 1));
        assert_eq!(lines[header + 1], "Deltagere");
        assert_eq!(lines[header + 2], "Andel");
        assert_eq!(lines[header + 3], format!("Kommune nr. {} – Ærø Å", if i == 0 { 0 } else { first_row(page) }));
    }
    // Every row is printed exactly once.
    let all = pages.join("\n");
    for i in 0..150 {
        let row = format!("Kommune nr. {i} – Ærø Å");
        assert_eq!(all.lines().filter(|l| *l == row).count(), 1, "{row}");
        // A column as wide as its widest cell does not wrap that cell.
        let share = format!("{},5 %", i % 100);
        assert!(all.lines().any(|l| l == share), "{share} is on one line");
    }
    assert!(pages.last().unwrap().contains("Tal under 5 vises ikke (<5)."));
}

/// The number of the first row on a continuation page.
fn first_row(page: &str) -> usize {
    let line = page.lines().find(|l| l.starts_with("Kommune nr. ")).unwrap();
    line["Kommune nr. ".len()..].split(' ').next().unwrap().parse().unwrap()
}

#[test]
fn every_page_has_its_page_label() {
    let pages = pdf_page_texts(&pdf(&common::report()));
    let total = pages.len();
    assert!(total >= 3, "the sample report runs to several pages");
    for (i, page) in pages.iter().enumerate() {
        let label = format!("side {} af {total}", i + 1);
        assert_eq!(page.lines().filter(|l| *l == label).count(), 1, "page {} has {label:?}", i + 1);
        assert!(page.contains("Evaluering af peerstøtte i Region Midtjylland"), "page {} has the title in its footer", i + 1);
    }
}

#[test]
fn the_page_count_in_the_catalog_matches_the_pages() {
    let bytes = pdf(&common::report());
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let pages = pdf_page_texts(&bytes).len();
    assert!(text.contains(&format!("/Count {pages} >>")));
    assert_eq!(text.matches("/Type /Page ").count(), pages);
    assert!(text.contains("/BaseFont /Helvetica /Encoding /WinAnsiEncoding"));
    assert!(text.contains("/BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding"));
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
