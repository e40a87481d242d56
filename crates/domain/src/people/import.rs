//! Importing participants and peer workers from a spreadsheet: a CSV file, an Excel workbook
//! (`.xlsx`) or an OpenDocument spreadsheet (`.ods`), read by `sammen_tabular` into rows; then
//! mapping Danish and English column names and values, and parsing every row, with no IO.
//!
//! The flow is a dry run, then an all-or-nothing commit. This module is the
//! dry run: [`preview_participants`] and [`preview_peers`] take the uploaded bytes and return an
//! [`ImportPreview`] that holds every row's parsed input or its field errors, plus the errors of
//! the file as a whole. The caller commits only a preview that [`ImportPreview::is_clean`].
//!
//! * **Reading** is `sammen_tabular`'s: the file's kind by its bytes, the encoding (UTF-8,
//!   UTF-16 with its byte-order mark, else Windows-1252), the delimiter, quotes, and every row's
//!   line; a workbook's first sheet, each row at its row number.
//! * **Columns**: header names are matched without regard to case, accents, spaces, `-` and
//!   `_`, in Danish or English (`Fødselsår`, `foedselsaar`, `birth year` …).
//! * **Values**: Danish and English words for choices (`kvinde`, `venteliste`, `frivillig`,
//!   `fremmøde` …) are mapped to the codes the domain's parsers take, and the row is then parsed
//!   by [`ParticipantInput::parse`] or [`PeerWorkerInput::parse`], so an imported row obeys
//!   exactly the rules of the form, whichever kind of file it came in.
//!
//! Errors are Fluent message ids. Row errors sit in each row's [`ValidationErrors`] under the
//! field names of the domain's parsers (see [`ImportPreview::column`] for the column a field
//! was read from), plus:
//!
//! * `err-import-duplicate` on `email` or `cpr`: the same value is on an earlier line, given in
//!   the row's `duplicate_of` (Fluent argument `$line`);
//! * `err-import-cpr-leading-zero` on `cpr`: nine digits that are a CPR number once a leading 0
//!   is put back (a spreadsheet read the number as a number).
//!
//! File errors are [`TableError`]s, located by line and column: those of reading
//! (`err-table-unclosed-quote`, `err-table-damaged`, …), of the header (`err-table-no-header`,
//! `err-table-unknown-column`, `err-table-duplicate-column`, `err-table-missing-column`), of a
//! row that does not fit the header (`err-table-short-row`, `err-table-extra-cell`; the row is
//! not parsed), and `err-table-empty`, `err-table-no-rows` and `err-table-too-many` (`$line` of
//! the first row too many, `$detail`: the limit).
//!
//! Personal data stays out of `Debug`: rows hold only the parsed inputs (which redact
//! themselves), field errors (field names and message ids), line numbers and, for participants,
//! the programme's name. File errors hold headers and positions, never a cell's value.

use std::collections::HashMap;

use sammen_tabular::{Column, ColumnSpec, Header, Row, Values, fold, read_header};
pub use sammen_tabular::{Source, TableError};

use crate::people::{Cpr, Email, ParticipantInput, PeerWorkerInput};
use crate::validation::{ValidationErrors, optional_text};

/// The most data rows one file may hold.
pub const MAX_ROWS: usize = 10_000;

// ---------------------------------------------------------------------------------------------
// Errors and the preview
// ---------------------------------------------------------------------------------------------

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

