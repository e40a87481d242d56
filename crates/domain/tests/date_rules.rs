//! Properties of the rules that hold a date against what it describes: attendance and "held"
//! only once a meeting or session has begun, completion of a training course only after the
//! cohort's last meeting and with the attendance the course asks, a support session within its
//! course's period, and sensible periods for agreements and consents.

// Tests fail by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use sammen_domain::directory::PartnershipInput;
use sammen_domain::journey::courses::{CoursePeriod, SessionStatus, check_session_date};
use sammen_domain::journey::groups::{GroupKind, attendance_field, check_attendance_time};
use sammen_domain::journey::intake::ConsentInput;
use sammen_domain::time::{Timestamp, format_date};
use sammen_domain::validation::{PLAUSIBLE_YEARS, Period, check_period, has_begun, plausible_date, plausible_window};
use sammen_domain::workforce::supervision::{SessionRecord, SupervisionStatus};
use sammen_domain::workforce::training::{AttendanceRule, CohortMeeting, Outcome, check_completion, cohort_ends_at};
use time::{Date, Duration, Month};

const MINUTE: i64 = 60 * Timestamp::MICROS_PER_SECOND;

/// Instants from 1990 to 2060, to the microsecond.
fn instant() -> impl Strategy<Value = Timestamp> {
    (631_152_000_000_000i64..2_840_140_800_000_000).prop_map(Timestamp)
}

/// Days from 1990 to 2060.
fn day() -> impl Strategy<Value = Date> {
    (0i64..25_567).prop_map(|d| Date::from_calendar_date(1990, Month::January, 1).unwrap() + Duration::days(d))
}

fn kind() -> impl Strategy<Value = GroupKind> {
    prop_oneof![Just(GroupKind::Course), Just(GroupKind::OpenEvent)]
}

/// A cohort: 1 to 12 meetings, a week or so apart, 30 minutes to 8 hours each.
fn cohort() -> impl Strategy<Value = Vec<CohortMeeting>> {
    (instant(), prop::collection::vec((0i64..14 * 24 * 60, 30i64..480), 1..12)).prop_map(|(first, gaps)| {
        let mut at = first;
        gaps.into_iter()
            .map(|(gap, minutes)| {
                at = Timestamp(at.0 + gap * MINUTE);
                CohortMeeting { starts_at: at, duration_minutes: minutes }
            })
            .collect()
    })
}

