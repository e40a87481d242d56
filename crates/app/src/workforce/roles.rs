//! The peer workforce: role descriptions, versioned, printable as a function
//! description (not personal data, but every change is audited); and each peer worker's
//! engagements, volunteer agreements and employments (personal data, audited reads).

use sammen_domain::audit::AuditAction;
use sammen_domain::directory::{join_codes, split_codes};
use sammen_domain::policy;
use sammen_domain::policy::PeerTarget;
use sammen_domain::time::Timestamp;
use sammen_domain::workforce::roles::{EngagementInput, RequiredTraining, RoleFunction, RoleInput};
use sammen_domain::{OrgId, PeerWorkerId, RoleId};
use sammen_store::rows::{EngagementRow, PeerWorkerRow, RoleDescriptionRow};
use sammen_store::{StoreError, Tx, Unstore, people as sp, stored, workforce::roles as sw};

use crate::{App, AppError, AppResult, Ctx, Subject, guarded};

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

fn lines(s: &str) -> Vec<String> {
    s.lines().filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

fn role_view(r: &RoleDescriptionRow) -> RoleView {
    RoleView {
        id: r.id.get(),
        organisation_id: r.organisation_id.get(),
        version: r.version,
        current: r.current,
        input: RoleInput {
            title: r.title.clone(),
            purpose: r.purpose.clone(),
            tasks: lines(&r.tasks),
            setting: r.setting.get(),
            functions: split_codes(&r.functions, RoleFunction::parse),
            engagement: r.engagement.get(),
            hours_per_week: r.hours_per_week,
            term: r.term.get(),
            competences: lines(&r.competences),
            training: split_codes(&r.training, RequiredTraining::parse),
        },
        created_at: Timestamp(r.created_at),
    }
}

/// The current version of each role of the active organisation.
pub async fn list_roles(app: &App, ctx: &Ctx) -> AppResult<Vec<RoleView>> {
    let org = ctx.org()?;
    policy::view_roles(&ctx.actor, org).map_err(|_| AppError::Forbidden)?;
    let rows = app.db.read(move |c| sw::current_roles(c, org)).await?;
    Ok(rows.iter().map(role_view).collect())
}

/// One version of a role, with every version of it (newest first).
pub async fn role(app: &App, ctx: &Ctx, id: RoleId) -> AppResult<(RoleView, Vec<RoleView>)> {
    let actor = ctx.actor.clone();
    app.db
        .read(move |c| -> AppResult<(RoleView, Vec<RoleView>)> {
            let Some(r) = sw::role_version(c, id)? else { return Err(AppError::NotFound) };
            let view = role_view(&r);
            policy::view_roles(&actor, view.organisation_id).map_err(|_| AppError::NotFound)?;
            let history = sw::role_history(c, &r.role_key)?.iter().map(role_view).collect();
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
    let new_id: RoleId = app.next_id();
    app.db
        .write(move |tx| -> AppResult<RoleView> {
            let now = app2.now();
            let previous = match of {
                Some(id) => match sw::role_version(tx.conn(), id)? {
                    Some(r) => Some(r),
                    None => return Err(AppError::NotFound),
                },
                None => None,
            };
            let org: OrgId = match &previous {
                Some(p) => p.organisation_id.get(),
                None => ctx.org()?,
            };
            let Ok(basis) = policy::edit_roles(&ctx.actor, org) else {
                let subject = Subject { kind: "role_description", id: of.map(|i| i.to_string()), org: Some(org.to_string()) };
                let answer = if previous.is_some() { AppError::NotFound } else { AppError::Forbidden };
                return Err(ctx.refuse(tx, now, AuditAction::Update, subject, answer));
            };
            let (key, version) = match &previous {
                Some(p) => (p.role_key.clone(), sw::role_history(tx.conn(), &p.role_key)?.first().map_or(1, |r| r.version + 1)),
                None => (new_id.to_string(), 1),
            };
            let row = RoleDescriptionRow {
                id: new_id.into(),
                organisation_id: org.into(),
                role_key: key,
                version,
                current: true,
                title: input.title.clone(),
                purpose: input.purpose.clone(),
                tasks: input.tasks.join("\n"),
                setting: input.setting.into(),
                functions: join_codes(&input.functions),
                engagement: input.engagement.into(),
                hours_per_week: input.hours_per_week,
                term: input.term.into(),
                competences: input.competences.join("\n"),
                training: join_codes(&input.training),
                created_by: Some(ctx.actor.user.into()),
                created_at: now.micros(),
            };
            sw::insert_role_version(tx.conn(), &row)?;
            let action = if previous.is_some() { AuditAction::Update } else { AuditAction::Create };
            tx.audit(ctx.ok(now, action, "role_description", Some(row.id.to_string()), Some(org.to_string()), basis));
            Ok(role_view(&row))
        })
        .await
}

/// A role for its edit form: only those who may change it.
pub async fn role_for_edit(app: &App, ctx: &Ctx, id: RoleId) -> AppResult<RoleView> {
    let (view, _) = role(app, ctx, id).await?;
    policy::edit_roles(&ctx.actor, view.organisation_id).map_err(|_| AppError::NotFound)?;
    Ok(view)
}

// ---------------------------------------------------------------- engagements

/// One engagement of a peer worker.
#[derive(Debug, Clone)]
pub struct EngagementView {
    pub id: String,
    pub input: EngagementInput,
    pub in_force: bool,
}

/// A peer worker's engagements page: their name, their engagements (latest start first), and
/// whether the reader may record one.
pub struct Engagements {
    pub name: String,
    pub list: Vec<EngagementView>,
    pub can_edit: bool,
    /// The organisation's current roles (key, title), for the form and the role column.
    pub roles: Vec<(String, String)>,
}

/// A peer worker's engagements. Audited as a read of the peer worker.
pub async fn engagements(app: &App, ctx: &Ctx, peer: PeerWorkerId) -> AppResult<Engagements> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| {
            let now = app2.now();
            let (row, basis, t) = peer_for(tx, &ctx, peer, AuditAction::Read, now, policy::view_engagements)?;
            let today = crate::zone::today_in(tx.conn(), Some(row.organisation_id.get()), now)?;
            let list = sw::engagements_of(tx.conn(), *row.id)?.iter().map(|e| engagement_view(e, today)).collect::<Result<Vec<_>, _>>()?;
            let roles = sw::current_roles(tx.conn(), *row.organisation_id)?.into_iter().map(|r| (r.role_key, r.title)).collect();
            tx.audit(ctx.ok(now, AuditAction::Read, "peer_worker", Some(row.id.to_string()), Some(row.organisation_id.to_string()), basis));
            Ok(Engagements { name: row.display_name, list, can_edit: policy::edit_engagements(&ctx.actor, t).is_ok(), roles })
        })
        .await
}

/// Records an engagement of a peer worker (the organisation's managers).
pub async fn add_engagement(app: &App, ctx: &Ctx, peer: PeerWorkerId, input: EngagementInput) -> AppResult<String> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    let id = app.new_id();
    app.db
        .write(move |tx| {
            let now = app2.now();
            let (row, basis, _) = peer_for(tx, &ctx, peer, AuditAction::Create, now, policy::edit_engagements)?;
            if let Some(key) = &input.role_key
                && sw::current_role(tx.conn(), key)?.is_none_or(|r| r.organisation_id != row.organisation_id)
            {
                return Err(AppError::Validation(sammen_domain::ValidationErrors::single("role_key", "err-unknown-role")));
            }
            let e = EngagementRow {
                id: id.clone(),
                organisation_id: row.organisation_id,
                peer_id: row.id,
                kind: input.kind.into(),
                title: input.title.clone(),
                hours_per_week: input.hours_per_week,
                part_time: input.part_time,
                term: input.term.into(),
                starts_on: input.starts_on.into(),
                ends_on: stored(input.ends_on),
                signed_on: stored(input.signed_on),
                note: input.note.clone(),
                created_by: Some(ctx.actor.user.into()),
                created_at: now.micros(),
                updated_at: now.micros(),
                role_key: input.role_key.clone(),
            };
            sw::insert_engagement(tx.conn(), &e)?;
            tx.audit(ctx.ok(
                now,
                AuditAction::Update,
                "peer_worker",
                Some(row.id.to_string()),
                Some(row.organisation_id.to_string()),
                basis,
            ));
            Ok(id)
        })
        .await
}

