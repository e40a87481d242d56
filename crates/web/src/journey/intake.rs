//! Referral and intake pages: the referral inbox and form, one referral (the decision for the
//! receiving organisation's managers, the derived status for the referrer), the public
//! self-referral form, a participant's consents with withdrawal, and a programme's waiting list.

use askama::Template;
use axum::body::Body;
use axum::extract::Path;
use axum::http::StatusCode;
use sammen_app::AppError;
use sammen_app::journey::intake::{self as ik, ConsentView, ReferralPage};
use sammen_domain::journey::courses::{ConsentAudience, ConsentMethod, ConsentPurpose};
use sammen_domain::journey::intake::{
    ConsentInput, Decision, ReferralInput, is_robot, parse_referral_consent, parse_self_consents, parse_withdrawal_note,
};
use sammen_domain::people::Role;
use sammen_domain::{ConsentId, OrgId, ParticipantId, ProgrammeId, ReferralId, ValidationErrors};

use crate::form::{FormData, read_body};
use crate::i18n::Tr;
use crate::session::{Authed, Web};
use crate::ui::{
    Action, Cell, Chrome, DetailPage, Errs, Field, ListPage, OrPage, Page, Pager, SubForm, options, post_form, render, render_status,
    see_other,
};

fn is_manager(a: &Authed) -> bool {
    a.s.role().is_some_and(|r| matches!(r, Role::Administrator | Role::Coordinator))
}

/// The words of a consent's scope: Sammen's own scopes are message ids, others are the coordinator's text.
fn scope_words(tr: &Tr, scope: &str) -> String {
    match scope {
        "consent-scope-referral" => tr.t("consent-scope-referral"),
        "consent-scope-support" => tr.t("consent-scope-support"),
        "consent-scope-measurement" => tr.t("consent-scope-measurement"),
        other => other.to_owned(),
    }
}

fn person_of(f: &FormData, year: i32) -> Result<ReferralInput, ValidationErrors> {
    ReferralInput::parse(
        f.get("name"),
        f.opt("phone"),
        f.opt("email"),
        f.opt("birth_year"),
        f.get("languages"),
        f.get("reason"),
        f.opt("programme_id"),
        year,
    )
}

/// Both parsers' errors together, so the form shows every problem at once.
fn both<A, B>(a: Result<A, ValidationErrors>, b: Result<B, ValidationErrors>) -> Result<(A, B), AppError> {
    match (a, b) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (a, b) => {
            let mut e = ValidationErrors::new();
            for f in a.err().into_iter().chain(b.err()).flat_map(|v| v.fields) {
                e.add(&f.field, f.message);
            }
            Err(AppError::Validation(e))
        }
    }
}

// ---------------------------------------------------------------- inbox

/// One row of an inbox table: (link, first column, second, third, fourth).
type InboxRow = (String, String, String, String, String);

#[derive(Template)]
#[template(path = "journey/referrals.html")]
struct InboxPage {
    c: Chrome,
    can_refer: bool,
    /// (link, name or pseudonym, source, status, received)
    received: Option<Vec<InboxRow>>,
    /// (link, organisation, status, sent, changed)
    mine: Vec<InboxRow>,
}

pub async fn inbox(a: Authed) -> Page {
    let tr = &a.web.tr;
    let app = &a.web.state.app;
    let targets = ik::referral_targets(app, &a.ctx()).await.map(|t| !t.is_empty()).unwrap_or(false);
    let inbox = ik::inbox(app, &a.ctx()).await.or_page(&a)?;
    let received = inbox.received.map(|rs| {
        rs.iter()
            .map(|r| {
                (
                    format!("/referrals/{}", r.id),
                    r.name.clone().or_else(|| r.pseudonym.clone()).unwrap_or_else(|| "–".into()),
                    tr.code("refsource", r.source.code()),
                    tr.code("refstatus", r.status.code()),
                    r.created_at.short_in(&a.s.zone),
                )
            })
            .collect()
    });
    let mine = inbox
        .mine
        .iter()
        .map(|r| {
            (
                format!("/referrals/{}", r.id),
                r.organisation_name.clone(),
                tr.code("referrerstatus", r.status.code()),
                r.created_at.short_in(&a.s.zone),
                r.updated_at.short_in(&a.s.zone),
            )
        })
        .collect();
    Ok(render(&InboxPage { c: Chrome::new(&a, tr.t("nav-referrals")), can_refer: targets || is_manager(&a), received, mine }))
}

