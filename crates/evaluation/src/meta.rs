//! Random-effects meta-analysis of per-site effects.
//!
//! The model and its output follow R's metafor (`rma(yi, vi, method = ...)`, with
//! `test = "knha"` for Hartung-Knapp, and `predict()` for the prediction interval), so that a
//! result can be checked against it; see `docs/evaluation.md` for the formulas and sources.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::EvalError;
use crate::dist::{chi2_sf, normal_quantile, t_quantile};
use crate::input::{SiteEffect, read_file, read_pool};

/// Fewest sites that may be pooled.
pub const MIN_SITES: usize = 3;
/// Convergence tolerance of the REML iteration (absolute change in tau²).
pub const REML_TOLERANCE: f64 = 1e-10;
/// Most REML iterations before giving up.
pub const REML_MAX_ITER: usize = 100;

/// Estimator of the between-site variance tau².
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// Restricted maximum likelihood (the default, as in metafor).
    #[default]
    Reml,
    /// DerSimonian-Laird (method of moments).
    Dl,
}

impl FromStr for Method {
    type Err = EvalError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "reml" => Ok(Method::Reml),
            "dl" => Ok(Method::Dl),
            other => Err(EvalError::InvalidInput(format!("unknown method \"{other}\"; use \"reml\" or \"dl\""))),
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Method::Reml => "reml",
            Method::Dl => "dl",
        })
    }
}

/// The output of `evaluate pool`, with exactly its keys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PoolResult {
    /// Number of sites pooled.
    pub k: usize,
    /// Pooled (average) effect.
    pub estimate: f64,
    /// Its standard error (Hartung-Knapp-scaled when that was asked for).
    pub se: f64,
    /// 95% confidence interval of the pooled effect: z-based, or t with k − 1 df under
    /// Hartung-Knapp.
    pub ci_low: f64,
    pub ci_high: f64,
    /// Between-site variance of the true effects.
    pub tau2: f64,
    /// I², in percent: the share of the total variability that is due to real differences
    /// between sites rather than sampling error.
    pub i2: f64,
    /// Cochran's Q (fixed-effect weights) ...
    pub q: f64,
    /// ... and its p-value from chi-square with k − 1 df.
    pub q_p: f64,
    /// 95% prediction interval for the true effect at a new site.
    pub pi_low: f64,
    pub pi_high: f64,
}

/// Restricted log-likelihood of tau² (up to a constant), intercept-only model.
fn restricted_loglik(y: &[f64], v: &[f64], tau2: f64) -> f64 {
    let mut sw = 0.0;
    let mut swy = 0.0;
    let mut sum_ln = 0.0;
    for (yi, vi) in y.iter().zip(v) {
        let w = 1.0 / (vi + tau2);
        sw += w;
        swy += w * yi;
        sum_ln += (vi + tau2).ln();
    }
    let mu = swy / sw;
    let rss: f64 = y.iter().zip(v).map(|(yi, vi)| (yi - mu) * (yi - mu) / (vi + tau2)).sum();
    -0.5 * (sum_ln + sw.ln() + rss)
}

/// REML estimate of tau² by Fisher scoring, as metafor's `rma.uni` does: start from the
/// Hedges (HE) estimate, step by `(y'PPy − tr P) / tr(PP)`. A step that would make tau² negative
/// goes to 0 instead, and a step that lowers the restricted likelihood is halved (this only
/// safeguards; for ordinary data every full step is taken). Converged when tau² changes by
/// less than [`REML_TOLERANCE`].
fn reml_tau2(y: &[f64], v: &[f64]) -> Result<f64, EvalError> {
    let k = y.len() as f64;
    let ybar = y.iter().sum::<f64>() / k;
    let var_y = y.iter().map(|yi| (yi - ybar) * (yi - ybar)).sum::<f64>() / (k - 1.0);
    let vbar = v.iter().sum::<f64>() / k;
    let mut tau2 = (var_y - vbar).max(0.0);
    let mut ll = restricted_loglik(y, v, tau2);
    let mut previous_step = 0.0;
    for _ in 0..REML_MAX_ITER {
        let (mut sw, mut sw2, mut sw3, mut swy) = (0.0, 0.0, 0.0, 0.0);
        for (yi, vi) in y.iter().zip(v) {
            let w = 1.0 / (vi + tau2);
            sw += w;
            sw2 += w * w;
            sw3 += w * w * w;
            swy += w * yi;
        }
        let mu = swy / sw;
        let ypp_y: f64 = y
            .iter()
            .zip(v)
            .map(|(yi, vi)| {
                let py = (yi - mu) / (vi + tau2);
                py * py
            })
            .sum();
        let tr_p = sw - sw2 / sw;
        let tr_pp = sw2 - 2.0 * sw3 / sw + (sw2 / sw) * (sw2 / sw);
        let mut step = (ypp_y - tr_p) / tr_pp;
        if !step.is_finite() {
            return Err(EvalError::NoConvergence);
        }
        // Near the optimum the likelihood is flat to machine precision, so step halving
        // cannot see an overshoot; Fisher scoring can then swing back and forth around the
        // optimum for ever. A step that reverses the last one without shrinking it is halved.
        if previous_step * step < 0.0 && step.abs() >= 0.5 * previous_step.abs() {
            step *= 0.5;
        }
        if tau2 + step < 0.0 {
            step = -tau2;
        }
        let mut halvings = 0;
        let mut next_ll = restricted_loglik(y, v, tau2 + step);
        while next_ll < ll - 1e-13 * ll.abs().max(1.0) && halvings < 60 {
            step /= 2.0;
            halvings += 1;
            next_ll = restricted_loglik(y, v, tau2 + step);
        }
        tau2 = (tau2 + step).max(0.0);
        ll = next_ll;
        previous_step = step;
        // Converged when the step is negligible next to tau² itself.
        if step.abs() < REML_TOLERANCE * tau2.max(1.0) {
            return Ok(tau2);
        }
    }
    // Fisher scoring can cycle on awkward data (a property test found such sets of sites).
    // The restricted likelihood's maximum is then found directly, as the root of its score
    // y'PPy − tr P, by bisection: same estimate, slower, never stuck.
    reml_by_bisection(y, v)
}

