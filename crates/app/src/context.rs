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

use sammen_store::{DbConnection, StoreError, Tx};

use crate::{App, AppError};

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
    /// A new typed id (UUIDv7 from the app's clock and random source).
    pub fn next_id<T: From<uuid::Uuid>>(&self) -> T {
        T::from(self.new_uuid())
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

/// What an access is about, as the audit log names it: the kind of record, its id and the
/// organisation the access happened in.
#[derive(Debug, Clone, Default)]
pub struct Subject {
    pub kind: &'static str,
    pub id: Option<String>,
    pub org: Option<String>,
}

impl Subject {
    /// A record of `kind` with `id`, accessed while working in the context's organisation.
    pub fn record(ctx: &Ctx, kind: &'static str, id: impl ToString) -> Self {
        Subject { kind, id: Some(id.to_string()), org: ctx.org_text() }
    }
    /// Something of `kind` without an id of its own (a list, a new record), in `org`.
    pub fn within(kind: &'static str, org: Option<OrgId>) -> Self {
        Subject { kind, id: None, org: org.map(|o| o.to_string()) }
    }
}

/// The audited access pattern of every use case that reads or changes one record: load it,
/// decide with the policy, and when there is no such record or the policy refuses, audit the
/// denial and answer not-found, so that a caller learns nothing about records it may not see.
/// On success the caller audits the access itself, with the basis `decide` returned.
pub fn guarded<R, D>(
    tx: &mut Tx<'_>,
    ctx: &Ctx,
    at: Timestamp,
    action: AuditAction,
    subject: Subject,
    load: impl FnOnce(&mut DbConnection) -> Result<Option<R>, StoreError>,
    decide: impl FnOnce(&mut DbConnection, &R) -> Result<Option<D>, AppError>,
) -> Result<(R, D), AppError> {
    let row = load(tx.conn())?;
    let decision = match &row {
        Some(r) => decide(tx.conn(), r)?,
        None => None,
    };
    match (row, decision) {
        (Some(r), Some(d)) => Ok((r, d)),
        _ => Err(ctx.refuse(tx, at, action, subject, AppError::NotFound)),
    }
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

    /// An allowed access whose purpose names what was done besides the basis
    /// (`"<basis>;<detail>"`, e.g. `own_organisation:administrator;codebook`).
    #[allow(clippy::too_many_arguments)]
    pub fn ok_as(
        &self,
        at: Timestamp,
        action: AuditAction,
        subject_type: &str,
        subject_id: Option<String>,
        org: Option<String>,
        basis: Basis,
        detail: &str,
    ) -> AuditEvent {
        self.event(at, action, subject_type, subject_id, org, format!("{};{detail}", basis.describe()), AuditOutcome::Ok)
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

    /// The organisation the actor works in now, as the audit log names it.
    pub fn org_text(&self) -> Option<String> {
        self.org.map(|o| o.to_string())
    }

    /// Refuses an access: writes the denial to the audit log (kept even when the transaction
    /// is rolled back) and returns `answer` for the caller to give. Use [`AppError::NotFound`]
    /// for a record the actor may not know exists, [`AppError::Forbidden`] where the record
    /// itself is no secret (the actor's own organisation, a form it may not send).
    pub fn refuse(&self, tx: &mut Tx<'_>, at: Timestamp, action: AuditAction, subject: Subject, answer: AppError) -> AppError {
        tx.audit_always(self.denied(at, action, subject.kind, subject.id, subject.org));
        answer
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
