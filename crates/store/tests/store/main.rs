//! The store's tests: one binary, every test on every backend (`sammen_test_support::backends`:
//! SQLite always, PostgreSQL when `SAMMEN_TEST_PG` is set, and always in CI).
//!
//! `harness` holds what the tests share; `db` and `audit` test the kernel, `people` the
//! participant search.

// Test code: a failed expectation should stop the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod harness;

mod audit;
mod db;
mod people;
