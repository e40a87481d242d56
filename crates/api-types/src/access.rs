//! Access: the signed-in token's identity.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The signed-in token's user and organisation.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Me {
    pub user_id: String,
    pub organisation_id: Option<String>,
    pub role: Option<String>,
    pub system_admin: bool,
    pub can_write: bool,
}
