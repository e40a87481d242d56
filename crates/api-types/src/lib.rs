//! Sammen's REST API wire types (`/api/v1`): the JSON shapes outside tools rely on.
//!
//! Owns: request and response bodies with their OpenAPI schemas. Changing a field's name
//! or meaning is a breaking change for API clients: add fields, never rename them.
//! Depends on nothing of Sammen's; conversions live in the web crate.

pub mod intake;
pub mod workforce;
// Recruitment (issue 3, item 2).
pub mod recruitment;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The signed-in token's user and organisation.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Me {
    pub user_id: String,
    pub organisation_id: Option<String>,
    pub role: Option<String>,
    pub system_admin: bool,
    pub can_write: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Organisation {
    pub id: String,
    pub name: String,
    /// municipality | region | association | other
    pub kind: String,
    pub require_totp: bool,
    /// RFC 3339, UTC.
    pub created_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganisationInput {
    pub name: String,
    pub kind: String,
    #[serde(default)]
    pub require_totp: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Partnership {
    pub id: String,
    pub name: String,
    pub purpose: String,
    pub legal_basis: String,
    /// referral_status | participant_record | peer_worker_record | aggregate_outcomes | pseudonymised_outcomes
    pub data_categories: Vec<String>,
    /// ISO date.
    pub valid_from: String,
    pub valid_to: Option<String>,
    pub parties: Vec<String>,
    pub in_force: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PartnershipInput {
    pub name: String,
    pub purpose: String,
    pub legal_basis: String,
    #[serde(default)]
    pub data_categories: Vec<String>,
    pub valid_from: String,
    #[serde(default)]
    pub valid_to: Option<String>,
    pub parties: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Programme {
    pub id: String,
    pub organisation_id: String,
    pub name: String,
    pub description: Option<String>,
    /// individual | group
    pub delivery: Vec<String>,
    /// in_person | phone | online
    pub modes: Vec<String>,
    pub locations: Vec<String>,
    pub active: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeInput {
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    pub delivery: Vec<String>,
    pub modes: Vec<String>,
    #[serde(default)]
    pub locations: Vec<String>,
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Staff {
    pub id: String,
    pub email: String,
    pub display_name: String,
    /// administrator | coordinator | supervisor | peer_worker | referrer | evaluator
    pub role: String,
    pub active: bool,
    pub totp_enabled: bool,
    pub created_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffInput {
    pub email: String,
    pub display_name: String,
    pub role: String,
}

/// A created account with its one-time password (shown once).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StaffCreated {
    pub staff: Staff,
    pub one_time_password: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffUpdate {
    pub display_name: String,
    pub role: String,
    pub active: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PeerWorker {
    pub id: String,
    pub organisation_id: String,
    pub display_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// volunteer | paid
    pub engagement: String,
    /// active | paused | left
    pub status: String,
    pub languages: Vec<String>,
    pub modes: Vec<String>,
    pub caseload: i64,
    pub has_login: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PeerWorkerInput {
    pub display_name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    pub engagement: String,
    #[serde(default = "active")]
    pub status: String,
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(default)]
    pub modes: Vec<String>,
}

fn active() -> String {
    "active".into()
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Participant {
    pub id: String,
    pub organisation_id: String,
    pub pseudonym: String,
    pub name: Option<String>,
    /// Masked ("DDMMYY-XXXX") unless the caller manages the owning organisation.
    pub cpr: Option<String>,
    pub birth_year: Option<i32>,
    pub gender: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// waiting | active | closed
    pub status: String,
    pub languages: Vec<String>,
    pub programme_id: Option<String>,
    pub assigned_peer_id: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// A participant as written. Pseudonymous by default: every personal field is optional.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ParticipantInput {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub cpr: Option<String>,
    #[serde(default)]
    pub birth_year: Option<i32>,
    #[serde(default)]
    pub gender: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default = "waiting")]
    pub status: String,
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(default)]
    pub programme_id: Option<String>,
    #[serde(default)]
    pub assigned_peer_id: Option<String>,
}

fn waiting() -> String {
    "waiting".into()
}

macro_rules! page_type {
    ($name:ident, $item:ty) => {
        /// One page of a list.
        #[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
        pub struct $name {
            pub items: Vec<$item>,
            /// 1-based.
            pub page: i64,
            pub per_page: i64,
            pub total: i64,
        }
    };
}

page_type!(OrganisationPage, Organisation);
page_type!(PartnershipPage, Partnership);
page_type!(ProgrammePage, Programme);
page_type!(StaffPage, Staff);
page_type!(PeerWorkerPage, PeerWorker);
page_type!(ParticipantPage, Participant);

// ---------------------------------------------------------------- measurement (issue 5)

/// An instrument definition as the organisation holds it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Instrument {
    pub id: String,
    pub version: String,
    pub title_da: String,
    pub title_en: String,
    /// `false` for Sammen's own CHIME check-in, which is not validated.
    pub validated: bool,
    /// Whether the items have text (shipped with Sammen, or loaded by the organisation).
    pub has_text: bool,
    /// The organisation's own Questionnaire (`url|version`) when it loaded item text.
    pub loaded_text: Option<String>,
    pub items: usize,
}

/// A measurement plan of a programme.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MeasurementPlan {
    pub id: String,
    pub programme_id: String,
    pub instrument: String,
    pub instrument_version: String,
    pub at_start: bool,
    pub every_weeks: Option<u32>,
    pub at_closure: bool,
    pub followup_months: Option<u32>,
    pub reminder_days: u32,
    pub valid_days: u32,
    pub active: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeasurementPlanInput {
    pub instrument: String,
    #[serde(default)]
    pub at_start: bool,
    pub every_weeks: Option<u32>,
    #[serde(default)]
    pub at_closure: bool,
    pub followup_months: Option<u32>,
    /// Days before a reminder (default 7).
    pub reminder_days: Option<u32>,
    /// Days a link stays valid after the wave falls due (default 28).
    pub valid_days: Option<u32>,
}

/// One wave of a plan for one participant.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Invitation {
    pub id: String,
    pub instrument: String,
    pub instrument_version: String,
    /// baseline | week-N | closure | followup-Mm
    pub wave: String,
    pub due_at: String,
    pub expires_at: String,
    /// open | in_progress | completed | expired | cancelled
    pub status: String,
    pub reminders_sent: i64,
    pub response_id: Option<String>,
}

/// A response's score, computed on save with the definition version it names.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ResponseSummary {
    pub id: String,
    pub instrument: String,
    pub instrument_version: String,
    pub wave: Option<String>,
    /// link | with_peer | paper | fhir
    pub source: String,
    /// in_progress | completed
    pub status: String,
    pub score: Option<f64>,
    pub raw: Option<f64>,
    pub prorated: bool,
    pub band: Option<String>,
    pub answered: usize,
    pub items: usize,
    pub started_at: String,
    pub completed_at: Option<String>,
}

/// A life outcome or a use of services.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct LifeEvent {
    pub id: String,
    /// education_started | education_completed | job_started | volunteer_work | new_relation |
    /// new_activity | admission | bed_days | emergency_visit | outpatient_contact
    pub kind: String,
    /// YYYY-MM-DD
    pub occurred_on: String,
    pub ended_on: Option<String>,
    pub quantity: Option<i64>,
    /// self_report | referrer | staff | register
    pub source: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LifeEventInput {
    pub kind: String,
    pub occurred_on: String,
    pub ended_on: Option<String>,
    pub quantity: Option<u32>,
    pub source: String,
    pub note: Option<String>,
}

/// A participant's CHIME profile at one point in time (each process 0–1, 1 the best end).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ChimePoint {
    pub at: String,
    pub wave: Option<String>,
    /// connectedness | hope | identity | meaning | empowerment → mean 0–1
    pub domains: std::collections::BTreeMap<String, f64>,
}

/// Everything measured about one participant.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Measurements {
    pub participant_id: String,
    pub invitations: Vec<Invitation>,
    pub responses: Vec<ResponseSummary>,
    pub chime: Vec<ChimePoint>,
    pub life_events: Vec<LifeEvent>,
}

/// The id of something created.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Created {
    pub id: String,
}

