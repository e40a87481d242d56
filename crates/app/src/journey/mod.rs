//! The participant's journey: referral, intake and consent ([`intake`]), matching waiting
//! participants to peers ([`matching`]), courses of support with sessions and goals
//! ([`courses`]), and group courses and open events ([`groups`]).
//!
//! - A peer reads a participant's record only while assigned to an accepted, open course; an
//!   offer shows the pseudonym and wishes, and the end of the last open course unassigns the
//!   peer in the same transaction.
//! - Consent is recorded per purpose; the latest record decides, and a withdrawn one blocks its
//!   purpose in the transaction of the withdrawal ([`intake::withdraw_consent`]). Matching
//!   requires an open `support` consent.
//! - A group's facilitator sees participants by pseudonym only.

pub mod courses;
pub mod groups;
pub mod intake;
pub mod matching;
