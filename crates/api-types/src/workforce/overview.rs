//! Workforce overview: head count, hours, training coverage, supervision compliance and turnover.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Head count and hours of one group of engagements in force.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Staffing {
    /// For `by_engagement`: `volunteer_agreement` or `employment`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    #[schema(value_type = Option<crate::schema::EngagementKind>)]
    pub kind: Option<String>,
    /// For `by_role`: the role's key (the id of its first version); `null` for engagements
    /// that name no role.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub role_key: Option<String>,
    /// For `by_role`: the role's current title.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub title: Option<String>,
    pub people: u64,
    pub hours_per_week: f64,
}

/// Peer workers whose roles require training, and how many hold every required certificate.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TrainingCoverage {
    pub required: u64,
    pub trained: u64,
}

/// Supervision compliance of one kind (`professional`, `managerial`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SupervisionCompliance {
    #[schema(value_type = crate::schema::SupervisionKind)]
    pub kind: String,
    pub on_time: u64,
    pub overdue: u64,
}

/// Starters and leavers over the twelve months up to `date`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Turnover {
    #[schema(value_type = crate::schema::Date)]
    pub from: String,
    #[schema(value_type = crate::schema::Date)]
    pub to: String,
    pub at_start: u64,
    pub at_end: u64,
    pub starters: u64,
    pub leavers: u64,
    /// Leavers over the mean head count at the start and the end; `null` when both are 0.
    pub rate: Option<f64>,
}

/// The workforce overview of the token's organisation today.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct WorkforceOverview {
    #[schema(value_type = crate::schema::Date)]
    pub date: String,
    pub head_count: u64,
    pub by_engagement: Vec<Staffing>,
    pub by_role: Vec<Staffing>,
    pub training: TrainingCoverage,
    pub supervision: Vec<SupervisionCompliance>,
    pub turnover: Turnover,
}
