//! Context for a programme's result: the published range of controlled effects of peer
//! support on recovery, hope, empowerment and quality of life, as a reference table with its
//! sources.
//!
//! A report prints these beside the programme's own change so that a reader sees what randomised
//! trials found (small effects) next to a single-group change from baseline, which is not an
//! effect. The default table (`data/reference-effects.json`) holds only figures read in a source
//! text, each with its citation and where it was read; an organisation can configure its own
//! table in the same JSON form with [`parse_table`]. The sources and what could not be verified
//! are in `docs/evaluation.md`, "Context: published controlled effects".

use serde::{Deserialize, Serialize};

/// The embedded default table.
const DEFAULT_TABLE_JSON: &str = include_str!("../data/reference-effects.json");

/// Earliest and latest publication year accepted in a table.
const YEAR_RANGE: (u16, u16) = (1900, 2100);

/// What a reference effect is about. The JSON code is the snake_case name (`quality_of_life`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferenceOutcome {
    /// Personal (self-rated) recovery.
    Recovery,
    Hope,
    Empowerment,
    QualityOfLife,
}

impl ReferenceOutcome {
    /// Every outcome, in the order a report lists them.
    pub const ALL: [ReferenceOutcome; 4] =
        [ReferenceOutcome::Recovery, ReferenceOutcome::Hope, ReferenceOutcome::Empowerment, ReferenceOutcome::QualityOfLife];

    /// The code used in the JSON table.
    pub fn code(self) -> &'static str {
        match self {
            ReferenceOutcome::Recovery => "recovery",
            ReferenceOutcome::Hope => "hope",
            ReferenceOutcome::Empowerment => "empowerment",
            ReferenceOutcome::QualityOfLife => "quality_of_life",
        }
    }

    /// The outcome with this JSON code, if it is one.
    pub fn from_code(code: &str) -> Option<ReferenceOutcome> {
        ReferenceOutcome::ALL.into_iter().find(|o| o.code() == code)
    }
}

/// One published pooled effect, or what a source says in words when it gives no figure.
///
/// Convention: `estimate`, `ci_low` and `ci_high` are oriented so that a positive value favours
/// peer support. Where the source prints the opposite sign, `as_published` keeps the source's own
/// figure and `note` says that the sign was flipped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReferenceEffect {
    pub outcome: ReferenceOutcome,
    /// The effect measure, e.g. `SMD` or `Hedges' g`.
    pub measure: String,
    /// The pooled estimate; `None` when the source gives only a direction or "no effect".
    pub estimate: Option<f64>,
    /// Lower end of the 95% confidence interval.
    pub ci_low: Option<f64>,
    /// Upper end of the 95% confidence interval.
    pub ci_high: Option<f64>,
    /// Number of trials pooled (k), when stated.
    pub studies: Option<u32>,
    /// Number of participants pooled (n), when stated.
    pub participants: Option<u32>,
    /// When the outcome was measured, e.g. "end of intervention", when stated.
    pub timepoint: Option<String>,
    /// What peer support was compared with, e.g. "treatment as usual".
    pub comparison: String,
    pub population: String,
    /// The kind of peer support, e.g. "one-to-one peer support".
    pub intervention: Option<String>,
    /// Full citation of the publication the effect belongs to.
    pub citation: String,
    /// Publication year.
    pub year: u16,
    pub doi: Option<String>,
    /// Where the figures were read (an abstract or table page), which may be a secondary source.
    pub source_url: Option<String>,
    /// The figures exactly as the source prints them.
    pub as_published: Option<String>,
    /// Caveats: quality of evidence, overlap with other entries, sign conventions.
    pub note: String,
}

impl ReferenceEffect {
    /// Whether the entry carries a number (an estimate or a confidence interval).
    pub fn has_numbers(&self) -> bool {
        self.estimate.is_some() || self.ci_low.is_some() || self.ci_high.is_some()
    }

    /// The lowest and highest value the entry supports: its confidence interval, or its estimate
    /// when it has no interval.
    pub fn bounds(&self) -> Option<(f64, f64)> {
        let low = self.ci_low.or(self.estimate)?;
        let high = self.ci_high.or(self.estimate)?;
        Some((low, high))
    }
}

/// A reference table: the entries and a note on how to read them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReferenceTable {
    pub entries: Vec<ReferenceEffect>,
    /// How to read the table (sign convention, overlap between entries, why a pre–post change
    /// is not comparable).
    pub note: String,
}

