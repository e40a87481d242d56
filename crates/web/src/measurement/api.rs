//! The measurement API: instruments as FHIR R4 Questionnaires (export, and loading an
//! organisation's licensed text), measurement plans, a participant's measurements, FHIR R4
//! QuestionnaireResponse export and import, and life outcomes.

use axum::Json;
use axum::body::Body;
use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use sammen_api_types as t;
use sammen_app::AppError;
use sammen_app::measurement as ms;
use sammen_domain::measurement::{LifeEventInput, PlanInput};
use sammen_domain::time::format_date;
use sammen_domain::{ParticipantId, ProgrammeId, ResponseId};
use sammen_instruments::Lang;

use crate::api::{ApiResult, body, created, id};
use crate::form::read_body;
use crate::session::Api;

fn fhir(doc: serde_json::Value) -> Response {
    ([(header::CONTENT_TYPE, "application/fhir+json")], serde_json::to_string(&doc).unwrap_or_default()).into_response()
}

fn instrument(v: &ms::InstrumentView) -> t::Instrument {
    let d = &v.definition;
    t::Instrument {
        id: d.id.clone(),
        version: d.version.clone(),
        title_da: d.title.get(Lang::Da).unwrap_or_default().to_owned(),
        title_en: d.title.get(Lang::En).unwrap_or_default().to_owned(),
        validated: d.validated,
        has_text: v.has_text,
        loaded_text: v.loaded_text.clone(),
        items: d.items.len(),
    }
}

#[utoipa::path(get, path = "/instruments", tag = "measurement", responses((status = 200, body = Vec<t::Instrument>)))]
pub async fn instrument_list(api: Api) -> ApiResult<Json<Vec<t::Instrument>>> {
    let list = ms::list_instruments(&api.state.app, &api.ctx).await.map_err(|e| api.fail(e))?;
    Ok(Json(list.iter().map(instrument).collect()))
}

#[utoipa::path(get, path = "/instruments/{instrument}/questionnaire", tag = "measurement", params(("instrument" = String, Path)),
    responses((status = 200, description = "A FHIR R4 Questionnaire", content_type = "application/fhir+json"), (status = 404, body = crate::error::ErrorBody)))]
pub async fn questionnaire_get(api: Api, Path(key): Path<String>) -> ApiResult<Response> {
    let doc = ms::questionnaire_json(&api.state.app, &api.ctx, &key).await.map_err(|e| api.fail(e))?;
    Ok(fhir(doc))
}

#[utoipa::path(put, path = "/instruments/{instrument}/questionnaire", tag = "measurement", params(("instrument" = String, Path)),
    request_body(content = sammen_api_types::schema::FhirQuestionnaire, description = "The organisation's licensed FHIR R4 Questionnaire with the item text", content_type = "application/fhir+json"),
    responses((status = 200, body = t::Instrument), (status = 422, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn questionnaire_put(api: Api, Path(key): Path<String>, b: Body) -> ApiResult<Json<t::Instrument>> {
    let bytes = read_body(b, api.state.config.max_body_bytes).await.map_err(|e| api.fail(e))?;
    let json = String::from_utf8(bytes.to_vec())
        .map_err(|_| api.fail(AppError::Validation(sammen_domain::ValidationErrors::single("questionnaire", "err-fhir-json"))))?;
    let v = ms::load_instrument_text(&api.state.app, &api.ctx, &key, json).await.map_err(|e| api.fail(e))?;
    Ok(Json(instrument(&v)))
}

fn plan(p: &ms::PlanView) -> t::MeasurementPlan {
    t::MeasurementPlan {
        id: p.id.to_string(),
        programme_id: p.programme_id.to_string(),
        instrument: p.instrument.id.clone(),
        instrument_version: p.instrument.version.clone(),
        at_start: p.schedule.at_start,
        every_weeks: p.schedule.every_weeks,
        at_closure: p.schedule.at_closure,
        followup_months: p.schedule.followup_months,
        reminder_days: p.reminder_days,
        target_percent: p.target_percent,
        valid_days: p.valid_days,
        active: p.active,
    }
}

#[utoipa::path(get, path = "/programmes/{id}/measurement-plans", tag = "measurement", params(("id" = String, Path)),
    responses((status = 200, body = Vec<t::MeasurementPlan>), (status = 404, body = crate::error::ErrorBody)))]
pub async fn plan_list(api: Api, Path(raw): Path<String>) -> ApiResult<Json<Vec<t::MeasurementPlan>>> {
    let id: ProgrammeId = id(&api, &raw)?;
    let list = ms::list_plans(&api.state.app, &api.ctx, id).await.map_err(|e| api.fail(e))?;
    Ok(Json(list.iter().map(plan).collect()))
}

#[utoipa::path(post, path = "/programmes/{id}/measurement-plans", tag = "measurement", params(("id" = String, Path)), request_body = t::MeasurementPlanInput,
    responses((status = 201, body = t::MeasurementPlan), (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn plan_create(api: Api, Path(raw): Path<String>, b: Body) -> ApiResult<Response> {
    let id: ProgrammeId = id(&api, &raw)?;
    let i: t::MeasurementPlanInput = body(&api, b).await?;
    let s = |v: Option<u32>| v.map(|n| n.to_string());
    let (every, follow, remind, valid) = (s(i.every_weeks), s(i.followup_months), s(i.reminder_days), s(i.valid_days));
    let target = s(i.target_percent);
    let input = PlanInput::parse_with_target(
        &i.instrument,
        i.at_start,
        every.as_deref(),
        i.at_closure,
        follow.as_deref(),
        remind.as_deref(),
        valid.as_deref(),
        target.as_deref(),
    )
    .map_err(|e| api.fail(AppError::Validation(e)))?;
    let p = ms::create_plan(&api.state.app, &api.ctx, id, input).await.map_err(|e| api.fail(e))?;
    Ok(created(format!("/api/v1/programmes/{id}/measurement-plans"), plan(&p)))
}

#[utoipa::path(get, path = "/participants/{id}/measurements", tag = "measurement", params(("id" = String, Path)),
    responses((status = 200, body = t::Measurements), (status = 404, body = crate::error::ErrorBody)))]
