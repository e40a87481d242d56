//! Reading the evaluator's files: CSV, `.xlsx` or `.ods`, read by `sammen_tabular` (so a
//! Windows-1252 file from Danish Excel reads like any other).
//!
//! Three shapes:
//!
//! * a **change** file, columns `participant,site,wave,score`, one row per answered wave, with
//!   `wave` either `baseline` or `followup`;
//! * a **pool** file, columns `site,yi,vi`, one row per site: an effect (for example the
//!   standardised mean change) and its sampling variance;
//! * a **summary** file for pooling without person-level data: a pool file, or
//!   `site,n,mean_pre,mean_post,sd_pre,r`.
//!
//! Header names may stand in any order, in any letter case and spacing (`Mean pre` is
//! `mean_pre`). In a semicolon-separated file (what Danish spreadsheet programs save, the comma
//! being their decimal mark) `2,5` is read as 2.5. Every error is a [`TableError`]: a Fluent id
//! (`err-table-*` from the reader, `err-eval-*` here) with the line (counted from 1, the header
//! being line 1), and, where it is about one value, the column's position and header.

use std::collections::HashMap;

use sammen_tabular::{ColumnSpec, Header, Table, TableError, Values, read_header};
use serde::Serialize;

/// The most rows an evaluator's file may hold: far beyond any evaluation, well short of a
/// machine's memory.
pub const MAX_ROWS: usize = 1_000_000;

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

const fn column(key: &'static str) -> ColumnSpec {
    ColumnSpec { key, da: key, en: key, aliases: &[], required: true }
}

const CHANGE_COLUMNS: &[ColumnSpec] = &[column("participant"), column("site"), column("wave"), column("score")];
const POOL_COLUMNS: &[ColumnSpec] = &[column("site"), column("yi"), column("vi")];
const SUMMARY_COLUMNS: &[ColumnSpec] =
    &[column("site"), column("n"), column("mean_pre"), column("mean_post"), column("sd_pre"), column("r")];

/// Reads a file of any kind the reader knows; `name` is its file name, if any.
pub fn read_file(bytes: &[u8], name: Option<&str>) -> Result<Table, TableError> {
    sammen_tabular::read(bytes, name, MAX_ROWS)
}

/// [`read_summaries`] of text typed or pasted into a form.
pub fn summaries_from_text(text: &str) -> Result<Vec<SiteEffect>, TableError> {
    read_summaries(&sammen_tabular::read_text(text, MAX_ROWS)?)
}

/// The header of a table, or its first problem.
fn header(table: &Table, specs: &'static [ColumnSpec]) -> Result<Header, TableError> {
    let Some(first) = table.rows.first() else {
        return Err(TableError::new("err-table-empty", 1).with_detail(sammen_tabular::header::known_columns(specs)));
    };
    match read_header(first, specs) {
        (Some(h), errors) if errors.is_empty() => Ok(h),
        (_, mut errors) => Err(errors.remove(0)),
    }
}

/// The rows after the header, each with its values or the reason it does not fit the header.
fn rows<'a>(table: &'a Table, header: &'a Header) -> impl Iterator<Item = Result<Values<'a>, TableError>> {
    table.rows.iter().skip(1).map(|r| header.values(r))
}

fn text<'a>(v: &Values<'a>, key: &str) -> Result<&'a str, TableError> {
    match v.get(key) {
        Some(value) if !value.is_empty() => Ok(value),
        _ => Err(v.error("err-eval-missing-value", key)),
    }
}

fn number(v: &Values<'_>, key: &str, decimal_comma: bool) -> Result<f64, TableError> {
    let raw = text(v, key)?;
    let plain = if decimal_comma { raw.replace(',', ".") } else { raw.to_owned() };
    match plain.parse::<f64>().ok().filter(|x| x.is_finite()) {
        Some(x) if looks_numeric(&plain) => Ok(x),
        _ => {
            let message = if !decimal_comma && raw.contains(',') { "err-eval-decimal-point" } else { "err-eval-not-number" };
            Err(v.error(message, key).with_value(raw))
        }
    }
}

