//! Referral and intake: the forms of a referral and of a recorded consent,
//! the intake decision, what a consent's record means for its purpose, and the one status a
//! referrer sees. Pure: no IO, the date is an argument.

use time::Date;

use crate::ProgrammeId;
use crate::directory::parse_set;
use crate::journey::courses::{ConsentAudience, ConsentMethod, ConsentPurpose, CourseStatus, ReferralStatus, ReferrerStatus};
use crate::people::{Email, ParticipantInput, ParticipantStatus, Personal, optional_choice, parse_languages, parse_phone};
use crate::time::{Timestamp, parse_date};
use crate::validation::{ValidationErrors, optional_text, required_text};

/// The longest reason for a referral, or a self-referral's own words.
pub const MAX_REASON_CHARS: usize = 2000;

/// The person a referral is about, parsed from any of the three doors.
#[derive(Debug, Clone)]
pub struct ReferralInput {
    pub name: Personal<String>,
    pub phone: Option<Personal<String>>,
    pub email: Option<Email>,
    pub birth_year: Option<i32>,
    pub languages: Vec<String>,
    /// Why they are referred, or (self-referral) what they want help with. Personal.
    pub reason: Personal<String>,
    /// A programme the referral names (optional; the intake decision chooses one).
    pub programme: Option<ProgrammeId>,
}

impl ReferralInput {
    #[allow(clippy::too_many_arguments)]
    pub fn parse(
        name: &str,
        phone: Option<&str>,
        email: Option<&str>,
        birth_year: Option<&str>,
        languages: &str,
        reason: &str,
        programme: Option<&str>,
        this_year: i32,
    ) -> Result<Self, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let name = e.check("name", required_text(name, 200));
        let phone = e.check("phone", optional_choice(phone, parse_phone));
        let email = e.check("email", optional_choice(email, Email::parse));
        if matches!((&phone, &email), (Some(None), Some(None))) {
            e.add("phone", "err-contact-required");
        }
        let birth_year = e.check(
            "birth_year",
            optional_choice(birth_year, |s| match s.parse::<i32>() {
                Ok(y) if (this_year - 110..=this_year - 10).contains(&y) => Ok(y),
                _ => Err("err-birth-year"),
            }),
        );
        let languages = e.check("languages", if languages.trim().is_empty() { Ok(Vec::new()) } else { parse_languages(languages) });
        let reason = e.check("reason", required_text(reason, MAX_REASON_CHARS));
        let programme = e.check("programme_id", optional_choice(programme, |s| s.parse::<ProgrammeId>().map_err(|_| "err-choice")));
        match (name, phone, email, birth_year, languages, reason, programme) {
            (Some(name), Some(phone), Some(email), Some(birth_year), Some(languages), Some(reason), Some(programme)) if e.is_empty() => {
                Ok(Self {
                    name: Personal::new(name),
                    phone: phone.map(Personal::new),
                    email,
                    birth_year,
                    languages,
                    reason: Personal::new(reason),
                    programme,
                })
            }
            _ => Err(e),
        }
    }

    /// The participant this referral creates: waiting, in no programme until the intake decision.
    pub fn participant(&self) -> ParticipantInput {
        ParticipantInput {
            name: Some(Personal::new(self.name.expose().clone())),
            cpr: None,
            birth_year: self.birth_year,
            gender: None,
            phone: self.phone.as_ref().map(|p| Personal::new(p.expose().clone())),
            email: self.email.clone(),
            programme: None,
            status: ParticipantStatus::Waiting,
            languages: self.languages.clone(),
        }
    }
}

/// The consent a partner's referrer or a coordinator confirms when referring: the person
/// agreed to be referred, given verbally or in writing.
pub fn parse_referral_consent(agreed: bool, method: &str) -> Result<ConsentMethod, ValidationErrors> {
    let mut e = ValidationErrors::new();
    if !agreed {
        e.add("agreed", "err-consent-required");
    }
    let method = e.check(
        "method",
        match ConsentMethod::parse(method) {
            Ok(m @ (ConsentMethod::Verbal | ConsentMethod::Written)) => Ok(m),
            _ => Err("err-choice"),
        },
    );
    match method {
        Some(m) if e.is_empty() => Ok(m),
        _ => Err(e),
    }
}

