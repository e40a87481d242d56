//! The participant's journey: referral and consent ([`intake`]), wishes, matching profiles and
//! courses of support with their sessions and goals ([`courses`]), group courses and open events
//! ([`groups`]), and the peer's calendar feed ([`calendar`]).

pub mod calendar;
pub mod courses;
pub mod groups;
pub mod intake;
