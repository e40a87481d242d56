//! A structural validator for the two FHIR R4 resources Sammen exchanges, `Questionnaire`
//! and `QuestionnaireResponse`, and the data types inside them.
//!
//! It checks what Sammen's mapping relies on and what the R4 JSON format requires: the
//! resource type; that every element is one R4 defines for that place (unknown elements are
//! errors in FHIR JSON); cardinalities (required elements, arrays for repeating elements,
//! no empty arrays, no nulls); the JSON type and lexical form of every primitive (`code`,
//! `uri`, `boolean`, `integer`, `decimal`, `dateTime`, `id` …); choice elements (`value[x]`:
//! exactly one allowed variant); extensions (a `url`, and either a value or nested
//! extensions, ext-1); and the Questionnaire and QuestionnaireResponse invariants que-1 to
//! que-6, que-8, que-9, que-11 and qrs-1. It is not the official HL7 validator: it does not
//! check terminology bindings, profiles or FHIRPath invariants beyond those listed, and it
//! looks only at the shape of data types it does not use (Meta, Narrative, Identifier,
//! ContactDetail, UsageContext, CodeableConcept, Period, Reference, Attachment, Quantity).

use serde::Serialize;
use serde_json::{Map, Value};

/// One finding, with the path of the element in FHIRPath-like form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct R4Issue {
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for R4Issue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum T {
    String,
    Code,
    Uri,
    Canonical,
    Markdown,
    Boolean,
    Integer,
    PositiveInt,
    UnsignedInt,
    Decimal,
    DateTime,
    Date,
    Time,
    Instant,
    Id,
    /// A complex type validated element by element (a name in [`spec`]).
    Complex(&'static str),
    /// A complex type whose shape only is checked: an object.
    Shape(&'static str),
}

impl T {
    /// The suffix of a choice element (`value` + `Coding`).
    fn suffix(self) -> &'static str {
        match self {
            T::String => "String",
            T::Code => "Code",
            T::Uri => "Uri",
            T::Canonical => "Canonical",
            T::Markdown => "Markdown",
            T::Boolean => "Boolean",
            T::Integer => "Integer",
            T::PositiveInt => "PositiveInt",
            T::UnsignedInt => "UnsignedInt",
            T::Decimal => "Decimal",
            T::DateTime => "DateTime",
            T::Date => "Date",
            T::Time => "Time",
            T::Instant => "Instant",
            T::Id => "Id",
            T::Complex(n) | T::Shape(n) => n,
        }
    }

    fn is_primitive(self) -> bool {
        !matches!(self, T::Complex(_) | T::Shape(_))
    }
}

/// One element of a type: its name, allowed types (several for `name[x]`), cardinality.
#[derive(Clone, Copy)]
struct El {
    name: &'static str,
    types: &'static [T],
    min: usize,
    many: bool,
    choice: bool,
}

const fn one(name: &'static str, types: &'static [T]) -> El {
    El { name, types, min: 0, many: false, choice: false }
}
const fn req(name: &'static str, types: &'static [T]) -> El {
    El { name, types, min: 1, many: false, choice: false }
}
const fn many(name: &'static str, types: &'static [T]) -> El {
    El { name, types, min: 0, many: true, choice: false }
}
const fn choice(name: &'static str, min: usize, types: &'static [T]) -> El {
    El { name, types, min, many: false, choice: true }
}

const EXTENSIONS: &[El] = &[many("extension", &[T::Complex("Extension")]), many("modifierExtension", &[T::Complex("Extension")])];

const RESOURCE_BASE: &[El] = &[
    one("id", &[T::Id]),
    one("meta", &[T::Shape("Meta")]),
    one("implicitRules", &[T::Uri]),
    one("language", &[T::Code]),
    one("text", &[T::Shape("Narrative")]),
    many("contained", &[T::Shape("Resource")]),
    many("extension", &[T::Complex("Extension")]),
    many("modifierExtension", &[T::Complex("Extension")]),
];

const QUESTIONNAIRE: &[El] = &[
    one("url", &[T::Uri]),
    many("identifier", &[T::Shape("Identifier")]),
    one("version", &[T::String]),
    one("name", &[T::String]),
    one("title", &[T::String]),
    many("derivedFrom", &[T::Canonical]),
    req("status", &[T::Code]),
    one("experimental", &[T::Boolean]),
    many("subjectType", &[T::Code]),
    one("date", &[T::DateTime]),
    one("publisher", &[T::String]),
    many("contact", &[T::Shape("ContactDetail")]),
    one("description", &[T::Markdown]),
    many("useContext", &[T::Shape("UsageContext")]),
    many("jurisdiction", &[T::Shape("CodeableConcept")]),
    one("purpose", &[T::Markdown]),
    one("copyright", &[T::Markdown]),
    one("approvalDate", &[T::Date]),
    one("lastReviewDate", &[T::Date]),
    one("effectivePeriod", &[T::Shape("Period")]),
    many("code", &[T::Complex("Coding")]),
    many("item", &[T::Complex("Questionnaire.item")]),
];

const Q_ITEM: &[El] = &[
    one("id", &[T::String]),
    EXTENSIONS[0],
    EXTENSIONS[1],
    req("linkId", &[T::String]),
    one("definition", &[T::Uri]),
    many("code", &[T::Complex("Coding")]),
    one("prefix", &[T::String]),
    one("text", &[T::String]),
    req("type", &[T::Code]),
    many("enableWhen", &[T::Complex("Questionnaire.item.enableWhen")]),
    one("enableBehavior", &[T::Code]),
    one("required", &[T::Boolean]),
    one("repeats", &[T::Boolean]),
    one("readOnly", &[T::Boolean]),
    one("maxLength", &[T::Integer]),
    one("answerValueSet", &[T::Canonical]),
    many("answerOption", &[T::Complex("Questionnaire.item.answerOption")]),
];

const Q_ITEM_MORE: &[El] =
    &[many("initial", &[T::Complex("Questionnaire.item.initial")]), many("item", &[T::Complex("Questionnaire.item")])];

const Q_ENABLE_WHEN: &[El] = &[
    one("id", &[T::String]),
    EXTENSIONS[0],
    EXTENSIONS[1],
    req("question", &[T::String]),
    req("operator", &[T::Code]),
    choice(
        "answer",
        1,
        &[
            T::Boolean,
            T::Decimal,
            T::Integer,
            T::Date,
            T::DateTime,
            T::Time,
            T::String,
            T::Complex("Coding"),
            T::Shape("Quantity"),
            T::Shape("Reference"),
        ],
    ),
];

const Q_ANSWER_OPTION: &[El] = &[
    one("id", &[T::String]),
    EXTENSIONS[0],
    EXTENSIONS[1],
    choice("value", 1, &[T::Integer, T::Date, T::Time, T::String, T::Complex("Coding"), T::Shape("Reference")]),
    one("initialSelected", &[T::Boolean]),
];

const ANSWER_TYPES: &[T] = &[
    T::Boolean,
    T::Decimal,
    T::Integer,
    T::Date,
    T::DateTime,
    T::Time,
    T::String,
    T::Uri,
    T::Shape("Attachment"),
    T::Complex("Coding"),
    T::Shape("Quantity"),
    T::Shape("Reference"),
];

const Q_INITIAL: &[El] = &[one("id", &[T::String]), EXTENSIONS[0], EXTENSIONS[1], choice("value", 1, ANSWER_TYPES)];

const RESPONSE: &[El] = &[
    one("identifier", &[T::Shape("Identifier")]),
    many("basedOn", &[T::Shape("Reference")]),
    many("partOf", &[T::Shape("Reference")]),
    one("questionnaire", &[T::Canonical]),
    req("status", &[T::Code]),
    one("subject", &[T::Shape("Reference")]),
    one("encounter", &[T::Shape("Reference")]),
    one("authored", &[T::DateTime]),
    one("author", &[T::Shape("Reference")]),
    one("source", &[T::Shape("Reference")]),
    many("item", &[T::Complex("QuestionnaireResponse.item")]),
];

const R_ITEM: &[El] = &[
    one("id", &[T::String]),
    EXTENSIONS[0],
    EXTENSIONS[1],
    req("linkId", &[T::String]),
    one("definition", &[T::Uri]),
    one("text", &[T::String]),
    many("answer", &[T::Complex("QuestionnaireResponse.item.answer")]),
    many("item", &[T::Complex("QuestionnaireResponse.item")]),
];

const R_ANSWER: &[El] = &[
    one("id", &[T::String]),
    EXTENSIONS[0],
    EXTENSIONS[1],
    choice("value", 0, ANSWER_TYPES),
    many("item", &[T::Complex("QuestionnaireResponse.item")]),
];

const CODING: &[El] = &[
    one("id", &[T::String]),
    many("extension", &[T::Complex("Extension")]),
    one("system", &[T::Uri]),
    one("version", &[T::String]),
    one("code", &[T::Code]),
    one("display", &[T::String]),
    one("userSelected", &[T::Boolean]),
];

const EXTENSION: &[El] = &[
    one("id", &[T::String]),
    many("extension", &[T::Complex("Extension")]),
    req("url", &[T::Uri]),
    choice(
        "value",
        0,
        &[
            T::String,
            T::Code,
            T::Uri,
            T::Canonical,
            T::Markdown,
            T::Boolean,
            T::Integer,
            T::PositiveInt,
            T::UnsignedInt,
            T::Decimal,
            T::DateTime,
            T::Date,
            T::Time,
            T::Instant,
            T::Id,
            T::Complex("Coding"),
            T::Shape("CodeableConcept"),
            T::Shape("Quantity"),
            T::Shape("Reference"),
            T::Shape("Period"),
            T::Shape("Identifier"),
            T::Shape("Attachment"),
            T::Shape("Range"),
            T::Shape("Ratio"),
            T::Shape("Expression"),
        ],
    ),
];

/// The elements of a validated type, in two slices (resource base + own elements).
fn spec(name: &str) -> Option<(&'static [El], &'static [El])> {
    Some(match name {
        "Questionnaire" => (RESOURCE_BASE, QUESTIONNAIRE),
        "Questionnaire.item" => (Q_ITEM, Q_ITEM_MORE),
        "Questionnaire.item.enableWhen" => (Q_ENABLE_WHEN, &[]),
        "Questionnaire.item.answerOption" => (Q_ANSWER_OPTION, &[]),
        "Questionnaire.item.initial" => (Q_INITIAL, &[]),
        "QuestionnaireResponse" => (RESOURCE_BASE, RESPONSE),
        "QuestionnaireResponse.item" => (R_ITEM, &[]),
        "QuestionnaireResponse.item.answer" => (R_ANSWER, &[]),
        "Coding" => (CODING, &[]),
        "Extension" => (EXTENSION, &[]),
        _ => return None,
    })
}

struct V {
    issues: Vec<R4Issue>,
}

impl V {
    fn issue(&mut self, path: &str, message: impl Into<String>) {
        self.issues.push(R4Issue { path: path.to_owned(), message: message.into() });
    }
}

/// Validates a FHIR R4 `Questionnaire` or `QuestionnaireResponse` in JSON form. An empty
/// list means the resource passed every check this validator makes.
pub fn validate_r4(resource: &Value) -> Vec<R4Issue> {
    let mut v = V { issues: Vec::new() };
    let Some(obj) = resource.as_object() else {
        v.issue("", "a resource must be a JSON object");
        return v.issues;
    };
    match obj.get("resourceType").and_then(Value::as_str) {
        Some(rt @ ("Questionnaire" | "QuestionnaireResponse")) => {
            validate_object(&mut v, rt, rt, obj, true);
            if rt == "Questionnaire" {
                questionnaire_invariants(&mut v, obj);
            } else {
                response_invariants(&mut v, obj);
            }
        }
        Some(other) => {
            v.issue("resourceType", format!("`{other}` is not a resource type this validator knows (Questionnaire, QuestionnaireResponse)"))
        }
        None => v.issue("resourceType", "missing"),
    }
    v.issues
}

fn validate_object(v: &mut V, type_name: &str, path: &str, obj: &Map<String, Value>, root: bool) {
    let Some((a, b)) = spec(type_name) else { return };
    let elements = || a.iter().chain(b.iter());
    let mut present: Vec<&'static str> = Vec::new();
    for (key, value) in obj {
        if root && key == "resourceType" {
            continue;
        }
        let child = format!("{path}.{key}");
        if let Some(base) = key.strip_prefix('_') {
            // Primitive extension: `_text` next to (or instead of) `text`.
            match elements().find(|e| !e.choice && e.name == base) {
                Some(el) if el.types.iter().all(|t| t.is_primitive()) => primitive_extension(v, &child, value, el.many),
                _ => v.issue(&child, "unknown element"),
            }
            continue;
        }
        let found = elements().find_map(|e| {
            if e.choice {
                key.strip_prefix(e.name).and_then(|suffix| e.types.iter().find(|t| t.suffix() == suffix)).map(|t| (e, *t))
            } else if e.name == key {
                e.types.first().map(|t| (e, *t))
            } else {
                None
            }
        });
        let Some((el, t)) = found else {
            v.issue(&child, "unknown element");
            continue;
        };
        present.push(el.name);
        if el.many {
            match value.as_array() {
                Some(arr) if arr.is_empty() => v.issue(&child, "arrays must not be empty"),
                Some(arr) => {
                    for (i, x) in arr.iter().enumerate() {
                        check_value(v, t, &format!("{child}[{i}]"), x);
                    }
                }
                None => v.issue(&child, "a repeating element must be an array"),
            }
        } else if value.is_array() {
            v.issue(&child, "a single element must not be an array");
        } else {
            check_value(v, t, &child, value);
        }
    }
    for el in elements() {
        let count = present.iter().filter(|n| **n == el.name).count();
        if el.choice && count > 1 {
            v.issue(&format!("{path}.{}[x]", el.name), "only one type of a choice element may be present");
        }
        if count < el.min {
            let name = if el.choice { format!("{}[x]", el.name) } else { el.name.to_owned() };
            // A primitive may be given only through its `_name` extension form.
            let has_underscore = !el.choice && obj.contains_key(&format!("_{}", el.name));
            if !has_underscore {
                v.issue(&format!("{path}.{name}"), "required element is missing");
            }
        }
    }
    if type_name == "Extension" {
        let has_value = obj.keys().any(|k| k.starts_with("value"));
        let has_ext = obj.contains_key("extension");
        if has_value == has_ext {
            v.issue(path, "ext-1: an extension must have either extensions or a value[x], not both");
        }
    }
}

fn primitive_extension(v: &mut V, path: &str, value: &Value, many: bool) {
    let check = |v: &mut V, p: &str, x: &Value| match x {
        Value::Null if many => {}
        Value::Object(o) => {
            for (k, val) in o {
                match k.as_str() {
                    "id" => check_value(v, T::String, &format!("{p}.id"), val),
                    "extension" => match val.as_array() {
                        Some(arr) if !arr.is_empty() => {
                            for (i, e) in arr.iter().enumerate() {
                                check_value(v, T::Complex("Extension"), &format!("{p}.extension[{i}]"), e);
                            }
                        }
                        _ => v.issue(&format!("{p}.extension"), "must be a non-empty array"),
                    },
                    _ => v.issue(&format!("{p}.{k}"), "unknown element"),
                }
            }
        }
        _ => v.issue(p, "must be an object with `id` and/or `extension`"),
    };
    match (many, value) {
        (true, Value::Array(arr)) => {
            for (i, x) in arr.iter().enumerate() {
                check(v, &format!("{path}[{i}]"), x);
            }
        }
        (true, _) => v.issue(path, "must be an array"),
        (false, x) => check(v, path, x),
    }
}

fn check_value(v: &mut V, t: T, path: &str, value: &Value) {
    match t {
        T::Complex(name) => match value.as_object() {
            Some(obj) => validate_object(v, name, path, obj, false),
            None => v.issue(path, format!("must be a {name} object")),
        },
        T::Shape(name) => match value.as_object() {
            Some(obj) if obj.is_empty() => v.issue(path, "must not be an empty object"),
            Some(obj) if name == "Resource" && !obj.get("resourceType").is_some_and(Value::is_string) => {
                v.issue(path, "a contained resource needs a resourceType")
            }
            Some(_) => {}
            None => v.issue(path, format!("must be a {name} object")),
        },
        T::Boolean => {
            if !value.is_boolean() {
                v.issue(path, "must be a JSON boolean");
            }
        }
        T::Integer | T::PositiveInt | T::UnsignedInt => match value.as_i64() {
            Some(n) if n < i64::from(i32::MIN) || n > i64::from(i32::MAX) => v.issue(path, "integer out of the 32-bit range"),
            Some(n) if t == T::PositiveInt && n < 1 => v.issue(path, "must be a positive integer"),
            Some(n) if t == T::UnsignedInt && n < 0 => v.issue(path, "must be a non-negative integer"),
            Some(_) => {}
            None => v.issue(path, "must be a JSON integer"),
        },
        T::Decimal => {
            if !value.as_f64().is_some_and(f64::is_finite) {
                v.issue(path, "must be a JSON number");
            }
        }
        _ => match value.as_str() {
            None => v.issue(path, "must be a JSON string"),
            Some(s) => {
                if let Some(problem) = lexical_problem(t, s) {
                    v.issue(path, problem);
                }
            }
        },
    }
}

/// Why a string is not a valid R4 value of the primitive type `t`, if it is not.
fn lexical_problem(t: T, s: &str) -> Option<&'static str> {
    if s.is_empty() {
        return Some("strings must not be empty");
    }
    let ok = match t {
        T::String | T::Markdown => !s.trim().is_empty(),
        // code: [^\s]+(\s[^\s]+)*
        T::Code => {
            !s.starts_with(char::is_whitespace) && !s.ends_with(char::is_whitespace) && !s.contains("  ") && !s.contains(['\t', '\n', '\r'])
        }
        T::Uri | T::Canonical => !s.chars().any(char::is_whitespace),
        T::Id => s.len() <= 64 && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.'),
        T::Date => is_date(s),
        T::DateTime => is_date_time(s, false),
        T::Instant => is_date_time(s, true),
        T::Time => is_time(s),
        _ => true,
    };
    (!ok).then_some(match t {
        T::Code => "not a valid code (no leading, trailing or repeated whitespace)",
        T::Uri | T::Canonical => "not a valid uri (no whitespace)",
        T::Id => "not a valid id ([A-Za-z0-9-.], at most 64 characters)",
        T::Date => "not a valid date (YYYY, YYYY-MM or YYYY-MM-DD)",
        T::DateTime => "not a valid dateTime (YYYY[-MM[-DD[Thh:mm:ss[.s]+zz:zz]]])",
        T::Instant => "not a valid instant (YYYY-MM-DDThh:mm:ss[.s]+zz:zz)",
        T::Time => "not a valid time (hh:mm:ss[.s])",
        _ => "must not be blank",
    })
}

