//! Properties of the organisation's clock: wall-clock round trips through every minute of the
//! days the clocks change, "today" turning at local midnight, consents ending at local
//! midnight, Danish summer time before 1996, and the one month arithmetic.

// Tests fail by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use sammen_domain::journey::courses::ConsentPurpose;
use sammen_domain::journey::intake::{ConsentFact, ConsentState, consent_state};
use sammen_domain::time::{Timestamp, Zone, add_months};
use time::{Date, Duration, Month, PrimitiveDateTime, Time};

const ZONES: [&str; 3] = ["Europe/Copenhagen", "Atlantic/Faroe", "America/Nuuk"];
const MICROS_PER_MINUTE: i64 = 60 * Timestamp::MICROS_PER_SECOND;

fn zone(name: &str) -> Zone {
    Zone::parse(name).unwrap()
}

fn date(y: i32, m: u8, d: u8) -> Date {
    Date::from_calendar_date(y, Month::try_from(m).unwrap(), d).unwrap()
}

/// The local dates (in `name`) on which the zone's offset changed during `year`, read from the
/// tz database independently of the code under test.
fn transition_days(name: &str, year: i16) -> Vec<Date> {
    let tz = jiff::tz::TimeZone::get(name).unwrap();
    let at = |y: i16| tz.to_ambiguous_timestamp(jiff::civil::date(y, 1, 1).at(0, 0, 0, 0)).compatible().unwrap();
    let (start, end) = (at(year), at(year + 1));
    tz.following(start)
        .take_while(|t| t.timestamp() < end)
        .map(|t| {
            let d = tz.to_datetime(t.timestamp()).date();
            date(i32::from(d.year()), d.month() as u8, d.day() as u8)
        })
        .collect()
}

fn wall(t: Timestamp, z: &Zone) -> PrimitiveDateTime {
    let l = t.in_zone(z);
    PrimitiveDateTime::new(l.date(), l.time())
}

/// Every minute of `day`: local → UTC → local gives the same wall time, except in the hour the
/// clocks skip, where it gives the time one gap later (read with the offset before the change).
/// Returns how many minutes were skipped.
fn check_every_minute(z: &Zone, day: Date) -> i64 {
    let mut skipped = 0;
    for minute in 0..24 * 60 {
        let (h, m) = ((minute / 60) as u8, (minute % 60) as u8);
        let asked = PrimitiveDateTime::new(day, Time::from_hms(h, m, 0).unwrap());
        let t = z.to_utc(day, h, m);
        let back = wall(t, z);
        if back != asked {
            let before = z.offset_at(Timestamp(t.0 - 3 * 3600 * Timestamp::MICROS_PER_SECOND));
            let gap = i64::from(z.offset_at(t).whole_seconds() - before.whole_seconds());
            assert!(gap > 0, "{} {asked}: came back as {back} without a gap", z.name());
            assert_eq!((back - asked).whole_seconds(), gap, "{} {asked}", z.name());
            skipped += 1;
        }
        // Local midnight: the minute before is yesterday, this one is today.
        if minute == 0 {
            let first = z.start_of_day(day);
            assert_eq!(z.today(first), day);
            assert_eq!(z.today(Timestamp(first.0 - 1)), day.previous_day().unwrap());
        }
    }
    skipped
}

#[test]
fn every_minute_of_every_change_day_round_trips() {
    for name in ZONES {
        let z = zone(name);
        for year in 1980..=2030 {
            for day in transition_days(name, year) {
                let skipped = check_every_minute(&z, day);
                assert!(skipped == 0 || skipped % 30 == 0, "{name} {day}: {skipped} minutes skipped");
            }
        }
    }
}

#[test]
fn nuuk_kept_its_clock_at_the_autumn_2023_change() {
    // Greenland moved to UTC-02 standard time: in October 2023 Nuuk did not fall back.
    let z = zone("America/Nuuk");
    assert_eq!(z.to_utc(date(2023, 11, 1), 12, 0).rfc3339(), "2023-11-01T14:00:00Z");
    assert_eq!(z.to_utc(date(2022, 11, 1), 12, 0).rfc3339(), "2022-11-01T15:00:00Z");
    assert_eq!(z.to_utc(date(2024, 7, 1), 12, 0).rfc3339(), "2024-07-01T13:00:00Z");
    // The tz database records two changes in 2023: to UTC-02 in March (an hour skipped on the
    // evening of 25 March), and to the new rules in October with no change of the clock, though
    // the database's rule there has a summer-time offset "before" it that never applied.
    assert_eq!(transition_days("America/Nuuk", 2023), [date(2023, 3, 25), date(2023, 10, 28)]);
    assert_eq!(check_every_minute(&z, date(2023, 3, 25)), 60);
    assert_eq!(check_every_minute(&z, date(2023, 10, 28)), 0);
    assert_eq!(z.to_utc(date(2023, 10, 28), 23, 30).rfc3339(), "2023-10-29T01:30:00Z");
}

