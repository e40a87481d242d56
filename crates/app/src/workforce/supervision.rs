//! Supervision of peer workers: who supervises whom per kind (a colleague, a
//! manager, or an external supervisor whose account has no role in the organisation), the
//! required frequency per role, sessions with attendance and topics, the overview of who is
//! overdue, and reminders. A professional session's note is confidential between the supervisor
//! and the supervisees who attended: it never reaches a manager (see `policy::view_supervision_session`).

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};

use sammen_domain::audit::{AuditAction, AuditEvent, AuditOutcome};
use sammen_domain::directory::{join_codes, split_codes};
use sammen_domain::measurement::MessageKind;
use sammen_domain::people::{Email, Password, PeerStatus, Role};
use sammen_domain::policy::{self, PeerTarget, SupervisionTarget};
use sammen_domain::time::{Timestamp, format_date};
use sammen_domain::workforce::supervision::{
    Compliance, SessionInput, SessionRecord, SupervisionFormat, SupervisionKind, SupervisionStatus, SupervisionTopic, compliance, strictest,
};
use sammen_domain::{OrgId, PeerWorkerId, UserId, ValidationErrors};
use sammen_i18n::Arg;
use sammen_store::rows::{SupervisionRelationRow, SupervisionRequirementRow, SupervisionSessionRow, UserRow};
use sammen_store::{
    DbConnection, Page, StoreError, Stored, Tx, Unstore, access as sta, directory as sd, people as sp, workforce::roles as sw,
    workforce::supervision as ss,
};
use time::Date;

use crate::messages::{Message, queue};
use crate::zone::{today_in, zone_of};
use crate::{App, AppError, AppResult, Ctx, Subject, guarded};

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(what.to_owned())
}

const ALL: Page = Page { offset: 0, limit: i64::MAX };

fn user_name(conn: &mut DbConnection, id: UserId) -> Result<String, StoreError> {
    Ok(sta::user_by_id(conn, id)?.map(|u| u.display_name).unwrap_or_default())
}

/// An id the client sent as text, taken only in the form the store writes ids (as when the
/// text itself was looked up): any other spelling finds nothing.
fn given_id<T: std::str::FromStr + std::fmt::Display>(raw: &str) -> Option<T> {
    raw.parse::<T>().ok().filter(|id| id.to_string() == raw)
}

// ---------------------------------------------------------------- relations

/// One supervision relation.
#[derive(Debug, Clone)]
pub struct RelationView {
    pub id: String,
    pub peer_id: PeerWorkerId,
    pub peer_name: String,
    pub organisation_id: OrgId,
    pub kind: SupervisionKind,
    pub supervisor: UserId,
    pub supervisor_name: String,
    /// The supervisor has no role in the organisation (another organisation, a peer network).
    pub external: bool,
    pub starts_on: Date,
    pub ends_on: Option<Date>,
    pub in_force: bool,
}

fn in_force(r: &SupervisionRelationRow, today: Date) -> bool {
    *r.starts_on <= today && r.ends_on.get().is_none_or(|e| e >= today)
}

fn relation_view(conn: &mut DbConnection, r: &SupervisionRelationRow, today: Date) -> Result<RelationView, StoreError> {
    let u = sta::user_by_id(conn, *r.supervisor_user_id)?;
    let external = !sta::memberships_of(conn, *r.supervisor_user_id)?.iter().any(|m| m.organisation_id == r.organisation_id);
    Ok(RelationView {
        id: r.id.clone(),
        peer_id: r.peer_id.get(),
        peer_name: sp::peer(conn, *r.peer_id)?.map(|p| p.display_name).unwrap_or_default(),
        organisation_id: r.organisation_id.get(),
        kind: r.kind.get(),
        supervisor: r.supervisor_user_id.get(),
        supervisor_name: u.map(|u| u.display_name).unwrap_or_default(),
        external,
        starts_on: *r.starts_on,
        ends_on: r.ends_on.get(),
        in_force: in_force(r, today),
    })
}

/// A peer worker's supervision page: their relations and, for managers, who may be assigned.
pub struct PeerSupervision {
    pub name: String,
    pub relations: Vec<RelationView>,
    pub can_edit: bool,
    /// Members of the organisation who may supervise: (user id, name, role).
    pub candidates: Vec<(String, String, Role)>,
}

