//! Recruitment pages: postings (list, new, one with its applications by stage, edit), the
//! public job page and application form of an organisation, one application (history,
//! attachments, interviews with the panel's scores side by side, moves), the decision with its
//! editable letter, the printable letter, and the retention setting.

use askama::Template;
use axum::body::Body;
use axum::extract::{Multipart, Path, RawQuery};
use axum::http::{StatusCode, header};
use axum::response::Response;
use sammen_app::AppError;
use sammen_app::workforce::recruitment::{self as rc, ApplicationPage, InterviewView, LetterEdit, PostingView};
use sammen_domain::journey::intake::is_robot;
use sammen_domain::time::format_date;
use sammen_domain::workforce::recruitment::{
    ApplicationInput, Competence, InterviewInput, LetterLanguage, PostingInput, PostingStatus, ScoresInput, Stage, check_attachments, mean,
    parse_retention,
};
use sammen_domain::{ApplicationId, AttachmentId, InterviewId, OrgId, PostingId, ValidationErrors};
use sammen_reports::Chart;

use crate::form::FormData;
use crate::i18n::Tr;
use crate::session::{Authed, Web};
use crate::ui::chart;
use crate::ui::{
    Cell, Chrome, Errs, Field, FormPage, ListPage, OrPage, Page, Pager, form_failed, options, post_form, render, render_status, see_other,
};

/// The largest application accepted: three files of 5 MB and the form's fields.
pub const APPLICATION_MAX_BYTES: usize = 3 * sammen_domain::workforce::recruitment::MAX_ATTACHMENT_BYTES + 512 * 1024;

fn num(tr: &Tr, x: f64) -> String {
    crate::measurement::pages::num(tr, x, 1)
}

// ---------------------------------------------------------------- postings

pub async fn list(a: Authed) -> Page {
    let tr = &a.web.tr;
    let manager =
        a.s.role().is_some_and(|r| matches!(r, sammen_domain::people::Role::Administrator | sammen_domain::people::Role::Coordinator));
    if !manager {
        return my_interviews(&a).await;
    }
    let list = rc::list_postings(&a.web.state.app, &a.ctx()).await.or_page(&a)?;
    let total = list.len() as i64;
    let rows = list
        .iter()
        .map(|p| {
            vec![
                Cell::link(p.role.title.clone(), format!("/postings/{}", p.id)),
                Cell::text(tr.code("posting-status", p.input.status.code())),
                Cell::text(format_date(p.input.deadline)),
                Cell::text(format_date(p.input.starts_on)),
                Cell::text(p.total().to_string()),
            ]
        })
        .collect();
    let org = a.s.org.map(|o| o.to_string()).unwrap_or_default();
    let jobs_href = format!("/jobs/{org}");
    Ok(render(&PostingsPage {
        jobs_text: format!("{}{jobs_href}", a.web.state.app.public_url),
        jobs_href,
        c: Chrome::new(&a, tr.t("nav-postings")),
        intro: tr.t("postings-intro"),
        new_href: "/postings/new".into(),
        new_label: tr.t("postings-new"),
        search: None,
        headers: vec![
            tr.t("posting-role"),
            tr.t("posting-status"),
            tr.t("posting-deadline"),
            tr.t("posting-starts"),
            tr.t("posting-applications"),
        ],
        rows,
        pager: Pager::new(tr, 1, total, "/postings"),
        total,
    }))
}

/// The postings of an organisation, with the address of its public job page as a link.
#[derive(Template)]
#[template(path = "workforce/postings.html")]
struct PostingsPage {
    c: Chrome,
    intro: String,
    jobs_href: String,
    jobs_text: String,
    new_href: String,
    new_label: String,
    search: Option<crate::ui::SearchBox>,
    headers: Vec<String>,
    rows: Vec<Vec<Cell>>,
    pager: Pager,
    total: i64,
}

