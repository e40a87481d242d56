//! Follow-up completeness: how many of a plan's waves that fell due have been answered, against
//! the plan's target, and what to do about each answer that is missing.
//!
//! Every invitation that fell due is in exactly one [`FollowUpState`]: answered, not reachable
//! (marked so by staff, with a reason), overdue (no answer once the plan's reminder interval has
//! passed, or the link expired unanswered), waiting (due, still within the reminder interval), or
//! cancelled (no longer asked for, e.g. after a withdrawn consent; not counted at all). The rate
//! is answered over due: a person marked not reachable leaves the list of missing answers but
//! still counts as missing, because for the evaluation they are attrition.
//!
//! Over time, the rate is cumulative by week since each invitation fell due: after `k` weeks,
//! the share of the invitations due at least `k` weeks ago that were answered within `k` weeks.
//! That curve says early whether a wave is heading for the target or for the attrition flags.

use std::collections::BTreeMap;

use crate::directory::code_enum;
use crate::measurement::{InvitationStatus, wave_order};
use crate::time::Timestamp;
use crate::validation::{ValidationErrors, optional_text};

/// The target share of a wave that should be answered, when a plan names none.
pub const DEFAULT_TARGET_PERCENT: u32 = 80;
/// The longest a rate is followed over time, in weeks since the wave fell due.
pub const MAX_WEEKS: u32 = 26;
const MICROS_PER_DAY: i64 = 86_400 * Timestamp::MICROS_PER_SECOND;
const MICROS_PER_WEEK: i64 = 7 * MICROS_PER_DAY;

/// Parses a target completion rate in whole percent (1 to 100); empty means the default.
pub fn parse_target(raw: Option<&str>) -> Result<u32, &'static str> {
    match raw.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(DEFAULT_TARGET_PERCENT),
        Some(t) => t.trim_end_matches('%').trim().parse::<u32>().ok().filter(|n| (1..=100).contains(n)).ok_or("err-number-range"),
    }
}

code_enum!(
    /// What staff did about a missing answer.
    FollowUpActionKind { Reminder => "reminder", PaperCopy => "paper_copy", NotReachable => "not_reachable" }
);

code_enum!(
    /// Why a person could not be reached for a follow-up answer.
    UnreachableReason {
        NoResponse => "no_response",
        Moved => "moved",
        Declined => "declined",
        Admitted => "admitted",
        Other => "other",
    }
);

code_enum!(
    /// How a reminder reaches a person.
    ReminderChannel { Email => "email" }
);

/// How a reminder can reach a person: by e-mail when they have an address and the
/// questionnaire can be shown on screen; otherwise there is no channel, and the next step is a
/// paper copy handed to their peer worker.
pub fn reminder_channel(has_email: bool, instrument_has_text: bool) -> Option<ReminderChannel> {
    (has_email && instrument_has_text).then_some(ReminderChannel::Email)
}

/// The language a message to a person is written in: the first of the languages they speak
/// (in their order) that Sammen writes; `None` when it writes none of them, and the message
/// then carries every language Sammen writes.
pub fn message_language<'a>(spoken: &[String], written: &[&'a str]) -> Option<&'a str> {
    spoken.iter().find_map(|s| written.iter().find(|w| w.eq_ignore_ascii_case(s.trim())).copied())
}

/// "Not reachable", as entered: the reason, and a note that "other" requires.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotReachableInput {
    pub reason: UnreachableReason,
    pub note: Option<String>,
}

impl NotReachableInput {
    pub fn parse(reason: &str, note: Option<&str>) -> Result<Self, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let reason = e.check("reason", UnreachableReason::parse(reason));
        let note = e.check("note", optional_text(note, 300)).flatten();
        if reason == Some(UnreachableReason::Other) && note.is_none() && e.message_for("note").is_none() {
            e.add("note", "err-follow-up-note-required");
        }
        e.into_result()?;
        match reason {
            Some(reason) => Ok(NotReachableInput { reason, note }),
            None => Err(ValidationErrors::single("reason", "err-choice")),
        }
    }
}

