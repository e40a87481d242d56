//! Static assets, embedded in the binary: no file system, no CDN, no build step.

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

const HTMX: &str = include_str!("../assets/htmx.min.js");
const CSS: &str = include_str!("../assets/sammen.css");
const APP_JS: &str = include_str!("../assets/sammen.js");
const CODING_JS: &str = include_str!("../assets/coding.js");
const ICON: &str = include_str!("../assets/icon.svg");

pub async fn serve(Path(file): Path<String>) -> Response {
    let (body, kind) = match file.as_str() {
        "htmx-2.0.11.min.js" => (HTMX, "text/javascript; charset=utf-8"),
        "sammen.css" => (CSS, "text/css; charset=utf-8"),
        "sammen.js" => (APP_JS, "text/javascript; charset=utf-8"),
        "coding.js" => (CODING_JS, "text/javascript; charset=utf-8"),
        "icon.svg" => (ICON, "image/svg+xml"),
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    ([(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, "public, max-age=3600")], body).into_response()
}
