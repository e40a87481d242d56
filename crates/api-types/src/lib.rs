//! Sammen's REST API wire types (`/api/v1`): the JSON shapes outside tools rely on.
//!
//! Owns: request and response bodies with their OpenAPI schemas. Changing a field's name
//! or meaning is a breaking change for API clients: add fields, never rename them.
//! Depends on nothing of Sammen's; conversions live in the web crate.
//!
//! One module per area, as in the other crates: [`access`] (the token's identity),
//! [`directory`] (organisations, partnerships, programmes), [`people`] (staff, peer workers,
//! participants), [`journey`] (intake, matching and courses, groups), [`measurement`]
//! (instruments, plans, responses, life events) and [`workforce`] (recruitment, training and
//! onboarding, the overview). The crate root keeps what every area shares (the list page shape,
//! [`Created`]) and re-exports the types of the areas that have no feature modules, and of
//! `journey::courses` and `journey::groups`, so they are also reachable as `sammen_api_types::X`.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One page of a list of `$item`s, named `$name` in the OpenAPI document.
macro_rules! page_type {
    ($name:ident, $item:ty) => {
        /// One page of a list.
        #[derive(Debug, Clone, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
        pub struct $name {
            pub items: Vec<$item>,
            /// 1-based.
            pub page: i64,
            pub per_page: i64,
            pub total: i64,
        }
    };
}

pub mod access;
pub mod directory;
pub mod journey;
pub mod measurement;
pub mod number;
pub mod people;
pub mod qualitative;
pub mod schema;
pub mod workforce;

pub use access::*;
pub use directory::*;
pub use journey::courses::*;
pub use journey::groups::*;
pub use measurement::*;
pub use people::*;

/// The id of something created.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Created {
    #[schema(value_type = crate::schema::Id)]
    pub id: String,
}
