//! The participant's journey: referral and consent, wishes for a peer, the peer's
//! matching profile, courses of support, sessions and goals. Codes, rules and form parsing;
//! no IO.

use time::Date;

use crate::directory::{Mode, code_enum, parse_set};
use crate::people::{Gender, optional_choice};
use crate::time::{Timestamp, Zone, parse_date};
use crate::validation::{ValidationErrors, optional_text, required_text};

code_enum!(
    /// Where a referral came from.
    ReferralSource { Partner => "partner", SelfReferral => "self", Internal => "internal" }
);

code_enum!(
    /// The intake decision on a referral. What a referrer sees is derived from this and the
    /// course (see [`ReferrerStatus`]), never the course's content.
    ReferralStatus { Received => "received", Accepted => "accepted", Declined => "declined", Withdrawn => "withdrawn" }
);

code_enum!(
    /// The one status a referrer sees of a referral they made (closed loop).
    ReferrerStatus {
        Received => "received",
        Declined => "declined",
        Waiting => "waiting",
        InCourse => "in_course",
        Ended => "ended",
        Withdrawn => "withdrawn",
    }
);

code_enum!(
    /// What a consent is for. Each purpose is given and withdrawn on its own.
    ConsentPurpose {
        Support => "support",
        Measurement => "measurement",
        PartnerSharing => "partner_sharing",
        ReferrerStatus => "referrer_status",
    }
);

code_enum!(
    /// How the consent was given.
    ConsentMethod { SelfForm => "self_form", Written => "written", Verbal => "verbal" }
);

code_enum!(
    /// Who may see the data a consent covers.
    ConsentAudience {
        Peer => "peer",
        Coordinators => "coordinators",
        Partners => "partners",
        Referrer => "referrer",
        Evaluators => "evaluators",
    }
);

code_enum!(
    /// An area of lived experience: what a participant wishes their peer to share, and what a
    /// peer has (special-category data, kept only with the peer's consent).
    Topic {
        Anxiety => "anxiety",
        Depression => "depression",
        Bipolar => "bipolar",
        Psychosis => "psychosis",
        EatingDisorder => "eating_disorder",
        PersonalityDisorder => "personality_disorder",
        Ocd => "ocd",
        Trauma => "trauma",
        SelfHarm => "self_harm",
        Suicidality => "suicidality",
        SubstanceUse => "substance_use",
        Neurodevelopmental => "neurodevelopmental",
        Loneliness => "loneliness",
        Grief => "grief",
        Admission => "admission",
        Relative => "relative",
    }
);

code_enum!(
    /// Whom a peer's lived experience may be shown to.
    Disclosure { Participants => "participants", Colleagues => "colleagues", NotDisclosed => "none" }
);

code_enum!(
    /// A course of support: agreed but not begun, under way, paused, or ended.
    CourseStatus { Planned => "planned", Active => "active", Paused => "paused", Ended => "ended" }
);

code_enum!(
    /// The peer's answer to an approved match.
    OfferState { Pending => "pending", Accepted => "accepted", Declined => "declined" }
);

code_enum!(
    /// Why a course ended.
    EndReason {
        GoalsReached => "goals_reached",
        OtherSupport => "other_support",
        DroppedOut => "dropped_out",
        Moved => "moved",
        Handover => "handover",
        PeerDeclined => "peer_declined",
        ConsentWithdrawn => "consent_withdrawn",
        Other => "other",
    }
);

impl EndReason {
    /// Reasons a person chooses when ending a course by hand (the others are set by Sammen).
    pub const CHOSEN: &'static [EndReason] =
        &[EndReason::GoalsReached, EndReason::OtherSupport, EndReason::DroppedOut, EndReason::Moved, EndReason::Other];
}

code_enum!(
    /// A session: planned, held, or cancelled.
    SessionStatus { Planned => "planned", Held => "held", Cancelled => "cancelled" }
);

