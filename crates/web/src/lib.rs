//! Sammen's web layer: the only crate that knows HTTP, cookies and HTML.
//!
//! Owns: the router, the server-rendered UI (askama templates + htmx, every asset embedded),
//! the REST API under `/api/v1` with its OpenAPI document, sessions and CSRF for the UI,
//! bearer tokens for the API, security headers, body limits and the mapping of `AppError`
//! to responses. Handlers are thin: extract, call `sammen_app`, render. No SQL and no
//! permission rules here.

pub mod api;
mod assets;
mod download;
mod error;
mod form;
mod i18n;
mod middleware;
pub mod routes;
mod session;
pub mod ui;

// The areas, spelled the same in every layer. Declared as plain modules (not inside the
// `areas!` list below) so that rustfmt reaches their files.
pub mod access;
pub mod directory;
pub mod journey;
pub mod measurement;
pub mod people;
pub mod workforce;

/// The areas, in the order the menu shows them: with the module line above, the one list an
/// area is added to. Each area module registers its own pages, API operations, id routes and
/// menu items.
macro_rules! areas {
    ($($variant:ident: $area:ident),+ $(,)?) => {
        /// A route with an `{id}` in its path, by area.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum IdRoute { $($variant($area::IdRoute)),+ }

        impl IdRoute {
            /// Every id route of every area.
            pub fn all() -> Vec<IdRoute> {
                let mut all = Vec::new();
                $(all.extend($area::IdRoute::ALL.iter().map(|r| IdRoute::$variant(*r)));)+
                all
            }
            pub fn method(self) -> &'static str {
                match self { $(IdRoute::$variant(r) => r.method()),+ }
            }
            /// The full path pattern with `{id}`.
            pub fn path(self) -> &'static str {
                match self { $(IdRoute::$variant(r) => r.path()),+ }
            }
        }

        fn areas_ui() -> Router<AppState> {
            Router::new()$(.merge($area::ui()))+
        }

        fn areas_api() -> utoipa_axum::router::OpenApiRouter<AppState> {
            utoipa_axum::router::OpenApiRouter::new()$(.merge($area::api()))+
        }

        fn area_menus() -> Vec<ui::menu::MenuArea> {
            vec![$($area::menu()),+]
        }
    };
}

areas! {
    Journey: journey,
    People: people,
    Measurement: measurement,
    Workforce: workforce,
    Directory: directory,
    Access: access,
}

use std::sync::Arc;

use axum::Router;
pub use error::{CorrelationId, correlation_id};
use sammen_app::App;
use sammen_i18n::I18n;

/// Settings of the web layer.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Send cookies with `Secure` (behind TLS). Off only for plain-HTTP local use.
    pub secure_cookies: bool,
    /// The largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_forwarded_for: bool,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self { secure_cookies: false, max_body_bytes: 64 * 1024, trust_forwarded_for: false }
    }
}

/// What every handler gets: the application, the translations and the settings.
#[derive(Clone)]
pub struct AppState {
    pub app: App,
    pub i18n: Arc<I18n>,
    pub config: Arc<WebConfig>,
    /// The start pages' counts, for the menu.
    pub queue_counts: Arc<ui::menu::QueueCounts>,
}

impl AppState {
    pub fn new(app: App, i18n: Arc<I18n>, config: WebConfig) -> Self {
        Self { app, i18n, config: Arc::new(config), queue_counts: Arc::default() }
    }
}

/// The whole HTTP surface of Sammen.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(areas_ui())
        .nest("/api/v1", api::router())
        .route("/healthz", axum::routing::get(health))
        .route("/readyz", axum::routing::get(ready))
        .route("/assets/{file}", axum::routing::get(assets::serve))
        .fallback(ui::not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::headers))
        .with_state(state)
}

/// Process up. Also the "bare handler" the benchmarks measure beside the audited read.
async fn health() -> &'static str {
    "ok"
}

async fn ready(axum::extract::State(s): axum::extract::State<AppState>) -> (axum::http::StatusCode, &'static str) {
    if s.app.db.ping().await {
        (axum::http::StatusCode::OK, "ready")
    } else {
        (axum::http::StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
    }
}
