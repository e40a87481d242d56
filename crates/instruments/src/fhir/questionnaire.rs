//! Definition → `Questionnaire`, and an organisation's `Questionnaire` → item text bound to a
//! shipped definition.

use serde_json::{Map, Value, json};

use super::{
    EXT_CHIME_DOMAIN, EXT_MAX_DECIMAL_PLACES, EXT_MAX_VALUE, EXT_MIN_VALUE, EXT_ORDINAL_VALUE, EXT_ORDINAL_VALUE_OLD, EXT_REVERSE_SCORED,
    EXT_VALIDATED, FhirError, FhirOptions, extension, get_text, lang_of, num, parse_resource, primary_lang, put_text,
};
use crate::chime::ChimeDomain;
use crate::model::{Definition, INSTRUCTIONS, Item, Lang, ResponseScale, Text};

/// The Questionnaire `name`: the id in capitals, hyphens as underscores (`who-5` → `WHO_5`),
/// which satisfies que-0 ([A-Z][A-Za-z0-9_]*) for every valid id that starts with a letter.
fn fhir_name(id: &str) -> String {
    let name: String = id.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '_' }).collect();
    if name.starts_with(|c: char| c.is_ascii_uppercase()) { name } else { format!("I_{name}") }
}

fn all_texts(def: &Definition) -> Vec<&Text> {
    let mut texts: Vec<&Text> = def.instructions.iter().collect();
    for item in &def.items {
        texts.extend(item.text.iter());
        if let ResponseScale::Choice { options } = &item.response {
            texts.extend(options.iter().filter_map(|o| o.label.as_ref()));
        }
    }
    texts
}

/// Exports a definition as a FHIR R4 `Questionnaire`.
///
/// Item text and option labels are included when the definition has them (the CHIME
/// check-in, or a definition an organisation has bound its licensed text to); otherwise the
/// Questionnaire carries structure only. Texts are in Danish, with English as HL7
/// translation extensions. Each option's weight is its `ordinalValue`; reverse scoring and
/// CHIME domains are Sammen extensions.
pub fn questionnaire(def: &Definition, opts: &FhirOptions) -> Value {
    let lang = primary_lang(&all_texts(def));
    let mut q = Map::new();
    q.insert("resourceType".into(), json!("Questionnaire"));
    q.insert("id".into(), json!(def.id));
    q.insert("url".into(), json!(opts.canonical(&def.id)));
    q.insert("version".into(), json!(def.version));
    q.insert("name".into(), json!(fhir_name(&def.id)));
    put_text(&mut q, "title", &def.title, lang);
    q.insert("status".into(), json!("active"));
    q.insert("language".into(), json!(lang.code()));
    let sources: Vec<String> = def
        .citations
        .iter()
        .map(|c| match (&c.doi, &c.url) {
            (Some(doi), _) => format!("- {} doi:{doi}", c.text),
            (None, Some(url)) => format!("- {} <{url}>", c.text),
            (None, None) => format!("- {}", c.text),
        })
        .collect();
    q.insert("description".into(), json!(format!("Sources:\n\n{}", sources.join("\n"))));
    q.insert("copyright".into(), json!(def.licence.note));
    q.insert("extension".into(), json!([{"url": EXT_VALIDATED, "valueBoolean": def.validated}]));

    let mut items = Vec::new();
    if let Some(instructions) = &def.instructions {
        let mut display = Map::new();
        display.insert("linkId".into(), json!(INSTRUCTIONS));
        display.insert("type".into(), json!("display"));
        put_text(&mut display, "text", instructions, lang);
        items.push(Value::Object(display));
    }
    let required = def.missing.min_answered_share >= 1.0;
    items.extend(def.items.iter().map(|item| Value::Object(export_item(item, required, lang))));
    q.insert("item".into(), Value::Array(items));
    Value::Object(q)
}

