//! Languages: the UI's language switch, Danish first, and every text key the web layer uses
//! present in both languages.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use axum::http::StatusCode;
use sammen_app::access::auth::TokenScope;
use sammen_domain::audit::{AuditAction, AuditOutcome};
use sammen_domain::directory::{DataCategory, DeliveryModel, Mode, OrganisationKind};
use sammen_domain::journey::courses as sup;
use sammen_domain::journey::groups as gk;
use sammen_domain::measurement as m;
use sammen_domain::measurement::qualitative as qk;
use sammen_domain::people::{Engagement, Gender, ParticipantStatus, PeerStatus, Role};
use sammen_domain::workforce::recruitment as rk;
use sammen_domain::workforce::roles as wk;
use sammen_i18n::{I18n, Lang};

use crate::harness::*;

// ---------------------------------------------------------------- the language switch

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ui_language_switch_stays_local_and_pages_are_danish_by_default() {
    on_every_backend("ui-lang", |env| async move {
        let b = env.backend;
        let s = small(&env).await;
        let cookie = &s.browser.cookie;

        let res = env.send(Req::get("/participants").cookie(cookie)).await;
        assert!(res.body.contains("<html lang=\"da\">"), "{b}");
        assert!(res.body.contains(&html(&env.i18n.t(Lang::Da, "nav-participants"))), "{b}");

        let res = env.send(Req::new("POST", "/lang").cookie(cookie).form(&[("lang", "en".into()), ("back", "/participants".into())])).await;
        assert_eq!((res.status, res.location()), (StatusCode::SEE_OTHER, "/participants"), "{b}");
        let lang = res.set_cookie("sammen_lang").expect("a language cookie");
        assert!(lang.starts_with("sammen_lang=en;"), "{b}: {lang}");
        assert!(lang.contains("SameSite=Strict"), "{b}: {lang}");
        let both = format!("{cookie}; sammen_lang=en");
        let res = env.send(Req::get("/participants").cookie(&both)).await;
        assert_eq!(res.status, StatusCode::OK, "{b}");
        assert!(res.body.contains("<html lang=\"en\">"), "{b}: {}", excerpt(&res.body));
        assert!(res.body.contains(&html(&env.i18n.t(Lang::En, "nav-participants"))), "{b}");
        // Only the switch counts: the UI is Danish first even for an English browser.
        let res = env.send(Req::get("/login").header("accept-language", "en-GB,en;q=0.9")).await;
        assert!(res.body.contains("<html lang=\"da\">"), "{b}");

        // Only local paths: never an open redirect.
        for back in ["//evil.example", "https://evil.example/", "/\\evil.example", "evil.example", ""] {
            let res = env.send(Req::new("POST", "/lang").form(&[("lang", "da".into()), ("back", back.into())])).await;
            assert_eq!((res.status, res.location()), (StatusCode::SEE_OTHER, "/"), "{b}: back={back:?}");
        }
        let res = env.send(Req::new("POST", "/lang").form(&[("lang", "xx".into()), ("back", "/login".into())])).await;
        assert!(res.set_cookie("sammen_lang").unwrap().starts_with("sammen_lang=da;"), "{b}: an unknown language is Danish");

        // Unknown paths: a Danish 404 page, for visitors and for users alike.
        for req in [Req::get("/no-such-page"), Req::get("/no/such/page").cookie(cookie)] {
            let res = env.send(req).await;
            assert_eq!(res.status, StatusCode::NOT_FOUND, "{b}");
            assert!(res.body.contains("<html lang=\"da\">"), "{b}");
            assert!(res.body.contains(&html(&env.i18n.t(Lang::Da, "error-not-found"))), "{b}: {}", excerpt(&res.body));
        }
        let res = env.send(Req::get("/no-such-page").cookie("sammen_lang=en")).await;
        assert!(res.body.contains(&html(&env.i18n.t(Lang::En, "error-not-found"))), "{b}");

        // Assets are cacheable; the security headers are on them too (checked in `send`).
        let res = env.send(Req::get("/assets/sammen.css")).await;
        assert_eq!(res.status, StatusCode::OK, "{b}");
        assert!(res.header("cache-control").contains("max-age"), "{b}");
        let res = env.send(Req::get("/")).await;
        assert_eq!(res.header("cache-control"), "no-store", "{b}: redirects are not cached either");
    })
    .await;
}

// ---------------------------------------------------------------- text keys

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The string literal at the start of `s` (after spaces), if there is one.
fn literal(s: &str) -> Option<String> {
    let s = s.trim_start().strip_prefix('"')?;
    let end = s.find('"')?;
    Some(s[..end].to_owned())
}