/// Managers, and the peer themselves, see a peer's supervisors.
fn view_relations(actor: &policy::Actor, t: PeerTarget) -> policy::Decision {
    if let Ok(b) = policy::manage_supervision(actor, t.org) {
        return Ok(b);
    }
    if actor.peer_worker_ids.contains(&t.id) && actor.role_in(t.org).is_some() {
        return Ok(policy::Basis::OwnRecord);
    }
    Err(policy::Denied)
}

fn manage_relations(actor: &policy::Actor, t: PeerTarget) -> policy::Decision {
    policy::manage_supervision(actor, t.org)
}

/// Loads a peer worker and decides an access, auditing a denial as "not found".
fn peer_for(
    tx: &mut Tx<'_>,
    ctx: &Ctx,
    peer: PeerWorkerId,
    action: AuditAction,
    now: Timestamp,
    decide: fn(&policy::Actor, PeerTarget) -> policy::Decision,
) -> AppResult<(sammen_store::rows::PeerWorkerRow, policy::Basis)> {
    guarded(
        tx,
        ctx,
        now,
        action,
        Subject::record(ctx, "peer_worker", peer),
        |c| sp::peer(c, peer),
        |_, r| Ok(decide(&ctx.actor, PeerTarget { id: peer, org: r.organisation_id.get() }).ok()),
    )
}

pub async fn peer_supervision(app: &App, ctx: &Ctx, peer: PeerWorkerId) -> AppResult<PeerSupervision> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| {
            let now = app2.now();
            let (row, basis) = peer_for(tx, &ctx, peer, AuditAction::Read, now, view_relations)?;
            let today = today_in(tx.conn(), Some(row.organisation_id.get()), now)?;
            let relations = ss::relations_of_peer(tx.conn(), *row.id)?
                .iter()
                .map(|r| relation_view(tx.conn(), r, today))
                .collect::<Result<Vec<_>, _>>()?;
            let org: OrgId = row.organisation_id.get();
            let can_edit = policy::manage_supervision(&ctx.actor, org).is_ok();
            let candidates = if can_edit {
                sta::staff_of(tx.conn(), org, ALL)?
                    .0
                    .into_iter()
                    .filter(|(u, _)| u.active)
                    .map(|(u, r)| (u.id.to_string(), u.display_name, r.get()))
                    .filter(|(_, _, r)| matches!(r, Role::Administrator | Role::Coordinator | Role::Supervisor | Role::PeerWorker))
                    .collect()
            } else {
                Vec::new()
            };
            tx.audit(ctx.ok(now, AuditAction::Read, "peer_worker", Some(row.id.to_string()), Some(row.organisation_id.to_string()), basis));
            Ok(PeerSupervision { name: row.display_name, relations, can_edit, candidates })
        })
        .await
}

/// Who is to supervise.
#[derive(Debug, Clone)]
pub enum Assign {
    /// A member of the organisation (a colleague for professional supervision, a manager for managerial).
    Member(UserId),
    /// An external supervisor (professional supervision only): an account with no role in the
    /// organisation, made now unless one exists with the address.
    External { name: String, email: Email },
}

