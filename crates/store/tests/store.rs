//! The store's tests: one binary, every test on every backend (`sammen_test_support::backends`:
//! SQLite always, PostgreSQL when `SAMMEN_TEST_PG` is set, and always in CI).

// Test code: a failed expectation should stop the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::mpsc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use diesel::RunQueryDsl;
use sammen_domain::audit::{AuditAction, AuditEvent, AuditOutcome, ChainVerifier};
use sammen_domain::people::search_key;
use sammen_domain::time::Timestamp;
use sammen_store::people::ParticipantQuery;
use sammen_store::rows::{AuditRow, OrganisationRow, ParticipantRow, PeerWorkerRow, ProgrammeRow};
use sammen_store::{
    BackendKind, ColumnInfo, Db, DbConnection, DbOptions, DbUrl, Page, StoreError, audit, directory, introspect_schema, people,
};
use sammen_test_support::{TestDb, backends};

/// A fixed instant: tests never read the clock for data.
const T0: i64 = 1_795_000_000_000_000;

fn new_id() -> String {
    #[allow(clippy::disallowed_methods)] // row ids in store tests need no controlled clock
    uuid::Uuid::now_v7().to_string()
}

fn org_row(name: &str) -> OrganisationRow {
    OrganisationRow { id: new_id(), name: name.into(), kind: "municipality".into(), require_totp: false, created_at: T0, updated_at: T0 }
}

fn event(org: &str, subject: &str, purpose: &str, outcome: AuditOutcome) -> AuditEvent {
    AuditEvent {
        at: Timestamp(T0),
        actor: Some("user-test".into()),
        organisation: Some(org.into()),
        action: AuditAction::Create,
        subject_type: "organisation".into(),
        subject_id: Some(subject.into()),
        purpose: purpose.into(),
        route: "TEST".into(),
        outcome,
    }
}

/// Every audit row, in order.
fn audit_rows(db: &Db) -> Vec<AuditRow> {
    db.read_blocking(|c| audit::rows_after(c, 0, 1_000_000)).unwrap()
}

/// Verifies the whole chain page by page against the stored head; returns how many records.
fn verify_chain(db: &Db) -> Result<u64, String> {
    db.read_blocking(|c| Ok::<_, StoreError>(verify_chain_on(c))).map_err(|e| e.to_string())?
}

fn verify_chain_on(c: &mut DbConnection) -> Result<u64, String> {
    let mut v = ChainVerifier::default();
    let mut after = 0;
    loop {
        let page = audit::rows_after(c, after, 37).map_err(|e| e.to_string())?;
        if page.is_empty() {
            break;
        }
        for row in page {
            let r = audit::from_row(row).map_err(|e| e.to_string())?;
            v.feed(&r).map_err(|b| format!("{b:?}"))?;
            after = r.seq;
        }
    }
    let (seq, hash) = audit::head(c).map_err(|e| e.to_string())?;
    v.finish(seq, &hash).map_err(|b| format!("{b:?}"))
}

fn org_names(db: &Db) -> BTreeSet<String> {
    db.read_blocking(directory::orgs).unwrap().into_iter().map(|o| o.name).collect()
}

/// Polls a future once, so that a `Db::write` puts its job in the writer's queue now.
fn enqueue<F: Future>(f: &mut Pin<Box<F>>) {
    let mut cx = Context::from_waker(Waker::noop());
    assert!(matches!(f.as_mut().poll(&mut cx), Poll::Pending), "the job ran before the writer was free");
}

