//! Referral and intake: referrals from partners' referrers, the public
//! self-referral form and internal intake; the intake decision; the referrer's closed loop;
//! recorded consent and what its withdrawal stops, at once and in the same transaction; and
//! each programme's waiting list. Every access is authorised by `domain::policy` and audited
//! in the transaction that makes it (ADR 0009).

use std::collections::HashSet;

use time::Date;

use sammen_domain::audit::{AuditAction, AuditEvent, AuditOutcome};
use sammen_domain::directory::{join_codes, split_codes};
use sammen_domain::journey::courses::{
    ConsentAudience, ConsentMethod, ConsentPurpose, CourseStatus, EndReason, ReferralSource, ReferralStatus, ReferrerStatus,
};
use sammen_domain::journey::intake::{ConsentFact, ConsentInput, ConsentState, Decision, ReferralInput, SelfConsents, consent_state};
use sammen_domain::measurement::InvitationStatus;
use sammen_domain::people::{ParticipantStatus, Role};
use sammen_domain::policy::{self, Basis, ParticipantTarget};
use sammen_domain::time::{Timestamp, Zone, format_date};
use sammen_domain::{ConsentId, OrgId, ParticipantId, ProgrammeId, ReferralId, UserId, ValidationErrors};
use sammen_store::rows::{ConsentRow, ParticipantRow, ReferralRow, WishesRow};
use sammen_store::{
    DbConnection, Page, StoreError, Stored, Tx, Unstore, access as sta, directory as sd, journey::courses as ss, measurement as sm,
    people as sp, stored,
};

use crate::directory::agreements_involving;
use crate::zone::{Zones, today_in};
use crate::{App, AppError, AppResult, Ctx, Subject, guarded};

/// The most referrals a list shows.
const LIST_LIMIT: i64 = 500;
/// Self-referrals one address may send within the throttle window.
pub const SELF_REFERRALS_PER_WINDOW: i64 = 5;

fn target_of(r: &ParticipantRow) -> ParticipantTarget {
    ParticipantTarget { org: r.organisation_id.get(), assigned_peer: r.assigned_peer_id.get() }
}

// ---------------------------------------------------------------- consent rule helpers

fn facts(rows: &[ConsentRow]) -> Vec<ConsentFact> {
    rows.iter()
        .filter_map(|c| {
            Some(ConsentFact {
                purpose: Some(c.purpose.get())?,
                given_at: Timestamp(c.given_at),
                valid_until: c.valid_until.get(),
                withdrawn_at: c.withdrawn_at.map(Timestamp),
            })
        })
        .collect()
}

/// The state of one purpose for one participant.
fn consent_of(
    conn: &mut DbConnection,
    participant: ParticipantId,
    purpose: ConsentPurpose,
    now: Timestamp,
) -> Result<ConsentState, StoreError> {
    let rows = ss::consents_of(conn, participant)?;
    let today = consent_today(conn, &rows, now, &mut Zones::default())?;
    Ok(consent_state(&facts(&rows), purpose, today))
}

/// Today for a participant's consents: in the zone of the organisation that recorded them (a
/// consent runs through its last day on that organisation's clock). Without consents the date
/// does not matter; the default zone answers.
fn consent_today(conn: &mut DbConnection, rows: &[ConsentRow], now: Timestamp, zones: &mut Zones) -> Result<Date, StoreError> {
    match rows.first() {
        Some(r) => zones.today(conn, r.organisation_id.get(), now),
        None => Ok(Zone::default().today(now)),
    }
}

/// Whether a partner organisation may no longer read this participant: partner sharing was
/// withdrawn (or ran out) and not given again.
pub(crate) fn partner_sharing_blocked(conn: &mut DbConnection, participant: ParticipantId, now: Timestamp) -> Result<bool, StoreError> {
    Ok(consent_of(conn, participant, ConsentPurpose::PartnerSharing, now)?.blocks())
}

/// Of these participants, those whose state of `purpose` passes `test` (consents read at once).
fn participants_where(
    conn: &mut DbConnection,
    participants: &[ParticipantId],
    purpose: ConsentPurpose,
    now: Timestamp,
    test: fn(ConsentState) -> bool,
) -> Result<HashSet<ParticipantId>, StoreError> {
    let rows = ss::consents_of_many(conn, participants)?;
    let mut out = HashSet::new();
    let mut zones = Zones::default();
    for p in participants {
        let mine: Vec<ConsentRow> = rows.iter().filter(|c| c.participant_id == *p).cloned().collect();
        let today = consent_today(conn, &mine, now, &mut zones)?;
        if test(consent_state(&facts(&mine), purpose, today)) {
            out.insert(*p);
        }
    }
    Ok(out)
}

/// Of these participants, those whose consent to `purpose` blocks it.
pub(crate) fn blocked(
    conn: &mut DbConnection,
    participants: &[ParticipantId],
    purpose: ConsentPurpose,
    now: Timestamp,
) -> Result<HashSet<ParticipantId>, StoreError> {
    participants_where(conn, participants, purpose, now, ConsentState::blocks)
}

fn is_given(s: ConsentState) -> bool {
    s == ConsentState::Given
}

