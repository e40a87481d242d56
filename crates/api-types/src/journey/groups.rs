//! Group courses and open events: groups, facilitators, meetings, enrolment and attendance.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A group in the list of the token's organisation (a peer worker sees the groups they facilitate).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct GroupSummary {
    pub id: String,
    /// course | open_event
    pub kind: String,
    pub name: String,
    /// planned | running | ended
    pub status: String,
    /// in_person | phone | online
    pub mode: String,
    pub capacity: Option<i64>,
    /// Participants enrolled now.
    pub enrolled: i64,
    /// The next planned meeting, RFC 3339, UTC.
    pub next_meeting: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct GroupFacilitator {
    pub peer_worker_id: String,
    pub display_name: String,
}

/// A meeting with its attendance in numbers.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct GroupMeeting {
    pub id: String,
    pub group_id: String,
    /// RFC 3339, UTC.
    pub starts_at: String,
    pub duration_minutes: i64,
    pub place: Option<String>,
    /// planned | held | cancelled
    pub status: String,
    /// An open event's anonymous head count.
    pub anonymous_count: Option<i64>,
    /// Enrolled participants recorded present, and recorded at all.
    pub present: i64,
    pub recorded: i64,
    /// present of recorded, in whole per cent.
    pub attendance_rate: Option<i64>,
}

/// An enrolled participant (now or before). `name` only for the organisation's managers; a
/// facilitating peer worker sees the pseudonym.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct GroupMember {
    pub participant_id: String,
    pub pseudonym: String,
    pub name: Option<String>,
    /// RFC 3339, UTC.
    pub enrolled_at: String,
    pub left_at: Option<String>,
    pub attended: i64,
    pub recorded: i64,
    pub attendance_rate: Option<i64>,
}

/// A group with its facilitators, meetings and enrolled participants.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Group {
    pub id: String,
    pub organisation_id: String,
    pub programme_id: Option<String>,
    /// course | open_event
    pub kind: String,
    pub name: String,
    pub description: Option<String>,
    pub mode: String,
    pub place: Option<String>,
    pub capacity: Option<i64>,
    pub status: String,
    pub facilitators: Vec<GroupFacilitator>,
    pub meetings: Vec<GroupMeeting>,
    pub members: Vec<GroupMember>,
}

/// A meeting to plan. The date and time are Danish local time.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupMeetingInput {
    /// YYYY-MM-DD
    pub date: String,
    /// HH:MM, 24-hour clock, Danish local time.
    pub time: String,
    pub duration_minutes: u32,
    pub place: Option<String>,
    pub note: Option<String>,
}

/// What happened at a meeting: for a course, the ids of the enrolled participants who came
/// (everyone else on the roll was absent); for an open event, the anonymous head count.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttendanceInput {
    pub present: Option<Vec<String>>,
    pub anonymous_count: Option<i64>,
}
