//! Directory: organisations, partnerships and programmes, and their list pages.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Organisation {
    #[schema(value_type = crate::schema::Id)]
    pub id: String,
    #[schema(example = "Søby Kommune")]
    pub name: String,
    /// municipality | region | association | other
    #[schema(value_type = crate::schema::OrganisationKind)]
    pub kind: String,
    pub require_totp: bool,
    /// The tz database zone its days are counted in, e.g. Europe/Copenhagen, Atlantic/Faroe, America/Nuuk.
    pub time_zone: String,
    /// RFC 3339, UTC.
    #[schema(value_type = crate::schema::DateTime)]
    pub created_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganisationInput {
    #[schema(value_type = crate::schema::Text200)]
    pub name: String,
    #[schema(value_type = crate::schema::OrganisationKind)]
    pub kind: String,
    #[serde(default)]
    pub require_totp: bool,
    /// A tz database zone name; absent keeps the organisation's zone (Europe/Copenhagen for a new one).
    #[serde(default)]
    pub time_zone: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Partnership {
    #[schema(value_type = crate::schema::Id)]
    pub id: String,
    pub name: String,
    pub purpose: String,
    pub legal_basis: String,
    /// referral_status | participant_record | peer_worker_record | aggregate_outcomes | pseudonymised_outcomes
    #[schema(value_type = Vec<crate::schema::DataCategory>)]
    pub data_categories: Vec<String>,
    /// ISO date.
    #[schema(value_type = crate::schema::Date)]
    pub valid_from: String,
    #[schema(value_type = Option<crate::schema::Date>)]
    pub valid_to: Option<String>,
    #[schema(value_type = Vec<crate::schema::Id>)]
    pub parties: Vec<String>,
    pub in_force: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PartnershipInput {
    #[schema(value_type = crate::schema::Text200)]
    pub name: String,
    #[schema(value_type = crate::schema::Text4000)]
    pub purpose: String,
    #[schema(value_type = crate::schema::Text1000)]
    pub legal_basis: String,
    #[serde(default)]
    #[schema(value_type = Vec<crate::schema::DataCategory>)]
    pub data_categories: Vec<String>,
    #[schema(value_type = crate::schema::Date)]
    pub valid_from: String,
    #[serde(default)]
    #[schema(value_type = Option<crate::schema::OptDate>)]
    pub valid_to: Option<String>,
    #[schema(value_type = Vec<crate::schema::Id>, min_items = 2)]
    pub parties: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Programme {
    #[schema(value_type = crate::schema::Id)]
    pub id: String,
    #[schema(value_type = crate::schema::Id)]
    pub organisation_id: String,
    pub name: String,
    pub description: Option<String>,
    /// individual | group
    #[schema(value_type = Vec<crate::schema::DeliveryModel>)]
    pub delivery: Vec<String>,
    /// in_person | phone | online
    #[schema(value_type = Vec<crate::schema::Mode>)]
    pub modes: Vec<String>,
    pub locations: Vec<String>,
    pub active: bool,
    /// Coordination hours a month, for the reports' costs; absent when not set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(minimum = 0, maximum = 744)]
    pub coordination_hours_per_month: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeInput {
    #[schema(value_type = crate::schema::Text200)]
    pub name: String,
    #[serde(default)]
    #[schema(value_type = Option<crate::schema::OptText4000>)]
    pub description: Option<String>,
    #[schema(value_type = Vec<crate::schema::DeliveryModel>, min_items = 1)]
    pub delivery: Vec<String>,
    #[schema(value_type = Vec<crate::schema::Mode>, min_items = 1)]
    pub modes: Vec<String>,
    #[serde(default)]
    #[schema(value_type = Vec<crate::schema::OptText200>)]
    pub locations: Vec<String>,
    #[serde(default = "yes")]
    pub active: bool,
    /// Coordination hours a month (0–744), for the reports' costs; absent or null clears it.
    #[serde(default)]
    #[schema(minimum = 0, maximum = 744)]
    pub coordination_hours_per_month: Option<f64>,
}

fn yes() -> bool {
    true
}

page_type!(OrganisationPage, Organisation);
page_type!(PartnershipPage, Partnership);
page_type!(ProgrammePage, Programme);
