//! Dashboard, organisations, partnerships and programmes.

use askama::Template;
use axum::body::Body;
use axum::extract::{Path, RawQuery};
use sammen_app::directory::{self as dir, OrganisationView, PartnershipView, ProgrammeView};
use sammen_app::{AppError, people};
use sammen_domain::directory::{DataCategory, DeliveryModel, Mode, OrganisationInput, OrganisationKind, PartnershipInput, ProgrammeInput};
use sammen_domain::people::{Role, StaffInput};
use sammen_domain::time::Zone;
use sammen_domain::{OrgId, PartnershipId, ProgrammeId};

use crate::form::FormData;
use crate::session::Authed;
use crate::ui::{
    Action, Cell, Chrome, DetailPage, Errs, Field, FormPage, ListPage, OrPage, Page, Pager, SubForm, form_failed, options, page_of,
    post_form, render, see_other, store_page, yes_no,
};

#[derive(Template)]
#[template(path = "directory/dashboard.html")]
struct Dashboard {
    c: Chrome,
    greeting: String,
    stats: Option<Vec<(String, i64, String)>>,
    chart: String,
    links: Vec<(String, String)>,
    queues: super::front::Queues,
}

/// The start page: the role's work queues first, then the figures and shortcuts.
pub async fn dashboard(a: Authed) -> Page {
    let tr = &a.web.tr;
    // The queues first, so that the menu's count in the page's own chrome is the fresh one.
    let queues = super::front::queues(&a).await?;
    let c = Chrome::new(&a, tr.t("nav-dashboard"));
    let greeting = tr.s("dashboard-greeting", "name", &a.s.display_name);
    let mut links = Vec::new();
    let (stats, chart) = if a.s.org.is_some() {
        let d = people::dashboard(&a.web.state.app, &a.ctx()).await.or_page(&a)?;
        let mut stats: Vec<(String, i64, String)> = Vec::new();
        let mut chart = String::new();
        if let Some((w, act, closed)) = d.participants {
            let bars = [(tr.t("pstatus-waiting"), w), (tr.t("pstatus-active"), act), (tr.t("pstatus-closed"), closed)];
            let title = tr.t(if d.own_caseload { "dashboard-chart-title-own" } else { "dashboard-chart-title" });
            let drawn = bars.iter().map(|(label, n)| crate::ui::chart::bar(label.clone(), *n as f64, n.to_string())).collect();
            chart = crate::ui::chart::svg(&crate::ui::chart::bars(tr, title, drawn, None));
            for ((label, n), status) in bars.iter().zip(["waiting", "active", "closed"]) {
                stats.push((label.clone(), *n, format!("/participants?status={status}")));
            }
        }
        if let Some(n) = d.peers {
            stats.push((tr.t("nav-peer-workers"), n, "/peer-workers".into()));
        }
        stats.push((tr.t("nav-programmes"), d.programmes, "/programmes".into()));
        (Some(stats), chart)
    } else {
        (None, String::new())
    };
    if a.s.actor.system_admin {
        links.push(("/organisations".into(), tr.t("nav-organisations")));
        links.push(("/audit".into(), tr.t("nav-audit")));
    }
    if a.s.role() == Some(Role::PeerWorker) {
        // The calendar last: the caseload page has the feed to subscribe to.
        links.push(("/my#h-calendar".into(), tr.t("queue-calendar")));
    }
    links.push(("/account".into(), tr.t("nav-account")));
    Ok(render(&Dashboard { c, greeting, stats, chart, links, queues }))
}

// ---------------------------------------------------------------- organisations

pub async fn org_list(a: Authed) -> Page {
    let tr = &a.web.tr;
    let orgs = dir::list_orgs(&a.web.state.app, &a.ctx()).await.or_page(&a)?;
    let total = orgs.len() as i64;
    let rows = orgs
        .iter()
        .map(|o| {
            // The directory names every organisation; only one's own page opens.
            let name = if a.s.actor.system_admin || a.s.actor.role_in(o.id).is_some() {
                Cell::link(o.name.clone(), format!("/organisations/{}", o.id))
            } else {
                Cell::text(o.name.clone())
            };
            vec![name, Cell::text(tr.code("kind", o.kind.code())), Cell::text(yes_no(tr, o.require_totp))]
        })
        .collect();
    let sys = a.s.actor.system_admin;
    Ok(render(&ListPage {
        c: Chrome::new(&a, tr.t("nav-organisations")),
        intro: tr.t("orgs-intro"),
        new_href: if sys { "/organisations/new".into() } else { String::new() },
        new_label: tr.t("orgs-new"),
        search: None,
        headers: vec![tr.t("field-name"), tr.t("field-kind"), tr.t("field-require-totp")],
        rows,
        pager: Pager::new(tr, 1, total, "/organisations"),
        total,
    }))
}