/// Assigns a supervisor of `kind` to a peer from today, ending the earlier one. Returns the
/// one-time password of a new external account, to be passed on to its owner.
pub async fn assign(app: &App, ctx: &Ctx, peer: PeerWorkerId, kind: SupervisionKind, who: Assign) -> AppResult<Option<String>> {
    ctx.require_write()?;
    let (hash, shown) = match &who {
        Assign::External { .. } => {
            use base64::Engine;
            let t = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(app.random_bytes::<12>());
            let pw = Password::parse(&t).map_err(|m| AppError::Internal(m.into()))?;
            let app3 = app.clone();
            let h = tokio::task::spawn_blocking(move || crate::access::auth::hash_password(&app3, &pw))
                .await
                .map_err(|e| AppError::Internal(e.to_string()))??;
            (Some(h), Some(t))
        }
        Assign::Member(_) => (None, None),
    };
    let ctx = ctx.clone();
    let app2 = app.clone();
    let new_user: UserId = app.next_id();
    let rel_id = app.new_id();
    app.db
        .write(move |tx| {
            let now = app2.now();
            let (row, basis) = peer_for(tx, &ctx, peer, AuditAction::Update, now, manage_relations)?;
            let today = today_in(tx.conn(), Some(row.organisation_id.get()), now)?;
            let org: OrgId = row.organisation_id.get();
            let mut created = false;
            let supervisor = match &who {
                Assign::Member(u) => {
                    let role = sta::memberships_of(tx.conn(), *u)?.into_iter().find(|m| m.organisation_id == org).map(|m| m.role);
                    let ok = matches!(
                        (kind, role.get()),
                        (SupervisionKind::Managerial, Some(Role::Administrator | Role::Coordinator))
                            | (
                                SupervisionKind::Professional,
                                Some(Role::Administrator | Role::Coordinator | Role::Supervisor | Role::PeerWorker)
                            )
                    );
                    if !ok {
                        return Err(AppError::Validation(ValidationErrors::single("supervisor", "err-supervisor")));
                    }
                    *u
                }
                Assign::External { name, email } => {
                    if kind != SupervisionKind::Professional {
                        return Err(AppError::Validation(ValidationErrors::single("kind", "err-external-professional")));
                    }
                    match sta::user_by_email(tx.conn(), email.as_str())? {
                        Some(u) if u.system_admin => {
                            return Err(AppError::Validation(ValidationErrors::single("email", "err-unique-email")));
                        }
                        Some(u) => u.id.get(),
                        None => {
                            let name = sammen_domain::validation::required_text(name, 200)
                                .map_err(|m| AppError::Validation(ValidationErrors::single("display_name", m)))?;
                            let u = UserRow {
                                id: Stored(new_user),
                                organisation_id: None,
                                email: email.as_str().to_owned(),
                                display_name: name,
                                password_hash: hash.clone().unwrap_or_default(),
                                system_admin: false,
                                totp_secret: None,
                                totp_enabled: false,
                                totp_last_step: None,
                                active: true,
                                password_changed_at: now.micros(),
                                created_at: now.micros(),
                                updated_at: now.micros(),
                            };
                            sta::insert_user(tx.conn(), &u)?;
                            tx.audit(ctx.ok(now, AuditAction::Create, "user", Some(u.id.to_string()), Some(org.to_string()), basis));
                            created = true;
                            new_user
                        }
                    }
                }
            };
            let yesterday = today.previous_day().unwrap_or(today);
            ss::end_relations(tx.conn(), *row.id, kind, yesterday)?;
            ss::insert_relation(
                tx.conn(),
                &SupervisionRelationRow {
                    id: rel_id.clone(),
                    organisation_id: org.into(),
                    peer_id: row.id,
                    kind: kind.into(),
                    supervisor_user_id: supervisor.into(),
                    starts_on: today.into(),
                    ends_on: None,
                    created_by: Some(ctx.actor.user.into()),
                    created_at: now.micros(),
                },
            )?;
            tx.audit(ctx.ok(now, AuditAction::Update, "peer_worker", Some(row.id.to_string()), Some(org.to_string()), basis));
            Ok(if created { shown.clone() } else { None })
        })
        .await
}

// ---------------------------------------------------------------- requirements

/// A required frequency of a role and kind.
#[derive(Debug, Clone)]
pub struct RequirementView {
    pub role_key: String,
    pub role_title: String,
    pub kind: SupervisionKind,
    pub every_weeks: i64,
}

/// Sets how often a role's peers must have supervision of `kind` (managers).
pub async fn set_requirement(app: &App, ctx: &Ctx, role_key: &str, kind: SupervisionKind, every_weeks: i64) -> AppResult<()> {
    ctx.require_write()?;
    let org = ctx.org()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    let id = app.new_id();
    let key = role_key.to_owned();
    app.db
        .write(move |tx| {
            let now = app2.now();
            let Ok(basis) = policy::manage_supervision(&ctx.actor, org) else {
                let subject = Subject::within("supervision_requirement", Some(org));
                return Err(ctx.refuse(tx, now, AuditAction::Update, subject, AppError::Forbidden));
            };
            if sw::current_role(tx.conn(), &key)?.is_none_or(|r| r.organisation_id != org) {
                return Err(AppError::Validation(ValidationErrors::single("role_key", "err-unknown-role")));
            }
            ss::set_requirement(
                tx.conn(),
                &SupervisionRequirementRow {
                    id,
                    organisation_id: org.into(),
                    role_key: key.clone(),
                    kind: kind.into(),
                    every_weeks,
                    updated_at: now.micros(),
                },
            )?;
            tx.audit(ctx.ok(now, AuditAction::Update, "supervision_requirement", Some(key.clone()), Some(org.to_string()), basis));
            Ok(())
        })
        .await
}

// ---------------------------------------------------------------- due and overdue

