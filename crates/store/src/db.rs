//! Connections, migrations, the read pool and the group-commit writer.

use std::num::NonZeroU32;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::prelude::*;
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool, PooledConnection};
use diesel::{PgConnection, SqliteConnection};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};
use sammen_domain::audit::AuditEvent;
use tokio::sync::oneshot;

/// Runs the same diesel expression on the concrete connection of either backend, for the
/// few statements (multi-row insert, upsert, row locks) that the common backend lacks.
#[macro_export]
macro_rules! each_backend {
    ($conn:expr, $c:ident => $body:expr) => {
        match $conn {
            $crate::DbConnection::Sqlite($c) => $body,
            $crate::DbConnection::Pg($c) => $body,
        }
    };
}

/// One connection type for both backends.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Sqlite(SqliteConnection),
    Pg(PgConnection),
}

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const PG_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database url not understood: {0}")]
    BadUrl(String),
    #[error("database connection failed: {0}")]
    Connect(String),
    #[error("database error: {0}")]
    Query(#[from] diesel::result::Error),
    #[error("migration failed: {0}")]
    Migration(String),
    #[error("pool error: {0}")]
    Pool(String),
    #[error("the database writer has stopped")]
    WriterGone,
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
    #[error("{0}")]
    Io(String),
}

impl StoreError {
    /// Whether the error is a unique-constraint violation (to become a field error upstream).
    pub fn is_unique_violation(&self) -> bool {
        matches!(self, StoreError::Query(diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackendKind {
    Sqlite,
    Postgres,
}

/// A parsed database URL: `sqlite:PATH` (or `sqlite://PATH`) or `postgres://…`.
#[derive(Clone, PartialEq, Eq)]
pub struct DbUrl {
    kind: BackendKind,
    target: String,
}

impl std::fmt::Debug for DbUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print a PostgreSQL password.
        write!(f, "DbUrl({:?}, {})", self.kind, self.redacted())
    }
}

impl DbUrl {
    pub fn parse(raw: &str) -> Result<Self, StoreError> {
        let raw = raw.trim();
        if let Some(rest) = raw.strip_prefix("sqlite://").or_else(|| raw.strip_prefix("sqlite:")) {
            if rest.is_empty() {
                return Err(StoreError::BadUrl("sqlite: needs a file path, as in sqlite:sammen.db".into()));
            }
            return Ok(Self { kind: BackendKind::Sqlite, target: rest.to_owned() });
        }
        if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            return Ok(Self { kind: BackendKind::Postgres, target: raw.to_owned() });
        }
        Err(StoreError::BadUrl("use sqlite:PATH or postgres://USER@HOST:PORT/DB".into()))
    }
    pub fn kind(&self) -> BackendKind {
        self.kind
    }
    /// The SQLite file path or the PostgreSQL URL.
    pub fn target(&self) -> &str {
        &self.target
    }
    /// The URL with any password replaced, for logs and messages.
    pub fn redacted(&self) -> String {
        match self.kind {
            BackendKind::Sqlite => format!("sqlite:{}", self.target),
            BackendKind::Postgres => match (self.target.find("://"), self.target.find('@')) {
                (Some(s), Some(at)) if at > s => {
                    let creds = &self.target[s + 3..at];
                    let user = creds.split(':').next().unwrap_or("");
                    format!("{}{}:***{}", &self.target[..s + 3], user, &self.target[at..])
                }
                _ => self.target.clone(),
            },
        }
    }
}

/// Tuning that an operator may change; the defaults are the documented choices.
#[derive(Debug, Clone)]
pub struct DbOptions {
    pub read_pool_size: u32,
    /// Writer threads. SQLite allows one writer, so this is 1 there; PostgreSQL can use more.
    pub writers: usize,
    /// The most jobs one group commit takes.
    pub max_batch: usize,
    pub migrate: bool,
    /// How often the writer bulk-indexes new audit records by subject (ADR 0003).
    pub index_subjects_every: Duration,
}

impl Default for DbOptions {
    fn default() -> Self {
        Self { read_pool_size: 8, writers: 2, max_batch: 128, migrate: true, index_subjects_every: Duration::from_secs(1) }
    }
}

#[derive(Debug, Clone, Copy)]
struct SqlitePragmas;

/// WAL with synchronous=FULL: a committed transaction survives power loss (ADR 0002).
/// The page cache and memory map serve reads without a system call per page. The busy
/// timeout comes first: switching to WAL takes a lock too, and a connection opened while
/// another process closes the database (its last connection checkpoints the WAL) must wait
/// for it rather than fail with "database is locked".
const SQLITE_PRAGMAS: &str = "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
     PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY; \
     PRAGMA cache_size = -16384; PRAGMA mmap_size = 268435456;";

impl CustomizeConnection<DbConnection, diesel::r2d2::Error> for SqlitePragmas {
    fn on_acquire(&self, conn: &mut DbConnection) -> Result<(), diesel::r2d2::Error> {
        if let DbConnection::Sqlite(c) = conn {
            c.batch_execute(SQLITE_PRAGMAS).map_err(diesel::r2d2::Error::QueryError)?;
        }
        Ok(())
    }
}

fn connect(url: &DbUrl) -> Result<DbConnection, StoreError> {
    match url.kind {
        BackendKind::Sqlite => {
            let mut c = SqliteConnection::establish(&url.target).map_err(|e| StoreError::Connect(e.to_string()))?;
            c.batch_execute(SQLITE_PRAGMAS)?;
            Ok(DbConnection::Sqlite(c))
        }
        BackendKind::Postgres => {
            PgConnection::establish(&connection_target(url)).map(DbConnection::Pg).map_err(|e| StoreError::Connect(e.to_string()))
        }
    }
}

/// What a connection is opened with: the SQLite path, or the PostgreSQL URL with
/// `gssencmode=disable` added unless the URL says otherwise. Sammen reaches PostgreSQL on
/// loopback or a private network with password (or trust) authentication; negotiating GSSAPI
/// transport encryption, libpq's default, costs a round trip per connection and loads Kerberos,
/// whose exit handlers raced the pool's threads when a command ended (`k5_mutex_lock` abort).
/// GSSAPI *authentication* is unaffected, and `gssencmode=prefer` in the URL brings it back.
fn connection_target(url: &DbUrl) -> String {
    match url.kind {
        BackendKind::Postgres if !url.target.contains("gssencmode") => {
            let sep = if url.target.contains('?') { '&' } else { '?' };
            format!("{}{sep}gssencmode=disable", url.target)
        }
        _ => url.target.clone(),
    }
}

/// Applies pending migrations; returns the versions applied.
pub fn migrate(conn: &mut DbConnection) -> Result<Vec<String>, StoreError> {
    let done = match conn {
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(|v| v.iter().map(|m| m.to_string()).collect()),
        DbConnection::Pg(c) => c.run_pending_migrations(PG_MIGRATIONS).map(|v| v.iter().map(|m| m.to_string()).collect()),
    };
    done.map_err(|e| StoreError::Migration(e.to_string()))
}

/// A transaction handed to a write job: already open, with an audit buffer beside it.
/// Each job runs in a savepoint of the group commit; a job that calls
/// `Connection::transaction` gets a nested savepoint, never a transaction of its own.
pub struct Tx<'a> {
    conn: &'a mut DbConnection,
    audit: Vec<AuditEvent>,
    keep_on_failure: Vec<AuditEvent>,
}

