//! Scoring answers by a definition: reversal, prorating, aggregation, conversion, range.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{Definition, InstrumentRef, Item, ResponseScale, TOTAL};

/// One answer: the option code of a choice item, or the number of a numeric item. In JSON a
/// string is a code and a number is a number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AnswerValue {
    Code(String),
    Number(f64),
}

/// A person's answers, by item `linkId`. Unanswered items are simply absent.
pub type Answers = BTreeMap<String, AnswerValue>;

/// What went wrong when scoring. Each variant names the item concerned.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ScoreError {
    #[error("item `{link_id}` is not part of {instrument}")]
    UnknownItem { instrument: InstrumentRef, link_id: String },
    #[error("item `{link_id}`: the answer {value} is outside the item's scale")]
    OutOfScale { link_id: String, value: String },
    #[error("item `{link_id}` expects {expected}")]
    WrongAnswerType { link_id: String, expected: &'static str },
    #[error("{answered} of {items} items answered; a score needs at least {required}")]
    TooFewAnswered { answered: usize, required: usize, items: usize },
}

impl ScoreError {
    /// A stable message id for the translated error text (Fluent, in `sammen-i18n`).
    pub fn message_id(&self) -> &'static str {
        match self {
            ScoreError::UnknownItem { .. } => "err-instrument-unknown-item",
            ScoreError::OutOfScale { .. } => "err-instrument-out-of-scale",
            ScoreError::WrongAnswerType { .. } => "err-instrument-answer-type",
            ScoreError::TooFewAnswered { .. } => "err-instrument-too-few-answered",
        }
    }
}

/// A subscale's score; `score` is `None` when too few of its items were answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubscaleScore {
    pub id: String,
    pub score: Option<f64>,
    pub raw: Option<f64>,
    pub prorated: bool,
    pub answered: usize,
    pub items: usize,
}

/// A scored set of answers. It carries the definition's id and version: scores of different
/// versions are never compared (see [`crate::change`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreResult {
    pub instrument: InstrumentRef,
    /// The final score, within the definition's range.
    pub score: f64,
    /// The sum of the item scores after reversal, prorated when items were missing.
    pub raw: f64,
    /// True when items were missing and the total was prorated.
    pub prorated: bool,
    pub answered: usize,
    pub items: usize,
    /// The code of the band (cut-off interval) the score falls in.
    pub band: Option<String>,
    /// Whether the score is in the clinical range, when the definition has a cut-off.
    pub clinical: Option<bool>,
    pub subscales: Vec<SubscaleScore>,
    /// Every answered item's score after reversal, by `linkId`.
    pub item_scores: BTreeMap<String, f64>,
}

/// Reverses a weight on an item's scale: `min + max − w`. Reversing twice gives `w` back.
pub fn reverse_weight(item: &Item, weight: f64) -> f64 {
    let (lo, hi) = item.bounds();
    lo + hi - weight
}

/// The weight of an answer to an item, before reversal; an error names the item when the
/// answer is not on the item's scale.
pub fn answer_weight(item: &Item, value: &AnswerValue) -> Result<f64, ScoreError> {
    let link_id = || item.link_id.clone();
    match (&item.response, value) {
        (ResponseScale::Choice { options }, AnswerValue::Code(code)) => options
            .iter()
            .find(|o| &o.code == code)
            .map(|o| o.weight)
            .ok_or_else(|| ScoreError::OutOfScale { link_id: link_id(), value: code.clone() }),
        (ResponseScale::Numeric { min, max, .. }, AnswerValue::Number(x)) => {
            if (*min..=*max).contains(x) {
                Ok(*x)
            } else {
                Err(ScoreError::OutOfScale { link_id: link_id(), value: x.to_string() })
            }
        }
        (ResponseScale::Choice { .. }, AnswerValue::Number(_)) => {
            Err(ScoreError::WrongAnswerType { link_id: link_id(), expected: "an option code" })
        }
        (ResponseScale::Numeric { .. }, AnswerValue::Code(_)) => {
            Err(ScoreError::WrongAnswerType { link_id: link_id(), expected: "a number" })
        }
    }
}

/// Checks every answer against the definition and returns the item scores (after reversal).
pub fn item_scores(def: &Definition, answers: &Answers) -> Result<BTreeMap<String, f64>, ScoreError> {
    if let Some(unknown) = answers.keys().find(|k| def.item(k).is_none()) {
        return Err(ScoreError::UnknownItem { instrument: def.instrument(), link_id: unknown.clone() });
    }
    let mut out = BTreeMap::new();
    for item in &def.items {
        if let Some(value) = answers.get(&item.link_id) {
            let w = answer_weight(item, value)?;
            out.insert(item.link_id.clone(), if item.reverse { reverse_weight(item, w) } else { w });
        }
    }
    Ok(out)
}