/// The contents of the string literals of Rust source (escapes kept as written; a `'"'`
/// character literal is not a string).
fn string_literals(src: &str) -> Vec<String> {
    let (mut out, mut cur, mut in_str, mut escaped) = (Vec::new(), String::new(), false, false);
    let mut prev = ' ';
    for ch in src.chars() {
        if in_str {
            if escaped {
                escaped = false;
                cur.push(ch);
            } else if ch == '\\' {
                escaped = true;
                cur.push(ch);
            } else if ch == '"' {
                in_str = false;
                out.push(std::mem::take(&mut cur));
            } else {
                cur.push(ch);
            }
        } else if ch == '"' && prev != '\'' {
            in_str = true;
        }
        prev = ch;
    }
    out
}

/// The first `n` arguments of every call of `name(…)` in `src`: a string literal, or None
/// for anything else. `name` must be the whole identifier (`t(` is not `get(` or `t_args(`).
fn calls(src: &str, name: &str, n: usize) -> Vec<Vec<Option<String>>> {
    let needle = format!("{name}(");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = src[from..].find(&needle).map(|i| i + from) {
        from = at + needle.len();
        if src[..at].chars().next_back().is_some_and(is_ident) {
            continue;
        }
        // Split the arguments at top-level commas.
        let (mut depth, mut in_str, mut escaped, mut args, mut start) = (0i32, false, false, Vec::new(), from);
        for (i, ch) in src[from..].char_indices() {
            let i = from + i;
            match ch {
                _ if escaped => escaped = false,
                '\\' if in_str => escaped = true,
                '"' => in_str = !in_str,
                _ if in_str => {}
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' if depth > 0 => depth -= 1,
                ',' if depth == 0 => {
                    args.push(&src[start..i]);
                    start = i + 1;
                }
                ')' => {
                    args.push(&src[start..i]);
                    break;
                }
                _ => {}
            }
            if args.len() >= n {
                break;
            }
        }
        out.push(args.iter().take(n).map(|a| literal(a).filter(|l| a.trim() == format!("\"{l}\""))).collect());
    }
    out
}

