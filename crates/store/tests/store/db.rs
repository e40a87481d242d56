//! The database kernel: both backends' schemas, the writer's group commit, unique violations,
//! backups, and the test backends themselves.

use std::collections::BTreeSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::mpsc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use sammen_domain::audit::AuditOutcome;
use sammen_store::rows::ProgrammeRow;
use sammen_store::{BackendKind, ColumnInfo, Db, DbOptions, DbUrl, StoreError, Stored, audit, directory, introspect_schema};
use sammen_test_support::{TestDb, backends};

use crate::harness::*;

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
                    tx.audit(event(&o.id.to_string(), &o.id.to_string(), &format!("job {i}"), AuditOutcome::Ok));
                    if i % 10 == 7 {
                        tx.audit_always(event(&o.id.to_string(), &o.id.to_string(), &format!("always {i}"), AuditOutcome::Denied));
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
                tx.audit(event(&o.id.to_string(), &o.id.to_string(), "vanishes", AuditOutcome::Ok));
                tx.audit_always(event(&o.id.to_string(), &o.id.to_string(), "kept", AuditOutcome::Denied));
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
                    id: Stored(new_id()),
                    organisation_id: Stored(new_id()),
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
                tx.audit(event(&o.id.to_string(), &o.id.to_string(), "made", AuditOutcome::Ok));
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
