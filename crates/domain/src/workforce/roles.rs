//! The peer workforce: role descriptions, the first thing an organisation writes
//! before it recruits (the function description a posting is made from).

use crate::directory::{code_enum, parse_set};
use crate::people::Engagement;
use crate::validation::{ValidationErrors, required_text};

code_enum!(
    /// Where a peer worker works (the places that employ peers).
    Setting {
        PsychiatricWard => "psychiatric_ward",
        OutpatientClinic => "outpatient_clinic",
        AddictionCentre => "addiction_centre",
        DayService => "day_service",
        SupportedHousing => "supported_housing",
        UserOrganisation => "user_organisation",
        HousingAssociation => "housing_association",
        DropInCentre => "drop_in_centre",
        JobCentre => "job_centre",
        DischargeMentoring => "discharge_mentoring",
        PrivateCompany => "private_company",
        Education => "education",
        ResearchQuality => "research_quality",
        Consultancy => "consultancy",
        PhoneLine => "phone_line",
        SocialEconomy => "social_economy",
        SelfEmployed => "self_employed",
    }
);

code_enum!(
    /// What a peer worker does in the role (its functions).
    RoleFunction {
        IndividualSupport => "individual_support",
        GroupWork => "group_work",
        CommunityWork => "community_work",
        BridgeBuilding => "bridge_building",
        Reception => "reception",
        Consulting => "consulting",
        Teaching => "teaching",
        SystemRecovery => "system_recovery",
    }
);

code_enum!(
    /// Whether a role is for a limited time.
    Term { Temporary => "temporary", Permanent => "permanent" }
);

code_enum!(
    /// Training a role can require (the organisation's own courses come with the training catalogue).
    RequiredTraining { IntroCourse => "intro_course", Wrap => "wrap", LaerAtTackle => "laer_at_tackle" }
);

/// A role description as entered.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleInput {
    pub title: String,
    pub purpose: String,
    pub tasks: Vec<String>,
    pub setting: Setting,
    pub functions: Vec<RoleFunction>,
    pub engagement: Engagement,
    pub hours_per_week: f64,
    pub term: Term,
    pub competences: Vec<String>,
    pub training: Vec<RequiredTraining>,
}

/// One item per line, blank lines dropped, each at most 300 characters, at most 30.
fn lines(raw: &str) -> Result<Vec<String>, &'static str> {
    let items: Vec<String> =
        raw.lines().map(|l| l.trim().trim_start_matches(['-', '•', '*']).trim().to_owned()).filter(|l| !l.is_empty()).collect();
    if items.len() > 30 {
        return Err("err-too-many-lines");
    }
    if items.iter().any(|i| i.chars().count() > 300) {
        return Err("err-too-long");
    }
    Ok(items)
}