/// The dry run of an import: how the file was read (`None` when it could not be), the
/// recognised columns, every row, and the errors of the file as a whole. Rows are parsed when
/// the header could be read and names every required column; a file that is empty, unreadable,
/// has no header or too many rows has no rows, and a row that does not fit the header is a
/// file error instead of a row.
#[derive(Debug, Clone)]
pub struct ImportPreview<R> {
    pub source: Option<Source>,
    pub columns: Vec<Column>,
    pub rows: Vec<R>,
    pub file_errors: Vec<TableError>,
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

const NAME_NAMES: &[&str] = &["navn", "name", "fuldtnavn", "fuldenavn", "fullname"];
const EMAIL_NAMES: &[&str] = &["email", "mail", "emailadresse", "emailaddress"];
const PHONE_NAMES: &[&str] = &["telefon", "telefonnummer", "tlf", "tlfnr", "mobil", "mobilnummer", "phone", "telephone"];
const STATUS_NAMES: &[&str] = &["status"];
const LANGUAGE_NAMES: &[&str] = &["sprog", "languages", "language"];

const PARTICIPANT_COLUMNS: &[ColumnSpec] = &[
    ColumnSpec { key: "name", da: "navn", en: "name", aliases: NAME_NAMES, required: false },
    ColumnSpec { key: "cpr", da: "cpr", en: "cpr", aliases: &["cpr", "cprnr", "cprnummer", "personnummer"], required: false },
    ColumnSpec {
        key: "birth_year",
        da: "fødselsår",
        en: "birth_year",
        aliases: &["foedselsaar", "fodselsar", "fodselsaar", "foedselsar", "birthyear", "yearofbirth"],
        required: false,
    },
    ColumnSpec { key: "gender", da: "køn", en: "gender", aliases: &["koen", "kon", "gender"], required: false },
    ColumnSpec { key: "phone", da: "telefon", en: "phone", aliases: PHONE_NAMES, required: false },
    ColumnSpec { key: "email", da: "e-mail", en: "email", aliases: EMAIL_NAMES, required: false },
    ColumnSpec { key: "status", da: "status", en: "status", aliases: STATUS_NAMES, required: true },
    ColumnSpec { key: "languages", da: "sprog", en: "languages", aliases: LANGUAGE_NAMES, required: false },
    ColumnSpec { key: "programme", da: "program", en: "programme", aliases: &["program", "programme", "indsats"], required: false },
];

const PEER_COLUMNS: &[ColumnSpec] = &[
    ColumnSpec { key: "display_name", da: "navn", en: "name", aliases: NAME_NAMES, required: true },
    ColumnSpec { key: "email", da: "e-mail", en: "email", aliases: EMAIL_NAMES, required: false },
    ColumnSpec { key: "phone", da: "telefon", en: "phone", aliases: PHONE_NAMES, required: false },
    ColumnSpec {
        key: "engagement",
        da: "engagement",
        en: "engagement",
        aliases: &["engagement", "ansaettelse", "ansattelse", "ansaettelsesform", "ansaettelsestype"],
        required: true,
    },
    ColumnSpec { key: "status", da: "status", en: "status", aliases: STATUS_NAMES, required: true },
    ColumnSpec { key: "languages", da: "sprog", en: "languages", aliases: LANGUAGE_NAMES, required: false },
    ColumnSpec {
        key: "modes",
        da: "kontaktformer",
        en: "modes",
        aliases: &["kontaktformer", "kontaktform", "modes", "mode"],
        required: false,
    },
];

/// Choice values after [`fold`](sammen_tabular::fold), each with the code the domain's parser takes.
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

/// Language names in Danish and English, after [`fold`](sammen_tabular::fold), with their ISO 639 codes.
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
// Rows
// ---------------------------------------------------------------------------------------------

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

/// A file read up to its rows: how it was read, the header when one was found, the rows that
/// fit it, and the file errors.
struct Prepared {
    source: Option<Source>,
    header: Option<Header>,
    rows: Vec<Row>,
    file_errors: Vec<TableError>,
}

fn prepare(bytes: &[u8], file_name: Option<&str>, specs: &'static [ColumnSpec]) -> Prepared {
    let nothing = |source, header, file_errors| Prepared { source, header, rows: Vec::new(), file_errors };
    let table = match sammen_tabular::read(bytes, file_name, MAX_ROWS + 2) {
        Ok(t) => t,
        Err(e) => return nothing(None, None, vec![e]),
    };
    let source = Some(table.source);
    let mut rows = table.rows.into_iter();
    let Some(first) = rows.next() else {
        return nothing(source, None, vec![TableError::new("err-table-empty", 1)]);
    };
    let (header, mut file_errors) = read_header(&first, specs);
    let Some(header) = header else {
        return nothing(source, None, file_errors);
    };
    let rows: Vec<Row> = rows.collect();
    if let Some(over) = rows.get(MAX_ROWS) {
        file_errors.push(TableError::new("err-table-too-many", over.line).with_detail(MAX_ROWS.to_string()));
        return nothing(source, None, file_errors);
    }
    if rows.is_empty() {
        file_errors.push(TableError::new("err-table-no-rows", first.line));
    }
    if file_errors.iter().any(|e| e.message == "err-table-missing-column") {
        return nothing(source, Some(header), file_errors);
    }
    Prepared { source, header: Some(header), rows, file_errors }
}

// ---------------------------------------------------------------------------------------------
// Participants and peer workers
// ---------------------------------------------------------------------------------------------

/// Reads an uploaded participant file and previews it. Columns: `navn`, `cpr`, `fødselsår`,
/// `køn`, `telefon`, `e-mail`, `status` (required), `sprog`, `program` (or their English names).
/// `file_name` is the name it was uploaded under, if any (see [`sammen_tabular::read`]);
/// `this_year` bounds the birth year, as in the form.
pub fn preview_participants(bytes: &[u8], file_name: Option<&str>, this_year: i32) -> ImportPreview<ParticipantRow> {
    let Prepared { source, header, rows: records, mut file_errors } = prepare(bytes, file_name, PARTICIPANT_COLUMNS);
    let columns = header.as_ref().map(|h| h.columns.clone()).unwrap_or_default();
    let mut rows = Vec::new();
    if let Some(header) = &header {
        let mut emails = Seen::default();
        let mut cprs = Seen::default();
        for record in &records {
            match header.values(record) {
                Ok(values) => rows.push(participant_row(&values, this_year, &mut emails, &mut cprs)),
                Err(e) => file_errors.push(e),
            }
        }
    }
    ImportPreview { source, columns, rows, file_errors }
}

fn participant_row(cells: &Values<'_>, this_year: i32, emails: &mut Seen, cprs: &mut Seen) -> ParticipantRow {
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
    let mut duplicate_of = None;
    if let Some(email) = email_raw.and_then(|r| Email::parse(r).ok())
        && let Some(earlier) = emails.check(email.as_str().to_owned(), cells.line())
    {
        errors.add("email", "err-import-duplicate");
        duplicate_of = Some(earlier);
    }
    if let Some(cpr) = cpr_raw.and_then(|r| Cpr::parse(r).ok())
        && let Some(earlier) = cprs.check(cpr.digits().to_owned(), cells.line())
    {
        errors.add("cpr", "err-import-duplicate");
        duplicate_of = duplicate_of.or(Some(earlier));
    }
    let result = match input {
        Some(input) if errors.is_empty() => Ok(input),
        _ => Err(errors),
    };
    ParticipantRow { line: cells.line(), result, programme, duplicate_of }
}

/// Nine digits that make a valid CPR number with a leading 0: a spreadsheet read the number as
/// a number and dropped the zero.
fn lost_leading_zero(raw: &str) -> bool {
    let t = raw.trim();
    t.len() == 9 && t.chars().all(|c| c.is_ascii_digit()) && Cpr::parse(&format!("0{t}")).is_ok()
}

/// Reads an uploaded peer worker file and previews it. Columns: `navn` (required), `e-mail`,
/// `telefon`, `engagement` (required), `status` (required), `sprog`, `kontaktformer` (or their
/// English names).
pub fn preview_peers(bytes: &[u8], file_name: Option<&str>) -> ImportPreview<PeerRow> {
    let Prepared { source, header, rows: records, mut file_errors } = prepare(bytes, file_name, PEER_COLUMNS);
    let columns = header.as_ref().map(|h| h.columns.clone()).unwrap_or_default();
    let mut rows = Vec::new();
    if let Some(header) = &header {
        let mut emails = Seen::default();
        for record in &records {
            match header.values(record) {
                Ok(values) => rows.push(peer_row(&values, &mut emails)),
                Err(e) => file_errors.push(e),
            }
        }
    }
    ImportPreview { source, columns, rows, file_errors }
}

fn peer_row(cells: &Values<'_>, emails: &mut Seen) -> PeerRow {
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
    let mut duplicate_of = None;
    if let Some(email) = email_raw.and_then(|r| Email::parse(r).ok())
        && let Some(earlier) = emails.check(email.as_str().to_owned(), cells.line())
    {
        errors.add("email", "err-import-duplicate");
        duplicate_of = Some(earlier);
    }
    let result = match input {
        Some(input) if errors.is_empty() => Ok(input),
        _ => Err(errors),
    };
    PeerRow { line: cells.line(), result, duplicate_of }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::directory::Mode;
    use crate::people::{Engagement, Gender, ParticipantStatus, PeerStatus};
    use proptest::prelude::*;
    use sammen_tabular::{Delimiter, Encoding};

    const YEAR: i32 = 2026;

    /// Encodes text as Windows-1252, as Danish Excel saves it.
    fn windows_1252(text: &str) -> Vec<u8> {
        text.chars().map(|c| u8::try_from(u32::from(c)).unwrap()).collect()
    }

    fn parse_participants(text: &str, this_year: i32) -> ImportPreview<ParticipantRow> {
        preview_participants(text.as_bytes(), None, this_year)
    }

    fn parse_peers(text: &str) -> ImportPreview<PeerRow> {
        preview_peers(text.as_bytes(), None)
    }

    fn csv(encoding: Encoding, delimiter: Delimiter) -> Option<Source> {
        Some(Source::Delimited { encoding, delimiter })
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
    fn utf8_file_with_bom_and_commas() {
        let text = "\u{feff}Name,Email,Status,Languages,Birth Year,Gender\r\n\
                    Mette Nielsen,Mette@Example.dk,active,\"da, en\",1985,female\r\n\
                    ,,waiting,,,\r\n";
        let p = preview_participants(text.as_bytes(), Some("deltagere.csv"), YEAR);
        assert_eq!(p.source, csv(Encoding::Utf8Bom, Delimiter::Comma));
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
        let p = preview_participants(&bytes, None, YEAR);
        assert_eq!(p.source, csv(Encoding::Windows1252, Delimiter::Semicolon));
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
    fn peer_workers_from_an_ods_and_a_short_csv_row() {
        let rows: &[&[&str]] = &[
            &["Navn", "Ansættelse", "Status", "Kontaktformer"],
            &["Anna Berg", "frivillig", "aktiv", "telefon"],
            &["Bo", "altid", "aktiv", ""],
        ];
        let p = preview_peers(&sammen_tabular::testing::ods(rows), Some("peers.ods"));
        assert_eq!((p.source, p.row_count(), p.valid_count()), (Some(Source::Ods), 2, 1));
        assert_eq!(p.rows[1].result.as_ref().unwrap_err().message_for("engagement"), Some("err-choice"));
        assert_eq!(p.column("engagement").map(|c| (c.header.as_str(), c.position)), Some(("Ansættelse", 2)));
        let short = parse_peers("navn;engagement;status\nAnna;frivillig\n");
        let e = &short.file_errors[0];
        assert_eq!((e.message, e.line, e.column, e.name.as_deref()), ("err-table-short-row", 2, Some(3), Some("status")));
        assert!(short.rows.is_empty() && !short.is_clean());
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
        assert_eq!(file_messages(&p), ["err-table-unknown-column"]);
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
        assert_eq!(file_messages(&twice), ["err-table-duplicate-column"]);
        assert_eq!((twice.file_errors[0].column, twice.file_errors[0].name.as_deref()), (Some(2), Some("mail")));
    }

    #[test]
    fn missing_required_column_is_an_error_on_the_header_line() {
        let p = parse_peers("navn,e-mail\nAnna,anna@example.dk\n");
        assert_eq!(file_messages(&p), ["err-table-missing-column", "err-table-missing-column"]);
        let names: Vec<(usize, Option<&str>)> = p.file_errors.iter().map(|e| (e.line, e.name.as_deref())).collect();
        assert_eq!(names, [(1, Some("engagement")), (1, Some("status"))]);
        assert!(p.rows.is_empty() && !p.is_clean());

        let q = parse_participants("navn\nMette\n", YEAR);
        assert_eq!(file_messages(&q), ["err-table-missing-column"]);
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
        assert_eq!(file_messages(&p), ["err-table-too-many"]);
        assert_eq!((p.file_errors[0].line, p.file_errors[0].detail.as_deref()), (MAX_ROWS + 2, Some("10000")));
        assert!(p.rows.is_empty() && !p.is_clean());
        let p = parse_participants(&file(MAX_ROWS), YEAR);
        assert!(p.is_clean());
        assert_eq!(p.row_count(), MAX_ROWS);
    }

    #[test]
    fn empty_headerless_and_broken_files() {
        for empty in ["", "\u{feff}", "\r\n\r\n", ";;;\n"] {
            assert_eq!(file_messages(&parse_participants(empty, YEAR)), ["err-table-empty"], "{empty:?}");
        }
        let headless = parse_participants("Mette Nielsen;mette@example.dk;aktiv\n", YEAR);
        assert_eq!(file_messages(&headless), ["err-table-no-header"]);
        assert!(headless.columns.is_empty() && headless.rows.is_empty());
        assert_eq!(file_messages(&parse_participants("navn;status\r\n", YEAR)), ["err-table-no-rows"]);
        let open = parse_participants("navn;status\n\"Mette;aktiv\nBo;aktiv\n", YEAR);
        assert_eq!(file_messages(&open), ["err-table-unclosed-quote"]);
        assert_eq!(open.file_errors[0].line, 2);
    }

    #[test]
    fn rows_that_do_not_fit_the_header_are_file_errors_and_the_others_are_checked() {
        let p = parse_participants("navn,status\nHansen, Anna,aktiv\nBo,aktiv,\nCe\nDi,aktiv\n", YEAR);
        let got: Vec<(&str, usize, Option<usize>, Option<&str>)> =
            p.file_errors.iter().map(|e| (e.message, e.line, e.column, e.name.as_deref())).collect();
        assert_eq!(got, [("err-table-extra-cell", 2, Some(3), None), ("err-table-short-row", 4, Some(2), Some("status"))]);
        assert_eq!(p.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [3, 5], "an empty trailing field is harmless");
        assert_eq!(p.valid_count(), 2);
        assert!(!p.is_clean(), "nothing is imported while a row does not fit");
        let unnamed = parse_participants("navn,,status\nBo,x,aktiv\nCe,,aktiv\n", YEAR);
        assert_eq!(file_messages(&unnamed), ["err-table-extra-cell"]);
        assert_eq!((unnamed.file_errors[0].line, unnamed.file_errors[0].column), (2, Some(2)));
        assert!(unnamed.rows[0].result.is_ok() && unnamed.rows.len() == 1);
    }

    #[test]
    fn a_workbook_is_imported_like_the_same_csv() {
        let csv_text = "Navn;Fødselsår;Status;Sprog;Telefon\nSøren Ærø;1980;aktiv;dansk;12345678\nÅse;1800;venteliste;;\n";
        let from_csv = parse_participants(csv_text, YEAR);

        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (c, h) in ["Navn", "Fødselsår", "Status", "Sprog", "Telefon"].into_iter().enumerate() {
            sheet.write_string(0, c as u16, h).unwrap();
        }
        sheet.write_string(1, 0, "Søren Ærø").unwrap();
        sheet.write_number(1, 1, 1980).unwrap();
        sheet.write_string(1, 2, "aktiv").unwrap();
        sheet.write_string(1, 3, "dansk").unwrap();
        sheet.write_number(1, 4, 12_345_678).unwrap();
        sheet.write_string(2, 0, "Åse").unwrap();
        sheet.write_number(2, 1, 1800).unwrap();
        sheet.write_string(2, 2, "venteliste").unwrap();
        let xlsx = preview_participants(&book.save_to_buffer().unwrap(), Some("deltagere.xlsx"), YEAR);

        let ods_rows: &[&[&str]] = &[
            &["Navn", "Fødselsår", "Status", "Sprog", "Telefon"],
            &["Søren Ærø", "1980", "aktiv", "dansk", "12345678"],
            &["Åse", "1800", "venteliste", "", ""],
        ];
        let ods = preview_participants(&sammen_tabular::testing::ods(ods_rows), Some("deltagere.ods"), YEAR);

        assert_eq!((xlsx.source, ods.source), (Some(Source::Xlsx), Some(Source::Ods)));
        for p in [&from_csv, &xlsx, &ods] {
            assert_eq!((p.row_count(), p.valid_count()), (2, 1), "{p:?}");
            assert_eq!(p.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 3]);
            assert_eq!(row_errors(p, 3).message_for("birth_year"), Some("err-birth-year"));
            assert_eq!(p.column("birth_year").map(|c| (c.header.as_str(), c.position)), Some(("Fødselsår", 2)));
            let first = p.rows[0].result.as_ref().unwrap();
            assert_eq!((first.birth_year, first.languages.as_slice()), (Some(1980), ["da".to_owned()].as_slice()));
            assert_eq!(first.name.as_ref().map(|n| n.expose().as_str()), Some("Søren Ærø"));
        }
    }

    #[test]
    fn tab_separated_utf16_from_excel_unicode_text() {
        let text = "navn\tstatus\tsprog\r\nÅse\tafsluttet\tsomali\r\n";
        let bytes: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let p = preview_participants(&bytes, None, YEAR);
        assert_eq!(p.source, csv(Encoding::Utf16Le, Delimiter::Tab));
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
        fn any_bytes_are_previewed_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            assert_every_row_accounted_for(&preview_peers(&bytes, None))?;
            assert_every_row_accounted_for(&preview_participants(&bytes, Some("x.xlsx"), YEAR))?;
        }
    }
}
