//! Importing participants and peer workers from a spreadsheet's CSV file: decoding, reading,
//! mapping Danish and English column names and values, and parsing every row, with no IO.
//!
//! The flow is a dry run, then an all-or-nothing commit. This module is the
//! dry run: [`preview_participants`] and [`preview_peers`] take the uploaded bytes and return an
//! [`ImportPreview`] that holds every row's parsed input or its field errors, plus the errors of
//! the file as a whole. The caller commits only a preview that [`ImportPreview::is_clean`].
//!
//! * **Encoding**: UTF-8 with or without a byte-order mark; UTF-16 with a byte-order mark (Excel's
//!   "Unicode-tekst"); otherwise Windows-1252, which is what Danish Excel writes for
//!   "CSV (semikolonsepareret)".
//! * **Reading**: RFC 4180. The delimiter is read from the header line (`;`, `,` or tab); a
//!   quoted field may hold delimiters, doubled quotes (`""`) and line breaks; `\r\n`, `\n` and
//!   `\r` end a line; blank lines and lines of empty fields are skipped. Every record keeps the
//!   line it starts on (counted from 1). A quote inside an unquoted field is kept as text.
//!   Excel's optional first line `sep=;` is honoured.
//! * **Columns**: header names are matched without regard to case, accents, spaces, `-` and
//!   `_`, in Danish or English (`Fødselsår`, `foedselsaar`, `birth year` …).
//! * **Values**: Danish and English words for choices (`kvinde`, `venteliste`, `frivillig`,
//!   `fremmøde` …) are mapped to the codes the domain's parsers take, and the row is then parsed
//!   by [`ParticipantInput::parse`] or [`PeerWorkerInput::parse`], so an imported row obeys
//!   exactly the rules of the form.
//!
//! Errors are Fluent message ids. Row errors sit in each row's [`ValidationErrors`] under the
//! field names of the domain's parsers (see [`ImportPreview::column`] for the header a field
//! was read from), plus:
//!
//! * `err-import-duplicate` on `email` or `cpr`: the same value is on an earlier line, given in
//!   the row's `duplicate_of` (Fluent argument `$line`);
//! * `err-import-extra-fields` on [`ROW_FIELD`]: a value stands in a column without a header;
//! * `err-import-cpr-leading-zero` on `cpr`: nine digits that are a CPR number once a leading 0
//!   is put back (a spreadsheet read the number as a number).
//!
//! File errors ([`FileError`], arguments `$line`, `$column`, `$name`, `$detail`):
//! `err-import-empty`, `err-import-no-header` (`$detail`: the known columns),
//! `err-import-no-rows`, `err-import-unknown-column` (`$column`, `$name`; `$detail`: the known
//! columns), `err-import-duplicate-column` (`$column`, `$name`), `err-import-missing-column`
//! (`$name`: the Danish name, `$detail`: the English name), `err-import-unclosed-quote`
//! (`$line`, `$column`) and `err-import-too-many` (`$line` of the first row too many,
//! `$detail`: the limit).
//!
//! Personal data stays out of `Debug`: rows hold only the parsed inputs (which redact
//! themselves), field errors (field names and message ids), line numbers and, for participants,
//! the programme's name.

use std::collections::HashMap;

use serde::Serialize;

use crate::people::{Cpr, Email, ParticipantInput, PeerWorkerInput};
use crate::validation::{ValidationErrors, optional_text};

/// The most data rows one file may hold.
pub const MAX_ROWS: usize = 10_000;

/// The field name of row errors that concern the row rather than one column.
pub const ROW_FIELD: &str = "row";

// ---------------------------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------------------------

/// The character encoding a file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    Utf8,
    /// UTF-8 that started with a byte-order mark (Excel's "CSV UTF-8").
    Utf8Bom,
    /// UTF-16 little-endian with a byte-order mark (Excel's "Unicode-tekst").
    Utf16Le,
    /// UTF-16 big-endian with a byte-order mark.
    Utf16Be,
    /// Windows-1252, used when the bytes are not UTF-8 (Danish Excel's semicolon CSV).
    Windows1252,
}

impl Encoding {
    /// A stable code for the UI and the API.
    pub fn code(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8Bom => "utf-8-bom",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1252 => "windows-1252",
        }
    }
}

/// Windows-1252's characters for the bytes 0x80 to 0x9F. The five bytes the code page leaves
/// undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the C1 control character of the same value,
/// as browsers do; text fields reject control characters, so such bytes surface as an error.
const WINDOWS_1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}', // 0x80–0x87
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}', // 0x88–0x8F
    '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}', // 0x90–0x97
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}', // 0x98–0x9F
];

fn windows_1252_char(b: u8) -> char {
    match b {
        0x80..=0x9F => WINDOWS_1252_HIGH[usize::from(b - 0x80)],
        // 0x00–0x7F are ASCII and 0xA0–0xFF are Latin-1 (æ ø å Æ Ø Å …): the byte is the code point.
        _ => char::from(b),
    }
}

fn decode_utf16(bytes: &[u8], little_endian: bool) -> String {
    let units =
        bytes.chunks_exact(2).map(|p| if little_endian { u16::from_le_bytes([p[0], p[1]]) } else { u16::from_be_bytes([p[0], p[1]]) });
    char::decode_utf16(units).map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER)).collect()
}

/// Decodes an uploaded file and says how: UTF-8 (a byte-order mark is removed), UTF-16 when the
/// file starts with its byte-order mark, and otherwise, when the bytes are not valid UTF-8,
/// Windows-1252.
pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest).into_owned(), Encoding::Utf8Bom);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return (decode_utf16(rest, true), Encoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return (decode_utf16(rest, false), Encoding::Utf16Be);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_owned(), Encoding::Utf8),
        Err(_) => (bytes.iter().copied().map(windows_1252_char).collect(), Encoding::Windows1252),
    }
}

// ---------------------------------------------------------------------------------------------
// Reading CSV
// ---------------------------------------------------------------------------------------------

/// The character between fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Delimiter {
    Comma,
    Semicolon,
    Tab,
}

impl Delimiter {
    pub fn as_char(self) -> char {
        match self {
            Delimiter::Comma => ',',
            Delimiter::Semicolon => ';',
            Delimiter::Tab => '\t',
        }
    }
}

/// Reads the delimiter from the first non-blank line, counting only outside quotes: tab when
/// tabs outnumber both others, else `;` when semicolons outnumber commas, else `,`.
pub fn detect_delimiter(text: &str) -> Delimiter {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (mut commas, mut semicolons, mut tabs) = (0usize, 0usize, 0usize);
    let mut in_quotes = false;
    let mut seen = false;
    for c in text.chars() {
        match c {
            '"' => {
                in_quotes = !in_quotes;
                seen = true;
            }
            _ if in_quotes => {}
            '\n' | '\r' if seen => break,
            ',' => commas += 1,
            ';' => semicolons += 1,
            '\t' => tabs += 1,
            _ => {}
        }
        if !c.is_whitespace() || c == '\t' {
            seen = true;
        }
    }
    if tabs > commas && tabs > semicolons {
        Delimiter::Tab
    } else if semicolons > commas {
        Delimiter::Semicolon
    } else {
        Delimiter::Comma
    }
}

/// One record of a CSV file: its fields and the line it starts on (counted from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvRecord {
    pub line: usize,
    pub fields: Vec<String>,
}

