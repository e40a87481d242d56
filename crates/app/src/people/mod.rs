//! Staff accounts, peer workers and participants: personal data, every access authorised and
//! audited in the transaction that touches it.

pub mod import;

use sammen_domain::audit::AuditAction;
use sammen_domain::directory::{Mode, join_codes, split_codes};
use sammen_domain::people::{
    Cpr, Email, Engagement, Gender, ParticipantInput, ParticipantStatus, Password, PeerStatus, PeerWorkerInput, Role, StaffInput,
    pseudonym, search_key,
};
use sammen_domain::policy::{self, Basis, ParticipantScope, ParticipantTarget, PeerTarget};
use sammen_domain::time::Timestamp;
use sammen_domain::{OrgId, ParticipantId, PeerWorkerId, ProgrammeId, UserId, ValidationErrors};
use sammen_store::people::ParticipantQuery;
use sammen_store::rows::{MembershipRow, ParticipantRow, PeerWorkerRow, UserRow};
use sammen_store::{DbConnection, Page, StoreError, Stored, Tx, Unstore, access as sta, directory as std_, people as st, stored};

use crate::directory::agreements_involving;
use crate::{App, AppError, AppResult, Ctx, Subject, access::auth, guarded};

// ---------------------------------------------------------------- staff

#[derive(Debug, Clone)]
pub struct StaffView {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub active: bool,
    pub totp_enabled: bool,
    pub created_at: Timestamp,
}

fn staff_view(u: &UserRow, role: Role) -> StaffView {
    StaffView {
        id: u.id.get(),
        email: u.email.clone(),
        display_name: u.display_name.clone(),
        role,
        active: u.active,
        totp_enabled: u.totp_enabled,
        created_at: Timestamp(u.created_at),
    }
}

pub async fn list_staff(app: &App, ctx: &Ctx, page: Page) -> AppResult<(Vec<StaffView>, i64)> {
    let org = ctx.org()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| -> AppResult<(Vec<StaffView>, i64)> {
            let now = app2.now();
            let Ok(basis) = policy::view_staff(&ctx.actor, org) else {
                return Err(ctx.refuse(tx, now, AuditAction::Search, Subject::within("user", Some(org)), AppError::Forbidden));
            };
            let (rows, total) = sta::staff_of(tx.conn(), org, page)?;
            tx.audit(ctx.ok(now, AuditAction::Search, "user", None, Some(org.to_string()), basis));
            Ok((rows.iter().map(|(u, r)| staff_view(u, r.get())).collect(), total))
        })
        .await
}

/// A staff account as seen from the actor's active organisation.
pub async fn get_staff(app: &App, ctx: &Ctx, id: UserId) -> AppResult<StaffView> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| -> AppResult<StaffView> {
            let now = app2.now();
            let ((org, u, role), basis) = guarded(
                tx,
                &ctx,
                now,
                AuditAction::Read,
                Subject::record(&ctx, "user", id),
                |c| match ctx.org {
                    Some(org) => Ok(membership_in(c, id, org)?.map(|(u, role)| (org, u, role))),
                    None => Ok(None),
                },
                |_, (org, _, _)| Ok(policy::view_staff(&ctx.actor, *org).ok()),
            )?;
            tx.audit(ctx.ok(now, AuditAction::Read, "user", Some(id.to_string()), Some(org.to_string()), basis));
            Ok(staff_view(&u, role))
        })
        .await
}

/// A new, active account without TOTP.
fn new_account(id: UserId, org: Option<OrgId>, email: &Email, display_name: String, password_hash: String, now: Timestamp) -> UserRow {
    UserRow {
        id: id.into(),
        organisation_id: stored(org),
        email: email.as_str().to_owned(),
        display_name,
        password_hash,
        system_admin: false,
        totp_secret: None,
        totp_enabled: false,
        totp_last_step: None,
        active: true,
        password_changed_at: now.micros(),
        created_at: now.micros(),
        updated_at: now.micros(),
    }
}

/// Inserts an account; an e-mail address already in use becomes a field error.
fn insert_account(tx: &mut Tx<'_>, row: &UserRow) -> AppResult<()> {
    sta::insert_user(tx.conn(), row).map_err(|e| {
        if e.is_unique_violation() { AppError::Validation(ValidationErrors::single("email", "err-unique-email")) } else { e.into() }
    })
}

