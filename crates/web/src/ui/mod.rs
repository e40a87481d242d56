//! The server-rendered UI: pages for every resource, in Danish first and English second.

pub mod chart;
pub mod menu;

use std::str::FromStr;

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use sammen_app::AppError;
use sammen_app::access::auth::SessionInfo;
use sammen_domain::ValidationErrors;

use crate::error::{log_internal, message_of, status_of};
use crate::form::FormData;
use crate::i18n::Tr;
use crate::session::{Authed, Web};

/// The logged-in user as the header shows them.
pub struct UserBar {
    pub name: String,
    pub role: String,
}

pub struct NavItem {
    pub href: &'static str,
    pub label: String,
    pub current: bool,
}

/// One area of the menu, with the links the user may follow.
pub struct NavGroup {
    pub id: &'static str,
    pub label: String,
    pub items: Vec<NavItem>,
}

/// What every page's frame needs.
pub struct Chrome {
    pub t: Tr,
    pub title: String,
    pub csrf: String,
    pub path: String,
    pub user: Option<UserBar>,
    /// The start page, before the areas.
    pub home: Option<NavItem>,
    pub nav: Vec<NavGroup>,
    /// (id, name, current)
    pub orgs: Vec<(String, String, bool)>,
    pub org_name: String,
    pub notice: String,
    /// How many things wait on the start page, shown beside its menu item (see
    /// [`menu::QueueCounts`]); None when not known or nothing waits.
    pub home_count: Option<usize>,
}

impl Chrome {
    pub fn anonymous(web: &Web, title_key: &str) -> Self {
        Self {
            t: web.tr.clone(),
            title: web.tr.t(title_key),
            csrf: String::new(),
            path: web.path.clone(),
            user: None,
            home: None,
            nav: Vec::new(),
            orgs: Vec::new(),
            org_name: String::new(),
            notice: String::new(),
            home_count: None,
        }
    }

    pub fn new(a: &Authed, title: String) -> Self {
        let t = a.web.tr.clone();
        let s = &a.s;
        let role = s.role();
        let sys = s.actor.system_admin;
        let path = a.web.path.clone();
        let link = |i: &menu::MenuItem| NavItem {
            href: i.href,
            label: t.t(i.label),
            current: if i.href == "/" { path == "/" } else { path == i.href || path.starts_with(&format!("{}/", i.href)) },
        };
        let home = link(&menu::home_item());
        let nav = menu::for_viewer(&menu::Viewer::of(s))
            .iter()
            .map(|area| NavGroup { id: area.id, label: t.t(area.label), items: area.items.iter().map(link).collect() })
            .collect();
        let orgs = s.orgs.iter().map(|o| (o.id.to_string(), o.name.clone(), Some(o.id) == s.org)).collect();
        let org_name = s.orgs.iter().find(|o| Some(o.id) == s.org).map(|o| o.name.clone()).unwrap_or_default();
        let role_label = match role {
            Some(r) => t.code("role", r.code()),
            None if sys => t.t("role-system_administrator"),
            None => String::new(),
        };
        Self {
            title,
            csrf: s.csrf.clone(),
            path,
            user: Some(UserBar { name: s.display_name.clone(), role: role_label }),
            home: Some(home),
            nav,
            orgs,
            org_name,
            notice: String::new(),
            home_count: a.web.state.queue_counts.get(s.user, s.org, a.web.state.app.now()).filter(|n| *n > 0),
            t,
        }
    }
}

/// Field errors, translated, for templates: `e.get("name")`.
#[derive(Default)]
pub struct Errs {
    items: Vec<(String, String)>,
}

impl Errs {
    pub fn none() -> Self {
        Self::default()
    }
    pub fn from(tr: &Tr, v: &ValidationErrors) -> Self {
        Self { items: v.fields.iter().map(|f| (f.field.clone(), tr.t(f.message))).collect() }
    }
    /// One field's error already in words, for a problem whose message names a place in the
    /// input (a file's line and column).
    pub fn described(field: &str, message: String) -> Self {
        Self { items: vec![(field.to_owned(), message)] }
    }
    pub fn get(&self, name: &str) -> String {
        self.items.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default()
    }
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    pub fn list(&self) -> &[(String, String)] {
        &self.items
    }
}

impl FormData {
    /// Whether a multi-valued field has `value` (for checkboxes in templates).
    pub fn has(&self, name: &str, value: &str) -> bool {
        self.all(name).iter().any(|v| v == value)
    }
    pub fn from_pairs(pairs: Vec<(&str, String)>) -> Self {
        let mut out = Vec::new();
        for (k, v) in pairs {
            out.push((k.to_owned(), v));
        }
        FormData::from_vec(out)
    }
}

