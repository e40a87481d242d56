//! People: staff accounts, peer workers and participants, and their list pages.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Staff {
    #[schema(value_type = crate::schema::Id)]
    pub id: String,
    #[schema(value_type = crate::schema::EmailAddress)]
    pub email: String,
    pub display_name: String,
    /// administrator | coordinator | supervisor | peer_worker | referrer | evaluator
    #[schema(value_type = crate::schema::Role)]
    pub role: String,
    pub active: bool,
    pub totp_enabled: bool,
    #[schema(value_type = crate::schema::DateTime)]
    pub created_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffInput {
    #[schema(value_type = crate::schema::EmailAddress)]
    pub email: String,
    #[schema(value_type = crate::schema::Text200)]
    pub display_name: String,
    #[schema(value_type = crate::schema::Role)]
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
    #[schema(value_type = crate::schema::Text200)]
    pub display_name: String,
    #[schema(value_type = crate::schema::Role)]
    pub role: String,
    pub active: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PeerWorker {
    #[schema(value_type = crate::schema::Id)]
    pub id: String,
    #[schema(value_type = crate::schema::Id)]
    pub organisation_id: String,
    pub display_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// volunteer | paid
    #[schema(value_type = crate::schema::Engagement)]
    pub engagement: String,
    /// active | paused | left
    #[schema(value_type = crate::schema::PeerStatus)]
    pub status: String,
    pub languages: Vec<String>,
    #[schema(value_type = Vec<crate::schema::Mode>)]
    pub modes: Vec<String>,
    #[schema(minimum = 0)]
    pub caseload: i64,
    pub has_login: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PeerWorkerInput {
    #[schema(value_type = crate::schema::Text200)]
    pub display_name: String,
    #[serde(default)]
    #[schema(value_type = Option<crate::schema::OptEmailAddress>)]
    pub email: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<crate::schema::OptPhone>)]
    pub phone: Option<String>,
    #[schema(value_type = crate::schema::Engagement)]
    pub engagement: String,
    #[serde(default = "active")]
    #[schema(value_type = crate::schema::PeerStatus)]
    pub status: String,
    #[serde(default)]
    #[schema(value_type = Vec<crate::schema::Language>)]
    pub languages: Vec<String>,
    #[serde(default)]
    #[schema(value_type = Vec<crate::schema::Mode>)]
    pub modes: Vec<String>,
}

fn active() -> String {
    "active".into()
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Participant {
    #[schema(value_type = crate::schema::Id)]
    pub id: String,
    #[schema(value_type = crate::schema::Id)]
    pub organisation_id: String,
    #[schema(example = "D-7KQ3-M9")]
    pub pseudonym: String,
    pub name: Option<String>,
    /// Masked ("DDMMYY-XXXX") unless the caller manages the owning organisation.
    pub cpr: Option<String>,
    pub birth_year: Option<i32>,
    #[schema(value_type = Option<crate::schema::Gender>)]
    pub gender: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// waiting | active | closed
    #[schema(value_type = crate::schema::ParticipantStatus)]
    pub status: String,
    pub languages: Vec<String>,
    #[schema(value_type = Option<crate::schema::Id>)]
    pub programme_id: Option<String>,
    #[schema(value_type = Option<crate::schema::Id>)]
    pub assigned_peer_id: Option<String>,
    #[schema(value_type = crate::schema::DateTime)]
    pub created_at: String,
    #[schema(value_type = crate::schema::DateTime)]
    pub updated_at: String,
}

/// A participant as written. Pseudonymous by default: every personal field is optional.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ParticipantInput {
    #[serde(default)]
    #[schema(value_type = Option<crate::schema::OptText200>)]
    pub name: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<crate::schema::OptCpr>)]
    pub cpr: Option<String>,
    /// The year of birth: from 110 to 10 years before this year (so the bounds move each
    /// January and are not in the schema).
    #[serde(default, deserialize_with = "crate::number::opt_int")]
    pub birth_year: Option<i32>,
    #[serde(default)]
    #[schema(value_type = Option<crate::schema::OptGender>)]
    pub gender: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<crate::schema::OptPhone>)]
    pub phone: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<crate::schema::OptEmailAddress>)]
    pub email: Option<String>,
    #[serde(default = "waiting")]
    #[schema(value_type = crate::schema::ParticipantStatus)]
    pub status: String,
    #[serde(default)]
    #[schema(value_type = Vec<crate::schema::Language>)]
    pub languages: Vec<String>,
    #[serde(default)]
    #[schema(value_type = Option<crate::schema::OptId>)]
    pub programme_id: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<crate::schema::OptId>)]
    pub assigned_peer_id: Option<String>,
}

fn waiting() -> String {
    "waiting".into()
}

page_type!(StaffPage, Staff);
page_type!(PeerWorkerPage, PeerWorker);
page_type!(ParticipantPage, Participant);