impl ReferenceTable {
    /// The entries for one outcome, in table order.
    pub fn for_outcome(&self, outcome: ReferenceOutcome) -> Vec<&ReferenceEffect> {
        self.entries.iter().filter(|e| e.outcome == outcome).collect()
    }

    /// The published range for one outcome: from the lowest lower confidence limit to the highest
    /// upper limit among the entries with numbers (an entry without an interval contributes its
    /// estimate). `None` when no entry for the outcome has a number. The range assumes the
    /// entries share a scale (standardised mean differences in the default table).
    pub fn range(&self, outcome: ReferenceOutcome) -> Option<(f64, f64)> {
        self.for_outcome(outcome).into_iter().filter_map(ReferenceEffect::bounds).reduce(|(low, high), (l, h)| (low.min(l), high.max(h)))
    }
}

/// Why a reference table was refused. `index` is the entry's position in `entries` (from 0).
#[derive(Debug, Clone, PartialEq, Serialize, thiserror::Error)]
pub enum ContextError {
    /// The text is not JSON, or not an object with `entries` and `note`.
    #[error("not a reference table: {detail}")]
    Json { detail: String },
    /// An entry has a missing, unknown or mistyped field.
    #[error("entries[{index}]: {detail}")]
    Entry { index: usize, detail: String },
    #[error("entries[{index}]: unknown outcome {code:?} (use recovery, hope, empowerment or quality_of_life)")]
    UnknownOutcome { index: usize, code: String },
    #[error("entries[{index}]: the citation is empty")]
    MissingCitation { index: usize },
    #[error("entries[{index}]: the year {year} is not between 1900 and 2100")]
    Year { index: usize, year: u16 },
    #[error("entries[{index}]: the measure is empty")]
    MissingMeasure { index: usize },
    #[error("entries[{index}]: give both ends of the confidence interval or neither")]
    IntervalIncomplete { index: usize },
    #[error("entries[{index}]: ci_low ≤ estimate ≤ ci_high does not hold")]
    IntervalOrder { index: usize },
    /// An entry without numbers must say in its note what the source reports.
    #[error("entries[{index}]: an entry without an estimate needs a note saying what the source reports")]
    MissingNote { index: usize },
}

impl ContextError {
    /// A stable message id for the translated error text (Fluent, in `sammen-i18n`). The texts
    /// take `$entry`, the entry's number counted from 1 (`index() + 1`), and `$code` for
    /// `err-context-outcome`.
    pub fn message_id(&self) -> &'static str {
        match self {
            ContextError::Json { .. } => "err-context-json",
            ContextError::Entry { .. } => "err-context-entry",
            ContextError::UnknownOutcome { .. } => "err-context-outcome",
            ContextError::MissingCitation { .. } => "err-context-citation",
            ContextError::Year { .. } => "err-context-year",
            ContextError::MissingMeasure { .. } => "err-context-measure",
            ContextError::IntervalIncomplete { .. } => "err-context-interval-incomplete",
            ContextError::IntervalOrder { .. } => "err-context-interval-order",
            ContextError::MissingNote { .. } => "err-context-note",
        }
    }

    /// The position of the offending entry in `entries` (from 0); `None` for a table-level error.
    pub fn index(&self) -> Option<usize> {
        match self {
            ContextError::Json { .. } => None,
            ContextError::Entry { index, .. }
            | ContextError::UnknownOutcome { index, .. }
            | ContextError::MissingCitation { index }
            | ContextError::Year { index, .. }
            | ContextError::MissingMeasure { index }
            | ContextError::IntervalIncomplete { index }
            | ContextError::IntervalOrder { index }
            | ContextError::MissingNote { index } => Some(*index),
        }
    }
}

/// The table as it is read, before the entries are checked one by one.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    entries: Vec<serde_json::Value>,
    note: String,
}

/// One entry as it is read: the outcome is still text so that an unknown code names its entry.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEffect {
    outcome: String,
    measure: String,
    estimate: Option<f64>,
    ci_low: Option<f64>,
    ci_high: Option<f64>,
    studies: Option<u32>,
    participants: Option<u32>,
    timepoint: Option<String>,
    comparison: String,
    population: String,
    intervention: Option<String>,
    citation: String,
    year: u16,
    doi: Option<String>,
    source_url: Option<String>,
    as_published: Option<String>,
    note: String,
}

