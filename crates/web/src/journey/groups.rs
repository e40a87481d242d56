//! Group courses and open events: the list, the group form, a group's page (facilitators,
//! meetings, enrolled participants, attendance rates with small charts) and a meeting's
//! attendance form (a checkbox per enrolled participant, or an open event's head count).

use askama::Template;
use axum::body::Body;
use axum::extract::Path;
use axum::http::StatusCode;
use sammen_app::AppError;
use sammen_app::journey::groups::{self as gr, Attendance, GroupDetail, MeetingDetail};
use sammen_domain::directory::Mode;
use sammen_domain::journey::groups::{GroupInput, GroupKind, GroupStatus, MeetingInput, MeetingStatus, parse_head_count};
use sammen_domain::people::Role;
use sammen_domain::{GroupId, MeetingId, ParticipantId, ValidationErrors};
use sammen_reports::Chart;

use crate::form::FormData;
use crate::i18n::Tr;
use crate::session::Authed;
use crate::ui::chart;
use crate::ui::{
    Cell, Chrome, Errs, Field, FormPage, ListPage, OrPage, Page, Pager, form_failed, options, post_form, render, render_status, see_other,
};

fn is_manager(a: &Authed) -> bool {
    a.s.role().is_some_and(|r| matches!(r, Role::Administrator | Role::Coordinator))
}

/// Bars of attendance rates per meeting or member (`percent`: the axis reaches 100 %) or of
/// head counts per meeting; `None` when there is nothing to draw. The numbers are written
/// beside the bars and the description reads them all, as the table above the chart does.
fn counts_chart(tr: &Tr, title: String, rows: Vec<(String, i64)>, percent: bool) -> Option<Chart> {
    if rows.is_empty() {
        return None;
    }
    let bars =
        rows.into_iter().map(|(label, n)| chart::bar(label, n as f64, if percent { pct(tr, Some(n)) } else { n.to_string() })).collect();
    Some(chart::bars(tr, title, bars, percent.then_some(100.0)))
}

fn pct(tr: &Tr, rate: Option<i64>) -> String {
    rate.map_or_else(|| tr.t("groups-no-rate"), |r| format!("{r} %"))
}

// ---------------------------------------------------------------- list and form

pub async fn list(a: Authed) -> Page {
    let tr = &a.web.tr;
    let groups = gr::list_groups(&a.web.state.app, &a.ctx()).await.or_page(&a)?;
    let total = groups.len() as i64;
    let rows = groups
        .iter()
        .map(|s| {
            let g = &s.group.input;
            let enrolled = match (g.kind, g.capacity) {
                (GroupKind::OpenEvent, _) => "–".to_owned(),
                (_, Some(c)) => format!("{} / {c}", s.enrolled),
                (_, None) => s.enrolled.to_string(),
            };
            vec![
                Cell::link(g.name.clone(), format!("/groups/{}", s.group.id)),
                Cell::text(tr.code("gkind", g.kind.code())),
                Cell::text(s.next_meeting.map_or_else(|| "–".to_owned(), |n| n.short_in(&a.s.zone))),
                Cell::text(enrolled),
                Cell::text(tr.code("gstatus", g.status.code())),
            ]
        })
        .collect();
    Ok(render(&ListPage {
        c: Chrome::new(&a, tr.t("nav-groups")),
        intro: tr.t("groups-intro"),
        new_href: if is_manager(&a) { "/groups/new".into() } else { String::new() },
        new_label: tr.t("groups-new"),
        search: None,
        headers: vec![tr.t("group-name"), tr.t("group-kind"), tr.t("group-next-meeting"), tr.t("group-enrolled"), tr.t("group-status")],
        rows,
        pager: Pager::new(tr, 1, total, "/groups"),
        total,
    }))
}

