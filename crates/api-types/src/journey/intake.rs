//! Referral and intake: a referral's status as its referrer sees it, consents, waiting lists.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A referral as the referrer sees it: one derived status (`received`, `declined`, `waiting`,
/// `in_course`, `ended`, `withdrawn`) and dates; for the receiving organisation's managers the
/// status is the intake decision (`received`, `accepted`, `declined`, `withdrawn`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReferralStatus {
    pub id: String,
    pub status: String,
    pub created_at: String,
    pub updated_at: String,
}

/// A new referral: the person agreed to be referred (`agreed`), verbally or in writing.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReferralInput {
    /// The receiving organisation. Omitted: internal intake in the token's organisation (managers).
    #[serde(default)]
    pub organisation_id: Option<String>,
    pub name: String,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub birth_year: Option<i32>,
    #[serde(default)]
    pub languages: Vec<String>,
    /// Why the person is referred, in the referrer's words.
    pub reason: String,
    pub agreed: bool,
    /// `verbal` or `written`.
    pub method: String,
}

/// A recorded consent.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Consent {
    pub id: String,
    pub participant_id: String,
    /// `support`, `measurement`, `partner_sharing` or `referrer_status`.
    pub purpose: String,
    pub scope: String,
    /// Any of `peer`, `coordinators`, `partners`, `referrer`, `evaluators`.
    pub audience: Vec<String>,
    /// `self_form`, `written` or `verbal`.
    pub method: String,
    pub given_at: String,
    pub valid_until: Option<String>,
    pub withdrawn_at: Option<String>,
    pub withdrawal_note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsentInput {
    pub purpose: String,
    pub scope: String,
    pub audience: Vec<String>,
    pub method: String,
    /// ISO date (YYYY-MM-DD), today or later.
    #[serde(default)]
    pub valid_until: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsentWithdrawal {
    #[serde(default)]
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
    pub participant_id: String,
    pub pseudonym: String,
    pub days_waiting: i64,
    pub priority: bool,
    pub support_consent: bool,
    pub wishes_stated: bool,
}
