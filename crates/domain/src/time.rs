//! Instants, dates and the organisation's time zone. Time is always passed in: nothing in the
//! domain reads a clock.
//!
//! Every rule that compares dates (consents, agreements, certificates, retention, waves,
//! supervision due, report periods) asks [`Zone::today`] for the date, so "today" is the
//! organisation's calendar day, not the UTC one. The zone rules themselves come from the tz
//! database compiled into the binary (jiff), so history (Denmark before 1996) and other zones
//! (the Faroe Islands, Greenland) are right without depending on the host.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};
use time::{Date, Month, OffsetDateTime, UtcOffset};

/// A point in time: microseconds since the Unix epoch, UTC. Stored as a BIGINT on every backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

impl Timestamp {
    pub const MICROS_PER_SECOND: i64 = 1_000_000;
    pub const MICROS_PER_DAY: i64 = 86_400 * Self::MICROS_PER_SECOND;
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
    pub fn to_offset(self) -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp_nanos(i128::from(self.0) * 1000).unwrap_or(OffsetDateTime::UNIX_EPOCH)
    }
    /// RFC 3339 in UTC, as the API shows instants.
    pub fn rfc3339(self) -> String {
        self.to_offset().format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
    }
    /// "2026-11-22 10:27" in UTC, for machine-facing tables (logs, exports that say UTC).
    pub fn short(self) -> String {
        short_format(self.to_offset())
    }
    /// The UTC calendar date. Not for rules about people's days: those use [`Zone::today`].
    pub fn date(self) -> Date {
        self.to_offset().date()
    }
    /// This instant on the wall clock of `zone`.
    pub fn in_zone(self, zone: &Zone) -> OffsetDateTime {
        self.to_offset().to_offset(zone.offset_at(self))
    }
    /// The calendar date of this instant in `zone`.
    pub fn date_in(self, zone: &Zone) -> Date {
        self.in_zone(zone).date()
    }
    /// "2026-11-22 10:27" on the wall clock of `zone`.
    pub fn short_in(self, zone: &Zone) -> String {
        short_format(self.in_zone(zone))
    }
    /// This instant in the default zone (Europe/Copenhagen).
    pub fn local(self) -> OffsetDateTime {
        self.in_zone(Zone::default_ref())
    }
    /// "2026-11-22 10:27" in the default zone (Europe/Copenhagen).
    pub fn local_short(self) -> String {
        self.short_in(Zone::default_ref())
    }
}

fn short_format(t: OffsetDateTime) -> String {
    let f = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]");
    t.format(&f).unwrap_or_default()
}

/// The zone an organisation lives in when it has not chosen one.
pub const DEFAULT_ZONE: &str = "Europe/Copenhagen";

/// A time zone of the tz database, by its IANA name ("Europe/Copenhagen", "Atlantic/Faroe",
/// "America/Nuuk").
#[derive(Clone, Debug)]
pub struct Zone {
    name: String,
    tz: jiff::tz::TimeZone,
}

impl PartialEq for Zone {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}
impl Eq for Zone {}

static DEFAULT: LazyLock<Zone> = LazyLock::new(|| {
    // The tz database is compiled in, so the lookup cannot miss; a fixed CET is the fallback
    // the type demands, not a case that happens.
    let tz = jiff::tz::TimeZone::get(DEFAULT_ZONE).unwrap_or_else(|_| jiff::tz::TimeZone::fixed(jiff::tz::offset(1)));
    Zone { name: DEFAULT_ZONE.to_owned(), tz }
});

impl Default for Zone {
    fn default() -> Self {
        DEFAULT.clone()
    }
}