// ---------------------------------------------------------------- the referral form

async fn referral_form(a: &Authed, f: FormData, e: Errs) -> Page {
    let tr = &a.web.tr;
    let internal = is_manager(a);
    let mut fields = Vec::new();
    if !internal {
        let targets = ik::referral_targets(&a.web.state.app, &a.ctx()).await.or_page(a)?;
        if targets.is_empty() {
            return Err(a.fail(&AppError::Forbidden));
        }
        let opts = targets.iter().map(|t| (t.id.to_string(), t.name.clone())).collect();
        fields.push(Field::select("organisation_id", tr.t("referral-target"), opts, true));
    }
    fields.extend([
        Field::text("name", tr.t("field-name"), true),
        Field::text("phone", tr.t("field-phone"), false).kind("tel").hint(tr.t("referral-contact-hint")),
        Field::text("email", tr.t("field-email"), false).kind("email"),
        Field::text("birth_year", tr.t("field-birth-year"), false).kind("number"),
        Field::text("languages", tr.t("field-languages"), false).hint(tr.t("referral-languages-hint")),
        Field::text("reason", tr.t("referral-reason"), true).kind("textarea").hint(tr.t("referral-reason-hint")),
        Field::select(
            "method",
            tr.t("referral-consent-method"),
            options(tr, "cmethod", &[ConsentMethod::Verbal, ConsentMethod::Written], |m| m.code()),
            true,
        ),
        Field::flag("agreed", tr.t("referral-agreed")),
    ]);
    let page = crate::ui::FormPage {
        c: Chrome::new(a, tr.t(if internal { "referral-internal-title" } else { "referral-new-title" })),
        f,
        e,
        intro: tr.t(if internal { "referral-internal-intro" } else { "referral-new-intro" }),
        action: "/referrals".into(),
        submit: tr.t("referral-submit"),
        cancel: "/referrals".into(),
        fields,
    };
    let status = if page.e.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok(render_status(status, &page))
}

pub async fn new(a: Authed) -> Page {
    referral_form(&a, FormData::default(), Errs::none()).await
}

pub async fn create(a: Authed, body: Body) -> Page {
    let f = post_form(&a, body).await?;
    let app = &a.web.state.app;
    let parsed = both(person_of(&f, a.s.zone.today(app.now()).year()), parse_referral_consent(f.checked("agreed"), f.get("method")));
    let result = match parsed {
        Ok((person, method)) if is_manager(&a) => ik::record_internal(app, &a.ctx(), person, method).await,
        Ok((person, method)) => match f.get("organisation_id").parse::<OrgId>() {
            Ok(target) => ik::refer(app, &a.ctx(), target, person, method).await,
            Err(_) => Err(AppError::Validation(ValidationErrors::single("organisation_id", "err-choice"))),
        },
        Err(e) => Err(e),
    };
    match result {
        Ok(id) => Ok(see_other(&format!("/referrals/{id}"))),
        Err(AppError::Validation(v)) => referral_form(&a, f, Errs::from(&a.web.tr, &v)).await,
        Err(e) => Err(a.fail(&e)),
    }
}

// ---------------------------------------------------------------- one referral