code_enum!(
    /// What kind of session: a conversation, going along to a meeting (the job centre, a
    /// doctor), or an activity together.
    SessionKind { Conversation => "conversation", Accompaniment => "accompaniment", Activity => "activity" }
);

code_enum!(
    /// Who may read a session note: the course's peer only, or the team (the peer and the
    /// organisation's coordinators).
    NoteAudience { Peer => "peer", Team => "team" }
);

code_enum!(
    /// Where a goal stands.
    GoalStatus { Open => "open", Reached => "reached", Dropped => "dropped" }
);

code_enum!(
    /// The CHIME recovery processes a goal may belong to.
    ChimeDomain {
        Connectedness => "connectedness",
        Hope => "hope",
        Identity => "identity",
        Meaning => "meaning",
        Empowerment => "empowerment",
    }
);

code_enum!(
    /// A day of the week, for availability.
    Weekday { Mon => "mon", Tue => "tue", Wed => "wed", Thu => "thu", Fri => "fri", Sat => "sat", Sun => "sun" }
);

/// A weekly range of whole hours: `from` inclusive to `to` exclusive (0 ≤ from < to ≤ 24).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Slot {
    pub day: Weekday,
    pub from: u8,
    pub to: u8,
}

/// Parses availability written as `mon 9-12, wed 13-16` (also `;` or new lines between
/// slots, and `:` after the day). Empty means "not stated".
pub fn parse_availability(raw: &str) -> Result<Vec<Slot>, &'static str> {
    let mut out = Vec::new();
    for part in raw.split([',', ';', '\n']).map(str::trim).filter(|p| !p.is_empty()) {
        let part = part.replace(':', " ");
        let mut words = part.split_whitespace();
        let (Some(day), Some(range), None) = (words.next(), words.next(), words.next()) else { return Err("err-availability") };
        let day = weekday(&day.to_lowercase()).ok_or("err-availability")?;
        let (a, b) = range.split_once('-').ok_or("err-availability")?;
        let from: u8 = a.trim().parse().map_err(|_| "err-availability")?;
        let to: u8 = b.trim().parse().map_err(|_| "err-availability")?;
        if from >= to || to > 24 {
            return Err("err-availability");
        }
        let slot = Slot { day, from, to };
        if !out.contains(&slot) {
            out.push(slot);
        }
    }
    out.sort();
    Ok(out)
}

/// A day written in English (`mon`, `monday`) or Danish (`man`, `mandag`, `tir`, `tirsdag`, …).
fn weekday(raw: &str) -> Option<Weekday> {
    let full = [
        ("monday", "mandag"),
        ("tuesday", "tirsdag"),
        ("wednesday", "onsdag"),
        ("thursday", "torsdag"),
        ("friday", "fredag"),
        ("saturday", "lørdag"),
        ("sunday", "søndag"),
    ];
    let raw = full.iter().find(|(en, da)| raw == *en || raw == *da).map_or(raw, |(en, _)| &en[..3]);
    let danish = [
        ("man", Weekday::Mon),
        ("tir", Weekday::Tue),
        ("ons", Weekday::Wed),
        ("tor", Weekday::Thu),
        ("fre", Weekday::Fri),
        ("lør", Weekday::Sat),
        ("søn", Weekday::Sun),
    ];
    Weekday::parse(raw).ok().or_else(|| danish.iter().find(|(d, _)| *d == raw).map(|(_, w)| *w))
}

/// Writes availability back in the form [`parse_availability`] reads.
pub fn format_availability(slots: &[Slot]) -> String {
    slots.iter().map(|s| format!("{} {}-{}", s.day, s.from, s.to)).collect::<Vec<_>>().join(", ")
}

fn parse_number(raw: Option<&str>, min: f64, max: f64) -> Result<Option<f64>, &'static str> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => match t.replace(',', ".").parse::<f64>() {
            Ok(v) if v.is_finite() && (min..=max).contains(&v) => Ok(Some(v)),
            _ => Err("err-number"),
        },
    }
}

