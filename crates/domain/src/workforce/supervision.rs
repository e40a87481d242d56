//! Supervision of peer workers: the two kinds (professional, by a more
//! experienced peer; managerial, by a manager), individual and group sessions, the topics tagged
//! from the known difficulties, and the required frequency per role with the due and overdue rule.

use time::{Date, Duration};

use crate::directory::{code_enum, parse_set};
use crate::journey::courses::parse_time_of_day;
use crate::time::{Timestamp, Zone, parse_date};
use crate::validation::{ValidationErrors, optional_text};

code_enum!(
    /// Professional supervision (faglig: by a more experienced peer, a colleague or an external
    /// supervisor) or managerial supervision (ledelsesmæssig: by a manager).
    SupervisionKind { Professional => "professional", Managerial => "managerial" }
);

code_enum!(
    /// One supervisee or a group of supervisees.
    SupervisionFormat { Individual => "individual", Group => "group" }
);

code_enum!(
    /// Whether a session is still to come, took place, or was cancelled.
    SupervisionStatus { Planned => "planned", Held => "held", Cancelled => "cancelled" }
);

code_enum!(
    /// What a session dealt with: the known difficulties of the peer role.
    SupervisionTopic {
        RoleClarity => "role_clarity",
        Loyalty => "loyalty",
        Boundaries => "boundaries",
        Stress => "stress",
        Disclosure => "disclosure",
        PatientToEmployee => "patient_to_employee",
        Other => "other",
    }
);

/// The longest session, in minutes.
pub const MAX_SESSION_MINUTES: i64 = 480;
/// The longest required interval between sessions, in weeks.
pub const MAX_EVERY_WEEKS: i64 = 52;
/// The longest note.
pub const MAX_NOTE_CHARS: usize = 10_000;

/// A session as planned: date and time of day are Danish local time.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionInput {
    pub kind: SupervisionKind,
    pub format: SupervisionFormat,
    pub starts_at: Timestamp,
    pub duration_minutes: i64,
    /// The supervisor's user id.
    pub supervisor: String,
    /// The supervisees invited (peer-worker ids).
    pub invited: Vec<String>,
}

fn bounded(raw: &str, min: i64, max: i64, err: &'static str) -> Result<i64, &'static str> {
    match raw.trim().parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(err),
    }
}

impl SessionInput {
    /// Reads the date and time on the default zone's clock (Europe/Copenhagen); handlers
    /// use [`Self::parse_in`] with the organisation's zone.
    #[allow(clippy::too_many_arguments)]
    pub fn parse(
        kind: &str,
        format: &str,
        date: &str,
        time_of_day: &str,
        duration_minutes: &str,
        supervisor: &str,
        invited: &[String],
    ) -> Result<Self, ValidationErrors> {
        Self::parse_in(&Zone::default(), kind, format, date, time_of_day, duration_minutes, supervisor, invited)
    }

    #[allow(clippy::too_many_arguments)]
    pub fn parse_in(
        zone: &Zone,
        kind: &str,
        format: &str,
        date: &str,
        time_of_day: &str,
        duration_minutes: &str,
        supervisor: &str,
        invited: &[String],
    ) -> Result<Self, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let kind = e.check("kind", SupervisionKind::parse(kind));
        let format = e.check("format", SupervisionFormat::parse(format));
        let date = e.check("date", parse_date(date));
        let tod = e.check("time", parse_time_of_day(time_of_day));
        let duration = e.check("duration_minutes", bounded(duration_minutes, 1, MAX_SESSION_MINUTES, "err-supervision-duration"));
        let supervisor = supervisor.trim();
        if uuid::Uuid::parse_str(supervisor).is_err() {
            e.add("supervisor", "err-choice");
        }
        let mut ids: Vec<String> = invited.iter().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect();
        ids.sort();
        ids.dedup();
        if ids.is_empty() || ids.iter().any(|i| uuid::Uuid::parse_str(i).is_err()) {
            e.add("invited", "err-supervisees");
        }
        if format == Some(SupervisionFormat::Individual) && ids.len() > 1 {
            e.add("format", "err-supervision-individual");
        }
        match (kind, format, date, tod, duration) {
            (Some(kind), Some(format), Some(date), Some((h, m)), Some(duration_minutes)) if e.is_empty() => Ok(Self {
                kind,
                format,
                starts_at: zone.to_utc(date, h, m),
                duration_minutes,
                supervisor: supervisor.to_owned(),
                invited: ids,
            }),
            _ => Err(e),
        }
    }
}

/// What a session's record says once it is written up: status, who attended, topics, note.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionRecord {
    pub status: SupervisionStatus,
    pub attended: Vec<String>,
    pub topics: Vec<SupervisionTopic>,
    /// `None`: the note is left as it is (the writer may not see it).
    pub note: Option<Option<String>>,
}