/// Where one peer stands with one kind of supervision.
#[derive(Debug, Clone)]
pub struct DueRow {
    pub peer_id: PeerWorkerId,
    pub peer_name: String,
    pub peer_email: Option<String>,
    pub kind: SupervisionKind,
    /// The supervisor in force: (user id, name).
    pub supervisor: Option<(String, String)>,
    pub last: Option<Date>,
    /// None: no role of the peer requires this kind.
    pub compliance: Option<Compliance>,
}

impl DueRow {
    pub fn overdue(&self) -> bool {
        self.compliance.is_some_and(|c| c.overdue)
    }
}

/// How many peers of an organisation are on time and overdue with one kind of supervision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindCompliance {
    pub kind: SupervisionKind,
    pub on_time: usize,
    pub overdue: usize,
}

/// Every active peer of `org` and kind, with the rule of their roles in force on `today`.
pub fn due_rows(conn: &mut DbConnection, org: OrgId, now: Timestamp) -> Result<Vec<DueRow>, StoreError> {
    Ok(due_rows_with_supervisor(conn, org, now)?.into_iter().map(|(r, _)| r).collect())
}

/// `due_rows`, each with the id of the supervisor in force (for the reminders).
fn due_rows_with_supervisor(conn: &mut DbConnection, org: OrgId, now: Timestamp) -> Result<Vec<(DueRow, Option<UserId>)>, StoreError> {
    let zone = zone_of(conn, Some(org))?;
    let today = zone.today(now);
    let peers: Vec<_> = sp::peers_of_org(conn, org, ALL)?.0.into_iter().filter(|p| p.status == PeerStatus::Active).collect();
    let reqs: BTreeMap<(String, String), i64> =
        ss::requirements_of_org(conn, org)?.into_iter().map(|r| ((r.role_key, r.kind.code().to_owned()), r.every_weeks)).collect();
    let mut current: BTreeMap<(PeerWorkerId, String), SupervisionRelationRow> = BTreeMap::new();
    for r in ss::relations_of_org(conn, org)?.into_iter().filter(|r| in_force(r, today)) {
        let key = (r.peer_id.get(), r.kind.code().to_owned());
        if current.get(&key).is_none_or(|c| c.starts_on <= r.starts_on) {
            current.insert(key, r);
        }
    }
    let last: BTreeMap<(PeerWorkerId, SupervisionKind), Date> =
        ss::last_attended(conn, org)?.into_iter().map(|(p, k, at)| ((p, k), Timestamp(at).date_in(&zone))).collect();
    let mut names: BTreeMap<UserId, String> = BTreeMap::new();
    let mut out = Vec::new();
    for p in peers {
        let pid: PeerWorkerId = p.id.get();
        let roles = sw::roles_in_force(conn, pid, today)?;
        for kind in SupervisionKind::ALL {
            let weeks = strictest(roles.iter().filter_map(|r| reqs.get(&(r.clone(), kind.code().to_owned())).copied()));
            let rel = current.get(&(pid, kind.code().to_owned()));
            let supervisor_id = rel.map(|r| r.supervisor_user_id.get());
            let supervisor = match supervisor_id {
                Some(u) => {
                    if let Entry::Vacant(v) = names.entry(u) {
                        v.insert(user_name(conn, u)?);
                    }
                    Some((u.to_string(), names.get(&u).cloned().unwrap_or_default()))
                }
                None => None,
            };
            let since = match rel {
                Some(r) => *r.starts_on,
                None => Timestamp(p.created_at).date_in(&zone),
            };
            let l = last.get(&(pid, *kind)).copied();
            out.push((
                DueRow {
                    peer_id: pid,
                    peer_name: p.display_name.clone(),
                    peer_email: p.email.clone(),
                    kind: *kind,
                    supervisor,
                    last: l,
                    compliance: weeks.map(|w| compliance(l, since, w, today)),
                },
                supervisor_id,
            ));
        }
    }
    Ok(out)
}

/// Per kind, how many peers with a requirement are on time and how many overdue.
pub fn compliance_counts(rows: &[DueRow]) -> Vec<KindCompliance> {
    SupervisionKind::ALL
        .iter()
        .map(|k| {
            let of: Vec<&DueRow> = rows.iter().filter(|r| r.kind == *k && r.compliance.is_some()).collect();
            let overdue = of.iter().filter(|r| r.overdue()).count();
            KindCompliance { kind: *k, on_time: of.len() - overdue, overdue }
        })
        .collect()
}

