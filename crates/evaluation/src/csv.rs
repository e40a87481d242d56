//! Reading the evaluator's CSV files.
//!
//! Two shapes:
//!
//! * a **change** file, columns `participant,site,wave,score`, one row per answered wave, with
//!   `wave` either `baseline` or `followup`;
//! * a **pool** file, columns `site,yi,vi`, one row per site: an effect (for example the
//!   standardised mean change) and its sampling variance.
//!
//! The reader follows RFC 4180: fields may be quoted (`"Nord, Syd"`), a quote inside a quoted
//! field is doubled (`""`), and a quoted field may span lines. It accepts a UTF-8 byte-order mark,
//! `\r\n` or `\n` line ends, blank lines and rows of empty fields (skipped), surrounding spaces around values, header names
//! in any order and any letter case. Because Danish spreadsheet programs save "CSV" with
//! semicolons and decimal commas, a file whose header is separated by `;` is read with `;`
//! between fields, and then `2,5` is read as 2.5. Every error names the line (counted from 1,
//! the header being line 1) and, where it is about one value, the column.

use std::collections::HashMap;
use std::fmt;

use serde::Serialize;

/// A problem with an input file, located by line and (where it concerns one value) column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
pub struct CsvError {
    /// Line number in the file, counted from 1 (the header is line 1).
    pub line: usize,
    /// The column's name, when the error concerns one value.
    pub column: Option<String>,
    /// What is wrong, in plain words.
    pub message: String,
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some(column) => write!(f, "line {}, column \"{}\": {}", self.line, column, self.message),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

impl CsvError {
    fn at(line: usize, message: impl Into<String>) -> Self {
        CsvError { line, column: None, message: message.into() }
    }

    fn in_column(line: usize, column: &str, message: impl Into<String>) -> Self {
        CsvError { line, column: Some(column.to_owned()), message: message.into() }
    }
}

/// The two waves of a change file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Wave {
    Baseline,
    Followup,
}

impl Wave {
    fn as_str(self) -> &'static str {
        match self {
            Wave::Baseline => "baseline",
            Wave::Followup => "followup",
        }
    }
}

/// One row of a change file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeRow {
    /// Line the row was read from.
    pub line: usize,
    pub participant: String,
    pub site: String,
    pub wave: Wave,
    pub score: f64,
}

/// One row of a pool file: a site's effect `yi` and its sampling variance `vi`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SiteEffect {
    pub site: String,
    pub yi: f64,
    pub vi: f64,
}

/// A record of raw fields and the line it starts on.
struct Record {
    line: usize,
    fields: Vec<String>,
}