impl SessionRecord {
    pub fn parse(status: &str, attended: &[String], topics: &[String], note: Option<&str>) -> Result<Self, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let status = e.check("status", SupervisionStatus::parse(status));
        let topics = e.check("topics", parse_set(topics, SupervisionTopic::parse, true));
        let note = match note {
            Some(n) => e.check("note", optional_text(Some(n), MAX_NOTE_CHARS)).map(Some),
            None => Some(None),
        };
        match (status, topics, note) {
            (Some(status), Some(topics), Some(note)) if e.is_empty() => Ok(Self {
                status,
                attended: attended.iter().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect(),
                topics,
                note,
            }),
            _ => Err(e),
        }
    }
}

impl SessionRecord {
    /// The record checked against the session's start: it is marked held, or anyone recorded as
    /// attending, only once the session has begun (`err-supervision-not-begun` on `status`, or
    /// on `attended`). Planned or cancelled with nobody attending can be written at any time.
    pub fn check_time(&self, starts_at: Timestamp, now: Timestamp) -> Result<(), ValidationErrors> {
        if self.status == SupervisionStatus::Held {
            crate::validation::require_begun(starts_at, now, "status", "err-supervision-not-begun")?;
        }
        if !self.attended.is_empty() {
            crate::validation::require_begun(starts_at, now, "attended", "err-supervision-not-begun")?;
        }
        Ok(())
    }
}

/// A required frequency: every `every_weeks` weeks.
pub fn parse_every_weeks(raw: &str) -> Result<i64, &'static str> {
    bounded(raw, 1, MAX_EVERY_WEEKS, "err-every-weeks")
}

/// The strictest of several requirements (a peer may hold more than one role): the shortest interval.
pub fn strictest(weeks: impl IntoIterator<Item = i64>) -> Option<i64> {
    weeks.into_iter().filter(|w| *w > 0).min()
}

/// Where a peer stands with one kind of supervision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Compliance {
    pub last: Option<Date>,
    pub every_weeks: i64,
    pub due: Date,
    pub overdue: bool,
}

/// The next due date: `every_weeks` after the last attended session, or after `since` (when the
/// supervision began: the relation's start) when none has been attended yet. Overdue from the
/// day after the due date.
pub fn compliance(last: Option<Date>, since: Date, every_weeks: i64, today: Date) -> Compliance {
    let from = last.unwrap_or(since);
    let due = from.checked_add(Duration::weeks(every_weeks)).unwrap_or(Date::MAX);
    Compliance { last, every_weeks, due, overdue: today > due }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn due_and_overdue_follow_the_last_attended_session() {
        let c = compliance(Some(date!(2026 - 01 - 05)), date!(2025 - 06 - 01), 4, date!(2026 - 02 - 02));
        assert_eq!((c.due, c.overdue), (date!(2026 - 02 - 02), false), "due today is not yet overdue");
        let c = compliance(Some(date!(2026 - 01 - 05)), date!(2025 - 06 - 01), 4, date!(2026 - 02 - 03));
        assert!(c.overdue, "the day after the due date");
        let never = compliance(None, date!(2026 - 01 - 01), 12, date!(2026 - 03 - 01));
        assert_eq!((never.due, never.overdue), (date!(2026 - 03 - 26), false), "counted from the start of supervision");
        let never = compliance(None, date!(2025 - 01 - 01), 12, date!(2026 - 03 - 01));
        assert!(never.overdue);
        assert_eq!(strictest([12, 4, 8]), Some(4));
        assert_eq!(strictest([]), None);
    }

    #[test]
    fn a_session_is_parsed_in_danish_time_with_its_errors() {
        let sup = "019a0000-0000-7000-8000-000000000001".to_owned();
        let peer = "019a0000-0000-7000-8000-000000000002".to_owned();
        let s = SessionInput::parse("professional", "individual", "2026-07-01", "10:00", "60", &sup, std::slice::from_ref(&peer)).unwrap();
        assert_eq!(s.starts_at.short(), "2026-07-01 08:00", "summer time");
        let e = SessionInput::parse("x", "individual", "2026-02-30", "25", "0", "nobody", &[peer.clone(), sup.clone()]).unwrap_err();
        for (f, m) in [
            ("kind", "err-choice"),
            ("date", "err-date"),
            ("time", "err-time"),
            ("duration_minutes", "err-supervision-duration"),
            ("supervisor", "err-choice"),
            ("format", "err-supervision-individual"),
        ] {
            assert_eq!(e.message_for(f), Some(m), "{f}");
        }
        let e = SessionInput::parse("managerial", "group", "2026-07-01", "10:00", "60", &sup, &[]).unwrap_err();
        assert_eq!(e.message_for("invited"), Some("err-supervisees"));
        let r = SessionRecord::parse("held", &[peer], &["stress".into(), "loyalty".into()], Some("  ")).unwrap();
        assert_eq!((r.topics.len(), r.note), (2, Some(None)));
        assert!(SessionRecord::parse("held", &[], &["fun".into()], None).is_err());
        assert_eq!(parse_every_weeks("0"), Err("err-every-weeks"));
        assert_eq!(parse_every_weeks(" 4 "), Ok(4));
    }
}
