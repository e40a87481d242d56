//! The REST API under `/api/v1`: bearer tokens only, JSON in and out, one error body,
//! pagination, `Location` on create, and an OpenAPI 3.1 document that a test keeps in step
//! with the committed copy.

mod convert;

use axum::body::Body;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use sammen_api_types as t;
use sammen_app::people::ParticipantSearch;
use sammen_app::{AppError, directory as dir, people as ppl};
use sammen_domain::people::{ParticipantStatus, StaffInput};
use sammen_domain::{OrgId, ParticipantId, PartnershipId, PeerWorkerId, ProgrammeId, UserId, ValidationErrors};
use serde::Deserialize;
pub mod courses;
pub mod groups;
pub mod intake;
pub mod measure;
pub mod workforce;
// Supervision and wellbeing (issue 3, items 6 and 7).
pub mod supervision;
// Onboarding and training (issue 3).
pub mod training;
// Recruitment (issue 3, item 2).
pub mod recruitment;

use utoipa::OpenApi;

use crate::AppState;
use crate::error::{ApiError, ErrorBody};
use crate::form::read_json;
use crate::session::Api;

/// Routes without an id; those with one are in [`crate::routes`].
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi_json))
        .route("/me", get(me))
        .route("/organisations", get(org_list).post(org_create))
        .route("/partnerships", get(partnership_list).post(partnership_create))
        .route("/programmes", get(programme_list).post(programme_create))
        .route("/staff", get(staff_list).post(staff_create))
        .route("/peer-workers", get(peer_list).post(peer_create))
        .route("/participants", get(participant_list).post(participant_create))
        .route("/instruments", get(measure::instrument_list))
        .route("/referrals", axum::routing::post(intake::referral_create))
        .route("/groups", get(groups::group_list))
        .route("/workforce/overview", get(workforce::overview))
        .route("/instruments/{instrument}/questionnaire", get(measure::questionnaire_get).put(measure::questionnaire_put))
        // Supervision and wellbeing (issue 3, items 6 and 7).
        .route("/supervision/overview", get(supervision::overview))
        .route("/supervision/sessions", axum::routing::post(supervision::session_create))
        .route("/wellbeing/check-ins", axum::routing::post(supervision::check_in_create))
        .route("/wellbeing/aggregates", get(supervision::aggregates))
        // onboarding and training (issue 3)
        .route("/training/courses", get(training::course_list))
        // Recruitment (issue 3, item 2).
        .route("/postings", get(recruitment::postings))
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Sammen API", version = "1", description = "Peer support in mental health: organisations, partnerships, programmes, staff, peer workers and participants. Authenticate with a personal API token: `Authorization: Bearer smn_…`. Every access to personal data is audited."),
    paths(
        me, org_list, org_create, org_get, org_put, partnership_list, partnership_create, partnership_get, partnership_put,
        programme_list, programme_create, programme_get, programme_put, staff_list, staff_create, staff_get, staff_put,
        peer_list, peer_create, peer_get, peer_put, participant_list, participant_create, participant_get, participant_put, participant_delete,
        measure::instrument_list, measure::questionnaire_get, measure::questionnaire_put, measure::plan_list, measure::plan_create,
        measure::participant_measurements, measure::response_import, measure::response_get, measure::life_event_add,
        courses::proposal, courses::approve, courses::course_get, courses::offer_put, courses::session_add,
        intake::referral_create, intake::referral_get, intake::consent_list, intake::consent_create, intake::consent_withdraw,
        intake::waiting_list,
        groups::group_list, groups::group_get, groups::meeting_create, groups::attendance_put,
        workforce::overview,
        // Supervision and wellbeing (issue 3).
        supervision::overview, supervision::session_create, supervision::session_get, supervision::check_in_create, supervision::aggregates,
        // Onboarding and training (issue 3).
        training::course_list, training::enrol, training::complete, training::record, training::onboarding,
        // Recruitment (issue 3, item 2).
        recruitment::postings, recruitment::applications, recruitment::application_get, recruitment::stage, recruitment::scores
    ),
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

