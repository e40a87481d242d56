//! Onboarding of peer workers: a checklist template per role (by role key,
//! the four standard items until a manager changes it), an onboarding started for a peer worker
//! that copies the role's items with an owner, a due date and done/not done, the peer's own
//! read-only view, and the managers' overview of onboardings in progress. Every read and write
//! of an onboarding is audited with the peer worker as the subject.

use std::collections::HashMap;

use sammen_domain::audit::AuditAction;
use sammen_domain::people::Role;
use sammen_domain::policy;
use sammen_domain::time::Timestamp;
use sammen_domain::workforce::training::{OnboardingItemKind, TemplateItem, progress, standard_template};
use sammen_domain::{OrgId, PeerWorkerId, RoleId, UserId, ValidationErrors};
use sammen_store::rows::{OnboardingItemRow, OnboardingRow, OnboardingTemplateItemRow};
use sammen_store::{
    DbConnection, Page, StoreError, Unstore, access as au, people as sp, stored, workforce::roles as sw, workforce::training as st,
};

use crate::workforce::training::peer_for;
use crate::{App, AppError, AppResult, Ctx, Subject, guarded};

// ---------------------------------------------------------------- templates

/// A role's checklist: the stored items, or the standard ones.
fn template_items(conn: &mut DbConnection, role_key: &str) -> Result<(Vec<TemplateItem>, bool), StoreError> {
    let rows = st::template_of(conn, role_key)?;
    if rows.is_empty() {
        return Ok((standard_template(), true));
    }
    let items = rows
        .iter()
        .map(|r| TemplateItem { kind: r.kind.get(), title: r.title.clone(), owner_role: r.owner_role.get(), due_days: r.due_days })
        .collect();
    Ok((items, false))
}

/// A role's onboarding checklist for its page and form.
pub struct TemplateView {
    pub role_id: RoleId,
    pub role_title: String,
    pub items: Vec<TemplateItem>,
    /// Whether these are the standard items (nothing saved for the role yet).
    pub standard: bool,
    pub can_edit: bool,
}

/// A role's checklist template (any member may read it, as the role).
pub async fn template(app: &App, ctx: &Ctx, role: RoleId) -> AppResult<TemplateView> {
    let actor = ctx.actor.clone();
    app.db
        .read(move |c| -> AppResult<TemplateView> {
            let Some(r) = sw::role_version(c, role)? else { return Err(AppError::NotFound) };
            let org: OrgId = r.organisation_id.get();
            policy::view_roles(&actor, org).map_err(|_| AppError::NotFound)?;
            let (items, standard) = template_items(c, &r.role_key)?;
            let can_edit = policy::manage_training(&actor, org).is_ok();
            Ok(TemplateView { role_id: role, role_title: r.title, items, standard, can_edit })
        })
        .await
}

/// Replaces a role's checklist template (the organisation's managers). Onboardings already
/// started keep the items they copied.
pub async fn save_template(app: &App, ctx: &Ctx, role: RoleId, items: Vec<TemplateItem>) -> AppResult<()> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    let ids: Vec<String> = items.iter().map(|_| app.new_id()).collect();
    app.db
        .write(move |tx| -> AppResult<()> {
            let now = app2.now();
            let (r, basis) = guarded(
                tx,
                &ctx,
                now,
                AuditAction::Update,
                Subject::record(&ctx, "role_description", role),
                |c| sw::role_version(c, role),
                |_, r| Ok(policy::manage_training(&ctx.actor, r.organisation_id.get()).ok()),
            )?;
            let rows: Vec<OnboardingTemplateItemRow> = items
                .iter()
                .zip(ids)
                .enumerate()
                .map(|(i, (t, id))| OnboardingTemplateItemRow {
                    id,
                    organisation_id: r.organisation_id,
                    role_key: r.role_key.clone(),
                    position: i as i64,
                    kind: t.kind.into(),
                    title: t.title.clone(),
                    owner_role: t.owner_role.into(),
                    due_days: t.due_days,
                    updated_at: now.micros(),
                })
                .collect();
            st::set_template(tx.conn(), &r.role_key, &rows)?;
            tx.audit(ctx.ok(
                now,
                AuditAction::Update,
                "role_description",
                Some(r.id.to_string()),
                Some(r.organisation_id.to_string()),
                basis,
            ));
            Ok(())
        })
        .await
}

