//! The peer workforce: role descriptions and engagements ([`roles`]), recruitment, onboarding,
//! training, supervision, private wellbeing check-ins and the manager's [`overview`].
//!
//! Rules other areas rely on:
//! - A peer is given participants only when trained: matching never proposes an untrained
//!   peer ([`training::missing_training_of`]), and approval, handover, direct assignment and
//!   group facilitation refuse one with a message naming what is missing.
//! - A professional supervision note reaches only the supervisor and the supervisees who
//!   attended, never a manager ([`supervision`]); a wellbeing check-in is the peer's, shared
//!   only with their professional supervisor, and managers see suppressed aggregates only.
//! - Applicants' data is deleted when the organisation's retention period after the decision
//!   ends ([`recruitment::purge_expired`]), one audit record per application.

pub mod onboarding;
pub mod overview;
pub mod recruitment;
pub mod roles;
pub mod supervision;
pub mod training;
pub mod wellbeing;

use crate::jobs::{Job, JobReport};

/// The workforce area's background jobs: supervision reminders to peers overdue and their
/// supervisors, refresh reminders for certificates about to expire, and deleting applicants'
/// data past the organisation's retention period.
pub fn jobs() -> Vec<Job> {
    vec![
        Job {
            name: "supervision reminders",
            run: |app| Box::pin(async move { Ok(JobReport::one("queued", supervision::run_reminders(app).await?)) }),
        },
        Job {
            name: "certificate reminders",
            run: |app| Box::pin(async move { Ok(JobReport::one("reminded", training::run_reminders(app).await?)) }),
        },
        Job {
            name: "recruitment retention",
            run: |app| Box::pin(async move { Ok(JobReport::one("deleted", recruitment::purge_expired(app).await?)) }),
        },
    ]
}
