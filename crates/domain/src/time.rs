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
    /// This instant in Danish local time (CET, or CEST in summer).
    pub fn local(self) -> time::OffsetDateTime {
        let hours = danish_offset_hours(self);
        self.to_offset().to_offset(time::UtcOffset::from_hms(hours, 0, 0).unwrap_or(time::UtcOffset::UTC))
    }
    /// "2026-11-22 10:27" in Danish local time, for sessions and meetings people attend.
    pub fn local_short(self) -> String {
        let f = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]");
        self.local().format(&f).unwrap_or_default()
    }
}

/// The last Sunday of a month, at 01:00 UTC: when EU summer time starts (March) and ends (October).
fn eu_switch(year: i32, month: time::Month) -> Timestamp {
    let last = time::Date::from_calendar_date(year, month, 31).unwrap_or(time::Date::MIN);
    let back = i64::from(last.weekday().number_days_from_sunday());
    let sunday = last - time::Duration::days(back);
    let at = sunday.with_hms(1, 0, 0).map(|d| d.assume_utc().unix_timestamp()).unwrap_or(0);
    Timestamp::from_unix_seconds(at)
}

/// Denmark's offset from UTC at an instant, in hours: 2 in summer time, else 1 (the EU rule).
pub fn danish_offset_hours(t: Timestamp) -> i8 {
    let year = t.to_offset().year();
    if t >= eu_switch(year, time::Month::March) && t < eu_switch(year, time::Month::October) { 2 } else { 1 }
}

/// The instant of a Danish wall-clock time. In the hour skipped in spring the time is read as
/// winter time; in the hour repeated in autumn, as the first (summer-time) one.
pub fn local_to_utc(date: time::Date, hour: u8, minute: u8) -> Timestamp {
    let naive = date.with_hms(hour, minute, 0).map(|d| d.assume_utc().unix_timestamp()).unwrap_or(0);
    let summer = Timestamp::from_unix_seconds(naive - 2 * 3600);
    if danish_offset_hours(summer) == 2 { summer } else { Timestamp::from_unix_seconds(naive - 3600) }
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod local_tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn danish_time_follows_the_eu_rule() {
        // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
        assert_eq!(local_to_utc(date!(2026 - 03 - 29), 1, 30).rfc3339(), "2026-03-29T00:30:00Z");
        assert_eq!(local_to_utc(date!(2026 - 03 - 29), 3, 30).rfc3339(), "2026-03-29T01:30:00Z");
        assert_eq!(local_to_utc(date!(2026 - 10 - 25), 4, 0).rfc3339(), "2026-10-25T03:00:00Z");
        assert_eq!(local_to_utc(date!(2026 - 10 - 24), 12, 0).rfc3339(), "2026-10-24T10:00:00Z");
        let t = local_to_utc(date!(2026 - 07 - 01), 9, 15);
        assert_eq!(t.local_short(), "2026-07-01 09:15");
        let w = local_to_utc(date!(2026 - 12 - 01), 9, 15);
        assert_eq!(w.local_short(), "2026-12-01 09:15");
    }
}
