//! Training and onboarding: the catalogue, enrolment and completion in a cohort, a
//! peer worker's training record and onboarding.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A course of the organisation's catalogue.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TrainingCourse {
    pub id: String,
    /// intro_course | wrap | laer_at_tackle | own
    pub kind: String,
    pub title: String,
    pub description: Option<String>,
    pub themes: Vec<String>,
    pub hours: f64,
    /// Months a certificate is valid; null: it does not expire.
    pub validity_months: Option<i64>,
    pub active: bool,
    pub cohorts: Vec<TrainingCohort>,
}

/// A run of a course.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TrainingCohort {
    pub id: String,
    /// RFC 3339, UTC: the first and last meeting.
    pub first_meeting: Option<String>,
    pub last_meeting: Option<String>,
    pub meetings: usize,
    pub place: Option<String>,
    pub trainer: Option<String>,
    pub capacity: Option<i64>,
    pub enrolled: usize,
    pub completed: usize,
}

/// Enrol a peer worker of the cohort's organisation (an invitation goes to their e-mail).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EnrolmentInput {
    pub peer_worker_id: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Enrolment {
    pub id: String,
    pub cohort_id: String,
    pub peer_worker_id: String,
}

/// How an enrolled peer worker's course ended.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompletionInput {
    pub peer_worker_id: String,
    /// completed | not_completed
    pub outcome: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Completion {
    pub cohort_id: String,
    pub peer_worker_id: String,
    pub outcome: String,
    /// The certificate a completion issued.
    pub certificate_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Certificate {
    pub id: String,
    pub course_id: String,
    pub course_title: String,
    pub kind: String,
    /// YYYY-MM-DD
    pub issued_on: String,
    /// YYYY-MM-DD; null: does not expire.
    pub expires_on: Option<String>,
    /// valid | expiring | expired
    pub state: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RecordEnrolment {
    pub cohort_id: String,
    pub course_title: String,
    pub first_meeting: Option<String>,
    pub attended: usize,
    pub meetings: usize,
    pub outcome: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TrainingRequirement {
    pub role_title: String,
    /// intro_course | wrap | laer_at_tackle
    pub training: String,
    pub met: bool,
}

/// A peer worker's training record: trained means every required training of every role in
/// force has a valid certificate.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TrainingRecord {
    pub peer_worker_id: String,
    pub trained: bool,
    pub missing: Vec<String>,
    pub requirements: Vec<TrainingRequirement>,
    pub certificates: Vec<Certificate>,
    pub enrolments: Vec<RecordEnrolment>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OnboardingItem {
    pub id: String,
    /// introduction | supervisor_assigned | agreement_signed | first_training_booked | own
    pub kind: String,
    pub title: Option<String>,
    pub owner_user_id: Option<String>,
    /// YYYY-MM-DD
    pub due_on: String,
    /// RFC 3339, UTC; null: not done.
    pub done_at: Option<String>,
    pub overdue: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Onboarding {
    pub id: String,
    pub role_title: String,
    pub starts_on: String,
    pub done: usize,
    pub total: usize,
    pub overdue: usize,
    pub completed_at: Option<String>,
    pub items: Vec<OnboardingItem>,
}

/// A peer worker's onboardings, latest first.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PeerOnboarding {
    pub peer_worker_id: String,
    pub onboardings: Vec<Onboarding>,
}