/// A point given as latitude and longitude (both or neither).
fn parse_location(e: &mut ValidationErrors, lat: Option<&str>, lon: Option<&str>) -> Option<(f64, f64)> {
    let lat = e.check("lat", parse_number(lat, -90.0, 90.0)).flatten();
    let lon = e.check("lon", parse_number(lon, -180.0, 180.0)).flatten();
    match (lat, lon) {
        (Some(a), Some(b)) => Some((a, b)),
        (None, None) => None,
        (None, Some(_)) => {
            e.add("lat", "err-location-pair");
            None
        }
        (Some(_), None) => {
            e.add("lon", "err-location-pair");
            None
        }
    }
}

/// A participant's wishes for their peer, parsed from the form or the API.
#[derive(Debug, Clone, PartialEq)]
pub struct WishesInput {
    pub topics: Vec<Topic>,
    pub modes: Vec<Mode>,
    /// Empty: no wish.
    pub peer_gender: Vec<Gender>,
    pub locality: Option<String>,
    pub location: Option<(f64, f64)>,
    pub max_distance_km: Option<f64>,
    pub availability: Vec<Slot>,
    pub goals: Option<String>,
}

impl WishesInput {
    #[allow(clippy::too_many_arguments)]
    pub fn parse(
        topics: &[String],
        modes: &[String],
        peer_gender: &[String],
        locality: Option<&str>,
        lat: Option<&str>,
        lon: Option<&str>,
        max_distance_km: Option<&str>,
        availability: &str,
        goals: Option<&str>,
    ) -> Result<Self, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let topics = e.check("topics", parse_set(topics, Topic::parse, true));
        let modes = e.check("modes", parse_set(modes, Mode::parse, false));
        let peer_gender = e.check("peer_gender", parse_set(peer_gender, Gender::parse, true));
        let locality = e.check("locality", optional_text(locality, 200));
        let location = parse_location(&mut e, lat, lon);
        let max_distance_km = e.check("max_distance_km", parse_number(max_distance_km, 0.0, 20_000.0));
        let availability = e.check("availability", parse_availability(availability));
        let goals = e.check("goals", optional_text(goals, 4000));
        match (topics, modes, peer_gender, locality, max_distance_km, availability, goals) {
            (Some(topics), Some(modes), Some(peer_gender), Some(locality), Some(max_distance_km), Some(availability), Some(goals))
                if e.is_empty() =>
            {
                Ok(Self { topics, modes, peer_gender, locality, location, max_distance_km, availability, goals })
            }
            _ => Err(e),
        }
    }
}

/// The most participants a peer can be set to take at once.
pub const MAX_CAPACITY: i64 = 50;

/// A peer's matching profile, parsed. Topics are kept only when `topics_consent` is given:
/// without it, any topics sent are refused rather than silently stored.
#[derive(Debug, Clone, PartialEq)]
pub struct PeerProfileInput {
    pub topics: Vec<Topic>,
    pub topics_consent: bool,
    pub disclosure: Disclosure,
    pub presentation: Option<String>,
    pub gender: Option<Gender>,
    pub locality: Option<String>,
    pub location: Option<(f64, f64)>,
    pub capacity: i64,
    pub availability: Vec<Slot>,
}