/// One invitation, as completeness sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invited {
    pub wave: String,
    pub due_at: Timestamp,
    pub status: InvitationStatus,
    /// When the answer was completed (its response's completion).
    pub answered_at: Option<Timestamp>,
    /// Marked not reachable by staff.
    pub not_reachable: bool,
}

/// Where one invitation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FollowUpState {
    /// No answer, past the plan's reminder interval (or the link expired unanswered).
    Overdue,
    /// Due, no answer yet, within the reminder interval.
    Waiting,
    NotReachable,
    Answered,
    /// No longer asked for: not counted.
    Cancelled,
}

impl FollowUpState {
    pub fn code(self) -> &'static str {
        match self {
            FollowUpState::Overdue => "overdue",
            FollowUpState::Waiting => "waiting",
            FollowUpState::NotReachable => "not_reachable",
            FollowUpState::Answered => "answered",
            FollowUpState::Cancelled => "cancelled",
        }
    }

    /// Whether the answer is missing and someone should act on it (the missing list).
    pub fn is_missing(self) -> bool {
        matches!(self, FollowUpState::Overdue | FollowUpState::Waiting)
    }
}

/// Where an invitation stands at `now`, with the plan's reminder interval in days.
pub fn state_of(i: &Invited, reminder_days: u32, now: Timestamp) -> FollowUpState {
    match i.status {
        InvitationStatus::Completed => FollowUpState::Answered,
        InvitationStatus::Cancelled => FollowUpState::Cancelled,
        _ if i.not_reachable => FollowUpState::NotReachable,
        InvitationStatus::Expired => FollowUpState::Overdue,
        InvitationStatus::Open | InvitationStatus::InProgress => {
            if now.0 >= i.due_at.0 + i64::from(reminder_days) * MICROS_PER_DAY {
                FollowUpState::Overdue
            } else {
                FollowUpState::Waiting
            }
        }
    }
}

/// The weeks a plan's rate is followed over: long enough to see a link's validity end and the
/// reminders' effect (at least four weeks), at most [`MAX_WEEKS`].
pub fn weeks_followed(valid_days: u32) -> u32 {
    valid_days.div_ceil(7).saturating_add(2).clamp(4, MAX_WEEKS)
}

/// One wave's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct WaveCompleteness {
    pub wave: String,
    /// Invitations that fell due (cancelled ones not counted).
    pub due: u64,
    pub answered: u64,
    pub overdue: u64,
    pub waiting: u64,
    pub not_reachable: u64,
    /// Answered over due, 0 to 1; `None` while nothing is due.
    pub rate: Option<f64>,
    /// The target, 0 to 1.
    pub target: f64,
    /// The cumulative rate after 1, 2, … weeks since due; `None` where no invitation has been
    /// due that long yet.
    pub over_time: Vec<Option<f64>>,
}

impl WaveCompleteness {
    /// Below the plan's target (a wave with nothing due is not).
    pub fn below_target(&self) -> bool {
        self.rate.is_some_and(|r| r < self.target)
    }

    /// Below the share at which an evaluation flags high attrition.
    pub fn below(&self, share: f64) -> bool {
        self.rate.is_some_and(|r| r < share)
    }
}

/// The share `n` of `d`, when `d` is not zero.
pub fn share(n: u64, d: u64) -> Option<f64> {
    (d > 0).then(|| n as f64 / d as f64)
}

