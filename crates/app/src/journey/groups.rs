//! Group courses (gruppeforløb) and open events such as a recovery café:
//! facilitating peers, meetings in Danish local time, enrolment with capacity, attendance per
//! meeting and an open event's anonymous head count.
//!
//! Enrolment and attendance are personal data: every read and write is authorised by
//! `policy::view_group` / `manage_groups` / `record_attendance` and audited in the same
//! transaction, with the participant as the subject. A facilitating peer sees pseudonyms only.

use std::collections::{BTreeMap, BTreeSet};

use sammen_domain::audit::AuditAction;
use sammen_domain::journey::groups::{
    GroupInput, GroupKind, MeetingInput, MeetingStatus, check_attendance_time, enrolment_covers, rate_percent,
};
use sammen_domain::policy::{self, Basis, GroupScope};
use sammen_domain::time::Timestamp;
use sammen_domain::{GroupId, MeetingId, OrgId, ParticipantId, PeerWorkerId, ProgrammeId, ValidationErrors};
use sammen_store::journey::groups::{self as sg, EnrolmentWithParticipant};
use sammen_store::rows::{GroupAttendanceRow, GroupCourseRow, GroupEnrolmentRow, GroupMeetingRow};
use sammen_store::{StoreError, Stored, Tx, directory as std_, people as stp, stored};

pub use sammen_store::journey::groups::{FacilitatedMeeting, meetings_facilitated};

use crate::{App, AppError, AppResult, Ctx, Subject, guarded};

/// A group as stored.
#[derive(Debug, Clone)]
pub struct GroupView {
    pub id: GroupId,
    pub organisation_id: OrgId,
    pub input: GroupInput,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

fn group_view(r: &GroupCourseRow) -> Result<GroupView, StoreError> {
    Ok(GroupView {
        id: r.id.get(),
        organisation_id: r.organisation_id.get(),
        input: GroupInput {
            kind: r.kind.get(),
            name: r.name.clone(),
            description: r.description.clone(),
            programme_id: r.programme_id.map(|p| p.to_string()),
            mode: r.mode.get(),
            place: r.place.clone(),
            capacity: r.capacity,
            status: r.status.get(),
        },
        created_at: Timestamp(r.created_at),
        updated_at: Timestamp(r.updated_at),
    })
}

/// A group in the list: kind, next meeting and how many are enrolled.
#[derive(Debug, Clone)]
pub struct GroupSummary {
    pub group: GroupView,
    pub next_meeting: Option<Timestamp>,
    pub enrolled: i64,
}

/// A meeting with its attendance in numbers.
#[derive(Debug, Clone)]
pub struct MeetingView {
    pub id: MeetingId,
    pub group_id: GroupId,
    pub starts_at: Timestamp,
    pub duration_minutes: i64,
    /// The meeting's own place, if it has one (else the group's).
    pub place: Option<String>,
    pub status: MeetingStatus,
    /// An open event's head count.
    pub anonymous_count: Option<i64>,
    pub note: Option<String>,
    /// Enrolled participants recorded present, and recorded at all.
    pub present: i64,
    pub recorded: i64,
    /// Present of recorded, in per cent.
    pub rate: Option<i64>,
}

fn meeting_view(m: &GroupMeetingRow, attendance: &[GroupAttendanceRow]) -> Result<MeetingView, StoreError> {
    let mine: Vec<&GroupAttendanceRow> = attendance.iter().filter(|a| a.meeting_id == m.id).collect();
    let present = mine.iter().filter(|a| a.present).count() as i64;
    let recorded = mine.len() as i64;
    Ok(MeetingView {
        id: m.id.get(),
        group_id: m.group_id.get(),
        starts_at: Timestamp(m.starts_at),
        duration_minutes: m.duration_minutes,
        place: m.place.clone(),
        status: m.status.get(),
        anonymous_count: m.anonymous_count,
        note: m.note.clone(),
        present,
        recorded,
        rate: rate_percent(present, recorded),
    })
}

/// An enrolled participant (now or before) as a group page shows them.
#[derive(Clone)]
pub struct MemberView {
    pub participant_id: ParticipantId,
    pub pseudonym: String,
    /// Only for the organisation's managers; a facilitator sees the pseudonym only.
    pub name: Option<String>,
    pub programme_id: Option<String>,
    pub enrolled_at: Timestamp,
    pub left_at: Option<Timestamp>,
    /// Meetings recorded present, of meetings recorded for them.
    pub attended: i64,
    pub recorded: i64,
    pub rate: Option<i64>,
}

impl std::fmt::Debug for MemberView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MemberView").field("participant_id", &self.participant_id).finish_non_exhaustive()
    }
}

