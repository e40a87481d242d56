//! Recruitment: postings, applications with their stage history and the panel's scores.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A posting made from a role description (the role's current version).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Posting {
    pub id: String,
    pub organisation_id: String,
    pub role_key: String,
    pub title: String,
    pub intro: String,
    pub place: String,
    /// YYYY-MM-DD
    pub deadline: String,
    /// YYYY-MM-DD
    pub starts_on: String,
    /// `draft`, `open` or `closed`.
    pub status: String,
    /// Applications in all stages.
    pub applications: i64,
}

/// One application in a posting's list.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ApplicationSummary {
    pub id: String,
    pub name: String,
    /// `received`, `screening`, `interview`, `hired`, `rejected` or `withdrawn`.
    pub stage: String,
    pub attachments: i64,
    pub created_at: String,
}

/// One move of an application.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StageMove {
    pub from: Option<String>,
    pub to: String,
    pub note: Option<String>,
    /// The staff member who moved it; null for the application itself.
    pub by: Option<String>,
    pub at: String,
}

/// An attachment (download it in the UI at `/attachments/{id}`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AttachmentInfo {
    pub id: String,
    pub file_name: String,
    /// Detected from the content: `pdf`, `docx`, `odt`, `png`, `jpeg` or `text`.
    pub kind: String,
    pub size_bytes: i64,
}

/// One competence score.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CompetenceScore {
    /// `hope`, `self_determination`, `self_exploration`, `change_agent` or `listening`.
    pub competence: String,
    pub score: i64,
    pub note: Option<String>,
}

/// One interviewer's scores.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct InterviewerScores {
    pub user_id: String,
    pub name: String,
    pub scores: Vec<CompetenceScore>,
}

/// An interview with its panel and, when the caller may see them, the scores.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Interview {
    pub id: String,
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
    pub id: String,
    pub posting_id: String,
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    /// The letters' language: `da` or `en`.
    pub language: String,
    pub motivation: String,
    pub stage: String,
    /// The peer-worker record made on hiring.
    pub peer_worker_id: Option<String>,
    pub created_at: String,
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
    pub stage: String,
    #[serde(default)]
    pub note: Option<String>,
}

/// The caller's scores of an interview: 1–5 on each of the five competences.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScoresInput {
    pub scores: Vec<CompetenceScore>,
}