/// The OpenAPI document as served and committed (`docs/openapi.json`).
pub fn openapi_document() -> String {
    ApiDoc::openapi().to_pretty_json().unwrap_or_default()
}

async fn openapi_json() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], openapi_document()).into_response()
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
pub struct Paging {
    /// 1-based page number (default 1).
    pub page: Option<i64>,
    /// Items per page, 1 to 200 (default 50).
    pub per_page: Option<i64>,
}

impl Paging {
    fn parse(&self) -> Result<(i64, i64, sammen_store::Page), AppError> {
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

#[utoipa::path(get, path = "/me", tag = "account", responses((status = 200, body = t::Me), (status = 401, body = ErrorBody)))]
async fn me(api: Api) -> Json<t::Me> {
    let c = &api.ctx;
    Json(t::Me {
        user_id: c.actor.user.to_string(),
        organisation_id: c.org.map(|o| o.to_string()),
        role: c.org.and_then(|o| c.actor.role_in(o)).map(|r| r.code().to_owned()),
        system_admin: c.actor.system_admin,
        can_write: c.can_write,
    })
}

// ---------------------------------------------------------------- organisations

#[utoipa::path(get, path = "/organisations", tag = "organisations", responses((status = 200, body = t::OrganisationPage), (status = 401, body = ErrorBody)))]
async fn org_list(api: Api) -> ApiResult<Json<t::OrganisationPage>> {
    let orgs = dir::list_orgs(&api.state.app, &api.ctx).await.map_err(|e| api.fail(e))?;
    let total = orgs.len() as i64;
    Ok(Json(t::OrganisationPage { items: orgs.iter().map(convert::org).collect(), page: 1, per_page: total.max(1), total }))
}

#[utoipa::path(post, path = "/organisations", tag = "organisations", request_body = t::OrganisationInput,
    responses((status = 413, body = ErrorBody), (status = 201, body = t::Organisation), (status = 422, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn org_create(api: Api, b: Body) -> ApiResult<Response> {
    let i: t::OrganisationInput = body(&api, b).await?;
    let input =
        sammen_domain::org::OrganisationInput::parse(&i.name, &i.kind, i.require_totp).map_err(|v| api.fail(AppError::Validation(v)))?;
    let o = dir::create_org(&api.state.app, &api.ctx, input).await.map_err(|e| api.fail(e))?;
    Ok(created(format!("/api/v1/organisations/{}", o.id), convert::org(&o)))
}

#[utoipa::path(get, path = "/organisations/{id}", tag = "organisations", params(("id" = String, Path)),
    responses((status = 200, body = t::Organisation), (status = 404, body = ErrorBody)))]
pub async fn org_get(api: Api, Path(raw): Path<String>) -> ApiResult<Json<t::Organisation>> {
    let id: OrgId = id(&api, &raw)?;
    let o = dir::get_org(&api.state.app, &api.ctx, id).await.map_err(|e| api.fail(e))?;
    Ok(Json(convert::org(&o)))
}

#[utoipa::path(put, path = "/organisations/{id}", tag = "organisations", params(("id" = String, Path)), request_body = t::OrganisationInput,
    responses((status = 413, body = ErrorBody), (status = 200, body = t::Organisation), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn org_put(api: Api, Path(raw): Path<String>, b: Body) -> ApiResult<Json<t::Organisation>> {
    let id: OrgId = id(&api, &raw)?;
    let i: t::OrganisationInput = body(&api, b).await?;
    let input =
        sammen_domain::org::OrganisationInput::parse(&i.name, &i.kind, i.require_totp).map_err(|v| api.fail(AppError::Validation(v)))?;
    let o = dir::update_org(&api.state.app, &api.ctx, id, input).await.map_err(|e| api.fail(e))?;
    Ok(Json(convert::org(&o)))
}

// ---------------------------------------------------------------- partnerships

#[utoipa::path(get, path = "/partnerships", tag = "partnerships", responses((status = 200, body = t::PartnershipPage)))]
async fn partnership_list(api: Api) -> ApiResult<Json<t::PartnershipPage>> {
    let ps = dir::list_partnerships(&api.state.app, &api.ctx).await.map_err(|e| api.fail(e))?;
    let total = ps.len() as i64;
    Ok(Json(t::PartnershipPage { items: ps.iter().map(convert::partnership).collect(), page: 1, per_page: total.max(1), total }))
}

fn partnership_input(api: &Api, i: &t::PartnershipInput) -> ApiResult<sammen_domain::org::PartnershipInput> {
    sammen_domain::org::PartnershipInput::parse(
        &i.name,
        &i.purpose,
        &i.legal_basis,
        &i.data_categories,
        &i.valid_from,
        i.valid_to.as_deref(),
        &i.parties,
    )
    .map_err(|v| api.fail(AppError::Validation(v)))
}

#[utoipa::path(post, path = "/partnerships", tag = "partnerships", request_body = t::PartnershipInput,
    responses((status = 413, body = ErrorBody), (status = 201, body = t::Partnership), (status = 422, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn partnership_create(api: Api, b: Body) -> ApiResult<Response> {
    let i: t::PartnershipInput = body(&api, b).await?;
    let input = partnership_input(&api, &i)?;
    let p = dir::save_partnership(&api.state.app, &api.ctx, None, input).await.map_err(|e| api.fail(e))?;
    Ok(created(format!("/api/v1/partnerships/{}", p.id), convert::partnership(&p)))
}

#[utoipa::path(get, path = "/partnerships/{id}", tag = "partnerships", params(("id" = String, Path)),
    responses((status = 200, body = t::Partnership), (status = 404, body = ErrorBody)))]
pub async fn partnership_get(api: Api, Path(raw): Path<String>) -> ApiResult<Json<t::Partnership>> {
    let id: PartnershipId = id(&api, &raw)?;
    let p = dir::get_partnership(&api.state.app, &api.ctx, id).await.map_err(|e| api.fail(e))?;
    Ok(Json(convert::partnership(&p)))
}

#[utoipa::path(put, path = "/partnerships/{id}", tag = "partnerships", params(("id" = String, Path)), request_body = t::PartnershipInput,
    responses((status = 413, body = ErrorBody), (status = 200, body = t::Partnership), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn partnership_put(api: Api, Path(raw): Path<String>, b: Body) -> ApiResult<Json<t::Partnership>> {
    let id: PartnershipId = id(&api, &raw)?;
    let i: t::PartnershipInput = body(&api, b).await?;
    let input = partnership_input(&api, &i)?;
    let p = dir::save_partnership(&api.state.app, &api.ctx, Some(id), input).await.map_err(|e| api.fail(e))?;
    Ok(Json(convert::partnership(&p)))
}

// ---------------------------------------------------------------- programmes

#[utoipa::path(get, path = "/programmes", tag = "programmes", params(Paging), responses((status = 200, body = t::ProgrammePage)))]
async fn programme_list(api: Api, Query(p): Query<Paging>) -> ApiResult<Json<t::ProgrammePage>> {
    let (page, per_page, sp) = p.parse().map_err(|e| api.fail(e))?;
    let (items, total) = dir::list_programmes(&api.state.app, &api.ctx, sp).await.map_err(|e| api.fail(e))?;
    Ok(Json(t::ProgrammePage { items: items.iter().map(convert::programme).collect(), page, per_page, total }))
}

fn programme_input(api: &Api, i: &t::ProgrammeInput) -> ApiResult<sammen_domain::org::ProgrammeInput> {
    sammen_domain::org::ProgrammeInput::parse(&i.name, i.description.as_deref(), &i.delivery, &i.modes, &i.locations.join("\n"), i.active)
        .map_err(|v| api.fail(AppError::Validation(v)))
}

#[utoipa::path(post, path = "/programmes", tag = "programmes", request_body = t::ProgrammeInput,
    responses((status = 413, body = ErrorBody), (status = 201, body = t::Programme), (status = 422, body = ErrorBody)))]
async fn programme_create(api: Api, b: Body) -> ApiResult<Response> {
    let i: t::ProgrammeInput = body(&api, b).await?;
    let input = programme_input(&api, &i)?;
    let p = dir::save_programme(&api.state.app, &api.ctx, None, input).await.map_err(|e| api.fail(e))?;
    Ok(created(format!("/api/v1/programmes/{}", p.id), convert::programme(&p)))
}

#[utoipa::path(get, path = "/programmes/{id}", tag = "programmes", params(("id" = String, Path)),
    responses((status = 200, body = t::Programme), (status = 404, body = ErrorBody)))]
