//! Sammen's use cases: every read or write of a person's data happens here, inside one
//! transaction that also checks the actor's rights and writes the audit record.
//!
//! Owns: authentication (passwords, sessions, TOTP, API tokens, throttling), the use cases
//! called by the web UI, the REST API and the command line.
//! Depends on `domain` and `store`; must not know HTTP, HTML or cookies.

// The kernel every area shares: the request context, background jobs and templated messages.
mod context;
pub mod jobs;
mod messages;
pub mod zone;

// The areas, spelled the same in every layer.
pub mod access;
pub mod directory;
pub mod journey;
pub mod measurement;
pub mod people;
pub mod workforce;

use std::sync::Arc;

pub use context::{Clock, Ctx, ManualClock, OsRandom, Random, SeededRandom, SystemClock, Via};
pub(crate) use context::{Subject, guarded};
pub use sammen_domain as domain;
pub use sammen_store as store;

use sammen_domain::ValidationErrors;
use sammen_store::{Db, StoreError};

/// Everything a use case can fail with. The web layer maps each kind to a status once.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("invalid input: {0}")]
    Validation(ValidationErrors),
    /// Not there, or not the actor's to see: the two are answered alike.
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("not authenticated")]
    Unauthorized,
    #[error("too many attempts")]
    TooManyAttempts,
    /// A request body over the configured limit.
    #[error("request body too large")]
    TooLarge,
    /// A link or a form that no longer works (used, expired, replaced); the message id says why.
    #[error("gone: {0}")]
    Gone(&'static str),
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        AppError::Internal(e.to_string())
    }
}

impl From<ValidationErrors> for AppError {
    fn from(e: ValidationErrors) -> Self {
        AppError::Validation(e)
    }
}

pub type AppResult<T> = Result<T, AppError>;

/// Every area's background jobs, in the order the server runs them.
pub fn background_jobs() -> Vec<jobs::Job> {
    [measurement::jobs(), workforce::jobs()].concat()
}

/// Settings for sessions, tokens and throttling, with the documented defaults.
#[derive(Debug, Clone)]
pub struct SecurityConfig {
    pub session_idle_seconds: i64,
    pub session_absolute_seconds: i64,
    pub token_default_days: i64,
    pub token_max_days: i64,
    pub account_max_failures: i64,
    pub address_max_failures: i64,
    pub throttle_window_seconds: i64,
    pub lockout_seconds: i64,
}

impl Default for SecurityConfig {
    fn default() -> Self {
        Self {
            session_idle_seconds: 30 * 60,
            session_absolute_seconds: 12 * 3600,
            token_default_days: 90,
            token_max_days: 365,
            account_max_failures: 5,
            address_max_failures: 30,
            throttle_window_seconds: 15 * 60,
            lockout_seconds: 15 * 60,
        }
    }
}

/// The application: the database, the clock, the source of randomness and the settings.
/// Cheap to clone; one per process.
#[derive(Clone)]
pub struct App {
    pub db: Db,
    pub clock: Arc<dyn Clock>,
    pub random: Arc<dyn Random>,
    pub security: SecurityConfig,
    /// The address people reach the server at, for links sent by e-mail (no trailing slash).
    pub public_url: String,
}

/// The public address when none is configured.
pub const DEFAULT_PUBLIC_URL: &str = "http://127.0.0.1:8080";

impl App {
    pub fn new(db: Db, clock: Arc<dyn Clock>, random: Arc<dyn Random>, security: SecurityConfig) -> Self {
        Self { db, clock, random, security, public_url: DEFAULT_PUBLIC_URL.to_owned() }
    }

    /// Sets the public address used in links sent to participants.
    pub fn with_public_url(mut self, url: &str) -> Self {
        self.public_url = url.trim_end_matches('/').to_owned();
        self
    }
}
