//! Interview studies: the list and a new study, a study's page (guide, coders, parties,
//! interviews), recording an interview with its consent and transcript (typed, pasted or
//! uploaded), the pseudonymised transcript, coding segment by segment (blind until every coder
//! is done), the side-by-side comparison with consensus and cleared quotes, the agreement
//! between coders, and the codebook with its history.
//!
//! Transcripts are read and coded only by the study's coders and the organisation's
//! administrators; the app layer decides and audits every read.

use askama::Template;
use axum::body::Body;
use axum::extract::{Multipart, Path};
use axum::http::StatusCode;
use axum::response::Response;
use sammen_app::AppError;
use sammen_app::measurement::qualitative::{self as q, AgreementView, CodeView, InterviewView, SegmentView, StudySummary};
use sammen_domain::ValidationErrors;
use sammen_domain::measurement::qualitative::{
    CodeInput, CodeTheme, InterviewConsentMethod, InterviewInput, InterviewStatus, IntervieweeKind, StudyInput, StudyScope, StudyScopeKind,
    TranscriptInput,
};
use sammen_domain::time::{format_date, parse_date};
use sammen_domain::{CodeId, SegmentId, StudyId, StudyInterviewId, UserId};

use crate::form::FormData;
use crate::i18n::Tr;
use crate::session::Authed;
use crate::ui::{Chrome, Errs, OrPage, Page, options, post_form, render, render_status, see_other};

/// The largest form of a new interview: a transcript file of up to 10 MiB and the fields.
pub const INTERVIEW_FORM_MAX_BYTES: usize = 11 * 1024 * 1024;

fn status_for(e: &Errs) -> StatusCode {
    if e.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY }
}

/// A share or coefficient as the page shows it: two decimals in the reader's language, or
/// "cannot be computed".
fn figure(tr: &Tr, x: Option<f64>) -> String {
    match x {
        Some(v) if v.is_finite() => tr.num(v, 2),
        _ => tr.t("qual-agreement-na"),
    }
}

fn percent(tr: &Tr, x: Option<f64>) -> String {
    match x {
        Some(v) if v.is_finite() => format!("{} %", tr.num(v * 100.0, 0)),
        _ => tr.t("qual-agreement-na"),
    }
}

// ---------------------------------------------------------------- studies

pub struct StudyLine {
    pub href: String,
    pub name: String,
    pub scope: String,
    pub organisation: String,
    pub interviews: usize,
    pub coders: usize,
}

fn scope_label(tr: &Tr, s: &StudySummary) -> String {
    let kind = tr.code("qscope", s.scope_kind.code());
    if s.scope_name.is_empty() { kind } else { format!("{kind}: {}", s.scope_name) }
}

#[derive(Template)]
#[template(path = "measurement/qualitative/studies.html")]
pub struct StudiesPage {
    pub c: Chrome,
    pub rows: Vec<StudyLine>,
    pub can_create: bool,
}

fn may_create(a: &Authed) -> bool {
    let ctx = a.ctx();
    ctx.org.is_some_and(|o| sammen_domain::policy::create_study(&ctx.actor, o).is_ok())
}

/// `GET /studies`.
pub async fn studies(a: Authed) -> Page {
    let tr = &a.web.tr;
    let list = q::list_studies(&a.web.state.app, &a.ctx()).await.or_page(&a)?;
    let page = StudiesPage {
        c: Chrome::new(&a, tr.t("nav-studies")),
        rows: list
            .iter()
            .map(|s| StudyLine {
                href: format!("/studies/{}", s.id),
                name: s.name.clone(),
                scope: scope_label(tr, s),
                organisation: s.organisation.clone(),
                interviews: s.interviews,
                coders: s.coders,
            })
            .collect(),
        can_create: may_create(&a),
    };
    Ok(render(&page))
}

#[derive(Template)]
#[template(path = "measurement/qualitative/study_new.html")]
pub struct StudyNewPage {
    pub c: Chrome,
    /// Where the form posts: `/studies` for a new study, `/studies/{id}/edit` for a change.
    pub action: String,
    /// A change of an existing study: its scope is shown, not chosen (it cannot change).
    pub editing: Option<String>,
    /// Where "cancel" leads.
    pub back: String,
    pub scopes: Vec<(String, String)>,
    pub programmes: Vec<(String, String)>,
    pub partnerships: Vec<(String, String)>,
    pub f: FormData,
    pub e: Errs,
}

async fn study_new_page(a: &Authed, f: FormData, e: Errs) -> Page {
    let tr = &a.web.tr;
    if !may_create(a) {
        return Err(a.fail(&AppError::NotFound));
    }
    let app = &a.web.state.app;
    let ctx = a.ctx();
    let all = sammen_store::Page { offset: 0, limit: 500 };
    let programmes = sammen_app::directory::list_programmes(app, &ctx, all).await.or_page(a)?.0;
    let partnerships = sammen_app::directory::list_partnerships(app, &ctx).await.or_page(a)?;
    let page = StudyNewPage {
        c: Chrome::new(a, tr.t("qual-new")),
        action: "/studies".into(),
        editing: None,
        back: "/studies".into(),
        scopes: options(tr, "qscope", StudyScopeKind::ALL, |k| k.code()),
        programmes: programmes.iter().filter(|p| Some(p.organisation_id) == ctx.org).map(|p| (p.id.to_string(), p.name.clone())).collect(),
        partnerships: partnerships
            .iter()
            .filter(|p| ctx.org.is_some_and(|o| p.parties.contains(&o)))
            .map(|p| (p.id.to_string(), p.name.clone()))
            .collect(),
        f,
        e,
    };
    Ok(render_status(status_for(&page.e), &page))
}

/// `GET /studies/new`.
pub async fn study_new(a: Authed) -> Page {
    study_new_page(&a, FormData::from_pairs(vec![("scope_kind", "organisation".into())]), Errs::none()).await
}