fn export_item(item: &Item, required: bool, lang: Lang) -> Map<String, Value> {
    let mut out = Map::new();
    out.insert("linkId".into(), json!(item.link_id));
    if let Some(text) = &item.text {
        put_text(&mut out, "text", text, lang);
    }
    let mut extensions = Vec::new();
    if item.reverse {
        extensions.push(json!({"url": EXT_REVERSE_SCORED, "valueBoolean": true}));
    }
    if let Some(domain) = item.chime {
        extensions.push(json!({"url": EXT_CHIME_DOMAIN, "valueCode": domain.code()}));
    }
    match &item.response {
        ResponseScale::Choice { options } => {
            out.insert("type".into(), json!("choice"));
            let options: Vec<Value> = options
                .iter()
                .map(|o| {
                    let mut coding = Map::new();
                    coding.insert("code".into(), json!(o.code));
                    if let Some(label) = &o.label {
                        put_text(&mut coding, "display", label, lang);
                    }
                    coding.insert("extension".into(), json!([{"url": EXT_ORDINAL_VALUE, "valueDecimal": num(o.weight)}]));
                    json!({"valueCoding": coding})
                })
                .collect();
            out.insert("answerOption".into(), Value::Array(options));
        }
        ResponseScale::Numeric { min, max, decimals } => {
            out.insert("type".into(), json!("decimal"));
            extensions.push(json!({"url": EXT_MIN_VALUE, "valueDecimal": num(*min)}));
            extensions.push(json!({"url": EXT_MAX_VALUE, "valueDecimal": num(*max)}));
            extensions.push(json!({"url": EXT_MAX_DECIMAL_PLACES, "valueInteger": decimals}));
        }
    }
    if required {
        out.insert("required".into(), json!(true));
    }
    if !extensions.is_empty() {
        out.insert("extension".into(), Value::Array(extensions));
    }
    out
}

