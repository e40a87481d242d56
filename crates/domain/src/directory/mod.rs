//! Organisations, programmes and partnerships with their data-sharing agreements.

use time::Date;

use crate::OrgId;
use crate::validation::{ValidationErrors, optional_text, required_text};

macro_rules! code_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The stable code stored in the database and used on the wire.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
            pub fn parse(raw: &str) -> Result<Self, &'static str> {
                match raw.trim() {
                    $($code => Ok($name::$variant),)+
                    _ => Err("err-choice"),
                }
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(self.code()) }
        }
    };
}
pub(crate) use code_enum;

code_enum!(
    /// What kind of body an organisation is ("forankring").
    OrganisationKind {
        Municipality => "municipality",
        Region => "region",
        Association => "association",
        Other => "other",
    }
);

code_enum!(
    /// A way support is given.
    Mode { InPerson => "in_person", Phone => "phone", Online => "online" }
);

code_enum!(
    /// Individual or group courses of support.
    DeliveryModel { Individual => "individual", Group => "group" }
);

code_enum!(
    /// Categories of data a partnership agreement may let flow between its parties.
    DataCategory {
        ReferralStatus => "referral_status",
        ParticipantRecord => "participant_record",
        PeerWorkerRecord => "peer_worker_record",
        AggregateOutcomes => "aggregate_outcomes",
        PseudonymisedOutcomes => "pseudonymised_outcomes",
    }
);

/// Parses a set of codes (from checkboxes or a JSON list): at least one, no duplicates.
pub fn parse_set<T: Copy + Ord>(
    raw: &[String],
    parse: impl Fn(&str) -> Result<T, &'static str>,
    allow_empty: bool,
) -> Result<Vec<T>, &'static str> {
    let mut out = Vec::new();
    for r in raw {
        let v = parse(r)?;
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out.sort();
    if out.is_empty() && !allow_empty {
        return Err("err-choose-one");
    }
    Ok(out)
}

/// Joins codes for storage in one text column ("in_person,phone").
pub fn join_codes<T: std::fmt::Display>(items: &[T]) -> String {
    items.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(",")
}

/// Splits a stored code list; unknown codes (from a newer version) are skipped, not fatal.
pub fn split_codes<T>(raw: &str, parse: impl Fn(&str) -> Result<T, &'static str>) -> Vec<T> {
    raw.split(',').filter(|s| !s.is_empty()).filter_map(|s| parse(s).ok()).collect()
}

/// A new or edited organisation, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationInput {
    pub name: String,
    pub kind: OrganisationKind,
    pub require_totp: bool,
    /// The zone its days are counted in. None (an empty or absent field) keeps the stored
    /// zone, or gives a new organisation the default (Europe/Copenhagen).
    pub time_zone: Option<crate::time::Zone>,
}

impl OrganisationInput {
    pub fn parse(name: &str, kind: &str, require_totp: bool, time_zone: Option<&str>) -> Result<Self, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let name = e.check("name", required_text(name, 200));
        let kind = e.check("kind", OrganisationKind::parse(kind));
        let time_zone = e.check("time_zone", crate::people::optional_choice(time_zone, crate::time::Zone::parse));
        match (name, kind, time_zone) {
            (Some(name), Some(kind), Some(time_zone)) if e.is_empty() => Ok(Self { name, kind, require_totp, time_zone }),
            _ => Err(e),
        }
    }
}

/// A new or edited programme, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgrammeInput {
    pub name: String,
    pub description: Option<String>,
    pub delivery: Vec<DeliveryModel>,
    pub modes: Vec<Mode>,
    pub locations: Vec<String>,
    pub active: bool,
}

impl ProgrammeInput {
    pub fn parse(
        name: &str,
        description: Option<&str>,
        delivery: &[String],
        modes: &[String],
        locations: &str,
        active: bool,
    ) -> Result<Self, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let name = e.check("name", required_text(name, 200));
        let description = e.check("description", optional_text(description, 4000));
        let delivery = e.check("delivery", parse_set(delivery, DeliveryModel::parse, false));
        let modes = e.check("modes", parse_set(modes, Mode::parse, false));
        let mut locs = Vec::new();
        for l in locations.lines().map(str::trim).filter(|l| !l.is_empty()) {
            match required_text(l, 200) {
                Ok(l) => locs.push(l),
                Err(m) => e.add("locations", m),
            }
        }
        if modes.as_ref().is_some_and(|m| m.contains(&Mode::InPerson)) && locs.is_empty() {
            e.add("locations", "err-location-needed");
        }
        match (name, description, delivery, modes) {
            (Some(name), Some(description), Some(delivery), Some(modes)) if e.is_empty() => {
                Ok(Self { name, description, delivery, modes, locations: locs, active })
            }
            _ => Err(e),
        }
    }
}

/// A partnership's written data-sharing agreement, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnershipInput {
    pub name: String,
    pub purpose: String,
    pub legal_basis: String,
    pub categories: Vec<DataCategory>,
    pub valid_from: Date,
    pub valid_to: Option<Date>,
    pub parties: Vec<OrgId>,
}

