//! Journey: a participant's way through intake, matching, a course of support and groups.

pub mod courses;
pub mod groups;
pub mod intake;
