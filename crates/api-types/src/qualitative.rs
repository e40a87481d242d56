//! Interview studies: the studies, their codebook and interviews (never a transcript), and the
//! agreement between their coders.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A study in a list: the same shape as `sammen qualitative studies --format json`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StudyItem {
    #[schema(value_type = crate::schema::Id)]
    pub id: String,
    pub name: String,
    /// Interviews recorded (withdrawn ones included).
    pub interviews: usize,
    pub coders: usize,
}

/// A question of the interview guide, in Danish and English.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct GuideQuestion {
    pub da: String,
    pub en: String,
}

/// A code of a study's codebook, in tree order.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StudyCode {
    #[schema(value_type = crate::schema::Id)]
    pub id: String,
    #[schema(value_type = Option<crate::schema::Id>)]
    pub parent: Option<String>,
    /// The REFI-QDA GUID, kept through export and import.
    pub guid: String,
    pub name: String,
    pub description: String,
    pub example: String,
    /// `connectedness`, `hope`, `identity`, `meaning`, `empowerment`, `life_change`,
    /// `difficulty`, or none for a code of the study's own.
    pub theme: Option<String>,
    pub retired: bool,
    #[schema(value_type = Option<crate::schema::Id>)]
    pub merged_into: Option<String>,
}

/// An interview of a study, without its transcript.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StudyInterview {
    #[schema(value_type = crate::schema::Id)]
    pub id: String,
    /// For example `D1` or `P2`.
    pub pseudonym: String,
    /// `participant`, `peer_worker`, `relative` or `staff`.
    pub kind: String,
    /// `YYYY-MM-DD`.
    pub interviewed_on: String,
    /// `active` or `withdrawn`.
    pub status: String,
    pub segments: usize,
    /// How many coders have marked the interview done.
    pub coders_done: usize,
    pub all_done: bool,
}

/// A study with its guide, codebook and interviews.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Study {
    #[schema(value_type = crate::schema::Id)]
    pub id: String,
    pub name: String,
    /// `organisation`, `programme` or `partnership`.
    pub scope: String,
    /// The programme's or partnership's name; the organisation's for an organisation's study.
    pub scope_name: String,
    pub organisation: String,
    pub purpose: String,
    pub sampling: String,
    pub keep_original: bool,
    pub guide: Vec<GuideQuestion>,
    /// The coders' names.
    pub coders: Vec<String>,
    pub codebook: Vec<StudyCode>,
    pub interviews: Vec<StudyInterview>,
}

/// Agreement on one code.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CodeAgreement {
    #[schema(value_type = crate::schema::Id)]
    pub code: String,
    pub name: String,
    pub n_segments: usize,
    /// 0 to 1; null when it cannot be computed.
    pub percent_agreement: Option<f64>,
    /// Null unless there are exactly two coders.
    pub cohen_kappa: Option<f64>,
    pub krippendorff_alpha: Option<f64>,
}

/// The agreement between a study's coders, over the interviews every coder has marked done;
/// the unit is a (segment, code) pair, present or absent for each coder.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StudyAgreement {
    pub coders: Vec<String>,
    pub interviews: usize,
    pub segments: usize,
    pub codes: Vec<CodeAgreement>,
    /// Krippendorff's alpha (nominal) over every (segment, code) unit.
    pub overall_krippendorff_alpha: Option<f64>,
}
