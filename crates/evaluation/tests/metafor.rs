//! Agreement with R's metafor, to the digits it publishes.
//!
//! R cannot be run here, so the reference values are metafor's own published output:
//!
//! * dat.bcg (Colditz et al. 1994), log risk ratios `escalc(measure = "RR")`: yi and vi as
//!   printed in metafor's README.md (github.com/wviechtb/metafor, "Example" section), and the
//!   random-effects model with `test = "knha"` printed there (REML: tau² 0.3132, I² 92.22%,
//!   Q(12) = 152.2330, estimate −0.7145, se 0.1808, CI −1.1084 … −0.3206; prediction interval
//!   on the risk-ratio scale 0.14 … 1.76);
//! * the same data with the default z-test (REML: se 0.1798, zval −3.9744, CI −1.0669 … −0.3622;
//!   metafor's print of `rma(yi, vi, data = dat)`, also in Viechtbauer 2010, JSS 36(3));
//! * DerSimonian-Laird on dat.bcg: metafor's tests/testthat/test_misc_metan_vs_rma.uni_with_dat.bcg.r
//!   (estimate −0.7141, CI −1.0644 … −0.3638, zval −3.9952, tau² 0.3088, I² 92.1173; exp
//!   predictions 0.4896, 0.3449, 0.6950; the equal-effects Q 152.2330);
//! * dat.raudenbush1985 (teacher expectancy; data from metadat's data-raw/dat.raudenbush1985.txt):
//!   metafor's tests/testthat/test_analysis_example_raudenbush1985.r (REML tau² 0.0188,
//!   estimate 0.0837, Q 35.8295, zval 1.6208);
//! * standardised mean change with raw-score standardisation, `escalc(measure = "SMCR")` on the
//!   treatment groups of Morris (2008): metafor's tests/testthat/test_analysis_example_morris2008.r
//!   (yi 0.5056 1.0481 1.8054 1.4181 0.0801, vi 0.0594 0.0254 0.2322 0.1225 0.0802; control
//!   groups −0.2365 0.0958 0.0000 0.2667 −0.4250 with vi 0.0544 0.0173 0.0511 0.0232 0.0864) and
//!   tests/testthat/test_misc_rma_uni.r (REML tau² of the treatment groups 0.3164);
//! * standardised mean difference `escalc(measure = "SMD")` on dat.normand1999, studies 1–4:
//!   metafor's tests/testthat/test_misc_escalc.r (yi −0.3552 −0.3479 −2.3176 −1.8880, vi 0.0131
//!   0.0645 0.0458 0.1606).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{checked, published, published4};
use sammen_evaluation::{Method, hedges_g, pool, pool_from_file, smcr_from_summary};

/// dat.bcg: tpos, tneg, cpos, cneg per trial.
const BCG: [(f64, f64, f64, f64); 13] = [
    (4.0, 119.0, 11.0, 128.0),
    (6.0, 300.0, 29.0, 274.0),
    (3.0, 228.0, 11.0, 209.0),
    (62.0, 13536.0, 248.0, 12619.0),
    (33.0, 5036.0, 47.0, 5761.0),
    (180.0, 1361.0, 372.0, 1079.0),
    (8.0, 2537.0, 10.0, 619.0),
    (505.0, 87886.0, 499.0, 87892.0),
    (29.0, 7470.0, 45.0, 7232.0),
    (17.0, 1699.0, 65.0, 1600.0),
    (186.0, 50448.0, 141.0, 27197.0),
    (5.0, 2493.0, 3.0, 2338.0),
    (27.0, 16886.0, 29.0, 17825.0),
];

/// escalc(measure = "RR"): yi = ln[(a/(a+b)) / (c/(c+d))], vi = 1/a − 1/(a+b) + 1/c − 1/(c+d).
fn bcg() -> (Vec<f64>, Vec<f64>) {
    BCG.iter().map(|&(a, b, c, d)| (((a / (a + b)) / (c / (c + d))).ln(), 1.0 / a - 1.0 / (a + b) + 1.0 / c - 1.0 / (c + d))).unzip()
}