fn member_view(e: &EnrolmentWithParticipant, names: bool, attendance: &[GroupAttendanceRow]) -> Result<MemberView, StoreError> {
    let mine: Vec<&GroupAttendanceRow> = attendance.iter().filter(|a| a.participant_id == e.enrolment.participant_id).collect();
    let attended = mine.iter().filter(|a| a.present).count() as i64;
    let recorded = mine.len() as i64;
    Ok(MemberView {
        participant_id: e.enrolment.participant_id.get(),
        pseudonym: e.pseudonym.clone(),
        name: if names { e.name.clone() } else { None },
        programme_id: e.programme_id.clone(),
        enrolled_at: Timestamp(e.enrolment.enrolled_at),
        left_at: e.enrolment.left_at.map(Timestamp),
        attended,
        recorded,
        rate: rate_percent(attended, recorded),
    })
}

/// A group with everything its page shows.
#[derive(Debug, Clone)]
pub struct GroupDetail {
    pub group: GroupView,
    pub facilitators: Vec<(PeerWorkerId, String)>,
    pub meetings: Vec<MeetingView>,
    /// Every enrolment, current ones first (a participant who left stays, as history).
    pub members: Vec<MemberView>,
    /// Whether the actor may change the group (a manager), or only record attendance (a facilitator).
    pub can_manage: bool,
    pub shows_names: bool,
}

/// One participant on the roll of a meeting.
#[derive(Clone)]
pub struct RollEntry {
    pub participant_id: ParticipantId,
    pub pseudonym: String,
    pub name: Option<String>,
    pub present: bool,
}

impl std::fmt::Debug for RollEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RollEntry").field("participant_id", &self.participant_id).finish_non_exhaustive()
    }
}

/// A meeting with its roll, for the attendance form.
#[derive(Debug, Clone)]
pub struct MeetingDetail {
    pub group: GroupView,
    pub meeting: MeetingView,
    pub roll: Vec<RollEntry>,
}

/// What was recorded at a meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attendance {
    /// A course: the enrolled participants who came (everyone else on the roll was absent).
    Present(Vec<ParticipantId>),
    /// An open event: how many came, nobody named.
    HeadCount(i64),
}

/// (id, label) pairs to choose from in a form.
pub type Choices = Vec<(String, String)>;

/// A group with its facilitators (peer id, display name).
type GroupWithFacilitators = (GroupCourseRow, Vec<(Stored<PeerWorkerId>, String)>);

/// A group with its facilitators, or None.
fn load_group(conn: &mut sammen_store::DbConnection, id: GroupId) -> Result<Option<GroupWithFacilitators>, StoreError> {
    let Some(g) = sg::group(conn, id)? else { return Ok(None) };
    let f = sg::facilitators_of(conn, id)?;
    Ok(Some((g, f)))
}

/// The facilitators' ids.
fn peer_ids(f: &[(Stored<PeerWorkerId>, String)]) -> Vec<PeerWorkerId> {
    f.iter().map(|(id, _)| id.get()).collect()
}

/// An id given as text (a form's value): only the id's own text names it, as the stored
/// column holds it; any other text names nothing.
fn id_of<T: std::str::FromStr + ToString>(text: &str) -> Option<T> {
    text.parse::<T>().ok().filter(|id| id.to_string() == text)
}

