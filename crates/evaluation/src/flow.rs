//! Participant flow and response rates, CONSORT style: who started, answered the
//! baseline, answered each follow-up wave, and was analysed, per site and overall. The
//! definitions and denominators are in `docs/evaluation.md`, "Participant flow".

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::suppress::SuppressionRules;

/// The questionnaire waves in the order of the plan, the baseline first, and the wave the
/// analysis compares with the baseline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlowPlan {
    pub waves: Vec<String>,
    pub analysis_wave: String,
}

/// One person registered for the programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlowPerson {
    pub site: String,
    pub started: bool,
    /// The waves the person answered.
    #[serde(default)]
    pub answered: BTreeSet<String>,
    /// The waves not yet due for the person (for example a 12-month follow-up for someone who
    /// started 8 months ago). Every other wave is due. A wave the person answered counts as due.
    #[serde(default)]
    pub not_yet_due: BTreeSet<String>,
}

/// Why a flow could not be computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
pub enum FlowError {
    #[error("the plan needs a baseline and at least one follow-up wave")]
    TooFewWaves,
    #[error("the wave \"{wave}\" is listed twice in the plan")]
    DuplicateWave { wave: String },
    #[error("the analysis wave \"{wave}\" must be a follow-up wave of the plan")]
    AnalysisWave { wave: String },
    #[error("person {person}: the wave \"{wave}\" is not in the plan")]
    UnknownWave { person: usize, wave: String },
}

impl FlowError {
    /// A stable message id for the translated error text (Fluent, in `sammen-i18n`).
    pub fn message_id(&self) -> &'static str {
        match self {
            FlowError::TooFewWaves => "err-flow-too-few-waves",
            FlowError::DuplicateWave { .. } => "err-flow-duplicate-wave",
            FlowError::AnalysisWave { .. } => "err-flow-analysis-wave",
            FlowError::UnknownWave { .. } => "err-flow-unknown-wave",
        }
    }
}

/// One wave's counts among those who started.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WaveFlow {
    pub wave: String,
    /// Started, and the wave is due.
    pub due: u64,
    /// Started, and the wave is not yet due.
    pub not_yet_due: u64,
    /// Started, and answered the wave.
    pub answered: u64,
    /// `due − answered`: the wave was due and not answered.
    pub missing: u64,
    /// `answered / started`.
    pub response_rate: Option<f64>,
    /// `answered / due`: the rate among those from whom an answer was expected by now.
    pub response_rate_due: Option<f64>,
    /// Answered the baseline and this wave.
    pub answered_with_baseline: u64,
    /// Answered the baseline, and this wave is due.
    pub due_with_baseline: u64,
    /// `due_with_baseline − answered_with_baseline`: lost since the baseline.
    pub missing_with_baseline: u64,
    /// `answered_with_baseline / due_with_baseline`.
    pub retention: Option<f64>,
}

/// The flow of one group (a site, or everyone).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Flow {
    /// Everyone listed.
    pub registered: u64,
    pub not_started: u64,
    pub started: u64,
    /// Started and answered the baseline.
    pub baseline: u64,
    /// `started − baseline`.
    pub no_baseline: u64,
    /// Every wave of the plan, the baseline first.
    pub waves: Vec<WaveFlow>,
    /// Started and answered both the baseline and the analysis wave: the people the change
    /// statistics rest on.
    pub analysed: u64,
    /// Answered the baseline; the analysis wave is not yet due.
    pub not_analysed_not_yet_due: u64,
    /// Answered the baseline; the analysis wave was due and not answered.
    pub not_analysed_missing: u64,
}

