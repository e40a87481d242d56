//! Courses of support (forløb): the peer's answer to a match, the
//! course's status and handover, sessions with notes for a stated audience, goals with
//! progress, the peer's own caseload, and their secret iCalendar feed.
//!
//! The participant's status follows their courses: the first session held starts the course
//! (and the measurement plan's baseline wave); the end of their last open course closes them
//! (and asks for the closure wave). The assigned peer — who may read the participant's
//! record — is the peer whose offer was accepted, and nobody once the course has ended.

use std::collections::HashMap;

use sammen_domain::audit::{AuditAction, AuditEvent, AuditOutcome};
use sammen_domain::directory::Mode;
use sammen_domain::journey::calendar::{CalendarEvent, EventStatus, calendar};
use sammen_domain::journey::courses::{
    ChimeDomain, CoursePeriod, CourseStatus, EndReason, GoalInput, GoalStatus, NoteAudience, OfferState, ProgressInput, SessionInput,
    SessionKind, SessionStatus, allowed_transition, check_session_date,
};
use sammen_domain::people::{ParticipantStatus, PeerStatus};
use sammen_domain::policy::{self, Basis};
use sammen_domain::time::{Timestamp, format_date};
use sammen_domain::validation::has_begun;
use sammen_domain::{CourseId, GoalId, OrgId, ParticipantId, PeerWorkerId, ProgrammeId, SessionId, ValidationErrors};
use sammen_i18n::Lang;
use sammen_store::rows::{CourseRow, GoalProgressRow, GoalRow, ParticipantRow, SupportSessionRow};
use sammen_store::{DbConnection, StoreError, Stored, Tx, Unstore, directory as sd, journey::courses as ss, people as sp};

use crate::journey::matching::{Parts, WishesView, empty_profile, wishes_view};
use crate::people::participant_access;
use crate::zone::{today_in, zone_of};
use crate::{App, AppError, AppResult, Ctx, Subject, access::auth, guarded};

/// One session as the reader may see it: the note is None when its audience excludes them.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SessionView {
    pub id: SessionId,
    pub status: SessionStatus,
    pub starts_at: Timestamp,
    pub duration_minutes: i64,
    pub mode: Mode,
    pub place: Option<String>,
    pub kind: SessionKind,
    pub note: Option<String>,
    pub note_audience: NoteAudience,
    /// A note exists that this reader may not see.
    pub note_hidden: bool,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct ProgressView {
    pub on: String,
    pub value: i64,
    pub note: Option<String>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct GoalView {
    pub id: GoalId,
    pub text: String,
    pub domain: Option<ChimeDomain>,
    pub status: GoalStatus,
    pub progress: Vec<ProgressView>,
}

/// A course in a participant's history.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CourseSummary {
    pub id: CourseId,
    pub peer_name: String,
    pub programme_name: Option<String>,
    pub status: CourseStatus,
    pub offer: OfferState,
    pub started_on: Option<String>,
    pub ended_on: Option<String>,
    pub end_reason: Option<EndReason>,
    pub created_at: Timestamp,
    /// Whether the reader may open the course itself (`policy::work_course`). A partner who
    /// reads the participant's record under an agreement sees that a course exists, not its
    /// sessions and notes.
    pub can_open: bool,
}

/// A course as the reader may see it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CourseView {
    pub id: CourseId,
    pub organisation_id: OrgId,
    pub programme_id: Option<ProgrammeId>,
    pub programme_name: Option<String>,
    pub participant_id: ParticipantId,
    pub pseudonym: String,
    /// The participant's name and contact: for managers, and for the peer once they accepted.
    pub participant_name: Option<String>,
    pub participant_phone: Option<String>,
    pub participant_email: Option<String>,
    pub languages: Vec<String>,
    pub peer_id: PeerWorkerId,
    pub peer_name: String,
    pub status: CourseStatus,
    pub offer: OfferState,
    pub match_score: Option<f64>,
    pub match_parts: Option<Parts>,
    pub started_on: Option<String>,
    pub ended_on: Option<String>,
    pub end_reason: Option<EndReason>,
    pub decline_reason: Option<String>,
    pub handed_over_from: Option<CourseId>,
    pub handover_note: Option<String>,
    #[serde(skip)]
    pub wishes: Option<WishesView>,
    pub sessions: Vec<SessionView>,
    pub goals: Vec<GoalView>,
    /// The participant's courses, this one among them, oldest first.
    pub history: Vec<CourseSummary>,
    /// Active peers of the organisation (for a handover), managers only.
    #[serde(skip)]
    pub handover_peers: Vec<(PeerWorkerId, String)>,
    /// Active programmes of the organisation (a handover may move to another), managers only.
    #[serde(skip)]
    pub handover_programmes: Vec<(ProgrammeId, String)>,
    pub can_manage: bool,
    pub can_work: bool,
    pub can_answer: bool,
}

/// Who reads a course and what that lets them see.
struct Reader {
    basis: Basis,
    /// The course's own peer (not a manager).
    is_peer: bool,
    manager: bool,
}

fn reader(ctx: &Ctx, c: &CourseRow) -> Result<Option<Reader>, StoreError> {
    let org: OrgId = c.organisation_id.get();
    let peer: PeerWorkerId = c.peer_id.get();
    Ok(policy::work_course(&ctx.actor, org, peer).ok().map(|basis| Reader {
        basis,
        is_peer: ctx.actor.peer_worker_ids.contains(&peer),
        manager: policy::manage_courses(&ctx.actor, org).is_ok(),
    }))
}

