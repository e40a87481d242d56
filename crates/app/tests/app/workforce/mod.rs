//! The peer workforce: roles and engagements, recruitment, onboarding and training, supervision
//! and wellbeing.

mod attendance_rule;
mod dates;
mod recruitment;
mod roles;
mod supervision;
mod training;