impl Zone {
    /// A zone by its IANA name, checked against the tz database. Only region names are
    /// accepted (an organisation lives somewhere, not in a fixed offset such as "UTC+1").
    pub fn parse(raw: &str) -> Result<Zone, &'static str> {
        let name = raw.trim();
        if name.is_empty() || !name.contains('/') || name.starts_with("Etc/") {
            return Err("err-time-zone");
        }
        let tz = jiff::tz::TimeZone::get(name).map_err(|_| "err-time-zone")?;
        let canonical = tz.iana_name().unwrap_or(name).to_owned();
        Ok(Zone { name: canonical, tz })
    }
    /// A stored zone name; a name the tz database no longer knows falls back to the default
    /// rather than making the organisation unusable.
    pub fn from_stored(name: &str) -> Zone {
        Zone::parse(name).unwrap_or_default()
    }
    pub(crate) fn default_ref() -> &'static Zone {
        &DEFAULT
    }
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The zone's offset from UTC at an instant.
    pub fn offset_at(&self, t: Timestamp) -> UtcOffset {
        let seconds = jiff::Timestamp::from_microsecond(t.0).map(|ts| self.tz.to_offset(ts).seconds()).unwrap_or(0);
        UtcOffset::from_whole_seconds(seconds).unwrap_or(UtcOffset::UTC)
    }
    /// The wall-clock time now in this zone: the one "now" for rules that read a local time.
    pub fn now(&self, now: Timestamp) -> OffsetDateTime {
        now.in_zone(self)
    }
    /// The calendar date now in this zone: the one "today" every date rule compares with. It
    /// turns at local midnight, not at UTC midnight.
    pub fn today(&self, now: Timestamp) -> Date {
        now.date_in(self)
    }
    /// The instant of a wall-clock time in this zone. A time in the hour skipped in spring is
    /// read with the offset before the change (02:30 becomes 03:30 summer time); a time in the
    /// hour repeated in autumn is the first of the two.
    pub fn to_utc(&self, date: Date, hour: u8, minute: u8) -> Timestamp {
        let civil = i16::try_from(date.year()).ok().and_then(|y| {
            jiff::civil::DateTime::new(
                y,
                i8::try_from(u8::from(date.month())).ok()?,
                i8::try_from(date.day()).ok()?,
                i8::try_from(hour).ok()?,
                i8::try_from(minute).ok()?,
                0,
                0,
            )
            .ok()
        });
        match civil.and_then(|dt| self.resolve(dt)) {
            Some(ts) => Timestamp(ts.as_microsecond()),
            None => {
                let naive = date.with_hms(hour.min(23), minute.min(59), 0).map(|d| d.assume_utc().unix_timestamp()).unwrap_or(0);
                Timestamp::from_unix_seconds(naive)
            }
        }
    }
    /// The instant a wall-clock time names: the one candidate that reads back as that wall time
    /// (the earlier of two in a repeated hour), or, in a skipped hour, the time read with the
    /// offset before the change. Checking the read-back matters where the database records a
    /// change of rules without a change of the clock (Nuuk, 28 October 2023): the fold it
    /// reports there has an "earlier" candidate that is an hour off.
    fn resolve(&self, dt: jiff::civil::DateTime) -> Option<jiff::Timestamp> {
        let amb = self.tz.to_ambiguous_timestamp(dt);
        let compatible = amb.compatible().ok()?;
        if !amb.is_ambiguous() {
            return Some(compatible);
        }
        let reads_back = |ts: &jiff::Timestamp| self.tz.to_datetime(*ts) == dt;
        [amb.earlier().ok(), amb.later().ok()].into_iter().flatten().find(reads_back).or(Some(compatible))
    }
    /// The first instant of `date` in this zone (local midnight, or the first time after it on
    /// a day that skips midnight).
    pub fn start_of_day(&self, date: Date) -> Timestamp {
        self.to_utc(date, 0, 0)
    }
    /// `t` plus calendar months on this zone's wall clock: the same local time of day, the day
    /// clamped as [`add_months`] does.
    pub fn add_months(&self, t: Timestamp, months: i64) -> Timestamp {
        let local = t.in_zone(self);
        let moved = add_months(local.date(), months);
        let day_micros = (i64::from(local.hour()) * 3600 + i64::from(local.minute()) * 60 + i64::from(local.second()))
            * Timestamp::MICROS_PER_SECOND
            + i64::from(local.microsecond());
        let at = self.to_utc(moved, local.hour(), local.minute());
        // to_utc works in whole minutes; the seconds and fraction carry over unchanged.
        Timestamp(at.0 + day_micros % (60 * Timestamp::MICROS_PER_SECOND))
    }
}

/// The instant of a wall-clock time in the default zone (Europe/Copenhagen). Rules of an
/// organisation use [`Zone::to_utc`] with its own zone.
pub fn local_to_utc(date: Date, hour: u8, minute: u8) -> Timestamp {
    Zone::default_ref().to_utc(date, hour, minute)
}

/// `date` plus whole calendar months (negative goes back), the day clamped to the target
/// month's length: 31 January + 1 month is 28 (or 29) February. The one month arithmetic of the
/// product: certificate validity, retention of applicants' data, follow-up waves and report
/// periods all use it.
pub fn add_months(date: Date, months: i64) -> Date {
    let total = i64::from(date.year()) * 12 + i64::from(u8::from(date.month())) - 1 + months;
    let Ok(year) = i32::try_from(total.div_euclid(12)) else { return date };
    let month = u8::try_from(total.rem_euclid(12) + 1).ok().and_then(|m| Month::try_from(m).ok()).unwrap_or(Month::January);
    let day = date.day().min(month.length(year));
    Date::from_calendar_date(year, month, day).unwrap_or(date)
}

/// Parses an ISO date (YYYY-MM-DD).
pub fn parse_date(raw: &str) -> Result<Date, &'static str> {
    let f = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(raw.trim(), &f).map_err(|_| "err-date")
}