pub async fn programme_get(api: Api, Path(raw): Path<String>) -> ApiResult<Json<t::Programme>> {
    let id: ProgrammeId = id(&api, &raw)?;
    let p = dir::get_programme(&api.state.app, &api.ctx, id).await.map_err(|e| api.fail(e))?;
    Ok(Json(convert::programme(&p)))
}

#[utoipa::path(put, path = "/programmes/{id}", tag = "programmes", params(("id" = String, Path)), request_body = t::ProgrammeInput,
    responses((status = 413, body = ErrorBody), (status = 200, body = t::Programme), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn programme_put(api: Api, Path(raw): Path<String>, b: Body) -> ApiResult<Json<t::Programme>> {
    let id: ProgrammeId = id(&api, &raw)?;
    let i: t::ProgrammeInput = body(&api, b).await?;
    let input = programme_input(&api, &i)?;
    let p = dir::save_programme(&api.state.app, &api.ctx, Some(id), input).await.map_err(|e| api.fail(e))?;
    Ok(Json(convert::programme(&p)))
}

// ---------------------------------------------------------------- staff

#[utoipa::path(get, path = "/staff", tag = "staff", params(Paging), responses((status = 200, body = t::StaffPage), (status = 403, body = ErrorBody)))]
async fn staff_list(api: Api, Query(p): Query<Paging>) -> ApiResult<Json<t::StaffPage>> {
    let (page, per_page, sp) = p.parse().map_err(|e| api.fail(e))?;
    let (items, total) = ppl::list_staff(&api.state.app, &api.ctx, sp).await.map_err(|e| api.fail(e))?;
    Ok(Json(t::StaffPage { items: items.iter().map(convert::staff).collect(), page, per_page, total }))
}

#[utoipa::path(post, path = "/staff", tag = "staff", request_body = t::StaffInput,
    responses((status = 413, body = ErrorBody), (status = 201, body = t::StaffCreated), (status = 422, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn staff_create(api: Api, b: Body) -> ApiResult<Response> {
    let i: t::StaffInput = body(&api, b).await?;
    let input = StaffInput::parse(&i.email, &i.display_name, &i.role).map_err(|v| api.fail(AppError::Validation(v)))?;
    let org = api.ctx.org().map_err(|e| api.fail(e))?;
    let (s, pw) = ppl::create_staff(&api.state.app, &api.ctx, org, input, None).await.map_err(|e| api.fail(e))?;
    Ok(created(format!("/api/v1/staff/{}", s.id), t::StaffCreated { staff: convert::staff(&s), one_time_password: pw.unwrap_or_default() }))
}

#[utoipa::path(get, path = "/staff/{id}", tag = "staff", params(("id" = String, Path)),
    responses((status = 200, body = t::Staff), (status = 404, body = ErrorBody)))]
pub async fn staff_get(api: Api, Path(raw): Path<String>) -> ApiResult<Json<t::Staff>> {
    let id: UserId = id(&api, &raw)?;
    let s = ppl::get_staff(&api.state.app, &api.ctx, id).await.map_err(|e| api.fail(e))?;
    Ok(Json(convert::staff(&s)))
}

#[utoipa::path(put, path = "/staff/{id}", tag = "staff", params(("id" = String, Path)), request_body = t::StaffUpdate,
    responses((status = 413, body = ErrorBody), (status = 200, body = t::Staff), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn staff_put(api: Api, Path(raw): Path<String>, b: Body) -> ApiResult<Json<t::Staff>> {
    let id: UserId = id(&api, &raw)?;
    let i: t::StaffUpdate = body(&api, b).await?;
    let s = ppl::update_staff(&api.state.app, &api.ctx, id, &i.display_name, &i.role, i.active).await.map_err(|e| api.fail(e))?;
    Ok(Json(convert::staff(&s)))
}

// ---------------------------------------------------------------- peer workers

#[utoipa::path(get, path = "/peer-workers", tag = "peer-workers", params(Paging), responses((status = 200, body = t::PeerWorkerPage), (status = 403, body = ErrorBody)))]
async fn peer_list(api: Api, Query(p): Query<Paging>) -> ApiResult<Json<t::PeerWorkerPage>> {
    let (page, per_page, sp) = p.parse().map_err(|e| api.fail(e))?;
    let (items, total) = ppl::list_peers(&api.state.app, &api.ctx, sp).await.map_err(|e| api.fail(e))?;
    Ok(Json(t::PeerWorkerPage { items: items.iter().map(convert::peer).collect(), page, per_page, total }))
}

fn peer_input(api: &Api, i: &t::PeerWorkerInput) -> ApiResult<sammen_domain::people::PeerWorkerInput> {
    sammen_domain::people::PeerWorkerInput::parse(
        &i.display_name,
        i.email.as_deref(),
        i.phone.as_deref(),
        &i.engagement,
        &i.status,
        &i.languages.join(","),
        &i.modes,
    )
    .map_err(|v| api.fail(AppError::Validation(v)))
}

#[utoipa::path(post, path = "/peer-workers", tag = "peer-workers", request_body = t::PeerWorkerInput,
    responses((status = 413, body = ErrorBody), (status = 201, body = t::PeerWorker), (status = 422, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn peer_create(api: Api, b: Body) -> ApiResult<Response> {
    let i: t::PeerWorkerInput = body(&api, b).await?;
    let input = peer_input(&api, &i)?;
    let p = ppl::save_peer(&api.state.app, &api.ctx, None, input).await.map_err(|e| api.fail(e))?;
    Ok(created(format!("/api/v1/peer-workers/{}", p.id), convert::peer(&p)))
}

#[utoipa::path(get, path = "/peer-workers/{id}", tag = "peer-workers", params(("id" = String, Path)),
    responses((status = 200, body = t::PeerWorker), (status = 404, body = ErrorBody)))]
pub async fn peer_get(api: Api, Path(raw): Path<String>) -> ApiResult<Json<t::PeerWorker>> {
    let id: PeerWorkerId = id(&api, &raw)?;
    let p = ppl::get_peer(&api.state.app, &api.ctx, id).await.map_err(|e| api.fail(e))?;
    Ok(Json(convert::peer(&p)))
}

#[utoipa::path(put, path = "/peer-workers/{id}", tag = "peer-workers", params(("id" = String, Path)), request_body = t::PeerWorkerInput,
    responses((status = 413, body = ErrorBody), (status = 200, body = t::PeerWorker), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn peer_put(api: Api, Path(raw): Path<String>, b: Body) -> ApiResult<Json<t::PeerWorker>> {
    let id: PeerWorkerId = id(&api, &raw)?;
    let i: t::PeerWorkerInput = body(&api, b).await?;
    let input = peer_input(&api, &i)?;
    let p = ppl::save_peer(&api.state.app, &api.ctx, Some(id), input).await.map_err(|e| api.fail(e))?;
    Ok(Json(convert::peer(&p)))
}

// ---------------------------------------------------------------- participants

/// Participant search parameters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ParticipantQuery {
    /// Text matched anywhere in the pseudonym or name, case-insensitively.
    pub q: Option<String>,
    /// waiting | active | closed
    pub status: Option<String>,
    pub programme_id: Option<String>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

#[utoipa::path(get, path = "/participants", tag = "participants", params(ParticipantQuery),
    responses((status = 200, body = t::ParticipantPage), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn participant_list(api: Api, Query(q): Query<ParticipantQuery>) -> ApiResult<Json<t::ParticipantPage>> {
    let (page, per_page, sp) = Paging { page: q.page, per_page: q.per_page }.parse().map_err(|e| api.fail(e))?;
    let mut e = ValidationErrors::new();
    let status = match q.status.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => e.check("status", ParticipantStatus::parse(s)),
        None => None,
    };
    let programme = match q.programme_id.as_deref().filter(|s| !s.is_empty()) {
        Some(p) => e.check("programme_id", p.parse::<ProgrammeId>().map_err(|_| "err-choice")),
        None => None,
    };
    e.into_result().map_err(|v| api.fail(AppError::Validation(v)))?;
    let search = ParticipantSearch { text: q.q.clone(), status, programme };
    let (items, total) = ppl::search_participants(&api.state.app, &api.ctx, search, sp).await.map_err(|e| api.fail(e))?;
    Ok(Json(t::ParticipantPage { items: items.iter().map(convert::participant).collect(), page, per_page, total }))
}

fn participant_input(api: &Api, i: &t::ParticipantInput) -> ApiResult<(sammen_domain::people::ParticipantInput, Option<PeerWorkerId>)> {
    let year = api.state.app.now().date().year();
    let by = i.birth_year.map(|y| y.to_string());
    let parsed = sammen_domain::people::ParticipantInput::parse(
        i.name.as_deref(),
        i.cpr.as_deref(),
        by.as_deref(),
        i.gender.as_deref(),
        i.phone.as_deref(),
        i.email.as_deref(),
        i.programme_id.as_deref(),
        &i.status,
        &i.languages.join(","),
        year,
    );
    let peer = match i.assigned_peer_id.as_deref().filter(|p| !p.is_empty()) {
        Some(p) => p.parse::<PeerWorkerId>().map(Some).map_err(|_| "err-choice"),
        None => Ok(None),
    };
    match (parsed, peer) {
        (Ok(p), Ok(peer)) => Ok((p, peer)),
        (Err(mut e), peer) => {
            if let Err(m) = peer {
                e.add("assigned_peer_id", m);
            }
            Err(api.fail(AppError::Validation(e)))
        }
        (Ok(_), Err(m)) => Err(api.fail(AppError::Validation(ValidationErrors::single("assigned_peer_id", m)))),
    }
}

#[utoipa::path(post, path = "/participants", tag = "participants", request_body = t::ParticipantInput,
    responses((status = 413, body = ErrorBody), (status = 201, body = t::Participant), (status = 422, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn participant_create(api: Api, b: Body) -> ApiResult<Response> {
    let i: t::ParticipantInput = body(&api, b).await?;
    let (input, peer) = participant_input(&api, &i)?;
    let p = ppl::create_participant(&api.state.app, &api.ctx, input, peer).await.map_err(|e| api.fail(e))?;
    Ok(created(format!("/api/v1/participants/{}", p.id), convert::participant(&p)))
}

#[utoipa::path(get, path = "/participants/{id}", tag = "participants", params(("id" = String, Path)),
    responses((status = 200, body = t::Participant), (status = 404, body = ErrorBody)))]
pub async fn participant_get(api: Api, Path(raw): Path<String>) -> ApiResult<Json<t::Participant>> {
    let id: ParticipantId = id(&api, &raw)?;
    let p = ppl::get_participant(&api.state.app, &api.ctx, id).await.map_err(|e| api.fail(e))?;
    Ok(Json(convert::participant(&p)))
}

#[utoipa::path(put, path = "/participants/{id}", tag = "participants", params(("id" = String, Path)), request_body = t::ParticipantInput,
    responses((status = 413, body = ErrorBody), (status = 200, body = t::Participant), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn participant_put(api: Api, Path(raw): Path<String>, b: Body) -> ApiResult<Json<t::Participant>> {
    let id: ParticipantId = id(&api, &raw)?;
    let i: t::ParticipantInput = body(&api, b).await?;
    let (input, peer) = participant_input(&api, &i)?;
    let p = ppl::update_participant(&api.state.app, &api.ctx, id, input, peer).await.map_err(|e| api.fail(e))?;
    Ok(Json(convert::participant(&p)))
}

#[utoipa::path(delete, path = "/participants/{id}", tag = "participants", params(("id" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn participant_delete(api: Api, Path(raw): Path<String>) -> ApiResult<StatusCode> {
    let id: ParticipantId = id(&api, &raw)?;
    ppl::delete_participant(&api.state.app, &api.ctx, id).await.map_err(|e| api.fail(e))?;
    Ok(StatusCode::NO_CONTENT)
}

/// The state is only used through extractors; this keeps the type in the signature list.
#[allow(dead_code)]
fn _state(_: State<AppState>) {}