fn membership_in(conn: &mut DbConnection, uid: UserId, org: OrgId) -> Result<Option<(UserRow, Role)>, StoreError> {
    let Some(u) = sta::user_by_id(conn, uid)? else { return Ok(None) };
    let role = sta::memberships_of(conn, uid)?.into_iter().find(|m| m.organisation_id == org).map(|m| m.role.get());
    Ok(role.map(|r| (u, r)))
}

/// Creates a staff account in the active organisation (or `org` for the command line).
/// Without a password, a one-time password is made and returned for the administrator to pass on.
pub async fn create_staff(
    app: &App,
    ctx: &Ctx,
    org: OrgId,
    input: StaffInput,
    password: Option<Password>,
) -> AppResult<(StaffView, Option<String>)> {
    ctx.require_write()?;
    let (password, shown) = match password {
        Some(p) => (p, None),
        None => {
            let t = base64_token(app);
            (Password::parse(&t).map_err(|m| AppError::Internal(m.into()))?, Some(t))
        }
    };
    let hash = {
        let app = app.clone();
        tokio::task::spawn_blocking(move || auth::hash_password(&app, &password)).await.map_err(|e| AppError::Internal(e.to_string()))??
    };
    let id: UserId = app.next_id();
    let ctx = ctx.clone();
    let app2 = app.clone();
    let view = app
        .db
        .write(move |tx| -> AppResult<StaffView> {
            let now = app2.now();
            let Ok(basis) = policy::edit_staff(&ctx.actor, org) else {
                return Err(ctx.refuse(tx, now, AuditAction::Create, Subject::within("user", Some(org)), AppError::Forbidden));
            };
            if std_::org(tx.conn(), org)?.is_none() {
                return Err(AppError::NotFound);
            }
            let row = new_account(id, Some(org), &input.email, input.display_name.clone(), hash, now);
            insert_account(tx, &row)?;
            sta::insert_membership(
                tx.conn(),
                &MembershipRow { user_id: id.into(), organisation_id: org.into(), role: input.role.into(), created_at: now.micros() },
            )?;
            tx.audit(ctx.ok(now, AuditAction::Create, "user", Some(id.to_string()), Some(org.to_string()), basis));
            Ok(staff_view(&row, input.role))
        })
        .await?;
    Ok((view, shown))
}

/// Creates a system administrator: manages organisations, never reads participants.
/// Only the command line (the operator of the installation) does this.
pub async fn create_system_admin(app: &App, ctx: &Ctx, email: Email, display_name: String, password: Password) -> AppResult<UserId> {
    if !ctx.actor.system_admin || ctx.via != crate::Via::Cli {
        return Err(AppError::Forbidden);
    }
    let hash = {
        let app = app.clone();
        tokio::task::spawn_blocking(move || auth::hash_password(&app, &password)).await.map_err(|e| AppError::Internal(e.to_string()))??
    };
    let id: UserId = app.next_id();
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<()> {
            let now = app2.now();
            let row = UserRow { system_admin: true, ..new_account(id, None, &email, display_name, hash, now) };
            insert_account(tx, &row)?;
            tx.audit(ctx.ok(now, AuditAction::Create, "user", Some(id.to_string()), None, Basis::SystemAdministration));
            Ok(())
        })
        .await?;
    Ok(id)
}

fn base64_token(app: &App) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(app.random_bytes::<12>())
}