/// The consents a self-referral gives: to peer support (required) and to questionnaires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SelfConsents {
    pub measurement: bool,
}

pub fn parse_self_consents(support: bool, measurement: bool) -> Result<SelfConsents, ValidationErrors> {
    if support { Ok(SelfConsents { measurement }) } else { Err(ValidationErrors::single("consent_support", "err-consent-required")) }
}

/// A consent recorded by a coordinator, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentInput {
    pub purpose: ConsentPurpose,
    /// What the consent covers, in words.
    pub scope: String,
    pub audience: Vec<ConsentAudience>,
    pub method: ConsentMethod,
    pub valid_until: Option<Date>,
}

impl ConsentInput {
    pub fn parse(
        purpose: &str,
        scope: &str,
        audience: &[String],
        method: &str,
        valid_until: Option<&str>,
        today: Date,
    ) -> Result<Self, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let purpose = e.check("purpose", ConsentPurpose::parse(purpose));
        let scope = e.check("scope", required_text(scope, 500));
        let audience = e.check("audience", parse_set(audience, ConsentAudience::parse, false));
        let method = e.check("method", ConsentMethod::parse(method));
        let valid_until = e.check(
            "valid_until",
            optional_choice(valid_until, |s| match parse_date(s) {
                // A consent's period: from today, and not beyond the plausible window.
                Ok(d) if d >= today => crate::validation::plausible_date(d, today),
                Ok(_) => Err("err-date-past"),
                Err(m) => Err(m),
            }),
        );
        match (purpose, scope, audience, method, valid_until) {
            (Some(purpose), Some(scope), Some(audience), Some(method), Some(valid_until)) if e.is_empty() => {
                Ok(Self { purpose, scope, audience, method, valid_until })
            }
            _ => Err(e),
        }
    }
}

/// A withdrawal's optional note.
pub fn parse_withdrawal_note(note: Option<&str>) -> Result<Option<String>, ValidationErrors> {
    optional_text(note, 1000).map_err(|m| ValidationErrors::single("note", m))
}

/// The intake decision on a referral.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Accepted into a programme: the participant joins its waiting list.
    Accept { programme: ProgrammeId },
    /// Declined, with a note for the organisation's own record.
    Decline { note: String },
}

impl Decision {
    pub fn parse(decision: &str, programme: Option<&str>, note: Option<&str>) -> Result<Self, ValidationErrors> {
        match decision.trim() {
            "accept" => match programme.map(str::trim).filter(|p| !p.is_empty()) {
                Some(p) => p
                    .parse::<ProgrammeId>()
                    .map(|programme| Decision::Accept { programme })
                    .map_err(|_| ValidationErrors::single("programme_id", "err-choice")),
                None => Err(ValidationErrors::single("programme_id", "err-required")),
            },
            "decline" => required_text(note.unwrap_or(""), 1000)
                .map(|note| Decision::Decline { note })
                .map_err(|m| ValidationErrors::single("note", m)),
            _ => Err(ValidationErrors::single("decision", "err-choice")),
        }
    }
}

/// One consent record, as the rule needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConsentFact {
    pub purpose: ConsentPurpose,
    pub given_at: Timestamp,
    pub valid_until: Option<Date>,
    pub withdrawn_at: Option<Timestamp>,
}

/// What the consent records of a participant say about one purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsentState {
    /// No record of this purpose: the organisation's other legal basis governs (records made
    /// before consent was recorded, imports).
    NoRecord,
    /// The latest record is given and in force.
    Given,
    /// The latest record was withdrawn: the purpose is blocked.
    Withdrawn,
    /// The latest record ran out (`valid_until` before today): blocked like a withdrawal.
    Expired,
}

impl ConsentState {
    /// Whether the purpose may not be pursued.
    pub fn blocks(self) -> bool {
        matches!(self, ConsentState::Withdrawn | ConsentState::Expired)
    }
}

