//! Paired change from baseline to follow-up.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::EvalError;
use crate::dist::{small_sample_correction, t_quantile, t_two_sided_p};
use crate::input::{ChangeRow, SiteEffect, Wave, read_change, read_file};

/// The statistics of paired change for one group, with exactly the keys of `evaluate change`.
///
/// A value is `None` (JSON `null`) when it is undefined for the data, never NaN:
///
/// * `n = 0`: everything but `n` is null;
/// * `n = 1`: only the three means are given;
/// * `n ≥ 2`: `sd_change` and `df`; `ci_low`/`ci_high`, `t`, `p`, `d_z` when the changes vary
///   (`sd_change > 0`; if every change is the same, the interval is that change and `t`, `p`,
///   `d_z` are null); `r` when both waves vary; `d_av`, `g_av` when at least one wave varies;
/// * `n ≥ 3` in addition for `smcr` and `smcr_var`, which need `SD_pre > 0`, `r`, and the exact
///   correction `J(n − 1)`, which is undefined for one degree of freedom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeStats {
    /// Number of participants with both a baseline and a follow-up score.
    pub n: usize,
    pub mean_pre: Option<f64>,
    pub mean_post: Option<f64>,
    /// Mean of (follow-up − baseline).
    pub mean_change: Option<f64>,
    /// Sample standard deviation (n − 1) of the changes.
    pub sd_change: Option<f64>,
    /// 95% confidence interval of the mean change, t-based.
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// Paired t statistic, `mean_change / (sd_change / sqrt(n))`.
    pub t: Option<f64>,
    /// Degrees of freedom, n − 1.
    pub df: Option<u64>,
    /// Two-sided p-value of the paired t-test.
    pub p: Option<f64>,
    /// Pearson correlation between baseline and follow-up scores.
    pub r: Option<f64>,
    /// `mean_change / sd_change`.
    pub d_z: Option<f64>,
    /// `mean_change / sqrt((SD_pre² + SD_post²) / 2)`.
    pub d_av: Option<f64>,
    /// `d_av × (1 − 3 / (4·2n − 9))`.
    pub g_av: Option<f64>,
    /// Standardised mean change, raw-score standardisation:
    /// `J(n − 1) × (mean_post − mean_pre) / SD_pre`.
    pub smcr: Option<f64>,
    /// Its sampling variance, `2(1 − r)/n + smcr²/(2n)`.
    pub smcr_var: Option<f64>,
}

impl ChangeStats {
    fn empty(n: usize) -> Self {
        ChangeStats {
            n,
            mean_pre: None,
            mean_post: None,
            mean_change: None,
            sd_change: None,
            ci_low: None,
            ci_high: None,
            t: None,
            df: None,
            p: None,
            r: None,
            d_z: None,
            d_av: None,
            g_av: None,
            smcr: None,
            smcr_var: None,
        }
    }
}

/// One site's entry in a change report: `site` and then the statistics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SiteChange {
    pub site: String,
    #[serde(flatten)]
    pub stats: ChangeStats,
}

/// The output of `evaluate change`: `{"sites": [..], "overall": {..}}`. Sites are in the order of
/// their names (by Unicode code point); `overall` is computed from all pairs of all sites
/// together (participant-level, not a meta-analysis: for that see [`crate::pool_sites`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeReport {
    pub sites: Vec<SiteChange>,
    pub overall: ChangeStats,
}

fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len() as f64
}

/// Sum of squared deviations from the mean.
fn sum_sq(xs: &[f64], m: f64) -> f64 {
    xs.iter().map(|x| (x - m) * (x - m)).sum()
}

/// Paired change between `pre[i]` and `post[i]`, one pair per participant.
pub fn paired_change(pre: &[f64], post: &[f64]) -> Result<ChangeStats, EvalError> {
    if pre.len() != post.len() {
        return Err(EvalError::InvalidInput(format!("{} baseline scores but {} follow-up scores", pre.len(), post.len())));
    }
    if pre.iter().chain(post).any(|x| !x.is_finite()) {
        return Err(EvalError::InvalidInput("every score must be a finite number".into()));
    }
    let n = pre.len();
    let mut out = ChangeStats::empty(n);
    if n == 0 {
        return Ok(out);
    }
    let diff: Vec<f64> = pre.iter().zip(post).map(|(a, b)| b - a).collect();
    let m_pre = mean(pre);
    let m_post = mean(post);
    let m_diff = mean(&diff);
    out.mean_pre = finite(m_pre);
    out.mean_post = finite(m_post);
    out.mean_change = finite(m_diff);
    if n < 2 {
        return Ok(out);
    }
    let nf = n as f64;
    let df = nf - 1.0;
    let ss_pre = sum_sq(pre, m_pre);
    let ss_post = sum_sq(post, m_post);
    let sd_change = (sum_sq(&diff, m_diff) / df).sqrt();
    let sd_pre = (ss_pre / df).sqrt();
    let sd_post = (ss_post / df).sqrt();
    out.sd_change = finite(sd_change);
    out.df = Some(n as u64 - 1);
    if sd_change > 0.0 {
        let se = sd_change / nf.sqrt();
        let t = m_diff / se;
        let crit = t_quantile(0.975, df);
        out.t = finite(t);
        out.p = finite(t_two_sided_p(t, df));
        out.ci_low = finite(m_diff - crit * se);
        out.ci_high = finite(m_diff + crit * se);
        out.d_z = finite(m_diff / sd_change);
    } else {
        out.ci_low = finite(m_diff);
        out.ci_high = finite(m_diff);
    }
    if ss_pre > 0.0 && ss_post > 0.0 {
        let sxy: f64 = pre.iter().zip(post).map(|(a, b)| (a - m_pre) * (b - m_post)).sum();
        out.r = finite((sxy / (ss_pre * ss_post).sqrt()).clamp(-1.0, 1.0));
    }
    if ss_pre > 0.0 || ss_post > 0.0 {
        let d_av = m_diff / ((sd_pre * sd_pre + sd_post * sd_post) / 2.0).sqrt();
        out.d_av = finite(d_av);
        out.g_av = finite(d_av * (1.0 - 3.0 / (4.0 * 2.0 * nf - 9.0)));
    }
    if let Some(r) = out.r
        && let Some((y, v)) = smcr_from_summary(n, m_pre, m_post, sd_pre, r)
    {
        out.smcr = Some(y);
        out.smcr_var = Some(v);
    }
    Ok(out)
}

