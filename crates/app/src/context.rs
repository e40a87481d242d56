//! Time, randomness, ids and the request context: everything a use case must be handed.

use std::sync::Mutex;
use std::sync::atomic::{AtomicI64, Ordering};

use rand::{RngCore, SeedableRng};
use sammen_domain::OrgId;
use sammen_domain::audit::{AuditAction, AuditEvent, AuditOutcome};
use sammen_domain::ids::uuid_v7;
use sammen_domain::policy::{Actor, Basis};
use sammen_domain::time::Timestamp;
use uuid::Uuid;

use crate::App;

/// The source of the current time. Only `SystemClock` reads the real one.
pub trait Clock: Send + Sync {
    fn now(&self) -> Timestamp;
}

/// The real clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods)]
    fn now(&self) -> Timestamp {
        let d = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        Timestamp(i64::try_from(d.as_micros()).unwrap_or(i64::MAX))
    }
}

/// A clock that tests move by hand.
#[derive(Debug)]
pub struct ManualClock(AtomicI64);

impl ManualClock {
    pub fn new(at: Timestamp) -> Self {
        Self(AtomicI64::new(at.micros()))
    }
    pub fn advance_seconds(&self, s: i64) {
        self.0.fetch_add(s * Timestamp::MICROS_PER_SECOND, Ordering::SeqCst);
    }
    pub fn set(&self, at: Timestamp) {
        self.0.store(at.micros(), Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        Timestamp(self.0.load(Ordering::SeqCst))
    }
}

/// The source of random bytes (ids, tokens, secrets).
pub trait Random: Send + Sync {
    fn fill(&self, buf: &mut [u8]);
}

/// The operating system's generator.
#[derive(Debug, Default, Clone, Copy)]
pub struct OsRandom;

impl Random for OsRandom {
    fn fill(&self, buf: &mut [u8]) {
        rand::rng().fill_bytes(buf);
    }
}

/// A reproducible generator for tests and generated data sets. Never for secrets in production.
pub struct SeededRandom(Mutex<rand::rngs::StdRng>);

impl SeededRandom {
    pub fn new(seed: u64) -> Self {
        Self(Mutex::new(rand::rngs::StdRng::seed_from_u64(seed)))
    }
}

impl Random for SeededRandom {
    fn fill(&self, buf: &mut [u8]) {
        if let Ok(mut r) = self.0.lock() {
            r.fill_bytes(buf);
        }
    }
}

impl App {
    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }
    pub fn new_uuid(&self) -> Uuid {
        let mut r = [0u8; 10];
        self.random.fill(&mut r);
        let ms = u64::try_from(self.now().micros() / 1000).unwrap_or(0);
        uuid_v7(ms, r)
    }
    pub fn new_id(&self) -> String {
        self.new_uuid().to_string()
    }
    pub fn random_bytes<const N: usize>(&self) -> [u8; N] {
        let mut b = [0u8; N];
        self.random.fill(&mut b);
        b
    }
}

/// Which door a request came through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    Web,
    Api,
    Cli,
}

/// Who is acting, in which organisation, through which route: the facts every audit record needs.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub actor: Actor,
    /// The organisation the actor is working in now (None for a system administrator without one).
    pub org: Option<OrgId>,
    /// The route pattern, e.g. "GET /participants/{id}"; never a filled-in URL.
    pub route: String,
    pub via: Via,
    /// Whether the credential allows writing (API tokens may be read-only).
    pub can_write: bool,
}

impl Ctx {
    /// An audit event for this context.
    #[allow(clippy::too_many_arguments)]
    pub fn event(
        &self,
        at: Timestamp,
        action: AuditAction,
        subject_type: &str,
        subject_id: Option<String>,
        organisation: Option<String>,
        purpose: String,
        outcome: AuditOutcome,
    ) -> AuditEvent {
        AuditEvent {
            at,
            actor: Some(self.actor.user.to_string()),
            organisation,
            action,
            subject_type: subject_type.to_owned(),
            subject_id,
            purpose,
            route: self.route.clone(),
            outcome,
        }
    }

    pub fn ok(
        &self,
        at: Timestamp,
        action: AuditAction,
        subject_type: &str,
        subject_id: Option<String>,
        org: Option<String>,
        basis: Basis,
    ) -> AuditEvent {
        self.event(at, action, subject_type, subject_id, org, basis.describe(), AuditOutcome::Ok)
    }

    pub fn denied(
        &self,
        at: Timestamp,
        action: AuditAction,
        subject_type: &str,
        subject_id: Option<String>,
        org: Option<String>,
    ) -> AuditEvent {
        self.event(at, action, subject_type, subject_id, org, "denied".into(), AuditOutcome::Denied)
    }

    pub fn require_write(&self) -> Result<(), crate::AppError> {
        if self.can_write { Ok(()) } else { Err(crate::AppError::Forbidden) }
    }

    /// The operator at the command line: acts as system administration, audited as such.
    pub fn cli(route: &str) -> Self {
        Ctx {
            actor: Actor {
                user: sammen_domain::UserId::from_uuid(Uuid::nil()),
                system_admin: true,
                memberships: Vec::new(),
                peer_worker_ids: Vec::new(),
            },
            org: None,
            route: route.to_owned(),
            via: Via::Cli,
            can_write: true,
        }
    }

    /// The active organisation, or Forbidden when there is none.
    pub fn org(&self) -> Result<OrgId, crate::AppError> {
        self.org.ok_or(crate::AppError::Forbidden)
    }
}
