//! Signing in and out, the second factor, and the language and organisation switches.

use askama::Template;
use axum::body::Body;
use axum::http::header;
use axum::response::IntoResponse;
use sammen_app::AppError;
use sammen_app::access::auth::{self, SecondFactor};
use sammen_i18n::Lang;

use crate::form::{FormData, read_body, read_form};
use crate::i18n::LANG_COOKIE;
use crate::session::{Authed, SESSION_COOKIE, Web, set_cookie};
use crate::ui::{Chrome, Errs, OrPage, Page, post_form, render, render_status, see_other};

#[derive(Template)]
#[template(path = "access/login.html")]
struct LoginPage {
    c: Chrome,
    f: FormData,
    failed: String,
}

pub async fn login_form(web: Web) -> Page {
    if web.session.is_some() {
        return Ok(see_other("/"));
    }
    Ok(render(&LoginPage { c: Chrome::anonymous(&web, "login-title"), f: FormData::default(), failed: String::new() }))
}

pub async fn login(web: Web, body: Body) -> Page {
    let form = FormData::parse(&read_body(body, web.state.config.max_body_bytes).await.map_err(|e| web.fail(&e))?);
    let result = auth::login(&web.state.app, form.get("email"), form.get("password"), &web.address).await;
    match result {
        Ok(r) => {
            let next = match r.second_factor {
                SecondFactor::Done => "/",
                SecondFactor::Code => "/login/totp",
                SecondFactor::Enrol => "/account?enrol=1",
            };
            let abs = web.state.app.security.session_absolute_seconds;
            let mut res = see_other(next);
            if let Ok(v) = set_cookie(&web.state, SESSION_COOKIE, &r.session_token, Some(abs)).parse() {
                res.headers_mut().insert(header::SET_COOKIE, v);
            }
            Ok(res)
        }
        Err(e @ (AppError::Unauthorized | AppError::TooManyAttempts)) => {
            let key = if matches!(e, AppError::TooManyAttempts) { "error-too-many-attempts" } else { "error-login-failed" };
            let status = crate::error::status_of(&e);
            let f = FormData::from_pairs(vec![("email", form.get("email").to_owned())]);
            Ok(render_status(status, &LoginPage { failed: web.tr.t(key), c: Chrome::anonymous(&web, "login-title"), f }))
        }
        Err(e) => Err(web.fail(&e)),
    }
}

#[derive(Template)]
#[template(path = "access/totp.html")]
struct TotpPage {
    c: Chrome,
    e: Errs,
    csrf: String,
}

pub async fn totp_form(web: Web) -> Page {
    let Some(s) = &web.session else { return Ok(see_other("/login")) };
    if s.second_factor != SecondFactor::Code {
        return Ok(see_other("/"));
    }
    let csrf = s.csrf.clone();
    Ok(render(&TotpPage { c: Chrome::anonymous(&web, "totp-title"), e: Errs::none(), csrf }))
}

pub async fn totp(web: Web, body: Body) -> Page {
    let Some(s) = web.session.clone() else { return Ok(see_other("/login")) };
    let form = read_form(body, web.state.config.max_body_bytes, &s.csrf).await.map_err(|e| web.fail(&e))?;
    match auth::verify_second_factor(&web.state.app, &s, form.get("code")).await {
        Ok(()) => Ok(see_other("/")),
        Err(AppError::Validation(v)) => {
            let e = Errs::from(&web.tr, &v);
            Ok(render_status(
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                &TotpPage { c: Chrome::anonymous(&web, "totp-title"), e, csrf: s.csrf.clone() },
            ))
        }
        Err(e) => Err(web.fail(&e)),
    }
}

pub async fn logout(web: Web, body: Body) -> Page {
    if let Some(s) = &web.session {
        read_form(body, web.state.config.max_body_bytes, &s.csrf).await.map_err(|e| web.fail(&e))?;
        auth::logout(&web.state.app, s).await.map_err(|e| web.fail(&e))?;
    }
    let mut res = see_other("/login");
    if let Ok(v) = set_cookie(&web.state, SESSION_COOKIE, "", Some(0)).parse() {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    Ok(res)
}

/// Remembers the language in a cookie and returns to the page the switch was pressed on.
/// Needs no session (the login page has the switch too) and changes nothing stored.
pub async fn switch_lang(web: Web, body: Body) -> Page {
    let form = FormData::parse(&read_body(body, 4096).await.map_err(|e| web.fail(&e))?);
    let lang = Lang::parse(form.get("lang")).unwrap_or(Lang::Da);
    let back = form.get("back");
    // Only local paths: never an open redirect.
    let back = if back.starts_with('/') && !back.starts_with("//") && !back.contains('\\') { back } else { "/" };
    let mut res = see_other(back).into_response();
    if let Ok(v) = set_cookie(&web.state, LANG_COOKIE, lang.code(), Some(365 * 86_400)).parse() {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    Ok(res)
}

pub async fn switch_org(a: Authed, body: Body) -> Page {
    let form = post_form(&a, body).await?;
    let org = a.id(form.get("org"))?;
    auth::switch_org(&a.web.state.app, &a.s, org).await.or_page(&a)?;
    Ok(see_other("/"))
}
