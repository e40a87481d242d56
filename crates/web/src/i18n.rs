//! Choosing the language of a response and handing translations to templates.

use std::sync::Arc;

use axum::http::HeaderMap;
use sammen_i18n::{Arg, I18n, Lang};

pub const LANG_COOKIE: &str = "sammen_lang";

/// The UI's language: the remembered switch (a cookie), else Danish. The browser's preference
/// is not used: staff of Danish organisations often run English browsers, and the UI is
/// Danish first (the API, by contrast, honours Accept-Language for its messages).
pub fn lang_of(headers: &HeaderMap) -> Lang {
    crate::session::cookie(headers, LANG_COOKIE).and_then(|v| Lang::parse(&v)).unwrap_or(Lang::Da)
}

/// The API's language for messages: the client's `Accept-Language`, else Danish.
pub fn api_lang_of(headers: &HeaderMap) -> Lang {
    headers.get(axum::http::header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).map(Lang::from_accept_language).unwrap_or(Lang::Da)
}

/// Translations in one language, as templates call them: `{{ t.t("nav-dashboard") }}`.
#[derive(Clone)]
pub struct Tr {
    pub i18n: Arc<I18n>,
    pub lang: Lang,
}

impl Tr {
    pub fn t(&self, id: &str) -> String {
        self.i18n.t(self.lang, id)
    }
    pub fn n(&self, id: &str, name: &str, n: impl std::borrow::Borrow<i64>) -> String {
        self.i18n.t_args(self.lang, id, &[(name, Arg::Int(*n.borrow()))])
    }
    pub fn s(&self, id: &str, name: &str, v: &str) -> String {
        self.i18n.t_args(self.lang, id, &[(name, Arg::from(v))])
    }
    /// A label for a stored code, such as `role-coordinator`.
    pub fn code(&self, prefix: &str, code: &str) -> String {
        self.t(&format!("{prefix}-{code}"))
    }
    pub fn code_of(&self) -> &'static str {
        self.lang.code()
    }
    pub fn attr(&self, id: &str, attr: &str) -> String {
        self.i18n.t_attr(self.lang, id, attr)
    }
}
