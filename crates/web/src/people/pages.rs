//! Staff, peer workers and participants.

use axum::body::Body;
use axum::extract::{Path, RawQuery};
use sammen_app::people::{self as ppl, ParticipantSearch, ParticipantView, PeerWorkerView, StaffView};
use sammen_app::{AppError, access::auth};
use sammen_domain::directory::Mode;
use sammen_domain::people::{Engagement, Gender, ParticipantInput, ParticipantStatus, PeerStatus, PeerWorkerInput, Role, StaffInput};
use sammen_domain::{ParticipantId, PeerWorkerId, UserId};

use crate::access::account::enc;
use crate::form::FormData;
use crate::session::Authed;
use crate::ui::{
    Action, Cell, Chrome, DetailPage, Errs, Field, FormPage, ListPage, OrPage, Page, Pager, SearchBox, form_failed, options, page_of,
    post_form, render, see_other, store_page, yes_no,
};

fn is(a: &Authed, roles: &[Role]) -> bool {
    a.s.role().is_some_and(|r| roles.contains(&r))
}

// ---------------------------------------------------------------- staff

pub async fn staff_list(a: Authed, RawQuery(q): RawQuery) -> Page {
    let tr = &a.web.tr;
    let page = page_of(FormData::query(q.as_deref()).opt("page"));
    let (staff, total) = ppl::list_staff(&a.web.state.app, &a.ctx(), store_page(page)).await.or_page(&a)?;
    let rows = staff
        .iter()
        .map(|s| {
            vec![
                Cell::link(s.display_name.clone(), format!("/staff/{}", s.id)),
                Cell::text(s.email.clone()),
                Cell::text(tr.code("role", s.role.code())),
                Cell::text(yes_no(tr, s.active)),
            ]
        })
        .collect();
    Ok(render(&ListPage {
        c: Chrome::new(&a, tr.t("nav-staff")),
        intro: tr.t("staff-intro"),
        new_href: if is(&a, &[Role::Administrator]) { "/staff/new".into() } else { String::new() },
        new_label: tr.t("staff-new"),
        search: None,
        headers: vec![tr.t("field-display-name"), tr.t("field-email"), tr.t("field-role"), tr.t("field-active")],
        rows,
        pager: Pager::new(tr, page, total, "/staff"),
        total,
    }))
}

fn staff_form(a: &Authed, title: String, action: String, f: FormData, new: bool) -> FormPage {
    let tr = &a.web.tr;
    let mut fields = vec![Field::text("display_name", tr.t("field-display-name"), true)];
    if new {
        fields.push(Field::text("email", tr.t("field-email"), true).kind("email"));
    }
    fields.push(Field::select("role", tr.t("field-role"), options(tr, "role", Role::ALL, |r| r.code()), true));
    if !new {
        fields.push(Field::flag("active", tr.t("field-active")));
    }
    FormPage {
        c: Chrome::new(a, title),
        f,
        e: Errs::none(),
        intro: if new { tr.t("staff-new-intro") } else { String::new() },
        action,
        submit: tr.t("common-save"),
        cancel: "/staff".into(),
        fields,
    }
}

pub async fn staff_new(a: Authed) -> Page {
    if !is(&a, &[Role::Administrator]) {
        return Err(a.fail(&AppError::Forbidden));
    }
    Ok(render(&staff_form(&a, a.web.tr.t("staff-new"), "/staff".into(), FormData::default(), true)))
}

pub async fn staff_create(a: Authed, body: Body) -> Page {
    let f = post_form(&a, body).await?;
    let Some(org) = a.s.org else { return Err(a.fail(&AppError::Forbidden)) };
    let result = match StaffInput::parse(f.get("email"), f.get("display_name"), f.get("role")) {
        Ok(i) => ppl::create_staff(&a.web.state.app, &a.ctx(), org, i, None).await,
        Err(v) => Err(AppError::Validation(v)),
    };
    match result {
        Ok((s, pw)) => {
            let mut page = staff_detail(&a, &s);
            page.c.notice = a.web.tr.s("staff-created-password", "password", &pw.unwrap_or_default());
            Ok(render(&page))
        }
        Err(e) => form_failed(&a, staff_form(&a, a.web.tr.t("staff-new"), "/staff".into(), f, true), &e),
    }
}

