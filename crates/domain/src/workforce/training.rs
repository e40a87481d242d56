//! Onboarding and training of peer workers: the onboarding checklist
//! of a role, the training catalogue (courses, cohorts, certificates), when a certificate is
//! valid, when it is due a refresh reminder, and the rule that decides whether a peer worker is
//! *trained* for the roles they hold.

use crate::directory::code_enum;
use crate::people::Role;
use crate::validation::{ValidationErrors, optional_text, required_text};
use crate::workforce::roles::RequiredTraining;

code_enum!(
    /// The kind of a course in an organisation's catalogue. The first three are the training a
    /// role can require (`RequiredTraining`); `own` is the organisation's own course.
    CourseKind { IntroCourse => "intro_course", Wrap => "wrap", LaerAtTackle => "laer_at_tackle", Own => "own" }
);

impl CourseKind {
    /// The required training a certificate of this kind meets, if any.
    pub fn meets(self) -> Option<RequiredTraining> {
        match self {
            CourseKind::IntroCourse => Some(RequiredTraining::IntroCourse),
            CourseKind::Wrap => Some(RequiredTraining::Wrap),
            CourseKind::LaerAtTackle => Some(RequiredTraining::LaerAtTackle),
            CourseKind::Own => None,
        }
    }
}

code_enum!(
    /// The four general themes of an introduction course (Socialstyrelsen's guide).
    IntroTheme {
        Purpose => "purpose",
        OwnStory => "own_story",
        Communication => "communication",
        UserPerspective => "user_perspective",
    }
);

code_enum!(
    /// How an enrolment ended.
    Outcome { Completed => "completed", NotCompleted => "not_completed" }
);

code_enum!(
    /// A certificate's state on a day.
    CertificateState { Valid => "valid", Expiring => "expiring", Expired => "expired" }
);

code_enum!(
    /// The standard items of an onboarding checklist (the topics of "ledelse og
    /// beskæftigelse", management and employment); `own` is an item the organisation wrote itself.
    OnboardingItemKind {
        Introduction => "introduction",
        SupervisorAssigned => "supervisor_assigned",
        AgreementSigned => "agreement_signed",
        FirstTrainingBooked => "first_training_booked",
        Own => "own",
    }
);

/// How many days before expiry the refresh reminder goes out.
pub const REMINDER_DAYS: i64 = 60;
/// Longest validity a course may give, in months.
pub const MAX_VALIDITY_MONTHS: i64 = 120;

/// One item of a role's onboarding checklist template.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateItem {
    pub kind: OnboardingItemKind,
    /// The organisation's own wording; for standard items the translated label is shown when empty.
    pub title: Option<String>,
    pub owner_role: Role,
    /// Days after the onboarding starts.
    pub due_days: i64,
}

/// The checklist every role starts with: the four standard items, each with an owner role and
/// a due offset.
pub fn standard_template() -> Vec<TemplateItem> {
    use OnboardingItemKind as K;
    [
        (K::Introduction, Role::Coordinator, 14),
        (K::SupervisorAssigned, Role::Coordinator, 7),
        (K::AgreementSigned, Role::Administrator, 7),
        (K::FirstTrainingBooked, Role::Coordinator, 30),
    ]
    .into_iter()
    .map(|(kind, owner_role, due_days)| TemplateItem { kind, title: None, owner_role, due_days })
    .collect()
}

