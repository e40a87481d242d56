//! The analysis of an interview study (`/studies/{id}/analysis`): the themes and their chart,
//! the matrix of interviews × codes as a table, the passages of each code, the CHIME profile
//! beside the programme's check-in and who was interviewed; the study as a REFI-QDA project
//! (`/studies/{id}/export.qdpx`) and the import of a codebook or coded project
//! (`POST /studies/{id}/import`, multipart with `csrf` and `file`).
//!
//! The page is built from the same document model as the evaluation report
//! (`app::measurement::report_qualitative::analysis_document`), so its tables and chart are the
//! report's accessible ones.

use askama::Template;
use axum::extract::{FromRequest, Multipart, Path, Request};
use axum::response::Response;
use sammen_app::AppError;
use sammen_app::measurement::qualitative::{self as q, analysis, exchange};
use sammen_app::measurement::report_qualitative::analysis_document;
use sammen_domain::{StudyId, ValidationErrors};

use crate::session::Authed;
use crate::ui::{Chrome, OrPage, Page, render_status};

/// The media type of a REFI-QDA project archive.
pub const QDPX: &str = "application/zip";

#[derive(Template)]
#[template(path = "measurement/qualitative/analysis.html")]
pub struct AnalysisPage {
    pub c: Chrome,
    pub id: String,
    pub study_name: String,
    /// Whether the reader may import into the study (its managers).
    pub can_import: bool,
    /// What an import did, when one was just made.
    pub message: String,
    /// Why an import was refused.
    pub error: String,
    /// The rendered document (trusted HTML built by `report_html`, every text escaped).
    pub body: String,
}

async fn page(a: &Authed, id: StudyId, message: String, error: String) -> Page {
    let app = &a.web.state.app;
    let tr = &a.web.tr;
    let v = analysis::analysis(app, &a.ctx(), id).await.or_page(a)?;
    let st = q::study(app, &a.ctx(), id).await.or_page(a)?;
    let doc = analysis_document(&v, &tr.i18n, tr.lang);
    let page = AnalysisPage {
        c: Chrome::new(a, tr.s("qan-title", "name", &v.name)),
        id: id.to_string(),
        study_name: st.summary.name.clone(),
        can_import: st.can_manage,
        body: crate::measurement::report::report_html(&doc),
        message,
        error,
    };
    let status = if page.error.is_empty() { axum::http::StatusCode::OK } else { axum::http::StatusCode::UNPROCESSABLE_ENTITY };
    Ok(render_status(status, &page))
}

/// `GET /studies/{id}/analysis`.
pub async fn show(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<StudyId>(&id)?;
    page(&a, id, String::new(), String::new()).await
}

/// `GET /studies/{id}/export.qdpx`: the study as a REFI-QDA project.
pub async fn export(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<StudyId>(&id)?;
    let (name, bytes) = exchange::export_qdpx(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    Ok(crate::download::file(QDPX, &name, bytes))
}

/// Reads the multipart import form: its CSRF token checked, the file's bytes.
#[allow(clippy::result_large_err)]
async fn read_file(a: &Authed, request: Request) -> Result<Vec<u8>, Response> {
    let refused = || a.fail(&AppError::Validation(ValidationErrors::single("csrf", "err-csrf")));
    let multipart = request
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if !multipart {
        // A form without a file (an old browser, a script): checked like any form, no bytes.
        crate::ui::post_form(a, request.into_body()).await?;
        return Ok(Vec::new());
    }
    let Ok(mut multipart) = Multipart::from_request(request, &()).await else { return Err(refused()) };
    let (mut csrf, mut file) = (String::new(), Vec::new());
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or_default().to_owned();
                let Ok(bytes) = field.bytes().await else { return Err(a.fail(&AppError::TooLarge)) };
                match name.as_str() {
                    "csrf" => csrf = String::from_utf8_lossy(&bytes).into_owned(),
                    "file" => file = bytes.to_vec(),
                    _ => {}
                }
            }
            Ok(None) => break,
            Err(_) => return Err(a.fail(&AppError::TooLarge)),
        }
    }
    if !crate::session::same_secret(&csrf, a.csrf()) {
        return Err(refused());
    }
    Ok(file)
}

/// `POST /studies/{id}/import`: a `.qdpx` (or `.qde`) codebook or coded project.
pub async fn import(a: Authed, Path(id): Path<String>, request: Request) -> Page {
    let id = a.id::<StudyId>(&id)?;
    let file = read_file(&a, request).await?;
    let tr = &a.web.tr;
    match exchange::import_qdpx(&a.web.state.app, &a.ctx(), id, file).await {
        Ok(s) => {
            let message = tr.i18n.t_args(
                tr.lang,
                "qan-imported",
                &[
                    ("added", s.codes_added.into()),
                    ("matched", (s.codes_matched_guid + s.codes_matched_name).into()),
                    ("codings", s.codings_added.into()),
                    ("skipped", (s.codings_skipped + s.sources_skipped + s.unreadable).into()),
                ],
            );
            page(&a, id, message, String::new()).await
        }
        Err(AppError::Validation(v)) => {
            let error = v.fields.first().map(|f| tr.t(f.message)).unwrap_or_default();
            page(&a, id, String::new(), error).await
        }
        Err(e) => Err(a.fail(&e)),
    }
}
