//! Wellbeing check-ins of peer workers: private to the peer; one the peer
//! shares is seen by their professional supervisor too; managers see only monthly aggregates
//! with every group of fewer than five people suppressed (`domain::workforce::wellbeing::aggregate`).

use sammen_domain::audit::AuditAction;
use sammen_domain::policy::{self, CheckInTarget};
use sammen_domain::time::Timestamp;
use sammen_domain::workforce::supervision::SupervisionKind;
use sammen_domain::workforce::wellbeing::{Answer, CheckInInput, MonthAggregate, aggregate};
use sammen_domain::{PeerWorkerId, UserId};
use sammen_store::rows::WellbeingCheckInRow;
use sammen_store::{DbConnection, StoreError, Unstore, people as sp, workforce::supervision as ss};
use time::Date;

use crate::{App, AppError, AppResult, Ctx, Subject, guarded};

/// One check-in as its reader sees it.
#[derive(Debug, Clone)]
pub struct CheckInView {
    pub id: String,
    pub peer_id: PeerWorkerId,
    pub answered_at: Timestamp,
    pub stress: i64,
    pub role_clarity: i64,
    pub support: i64,
    pub note: Option<String>,
    pub shared: bool,
}

fn view(r: &WellbeingCheckInRow) -> CheckInView {
    CheckInView {
        id: r.id.clone(),
        peer_id: r.peer_id.get(),
        answered_at: Timestamp(r.answered_at),
        stress: r.stress,
        role_clarity: r.role_clarity,
        support: r.support,
        note: r.note.clone(),
        shared: r.shared,
    }
}

/// The reader's own peer-worker record in the active organisation.
fn own_peer(conn: &mut DbConnection, ctx: &Ctx) -> Result<Option<(PeerWorkerId, String)>, StoreError> {
    let Some(org) = ctx.org else { return Ok(None) };
    for p in &ctx.actor.peer_worker_ids {
        if let Some(r) = sp::peer(conn, *p)?
            && r.organisation_id == org
        {
            return Ok(Some((*p, r.display_name)));
        }
    }
    Ok(None)
}

/// The professional supervisors of a peer in force today.
fn professional_supervisors(conn: &mut DbConnection, peer: PeerWorkerId, today: Date) -> Result<Vec<UserId>, StoreError> {
    Ok(ss::relations_of_peer(conn, peer)?
        .into_iter()
        .filter(|r| r.kind == SupervisionKind::Professional && *r.starts_on <= today && r.ends_on.get().is_none_or(|e| e >= today))
        .map(|r| r.supervisor_user_id.get())
        .collect())
}

/// Answers a check-in as the reader's own peer-worker record.
pub async fn answer(app: &App, ctx: &Ctx, input: CheckInInput) -> AppResult<String> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    let id = app.new_id();
    app.db
        .write(move |tx| {
            let now = app2.now();
            let Some((peer, _)) = own_peer(tx.conn(), &ctx)? else {
                let subject = Subject::within("wellbeing_check_in", ctx.org);
                return Err(ctx.refuse(tx, now, AuditAction::Create, subject, AppError::Forbidden));
            };
            let basis = policy::answer_check_in(&ctx.actor, peer).map_err(|_| AppError::Forbidden)?;
            let org = ctx.org()?;
            let row = WellbeingCheckInRow {
                id: id.clone(),
                organisation_id: org.into(),
                peer_id: peer.into(),
                answered_at: now.micros(),
                stress: input.stress,
                role_clarity: input.role_clarity,
                support: input.support,
                note: input.note.clone(),
                shared: input.shared,
            };
            ss::insert_check_in(tx.conn(), &row)?;
            tx.audit(ctx.ok(now, AuditAction::Create, "wellbeing_check_in", Some(id.clone()), Some(org.to_string()), basis));
            Ok(id)
        })
        .await
}

/// The reader's own check-ins, oldest first, with their name; None when they have no peer record here.
pub async fn mine(app: &App, ctx: &Ctx) -> AppResult<Option<(String, Vec<CheckInView>)>> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| {
            let now = app2.now();
            let Some((peer, name)) = own_peer(tx.conn(), &ctx)? else { return Ok(None) };
            let list = ss::check_ins_of(tx.conn(), &[peer], false)?.iter().map(view).collect();
            tx.audit(ctx.ok(now, AuditAction::Read, "wellbeing_check_in", None, ctx.org_text(), policy::Basis::OwnRecord));
            Ok(Some((name, list)))
        })
        .await
}

