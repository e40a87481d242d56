//! Translations for Sammen (Danish first, English second).
//!
//! All user-facing text lives in Fluent (`.ftl`) files under `crates/i18n/locales/<lang>/`.
//! The files are embedded at compile time (see [`Lang::sources`]),
//! parsed once by [`I18n::new`], and the resulting [`I18n`] is `Send + Sync` so it can
//! be shared between request handlers (e.g. in an `Arc`).
//!
//! Output is plain text meant to be inserted into HTML by auto-escaping templates:
//! Unicode isolation marks are disabled and messages never contain markup.
//!
//! The shared texts are `locales/<lang>/main.ftl` and `ui.ftl`; each area's texts are in
//! `locales/<lang>/<area>/<feature>.ftl`, named like the area's modules in the other crates.
//! `build.rs` finds every file, so adding one means creating it in `da/` *and* `en/`; the unit
//! tests check that both languages have the same files, message ids and attributes.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_langneg::{NegotiationStrategy, negotiate_languages};
use fluent_syntax::ast;
use unic_langid::LanguageIdentifier;

include!(concat!(env!("OUT_DIR"), "/locales.rs"));

/// Maximum number of entries of an `Accept-Language` header that are considered.
const MAX_ACCEPT_LANGUAGE_ENTRIES: usize = 32;

// ---------------------------------------------------------------------------------------
// Lang
// ---------------------------------------------------------------------------------------

/// A supported user interface language. Danish is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Lang {
    /// Danish (`da`), the default and primary language.
    #[default]
    Da,
    /// English (`en`).
    En,
}

impl Lang {
    /// All supported languages, default (Danish) first.
    pub const ALL: [Lang; 2] = [Lang::Da, Lang::En];

    /// The default language (Danish).
    pub const DEFAULT: Lang = Lang::Da;

