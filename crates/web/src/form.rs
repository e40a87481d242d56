//! Reading request bodies: forms with repeated keys (checkboxes), the CSRF check, size limits
//! and JSON with translated errors.

use axum::body::{Body, to_bytes};
use sammen_app::AppError;
use sammen_domain::ValidationErrors;

use crate::session::same_secret;

/// A parsed `application/x-www-form-urlencoded` body.
#[derive(Debug, Default, Clone)]
pub struct FormData(Vec<(String, String)>);

impl FormData {
    pub fn parse(bytes: &[u8]) -> Self {
        Self(form_urlencoded::parse(bytes).into_owned().collect())
    }
    pub fn from_vec(pairs: Vec<(String, String)>) -> Self {
        Self(pairs)
    }
    /// Every (name, value) pair in order.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.0
    }
    /// Reads a query string the same way.
    pub fn query(q: Option<&str>) -> Self {
        Self::parse(q.unwrap_or("").as_bytes())
    }
    pub fn get(&self, name: &str) -> &str {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or("")
    }
    pub fn opt(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v.clone()).collect()
    }
    pub fn checked(&self, name: &str) -> bool {
        matches!(self.get(name), "on" | "true" | "1" | "yes")
    }
}

/// Reads a body up to `limit` bytes; a larger one is refused (413 Payload Too Large).
pub async fn read_body(body: Body, limit: usize) -> Result<axum::body::Bytes, AppError> {
    to_bytes(body, limit).await.map_err(|_| AppError::TooLarge)
}

/// Reads a form and checks its CSRF token against the session's.
pub async fn read_form(body: Body, limit: usize, csrf: &str) -> Result<FormData, AppError> {
    let bytes = read_body(body, limit).await?;
    let form = FormData::parse(&bytes);
    if !same_secret(form.get("csrf"), csrf) {
        return Err(AppError::Validation(ValidationErrors::single("csrf", "err-csrf")));
    }
    Ok(form)
}

/// Reads a JSON body into `T`; a malformed body is a 422 whose field is the path of the problem
/// (`pairs[1].peer_id`, `name`), or `body` when the text is not JSON at all. This is the one
/// place the API reads a body, so every operation answers a bad body the same way.
pub async fn read_json<T: serde::de::DeserializeOwned>(body: Body, limit: usize) -> Result<T, AppError> {
    let bytes = read_body(body, limit).await?;
    // Every body of the API is an object; serde would also read a struct from an array of its
    // fields in order, a shape the document does not offer.
    if bytes.iter().find(|b| !b.is_ascii_whitespace()).is_some_and(|b| *b == b'[') {
        return Err(AppError::Validation(ValidationErrors::single("body", "err-json-type")));
    }
    parse_json(&bytes).map_err(|(field, key)| AppError::Validation(ValidationErrors::single(&field, key)))
}

/// Parses JSON into `T`, or says where and how it failed: (field path, message key).
pub fn parse_json<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, (String, &'static str)> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize::<_, T>(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        json_problem(&path, &inner)
    })?;
    de.end().map_err(|e| json_problem(".", &e))?;
    Ok(value)
}

fn json_problem(path: &str, e: &serde_json::Error) -> (String, &'static str) {
    use serde_json::error::Category;
    if !matches!(e.classify(), Category::Data) {
        return ("body".to_owned(), "err-json");
    }
    // The path of a missing field is the object that lacks it; serde names the field only in
    // the error's text.
    let msg = e.to_string();
    let at = if path == "." { "body".to_owned() } else { path.to_owned() };
    match msg.split('`').nth(1) {
        Some(name) if msg.starts_with("missing field") => {
            (if path == "." { name.to_owned() } else { format!("{path}.{name}") }, "err-json-missing")
        }
        Some(_) if msg.starts_with("unknown field") => (at, "err-json-unknown"),
        _ => (at, "err-json-type"),
    }
}