/// For the workforce overview: per kind, how many of the active organisation's peers are
/// compliant and how many overdue today (managers; audited as a read of the overview).
pub async fn compliance_of_org(app: &App, ctx: &Ctx) -> AppResult<Vec<KindCompliance>> {
    let org = ctx.org()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| {
            let now = app2.now();
            let Ok(basis) = policy::manage_supervision(&ctx.actor, org) else {
                let subject = Subject::within("supervision_overview", Some(org));
                return Err(ctx.refuse(tx, now, AuditAction::Read, subject, AppError::Forbidden));
            };
            let rows = due_rows(tx.conn(), org, now)?;
            tx.audit(ctx.ok(now, AuditAction::Read, "supervision_overview", None, Some(org.to_string()), basis));
            Ok(compliance_counts(&rows))
        })
        .await
}

// ---------------------------------------------------------------- sessions

/// A session as a list shows it (never its note).
#[derive(Debug, Clone)]
pub struct SessionSummary {
    pub id: String,
    pub organisation_id: OrgId,
    pub kind: SupervisionKind,
    pub format: SupervisionFormat,
    pub starts_at: Timestamp,
    pub duration_minutes: i64,
    pub supervisor: UserId,
    pub supervisor_name: String,
    pub status: SupervisionStatus,
    pub topics: Vec<SupervisionTopic>,
    pub invited: usize,
    pub attended: usize,
}

fn summaries(conn: &mut DbConnection, rows: &[SupervisionSessionRow]) -> Result<Vec<SessionSummary>, StoreError> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let att = ss::attendees(conn, &ids)?;
    let mut names: BTreeMap<UserId, String> = BTreeMap::new();
    rows.iter()
        .map(|r| {
            let supervisor = r.supervisor_user_id.get();
            if let Entry::Vacant(v) = names.entry(supervisor) {
                v.insert(user_name(conn, supervisor)?);
            }
            let of: Vec<_> = att.iter().filter(|a| a.session_id == r.id).collect();
            Ok(SessionSummary {
                id: r.id.clone(),
                organisation_id: r.organisation_id.get(),
                kind: r.kind.get(),
                format: r.format.get(),
                starts_at: Timestamp(r.starts_at),
                duration_minutes: r.duration_minutes,
                supervisor,
                supervisor_name: names.get(&supervisor).cloned().unwrap_or_default(),
                status: r.status.get(),
                topics: split_codes(&r.topics, SupervisionTopic::parse),
                invited: of.len(),
                attended: of.iter().filter(|a| a.attended).count(),
            })
        })
        .collect()
}

/// One session, as the reader may see it.
#[derive(Debug, Clone)]
pub struct SessionDetail {
    pub summary: SessionSummary,
    /// (peer id, name, attended)
    pub attendees: Vec<(PeerWorkerId, String, bool)>,
    /// The note, when the reader may see it.
    pub note: Option<String>,
    /// The reader may not see the note (a manager, for a professional session; a supervisee who did not attend).
    pub note_withheld: bool,
    pub can_record: bool,
    /// The reader may write the note.
    pub can_note: bool,
}

struct Loaded {
    row: SupervisionSessionRow,
    invited: Vec<PeerWorkerId>,
    attended: Vec<PeerWorkerId>,
}

fn load_session(conn: &mut DbConnection, id: &str) -> Result<Option<Loaded>, StoreError> {
    let Some(row) = ss::session(conn, id)? else { return Ok(None) };
    let att = ss::attendees(conn, std::slice::from_ref(&row.id))?;
    let invited = att.iter().map(|a| a.peer_id.get()).collect();
    let attended = att.iter().filter(|a| a.attended).map(|a| a.peer_id.get()).collect();
    Ok(Some(Loaded { row, invited, attended }))
}

fn decide(ctx: &Ctx, l: &Loaded) -> AppResult<Option<policy::SupervisionAccess>> {
    let t = SupervisionTarget {
        org: l.row.organisation_id.get(),
        professional: l.row.kind == SupervisionKind::Professional,
        supervisor: l.row.supervisor_user_id.get(),
        invited: &l.invited,
        attended: &l.attended,
    };
    Ok(policy::view_supervision_session(&ctx.actor, &t).ok())
}

