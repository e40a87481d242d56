//! Sammen's measurement instruments, pure and with no IO: definitions as data, scoring,
//! change, CHIME profiles and the HL7 FHIR R4 mapping.
//!
//! Owns the instrument definition format (JSON, `docs/instruments.md`) and its validation;
//! the shipped definitions (QPR-15, WHO-5, SWEMWBS, Brief INSPIRE-O, ORS and BARC-10 as
//! structure and scoring without their licensed item text, plus Sammen's own CHIME check-in,
//! which is not validated); scoring (reverse-scored items, prorating under the missing-item
//! rule, aggregation, conversion tables, range checks); reliable and clinically significant
//! change; CHIME profiles; and FHIR R4 `Questionnaire` / `QuestionnaireResponse` export and
//! import with a structural R4 validator. A score carries the definition's id and version,
//! and scores of different versions are never compared.
//!
//! Must not depend on any other Sammen crate, nor read files, clocks or the environment:
//! storage, the UI and the API are the caller's. Its dependencies are `serde`, `serde_json`
//! and `thiserror`.
//!
//! ```
//! use sammen_instruments::{AnswerValue, Answers, score, shipped_definition};
//!
//! let who5 = shipped_definition("who-5").unwrap().unwrap();
//! let answers: Answers = (1..=5).map(|i| (i.to_string(), AnswerValue::Code("3".into()))).collect();
//! let result = score(&who5, &answers).unwrap();
//! assert_eq!(result.raw, 15.0);
//! assert_eq!(result.score, 60.0); // raw × 4
//! assert_eq!(result.band.as_deref(), Some("above_cutoff"));
//! ```

mod change;
mod chime;
pub mod fhir;
mod model;
mod scoring;
mod shipped;

pub use change::{Change, ChangeCategory, ChangeError, RELIABLE_CHANGE_Z, ReliableChange, change, ensure_comparable};
pub use chime::{ChimeDomain, ChimeError, ChimeProfile, DomainScore, chime_profile};
pub use model::{
    Aggregation, AnswerOption, Band, Bound, Citation, ClinicalCutoff, ClinicalSide, ConversionRow, ConversionTable, Definition,
    DefinitionError, INSTRUCTIONS, InstrumentRef, Item, Lang, Licence, MissingRule, Reliability, ReliabilityKind, ResponseScale,
    ScoreRange, Sourced, Subscale, TOTAL, Text, parse_definition,
};
pub use scoring::{
    AnswerValue, Answers, ScoreError, ScoreResult, SubscaleScore, answer_weight, item_scores, reverse_weight, score, subscale_scores,
};
pub use shipped::{SHIPPED_JSON, shipped, shipped_definition};
