//! Group courses and open events: groups, facilitators, meetings, enrolments and attendance.
//! Enrolment and attendance are personal data, only ever reached through `app`.

use crate::codec::{Stored, keys};
use diesel::prelude::*;
use sammen_domain::ids::{GroupId, MeetingId, OrgId, ParticipantId, PeerWorkerId, ProgrammeId};
use sammen_domain::journey::groups::MeetingStatus;

use crate::rows::{GroupAttendanceRow, GroupCourseRow, GroupEnrolmentRow, GroupFacilitatorRow, GroupMeetingRow};
use crate::schema::{group_attendance, group_courses, group_enrolments, group_facilitators, group_meetings, participants, peer_workers};
use crate::{DbConnection, StoreError};

// ---------------------------------------------------------------- groups and facilitators

pub fn insert_group(conn: &mut DbConnection, g: &GroupCourseRow) -> Result<(), StoreError> {
    diesel::insert_into(group_courses::table).values(g).execute(conn)?;
    Ok(())
}

pub fn update_group(conn: &mut DbConnection, g: &GroupCourseRow) -> Result<usize, StoreError> {
    Ok(diesel::update(group_courses::table.find(&g.id)).set(g).execute(conn)?)
}

pub fn group(conn: &mut DbConnection, id: GroupId) -> Result<Option<GroupCourseRow>, StoreError> {
    Ok(group_courses::table.find(Stored(id)).select(GroupCourseRow::as_select()).get_result(conn).optional()?)
}

/// Every group of an organisation, by name.
pub fn groups_of_org(conn: &mut DbConnection, org: OrgId) -> Result<Vec<GroupCourseRow>, StoreError> {
    Ok(group_courses::table
        .filter(group_courses::organisation_id.eq(Stored(org)))
        .order((group_courses::name.asc(), group_courses::id.asc()))
        .select(GroupCourseRow::as_select())
        .load(conn)?)
}

/// The groups of an organisation that any of `peers` facilitates, by name.
pub fn groups_facilitated(conn: &mut DbConnection, org: OrgId, peers: &[PeerWorkerId]) -> Result<Vec<GroupCourseRow>, StoreError> {
    let ids: Vec<String> = group_facilitators::table
        .filter(group_facilitators::peer_id.eq_any(keys(peers)))
        .select(group_facilitators::group_id)
        .load(conn)?;
    Ok(group_courses::table
        .filter(group_courses::organisation_id.eq(Stored(org)))
        .filter(group_courses::id.eq_any(ids))
        .order((group_courses::name.asc(), group_courses::id.asc()))
        .select(GroupCourseRow::as_select())
        .load(conn)?)
}

/// The facilitators of a group: (peer id, display name), by name.
pub fn facilitators_of(conn: &mut DbConnection, group: GroupId) -> Result<Vec<(Stored<PeerWorkerId>, String)>, StoreError> {
    Ok(group_facilitators::table
        .inner_join(peer_workers::table)
        .filter(group_facilitators::group_id.eq(Stored(group)))
        .order(peer_workers::display_name.asc())
        .select((peer_workers::id, peer_workers::display_name))
        .load(conn)?)
}

/// Replaces the facilitators of a group.
pub fn set_facilitators(conn: &mut DbConnection, group: GroupId, peers: &[PeerWorkerId]) -> Result<(), StoreError> {
    diesel::delete(group_facilitators::table.filter(group_facilitators::group_id.eq(Stored(group)))).execute(conn)?;
    for p in peers {
        let row = GroupFacilitatorRow { group_id: Stored(group), peer_id: Stored(*p) };
        diesel::insert_into(group_facilitators::table).values(&row).execute(conn)?;
    }
    Ok(())
}

// ---------------------------------------------------------------- meetings

pub fn insert_meeting(conn: &mut DbConnection, m: &GroupMeetingRow) -> Result<(), StoreError> {
    diesel::insert_into(group_meetings::table).values(m).execute(conn)?;
    Ok(())
}

pub fn update_meeting(conn: &mut DbConnection, m: &GroupMeetingRow) -> Result<usize, StoreError> {
    Ok(diesel::update(group_meetings::table.find(&m.id)).set(m).execute(conn)?)
}

pub fn meeting(conn: &mut DbConnection, id: MeetingId) -> Result<Option<GroupMeetingRow>, StoreError> {
    Ok(group_meetings::table.find(Stored(id)).select(GroupMeetingRow::as_select()).get_result(conn).optional()?)
}

/// The meetings of some groups, earliest first.
pub fn meetings_of(conn: &mut DbConnection, groups: &[GroupId]) -> Result<Vec<GroupMeetingRow>, StoreError> {
    Ok(group_meetings::table
        .filter(group_meetings::group_id.eq_any(keys(groups)))
        .order((group_meetings::starts_at.asc(), group_meetings::id.asc()))
        .select(GroupMeetingRow::as_select())
        .load(conn)?)
}

/// A planned meeting of a group a peer facilitates, for the peer's phone view and calendar feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacilitatedMeeting {
    pub id: Stored<MeetingId>,
    pub group_id: Stored<GroupId>,
    pub group_name: String,
    /// UTC, microseconds.
    pub starts_at: i64,
    pub duration_minutes: i64,
    /// The meeting's place, or else the group's.
    pub place: Option<String>,
    pub status: Stored<MeetingStatus>,
    pub updated_at: i64,
}

