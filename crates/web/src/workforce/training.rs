//! Onboarding and training pages: the training catalogue, a course, a
//! cohort (enrolment, an attendance grid, completion), a peer worker's training record and
//! onboarding, the managers' overview of onboardings in progress, and a role's checklist.

use askama::Template;
use axum::body::Body;
use axum::extract::Path;
use axum::http::StatusCode;
use sammen_app::AppError;
use sammen_app::{workforce::onboarding as ob, workforce::training as tr};
use sammen_domain::journey::groups::MeetingInput;
use sammen_domain::people::Role;
use sammen_domain::time::format_date;
use sammen_domain::workforce::training::{
    AttendanceRule, CohortInput, CourseInput, CourseKind, OnboardingItemKind, Outcome, parse_template,
};
use sammen_domain::{PeerWorkerId, RoleId, ValidationErrors};

use crate::form::FormData;
use crate::i18n::Tr;
use crate::session::Authed;
use crate::ui::{
    Cell, Chrome, Errs, Field, FormPage, ListPage, OrPage, Page, Pager, form_failed, options, post_form, render, render_status, see_other,
};

/// How many meeting rows the new-cohort form offers.
const MEETING_ROWS: usize = 6;
/// How many empty rows the checklist form adds for new items.
const EXTRA_ITEMS: usize = 3;

fn num(tr: &Tr, v: f64) -> String {
    crate::measurement::pages::num(tr, v, 1)
}

fn validity(tr: &Tr, months: Option<i64>) -> String {
    match months {
        Some(m) => tr.n("training-validity-months", "months", m),
        None => tr.t("training-no-expiry"),
    }
}

fn dates(
    first: Option<sammen_domain::time::Timestamp>,
    last: Option<sammen_domain::time::Timestamp>,
    zone: &sammen_domain::time::Zone,
) -> String {
    match (first, last) {
        (Some(f), Some(l)) if f != l => format!("{} – {}", f.short_in(zone), l.short_in(zone)),
        (Some(f), _) => f.short_in(zone),
        _ => String::new(),
    }
}

fn item_label(tr: &Tr, kind: OnboardingItemKind, title: &Option<String>) -> String {
    match title {
        Some(t) => t.clone(),
        None => tr.code("onboarding-item", kind.code()),
    }
}

// ---------------------------------------------------------------- catalogue

pub struct CohortLine {
    pub href: String,
    pub dates: String,
    pub place: String,
    pub trainer: String,
    pub seats: String,
}

pub struct CourseCard {
    pub id: String,
    pub title: String,
    pub facts: Vec<(String, String)>,
    pub themes: Vec<String>,
    pub cohorts: Vec<CohortLine>,
}

#[derive(Template)]
#[template(path = "workforce/training.html")]
pub struct CataloguePage {
    pub c: Chrome,
    pub courses: Vec<CourseCard>,
    pub can_manage: bool,
    /// A peer worker's own record and onboarding: (href, label).
    pub own: Vec<(String, String)>,
}

fn course_facts(tr: &Tr, i: &CourseInput) -> Vec<(String, String)> {
    vec![
        (tr.t("training-kind"), tr.code("course-kind", i.kind.code())),
        (tr.t("training-hours"), num(tr, i.hours)),
        (tr.t("training-validity"), validity(tr, i.validity_months)),
        (tr.t("training-min-attendance"), tr.n("training-min-attendance-percent", "percent", i.min_attendance_percent)),
        (tr.t("training-active"), crate::ui::yes_no(tr, i.active)),
    ]
}

fn cohort_lines(tr: &Tr, list: &[tr::CohortSummary], link: bool, zone: &sammen_domain::time::Zone) -> Vec<CohortLine> {
    list.iter()
        .map(|s| CohortLine {
            href: if link { format!("/cohorts/{}", s.id) } else { String::new() },
            dates: dates(s.first, s.last, zone),
            place: s.place.clone().unwrap_or_default(),
            trainer: s.trainer.clone().unwrap_or_default(),
            seats: match s.capacity {
                Some(c) => tr.i18n.t_args(tr.lang, "training-seats", &[("enrolled", (s.enrolled as i64).into()), ("capacity", c.into())]),
                None => s.enrolled.to_string(),
            },
        })
        .collect()
}

