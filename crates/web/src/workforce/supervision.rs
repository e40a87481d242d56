//! Supervision and wellbeing pages: the overview of who is overdue, a
//! peer's supervisors, planning and recording sessions (the note of a professional session is
//! never shown to managers, and the page says so), and wellbeing check-ins.

use askama::Template;
use axum::body::Body;
use axum::extract::{Path, RawQuery};
use axum::response::Response;
use sammen_app::AppError;
use sammen_app::workforce::supervision::{self as sv, Assign, DueRow, SessionSummary};
use sammen_app::workforce::wellbeing as wb;
use sammen_domain::PeerWorkerId;
use sammen_domain::ValidationErrors;
use sammen_domain::people::Email;
use sammen_domain::time::format_date;
use sammen_domain::workforce::supervision::{
    SessionInput, SessionRecord, SupervisionFormat, SupervisionKind, SupervisionStatus, SupervisionTopic, parse_every_weeks,
};
use sammen_domain::workforce::wellbeing::CheckInInput;
use sammen_reports::{Chart, ChartKind, Lines, Series};

use crate::form::FormData;
use crate::i18n::Tr;
use crate::session::Authed;
use crate::ui::chart;
use crate::ui::{Chrome, Errs, Field, FormPage, OrPage, Page, form_failed, options, post_form, render, render_status, see_other};

fn date(d: Option<time::Date>) -> String {
    d.map(format_date).unwrap_or_default()
}

fn topics(tr: &Tr, t: &[SupervisionTopic]) -> String {
    t.iter().map(|x| tr.code("suptopic", x.code())).collect::<Vec<_>>().join(", ")
}

/// A session row for the lists.
pub struct SessionLine {
    pub href: String,
    pub when: String,
    pub kind: String,
    pub format: String,
    pub supervisor: String,
    pub status: String,
    pub attendance: String,
    pub topics: String,
}

fn line(tr: &Tr, s: &SessionSummary, zone: &sammen_domain::time::Zone) -> SessionLine {
    SessionLine {
        href: format!("/supervision/sessions/{}", s.id),
        when: s.starts_at.short_in(zone),
        kind: tr.code("supkind", s.kind.code()),
        format: tr.code("supformat", s.format.code()),
        supervisor: s.supervisor_name.clone(),
        status: tr.code("supstatus", s.status.code()),
        attendance: format!("{}/{}", s.attended, s.invited),
        topics: topics(tr, &s.topics),
    }
}

pub struct DueLine {
    pub peer: String,
    pub peer_href: String,
    pub kind: String,
    pub supervisor: String,
    pub last: String,
    pub every: String,
    pub due: String,
    /// "overdue", "on_time" or "none"
    pub state: &'static str,
    pub state_label: String,
}

fn due_line(tr: &Tr, r: &DueRow) -> DueLine {
    let state = match r.compliance {
        Some(c) if c.overdue => "overdue",
        Some(_) => "on_time",
        None => "none",
    };
    DueLine {
        peer: r.peer_name.clone(),
        peer_href: format!("/peer-workers/{}/supervision", r.peer_id),
        kind: tr.code("supkind", r.kind.code()),
        supervisor: r.supervisor.as_ref().map(|s| s.1.clone()).unwrap_or_default(),
        last: date(r.last),
        every: r.compliance.map(|c| tr.n("supervision-every-weeks", "count", c.every_weeks)).unwrap_or_default(),
        due: r.compliance.map(|c| format_date(c.due)).unwrap_or_default(),
        state,
        state_label: tr.t(&format!("supervision-state-{state}")),
    }
}

pub struct RelationLine {
    pub peer: String,
    pub kind: String,
    pub supervisor: String,
    pub external: String,
    pub from: String,
    pub to: String,
}

