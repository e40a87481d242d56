//! The training API: the catalogue, enrolment and completion in a cohort, and a peer
//! worker's training record and onboarding.

use axum::Json;
use axum::body::Body;
use axum::extract::Path;
use axum::response::Response;
use sammen_api_types::workforce::training as t;
use sammen_app::AppError;
use sammen_app::{workforce::onboarding as ob, workforce::training as tr};
use sammen_domain::time::format_date;
use sammen_domain::workforce::training::Outcome;
use sammen_domain::{PeerWorkerId, ValidationErrors};

use crate::api::{ApiResult, body, created, id};
use crate::session::Api;

fn cohort(s: &tr::CohortSummary) -> t::TrainingCohort {
    t::TrainingCohort {
        id: s.id.clone(),
        first_meeting: s.first.map(|f| f.rfc3339()),
        last_meeting: s.last.map(|f| f.rfc3339()),
        meetings: s.meetings,
        place: s.place.clone(),
        trainer: s.trainer.clone(),
        capacity: s.capacity,
        enrolled: s.enrolled,
        completed: s.completed,
    }
}

#[utoipa::path(get, path = "/training/courses", tag = "training",
    responses((status = 200, body = Vec<t::TrainingCourse>), (status = 403, body = crate::error::ErrorBody)))]
pub async fn course_list(api: Api) -> ApiResult<Json<Vec<t::TrainingCourse>>> {
    let cat = tr::catalogue(&api.state.app, &api.ctx).await.map_err(|e| api.fail(e))?;
    Ok(Json(
        cat.courses
            .iter()
            .map(|(c, cohorts)| t::TrainingCourse {
                id: c.id.clone(),
                kind: c.input.kind.code().into(),
                title: c.input.title.clone(),
                description: c.input.description.clone(),
                themes: c.input.themes.clone(),
                hours: c.input.hours,
                validity_months: c.input.validity_months,
                active: c.input.active,
                min_attendance_percent: c.input.min_attendance_percent,
                cohorts: cohorts.iter().map(cohort).collect(),
            })
            .collect(),
    ))
}

fn peer_id(api: &Api, raw: &str, field: &str) -> ApiResult<PeerWorkerId> {
    raw.parse::<PeerWorkerId>().map_err(|_| api.fail(AppError::Validation(ValidationErrors::single(field, "err-choice"))))
}

#[utoipa::path(post, path = "/cohorts/{id}/enrolments", tag = "training", params(("id" = String, Path)), request_body = t::EnrolmentInput,
    responses((status = 201, body = t::Enrolment), (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn enrol(api: Api, Path(raw): Path<String>, b: Body) -> ApiResult<Response> {
    let cohort: uuid::Uuid = id(&api, &raw)?;
    let i: t::EnrolmentInput = body(&api, b).await?;
    let peer = peer_id(&api, &i.peer_worker_id, "peer_worker_id")?;
    let e = tr::enrol(&api.state.app, &api.ctx, &cohort.to_string(), peer).await.map_err(|e| api.fail(e))?;
    Ok(created(
        format!("/api/v1/peer-workers/{peer}/training"),
        t::Enrolment { id: e, cohort_id: cohort.to_string(), peer_worker_id: peer.to_string() },
    ))
}

#[utoipa::path(post, path = "/cohorts/{id}/completions", tag = "training", params(("id" = String, Path)), request_body = t::CompletionInput,
    responses((status = 201, body = t::Completion), (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn complete(api: Api, Path(raw): Path<String>, b: Body) -> ApiResult<Response> {
    let cohort: uuid::Uuid = id(&api, &raw)?;
    let i: t::CompletionInput = body(&api, b).await?;
    let peer = peer_id(&api, &i.peer_worker_id, "peer_worker_id")?;
    let outcome = Outcome::parse(&i.outcome).map_err(|m| api.fail(AppError::Validation(ValidationErrors::single("outcome", m))))?;
    let cert = tr::complete(&api.state.app, &api.ctx, &cohort.to_string(), peer, outcome).await.map_err(|e| api.fail(e))?;
    Ok(created(
        format!("/api/v1/peer-workers/{peer}/training"),
        t::Completion {
            cohort_id: cohort.to_string(),
            peer_worker_id: peer.to_string(),
            outcome: outcome.code().into(),
            certificate_id: cert,
        },
    ))
}

#[utoipa::path(get, path = "/peer-workers/{id}/training", tag = "training", params(("id" = String, Path)),
    responses((status = 200, body = t::TrainingRecord), (status = 404, body = crate::error::ErrorBody)))]
pub async fn record(api: Api, Path(raw): Path<String>) -> ApiResult<Json<t::TrainingRecord>> {
    let peer: PeerWorkerId = id(&api, &raw)?;
    let r = tr::record(&api.state.app, &api.ctx, peer).await.map_err(|e| api.fail(e))?;
    Ok(Json(t::TrainingRecord {
        peer_worker_id: peer.to_string(),
        trained: r.missing.is_empty(),
        missing: r.missing.iter().map(|m| m.code().to_owned()).collect(),
        requirements: r
            .requirements
            .iter()
            .map(|q| t::TrainingRequirement { role_title: q.role_title.clone(), training: q.training.code().into(), met: q.met })
            .collect(),
        certificates: r
            .certificates
            .iter()
            .map(|c| t::Certificate {
                id: c.id.clone(),
                course_id: c.course_id.clone(),
                course_title: c.course_title.clone(),
                kind: c.kind.code().into(),
                issued_on: format_date(c.issued_on),
                expires_on: c.expires_on.map(format_date),
                state: c.state.code().into(),
            })
            .collect(),
        enrolments: r
            .enrolments
            .iter()
            .map(|e| t::RecordEnrolment {
                cohort_id: e.cohort_id.clone(),
                course_title: e.course_title.clone(),
                first_meeting: e.first.map(|f| f.rfc3339()),
                attended: e.attended,
                meetings: e.meetings,
                outcome: e.outcome.map(|o| o.code().to_owned()),
            })
            .collect(),
    }))
}

#[utoipa::path(get, path = "/peer-workers/{id}/onboarding", tag = "training", params(("id" = String, Path)),
    responses((status = 200, body = t::PeerOnboarding), (status = 404, body = crate::error::ErrorBody)))]
pub async fn onboarding(api: Api, Path(raw): Path<String>) -> ApiResult<Json<t::PeerOnboarding>> {
    let peer: PeerWorkerId = id(&api, &raw)?;
    let p = ob::onboarding(&api.state.app, &api.ctx, peer).await.map_err(|e| api.fail(e))?;
    Ok(Json(t::PeerOnboarding {
        peer_worker_id: peer.to_string(),
        onboardings: p
            .onboardings
            .iter()
            .map(|o| t::Onboarding {
                id: o.id.clone(),
                role_title: o.role_title.clone(),
                starts_on: format_date(o.starts_on),
                done: o.done,
                total: o.total,
                overdue: o.overdue,
                completed_at: o.completed_at.map(|c| c.rfc3339()),
                items: o
                    .items
                    .iter()
                    .map(|i| t::OnboardingItem {
                        id: i.id.clone(),
                        kind: i.kind.code().into(),
                        title: i.title.clone(),
                        owner_user_id: i.owner.map(|u| u.to_string()),
                        due_on: format_date(i.due_on),
                        done_at: i.done_at.map(|d| d.rfc3339()),
                        overdue: i.overdue,
                    })
                    .collect(),
            })
            .collect(),
    }))
}