pub fn format_date(d: Date) -> String {
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
        // The skipped hour is read with the winter offset.
        assert_eq!(local_to_utc(date!(2026 - 03 - 29), 2, 30).rfc3339(), "2026-03-29T01:30:00Z");
        // The repeated hour is the first (summer-time) one.
        assert_eq!(local_to_utc(date!(2026 - 10 - 25), 2, 30).rfc3339(), "2026-10-25T00:30:00Z");
        assert_eq!(local_to_utc(date!(2026 - 10 - 25), 4, 0).rfc3339(), "2026-10-25T03:00:00Z");
        assert_eq!(local_to_utc(date!(2026 - 10 - 24), 12, 0).rfc3339(), "2026-10-24T10:00:00Z");
        let t = local_to_utc(date!(2026 - 07 - 01), 9, 15);
        assert_eq!(t.local_short(), "2026-07-01 09:15");
        let w = local_to_utc(date!(2026 - 12 - 01), 9, 15);
        assert_eq!(w.local_short(), "2026-12-01 09:15");
    }

    #[test]
    fn danish_time_before_1996_ended_in_september() {
        // 1980–1995 Denmark's summer time ended on the last Sunday of September: 1995-10-15 is
        // winter time (+01), where the later EU rule would have said summer time.
        assert_eq!(local_to_utc(date!(1995 - 10 - 15), 12, 0).rfc3339(), "1995-10-15T11:00:00Z");
        assert_eq!(local_to_utc(date!(1995 - 09 - 23), 12, 0).rfc3339(), "1995-09-23T10:00:00Z");
        assert_eq!(local_to_utc(date!(1995 - 09 - 25), 12, 0).rfc3339(), "1995-09-25T11:00:00Z");
        // 1979: no summer time at all in Denmark.
        assert_eq!(local_to_utc(date!(1979 - 07 - 01), 12, 0).rfc3339(), "1979-07-01T11:00:00Z");
    }

    #[test]
    fn other_zones_of_the_realm() {
        let faroe = Zone::parse("Atlantic/Faroe").unwrap();
        assert_eq!(faroe.to_utc(date!(2026 - 07 - 01), 12, 0).rfc3339(), "2026-07-01T11:00:00Z");
        assert_eq!(faroe.to_utc(date!(2026 - 12 - 01), 12, 0).rfc3339(), "2026-12-01T12:00:00Z");
        let nuuk = Zone::parse("America/Nuuk").unwrap();
        // Nuuk moved from -03 to -02 standard time in 2023 and keeps EU-style summer time (-01).
        assert_eq!(nuuk.to_utc(date!(2022 - 12 - 01), 12, 0).rfc3339(), "2022-12-01T15:00:00Z");
        assert_eq!(nuuk.to_utc(date!(2026 - 12 - 01), 12, 0).rfc3339(), "2026-12-01T14:00:00Z");
        assert_eq!(nuuk.to_utc(date!(2026 - 07 - 01), 12, 0).rfc3339(), "2026-07-01T13:00:00Z");
    }

    #[test]
    fn zone_names_are_checked_against_the_database() {
        assert_eq!(Zone::parse(" Europe/Copenhagen ").unwrap().name(), "Europe/Copenhagen");
        assert_eq!(Zone::parse("America/Godthab").unwrap().to_utc(date!(2026 - 12 - 01), 12, 0).rfc3339(), "2026-12-01T14:00:00Z");
        for bad in ["", "Europe/Kobenhavn", "CET", "UTC", "Etc/GMT-1", "Mars/Olympus"] {
            assert_eq!(Zone::parse(bad), Err("err-time-zone"), "{bad}");
        }
        assert_eq!(Zone::from_stored("Nowhere/Atall"), Zone::default());
        assert_eq!(Zone::default().name(), DEFAULT_ZONE);
    }

    #[test]
    fn months_are_added_with_the_day_clamped() {
        assert_eq!(add_months(date!(2026 - 01 - 31), 1), date!(2026 - 02 - 28));
        assert_eq!(add_months(date!(2028 - 01 - 31), 1), date!(2028 - 02 - 29));
        assert_eq!(add_months(date!(2026 - 11 - 15), 24), date!(2028 - 11 - 15));
        assert_eq!(add_months(date!(2026 - 12 - 01), 1), date!(2027 - 01 - 01));
        assert_eq!(add_months(date!(2026 - 03 - 31), -1), date!(2026 - 02 - 28));
        assert_eq!(add_months(date!(2026 - 01 - 15), -13), date!(2024 - 12 - 15));
    }

    #[test]
    fn months_on_the_wall_clock_keep_the_local_time_across_summer_time() {
        let cph = Zone::default();
        // 18:00 winter time + 6 months is 18:00 summer time (one hour less in UTC).
        let closed = cph.to_utc(date!(2026 - 01 - 10), 18, 0);
        assert_eq!(cph.add_months(closed, 6).local_short(), "2026-07-10 18:00");
        let odd = Timestamp(closed.0 + 17 * Timestamp::MICROS_PER_SECOND + 5);
        assert_eq!(cph.add_months(odd, 6).0 - cph.add_months(closed, 6).0, 17 * Timestamp::MICROS_PER_SECOND + 5);
    }
}