/// Of these participants, those whose latest consent to `purpose` is given and in force
/// (matching asks this of `support`).
pub(crate) fn given(
    conn: &mut DbConnection,
    participants: &[ParticipantId],
    purpose: ConsentPurpose,
    now: Timestamp,
) -> Result<HashSet<ParticipantId>, StoreError> {
    participants_where(conn, participants, purpose, now, is_given)
}

/// Whether questionnaires may not be sent to this participant: they withdrew their consent to
/// measurement, or to peer support itself.
pub(crate) fn measurement_blocked(conn: &mut DbConnection, participant: ParticipantId, now: Timestamp) -> Result<bool, StoreError> {
    let rows = ss::consents_of(conn, participant)?;
    let today = consent_today(conn, &rows, now, &mut Zones::default())?;
    let f = facts(&rows);
    Ok(consent_state(&f, ConsentPurpose::Measurement, today).blocks() || consent_state(&f, ConsentPurpose::Support, today).blocks())
}

/// Of these participants, those [`measurement_blocked`] names (read once for a whole programme).
pub(crate) fn measurement_blocked_of(
    conn: &mut DbConnection,
    participants: &[ParticipantId],
    now: Timestamp,
) -> Result<HashSet<ParticipantId>, StoreError> {
    let mut out = blocked(conn, participants, ConsentPurpose::Measurement, now)?;
    out.extend(blocked(conn, participants, ConsentPurpose::Support, now)?);
    Ok(out)
}

// ---------------------------------------------------------------- referrals: making one

/// An organisation a referrer may refer to.
#[derive(Debug, Clone)]
pub struct Target {
    pub id: OrgId,
    pub name: String,
}

/// The organisations the actor may refer to today: their own (as a referrer) and those linked
/// to it by an agreement in force listing referral status. Organisation names, not personal data.
pub async fn referral_targets(app: &App, ctx: &Ctx) -> AppResult<Vec<Target>> {
    let actor = ctx.actor.clone();
    let today = app.today(ctx).await?;
    app.db
        .read(move |c| -> AppResult<Vec<Target>> {
            let mut out: Vec<Target> = Vec::new();
            let mut candidates: Vec<OrgId> = Vec::new();
            for m in actor.memberships.iter().filter(|m| m.role == Role::Referrer) {
                candidates.push(m.org);
                for (_, a) in agreements_involving(c, m.org)? {
                    candidates.extend(a.parties.iter().copied());
                }
            }
            for org in candidates {
                if out.iter().any(|t| t.id == org) {
                    continue;
                }
                let agreements = agreements_involving(c, org)?;
                if policy::refer(&actor, org, &agreements, today).is_ok()
                    && let Some(row) = sd::org(c, org)?
                {
                    out.push(Target { id: org, name: row.name });
                }
            }
            out.sort_by(|a, b| a.name.cmp(&b.name));
            Ok(out)
        })
        .await
}

/// What the consent of a new referral says.
pub struct NewConsent {
    pub purpose: ConsentPurpose,
    pub scope: &'static str,
    pub audience: Vec<ConsentAudience>,
    pub method: ConsentMethod,
}

/// Inserts the participant, the referral and its consents (inside the caller's write job,
/// after its policy check). Returns the participant and the referral rows.
#[allow(clippy::too_many_arguments)]
pub fn insert_referral(
    tx: &mut Tx<'_>,
    app: &App,
    org: OrgId,
    person: &ReferralInput,
    source: ReferralSource,
    referrer: Option<(OrgId, UserId)>,
    consents: &[NewConsent],
    now: Timestamp,
) -> AppResult<(ParticipantRow, ReferralRow)> {
    if let Some(p) = person.programme {
        let ok = sd::programme(tx.conn(), p)?.is_some_and(|r| r.organisation_id == org && r.active);
        if !ok {
            return Err(AppError::Validation(ValidationErrors::single("programme_id", "err-choice")));
        }
    }
    let participant = crate::people::insert_new_participant(tx, app, org, &person.participant(), None, now)?;
    let referral = ReferralRow {
        id: Stored(app.next_id()),
        organisation_id: org.into(),
        programme_id: stored(person.programme),
        participant_id: Some(participant.id),
        source: source.into(),
        referrer_org_id: stored(referrer.map(|(o, _)| o)),
        referrer_user_id: stored(referrer.map(|(_, u)| u)),
        reason: Some(person.reason.expose().clone()),
        status: ReferralStatus::Received.into(),
        decided_by: None,
        decided_at: None,
        decision_note: None,
        created_at: now.micros(),
        updated_at: now.micros(),
    };
    ss::insert_referral(tx.conn(), &referral)?;
    for c in consents {
        ss::insert_consent(
            tx.conn(),
            &ConsentRow {
                id: Stored(app.next_id()),
                organisation_id: org.into(),
                participant_id: participant.id,
                purpose: c.purpose.into(),
                scope: c.scope.into(),
                audience: join_codes(&c.audience),
                method: c.method.into(),
                given_at: now.micros(),
                valid_until: None,
                recorded_by: stored(referrer.map(|(_, u)| u)),
                withdrawn_at: None,
                withdrawn_by: None,
                withdrawal_note: None,
            },
        )?;
    }
    Ok((participant, referral))
}