// ---------------------------------------------------------------- reading

/// The groups of the active organisation: all of them for its managers, the ones they
/// facilitate for its peer workers.
pub async fn list_groups(app: &App, ctx: &Ctx) -> AppResult<Vec<GroupSummary>> {
    let org = ctx.org()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| -> AppResult<Vec<GroupSummary>> {
            let now = app2.now();
            let Ok(scope) = policy::list_groups(&ctx.actor, org) else {
                return Err(ctx.refuse(tx, now, AuditAction::Search, Subject::within("group_course", Some(org)), AppError::Forbidden));
            };
            let (rows, basis) = match scope {
                GroupScope::All(b) => (sg::groups_of_org(tx.conn(), org)?, b),
                GroupScope::FacilitatedBy(peers) => (sg::groups_facilitated(tx.conn(), org, &peers)?, Basis::Facilitator),
            };
            let ids: Vec<GroupId> = rows.iter().map(|g| g.id.get()).collect();
            let counts: BTreeMap<GroupId, i64> = sg::enrolled_counts(tx.conn(), &ids)?.into_iter().collect();
            let mut next: BTreeMap<GroupId, i64> = BTreeMap::new();
            for m in sg::meetings_of(tx.conn(), &ids)? {
                if m.status == MeetingStatus::Planned && m.starts_at >= now.micros() {
                    next.entry(m.group_id.get()).or_insert(m.starts_at);
                }
            }
            tx.audit(ctx.ok(now, AuditAction::Search, "group_course", None, Some(org.to_string()), basis));
            rows.iter()
                .map(|g| {
                    Ok(GroupSummary {
                        group: group_view(g)?,
                        next_meeting: next.get(&*g.id).copied().map(Timestamp),
                        enrolled: counts.get(&g.id.get()).copied().unwrap_or(0),
                    })
                })
                .collect()
        })
        .await
}

/// A group's page: its facilitators, meetings with attendance, and enrolled participants with
/// their attendance. Each participant shown is audited as read.
pub async fn group(app: &App, ctx: &Ctx, id: GroupId) -> AppResult<GroupDetail> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| -> AppResult<GroupDetail> {
            let now = app2.now();
            let ((g, f), basis) = guarded(
                tx,
                &ctx,
                now,
                AuditAction::Read,
                Subject::record(&ctx, "group_course", id),
                |c| load_group(c, id),
                |_, (g, f)| Ok(policy::view_group(&ctx.actor, g.organisation_id.get(), &peer_ids(f)).ok()),
            )?;
            let org = g.organisation_id.get();
            let detail = detail_of(tx, &g, &f, basis, &ctx)?;
            tx.audit(ctx.ok(now, AuditAction::Read, "group_course", Some(id.to_string()), Some(org.to_string()), basis));
            for m in &detail.members {
                tx.audit(ctx.ok(now, AuditAction::Read, "participant", Some(m.participant_id.to_string()), Some(org.to_string()), basis));
            }
            Ok(detail)
        })
        .await
}

fn detail_of(tx: &mut Tx<'_>, g: &GroupCourseRow, f: &[(Stored<PeerWorkerId>, String)], basis: Basis, ctx: &Ctx) -> AppResult<GroupDetail> {
    let meetings = sg::meetings_of(tx.conn(), std::slice::from_ref(&g.id))?;
    let meeting_ids: Vec<MeetingId> = meetings.iter().map(|m| m.id.get()).collect();
    let attendance = sg::attendance_of(tx.conn(), &meeting_ids)?;
    let names = policy::group_shows_names(basis);
    let mut members =
        sg::enrolments_of(tx.conn(), *g.id)?.iter().map(|e| member_view(e, names, &attendance)).collect::<Result<Vec<_>, _>>()?;
    members.sort_by_key(|m| (m.left_at.is_some(), m.pseudonym.clone()));
    let facilitators = f.iter().map(|(id, name)| (id.get(), name.clone())).collect::<Vec<_>>();
    Ok(GroupDetail {
        group: group_view(g)?,
        facilitators,
        meetings: meetings.iter().map(|m| meeting_view(m, &attendance)).collect::<Result<_, _>>()?,
        members,
        can_manage: policy::manage_groups(&ctx.actor, g.organisation_id.get()).is_ok(),
        shows_names: names,
    })
}