pub async fn catalogue(a: Authed) -> Page {
    let tr = &a.web.tr;
    let cat = tr::catalogue(&a.web.state.app, &a.ctx()).await.or_page(&a)?;
    Ok(render(&CataloguePage {
        c: Chrome::new(&a, tr.t("nav-training")),
        courses: cat
            .courses
            .iter()
            .map(|(course, cohorts)| CourseCard {
                id: course.id.clone(),
                title: course.input.title.clone(),
                facts: course_facts(tr, &course.input),
                themes: course.input.themes.clone(),
                cohorts: cohort_lines(tr, cohorts, cat.can_manage, &a.s.zone),
            })
            .collect(),
        can_manage: cat.can_manage,
        own: a
            .s
            .actor
            .peer_worker_ids
            .iter()
            .flat_map(|p| {
                [
                    (format!("/peer-workers/{p}/training"), tr.t("training-my-record")),
                    (format!("/peer-workers/{p}/onboarding"), tr.t("training-my-onboarding")),
                ]
            })
            .collect(),
    }))
}

fn course_form(a: &Authed, title: String, action: String, cancel: String, f: FormData) -> FormPage {
    let tr = &a.web.tr;
    FormPage {
        c: Chrome::new(a, title),
        f,
        e: Errs::none(),
        intro: tr.t("training-course-form-intro"),
        action,
        submit: tr.t("common-save"),
        cancel,
        fields: vec![
            Field::select("kind", tr.t("training-kind"), options(tr, "course-kind", CourseKind::ALL, |k| k.code()), true),
            Field::text("title", tr.t("training-title"), true),
            Field::text("description", tr.t("training-description"), false).kind("textarea"),
            Field::text("themes", tr.t("training-themes"), false).kind("textarea").hint(tr.t("hint-one-per-line")),
            Field::text("hours", tr.t("training-hours"), true),
            Field::text("validity_months", tr.t("training-validity"), false).kind("number").hint(tr.t("hint-training-validity")),
            Field::text("min_attendance_percent", tr.t("training-min-attendance"), false)
                .kind("number")
                .hint(tr.t("hint-training-min-attendance")),
            Field::flag("active", tr.t("training-active")),
        ],
    }
}

fn parse_course(f: &FormData) -> Result<CourseInput, AppError> {
    CourseInput::parse(
        f.get("kind"),
        f.get("title"),
        f.opt("description"),
        f.get("themes"),
        f.get("hours"),
        f.opt("validity_months"),
        f.checked("active"),
        f.opt("min_attendance_percent"),
    )
    .map_err(AppError::Validation)
}

pub async fn course_new(a: Authed) -> Page {
    let f = FormData::from_pairs(vec![
        ("kind", "own".into()),
        ("active", "on".into()),
        ("min_attendance_percent", AttendanceRule::STANDARD.min_percent.to_string()),
        ("themes", a.web.tr.t("training-default-themes")),
    ]);
    Ok(render(&course_form(&a, a.web.tr.t("training-new-course"), "/training/courses".into(), "/training".into(), f)))
}

pub async fn course_create(a: Authed, body: Body) -> Page {
    let f = post_form(&a, body).await?;
    let result = match parse_course(&f) {
        Ok(i) => tr::save_course(&a.web.state.app, &a.ctx(), None, i).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(c) => Ok(see_other(&format!("/training/courses/{}", c.id))),
        Err(e) => {
            form_failed(&a, course_form(&a, a.web.tr.t("training-new-course"), "/training/courses".into(), "/training".into(), f), &e)
        }
    }
}

#[derive(Template)]
#[template(path = "workforce/training_course.html")]
pub struct CoursePage {
    pub c: Chrome,
    pub id: String,
    pub description: String,
    pub facts: Vec<(String, String)>,
    pub themes: Vec<String>,
    pub cohorts: Vec<CohortLine>,
    pub can_manage: bool,
    pub meeting_rows: Vec<usize>,
    pub f: FormData,
    pub e: Errs,
}

