//! Access: passwords, server-side sessions, TOTP and API tokens with login throttling
//! ([`auth`], [`totp`]), and the reading side of the audit trail ([`audit`]).

pub mod audit;
pub mod auth;
pub mod totp;
