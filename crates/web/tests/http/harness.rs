//! The fixture every area's tests share: the real router over a fresh database of each backend,
//! requests and responses, signed-in browsers and tokens, and the checks every response passes.

use std::collections::BTreeSet;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use sammen_app::access::auth::{self, TokenScope};
use sammen_app::people as app_people;
use sammen_app::{App, AppError, AppResult, Ctx, ManualClock, SecurityConfig, SeededRandom, Via, directory};
use sammen_domain::audit::AuditRecord;
use sammen_domain::directory::OrganisationInput;
use sammen_domain::people::Role::Coordinator;
use sammen_domain::people::{Email, ParticipantInput, Password, Role, StaffInput};
use sammen_domain::policy::Actor as PolicyActor;
use sammen_domain::time::Timestamp;
use sammen_domain::{OrgId, TokenId, UserId};
use sammen_i18n::I18n;
use sammen_store::StoreError;
use sammen_test_support::TestDb;
use sammen_web::{AppState, WebConfig};
use serde_json::Value;
use tower::ServiceExt;

// ---------------------------------------------------------------- the fixture

/// 2026-03-02 09:00:00 UTC: every test starts here.
pub const T0: i64 = 1_772_442_000;
/// The password of every account the tests make.
pub const PW: &str = "correct horse battery staple";
/// The largest body the router accepts (`WebConfig::default`).
pub const LIMIT: usize = 64 * 1024;
/// Organisation A: the small fixture's and the authorisation matrix's (whose updates write it again).
pub const ORG_A: &str = "Aarby Kommune";

/// One backend's app behind the real router.
pub struct Env {
    pub backend: &'static str,
    pub app: App,
    pub i18n: Arc<I18n>,
    pub router: Router,
    // Last: the database outlives the app that uses it.
    pub _db: TestDb,
}

/// A response, read to the end.
pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Resp {
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
    pub fn location(&self) -> &str {
        self.header("location")
    }
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", excerpt(&self.body)))
    }
    /// The value of the page's hidden CSRF field.
    pub fn csrf(&self) -> String {
        let marker = "name=\"csrf\" value=\"";
        let at = self.body.find(marker).unwrap_or_else(|| panic!("no CSRF field in: {}", excerpt(&self.body))) + marker.len();
        self.body[at..].split('"').next().unwrap().to_owned()
    }
    /// `name=value` of a `Set-Cookie` header for `name`.
    pub fn set_cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with(&format!("{name}=")))
            .map(str::to_owned)
    }
}

pub fn excerpt(s: &str) -> String {
    s.chars().take(600).collect()
}

/// A request under construction.
pub struct Req {
    pub method: Method,
    pub path: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Req {
    pub fn new(method: &str, path: &str) -> Self {
        Self { method: method.parse().unwrap(), path: path.to_owned(), headers: Vec::new(), body: Vec::new() }
    }
    pub fn get(path: &str) -> Self {
        Self::new("GET", path)
    }
    pub fn header(mut self, k: &str, v: &str) -> Self {
        self.headers.push((k.to_owned(), v.to_owned()));
        self
    }
    pub fn cookie(self, c: &str) -> Self {
        self.header("cookie", c)
    }
    pub fn bearer(self, token: &str) -> Self {
        self.header("authorization", &format!("Bearer {token}"))
    }
    pub fn form(mut self, pairs: &[(&str, String)]) -> Self {
        self.body = form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish().into_bytes();
        self.header("content-type", "application/x-www-form-urlencoded")
    }
    pub fn json(mut self, v: &Value) -> Self {
        self.body = serde_json::to_vec(v).unwrap();
        self.header("content-type", "application/json")
    }
    pub fn raw(mut self, content_type: &str, body: Vec<u8>) -> Self {
        self.body = body;
        self.header("content-type", content_type)
    }
    pub fn build(self) -> Request<Body> {
        let mut b = Request::builder().method(self.method).uri(self.path);
        for (k, v) in self.headers {
            b = b.header(k, v);
        }
        b.body(Body::from(self.body)).unwrap()
    }
}

/// A signed-in browser: its session cookie and the session's CSRF token.
#[derive(Clone)]
pub struct Browser {
    pub cookie: String,
    pub csrf: String,
}

impl Env {
    pub async fn new(tdb: TestDb) -> Self {
        let db = tdb.open();
        let clock = Arc::new(ManualClock::new(Timestamp::from_unix_seconds(T0)));
        let app = App::new(db, clock, Arc::new(SeededRandom::new(20_260_302)), SecurityConfig::default());
        let i18n = Arc::new(I18n::new().unwrap());
        let router = sammen_web::router(AppState::new(app.clone(), i18n.clone(), WebConfig::default()));
        Env { backend: tdb.name, app, i18n, router, _db: tdb }
    }