#[test]
fn bcg_effect_sizes() {
    let (yi, vi) = bcg();
    let pub_yi = [-0.8893, -1.5854, -1.3481, -1.4416, -0.2175, -0.7861, -1.6209, 0.0120, -0.4694, -1.3713, -0.3394, 0.4459, -0.0173];
    let pub_vi = [0.3256, 0.1946, 0.4154, 0.0200, 0.0512, 0.0069, 0.2230, 0.0040, 0.0564, 0.0730, 0.0124, 0.5325, 0.0714];
    for i in 0..13 {
        published4(&format!("bcg yi[{i}]"), yi[i], pub_yi[i]);
        published4(&format!("bcg vi[{i}]"), vi[i], pub_vi[i]);
    }
    println!("dat.bcg escalc: {} values checked against metafor", checked());
}

#[test]
fn bcg_reml() {
    let (yi, vi) = bcg();
    let r = pool(&yi, &vi, Method::Reml, false).unwrap();
    assert_eq!(r.k, 13);
    published4("estimate", r.estimate, -0.7145);
    published4("se", r.se, 0.1798);
    published4("zval", r.estimate / r.se, -3.9744);
    published4("ci_low", r.ci_low, -1.0669);
    published4("ci_high", r.ci_high, -0.3622);
    published4("tau2", r.tau2, 0.3132);
    published("i2", r.i2, 92.22, 2);
    published4("q", r.q, 152.2330);
    assert!(r.q_p < 0.0001);
    println!("dat.bcg REML: {} values checked against metafor", checked());
}

#[test]
fn bcg_reml_hartung_knapp() {
    let (yi, vi) = bcg();
    let r = pool(&yi, &vi, Method::Reml, true).unwrap();
    published4("estimate", r.estimate, -0.7145);
    published4("se", r.se, 0.1808);
    published4("tval", r.estimate / r.se, -3.9522);
    published4("ci_low", r.ci_low, -1.1084);
    published4("ci_high", r.ci_high, -0.3206);
    published4("tau2", r.tau2, 0.3132);
    published("i2", r.i2, 92.22, 2);
    published4("q", r.q, 152.2330);
    // predict(res, transf = exp, digits = 2): pred 0.49, ci 0.33 … 0.73, pi 0.14 … 1.76
    published("exp pred", r.estimate.exp(), 0.49, 2);
    published("exp ci_low", r.ci_low.exp(), 0.33, 2);
    published("exp ci_high", r.ci_high.exp(), 0.73, 2);
    published("exp pi_low", r.pi_low.exp(), 0.14, 2);
    published("exp pi_high", r.pi_high.exp(), 1.76, 2);
    println!("dat.bcg REML + knha: {} values checked against metafor", checked());
}

#[test]
fn bcg_dersimonian_laird() {
    let (yi, vi) = bcg();
    let r = pool(&yi, &vi, Method::Dl, false).unwrap();
    published4("estimate", r.estimate, -0.7141);
    published4("ci_low", r.ci_low, -1.0644);
    published4("ci_high", r.ci_high, -0.3638);
    published4("zval", r.estimate / r.se, -3.9952);
    published4("tau2", r.tau2, 0.3088);
    published4("i2", r.i2, 92.1173);
    published4("q", r.q, 152.2330);
    published4("exp pred", r.estimate.exp(), 0.4896);
    published4("exp ci_low", r.ci_low.exp(), 0.3449);
    published4("exp ci_high", r.ci_high.exp(), 0.6950);
    println!("dat.bcg DL: {} values checked against metafor", checked());
}

#[test]
fn bcg_from_csv() {
    let (yi, vi) = bcg();
    let mut text = String::from("site,yi,vi\r\n");
    for (i, (y, v)) in yi.iter().zip(&vi).enumerate() {
        text.push_str(&format!("\"trial {}\",{y:e},{v:e}\r\n", i + 1));
    }
    let r = pool_from_file(text.as_bytes(), None, Method::Reml, true).unwrap();
    published4("csv estimate", r.estimate, -0.7145);
    published4("csv se", r.se, 0.1808);
}

