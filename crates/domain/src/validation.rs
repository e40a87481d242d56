//! Field-level validation errors. Messages are Fluent message ids, translated by the web layer.

use serde::Serialize;

/// One field that failed to parse, with the Fluent id of the message that explains why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub message: &'static str,
}

/// All the field errors of one form or body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ValidationErrors {
    pub fields: Vec<FieldError>,
}

impl ValidationErrors {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn single(field: &str, message: &'static str) -> Self {
        let mut e = Self::new();
        e.add(field, message);
        e
    }
    pub fn add(&mut self, field: &str, message: &'static str) {
        self.fields.push(FieldError { field: field.to_owned(), message });
    }
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }
    /// Records the error of a field parse and yields its value when it parsed.
    pub fn check<T>(&mut self, field: &str, r: Result<T, &'static str>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(m) => {
                self.add(field, m);
                None
            }
        }
    }
    pub fn message_for(&self, field: &str) -> Option<&'static str> {
        self.fields.iter().find(|f| f.field == field).map(|f| f.message)
    }
    pub fn into_result(self) -> Result<(), Self> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }
}

impl std::fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self.fields.iter().map(|e| format!("{}: {}", e.field, e.message)).collect();
        write!(f, "{}", parts.join(", "))
    }
}

impl std::error::Error for ValidationErrors {}

/// Trims and bounds a required text.
pub fn required_text(raw: &str, max_chars: usize) -> Result<String, &'static str> {
    let t = raw.trim();
    if t.is_empty() {
        return Err("err-required");
    }
    if t.chars().count() > max_chars {
        return Err("err-too-long");
    }
    if t.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        return Err("err-invalid-characters");
    }
    Ok(t.to_owned())
}

/// Trims and bounds an optional text; empty means absent.
pub fn optional_text(raw: Option<&str>, max_chars: usize) -> Result<Option<String>, &'static str> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => required_text(t, max_chars).map(Some),
    }
}

// ---------------------------------------------------------------- dates checked against what they describe

/// How many years either side of today a date of a period (a consent's end, an agreement's
/// start or end) may lie. Farther is taken for a slip of the keyboard (0206 for 2026, 2206 for
/// 2026), not a real period: no agreement or consent Sammen keeps reaches ten years back or
/// ahead of the day it is entered.
pub const PLAUSIBLE_YEARS: i64 = 10;

/// The first and last date a period may name on `today`: [`PLAUSIBLE_YEARS`] calendar years
/// either way.
pub fn plausible_window(today: time::Date) -> (time::Date, time::Date) {
    (crate::time::add_months(today, -12 * PLAUSIBLE_YEARS), crate::time::add_months(today, 12 * PLAUSIBLE_YEARS))
}

/// A date of a period on `today`: inside [`plausible_window`], else `err-date-too-early` or
/// `err-date-too-late`.
pub fn plausible_date(date: time::Date, today: time::Date) -> Result<time::Date, &'static str> {
    let (first, last) = plausible_window(today);
    if date < first {
        Err("err-date-too-early")
    } else if date > last {
        Err("err-date-too-late")
    } else {
        Ok(date)
    }
}

/// A period as entered: its start, its end (none: open), and the form fields that hold them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period<'a> {
    pub start: time::Date,
    pub end: Option<time::Date>,
    pub start_field: &'a str,
    pub end_field: &'a str,
}

/// The sensible-period rule of agreements and consents: the end is not before the start
/// (`err-period-order`), and each date lies within [`PLAUSIBLE_YEARS`] of `today`. A date equal
/// to the one already stored (`kept`, when a period is edited) is not judged again: an
/// agreement entered years ago can still have its end changed. Every error names its field.
pub fn check_period(p: Period<'_>, today: time::Date, kept: Option<(time::Date, Option<time::Date>)>) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::new();
    let new_start = kept.is_none_or(|(s, _)| s != p.start);
    if new_start && let Err(m) = plausible_date(p.start, today) {
        e.add(p.start_field, m);
    }
    if let Some(end) = p.end {
        if end < p.start {
            e.add(p.end_field, "err-period-order");
        } else if kept.is_none_or(|(_, k)| k != Some(end))
            && let Err(m) = plausible_date(end, today)
        {
            e.add(p.end_field, m);
        }
    }
    e.into_result()
}

/// Whether something that starts at `starts` has begun at `now`: only then can it be marked
/// held or have its attendance recorded (a meeting, a supervision session, a support session).
pub fn has_begun(starts: crate::time::Timestamp, now: crate::time::Timestamp) -> bool {
    starts <= now
}

/// Marking held or recording attendance, checked: refused with `message` on `field` until the
/// start.
pub fn require_begun(
    starts: crate::time::Timestamp,
    now: crate::time::Timestamp,
    field: &str,
    message: &'static str,
) -> Result<(), ValidationErrors> {
    if has_begun(starts, now) { Ok(()) } else { Err(ValidationErrors::single(field, message)) }
}