/// Splits text into records, honouring quotes, and stops after `max_records` records. Blank
/// lines and lines of only unquoted empty fields are skipped. Spaces before a field are dropped;
/// a line break inside a quoted field is kept as `\n`. The one error is a quoted field that is
/// never closed (`err-import-unclosed-quote`, on the line where it opens).
pub fn read_records(text: &str, delimiter: Delimiter, max_records: usize) -> Result<Vec<CsvRecord>, FileError> {
    let delimiter = delimiter.as_char();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = 1usize; // the physical line being read
    let mut start_line = 1usize; // the line the current record starts on
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut at_field_start = true; // nothing but spaces read in this field yet
    let mut any_quoted = false; // the current record has a quoted field

    while let Some(c) = chars.next() {
        if out.len() >= max_records {
            return Ok(out);
        }
        if at_field_start && c == ' ' {
            continue;
        }
        if at_field_start && c == '"' {
            at_field_start = false;
            any_quoted = true;
            let open_line = line;
            loop {
                match chars.next() {
                    None => {
                        return Err(FileError::new("err-import-unclosed-quote", open_line).with_column(fields.len() + 1, None));
                    }
                    Some('"') if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    Some('"') => break,
                    Some('\r') => {
                        if chars.peek() == Some(&'\n') {
                            chars.next();
                        }
                        line += 1;
                        field.push('\n');
                    }
                    Some('\n') => {
                        line += 1;
                        field.push('\n');
                    }
                    Some(other) => field.push(other),
                }
            }
            // Whatever follows the closing quote up to the delimiter is kept as text.
            continue;
        }
        if c == delimiter {
            fields.push(std::mem::take(&mut field));
            at_field_start = true;
        } else if c == '\n' || c == '\r' {
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            fields.push(std::mem::take(&mut field));
            let taken = std::mem::take(&mut fields);
            if any_quoted || taken.iter().any(|f| !f.trim().is_empty()) {
                out.push(CsvRecord { line: start_line, fields: taken });
            }
            line += 1;
            start_line = line;
            at_field_start = true;
            any_quoted = false;
        } else {
            at_field_start = false;
            field.push(c);
        }
    }
    if out.len() < max_records && (!fields.is_empty() || !field.is_empty() || any_quoted) {
        fields.push(field);
        if any_quoted || fields.iter().any(|f| !f.trim().is_empty()) {
            out.push(CsvRecord { line: start_line, fields });
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Errors and the preview
// ---------------------------------------------------------------------------------------------

/// A problem with the file as a whole. `message` is a Fluent id; the other fields are its
/// arguments: `$line`, `$column` (1-based position), `$name` (a column's name) and `$detail`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileError {
    pub message: &'static str,
    pub line: usize,
    pub column: Option<usize>,
    pub name: Option<String>,
    pub detail: Option<String>,
}

impl FileError {
    fn new(message: &'static str, line: usize) -> Self {
        Self { message, line, column: None, name: None, detail: None }
    }
    fn with_column(mut self, column: usize, name: Option<&str>) -> Self {
        self.column = Some(column);
        self.name = name.map(str::to_owned);
        self
    }
    fn with_detail(mut self, detail: String) -> Self {
        self.detail = Some(detail);
        self
    }
}

/// A column of the file that was recognised: the field it fills (the name the domain's parser
/// reports errors under), the header as written, and its 1-based position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Column {
    pub field: &'static str,
    pub header: String,
    pub position: usize,
}

/// What every previewed row can tell.
pub trait ImportRow {
    /// The line the row starts on, counted from 1 (the header is usually line 1).
    fn line(&self) -> usize;
    /// The row's field errors, or `None` when the row can be imported.
    fn errors(&self) -> Option<&ValidationErrors>;
}

/// One participant row: the parsed input or its errors, and the programme's name as written
/// (the caller resolves it to a programme of the organisation and sets `input.programme`).
#[derive(Debug, Clone)]
pub struct ParticipantRow {
    pub line: usize,
    pub result: Result<ParticipantInput, ValidationErrors>,
    pub programme: Option<String>,
    /// The earlier line with the same e-mail address or CPR number (the row then carries
    /// `err-import-duplicate` on `email` or `cpr`).
    pub duplicate_of: Option<usize>,
}

/// One peer worker row: the parsed input or its errors.
#[derive(Debug, Clone)]
pub struct PeerRow {
    pub line: usize,
    pub result: Result<PeerWorkerInput, ValidationErrors>,
    /// The earlier line with the same e-mail address (the row then carries
    /// `err-import-duplicate` on `email`).
    pub duplicate_of: Option<usize>,
}

impl ImportRow for ParticipantRow {
    fn line(&self) -> usize {
        self.line
    }
    fn errors(&self) -> Option<&ValidationErrors> {
        self.result.as_ref().err()
    }
}

impl ImportRow for PeerRow {
    fn line(&self) -> usize {
        self.line
    }
    fn errors(&self) -> Option<&ValidationErrors> {
        self.result.as_ref().err()
    }
}

/// The dry run of an import: how the file was read, the recognised columns, every row, and the
/// errors of the file as a whole. Rows are parsed when the header could be read and names every
/// required column; a file that is empty, has no header, has an unclosed quote or too many rows
/// has no rows.
#[derive(Debug, Clone)]
pub struct ImportPreview<R> {
    pub encoding: Encoding,
    pub delimiter: Delimiter,
    pub columns: Vec<Column>,
    pub rows: Vec<R>,
    pub file_errors: Vec<FileError>,
}

impl<R: ImportRow> ImportPreview<R> {
    /// True when there are rows, no file errors and no row errors: the import may be committed.
    pub fn is_clean(&self) -> bool {
        self.file_errors.is_empty() && !self.rows.is_empty() && self.rows.iter().all(|r| r.errors().is_none())
    }
    pub fn row_count(&self) -> usize {
        self.rows.len()
    }
    /// Rows that parsed without errors.
    pub fn valid_count(&self) -> usize {
        self.rows.iter().filter(|r| r.errors().is_none()).count()
    }
    /// Rows with at least one error.
    pub fn invalid_count(&self) -> usize {
        self.rows.len() - self.valid_count()
    }
    /// All errors: file errors plus every field error of every row.
    pub fn error_count(&self) -> usize {
        self.file_errors.len() + self.rows.iter().filter_map(|r| r.errors()).map(|e| e.fields.len()).sum::<usize>()
    }
    /// The rows that have errors, in file order.
    pub fn rows_with_errors(&self) -> impl Iterator<Item = &R> {
        self.rows.iter().filter(|r| r.errors().is_some())
    }
    /// The column a field was read from, to show a row error under its header.
    pub fn column(&self, field: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.field == field)
    }
}

// ---------------------------------------------------------------------------------------------
// Column and value names
// ---------------------------------------------------------------------------------------------

/// Folds a name or value for matching: lower case, Danish letters spelt out (æ → ae, ø → oe,
/// å → aa), other accents dropped, and everything but letters and digits removed.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            'æ' | 'ä' => out.push_str("ae"),
            'ø' | 'ö' => out.push_str("oe"),
            'å' => out.push_str("aa"),
            'á' | 'à' | 'â' | 'ã' => out.push('a'),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'í' | 'ì' | 'î' | 'ï' => out.push('i'),
            'ó' | 'ò' | 'ô' | 'õ' => out.push('o'),
            'ú' | 'ù' | 'û' | 'ü' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            'ñ' => out.push('n'),
            'ç' => out.push('c'),
            'š' => out.push('s'),
            'ž' => out.push('z'),
            c if c.is_alphanumeric() => out.push(c),
            _ => {}
        }
    }
    out
}

