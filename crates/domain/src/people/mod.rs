//! People: accounts, peer workers and participants, and the parsed values that describe them.

pub mod import;

use serde::{Deserialize, Serialize};

use crate::ProgrammeId;
use crate::directory::{Mode, code_enum, parse_set};
use crate::validation::{ValidationErrors, optional_text, required_text};

/// Personal data that must never reach a log: Debug and Display print `[redacted]`.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Personal<T>(T);

impl<T> Personal<T> {
    pub fn new(v: T) -> Self {
        Self(v)
    }
    /// Deliberate access to the value, for rendering to the person's authorised viewer.
    pub fn expose(&self) -> &T {
        &self.0
    }
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::fmt::Debug for Personal<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}
impl<T> std::fmt::Display for Personal<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

/// A lower-cased e-mail address with one `@` and a dotted domain.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let t = raw.trim().to_lowercase();
        if t.is_empty() {
            return Err("err-required");
        }
        if t.len() > 254 {
            return Err("err-too-long");
        }
        let (local, domain) = t.split_once('@').ok_or("err-email")?;
        let ok = !local.is_empty()
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !t.chars().any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>');
        if ok { Ok(Self(t)) } else { Err("err-email") }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Email([redacted])")
    }
}

/// A password that meets the policy: 12 to 256 characters, not only one repeated character.
#[derive(Clone)]
pub struct Password(String);

impl Password {
    pub const MIN_CHARS: usize = 12;
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let n = raw.chars().count();
        if n < Self::MIN_CHARS {
            return Err("err-password-short");
        }
        if n > 256 {
            return Err("err-too-long");
        }
        let mut cs = raw.chars();
        let first = cs.next();
        if cs.all(|c| Some(c) == first) {
            return Err("err-password-weak");
        }
        Ok(Self(raw.to_owned()))
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password([redacted])")
    }
}

/// A Danish CPR number, stored as DDMMYYXXXX. Never required; shown masked to most viewers.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Cpr(String);

impl Cpr {
    /// Accepts "DDMMYY-XXXX" or ten digits with a real calendar date. Modulus 11 is not
    /// checked: numbers issued since 2007 need not satisfy it.
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let digits: String = raw.trim().chars().filter(|c| *c != '-' && *c != ' ').collect();
        if digits.len() != 10 || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err("err-cpr");
        }
        let num = |a: usize, b: usize| digits[a..b].parse::<u8>().unwrap_or(0);
        let (d, m, y) = (num(0, 2), num(2, 4), num(4, 6));
        let month = time::Month::try_from(m).map_err(|_| "err-cpr")?;
        // The century is decided by the seventh digit; for the date check a leap-year-safe
        // choice is enough: any year ≡ y (mod 100) has the same leap status except 1900/2100.
        let year = 2000 + i32::from(y);
        time::Date::from_calendar_date(year, month, d).map_err(|_| "err-cpr")?;
        Ok(Self(digits))
    }
    pub fn masked(&self) -> String {
        format!("{}-XXXX", &self.0[..6])
    }
    pub fn formatted(&self) -> String {
        format!("{}-{}", &self.0[..6], &self.0[6..])
    }
    pub fn digits(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Cpr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Cpr([redacted])")
    }
}

code_enum!(
    /// A role a user holds in one organisation.
    Role {
        Administrator => "administrator",
        Coordinator => "coordinator",
        Supervisor => "supervisor",
        PeerWorker => "peer_worker",
        Referrer => "referrer",
        Evaluator => "evaluator",
    }
);

code_enum!(
    /// Volunteer or paid engagement of a peer worker.
    Engagement { Volunteer => "volunteer", Paid => "paid" }
);

code_enum!(
    /// Where a participant stands.
    ParticipantStatus { Waiting => "waiting", Active => "active", Closed => "closed" }
);

code_enum!(
    /// Whether a peer worker is currently working.
    PeerStatus { Active => "active", Paused => "paused", Left => "left" }
);

code_enum!(
    /// Gender as the person states it; optional everywhere.
    Gender { Female => "female", Male => "male", Other => "other" }
);

/// Parses an optional choice: empty means absent.
pub fn optional_choice<T>(raw: Option<&str>, parse: impl Fn(&str) -> Result<T, &'static str>) -> Result<Option<T>, &'static str> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => parse(t).map(Some),
    }
}