impl RoleInput {
    /// Parses the role form. A role needs a title, a purpose, at least one task and one function.
    #[allow(clippy::too_many_arguments)]
    pub fn parse(
        title: &str,
        purpose: &str,
        tasks: &str,
        setting: &str,
        functions: &[String],
        engagement: &str,
        hours_per_week: &str,
        term: &str,
        competences: &str,
        training: &[String],
    ) -> Result<Self, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let title = e.check("title", required_text(title, 200));
        let purpose = e.check("purpose", required_text(purpose, 2000));
        let tasks = e.check("tasks", lines(tasks).and_then(|t| if t.is_empty() { Err("err-required") } else { Ok(t) }));
        let setting = e.check("setting", Setting::parse(setting));
        let functions = e.check("functions", parse_set(functions, RoleFunction::parse, false));
        let engagement = e.check("engagement", Engagement::parse(engagement));
        let hours = e.check(
            "hours_per_week",
            hours_per_week
                .trim()
                .replace(',', ".")
                .parse::<f64>()
                .ok()
                .filter(|h| h.is_finite() && *h > 0.0 && *h <= 48.0)
                .ok_or("err-hours"),
        );
        let term = e.check("term", Term::parse(term));
        let competences = e.check("competences", lines(competences));
        let training = e.check("training", parse_set(training, RequiredTraining::parse, true));
        e.into_result()?;
        match (title, purpose, tasks, setting, functions, engagement, hours, term, competences, training) {
            (
                Some(title),
                Some(purpose),
                Some(tasks),
                Some(setting),
                Some(functions),
                Some(engagement),
                Some(hours_per_week),
                Some(term),
                Some(competences),
                Some(training),
            ) => Ok(RoleInput { title, purpose, tasks, setting, functions, engagement, hours_per_week, term, competences, training }),
            _ => Err(ValidationErrors::single("title", "err-required")),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_role_needs_its_parts_and_reads_lists_one_per_line() {
        let ok = RoleInput::parse(
            "Peer-medarbejder, ambulant psykiatri",
            "Støtte borgere i recovery med egen erfaring.",
            "- Samtaler\n\n• Følge med til møder\n",
            "outpatient_clinic",
            &["individual_support".into(), "bridge_building".into(), "individual_support".into()],
            "paid",
            "18,5",
            "permanent",
            "Bruge egen historie\nLytte",
            &["intro_course".into()],
        )
        .unwrap();
        assert_eq!(ok.tasks, ["Samtaler", "Følge med til møder"]);
        assert_eq!(ok.functions, [RoleFunction::IndividualSupport, RoleFunction::BridgeBuilding]);
        assert_eq!(ok.hours_per_week, 18.5);
        let e = RoleInput::parse("", "", "", "moon", &[], "free", "60", "x", "", &["nope".into()]).unwrap_err();
        for (f, m) in [
            ("title", "err-required"),
            ("tasks", "err-required"),
            ("setting", "err-choice"),
            ("functions", "err-choose-one"),
            ("hours_per_week", "err-hours"),
            ("training", "err-choice"),
        ] {
            assert_eq!(e.message_for(f), Some(m), "{f}");
        }
    }
}

code_enum!(
    /// The agreement under which a peer works: a volunteer agreement or an employment.
    EngagementKind { VolunteerAgreement => "volunteer_agreement", Employment => "employment" }
);

/// A peer worker's engagement, parsed: the agreement or employment, for which role, hours,
/// term, part-time or not, and its dates.
#[derive(Debug, Clone, PartialEq)]
pub struct EngagementInput {
    pub kind: EngagementKind,
    pub title: String,
    pub hours_per_week: f64,
    pub part_time: bool,
    pub term: Term,
    pub starts_on: time::Date,
    pub ends_on: Option<time::Date>,
    pub signed_on: Option<time::Date>,
    pub note: Option<String>,
    /// The key of the role description the engagement is for, if any: its required training
    /// and supervision then apply to the peer worker. Checked against the organisation's roles
    /// where it is stored.
    pub role_key: Option<String>,
}

impl EngagementInput {
    #[allow(clippy::too_many_arguments)]
    pub fn parse(
        kind: &str,
        title: &str,
        hours_per_week: &str,
        part_time: bool,
        term: &str,
        starts_on: &str,
        ends_on: Option<&str>,
        signed_on: Option<&str>,
        note: Option<&str>,
    ) -> Result<Self, ValidationErrors> {
        use crate::time::parse_date;
        let optional_date = |raw: Option<&str>| match raw.map(str::trim) {
            None | Some("") => Ok(None),
            Some(d) => parse_date(d).map(Some),
        };
        let mut e = ValidationErrors::new();
        let kind = e.check("kind", EngagementKind::parse(kind));
        let title = e.check("title", required_text(title, 200));
        let hours = e.check(
            "hours_per_week",
            hours_per_week
                .trim()
                .replace(',', ".")
                .parse::<f64>()
                .ok()
                .filter(|h| h.is_finite() && *h > 0.0 && *h <= 48.0)
                .ok_or("err-hours"),
        );
        let term = e.check("term", Term::parse(term));
        let starts_on = e.check("starts_on", parse_date(starts_on));
        let ends_on = e.check("ends_on", optional_date(ends_on));
        let signed_on = e.check("signed_on", optional_date(signed_on));
        let note = e.check("note", crate::validation::optional_text(note, 2000));
        if let (Some(s), Some(Some(end))) = (starts_on, ends_on)
            && end < s
        {
            e.add("ends_on", "err-ends-before-start");
        }
        if term == Some(Term::Temporary) && ends_on == Some(None) {
            e.add("ends_on", "err-temporary-needs-end");
        }
        match (kind, title, hours, term, starts_on, ends_on, signed_on, note) {
            (Some(kind), Some(title), Some(hours_per_week), Some(term), Some(starts_on), Some(ends_on), Some(signed_on), Some(note))
                if e.is_empty() =>
            {
                Ok(Self { kind, title, hours_per_week, part_time, term, starts_on, ends_on, signed_on, note, role_key: None })
            }
            _ => Err(e),
        }
    }

