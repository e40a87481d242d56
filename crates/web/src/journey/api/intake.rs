//! The referral and consent API: making a referral and following its status, a participant's
//! consents and their withdrawal, and a programme's waiting list.

use axum::Json;
use axum::body::Body;
use axum::extract::Path;
use axum::response::Response;
use sammen_api_types::journey::intake as t;
use sammen_app::AppError;
use sammen_app::journey::intake::{self as ik, ConsentView, ReferralPage};
use sammen_domain::journey::intake::{ConsentInput, ReferralInput, parse_referral_consent, parse_withdrawal_note};
use sammen_domain::{ConsentId, OrgId, ParticipantId, ProgrammeId, ReferralId, ValidationErrors};

use crate::api::{ApiResult, body, created, id};
use crate::session::Api;

fn consent(c: &ConsentView) -> t::Consent {
    t::Consent {
        id: c.id.to_string(),
        participant_id: c.participant_id.to_string(),
        purpose: c.purpose.code().into(),
        scope: c.scope.clone(),
        audience: c.audience.iter().map(|a| a.code().to_owned()).collect(),
        method: c.method.code().into(),
        given_at: c.given_at.rfc3339(),
        valid_until: c.valid_until.clone(),
        withdrawn_at: c.withdrawn_at.map(|w| w.rfc3339()),
        withdrawal_note: c.withdrawal_note.clone(),
    }
}

fn status(p: &ReferralPage) -> t::ReferralStatus {
    match p {
        ReferralPage::Referrer(r) => t::ReferralStatus {
            id: r.id.to_string(),
            status: r.status.code().into(),
            created_at: r.created_at.rfc3339(),
            updated_at: r.updated_at.rfc3339(),
        },
        ReferralPage::Manager(r) => t::ReferralStatus {
            id: r.id.to_string(),
            status: r.status.code().into(),
            created_at: r.created_at.rfc3339(),
            updated_at: r.updated_at.rfc3339(),
        },
    }
}

#[utoipa::path(post, path = "/referrals", tag = "referrals", request_body = t::ReferralInput,
    responses((status = 201, body = t::ReferralStatus), (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn referral_create(api: Api, b: Body) -> ApiResult<Response> {
    let i: t::ReferralInput = body(&api, b).await?;
    let year = api.state.app.today(&api.ctx).await.map_err(|e| api.fail(e))?.year();
    let by = i.birth_year.map(|y| y.to_string());
    let person =
        ReferralInput::parse(&i.name, i.phone.as_deref(), i.email.as_deref(), by.as_deref(), &i.languages.join(","), &i.reason, None, year);
    let consent = parse_referral_consent(i.agreed, &i.method);
    let (person, method) = match (person, consent) {
        (Ok(p), Ok(m)) => (p, m),
        (p, m) => {
            let mut e = ValidationErrors::new();
            for f in p.err().into_iter().chain(m.err()).flat_map(|v| v.fields) {
                e.add(&f.field, f.message);
            }
            return Err(api.fail(AppError::Validation(e)));
        }
    };
    let app = &api.state.app;
    let rid = match i.organisation_id.as_deref() {
        None => ik::record_internal(app, &api.ctx, person, method).await,
        Some(o) => match o.parse::<OrgId>() {
            Ok(org) => ik::refer(app, &api.ctx, org, person, method).await,
            Err(_) => Err(AppError::Validation(ValidationErrors::single("organisation_id", "err-choice"))),
        },
    }
    .map_err(|e| api.fail(e))?;
    let page = ik::get_referral(app, &api.ctx, rid).await.map_err(|e| api.fail(e))?;
    Ok(created(format!("/api/v1/referrals/{rid}"), status(&page)))
}

#[utoipa::path(get, path = "/referrals/{id}", tag = "referrals", params(("id" = String, Path)),
    responses((status = 200, body = t::ReferralStatus), (status = 404, body = crate::error::ErrorBody)))]
