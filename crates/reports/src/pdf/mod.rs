//! Reports as PDF 1.7: A4 pages in the base-14 fonts Helvetica and Helvetica-Bold with
//! WinAnsi encoding (so Danish letters need no embedded font), charts drawn as vector paths
//! and text, and content streams left uncompressed so the text can be checked.

mod canvas;
mod compose;
mod extract;
mod writer;

pub use extract::{pdf_page_texts, pdf_text};

use crate::model::Report;

/// The report as a PDF file.
pub fn pdf(report: &Report) -> Vec<u8> {
    writer::write(&compose::compose(report), &report.title)
}