/// A new or edited staff account, parsed.
#[derive(Debug, Clone)]
pub struct StaffInput {
    pub email: Email,
    pub display_name: String,
    pub role: Role,
}

impl StaffInput {
    pub fn parse(email: &str, display_name: &str, role: &str) -> Result<Self, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let email = e.check("email", Email::parse(email));
        let display_name = e.check("display_name", required_text(display_name, 200));
        let role = e.check("role", Role::parse(role));
        match (email, display_name, role) {
            (Some(email), Some(display_name), Some(role)) if e.is_empty() => Ok(Self { email, display_name, role }),
            _ => Err(e),
        }
    }
}

/// A new or edited peer worker, parsed.
#[derive(Debug, Clone)]
pub struct PeerWorkerInput {
    pub display_name: Personal<String>,
    pub email: Option<Email>,
    pub phone: Option<Personal<String>>,
    pub engagement: Engagement,
    pub status: PeerStatus,
    pub languages: Vec<String>,
    pub modes: Vec<Mode>,
}

/// Parses a phone number: digits, spaces and one leading +, 8 to 20 characters.
pub fn parse_phone(raw: &str) -> Result<String, &'static str> {
    let t = raw.trim();
    let digits = t.chars().filter(|c| c.is_ascii_digit()).count();
    let ok = t.chars().enumerate().all(|(i, c)| c.is_ascii_digit() || c == ' ' || (c == '+' && i == 0));
    if ok && (8..=15).contains(&digits) && t.len() <= 20 { Ok(t.to_owned()) } else { Err("err-phone") }
}

/// Parses language codes such as "da, en, ar": two or three lower-case letters each.
pub fn parse_languages(raw: &str) -> Result<Vec<String>, &'static str> {
    let mut out: Vec<String> = Vec::new();
    for l in raw.split([',', ' ']).map(str::trim).filter(|l| !l.is_empty()) {
        let l = l.to_lowercase();
        if !(2..=3).contains(&l.len()) || !l.chars().all(|c| c.is_ascii_lowercase()) {
            return Err("err-language");
        }
        if !out.contains(&l) {
            out.push(l);
        }
    }
    Ok(out)
}

impl PeerWorkerInput {
    #[allow(clippy::too_many_arguments)]
    pub fn parse(
        display_name: &str,
        email: Option<&str>,
        phone: Option<&str>,
        engagement: &str,
        status: &str,
        languages: &str,
        modes: &[String],
    ) -> Result<Self, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let display_name = e.check("display_name", required_text(display_name, 200));
        let email = e.check("email", optional_choice(email, Email::parse));
        let phone = e.check("phone", optional_choice(phone, parse_phone));
        let engagement = e.check("engagement", Engagement::parse(engagement));
        let status = e.check("status", PeerStatus::parse(status));
        let languages = e.check("languages", parse_languages(languages));
        let modes = e.check("modes", parse_set(modes, Mode::parse, true));
        match (display_name, email, phone, engagement, status, languages, modes) {
            (Some(n), Some(email), Some(phone), Some(engagement), Some(status), Some(languages), Some(modes)) if e.is_empty() => {
                Ok(Self { display_name: Personal::new(n), email, phone: phone.map(Personal::new), engagement, status, languages, modes })
            }
            _ => Err(e),
        }
    }
}

/// A new or edited participant, parsed. Pseudonymous by default: the name is optional and a
/// CPR number is never required.
#[derive(Debug, Clone)]
pub struct ParticipantInput {
    pub name: Option<Personal<String>>,
    pub cpr: Option<Cpr>,
    pub birth_year: Option<i32>,
    pub gender: Option<Gender>,
    pub phone: Option<Personal<String>>,
    pub email: Option<Email>,
    pub programme: Option<ProgrammeId>,
    pub status: ParticipantStatus,
    pub languages: Vec<String>,
}