/// A session with what the reader may see of it. Audited; a denial is audited and answered as not found.
pub async fn session(app: &App, ctx: &Ctx, id: &str) -> AppResult<SessionDetail> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    let id = id.to_owned();
    app.db
        .audited_read(move |tx| {
            let now = app2.now();
            let subject = Subject::record(&ctx, "supervision_session", &id);
            let (l, access) = guarded(tx, &ctx, now, AuditAction::Read, subject, |c| load_session(c, &id), |_, l| decide(&ctx, l))?;
            let summary = summaries(tx.conn(), std::slice::from_ref(&l.row))?.into_iter().next().ok_or_else(|| corrupt("session"))?;
            let mut attendees = Vec::new();
            for p in &l.invited {
                let name = sp::peer(tx.conn(), *p)?.map(|r| r.display_name).unwrap_or_default();
                attendees.push((*p, name, l.attended.contains(p)));
            }
            let purpose = if access.note { "note_shown" } else { "note_withheld" };
            tx.audit(ctx.event(
                now,
                AuditAction::Read,
                "supervision_session",
                Some(l.row.id.clone()),
                Some(l.row.organisation_id.to_string()),
                format!("{};{purpose}", access.basis.describe()),
                AuditOutcome::Ok,
            ));
            Ok(SessionDetail {
                summary,
                attendees,
                note: if access.note { l.row.note.clone() } else { None },
                note_withheld: !access.note,
                can_record: access.record,
                can_note: access.record && access.note,
            })
        })
        .await
}

/// Plans a session (managers of the active organisation). The supervisor must supervise in the
/// organisation (a member, or the supervisor of one of its relations); the supervisees must be its peers.
pub async fn plan_session(app: &App, ctx: &Ctx, input: SessionInput) -> AppResult<String> {
    ctx.require_write()?;
    let org = ctx.org()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    let id = app.new_id();
    app.db
        .write(move |tx| {
            let now = app2.now();
            let Ok(basis) = policy::manage_supervision(&ctx.actor, org) else {
                let subject = Subject::within("supervision_session", Some(org));
                return Err(ctx.refuse(tx, now, AuditAction::Create, subject, AppError::Forbidden));
            };
            let mut supervisor: Option<UserId> = given_id(&input.supervisor);
            if let Some(u) = supervisor {
                let member = sta::memberships_of(tx.conn(), u)?.iter().any(|m| m.organisation_id == org);
                let supervises = ss::relations_of_supervisor(tx.conn(), u)?.iter().any(|r| r.organisation_id == org);
                if !(member || supervises) {
                    supervisor = None;
                }
            }
            let mut e = ValidationErrors::new();
            if supervisor.is_none() {
                e.add("supervisor", "err-supervisor");
            }
            let mut invited: Vec<PeerWorkerId> = Vec::with_capacity(input.invited.len());
            for p in &input.invited {
                let peer = given_id::<PeerWorkerId>(p);
                match peer {
                    Some(peer) if sp::peer(tx.conn(), peer)?.is_some_and(|r| r.organisation_id == org) => invited.push(peer),
                    _ => {
                        e.add("invited", "err-supervisees");
                        break;
                    }
                }
            }
            e.into_result()?;
            let Some(supervisor) = supervisor else {
                return Err(AppError::Validation(ValidationErrors::single("supervisor", "err-supervisor")));
            };
            let row = SupervisionSessionRow {
                id: id.clone(),
                organisation_id: org.into(),
                kind: input.kind.into(),
                format: input.format.into(),
                starts_at: input.starts_at.micros(),
                duration_minutes: input.duration_minutes,
                supervisor_user_id: supervisor.into(),
                status: SupervisionStatus::Planned.into(),
                topics: String::new(),
                note: None,
                created_by: Some(ctx.actor.user.into()),
                created_at: now.micros(),
                updated_at: now.micros(),
            };
            ss::insert_session(tx.conn(), &row, &invited)?;
            tx.audit(ctx.ok(now, AuditAction::Create, "supervision_session", Some(id.clone()), Some(org.to_string()), basis));
            Ok(id)
        })
        .await
}

