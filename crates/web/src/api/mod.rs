//! The REST API under `/api/v1`: bearer tokens only, JSON in and out, one error body,
//! pagination, `Location` on create, and an OpenAPI 3.1 document that a test keeps in step
//! with the committed copy.

pub(crate) mod convert;

use axum::body::Body;
use axum::extract::{FromRequestParts, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use sammen_app::AppError;
use sammen_domain::ValidationErrors;
use serde::Deserialize;

use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::AppState;
use crate::error::{ApiError, ErrorBody};
use crate::form::read_json;
use crate::session::Api;

/// The API of every area under `/api/v1`, with the OpenAPI document served beside it.
pub fn router() -> Router<AppState> {
    let (router, doc) = parts();
    // Made once with the router it describes, and served as it is.
    let document = doc.to_pretty_json().unwrap_or_default();
    router.route("/openapi.json", get(move || std::future::ready(openapi_json(document.clone()))))
}

/// The router and the OpenAPI document, both made from the areas' routers, so every operation
/// is described exactly where it is registered.
fn parts() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let (router, mut doc) = OpenApiRouter::with_openapi(ApiDoc::openapi()).merge(crate::areas_api()).split_for_parts();
    // The derive's modifiers run before the areas' paths are merged, so this one runs here.
    utoipa::Modify::modify(&ErrorResponses, &mut doc);
    (router, doc)
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Sammen API", version = "1", description = "Peer support in mental health: organisations, partnerships, programmes, staff, peer workers and participants. Authenticate with a personal API token: `Authorization: Bearer smn_…`. Every access to personal data is audited."),
    components(schemas(ErrorBody, crate::error::ErrorDetail, crate::error::FieldErrorBody)),
    modifiers(&BearerAuth),
    security(("bearer" = [])),
    servers((url = "/api/v1"))
)]
pub struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("smn_ token").build()),
        );
    }
}

/// Declares, on every operation, the error statuses its extractors and use case can answer,
/// each with the one error body. Added after collection so that no handler can forget one:
/// every operation needs a token (401) and may be refused (403, e.g. a read-only token on a
/// write, or a token without an organisation); an id in the path may name nothing the caller
/// may see (404); a body may be too large (413) or malformed or invalid (422, also for a body
/// that is not JSON at all); query parameters may be invalid (422). `GET /me` answers
/// anyone with a valid token, so it is never refused.
struct ErrorResponses;

impl ErrorResponses {
    fn response(description: &str) -> utoipa::openapi::RefOr<utoipa::openapi::Response> {
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
        ResponseBuilder::new()
            .description(description)
            .content("application/json", ContentBuilder::new().schema(Some(Ref::from_schema_name("ErrorBody"))).build())
            .into()
    }
}

impl utoipa::Modify for ErrorResponses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::path::ParameterIn;
        for (path, item) in openapi.paths.paths.iter_mut() {
            let in_path = path.contains('{');
            for op in [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch].into_iter().flatten() {
                // Every `{id}` in a path is a UUID; any other text names nothing (404).
                for p in op.parameters.iter_mut().flatten() {
                    if p.name == "id" && matches!(p.parameter_in, ParameterIn::Path) {
                        p.schema = Some(<sammen_api_types::schema::Id as utoipa::PartialSchema>::schema());
                    }
                }
                let params = op.parameters.as_deref().unwrap_or_default();
                let has_query = params.iter().any(|p| matches!(p.parameter_in, ParameterIn::Query));
                let has_body = op.request_body.is_some();
                let mut add = |status: &str, description: &str| {
                    op.responses.responses.entry(status.to_owned()).or_insert_with(|| Self::response(description));
                };
                add("401", "No token, or an unknown, expired or revoked one (`WWW-Authenticate: Bearer`).");
                if path != "/me" {
                    add("403", "The token may not do this: read-only, without an organisation, or a role the rule refuses.");
                }
                if in_path {
                    add("404", "Nothing with this id that the token may see.");
                }
                if has_body {
                    add("413", "The body is larger than the server accepts.");
                    add("422", "The body is not JSON of this shape, or a field is invalid; `fields` names each field by its path.");
                } else if has_query {
                    add("422", "A query parameter is invalid; `fields` names it.");
                }
            }
        }
    }
}

/// The OpenAPI document as served and committed (`docs/openapi.json`).
pub fn openapi_document() -> String {
    parts().1.to_pretty_json().unwrap_or_default()
}

fn openapi_json(document: String) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], document).into_response()
}

/// Query parameters parsed like bodies are: a malformed one is a 422 in the API's error
/// format naming the parameter, not a bare 400.
pub struct Query<T>(pub T);

impl<T: serde::de::DeserializeOwned + Send> FromRequestParts<AppState> for Query<T> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut axum::http::request::Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let raw = parts.uri.query().unwrap_or("");
        serde_urlencoded::from_str::<T>(raw).map(Query).map_err(|e| {
            let lang = crate::i18n::api_lang_of(&parts.headers);
            tracing::debug!(error = %e, "query rejected");
            let pairs: Vec<(String, String)> = form_urlencoded::parse(raw.as_bytes()).into_owned().collect();
            let field = pairs
                .iter()
                .find(|(k, v)| (k == "page" || k == "per_page") && v.parse::<i64>().is_err())
                .map(|(k, _)| k.clone())
                .unwrap_or_else(|| "query".into());
            ApiError {
                error: AppError::Validation(ValidationErrors::single(&field, "err-choice")),
                tr: crate::i18n::Tr { i18n: state.i18n.clone(), lang },
                correlation: crate::error::correlation_id(&parts.extensions),
            }
        })
    }
}

/// Paging parameters of every list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Paging {
    /// 1-based page number (default 1).
    #[param(minimum = 1, maximum = 1_000_000, example = 1)]
    pub page: Option<i64>,
    /// Items per page, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200, example = 50)]
    pub per_page: Option<i64>,
}

impl Paging {
    pub(crate) fn parse(&self) -> Result<(i64, i64, sammen_store::Page), AppError> {
        let page = self.page.unwrap_or(1);
        let per = self.per_page.unwrap_or(50);
        let mut e = ValidationErrors::new();
        if !(1..=1_000_000).contains(&page) {
            e.add("page", "err-choice");
        }
        if !(1..=200).contains(&per) {
            e.add("per_page", "err-choice");
        }
        e.into_result()?;
        Ok((page, per, sammen_store::Page { offset: (page - 1) * per, limit: per }))
    }
}

pub(crate) type ApiResult<T> = Result<T, ApiError>;

pub(crate) fn created<T: serde::Serialize>(location: String, body: T) -> Response {
    (StatusCode::CREATED, [(header::LOCATION, location)], Json(body)).into_response()
}

pub(crate) fn id<T: std::str::FromStr>(api: &Api, raw: &str) -> ApiResult<T> {
    raw.parse::<T>().map_err(|_| api.fail(AppError::NotFound))
}

pub(crate) async fn body<T: serde::de::DeserializeOwned>(api: &Api, b: Body) -> ApiResult<T> {
    read_json(b, api.state.config.max_body_bytes).await.map_err(|e| api.fail(e))
}

/// The state is only used through extractors; this keeps the type in the signature list.
#[allow(dead_code)]
fn _state(_: State<AppState>) {}