fn staff_detail(a: &Authed, s: &StaffView) -> DetailPage {
    let tr = &a.web.tr;
    let rows = vec![
        (tr.t("field-email"), s.email.clone()),
        (tr.t("field-role"), tr.code("role", s.role.code())),
        (tr.t("field-active"), yes_no(tr, s.active)),
        (tr.t("field-totp"), yes_no(tr, s.totp_enabled)),
        (tr.t("field-created"), s.created_at.short_in(&a.s.zone)),
    ];
    let mut actions = Vec::new();
    if is(a, &[Role::Administrator]) {
        actions.push(Action::link(format!("/staff/{}/edit", s.id), tr.t("common-edit")));
        actions.push(Action {
            href: format!("/staff/{}/reset-password", s.id),
            label: tr.t("staff-reset-password"),
            post: true,
            danger: true,
            confirm: tr.t("staff-reset-confirm"),
        });
    }
    DetailPage::new(Chrome::new(a, s.display_name.clone()), "/staff", rows, actions)
}

pub async fn staff_show(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<UserId>(&id)?;
    let s = ppl::get_staff(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    Ok(render(&staff_detail(&a, &s)))
}

pub async fn staff_edit(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<UserId>(&id)?;
    if !is(&a, &[Role::Administrator]) {
        return Err(a.fail(&AppError::NotFound));
    }
    let s = ppl::get_staff(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    let f = FormData::from_pairs(vec![
        ("display_name", s.display_name.clone()),
        ("role", s.role.code().into()),
        ("active", if s.active { "on".into() } else { String::new() }),
    ]);
    Ok(render(&staff_form(&a, s.display_name.clone(), format!("/staff/{id}"), f, false)))
}

pub async fn staff_update(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let f = post_form(&a, body).await?;
    let id = a.id::<UserId>(&id)?;
    match ppl::update_staff(&a.web.state.app, &a.ctx(), id, f.get("display_name"), f.get("role"), f.checked("active")).await {
        Ok(s) => Ok(see_other(&format!("/staff/{}", s.id))),
        Err(e) => form_failed(&a, staff_form(&a, a.web.tr.t("common-edit"), format!("/staff/{id}"), f, false), &e),
    }
}

pub async fn staff_reset(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    post_form(&a, body).await?;
    let id = a.id::<UserId>(&id)?;
    // The account must be one this page can show (staff of the active organisation) before
    // anything changes: a reset whose new password could not be shown would lock the user out
    // behind a "not found".
    let s = ppl::get_staff(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    let pw = auth::reset_password(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    let mut page = staff_detail(&a, &s);
    page.c.notice = a.web.tr.s("staff-reset-done", "password", &pw);
    Ok(render(&page))
}

// ---------------------------------------------------------------- peer workers

pub async fn peer_list(a: Authed, RawQuery(q): RawQuery) -> Page {
    let tr = &a.web.tr;
    let page = page_of(FormData::query(q.as_deref()).opt("page"));
    let (peers, total) = ppl::list_peers(&a.web.state.app, &a.ctx(), store_page(page)).await.or_page(&a)?;
    let rows = peers
        .iter()
        .map(|p| {
            vec![
                Cell::link(p.display_name.clone(), format!("/peer-workers/{}", p.id)),
                Cell::text(tr.code("engagement", p.engagement.code())),
                Cell::text(tr.code("peerstatus", p.status.code())),
                Cell::text(p.modes.iter().map(|m| tr.code("mode", m.code())).collect::<Vec<_>>().join(", ")),
                Cell::text(p.caseload.to_string()),
            ]
        })
        .collect();
    Ok(render(&ListPage {
        c: Chrome::new(&a, tr.t("nav-peer-workers")),
        intro: tr.t("peers-intro"),
        new_href: if is(&a, &[Role::Administrator, Role::Coordinator]) { "/peer-workers/new".into() } else { String::new() },
        new_label: tr.t("peers-new"),
        search: None,
        headers: vec![
            tr.t("field-display-name"),
            tr.t("field-engagement"),
            tr.t("field-status"),
            tr.t("field-modes"),
            tr.t("field-caseload"),
        ],
        rows,
        pager: Pager::new(tr, page, total, "/peer-workers"),
        total,
    }))
}

fn peer_form(a: &Authed, title: String, action: String, f: FormData) -> FormPage {
    let tr = &a.web.tr;
    FormPage {
        c: Chrome::new(a, title),
        f,
        e: Errs::none(),
        intro: tr.t("peers-form-intro"),
        action,
        submit: tr.t("common-save"),
        cancel: "/peer-workers".into(),
        fields: vec![
            Field::text("display_name", tr.t("field-display-name"), true),
            Field::text("email", tr.t("field-email"), false).kind("email").hint(tr.t("hint-peer-email")),
            Field::text("phone", tr.t("field-phone"), false).kind("tel"),
            Field::select("engagement", tr.t("field-engagement"), options(tr, "engagement", Engagement::ALL, |e| e.code()), true),
            Field::select("status", tr.t("field-status"), options(tr, "peerstatus", PeerStatus::ALL, |s| s.code()), true),
            Field::text("languages", tr.t("field-languages"), false).hint(tr.t("hint-languages")),
            Field::checks("modes", tr.t("field-modes"), options(tr, "mode", Mode::ALL, |m| m.code())),
        ],
    }
}

fn parse_peer(f: &FormData) -> Result<PeerWorkerInput, AppError> {
    PeerWorkerInput::parse(
        f.get("display_name"),
        f.opt("email"),
        f.opt("phone"),
        f.get("engagement"),
        f.get("status"),
        f.get("languages"),
        &f.all("modes"),
    )
    .map_err(AppError::Validation)
}

pub async fn peer_new(a: Authed) -> Page {
    let f = FormData::from_pairs(vec![("status", "active".into()), ("languages", "da".into())]);
    Ok(render(&peer_form(&a, a.web.tr.t("peers-new"), "/peer-workers".into(), f)))
}

pub async fn peer_create(a: Authed, body: Body) -> Page {
    let f = post_form(&a, body).await?;
    let result = match parse_peer(&f) {
        Ok(i) => ppl::save_peer(&a.web.state.app, &a.ctx(), None, i).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(p) => Ok(see_other(&format!("/peer-workers/{}", p.id))),
        Err(e) => form_failed(&a, peer_form(&a, a.web.tr.t("peers-new"), "/peer-workers".into(), f), &e),
    }
}

fn peer_pairs(p: &PeerWorkerView) -> FormData {
    let mut v = vec![
        ("display_name", p.display_name.clone()),
        ("email", p.email.clone().unwrap_or_default()),
        ("phone", p.phone.clone().unwrap_or_default()),
        ("engagement", p.engagement.code().into()),
        ("status", p.status.code().into()),
        ("languages", p.languages.join(", ")),
    ];
    v.extend(p.modes.iter().map(|m| ("modes", m.code().to_owned())));
    FormData::from_pairs(v)
}

pub async fn peer_show(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<PeerWorkerId>(&id)?;
    let tr = &a.web.tr;
    let p = ppl::get_peer(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    let rows = vec![
        (tr.t("field-email"), p.email.clone().unwrap_or_default()),
        (tr.t("field-phone"), p.phone.clone().unwrap_or_default()),
        (tr.t("field-engagement"), tr.code("engagement", p.engagement.code())),
        (tr.t("field-status"), tr.code("peerstatus", p.status.code())),
        (tr.t("field-languages"), p.languages.join(", ")),
        (tr.t("field-modes"), p.modes.iter().map(|m| tr.code("mode", m.code())).collect::<Vec<_>>().join(", ")),
        (tr.t("field-caseload"), p.caseload.to_string()),
        (tr.t("field-has-login"), yes_no(tr, p.user_id.is_some())),
    ];
    let can = a.s.actor.has_role_in(p.organisation_id, &[Role::Administrator, Role::Coordinator]);
    let mut actions = vec![Action::link(format!("/peer-workers/{id}/profile"), tr.t("profile-link"))];
    if can || a.s.actor.peer_worker_ids.contains(&id) {
        actions.push(Action::link(format!("/peer-workers/{id}/engagements"), tr.t("engagements-link")));
    }
    if can {
        actions.push(Action::link(format!("/peer-workers/{id}/edit"), tr.t("common-edit")));
    }
    // onboarding and training
    if can || a.s.actor.peer_worker_ids.contains(&id) {
        actions.push(Action::link(format!("/peer-workers/{id}/training"), tr.t("training-record-link")));
        actions.push(Action::link(format!("/peer-workers/{id}/onboarding"), tr.t("onboarding-link")));
    }
    Ok(render(&DetailPage::new(Chrome::new(&a, p.display_name.clone()), "/peer-workers", rows, actions)))
}

pub async fn peer_edit(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<PeerWorkerId>(&id)?;
    let p = ppl::get_peer(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    if !a.s.actor.has_role_in(p.organisation_id, &[Role::Administrator, Role::Coordinator]) {
        return Err(a.fail(&AppError::NotFound));
    }
    Ok(render(&peer_form(&a, p.display_name.clone(), format!("/peer-workers/{id}"), peer_pairs(&p))))
}

pub async fn peer_update(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let f = post_form(&a, body).await?;
    let id = a.id::<PeerWorkerId>(&id)?;
    let result = match parse_peer(&f) {
        Ok(i) => ppl::save_peer(&a.web.state.app, &a.ctx(), Some(id), i).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(p) => Ok(see_other(&format!("/peer-workers/{}", p.id))),
        Err(e) => form_failed(&a, peer_form(&a, a.web.tr.t("common-edit"), format!("/peer-workers/{id}"), f), &e),
    }
}

// ---------------------------------------------------------------- participants

pub async fn participant_list(a: Authed, RawQuery(q): RawQuery) -> Page {
    let tr = &a.web.tr;
    let f = FormData::query(q.as_deref());
    let page = page_of(f.opt("page"));
    let search = ParticipantSearch {
        text: Some(f.get("q").to_owned()).filter(|t| !t.trim().is_empty()),
        status: ParticipantStatus::parse(f.get("status")).ok(),
        programme: None,
    };
    let (list, total) = ppl::search_participants(&a.web.state.app, &a.ctx(), search, store_page(page)).await.or_page(&a)?;
    let rows = list
        .iter()
        .map(|p| {
            vec![
                Cell::link(p.pseudonym.clone(), format!("/participants/{}", p.id)),
                Cell::text(p.name.clone().unwrap_or_default()),
                Cell::text(tr.code("pstatus", p.status.code())),
                Cell::text(p.programme_name.clone().unwrap_or_default()),
                Cell::text(p.assigned_peer_name.clone().unwrap_or_default()),
            ]
        })
        .collect();
    let base = format!("/participants?q={}&status={}", enc(f.get("q")), enc(f.get("status")));
    Ok(render(&ListPage {
        c: Chrome::new(&a, tr.t("nav-participants")),
        intro: tr.t("participants-intro"),
        new_href: if is(&a, &[Role::Administrator, Role::Coordinator]) { "/participants/new".into() } else { String::new() },
        new_label: tr.t("participants-new"),
        search: Some(SearchBox {
            action: "/participants".into(),
            label: tr.t("participants-search"),
            q: f.get("q").to_owned(),
            status: f.get("status").to_owned(),
            status_label: tr.t("field-status"),
            statuses: options(tr, "pstatus", ParticipantStatus::ALL, |s| s.code()),
        }),
        headers: vec![tr.t("field-pseudonym"), tr.t("field-name"), tr.t("field-status"), tr.t("field-programme"), tr.t("field-peer")],
        rows,
        pager: Pager::new(tr, page, total, &base),
        total,
    }))
}

async fn participant_form(a: &Authed, title: String, action: String, f: FormData) -> FormPage {
    let tr = &a.web.tr;
    let app = &a.web.state.app;
    let ctx = a.ctx();
    let all = sammen_store::Page { offset: 0, limit: 500 };
    let programmes = sammen_app::directory::list_programmes(app, &ctx, all).await.map(|p| p.0).unwrap_or_default();
    let peers = ppl::list_peers(app, &ctx, all).await.map(|p| p.0).unwrap_or_default();
    FormPage {
        c: Chrome::new(a, title),
        f,
        e: Errs::none(),
        intro: tr.t("participants-form-intro"),
        action,
        submit: tr.t("common-save"),
        cancel: "/participants".into(),
        fields: vec![
            Field::text("name", tr.t("field-name"), false).hint(tr.t("hint-participant-name")),
            Field::select("status", tr.t("field-status"), options(tr, "pstatus", ParticipantStatus::ALL, |s| s.code()), true),
            Field::select(
                "programme_id",
                tr.t("field-programme"),
                programmes.iter().map(|p| (p.id.to_string(), p.name.clone())).collect(),
                false,
            ),
            Field::select(
                "assigned_peer_id",
                tr.t("field-peer"),
                peers.iter().filter(|p| p.status == PeerStatus::Active).map(|p| (p.id.to_string(), p.display_name.clone())).collect(),
                false,
            ),
            Field::text("birth_year", tr.t("field-birth-year"), false).kind("number"),
            Field::select("gender", tr.t("field-gender"), options(tr, "gender", Gender::ALL, |g| g.code()), false),
            Field::text("languages", tr.t("field-languages"), false).hint(tr.t("hint-languages")),
            Field::text("phone", tr.t("field-phone"), false).kind("tel"),
            Field::text("email", tr.t("field-email"), false).kind("email"),
            Field::text("cpr", tr.t("field-cpr"), false).hint(tr.t("hint-cpr")),
        ],
    }
}

fn parse_participant(a: &Authed, f: &FormData) -> Result<(ParticipantInput, Option<PeerWorkerId>), AppError> {
    let year = a.s.zone.today(a.web.state.app.now()).year();
    let mut input = ParticipantInput::parse(
        f.opt("name"),
        f.opt("cpr"),
        f.opt("birth_year"),
        f.opt("gender"),
        f.opt("phone"),
        f.opt("email"),
        f.opt("programme_id"),
        f.get("status"),
        f.get("languages"),
        year,
    );
    let peer = match f.get("assigned_peer_id").trim() {
        "" => Ok(None),
        p => p.parse::<PeerWorkerId>().map(Some).map_err(|_| "err-choice"),
    };
    match (&mut input, peer) {
        (Ok(_), Ok(p)) => input.map(|i| (i, p)).map_err(AppError::Validation),
        (Err(e), Err(m)) => {
            e.add("assigned_peer_id", m);
            Err(AppError::Validation(e.clone()))
        }
        (Err(e), Ok(_)) => Err(AppError::Validation(e.clone())),
        (Ok(_), Err(m)) => Err(AppError::Validation(sammen_domain::ValidationErrors::single("assigned_peer_id", m))),
    }
}

pub async fn participant_new(a: Authed) -> Page {
    if !is(&a, &[Role::Administrator, Role::Coordinator]) {
        return Err(a.fail(&AppError::Forbidden));
    }
    let f = FormData::from_pairs(vec![("status", "waiting".into()), ("languages", "da".into())]);
    Ok(render(&participant_form(&a, a.web.tr.t("participants-new"), "/participants".into(), f).await))
}

pub async fn participant_create(a: Authed, body: Body) -> Page {
    let f = post_form(&a, body).await?;
    let result = match parse_participant(&a, &f) {
        Ok((i, peer)) => ppl::create_participant(&a.web.state.app, &a.ctx(), i, peer).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(p) => Ok(see_other(&format!("/participants/{}", p.id))),
        Err(e) => {
            let page = participant_form(&a, a.web.tr.t("participants-new"), "/participants".into(), f).await;
            form_failed(&a, page, &e)
        }
    }
}

fn participant_pairs(p: &ParticipantView) -> FormData {
    FormData::from_pairs(vec![
        ("name", p.name.clone().unwrap_or_default()),
        ("status", p.status.code().into()),
        ("programme_id", p.programme_id.map(|x| x.to_string()).unwrap_or_default()),
        ("assigned_peer_id", p.assigned_peer_id.map(|x| x.to_string()).unwrap_or_default()),
        ("birth_year", p.birth_year.map(|y| y.to_string()).unwrap_or_default()),
        ("gender", p.gender.map(|g| g.code().to_owned()).unwrap_or_default()),
        ("languages", p.languages.join(", ")),
        ("phone", p.phone.clone().unwrap_or_default()),
        ("email", p.email.clone().unwrap_or_default()),
        ("cpr", p.cpr.clone().filter(|c| !c.ends_with("XXXX")).unwrap_or_default()),
    ])
}

pub async fn participant_show(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<ParticipantId>(&id)?;
    let tr = &a.web.tr;
    let p = ppl::get_participant(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    let rows = vec![
        (tr.t("field-pseudonym"), p.pseudonym.clone()),
        (tr.t("field-name"), p.name.clone().unwrap_or_default()),
        (tr.t("field-status"), tr.code("pstatus", p.status.code())),
        (tr.t("field-programme"), p.programme_name.clone().unwrap_or_default()),
        (tr.t("field-peer"), p.assigned_peer_name.clone().unwrap_or_default()),
        (tr.t("field-birth-year"), p.birth_year.map(|y| y.to_string()).unwrap_or_default()),
        (tr.t("field-gender"), p.gender.map(|g| tr.code("gender", g.code())).unwrap_or_default()),
        (tr.t("field-languages"), p.languages.join(", ")),
        (tr.t("field-phone"), p.phone.clone().unwrap_or_default()),
        (tr.t("field-email"), p.email.clone().unwrap_or_default()),
        (tr.t("field-cpr"), p.cpr.clone().unwrap_or_default()),
        (tr.t("field-created"), p.created_at.short_in(&a.s.zone)),
    ];
    let can = a.s.actor.has_role_in(p.organisation_id, &[Role::Administrator, Role::Coordinator]);
    let mut actions = vec![
        Action::link(format!("/participants/{id}/courses"), tr.t("courses-and-wishes")),
        crate::measurement::pages::participant_action(tr, id),
    ];
    if a.s.actor.role_in(p.organisation_id).is_some() {
        actions.push(crate::journey::intake::participant_action(tr, id));
    }
    if can {
        actions.push(Action::link(format!("/participants/{id}/edit"), tr.t("common-edit")));
        actions.push(Action {
            href: format!("/participants/{id}/delete"),
            label: tr.t("common-delete"),
            post: true,
            danger: true,
            confirm: tr.t("participants-delete-confirm"),
        });
    }
    let title = p.name.clone().unwrap_or_else(|| p.pseudonym.clone());
    let mut page = DetailPage::new(Chrome::new(&a, title), "/participants", rows, actions);
    if a.s.actor.role_in(p.organisation_id).is_none() {
        page.note = tr.t("participants-partner-note");
    }
    Ok(render(&page))
}

pub async fn participant_edit(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<ParticipantId>(&id)?;
    let p = ppl::get_participant(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    if !a.s.actor.has_role_in(p.organisation_id, &[Role::Administrator, Role::Coordinator]) {
        return Err(a.fail(&AppError::NotFound));
    }
    let title = p.name.clone().unwrap_or_else(|| p.pseudonym.clone());
    Ok(render(&participant_form(&a, title, format!("/participants/{id}"), participant_pairs(&p)).await))
}

pub async fn participant_update(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let f = post_form(&a, body).await?;
    let id = a.id::<ParticipantId>(&id)?;
    let result = match parse_participant(&a, &f) {
        Ok((i, peer)) => ppl::update_participant(&a.web.state.app, &a.ctx(), id, i, peer).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(p) => Ok(see_other(&format!("/participants/{}", p.id))),
        Err(e) => {
            let page = participant_form(&a, a.web.tr.t("common-edit"), format!("/participants/{id}"), f).await;
            form_failed(&a, page, &e)
        }
    }
}

pub async fn participant_delete(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    post_form(&a, body).await?;
    let id = a.id::<ParticipantId>(&id)?;
    ppl::delete_participant(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    Ok(see_other("/participants"))
}