/// Why an organisation's Questionnaire does not fit a definition. Each names the item.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Mismatch {
    #[error("item `{link_id}` is missing")]
    MissingItem { link_id: String },
    #[error("item `{link_id}` is not part of the instrument")]
    ExtraItem { link_id: String },
    #[error("item `{link_id}` has type `{found}`, expected `{expected}`")]
    WrongType { link_id: String, expected: &'static str, found: String },
    #[error("item `{link_id}` allows repeated answers; the instrument takes one answer per item")]
    Repeats { link_id: String },
    #[error("item `{link_id}` must list its options as answerOption.valueCoding")]
    OptionsNotCoded { link_id: String },
    #[error("item `{link_id}` lacks option `{code}`")]
    MissingOption { link_id: String, code: String },
    #[error("item `{link_id}` has option `{code}`, which the instrument does not have")]
    ExtraOption { link_id: String, code: String },
    #[error("item `{link_id}`, option `{code}`: weight (ordinalValue) {found}, expected {expected}")]
    WeightMismatch { link_id: String, code: String, expected: f64, found: f64 },
    #[error("item `{link_id}`: {which} {found}, expected {expected}")]
    BoundsMismatch { link_id: String, which: &'static str, expected: f64, found: f64 },
    #[error("item `{link_id}`: reverse scoring is {found}, expected {expected}")]
    ReverseMismatch { link_id: String, expected: bool, found: bool },
    #[error("item `{link_id}`: CHIME domain `{found}` does not match the definition")]
    ChimeMismatch { link_id: String, found: String },
    #[error("the bound definition is not valid: {0}")]
    Definition(String),
}

/// The item text found in an organisation's file for one item.
struct Found {
    text: Option<Text>,
    labels: Vec<(String, Option<Text>)>,
}

/// Binds the item text of an organisation's licensed FHIR R4 Questionnaire to a shipped
/// definition, by item `linkId`.
///
/// The file must be a valid R4 Questionnaire whose question items are exactly the
/// definition's items (groups are looked into; display items are ignored, except one with
/// linkId `instructions`), with the same types and, for choice items, exactly the same
/// option codes, listed as `answerOption.valueCoding`. Where the file gives an option an
/// `ordinalValue`, it must equal the definition's weight; where it gives min/max values or
/// Sammen's reverse-scoring or CHIME extensions, they must agree too. Anything else is
/// refused with every mismatch listed, each naming its item. The result is the definition
/// with the file's texts; its id, version and scoring are unchanged.
pub fn bind_questionnaire(def: &Definition, json: &str) -> Result<Definition, FhirError> {
    let value = parse_resource(json, "Questionnaire")?;
    let Some(q) = value.as_object() else { return Err(FhirError::Json("not an object".into())) };
    let lang = match q.get("language").and_then(Value::as_str) {
        None => Lang::Da,
        Some(tag) => lang_of(tag).ok_or_else(|| FhirError::UnsupportedLanguage(tag.to_owned()))?,
    };

    let mut questions: Vec<&Map<String, Value>> = Vec::new();
    let mut instructions = None;
    collect(q.get("item"), &mut questions, &mut instructions, lang);

    let mut mismatches = Vec::new();
    let mut found: Vec<(String, Found)> = Vec::new();
    for item in &questions {
        let link_id = item.get("linkId").and_then(Value::as_str).unwrap_or_default();
        match def.item(link_id) {
            None => mismatches.push(Mismatch::ExtraItem { link_id: link_id.to_owned() }),
            Some(expected) => found.push((link_id.to_owned(), check_item(expected, item, lang, &mut mismatches))),
        }
    }
    for item in &def.items {
        if !found.iter().any(|(l, _)| *l == item.link_id) {
            mismatches.push(Mismatch::MissingItem { link_id: item.link_id.clone() });
        }
    }
    if !mismatches.is_empty() {
        return Err(FhirError::DoesNotFit { instrument: def.instrument(), mismatches });
    }

    let mut bound = def.without_text();
    bound.instructions = instructions;
    for item in &mut bound.items {
        let Some((_, f)) = found.iter().find(|(l, _)| *l == item.link_id) else { continue };
        item.text = f.text.clone();
        if let ResponseScale::Choice { options } = &mut item.response {
            for o in options {
                o.label = f.labels.iter().find(|(c, _)| *c == o.code).and_then(|(_, l)| l.clone());
            }
        }
    }
    let url = q.get("url").and_then(Value::as_str).unwrap_or("(no url)");
    bound.text_source = Some(match q.get("version").and_then(Value::as_str) {
        Some(v) => format!("{url}|{v}"),
        None => url.to_owned(),
    });
    bound
        .validate()
        .map_err(|e| FhirError::DoesNotFit { instrument: def.instrument(), mismatches: vec![Mismatch::Definition(e.to_string())] })?;
    Ok(bound)
}

fn collect<'a>(list: Option<&'a Value>, questions: &mut Vec<&'a Map<String, Value>>, instructions: &mut Option<Text>, lang: Lang) {
    for item in list.and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_object) {
        match item.get("type").and_then(Value::as_str) {
            Some("group") => collect(item.get("item"), questions, instructions, lang),
            Some("display") => {
                if item.get("linkId").and_then(Value::as_str) == Some(INSTRUCTIONS) {
                    *instructions = get_text(item, "text", lang);
                }
            }
            _ => {
                questions.push(item);
                // Questions may carry nested questions in R4; they are items too.
                collect(item.get("item"), questions, instructions, lang);
            }
        }
    }
}

fn number(ext: &Map<String, Value>) -> Option<f64> {
    ext.get("valueDecimal").or_else(|| ext.get("valueInteger")).and_then(Value::as_f64)
}

