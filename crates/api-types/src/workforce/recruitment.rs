//! Recruitment: postings, applications with their stage history and the panel's scores.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A posting made from a role description (the role's current version).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Posting {
    #[schema(value_type = crate::schema::Id)]
    pub id: String,
    #[schema(value_type = crate::schema::Id)]
    pub organisation_id: String,
    pub role_key: String,
    pub title: String,
    pub intro: String,
    pub place: String,
    /// YYYY-MM-DD
    #[schema(value_type = crate::schema::Date)]
    pub deadline: String,
    /// YYYY-MM-DD
    #[schema(value_type = crate::schema::Date)]
    pub starts_on: String,
    /// `draft`, `open` or `closed`.
    #[schema(value_type = crate::schema::PostingStatus)]
    pub status: String,
    /// Applications in all stages.
    pub applications: i64,
}

/// One application in a posting's list.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ApplicationSummary {
    #[schema(value_type = crate::schema::Id)]
    pub id: String,
    pub name: String,
    /// `received`, `screening`, `interview`, `hired`, `rejected` or `withdrawn`.
    #[schema(value_type = crate::schema::Stage)]
    pub stage: String,
    pub attachments: i64,
    #[schema(value_type = crate::schema::DateTime)]
    pub created_at: String,
}

/// One move of an application.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StageMove {
    #[schema(value_type = Option<crate::schema::Stage>)]
    pub from: Option<String>,
    #[schema(value_type = crate::schema::Stage)]
    pub to: String,
    pub note: Option<String>,
    /// The staff member who moved it; null for the application itself.
    pub by: Option<String>,
    #[schema(value_type = crate::schema::DateTime)]
    pub at: String,
}

/// An attachment (download it in the UI at `/attachments/{id}`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AttachmentInfo {
    #[schema(value_type = crate::schema::Id)]
    pub id: String,
    pub file_name: String,
    /// Detected from the content: `pdf`, `docx`, `odt`, `png`, `jpeg` or `text`.
    #[schema(value_type = crate::schema::AttachmentKind)]
    pub kind: String,
    pub size_bytes: i64,
}

/// One competence score.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CompetenceScore {
    /// `hope`, `self_determination`, `self_exploration`, `change_agent` or `listening`.
    #[schema(value_type = crate::schema::Competence)]
    pub competence: String,
    #[schema(minimum = 1, maximum = 5)]
    #[serde(deserialize_with = "crate::number::int")]
    pub score: i64,
    #[schema(value_type = Option<crate::schema::OptText2000>)]
    pub note: Option<String>,
}

/// One interviewer's scores.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct InterviewerScores {
    #[schema(value_type = crate::schema::Id)]
    pub user_id: String,
    pub name: String,
    pub scores: Vec<CompetenceScore>,
}

/// An interview with its panel and, when the caller may see them, the scores.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Interview {
    #[schema(value_type = crate::schema::Id)]
    pub id: String,
    #[schema(value_type = crate::schema::DateTime)]
    pub starts_at: String,
    pub place: String,
    pub online: bool,
    pub panel: Vec<String>,
    /// Null while the caller sits on the panel and has not saved their own scores.
    pub scores: Option<Vec<InterviewerScores>>,
}

/// An application with its stage history and the panels' scores.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Application {
    #[schema(value_type = crate::schema::Id)]
    pub id: String,
    #[schema(value_type = crate::schema::Id)]
    pub posting_id: String,
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    /// The letters' language: `da` or `en`.
    #[schema(value_type = crate::schema::LetterLanguage)]
    pub language: String,
    pub motivation: String,
    #[schema(value_type = crate::schema::Stage)]
    pub stage: String,
    /// The peer-worker record made on hiring.
    #[schema(value_type = Option<crate::schema::Id>)]
    pub peer_worker_id: Option<String>,
    #[schema(value_type = crate::schema::DateTime)]
    pub created_at: String,
    #[schema(value_type = Option<crate::schema::DateTime>)]
    pub decided_at: Option<String>,
    pub history: Vec<StageMove>,
    pub attachments: Vec<AttachmentInfo>,
    pub interviews: Vec<Interview>,
}

/// A move to another stage. Hired and rejected send the letter from the template in the
/// applicant's language; hired also creates the peer-worker record and its engagement.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StageInput {
    #[schema(value_type = crate::schema::Stage)]
    pub stage: String,
    #[serde(default)]
    #[schema(value_type = Option<crate::schema::OptText2000>)]
    pub note: Option<String>,
}

/// The caller's scores of an interview: 1–5 on each of the five competences.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScoresInput {
    #[schema(min_items = 5)]
    pub scores: Vec<CompetenceScore>,
}
