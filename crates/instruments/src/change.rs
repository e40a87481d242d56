//! Change between two scores of one person: reliable change (Jacobson & Truax 1991),
//! clinically significant change and a published meaningful change, each only where the
//! definition has the published values. Scores of different versions are never compared.

use serde::{Deserialize, Serialize};

use crate::model::{Definition, InstrumentRef};
use crate::scoring::ScoreResult;

// Jacobson–Truax is computed in one place, the evaluation crate, for single people here and
// for groups in the reports.
pub use sammen_evaluation::{ChangeCategory, RELIABLE_CHANGE_Z};
use sammen_evaluation::{classify, standard_error_of_difference};

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
            let s_diff = standard_error_of_difference(sd.value, r.coefficient);
            let rci = difference / s_diff;
            Some(ReliableChange { s_diff, rci, threshold: RELIABLE_CHANGE_Z * s_diff, category: classify(rci, def.higher_is_better) })
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
