//! CHIME profiles: per recovery process, the mean of the item scores that measure it, on a
//! common 0–1 scale, across every instrument that maps items to processes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{Definition, InstrumentRef};
use crate::scoring::ScoreResult;

/// The five personal-recovery processes of the CHIME framework (Leamy et al. 2011), in
/// CHIME order. The Danish UI words: forbundethed, håb og optimisme, identitet, mening
/// med tilværelsen, handlekompetence (empowerment).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChimeDomain {
    Connectedness,
    Hope,
    Identity,
    Meaning,
    Empowerment,
}

impl ChimeDomain {
    pub const ALL: [ChimeDomain; 5] =
        [ChimeDomain::Connectedness, ChimeDomain::Hope, ChimeDomain::Identity, ChimeDomain::Meaning, ChimeDomain::Empowerment];

    /// The stored, language-neutral code (`chime-<code>` is the Fluent message id).
    pub fn code(self) -> &'static str {
        match self {
            ChimeDomain::Connectedness => "connectedness",
            ChimeDomain::Hope => "hope",
            ChimeDomain::Identity => "identity",
            ChimeDomain::Meaning => "meaning",
            ChimeDomain::Empowerment => "empowerment",
        }
    }

    pub fn from_code(code: &str) -> Option<ChimeDomain> {
        ChimeDomain::ALL.into_iter().find(|d| d.code() == code)
    }
}

/// One process of a profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DomainScore {
    pub domain: ChimeDomain,
    /// Mean of the normalised item scores, 0 (worst) to 1 (best).
    pub mean: f64,
    /// How many item scores went into the mean.
    pub items: usize,
    /// The instruments (and versions) those items came from.
    pub sources: Vec<InstrumentRef>,
}

/// A CHIME profile. Processes without any mapped, answered item are left out rather than
/// shown as zero.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChimeProfile {
    pub domains: Vec<DomainScore>,
}

impl ChimeProfile {
    pub fn get(&self, domain: ChimeDomain) -> Option<&DomainScore> {
        self.domains.iter().find(|d| d.domain == domain)
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ChimeError {
    /// A score was paired with a definition it was not computed with.
    #[error("score of {score} paired with definition {definition}")]
    DefinitionMismatch { score: InstrumentRef, definition: InstrumentRef },
}

impl ChimeError {
    pub fn message_id(&self) -> &'static str {
        match self {
            ChimeError::DefinitionMismatch { .. } => "err-instrument-definition-mismatch",
        }
    }
}

/// Builds a CHIME profile from scores (each with the definition it was computed with),
/// typically one person's answers at one wave. Each item score (after reversal) is mapped to
/// 0–1 over its item's scale, and turned round for instruments where lower is better, so
/// that 1 is always the best end; a process's value is the mean over all its items.
pub fn chime_profile(scores: &[(&Definition, &ScoreResult)]) -> Result<ChimeProfile, ChimeError> {
    let mut sums: BTreeMap<ChimeDomain, (f64, usize, Vec<InstrumentRef>)> = BTreeMap::new();
    for (def, result) in scores {
        if def.instrument() != result.instrument {
            return Err(ChimeError::DefinitionMismatch { score: result.instrument.clone(), definition: def.instrument() });
        }
        for (link_id, value) in &result.item_scores {
            let (Some(item), Some(domain)) = (def.item(link_id), def.item_domain(link_id)) else { continue };
            let (lo, hi) = item.bounds();
            let unit = ((value - lo) / (hi - lo)).clamp(0.0, 1.0);
            let unit = if def.higher_is_better { unit } else { 1.0 - unit };
            let entry = sums.entry(domain).or_insert_with(|| (0.0, 0, Vec::new()));
            entry.0 += unit;
            entry.1 += 1;
            if !entry.2.contains(&result.instrument) {
                entry.2.push(result.instrument.clone());
            }
        }
    }
    let domains = sums
        .into_iter()
        .map(|(domain, (sum, items, mut sources))| {
            sources.sort();
            DomainScore { domain, mean: sum / items as f64, items, sources }
        })
        .collect();
    Ok(ChimeProfile { domains })
}
