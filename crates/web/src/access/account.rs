//! The user's own account (password, TOTP, API tokens) and the audit log page.

use askama::Template;
use axum::body::Body;
use axum::extract::{Path, RawQuery};
use axum::http::StatusCode;
use sammen_app::access::auth::{self, TokenView};
use sammen_app::{AppError, access::audit};
use sammen_domain::TokenId;
use sammen_domain::audit::{AuditAction, AuditRecord};
use sammen_store::audit::AuditFilter;

use crate::form::FormData;
use crate::session::Authed;
use crate::ui::{Chrome, Errs, OrPage, Page, Pager, page_of, post_form, render, render_status, see_other, store_page};

#[derive(Template)]
#[template(path = "access/account.html")]
struct AccountPage {
    c: Chrome,
    e: Errs,
    f: FormData,
    tokens: Vec<TokenView>,
    totp_enabled: bool,
    enrol_required: bool,
    totp_secret: String,
    totp_uri: String,
    new_token: String,
}

async fn account_page(
    a: &Authed,
    status: StatusCode,
    e: Errs,
    f: FormData,
    notice: String,
    totp: Option<(String, String)>,
    new_token: String,
) -> Page {
    let tokens = auth::list_tokens(&a.web.state.app, a.s.user).await.or_page(a)?;
    let mut c = Chrome::new(a, a.web.tr.t("account-title"));
    c.notice = notice;
    let (totp_secret, totp_uri) = totp.unwrap_or_default();
    Ok(render_status(
        status,
        &AccountPage {
            c,
            e,
            f,
            tokens,
            totp_enabled: a.s.totp_enabled,
            enrol_required: a.s.second_factor == sammen_app::access::auth::SecondFactor::Enrol,
            totp_secret,
            totp_uri,
            new_token,
        },
    ))
}

pub async fn page(a: Authed) -> Page {
    account_page(&a, StatusCode::OK, Errs::none(), FormData::default(), String::new(), None, String::new()).await
}

pub async fn password(a: Authed, body: Body) -> Page {
    let f = post_form(&a, body).await?;
    match auth::change_password(&a.web.state.app, &a.s, f.get("current_password"), f.get("new_password"), f.get("repeat_password")).await {
        Ok(()) => {
            account_page(&a, StatusCode::OK, Errs::none(), FormData::default(), a.web.tr.t("account-password-changed"), None, String::new())
                .await
        }
        Err(AppError::Validation(v)) => {
            account_page(
                &a,
                StatusCode::UNPROCESSABLE_ENTITY,
                Errs::from(&a.web.tr, &v),
                FormData::default(),
                String::new(),
                None,
                String::new(),
            )
            .await
        }
        Err(e) => Err(a.fail(&e)),
    }
}

pub async fn totp_begin(a: Authed, body: Body) -> Page {
    post_form(&a, body).await?;
    let pair = auth::totp_begin(&a.web.state.app, &a.s).await.or_page(&a)?;
    account_page(&a, StatusCode::OK, Errs::none(), FormData::default(), String::new(), Some(pair), String::new()).await
}

pub async fn totp_confirm(a: Authed, body: Body) -> Page {
    let f = post_form(&a, body).await?;
    let done = auth::totp_confirm(&a.web.state.app, &a.s, f.get("code")).await;
    after_totp_change(&a, done).await
}

pub async fn totp_disable(a: Authed, body: Body) -> Page {
    let f = post_form(&a, body).await?;
    let done = auth::totp_disable(&a.web.state.app, &a.s, f.get("password")).await;
    after_totp_change(&a, done).await
}

/// Back to the account page after a TOTP change; on a validation error, the page again with it.
async fn after_totp_change(a: &Authed, done: Result<(), AppError>) -> Page {
    match done {
        Ok(()) => Ok(see_other("/account")),
        Err(AppError::Validation(v)) => {
            let errs = Errs::from(&a.web.tr, &v);
            account_page(a, StatusCode::UNPROCESSABLE_ENTITY, errs, FormData::default(), String::new(), None, String::new()).await
        }
        Err(e) => Err(a.fail(&e)),
    }
}

pub async fn token_create(a: Authed, body: Body) -> Page {
    let f = post_form(&a, body).await?;
    let sec = &a.web.state.app.security;
    let parsed = auth::parse_token_request(f.get("name"), f.get("scope"), f.opt("days"), sec.token_max_days, sec.token_default_days);
    let (name, scope, days) = match parsed {
        Ok(p) => p,
        Err(v) => {
            return account_page(&a, StatusCode::UNPROCESSABLE_ENTITY, Errs::from(&a.web.tr, &v), f, String::new(), None, String::new())
                .await;
        }
    };
    let (_, secret) = auth::create_token(&a.web.state.app, a.s.user, a.s.org, name, scope, days, &a.web.route).await.or_page(&a)?;
    account_page(&a, StatusCode::OK, Errs::none(), FormData::default(), a.web.tr.t("token-created"), None, secret).await
}

pub async fn token_revoke(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    post_form(&a, body).await?;
    let id = a.id::<TokenId>(&id)?;
    auth::revoke_token(&a.web.state.app, &a.s, id).await.or_page(&a)?;
    Ok(see_other("/account"))
}

#[derive(Template)]
#[template(path = "access/audit.html")]
struct AuditPage {
    c: Chrome,
    f: FormData,
    records: Vec<AuditRecord>,
    pager: Pager,
    total: i64,
    actions: Vec<(String, String)>,
}

pub async fn audit(a: Authed, RawQuery(q): RawQuery) -> Page {
    let f = FormData::query(q.as_deref());
    let page = page_of(f.opt("page"));
    let day = |s: &str, end: bool| {
        sammen_domain::time::parse_date(s).ok().map(|d| {
            let d = if end { d.next_day().unwrap_or(d) } else { d };
            d.midnight().assume_utc().unix_timestamp() * 1_000_000
        })
    };
    let keep = |k: &str| Some(f.get(k).trim().to_owned()).filter(|v| !v.is_empty());
    let filter = AuditFilter {
        organisation: None,
        actor: keep("actor"),
        subject: keep("subject"),
        action: keep("action").filter(|a| AuditAction::parse(a).is_ok()),
        from: day(f.get("from"), false),
        to: day(f.get("to"), true),
    };
    let (records, total) = audit::search(&a.web.state.app, &a.ctx(), filter, store_page(page)).await.or_page(&a)?;
    let base = format!(
        "/audit?actor={}&subject={}&action={}&from={}&to={}",
        enc(f.get("actor")),
        enc(f.get("subject")),
        enc(f.get("action")),
        enc(f.get("from")),
        enc(f.get("to"))
    );
    let pager = Pager::new(&a.web.tr, page, total, &base);
    let actions = crate::ui::options(&a.web.tr, "action", AuditAction::ALL, |x| x.code());
    Ok(render(&AuditPage { c: Chrome::new(&a, a.web.tr.t("audit-title")), f, records, pager, total, actions }))
}

pub fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