/// Records what happened: status, attendance, topics; and the note when the writer may see it
/// (the supervisor; managers only for managerial supervision). A note sent by someone who may
/// not see it is refused.
pub async fn record_session(app: &App, ctx: &Ctx, id: &str, rec: SessionRecord) -> AppResult<()> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    let id = id.to_owned();
    app.db
        .write(move |tx| {
            let now = app2.now();
            let subject = Subject::record(&ctx, "supervision_session", &id);
            let (l, access) = guarded(
                tx,
                &ctx,
                now,
                AuditAction::Update,
                subject,
                |c| load_session(c, &id),
                |_, l| Ok(decide(&ctx, l)?.filter(|a| a.record)),
            )?;
            if rec.note.is_some() && !access.note {
                let subject = Subject { kind: "supervision_session", id: Some(id.clone()), org: Some(l.row.organisation_id.to_string()) };
                return Err(ctx.refuse(tx, now, AuditAction::Update, subject, AppError::Forbidden));
            }
            rec.check_time(Timestamp(l.row.starts_at), now)?;
            let invited: BTreeSet<PeerWorkerId> = l.invited.iter().copied().collect();
            let attended: BTreeSet<PeerWorkerId> = rec.attended.iter().filter_map(|a| given_id(a)).collect();
            if rec.attended.iter().any(|a| given_id::<PeerWorkerId>(a).is_none_or(|p| !invited.contains(&p))) {
                return Err(AppError::Validation(ValidationErrors::single("attended", "err-supervisees")));
            }
            for p in &invited {
                ss::set_attended(tx.conn(), &id, *p, attended.contains(p))?;
            }
            let mut row = l.row.clone();
            row.status = rec.status.into();
            row.topics = join_codes(&rec.topics);
            if let Some(note) = &rec.note {
                row.note = note.clone();
            }
            row.updated_at = now.micros();
            ss::update_session(tx.conn(), &row)?;
            tx.audit(ctx.ok(
                now,
                AuditAction::Update,
                "supervision_session",
                Some(id.clone()),
                Some(row.organisation_id.to_string()),
                access.basis,
            ));
            Ok(())
        })
        .await
}

// ---------------------------------------------------------------- the supervision page

/// The overview for managers.
#[derive(Debug, Clone)]
pub struct Overview {
    pub rows: Vec<DueRow>,
    pub compliance: Vec<KindCompliance>,
    pub requirements: Vec<RequirementView>,
    /// The organisation's current roles (key, title).
    pub roles: Vec<(String, String)>,
    pub sessions: Vec<SessionSummary>,
    /// Who may lead a session: members and external supervisors of the organisation's relations (id, name).
    pub supervisors: Vec<(String, String)>,
    /// The active peers (id, name).
    pub peers: Vec<(String, String)>,
}

/// `/supervision`: what this reader may see of supervision.
#[derive(Debug, Clone, Default)]
pub struct Home {
    pub overview: Option<Overview>,
    /// Relations in force in which the reader is the supervisor.
    pub supervisees: Vec<RelationView>,
    /// Sessions the reader leads.
    pub led: Vec<SessionSummary>,
    /// The reader's own supervisors (as a peer) and the sessions they are invited to.
    pub own_relations: Vec<RelationView>,
    pub own_sessions: Vec<SessionSummary>,
}