/// The REML score `y'PPy − tr P` at tau² (twice the derivative of the restricted
/// log-likelihood): positive below the estimate, negative above it.
fn reml_score(y: &[f64], v: &[f64], tau2: f64) -> f64 {
    let (mut sw, mut sw2, mut swy) = (0.0, 0.0, 0.0);
    for (yi, vi) in y.iter().zip(v) {
        let w = 1.0 / (vi + tau2);
        sw += w;
        sw2 += w * w;
        swy += w * yi;
    }
    let mu = swy / sw;
    let ypp_y: f64 = y.iter().zip(v).map(|(yi, vi)| ((yi - mu) / (vi + tau2)).powi(2)).sum();
    ypp_y - (sw - sw2 / sw)
}

/// REML by bisection on the score: 0 when the score is not positive at 0 (the boundary),
/// otherwise the root between 0 and the first doubling where the score turns negative.
fn reml_by_bisection(y: &[f64], v: &[f64]) -> Result<f64, EvalError> {
    if reml_score(y, v, 0.0).partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) {
        return Ok(0.0);
    }
    let mut hi = 1.0_f64;
    let mut doublings = 0;
    while reml_score(y, v, hi) > 0.0 {
        hi *= 2.0;
        doublings += 1;
        if doublings > 200 || !hi.is_finite() {
            return Err(EvalError::NoConvergence);
        }
    }
    let mut lo = 0.0_f64;
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if reml_score(y, v, mid) > 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
        if hi - lo < REML_TOLERANCE * hi.max(1.0) * 1e-3 {
            break;
        }
    }
    Ok(0.5 * (lo + hi))
}