/// A group for its edit form: its managers only.
pub async fn group_for_edit(app: &App, ctx: &Ctx, id: GroupId) -> AppResult<GroupView> {
    let actor = ctx.actor.clone();
    app.db
        .read(move |c| -> AppResult<GroupView> {
            let Some(g) = sg::group(c, id)? else { return Err(AppError::NotFound) };
            policy::manage_groups(&actor, g.organisation_id.get()).map_err(|_| AppError::NotFound)?;
            Ok(group_view(&g)?)
        })
        .await
}

/// The organisation's peer workers and participants to choose from on a group's page:
/// (id, label) pairs; the participants by pseudonym and programme. Managers only.
pub async fn choices(app: &App, ctx: &Ctx, id: GroupId) -> AppResult<(Choices, Choices)> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| -> AppResult<(Choices, Choices)> {
            let now = app2.now();
            let found = sg::group(tx.conn(), id)?;
            let allowed = match &found {
                Some(g) => policy::manage_groups(&ctx.actor, g.organisation_id.get()).ok(),
                None => None,
            };
            let (Some(g), Some(basis)) = (found, allowed) else { return Err(AppError::NotFound) };
            let org = g.organisation_id.get();
            let peers = stp::peers_of_org(tx.conn(), org, sammen_store::Page { offset: 0, limit: 1000 })?
                .0
                .into_iter()
                .map(|p| (p.id.to_string(), p.display_name))
                .collect();
            let (programmes, _) = std_::programmes_of(tx.conn(), &[org], sammen_store::Page { offset: 0, limit: 1000 })?;
            let names: BTreeMap<ProgrammeId, String> = programmes.into_iter().map(|p| (p.id.get(), p.name)).collect();
            let participants = sg::enrolment_choices(tx.conn(), org)?
                .into_iter()
                .map(|(pid, pseudonym, programme)| {
                    let label = match programme.and_then(|p| names.get(&p).cloned()) {
                        Some(n) => format!("{pseudonym} · {n}"),
                        None => pseudonym,
                    };
                    (pid.to_string(), label)
                })
                .collect();
            tx.audit(ctx.ok(now, AuditAction::Search, "participant", None, Some(org.to_string()), basis));
            Ok((peers, participants))
        })
        .await
}

/// A meeting with its roll (the participants enrolled at the time, pseudonyms for a
/// facilitator), for the attendance form. Each participant on the roll is audited as read.
pub async fn meeting(app: &App, ctx: &Ctx, id: MeetingId) -> AppResult<MeetingDetail> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| -> AppResult<MeetingDetail> {
            let now = app2.now();
            let (m, g, basis) = meeting_allowed(tx, &ctx, id, now, AuditAction::Read, policy::view_group)?;
            let attendance = sg::attendance_of(tx.conn(), std::slice::from_ref(&m.id))?;
            let names = policy::group_shows_names(basis);
            let roll: Vec<RollEntry> = roll_of(tx, &g, &m, &attendance)?
                .iter()
                .map(|e| RollEntry {
                    participant_id: e.enrolment.participant_id.get(),
                    pseudonym: e.pseudonym.clone(),
                    name: if names { e.name.clone() } else { None },
                    present: attendance.iter().any(|a| a.participant_id == e.enrolment.participant_id && a.present),
                })
                .collect();
            tx.audit(ctx.ok(now, AuditAction::Read, "group_meeting", Some(m.id.to_string()), Some(g.organisation_id.to_string()), basis));
            for r in &roll {
                tx.audit(ctx.ok(
                    now,
                    AuditAction::Read,
                    "participant",
                    Some(r.participant_id.to_string()),
                    Some(g.organisation_id.to_string()),
                    basis,
                ));
            }
            Ok(MeetingDetail { group: group_view(&g)?, meeting: meeting_view(&m, &attendance)?, roll })
        })
        .await
}