/// The scope of the consent to be referred, stored as a code-like sentence id (shown translated).
pub const SCOPE_REFERRAL: &str = "consent-scope-referral";
pub const SCOPE_SUPPORT: &str = "consent-scope-support";
pub const SCOPE_MEASUREMENT: &str = "consent-scope-measurement";

/// A referral by a referrer (of `target` itself or of a partner organisation) for a person who
/// agreed to be referred (`method`: verbally or in writing). Creates the participant in
/// `target` (waiting) and the referral (received).
pub async fn refer(app: &App, ctx: &Ctx, target: OrgId, person: ReferralInput, method: ConsentMethod) -> AppResult<ReferralId> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<ReferralId> {
            let now = app2.now();
            let today = today_in(tx.conn(), ctx.org, now)?;
            let (_, (basis, agreements)) = guarded(
                tx,
                &ctx,
                now,
                AuditAction::Create,
                Subject::within("referral", Some(target)),
                |c| sd::org(c, target),
                |c, _| {
                    let agreements = agreements_involving(c, target)?;
                    Ok(policy::refer(&ctx.actor, target, &agreements, today).ok().map(|b| (b, agreements)))
                },
            )?;
            let referrer_org = match basis {
                Basis::OwnOrganisation(_) => target,
                _ => ctx
                    .actor
                    .memberships
                    .iter()
                    .filter(|m| m.role == Role::Referrer)
                    .find(|m| {
                        agreements
                            .iter()
                            .any(|(_, a)| a.allows(sammen_domain::directory::DataCategory::ReferralStatus, target, m.org, today))
                    })
                    .map(|m| m.org)
                    .ok_or(AppError::NotFound)?,
            };
            let consents = [NewConsent {
                purpose: ConsentPurpose::Support,
                scope: SCOPE_REFERRAL,
                audience: vec![ConsentAudience::Peer, ConsentAudience::Coordinators, ConsentAudience::Referrer],
                method,
            }];
            let (p, r) =
                insert_referral(tx, &app2, target, &person, ReferralSource::Partner, Some((referrer_org, ctx.actor.user)), &consents, now)?;
            tx.audit(ctx.ok(now, AuditAction::Create, "participant", Some(p.id.to_string()), Some(target.to_string()), basis));
            tx.audit(ctx.ok(now, AuditAction::Create, "referral", Some(r.id.to_string()), Some(target.to_string()), basis));
            Ok(r.id.get())
        })
        .await
}

/// Internal intake: a manager of the active organisation records a referral for a new person.
pub async fn record_internal(app: &App, ctx: &Ctx, person: ReferralInput, method: ConsentMethod) -> AppResult<ReferralId> {
    ctx.require_write()?;
    let org = ctx.org()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<ReferralId> {
            let now = app2.now();
            let Ok(basis) = policy::edit_participant(&ctx.actor, org) else {
                return Err(ctx.refuse(tx, now, AuditAction::Create, Subject::within("referral", Some(org)), AppError::Forbidden));
            };
            let consents = [NewConsent {
                purpose: ConsentPurpose::Support,
                scope: SCOPE_SUPPORT,
                audience: vec![ConsentAudience::Peer, ConsentAudience::Coordinators],
                method,
            }];
            let (p, r) = insert_referral(tx, &app2, org, &person, ReferralSource::Internal, None, &consents, now)?;
            // Recorded by the coordinator, who is not a referrer to report back to.
            let mut r = r;
            r.referrer_user_id = Some(ctx.actor.user.into());
            r.referrer_org_id = Some(org.into());
            ss::update_referral(tx.conn(), &r)?;
            tx.audit(ctx.ok(now, AuditAction::Create, "participant", Some(p.id.to_string()), Some(org.to_string()), basis));
            tx.audit(ctx.ok(now, AuditAction::Create, "referral", Some(r.id.to_string()), Some(org.to_string()), basis));
            Ok(r.id.get())
        })
        .await
}

/// What the public self-referral form shows: the organisation's name and active programmes.
#[derive(Debug, Clone)]
pub struct SelfReferralForm {
    pub organisation: String,
    pub programmes: Vec<(ProgrammeId, String)>,
}

/// The public form of an organisation (no account needed). Not personal data.
pub async fn self_referral_form(app: &App, org: OrgId) -> AppResult<SelfReferralForm> {
    app.db
        .read(move |c| -> AppResult<SelfReferralForm> {
            let row = sd::org(c, org)?.ok_or(AppError::NotFound)?;
            let (programmes, _) = sd::programmes_of(c, &[org], Page { offset: 0, limit: 200 })?;
            Ok(SelfReferralForm {
                organisation: row.name,
                programmes: programmes.into_iter().filter(|p| p.active).map(|p| (p.id.get(), p.name)).collect(),
            })
        })
        .await
}

fn anonymous_event(now: Timestamp, org: &str, action: AuditAction, subject: &str, id: Option<String>, route: &str) -> AuditEvent {
    AuditEvent {
        at: now,
        actor: None,
        organisation: Some(org.to_owned()),
        action,
        subject_type: subject.into(),
        subject_id: id,
        purpose: "self_referral".into(),
        route: route.into(),
        outcome: AuditOutcome::Ok,
    }
}

