//! Reliable and clinically significant change per person, after Jacobson & Truax
//! (1991).

use serde::{Deserialize, Serialize};

use crate::EvalError;

/// The |RCI| above which a change counts as reliable (Jacobson & Truax 1991).
pub const RELIABLE_CHANGE_Z: f64 = 1.96;

/// The standard error of the difference between two scores, `sd × √2 × √(1 − r_xx)`.
pub fn standard_error_of_difference(sd: f64, reliability: f64) -> f64 {
    sd * std::f64::consts::SQRT_2 * (1.0 - reliability).sqrt()
}

/// The category of a reliable change index, `rci = (post − pre) / S_diff`, on a scale where
/// higher scores are better or worse.
pub fn classify(rci: f64, higher_is_better: bool) -> ChangeCategory {
    let toward_better = if higher_is_better { rci } else { -rci };
    if toward_better > RELIABLE_CHANGE_Z {
        ChangeCategory::ReliableImprovement
    } else if toward_better < -RELIABLE_CHANGE_Z {
        ChangeCategory::ReliableDeterioration
    } else {
        ChangeCategory::NoReliableChange
    }
}

/// What the reliable-change computation needs to know about the instrument.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ReliableChangeSettings {
    /// The instrument's reliability r_xx (Cronbach's alpha or test-retest), 0 < r_xx < 1.
    pub reliability: f64,
    /// The standard deviation to use in the standard error of measurement; usually the
    /// instrument's normative SD. `None`: the SD of the baseline scores analysed.
    pub sd: Option<f64>,
    /// Whether higher scores are better (a hope or recovery scale) or worse (a symptom scale).
    pub higher_is_better: bool,
    /// Cut-off between the clinical and the non-clinical range, when the instrument has one. A
    /// score equal to the cut-off counts as non-clinical.
    pub cutoff: Option<f64>,
}

/// A person's reliable-change category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeCategory {
    ReliableImprovement,
    NoReliableChange,
    ReliableDeterioration,
}

/// One person's result, in the order of the input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonChange {
    pub pre: f64,
    pub post: f64,
    /// Reliable change index, `(post − pre) / S_diff`; its sign follows the scale, not the
    /// direction of improvement.
    pub rci: f64,
    pub category: ChangeCategory,
    /// Clinically significant change ("recovered"): reliable improvement and a move from the
    /// clinical range at baseline to the non-clinical range at follow-up. `None` without a
    /// cut-off.
    pub clinically_significant: Option<bool>,
}

/// A count and its share of the people analysed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Count {
    pub count: usize,
    /// `count / n`, or `None` when nobody was analysed.
    pub share: Option<f64>,
}

/// Reliable change for a group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReliableChangeReport {
    /// People with both waves.
    pub n: usize,
    /// The SD used in the standard error of measurement.
    pub sd: f64,
    pub reliability: f64,
    /// Standard error of the difference, `sd × sqrt(2) × sqrt(1 − r_xx)`.
    pub s_diff: f64,
    /// The smallest reliable change in score points, `1.96 × s_diff`.
    pub threshold: f64,
    pub reliable_improvement: Count,
    pub no_reliable_change: Count,
    pub reliable_deterioration: Count,
    /// People who started in the clinical range (with a cut-off).
    pub clinical_at_baseline: Option<usize>,
    /// Clinically significant change (with a cut-off); the share is of all `n`.
    pub clinically_significant: Option<Count>,
    pub people: Vec<PersonChange>,
}

/// Sample SD (n − 1) of `xs`, if it is defined and positive.
pub(crate) fn sample_sd(xs: &[f64]) -> Option<f64> {
    if xs.len() < 2 {
        return None;
    }
    let n = xs.len() as f64;
    let m = xs.iter().sum::<f64>() / n;
    let sd = (xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1.0)).sqrt();
    (sd.is_finite() && sd > 0.0).then_some(sd)
}

/// Validates the settings and returns `(sd, s_diff)`; `baseline` supplies the SD when the
/// settings do not.
pub(crate) fn s_diff(settings: &ReliableChangeSettings, baseline: &[f64]) -> Result<(f64, f64), EvalError> {
    let r = settings.reliability;
    if !(r > 0.0 && r < 1.0) {
        return Err(EvalError::InvalidInput(format!("the reliability must be between 0 and 1 (exclusive), found {r}")));
    }
    let sd = match settings.sd {
        Some(sd) if sd.is_finite() && sd > 0.0 => sd,
        Some(sd) => {
            return Err(EvalError::InvalidInput(format!("the standard deviation must be greater than 0, found {sd}")));
        }
        None => sample_sd(baseline).ok_or_else(|| {
            EvalError::InvalidInput("the baseline scores have no spread; give the instrument's standard deviation".into())
        })?,
    };
    Ok((sd, standard_error_of_difference(sd, r)))
}

fn count(count: usize, n: usize) -> Count {
    Count { count, share: (n > 0).then(|| count as f64 / n as f64) }
}

/// Reliable change index and categories for each pair `(pre[i], post[i])`.
pub fn reliable_change(pre: &[f64], post: &[f64], settings: &ReliableChangeSettings) -> Result<ReliableChangeReport, EvalError> {
    if pre.len() != post.len() {
        return Err(EvalError::InvalidInput(format!("{} baseline scores but {} follow-up scores", pre.len(), post.len())));
    }
    if pre.iter().chain(post).any(|x| !x.is_finite()) {
        return Err(EvalError::InvalidInput("every score must be a finite number".into()));
    }
    if settings.cutoff.is_some_and(|c| !c.is_finite()) {
        return Err(EvalError::InvalidInput("the cut-off must be a finite number".into()));
    }
    let (sd, s_diff) = s_diff(settings, pre)?;
    let clinical = |score: f64, cutoff: f64| {
        if settings.higher_is_better { score < cutoff } else { score > cutoff }
    };
    let mut people = Vec::with_capacity(pre.len());
    let (mut up, mut same, mut down, mut recovered, mut clinical_start) = (0, 0, 0, 0, 0);
    for (&a, &b) in pre.iter().zip(post) {
        let rci = (b - a) / s_diff;
        let category = classify(rci, settings.higher_is_better);
        match category {
            ChangeCategory::ReliableImprovement => up += 1,
            ChangeCategory::ReliableDeterioration => down += 1,
            ChangeCategory::NoReliableChange => same += 1,
        }
        let clinically_significant = settings.cutoff.map(|c| {
            let started_clinical = clinical(a, c);
            if started_clinical {
                clinical_start += 1;
            }
            let yes = category == ChangeCategory::ReliableImprovement && started_clinical && !clinical(b, c);
            if yes {
                recovered += 1;
            }
            yes
        });
        people.push(PersonChange { pre: a, post: b, rci, category, clinically_significant });
    }
    let n = pre.len();
    Ok(ReliableChangeReport {
        n,
        sd,
        reliability: settings.reliability,
        s_diff,
        threshold: RELIABLE_CHANGE_Z * s_diff,
        reliable_improvement: count(up, n),
        no_reliable_change: count(same, n),
        reliable_deterioration: count(down, n),
        clinical_at_baseline: settings.cutoff.map(|_| clinical_start),
        clinically_significant: settings.cutoff.map(|_| count(recovered, n)),
        people,
    })
}
