//! Answers → `QuestionnaireResponse` (with derived scores as extensions), and back.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::{EXT_SCORE, FhirError, FhirOptions, R4Issue, num, parse_resource, validate_r4};
use crate::model::{Definition, ResponseScale, TOTAL};
use crate::scoring::{AnswerValue, Answers, ScoreResult, item_scores};

/// Whether the person has finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ResponseStatus {
    InProgress,
    Completed,
}

impl ResponseStatus {
    pub fn code(self) -> &'static str {
        match self {
            ResponseStatus::InProgress => "in-progress",
            ResponseStatus::Completed => "completed",
        }
    }
}

/// Answers read back from a QuestionnaireResponse.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedResponse {
    pub answers: Answers,
    pub status: ResponseStatus,
    pub authored: Option<String>,
}

fn score_extension(scale: &str, score: f64, raw: Option<f64>, prorated: bool, answered: usize, band: Option<&str>) -> Value {
    let mut parts = vec![json!({"url": "scale", "valueString": scale}), json!({"url": "score", "valueDecimal": num(score)})];
    if let Some(raw) = raw {
        parts.push(json!({"url": "raw", "valueDecimal": num(raw)}));
    }
    parts.push(json!({"url": "prorated", "valueBoolean": prorated}));
    parts.push(json!({"url": "answered", "valueInteger": answered}));
    if let Some(band) = band {
        parts.push(json!({"url": "band", "valueCode": band}));
    }
    json!({"url": EXT_SCORE, "extension": parts})
}

/// Exports answers as a FHIR R4 `QuestionnaireResponse` pointing at the definition's
/// Questionnaire by canonical URL and version (`url|version`).
///
/// Choice answers are `valueCoding` with the option code, numeric answers `valueDecimal`.
/// With a `score` (computed with the same definition and version), the total and every
/// scored subscale travel along as `urn:sammen:fhir:extension:score` extensions. `authored`
/// is an R4 dateTime, passed in because this crate does not read the clock.
pub fn questionnaire_response(
    def: &Definition,
    answers: &Answers,
    status: ResponseStatus,
    score: Option<&ScoreResult>,
    authored: Option<&str>,
    opts: &FhirOptions,
) -> Result<Value, FhirError> {
    item_scores(def, answers)?;
    let mut r = Map::new();
    r.insert("resourceType".into(), json!("QuestionnaireResponse"));
    r.insert("questionnaire".into(), json!(opts.versioned(&def.instrument())));
    r.insert("status".into(), json!(status.code()));
    if let Some(authored) = authored {
        r.insert("authored".into(), json!(authored));
    }
    if let Some(score) = score {
        if score.instrument != def.instrument() {
            return Err(FhirError::VersionMismatch {
                id: score.instrument.id.clone(),
                expected: def.version.clone(),
                found: score.instrument.version.clone(),
            });
        }
        let mut extensions =
            vec![score_extension(TOTAL, score.score, Some(score.raw), score.prorated, score.answered, score.band.as_deref())];
        for s in &score.subscales {
            if let Some(value) = s.score {
                extensions.push(score_extension(&s.id, value, s.raw, s.prorated, s.answered, None));
            }
        }
        r.insert("extension".into(), Value::Array(extensions));
    }
    let items: Vec<Value> = def
        .items
        .iter()
        .filter_map(|item| {
            let value = answers.get(&item.link_id)?;
            let answer = match value {
                AnswerValue::Code(code) => json!({"valueCoding": {"code": code}}),
                AnswerValue::Number(x) => json!({"valueDecimal": num(*x)}),
            };
            Some(json!({"linkId": item.link_id, "answer": [answer]}))
        })
        .collect();
    if !items.is_empty() {
        r.insert("item".into(), Value::Array(items));
    }
    let value = Value::Object(r);
    let issues: Vec<R4Issue> = validate_r4(&value);
    if !issues.is_empty() {
        return Err(FhirError::InvalidR4(issues));
    }
    Ok(value)
}

/// Imports a FHIR R4 `QuestionnaireResponse` given with `def` back into answers. The
/// response must point at the definition's Questionnaire and version (`url|version`), or,
/// for a definition an organisation has bound its text to, at the organisation's own
/// Questionnaire as recorded in `text_source`. Every answer is checked against the definition; derived
/// score extensions are ignored, because scores are always recomputed from the definition.
pub fn import_response(def: &Definition, json: &str, opts: &FhirOptions) -> Result<ImportedResponse, FhirError> {
    let value = parse_resource(json, "QuestionnaireResponse")?;
    let Some(r) = value.as_object() else { return Err(FhirError::Json("not an object".into())) };
    let expected_url = opts.canonical(&def.id);
    let questionnaire = r.get("questionnaire").and_then(Value::as_str).unwrap_or("nothing");
    let (url, version) = match questionnaire.split_once('|') {
        Some((u, v)) => (u, Some(v)),
        None => (questionnaire, None),
    };
    // A response to the organisation's own bound Questionnaire (its url|version) counts as a
    // response to the definition the text was bound to.
    let to_bound_text = def.text_source.as_deref().is_some_and(|ts| ts == questionnaire || (!ts.contains('|') && ts == url));
    if !to_bound_text && url != expected_url {
        return Err(FhirError::WrongQuestionnaire { expected: opts.versioned(&def.instrument()), found: questionnaire.to_owned() });
    }
    if !to_bound_text && version != Some(def.version.as_str()) {
        return Err(FhirError::VersionMismatch {
            id: def.id.clone(),
            expected: def.version.clone(),
            found: version.unwrap_or("(none)").to_owned(),
        });
    }
    let status = match r.get("status").and_then(Value::as_str) {
        Some("in-progress") => ResponseStatus::InProgress,
        Some("completed") => ResponseStatus::Completed,
        other => return Err(FhirError::UnsupportedStatus(other.unwrap_or_default().to_owned())),
    };
    let mut answers = Answers::new();
    read_items(def, r.get("item"), &mut answers)?;
    item_scores(def, &answers)?;
    Ok(ImportedResponse { answers, status, authored: r.get("authored").and_then(Value::as_str).map(str::to_owned) })
}

fn read_items(def: &Definition, list: Option<&Value>, answers: &mut Answers) -> Result<(), FhirError> {
    for item in list.and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_object) {
        let link_id = item.get("linkId").and_then(Value::as_str).unwrap_or_default().to_owned();
        let problem = |p: &str| FhirError::Answer { link_id: link_id.clone(), problem: p.to_owned() };
        read_items(def, item.get("item"), answers)?;
        let given: Vec<&Map<String, Value>> =
            item.get("answer").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_object).collect();
        if given.is_empty() {
            continue;
        }
        if given.len() > 1 {
            return Err(problem("more than one answer; each item takes one"));
        }
        if given[0].contains_key("item") {
            return Err(problem("items nested under an answer are not part of any instrument"));
        }
        let numeric = matches!(def.item(&link_id).map(|i| &i.response), Some(ResponseScale::Numeric { .. }));
        let value = if let Some(code) = given[0].get("valueCoding").and_then(|c| c.get("code")).and_then(Value::as_str) {
            AnswerValue::Code(code.to_owned())
        } else if let Some(x) = given[0].get("valueDecimal").or_else(|| given[0].get("valueInteger")).and_then(Value::as_f64) {
            AnswerValue::Number(x)
        } else {
            return Err(problem(if numeric { "expected valueDecimal" } else { "expected valueCoding with a code" }));
        };
        if answers.insert(link_id.clone(), value).is_some() {
            return Err(problem("answered twice"));
        }
    }
    Ok(())
}