#[derive(Template)]
#[template(path = "journey/referral.html")]
struct ReferralDecisionPage {
    c: Chrome,
    rows: Vec<(String, String)>,
    participant: String,
    open: bool,
    programmes: Vec<(String, String)>,
    f: FormData,
    e: Errs,
    id: String,
}

async fn show_referral(a: &Authed, id: ReferralId, f: FormData, e: Errs) -> Page {
    let tr = &a.web.tr;
    let app = &a.web.state.app;
    match ik::get_referral(app, &a.ctx(), id).await.or_page(a)? {
        ReferralPage::Referrer(r) => {
            let rows = vec![
                (tr.t("referral-to"), r.organisation_name.clone()),
                (tr.t("field-status"), tr.code("referrerstatus", r.status.code())),
                (tr.t("referral-sent"), r.created_at.short_in(&a.s.zone)),
                (tr.t("referral-changed"), r.updated_at.short_in(&a.s.zone)),
            ];
            let mut page = DetailPage::new(Chrome::new(a, tr.t("referral-title")), "/referrals", rows, Vec::new());
            page.note = tr.t("referral-referrer-note");
            Ok(render(&page))
        }
        ReferralPage::Manager(r) => {
            let rows = vec![
                (tr.t("field-status"), tr.code("refstatus", r.status.code())),
                (tr.t("referral-source"), tr.code("refsource", r.source.code())),
                (tr.t("referral-from"), r.referrer_org_name.clone().unwrap_or_default()),
                (tr.t("field-name"), r.name.clone().unwrap_or_default()),
                (tr.t("field-pseudonym"), r.pseudonym.clone().unwrap_or_default()),
                (tr.t("referral-reason"), r.reason.clone().unwrap_or_default()),
                (tr.t("field-programme"), r.programme_name.clone().unwrap_or_default()),
                (tr.t("referral-received"), r.created_at.short_in(&a.s.zone)),
                (tr.t("referral-decided"), r.decided_at.map(|d| d.short_in(&a.s.zone)).unwrap_or_default()),
                (tr.t("referral-decision-note"), r.decision_note.clone().unwrap_or_default()),
            ];
            let programmes = match sammen_app::directory::list_programmes(app, &a.ctx(), sammen_store::Page { offset: 0, limit: 200 }).await
            {
                Ok((ps, _)) => ps
                    .into_iter()
                    .filter(|p| p.active && p.organisation_id == r.organisation_id)
                    .map(|p| (p.id.to_string(), p.name))
                    .collect(),
                Err(_) => Vec::new(),
            };
            let mut f = f;
            if f.opt("programme_id").is_none()
                && let Some(p) = r.programme_id
            {
                f = FormData::from_pairs(vec![("programme_id", p.to_string())]);
            }
            let status = if e.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
            Ok(render_status(
                status,
                &ReferralDecisionPage {
                    c: Chrome::new(a, tr.t("referral-title")),
                    rows,
                    participant: r.participant_id.map(|p| format!("/participants/{p}")).unwrap_or_default(),
                    open: r.status == sammen_domain::journey::courses::ReferralStatus::Received,
                    programmes,
                    f,
                    e,
                    id: r.id.to_string(),
                },
            ))
        }
    }
}

pub async fn show(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<ReferralId>(&id)?;
    show_referral(&a, id, FormData::default(), Errs::none()).await
}

async fn decide(a: Authed, id: String, body: Body, decision: &str) -> Page {
    let f = post_form(&a, body).await?;
    let id = a.id::<ReferralId>(&id)?;
    let result = match Decision::parse(decision, f.opt("programme_id"), f.opt("note")) {
        Ok(d) => ik::decide(&a.web.state.app, &a.ctx(), id, d).await,
        Err(e) => Err(AppError::Validation(e)),
    };
    match result {
        Ok(()) => Ok(see_other(&format!("/referrals/{id}"))),
        Err(AppError::Validation(v)) => {
            let e = Errs::from(&a.web.tr, &v);
            show_referral(&a, id, f, e).await
        }
        Err(e) => Err(a.fail(&e)),
    }
}

