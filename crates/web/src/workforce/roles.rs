//! The peer workforce pages: role descriptions (list, new, a version with its history, a new
//! version, and the function description as a PDF).

use askama::Template;
use axum::body::Body;
use axum::extract::Path;
use sammen_app::AppError;
use sammen_app::workforce::roles::{self as wf, RoleView};
use sammen_domain::people::{Engagement, Role};
use sammen_domain::workforce::roles::{EngagementInput, EngagementKind, RequiredTraining, RoleFunction, RoleInput, Setting, Term};
use sammen_domain::{PeerWorkerId, RoleId};
use sammen_reports::{Block, Report};

use crate::form::FormData;
use crate::i18n::Tr;
use crate::session::Authed;
use crate::ui::{Cell, Chrome, Field, FormPage, ListPage, OrPage, Page, Pager, form_failed, options, post_form, render, see_other};

fn is_manager(a: &Authed) -> bool {
    a.s.role().is_some_and(|r| matches!(r, Role::Administrator | Role::Coordinator))
}

pub async fn list(a: Authed) -> Page {
    let tr = &a.web.tr;
    let roles = wf::list_roles(&a.web.state.app, &a.ctx()).await.or_page(&a)?;
    let total = roles.len() as i64;
    let rows = roles
        .iter()
        .map(|r| {
            vec![
                Cell::link(r.input.title.clone(), format!("/roles/{}", r.id)),
                Cell::text(tr.code("setting", r.input.setting.code())),
                Cell::text(tr.code("engagement", r.input.engagement.code())),
                Cell::text(crate::measurement::pages::num(tr, r.input.hours_per_week, 1)),
                Cell::text(r.version.to_string()),
            ]
        })
        .collect();
    Ok(render(&ListPage {
        c: Chrome::new(&a, tr.t("nav-roles")),
        intro: tr.t("roles-intro"),
        new_href: if is_manager(&a) { "/roles/new".into() } else { String::new() },
        new_label: tr.t("roles-new"),
        search: None,
        headers: vec![tr.t("role-title"), tr.t("role-setting"), tr.t("field-engagement"), tr.t("role-hours"), tr.t("role-version")],
        rows,
        pager: Pager::new(tr, 1, total, "/roles"),
        total,
    }))
}

fn role_form(a: &Authed, title: String, action: String, f: FormData) -> FormPage {
    let tr = &a.web.tr;
    FormPage {
        c: Chrome::new(a, title),
        f,
        e: crate::ui::Errs::none(),
        intro: tr.t("roles-form-intro"),
        action,
        submit: tr.t("common-save"),
        cancel: "/roles".into(),
        fields: vec![
            Field::text("title", tr.t("role-title"), true),
            Field::text("purpose", tr.t("role-purpose"), true).kind("textarea"),
            Field::text("tasks", tr.t("role-tasks"), true).kind("textarea").hint(tr.t("hint-one-per-line")),
            Field::select("setting", tr.t("role-setting"), options(tr, "setting", Setting::ALL, |s| s.code()), true),
            Field::checks("functions", tr.t("role-functions"), options(tr, "function", RoleFunction::ALL, |s| s.code())),
            Field::select("engagement", tr.t("field-engagement"), options(tr, "engagement", Engagement::ALL, |s| s.code()), true),
            Field::text("hours_per_week", tr.t("role-hours"), true),
            Field::select("term", tr.t("role-term"), options(tr, "term", Term::ALL, |s| s.code()), true),
            Field::text("competences", tr.t("role-competences"), false).kind("textarea").hint(tr.t("hint-competences")),
            Field::checks("training", tr.t("role-training"), options(tr, "training", RequiredTraining::ALL, |s| s.code())),
        ],
    }
}

fn parse(f: &FormData) -> Result<RoleInput, AppError> {
    RoleInput::parse(
        f.get("title"),
        f.get("purpose"),
        f.get("tasks"),
        f.get("setting"),
        &f.all("functions"),
        f.get("engagement"),
        f.get("hours_per_week"),
        f.get("term"),
        f.get("competences"),
        &f.all("training"),
    )
    .map_err(AppError::Validation)
}

fn pairs(tr: &Tr, r: &RoleInput) -> FormData {
    let mut v: Vec<(&str, String)> = vec![
        ("title", r.title.clone()),
        ("purpose", r.purpose.clone()),
        ("tasks", r.tasks.join("\n")),
        ("setting", r.setting.code().into()),
        ("engagement", r.engagement.code().into()),
        ("hours_per_week", tr.num_field(r.hours_per_week, 1)),
        ("term", r.term.code().into()),
        ("competences", r.competences.join("\n")),
    ];
    v.extend(r.functions.iter().map(|x| ("functions", x.code().to_owned())));
    v.extend(r.training.iter().map(|x| ("training", x.code().to_owned())));
    FormData::from_pairs(v)
}

