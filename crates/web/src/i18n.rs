//! Choosing the language of a response and handing translations to templates.

use std::sync::Arc;

use axum::http::HeaderMap;
use sammen_i18n::{Arg, I18n, Lang};
use sammen_reports::NumberStyle;

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
    /// How this language writes numbers; the documents and charts use the same style.
    pub fn numbers(&self) -> NumberStyle {
        match self.lang {
            Lang::Da => NumberStyle::Danish,
            Lang::En => NumberStyle::English,
        }
    }
    /// A number as the documents write it: `1.234,5` in Danish, `1,234.5` in English, and
    /// a true minus sign.
    pub fn num(&self, x: f64, decimals: usize) -> String {
        self.numbers().format(x, decimals)
    }
    /// A number to fill a form field with: the language's decimal mark, but no thousands
    /// separator and an ASCII minus, which is what the forms' parsers read back.
    pub fn num_field(&self, x: f64, decimals: usize) -> String {
        let group = match self.numbers() {
            NumberStyle::Danish => '.',
            NumberStyle::English => ',',
        };
        self.num(x, decimals).replace(group, "").replace('\u{2212}', "-")
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails by panicking
mod tests {
    use super::*;

    #[test]
    fn pages_write_numbers_as_the_documents_do() {
        let i18n = Arc::new(I18n::new().unwrap());
        let da = Tr { i18n: i18n.clone(), lang: Lang::Da };
        let en = Tr { i18n, lang: Lang::En };
        assert_eq!(da.num(1234.5, 1), "1.234,5");
        assert_eq!(en.num(1234.5, 1), "1,234.5");
        assert_eq!(da.num(-2.25, 2), "\u{2212}2,25");
        assert_eq!(en.num(-2.25, 2), "\u{2212}2.25");
        assert_eq!(da.num(37.0, 0), "37");
        // A form field's value must read back through the form's parser.
        assert_eq!(da.num_field(1234.5, 2), "1234,50");
        assert_eq!(en.num_field(1234.5, 2), "1234.50");
        assert_eq!(da.num_field(-1234.5, 1), "-1234,5");
        assert_eq!(en.num_field(1_234_567.0, 0), "1234567");
    }
}