pub async fn accept(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    decide(a, id, body, "accept").await
}

pub async fn decline(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    decide(a, id, body, "decline").await
}

// ---------------------------------------------------------------- self-referral (public)

#[derive(Template)]
#[template(path = "journey/self_referral.html")]
struct SelfReferralPage {
    c: Chrome,
    organisation: String,
    programmes: Vec<(String, String)>,
    action: String,
    f: FormData,
    e: Errs,
    /// After a successful submission: the receipt, with no data shown back.
    done: bool,
    /// The languages offered by name: (code, name in the page's language).
    languages: Vec<(String, String)>,
}

/// The languages the public self-referral form offers by name, most spoken in Denmark first;
/// the form sends their ISO 639 codes, which is what the record keeps.
const OFFERED_LANGUAGES: &[&str] =
    &["da", "en", "ar", "tr", "so", "pl", "uk", "de", "fa", "ur", "ti", "sv", "no", "fr", "es", "ru", "ku", "kl"];

/// The referral from the public form: the ticked languages, by code, as one list.
fn self_person_of(f: &FormData, year: i32) -> Result<ReferralInput, ValidationErrors> {
    let languages = f.all("languages").join(",");
    ReferralInput::parse(
        f.get("name"),
        f.opt("phone"),
        f.opt("email"),
        f.opt("birth_year"),
        &languages,
        f.get("reason"),
        f.opt("programme_id"),
        year,
    )
}

fn self_page(web: &Web, org: OrgId, form: ik::SelfReferralForm, f: FormData, e: Errs, done: bool) -> SelfReferralPage {
    SelfReferralPage {
        c: Chrome::anonymous(web, "self-referral-title"),
        organisation: form.organisation,
        programmes: form.programmes.into_iter().map(|(id, n)| (id.to_string(), n)).collect(),
        action: format!("/self-referral/{org}"),
        f,
        e,
        done,
        languages: OFFERED_LANGUAGES.iter().map(|code| ((*code).to_owned(), web.tr.code("language", code))).collect(),
    }
}

pub async fn self_form(web: Web, Path(org): Path<String>) -> Page {
    let org = web.id::<OrgId>(&org)?;
    let form = ik::self_referral_form(&web.state.app, org).await.map_err(|e| web.fail(&e))?;
    Ok(render(&self_page(&web, org, form, FormData::default(), Errs::none(), false)))
}

/// The largest self-referral form accepted: the fields' own limits are far below it.
const SELF_REFERRAL_MAX_BYTES: usize = 16 * 1024;

pub async fn self_submit(web: Web, Path(org): Path<String>, body: Body) -> Page {
    let org = web.id::<OrgId>(&org)?;
    let form = ik::self_referral_form(&web.state.app, org).await.map_err(|e| web.fail(&e))?;
    let f = FormData::parse(&read_body(body, SELF_REFERRAL_MAX_BYTES).await.map_err(|e| web.fail(&e))?);
    let year = web.state.app.today_of(org).await.map_err(|e| web.fail(&e))?.year();
    let parsed = both(self_person_of(&f, year), parse_self_consents(f.checked("consent_support"), f.checked("consent_measurement")));
    let result = match parsed {
        Ok((person, consents)) => {
            ik::self_refer(&web.state.app, org, person, consents, is_robot(f.get("website")), &web.address, &web.route).await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(render(&self_page(&web, org, form, FormData::default(), Errs::none(), true))),
        Err(AppError::Validation(v)) => {
            let e = Errs::from(&web.tr, &v);
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &self_page(&web, org, form, f, e, false)))
        }
        Err(e) => Err(web.fail(&e)),
    }
}

// ---------------------------------------------------------------- consents

