//! Edge cases and decisions: what happens with too little data, bad input and degenerate data.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use sammen_evaluation::{
    EvalError, Method, ReliableChangeSettings, attrition, change_from_file, paired_change, pool, pool_from_file, pool_sites,
    reliable_change, site_effects,
};

#[test]
fn small_groups_give_nulls_not_nan() {
    let report = change_from_file(b"participant,site,wave,score\na,One,baseline,3\na,One,followup,4\nb,None,baseline,2\n", None).unwrap();
    let json = serde_json::to_string(&report).unwrap();
    assert!(!json.contains("NaN") && !json.contains("inf"), "{json}");
    let none = &report.sites[0];
    assert_eq!(none.site, "None");
    assert_eq!(none.stats.n, 0);
    assert!(none.stats.mean_pre.is_none() && none.stats.df.is_none());
    let one = &report.sites[1];
    assert_eq!(one.stats.n, 1);
    assert_eq!(one.stats.mean_change, Some(1.0));
    assert!(one.stats.sd_change.is_none() && one.stats.p.is_none() && one.stats.smcr.is_none());
    assert!(json.contains("\"site\":\"One\",\"n\":1,\"mean_pre\":3.0,\"mean_post\":4.0,\"mean_change\":1.0,\"sd_change\":null"), "{json}");
}

#[test]
fn unequal_lengths_are_refused() {
    assert!(matches!(paired_change(&[1.0, 2.0], &[1.0]), Err(EvalError::InvalidInput(_))));
    assert!(paired_change(&[1.0, f64::NAN], &[1.0, 2.0]).is_err());
}

#[test]
fn pooling_refuses_fewer_than_three_sites() {
    let err = pool(&[0.1, 0.2], &[0.01, 0.02], Method::Reml, true).unwrap_err();
    assert_eq!(err, EvalError::TooFewSites { found: 2 });
    assert_eq!(err.to_string(), "pooling needs at least 3 sites, found 2");
    let err = pool_from_file(b"site,yi,vi\nA,0.1,0.01\nB,0.2,0.02\n", None, Method::Dl, false).unwrap_err();
    assert_eq!(err.to_string(), "pooling needs at least 3 sites, found 2");
    let err = pool_from_file(b"site,yi,vi\nA,0.1,x\n", None, Method::Dl, false).unwrap_err();
    assert_eq!(err.to_string(), "line 2, column 3 (vi): err-eval-not-number");
    assert!(pool(&[0.1, 0.2, 0.3], &[0.01, 0.0, 0.02], Method::Reml, false).is_err());
    assert!(pool(&[0.1, 0.2, f64::INFINITY], &[0.01, 0.1, 0.02], Method::Reml, false).is_err());
}

#[test]
fn method_names() {
    assert_eq!("reml".parse::<Method>().unwrap(), Method::Reml);
    assert_eq!("DL".parse::<Method>().unwrap(), Method::Dl);
    assert_eq!(Method::default(), Method::Reml);
    assert_eq!("pm".parse::<Method>().unwrap_err().to_string(), "unknown method \"pm\"; use \"reml\" or \"dl\"");
}

#[test]
fn homogeneous_sites_have_zero_tau2() {
    let yi = [0.30, 0.31, 0.29, 0.305];
    let vi = [0.04, 0.05, 0.03, 0.06];
    for method in [Method::Reml, Method::Dl] {
        let r = pool(&yi, &vi, method, false).unwrap();
        assert_eq!(r.tau2, 0.0, "{method}");
        assert_eq!(r.i2, 0.0, "{method}");
        // with tau² = 0 the prediction interval is the confidence interval
        assert!((r.pi_low - r.ci_low).abs() < 1e-15 && (r.pi_high - r.ci_high).abs() < 1e-15);
    }
    // identical effects: the Hartung-Knapp factor is 0 (not truncated), so se is 0
    let r = pool(&[0.2, 0.2, 0.2], &[0.01, 0.02, 0.03], Method::Reml, true).unwrap();
    assert_eq!(r.se, 0.0);
    assert_eq!((r.ci_low, r.ci_high), (0.2, 0.2));
}