/// Parses the template form: rows of (kind, title, owner role, due days). A row with neither a
/// standard kind nor a title is dropped; an `own` row needs a title. At most 30 items.
pub fn parse_template(rows: &[(String, String, String, String)]) -> Result<Vec<TemplateItem>, ValidationErrors> {
    let mut e = ValidationErrors::new();
    let mut out = Vec::new();
    for (i, (kind, title, owner, days)) in rows.iter().enumerate() {
        let kind_raw = kind.trim();
        let title = title.trim();
        if (kind_raw.is_empty() || kind_raw == "own") && title.is_empty() {
            continue;
        }
        let field = |f: &str| format!("{f}_{i}");
        let kind = if kind_raw.is_empty() { Ok(OnboardingItemKind::Own) } else { OnboardingItemKind::parse(kind_raw) };
        let kind = e.check(&field("kind"), kind);
        let title = e.check(&field("title"), optional_text(Some(title), 200));
        let owner_role = e.check(&field("owner"), Role::parse(owner));
        let due = e.check(&field("days"), days.trim().parse::<i64>().ok().filter(|d| (0..=365).contains(d)).ok_or("err-due-days"));
        if let (Some(kind), Some(title), Some(owner_role), Some(due_days)) = (kind, title, owner_role, due) {
            out.push(TemplateItem { kind, title, owner_role, due_days });
        }
    }
    if out.len() > 30 {
        e.add("items", "err-too-many-lines");
    }
    if out.is_empty() && e.is_empty() {
        e.add("items", "err-required");
    }
    e.into_result()?;
    Ok(out)
}

/// A course in the catalogue, as entered.
#[derive(Debug, Clone, PartialEq)]
pub struct CourseInput {
    pub kind: CourseKind,
    pub title: String,
    pub description: Option<String>,
    /// One theme per line; an introduction course lists its four themes.
    pub themes: Vec<String>,
    pub hours: f64,
    /// Months a certificate is valid; None: it does not expire.
    pub validity_months: Option<i64>,
    pub active: bool,
    /// The share of a cohort's meetings a participant must attend to complete the course.
    pub min_attendance_percent: i64,
}

impl CourseInput {
    #[allow(clippy::too_many_arguments)]
    pub fn parse(
        kind: &str,
        title: &str,
        description: Option<&str>,
        themes: &str,
        hours: &str,
        validity_months: Option<&str>,
        active: bool,
        min_attendance_percent: Option<&str>,
    ) -> Result<Self, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let kind = e.check("kind", CourseKind::parse(kind));
        let title = e.check("title", required_text(title, 200));
        let description = e.check("description", optional_text(description, 4000));
        let themes: Vec<String> =
            themes.lines().map(|l| l.trim().trim_start_matches(['-', '•', '*']).trim().to_owned()).filter(|l| !l.is_empty()).collect();
        if themes.len() > 30 || themes.iter().any(|t| t.chars().count() > 300) {
            e.add("themes", "err-too-long");
        }
        let hours = e.check(
            "hours",
            hours
                .trim()
                .replace(',', ".")
                .parse::<f64>()
                .ok()
                .filter(|h| h.is_finite() && *h > 0.0 && *h <= 1000.0)
                .ok_or("err-course-hours"),
        );
        let validity = e.check(
            "validity_months",
            match validity_months.map(str::trim) {
                None | Some("") => Ok(None),
                Some(v) => v.parse::<i64>().ok().filter(|m| (1..=MAX_VALIDITY_MONTHS).contains(m)).map(Some).ok_or("err-validity"),
            },
        );
        let attendance = e.check(
            "min_attendance_percent",
            match min_attendance_percent.map(str::trim) {
                None | Some("") => Ok(AttendanceRule::STANDARD.min_percent),
                Some(p) => p.parse::<i64>().ok().filter(|p| (1..=100).contains(p)).ok_or("err-attendance-percent"),
            },
        );
        match (kind, title, description, hours, validity, attendance) {
            (Some(kind), Some(title), Some(description), Some(hours), Some(validity_months), Some(min_attendance_percent))
                if e.is_empty() =>
            {
                Ok(Self { kind, title, description, themes, hours, validity_months, active, min_attendance_percent })
            }
            _ => Err(e),
        }
    }
}

/// A cohort (a run of a course), as entered. Meetings are planned with
/// `crate::journey::groups::MeetingInput` (Danish local times).
#[derive(Debug, Clone, PartialEq)]
pub struct CohortInput {
    pub place: Option<String>,
    pub trainer: Option<String>,
    pub capacity: Option<i64>,
    pub note: Option<String>,
}