#[derive(Template)]
#[template(path = "workforce/supervision.html")]
pub struct HomePage {
    pub c: Chrome,
    pub manager: bool,
    pub sort: String,
    pub due: Vec<DueLine>,
    pub chart: String,
    pub chart_text: Vec<String>,
    pub requirements: Vec<(String, String, String)>,
    pub roles: Vec<(String, String)>,
    pub kinds: Vec<(String, String)>,
    pub sessions: Vec<SessionLine>,
    pub supervisees: Vec<RelationLine>,
    /// A professional supervisee's shared check-ins are the supervisor's to read on the wellbeing page.
    pub reads_check_ins: bool,
    pub led: Vec<SessionLine>,
    pub own_relations: Vec<RelationLine>,
    pub own_sessions: Vec<SessionLine>,
    pub f: FormData,
    pub e: Errs,
}

fn relation_line(tr: &Tr, r: &sv::RelationView) -> RelationLine {
    RelationLine {
        peer: r.peer_name.clone(),
        kind: tr.code("supkind", r.kind.code()),
        supervisor: r.supervisor_name.clone(),
        external: crate::ui::yes_no(tr, r.external),
        from: format_date(r.starts_on),
        to: date(r.ends_on),
    }
}

async fn home_page(a: &Authed, sort: &str, f: FormData, e: Errs) -> Page {
    let tr = &a.web.tr;
    let home = sv::home(&a.web.state.app, &a.ctx()).await.or_page(a)?;
    let mut page = HomePage {
        c: Chrome::new(a, tr.t("nav-supervision")),
        manager: home.overview.is_some(),
        sort: sort.to_owned(),
        due: Vec::new(),
        chart: String::new(),
        chart_text: Vec::new(),
        requirements: Vec::new(),
        roles: Vec::new(),
        kinds: options(tr, "supkind", SupervisionKind::ALL, |k| k.code()),
        sessions: Vec::new(),
        supervisees: home.supervisees.iter().map(|r| relation_line(tr, r)).collect(),
        reads_check_ins: home.supervisees.iter().any(|r| r.kind == SupervisionKind::Professional),
        led: home.led.iter().map(|s| line(tr, s, &a.s.zone)).collect(),
        own_relations: home.own_relations.iter().map(|r| relation_line(tr, r)).collect(),
        own_sessions: home.own_sessions.iter().map(|s| line(tr, s, &a.s.zone)).collect(),
        f,
        e,
    };
    if let Some(o) = home.overview {
        let mut rows = o.rows.clone();
        match sort {
            "name" => rows.sort_by(|x, y| x.peer_name.cmp(&y.peer_name).then(x.kind.cmp(&y.kind))),
            "due" => rows.sort_by_key(|r| (r.compliance.map(|c| c.due).unwrap_or(time::Date::MAX), r.peer_name.clone())),
            _ => rows.sort_by_key(|r| (!r.overdue(), r.compliance.is_none(), r.compliance.map(|c| c.due), r.peer_name.clone())),
        }
        page.due = rows.iter().map(|r| due_line(tr, r)).collect();
        let bars = o
            .compliance
            .iter()
            .map(|k| {
                let total = k.on_time + k.overdue;
                let pct = (k.on_time * 100 + total / 2).checked_div(total).unwrap_or(0);
                chart::bar(tr.code("supkind", k.kind.code()), pct as f64, pct.to_string())
            })
            .collect();
        // A share is drawn against the whole, so half on time fills half the axis.
        page.chart = chart::svg(&chart::bars(tr, tr.t("supervision-chart-title"), bars, Some(100.0)));
        page.chart_text = o
            .compliance
            .iter()
            .map(|k| {
                tr.i18n.t_args(
                    tr.lang,
                    "supervision-chart-line",
                    &[
                        ("kind", tr.code("supkind", k.kind.code()).into()),
                        ("on_time", (k.on_time as i64).into()),
                        ("overdue", (k.overdue as i64).into()),
                    ],
                )
            })
            .collect();
        page.requirements = o
            .requirements
            .iter()
            .map(|r| (r.role_title.clone(), tr.code("supkind", r.kind.code()), tr.n("supervision-every-weeks", "count", r.every_weeks)))
            .collect();
        page.roles = o.roles.clone();
        page.sessions = o.sessions.iter().map(|s| line(tr, s, &a.s.zone)).collect();
    }
    let status = if page.e.is_empty() { axum::http::StatusCode::OK } else { axum::http::StatusCode::UNPROCESSABLE_ENTITY };
    Ok(render_status(status, &page))
}

