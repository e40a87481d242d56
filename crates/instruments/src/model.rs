//! The instrument definition: what an instrument is, as data (`docs/instruments.md`).

use serde::{Deserialize, Serialize};

use crate::chime::ChimeDomain;

/// The two languages of the user interface. Danish is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Da,
    En,
}

impl Lang {
    /// The BCP-47 code, as FHIR's `language` element and translation extension use it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Da => "da",
            Lang::En => "en",
        }
    }
}

/// A text in Danish and/or English. Titles and labels must have both; item text bound from
/// an organisation's licensed file may have only one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub da: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Text {
    pub fn new(da: &str, en: &str) -> Text {
        Text { da: Some(da.to_owned()), en: Some(en.to_owned()) }
    }

    /// The text in `lang`, else in the other language.
    pub fn get(&self, lang: Lang) -> Option<&str> {
        let (first, second) = match lang {
            Lang::Da => (&self.da, &self.en),
            Lang::En => (&self.en, &self.da),
        };
        first.as_deref().or(second.as_deref())
    }

    pub fn is_empty(&self) -> bool {
        self.da.is_none() && self.en.is_none()
    }

    fn both_present(&self) -> bool {
        matches!((&self.da, &self.en), (Some(a), Some(b)) if !a.trim().is_empty() && !b.trim().is_empty())
    }

    fn no_blank(&self) -> bool {
        [&self.da, &self.en].into_iter().flatten().all(|s| !s.trim().is_empty())
    }
}

/// A published source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    /// The reference, in the usual author-year-journal form.
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Who owns the item text and whether Sammen ships it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Licence {
    /// Whether this definition, as Sammen ships it, carries item text. A definition that does
    /// not must not contain any item text or option label (checked by [`Definition::validate`])
    /// until an organisation binds the text it holds.
    pub text_shipped: bool,
    /// Who holds the rights and on what terms the instrument may be used (English, for staff).
    pub note: String,
}

/// How a participant answers one item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum ResponseScale {
    /// Pick one of a list of options, each with a numeric weight.
    Choice { options: Vec<AnswerOption> },
    /// A number between `min` and `max` (a visual analogue scale measured on a line, say).
    /// `decimals` is the precision the form asks for; it is a display hint, not checked.
    Numeric { min: f64, max: f64, decimals: u8 },
}

/// One response option of a choice item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerOption {
    /// The code stored as the answer and exchanged in FHIR (`valueCoding.code`).
    pub code: String,
    /// The option's numeric weight before any reversal.
    pub weight: f64,
    /// The option's label; absent in shipped definitions whose text is licensed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Text>,
}

/// One item (question) of an instrument.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// The item's key, the same as FHIR's `linkId`; for published instruments the item's
    /// number on the published form.
    #[serde(rename = "linkId")]
    pub link_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<Text>,
    pub response: ResponseScale,
    /// Reverse-scored: the item score is `min + max − weight`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reverse: bool,
    /// The CHIME process the item measures, where that is established.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chime: Option<ChimeDomain>,
}

impl Item {
    /// The lowest and highest weight an answer can have; reversal maps this interval onto itself.
    pub fn bounds(&self) -> (f64, f64) {
        match &self.response {
            ResponseScale::Choice { options } => {
                options.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), o| (lo.min(o.weight), hi.max(o.weight)))
            }
            ResponseScale::Numeric { min, max, .. } => (*min, *max),
        }
    }
}

/// How item scores become a scale score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case", deny_unknown_fields)]
pub enum Aggregation {
    Sum,
    Mean,
    /// The sum times `factor` (WHO-5: raw × 4).
    ScaledSum {
        factor: f64,
    },
    /// The mean times `factor` (Brief INSPIRE-O: mean × 25).
    ScaledMean {
        factor: f64,
    },
}