async fn course_page(a: &Authed, id: &str, f: FormData, e: Errs) -> Page {
    let tr = &a.web.tr;
    let (course, cohorts, can_manage) = tr::course(&a.web.state.app, &a.ctx(), id).await.or_page(a)?;
    let status = if e.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok(render_status(
        status,
        &CoursePage {
            c: Chrome::new(a, course.input.title.clone()),
            id: course.id.clone(),
            description: course.input.description.clone().unwrap_or_default(),
            facts: course_facts(tr, &course.input),
            themes: course.input.themes.clone(),
            cohorts: cohort_lines(tr, &cohorts, can_manage, &a.s.zone),
            can_manage,
            meeting_rows: (0..MEETING_ROWS).collect(),
            f,
            e,
        },
    ))
}

pub async fn course_show(a: Authed, Path(id): Path<String>) -> Page {
    a.id::<uuid::Uuid>(&id)?;
    let f = FormData::from_pairs(vec![("time_0", "17:00".into()), ("duration_0", "180".into())]);
    course_page(&a, &id, f, Errs::none()).await
}

pub async fn course_edit(a: Authed, Path(id): Path<String>) -> Page {
    a.id::<uuid::Uuid>(&id)?;
    let tr = &a.web.tr;
    let c = tr::course_for_edit(&a.web.state.app, &a.ctx(), &id).await.or_page(&a)?;
    let i = &c.input;
    let mut pairs = vec![
        ("kind", i.kind.code().to_owned()),
        ("title", i.title.clone()),
        ("description", i.description.clone().unwrap_or_default()),
        ("themes", i.themes.join("\n")),
        ("hours", tr.num_field(i.hours, 1)),
        ("validity_months", i.validity_months.map(|m| m.to_string()).unwrap_or_default()),
        ("min_attendance_percent", i.min_attendance_percent.to_string()),
    ];
    if i.active {
        pairs.push(("active", "on".into()));
    }
    let path = format!("/training/courses/{id}");
    Ok(render(&course_form(&a, tr.t("training-edit-course"), path.clone(), path, FormData::from_pairs(pairs))))
}

pub async fn course_update(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    a.id::<uuid::Uuid>(&id)?;
    let f = post_form(&a, body).await?;
    let result = match parse_course(&f) {
        Ok(i) => tr::save_course(&a.web.state.app, &a.ctx(), Some(id.clone()), i).await,
        Err(e) => Err(e),
    };
    let path = format!("/training/courses/{id}");
    match result {
        Ok(_) => Ok(see_other(&path)),
        Err(e) => form_failed(&a, course_form(&a, a.web.tr.t("training-edit-course"), path.clone(), path, f), &e),
    }
}

/// The new-cohort form: place, trainer, capacity, a note and up to six meetings (a row with an
/// empty date is skipped).
fn parse_cohort(f: &FormData, zone: &sammen_domain::time::Zone) -> Result<(CohortInput, Vec<MeetingInput>), ValidationErrors> {
    let mut e = ValidationErrors::new();
    let cohort = match CohortInput::parse(f.opt("place"), f.opt("trainer"), f.opt("capacity"), f.opt("note")) {
        Ok(c) => Some(c),
        Err(v) => {
            e.fields.extend(v.fields);
            None
        }
    };
    let mut meetings = Vec::new();
    for i in 0..MEETING_ROWS {
        let date = f.get(&format!("date_{i}"));
        if date.trim().is_empty() {
            continue;
        }
        let time = f.get(&format!("time_{i}"));
        let duration = f.get(&format!("duration_{i}"));
        match MeetingInput::parse_in(
            zone,
            date,
            if time.trim().is_empty() { "17:00" } else { time },
            if duration.trim().is_empty() { "180" } else { duration },
            None,
            None,
        ) {
            Ok(m) => meetings.push(m),
            Err(v) => {
                for x in v.fields {
                    let field = match x.field.as_str() {
                        "date" => format!("date_{i}"),
                        "time" => format!("time_{i}"),
                        _ => format!("duration_{i}"),
                    };
                    e.fields.push(sammen_domain::FieldError { field, message: x.message });
                }
            }
        }
    }
    if meetings.is_empty() && e.message_for("date_0").is_none() {
        e.add("date_0", "err-cohort-meeting");
    }
    match cohort {
        Some(c) if e.is_empty() => Ok((c, meetings)),
        _ => Err(e),
    }
}

