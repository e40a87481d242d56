//! Test support: a fresh database on every backend for each test, so that every store and
//! app test runs on SQLite and on PostgreSQL through the same code.
//!
//! Owns: the throwaway databases of tests (a SQLite file in a temporary directory; a
//! PostgreSQL database cloned from a migrated template), and `tools`: the independent
//! readers (poppler's `pdftotext`, the Python checkers) that tests run on written files. Must not depend on `app` or anything
//! above the store: `sammen-store` dev-depends on this crate.
//!
//! PostgreSQL comes from `SAMMEN_TEST_PG` (an admin URL on a throwaway cluster, as printed by
//! `scripts/pg-test-cluster.sh start`). Without it, tests run on SQLite alone, except in CI
//! (`CI` set), where a missing PostgreSQL is an error: CI must test both backends.
//!
//! Nothing here reads the clock except to make database names unique.

// Test-only code: failing loudly with a clear message is the point.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

pub mod tools;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Once;
use std::sync::atomic::{AtomicU64, Ordering};

use diesel::PgConnection;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use sammen_store::{Db, DbConnection, DbOptions, DbUrl};
use sha2::{Digest, Sha256};

/// The environment variable that names the PostgreSQL admin URL for tests.
pub const PG_ENV: &str = "SAMMEN_TEST_PG";

/// The session-level advisory lock that serialises template building and cloning across
/// test processes (cargo-nextest runs each test in a process of its own).
const TEMPLATE_LOCK: i64 = 0x5a4d_4d45_4e00_0001;

/// A fresh, empty database on one backend, kept for the life of the test.
pub struct TestDb {
    /// "sqlite" or "postgres", for assertion messages.
    pub name: &'static str,
    pub url: DbUrl,
    _guard: Guard,
}

impl std::fmt::Debug for TestDb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TestDb({}, {:?})", self.name, self.url)
    }
}

impl TestDb {
    /// Opens the database with the default options (migrating it, starting the writer).
    pub fn open(&self) -> Db {
        self.open_with(&DbOptions::default())
    }

    pub fn open_with(&self, opts: &DbOptions) -> Db {
        Db::open(&self.url, opts).unwrap_or_else(|e| panic!("{}: could not open the test database: {e}", self.name))
    }

    /// One connection outside the pool and the writer, for raw SQL in tests.
    pub fn connect(&self) -> DbConnection {
        sammen_store::connect_once(&self.url).unwrap_or_else(|e| panic!("{}: could not connect: {e}", self.name))
    }
}

/// A fresh database on each backend under test: always SQLite, and PostgreSQL when
/// `SAMMEN_TEST_PG` is set. Panics when it is unset in CI.
pub fn backends() -> Vec<TestDb> {
    let admin = pg_admin_url();
    if admin.is_none() && in_ci() {
        panic!(
            "{PG_ENV} is not set, but CI must test PostgreSQL too. Start a cluster with \
             `eval \"$(scripts/pg-test-cluster.sh start)\"` before the tests."
        );
    }
    let mut out = vec![sqlite()];
    match admin {
        Some(admin) => out.push(postgres(&admin)),
        None => {
            static SKIP: Once = Once::new();
            SKIP.call_once(|| {
                // Straight to stderr: the test harness captures `eprintln!` of passing tests.
                let _ = writeln!(
                    std::io::stderr(),
                    "note: {PG_ENV} is not set; PostgreSQL is skipped and tests run on SQLite only. \
                     Run `eval \"$(scripts/pg-test-cluster.sh start)\"` to test both backends."
                );
            });
        }
    }
    out
}

/// A fresh SQLite file database in a temporary directory of its own.
pub fn sqlite() -> TestDb {
    let dir = tempfile::Builder::new().prefix("sammen-test-").tempdir().expect("a temporary directory");
    let path = dir.path().join("sammen.db");
    let path = path.to_str().expect("a UTF-8 temporary path");
    let url = DbUrl::parse(&format!("sqlite:{path}")).expect("a SQLite URL");
    TestDb { name: "sqlite", url, _guard: Guard::Sqlite(Some(dir)) }
}