/// A column the importer knows: the field it fills, its Danish and English names (for the
/// list of known columns) and its names after [`fold`].
struct ColumnSpec {
    field: &'static str,
    da: &'static str,
    en: &'static str,
    names: &'static [&'static str],
    required: bool,
}

const NAME_NAMES: &[&str] = &["navn", "name", "fuldtnavn", "fuldenavn", "fullname"];
const EMAIL_NAMES: &[&str] = &["email", "mail", "emailadresse", "emailaddress"];
const PHONE_NAMES: &[&str] = &["telefon", "telefonnummer", "tlf", "tlfnr", "mobil", "mobilnummer", "phone", "telephone"];
const STATUS_NAMES: &[&str] = &["status"];
const LANGUAGE_NAMES: &[&str] = &["sprog", "languages", "language"];

const PARTICIPANT_COLUMNS: &[ColumnSpec] = &[
    ColumnSpec { field: "name", da: "navn", en: "name", names: NAME_NAMES, required: false },
    ColumnSpec { field: "cpr", da: "cpr", en: "cpr", names: &["cpr", "cprnr", "cprnummer", "personnummer"], required: false },
    ColumnSpec {
        field: "birth_year",
        da: "fødselsår",
        en: "birth_year",
        names: &["foedselsaar", "fodselsar", "fodselsaar", "foedselsar", "birthyear", "yearofbirth"],
        required: false,
    },
    ColumnSpec { field: "gender", da: "køn", en: "gender", names: &["koen", "kon", "gender"], required: false },
    ColumnSpec { field: "phone", da: "telefon", en: "phone", names: PHONE_NAMES, required: false },
    ColumnSpec { field: "email", da: "e-mail", en: "email", names: EMAIL_NAMES, required: false },
    ColumnSpec { field: "status", da: "status", en: "status", names: STATUS_NAMES, required: true },
    ColumnSpec { field: "languages", da: "sprog", en: "languages", names: LANGUAGE_NAMES, required: false },
    ColumnSpec { field: "programme", da: "program", en: "programme", names: &["program", "programme", "indsats"], required: false },
];

const PEER_COLUMNS: &[ColumnSpec] = &[
    ColumnSpec { field: "display_name", da: "navn", en: "name", names: NAME_NAMES, required: true },
    ColumnSpec { field: "email", da: "e-mail", en: "email", names: EMAIL_NAMES, required: false },
    ColumnSpec { field: "phone", da: "telefon", en: "phone", names: PHONE_NAMES, required: false },
    ColumnSpec {
        field: "engagement",
        da: "engagement",
        en: "engagement",
        names: &["engagement", "ansaettelse", "ansattelse", "ansaettelsesform", "ansaettelsestype"],
        required: true,
    },
    ColumnSpec { field: "status", da: "status", en: "status", names: STATUS_NAMES, required: true },
    ColumnSpec { field: "languages", da: "sprog", en: "languages", names: LANGUAGE_NAMES, required: false },
    ColumnSpec {
        field: "modes",
        da: "kontaktformer",
        en: "modes",
        names: &["kontaktformer", "kontaktform", "modes", "mode"],
        required: false,
    },
];

/// Choice values after [`fold`], each with the code the domain's parser takes.
type Choices = &'static [(&'static str, &'static str)];

const GENDERS: Choices = &[
    ("kvinde", "female"),
    ("k", "female"),
    ("female", "female"),
    ("f", "female"),
    ("woman", "female"),
    ("mand", "male"),
    ("m", "male"),
    ("male", "male"),
    ("man", "male"),
    ("andet", "other"),
    ("other", "other"),
];

const PARTICIPANT_STATUSES: Choices = &[
    ("venteliste", "waiting"),
    ("paaventeliste", "waiting"),
    ("ventende", "waiting"),
    ("waiting", "waiting"),
    ("aktiv", "active"),
    ("active", "active"),
    ("igang", "active"),
    ("iforloeb", "active"),
    ("afsluttet", "closed"),
    ("closed", "closed"),
];

const PEER_STATUSES: Choices = &[
    ("aktiv", "active"),
    ("active", "active"),
    ("pause", "paused"),
    ("paapause", "paused"),
    ("papause", "paused"),
    ("paused", "paused"),
    ("stoppet", "left"),
    ("ophoert", "left"),
    ("ophort", "left"),
    ("fratraadt", "left"),
    ("left", "left"),
];

const ENGAGEMENTS: Choices = &[
    ("frivillig", "volunteer"),
    ("uloennet", "volunteer"),
    ("volunteer", "volunteer"),
    ("loennet", "paid"),
    ("lonnet", "paid"),
    ("ansat", "paid"),
    ("paid", "paid"),
    ("employed", "paid"),
];

const MODES: Choices = &[
    ("personligt", "in_person"),
    ("personlig", "in_person"),
    ("fremmoede", "in_person"),
    ("fremmode", "in_person"),
    ("fysiskfremmoede", "in_person"),
    ("fysiskfremmode", "in_person"),
    ("fysisk", "in_person"),
    ("inperson", "in_person"),
    ("telefon", "phone"),
    ("telefonisk", "phone"),
    ("tlf", "phone"),
    ("phone", "phone"),
    ("online", "online"),
    ("video", "online"),
];

/// Language names in Danish and English, after [`fold`], with their ISO 639 codes.
const LANGUAGES: Choices = &[
    ("dansk", "da"),
    ("danish", "da"),
    ("engelsk", "en"),
    ("english", "en"),
    ("arabisk", "ar"),
    ("arabic", "ar"),
    ("tyrkisk", "tr"),
    ("turkish", "tr"),
    ("somali", "so"),
    ("somalisk", "so"),
    ("polsk", "pl"),
    ("polish", "pl"),
    ("ukrainsk", "uk"),
    ("ukrainian", "uk"),
    ("tysk", "de"),
    ("german", "de"),
    ("persisk", "fa"),
    ("farsi", "fa"),
    ("persian", "fa"),
    ("urdu", "ur"),
    ("tigrinya", "ti"),
    ("tigrinja", "ti"),
    ("svensk", "sv"),
    ("swedish", "sv"),
    ("norsk", "no"),
    ("norwegian", "no"),
    ("fransk", "fr"),
    ("french", "fr"),
    ("spansk", "es"),
    ("spanish", "es"),
    ("russisk", "ru"),
    ("russian", "ru"),
    ("kurdisk", "ku"),
    ("kurdish", "ku"),
    ("groenlandsk", "kl"),
    ("gronlandsk", "kl"),
    ("greenlandic", "kl"),
];

/// Words between list items that are not items ("dansk og engelsk").
const LIST_WORDS: &[&str] = &["og", "and", "samt"];

/// The code for a choice written in Danish or English; anything else is passed on trimmed, so
/// that the domain's parser reports it.
fn choice(raw: &str, choices: Choices) -> String {
    let key = fold(raw);
    choices.iter().find(|(name, _)| *name == key).map_or_else(|| raw.trim().to_owned(), |(_, code)| (*code).to_owned())
}

fn split_list(raw: &str) -> impl Iterator<Item = &str> {
    raw.split([',', ';', '/', '|', '+', '&', '\n']).map(str::trim).filter(|t| !t.is_empty())
}

