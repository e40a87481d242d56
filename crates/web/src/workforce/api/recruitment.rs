//! The recruitment API: postings, a posting's applications, one application with its stage
//! history and the panel's scores, moving an application, and an interviewer's scores.

use axum::Json;
use axum::body::Body;
use axum::extract::Path;
use axum::response::Response;
use sammen_api_types::workforce::recruitment as t;
use sammen_app::AppError;
use sammen_app::workforce::recruitment::{self as rc, ApplicationPage};
use sammen_domain::workforce::recruitment::{Competence, ScoresInput, Stage};
use sammen_domain::{ApplicationId, InterviewId, PostingId, ValidationErrors};

use crate::api::{ApiResult, body, created, id};
use crate::session::Api;

fn application(p: &ApplicationPage) -> t::Application {
    t::Application {
        id: p.id.to_string(),
        posting_id: p.posting_id.to_string(),
        name: p.name.clone(),
        email: p.email.clone(),
        phone: p.phone.clone(),
        language: p.language.code().into(),
        motivation: p.motivation.clone(),
        stage: p.stage.code().into(),
        peer_worker_id: p.peer_id.map(|x| x.to_string()),
        created_at: p.created_at.rfc3339(),
        decided_at: p.decided_at.map(|d| d.rfc3339()),
        history: p
            .history
            .iter()
            .map(|h| t::StageMove {
                from: h.from.map(|s| s.code().to_owned()),
                to: h.to.code().into(),
                note: h.note.clone(),
                by: h.by.clone(),
                at: h.at.rfc3339(),
            })
            .collect(),
        attachments: p
            .attachments
            .iter()
            .map(|a| t::AttachmentInfo {
                id: a.id.to_string(),
                file_name: a.file_name.clone(),
                kind: a.kind.code().into(),
                size_bytes: a.size_bytes,
            })
            .collect(),
        interviews: p
            .interviews
            .iter()
            .map(|i| t::Interview {
                id: i.id.to_string(),
                starts_at: i.starts_at.rfc3339(),
                place: i.place.clone(),
                online: i.online,
                panel: i.panel.iter().map(|(_, n, _)| n.clone()).collect(),
                scores: i.scores.as_ref().map(|all| {
                    all.iter()
                        .map(|s| t::InterviewerScores {
                            user_id: s.user.to_string(),
                            name: s.name.clone(),
                            scores: s
                                .scores
                                .iter()
                                .map(|(c, v, n)| t::CompetenceScore { competence: c.code().into(), score: *v, note: n.clone() })
                                .collect(),
                        })
                        .collect()
                }),
            })
            .collect(),
    }
}

#[utoipa::path(get, path = "/postings", tag = "recruitment", responses((status = 200, body = Vec<t::Posting>), (status = 403, body = crate::error::ErrorBody)))]
pub async fn postings(api: Api) -> ApiResult<Json<Vec<t::Posting>>> {
    let list = rc::list_postings(&api.state.app, &api.ctx).await.map_err(|e| api.fail(e))?;
    Ok(Json(
        list.iter()
            .map(|p| t::Posting {
                id: p.id.to_string(),
                organisation_id: p.organisation_id.to_string(),
                role_key: p.input.role_key.clone(),
                title: p.role.title.clone(),
                intro: p.input.intro.clone(),
                place: p.input.place.clone(),
                deadline: sammen_domain::time::format_date(p.input.deadline),
                starts_on: sammen_domain::time::format_date(p.input.starts_on),
                status: p.input.status.code().into(),
                applications: p.total(),
            })
            .collect(),
    ))
}

/// Stage filter of a posting's applications.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StageFilter {
    /// Only applications at this stage; empty means every stage.
    #[param(value_type = Option<sammen_api_types::schema::OptStage>, inline)]
    pub stage: Option<String>,
}