impl CohortInput {
    pub fn parse(place: Option<&str>, trainer: Option<&str>, capacity: Option<&str>, note: Option<&str>) -> Result<Self, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let place = e.check("place", optional_text(place, 200));
        let trainer = e.check("trainer", optional_text(trainer, 200));
        let capacity = e.check(
            "capacity",
            match capacity.map(str::trim) {
                None | Some("") => Ok(None),
                Some(c) => c.parse::<i64>().ok().filter(|c| (1..=500).contains(c)).map(Some).ok_or("err-capacity"),
            },
        );
        let note = e.check("note", optional_text(note, 2000));
        match (place, trainer, capacity, note) {
            (Some(place), Some(trainer), Some(capacity), Some(note)) if e.is_empty() => Ok(Self { place, trainer, capacity, note }),
            _ => Err(e),
        }
    }
}

/// When a certificate issued on `issued` expires: None when the course gives no expiry.
pub fn expiry(issued: time::Date, validity_months: Option<i64>) -> Option<time::Date> {
    validity_months.map(|m| crate::time::add_months(issued, m))
}

/// A certificate's state on `today`: valid until (not including) its expiry date, "expiring"
/// in the last `REMINDER_DAYS` days of that.
pub fn certificate_state(expires_on: Option<time::Date>, today: time::Date) -> CertificateState {
    match expires_on {
        None => CertificateState::Valid,
        Some(x) if today >= x => CertificateState::Expired,
        Some(x) if (x - today).whole_days() <= REMINDER_DAYS => CertificateState::Expiring,
        Some(_) => CertificateState::Valid,
    }
}

/// Whether a certificate counts on `today` (valid or expiring, not expired).
pub fn counts(expires_on: Option<time::Date>, today: time::Date) -> bool {
    certificate_state(expires_on, today) != CertificateState::Expired
}

/// Whether the refresh reminder of a certificate is due on `today`: it expires, it has not
/// expired yet, it is within `REMINDER_DAYS` of expiry and no reminder went out for it.
pub fn reminder_due(expires_on: Option<time::Date>, already_reminded: bool, today: time::Date) -> bool {
    !already_reminded && certificate_state(expires_on, today) == CertificateState::Expiring
}

/// The trained rule: which of the required training (every `training` requirement of every
/// role in force for the peer) has no certificate of that course kind that counts on `today`.
/// Empty: the peer is trained. A peer without requirements is trained.
pub fn missing_training(
    required: &[RequiredTraining],
    certificates: &[(CourseKind, Option<time::Date>)],
    today: time::Date,
) -> Vec<RequiredTraining> {
    let mut missing: Vec<RequiredTraining> =
        required.iter().copied().filter(|r| !certificates.iter().any(|(k, exp)| k.meets() == Some(*r) && counts(*exp, today))).collect();
    missing.sort();
    missing.dedup();
    missing
}

/// The validation message naming what an untrained peer lacks (`err-peer-not-trained-…`).
pub fn not_trained_message(missing: &[RequiredTraining]) -> &'static str {
    use RequiredTraining as R;
    let has = |r: R| missing.contains(&r);
    match (has(R::IntroCourse), has(R::Wrap), has(R::LaerAtTackle)) {
        (true, false, false) => "err-peer-not-trained-intro",
        (false, true, false) => "err-peer-not-trained-wrap",
        (false, false, true) => "err-peer-not-trained-lat",
        (true, true, false) => "err-peer-not-trained-intro-wrap",
        (true, false, true) => "err-peer-not-trained-intro-lat",
        (false, true, true) => "err-peer-not-trained-wrap-lat",
        _ => "err-peer-not-trained",
    }
}

/// The attendance a course asks before a peer worker completes it: present at no less than
/// `min_percent` of the cohort's meetings, the number of meetings rounded up (3 of 4 at 75 %).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttendanceRule {
    pub min_percent: i64,
}