/// A raw sum and how it came about.
struct Raw {
    raw: f64,
    answered: usize,
    prorated: bool,
}

/// The raw sum over `items`, prorated when some are unanswered; with fewer than `required`
/// answered, `Err((answered, required))`.
///
/// Prorating maps the answered items' sum onto the whole scale by its position between the
/// answered items' lowest and highest possible sums. When every item has the same scale this
/// is exactly the usual mean of the answered items times the number of items; when scales
/// differ it still cannot leave the instrument's range.
fn raw_sum(items: &[&Item], scores: &BTreeMap<String, f64>, required: usize) -> Result<Raw, (usize, usize)> {
    let (mut sum, mut ans_lo, mut ans_hi, mut all_lo, mut all_hi, mut answered) = (0.0, 0.0, 0.0, 0.0, 0.0, 0usize);
    for item in items {
        let (lo, hi) = item.bounds();
        all_lo += lo;
        all_hi += hi;
        if let Some(s) = scores.get(&item.link_id) {
            sum += s;
            ans_lo += lo;
            ans_hi += hi;
            answered += 1;
        }
    }
    if answered < required || answered == 0 {
        return Err((answered, required.max(1)));
    }
    if answered == items.len() {
        return Ok(Raw { raw: sum, answered, prorated: false });
    }
    let position = (sum - ans_lo) / (ans_hi - ans_lo);
    Ok(Raw { raw: all_lo + position * (all_hi - all_lo), answered, prorated: true })
}

/// Scores a set of answers by a definition.
///
/// Answers to unknown items, answers outside an item's scale and answers of the wrong kind
/// are errors naming the item. With fewer items answered than the definition's missing-item
/// rule needs there is no score; with more, but not all, the total is prorated and marked so.
pub fn score(def: &Definition, answers: &Answers) -> Result<ScoreResult, ScoreError> {
    let scores = item_scores(def, answers)?;
    let all: Vec<&Item> = def.items.iter().collect();
    let n = all.len();
    let raw = raw_sum(&all, &scores, def.missing.required(n)).map_err(|(answered, required)| ScoreError::TooFewAnswered {
        answered,
        required,
        items: n,
    })?;
    let aggregated = def.aggregation.apply(raw.raw, n);
    let converted = match &def.conversion {
        Some(table) => table.convert(aggregated).unwrap_or(aggregated),
        None => aggregated,
    };
    // Only floating-point rounding can take a score past its bounds; keep it inside.
    let score = converted.clamp(def.range.min, def.range.max);

    let subscales = subscale_scores(def, &scores);

    Ok(ScoreResult {
        instrument: def.instrument(),
        score,
        raw: raw.raw,
        prorated: raw.prorated,
        answered: raw.answered,
        items: n,
        band: def.band(score).map(|b| b.code.clone()),
        clinical: def.clinical_cutoff.as_ref().map(|c| c.is_clinical(score)),
        subscales,
        item_scores: scores,
    })
}

/// Every subscale's score from item scores (after reversal), each with the definition's
/// missing-item rule over its own items. A stored score made before a definition had its
/// subscales is scored again from its item scores with this.
pub fn subscale_scores(def: &Definition, scores: &BTreeMap<String, f64>) -> Vec<SubscaleScore> {
    def.subscales
        .iter()
        .map(|s| {
            let items: Vec<&Item> = def.items.iter().filter(|i| s.items.contains(&i.link_id)).collect();
            let (lo, hi) = def.subscale_range(s);
            match raw_sum(&items, scores, def.missing.required(items.len())) {
                Ok(r) => SubscaleScore {
                    id: s.id.clone(),
                    score: Some(s.aggregation.apply(r.raw, items.len()).clamp(lo, hi)),
                    raw: Some(r.raw),
                    prorated: r.prorated,
                    answered: r.answered,
                    items: items.len(),
                },
                Err((answered, _)) => {
                    SubscaleScore { id: s.id.clone(), score: None, raw: None, prorated: false, answered, items: items.len() }
                }
            }
        })
        .collect()
}

impl ScoreResult {
    /// The score of the total (`"total"`) or of a subscale by id.
    pub fn scale(&self, id: &str) -> Option<f64> {
        if id == TOTAL { Some(self.score) } else { self.subscales.iter().find(|s| s.id == id).and_then(|s| s.score) }
    }
}
