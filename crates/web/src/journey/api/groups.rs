//! The group API: group courses and open events, their meetings and attendance.

use axum::Json;
use axum::body::Body;
use axum::extract::Path;
use axum::response::Response;
use sammen_api_types as t;
use sammen_app::AppError;
use sammen_app::journey::groups::{self as gr, Attendance};
use sammen_domain::journey::groups::MeetingInput;
use sammen_domain::{GroupId, MeetingId, ParticipantId, ValidationErrors};

use crate::api::{ApiResult, body, created, id};
use crate::session::Api;

fn meeting(m: &gr::MeetingView) -> t::GroupMeeting {
    t::GroupMeeting {
        id: m.id.to_string(),
        group_id: m.group_id.to_string(),
        starts_at: m.starts_at.rfc3339(),
        duration_minutes: m.duration_minutes,
        place: m.place.clone(),
        status: m.status.code().into(),
        anonymous_count: m.anonymous_count,
        present: m.present,
        recorded: m.recorded,
        attendance_rate: m.rate,
    }
}

#[utoipa::path(get, path = "/groups", tag = "groups", responses((status = 200, body = Vec<t::GroupSummary>), (status = 403, body = crate::error::ErrorBody)))]
pub async fn group_list(api: Api) -> ApiResult<Json<Vec<t::GroupSummary>>> {
    let list = gr::list_groups(&api.state.app, &api.ctx).await.map_err(|e| api.fail(e))?;
    Ok(Json(
        list.iter()
            .map(|s| t::GroupSummary {
                id: s.group.id.to_string(),
                kind: s.group.input.kind.code().into(),
                name: s.group.input.name.clone(),
                status: s.group.input.status.code().into(),
                mode: s.group.input.mode.code().into(),
                capacity: s.group.input.capacity,
                enrolled: s.enrolled,
                next_meeting: s.next_meeting.map(|n| n.rfc3339()),
            })
            .collect(),
    ))
}

#[utoipa::path(get, path = "/groups/{id}", tag = "groups", params(("id" = String, Path)),
    responses((status = 200, body = t::Group), (status = 404, body = crate::error::ErrorBody)))]
pub async fn group_get(api: Api, Path(raw): Path<String>) -> ApiResult<Json<t::Group>> {
    let id: GroupId = id(&api, &raw)?;
    let d = gr::group(&api.state.app, &api.ctx, id).await.map_err(|e| api.fail(e))?;
    let g = &d.group;
    Ok(Json(t::Group {
        id: g.id.to_string(),
        organisation_id: g.organisation_id.to_string(),
        programme_id: g.input.programme_id.clone(),
        kind: g.input.kind.code().into(),
        name: g.input.name.clone(),
        description: g.input.description.clone(),
        mode: g.input.mode.code().into(),
        place: g.input.place.clone(),
        capacity: g.input.capacity,
        status: g.input.status.code().into(),
        facilitators: d
            .facilitators
            .iter()
            .map(|(id, name)| t::GroupFacilitator { peer_worker_id: id.to_string(), display_name: name.clone() })
            .collect(),
        meetings: d.meetings.iter().map(meeting).collect(),
        members: d
            .members
            .iter()
            .map(|m| t::GroupMember {
                participant_id: m.participant_id.to_string(),
                pseudonym: m.pseudonym.clone(),
                name: m.name.clone(),
                enrolled_at: m.enrolled_at.rfc3339(),
                left_at: m.left_at.map(|l| l.rfc3339()),
                attended: m.attended,
                recorded: m.recorded,
                attendance_rate: m.rate,
            })
            .collect(),
    }))
}

#[utoipa::path(post, path = "/groups/{id}/meetings", tag = "groups", params(("id" = String, Path)), request_body = t::GroupMeetingInput,
    responses((status = 201, body = t::GroupMeeting), (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn meeting_create(api: Api, Path(raw): Path<String>, b: Body) -> ApiResult<Response> {
    let id: GroupId = id(&api, &raw)?;
    let i: t::GroupMeetingInput = body(&api, b).await?;
    let zone = api.state.app.zone(&api.ctx).await.map_err(|e| api.fail(e))?;
    let input = MeetingInput::parse_in(&zone, &i.date, &i.time, &i.duration_minutes.to_string(), i.place.as_deref(), i.note.as_deref())
        .map_err(|e| api.fail(AppError::Validation(e)))?;
    let m = gr::plan_meeting(&api.state.app, &api.ctx, id, input).await.map_err(|e| api.fail(e))?;
    Ok(created(format!("/api/v1/groups/{id}"), meeting(&m)))
}

#[utoipa::path(put, path = "/group-meetings/{id}/attendance", tag = "groups", params(("id" = String, Path)), request_body = t::AttendanceInput,
    responses((status = 200, body = t::GroupMeeting), (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn attendance_put(api: Api, Path(raw): Path<String>, b: Body) -> ApiResult<Json<t::GroupMeeting>> {
    let id: MeetingId = id(&api, &raw)?;
    let i: t::AttendanceInput = body(&api, b).await?;
    let attendance = match (i.present, i.anonymous_count) {
        (Some(present), None) => {
            let ids: Result<Vec<ParticipantId>, _> = present.iter().map(|p| p.parse::<ParticipantId>()).collect();
            Attendance::Present(ids.map_err(|_| api.fail(AppError::Validation(ValidationErrors::single("present", "err-not-enrolled"))))?)
        }
        (None, Some(n)) => Attendance::HeadCount(n),
        _ => return Err(api.fail(AppError::Validation(ValidationErrors::single("present", "err-attendance-either")))),
    };
    let m = gr::record_attendance(&api.state.app, &api.ctx, id, attendance).await.map_err(|e| api.fail(e))?;
    Ok(Json(meeting(&m)))
}