fn lines(raw: &str) -> Vec<String> {
    raw.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

fn study_input(f: &FormData) -> Result<StudyInput, ValidationErrors> {
    let (da, en) = (lines(f.get("guide_da")), lines(f.get("guide_en")));
    let guide: Vec<(String, String)> =
        (0..da.len().max(en.len())).map(|i| (da.get(i).cloned().unwrap_or_default(), en.get(i).cloned().unwrap_or_default())).collect();
    // An organisation's study has no scope id, whatever the select still holds.
    let scope_id = if f.get("scope_kind") == "organisation" { None } else { f.opt("scope_id") };
    StudyInput::parse(f.get("name"), f.get("purpose"), f.get("sampling"), f.get("scope_kind"), scope_id, f.checked("keep_original"), &guide)
}

/// The form of an existing study, filled from what is stored (or what was posted).
async fn study_edit_page(a: &Authed, id: StudyId, f: Option<FormData>, e: Errs) -> Page {
    let tr = &a.web.tr;
    let v = q::study(&a.web.state.app, &a.ctx(), id).await.or_page(a)?;
    if !v.can_manage {
        return Err(a.fail(&AppError::NotFound));
    }
    let f = f.unwrap_or_else(|| {
        let mut pairs = vec![
            ("name", v.summary.name.clone()),
            ("purpose", v.purpose.clone()),
            ("sampling", v.sampling.clone()),
            ("guide_da", v.guide.iter().map(|g| g.da.as_str()).collect::<Vec<_>>().join("\n")),
            ("guide_en", v.guide.iter().map(|g| g.en.as_str()).collect::<Vec<_>>().join("\n")),
        ];
        if v.keep_original {
            pairs.push(("keep_original", "on".into()));
        }
        FormData::from_pairs(pairs)
    });
    let scope = format!("{}: {}", tr.t(&format!("qscope-{}", v.summary.scope_kind.code())), v.summary.scope_name);
    let page = StudyNewPage {
        c: Chrome::new(a, tr.t("qual-edit")),
        action: format!("/studies/{id}/edit"),
        editing: Some(scope),
        back: format!("/studies/{id}"),
        scopes: Vec::new(),
        programmes: Vec::new(),
        partnerships: Vec::new(),
        f,
        e,
    };
    Ok(render_status(status_for(&page.e), &page))
}

/// `GET /studies/{id}/edit`.
pub async fn study_edit(a: Authed, Path(id): Path<String>) -> Page {
    let id: StudyId = a.id(&id)?;
    study_edit_page(&a, id, None, Errs::none()).await
}

/// `POST /studies/{id}/edit`: the study's scope is its own, whatever the form holds.
pub async fn study_update(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id: StudyId = a.id(&id)?;
    let f = post_form(&a, body).await?;
    let app = &a.web.state.app;
    let ctx = a.ctx();
    let v = q::study(app, &ctx, id).await.or_page(&a)?;
    let (kind, scope_id) = match v.scope {
        StudyScope::Organisation => ("organisation", None),
        StudyScope::Programme(p) => ("programme", Some(p.to_string())),
        StudyScope::Partnership(p) => ("partnership", Some(p.to_string())),
    };
    let mut pairs: Vec<(String, String)> = f.pairs().iter().filter(|(k, _)| k != "scope_kind" && k != "scope_id").cloned().collect();
    pairs.push(("scope_kind".into(), kind.into()));
    pairs.extend(scope_id.map(|s| ("scope_id".to_owned(), s)));
    let scoped = FormData::from_vec(pairs);
    let result = match study_input(&scoped) {
        Ok(i) => q::edit_study(app, &ctx, id, i).await,
        Err(e) => Err(AppError::Validation(e)),
    };
    match result {
        Ok(()) => Ok(see_other(&format!("/studies/{id}"))),
        Err(AppError::Validation(v)) => {
            let e = Errs::from(&a.web.tr, &v);
            study_edit_page(&a, id, Some(f), e).await
        }
        Err(e) => Err(a.fail(&e)),
    }
}

/// `POST /studies`.
pub async fn study_create(a: Authed, body: Body) -> Page {
    let f = post_form(&a, body).await?;
    let result = match study_input(&f) {
        Ok(i) => q::create_study(&a.web.state.app, &a.ctx(), i).await,
        Err(e) => Err(AppError::Validation(e)),
    };
    match result {
        Ok(id) => Ok(see_other(&format!("/studies/{id}"))),
        Err(AppError::Validation(v)) => {
            let e = Errs::from(&a.web.tr, &v);
            study_new_page(&a, f, e).await
        }
        Err(e) => Err(a.fail(&e)),
    }
}

pub struct InterviewLine {
    pub href: String,
    pub pseudonym: String,
    pub kind: String,
    pub date: String,
    pub status: String,
    pub segments: usize,
    pub coding: String,
    pub coding_href: String,
    pub compare_href: String,
}

#[derive(Template)]
#[template(path = "measurement/qualitative/study.html")]
pub struct StudyPage {
    pub c: Chrome,
    pub id: String,
    pub facts: Vec<(String, String)>,
    pub purpose: String,
    pub sampling: String,
    /// (question in the reader's language, the other language's, that language's code)
    pub guide: Vec<(String, String, &'static str)>,
    /// (user id, name, the remove button's accessible name)
    pub coders: Vec<(String, String, String)>,
    pub candidates: Vec<(String, String)>,
    pub can_manage: bool,
    pub can_record: bool,
    pub partnership: bool,
    pub parties: Vec<(String, bool)>,
    /// Whether the active organisation's interviews have joined, when it is a party and may decide.
    pub my_party: Option<bool>,
    pub interviews: Vec<InterviewLine>,
    /// Links to the analysis and the download, where the reader may follow them.
    pub extra_links: Vec<(String, String)>,
    pub f: FormData,
    pub e: Errs,
}

async fn study_page(a: &Authed, id: StudyId, f: FormData, e: Errs) -> Page {
    let tr = &a.web.tr;
    let app = &a.web.state.app;
    let ctx = a.ctx();
    let s = q::study(app, &ctx, id).await.or_page(a)?;
    let candidates = if s.can_manage { q::coder_candidates(app, &ctx, id).await.or_page(a)? } else { Vec::new() };
    let coder_ids: Vec<UserId> = s.coders.iter().map(|c| c.0).collect();
    let english = tr.code_of() == "en";
    let total_coders = s.coders.len();
    let page = StudyPage {
        c: Chrome::new(a, s.summary.name.clone()),
        id: id.to_string(),
        facts: vec![
            (tr.t("qual-scope"), scope_label(tr, &s.summary)),
            (tr.t("qual-organisation"), s.summary.organisation.clone()),
            (tr.t("qual-interviews-count"), s.summary.interviews.to_string()),
            (tr.t("qual-coders-count"), s.summary.coders.to_string()),
            (tr.t("qual-keep-original"), tr.t(if s.keep_original { "qual-keep-original-yes" } else { "qual-keep-original-no" })),
        ],
        purpose: s.purpose.clone(),
        sampling: s.sampling.clone(),
        guide: s
            .guide
            .iter()
            .map(|g| if english { (g.en.clone(), g.da.clone(), "da") } else { (g.da.clone(), g.en.clone(), "en") })
            .map(|(a, b, l)| if a.is_empty() { (b, String::new(), l) } else { (a, b, l) })
            .collect(),
        coders: s.coders.iter().map(|(u, n)| (u.to_string(), n.clone(), tr.s("qual-coder-remove-named", "name", n))).collect(),
        candidates: candidates.iter().filter(|(u, _)| !coder_ids.contains(u)).map(|(u, n)| (u.to_string(), n.clone())).collect(),
        can_manage: s.can_manage,
        can_record: s.can_record,
        partnership: s.summary.scope_kind == StudyScopeKind::Partnership,
        parties: s.parties.iter().map(|p| (p.name.clone(), p.joined)).collect(),
        my_party: if s.can_decide_party { s.parties.iter().find(|p| Some(p.org) == ctx.org).map(|p| p.joined) } else { None },
        interviews: s
            .interviews
            .iter()
            .map(|i| {
                let withdrawn = i.status == InterviewStatus::Withdrawn;
                InterviewLine {
                    // The interview's page holds its transcript: for those who may read it.
                    href: if s.can_record || s.is_coder { format!("/study-interviews/{}", i.id) } else { String::new() },
                    pseudonym: i.pseudonym.clone(),
                    kind: tr.code("qkind", i.kind.code()),
                    date: format_date(i.interviewed_on),
                    status: tr.code("qstatus", i.status.code()),
                    segments: i.segments,
                    coding: if withdrawn {
                        String::new()
                    } else if i.all_done {
                        tr.t("qual-coding-all-done")
                    } else if i.done_by_me {
                        format!("{}; {}", tr.t("qual-coding-done-me"), coding_progress(tr, i.coders_done, total_coders))
                    } else {
                        coding_progress(tr, i.coders_done, total_coders)
                    },
                    coding_href: if s.is_coder && !withdrawn { format!("/study-interviews/{}/coding", i.id) } else { String::new() },
                    compare_href: if i.all_done && total_coders > 0 && !withdrawn {
                        format!("/study-interviews/{}/comparison", i.id)
                    } else {
                        String::new()
                    },
                }
            })
            .collect(),
        // Every reader of the study may see its analysis and download it (transcripts only as
        // the reader may read them).
        extra_links: vec![
            (format!("/studies/{id}/analysis"), tr.t("qual-link-analysis")),
            (format!("/studies/{id}/export.qdpx"), tr.t("qual-link-export")),
        ],
        f,
        e,
    };
    Ok(render_status(status_for(&page.e), &page))
}

fn coding_progress(tr: &Tr, done: usize, total: usize) -> String {
    tr.i18n.t_args(tr.lang, "qual-coding-progress", &[("done", (done as i64).into()), ("total", (total as i64).into())])
}

/// `GET /studies/{id}`.
pub async fn study_show(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<StudyId>(&id)?;
    study_page(&a, id, FormData::default(), Errs::none()).await
}

/// `POST /studies/{id}/coders`: `user`, and `remove=true` to take a coder off the study.
pub async fn study_coders(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<StudyId>(&id)?;
    let f = post_form(&a, body).await?;
    let result = match f.get("user").parse::<UserId>() {
        Ok(user) if f.get("remove") == "true" => q::remove_coder(&a.web.state.app, &a.ctx(), id, user).await,
        Ok(user) => q::add_coder(&a.web.state.app, &a.ctx(), id, user).await,
        Err(_) => Err(AppError::Validation(ValidationErrors::single("user", "err-required"))),
    };
    match result {
        Ok(()) => Ok(see_other(&format!("/studies/{id}#h-coders"))),
        Err(AppError::Validation(v)) => {
            let e = Errs::from(&a.web.tr, &v);
            study_page(&a, id, f, e).await
        }
        Err(e) => Err(a.fail(&e)),
    }
}

/// `POST /studies/{id}/party`: `joined=true|false`, for the active organisation.
pub async fn study_party(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<StudyId>(&id)?;
    let f = post_form(&a, body).await?;
    q::set_party_joined(&a.web.state.app, &a.ctx(), id, f.get("joined") == "true").await.or_page(&a)?;
    Ok(see_other(&format!("/studies/{id}#h-parties")))
}

// ---------------------------------------------------------------- interviews

#[derive(Template)]
#[template(path = "measurement/qualitative/interview_new.html")]
pub struct InterviewNewPage {
    pub c: Chrome,
    pub id: String,
    pub study_name: String,
    pub kinds: Vec<(String, String)>,
    pub methods: Vec<(String, String)>,
    pub participants: Vec<(String, String)>,
    pub peers: Vec<(String, String)>,
    pub interviewers: Vec<(String, String)>,
    pub f: FormData,
    pub e: Errs,
}

async fn interview_new_page(a: &Authed, id: StudyId, f: FormData, e: Errs) -> Page {
    let tr = &a.web.tr;
    let app = &a.web.state.app;
    let ctx = a.ctx();
    let s = q::study(app, &ctx, id).await.or_page(a)?;
    if !s.can_record {
        return Err(a.fail(&AppError::NotFound));
    }
    let ch = q::interviewee_choices(app, &ctx, id).await.or_page(a)?;
    let page = InterviewNewPage {
        c: Chrome::new(a, tr.t("qual-interview-new")),
        id: id.to_string(),
        study_name: s.summary.name.clone(),
        kinds: options(tr, "qkind", IntervieweeKind::ALL, |k| k.code()),
        methods: options(tr, "qconsent", InterviewConsentMethod::ALL, |k| k.code()),
        participants: ch.participants.iter().map(|(i, n)| (i.to_string(), n.clone())).collect(),
        peers: ch.peers.iter().map(|(i, n)| (i.to_string(), n.clone())).collect(),
        interviewers: ch.interviewers.iter().map(|(i, n)| (i.to_string(), n.clone())).collect(),
        f,
        e,
    };
    Ok(render_status(status_for(&page.e), &page))
}

/// `GET /studies/{id}/interviews/new`.
pub async fn interview_new(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<StudyId>(&id)?;
    let me = a.s.user.to_string();
    let f = FormData::from_pairs(vec![("kind", "participant".into()), ("consent_method", "written".into()), ("interviewer", me)]);
    interview_new_page(&a, id, f, Errs::none()).await
}

/// The form of a new interview: its text fields, and the uploaded file's bytes. A browser sends
/// it as multipart (with the file field); a form without a file may also come URL-encoded.
async fn read_interview_form(a: &Authed, request: axum::extract::Request) -> Result<(FormData, Vec<u8>), Response> {
    use axum::extract::FromRequest;
    let multipart = request
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if !multipart {
        return Ok((post_form(a, request.into_body()).await?, Vec::new()));
    }
    let Ok(mut multipart) = Multipart::from_request(request, &()).await else {
        return Err(a.fail(&AppError::Validation(ValidationErrors::single("csrf", "err-csrf"))));
    };
    let mut pairs = Vec::new();
    let mut file = Vec::new();
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or_default().to_owned();
                let Ok(bytes) = field.bytes().await else { return Err(a.fail(&AppError::TooLarge)) };
                if name == "file" {
                    file = bytes.to_vec();
                } else {
                    pairs.push((name, String::from_utf8_lossy(&bytes).into_owned()));
                }
            }
            Ok(None) => break,
            Err(_) => return Err(a.fail(&AppError::TooLarge)),
        }
    }
    let f = FormData::from_vec(pairs);
    if !crate::session::same_secret(f.get("csrf"), a.csrf()) {
        return Err(a.fail(&AppError::Validation(ValidationErrors::single("csrf", "err-csrf"))));
    }
    Ok((f, file))
}