/// Loads a meeting and its group and asks `decide`; a denial or a missing meeting is audited
/// and answered as not found.
fn meeting_allowed(
    tx: &mut Tx<'_>,
    ctx: &Ctx,
    id: MeetingId,
    now: Timestamp,
    action: AuditAction,
    decide: fn(&policy::Actor, OrgId, &[PeerWorkerId]) -> policy::Decision,
) -> AppResult<(GroupMeetingRow, GroupCourseRow, Basis)> {
    let ((m, g, _), basis) = guarded(
        tx,
        ctx,
        now,
        action,
        Subject::record(ctx, "group_meeting", id),
        |c| match sg::meeting(c, id)? {
            Some(m) => Ok(load_group(c, m.group_id.get())?.map(|(g, f)| (m, g, f))),
            None => Ok(None),
        },
        |_, (_, g, f)| Ok(decide(&ctx.actor, g.organisation_id.get(), &peer_ids(f)).ok()),
    )?;
    Ok((m, g, basis))
}

/// The participants on the roll of a meeting: enrolled and not left before it began, or
/// already recorded for it.
fn roll_of(
    tx: &mut Tx<'_>,
    g: &GroupCourseRow,
    m: &GroupMeetingRow,
    recorded: &[GroupAttendanceRow],
) -> Result<Vec<EnrolmentWithParticipant>, StoreError> {
    let mut seen = BTreeSet::new();
    let mut roll = Vec::new();
    for e in sg::enrolments_of(tx.conn(), *g.id)? {
        let covers = enrolment_covers(e.enrolment.left_at.map(Timestamp), Timestamp(m.starts_at));
        let was_recorded = recorded.iter().any(|a| a.participant_id == e.enrolment.participant_id);
        if (covers || was_recorded) && seen.insert(e.enrolment.participant_id.get()) {
            roll.push(e);
        }
    }
    roll.sort_by(|a, b| a.pseudonym.cmp(&b.pseudonym));
    Ok(roll)
}

// ---------------------------------------------------------------- writing

/// Creates a group in the active organisation (`of == None`) or changes one. The programme,
/// if any, must be one of the organisation's.
pub async fn save_group(app: &App, ctx: &Ctx, of: Option<GroupId>, input: GroupInput) -> AppResult<GroupView> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    let new_id: GroupId = app.next_id();
    app.db
        .write(move |tx| -> AppResult<GroupView> {
            let now = app2.now();
            let previous = match of {
                Some(id) => Some(sg::group(tx.conn(), id)?),
                None => None,
            };
            let org: Option<OrgId> = match &previous {
                Some(Some(p)) => Some(p.organisation_id.get()),
                Some(None) => None,
                None => Some(ctx.org()?),
            };
            let allowed = org.and_then(|o| policy::manage_groups(&ctx.actor, o).ok());
            let (Some(org), Some(basis)) = (org, allowed) else {
                let action = if of.is_some() { AuditAction::Update } else { AuditAction::Create };
                let answer = if of.is_some() { AppError::NotFound } else { AppError::Forbidden };
                let subject = Subject { kind: "group_course", id: of.map(|i| i.to_string()), org: ctx.org_text() };
                return Err(ctx.refuse(tx, now, action, subject, answer));
            };
            let programme = match &input.programme_id {
                Some(p) => {
                    let found = match id_of::<ProgrammeId>(p) {
                        Some(id) => std_::programme(tx.conn(), id)?.filter(|p| p.organisation_id == org).map(|_| id),
                        None => None,
                    };
                    let Some(id) = found else {
                        return Err(AppError::Validation(ValidationErrors::single("programme_id", "err-choice")));
                    };
                    Some(id)
                }
                None => None,
            };
            let previous = previous.flatten();
            let row = GroupCourseRow {
                id: previous.as_ref().map_or(new_id.into(), |p| p.id),
                organisation_id: org.into(),
                programme_id: stored(programme),
                kind: input.kind.into(),
                name: input.name.clone(),
                description: input.description.clone(),
                mode: input.mode.into(),
                place: input.place.clone(),
                capacity: input.capacity,
                status: input.status.into(),
                created_at: previous.as_ref().map_or(now.micros(), |p| p.created_at),
                updated_at: now.micros(),
            };
            if let Some(p) = &previous {
                if p.kind != row.kind {
                    // A course with enrolments cannot become an open event, nor the other way round.
                    let has_meetings = !sg::meetings_of(tx.conn(), std::slice::from_ref(&p.id))?.is_empty();
                    let has_members = !sg::enrolments_of(tx.conn(), *p.id)?.is_empty();
                    if has_meetings || has_members {
                        return Err(AppError::Validation(ValidationErrors::single("kind", "err-group-kind-fixed")));
                    }
                }
                sg::update_group(tx.conn(), &row)?;
            } else {
                sg::insert_group(tx.conn(), &row)?;
            }
            let action = if previous.is_some() { AuditAction::Update } else { AuditAction::Create };
            tx.audit(ctx.ok(now, action, "group_course", Some(row.id.to_string()), Some(org.to_string()), basis));
            Ok(group_view(&row)?)
        })
        .await
}

