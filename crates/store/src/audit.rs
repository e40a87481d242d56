//! The audit log: appending to the hash chain, searching, and reading it back for verification.

use diesel::prelude::*;
use sammen_domain::audit::{AuditAction, AuditEvent, AuditOutcome, AuditRecord, extend_chain};
use sammen_domain::time::Timestamp;

use crate::rows::AuditRow;
use crate::schema::{audit_head, audit_log, audit_subject, audit_subject_mark};
use crate::{DbConnection, Page, StoreError};

/// Appends events after the chain head inside the caller's transaction. On PostgreSQL the
/// head row is locked, so concurrent writers extend the chain one after another.
pub fn append(conn: &mut DbConnection, events: Vec<AuditEvent>) -> Result<(), StoreError> {
    if events.is_empty() {
        return Ok(());
    }
    let q = audit_head::table.filter(audit_head::id.eq(1)).select((audit_head::seq, audit_head::hash));
    let head: (i64, String) = match conn {
        DbConnection::Pg(c) => q.for_update().get_result(c)?,
        // SQLite: the writer holds the database's one write lock (BEGIN IMMEDIATE).
        DbConnection::Sqlite(c) => q.get_result(c)?,
    };
    let records = extend_chain(head.0, &head.1, events);
    match conn {
        // One row per statement: the statement is the same every time, so SQLite prepares
        // it once and reuses it. (A multi-row insert differs with every batch size, and with
        // NULLs diesel rebuilds it row by row, which showed as a third of the writer's time.)
        DbConnection::Sqlite(c) => {
            for r in &records {
                insert_one(c, r)?;
            }
        }
        // One statement per batch: fewer round trips to the server.
        DbConnection::Pg(c) => {
            let rows: Vec<AuditRow> = records.iter().map(to_row).collect();
            for chunk in rows.chunks(1000) {
                diesel::insert_into(audit_log::table).values(chunk).execute(c)?;
            }
        }
    }
    if let Some(last) = records.last() {
        crate::each_backend!(&mut *conn, c => diesel::update(audit_head::table.filter(audit_head::id.eq(1)))
            .set((audit_head::seq.eq(last.seq), audit_head::hash.eq(&last.hash)))
            .execute(c))?;
    }
    Ok(())
}

fn insert_one(c: &mut diesel::SqliteConnection, r: &AuditRecord) -> Result<(), StoreError> {
    let e = &r.event;
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::seq.eq(r.seq),
            audit_log::at.eq(e.at.micros()),
            audit_log::actor_id.eq(e.actor.as_deref()),
            audit_log::organisation_id.eq(e.organisation.as_deref()),
            audit_log::action.eq(e.action.code()),
            audit_log::subject_type.eq(&e.subject_type),
            audit_log::subject_id.eq(e.subject_id.as_deref()),
            audit_log::purpose.eq(&e.purpose),
            audit_log::route.eq(&e.route),
            audit_log::outcome.eq(e.outcome.code()),
            audit_log::prev_hash.eq(&r.prev_hash),
            audit_log::hash.eq(&r.hash),
        ))
        .execute(c)?;
    Ok(())
}

fn to_row(r: &AuditRecord) -> AuditRow {
    let e = &r.event;
    AuditRow {
        seq: r.seq,
        at: e.at.micros(),
        actor_id: e.actor.clone(),
        organisation_id: e.organisation.clone(),
        action: e.action.code().into(),
        subject_type: e.subject_type.clone(),
        subject_id: e.subject_id.clone(),
        purpose: e.purpose.clone(),
        route: e.route.clone(),
        outcome: e.outcome.code().into(),
        prev_hash: r.prev_hash.clone(),
        hash: r.hash.clone(),
    }
}

/// Turns a stored row back into a record. Unknown codes are kept as corruption, so that
/// verification reports them instead of skipping them.
pub fn from_row(r: AuditRow) -> Result<AuditRecord, StoreError> {
    let action = AuditAction::parse(&r.action).map_err(|_| StoreError::Corrupt(format!("audit {} action", r.seq)))?;
    let outcome = AuditOutcome::parse(&r.outcome).map_err(|_| StoreError::Corrupt(format!("audit {} outcome", r.seq)))?;
    Ok(AuditRecord {
        seq: r.seq,
        event: AuditEvent {
            at: Timestamp(r.at),
            actor: r.actor_id,
            organisation: r.organisation_id,
            action,
            subject_type: r.subject_type,
            subject_id: r.subject_id,
            purpose: r.purpose,
            route: r.route,
            outcome,
        },
        prev_hash: r.prev_hash,
        hash: r.hash,
    })
}