/// "da, en", "Dansk; engelsk" or "dansk og engelsk" → "da, en". Codes are kept as written;
/// an unknown name is passed on, folded, for the parser to reject.
fn languages(raw: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for token in split_list(raw).flat_map(str::split_whitespace) {
        let key = fold(token);
        if key.is_empty() || LIST_WORDS.contains(&key.as_str()) {
            continue;
        }
        let code = LANGUAGES.iter().find(|(name, _)| *name == key).map_or(key, |(_, code)| (*code).to_owned());
        if !out.contains(&code) {
            out.push(code);
        }
    }
    out.join(", ")
}

/// "fremmøde, telefon", "in person / online" or "telefon og video" → mode codes. An item that
/// is not a known mode is passed on as written, for the parser to reject.
fn modes(raw: &str) -> Vec<String> {
    let mut out = Vec::new();
    for item in split_list(raw) {
        let key = fold(item);
        if let Some((_, code)) = MODES.iter().find(|(name, _)| *name == key) {
            out.push((*code).to_owned());
            continue;
        }
        let words: Vec<String> = item.split_whitespace().map(fold).filter(|w| !w.is_empty() && !LIST_WORDS.contains(&w.as_str())).collect();
        let codes: Option<Vec<&str>> = words.iter().map(|w| MODES.iter().find(|(name, _)| name == w).map(|(_, code)| *code)).collect();
        match codes {
            Some(codes) if !codes.is_empty() => out.extend(codes.into_iter().map(str::to_owned)),
            _ => out.push(item.to_owned()),
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Header and rows
// ---------------------------------------------------------------------------------------------

/// What one header position holds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// The column spec with this index.
    Field(usize),
    /// An unknown or repeated column, reported as a file error; its values are not read.
    Ignored,
    /// A column without a name; a value under it is a row error.
    Unnamed,
}

/// The header, read.
struct Header {
    slots: Vec<Slot>,
    columns: Vec<Column>,
}

/// Maps the header to the column specs; unknown, repeated and missing columns are file errors.
/// `None` when the line holds no known column at all (the file has no header).
fn read_header(record: &CsvRecord, specs: &[ColumnSpec], errors: &mut Vec<FileError>) -> Option<Header> {
    let found: Vec<Option<usize>> = record.fields.iter().map(|h| specs.iter().position(|s| s.names.contains(&fold(h).as_str()))).collect();
    if found.iter().all(Option::is_none) {
        errors.push(FileError::new("err-import-no-header", record.line).with_detail(known_columns(specs)));
        return None;
    }
    let mut slots = Vec::with_capacity(found.len());
    let mut columns: Vec<Column> = Vec::new();
    for (i, (raw, spec)) in record.fields.iter().zip(found).enumerate() {
        let header = raw.trim();
        match spec {
            Some(s) if columns.iter().any(|c| c.field == specs[s].field) => {
                errors.push(FileError::new("err-import-duplicate-column", record.line).with_column(i + 1, Some(header)));
                slots.push(Slot::Ignored);
            }
            Some(s) => {
                columns.push(Column { field: specs[s].field, header: header.to_owned(), position: i + 1 });
                slots.push(Slot::Field(s));
            }
            None if header.is_empty() => slots.push(Slot::Unnamed),
            None => {
                errors.push(
                    FileError::new("err-import-unknown-column", record.line)
                        .with_column(i + 1, Some(header))
                        .with_detail(known_columns(specs)),
                );
                slots.push(Slot::Ignored);
            }
        }
    }
    for spec in specs.iter().filter(|s| s.required && !columns.iter().any(|c| c.field == s.field)) {
        let mut e = FileError::new("err-import-missing-column", record.line);
        e.name = Some(spec.da.to_owned());
        e.detail = Some(spec.en.to_owned());
        errors.push(e);
    }
    Some(Header { slots, columns })
}

/// "navn/name, cpr, fødselsår/birth_year, …": the detail of an unknown-column error.
fn known_columns(specs: &[ColumnSpec]) -> String {
    specs.iter().map(|s| if s.da == s.en { s.da.to_owned() } else { format!("{}/{}", s.da, s.en) }).collect::<Vec<_>>().join(", ")
}

/// One record's values by column spec: `None` when the file has no such column, `Some("")` when
/// the cell is empty or missing at the end of a short row.
struct Cells<'a> {
    values: Vec<Option<&'a str>>,
    specs: &'static [ColumnSpec],
    /// A value stands in a column without a header, or beyond the header's last column.
    stray: bool,
}

impl<'a> Cells<'a> {
    fn new(record: &'a CsvRecord, header: &Header, specs: &'static [ColumnSpec]) -> Self {
        let mut values: Vec<Option<&'a str>> = vec![None; specs.len()];
        for (pos, slot) in header.slots.iter().enumerate() {
            if let Slot::Field(s) = slot {
                values[*s] = Some(record.fields.get(pos).map_or("", |v| v.trim()));
            }
        }
        let stray = record
            .fields
            .iter()
            .enumerate()
            .any(|(pos, v)| !v.trim().is_empty() && header.slots.get(pos).is_none_or(|s| *s == Slot::Unnamed));
        Self { values, specs, stray }
    }
    fn get(&self, field: &str) -> Option<&'a str> {
        self.specs.iter().position(|s| s.field == field).and_then(|i| self.values[i])
    }
}

/// Turns `err-choice` on an empty required choice into `err-required`.
fn required_if_empty(errors: &mut ValidationErrors, field: &str, raw: Option<&str>) {
    if raw.is_none_or(|r| r.trim().is_empty()) {
        for f in errors.fields.iter_mut().filter(|f| f.field == field && f.message == "err-choice") {
            f.message = "err-required";
        }
    }
}

/// Remembers e-mail addresses and CPR numbers seen, to flag a second row with the same one.
#[derive(Default)]
struct Seen {
    first: HashMap<String, usize>,
}

impl Seen {
    /// Records `key` on `line`; returns the earlier line when the key was seen before.
    fn check(&mut self, key: String, line: usize) -> Option<usize> {
        match self.first.get(&key) {
            Some(&earlier) => Some(earlier),
            None => {
                self.first.insert(key, line);
                None
            }
        }
    }
}

/// A file read up to its rows: the records to parse (none when the file cannot be imported row
/// by row), the header when one was found, and the file errors.
struct Prepared {
    delimiter: Delimiter,
    records: Vec<CsvRecord>,
    header: Option<Header>,
    file_errors: Vec<FileError>,
}

/// Excel's optional first line `sep=;` names the delimiter. Returns it and the text with that
/// line blanked, so that line numbers stay those of the file.
fn sep_line(text: &str) -> Option<(Delimiter, String)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let first = first.trim_end_matches('\r');
    if !first.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("sep=")) {
        return None;
    }
    let delimiter = match first.get(4..)? {
        ";" => Delimiter::Semicolon,
        "," => Delimiter::Comma,
        "\t" => Delimiter::Tab,
        _ => return None,
    };
    Some((delimiter, format!("\n{rest}")))
}

