//! REFI-QDA projects (QDA-XML 1.0, `Project-mrt2019.xsd`; specification REFI-QDA 1.5): a plain
//! model of users, a codebook, text sources with coded selections, memos and notes; written as
//! a `.qdpx` archive and read back from what NVivo, ATLAS.ti, MAXQDA, Transana and others export.
//!
//! - A `.qdpx` is a ZIP archive with `project.qde` (UTF-8 XML in the namespace
//!   [`NAMESPACE`]) and a flat `sources/` folder. Each text source is written as
//!   `sources/<guid>.txt` (UTF-8, no byte order mark) and named by `plainTextPath="internal://<guid>.txt"`.
//! - Selection positions count Unicode code points from 0 (specification 10.2); the end is
//!   exclusive, so `end - start` is the selection's length in characters, as the programs'
//!   own exports have it. Rust's `str::chars` counts the same units.
//! - A selection's memo is written as a `Note` (its text inline as `PlainTextContent`) that the
//!   selection points to with a `NoteRef`: the specification's way to annotate a selection
//!   ("Selections can be annotated with notes"; its annex's Transana example does the same).
//!   The note's GUID is derived from the selection's, so the same project gives the same file.
//!   On reading, a selection's `Description` (how ATLAS.ti writes quotation comments) and the
//!   notes it refers to together become its memo, and those notes are not listed again in
//!   [`Project::notes`].
//! - Text is read exactly as the file has it (a byte order mark dropped), so positions keep
//!   pointing at the same characters; [`TextSource::normalise_line_breaks`] turns Windows line
//!   breaks into `\n` and moves the selections with them.
//! - GUIDs are accepted in either form the schema allows (`xxxxxxxx-…` or `{xxxxxxxx-…}`, any
//!   case) and always written and read back in the canonical lowercase hyphenated form.
//! - Reading is tolerant: unknown elements and attributes are ignored, codes may nest, text
//!   may come from an archive file or inline `PlainTextContent`; what cannot be used (picture,
//!   PDF, audio and video sources, sources without plain text, selections outside their text,
//!   codings of unknown codes or of whole sources) is left out and counted in [`Skipped`].
//!   Archives are read within fixed limits ([`MAX_QDPX_BYTES`], [`MAX_QDE_BYTES`],
//!   [`MAX_SOURCE_BYTES`], [`MAX_UNPACKED_BYTES`], [`MAX_ENTRIES`], [`MAX_DEPTH`]), counted on
//!   the bytes actually inflated, not on what the archive claims.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io::{Cursor, Read, Write};

use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::name::QName;
use quick_xml::{Reader, Writer, XmlVersion};
use uuid::Uuid;

/// The QDA-XML project namespace.
pub const NAMESPACE: &str = "urn:QDA-XML:project:1.0";
/// Where the schema is published, for `xsi:schemaLocation`.
const SCHEMA_LOCATION: &str = "urn:QDA-XML:project:1.0 http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd";

/// The largest `.qdpx` (or bare `.qde`) accepted by [`read`].
pub const MAX_QDPX_BYTES: usize = 256 * 1024 * 1024;
/// The largest `project.qde`, inflated.
pub const MAX_QDE_BYTES: u64 = 64 * 1024 * 1024;
/// The largest text source or note file, inflated.
pub const MAX_SOURCE_BYTES: u64 = 32 * 1024 * 1024;
/// The most bytes inflated from one archive in all.
pub const MAX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;
/// The most entries an archive may have.
pub const MAX_ENTRIES: usize = 20_000;
/// The deepest element nesting accepted in `project.qde` (nested codes count).
pub const MAX_DEPTH: usize = 200;

/// A REFI-QDA project. Empty strings stand for absent optional attributes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Project {
    pub name: String,
    /// The program that made the file, e.g. `Sammen 0.1`.
    pub origin: Option<String>,
    /// GUID of one of [`Project::users`].
    pub creating_user: Option<String>,
    /// `xsd:dateTime`, e.g. `2026-12-07T19:17:40Z`.
    pub creation_date_time: Option<String>,
    pub description: Option<String>,
    pub users: Vec<User>,
    /// The codebook: top-level codes, each with its children.
    pub codes: Vec<Code>,
    pub sources: Vec<TextSource>,
    /// Notes (memos) of the project that are not a selection's memo.
    pub notes: Vec<Note>,
    pub sets: Vec<Set>,
    /// What [`read`] left out; ignored by [`write()`].
    pub skipped: Skipped,
}

/// Counts of what [`read`] could not take over (the specification asks importers to say so).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Skipped {
    /// Picture, PDF, audio and video sources, and text sources without plain text.
    pub sources: usize,
    /// Text selections outside their source's text.
    pub selections: usize,
    /// Codings of a whole source, or of a code the project does not have.
    pub codings: usize,
}