fn course_access(tx: &mut Tx<'_>, ctx: &Ctx, id: CourseId, action: AuditAction, now: Timestamp) -> AppResult<(CourseRow, Reader)> {
    guarded(tx, ctx, now, action, Subject::record(ctx, "course", id), |c| ss::course(c, id), |_, c| Ok(reader(ctx, c)?))
}

/// Audits a change to a record of a course (a session, a goal) and, with it, the change to the
/// participant's record it is part of.
fn audit_course_record(tx: &mut Tx<'_>, ctx: &Ctx, now: Timestamp, c: &CourseRow, record: (AuditAction, &str, String), basis: Basis) {
    let (action, kind, id) = record;
    let org = Some(c.organisation_id.to_string());
    tx.audit(ctx.ok(now, action, kind, Some(id), org.clone(), basis));
    tx.audit(ctx.ok(now, AuditAction::Update, "participant", Some(c.participant_id.to_string()), org, basis));
}

fn session_view(s: &SupportSessionRow, r: &Reader) -> Result<SessionView, StoreError> {
    let audience = s.note_audience.get();
    // Peer-only notes: the course's own peer. Team notes: that peer and the managers.
    let visible = match audience {
        NoteAudience::Peer => r.is_peer,
        NoteAudience::Team => r.is_peer || r.manager,
    };
    Ok(SessionView {
        id: s.id.get(),
        status: s.status.get(),
        starts_at: Timestamp(s.starts_at),
        duration_minutes: s.duration_minutes,
        mode: s.mode.get(),
        place: s.place.clone(),
        kind: s.kind.get(),
        note: if visible { s.note.clone() } else { None },
        note_audience: audience,
        note_hidden: !visible && s.note.is_some(),
    })
}

fn goal_views(conn: &mut DbConnection, participant: ParticipantId) -> Result<Vec<GoalView>, StoreError> {
    let goals = ss::goals_of(conn, participant)?;
    let ids: Vec<GoalId> = goals.iter().map(|g| g.id.get()).collect();
    let progress = ss::progress_of(conn, &ids)?;
    goals
        .iter()
        .map(|g| {
            Ok(GoalView {
                id: g.id.get(),
                text: g.text.clone(),
                domain: g.domain.get(),
                status: g.status.get(),
                progress: progress
                    .iter()
                    .filter(|p| p.goal_id == g.id)
                    .map(|p| ProgressView { on: format_date(*p.recorded_on), value: p.value, note: p.note.clone() })
                    .collect(),
            })
        })
        .collect()
}

fn summary(conn: &mut DbConnection, c: &CourseRow) -> Result<CourseSummary, StoreError> {
    let peer_name = sp::peer(conn, *c.peer_id)?.map(|p| p.display_name).unwrap_or_default();
    let programme_name = match &c.programme_id {
        Some(p) => sd::programme(conn, **p)?.map(|p| p.name),
        None => None,
    };
    Ok(CourseSummary {
        id: c.id.get(),
        peer_name,
        programme_name,
        status: c.status.get(),
        offer: c.offer.get(),
        started_on: c.started_on.map(|d| format_date(*d)),
        ended_on: c.ended_on.map(|d| format_date(*d)),
        end_reason: c.end_reason.get(),
        created_at: Timestamp(c.created_at),
        can_open: true,
    })
}

fn course_view(conn: &mut DbConnection, c: &CourseRow, r: &Reader) -> AppResult<CourseView> {
    let Some(p) = sp::participant(conn, *c.participant_id)? else { return Err(AppError::NotFound) };
    let offer = c.offer.get();
    let status = c.status.get();
    let sees_person = r.manager || (r.is_peer && offer == OfferState::Accepted && status != CourseStatus::Ended);
    let sessions = ss::sessions_of_courses(conn, &[*c.id])?.iter().map(|s| session_view(s, r)).collect::<Result<Vec<_>, _>>()?;
    let mut history = Vec::new();
    for other in ss::courses_of_participant(conn, *c.participant_id)? {
        // A peer sees the history of courses only as far as they are theirs or this one's.
        if r.manager || other.peer_id == c.peer_id || other.id == c.id {
            history.push(summary(conn, &other)?);
        }
    }
    let handover_peers = if r.manager {
        sp::peers_of_org(conn, *c.organisation_id, sammen_store::Page { offset: 0, limit: 100_000 })?
            .0
            .into_iter()
            .filter(|q| q.status == PeerStatus::Active && q.id != c.peer_id)
            .map(|q| Ok((q.id.get(), q.display_name)))
            .collect::<Result<Vec<_>, StoreError>>()?
    } else {
        Vec::new()
    };
    let handover_programmes = if r.manager {
        sd::programmes_of(conn, &[*c.organisation_id], sammen_store::Page { offset: 0, limit: 1000 })?
            .0
            .into_iter()
            .filter(|p| p.active)
            .map(|p| Ok((p.id.get(), p.name)))
            .collect::<Result<Vec<_>, StoreError>>()?
    } else {
        Vec::new()
    };
    let programme_name = match &c.programme_id {
        Some(id) => sd::programme(conn, **id)?.map(|p| p.name),
        None => None,
    };
    Ok(CourseView {
        id: c.id.get(),
        organisation_id: c.organisation_id.get(),
        programme_id: c.programme_id.get(),
        programme_name,
        participant_id: p.id.get(),
        pseudonym: p.pseudonym.clone(),
        participant_name: if sees_person { p.name.clone() } else { None },
        participant_phone: if sees_person { p.phone.clone() } else { None },
        participant_email: if sees_person { p.email.clone() } else { None },
        languages: p.languages.split(',').filter(|l| !l.is_empty()).map(str::to_owned).collect(),
        peer_id: c.peer_id.get(),
        peer_name: sp::peer(conn, *c.peer_id)?.map(|q| q.display_name).unwrap_or_default(),
        status,
        offer,
        match_score: c.match_score,
        match_parts: c.match_parts.as_deref().and_then(|j| serde_json::from_str::<PartsJson>(j).ok()).map(Parts::from),
        started_on: c.started_on.map(|d| format_date(*d)),
        ended_on: c.ended_on.map(|d| format_date(*d)),
        end_reason: c.end_reason.get(),
        decline_reason: c.decline_reason.clone(),
        handed_over_from: c.handed_over_from.get().map(|x| x.uuid().into()),
        handover_note: c.handover_note.clone(),
        wishes: ss::wishes(conn, *p.id)?.map(|w| wishes_view(&w)),
        sessions,
        goals: goal_views(conn, *p.id)?,
        history,
        handover_peers,
        handover_programmes,
        can_manage: r.manager,
        can_work: status != CourseStatus::Ended && offer == OfferState::Accepted,
        can_answer: r.is_peer && offer == OfferState::Pending && status != CourseStatus::Ended,
    })
}