// ---------------------------------------------------------------- onboardings

/// One item of a peer worker's onboarding.
#[derive(Debug, Clone)]
pub struct ItemView {
    pub id: String,
    pub kind: OnboardingItemKind,
    pub title: Option<String>,
    pub owner: Option<UserId>,
    pub owner_name: Option<String>,
    pub due_on: time::Date,
    pub done_at: Option<Timestamp>,
    pub done_by_name: Option<String>,
    pub overdue: bool,
}

/// A peer worker's onboarding with its progress.
#[derive(Debug, Clone)]
pub struct OnboardingView {
    pub id: String,
    pub role_title: String,
    pub starts_on: time::Date,
    pub items: Vec<ItemView>,
    pub done: usize,
    pub total: usize,
    pub overdue: usize,
    pub completed_at: Option<Timestamp>,
}

/// The onboarding page of a peer worker.
pub struct OnboardingPage {
    pub peer_id: PeerWorkerId,
    pub name: String,
    /// Latest first; the first is in progress when its `completed_at` is None.
    pub onboardings: Vec<OnboardingView>,
    /// The organisation's current roles (key, title), and the default: the role of the peer's
    /// engagement in force.
    pub roles: Vec<(String, String)>,
    pub default_role: Option<String>,
    /// Staff of the organisation who can own an item (user id, name and role).
    pub staff: Vec<(String, String)>,
    pub can_manage: bool,
}

/// Staff of an organisation: (user id, name, role, active).
fn staff_names(conn: &mut DbConnection, org: OrgId) -> Result<Vec<(UserId, String, Role, bool)>, StoreError> {
    let (rows, _) = au::staff_of(conn, org, Page { offset: 0, limit: 100_000 })?;
    Ok(rows.into_iter().map(|(u, role)| (u.id.get(), u.display_name, role.get(), u.active)).collect())
}

fn onboarding_views(
    conn: &mut DbConnection,
    rows: &[OnboardingRow],
    names: &HashMap<UserId, String>,
    today: time::Date,
) -> Result<Vec<OnboardingView>, StoreError> {
    let ids: Vec<String> = rows.iter().map(|o| o.id.clone()).collect();
    let items = st::items_of(conn, &ids)?;
    let mut titles: HashMap<String, String> = HashMap::new();
    let mut out = Vec::new();
    for o in rows {
        if !titles.contains_key(&o.role_key) {
            let t = sw::current_role(conn, &o.role_key)?.map(|r| r.title).unwrap_or_default();
            titles.insert(o.role_key.clone(), t);
        }
        let mine: Vec<ItemView> = items
            .iter()
            .filter(|i| i.onboarding_id == o.id)
            .map(|i| {
                let due_on = *i.due_on;
                Ok(ItemView {
                    id: i.id.clone(),
                    kind: i.kind.get(),
                    title: i.title.clone(),
                    owner: i.owner_user_id.get(),
                    owner_name: i.owner_user_id.get().and_then(|u| names.get(&u).cloned()),
                    due_on,
                    done_at: i.done_at.map(Timestamp),
                    done_by_name: i.done_by.get().and_then(|u| names.get(&u).cloned()),
                    overdue: i.done_at.is_none() && due_on < today,
                })
            })
            .collect::<Result<_, StoreError>>()?;
        let (done, total, overdue) = progress(&mine.iter().map(|i| (i.done_at.is_some(), i.due_on)).collect::<Vec<_>>(), today);
        out.push(OnboardingView {
            id: o.id.clone(),
            role_title: titles.get(&o.role_key).cloned().unwrap_or_default(),
            starts_on: *o.starts_on,
            items: mine,
            done,
            total,
            overdue,
            completed_at: o.completed_at.map(Timestamp),
        });
    }
    Ok(out)
}

