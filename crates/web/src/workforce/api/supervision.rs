//! The supervision and wellbeing API. A professional session's note is
//! omitted for managers, as on the pages; check-ins are answered by the peer themselves, and
//! managers get aggregates only.

use axum::Json;
use axum::body::Body;
use axum::extract::Path;
use axum::response::Response;
use sammen_app::AppError;
use sammen_app::workforce::supervision as sv;
use sammen_app::workforce::wellbeing as wb;
use sammen_domain::time::format_date;
use sammen_domain::workforce::supervision::SessionInput;
use sammen_domain::workforce::wellbeing::CheckInInput;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::{ApiResult, body, created};
use crate::session::Api;

/// One peer and one kind of supervision.
#[derive(Debug, Serialize, ToSchema)]
pub struct SupervisionDue {
    #[schema(value_type = sammen_api_types::schema::Id)]
    pub peer_worker_id: String,
    pub peer_name: String,
    /// professional or managerial
    #[schema(value_type = sammen_api_types::schema::SupervisionKind)]
    pub kind: String,
    pub supervisor_name: Option<String>,
    /// The last attended session (YYYY-MM-DD).
    #[schema(value_type = Option<sammen_api_types::schema::Date>)]
    pub last_session: Option<String>,
    /// The required interval in weeks; null when no role of the peer requires this kind.
    pub every_weeks: Option<i64>,
    #[schema(value_type = Option<sammen_api_types::schema::Date>)]
    pub due_on: Option<String>,
    pub overdue: bool,
}

/// Per kind, how many peers with a requirement are on time and overdue.
#[derive(Debug, Serialize, ToSchema)]
pub struct SupervisionCompliance {
    #[schema(value_type = sammen_api_types::schema::SupervisionKind)]
    pub kind: String,
    pub on_time: usize,
    pub overdue: usize,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SupervisionOverview {
    /// Overdue first.
    pub peers: Vec<SupervisionDue>,
    pub compliance: Vec<SupervisionCompliance>,
}

/// A session to plan. The date and time are Danish local time.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SupervisionSessionInput {
    /// professional or managerial
    #[schema(value_type = sammen_api_types::schema::SupervisionKind)]
    pub kind: String,
    /// individual or group
    #[schema(value_type = sammen_api_types::schema::SupervisionFormat)]
    pub format: String,
    /// YYYY-MM-DD
    #[schema(value_type = sammen_api_types::schema::Date)]
    pub date: String,
    /// HH:MM
    #[schema(value_type = sammen_api_types::schema::TimeOfDay)]
    pub time: String,
    #[schema(minimum = 1, maximum = 480, example = 60)]
    #[serde(deserialize_with = "sammen_api_types::number::int")]
    pub duration_minutes: u32,
    /// The supervisor's user id.
    #[schema(value_type = sammen_api_types::schema::Id)]
    pub supervisor_user_id: String,
    /// The supervisees' peer-worker ids.
    #[schema(value_type = Vec<sammen_api_types::schema::Id>, min_items = 1)]
    pub supervisees: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SupervisionAttendee {
    #[schema(value_type = sammen_api_types::schema::Id)]
    pub peer_worker_id: String,
    pub name: String,
    pub attended: bool,
}

/// A session. `note` is absent for readers who may not see it: a professional session's note is
/// confidential between the supervisor and the supervisees who attended.
#[derive(Debug, Serialize, ToSchema)]
pub struct SupervisionSession {
    #[schema(value_type = sammen_api_types::schema::Id)]
    pub id: String,
    #[schema(value_type = sammen_api_types::schema::SupervisionKind)]
    pub kind: String,
    #[schema(value_type = sammen_api_types::schema::SupervisionFormat)]
    pub format: String,
    #[schema(value_type = sammen_api_types::schema::DateTime)]
    pub starts_at: String,
    pub duration_minutes: i64,
    #[schema(value_type = sammen_api_types::schema::Id)]
    pub supervisor_user_id: String,
    pub supervisor_name: String,
    #[schema(value_type = sammen_api_types::schema::SessionStatus)]
    pub status: String,
    #[schema(value_type = Vec<sammen_api_types::schema::SupervisionTopic>)]
    pub topics: Vec<String>,
    pub attendees: Vec<SupervisionAttendee>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// True when a note may exist that this reader is not shown.
    pub note_withheld: bool,
}

/// A wellbeing check-in of the caller's own peer-worker record.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckInInputBody {
    /// 0 (no stress) to 10 (very stressed)
    #[schema(minimum = 0, maximum = 10)]
    #[serde(deserialize_with = "sammen_api_types::number::int")]
    pub stress: u8,
    /// 0 (unclear) to 10 (clear)
    #[schema(minimum = 0, maximum = 10)]
    #[serde(deserialize_with = "sammen_api_types::number::int")]
    pub role_clarity: u8,
    /// 0 (no support) to 10 (well supported)
    #[schema(minimum = 0, maximum = 10)]
    #[serde(deserialize_with = "sammen_api_types::number::int")]
    pub support: u8,
    #[schema(value_type = Option<sammen_api_types::schema::OptText4000>)]
    pub note: Option<String>,
    /// Shared with the peer's professional supervisor.
    #[serde(default)]
    pub shared: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CheckInCreated {
    #[schema(value_type = sammen_api_types::schema::Id)]
    pub id: String,
}

/// One month of an organisation's check-ins; everything but the month is null when fewer than
/// five people answered (suppressed).
#[derive(Debug, Serialize, ToSchema)]
pub struct WellbeingMonth {
    /// YYYY-MM
    pub month: String,
    pub suppressed: bool,
    pub check_ins: Option<usize>,
    pub people: Option<usize>,
    pub mean_stress: Option<f64>,
    pub mean_role_clarity: Option<f64>,
    pub mean_support: Option<f64>,
}

#[utoipa::path(get, path = "/supervision/overview", tag = "supervision",
    responses((status = 200, body = SupervisionOverview), (status = 403, body = crate::error::ErrorBody)))]