/// Loads a group for a manager's change; a denial or a missing group is audited and answered as not found.
fn group_to_manage(tx: &mut Tx<'_>, ctx: &Ctx, id: GroupId, now: Timestamp) -> AppResult<(GroupCourseRow, Basis)> {
    guarded(
        tx,
        ctx,
        now,
        AuditAction::Update,
        Subject::record(ctx, "group_course", id),
        |c| sg::group(c, id),
        |_, g| Ok(policy::manage_groups(&ctx.actor, g.organisation_id.get()).ok()),
    )
}

/// Sets who facilitates a group: peer workers of the group's organisation.
pub async fn set_facilitators(app: &App, ctx: &Ctx, id: GroupId, peers: Vec<String>) -> AppResult<()> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<()> {
            let now = app2.now();
            let (g, basis) = group_to_manage(tx, &ctx, id, now)?;
            let mut chosen = BTreeSet::new();
            for raw in &peers {
                let raw = raw.trim();
                if raw.is_empty() {
                    continue;
                }
                let peer = match id_of::<PeerWorkerId>(raw) {
                    Some(id) => stp::peer(tx.conn(), id)?.filter(|p| p.organisation_id == g.organisation_id).map(|_| id),
                    None => None,
                };
                let Some(peer) = peer else {
                    return Err(AppError::Validation(ValidationErrors::single("facilitators", "err-facilitator")));
                };
                chosen.insert(peer);
            }
            let chosen: Vec<PeerWorkerId> = chosen.into_iter().collect();
            // A new facilitator must be trained for their roles.
            let already = sg::facilitators_of(tx.conn(), *g.id)?;
            let today = crate::zone::today_in(tx.conn(), Some(g.organisation_id.get()), now)?;
            for p in chosen.iter().filter(|p| !already.iter().any(|(id, _)| id == *p)) {
                crate::workforce::training::require_trained(tx.conn(), *p, "facilitators", today)?;
            }
            sg::set_facilitators(tx.conn(), *g.id, &chosen)?;
            tx.audit(ctx.ok(now, AuditAction::Update, "group_course", Some(g.id.to_string()), Some(g.organisation_id.to_string()), basis));
            Ok(())
        })
        .await
}