fn interview_input(f: &FormData, file: Vec<u8>) -> Result<InterviewInput, ValidationErrors> {
    let typed = f.get("transcript").trim();
    let transcript = match (typed.is_empty(), file.is_empty()) {
        (false, false) => return Err(ValidationErrors::single("transcript", "err-transcript-both")),
        (true, true) => return Err(ValidationErrors::single("transcript", "err-transcript-empty")),
        (false, true) => TranscriptInput::Typed(f.get("transcript").to_owned()),
        (true, false) => TranscriptInput::File(file),
    };
    InterviewInput::parse(
        f.get("kind"),
        f.opt("participant"),
        f.opt("peer_worker"),
        f.get("interviewed_on"),
        f.get("interviewer"),
        f.get("consent_given_on"),
        f.get("consent_method"),
        f.checked("consent_original"),
        f.get("names"),
        transcript,
    )
}

/// `POST /studies/{id}/interviews` (multipart): the fields of [`InterviewNewPage`] and an
/// optional `file` (plain text, DOCX or ODT: its bytes say which).
pub async fn interview_add(a: Authed, Path(id): Path<String>, request: axum::extract::Request) -> Page {
    let id = a.id::<StudyId>(&id)?;
    let (f, file) = read_interview_form(&a, request).await?;
    let result = match interview_input(&f, file) {
        Ok(i) => q::add_interview(&a.web.state.app, &a.ctx(), id, i).await,
        Err(e) => Err(AppError::Validation(e)),
    };
    match result {
        Ok(iv) => Ok(see_other(&format!("/study-interviews/{iv}"))),
        Err(AppError::Validation(v)) => {
            let e = Errs::from(&a.web.tr, &v);
            interview_new_page(&a, id, f, e).await
        }
        Err(e) => Err(a.fail(&e)),
    }
}

