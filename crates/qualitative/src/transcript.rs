//! Reading an interview transcript from the bytes of an upload: plain text, DOCX or ODT, told
//! apart by their content (never by the file name), and turned into one normalised text.
//!
//! Plain text is UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, or
//! otherwise Windows-1252 (the encoding of older Danish Windows text files). Bytes that are not
//! text (NUL bytes, control characters, a PDF or an old `.doc`) are refused. DOCX and ODT are zip
//! files: their paragraphs become paragraphs of the text, separated by a blank line. The zip's
//! entries are read with a limit on their unpacked size, so a small upload cannot unpack to
//! gigabytes.

use std::fmt;
use std::io::{Cursor, Read};

/// The largest transcript accepted, in bytes of the upload and in bytes of the text read from it.
pub const MAX_TRANSCRIPT_BYTES: usize = 10 * 1024 * 1024;

/// The most the document part of a DOCX or ODT may unpack to. The markup around the words of a
/// word-processor document is several times the size of the words; a document that unpacks to
/// more than this is either far beyond [`MAX_TRANSCRIPT_BYTES`] of text or a zip bomb.
pub const MAX_UNPACKED_BYTES: u64 = 64 * 1024 * 1024;

const ODT_MIMETYPE: &str = "application/vnd.oasis.opendocument.text";

/// What a transcript was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TranscriptKind {
    Text,
    Docx,
    Odt,
}

impl TranscriptKind {
    /// A stable name for storage and display: `text`, `docx` or `odt`.
    pub fn as_str(self) -> &'static str {
        match self {
            TranscriptKind::Text => "text",
            TranscriptKind::Docx => "docx",
            TranscriptKind::Odt => "odt",
        }
    }
}

/// Why bytes could not be read as a transcript.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TranscriptError {
    /// Not plain text, DOCX or ODT (a PDF, an image, another zip, binary data).
    UnknownKind,
    /// Looks like one of the kinds but is damaged (a broken zip or XML, invalid UTF-16).
    Unreadable,
    /// Holds no text.
    Empty,
    /// Larger than [`MAX_TRANSCRIPT_BYTES`], or a document that would unpack too large.
    TooLarge,
}

impl TranscriptError {
    /// The message id of the error, for the Fluent messages shown to the user.
    pub fn code(&self) -> &'static str {
        match self {
            TranscriptError::UnknownKind => "err-transcript-kind",
            TranscriptError::Unreadable => "err-transcript-unreadable",
            TranscriptError::Empty => "err-transcript-empty",
            TranscriptError::TooLarge => "err-transcript-size",
        }
    }
}

impl fmt::Display for TranscriptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl std::error::Error for TranscriptError {}

/// Reads a transcript from the bytes of an upload: which kind it is (by content) and its text,
/// normalised as [`normalise`] does.
pub fn read(bytes: &[u8]) -> Result<(TranscriptKind, String), TranscriptError> {
    if bytes.len() > MAX_TRANSCRIPT_BYTES {
        return Err(TranscriptError::TooLarge);
    }
    let (kind, raw) = if bytes.starts_with(b"PK\x03\x04") { read_zip(bytes)? } else { (TranscriptKind::Text, decode_text(bytes)?) };
    let text = normalise(&raw);
    if text.len() > MAX_TRANSCRIPT_BYTES {
        return Err(TranscriptError::TooLarge);
    }
    if text.is_empty() {
        return Err(TranscriptError::Empty);
    }
    Ok((kind, text))
}

/// Normalises text as typed, pasted or read from a file: line breaks become `\n` (from `\r\n`,
/// `\r`, vertical tabs, next-line, form feeds and the Unicode line and paragraph separators; a
/// form feed or paragraph separator becomes a blank line), a byte-order mark and control
/// characters other than tab and line break are removed, spaces at the end of each line are
/// removed, two or more blank lines become one, and blank space at the start and end is removed.
pub fn normalise(text: &str) -> String {
    // Line breaks first, so every later step sees only `\n`.
    let mut unified = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                unified.push('\n');
            }
            '\u{b}' | '\u{85}' | '\u{2028}' => unified.push('\n'),
            '\u{c}' | '\u{2029}' => unified.push_str("\n\n"),
            '\u{feff}' => {}
            '\n' | '\t' => unified.push(c),
            c if c.is_control() => {}
            c => unified.push(c),
        }
    }

    let mut out = String::with_capacity(unified.len());
    let mut blank_run = 0usize;
    for line in unified.split('\n') {
        let line = line.trim_end();
        if line.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(line);
    }
    // Leading blank lines were skipped above; the first line may still start with blank space.
    let start = out.len() - out.trim_start().len();
    out.split_off(start)
}