pub async fn overview(api: Api) -> ApiResult<Json<SupervisionOverview>> {
    let home = sv::home(&api.state.app, &api.ctx).await.map_err(|e| api.fail(e))?;
    let Some(o) = home.overview else { return Err(api.fail(AppError::Forbidden)) };
    let mut rows = o.rows;
    rows.sort_by_key(|r| (!r.overdue(), r.compliance.is_none(), r.compliance.map(|c| c.due), r.peer_name.clone()));
    Ok(Json(SupervisionOverview {
        peers: rows
            .iter()
            .map(|r| SupervisionDue {
                peer_worker_id: r.peer_id.to_string(),
                peer_name: r.peer_name.clone(),
                kind: r.kind.code().into(),
                supervisor_name: r.supervisor.as_ref().map(|s| s.1.clone()),
                last_session: r.last.map(format_date),
                every_weeks: r.compliance.map(|c| c.every_weeks),
                due_on: r.compliance.map(|c| format_date(c.due)),
                overdue: r.overdue(),
            })
            .collect(),
        compliance: o
            .compliance
            .iter()
            .map(|k| SupervisionCompliance { kind: k.kind.code().into(), on_time: k.on_time, overdue: k.overdue })
            .collect(),
    }))
}

fn session_json(d: &sv::SessionDetail) -> SupervisionSession {
    let s = &d.summary;
    SupervisionSession {
        id: s.id.clone(),
        kind: s.kind.code().into(),
        format: s.format.code().into(),
        starts_at: s.starts_at.rfc3339(),
        duration_minutes: s.duration_minutes,
        supervisor_user_id: s.supervisor.to_string(),
        supervisor_name: s.supervisor_name.clone(),
        status: s.status.code().into(),
        topics: s.topics.iter().map(|t| t.code().to_owned()).collect(),
        attendees: d
            .attendees
            .iter()
            .map(|(p, n, a)| SupervisionAttendee { peer_worker_id: p.to_string(), name: n.clone(), attended: *a })
            .collect(),
        note: if d.note_withheld { None } else { d.note.clone() },
        note_withheld: d.note_withheld,
    }
}

