//! CSV files that open right in the reader's spreadsheet program, used by every CSV Sammen
//! sends (ADR 0016).
//!
//! * **Encoding**: UTF-8 with a byte-order mark, without which Excel reads UTF-8 as
//!   Windows-1252 and "æøå" turn to mojibake.
//! * **Dialect by language**: Danish Excel splits fields at `;` (the list separator of a
//!   Danish Windows) and reads `2,5` as a number; English Excel splits at `,` and reads `2.5`.
//!   So a Danish file has `;` between fields and decimal commas, an English one `,` and
//!   decimal points. Numbers never have thousands separators, and a negative number starts
//!   with an ASCII hyphen-minus, so that every spreadsheet reads it as a number.
//! * **Quoting**: the `csv` crate quotes a field that holds the separator, a quote or a line
//!   break (RFC 4180), and ends every record with CRLF.
//! * **Formula injection** (OWASP "CSV Injection"): a text field that starts with `=`, `+`,
//!   `-`, `@`, a tab or a carriage return could be run as a formula when opened, so it gets a
//!   single quote in front (`'=1+1`), which spreadsheets show as text. The one exception is a
//!   field that is a plain number in the file's own dialect — an optional `-`, digits, and
//!   optionally the dialect's decimal separator and more digits (`-2,6` in a Danish file,
//!   `-2.6` in an English one) — which is a number, not a formula, and stays as it is so the
//!   spreadsheet reads a number. Anything else starting with `-` (`-2.6` in a Danish file,
//!   `-1e5`, `--x`, `-`) is quoted.

use std::borrow::Cow;

use crate::model::NumberStyle;

/// One field of a record.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Field<'a> {
    /// Text, neutralised against formula injection.
    Text(&'a str),
    /// A number, written in the dialect's style; a non-finite one is left empty.
    Number(f64),
    Empty,
}

impl<'a> From<&'a str> for Field<'a> {
    fn from(text: &'a str) -> Self {
        Field::Text(text)
    }
}

impl<'a> From<&'a String> for Field<'a> {
    fn from(text: &'a String) -> Self {
        Field::Text(text)
    }
}

impl From<f64> for Field<'_> {
    fn from(v: f64) -> Self {
        Field::Number(v)
    }
}

impl From<usize> for Field<'_> {
    fn from(v: usize) -> Self {
        Field::Number(v as f64)
    }
}

impl From<u64> for Field<'_> {
    fn from(v: u64) -> Self {
        Field::Number(v as f64)
    }
}

impl From<Option<f64>> for Field<'_> {
    fn from(v: Option<f64>) -> Self {
        v.map_or(Field::Empty, Field::Number)
    }
}

/// Why a CSV could not be written (in practice never: the file is built in memory).
#[derive(Debug)]
pub struct CsvError(csv::Error);

impl std::fmt::Display for CsvError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CSV: {}", self.0)
    }
}

impl std::error::Error for CsvError {}

/// The UTF-8 byte-order mark every file starts with.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The field separator of a dialect: `;` for Danish, `,` for English.
pub fn separator(style: NumberStyle) -> u8 {
    match style {
        NumberStyle::Danish => b';',
        NumberStyle::English => b',',
    }
}

fn decimal_point(style: NumberStyle) -> char {
    match style {
        NumberStyle::Danish => ',',
        NumberStyle::English => '.',
    }
}

/// `v` as the dialect writes it: all the digits Rust needs to give back the same `f64`, no
/// exponent, no thousands separator, `-` for minus, the dialect's decimal separator.
pub fn number_text(v: f64, style: NumberStyle) -> String {
    if !v.is_finite() {
        return String::new();
    }
    // "-0" would read back as 0 anyway; write it as 0.
    let v = if v == 0.0 { 0.0 } else { v };
    let text = format!("{v}");
    match style {
        NumberStyle::Danish => text.replace('.', ","),
        NumberStyle::English => text,
    }
}