impl Skipped {
    pub fn total(&self) -> usize {
        self.sources + self.selections + self.codings
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct User {
    pub guid: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Code {
    pub guid: String,
    pub name: String,
    /// `false` for a folder-like code that only groups its children.
    pub is_codable: bool,
    /// `#RRGGBB` or `#RGB`.
    pub color: Option<String>,
    pub description: Option<String>,
    pub children: Vec<Code>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextSource {
    pub guid: String,
    pub name: String,
    /// The plain text; selections index it by character.
    pub text: String,
    pub creating_user: Option<String>,
    pub creation_date_time: Option<String>,
    pub description: Option<String>,
    pub selections: Vec<Selection>,
}

impl TextSource {
    /// Turns `\r\n` and a lone `\r` into `\n` and moves the selections with the text, so
    /// that text imported from a program that writes Windows line breaks can be kept in the
    /// form Sammen stores transcripts in.
    pub fn normalise_line_breaks(&mut self) {
        if !self.text.contains('\r') {
            return;
        }
        // new_position[i]: where old character position i lands in the new text.
        let mut new_position = Vec::with_capacity(self.text.len() + 1);
        let mut text = String::with_capacity(self.text.len());
        let mut count = 0usize;
        let mut chars = self.text.chars().peekable();
        while let Some(c) = chars.next() {
            new_position.push(count);
            if c == '\r' && chars.peek() == Some(&'\n') {
                // The `\r` is dropped: a selection starting or ending on it uses the `\n`.
                continue;
            }
            text.push(if c == '\r' { '\n' } else { c });
            count += 1;
        }
        new_position.push(count);
        for sel in &mut self.selections {
            sel.start = new_position.get(sel.start).copied().unwrap_or(count);
            sel.end = new_position.get(sel.end).copied().unwrap_or(count).max(sel.start);
        }
        self.text = text;
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Selection {
    pub guid: String,
    pub name: String,
    /// Character position (Unicode code point) of the first selected character, from 0.
    pub start: usize,
    /// Character position just after the last selected character.
    pub end: usize,
    pub creating_user: Option<String>,
    pub creation_date_time: Option<String>,
    pub codings: Vec<Coding>,
    pub memo: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Coding {
    pub guid: String,
    /// GUID of a code anywhere in the codebook.
    pub code_guid: String,
    pub creating_user: Option<String>,
    pub creation_date_time: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Note {
    pub guid: String,
    pub name: String,
    pub text: String,
    pub creating_user: Option<String>,
    pub creation_date_time: Option<String>,
}

/// A named group of codes and sources.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Set {
    pub guid: String,
    pub name: String,
    pub description: Option<String>,
    pub member_codes: Vec<String>,
    pub member_sources: Vec<String>,
}

/// Why a project could not be written or read. [`QdpxError::code`] names the Fluent message.
/// The details are GUIDs or positions, never text from the project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QdpxError {
    /// Neither a ZIP archive nor QDA-XML.
    NotZip,
    /// The archive has no `project.qde`, or the XML is not a REFI-QDA project or codebook.
    NoProject,
    /// `project.qde` is not well-formed XML (byte offset of the problem).
    Xml { position: u64 },
    /// Over one of the size limits.
    TooLarge,
    /// A source's text file is missing from the archive or is not UTF-8 (or UTF-16) text.
    Source { guid: String },
    /// Not a GUID in the form the schema requires.
    Guid { value: String },
    /// The same GUID used for two things.
    Duplicate { guid: String },
    /// A reference to a code, user, source or note the project does not have.
    Reference { guid: String },
    /// A selection that does not lie within its source's text.
    Position { selection: String },
    /// A date-time or colour not in the form the schema requires.
    Value { value: String },
}

impl QdpxError {
    /// The Fluent message id (`crates/i18n/locales/*/measurement/qualitative-exchange.ftl`).
    pub fn code(&self) -> &'static str {
        match self {
            QdpxError::NotZip => "err-qdpx-not-zip",
            QdpxError::NoProject => "err-qdpx-no-project",
            QdpxError::Xml { .. } => "err-qdpx-xml",
            QdpxError::TooLarge => "err-qdpx-too-large",
            QdpxError::Source { .. } => "err-qdpx-source",
            QdpxError::Guid { .. } => "err-qdpx-guid",
            QdpxError::Duplicate { .. } => "err-qdpx-duplicate",
            QdpxError::Reference { .. } => "err-qdpx-reference",
            QdpxError::Position { .. } => "err-qdpx-position",
            QdpxError::Value { .. } => "err-qdpx-value",
        }
    }
}

impl fmt::Display for QdpxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QdpxError::NotZip => f.write_str("not a REFI-QDA archive or project file"),
            QdpxError::NoProject => f.write_str("no REFI-QDA project in the file"),
            QdpxError::Xml { position } => write!(f, "project.qde is not well-formed XML (at byte {position})"),
            QdpxError::TooLarge => f.write_str("the project is larger than allowed"),
            QdpxError::Source { guid } => write!(f, "the text of source {guid} is missing or not text"),
            QdpxError::Guid { value } => write!(f, "not a GUID: {value:?}"),
            QdpxError::Duplicate { guid } => write!(f, "GUID {guid} is used twice"),
            QdpxError::Reference { guid } => write!(f, "reference to {guid}, which the project does not have"),
            QdpxError::Position { selection } => write!(f, "selection {selection} lies outside its text"),
            QdpxError::Value { value } => write!(f, "not a valid date-time or colour: {value:?}"),
        }
    }
}

impl std::error::Error for QdpxError {}

// ---------------------------------------------------------------------------------------------
// Values

/// The canonical (lowercase, hyphenated) form of a GUID in either form the schema allows.
pub fn canonical_guid(value: &str) -> Option<String> {
    let v = value.trim();
    let inner = match v.strip_prefix('{') {
        Some(rest) => rest.strip_suffix('}')?,
        None => v,
    };
    let groups: Vec<&str> = inner.split('-').collect();
    let shape = [8, 4, 4, 4, 12];
    if groups.len() != shape.len() || groups.iter().zip(shape).any(|(g, n)| g.len() != n || !g.bytes().all(|b| b.is_ascii_hexdigit())) {
        return None;
    }
    Uuid::try_parse(inner).ok().map(|u| u.hyphenated().to_string())
}

fn guid(value: &str) -> Result<String, QdpxError> {
    canonical_guid(value).ok_or_else(|| QdpxError::Guid { value: value.to_owned() })
}

/// Whether `value` is an `xsd:dateTime`: `[-]YYYY-MM-DDThh:mm:ss[.f+][Z|±hh:mm]`.
pub fn is_date_time(value: &str) -> bool {
    let v = value.strip_prefix('-').unwrap_or(value);
    let b = v.as_bytes();
    let digits = |s: &[u8]| !s.is_empty() && s.iter().all(u8::is_ascii_digit);
    let num = |s: &[u8]| s.iter().fold(0u32, |n, d| n.saturating_mul(10).saturating_add(u32::from(d - b'0')));
    let Some(t) = b.iter().position(|&c| c == b'T') else { return false };
    let (date, time) = (&b[..t], &b[t + 1..]);
    let date_parts: Vec<&[u8]> = date.rsplitn(3, |&c| c == b'-').collect();
    let [day, month, year] = date_parts.as_slice() else { return false };
    if !(digits(year) && year.len() >= 4 && (year.len() == 4 || year[0] != b'0')) {
        return false;
    }
    if !(digits(month) && month.len() == 2 && digits(day) && day.len() == 2) {
        return false;
    }
    let (y, m, d) = (num(year), num(month), num(day));
    if y == 0 {
        return false;
    }
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    if !(1..=days).contains(&d) {
        return false;
    }
    // Time zone.
    let (clock, zone) = if let Some(rest) = time.strip_suffix(b"Z") {
        (rest, None)
    } else if time.len() > 6 && matches!(time[time.len() - 6], b'+' | b'-') {
        (&time[..time.len() - 6], Some(&time[time.len() - 5..]))
    } else {
        (time, None)
    };
    if let Some(z) = zone {
        if !(z.len() == 5 && digits(&z[..2]) && z[2] == b':' && digits(&z[3..])) {
            return false;
        }
        let (zh, zm) = (num(&z[..2]), num(&z[3..]));
        if zh > 14 || zm > 59 || (zh == 14 && zm != 0) {
            return false;
        }
    }
    let (hms, fraction) = match clock.iter().position(|&c| c == b'.') {
        Some(p) => (&clock[..p], Some(&clock[p + 1..])),
        None => (clock, None),
    };
    if fraction.is_some_and(|f| !digits(f)) {
        return false;
    }
    if !(hms.len() == 8 && hms[2] == b':' && hms[5] == b':') {
        return false;
    }
    let (h, mi, s) = (&hms[..2], &hms[3..5], &hms[6..]);
    if !(digits(h) && digits(mi) && digits(s)) {
        return false;
    }
    let (h, mi, s) = (num(h), num(mi), num(s));
    (h < 24 && mi < 60 && s < 60) || (h == 24 && mi == 0 && s == 0 && fraction.is_none_or(|f| f.iter().all(|&c| c == b'0')))
}

/// Whether `value` is a schema colour: `#RRGGBB` or `#RGB`.
pub fn is_color(value: &str) -> bool {
    value.strip_prefix('#').is_some_and(|h| (h.len() == 6 || h.len() == 3) && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The GUID of the note that carries a selection's memo: derived from the selection's GUID,
/// so that writing the same project twice gives the same file.
fn memo_note_guid(selection: &str) -> String {
    const SALT: [u8; 16] = *b"sammen:memo:note";
    let mut bytes = Uuid::try_parse(selection).map(|u| *u.as_bytes()).unwrap_or_default();
    for (b, s) in bytes.iter_mut().zip(SALT) {
        *b ^= s;
    }
    uuid::Builder::from_custom_bytes(bytes).into_uuid().hyphenated().to_string()
}

// ---------------------------------------------------------------------------------------------
// Writing

/// Writes `project` as a `.qdpx` archive (deflated ZIP). Checks first that every GUID is well
/// formed and used once, every reference resolves, every selection lies within its text and
/// every date-time and colour has the schema's form; the file is then valid against
/// `Project-mrt2019.xsd`. The same project always gives the same bytes.
pub fn write(project: &Project) -> Result<Vec<u8>, QdpxError> {
    let checked = check(project)?;
    let qde = project_xml(project, &checked)?;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let io = |_| QdpxError::TooLarge;
    zip.start_file("project.qde", options).map_err(|_| QdpxError::TooLarge)?;
    zip.write_all(&qde).map_err(io)?;
    for source in &project.sources {
        let name = format!("sources/{}.txt", guid(&source.guid)?);
        zip.start_file(name, options).map_err(|_| QdpxError::TooLarge)?;
        zip.write_all(source.text.as_bytes()).map_err(io)?;
    }
    Ok(zip.finish().map_err(|_| QdpxError::TooLarge)?.into_inner())
}

/// What [`check`] learned: the memo note GUID of every selection with a memo.
struct Checked {
    memo_notes: HashMap<String, String>,
}

fn check(p: &Project) -> Result<Checked, QdpxError> {
    let mut seen = HashSet::new();
    let mut claim = |value: &str| -> Result<String, QdpxError> {
        let g = guid(value)?;
        if !seen.insert(g.clone()) {
            return Err(QdpxError::Duplicate { guid: g });
        }
        Ok(g)
    };
    let date = |value: &Option<String>| match value {
        Some(v) if !is_date_time(v) => Err(QdpxError::Value { value: v.clone() }),
        _ => Ok(()),
    };
    let mut users = HashSet::new();
    for u in &p.users {
        users.insert(claim(&u.guid)?);
    }
    let user = |value: &Option<String>| match value {
        Some(v) if !users.contains(&guid(v)?) => Err(QdpxError::Reference { guid: v.clone() }),
        _ => Ok(()),
    };
    user(&p.creating_user)?;
    date(&p.creation_date_time)?;
    let mut codes = HashSet::new();
    let mut pending: Vec<&Code> = p.codes.iter().collect();
    while let Some(c) = pending.pop() {
        codes.insert(claim(&c.guid)?);
        if let Some(color) = c.color.as_ref().filter(|c| !is_color(c)) {
            return Err(QdpxError::Value { value: color.clone() });
        }
        pending.extend(&c.children);
    }
    let mut sources = HashSet::new();
    let mut memo_notes = HashMap::new();
    for s in &p.sources {
        sources.insert(claim(&s.guid)?);
        user(&s.creating_user)?;
        date(&s.creation_date_time)?;
        let chars = s.text.chars().count();
        for sel in &s.selections {
            let g = claim(&sel.guid)?;
            if sel.start > sel.end || sel.end > chars {
                return Err(QdpxError::Position { selection: g });
            }
            user(&sel.creating_user)?;
            date(&sel.creation_date_time)?;
            for c in &sel.codings {
                claim(&c.guid)?;
                if !codes.contains(&guid(&c.code_guid)?) {
                    return Err(QdpxError::Reference { guid: c.code_guid.clone() });
                }
                user(&c.creating_user)?;
                date(&c.creation_date_time)?;
            }
            if sel.memo.is_some() {
                let note = memo_note_guid(&g);
                claim(&note)?;
                memo_notes.insert(g, note);
            }
        }
    }
    for n in &p.notes {
        claim(&n.guid)?;
        user(&n.creating_user)?;
        date(&n.creation_date_time)?;
    }
    for set in &p.sets {
        claim(&set.guid)?;
        for m in &set.member_codes {
            if !codes.contains(&guid(m)?) {
                return Err(QdpxError::Reference { guid: m.clone() });
            }
        }
        for m in &set.member_sources {
            if !sources.contains(&guid(m)?) {
                return Err(QdpxError::Reference { guid: m.clone() });
            }
        }
    }
    Ok(Checked { memo_notes })
}

/// Characters XML 1.0 cannot carry at all, even as references, are replaced by U+FFFD.
fn xml_char(c: char) -> char {
    match c {
        '\t' | '\n' | '\r' => c,
        '\u{0}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}' => '\u{FFFD}',
        _ => c,
    }
}

/// Escapes text content; a carriage return is kept as a reference so parsers do not fold it.
fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().map(xml_char) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes an attribute value; tabs and line breaks as references, so they survive
/// attribute-value normalisation.
fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().map(xml_char) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            _ => out.push(c),
        }
    }
    out
}

struct Xml {
    w: Writer<Vec<u8>>,
}

type Attrs<'a> = [(&'static str, Option<Cow<'a, str>>)];

impl Xml {
    fn element(name: &'static str, attrs: &Attrs<'_>) -> BytesStart<'static> {
        let mut e = BytesStart::new(name);
        for (key, value) in attrs {
            if let Some(v) = value {
                e.push_attribute(Attribute { key: QName(key), value: Cow::Owned(escape_attr(v)) });
            }
        }
        e
    }
    fn open(&mut self, name: &'static str, attrs: &Attrs<'_>) -> Result<(), QdpxError> {
        self.event(Event::Start(Self::element(name, attrs)))
    }
    fn empty(&mut self, name: &'static str, attrs: &Attrs<'_>) -> Result<(), QdpxError> {
        self.event(Event::Empty(Self::element(name, attrs)))
    }
    fn close(&mut self, name: &'static str) -> Result<(), QdpxError> {
        self.event(Event::End(BytesEnd::new(name)))
    }
    fn text(&mut self, name: &'static str, text: &str) -> Result<(), QdpxError> {
        self.open(name, &[])?;
        self.event(Event::Text(BytesText::from_escaped(escape_text(text))))?;
        self.close(name)
    }
    fn event(&mut self, e: Event<'_>) -> Result<(), QdpxError> {
        self.w.write_event(e).map_err(|_| QdpxError::TooLarge)
    }
}

