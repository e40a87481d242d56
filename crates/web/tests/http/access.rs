//! Access: bearer tokens for the API, and the UI's login, session cookie and logout.

use axum::http::StatusCode;
use sammen_domain::people::Role::Coordinator;
use sammen_i18n::Lang;
use sammen_web::access::IdRoute as AccessRoute;
use serde_json::Value;

use crate::authz::{OWNER, Res, Rule, World};
use crate::harness::*;

// ---------------------------------------------------------------- bearer tokens

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_authenticates_with_bearer_tokens_only() {
    on_every_backend("api-auth", |env| async move {
        let b = env.backend;
        let s = small(&env).await;
        for (what, req) in [
            ("no token", Req::get("/api/v1/participants")),
            ("unknown token", Req::get("/api/v1/participants").bearer("smn_not-a-token")),
            ("not bearer", Req::get("/api/v1/participants").header("authorization", &format!("Basic {}", s.write))),
            ("session cookie alone", Req::get("/api/v1/participants").cookie(&s.browser.cookie)),
            ("cookie on /me", Req::get("/api/v1/me").cookie(&s.browser.cookie)),
        ] {
            let res = env.send(req).await;
            let e = assert_error_body(&format!("{b}: {what}"), &res, StatusCode::UNAUTHORIZED, "unauthorized");
            assert_eq!(res.header("www-authenticate"), "Bearer", "{b}: {what}");
            assert_eq!(e["message"], env.i18n.t(Lang::Da, "error-unauthorized"), "{b}: Danish by default");
        }
        let res = env.send(Req::get("/api/v1/me").bearer(&s.write)).await;
        assert_eq!(res.status, StatusCode::OK);
        assert_eq!(res.json()["role"], "coordinator");
        assert_eq!(res.json()["can_write"], true);
        let res = env.send(Req::get("/api/v1/me").bearer(&s.read)).await;
        assert_eq!(res.json()["can_write"], false);

        for path in ["/healthz", "/readyz"] {
            let res = env.send(Req::get(path)).await;
            assert_eq!(res.status, StatusCode::OK, "{b}: {path} needs no authentication");
        }
    })
    .await;
}

// ---------------------------------------------------------------- the UI's login

/// A page with what differs between two renderings of it blanked out.
fn normalised(body: &str, variable: &[&str]) -> String {
    let mut out = body.to_owned();
    for v in variable {
        out = out.replace(v, "VALUE");
    }
    // CSRF tokens.
    let marker = "name=\"csrf\" value=\"";
    let mut rest = out.as_str();
    let mut cleaned = String::new();
    while let Some(at) = rest.find(marker) {
        cleaned.push_str(&rest[..at + marker.len()]);
        rest = &rest[at + marker.len()..];
        rest = &rest[rest.find('"').unwrap_or(0)..];
    }
    cleaned.push_str(rest);
    cleaned
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ui_login_answers_alike_for_unknown_accounts_and_sets_a_strict_cookie() {
    on_every_backend("ui-login", |env| async move {
        let b = env.backend;
        let org = env.org(ORG_A).await;
        env.staff(org, "koordinator@a.test", Coordinator).await;

        let res = env.send(Req::get("/")).await;
        assert_eq!((res.status, res.location()), (StatusCode::SEE_OTHER, "/login"), "{b}: no session, no dashboard");
        let res = env.send(Req::get("/login")).await;
        assert_eq!(res.status, StatusCode::OK, "{b}");
        assert!(res.body.contains("<html lang=\"da\">"), "{b}: Danish first");

        let login = |email: &str, pw: &str| Req::new("POST", "/login").form(&[("email", email.into()), ("password", pw.into())]);
        let wrong = env.send(login("koordinator@a.test", "not the password at all")).await;
        let unknown = env.send(login("nobody@a.test", PW)).await;
        for r in [&wrong, &unknown] {
            assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{b}");
            assert!(r.body.contains(&html(&env.i18n.t(Lang::Da, "error-login-failed"))), "{b}: {}", excerpt(&r.body));
            assert!(r.set_cookie("sammen_session").is_none(), "{b}: no session for a failed login");
        }
        assert_eq!(
            normalised(&wrong.body, &["koordinator@a.test"]),
            normalised(&unknown.body, &["nobody@a.test"]),
            "{b}: a wrong password and an unknown account look the same"
        );

        let ok = env.send(login("Koordinator@A.test", PW)).await;
        assert_eq!((ok.status, ok.location()), (StatusCode::SEE_OTHER, "/"), "{b}: e-mail addresses are case-insensitive");
        let cookie = ok.set_cookie("sammen_session").expect("a session cookie");
        for attr in ["HttpOnly", "SameSite=Strict", "Path=/"] {
            assert!(cookie.split("; ").any(|a| a == attr), "{b}: {cookie} lacks {attr}");
        }
        let value = cookie.split(';').next().unwrap();
        assert!(value.len() > "sammen_session=".len() + 20, "{b}: a long random secret: {value}");
        let res = env.send(Req::get("/").cookie(value)).await;
        assert_eq!(res.status, StatusCode::OK, "{b}");
        let res = env.send(Req::get("/login").cookie(value)).await;
        assert_eq!((res.status, res.location()), (StatusCode::SEE_OTHER, "/"), "{b}: signed in already");

        // Logging out ends the session on the server, not just in the browser.
        let csrf = env.send(Req::get("/").cookie(value)).await.csrf();
        let res = env.send(Req::new("POST", "/logout").cookie(value).form(&[("csrf", csrf)])).await;
        assert_eq!((res.status, res.location()), (StatusCode::SEE_OTHER, "/login"), "{b}");
        let res = env.send(Req::get("/").cookie(value)).await;
        assert_eq!((res.status, res.location()), (StatusCode::SEE_OTHER, "/login"), "{b}: the old cookie is dead");
    })
    .await;
}

// ---------------------------------------------------------------- authorisation (`crate::authz`)

/// Who may call each of this area's id routes, derived from the handlers and `domain::policy`.
/// No wildcard arm: a new route must be given its rule here before the authorisation test compiles.
pub fn rule(r: AccessRoute) -> Rule {
    let (on, a, system_admin) = match r {
        // Only the owner revokes a token.
        AccessRoute::TokenRevoke => (Res::Token, OWNER, false),
    };
    Rule { on, a, system_admin }
}

/// This area's routes whose allowed call uses up the resource: each allowed caller gets a fresh one.
pub fn consumes(r: AccessRoute) -> bool {
    matches!(r, AccessRoute::TokenRevoke)
}

/// A valid form for each of this area's UI POST routes (the CSRF field is added by the caller).
pub fn ui_form(r: AccessRoute, _w: &World, _n: u32) -> Vec<(&'static str, String)> {
    match r {
        AccessRoute::TokenRevoke => Vec::new(),
    }
}

/// A valid JSON body for each of this area's API routes that takes one.
pub fn api_body(_: AccessRoute, _: &World) -> Option<Value> {
    None
}

/// This area's UI routes with an id, for the check that the routers register exactly the
/// id routes the tests know of.
pub const UI_ID_ROUTES: &[(&str, &str)] = &[("POST", "/account/tokens/{id}/revoke")];