/// Changes a staff member's name, role in the active organisation, and whether the account is active.
pub async fn update_staff(app: &App, ctx: &Ctx, id: UserId, display_name: &str, role: &str, active: bool) -> AppResult<StaffView> {
    ctx.require_write()?;
    let mut e = ValidationErrors::new();
    let name = e.check("display_name", sammen_domain::validation::required_text(display_name, 200));
    let role = e.check("role", Role::parse(role));
    let (Some(name), Some(role)) = (name, role) else { return Err(AppError::Validation(e)) };
    let org = ctx.org()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<StaffView> {
            let now = app2.now();
            let subject = Subject { kind: "user", id: Some(id.to_string()), org: Some(org.to_string()) };
            let ((mut u, _), basis) = guarded(
                tx,
                &ctx,
                now,
                AuditAction::Update,
                subject,
                |c| membership_in(c, id, org),
                |_, _| Ok(policy::edit_staff(&ctx.actor, org).ok()),
            )?;
            if u.id == ctx.actor.user && (!active || role != Role::Administrator) {
                // Nobody locks themselves out of administration by accident.
                return Err(AppError::Validation(ValidationErrors::single("role", "err-choice")));
            }
            u.display_name = name;
            u.active = active;
            u.updated_at = now.micros();
            sta::update_user(tx.conn(), &u)?;
            sta::set_membership_role(tx.conn(), id, org, role)?;
            if !active {
                sta::revoke_sessions_of(tx.conn(), id, None, now.micros())?;
            }
            tx.audit(ctx.ok(now, AuditAction::Update, "user", Some(id.to_string()), Some(org.to_string()), basis));
            Ok(staff_view(&u, role))
        })
        .await
}

// ---------------------------------------------------------------- peer workers

#[derive(Clone, serde::Serialize)]
pub struct PeerWorkerView {
    pub id: PeerWorkerId,
    pub organisation_id: OrgId,
    pub user_id: Option<UserId>,
    pub display_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub engagement: Engagement,
    pub status: PeerStatus,
    pub languages: Vec<String>,
    pub modes: Vec<Mode>,
    pub caseload: i64,
    pub created_at: Timestamp,
}

fn peer_view(r: &PeerWorkerRow, caseload: i64) -> Result<PeerWorkerView, StoreError> {
    Ok(PeerWorkerView {
        id: r.id.get(),
        organisation_id: r.organisation_id.get(),
        user_id: r.user_id.get(),
        display_name: r.display_name.clone(),
        email: r.email.clone(),
        phone: r.phone.clone(),
        engagement: r.engagement.get(),
        status: r.status.get(),
        languages: r.languages.split(',').filter(|s| !s.is_empty()).map(str::to_owned).collect(),
        modes: split_codes(&r.modes, Mode::parse),
        caseload,
        created_at: Timestamp(r.created_at),
    })
}

pub async fn list_peers(app: &App, ctx: &Ctx, page: Page) -> AppResult<(Vec<PeerWorkerView>, i64)> {
    let org = ctx.org()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| -> AppResult<(Vec<PeerWorkerView>, i64)> {
            let now = app2.now();
            let Ok(basis) = policy::list_peer_workers(&ctx.actor, org) else {
                return Err(ctx.refuse(tx, now, AuditAction::Search, Subject::within("peer_worker", Some(org)), AppError::Forbidden));
            };
            let (rows, total) = st::peers_of_org(tx.conn(), org, page)?;
            let ids: Vec<PeerWorkerId> = rows.iter().map(|r| r.id.get()).collect();
            let loads = st::caseloads(tx.conn(), &ids)?;
            let load = |id: PeerWorkerId| loads.iter().find(|(p, _)| *p == id).map(|(_, n)| *n).unwrap_or(0);
            tx.audit(ctx.ok(now, AuditAction::Search, "peer_worker", None, Some(org.to_string()), basis));
            Ok((rows.iter().map(|r| peer_view(r, load(r.id.get()))).collect::<Result<_, _>>()?, total))
        })
        .await
}

pub async fn get_peer(app: &App, ctx: &Ctx, id: PeerWorkerId) -> AppResult<PeerWorkerView> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| -> AppResult<PeerWorkerView> {
            let now = app2.now();
            let (r, basis) = guarded(
                tx,
                &ctx,
                now,
                AuditAction::Read,
                Subject::record(&ctx, "peer_worker", id),
                |c| st::peer(c, id),
                |c, r| {
                    let org: OrgId = r.organisation_id.get();
                    let agreements =
                        if ctx.actor.role_in(org).is_some() { Vec::new() } else { agreements_involving(c, r.organisation_id.get())? };
                    Ok(policy::view_peer_worker(&ctx.actor, PeerTarget { id, org }, &agreements, crate::zone::today_in(c, ctx.org, now)?)
                        .ok())
                },
            )?;
            let load = st::caseloads(tx.conn(), std::slice::from_ref(&r.id))?.first().map(|(_, n)| *n).unwrap_or(0);
            tx.audit(ctx.ok(now, AuditAction::Read, "peer_worker", Some(r.id.to_string()), Some(r.organisation_id.to_string()), basis));
            Ok(peer_view(&r, load)?)
        })
        .await
}