fn s(value: &str) -> Option<Cow<'_, str>> {
    Some(Cow::Borrowed(value))
}
fn non_empty(value: &str) -> Option<Cow<'_, str>> {
    (!value.is_empty()).then_some(Cow::Borrowed(value))
}
fn opt(value: &Option<String>) -> Option<Cow<'_, str>> {
    value.as_deref().map(Cow::Borrowed)
}
fn opt_guid(value: &Option<String>) -> Result<Option<Cow<'static, str>>, QdpxError> {
    value.as_deref().map(|v| guid(v).map(Cow::Owned)).transpose()
}
fn g(value: &str) -> Result<Option<Cow<'static, str>>, QdpxError> {
    guid(value).map(|v| Some(Cow::Owned(v)))
}

/// A memo note's name: the selection's name, else the memo's first line, shortened.
fn memo_note_name(selection: &Selection, memo: &str) -> String {
    if !selection.name.is_empty() {
        return selection.name.clone();
    }
    let line = memo.lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
    let mut name: String = line.chars().take(60).collect();
    if line.chars().count() > 60 {
        name.push('…');
    }
    name
}

fn project_xml(p: &Project, checked: &Checked) -> Result<Vec<u8>, QdpxError> {
    let mut x = Xml { w: Writer::new_with_indent(Vec::new(), b' ', 2) };
    x.event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), Some("yes"))))?;
    x.open(
        "Project",
        &[
            ("xmlns", s(NAMESPACE)),
            ("xmlns:xsi", s("http://www.w3.org/2001/XMLSchema-instance")),
            ("xsi:schemaLocation", s(SCHEMA_LOCATION)),
            ("name", s(&p.name)),
            ("origin", opt(&p.origin)),
            ("creatingUserGUID", opt_guid(&p.creating_user)?),
            ("creationDateTime", opt(&p.creation_date_time)),
        ],
    )?;
    if !p.users.is_empty() {
        x.open("Users", &[])?;
        for u in &p.users {
            x.empty("User", &[("guid", g(&u.guid)?), ("name", non_empty(&u.name))])?;
        }
        x.close("Users")?;
    }
    if !p.codes.is_empty() {
        x.open("CodeBook", &[])?;
        x.open("Codes", &[])?;
        for c in &p.codes {
            code_xml(&mut x, c)?;
        }
        x.close("Codes")?;
        x.close("CodeBook")?;
    }
    if !p.sources.is_empty() {
        x.open("Sources", &[])?;
        for src in &p.sources {
            source_xml(&mut x, src, checked)?;
        }
        x.close("Sources")?;
    }
    let memos: Vec<(&Selection, &String)> =
        p.sources.iter().flat_map(|s| &s.selections).filter_map(|sel| sel.memo.as_ref().map(|m| (sel, m))).collect();
    if !p.notes.is_empty() || !memos.is_empty() {
        x.open("Notes", &[])?;
        for n in &p.notes {
            let attrs = [
                ("guid", g(&n.guid)?),
                ("name", non_empty(&n.name)),
                ("creatingUser", opt_guid(&n.creating_user)?),
                ("creationDateTime", opt(&n.creation_date_time)),
            ];
            x.open("Note", &attrs)?;
            x.text("PlainTextContent", &n.text)?;
            x.close("Note")?;
        }
        for (sel, memo) in memos {
            let selection_guid = guid(&sel.guid)?;
            let note = &checked.memo_notes[&selection_guid];
            let name = memo_note_name(sel, memo);
            let attrs = [
                ("guid", s(note)),
                ("name", non_empty(&name)),
                ("creatingUser", opt_guid(&sel.creating_user)?),
                ("creationDateTime", opt(&sel.creation_date_time)),
            ];
            x.open("Note", &attrs)?;
            x.text("PlainTextContent", memo)?;
            x.close("Note")?;
        }
        x.close("Notes")?;
    }
    if !p.sets.is_empty() {
        x.open("Sets", &[])?;
        for set in &p.sets {
            x.open("Set", &[("guid", g(&set.guid)?), ("name", s(&set.name))])?;
            if let Some(d) = &set.description {
                x.text("Description", d)?;
            }
            for m in &set.member_codes {
                x.empty("MemberCode", &[("targetGUID", g(m)?)])?;
            }
            for m in &set.member_sources {
                x.empty("MemberSource", &[("targetGUID", g(m)?)])?;
            }
            x.close("Set")?;
        }
        x.close("Sets")?;
    }
    if let Some(d) = &p.description {
        x.text("Description", d)?;
    }
    x.close("Project")?;
    let mut out = x.w.into_inner();
    out.push(b'\n');
    Ok(out)
}