#[utoipa::path(get, path = "/postings/{id}/applications", tag = "recruitment", params(("id" = String, Path), StageFilter),
    responses((status = 200, body = Vec<t::ApplicationSummary>), (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn applications(
    api: Api,
    Path(raw): Path<String>,
    crate::api::Query(q): crate::api::Query<StageFilter>,
) -> ApiResult<Json<Vec<t::ApplicationSummary>>> {
    let id: PostingId = id(&api, &raw)?;
    let stage = match q.stage.as_deref() {
        None | Some("") => None,
        Some(s) => Some(Stage::parse(s).map_err(|m| api.fail(AppError::Validation(ValidationErrors::single("stage", m))))?),
    };
    let (_, list) = rc::applications(&api.state.app, &api.ctx, id, stage).await.map_err(|e| api.fail(e))?;
    Ok(Json(
        list.iter()
            .map(|a| t::ApplicationSummary {
                id: a.id.to_string(),
                name: a.name.clone(),
                stage: a.stage.code().into(),
                attachments: a.attachments as i64,
                created_at: a.created_at.rfc3339(),
            })
            .collect(),
    ))
}

#[utoipa::path(get, path = "/applications/{id}", tag = "recruitment", params(("id" = String, Path)),
    responses((status = 200, body = t::Application), (status = 404, body = crate::error::ErrorBody)))]
pub async fn application_get(api: Api, Path(raw): Path<String>) -> ApiResult<Json<t::Application>> {
    let id: ApplicationId = id(&api, &raw)?;
    let p = rc::application(&api.state.app, &api.ctx, id).await.map_err(|e| api.fail(e))?;
    Ok(Json(application(&p)))
}

#[utoipa::path(post, path = "/applications/{id}/stage", tag = "recruitment", params(("id" = String, Path)), request_body = t::StageInput,
    responses((status = 201, body = t::Application), (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn stage(api: Api, Path(raw): Path<String>, b: Body) -> ApiResult<Response> {
    let id: ApplicationId = id(&api, &raw)?;
    let i: t::StageInput = body(&api, b).await?;
    let to = Stage::parse(&i.stage).map_err(|m| api.fail(AppError::Validation(ValidationErrors::single("stage", m))))?;
    rc::move_stage(&api.state.app, &api.ctx, id, to, i.note, None).await.map_err(|e| api.fail(e))?;
    let p = rc::application(&api.state.app, &api.ctx, id).await.map_err(|e| api.fail(e))?;
    Ok(created(format!("/api/v1/applications/{id}"), application(&p)))
}

#[utoipa::path(post, path = "/interviews/{id}/scores", tag = "recruitment", params(("id" = String, Path)), request_body = t::ScoresInput,
    responses((status = 201, body = t::Application), (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn scores(api: Api, Path(raw): Path<String>, b: Body) -> ApiResult<Response> {
    let id: InterviewId = id(&api, &raw)?;
    let i: t::ScoresInput = body(&api, b).await?;
    // The body's scores by competence code: (score as text, note).
    let given: Vec<(&str, String, Option<String>)> = Competence::ALL
        .iter()
        .map(|c| {
            let s = i.scores.iter().find(|s| s.competence == c.code());
            (c.code(), s.map(|s| s.score.to_string()).unwrap_or_default(), s.and_then(|s| s.note.clone()))
        })
        .collect();
    let find = |c: &str| given.iter().find(|g| g.0 == c);
    let input = ScoresInput::parse(|c| find(c).map(|g| g.1.as_str()), |c| find(c).and_then(|g| g.2.as_deref()))
        .map_err(|v| api.fail(AppError::Validation(v)))?;
    let app_id = rc::save_scores(&api.state.app, &api.ctx, id, input).await.map_err(|e| api.fail(e))?;
    let p = rc::application(&api.state.app, &api.ctx, app_id).await.map_err(|e| api.fail(e))?;
    Ok(created(format!("/api/v1/applications/{app_id}"), application(&p)))
}