fn apply_peer_input(r: &mut PeerWorkerRow, i: &PeerWorkerInput) {
    r.display_name = i.display_name.expose().clone();
    r.email = i.email.as_ref().map(|e| e.as_str().to_owned());
    r.phone = i.phone.as_ref().map(|p| p.expose().clone());
    r.engagement = i.engagement.into();
    r.status = i.status.into();
    r.languages = i.languages.join(",");
    r.modes = join_codes(&i.modes);
}

/// Creates (id None, in the active organisation) or updates a peer worker.
/// Inserts a new peer worker of `org` (inside the caller's write job, after its policy check;
/// the caller audits). A peer worker whose e-mail matches a peer-worker account of this
/// organisation is linked to it, so they see their own caseload.
pub(crate) fn insert_new_peer(
    tx: &mut Tx<'_>,
    id: PeerWorkerId,
    org: OrgId,
    input: &PeerWorkerInput,
    now: Timestamp,
) -> AppResult<PeerWorkerRow> {
    let mut row = PeerWorkerRow {
        id: id.into(),
        organisation_id: org.into(),
        user_id: None,
        display_name: String::new(),
        email: None,
        phone: None,
        engagement: Stored(input.engagement),
        status: Stored(input.status),
        languages: String::new(),
        modes: String::new(),
        created_at: now.micros(),
        updated_at: now.micros(),
    };
    apply_peer_input(&mut row, input);
    let account = match &row.email {
        Some(email) => sta::user_by_email(tx.conn(), email)?,
        None => None,
    };
    if let Some(u) = account {
        let is_peer =
            sta::memberships_of(tx.conn(), *u.id)?.iter().any(|m| m.organisation_id == row.organisation_id && m.role == Role::PeerWorker);
        if is_peer {
            row.user_id = Some(u.id);
        }
    }
    st::insert_peer(tx.conn(), &row)?;
    Ok(row)
}

pub async fn save_peer(app: &App, ctx: &Ctx, id: Option<PeerWorkerId>, input: PeerWorkerInput) -> AppResult<PeerWorkerView> {
    ctx.require_write()?;
    let new_id: PeerWorkerId = app.next_id();
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<PeerWorkerView> {
            let now = app2.now();
            let existing = match id {
                Some(id) => st::peer(tx.conn(), id)?,
                None => None,
            };
            if id.is_some() && existing.is_none() {
                let subject = Subject { kind: "peer_worker", id: id.map(|i| i.to_string()), org: ctx.org_text() };
                return Err(ctx.refuse(tx, now, AuditAction::Update, subject, AppError::NotFound));
            }
            let org: OrgId = match &existing {
                Some(e) => e.organisation_id.get(),
                None => ctx.org()?,
            };
            let action = if existing.is_some() { AuditAction::Update } else { AuditAction::Create };
            let Ok(basis) = policy::edit_peer_worker(&ctx.actor, org) else {
                let subject = Subject { kind: "peer_worker", id: id.map(|i| i.to_string()), org: Some(org.to_string()) };
                let answer = if existing.is_some() { AppError::NotFound } else { AppError::Forbidden };
                return Err(ctx.refuse(tx, now, action, subject, answer));
            };
            let row = match existing {
                Some(mut row) => {
                    apply_peer_input(&mut row, &input);
                    row.updated_at = now.micros();
                    st::update_peer(tx.conn(), &row)?;
                    row
                }
                None => insert_new_peer(tx, new_id, org, &input, now)?,
            };
            tx.audit(ctx.ok(now, action, "peer_worker", Some(row.id.to_string()), Some(org.to_string()), basis));
            let load = st::caseloads(tx.conn(), std::slice::from_ref(&row.id))?.first().map(|(_, n)| *n).unwrap_or(0);
            Ok(peer_view(&row, load)?)
        })
        .await
}

// ---------------------------------------------------------------- participants