/// The interviews of a staff member who sits on panels without managing recruitment.
async fn my_interviews(a: &Authed) -> Page {
    let tr = &a.web.tr;
    let list = rc::my_interviews(&a.web.state.app, &a.ctx()).await.or_page(a)?;
    let total = list.len() as i64;
    let rows = list
        .iter()
        .map(|i| {
            vec![
                Cell::link(i.title.clone(), format!("/applications/{}", i.application)),
                Cell::text(i.starts_at.short_in(&a.s.zone)),
                Cell::text(i.place.clone()),
                Cell::text(crate::ui::yes_no(tr, i.scored)),
            ]
        })
        .collect();
    Ok(render(&ListPage {
        c: Chrome::new(a, tr.t("nav-postings")),
        intro: tr.t("my-interviews-intro"),
        new_href: String::new(),
        new_label: String::new(),
        search: None,
        headers: vec![tr.t("posting-role"), tr.t("application-when"), tr.t("interview-place"), tr.t("my-interviews-scored")],
        rows,
        pager: Pager::new(tr, 1, total, "/postings"),
        total,
    }))
}

async fn posting_form(a: &Authed, title: String, action: String, f: FormData) -> Result<FormPage, Response> {
    let tr = &a.web.tr;
    let roles = rc::posting_roles(&a.web.state.app, &a.ctx()).await.or_page(a)?;
    Ok(FormPage {
        c: Chrome::new(a, title),
        f,
        e: Errs::none(),
        intro: tr.t("postings-form-intro"),
        action,
        submit: tr.t("common-save"),
        cancel: "/postings".into(),
        fields: vec![
            Field::select("role_key", tr.t("posting-role"), roles, true),
            Field::text("intro", tr.t("posting-intro"), true).kind("textarea").hint(tr.t("hint-posting-intro")),
            Field::text("place", tr.t("posting-place"), true),
            Field::text("deadline", tr.t("posting-deadline"), true).kind("date"),
            Field::text("starts_on", tr.t("posting-starts"), true).kind("date"),
            Field::select("status", tr.t("posting-status"), options(tr, "posting-status", PostingStatus::ALL, |s| s.code()), true),
        ],
    })
}

fn parse_posting(f: &FormData) -> Result<PostingInput, AppError> {
    PostingInput::parse(f.get("role_key"), f.get("intro"), f.get("place"), f.get("deadline"), f.get("starts_on"), f.get("status"))
        .map_err(AppError::Validation)
}

pub async fn new(a: Authed) -> Page {
    let today = a.s.zone.today(a.web.state.app.now());
    let f = FormData::from_pairs(vec![
        ("status", "draft".into()),
        ("deadline", format_date(today + time::Duration::days(28))),
        ("starts_on", format_date(today + time::Duration::days(60))),
    ]);
    Ok(render(&posting_form(&a, a.web.tr.t("postings-new"), "/postings".into(), f).await?))
}

pub async fn create(a: Authed, body: Body) -> Page {
    let f = post_form(&a, body).await?;
    let result = match parse_posting(&f) {
        Ok(i) => rc::save_posting(&a.web.state.app, &a.ctx(), None, i).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(id) => Ok(see_other(&format!("/postings/{id}"))),
        Err(e) => form_failed(&a, posting_form(&a, a.web.tr.t("postings-new"), "/postings".into(), f).await?, &e),
    }
}

fn posting_pairs(p: &PostingInput) -> FormData {
    FormData::from_pairs(vec![
        ("role_key", p.role_key.clone()),
        ("intro", p.intro.clone()),
        ("place", p.place.clone()),
        ("deadline", format_date(p.deadline)),
        ("starts_on", format_date(p.starts_on)),
        ("status", p.status.code().into()),
    ])
}