/// A self-referral from the public form: the person, their referral (source `self`) and the
/// consents they ticked (method `self_form`), all or nothing. Throttled per address (stored
/// hashed); a filled honeypot is answered like a success and stores nothing.
pub async fn self_refer(
    app: &App,
    org: OrgId,
    person: ReferralInput,
    consents: SelfConsents,
    robot: bool,
    address: &str,
    route: &str,
) -> AppResult<()> {
    let key = crate::access::auth::sha256_hex(&format!("self-referral:{address}"));
    let route = route.to_owned();
    let app2 = app.clone();
    // The job answers Ok(outcome) whenever the throttle's count must be kept.
    app.db
        .write(move |tx| -> AppResult<AppResult<()>> {
            let now = app2.now();
            let o = org.to_string();
            if sd::org(tx.conn(), org)?.is_none() {
                return Ok(Err(AppError::NotFound));
            }
            // Every submission counts, robot or not; a locked address stores nothing.
            if !crate::access::auth::count_submission(tx.conn(), &key, now.micros(), SELF_REFERRALS_PER_WINDOW, &app2)? {
                return Ok(Err(AppError::TooManyAttempts));
            }
            if robot {
                return Ok(Ok(()));
            }
            let mut list = vec![NewConsent {
                purpose: ConsentPurpose::Support,
                scope: SCOPE_SUPPORT,
                audience: vec![ConsentAudience::Peer, ConsentAudience::Coordinators],
                method: ConsentMethod::SelfForm,
            }];
            if consents.measurement {
                list.push(NewConsent {
                    purpose: ConsentPurpose::Measurement,
                    scope: SCOPE_MEASUREMENT,
                    audience: vec![ConsentAudience::Peer, ConsentAudience::Coordinators, ConsentAudience::Evaluators],
                    method: ConsentMethod::SelfForm,
                });
            }
            let (p, r) = insert_referral(tx, &app2, org, &person, ReferralSource::SelfReferral, None, &list, now)?;
            tx.audit(anonymous_event(now, &o, AuditAction::Create, "participant", Some(p.id.to_string()), &route));
            tx.audit(anonymous_event(now, &o, AuditAction::Create, "referral", Some(r.id.to_string()), &route));
            Ok(Ok(()))
        })
        .await?
}

// ---------------------------------------------------------------- referrals: reading them

/// A referral as the receiving organisation's managers see it.
#[derive(Debug, Clone)]
pub struct ReferralView {
    pub id: ReferralId,
    pub organisation_id: OrgId,
    pub source: ReferralSource,
    pub status: ReferralStatus,
    pub participant_id: Option<ParticipantId>,
    pub pseudonym: Option<String>,
    pub name: Option<String>,
    pub programme_id: Option<ProgrammeId>,
    pub programme_name: Option<String>,
    pub referrer_org_name: Option<String>,
    pub reason: Option<String>,
    pub decision_note: Option<String>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub decided_at: Option<Timestamp>,
}

