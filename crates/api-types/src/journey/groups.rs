//! Group courses and open events: groups, facilitators, meetings, enrolment and attendance.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A group in the list of the token's organisation (a peer worker sees the groups they facilitate).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct GroupSummary {
    #[schema(value_type = crate::schema::Id)]
    pub id: String,
    /// course | open_event
    #[schema(value_type = crate::schema::GroupKind)]
    pub kind: String,
    pub name: String,
    /// planned | running | ended
    #[schema(value_type = crate::schema::GroupStatus)]
    pub status: String,
    /// in_person | phone | online
    #[schema(value_type = crate::schema::Mode)]
    pub mode: String,
    pub capacity: Option<i64>,
    /// Participants enrolled now.
    pub enrolled: i64,
    /// The next planned meeting, RFC 3339, UTC.
    #[schema(value_type = Option<crate::schema::DateTime>)]
    pub next_meeting: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct GroupFacilitator {
    #[schema(value_type = crate::schema::Id)]
    pub peer_worker_id: String,
    pub display_name: String,
}

/// A meeting with its attendance in numbers.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct GroupMeeting {
    #[schema(value_type = crate::schema::Id)]
    pub id: String,
    #[schema(value_type = crate::schema::Id)]
    pub group_id: String,
    /// RFC 3339, UTC.
    #[schema(value_type = crate::schema::DateTime)]
    pub starts_at: String,
    pub duration_minutes: i64,
    pub place: Option<String>,
    /// planned | held | cancelled
    #[schema(value_type = crate::schema::SessionStatus)]
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
    #[schema(value_type = crate::schema::Id)]
    pub participant_id: String,
    pub pseudonym: String,
    pub name: Option<String>,
    /// RFC 3339, UTC.
    #[schema(value_type = crate::schema::DateTime)]
    pub enrolled_at: String,
    #[schema(value_type = Option<crate::schema::DateTime>)]
    pub left_at: Option<String>,
    pub attended: i64,
    pub recorded: i64,
    pub attendance_rate: Option<i64>,
}

/// A group with its facilitators, meetings and enrolled participants.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Group {
    #[schema(value_type = crate::schema::Id)]
    pub id: String,
    #[schema(value_type = crate::schema::Id)]
    pub organisation_id: String,
    #[schema(value_type = Option<crate::schema::Id>)]
    pub programme_id: Option<String>,
    /// course | open_event
    #[schema(value_type = crate::schema::GroupKind)]
    pub kind: String,
    pub name: String,
    pub description: Option<String>,
    #[schema(value_type = crate::schema::Mode)]
    pub mode: String,
    pub place: Option<String>,
    pub capacity: Option<i64>,
    #[schema(value_type = crate::schema::GroupStatus)]
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
    #[schema(value_type = crate::schema::Date)]
    pub date: String,
    /// HH:MM, 24-hour clock, Danish local time.
    #[schema(value_type = crate::schema::TimeOfDay)]
    pub time: String,
    #[schema(minimum = 1, maximum = 720, example = 90)]
    #[serde(deserialize_with = "crate::number::int")]
    pub duration_minutes: u32,
    #[schema(value_type = Option<crate::schema::OptText200>)]
    pub place: Option<String>,
    #[schema(value_type = Option<crate::schema::OptText2000>)]
    pub note: Option<String>,
}

/// What happened at a meeting: for a course, the ids of the enrolled participants who came
/// (everyone else on the roll was absent); for an open event, the anonymous head count.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttendanceInput {
    #[schema(value_type = Option<Vec<crate::schema::Id>>)]
    pub present: Option<Vec<String>>,
    #[schema(minimum = 0, maximum = 10000)]
    #[serde(default, deserialize_with = "crate::number::opt_int")]
    pub anonymous_count: Option<i64>,
}