/// The stored score parts (the JSON of [`Parts`]).
#[derive(serde::Deserialize)]
struct PartsJson {
    topics: f64,
    availability: f64,
    distance: f64,
    waiting: f64,
    continuity: f64,
}

impl From<PartsJson> for Parts {
    fn from(p: PartsJson) -> Self {
        Parts { topics: p.topics, availability: p.availability, distance: p.distance, waiting: p.waiting, continuity: p.continuity }
    }
}

fn subject_event(ctx: &Ctx, now: Timestamp, action: AuditAction, c: &CourseRow, basis: Basis) -> [AuditEvent; 2] {
    [
        ctx.ok(now, action, "course", Some(c.id.to_string()), Some(c.organisation_id.to_string()), basis),
        ctx.ok(now, action, "participant", Some(c.participant_id.to_string()), Some(c.organisation_id.to_string()), basis),
    ]
}

/// One course of support.
pub async fn course(app: &App, ctx: &Ctx, id: CourseId) -> AppResult<CourseView> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| {
            let now = app2.now();
            let (c, r) = course_access(tx, &ctx, id, AuditAction::Read, now)?;
            let view = course_view(tx.conn(), &c, &r)?;
            for e in subject_event(&ctx, now, AuditAction::Read, &c, r.basis) {
                tx.audit(e);
            }
            Ok(view)
        })
        .await
}

/// A participant's courses, oldest first, for their page.
pub async fn participant_courses(app: &App, ctx: &Ctx, id: ParticipantId) -> AppResult<Vec<CourseSummary>> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| {
            let now = app2.now();
            let (p, basis) = participant_access(tx, &ctx, id, AuditAction::Read, now, None)?;
            let rows = ss::courses_of_participant(tx.conn(), *p.id)?;
            let mut out = Vec::new();
            for c in &rows {
                let mut s = summary(tx.conn(), c)?;
                s.can_open = policy::work_course(&ctx.actor, c.organisation_id.get(), c.peer_id.get()).is_ok();
                out.push(s);
            }
            tx.audit(ctx.ok(now, AuditAction::Read, "participant", Some(p.id.to_string()), Some(p.organisation_id.to_string()), basis));
            Ok(out)
        })
        .await
}

/// Sessions and goals are written only on a course that is under way with the peer's yes.
fn require_open(c: &CourseRow, field: &str) -> AppResult<()> {
    if c.status == CourseStatus::Ended || c.offer != OfferState::Accepted {
        return Err(AppError::Validation(ValidationErrors::single(field, "err-course-not-open")));
    }
    Ok(())
}

fn participant_row(conn: &mut DbConnection, c: &CourseRow) -> AppResult<ParticipantRow> {
    sp::participant(conn, *c.participant_id)?.ok_or(AppError::NotFound)
}

/// The days a course's sessions may fall on, in its organisation's zone: from the day it was
/// agreed (the course was made by the match's approval or a handover) to the day it ended.
fn course_period(c: &CourseRow, zone: &sammen_domain::time::Zone) -> CoursePeriod {
    CoursePeriod { agreed_on: Timestamp(c.created_at).date_in(zone), ended_on: c.ended_on.map(|d| *d) }
}

/// Today in the zone of the course's organisation: the date a course starts or ends on.
fn org_today(tx: &mut Tx<'_>, c: &CourseRow, now: Timestamp) -> Result<time::Date, StoreError> {
    today_in(tx.conn(), Some(c.organisation_id.get()), now)
}

fn save_participant(tx: &mut Tx<'_>, app: &App, p: &mut ParticipantRow, now: Timestamp) -> AppResult<()> {
    p.updated_at = now.micros();
    sp::update_participant(tx.conn(), p)?;
    crate::measurement::invite_participant_now(tx, app, p, now)?;
    Ok(())
}

/// After a course ended: with no other open course the participant is closed (the closure
/// wave falls due) and no peer reads their record any more.
fn after_end(tx: &mut Tx<'_>, app: &App, c: &CourseRow, now: Timestamp) -> AppResult<()> {
    let mut p = participant_row(tx.conn(), c)?;
    let open = ss::open_courses_of_participants(tx.conn(), &[*p.id])?;
    if p.assigned_peer_id == Some(c.peer_id) {
        p.assigned_peer_id = None;
    }
    if open.is_empty() {
        if p.started_at.is_some() {
            p.status = ParticipantStatus::Closed.into();
            p.closed_at.get_or_insert(now.micros());
        } else {
            // Never started: back on the waiting list.
            p.status = ParticipantStatus::Waiting.into();
        }
    }
    save_participant(tx, app, &mut p, now)
}

