//! The peer workforce: role descriptions and engagements ([`roles`]), recruitment, onboarding
//! and training, supervision and wellbeing check-ins. Only ever reached through `app`.

pub mod queues;
pub mod recruitment;
pub mod roles;
pub mod supervision;
pub mod training;