    /// Whether the engagement is in force on a day.
    pub fn in_force(&self, on: time::Date) -> bool {
        self.starts_on <= on && self.ends_on.is_none_or(|end| on <= end)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod engagement_tests {
    use super::*;

    #[test]
    fn an_engagement_has_sound_dates_and_hours() {
        let ok =
            EngagementInput::parse("employment", "Peer-medarbejder", "15", true, "temporary", "2026-01-01", Some("2026-12-31"), None, None)
                .unwrap();
        assert!(ok.in_force(time::macros::date!(2026 - 06 - 01)));
        assert!(!ok.in_force(time::macros::date!(2027 - 01 - 01)));
        let e = EngagementInput::parse("job", "", "0", false, "temporary", "2026-05-01", Some("2026-04-01"), Some("x"), None).unwrap_err();
        for f in ["kind", "title", "hours_per_week", "ends_on", "signed_on"] {
            assert!(e.message_for(f).is_some(), "{f}");
        }
        assert_eq!(e.message_for("ends_on"), Some("err-ends-before-start"));
        let open =
            EngagementInput::parse("volunteer_agreement", "Frivillig", "4", true, "temporary", "2026-01-01", None, None, None).unwrap_err();
        assert_eq!(open.message_for("ends_on"), Some("err-temporary-needs-end"));
        assert!(EngagementInput::parse("volunteer_agreement", "Frivillig", "4", true, "permanent", "2026-01-01", None, None, None).is_ok());
    }
}

// ---------------------------------------------------------------- the workforce overview

/// One engagement as the workforce overview counts it.
#[derive(Debug, Clone, PartialEq)]
pub struct EngagementFact {
    pub peer: String,
    pub kind: EngagementKind,
    pub hours_per_week: f64,
    pub starts_on: time::Date,
    pub ends_on: Option<time::Date>,
    pub role_key: Option<String>,
}

impl EngagementFact {
    fn in_force(&self, on: time::Date) -> bool {
        self.starts_on <= on && self.ends_on.is_none_or(|end| on <= end)
    }
}

/// Head count and hours of one kind of engagement on a day.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Staffing {
    /// Peer workers with at least one engagement of the kind in force.
    pub people: usize,
    /// Hours a week of those engagements, summed.
    pub hours_per_week: f64,
}

/// Starters and leavers over a period, and the turnover rate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Turnover {
    pub from: time::Date,
    pub to: time::Date,
    /// Peer workers with an engagement in force at the start of the period.
    pub at_start: usize,
    /// … and at its end.
    pub at_end: usize,
    /// Peer workers whose first engagement started within the period.
    pub starters: usize,
    /// Peer workers with an engagement in force at some time in the period and none at its
    /// end, whose last engagement ended within it.
    pub leavers: usize,
}

impl Turnover {
    /// Leavers over the mean of the head counts at the start and the end of the period (the
    /// usual staff-turnover rate); `None` when there was nobody to leave.
    pub fn rate(&self) -> Option<f64> {
        let mean = (self.at_start + self.at_end) as f64 / 2.0;
        (mean > 0.0).then(|| self.leavers as f64 / mean)
    }
}

/// The workforce figures of an organisation on a day, from its engagements.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkforceFigures {
    pub on: time::Date,
    /// Per kind of engagement, in `EngagementKind::ALL` order.
    pub by_kind: Vec<(EngagementKind, Staffing)>,
    /// Peer workers with any engagement in force (one person with two kinds counts once).
    pub head_count: usize,
    /// Their ids, sorted.
    pub people: Vec<String>,
    /// Per role key in force (`None`: engagements that name no role), people and hours.
    pub by_role: Vec<(Option<String>, Staffing)>,
    /// Over the twelve months up to `on`.
    pub turnover: Turnover,
}

