//! Change between two scores of one person: reliable change (Jacobson & Truax 1991),
//! clinically significant change and a published meaningful change, each only where the
//! definition has the published values. Scores of different versions are never compared.

use serde::{Deserialize, Serialize};

use crate::model::{Definition, InstrumentRef};
use crate::scoring::ScoreResult;

/// The |RCI| above which a change counts as reliable (p < .05, two-sided).
pub const RELIABLE_CHANGE_Z: f64 = 1.96;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChangeError {
    #[error("scores of different instruments cannot be compared: {before} and {after}")]
    DifferentInstruments { before: InstrumentRef, after: InstrumentRef },
    /// Scores computed with different versions of a definition are never compared.
    #[error("scores of {id} from definition versions {before} and {after} cannot be compared")]
    VersionMismatch { id: String, before: String, after: String },
    #[error("the scores are of {score}, the definition is {definition}")]
    DefinitionMismatch { score: InstrumentRef, definition: InstrumentRef },
}

impl ChangeError {
    pub fn message_id(&self) -> &'static str {
        match self {
            ChangeError::DifferentInstruments { .. } => "err-instrument-different-instruments",
            ChangeError::VersionMismatch { .. } => "err-instrument-version-mismatch",
            ChangeError::DefinitionMismatch { .. } => "err-instrument-definition-mismatch",
        }
    }
}

/// Checks that two scores may be compared: same instrument, same definition version.
pub fn ensure_comparable(before: &InstrumentRef, after: &InstrumentRef) -> Result<(), ChangeError> {
    if before.id != after.id {
        return Err(ChangeError::DifferentInstruments { before: before.clone(), after: after.clone() });
    }
    if before.version != after.version {
        return Err(ChangeError::VersionMismatch { id: before.id.clone(), before: before.version.clone(), after: after.version.clone() });
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeCategory {
    ReliableImprovement,
    NoReliableChange,
    ReliableDeterioration,
}

/// The reliable change index and what it means.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReliableChange {
    /// Standard error of the difference, `sd × √2 × √(1 − r)`.
    pub s_diff: f64,
    /// `(after − before) / s_diff`; its sign follows the scale, not the direction of improvement.
    pub rci: f64,
    /// The smallest change in score points that counts as reliable, `1.96 × s_diff`.
    pub threshold: f64,
    pub category: ChangeCategory,
}

/// The change between two scores of one person on one instrument version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub instrument: InstrumentRef,
    pub before: f64,
    pub after: f64,
    /// `after − before`.
    pub difference: f64,
    /// The difference turned so that positive is better.
    pub improvement: f64,
    /// With a reliability and a normative SD.
    pub reliable: Option<ReliableChange>,
    /// With a reliability, a normative SD and a clinical cut-off: a reliable improvement from
    /// the clinical into the non-clinical range.
    pub clinically_significant: Option<bool>,
    /// With a published meaningful change: whether the improvement reaches it.
    pub meaningful_improvement: Option<bool>,
    /// True when either score was prorated: read the change with more care.
    pub prorated: bool,
}

/// The change from `before` to `after`, both scored with `def`.
pub fn change(def: &Definition, before: &ScoreResult, after: &ScoreResult) -> Result<Change, ChangeError> {
    ensure_comparable(&before.instrument, &after.instrument)?;
    if def.instrument() != before.instrument {
        return Err(ChangeError::DefinitionMismatch { score: before.instrument.clone(), definition: def.instrument() });
    }
    let difference = after.score - before.score;
    let improvement = if def.higher_is_better { difference } else { -difference };
    let reliable = match (&def.reliability, &def.norm_sd) {
        (Some(r), Some(sd)) => {
            let s_diff = sd.value * std::f64::consts::SQRT_2 * (1.0 - r.coefficient).sqrt();
            let rci = difference / s_diff;
            let toward_better = if def.higher_is_better { rci } else { -rci };
            let category = if toward_better > RELIABLE_CHANGE_Z {
                ChangeCategory::ReliableImprovement
            } else if toward_better < -RELIABLE_CHANGE_Z {
                ChangeCategory::ReliableDeterioration
            } else {
                ChangeCategory::NoReliableChange
            };
            Some(ReliableChange { s_diff, rci, threshold: RELIABLE_CHANGE_Z * s_diff, category })
        }
        _ => None,
    };
    let clinically_significant = match (&reliable, &def.clinical_cutoff) {
        (Some(rc), Some(cut)) => {
            Some(rc.category == ChangeCategory::ReliableImprovement && cut.is_clinical(before.score) && !cut.is_clinical(after.score))
        }
        _ => None,
    };
    let meaningful_improvement = def.meaningful_change.as_ref().map(|m| improvement >= m.value);
    Ok(Change {
        instrument: def.instrument(),
        before: before.score,
        after: after.score,
        difference,
        improvement,
        reliable,
        clinically_significant,
        meaningful_improvement,
        prorated: before.prorated || after.prorated,
    })
}
