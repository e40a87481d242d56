//! Sammen's domain: pure rules and types for peer support, with no IO, no async, no SQL and no HTTP.
//!
//! Owns: identifiers, parsed values ("parse, don't validate"), the permission policy,
//! partnership data-sharing rules and the audit hash chain, with each area's rules in a
//! module of its own (`directory`, `people`, `journey`, `measurement`, `workforce`). Must not depend on any other
//! Sammen crate but `sammen-tabular` (rows read from file bytes, no IO), nor on a database, web or
//! async library.

// The kernel every area shares.
pub mod audit;
pub mod ids;
pub mod policy;
pub mod time;
pub mod validation;

// The areas, spelled the same in every layer.
pub mod directory;
pub mod journey;
pub mod measurement;
pub mod people;
pub mod workforce;

pub use ids::*;
pub use validation::{FieldError, ValidationErrors};
