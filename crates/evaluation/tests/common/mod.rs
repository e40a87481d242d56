//! Helpers shared by the reference tests.

#![allow(dead_code)]

use std::cell::Cell;

use serde_json::Value;

thread_local! {
    static CHECKED: Cell<usize> = const { Cell::new(0) };
}

/// Number of values compared so far on this thread (each test runs on its own thread).
pub fn checked() -> usize {
    CHECKED.with(|c| c.get())
}

fn count() {
    CHECKED.with(|c| c.set(c.get() + 1));
}

/// `actual` agrees with a value published to 4 decimals: it rounds to it.
pub fn published4(what: &str, actual: f64, published: f64) {
    count();
    assert!((actual - published).abs() <= 0.5e-4 + 1e-12, "{what}: {actual} does not round to the published {published}");
}

/// `actual` agrees with a value published to `digits` decimals.
pub fn published(what: &str, actual: f64, published: f64, digits: i32) {
    count();
    let half = 0.5 * 10f64.powi(-digits);
    assert!((actual - published).abs() <= half + 1e-12, "{what}: {actual} does not round to the published {published} ({digits} decimals)");
}

/// `actual` agrees with a full-precision reference within `tol`, relative for large values.
pub fn close(what: &str, actual: f64, expected: f64, tol: f64) {
    count();
    let scale = expected.abs().max(1.0);
    assert!((actual - expected).abs() <= tol * scale, "{what}: {actual} vs reference {expected} (difference {:e})", actual - expected);
}

/// Compares a serialised result with a reference object: the same keys, nulls where the
/// reference has nulls, numbers within `tol`.
pub fn same_json(what: &str, actual: &Value, expected: &Value, tol: f64) {
    let (Some(a), Some(e)) = (actual.as_object(), expected.as_object()) else {
        panic!("{what}: not objects: {actual} / {expected}");
    };
    let mut ak: Vec<_> = a.keys().collect();
    let mut ek: Vec<_> = e.keys().collect();
    ak.sort();
    ek.sort();
    assert_eq!(ak, ek, "{what}: keys differ");
    for (key, ev) in e {
        let av = &a[key];
        let label = format!("{what}.{key}");
        match (av, ev) {
            (Value::Null, Value::Null) => count(),
            (Value::Number(x), Value::Number(y)) => close(&label, x.as_f64().unwrap_or(f64::NAN), y.as_f64().unwrap_or(f64::NAN), tol),
            (Value::String(x), Value::String(y)) => {
                count();
                assert_eq!(x, y, "{label}")
            }
            _ => panic!("{label}: {av} vs reference {ev}"),
        }
    }
}

pub fn f64s(v: &Value) -> Vec<f64> {
    v.as_array().map(|a| a.iter().filter_map(Value::as_f64).collect()).unwrap_or_default()
}

/// `actual` agrees with `expected` within a relative tolerance (for tail probabilities).
pub fn rel(what: &str, actual: f64, expected: f64, tol: f64) {
    count();
    assert!(
        (actual - expected).abs() <= tol * expected.abs() + 1e-300,
        "{what}: {actual} vs reference {expected} (relative difference {:e})",
        (actual - expected) / expected
    );
}