/// Plans a meeting of a group.
pub async fn plan_meeting(app: &App, ctx: &Ctx, id: GroupId, input: MeetingInput) -> AppResult<MeetingView> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    let new_id: MeetingId = app.next_id();
    app.db
        .write(move |tx| -> AppResult<MeetingView> {
            let now = app2.now();
            let (g, basis) = group_to_manage(tx, &ctx, id, now)?;
            let row = GroupMeetingRow {
                id: new_id.into(),
                group_id: g.id,
                starts_at: input.starts_at.micros(),
                duration_minutes: input.duration_minutes,
                place: input.place.clone(),
                status: MeetingStatus::Planned.into(),
                anonymous_count: None,
                note: input.note.clone(),
                created_at: now.micros(),
                updated_at: now.micros(),
            };
            sg::insert_meeting(tx.conn(), &row)?;
            tx.audit(ctx.ok(
                now,
                AuditAction::Create,
                "group_meeting",
                Some(row.id.to_string()),
                Some(g.organisation_id.to_string()),
                basis,
            ));
            Ok(meeting_view(&row, &[])?)
        })
        .await
}

/// Cancels a planned meeting (it stays on the list, marked cancelled).
pub async fn cancel_meeting(app: &App, ctx: &Ctx, id: MeetingId) -> AppResult<MeetingView> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<MeetingView> {
            let now = app2.now();
            let (mut m, g, basis) = meeting_allowed(tx, &ctx, id, now, AuditAction::Update, |a, o, _| policy::manage_groups(a, o))?;
            m.status = MeetingStatus::Cancelled.into();
            m.updated_at = now.micros();
            sg::set_attendance(tx.conn(), &m.id.to_string(), &[])?;
            m.anonymous_count = None;
            sg::update_meeting(tx.conn(), &m)?;
            tx.audit(ctx.ok(now, AuditAction::Update, "group_meeting", Some(m.id.to_string()), Some(g.organisation_id.to_string()), basis));
            Ok(meeting_view(&m, &[])?)
        })
        .await
}

/// Enrols a participant of the group's organisation in a course, within its capacity.
/// Enrolling someone already enrolled changes nothing.
pub async fn enrol(app: &App, ctx: &Ctx, id: GroupId, participant: &str) -> AppResult<()> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    let new_id = app.new_id();
    let participant = participant.trim().to_owned();
    app.db
        .write(move |tx| -> AppResult<()> {
            let now = app2.now();
            let (g, basis) = group_to_manage(tx, &ctx, id, now)?;
            if g.kind != GroupKind::Course {
                return Err(AppError::Validation(ValidationErrors::single("participant_id", "err-open-event")));
            }
            let target = match id_of::<ParticipantId>(&participant) {
                Some(id) => stp::participant(tx.conn(), id)?,
                None => None,
            };
            let Some(p) = target.filter(|p| p.organisation_id == g.organisation_id) else {
                let answer = AppError::Validation(ValidationErrors::single("participant_id", "err-choice"));
                if participant.parse::<ParticipantId>().is_err() {
                    return Err(answer);
                }
                let subject = Subject { kind: "participant", id: Some(participant.clone()), org: Some(g.organisation_id.to_string()) };
                return Err(ctx.refuse(tx, now, AuditAction::Update, subject, answer));
            };
            let enrolments = sg::enrolments_of(tx.conn(), *g.id)?;
            let current: Vec<&EnrolmentWithParticipant> = enrolments.iter().filter(|e| e.enrolment.left_at.is_none()).collect();
            if current.iter().any(|e| e.enrolment.participant_id == p.id) {
                return Ok(());
            }
            if g.capacity.is_some_and(|c| current.len() as i64 >= c) {
                return Err(AppError::Validation(ValidationErrors::single("participant_id", "err-group-full")));
            }
            let row = GroupEnrolmentRow { id: new_id, group_id: g.id, participant_id: p.id, enrolled_at: now.micros(), left_at: None };
            sg::insert_enrolment(tx.conn(), &row)?;
            tx.audit(ctx.ok(now, AuditAction::Update, "participant", Some(p.id.to_string()), Some(g.organisation_id.to_string()), basis));
            Ok(())
        })
        .await
}

