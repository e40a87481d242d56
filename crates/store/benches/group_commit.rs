//! Audited write throughput of the group-commit writer, and the cost of the audit hash chain.
//!
//! `cargo bench -p sammen-store --bench group_commit -- --measurement-time 5`
//!
//! - `group_commit/sqlite/{1,16,64}`: that many write jobs at once, each inserting one small
//!   row (an organisation) and one audit event through `Db::write`, on a SQLite file in a
//!   temporary directory with the production settings (WAL, `synchronous = FULL`, checked
//!   before measuring). One iteration is one round of jobs; criterion's throughput is audited
//!   writes per second, each durable before its caller is answered.
//! - `group_commit/postgres/{1,16,64}`: the same on PostgreSQL, when `SAMMEN_BENCH_PG` names
//!   an empty database (e.g. `postgres://postgres@127.0.0.1:55432/sammen_bench`).
//! - `audit_chain/extend_chain/1000`: hashing 1,000 events onto the chain
//!   (`sammen_domain::audit::extend_chain`), without any database.
//!
//! Results and the commands that produced them are in BENCHMARKS.md.

// Benchmark code: a failed set-up should stop the run with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use diesel::RunQueryDsl;
use diesel::sql_types::{BigInt, Text};
use sammen_domain::OrgId;
use sammen_domain::audit::{AuditAction, AuditEvent, AuditOutcome, GENESIS, extend_chain};
use sammen_domain::directory::OrganisationKind;
use sammen_domain::time::Timestamp;
use sammen_store::rows::OrganisationRow;
use sammen_store::{BackendKind, Db, DbOptions, DbUrl, StoreError, Stored, directory};

const CONCURRENCY: [usize; 3] = [1, 16, 64];

static NEXT: AtomicU64 = AtomicU64::new(1);

fn event(n: u64, org: &str) -> AuditEvent {
    AuditEvent {
        at: Timestamp(1_700_000_000_000_000 + n as i64),
        actor: Some("01900000-0000-7000-8000-000000000001".into()),
        organisation: Some(org.to_owned()),
        action: AuditAction::Create,
        subject_type: "organisation".into(),
        subject_id: Some(org.to_owned()),
        purpose: "own_organisation:administrator".into(),
        route: "POST /api/v1/organisations".into(),
        outcome: AuditOutcome::Ok,
    }
}

/// One audited write: a small insert and its audit record, in the next group commit.
async fn audited_write(db: Db) -> Result<(), StoreError> {
    db.write(|tx| -> Result<(), StoreError> {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let id = OrgId::from_uuid(uuid::Uuid::from_u128(u128::from(n) + 1));
        directory::insert_org(
            tx.conn(),
            &OrganisationRow {
                id: id.into(),
                name: format!("Benchmark {n}"),
                kind: Stored(OrganisationKind::Association),
                require_totp: false,
                created_at: n as i64,
                updated_at: n as i64,
                time_zone: sammen_domain::time::DEFAULT_ZONE.into(),
            },
        )?;
        tx.audit(event(n, &id.to_string()));
        Ok(())
    })
    .await
}

#[derive(diesel::QueryableByName)]
struct Synchronous {
    #[diesel(sql_type = BigInt)]
    synchronous: i64,
}

#[derive(diesel::QueryableByName)]
struct JournalMode {
    #[diesel(sql_type = Text)]
    journal_mode: String,
}

/// The writer's own connection must sync every commit: `synchronous = FULL` (2), in WAL mode.
fn check_sqlite_durability(db: &Db) {
    let (sync, journal) = db
        .write_blocking(|tx| -> Result<(i64, String), StoreError> {
            let s: Synchronous = diesel::sql_query("PRAGMA synchronous").get_result(tx.conn())?;
            let j: JournalMode = diesel::sql_query("PRAGMA journal_mode").get_result(tx.conn())?;
            Ok((s.synchronous, j.journal_mode))
        })
        .expect("reading the writer's pragmas");
    assert_eq!(sync, 2, "the writer's connection must run with synchronous = FULL (2)");
    assert_eq!(journal, "wal", "the writer's connection must be in WAL mode");
    eprintln!("writer connection: synchronous = {sync} (FULL), journal_mode = {journal}");
}

fn bench_backend(c: &mut Criterion, rt: &tokio::runtime::Runtime, name: &str, db: &Db) {
    let mut group = c.benchmark_group(format!("group_commit/{name}"));
    group.sample_size(20);
    for n in CONCURRENCY {
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(n.to_string(), |b| {
            b.iter_custom(|iters| {
                rt.block_on(async {
                    let start = Instant::now();
                    for _ in 0..iters {
                        let mut round = tokio::task::JoinSet::new();
                        for _ in 0..n {
                            round.spawn(audited_write(db.clone()));
                        }
                        while let Some(done) = round.join_next().await {
                            done.expect("a write task panicked").expect("an audited write failed");
                        }
                    }
                    start.elapsed()
                })
            });
        });
    }
    group.finish();
}

fn group_commit(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");

    let dir = tempfile::tempdir().expect("temporary directory");
    let url = DbUrl::parse(&format!("sqlite:{}", dir.path().join("bench.db").display())).expect("url");
    let db = Db::open(&url, &DbOptions::default()).expect("opening SQLite");
    assert_eq!(db.backend(), BackendKind::Sqlite);
    check_sqlite_durability(&db);
    bench_backend(c, &rt, "sqlite", &db);

    if let Ok(pg) = std::env::var("SAMMEN_BENCH_PG") {
        let url = DbUrl::parse(&pg).expect("SAMMEN_BENCH_PG is not a postgres:// URL");
        let db = Db::open(&url, &DbOptions::default()).expect("opening PostgreSQL");
        bench_backend(c, &rt, "postgres", &db);
    }
}

fn audit_chain(c: &mut Criterion) {
    let events: Vec<AuditEvent> = (0..1000).map(|n| event(n, "01900000-0000-7000-8000-0000000000aa")).collect();
    let mut group = c.benchmark_group("audit_chain");
    group.throughput(Throughput::Elements(events.len() as u64));
    group.bench_function("extend_chain/1000", |b| {
        b.iter_batched(|| events.clone(), |ev| black_box(extend_chain(0, GENESIS, ev)), BatchSize::SmallInput);
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(1));
    targets = group_commit, audit_chain
}
criterion_main!(benches);