/// Counts head, hours and turnover from every engagement of an organisation.
pub fn workforce_figures(engagements: &[EngagementFact], on: time::Date) -> WorkforceFigures {
    use std::collections::{BTreeMap, BTreeSet};
    let current: Vec<&EngagementFact> = engagements.iter().filter(|e| e.in_force(on)).collect();
    let by_kind = EngagementKind::ALL
        .iter()
        .map(|k| {
            let of_kind: Vec<&&EngagementFact> = current.iter().filter(|e| e.kind == *k).collect();
            let people: BTreeSet<&str> = of_kind.iter().map(|e| e.peer.as_str()).collect();
            (*k, Staffing { people: people.len(), hours_per_week: of_kind.iter().map(|e| e.hours_per_week).sum() })
        })
        .collect();
    let people: Vec<String> = current.iter().map(|e| e.peer.as_str()).collect::<BTreeSet<_>>().into_iter().map(str::to_owned).collect();
    let head_count = people.len();
    let mut roles: BTreeMap<Option<String>, (BTreeSet<&str>, f64)> = BTreeMap::new();
    for e in &current {
        let entry = roles.entry(e.role_key.clone()).or_default();
        entry.0.insert(e.peer.as_str());
        entry.1 += e.hours_per_week;
    }
    let by_role = roles.into_iter().map(|(k, (people, hours))| (k, Staffing { people: people.len(), hours_per_week: hours })).collect();
    let from = on.replace_year(on.year() - 1).unwrap_or(on - time::Duration::days(365));
    let people_in_force =
        |day: time::Date| engagements.iter().filter(|e| e.in_force(day)).map(|e| e.peer.as_str()).collect::<BTreeSet<_>>();
    let at_start = people_in_force(from);
    let at_end = people_in_force(on);
    let mut first_start: BTreeMap<&str, time::Date> = BTreeMap::new();
    let mut last_end: BTreeMap<&str, Option<time::Date>> = BTreeMap::new();
    for e in engagements {
        let s = first_start.entry(e.peer.as_str()).or_insert(e.starts_on);
        *s = (*s).min(e.starts_on);
        let l = last_end.entry(e.peer.as_str()).or_insert(e.ends_on);
        *l = match (*l, e.ends_on) {
            (None, _) | (_, None) => None,
            (Some(a), Some(b)) => Some(a.max(b)),
        };
    }
    let starters = first_start.values().filter(|d| from < **d && **d <= on).count();
    let leavers = last_end.iter().filter(|(peer, end)| !at_end.contains(*peer) && end.is_some_and(|d| from <= d && d < on)).count();
    WorkforceFigures {
        on,
        by_kind,
        head_count,
        people,
        by_role,
        turnover: Turnover { from, to: on, at_start: at_start.len(), at_end: at_end.len(), starters, leavers },
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod figures_tests {
    use super::*;
    use crate::time::parse_date;

    fn e(peer: &str, kind: EngagementKind, hours: f64, start: &str, end: Option<&str>, role: Option<&str>) -> EngagementFact {
        EngagementFact {
            peer: peer.into(),
            kind,
            hours_per_week: hours,
            starts_on: parse_date(start).unwrap(),
            ends_on: end.map(|d| parse_date(d).unwrap()),
            role_key: role.map(str::to_owned),
        }
    }

    #[test]
    fn head_count_hours_and_turnover_count_people_not_engagements() {
        use EngagementKind::*;
        let on = parse_date("2026-11-22").unwrap();
        let all = [
            // Anna: volunteer since 2024, and also employed since this spring: counted once in the head count.
            e("anna", VolunteerAgreement, 4.0, "2024-01-01", None, Some("cafe")),
            e("anna", Employment, 15.0, "2026-04-01", None, Some("peer")),
            // Bo: started this year.
            e("bo", Employment, 37.0, "2026-02-01", None, Some("peer")),
            // Carl: left in the summer, after two agreements in a row.
            e("carl", VolunteerAgreement, 2.0, "2023-01-01", Some("2025-12-31"), None),
            e("carl", VolunteerAgreement, 2.0, "2026-01-01", Some("2026-06-30"), None),
            // Dina: left before the period; not a leaver of this one.
            e("dina", VolunteerAgreement, 6.0, "2022-01-01", Some("2025-06-30"), None),
            // Eva: starts next month; not yet counted.
            e("eva", Employment, 20.0, "2026-12-01", None, Some("peer")),
        ];
        let f = workforce_figures(&all, on);
        assert_eq!(f.head_count, 2);
        assert_eq!(f.by_kind[0], (VolunteerAgreement, Staffing { people: 1, hours_per_week: 4.0 }));
        assert_eq!(f.by_kind[1], (Employment, Staffing { people: 2, hours_per_week: 52.0 }));
        assert_eq!(
            f.by_role,
            vec![
                (Some("cafe".into()), Staffing { people: 1, hours_per_week: 4.0 }),
                (Some("peer".into()), Staffing { people: 2, hours_per_week: 52.0 })
            ]
        );
        let t = f.turnover;
        assert_eq!(t.from, parse_date("2025-11-22").unwrap());
        assert_eq!((t.at_start, t.at_end, t.starters, t.leavers), (2, 2, 1, 1), "{t:?}");
        assert_eq!(t.rate(), Some(0.5));
        assert_eq!(workforce_figures(&[], on).turnover.rate(), None);
    }
}