pub async fn participant_measurements(api: Api, Path(raw): Path<String>) -> ApiResult<Json<t::Measurements>> {
    let id: ParticipantId = id(&api, &raw)?;
    let o = ms::participant_measurements(&api.state.app, &api.ctx, id).await.map_err(|e| api.fail(e))?;
    Ok(Json(t::Measurements {
        participant_id: id.to_string(),
        invitations: o
            .invitations
            .iter()
            .map(|i| t::Invitation {
                id: i.id.to_string(),
                instrument: i.instrument.id.clone(),
                instrument_version: i.instrument.version.clone(),
                wave: i.wave.clone(),
                due_at: i.due_at.rfc3339(),
                expires_at: i.expires_at.rfc3339(),
                status: i.status.code().into(),
                reminders_sent: i.reminders_sent,
                response_id: i.response.map(|r| r.to_string()),
            })
            .collect(),
        responses: o
            .responses
            .iter()
            .map(|r| t::ResponseSummary {
                id: r.id.to_string(),
                instrument: r.instrument.id.clone(),
                instrument_version: r.instrument.version.clone(),
                wave: r.wave.clone(),
                source: r.source.code().into(),
                status: r.status.code().into(),
                score: r.result.as_ref().map(|s| s.score),
                raw: r.result.as_ref().map(|s| s.raw),
                prorated: r.result.as_ref().is_some_and(|s| s.prorated),
                band: r.result.as_ref().and_then(|s| s.band.clone()),
                answered: r.answered,
                items: r.items,
                started_at: r.started_at.rfc3339(),
                completed_at: r.completed_at.map(|c| c.rfc3339()),
            })
            .collect(),
        chime: o
            .chime
            .iter()
            .map(|p| t::ChimePoint {
                at: p.at.rfc3339(),
                wave: p.wave.clone(),
                domains: p.profile.domains.iter().map(|d| (d.domain.code().to_owned(), d.mean)).collect(),
            })
            .collect(),
        life_events: o.life_events.iter().map(life_event).collect(),
    }))
}

fn life_event(e: &ms::LifeEventView) -> t::LifeEvent {
    t::LifeEvent {
        id: e.id.to_string(),
        kind: e.kind.code().into(),
        occurred_on: format_date(e.occurred_on),
        ended_on: e.ended_on.map(format_date),
        quantity: e.quantity,
        source: e.source.code().into(),
        note: e.note.clone(),
    }
}

#[utoipa::path(post, path = "/participants/{id}/responses", tag = "measurement", params(("id" = String, Path)),
    request_body(content = sammen_api_types::schema::FhirQuestionnaireResponse, description = "A FHIR R4 QuestionnaireResponse", content_type = "application/fhir+json"),
    responses((status = 201, body = t::Created), (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn response_import(api: Api, Path(raw): Path<String>, b: Body) -> ApiResult<Response> {
    let id: ParticipantId = id(&api, &raw)?;
    let bytes = read_body(b, api.state.config.max_body_bytes).await.map_err(|e| api.fail(e))?;
    let json = String::from_utf8(bytes.to_vec())
        .map_err(|_| api.fail(AppError::Validation(sammen_domain::ValidationErrors::single("questionnaire_response", "err-fhir-json"))))?;
    let r = ms::import_response_fhir(&api.state.app, &api.ctx, id, json).await.map_err(|e| api.fail(e))?;
    Ok(created(format!("/api/v1/responses/{r}"), t::Created { id: r.to_string() }))
}

#[utoipa::path(get, path = "/responses/{id}", tag = "measurement", params(("id" = String, Path)),
    responses((status = 200, description = "A FHIR R4 QuestionnaireResponse with derived scores", content_type = "application/fhir+json"), (status = 404, body = crate::error::ErrorBody)))]
pub async fn response_get(api: Api, Path(raw): Path<String>) -> ApiResult<Response> {
    let id: ResponseId = id(&api, &raw)?;
    let doc = ms::response_fhir(&api.state.app, &api.ctx, id).await.map_err(|e| api.fail(e))?;
    Ok(fhir(doc))
}

#[utoipa::path(post, path = "/participants/{id}/life-events", tag = "measurement", params(("id" = String, Path)), request_body = t::LifeEventInput,
    responses((status = 201, body = t::LifeEvent), (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn life_event_add(api: Api, Path(raw): Path<String>, b: Body) -> ApiResult<Response> {
    let id: ParticipantId = id(&api, &raw)?;
    let i: t::LifeEventInput = body(&api, b).await?;
    let q = i.quantity.map(|n| n.to_string());
    let today = api.state.app.today(&api.ctx).await.map_err(|e| api.fail(e))?;
    let input = LifeEventInput::parse(&i.kind, &i.occurred_on, i.ended_on.as_deref(), q.as_deref(), &i.source, i.note.as_deref(), today)
        .map_err(|e| api.fail(AppError::Validation(e)))?;
    let e = ms::add_life_event(&api.state.app, &api.ctx, id, input).await.map_err(|e| api.fail(e))?;
    Ok((StatusCode::CREATED, Json(life_event(&e))).into_response())
}