pub struct SegmentLine {
    pub n: usize,
    pub speaker: String,
    pub text: String,
}

#[derive(Template)]
#[template(path = "measurement/qualitative/interview.html")]
pub struct InterviewPage {
    pub c: Chrome,
    pub id: String,
    pub study_id: String,
    pub study_name: String,
    pub facts: Vec<(String, String)>,
    pub segments: Vec<SegmentLine>,
    pub withdrawn: bool,
    pub can_withdraw: bool,
    pub coding_href: String,
    pub compare_href: String,
    pub f: FormData,
    pub e: Errs,
}

async fn interview_page(a: &Authed, id: StudyInterviewId, f: FormData, e: Errs) -> Page {
    let tr = &a.web.tr;
    let app = &a.web.state.app;
    let ctx = a.ctx();
    let v = q::interview(app, &ctx, id).await.or_page(a)?;
    let st = q::study(app, &ctx, v.study).await.or_page(a)?;
    let withdrawn = v.summary.status == InterviewStatus::Withdrawn;
    let mut facts =
        vec![(tr.t("qual-pseudonym"), v.summary.pseudonym.clone()), (tr.t("qual-kind"), tr.code("qkind", v.summary.kind.code()))];
    if let Some(p) = &v.person {
        facts.push((tr.t("qual-person"), p.clone()));
    }
    facts.extend([
        (tr.t("qual-interviewed-on"), format_date(v.summary.interviewed_on)),
        (tr.t("qual-interviewer"), v.interviewer.clone()),
        (tr.t("qual-status"), tr.code("qstatus", v.summary.status.code())),
        (tr.t("qual-consent-given-on"), format_date(v.consent_given_on)),
        (tr.t("qual-consent-method"), tr.code("qconsent", v.consent_method.code())),
        (tr.t("qual-consent-original"), crate::ui::yes_no(tr, v.consent_original)),
        (tr.t("qual-consent-withdrawn-on"), v.consent_withdrawn_on.map(format_date).unwrap_or_default()),
        (tr.t("qual-replaced"), v.replaced.to_string()),
    ]);
    let page = InterviewPage {
        c: Chrome::new(a, tr.s("qual-interview-title", "pseudonym", &v.summary.pseudonym)),
        id: id.to_string(),
        study_id: v.study.to_string(),
        study_name: v.study_name.clone(),
        facts,
        segments: v
            .segments
            .iter()
            .enumerate()
            .map(|(i, s)| SegmentLine { n: i + 1, speaker: String::new(), text: s.text.clone() })
            .collect(),
        withdrawn,
        can_withdraw: !withdrawn && v.can_withdraw,
        coding_href: if st.is_coder && !withdrawn { format!("/study-interviews/{id}/coding") } else { String::new() },
        compare_href: if v.summary.all_done && !withdrawn && !st.coders.is_empty() {
            format!("/study-interviews/{id}/comparison")
        } else {
            String::new()
        },
        f,
        e,
    };
    Ok(render_status(status_for(&page.e), &page))
}