impl Flow {
    /// Every count of the flow, the differences between boxes included.
    pub fn counts(&self) -> Vec<u64> {
        let mut out = vec![
            self.registered,
            self.not_started,
            self.started,
            self.baseline,
            self.no_baseline,
            self.analysed,
            self.not_analysed_not_yet_due,
            self.not_analysed_missing,
        ];
        for w in &self.waves {
            out.extend([
                w.due,
                w.not_yet_due,
                w.answered,
                w.missing,
                w.answered_with_baseline,
                w.due_with_baseline,
                w.missing_with_baseline,
            ]);
        }
        out
    }

    /// Whether the flow can be published as it is: every count it shows (see [`Flow::counts`]),
    /// the losses between boxes included, is 0 or at least `min_count`. The boxes of a flow are
    /// differences of one another (lost = started − baseline), so hiding one small number would
    /// not hide it; a site whose flow is not publishable is shown only within the overall flow.
    pub fn publishable(&self, rules: &SuppressionRules) -> bool {
        self.counts().iter().all(|&n| n == 0 || n >= rules.min_count)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SiteFlow {
    pub site: String,
    #[serde(flatten)]
    pub flow: Flow,
}

/// Flows per site (sorted by name) and overall.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlowReport {
    pub waves: Vec<String>,
    pub analysis_wave: String,
    pub sites: Vec<SiteFlow>,
    pub overall: Flow,
}

fn rate(num: u64, den: u64) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

/// The flow of every site and of everyone.
pub fn participant_flow(plan: &FlowPlan, people: &[FlowPerson]) -> Result<FlowReport, FlowError> {
    if plan.waves.len() < 2 {
        return Err(FlowError::TooFewWaves);
    }
    let mut seen = BTreeSet::new();
    for w in &plan.waves {
        if !seen.insert(w.as_str()) {
            return Err(FlowError::DuplicateWave { wave: w.clone() });
        }
    }
    if !plan.waves[1..].contains(&plan.analysis_wave) {
        return Err(FlowError::AnalysisWave { wave: plan.analysis_wave.clone() });
    }
    for (i, p) in people.iter().enumerate() {
        if let Some(w) = p.answered.iter().chain(&p.not_yet_due).find(|w| !seen.contains(w.as_str())) {
            return Err(FlowError::UnknownWave { person: i + 1, wave: w.clone() });
        }
    }
    let weighted: Vec<(&FlowPerson, u64)> = people.iter().map(|p| (p, 1)).collect();
    Ok(flows(plan, &weighted))
}

/// As [`participant_flow`], for people given as distinct patterns with how many people share
/// each (a large cohort has few patterns: site, whether started, waves answered, waves not yet
/// due). The result is the same as listing every person.
pub fn participant_flow_counted(plan: &FlowPlan, patterns: &[(FlowPerson, u64)]) -> Result<FlowReport, FlowError> {
    let people: Vec<FlowPerson> = patterns.iter().map(|(p, _)| p.clone()).collect();
    // Checks the plan and the waves named, as for a list of people.
    participant_flow(&FlowPlan { waves: plan.waves.clone(), analysis_wave: plan.analysis_wave.clone() }, &people)?;
    let weighted: Vec<(&FlowPerson, u64)> = patterns.iter().map(|(p, n)| (p, *n)).collect();
    Ok(flows(plan, &weighted))
}

fn flows(plan: &FlowPlan, people: &[(&FlowPerson, u64)]) -> FlowReport {
    let mut by_site: BTreeMap<&str, Vec<(&FlowPerson, u64)>> = BTreeMap::new();
    for &(p, n) in people {
        by_site.entry(p.site.as_str()).or_default().push((p, n));
    }
    let sites = by_site.iter().map(|(site, ps)| SiteFlow { site: (*site).to_string(), flow: flow_of(plan, ps) }).collect();
    FlowReport { waves: plan.waves.clone(), analysis_wave: plan.analysis_wave.clone(), sites, overall: flow_of(plan, people) }
}

fn flow_of(plan: &FlowPlan, people: &[(&FlowPerson, u64)]) -> Flow {
    let baseline_wave = &plan.waves[0];
    let started: Vec<(&FlowPerson, u64)> = people.iter().copied().filter(|(p, _)| p.started).collect();
    let n_started: u64 = started.iter().map(|(_, n)| n).sum();
    let registered: u64 = people.iter().map(|(_, n)| n).sum();
    let answered = |p: &FlowPerson, w: &String| p.answered.contains(w);
    let due = |p: &FlowPerson, w: &String| answered(p, w) || !p.not_yet_due.contains(w);
    let count = |f: &dyn Fn(&FlowPerson) -> bool| started.iter().filter(|(p, _)| f(p)).map(|(_, n)| n).sum::<u64>();

    let baseline = count(&|p| answered(p, baseline_wave));
    let waves = plan
        .waves
        .iter()
        .map(|w| {
            let n_due = count(&|p| due(p, w));
            let n_answered = count(&|p| answered(p, w));
            let with_baseline = count(&|p| answered(p, w) && answered(p, baseline_wave));
            let due_with_baseline = count(&|p| due(p, w) && answered(p, baseline_wave));
            WaveFlow {
                wave: w.clone(),
                due: n_due,
                not_yet_due: n_started - n_due,
                answered: n_answered,
                missing: n_due - n_answered,
                response_rate: rate(n_answered, n_started),
                response_rate_due: rate(n_answered, n_due),
                answered_with_baseline: with_baseline,
                due_with_baseline,
                missing_with_baseline: due_with_baseline - with_baseline,
                retention: rate(with_baseline, due_with_baseline),
            }
        })
        .collect();
    let analysis = &plan.analysis_wave;
    let analysed = count(&|p| answered(p, baseline_wave) && answered(p, analysis));
    let not_due = count(&|p| answered(p, baseline_wave) && !due(p, analysis));
    Flow {
        registered,
        not_started: registered - n_started,
        started: n_started,
        baseline,
        no_baseline: n_started - baseline,
        waves,
        analysed,
        not_analysed_not_yet_due: not_due,
        not_analysed_missing: baseline - analysed - not_due,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn person(site: &str, started: bool, answered: &[&str], not_yet_due: &[&str]) -> FlowPerson {
        FlowPerson {
            site: site.into(),
            started,
            answered: answered.iter().map(|s| s.to_string()).collect(),
            not_yet_due: not_yet_due.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn plan() -> FlowPlan {
        FlowPlan { waves: vec!["baseline".into(), "3m".into(), "6m".into()], analysis_wave: "6m".into() }
    }

    #[test]
    fn counts_and_rates_by_hand() {
        let people = vec![
            person("A", true, &["baseline", "3m", "6m"], &[]),
            person("A", true, &["baseline", "6m"], &[]),
            person("A", true, &["baseline", "3m"], &[]),
            person("A", true, &["baseline"], &["6m"]),
            person("A", true, &["3m"], &[]),
            person("A", false, &["baseline"], &[]),
            person("B", true, &["baseline", "3m"], &["6m"]),
        ];
        let r = participant_flow(&plan(), &people).unwrap();
        let a = &r.sites[0].flow;
        assert_eq!(r.sites[0].site, "A");
        assert_eq!((a.registered, a.not_started, a.started, a.baseline, a.no_baseline), (6, 1, 5, 4, 1));
        let w3 = &a.waves[1];
        assert_eq!((w3.due, w3.not_yet_due, w3.answered, w3.missing), (5, 0, 3, 2));
        assert_eq!((w3.answered_with_baseline, w3.due_with_baseline, w3.missing_with_baseline), (2, 4, 2));
        assert_eq!(w3.response_rate, Some(3.0 / 5.0));
        assert_eq!(w3.retention, Some(0.5));
        let w6 = &a.waves[2];
        assert_eq!((w6.due, w6.not_yet_due, w6.answered, w6.missing), (4, 1, 2, 2));
        assert_eq!(w6.response_rate, Some(2.0 / 5.0));
        assert_eq!(w6.response_rate_due, Some(2.0 / 4.0));
        assert_eq!((w6.answered_with_baseline, w6.due_with_baseline, w6.missing_with_baseline), (2, 3, 1));
        assert_eq!((a.analysed, a.not_analysed_not_yet_due, a.not_analysed_missing), (2, 1, 1));
        let base = &a.waves[0];
        assert_eq!((base.answered, base.missing, base.answered_with_baseline, base.missing_with_baseline), (4, 1, 4, 0));

        let all = &r.overall;
        assert_eq!((all.registered, all.started, all.baseline, all.analysed, all.not_analysed_not_yet_due), (7, 6, 5, 2, 2));
        let json = serde_json::to_string(&r.sites[1]).unwrap();
        assert!(json.starts_with(r#"{"site":"B","registered":1,"not_started":0,"started":1,"#), "{json}");
    }

    #[test]
    fn empty_groups_give_nulls() {
        let r = participant_flow(&plan(), &[person("A", false, &[], &[])]).unwrap();
        assert_eq!(r.overall.started, 0);
        assert!(r.overall.waves.iter().all(|w| w.response_rate.is_none() && w.retention.is_none()));
        let r = participant_flow(&plan(), &[]).unwrap();
        assert!(r.sites.is_empty());
        assert_eq!(r.overall.registered, 0);
    }

    #[test]
    fn plans_and_waves_are_checked() {
        let one = FlowPlan { waves: vec!["baseline".into()], analysis_wave: "baseline".into() };
        assert_eq!(participant_flow(&one, &[]).unwrap_err(), FlowError::TooFewWaves);
        let twice = FlowPlan { waves: vec!["b".into(), "f".into(), "f".into()], analysis_wave: "f".into() };
        assert_eq!(participant_flow(&twice, &[]).unwrap_err().message_id(), "err-flow-duplicate-wave");
        let base = FlowPlan { waves: vec!["b".into(), "f".into()], analysis_wave: "b".into() };
        assert_eq!(participant_flow(&base, &[]).unwrap_err().message_id(), "err-flow-analysis-wave");
        let err = participant_flow(&plan(), &[person("A", true, &["baseline"], &[]), person("A", true, &["12m"], &[])]).unwrap_err();
        assert_eq!(err, FlowError::UnknownWave { person: 2, wave: "12m".into() });
        assert_eq!(err.to_string(), "person 2: the wave \"12m\" is not in the plan");
    }

    #[test]
    fn publishable_needs_every_count_large_or_zero() {
        let people: Vec<FlowPerson> =
            (0..12).map(|i| person("A", true, if i < 6 { &["baseline", "3m", "6m"] } else { &[] }, &[])).collect();
        let r = participant_flow(&plan(), &people).unwrap();
        assert!(r.overall.publishable(&SuppressionRules::default()));
        let mut more = people.clone();
        more.push(person("A", true, &["baseline"], &[]));
        let r = participant_flow(&plan(), &more).unwrap();
        assert!(!r.overall.publishable(&SuppressionRules::default()));
    }

    #[test]
    fn counted_patterns_give_the_same_flow_as_listed_people() {
        let listed = vec![
            person("A", true, &["baseline", "3m", "6m"], &[]),
            person("A", true, &["baseline", "3m", "6m"], &[]),
            person("A", true, &["baseline"], &["6m"]),
            person("B", false, &[], &[]),
            person("B", true, &["baseline", "6m"], &[]),
            person("B", true, &["baseline", "6m"], &[]),
            person("B", true, &["baseline", "6m"], &[]),
        ];
        let counted = vec![(listed[0].clone(), 2), (listed[2].clone(), 1), (listed[3].clone(), 1), (listed[4].clone(), 3)];
        assert_eq!(participant_flow_counted(&plan(), &counted).unwrap(), participant_flow(&plan(), &listed).unwrap());
    }
}
