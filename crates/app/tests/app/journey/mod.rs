//! The participant's journey: intake, matching and courses of support, and groups.

mod courses;
mod dates;
mod groups;
mod intake;
mod matching_explain;