    /// The BCP 47 code: `"da"` or `"en"` (suitable for `<html lang>` and cookies).
    pub const fn code(self) -> &'static str {
        match self {
            Lang::Da => "da",
            Lang::En => "en",
        }
    }

    /// The message id of this language's own name (`lang-da` = "Dansk", `lang-en` = "English").
    pub const fn label_key(self) -> &'static str {
        match self {
            Lang::Da => "lang-da",
            Lang::En => "lang-en",
        }
    }

    /// Parses a language tag such as `"da"`, `"en"`, `"da-DK"`, `"en_GB"` or `"EN-us"`.
    ///
    /// Only the primary subtag decides; it is compared case-insensitively. Returns `None`
    /// for unsupported languages, the wildcard `*`, and anything that isn't a plausible tag.
    pub fn parse(tag: &str) -> Option<Lang> {
        let tag = tag.trim();
        if tag.is_empty() || tag.len() > 35 || !tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
            return None;
        }
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("da") {
            Some(Lang::Da)
        } else if primary.eq_ignore_ascii_case("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// Picks the best supported language from an HTTP `Accept-Language` header.
    ///
    /// Quality values are respected (`q=0` means "not acceptable"); among equal quality
    /// the earlier entry wins. Malformed entries are skipped. A regional or script variant
    /// (`en-GB`, `da-DK`, `en-Latn-US`) chooses its language. Falls back to Danish.
    pub fn from_accept_language(header: &str) -> Lang {
        // fluent-langneg's own header parser ignores quality values, so the entries are
        // weighed here and handed to its matching best first; the sort is stable, so the
        // header's order decides among equal weights.
        let mut weighed: Vec<(u16, LanguageIdentifier)> = header
            .split(',')
            .take(MAX_ACCEPT_LANGUAGE_ENTRIES)
            .filter_map(|entry| {
                let mut parts = entry.split(';');
                let tag = parts.next().unwrap_or_default().trim();
                let mut quality = Some(1000u16);
                for param in parts {
                    if let Some((name, value)) = param.trim().split_once('=')
                        && name.trim().eq_ignore_ascii_case("q")
                    {
                        quality = parse_quality(value.trim());
                    }
                }
                let quality = quality.filter(|q| *q > 0)?;
                Some((quality, tag.parse::<LanguageIdentifier>().ok()?))
            })
            .collect();
        weighed.sort_by_key(|(q, _)| std::cmp::Reverse(*q));
        let requested: Vec<LanguageIdentifier> = weighed.into_iter().map(|(_, id)| id).collect();
        let available = Lang::ALL.map(Lang::langid);
        let chosen = negotiate_languages(&requested, &available, None, NegotiationStrategy::Lookup);
        chosen.first().and_then(|id| Lang::ALL.into_iter().find(|l| l.langid() == **id)).unwrap_or(Lang::DEFAULT)
    }

    /// The language identifier used for the Fluent bundle (plural rules).
    pub fn langid(self) -> LanguageIdentifier {
        LanguageIdentifier::from_parts(self.code().parse().unwrap_or_default(), None, None, &[])
    }

    /// The embedded `.ftl` files of this language as `(file name, contents)`.
    pub const fn sources(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Lang::Da => DA_SOURCES,
            Lang::En => EN_SOURCES,
        }
    }

    const fn index(self) -> usize {
        match self {
            Lang::Da => 0,
            Lang::En => 1,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Parses an RFC 9110 quality value (`0`, `0.5`, `1.000`, ...) into thousandths.
fn parse_quality(value: &str) -> Option<u16> {
    let (int, frac) = match value.split_once('.') {
        Some((int, frac)) => (int, frac),
        None => (value, ""),
    };
    if frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let int: u16 = match int {
        "0" => 0,
        "1" => 1,
        _ => return None,
    };
    let mut thousandths: u16 = 0;
    for (i, b) in frac.bytes().enumerate() {
        let digit = u16::from(b - b'0');
        thousandths += digit * [100, 10, 1][i];
    }
    let q = int * 1000 + thousandths;
    (q <= 1000).then_some(q)
}

// ---------------------------------------------------------------------------------------
// Arguments
// ---------------------------------------------------------------------------------------

/// A value for a Fluent variable, e.g. `("count", Arg::from(3))`.
///
/// Numbers are passed as numbers so that plural selection works.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg<'a> {
    /// Text, inserted as-is (the template escapes it).
    Str(Cow<'a, str>),
    /// An integer.
    Int(i64),
    /// A decimal number (Danish output uses a decimal comma).
    Float(f64),
}

impl<'a> Arg<'a> {
    fn to_fluent(&self) -> FluentValue<'_> {
        match self {
            Arg::Str(s) => FluentValue::from(s.as_ref()),
            Arg::Int(n) => FluentValue::from(*n),
            Arg::Float(n) => FluentValue::from(*n),
        }
    }
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(value: &'a str) -> Self {
        Arg::Str(Cow::Borrowed(value))
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(value: &'a String) -> Self {
        Arg::Str(Cow::Borrowed(value.as_str()))
    }
}

impl From<String> for Arg<'_> {
    fn from(value: String) -> Self {
        Arg::Str(Cow::Owned(value))
    }
}

impl<'a> From<Cow<'a, str>> for Arg<'a> {
    fn from(value: Cow<'a, str>) -> Self {
        Arg::Str(value)
    }
}

impl From<i64> for Arg<'_> {
    fn from(value: i64) -> Self {
        Arg::Int(value)
    }
}

impl From<i32> for Arg<'_> {
    fn from(value: i32) -> Self {
        Arg::Int(i64::from(value))
    }
}

impl From<u32> for Arg<'_> {
    fn from(value: u32) -> Self {
        Arg::Int(i64::from(value))
    }
}

impl From<u64> for Arg<'_> {
    fn from(value: u64) -> Self {
        Arg::Int(i64::try_from(value).unwrap_or(i64::MAX))
    }
}

impl From<usize> for Arg<'_> {
    fn from(value: usize) -> Self {
        Arg::Int(i64::try_from(value).unwrap_or(i64::MAX))
    }
}

impl From<f64> for Arg<'_> {
    fn from(value: f64) -> Self {
        Arg::Float(value)
    }
}

// ---------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------

/// Failure to build [`I18n`] from the embedded locale files (a bug in an `.ftl` file).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum I18nError {
    /// A locale file has Fluent syntax errors.
    #[error("syntax error in locales/{lang}/{file}: {details}")]
    Syntax { lang: &'static str, file: &'static str, details: String },
    /// A locale file could not be added to the bundle (e.g. a message id defined twice).
    #[error("invalid entries in locales/{lang}/{file}: {details}")]
    Resource { lang: &'static str, file: &'static str, details: String },
}