/// Whether `text` is a plain number in the dialect: `-?[0-9]+(<decimal separator>[0-9]+)?`.
pub fn is_plain_number(text: &str, style: NumberStyle) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (int, frac) = match digits.split_once(decimal_point(style)) {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    all_digits(int) && frac.is_none_or(all_digits)
}

/// `text` made safe to open in a spreadsheet: a single quote in front when it starts like a
/// formula and is not a plain number.
pub fn neutralise(text: &str, style: NumberStyle) -> Cow<'_, str> {
    let risky = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_plain_number(text, style) { Cow::Owned(format!("'{text}")) } else { Cow::Borrowed(text) }
}

/// Writes one CSV file in a reader's dialect.
pub struct CsvWriter {
    writer: csv::Writer<Vec<u8>>,
    style: NumberStyle,
    error: Option<csv::Error>,
}

impl CsvWriter {
    /// A file for a reader whose numbers are written in `style` (Danish or English).
    pub fn new(style: NumberStyle) -> Self {
        let writer = csv::WriterBuilder::new()
            .delimiter(separator(style))
            .terminator(csv::Terminator::CRLF)
            .quote_style(csv::QuoteStyle::Necessary)
            .flexible(true)
            .from_writer(BOM.to_vec());
        CsvWriter { writer, style, error: None }
    }

    /// Adds one record.
    pub fn row<'a>(&mut self, fields: impl IntoIterator<Item = Field<'a>>) {
        if self.error.is_some() {
            return;
        }
        let style = self.style;
        let record: Vec<Cow<'a, str>> = fields
            .into_iter()
            .map(|f| match f {
                Field::Text(t) => neutralise(t, style),
                Field::Number(v) => Cow::Owned(number_text(v, style)),
                Field::Empty => Cow::Borrowed(""),
            })
            .collect();
        if let Err(e) = self.writer.write_record(record.iter().map(|f| f.as_bytes())) {
            self.error = Some(e);
        }
    }

    /// The file's bytes.
    pub fn finish(self) -> Result<Vec<u8>, CsvError> {
        if let Some(e) = self.error {
            return Err(CsvError(e));
        }
        self.writer.into_inner().map_err(|e| CsvError(csv::Error::from(e.into_error())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_dialect() {
        assert_eq!(number_text(-2.6, NumberStyle::Danish), "-2,6");
        assert_eq!(number_text(-2.6, NumberStyle::English), "-2.6");
        assert_eq!(number_text(1234567.25, NumberStyle::Danish), "1234567,25");
        assert_eq!(number_text(1e-7, NumberStyle::English), "0.0000001");
        assert_eq!(number_text(-0.0, NumberStyle::English), "0");
        assert_eq!(number_text(f64::NAN, NumberStyle::English), "");
    }

    #[test]
    fn plain_numbers_stay_and_formulas_are_quoted() {
        let da = NumberStyle::Danish;
        assert_eq!(neutralise("-2,6", da), "-2,6");
        assert_eq!(neutralise("-2.6", da), "'-2.6", "a point is not a Danish decimal separator");
        assert_eq!(neutralise("-2.6", NumberStyle::English), "-2.6");
        for risky in ["=1+1", "+45 12 34 56 78", "-", "--1", "-1e5", "@SUM(A1)", "\t=1", "\r=1", "-2,", "-,5"] {
            assert_eq!(neutralise(risky, da), format!("'{risky}"), "{risky:?}");
        }
        for safe in ["Aarhus", "", " =1", "'=1", "2,5", "<5", "x"] {
            assert_eq!(neutralise(safe, da), safe, "{safe:?}");
        }
    }

    #[test]
    fn a_file_has_a_bom_its_separator_and_crlf() {
        let mut w = CsvWriter::new(NumberStyle::Danish);
        w.row([Field::from("measure"), Field::from("value")]);
        w.row([Field::from("a;b \"c\""), Field::Number(2.5)]);
        w.row([Field::from("=cmd"), Field::Empty]);
        let bytes = w.finish().unwrap_or_default();
        assert_eq!(bytes, "\u{feff}measure;value\r\n\"a;b \"\"c\"\"\";2,5\r\n'=cmd;\r\n".as_bytes());
    }
}
