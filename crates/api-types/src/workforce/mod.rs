//! Workforce: recruitment, training and onboarding of peer workers, and the workforce overview.

pub mod overview;
pub mod recruitment;
pub mod training;
