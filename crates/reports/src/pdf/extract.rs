//! Reads the text back out of a PDF's content streams, for tests and checks.
//!
//! This is not a general PDF reader: it understands uncompressed content streams and simple
//! fonts with WinAnsi encoding, which is what [`crate::pdf()`] writes. Compressed streams
//! are skipped.

use crate::afm;

/// The text of every page, in order, joined by newlines. For tests and checks: each string
/// shown with `Tj`, `'`, `"` or `TJ` becomes one line, WinAnsi decoded back to Unicode.
pub fn pdf_text(pdf: &[u8]) -> String {
    pdf_page_texts(pdf).join("\n")
}

/// The text of each content stream (one per page for this crate's PDFs), in file order, as
/// [`pdf_text`] extracts it. For tests and checks.
pub fn pdf_page_texts(pdf: &[u8]) -> Vec<String> {
    streams(pdf).into_iter().map(|s| stream_text(s).join("\n")).collect()
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|p| p + from)
}

/// The uncompressed streams' contents.
fn streams(pdf: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(start) = find(pdf, b"stream", at) {
        // "endstream" also contains "stream"; only a keyword after the dictionary counts.
        let is_keyword = !pdf[..start].ends_with(b"end");
        let mut body = start + b"stream".len();
        if pdf.get(body) == Some(&b'\r') {
            body += 1;
        }
        if pdf.get(body) == Some(&b'\n') {
            body += 1;
        }
        let Some(end) = find(pdf, b"endstream", body) else { break };
        if is_keyword {
            let dict_start = pdf[..start].windows(2).rposition(|w| w == b"<<").unwrap_or(0);
            let compressed = find(&pdf[dict_start..start], b"/Filter", 0).is_some();
            if !compressed {
                let mut content = &pdf[body..end];
                while let Some((last, rest)) = content.split_last() {
                    if *last == b'\n' || *last == b'\r' {
                        content = rest;
                    } else {
                        break;
                    }
                }
                out.push(content);
            }
        }
        at = end + b"endstream".len();
    }
    out
}

/// A content-stream operand, as far as text extraction cares.
enum Operand {
    Str(Vec<u8>),
    Array(Vec<Vec<u8>>),
    Other,
}

fn decode(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| afm::decode_byte(b)).collect()
}

fn is_delimiter(b: u8) -> bool {
    b.is_ascii_whitespace() || b"()<>[]{}/%".contains(&b)
}

/// Reads a literal string starting after its `(`; returns its bytes and the index after `)`.
fn literal(s: &[u8], mut i: usize) -> (Vec<u8>, usize) {
    let mut out = Vec::new();
    let mut depth = 1;
    while let Some(&b) = s.get(i) {
        i += 1;
        match b {
            b'\\' => {
                let Some(&e) = s.get(i) else { break };
                i += 1;
                match e {
                    b'n' => out.push(b'\n'),
                    b'r' => out.push(b'\r'),
                    b't' => out.push(b'\t'),
                    b'b' => out.push(8),
                    b'f' => out.push(12),
                    b'0'..=b'7' => {
                        let mut v = u32::from(e - b'0');
                        for _ in 0..2 {
                            match s.get(i) {
                                Some(&d @ b'0'..=b'7') => {
                                    v = v * 8 + u32::from(d - b'0');
                                    i += 1;
                                }
                                _ => break,
                            }
                        }
                        out.push((v & 0xFF) as u8);
                    }
                    b'\r' => {
                        if s.get(i) == Some(&b'\n') {
                            i += 1;
                        }
                    }
                    b'\n' => {}
                    other => out.push(other),
                }
            }
            b'(' => {
                depth += 1;
                out.push(b);
            }
            b')' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
                out.push(b);
            }
            _ => out.push(b),
        }
    }
    (out, i)
}

/// Reads a hex string starting after its `<`.
fn hex(s: &[u8], mut i: usize) -> (Vec<u8>, usize) {
    let mut digits = Vec::new();
    while let Some(&b) = s.get(i) {
        i += 1;
        if b == b'>' {
            break;
        }
        if let Some(d) = char::from(b).to_digit(16) {
            digits.push(d as u8);
        }
    }
    if digits.len() % 2 == 1 {
        digits.push(0);
    }
    (digits.chunks(2).map(|p| p[0] * 16 + p[1]).collect(), i)
}

/// The strings shown by text operators, in order.
fn stream_text(s: &[u8]) -> Vec<String> {
    let mut shown = Vec::new();
    let mut operands: Vec<Operand> = Vec::new();
    let mut array: Option<Vec<Vec<u8>>> = None;
    let mut i = 0;
    while let Some(&b) = s.get(i) {
        match b {
            b if b.is_ascii_whitespace() => i += 1,
            b'%' => {
                while s.get(i).is_some_and(|&c| c != b'\n' && c != b'\r') {
                    i += 1;
                }
            }
            b'(' | b'<' if !(b == b'<' && s.get(i + 1) == Some(&b'<')) => {
                let (bytes, next) = if b == b'(' { literal(s, i + 1) } else { hex(s, i + 1) };
                i = next;
                match array.as_mut() {
                    Some(items) => items.push(bytes),
                    None => operands.push(Operand::Str(bytes)),
                }
            }
            b'[' => {
                array = Some(Vec::new());
                i += 1;
            }
            b']' => {
                operands.push(array.take().map_or(Operand::Other, Operand::Array));
                i += 1;
            }
            b'<' | b'>' | b'{' | b'}' | b')' => i += 1,
            _ => {
                let start = i;
                i += 1;
                while s.get(i).is_some_and(|&c| !is_delimiter(c)) {
                    i += 1;
                }
                let token = &s[start..i];
                let is_operand = b == b'/'
                    || token.iter().all(|c| c.is_ascii_digit() || b"+-.".contains(c))
                    || token == b"true"
                    || token == b"false"
                    || token == b"null";
                if array.is_some() {
                    continue;
                }
                if is_operand {
                    operands.push(Operand::Other);
                    continue;
                }
                match token {
                    b"Tj" | b"'" | b"\"" => {
                        if let Some(Operand::Str(bytes)) = operands.last() {
                            shown.push(decode(bytes));
                        }
                    }
                    b"TJ" => {
                        if let Some(Operand::Array(items)) = operands.last() {
                            shown.push(items.iter().map(|x| decode(x)).collect());
                        }
                    }
                    _ => {}
                }
                operands.clear();
            }
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tj_tj_arrays_and_escapes() {
        let content = b"BT /F1 9 Tf 10 10 Td (Tilf\\346ldig \\(x\\)) Tj [(A) -120 (B)] TJ <C6F8> Tj ET";
        assert_eq!(stream_text(content), vec!["Tilfældig (x)", "AB", "Æø"]);
    }

    #[test]
    fn skips_compressed_streams() {
        let pdf = b"1 0 obj\n<< /Length 3 /Filter /FlateDecode >>\nstream\nxyz\nendstream\nendobj\n2 0 obj\n<< /Length 9 >>\nstream\n(hej) Tj\nendstream\nendobj\n";
        assert_eq!(pdf_page_texts(pdf), vec!["hej"]);
    }
}