/// The state of `purpose`: decided by the latest record of it (a later consent given again
/// reopens a purpose that an earlier withdrawal closed).
pub fn consent_state(facts: &[ConsentFact], purpose: ConsentPurpose, today: Date) -> ConsentState {
    let latest = facts.iter().filter(|f| f.purpose == purpose).max_by_key(|f| f.given_at);
    match latest {
        None => ConsentState::NoRecord,
        Some(f) if f.withdrawn_at.is_some() => ConsentState::Withdrawn,
        Some(f) if f.valid_until.is_some_and(|d| d < today) => ConsentState::Expired,
        Some(_) => ConsentState::Given,
    }
}

/// The one status a referrer sees (closed loop): derived from the intake decision, the
/// participant's status and their courses, and nothing else. A participant who withdrew the
/// referrer's view (`referrer_status`) or peer support itself shows as withdrawn only.
pub fn referrer_status(
    referral: ReferralStatus,
    participant: Option<ParticipantStatus>,
    courses: &[CourseStatus],
    withdrawn: bool,
) -> ReferrerStatus {
    if withdrawn || referral == ReferralStatus::Withdrawn {
        return ReferrerStatus::Withdrawn;
    }
    match referral {
        ReferralStatus::Received => ReferrerStatus::Received,
        ReferralStatus::Declined => ReferrerStatus::Declined,
        ReferralStatus::Withdrawn => ReferrerStatus::Withdrawn,
        ReferralStatus::Accepted => {
            if courses.iter().any(|c| *c != CourseStatus::Ended) {
                ReferrerStatus::InCourse
            } else if participant == Some(ParticipantStatus::Closed) || participant.is_none() || !courses.is_empty() {
                ReferrerStatus::Ended
            } else if participant == Some(ParticipantStatus::Active) {
                ReferrerStatus::InCourse
            } else {
                ReferrerStatus::Waiting
            }
        }
    }
}