/// The standardised mean change with raw-score standardisation and its sampling variance, from
/// a site's summary alone (so that partners can pool without sharing person-level data):
/// `y = J(n − 1) × (mean_post − mean_pre) / sd_pre`, `v = 2(1 − r)/n + y²/(2n)`, with the exact
/// `J(m) = Γ(m/2) / (sqrt(m/2) Γ((m − 1)/2))`. This is metafor's `escalc(measure = "SMCR")`
/// (Becker 1988; Morris 2000). Returns `(y, v)`, or `None` when `n < 3`, `sd_pre ≤ 0`, `r` is
/// outside [−1, 1] or a value is not finite.
pub fn smcr_from_summary(n: usize, mean_pre: f64, mean_post: f64, sd_pre: f64, r: f64) -> Option<(f64, f64)> {
    let usable = n >= 3 && sd_pre.is_finite() && sd_pre > 0.0 && (-1.0..=1.0).contains(&r) && mean_pre.is_finite() && mean_post.is_finite();
    if !usable {
        return None;
    }
    let nf = n as f64;
    let j = small_sample_correction(nf - 1.0)?;
    let y = j * (mean_post - mean_pre) / sd_pre;
    let v = 2.0 * (1.0 - r) / nf + y * y / (2.0 * nf);
    Some((finite(y)?, finite(v)?))
}

/// The scores of one site, arranged for analysis.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SiteData {
    pub site: String,
    /// Participants with both waves, in the order they first appear in the file ...
    pub participants: Vec<String>,
    /// ... with their baseline ...
    pub pre: Vec<f64>,
    /// ... and follow-up scores.
    pub post: Vec<f64>,
    /// Baseline scores of participants without a follow-up (the non-completers).
    pub baseline_only: Vec<f64>,
    /// Number of follow-up scores without a baseline (not analysed).
    pub followup_only: usize,
}

/// Groups the rows of a change file by site (sorted by name), pairing each participant's waves.
/// Rows are expected to be as [`crate::read_change`] returns them (one row per participant
/// and wave); a repeated row would replace the earlier score.
pub fn group_by_site(rows: &[ChangeRow]) -> Vec<SiteData> {
    // participant → (site, baseline, follow-up), in order of first appearance
    let mut order: Vec<&str> = Vec::new();
    let mut people: HashMap<&str, (&str, Option<f64>, Option<f64>)> = HashMap::new();
    for row in rows {
        let entry = people.entry(row.participant.as_str()).or_insert_with(|| {
            order.push(row.participant.as_str());
            (row.site.as_str(), None, None)
        });
        match row.wave {
            Wave::Baseline => entry.1 = Some(row.score),
            Wave::Followup => entry.2 = Some(row.score),
        }
    }
    let mut sites: BTreeMap<&str, SiteData> = BTreeMap::new();
    for participant in order {
        let Some(&(site, pre, post)) = people.get(participant) else { continue };
        let data = sites.entry(site).or_insert_with(|| SiteData { site: site.to_owned(), ..SiteData::default() });
        match (pre, post) {
            (Some(a), Some(b)) => {
                data.participants.push(participant.to_owned());
                data.pre.push(a);
                data.post.push(b);
            }
            (Some(a), None) => data.baseline_only.push(a),
            (None, Some(_)) => data.followup_only += 1,
            (None, None) => {}
        }
    }
    sites.into_values().collect()
}

/// All sites' data taken together, in site order.
pub fn combine_sites(sites: &[SiteData]) -> SiteData {
    let mut all = SiteData { site: String::new(), ..SiteData::default() };
    for s in sites {
        all.participants.extend(s.participants.iter().cloned());
        all.pre.extend_from_slice(&s.pre);
        all.post.extend_from_slice(&s.post);
        all.baseline_only.extend_from_slice(&s.baseline_only);
        all.followup_only += s.followup_only;
    }
    all
}

/// The change report for parsed rows: per site and overall, only pairs with both waves.
pub fn change_report(rows: &[ChangeRow]) -> Result<ChangeReport, EvalError> {
    let sites = group_by_site(rows);
    let mut entries = Vec::with_capacity(sites.len());
    for s in &sites {
        entries.push(SiteChange { site: s.site.clone(), stats: paired_change(&s.pre, &s.post)? });
    }
    let all = combine_sites(&sites);
    Ok(ChangeReport { sites: entries, overall: paired_change(&all.pre, &all.post)? })
}

/// `evaluate change`: reads a change file (CSV, `.xlsx` or `.ods`; `name` is its file name, if
/// any) and computes its report.
pub fn change_from_file(bytes: &[u8], name: Option<&str>) -> Result<ChangeReport, EvalError> {
    let rows = read_change(&read_file(bytes, name)?)?;
    change_report(&rows)
}

/// The sites of a report that have a standardised mean change, as input for pooling.
pub fn site_effects(report: &ChangeReport) -> Vec<SiteEffect> {
    report.sites.iter().filter_map(|s| Some(SiteEffect { site: s.site.clone(), yi: s.stats.smcr?, vi: s.stats.smcr_var? })).collect()
}
