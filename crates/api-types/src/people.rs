//! People: staff accounts, peer workers and participants, and their list pages.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

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

page_type!(StaffPage, Staff);
page_type!(PeerWorkerPage, PeerWorker);
page_type!(ParticipantPage, Participant);
