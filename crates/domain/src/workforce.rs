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