impl PeerProfileInput {
    #[allow(clippy::too_many_arguments)]
    pub fn parse(
        topics: &[String],
        topics_consent: bool,
        disclosure: &str,
        presentation: Option<&str>,
        gender: Option<&str>,
        locality: Option<&str>,
        lat: Option<&str>,
        lon: Option<&str>,
        capacity: &str,
        availability: &str,
    ) -> Result<Self, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let topics = e.check("topics", parse_set(topics, Topic::parse, true));
        if topics.as_ref().is_some_and(|t| !t.is_empty()) && !topics_consent {
            e.add("topics", "err-topics-need-consent");
        }
        let disclosure = e.check("disclosure", Disclosure::parse(disclosure));
        let presentation = e.check("presentation", optional_text(presentation, 2000));
        let gender = e.check("gender", optional_choice(gender, Gender::parse));
        let locality = e.check("locality", optional_text(locality, 200));
        let location = parse_location(&mut e, lat, lon);
        let capacity = e.check(
            "capacity",
            match capacity.trim().parse::<i64>() {
                Ok(n) if (0..=MAX_CAPACITY).contains(&n) => Ok(n),
                _ => Err("err-capacity-peer"),
            },
        );
        let availability = e.check("availability", parse_availability(availability));
        match (topics, disclosure, presentation, gender, locality, capacity, availability) {
            (Some(topics), Some(disclosure), Some(presentation), Some(gender), Some(locality), Some(capacity), Some(availability))
                if e.is_empty() =>
            {
                Ok(Self { topics, topics_consent, disclosure, presentation, gender, locality, location, capacity, availability })
            }
            _ => Err(e),
        }
    }
}

/// Who is looking at a peer's lived experience, for [`Disclosure::shows_to`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    /// The peer themselves.
    Own,
    /// Coordinators and administrators of the peer's organisation: they match on it.
    Coordinator,
    /// Other staff: colleagues, supervisors.
    Colleague,
    /// A participant, or a page made for one.
    Participant,
}

impl Disclosure {
    /// Whether the peer's areas of lived experience may be shown to this viewer. Coordinators
    /// see them whatever the preference (matching needs them); that is what the peer consents to.
    pub fn shows_to(self, viewer: Viewer) -> bool {
        match viewer {
            Viewer::Own | Viewer::Coordinator => true,
            Viewer::Colleague => matches!(self, Disclosure::Participants | Disclosure::Colleagues),
            Viewer::Participant => self == Disclosure::Participants,
        }
    }
}

/// The longest session that can be logged, in minutes.
pub const MAX_SESSION_MINUTES: i64 = 12 * 60;

/// A session, planned or held, parsed from the quick log form or the API. The time of day is
/// Danish local time.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionInput {
    pub status: SessionStatus,
    pub starts_at: Timestamp,
    pub duration_minutes: i64,
    pub mode: Mode,
    pub place: Option<String>,
    pub kind: SessionKind,
    pub note: Option<String>,
    pub note_audience: NoteAudience,
}

impl SessionInput {
    /// Reads the date and time on the default zone's clock (Europe/Copenhagen); handlers
    /// use [`Self::parse_in`] with the organisation's zone.
    #[allow(clippy::too_many_arguments)]
    pub fn parse(
        status: &str,
        date: &str,
        time_of_day: &str,
        duration_minutes: &str,
        mode: &str,
        place: Option<&str>,
        kind: &str,
        note: Option<&str>,
        note_audience: &str,
    ) -> Result<Self, ValidationErrors> {
        Self::parse_in(&Zone::default(), status, date, time_of_day, duration_minutes, mode, place, kind, note, note_audience)
    }

    #[allow(clippy::too_many_arguments)]
    pub fn parse_in(
        zone: &Zone,
        status: &str,
        date: &str,
        time_of_day: &str,
        duration_minutes: &str,
        mode: &str,
        place: Option<&str>,
        kind: &str,
        note: Option<&str>,
        note_audience: &str,
    ) -> Result<Self, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let status = e.check("status", SessionStatus::parse(status));
        let date = e.check("date", parse_date(date));
        let tod = e.check("time", parse_time_of_day(time_of_day));
        let duration = e.check(
            "duration_minutes",
            match duration_minutes.trim().parse::<i64>() {
                Ok(n) if (1..=MAX_SESSION_MINUTES).contains(&n) => Ok(n),
                _ => Err("err-duration"),
            },
        );
        let mode = e.check("mode", Mode::parse(mode));
        let place = e.check("place", optional_text(place, 200));
        let kind = e.check("kind", SessionKind::parse(kind));
        let note = e.check("note", optional_text(note, 2000));
        let note_audience = e.check("note_audience", NoteAudience::parse(note_audience));
        match (status, date, tod, duration, mode, place, kind, note, note_audience) {
            (
                Some(status),
                Some(date),
                Some((h, m)),
                Some(duration_minutes),
                Some(mode),
                Some(place),
                Some(kind),
                Some(note),
                Some(aud),
            ) if e.is_empty() => {
                Ok(Self { status, starts_at: zone.to_utc(date, h, m), duration_minutes, mode, place, kind, note, note_audience: aud })
            }
            _ => Err(e),
        }
    }
}