#[derive(Template)]
#[template(path = "journey/consents.html")]
struct ConsentsPage {
    c: Chrome,
    back: String,
    /// (purpose, scope, audience, method, given, valid until, withdrawn, withdraw link)
    rows: Vec<[String; 8]>,
    can_manage: bool,
    action: String,
    purposes: Vec<(String, String)>,
    audiences: Vec<(String, String)>,
    methods: Vec<(String, String)>,
    f: FormData,
    e: Errs,
}

fn consent_row(tr: &Tr, c: &ConsentView, can_manage: bool, zone: &sammen_domain::time::Zone) -> [String; 8] {
    let withdrawn = match c.withdrawn_at {
        Some(at) => {
            let mut s = tr.s("consent-withdrawn-by", "who", c.withdrawn_by.as_deref().unwrap_or("–"));
            s = format!("{} {s}", at.short_in(zone));
            if let Some(n) = &c.withdrawal_note {
                s = format!("{s} ({n})");
            }
            s
        }
        None => String::new(),
    };
    [
        tr.code("purpose", c.purpose.code()),
        scope_words(tr, &c.scope),
        c.audience.iter().map(|x| tr.code("audience", x.code())).collect::<Vec<_>>().join(", "),
        tr.code("cmethod", c.method.code()),
        c.given_at.short_in(zone),
        c.valid_until.clone().unwrap_or_default(),
        withdrawn,
        if can_manage && c.withdrawn_at.is_none() { format!("/consents/{}/withdraw", c.id) } else { String::new() },
    ]
}

async fn consents_page(a: &Authed, id: ParticipantId, f: FormData, e: Errs) -> Page {
    let tr = &a.web.tr;
    let list = ik::list_consents(&a.web.state.app, &a.ctx(), id).await.or_page(a)?;
    let status = if e.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok(render_status(
        status,
        &ConsentsPage {
            c: Chrome::new(a, tr.s("consents-title", "who", &list.pseudonym)),
            back: format!("/participants/{id}"),
            rows: list.consents.iter().map(|c| consent_row(tr, c, list.can_manage, &a.s.zone)).collect(),
            can_manage: list.can_manage,
            action: format!("/participants/{id}/consents"),
            purposes: options(tr, "purpose", ConsentPurpose::ALL, |p| p.code()),
            audiences: options(tr, "audience", ConsentAudience::ALL, |p| p.code()),
            methods: options(tr, "cmethod", ConsentMethod::ALL, |p| p.code()),
            f,
            e,
        },
    ))
}

pub async fn consents(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<ParticipantId>(&id)?;
    consents_page(&a, id, FormData::default(), Errs::none()).await
}

pub async fn consent_add(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let f = post_form(&a, body).await?;
    let id = a.id::<ParticipantId>(&id)?;
    let today = a.s.zone.today(a.web.state.app.now());
    let result =
        match ConsentInput::parse(f.get("purpose"), f.get("scope"), &f.all("audience"), f.get("method"), f.opt("valid_until"), today) {
            Ok(i) => ik::record_consent(&a.web.state.app, &a.ctx(), id, i).await.map(|_| ()),
            Err(e) => Err(AppError::Validation(e)),
        };
    match result {
        Ok(()) => Ok(see_other(&format!("/participants/{id}/consents"))),
        Err(AppError::Validation(v)) => {
            let e = Errs::from(&a.web.tr, &v);
            consents_page(&a, id, f, e).await
        }
        Err(e) => Err(a.fail(&e)),
    }
}