pub async fn cohort_create(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    a.id::<uuid::Uuid>(&id)?;
    let f = post_form(&a, body).await?;
    let result = match parse_cohort(&f, &a.s.zone) {
        Ok((c, ms)) => tr::create_cohort(&a.web.state.app, &a.ctx(), &id, c, ms).await,
        Err(v) => Err(AppError::Validation(v)),
    };
    match result {
        Ok(cohort) => Ok(see_other(&format!("/cohorts/{cohort}"))),
        Err(AppError::Validation(v)) => {
            let e = Errs::from(&a.web.tr, &v);
            course_page(&a, &id, f, e).await
        }
        Err(e) => Err(a.fail(&e)),
    }
}

// ---------------------------------------------------------------- a cohort

pub struct GridRow {
    pub peer_id: String,
    pub name: String,
    /// (meeting id, checkbox id, present)
    pub cells: Vec<(String, String, bool)>,
    pub attended: String,
    pub outcome: String,
    pub outcome_code: String,
}

#[derive(Template)]
#[template(path = "workforce/cohort.html")]
pub struct CohortPage {
    pub c: Chrome,
    pub id: String,
    pub course_href: String,
    pub facts: Vec<(String, String)>,
    /// (meeting id, label)
    pub meetings: Vec<(String, String)>,
    pub rows: Vec<GridRow>,
    pub choices: Vec<(String, String)>,
    pub outcomes: Vec<(String, String)>,
    pub f: FormData,
    pub e: Errs,
    /// The peer whose completion form was refused: its outcome field shows the error.
    pub error_peer: String,
    /// Per meeting (in `meetings` order): whether it has begun, so attendance can be ticked.
    pub begun: Vec<bool>,
}

async fn cohort_page(a: &Authed, id: &str, e: Errs, error_peer: &str) -> Page {
    let tr = &a.web.tr;
    let d = tr::cohort(&a.web.state.app, &a.ctx(), id).await.or_page(a)?;
    let s = &d.cohort;
    let status = if e.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let title = format!("{} · {}", d.course.input.title, s.first.map(|f| f.short_in(&a.s.zone)).unwrap_or_default());
    Ok(render_status(
        status,
        &CohortPage {
            c: Chrome::new(a, title),
            id: s.id.clone(),
            course_href: format!("/training/courses/{}", d.course.id),
            facts: vec![
                (tr.t("training-dates"), dates(s.first, s.last, &a.s.zone)),
                (tr.t("training-place"), s.place.clone().unwrap_or_default()),
                (tr.t("training-trainer"), s.trainer.clone().unwrap_or_default()),
                (tr.t("training-enrolled"), cohort_lines(tr, std::slice::from_ref(s), false, &a.s.zone).remove(0).seats),
                (tr.t("training-validity"), validity(tr, d.course.input.validity_months)),
                (
                    tr.t("training-min-attendance"),
                    tr.n("training-min-attendance-percent", "percent", d.course.input.min_attendance_percent),
                ),
            ],
            meetings: d
                .meetings
                .iter()
                .map(|m| (m.id.clone(), format!("{} ({} min)", m.starts_at.short_in(&a.s.zone), m.duration_minutes)))
                .collect(),
            rows: d
                .enrolments
                .iter()
                .map(|l| {
                    let present = l.attendance.iter().filter(|x| **x == Some(true)).count() as i64;
                    GridRow {
                        peer_id: l.peer_id.to_string(),
                        name: l.name.clone(),
                        cells: d
                            .meetings
                            .iter()
                            .zip(&l.attendance)
                            .enumerate()
                            .map(|(k, (m, x))| (format!("{}:{}", m.id, l.peer_id), format!("p-{}-{k}", l.peer_id), *x == Some(true)))
                            .collect(),
                        attended: tr.i18n.t_args(
                            tr.lang,
                            "training-attended",
                            &[("present", present.into()), ("of", (d.meetings.len() as i64).into())],
                        ),
                        outcome: l.outcome.map(|o| tr.code("training-outcome", o.code())).unwrap_or_else(|| tr.t("training-no-outcome")),
                        outcome_code: l.outcome.map(|o| o.code().to_owned()).unwrap_or_default(),
                    }
                })
                .collect(),
            choices: d.choices.iter().map(|(id, n)| (id.to_string(), n.clone())).collect(),
            outcomes: options(tr, "training-outcome", Outcome::ALL, |o| o.code()),
            f: FormData::default(),
            e,
            error_peer: error_peer.to_owned(),
            begun: d.meetings.iter().map(|m| sammen_domain::validation::has_begun(m.starts_at, a.web.state.app.now())).collect(),
        },
    ))
}