fn org_form(a: &Authed, title: String, action: String, f: FormData, name_editable: bool) -> FormPage {
    let tr = &a.web.tr;
    let mut fields = Vec::new();
    if name_editable {
        fields.push(Field::text("name", tr.t("field-name"), true));
        fields.push(Field::select("kind", tr.t("field-kind"), options(tr, "kind", OrganisationKind::ALL, |k| k.code()), true));
    }
    fields.push(Field::flag("require_totp", tr.t("field-require-totp")));
    fields.push(Field::text("time_zone", tr.t("field-time-zone"), true).hint(tr.t("hint-time-zone")));
    FormPage {
        c: Chrome::new(a, title),
        f,
        e: Errs::none(),
        intro: String::new(),
        action,
        submit: tr.t("common-save"),
        cancel: "/organisations".into(),
        fields,
    }
}

fn org_pairs(o: &OrganisationView) -> FormData {
    FormData::from_pairs(vec![
        ("name", o.name.clone()),
        ("kind", o.kind.code().into()),
        ("require_totp", if o.require_totp { "on".into() } else { String::new() }),
        ("time_zone", o.time_zone.clone()),
    ])
}

pub async fn org_new(a: Authed) -> Page {
    if !a.s.actor.system_admin {
        return Err(a.fail(&AppError::Forbidden));
    }
    let defaults = FormData::from_pairs(vec![("time_zone", sammen_domain::time::DEFAULT_ZONE.to_owned())]);
    Ok(render(&org_form(&a, a.web.tr.t("orgs-new"), "/organisations".into(), defaults, true)))
}

pub async fn org_create(a: Authed, body: Body) -> Page {
    let f = post_form(&a, body).await?;
    let result = match OrganisationInput::parse(f.get("name"), f.get("kind"), f.checked("require_totp"), Some(f.get("time_zone"))) {
        Ok(input) => dir::create_org(&a.web.state.app, &a.ctx(), input).await,
        Err(v) => Err(AppError::Validation(v)),
    };
    match result {
        Ok(o) => Ok(see_other(&format!("/organisations/{}", o.id))),
        Err(e) => form_failed(&a, org_form(&a, a.web.tr.t("orgs-new"), "/organisations".into(), f, true), &e),
    }
}

fn org_detail(a: &Authed, o: &OrganisationView, f: FormData, e: Errs) -> DetailPage {
    let tr = &a.web.tr;
    let rows = vec![
        (tr.t("field-name"), o.name.clone()),
        (tr.t("field-kind"), tr.code("kind", o.kind.code())),
        (tr.t("field-require-totp"), yes_no(tr, o.require_totp)),
        (tr.t("field-time-zone"), o.time_zone.clone()),
        (tr.t("field-created"), o.created_at.short_in(&Zone::from_stored(&o.time_zone))),
    ];
    let can_edit = a.s.actor.system_admin || a.s.actor.role_in(o.id) == Some(Role::Administrator);
    let mut actions = if can_edit { vec![Action::link(format!("/organisations/{}/edit", o.id), tr.t("common-edit"))] } else { Vec::new() };
    // The public self-referral form, to link to from the organisation's own website.
    actions.push(Action::link(format!("/self-referral/{}", o.id), tr.t("org-self-referral-link")));
    // Recruitment: the public job page.
    actions.push(Action::link(format!("/jobs/{}", o.id), tr.t("org-jobs-link")));
    let mut page = DetailPage::new(Chrome::new(a, o.name.clone()), "/organisations", rows, actions);
    if a.s.actor.system_admin {
        page.subform = Some(SubForm {
            title: tr.t("orgs-add-admin"),
            action: format!("/organisations/{}/administrators", o.id),
            submit: tr.t("common-create"),
            fields: vec![
                Field::text("display_name", tr.t("field-display-name"), true),
                Field::text("email", tr.t("field-email"), true).kind("email"),
            ],
        });
        page.note = tr.t("orgs-admin-note");
    }
    page.f = f;
    page.e = e;
    page
}