fn digits(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
}

fn in_range(s: &str, lo: u32, hi: u32) -> bool {
    s.parse::<u32>().is_ok_and(|n| (lo..=hi).contains(&n))
}

fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && in_range(m, 1, 12),
        [y, m, d] => digits(y, 4) && digits(m, 2) && in_range(m, 1, 12) && digits(d, 2) && in_range(d, 1, 31),
        _ => false,
    }
}

fn is_time(s: &str) -> bool {
    let (hms, frac) = match s.split_once('.') {
        Some((a, f)) => (a, Some(f)),
        None => (s, None),
    };
    let parts: Vec<&str> = hms.split(':').collect();
    let ok = matches!(parts.as_slice(), [h, m, sec] if digits(h, 2) && in_range(h, 0, 23) && digits(m, 2) && in_range(m, 0, 59) && digits(sec, 2) && in_range(sec, 0, 60));
    ok && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

fn is_date_time(s: &str, need_time: bool) -> bool {
    match s.split_once('T') {
        None => !need_time && is_date(s),
        Some((date, rest)) => {
            if !(date.len() == 10 && is_date(date)) {
                return false;
            }
            let (time, zone) = if let Some(t) = rest.strip_suffix('Z') {
                (t, "Z")
            } else if let Some(i) = rest.rfind(['+', '-']) {
                (&rest[..i], &rest[i..])
            } else {
                return false;
            };
            let zone_ok = zone == "Z"
                || matches!(zone[1..].split_once(':'), Some((h, m)) if digits(h, 2) && in_range(h, 0, 14) && digits(m, 2) && in_range(m, 0, 59));
            is_time(time) && zone_ok
        }
    }
}

fn items(value: Option<&Value>) -> impl Iterator<Item = (usize, &Map<String, Value>)> {
    value.and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_object).enumerate()
}

