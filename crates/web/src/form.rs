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

/// Reads a JSON body into `T`; a malformed body is a 422 naming the problem's field when serde says it.
pub async fn read_json<T: serde::de::DeserializeOwned>(body: Body, limit: usize) -> Result<T, AppError> {
    let bytes = read_body(body, limit).await?;
    serde_json::from_slice(&bytes).map_err(|e| {
        let msg = e.to_string();
        // serde names the field in "missing field `x`" and "unknown field `x`".
        let field = msg.split('`').nth(1).filter(|_| msg.contains("field")).unwrap_or("body").to_owned();
        AppError::Validation(ValidationErrors::single(&field, "err-json"))
    })
}
