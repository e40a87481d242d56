//! The PDF file structure: numbered objects, the cross-reference table whose byte offsets
//! must be exact, and the trailer.

use std::fmt::Write as _;

use super::canvas::{PAGE_HEIGHT, PAGE_WIDTH};

/// Object numbers of the fixed objects; pages follow as (page, contents) pairs from 6 on.
const CATALOG: usize = 1;
const PAGES: usize = 2;
const FONT_REGULAR: usize = 3;
const FONT_BOLD: usize = 4;
const INFO: usize = 5;
const FIRST_PAGE: usize = 6;

/// A text string for the document information dictionary: UTF-16BE with a byte-order
/// mark, the one encoding there that holds any title.
fn text_string(text: &str) -> String {
    let mut out = String::from("<FEFF");
    for unit in text.encode_utf16() {
        let _ = write!(out, "{unit:04X}");
    }
    out.push('>');
    out
}

/// Assembles the file from each page's content stream.
pub(crate) fn write(pages: &[String], title: &str) -> Vec<u8> {
    let page_obj = |i: usize| FIRST_PAGE + 2 * i;
    let kids: Vec<String> = (0..pages.len()).map(|i| format!("{} 0 R", page_obj(i))).collect();
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R /ViewerPreferences << /DisplayDocTitle true >> >>".to_vec(),
        format!("<< /Type /Pages /Kids [{}] /Count {} >>", kids.join(" "), pages.len()).into_bytes(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_vec(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>".to_vec(),
        format!("<< /Title {} /Producer (Sammen) >>", text_string(title)).into_bytes(),
    ];
    for (i, content) in pages.iter().enumerate() {
        objects.push(
            format!(
                "<< /Type /Page /Parent {PAGES} 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] /Resources << /Font << /F1 {FONT_REGULAR} 0 R /F2 {FONT_BOLD} 0 R >> >> /Contents {} 0 R >>",
                page_obj(i) + 1
            )
            .into_bytes(),
        );
        let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
        stream.extend_from_slice(content.as_bytes());
        stream.extend_from_slice(b"\nendstream");
        objects.push(stream);
    }

    // The binary comment on line two tells transfer tools the file is not text.
    let mut out: Vec<u8> = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for offset in offsets {
        // Each entry is exactly 20 bytes: 10 digits, space, 5 digits, space, n, space, newline.
        let _ = writeln!(table, "{offset:010} 00000 n ");
    }
    let _ = write!(table, "trailer\n<< /Size {} /Root {CATALOG} 0 R /Info {INFO} 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1);
    out.extend_from_slice(table.as_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_utf16_with_a_byte_order_mark() {
        assert_eq!(text_string("Å"), "<FEFF00C5>");
    }
}