/// The offered peer accepts or declines a match. Accepting gives them the participant's
/// record; declining ends the offer and puts the participant back on the waiting list with
/// priority, and that peer is not proposed to them again.
pub async fn answer_offer(app: &App, ctx: &Ctx, id: CourseId, accept: bool, reason: Option<String>) -> AppResult<CourseView> {
    ctx.require_write()?;
    let reason = sammen_domain::validation::optional_text(reason.as_deref(), 1000)
        .map_err(|m| AppError::Validation(ValidationErrors::single("decline_reason", m)))?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| {
            let now = app2.now();
            let (mut c, basis) = guarded(
                tx,
                &ctx,
                now,
                AuditAction::Update,
                Subject::record(&ctx, "course", id),
                |c| ss::course(c, id),
                |_, c| Ok(policy::answer_offer(&ctx.actor, c.organisation_id.get(), c.peer_id.get()).ok()),
            )?;
            if c.offer != OfferState::Pending || c.status == CourseStatus::Ended {
                return Err(AppError::Validation(ValidationErrors::single("offer", "err-offer-answered")));
            }
            c.responded_at = Some(now.micros());
            c.updated_at = now.micros();
            let mut wishes =
                ss::wishes(tx.conn(), *c.participant_id)?.unwrap_or_else(|| crate::journey::matching::empty_wishes(*c.participant_id, now));
            if accept {
                c.offer = OfferState::Accepted.into();
                ss::update_course(tx.conn(), &c)?;
                let mut p = participant_row(tx.conn(), &c)?;
                p.assigned_peer_id = Some(c.peer_id);
                save_participant(tx, &app2, &mut p, now)?;
                wishes.priority = false;
            } else {
                c.offer = OfferState::Declined.into();
                c.status = CourseStatus::Ended.into();
                c.ended_on = Some(Stored(org_today(tx, &c, now)?));
                c.end_reason = Some(EndReason::PeerDeclined.into());
                c.decline_reason = reason;
                ss::update_course(tx.conn(), &c)?;
                after_end(tx, &app2, &c, now)?;
                wishes.priority = true;
                wishes.waiting_since.get_or_insert(c.created_at);
            }
            wishes.updated_at = now.micros();
            ss::put_wishes(tx.conn(), &wishes)?;
            for e in subject_event(&ctx, now, AuditAction::Update, &c, basis) {
                tx.audit(e);
            }
            let r = Reader { basis, is_peer: true, manager: policy::manage_courses(&ctx.actor, c.organisation_id.get()).is_ok() };
            course_view(tx.conn(), &c, &r)
        })
        .await
}

/// Moves a course to another status by hand (see `allowed_transition`); ending takes a reason.
pub async fn set_status(app: &App, ctx: &Ctx, id: CourseId, to: CourseStatus, reason: Option<EndReason>) -> AppResult<()> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| {
            let now = app2.now();
            let (mut c, r) = course_access(tx, &ctx, id, AuditAction::Update, now)?;
            if !r.manager {
                let subject = Subject { kind: "course", id: Some(c.id.to_string()), org: Some(c.organisation_id.to_string()) };
                return Err(ctx.refuse(tx, now, AuditAction::Update, subject, AppError::NotFound));
            }
            let from = c.status.get();
            if !allowed_transition(from, to) || (to == CourseStatus::Active && c.offer != OfferState::Accepted) {
                return Err(AppError::Validation(ValidationErrors::single("status", "err-course-transition")));
            }
            c.status = to.into();
            c.updated_at = now.micros();
            match to {
                CourseStatus::Ended => {
                    let Some(reason) = reason.filter(|r| EndReason::CHOSEN.contains(r)) else {
                        return Err(AppError::Validation(ValidationErrors::single("end_reason", "err-choice")));
                    };
                    c.ended_on = Some(Stored(org_today(tx, &c, now)?));
                    c.end_reason = Some(reason.into());
                    ss::update_course(tx.conn(), &c)?;
                    after_end(tx, &app2, &c, now)?;
                }
                CourseStatus::Active => {
                    let today = org_today(tx, &c, now)?;
                    c.started_on.get_or_insert(Stored(today));
                    ss::update_course(tx.conn(), &c)?;
                    start_participant(tx, &app2, &c, now)?;
                }
                CourseStatus::Paused | CourseStatus::Planned => {
                    ss::update_course(tx.conn(), &c)?;
                }
            }
            for e in subject_event(&ctx, now, AuditAction::Update, &c, r.basis) {
                tx.audit(e);
            }
            Ok(())
        })
        .await
}

fn start_participant(tx: &mut Tx<'_>, app: &App, c: &CourseRow, now: Timestamp) -> AppResult<()> {
    let mut p = participant_row(tx.conn(), c)?;
    if p.status != ParticipantStatus::Active {
        p.status = ParticipantStatus::Active.into();
        p.started_at.get_or_insert(now.micros());
        p.closed_at = None;
        save_participant(tx, app, &mut p, now)?;
    }
    Ok(())
}

