//! Who is asking: the UI's session cookie (with CSRF) and the API's bearer token.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts, MatchedPath};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use sammen_app::Ctx;
use sammen_app::access::auth::{self, SecondFactor, SessionInfo};
use subtle::ConstantTimeEq;

use crate::AppState;
use crate::error::{ApiError, correlation_id};
use crate::i18n::{Tr, lang_of};

pub const SESSION_COOKIE: &str = "sammen_session";

/// Reads one cookie's value.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// A `Set-Cookie` value with the attributes every Sammen cookie has.
pub fn set_cookie(state: &AppState, name: &str, value: &str, max_age: Option<i64>) -> String {
    let secure = if state.config.secure_cookies { "; Secure" } else { "" };
    let age = max_age.map(|a| format!("; Max-Age={a}")).unwrap_or_default();
    format!("{name}={value}; Path=/; HttpOnly; SameSite=Strict{secure}{age}")
}

/// Compares secrets in constant time, so a forged CSRF token learns nothing from how long the
/// refusal took. Only the length may leak, and every token has the same length.
pub fn same_secret(a: &str, b: &str) -> bool {
    bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

fn route_of(parts: &Parts) -> String {
    let path = parts.extensions.get::<MatchedPath>().map(|m| m.as_str().to_owned()).unwrap_or_else(|| "?".into());
    format!("{} {}", parts.method, path)
}

fn address_of(state: &AppState, parts: &Parts) -> String {
    let forwarded = parts.headers.get("x-forwarded-for").and_then(|v| v.to_str().ok()).and_then(|f| f.split(',').next());
    if state.config.trust_forwarded_for
        && let Some(first) = forwarded
    {
        return first.trim().to_owned();
    }
    parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_string()).unwrap_or_else(|| "unknown".into())
}

/// A UI request, signed in or not.
pub struct Web {
    pub state: AppState,
    pub tr: Tr,
    pub correlation: String,
    pub route: String,
    pub path: String,
    pub address: String,
    pub htmx: bool,
    pub session: Option<SessionInfo>,
}

impl FromRequestParts<AppState> for Web {
    type Rejection = Response;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let tr = Tr { i18n: state.i18n.clone(), lang: lang_of(&parts.headers) };
        let correlation = correlation_id(&parts.extensions);
        let session = match cookie(&parts.headers, SESSION_COOKIE) {
            Some(token) => match auth::resolve_session(&state.app, &token).await {
                Ok(s) => s,
                Err(e) => return Err(crate::ui::error_page(&tr, &correlation, None, &e)),
            },
            None => None,
        };
        Ok(Web {
            state: state.clone(),
            tr,
            correlation,
            route: route_of(parts),
            path: parts.uri.path().to_owned(),
            address: address_of(state, parts),
            htmx: parts.headers.contains_key("hx-request"),
            session,
        })
    }
}

/// A UI request with a complete session (password and, where needed, TOTP).
pub struct Authed {
    pub web: Web,
    pub s: SessionInfo,
}

impl Authed {
    pub fn ctx(&self) -> Ctx {
        self.s.ctx(&self.web.route)
    }
}

impl FromRequestParts<AppState> for Authed {
    type Rejection = Response;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let mut web = Web::from_request_parts(parts, state).await?;
        let Some(s) = web.session.take() else {
            return Err(Redirect::to("/login").into_response());
        };
        match s.second_factor {
            SecondFactor::Done => Ok(Authed { web, s }),
            SecondFactor::Code => Err(Redirect::to("/login/totp").into_response()),
            // Until TOTP is set up, only the account page (to set it up) and logout are open.
            SecondFactor::Enrol if web.path == "/account" || web.path.starts_with("/account/totp/") || web.path == "/logout" => {
                Ok(Authed { web, s })
            }
            SecondFactor::Enrol => Err(Redirect::to("/account?enrol=1").into_response()),
        }
    }
}

/// An API request: a valid bearer token. Cookies are never looked at.
pub struct Api {
    pub ctx: Ctx,
    pub tr: Tr,
    pub correlation: String,
    pub state: AppState,
}

impl Api {
    pub fn fail(&self, error: sammen_app::AppError) -> ApiError {
        ApiError { error, tr: self.tr.clone(), correlation: self.correlation.clone() }
    }
}

impl FromRequestParts<AppState> for Api {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let lang = crate::i18n::api_lang_of(&parts.headers);
        let tr = Tr { i18n: state.i18n.clone(), lang };
        let correlation = correlation_id(&parts.extensions);
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
            .map(str::to_owned);
        let Some(token) = token else {
            return Err(ApiError { error: sammen_app::AppError::Unauthorized, tr, correlation });
        };
        match auth::resolve_token(&state.app, &token, &route_of(parts)).await {
            Ok(ctx) => Ok(Api { ctx, tr, correlation, state: state.clone() }),
            Err(error) => Err(ApiError { error, tr, correlation }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::same_secret;

    #[test]
    fn secrets_compare_by_every_byte_and_length() {
        assert!(same_secret("abc123", "abc123"));
        assert!(same_secret("", ""));
        assert!(!same_secret("abc123", "abc124"));
        assert!(!same_secret("abc123", "Abc123"));
        assert!(!same_secret("abc123", "abc12"));
        assert!(!same_secret("", "a"));
    }
}