/// Paging links for list pages.
pub struct Pager {
    pub pages: i64,
    pub label: String,
    pub prev: String,
    pub next: String,
}

pub const PER_PAGE: i64 = 25;

impl Pager {
    /// `base` is the list URL with its query, without `page`.
    pub fn new(tr: &Tr, page: i64, total: i64, base: &str) -> Self {
        let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
        let sep = if base.contains('?') { '&' } else { '?' };
        let link = |p: i64| format!("{base}{sep}page={p}");
        Self {
            pages,
            label: tr.i18n.t_args(tr.lang, "common-page-of", &[("page", page.into()), ("pages", pages.into())]),
            prev: if page > 1 { link(page - 1) } else { String::new() },
            next: if page < pages { link(page + 1) } else { String::new() },
        }
    }
}

pub fn page_of(q: Option<&str>) -> i64 {
    q.and_then(|p| p.parse::<i64>().ok()).filter(|p| *p >= 1 && *p <= 1_000_000).unwrap_or(1)
}

pub fn store_page(page: i64) -> sammen_store::Page {
    sammen_store::Page { offset: (page - 1) * PER_PAGE, limit: PER_PAGE }
}

/// Renders a template into a response.
pub fn render<T: Template>(t: &T) -> Response {
    render_status(StatusCode::OK, t)
}

pub fn render_status<T: Template>(status: StatusCode, t: &T) -> Response {
    match t.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "template error").into_response()
        }
    }
}

pub fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    c: Chrome,
    message: String,
}

/// The page for a failed request: translated, with the correlation id for internal faults.
pub fn error_page(tr: &Tr, correlation: &str, s: Option<&Authed>, e: &AppError) -> Response {
    log_internal(e, correlation);
    if matches!(e, AppError::Unauthorized) {
        return see_other("/login");
    }
    let c = match s {
        Some(a) => Chrome::new(a, tr.t("error-title")),
        None => Chrome {
            t: tr.clone(),
            title: tr.t("error-title"),
            csrf: String::new(),
            path: "/".into(),
            user: None,
            home: None,
            nav: Vec::new(),
            orgs: Vec::new(),
            org_name: String::new(),
            notice: String::new(),
            home_count: None,
        },
    };
    render_status(status_of(e), &ErrorPage { message: message_of(tr, e, correlation), c })
}

/// What a UI handler returns: the page, or the error page already rendered for the viewer.
///
/// Both sides are responses, so handlers answer with `?` on any failure:
/// `let x = app_call(..).await.or_page(&a)?;` and end in `Ok(render(..))`. `Err` is the answer
/// to a failure, as a rule the error page of `Authed::fail` or `Web::fail`; a form shown
/// again with its errors (422) is a page like any other. The error side is a whole response by
/// design, hence the `clippy::result_large_err` allowances on its helpers.
pub type Page = Result<Response, Response>;

/// Turns an application error into the error page for the viewer, ready for `?` in a handler.
pub trait OrPage<T> {
    /// The value, or the signed-in user's error page for the error.
    #[allow(clippy::result_large_err)]
    fn or_page(self, a: &Authed) -> Result<T, Response>;
}

impl<T> OrPage<T> for Result<T, AppError> {
    fn or_page(self, a: &Authed) -> Result<T, Response> {
        self.map_err(|e| a.fail(&e))
    }
}

impl Web {
    /// The error page for a request that may have no session: without the menu.
    pub fn fail(&self, e: &AppError) -> Response {
        error_page(&self.tr, &self.correlation, None, e)
    }
    /// An id from the path; a malformed one is a page that does not exist (404).
    #[allow(clippy::result_large_err)]
    pub fn id<T: FromStr>(&self, raw: &str) -> Result<T, Response> {
        raw.parse().map_err(|_| self.fail(&AppError::NotFound))
    }
}

impl Authed {
    /// The error page for the signed-in user, with their menu.
    pub fn fail(&self, e: &AppError) -> Response {
        error_page(&self.web.tr, &self.web.correlation, Some(self), e)
    }
    /// An id from the path or a form; a malformed one is a page that does not exist (404).
    #[allow(clippy::result_large_err)]
    pub fn id<T: FromStr>(&self, raw: &str) -> Result<T, Response> {
        raw.parse().map_err(|_| self.fail(&AppError::NotFound))
    }
    pub fn csrf(&self) -> &str {
        &self.s.csrf
    }
    pub fn session(&self) -> &SessionInfo {
        &self.s
    }
}

pub async fn not_found(web: Web) -> Response {
    web.fail(&AppError::NotFound)
}