/// Loads a peer worker and decides an access with `decide`, auditing a denial as "not found".
fn peer_for(
    tx: &mut Tx<'_>,
    ctx: &Ctx,
    peer: PeerWorkerId,
    action: AuditAction,
    now: Timestamp,
    decide: fn(&policy::Actor, PeerTarget) -> policy::Decision,
) -> AppResult<(PeerWorkerRow, policy::Basis, PeerTarget)> {
    let (r, (b, t)) = guarded(
        tx,
        ctx,
        now,
        action,
        Subject::record(ctx, "peer_worker", peer),
        |c| sp::peer(c, peer),
        |_, r| {
            let t = PeerTarget { id: peer, org: r.organisation_id.get() };
            Ok(decide(&ctx.actor, t).ok().map(|b| (b, t)))
        },
    )?;
    Ok((r, b, t))
}

fn engagement_view(e: &EngagementRow, today: time::Date) -> Result<EngagementView, StoreError> {
    let input = EngagementInput {
        kind: e.kind.get(),
        title: e.title.clone(),
        hours_per_week: e.hours_per_week,
        part_time: e.part_time,
        term: e.term.get(),
        starts_on: *e.starts_on,
        ends_on: e.ends_on.get(),
        signed_on: e.signed_on.get(),
        note: e.note.clone(),
        role_key: e.role_key.clone(),
    };
    Ok(EngagementView { id: e.id.clone(), in_force: input.in_force(today), input })
}
