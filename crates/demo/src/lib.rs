//! The demo data set: a fictional partnership shaped like Projekt Peer-støtte (one region, three
//! municipalities, two associations), the same for the same seed and day, with no real person in it.

mod access;
mod directory;
mod journey;
mod measurement;
mod people;
mod qualitative;
mod workforce;

use std::sync::Arc;

use sammen_app::domain::audit::{AuditAction, AuditEvent};
use sammen_app::domain::ids::OrgId;
use sammen_app::domain::time::Timestamp;
use sammen_app::store::directory as sd;
use sammen_app::store::{StoreError, Tx};
use sammen_app::{App, AppResult, ManualClock, Random, SeededRandom};

/// The password of every demo account. Printed by `sammen demo`; never use it elsewhere.
pub const DEMO_PASSWORD: &str = "sammen-demo-2026";

/// The seed of `seed`: every start of `sammen demo` on an empty database makes the same data.
pub const DEFAULT_SEED: u64 = 0x5a33_e11e;

/// A demo login, for printing.
#[derive(Debug, Clone)]
pub struct DemoLogin {
    pub email: String,
    pub role: String,
    pub organisation: String,
}

/// The demo logins, as `seed` creates them (for printing on every start of the demo).
pub fn logins() -> Vec<DemoLogin> {
    let mut out = access::logins();
    out.push(workforce::external_login());
    out.extend(qualitative::logins());
    out
}

/// Creates the demo data, dated from the app's today, if the database has no organisations.
/// Returns the logins, or None when the database already held data (then nothing is changed).
pub fn seed(app: &App) -> AppResult<Option<Vec<DemoLogin>>> {
    seed_with(app, DEFAULT_SEED)
}

/// `seed` with a seed of the caller's: the same seed and the same instant make the same data.
pub fn seed_with(app: &App, seed: u64) -> AppResult<Option<Vec<DemoLogin>>> {
    if app.db.read_blocking(sd::count_orgs)? > 0 {
        return Ok(None);
    }
    // One instant for every row, and ids and salts from the seed: the ids decide the order of
    // equal names in lists, and later steps pick people from those lists.
    let app = &App { clock: Arc::new(ManualClock::new(app.now())), random: Arc::new(SeededRandom::new(seed)), ..app.clone() };
    let pick = Rng::new(seed, 1);
    let orgs = directory::organisations(app);
    let mut accounts = access::accounts(app, &pick, &orgs)?;
    let programmes = directory::programmes(app, &orgs);
    let peers = people::peers(app, &pick, &orgs, &accounts);
    let participants = people::participants(app, &pick, &orgs, &peers, &programmes);
    let partnerships = directory::partnerships(app, &orgs);
    {
        let (orgs, users, partnerships, programmes, peers, participants) =
            (orgs.clone(), std::mem::take(&mut accounts.users), partnerships, programmes.clone(), peers.clone(), participants.clone());
        let now = app.now();
        app.db.write_blocking(move |tx: &mut Tx<'_>| -> Result<(), StoreError> {
            directory::insert_organisations(tx, now, &orgs)?;
            access::insert_users(tx, now, &users)?;
            directory::insert_partnerships(tx, now, &partnerships)?;
            directory::insert_programmes(tx, now, &programmes)?;
            people::insert(tx, now, &peers, &participants)
        })?;
    }
    let org_ids: Vec<OrgId> = orgs.iter().map(|o| o.id.get()).collect();
    measurement::seed(app, &Rng::new(seed, 2), &programmes, &participants)?;
    workforce::seed_roles(app, &org_ids)?;
    journey::seed_courses(app, &Rng::new(seed, 3), &peers, &participants, &programmes)?;
    workforce::seed_engagements(app, &peers)?;
    journey::seed_intake(app, &org_ids)?;
    journey::seed_groups(app, Rng::new(seed, 4), &org_ids)?;
    accounts.logins.push(workforce::seed_supervision(app, &org_ids)?);
    workforce::seed_training(app, &org_ids)?;
    workforce::seed_recruitment(app, &org_ids)?;
    accounts.logins.extend(qualitative::seed(app, &programmes, &participants)?);
    Ok(Some(accounts.logins))
}

/// The generator of every choice the demo makes (the app's seeded generator, one stream per
/// part), so the data set depends on the seed alone and stays the same when a use case starts
/// drawing one more id.
pub(crate) struct Rng(SeededRandom);

impl Rng {
    /// The generator of one part of the data set (`stream`), so adding a choice in one part
    /// leaves the others as they were.
    pub(crate) fn new(seed: u64, stream: u64) -> Self {
        Rng(SeededRandom::new(seed ^ stream.wrapping_mul(0x9e37_79b9_7f4a_7c15)))
    }

    /// A number below `below` (0 when `below` is 0).
    pub(crate) fn n(&self, below: usize) -> usize {
        let x = u64::from_le_bytes(self.bytes());
        usize::try_from(x % u64::try_from(below.max(1)).unwrap_or(u64::MAX)).unwrap_or(0)
    }

    pub(crate) fn of<'b>(&self, xs: &'b [&'b str]) -> &'b str {
        xs[self.n(xs.len())]
    }

    pub(crate) fn chance(&self, percent: usize) -> bool {
        self.n(100) < percent
    }

    pub(crate) fn bytes<const N: usize>(&self) -> [u8; N] {
        let mut b = [0u8; N];
        self.0.fill(&mut b);
        b
    }
}

/// The audit record of a row the demo data set creates or changes: no actor, purpose
/// `demo_data`, route `cli demo`.
/// The zone an organisation counts its days in, as the app reads it: the demo dates every
/// record on its own organisation's calendar.
pub(crate) fn zone_of(app: &App, org: sammen_app::domain::OrgId) -> sammen_app::domain::time::Zone {
    app.db.read_blocking(|c| sammen_app::zone::zone_of(c, Some(org))).unwrap_or_default()
}

pub(crate) fn event(at: Timestamp, action: AuditAction, subject_type: &str, id: &str, org: Option<&str>) -> AuditEvent {
    AuditEvent::system(at, org, action, subject_type, Some(id.to_owned()), "demo_data", "cli demo")
}

/// `event` for a row of an organisation.
pub(crate) fn org_event(at: Timestamp, action: AuditAction, subject_type: &str, id: &str, org: &str) -> AuditEvent {
    event(at, action, subject_type, id, Some(org))
}