/// Random-effects pooling of effects `yi` with sampling variances `vi`.
///
/// Refuses fewer than [`MIN_SITES`] sites, unequal lengths, non-finite effects and variances
/// that are not greater than zero.
pub fn pool(yi: &[f64], vi: &[f64], method: Method, hartung_knapp: bool) -> Result<PoolResult, EvalError> {
    if yi.len() != vi.len() {
        return Err(EvalError::InvalidInput(format!("{} effects but {} variances", yi.len(), vi.len())));
    }
    let k = yi.len();
    if k < MIN_SITES {
        return Err(EvalError::TooFewSites { found: k });
    }
    if yi.iter().any(|y| !y.is_finite()) {
        return Err(EvalError::InvalidInput("every effect must be a finite number".into()));
    }
    if vi.iter().any(|v| !(v.is_finite() && *v > 0.0)) {
        return Err(EvalError::InvalidInput("every variance must be a finite number greater than 0".into()));
    }
    let kf = k as f64;
    let df = kf - 1.0;

    // fixed-effect quantities: Q and the typical within-site variance
    let w0: Vec<f64> = vi.iter().map(|v| 1.0 / v).collect();
    let sw0: f64 = w0.iter().sum();
    let sw0_2: f64 = w0.iter().map(|w| w * w).sum();
    let mu0 = w0.iter().zip(yi).map(|(w, y)| w * y).sum::<f64>() / sw0;
    let q: f64 = w0.iter().zip(yi).map(|(w, y)| w * (y - mu0) * (y - mu0)).sum();
    let c = sw0 - sw0_2 / sw0;

    let tau2 = match method {
        Method::Dl => ((q - df) / c).max(0.0),
        Method::Reml => reml_tau2(yi, vi)?,
    };

    let w: Vec<f64> = vi.iter().map(|v| 1.0 / (v + tau2)).collect();
    let sw: f64 = w.iter().sum();
    let estimate = w.iter().zip(yi).map(|(w, y)| w * y).sum::<f64>() / sw;
    let mut var = 1.0 / sw;
    let crit = if hartung_knapp {
        // Knapp & Hartung (2003): scale by the weighted residual variance; like metafor's
        // test = "knha", the factor is not truncated at 1.
        let s2 = w.iter().zip(yi).map(|(w, y)| w * (y - estimate) * (y - estimate)).sum::<f64>() / df;
        var *= s2;
        t_quantile(0.975, df)
    } else {
        normal_quantile(0.975)
    };
    let se = var.sqrt();
    let typical_v = df / c;
    let i2 = if tau2 > 0.0 { 100.0 * tau2 / (typical_v + tau2) } else { 0.0 };
    let pi_se = (var + tau2).sqrt();
    let result = PoolResult {
        k,
        estimate,
        se,
        ci_low: estimate - crit * se,
        ci_high: estimate + crit * se,
        tau2,
        i2,
        q,
        q_p: chi2_sf(q, df),
        pi_low: estimate - crit * pi_se,
        pi_high: estimate + crit * pi_se,
    };
    let values = [
        result.estimate,
        result.se,
        result.ci_low,
        result.ci_high,
        result.tau2,
        result.i2,
        result.q,
        result.q_p,
        result.pi_low,
        result.pi_high,
    ];
    if values.iter().any(|x| !x.is_finite()) {
        return Err(EvalError::InvalidInput("the effects and variances are too extreme to pool".into()));
    }
    Ok(result)
}

/// [`pool`] over per-site effects.
pub fn pool_sites(sites: &[SiteEffect], method: Method, hartung_knapp: bool) -> Result<PoolResult, EvalError> {
    let yi: Vec<f64> = sites.iter().map(|s| s.yi).collect();
    let vi: Vec<f64> = sites.iter().map(|s| s.vi).collect();
    pool(&yi, &vi, method, hartung_knapp)
}

/// `evaluate pool`: reads a pool file (`site,yi,vi`; CSV, `.xlsx` or `.ods`, `name` being its
/// file name, if any) and pools it.
pub fn pool_from_file(bytes: &[u8], name: Option<&str>, method: Method, hartung_knapp: bool) -> Result<PoolResult, EvalError> {
    let sites = read_pool(&read_file(bytes, name)?)?;
    pool_sites(&sites, method, hartung_knapp)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod reml_fallback_tests {
    use super::*;

    #[test]
    fn bisection_finds_the_same_estimate_as_fisher_scoring() {
        let y = [0.42, 0.18, 0.65, 0.05, 0.33, 0.71];
        let v = [0.04, 0.03, 0.06, 0.02, 0.05, 0.07];
        let fisher = reml_tau2(&y, &v).unwrap();
        let bisected = reml_by_bisection(&y, &v).unwrap();
        assert!((fisher - bisected).abs() < 1e-8, "{fisher} vs {bisected}");
        // No heterogeneity: the boundary.
        assert_eq!(reml_by_bisection(&[0.3, 0.3, 0.3], &[0.1, 0.2, 0.3]).unwrap(), 0.0);
    }

    #[test]
    fn the_set_that_made_fisher_scoring_cycle_converges_at_a_root_of_the_score() {
        let data = [
            (-1.7056254559699964, 1.1803352430880925),
            (0.0, 0.9187054036165787),
            (0.7767735481695186, 1.5109943209026588),
            (1.010053422107969, 1.7414841550515823),
            (-2.2386011895428037, 0.8253119289908595),
            (-2.943281691599, 1.9288730178656828),
            (-1.33634601716771, 0.23428657638587105),
            (-0.8235260063003699, 0.874077873304067),
            (-0.4562352481860024, 1.7774694321588211),
            (-1.14447804027315, 0.18433868245014687),
            (2.463505814467143, 1.5069520289025198),
            (-1.0313922283327903, 1.6931319169040588),
            (-1.381897231319453, 1.380645098255869),
            (-2.2537629131544694, 1.8486691302515537),
        ];
        let (y, v): (Vec<f64>, Vec<f64>) = data.iter().copied().unzip();
        let tau2 = reml_tau2(&y, &v).unwrap();
        assert!(tau2 == 0.0 && reml_score(&y, &v, 0.0) <= 0.0 || reml_score(&y, &v, tau2).abs() < 1e-6, "tau2 {tau2}");
        assert!(pool(&y, &v, Method::Reml, true).is_ok());
    }
}