// ---------------------------------------------------------------------------------------
// I18n
// ---------------------------------------------------------------------------------------

type Bundle = FluentBundle<FluentResource>;

/// All translations, built once at start-up and shared (it is `Send + Sync`).
pub struct I18n {
    bundles: [Bundle; 2],
    /// Per language: message id -> attribute names.
    index: [BTreeMap<String, BTreeSet<String>>; 2],
}

impl fmt::Debug for I18n {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("I18n");
        for lang in Lang::ALL {
            d.field(lang.code(), &self.index[lang.index()].len());
        }
        d.finish()
    }
}

impl I18n {
    /// Parses the embedded locale files of all languages.
    pub fn new() -> Result<I18n, I18nError> {
        Ok(I18n {
            bundles: [build_bundle(Lang::Da)?, build_bundle(Lang::En)?],
            index: [message_index(Lang::Da.sources()), message_index(Lang::En.sources())],
        })
    }

    /// Translates a message without arguments.
    ///
    /// A message missing in `lang` falls back to Danish; if it is missing there too,
    /// the id itself is returned. Never panics and logs nothing.
    pub fn t(&self, lang: Lang, id: &str) -> String {
        self.format(lang, id, None, None)
    }

    /// Translates a message with arguments, e.g.
    /// `i18n.t_args(lang, "error-internal", &[("id", Arg::from(correlation_id))])`.
    pub fn t_args(&self, lang: Lang, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            fluent_args.set(*name, value.to_fluent());
        }
        self.format(lang, id, None, Some(&fluent_args))
    }

    /// Translates a message with ready-made [`FluentArgs`] (or none).
    pub fn t_fluent(&self, lang: Lang, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        self.format(lang, id, None, args)
    }

    /// Translates an attribute of a message (`id.attr` in Fluent), e.g. a `title` or
    /// `aria-label`. Missing: falls back to Danish, then to `"id.attr"`.
    pub fn t_attr(&self, lang: Lang, id: &str, attr: &str) -> String {
        self.format(lang, id, Some(attr), None)
    }

    /// Whether `lang` has a message with this id (no fallback).
    pub fn has(&self, lang: Lang, id: &str) -> bool {
        self.bundles[lang.index()].has_message(id)
    }

    /// All message ids of `lang` (terms, i.e. `-ids`, are not included).
    pub fn keys(&self, lang: Lang) -> BTreeSet<String> {
        self.index[lang.index()].keys().cloned().collect()
    }

    /// The attribute names of a message (empty if none or if the message is missing).
    pub fn attributes(&self, lang: Lang, id: &str) -> BTreeSet<String> {
        self.index[lang.index()].get(id).cloned().unwrap_or_default()
    }

    fn format(&self, lang: Lang, id: &str, attr: Option<&str>, args: Option<&FluentArgs<'_>>) -> String {
        let mut tried = [lang, Lang::DEFAULT];
        if lang == Lang::DEFAULT {
            tried = [lang, lang];
        }
        for l in tried {
            if let Some(text) = format_in(&self.bundles[l.index()], id, attr, args) {
                return text;
            }
        }
        match attr {
            Some(attr) => format!("{id}.{attr}"),
            None => id.to_owned(),
        }
    }
}

/// Formats `id` (or `id.attr`) in one bundle; `None` if it doesn't exist there.
/// Resolver errors (e.g. a missing variable) still produce best-effort text.
fn format_in(bundle: &Bundle, id: &str, attr: Option<&str>, args: Option<&FluentArgs<'_>>) -> Option<String> {
    let message = bundle.get_message(id)?;
    let pattern = match attr {
        Some(attr) => message.get_attribute(attr)?.value(),
        None => message.value()?,
    };
    let mut errors = Vec::new();
    Some(bundle.format_pattern(pattern, args, &mut errors).into_owned())
}

