//! The audit log: append-only, written with audited reads, and searchable by subject.

use std::time::Duration;

use diesel::RunQueryDsl;
use sammen_domain::audit::AuditOutcome;
use sammen_store::{DbConnection, DbOptions, Page, StoreError, directory};
use sammen_test_support::backends;

use crate::harness::*;

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