/// The figures of each wave of one plan, in the plan's wave order, from its invitations.
pub fn completeness(invited: &[Invited], reminder_days: u32, target_percent: u32, weeks: u32, now: Timestamp) -> Vec<WaveCompleteness> {
    let mut by_wave: BTreeMap<(i64, &str), Vec<&Invited>> = BTreeMap::new();
    for i in invited {
        by_wave.entry((wave_order(&i.wave), i.wave.as_str())).or_default().push(i);
    }
    let target = f64::from(target_percent.min(100)) / 100.0;
    by_wave
        .into_iter()
        .map(|((_, wave), list)| {
            let mut w = WaveCompleteness {
                wave: wave.to_owned(),
                due: 0,
                answered: 0,
                overdue: 0,
                waiting: 0,
                not_reachable: 0,
                rate: None,
                target,
                over_time: Vec::new(),
            };
            for i in &list {
                match state_of(i, reminder_days, now) {
                    FollowUpState::Answered => w.answered += 1,
                    FollowUpState::Overdue => w.overdue += 1,
                    FollowUpState::Waiting => w.waiting += 1,
                    FollowUpState::NotReachable => w.not_reachable += 1,
                    FollowUpState::Cancelled => continue,
                }
                w.due += 1;
            }
            w.rate = share(w.answered, w.due);
            w.over_time = (1..=weeks).map(|k| cumulative_rate(&list, k, now)).collect();
            w
        })
        .collect()
}

/// After `weeks` weeks since due: of the invitations (not cancelled) due at least that long ago,
/// the share answered within that time.
pub fn cumulative_rate(invited: &[&Invited], weeks: u32, now: Timestamp) -> Option<f64> {
    let span = i64::from(weeks) * MICROS_PER_WEEK;
    let (mut due, mut answered) = (0u64, 0u64);
    for i in invited.iter().filter(|i| i.status != InvitationStatus::Cancelled && i.due_at.0 + span <= now.0) {
        due += 1;
        if i.status == InvitationStatus::Completed && i.answered_at.is_some_and(|a| a.0 <= i.due_at.0 + span) {
            answered += 1;
        }
    }
    share(answered, due)
}