fn prepare(text: &str, specs: &'static [ColumnSpec]) -> Prepared {
    let sep = sep_line(text);
    let (delimiter, text) = match &sep {
        Some((d, rest)) => (*d, rest.as_str()),
        None => (detect_delimiter(text), text),
    };
    let mut file_errors = Vec::new();
    let records = match read_records(text, delimiter, MAX_ROWS + 2) {
        Ok(r) => r,
        Err(e) => {
            file_errors.push(e);
            return Prepared { delimiter, records: Vec::new(), header: None, file_errors };
        }
    };
    let Some(first) = records.first() else {
        file_errors.push(FileError::new("err-import-empty", 1));
        return Prepared { delimiter, records, header: None, file_errors };
    };
    let header = read_header(first, specs, &mut file_errors);
    if header.is_none() {
        return Prepared { delimiter, records: Vec::new(), header, file_errors };
    }
    if let Some(over) = records.get(MAX_ROWS + 1) {
        file_errors.push(FileError::new("err-import-too-many", over.line).with_detail(MAX_ROWS.to_string()));
        return Prepared { delimiter, records: Vec::new(), header: None, file_errors };
    }
    if records.len() == 1 {
        file_errors.push(FileError::new("err-import-no-rows", first.line));
    }
    if file_errors.iter().any(|e| e.message == "err-import-missing-column") {
        return Prepared { delimiter, records: Vec::new(), header, file_errors };
    }
    Prepared { delimiter, records, header, file_errors }
}

// ---------------------------------------------------------------------------------------------
// Participants and peer workers
// ---------------------------------------------------------------------------------------------

/// Decodes the bytes of an uploaded participant file and previews it (see [`parse_participants`]).
pub fn preview_participants(bytes: &[u8], this_year: i32) -> ImportPreview<ParticipantRow> {
    let (text, encoding) = decode(bytes);
    ImportPreview { encoding, ..parse_participants(&text, this_year) }
}

/// Decodes the bytes of an uploaded peer worker file and previews it (see [`parse_peers`]).
pub fn preview_peers(bytes: &[u8]) -> ImportPreview<PeerRow> {
    let (text, encoding) = decode(bytes);
    ImportPreview { encoding, ..parse_peers(&text) }
}

fn text_encoding(text: &str) -> Encoding {
    if text.starts_with('\u{feff}') { Encoding::Utf8Bom } else { Encoding::Utf8 }
}

/// Previews a participant file that is already text. Columns: `navn`, `cpr`, `fødselsår`,
/// `køn`, `telefon`, `e-mail`, `status` (required), `sprog`, `program` (or their English names).
/// `this_year` bounds the birth year, as in the form.
pub fn parse_participants(text: &str, this_year: i32) -> ImportPreview<ParticipantRow> {
    let Prepared { delimiter, records, header, file_errors } = prepare(text, PARTICIPANT_COLUMNS);
    let columns = header.as_ref().map(|h| h.columns.clone()).unwrap_or_default();
    let mut rows = Vec::new();
    if let Some(header) = &header {
        let mut emails = Seen::default();
        let mut cprs = Seen::default();
        for record in records.iter().skip(1) {
            rows.push(participant_row(record, header, this_year, &mut emails, &mut cprs));
        }
    }
    ImportPreview { encoding: text_encoding(text), delimiter, columns, rows, file_errors }
}

fn participant_row(record: &CsvRecord, header: &Header, this_year: i32, emails: &mut Seen, cprs: &mut Seen) -> ParticipantRow {
    let cells = Cells::new(record, header, PARTICIPANT_COLUMNS);
    let gender = cells.get("gender").map(|g| choice(g, GENDERS));
    let status_raw = cells.get("status");
    let status = choice(status_raw.unwrap_or(""), PARTICIPANT_STATUSES);
    let langs = languages(cells.get("languages").unwrap_or(""));
    let cpr_raw = cells.get("cpr");
    let email_raw = cells.get("email");
    let parsed = ParticipantInput::parse(
        cells.get("name"),
        cpr_raw,
        cells.get("birth_year"),
        gender.as_deref(),
        cells.get("phone"),
        email_raw,
        None,
        &status,
        &langs,
        this_year,
    );
    let (input, mut errors) = match parsed {
        Ok(input) => (Some(input), ValidationErrors::new()),
        Err(e) => (None, e),
    };
    required_if_empty(&mut errors, "status", status_raw);
    if cpr_raw.is_some_and(lost_leading_zero) {
        for f in errors.fields.iter_mut().filter(|f| f.field == "cpr") {
            f.message = "err-import-cpr-leading-zero";
        }
    }
    let programme = match optional_text(cells.get("programme"), 200) {
        Ok(p) => p,
        Err(m) => {
            errors.add("programme", m);
            None
        }
    };
    if cells.stray {
        errors.add(ROW_FIELD, "err-import-extra-fields");
    }
    let mut duplicate_of = None;
    if let Some(email) = email_raw.and_then(|r| Email::parse(r).ok())
        && let Some(earlier) = emails.check(email.as_str().to_owned(), record.line)
    {
        errors.add("email", "err-import-duplicate");
        duplicate_of = Some(earlier);
    }
    if let Some(cpr) = cpr_raw.and_then(|r| Cpr::parse(r).ok())
        && let Some(earlier) = cprs.check(cpr.digits().to_owned(), record.line)
    {
        errors.add("cpr", "err-import-duplicate");
        duplicate_of = duplicate_of.or(Some(earlier));
    }
    let result = match input {
        Some(input) if errors.is_empty() => Ok(input),
        _ => Err(errors),
    };
    ParticipantRow { line: record.line, result, programme, duplicate_of }
}

/// Nine digits that make a valid CPR number with a leading 0: a spreadsheet read the number as
/// a number and dropped the zero.
fn lost_leading_zero(raw: &str) -> bool {
    let t = raw.trim();
    t.len() == 9 && t.chars().all(|c| c.is_ascii_digit()) && Cpr::parse(&format!("0{t}")).is_ok()
}

/// Previews a peer worker file that is already text. Columns: `navn` (required), `e-mail`,
/// `telefon`, `engagement` (required), `status` (required), `sprog`, `kontaktformer` (or their
/// English names).
pub fn parse_peers(text: &str) -> ImportPreview<PeerRow> {
    let Prepared { delimiter, records, header, file_errors } = prepare(text, PEER_COLUMNS);
    let columns = header.as_ref().map(|h| h.columns.clone()).unwrap_or_default();
    let mut rows = Vec::new();
    if let Some(header) = &header {
        let mut emails = Seen::default();
        for record in records.iter().skip(1) {
            rows.push(peer_row(record, header, &mut emails));
        }
    }
    ImportPreview { encoding: text_encoding(text), delimiter, columns, rows, file_errors }
}