#[utoipa::path(post, path = "/supervision/sessions", tag = "supervision", request_body = SupervisionSessionInput,
    responses((status = 201, body = SupervisionSession), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn session_create(api: Api, b: Body) -> ApiResult<Response> {
    let i: SupervisionSessionInput = body(&api, b).await?;
    let zone = api.state.app.zone(&api.ctx).await.map_err(|e| api.fail(e))?;
    let input = SessionInput::parse_in(
        &zone,
        &i.kind,
        &i.format,
        &i.date,
        &i.time,
        &i.duration_minutes.to_string(),
        &i.supervisor_user_id,
        &i.supervisees,
    )
    .map_err(|e| api.fail(AppError::Validation(e)))?;
    let id = sv::plan_session(&api.state.app, &api.ctx, input).await.map_err(|e| api.fail(e))?;
    let d = sv::session(&api.state.app, &api.ctx, &id).await.map_err(|e| api.fail(e))?;
    Ok(created(format!("/api/v1/supervision/sessions/{id}"), session_json(&d)))
}

#[utoipa::path(get, path = "/supervision/sessions/{id}", tag = "supervision", params(("id" = String, Path)),
    responses((status = 200, body = SupervisionSession), (status = 404, body = crate::error::ErrorBody)))]
pub async fn session_get(api: Api, Path(raw): Path<String>) -> ApiResult<Json<SupervisionSession>> {
    if uuid::Uuid::parse_str(&raw).is_err() {
        return Err(api.fail(AppError::NotFound));
    }
    let d = sv::session(&api.state.app, &api.ctx, &raw).await.map_err(|e| api.fail(e))?;
    Ok(Json(session_json(&d)))
}

#[utoipa::path(post, path = "/wellbeing/check-ins", tag = "wellbeing", request_body = CheckInInputBody,
    responses((status = 201, body = CheckInCreated), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn check_in_create(api: Api, b: Body) -> ApiResult<Response> {
    let i: CheckInInputBody = body(&api, b).await?;
    let input =
        CheckInInput::parse(&i.stress.to_string(), &i.role_clarity.to_string(), &i.support.to_string(), i.note.as_deref(), i.shared)
            .map_err(|e| api.fail(AppError::Validation(e)))?;
    let id = wb::answer(&api.state.app, &api.ctx, input).await.map_err(|e| api.fail(e))?;
    Ok(created("/api/v1/wellbeing/check-ins".into(), CheckInCreated { id }))
}

#[utoipa::path(get, path = "/wellbeing/aggregates", tag = "wellbeing",
    responses((status = 200, body = Vec<WellbeingMonth>), (status = 403, body = crate::error::ErrorBody)))]
pub async fn aggregates(api: Api) -> ApiResult<Json<Vec<WellbeingMonth>>> {
    let months = wb::aggregates(&api.state.app, &api.ctx).await.map_err(|e| api.fail(e))?;
    Ok(Json(
        months
            .iter()
            .map(|m| WellbeingMonth {
                month: m.month.clone(),
                suppressed: m.shown.is_none(),
                check_ins: m.shown.as_ref().map(|s| s.check_ins),
                people: m.shown.as_ref().map(|s| s.people),
                mean_stress: m.shown.as_ref().map(|s| (s.stress * 10.0).round() / 10.0),
                mean_role_clarity: m.shown.as_ref().map(|s| (s.role_clarity * 10.0).round() / 10.0),
                mean_support: m.shown.as_ref().map(|s| (s.support * 10.0).round() / 10.0),
            })
            .collect(),
    ))
}
