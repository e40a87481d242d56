//! HL7 FHIR R4: instruments as `Questionnaire`, answers as `QuestionnaireResponse`, and a
//! structural R4 validator for both (`docs/instruments.md`, "FHIR mapping").

mod questionnaire;
mod r4;
mod response;

use serde_json::{Map, Value, json};

pub use questionnaire::{Mismatch, bind_questionnaire, questionnaire};
pub use r4::{R4Issue, validate_r4};
pub use response::{ImportedResponse, ResponseStatus, import_response, questionnaire_response};

use crate::model::{InstrumentRef, Lang, Text};

/// HL7's extension for the numeric value of a coded answer (R4: context Coding).
pub const EXT_ORDINAL_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
/// Older names of the same extension, accepted on import.
pub const EXT_ORDINAL_VALUE_OLD: [&str; 2] =
    ["http://hl7.org/fhir/StructureDefinition/questionnaire-ordinalValue", "http://hl7.org/fhir/StructureDefinition/iso21090-CO-value"];
/// HL7's translation extension (sub-extensions `lang` and `content`) on a string's `_element`.
pub const EXT_TRANSLATION: &str = "http://hl7.org/fhir/StructureDefinition/translation";
pub const EXT_MIN_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/minValue";
pub const EXT_MAX_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/maxValue";
pub const EXT_MAX_DECIMAL_PLACES: &str = "http://hl7.org/fhir/StructureDefinition/maxDecimalPlaces";
/// Sammen's extensions. URNs, so that they claim no web address; change them here only.
pub const EXT_REVERSE_SCORED: &str = "urn:sammen:fhir:extension:reverse-scored";
pub const EXT_CHIME_DOMAIN: &str = "urn:sammen:fhir:extension:chime-domain";
pub const EXT_VALIDATED: &str = "urn:sammen:fhir:extension:validated";
/// A derived score on a QuestionnaireResponse (complex: scale, score, raw, prorated,
/// answered, band).
pub const EXT_SCORE: &str = "urn:sammen:fhir:extension:score";

/// Settings of the FHIR mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FhirOptions {
    /// Prefix of a Questionnaire's canonical URL; the definition id is appended.
    pub canonical_base: String,
}

impl Default for FhirOptions {
    fn default() -> Self {
        FhirOptions { canonical_base: "urn:sammen:questionnaire:".to_owned() }
    }
}

impl FhirOptions {
    /// The canonical URL of the Questionnaire of a definition (without the version).
    pub fn canonical(&self, id: &str) -> String {
        format!("{}{id}", self.canonical_base)
    }

    /// `url|version`, as QuestionnaireResponse.questionnaire refers to it.
    pub fn versioned(&self, instrument: &InstrumentRef) -> String {
        format!("{}|{}", self.canonical(&instrument.id), instrument.version)
    }
}

/// What is wrong with a FHIR document. Each variant that concerns an item names it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FhirError {
    #[error("the file is not valid JSON: {0}")]
    Json(String),
    #[error("expected a {expected}, found {found}")]
    WrongResourceType { expected: &'static str, found: String },
    #[error("not a valid FHIR R4 resource: {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    InvalidR4(Vec<R4Issue>),
    #[error("language `{0}` is not Danish or English")]
    UnsupportedLanguage(String),
    #[error("the Questionnaire does not fit {instrument}: {}", .mismatches.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    DoesNotFit { instrument: InstrumentRef, mismatches: Vec<Mismatch> },
    #[error("the response is for `{found}`, not for {expected}")]
    WrongQuestionnaire { expected: String, found: String },
    #[error("the response was given with {id} version {found}; this definition is version {expected}")]
    VersionMismatch { id: String, expected: String, found: String },
    #[error("response status `{0}` cannot be imported (only in-progress and completed)")]
    UnsupportedStatus(String),
    #[error("item `{link_id}`: {problem}")]
    Answer { link_id: String, problem: String },
    #[error(transparent)]
    Score(#[from] crate::scoring::ScoreError),
}

impl FhirError {
    /// A stable message id for the translated error text (Fluent, in `sammen-i18n`).
    pub fn message_id(&self) -> &'static str {
        match self {
            FhirError::Json(_) => "err-fhir-json",
            FhirError::WrongResourceType { .. } => "err-fhir-resource-type",
            FhirError::InvalidR4(_) => "err-fhir-invalid",
            FhirError::UnsupportedLanguage(_) => "err-fhir-language",
            FhirError::DoesNotFit { .. } => "err-fhir-does-not-fit",
            FhirError::WrongQuestionnaire { .. } => "err-fhir-wrong-questionnaire",
            FhirError::VersionMismatch { .. } => "err-instrument-version-mismatch",
            FhirError::UnsupportedStatus(_) => "err-fhir-status",
            FhirError::Answer { .. } => "err-fhir-answer",
            FhirError::Score(e) => e.message_id(),
        }
    }
}