/// `GET /study-interviews/{id}`.
pub async fn interview_show(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<StudyInterviewId>(&id)?;
    interview_page(&a, id, FormData::default(), Errs::none()).await
}

/// `POST /study-interviews/{id}/withdraw`: `withdrawn_on`.
pub async fn interview_withdraw(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<StudyInterviewId>(&id)?;
    let f = post_form(&a, body).await?;
    let result = match parse_date(f.get("withdrawn_on")) {
        Ok(on) => q::withdraw_consent(&a.web.state.app, &a.ctx(), id, on).await,
        Err(code) => Err(AppError::Validation(ValidationErrors::single("withdrawn_on", code))),
    };
    match result {
        Ok(()) => Ok(see_other(&format!("/study-interviews/{id}"))),
        Err(AppError::Validation(v)) => {
            let e = Errs::from(&a.web.tr, &v);
            interview_page(&a, id, f, e).await
        }
        Err(e) => Err(a.fail(&e)),
    }
}

// ---------------------------------------------------------------- coding

pub struct CodeBox {
    pub id: String,
    pub name: String,
    pub description: String,
    pub depth: usize,
    pub checked: bool,
}

pub struct CodeGroup {
    pub label: String,
    pub codes: Vec<CodeBox>,
}

/// The codes grouped by theme (in the order of the themes, then codes of no theme), each
/// checked when `on` holds it.
fn code_groups(tr: &Tr, codes: &[CodeView], on: &[CodeId]) -> Vec<CodeGroup> {
    let themes: Vec<Option<CodeTheme>> = CodeTheme::ALL.iter().copied().map(Some).chain([None]).collect();
    themes
        .into_iter()
        .filter_map(|t| {
            let list: Vec<CodeBox> = codes
                .iter()
                .filter(|k| k.theme == t && !k.retired)
                .map(|k| CodeBox {
                    id: k.id.to_string(),
                    name: k.name.clone(),
                    description: k.description.clone(),
                    depth: k.depth,
                    checked: on.contains(&k.id),
                })
                .collect();
            (!list.is_empty()).then(|| CodeGroup { label: tr.code("qtheme", t.map_or("none", |t| t.code())), codes: list })
        })
        .collect()
}

pub struct CodingSegment {
    pub id: String,
    /// The interview, for the way back after saving.
    pub interview: String,
    pub n: usize,
    pub heading: String,
    pub legend: String,
    pub save_label: String,
    pub text: String,
    pub start: usize,
    pub groups: Vec<CodeGroup>,
    pub memo: String,
    pub passage_start: String,
    pub passage_end: String,
    pub passage_label: String,
    pub saved: String,
    pub error: String,
}

fn passage_label(tr: &Tr, p: Option<(usize, usize)>) -> String {
    match p {
        Some((s, e)) => tr.i18n.t_args(tr.lang, "qual-passage-from", &[("start", (s as i64).into()), ("end", (e as i64).into())]),
        None => tr.t("qual-passage-whole"),
    }
}

fn coding_segment(
    tr: &Tr,
    interview: StudyInterviewId,
    n: usize,
    s: &SegmentView,
    codes: &[CodeView],
    mine: Option<&q::SegmentCoding>,
) -> CodingSegment {
    let on: &[CodeId] = mine.map(|m| m.codes.as_slice()).unwrap_or_default();
    // A passage that is the whole segment is shown as such.
    let passage = mine.and_then(|m| m.passage).filter(|p| *p != (s.start, s.end));
    let ns = n.to_string();
    CodingSegment {
        id: s.id.to_string(),
        interview: interview.to_string(),
        n,
        heading: match &s.speaker {
            Some(sp) if !sp.is_empty() => format!("{} ({sp})", tr.s("qual-segment", "n", &ns)),
            _ => tr.s("qual-segment", "n", &ns),
        },
        legend: tr.s("qual-coding-codes", "n", &ns),
        save_label: tr.s("qual-segment-save", "n", &ns),
        text: s.text.clone(),
        start: s.start,
        groups: code_groups(tr, codes, on),
        memo: mine.and_then(|m| m.memo.clone()).unwrap_or_default(),
        passage_start: passage.map(|p| p.0.to_string()).unwrap_or_default(),
        passage_end: passage.map(|p| p.1.to_string()).unwrap_or_default(),
        passage_label: passage_label(tr, passage),
        saved: String::new(),
        error: String::new(),
    }
}

#[derive(Template)]
#[template(path = "measurement/qualitative/coding.html")]
pub struct CodingPage {
    pub c: Chrome,
    pub id: String,
    pub back_label: String,
    pub from_label: String,
    pub segments: Vec<CodingSegment>,
    pub done: bool,
    pub compare_href: String,
}

#[derive(Template)]
#[template(path = "measurement/qualitative/segment_fragment.html")]
pub struct SegmentFragment {
    pub c: Chrome,
    pub s: CodingSegment,
    pub done: bool,
}

