//! Measurement: instruments, plans and their invitations, scored responses, life events and CHIME profiles.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

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
    #[schema(value_type = crate::schema::Id)]
    pub id: String,
    #[schema(value_type = crate::schema::Id)]
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
    /// The share of each wave that should be answered, in percent.
    #[schema(minimum = 1, maximum = 100)]
    pub target_percent: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeasurementPlanInput {
    #[schema(value_type = crate::schema::Text200)]
    pub instrument: String,
    #[serde(default)]
    pub at_start: bool,
    #[schema(minimum = 1, maximum = 104)]
    #[serde(default, deserialize_with = "crate::number::opt_int")]
    pub every_weeks: Option<u32>,
    #[serde(default)]
    pub at_closure: bool,
    #[schema(minimum = 1, maximum = 60)]
    #[serde(default, deserialize_with = "crate::number::opt_int")]
    pub followup_months: Option<u32>,
    /// Days before a reminder (default 7).
    #[schema(minimum = 1, maximum = 60)]
    #[serde(default, deserialize_with = "crate::number::opt_int")]
    pub reminder_days: Option<u32>,
    /// Days a link stays valid after the wave falls due (default 28).
    #[schema(minimum = 1, maximum = 180)]
    #[serde(default, deserialize_with = "crate::number::opt_int")]
    pub valid_days: Option<u32>,
    /// The share of each wave that should be answered, in percent (default 80).
    #[schema(minimum = 1, maximum = 100)]
    #[serde(default, deserialize_with = "crate::number::opt_int")]
    pub target_percent: Option<u32>,
}

/// One wave of a plan for one participant.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Invitation {
    #[schema(value_type = crate::schema::Id)]
    pub id: String,
    pub instrument: String,
    pub instrument_version: String,
    /// baseline | week-N | closure | followup-Mm
    pub wave: String,
    #[schema(value_type = crate::schema::DateTime)]
    pub due_at: String,
    #[schema(value_type = crate::schema::DateTime)]
    pub expires_at: String,
    /// open | in_progress | completed | expired | cancelled
    #[schema(value_type = crate::schema::InvitationStatus)]
    pub status: String,
    pub reminders_sent: i64,
    #[schema(value_type = Option<crate::schema::Id>)]
    pub response_id: Option<String>,
}

/// A response's score, computed on save with the definition version it names.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ResponseSummary {
    #[schema(value_type = crate::schema::Id)]
    pub id: String,
    pub instrument: String,
    pub instrument_version: String,
    pub wave: Option<String>,
    /// link | with_peer | paper | fhir
    #[schema(value_type = crate::schema::ResponseSource)]
    pub source: String,
    /// in_progress | completed
    #[schema(value_type = crate::schema::ResponseStatus)]
    pub status: String,
    pub score: Option<f64>,
    pub raw: Option<f64>,
    pub prorated: bool,
    pub band: Option<String>,
    pub answered: usize,
    pub items: usize,
    #[schema(value_type = crate::schema::DateTime)]
    pub started_at: String,
    #[schema(value_type = Option<crate::schema::DateTime>)]
    pub completed_at: Option<String>,
}

/// A life outcome or a use of services.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct LifeEvent {
    #[schema(value_type = crate::schema::Id)]
    pub id: String,
    /// education_started | education_completed | job_started | volunteer_work | new_relation |
    /// new_activity | admission | bed_days | emergency_visit | outpatient_contact
    #[schema(value_type = crate::schema::LifeEventKind)]
    pub kind: String,
    /// YYYY-MM-DD
    #[schema(value_type = crate::schema::Date)]
    pub occurred_on: String,
    #[schema(value_type = Option<crate::schema::Date>)]
    pub ended_on: Option<String>,
    pub quantity: Option<i64>,
    /// self_report | referrer | staff | register
    #[schema(value_type = crate::schema::LifeEventSource)]
    pub source: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LifeEventInput {
    #[schema(value_type = crate::schema::LifeEventKind)]
    pub kind: String,
    #[schema(value_type = crate::schema::Date)]
    pub occurred_on: String,
    #[schema(value_type = Option<crate::schema::OptDate>)]
    pub ended_on: Option<String>,
    #[schema(minimum = 1, maximum = 3650)]
    #[serde(default, deserialize_with = "crate::number::opt_int")]
    pub quantity: Option<u32>,
    #[schema(value_type = crate::schema::LifeEventSource)]
    pub source: String,
    #[schema(value_type = Option<crate::schema::OptText500>)]
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
    #[schema(value_type = crate::schema::Id)]
    pub participant_id: String,
    pub invitations: Vec<Invitation>,
    pub responses: Vec<ResponseSummary>,
    pub chime: Vec<ChimePoint>,
    pub life_events: Vec<LifeEvent>,
}