#[derive(Clone, serde::Serialize)]
pub struct ParticipantView {
    pub id: ParticipantId,
    pub organisation_id: OrgId,
    pub programme_id: Option<ProgrammeId>,
    pub programme_name: Option<String>,
    pub pseudonym: String,
    pub name: Option<String>,
    /// Full for the owning organisation's managers, masked for everyone else.
    pub cpr: Option<String>,
    pub birth_year: Option<i32>,
    pub gender: Option<Gender>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub status: ParticipantStatus,
    pub languages: Vec<String>,
    pub assigned_peer_id: Option<PeerWorkerId>,
    pub assigned_peer_name: Option<String>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

fn participant_view(tx: &mut Tx<'_>, r: &ParticipantRow, basis: Basis) -> Result<ParticipantView, StoreError> {
    let programme_name = match &r.programme_id {
        Some(p) => std_::programme(tx.conn(), **p)?.map(|p| p.name),
        None => None,
    };
    let assigned_peer_name = match &r.assigned_peer_id {
        Some(p) => st::peer(tx.conn(), **p)?.map(|p| p.display_name),
        None => None,
    };
    list_view(r, basis, programme_name, assigned_peer_name)
}

fn list_view(
    r: &ParticipantRow,
    basis: Basis,
    programme_name: Option<String>,
    assigned_peer_name: Option<String>,
) -> Result<ParticipantView, StoreError> {
    let full_cpr = matches!(basis, Basis::OwnOrganisation(Role::Administrator | Role::Coordinator));
    Ok(ParticipantView {
        id: r.id.get(),
        organisation_id: r.organisation_id.get(),
        programme_id: r.programme_id.get(),
        programme_name,
        pseudonym: r.pseudonym.clone(),
        name: r.name.clone(),
        cpr: r.cpr.as_deref().and_then(|c| Cpr::parse(c).ok()).map(|c| if full_cpr { c.formatted() } else { c.masked() }),
        birth_year: r.birth_year.and_then(|y| i32::try_from(y).ok()),
        gender: r.gender.get(),
        phone: r.phone.clone(),
        email: r.email.clone(),
        status: r.status.get(),
        languages: r.languages.split(',').filter(|s| !s.is_empty()).map(str::to_owned).collect(),
        assigned_peer_id: r.assigned_peer_id.get(),
        assigned_peer_name,
        created_at: Timestamp(r.created_at),
        updated_at: Timestamp(r.updated_at),
    })
}

/// A participant search, as the UI and API ask it.
#[derive(Debug, Clone, Default)]
pub struct ParticipantSearch {
    pub text: Option<String>,
    pub status: Option<ParticipantStatus>,
    pub programme: Option<ProgrammeId>,
}

/// Searches the active organisation's participants that the actor may see. One audit record
/// for the search (not one per row), naming the basis.
pub async fn search_participants(app: &App, ctx: &Ctx, q: ParticipantSearch, page: Page) -> AppResult<(Vec<ParticipantView>, i64)> {
    let org = ctx.org()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| -> AppResult<(Vec<ParticipantView>, i64)> {
            let now = app2.now();
            let scope = match policy::list_participants(&ctx.actor, org) {
                Ok(s) => s,
                Err(_) => {
                    return Err(ctx.refuse(tx, now, AuditAction::Search, Subject::within("participant", Some(org)), AppError::Forbidden));
                }
            };
            let (basis, assigned_to) = match scope {
                ParticipantScope::All(b) => (b, None),
                ParticipantScope::AssignedTo(ps) => (Basis::AssignedPeer, Some(ps.to_vec())),
            };
            let query = ParticipantQuery {
                org,
                text: q.text.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_lowercase),
                status: q.status,
                programme: q.programme,
                assigned_to,
            };
            let (rows, total) = st::search_participants(tx.conn(), &query, page)?;
            let programmes = std_::programmes_of(tx.conn(), &[org], Page { offset: 0, limit: 10_000 })?.0;
            let peers = st::peers_of_org(tx.conn(), org, Page { offset: 0, limit: 100_000 })?.0;
            let views = rows
                .iter()
                .map(|r| {
                    let pn = r.programme_id.as_ref().and_then(|p| programmes.iter().find(|x| &x.id == p)).map(|p| p.name.clone());
                    let peer = r.assigned_peer_id.as_ref().and_then(|p| peers.iter().find(|x| &x.id == p)).map(|p| p.display_name.clone());
                    list_view(r, basis, pn, peer)
                })
                .collect::<Result<Vec<_>, _>>()?;
            tx.audit(ctx.ok(now, AuditAction::Search, "participant", None, Some(org.to_string()), basis));
            Ok((views, total))
        })
        .await
}

