//! Sammen's evaluation statistics: pure functions that turn scores into the numbers an honest
//! evaluation report prints.
//!
//! Owns: reading the evaluator's files, CSV, `.xlsx` or `.ods` (`input`), paired change with its effect sizes
//! (`change`), random-effects pooling across sites (`meta`), reliable and clinically
//! significant change (`rci`), agreement between the coders of interviews (`agreement`), attrition and sensitivity analyses (`attrition`), the
//! distributions they rest on (`dist`), small-number suppression of published counts
//! (`suppress`), cost-benefit with its sensitivity analysis (`cost`), participant flow and
//! response rates (`flow`), and the published controlled effects a result is set beside
//! (`context`). Every formula and its source is in
//! `docs/evaluation.md`; the tests hold reference values from R's metafor and from
//! scipy/statsmodels (`tools/reference/make_reference.py`).
//!
//! Must not depend on any other Sammen crate but `sammen-tabular` (the one reader of tables, no
//! IO of its own), nor do IO: it takes bytes, text or numbers and returns serialisable values.
//! Its other dependencies are `serde`, `serde_json` (reading the reference table of `context`)
//! and `thiserror`.

pub mod agreement;
pub mod attrition;
pub mod change;
pub mod context;
pub mod cost;
pub mod dist;
pub mod flow;
pub mod input;
pub mod meta;
pub mod qualitative;
pub mod rci;
pub mod suppress;

use serde::Serialize;

pub use agreement::{
    AgreementReport, CodeAgreement, CodingTable, agreement, coding_table_from_file, cohen_kappa, krippendorff_alpha_nominal,
    percent_agreement,
};
pub use attrition::{AttritionReport, StandardisedDifference, attrition, attrition_for, hedges_g};
pub use change::{
    ChangeReport, ChangeStats, SiteChange, SiteData, change_from_file, change_report, combine_sites, group_by_site, paired_change,
    site_effects, smcr_from_summary,
};
pub use context::{ContextError, ReferenceEffect, ReferenceOutcome, ReferenceTable, default_table, parse_table};
pub use cost::{
    CostBenefit, CostError, CostInputs, End, Interval, Price, PriceDefaults, PriceUsed, ProgrammeCost, Scenario, ScenarioInput,
    SensitivityItem, ServiceUse, ServiceUseCost, cost_benefit, default_prices_dk, validate_cost_inputs,
};
pub use flow::{Flow, FlowError, FlowPerson, FlowPlan, FlowReport, SiteFlow, WaveFlow, participant_flow, participant_flow_counted};
pub use input::{ChangeRow, SiteEffect, Wave, read_change, read_file, read_pool, read_summaries, summaries_from_text};
pub use meta::{Method, PoolResult, pool, pool_from_file, pool_sites};
pub use rci::{
    ChangeCategory, Count, PersonChange, RELIABLE_CHANGE_Z, ReliableChangeReport, ReliableChangeSettings, classify, reliable_change,
    standard_error_of_difference,
};
pub use sammen_tabular::TableError;
pub use suppress::{
    Cell, CountTable, Position, SUPPRESSED_MARKER, SuppressedTable, SuppressionEvent, SuppressionOutcome, SuppressionReason,
    SuppressionRules, statistic_allowed, suppress_table,
};

/// Why an evaluation could not be computed.
#[derive(Debug, Clone, PartialEq, Serialize, thiserror::Error)]
pub enum EvalError {
    /// The input file is malformed; the error names the line and column.
    #[error(transparent)]
    Input(#[from] TableError),
    /// Pooling needs at least three sites.
    #[error("pooling needs at least 3 sites, found {found}")]
    TooFewSites { found: usize },
    /// The numbers given cannot be analysed (for example unequal lengths or a negative SD).
    #[error("{0}")]
    InvalidInput(String),
    /// The REML iteration did not converge within 100 steps.
    #[error("the REML estimate of tau² did not converge within 100 iterations; try --method dl")]
    NoConvergence,
}
