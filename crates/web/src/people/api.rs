//! People in the API: staff, peer workers and participants.

use axum::Json;
use axum::body::Body;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use sammen_api_types as t;
use sammen_app::people::ParticipantSearch;
use sammen_app::{AppError, people as ppl};
use sammen_domain::people::{ParticipantStatus, StaffInput};
use sammen_domain::{ParticipantId, PeerWorkerId, ProgrammeId, UserId, ValidationErrors};
use serde::Deserialize;

use crate::api::{ApiResult, Paging, Query, body, convert, created, id};
use crate::error::ErrorBody;
use crate::session::Api;

// ---------------------------------------------------------------- staff

#[utoipa::path(get, path = "/staff", tag = "staff", params(Paging), responses((status = 200, body = t::StaffPage), (status = 403, body = ErrorBody)))]
pub async fn staff_list(api: Api, Query(p): Query<Paging>) -> ApiResult<Json<t::StaffPage>> {
    let (page, per_page, sp) = p.parse().map_err(|e| api.fail(e))?;
    let (items, total) = ppl::list_staff(&api.state.app, &api.ctx, sp).await.map_err(|e| api.fail(e))?;
    Ok(Json(t::StaffPage { items: items.iter().map(convert::staff).collect(), page, per_page, total }))
}

#[utoipa::path(post, path = "/staff", tag = "staff", request_body = t::StaffInput,
    responses((status = 413, body = ErrorBody), (status = 201, body = t::StaffCreated), (status = 422, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn staff_create(api: Api, b: Body) -> ApiResult<Response> {
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
pub async fn peer_list(api: Api, Query(p): Query<Paging>) -> ApiResult<Json<t::PeerWorkerPage>> {
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
pub async fn peer_create(api: Api, b: Body) -> ApiResult<Response> {
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
#[into_params(parameter_in = Query)]
pub struct ParticipantQuery {
    /// Text matched anywhere in the pseudonym or name, case-insensitively.
    pub q: Option<String>,
    /// Only participants with this status; empty means any.
    #[param(value_type = Option<sammen_api_types::schema::OptParticipantStatus>, inline)]
    pub status: Option<String>,
    /// Only participants of this programme; empty means any.
    #[param(value_type = Option<sammen_api_types::schema::OptId>, inline)]
    pub programme_id: Option<String>,
    /// 1-based page number (default 1).
    #[param(minimum = 1, maximum = 1_000_000)]
    pub page: Option<i64>,
    /// Items per page, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub per_page: Option<i64>,
}

#[utoipa::path(get, path = "/participants", tag = "participants", params(ParticipantQuery),
    responses((status = 200, body = t::ParticipantPage), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn participant_list(api: Api, Query(q): Query<ParticipantQuery>) -> ApiResult<Json<t::ParticipantPage>> {
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

async fn participant_input(
    api: &Api,
    i: &t::ParticipantInput,
) -> ApiResult<(sammen_domain::people::ParticipantInput, Option<PeerWorkerId>)> {
    let year = api.state.app.today(&api.ctx).await.map_err(|e| api.fail(e))?.year();
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
pub async fn participant_create(api: Api, b: Body) -> ApiResult<Response> {
    let i: t::ParticipantInput = body(&api, b).await?;
    let (input, peer) = participant_input(&api, &i).await?;
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
    let (input, peer) = participant_input(&api, &i).await?;
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