#[test]
fn constant_change_has_a_point_interval_and_no_t() {
    let s = paired_change(&[10.0, 14.0, 9.0], &[12.0, 16.0, 11.0]).unwrap();
    assert_eq!(s.sd_change, Some(0.0));
    assert_eq!((s.ci_low, s.ci_high), (Some(2.0), Some(2.0)));
    assert!(s.t.is_none() && s.p.is_none() && s.d_z.is_none());
    assert!(s.smcr.is_some());
}

#[test]
fn partners_pool_site_summaries() {
    // three sites from one change file; pool their standardised mean changes
    let mut text = String::from("participant,site,wave,score\n");
    let data: [(&str, [(f64, f64); 5]); 3] = [
        ("A", [(2.0, 2.5), (3.0, 3.1), (2.5, 3.4), (1.5, 2.0), (2.2, 2.4)]),
        ("B", [(3.0, 3.2), (2.0, 2.9), (2.8, 2.7), (1.9, 2.6), (2.4, 3.3)]),
        ("C", [(2.1, 2.0), (2.6, 3.0), (3.3, 3.5), (1.7, 1.9), (2.9, 3.8)]),
    ];
    for (site, pairs) in &data {
        for (i, (a, b)) in pairs.iter().enumerate() {
            text.push_str(&format!("{site}{i},{site},baseline,{a}\n{site}{i},{site},followup,{b}\n"));
        }
    }
    let report = change_from_file(text.as_bytes(), None).unwrap();
    let effects = site_effects(&report);
    assert_eq!(effects.len(), 3);
    let pooled = pool_sites(&effects, Method::Reml, true).unwrap();
    assert_eq!(pooled.k, 3);
    assert!(pooled.ci_low <= pooled.estimate && pooled.estimate <= pooled.ci_high);
}

fn settings(higher_is_better: bool, cutoff: Option<f64>) -> ReliableChangeSettings {
    ReliableChangeSettings { reliability: 0.8, sd: Some(5.0), higher_is_better, cutoff }
}

#[test]
fn reliable_change_by_hand() {
    // S_diff = 5 × sqrt(2) × sqrt(0.2) = sqrt(10) ≈ 3.1623; threshold ≈ 6.198
    let pre = [10.0, 10.0, 10.0, 20.0];
    let post = [17.0, 3.0, 13.0, 27.0];
    let up = reliable_change(&pre, &post, &settings(true, Some(15.0))).unwrap();
    assert!((up.s_diff - 10f64.sqrt()).abs() < 1e-12);
    assert_eq!(up.reliable_improvement.count, 2);
    assert_eq!(up.reliable_deterioration.count, 1);
    assert_eq!(up.no_reliable_change.count, 1);
    assert_eq!(up.reliable_improvement.share, Some(0.5));
    // only the first crossed from below 15 to 15 or above with a reliable improvement
    assert_eq!(up.clinical_at_baseline, Some(3));
    assert_eq!(up.clinically_significant.map(|c| c.count), Some(1));
    assert_eq!(up.people[0].clinically_significant, Some(true));
    assert_eq!(up.people[3].clinically_significant, Some(false));
    // the same numbers on a symptom scale: improvement and deterioration swap
    let down = reliable_change(&pre, &post, &settings(false, None)).unwrap();
    assert_eq!(down.reliable_improvement.count, 1);
    assert_eq!(down.reliable_deterioration.count, 2);
    assert!(down.clinically_significant.is_none());
    // bad settings
    let mut bad = settings(true, None);
    bad.reliability = 1.0;
    assert!(reliable_change(&pre, &post, &bad).is_err());
    bad.reliability = 0.8;
    bad.sd = None;
    assert!(reliable_change(&[1.0], &[2.0], &bad).is_err());
}