/// Parses "HH:MM" (24-hour clock).
pub fn parse_time_of_day(raw: &str) -> Result<(u8, u8), &'static str> {
    let (h, m) = raw.trim().split_once([':', '.']).ok_or("err-time")?;
    let h: u8 = h.trim().parse().map_err(|_| "err-time")?;
    let m: u8 = m.trim().parse().map_err(|_| "err-time")?;
    if h < 24 && m < 60 { Ok((h, m)) } else { Err("err-time") }
}

/// A goal in the participant's own words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalInput {
    pub text: String,
    pub domain: Option<ChimeDomain>,
}

impl GoalInput {
    pub fn parse(text: &str, domain: Option<&str>) -> Result<Self, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let text = e.check("text", required_text(text, 500));
        let domain = e.check("domain", optional_choice(domain, ChimeDomain::parse));
        match (text, domain) {
            (Some(text), Some(domain)) if e.is_empty() => Ok(Self { text, domain }),
            _ => Err(e),
        }
    }
}

/// One step of progress on a goal: 0 (not begun) to 10 (reached), on a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressInput {
    pub on: Date,
    pub value: i64,
    pub note: Option<String>,
    pub status: GoalStatus,
}

impl ProgressInput {
    pub fn parse(on: &str, value: &str, note: Option<&str>, status: &str) -> Result<Self, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let on = e.check("recorded_on", parse_date(on));
        let value = e.check(
            "value",
            match value.trim().parse::<i64>() {
                Ok(n) if (0..=10).contains(&n) => Ok(n),
                _ => Err("err-progress"),
            },
        );
        let note = e.check("note", optional_text(note, 1000));
        let status = e.check("status", GoalStatus::parse(status));
        match (on, value, note, status) {
            (Some(on), Some(value), Some(note), Some(status)) if e.is_empty() => Ok(Self { on, value, note, status }),
            _ => Err(e),
        }
    }
}

/// The days a course's sessions may fall on: from the day the course was agreed (the match
/// approved, or the handover made) to the day it ended; open while it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CoursePeriod {
    pub agreed_on: Date,
    pub ended_on: Option<Date>,
}

impl CoursePeriod {
    pub fn contains(self, day: Date) -> bool {
        self.agreed_on <= day && self.ended_on.is_none_or(|end| day <= end)
    }
}

/// A session's date checked against what it describes, on the `date` field: a session marked
/// held has begun by `now` (`err-held-in-future`), and every session lies within its course's
/// period (`err-session-before-course`, `err-session-after-course`). `day` is the session's
/// date in the organisation's zone.
pub fn check_session_date(
    status: SessionStatus,
    starts_at: Timestamp,
    day: Date,
    period: CoursePeriod,
    now: Timestamp,
) -> Result<(), ValidationErrors> {
    if status == SessionStatus::Held && !crate::validation::has_begun(starts_at, now) {
        return Err(ValidationErrors::single("date", "err-held-in-future"));
    }
    if day < period.agreed_on {
        return Err(ValidationErrors::single("date", "err-session-before-course"));
    }
    if !period.contains(day) {
        return Err(ValidationErrors::single("date", "err-session-after-course"));
    }
    Ok(())
}