pub async fn edit(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<PostingId>(&id)?;
    let p = rc::posting(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    Ok(render(&posting_form(&a, a.web.tr.t("postings-edit"), format!("/postings/{id}"), posting_pairs(&p.input)).await?))
}

pub async fn update(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<PostingId>(&id)?;
    let f = post_form(&a, body).await?;
    let result = match parse_posting(&f) {
        Ok(i) => rc::save_posting(&a.web.state.app, &a.ctx(), Some(id), i).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(id) => Ok(see_other(&format!("/postings/{id}"))),
        Err(e) => form_failed(&a, posting_form(&a, a.web.tr.t("postings-edit"), format!("/postings/{id}"), f).await?, &e),
    }
}

/// What the posting shows of its role and terms: (label, value) pairs.
fn posting_facts(tr: &Tr, p: &PostingView) -> Vec<(String, String)> {
    vec![
        (tr.t("role-purpose"), p.role.purpose.clone()),
        (tr.t("field-engagement"), tr.code("engagement", p.role.engagement.code())),
        (tr.t("role-hours"), num(tr, p.role.hours_per_week)),
        (tr.t("role-term"), tr.code("term", p.role.term.code())),
        (tr.t("posting-place"), p.input.place.clone()),
        (tr.t("posting-deadline"), format_date(p.input.deadline)),
        (tr.t("posting-starts"), format_date(p.input.starts_on)),
    ]
}

#[derive(Template)]
#[template(path = "workforce/posting.html")]
struct PostingPage {
    c: Chrome,
    id: String,
    org: String,
    status: String,
    intro: String,
    facts: Vec<(String, String)>,
    tasks: Vec<String>,
    competences: Vec<String>,
    /// (code, label, count)
    stages: Vec<(String, String, i64)>,
    stage: String,
    /// (link, name, stage, applied, attachments)
    rows: Vec<(String, String, String, String, String)>,
    /// Whether the posting has a public page (it has been opened; a closed one is shown closed).
    published: bool,
}

pub async fn show(a: Authed, Path(id): Path<String>, RawQuery(q): RawQuery) -> Page {
    let id = a.id::<PostingId>(&id)?;
    let tr = &a.web.tr;
    let query = FormData::query(q.as_deref());
    let stage = Stage::parse(query.get("stage")).ok();
    let (p, list) = rc::applications(&a.web.state.app, &a.ctx(), id, stage).await.or_page(&a)?;
    Ok(render(&PostingPage {
        c: Chrome::new(&a, p.role.title.clone()),
        id: id.to_string(),
        org: p.organisation_id.to_string(),
        status: tr.code("posting-status", p.input.status.code()),
        published: p.input.status != sammen_domain::workforce::recruitment::PostingStatus::Draft,
        intro: p.input.intro.clone(),
        facts: posting_facts(tr, &p),
        tasks: p.role.tasks.clone(),
        competences: p.role.competences.clone(),
        stages: p.counts.iter().map(|(s, n)| (s.code().to_owned(), tr.code("stage", s.code()), *n)).collect(),
        stage: stage.map(|s| s.code().to_owned()).unwrap_or_default(),
        rows: list
            .iter()
            .map(|r| {
                (
                    format!("/applications/{}", r.id),
                    r.name.clone(),
                    tr.code("stage", r.stage.code()),
                    r.created_at.short_in(&a.s.zone),
                    r.attachments.to_string(),
                )
            })
            .collect(),
    }))
}

// ---------------------------------------------------------------- the public job page

#[derive(Template)]
#[template(path = "workforce/jobs.html")]
struct JobsPage {
    c: Chrome,
    organisation: String,
    self_referral: String,
    /// (link, title, place, deadline, engagement)
    rows: Vec<(String, String, String, String, String)>,
}

pub async fn jobs(web: Web, Path(org): Path<String>) -> Page {
    let org = web.id::<OrgId>(&org)?;
    let tr = &web.tr;
    let j = rc::public_jobs(&web.state.app, org).await.map_err(|e| web.fail(&e))?;
    Ok(render(&JobsPage {
        c: Chrome::anonymous(&web, "jobs-title"),
        organisation: j.organisation,
        self_referral: format!("/self-referral/{org}"),
        rows: j
            .postings
            .iter()
            .map(|p| {
                (
                    format!("/jobs/{org}/{}", p.id),
                    p.role.title.clone(),
                    p.input.place.clone(),
                    format_date(p.input.deadline),
                    format!(
                        "{}, {} {}",
                        tr.code("engagement", p.role.engagement.code()),
                        num(tr, p.role.hours_per_week),
                        tr.t("jobs-hours")
                    ),
                )
            })
            .collect(),
    }))
}

#[derive(Template)]
#[template(path = "workforce/jobs_posting.html")]
struct JobPostingPage {
    c: Chrome,
    organisation: String,
    back: String,
    title: String,
    intro: String,
    facts: Vec<(String, String)>,
    tasks: Vec<String>,
    competences: Vec<String>,
    action: String,
    languages: Vec<(String, String)>,
    f: FormData,
    e: Errs,
    done: bool,
    /// Whether the posting still takes applications; a closed one is shown without the form.
    open: bool,
}

fn job_page(web: &Web, org: OrgId, name: String, p: &PostingView, f: FormData, e: Errs, done: bool) -> JobPostingPage {
    let tr = &web.tr;
    JobPostingPage {
        c: Chrome::anonymous(web, "jobs-apply-title"),
        organisation: name,
        back: format!("/jobs/{org}"),
        title: p.role.title.clone(),
        intro: p.input.intro.clone(),
        facts: posting_facts(tr, p),
        tasks: p.role.tasks.clone(),
        competences: p.role.competences.clone(),
        action: format!("/jobs/{org}/{}", p.id),
        languages: options(tr, "letter-language", LetterLanguage::ALL, |l| l.code()),
        f,
        e,
        done,
        open: true,
    }
}

pub async fn job(web: Web, Path((org, posting)): Path<(String, String)>) -> Page {
    let (org, posting) = (web.id::<OrgId>(&org)?, web.id::<PostingId>(&posting)?);
    let (name, p, open) = rc::published_posting(&web.state.app, org, posting).await.map_err(|e| web.fail(&e))?;
    let f = FormData::from_pairs(vec![("language", web.tr.code_of().to_owned())]);
    let mut page = job_page(&web, org, name, &p, f, Errs::none(), false);
    page.open = open;
    Ok(render(&page))
}

/// `POST /jobs/{organisation}/{posting}` (multipart): the fields, the honeypot `website` and up
/// to three `attachments`. Nothing is stored unless everything is valid.
pub async fn apply(
    web: Web,
    Path((org, posting)): Path<(String, String)>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Page {
    let (org, posting) = (web.id::<OrgId>(&org)?, web.id::<PostingId>(&posting)?);
    let (name, p) = rc::public_posting(&web.state.app, org, posting).await.map_err(|e| web.fail(&e))?;
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut too_large = false;
    match multipart {
        Ok(mut m) => loop {
            match m.next_field().await {
                Ok(Some(field)) => {
                    let fname = field.name().unwrap_or_default().to_owned();
                    let file_name = field.file_name().map(str::to_owned);
                    match field.bytes().await {
                        Ok(bytes) if fname == "attachments" => files.push((file_name.unwrap_or_default(), bytes.to_vec())),
                        Ok(bytes) => pairs.push((fname, String::from_utf8_lossy(&bytes).into_owned())),
                        Err(_) => {
                            too_large = true;
                            break;
                        }
                    }
                }
                Ok(None) => break,
                Err(_) => {
                    too_large = true;
                    break;
                }
            }
        },
        Err(_) => too_large = true,
    }
    let f = FormData::from_vec(pairs);
    let parsed = ApplicationInput::parse(
        f.get("name"),
        f.get("email"),
        f.opt("phone"),
        f.get("language"),
        f.get("motivation"),
        f.checked("consent"),
    );
    let attachments =
        if too_large { Err(ValidationErrors::single("attachments", "err-attachment-size")) } else { check_attachments(files) };
    let result = match (parsed, attachments) {
        (Ok(input), Ok(att)) => {
            rc::apply(&web.state.app, org, posting, input, att, is_robot(f.get("website")), &web.address, &web.route).await
        }
        (a, b) => {
            let mut e = ValidationErrors::new();
            for x in a.err().into_iter().chain(b.err()).flat_map(|v| v.fields) {
                e.add(&x.field, x.message);
            }
            Err(AppError::Validation(e))
        }
    };
    match result {
        Ok(()) => Ok(render(&job_page(&web, org, name, &p, FormData::default(), Errs::none(), true))),
        Err(AppError::Validation(v)) => {
            let e = Errs::from(&web.tr, &v);
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &job_page(&web, org, name, &p, f, e, false)))
        }
        Err(e) => Err(web.fail(&e)),
    }
}