impl ParticipantInput {
    #[allow(clippy::too_many_arguments)]
    pub fn parse(
        name: Option<&str>,
        cpr: Option<&str>,
        birth_year: Option<&str>,
        gender: Option<&str>,
        phone: Option<&str>,
        email: Option<&str>,
        programme: Option<&str>,
        status: &str,
        languages: &str,
        this_year: i32,
    ) -> Result<Self, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let name = e.check("name", optional_text(name, 200));
        let cpr = e.check("cpr", optional_choice(cpr, Cpr::parse));
        let birth_year = e.check(
            "birth_year",
            optional_choice(birth_year, |s| match s.parse::<i32>() {
                Ok(y) if (this_year - 110..=this_year - 10).contains(&y) => Ok(y),
                _ => Err("err-birth-year"),
            }),
        );
        let gender = e.check("gender", optional_choice(gender, Gender::parse));
        let phone = e.check("phone", optional_choice(phone, parse_phone));
        let email = e.check("email", optional_choice(email, Email::parse));
        let programme = e.check("programme_id", optional_choice(programme, |s| s.parse::<ProgrammeId>().map_err(|_| "err-choice")));
        let status = e.check("status", ParticipantStatus::parse(status));
        let languages = e.check("languages", parse_languages(languages));
        match (name, cpr, birth_year, gender, phone, email, programme, status, languages) {
            (
                Some(name),
                Some(cpr),
                Some(birth_year),
                Some(gender),
                Some(phone),
                Some(email),
                Some(programme),
                Some(status),
                Some(languages),
            ) if e.is_empty() => Ok(Self {
                name: name.map(Personal::new),
                cpr,
                birth_year,
                gender,
                phone: phone.map(Personal::new),
                email,
                programme,
                status,
                languages,
            }),
            _ => Err(e),
        }
    }
}

/// A pseudonym such as "D-7KQ3-M9": letters and digits without look-alikes (0/O, 1/I/L).
pub fn pseudonym(random: [u8; 6]) -> String {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    let c: Vec<char> = random.iter().map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char).collect();
    format!("D-{}{}{}{}-{}{}", c[0], c[1], c[2], c[3], c[4], c[5])
}

/// The lower-cased text that participant search matches against.
pub fn search_key(parts: &[&str]) -> String {
    parts.iter().filter(|p| !p.is_empty()).map(|p| p.to_lowercase()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn personal_data_is_redacted_in_debug_and_display() {
        let p = Personal::new("Mette Nielsen".to_string());
        assert_eq!(format!("{p:?} {p}"), "[redacted] [redacted]");
        let c = Cpr::parse("010190-1234").ok();
        assert!(!format!("{c:?}").contains("0101"));
    }

    #[test]
    fn cpr_rules() {
        assert_eq!(Cpr::parse("0101901234").map(|c| c.masked()), Ok("010190-XXXX".into()));
        assert_eq!(Cpr::parse("320190-1234").err(), Some("err-cpr"));
        assert_eq!(Cpr::parse("290201-1234").err(), Some("err-cpr"), "2001 is no leap year");
        assert!(Cpr::parse("290204-1234").is_ok());
        assert_eq!(Cpr::parse("12345").err(), Some("err-cpr"));
    }

    #[test]
    fn email_rules() {
        assert_eq!(Email::parse(" Anna@Example.DK ").map(|e| e.as_str().to_owned()), Ok("anna@example.dk".into()));
        for bad in ["", "anna", "anna@", "@x.dk", "a@b", "a b@x.dk", "a@@x.dk", "a@x.dk."] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn participant_needs_no_name_and_no_cpr() {
        let p = ParticipantInput::parse(None, None, None, None, None, None, None, "waiting", "da", 2026);
        assert!(p.is_ok());
        let e = ParticipantInput::parse(Some(""), Some("x"), Some("1800"), Some("?"), None, None, None, "nope", "", 2026)
            .err()
            .unwrap_or_default();
        let fields: Vec<&str> = e.fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["cpr", "birth_year", "gender", "status"]);
    }

    proptest! {
        #[test]
        fn pseudonyms_have_a_fixed_shape(r in any::<[u8; 6]>()) {
            let p = pseudonym(r);
            prop_assert_eq!(p.len(), 9);
            prop_assert!(p.starts_with("D-"));
            prop_assert!(!p.contains('0') && !p.contains('O') && !p.contains('I') && !p.contains('1'));
        }

        #[test]
        fn email_parse_never_panics_and_is_idempotent(s in "\\PC{0,40}") {
            if let Ok(e) = Email::parse(&s) {
                prop_assert_eq!(Email::parse(e.as_str()).ok(), Some(e));
            }
        }

        #[test]
        fn text_fields_are_trimmed_and_bounded(s in "\\PC{0,300}") {
            if let Ok(t) = required_text(&s, 200) {
                prop_assert_eq!(t.trim(), t.as_str());
                prop_assert!(t.chars().count() <= 200 && !t.is_empty());
            }
        }
    }
}