/// A referral as the referrer who made it sees it: one derived status and dates, nothing else.
#[derive(Debug, Clone)]
pub struct ReferrerView {
    pub id: ReferralId,
    pub organisation_name: String,
    pub status: ReferrerStatus,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// One referral, in the view the actor's basis allows.
#[derive(Debug, Clone)]
pub enum ReferralPage {
    Manager(ReferralView),
    Referrer(ReferrerView),
}

fn manager_view(c: &mut DbConnection, r: &ReferralRow) -> Result<ReferralView, StoreError> {
    let p = match &r.participant_id {
        Some(p) => sp::participant(c, **p)?,
        None => None,
    };
    let programme_id = p.as_ref().and_then(|p| p.programme_id.get()).or_else(|| r.programme_id.get());
    let programme_name = match programme_id {
        Some(id) => sd::programme(c, id)?.map(|p| p.name),
        None => None,
    };
    let referrer_org_name = match (&r.referrer_org_id, r.source.code()) {
        (Some(o), "partner") => sd::org(c, **o)?.map(|o| o.name),
        _ => None,
    };
    Ok(ReferralView {
        id: r.id.get(),
        organisation_id: r.organisation_id.get(),
        source: r.source.get(),
        status: r.status.get(),
        participant_id: p.as_ref().map(|p| p.id.get()),
        pseudonym: p.as_ref().map(|p| p.pseudonym.clone()),
        name: p.as_ref().and_then(|p| p.name.clone()),
        programme_id,
        programme_name,
        referrer_org_name,
        reason: r.reason.clone(),
        decision_note: r.decision_note.clone(),
        created_at: Timestamp(r.created_at),
        updated_at: Timestamp(r.updated_at),
        decided_at: r.decided_at.map(Timestamp),
    })
}

/// The derived status of a referral, and the latest date it changed.
fn derive(c: &mut DbConnection, r: &ReferralRow, now: Timestamp) -> Result<(ReferrerStatus, Timestamp), StoreError> {
    let status = r.status.get();
    let mut updated = r.updated_at;
    let (participant, courses, withdrawn) = match &r.participant_id {
        Some(pid) => {
            let p = sp::participant(c, **pid)?;
            let courses = ss::courses_of_participant(c, **pid)?;
            let rows = ss::consents_of(c, **pid)?;
            let today = consent_today(c, &rows, now, &mut Zones::default())?;
            let consents = facts(&rows);
            let withdrawn = consent_state(&consents, ConsentPurpose::ReferrerStatus, today) == ConsentState::Withdrawn
                || consent_state(&consents, ConsentPurpose::Support, today) == ConsentState::Withdrawn;
            for co in &courses {
                updated = updated.max(co.updated_at);
            }
            if withdrawn {
                // The date of the change is not shown either: only that it was withdrawn.
                updated = r.updated_at;
            }
            (p.map(|p| p.status.get()), courses, withdrawn)
        }
        None => (None, Vec::new(), false),
    };
    let course_statuses: Vec<CourseStatus> = courses.iter().map(|c| c.status.get()).collect();
    Ok((sammen_domain::journey::intake::referrer_status(status, participant, &course_statuses, withdrawn), Timestamp(updated)))
}

fn referrer_view(c: &mut DbConnection, r: &ReferralRow, now: Timestamp) -> Result<ReferrerView, StoreError> {
    let (status, updated) = derive(c, r, now)?;
    Ok(ReferrerView {
        id: r.id.get(),
        organisation_name: sd::org(c, *r.organisation_id)?.map(|o| o.name).unwrap_or_default(),
        status,
        created_at: Timestamp(r.created_at),
        updated_at: updated,
    })
}

/// The referral inbox: for the active organisation's managers, its referrals (received first,
/// then newest first); for everyone, the referrals they made themselves, as derived statuses.
#[derive(Debug, Clone, Default)]
pub struct Inbox {
    /// None when the actor is not a manager of the active organisation.
    pub received: Option<Vec<ReferralView>>,
    pub mine: Vec<ReferrerView>,
}

pub async fn inbox(app: &App, ctx: &Ctx) -> AppResult<Inbox> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| -> AppResult<Inbox> {
            let now = app2.now();
            let mut out = Inbox::default();
            if let Some(org) = ctx.org
                && let Ok(basis) = policy::decide_referral(&ctx.actor, org)
            {
                let rows = ss::referrals_of_org(tx.conn(), org, LIST_LIMIT)?;
                let mut views = rows.iter().map(|r| manager_view(tx.conn(), r)).collect::<Result<Vec<_>, _>>()?;
                views.sort_by_key(|v| (v.status != ReferralStatus::Received, std::cmp::Reverse(v.created_at)));
                tx.audit(ctx.ok(now, AuditAction::Search, "referral", None, Some(org.to_string()), basis));
                out.received = Some(views);
            }
            let mine = ss::referrals_by_referrer(tx.conn(), ctx.actor.user, LIST_LIMIT)?;
            // Internal intake records the coordinator as its maker; those show in the inbox above.
            let mine: Vec<ReferralRow> = mine.into_iter().filter(|r| r.source == ReferralSource::Partner).collect();
            if !mine.is_empty() {
                tx.audit(ctx.ok(now, AuditAction::Search, "referral", None, ctx.org_text(), Basis::OwnRecord));
            }
            out.mine = mine.iter().map(|r| referrer_view(tx.conn(), r, now)).collect::<Result<_, _>>()?;
            Ok(out)
        })
        .await
}

/// One referral: the full view for the receiving organisation's managers, the derived status
/// for the referrer who made it; "not found" for everyone else.
pub async fn get_referral(app: &App, ctx: &Ctx, id: ReferralId) -> AppResult<ReferralPage> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| -> AppResult<ReferralPage> {
            let now = app2.now();
            let (r, basis) = guarded(
                tx,
                &ctx,
                now,
                AuditAction::Read,
                Subject::record(&ctx, "referral", id),
                |c| ss::referral(c, id),
                |_, r| Ok(policy::view_referral(&ctx.actor, r.organisation_id.get(), r.referrer_user_id.get()).ok()),
            )?;
            tx.audit(ctx.ok(now, AuditAction::Read, "referral", Some(r.id.to_string()), Some(r.organisation_id.to_string()), basis));
            Ok(match basis {
                Basis::OwnRecord => ReferralPage::Referrer(referrer_view(tx.conn(), &r, now)?),
                _ => ReferralPage::Manager(manager_view(tx.conn(), &r)?),
            })
        })
        .await
}

// ---------------------------------------------------------------- the intake decision