impl Tx<'_> {
    pub fn conn(&mut self) -> &mut DbConnection {
        self.conn
    }
    /// Records an audit event that commits with this job's changes.
    pub fn audit(&mut self, e: AuditEvent) {
        self.audit.push(e);
    }
    /// Records an audit event that is kept even when the job fails (a denial, a failed login).
    pub fn audit_always(&mut self, e: AuditEvent) {
        self.keep_on_failure.push(e);
    }
}

type Delivery = Box<dyn FnOnce(Option<StoreError>) + Send>;
type JobFn = Box<dyn FnOnce(&mut Tx<'_>) -> (bool, Delivery) + Send>;

/// Wraps a use case's closure for the writer: run it, and once the batch's COMMIT is known,
/// hand `reply` its result, or the commit's error if the job had succeeded.
fn job_fn<T, E>(f: impl FnOnce(&mut Tx<'_>) -> Result<T, E> + Send + 'static, reply: impl FnOnce(Result<T, E>) + Send + 'static) -> JobFn
where
    T: Send + 'static,
    E: From<StoreError> + Send + 'static,
{
    Box::new(move |tx| {
        let r = f(tx);
        let ok = r.is_ok();
        let deliver: Delivery = Box::new(move |commit_err| {
            reply(match commit_err {
                Some(e) if ok => Err(E::from(e)),
                _ => r,
            })
        });
        (ok, deliver)
    })
}

/// A unit of work for the writer. A job that only reads (and records audit events) needs no
/// savepoint: it has nothing to roll back.
struct Job {
    run: JobFn,
    savepoint: bool,
}

/// A page of a longer list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub offset: i64,
    pub limit: i64,
}

/// The database: a pool for plain reads and a group-commit writer for everything audited.
#[derive(Clone)]
pub struct Db {
    url: DbUrl,
    pool: Pool<ConnectionManager<DbConnection>>,
    /// One permit per pooled connection: async readers wait here, on the runtime, rather
    /// than on a blocking thread parked inside the pool.
    readers: Arc<tokio::sync::Semaphore>,
    jobs: mpsc::Sender<Job>,
}

impl Db {
    /// Connects, migrates if asked, and starts the writer threads.
    pub fn open(url: &DbUrl, opts: &DbOptions) -> Result<Self, StoreError> {
        let mut first = connect(url)?;
        if opts.migrate {
            migrate(&mut first)?;
        }
        let manager = ConnectionManager::<DbConnection>::new(connection_target(url));
        let read_pool_size = opts.read_pool_size.max(1);
        let pool = Pool::builder()
            .max_size(read_pool_size)
            .min_idle(Some(1))
            .connection_timeout(Duration::from_secs(10))
            .connection_customizer(Box::new(SqlitePragmas))
            .build(manager)
            .map_err(|e| StoreError::Pool(e.to_string()))?;
        let (tx, rx) = mpsc::channel::<Job>();
        let rx = Arc::new(Mutex::new(rx));
        let writers = if url.kind == BackendKind::Sqlite { 1 } else { opts.writers.max(1) };
        let mut conns = vec![first];
        for _ in 1..writers {
            conns.push(connect(url)?);
        }
        for (i, conn) in conns.into_iter().enumerate() {
            let rx = Arc::clone(&rx);
            let max_batch = opts.max_batch.max(1);
            let index_every = opts.index_subjects_every;
            let url = url.clone();
            std::thread::Builder::new()
                .name(format!("sammen-writer-{i}"))
                .spawn(move || writer_loop(conn, &url, &rx, max_batch, index_every))
                .map_err(|e| StoreError::Io(e.to_string()))?;
        }
        let readers = Arc::new(tokio::sync::Semaphore::new(read_pool_size as usize));
        Ok(Self { url: url.clone(), pool, readers, jobs: tx })
    }

    pub fn url(&self) -> &DbUrl {
        &self.url
    }
    pub fn backend(&self) -> BackendKind {
        self.url.kind
    }

    fn pooled(&self) -> Result<PooledConnection<ConnectionManager<DbConnection>>, StoreError> {
        self.pool.get().map_err(|e| StoreError::Pool(e.to_string()))
    }

    /// Runs a plain read on a pooled connection off the async runtime. For data that is not
    /// personal (organisations, programmes) and for authentication look-ups.
    pub async fn read<T, E>(&self, f: impl FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
    {
        // Under load more requests want a connection than the pool holds. Without the permit
        // each would take a blocking thread and park it in the pool; with it, at most one
        // blocking thread per connection runs, and the others wait as plain tasks.
        let permit = Arc::clone(&self.readers).acquire_owned().await.map_err(|e| E::from(StoreError::Pool(e.to_string())))?;
        let db = self.clone();
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let mut c = db.pooled()?;
            f(&mut c)
        })
        .await
        .map_err(|e| E::from(StoreError::Io(e.to_string())))?
    }

    /// A short authentication look-up (resolving a token: a few indexed reads). On SQLite it
    /// runs on the calling thread as soon as a pooled connection is free: the reads take
    /// microseconds, less than handing them to a blocking thread and back. If none is free
    /// at once, and always on PostgreSQL (a round trip over the network), it is
    /// [`Db::read`]. Not for anything that may scan or take long: it holds up the caller's
    /// runtime thread while it runs.
    pub async fn lookup<T, E>(&self, f: impl FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
    {
        if self.url.kind == BackendKind::Sqlite
            && let Ok(_permit) = self.readers.try_acquire()
            && let Some(mut c) = self.pool.try_get()
        {
            return f(&mut c);
        }
        self.read(f).await
    }

    /// Runs `f` in the next group commit. Its changes and its audit events commit together,
    /// and this returns only after that commit is durable. If `f` fails, its changes are
    /// rolled back (a savepoint) and only its `audit_always` events are kept.
    pub async fn write<T, E>(&self, f: impl FnOnce(&mut Tx<'_>) -> Result<T, E> + Send + 'static) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
    {
        self.submit(f, true).await
    }

    /// Like [`Db::write`] for a job that only reads: its reads and its audit events share the
    /// group commit's transaction, without a savepoint of its own. The job must not change
    /// rows (debug builds check this and fail the batch if it does); its audit events commit
    /// with the batch, and its `audit_always` events are kept when it fails.
    pub async fn audited_read<T, E>(&self, f: impl FnOnce(&mut Tx<'_>) -> Result<T, E> + Send + 'static) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
    {
        self.submit(f, false).await
    }

    async fn submit<T, E>(&self, f: impl FnOnce(&mut Tx<'_>) -> Result<T, E> + Send + 'static, savepoint: bool) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
    {
        let (reply_tx, reply_rx) = oneshot::channel::<Result<T, E>>();
        let run = job_fn(f, move |out| {
            let _ = reply_tx.send(out);
        });
        self.jobs.send(Job { run, savepoint }).map_err(|_| E::from(StoreError::WriterGone))?;
        reply_rx.await.map_err(|_| E::from(StoreError::WriterGone))?
    }

    /// A blocking variant of [`Db::write`] for the command line and tests outside a runtime.
    pub fn write_blocking<T, E>(&self, f: impl FnOnce(&mut Tx<'_>) -> Result<T, E> + Send + 'static) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
    {
        let (reply_tx, reply_rx) = mpsc::channel::<Result<T, E>>();
        let run = job_fn(f, move |out| {
            let _ = reply_tx.send(out);
        });
        self.jobs.send(Job { run, savepoint: true }).map_err(|_| E::from(StoreError::WriterGone))?;
        reply_rx.recv().map_err(|_| E::from(StoreError::WriterGone))?
    }

    /// A blocking read for the command line.
    pub fn read_blocking<T, E: From<StoreError>>(&self, f: impl FnOnce(&mut DbConnection) -> Result<T, E>) -> Result<T, E> {
        let mut c = self.pooled()?;
        f(&mut c)
    }

    /// Whether the database answers (for `/readyz`).
    pub async fn ping(&self) -> bool {
        self.read(|c| diesel::sql_query("SELECT 1").execute(c).map_err(StoreError::from)).await.is_ok()
    }

    /// Writes a consistent copy of a SQLite database to `out` while the server runs.
    /// PostgreSQL backups use `pg_dump` (see the server's `backup` command).
    pub fn backup_sqlite(&self, out: &std::path::Path) -> Result<(), StoreError> {
        if self.url.kind != BackendKind::Sqlite {
            return Err(StoreError::Io("backup_sqlite needs a SQLite database".into()));
        }
        if out.exists() {
            return Err(StoreError::Io(format!("{} exists already; choose a new file", out.display())));
        }
        let path = out.to_str().ok_or_else(|| StoreError::Io("backup path is not UTF-8".into()))?;
        let mut c = self.pooled()?;
        diesel::sql_query("VACUUM INTO ?").bind::<diesel::sql_types::Text, _>(path).execute(&mut *c)?;
        Ok(())
    }
}

/// `DbConnection` is its own transaction manager (the `MultiConnection` derive forwards to
/// each backend's `AnsiTransactionManager`), so diesel's view of the nesting depth is shared
/// by the writer, the jobs and diesel itself.
type Tm = DbConnection;

/// The transaction depth diesel tracks (0: none), or None once diesel has given up on the
/// connection (a failed ROLLBACK, a lost PostgreSQL session).
fn tx_depth(conn: &mut DbConnection) -> Option<u32> {
    <Tm as TransactionManager<DbConnection>>::transaction_manager_status_mut(conn)
        .transaction_depth()
        .ok()
        .map(|d| d.map_or(0, NonZeroU32::get))
}

/// Opens the group-commit transaction through diesel's transaction manager, so that
/// anything inside that opens a transaction of its own (diesel's multi-row insert on SQLite,
/// `Connection::transaction` in a job) gets a savepoint instead of a second BEGIN.
fn begin_write(conn: &mut DbConnection) -> diesel::QueryResult<()> {
    match conn {
        // IMMEDIATE takes SQLite's one write lock now, not at the first write.
        DbConnection::Sqlite(c) => AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE"),
        DbConnection::Pg(c) => <AnsiTransactionManager as TransactionManager<PgConnection>>::begin_transaction(c),
    }
}

/// Rows changed on this connection so far (debug check of audited reads).
#[cfg(debug_assertions)]
fn total_changes(conn: &mut DbConnection) -> i64 {
    #[derive(QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let sql = match conn {
        DbConnection::Sqlite(_) => "SELECT total_changes() AS n",
        // PostgreSQL: rows written by this transaction so far are not counted cheaply; the
        // SQLite runs of the test suite check the contract.
        DbConnection::Pg(_) => "SELECT 0::bigint AS n",
    };
    diesel::sql_query(sql).get_result::<N>(conn).map(|r| r.n).unwrap_or(-1)
}

fn writer_loop(mut conn: DbConnection, url: &DbUrl, rx: &Mutex<mpsc::Receiver<Job>>, max_batch: usize, index_every: Duration) {
    let mut last_indexed = std::time::Instant::now();
    loop {
        let batch = {
            let Ok(rx) = rx.lock() else { return };
            let Ok(first) = rx.recv() else { return };
            let mut batch = vec![first];
            while batch.len() < max_batch {
                match rx.try_recv() {
                    Ok(j) => batch.push(j),
                    Err(_) => break,
                }
            }
            batch
        };
        // A connection left inside a transaction, or given up by diesel, is replaced rather
        // than trusted: its real state is unknown.
        if tx_depth(&mut conn) != Some(0) {
            match connect(url) {
                Ok(fresh) => {
                    tracing::warn!("the writer's connection was in an unknown state and has been replaced");
                    conn = fresh;
                }
                Err(e) => tracing::error!(error = %e, "the writer could not reconnect"),
            }
        }
        run_batch(&mut conn, batch);
        if last_indexed.elapsed() >= index_every {
            last_indexed = std::time::Instant::now();
            index_subjects(&mut conn);
        }
    }
}

/// Bulk-indexes audit subjects in a transaction of its own. A failure loses nothing: the
/// records stay found by the range scan past the mark, and the next run tries again.
fn index_subjects(conn: &mut DbConnection) {
    let result = begin_write(conn).map_err(StoreError::from).and_then(|()| match crate::audit::index_subjects(conn) {
        Ok(_) => <Tm as TransactionManager<DbConnection>>::commit_transaction(conn).map_err(StoreError::from),
        Err(e) => Err(e),
    });
    if let Err(e) = result {
        tracing::warn!(error = %e, "indexing audit subjects failed; will try again");
        while tx_depth(conn).is_some_and(|d| d > 0) {
            if <Tm as TransactionManager<DbConnection>>::rollback_transaction(conn).is_err() {
                break;
            }
        }
    }
}

/// One group commit: every job in its own savepoint, then the audit records of the batch
/// appended to the hash chain, then one COMMIT (one fsync) for all.
fn run_batch(conn: &mut DbConnection, batch: Vec<Job>) {
    if let Err(e) = begin_write(conn) {
        // The jobs never ran. Dropping them drops their reply channels, so each caller
        // gets an error at once rather than waiting.
        tracing::error!(error = %e, jobs = batch.len(), "could not begin a write transaction");
        drop(batch);
        return;
    }
    // Each answer waits for the COMMIT; a job that is already known to have failed carries
    // its own error.
    let mut answers: Vec<(Delivery, Option<StoreError>)> = Vec::with_capacity(batch.len());
    let mut events: Vec<AuditEvent> = Vec::new();
    // Set when the transaction can no longer be trusted: the batch is then rolled back whole.
    let mut broken: Option<StoreError> = None;
    let mut jobs = batch.into_iter();
    for job in jobs.by_ref() {
        if !job.savepoint {
            #[cfg(debug_assertions)]
            let before = total_changes(conn);
            let mut tx = Tx { conn, audit: Vec::new(), keep_on_failure: Vec::new() };
            let (ok, deliver) = (job.run)(&mut tx);
            let Tx { audit, keep_on_failure, .. } = tx;
            #[cfg(debug_assertions)]
            if total_changes(conn) != before {
                broken = Some(StoreError::Io("an audited read changed rows".into()));
            }
            if ok {
                events.extend(audit);
            }
            events.extend(keep_on_failure);
            answers.push((deliver, None));
            if broken.is_some() || tx_depth(conn) != Some(1) {
                broken.get_or_insert_with(|| StoreError::Io("an audited read left its transaction".into()));
                break;
            }
            continue;
        }
        if let Err(e) = <Tm as TransactionManager<DbConnection>>::begin_transaction(conn) {
            broken = Some(e.into());
            break;
        }
        let mut tx = Tx { conn, audit: Vec::new(), keep_on_failure: Vec::new() };
        let (ok, deliver) = (job.run)(&mut tx);
        let Tx { audit, keep_on_failure, .. } = tx;
        let mut own_error = None;
        let mut kept = false;
        if tx_depth(conn) != Some(2) {
            broken = Some(StoreError::Io("a write job left its transaction unbalanced".into()));
        } else if ok {
            match <Tm as TransactionManager<DbConnection>>::commit_transaction(conn) {
                Ok(()) => kept = true,
                Err(e) => {
                    // PostgreSQL: a statement of the job failed and the job carried on as if
                    // it had not. The transaction is aborted, and a COMMIT would quietly roll
                    // back every job of the batch; so this job alone is rolled back and fails.
                    tracing::warn!(error = %e, "a write job ignored a failed statement; its changes are rolled back");
                    own_error = Some(StoreError::from(e));
                }
            }
        }
        // Diesel may already have rolled the savepoint back when its release failed.
        if broken.is_none()
            && !kept
            && tx_depth(conn) == Some(2)
            && let Err(e) = <Tm as TransactionManager<DbConnection>>::rollback_transaction(conn)
        {
            broken = Some(e.into());
        }
        if broken.is_none() && tx_depth(conn) != Some(1) {
            broken = Some(StoreError::Io("the write transaction was lost during a job".into()));
        }
        if kept {
            events.extend(audit);
        }
        events.extend(keep_on_failure);
        answers.push((deliver, own_error));
        if broken.is_some() {
            break;
        }
    }
    // Jobs not run because the batch broke: dropping them answers their callers with an error.
    drop(jobs);
    let outcome = match broken {
        Some(e) => Err(e),
        None => crate::audit::append(conn, events)
            .and_then(|()| <Tm as TransactionManager<DbConnection>>::commit_transaction(conn).map_err(StoreError::from)),
    };
    match outcome {
        Ok(()) => answers.into_iter().for_each(|(deliver, own)| deliver(own)),
        Err(e) => {
            tracing::error!(error = %e, "group commit failed; every job in it is answered with the error");
            // Unwind to the top; a connection this fails on is replaced before the next batch.
            while tx_depth(conn).is_some_and(|d| d > 0) {
                if <Tm as TransactionManager<DbConnection>>::rollback_transaction(conn).is_err() {
                    break;
                }
            }
            let msg = e.to_string();
            answers.into_iter().for_each(|(deliver, _)| deliver(Some(StoreError::Io(format!("commit failed: {msg}")))));
        }
    }
}

/// One column as the database itself describes it, with its type folded to the portable kind.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ColumnInfo {
    pub table: String,
    pub column: String,
    pub kind: String,
    pub nullable: bool,
}

#[derive(QueryableByName)]
struct RawColumn {
    #[diesel(sql_type = diesel::sql_types::Text)]
    table_name: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    column_name: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    data_type: String,
    #[diesel(sql_type = diesel::sql_types::Bool)]
    nullable: bool,
}

fn fold_type(t: &str) -> String {
    let t = t.to_lowercase();
    if t.contains("int") {
        "integer".into()
    } else if t.contains("bool") {
        "boolean".into()
    } else if t.contains("text") || t.contains("char") {
        "text".into()
    } else if t == "blob" || t == "bytea" {
        // Recruitment: attachments are BLOB on SQLite, BYTEA on PostgreSQL.
        "binary".into()
    } else {
        t
    }
}

/// Lists every column of the application's tables, for the test that both migrated
/// schemas agree.
pub fn introspect_schema(conn: &mut DbConnection) -> Result<Vec<ColumnInfo>, StoreError> {
    let sql = match conn {
        DbConnection::Sqlite(_) => {
            "SELECT m.name AS table_name, p.name AS column_name, p.type AS data_type, \
             (p.\"notnull\" = 0 AND p.pk = 0) AS nullable \
             FROM sqlite_master m JOIN pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '__diesel_schema_migrations'"
        }
        DbConnection::Pg(_) => {
            "SELECT table_name::text AS table_name, column_name::text AS column_name, data_type::text AS data_type, \
             (is_nullable = 'YES') AS nullable FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name <> '__diesel_schema_migrations'"
        }
    };
    let rows: Vec<RawColumn> = diesel::sql_query(sql).load(conn)?;
    let mut out: Vec<ColumnInfo> = rows
        .into_iter()
        .map(|r| ColumnInfo { table: r.table_name, column: r.column_name, kind: fold_type(&r.data_type), nullable: r.nullable })
        .collect();
    out.sort();
    Ok(out)
}

/// Opens one connection outside the pool (for tests and one-off commands).
pub fn connect_once(url: &DbUrl) -> Result<DbConnection, StoreError> {
    connect(url)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn postgres_connections_skip_gssapi_encryption_unless_the_url_asks() {
        let t = |raw: &str| connection_target(&DbUrl::parse(raw).unwrap());
        assert_eq!(t("postgres://sammen@127.0.0.1:5432/sammen"), "postgres://sammen@127.0.0.1:5432/sammen?gssencmode=disable");
        assert_eq!(t("postgres://s@h/db?sslmode=require"), "postgres://s@h/db?sslmode=require&gssencmode=disable");
        assert_eq!(t("postgres://s@h/db?gssencmode=prefer"), "postgres://s@h/db?gssencmode=prefer");
        assert_eq!(t("sqlite:/tmp/x.db"), "/tmp/x.db");
    }

    #[derive(QueryableByName)]
    struct Pragma {
        #[diesel(sql_type = diesel::sql_types::Text)]
        value: String,
    }

    fn pragma(conn: &mut DbConnection, name: &str) -> String {
        diesel::sql_query(format!("SELECT CAST({name} AS TEXT) AS value FROM pragma_{name}")).get_result::<Pragma>(conn).unwrap().value
    }

    /// ADR 0002/0003: a group commit is durable when it returns, so the writer's own
    /// connection (pragmas are per connection) must run WAL with synchronous = FULL (2).
    #[test]
    fn the_sqlite_writer_syncs_every_commit() {
        let dir = tempfile::tempdir().unwrap();
        let url = DbUrl::parse(&format!("sqlite:{}", dir.path().join("t.db").display())).unwrap();
        let db = Db::open(&url, &DbOptions::default()).unwrap();
        let (sync, journal) = db
            .write_blocking(|tx| -> Result<(String, String), StoreError> {
                Ok((pragma(tx.conn(), "synchronous"), pragma(tx.conn(), "journal_mode")))
            })
            .unwrap();
        assert_eq!((sync.as_str(), journal.as_str()), ("2", "wal"));
        let read = db.read_blocking(|c| -> Result<String, StoreError> { Ok(pragma(c, "synchronous")) }).unwrap();
        assert_eq!(read, "2");
    }
}