async fn group_form(a: &Authed, title: String, action: String, cancel: String, f: FormData) -> FormPage {
    let tr = &a.web.tr;
    let all = sammen_store::Page { offset: 0, limit: 500 };
    let programmes = sammen_app::directory::list_programmes(&a.web.state.app, &a.ctx(), all).await.map(|p| p.0).unwrap_or_default();
    FormPage {
        c: Chrome::new(a, title),
        f,
        e: Errs::none(),
        intro: tr.t("groups-form-intro"),
        action,
        submit: tr.t("common-save"),
        cancel,
        fields: vec![
            Field::select("kind", tr.t("group-kind"), options(tr, "gkind", GroupKind::ALL, |k| k.code()), true),
            Field::text("name", tr.t("group-name"), true),
            Field::text("description", tr.t("group-description"), false).kind("textarea"),
            Field::select(
                "programme_id",
                tr.t("group-programme"),
                programmes.iter().map(|p| (p.id.to_string(), p.name.clone())).collect(),
                false,
            ),
            Field::select("mode", tr.t("group-mode"), options(tr, "mode", Mode::ALL, |m| m.code()), true),
            Field::text("place", tr.t("group-place"), false),
            Field::text("capacity", tr.t("group-capacity"), false).kind("number").hint(tr.t("hint-group-capacity")),
            Field::select("status", tr.t("group-status"), options(tr, "gstatus", GroupStatus::ALL, |s| s.code()), true),
        ],
    }
}

fn parse(f: &FormData) -> Result<GroupInput, AppError> {
    GroupInput::parse(
        f.get("kind"),
        f.get("name"),
        f.opt("description"),
        f.opt("programme_id"),
        f.get("mode"),
        f.opt("place"),
        f.opt("capacity"),
        f.get("status"),
    )
    .map_err(AppError::Validation)
}

fn pairs(g: &GroupInput) -> FormData {
    FormData::from_pairs(vec![
        ("kind", g.kind.code().into()),
        ("name", g.name.clone()),
        ("description", g.description.clone().unwrap_or_default()),
        ("programme_id", g.programme_id.clone().unwrap_or_default()),
        ("mode", g.mode.code().into()),
        ("place", g.place.clone().unwrap_or_default()),
        ("capacity", g.capacity.map(|c| c.to_string()).unwrap_or_default()),
        ("status", g.status.code().into()),
    ])
}

pub async fn new(a: Authed) -> Page {
    let f = FormData::from_pairs(vec![("kind", "course".into()), ("mode", "in_person".into()), ("status", "planned".into())]);
    Ok(render(&group_form(&a, a.web.tr.t("groups-new"), "/groups".into(), "/groups".into(), f).await))
}

pub async fn create(a: Authed, body: Body) -> Page {
    let f = post_form(&a, body).await?;
    let result = match parse(&f) {
        Ok(i) => gr::save_group(&a.web.state.app, &a.ctx(), None, i).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(g) => Ok(see_other(&format!("/groups/{}", g.id))),
        Err(e) => form_failed(&a, group_form(&a, a.web.tr.t("groups-new"), "/groups".into(), "/groups".into(), f).await, &e),
    }
}

pub async fn edit(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<GroupId>(&id)?;
    let g = gr::group_for_edit(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    Ok(render(&group_form(&a, a.web.tr.t("groups-edit"), format!("/groups/{id}"), format!("/groups/{id}"), pairs(&g.input)).await))
}

pub async fn update(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<GroupId>(&id)?;
    let f = post_form(&a, body).await?;
    let result = match parse(&f) {
        Ok(i) => gr::save_group(&a.web.state.app, &a.ctx(), Some(id), i).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(g) => Ok(see_other(&format!("/groups/{}", g.id))),
        Err(e) => form_failed(&a, group_form(&a, a.web.tr.t("groups-edit"), format!("/groups/{id}"), format!("/groups/{id}"), f).await, &e),
    }
}

// ---------------------------------------------------------------- a group's page

/// A meeting row: (href, when, duration, place, status, attendance).
pub struct MeetingRow {
    pub href: String,
    pub when: String,
    pub duration: String,
    pub place: String,
    pub status: String,
    pub attendance: String,
}

/// A member row: (participant id, pseudonym, name, enrolled, left, attended, rate, current).
pub struct MemberRow {
    pub id: String,
    pub pseudonym: String,
    pub name: String,
    pub enrolled: String,
    pub left: String,
    pub attended: String,
    pub rate: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "journey/group.html")]
pub struct GroupPage {
    pub c: Chrome,
    pub id: String,
    pub course: bool,
    pub description: String,
    pub facts: Vec<(String, String)>,
    pub facilitators: Vec<String>,
    pub meetings: Vec<MeetingRow>,
    pub meetings_chart: String,
    pub members: Vec<MemberRow>,
    pub members_chart: String,
    pub shows_names: bool,
    pub can_manage: bool,
    /// For managers: the organisation's peers (id, name) and participants (id, pseudonym · programme).
    pub peers: Vec<(String, String)>,
    pub participants: Vec<(String, String)>,
    pub places_left: String,
    pub full: bool,
    pub f: FormData,
    pub e: Errs,
}