/// Decodes plain text: by its byte-order mark, as UTF-8, or else as Windows-1252. Refuses bytes
/// that are not text.
fn decode_text(bytes: &[u8]) -> Result<String, TranscriptError> {
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        std::str::from_utf8(rest).map_err(|_| TranscriptError::Unreadable)?.to_owned()
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        decode_strict(encoding_rs::UTF_16LE, rest)?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        decode_strict(encoding_rs::UTF_16BE, rest)?
    } else {
        if looks_binary(bytes) {
            return Err(TranscriptError::UnknownKind);
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => text.to_owned(),
            Err(_) => decode_strict(encoding_rs::WINDOWS_1252, bytes)?,
        }
    };
    if text.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}')) {
        return Err(TranscriptError::UnknownKind);
    }
    Ok(text)
}

/// Known document formats that are not plain text, and any NUL byte.
fn looks_binary(bytes: &[u8]) -> bool {
    const SIGNATURES: &[&[u8]] = &[
        b"%PDF-",
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", // OLE: Word 97-2003 .doc
        b"{\\rtf",
        b"\x89PNG",
        b"\xFF\xD8\xFF",
        b"GIF8",
    ];
    SIGNATURES.iter().any(|s| bytes.starts_with(s)) || bytes.contains(&0)
}

fn decode_strict(encoding: &'static encoding_rs::Encoding, bytes: &[u8]) -> Result<String, TranscriptError> {
    encoding.decode_without_bom_handling_and_without_replacement(bytes).map(std::borrow::Cow::into_owned).ok_or(TranscriptError::Unreadable)
}

/// Reads a DOCX or ODT; any other zip is of an unknown kind.
fn read_zip(bytes: &[u8]) -> Result<(TranscriptKind, String), TranscriptError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| TranscriptError::Unreadable)?;
    let mut names = Vec::with_capacity(archive.len());
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(|_| TranscriptError::Unreadable)?;
        names.push(entry.name().map_err(|_| TranscriptError::Unreadable)?.into_owned());
    }
    let has = |n: &str| names.iter().any(|e| e == n);
    if has("mimetype") && has("content.xml") {
        let mimetype = entry_text(&mut archive, "mimetype", 256)?;
        if mimetype.trim() == ODT_MIMETYPE {
            let xml = entry_text(&mut archive, "content.xml", MAX_UNPACKED_BYTES)?;
            return Ok((TranscriptKind::Odt, odt_text(&xml)?));
        }
        return Err(TranscriptError::UnknownKind);
    }
    if has("word/document.xml") {
        let xml = entry_text(&mut archive, "word/document.xml", MAX_UNPACKED_BYTES)?;
        return Ok((TranscriptKind::Docx, docx_text(&xml)?));
    }
    Err(TranscriptError::UnknownKind)
}

/// One entry of the zip as UTF-8 text, refused when it claims or unpacks to more than `limit`.
fn entry_text(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str, limit: u64) -> Result<String, TranscriptError> {
    let entry = archive.by_name(name).map_err(|_| TranscriptError::Unreadable)?;
    if entry.size() > limit {
        return Err(TranscriptError::TooLarge);
    }
    let mut data = Vec::new();
    // The directory's claimed size may lie: read at most one byte past the limit to tell.
    entry.take(limit.saturating_add(1)).read_to_end(&mut data).map_err(|_| TranscriptError::Unreadable)?;
    if data.len() as u64 > limit {
        return Err(TranscriptError::TooLarge);
    }
    let text = String::from_utf8(data).map_err(|_| TranscriptError::Unreadable)?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    })
}