/// Rust parses "inf", "NaN" and "infinity"; those are filtered as non-finite. This keeps out
/// anything that is not a plain decimal number (digits, sign, point, exponent).
fn looks_numeric(s: &str) -> bool {
    s.chars().all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | '.' | 'e' | 'E')) && s.chars().any(|c| c.is_ascii_digit())
}

/// Reads a change table (`participant,site,wave,score`).
///
/// Rejects: a missing, unknown or repeated column, a row that does not fit the header, an
/// empty value, a score that is not a finite number, a wave other than `baseline`/`followup`,
/// a second row for the same participant and wave, and a participant listed at two sites.
pub fn read_change(table: &Table) -> Result<Vec<ChangeRow>, TableError> {
    let header = header(table, CHANGE_COLUMNS)?;
    let comma = table.source.decimal_comma();
    let mut out = Vec::with_capacity(table.rows.len().saturating_sub(1));
    // participant → (site, line of first row); (participant, wave) → line
    let mut site_of: HashMap<String, (String, usize)> = HashMap::new();
    let mut seen: HashMap<(String, Wave), usize> = HashMap::new();
    for v in rows(table, &header) {
        let v = v?;
        let participant = text(&v, "participant")?.to_owned();
        let site = text(&v, "site")?.to_owned();
        let wave_raw = text(&v, "wave")?;
        let wave = match wave_raw.to_lowercase().as_str() {
            "baseline" => Wave::Baseline,
            "followup" => Wave::Followup,
            _ => return Err(v.error("err-eval-wave", "wave").with_value(wave_raw)),
        };
        let score = number(&v, "score", comma)?;
        if let Some(first) = seen.insert((participant.clone(), wave), v.line()) {
            return Err(v.error("err-eval-repeated-wave", "participant").with_value(wave.as_str()).with_detail(first.to_string()));
        }
        match site_of.get(&participant) {
            Some((other, first)) if *other != site => {
                return Err(v.error("err-eval-two-sites", "site").with_value(site).with_detail(first.to_string()));
            }
            Some(_) => {}
            None => {
                site_of.insert(participant.clone(), (site.clone(), v.line()));
            }
        }
        out.push(ChangeRow { line: v.line(), participant, site, wave, score });
    }
    Ok(out)
}

/// Reads a pool table (`site,yi,vi`). Rejects a site listed twice and a variance that is not
/// greater than zero.
pub fn read_pool(table: &Table) -> Result<Vec<SiteEffect>, TableError> {
    let header = header(table, POOL_COLUMNS)?;
    let comma = table.source.decimal_comma();
    let mut out = Vec::with_capacity(table.rows.len().saturating_sub(1));
    let mut seen: HashMap<String, usize> = HashMap::new();
    for v in rows(table, &header) {
        let v = v?;
        let site = text(&v, "site")?.to_owned();
        let yi = number(&v, "yi", comma)?;
        let vi = number(&v, "vi", comma)?;
        if vi <= 0.0 {
            return Err(v.error("err-eval-variance", "vi").with_value(vi.to_string()));
        }
        once_per_site(&mut seen, &v, &site)?;
        out.push(SiteEffect { site, yi, vi });
    }
    Ok(out)
}

fn once_per_site(seen: &mut HashMap<String, usize>, v: &Values<'_>, site: &str) -> Result<(), TableError> {
    match seen.insert(site.to_owned(), v.line()) {
        Some(first) => Err(v.error("err-eval-site-twice", "site").with_value(site).with_detail(first.to_string())),
        None => Ok(()),
    }
}