// ---------------------------------------------------------------- one application

/// One interview as the page shows it.
struct InterviewBlock {
    id: String,
    when: String,
    place: String,
    how: String,
    panel: String,
    mine: bool,
    /// The reader's form values (their saved scores, if any).
    f: FormData,
    saved: bool,
    /// Whether every score is shown; else the note that they are hidden until the reader scores.
    visible: bool,
    /// Column heads: the interviewers' names.
    heads: Vec<String>,
    /// (competence, scores per interviewer, mean)
    rows: Vec<(String, Vec<String>, String)>,
    /// Notes: (competence, interviewer, note)
    notes: Vec<(String, String, String)>,
    chart: String,
}

#[derive(Template)]
#[template(path = "workforce/application.html")]
struct ApplicationView {
    c: Chrome,
    id: String,
    back: String,
    facts: Vec<(String, String)>,
    motivation: String,
    stage: String,
    decided: bool,
    peer: String,
    /// (when, from, to, by, note)
    history: Vec<(String, String, String, String, String)>,
    /// (href, name, kind, size)
    attachments: Vec<(String, String, String, String)>,
    interviews: Vec<InterviewBlock>,
    can_manage: bool,
    has_letter: bool,
    /// Moves the stage form offers: (code, label)
    moves: Vec<(String, String)>,
    at_interview: bool,
    staff: Vec<(String, String)>,
    competences: Vec<(String, String)>,
    f: FormData,
    e: Errs,
}