/// Reads one participant's record.
pub async fn get_participant(app: &App, ctx: &Ctx, id: ParticipantId) -> AppResult<ParticipantView> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| -> AppResult<ParticipantView> {
            let now = app2.now();
            let ((r, programme_name, peer_name), basis) = guarded(
                tx,
                &ctx,
                now,
                AuditAction::Read,
                Subject::record(&ctx, "participant", id),
                |c| st::participant_with_names(c, id),
                |c, (r, _, _)| {
                    let org: OrgId = r.organisation_id.get();
                    let t = ParticipantTarget { org, assigned_peer: r.assigned_peer_id.get() };
                    // Agreements matter only across organisations; skip the look-up otherwise.
                    let agreements =
                        if ctx.actor.role_in(org).is_some() { Vec::new() } else { agreements_involving(c, r.organisation_id.get())? };
                    // A withdrawn consent to partner sharing closes the partners' door (ADR 0009).
                    Ok(match policy::view_participant(&ctx.actor, t, &agreements, crate::zone::today_in(c, ctx.org, now)?).ok() {
                        Some(Basis::Partnership(_)) if crate::journey::intake::partner_sharing_blocked(c, id, now)? => None,
                        d => d,
                    })
                },
            )?;
            tx.audit(ctx.ok(now, AuditAction::Read, "participant", Some(r.id.to_string()), Some(r.organisation_id.to_string()), basis));
            Ok(list_view(&r, basis, programme_name, peer_name)?)
        })
        .await
}

fn apply_participant_input(
    tx: &mut Tx<'_>,
    r: &mut ParticipantRow,
    i: &ParticipantInput,
    peer: Option<PeerWorkerId>,
    now: Timestamp,
) -> AppResult<()> {
    let mut e = ValidationErrors::new();
    if let Some(p) = i.programme {
        let ok = std_::programme(tx.conn(), p)?.is_some_and(|p| p.organisation_id == r.organisation_id);
        if !ok {
            e.add("programme_id", "err-choice");
        }
    }
    if let Some(p) = peer {
        let ok = st::peer(tx.conn(), p)?.is_some_and(|p| p.organisation_id == r.organisation_id);
        if !ok {
            e.add("assigned_peer_id", "err-choice");
        }
    }
    e.into_result()?;
    // A newly assigned peer must be trained for their roles.
    if let Some(p) = peer.filter(|p| r.assigned_peer_id.get() != Some(*p)) {
        let today = crate::zone::today_in(tx.conn(), Some(r.organisation_id.get()), now)?;
        crate::workforce::training::require_trained(tx.conn(), p, "assigned_peer_id", today)?;
    }
    r.programme_id = stored(i.programme);
    r.name = i.name.as_ref().map(|n| n.expose().clone());
    r.cpr = i.cpr.as_ref().map(|c| c.digits().to_owned());
    r.birth_year = i.birth_year.map(i64::from);
    r.gender = i.gender.map(Stored);
    r.phone = i.phone.as_ref().map(|p| p.expose().clone());
    r.email = i.email.as_ref().map(|e| e.as_str().to_owned());
    r.status = i.status.into();
    // The measurement plan's waves count from the start and the end of the course.
    match i.status {
        ParticipantStatus::Waiting => {}
        ParticipantStatus::Active => {
            r.started_at.get_or_insert(now.micros());
            r.closed_at = None;
        }
        ParticipantStatus::Closed => {
            r.started_at.get_or_insert(now.micros());
            r.closed_at.get_or_insert(now.micros());
        }
    }
    r.languages = i.languages.join(",");
    r.assigned_peer_id = stored(peer);
    r.search_key = search_key(&[&r.pseudonym, r.name.as_deref().unwrap_or("")]);
    Ok(())
}