fn group_page(a: &Authed, d: &GroupDetail, choices: (gr::Choices, gr::Choices), f: FormData, e: Errs) -> GroupPage {
    let tr = &a.web.tr;
    let g = &d.group.input;
    let course = g.kind == GroupKind::Course;
    let mut facts = vec![
        (tr.t("group-kind"), tr.code("gkind", g.kind.code())),
        (tr.t("group-status"), tr.code("gstatus", g.status.code())),
        (tr.t("group-mode"), tr.code("mode", g.mode.code())),
        (tr.t("group-place"), g.place.clone().unwrap_or_default()),
    ];
    let current = d.members.iter().filter(|m| m.left_at.is_none()).count() as i64;
    if course {
        let cap = g.capacity.map_or_else(|| tr.t("group-no-capacity"), |c| c.to_string());
        facts.push((tr.t("group-capacity"), cap));
        facts.push((tr.t("group-enrolled"), current.to_string()));
    }
    let meetings = d
        .meetings
        .iter()
        .map(|m| MeetingRow {
            href: format!("/group-meetings/{}", m.id),
            when: m.starts_at.short_in(&a.s.zone),
            duration: tr.n("group-minutes", "n", m.duration_minutes),
            place: m.place.clone().or_else(|| g.place.clone()).unwrap_or_default(),
            status: tr.code("mstatus", m.status.code()),
            attendance: match (m.status, course) {
                (MeetingStatus::Held, true) => format!("{} / {} · {}", m.present, m.recorded, pct(tr, m.rate)),
                (MeetingStatus::Held, false) => m.anonymous_count.map_or_else(|| "–".to_owned(), |n| tr.n("group-head-count-n", "n", n)),
                _ => "–".to_owned(),
            },
        })
        .collect();
    let held: Vec<_> = d.meetings.iter().filter(|m| m.status == MeetingStatus::Held).collect();
    let meetings_chart = if course {
        let bars: Vec<(String, i64)> =
            held.iter().filter_map(|m| m.rate.map(|r| (m.starts_at.in_zone(&a.s.zone).date().to_string(), r))).collect();
        counts_chart(tr, tr.t("group-chart-meetings"), bars, true)
    } else {
        let bars: Vec<(String, i64)> =
            held.iter().filter_map(|m| m.anonymous_count.map(|n| (m.starts_at.in_zone(&a.s.zone).date().to_string(), n))).collect();
        counts_chart(tr, tr.t("group-chart-head-counts"), bars, false)
    };
    let meetings_chart = meetings_chart.map(|c| chart::svg(&c)).unwrap_or_default();
    let members: Vec<MemberRow> = d
        .members
        .iter()
        .map(|m| MemberRow {
            id: m.participant_id.to_string(),
            pseudonym: m.pseudonym.clone(),
            name: m.name.clone().unwrap_or_default(),
            enrolled: m.enrolled_at.in_zone(&a.s.zone).date().to_string(),
            left: m.left_at.map(|l| l.in_zone(&a.s.zone).date().to_string()).unwrap_or_default(),
            attended: tr.i18n.t_args(tr.lang, "group-attended-of", &[("n", m.attended.into()), ("of", m.recorded.into())]),
            rate: pct(tr, m.rate),
            current: m.left_at.is_none(),
        })
        .collect();
    let bars: Vec<(String, i64)> = d.members.iter().filter_map(|m| m.rate.map(|r| (m.pseudonym.clone(), r))).collect();
    let members_chart = if course {
        counts_chart(tr, tr.t("group-chart-members"), bars, true).map(|c| chart::svg(&c)).unwrap_or_default()
    } else {
        String::new()
    };
    let (full, places_left) = match g.capacity {
        Some(c) => (current >= c, tr.n("group-places-left", "n", (c - current).max(0))),
        None => (false, String::new()),
    };
    GroupPage {
        c: Chrome::new(a, g.name.clone()),
        id: d.group.id.to_string(),
        course,
        description: g.description.clone().unwrap_or_default(),
        facts,
        facilitators: d.facilitators.iter().map(|(_, n)| n.clone()).collect(),
        meetings,
        meetings_chart,
        members,
        members_chart,
        shows_names: d.shows_names,
        can_manage: d.can_manage,
        peers: choices.0,
        participants: choices.1,
        places_left,
        full,
        f,
        e,
    }
}

