//! Field-level validation errors. Messages are Fluent message ids, translated by the web layer.

use serde::Serialize;

/// One field that failed to parse, with the Fluent id of the message that explains why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub message: &'static str,
}

/// All the field errors of one form or body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ValidationErrors {
    pub fields: Vec<FieldError>,
}

impl ValidationErrors {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn single(field: &str, message: &'static str) -> Self {
        let mut e = Self::new();
        e.add(field, message);
        e
    }
    pub fn add(&mut self, field: &str, message: &'static str) {
        self.fields.push(FieldError { field: field.to_owned(), message });
    }
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }
    /// Records the error of a field parse and yields its value when it parsed.
    pub fn check<T>(&mut self, field: &str, r: Result<T, &'static str>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(m) => {
                self.add(field, m);
                None
            }
        }
    }
    pub fn message_for(&self, field: &str) -> Option<&'static str> {
        self.fields.iter().find(|f| f.field == field).map(|f| f.message)
    }
    pub fn into_result(self) -> Result<(), Self> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }
}

impl std::fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self.fields.iter().map(|e| format!("{}: {}", e.field, e.message)).collect();
        write!(f, "{}", parts.join(", "))
    }
}

impl std::error::Error for ValidationErrors {}

/// Trims and bounds a required text.
pub fn required_text(raw: &str, max_chars: usize) -> Result<String, &'static str> {
    let t = raw.trim();
    if t.is_empty() {
        return Err("err-required");
    }
    if t.chars().count() > max_chars {
        return Err("err-too-long");
    }
    if t.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        return Err("err-invalid-characters");
    }
    Ok(t.to_owned())
}

/// Trims and bounds an optional text; empty means absent.
pub fn optional_text(raw: Option<&str>, max_chars: usize) -> Result<Option<String>, &'static str> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => required_text(t, max_chars).map(Some),
    }
}