/// Ends a participant's enrolment; the enrolment and their attendance stay as history.
/// Someone not enrolled changes nothing.
pub async fn leave(app: &App, ctx: &Ctx, id: GroupId, participant: &str) -> AppResult<()> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    let participant = participant.trim().to_owned();
    app.db
        .write(move |tx| -> AppResult<()> {
            let now = app2.now();
            let (g, basis) = group_to_manage(tx, &ctx, id, now)?;
            let pid = id_of::<ParticipantId>(&participant);
            for e in sg::enrolments_of(tx.conn(), *g.id)? {
                if pid == Some(e.enrolment.participant_id.get()) && e.enrolment.left_at.is_none() {
                    let mut row = e.enrolment.clone();
                    row.left_at = Some(now.micros());
                    sg::update_enrolment(tx.conn(), &row)?;
                    tx.audit(ctx.ok(
                        now,
                        AuditAction::Update,
                        "participant",
                        Some(participant.clone()),
                        Some(g.organisation_id.to_string()),
                        basis,
                    ));
                }
            }
            Ok(())
        })
        .await
}

/// Records who came to a meeting of a course, or how many came to an open event, and marks
/// the meeting held. The managers and the group's facilitators. Every participant on the roll
/// is audited as the subject of the change.
pub async fn record_attendance(app: &App, ctx: &Ctx, id: MeetingId, attendance: Attendance) -> AppResult<MeetingView> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<MeetingView> {
            let now = app2.now();
            let (mut m, g, basis) = meeting_allowed(tx, &ctx, id, now, AuditAction::Update, policy::record_attendance)?;
            let org = g.organisation_id.get();
            let kind = g.kind.get();
            if m.status == MeetingStatus::Cancelled {
                return Err(AppError::Validation(ValidationErrors::single("status", "err-meeting-cancelled")));
            }
            check_attendance_time(kind, Timestamp(m.starts_at), now)?;
            let rows = match (kind, attendance) {
                (GroupKind::OpenEvent, Attendance::HeadCount(n)) => {
                    if !(0..=sammen_domain::journey::groups::MAX_HEAD_COUNT).contains(&n) {
                        return Err(AppError::Validation(ValidationErrors::single("anonymous_count", "err-head-count")));
                    }
                    m.anonymous_count = Some(n);
                    Vec::new()
                }
                (GroupKind::Course, Attendance::Present(present)) => {
                    let recorded = sg::attendance_of(tx.conn(), std::slice::from_ref(&m.id))?;
                    let roll = roll_of(tx, &g, &m, &recorded)?;
                    let on_roll: BTreeSet<ParticipantId> = roll.iter().map(|e| e.enrolment.participant_id.get()).collect();
                    let present: BTreeSet<ParticipantId> = present.into_iter().collect();
                    if !present.is_subset(&on_roll) {
                        return Err(AppError::Validation(ValidationErrors::single("present", "err-not-enrolled")));
                    }
                    on_roll
                        .iter()
                        .map(|p| GroupAttendanceRow { meeting_id: m.id, participant_id: (*p).into(), present: present.contains(p) })
                        .collect()
                }
                (GroupKind::OpenEvent, Attendance::Present(_)) => {
                    return Err(AppError::Validation(ValidationErrors::single("anonymous_count", "err-head-count")));
                }
                (GroupKind::Course, Attendance::HeadCount(_)) => {
                    return Err(AppError::Validation(ValidationErrors::single("present", "err-course-attendance")));
                }
            };
            if kind == GroupKind::Course {
                sg::set_attendance(tx.conn(), &m.id.to_string(), &rows)?;
            }
            m.status = MeetingStatus::Held.into();
            m.updated_at = now.micros();
            sg::update_meeting(tx.conn(), &m)?;
            tx.audit(ctx.ok(now, AuditAction::Update, "group_meeting", Some(m.id.to_string()), Some(org.to_string()), basis));
            for r in &rows {
                tx.audit(ctx.ok(now, AuditAction::Update, "participant", Some(r.participant_id.to_string()), Some(org.to_string()), basis));
            }
            Ok(meeting_view(&m, &rows)?)
        })
        .await
}