/// Parses JSON, checks the resource type and validates it as R4.
fn parse_resource(json: &str, expected: &'static str) -> Result<Value, FhirError> {
    let value: Value = serde_json::from_str(json).map_err(|e| FhirError::Json(e.to_string()))?;
    let found = value.get("resourceType").and_then(Value::as_str).unwrap_or("nothing");
    if found != expected {
        return Err(FhirError::WrongResourceType { expected, found: found.to_owned() });
    }
    let issues: Vec<R4Issue> = validate_r4(&value).into_iter().filter(|i| !i.message.contains("(warning)")).collect();
    if !issues.is_empty() {
        return Err(FhirError::InvalidR4(issues));
    }
    Ok(value)
}

/// A JSON number: an integer when the value is whole (so `4`, not `4.0`).
fn num(x: f64) -> Value {
    if x.fract() == 0.0 && x.abs() < 9.0e15 { json!(x as i64) } else { json!(x) }
}

/// The primary language of exported documents: Danish, unless there is no Danish at all.
fn primary_lang(texts: &[&Text]) -> Lang {
    if texts.iter().any(|t| t.da.is_some()) || texts.iter().all(|t| t.is_empty()) { Lang::Da } else { Lang::En }
}

/// Puts a text on `obj[key]` in the primary language, with the other language as a
/// translation extension on `obj["_" + key]`. A text that lacks the primary language is
/// given only as a translation, so that it is not read back as the wrong language.
fn put_text(obj: &mut Map<String, Value>, key: &str, text: &Text, primary: Lang) {
    let (main, other, other_lang) = match primary {
        Lang::Da => (&text.da, &text.en, Lang::En),
        Lang::En => (&text.en, &text.da, Lang::Da),
    };
    if let Some(m) = main {
        obj.insert(key.to_owned(), json!(m));
    }
    if let Some(o) = other {
        obj.insert(
            format!("_{key}"),
            json!({"extension": [{"url": EXT_TRANSLATION, "extension": [
                {"url": "lang", "valueCode": other_lang.code()},
                {"url": "content", "valueString": o}
            ]}]}),
        );
    }
}

/// Reads `obj[key]` (in `primary`) and its translations back into a [`Text`].
fn get_text(obj: &Map<String, Value>, key: &str, primary: Lang) -> Option<Text> {
    let mut text = Text::default();
    let mut set = |lang: Lang, s: &str| match lang {
        Lang::Da => text.da = Some(s.to_owned()),
        Lang::En => text.en = Some(s.to_owned()),
    };
    if let Some(s) = obj.get(key).and_then(Value::as_str) {
        set(primary, s);
    }
    let translations = obj.get(&format!("_{key}")).and_then(|e| e.get("extension")).and_then(Value::as_array);
    for ext in translations.into_iter().flatten().filter(|e| e.get("url").and_then(Value::as_str) == Some(EXT_TRANSLATION)) {
        let parts = ext.get("extension").and_then(Value::as_array);
        let part = |name: &str| {
            parts.into_iter().flatten().find(|p| p.get("url").and_then(Value::as_str) == Some(name)).and_then(|p| p.as_object()).cloned()
        };
        let lang = part("lang").and_then(|p| p.get("valueCode").and_then(Value::as_str).and_then(lang_of));
        let content = part("content").and_then(|p| p.get("valueString").and_then(Value::as_str).map(str::to_owned));
        if let (Some(lang), Some(content)) = (lang, content)
            && lang != primary
        {
            set(lang, &content);
        }
    }
    (!text.is_empty()).then_some(text)
}

/// Danish or English from a BCP-47 tag (`da`, `da-DK`, `en-GB` …).
fn lang_of(tag: &str) -> Option<Lang> {
    let main = tag.split('-').next().unwrap_or_default().to_ascii_lowercase();
    match main.as_str() {
        "da" => Some(Lang::Da),
        "en" => Some(Lang::En),
        _ => None,
    }
}

/// The extension with `url` in an element's `extension` array.
fn extension<'a>(obj: &'a Map<String, Value>, url: &str) -> Option<&'a Map<String, Value>> {
    obj.get("extension")?.as_array()?.iter().filter_map(Value::as_object).find(|e| e.get("url").and_then(Value::as_str) == Some(url))
}