/// Builds the bundle of one language from its embedded files.
fn build_bundle(lang: Lang) -> Result<Bundle, I18nError> {
    let mut bundle = Bundle::new_concurrent(vec![lang.langid()]);
    // Output is inserted into HTML; isolation marks (U+2068/U+2069) would only add noise.
    bundle.set_use_isolating(false);
    if lang == Lang::Da {
        bundle.set_formatter(Some(danish_number_formatter));
    }
    for (file, source) in lang.sources() {
        let resource = FluentResource::try_new((*source).to_owned()).map_err(|(_, errors)| {
            let details =
                errors.iter().map(|e| format!("line {}: {:?}", line_of(source, e.pos.start), e.kind)).collect::<Vec<_>>().join("; ");
            I18nError::Syntax { lang: lang.code(), file, details }
        })?;
        bundle.add_resource(resource).map_err(|errors| I18nError::Resource {
            lang: lang.code(),
            file,
            details: errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "),
        })?;
    }
    Ok(bundle)
}

/// Danish decimal comma for non-integral numbers (`2,5`); integers are left as they are
/// (no thousands grouping, so years and ids stay readable).
fn danish_number_formatter<M>(value: &FluentValue<'_>, _intls: &M) -> Option<String> {
    match value {
        FluentValue::Number(n) if n.value.is_finite() => {
            let text = n.as_string();
            text.contains('.').then(|| text.replace('.', ","))
        }
        _ => None,
    }
}

fn line_of(source: &str, byte: usize) -> usize {
    source.get(..byte).map_or(0, |before| before.bytes().filter(|b| *b == b'\n').count()) + 1
}

/// Message ids and their attribute names (terms, `-ids`, are not messages).
///
/// A file with syntax errors still yields the entries Fluent could read; [`I18n::new`]
/// reports the errors.
fn message_index(sources: &[(&str, &str)]) -> BTreeMap<String, BTreeSet<String>> {
    let mut index: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (_, source) in sources {
        let resource = fluent_syntax::parser::parse_runtime(*source).unwrap_or_else(|(partial, _)| partial);
        for entry in resource.body {
            if let ast::Entry::Message(message) = entry {
                let attributes = index.entry(message.id.name.to_owned()).or_default();
                attributes.extend(message.attributes.iter().map(|a| a.id.name.to_owned()));
            }
        }
    }
    index
}