pub async fn new(a: Authed) -> Page {
    let f = FormData::from_pairs(vec![
        ("tasks", String::new()),
        ("competences", a.web.tr.t("role-default-competences")),
        ("term", "permanent".into()),
        ("engagement", "paid".into()),
    ]);
    Ok(render(&role_form(&a, a.web.tr.t("roles-new"), "/roles".into(), f)))
}

pub async fn create(a: Authed, body: Body) -> Page {
    let f = post_form(&a, body).await?;
    let result = match parse(&f) {
        Ok(i) => wf::save_role(&a.web.state.app, &a.ctx(), None, i).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(r) => Ok(see_other(&format!("/roles/{}", r.id))),
        Err(e) => form_failed(&a, role_form(&a, a.web.tr.t("roles-new"), "/roles".into(), f), &e),
    }
}

#[derive(Template)]
#[template(path = "workforce/role.html")]
pub struct RolePage {
    pub c: Chrome,
    pub id: String,
    pub purpose: String,
    pub facts: Vec<(String, String)>,
    pub tasks: Vec<String>,
    pub competences: Vec<String>,
    pub history: Vec<(String, String, bool)>,
    pub can_edit: bool,
    pub current: bool,
}

fn facts(tr: &Tr, r: &RoleInput) -> Vec<(String, String)> {
    vec![
        (tr.t("role-setting"), tr.code("setting", r.setting.code())),
        (tr.t("role-functions"), r.functions.iter().map(|f| tr.code("function", f.code())).collect::<Vec<_>>().join(", ")),
        (tr.t("field-engagement"), tr.code("engagement", r.engagement.code())),
        (tr.t("role-hours"), crate::measurement::pages::num(tr, r.hours_per_week, 1)),
        (tr.t("role-term"), tr.code("term", r.term.code())),
        (tr.t("role-training"), r.training.iter().map(|t| tr.code("training", t.code())).collect::<Vec<_>>().join(", ")),
    ]
}

