//! Cross-cutting HTTP concerns: a correlation id per request and security headers.

use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::AppState;
use crate::error::CorrelationId;

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";

pub async fn headers(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let id = CorrelationId(hex_id(&state));
    req.extensions_mut().insert(id.clone());
    let method = req.method().clone();
    let path_kind = if req.uri().path().starts_with("/api/") { "api" } else { "ui" };
    let started = std::time::Instant::now();
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert("content-security-policy", HeaderValue::from_static(CSP));
    h.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    h.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    h.insert("permissions-policy", HeaderValue::from_static("camera=(), microphone=(), geolocation=()"));
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if let Ok(v) = HeaderValue::from_str(&id.0) {
        h.insert("x-request-id", v);
    }
    // The path is not logged: it may hold ids; the status and timing are enough here.
    tracing::debug!(request_id = %id.0, %method, kind = path_kind, status = res.status().as_u16(), micros = started.elapsed().as_micros() as u64, "request");
    res
}

fn hex_id(state: &AppState) -> String {
    let b: [u8; 8] = state.app.random_bytes();
    b.iter().map(|x| format!("{x:02x}")).collect()
}
