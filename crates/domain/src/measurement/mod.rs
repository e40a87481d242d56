//! Measurement plans and their waves, answering links, life outcomes and service use.
//!
//! The schedule is pure: given a plan, when a participant's course started and ended, and the
//! time now, [`due_waves`] says which waves have fallen due. The caller creates an invitation
//! for each wave it has not made yet.

pub mod completeness;
pub mod qualitative;

use time::{Date, Duration};

use crate::directory::code_enum;
use crate::people::optional_choice;
use crate::time::{Timestamp, Zone, parse_date};
use crate::validation::{ValidationErrors, optional_text};

const MICROS_PER_DAY: i64 = 86_400 * Timestamp::MICROS_PER_SECOND;
/// Waves after the start are counted in weeks; the closure and follow-up waves come after every one of them.
const ORDER_CLOSURE: i64 = 100_000;
const ORDER_FOLLOW_UP: i64 = 200_000;

/// When a plan measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    pub at_start: bool,
    /// Every N weeks after the start, while the course runs.
    pub every_weeks: Option<u32>,
    pub at_closure: bool,
    /// M months after closure.
    pub followup_months: Option<u32>,
}

/// A wave that has fallen due: its stable label (`baseline`, `week-8`, `closure`,
/// `followup-6m`), its place in the plan's order and when it fell due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueWave {
    pub label: String,
    pub order: i64,
    pub due: Timestamp,
}

/// A wave as its stable label names it: `baseline`, `week-8`, `closure`, `followup-6m`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaveKind {
    Baseline,
    Week(u32),
    Closure,
    FollowUp(u32),
}

impl WaveKind {
    pub fn parse(label: &str) -> Option<WaveKind> {
        let n = |s: &str| s.parse::<u32>().ok().filter(|n| *n > 0);
        match label {
            "baseline" => Some(WaveKind::Baseline),
            "closure" => Some(WaveKind::Closure),
            _ => label
                .strip_prefix("week-")
                .and_then(n)
                .map(WaveKind::Week)
                .or_else(|| label.strip_prefix("followup-").and_then(|m| m.strip_suffix('m')).and_then(n).map(WaveKind::FollowUp)),
        }
    }

    pub fn label(self) -> String {
        match self {
            WaveKind::Baseline => "baseline".into(),
            WaveKind::Week(n) => format!("week-{n}"),
            WaveKind::Closure => "closure".into(),
            WaveKind::FollowUp(m) => format!("followup-{m}m"),
        }
    }

    /// Its place in a plan: the baseline, the weeks in order, closure, then follow-ups.
    pub fn order(self) -> i64 {
        match self {
            WaveKind::Baseline => 0,
            WaveKind::Week(n) => i64::from(n),
            WaveKind::Closure => ORDER_CLOSURE,
            WaveKind::FollowUp(m) => ORDER_FOLLOW_UP + i64::from(m),
        }
    }

    /// When it falls due for a course that started and (perhaps) closed as given; follow-ups
    /// count calendar months on the wall clock of `zone`.
    pub fn due(self, started: Option<Timestamp>, closed: Option<Timestamp>, zone: &Zone) -> Option<Timestamp> {
        match self {
            WaveKind::Baseline => started,
            WaveKind::Week(n) => started.map(|s| Timestamp(s.0 + i64::from(n) * 7 * MICROS_PER_DAY)),
            WaveKind::Closure => closed,
            WaveKind::FollowUp(m) => closed.map(|c| zone.add_months(c, i64::from(m))),
        }
    }
}

/// Whether a label names a follow-up wave a report can compare with the baseline.
pub fn valid_wave(label: &str) -> bool {
    WaveKind::parse(label).is_some_and(|w| w != WaveKind::Baseline)
}

/// A wave's place in a plan; an unknown label sorts last.
pub fn wave_order(label: &str) -> i64 {
    WaveKind::parse(label).map_or(i64::MAX, WaveKind::order)
}

/// Whether the wave `label` has fallen due by `now` (an unknown label never does).
pub fn wave_due(label: &str, started: Option<Timestamp>, closed: Option<Timestamp>, now: Timestamp, zone: &Zone) -> bool {
    WaveKind::parse(label).and_then(|w| w.due(started, closed, zone)).is_some_and(|d| d <= now)
}

