//! Training and onboarding: the catalogue, enrolment and completion in a cohort, a
//! peer worker's training record and onboarding.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A course of the organisation's catalogue.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TrainingCourse {
    #[schema(value_type = crate::schema::Id)]
    pub id: String,
    /// intro_course | wrap | laer_at_tackle | own
    #[schema(value_type = crate::schema::CourseKind)]
    pub kind: String,
    pub title: String,
    pub description: Option<String>,
    pub themes: Vec<String>,
    pub hours: f64,
    /// Months a certificate is valid; null: it does not expire.
    pub validity_months: Option<i64>,
    pub active: bool,
    /// Share of a cohort's meetings, in whole percent, a participant must attend to complete the course.
    pub min_attendance_percent: i64,
    pub cohorts: Vec<TrainingCohort>,
}

/// A run of a course.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TrainingCohort {
    #[schema(value_type = crate::schema::Id)]
    pub id: String,
    /// RFC 3339, UTC: the first and last meeting.
    #[schema(value_type = Option<crate::schema::DateTime>)]
    pub first_meeting: Option<String>,
    #[schema(value_type = Option<crate::schema::DateTime>)]
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
    #[schema(value_type = crate::schema::Id)]
    pub peer_worker_id: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Enrolment {
    #[schema(value_type = crate::schema::Id)]
    pub id: String,
    #[schema(value_type = crate::schema::Id)]
    pub cohort_id: String,
    #[schema(value_type = crate::schema::Id)]
    pub peer_worker_id: String,
}

/// How an enrolled peer worker's course ended.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompletionInput {
    #[schema(value_type = crate::schema::Id)]
    pub peer_worker_id: String,
    /// completed | not_completed
    #[schema(value_type = crate::schema::TrainingOutcome)]
    pub outcome: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Completion {
    #[schema(value_type = crate::schema::Id)]
    pub cohort_id: String,
    #[schema(value_type = crate::schema::Id)]
    pub peer_worker_id: String,
    #[schema(value_type = crate::schema::TrainingOutcome)]
    pub outcome: String,
    /// The certificate a completion issued.
    #[schema(value_type = Option<crate::schema::Id>)]
    pub certificate_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Certificate {
    #[schema(value_type = crate::schema::Id)]
    pub id: String,
    #[schema(value_type = crate::schema::Id)]
    pub course_id: String,
    pub course_title: String,
    #[schema(value_type = crate::schema::CourseKind)]
    pub kind: String,
    /// YYYY-MM-DD
    #[schema(value_type = crate::schema::Date)]
    pub issued_on: String,
    /// YYYY-MM-DD; null: does not expire.
    #[schema(value_type = Option<crate::schema::Date>)]
    pub expires_on: Option<String>,
    /// valid | expiring | expired
    #[schema(value_type = crate::schema::CertificateState)]
    pub state: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RecordEnrolment {
    #[schema(value_type = crate::schema::Id)]
    pub cohort_id: String,
    pub course_title: String,
    #[schema(value_type = Option<crate::schema::DateTime>)]
    pub first_meeting: Option<String>,
    pub attended: usize,
    pub meetings: usize,
    #[schema(value_type = Option<crate::schema::TrainingOutcome>)]
    pub outcome: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TrainingRequirement {
    pub role_title: String,
    /// intro_course | wrap | laer_at_tackle
    #[schema(value_type = crate::schema::RequiredTraining)]
    pub training: String,
    pub met: bool,
}

/// A peer worker's training record: trained means every required training of every role in
/// force has a valid certificate.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TrainingRecord {
    #[schema(value_type = crate::schema::Id)]
    pub peer_worker_id: String,
    pub trained: bool,
    pub missing: Vec<String>,
    pub requirements: Vec<TrainingRequirement>,
    pub certificates: Vec<Certificate>,
    pub enrolments: Vec<RecordEnrolment>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OnboardingItem {
    #[schema(value_type = crate::schema::Id)]
    pub id: String,
    /// introduction | supervisor_assigned | agreement_signed | first_training_booked | own
    #[schema(value_type = crate::schema::OnboardingItemKind)]
    pub kind: String,
    pub title: Option<String>,
    #[schema(value_type = Option<crate::schema::Id>)]
    pub owner_user_id: Option<String>,
    /// YYYY-MM-DD
    #[schema(value_type = crate::schema::Date)]
    pub due_on: String,
    /// RFC 3339, UTC; null: not done.
    #[schema(value_type = Option<crate::schema::DateTime>)]
    pub done_at: Option<String>,
    pub overdue: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Onboarding {
    #[schema(value_type = crate::schema::Id)]
    pub id: String,
    pub role_title: String,
    #[schema(value_type = crate::schema::Date)]
    pub starts_on: String,
    pub done: usize,
    pub total: usize,
    pub overdue: usize,
    #[schema(value_type = Option<crate::schema::DateTime>)]
    pub completed_at: Option<String>,
    pub items: Vec<OnboardingItem>,
}

/// A peer worker's onboardings, latest first.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PeerOnboarding {
    #[schema(value_type = crate::schema::Id)]
    pub peer_worker_id: String,
    pub onboardings: Vec<Onboarding>,
}