fn withdraw_page(a: &Authed, c: &ConsentView, f: FormData, e: Errs) -> DetailPage {
    let tr = &a.web.tr;
    let rows = vec![
        (tr.t("consent-purpose"), tr.code("purpose", c.purpose.code())),
        (tr.t("consent-scope"), scope_words(tr, &c.scope)),
        (tr.t("consent-given"), c.given_at.short_in(&a.s.zone)),
    ];
    let mut page = DetailPage::new(
        Chrome::new(a, tr.t("consent-withdraw-title")),
        &format!("/participants/{}/consents", c.participant_id),
        rows,
        Vec::new(),
    );
    page.note = tr.t(match c.purpose {
        ConsentPurpose::Support => "consent-withdraw-effect-support",
        ConsentPurpose::Measurement => "consent-withdraw-effect-measurement",
        ConsentPurpose::PartnerSharing => "consent-withdraw-effect-partner_sharing",
        ConsentPurpose::ReferrerStatus => "consent-withdraw-effect-referrer_status",
    });
    page.subform = Some(SubForm {
        title: tr.t("consent-withdraw-confirm"),
        action: format!("/consents/{}/withdraw", c.id),
        submit: tr.t("consent-withdraw"),
        fields: vec![Field::text("note", tr.t("consent-withdraw-note"), false)],
    });
    page.f = f;
    page.e = e;
    page
}

pub async fn withdraw_confirm(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<ConsentId>(&id)?;
    let c = ik::get_consent(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    Ok(render(&withdraw_page(&a, &c, FormData::default(), Errs::none())))
}

pub async fn withdraw(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let f = post_form(&a, body).await?;
    let id = a.id::<ConsentId>(&id)?;
    let app = &a.web.state.app;
    let result = match parse_withdrawal_note(f.opt("note")) {
        Ok(note) => ik::withdraw_consent(app, &a.ctx(), id, note).await,
        Err(e) => Err(AppError::Validation(e)),
    };
    match result {
        Ok(_) => {
            let c = ik::get_consent(app, &a.ctx(), id).await.or_page(&a)?;
            Ok(see_other(&format!("/participants/{}/consents", c.participant_id)))
        }
        Err(AppError::Validation(v)) => {
            let c = ik::get_consent(app, &a.ctx(), id).await.or_page(&a)?;
            let e = Errs::from(&a.web.tr, &v);
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &withdraw_page(&a, &c, f, e)))
        }
        Err(e) => Err(a.fail(&e)),
    }
}

// ---------------------------------------------------------------- the waiting list

pub async fn waiting_list(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<ProgrammeId>(&id)?;
    let tr = &a.web.tr;
    let list = ik::waiting_list(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    let total = list.rows.len() as i64;
    let rows = list
        .rows
        .iter()
        .map(|r| {
            vec![
                Cell::link(r.pseudonym.clone(), format!("/participants/{}", r.participant_id)),
                Cell::text(tr.n("waiting-days", "days", r.days_waiting)),
                Cell::text(crate::ui::yes_no(tr, r.priority)),
                Cell::link(crate::ui::yes_no(tr, r.support_consent), format!("/participants/{}/consents", r.participant_id)),
                Cell::text(crate::ui::yes_no(tr, r.wishes_stated)),
            ]
        })
        .collect();
    Ok(render(&ListPage {
        c: Chrome::new(&a, tr.s("waiting-title", "programme", &list.programme_name)),
        intro: tr.t("waiting-intro"),
        new_href: format!("/programmes/{id}/matching"),
        new_label: tr.t("waiting-matching"),
        search: None,
        headers: vec![
            tr.t("field-pseudonym"),
            tr.t("waiting-time"),
            tr.t("waiting-priority"),
            tr.t("waiting-consent"),
            tr.t("waiting-wishes"),
        ],
        rows,
        pager: Pager::new(tr, 1, total, &format!("/programmes/{id}/waiting-list")),
        total,
    }))
}

/// The link from a participant's page to their consents.
pub fn participant_action(tr: &Tr, id: ParticipantId) -> Action {
    Action::link(format!("/participants/{id}/consents"), tr.t("consents-open"))
}

/// The link from a programme's page to its waiting list (managers).
pub fn programme_action(tr: &Tr, id: ProgrammeId) -> Action {
    Action::link(format!("/programmes/{id}/waiting-list"), tr.t("waiting-open"))
}
