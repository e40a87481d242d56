//! Directory: organisations, partnerships and programmes, and their list pages.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

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

page_type!(OrganisationPage, Organisation);
page_type!(PartnershipPage, Partnership);
page_type!(ProgrammePage, Programme);