/// The group's page, with the forms' values and errors when a form on it failed.
async fn show_with(a: &Authed, id: GroupId, f: Option<FormData>, e: Errs, status: StatusCode) -> Page {
    let app = &a.web.state.app;
    let d = gr::group(app, &a.ctx(), id).await.or_page(a)?;
    let choices = if d.can_manage { gr::choices(app, &a.ctx(), id).await.unwrap_or_default() } else { Default::default() };
    let f = f.unwrap_or_else(|| {
        let mut v: Vec<(&str, String)> = vec![("duration_minutes", "90".into()), ("time", "17:00".into())];
        v.extend(d.facilitators.iter().map(|(p, _)| ("facilitators", p.to_string())));
        FormData::from_pairs(v)
    });
    Ok(render_status(status, &group_page(a, &d, choices, f, e)))
}

pub async fn show(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<GroupId>(&id)?;
    show_with(&a, id, None, Errs::none(), StatusCode::OK).await
}

/// After a form on the group's page: back to the page, or the page with the errors (422).
async fn after(a: &Authed, id: GroupId, f: FormData, result: Result<(), AppError>) -> Page {
    match result {
        Ok(()) => Ok(see_other(&format!("/groups/{id}"))),
        Err(AppError::Validation(v)) => {
            let e = Errs::from(&a.web.tr, &v);
            show_with(a, id, Some(f), e, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(a.fail(&e)),
    }
}

pub async fn facilitators(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<GroupId>(&id)?;
    let f = post_form(&a, body).await?;
    let result = gr::set_facilitators(&a.web.state.app, &a.ctx(), id, f.all("facilitators")).await;
    after(&a, id, f, result).await
}

pub async fn meeting_create(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<GroupId>(&id)?;
    let f = post_form(&a, body).await?;
    let result =
        match MeetingInput::parse_in(&a.s.zone, f.get("date"), f.get("time"), f.get("duration_minutes"), f.opt("place"), f.opt("note")) {
            Ok(i) => gr::plan_meeting(&a.web.state.app, &a.ctx(), id, i).await.map(|_| ()),
            Err(e) => Err(AppError::Validation(e)),
        };
    after(&a, id, f, result).await
}

pub async fn enrol(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<GroupId>(&id)?;
    let f = post_form(&a, body).await?;
    let result = if f.get("participant_id").trim().is_empty() {
        Err(AppError::Validation(ValidationErrors::single("participant_id", "err-required")))
    } else {
        gr::enrol(&a.web.state.app, &a.ctx(), id, f.get("participant_id")).await
    };
    after(&a, id, f, result).await
}

pub async fn leave(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<GroupId>(&id)?;
    let f = post_form(&a, body).await?;
    let result = gr::leave(&a.web.state.app, &a.ctx(), id, f.get("participant_id")).await;
    after(&a, id, f, result).await
}

// ---------------------------------------------------------------- a meeting's attendance

/// One participant on the roll: (participant id, label, present).
pub struct RollRow {
    pub id: String,
    pub label: String,
    pub present: bool,
}

#[derive(Template)]
#[template(path = "journey/group_meeting.html")]
pub struct MeetingPage {
    pub c: Chrome,
    pub id: String,
    pub group_id: String,
    pub course: bool,
    pub facts: Vec<(String, String)>,
    pub roll: Vec<RollRow>,
    pub head_count: String,
    pub can_cancel: bool,
    pub cancelled: bool,
    pub e: Errs,
}

fn meeting_page(a: &Authed, d: &MeetingDetail, f: Option<&FormData>, e: Errs) -> MeetingPage {
    let tr = &a.web.tr;
    let m = &d.meeting;
    let g = &d.group.input;
    let course = g.kind == GroupKind::Course;
    let mut facts = vec![
        (tr.t("group-when"), m.starts_at.short_in(&a.s.zone)),
        (tr.t("group-duration"), tr.n("group-minutes", "n", m.duration_minutes)),
        (tr.t("group-place"), m.place.clone().or_else(|| g.place.clone()).unwrap_or_default()),
        (tr.t("group-status"), tr.code("mstatus", m.status.code())),
    ];
    if let Some(n) = &m.note {
        facts.push((tr.t("group-note"), n.clone()));
    }
    if course && m.status == MeetingStatus::Held {
        facts.push((tr.t("group-attendance"), format!("{} / {} · {}", m.present, m.recorded, pct(tr, m.rate))));
    }
    let roll = d
        .roll
        .iter()
        .map(|r| RollRow {
            id: r.participant_id.to_string(),
            label: match &r.name {
                Some(n) => format!("{} ({n})", r.pseudonym),
                None => r.pseudonym.clone(),
            },
            present: match f {
                Some(f) => f.has("present", &r.participant_id.to_string()),
                None => r.present,
            },
        })
        .collect();
    let head_count = match f {
        Some(f) => f.get("anonymous_count").to_owned(),
        None => m.anonymous_count.map(|n| n.to_string()).unwrap_or_default(),
    };
    MeetingPage {
        c: Chrome::new(a, format!("{} · {}", g.name, m.starts_at.short_in(&a.s.zone))),
        id: m.id.to_string(),
        group_id: d.group.id.to_string(),
        course,
        facts,
        roll,
        head_count,
        can_cancel: is_manager(a) && m.status == MeetingStatus::Planned,
        cancelled: m.status == MeetingStatus::Cancelled,
        e,
    }
}

pub async fn meeting_show(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<MeetingId>(&id)?;
    let d = gr::meeting(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    Ok(render(&meeting_page(&a, &d, None, Errs::none())))
}

pub async fn meeting_save(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<MeetingId>(&id)?;
    let f = post_form(&a, body).await?;
    let app = &a.web.state.app;
    let attendance = if f.opt("anonymous_count").is_some() {
        parse_head_count(f.get("anonymous_count"))
            .map(Attendance::HeadCount)
            .map_err(|m| AppError::Validation(ValidationErrors::single("anonymous_count", m)))
    } else {
        f.all("present")
            .iter()
            .map(|p| p.parse::<ParticipantId>())
            .collect::<Result<Vec<_>, _>>()
            .map(Attendance::Present)
            .map_err(|_| AppError::Validation(ValidationErrors::single("present", "err-not-enrolled")))
    };
    let result = match attendance {
        Ok(at) => gr::record_attendance(app, &a.ctx(), id, at).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(m) => Ok(see_other(&format!("/groups/{}", m.group_id))),
        Err(AppError::Validation(v)) => {
            let d = gr::meeting(app, &a.ctx(), id).await.or_page(&a)?;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &meeting_page(&a, &d, Some(&f), Errs::from(&a.web.tr, &v))))
        }
        Err(e) => Err(a.fail(&e)),
    }
}

pub async fn meeting_cancel(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<MeetingId>(&id)?;
    post_form(&a, body).await?;
    let m = gr::cancel_meeting(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    Ok(see_other(&format!("/groups/{}", m.group_id)))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails by panicking
mod tests {
    use sammen_i18n::Lang;

    use crate::ui::chart::tests::{axis_and_ends, tr};

    #[test]
    fn charts_read_their_values_and_scale_to_their_axis() {
        let da = tr(Lang::Da);
        let rates = vec![("2026-03-02".into(), 67), ("D-AB&C".into(), 0)];
        let chart = super::counts_chart(&da, "Fremmøde <pr. møde>".into(), rates, true).unwrap();
        let svg = crate::ui::chart::svg(&chart);
        assert!(svg.contains("<desc>2026-03-02: 67 %, D-AB&amp;C: 0 %</desc>"), "{svg}");
        assert!(svg.contains("<title>Fremmøde &lt;pr. møde&gt;</title>"), "{svg}");
        let (end, ends) = axis_and_ends(&chart);
        assert_eq!(end, 100.0, "rates are drawn against 100 %");
        assert!((ends[0] - 67.0).abs() < 1e-9 && ends[1].abs() < 1e-9, "{ends:?}");

        let counts =
            super::counts_chart(&da, "Deltagere".into(), vec![("2026-03-02".into(), 14), ("2026-03-09".into(), 9)], false).unwrap();
        assert!(crate::ui::chart::svg(&counts).contains("<desc>2026-03-02: 14, 2026-03-09: 9</desc>"));
        let (end, ends) = axis_and_ends(&counts);
        assert!((14.0..20.0).contains(&end), "head counts fit their axis: {end}");
        assert!((ends[0] - 14.0).abs() < 1e-9, "{ends:?}");
        assert!(super::counts_chart(&da, "Ingen".into(), Vec::new(), true).is_none(), "no chart without a value");
    }
}