/// Reads per-site summaries for pooling without person-level data: either `site,yi,vi` (an
/// effect and its variance, as [`read_pool`]) or `site,n,mean_pre,mean_post,sd_pre,r`
/// (a paired summary, turned into the raw-score standardised mean change and its variance with
/// [`crate::smcr_from_summary`]). The header decides which.
pub fn read_summaries(table: &Table) -> Result<Vec<SiteEffect>, TableError> {
    let is_effects = table.rows.first().is_some_and(|h| h.cells.iter().any(|f| sammen_tabular::fold(f) == "yi"));
    if is_effects {
        return read_pool(table);
    }
    let header = header(table, SUMMARY_COLUMNS)?;
    let comma = table.source.decimal_comma();
    let mut out = Vec::with_capacity(table.rows.len().saturating_sub(1));
    let mut seen: HashMap<String, usize> = HashMap::new();
    for v in rows(table, &header) {
        let v = v?;
        let site = text(&v, "site")?.to_owned();
        let n = number(&v, "n", comma)?;
        if n.fract() != 0.0 || n < 3.0 {
            return Err(v.error("err-eval-n", "n").with_value(n.to_string()));
        }
        let mean_pre = number(&v, "mean_pre", comma)?;
        let mean_post = number(&v, "mean_post", comma)?;
        let sd_pre = number(&v, "sd_pre", comma)?;
        if sd_pre <= 0.0 {
            return Err(v.error("err-eval-sd", "sd_pre").with_value(sd_pre.to_string()));
        }
        let r = number(&v, "r", comma)?;
        if !(-1.0..=1.0).contains(&r) {
            return Err(v.error("err-eval-r", "r").with_value(r.to_string()));
        }
        let Some((yi, vi)) = crate::smcr_from_summary(n as usize, mean_pre, mean_post, sd_pre, r) else {
            return Err(v.error("err-eval-no-change", "sd_pre"));
        };
        once_per_site(&mut seen, &v, &site)?;
        out.push(SiteEffect { site, yi, vi });
    }
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use sammen_tabular::read_text;

    fn change(text: &str) -> Result<Vec<ChangeRow>, TableError> {
        read_change(&read_text(text, MAX_ROWS)?)
    }

    /// The error as (message, line, column, header, value).
    fn err(text: &str) -> (&'static str, usize, Option<usize>, Option<String>, Option<String>) {
        let e = change(text).unwrap_err();
        (e.message, e.line, e.column, e.name, e.value)
    }

    fn at(
        message: &'static str,
        line: usize,
        column: usize,
        name: &str,
        value: Option<&str>,
    ) -> (&'static str, usize, Option<usize>, Option<String>, Option<String>) {
        (message, line, Some(column), Some(name.to_owned()), value.map(str::to_owned))
    }

    #[test]
    fn reads_plain_file() {
        let rows = change("participant,site,wave,score\np1,A,baseline,2.5\np1,A,followup,3\n").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].wave, Wave::Followup);
        assert_eq!(rows[1].score, 3.0);
        assert_eq!(rows[1].line, 3);
    }

    #[test]
    fn bom_crlf_quotes_case_and_order() {
        let text = "\u{feff}Score, Wave ,participant,site\r\n\"2.5\",baseline,\"p \"\"1\"\"\",\"Nord, Syd\"\r\n\r\n4,FOLLOWUP,x,Ærø";
        let rows = change(text).unwrap();
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
        assert_eq!(err(text), at("err-eval-not-number", 4, 4, "score", Some("x")));
    }

    #[test]
    fn empty_spreadsheet_rows_are_blank() {
        let rows = change("participant,site,wave,score\n,,,\np1,A,baseline,1\n   \n,,,").unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].line, 3);
    }

    #[test]
    fn semicolons_decimal_commas_and_windows_1252() {
        let rows = change("participant;site;wave;score\np1;A;baseline;2,5\n").unwrap();
        assert_eq!(rows[0].score, 2.5);
        // "Ærø" and "Søby" as Danish Excel saves them.
        let bytes = b"participant;site;wave;score\r\np1;\xC6r\xF8;baseline;2,5\r\np1;\xC6r\xF8;followup;3\r\np2;S\xF8by;baseline;1\r\n";
        let table = read_file(bytes, Some("ændring.csv")).unwrap();
        let rows = read_change(&table).unwrap();
        assert_eq!(rows.iter().map(|r| (r.site.as_str(), r.score)).collect::<Vec<_>>(), [("Ærø", 2.5), ("Ærø", 3.0), ("Søby", 1.0)]);
    }

    #[test]
    fn errors_name_line_column_and_header() {
        let head = "participant,site,wave,score\n";
        assert_eq!(err(&format!("{head}p1,A,baseline,1\np2,A,baseline,abc\n")), at("err-eval-not-number", 3, 4, "score", Some("abc")));
        assert_eq!(err(&format!("{head}p1,A,baseline,NaN\n")), at("err-eval-not-number", 2, 4, "score", Some("NaN")));
        assert_eq!(err(&format!("{head}p1,A,baseline,inf\n")), at("err-eval-not-number", 2, 4, "score", Some("inf")));
        assert_eq!(err("participant;site;wave;score\np1;A;baseline;1.5.2\n"), at("err-eval-not-number", 2, 4, "score", Some("1.5.2")));
        assert_eq!(err(&format!("{head}p1,A,post,1\n")), at("err-eval-wave", 2, 3, "wave", Some("post")));
        let e = change(&format!("{head}p1,A,baseline,1\np1,A,baseline,2\n")).unwrap_err();
        assert_eq!(
            (e.message, e.line, e.column, e.value.as_deref(), e.detail.as_deref()),
            ("err-eval-repeated-wave", 3, Some(1), Some("baseline"), Some("2"))
        );
        let e = change(&format!("{head}p1,A,baseline,1\np1,B,followup,2\n")).unwrap_err();
        assert_eq!(
            (e.message, e.line, e.column, e.value.as_deref(), e.detail.as_deref()),
            ("err-eval-two-sites", 3, Some(2), Some("B"), Some("2"))
        );
        assert_eq!(err(&format!("{head}p1,A,baseline\n")), at("err-table-short-row", 2, 4, "score", None));
        assert_eq!(err(&format!("{head}p1,,baseline,1\n")), at("err-eval-missing-value", 2, 2, "site", None));
        let e = change(&format!("{head}p1,A,baseline,\"1\n")).unwrap_err();
        assert_eq!((e.message, e.line, e.column), ("err-table-unclosed-quote", 2, Some(4)));
        let e = change(&format!("{head}p1,A,baseline,1,5\n")).unwrap_err();
        assert_eq!((e.message, e.line, e.column), ("err-table-extra-cell", 2, Some(5)));
        assert_eq!(
            change("participant,site,wave,score\n1,2,3,4,,\n").unwrap_err().message,
            "err-eval-wave",
            "trailing empty cells are harmless"
        );
        let e = change(&format!("{head}p1,A,baseline,\"2,5\"\n")).unwrap_err();
        assert_eq!((e.message, e.value.as_deref()), ("err-eval-decimal-point", Some("2,5")));
    }

    #[test]
    fn header_errors() {
        assert_eq!(change("").unwrap_err().message, "err-table-empty");
        let e = change("participant,site,wave\n").unwrap_err();
        assert_eq!((e.message, e.line, e.name.as_deref()), ("err-table-missing-column", 1, Some("score")));
        let e = change("participant,site,wave,score,notes\n").unwrap_err();
        assert_eq!((e.message, e.column, e.name.as_deref()), ("err-table-unknown-column", Some(5), Some("notes")));
        let e = change("participant,site,wave,score,Site\n").unwrap_err();
        assert_eq!((e.message, e.column, e.name.as_deref()), ("err-table-duplicate-column", Some(5), Some("Site")));
        let e = read_pool(&read_text("site,yi\n", 10).unwrap()).unwrap_err();
        assert_eq!((e.message, e.name.as_deref()), ("err-table-missing-column", Some("vi")));
        assert_eq!(change("foo,bar\n1,2\n").unwrap_err().message, "err-table-no-header");
    }

    #[test]
    fn pool_file() {
        let sites = read_pool(&read_text("site,yi,vi\nA,0.5,0.04\n\"B\",-0.1,1e-2\n", 10).unwrap()).unwrap();
        assert_eq!(sites.len(), 2);
        assert_eq!(sites[1].vi, 0.01);
        let e = read_pool(&read_text("site,yi,vi\nA,0.5,0\n", 10).unwrap()).unwrap_err();
        assert_eq!((e.message, e.line, e.column, e.value.as_deref()), ("err-eval-variance", 2, Some(3), Some("0")));
        let e = read_pool(&read_text("site,yi,vi\nA,0.5,0.1\nA,0.2,0.1\n", 10).unwrap()).unwrap_err();
        assert_eq!((e.message, e.line, e.column, e.detail.as_deref()), ("err-eval-site-twice", 3, Some(1), Some("2")));
    }

    #[test]
    fn summaries_become_standardised_changes_and_bad_rows_are_named() {
        let effects = read_summaries(&read_text("site;n;mean_pre;mean_post;sd_pre;r\nNord;40;50,0;56,0;12,0;0,5\n", 10).unwrap()).unwrap();
        let (yi, vi) = crate::smcr_from_summary(40, 50.0, 56.0, 12.0, 0.5).unwrap();
        assert_eq!((effects[0].site.as_str(), effects[0].yi, effects[0].vi), ("Nord", yi, vi));
        let same = read_summaries(&read_text("Site,YI,vi\nNord,0.5,0.02\n", 10).unwrap()).unwrap();
        assert_eq!(same[0].yi, 0.5);
        let e =
            read_summaries(&read_text("site,n,mean_pre,mean_post,sd_pre,r\nA,40,1,2,3,0.5\nB,40,1,2,3,1.5\n", 10).unwrap()).unwrap_err();
        assert_eq!((e.line, e.column, e.name.as_deref()), (3, Some(6), Some("r")));
        let e = read_summaries(&read_text("site,n,Mean Pre,mean_post,sd_pre,r\nA,2.5,1,2,3,0.5\n", 10).unwrap()).unwrap_err();
        assert_eq!((e.line, e.column, e.name.as_deref()), (2, Some(2), Some("n")));
        let e = read_summaries(&read_text("site,n,Mean Pre,mean_post,sd_pre,r\nA,40,x,2,3,0.5\n", 10).unwrap()).unwrap_err();
        assert_eq!((e.message, e.column, e.name.as_deref()), ("err-eval-not-number", Some(3), Some("Mean Pre")), "the header as written");
    }

    #[test]
    fn a_workbook_reads_like_the_csv() {
        let ods = sammen_tabular::testing::ods(&[&["site", "yi", "vi"], &["Nord", "0.5", "0.04"], &["Syd", "-0.1", "0.01"]]);
        let sites = read_pool(&read_file(&ods, Some("puljer.ods")).unwrap()).unwrap();
        assert_eq!(sites, [SiteEffect { site: "Nord".into(), yi: 0.5, vi: 0.04 }, SiteEffect { site: "Syd".into(), yi: -0.1, vi: 0.01 }]);
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (c, h) in ["participant", "site", "wave", "score"].into_iter().enumerate() {
            sheet.write_string(0, c as u16, h).unwrap();
        }
        sheet.write_string(1, 0, "p1").unwrap();
        sheet.write_string(1, 1, "Ærø").unwrap();
        sheet.write_string(1, 2, "baseline").unwrap();
        sheet.write_number(1, 3, 2.5).unwrap();
        sheet.write_string(2, 0, "p1").unwrap();
        sheet.write_string(2, 1, "Ærø").unwrap();
        sheet.write_string(2, 2, "later").unwrap();
        sheet.write_number(2, 3, 3).unwrap();
        let table = read_file(&book.save_to_buffer().unwrap(), Some("change.xlsx")).unwrap();
        let e = read_change(&table).unwrap_err();
        assert_eq!((e.message, e.line, e.column, e.name.as_deref()), ("err-eval-wave", 3, Some(3), Some("wave")));
    }
}