pub async fn show(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<RoleId>(&id)?;
    let tr = &a.web.tr;
    let (r, history) = wf::role(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    Ok(render(&RolePage {
        c: Chrome::new(&a, format!("{} ({} {})", r.input.title, tr.t("role-version"), r.version)),
        id: r.id.to_string(),
        purpose: r.input.purpose.clone(),
        facts: facts(tr, &r.input),
        tasks: r.input.tasks.clone(),
        competences: r.input.competences.clone(),
        history: history
            .iter()
            .map(|h| {
                (
                    format!("/roles/{}", h.id),
                    format!("{} {} · {}", tr.t("role-version"), h.version, h.created_at.short_in(&a.s.zone)),
                    h.id == r.id,
                )
            })
            .collect(),
        can_edit: is_manager(&a) && r.current,
        current: r.current,
    }))
}

pub async fn edit(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<RoleId>(&id)?;
    let r = wf::role_for_edit(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    Ok(render(&role_form(&a, a.web.tr.t("roles-edit"), format!("/roles/{id}"), pairs(&a.web.tr, &r.input))))
}

pub async fn update(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<RoleId>(&id)?;
    let f = post_form(&a, body).await?;
    let result = match parse(&f) {
        Ok(i) => wf::save_role(&a.web.state.app, &a.ctx(), Some(id), i).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(r) => Ok(see_other(&format!("/roles/{}", r.id))),
        Err(e) => form_failed(&a, role_form(&a, a.web.tr.t("roles-edit"), format!("/roles/{id}"), f), &e),
    }
}

/// The function description as a PDF, to print or attach to a posting.
pub fn document(tr: &Tr, r: &RoleView, org_name: &str, zone: &sammen_domain::time::Zone) -> Report {
    let mut blocks =
        vec![Block::KeyValues(facts(tr, &r.input)), Block::Heading(1, tr.t("role-purpose")), Block::Paragraph(r.input.purpose.clone())];
    blocks.push(Block::Heading(1, tr.t("role-tasks")));
    blocks.push(Block::List(r.input.tasks.clone()));
    if !r.input.competences.is_empty() {
        blocks.push(Block::Heading(1, tr.t("role-competences")));
        blocks.push(Block::List(r.input.competences.clone()));
    }
    Report {
        title: r.input.title.clone(),
        subtitle: Some(format!("{org_name} · {} {}", tr.t("role-version"), r.version)),
        generated_label: tr.s("role-printed", "date", &r.created_at.short_in(zone)),
        page_label: tr.t("rpt-page"),
        blocks,
        lang: tr.lang.code().to_owned(),
        created: Some(r.created_at.rfc3339()),
    }
}

pub async fn pdf(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<RoleId>(&id)?;
    let (r, _) = wf::role(&a.web.state.app, &a.ctx(), id).await.or_page(&a)?;
    let org = a.s.orgs.iter().find(|o| o.id == r.organisation_id).map(|o| o.name.clone()).unwrap_or_default();
    let bytes = sammen_reports::pdf(&document(&a.web.tr, &r, &org, &a.s.zone));
    let name = format!("{}-{}-{}.pdf", a.web.tr.t("file-role"), r.input.title.trim(), r.version);
    Ok(crate::download::file(crate::download::PDF, &name, bytes))
}

// ---------------------------------------------------------------- engagements

#[derive(Template)]
#[template(path = "workforce/engagements.html")]
pub struct EngagementsPage {
    pub c: Chrome,
    pub id: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub can_edit: bool,
    pub kinds: Vec<(String, String)>,
    pub terms: Vec<(String, String)>,
    pub roles: Vec<(String, String)>,
    pub f: FormData,
    pub e: crate::ui::Errs,
}

async fn engagements_page(a: &Authed, id: PeerWorkerId, f: FormData, e: crate::ui::Errs) -> Page {
    let tr = &a.web.tr;
    let wf::Engagements { name, list, can_edit, roles } = wf::engagements(&a.web.state.app, &a.ctx(), id).await.or_page(a)?;
    let status = if e.is_empty() { axum::http::StatusCode::OK } else { axum::http::StatusCode::UNPROCESSABLE_ENTITY };
    let date = |d: Option<time::Date>| d.map(sammen_domain::time::format_date).unwrap_or_default();
    Ok(crate::ui::render_status(
        status,
        &EngagementsPage {
            c: Chrome::new(a, tr.s("engagements-title", "name", &name)),
            id: id.to_string(),
            headers: vec![
                tr.t("engagement-title"),
                tr.t("engagement-role"),
                tr.t("engagement-kind"),
                tr.t("role-hours"),
                tr.t("role-term"),
                tr.t("engagement-starts"),
                tr.t("engagement-ends"),
                tr.t("engagement-signed"),
                tr.t("engagement-in-force"),
            ],
            rows: list
                .iter()
                .map(|v| {
                    let i = &v.input;
                    let hours = crate::measurement::pages::num(tr, i.hours_per_week, 1);
                    let role = i.role_key.as_ref().and_then(|k| roles.iter().find(|(key, _)| key == k)).map(|(_, t)| t.clone());
                    vec![
                        i.title.clone(),
                        role.unwrap_or_default(),
                        tr.code("engagement-kind", i.kind.code()),
                        if i.part_time { format!("{hours} ({})", tr.t("engagement-part-time")) } else { hours },
                        tr.code("term", i.term.code()),
                        date(Some(i.starts_on)),
                        date(i.ends_on),
                        date(i.signed_on),
                        crate::ui::yes_no(tr, v.in_force),
                    ]
                })
                .collect(),
            can_edit,
            kinds: options(tr, "engagement-kind", EngagementKind::ALL, |k| k.code()),
            terms: options(tr, "term", Term::ALL, |t| t.code()),
            roles: std::iter::once((String::new(), tr.t("engagement-no-role"))).chain(roles.iter().cloned()).collect(),
            f,
            e,
        },
    ))
}

pub async fn engagements(a: Authed, Path(id): Path<String>) -> Page {
    let id = a.id::<PeerWorkerId>(&id)?;
    let f = FormData::from_pairs(vec![("kind", "volunteer_agreement".into()), ("term", "permanent".into()), ("part_time", "on".into())]);
    engagements_page(&a, id, f, crate::ui::Errs::none()).await
}

pub async fn engagement_add(a: Authed, Path(id): Path<String>, body: Body) -> Page {
    let id = a.id::<PeerWorkerId>(&id)?;
    let f = post_form(&a, body).await?;
    let result = match EngagementInput::parse(
        f.get("kind"),
        f.get("title"),
        f.get("hours_per_week"),
        f.checked("part_time"),
        f.get("term"),
        f.get("starts_on"),
        f.opt("ends_on"),
        f.opt("signed_on"),
        f.opt("note"),
    ) {
        Ok(mut i) => {
            i.role_key = f.opt("role_key").map(str::to_owned);
            wf::add_engagement(&a.web.state.app, &a.ctx(), id, i).await
        }
        Err(e) => Err(AppError::Validation(e)),
    };
    match result {
        Ok(_) => Ok(see_other(&format!("/peer-workers/{id}/engagements"))),
        Err(AppError::Validation(v)) => {
            let e = crate::ui::Errs::from(&a.web.tr, &v);
            engagements_page(&a, id, f, e).await
        }
        Err(e) => Err(a.fail(&e)),
    }
}
