//! The journey in the API: referrals, consents and waiting lists, matching and courses, groups.

pub mod courses;
pub mod groups;
pub mod intake;