pub async fn home(a: Authed, RawQuery(q): RawQuery) -> Page {
    let q = FormData::query(q.as_deref());
    let sort = match q.get("sort") {
        "name" => "name",
        "due" => "due",
        _ => "overdue",
    };
    home_page(&a, sort, FormData::default(), Errs::none()).await
}

pub async fn requirement_save(a: Authed, body: Body) -> Page {
    let f = post_form(&a, body).await?;
    let mut e = ValidationErrors::new();
    let kind = e.check("kind", SupervisionKind::parse(f.get("kind")));
    let weeks = e.check("every_weeks", parse_every_weeks(f.get("every_weeks")));
    let result = match (kind, weeks) {
        (Some(k), Some(w)) if e.is_empty() => sv::set_requirement(&a.web.state.app, &a.ctx(), f.get("role_key"), k, w).await,
        _ => Err(AppError::Validation(e)),
    };
    match result {
        Ok(()) => Ok(see_other("/supervision")),
        Err(AppError::Validation(v)) => {
            let errs = Errs::from(&a.web.tr, &v);
            home_page(&a, "overdue", f, errs).await
        }
        Err(err) => Err(a.fail(&err)),
    }
}

async fn plan_form(a: &Authed, f: FormData) -> Result<FormPage, Response> {
    let tr = &a.web.tr;
    let home = sv::home(&a.web.state.app, &a.ctx()).await.or_page(a)?;
    let Some(o) = home.overview else { return Err(a.fail(&AppError::Forbidden)) };
    Ok(FormPage {
        c: Chrome::new(a, tr.t("supervision-plan")),
        f,
        e: Errs::none(),
        intro: tr.t("supervision-plan-intro"),
        action: "/supervision/sessions".into(),
        submit: tr.t("common-save"),
        cancel: "/supervision".into(),
        fields: vec![
            Field::select("kind", tr.t("supervision-kind"), options(tr, "supkind", SupervisionKind::ALL, |k| k.code()), true),
            Field::select("format", tr.t("supervision-format"), options(tr, "supformat", SupervisionFormat::ALL, |k| k.code()), true),
            Field::text("date", tr.t("supervision-date"), true).kind("date"),
            Field::text("time", tr.t("supervision-time"), true).kind("time"),
            Field::text("duration_minutes", tr.t("supervision-duration"), true).kind("number"),
            Field::select("supervisor", tr.t("supervision-supervisor"), o.supervisors.clone(), true),
            Field::checks("invited", tr.t("supervision-invited"), o.peers.clone()),
        ],
    })
}

pub async fn plan_new(a: Authed) -> Page {
    let f = FormData::from_pairs(vec![
        ("kind", "professional".into()),
        ("format", "individual".into()),
        ("time", "10:00".into()),
        ("duration_minutes", "60".into()),
    ]);
    Ok(render(&plan_form(&a, f).await?))
}

pub async fn plan_create(a: Authed, body: Body) -> Page {
    let f = post_form(&a, body).await?;
    let result = match SessionInput::parse_in(
        &a.s.zone,
        f.get("kind"),
        f.get("format"),
        f.get("date"),
        f.get("time"),
        f.get("duration_minutes"),
        f.get("supervisor"),
        &f.all("invited"),
    ) {
        Ok(i) => sv::plan_session(&a.web.state.app, &a.ctx(), i).await,
        Err(e) => Err(AppError::Validation(e)),
    };
    match result {
        Ok(id) => Ok(see_other(&format!("/supervision/sessions/{id}"))),
        Err(e) => form_failed(&a, plan_form(&a, f).await?, &e),
    }
}