/// Hands a course over to another peer (and, optionally, another programme of the same
/// organisation): this course ends with reason "handover" and a new planned course is offered
/// to the new peer, pointing back to this one. Sessions and goals stay where they were.
pub async fn handover(
    app: &App,
    ctx: &Ctx,
    id: CourseId,
    peer: PeerWorkerId,
    programme: Option<ProgrammeId>,
    note: Option<String>,
) -> AppResult<CourseId> {
    ctx.require_write()?;
    let note = sammen_domain::validation::optional_text(note.as_deref(), 2000)
        .map_err(|m| AppError::Validation(ValidationErrors::single("handover_note", m)))?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    let new_id: CourseId = app.next_id();
    app.db
        .write(move |tx| {
            let now = app2.now();
            let (mut c, r) = course_access(tx, &ctx, id, AuditAction::Update, now)?;
            if !r.manager {
                let subject = Subject { kind: "course", id: Some(c.id.to_string()), org: Some(c.organisation_id.to_string()) };
                return Err(ctx.refuse(tx, now, AuditAction::Update, subject, AppError::NotFound));
            }
            if c.status == CourseStatus::Ended || c.offer != OfferState::Accepted {
                return Err(AppError::Validation(ValidationErrors::single("peer", "err-course-transition")));
            }
            let ok_peer = sp::peer(tx.conn(), peer)?
                .is_some_and(|q| q.organisation_id == c.organisation_id && q.status == PeerStatus::Active && q.id != c.peer_id);
            if !ok_peer {
                return Err(AppError::Validation(ValidationErrors::single("peer", "err-choice")));
            }
            let today = org_today(tx, &c, now)?;
            crate::workforce::training::require_trained(tx.conn(), peer, "peer", today)?;
            let programme_id = match programme {
                Some(p) => {
                    let ok = sd::programme(tx.conn(), p)?.is_some_and(|x| x.organisation_id == c.organisation_id);
                    if !ok {
                        return Err(AppError::Validation(ValidationErrors::single("programme_id", "err-choice")));
                    }
                    Some(Stored(p))
                }
                None => c.programme_id,
            };
            c.status = CourseStatus::Ended.into();
            c.ended_on = Some(Stored(org_today(tx, &c, now)?));
            c.end_reason = Some(EndReason::Handover.into());
            c.updated_at = now.micros();
            ss::update_course(tx.conn(), &c)?;
            let next = CourseRow {
                id: Stored(new_id),
                programme_id,
                peer_id: peer.into(),
                status: CourseStatus::Planned.into(),
                offer: OfferState::Pending.into(),
                match_score: None,
                match_parts: None,
                approved_by: Some(ctx.actor.user.into()),
                approved_at: Some(now.micros()),
                responded_at: None,
                decline_reason: None,
                started_on: None,
                ended_on: None,
                end_reason: None,
                handed_over_from: Some(Stored(c.id.uuid().into())),
                handover_note: note,
                created_at: now.micros(),
                updated_at: now.micros(),
                ..c.clone()
            };
            ss::insert_course(tx.conn(), &next)?;
            let mut p = participant_row(tx.conn(), &c)?;
            p.assigned_peer_id = None;
            p.programme_id = programme_id.or(p.programme_id);
            p.updated_at = now.micros();
            sp::update_participant(tx.conn(), &p)?;
            for e in subject_event(&ctx, now, AuditAction::Update, &c, r.basis) {
                tx.audit(e);
            }
            tx.audit(ctx.ok(
                now,
                AuditAction::Create,
                "course",
                Some(next.id.to_string()),
                Some(next.organisation_id.to_string()),
                r.basis,
            ));
            Ok(new_id)
        })
        .await
}

/// Logs a session (held or planned) on a course whose offer was accepted. The first session
/// held starts a planned course and the participant's course of support.
pub async fn log_session(app: &App, ctx: &Ctx, id: CourseId, input: SessionInput) -> AppResult<SessionId> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    let session_id: SessionId = app.next_id();
    app.db
        .write(move |tx| {
            let now = app2.now();
            let (mut c, r) = course_access(tx, &ctx, id, AuditAction::Create, now)?;
            require_open(&c, "course")?;
            let zone = zone_of(tx.conn(), Some(c.organisation_id.get()))?;
            let day = input.starts_at.date_in(&zone);
            check_session_date(input.status, input.starts_at, day, course_period(&c, &zone), now)?;
            let row = SupportSessionRow {
                id: Stored(session_id),
                organisation_id: c.organisation_id,
                course_id: c.id,
                status: input.status.into(),
                starts_at: input.starts_at.micros(),
                duration_minutes: input.duration_minutes,
                mode: input.mode.into(),
                place: input.place.clone(),
                kind: input.kind.into(),
                note: input.note.clone(),
                note_audience: input.note_audience.into(),
                author_id: Some(ctx.actor.user.into()),
                created_at: now.micros(),
                updated_at: now.micros(),
            };
            ss::insert_session(tx.conn(), &row)?;
            if input.status == SessionStatus::Held && c.status == CourseStatus::Planned {
                c.status = CourseStatus::Active.into();
                c.started_on = Some(Stored(day));
                c.updated_at = now.micros();
                ss::update_course(tx.conn(), &c)?;
                start_participant(tx, &app2, &c, now)?;
            } else if input.status == SessionStatus::Held && c.started_on.is_some_and(|s| day < *s) {
                // Logged afterwards: the course began with this session, not on the later day it
                // was set going.
                c.started_on = Some(Stored(day));
                c.updated_at = now.micros();
                ss::update_course(tx.conn(), &c)?;
            }
            audit_course_record(tx, &ctx, now, &c, (AuditAction::Create, "session", row.id.to_string()), r.basis);
            Ok(session_id)
        })
        .await
}