/// Splits the text into records, honouring quotes. Blank lines are dropped.
fn records(text: &str, delimiter: char) -> Result<Vec<Record>, CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = 1usize; // the physical line being read
    let mut start_line = 1usize; // the line the current record started on
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut at_field_start = true; // nothing but spaces read in this field yet
    let mut any_quoted = false; // the current record had a quoted field

    while let Some(c) = chars.next() {
        if at_field_start && (c == ' ' || c == '\t') {
            continue; // leading spaces are not part of a value
        }
        if at_field_start && c == '"' {
            at_field_start = false;
            any_quoted = true;
            let open_line = line;
            loop {
                match chars.next() {
                    None => {
                        return Err(CsvError::at(open_line, "a quoted field is not closed (a \" is missing)"));
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
            // after the closing quote: spaces, then a delimiter or the end of the record
            while matches!(chars.peek(), Some(' ' | '\t')) {
                chars.next();
            }
            match chars.peek() {
                None | Some('\n' | '\r') => {}
                Some(&d) if d == delimiter => {}
                Some(_) => {
                    return Err(CsvError::at(
                        line,
                        "unexpected text after a closing quote (a quote inside a quoted field must be doubled: \"\")",
                    ));
                }
            }
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
            // a line of nothing but spaces and delimiters (spreadsheets export such rows) is blank
            let blank = !any_quoted && fields.iter().all(|f| f.trim().is_empty());
            let taken = std::mem::take(&mut fields);
            if !blank {
                out.push(Record { line: start_line, fields: taken });
            }
            line += 1;
            start_line = line;
            at_field_start = true;
            any_quoted = false;
        } else if c == '"' {
            return Err(CsvError::at(line, "a quote appears inside an unquoted field (quote the whole field and double the quote: \"\")"));
        } else {
            at_field_start = false;
            field.push(c);
        }
    }
    // a last record without a line end
    if !fields.is_empty() || !field.is_empty() || any_quoted {
        fields.push(field);
        if any_quoted || fields.iter().any(|f| !f.trim().is_empty()) {
            out.push(Record { line: start_line, fields });
        }
    }
    Ok(out)
}

/// The header's delimiter: `;` when the first line has a semicolon and no comma, else `,`.
fn detect_delimiter(text: &str) -> char {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if first.contains(';') && !first.contains(',') { ';' } else { ',' }
}

/// Maps the expected column names to their positions in the header; returns the positions and
/// the header's width.
fn header_positions(records: &[Record], expected: &[&'static str]) -> Result<(HashMap<&'static str, usize>, usize), CsvError> {
    let list = expected.join(",");
    let Some(header) = records.first() else {
        return Err(CsvError::at(1, format!("the file is empty; expected the header {list}")));
    };
    let mut positions: HashMap<&'static str, usize> = HashMap::new();
    for (i, name) in header.fields.iter().enumerate() {
        let clean = name.trim().to_lowercase();
        let Some(&known) = expected.iter().find(|n| **n == clean) else {
            let hint = if header.fields.len() == 1 && name.contains(['\t', '|']) {
                " (columns must be separated by commas or semicolons)"
            } else {
                ""
            };
            return Err(CsvError::at(header.line, format!("unknown column \"{}\"; expected the header {list}{hint}", name.trim())));
        };
        if positions.insert(known, i).is_some() {
            return Err(CsvError::at(header.line, format!("column \"{known}\" appears twice")));
        }
    }
    for name in expected {
        if !positions.contains_key(name) {
            return Err(CsvError::at(header.line, format!("column \"{name}\" is missing; expected the header {list}")));
        }
    }
    Ok((positions, header.fields.len()))
}

fn field<'a>(record: &'a Record, positions: &HashMap<&'static str, usize>, name: &str) -> Result<&'a str, CsvError> {
    let value = positions.get(name).and_then(|&i| record.fields.get(i)).map(|s| s.trim()).unwrap_or("");
    if value.is_empty() {
        return Err(CsvError::in_column(record.line, name, "the value is missing"));
    }
    Ok(value)
}

fn number(record: &Record, positions: &HashMap<&'static str, usize>, name: &str, decimal_comma: bool) -> Result<f64, CsvError> {
    let raw = field(record, positions, name)?;
    let text = if decimal_comma { raw.replace(',', ".") } else { raw.to_owned() };
    let parsed = text.parse::<f64>().ok().filter(|x| x.is_finite());
    match parsed {
        Some(x) if looks_numeric(&text) => Ok(x),
        _ => {
            let hint = if !decimal_comma && raw.contains(',') { " (use a decimal point)" } else { "" };
            Err(CsvError::in_column(record.line, name, format!("\"{raw}\" is not a number{hint}")))
        }
    }
}

/// Rust parses "inf", "NaN" and "infinity"; those are filtered as non-finite. This keeps out
/// anything that is not a plain decimal number (digits, sign, point, exponent).
fn looks_numeric(s: &str) -> bool {
    s.chars().all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | '.' | 'e' | 'E')) && s.chars().any(|c| c.is_ascii_digit())
}

fn check_width(record: &Record, width: usize) -> Result<(), CsvError> {
    if record.fields.len() != width {
        return Err(CsvError::at(record.line, format!("expected {} fields, found {}", width, record.fields.len())));
    }
    Ok(())
}

/// Reads a change file (`participant,site,wave,score`).
///
/// Rejects: a missing or unknown column, a row with the wrong number of fields, an empty value,
/// a score that is not a finite number, a wave other than `baseline`/`followup`, a second row
/// for the same participant and wave, and a participant listed at two different sites.
pub fn parse_change_csv(text: &str) -> Result<Vec<ChangeRow>, CsvError> {
    let delimiter = detect_delimiter(text);
    let records = records(text, delimiter)?;
    let (positions, width) = header_positions(&records, &["participant", "site", "wave", "score"])?;
    let mut rows = Vec::with_capacity(records.len().saturating_sub(1));
    // participant → (site, line of first row); (participant, wave) → line
    let mut site_of: HashMap<String, (String, usize)> = HashMap::new();
    let mut seen: HashMap<(String, Wave), usize> = HashMap::new();
    for record in records.iter().skip(1) {
        check_width(record, width)?;
        let participant = field(record, &positions, "participant")?.to_owned();
        let site = field(record, &positions, "site")?.to_owned();
        let wave_raw = field(record, &positions, "wave")?;
        let wave = match wave_raw.to_lowercase().as_str() {
            "baseline" => Wave::Baseline,
            "followup" => Wave::Followup,
            _ => {
                return Err(CsvError::in_column(record.line, "wave", format!("\"{wave_raw}\" must be \"baseline\" or \"followup\"")));
            }
        };
        let score = number(record, &positions, "score", delimiter == ';')?;
        if let Some(first) = seen.insert((participant.clone(), wave), record.line) {
            return Err(CsvError::in_column(
                record.line,
                "participant",
                format!("\"{participant}\" already has a {} score on line {first}", wave.as_str()),
            ));
        }
        match site_of.get(&participant) {
            Some((other, first)) if *other != site => {
                return Err(CsvError::in_column(
                    record.line,
                    "site",
                    format!("\"{participant}\" is listed at site \"{other}\" on line {first}, here at \"{site}\""),
                ));
            }
            Some(_) => {}
            None => {
                site_of.insert(participant.clone(), (site.clone(), record.line));
            }
        }
        rows.push(ChangeRow { line: record.line, participant, site, wave, score });
    }
    Ok(rows)
}

/// Reads a pool file (`site,yi,vi`). Rejects a site listed twice and a variance that is not
/// greater than zero.
pub fn parse_pool_csv(text: &str) -> Result<Vec<SiteEffect>, CsvError> {
    let delimiter = detect_delimiter(text);
    let records = records(text, delimiter)?;
    let (positions, width) = header_positions(&records, &["site", "yi", "vi"])?;
    let mut out = Vec::with_capacity(records.len().saturating_sub(1));
    let mut seen: HashMap<String, usize> = HashMap::new();
    for record in records.iter().skip(1) {
        check_width(record, width)?;
        let site = field(record, &positions, "site")?.to_owned();
        let yi = number(record, &positions, "yi", delimiter == ';')?;
        let vi = number(record, &positions, "vi", delimiter == ';')?;
        if vi <= 0.0 {
            return Err(CsvError::in_column(record.line, "vi", format!("the variance must be greater than 0, found {vi}")));
        }
        if let Some(first) = seen.insert(site.clone(), record.line) {
            return Err(CsvError::in_column(record.line, "site", format!("\"{site}\" is listed twice (also on line {first})")));
        }
        out.push(SiteEffect { site, yi, vi });
    }
    Ok(out)
}

/// Reads per-site summaries for pooling without person-level data: either `site,yi,vi` (an
/// effect and its variance, as [`parse_pool_csv`]) or `site,n,mean_pre,mean_post,sd_pre,r`
/// (a paired summary, turned into the raw-score standardised mean change and its variance with
/// [`crate::smcr_from_summary`]). The header decides which.
pub fn parse_summary_csv(text: &str) -> Result<Vec<SiteEffect>, CsvError> {
    let delimiter = detect_delimiter(text);
    let records = records(text, delimiter)?;
    let is_effects = records.first().is_some_and(|h| h.fields.iter().any(|f| f.trim().eq_ignore_ascii_case("yi")));
    if is_effects {
        return parse_pool_csv(text);
    }
    let (positions, width) = header_positions(&records, &["site", "n", "mean_pre", "mean_post", "sd_pre", "r"])?;
    let comma = delimiter == ';';
    let mut out = Vec::with_capacity(records.len().saturating_sub(1));
    let mut seen: HashMap<String, usize> = HashMap::new();
    for record in records.iter().skip(1) {
        check_width(record, width)?;
        let site = field(record, &positions, "site")?.to_owned();
        let n = number(record, &positions, "n", comma)?;
        if n.fract() != 0.0 || n < 3.0 {
            return Err(CsvError::in_column(record.line, "n", format!("n must be a whole number of at least 3, found {n}")));
        }
        let mean_pre = number(record, &positions, "mean_pre", comma)?;
        let mean_post = number(record, &positions, "mean_post", comma)?;
        let sd_pre = number(record, &positions, "sd_pre", comma)?;
        if sd_pre <= 0.0 {
            return Err(CsvError::in_column(
                record.line,
                "sd_pre",
                format!("the standard deviation must be greater than 0, found {sd_pre}"),
            ));
        }
        let r = number(record, &positions, "r", comma)?;
        if !(-1.0..=1.0).contains(&r) {
            return Err(CsvError::in_column(record.line, "r", format!("a correlation lies between -1 and 1, found {r}")));
        }
        let Some((yi, vi)) = crate::smcr_from_summary(n as usize, mean_pre, mean_post, sd_pre, r) else {
            return Err(CsvError::in_column(record.line, "sd_pre", "no standardised change can be computed from this row".to_owned()));
        };
        if let Some(first) = seen.insert(site.clone(), record.line) {
            return Err(CsvError::in_column(record.line, "site", format!("\"{site}\" is listed twice (also on line {first})")));
        }
        out.push(SiteEffect { site, yi, vi });
    }
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse_change_csv(text).unwrap_err().to_string()
    }

    #[test]
    fn reads_plain_file() {
        let rows = parse_change_csv("participant,site,wave,score\np1,A,baseline,2.5\np1,A,followup,3\n").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].wave, Wave::Followup);
        assert_eq!(rows[1].score, 3.0);
        assert_eq!(rows[1].line, 3);
    }

    #[test]
    fn bom_crlf_quotes_case_and_order() {
        let text = "\u{feff}Score, Wave ,participant,site\r\n\"2.5\",baseline,\"p \"\"1\"\"\",\"Nord, Syd\"\r\n\r\n4,FOLLOWUP,x,Ærø";
        let rows = parse_change_csv(text).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].participant, "p \"1\"");
        assert_eq!(rows[0].site, "Nord, Syd");
        assert_eq!(rows[0].score, 2.5);
        assert_eq!(rows[1].site, "Ærø");
        assert_eq!(rows[1].line, 4);
        assert_eq!(rows[1].wave, Wave::Followup);
    }

    #[test]
    fn quoted_field_over_two_lines_keeps_line_numbers() {
        let text = "participant,site,wave,score\n\"a\nb\",S,baseline,1\nc,S,baseline,x\n";
        assert_eq!(err(text), "line 4, column \"score\": \"x\" is not a number");
    }

    #[test]
    fn empty_spreadsheet_rows_are_blank() {
        let rows = parse_change_csv("participant,site,wave,score\n,,,\np1,A,baseline,1\n   \n,,,").unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].line, 3);
    }

    #[test]
    fn semicolons_and_decimal_commas() {
        let rows = parse_change_csv("participant;site;wave;score\np1;A;baseline;2,5\n").unwrap();
        assert_eq!(rows[0].score, 2.5);
    }

    #[test]
    fn errors_name_line_and_column() {
        let head = "participant,site,wave,score\n";
        assert_eq!(err(&format!("{head}p1,A,baseline,1\np2,A,baseline,abc\n")), "line 3, column \"score\": \"abc\" is not a number");
        assert_eq!(err(&format!("{head}p1,A,baseline,NaN\n")), "line 2, column \"score\": \"NaN\" is not a number");
        assert_eq!(err(&format!("{head}p1,A,baseline,inf\n")), "line 2, column \"score\": \"inf\" is not a number");
        assert_eq!(err(&format!("{head}p1,A,post,1\n")), "line 2, column \"wave\": \"post\" must be \"baseline\" or \"followup\"");
        assert_eq!(
            err(&format!("{head}p1,A,baseline,1\np1,A,baseline,2\n")),
            "line 3, column \"participant\": \"p1\" already has a baseline score on line 2"
        );
        assert_eq!(
            err(&format!("{head}p1,A,baseline,1\np1,B,followup,2\n")),
            "line 3, column \"site\": \"p1\" is listed at site \"A\" on line 2, here at \"B\""
        );
        assert_eq!(err(&format!("{head}p1,A,baseline\n")), "line 2: expected 4 fields, found 3");
        assert_eq!(err(&format!("{head}p1,,baseline,1\n")), "line 2, column \"site\": the value is missing");
        assert_eq!(err(&format!("{head}p1,A,baseline,\"1\n")), "line 2: a quoted field is not closed (a \" is missing)");
        assert_eq!(err(&format!("{head}p1,A,baseline,1,5\n")), "line 2: expected 4 fields, found 5");
        assert!(err(&format!("{head}p\"1,A,baseline,1\n")).starts_with("line 2: a quote appears"));
        assert!(err(&format!("{head}\"p1\"x,A,baseline,1\n")).starts_with("line 2: unexpected text"));
    }

    #[test]
    fn header_errors() {
        assert_eq!(err(""), "line 1: the file is empty; expected the header participant,site,wave,score");
        assert_eq!(err("participant,site,wave\n"), "line 1: column \"score\" is missing; expected the header participant,site,wave,score");
        assert_eq!(
            err("participant,site,wave,score,notes\n"),
            "line 1: unknown column \"notes\"; expected the header participant,site,wave,score"
        );
        assert_eq!(err("participant,site,wave,score,site\n"), "line 1: column \"site\" appears twice");
        assert_eq!(
            parse_pool_csv("site,yi\n").unwrap_err().to_string(),
            "line 1: column \"vi\" is missing; expected the header site,yi,vi"
        );
    }

    #[test]
    fn pool_file() {
        let sites = parse_pool_csv("site,yi,vi\nA,0.5,0.04\n\"B\",-0.1,1e-2\n").unwrap();
        assert_eq!(sites.len(), 2);
        assert_eq!(sites[1].vi, 0.01);
        assert_eq!(
            parse_pool_csv("site,yi,vi\nA,0.5,0\n").unwrap_err().to_string(),
            "line 2, column \"vi\": the variance must be greater than 0, found 0"
        );
        assert_eq!(
            parse_pool_csv("site,yi,vi\nA,0.5,0.1\nA,0.2,0.1\n").unwrap_err().to_string(),
            "line 3, column \"site\": \"A\" is listed twice (also on line 2)"
        );
    }

    #[test]
    fn summaries_become_standardised_changes_and_bad_rows_are_named() {
        let effects = parse_summary_csv("site;n;mean_pre;mean_post;sd_pre;r\nNord;40;50,0;56,0;12,0;0,5\n").unwrap();
        let (yi, vi) = crate::smcr_from_summary(40, 50.0, 56.0, 12.0, 0.5).unwrap();
        assert_eq!((effects[0].site.as_str(), effects[0].yi, effects[0].vi), ("Nord", yi, vi));
        let same = parse_summary_csv("site,yi,vi\nNord,0.5,0.02\n").unwrap();
        assert_eq!(same[0].yi, 0.5);
        let e = parse_summary_csv("site,n,mean_pre,mean_post,sd_pre,r\nA,40,1,2,3,0.5\nB,40,1,2,3,1.5\n").unwrap_err();
        assert_eq!((e.line, e.column.as_deref()), (3, Some("r")));
        let e = parse_summary_csv("site,n,mean_pre,mean_post,sd_pre,r\nA,2.5,1,2,3,0.5\n").unwrap_err();
        assert_eq!((e.line, e.column.as_deref()), (2, Some("n")));
    }
}
