//! The participant's journey: referrals, consents, wishes, peer profiles, courses, sessions
//! and goals. Personal data, only ever reached through `app`.

use crate::codec::{Stored, keys};
use diesel::prelude::*;
use sammen_domain::ids::{ConsentId, CourseId, GoalId, OrgId, ParticipantId, PeerWorkerId, ProgrammeId, ReferralId, SessionId, UserId};
use sammen_domain::journey::courses::{CourseStatus, EndReason};
use time::Date;

use crate::rows::{ConsentRow, CourseRow, GoalProgressRow, GoalRow, PeerProfileRow, ReferralRow, SupportSessionRow, WishesRow};
use crate::schema::{consents, courses, goal_progress, goals, participant_wishes, peer_profiles, referrals, support_sessions};
use crate::{DbConnection, StoreError};

// ---------------------------------------------------------------- referrals and consent

pub fn insert_referral(conn: &mut DbConnection, r: &ReferralRow) -> Result<(), StoreError> {
    diesel::insert_into(referrals::table).values(r).execute(conn)?;
    Ok(())
}

pub fn update_referral(conn: &mut DbConnection, r: &ReferralRow) -> Result<usize, StoreError> {
    Ok(diesel::update(referrals::table.find(&r.id)).set(r).execute(conn)?)
}

pub fn referral(conn: &mut DbConnection, id: ReferralId) -> Result<Option<ReferralRow>, StoreError> {
    Ok(referrals::table.find(Stored(id)).select(ReferralRow::as_select()).get_result(conn).optional()?)
}

/// The referrals of a participant, newest first.
pub fn referrals_of_participant(conn: &mut DbConnection, participant: ParticipantId) -> Result<Vec<ReferralRow>, StoreError> {
    Ok(referrals::table
        .filter(referrals::participant_id.eq(Stored(participant)))
        .order(referrals::created_at.desc())
        .select(ReferralRow::as_select())
        .load(conn)?)
}

/// An organisation's referrals, newest first (at most `limit`).
pub fn referrals_of_org(conn: &mut DbConnection, org: OrgId, limit: i64) -> Result<Vec<ReferralRow>, StoreError> {
    Ok(referrals::table
        .filter(referrals::organisation_id.eq(Stored(org)))
        .order((referrals::created_at.desc(), referrals::id.desc()))
        .limit(limit)
        .select(ReferralRow::as_select())
        .load(conn)?)
}

/// The referrals a user made, newest first (at most `limit`).
pub fn referrals_by_referrer(conn: &mut DbConnection, user: UserId, limit: i64) -> Result<Vec<ReferralRow>, StoreError> {
    Ok(referrals::table
        .filter(referrals::referrer_user_id.eq(Stored(user)))
        .order((referrals::created_at.desc(), referrals::id.desc()))
        .limit(limit)
        .select(ReferralRow::as_select())
        .load(conn)?)
}

/// Consents of many participants (every purpose, given or withdrawn).
pub fn consents_of_many(conn: &mut DbConnection, participants: &[ParticipantId]) -> Result<Vec<ConsentRow>, StoreError> {
    Ok(consents::table.filter(consents::participant_id.eq_any(keys(participants))).select(ConsentRow::as_select()).load(conn)?)
}

pub fn insert_consent(conn: &mut DbConnection, c: &ConsentRow) -> Result<(), StoreError> {
    diesel::insert_into(consents::table).values(c).execute(conn)?;
    Ok(())
}

pub fn update_consent(conn: &mut DbConnection, c: &ConsentRow) -> Result<usize, StoreError> {
    Ok(diesel::update(consents::table.find(&c.id)).set(c).execute(conn)?)
}

pub fn consent(conn: &mut DbConnection, id: ConsentId) -> Result<Option<ConsentRow>, StoreError> {
    Ok(consents::table.find(Stored(id)).select(ConsentRow::as_select()).get_result(conn).optional()?)
}

/// Every consent of a participant, given or withdrawn, newest first.
pub fn consents_of(conn: &mut DbConnection, participant: ParticipantId) -> Result<Vec<ConsentRow>, StoreError> {
    Ok(consents::table
        .filter(consents::participant_id.eq(Stored(participant)))
        .order(consents::given_at.desc())
        .select(ConsentRow::as_select())
        .load(conn)?)
}

// ---------------------------------------------------------------- wishes and profiles

pub fn wishes(conn: &mut DbConnection, participant: ParticipantId) -> Result<Option<WishesRow>, StoreError> {
    Ok(participant_wishes::table.find(Stored(participant)).select(WishesRow::as_select()).get_result(conn).optional()?)
}