impl Aggregation {
    /// Applies the aggregation to a (possibly prorated) raw sum over `n` items.
    pub fn apply(self, raw_sum: f64, n: usize) -> f64 {
        let n = n.max(1) as f64;
        match self {
            Aggregation::Sum => raw_sum,
            Aggregation::Mean => raw_sum / n,
            Aggregation::ScaledSum { factor } => raw_sum * factor,
            Aggregation::ScaledMean { factor } => raw_sum / n * factor,
        }
    }

    fn factor(self) -> Option<f64> {
        match self {
            Aggregation::ScaledSum { factor } | Aggregation::ScaledMean { factor } => Some(factor),
            Aggregation::Sum | Aggregation::Mean => None,
        }
    }
}

/// A published conversion of the aggregated score (SWEMWBS: raw sum to Rasch metric score).
/// Values between two rows are interpolated linearly; a prorated score can fall between rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConversionTable {
    pub source: String,
    pub rows: Vec<ConversionRow>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConversionRow {
    pub raw: f64,
    pub converted: f64,
}

impl ConversionTable {
    /// Converts `x`, interpolating between rows. `None` outside the table.
    pub fn convert(&self, x: f64) -> Option<f64> {
        let first = self.rows.first()?;
        if (x - first.raw).abs() <= EPS {
            return Some(first.converted);
        }
        self.rows.windows(2).find_map(|w| {
            let (a, b) = (w[0], w[1]);
            if (x - b.raw).abs() <= EPS {
                Some(b.converted)
            } else if x > a.raw && x < b.raw {
                Some(a.converted + (x - a.raw) / (b.raw - a.raw) * (b.converted - a.converted))
            } else {
                None
            }
        })
    }
}

/// When a score may be computed with items missing.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MissingRule {
    /// The least share of items (0 < share ≤ 1) that must be answered for a score; with fewer
    /// answered there is no score. `1.0` means every item is needed and nothing is prorated.
    pub min_answered_share: f64,
}

impl MissingRule {
    /// The number of answered items needed out of `n`.
    pub fn required(self, n: usize) -> usize {
        // A small tolerance keeps 0.8 × 5 at 4 rather than 4.000000000000001 → 5.
        let needed = (self.min_answered_share * n as f64 - 1e-9).ceil();
        (needed.max(1.0) as usize).min(n)
    }
}

/// The interval every final score lies in.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreRange {
    pub min: f64,
    pub max: f64,
}

/// A subscale: some of the items, aggregated on their own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subscale {
    pub id: String,
    pub title: Text,
    pub items: Vec<String>,
    pub aggregation: Aggregation,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chime: Option<ChimeDomain>,
}

/// The upper end of a band.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bound {
    pub value: f64,
    /// Whether a score equal to `value` still belongs to the band.
    pub inclusive: bool,
}

impl Bound {
    fn admits(self, score: f64) -> bool {
        score < self.value || (self.inclusive && score <= self.value)
    }
}

/// A labelled score interval from a published cut-off. Bands are listed from low to high;
/// a score belongs to the first band whose upper bound admits it, and the last band has no
/// upper bound.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub code: String,
    pub label: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upper: Option<Bound>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReliabilityKind {
    CronbachAlpha,
    TestRetest,
}

/// The reliability coefficient used for the reliable change index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reliability {
    pub coefficient: f64,
    pub kind: ReliabilityKind,
    pub source: String,
}

/// A published number and where it was published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sourced {
    pub value: f64,
    pub source: String,
}

/// Which side of the cut-off is the clinical range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClinicalSide {
    Below,
    AtOrBelow,
    Above,
    AtOrAbove,
}

/// The cut-off between the clinical and the non-clinical range, for clinically significant
/// change (Jacobson & Truax 1991, criterion c where only a cut-off is published).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClinicalCutoff {
    pub value: f64,
    pub clinical: ClinicalSide,
    pub source: String,
}

impl ClinicalCutoff {
    pub fn is_clinical(&self, score: f64) -> bool {
        match self.clinical {
            ClinicalSide::Below => score < self.value,
            ClinicalSide::AtOrBelow => score <= self.value,
            ClinicalSide::Above => score > self.value,
            ClinicalSide::AtOrAbove => score >= self.value,
        }
    }
}