/// Options for a select from enum codes: (code, label).
pub fn options<T: Copy>(tr: &Tr, prefix: &str, all: &[T], code: impl Fn(T) -> &'static str) -> Vec<(String, String)> {
    all.iter().map(|v| (code(*v).to_owned(), tr.code(prefix, code(*v)))).collect()
}

// ---------------------------------------------------------------- generic pages

/// One form field, rendered by `form.html` according to its kind.
pub struct Field {
    pub name: &'static str,
    pub label: String,
    /// text, email, number, date, password, tel, textarea, select, checks, flag
    pub kind: &'static str,
    pub required: bool,
    pub hint: String,
    pub options: Vec<(String, String)>,
}

impl Field {
    pub fn text(name: &'static str, label: String, required: bool) -> Self {
        Self { name, label, kind: "text", required, hint: String::new(), options: Vec::new() }
    }
    pub fn kind(mut self, kind: &'static str) -> Self {
        self.kind = kind;
        self
    }
    pub fn hint(mut self, hint: String) -> Self {
        self.hint = hint;
        self
    }
    pub fn select(name: &'static str, label: String, options: Vec<(String, String)>, required: bool) -> Self {
        Self { name, label, kind: "select", required, hint: String::new(), options }
    }
    pub fn checks(name: &'static str, label: String, options: Vec<(String, String)>) -> Self {
        Self { name, label, kind: "checks", required: false, hint: String::new(), options }
    }
    pub fn flag(name: &'static str, label: String) -> Self {
        Self { name, label, kind: "flag", required: false, hint: String::new(), options: Vec::new() }
    }
}

#[derive(Template)]
#[template(path = "form.html")]
pub struct FormPage {
    pub c: Chrome,
    pub f: FormData,
    pub e: Errs,
    pub intro: String,
    pub action: String,
    pub submit: String,
    pub cancel: String,
    pub fields: Vec<Field>,
}

/// A button or link under a detail page.
pub struct Action {
    pub href: String,
    pub label: String,
    pub post: bool,
    pub danger: bool,
    pub confirm: String,
}

impl Action {
    pub fn link(href: String, label: String) -> Self {
        Self { href, label, post: false, danger: false, confirm: String::new() }
    }
}

pub struct SubForm {
    pub title: String,
    pub action: String,
    pub submit: String,
    pub fields: Vec<Field>,
}

#[derive(Template)]
#[template(path = "detail.html")]
pub struct DetailPage {
    pub c: Chrome,
    pub back: String,
    pub note: String,
    pub rows: Vec<(String, String)>,
    pub actions: Vec<Action>,
    pub subform: Option<SubForm>,
    pub f: FormData,
    pub e: Errs,
    /// Sections below the facts, each already rendered (by its area's own template or
    /// builder, which escapes what it shows).
    pub sections: Vec<String>,
}

impl DetailPage {
    pub fn new(c: Chrome, back: &str, rows: Vec<(String, String)>, actions: Vec<Action>) -> Self {
        Self {
            c,
            back: back.into(),
            note: String::new(),
            rows,
            actions,
            subform: None,
            f: FormData::default(),
            e: Errs::none(),
            sections: Vec::new(),
        }
    }
}

pub struct Cell {
    pub text: String,
    pub href: String,
}

impl Cell {
    pub fn text(t: impl Into<String>) -> Self {
        Self { text: t.into(), href: String::new() }
    }
    pub fn link(t: impl Into<String>, href: String) -> Self {
        Self { text: t.into(), href }
    }
}

pub struct SearchBox {
    pub action: String,
    pub label: String,
    pub q: String,
    pub status: String,
    pub status_label: String,
    pub statuses: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "list.html")]
pub struct ListPage {
    pub c: Chrome,
    pub intro: String,
    pub new_href: String,
    pub new_label: String,
    pub search: Option<SearchBox>,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    pub pager: Pager,
    pub total: i64,
}

/// Renders a form again with its errors (422), or the error page for other failures.
#[allow(clippy::result_large_err)]
pub fn form_failed(a: &Authed, mut page: FormPage, e: &AppError) -> Page {
    match e {
        AppError::Validation(v) => {
            page.e = Errs::from(&a.web.tr, v);
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        other => Err(a.fail(other)),
    }
}

/// Reads a CSRF-checked form body, or answers with the error page.
pub async fn post_form(a: &Authed, body: axum::body::Body) -> Result<FormData, Response> {
    crate::form::read_form(body, a.web.state.config.max_body_bytes, a.csrf()).await.map_err(|e| a.fail(&e))
}

pub fn yes_no(tr: &Tr, b: bool) -> String {
    tr.t(if b { "common-yes" } else { "common-no" })
}