fn ids(n: usize) -> Vec<String> {
    (0..n).map(|k| format!("019a0000-0000-7000-8000-{k:012}")).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// A group meeting's attendance (which marks it held) is accepted exactly when the meeting
    /// has begun, and a refusal names the form's attendance field.
    #[test]
    fn attendance_iff_the_meeting_has_begun(k in kind(), start in instant(), now in instant()) {
        let r = check_attendance_time(k, start, now);
        prop_assert_eq!(r.is_ok(), start <= now);
        if let Err(e) = r {
            prop_assert_eq!(e.message_for(attendance_field(k)), Some("err-meeting-not-begun"));
            prop_assert_eq!(e.fields.len(), 1);
        }
    }

    /// The same instant is the boundary: at the start it is accepted, a microsecond before not.
    #[test]
    fn a_meeting_begins_at_its_start(k in kind(), start in instant()) {
        prop_assert!(check_attendance_time(k, start, start).is_ok());
        prop_assert!(check_attendance_time(k, start, Timestamp(start.0 - 1)).is_err());
        prop_assert!(has_begun(start, start));
    }

    /// A supervision session is marked held, or anyone recorded as attending, iff it has begun;
    /// planned or cancelled with nobody attending is accepted at any time.
    #[test]
    fn supervision_held_iff_begun(start in instant(), now in instant(), status in 0usize..3, anyone in any::<bool>()) {
        let status = [SupervisionStatus::Planned, SupervisionStatus::Held, SupervisionStatus::Cancelled][status];
        let attended = if anyone { ids(1) } else { Vec::new() };
        let rec = SessionRecord { status, attended, topics: Vec::new(), note: None };
        let needs_start = status == SupervisionStatus::Held || anyone;
        let r = rec.check_time(start, now);
        prop_assert_eq!(r.is_ok(), !needs_start || start <= now);
        if let Err(e) = r {
            let field = if status == SupervisionStatus::Held { "status" } else { "attended" };
            prop_assert_eq!(e.message_for(field), Some("err-supervision-not-begun"));
        }
    }

    /// Completion of a training course is accepted iff the cohort's last meeting is over and
    /// the peer was present at no fewer meetings than the rule asks; "not completed" always.
    #[test]
    fn completion_iff_over_and_attended(
        meetings in cohort(),
        attended_share in 0usize..=100,
        percent in 0i64..=100,
        offset_minutes in -20_000i64..20_000,
    ) {
        let rule = AttendanceRule { min_percent: percent };
        let n = meetings.len();
        let attended = n * attended_share / 100;
        let end = cohort_ends_at(&meetings).unwrap();
        let now = Timestamp(end.0 + offset_minutes * MINUTE);
        let over = meetings.iter().all(|m| m.starts_at.0 + m.duration_minutes * MINUTE <= now.0);
        // The rule, written out: present at ≥ percent % of the meetings, as a whole number.
        let enough = attended * 100 >= n * usize::try_from(percent).unwrap();
        let r = check_completion(Outcome::Completed, &meetings, attended, rule, now);
        prop_assert_eq!(r.is_ok(), over && enough, "{:?}", r);
        if !over {
            prop_assert_eq!(r, Err("err-cohort-not-over"));
        } else if !enough {
            prop_assert_eq!(r, Err("err-attendance-rule"));
        }
        prop_assert!(check_completion(Outcome::NotCompleted, &meetings, attended, rule, now).is_ok());
    }

    /// The standard rule asks three meetings in four, rounded up, and never more than all.
    #[test]
    fn the_standard_rule_is_three_in_four(n in 0usize..200) {
        let k = AttendanceRule::STANDARD.required_of(n);
        prop_assert!(k <= n);
        prop_assert!(4 * k >= 3 * n);
        prop_assert!(k == 0 || 4 * (k - 1) < 3 * n);
    }

    /// A support session is accepted iff (if held) it has begun and its date lies within its
    /// course's period; every refusal is on the `date` field.
    #[test]
    fn a_session_lies_within_its_course(
        start in instant(),
        now in instant(),
        held in any::<bool>(),
        agreed in day(),
        length in prop::option::of(0i64..2_000),
    ) {
        let status = if held { SessionStatus::Held } else { SessionStatus::Planned };
        let day = start.date();
        let period = CoursePeriod { agreed_on: agreed, ended_on: length.map(|l| agreed + Duration::days(l)) };
        let r = check_session_date(status, start, day, period, now);
        let within = agreed <= day && period.ended_on.is_none_or(|e| day <= e);
        prop_assert_eq!(r.is_ok(), (!held || start <= now) && within);
        if let Err(e) = r {
            prop_assert!(e.message_for("date").is_some());
            prop_assert_eq!(e.fields.len(), 1);
        }
    }

    /// A period is accepted iff its end is not before its start and both dates lie within
    /// PLAUSIBLE_YEARS of today; the errors name the start and end fields.
    #[test]
    fn a_sensible_period(today in day(), start in day(), end in prop::option::of(day())) {
        let p = Period { start, end, start_field: "valid_from", end_field: "valid_to" };
        let (first, last) = plausible_window(today);
        let r = check_period(p, today, None);
        let start_ok = first <= start && start <= last;
        let end_ok = end.is_none_or(|e| start <= e && first <= e && e <= last);
        prop_assert_eq!(r.is_ok(), start_ok && end_ok);
        if let Err(e) = &r {
            prop_assert_eq!(e.message_for("valid_from").is_some(), !start_ok);
            prop_assert_eq!(e.message_for("valid_to").is_some(), !end_ok);
            if end.is_some_and(|e| e < start) {
                prop_assert_eq!(e.message_for("valid_to"), Some("err-period-order"));
            }
        }
    }

    /// Dates already stored are not judged again: an edit that keeps them is accepted whatever
    /// today is, as long as the period is in order.
    #[test]
    fn kept_dates_are_not_judged_again(today in day(), start in day(), length in prop::option::of(0i64..20_000)) {
        let end = length.map(|l| start + Duration::days(l));
        let p = Period { start, end, start_field: "valid_from", end_field: "valid_to" };
        prop_assert!(check_period(p, today, Some((start, end))).is_ok());
    }

    /// The window is ten calendar years either side, whatever the day (29 February included).
    #[test]
    fn the_window_is_ten_years(today in day()) {
        let (first, last) = plausible_window(today);
        prop_assert_eq!(i64::from(today.year() - first.year()), PLAUSIBLE_YEARS);
        prop_assert_eq!(i64::from(last.year() - today.year()), PLAUSIBLE_YEARS);
        prop_assert_eq!(plausible_date(first, today), Ok(first));
        prop_assert_eq!(plausible_date(last, today), Ok(last));
        prop_assert_eq!(plausible_date(first.previous_day().unwrap(), today), Err("err-date-too-early"));
        prop_assert_eq!(plausible_date(last.next_day().unwrap(), today), Err("err-date-too-late"));
    }

    /// A consent's end is accepted iff it is today or later and within the window.
    #[test]
    fn a_consent_ends_sensibly(today in day(), until in day()) {
        let r = ConsentInput::parse("support", "Peerstøtte", &["coordinators".into()], "written", Some(&format_date(until)), today);
        let (_, last) = plausible_window(today);
        prop_assert_eq!(r.is_ok(), today <= until && until <= last);
        if let Err(e) = r {
            let m = e.message_for("valid_until");
            prop_assert!(m == Some("err-date-past") || m == Some("err-date-too-late"), "{:?}", m);
        }
    }

    /// An agreement's period: the parser orders it, the period rule bounds it on today.
    #[test]
    fn an_agreement_period(today in day(), from in day(), to in prop::option::of(day())) {
        let parties = ids(2);
        let parsed = PartnershipInput::parse("Aftale", "Formål", "GDPR art. 6", &[], &format_date(from), to.map(format_date).as_deref(), &parties);
        match parsed {
            Ok(p) => {
                prop_assert!(to.is_none_or(|t| from <= t));
                let r = p.check_period(today, None);
                let (first, last) = plausible_window(today);
                let inside = |d: Date| first <= d && d <= last;
                prop_assert_eq!(r.is_ok(), inside(from) && to.is_none_or(inside));
            }
            Err(e) => {
                prop_assert!(to.is_some_and(|t| t < from));
                prop_assert_eq!(e.message_for("valid_to"), Some("err-period-order"));
            }
        }
    }
}