const Q_STATUS: [&str; 4] = ["draft", "active", "retired", "unknown"];
const ITEM_TYPES: [&str; 17] = [
    "group",
    "display",
    "boolean",
    "decimal",
    "integer",
    "date",
    "dateTime",
    "time",
    "string",
    "text",
    "url",
    "choice",
    "open-choice",
    "attachment",
    "reference",
    "quantity",
    "question",
];
const R_STATUS: [&str; 5] = ["in-progress", "completed", "amended", "entered-in-error", "stopped"];

fn questionnaire_invariants(v: &mut V, q: &Map<String, Value>) {
    if let Some(status) = q.get("status").and_then(Value::as_str)
        && !Q_STATUS.contains(&status)
    {
        v.issue("Questionnaire.status", format!("`{status}` is not a publication status (draft, active, retired, unknown)"));
    }
    if let Some(name) = q.get("name").and_then(Value::as_str) {
        let ok = name.chars().next().is_some_and(|c| c.is_ascii_uppercase()) && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !ok {
            v.issue("Questionnaire.name", "que-0 (warning): name should be usable as an identifier, [A-Z][A-Za-z0-9_]*");
        }
    }
    let mut link_ids = Vec::new();
    q_items(v, "Questionnaire", q.get("item"), &mut link_ids);
}

