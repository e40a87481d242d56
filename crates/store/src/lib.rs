//! Sammen's store: the only crate that knows SQL. Both backends, SQLite (the default, a file)
//! and PostgreSQL (for scale-out), go through one code path: diesel's `MultiConnection`.
//!
//! Owns: the schema and migrations, the connection pool, the group-commit writer that puts
//! each audited access and its audit record in one durable transaction, and row-level
//! queries. Must not depend on `app`, `web` or anything HTTP; knows no permission rules.

pub mod audit;
pub mod auth;
mod db;
pub mod directory;
pub mod groups;
pub mod measurement;
pub mod people;
pub mod rows;
pub mod schema;
pub mod support;
pub mod workforce;
// Supervision and wellbeing (issue 3, items 6 and 7).
pub mod supervision;
// Onboarding and training (issue 3).
pub mod training;
// Recruitment (issue 3, item 2).
pub mod recruitment;

pub use db::{BackendKind, ColumnInfo, Db, DbConnection, DbOptions, DbUrl, Page, StoreError, Tx, connect_once, introspect_schema, migrate};