/// An instrument definition. Scores carry `(id, version)`; a definition whose scoring changes
/// gets a new version, and scores of different versions are never compared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Definition {
    /// Lower-case letters, digits and hyphens (it is also the FHIR resource id).
    pub id: String,
    /// Sammen's version of this definition (not the instrument's edition).
    pub version: String,
    pub title: Text,
    /// `false` for anything not psychometrically validated; its title must then say so in
    /// both languages ("ikke valideret" / "not validated").
    pub validated: bool,
    pub citations: Vec<Citation>,
    pub licence: Licence,
    /// Where the item text came from when an organisation bound its own licensed file
    /// (the Questionnaire's `url|version`); absent in shipped definitions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_source: Option<String>,
    /// What the person is asked to do, shown before the items (text, so licensed like it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instructions: Option<Text>,
    pub items: Vec<Item>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subscales: Vec<Subscale>,
    pub aggregation: Aggregation,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversion: Option<ConversionTable>,
    pub missing: MissingRule,
    pub range: ScoreRange,
    pub higher_is_better: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bands: Vec<Band>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reliability: Option<Reliability>,
    /// The normative standard deviation for the standard error of measurement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub norm_sd: Option<Sourced>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clinical_cutoff: Option<ClinicalCutoff>,
    /// A published smallest change that matters (minimal clinically important difference).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meaningful_change: Option<Sourced>,
    /// Values deliberately left out because they could not be verified, with the reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub omitted: Vec<String>,
}

/// The identity of the scoring definition a score was computed with.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct InstrumentRef {
    pub id: String,
    pub version: String,
}

impl std::fmt::Display for InstrumentRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}|{}", self.id, self.version)
    }
}

/// Tolerance for comparing computed score bounds with declared ones.
pub(crate) const EPS: f64 = 1e-9;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= EPS * a.abs().max(b.abs()).max(1.0)
}

/// What is wrong with a definition. Each variant names the item, subscale or field.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DefinitionError {
    #[error("the definition is not valid JSON of the definition format: {0}")]
    Json(String),
    #[error("field `{field}`: {problem}")]
    Field { field: String, problem: String },
    #[error("item `{link_id}`: {problem}")]
    Item { link_id: String, problem: String },
    #[error("subscale `{id}`: {problem}")]
    Subscale { id: String, problem: String },
    #[error("declared score range {declared_min}–{declared_max} differs from the range the items give, {min}–{max}")]
    Range { declared_min: f64, declared_max: f64, min: f64, max: f64 },
}

impl DefinitionError {
    /// A stable message id for the translated error text (Fluent, in `sammen-i18n`).
    pub fn message_id(&self) -> &'static str {
        match self {
            DefinitionError::Json(_) => "err-instrument-definition-json",
            DefinitionError::Field { .. } => "err-instrument-definition-field",
            DefinitionError::Item { .. } => "err-instrument-definition-item",
            DefinitionError::Subscale { .. } => "err-instrument-definition-subscale",
            DefinitionError::Range { .. } => "err-instrument-definition-range",
        }
    }
}

fn field(field: &str, problem: impl Into<String>) -> DefinitionError {
    DefinitionError::Field { field: field.to_owned(), problem: problem.into() }
}

fn item_err(link_id: &str, problem: impl Into<String>) -> DefinitionError {
    DefinitionError::Item { link_id: link_id.to_owned(), problem: problem.into() }
}

/// A token usable as a FHIR `code` and `linkId`: non-empty, no whitespace, no `|`.
pub(crate) fn is_token(s: &str) -> bool {
    !s.is_empty() && s.len() <= 255 && !s.chars().any(|c| c.is_whitespace() || c == '|')
}

/// Parses and validates a definition.
pub fn parse_definition(json: &str) -> Result<Definition, DefinitionError> {
    let def: Definition = serde_json::from_str(json).map_err(|e| DefinitionError::Json(e.to_string()))?;
    def.validate()?;
    Ok(def)
}