/// The waves of `plan` that have fallen due by `now` for a course that started at `started`
/// and (perhaps) closed at `closed`, in the organisation's `zone`. Waves every N weeks stop at
/// closure; a course that has not started has no waves.
pub fn due_waves(plan: &Schedule, started: Option<Timestamp>, closed: Option<Timestamp>, now: Timestamp, zone: &Zone) -> Vec<DueWave> {
    let Some(start) = started else { return Vec::new() };
    let mut waves = Vec::new();
    if plan.at_start {
        waves.push(WaveKind::Baseline);
    }
    if let Some(n) = plan.every_weeks.filter(|n| *n > 0) {
        let end = closed.map_or(now, |c| c.min(now));
        let mut k = 1u32;
        while let Some(weeks) = k.checked_mul(n)
            && WaveKind::Week(weeks).due(Some(start), closed, zone).is_some_and(|d| d <= end)
        {
            waves.push(WaveKind::Week(weeks));
            k += 1;
        }
    }
    if closed.is_some() {
        if plan.at_closure {
            waves.push(WaveKind::Closure);
        }
        if let Some(m) = plan.followup_months.filter(|m| *m > 0) {
            waves.push(WaveKind::FollowUp(m));
        }
    }
    let out: Vec<DueWave> = waves
        .into_iter()
        .filter_map(|w| {
            let due = w.due(Some(start), closed, zone)?;
            (due <= now).then(|| DueWave { label: w.label(), order: w.order(), due })
        })
        .collect();
    out
}

/// A plan as entered: which instrument, when, and how long a link stays valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanInput {
    pub instrument: String,
    pub schedule: Schedule,
    pub reminder_days: u32,
    pub valid_days: u32,
    /// The share of each wave that should be answered, in percent (see [`completeness`]).
    pub target_percent: u32,
}

fn optional_count(raw: Option<&str>, max: u32) -> Result<Option<u32>, &'static str> {
    optional_choice(raw, |t| t.parse::<u32>().ok().filter(|n| (1..=max).contains(n)).ok_or("err-number-range"))
}

impl PlanInput {
    /// Parses the plan form. At least one wave is required; the instrument key is checked
    /// against the definitions by the caller.
    pub fn parse(
        instrument: &str,
        at_start: bool,
        every_weeks: Option<&str>,
        at_closure: bool,
        followup_months: Option<&str>,
        reminder_days: Option<&str>,
        valid_days: Option<&str>,
    ) -> Result<Self, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let instrument = instrument.trim().to_owned();
        if instrument.is_empty() {
            e.add("instrument", "err-required");
        }
        let every_weeks = e.check("every_weeks", optional_count(every_weeks, 104)).flatten();
        let followup_months = e.check("followup_months", optional_count(followup_months, 60)).flatten();
        let reminder_days = e.check("reminder_days", optional_count(reminder_days, 60)).flatten().unwrap_or(7);
        let valid_days = e.check("valid_days", optional_count(valid_days, 180)).flatten().unwrap_or(28);
        if !at_start && every_weeks.is_none() && !at_closure && followup_months.is_none() && e.is_empty() {
            e.add("at_start", "err-plan-no-waves");
        }
        if reminder_days >= valid_days && e.is_empty() {
            e.add("reminder_days", "err-plan-reminder-after-expiry");
        }
        e.into_result()?;
        Ok(PlanInput {
            instrument,
            schedule: Schedule { at_start, every_weeks, at_closure, followup_months },
            reminder_days,
            valid_days,
            target_percent: completeness::DEFAULT_TARGET_PERCENT,
        })
    }

    /// Parses the plan form with its target completion rate (empty: the default); the errors of
    /// both are reported together.
    #[allow(clippy::too_many_arguments)]
    pub fn parse_with_target(
        instrument: &str,
        at_start: bool,
        every_weeks: Option<&str>,
        at_closure: bool,
        followup_months: Option<&str>,
        reminder_days: Option<&str>,
        valid_days: Option<&str>,
        target_percent: Option<&str>,
    ) -> Result<Self, ValidationErrors> {
        let target = completeness::parse_target(target_percent);
        match (PlanInput::parse(instrument, at_start, every_weeks, at_closure, followup_months, reminder_days, valid_days), target) {
            (Ok(p), Ok(t)) => Ok(PlanInput { target_percent: t, ..p }),
            (Ok(_), Err(m)) => Err(ValidationErrors::single("target_percent", m)),
            (Err(mut e), Err(m)) => {
                e.add("target_percent", m);
                Err(e)
            }
            (Err(e), Ok(_)) => Err(e),
        }
    }
}

code_enum!(
    /// Where an invitation stands.
    InvitationStatus { Open => "open", InProgress => "in_progress", Completed => "completed", Expired => "expired", Cancelled => "cancelled" }
);