/// Marks a planned session held or cancelled (the peer, from their phone, or a manager).
pub async fn set_session_status(app: &App, ctx: &Ctx, id: SessionId, status: SessionStatus) -> AppResult<CourseId> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| {
            let now = app2.now();
            let Some(mut s) = ss::session(tx.conn(), id)? else {
                return Err(ctx.refuse(tx, now, AuditAction::Update, Subject::record(&ctx, "session", id), AppError::NotFound));
            };
            let (mut c, r) = course_access(tx, &ctx, *s.course_id, AuditAction::Update, now)?;
            if c.status == CourseStatus::Ended || s.status != SessionStatus::Planned || status == SessionStatus::Planned {
                return Err(AppError::Validation(ValidationErrors::single("status", "err-course-transition")));
            }
            if status == SessionStatus::Held && !has_begun(Timestamp(s.starts_at), now) {
                return Err(AppError::Validation(ValidationErrors::single("status", "err-held-in-future")));
            }
            s.status = status.into();
            s.updated_at = now.micros();
            ss::update_session(tx.conn(), &s)?;
            if status == SessionStatus::Held && c.status == CourseStatus::Planned {
                c.status = CourseStatus::Active.into();
                c.started_on = Some(Stored(Timestamp(s.starts_at).date_in(&zone_of(tx.conn(), Some(c.organisation_id.get()))?)));
                c.updated_at = now.micros();
                ss::update_course(tx.conn(), &c)?;
                start_participant(tx, &app2, &c, now)?;
            }
            tx.audit(ctx.ok(now, AuditAction::Update, "session", Some(s.id.to_string()), Some(c.organisation_id.to_string()), r.basis));
            Ok(c.id.get())
        })
        .await
}

/// Adds a goal in the participant's own words to a course's participant.
pub async fn add_goal(app: &App, ctx: &Ctx, id: CourseId, input: GoalInput) -> AppResult<GoalId> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    let goal_id: GoalId = app.next_id();
    app.db
        .write(move |tx| {
            let now = app2.now();
            let (c, r) = course_access(tx, &ctx, id, AuditAction::Create, now)?;
            require_open(&c, "text")?;
            let row = GoalRow {
                id: Stored(goal_id),
                organisation_id: c.organisation_id,
                participant_id: c.participant_id,
                course_id: Some(c.id),
                text: input.text.clone(),
                domain: input.domain.map(Stored),
                status: GoalStatus::Open.into(),
                created_at: now.micros(),
                updated_at: now.micros(),
            };
            ss::insert_goal(tx.conn(), &row)?;
            audit_course_record(tx, &ctx, now, &c, (AuditAction::Create, "goal", row.id.to_string()), r.basis);
            Ok(goal_id)
        })
        .await
}

/// Records progress on a goal (and its status); returns the course to go back to.
pub async fn record_progress(app: &App, ctx: &Ctx, id: GoalId, input: ProgressInput) -> AppResult<CourseId> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    let progress_id = app.new_id();
    app.db
        .write(move |tx| {
            let now = app2.now();
            let goal = ss::goal(tx.conn(), id)?;
            let Some((mut goal, course_id)) = goal.and_then(|g| g.course_id.get().map(|c| (g, c))) else {
                return Err(ctx.refuse(tx, now, AuditAction::Update, Subject::record(&ctx, "goal", id), AppError::NotFound));
            };
            let (c, r) = course_access(tx, &ctx, course_id, AuditAction::Update, now)?;
            if c.status == CourseStatus::Ended {
                return Err(AppError::Validation(ValidationErrors::single("value", "err-course-not-open")));
            }
            ss::insert_progress(
                tx.conn(),
                &GoalProgressRow {
                    id: progress_id,
                    goal_id: goal.id,
                    recorded_on: Stored(input.on),
                    value: input.value,
                    note: input.note.clone(),
                    author_id: Some(ctx.actor.user.into()),
                    created_at: now.micros(),
                },
            )?;
            goal.status = input.status.into();
            goal.updated_at = now.micros();
            ss::update_goal(tx.conn(), &goal)?;
            audit_course_record(tx, &ctx, now, &c, (AuditAction::Update, "goal", goal.id.to_string()), r.basis);
            Ok(c.id.get())
        })
        .await
}

// ---------------------------------------------------------------- the peer's own view

/// An offer waiting for the peer's answer: what they need to decide, not who it is.
#[derive(Debug, Clone, serde::Serialize)]
pub struct OfferView {
    pub course: CourseId,
    pub pseudonym: String,
    pub programme_name: Option<String>,
    pub languages: Vec<String>,
    #[serde(skip)]
    pub wishes: Option<WishesView>,
    pub handover: bool,
}

/// One participant of the peer's caseload.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CaseloadRow {
    pub course: CourseId,
    pub participant: ParticipantId,
    pub pseudonym: String,
    pub name: Option<String>,
    pub status: CourseStatus,
    pub mode: Option<Mode>,
    pub last_held: Option<Timestamp>,
    pub next_planned: Option<Timestamp>,
    pub sessions_held: usize,
}

/// An upcoming session or group meeting.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Upcoming {
    pub starts_at: Timestamp,
    pub duration_minutes: i64,
    pub title: String,
    pub place: Option<String>,
    /// The course (for a session), to open it.
    pub course: Option<CourseId>,
    pub session: Option<SessionId>,
    /// The group (for a group meeting the peer facilitates).
    pub group: Option<sammen_domain::GroupId>,
}

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Caseload {
    pub offers: Vec<OfferView>,
    pub courses: Vec<CaseloadRow>,
    pub upcoming: Vec<Upcoming>,
    /// Planned sessions that have ended and are still to be logged as held or cancelled,
    /// oldest first.
    pub to_log: Vec<Upcoming>,
    pub calendar_active: bool,
    /// The peer worker records of this account (usually one).
    pub peers: Vec<PeerWorkerId>,
}

