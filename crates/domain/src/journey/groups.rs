//! Group courses (gruppeforløb) and open events such as a recovery café:
//! codes, form parsing and attendance rates. No IO.

use crate::directory::{Mode, code_enum};
use crate::journey::courses::parse_time_of_day;
use crate::time::{Timestamp, Zone, parse_date};
use crate::validation::{ValidationErrors, optional_text, required_text};

code_enum!(
    /// A course with enrolled participants, or an open event with an anonymous head count.
    GroupKind { Course => "course", OpenEvent => "open_event" }
);

code_enum!(
    /// Where a group is in its life.
    GroupStatus { Planned => "planned", Running => "running", Ended => "ended" }
);

code_enum!(
    /// A meeting of a group: planned, held, or cancelled.
    MeetingStatus { Planned => "planned", Held => "held", Cancelled => "cancelled" }
);

/// The largest group or head count Sammen accepts.
pub const MAX_CAPACITY: i64 = 200;
pub const MAX_HEAD_COUNT: i64 = 10_000;
/// The longest meeting, in minutes.
pub const MAX_MEETING_MINUTES: i64 = 12 * 60;

/// A group as entered.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupInput {
    pub kind: GroupKind,
    pub name: String,
    pub description: Option<String>,
    pub programme_id: Option<String>,
    pub mode: Mode,
    pub place: Option<String>,
    pub capacity: Option<i64>,
    pub status: GroupStatus,
}

fn parse_bounded(raw: &str, min: i64, max: i64, err: &'static str) -> Result<i64, &'static str> {
    match raw.trim().parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(err),
    }
}

/// A head count of an open event: 0 to [`MAX_HEAD_COUNT`].
pub fn parse_head_count(raw: &str) -> Result<i64, &'static str> {
    parse_bounded(raw, 0, MAX_HEAD_COUNT, "err-head-count")
}

impl GroupInput {
    /// Parses the group form. An open event has no capacity (nobody enrols).
    #[allow(clippy::too_many_arguments)]
    pub fn parse(
        kind: &str,
        name: &str,
        description: Option<&str>,
        programme_id: Option<&str>,
        mode: &str,
        place: Option<&str>,
        capacity: Option<&str>,
        status: &str,
    ) -> Result<Self, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let kind = e.check("kind", GroupKind::parse(kind));
        let name = e.check("name", required_text(name, 120));
        let description = e.check("description", optional_text(description, 2000));
        let programme_id = e.check(
            "programme_id",
            match programme_id.map(str::trim) {
                None | Some("") => Ok(None),
                Some(p) => p.parse::<crate::ProgrammeId>().map(|_| Some(p.to_owned())).map_err(|_| "err-choice"),
            },
        );
        let mode = e.check("mode", Mode::parse(mode));
        let place = e.check("place", optional_text(place, 200));
        let capacity = e.check(
            "capacity",
            match capacity.map(str::trim) {
                None | Some("") => Ok(None),
                Some(c) => parse_bounded(c, 1, MAX_CAPACITY, "err-capacity").map(Some),
            },
        );
        let status = e.check("status", GroupStatus::parse(status));
        match (kind, name, description, programme_id, mode, place, capacity, status) {
            (Some(kind), Some(name), Some(description), Some(programme_id), Some(mode), Some(place), Some(capacity), Some(status))
                if e.is_empty() =>
            {
                let capacity = if kind == GroupKind::OpenEvent { None } else { capacity };
                Ok(Self { kind, name, description, programme_id, mode, place, capacity, status })
            }
            _ => Err(e),
        }
    }
}

/// A meeting as planned: the date and time of day are Danish local time.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingInput {
    pub starts_at: Timestamp,
    pub duration_minutes: i64,
    pub place: Option<String>,
    pub note: Option<String>,
}

impl MeetingInput {
    /// Reads the date and time on the default zone's clock (Europe/Copenhagen); handlers
    /// use [`Self::parse_in`] with the organisation's zone.
    pub fn parse(
        date: &str,
        time_of_day: &str,
        duration_minutes: &str,
        place: Option<&str>,
        note: Option<&str>,
    ) -> Result<Self, ValidationErrors> {
        Self::parse_in(&Zone::default(), date, time_of_day, duration_minutes, place, note)
    }