/// The panel's mean score per competence on the 1–5 scale, with each interviewer's scores in
/// the description; `None` before the scores may be seen.
fn scores_chart(tr: &Tr, iv: &InterviewView) -> Option<Chart> {
    let scores = iv.scores.as_ref().filter(|s| !s.is_empty())?;
    let mut desc = Vec::new();
    let mut bars = Vec::new();
    for c in Competence::ALL.iter().copied() {
        let label = tr.code("competence", c.code());
        let xs: Vec<i64> = scores.iter().filter_map(|p| p.score(c)).collect();
        let m = mean(&xs).unwrap_or(0.0);
        let each = scores.iter().filter_map(|p| p.score(c).map(|s| format!("{} {s}", p.name))).collect::<Vec<_>>().join(", ");
        desc.push(format!("{label}: {} ({each})", num(tr, m)));
        bars.push(chart::bar(label, m, num(tr, m)));
    }
    let mut chart = chart::bars(tr, tr.t("interview-chart-title"), bars, Some(5.0));
    chart.description = desc.join("; ");
    Some(chart)
}

fn interview_block(tr: &Tr, iv: &InterviewView, zone: &sammen_domain::time::Zone) -> InterviewBlock {
    let local = iv.starts_at.in_zone(zone);
    let mut f = Vec::new();
    if let Some(mine) = &iv.my_scores {
        for (c, s, n) in &mine.scores {
            f.push((format!("score_{}", c.code()), s.to_string()));
            f.push((format!("note_{}", c.code()), n.clone().unwrap_or_default()));
        }
    }
    let scores = iv.scores.clone().unwrap_or_default();
    let rows = Competence::ALL
        .iter()
        .map(|c| {
            let xs: Vec<i64> = scores.iter().filter_map(|p| p.score(*c)).collect();
            (
                tr.code("competence", c.code()),
                scores.iter().map(|p| p.score(*c).map(|s| s.to_string()).unwrap_or_default()).collect(),
                mean(&xs).map(|m| num(tr, m)).unwrap_or_default(),
            )
        })
        .collect();
    let notes = Competence::ALL
        .iter()
        .flat_map(|c| {
            scores.iter().filter_map(move |p| p.note(*c).map(|n| (tr.code("competence", c.code()), p.name.clone(), n.to_owned())))
        })
        .collect();
    let id = iv.id.to_string();
    InterviewBlock {
        chart: scores_chart(tr, iv).map(|c| chart::svg(&c)).unwrap_or_default(),
        id,
        when: format!("{} {:02}:{:02}", format_date(local.date()), local.hour(), local.minute()),
        place: iv.place.clone(),
        how: tr.t(if iv.online { "interview-online" } else { "interview-in-person" }),
        panel: iv.panel.iter().map(|(_, n, done)| if *done { format!("{n} ✓") } else { n.clone() }).collect::<Vec<_>>().join(", "),
        mine: iv.mine,
        saved: iv.my_scores.is_some(),
        f: FormData::from_vec(f),
        visible: iv.scores.is_some(),
        heads: scores.iter().map(|p| p.name.clone()).collect(),
        rows,
        notes,
    }
}