/// The signed-in peer worker's caseload: offers to answer, open courses, and what is coming up
/// in the next four weeks. One audit record per participant shown.
pub async fn caseload(app: &App, ctx: &Ctx) -> AppResult<Caseload> {
    let org = ctx.org()?;
    if !ctx.actor.has_role_in(org, &[sammen_domain::people::Role::PeerWorker]) {
        return Err(AppError::Forbidden);
    }
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| {
            let now = app2.now();
            let mut mine = Vec::new();
            for p in &ctx.actor.peer_worker_ids {
                if sp::peer(tx.conn(), *p)?.is_some_and(|r| r.organisation_id == org) {
                    mine.push(*p);
                }
            }
            let courses = ss::open_courses_of_peers(tx.conn(), &mine)?;
            let ids: Vec<CourseId> = courses.iter().map(|c| c.id.get()).collect();
            let sessions = ss::sessions_of_courses(tx.conn(), &ids)?;
            let mut out = Caseload { peers: mine.clone(), ..Caseload::default() };
            let horizon = now.plus_seconds(28 * 86_400).micros();
            for c in &courses {
                let Some(p) = sp::participant(tx.conn(), *c.participant_id)? else { continue };
                let programme_name = match &c.programme_id {
                    Some(id) => sd::programme(tx.conn(), **id)?.map(|x| x.name),
                    None => None,
                };
                let course: CourseId = c.id.get();
                if c.offer == OfferState::Pending {
                    out.offers.push(OfferView {
                        course,
                        pseudonym: p.pseudonym.clone(),
                        programme_name,
                        languages: p.languages.split(',').filter(|l| !l.is_empty()).map(str::to_owned).collect(),
                        wishes: ss::wishes(tx.conn(), *p.id)?.map(|w| wishes_view(&w)),
                        handover: c.handed_over_from.is_some(),
                    });
                } else if c.offer == OfferState::Accepted {
                    let mine: Vec<&SupportSessionRow> = sessions.iter().filter(|s| s.course_id == c.id).collect();
                    let held: Vec<&&SupportSessionRow> = mine.iter().filter(|s| s.status == SessionStatus::Held).collect();
                    let next = mine
                        .iter()
                        .filter(|s| s.status == SessionStatus::Planned && s.starts_at >= now.micros())
                        .map(|s| s.starts_at)
                        .min();
                    out.courses.push(CaseloadRow {
                        course,
                        participant: p.id.get(),
                        pseudonym: p.pseudonym.clone(),
                        name: p.name.clone(),
                        status: c.status.get(),
                        mode: held.first().map(|s| s.mode.get()),
                        last_held: held.iter().map(|s| s.starts_at).max().map(Timestamp),
                        next_planned: next.map(Timestamp),
                        sessions_held: held.len(),
                    });
                    for s in mine.iter().filter(|s| s.status == SessionStatus::Planned) {
                        let line = Upcoming {
                            starts_at: Timestamp(s.starts_at),
                            duration_minutes: s.duration_minutes,
                            title: p.pseudonym.clone(),
                            place: s.place.clone(),
                            course: Some(course),
                            session: Some(s.id.get()),
                            group: None,
                        };
                        let ends = s.starts_at.saturating_add(s.duration_minutes.saturating_mul(60 * Timestamp::MICROS_PER_SECOND));
                        if ends <= now.micros() {
                            out.to_log.push(line);
                        } else if s.starts_at >= now.micros() - 3_600 * Timestamp::MICROS_PER_SECOND && s.starts_at <= horizon {
                            out.upcoming.push(line);
                        }
                    }
                }
                tx.audit(ctx.ok(
                    now,
                    AuditAction::Read,
                    "participant",
                    Some(p.id.to_string()),
                    Some(p.organisation_id.to_string()),
                    // An offer is read as the peer's own (policy::answer_offer); a course as the assigned peer's.
                    if c.offer == OfferState::Pending { Basis::OwnRecord } else { Basis::AssignedPeer },
                ));
            }
            // The group meetings the peer facilitates, in the same four weeks.
            let from = now.micros() - 3_600 * Timestamp::MICROS_PER_SECOND;
            for m in crate::journey::groups::meetings_facilitated(tx.conn(), &mine, from, horizon)? {
                out.upcoming.push(Upcoming {
                    starts_at: Timestamp(m.starts_at),
                    duration_minutes: m.duration_minutes,
                    title: m.group_name.clone(),
                    place: m.place.clone(),
                    course: None,
                    session: None,
                    group: Some(m.group_id.get()),
                });
            }
            out.upcoming.sort_by_key(|u| u.starts_at);
            out.to_log.sort_by_key(|u| u.starts_at);
            out.courses.sort_by(|a, b| a.next_planned.is_none().cmp(&b.next_planned.is_none()).then(a.next_planned.cmp(&b.next_planned)));
            for p in &mine {
                if ss::profile(tx.conn(), *p)?.is_some_and(|x| x.calendar_token_hash.is_some()) {
                    out.calendar_active = true;
                }
            }
            Ok(out)
        })
        .await
}

// ---------------------------------------------------------------- the calendar feed

fn feed_token(app: &App) -> (String, String) {
    use base64::Engine;
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(app.random_bytes::<32>());
    let hash = auth::sha256_hex(&token);
    (token, hash)
}

/// Makes a new secret address for the signed-in peer's calendar feed; the old one stops
/// working at once. Returns the token (shown once; only its SHA-256 is stored).
pub async fn renew_calendar(app: &App, ctx: &Ctx, peer: PeerWorkerId) -> AppResult<String> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    let (token, hash) = feed_token(app);
    app.db
        .write(move |tx| {
            let now = app2.now();
            let (r, ()) = guarded(
                tx,
                &ctx,
                now,
                AuditAction::Update,
                Subject::record(&ctx, "peer_worker", peer),
                |c| sp::peer(c, peer),
                |_, r| Ok((ctx.actor.peer_worker_ids.contains(&peer) && ctx.org.is_some_and(|o| r.organisation_id == o)).then_some(())),
            )?;
            let mut p = ss::profile(tx.conn(), *r.id)?.unwrap_or_else(|| empty_profile(*r.id, now));
            p.calendar_token_hash = Some(hash);
            p.calendar_token_at = Some(now.micros());
            p.updated_at = now.micros();
            ss::put_profile(tx.conn(), &p)?;
            tx.audit(ctx.ok(
                now,
                AuditAction::Update,
                "peer_worker",
                Some(r.id.to_string()),
                Some(r.organisation_id.to_string()),
                Basis::OwnRecord,
            ));
            Ok(token)
        })
        .await
}