/// Creates a participant in the active organisation with a fresh pseudonym.
pub async fn create_participant(app: &App, ctx: &Ctx, input: ParticipantInput, peer: Option<PeerWorkerId>) -> AppResult<ParticipantView> {
    ctx.require_write()?;
    let org = ctx.org()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<ParticipantView> {
            let now = app2.now();
            let Ok(basis) = policy::edit_participant(&ctx.actor, org) else {
                return Err(ctx.refuse(tx, now, AuditAction::Create, Subject::within("participant", Some(org)), AppError::Forbidden));
            };
            let row = insert_new_participant(tx, &app2, org, &input, peer, now)?;
            tx.audit(ctx.ok(now, AuditAction::Create, "participant", Some(row.id.to_string()), Some(org.to_string()), basis));
            Ok(participant_view(tx, &row, basis)?)
        })
        .await
}

/// Inserts a new participant of `org` with a fresh pseudonym (inside the caller's write job,
/// after the caller's policy check; the caller audits), and invites them at once to any wave
/// of their programme's measurement plan that has fallen due.
pub(crate) fn insert_new_participant(
    tx: &mut Tx<'_>,
    app: &App,
    org: OrgId,
    input: &ParticipantInput,
    peer: Option<PeerWorkerId>,
    now: Timestamp,
) -> AppResult<ParticipantRow> {
    let mut row = ParticipantRow {
        id: Stored(app.next_id()),
        organisation_id: org.into(),
        programme_id: None,
        pseudonym: String::new(),
        name: None,
        cpr: None,
        birth_year: None,
        gender: None,
        phone: None,
        email: None,
        status: Stored(input.status),
        languages: String::new(),
        assigned_peer_id: None,
        search_key: String::new(),
        created_at: now.micros(),
        updated_at: now.micros(),
        started_at: None,
        closed_at: None,
    };
    for _ in 0..8 {
        let c = pseudonym(app.random_bytes());
        let q = ParticipantQuery { text: Some(c.to_lowercase()), ..ParticipantQuery::in_org(org) };
        if st::search_participants(tx.conn(), &q, Page { offset: 0, limit: 1 })?.1 == 0 {
            row.pseudonym = c;
            break;
        }
    }
    if row.pseudonym.is_empty() {
        return Err(AppError::Internal("no free pseudonym".into()));
    }
    apply_participant_input(tx, &mut row, input, peer, now)?;
    st::insert_participant(tx.conn(), &row)?;
    crate::measurement::invite_participant_now(tx, app, &row, now)?;
    Ok(row)
}

/// Loads a participant and decides one access to them, auditing a denial as "not found": a
/// read (`write == None`: `policy::view_participant`, with the agreements in force when the
/// actor is of another organisation, and a partner's door closed once the participant has
/// withdrawn partner sharing, ADR 0009), or a write under the given policy. The one door for
/// use cases that reach a participant by id outside `get_participant`'s joined hot path.
pub(crate) fn participant_access(
    tx: &mut Tx<'_>,
    ctx: &Ctx,
    id: ParticipantId,
    action: AuditAction,
    now: Timestamp,
    write: Option<fn(&policy::Actor, ParticipantTarget) -> policy::Decision>,
) -> AppResult<(ParticipantRow, Basis)> {
    guarded(
        tx,
        ctx,
        now,
        action,
        Subject::record(ctx, "participant", id),
        |c| st::participant(c, id),
        |c, r| {
            let org: OrgId = r.organisation_id.get();
            let t = ParticipantTarget { org, assigned_peer: r.assigned_peer_id.get() };
            let decision = match write {
                Some(decide) => decide(&ctx.actor, t).ok(),
                None => {
                    let agreements =
                        if ctx.actor.role_in(org).is_some() { Vec::new() } else { agreements_involving(c, r.organisation_id.get())? };
                    policy::view_participant(&ctx.actor, t, &agreements, crate::zone::today_in(c, ctx.org, now)?).ok()
                }
            };
            Ok(match decision {
                Some(Basis::Partnership(_)) if crate::journey::intake::partner_sharing_blocked(c, r.id.get(), now)? => None,
                d => d,
            })
        },
    )
}