/// The enum behind each `code("prefix", …)` and `options(tr, "prefix", …)`: `prefix-{code}`.
fn codes_of(prefix: &str) -> Option<Vec<&'static str>> {
    fn all<T: Copy>(xs: &[T], code: impl Fn(T) -> &'static str) -> Vec<&'static str> {
        xs.iter().map(|x| code(*x)).collect()
    }
    Some(match prefix {
        "role" => all(Role::ALL, Role::code),
        "follow-up-step" => all(
            sammen_domain::measurement::completeness::FollowUpActionKind::ALL,
            sammen_domain::measurement::completeness::FollowUpActionKind::code,
        ),
        "follow-up-reason" => all(
            sammen_domain::measurement::completeness::UnreachableReason::ALL,
            sammen_domain::measurement::completeness::UnreachableReason::code,
        ),
        "kind" => all(OrganisationKind::ALL, OrganisationKind::code),
        "category" => all(DataCategory::ALL, DataCategory::code),
        "delivery" => all(DeliveryModel::ALL, DeliveryModel::code),
        "mode" => all(Mode::ALL, Mode::code),
        "engagement" => all(Engagement::ALL, Engagement::code),
        "peerstatus" => all(PeerStatus::ALL, PeerStatus::code),
        "pstatus" => all(ParticipantStatus::ALL, ParticipantStatus::code),
        "gender" => all(Gender::ALL, Gender::code),
        "action" => all(AuditAction::ALL, AuditAction::code),
        "outcome" => all(AuditOutcome::ALL, AuditOutcome::code),
        "scope" => vec![TokenScope::Read.code(), TokenScope::Write.code()],
        "invstatus" => all(m::InvitationStatus::ALL, m::InvitationStatus::code),
        "rsource" => all(m::ResponseSource::ALL, m::ResponseSource::code),
        "rstatus" => all(m::ResponseStatus::ALL, m::ResponseStatus::code),
        "lifeevent" => all(m::LifeEventKind::ALL, m::LifeEventKind::code),
        "lesource" => all(m::LifeEventSource::ALL, m::LifeEventSource::code),
        "msgkind" => all(m::MessageKind::ALL, m::MessageKind::code),
        "msgstatus" => all(m::MessageStatus::ALL, m::MessageStatus::code),
        "chime" => all(&sammen_instruments::ChimeDomain::ALL, |d| d.code()),
        "setting" => all(wk::Setting::ALL, wk::Setting::code),
        "function" => all(wk::RoleFunction::ALL, wk::RoleFunction::code),
        "term" => all(wk::Term::ALL, wk::Term::code),
        "training" => all(wk::RequiredTraining::ALL, wk::RequiredTraining::code),
        "engagement-kind" => all(wk::EngagementKind::ALL, wk::EngagementKind::code),
        "wfo-supervision" => {
            all(sammen_domain::workforce::supervision::SupervisionKind::ALL, sammen_domain::workforce::supervision::SupervisionKind::code)
        }
        "topic" => all(sup::Topic::ALL, sup::Topic::code),
        "disclosure" => all(sup::Disclosure::ALL, sup::Disclosure::code),
        "course-status" => all(sup::CourseStatus::ALL, sup::CourseStatus::code),
        "end-reason" => all(sup::EndReason::ALL, sup::EndReason::code),
        "goal-status" => all(sup::GoalStatus::ALL, sup::GoalStatus::code),
        "session-kind" => all(sup::SessionKind::ALL, sup::SessionKind::code),
        "session-status" => all(sup::SessionStatus::ALL, sup::SessionStatus::code),
        "note-audience" => all(sup::NoteAudience::ALL, sup::NoteAudience::code),
        // Supervision.
        "supkind" => all(sammen_domain::workforce::supervision::SupervisionKind::ALL, |x| x.code()),
        "supformat" => all(sammen_domain::workforce::supervision::SupervisionFormat::ALL, |x| x.code()),
        "supstatus" => all(sammen_domain::workforce::supervision::SupervisionStatus::ALL, |x| x.code()),
        "suptopic" => all(sammen_domain::workforce::supervision::SupervisionTopic::ALL, |x| x.code()),
        "match-reason" => vec![
            "capacity_taken_by_better_matches",
            "no_peers",
            "no_shared_language",
            "no_shared_mode",
            "gender_preference",
            "excluded",
            "location_unknown",
            "too_far",
            "training",
            "no_capacity",
        ],
        "not-ready" => vec!["no_support_consent", "no_languages"],
        // The languages the public self-referral form offers by name.
        "language" => crate::dead_ends::OFFERED_LANGUAGES.to_vec(),
        "refsource" => all(sup::ReferralSource::ALL, sup::ReferralSource::code),
        "refstatus" => all(sup::ReferralStatus::ALL, sup::ReferralStatus::code),
        "referrerstatus" => all(sup::ReferrerStatus::ALL, sup::ReferrerStatus::code),
        "purpose" => all(sup::ConsentPurpose::ALL, sup::ConsentPurpose::code),
        "audience" => all(sup::ConsentAudience::ALL, sup::ConsentAudience::code),
        "cmethod" => all(sup::ConsentMethod::ALL, sup::ConsentMethod::code),
        "gkind" => all(gk::GroupKind::ALL, gk::GroupKind::code),
        "gstatus" => all(gk::GroupStatus::ALL, gk::GroupStatus::code),
        "mstatus" => all(gk::MeetingStatus::ALL, gk::MeetingStatus::code),
        // onboarding and training
        "course-kind" => all(sammen_domain::workforce::training::CourseKind::ALL, sammen_domain::workforce::training::CourseKind::code),
        "training-outcome" => all(sammen_domain::workforce::training::Outcome::ALL, sammen_domain::workforce::training::Outcome::code),
        "cert-state" => {
            all(sammen_domain::workforce::training::CertificateState::ALL, sammen_domain::workforce::training::CertificateState::code)
        }
        "onboarding-item" => {
            all(sammen_domain::workforce::training::OnboardingItemKind::ALL, sammen_domain::workforce::training::OnboardingItemKind::code)
        }
        // Recruitment.
        "posting-status" => all(rk::PostingStatus::ALL, rk::PostingStatus::code),
        "stage" => all(rk::Stage::ALL, rk::Stage::code),
        "competence" => all(rk::Competence::ALL, rk::Competence::code),
        "letter-language" => all(rk::LetterLanguage::ALL, rk::LetterLanguage::code),
        "attachment-kind" => all(rk::AttachmentKind::ALL, rk::AttachmentKind::code),
        // Interview studies.
        "qscope" => all(qk::StudyScopeKind::ALL, qk::StudyScopeKind::code),
        "qkind" => all(qk::IntervieweeKind::ALL, qk::IntervieweeKind::code),
        "qconsent" => all(qk::InterviewConsentMethod::ALL, qk::InterviewConsentMethod::code),
        "qstatus" => all(qk::InterviewStatus::ALL, qk::InterviewStatus::code),
        "qsource" => all(qk::TranscriptSource::ALL, qk::TranscriptSource::code),
        // A code of the study's own has no theme.
        "qtheme" => all(qk::CodeTheme::ALL, qk::CodeTheme::code).into_iter().chain(["none"]).collect(),
        "qchange" => all(qk::CodeChangeKind::ALL, qk::CodeChangeKind::code),
        _ => return None,
    })
}

