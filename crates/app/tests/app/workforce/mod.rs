//! The peer workforce: roles and engagements, recruitment, onboarding and training, supervision
//! and wellbeing.

mod recruitment;
mod roles;
mod supervision;
mod training;