/// Accepts a received referral into a programme (the participant joins its waiting list, their
/// wishes kept) or declines it (the participant's record is deleted; the referral keeps only
/// its status and the organisation's note).
pub async fn decide(app: &App, ctx: &Ctx, id: ReferralId, decision: Decision) -> AppResult<()> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<()> {
            let now = app2.now();
            let (mut r, basis) = guarded(
                tx,
                &ctx,
                now,
                AuditAction::Update,
                Subject::record(&ctx, "referral", id),
                |c| ss::referral(c, id),
                |_, r| Ok(policy::decide_referral(&ctx.actor, r.organisation_id.get()).ok()),
            )?;
            if r.status != ReferralStatus::Received {
                return Err(AppError::Validation(ValidationErrors::single("decision", "err-already-decided")));
            }
            let participant = match &r.participant_id {
                Some(p) => sp::participant(tx.conn(), **p)?,
                None => None,
            };
            r.decided_by = Some(ctx.actor.user.into());
            r.decided_at = Some(now.micros());
            r.updated_at = now.micros();
            match decision {
                Decision::Accept { programme } => {
                    let ok = sd::programme(tx.conn(), programme)?.is_some_and(|p| p.organisation_id == r.organisation_id);
                    if !ok {
                        return Err(AppError::Validation(ValidationErrors::single("programme_id", "err-choice")));
                    }
                    let Some(mut p) = participant else {
                        return Err(AppError::Validation(ValidationErrors::single("decision", "err-already-decided")));
                    };
                    p.programme_id = Some(programme.into());
                    p.updated_at = now.micros();
                    sp::update_participant(tx.conn(), &p)?;
                    let wishes = match ss::wishes(tx.conn(), *p.id)? {
                        Some(w) => WishesRow { waiting_since: Some(now.micros()), updated_at: now.micros(), ..w },
                        None => WishesRow {
                            participant_id: p.id,
                            topics: String::new(),
                            modes: String::new(),
                            peer_gender: String::new(),
                            locality: None,
                            lat: None,
                            lon: None,
                            max_distance_km: None,
                            availability: String::new(),
                            goals: None,
                            excluded_peers: String::new(),
                            waiting_since: Some(now.micros()),
                            priority: false,
                            updated_at: now.micros(),
                        },
                    };
                    ss::put_wishes(tx.conn(), &wishes)?;
                    r.status = ReferralStatus::Accepted.into();
                    r.programme_id = Some(programme.into());
                    ss::update_referral(tx.conn(), &r)?;
                    tx.audit(ctx.ok(
                        now,
                        AuditAction::Update,
                        "participant",
                        Some(p.id.to_string()),
                        Some(p.organisation_id.to_string()),
                        basis,
                    ));
                    crate::measurement::invite_participant_now(tx, &app2, &p, now)?;
                }
                Decision::Decline { note } => {
                    // Data minimisation: the person's record goes; the referral keeps its status.
                    let pid = r.participant_id.take();
                    r.status = ReferralStatus::Declined.into();
                    r.reason = None;
                    r.decision_note = Some(note);
                    ss::update_referral(tx.conn(), &r)?;
                    if let Some(pid) = pid {
                        sp::delete_participant(tx.conn(), *pid)?;
                        tx.audit(ctx.ok(
                            now,
                            AuditAction::Delete,
                            "participant",
                            Some(pid.to_string()),
                            Some(r.organisation_id.to_string()),
                            basis,
                        ));
                    }
                }
            }
            tx.audit(ctx.ok(now, AuditAction::Update, "referral", Some(r.id.to_string()), Some(r.organisation_id.to_string()), basis));
            Ok(())
        })
        .await
}

// ---------------------------------------------------------------- consent

/// One recorded consent.
#[derive(Debug, Clone)]
pub struct ConsentView {
    pub id: ConsentId,
    pub participant_id: ParticipantId,
    pub purpose: ConsentPurpose,
    /// The scope in words; a stored message id (`consent-scope-…`) for scopes Sammen wrote.
    pub scope: String,
    pub audience: Vec<ConsentAudience>,
    pub method: ConsentMethod,
    pub given_at: Timestamp,
    pub valid_until: Option<String>,
    pub recorded_by: Option<String>,
    pub withdrawn_at: Option<Timestamp>,
    pub withdrawn_by: Option<String>,
    pub withdrawal_note: Option<String>,
}

/// A participant's consents, newest first, with what the actor may do.
#[derive(Debug, Clone)]
pub struct Consents {
    pub participant_id: ParticipantId,
    pub pseudonym: String,
    pub can_manage: bool,
    pub consents: Vec<ConsentView>,
}

fn user_name(c: &mut DbConnection, id: Option<UserId>) -> Result<Option<String>, StoreError> {
    match id {
        Some(u) => Ok(sta::user_by_id(c, u)?.map(|u| u.display_name)),
        None => Ok(None),
    }
}

fn consent_view(c: &mut DbConnection, r: &ConsentRow) -> Result<ConsentView, StoreError> {
    Ok(ConsentView {
        id: r.id.get(),
        participant_id: r.participant_id.get(),
        purpose: r.purpose.get(),
        scope: r.scope.clone(),
        audience: split_codes(&r.audience, ConsentAudience::parse),
        method: r.method.get(),
        given_at: Timestamp(r.given_at),
        valid_until: r.valid_until.get().map(format_date),
        recorded_by: user_name(c, r.recorded_by.get())?,
        withdrawn_at: r.withdrawn_at.map(Timestamp),
        withdrawn_by: user_name(c, r.withdrawn_by.get())?,
        withdrawal_note: r.withdrawal_note.clone(),
    })
}

/// Loads a participant and asks `rule`, auditing a denial ("not found" alike for both).
fn participant_for(
    tx: &mut Tx<'_>,
    ctx: &Ctx,
    id: ParticipantId,
    action: AuditAction,
    rule: fn(&policy::Actor, ParticipantTarget) -> policy::Decision,
    now: Timestamp,
) -> AppResult<(ParticipantRow, Basis)> {
    guarded(
        tx,
        ctx,
        now,
        action,
        Subject::record(ctx, "participant", id),
        |c| sp::participant(c, id),
        |_, r| Ok(rule(&ctx.actor, target_of(r)).ok()),
    )
}