pub async fn referral_get(api: Api, Path(raw): Path<String>) -> ApiResult<Json<t::ReferralStatus>> {
    let id: ReferralId = id(&api, &raw)?;
    let page = ik::get_referral(&api.state.app, &api.ctx, id).await.map_err(|e| api.fail(e))?;
    Ok(Json(status(&page)))
}

#[utoipa::path(get, path = "/participants/{id}/consents", tag = "referrals", params(("id" = String, Path)),
    responses((status = 200, body = Vec<t::Consent>), (status = 404, body = crate::error::ErrorBody)))]
pub async fn consent_list(api: Api, Path(raw): Path<String>) -> ApiResult<Json<Vec<t::Consent>>> {
    let id: ParticipantId = id(&api, &raw)?;
    let list = ik::list_consents(&api.state.app, &api.ctx, id).await.map_err(|e| api.fail(e))?;
    Ok(Json(list.consents.iter().map(consent).collect()))
}

#[utoipa::path(post, path = "/participants/{id}/consents", tag = "referrals", params(("id" = String, Path)), request_body = t::ConsentInput,
    responses((status = 201, body = t::Consent), (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn consent_create(api: Api, Path(raw): Path<String>, b: Body) -> ApiResult<Response> {
    let id: ParticipantId = id(&api, &raw)?;
    let i: t::ConsentInput = body(&api, b).await?;
    let today = api.state.app.today(&api.ctx).await.map_err(|e| api.fail(e))?;
    let input = ConsentInput::parse(&i.purpose, &i.scope, &i.audience, &i.method, i.valid_until.as_deref(), today)
        .map_err(|e| api.fail(AppError::Validation(e)))?;
    let c = ik::record_consent(&api.state.app, &api.ctx, id, input).await.map_err(|e| api.fail(e))?;
    Ok(created(format!("/api/v1/participants/{id}/consents"), consent(&c)))
}

#[utoipa::path(post, path = "/consents/{id}/withdraw", tag = "referrals", params(("id" = String, Path)), request_body = t::ConsentWithdrawal,
    responses((status = 200, body = t::Withdrawal), (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn consent_withdraw(api: Api, Path(raw): Path<String>, b: Body) -> ApiResult<Json<t::Withdrawal>> {
    let id: ConsentId = id(&api, &raw)?;
    let i: t::ConsentWithdrawal = body(&api, b).await?;
    let note = parse_withdrawal_note(i.note.as_deref()).map_err(|e| api.fail(AppError::Validation(e)))?;
    let app = &api.state.app;
    let w = ik::withdraw_consent(app, &api.ctx, id, note).await.map_err(|e| api.fail(e))?;
    let c = ik::get_consent(app, &api.ctx, id).await.map_err(|e| api.fail(e))?;
    Ok(Json(t::Withdrawal {
        consent: consent(&c),
        courses_ended: w.courses_ended,
        invitations_cancelled: w.invitations_cancelled,
        peer_removed: w.peer_removed,
        closed: w.closed,
    }))
}

#[utoipa::path(get, path = "/programmes/{id}/waiting-list", tag = "referrals", params(("id" = String, Path)),
    responses((status = 200, body = Vec<t::WaitingEntry>), (status = 404, body = crate::error::ErrorBody)))]
pub async fn waiting_list(api: Api, Path(raw): Path<String>) -> ApiResult<Json<Vec<t::WaitingEntry>>> {
    let id: ProgrammeId = id(&api, &raw)?;
    let list = ik::waiting_list(&api.state.app, &api.ctx, id).await.map_err(|e| api.fail(e))?;
    Ok(Json(
        list.rows
            .iter()
            .map(|r| t::WaitingEntry {
                participant_id: r.participant_id.to_string(),
                pseudonym: r.pseudonym.clone(),
                days_waiting: r.days_waiting,
                priority: r.priority,
                support_consent: r.support_consent,
                wishes_stated: r.wishes_stated,
            })
            .collect(),
    ))
}