    /// Sends one request through the whole router and checks the headers every response has.
    pub async fn send(&self, req: Req) -> Resp {
        let what = format!("{} {}", req.method, req.path);
        let res = self.router.clone().oneshot(req.build()).await.unwrap();
        let (parts, body) = res.into_parts();
        let bytes = body.collect().await.unwrap().to_bytes();
        let r = Resp { status: parts.status, headers: parts.headers, body: String::from_utf8_lossy(&bytes).into_owned() };
        assert_security_headers(self.backend, &what, &r);
        r
    }

    /// The system administrator of the command line, for setting things up.
    pub fn cli() -> Ctx {
        Ctx::cli("TEST")
    }

    pub async fn org(&self, name: &str) -> OrgId {
        let input = OrganisationInput::parse(name, "municipality", false, None).unwrap();
        directory::create_org(&self.app, &Self::cli(), input).await.unwrap().id
    }

    /// A staff account with the test password.
    pub async fn staff(&self, org: OrgId, email: &str, role: Role) -> UserId {
        let input = StaffInput::parse(email, &format!("{role} {email}"), role.code()).unwrap();
        app_people::create_staff(&self.app, &Self::cli(), org, input, Some(Password::parse(PW).unwrap())).await.unwrap().0.id
    }

    pub async fn system_admin(&self, email: &str) -> UserId {
        let ctx = Ctx::cli("admin create-user");
        app_people::create_system_admin(&self.app, &ctx, Email::parse(email).unwrap(), "System".into(), Password::parse(PW).unwrap())
            .await
            .unwrap()
    }

    pub async fn token(&self, user: UserId, org: Option<OrgId>, scope: TokenScope) -> (TokenId, String) {
        let (view, secret) = auth::create_token(&self.app, user, org, "test".into(), scope, 30, "TEST").await.unwrap();
        (view.id, secret)
    }

    /// Logs in through `POST /login` and reads the CSRF token from the dashboard.
    pub async fn login(&self, email: &str) -> Browser {
        let r = self.send(Req::new("POST", "/login").form(&[("email", email.into()), ("password", PW.into())])).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}: login of {email}: {}", self.backend, excerpt(&r.body));
        assert_eq!(r.location(), "/", "{}: {email} has a complete session", self.backend);
        let cookie = r.set_cookie("sammen_session").expect("a session cookie");
        let cookie = cookie.split(';').next().unwrap().to_owned();
        let page = self.send(Req::get("/").cookie(&cookie)).await;
        assert_eq!(page.status, StatusCode::OK, "{}: dashboard of {email}", self.backend);
        Browser { csrf: page.csrf(), cookie }
    }

    pub async fn audit_head(&self) -> i64 {
        self.app.db.read(sammen_store::audit::head).await.unwrap().0
    }

    pub async fn audit_after(&self, seq: i64) -> Vec<AuditRecord> {
        self.app
            .db
            .read(move |c| -> Result<Vec<AuditRecord>, StoreError> {
                sammen_store::audit::rows_after(c, seq, 10_000)?.into_iter().map(sammen_store::audit::from_row).collect()
            })
            .await
            .unwrap()
    }

    pub async fn participant_count(&self, org: OrgId) -> i64 {
        let counts = self.app.db.read(move |c| sammen_store::people::count_participants(c, org, None)).await.unwrap();
        counts.iter().map(|(_, n)| n).sum()
    }
}

/// The policy's view of a user, loaded the way sessions and tokens load it.
pub async fn ctx_of(app: &App, user: UserId, org: Option<OrgId>) -> Ctx {
    let actor = app
        .db
        .read(move |c| -> AppResult<PolicyActor> {
            let u = sammen_store::access::user_by_id(c, user)?.ok_or(AppError::NotFound)?;
            Ok(auth::load_actor(c, &u)?.0)
        })
        .await
        .unwrap();
    Ctx { actor, org, route: "TEST".into(), via: Via::Cli, can_write: true }
}