impl Definition {
    pub fn instrument(&self) -> InstrumentRef {
        InstrumentRef { id: self.id.clone(), version: self.version.clone() }
    }

    pub fn item(&self, link_id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.link_id == link_id)
    }

    /// The CHIME domain an item counts towards: its own, else that of the first subscale
    /// that contains it and has one.
    pub fn item_domain(&self, link_id: &str) -> Option<ChimeDomain> {
        self.item(link_id)
            .and_then(|i| i.chime)
            .or_else(|| self.subscales.iter().find(|s| s.chime.is_some() && s.items.iter().any(|l| l == link_id)).and_then(|s| s.chime))
    }

    /// Whether any item text or option label is present.
    pub fn has_text(&self) -> bool {
        self.instructions.as_ref().is_some_and(|t| !t.is_empty())
            || self.items.iter().any(|i| {
                i.text.as_ref().is_some_and(|t| !t.is_empty())
                    || matches!(&i.response, ResponseScale::Choice { options } if options.iter().any(|o| o.label.is_some()))
            })
    }

    /// The same definition without any item text or option label.
    pub fn without_text(&self) -> Definition {
        let mut def = self.clone();
        def.text_source = None;
        def.instructions = None;
        for item in &mut def.items {
            item.text = None;
            if let ResponseScale::Choice { options } = &mut item.response {
                for o in options {
                    o.label = None;
                }
            }
        }
        def
    }

    /// The interval of the aggregated value (before conversion) for the given items.
    fn aggregated_bounds<'a>(items: impl Iterator<Item = &'a Item>, aggregation: Aggregation) -> (f64, f64) {
        let (mut lo, mut hi, mut n) = (0.0, 0.0, 0usize);
        for item in items {
            let (a, b) = item.bounds();
            lo += a;
            hi += b;
            n += 1;
        }
        let (a, b) = (aggregation.apply(lo, n), aggregation.apply(hi, n));
        (a.min(b), a.max(b))
    }

    /// The range of the total score implied by the items, the aggregation and the table.
    pub fn computed_range(&self) -> (f64, f64) {
        let (lo, hi) = Definition::aggregated_bounds(self.items.iter(), self.aggregation);
        match &self.conversion {
            Some(table) => {
                let (a, b) = (table.convert(lo).unwrap_or(lo), table.convert(hi).unwrap_or(hi));
                (a.min(b), a.max(b))
            }
            None => (lo, hi),
        }
    }

    /// The range of a subscale score.
    pub fn subscale_range(&self, subscale: &Subscale) -> (f64, f64) {
        let items = self.items.iter().filter(|i| subscale.items.contains(&i.link_id));
        Definition::aggregated_bounds(items, subscale.aggregation)
    }

    /// Checks everything the scoring and the FHIR mapping rely on.
    pub fn validate(&self) -> Result<(), DefinitionError> {
        if self.id.is_empty() || self.id.len() > 64 || !self.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
            return Err(field("id", "must be 1–64 lower-case letters, digits or hyphens"));
        }
        if !is_token(&self.version) {
            return Err(field("version", "must be non-empty, without spaces or `|`"));
        }
        if !self.title.both_present() {
            return Err(field("title", "needs both a Danish and an English title"));
        }
        if !self.validated {
            let da = self.title.da.as_deref().unwrap_or_default().to_lowercase();
            let en = self.title.en.as_deref().unwrap_or_default().to_lowercase();
            if !da.contains("ikke valideret") || !en.contains("not validated") {
                return Err(field(
                    "title",
                    "an instrument that is not validated must say so in its title (\"ikke valideret\" / \"not validated\")",
                ));
            }
        }
        if self.citations.is_empty() || self.citations.iter().any(|c| c.text.trim().is_empty()) {
            return Err(field("citations", "at least one source, none blank"));
        }
        if let Some(text) = &self.instructions
            && !text.no_blank()
        {
            return Err(field("instructions", "blank text"));
        }
        if self.licence.note.trim().is_empty() {
            return Err(field("licence.note", "must say who holds the rights"));
        }
        if !self.licence.text_shipped && self.text_source.is_none() && self.has_text() {
            return Err(field("items", "the licence does not allow shipping item text, yet the definition has some"));
        }
        self.validate_items()?;
        self.validate_subscales()?;
        if let Some(f) = self.aggregation.factor()
            && !(f.is_finite() && f > 0.0)
        {
            return Err(field("aggregation.factor", "must be a positive number"));
        }
        if let Some(table) = &self.conversion {
            self.validate_table(table)?;
        }
        let share = self.missing.min_answered_share;
        if !(share > 0.0 && share <= 1.0) {
            return Err(field("missing.min_answered_share", "must be greater than 0 and at most 1"));
        }
        let (min, max) = self.computed_range();
        if !close(min, self.range.min) || !close(max, self.range.max) {
            return Err(DefinitionError::Range { declared_min: self.range.min, declared_max: self.range.max, min, max });
        }
        self.validate_interpretation()
    }

    fn validate_items(&self) -> Result<(), DefinitionError> {
        if self.items.is_empty() {
            return Err(field("items", "an instrument needs at least one item"));
        }
        let mut seen = std::collections::BTreeSet::new();
        for item in &self.items {
            let id = &item.link_id;
            if !is_token(id) {
                return Err(item_err(id, "linkId must be non-empty, without spaces or `|`"));
            }
            if !seen.insert(id.as_str()) {
                return Err(item_err(id, "linkId appears twice"));
            }
            if id == INSTRUCTIONS {
                return Err(item_err(id, "linkId `instructions` is reserved for the instructions"));
            }
            if let Some(text) = &item.text
                && !text.no_blank()
            {
                return Err(item_err(id, "blank item text"));
            }
            match &item.response {
                ResponseScale::Choice { options } => {
                    if options.len() < 2 {
                        return Err(item_err(id, "a choice item needs at least two options"));
                    }
                    let mut codes = std::collections::BTreeSet::new();
                    for o in options {
                        if !is_token(&o.code) {
                            return Err(item_err(id, format!("option code `{}` must be non-empty, without spaces or `|`", o.code)));
                        }
                        if !codes.insert(o.code.as_str()) {
                            return Err(item_err(id, format!("option code `{}` appears twice", o.code)));
                        }
                        if !o.weight.is_finite() {
                            return Err(item_err(id, format!("option `{}` has no finite weight", o.code)));
                        }
                        if let Some(label) = &o.label
                            && !label.no_blank()
                        {
                            return Err(item_err(id, format!("option `{}` has a blank label", o.code)));
                        }
                    }
                    let (lo, hi) = item.bounds();
                    if lo >= hi {
                        return Err(item_err(id, "the options' weights must not all be equal"));
                    }
                }
                ResponseScale::Numeric { min, max, .. } => {
                    if !(min.is_finite() && max.is_finite() && min < max) {
                        return Err(item_err(id, "a numeric item needs finite min < max"));
                    }
                }
            }
        }
        Ok(())
    }

    fn validate_subscales(&self) -> Result<(), DefinitionError> {
        let mut seen = std::collections::BTreeSet::new();
        for s in &self.subscales {
            let err = |problem: &str| DefinitionError::Subscale { id: s.id.clone(), problem: problem.to_owned() };
            if !is_token(&s.id) || s.id == TOTAL {
                return Err(err("id must be a token other than `total`"));
            }
            if !seen.insert(s.id.as_str()) {
                return Err(err("id appears twice"));
            }
            if !s.title.both_present() {
                return Err(err("needs both a Danish and an English title"));
            }
            if s.items.is_empty() {
                return Err(err("needs at least one item"));
            }
            let mut items = std::collections::BTreeSet::new();
            for l in &s.items {
                if self.item(l).is_none() {
                    return Err(DefinitionError::Subscale { id: s.id.clone(), problem: format!("names unknown item `{l}`") });
                }
                if !items.insert(l) {
                    return Err(DefinitionError::Subscale { id: s.id.clone(), problem: format!("lists item `{l}` twice") });
                }
            }
            if let Some(f) = s.aggregation.factor()
                && !(f.is_finite() && f > 0.0)
            {
                return Err(err("aggregation factor must be a positive number"));
            }
        }
        Ok(())
    }

    fn validate_table(&self, table: &ConversionTable) -> Result<(), DefinitionError> {
        if table.rows.len() < 2 || table.source.trim().is_empty() {
            return Err(field("conversion", "needs a source and at least two rows"));
        }
        if table.rows.iter().any(|r| !(r.raw.is_finite() && r.converted.is_finite())) {
            return Err(field("conversion", "every row needs finite numbers"));
        }
        if table.rows.windows(2).any(|w| w[1].raw <= w[0].raw) {
            return Err(field("conversion", "raw values must increase strictly from row to row"));
        }
        let rising = table.rows.windows(2).all(|w| w[1].converted >= w[0].converted);
        let falling = table.rows.windows(2).all(|w| w[1].converted <= w[0].converted);
        if !(rising || falling) {
            return Err(field("conversion", "converted values must be monotone"));
        }
        let (lo, hi) = Definition::aggregated_bounds(self.items.iter(), self.aggregation);
        let (first, last) = (table.rows[0].raw, table.rows[table.rows.len() - 1].raw);
        if !close(first, lo) || !close(last, hi) {
            return Err(field("conversion", format!("must cover exactly the aggregated range {lo}–{hi}, not {first}–{last}")));
        }
        Ok(())
    }

    fn validate_interpretation(&self) -> Result<(), DefinitionError> {
        let (min, max) = (self.range.min, self.range.max);
        let mut codes = std::collections::BTreeSet::new();
        let mut previous: Option<f64> = None;
        for (i, band) in self.bands.iter().enumerate() {
            let last = i + 1 == self.bands.len();
            if !is_token(&band.code) || !codes.insert(band.code.as_str()) {
                return Err(field("bands", format!("band code `{}` must be a unique token", band.code)));
            }
            if !band.label.both_present() {
                return Err(field("bands", format!("band `{}` needs a Danish and an English label", band.code)));
            }
            match (band.upper, last) {
                (None, true) => {}
                (None, false) => return Err(field("bands", "only the last band may be open above")),
                (Some(_), true) => return Err(field("bands", "the last band must be open above")),
                (Some(b), false) => {
                    if !((min..=max).contains(&b.value)) || previous.is_some_and(|p| b.value <= p) {
                        return Err(field("bands", format!("band `{}`: upper bounds must rise within the score range", band.code)));
                    }
                    previous = Some(b.value);
                }
            }
        }
        if let Some(r) = &self.reliability
            && !(r.coefficient > 0.0 && r.coefficient < 1.0 && !r.source.trim().is_empty())
        {
            return Err(field("reliability", "coefficient must lie strictly between 0 and 1, with a source"));
        }
        for (name, value) in [("norm_sd", &self.norm_sd), ("meaningful_change", &self.meaningful_change)] {
            if let Some(v) = value
                && !(v.value.is_finite() && v.value > 0.0 && !v.source.trim().is_empty())
            {
                return Err(field(name, "must be a positive number with a source"));
            }
        }
        if let Some(c) = &self.clinical_cutoff
            && (!(min..=max).contains(&c.value) || c.source.trim().is_empty())
        {
            return Err(field("clinical_cutoff", "must lie within the score range, with a source"));
        }
        Ok(())
    }

    /// The band a score falls in.
    pub fn band(&self, score: f64) -> Option<&Band> {
        self.bands.iter().find(|b| b.upper.is_none_or(|u| u.admits(score)))
    }
}

/// The scale id the total score goes by, next to subscale ids.
pub const TOTAL: &str = "total";

/// The `linkId` of the display item that carries the instructions in FHIR.
pub const INSTRUCTIONS: &str = "instructions";