// ---------------------------------------------------------------- matching and courses

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
    pub peer_id: String,
    pub peer_name: String,
    pub score: f64,
    pub parts: ScoreParts,
}

/// A waiting participant in a proposal.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MatchRow {
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
    pub participant_id: String,
    pub reason: String,
}

/// A matching proposal for a programme's waiting list.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MatchProposal {
    pub programme_id: String,
    pub matched: usize,
    pub total_score: f64,
    pub rows: Vec<MatchRow>,
    pub not_ready: Vec<NotReady>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MatchPair {
    pub participant_id: String,
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
    pub course_ids: Vec<String>,
}

/// A session; `note` is absent when its audience excludes the caller.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Session {
    pub id: String,
    /// planned | held | cancelled
    pub status: String,
    /// RFC 3339, UTC.
    pub starts_at: String,
    pub duration_minutes: i64,
    /// in_person | phone | online
    pub mode: String,
    pub place: Option<String>,
    /// conversation | accompaniment | activity
    pub kind: String,
    pub note: Option<String>,
    /// peer | team
    pub note_audience: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionInput {
    /// held (default) | planned
    #[serde(default)]
    pub status: Option<String>,
    /// YYYY-MM-DD, Danish local date.
    pub date: String,
    /// HH:MM, Danish local time.
    pub time: String,
    pub duration_minutes: u32,
    pub mode: String,
    pub place: Option<String>,
    pub kind: String,
    pub note: Option<String>,
    /// peer | team (default)
    #[serde(default)]
    pub note_audience: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct GoalProgress {
    pub on: String,
    pub value: i64,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Goal {
    pub id: String,
    pub text: String,
    /// A CHIME process, if given.
    pub domain: Option<String>,
    /// open | reached | dropped
    pub status: String,
    pub progress: Vec<GoalProgress>,
}

/// A course of support (forløb).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Course {
    pub id: String,
    pub participant_id: String,
    pub pseudonym: String,
    pub peer_id: String,
    pub programme_id: Option<String>,
    /// planned | active | paused | ended
    pub status: String,
    /// pending | accepted | declined
    pub offer: String,
    pub match_score: Option<f64>,
    pub started_on: Option<String>,
    pub ended_on: Option<String>,
    pub end_reason: Option<String>,
    pub handed_over_from: Option<String>,
    pub sessions: Vec<Session>,
    pub goals: Vec<Goal>,
}

/// The offered peer's answer.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OfferAnswer {
    pub accept: bool,
    pub reason: Option<String>,
}

// ---------------------------------------------------------------- group courses and open events

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
// Onboarding and training (issue 3).
pub mod training;