fn code_xml(x: &mut Xml, c: &Code) -> Result<(), QdpxError> {
    let attrs = [
        ("guid", g(&c.guid)?),
        ("name", s(&c.name)),
        ("isCodable", s(if c.is_codable { "true" } else { "false" })),
        ("color", opt(&c.color)),
    ];
    if c.description.is_none() && c.children.is_empty() {
        return x.empty("Code", &attrs);
    }
    x.open("Code", &attrs)?;
    if let Some(d) = &c.description {
        x.text("Description", d)?;
    }
    for child in &c.children {
        code_xml(x, child)?;
    }
    x.close("Code")
}

fn source_xml(x: &mut Xml, src: &TextSource, checked: &Checked) -> Result<(), QdpxError> {
    let id = guid(&src.guid)?;
    let path = format!("internal://{id}.txt");
    let attrs = [
        ("guid", s(&id)),
        ("name", non_empty(&src.name)),
        ("plainTextPath", s(&path)),
        ("creatingUser", opt_guid(&src.creating_user)?),
        ("creationDateTime", opt(&src.creation_date_time)),
    ];
    if src.description.is_none() && src.selections.is_empty() {
        return x.empty("TextSource", &attrs);
    }
    x.open("TextSource", &attrs)?;
    if let Some(d) = &src.description {
        x.text("Description", d)?;
    }
    for sel in &src.selections {
        let start = sel.start.to_string();
        let end = sel.end.to_string();
        let attrs = [
            ("guid", g(&sel.guid)?),
            ("name", non_empty(&sel.name)),
            ("startPosition", s(&start)),
            ("endPosition", s(&end)),
            ("creatingUser", opt_guid(&sel.creating_user)?),
            ("creationDateTime", opt(&sel.creation_date_time)),
        ];
        if sel.codings.is_empty() && sel.memo.is_none() {
            x.empty("PlainTextSelection", &attrs)?;
            continue;
        }
        x.open("PlainTextSelection", &attrs)?;
        for c in &sel.codings {
            let attrs =
                [("guid", g(&c.guid)?), ("creatingUser", opt_guid(&c.creating_user)?), ("creationDateTime", opt(&c.creation_date_time))];
            x.open("Coding", &attrs)?;
            x.empty("CodeRef", &[("targetGUID", g(&c.code_guid)?)])?;
            x.close("Coding")?;
        }
        if sel.memo.is_some() {
            let note = &checked.memo_notes[&guid(&sel.guid)?];
            x.empty("NoteRef", &[("targetGUID", s(note))])?;
        }
        x.close("PlainTextSelection")?;
    }
    x.close("TextSource")
}