pub async fn list_consents(app: &App, ctx: &Ctx, participant: ParticipantId) -> AppResult<Consents> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| -> AppResult<Consents> {
            let now = app2.now();
            let (p, basis) = participant_for(tx, &ctx, participant, AuditAction::Read, policy::view_consents, now)?;
            let rows = ss::consents_of(tx.conn(), *p.id)?;
            let consents = rows.iter().map(|r| consent_view(tx.conn(), r)).collect::<Result<_, _>>()?;
            tx.audit(ctx.ok(now, AuditAction::Read, "consent", Some(p.id.to_string()), Some(p.organisation_id.to_string()), basis));
            Ok(Consents {
                participant_id: participant,
                pseudonym: p.pseudonym.clone(),
                can_manage: policy::manage_consent(&ctx.actor, target_of(&p)).is_ok(),
                consents,
            })
        })
        .await
}

/// Records a consent given by the participant.
pub async fn record_consent(app: &App, ctx: &Ctx, participant: ParticipantId, input: ConsentInput) -> AppResult<ConsentView> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<ConsentView> {
            let now = app2.now();
            let (p, basis) = participant_for(tx, &ctx, participant, AuditAction::Create, policy::manage_consent, now)?;
            let row = ConsentRow {
                id: Stored(app2.next_id()),
                organisation_id: p.organisation_id,
                participant_id: p.id,
                purpose: input.purpose.into(),
                scope: input.scope.clone(),
                audience: join_codes(&input.audience),
                method: input.method.into(),
                given_at: now.micros(),
                valid_until: stored(input.valid_until),
                recorded_by: Some(ctx.actor.user.into()),
                withdrawn_at: None,
                withdrawn_by: None,
                withdrawal_note: None,
            };
            ss::insert_consent(tx.conn(), &row)?;
            tx.audit(ctx.ok(now, AuditAction::Create, "consent", Some(row.id.to_string()), Some(p.organisation_id.to_string()), basis));
            Ok(consent_view(tx.conn(), &row)?)
        })
        .await
}

/// Loads a consent with its participant for a manager, auditing a denial.
fn manageable_consent(
    tx: &mut Tx<'_>,
    ctx: &Ctx,
    id: ConsentId,
    action: AuditAction,
    now: Timestamp,
) -> AppResult<(ConsentRow, ParticipantRow, Basis)> {
    let c = ss::consent(tx.conn(), id)?;
    let p = match &c {
        Some(c) => sp::participant(tx.conn(), *c.participant_id)?,
        None => None,
    };
    let basis = match &p {
        Some(p) => policy::manage_consent(&ctx.actor, target_of(p)).ok(),
        None => None,
    };
    match (c, p, basis) {
        (Some(c), Some(p), Some(b)) => Ok((c, p, b)),
        (_, p, _) => {
            // The participant names the denial once loaded, the consent before: one subject
            // fixed in advance (as `guarded` takes it) could not say which.
            let subject = p.map(|p| p.id.to_string()).unwrap_or_else(|| id.to_string());
            Err(ctx.refuse(tx, now, action, Subject::record(ctx, "participant", subject), AppError::NotFound))
        }
    }
}

/// One consent, for the withdrawal's confirmation step (managers only).
pub async fn get_consent(app: &App, ctx: &Ctx, id: ConsentId) -> AppResult<ConsentView> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| -> AppResult<ConsentView> {
            let now = app2.now();
            let (c, p, basis) = manageable_consent(tx, &ctx, id, AuditAction::Read, now)?;
            tx.audit(ctx.ok(now, AuditAction::Read, "consent", Some(c.id.to_string()), Some(p.organisation_id.to_string()), basis));
            Ok(consent_view(tx.conn(), &c)?)
        })
        .await
}

/// What a withdrawal stopped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Withdrawal {
    pub courses_ended: usize,
    pub invitations_cancelled: usize,
    pub peer_removed: bool,
    pub closed: bool,
}

fn cancel_invitations(tx: &mut Tx<'_>, p: &ParticipantRow, now: Timestamp) -> Result<usize, StoreError> {
    let mut n = 0;
    for mut inv in sm::pending_for(tx.conn(), std::slice::from_ref(&p.id))? {
        inv.status = InvitationStatus::Cancelled.into();
        inv.updated_at = now.micros();
        sm::update_invitation(tx.conn(), &inv)?;
        n += 1;
    }
    Ok(n)
}