/// A fresh PostgreSQL database, already migrated, cloned from the template for the
/// current migrations on the cluster that `admin` names.
pub fn postgres(admin: &str) -> TestDb {
    let mut conn = PgConnection::establish(admin).unwrap_or_else(|e| panic!("{PG_ENV}: cannot connect to {}: {e}", redact(admin)));
    let template = format!("sammen_tpl_{}", &migrations_hash()[..16]);
    let name = unique_name();
    // Held for both steps: building the template once, and cloning it (CREATE DATABASE
    // fails while another session is connected to its template).
    lock(&mut conn);
    let made = ensure_template(&mut conn, admin, &template)
        .and_then(|()| conn.batch_execute(&format!("CREATE DATABASE {name} TEMPLATE {template}")).map_err(|e| e.to_string()));
    unlock(&mut conn);
    if let Err(e) = made {
        panic!("could not make a PostgreSQL test database: {e}");
    }
    let url = DbUrl::parse(&with_database(admin, &name)).expect("a PostgreSQL URL");
    TestDb { name: "postgres", url, _guard: Guard::Pg { admin: admin.to_owned(), name } }
}

fn pg_admin_url() -> Option<String> {
    std::env::var(PG_ENV).ok().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && !v.eq_ignore_ascii_case("false"))
}

fn lock(conn: &mut PgConnection) {
    conn.batch_execute(&format!("SELECT pg_advisory_lock({TEMPLATE_LOCK})"))
        .unwrap_or_else(|e| panic!("could not take the template lock: {e}"));
}

fn unlock(conn: &mut PgConnection) {
    // Ending the session would release it too; this is for clarity.
    let _ = conn.batch_execute(&format!("SELECT pg_advisory_unlock({TEMPLATE_LOCK})"));
}

#[derive(QueryableByName)]
struct Found {
    #[diesel(sql_type = diesel::sql_types::Integer)]
    #[allow(dead_code)]
    one: i32,
}

fn database_exists(conn: &mut PgConnection, name: &str) -> Result<bool, String> {
    diesel::sql_query("SELECT 1 AS one FROM pg_database WHERE datname = $1")
        .bind::<diesel::sql_types::Text, _>(name)
        .load::<Found>(conn)
        .map(|rows| !rows.is_empty())
        .map_err(|e| e.to_string())
}

/// Builds the template under a scratch name and renames it when fully migrated, so that a
/// test process that dies half-way never leaves a half-migrated template behind.
/// The caller holds the template lock.
fn ensure_template(conn: &mut PgConnection, admin: &str, template: &str) -> Result<(), String> {
    if database_exists(conn, template)? {
        return Ok(());
    }
    let building = format!("{template}_building");
    // One statement each: PostgreSQL will not run CREATE/DROP DATABASE in a multi-statement string.
    conn.batch_execute(&format!("DROP DATABASE IF EXISTS {building} WITH (FORCE)")).map_err(|e| e.to_string())?;
    conn.batch_execute(&format!("CREATE DATABASE {building}")).map_err(|e| e.to_string())?;
    {
        let url = DbUrl::parse(&with_database(admin, &building)).map_err(|e| e.to_string())?;
        let mut db = sammen_store::connect_once(&url).map_err(|e| e.to_string())?;
        sammen_store::migrate(&mut db).map_err(|e| e.to_string())?;
        // Dropped here: no session may stay on a database that is renamed or cloned.
    }
    conn.batch_execute(&format!("ALTER DATABASE {building} RENAME TO {template}")).map_err(|e| e.to_string())
}

