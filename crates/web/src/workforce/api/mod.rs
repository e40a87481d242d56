//! The workforce in the API: the overview, supervision and wellbeing, training, recruitment.

pub mod overview;
pub mod recruitment;
pub mod supervision;
pub mod training;