pub async fn cohort_show(a: Authed, Path(id): Path<String>) -> Page {
    a.id::<uuid::Uuid>(&id)?;
    cohort_page(&a, &id, Errs::none(), "").await
}

async fn after(a: &Authed, id: &str, r: Result<(), AppError>) -> Page {
    after_for(a, id, r, "").await
}

/// After a form of one peer's: their form shows the error.
async fn after_for(a: &Authed, id: &str, r: Result<(), AppError>, peer: &str) -> Page {
    match r {
        Ok(()) => Ok(see_other(&format!("/cohorts/{id}"))),
        Err(AppError::Validation(v)) => cohort_page(a, id, Errs::from(&a.web.tr, &v), peer).await,
        Err(e) => Err(a.fail(&e)),
    }
}

pub async fn cohort_enrol(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    a.id::<uuid::Uuid>(&id)?;
    let f = post_form(&a, body).await?;
    let r = match f.get("peer_id").parse::<PeerWorkerId>() {
        Ok(p) => tr::enrol(&a.web.state.app, &a.ctx(), &id, p).await.map(|_| ()),
        Err(_) => Err(AppError::Validation(ValidationErrors::single("peer_id", "err-choice"))),
    };
    after(&a, &id, r).await
}

pub async fn cohort_attendance(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    a.id::<uuid::Uuid>(&id)?;
    let f = post_form(&a, body).await?;
    let meetings = f.all("meeting");
    let present: Vec<(String, String)> =
        f.all("present").iter().filter_map(|v| v.split_once(':').map(|(m, p)| (m.to_owned(), p.to_owned()))).collect();
    let r = tr::record_attendance(&a.web.state.app, &a.ctx(), &id, meetings, present).await;
    after(&a, &id, r).await
}

pub async fn cohort_complete(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    a.id::<uuid::Uuid>(&id)?;
    let f = post_form(&a, body).await?;
    let r = match (f.get("peer_id").parse::<PeerWorkerId>(), Outcome::parse(f.get("outcome"))) {
        (Ok(p), Ok(o)) => tr::complete(&a.web.state.app, &a.ctx(), &id, p, o).await.map(|_| ()),
        (Err(_), _) => Err(AppError::Validation(ValidationErrors::single("peer_id", "err-choice"))),
        (_, Err(m)) => Err(AppError::Validation(ValidationErrors::single("outcome", m))),
    };
    after_for(&a, &id, r, f.get("peer_id")).await
}

// ---------------------------------------------------------------- the training record

#[derive(Template)]
#[template(path = "workforce/training_record.html")]
pub struct RecordPage {
    pub c: Chrome,
    pub id: String,
    pub summary: String,
    pub trained: bool,
    /// (role, training, met text)
    pub requirements: Vec<(String, String, String)>,
    /// (course, kind, issued, expires, state text, state code)
    pub certificates: Vec<(String, String, String, String, String, String)>,
    /// (href, course, dates, attended, outcome)
    pub enrolments: Vec<(String, String, String, String, String)>,
    pub can_manage: bool,
}

