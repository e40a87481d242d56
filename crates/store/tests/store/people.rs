//! People: the participant search, matching text literally and paging.

use sammen_domain::people::{Engagement, ParticipantStatus, PeerStatus, search_key};
use sammen_domain::{OrgId, PeerWorkerId};
use sammen_store::people::ParticipantQuery;
use sammen_store::rows::{ParticipantRow, PeerWorkerRow};
use sammen_store::{Db, Page, StoreError, Stored, directory, people, stored};
use sammen_test_support::backends;

use crate::harness::*;

struct SearchFixture {
    org: OrgId,
    peer1: PeerWorkerId,
    peer2: PeerWorkerId,
}

fn peer_row(org: OrgId, name: &str) -> PeerWorkerRow {
    PeerWorkerRow {
        id: Stored(new_id()),
        organisation_id: org.into(),
        user_id: None,
        display_name: name.into(),
        email: None,
        phone: None,
        engagement: Stored(Engagement::Volunteer),
        status: Stored(PeerStatus::Active),
        languages: "da".into(),
        modes: "in_person".into(),
        created_at: T0,
        updated_at: T0,
    }
}

fn participant_row(org: OrgId, n: i64, name: &str, peer: Option<PeerWorkerId>, created_at: i64) -> ParticipantRow {
    let pseudonym = format!("D-T{n:03}-XX");
    ParticipantRow {
        id: Stored(new_id()),
        organisation_id: org.into(),
        programme_id: None,
        search_key: search_key(&[&pseudonym, name]),
        pseudonym,
        name: Some(name.into()),
        cpr: None,
        birth_year: Some(1990),
        gender: None,
        phone: None,
        email: None,
        status: Stored(ParticipantStatus::Active),
        languages: "da".into(),
        assigned_peer_id: stored(peer),
        created_at,
        updated_at: created_at,
        started_at: Some(created_at),
        closed_at: None,
    }
}

/// Org A with two peers and named participants, 25 "Paging Person" participants (odd ones
/// with peer 1, two sharing one instant), and org B with a namesake that must never show.
fn search_fixture(db: &Db) -> SearchFixture {
    db.write_blocking(|tx| {
        let (a, b) = (org_row("A"), org_row("B"));
        directory::insert_org(tx.conn(), &a)?;
        directory::insert_org(tx.conn(), &b)?;
        let (p1, p2) = (peer_row(*a.id, "Peer One"), peer_row(*a.id, "Peer Two"));
        people::insert_peer(tx.conn(), &p1)?;
        people::insert_peer(tx.conn(), &p2)?;
        let named = [
            ("Anna Hansen", Some(*p1.id)),
            ("Anna_B", Some(*p1.id)),
            ("Annaxb", None),
            ("Bo 100%", Some(*p2.id)),
            ("Bo 1000", Some(*p2.id)),
            ("Søren Østergaard", None),
        ];
        for (n, (name, peer)) in named.iter().enumerate() {
            people::insert_participant(tx.conn(), &participant_row(*a.id, n as i64, name, *peer, T0))?;
        }
        for n in 0..25 {
            let peer = (n % 2 == 1).then_some(*p1.id);
            // Two share an instant, so that the id breaks the tie.
            let at = T0 + 1000 + if n == 24 { 23 } else { n };
            let mut p = participant_row(*a.id, 100 + n, &format!("Paging Person {n:02}"), peer, at);
            match n {
                23 => p.id = Stored(uuid::Uuid::from_u128(1).into()),
                24 => p.id = Stored(uuid::Uuid::from_u128(2).into()),
                _ => {}
            }
            people::insert_participant(tx.conn(), &p)?;
        }
        people::insert_participant(tx.conn(), &participant_row(*b.id, 0, "Anna Hansen", None, T0))?;
        Ok::<_, StoreError>(SearchFixture { org: *a.id, peer1: *p1.id, peer2: *p2.id })
    })
    .unwrap()
}

fn search(db: &Db, q: &ParticipantQuery, offset: i64, limit: i64) -> (Vec<String>, i64) {
    let (rows, total) = db.read_blocking(|c| people::search_participants(c, q, Page { offset, limit })).unwrap();
    (rows.into_iter().map(|r| r.name.unwrap_or_default()).collect(), total)
}

#[test]
fn participant_search_matches_text_literally_and_pages() {
    for t in backends() {
        let db = t.open();
        let f = search_fixture(&db);
        let text = |s: &str| ParticipantQuery { text: Some(s.into()), ..ParticipantQuery::in_org(f.org) };
        let names = |q: &ParticipantQuery| {
            let (mut n, total) = search(&db, q, 0, 100);
            assert_eq!(total, n.len() as i64, "{}: total for {q:?}", t.name);
            n.sort();
            n
        };
        let check = |q: &str, want: &[&str]| assert_eq!(names(&text(q)), want, "{}: text {q:?}", t.name);

        check("hansen", &["Anna Hansen"]);
        check("HANSEN", &["Anna Hansen"]);
        check("ØSTER", &["Søren Østergaard"]);
        check("100%", &["Bo 100%"]);
        check("%", &["Bo 100%"]);
        check("a_b", &["Anna_B"]);
        check("_", &["Anna_B"]);
        check("\\", &[]);
        check("d-t001", &["Anna_B"]);

        // Paging: newest first, ties broken by id (newest first too), totals on every page.
        let q = text("paging person");
        let pages: Vec<(Vec<String>, i64)> = [0, 10, 20].iter().map(|o| search(&db, &q, *o, 10)).collect();
        assert_eq!(pages.iter().map(|p| p.1).collect::<Vec<_>>(), [25, 25, 25], "{}", t.name);
        assert_eq!(pages.iter().map(|p| p.0.len()).collect::<Vec<_>>(), [10, 10, 5], "{}", t.name);
        let all: Vec<String> = pages.into_iter().flat_map(|p| p.0).collect();
        let mut want: Vec<String> = (0..24).rev().map(|n| format!("Paging Person {n:02}")).collect();
        want.insert(0, "Paging Person 24".into()); // same instant as 23, larger id
        assert_eq!(all, want, "{}: order across pages", t.name);
        assert_eq!(search(&db, &q, 25, 10), (vec![], 25), "{}: past the end", t.name);

        // assigned_to narrows to those peers' caseloads.
        let assigned = |peers: &[&PeerWorkerId], text: Option<&str>| ParticipantQuery {
            text: text.map(str::to_owned),
            assigned_to: Some(peers.iter().map(|p| **p).collect()),
            ..ParticipantQuery::in_org(f.org)
        };
        let odd: Vec<String> = (0..25).filter(|n| n % 2 == 1).map(|n| format!("Paging Person {n:02}")).collect();
        assert_eq!(names(&assigned(&[&f.peer1], Some("paging"))), odd, "{}", t.name);
        assert_eq!(names(&assigned(&[&f.peer1], Some("anna"))), ["Anna Hansen", "Anna_B"], "{}", t.name);
        assert_eq!(names(&assigned(&[&f.peer2], None)), ["Bo 100%", "Bo 1000"], "{}", t.name);
        assert_eq!(names(&assigned(&[&f.peer1, &f.peer2], None)).len(), 12 + 2 + 2, "{}", t.name);
        assert_eq!(names(&assigned(&[], None)), Vec::<String>::new(), "{}: no peers, no one", t.name);
    }
}
