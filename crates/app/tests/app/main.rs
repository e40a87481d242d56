//! The app's tests: one binary, every test on every backend (`sammen_test_support::backends`:
//! SQLite always, PostgreSQL when `SAMMEN_TEST_PG` is set, and always in CI).
//!
//! Each test builds the real `App` over a fresh database with a `ManualClock` fixed in 2026
//! and a seeded random source, and drives the use cases the web UI, the API and the command
//! line call. Nothing is mocked: sessions, throttles, tokens and the audit chain are read
//! back from the database itself.
//!
//! `harness` holds the fixture; every other module is one area's tests.

// Test code: a failed expectation should stop the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod harness;

mod access;
mod demo;
mod directory;
mod journey;
mod measurement;
mod people;
mod workforce;
mod zone;