/// The planned meetings, from `from` (inclusive) to `to` (exclusive), of the groups any of
/// `peers` facilitates, earliest first. Each meeting once, however many of `peers` facilitate it.
pub fn meetings_facilitated(
    conn: &mut DbConnection,
    peers: &[PeerWorkerId],
    from: i64,
    to: i64,
) -> Result<Vec<FacilitatedMeeting>, StoreError> {
    let mut groups: Vec<String> = group_facilitators::table
        .filter(group_facilitators::peer_id.eq_any(keys(peers)))
        .select(group_facilitators::group_id)
        .load(conn)?;
    groups.sort();
    groups.dedup();
    let rows: Vec<(GroupMeetingRow, String, Option<String>)> = group_meetings::table
        .inner_join(group_courses::table)
        .filter(group_meetings::group_id.eq_any(&groups))
        .filter(group_meetings::starts_at.ge(from))
        .filter(group_meetings::starts_at.lt(to))
        .filter(group_meetings::status.eq("planned"))
        .order((group_meetings::starts_at.asc(), group_meetings::id.asc()))
        .select((GroupMeetingRow::as_select(), group_courses::name, group_courses::place))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(m, name, group_place)| FacilitatedMeeting {
            id: m.id,
            group_id: m.group_id,
            group_name: name,
            starts_at: m.starts_at,
            duration_minutes: m.duration_minutes,
            place: m.place.or(group_place),
            status: m.status,
            updated_at: m.updated_at,
        })
        .collect())
}

// ---------------------------------------------------------------- enrolment and attendance

pub fn insert_enrolment(conn: &mut DbConnection, e: &GroupEnrolmentRow) -> Result<(), StoreError> {
    diesel::insert_into(group_enrolments::table).values(e).execute(conn)?;
    Ok(())
}

pub fn update_enrolment(conn: &mut DbConnection, e: &GroupEnrolmentRow) -> Result<usize, StoreError> {
    Ok(diesel::update(group_enrolments::table.find(&e.id)).set(e).execute(conn)?)
}

/// An enrolment with what a group page shows of the participant.
#[derive(Clone)]
pub struct EnrolmentWithParticipant {
    pub enrolment: GroupEnrolmentRow,
    pub pseudonym: String,
    pub name: Option<String>,
    pub programme_id: Option<String>,
}

impl std::fmt::Debug for EnrolmentWithParticipant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EnrolmentWithParticipant").field("id", &self.enrolment.id).finish_non_exhaustive()
    }
}

/// Every enrolment of a group, current and past, in order of enrolment.
pub fn enrolments_of(conn: &mut DbConnection, group: GroupId) -> Result<Vec<EnrolmentWithParticipant>, StoreError> {
    let rows: Vec<(GroupEnrolmentRow, String, Option<String>, Option<String>)> = group_enrolments::table
        .inner_join(participants::table)
        .filter(group_enrolments::group_id.eq(Stored(group)))
        .order((group_enrolments::enrolled_at.asc(), group_enrolments::id.asc()))
        .select((GroupEnrolmentRow::as_select(), participants::pseudonym, participants::name, participants::programme_id))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(enrolment, pseudonym, name, programme_id)| EnrolmentWithParticipant { enrolment, pseudonym, name, programme_id })
        .collect())
}

/// The number of current enrolments of each of some groups.
pub fn enrolled_counts(conn: &mut DbConnection, groups: &[GroupId]) -> Result<Vec<(GroupId, i64)>, StoreError> {
    let rows: Vec<(Stored<GroupId>, i64)> = group_enrolments::table
        .filter(group_enrolments::group_id.eq_any(keys(groups)))
        .filter(group_enrolments::left_at.is_null())
        .group_by(group_enrolments::group_id)
        .select((group_enrolments::group_id, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(rows.into_iter().map(|(g, n)| (g.get(), n)).collect())
}

/// The attendance recorded at some meetings.
pub fn attendance_of(conn: &mut DbConnection, meetings: &[MeetingId]) -> Result<Vec<GroupAttendanceRow>, StoreError> {
    Ok(group_attendance::table
        .filter(group_attendance::meeting_id.eq_any(keys(meetings)))
        .select(GroupAttendanceRow::as_select())
        .load(conn)?)
}

/// Replaces the attendance of a meeting.
pub fn set_attendance(conn: &mut DbConnection, meeting: &str, rows: &[GroupAttendanceRow]) -> Result<(), StoreError> {
    diesel::delete(group_attendance::table.filter(group_attendance::meeting_id.eq(meeting))).execute(conn)?;
    for r in rows {
        diesel::insert_into(group_attendance::table).values(r).execute(conn)?;
    }
    Ok(())
}

/// The participants of an organisation that can be enrolled: (id, pseudonym, programme id), by pseudonym.
pub fn enrolment_choices(conn: &mut DbConnection, org: OrgId) -> Result<Vec<(ParticipantId, String, Option<ProgrammeId>)>, StoreError> {
    let rows: Vec<(Stored<ParticipantId>, String, Option<Stored<ProgrammeId>>)> = participants::table
        .filter(participants::organisation_id.eq(Stored(org)))
        .order(participants::pseudonym.asc())
        .select((participants::id, participants::pseudonym, participants::programme_id))
        .load(conn)?;
    Ok(rows.into_iter().map(|(id, pseudonym, programme)| (id.get(), pseudonym, programme.map(Stored::get))).collect())
}
