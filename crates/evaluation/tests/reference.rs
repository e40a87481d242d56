//! Agreement with scipy and statsmodels, on published and generated data.
//!
//! The fixtures are written by `tools/reference/make_reference.py` (scipy.stats.ttest_rel,
//! pearsonr, the t/normal/chi-square distributions; statsmodels' combine_effects for
//! DerSimonian-Laird and Hartung-Knapp; an independent REML root search). The requirement is
//! agreement to 4 decimals; these tests hold the values to 1e-9 (statistics) and 1e-10 relative
//! (distributions), which is far tighter.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{checked, close, f64s, rel, same_json};
use sammen_evaluation::dist;
use sammen_evaluation::{Method, change_from_file, paired_change, pool};
use serde_json::Value;

const TOL: f64 = 1e-9;

fn fixture(text: &str) -> Value {
    serde_json::from_str(text).expect("fixture is JSON")
}

#[test]
fn distributions_match_scipy() {
    let f = fixture(include_str!("fixtures/distributions.json"));
    for c in f["t_two_sided_p"].as_array().unwrap() {
        let (df, t, p) = (c["df"].as_f64().unwrap(), c["t"].as_f64().unwrap(), c["two_sided_p"].as_f64().unwrap());
        rel(&format!("t p (t={t}, df={df})"), dist::t_two_sided_p(t, df), p, 1e-10);
    }
    for c in f["t_quantile"].as_array().unwrap() {
        let (df, p, q) = (c["df"].as_f64().unwrap(), c["p"].as_f64().unwrap(), c["q"].as_f64().unwrap());
        close(&format!("t quantile (p={p}, df={df})"), dist::t_quantile(p, df), q, 1e-10);
    }
    for c in f["normal_cdf"].as_array().unwrap() {
        let (z, p) = (c["z"].as_f64().unwrap(), c["cdf"].as_f64().unwrap());
        rel(&format!("normal cdf ({z})"), dist::normal_cdf(z), p, 1e-10);
    }
    for c in f["normal_quantile"].as_array().unwrap() {
        let (p, q) = (c["p"].as_f64().unwrap(), c["q"].as_f64().unwrap());
        close(&format!("normal quantile ({p})"), dist::normal_quantile(p), q, 1e-10);
    }
    for c in f["chi2_sf"].as_array().unwrap() {
        let (df, x, p) = (c["df"].as_f64().unwrap(), c["x"].as_f64().unwrap(), c["sf"].as_f64().unwrap());
        rel(&format!("chi2 sf (x={x}, df={df})"), dist::chi2_sf(x, df), p, 1e-10);
    }
    println!("distributions: {} values checked against scipy", checked());
}

#[test]
fn paired_change_matches_scipy() {
    let f = fixture(include_str!("fixtures/paired.json"));
    for case in f["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let stats = paired_change(&f64s(&case["pre"]), &f64s(&case["post"])).unwrap();
        let actual = serde_json::to_value(&stats).unwrap();
        same_json(name, &actual, &case["expected"], TOL);
    }
    println!("paired change: {} values checked against scipy/numpy", checked());
}

#[test]
fn paired_change_matches_published_values() {
    // R's documentation of t.test on datasets::sleep (paired): t = -4.0621, df = 9,
    // p-value = 0.002833, 95% CI -2.4598858 -0.7001142 for drug 1 − drug 2; reversed here.
    let f = fixture(include_str!("fixtures/paired.json"));
    let sleep = &f["cases"][0];
    let s = paired_change(&f64s(&sleep["pre"]), &f64s(&sleep["post"])).unwrap();
    common::published("sleep t", s.t.unwrap(), 4.0621, 4);
    common::published("sleep p", s.p.unwrap(), 0.002833, 6);
    common::published("sleep ci_low", s.ci_low.unwrap(), 0.7001142, 7);
    common::published("sleep ci_high", s.ci_high.unwrap(), 2.4598858, 7);
    common::published("sleep mean", s.mean_change.unwrap(), 1.58, 2);
    assert_eq!(s.df, Some(9));
    // Lakens (2013), Table 1 and text: t(9) = 4.74, r = .726, d_z = 1.50
    let movies = &f["cases"][1];
    let m = paired_change(&f64s(&movies["pre"]), &f64s(&movies["post"])).unwrap();
    common::published("movies t", m.t.unwrap(), -4.74, 2);
    common::published("movies r", m.r.unwrap(), 0.726, 3);
    common::published("movies d_z", m.d_z.unwrap(), -1.50, 2);
    println!("paired change: {} values checked against published output", checked());
}