#[test]
fn both_migrated_schemas_agree() {
    let mut schemas: Vec<(&'static str, Vec<ColumnInfo>)> = Vec::new();
    for t in backends() {
        let db = t.open();
        let cols = db.read_blocking(introspect_schema).unwrap();
        let has = |table: &str, column: &str| cols.iter().any(|c| c.table == table && c.column == column);
        assert!(has("audit_log", "hash") && has("participants", "search_key"), "{}: schema incomplete: {cols:#?}", t.name);
        assert!(!cols.iter().any(|c| c.table.starts_with("__diesel")), "{}: migration bookkeeping listed", t.name);
        schemas.push((t.name, cols));
    }
    if let [(a_name, a), (b_name, b)] = schemas.as_slice() {
        let (a_set, b_set): (BTreeSet<_>, BTreeSet<_>) = (a.iter().collect(), b.iter().collect());
        let only_a: Vec<_> = a_set.difference(&b_set).collect();
        let only_b: Vec<_> = b_set.difference(&a_set).collect();
        assert!(only_a.is_empty() && only_b.is_empty(), "schemas differ:\nonly on {a_name}: {only_a:#?}\nonly on {b_name}: {only_b:#?}");
        assert_eq!(a, b);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn group_commit_keeps_every_job_and_only_the_audit_it_should() {
    for t in backends() {
        let db = t.open();
        let mut jobs = Vec::new();
        for i in 0..200 {
            let db = db.clone();
            jobs.push(tokio::spawn(async move {
                db.write(move |tx| {
                    let o = org_row(&format!("org {i:03}"));
                    directory::insert_org(tx.conn(), &o)?;
                    tx.audit(event(&o.id, &o.id, &format!("job {i}"), AuditOutcome::Ok));
                    if i % 10 == 7 {
                        tx.audit_always(event(&o.id, &o.id, &format!("always {i}"), AuditOutcome::Denied));
                        return Err(StoreError::Io(format!("job {i} fails on purpose")));
                    }
                    Ok(o.name)
                })
                .await
            }));
        }
        let mut committed = BTreeSet::new();
        for (i, job) in jobs.into_iter().enumerate() {
            match job.await.unwrap() {
                Ok(name) => assert!(i % 10 != 7 && committed.insert(name), "{}: job {i}", t.name),
                Err(e) => assert!(i % 10 == 7, "{}: job {i} failed: {e}", t.name),
            }
        }
        assert_eq!(committed.len(), 180, "{}", t.name);
        assert_eq!(org_names(&db), committed, "{}: a failed job left its row, or a good one lost it", t.name);

        let purposes: Vec<String> = audit_rows(&db).into_iter().map(|r| r.purpose).collect();
        let expected: BTreeSet<String> = (0..200).map(|i| if i % 10 == 7 { format!("always {i}") } else { format!("job {i}") }).collect();
        assert_eq!(purposes.len(), 200, "{}: audit records", t.name);
        assert_eq!(purposes.iter().cloned().collect::<BTreeSet<_>>(), expected, "{}: audit contents", t.name);
        assert_eq!(verify_chain(&db), Ok(200), "{}", t.name);
        let (head_seq, head_hash) = db.read_blocking(audit::head).unwrap();
        let last = audit_rows(&db).pop().unwrap();
        assert_eq!((head_seq, head_hash), (last.seq, last.hash), "{}: head", t.name);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_job_leaves_no_row_and_keeps_only_its_audit_always_event() {
    for t in backends() {
        let db = t.open();
        let r = db
            .write(|tx| {
                let o = org_row("Doomed");
                directory::insert_org(tx.conn(), &o)?;
                tx.audit(event(&o.id, &o.id, "vanishes", AuditOutcome::Ok));
                tx.audit_always(event(&o.id, &o.id, "kept", AuditOutcome::Denied));
                Err::<(), _>(StoreError::Io("no".into()))
            })
            .await;
        assert!(matches!(r, Err(StoreError::Io(ref m)) if m == "no"), "{}: {r:?}", t.name);
        assert!(db.read_blocking(|c| directory::org_by_name(c, "Doomed")).unwrap().is_none(), "{}", t.name);
        let purposes: Vec<String> = audit_rows(&db).into_iter().map(|r| r.purpose).collect();
        assert_eq!(purposes, ["kept"], "{}", t.name);
        assert_eq!(verify_chain(&db), Ok(1), "{}", t.name);
    }
}

/// A job that hides a failed statement and returns Ok must not cost the other jobs of its
/// group commit their writes. (On PostgreSQL a failed statement aborts the transaction, and
/// a COMMIT of an aborted transaction quietly rolls it back.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_hiding_a_failed_statement_does_not_sink_its_batch() {
    for t in backends() {
        // One writer, so that the three jobs below share one group commit.
        let db = t.open_with(&DbOptions { writers: 1, ..DbOptions::default() });
        db.write(|tx| directory::insert_org(tx.conn(), &org_row("Taken"))).await.unwrap();

        let (started_tx, started_rx) = mpsc::channel::<()>();
        let (release_tx, release_rx) = mpsc::channel::<()>();
        let gate_db = db.clone();
        let gate = tokio::spawn(async move {
            gate_db
                .write(move |_tx| {
                    started_tx.send(()).unwrap();
                    release_rx.recv_timeout(Duration::from_secs(30)).map_err(|e| StoreError::Io(e.to_string()))
                })
                .await
        });
        started_rx.recv_timeout(Duration::from_secs(30)).unwrap();

        let mut before = Box::pin(db.write(|tx| directory::insert_org(tx.conn(), &org_row("Before"))));
        let mut hider = Box::pin(db.write(|tx| {
            directory::insert_org(tx.conn(), &org_row("Hider"))?;
            // Swallowed: the job carries on as if nothing happened.
            let dup = directory::insert_org(tx.conn(), &org_row("Taken"));
            Ok::<_, StoreError>(dup.is_err_and(|e| e.is_unique_violation()))
        }));
        let mut after = Box::pin(db.write(|tx| directory::insert_org(tx.conn(), &org_row("After"))));
        enqueue(&mut before);
        enqueue(&mut hider);
        enqueue(&mut after);
        release_tx.send(()).unwrap();
        gate.await.unwrap().unwrap();

        let (before, hider, after) = (before.await, hider.await, after.await);
        let names = org_names(&db);
        assert!(before.is_ok() && names.contains("Before"), "{}: {before:?} {names:?}", t.name);
        assert!(after.is_ok() && names.contains("After"), "{}: {after:?} {names:?}", t.name);
        // The hider's own fate may differ by backend, but what it is told must be true.
        assert_eq!(hider.is_ok(), names.contains("Hider"), "{}: {hider:?} {names:?}", t.name);
        if let Ok(dup_failed) = hider {
            assert!(dup_failed, "{}: the duplicate insert should have failed", t.name);
        }
    }
}

#[test]
fn audit_log_is_append_only() {
    for t in backends() {
        let db = t.open();
        db.write_blocking(|tx| {
            tx.audit(event("org", "subject", "recorded", AuditOutcome::Ok));
            Ok::<_, StoreError>(())
        })
        .unwrap();
        let mut c = t.connect();
        let update = diesel::sql_query("UPDATE audit_log SET purpose = 'tampered'").execute(&mut c);
        assert!(update.is_err(), "{}: UPDATE was allowed", t.name);
        let delete = diesel::sql_query("DELETE FROM audit_log").execute(&mut c);
        assert!(delete.is_err(), "{}: DELETE was allowed", t.name);
        if matches!(c, DbConnection::Pg(_)) {
            let truncate = diesel::sql_query("TRUNCATE audit_log").execute(&mut c);
            assert!(truncate.is_err(), "{}: TRUNCATE was allowed", t.name);
        }
        let rows = audit_rows(&db);
        assert_eq!(rows.len(), 1, "{}", t.name);
        assert_eq!(rows[0].purpose, "recorded", "{}", t.name);
        assert_eq!(verify_chain(&db), Ok(1), "{}", t.name);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_audited_read_commits_its_audit_and_may_not_write() {
    for t in backends() {
        let db = t.open();
        let n = db
            .audited_read(|tx| {
                tx.audit(event("org", "read-subject", "read", AuditOutcome::Ok));
                Ok::<_, StoreError>(directory::orgs(tx.conn())?.len())
            })
            .await
            .unwrap();
        assert_eq!(n, 0, "{}", t.name);
        let failed = db
            .audited_read(|tx| {
                tx.audit(event("org", "dropped", "read", AuditOutcome::Ok));
                tx.audit_always(event("org", "denied-subject", "denied", AuditOutcome::Denied));
                Err::<(), _>(StoreError::Io("denied".into()))
            })
            .await;
        assert!(failed.is_err(), "{}", t.name);
        let purposes: Vec<String> = audit_rows(&db).into_iter().map(|r| r.purpose).collect();
        assert_eq!(purposes, ["read", "denied"], "{}: the read's record and the denial; not the failed job's ordinary event", t.name);
        // The contract is checked in debug builds (the test profile) on SQLite: a read that
        // writes fails, and nothing of it stays.
        if t.name == "sqlite" {
            let wrote = db
                .audited_read(|tx| {
                    directory::insert_org(tx.conn(), &org_row("Sneaky"))?;
                    Ok::<_, StoreError>(())
                })
                .await;
            assert!(wrote.is_err(), "a write inside an audited read is refused");
            assert!(!org_names(&db).contains("Sneaky"), "and rolled back");
        }
        assert_eq!(verify_chain(&db), Ok(2), "{}", t.name);
    }
}

#[test]
fn audit_subject_search_finds_records_before_and_after_bulk_indexing() {
    for t in backends() {
        // The writer's own periodic indexing stays out of the way; the test indexes by hand.
        let db = t.open_with(&DbOptions { index_subjects_every: Duration::from_secs(3600), ..DbOptions::default() });
        let write = |subject: &'static str, n: usize| {
            db.write_blocking(move |tx| {
                for _ in 0..n {
                    tx.audit(event("org", subject, "recorded", AuditOutcome::Ok));
                }
                Ok::<_, StoreError>(())
            })
            .unwrap()
        };
        let by_subject = |subject: &str| {
            let f = sammen_store::audit::AuditFilter { subject: Some(subject.into()), ..Default::default() };
            db.read_blocking(|c| sammen_store::audit::search(c, &f, Page { offset: 0, limit: 100 })).unwrap()
        };
        write("alice", 3);
        write("bob", 2);
        // Before indexing: found by the range scan past the mark.
        assert_eq!(by_subject("alice").1, 3, "{}", t.name);
        let n = {
            let mut c = t.connect();
            sammen_store::audit::index_subjects(&mut c).unwrap()
        };
        assert_eq!(n, 5, "{}: every record with a subject is indexed once", t.name);
        write("alice", 1);
        // Indexed and not yet indexed records together, each once, newest first.
        let (rows, total) = by_subject("alice");
        assert_eq!(total, 4, "{}", t.name);
        assert_eq!(rows.iter().map(|r| r.seq).collect::<Vec<_>>(), vec![6, 3, 2, 1], "{}", t.name);
        assert_eq!(by_subject("bob").1, 2, "{}", t.name);
        assert_eq!(by_subject("carol").1, 0, "{}", t.name);
        let again = {
            let mut c = t.connect();
            sammen_store::audit::index_subjects(&mut c).unwrap()
        };
        assert_eq!(again, 1, "{}: only the new record", t.name);
        assert_eq!(by_subject("alice").1, 4, "{}", t.name);
        assert_eq!(verify_chain(&db), Ok(6), "{}", t.name);
    }
}

struct SearchFixture {
    org: String,
    peer1: String,
    peer2: String,
}

fn peer_row(org: &str, name: &str) -> PeerWorkerRow {
    PeerWorkerRow {
        id: new_id(),
        organisation_id: org.into(),
        user_id: None,
        display_name: name.into(),
        email: None,
        phone: None,
        engagement: "volunteer".into(),
        status: "active".into(),
        languages: "da".into(),
        modes: "in_person".into(),
        created_at: T0,
        updated_at: T0,
    }
}

fn participant_row(org: &str, n: i64, name: &str, peer: Option<&str>, created_at: i64) -> ParticipantRow {
    let pseudonym = format!("D-T{n:03}-XX");
    ParticipantRow {
        id: new_id(),
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
        status: "active".into(),
        languages: "da".into(),
        assigned_peer_id: peer.map(str::to_owned),
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
        let (p1, p2) = (peer_row(&a.id, "Peer One"), peer_row(&a.id, "Peer Two"));
        people::insert_peer(tx.conn(), &p1)?;
        people::insert_peer(tx.conn(), &p2)?;
        let named = [
            ("Anna Hansen", Some(p1.id.as_str())),
            ("Anna_B", Some(p1.id.as_str())),
            ("Annaxb", None),
            ("Bo 100%", Some(p2.id.as_str())),
            ("Bo 1000", Some(p2.id.as_str())),
            ("Søren Østergaard", None),
        ];
        for (n, (name, peer)) in named.iter().enumerate() {
            people::insert_participant(tx.conn(), &participant_row(&a.id, n as i64, name, *peer, T0))?;
        }
        for n in 0..25 {
            let peer = (n % 2 == 1).then_some(p1.id.as_str());
            // Two share an instant, so that the id breaks the tie.
            let at = T0 + 1000 + if n == 24 { 23 } else { n };
            let mut p = participant_row(&a.id, 100 + n, &format!("Paging Person {n:02}"), peer, at);
            match n {
                23 => p.id = "tie-a".into(),
                24 => p.id = "tie-b".into(),
                _ => {}
            }
            people::insert_participant(tx.conn(), &p)?;
        }
        people::insert_participant(tx.conn(), &participant_row(&b.id, 0, "Anna Hansen", None, T0))?;
        Ok::<_, StoreError>(SearchFixture { org: a.id, peer1: p1.id, peer2: p2.id })
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
        let text = |s: &str| ParticipantQuery { org: f.org.clone(), text: Some(s.into()), ..ParticipantQuery::default() };
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
        let assigned = |peers: &[&String], text: Option<&str>| ParticipantQuery {
            org: f.org.clone(),
            text: text.map(str::to_owned),
            assigned_to: Some(peers.iter().map(|p| (*p).clone()).collect()),
            ..ParticipantQuery::default()
        };
        let odd: Vec<String> = (0..25).filter(|n| n % 2 == 1).map(|n| format!("Paging Person {n:02}")).collect();
        assert_eq!(names(&assigned(&[&f.peer1], Some("paging"))), odd, "{}", t.name);
        assert_eq!(names(&assigned(&[&f.peer1], Some("anna"))), ["Anna Hansen", "Anna_B"], "{}", t.name);
        assert_eq!(names(&assigned(&[&f.peer2], None)), ["Bo 100%", "Bo 1000"], "{}", t.name);
        assert_eq!(names(&assigned(&[&f.peer1, &f.peer2], None)).len(), 12 + 2 + 2, "{}", t.name);
        assert_eq!(names(&assigned(&[], None)), Vec::<String>::new(), "{}: no peers, no one", t.name);
    }
}

#[test]
fn unique_violations_are_recognised() {
    for t in backends() {
        let db = t.open();
        db.write_blocking(|tx| directory::insert_org(tx.conn(), &org_row("Same"))).unwrap();
        let again = db.write_blocking(|tx| directory::insert_org(tx.conn(), &org_row("Same")));
        assert!(again.as_ref().is_err_and(StoreError::is_unique_violation), "{}: {again:?}", t.name);

        // Other constraint failures are not unique violations.
        let orphan = db.write_blocking(|tx| {
            directory::insert_programme(
                tx.conn(),
                &ProgrammeRow {
                    id: new_id(),
                    organisation_id: "no-such-org".into(),
                    name: "P".into(),
                    description: None,
                    delivery: "individual".into(),
                    modes: "phone".into(),
                    locations: String::new(),
                    active: true,
                    created_at: T0,
                    updated_at: T0,
                },
            )
        });
        assert!(orphan.as_ref().is_err_and(|e| !e.is_unique_violation()), "{}: {orphan:?}", t.name);
        assert_eq!(org_names(&db).len(), 1, "{}", t.name);
    }
}

#[test]
fn sqlite_backup_is_a_working_copy_and_never_overwrites() {
    for t in backends() {
        let db = t.open();
        for name in ["One", "Two", "Three"] {
            db.write_blocking(move |tx| {
                let o = org_row(name);
                directory::insert_org(tx.conn(), &o)?;
                tx.audit(event(&o.id, &o.id, "made", AuditOutcome::Ok));
                Ok::<_, StoreError>(())
            })
            .unwrap();
        }
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("backup.db");
        if t.url.kind() == BackendKind::Postgres {
            assert!(db.backup_sqlite(&out).is_err(), "{}: needs SQLite", t.name);
            assert!(!out.exists());
            continue;
        }
        db.backup_sqlite(&out).unwrap();
        let bytes = std::fs::read(&out).unwrap();
        assert!(db.backup_sqlite(&out).is_err(), "{}: overwrote an existing file", t.name);
        assert_eq!(std::fs::read(&out).unwrap(), bytes, "{}: the existing file changed", t.name);

        let copy = Db::open(&DbUrl::parse(&format!("sqlite:{}", out.display())).unwrap(), &DbOptions::default()).unwrap();
        assert_eq!(org_names(&copy), ["One", "Three", "Two"].map(String::from).into(), "{}", t.name);
        assert_eq!(verify_chain(&copy), Ok(3), "{}: the copy's audit chain", t.name);
    }
}

/// Keeps `TestDb` in the public surface this binary checks (its fields are the contract).
#[test]
fn backends_are_named_and_fresh() {
    let all: Vec<TestDb> = backends();
    assert_eq!(all[0].name, "sqlite");
    for t in &all {
        let db = t.open();
        assert_eq!(db.read_blocking(directory::count_orgs).unwrap(), 0, "{}: not fresh", t.name);
        assert_eq!(db.read_blocking(audit::head).unwrap().0, 0, "{}", t.name);
        assert_eq!(db.url(), &t.url);
    }
    if std::env::var_os("SAMMEN_TEST_PG").is_some() {
        assert!(all.iter().any(|t| t.name == "postgres" && t.url.kind() == BackendKind::Postgres));
    }
}