async fn application_page(a: &Authed, id: ApplicationId, f: FormData, e: Errs) -> Page {
    let tr = &a.web.tr;
    let app = &a.web.state.app;
    let p: ApplicationPage = rc::application(app, &a.ctx(), id).await.or_page(a)?;
    let staff = if p.can_manage {
        rc::panel_choices(app, &a.ctx())
            .await
            .map(|s| s.into_iter().map(|(u, n, r)| (u.to_string(), format!("{n} ({})", tr.code("role", r.code())))).collect())
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    let facts = vec![
        (tr.t("application-posting"), p.posting_title.clone()),
        (tr.t("field-email"), p.email.clone()),
        (tr.t("field-phone"), p.phone.clone().unwrap_or_default()),
        (tr.t("application-language"), tr.code("letter-language", p.language.code())),
        (tr.t("application-received"), p.created_at.short_in(&a.s.zone)),
    ];
    let view = ApplicationView {
        c: Chrome::new(a, p.name.clone()),
        id: id.to_string(),
        back: if p.can_manage { format!("/postings/{}", p.posting_id) } else { "/postings".into() },
        facts,
        motivation: p.motivation.clone(),
        stage: tr.code("stage", p.stage.code()),
        decided: p.stage.is_decision(),
        peer: p.peer_id.map(|x| format!("/peer-workers/{x}")).unwrap_or_default(),
        history: p
            .history
            .iter()
            .map(|h| {
                (
                    h.at.short_in(&a.s.zone),
                    h.from.map(|s| tr.code("stage", s.code())).unwrap_or_default(),
                    tr.code("stage", h.to.code()),
                    h.by.clone().unwrap_or_else(|| tr.t("application-by-applicant")),
                    h.note.clone().unwrap_or_default(),
                )
            })
            .collect(),
        attachments: p
            .attachments
            .iter()
            .map(|x| {
                (
                    format!("/attachments/{}", x.id),
                    x.file_name.clone(),
                    tr.code("attachment-kind", x.kind.code()),
                    format!("{} kB", (x.size_bytes + 1023) / 1024),
                )
            })
            .collect(),
        interviews: p.interviews.iter().map(|i| interview_block(tr, i, &a.s.zone)).collect(),
        can_manage: p.can_manage,
        has_letter: p.has_letter,
        moves: p
            .stage
            .next()
            .iter()
            .filter(|s| !matches!(s, Stage::Hired | Stage::Rejected))
            .map(|s| (s.code().to_owned(), tr.code("stage", s.code())))
            .collect(),
        at_interview: p.stage == Stage::Interview,
        staff,
        competences: Competence::ALL.iter().map(|c| (c.code().to_owned(), tr.code("competence", c.code()))).collect(),
        f,
        e,
    };
    Ok(render(&view))
}

pub async fn application(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<ApplicationId>(&id)?;
    application_page(&a, id, FormData::default(), Errs::none()).await
}

/// Renders the application page again with the errors of a form on it (422), or the error page.
async fn failed(a: &Authed, id: ApplicationId, f: FormData, e: &AppError) -> Page {
    match e {
        AppError::Validation(v) => {
            let errs = Errs::from(&a.web.tr, v);
            let mut r = application_page(a, id, f, errs).await?;
            if r.status() == StatusCode::OK {
                *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            }
            Ok(r)
        }
        other => Err(a.fail(other)),
    }
}

pub async fn stage(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<ApplicationId>(&id)?;
    let f = post_form(&a, body).await?;
    let result = match Stage::parse(f.get("stage")) {
        Ok(s) => rc::move_stage(&a.web.state.app, &a.ctx(), id, s, f.opt("note").map(str::to_owned), None).await,
        Err(m) => Err(AppError::Validation(ValidationErrors::single("stage", m))),
    };
    match result {
        Ok(()) => Ok(see_other(&format!("/applications/{id}"))),
        Err(e) => failed(&a, id, f, &e).await,
    }
}

pub async fn interview_create(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<ApplicationId>(&id)?;
    let f = post_form(&a, body).await?;
    let result =
        match InterviewInput::parse_in(&a.s.zone, f.get("date"), f.get("time"), f.get("place"), f.checked("online"), &f.all("panel")) {
            Ok(i) => rc::schedule_interview(&a.web.state.app, &a.ctx(), id, i).await.map(|_| ()),
            Err(v) => Err(AppError::Validation(v)),
        };
    match result {
        Ok(()) => Ok(see_other(&format!("/applications/{id}"))),
        Err(e) => failed(&a, id, f, &e).await,
    }
}

pub async fn scores(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<InterviewId>(&id)?;
    let f = post_form(&a, body).await?;
    let parsed = ScoresInput::parse(|c| f.opt(&format!("score_{c}")), |c| f.opt(&format!("note_{c}")));
    let result = match parsed {
        Ok(s) => rc::save_scores(&a.web.state.app, &a.ctx(), id, s).await,
        Err(v) => Err(AppError::Validation(v)),
    };
    match result {
        Ok(app_id) => Ok(see_other(&format!("/applications/{app_id}#interview-{id}"))),
        Err(AppError::Validation(v)) => {
            // The form is on the application's page; find it through the interview.
            match f.opt("application").and_then(|x| x.parse::<ApplicationId>().ok()) {
                Some(app_id) => failed(&a, app_id, f, &AppError::Validation(v)).await,
                None => Err(a.fail(&AppError::Validation(v))),
            }
        }
        Err(e) => Err(a.fail(&e)),
    }
}

pub async fn attachment(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<AttachmentId>(&id)?;
    let file = rc::attachment(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    let mut response = crate::download::file(file.kind.mime(), &file.file_name, file.content);
    response.headers_mut().insert(header::CACHE_CONTROL, axum::http::HeaderValue::from_static("no-store"));
    Ok(response)
}

// ---------------------------------------------------------------- decisions and letters

#[derive(Template)]
#[template(path = "workforce/application_decide.html")]
struct DecidePage {
    c: Chrome,
    id: String,
    decision: String,
    decision_label: String,
    language: String,
    other: String,
    other_label: String,
    f: FormData,
    e: Errs,
}

fn decision_of(raw: &str) -> Stage {
    if raw == Stage::Rejected.code() { Stage::Rejected } else { Stage::Hired }
}

pub async fn decide_form(a: Authed, Path(id): Path<String>, RawQuery(q): RawQuery) -> Page {
    let id = a.id::<ApplicationId>(&id)?;
    let decision = decision_of(FormData::query(q.as_deref()).get("decision"));
    let d = rc::letter_draft(&a.web.state.app, &a.ctx(), id, decision).await.or_page(&a)?;
    let f = FormData::from_pairs(vec![("subject", d.subject), ("body", d.body), ("note", String::new())]);
    Ok(render(&decide_page(&a, id, decision, d.language, f, Errs::none())))
}

fn decide_page(a: &Authed, id: ApplicationId, decision: Stage, language: LetterLanguage, f: FormData, e: Errs) -> DecidePage {
    let tr = &a.web.tr;
    let other = if decision == Stage::Hired { Stage::Rejected } else { Stage::Hired };
    DecidePage {
        c: Chrome::new(a, tr.t("decide-title")),
        id: id.to_string(),
        decision: decision.code().into(),
        decision_label: tr.code("stage", decision.code()),
        language: tr.code("letter-language", language.code()),
        other: other.code().into(),
        other_label: tr.code("stage", other.code()),
        f,
        e,
    }
}

pub async fn decide(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<ApplicationId>(&id)?;
    let f = post_form(&a, body).await?;
    let decision = decision_of(f.get("decision"));
    let letter = LetterEdit { subject: f.get("subject").to_owned(), body: f.get("body").to_owned() };
    match rc::move_stage(&a.web.state.app, &a.ctx(), id, decision, f.opt("note").map(str::to_owned), Some(letter)).await {
        Ok(()) => Ok(see_other(&format!("/applications/{id}/letter"))),
        Err(AppError::Validation(v)) => {
            let lang = LetterLanguage::parse(f.get("language")).unwrap_or(LetterLanguage::Da);
            let e = Errs::from(&a.web.tr, &v);
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &decide_page(&a, id, decision, lang, f, e)))
        }
        Err(e) => Err(a.fail(&e)),
    }
}