pub async fn record(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<PeerWorkerId>(&id)?;
    let tr = &a.web.tr;
    let r = tr::record(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    let trained = r.missing.is_empty();
    let summary = if trained {
        tr.t("training-record-trained")
    } else {
        tr.s("training-record-missing", "missing", &r.missing.iter().map(|m| tr.code("training", m.code())).collect::<Vec<_>>().join(", "))
    };
    Ok(render(&RecordPage {
        c: Chrome::new(&a, tr.s("training-record-title", "name", &r.name)),
        id: id.to_string(),
        summary,
        trained,
        requirements: r
            .requirements
            .iter()
            .map(|q| {
                (
                    q.role_title.clone(),
                    tr.code("training", q.training.code()),
                    tr.t(if q.met { "training-met" } else { "training-not-met" }),
                )
            })
            .collect(),
        certificates: r
            .certificates
            .iter()
            .map(|c| {
                (
                    c.course_title.clone(),
                    tr.code("course-kind", c.kind.code()),
                    format_date(c.issued_on),
                    c.expires_on.map(format_date).unwrap_or_else(|| tr.t("training-no-expiry")),
                    tr.code("cert-state", c.state.code()),
                    c.state.code().to_owned(),
                )
            })
            .collect(),
        enrolments: r
            .enrolments
            .iter()
            .map(|e| {
                (
                    if r.can_manage { format!("/cohorts/{}", e.cohort_id) } else { String::new() },
                    e.course_title.clone(),
                    dates(e.first, e.last, &a.s.zone),
                    tr.i18n.t_args(
                        tr.lang,
                        "training-attended",
                        &[("present", (e.attended as i64).into()), ("of", (e.meetings as i64).into())],
                    ),
                    e.outcome.map(|o| tr.code("training-outcome", o.code())).unwrap_or_else(|| tr.t("training-no-outcome")),
                )
            })
            .collect(),
        can_manage: r.can_manage,
    }))
}

// ---------------------------------------------------------------- onboarding

pub struct ItemLine {
    pub id: String,
    pub label: String,
    pub owner: String,
    pub owner_id: String,
    pub due: String,
    pub done: bool,
    pub status: String,
    pub overdue: bool,
}

pub struct OnboardingBlock {
    pub role: String,
    pub started: String,
    pub done: usize,
    pub total: usize,
    pub progress: String,
    pub overdue: String,
    pub completed: String,
    pub items: Vec<ItemLine>,
}

#[derive(Template)]
#[template(path = "workforce/onboarding.html")]
pub struct OnboardingPage {
    pub c: Chrome,
    pub id: String,
    pub current: Option<OnboardingBlock>,
    pub past: Vec<OnboardingBlock>,
    pub can_manage: bool,
    pub roles: Vec<(String, String)>,
    pub staff: Vec<(String, String)>,
    pub f: FormData,
    pub e: Errs,
}

fn block(tr: &Tr, o: &ob::OnboardingView, zone: &sammen_domain::time::Zone) -> OnboardingBlock {
    OnboardingBlock {
        role: o.role_title.clone(),
        started: format_date(o.starts_on),
        done: o.done,
        total: o.total,
        progress: tr.i18n.t_args(tr.lang, "onboarding-progress", &[("done", (o.done as i64).into()), ("total", (o.total as i64).into())]),
        overdue: if o.overdue > 0 { tr.n("onboarding-overdue-count", "count", o.overdue as i64) } else { String::new() },
        completed: o.completed_at.map(|c| c.short_in(zone)).unwrap_or_default(),
        items: o
            .items
            .iter()
            .map(|i| ItemLine {
                id: i.id.clone(),
                label: item_label(tr, i.kind, &i.title),
                owner: i.owner_name.clone().unwrap_or_else(|| tr.t("onboarding-no-owner")),
                owner_id: i.owner.map(|u| u.to_string()).unwrap_or_default(),
                due: format_date(i.due_on),
                done: i.done_at.is_some(),
                status: match (&i.done_at, &i.done_by_name) {
                    (Some(at), Some(by)) => {
                        tr.i18n.t_args(tr.lang, "onboarding-done-by", &[("by", by.as_str().into()), ("at", at.short_in(zone).into())])
                    }
                    (Some(at), None) => tr.s("onboarding-done-at", "at", &at.short_in(zone)),
                    (None, _) if i.overdue => tr.t("onboarding-overdue"),
                    (None, _) => tr.t("onboarding-not-done"),
                },
                overdue: i.overdue,
            })
            .collect(),
    }
}

async fn onboarding_page(a: &Authed, id: PeerWorkerId, e: Errs) -> Page {
    let tr = &a.web.tr;
    let p = ob::onboarding(&a.web.state.app, &a.ctx(), id).await.or_page(a)?;
    let status = if e.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let mut blocks: Vec<OnboardingBlock> = p.onboardings.iter().map(|o| block(tr, o, &a.s.zone)).collect();
    let current = match p.onboardings.first() {
        Some(o) if o.completed_at.is_none() => Some(blocks.remove(0)),
        _ => None,
    };
    let f = FormData::from_pairs(vec![("role_key", p.default_role.clone().unwrap_or_default())]);
    Ok(render_status(
        status,
        &OnboardingPage {
            c: Chrome::new(a, tr.s("onboarding-title", "name", &p.name)),
            id: id.to_string(),
            current,
            past: blocks,
            can_manage: p.can_manage,
            roles: p.roles.clone(),
            staff: p.staff.clone(),
            f,
            e,
        },
    ))
}

pub async fn onboarding(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<PeerWorkerId>(&id)?;
    onboarding_page(&a, id, Errs::none()).await
}

pub async fn onboarding_start(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<PeerWorkerId>(&id)?;
    let f = post_form(&a, body).await?;
    match ob::start(&a.web.state.app, &a.ctx(), id, f.get("role_key")).await {
        Ok(_) => Ok(see_other(&format!("/peer-workers/{id}/onboarding"))),
        Err(AppError::Validation(v)) => onboarding_page(&a, id, Errs::from(&a.web.tr, &v)).await,
        Err(e) => Err(a.fail(&e)),
    }
}

pub async fn onboarding_item(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<PeerWorkerId>(&id)?;
    let f = post_form(&a, body).await?;
    let owner = f.opt("owner").map(str::to_owned);
    match ob::set_item(&a.web.state.app, &a.ctx(), id, f.get("item"), f.checked("done"), owner).await {
        Ok(()) => Ok(see_other(&format!("/peer-workers/{id}/onboarding"))),
        Err(AppError::Validation(v)) => onboarding_page(&a, id, Errs::from(&a.web.tr, &v)).await,
        Err(e) => Err(a.fail(&e)),
    }
}

pub async fn onboardings(a: Authed) -> Page {
    let tr = &a.web.tr;
    let list = ob::in_progress(&a.web.state.app, &a.ctx()).await.or_page(&a)?;
    let total = list.len() as i64;
    let rows = list
        .iter()
        .map(|l| {
            let o = &l.onboarding;
            vec![
                Cell::link(l.name.clone(), format!("/peer-workers/{}/onboarding", l.peer_id)),
                Cell::text(o.role_title.clone()),
                Cell::text(format_date(o.starts_on)),
                Cell::text(tr.i18n.t_args(
                    tr.lang,
                    "onboarding-progress",
                    &[("done", (o.done as i64).into()), ("total", (o.total as i64).into())],
                )),
                Cell::text(o.overdue.to_string()),
                Cell::text(l.next_due.map(format_date).unwrap_or_default()),
            ]
        })
        .collect();
    Ok(render(&ListPage {
        c: Chrome::new(&a, tr.t("onboardings-title")),
        intro: tr.t("onboardings-intro"),
        new_href: String::new(),
        new_label: String::new(),
        search: None,
        headers: vec![
            tr.t("field-peer"),
            tr.t("engagement-role"),
            tr.t("onboarding-started"),
            tr.t("onboarding-progress-label"),
            tr.t("onboarding-overdue-label"),
            tr.t("onboarding-next-due"),
        ],
        rows,
        pager: Pager::new(tr, 1, total, "/onboardings"),
        total,
    }))
}

// ---------------------------------------------------------------- a role's checklist

pub struct TemplateRow {
    pub n: usize,
    pub kind: String,
    pub title: String,
    pub owner: String,
    pub days: String,
    pub err_kind: String,
    pub err_title: String,
    pub err_owner: String,
    pub err_days: String,
}

impl TemplateRow {
    fn new(n: usize, kind: String, title: String, owner: String, days: String) -> Self {
        Self {
            n,
            kind,
            title,
            owner,
            days,
            err_kind: String::new(),
            err_title: String::new(),
            err_owner: String::new(),
            err_days: String::new(),
        }
    }
}

#[derive(Template)]
#[template(path = "workforce/onboarding_template.html")]
pub struct TemplatePage {
    pub c: Chrome,
    pub id: String,
    pub standard: bool,
    pub can_edit: bool,
    pub rows: Vec<TemplateRow>,
    pub kinds: Vec<(String, String)>,
    pub owners: Vec<(String, String)>,
    /// One more than the highest row number (the form's `rows`).
    pub row_count: usize,
    pub e: Errs,
}

async fn template_page(a: &Authed, id: RoleId, posted: Option<Vec<TemplateRow>>, e: Errs) -> Page {
    let tr = &a.web.tr;
    let t = ob::template(&a.web.state.app, &a.ctx(), id).await.or_page(a)?;
    let mut rows: Vec<TemplateRow> = posted.unwrap_or_else(|| {
        t.items
            .iter()
            .enumerate()
            .map(|(n, i)| {
                TemplateRow::new(
                    n,
                    i.kind.code().into(),
                    i.title.clone().unwrap_or_default(),
                    i.owner_role.code().into(),
                    i.due_days.to_string(),
                )
            })
            .collect()
    });
    if t.can_edit {
        let from = rows.iter().map(|r| r.n + 1).max().unwrap_or(0);
        rows.extend(
            (from..from + EXTRA_ITEMS)
                .map(|n| TemplateRow::new(n, "own".into(), String::new(), Role::Coordinator.code().into(), "14".into())),
        );
    }
    for r in &mut rows {
        r.err_kind = e.get(&format!("kind_{}", r.n));
        r.err_title = e.get(&format!("title_{}", r.n));
        r.err_owner = e.get(&format!("owner_{}", r.n));
        r.err_days = e.get(&format!("days_{}", r.n));
    }
    let status = if e.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok(render_status(
        status,
        &TemplatePage {
            c: Chrome::new(a, tr.s("onboarding-template-title", "role", &t.role_title)),
            id: id.to_string(),
            standard: t.standard,
            can_edit: t.can_edit,
            row_count: rows.iter().map(|r| r.n + 1).max().unwrap_or(0),
            rows,
            kinds: options(tr, "onboarding-item", OnboardingItemKind::ALL, |k| k.code()),
            owners: options(tr, "role", &[Role::Administrator, Role::Coordinator, Role::Supervisor], |r| r.code()),
            e,
        },
    ))
}

pub async fn template_show(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<RoleId>(&id)?;
    template_page(&a, id, None, Errs::none()).await
}

pub async fn template_save(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<RoleId>(&id)?;
    let f = post_form(&a, body).await?;
    let count = f.get("rows").parse::<usize>().unwrap_or(0).min(40);
    let raw: Vec<(String, String, String, String)> = (0..count)
        .map(|i| {
            let g = |k: &str| f.get(&format!("{k}_{i}")).to_owned();
            (g("kind"), g("title"), g("owner"), g("days"))
        })
        .collect();
    let result = match parse_template(&raw) {
        Ok(items) => ob::save_template(&a.web.state.app, &a.ctx(), id, items).await,
        Err(v) => Err(AppError::Validation(v)),
    };
    match result {
        Ok(()) => Ok(see_other(&format!("/roles/{id}/onboarding"))),
        Err(AppError::Validation(v)) => {
            let rows = raw
                .into_iter()
                .enumerate()
                .filter(|(_, (k, t, _, _))| !(k.is_empty() || k == "own") || !t.trim().is_empty())
                .map(|(n, (kind, title, owner, days))| TemplateRow::new(n, kind, title, owner, days))
                .collect();
            template_page(&a, id, Some(rows), Errs::from(&a.web.tr, &v)).await
        }
        Err(e) => Err(a.fail(&e)),
    }
}