/// The text of an entity or character reference: the five XML entities and `&#...;`. Other
/// entities (which a document would have to declare in a DTD) are dropped, never expanded.
fn reference(r: &quick_xml::events::BytesRef<'_>) -> Result<Option<char>, TranscriptError> {
    if r.is_char_ref() {
        return r.resolve_char_ref().map_err(|_| TranscriptError::Unreadable);
    }
    Ok(match r.as_ref() {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    })
}

/// Paragraphs gathered from a document, joined with a blank line between them.
#[derive(Default)]
struct Paragraphs {
    done: Vec<String>,
    current: String,
    size: usize,
}

impl Paragraphs {
    fn push_str(&mut self, s: &str) -> Result<(), TranscriptError> {
        self.size = self.size.saturating_add(s.len());
        if self.size > MAX_TRANSCRIPT_BYTES {
            return Err(TranscriptError::TooLarge);
        }
        self.current.push_str(s);
        Ok(())
    }

    fn push(&mut self, c: char) -> Result<(), TranscriptError> {
        self.push_str(c.encode_utf8(&mut [0; 4]))
    }

    /// Ends the paragraph being read (a paragraph nested in another, as in a text box, ends
    /// the text before it too).
    fn end(&mut self) {
        if !self.current.trim().is_empty() {
            self.done.push(std::mem::take(&mut self.current));
        }
        self.current.clear();
    }

    fn text(mut self) -> String {
        self.end();
        self.done.join("\n\n")
    }
}

