//! Matching and courses of support: proposals and approvals, sessions, goals and the offered peer's answer.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The points of a pair's score, part by part (their sum is the score).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ScoreParts {
    pub topics: f64,
    pub availability: f64,
    pub distance: f64,
    pub waiting: f64,
    pub continuity: f64,
}

/// An eligible peer worker for a waiting participant.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MatchCandidate {
    #[schema(value_type = crate::schema::Id)]
    pub peer_id: String,
    pub peer_name: String,
    pub score: f64,
    pub parts: ScoreParts,
}

/// A waiting participant in a proposal.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MatchRow {
    #[schema(value_type = crate::schema::Id)]
    pub participant_id: String,
    pub pseudonym: String,
    pub waiting_days: i64,
    pub priority: bool,
    /// The proposed peer; absent when the participant is left unmatched.
    pub proposed: Option<MatchCandidate>,
    /// Every eligible peer, best first.
    pub candidates: Vec<MatchCandidate>,
    /// Why the participant is unmatched (the engine's reason codes); empty when matched.
    pub reasons: Vec<String>,
}

/// A waiting participant who could not be put to the engine, and why
/// (`no_support_consent` or `no_languages`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct NotReady {
    #[schema(value_type = crate::schema::Id)]
    pub participant_id: String,
    #[schema(value_type = crate::schema::NotReadyReason)]
    pub reason: String,
}

/// A matching proposal for a programme's waiting list.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MatchProposal {
    #[schema(value_type = crate::schema::Id)]
    pub programme_id: String,
    pub matched: usize,
    pub total_score: f64,
    pub rows: Vec<MatchRow>,
    pub not_ready: Vec<NotReady>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MatchPair {
    #[schema(value_type = crate::schema::Id)]
    pub participant_id: String,
    #[schema(value_type = crate::schema::Id)]
    pub peer_id: String,
}

/// The pairs a coordinator approves; each becomes a course offered to its peer.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MatchApproval {
    pub pairs: Vec<MatchPair>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CoursesCreated {
    #[schema(value_type = Vec<crate::schema::Id>)]
    pub course_ids: Vec<String>,
}

/// A session; `note` is absent when its audience excludes the caller.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Session {
    #[schema(value_type = crate::schema::Id)]
    pub id: String,
    /// planned | held | cancelled
    #[schema(value_type = crate::schema::SessionStatus)]
    pub status: String,
    /// RFC 3339, UTC.
    #[schema(value_type = crate::schema::DateTime)]
    pub starts_at: String,
    pub duration_minutes: i64,
    /// in_person | phone | online
    #[schema(value_type = crate::schema::Mode)]
    pub mode: String,
    pub place: Option<String>,
    /// conversation | accompaniment | activity
    #[schema(value_type = crate::schema::SessionKind)]
    pub kind: String,
    pub note: Option<String>,
    /// peer | team
    #[schema(value_type = crate::schema::NoteAudience)]
    pub note_audience: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionInput {
    /// held (default) | planned
    #[serde(default)]
    #[schema(value_type = Option<crate::schema::SessionStatus>)]
    pub status: Option<String>,
    /// YYYY-MM-DD, Danish local date.
    #[schema(value_type = crate::schema::Date)]
    pub date: String,
    /// HH:MM, Danish local time.
    #[schema(value_type = crate::schema::TimeOfDay)]
    pub time: String,
    #[schema(minimum = 1, maximum = 720, example = 60)]
    #[serde(deserialize_with = "crate::number::int")]
    pub duration_minutes: u32,
    #[schema(value_type = crate::schema::Mode)]
    pub mode: String,
    #[schema(value_type = Option<crate::schema::OptText200>)]
    pub place: Option<String>,
    #[schema(value_type = crate::schema::SessionKind)]
    pub kind: String,
    #[schema(value_type = Option<crate::schema::OptText2000>)]
    pub note: Option<String>,
    /// peer | team (default)
    #[serde(default)]
    #[schema(value_type = Option<crate::schema::NoteAudience>)]
    pub note_audience: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct GoalProgress {
    #[schema(value_type = crate::schema::Date)]
    pub on: String,
    pub value: i64,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Goal {
    #[schema(value_type = crate::schema::Id)]
    pub id: String,
    pub text: String,
    /// A CHIME process, if given.
    #[schema(value_type = Option<crate::schema::ChimeDomain>)]
    pub domain: Option<String>,
    /// open | reached | dropped
    #[schema(value_type = crate::schema::GoalStatus)]
    pub status: String,
    pub progress: Vec<GoalProgress>,
}

/// A course of support (forløb).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Course {
    #[schema(value_type = crate::schema::Id)]
    pub id: String,
    #[schema(value_type = crate::schema::Id)]
    pub participant_id: String,
    pub pseudonym: String,
    #[schema(value_type = crate::schema::Id)]
    pub peer_id: String,
    #[schema(value_type = Option<crate::schema::Id>)]
    pub programme_id: Option<String>,
    /// planned | active | paused | ended
    #[schema(value_type = crate::schema::CourseStatus)]
    pub status: String,
    /// pending | accepted | declined
    #[schema(value_type = crate::schema::OfferState)]
    pub offer: String,
    pub match_score: Option<f64>,
    pub started_on: Option<String>,
    pub ended_on: Option<String>,
    #[schema(value_type = Option<crate::schema::EndReason>)]
    pub end_reason: Option<String>,
    #[schema(value_type = Option<crate::schema::Id>)]
    pub handed_over_from: Option<String>,
    pub sessions: Vec<Session>,
    pub goals: Vec<Goal>,
}

/// The offered peer's answer.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OfferAnswer {
    pub accept: bool,
    #[schema(value_type = Option<crate::schema::OptText1000>)]
    pub reason: Option<String>,
}