pub async fn org_show(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<OrgId>(&id)?;
    let o = dir::get_org(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    Ok(render(&org_detail(&a, &o, FormData::default(), Errs::none())))
}

pub async fn org_edit(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<OrgId>(&id)?;
    let can = a.s.actor.system_admin || a.s.actor.role_in(id) == Some(Role::Administrator);
    if !can {
        return Err(a.fail(&AppError::NotFound));
    }
    let o = dir::get_org(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    Ok(render(&org_form(&a, o.name.clone(), format!("/organisations/{id}"), org_pairs(&o), a.s.actor.system_admin)))
}

pub async fn org_update(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let f = post_form(&a, body).await?;
    let id = a.id::<OrgId>(&id)?;
    let sys = a.s.actor.system_admin;
    // An organisation administrator changes settings only; name and kind stay as they are.
    let current = if sys { None } else { dir::get_org(&a.web.state.app, &a.ctx(), id).await.ok() };
    let (name, kind) = match &current {
        Some(o) => (o.name.clone(), o.kind.code().to_owned()),
        None => (f.get("name").to_owned(), f.get("kind").to_owned()),
    };
    let result = match OrganisationInput::parse(&name, &kind, f.checked("require_totp"), Some(f.get("time_zone"))) {
        Ok(input) => dir::update_org(&a.web.state.app, &a.ctx(), id, input).await,
        Err(v) => Err(AppError::Validation(v)),
    };
    match result {
        Ok(o) => Ok(see_other(&format!("/organisations/{}", o.id))),
        Err(e) => form_failed(&a, org_form(&a, a.web.tr.t("common-edit"), format!("/organisations/{id}"), f, sys), &e),
    }
}

/// The system administrator creates an organisation's first administrator; the one-time
/// password is shown once on the page.
pub async fn org_add_admin(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let f = post_form(&a, body).await?;
    let id = a.id::<OrgId>(&id)?;
    if !a.s.actor.system_admin {
        return Err(a.fail(&AppError::NotFound));
    }
    let org = dir::get_org(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    let result = match StaffInput::parse(f.get("email"), f.get("display_name"), Role::Administrator.code()) {
        Ok(input) => people::create_staff(&a.web.state.app, &a.ctx(), id, input, None).await,
        Err(v) => Err(AppError::Validation(v)),
    };
    match result {
        Ok((_, pw)) => {
            let mut page = org_detail(&a, &org, FormData::default(), Errs::none());
            page.c.notice = a.web.tr.s("staff-created-password", "password", &pw.unwrap_or_default());
            Ok(render(&page))
        }
        Err(AppError::Validation(v)) => {
            let e = Errs::from(&a.web.tr, &v);
            Ok(crate::ui::render_status(axum::http::StatusCode::UNPROCESSABLE_ENTITY, &org_detail(&a, &org, f, e)))
        }
        Err(e) => Err(a.fail(&e)),
    }
}

// ---------------------------------------------------------------- partnerships

async fn org_names(a: &Authed) -> Vec<OrganisationView> {
    dir::list_orgs(&a.web.state.app, &a.ctx()).await.unwrap_or_default()
}

fn names_of(orgs: &[OrganisationView], ids: &[OrgId]) -> String {
    ids.iter()
        .map(|i| orgs.iter().find(|o| o.id == *i).map(|o| o.name.clone()).unwrap_or_else(|| i.to_string()))
        .collect::<Vec<_>>()
        .join(", ")
}

pub async fn partnership_list(a: Authed) -> Page {
    let tr = &a.web.tr;
    let orgs = org_names(&a).await;
    let ps = dir::list_partnerships(&a.web.state.app, &a.ctx()).await.or_page(&a)?;
    let total = ps.len() as i64;
    let rows = ps
        .iter()
        .map(|p| {
            vec![
                Cell::link(p.name.clone(), format!("/partnerships/{}", p.id)),
                Cell::text(names_of(&orgs, &p.parties)),
                Cell::text(format!("{} – {}", p.valid_from, p.valid_to.clone().unwrap_or_default())),
                Cell::text(yes_no(tr, p.in_force)),
            ]
        })
        .collect();
    let can_create = a.s.actor.system_admin || a.s.role() == Some(Role::Administrator);
    Ok(render(&ListPage {
        c: Chrome::new(&a, tr.t("nav-partnerships")),
        intro: tr.t("partnerships-intro"),
        new_href: if can_create { "/partnerships/new".into() } else { String::new() },
        new_label: tr.t("partnerships-new"),
        search: None,
        headers: vec![tr.t("field-name"), tr.t("field-parties"), tr.t("field-period"), tr.t("field-in-force")],
        rows,
        pager: Pager::new(tr, 1, total, "/partnerships"),
        total,
    }))
}

fn partnership_form(a: &Authed, orgs: &[OrganisationView], title: String, action: String, f: FormData) -> FormPage {
    let tr = &a.web.tr;
    FormPage {
        c: Chrome::new(a, title),
        f,
        e: Errs::none(),
        intro: tr.t("partnerships-form-intro"),
        action,
        submit: tr.t("common-save"),
        cancel: "/partnerships".into(),
        fields: vec![
            Field::text("name", tr.t("field-name"), true),
            Field::text("purpose", tr.t("field-purpose"), true).kind("textarea"),
            Field::text("legal_basis", tr.t("field-legal-basis"), true).hint(tr.t("hint-legal-basis")),
            Field::checks("parties", tr.t("field-parties"), orgs.iter().map(|o| (o.id.to_string(), o.name.clone())).collect()),
            Field::checks("categories", tr.t("field-categories"), options(tr, "category", DataCategory::ALL, |c| c.code())),
            Field::text("valid_from", tr.t("field-valid-from"), true).kind("date"),
            Field::text("valid_to", tr.t("field-valid-to"), false).kind("date"),
        ],
    }
}

fn partnership_pairs(p: &PartnershipView) -> FormData {
    let mut v = vec![
        ("name", p.name.clone()),
        ("purpose", p.purpose.clone()),
        ("legal_basis", p.legal_basis.clone()),
        ("valid_from", p.valid_from.clone()),
        ("valid_to", p.valid_to.clone().unwrap_or_default()),
    ];
    v.extend(p.parties.iter().map(|o| ("parties", o.to_string())));
    v.extend(p.categories.iter().map(|c| ("categories", c.code().to_owned())));
    FormData::from_pairs(v)
}

fn parse_partnership(f: &FormData) -> Result<PartnershipInput, AppError> {
    PartnershipInput::parse(
        f.get("name"),
        f.get("purpose"),
        f.get("legal_basis"),
        &f.all("categories"),
        f.get("valid_from"),
        f.opt("valid_to"),
        &f.all("parties"),
    )
    .map_err(AppError::Validation)
}

pub async fn partnership_new(a: Authed) -> Page {
    let orgs = org_names(&a).await;
    let mut f = FormData::default();
    if let Some(o) = a.s.org {
        f = FormData::from_pairs(vec![("parties", o.to_string())]);
    }
    Ok(render(&partnership_form(&a, &orgs, a.web.tr.t("partnerships-new"), "/partnerships".into(), f)))
}

pub async fn partnership_create(a: Authed, body: Body) -> Page {
    let f = post_form(&a, body).await?;
    let result = match parse_partnership(&f) {
        Ok(input) => dir::save_partnership(&a.web.state.app, &a.ctx(), None, input).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(p) => Ok(see_other(&format!("/partnerships/{}", p.id))),
        Err(e) => {
            let orgs = org_names(&a).await;
            form_failed(&a, partnership_form(&a, &orgs, a.web.tr.t("partnerships-new"), "/partnerships".into(), f), &e)
        }
    }
}

pub async fn partnership_show(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<PartnershipId>(&id)?;
    let tr = &a.web.tr;
    let p = dir::get_partnership(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    let orgs = org_names(&a).await;
    let cats = p.categories.iter().map(|c| tr.code("category", c.code())).collect::<Vec<_>>().join(", ");
    let rows = vec![
        (tr.t("field-parties"), names_of(&orgs, &p.parties)),
        (tr.t("field-purpose"), p.purpose.clone()),
        (tr.t("field-legal-basis"), p.legal_basis.clone()),
        (tr.t("field-categories"), cats),
        (tr.t("field-valid-from"), p.valid_from.clone()),
        (tr.t("field-valid-to"), p.valid_to.clone().unwrap_or_default()),
        (tr.t("field-in-force"), yes_no(tr, p.in_force)),
    ];
    let can_edit = a.s.actor.system_admin || p.parties.iter().any(|o| a.s.actor.role_in(*o) == Some(Role::Administrator));
    let actions = if can_edit { vec![Action::link(format!("/partnerships/{id}/edit"), tr.t("common-edit"))] } else { Vec::new() };
    Ok(render(&DetailPage::new(Chrome::new(&a, p.name.clone()), "/partnerships", rows, actions)))
}

pub async fn partnership_edit(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<PartnershipId>(&id)?;
    let p = dir::get_partnership(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    let can_edit = a.s.actor.system_admin || p.parties.iter().any(|o| a.s.actor.role_in(*o) == Some(Role::Administrator));
    if !can_edit {
        return Err(a.fail(&AppError::NotFound));
    }
    let orgs = org_names(&a).await;
    Ok(render(&partnership_form(&a, &orgs, p.name.clone(), format!("/partnerships/{id}"), partnership_pairs(&p))))
}

pub async fn partnership_update(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let f = post_form(&a, body).await?;
    let id = a.id::<PartnershipId>(&id)?;
    let result = match parse_partnership(&f) {
        Ok(input) => dir::save_partnership(&a.web.state.app, &a.ctx(), Some(id), input).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(p) => Ok(see_other(&format!("/partnerships/{}", p.id))),
        Err(e) => {
            let orgs = org_names(&a).await;
            form_failed(&a, partnership_form(&a, &orgs, a.web.tr.t("common-edit"), format!("/partnerships/{id}"), f), &e)
        }
    }
}

// ---------------------------------------------------------------- programmes

pub async fn programme_list(a: Authed, RawQuery(q): RawQuery) -> Page {
    let tr = &a.web.tr;
    let page = page_of(FormData::query(q.as_deref()).opt("page"));
    let (ps, total) = dir::list_programmes(&a.web.state.app, &a.ctx(), store_page(page)).await.or_page(&a)?;
    let rows = ps
        .iter()
        .map(|p| {
            vec![
                Cell::link(p.name.clone(), format!("/programmes/{}", p.id)),
                Cell::text(p.delivery.iter().map(|d| tr.code("delivery", d.code())).collect::<Vec<_>>().join(", ")),
                Cell::text(p.modes.iter().map(|m| tr.code("mode", m.code())).collect::<Vec<_>>().join(", ")),
                Cell::text(yes_no(tr, p.active)),
            ]
        })
        .collect();
    let can = matches!(a.s.role(), Some(Role::Administrator | Role::Coordinator));
    Ok(render(&ListPage {
        c: Chrome::new(&a, tr.t("nav-programmes")),
        intro: tr.t("programmes-intro"),
        new_href: if can { "/programmes/new".into() } else { String::new() },
        new_label: tr.t("programmes-new"),
        search: None,
        headers: vec![tr.t("field-name"), tr.t("field-delivery"), tr.t("field-modes"), tr.t("field-active")],
        rows,
        pager: Pager::new(tr, page, total, "/programmes"),
        total,
    }))
}

fn programme_form(a: &Authed, title: String, action: String, f: FormData) -> FormPage {
    let tr = &a.web.tr;
    FormPage {
        c: Chrome::new(a, title),
        f,
        e: Errs::none(),
        intro: String::new(),
        action,
        submit: tr.t("common-save"),
        cancel: "/programmes".into(),
        fields: vec![
            Field::text("name", tr.t("field-name"), true),
            Field::text("description", tr.t("field-description"), false).kind("textarea"),
            Field::checks("delivery", tr.t("field-delivery"), options(tr, "delivery", DeliveryModel::ALL, |d| d.code())),
            Field::checks("modes", tr.t("field-modes"), options(tr, "mode", Mode::ALL, |m| m.code())),
            Field::text("locations", tr.t("field-locations"), false).kind("textarea").hint(tr.t("hint-locations")),
            Field::text("coordination_hours_per_month", tr.t("programme-coordination"), false).hint(tr.t("programme-coordination-hint")),
            Field::flag("active", tr.t("field-active")),
        ],
    }
}

fn programme_pairs(p: &ProgrammeView) -> FormData {
    let mut v = vec![
        ("name", p.name.clone()),
        ("description", p.description.clone().unwrap_or_default()),
        ("locations", p.locations.join("\n")),
        ("active", if p.active { "on".into() } else { String::new() }),
    ];
    v.extend(p.delivery.iter().map(|d| ("delivery", d.code().to_owned())));
    v.extend(p.modes.iter().map(|m| ("modes", m.code().to_owned())));
    FormData::from_pairs(v)
}

fn parse_programme(f: &FormData) -> Result<ProgrammeInput, AppError> {
    ProgrammeInput::parse(f.get("name"), f.opt("description"), &f.all("delivery"), &f.all("modes"), f.get("locations"), f.checked("active"))
        .map_err(AppError::Validation)
}

pub async fn programme_new(a: Authed) -> Page {
    Ok(render(&programme_form(&a, a.web.tr.t("programmes-new"), "/programmes".into(), FormData::from_pairs(vec![("active", "on".into())]))))
}

pub async fn programme_create(a: Authed, body: Body) -> Page {
    let f = post_form(&a, body).await?;
    let result = crate::measurement::report::save_programme_with_costs(&a, None, parse_programme(&f), &f).await;
    match result {
        Ok(p) => Ok(see_other(&format!("/programmes/{}", p.id))),
        Err(e) => form_failed(&a, programme_form(&a, a.web.tr.t("programmes-new"), "/programmes".into(), f), &e),
    }
}

pub async fn programme_show(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<ProgrammeId>(&id)?;
    let tr = &a.web.tr;
    let p = dir::get_programme(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    let rows = vec![
        (tr.t("field-description"), p.description.clone().unwrap_or_default()),
        (tr.t("field-delivery"), p.delivery.iter().map(|d| tr.code("delivery", d.code())).collect::<Vec<_>>().join(", ")),
        (tr.t("field-modes"), p.modes.iter().map(|m| tr.code("mode", m.code())).collect::<Vec<_>>().join(", ")),
        (tr.t("field-locations"), p.locations.join("; ")),
        (tr.t("field-active"), yes_no(tr, p.active)),
        (tr.t("programme-coordination"), crate::measurement::report::coordination_field(&a, id).await),
    ];
    let can = a.s.actor.has_role_in(p.organisation_id, &[Role::Administrator, Role::Coordinator]);
    let mut actions = if can { vec![Action::link(format!("/programmes/{id}/edit"), tr.t("common-edit"))] } else { Vec::new() };
    actions.push(Action::link(format!("/programmes/{id}/measurement-plans"), tr.t("plans-open")));
    if can {
        actions.push(Action::link(format!("/programmes/{id}/matching"), tr.t("matching-open")));
        actions.push(crate::journey::intake::programme_action(tr, id));
        // Follow-up completeness names people: managers only (policy::manage_measurement).
        actions.push(Action::link(format!("/programmes/{id}/follow-up"), tr.t("follow-up-open")));
    }
    let mut page = DetailPage::new(Chrome::new(&a, p.name.clone()), "/programmes", rows, actions);
    page.sections.extend(crate::measurement::outcomes::programme_section(&a, id).await?);
    Ok(render(&page))
}

pub async fn programme_edit(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<ProgrammeId>(&id)?;
    let p = dir::get_programme(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    if !a.s.actor.has_role_in(p.organisation_id, &[Role::Administrator, Role::Coordinator]) {
        return Err(a.fail(&AppError::NotFound));
    }
    let mut pairs = programme_pairs(&p).pairs().to_vec();
    pairs.push(("coordination_hours_per_month".into(), crate::measurement::report::coordination_field(&a, id).await));
    Ok(render(&programme_form(&a, p.name.clone(), format!("/programmes/{id}"), FormData::from_vec(pairs))))
}

pub async fn programme_update(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let f = post_form(&a, body).await?;
    let id = a.id::<ProgrammeId>(&id)?;
    let result = crate::measurement::report::save_programme_with_costs(&a, Some(id), parse_programme(&f), &f).await;
    match result {
        Ok(p) => Ok(see_other(&format!("/programmes/{}", p.id))),
        Err(e) => form_failed(&a, programme_form(&a, a.web.tr.t("common-edit"), format!("/programmes/{id}"), f), &e),
    }
}