impl AttendanceRule {
    /// The rule every course of the catalogue sets: three meetings in four. A course of four
    /// evenings can be completed with one evening missed, not with two.
    pub const STANDARD: AttendanceRule = AttendanceRule { min_percent: 75 };

    /// How many of `meetings` a peer must have been present at.
    pub fn required_of(self, meetings: usize) -> usize {
        let percent = usize::try_from(self.min_percent.clamp(0, 100)).unwrap_or(100);
        (meetings * percent).div_ceil(100)
    }
}

/// One meeting of a cohort, as the completion rule needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CohortMeeting {
    pub starts_at: crate::time::Timestamp,
    pub duration_minutes: i64,
}

impl CohortMeeting {
    /// When the meeting is over.
    pub fn ends_at(self) -> crate::time::Timestamp {
        crate::time::Timestamp(
            self.starts_at.0.saturating_add(self.duration_minutes.max(0).saturating_mul(60 * crate::time::Timestamp::MICROS_PER_SECOND)),
        )
    }
}

/// When a cohort is over: the end of its last meeting (none without meetings).
pub fn cohort_ends_at(meetings: &[CohortMeeting]) -> Option<crate::time::Timestamp> {
    meetings.iter().map(|m| m.ends_at()).max()
}

/// Whether a peer worker may be recorded as having completed a cohort at `now` (which issues
/// the certificate): the cohort's last meeting is over (`err-cohort-not-over`), and they were
/// present at the meetings `rule` asks (`err-attendance-rule`). `attended` is the number of the
/// cohort's meetings they were recorded present at. "Not completed" is not judged: a peer can
/// drop out at any time.
pub fn check_completion(
    outcome: Outcome,
    meetings: &[CohortMeeting],
    attended: usize,
    rule: AttendanceRule,
    now: crate::time::Timestamp,
) -> Result<(), &'static str> {
    if outcome == Outcome::NotCompleted {
        return Ok(());
    }
    match cohort_ends_at(meetings) {
        Some(end) if end <= now => {}
        _ => return Err("err-cohort-not-over"),
    }
    if attended < rule.required_of(meetings.len()) {
        return Err("err-attendance-rule");
    }
    Ok(())
}

