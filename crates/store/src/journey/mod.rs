//! The participant's journey: referrals, consents, wishes, peer profiles, courses with their
//! sessions and goals ([`courses`]), and group courses with meetings and attendance ([`groups`]).
//! Personal data, only ever reached through `app`.

pub mod courses;
pub mod groups;
pub mod queues;