/// The last Sunday of a month, at 01:00 UTC: when summer time started and ended in Denmark.
fn last_sunday_0100_utc(year: i32, month: u8) -> Timestamp {
    let mut d = date(year, month, 1).replace_day(time::util::days_in_month(Month::try_from(month).unwrap(), year)).unwrap();
    while d.weekday() != time::Weekday::Sunday {
        d = d.previous_day().unwrap();
    }
    Timestamp(d.with_hms(1, 0, 0).unwrap().assume_utc().unix_timestamp() * Timestamp::MICROS_PER_SECOND)
}

/// Denmark's offset by its own rules: summer time from 1980, ending in September until 1995
/// and in October from 1996 (the EU rule). Written out here, apart from the tz database.
fn danish_offset_by_law(t: Timestamp) -> i32 {
    let year = t.to_offset().year();
    if year < 1980 {
        return 3600;
    }
    let end_month = if year <= 1995 { 9 } else { 10 };
    // 1980 began on the first Sunday of April (6 April), later years on the last of March.
    let start = if year == 1980 { Timestamp::from_unix_seconds(323_830_800) } else { last_sunday_0100_utc(year, 3) };
    if t >= start && t < last_sunday_0100_utc(year, end_month) { 7200 } else { 3600 }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn copenhagen_follows_danish_law_1980_to_2037(secs in 315_532_800i64..2_145_916_800) {
        // 1980-01-01 to 2038-01-01.
        let t = Timestamp::from_unix_seconds(secs);
        let z = Zone::default();
        prop_assert_eq!(z.offset_at(t).whole_seconds(), danish_offset_by_law(t), "{}", t.rfc3339());
    }

    #[test]
    fn today_turns_at_local_midnight(zi in 0usize..3, days in 0i64..25_000, micros in 0i64..86_400_000_000) {
        let z = zone(ZONES[zi]);
        let d = date(1970, 1, 1) + Duration::days(days);
        let midnight = z.start_of_day(d);
        let next = z.start_of_day(d.next_day().unwrap());
        let t = Timestamp(midnight.0 + micros);
        let expected = if t < next { d } else { d.next_day().unwrap() };
        prop_assert_eq!(z.today(t), expected);
        prop_assert_eq!(z.today(Timestamp(midnight.0 - 1)), d.previous_day().unwrap());
    }

    #[test]
    fn a_wall_time_round_trips_outside_gaps(zi in 0usize..3, days in 0i64..25_000, minute in 0i64..1440) {
        let z = zone(ZONES[zi]);
        let d = date(1970, 1, 1) + Duration::days(days);
        let (h, m) = ((minute / 60) as u8, (minute % 60) as u8);
        let t = z.to_utc(d, h, m);
        let back = wall(t, &z);
        let asked = PrimitiveDateTime::new(d, Time::from_hms(h, m, 0).unwrap());
        let skipped = z.offset_at(Timestamp(t.0 - 3 * 3600 * Timestamp::MICROS_PER_SECOND)) != z.offset_at(t);
        prop_assert!(back == asked || skipped, "{} {}: {}", z.name(), asked, back);
        // UTC → local → UTC is exact for every instant on a minute.
        let u = Timestamp((t.0 / MICROS_PER_MINUTE) * MICROS_PER_MINUTE);
        let l = wall(u, &z);
        let again = z.to_utc(l.date(), l.hour(), l.minute());
        // In the repeated autumn hour the wall time names the earlier instant.
        prop_assert!(again == u || again.0 == u.0 - 3_600_000_000, "{} {}", z.name(), u.rfc3339());
    }

    #[test]
    fn a_consent_holds_through_its_last_local_day(zi in 0usize..3, days in 9000i64..25_000) {
        let z = zone(ZONES[zi]);
        let last = date(1970, 1, 1) + Duration::days(days);
        let fact = ConsentFact { purpose: ConsentPurpose::Support, given_at: Timestamp(0), valid_until: Some(last), withdrawn_at: None };
        let state = |t: Timestamp| consent_state(std::slice::from_ref(&fact), ConsentPurpose::Support, z.today(t));
        let next_midnight = z.start_of_day(last.next_day().unwrap());
        prop_assert_eq!(state(Timestamp(next_midnight.0 - Timestamp::MICROS_PER_SECOND)), ConsentState::Given);
        prop_assert_eq!(state(next_midnight), ConsentState::Expired);
        // The UTC clock around the local midnight: 22:30 UTC on the last day and 00:30 UTC on
        // the next, each judged by the local date then.
        for utc in [last.with_hms(22, 30, 0).unwrap(), last.next_day().unwrap().with_hms(0, 30, 0).unwrap()] {
            let t = Timestamp(utc.assume_utc().unix_timestamp() * Timestamp::MICROS_PER_SECOND);
            let expected = if t < next_midnight { ConsentState::Given } else { ConsentState::Expired };
            prop_assert_eq!(state(t), expected, "{} at {}", z.name(), t.rfc3339());
        }
    }

    #[test]
    fn months_are_monotone_clamped_and_undone(days in 0i64..40_000, gap in 0i64..400, months in -240i64..240) {
        let a = date(1950, 1, 1) + Duration::days(days);
        let b = a + Duration::days(gap);
        let (ma, mb) = (add_months(a, months), add_months(b, months));
        prop_assert!(ma <= mb, "{a} {b} {months}: {ma} {mb}");
        // The target month is `months` away and the day is kept or clamped to the month's end.
        let index = |d: Date| i64::from(d.year()) * 12 + i64::from(u8::from(d.month()));
        prop_assert_eq!(index(ma) - index(a), months);
        prop_assert_eq!(ma.day(), a.day().min(ma.month().length(ma.year())));
        // Where no clamping happened, going back undoes it; whole years keep the day.
        if a.day() <= 28 {
            prop_assert_eq!(add_months(ma, -months), a);
        }
        if add_months(a, months).day() == a.day() {
            prop_assert_eq!(add_months(ma, -months), a);
        }
        prop_assert_eq!(add_months(a, 0), a);
    }
}

