//! Instants and dates. Time is always passed in: nothing in the domain reads a clock.

use serde::{Deserialize, Serialize};

/// A point in time: microseconds since the Unix epoch, UTC. Stored as a BIGINT on every backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

impl Timestamp {
    pub const MICROS_PER_SECOND: i64 = 1_000_000;
    pub fn from_unix_seconds(s: i64) -> Self {
        Self(s * Self::MICROS_PER_SECOND)
    }
    pub fn micros(self) -> i64 {
        self.0
    }
    pub fn unix_seconds(self) -> i64 {
        self.0.div_euclid(Self::MICROS_PER_SECOND)
    }
    pub fn plus_seconds(self, s: i64) -> Self {
        Self(self.0 + s * Self::MICROS_PER_SECOND)
    }
    pub fn to_offset(self) -> time::OffsetDateTime {
        time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(self.0) * 1000).unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
    }
    /// RFC 3339 in UTC, as the API shows instants.
    pub fn rfc3339(self) -> String {
        self.to_offset().format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
    }
    /// "2026-11-22 10:27" in UTC, for tables in the UI.
    pub fn short(self) -> String {
        let f = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]");
        self.to_offset().format(&f).unwrap_or_default()
    }
    pub fn date(self) -> time::Date {
        self.to_offset().date()
    }
}

/// Parses an ISO date (YYYY-MM-DD).
pub fn parse_date(raw: &str) -> Result<time::Date, &'static str> {
    let f = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(raw.trim(), &f).map_err(|_| "err-date")
}

pub fn format_date(d: time::Date) -> String {
    let f = time::macros::format_description!("[year]-[month]-[day]");
    d.format(&f).unwrap_or_default()
}