/// `policy::edit_participant` in the shape `participant_access` takes.
pub(crate) fn edit_policy(actor: &policy::Actor, t: ParticipantTarget) -> policy::Decision {
    policy::edit_participant(actor, t.org)
}

/// Loads a participant for a change by a manager of the owning organisation, auditing a denial.
fn editable(tx: &mut Tx<'_>, ctx: &Ctx, id: ParticipantId, action: AuditAction, now: Timestamp) -> AppResult<(ParticipantRow, Basis)> {
    guarded(
        tx,
        ctx,
        now,
        action,
        Subject::record(ctx, "participant", id),
        |c| st::participant(c, id),
        |_, r| Ok(policy::edit_participant(&ctx.actor, r.organisation_id.get()).ok()),
    )
}

pub async fn update_participant(
    app: &App,
    ctx: &Ctx,
    id: ParticipantId,
    input: ParticipantInput,
    peer: Option<PeerWorkerId>,
) -> AppResult<ParticipantView> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<ParticipantView> {
            let now = app2.now();
            let (mut row, basis) = editable(tx, &ctx, id, AuditAction::Update, now)?;
            apply_participant_input(tx, &mut row, &input, peer, now)?;
            row.updated_at = now.micros();
            st::update_participant(tx.conn(), &row)?;
            tx.audit(ctx.ok(
                now,
                AuditAction::Update,
                "participant",
                Some(row.id.to_string()),
                Some(row.organisation_id.to_string()),
                basis,
            ));
            crate::measurement::invite_participant_now(tx, &app2, &row, now)?;
            Ok(participant_view(tx, &row, basis)?)
        })
        .await
}

/// Deletes a participant's record. Deletion is deletion: the row is gone; the audit trail
/// keeps only the pseudonymous id.
pub async fn delete_participant(app: &App, ctx: &Ctx, id: ParticipantId) -> AppResult<()> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<()> {
            let now = app2.now();
            let (row, basis) = editable(tx, &ctx, id, AuditAction::Delete, now)?;
            st::delete_participant(tx.conn(), *row.id)?;
            tx.audit(ctx.ok(
                now,
                AuditAction::Delete,
                "participant",
                Some(row.id.to_string()),
                Some(row.organisation_id.to_string()),
                basis,
            ));
            Ok(())
        })
        .await
}

/// Counts for the dashboard of the active organisation: only what the actor's role may list
/// (a peer worker counts their own caseload). No personal data.
#[derive(Debug, Clone, Default)]
pub struct Dashboard {
    /// Waiting, active and closed participants; None when the role lists no participants.
    pub participants: Option<(i64, i64, i64)>,
    /// Whether the counts are the actor's own caseload rather than the organisation's.
    pub own_caseload: bool,
    /// Peer workers; None when the role may not list them.
    pub peers: Option<i64>,
    pub programmes: i64,
}

pub async fn dashboard(app: &App, ctx: &Ctx) -> AppResult<Dashboard> {
    let org = ctx.org()?;
    if ctx.actor.role_in(org).is_none() {
        return Err(AppError::Forbidden);
    }
    let scope = policy::list_participants(&ctx.actor, org).ok();
    let peers_allowed = policy::list_peer_workers(&ctx.actor, org).is_ok();
    app.db
        .read(move |c| -> AppResult<Dashboard> {
            let mut d = Dashboard::default();
            if let Some(scope) = scope {
                let mine: Option<Vec<PeerWorkerId>> = match &scope {
                    ParticipantScope::All(_) => None,
                    ParticipantScope::AssignedTo(ps) => Some(ps.to_vec()),
                };
                d.own_caseload = mine.is_some();
                let (mut w, mut a, mut cl) = (0, 0, 0);
                for (status, n) in st::count_participants(c, org, mine.as_deref())? {
                    match status.as_str() {
                        "waiting" => w = n,
                        "active" => a = n,
                        _ => cl += n,
                    }
                }
                d.participants = Some((w, a, cl));
            }
            if peers_allowed {
                d.peers = Some(st::peers_of_org(c, org, Page { offset: 0, limit: 0 })?.1);
            }
            d.programmes = std_::programmes_of(c, &[org], Page { offset: 0, limit: 0 })?.1;
            Ok(d)
        })
        .await
}
