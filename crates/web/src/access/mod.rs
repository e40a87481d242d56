//! Access: signing in (password, TOTP), switching language and organisation, the user's own
//! account with personal API tokens, and the audit log's search for administrators.

pub(crate) mod account;
pub(crate) mod api;
pub(crate) mod login;

use axum::Router;
use axum::routing::{get, post};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::ui::menu::{MenuArea, item};
use sammen_domain::people::Role::Administrator;

crate::routes::id_routes! {
    ui {
        TokenRevoke: POST "/account/tokens/{id}/revoke" => account::token_revoke;
    }
    api {
    }
}

/// The area's pages; those with an id in the path are in [`IdRoute`].
pub fn ui() -> Router<AppState> {
    Router::new()
        .route("/login", get(login::login_form).post(login::login))
        .route("/login/totp", get(login::totp_form).post(login::totp))
        .route("/logout", post(login::logout))
        .route("/lang", post(login::switch_lang))
        .route("/org", post(login::switch_org))
        .route("/account", get(account::page))
        .route("/account/password", post(account::password))
        .route("/account/totp/begin", post(account::totp_begin))
        .route("/account/totp/confirm", post(account::totp_confirm))
        .route("/account/totp/disable", post(account::totp_disable))
        .route("/account/tokens", post(account::token_create))
        .route("/audit", get(account::audit))
        .merge(id_ui())
}

/// The area's API operations under `/api/v1`, each with its OpenAPI description.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(api::me)).merge(id_api())
}

/// The area's menu items, each shown only to the roles its page admits.
pub fn menu() -> MenuArea {
    MenuArea {
        id: "access",
        label: "nav-area-access",
        items: vec![
            // policy::view_audit.
            item("/audit", "nav-audit", |v| v.system_admin || v.is(&[Administrator])),
            item("/account", "nav-account", |_| true),
        ],
    }
}