/// The figures of several plans' waves taken together (a report over several programmes):
/// counts add up, the rate is recomputed, the target is the strictest, and the curve is
/// weighted by how many each wave had due.
pub fn combine(waves: &[WaveCompleteness]) -> Vec<WaveCompleteness> {
    let mut by_wave: BTreeMap<(i64, &str), Vec<&WaveCompleteness>> = BTreeMap::new();
    for w in waves {
        by_wave.entry((wave_order(&w.wave), w.wave.as_str())).or_default().push(w);
    }
    by_wave
        .into_iter()
        .map(|((_, wave), list)| {
            let sum = |f: fn(&WaveCompleteness) -> u64| list.iter().map(|w| f(w)).sum::<u64>();
            let (due, answered) = (sum(|w| w.due), sum(|w| w.answered));
            let weeks = list.iter().map(|w| w.over_time.len()).max().unwrap_or(0);
            let over_time = (0..weeks)
                .map(|k| {
                    let (mut num, mut den) = (0.0, 0.0);
                    for w in &list {
                        if let Some(Some(r)) = w.over_time.get(k) {
                            num += r * w.due as f64;
                            den += w.due as f64;
                        }
                    }
                    (den > 0.0).then(|| num / den)
                })
                .collect();
            WaveCompleteness {
                wave: wave.to_owned(),
                due,
                answered,
                overdue: sum(|w| w.overdue),
                waiting: sum(|w| w.waiting),
                not_reachable: sum(|w| w.not_reachable),
                rate: share(answered, due),
                target: list.iter().map(|w| w.target).fold(0.0, f64::max),
                over_time,
            }
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const DAY: i64 = MICROS_PER_DAY;

    fn inv(wave: &str, due_day: i64, status: InvitationStatus, answered_day: Option<i64>, not_reachable: bool) -> Invited {
        Invited {
            wave: wave.into(),
            due_at: Timestamp(due_day * DAY),
            status,
            answered_at: answered_day.map(|d| Timestamp(d * DAY)),
            not_reachable,
        }
    }

    #[test]
    fn each_invitation_has_one_state() {
        use InvitationStatus::*;
        let now = Timestamp(100 * DAY);
        assert_eq!(state_of(&inv("closure", 10, Completed, Some(12), true), 7, now), FollowUpState::Answered);
        assert_eq!(state_of(&inv("closure", 10, Open, None, true), 7, now), FollowUpState::NotReachable);
        assert_eq!(state_of(&inv("closure", 10, Expired, None, false), 7, now), FollowUpState::Overdue);
        assert_eq!(state_of(&inv("closure", 93, Open, None, false), 7, now), FollowUpState::Overdue);
        assert_eq!(state_of(&inv("closure", 94, InProgress, None, false), 7, now), FollowUpState::Waiting);
        assert_eq!(state_of(&inv("closure", 10, Cancelled, None, false), 7, now), FollowUpState::Cancelled);
        assert!(FollowUpState::Overdue.is_missing() && FollowUpState::Waiting.is_missing());
        assert!(!FollowUpState::NotReachable.is_missing() && !FollowUpState::Answered.is_missing());
    }

    #[test]
    fn waves_are_counted_in_plan_order_against_the_target() {
        use InvitationStatus::*;
        let now = Timestamp(100 * DAY);
        let list = vec![
            inv("followup-6m", 60, Completed, Some(61), false),
            inv("followup-6m", 60, Open, None, true),
            inv("followup-6m", 60, Expired, None, false),
            inv("followup-6m", 98, Open, None, false),
            inv("followup-6m", 50, Cancelled, None, false),
            inv("baseline", 0, Completed, Some(1), false),
            inv("baseline", 0, Completed, Some(20), false),
        ];
        let w = completeness(&list, 7, 80, 4, now);
        assert_eq!(w.iter().map(|w| w.wave.as_str()).collect::<Vec<_>>(), ["baseline", "followup-6m"]);
        let f = &w[1];
        assert_eq!((f.due, f.answered, f.overdue, f.waiting, f.not_reachable), (4, 1, 1, 1, 1));
        assert_eq!(f.rate, Some(0.25));
        assert!(f.below_target() && f.below(0.7));
        let b = &w[0];
        assert_eq!(b.rate, Some(1.0));
        assert!(!b.below_target());
        // One answered in the first week, the other in the third.
        assert_eq!(b.over_time, vec![Some(0.5), Some(0.5), Some(1.0), Some(1.0)]);
        // Four weeks after due the three invitations due on day 60 count; one was answered.
        assert_eq!(f.over_time[3], Some(1.0 / 3.0));
    }

    #[test]
    fn a_wave_not_yet_due_long_enough_has_no_point() {
        let list = [inv("closure", 95, InvitationStatus::Open, None, false)];
        let refs: Vec<&Invited> = list.iter().collect();
        assert_eq!(cumulative_rate(&refs, 1, Timestamp(100 * DAY)), None);
        assert_eq!(cumulative_rate(&refs, 1, Timestamp(102 * DAY)), Some(0.0));
    }

    #[test]
    fn targets_parse_in_whole_percent() {
        assert_eq!(parse_target(None), Ok(80));
        assert_eq!(parse_target(Some(" ")), Ok(80));
        assert_eq!(parse_target(Some("75 %")), Ok(75));
        assert_eq!(parse_target(Some("0")), Err("err-number-range"));
        assert_eq!(parse_target(Some("101")), Err("err-number-range"));
        assert_eq!(parse_target(Some("halv")), Err("err-number-range"));
        assert_eq!(weeks_followed(28), 6);
        assert_eq!(weeks_followed(1), 4);
        assert_eq!(weeks_followed(180), MAX_WEEKS);
    }

    #[test]
    fn reminders_go_by_the_persons_channel_and_language() {
        let spoken = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(message_language(&spoken(&["ar", "en", "da"]), &["da", "en"]), Some("en"));
        assert_eq!(message_language(&spoken(&["da"]), &["da", "en"]), Some("da"));
        assert_eq!(message_language(&spoken(&["ar", "so"]), &["da", "en"]), None);
        assert_eq!(message_language(&[], &["da", "en"]), None);
        assert_eq!(reminder_channel(true, true), Some(ReminderChannel::Email));
        assert_eq!(reminder_channel(false, true), None);
        assert_eq!(reminder_channel(true, false), None);
    }

    #[test]
    fn not_reachable_needs_a_reason_and_a_note_for_other() {
        let ok = NotReachableInput::parse("moved", None).unwrap();
        assert_eq!(ok.reason, UnreachableReason::Moved);
        let e = NotReachableInput::parse("other", Some("  ")).unwrap_err();
        assert_eq!(e.message_for("note"), Some("err-follow-up-note-required"));
        let e = NotReachableInput::parse("", None).unwrap_err();
        assert!(e.message_for("reason").is_some());
        let ok = NotReachableInput::parse("other", Some("Bor nu i udlandet")).unwrap();
        assert_eq!(ok.note.as_deref(), Some("Bor nu i udlandet"));
    }

    fn arb_invited() -> impl Strategy<Value = Invited> {
        (
            prop::sample::select(vec!["baseline", "week-8", "closure", "followup-6m"]),
            0i64..200,
            0usize..5,
            prop::option::of(0i64..60),
            any::<bool>(),
        )
            .prop_map(|(wave, due, s, after, nr)| {
                let status = [
                    InvitationStatus::Open,
                    InvitationStatus::InProgress,
                    InvitationStatus::Completed,
                    InvitationStatus::Expired,
                    InvitationStatus::Cancelled,
                ][s];
                let answered = (status == InvitationStatus::Completed).then(|| due + after.unwrap_or(0));
                inv(wave, due, status, answered, nr)
            })
    }

    proptest! {
        #[test]
        fn the_states_add_up_to_what_fell_due(list in prop::collection::vec(arb_invited(), 0..60), now in 0i64..400, remind in 1u32..30, target in 1u32..=100) {
            let now = Timestamp(now * DAY);
            let waves = completeness(&list, remind, target, 8, now);
            let counted = list.iter().filter(|i| i.status != InvitationStatus::Cancelled).count() as u64;
            prop_assert_eq!(waves.iter().map(|w| w.due).sum::<u64>(), counted);
            for w in &waves {
                prop_assert_eq!(w.answered + w.overdue + w.waiting + w.not_reachable, w.due);
                if let Some(r) = w.rate {
                    prop_assert!((0.0..=1.0).contains(&r));
                    prop_assert_eq!(w.below_target(), r < f64::from(target) / 100.0);
                }
                prop_assert_eq!(w.over_time.len(), 8);
                for r in w.over_time.iter().flatten() {
                    prop_assert!((0.0..=1.0).contains(r));
                }
            }
            // Combining one plan's waves with nothing else changes no count or rate.
            let again = combine(&waves);
            prop_assert_eq!(again.iter().map(|w| (w.due, w.answered, w.rate)).collect::<Vec<_>>(), waves.iter().map(|w| (w.due, w.answered, w.rate)).collect::<Vec<_>>());
        }

        #[test]
        fn the_curve_never_counts_an_answer_before_it_was_given(list in prop::collection::vec(arb_invited(), 1..40), now in 0i64..400) {
            let now = Timestamp(now * DAY);
            let refs: Vec<&Invited> = list.iter().collect();
            // All answered ones were answered within 60 days; after 9 weeks the curve is the
            // plain rate of those due that long.
            let due_long: Vec<&Invited> = list.iter().filter(|i| i.status != InvitationStatus::Cancelled && i.due_at.0 + 9 * MICROS_PER_WEEK <= now.0).collect();
            let answered = due_long.iter().filter(|i| i.status == InvitationStatus::Completed).count() as u64;
            prop_assert_eq!(cumulative_rate(&refs, 9, now), share(answered, due_long.len() as u64));
        }
    }
}