#[test]
fn change_report_from_csv_matches_reference() {
    let f = fixture(include_str!("fixtures/change_generated.json"));
    let report = change_from_file(include_bytes!("fixtures/change_generated.csv"), None).unwrap();
    let actual = serde_json::to_value(&report).unwrap();
    let expected = &f["expected"];
    assert_eq!(actual.as_object().unwrap().len(), 2, "only sites and overall");
    let (a_sites, e_sites) = (actual["sites"].as_array().unwrap(), expected["sites"].as_array().unwrap());
    assert_eq!(a_sites.len(), e_sites.len());
    for (a, e) in a_sites.iter().zip(e_sites) {
        same_json(&format!("site {}", e["site"]), a, e, TOL);
    }
    same_json("overall", &actual["overall"], &expected["overall"], TOL);
    assert!(actual["overall"].get("site").is_none());
    // {"sites": [..], "overall": {..}}, in that order, and site first in each entry
    let text = serde_json::to_string(&report).unwrap();
    assert!(text.starts_with("{\"sites\":[{\"site\":"), "{text}");
    assert!(text.contains("],\"overall\":{\"n\":"), "{text}");
    println!("change report: {} values checked against scipy/numpy", checked());
}

#[test]
fn pooling_matches_statsmodels_and_reml_root() {
    let f = fixture(include_str!("fixtures/meta.json"));
    for case in f["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let (yi, vi) = (f64s(&case["yi"]), f64s(&case["vi"]));
        for (key, method, hk) in
            [("reml", Method::Reml, false), ("reml_hk", Method::Reml, true), ("dl", Method::Dl, false), ("dl_hk", Method::Dl, true)]
        {
            let result = pool(&yi, &vi, method, hk).unwrap();
            let actual = serde_json::to_value(&result).unwrap();
            // REML's reference root is found to ~1e-15; the iteration stops at a tau² change
            // below 1e-10, so allow 1e-8 on the derived values.
            let tol = if method == Method::Reml { 1e-8 } else { TOL };
            same_json(&format!("{name} {key}"), &actual, &case["expected"][key], tol);
        }
    }
    println!("pooling: {} values checked against statsmodels / scipy", checked());
}

#[test]
fn reliable_change_and_attrition_match_reference() {
    use sammen_evaluation::{ReliableChangeSettings, attrition, reliable_change};
    let f = fixture(include_str!("fixtures/rci_attrition.json"));
    for (i, case) in f["cases"].as_array().unwrap().iter().enumerate() {
        let s = &case["settings"];
        let settings = ReliableChangeSettings {
            reliability: s["reliability"].as_f64().unwrap(),
            sd: s["sd"].as_f64(),
            higher_is_better: s["higher_is_better"].as_bool().unwrap(),
            cutoff: s["cutoff"].as_f64(),
        };
        let (pre, post, nc) = (f64s(&case["pre"]), f64s(&case["post"]), f64s(&case["non_completers_pre"]));

        let rc = reliable_change(&pre, &post, &settings).unwrap();
        let e = &case["reliable_change"];
        assert_eq!(rc.n as u64, e["n"].as_u64().unwrap());
        for key in ["sd", "s_diff", "threshold"] {
            let actual = serde_json::to_value(&rc).unwrap()[key].as_f64().unwrap();
            close(&format!("case {i} {key}"), actual, e[key].as_f64().unwrap(), TOL);
        }
        for (key, count) in [
            ("reliable_improvement", rc.reliable_improvement),
            ("no_reliable_change", rc.no_reliable_change),
            ("reliable_deterioration", rc.reliable_deterioration),
        ] {
            assert_eq!(count.count as u64, e[key].as_u64().unwrap(), "case {i} {key}");
            close(&format!("case {i} {key} share"), count.share.unwrap(), e[key].as_f64().unwrap() / rc.n as f64, TOL);
        }
        for (j, person) in rc.people.iter().enumerate() {
            close(&format!("case {i} rci[{j}]"), person.rci, e["rci"][j].as_f64().unwrap(), TOL);
            let category = serde_json::to_value(person.category).unwrap();
            assert_eq!(category, e["category"][j], "case {i} person {j}");
        }
        match settings.cutoff {
            Some(_) => {
                assert_eq!(rc.clinical_at_baseline.map(|c| c as u64), e["clinical_at_baseline"].as_u64());
                assert_eq!(rc.clinically_significant.map(|c| c.count as u64), e["clinically_significant"].as_u64());
            }
            None => {
                assert!(rc.clinical_at_baseline.is_none() && rc.clinically_significant.is_none());
            }
        }

        let a = attrition(&pre, &post, &nc, &settings).unwrap();
        let actual = serde_json::to_value(&a).unwrap();
        let e = &case["attrition"];
        for key in ["n_baseline", "n_completers", "n_non_completers", "high_attrition", "differential_attrition"] {
            assert_eq!(actual[key], e[key], "case {i} {key}");
        }
        for key in ["completion_share", "baseline_mean_completers", "baseline_mean_non_completers", "assumed_decline"] {
            close(&format!("case {i} {key}"), actual[key].as_f64().unwrap(), e[key].as_f64().unwrap(), TOL);
        }
        for key in ["baseline_difference", "complete_case", "assume_no_change", "assume_decline"] {
            same_json(&format!("case {i} {key}"), &actual[key], &e[key], TOL);
        }
    }
    println!("reliable change and attrition: {} values checked against numpy/scipy", checked());
}