// ---------------------------------------------------------------------------------------------
// Reading

/// Reads a `.qdpx` archive, a bare `project.qde`, or a REFI-QDA codebook (`.qdc`, which gives
/// a project with codes only). GUIDs come back canonical (see the module notes); references
/// to users the project does not list are dropped; what cannot be used is counted in
/// [`Project::skipped`].
pub fn read(bytes: &[u8]) -> Result<Project, QdpxError> {
    if bytes.len() > MAX_QDPX_BYTES {
        return Err(QdpxError::TooLarge);
    }
    if bytes.starts_with(b"PK") {
        let mut files = Files::open(bytes)?;
        let qde_index = files.project_entry().ok_or(QdpxError::NoProject)?;
        let qde = files.entry(qde_index, MAX_QDE_BYTES)?;
        let text = decode_text(&qde).ok_or(QdpxError::Xml { position: 0 })?;
        let root = parse_xml(&text)?;
        return Build::project(&root, Some(&mut files));
    }
    if looks_like_xml(bytes) {
        if bytes.len() as u64 > MAX_QDE_BYTES {
            return Err(QdpxError::TooLarge);
        }
        let text = decode_text(bytes).ok_or(QdpxError::Xml { position: 0 })?;
        let root = parse_xml(&text)?;
        return Build::project(&root, None);
    }
    Err(QdpxError::NotZip)
}