/// Which course statuses a course may move to by hand from `from`. Ending takes a reason;
/// `Planned → Active` also happens by itself when the first session is logged as held.
pub fn allowed_transition(from: CourseStatus, to: CourseStatus) -> bool {
    use CourseStatus::*;
    matches!((from, to), (Planned, Active) | (Active, Paused) | (Paused, Active) | (Planned | Active | Paused, Ended))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn availability_reads_and_writes_back() {
        let s = parse_availability("Mon 9-12; wed:13-16\nman 9-12").unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(format_availability(&s), "mon 9-12, wed 13-16");
        assert_eq!(parse_availability(&format_availability(&s)).unwrap(), s);
        assert!(parse_availability("").unwrap().is_empty());
        let full = parse_availability("Mandag 9-12, onsdag 13-16, Thursday 10-11, søndag 8-9").unwrap();
        assert_eq!(format_availability(&full), "mon 9-12, wed 13-16, thu 10-11, sun 8-9");
        for bad in ["mon", "mon 12-9", "xyz 9-12", "mon 9-25", "mon 9-12 extra"] {
            assert_eq!(parse_availability(bad), Err("err-availability"), "{bad}");
        }
    }

    #[test]
    fn topics_need_the_peers_consent() {
        let t = vec!["anxiety".to_owned()];
        let err = PeerProfileInput::parse(&t, false, "colleagues", None, None, None, None, None, "3", "").unwrap_err();
        assert_eq!(err.message_for("topics"), Some("err-topics-need-consent"));
        let ok = PeerProfileInput::parse(&t, true, "colleagues", None, None, None, None, None, "3", "").unwrap();
        assert_eq!(ok.topics, vec![Topic::Anxiety]);
        assert!(PeerProfileInput::parse(&[], false, "none", None, None, None, None, None, "3", "").is_ok());
        let e = PeerProfileInput::parse(&[], false, "none", None, None, None, Some("55.6"), None, "99", "").unwrap_err();
        assert_eq!(e.message_for("capacity"), Some("err-capacity-peer"));
        assert_eq!(e.message_for("lon"), Some("err-location-pair"));
    }

    #[test]
    fn disclosure_is_respected_per_viewer() {
        use Viewer::*;
        assert!(Disclosure::NotDisclosed.shows_to(Own));
        assert!(Disclosure::NotDisclosed.shows_to(Coordinator));
        assert!(!Disclosure::NotDisclosed.shows_to(Colleague));
        assert!(!Disclosure::NotDisclosed.shows_to(Participant));
        assert!(Disclosure::Colleagues.shows_to(Colleague));
        assert!(!Disclosure::Colleagues.shows_to(Participant));
        assert!(Disclosure::Participants.shows_to(Participant));
    }

    #[test]
    fn a_session_is_read_in_danish_time() {
        let s = SessionInput::parse("held", "2026-07-01", "10:30", "45", "phone", None, "conversation", Some("ok"), "team").unwrap();
        // Summer time: 10:30 in Denmark is 08:30 UTC.
        assert_eq!(s.starts_at.rfc3339(), "2026-07-01T08:30:00Z");
        let w = SessionInput::parse("held", "2026-01-15", "10:30", "45", "phone", None, "conversation", None, "peer").unwrap();
        assert_eq!(w.starts_at.rfc3339(), "2026-01-15T09:30:00Z");
        let e = SessionInput::parse("held", "2026-13-01", "25:00", "0", "fax", None, "x", None, "all").unwrap_err();
        for f in ["date", "time", "duration_minutes", "mode", "kind", "note_audience"] {
            assert!(e.message_for(f).is_some(), "{f}");
        }
    }

    #[test]
    fn course_transitions() {
        use CourseStatus::*;
        assert!(allowed_transition(Planned, Active));
        assert!(allowed_transition(Active, Paused));
        assert!(allowed_transition(Paused, Ended));
        assert!(!allowed_transition(Ended, Active));
        assert!(!allowed_transition(Planned, Paused));
    }

    #[test]
    fn progress_is_zero_to_ten() {
        assert!(ProgressInput::parse("2026-05-01", "7", None, "open").is_ok());
        assert_eq!(ProgressInput::parse("2026-05-01", "11", None, "open").unwrap_err().message_for("value"), Some("err-progress"));
    }
}