#[derive(Template)]
#[template(path = "workforce/supervision_session.html")]
pub struct SessionPage {
    pub c: Chrome,
    pub id: String,
    pub facts: Vec<(String, String)>,
    pub professional: bool,
    pub note: String,
    pub note_withheld: bool,
    pub can_record: bool,
    pub can_note: bool,
    pub attendees: Vec<(String, String, bool)>,
    pub statuses: Vec<(String, String)>,
    pub topic_options: Vec<(String, String)>,
    pub f: FormData,
    pub e: Errs,
}

async fn session_page(a: &Authed, id: &str, f: Option<FormData>, e: Errs) -> Page {
    let tr = &a.web.tr;
    let d = sv::session(&a.web.state.app, &a.ctx(), id).await.or_page(a)?;
    let s = &d.summary;
    let f = f.unwrap_or_else(|| {
        let mut v: Vec<(&str, String)> = vec![("status", s.status.code().into()), ("note", d.note.clone().unwrap_or_default())];
        v.extend(s.topics.iter().map(|t| ("topics", t.code().to_owned())));
        v.extend(d.attendees.iter().filter(|x| x.2).map(|x| ("attended", x.0.to_string())));
        FormData::from_pairs(v)
    });
    let page = SessionPage {
        c: Chrome::new(a, tr.s("supervision-session-title", "date", &s.starts_at.short_in(&a.s.zone))),
        id: s.id.clone(),
        facts: vec![
            (tr.t("supervision-kind"), tr.code("supkind", s.kind.code())),
            (tr.t("supervision-format"), tr.code("supformat", s.format.code())),
            (tr.t("supervision-date"), s.starts_at.short_in(&a.s.zone)),
            (tr.t("supervision-duration"), tr.n("supervision-minutes", "count", s.duration_minutes)),
            (tr.t("supervision-supervisor"), s.supervisor_name.clone()),
            (tr.t("supervision-status"), tr.code("supstatus", s.status.code())),
            (tr.t("supervision-attendance"), format!("{}/{}", s.attended, s.invited)),
            (tr.t("supervision-topics"), topics(tr, &s.topics)),
        ],
        professional: s.kind == SupervisionKind::Professional,
        note: d.note.clone().unwrap_or_default(),
        note_withheld: d.note_withheld,
        can_record: d.can_record,
        can_note: d.can_note,
        attendees: d.attendees.iter().map(|(p, n, at)| (p.to_string(), n.clone(), *at)).collect(),
        statuses: options(tr, "supstatus", SupervisionStatus::ALL, |k| k.code()),
        topic_options: options(tr, "suptopic", SupervisionTopic::ALL, |k| k.code()),
        f,
        e,
    };
    let status = if page.e.is_empty() { axum::http::StatusCode::OK } else { axum::http::StatusCode::UNPROCESSABLE_ENTITY };
    Ok(render_status(status, &page))
}

pub async fn session_show(a: Authed, Path(id): Path<String>) -> Page {
    a.id::<uuid::Uuid>(&id)?;
    session_page(&a, &id, None, Errs::none()).await
}

pub async fn session_save(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    a.id::<uuid::Uuid>(&id)?;
    let f = post_form(&a, body).await?;
    // The note field is on the form only for those who may write it.
    let note = (f.get("note_present") == "1").then(|| f.get("note"));
    let result = match SessionRecord::parse(f.get("status"), &f.all("attended"), &f.all("topics"), note) {
        Ok(r) => sv::record_session(&a.web.state.app, &a.ctx(), &id, r).await,
        Err(e) => Err(AppError::Validation(e)),
    };
    match result {
        Ok(()) => Ok(see_other(&format!("/supervision/sessions/{id}"))),
        Err(AppError::Validation(v)) => {
            let e = Errs::from(&a.web.tr, &v);
            session_page(&a, &id, Some(f), e).await
        }
        Err(e) => Err(a.fail(&e)),
    }
}