/// One check-in: the peer's own, or a shared one for their professional supervisor. Anyone else
/// is denied (audited) and told it does not exist.
pub async fn check_in(app: &App, ctx: &Ctx, id: &str) -> AppResult<CheckInView> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    let id = id.to_owned();
    app.db
        .audited_read(move |tx| {
            let now = app2.now();
            let subject = Subject::record(&ctx, "wellbeing_check_in", &id);
            let (r, basis) = guarded(
                tx,
                &ctx,
                now,
                AuditAction::Read,
                subject,
                |c| ss::check_in(c, &id),
                |c, r| {
                    let peer: PeerWorkerId = r.peer_id.get();
                    let today = crate::zone::today_in(c, Some(r.organisation_id.get()), now)?;
                    let sups = professional_supervisors(c, peer, today)?;
                    Ok(policy::view_check_in(&ctx.actor, &CheckInTarget { peer, shared: r.shared, supervisors: &sups }).ok())
                },
            )?;
            tx.audit(ctx.ok(now, AuditAction::Read, "wellbeing_check_in", Some(r.id.clone()), Some(r.organisation_id.to_string()), basis));
            Ok(view(&r))
        })
        .await
}

/// Shares a check-in with the peer's professional supervisor, or takes it back (the peer alone).
pub async fn set_shared(app: &App, ctx: &Ctx, id: &str, shared: bool) -> AppResult<()> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    let id = id.to_owned();
    app.db
        .write(move |tx| {
            let now = app2.now();
            let subject = Subject::record(&ctx, "wellbeing_check_in", &id);
            let (r, basis) = guarded(
                tx,
                &ctx,
                now,
                AuditAction::Update,
                subject,
                |c| ss::check_in(c, &id),
                |_, r| Ok(policy::answer_check_in(&ctx.actor, r.peer_id.get()).ok()),
            )?;
            ss::set_shared(tx.conn(), &r.id, shared)?;
            let purpose = format!("{};{}", basis.describe(), if shared { "shared" } else { "unshared" });
            tx.audit(ctx.event(
                now,
                AuditAction::Update,
                "wellbeing_check_in",
                Some(r.id.clone()),
                Some(r.organisation_id.to_string()),
                purpose,
                sammen_domain::audit::AuditOutcome::Ok,
            ));
            Ok(())
        })
        .await
}

/// The check-ins shared with the reader as professional supervisor: (peer name, check-in), newest first.
pub async fn shared_with_me(app: &App, ctx: &Ctx) -> AppResult<Vec<(String, CheckInView)>> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| {
            let now = app2.now();
            let today = crate::zone::today_in(tx.conn(), ctx.org, now)?;
            let mut peers: Vec<PeerWorkerId> = ss::relations_of_supervisor(tx.conn(), ctx.actor.user)?
                .into_iter()
                .filter(|r| r.kind == SupervisionKind::Professional && *r.starts_on <= today && r.ends_on.get().is_none_or(|e| e >= today))
                .map(|r| r.peer_id.get())
                .collect();
            peers.sort();
            peers.dedup();
            let mut out = Vec::new();
            for r in ss::check_ins_of(tx.conn(), &peers, true)?.iter().rev() {
                let sups = professional_supervisors(tx.conn(), r.peer_id.get(), today)?;
                let v = view(r);
                if let Ok(basis) =
                    policy::view_check_in(&ctx.actor, &CheckInTarget { peer: v.peer_id, shared: r.shared, supervisors: &sups })
                {
                    let name = sp::peer(tx.conn(), *r.peer_id)?.map(|p| p.display_name).unwrap_or_default();
                    tx.audit(ctx.ok(
                        now,
                        AuditAction::Read,
                        "wellbeing_check_in",
                        Some(r.id.clone()),
                        Some(r.organisation_id.to_string()),
                        basis,
                    ));
                    out.push((name, v));
                }
            }
            Ok(out)
        })
        .await
}

/// The active organisation's monthly aggregates over the last 12 months (managers). Months
/// with fewer than five people are suppressed.
pub async fn aggregates(app: &App, ctx: &Ctx) -> AppResult<Vec<MonthAggregate>> {
    let org = ctx.org()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| {
            let now = app2.now();
            let Ok(basis) = policy::view_wellbeing_aggregates(&ctx.actor, org) else {
                let subject = Subject::within("wellbeing_aggregates", Some(org));
                return Err(ctx.refuse(tx, now, AuditAction::Read, subject, AppError::Forbidden));
            };
            let since = now.micros() - 366 * 86_400 * Timestamp::MICROS_PER_SECOND;
            let zone = crate::zone::zone_of(tx.conn(), Some(org))?;
            let answers: Vec<Answer> = ss::answers_of_org(tx.conn(), org, since)?
                .into_iter()
                .map(|(person, at, stress, role_clarity, support)| {
                    let d = Timestamp(at).date_in(&zone);
                    Answer { month: format!("{:04}-{:02}", d.year(), u8::from(d.month())), person, stress, role_clarity, support }
                })
                .collect();
            tx.audit(ctx.ok(now, AuditAction::Read, "wellbeing_aggregates", None, Some(org.to_string()), basis));
            Ok(aggregate(&answers))
        })
        .await
}
