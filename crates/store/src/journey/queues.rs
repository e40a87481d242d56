//! The journey's work queues: what is waiting for someone to act on it. Each function is one
//! query (a join, not a query per item), ordered so that what has waited longest comes first.

use diesel::dsl::{exists, not};
use diesel::prelude::*;
use sammen_domain::ids::{ConsentId, CourseId, InvitationId, OrgId, ParticipantId, PeerWorkerId, ProgrammeId, ReferralId, SessionId};
use sammen_domain::journey::courses::{ConsentPurpose, CourseStatus, ReferralSource};
use time::Date;

use crate::codec::{Stored, keys};
use crate::schema::{
    consents, courses, invitations, organisations, participant_wishes, participants, peer_workers, programmes, referrals, support_sessions,
};
use crate::{DbConnection, StoreError};

/// A referral that has not been decided yet.
#[derive(Clone)]
pub struct ReferralWaiting {
    pub id: ReferralId,
    pub created_at: i64,
    pub source: ReferralSource,
    /// The referring organisation (a partner's referral).
    pub referrer_org: Option<String>,
    pub participant: Option<ParticipantId>,
    pub name: Option<String>,
    pub pseudonym: Option<String>,
}

/// An organisation's referrals still waiting for intake, oldest first (at most `limit`).
pub fn referrals_waiting(conn: &mut DbConnection, org: OrgId, limit: i64) -> Result<Vec<ReferralWaiting>, StoreError> {
    #[allow(clippy::type_complexity)]
    let rows: Vec<(
        Stored<ReferralId>,
        i64,
        Stored<ReferralSource>,
        Option<String>,
        Option<Stored<ParticipantId>>,
        Option<String>,
        Option<String>,
    )> = referrals::table
        .left_join(participants::table.on(participants::id.nullable().eq(referrals::participant_id)))
        .left_join(organisations::table.on(organisations::id.nullable().eq(referrals::referrer_org_id)))
        .filter(referrals::organisation_id.eq(Stored(org)))
        .filter(referrals::status.eq("received"))
        .order((referrals::created_at.asc(), referrals::id.asc()))
        .limit(limit)
        .select((
            referrals::id,
            referrals::created_at,
            referrals::source,
            organisations::name.nullable(),
            participants::id.nullable(),
            participants::name.nullable(),
            participants::pseudonym.nullable(),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, created_at, source, referrer_org, participant, name, pseudonym)| ReferralWaiting {
            id: id.get(),
            created_at,
            source: source.get(),
            referrer_org,
            participant: participant.map(Stored::get),
            name,
            pseudonym,
        })
        .collect())
}

/// A participant on one of the organisation's waiting lists.
#[derive(Clone)]
pub struct Waiting {
    pub id: ParticipantId,
    pub programme: Option<ProgrammeId>,
    pub programme_name: Option<String>,
    pub pseudonym: String,
    pub name: Option<String>,
    pub created_at: i64,
    pub waiting_since: Option<i64>,
    pub priority: bool,
}

/// Everyone on the organisation's waiting lists, by the rule of the programme waiting list
/// (status waiting, referral accepted if any, no course that has not ended), oldest first.
pub fn waiting(conn: &mut DbConnection, org: OrgId) -> Result<Vec<Waiting>, StoreError> {
    let undecided =
        referrals::table.filter(referrals::participant_id.eq(participants::id.nullable())).filter(referrals::status.ne("accepted"));
    let in_course = courses::table.filter(courses::participant_id.eq(participants::id)).filter(courses::status.ne("ended"));
    #[allow(clippy::type_complexity)]
    let rows: Vec<(
        Stored<ParticipantId>,
        Option<Stored<ProgrammeId>>,
        Option<String>,
        String,
        Option<String>,
        i64,
        Option<i64>,
        Option<bool>,
    )> = participants::table
        .left_join(participant_wishes::table.on(participant_wishes::participant_id.eq(participants::id)))
        .left_join(programmes::table.on(programmes::id.nullable().eq(participants::programme_id)))
        .filter(participants::organisation_id.eq(Stored(org)))
        .filter(participants::status.eq("waiting"))
        .filter(not(exists(undecided)))
        .filter(not(exists(in_course)))
        .order((participants::created_at.asc(), participants::id.asc()))
        .select((
            participants::id,
            participants::programme_id,
            programmes::name.nullable(),
            participants::pseudonym,
            participants::name,
            participants::created_at,
            participant_wishes::waiting_since.nullable(),
            participant_wishes::priority.nullable(),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, programme, programme_name, pseudonym, name, created_at, waiting_since, priority)| Waiting {
            id: id.get(),
            programme: programme.map(Stored::get),
            programme_name,
            pseudonym,
            name,
            created_at,
            waiting_since,
            priority: priority.unwrap_or(false),
        })
        .collect())
}

