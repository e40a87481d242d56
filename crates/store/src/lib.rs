//! Sammen's store: the only crate that knows SQL. Both backends, SQLite (the default, a file)
//! and PostgreSQL (for scale-out), go through one code path: diesel's `MultiConnection`.
//!
//! Owns: the schema and migrations, the connection pool, the group-commit writer that puts
//! each audited access and its audit record in one durable transaction, and row-level
//! queries. Must not depend on `app`, `web` or anything HTTP; knows no permission rules.

// The kernel every area shares: connections and the writer, the schema, the rows, the audit chain.
pub mod audit;
pub mod codec;
mod db;
pub mod rows;
pub mod schema;

// The areas, spelled the same in every layer.
pub mod access;
pub mod directory;
pub mod journey;
pub mod measurement;
pub mod people;
pub mod workforce;

pub use codec::{Stored, Unstore, stored};
pub use db::{BackendKind, ColumnInfo, Db, DbConnection, DbOptions, DbUrl, Page, StoreError, Tx, connect_once, introspect_schema, migrate};