fn looks_like_xml(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    let b = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    b.iter().find(|c| !c.is_ascii_whitespace()) == Some(&b'<')
}

/// Text from a file: UTF-8 (a byte order mark is dropped), or UTF-16 with its byte order mark.
fn decode_text(bytes: &[u8]) -> Option<String> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return (!had_errors).then(|| text.into_owned());
    }
    std::str::from_utf8(bytes).ok().map(str::to_owned)
}

/// The archive's entries, read within the limits.
struct Files<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// Lowercased entry name → index.
    names: HashMap<String, usize>,
    /// The folder `project.qde` is in (lowercased, with its slash), when an archiver wrapped
    /// the project in one; `sources/` is beside it.
    base: String,
    inflated: u64,
}

impl<'a> Files<'a> {
    fn open(bytes: &'a [u8]) -> Result<Self, QdpxError> {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| QdpxError::NotZip)?;
        if zip.len() > MAX_ENTRIES {
            return Err(QdpxError::TooLarge);
        }
        let mut names = HashMap::new();
        for i in 0..zip.len() {
            let entry = zip.by_index_raw(i).map_err(|_| QdpxError::NotZip)?;
            if entry.is_dir() {
                continue;
            }
            let name = entry.name().map_err(|_| QdpxError::NotZip)?.replace('\\', "/").to_lowercase();
            names.entry(name).or_insert(i);
        }
        Ok(Files { zip, names, base: String::new(), inflated: 0 })
    }

    /// `project.qde`, else the only `.qde` file in the archive (perhaps in a folder).
    fn project_entry(&mut self) -> Option<usize> {
        if let Some(&i) = self.names.get("project.qde") {
            return Some(i);
        }
        let mut qde = self.names.iter().filter(|(n, _)| n.ends_with(".qde") && !n.starts_with("__macosx/"));
        let (Some((name, &i)), None) = (qde.next(), qde.next()) else { return None };
        self.base = name.rfind('/').map(|slash| name[..=slash].to_owned()).unwrap_or_default();
        Some(i)
    }

    fn entry(&mut self, index: usize, limit: u64) -> Result<Vec<u8>, QdpxError> {
        let entry = self.zip.by_index(index).map_err(|_| QdpxError::NotZip)?;
        let budget = limit.min(MAX_UNPACKED_BYTES - self.inflated);
        let mut out = Vec::new();
        entry.take(budget + 1).read_to_end(&mut out).map_err(|_| QdpxError::NotZip)?;
        if out.len() as u64 > budget {
            return Err(QdpxError::TooLarge);
        }
        self.inflated += out.len() as u64;
        Ok(out)
    }

    /// The text behind an `internal://` path: `Ok(None)` when the path is not internal.
    fn text(&mut self, path: &str, owner: &str) -> Result<Option<String>, QdpxError> {
        let Some(file) = path.trim().strip_prefix("internal://") else { return Ok(None) };
        let file = file.trim_start_matches('/').replace('\\', "/").to_lowercase();
        let missing = || QdpxError::Source { guid: owner.to_owned() };
        let base = &self.base;
        let index = [format!("{base}sources/{file}"), format!("{base}{file}")].iter().find_map(|n| self.names.get(n).copied());
        let bytes = match self.entry(index.ok_or_else(missing)?, MAX_SOURCE_BYTES) {
            Err(QdpxError::TooLarge) => return Err(QdpxError::TooLarge),
            Err(_) => return Err(missing()),
            Ok(bytes) => bytes,
        };
        decode_text(&bytes).map(Some).ok_or_else(missing)
    }
}

/// A parsed element: local name, attributes by local name, child elements, and the text
/// directly inside it.
#[derive(Debug, Default)]
struct El {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<El>,
    text: String,
}