#[test]
fn raudenbush1985_reml() {
    let yi = [0.03, 0.12, -0.14, 1.18, 0.26, -0.06, -0.02, -0.32, 0.27, 0.80, 0.54, 0.18, -0.02, 0.23, -0.18, -0.06, 0.30, 0.07, -0.07];
    let vi = [
        0.0156, 0.0216, 0.0279, 0.1391, 0.1362, 0.0106, 0.0106, 0.0484, 0.0269, 0.0630, 0.0912, 0.0497, 0.0835, 0.0841, 0.0253, 0.0279,
        0.0193, 0.0088, 0.0303,
    ];
    let r = pool(&yi, &vi, Method::Reml, false).unwrap();
    published4("tau2", r.tau2, 0.0188);
    published4("estimate", r.estimate, 0.0837);
    published4("q", r.q, 35.8295);
    published4("zval", r.estimate / r.se, 1.6208);
    println!("dat.raudenbush1985 REML: {} values checked against metafor", checked());
}

/// Morris (2008): treatment (T) and control (C) groups, pre-post summaries.
const M_PRE_T: [f64; 5] = [30.6, 23.5, 0.5, 53.4, 35.6];
const M_POST_T: [f64; 5] = [38.5, 26.8, 0.7, 75.9, 36.0];
const SD_PRE_T: [f64; 5] = [15.0, 3.1, 0.1, 14.5, 4.7];
const N_T: [usize; 5] = [20, 50, 9, 10, 14];
const M_PRE_C: [f64; 5] = [23.1, 24.9, 0.6, 55.7, 34.8];
const M_POST_C: [f64; 5] = [19.7, 25.3, 0.6, 60.7, 33.4];
const SD_PRE_C: [f64; 5] = [13.8, 4.1, 0.2, 17.3, 3.1];
const N_C: [usize; 5] = [20, 42, 9, 11, 14];
const R: [f64; 5] = [0.47, 0.64, 0.77, 0.89, 0.44];

#[test]
fn smcr_morris2008() {
    let yi_t = [0.5056, 1.0481, 1.8054, 1.4181, 0.0801];
    let vi_t = [0.0594, 0.0254, 0.2322, 0.1225, 0.0802];
    let yi_c = [-0.2365, 0.0958, 0.0000, 0.2667, -0.4250];
    let vi_c = [0.0544, 0.0173, 0.0511, 0.0232, 0.0864];
    let mut ys = Vec::new();
    let mut vs = Vec::new();
    for i in 0..5 {
        let (y, v) = smcr_from_summary(N_T[i], M_PRE_T[i], M_POST_T[i], SD_PRE_T[i], R[i]).unwrap();
        published4(&format!("T yi[{i}]"), y, yi_t[i]);
        published4(&format!("T vi[{i}]"), v, vi_t[i]);
        ys.push(y);
        vs.push(v);
        let (y, v) = smcr_from_summary(N_C[i], M_PRE_C[i], M_POST_C[i], SD_PRE_C[i], R[i]).unwrap();
        published4(&format!("C yi[{i}]"), y, yi_c[i]);
        published4(&format!("C vi[{i}]"), v, vi_c[i]);
    }
    // test_misc_rma_uni.r: rma(yi, vi) on the treatment groups' SMCR, tau² = 0.3164
    let r = pool(&ys, &vs, Method::Reml, false).unwrap();
    published4("SMCR REML tau2", r.tau2, 0.3164);
    println!("SMCR (Morris 2008): {} values checked against metafor", checked());
}

#[test]
fn smd_normand1999() {
    // dat.normand1999, studies 1-4: (n1, m1, sd1, n2, m2, sd2)
    let studies = [
        (155, 55.0, 47.0, 156, 75.0, 64.0),
        (31, 27.0, 7.0, 32, 29.0, 4.0),
        (75, 64.0, 17.0, 71, 119.0, 29.0),
        (18, 66.0, 20.0, 18, 137.0, 48.0),
    ];
    let yi = [-0.3552, -0.3479, -2.3176, -1.8880];
    let vi = [0.0131, 0.0645, 0.0458, 0.1606];
    for (i, &(n1, m1, sd1, n2, m2, sd2)) in studies.iter().enumerate() {
        let d = hedges_g(m1, sd1, n1, m2, sd2, n2).unwrap();
        published4(&format!("SMD yi[{i}]"), d.g, yi[i]);
        published4(&format!("SMD vi[{i}]"), d.var, vi[i]);
    }
    println!("SMD (normand1999): {} values checked against metafor", checked());
}
