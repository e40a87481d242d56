//! The peer workforce (issue 3): role descriptions, versioned, printable as a function
//! description. Not personal data, but every change is audited.

use sammen_domain::audit::AuditAction;
use sammen_domain::org::{join_codes, split_codes};
use sammen_domain::people::Engagement;
use sammen_domain::policy;
use sammen_domain::time::Timestamp;
use sammen_domain::workforce::{RequiredTraining, RoleFunction, RoleInput, Setting, Term};
use sammen_domain::{OrgId, RoleId};
use sammen_store::rows::RoleDescriptionRow;
use sammen_store::{StoreError, workforce as sw};

use crate::{App, AppError, AppResult, Ctx};

/// One version of a role description.
#[derive(Debug, Clone)]
pub struct RoleView {
    pub id: RoleId,
    pub organisation_id: OrgId,
    pub version: i64,
    pub current: bool,
    pub input: RoleInput,
    pub created_at: Timestamp,
}

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(what.to_owned())
}

fn lines(s: &str) -> Vec<String> {
    s.lines().filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

fn role_view(r: &RoleDescriptionRow) -> Result<RoleView, StoreError> {
    Ok(RoleView {
        id: r.id.parse().map_err(|_| corrupt("role id"))?,
        organisation_id: r.organisation_id.parse().map_err(|_| corrupt("org id"))?,
        version: r.version,
        current: r.current,
        input: RoleInput {
            title: r.title.clone(),
            purpose: r.purpose.clone(),
            tasks: lines(&r.tasks),
            setting: Setting::parse(&r.setting).map_err(|_| corrupt("setting"))?,
            functions: split_codes(&r.functions, RoleFunction::parse),
            engagement: Engagement::parse(&r.engagement).map_err(|_| corrupt("engagement"))?,
            hours_per_week: r.hours_per_week,
            term: Term::parse(&r.term).map_err(|_| corrupt("term"))?,
            competences: lines(&r.competences),
            training: split_codes(&r.training, RequiredTraining::parse),
        },
        created_at: Timestamp(r.created_at),
    })
}

/// The current version of each role of the active organisation.
pub async fn list_roles(app: &App, ctx: &Ctx) -> AppResult<Vec<RoleView>> {
    let org = ctx.org()?;
    policy::view_roles(&ctx.actor, org).map_err(|_| AppError::Forbidden)?;
    let rows = app.db.read(move |c| sw::current_roles(c, &org.to_string())).await?;
    Ok(rows.iter().map(role_view).collect::<Result<_, _>>()?)
}

/// One version of a role, with every version of it (newest first).
pub async fn role(app: &App, ctx: &Ctx, id: RoleId) -> AppResult<(RoleView, Vec<RoleView>)> {
    let actor = ctx.actor.clone();
    app.db
        .read(move |c| -> AppResult<(RoleView, Vec<RoleView>)> {
            let Some(r) = sw::role_version(c, &id.to_string())? else { return Err(AppError::NotFound) };
            let view = role_view(&r)?;
            policy::view_roles(&actor, view.organisation_id).map_err(|_| AppError::NotFound)?;
            let history = sw::role_history(c, &r.role_key)?.iter().map(role_view).collect::<Result<_, _>>()?;
            Ok((view, history))
        })
        .await
}

/// Saves a role: a new role (`of == None`), or a new version of the role that `of` is a
/// version of. Earlier versions stay as they were.
pub async fn save_role(app: &App, ctx: &Ctx, of: Option<RoleId>, input: RoleInput) -> AppResult<RoleView> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    let new_id = app.new_id();
    app.db
        .write(move |tx| -> AppResult<RoleView> {
            let now = app2.now();
            let previous = match of {
                Some(id) => match sw::role_version(tx.conn(), &id.to_string())? {
                    Some(r) => Some(r),
                    None => return Err(AppError::NotFound),
                },
                None => None,
            };
            let org: OrgId = match &previous {
                Some(p) => p.organisation_id.parse().map_err(|_| corrupt("org id"))?,
                None => ctx.org()?,
            };
            let Ok(basis) = policy::edit_roles(&ctx.actor, org) else {
                tx.audit_always(ctx.denied(now, AuditAction::Update, "role_description", of.map(|i| i.to_string()), Some(org.to_string())));
                return Err(if previous.is_some() { AppError::NotFound } else { AppError::Forbidden });
            };
            let (key, version) = match &previous {
                Some(p) => (p.role_key.clone(), sw::role_history(tx.conn(), &p.role_key)?.first().map_or(1, |r| r.version + 1)),
                None => (new_id.clone(), 1),
            };
            let row = RoleDescriptionRow {
                id: new_id.clone(),
                organisation_id: org.to_string(),
                role_key: key,
                version,
                current: true,
                title: input.title.clone(),
                purpose: input.purpose.clone(),
                tasks: input.tasks.join("\n"),
                setting: input.setting.code().into(),
                functions: join_codes(&input.functions),
                engagement: input.engagement.code().into(),
                hours_per_week: input.hours_per_week,
                term: input.term.code().into(),
                competences: input.competences.join("\n"),
                training: join_codes(&input.training),
                created_by: Some(ctx.actor.user.to_string()),
                created_at: now.micros(),
            };
            sw::insert_role_version(tx.conn(), &row)?;
            let action = if previous.is_some() { AuditAction::Update } else { AuditAction::Create };
            tx.audit(ctx.ok(now, action, "role_description", Some(row.id.clone()), Some(org.to_string()), basis));
            Ok(role_view(&row)?)
        })
        .await
}

/// A role for its edit form: only those who may change it.
pub async fn role_for_edit(app: &App, ctx: &Ctx, id: RoleId) -> AppResult<RoleView> {
    let (view, _) = role(app, ctx, id).await?;
    policy::edit_roles(&ctx.actor, view.organisation_id).map_err(|_| AppError::NotFound)?;
    Ok(view)
}