/// The text of a DOCX's `word/document.xml`: each `w:p` a paragraph, the text of its runs
/// (`w:t`), tabs (`w:tab`) and line breaks (`w:br`, `w:cr`). Deleted text of tracked changes,
/// field codes and the fallback copy of alternate content are left out.
fn docx_text(xml: &str) -> Result<String, TranscriptError> {
    use quick_xml::events::Event;

    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Paragraphs::default();
    let mut in_text = 0usize; // depth of open `w:t`
    let mut skipped = 0usize; // depth of open elements whose text is left out
    loop {
        let event = reader.read_event().map_err(|_| TranscriptError::Unreadable)?;
        match event {
            Event::Start(e) => match e.name().as_ref() {
                "mc:Fallback" | "w:del" | "w:instrText" | "w:delText" => skipped += 1,
                "w:t" => in_text += 1,
                "w:p" if skipped == 0 => out.end(),
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                "mc:Fallback" | "w:del" | "w:instrText" | "w:delText" => skipped = skipped.saturating_sub(1),
                "w:t" => in_text = in_text.saturating_sub(1),
                "w:p" if skipped == 0 => out.end(),
                _ => {}
            },
            Event::Empty(e) if skipped == 0 => match e.name().as_ref() {
                "w:tab" | "w:ptab" => out.push('\t')?,
                "w:br" | "w:cr" => out.push('\n')?,
                "w:noBreakHyphen" => out.push('-')?,
                "w:softHyphen" => out.push('\u{ad}')?,
                _ => {}
            },
            Event::Text(t) if in_text > 0 && skipped == 0 => out.push_str(&t.xml10_content())?,
            Event::CData(t) if in_text > 0 && skipped == 0 => out.push_str(&t.xml10_content())?,
            Event::GeneralRef(r) if in_text > 0 && skipped == 0 => {
                if let Some(c) = reference(&r)? {
                    out.push(c)?;
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out.text())
}

/// The text of an ODT's `content.xml`: each `text:p` and `text:h` a paragraph, with spans and
/// links read through, `text:s` as its number of spaces, `text:tab` and `text:line-break`.
/// Runs of white space in the markup count as one space, as OpenDocument says. Notes, comments
/// and the record of tracked changes are left out.
fn odt_text(xml: &str) -> Result<String, TranscriptError> {
    use quick_xml::events::Event;

    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Paragraphs::default();
    let mut in_paragraph = 0usize;
    let mut skipped = 0usize;
    let skip =
        |name: &str| matches!(name, "text:note" | "office:annotation" | "text:tracked-changes" | "text:note-citation" | "text:ruby-text");
    loop {
        let event = reader.read_event().map_err(|_| TranscriptError::Unreadable)?;
        match event {
            Event::Start(e) => {
                let name = e.name();
                if skip(name.as_ref()) {
                    skipped += 1;
                } else if skipped == 0 && matches!(name.as_ref(), "text:p" | "text:h") {
                    out.end();
                    in_paragraph += 1;
                }
            }
            Event::End(e) => {
                let name = e.name();
                if skip(name.as_ref()) {
                    skipped = skipped.saturating_sub(1);
                } else if skipped == 0 && matches!(name.as_ref(), "text:p" | "text:h") {
                    out.end();
                    in_paragraph = in_paragraph.saturating_sub(1);
                }
            }
            Event::Empty(e) if skipped == 0 && in_paragraph > 0 => match e.name().as_ref() {
                "text:s" => {
                    let count =
                        e.try_get_attribute("text:c").ok().flatten().and_then(|a| a.value.trim().parse::<usize>().ok()).unwrap_or(1);
                    // A count the size of the whole transcript is refused by the size check.
                    for _ in 0..count.min(MAX_TRANSCRIPT_BYTES + 1) {
                        out.push(' ')?;
                    }
                }
                "text:tab" => out.push('\t')?,
                "text:line-break" => out.push('\n')?,
                "text:soft-page-break" => {}
                _ => {}
            },
            Event::Text(t) if skipped == 0 && in_paragraph > 0 => {
                for c in t.xml10_content().chars() {
                    if matches!(c, ' ' | '\t' | '\n' | '\r') {
                        if !out.current.is_empty() && !out.current.ends_with([' ', '\t', '\n']) {
                            out.push(' ')?;
                        }
                    } else {
                        out.push(c)?;
                    }
                }
            }
            Event::CData(t) if skipped == 0 && in_paragraph > 0 => out.push_str(&t.xml10_content())?,
            Event::GeneralRef(r) if skipped == 0 && in_paragraph > 0 => {
                if let Some(c) = reference(&r)? {
                    out.push(c)?;
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out.text())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::io::Write as _;
    use zip::write::SimpleFileOptions;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in entries {
            let method = if *name == "mimetype" { zip::CompressionMethod::Stored } else { zip::CompressionMethod::Deflated };
            w.start_file(*name, SimpleFileOptions::default().compression_method(method)).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    fn docx(body: &str) -> Vec<u8> {
        let document = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}<w:sectPr/></w:body></w:document>"#
        );
        zip_of(&[
            (
                "[Content_Types].xml",
                br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#,
            ),
            ("_rels/.rels", b"<Relationships/>"),
            ("word/document.xml", document.as_bytes()),
        ])
    }

    fn odt_with_mimetype(mimetype: &str, body: &str) -> Vec<u8> {
        let content = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.3">
  <office:automatic-styles><style:style xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" style:name="P1"/></office:automatic-styles>
  <office:body>
    <office:text>
      {body}
    </office:text>
  </office:body>
</office:document-content>"#
        );
        zip_of(&[("mimetype", mimetype.as_bytes()), ("content.xml", content.as_bytes()), ("META-INF/manifest.xml", b"<manifest/>")])
    }

    fn odt(body: &str) -> Vec<u8> {
        odt_with_mimetype(ODT_MIMETYPE, body)
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
    }

    #[test]
    fn error_codes_are_the_message_ids() {
        assert_eq!(TranscriptError::UnknownKind.code(), "err-transcript-kind");
        assert_eq!(TranscriptError::Unreadable.code(), "err-transcript-unreadable");
        assert_eq!(TranscriptError::Empty.code(), "err-transcript-empty");
        assert_eq!(TranscriptError::TooLarge.code(), "err-transcript-size");
        assert_eq!(TranscriptError::TooLarge.to_string(), "err-transcript-size");
        assert_eq!(MAX_TRANSCRIPT_BYTES, 10 * 1024 * 1024);
        assert_eq!([TranscriptKind::Text, TranscriptKind::Docx, TranscriptKind::Odt].map(TranscriptKind::as_str), ["text", "docx", "odt"]);
    }

    #[test]
    fn plain_utf8_with_and_without_bom() {
        let text = "I: Hvordan gik det?\r\nD: Godt, søde Åse.  \r\n\r\n\r\n\r\nSlut.\r\n";
        let want = "I: Hvordan gik det?\nD: Godt, søde Åse.\n\nSlut.";
        assert_eq!(read(text.as_bytes()).unwrap(), (TranscriptKind::Text, want.to_owned()));
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(read(&bom).unwrap(), (TranscriptKind::Text, want.to_owned()));
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        let text = "Interviewer: Hej Ærø\nDeltager: Hej";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(read(&le).unwrap(), (TranscriptKind::Text, text.to_owned()));
        assert_eq!(read(&be).unwrap(), (TranscriptKind::Text, text.to_owned()));
        // An unpaired surrogate is damaged UTF-16.
        assert_eq!(read(&[0xFF, 0xFE, 0x00, 0xD8, b'a', 0]), Err(TranscriptError::Unreadable));
    }

    #[test]
    fn windows_1252_when_not_utf8() {
        // "Søren sagde: “æble”" in Windows-1252.
        let bytes = b"S\xF8ren sagde: \x93\xE6ble\x94\r\n";
        assert_eq!(read(bytes).unwrap(), (TranscriptKind::Text, "Søren sagde: “æble”".to_owned()));
    }

    #[test]
    fn binary_and_other_documents_are_refused() {
        assert_eq!(read(b"%PDF-1.7\n1 0 obj\n"), Err(TranscriptError::UnknownKind));
        assert_eq!(read(b"hello\x00world"), Err(TranscriptError::UnknownKind));
        assert_eq!(read(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"), Err(TranscriptError::UnknownKind));
        assert_eq!(read(b"{\\rtf1\\ansi hello}"), Err(TranscriptError::UnknownKind));
        assert_eq!(read(b"\x89PNG\r\n\x1a\n"), Err(TranscriptError::UnknownKind));
        assert_eq!(read(b"text with \x1b escape"), Err(TranscriptError::UnknownKind));
        // A line break as Word writes it when text is copied out is no binary.
        assert_eq!(read(b"linje et\x0blinje to").unwrap().1, "linje et\nlinje to");
        // UTF-16 that decodes to control characters is binary too.
        assert_eq!(read(&[0xFF, 0xFE, 0x01, 0x00, 0x02, 0x00]), Err(TranscriptError::UnknownKind));
        // A spreadsheet and a bare zip are zips of an unknown kind.
        let ods = odt_with_mimetype("application/vnd.oasis.opendocument.spreadsheet", "<text:p>x</text:p>");
        assert_eq!(read(&ods), Err(TranscriptError::UnknownKind));
        assert_eq!(read(&zip_of(&[("a.txt", b"hello")])), Err(TranscriptError::UnknownKind));
        let xlsx = zip_of(&[("[Content_Types].xml", b"<Types/>"), ("xl/workbook.xml", b"<workbook/>")]);
        assert_eq!(read(&xlsx), Err(TranscriptError::UnknownKind));
    }

    #[test]
    fn empty_and_blank_are_empty() {
        assert_eq!(read(b""), Err(TranscriptError::Empty));
        assert_eq!(read(b" \r\n\t\n  "), Err(TranscriptError::Empty));
        assert_eq!(read(b"\xEF\xBB\xBF"), Err(TranscriptError::Empty));
        assert_eq!(read(&docx("<w:p/><w:p><w:r><w:t> </w:t></w:r></w:p>")), Err(TranscriptError::Empty));
        assert_eq!(read(&odt("<text:p/>")), Err(TranscriptError::Empty));
    }

    #[test]
    fn size_limit() {
        let mut big = vec![b'a'; MAX_TRANSCRIPT_BYTES];
        assert!(read(&big).is_ok());
        big.push(b'a');
        assert_eq!(read(&big), Err(TranscriptError::TooLarge));
    }

    #[test]
    fn docx_paragraphs_runs_tabs_and_breaks() {
        let body = [
            "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>Interview 3</w:t></w:r></w:p>".to_owned(),
            "<w:p/>".to_owned(),
            "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>I:</w:t></w:r><w:r><w:t xml:space=\"preserve\"> Hvordan &amp; hvorfor</w:t></w:r><w:r><w:t>?</w:t></w:r></w:p>".to_owned(),
            "<w:p><w:r><w:t>D:</w:t><w:tab/><w:t>Linje et</w:t><w:br/><w:t>linje &#x3C;to&gt; &#248;</w:t></w:r></w:p>".to_owned(),
            // Tracked deletion and field code are not text; a hyperlink's run is.
            "<w:p><w:del w:id=\"1\"><w:r><w:delText>slettet</w:delText></w:r></w:del><w:hyperlink><w:r><w:t>link</w:t></w:r></w:hyperlink><w:r><w:instrText> PAGE </w:instrText></w:r></w:p>".to_owned(),
            // A text box's text appears once, not also from its fallback copy.
            "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:txbxContent><w:p><w:r><w:t>boks</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent><w:p><w:r><w:t>boks</w:t></w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r></w:p>".to_owned(),
            "<w:tbl><w:tr><w:tc>".to_owned() + &p("celle") + "</w:tc></w:tr></w:tbl>",
        ]
        .concat();
        let (kind, text) = read(&docx(&body)).unwrap();
        assert_eq!(kind, TranscriptKind::Docx);
        assert_eq!(text, "Interview 3\n\nI: Hvordan & hvorfor?\n\nD:\tLinje et\nlinje <to> ø\n\nlink\n\nboks\n\ncelle");
    }

    #[test]
    fn docx_is_known_by_content_not_name() {
        // The same bytes, whatever they would have been called: the zip's entries decide.
        let (kind, text) = read(&docx(&p("Hej"))).unwrap();
        assert_eq!((kind, text.as_str()), (TranscriptKind::Docx, "Hej"));
    }

    #[test]
    fn odt_paragraphs_headings_spaces_and_spans() {
        let body = r#"<text:h text:outline-level="1">Interview   med
            deltager</text:h>
      <text:p text:style-name="P1"><text:span text:style-name="T1">I:</text:span> Hvad<text:s text:c="3"/>så?<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>fodnote</text:p></text:note-body></text:note></text:p>
      <text:p>D:<text:tab/>Første<text:line-break/>anden &amp; <text:a xlink:href="x">tredje</text:a><office:annotation><text:p>kommentar</text:p></office:annotation></text:p>
      <text:p/>
      <text:list><text:list-item><text:p>punkt</text:p></text:list-item></text:list>
      <table:table><table:table-row><table:table-cell><text:p>celle</text:p></table:table-cell></table:table-row></table:table>"#;
        let (kind, text) = read(&odt(body)).unwrap();
        assert_eq!(kind, TranscriptKind::Odt);
        assert_eq!(text, "Interview med deltager\n\nI: Hvad   så?\n\nD:\tFørste\nanden & tredje\n\npunkt\n\ncelle");
    }

    #[test]
    fn damaged_documents_are_unreadable() {
        let mut broken = docx(&p("Hej"));
        broken.truncate(broken.len() / 2);
        assert_eq!(read(&broken), Err(TranscriptError::Unreadable));
        assert_eq!(read(b"PK\x03\x04not really a zip"), Err(TranscriptError::Unreadable));
        let bad_xml = zip_of(&[("word/document.xml", b"<w:document><w:body><w:p><w:t>x</w:p></w:body>")]);
        assert_eq!(read(&bad_xml), Err(TranscriptError::Unreadable));
        let not_utf8 = zip_of(&[("word/document.xml", b"<w:p><w:t>\xF8</w:t></w:p>")]);
        assert_eq!(read(&not_utf8), Err(TranscriptError::Unreadable));
    }

    #[test]
    fn zip_bomb_is_refused_before_and_while_unpacking() {
        // A document part of many megabytes of markup compresses to a few kilobytes.
        let filler = "<w:p/>".repeat((MAX_UNPACKED_BYTES as usize) / 6 + 1);
        let bomb = docx(&filler);
        assert!(bomb.len() < MAX_TRANSCRIPT_BYTES, "the upload itself is small: {}", bomb.len());
        assert_eq!(read(&bomb), Err(TranscriptError::TooLarge));

        // Within the unpacked limit but more text than a transcript may hold.
        let words = p(&"ord ".repeat(MAX_TRANSCRIPT_BYTES / 4 + 1));
        let many = docx(&words);
        assert!(many.len() < MAX_TRANSCRIPT_BYTES);
        assert_eq!(read(&many), Err(TranscriptError::TooLarge));

        // A huge space count in ODT stops at the text limit.
        let spaces = odt("<text:p>a<text:s text:c=\"99999999999\"/>b</text:p>");
        assert_eq!(read(&spaces), Err(TranscriptError::TooLarge));
    }

    #[test]
    fn undeclared_entities_are_not_expanded() {
        let doc = zip_of(&[(
            "word/document.xml",
            br#"<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">]><w:document><w:body><w:p><w:r><w:t>x&a;y</w:t></w:r></w:p></w:body></w:document>"#,
        )]);
        assert_eq!(read(&doc).unwrap().1, "xy");
    }

    #[test]
    fn normalise_examples() {
        assert_eq!(normalise(""), "");
        assert_eq!(normalise("  \n\n a  \r\n\r\n\r\n\tb\t \rc\n\n"), "a\n\n\tb\nc");
        assert_eq!(normalise("\u{feff}Hej\u{2028}du\u{2029}der\u{c}slut"), "Hej\ndu\n\nder\n\nslut");
        assert_eq!(normalise("a\u{0}b\u{7}c"), "abc");
        assert_eq!(normalise("a\u{b}b\u{85}c"), "a\nb\nc");
        assert_eq!(normalise("a \u{a0}\nb"), "a\nb");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn normalise_is_idempotent_and_clean(text in "[a-zæøå \t\r\n\u{a0}\u{2029}.:\u{feff}]{0,80}") {
            let once = normalise(&text);
            prop_assert_eq!(normalise(&once), once.clone());
            prop_assert!(!once.contains('\r'));
            prop_assert!(!once.contains("\n\n\n"));
            prop_assert_eq!(once.trim(), once.as_str());
            for line in once.split('\n') {
                prop_assert_eq!(line.trim_end(), line);
            }
            // Only white space and the byte-order mark are ever dropped.
            let kept: String = text.chars().filter(|c| !c.is_whitespace() && *c != '\u{feff}').collect();
            let now: String = once.chars().filter(|c| !c.is_whitespace()).collect();
            prop_assert_eq!(kept, now);
        }

        #[test]
        fn plain_text_reads_back_normalised(text in "[A-Za-zæøåÆØÅé0-9 ,.:?\n]{1,200}") {
            let want = normalise(&text);
            match read(text.as_bytes()) {
                Ok((kind, got)) => {
                    prop_assert_eq!(kind, TranscriptKind::Text);
                    prop_assert_eq!(got, want);
                }
                Err(e) => {
                    prop_assert_eq!(e, TranscriptError::Empty);
                    prop_assert!(want.is_empty());
                }
            }
        }

        #[test]
        fn docx_and_odt_keep_the_paragraphs(paragraphs in proptest::collection::vec("[A-Za-zæøå][A-Za-zæøå ,.?:]{0,30}[A-Za-zæøå.?]", 1..8)) {
            let body: String = paragraphs.iter().map(|t| p(t)).collect();
            let want = normalise(&paragraphs.join("\n\n"));
            prop_assert_eq!(read(&docx(&body)).unwrap(), (TranscriptKind::Docx, want.clone()));
            // ODT collapses runs of spaces in its markup; `text:s` writes the extra ones.
            let odt_body: String = paragraphs.iter().map(|t| format!("<text:p>{}</text:p>", t.replace("  ", " <text:s/>"))).collect();
            let got = read(&odt(&odt_body)).unwrap();
            prop_assert_eq!(got.0, TranscriptKind::Odt);
            let collapse = |s: &str| s.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
            prop_assert_eq!(collapse(&got.1), collapse(&want));
        }

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let _ = read(&bytes);
            let mut zipped = b"PK\x03\x04".to_vec();
            zipped.extend_from_slice(&bytes);
            let _ = read(&zipped);
        }
    }
}