/// The option's ordinal value, on the coding (R4) or on the answerOption, under the current
/// or an older extension URL.
fn ordinal(option: &Map<String, Value>, coding: &Map<String, Value>) -> Option<f64> {
    let urls = [EXT_ORDINAL_VALUE, EXT_ORDINAL_VALUE_OLD[0], EXT_ORDINAL_VALUE_OLD[1]];
    [coding, option].into_iter().find_map(|element| urls.iter().find_map(|u| extension(element, u))).and_then(number)
}

fn check_item(expected: &Item, item: &Map<String, Value>, lang: Lang, out: &mut Vec<Mismatch>) -> Found {
    let link_id = expected.link_id.clone();
    let ty = item.get("type").and_then(Value::as_str).unwrap_or_default();
    if item.get("repeats").and_then(Value::as_bool) == Some(true) {
        out.push(Mismatch::Repeats { link_id: link_id.clone() });
    }
    if let Some(reverse) = extension(item, EXT_REVERSE_SCORED).and_then(|e| e.get("valueBoolean")).and_then(Value::as_bool)
        && reverse != expected.reverse
    {
        out.push(Mismatch::ReverseMismatch { link_id: link_id.clone(), expected: expected.reverse, found: reverse });
    }
    if let Some(code) = extension(item, EXT_CHIME_DOMAIN).and_then(|e| e.get("valueCode")).and_then(Value::as_str)
        && ChimeDomain::from_code(code) != expected.chime
    {
        out.push(Mismatch::ChimeMismatch { link_id: link_id.clone(), found: code.to_owned() });
    }
    let mut labels = Vec::new();
    match &expected.response {
        ResponseScale::Choice { options } => {
            if ty != "choice" {
                out.push(Mismatch::WrongType { link_id: link_id.clone(), expected: "choice", found: ty.to_owned() });
            }
            let file_options: Vec<&Map<String, Value>> =
                item.get("answerOption").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_object).collect();
            if ty == "choice" && (file_options.is_empty() || file_options.iter().any(|o| !o.contains_key("valueCoding"))) {
                out.push(Mismatch::OptionsNotCoded { link_id: link_id.clone() });
            }
            for option in &file_options {
                let Some(coding) = option.get("valueCoding").and_then(Value::as_object) else { continue };
                let code = coding.get("code").and_then(Value::as_str).unwrap_or_default().to_owned();
                match options.iter().find(|o| o.code == code) {
                    None => out.push(Mismatch::ExtraOption { link_id: link_id.clone(), code }),
                    Some(o) => {
                        if let Some(w) = ordinal(option, coding)
                            && (w - o.weight).abs() > 1e-9
                        {
                            out.push(Mismatch::WeightMismatch {
                                link_id: link_id.clone(),
                                code: code.clone(),
                                expected: o.weight,
                                found: w,
                            });
                        }
                        labels.push((code, get_text(coding, "display", lang)));
                    }
                }
            }
            for o in options {
                let present = file_options
                    .iter()
                    .any(|f| f.get("valueCoding").and_then(|c| c.get("code")).and_then(Value::as_str) == Some(o.code.as_str()));
                if !present && !file_options.is_empty() {
                    out.push(Mismatch::MissingOption { link_id: link_id.clone(), code: o.code.clone() });
                }
            }
        }
        ResponseScale::Numeric { min, max, decimals } => {
            let fits = ty == "decimal" || (ty == "integer" && *decimals == 0);
            if !fits {
                out.push(Mismatch::WrongType { link_id: link_id.clone(), expected: "decimal", found: ty.to_owned() });
            }
            for (which, url, expected_value) in [("minValue", EXT_MIN_VALUE, *min), ("maxValue", EXT_MAX_VALUE, *max)] {
                if let Some(found) = extension(item, url).and_then(number)
                    && (found - expected_value).abs() > 1e-9
                {
                    out.push(Mismatch::BoundsMismatch { link_id: link_id.clone(), which, expected: expected_value, found });
                }
            }
        }
    }
    Found { text: get_text(item, "text", lang), labels }
}