/// All message ids of `lang`, read from the embedded files (no [`I18n`] needed).
pub fn keys(lang: Lang) -> BTreeSet<String> {
    message_index(lang.sources()).into_keys().collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use fluent_bundle::FluentError;
    use fluent_bundle::resolver::ResolverError;
    use fluent_bundle::resolver::errors::ReferenceKind;

    fn i18n() -> I18n {
        I18n::new().expect("locale files must parse")
    }

    #[test]
    fn is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync + 'static>() {}
        assert_send_sync::<I18n>();
    }

    #[test]
    fn builds() {
        let i = i18n();
        assert!(!i.keys(Lang::Da).is_empty());
        assert_eq!(i.keys(Lang::Da), keys(Lang::Da));
        assert_eq!(i.keys(Lang::En), keys(Lang::En));
    }

    #[test]
    fn every_locale_file_is_embedded_in_both_languages() {
        fn on_disk(dir: &std::path::Path, base: &std::path::Path, out: &mut Vec<String>) {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    on_disk(&p, base, out);
                } else if p.extension().is_some_and(|x| x == "ftl") {
                    out.push(p.strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/"));
                }
            }
        }
        for lang in Lang::ALL {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales").join(lang.code());
            let mut files = Vec::new();
            on_disk(&dir, &dir, &mut files);
            files.sort();
            let embedded: Vec<String> = lang.sources().iter().map(|(n, _)| (*n).to_owned()).collect();
            assert_eq!(files, embedded, "{lang}: every .ftl file is embedded, in path order");
            assert!(embedded.iter().any(|n| n.contains('/')), "{lang}: the areas' folders are found");
        }
        let da: Vec<_> = Lang::Da.sources().iter().map(|(n, _)| *n).collect();
        let en: Vec<_> = Lang::En.sources().iter().map(|(n, _)| *n).collect();
        assert_eq!(da, en, "both languages must have the same files");
    }

    #[test]
    fn languages_have_same_ids_and_attributes() {
        let i = i18n();
        let da = i.keys(Lang::Da);
        let en = i.keys(Lang::En);
        let only_da: Vec<_> = da.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&da).collect();
        assert!(only_da.is_empty(), "missing in English: {only_da:?}");
        assert!(only_en.is_empty(), "missing in Danish: {only_en:?}");
        for id in &da {
            assert_eq!(i.attributes(Lang::Da, id), i.attributes(Lang::En, id), "attributes of {id} differ");
        }
    }

    #[test]
    fn index_matches_bundle() {
        // Cross-check the index against the bundle the texts are formatted from.
        let i = i18n();
        for lang in Lang::ALL {
            let bundle = &i.bundles[lang.index()];
            for id in i.keys(lang) {
                let msg = bundle.get_message(&id).unwrap_or_else(|| panic!("{lang}: {id}"));
                let attrs: BTreeSet<String> = msg.attributes().map(|a| a.id().to_owned()).collect();
                assert_eq!(attrs, i.attributes(lang, &id), "{lang}: {id}");
            }
            let mut count = 0;
            for (_, source) in lang.sources() {
                let resource = FluentResource::try_new((*source).to_owned()).unwrap();
                count += resource.entries().filter(|e| format!("{e:?}").starts_with("Message(")).count();
            }
            assert_eq!(count, i.keys(lang).len(), "{lang}: message count");
        }
    }

    /// Formats a pattern, supplying every variable it asks for as the number `n`.
    fn format_all(bundle: &Bundle, id: &str, attr: Option<&str>, n: f64) -> (String, Vec<FluentError>) {
        let msg = bundle.get_message(id).unwrap();
        let pattern = match attr {
            Some(a) => msg.get_attribute(a).unwrap().value(),
            None => msg.value().unwrap_or_else(|| panic!("{id} has no value")),
        };
        let mut vars: BTreeSet<String> = BTreeSet::new();
        loop {
            let mut args = FluentArgs::new();
            for v in &vars {
                args.set(v.clone(), FluentValue::from(n));
            }
            let mut errors = Vec::new();
            let out = bundle.format_pattern(pattern, Some(&args), &mut errors).into_owned();
            let mut new_var = false;
            errors.retain(|e| match e {
                FluentError::ResolverError(ResolverError::Reference(ReferenceKind::Variable { id })) => {
                    new_var |= vars.insert(id.clone());
                    false
                }
                _ => true,
            });
            if !new_var {
                return (out, errors);
            }
        }
    }

    #[test]
    fn every_message_formats_without_errors_and_without_markup() {
        let i = i18n();
        for lang in Lang::ALL {
            let bundle = &i.bundles[lang.index()];
            for id in i.keys(lang) {
                let mut parts: Vec<Option<String>> = vec![None];
                parts.extend(i.attributes(lang, &id).into_iter().map(Some));
                for attr in parts {
                    for n in [0.0, 1.0, 2.0, 1234.0, 2.5] {
                        let (out, errors) = format_all(bundle, &id, attr.as_deref(), n);
                        assert!(errors.is_empty(), "{lang}: {id} {attr:?}: {errors:?}");
                        assert!(!out.trim().is_empty(), "{lang}: {id} {attr:?} is empty");
                        assert!(!out.contains('<'), "{lang}: {id} {attr:?} contains '<': {out}");
                        assert!(!out.contains('\u{2068}') && !out.contains('\u{2069}'), "{lang}: {id} contains isolation marks");
                    }
                }
            }
        }
    }

    #[test]
    fn no_raw_angle_bracket_in_sources() {
        for lang in Lang::ALL {
            for (file, source) in lang.sources() {
                for (n, line) in source.lines().enumerate() {
                    if line.starts_with('#') {
                        continue;
                    }
                    assert!(!line.contains('<'), "{lang}/{file}:{}: '<' in message", n + 1);
                }
            }
        }
    }

    #[test]
    fn required_ids_exist() {
        let required = [
            // validation
            "err-required",
            "err-too-long",
            "err-invalid-characters",
            "err-choice",
            "err-choose-one",
            "err-date",
            "err-period-order",
            "err-two-parties",
            "err-location-needed",
            "err-email",
            "err-password-short",
            "err-password-weak",
            "err-cpr",
            "err-phone",
            "err-language",
            "err-birth-year",
            "err-unique-name",
            "err-unique-email",
            "err-body-too-large",
            "err-json",
            "err-csrf",
            "err-password-mismatch",
            "err-password-wrong",
            "err-totp-code",
            // errors
            "error-not-found",
            "error-forbidden",
            "error-unauthorized",
            "error-internal",
            "error-conflict",
            "error-too-many-attempts",
            "error-login-failed",
            "error-title",
            // app / nav
            "app-name",
            "app-tagline",
            "nav-dashboard",
            "nav-organisations",
            "nav-partnerships",
            "nav-programmes",
            "nav-staff",
            "nav-peer-workers",
            "nav-participants",
            "nav-audit",
            "nav-account",
            "nav-logout",
            "nav-login",
            "nav-skip",
            "lang-switch-label",
            "lang-da",
            "lang-en",
            "nav-menu",
            // enums
            "kind-municipality",
            "kind-region",
            "kind-association",
            "kind-other",
            "mode-in_person",
            "mode-phone",
            "mode-online",
            "delivery-individual",
            "delivery-group",
            "role-administrator",
            "role-coordinator",
            "role-supervisor",
            "role-peer_worker",
            "role-referrer",
            "role-evaluator",
            "engagement-volunteer",
            "engagement-paid",
            "pstatus-waiting",
            "pstatus-active",
            "pstatus-closed",
            "peerstatus-active",
            "peerstatus-paused",
            "peerstatus-left",
            "gender-female",
            "gender-male",
            "gender-other",
            "category-referral_status",
            "category-participant_record",
            "category-peer_worker_record",
            "category-aggregate_outcomes",
            "category-pseudonymised_outcomes",
            "scope-read",
            "scope-write",
            "action-read",
            "action-search",
            "action-create",
            "action-update",
            "action-delete",
            "action-export",
            "action-login",
            "action-logout",
            "outcome-ok",
            "outcome-denied",
            "outcome-failed",
            // common
            "common-save",
            "common-cancel",
            "common-create",
            "common-edit",
            "common-delete",
            "common-search",
            "common-next",
            "common-previous",
            "common-yes",
            "common-no",
            "common-none",
            "common-actions",
            "common-details",
            "common-back",
            "common-page-of",
            "common-total",
            "common-confirm-delete",
            "common-optional",
            "common-required-marker",
        ];
        let i = i18n();
        for lang in Lang::ALL {
            for id in required {
                assert!(i.has(lang, id), "{lang}: missing {id}");
            }
        }
        for lang in Lang::ALL {
            assert!(i.has(lang, lang.label_key()));
        }
    }

    #[test]
    fn translates_with_and_without_args() {
        let i = i18n();
        assert_eq!(i.t(Lang::Da, "app-name"), "Sammen");
        assert_eq!(i.t(Lang::Da, "lang-da"), "Dansk");
        assert_eq!(i.t(Lang::En, "lang-en"), "English");
        assert_eq!(
            i.t_args(Lang::Da, "error-internal", &[("id", Arg::from("abc-123"))]),
            "Der skete en fejl. Oplys fejl-id abc-123 til support."
        );
        assert_eq!(i.t_args(Lang::Da, "common-page-of", &[("page", 2.into()), ("pages", 7.into())]), "Side 2 af 7");
        assert_eq!(i.t_args(Lang::Da, "common-total", &[("count", 1.into())]), "1 resultat");
        assert_eq!(i.t_args(Lang::Da, "common-total", &[("count", 5_i64.into())]), "5 resultater");
        assert_eq!(i.t_args(Lang::En, "common-total", &[("count", 1_usize.into())]), "1 result");
        assert_eq!(i.t_args(Lang::En, "common-total", &[("count", 3_u32.into())]), "3 results");
        assert_eq!(i.t_args(Lang::En, "common-total", &[("count", 0.into())]), "No results");
        let owned = String::from("x");
        assert!(i.t_args(Lang::En, "error-internal", &[("id", (&owned).into())]).contains(" x "));
        assert!(i.t_args(Lang::En, "error-internal", &[("id", owned.clone().into())]).contains(" x "));
        let mut args = FluentArgs::new();
        args.set("id", "zz");
        assert!(i.t_fluent(Lang::En, "error-internal", Some(&args)).contains("zz"));
        assert!(i.t(Lang::Da, "err-password-short").contains("12"));
    }

    #[test]
    fn danish_decimal_comma() {
        let mut bundle = Bundle::new_concurrent(vec![Lang::Da.langid()]);
        bundle.set_use_isolating(false);
        bundle.set_formatter(Some(danish_number_formatter));
        bundle.add_resource(FluentResource::try_new("n = { $n }".to_owned()).unwrap()).unwrap();
        let pattern = bundle.get_message("n").unwrap().value().unwrap();
        let mut args = FluentArgs::new();
        args.set("n", 2.5);
        let mut errors = vec![];
        assert_eq!(bundle.format_pattern(pattern, Some(&args), &mut errors), "2,5");
        let mut args = FluentArgs::new();
        args.set("n", 1990);
        assert_eq!(bundle.format_pattern(pattern, Some(&args), &mut errors), "1990");
    }

    #[test]
    fn missing_ids_return_the_id() {
        let i = i18n();
        assert_eq!(i.t(Lang::Da, "no-such-message"), "no-such-message");
        assert_eq!(i.t(Lang::En, "no-such-message"), "no-such-message");
        assert_eq!(i.t_args(Lang::En, "nope", &[("x", 1.into())]), "nope");
        assert_eq!(i.t_attr(Lang::En, "nope", "title"), "nope.title");
        assert_eq!(i.t_attr(Lang::En, "app-name", "nope"), "app-name.nope");
        assert_eq!(i.t(Lang::En, ""), "");
        assert!(!i.has(Lang::Da, "no-such-message"));
        assert!(i.has(Lang::Da, "app-name"));
        assert!(i.attributes(Lang::Da, "nope").is_empty());
    }

    #[test]
    fn attributes_translate() {
        let i = i18n();
        assert_eq!(i.t_attr(Lang::Da, "common-required-marker", "title"), "skal udfyldes");
        assert_eq!(i.t_attr(Lang::En, "common-required-marker", "title"), "required");
    }

    #[test]
    fn lang_codes_and_parse() {
        assert_eq!(Lang::Da.code(), "da");
        assert_eq!(Lang::En.code(), "en");
        assert_eq!(Lang::ALL, [Lang::Da, Lang::En]);
        assert_eq!(Lang::default(), Lang::Da);
        assert_eq!(Lang::En.to_string(), "en");
        for (input, expected) in [
            ("da", Some(Lang::Da)),
            ("DA", Some(Lang::Da)),
            ("da-DK", Some(Lang::Da)),
            (" en ", Some(Lang::En)),
            ("en-GB", Some(Lang::En)),
            ("en_US", Some(Lang::En)),
            ("en-Latn-US", Some(Lang::En)),
            ("de", None),
            ("dan", None),
            ("*", None),
            ("", None),
            ("en;q=1", None),
            ("e", None),
        ] {
            assert_eq!(Lang::parse(input), expected, "{input:?}");
        }
        for lang in Lang::ALL {
            assert_eq!(Lang::parse(lang.code()), Some(lang));
            assert_eq!(lang.langid().to_string(), lang.code());
        }
    }

    #[test]
    fn accept_language() {
        assert_eq!(Lang::from_accept_language("en-US,en;q=0.9,da;q=0.5"), Lang::En);
        assert_eq!(Lang::from_accept_language("da, en;q=0.8"), Lang::Da);
        assert_eq!(Lang::from_accept_language("da;q=0.5, en;q=0.8"), Lang::En);
        assert_eq!(Lang::from_accept_language("de-DE,de;q=0.9,en;q=0.3"), Lang::En);
        assert_eq!(Lang::from_accept_language("de-DE,fr;q=0.5"), Lang::Da);
        assert_eq!(Lang::from_accept_language(""), Lang::Da);
        assert_eq!(Lang::from_accept_language("*"), Lang::Da);
        assert_eq!(Lang::from_accept_language("en;q=0, da;q=0.1"), Lang::Da);
        assert_eq!(Lang::from_accept_language("en;q=0"), Lang::Da);
        assert_eq!(Lang::from_accept_language("en;q=abc, da;q=0.2"), Lang::Da);
        assert_eq!(Lang::from_accept_language("en;q=1.5"), Lang::Da);
        assert_eq!(Lang::from_accept_language("en;Q=0.7, da;q=0.70"), Lang::En);
        assert_eq!(Lang::from_accept_language("EN-gb ; q=1"), Lang::En);
        assert_eq!(Lang::from_accept_language("en-GB,en;q=0.9,da;q=0.95"), Lang::En);
        assert_eq!(Lang::from_accept_language("en;q=0.5,da;q=0.501"), Lang::Da);
        assert_eq!(Lang::from_accept_language(",,,;;;=,q="), Lang::Da);
        let long = "xx,".repeat(10_000) + "en";
        assert_eq!(Lang::from_accept_language(&long), Lang::Da);
    }

    #[test]
    fn accept_language_weighs_before_it_matches() {
        // The weight decides, not the order: an unsupported language first changes nothing.
        assert_eq!(Lang::from_accept_language("fr;q=0.9, en-GB;q=0.8, da;q=0.7"), Lang::En);
        assert_eq!(Lang::from_accept_language("da-DK;q=0.4, en-US;q=0.6"), Lang::En);
        assert_eq!(Lang::from_accept_language("en-US;q=0.6, da-DK;q=0.6"), Lang::En);
        assert_eq!(Lang::from_accept_language("da-DK;q=0.6, en-US;q=0.6"), Lang::Da);
        // Weights with three decimals are compared exactly.
        assert_eq!(Lang::from_accept_language("en;q=0.999, da"), Lang::Da);
        assert_eq!(Lang::from_accept_language("da;q=0.001, en;q=0.000"), Lang::Da);
        // A wildcard or a malformed tag is no language; the valid entries still count.
        assert_eq!(Lang::from_accept_language("*;q=1, en;q=0.1"), Lang::En);
        assert_eq!(Lang::from_accept_language("12345678901, en;q=0.2"), Lang::En);
        // Script and region subtags and the underscore spelling reach their language.
        assert_eq!(Lang::from_accept_language("en-Latn-GB"), Lang::En);
        assert_eq!(Lang::from_accept_language("en_GB"), Lang::En);
        assert_eq!(Lang::from_accept_language("nb, sv;q=0.9, en;q=0.1"), Lang::En);
        assert_eq!(Lang::from_accept_language("nb, sv;q=0.9"), Lang::Da);
        // Only the first 32 entries are read.
        let late = "de,".repeat(32) + "en";
        assert_eq!(Lang::from_accept_language(&late), Lang::Da);
        let in_time = "de,".repeat(31) + "en";
        assert_eq!(Lang::from_accept_language(&in_time), Lang::En);
    }

    #[test]
    fn index_reads_attributes_and_skips_terms_and_comments() {
        let source = "# a comment = not a message\n-brand = Sammen\n    .gender = neuter\nhello = Hej { -brand }\n    .title = Titel\n    .aria-label = Etiket\nmulti =\n    første linje\n    anden = linje\nonly-attr =\n    .placeholder = x\n";
        let index = message_index(&[("t.ftl", source)]);
        let ids: Vec<&str> = index.keys().map(String::as_str).collect();
        assert_eq!(ids, ["hello", "multi", "only-attr"]);
        assert_eq!(index["hello"], BTreeSet::from(["aria-label".to_owned(), "title".to_owned()]));
        assert!(index["multi"].is_empty(), "an indented line with '=' in a value is not an attribute");
        assert_eq!(index["only-attr"], BTreeSet::from(["placeholder".to_owned()]));
    }

    #[test]
    fn quality_values() {
        assert_eq!(parse_quality("1"), Some(1000));
        assert_eq!(parse_quality("1.000"), Some(1000));
        assert_eq!(parse_quality("1.001"), None);
        assert_eq!(parse_quality("0.5"), Some(500));
        assert_eq!(parse_quality("0.05"), Some(50));
        assert_eq!(parse_quality("0"), Some(0));
        assert_eq!(parse_quality("0."), Some(0));
        assert_eq!(parse_quality("0.1234"), None);
        assert_eq!(parse_quality("-1"), None);
        assert_eq!(parse_quality(""), None);
        assert_eq!(parse_quality("2"), None);
    }
}