/// Withdraws a consent. The withdrawal takes effect everywhere in the same transaction:
/// `support` ends open courses, removes the peer and closes the participant (off the waiting
/// list), and cancels open questionnaires; `measurement` cancels open questionnaires;
/// `partner_sharing` and `referrer_status` are read at every partner read and referrer view.
pub async fn withdraw_consent(app: &App, ctx: &Ctx, id: ConsentId, note: Option<String>) -> AppResult<Withdrawal> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<Withdrawal> {
            let now = app2.now();
            let (mut c, mut p, basis) = manageable_consent(tx, &ctx, id, AuditAction::Update, now)?;
            if c.withdrawn_at.is_some() {
                return Err(AppError::Validation(ValidationErrors::single("note", "err-already-withdrawn")));
            }
            c.withdrawn_at = Some(now.micros());
            c.withdrawn_by = Some(ctx.actor.user.into());
            c.withdrawal_note = note;
            ss::update_consent(tx.conn(), &c)?;
            tx.audit(ctx.ok(now, AuditAction::Update, "consent", Some(c.id.to_string()), Some(p.organisation_id.to_string()), basis));
            let mut out = Withdrawal::default();
            // Only when the purpose is now blocked (another open record of it keeps it going).
            let purpose = c.purpose.get();
            if !consent_of(tx.conn(), *p.id, purpose, now)?.blocks() {
                return Ok(out);
            }
            match purpose {
                ConsentPurpose::Support => {
                    let today = today_in(tx.conn(), Some(p.organisation_id.get()), now)?;
                    let ended = ss::end_open_courses(tx.conn(), *p.id, today, EndReason::ConsentWithdrawn, now.micros())?;
                    out.courses_ended = ended.len();
                    out.peer_removed = p.assigned_peer_id.take().is_some();
                    if p.status != ParticipantStatus::Closed {
                        if p.status == ParticipantStatus::Active {
                            p.closed_at.get_or_insert(now.micros());
                        }
                        p.status = ParticipantStatus::Closed.into();
                        out.closed = true;
                    }
                    p.updated_at = now.micros();
                    sp::update_participant(tx.conn(), &p)?;
                    out.invitations_cancelled = cancel_invitations(tx, &p, now)?;
                    tx.audit(ctx.ok(
                        now,
                        AuditAction::Update,
                        "participant",
                        Some(p.id.to_string()),
                        Some(p.organisation_id.to_string()),
                        basis,
                    ));
                }
                ConsentPurpose::Measurement => {
                    out.invitations_cancelled = cancel_invitations(tx, &p, now)?;
                    if out.invitations_cancelled > 0 {
                        tx.audit(ctx.ok(
                            now,
                            AuditAction::Update,
                            "participant",
                            Some(p.id.to_string()),
                            Some(p.organisation_id.to_string()),
                            basis,
                        ));
                    }
                }
                ConsentPurpose::PartnerSharing | ConsentPurpose::ReferrerStatus => {}
            }
            Ok(out)
        })
        .await
}

// ---------------------------------------------------------------- the waiting list

/// One person on a programme's waiting list.
#[derive(Debug, Clone)]
pub struct WaitingRow {
    pub participant_id: ParticipantId,
    pub pseudonym: String,
    pub days_waiting: i64,
    pub priority: bool,
    pub support_consent: bool,
    pub wishes_stated: bool,
}

#[derive(Debug, Clone)]
pub struct WaitingList {
    pub programme_id: ProgrammeId,
    pub programme_name: String,
    pub rows: Vec<WaitingRow>,
}

fn wishes_stated(w: &WishesRow) -> bool {
    !(w.topics.is_empty()
        && w.modes.is_empty()
        && w.peer_gender.is_empty()
        && w.availability.is_empty()
        && w.locality.is_none()
        && w.goals.is_none()
        && w.lat.is_none())
}

/// A programme's waiting list: priority first, then the longest wait. Managers of the
/// programme's organisation; one audit record for the list.
pub async fn waiting_list(app: &App, ctx: &Ctx, programme: ProgrammeId) -> AppResult<WaitingList> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| -> AppResult<WaitingList> {
            let now = app2.now();
            let (prog, basis) = guarded(
                tx,
                &ctx,
                now,
                AuditAction::Search,
                Subject::within("participant", ctx.org),
                |c| sd::programme(c, programme),
                |_, p| Ok(policy::decide_referral(&ctx.actor, p.organisation_id.get()).ok()),
            )?;
            let people = ss::waiting_list(tx.conn(), *prog.id)?;
            let ids: Vec<ParticipantId> = people.iter().map(|p| p.id.get()).collect();
            let wishes = ss::wishes_of(tx.conn(), &ids)?;
            // The same rule as matching: the latest support consent decides.
            let consented = participants_where(tx.conn(), &ids, ConsentPurpose::Support, now, is_given)?;
            let mut rows: Vec<WaitingRow> = people
                .iter()
                .map(|p| {
                    let w = wishes.iter().find(|w| w.participant_id == p.id);
                    let since = w.and_then(|w| w.waiting_since).unwrap_or(p.created_at);
                    WaitingRow {
                        participant_id: p.id.get(),
                        pseudonym: p.pseudonym.clone(),
                        days_waiting: ((now.micros() - since) / (86_400 * Timestamp::MICROS_PER_SECOND)).max(0),
                        priority: w.is_some_and(|w| w.priority),
                        support_consent: consented.contains(&*p.id),
                        wishes_stated: w.is_some_and(wishes_stated),
                    }
                })
                .collect();
            rows.sort_by_key(|r| (!r.priority, std::cmp::Reverse(r.days_waiting)));
            tx.audit(ctx.ok(now, AuditAction::Search, "participant", None, Some(prog.organisation_id.to_string()), basis));
            Ok(WaitingList { programme_id: programme, programme_name: prog.name, rows })
        })
        .await
}