impl PartnershipInput {
    #[allow(clippy::too_many_arguments)]
    pub fn parse(
        name: &str,
        purpose: &str,
        legal_basis: &str,
        categories: &[String],
        valid_from: &str,
        valid_to: Option<&str>,
        parties: &[String],
    ) -> Result<Self, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let name = e.check("name", required_text(name, 200));
        let purpose = e.check("purpose", required_text(purpose, 4000));
        let legal_basis = e.check("legal_basis", required_text(legal_basis, 1000));
        let categories = e.check("categories", parse_set(categories, DataCategory::parse, true));
        let valid_from = e.check("valid_from", crate::time::parse_date(valid_from));
        let valid_to = match valid_to.map(str::trim) {
            None | Some("") => Some(None),
            Some(t) => e.check("valid_to", crate::time::parse_date(t)).map(Some),
        };
        let parties = e.check(
            "parties",
            parse_set(parties, |s| s.parse::<OrgId>().map_err(|_| "err-choice"), false)
                .and_then(|p| if p.len() < 2 { Err("err-two-parties") } else { Ok(p) }),
        );
        if let (Some(f), Some(Some(t))) = (valid_from, valid_to)
            && t < f
        {
            e.add("valid_to", "err-period-order");
        }
        match (name, purpose, legal_basis, categories, valid_from, valid_to, parties) {
            (Some(name), Some(purpose), Some(legal_basis), Some(categories), Some(valid_from), Some(valid_to), Some(parties))
                if e.is_empty() =>
            {
                Ok(Self { name, purpose, legal_basis, categories, valid_from, valid_to, parties })
            }
            _ => Err(e),
        }
    }
}

impl PartnershipInput {
    /// The agreement's period on `today` by the sensible-period rule
    /// ([`crate::validation::check_period`]): `kept` is the period stored before an edit, whose
    /// unchanged dates are not judged again.
    pub fn check_period(&self, today: Date, kept: Option<(Date, Option<Date>)>) -> Result<(), ValidationErrors> {
        let p = crate::validation::Period { start: self.valid_from, end: self.valid_to, start_field: "valid_from", end_field: "valid_to" };
        crate::validation::check_period(p, today, kept)
    }
}

/// What the permission policy needs to know of an agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agreement {
    pub parties: Vec<OrgId>,
    pub categories: Vec<DataCategory>,
    pub valid_from: Date,
    pub valid_to: Option<Date>,
}

impl Agreement {
    pub fn in_force(&self, on: Date) -> bool {
        self.valid_from <= on && self.valid_to.is_none_or(|t| on <= t)
    }
    /// Whether this agreement lets `category` of `owner`'s data flow to `viewer` on `on`.
    pub fn allows(&self, category: DataCategory, owner: OrgId, viewer: OrgId, on: Date) -> bool {
        owner != viewer
            && self.in_force(on)
            && self.categories.contains(&category)
            && self.parties.contains(&owner)
            && self.parties.contains(&viewer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::uuid_v7;
    use time::macros::date;

    fn org(n: u8) -> OrgId {
        OrgId::from_uuid(uuid_v7(u64::from(n), [n; 10]))
    }

    #[test]
    fn agreement_flows_only_between_parties_in_period_for_listed_categories() {
        let a = Agreement {
            parties: vec![org(1), org(2)],
            categories: vec![DataCategory::ParticipantRecord],
            valid_from: date!(2026 - 01 - 01),
            valid_to: Some(date!(2026 - 12 - 31)),
        };
        let d = date!(2026 - 06 - 01);
        assert!(a.allows(DataCategory::ParticipantRecord, org(1), org(2), d));
        assert!(a.allows(DataCategory::ParticipantRecord, org(2), org(1), d));
        assert!(!a.allows(DataCategory::PeerWorkerRecord, org(1), org(2), d));
        assert!(!a.allows(DataCategory::ParticipantRecord, org(1), org(3), d));
        assert!(!a.allows(DataCategory::ParticipantRecord, org(1), org(2), date!(2027 - 01 - 01)));
        assert!(!a.allows(DataCategory::ParticipantRecord, org(1), org(2), date!(2025 - 12 - 31)));
    }

    #[test]
    fn programme_needs_a_location_for_in_person() {
        let e = ProgrammeInput::parse("Café", None, &["group".into()], &["in_person".into()], "", true)
            .err()
            .map(|e| e.message_for("locations"));
        assert_eq!(e, Some(Some("err-location-needed")));
        let ok = ProgrammeInput::parse("Café", None, &["group".into()], &["phone".into()], "", true);
        assert!(ok.is_ok());
    }

    #[test]
    fn partnership_needs_two_parties_and_ordered_period() {
        let e = PartnershipInput::parse("P", "x", "GDPR 6(1)(e)", &[], "2026-02-01", Some("2026-01-01"), &[org(1).to_string()])
            .err()
            .unwrap_or_default();
        assert_eq!(e.message_for("parties"), Some("err-two-parties"));
        assert_eq!(e.message_for("valid_to"), Some("err-period-order"));
    }
}