/// Moves subject look-ups of records appended since the last call into `audit_subject`, in
/// one sorted bulk insert, and advances the mark. Run by the writer inside a transaction;
/// returns how many records it indexed.
pub fn index_subjects(conn: &mut DbConnection) -> Result<usize, StoreError> {
    let mark: i64 = audit_subject_mark::table.filter(audit_subject_mark::id.eq(1)).select(audit_subject_mark::seq).get_result(conn)?;
    let (head, _) = head(conn)?;
    if head <= mark {
        return Ok(0);
    }
    let n = diesel::sql_query(
        "INSERT INTO audit_subject (subject_id, seq) SELECT subject_id, seq FROM audit_log \
         WHERE seq > $1 AND seq <= $2 AND subject_id IS NOT NULL ORDER BY subject_id, seq",
    )
    .bind::<diesel::sql_types::BigInt, _>(mark)
    .bind::<diesel::sql_types::BigInt, _>(head)
    .execute(conn)?;
    diesel::update(audit_subject_mark::table.filter(audit_subject_mark::id.eq(1))).set(audit_subject_mark::seq.eq(head)).execute(conn)?;
    Ok(n)
}

/// The chain head: the last seq and its hash.
pub fn head(conn: &mut DbConnection) -> Result<(i64, String), StoreError> {
    Ok(audit_head::table.filter(audit_head::id.eq(1)).select((audit_head::seq, audit_head::hash)).get_result(conn)?)
}

/// Raw rows after `after_seq`, in order, for verification.
pub fn rows_after(conn: &mut DbConnection, after_seq: i64, limit: i64) -> Result<Vec<AuditRow>, StoreError> {
    Ok(audit_log::table
        .filter(audit_log::seq.gt(after_seq))
        .order(audit_log::seq.asc())
        .limit(limit)
        .select(AuditRow::as_select())
        .load(conn)?)
}

/// What the audit page can filter on.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Restrict to one organisation's records (None: all, for the system administrator).
    pub organisation: Option<String>,
    pub actor: Option<String>,
    pub subject: Option<String>,
    pub action: Option<String>,
    pub from: Option<i64>,
    pub to: Option<i64>,
}

pub fn search(conn: &mut DbConnection, f: &AuditFilter, page: Page) -> Result<(Vec<AuditRow>, i64), StoreError> {
    let mark: i64 = audit_subject_mark::table.filter(audit_subject_mark::id.eq(1)).select(audit_subject_mark::seq).get_result(conn)?;
    let build = || {
        let mut q = audit_log::table.into_boxed();
        if let Some(o) = &f.organisation {
            q = q.filter(audit_log::organisation_id.eq(o.clone()));
        }
        if let Some(a) = &f.actor {
            q = q.filter(audit_log::actor_id.eq(a.clone()));
        }
        if let Some(s) = &f.subject {
            // Indexed records through audit_subject; the few appended since, by a range scan.
            q = q.filter(
                audit_log::seq
                    .eq_any(audit_subject::table.filter(audit_subject::subject_id.eq(s.clone())).select(audit_subject::seq))
                    .or(audit_log::seq.gt(mark).and(audit_log::subject_id.eq(s.clone()))),
            );
        }
        if let Some(a) = &f.action {
            q = q.filter(audit_log::action.eq(a.clone()));
        }
        if let Some(t) = f.from {
            q = q.filter(audit_log::at.ge(t));
        }
        if let Some(t) = f.to {
            q = q.filter(audit_log::at.lt(t));
        }
        q
    };
    let total: i64 = build().count().get_result(conn)?;
    let rows = build().order(audit_log::seq.desc()).offset(page.offset).limit(page.limit).select(AuditRow::as_select()).load(conn)?;
    Ok((rows, total))
}
