//! The demo data set depends on its seed and its day alone: two fresh databases seeded alike
//! hold the same people in the same states, whatever the app's own generator draws.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use sammen_app::domain::ids::{OrgId, PeerWorkerId};
use sammen_app::domain::time::Timestamp;
use sammen_app::store::{
    DbConnection, Page, StoreError, journey::courses as ssu, measurement as sm, people as sp, workforce::supervision as ss,
};
use sammen_app::{App, ManualClock, OsRandom, SecurityConfig};
use sammen_test_support::{TestDb, sqlite};

const ALL: Page = Page { offset: 0, limit: i64::MAX };

/// 18 March 2026, 09:00 UTC: the demo's day in these tests.
const DAY: Timestamp = Timestamp(1_773_824_400 * Timestamp::MICROS_PER_SECOND);

/// What a seed made, per organisation (in name order).
#[derive(Debug, PartialEq, Eq)]
struct OrgSummary {
    name: String,
    participants_by_status: BTreeMap<String, i64>,
    peers_by_status: BTreeMap<String, usize>,
    /// Year and month of every month with a wellbeing check-in, with how many peers answered.
    check_in_months: BTreeMap<(i32, u8), usize>,
    courses_by_status: BTreeMap<String, usize>,
    invitations_by_status: BTreeMap<String, usize>,
    referrals_by_status: BTreeMap<String, usize>,
    pseudonyms: BTreeSet<String>,
}

fn summary(db: &TestDb, seed: u64) -> Vec<OrgSummary> {
    // The app's own generator reads the operating system: the demo must not depend on it.
    let app = App::new(db.open(), Arc::new(ManualClock::new(DAY)), Arc::new(OsRandom), SecurityConfig::default());
    let logins = sammen_demo::seed_with(&app, seed).unwrap().expect("an empty database is seeded");
    assert_eq!(logins.len(), sammen_demo::logins().len());
    app.db
        .read_blocking(|c| -> Result<Vec<OrgSummary>, StoreError> {
            sammen_app::store::directory::orgs(c)?.into_iter().map(|o| org_summary(c, o.id.get(), o.name)).collect()
        })
        .unwrap()
}

fn org_summary(c: &mut DbConnection, org: OrgId, name: String) -> Result<OrgSummary, StoreError> {
    let participants_by_status = sp::count_participants(c, org, None)?.into_iter().collect();
    let (peers, _) = sp::peers_of_org(c, org, ALL)?;
    let mut peers_by_status = BTreeMap::new();
    for p in &peers {
        *peers_by_status.entry(p.status.code().to_owned()).or_default() += 1;
    }
    let peer_ids: Vec<PeerWorkerId> = peers.iter().map(|p| p.id.get()).collect();
    let mut months: BTreeMap<(i32, u8), BTreeSet<PeerWorkerId>> = BTreeMap::new();
    for r in ss::check_ins_of(c, &peer_ids, false)? {
        let d = Timestamp(r.answered_at).local().date();
        months.entry((d.year(), u8::from(d.month()))).or_default().insert(r.peer_id.get());
    }
    let q = sp::ParticipantQuery::in_org(org);
    let (participants, _) = sp::search_participants(c, &q, ALL)?;
    let (mut courses_by_status, mut invitations_by_status) = (BTreeMap::new(), BTreeMap::new());
    for p in &participants {
        for course in ssu::courses_of_participant(c, p.id.get())? {
            *courses_by_status.entry(course.status.code().to_owned()).or_default() += 1;
        }
        for inv in sm::invitations_of_participant(c, p.id.get())? {
            *invitations_by_status.entry(inv.status.code().to_owned()).or_default() += 1;
        }
    }
    let mut referrals_by_status = BTreeMap::new();
    for r in ssu::referrals_of_org(c, org, i64::MAX)? {
        *referrals_by_status.entry(r.status.code().to_owned()).or_default() += 1;
    }
    Ok(OrgSummary {
        name,
        participants_by_status,
        peers_by_status,
        check_in_months: months.into_iter().map(|(m, peers)| (m, peers.len())).collect(),
        courses_by_status,
        invitations_by_status,
        referrals_by_status,
        pseudonyms: participants.into_iter().map(|p| p.pseudonym).collect(),
    })
}

#[test]
fn the_same_seed_makes_the_same_data_set() {
    let (a, b) = (sqlite(), sqlite());
    let first = summary(&a, sammen_demo::DEFAULT_SEED);
    let second = summary(&b, sammen_demo::DEFAULT_SEED);
    assert_eq!(first.len(), 6);
    assert_eq!(first, second);
    // The wellbeing page of the first two organisations has a month to show (five or more
    // peers) and a month that is suppressed (fewer).
    for o in first.iter().filter(|o| !o.check_in_months.is_empty()) {
        assert!(o.check_in_months.values().any(|n| *n >= 5) && o.check_in_months.values().any(|n| *n < 5), "{o:?}");
    }
    assert_eq!(first.iter().filter(|o| !o.check_in_months.is_empty()).count(), 2);

    // Another seed makes other people.
    let other = summary(&sqlite(), sammen_demo::DEFAULT_SEED + 1);
    let names = |s: &[OrgSummary]| s.iter().flat_map(|o| o.pseudonyms.iter().cloned()).collect::<BTreeSet<_>>();
    assert_ne!(names(&first), names(&other));
}