/// Turns the calendar feed off: the address stops working.
pub async fn stop_calendar(app: &App, ctx: &Ctx, peer: PeerWorkerId) -> AppResult<()> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| {
            let now = app2.now();
            let ok = ctx.actor.peer_worker_ids.contains(&peer);
            let p = if ok { ss::profile(tx.conn(), peer)? } else { None };
            let Some(mut p) = p else {
                return Err(ctx.refuse(tx, now, AuditAction::Update, Subject::record(&ctx, "peer_worker", peer), AppError::NotFound));
            };
            p.calendar_token_hash = None;
            p.calendar_token_at = None;
            p.updated_at = now.micros();
            ss::put_profile(tx.conn(), &p)?;
            tx.audit(ctx.ok(now, AuditAction::Update, "peer_worker", Some(peer.to_string()), ctx.org_text(), Basis::OwnRecord));
            Ok(())
        })
        .await
}

/// The iCalendar feed behind a secret address: the peer's sessions from 60 days back to a
/// year ahead, with the participant's pseudonym only (the feed leaves Sammen; see
/// `sammen_domain::journey::calendar`). Each fetch is audited with no actor.
pub async fn calendar_feed(app: &App, token: String, lang: Lang, route: &str) -> AppResult<String> {
    let well_formed = token.len() == 43 && token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !well_formed {
        return Err(AppError::NotFound);
    }
    let app2 = app.clone();
    let route = route.to_owned();
    app.db
        .audited_read(move |tx| {
            let now = app2.now();
            let Some(profile) = ss::profile_by_calendar_token(tx.conn(), &auth::sha256_hex(&token))? else {
                return Err(AppError::NotFound);
            };
            let Some(peer) = sp::peer(tx.conn(), *profile.peer_id)? else { return Err(AppError::NotFound) };
            if peer.status == PeerStatus::Left {
                return Err(AppError::NotFound);
            }
            let courses: Vec<CourseRow> =
                ss::open_courses_of_peers(tx.conn(), &[*peer.id])?.into_iter().filter(|c| c.offer == OfferState::Accepted).collect();
            let ids: Vec<CourseId> = courses.iter().map(|c| c.id.get()).collect();
            let from = now.plus_seconds(-60 * 86_400).micros();
            let to = now.plus_seconds(365 * 86_400).micros();
            let mut pseudonyms: HashMap<CourseId, String> = HashMap::new();
            for c in &courses {
                if let Some(p) = sp::participant(tx.conn(), *c.participant_id)? {
                    pseudonyms.insert(c.id.get(), p.pseudonym);
                }
            }
            let t = crate::messages::i18n();
            let label = |key: &str| t.map(|t| t.t(lang, key)).unwrap_or_else(|| key.to_owned());
            let mut events = Vec::new();
            for s in ss::sessions_of_courses(tx.conn(), &ids)?.iter().filter(|s| s.starts_at >= from && s.starts_at <= to) {
                let status = match s.status.get() {
                    SessionStatus::Cancelled => EventStatus::Cancelled,
                    SessionStatus::Planned | SessionStatus::Held => EventStatus::Confirmed,
                };
                let kind = label(&format!("session-kind-{}", s.kind.code().replace('_', "-")));
                let who = pseudonyms.get(&*s.course_id).cloned().unwrap_or_default();
                events.push(CalendarEvent {
                    uid: format!("{}@sammen", s.id),
                    start: Timestamp(s.starts_at),
                    end: Timestamp(s.starts_at).plus_seconds(s.duration_minutes * 60),
                    summary: format!("{kind} · {who}"),
                    location: s.place.clone(),
                    description: None,
                    status,
                    sequence: u32::try_from((s.updated_at - s.created_at) / Timestamp::MICROS_PER_SECOND).unwrap_or(0).min(1_000_000),
                    last_modified: Timestamp(s.updated_at),
                });
            }
            // Group meetings the peer facilitates: the group's name, never who comes.
            for m in crate::journey::groups::meetings_facilitated(tx.conn(), &[*peer.id], from, to)? {
                events.push(CalendarEvent {
                    uid: format!("{}@sammen", m.id),
                    start: Timestamp(m.starts_at),
                    end: Timestamp(m.starts_at).plus_seconds(m.duration_minutes * 60),
                    summary: m.group_name.clone(),
                    location: m.place.clone(),
                    description: None,
                    status: EventStatus::Confirmed,
                    sequence: 0,
                    last_modified: Timestamp(m.updated_at),
                });
            }
            events.sort_by_key(|e| e.start);
            tx.audit(AuditEvent {
                at: now,
                actor: None,
                organisation: Some(peer.organisation_id.to_string()),
                action: AuditAction::Export,
                subject_type: "peer_worker".into(),
                subject_id: Some(peer.id.to_string()),
                purpose: "calendar_feed".into(),
                route,
                outcome: AuditOutcome::Ok,
            });
            Ok(calendar(&label("calendar-name"), &events, now, "-//Sammen//Sammen//DA"))
        })
        .await
}