/// A peer worker's onboarding page: managers, and the peer themself (read only).
pub async fn onboarding(app: &App, ctx: &Ctx, peer: PeerWorkerId) -> AppResult<OnboardingPage> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| -> AppResult<OnboardingPage> {
            let now = app2.now();
            let (p, basis, t) = peer_for(tx, &ctx, peer, AuditAction::Read, now, policy::view_training)?;
            let staff = staff_names(tx.conn(), p.organisation_id.get())?;
            let names: HashMap<UserId, String> = staff.iter().map(|(id, n, _, _)| (*id, n.clone())).collect();
            let rows = st::onboardings_of(tx.conn(), *p.id)?;
            let today = crate::zone::today_in(tx.conn(), Some(p.organisation_id.get()), now)?;
            let onboardings = onboarding_views(tx.conn(), &rows, &names, today)?;
            let roles: Vec<(String, String)> =
                sw::current_roles(tx.conn(), *p.organisation_id)?.into_iter().map(|r| (r.role_key, r.title)).collect();
            let default_role = sw::roles_in_force(tx.conn(), *p.id, today)?.into_iter().next();
            tx.audit(ctx.ok(now, AuditAction::Read, "peer_worker", Some(p.id.to_string()), Some(p.organisation_id.to_string()), basis));
            let staff = staff
                .into_iter()
                .filter(|(_, _, role, active)| *active && *role != Role::PeerWorker && *role != Role::Referrer)
                .map(|(id, n, _, _)| (id.to_string(), n))
                .collect();
            Ok(OnboardingPage {
                peer_id: peer,
                name: p.display_name,
                onboardings,
                roles,
                default_role,
                staff,
                can_manage: policy::manage_training(&ctx.actor, t.org).is_ok(),
            })
        })
        .await
}

fn manage(actor: &policy::Actor, t: policy::PeerTarget) -> policy::Decision {
    policy::manage_training(actor, t.org)
}

/// Starts an onboarding of a peer worker for a role of the organisation: the role's items are
/// copied, each owned by a staff user with the item's owner role (the manager starting it when
/// they have that role) and due the item's offset after today. A peer with an onboarding in
/// progress keeps it (its id is returned).
pub async fn start(app: &App, ctx: &Ctx, peer: PeerWorkerId, role_key: &str) -> AppResult<String> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    let new_id = app.new_id();
    let item_ids: Vec<String> = (0..30).map(|_| app.new_id()).collect();
    let role_key = role_key.trim().to_owned();
    app.db
        .write(move |tx| -> AppResult<String> {
            let now = app2.now();
            let (p, basis, _) = peer_for(tx, &ctx, peer, AuditAction::Create, now, manage)?;
            if let Some(open) = st::onboardings_of(tx.conn(), *p.id)?.into_iter().find(|o| o.completed_at.is_none()) {
                return Ok(open.id);
            }
            if sw::current_role(tx.conn(), &role_key)?.is_none_or(|r| r.organisation_id != p.organisation_id) {
                return Err(AppError::Validation(ValidationErrors::single("role_key", "err-unknown-role")));
            }
            let (items, _) = template_items(tx.conn(), &role_key)?;
            let staff = staff_names(tx.conn(), p.organisation_id.get())?;
            let me = ctx.actor.user;
            let my_role = staff.iter().find(|s| s.0 == me).map(|s| s.2);
            let today = crate::zone::today_in(tx.conn(), Some(p.organisation_id.get()), now)?;
            let row = OnboardingRow {
                id: new_id.clone(),
                organisation_id: p.organisation_id,
                peer_id: p.id,
                role_key: role_key.clone(),
                starts_on: today.into(),
                started_by: Some(me.into()),
                created_at: now.micros(),
                completed_at: None,
            };
            let rows: Vec<OnboardingItemRow> = items
                .iter()
                .zip(item_ids)
                .enumerate()
                .map(|(i, (t, id))| {
                    let owner = if my_role == Some(t.owner_role) {
                        Some(me)
                    } else {
                        staff.iter().find(|s| s.3 && s.2 == t.owner_role).map(|s| s.0)
                    };
                    OnboardingItemRow {
                        id,
                        onboarding_id: new_id.clone(),
                        position: i as i64,
                        kind: t.kind.into(),
                        title: t.title.clone(),
                        owner_user_id: stored(owner),
                        due_on: (today + time::Duration::days(t.due_days)).into(),
                        done_at: None,
                        done_by: None,
                    }
                })
                .collect();
            st::insert_onboarding(tx.conn(), &row, &rows)?;
            tx.audit(ctx.ok(now, AuditAction::Update, "peer_worker", Some(p.id.to_string()), Some(p.organisation_id.to_string()), basis));
            Ok(new_id)
        })
        .await
}

