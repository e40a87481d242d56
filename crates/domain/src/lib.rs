//! Sammen's domain: pure rules and types for peer support, with no IO, no async, no SQL and no HTTP.
//!
//! Owns: identifiers, parsed values ("parse, don't validate"), the permission policy,
//! partnership data-sharing rules and the audit hash chain. Must not depend on any other
//! Sammen crate, nor on a database, web or async library.

pub mod audit;
pub mod calendar;
pub mod groups;
pub mod ids;
pub mod import;
pub mod intake;
pub mod measurement;
pub mod org;
pub mod people;
pub mod policy;
pub mod support;
pub mod time;
pub mod validation;
pub mod workforce;
// Supervision and wellbeing (issue 3, items 6 and 7).
pub mod supervision;
pub mod wellbeing;
// Onboarding and training (issue 3, items 3 and 5).
pub mod training;
// Recruitment (issue 3, item 2).
pub mod recruitment;

pub use ids::*;
pub use validation::{FieldError, ValidationErrors};