code_enum!(
    /// What a message in the outbox is.
    MessageKind {
        MeasurementInvitation => "measurement_invitation",
        MeasurementReminder => "measurement_reminder",
        ApplicationReceived => "application_received",
        InterviewInvitation => "interview_invitation",
        HiringLetter => "hiring_letter",
        RejectionLetter => "rejection_letter",
        SupervisionReminder => "supervision_reminder",
        CertificateReminder => "certificate_reminder",
        TrainingInvitation => "training_invitation",
    }
);

code_enum!(
    /// Where a message in the outbox stands.
    MessageStatus { Queued => "queued", Sent => "sent", Failed => "failed" }
);

code_enum!(
    /// How a response was collected.
    ResponseSource { Link => "link", WithPeer => "with_peer", Paper => "paper", Fhir => "fhir" }
);

code_enum!(
    /// Whether a response is finished.
    ResponseStatus { InProgress => "in_progress", Completed => "completed" }
);

code_enum!(
    /// A life outcome or a use of services (concrete life changes; admissions
    /// and bed-days for the cost-benefit analysis).
    LifeEventKind {
        EducationStarted => "education_started",
        EducationCompleted => "education_completed",
        JobStarted => "job_started",
        VolunteerWork => "volunteer_work",
        NewRelation => "new_relation",
        NewActivity => "new_activity",
        Admission => "admission",
        BedDays => "bed_days",
        EmergencyVisit => "emergency_visit",
        OutpatientContact => "outpatient_contact",
    }
);

impl LifeEventKind {
    /// Service use (counted for the cost-benefit analysis) rather than a life outcome.
    pub fn is_service_use(self) -> bool {
        matches!(self, LifeEventKind::Admission | LifeEventKind::BedDays | LifeEventKind::EmergencyVisit | LifeEventKind::OutpatientContact)
    }
    /// Whether the event carries a number (bed-days, contacts).
    pub fn takes_quantity(self) -> bool {
        matches!(self, LifeEventKind::BedDays | LifeEventKind::OutpatientContact)
    }
}

code_enum!(
    /// Who told us.
    LifeEventSource { SelfReport => "self_report", Referrer => "referrer", Staff => "staff", Register => "register" }
);

/// A life outcome or a use of services, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LifeEventInput {
    pub kind: LifeEventKind,
    pub occurred_on: Date,
    pub ended_on: Option<Date>,
    pub quantity: Option<u32>,
    pub source: LifeEventSource,
    pub note: Option<String>,
}

impl LifeEventInput {
    /// Parses the form. A date cannot lie in the future (`today`), an end cannot come before
    /// its start, and bed-days need a number.
    pub fn parse(
        kind: &str,
        occurred_on: &str,
        ended_on: Option<&str>,
        quantity: Option<&str>,
        source: &str,
        note: Option<&str>,
        today: Date,
    ) -> Result<Self, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let kind = e.check("kind", LifeEventKind::parse(kind));
        let occurred_on =
            e.check("occurred_on", parse_date(occurred_on).and_then(|d| if d > today { Err("err-date-future") } else { Ok(d) }));
        let ended_on = e.check("ended_on", optional_choice(ended_on, parse_date)).flatten();
        let quantity = e.check("quantity", optional_count(quantity, 3650)).flatten();
        let source = e.check("source", LifeEventSource::parse(source));
        let note = e.check("note", optional_text(note, 500)).flatten();
        if let (Some(s), Some(end)) = (occurred_on, ended_on)
            && end < s
        {
            e.add("ended_on", "err-date-order");
        }
        if kind.is_some_and(LifeEventKind::takes_quantity) && quantity.is_none() && e.message_for("quantity").is_none() {
            e.add("quantity", "err-required");
        }
        e.into_result()?;
        match (kind, occurred_on, source) {
            (Some(kind), Some(occurred_on), Some(source)) => Ok(LifeEventInput { kind, occurred_on, ended_on, quantity, source, note }),
            _ => Err(ValidationErrors::single("kind", "err-choice")),
        }
    }
}