/// The supervision page. An external supervisor (no role in any organisation) sees their
/// supervisees and the sessions they lead, nothing else.
pub async fn home(app: &App, ctx: &Ctx) -> AppResult<Home> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| {
            let now = app2.now();
            let today = today_in(tx.conn(), ctx.org, now)?;
            let mut home = Home::default();
            if let Some(org) = ctx.org
                && let Ok(basis) = policy::manage_supervision(&ctx.actor, org)
            {
                let rows = due_rows(tx.conn(), org, now)?;
                let roles: Vec<(String, String)> = sw::current_roles(tx.conn(), org)?.into_iter().map(|r| (r.role_key, r.title)).collect();
                let requirements = ss::requirements_of_org(tx.conn(), org)?
                    .into_iter()
                    .filter_map(|r| {
                        let title = roles.iter().find(|(k, _)| *k == r.role_key)?.1.clone();
                        Some(RequirementView {
                            role_key: r.role_key,
                            role_title: title,
                            kind: Some(r.kind.get())?,
                            every_weeks: r.every_weeks,
                        })
                    })
                    .collect();
                let rows_s = ss::sessions_of_org(tx.conn(), org, 50)?;
                let sessions = summaries(tx.conn(), &rows_s)?;
                let mut supervisors: BTreeMap<UserId, String> = sta::staff_of(tx.conn(), org, ALL)?
                    .0
                    .into_iter()
                    .filter(|(u, r)| u.active && *r != Role::Referrer && *r != Role::Evaluator)
                    .map(|(u, _)| (u.id.get(), u.display_name))
                    .collect();
                for r in ss::relations_of_org(tx.conn(), org)? {
                    if let Entry::Vacant(v) = supervisors.entry(r.supervisor_user_id.get()) {
                        v.insert(user_name(tx.conn(), r.supervisor_user_id.get())?);
                    }
                }
                let mut supervisors: Vec<(String, String)> = supervisors.into_iter().map(|(u, n)| (u.to_string(), n)).collect();
                supervisors.sort_by(|a, b| a.1.cmp(&b.1));
                let peers = sp::peers_of_org(tx.conn(), org, ALL)?
                    .0
                    .into_iter()
                    .filter(|p| p.status == PeerStatus::Active)
                    .map(|p| (p.id.to_string(), p.display_name))
                    .collect();
                tx.audit(ctx.ok(now, AuditAction::Read, "supervision_overview", None, Some(org.to_string()), basis));
                home.overview =
                    Some(Overview { compliance: compliance_counts(&rows), rows, requirements, roles, sessions, supervisors, peers });
            }
            let me = ctx.actor.user;
            for r in ss::relations_of_supervisor(tx.conn(), me)?.iter().filter(|r| in_force(r, today)) {
                let v = relation_view(tx.conn(), r, today)?;
                tx.audit(ctx.ok(
                    now,
                    AuditAction::Read,
                    "peer_worker",
                    Some(r.peer_id.to_string()),
                    Some(r.organisation_id.to_string()),
                    policy::Basis::Supervises,
                ));
                home.supervisees.push(v);
            }
            let led_rows = ss::sessions_led_by(tx.conn(), me)?;
            home.led = summaries(tx.conn(), &led_rows)?;
            let own: &[PeerWorkerId] = &ctx.actor.peer_worker_ids;
            if !own.is_empty() {
                for p in own {
                    for r in ss::relations_of_peer(tx.conn(), *p)?.iter().filter(|r| in_force(r, today)) {
                        home.own_relations.push(relation_view(tx.conn(), r, today)?);
                    }
                }
                let led: BTreeSet<String> = home.led.iter().map(|s| s.id.clone()).collect();
                let own_rows = ss::sessions_of_peers(tx.conn(), own)?;
                home.own_sessions = summaries(tx.conn(), &own_rows)?.into_iter().filter(|s| !led.contains(&s.id)).collect();
            }
            Ok(home)
        })
        .await
}

// ---------------------------------------------------------------- reminders

/// Queues a `SupervisionReminder` to the peer and to their supervisor of that kind for every
/// peer overdue with a kind of supervision, once per overdue period (per due date): running it
/// again queues nothing new. Returns how many messages were queued.
pub async fn run_reminders(app: &App) -> AppResult<usize> {
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<usize> {
            let now = app2.now();
            let mut queued = 0;
            for o in sd::orgs(tx.conn())? {
                let org = o.id.to_string();
                for (r, supervisor) in due_rows_with_supervisor(tx.conn(), *o.id, now)? {
                    let Some(c) = r.compliance.filter(|c| c.overdue) else { continue };
                    let due = format_date(c.due);
                    if !ss::mark_reminded(tx.conn(), r.peer_id, r.kind, c.due, now.micros())? {
                        continue;
                    }
                    let mut to: Vec<String> = r.peer_email.iter().cloned().collect();
                    if let Some(uid) = supervisor
                        && let Some(u) = sta::user_by_id(tx.conn(), uid)?
                    {
                        to.push(u.email);
                    }
                    let peer_id = r.peer_id.to_string();
                    for recipient in &to {
                        let args: [(&str, Arg<'_>); 3] =
                            [("name", r.peer_name.as_str().into()), ("kind", r.kind.code().into()), ("due", due.as_str().into())];
                        let m = Message {
                            organisation_id: o.id.get(),
                            kind: MessageKind::SupervisionReminder,
                            recipient,
                            key: "msg-supervision-reminder",
                            args: &args,
                            lang: None,
                            about: ("peer_worker", &peer_id),
                        };
                        queue(tx, &app2, &m, now)?;
                        queued += 1;
                    }
                    tx.audit(AuditEvent::system(
                        now,
                        Some(&org),
                        AuditAction::Create,
                        "supervision_reminder",
                        Some(peer_id),
                        "scheduled_reminder",
                        "scheduler supervision",
                    ));
                }
            }
            Ok(queued)
        })
        .await
}