/// Every message id the web layer asks for, with where it asks.
fn used_text_keys() -> BTreeMap<String, BTreeSet<String>> {
    let root = crate_dir();
    let mut keys: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut add = |key: String, file: &Path| {
        let file = file.strip_prefix(&root).unwrap_or(file).display().to_string();
        keys.entry(key).or_default().insert(file);
    };
    let templates = sources(&[&root.join("templates")], "html");
    let rust = sources(&[&root.join("src")], "rs");
    for (file, src) in templates.iter().chain(&rust) {
        // Translation calls: `t("id")`, `s("id", …)`, `n("id", …)`, `attr("id", …)`.
        for name in ["t", "s", "n", "attr"] {
            for args in calls(src, name, 1) {
                if let Some(Some(k)) = args.first() {
                    add(k.clone(), file);
                }
            }
        }
        // `t_args(lang, "id", …)`, `t_attr(lang, "id", …)`, `Chrome::anonymous(web, "id")`.
        for name in ["t_args", "t_attr", "t_fluent", "anonymous"] {
            for args in calls(src, name, 2) {
                if let Some(Some(k)) = args.get(1) {
                    add(k.clone(), file);
                }
            }
        }
        // Labels of stored codes: `code("prefix", x)` and `options(tr, "prefix", ALL, …)`.
        let mut prefixes: Vec<String> = calls(src, "code", 1).into_iter().filter_map(|a| a.into_iter().next().flatten()).collect();
        prefixes.extend(calls(src, "options", 2).into_iter().filter_map(|a| a.into_iter().nth(1).flatten()));
        for p in prefixes {
            let codes = codes_of(&p).unwrap_or_else(|| panic!("{}: labels prefixed {p:?}: add its enum to codes_of", file.display()));
            for c in codes {
                add(format!("{p}-{c}"), file);
            }
        }
    }
    for (file, src) in &rust {
        // Ids handed to a translation through a variable: the menu's ("/path", "nav-…", shown)
        // and error message ids, which are only ever translated.
        let mut rest = src.as_str();
        while let Some(at) = rest.find("(\"/") {
            rest = &rest[at + 2..];
            let after_path = &rest[rest.find('"').map_or(0, |i| i + 1)..];
            if let Some(k) = after_path.strip_prefix(", ").and_then(literal).filter(|k| k.starts_with("nav-")) {
                add(k, file);
            }
        }
        for piece in string_literals(src) {
            // The menu's area headings are keys in a table, translated when the menu is built.
            if piece.starts_with("err-") || piece.starts_with("error-") || piece.starts_with("nav-area-") {
                add(piece, file);
            }
        }
    }
    // Field error ids come from the domain's and the app's parsers, and file errors from the
    // table reader and the evaluation input; the web layer translates them.
    let crates = root.parent().unwrap();
    for (file, src) in
        sources(&[&crates.join("domain/src"), &crates.join("app/src"), &crates.join("tabular/src"), &crates.join("evaluation/src")], "rs")
    {
        for piece in string_literals(&src) {
            if piece.starts_with("err-") && piece.len() > 4 && piece.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
                add(piece, &file);
            }
        }
    }
    keys
}

#[test]
fn every_text_key_the_web_layer_uses_exists_in_both_languages() {
    let i18n = I18n::new().unwrap();
    let keys = used_text_keys();
    // The scan finds what it must, and no HTML ids or form-field names.
    for k in [
        "nav-dashboard",
        "nav-area-journey",
        "nav-my",
        "form-errors-title",
        "common-page-of",
        "common-total",
        "error-internal",
        "error-login-failed",
        "login-title",
        "role-system_administrator",
        "role-peer_worker",
        "pstatus-waiting",
        "action-login",
        "outcome-denied",
        "scope-write",
        "err-csrf",
        "err-cpr",
        "staff-created-password",
    ] {
        assert!(keys.contains_key(k), "the scan missed {k}");
    }
    for not_a_key in ["error-summary", "org-switch", "f-email", "email", "code", "to", "from", "csrf", "new-token", "results"] {
        assert!(!keys.contains_key(not_a_key), "the scan took {not_a_key:?} for a text key: {:?}", keys[not_a_key]);
    }
    assert!(keys.len() > 200, "only {} keys found", keys.len());
    let mut missing = Vec::new();
    for (k, files) in &keys {
        for lang in [Lang::Da, Lang::En] {
            if !i18n.has(lang, k) {
                missing.push(format!("{k} ({}) used in {files:?}", lang.code()));
            }
        }
    }
    assert!(missing.is_empty(), "text keys missing from the Fluent files:\n{}", missing.join("\n"));
}