#[test]
fn attrition_without_dropouts_and_with_everyone_gone() {
    let s = settings(true, None);
    let a = attrition(&[1.0, 2.0, 3.0], &[2.0, 2.5, 3.5], &[], &s).unwrap();
    assert_eq!(a.completion_share, Some(1.0));
    assert!(!a.high_attrition);
    assert!(a.baseline_difference.is_none() && a.differential_attrition.is_none());
    assert_eq!(a.assume_no_change, a.complete_case);
    assert_eq!(a.assume_decline, a.complete_case);

    let a = attrition(&[], &[], &[1.0, 2.0, 3.0], &s).unwrap();
    assert_eq!(a.completion_share, Some(0.0));
    assert!(a.high_attrition);
    assert_eq!(a.complete_case.n, 0);
    assert_eq!(a.assume_no_change.mean_change, Some(0.0));
    // a decline of one threshold (higher is better: down) for all three
    let decline = a.assume_decline.mean_change.unwrap();
    assert!((decline + a.assumed_decline).abs() < 1e-12);
    assert!((a.assumed_decline - 1.96 * 10f64.sqrt()).abs() < 1e-12);
}

#[test]
fn json_shapes_have_exactly_the_documented_keys_in_order() {
    let text = "site,yi,vi\nA,0.5,0.04\nB,0.2,0.02\nC,0.9,0.05\nD,0.4,0.03\n";
    let pooled = pool_from_file(text.as_bytes(), None, Method::Reml, true).unwrap();
    let json = serde_json::to_string(&pooled).unwrap();
    println!("{json}");
    let keys = ["k", "estimate", "se", "ci_low", "ci_high", "tau2", "i2", "q", "q_p", "pi_low", "pi_high"];
    let mut at = 0;
    for key in keys {
        let pos = json[at..].find(&format!("\"{key}\":")).unwrap_or_else(|| panic!("{key} in {json}"));
        at += pos;
    }
    assert_eq!(json.matches("\":").count(), keys.len());

    let report = change_from_file(
        b"participant,site,wave,score\na,A,baseline,2\na,A,followup,3\nb,A,baseline,3\nb,A,followup,3.5\nc,A,baseline,2.5\nc,A,followup,3.9\n",
        None,
    )
    .unwrap();
    let json = serde_json::to_string(&report).unwrap();
    println!("{json}");
    let keys = [
        "n",
        "mean_pre",
        "mean_post",
        "mean_change",
        "sd_change",
        "ci_low",
        "ci_high",
        "t",
        "df",
        "p",
        "r",
        "d_z",
        "d_av",
        "g_av",
        "smcr",
        "smcr_var",
    ];
    let overall = &json[json.find("\"overall\":").unwrap()..];
    let mut at = 0;
    for key in keys {
        at += overall[at..].find(&format!("\"{key}\":")).unwrap_or_else(|| panic!("{key} in {overall}"));
    }
    assert_eq!(overall.matches("\":").count(), keys.len() + 1); // + "overall" itself
}

/// Found by the property test: Fisher scoring swung around the REML optimum for ever because
/// the likelihood is flat there to machine precision. The damped step converges.
#[test]
fn reml_converges_where_fisher_scoring_oscillates() {
    let yi = [0.0, 0.6481129429054857, 0.0, -1.4081709245035698, 0.0, 0.0];
    let vi = [1.739681353265012, 0.001, 1.751644191011886, 0.001, 1.705664971125997, 1.7440449141430239];
    let r = sammen_evaluation::pool(&yi, &vi, sammen_evaluation::Method::Reml, false).expect("converges");
    // The root of the REML equation, found independently by bisection in Python.
    assert!((r.tau2 - 0.845_393_2).abs() < 1e-6, "tau2 = {}", r.tau2);
}