/// Onboarding progress: items done of all, and how many are overdue on `today` (not done and
/// due before today).
pub fn progress(items: &[(bool, time::Date)], today: time::Date) -> (usize, usize, usize) {
    let done = items.iter().filter(|(d, _)| *d).count();
    let overdue = items.iter().filter(|(d, due)| !*d && *due < today).count();
    (done, items.len(), overdue)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn certificates_expire_whole_months_after_issue() {
        assert_eq!(expiry(date!(2026 - 01 - 31), Some(1)), Some(date!(2026 - 02 - 28)));
        assert_eq!(expiry(date!(2026 - 03 - 01), None), None);
        assert_eq!(expiry(date!(2026 - 03 - 01), Some(12)), Some(date!(2027 - 03 - 01)));
    }

    #[test]
    fn a_certificate_is_valid_then_expiring_then_expired() {
        let x = Some(date!(2027 - 03 - 01));
        assert_eq!(certificate_state(x, date!(2026 - 12 - 30)), CertificateState::Valid);
        assert_eq!(certificate_state(x, date!(2026 - 12 - 31)), CertificateState::Expiring);
        assert_eq!(certificate_state(x, date!(2027 - 02 - 28)), CertificateState::Expiring);
        assert_eq!(certificate_state(x, date!(2027 - 03 - 01)), CertificateState::Expired);
        assert_eq!(certificate_state(None, date!(2099 - 01 - 01)), CertificateState::Valid);
        assert!(counts(x, date!(2027 - 02 - 28)) && !counts(x, date!(2027 - 03 - 01)));
    }

    #[test]
    fn the_reminder_is_due_once_inside_the_threshold() {
        let x = Some(date!(2027 - 03 - 01));
        assert!(!reminder_due(x, false, date!(2026 - 12 - 30)), "61 days before: not yet");
        assert!(reminder_due(x, false, date!(2026 - 12 - 31)), "60 days before");
        assert!(!reminder_due(x, true, date!(2027 - 01 - 15)), "already reminded");
        assert!(!reminder_due(x, false, date!(2027 - 03 - 02)), "expired: no reminder");
        assert!(!reminder_due(None, false, date!(2027 - 01 - 15)), "never expires");
    }

    #[test]
    fn trained_means_every_requirement_has_a_counting_certificate() {
        use RequiredTraining as R;
        let today = date!(2026 - 06 - 01);
        assert!(missing_training(&[], &[], today).is_empty(), "no role, no requirement");
        let certs = [(CourseKind::IntroCourse, None), (CourseKind::Wrap, Some(date!(2026 - 05 - 01))), (CourseKind::Own, None)];
        assert_eq!(missing_training(&[R::IntroCourse, R::Wrap], &certs, today), [R::Wrap], "WRAP expired");
        assert!(missing_training(&[R::IntroCourse], &certs, today).is_empty());
        assert_eq!(missing_training(&[R::LaerAtTackle, R::IntroCourse, R::LaerAtTackle], &certs, today), [R::LaerAtTackle]);
        let renewed = [(CourseKind::Wrap, Some(date!(2026 - 05 - 01))), (CourseKind::Wrap, Some(date!(2027 - 05 - 01)))];
        assert!(missing_training(&[R::Wrap], &renewed, today).is_empty(), "a later certificate counts");
        assert_eq!(not_trained_message(&[R::Wrap]), "err-peer-not-trained-wrap");
        assert_eq!(not_trained_message(&[R::IntroCourse, R::Wrap, R::LaerAtTackle]), "err-peer-not-trained");
    }

    #[test]
    fn courses_cohorts_and_templates_parse_with_their_errors() {
        let c = CourseInput::parse("wrap", "WRAP", None, "- Trivselsværktøjer\n\nKriseplan", "16,5", Some("24"), true, None).unwrap();
        assert_eq!((c.themes.len(), c.hours, c.validity_months, c.min_attendance_percent), (2, 16.5, Some(24), 75));
        let c = CourseInput::parse("wrap", "WRAP", None, "", "16", None, true, Some(" 100 ")).unwrap();
        assert_eq!(c.min_attendance_percent, 100);
        let e = CourseInput::parse("x", "", None, "", "0", Some("999"), true, Some("0")).unwrap_err();
        for (f, m) in [
            ("kind", "err-choice"),
            ("title", "err-required"),
            ("hours", "err-course-hours"),
            ("validity_months", "err-validity"),
            ("min_attendance_percent", "err-attendance-percent"),
        ] {
            assert_eq!(e.message_for(f), Some(m), "{f}");
        }
        assert_eq!(CohortInput::parse(None, Some("Anne"), Some("0"), None).unwrap_err().message_for("capacity"), Some("err-capacity"));
        let rows = vec![
            ("introduction".into(), String::new(), "coordinator".into(), "14".into()),
            ("own".into(), String::new(), "coordinator".into(), "3".into()),
            (String::new(), "Nøglebrik udleveret".into(), "administrator".into(), "1".into()),
        ];
        let t = parse_template(&rows).unwrap();
        assert_eq!(t.len(), 2);
        assert_eq!(t[1].kind, OnboardingItemKind::Own);
        let bad = vec![("introduction".into(), String::new(), "boss".into(), "-1".into())];
        let e = parse_template(&bad).unwrap_err();
        assert_eq!((e.message_for("owner_0"), e.message_for("days_0")), (Some("err-choice"), Some("err-due-days")));
        assert_eq!(standard_template().len(), 4);
        assert_eq!(
            progress(
                &[(true, date!(2026 - 01 - 01)), (false, date!(2026 - 01 - 02)), (false, date!(2026 - 02 - 01))],
                date!(2026 - 01 - 10)
            ),
            (1, 3, 1)
        );
    }
}