fn peer_row(record: &CsvRecord, header: &Header, emails: &mut Seen) -> PeerRow {
    let cells = Cells::new(record, header, PEER_COLUMNS);
    let engagement_raw = cells.get("engagement");
    let status_raw = cells.get("status");
    let email_raw = cells.get("email");
    let parsed = PeerWorkerInput::parse(
        cells.get("display_name").unwrap_or(""),
        email_raw,
        cells.get("phone"),
        &choice(engagement_raw.unwrap_or(""), ENGAGEMENTS),
        &choice(status_raw.unwrap_or(""), PEER_STATUSES),
        &languages(cells.get("languages").unwrap_or("")),
        &modes(cells.get("modes").unwrap_or("")),
    );
    let (input, mut errors) = match parsed {
        Ok(input) => (Some(input), ValidationErrors::new()),
        Err(e) => (None, e),
    };
    required_if_empty(&mut errors, "engagement", engagement_raw);
    required_if_empty(&mut errors, "status", status_raw);
    if cells.stray {
        errors.add(ROW_FIELD, "err-import-extra-fields");
    }
    let mut duplicate_of = None;
    if let Some(email) = email_raw.and_then(|r| Email::parse(r).ok())
        && let Some(earlier) = emails.check(email.as_str().to_owned(), record.line)
    {
        errors.add("email", "err-import-duplicate");
        duplicate_of = Some(earlier);
    }
    let result = match input {
        Some(input) if errors.is_empty() => Ok(input),
        _ => Err(errors),
    };
    PeerRow { line: record.line, result, duplicate_of }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::directory::Mode;
    use crate::people::{Engagement, Gender, ParticipantStatus, PeerStatus};
    use proptest::prelude::*;

    const YEAR: i32 = 2026;

    /// Encodes text as Windows-1252, as Danish Excel saves it.
    fn windows_1252(text: &str) -> Vec<u8> {
        text.chars()
            .map(|c| match WINDOWS_1252_HIGH.iter().position(|h| *h == c) {
                Some(i) => 0x80 + u8::try_from(i).unwrap(),
                None => u8::try_from(u32::from(c)).unwrap(),
            })
            .collect()
    }

    fn ok_participants(p: &ImportPreview<ParticipantRow>) -> Vec<&ParticipantInput> {
        p.rows.iter().map(|r| r.result.as_ref().unwrap()).collect()
    }

    fn row_errors(p: &ImportPreview<ParticipantRow>, line: usize) -> &ValidationErrors {
        p.rows.iter().find(|r| r.line == line).and_then(|r| r.result.as_ref().err()).unwrap()
    }

    fn file_messages<R>(p: &ImportPreview<R>) -> Vec<&'static str> {
        p.file_errors.iter().map(|e| e.message).collect()
    }

    #[test]
    fn windows_1252_maps_the_whole_code_page() {
        let (text, enc) = decode(&[0x80, 0x84, 0x85, 0x89, 0x8A, 0x8B, 0x8C, 0x8E, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0xFF]);
        assert_eq!(enc, Encoding::Windows1252);
        assert_eq!(text, "€„…‰Š‹ŒŽ\u{2018}\u{2019}\u{201C}\u{201D}•–—ÿ");
        let (text, _) = decode(&[0x98, 0x99, 0x9A, 0x9B, 0x9C, 0x9E, 0x9F, 0xE6, 0xF8, 0xE5, 0xC6, 0xD8, 0xC5, 0xA0]);
        assert_eq!(text, "˜™š›œžŸæøåÆØÅ\u{a0}");
        // every byte decodes to one character and encodes back to itself
        let all: Vec<u8> = (0..=255).collect();
        let (text, enc) = decode(&all);
        assert_eq!(enc, Encoding::Windows1252);
        assert_eq!(text.chars().count(), 256);
        assert_eq!(windows_1252(&text), all);
    }

    #[test]
    fn utf8_is_preferred_and_its_bom_removed() {
        assert_eq!(decode("Søren".as_bytes()), ("Søren".to_owned(), Encoding::Utf8));
        assert_eq!(decode("\u{feff}Søren".as_bytes()), ("Søren".to_owned(), Encoding::Utf8Bom));
        assert_eq!(decode(b""), (String::new(), Encoding::Utf8));
        let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain("Åse".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(&utf16), ("Åse".to_owned(), Encoding::Utf16Le));
        let utf16be: Vec<u8> = [0xFE, 0xFF].into_iter().chain("Åse".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(decode(&utf16be), ("Åse".to_owned(), Encoding::Utf16Be));
    }

    #[test]
    fn delimiter_is_read_from_the_header() {
        assert_eq!(detect_delimiter("navn;e-mail;status\na,b;c"), Delimiter::Semicolon);
        assert_eq!(detect_delimiter("navn,e-mail;status\n"), Delimiter::Comma);
        assert_eq!(detect_delimiter("\u{feff}\n\n navn\tstatus\n"), Delimiter::Tab);
        assert_eq!(detect_delimiter("\"a,b,c\";status\n"), Delimiter::Semicolon, "commas inside quotes do not count");
        assert_eq!(detect_delimiter("navn"), Delimiter::Comma);
        assert_eq!(detect_delimiter(""), Delimiter::Comma);
    }

    #[test]
    fn reader_follows_rfc_4180_and_counts_lines() {
        let text = "\u{feff}a;b\r\n\r\n;;\r\n \"x;\"\"y\"\"\r\nz\";2\r\nlast;\"\"\n\n";
        let records = read_records(text, Delimiter::Semicolon, 100).unwrap();
        let got: Vec<(usize, Vec<&str>)> = records.iter().map(|r| (r.line, r.fields.iter().map(String::as_str).collect())).collect();
        assert_eq!(got, [(1, vec!["a", "b"]), (4, vec!["x;\"y\"\nz", "2"]), (6, vec!["last", ""])]);
        let no_final_newline = read_records("a,b\n1,2", Delimiter::Comma, 100).unwrap();
        assert_eq!(no_final_newline.len(), 2);
        assert_eq!(no_final_newline[1].fields, ["1", "2"]);
        assert_eq!(read_records("a,b\n1,2\n3,4\n", Delimiter::Comma, 2).unwrap().len(), 2, "stops at the limit");
        let err = read_records("a,b\n1,\"open\n2,3\n", Delimiter::Comma, 100).unwrap_err();
        assert_eq!((err.message, err.line, err.column), ("err-import-unclosed-quote", 2, Some(2)));
    }

    #[test]
    fn utf8_file_with_bom_and_commas() {
        let text = "\u{feff}Name,Email,Status,Languages,Birth Year,Gender\r\n\
                    Mette Nielsen,Mette@Example.dk,active,\"da, en\",1985,female\r\n\
                    ,,waiting,,,\r\n";
        let p = preview_participants(text.as_bytes(), YEAR);
        assert_eq!((p.encoding, p.delimiter), (Encoding::Utf8Bom, Delimiter::Comma));
        assert!(p.is_clean(), "{p:?}");
        assert_eq!((p.row_count(), p.valid_count(), p.invalid_count(), p.error_count()), (2, 2, 0, 0));
        let rows = ok_participants(&p);
        assert_eq!(rows[0].name.as_ref().map(|n| n.expose().as_str()), Some("Mette Nielsen"));
        assert_eq!(rows[0].email.as_ref().map(Email::as_str), Some("mette@example.dk"));
        assert_eq!(rows[0].languages, ["da", "en"]);
        assert_eq!((rows[0].birth_year, rows[0].gender, rows[0].status), (Some(1985), Some(Gender::Female), ParticipantStatus::Active));
        assert_eq!((rows[1].name.is_none(), rows[1].status), (true, ParticipantStatus::Waiting));
        assert_eq!(p.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 3]);
        assert_eq!(p.column("birth_year").map(|c| (c.header.as_str(), c.position)), Some(("Birth Year", 5)));
    }

    #[test]
    fn danish_excel_export_in_windows_1252_with_semicolons() {
        let text = "Navn;E-mail;Fødselsår;Køn;Telefon;Status;Sprog;Program\r\n\
                    Søren Ærø;soren@example.dk;1980;Mand;+45 12 34 56 78;Venteliste;Dansk;\"Peer; Nord\r\nHold 2\"\r\n\
                    Åse Østergård;ase@example.dk;1975;KVINDE;;aktiv;dansk og engelsk;Peer Syd\r\n\
                    ;;;;;;;\r\n";
        let bytes = windows_1252(text);
        assert!(std::str::from_utf8(&bytes).is_err(), "the test file must not be UTF-8");
        let p = preview_participants(&bytes, YEAR);
        assert_eq!((p.encoding, p.delimiter), (Encoding::Windows1252, Delimiter::Semicolon));
        assert!(p.is_clean(), "{p:?}");
        assert_eq!(p.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 4], "the quoted line break moves the next row");
        assert_eq!(p.rows[0].programme.as_deref(), Some("Peer; Nord\nHold 2"));
        assert_eq!(p.rows[1].programme.as_deref(), Some("Peer Syd"));
        let rows = ok_participants(&p);
        assert_eq!(rows[0].name.as_ref().map(|n| n.expose().as_str()), Some("Søren Ærø"));
        assert_eq!(rows[1].name.as_ref().map(|n| n.expose().as_str()), Some("Åse Østergård"));
        assert_eq!((rows[0].gender, rows[0].status), (Some(Gender::Male), ParticipantStatus::Waiting));
        assert_eq!((rows[1].gender, rows[1].status), (Some(Gender::Female), ParticipantStatus::Active));
        assert_eq!(rows[1].languages, ["da", "en"]);
        assert_eq!(rows[0].programme, None, "the caller resolves the programme's name");
    }

    #[test]
    fn danish_peer_headers_and_values() {
        let text = "NAVN;E-MAIL;Tlf;Ansættelse;Status;Sprog;Kontaktformer\n\
                    Anna Berg;anna@example.dk;12345678;Lønnet;På pause;Dansk, arabisk;Fremmøde, telefon\n\
                    Bo Holm;;;frivillig;Stoppet;da/persisk/farsi;online og telefon\n\
                    Carl;;;ansat;aktiv;;\n";
        let p = parse_peers(text);
        assert!(p.is_clean(), "{p:?}");
        let rows: Vec<&PeerWorkerInput> = p.rows.iter().map(|r| r.result.as_ref().unwrap()).collect();
        assert_eq!((rows[0].engagement, rows[0].status), (Engagement::Paid, PeerStatus::Paused));
        assert_eq!(rows[0].languages, ["da", "ar"]);
        assert_eq!(rows[0].modes, [Mode::InPerson, Mode::Phone]);
        assert_eq!((rows[1].engagement, rows[1].status), (Engagement::Volunteer, PeerStatus::Left));
        assert_eq!(rows[1].languages, ["da", "fa"]);
        assert_eq!(rows[1].modes, [Mode::Phone, Mode::Online]);
        assert_eq!((rows[2].engagement, rows[2].status, rows[2].modes.len()), (Engagement::Paid, PeerStatus::Active, 0));

        let english = parse_peers("name,email,engagement,status,languages,modes\nAnna,,volunteer,active,en,in person / video\n");
        assert!(english.is_clean(), "{english:?}");
        assert_eq!(english.rows[0].result.as_ref().unwrap().modes, [Mode::InPerson, Mode::Online]);

        let bad = parse_peers("navn;engagement;status;sprog;kontaktformer\nAnna;altid;;klingon;brevdue\n");
        let e = bad.rows[0].result.as_ref().unwrap_err();
        assert_eq!(e.message_for("engagement"), Some("err-choice"));
        assert_eq!(e.message_for("status"), Some("err-required"));
        assert_eq!(e.message_for("languages"), Some("err-language"));
        assert_eq!(e.message_for("modes"), Some("err-choice"));
    }

    #[test]
    fn header_names_ignore_case_accents_and_punctuation() {
        for header in ["fødselsår", "FOEDSELSAAR", "Fodselsar", "birth_year", "Birth year", " BIRTH-YEAR "] {
            let p = parse_participants(&format!("status,{header}\naktiv,1990\n"), YEAR);
            assert!(p.is_clean(), "{header}: {p:?}");
            assert_eq!(ok_participants(&p)[0].birth_year, Some(1990));
        }
    }

    #[test]
    fn unknown_column_is_named_with_the_known_ones() {
        let p = parse_participants("navn;status;yndlingsfarve\nMette;aktiv;blå\n", YEAR);
        assert_eq!(file_messages(&p), ["err-import-unknown-column"]);
        let e = &p.file_errors[0];
        assert_eq!((e.line, e.column, e.name.as_deref()), (1, Some(3), Some("yndlingsfarve")));
        let detail = e.detail.as_deref().unwrap_or("");
        assert!(
            detail.contains("fødselsår/birth_year") && detail.contains("e-mail/email") && detail.contains("program/programme"),
            "{detail}"
        );
        assert_eq!(p.valid_count(), 1, "the known columns are still checked");
        assert!(!p.is_clean());

        let twice = parse_participants("email,mail,status\na@x.dk,b@x.dk,aktiv\n", YEAR);
        assert_eq!(file_messages(&twice), ["err-import-duplicate-column"]);
        assert_eq!((twice.file_errors[0].column, twice.file_errors[0].name.as_deref()), (Some(2), Some("mail")));
    }

    #[test]
    fn missing_required_column_is_an_error_on_the_header_line() {
        let p = parse_peers("navn,e-mail\nAnna,anna@example.dk\n");
        assert_eq!(file_messages(&p), ["err-import-missing-column", "err-import-missing-column"]);
        let names: Vec<(usize, Option<&str>)> = p.file_errors.iter().map(|e| (e.line, e.name.as_deref())).collect();
        assert_eq!(names, [(1, Some("engagement")), (1, Some("status"))]);
        assert!(p.rows.is_empty() && !p.is_clean());

        let q = parse_participants("navn\nMette\n", YEAR);
        assert_eq!(file_messages(&q), ["err-import-missing-column"]);
        assert_eq!((q.file_errors[0].name.as_deref(), q.file_errors[0].detail.as_deref()), (Some("status"), Some("status")));
    }

    #[test]
    fn bad_cpr_and_birth_year_carry_the_domain_message_ids() {
        let p = parse_participants("cpr;fødselsår;status\n320190-1234;1800;aktiv\n0101901234;2020;aktiv\n101901234;;aktiv\n", YEAR);
        let e = row_errors(&p, 2);
        assert_eq!(e.message_for("cpr"), Some("err-cpr"));
        assert_eq!(e.message_for("birth_year"), Some("err-birth-year"));
        assert_eq!(e.fields.len(), 2);
        assert_eq!(row_errors(&p, 3).message_for("birth_year"), Some("err-birth-year"), "younger than 10");
        assert_eq!(row_errors(&p, 4).message_for("cpr"), Some("err-import-cpr-leading-zero"));
        assert_eq!((p.invalid_count(), p.error_count()), (3, 4));
        assert_eq!(p.rows_with_errors().map(|r| r.line).collect::<Vec<_>>(), [2, 3, 4]);
    }

    #[test]
    fn duplicates_within_the_file_name_the_earlier_line() {
        let p = parse_participants(
            "navn,e-mail,cpr,status\nA,Anna@Example.dk,,aktiv\nB,b@example.dk,010190-1234,aktiv\nC, anna@example.dk ,,aktiv\nD,,0101901234,aktiv\n",
            YEAR,
        );
        assert_eq!(p.valid_count(), 2);
        let third = &p.rows[2];
        assert_eq!((third.line, third.duplicate_of), (4, Some(2)));
        assert_eq!(third.result.as_ref().unwrap_err().message_for("email"), Some("err-import-duplicate"));
        let fourth = &p.rows[3];
        assert_eq!((fourth.line, fourth.duplicate_of), (5, Some(3)));
        assert_eq!(fourth.result.as_ref().unwrap_err().message_for("cpr"), Some("err-import-duplicate"));

        let peers = parse_peers("navn,email,engagement,status\nA,a@x.dk,frivillig,aktiv\nB,A@X.DK,frivillig,aktiv\n");
        assert_eq!(peers.rows[1].duplicate_of, Some(2));
        assert_eq!(peers.rows[1].result.as_ref().unwrap_err().message_for("email"), Some("err-import-duplicate"));
    }

    #[test]
    fn at_most_ten_thousand_rows() {
        let file = |n: usize| {
            let mut s = String::from("e-mail;status\n");
            for i in 0..n {
                s.push_str(&format!("p{i}@example.dk;aktiv\n"));
            }
            s
        };
        let p = parse_participants(&file(MAX_ROWS + 1), YEAR);
        assert_eq!(file_messages(&p), ["err-import-too-many"]);
        assert_eq!((p.file_errors[0].line, p.file_errors[0].detail.as_deref()), (MAX_ROWS + 2, Some("10000")));
        assert!(p.rows.is_empty() && !p.is_clean());
        let p = parse_participants(&file(MAX_ROWS), YEAR);
        assert!(p.is_clean());
        assert_eq!(p.row_count(), MAX_ROWS);
    }

    #[test]
    fn empty_headerless_and_broken_files() {
        for empty in ["", "\u{feff}", "\r\n\r\n", ";;;\n"] {
            assert_eq!(file_messages(&parse_participants(empty, YEAR)), ["err-import-empty"], "{empty:?}");
        }
        let headless = parse_participants("Mette Nielsen;mette@example.dk;aktiv\n", YEAR);
        assert_eq!(file_messages(&headless), ["err-import-no-header"]);
        assert!(headless.columns.is_empty() && headless.rows.is_empty());
        assert_eq!(file_messages(&parse_participants("navn;status\r\n", YEAR)), ["err-import-no-rows"]);
        let open = parse_participants("navn;status\n\"Mette;aktiv\nBo;aktiv\n", YEAR);
        assert_eq!(file_messages(&open), ["err-import-unclosed-quote"]);
        assert_eq!(open.file_errors[0].line, 2);
    }

    #[test]
    fn values_outside_the_header_are_row_errors() {
        let p = parse_participants("navn,status\nHansen, Anna,aktiv\nBo,aktiv,\n", YEAR);
        let e = row_errors(&p, 2);
        assert_eq!(e.message_for(ROW_FIELD), Some("err-import-extra-fields"));
        assert_eq!(e.message_for("status"), Some("err-choice"));
        assert!(p.rows[1].result.is_ok(), "an empty trailing field is harmless");
        let unnamed = parse_participants("navn,,status\nBo,x,aktiv\nCe,,aktiv\n", YEAR);
        assert_eq!(row_errors(&unnamed, 2).message_for(ROW_FIELD), Some("err-import-extra-fields"));
        assert!(unnamed.rows[1].result.is_ok() && unnamed.file_errors.is_empty());
        let short = parse_participants("status,navn,sprog\naktiv\n", YEAR);
        assert!(short.is_clean(), "missing cells at the end are empty");
    }

    #[test]
    fn excel_sep_line_names_the_delimiter() {
        let p = parse_participants("sep=;\r\nnavn;status\r\nMette, Bo;aktiv\r\n", YEAR);
        assert_eq!(p.delimiter, Delimiter::Semicolon);
        assert!(p.is_clean(), "{p:?}");
        assert_eq!(p.rows[0].line, 3);
        assert_eq!(ok_participants(&p)[0].name.as_ref().map(|n| n.expose().as_str()), Some("Mette, Bo"));
        let tab = parse_participants("\u{feff}sep=\t\nnavn\tstatus\nMette;Bo\taktiv\n", YEAR);
        assert_eq!(tab.delimiter, Delimiter::Tab);
        assert!(tab.is_clean(), "{tab:?}");
    }

    #[test]
    fn tab_separated_utf16_from_excel_unicode_text() {
        let text = "navn\tstatus\tsprog\r\nÅse\tafsluttet\tsomali\r\n";
        let bytes: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let p = preview_participants(&bytes, YEAR);
        assert_eq!((p.encoding, p.delimiter), (Encoding::Utf16Le, Delimiter::Tab));
        assert!(p.is_clean(), "{p:?}");
        assert_eq!(ok_participants(&p)[0].status, ParticipantStatus::Closed);
        assert_eq!(ok_participants(&p)[0].languages, ["so"]);
    }

    #[test]
    fn debug_output_holds_no_personal_data() {
        let text = "navn;cpr;telefon;e-mail;status\nMette Nielsen;010190-1234;12345678;mette@example.dk;aktiv\nBo Holm;010190-1234;87654321;bo@example.dk;aktiv\n";
        let p = parse_participants(text, YEAR);
        assert_eq!(p.valid_count(), 1);
        let peers = parse_peers("navn;e-mail;telefon;engagement;status\nMette Nielsen;mette@example.dk;12345678;frivillig;aktiv\n");
        let shown = format!("{p:?} {peers:?}");
        for secret in ["Mette", "Nielsen", "Holm", "0101", "12345678", "87654321", "mette@", "example"] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
    }

    fn assert_every_row_accounted_for<R: ImportRow>(p: &ImportPreview<R>) -> Result<(), TestCaseError> {
        for r in &p.rows {
            if let Some(e) = r.errors() {
                prop_assert!(!e.is_empty(), "a failed row has at least one error");
            }
            prop_assert!(r.line() >= 2);
        }
        prop_assert_eq!(p.is_clean(), p.file_errors.is_empty() && !p.rows.is_empty() && p.invalid_count() == 0);
        Ok(())
    }

    fn csv_like() -> impl Strategy<Value = String> {
        prop_oneof![
            "\\PC{0,200}",
            "(navn|status|e-mail|cpr|køn|sprog|kontaktformer|engagement|fødselsår|aktiv|frivillig|pause|x@y.dk|010190-1234|1980|da|;|,|\t|\"|\n|\r\n| |æ|\u{feff}){0,80}",
        ]
    }

    proptest! {
        #[test]
        fn any_text_is_previewed_without_panicking(text in csv_like()) {
            assert_every_row_accounted_for(&parse_participants(&text, YEAR))?;
            assert_every_row_accounted_for(&parse_peers(&text))?;
        }

        #[test]
        fn any_bytes_decode(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let (text, encoding) = decode(&bytes);
            if let Ok(s) = std::str::from_utf8(&bytes)
                && !s.starts_with('\u{feff}')
            {
                prop_assert_eq!((text.as_str(), encoding), (s, Encoding::Utf8));
            }
            assert_every_row_accounted_for(&preview_peers(&bytes))?;
        }

        #[test]
        fn quoted_fields_read_back_exactly(
            records in proptest::collection::vec(proptest::collection::vec("[^\r]{0,8}", 1..5), 1..8),
            semicolon in any::<bool>(),
            crlf in any::<bool>(),
        ) {
            let delimiter = if semicolon { Delimiter::Semicolon } else { Delimiter::Comma };
            let sep = delimiter.as_char().to_string();
            let end = if crlf { "\r\n" } else { "\n" };
            let text: String = records
                .iter()
                .map(|r| r.iter().map(|f| format!("\"{}\"", f.replace('"', "\"\""))).collect::<Vec<_>>().join(&sep) + end)
                .collect();
            let read = read_records(&text, delimiter, usize::MAX).unwrap();
            prop_assert_eq!(read.iter().map(|r| r.fields.clone()).collect::<Vec<_>>(), records.clone());
            let mut line = 1;
            for (r, original) in read.iter().zip(&records) {
                prop_assert_eq!(r.line, line);
                line += 1 + original.iter().map(|f| f.matches('\n').count()).sum::<usize>();
            }
        }
    }
}