impl El {
    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
    fn kids<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s El> + 's {
        self.children.iter().filter(move |c| c.name == name)
    }
    fn kid(&self, name: &str) -> Option<&El> {
        self.children.iter().find(|c| c.name == name)
    }
    fn child_text(&self, name: &str) -> Option<String> {
        self.kid(name).map(|e| e.text.clone())
    }
}

fn parse_xml(text: &str) -> Result<El, QdpxError> {
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<El> = Vec::new();
    let mut root: Option<El> = None;
    let xml_error = |r: &Reader<&[u8]>| QdpxError::Xml { position: r.error_position() };
    loop {
        let event = reader.read_event().map_err(|_| xml_error(&reader))?;
        match event {
            Event::Start(_) | Event::Empty(_) if root.is_some() => return Err(xml_error(&reader)),
            Event::Start(e) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(QdpxError::TooLarge);
                }
                stack.push(element(&e).map_err(|_| xml_error(&reader))?);
            }
            Event::Empty(e) => {
                let el = element(&e).map_err(|_| xml_error(&reader))?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => root = Some(el),
                }
            }
            Event::End(_) => {
                let el = stack.pop().ok_or_else(|| xml_error(&reader))?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => root = Some(el),
                }
            }
            Event::Text(t) => {
                if let Some(el) = stack.last_mut() {
                    el.text.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(el) = stack.last_mut() {
                    el.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref().map_err(|_| xml_error(&reader))? {
                    Some(c) => c.to_string(),
                    None => {
                        let name = r.xml10_content();
                        quick_xml::escape::resolve_predefined_entity(&name).ok_or_else(|| xml_error(&reader))?.to_owned()
                    }
                };
                if let Some(el) = stack.last_mut() {
                    el.text.push_str(&resolved);
                }
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if !stack.is_empty() {
        return Err(QdpxError::Xml { position: reader.buffer_position() });
    }
    root.ok_or(QdpxError::NoProject)
}

fn element(e: &BytesStart<'_>) -> Result<El, quick_xml::Error> {
    let mut el = El { name: e.local_name().as_ref().to_owned(), ..El::default() };
    for a in e.attributes().with_checks(false) {
        let a = a?;
        let key = a.key.local_name().as_ref().to_owned();
        if a.key.as_ref().starts_with("xmlns") || el.attrs.iter().any(|(k, _)| *k == key) {
            continue;
        }
        let value = a.normalized_value(XmlVersion::Implicit1_0)?.into_owned();
        el.attrs.push((key, value));
    }
    Ok(el)
}

/// Turns the parsed XML into a [`Project`].
struct Build<'f, 'a> {
    files: Option<&'f mut Files<'a>>,
    users: HashSet<String>,
    codes: HashSet<String>,
    /// Note GUID → note, of every note in the file.
    notes: HashMap<String, Note>,
    /// Notes that became a selection's memo.
    used_notes: HashSet<String>,
    skipped: Skipped,
}

impl Build<'_, '_> {
    fn project(root: &El, files: Option<&mut Files<'_>>) -> Result<Project, QdpxError> {
        let mut b = Build {
            files,
            users: HashSet::new(),
            codes: HashSet::new(),
            notes: HashMap::new(),
            used_notes: HashSet::new(),
            skipped: Skipped::default(),
        };
        match root.name.as_str() {
            "Project" => b.build(root),
            "CodeBook" => {
                let codes = b.codebook(root)?;
                Ok(Project { codes, ..Project::default() })
            }
            _ => Err(QdpxError::NoProject),
        }
    }

    fn build(&mut self, root: &El) -> Result<Project, QdpxError> {
        let mut users = Vec::new();
        for u in root.kids("Users").flat_map(|e| e.kids("User")) {
            let id = guid(u.attr("guid").unwrap_or_default())?;
            if self.users.insert(id.clone()) {
                users.push(User { guid: id, name: u.attr("name").unwrap_or_default().to_owned() });
            }
        }
        let codes = match root.kid("CodeBook") {
            Some(book) => self.codebook(book)?,
            None => Vec::new(),
        };
        let mut note_order = Vec::new();
        for n in root.kids("Notes").flat_map(|e| e.kids("Note")) {
            let note = self.note(n)?;
            note_order.push(note.guid.clone());
            self.notes.insert(note.guid.clone(), note);
        }
        let mut sources = Vec::new();
        for s in root.kids("Sources").flat_map(|e| e.children.iter()) {
            match s.name.as_str() {
                "TextSource" => {
                    if let Some(src) = self.text_source(s)? {
                        sources.push(src);
                    }
                }
                "PictureSource" | "PDFSource" | "AudioSource" | "VideoSource" => self.skipped.sources += 1,
                _ => {}
            }
        }
        let source_guids: HashSet<&str> = sources.iter().map(|s| s.guid.as_str()).collect();
        let mut sets = Vec::new();
        for s in root.kids("Sets").flat_map(|e| e.kids("Set")) {
            let targets = |name: &str, known: &dyn Fn(&str) -> bool| -> Vec<String> {
                s.kids(name).filter_map(|m| canonical_guid(m.attr("targetGUID").unwrap_or_default())).filter(|g| known(g)).collect()
            };
            sets.push(Set {
                guid: guid(s.attr("guid").unwrap_or_default())?,
                name: s.attr("name").unwrap_or_default().to_owned(),
                description: s.child_text("Description"),
                member_codes: targets("MemberCode", &|g| self.codes.contains(g)),
                member_sources: targets("MemberSource", &|g| source_guids.contains(g)),
            });
        }
        let notes = note_order.into_iter().filter(|g| !self.used_notes.contains(g)).filter_map(|g| self.notes.remove(&g)).collect();
        Ok(Project {
            name: root.attr("name").unwrap_or_default().to_owned(),
            origin: root.attr("origin").map(str::to_owned),
            creating_user: self.user(root.attr("creatingUserGUID")),
            creation_date_time: date_time(root.attr("creationDateTime")),
            description: root.child_text("Description"),
            users,
            codes,
            sources,
            notes,
            sets,
            skipped: self.skipped,
        })
    }

    fn user(&self, value: Option<&str>) -> Option<String> {
        value.and_then(canonical_guid).filter(|g| self.users.contains(g))
    }

    fn codebook(&mut self, book: &El) -> Result<Vec<Code>, QdpxError> {
        let mut out = Vec::new();
        for c in book.kids("Codes").flat_map(|e| e.kids("Code")) {
            out.push(self.code(c)?);
        }
        Ok(out)
    }

    fn code(&mut self, c: &El) -> Result<Code, QdpxError> {
        let id = guid(c.attr("guid").unwrap_or_default())?;
        if !self.codes.insert(id.clone()) {
            return Err(QdpxError::Duplicate { guid: id });
        }
        let mut children = Vec::new();
        for child in c.kids("Code") {
            children.push(self.code(child)?);
        }
        Ok(Code {
            guid: id,
            name: c.attr("name").unwrap_or_default().to_owned(),
            is_codable: !matches!(c.attr("isCodable").map(str::trim), Some("false" | "0")),
            color: c.attr("color").map(str::trim).filter(|v| is_color(v)).map(str::to_owned),
            description: c.child_text("Description"),
            children,
        })
    }

    /// The plain text of a text source or note: the archive file its `plainTextPath` names,
    /// else its `PlainTextContent`.
    fn plain_text(&mut self, e: &El, owner: &str) -> Result<Option<String>, QdpxError> {
        if let (Some(path), Some(files)) = (e.attr("plainTextPath"), self.files.as_deref_mut())
            && let Some(text) = files.text(path, owner)?
        {
            return Ok(Some(text));
        }
        Ok(e.child_text("PlainTextContent"))
    }

    fn note(&mut self, n: &El) -> Result<Note, QdpxError> {
        let id = guid(n.attr("guid").unwrap_or_default())?;
        let text = self.plain_text(n, &id)?.or_else(|| n.child_text("Description")).unwrap_or_default();
        Ok(Note {
            name: n.attr("name").unwrap_or_default().to_owned(),
            text,
            creating_user: self.user(n.attr("creatingUser")),
            creation_date_time: date_time(n.attr("creationDateTime")),
            guid: id,
        })
    }

    fn text_source(&mut self, s: &El) -> Result<Option<TextSource>, QdpxError> {
        let id = guid(s.attr("guid").unwrap_or_default())?;
        let Some(text) = self.plain_text(s, &id)? else {
            self.skipped.sources += 1;
            return Ok(None);
        };
        let chars = text.chars().count();
        self.skipped.codings += s.kids("Coding").count();
        let mut selections = Vec::new();
        for sel in s.kids("PlainTextSelection") {
            let sel_id = guid(sel.attr("guid").unwrap_or_default())?;
            let position = |key| sel.attr(key).and_then(|v| v.trim().trim_start_matches('+').parse::<usize>().ok());
            let (Some(start), Some(end)) = (position("startPosition"), position("endPosition")) else {
                self.skipped.selections += 1;
                continue;
            };
            if start > end || end > chars {
                self.skipped.selections += 1;
                continue;
            }
            let mut codings = Vec::new();
            for c in sel.kids("Coding") {
                let code = c.kid("CodeRef").and_then(|r| r.attr("targetGUID")).and_then(canonical_guid);
                match code.filter(|g| self.codes.contains(g)) {
                    Some(code_guid) => codings.push(Coding {
                        guid: guid(c.attr("guid").unwrap_or_default())?,
                        code_guid,
                        creating_user: self.user(c.attr("creatingUser")),
                        creation_date_time: date_time(c.attr("creationDateTime")),
                    }),
                    None => self.skipped.codings += 1,
                }
            }
            let mut memo: Vec<String> = sel.child_text("Description").filter(|d| !d.trim().is_empty()).into_iter().collect();
            for r in sel.kids("NoteRef") {
                let Some(note) = r.attr("targetGUID").and_then(canonical_guid) else { continue };
                if let Some(n) = self.notes.get(&note) {
                    memo.push(n.text.clone());
                    self.used_notes.insert(note);
                }
            }
            selections.push(Selection {
                guid: sel_id,
                name: sel.attr("name").unwrap_or_default().to_owned(),
                start,
                end,
                creating_user: self.user(sel.attr("creatingUser")),
                creation_date_time: date_time(sel.attr("creationDateTime")),
                codings,
                memo: (!memo.is_empty()).then(|| memo.join("\n\n")),
            });
        }
        Ok(Some(TextSource {
            name: s.attr("name").unwrap_or_default().to_owned(),
            text,
            creating_user: self.user(s.attr("creatingUser")),
            creation_date_time: date_time(s.attr("creationDateTime")),
            description: s.child_text("Description"),
            selections,
            guid: id,
        }))
    }
}

fn date_time(value: Option<&str>) -> Option<String> {
    value.map(str::trim).filter(|v| is_date_time(v)).map(str::to_owned)
}