/// Whole days between two instants (for "due in", "waited").
pub fn whole_days(from: Timestamp, to: Timestamp) -> i64 {
    Duration::microseconds(to.0 - from.0).whole_days()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use time::macros::date;

    /// Local midnight in Copenhagen.
    fn at(d: Date) -> Timestamp {
        Zone::default().start_of_day(d)
    }

    #[test]
    fn waves_fall_due_in_order_and_stop_at_closure() {
        let plan = Schedule { at_start: true, every_weeks: Some(8), at_closure: true, followup_months: Some(6) };
        let z = &Zone::default();
        let start = at(date!(2026 - 01 - 05));
        assert!(due_waves(&plan, None, None, at(date!(2026 - 06 - 01)), z).is_empty());
        let running = due_waves(&plan, Some(start), None, at(date!(2026 - 03 - 31)), z);
        let labels: Vec<_> = running.iter().map(|w| w.label.as_str()).collect();
        assert_eq!(labels, ["baseline", "week-8"]);
        assert_eq!(running[1].due, at(date!(2026 - 03 - 02)));
        let closed = at(date!(2026 - 05 - 10));
        let later = due_waves(&plan, Some(start), Some(closed), at(date!(2026 - 12 - 01)), z);
        let labels: Vec<_> = later.iter().map(|w| w.label.as_str()).collect();
        assert_eq!(labels, ["baseline", "week-8", "week-16", "closure", "followup-6m"]);
        assert_eq!(later[4].due, at(date!(2026 - 11 - 10)));
        assert!(later.windows(2).all(|w| w[0].order < w[1].order));
        // Before the follow-up is due it is not there.
        let before = due_waves(&plan, Some(start), Some(closed), at(date!(2026 - 11 - 09)), z);
        assert_eq!(before.last().map(|w| w.label.as_str()), Some("closure"));
    }

    #[test]
    fn plans_need_a_wave_and_a_reminder_before_expiry() {
        let e = PlanInput::parse("who-5", false, None, false, Some(""), None, None).unwrap_err();
        assert_eq!(e.message_for("at_start"), Some("err-plan-no-waves"));
        let e = PlanInput::parse("who-5", true, None, false, None, Some("30"), Some("14")).unwrap_err();
        assert_eq!(e.message_for("reminder_days"), Some("err-plan-reminder-after-expiry"));
        let e = PlanInput::parse("who-5", true, Some("0"), false, None, None, None).unwrap_err();
        assert_eq!(e.message_for("every_weeks"), Some("err-number-range"));
        let ok = PlanInput::parse(" who-5 ", true, Some("8"), true, Some("6"), None, None).unwrap();
        assert_eq!((ok.instrument.as_str(), ok.reminder_days, ok.valid_days), ("who-5", 7, 28));
    }

    #[test]
    fn life_events_check_dates_and_quantities() {
        let today = date!(2026 - 11 - 22);
        let e = LifeEventInput::parse("bed_days", "2026-11-23", None, None, "staff", None, today).unwrap_err();
        assert_eq!(e.message_for("occurred_on"), Some("err-date-future"));
        assert_eq!(e.message_for("quantity"), Some("err-required"));
        let e = LifeEventInput::parse("admission", "2026-10-10", Some("2026-10-01"), None, "referrer", None, today).unwrap_err();
        assert_eq!(e.message_for("ended_on"), Some("err-date-order"));
        let ok = LifeEventInput::parse("job_started", "2026-10-10", None, None, "self_report", Some("Deltid i café"), today).unwrap();
        assert_eq!(ok.kind, LifeEventKind::JobStarted);
        assert!(!ok.kind.is_service_use() && LifeEventKind::BedDays.is_service_use());
    }

    #[test]
    fn a_wave_label_says_when_it_falls_due() {
        let day = MICROS_PER_DAY;
        let z = &Zone::default();
        let t = |d: i64| Some(Timestamp(d * day));
        assert!(wave_due("week-8", t(0), None, Timestamp(56 * day), z));
        assert!(!wave_due("week-8", t(0), None, Timestamp(56 * day - 1), z));
        assert!(!wave_due("closure", t(0), None, Timestamp(1000 * day), z));
        assert!(wave_due("closure", t(0), t(10), Timestamp(10 * day), z));
        assert!(!wave_due("followup-6m", t(0), t(10), Timestamp(100 * day), z));
        assert!(wave_due("followup-6m", t(0), t(10), Timestamp(200 * day), z));
        assert!(valid_wave("followup-12m") && valid_wave("week-4") && valid_wave("closure"));
        assert!(!valid_wave("baseline") && !valid_wave("week-0") && !valid_wave("week-x"));
        assert!(wave_order("baseline") < wave_order("week-12") && wave_order("week-12") < wave_order("closure"));
        assert!(wave_order("closure") < wave_order("followup-6m") && wave_order("followup-6m") < wave_order("nonsense"));
        assert_eq!(WaveKind::parse("followup-6m").map(WaveKind::label).as_deref(), Some("followup-6m"));
    }
}