    pub fn parse_in(
        zone: &Zone,
        date: &str,
        time_of_day: &str,
        duration_minutes: &str,
        place: Option<&str>,
        note: Option<&str>,
    ) -> Result<Self, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let date = e.check("date", parse_date(date));
        let tod = e.check("time", parse_time_of_day(time_of_day));
        let duration = e.check("duration_minutes", parse_bounded(duration_minutes, 1, MAX_MEETING_MINUTES, "err-duration"));
        let place = e.check("place", optional_text(place, 200));
        let note = e.check("note", optional_text(note, 2000));
        match (date, tod, duration, place, note) {
            (Some(date), Some((h, m)), Some(duration_minutes), Some(place), Some(note)) if e.is_empty() => {
                Ok(Self { starts_at: zone.to_utc(date, h, m), duration_minutes, place, note })
            }
            _ => Err(e),
        }
    }
}

/// The field a meeting's attendance is entered in: the roll of a course (`present`), the head
/// count of an open event (`anonymous_count`).
pub fn attendance_field(kind: GroupKind) -> &'static str {
    match kind {
        GroupKind::Course => "present",
        GroupKind::OpenEvent => "anonymous_count",
    }
}

/// Attendance, which marks a meeting held, is recorded only once the meeting has begun:
/// refused with `err-meeting-not-begun` on the attendance field before its start.
pub fn check_attendance_time(kind: GroupKind, starts_at: Timestamp, now: Timestamp) -> Result<(), ValidationErrors> {
    crate::validation::require_begun(starts_at, now, attendance_field(kind), "err-meeting-not-begun")
}

/// A share in whole per cent, rounded half up; none when nothing was counted.
pub fn rate_percent(present: i64, of: i64) -> Option<i64> {
    if of <= 0 || present < 0 {
        return None;
    }
    let present = present.min(of);
    Some((present * 200 + of) / (2 * of))
}

/// Whether an enrolment covers a meeting: it had not ended before the meeting began.
pub fn enrolment_covers(left_at: Option<Timestamp>, meeting_starts: Timestamp) -> bool {
    left_at.is_none_or(|l| l > meeting_starts)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_group_is_parsed_with_its_errors() {
        let g = GroupInput::parse("course", " WRAP-forløb ", None, None, "in_person", Some("Huset"), Some("12"), "planned").unwrap();
        assert_eq!((g.name.as_str(), g.capacity, g.kind), ("WRAP-forløb", Some(12), GroupKind::Course));
        let open = GroupInput::parse("open_event", "Recovery-café", None, None, "in_person", None, Some("30"), "running").unwrap();
        assert_eq!(open.capacity, None, "nobody enrols in an open event");
        let e = GroupInput::parse("club", "", None, Some("x"), "fax", None, Some("0"), "soon").unwrap_err();
        for (f, m) in [
            ("kind", "err-choice"),
            ("name", "err-required"),
            ("programme_id", "err-choice"),
            ("mode", "err-choice"),
            ("capacity", "err-capacity"),
            ("status", "err-choice"),
        ] {
            assert_eq!(e.message_for(f), Some(m), "{f}");
        }
    }

    #[test]
    fn a_meeting_is_read_in_danish_time() {
        let m = MeetingInput::parse("2026-07-01", "17:00", "90", None, None).unwrap();
        assert_eq!(m.starts_at.short(), "2026-07-01 15:00", "summer time");
        assert_eq!(m.starts_at.local_short(), "2026-07-01 17:00");
        let w = MeetingInput::parse("2026-01-15", "17:00", "90", Some("Café"), None).unwrap();
        assert_eq!(w.starts_at.short(), "2026-01-15 16:00", "winter time");
        let e = MeetingInput::parse("2026-02-30", "7", "0", None, None).unwrap_err();
        assert_eq!(e.message_for("date"), Some("err-date"));
        assert_eq!(e.message_for("time"), Some("err-time"));
        assert_eq!(e.message_for("duration_minutes"), Some("err-duration"));
    }

    #[test]
    fn rates_and_head_counts() {
        assert_eq!(rate_percent(2, 3), Some(67));
        assert_eq!(rate_percent(1, 8), Some(13), "12.5 rounds up");
        assert_eq!(rate_percent(0, 5), Some(0));
        assert_eq!(rate_percent(5, 5), Some(100));
        assert_eq!(rate_percent(0, 0), None, "nothing counted is no rate");
        assert_eq!(parse_head_count(" 14 "), Ok(14));
        assert_eq!(parse_head_count("-1"), Err("err-head-count"));
        assert_eq!(parse_head_count("mange"), Err("err-head-count"));
        let at = Timestamp::from_unix_seconds(1000);
        assert!(enrolment_covers(None, at));
        assert!(enrolment_covers(Some(Timestamp::from_unix_seconds(2000)), at));
        assert!(!enrolment_covers(Some(Timestamp::from_unix_seconds(500)), at));
    }
}
