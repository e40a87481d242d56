//! The web layer's tests: one binary, every test on every backend
//! (`sammen_test_support::backends`: SQLite always, PostgreSQL when `SAMMEN_TEST_PG` is set).
//!
//! Each test builds the real `App` over a fresh database (a `ManualClock` fixed in 2026, a
//! seeded random source), wraps it in the real router and drives it request by request with
//! `tower::ServiceExt::oneshot`: real cookies, real CSRF tokens, real bearer tokens, real
//! audit records. Nothing is mocked.
//!
//! `harness` holds the fixture; `authz` the generated authorisation test over every id route;
//! `openapi`, `i18n` and `menu` what belongs to no single area; every other module is one area's
//! tests, and ends with its id routes' part of the authorisation matrix (`rule`, `consumes`,
//! `ui_form`, `api_body`), which `authz` dispatches to by area.

// Test code: a failed expectation should stop the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod harness;

mod access;
mod authz;
mod dates;
mod dead_ends;
mod directory;
mod downloads;
mod front;
mod i18n;
mod journey;
mod measurement;
mod menu;
mod openapi;
mod people;
mod qualitative;
mod report_costs;
mod workforce;
