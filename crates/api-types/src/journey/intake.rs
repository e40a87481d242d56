//! Referral and intake: a referral's status as its referrer sees it, consents, waiting lists.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A referral as the referrer sees it: one derived status (`received`, `declined`, `waiting`,
/// `in_course`, `ended`, `withdrawn`) and dates; for the receiving organisation's managers the
/// status is the intake decision (`received`, `accepted`, `declined`, `withdrawn`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReferralStatus {
    #[schema(value_type = crate::schema::Id)]
    pub id: String,
    #[schema(value_type = crate::schema::ReferralStatus)]
    pub status: String,
    #[schema(value_type = crate::schema::DateTime)]
    pub created_at: String,
    #[schema(value_type = crate::schema::DateTime)]
    pub updated_at: String,
}

/// A new referral: the person agreed to be referred (`agreed`), verbally or in writing.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReferralInput {
    /// The receiving organisation. Omitted: internal intake in the token's organisation (managers).
    #[serde(default)]
    #[schema(value_type = Option<crate::schema::OptId>)]
    pub organisation_id: Option<String>,
    #[schema(value_type = crate::schema::Text200)]
    pub name: String,
    #[serde(default)]
    #[schema(value_type = Option<crate::schema::OptPhone>)]
    pub phone: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<crate::schema::OptEmailAddress>)]
    pub email: Option<String>,
    /// The year of birth: from 110 to 10 years before this year (so the bounds move each
    /// January and are not in the schema).
    #[serde(default, deserialize_with = "crate::number::opt_int")]
    pub birth_year: Option<i32>,
    #[serde(default)]
    #[schema(value_type = Vec<crate::schema::Language>)]
    pub languages: Vec<String>,
    /// Why the person is referred, in the referrer's words.
    #[schema(value_type = crate::schema::Text2000)]
    pub reason: String,
    pub agreed: bool,
    /// `verbal` or `written`.
    #[schema(value_type = crate::schema::AgreementMethod)]
    pub method: String,
}

/// A recorded consent.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Consent {
    #[schema(value_type = crate::schema::Id)]
    pub id: String,
    #[schema(value_type = crate::schema::Id)]
    pub participant_id: String,
    /// `support`, `measurement`, `partner_sharing` or `referrer_status`.
    #[schema(value_type = crate::schema::ConsentPurpose)]
    pub purpose: String,
    pub scope: String,
    /// Any of `peer`, `coordinators`, `partners`, `referrer`, `evaluators`.
    #[schema(value_type = Vec<crate::schema::ConsentAudience>)]
    pub audience: Vec<String>,
    /// `self_form`, `written` or `verbal`.
    #[schema(value_type = crate::schema::ConsentMethod)]
    pub method: String,
    #[schema(value_type = crate::schema::DateTime)]
    pub given_at: String,
    pub valid_until: Option<String>,
    #[schema(value_type = Option<crate::schema::DateTime>)]
    pub withdrawn_at: Option<String>,
    pub withdrawal_note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsentInput {
    #[schema(value_type = crate::schema::ConsentPurpose)]
    pub purpose: String,
    #[schema(value_type = crate::schema::Text500)]
    pub scope: String,
    #[schema(value_type = Vec<crate::schema::ConsentAudience>, min_items = 1)]
    pub audience: Vec<String>,
    #[schema(value_type = crate::schema::ConsentMethod)]
    pub method: String,
    /// ISO date (YYYY-MM-DD), today or later.
    #[serde(default)]
    #[schema(value_type = Option<crate::schema::OptDate>)]
    pub valid_until: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsentWithdrawal {
    #[serde(default)]
    #[schema(value_type = Option<crate::schema::OptText1000>)]
    pub note: Option<String>,
}

/// What a withdrawal stopped, at once.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Withdrawal {
    pub consent: Consent,
    pub courses_ended: usize,
    pub invitations_cancelled: usize,
    pub peer_removed: bool,
    pub closed: bool,
}

/// One person on a programme's waiting list.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct WaitingEntry {
    #[schema(value_type = crate::schema::Id)]
    pub participant_id: String,
    pub pseudonym: String,
    #[schema(minimum = 0)]
    pub days_waiting: i64,
    pub priority: bool,
    pub support_consent: bool,
    pub wishes_stated: bool,
}
