//! The workforce API: the workforce overview.

use axum::Json;
use sammen_api_types::workforce::overview as t;
use sammen_app::workforce::overview as wo;

use crate::api::ApiResult;
use crate::session::Api;

/// The workforce overview of the token's organisation: head count and hours by engagement and
/// by role, training coverage, supervision compliance and turnover. The organisation's managers.
#[utoipa::path(get, path = "/workforce/overview", tag = "workforce",
    responses((status = 200, body = t::WorkforceOverview), (status = 403, body = crate::error::ErrorBody)))]
pub async fn overview(api: Api) -> ApiResult<Json<t::WorkforceOverview>> {
    let o = wo::overview(&api.state.app, &api.ctx, false).await.map_err(|e| api.fail(e))?;
    let f = &o.figures;
    let n = |x: usize| x as u64;
    Ok(Json(t::WorkforceOverview {
        date: f.on.to_string(),
        head_count: n(f.head_count),
        by_engagement: f
            .by_kind
            .iter()
            .map(|(k, s)| t::Staffing {
                kind: Some(k.code().into()),
                role_key: None,
                title: None,
                people: n(s.people),
                hours_per_week: s.hours_per_week,
            })
            .collect(),
        by_role: f
            .by_role
            .iter()
            .map(|(k, s)| t::Staffing {
                kind: None,
                role_key: k.clone(),
                title: k.as_deref().map(|k| o.role_title(k)),
                people: n(s.people),
                hours_per_week: s.hours_per_week,
            })
            .collect(),
        training: t::TrainingCoverage { required: n(o.training.required), trained: n(o.training.trained) },
        supervision: o
            .supervision
            .iter()
            .map(|s| t::SupervisionCompliance { kind: s.kind.clone(), on_time: n(s.on_time), overdue: n(s.overdue) })
            .collect(),
        turnover: t::Turnover {
            from: f.turnover.from.to_string(),
            to: f.turnover.to.to_string(),
            at_start: n(f.turnover.at_start),
            at_end: n(f.turnover.at_end),
            starters: n(f.turnover.starters),
            leavers: n(f.turnover.leavers),
            rate: f.turnover.rate(),
        },
    }))
}