/// Runs `scenario` on a fresh database of every backend, saying which one it is on.
pub async fn on_every_backend<F, Fut>(test: &str, scenario: F)
where
    F: Fn(Env) -> Fut,
    Fut: Future<Output = ()>,
{
    sammen_test_support::on_every_backend(test, |tdb| {
        let scenario = &scenario;
        async move { scenario(Env::new(tdb).await).await }
    })
    .await;
}

/// Headers every response carries; pages are never cached.
pub fn assert_security_headers(backend: &str, what: &str, r: &Resp) {
    let csp = r.header("content-security-policy");
    for part in ["default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'"] {
        assert!(csp.contains(part), "{backend}: {what}: CSP lacks {part:?}: {csp:?}");
    }
    assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), "{backend}: {what}: {csp}");
    assert_eq!(r.header("x-frame-options"), "DENY", "{backend}: {what}");
    assert_eq!(r.header("x-content-type-options"), "nosniff", "{backend}: {what}");
    assert_eq!(r.header("referrer-policy"), "no-referrer", "{backend}: {what}");
    assert!(!r.header("x-request-id").is_empty(), "{backend}: {what}: a correlation id");
    if r.header("content-type").starts_with("text/html") || r.header("content-type").starts_with("application/json") {
        assert_eq!(r.header("cache-control"), "no-store", "{backend}: {what}: pages and API answers are never cached");
    }
}

/// Escapes text as askama does in HTML.
pub fn html(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&#34;").replace('\'', "&#39;")
}

// ---------------------------------------------------------------- the crate's sources

/// The web crate's directory.
pub fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Files under `dirs` ending in `.{ext}`, with their text.
pub fn sources(dirs: &[&Path], ext: &str) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut todo: Vec<PathBuf> = dirs.iter().map(|d| d.to_path_buf()).collect();
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let p = entry.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else if p.extension().is_some_and(|e| e == ext) {
                let text = std::fs::read_to_string(&p).unwrap();
                out.push((p, text));
            }
        }
    }
    out.sort();
    assert!(!out.is_empty(), "no .{ext} files in {dirs:?}");
    out
}

// ---------------------------------------------------------------- set-ups and checks several areas use

/// A waiting participant with only a name.
pub fn participant_input(name: &str) -> ParticipantInput {
    ParticipantInput::parse(Some(name), None, None, None, None, None, None, "waiting", "da", 2026).unwrap()
}

/// Organisation A with a coordinator signed in both ways.
pub struct Small {
    pub org: OrgId,
    pub browser: Browser,
    pub write: String,
    pub read: String,
}

pub async fn small(env: &Env) -> Small {
    let org = env.org(ORG_A).await;
    let user = env.staff(org, "koordinator@a.test", Coordinator).await;
    let browser = env.login("koordinator@a.test").await;
    let (_, write) = env.token(user, Some(org), TokenScope::Write).await;
    let (_, read) = env.token(user, Some(org), TokenScope::Read).await;
    Small { org, browser, write, read }
}

/// Checks the one error body: `{"error": {status, code, message, correlation_id, fields}}`.
pub fn assert_error_body(what: &str, res: &Resp, status: StatusCode, code: &str) -> Value {
    assert_eq!(res.status, status, "{what}: {}", excerpt(&res.body));
    let body = res.json();
    let keys: BTreeSet<&str> = body.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, BTreeSet::from(["error"]), "{what}");
    let e = &body["error"];
    let keys: BTreeSet<&str> = e.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, BTreeSet::from(["status", "code", "message", "correlation_id", "fields"]), "{what}");
    assert_eq!(e["status"], status.as_u16(), "{what}");
    assert_eq!(e["code"], code, "{what}");
    assert!(!e["message"].as_str().unwrap().is_empty(), "{what}");
    assert_eq!(e["correlation_id"].as_str().unwrap(), res.header("x-request-id"), "{what}: the id of the log line");
    assert!(e["fields"].is_array(), "{what}");
    e.clone()
}

pub fn field_names(e: &Value) -> BTreeSet<String> {
    e["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap().to_owned()).collect()
}
