//! The matching and courses API: a programme's matching proposal and its approval, a course
//! with its sessions and goals, the peer's answer to an offer, and logging a session.

use axum::Json;
use axum::body::Body;
use axum::extract::Path;
use axum::response::Response;
use sammen_api_types as t;
use sammen_app::AppError;
use sammen_app::journey::courses as cs;
use sammen_app::journey::matching as mt;
use sammen_domain::journey::courses::SessionInput;
use sammen_domain::{CourseId, ProgrammeId, ValidationErrors};

use crate::api::{ApiResult, body, created, id};
use crate::session::Api;

fn parts(p: &mt::Parts) -> t::ScoreParts {
    t::ScoreParts { topics: p.topics, availability: p.availability, distance: p.distance, waiting: p.waiting, continuity: p.continuity }
}

fn candidate(c: &mt::Candidate) -> t::MatchCandidate {
    t::MatchCandidate { peer_id: c.peer.to_string(), peer_name: c.peer_name.clone(), score: c.score, parts: parts(&c.parts) }
}

#[utoipa::path(get, path = "/programmes/{id}/matching-proposal", tag = "courses", params(("id" = String, Path)),
    responses((status = 200, body = t::MatchProposal), (status = 404, body = crate::error::ErrorBody)))]
pub async fn proposal(api: Api, Path(raw): Path<String>) -> ApiResult<Json<t::MatchProposal>> {
    let id: ProgrammeId = id(&api, &raw)?;
    let p = mt::propose(&api.state.app, &api.ctx, id).await.map_err(|e| api.fail(e))?;
    Ok(Json(t::MatchProposal {
        programme_id: p.programme.to_string(),
        matched: p.matched,
        total_score: p.total_score,
        rows: p
            .rows
            .iter()
            .map(|r| t::MatchRow {
                participant_id: r.participant.to_string(),
                pseudonym: r.pseudonym.clone(),
                waiting_days: r.waiting_days,
                priority: r.priority,
                proposed: r.proposed.as_ref().map(candidate),
                candidates: r.candidates.iter().map(candidate).collect(),
                reasons: r.reasons.clone(),
            })
            .collect(),
        not_ready: p
            .not_ready
            .iter()
            .map(|(id, _, why)| t::NotReady { participant_id: id.to_string(), reason: why.code().into() })
            .collect(),
    }))
}

#[utoipa::path(post, path = "/programmes/{id}/matching", tag = "courses", params(("id" = String, Path)), request_body = t::MatchApproval,
    responses((status = 201, body = t::CoursesCreated), (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn approve(api: Api, Path(raw): Path<String>, b: Body) -> ApiResult<Response> {
    let id: ProgrammeId = id(&api, &raw)?;
    let i: t::MatchApproval = body(&api, b).await?;
    let mut pairs = Vec::new();
    for p in &i.pairs {
        match (p.participant_id.parse(), p.peer_id.parse()) {
            (Ok(a), Ok(b)) => pairs.push((a, b)),
            _ => return Err(api.fail(AppError::Validation(ValidationErrors::single("pairs", "err-choice")))),
        }
    }
    let made = mt::approve(&api.state.app, &api.ctx, id, pairs).await.map_err(|e| api.fail(e))?;
    Ok(created(
        format!("/api/v1/programmes/{id}/matching-proposal"),
        t::CoursesCreated { course_ids: made.iter().map(|c| c.to_string()).collect() },
    ))
}

fn course(v: &cs::CourseView) -> t::Course {
    t::Course {
        id: v.id.to_string(),
        participant_id: v.participant_id.to_string(),
        pseudonym: v.pseudonym.clone(),
        peer_id: v.peer_id.to_string(),
        programme_id: v.programme_id.map(|p| p.to_string()),
        status: v.status.code().into(),
        offer: v.offer.code().into(),
        match_score: v.match_score,
        started_on: v.started_on.clone(),
        ended_on: v.ended_on.clone(),
        end_reason: v.end_reason.map(|r| r.code().into()),
        handed_over_from: v.handed_over_from.map(|c| c.to_string()),
        sessions: v
            .sessions
            .iter()
            .map(|s| t::Session {
                id: s.id.to_string(),
                status: s.status.code().into(),
                starts_at: s.starts_at.rfc3339(),
                duration_minutes: s.duration_minutes,
                mode: s.mode.code().into(),
                place: s.place.clone(),
                kind: s.kind.code().into(),
                note: s.note.clone(),
                note_audience: s.note_audience.code().into(),
            })
            .collect(),
        goals: v
            .goals
            .iter()
            .map(|g| t::Goal {
                id: g.id.to_string(),
                text: g.text.clone(),
                domain: g.domain.map(|d| d.code().into()),
                status: g.status.code().into(),
                progress: g.progress.iter().map(|p| t::GoalProgress { on: p.on.clone(), value: p.value, note: p.note.clone() }).collect(),
            })
            .collect(),
    }
}

#[utoipa::path(get, path = "/courses/{id}", tag = "courses", params(("id" = String, Path)),
    responses((status = 200, body = t::Course), (status = 404, body = crate::error::ErrorBody)))]
pub async fn course_get(api: Api, Path(raw): Path<String>) -> ApiResult<Json<t::Course>> {
    let id: CourseId = id(&api, &raw)?;
    let v = cs::course(&api.state.app, &api.ctx, id).await.map_err(|e| api.fail(e))?;
    Ok(Json(course(&v)))
}

#[utoipa::path(put, path = "/courses/{id}/offer", tag = "courses", params(("id" = String, Path)), request_body = t::OfferAnswer,
    responses((status = 200, body = t::Course), (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn offer_put(api: Api, Path(raw): Path<String>, b: Body) -> ApiResult<Json<t::Course>> {
    let id: CourseId = id(&api, &raw)?;
    let i: t::OfferAnswer = body(&api, b).await?;
    let v = cs::answer_offer(&api.state.app, &api.ctx, id, i.accept, i.reason).await.map_err(|e| api.fail(e))?;
    Ok(Json(course(&v)))
}

#[utoipa::path(post, path = "/courses/{id}/sessions", tag = "courses", params(("id" = String, Path)), request_body = t::SessionInput,
    responses((status = 201, body = t::Created), (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn session_add(api: Api, Path(raw): Path<String>, b: Body) -> ApiResult<Response> {
    let id: CourseId = id(&api, &raw)?;
    let i: t::SessionInput = body(&api, b).await?;
    let zone = api.state.app.zone(&api.ctx).await.map_err(|e| api.fail(e))?;
    let input = SessionInput::parse_in(
        &zone,
        i.status.as_deref().unwrap_or("held"),
        &i.date,
        &i.time,
        &i.duration_minutes.to_string(),
        &i.mode,
        i.place.as_deref(),
        &i.kind,
        i.note.as_deref(),
        i.note_audience.as_deref().unwrap_or("team"),
    )
    .map_err(|e| api.fail(AppError::Validation(e)))?;
    let s = cs::log_session(&api.state.app, &api.ctx, id, input).await.map_err(|e| api.fail(e))?;
    Ok(created(format!("/api/v1/courses/{id}"), t::Created { id: s.to_string() }))
}