#[derive(Template)]
#[template(path = "workforce/peer_supervision.html")]
pub struct PeerPage {
    pub c: Chrome,
    pub id: String,
    pub relations: Vec<RelationLine>,
    pub can_edit: bool,
    pub kinds: Vec<(String, String)>,
    pub members: Vec<(String, String)>,
    pub password: String,
    pub f: FormData,
    pub e: Errs,
}

async fn peer_page(a: &Authed, id: PeerWorkerId, f: FormData, e: Errs, password: String) -> Page {
    let tr = &a.web.tr;
    let p = sv::peer_supervision(&a.web.state.app, &a.ctx(), id).await.or_page(a)?;
    let page = PeerPage {
        c: Chrome::new(a, tr.s("supervision-peer-title", "name", &p.name)),
        id: id.to_string(),
        relations: p.relations.iter().map(|r| relation_line(tr, r)).collect(),
        can_edit: p.can_edit,
        kinds: options(tr, "supkind", SupervisionKind::ALL, |k| k.code()),
        members: p.candidates.iter().map(|(u, n, r)| (u.clone(), format!("{n} ({})", tr.code("role", r.code())))).collect(),
        password,
        f,
        e,
    };
    let status = if page.e.is_empty() { axum::http::StatusCode::OK } else { axum::http::StatusCode::UNPROCESSABLE_ENTITY };
    Ok(render_status(status, &page))
}

pub async fn peer_show(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<PeerWorkerId>(&id)?;
    peer_page(&a, id, FormData::from_pairs(vec![("kind", "professional".into())]), Errs::none(), String::new()).await
}

pub async fn peer_assign(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<PeerWorkerId>(&id)?;
    let f = post_form(&a, body).await?;
    let mut e = ValidationErrors::new();
    let kind = e.check("kind", SupervisionKind::parse(f.get("kind")));
    let who = if !f.get("email").trim().is_empty() {
        e.check("email", Email::parse(f.get("email"))).map(|email| Assign::External { name: f.get("display_name").to_owned(), email })
    } else {
        e.check("supervisor", f.get("supervisor").parse().map_err(|_| "err-supervisor")).map(Assign::Member)
    };
    let result = match (kind, who) {
        (Some(k), Some(w)) if e.is_empty() => sv::assign(&a.web.state.app, &a.ctx(), id, k, w).await,
        _ => Err(AppError::Validation(e)),
    };
    match result {
        Ok(None) => Ok(see_other(&format!("/peer-workers/{id}/supervision"))),
        Ok(Some(pw)) => peer_page(&a, id, FormData::from_pairs(vec![("kind", "professional".into())]), Errs::none(), pw).await,
        Err(AppError::Validation(v)) => {
            let errs = Errs::from(&a.web.tr, &v);
            peer_page(&a, id, f, errs, String::new()).await
        }
        Err(err) => Err(a.fail(&err)),
    }
}

// ---------------------------------------------------------------- wellbeing

pub struct CheckInLine {
    pub id: String,
    pub who: String,
    pub when: String,
    pub stress: i64,
    pub role_clarity: i64,
    pub support: i64,
    pub note: String,
    pub shared: bool,
}

pub struct MonthLine {
    pub month: String,
    pub suppressed: bool,
    pub check_ins: String,
    pub people: String,
    pub stress: String,
    pub role_clarity: String,
    pub support: String,
}

#[derive(Template)]
#[template(path = "workforce/wellbeing.html")]
pub struct WellbeingPage {
    pub c: Chrome,
    pub is_peer: bool,
    pub mine: Vec<CheckInLine>,
    pub chart: String,
    pub shared: Vec<CheckInLine>,
    pub manager: bool,
    pub months: Vec<MonthLine>,
    /// (field, label, low anchor, high anchor)
    pub scales: Vec<(String, String, String, String)>,
    pub f: FormData,
    pub e: Errs,
}

fn check_in_line(c: &wb::CheckInView, who: String, zone: &sammen_domain::time::Zone) -> CheckInLine {
    CheckInLine {
        id: c.id.clone(),
        who,
        when: c.answered_at.short_in(zone),
        stress: c.stress,
        role_clarity: c.role_clarity,
        support: c.support,
        note: c.note.clone().unwrap_or_default(),
        shared: c.shared,
    }
}