/// A course of support as a queue shows it: who with whom, and since when.
#[derive(Clone)]
pub struct CourseItem {
    pub id: CourseId,
    pub participant: ParticipantId,
    pub pseudonym: String,
    pub name: Option<String>,
    pub peer_name: String,
    pub status: CourseStatus,
    pub created_at: i64,
    pub approved_at: Option<i64>,
    pub started_on: Option<Date>,
    pub handover: bool,
}

type CourseTuple = (
    Stored<CourseId>,
    Stored<ParticipantId>,
    String,
    Option<String>,
    String,
    Stored<CourseStatus>,
    i64,
    Option<i64>,
    Option<Stored<Date>>,
    Option<String>,
);

fn course_item(t: CourseTuple) -> CourseItem {
    let (id, participant, pseudonym, name, peer_name, status, created_at, approved_at, started_on, handed_over_from) = t;
    CourseItem {
        id: id.get(),
        participant: participant.get(),
        pseudonym,
        name,
        peer_name,
        status: status.get(),
        created_at,
        approved_at,
        started_on: started_on.map(Stored::get),
        handover: handed_over_from.is_some(),
    }
}

/// Who a queue's courses belong to: an organisation (its coordinators) or some peers (their own).
#[derive(Clone, Copy)]
pub enum CourseScope<'a> {
    Organisation(OrgId),
    Peers(&'a [PeerWorkerId]),
}

macro_rules! course_query {
    ($scope:expr) => {{
        let q = courses::table
            .inner_join(participants::table.on(participants::id.eq(courses::participant_id)))
            .inner_join(peer_workers::table.on(peer_workers::id.eq(courses::peer_id)))
            .select((
                courses::id,
                courses::participant_id,
                participants::pseudonym,
                participants::name,
                peer_workers::display_name,
                courses::status,
                courses::created_at,
                courses::approved_at,
                courses::started_on,
                courses::handed_over_from,
            ))
            .into_boxed();
        match $scope {
            CourseScope::Organisation(org) => q.filter(courses::organisation_id.eq(Stored(org))),
            CourseScope::Peers(peers) => q.filter(courses::peer_id.eq_any(keys(peers))),
        }
    }};
}

/// Offers a peer has not answered yet (matching proposals approved and sent), oldest first.
pub fn offers_waiting(conn: &mut DbConnection, scope: CourseScope<'_>) -> Result<Vec<CourseItem>, StoreError> {
    let rows: Vec<CourseTuple> = course_query!(scope)
        .filter(courses::offer.eq("pending"))
        .filter(courses::status.ne("ended"))
        .order((courses::created_at.asc(), courses::id.asc()))
        .load(conn)?;
    Ok(rows.into_iter().map(course_item).collect())
}

/// Active courses, started on or before `started_by`, with no session held since `since`:
/// support that may have stopped without anyone noticing. Longest running first.
pub fn quiet_courses(conn: &mut DbConnection, org: OrgId, since: i64, started_by: Date) -> Result<Vec<CourseItem>, StoreError> {
    // The organisation's courses with a session held lately, read once from the sessions of
    // the last weeks (an index range), rather than probed once per open course.
    let held = support_sessions::table
        .filter(support_sessions::organisation_id.eq(Stored(org)))
        .filter(support_sessions::status.eq("held"))
        .filter(support_sessions::starts_at.ge(since))
        .select(support_sessions::course_id);
    let rows: Vec<CourseTuple> = course_query!(CourseScope::Organisation(org))
        .filter(courses::offer.eq("accepted"))
        .filter(courses::status.eq("active"))
        .filter(courses::started_on.le(Stored(started_by)))
        .filter(courses::id.ne_all(held))
        .order((courses::started_on.asc(), courses::id.asc()))
        .load(conn)?;
    Ok(rows.into_iter().map(course_item).collect())
}

/// The open, accepted courses of some peers: their caseload, oldest first.
pub fn caseload(conn: &mut DbConnection, peers: &[PeerWorkerId]) -> Result<Vec<CourseItem>, StoreError> {
    let rows: Vec<CourseTuple> = course_query!(CourseScope::Peers(peers))
        .filter(courses::offer.eq("accepted"))
        .filter(courses::status.ne("ended"))
        .order((courses::created_at.asc(), courses::id.asc()))
        .load(conn)?;
    Ok(rows.into_iter().map(course_item).collect())
}

/// A consent that runs out soon.
#[derive(Clone)]
pub struct ConsentExpiring {
    pub id: ConsentId,
    pub participant: ParticipantId,
    pub pseudonym: String,
    pub name: Option<String>,
    pub purpose: ConsentPurpose,
    pub given_at: i64,
    pub valid_until: Date,
}

