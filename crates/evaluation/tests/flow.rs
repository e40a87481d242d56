//! Participant flow: the boxes add up, for any people.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use sammen_evaluation::{Flow, FlowPerson, FlowPlan, FlowReport, participant_flow};

const WAVES: [&str; 4] = ["baseline", "3m", "6m", "12m"];

fn people() -> impl Strategy<Value = Vec<FlowPerson>> {
    let person = (0usize..4, any::<bool>(), prop::collection::vec(any::<bool>(), 4), prop::collection::vec(any::<bool>(), 4)).prop_map(
        |(site, started, answered, not_due)| FlowPerson {
            site: ["Aarhus", "Odense", "Vejle", "Ærø"][site].to_string(),
            started,
            answered: WAVES.iter().zip(&answered).filter(|(_, a)| **a).map(|(w, _)| w.to_string()).collect(),
            not_yet_due: WAVES.iter().zip(&not_due).filter(|(_, a)| **a).map(|(w, _)| w.to_string()).collect(),
        },
    );
    prop::collection::vec(person, 0..80)
}

fn check(f: &Flow, plan: &FlowPlan) -> Result<(), TestCaseError> {
    prop_assert_eq!(f.not_started + f.started, f.registered);
    prop_assert_eq!(f.baseline + f.no_baseline, f.started);
    prop_assert_eq!(f.analysed + f.not_analysed_not_yet_due + f.not_analysed_missing, f.baseline);
    prop_assert_eq!(f.waves.len(), plan.waves.len());
    prop_assert_eq!(f.waves[0].answered, f.baseline);
    for w in &f.waves {
        prop_assert_eq!(w.due + w.not_yet_due, f.started);
        prop_assert_eq!(w.answered + w.missing, w.due);
        prop_assert_eq!(w.answered_with_baseline + w.missing_with_baseline, w.due_with_baseline);
        prop_assert!(w.answered_with_baseline <= w.answered && w.due_with_baseline <= f.baseline);
        for r in [w.response_rate, w.response_rate_due, w.retention].into_iter().flatten() {
            prop_assert!((0.0..=1.0).contains(&r));
        }
        prop_assert!(w.response_rate_due.unwrap_or(1.0) >= w.response_rate.unwrap_or(0.0));
        if w.wave == plan.analysis_wave {
            prop_assert_eq!(w.answered_with_baseline, f.analysed);
            prop_assert_eq!(w.missing_with_baseline, f.not_analysed_missing);
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn the_boxes_add_up(ps in people(), analysis in 1usize..4) {
        let plan = FlowPlan { waves: WAVES.iter().map(|w| w.to_string()).collect(), analysis_wave: WAVES[analysis].to_string() };
        let r = participant_flow(&plan, &ps).unwrap();
        check(&r.overall, &plan)?;
        for s in &r.sites {
            check(&s.flow, &plan)?;
        }
        // Every count of the overall flow is the sum over the sites.
        let summed = r.sites.iter().map(|s| s.flow.counts()).fold(vec![0u64; r.overall.counts().len()], |acc, c| acc.iter().zip(c).map(|(a, b)| a + b).collect());
        prop_assert_eq!(summed, r.overall.counts());
        prop_assert!(r.sites.windows(2).all(|w| w[0].site < w[1].site));
        let json = serde_json::to_string(&r).unwrap();
        prop_assert!(!json.contains("NaN"));
        // (serde_json without its `float_roundtrip` feature may read a rate back one ulp off.)
        let back: FlowReport = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back.overall.counts(), r.overall.counts());
        prop_assert_eq!(back.sites.len(), r.sites.len());
    }
}

#[test]
fn json_for_a_plan() {
    let people: Vec<FlowPerson> = serde_json::from_str(
        r#"[{"site":"A","started":true,"answered":["baseline","6m"]},
            {"site":"A","started":true,"answered":["baseline"],"not_yet_due":["6m"]},
            {"site":"A","started":false}]"#,
    )
    .unwrap();
    let plan = FlowPlan { waves: vec!["baseline".into(), "6m".into()], analysis_wave: "6m".into() };
    let r = participant_flow(&plan, &people).unwrap();
    let six = serde_json::to_string(&r.overall.waves[1]).unwrap();
    assert_eq!(
        six,
        r#"{"wave":"6m","due":1,"not_yet_due":1,"answered":1,"missing":0,"response_rate":0.5,"response_rate_due":1.0,"answered_with_baseline":1,"due_with_baseline":1,"missing_with_baseline":0,"retention":1.0}"#
    );
    assert_eq!((r.overall.analysed, r.overall.not_analysed_not_yet_due), (1, 1));
}