#[derive(Template)]
#[template(path = "workforce/application_letter.html")]
struct LetterPage {
    c: Chrome,
    id: String,
    kind: String,
    subject: String,
    paragraphs: Vec<String>,
    sent: String,
}

pub async fn letter(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<ApplicationId>(&id)?;
    let tr = &a.web.tr;
    let (p, l) = rc::letter(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    let (kind, subject, body, sent) = match l {
        Some((k, s, b, at)) => (tr.code("msgkind", k.code()), s, b, at.short_in(&a.s.zone)),
        None => (String::new(), String::new(), String::new(), String::new()),
    };
    Ok(render(&LetterPage {
        c: Chrome::new(&a, format!("{} – {}", tr.t("letter-title"), p.name)),
        id: id.to_string(),
        kind,
        subject,
        paragraphs: body.split("\n\n").map(str::to_owned).collect(),
        sent,
    }))
}

// ---------------------------------------------------------------- retention

fn settings_form(a: &Authed, f: FormData, can_edit: bool) -> FormPage {
    let tr = &a.web.tr;
    FormPage {
        c: Chrome::new(a, tr.t("recruitment-settings-title")),
        f,
        e: Errs::none(),
        intro: tr.t(if can_edit { "recruitment-settings-intro" } else { "recruitment-settings-admin-only" }),
        action: "/recruitment/settings".into(),
        submit: tr.t("common-save"),
        cancel: "/postings".into(),
        fields: vec![Field::text("retention_months", tr.t("recruitment-retention"), true).kind("number").hint(tr.t("hint-retention"))],
    }
}

pub async fn settings(a: Authed) -> Page {
    let (months, can_edit) = rc::settings(&a.web.state.app, &a.ctx()).await.or_page(&a)?;
    Ok(render(&settings_form(&a, FormData::from_pairs(vec![("retention_months", months.to_string())]), can_edit)))
}

pub async fn settings_save(a: Authed, body: Body) -> Page {
    let f = post_form(&a, body).await?;
    let result = match parse_retention(f.get("retention_months")) {
        Ok(m) => rc::save_settings(&a.web.state.app, &a.ctx(), m).await,
        Err(v) => Err(AppError::Validation(v)),
    };
    match result {
        Ok(()) => Ok(see_other("/postings")),
        Err(e) => form_failed(&a, settings_form(&a, f, true), &e),
    }
}