/// One of the wellbeing scales: its label key and how to read it from a check-in.
type Scale = (&'static str, fn(&wb::CheckInView) -> i64);

/// A line chart of the three scales over time (0–10), one category per check-in, with a
/// description that reads every check-in's three values.
fn trend(tr: &Tr, list: &[wb::CheckInView], zone: &sammen_domain::time::Zone) -> Option<Chart> {
    if list.is_empty() {
        return None;
    }
    let scales: [Scale; 3] =
        [("wellbeing-stress", |c| c.stress), ("wellbeing-role_clarity", |c| c.role_clarity), ("wellbeing-support", |c| c.support)];
    let desc = list
        .iter()
        .map(|c| {
            let values = scales.iter().map(|(key, f)| format!("{} {}", tr.t(key), f(c))).collect::<Vec<_>>().join(", ");
            format!("{}: {values}", c.answered_at.short_in(zone))
        })
        .collect::<Vec<_>>()
        .join("; ");
    Some(Chart {
        title: tr.t("wellbeing-trend-title"),
        description: desc,
        x_label: String::new(),
        y_label: String::new(),
        numbers: tr.numbers(),
        kind: ChartKind::Lines(Lines {
            categories: list.iter().map(|c| c.answered_at.short_in(zone)).collect(),
            series: scales
                .iter()
                .map(|(key, f)| Series { name: tr.t(key), values: list.iter().map(|c| Some(f(c) as f64)).collect() })
                .collect(),
            y_range: (0.0, 10.0),
            band: None,
        }),
    })
}

async fn wellbeing_page(a: &Authed, f: FormData, e: Errs) -> Page {
    let tr = &a.web.tr;
    let app = &a.web.state.app;
    let ctx = a.ctx();
    let mine = wb::mine(app, &ctx).await.or_page(a)?;
    let shared = wb::shared_with_me(app, &ctx).await.or_page(a)?;
    let manager = ctx.org.is_some_and(|o| sammen_domain::policy::view_wellbeing_aggregates(&ctx.actor, o).is_ok());
    let months = if manager { wb::aggregates(app, &ctx).await.or_page(a)? } else { Vec::new() };
    if mine.is_none() && shared.is_empty() && !manager && !has_supervisees(a).await {
        return Err(a.fail(&AppError::Forbidden));
    }
    let num = |x: f64| crate::measurement::pages::num(tr, x, 1);
    let list = mine.as_ref().map(|m| m.1.clone()).unwrap_or_default();
    let page = WellbeingPage {
        c: Chrome::new(a, tr.t("nav-wellbeing")),
        is_peer: mine.is_some(),
        chart: trend(tr, &list, &a.s.zone).map(|c| chart::svg(&c)).unwrap_or_default(),
        mine: list.iter().rev().map(|c| check_in_line(c, String::new(), &a.s.zone)).collect(),
        shared: shared.iter().map(|(n, c)| check_in_line(c, n.clone(), &a.s.zone)).collect(),
        manager,
        months: months
            .iter()
            .map(|m| match &m.shown {
                Some(s) => MonthLine {
                    month: m.month.clone(),
                    suppressed: false,
                    check_ins: s.check_ins.to_string(),
                    people: s.people.to_string(),
                    stress: num(s.stress),
                    role_clarity: num(s.role_clarity),
                    support: num(s.support),
                },
                None => MonthLine {
                    month: m.month.clone(),
                    suppressed: true,
                    check_ins: String::new(),
                    people: String::new(),
                    stress: String::new(),
                    role_clarity: String::new(),
                    support: String::new(),
                },
            })
            .collect(),
        scales: sammen_domain::workforce::wellbeing::SCALES
            .iter()
            .map(|s| {
                (
                    (*s).to_owned(),
                    tr.t(&format!("wellbeing-{s}")),
                    tr.t(&format!("wellbeing-{s}-low")),
                    tr.t(&format!("wellbeing-{s}-high")),
                )
            })
            .collect(),
        f,
        e,
    };
    let status = if page.e.is_empty() { axum::http::StatusCode::OK } else { axum::http::StatusCode::UNPROCESSABLE_ENTITY };
    Ok(render_status(status, &page))
}

/// Whether the reader supervises anyone (then the page lists what is shared with them, even if nothing is yet).
async fn has_supervisees(a: &Authed) -> bool {
    sv::home(&a.web.state.app, &a.ctx()).await.is_ok_and(|h| h.supervisees.iter().any(|r| r.kind == SupervisionKind::Professional))
}

pub async fn wellbeing(a: Authed) -> Page {
    let f = FormData::from_pairs(vec![("stress", "5".into()), ("role_clarity", "5".into()), ("support", "5".into())]);
    wellbeing_page(&a, f, Errs::none()).await
}

pub async fn wellbeing_answer(a: Authed, body: Body) -> Page {
    let f = post_form(&a, body).await?;
    let result = match CheckInInput::parse(f.get("stress"), f.get("role_clarity"), f.get("support"), f.opt("note"), f.checked("shared")) {
        Ok(i) => wb::answer(&a.web.state.app, &a.ctx(), i).await,
        Err(e) => Err(AppError::Validation(e)),
    };
    match result {
        Ok(_) => Ok(see_other("/wellbeing")),
        Err(AppError::Validation(v)) => {
            let e = Errs::from(&a.web.tr, &v);
            wellbeing_page(&a, f, e).await
        }
        Err(e) => Err(a.fail(&e)),
    }
}

pub async fn check_in_share(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    a.id::<uuid::Uuid>(&id)?;
    let f = post_form(&a, body).await?;
    wb::set_shared(&a.web.state.app, &a.ctx(), &id, f.get("shared") == "true").await.or_page(&a)?;
    Ok(see_other("/wellbeing"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails by panicking
mod tests {
    use sammen_domain::time::Timestamp;
    use sammen_domain::{PeerWorkerId, ids::uuid_v7};
    use sammen_i18n::Lang;
    use sammen_reports::ChartKind;

    use super::*;

    fn check_in(day: i64, stress: i64, role_clarity: i64, support: i64) -> wb::CheckInView {
        wb::CheckInView {
            id: String::new(),
            peer_id: PeerWorkerId::from_uuid(uuid_v7(1, [0; 10])),
            answered_at: Timestamp(1_767_225_600_000_000 + day * 86_400_000_000),
            stress,
            role_clarity,
            support,
            note: None,
            shared: false,
        }
    }

    #[test]
    fn the_trend_has_a_line_per_scale_and_reads_every_value() {
        let tr = crate::ui::chart::tests::tr(Lang::Da);
        let zone = sammen_domain::time::Zone::default();
        assert!(trend(&tr, &[], &zone).is_none());
        let list = [check_in(0, 7, 4, 6), check_in(14, 3, 8, 9)];
        let chart = trend(&tr, &list, &zone).unwrap();
        let ChartKind::Lines(lines) = &chart.kind else { panic!("a line chart") };
        assert_eq!(lines.y_range, (0.0, 10.0));
        assert_eq!(lines.categories, list.iter().map(|c| c.answered_at.short_in(&zone)).collect::<Vec<_>>());
        let names: Vec<&str> = lines.series.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Stress", "Klarhed om rollen", "Støtte"]);
        assert_eq!(lines.series[1].values, [Some(4.0), Some(8.0)]);
        let first = format!("{}: Stress 7, Klarhed om rollen 4, Støtte 6", list[0].answered_at.short_in(&zone));
        assert!(chart.description.starts_with(&first), "{}", chart.description);
        let svg = chart::svg(&chart);
        assert!(svg.contains("role=\"img\"") && svg.contains("<desc>") && svg.contains("<title>"), "{svg}");
    }
}
