//! The peer workforce: role descriptions and engagements ([`roles`]), recruitment, onboarding and
//! training, supervision and private wellbeing check-ins.
//!
//! - [`recruitment`]: the stages and their allowed moves, the five peer competences, the
//!   retention rule, and attachments judged by their bytes ([`recruitment::sniff`]), never by
//!   the name or type the sender gave.
//! - [`training`]: the standard onboarding checklist, certificate expiry, and the trained rule
//!   ([`training::missing_training`]): every training requirement of every role in force needs
//!   a certificate of that course kind that has not expired.
//! - [`supervision`]: kinds, formats, topics and the due/overdue rule.
//! - [`wellbeing`]: check-ins and monthly aggregates, a group of fewer than five suppressed.

pub mod recruitment;
pub mod roles;
pub mod supervision;
pub mod training;
pub mod wellbeing;
