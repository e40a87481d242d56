//! The participant's journey: intake, matching and courses of support, and groups.

mod courses;
mod groups;
mod intake;