/// Consents of the organisation, not withdrawn, whose period ends between `from` and `to`
/// (inclusive), soonest first. Whether a later record replaced one is for the caller to see
/// with the participant's other consents (the latest record of a purpose decides).
pub fn consents_expiring(conn: &mut DbConnection, org: OrgId, from: Date, to: Date) -> Result<Vec<ConsentExpiring>, StoreError> {
    #[allow(clippy::type_complexity)]
    let rows: Vec<(
        Stored<ConsentId>,
        Stored<ParticipantId>,
        String,
        Option<String>,
        Stored<ConsentPurpose>,
        i64,
        Option<Stored<Date>>,
    )> = consents::table
        .inner_join(participants::table.on(participants::id.eq(consents::participant_id)))
        .filter(consents::organisation_id.eq(Stored(org)))
        .filter(consents::withdrawn_at.is_null())
        .filter(consents::valid_until.ge(Stored(from)))
        .filter(consents::valid_until.le(Stored(to)))
        .order((consents::valid_until.asc(), consents::id.asc()))
        .select((
            consents::id,
            consents::participant_id,
            participants::pseudonym,
            participants::name,
            consents::purpose,
            consents::given_at,
            consents::valid_until,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, participant, pseudonym, name, purpose, given_at, until)| {
            until.map(|u| ConsentExpiring {
                id: id.get(),
                participant: participant.get(),
                pseudonym,
                name,
                purpose: purpose.get(),
                given_at,
                valid_until: u.get(),
            })
        })
        .collect())
}

/// A planned session of a peer's course.
#[derive(Clone)]
pub struct PlannedSession {
    pub id: SessionId,
    pub course: CourseId,
    pub participant: ParticipantId,
    pub pseudonym: String,
    pub name: Option<String>,
    pub starts_at: i64,
    pub duration_minutes: i64,
    pub place: Option<String>,
}

/// Planned sessions of the peers' open, accepted courses that start in `[from, to)`, earliest first.
pub fn planned_sessions(conn: &mut DbConnection, peers: &[PeerWorkerId], from: i64, to: i64) -> Result<Vec<PlannedSession>, StoreError> {
    #[allow(clippy::type_complexity)]
    let rows: Vec<(Stored<SessionId>, Stored<CourseId>, Stored<ParticipantId>, String, Option<String>, i64, i64, Option<String>)> =
        support_sessions::table
            .inner_join(courses::table.on(courses::id.eq(support_sessions::course_id)))
            .inner_join(participants::table.on(participants::id.eq(courses::participant_id)))
            .filter(courses::peer_id.eq_any(keys(peers)))
            .filter(courses::offer.eq("accepted"))
            .filter(courses::status.ne("ended"))
            .filter(support_sessions::status.eq("planned"))
            .filter(support_sessions::starts_at.ge(from))
            .filter(support_sessions::starts_at.lt(to))
            .order((support_sessions::starts_at.asc(), support_sessions::id.asc()))
            .select((
                support_sessions::id,
                support_sessions::course_id,
                participants::id,
                participants::pseudonym,
                participants::name,
                support_sessions::starts_at,
                support_sessions::duration_minutes,
                support_sessions::place,
            ))
            .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, course, participant, pseudonym, name, starts_at, duration_minutes, place)| PlannedSession {
            id: id.get(),
            course: course.get(),
            participant: participant.get(),
            pseudonym,
            name,
            starts_at,
            duration_minutes,
            place,
        })
        .collect())
}

/// A questionnaire a participant has still to answer.
#[derive(Clone)]
pub struct QuestionnaireDue {
    pub invitation: InvitationId,
    pub participant: ParticipantId,
    pub pseudonym: String,
    pub name: Option<String>,
    pub instrument_id: String,
    pub wave: String,
    pub due_at: i64,
}

/// Open questionnaires of the participants assigned to the peers that fall due before `until`
/// and can still be answered at `now`, earliest first.
pub fn questionnaires_due(
    conn: &mut DbConnection,
    peers: &[PeerWorkerId],
    until: i64,
    now: i64,
) -> Result<Vec<QuestionnaireDue>, StoreError> {
    #[allow(clippy::type_complexity)]
    let rows: Vec<(Stored<InvitationId>, Stored<ParticipantId>, String, Option<String>, String, String, i64)> = invitations::table
        .inner_join(participants::table.on(participants::id.eq(invitations::participant_id)))
        .filter(participants::assigned_peer_id.eq_any(keys(peers)))
        .filter(invitations::status.eq_any(["open", "in_progress"]))
        .filter(invitations::due_at.lt(until))
        .filter(invitations::expires_at.gt(now))
        .order((invitations::due_at.asc(), invitations::id.asc()))
        .select((
            invitations::id,
            invitations::participant_id,
            participants::pseudonym,
            participants::name,
            invitations::instrument_id,
            invitations::wave,
            invitations::due_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(invitation, participant, pseudonym, name, instrument_id, wave, due_at)| QuestionnaireDue {
            invitation: invitation.get(),
            participant: participant.get(),
            pseudonym,
            name,
            instrument_id,
            wave,
            due_at,
        })
        .collect())
}
