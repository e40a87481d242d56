//! Attrition and selection bias: who answered the follow-up, how they differed at
//! baseline from those who did not, and how the result would change under stated assumptions
//! about those who did not answer.

use serde::{Deserialize, Serialize};

use crate::EvalError;
use crate::change::{ChangeStats, SiteData, paired_change};
use crate::dist::{normal_quantile, small_sample_correction};
use crate::rci::{ReliableChangeSettings, s_diff};

/// A completion share below this is flagged as high attrition.
pub const HIGH_ATTRITION_BELOW: f64 = 0.70;
/// A baseline difference |g| above this is flagged as differential attrition.
pub const DIFFERENTIAL_ABOVE: f64 = 0.2;

/// A standardised mean difference between two independent groups with its 95% CI.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct StandardisedDifference {
    /// Hedges' g, `J(n1 + n2 − 2) × (m1 − m2) / SD_pooled`, with the exact J.
    pub g: f64,
    /// Its sampling variance, `1/n1 + 1/n2 + g²/(2(n1 + n2))`.
    pub var: f64,
    pub ci_low: f64,
    pub ci_high: f64,
}

/// Hedges' g for two independent groups from their summaries, as metafor's
/// `escalc(measure = "SMD")` (Hedges 1981; large-sample variance). `None` when either group has
/// fewer than 2 people, the pooled SD is 0 or a value is not finite.
pub fn hedges_g(mean1: f64, sd1: f64, n1: usize, mean2: f64, sd2: f64, n2: usize) -> Option<StandardisedDifference> {
    if n1 < 2 || n2 < 2 {
        return None;
    }
    let (n1f, n2f) = (n1 as f64, n2 as f64);
    let m = n1f + n2f - 2.0;
    let sp = (((n1f - 1.0) * sd1 * sd1 + (n2f - 1.0) * sd2 * sd2) / m).sqrt();
    let usable = sp.is_finite() && sp > 0.0 && mean1.is_finite() && mean2.is_finite();
    if !usable {
        return None;
    }
    let g = small_sample_correction(m)? * (mean1 - mean2) / sp;
    let var = 1.0 / n1f + 1.0 / n2f + g * g / (2.0 * (n1f + n2f));
    let half = normal_quantile(0.975) * var.sqrt();
    let out = StandardisedDifference { g, var, ci_low: g - half, ci_high: g + half };
    [out.g, out.var, out.ci_low, out.ci_high].iter().all(|x| x.is_finite()).then_some(out)
}

fn mean_sd(xs: &[f64]) -> (Option<f64>, f64) {
    if xs.is_empty() {
        return (None, 0.0);
    }
    let n = xs.len() as f64;
    let m = xs.iter().sum::<f64>() / n;
    let sd = if xs.len() > 1 { (xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1.0)).sqrt() } else { 0.0 };
    (Some(m), sd)
}

/// Attrition and sensitivity analysis for one group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttritionReport {
    /// People with a baseline score.
    pub n_baseline: usize,
    /// ... of whom answered the follow-up ...
    pub n_completers: usize,
    /// ... and did not.
    pub n_non_completers: usize,
    /// `n_completers / n_baseline`.
    pub completion_share: Option<f64>,
    pub baseline_mean_completers: Option<f64>,
    pub baseline_mean_non_completers: Option<f64>,
    /// Completers minus non-completers at baseline, standardised (Hedges' g with 95% CI).
    pub baseline_difference: Option<StandardisedDifference>,
    /// Fewer than 70% completed the follow-up.
    pub high_attrition: bool,
    /// |g| > 0.2; `None` when g cannot be computed (for instance nobody dropped out).
    pub differential_attrition: Option<bool>,
    /// The result from those who answered both waves.
    pub complete_case: ChangeStats,
    /// Everyone with a baseline, assuming no change for those who did not answer.
    pub assume_no_change: ChangeStats,
    /// The decline assumed for non-completers in `assume_decline`, in score points: one
    /// reliable-change threshold (`1.96 × S_diff`), in the direction of getting worse.
    pub assumed_decline: f64,
    /// Everyone with a baseline, assuming those who did not answer got worse by one
    /// reliable-change threshold.
    pub assume_decline: ChangeStats,
}

/// Attrition for one group: the completers' pairs and the non-completers' baseline scores.
///
/// The reliable-change threshold for the decline assumption uses `settings.sd`, or when it is
/// `None`, the SD of all baseline scores (completers and non-completers together).
pub fn attrition(
    completers_pre: &[f64],
    completers_post: &[f64],
    non_completers_pre: &[f64],
    settings: &ReliableChangeSettings,
) -> Result<AttritionReport, EvalError> {
    let complete_case = paired_change(completers_pre, completers_post)?;
    if non_completers_pre.iter().any(|x| !x.is_finite()) {
        return Err(EvalError::InvalidInput("every score must be a finite number".into()));
    }
    let all_pre: Vec<f64> = completers_pre.iter().chain(non_completers_pre).copied().collect();
    let (_, s_diff) = s_diff(settings, &all_pre)?;
    let decline = crate::rci::RELIABLE_CHANGE_Z * s_diff;
    let worse = if settings.higher_is_better { -decline } else { decline };

    let n_c = completers_pre.len();
    let n_nc = non_completers_pre.len();
    let n_baseline = n_c + n_nc;
    let completion_share = (n_baseline > 0).then(|| n_c as f64 / n_baseline as f64);

    let (m_c, sd_c) = mean_sd(completers_pre);
    let (m_nc, sd_nc) = mean_sd(non_completers_pre);
    let baseline_difference = match (m_c, m_nc) {
        (Some(a), Some(b)) => hedges_g(a, sd_c, n_c, b, sd_nc, n_nc),
        _ => None,
    };

    let post_no_change: Vec<f64> = completers_post.iter().chain(non_completers_pre).copied().collect();
    let post_decline: Vec<f64> = completers_post.iter().copied().chain(non_completers_pre.iter().map(|x| x + worse)).collect();

    Ok(AttritionReport {
        n_baseline,
        n_completers: n_c,
        n_non_completers: n_nc,
        completion_share,
        baseline_mean_completers: m_c,
        baseline_mean_non_completers: m_nc,
        baseline_difference,
        high_attrition: completion_share.is_some_and(|s| s < HIGH_ATTRITION_BELOW),
        differential_attrition: baseline_difference.map(|d| d.g.abs() > DIFFERENTIAL_ABOVE),
        complete_case,
        assume_no_change: paired_change(&all_pre, &post_no_change)?,
        assumed_decline: decline,
        assume_decline: paired_change(&all_pre, &post_decline)?,
    })
}

/// [`attrition`] for a site's (or all sites', see [`crate::combine_sites`]) data.
pub fn attrition_for(data: &SiteData, settings: &ReliableChangeSettings) -> Result<AttritionReport, EvalError> {
    attrition(&data.pre, &data.post, &data.baseline_only, settings)
}