#[test]
fn consent_boundaries_in_copenhagen_winter_and_summer() {
    let z = Zone::default();
    let fact = |last| ConsentFact { purpose: ConsentPurpose::Support, given_at: Timestamp(0), valid_until: Some(last), withdrawn_at: None };
    let at = |s: &str| {
        Timestamp(time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).unwrap().unix_timestamp() * 1_000_000)
    };
    let state = |last, t| consent_state(&[fact(last)], ConsentPurpose::Support, z.today(t));
    // Winter: local midnight is 23:00 UTC. At 22:30 UTC the consent still holds, at 23:30 UTC
    // (00:30 local) it has run out although the UTC date is still the last day.
    assert_eq!(state(date(2026, 1, 15), at("2026-01-15T22:30:00Z")), ConsentState::Given);
    assert_eq!(state(date(2026, 1, 15), at("2026-01-15T22:59:59Z")), ConsentState::Given);
    assert_eq!(state(date(2026, 1, 15), at("2026-01-15T23:00:00Z")), ConsentState::Expired);
    assert_eq!(state(date(2026, 1, 15), at("2026-01-15T23:30:00Z")), ConsentState::Expired);
    // Summer: local midnight is 22:00 UTC.
    assert_eq!(state(date(2026, 7, 15), at("2026-07-15T21:59:59Z")), ConsentState::Given);
    assert_eq!(state(date(2026, 7, 15), at("2026-07-15T22:30:00Z")), ConsentState::Expired);
    assert_eq!(state(date(2026, 7, 15), at("2026-07-16T00:30:00Z")), ConsentState::Expired);
    // Nuuk is behind UTC: at 00:30 UTC on the next day it is still the last day there.
    let nuuk = zone("America/Nuuk");
    assert_eq!(
        consent_state(&[fact(date(2026, 1, 15))], ConsentPurpose::Support, nuuk.today(at("2026-01-16T00:30:00Z"))),
        ConsentState::Given
    );
    assert_eq!(
        consent_state(&[fact(date(2026, 1, 15))], ConsentPurpose::Support, nuuk.today(at("2026-01-16T02:00:00Z"))),
        ConsentState::Expired
    );
}