fn q_items(v: &mut V, path: &str, list: Option<&Value>, link_ids: &mut Vec<String>) {
    for (i, item) in items(list) {
        let p = format!("{path}.item[{i}]");
        if let Some(id) = item.get("linkId").and_then(Value::as_str) {
            if link_ids.iter().any(|l| l == id) {
                v.issue(&format!("{p}.linkId"), format!("que-2: linkId `{id}` is not unique within the Questionnaire"));
            }
            link_ids.push(id.to_owned());
        }
        let ty = item.get("type").and_then(Value::as_str).unwrap_or_default();
        if !ty.is_empty() && !ITEM_TYPES.contains(&ty) {
            v.issue(&format!("{p}.type"), format!("`{ty}` is not an R4 item type"));
        }
        let has = |k: &str| item.contains_key(k);
        if ty == "group" && !has("item") {
            v.issue(&p, "que-1: group items must have nested items");
        }
        if ty == "display" && has("item") {
            v.issue(&p, "que-1: display items cannot have nested items");
        }
        if ty == "display" && (has("required") || has("repeats")) {
            v.issue(&p, "que-6: required and repeats are not permitted for display items");
        }
        if ty == "display" && has("code") {
            v.issue(&p, "que-3: display items cannot have a code");
        }
        if ty == "display" && has("readOnly") {
            v.issue(&p, "que-9: readOnly is not permitted for display items");
        }
        if has("answerOption") && has("answerValueSet") {
            v.issue(&p, "que-4: an item cannot have both answerOption and answerValueSet");
        }
        if (has("answerOption") || has("answerValueSet")) && !matches!(ty, "choice" | "open-choice") {
            v.issue(&p, "que-5: only choice and open-choice items may have answer options");
        }
        if has("initial") && matches!(ty, "group" | "display") {
            v.issue(&p, "que-8: group and display items cannot have initial values");
        }
        if has("initial") && has("answerOption") {
            v.issue(&p, "que-11: an item with answerOption cannot have initial; use answerOption.initialSelected");
        }
        if let Some(b) = item.get("enableBehavior").and_then(Value::as_str)
            && !matches!(b, "all" | "any")
        {
            v.issue(&format!("{p}.enableBehavior"), "must be `all` or `any`");
        }
        q_items(v, &p, item.get("item"), link_ids);
    }
}

fn response_invariants(v: &mut V, r: &Map<String, Value>) {
    if let Some(status) = r.get("status").and_then(Value::as_str)
        && !R_STATUS.contains(&status)
    {
        v.issue("QuestionnaireResponse.status", format!("`{status}` is not a QuestionnaireResponse status"));
    }
    r_items(v, "QuestionnaireResponse", r.get("item"));
}

fn r_items(v: &mut V, path: &str, list: Option<&Value>) {
    for (i, item) in items(list) {
        let p = format!("{path}.item[{i}]");
        let nested_in_answer = items(item.get("answer")).any(|(_, a)| a.contains_key("item"));
        if item.contains_key("item") && nested_in_answer {
            v.issue(&p, "qrs-1: nested items cannot be beneath both item and answer");
        }
        r_items(v, &p, item.get("item"));
        for (j, answer) in items(item.get("answer")) {
            r_items(v, &format!("{p}.answer[{j}]"), answer.get("item"));
        }
    }
}
