//! The peer workforce (issue 3): role descriptions, the first thing an organisation writes
//! before it recruits (the function description a posting is made from).

use crate::org::{code_enum, parse_set};
use crate::people::Engagement;
use crate::validation::{ValidationErrors, required_text};

code_enum!(
    /// Where a peer worker works (`DOMAIN.md`: places that employ peers).
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
    /// What a peer worker does in the role (`DOMAIN.md`: functions).
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
