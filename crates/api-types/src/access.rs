//! Access: the signed-in token's identity.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The signed-in token's user and organisation.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Me {
    #[schema(value_type = crate::schema::Id)]
    pub user_id: String,
    #[schema(value_type = Option<crate::schema::Id>)]
    pub organisation_id: Option<String>,
    #[schema(value_type = Option<crate::schema::Role>)]
    pub role: Option<String>,
    pub system_admin: bool,
    pub can_write: bool,
}