pub fn wishes_of(conn: &mut DbConnection, participants: &[ParticipantId]) -> Result<Vec<WishesRow>, StoreError> {
    Ok(participant_wishes::table
        .filter(participant_wishes::participant_id.eq_any(keys(participants)))
        .select(WishesRow::as_select())
        .load(conn)?)
}

/// Inserts or replaces a participant's wishes.
pub fn put_wishes(conn: &mut DbConnection, w: &WishesRow) -> Result<(), StoreError> {
    let n = diesel::update(participant_wishes::table.find(&w.participant_id)).set(w).execute(conn)?;
    if n == 0 {
        diesel::insert_into(participant_wishes::table).values(w).execute(conn)?;
    }
    Ok(())
}

pub fn profile(conn: &mut DbConnection, peer: PeerWorkerId) -> Result<Option<PeerProfileRow>, StoreError> {
    Ok(peer_profiles::table.find(Stored(peer)).select(PeerProfileRow::as_select()).get_result(conn).optional()?)
}

pub fn profiles_of(conn: &mut DbConnection, peers: &[PeerWorkerId]) -> Result<Vec<PeerProfileRow>, StoreError> {
    Ok(peer_profiles::table.filter(peer_profiles::peer_id.eq_any(keys(peers))).select(PeerProfileRow::as_select()).load(conn)?)
}

/// Inserts or replaces a peer's profile.
pub fn put_profile(conn: &mut DbConnection, p: &PeerProfileRow) -> Result<(), StoreError> {
    let n = diesel::update(peer_profiles::table.find(&p.peer_id)).set(p).execute(conn)?;
    if n == 0 {
        diesel::insert_into(peer_profiles::table).values(p).execute(conn)?;
    }
    Ok(())
}

/// The profile whose calendar feed has this token (by its SHA-256).
pub fn profile_by_calendar_token(conn: &mut DbConnection, hash: &str) -> Result<Option<PeerProfileRow>, StoreError> {
    Ok(peer_profiles::table
        .filter(peer_profiles::calendar_token_hash.eq(hash))
        .select(PeerProfileRow::as_select())
        .get_result(conn)
        .optional()?)
}

// ---------------------------------------------------------------- courses

pub fn insert_course(conn: &mut DbConnection, c: &CourseRow) -> Result<(), StoreError> {
    diesel::insert_into(courses::table).values(c).execute(conn)?;
    Ok(())
}

pub fn update_course(conn: &mut DbConnection, c: &CourseRow) -> Result<usize, StoreError> {
    Ok(diesel::update(courses::table.find(&c.id)).set(c).execute(conn)?)
}

pub fn course(conn: &mut DbConnection, id: CourseId) -> Result<Option<CourseRow>, StoreError> {
    Ok(courses::table.find(Stored(id)).select(CourseRow::as_select()).get_result(conn).optional()?)
}

/// A participant's courses, oldest first (the history, handovers included).
pub fn courses_of_participant(conn: &mut DbConnection, participant: ParticipantId) -> Result<Vec<CourseRow>, StoreError> {
    Ok(courses::table
        .filter(courses::participant_id.eq(Stored(participant)))
        .order((courses::created_at.asc(), courses::id.asc()))
        .select(CourseRow::as_select())
        .load(conn)?)
}

/// Courses of these peers that are not ended, oldest first.
pub fn open_courses_of_peers(conn: &mut DbConnection, peers: &[PeerWorkerId]) -> Result<Vec<CourseRow>, StoreError> {
    Ok(courses::table
        .filter(courses::peer_id.eq_any(keys(peers)))
        .filter(courses::status.ne("ended"))
        .order((courses::created_at.asc(), courses::id.asc()))
        .select(CourseRow::as_select())
        .load(conn)?)
}

/// Courses of these participants that are not ended.
pub fn open_courses_of_participants(conn: &mut DbConnection, participants: &[ParticipantId]) -> Result<Vec<CourseRow>, StoreError> {
    Ok(courses::table
        .filter(courses::participant_id.eq_any(keys(participants)))
        .filter(courses::status.ne("ended"))
        .select(CourseRow::as_select())
        .load(conn)?)
}