/// Changes an item of a peer worker's onboarding: done or not, and its owner (a staff user of
/// the organisation; None leaves it). The onboarding is complete when every item is done.
pub async fn set_item(app: &App, ctx: &Ctx, peer: PeerWorkerId, item: &str, done: bool, owner: Option<String>) -> AppResult<()> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    let item = item.to_owned();
    app.db
        .write(move |tx| -> AppResult<()> {
            let now = app2.now();
            let (p, basis, _) = peer_for(tx, &ctx, peer, AuditAction::Update, now, manage)?;
            let onboardings = st::onboardings_of(tx.conn(), *p.id)?;
            let ids: Vec<String> = onboardings.iter().map(|o| o.id.clone()).collect();
            let items = st::items_of(tx.conn(), &ids)?;
            let Some(mut it) = items.iter().find(|i| i.id == item).cloned() else {
                return Err(AppError::Validation(ValidationErrors::single("item", "err-choice")));
            };
            if let Some(o) = owner.as_deref().map(str::trim).filter(|o| !o.is_empty()) {
                // The owner is given as the text of a staff user's id.
                let Some(s) = staff_names(tx.conn(), p.organisation_id.get())?.into_iter().find(|s| s.0.to_string() == o) else {
                    return Err(AppError::Validation(ValidationErrors::single("owner", "err-choice")));
                };
                it.owner_user_id = Some(s.0.into());
            }
            match (done, it.done_at) {
                (true, None) => {
                    it.done_at = Some(now.micros());
                    it.done_by = Some(ctx.actor.user.into());
                }
                (false, Some(_)) => {
                    it.done_at = None;
                    it.done_by = None;
                }
                _ => {}
            }
            st::update_item(tx.conn(), &it)?;
            if let Some(mut o) = onboardings.into_iter().find(|o| o.id == it.onboarding_id) {
                let all_done = items.iter().all(|i| if i.id == it.id { it.done_at.is_some() } else { i.done_at.is_some() });
                let completed = if all_done { o.completed_at.or(Some(now.micros())) } else { None };
                if completed != o.completed_at {
                    o.completed_at = completed;
                    st::update_onboarding(tx.conn(), &o)?;
                }
            }
            tx.audit(ctx.ok(now, AuditAction::Update, "peer_worker", Some(p.id.to_string()), Some(p.organisation_id.to_string()), basis));
            Ok(())
        })
        .await
}

/// One onboarding in progress on the managers' overview.
#[derive(Debug, Clone)]
pub struct OverviewLine {
    pub peer_id: PeerWorkerId,
    pub name: String,
    pub onboarding: OnboardingView,
    pub next_due: Option<time::Date>,
}

/// The active organisation's onboardings in progress (its managers). Audited as one search of
/// peer workers.
pub async fn in_progress(app: &App, ctx: &Ctx) -> AppResult<Vec<OverviewLine>> {
    let org = ctx.org()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| -> AppResult<Vec<OverviewLine>> {
            let now = app2.now();
            let Ok(basis) = policy::manage_training(&ctx.actor, org) else {
                return Err(ctx.refuse(tx, now, AuditAction::Search, Subject::within("peer_worker", Some(org)), AppError::Forbidden));
            };
            let rows = st::onboardings_in_progress(tx.conn(), org)?;
            let names: HashMap<UserId, String> = staff_names(tx.conn(), org)?.into_iter().map(|(id, n, _, _)| (id, n)).collect();
            let today = crate::zone::today_in(tx.conn(), Some(org), now)?;
            let views = onboarding_views(tx.conn(), &rows, &names, today)?;
            let mut out = Vec::new();
            for (r, v) in rows.iter().zip(views) {
                let Some(p) = sp::peer(tx.conn(), *r.peer_id)? else { continue };
                let next_due = v.items.iter().filter(|i| i.done_at.is_none()).map(|i| i.due_on).min();
                out.push(OverviewLine { peer_id: p.id.get(), name: p.display_name, onboarding: v, next_due });
            }
            tx.audit(ctx.ok(now, AuditAction::Search, "peer_worker", None, Some(org.to_string()), basis));
            Ok(out)
        })
        .await
}