fn coding_segments(tr: &Tr, v: &q::CodingView) -> Vec<CodingSegment> {
    v.interview
        .segments
        .iter()
        .enumerate()
        .map(|(i, s)| coding_segment(tr, v.interview.summary.id, i + 1, s, &v.codes, v.mine.iter().find(|m| m.segment == s.id)))
        .collect()
}

/// `GET /study-interviews/{id}/coding`.
pub async fn coding(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<StudyInterviewId>(&id)?;
    let tr = &a.web.tr;
    let v = q::coding_page(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    let iv: &InterviewView = &v.interview;
    let page = CodingPage {
        c: Chrome::new(&a, tr.s("qual-coding-title", "pseudonym", &iv.summary.pseudonym)),
        id: id.to_string(),
        back_label: tr.s("qual-interview-title", "pseudonym", &iv.summary.pseudonym),
        from_label: tr.i18n.t_args(tr.lang, "qual-passage-from", &[("start", "{start}".into()), ("end", "{end}".into())]),
        segments: coding_segments(tr, &v),
        done: v.done,
        compare_href: if iv.summary.all_done { format!("/study-interviews/{id}/comparison") } else { String::new() },
    };
    Ok(render(&page))
}

/// An optional character offset from the passage fields; empty means the whole segment.
fn offset(raw: &str) -> Result<Option<usize>, &'static str> {
    let raw = raw.trim();
    if raw.is_empty() { Ok(None) } else { raw.parse().map(Some).map_err(|_| "err-passage") }
}

/// `POST /study-segments/{id}/codes`: `codes` (any number), `memo`, and the optional passage
/// `passage_start`/`passage_end`. With htmx the answer is the segment again; otherwise the
/// coding page at that segment.
pub async fn segment_codes(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<SegmentId>(&id)?;
    let f = post_form(&a, body).await?;
    let tr = &a.web.tr;
    let app = &a.web.state.app;
    let ctx = a.ctx();
    let mut codes = Vec::new();
    for raw in f.all("codes") {
        codes.push(a.id::<CodeId>(&raw)?);
    }
    let memo = f.opt("memo").map(str::trim).filter(|m| !m.is_empty()).map(str::to_owned);
    let result = match (offset(f.get("start")), offset(f.get("end"))) {
        (Ok(Some(s)), Ok(Some(e))) => q::set_segment_codes(app, &ctx, id, codes, memo, Some((s, e))).await,
        (Ok(None), Ok(None)) => q::set_segment_codes(app, &ctx, id, codes, memo, None).await,
        _ => Err(AppError::Validation(ValidationErrors::single("passage", "err-passage"))),
    };
    let error = match result {
        Ok(()) => String::new(),
        Err(AppError::Validation(v)) => Errs::from(tr, &v).list().iter().map(|x| x.1.clone()).collect::<Vec<_>>().join(" "),
        Err(e) => return Err(a.fail(&e)),
    };
    // The form names its interview, for the way back; a wrong one only leads to a page the reader may not see.
    let interview = a.id::<StudyInterviewId>(f.get("interview"))?;
    if !a.web.htmx {
        if !error.is_empty() {
            return Err(a.fail(&AppError::Validation(ValidationErrors::single("passage", "err-passage"))));
        }
        return Ok(see_other(&format!("/study-interviews/{interview}/coding")));
    }
    let v = q::coding_page(app, &ctx, interview).await.or_page(&a)?;
    let segments = coding_segments(tr, &v);
    let Some(mut s) = segments.into_iter().find(|s| s.id == id.to_string()) else { return Err(a.fail(&AppError::NotFound)) };
    if error.is_empty() {
        s.saved = tr.s("qual-segment-saved", "n", &s.n.to_string());
    } else {
        s.error = error;
    }
    let status = if s.error.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok(render_status(status, &SegmentFragment { c: Chrome::new(&a, String::new()), s, done: v.done }))
}

/// `POST /study-interviews/{id}/done`: `done=true|false`.
pub async fn interview_done(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<StudyInterviewId>(&id)?;
    let f = post_form(&a, body).await?;
    q::mark_done(&a.web.state.app, &a.ctx(), id, f.get("done") != "false").await.or_page(&a)?;
    Ok(see_other(&format!("/study-interviews/{id}/coding#h-done")))
}

// ---------------------------------------------------------------- comparison, consensus and quotes

pub struct AgreementBlock {
    pub none: bool,
    pub caption: String,
    pub basis: String,
    pub overall: String,
    pub reading: String,
    /// (code, segments, percent agreement, kappa, alpha)
    pub rows: Vec<(String, String, String, String, String)>,
}

fn agreement_block(tr: &Tr, v: &AgreementView) -> AgreementBlock {
    let reading = match v.overall_alpha {
        Some(x) if x >= 0.8 => tr.t("qual-agreement-reading-high"),
        Some(x) if x >= 0.667 => tr.t("qual-agreement-reading-mid"),
        Some(x) if x.is_finite() => tr.t("qual-agreement-reading-low"),
        _ => String::new(),
    };
    AgreementBlock {
        none: v.interviews == 0,
        caption: tr.t("qual-link-agreement"),
        basis: tr.i18n.t_args(
            tr.lang,
            "qual-agreement-basis",
            &[
                ("interviews", (v.interviews as i64).into()),
                ("segments", (v.segments as i64).into()),
                ("coders", v.coders.join(", ").as_str().into()),
            ],
        ),
        overall: figure(tr, v.overall_alpha),
        reading,
        rows: v
            .per_code
            .iter()
            .map(|c| {
                (
                    c.name.clone(),
                    c.n_segments.to_string(),
                    percent(tr, c.percent_agreement),
                    figure(tr, c.cohen_kappa),
                    figure(tr, c.krippendorff_alpha),
                )
            })
            .collect(),
    }
}

pub struct QuoteLine {
    pub code: String,
    pub name: String,
    pub start: usize,
    pub end: usize,
    pub cleared: bool,
    pub aria: String,
}