/// A self-referral's honeypot: a field people never see or fill. Anything in it marks a robot.
pub fn is_robot(honeypot: &str) -> bool {
    !honeypot.trim().is_empty()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_referral_needs_a_name_a_way_to_reach_them_and_a_reason() {
        let ok =
            ReferralInput::parse("Anna", Some("12345678"), None, Some("1990"), "da, en", "Ensom efter udskrivning", None, 2026).unwrap();
        assert_eq!(ok.languages, vec!["da".to_owned(), "en".to_owned()]);
        let p = ok.participant();
        assert_eq!((p.status, p.programme, p.birth_year), (ParticipantStatus::Waiting, None, Some(1990)));
        let e = ReferralInput::parse("", None, None, Some("1700"), "", "", Some("x"), 2026).unwrap_err();
        assert_eq!(e.message_for("name"), Some("err-required"));
        assert_eq!(e.message_for("phone"), Some("err-contact-required"));
        assert_eq!(e.message_for("birth_year"), Some("err-birth-year"));
        assert_eq!(e.message_for("reason"), Some("err-required"));
        assert_eq!(e.message_for("programme_id"), Some("err-choice"));
        let long = "x".repeat(MAX_REASON_CHARS + 1);
        let e = ReferralInput::parse("A", None, Some("a@b.dk"), None, "", &long, None, 2026).unwrap_err();
        assert_eq!(e.message_for("reason"), Some("err-too-long"));
        let e = ReferralInput::parse("A", None, Some("nope"), None, "", "r", None, 2026).unwrap_err();
        assert_eq!(e.message_for("email"), Some("err-email"));
    }

    #[test]
    fn consents_are_parsed_with_their_audience_and_dates() {
        let today = date!(2026 - 03 - 02);
        let c =
            ConsentInput::parse("measurement", "Spørgeskemaer", &["coordinators".into(), "peer".into()], "written", None, today).unwrap();
        assert_eq!(c.audience, vec![ConsentAudience::Peer, ConsentAudience::Coordinators]);
        let e = ConsentInput::parse("x", "", &[], "email", Some("2026-03-01"), today).unwrap_err();
        for (f, m) in [
            ("purpose", "err-choice"),
            ("scope", "err-required"),
            ("audience", "err-choose-one"),
            ("method", "err-choice"),
            ("valid_until", "err-date-past"),
        ] {
            assert_eq!(e.message_for(f), Some(m), "{f}");
        }
        assert_eq!(parse_referral_consent(false, "verbal").unwrap_err().message_for("agreed"), Some("err-consent-required"));
        assert_eq!(parse_referral_consent(true, "self_form").unwrap_err().message_for("method"), Some("err-choice"));
        assert_eq!(parse_referral_consent(true, "written").unwrap(), ConsentMethod::Written);
        assert!(parse_self_consents(false, true).is_err());
        assert_eq!(parse_self_consents(true, false).unwrap(), SelfConsents { measurement: false });
    }

    #[test]
    fn decisions() {
        let p = "01890000-0000-7000-8000-000000000001";
        assert!(matches!(Decision::parse("accept", Some(p), None), Ok(Decision::Accept { .. })));
        assert_eq!(Decision::parse("accept", None, None).unwrap_err().message_for("programme_id"), Some("err-required"));
        assert_eq!(Decision::parse("decline", None, Some(" ")).unwrap_err().message_for("note"), Some("err-required"));
        assert_eq!(
            Decision::parse("decline", None, Some("Ikke målgruppen")).unwrap(),
            Decision::Decline { note: "Ikke målgruppen".into() }
        );
        assert!(Decision::parse("maybe", None, None).is_err());
    }

    #[test]
    fn the_latest_record_of_a_purpose_decides() {
        let today = date!(2026 - 03 - 02);
        let f = |purpose, at, withdrawn: Option<i64>, until| ConsentFact {
            purpose,
            given_at: Timestamp(at),
            valid_until: until,
            withdrawn_at: withdrawn.map(Timestamp),
        };
        use ConsentPurpose::*;
        assert_eq!(consent_state(&[], Support, today), ConsentState::NoRecord);
        let withdrawn = [f(Support, 1, Some(5), None)];
        assert_eq!(consent_state(&withdrawn, Support, today), ConsentState::Withdrawn);
        assert_eq!(consent_state(&withdrawn, Measurement, today), ConsentState::NoRecord, "each purpose on its own");
        let again = [f(Support, 1, Some(5), None), f(Support, 9, None, None)];
        assert_eq!(consent_state(&again, Support, today), ConsentState::Given);
        let expired = [f(Support, 1, None, Some(date!(2026 - 03 - 01)))];
        assert!(consent_state(&expired, Support, today).blocks());
        assert!(!ConsentState::NoRecord.blocks() && !ConsentState::Given.blocks());
    }

    #[test]
    fn the_referrer_sees_one_derived_status() {
        use ParticipantStatus as P;
        use ReferralStatus as R;
        use ReferrerStatus as S;
        assert_eq!(referrer_status(R::Received, Some(P::Waiting), &[], false), S::Received);
        assert_eq!(referrer_status(R::Declined, None, &[], false), S::Declined);
        assert_eq!(referrer_status(R::Accepted, Some(P::Waiting), &[], false), S::Waiting);
        assert_eq!(referrer_status(R::Accepted, Some(P::Waiting), &[CourseStatus::Planned], false), S::InCourse);
        assert_eq!(referrer_status(R::Accepted, Some(P::Active), &[CourseStatus::Active], false), S::InCourse);
        assert_eq!(referrer_status(R::Accepted, Some(P::Closed), &[CourseStatus::Ended], false), S::Ended);
        assert_eq!(referrer_status(R::Accepted, Some(P::Active), &[], false), S::InCourse);
        assert_eq!(referrer_status(R::Accepted, Some(P::Active), &[CourseStatus::Active], true), S::Withdrawn);
        assert_eq!(referrer_status(R::Received, Some(P::Waiting), &[], true), S::Withdrawn);
    }

    #[test]
    fn honeypot() {
        assert!(!is_robot(""));
        assert!(is_robot("http://spam"));
    }
}