/// A hash of every PostgreSQL migration file's path and contents, so that a changed or new
/// migration gets a template of its own.
fn migrations_hash() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../store/migrations/postgres");
    let mut files = Vec::new();
    walk(&root, &mut files);
    files.sort();
    assert!(!files.is_empty(), "no migrations found under {}", root.display());
    let mut h = Sha256::new();
    for f in &files {
        let rel = f.strip_prefix(&root).unwrap_or(f).to_string_lossy().into_owned();
        let body = std::fs::read(f).unwrap_or_else(|e| panic!("reading {}: {e}", f.display()));
        h.update((rel.len() as u64).to_be_bytes());
        h.update(rel.as_bytes());
        h.update((body.len() as u64).to_be_bytes());
        h.update(&body);
    }
    hex::encode(h.finalize())
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            walk(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// A database name no other test, process or earlier run uses: pid, counter and time.
fn unique_name() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    #[allow(clippy::disallowed_methods)] // only to make test database names unique
    let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_micros()).unwrap_or(0);
    format!("sammen_t_{}_{n}_{t}", std::process::id())
}

/// The admin URL with its database replaced by `db`, keeping any query string.
fn with_database(admin: &str, db: &str) -> String {
    let (base, query) = match admin.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (admin, String::new()),
    };
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let base = match base[authority_start..].find('/') {
        Some(slash) => &base[..authority_start + slash],
        None => base,
    };
    format!("{base}/{db}{query}")
}

fn redact(url: &str) -> String {
    DbUrl::parse(url).map(|u| u.redacted()).unwrap_or_else(|_| "the URL".into())
}

enum Guard {
    Sqlite(Option<tempfile::TempDir>),
    Pg { admin: String, name: String },
}

impl Drop for Guard {
    fn drop(&mut self) {
        // A failed test keeps its database for a look afterwards.
        let keep = std::thread::panicking();
        match self {
            Guard::Sqlite(dir) => {
                if let (true, Some(d)) = (keep, dir.take()) {
                    eprintln!("test failed; its SQLite database is kept in {}", d.keep().display());
                }
            }
            Guard::Pg { admin, name } => {
                if keep {
                    eprintln!("test failed; its PostgreSQL database {name} is kept");
                    return;
                }
                // FORCE: the Db's writer threads may not have closed their sessions yet.
                let dropped = PgConnection::establish(admin)
                    .map_err(|e| e.to_string())
                    .and_then(|mut c| c.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).map_err(|e| e.to_string()));
                if let Err(e) = dropped {
                    eprintln!("note: could not drop test database {name}: {e}");
                }
            }
        }
    }
}

/// Runs `scenario` on a fresh database of every backend under test, saying which one it is
/// on and how long it took. When the PostgreSQL variable is set, both backends must run.
pub async fn on_every_backend<F, Fut>(test: &str, scenario: F)
where
    F: Fn(TestDb) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let dbs = backends();
    assert!(!dbs.is_empty());
    let names: Vec<&str> = dbs.iter().map(|d| d.name).collect();
    if std::env::var_os(PG_ENV).is_some() {
        assert_eq!(names, ["sqlite", "postgres"], "{PG_ENV} is set, so both backends must run");
    }
    for tdb in dbs {
        let name = tdb.name;
        println!("{test}: running on {name}");
        let started = std::time::Instant::now();
        scenario(tdb).await;
        println!("{test}: passed on {name} in {:.1?}", started.elapsed());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_is_replaced_in_urls() {
        assert_eq!(with_database("postgres://postgres@127.0.0.1:5/postgres", "x"), "postgres://postgres@127.0.0.1:5/x");
        assert_eq!(with_database("postgres://u:p@h/db?sslmode=disable", "x"), "postgres://u:p@h/x?sslmode=disable");
        assert_eq!(with_database("postgresql://h:5", "x"), "postgresql://h:5/x");
    }

    #[test]
    fn names_are_unique_and_valid_identifiers() {
        let (a, b) = (unique_name(), unique_name());
        assert_ne!(a, b);
        assert!(a.len() <= 63 && a.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'));
    }

    #[test]
    fn the_template_name_follows_the_migrations() {
        let h = migrations_hash();
        assert_eq!(h.len(), 64);
        assert_eq!(h, migrations_hash());
    }
}