pub struct ComparisonLine {
    pub id: String,
    pub n: usize,
    pub heading: String,
    pub legend: String,
    pub save_label: String,
    pub text: String,
    pub by_coder: Vec<String>,
    pub consensus: String,
    pub agreed: bool,
    pub groups: Vec<CodeGroup>,
    pub quotes: Vec<QuoteLine>,
}

#[derive(Template)]
#[template(path = "measurement/qualitative/comparison.html")]
pub struct ComparisonPage {
    pub c: Chrome,
    pub id: String,
    pub back_label: String,
    pub coders: Vec<String>,
    pub rows: Vec<ComparisonLine>,
    pub can_settle: bool,
    pub can_clear: bool,
    pub agreement: AgreementBlock,
}

fn names(codes: &[CodeView], ids: &[CodeId]) -> String {
    codes.iter().filter(|k| ids.contains(&k.id)).map(|k| k.name.as_str()).collect::<Vec<_>>().join(", ")
}

/// `GET /study-interviews/{id}/comparison`.
pub async fn comparison(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<StudyInterviewId>(&id)?;
    let tr = &a.web.tr;
    let app = &a.web.state.app;
    let ctx = a.ctx();
    let v = q::comparison(app, &ctx, id).await.or_page(&a)?;
    let st = q::study(app, &ctx, v.interview.study).await.or_page(&a)?;
    let cleared = if st.can_manage { q::quotes(app, &ctx, v.interview.study).await.or_page(&a)? } else { Vec::new() };
    let pseudonym = v.interview.summary.pseudonym.clone();
    let rows = v
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let n = i + 1;
            let ns = n.to_string();
            // The consensus form starts from the consensus, or else from what every coder applied.
            let start: Vec<CodeId> =
                if r.consensus.is_empty() && r.agreed { r.by_coder.first().cloned().unwrap_or_default() } else { r.consensus.clone() };
            let quoted: Vec<CodeId> = if r.consensus.is_empty() && r.agreed { start.clone() } else { r.consensus.clone() };
            let text = r.segment.text.clone();
            ComparisonLine {
                id: r.segment.id.to_string(),
                n,
                heading: tr.s("qual-segment", "n", &ns),
                legend: tr.s("qual-consensus-save", "n", &ns),
                save_label: tr.s("qual-consensus-save", "n", &ns),
                text: text.clone(),
                by_coder: r.by_coder.iter().map(|ids| names(&v.codes, ids)).collect(),
                consensus: names(&v.codes, &r.consensus),
                agreed: r.agreed,
                groups: code_groups(tr, &v.codes, &start),
                quotes: v
                    .codes
                    .iter()
                    .filter(|k| quoted.contains(&k.id))
                    .map(|k| {
                        let cleared = cleared.iter().any(|qv| {
                            qv.cleared && qv.interview == id && qv.code == k.id && (qv.start, qv.end) == (r.segment.start, r.segment.end)
                        });
                        // The button's accessible name begins with its visible text.
                        let action = tr.t(if cleared { "qual-quote-unclear" } else { "qual-quote-clear" });
                        QuoteLine {
                            code: k.id.to_string(),
                            name: k.name.clone(),
                            start: r.segment.start,
                            end: r.segment.end,
                            cleared,
                            aria: format!("{action} ({}, {})", k.name, tr.s("qual-segment", "n", &ns)),
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    let page = ComparisonPage {
        c: Chrome::new(&a, tr.s("qual-comparison-title", "pseudonym", &pseudonym)),
        id: id.to_string(),
        back_label: tr.s("qual-interview-title", "pseudonym", &pseudonym),
        coders: v.coders.iter().map(|c| c.1.clone()).collect(),
        rows,
        can_settle: v.can_settle,
        can_clear: st.can_manage,
        agreement: agreement_block(tr, &v.agreement),
    };
    Ok(render(&page))
}

/// `POST /study-segments/{id}/consensus`: `codes` (any number).
pub async fn segment_consensus(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<SegmentId>(&id)?;
    let f = post_form(&a, body).await?;
    let mut codes = Vec::new();
    for raw in f.all("codes") {
        codes.push(a.id::<CodeId>(&raw)?);
    }
    let app = &a.web.state.app;
    q::settle_consensus(app, &a.ctx(), id, codes).await.or_page(&a)?;
    let interview = a.id::<StudyInterviewId>(f.get("interview"))?;
    Ok(see_other(&format!("/study-interviews/{interview}/comparison")))
}

/// `POST /study-interviews/{id}/quotes`: `code`, `start`, `end`, `cleared=true|false`.
pub async fn interview_quote(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<StudyInterviewId>(&id)?;
    let f = post_form(&a, body).await?;
    let code = a.id::<CodeId>(f.get("code"))?;
    let (Ok(start), Ok(end)) = (f.get("start").parse::<usize>(), f.get("end").parse::<usize>()) else {
        return Err(a.fail(&AppError::Validation(ValidationErrors::single("passage", "err-passage"))));
    };
    q::set_quote_cleared(&a.web.state.app, &a.ctx(), id, code, start, end, f.get("cleared") != "false").await.or_page(&a)?;
    Ok(see_other(&format!("/study-interviews/{id}/comparison")))
}

// ---------------------------------------------------------------- agreement

#[derive(Template)]
#[template(path = "measurement/qualitative/agreement.html")]
pub struct AgreementPage {
    pub c: Chrome,
    pub id: String,
    pub study_name: String,
    pub agreement: AgreementBlock,
}

/// `GET /studies/{id}/agreement`.
pub async fn agreement(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<StudyId>(&id)?;
    let tr = &a.web.tr;
    let app = &a.web.state.app;
    let v = q::agreement(app, &a.ctx(), id).await.or_page(&a)?;
    let st = q::study(app, &a.ctx(), id).await.or_page(&a)?;
    let page = AgreementPage {
        c: Chrome::new(&a, tr.s("qual-agreement-title", "name", &st.summary.name)),
        id: id.to_string(),
        study_name: st.summary.name.clone(),
        agreement: agreement_block(tr, &v),
    };
    Ok(render(&page))
}

// ---------------------------------------------------------------- codebook

pub struct CodeLine {
    pub id: String,
    pub parent: String,
    pub name: String,
    pub description: String,
    pub example: String,
    pub depth: usize,
    pub retired: bool,
    pub retired_label: String,
}

pub struct ThemeGroup {
    pub label: String,
    pub codes: Vec<CodeLine>,
}

#[derive(Template)]
#[template(path = "measurement/qualitative/codebook.html")]
pub struct CodebookPage {
    pub c: Chrome,
    pub id: String,
    pub study_name: String,
    pub groups: Vec<ThemeGroup>,
    /// The codes in use, for the parent and merge selects.
    pub active: Vec<(String, String)>,
    pub can_manage: bool,
    /// (when, by, code, change, before, after)
    pub history: Vec<(String, String, String, String, String, String)>,
    pub f: FormData,
    pub e: Errs,
}

async fn codebook_page(a: &Authed, id: StudyId, f: FormData, e: Errs) -> Page {
    let tr = &a.web.tr;
    let app = &a.web.state.app;
    let ctx = a.ctx();
    let st = q::study(app, &ctx, id).await.or_page(a)?;
    let codes = q::codebook(app, &ctx, id).await.or_page(a)?;
    let history = q::code_history(app, &ctx, id).await.or_page(a)?;
    let themes: Vec<Option<CodeTheme>> = CodeTheme::ALL.iter().copied().map(Some).chain([None]).collect();
    let groups = themes
        .into_iter()
        .filter_map(|t| {
            let list: Vec<CodeLine> = codes
                .iter()
                .filter(|k| k.theme == t)
                .map(|k| CodeLine {
                    id: k.id.to_string(),
                    parent: k.parent.map(|p| p.to_string()).unwrap_or_default(),
                    name: k.name.clone(),
                    description: k.description.clone(),
                    example: k.example.clone(),
                    depth: k.depth,
                    retired: k.retired,
                    retired_label: match k.merged_into.and_then(|m| codes.iter().find(|x| x.id == m)) {
                        Some(m) => tr.s("qual-code-merged-into", "name", &m.name),
                        None => tr.t("qual-code-retired"),
                    },
                })
                .collect();
            (!list.is_empty()).then(|| ThemeGroup { label: tr.code("qtheme", t.map_or("none", |t| t.code())), codes: list })
        })
        .collect();
    let page = CodebookPage {
        c: Chrome::new(a, tr.s("qual-codebook-title", "name", &st.summary.name)),
        id: id.to_string(),
        study_name: st.summary.name.clone(),
        groups,
        active: codes.iter().filter(|k| !k.retired).map(|k| (k.id.to_string(), format!("{}{}", "– ".repeat(k.depth), k.name))).collect(),
        // policy::edit_codebook: the managers, and the coders, who add the codes they find.
        can_manage: st.can_manage || st.is_coder,
        history: history
            .iter()
            .map(|h| {
                (
                    h.at.short_in(&a.s.zone),
                    h.by.clone(),
                    h.code.clone(),
                    tr.code("qchange", h.kind.code()),
                    h.old_value.clone().unwrap_or_default(),
                    h.new_value.clone().unwrap_or_default(),
                )
            })
            .collect(),
        f,
        e,
    };
    Ok(render_status(status_for(&page.e), &page))
}

/// `GET /studies/{id}/codebook`.
pub async fn codebook(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<StudyId>(&id)?;
    codebook_page(&a, id, FormData::default(), Errs::none()).await
}

fn code_input(f: &FormData) -> Result<CodeInput, ValidationErrors> {
    CodeInput::parse(f.get("name"), f.get("description"), f.get("example"), f.opt("parent"))
}

/// `POST /studies/{id}/codes`: `name`, `description`, `example`, `parent`.
pub async fn code_add(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<StudyId>(&id)?;
    let f = post_form(&a, body).await?;
    let result = match code_input(&f) {
        Ok(i) => q::add_code(&a.web.state.app, &a.ctx(), id, i).await,
        Err(e) => Err(AppError::Validation(e)),
    };
    match result {
        Ok(_) => Ok(see_other(&format!("/studies/{id}/codebook"))),
        Err(AppError::Validation(v)) => {
            let e = Errs::from(&a.web.tr, &v);
            codebook_page(&a, id, f, e).await
        }
        Err(e) => Err(a.fail(&e)),
    }
}

/// The study a code belongs to, as its forms name it, for the way back to its codebook.
#[allow(clippy::result_large_err)]
fn code_study(a: &Authed, f: &FormData) -> Result<StudyId, Response> {
    a.id::<StudyId>(f.get("study"))
}

/// `POST /study-codes/{id}`: `name`, `description`, `example`, `parent`.
pub async fn code_edit(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<CodeId>(&id)?;
    let f = post_form(&a, body).await?;
    let study = code_study(&a, &f)?;
    let result = match code_input(&f) {
        Ok(i) => q::edit_code(&a.web.state.app, &a.ctx(), id, i).await,
        Err(e) => Err(AppError::Validation(e)),
    };
    match result {
        Ok(()) => Ok(see_other(&format!("/studies/{study}/codebook"))),
        Err(AppError::Validation(v)) => {
            let e = Errs::from(&a.web.tr, &v);
            codebook_page(&a, study, f, e).await
        }
        Err(e) => Err(a.fail(&e)),
    }
}

/// `POST /study-codes/{id}/merge`: `into`.
pub async fn code_merge(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<CodeId>(&id)?;
    let f = post_form(&a, body).await?;
    let study = code_study(&a, &f)?;
    let into = a.id::<CodeId>(f.get("into"))?;
    q::merge_code(&a.web.state.app, &a.ctx(), id, into).await.or_page(&a)?;
    Ok(see_other(&format!("/studies/{study}/codebook")))
}

/// `POST /study-codes/{id}/retired`: `retired=true|false`.
pub async fn code_retire(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<CodeId>(&id)?;
    let f = post_form(&a, body).await?;
    let study = code_study(&a, &f)?;
    q::retire_code(&a.web.state.app, &a.ctx(), id, f.get("retired") != "false").await.or_page(&a)?;
    Ok(see_other(&format!("/studies/{study}/codebook")))
}