/// Ends every open course of a participant on `on` with `reason` (a declined offer stays as
/// it was); returns the courses ended.
pub fn end_open_courses(
    conn: &mut DbConnection,
    participant: ParticipantId,
    on: Date,
    reason: EndReason,
    now: i64,
) -> Result<Vec<CourseRow>, StoreError> {
    let open = open_courses_of_participants(conn, &[participant])?;
    let mut ended = Vec::with_capacity(open.len());
    for mut c in open {
        c.status = Stored(CourseStatus::Ended);
        c.ended_on = Some(Stored(on));
        c.end_reason = Some(Stored(reason));
        c.updated_at = now;
        update_course(conn, &c)?;
        ended.push(c);
    }
    Ok(ended)
}

// ---------------------------------------------------------------- sessions

pub fn insert_session(conn: &mut DbConnection, s: &SupportSessionRow) -> Result<(), StoreError> {
    diesel::insert_into(support_sessions::table).values(s).execute(conn)?;
    Ok(())
}

pub fn update_session(conn: &mut DbConnection, s: &SupportSessionRow) -> Result<usize, StoreError> {
    Ok(diesel::update(support_sessions::table.find(&s.id)).set(s).execute(conn)?)
}

pub fn session(conn: &mut DbConnection, id: SessionId) -> Result<Option<SupportSessionRow>, StoreError> {
    Ok(support_sessions::table.find(Stored(id)).select(SupportSessionRow::as_select()).get_result(conn).optional()?)
}

/// Sessions of these courses, latest first.
pub fn sessions_of_courses(conn: &mut DbConnection, courses: &[CourseId]) -> Result<Vec<SupportSessionRow>, StoreError> {
    Ok(support_sessions::table
        .filter(support_sessions::course_id.eq_any(keys(courses)))
        .order((support_sessions::starts_at.desc(), support_sessions::id.desc()))
        .select(SupportSessionRow::as_select())
        .load(conn)?)
}

// ---------------------------------------------------------------- goals

pub fn insert_goal(conn: &mut DbConnection, g: &GoalRow) -> Result<(), StoreError> {
    diesel::insert_into(goals::table).values(g).execute(conn)?;
    Ok(())
}

pub fn update_goal(conn: &mut DbConnection, g: &GoalRow) -> Result<usize, StoreError> {
    Ok(diesel::update(goals::table.find(&g.id)).set(g).execute(conn)?)
}

pub fn goal(conn: &mut DbConnection, id: GoalId) -> Result<Option<GoalRow>, StoreError> {
    Ok(goals::table.find(Stored(id)).select(GoalRow::as_select()).get_result(conn).optional()?)
}

pub fn goals_of(conn: &mut DbConnection, participant: ParticipantId) -> Result<Vec<GoalRow>, StoreError> {
    Ok(goals::table
        .filter(goals::participant_id.eq(Stored(participant)))
        .order((goals::created_at.asc(), goals::id.asc()))
        .select(GoalRow::as_select())
        .load(conn)?)
}

pub fn insert_progress(conn: &mut DbConnection, p: &GoalProgressRow) -> Result<(), StoreError> {
    diesel::insert_into(goal_progress::table).values(p).execute(conn)?;
    Ok(())
}

/// Progress of these goals, in date order.
pub fn progress_of(conn: &mut DbConnection, goals: &[GoalId]) -> Result<Vec<GoalProgressRow>, StoreError> {
    Ok(goal_progress::table
        .filter(goal_progress::goal_id.eq_any(keys(goals)))
        .order((goal_progress::recorded_on.asc(), goal_progress::created_at.asc()))
        .select(GoalProgressRow::as_select())
        .load(conn)?)
}

// ---------------------------------------------------------------- the waiting list

/// A programme's waiting list: its participants with status waiting whose referral (if any)
/// has been accepted and who have no course that is not ended (an offer awaiting the peer's
/// answer counts as a course). Oldest first.
pub fn waiting_list(conn: &mut DbConnection, programme: ProgrammeId) -> Result<Vec<crate::rows::ParticipantRow>, StoreError> {
    use crate::schema::participants;
    use diesel::dsl::{exists, not};
    let undecided =
        referrals::table.filter(referrals::participant_id.eq(participants::id.nullable())).filter(referrals::status.ne("accepted"));
    let in_course = courses::table.filter(courses::participant_id.eq(participants::id)).filter(courses::status.ne("ended"));
    Ok(participants::table
        .filter(participants::programme_id.eq(Stored(programme)))
        .filter(participants::status.eq("waiting"))
        .filter(not(exists(undecided)))
        .filter(not(exists(in_course)))
        .order((participants::created_at.asc(), participants::id.asc()))
        .select(crate::rows::ParticipantRow::as_select())
        .load(conn)?)
}
