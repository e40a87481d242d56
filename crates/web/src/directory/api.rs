//! The directory in the API: organisations, partnerships and programmes.

use axum::Json;
use axum::body::Body;
use axum::extract::Path;
use axum::response::Response;
use sammen_api_types as t;
use sammen_app::{AppError, directory as dir};
use sammen_domain::{OrgId, PartnershipId, ProgrammeId};

use crate::api::{ApiResult, Paging, Query, body, convert, created, id};
use crate::error::ErrorBody;
use crate::session::Api;

// ---------------------------------------------------------------- organisations

#[utoipa::path(get, path = "/organisations", tag = "organisations", responses((status = 200, body = t::OrganisationPage), (status = 401, body = ErrorBody)))]
pub async fn org_list(api: Api) -> ApiResult<Json<t::OrganisationPage>> {
    let orgs = dir::list_orgs(&api.state.app, &api.ctx).await.map_err(|e| api.fail(e))?;
    let total = orgs.len() as i64;
    Ok(Json(t::OrganisationPage { items: orgs.iter().map(convert::org).collect(), page: 1, per_page: total.max(1), total }))
}

#[utoipa::path(post, path = "/organisations", tag = "organisations", request_body = t::OrganisationInput,
    responses((status = 413, body = ErrorBody), (status = 201, body = t::Organisation), (status = 422, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn org_create(api: Api, b: Body) -> ApiResult<Response> {
    let i: t::OrganisationInput = body(&api, b).await?;
    let input = sammen_domain::directory::OrganisationInput::parse(&i.name, &i.kind, i.require_totp, i.time_zone.as_deref())
        .map_err(|v| api.fail(AppError::Validation(v)))?;
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
    let input = sammen_domain::directory::OrganisationInput::parse(&i.name, &i.kind, i.require_totp, i.time_zone.as_deref())
        .map_err(|v| api.fail(AppError::Validation(v)))?;
    let o = dir::update_org(&api.state.app, &api.ctx, id, input).await.map_err(|e| api.fail(e))?;
    Ok(Json(convert::org(&o)))
}

// ---------------------------------------------------------------- partnerships

#[utoipa::path(get, path = "/partnerships", tag = "partnerships", responses((status = 200, body = t::PartnershipPage)))]
pub async fn partnership_list(api: Api) -> ApiResult<Json<t::PartnershipPage>> {
    let ps = dir::list_partnerships(&api.state.app, &api.ctx).await.map_err(|e| api.fail(e))?;
    let total = ps.len() as i64;
    Ok(Json(t::PartnershipPage { items: ps.iter().map(convert::partnership).collect(), page: 1, per_page: total.max(1), total }))
}

fn partnership_input(api: &Api, i: &t::PartnershipInput) -> ApiResult<sammen_domain::directory::PartnershipInput> {
    sammen_domain::directory::PartnershipInput::parse(
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
pub async fn partnership_create(api: Api, b: Body) -> ApiResult<Response> {
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
pub async fn programme_list(api: Api, Query(p): Query<Paging>) -> ApiResult<Json<t::ProgrammePage>> {
    let (page, per_page, sp) = p.parse().map_err(|e| api.fail(e))?;
    let (items, total) = dir::list_programmes(&api.state.app, &api.ctx, sp).await.map_err(|e| api.fail(e))?;
    let hours = sammen_app::measurement::report_cost::coordination_of_org(&api.state.app, &api.ctx).await.map_err(|e| api.fail(e))?;
    let items =
        items.iter().map(|p| t::Programme { coordination_hours_per_month: hours.get(&p.id).copied(), ..convert::programme(p) }).collect();
    Ok(Json(t::ProgrammePage { items, page, per_page, total }))
}

fn programme_input(api: &Api, i: &t::ProgrammeInput) -> ApiResult<sammen_domain::directory::ProgrammeInput> {
    sammen_domain::directory::ProgrammeInput::parse(
        &i.name,
        i.description.as_deref(),
        &i.delivery,
        &i.modes,
        &i.locations.join("\n"),
        i.active,
    )
    .map_err(|v| api.fail(AppError::Validation(v)))
}

/// The programme's coordination hours a month from the body, checked like the form's.
fn coordination_input(api: &Api, i: &t::ProgrammeInput) -> ApiResult<Option<f64>> {
    sammen_app::measurement::report_cost::check_coordination(i.coordination_hours_per_month).map_err(|v| api.fail(AppError::Validation(v)))
}

/// Saves the programme with its coordination hours in one transaction and answers it.
async fn save_with_coordination(
    api: &Api,
    id: Option<ProgrammeId>,
    input: sammen_domain::directory::ProgrammeInput,
    hours: Option<f64>,
) -> ApiResult<t::Programme> {
    let p = dir::save_programme_with_coordination(&api.state.app, &api.ctx, id, input, hours).await.map_err(|e| api.fail(e))?;
    Ok(t::Programme { coordination_hours_per_month: hours, ..convert::programme(&p) })
}

#[utoipa::path(post, path = "/programmes", tag = "programmes", request_body = t::ProgrammeInput,
    responses((status = 413, body = ErrorBody), (status = 201, body = t::Programme), (status = 422, body = ErrorBody)))]
pub async fn programme_create(api: Api, b: Body) -> ApiResult<Response> {
    let i: t::ProgrammeInput = body(&api, b).await?;
    let input = programme_input(&api, &i)?;
    let hours = coordination_input(&api, &i)?;
    let out = save_with_coordination(&api, None, input, hours).await?;
    Ok(created(format!("/api/v1/programmes/{}", out.id), out))
}

#[utoipa::path(get, path = "/programmes/{id}", tag = "programmes", params(("id" = String, Path)),
    responses((status = 200, body = t::Programme), (status = 404, body = ErrorBody)))]
pub async fn programme_get(api: Api, Path(raw): Path<String>) -> ApiResult<Json<t::Programme>> {
    let id: ProgrammeId = id(&api, &raw)?;
    let p = dir::get_programme(&api.state.app, &api.ctx, id).await.map_err(|e| api.fail(e))?;
    let hours = sammen_app::measurement::report_cost::coordination_of(&api.state.app, &api.ctx, id).await.map_err(|e| api.fail(e))?;
    Ok(Json(t::Programme { coordination_hours_per_month: hours, ..convert::programme(&p) }))
}

#[utoipa::path(put, path = "/programmes/{id}", tag = "programmes", params(("id" = String, Path)), request_body = t::ProgrammeInput,
    responses((status = 413, body = ErrorBody), (status = 200, body = t::Programme), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn programme_put(api: Api, Path(raw): Path<String>, b: Body) -> ApiResult<Json<t::Programme>> {
    let id: ProgrammeId = id(&api, &raw)?;
    let i: t::ProgrammeInput = body(&api, b).await?;
    let input = programme_input(&api, &i)?;
    let hours = coordination_input(&api, &i)?;
    Ok(Json(save_with_coordination(&api, Some(id), input, hours).await?))
}