/// The default table shipped with Sammen (`data/reference-effects.json`). It is checked by the
/// tests, so an error here means the embedded file was edited badly.
pub fn default_table() -> Result<ReferenceTable, ContextError> {
    parse_table(DEFAULT_TABLE_JSON)
}

/// Reads and checks a reference table in the JSON form of `data/reference-effects.json`: an
/// object with `note` and `entries`, each entry with the fields of [`ReferenceEffect`] (optional
/// fields may be `null` or left out; unknown fields are refused). Every entry needs a known
/// outcome code, a measure, a citation and a year between 1900 and 2100; a confidence interval
/// has both ends or neither, with `ci_low ≤ estimate ≤ ci_high`; an entry without an estimate
/// needs a note. The first problem found is returned.
pub fn parse_table(json: &str) -> Result<ReferenceTable, ContextError> {
    let raw: RawTable = serde_json::from_str(json).map_err(|e| ContextError::Json { detail: e.to_string() })?;
    let entries = raw.entries.into_iter().enumerate().map(|(index, value)| check_entry(index, value)).collect::<Result<Vec<_>, _>>()?;
    Ok(ReferenceTable { entries, note: raw.note })
}

fn check_entry(index: usize, value: serde_json::Value) -> Result<ReferenceEffect, ContextError> {
    let raw: RawEffect = serde_json::from_value(value).map_err(|e| ContextError::Entry { index, detail: e.to_string() })?;
    let outcome =
        ReferenceOutcome::from_code(&raw.outcome).ok_or_else(|| ContextError::UnknownOutcome { index, code: raw.outcome.clone() })?;
    if raw.citation.trim().is_empty() {
        return Err(ContextError::MissingCitation { index });
    }
    if !(YEAR_RANGE.0..=YEAR_RANGE.1).contains(&raw.year) {
        return Err(ContextError::Year { index, year: raw.year });
    }
    if raw.measure.trim().is_empty() {
        return Err(ContextError::MissingMeasure { index });
    }
    match (raw.ci_low, raw.ci_high) {
        (Some(low), Some(high)) => {
            let ordered = match raw.estimate {
                Some(estimate) => low <= estimate && estimate <= high,
                None => low <= high,
            };
            if !ordered {
                return Err(ContextError::IntervalOrder { index });
            }
        }
        (None, None) => {}
        _ => return Err(ContextError::IntervalIncomplete { index }),
    }
    if raw.estimate.is_none() && raw.note.trim().is_empty() {
        return Err(ContextError::MissingNote { index });
    }
    Ok(ReferenceEffect {
        outcome,
        measure: raw.measure,
        estimate: raw.estimate,
        ci_low: raw.ci_low,
        ci_high: raw.ci_high,
        studies: raw.studies,
        participants: raw.participants,
        timepoint: raw.timepoint,
        comparison: raw.comparison,
        population: raw.population,
        intervention: raw.intervention,
        citation: raw.citation,
        year: raw.year,
        doi: raw.doi,
        source_url: raw.source_url,
        as_published: raw.as_published,
        note: raw.note,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    /// A valid one-entry table; `patch` replaces fields of the entry.
    fn table_with(patch: &[(&str, serde_json::Value)]) -> String {
        let mut entry = serde_json::json!({
            "outcome": "hope",
            "measure": "SMD",
            "estimate": 0.2,
            "ci_low": 0.1,
            "ci_high": 0.3,
            "studies": 3,
            "participants": 900,
            "timepoint": "end of intervention",
            "comparison": "treatment as usual",
            "population": "adults",
            "intervention": null,
            "citation": "Author A. Title. Journal 2020.",
            "year": 2020,
            "doi": null,
            "source_url": null,
            "as_published": null,
            "note": ""
        });
        for (key, value) in patch {
            entry[*key] = value.clone();
        }
        serde_json::json!({ "note": "test", "entries": [entry] }).to_string()
    }

    fn refused(json: &str) -> ContextError {
        parse_table(json).expect_err("the table should be refused")
    }

    #[test]
    fn default_table_parses_and_validates() {
        let table = default_table().unwrap();
        assert!(!table.entries.is_empty());
        assert!(!table.note.trim().is_empty());
        for entry in &table.entries {
            assert!(!entry.citation.trim().is_empty(), "{entry:?}");
            assert!((2000..=2030).contains(&entry.year), "{entry:?}");
            assert!(entry.source_url.is_some(), "every default entry says where it was read: {entry:?}");
            assert!(!entry.note.trim().is_empty(), "{entry:?}");
        }
    }

    #[test]
    fn default_table_covers_recovery_and_hope_with_numbers() {
        let table = default_table().unwrap();
        for outcome in [ReferenceOutcome::Recovery, ReferenceOutcome::Hope] {
            assert!(table.for_outcome(outcome).iter().any(|e| e.estimate.is_some()), "{outcome:?}");
        }
    }

    #[test]
    fn default_table_holds_the_figures_read() {
        let table = default_table().unwrap();
        // Smit et al. 2023, personal recovery: g = 0.15 (0.04–0.27).
        let smit = table.entries.iter().find(|e| e.citation.starts_with("Smit D")).unwrap();
        assert_eq!(
            (smit.outcome, smit.estimate, smit.ci_low, smit.ci_high),
            (ReferenceOutcome::Recovery, Some(0.15), Some(0.04), Some(0.27))
        );
        // Fuhr et al. 2014, hope: SMD 0.24 (0.02–0.46), n = 967.
        let fuhr = table.entries.iter().find(|e| e.citation.starts_with("Fuhr DC") && e.outcome == ReferenceOutcome::Hope).unwrap();
        assert_eq!((fuhr.estimate, fuhr.ci_low, fuhr.ci_high, fuhr.participants), (Some(0.24), Some(0.02), Some(0.46), Some(967)));
    }

    #[test]
    fn default_ranges_are_small_positive_effects() {
        let table = default_table().unwrap();
        assert_eq!(table.range(ReferenceOutcome::Recovery), Some((0.04, 0.39)));
        assert_eq!(table.range(ReferenceOutcome::Hope), Some((0.02, 0.46)));
    }

    #[test]
    fn outcome_codes_round_trip() {
        for outcome in ReferenceOutcome::ALL {
            assert_eq!(ReferenceOutcome::from_code(outcome.code()), Some(outcome));
            assert_eq!(serde_json::to_value(outcome).unwrap(), serde_json::Value::String(outcome.code().to_string()));
        }
        assert_eq!(ReferenceOutcome::from_code("wellbeing"), None);
    }

    #[test]
    fn a_valid_table_is_read() {
        let table = parse_table(&table_with(&[])).unwrap();
        assert_eq!(table.entries.len(), 1);
        assert_eq!(table.entries[0].outcome, ReferenceOutcome::Hope);
        assert_eq!(table.entries[0].studies, Some(3));
    }

    #[test]
    fn optional_fields_may_be_left_out() {
        let json = r#"{"note": "", "entries": [{"outcome": "recovery", "measure": "SMD", "estimate": 0.1,
            "comparison": "usual care", "population": "adults", "citation": "A. B. 2019.", "year": 2019, "note": ""}]}"#;
        let table = parse_table(json).unwrap();
        assert_eq!(table.entries[0].ci_low, None);
        assert_eq!(table.range(ReferenceOutcome::Recovery), Some((0.1, 0.1)));
    }

    #[test]
    fn not_json_is_refused() {
        let error = refused("not json");
        assert_eq!(error.message_id(), "err-context-json");
        assert_eq!(error.index(), None);
        assert_eq!(refused(r#"{"entries": []}"#).message_id(), "err-context-json");
    }

    #[test]
    fn unknown_outcome_is_refused_with_its_index() {
        let entry = serde_json::from_str::<serde_json::Value>(&table_with(&[])).unwrap()["entries"][0].clone();
        let mut bad = entry.clone();
        bad["outcome"] = "wellbeing".into();
        let json = serde_json::json!({ "note": "", "entries": [entry, bad] }).to_string();
        let error = refused(&json);
        assert_eq!(error, ContextError::UnknownOutcome { index: 1, code: "wellbeing".to_string() });
        assert_eq!(error.message_id(), "err-context-outcome");
        assert_eq!(error.index(), Some(1));
    }

    #[test]
    fn empty_citation_is_refused() {
        let error = refused(&table_with(&[("citation", "  ".into())]));
        assert_eq!(error, ContextError::MissingCitation { index: 0 });
        assert_eq!(error.message_id(), "err-context-citation");
    }

    #[test]
    fn a_missing_year_is_refused_as_an_entry_error() {
        let mut value: serde_json::Value = serde_json::from_str(&table_with(&[])).unwrap();
        value["entries"][0].as_object_mut().unwrap().remove("year");
        let error = refused(&value.to_string());
        assert_eq!(error.message_id(), "err-context-entry");
        assert_eq!(error.index(), Some(0));
    }

    #[test]
    fn implausible_year_is_refused() {
        let error = refused(&table_with(&[("year", 14.into())]));
        assert_eq!(error, ContextError::Year { index: 0, year: 14 });
        assert_eq!(error.message_id(), "err-context-year");
    }

    #[test]
    fn empty_measure_is_refused() {
        assert_eq!(refused(&table_with(&[("measure", "".into())])).message_id(), "err-context-measure");
    }

    #[test]
    fn estimate_outside_its_interval_is_refused() {
        let error = refused(&table_with(&[("estimate", 0.5.into())]));
        assert_eq!(error, ContextError::IntervalOrder { index: 0 });
        assert_eq!(error.message_id(), "err-context-interval-order");
        let reversed = refused(&table_with(&[("estimate", serde_json::Value::Null), ("ci_low", 0.3.into()), ("ci_high", 0.1.into())]));
        assert_eq!(reversed.message_id(), "err-context-interval-order");
    }

    #[test]
    fn half_an_interval_is_refused() {
        let error = refused(&table_with(&[("ci_high", serde_json::Value::Null)]));
        assert_eq!(error, ContextError::IntervalIncomplete { index: 0 });
        assert_eq!(error.message_id(), "err-context-interval-incomplete");
    }

    #[test]
    fn an_entry_without_numbers_needs_a_note() {
        let no_numbers = [("estimate", serde_json::Value::Null), ("ci_low", serde_json::Value::Null), ("ci_high", serde_json::Value::Null)];
        let error = refused(&table_with(&no_numbers));
        assert_eq!(error, ContextError::MissingNote { index: 0 });
        assert_eq!(error.message_id(), "err-context-note");
        let mut with_note = no_numbers.to_vec();
        with_note.push(("note", "Not significant.".into()));
        let table = parse_table(&table_with(&with_note)).unwrap();
        assert!(!table.entries[0].has_numbers());
        assert_eq!(table.range(ReferenceOutcome::Hope), None);
    }

    #[test]
    fn unknown_and_mistyped_fields_are_refused() {
        assert_eq!(refused(&table_with(&[("ci_lo", 0.1.into())])).message_id(), "err-context-entry");
        assert_eq!(refused(&table_with(&[("estimate", "0.2".into())])).message_id(), "err-context-entry");
    }

    #[test]
    fn range_spans_lowest_lower_limit_to_highest_upper_limit() {
        let entry = |outcome: ReferenceOutcome, estimate: Option<f64>, ci: Option<(f64, f64)>| ReferenceEffect {
            outcome,
            measure: "SMD".into(),
            estimate,
            ci_low: ci.map(|c| c.0),
            ci_high: ci.map(|c| c.1),
            studies: None,
            participants: None,
            timepoint: None,
            comparison: "usual care".into(),
            population: "adults".into(),
            intervention: None,
            citation: "A. B. 2020.".into(),
            year: 2020,
            doi: None,
            source_url: None,
            as_published: None,
            note: "n.s.".into(),
        };
        let table = ReferenceTable {
            entries: vec![
                entry(ReferenceOutcome::Recovery, Some(0.2), Some((0.1, 0.3))),
                entry(ReferenceOutcome::Recovery, Some(0.15), Some((-0.05, 0.25))),
                entry(ReferenceOutcome::Recovery, Some(0.5), None),
                entry(ReferenceOutcome::Recovery, None, None),
                entry(ReferenceOutcome::Hope, Some(0.9), Some((0.8, 1.0))),
                entry(ReferenceOutcome::Empowerment, None, None),
            ],
            note: String::new(),
        };
        assert_eq!(table.range(ReferenceOutcome::Recovery), Some((-0.05, 0.5)));
        assert_eq!(table.range(ReferenceOutcome::Hope), Some((0.8, 1.0)));
        assert_eq!(table.range(ReferenceOutcome::Empowerment), None);
        assert_eq!(table.range(ReferenceOutcome::QualityOfLife), None);
        assert_eq!(table.for_outcome(ReferenceOutcome::Recovery).len(), 4);
        assert_eq!(table.for_outcome(ReferenceOutcome::QualityOfLife).len(), 0);
    }

    #[test]
    fn a_table_serialises_and_parses_back() {
        let table = default_table().unwrap();
        let json = serde_json::to_string(&table).unwrap();
        assert_eq!(parse_table(&json).unwrap(), table);
    }
}
