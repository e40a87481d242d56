//! Evaluation reports and pooled results as CSV, in the long, stable shape the workforce
//! overview's CSV has: one row per figure, columns `measure,group,label,value`.
//!
//! * `measure` is a code that does not change with the language (`change_mean`,
//!   `pooled_ci_low` …); a figure about one follow-up wave carries the wave's code after a
//!   colon (`flow_answered:week-8`).
//! * `group` is `overall` for the whole report or `site` for one site, whose name is then the
//!   `label` (site names are the organisations' and programmes' own, in no language).
//! * `value` is a number in the file's dialect, or `x` where small-number suppression hides
//!   it. A figure that could not be computed has no row.
//!
//! Only the aggregates the report shows are written: the same suppression holds.

use sammen_evaluation::SUPPRESSED_MARKER;
use sammen_reports::{CsvError, CsvField, CsvWriter, NumberStyle};

use super::report::{PooledSummaries, ReportData, SiteEffect, SiteEntry};

/// A report's figures, rows in a fixed order.
struct Rows {
    out: CsvWriter,
}

impl Rows {
    fn new(style: NumberStyle) -> Self {
        let mut out = CsvWriter::new(style);
        out.row(["measure", "group", "label", "value"].map(CsvField::Text));
        Rows { out }
    }

    fn value(&mut self, measure: &str, site: Option<&str>, value: CsvField<'_>) {
        let (group, label) = match site {
            Some(name) => ("site", name),
            None => ("overall", ""),
        };
        self.out.row([CsvField::Text(measure), CsvField::Text(group), CsvField::Text(label), value]);
    }

    /// A figure that is there, or no row.
    fn some(&mut self, measure: &str, site: Option<&str>, value: Option<f64>) {
        if let Some(v) = value.filter(|v| v.is_finite()) {
            self.value(measure, site, CsvField::Number(v));
        }
    }

    fn hidden(&mut self, measure: &str, site: Option<&str>) {
        self.value(measure, site, CsvField::Text(SUPPRESSED_MARKER));
    }

    fn count(&mut self, measure: &str, site: Option<&str>, value: Option<usize>) {
        match value {
            Some(v) => self.value(measure, site, CsvField::from(v)),
            None => self.hidden(measure, site),
        }
    }

    fn change(&mut self, e: &SiteEntry, site: Option<&str>) {
        match (&e.stats, e.suppressed) {
            (Some(s), false) => {
                self.value("change_n", site, CsvField::from(s.n));
                for (measure, v) in [
                    ("change_mean_pre", s.mean_pre),
                    ("change_mean_post", s.mean_post),
                    ("change_mean", s.mean_change),
                    ("change_ci_low", s.ci_low),
                    ("change_ci_high", s.ci_high),
                    ("change_p", s.p),
                    ("change_r", s.r),
                    ("change_d_z", s.d_z),
                    ("change_d_av", s.d_av),
                    ("change_g_av", s.g_av),
                    ("change_smcr", s.smcr),
                ] {
                    self.some(measure, site, v);
                }
            }
            _ => self.hidden("change_n", site),
        }
    }

    fn effects(&mut self, effects: &[SiteEffect]) {
        for e in effects {
            let site = Some(e.site.as_str());
            self.some("effect_yi", site, Some(e.yi));
            self.some("effect_vi", site, Some(e.vi));
            self.some("effect_ci_low", site, Some(e.ci_low));
            self.some("effect_ci_high", site, Some(e.ci_high));
            self.some("effect_weight_percent", site, Some(e.weight));
        }
    }

    fn pooled(&mut self, p: &sammen_evaluation::PoolResult) {
        for (measure, v) in [
            ("pooled_k", p.k as f64),
            ("pooled_estimate", p.estimate),
            ("pooled_se", p.se),
            ("pooled_ci_low", p.ci_low),
            ("pooled_ci_high", p.ci_high),
            ("pooled_pi_low", p.pi_low),
            ("pooled_pi_high", p.pi_high),
            ("pooled_tau2", p.tau2),
            ("pooled_i2_percent", p.i2),
            ("pooled_q", p.q),
            ("pooled_q_p", p.q_p),
        ] {
            self.some(measure, None, Some(v));
        }
    }
}

/// A report's figures as CSV in the reader's dialect (`;` and decimal commas for Danish).
pub fn report_csv(d: &ReportData, style: NumberStyle) -> Result<Vec<u8>, CsvError> {
    let mut rows = Rows::new(style);
    for site in &d.flow.sites {
        let name = Some(site.site.as_str());
        if d.flow_hidden.contains(&site.site) {
            rows.hidden("flow_started", name);
            continue;
        }
        flow(&mut rows, &site.flow, name);
    }
    flow(&mut rows, &d.flow.overall, None);

    for e in &d.sites {
        rows.change(e, Some(e.site.as_str()));
    }
    rows.change(&d.overall, None);

    if let Some(rc) = &d.reliable {
        rows.some("reliable_threshold", None, Some(rc.threshold));
        for c in rc.sites.iter().map(|c| (c, Some(c.site.as_str()))).chain(std::iter::once((&rc.overall, None))) {
            let (c, site) = c;
            rows.value("reliable_n", site, CsvField::from(c.n));
            rows.count("reliable_improved", site, c.improved);
            rows.count("reliable_unchanged", site, c.unchanged);
            rows.count("reliable_deteriorated", site, c.deteriorated);
        }
    }

    let attrition = d.attrition.iter().map(|a| (&a.report, Some(a.site.as_str()))).chain(d.attrition_overall.iter().map(|a| (a, None)));
    for (a, site) in attrition {
        rows.value("attrition_n_baseline", site, CsvField::from(a.n_baseline));
        rows.value("attrition_n_completers", site, CsvField::from(a.n_completers));
        rows.some("attrition_completion_share", site, a.completion_share);
        rows.some("attrition_change_complete_case", site, a.complete_case.mean_change);
        rows.some("attrition_change_assume_no_change", site, a.assume_no_change.mean_change);
        rows.some("attrition_change_assume_decline", site, a.assume_decline.mean_change);
    }

    rows.effects(&d.effects);
    if let Some(p) = &d.pooled {
        rows.pooled(p);
    }

    if let Some(cost) = &d.cost {
        super::report_cost::write_csv(&mut rows.out, cost);
    }
    super::report_outcomes::write_csv(&mut rows.out, d.outcomes.as_ref());
    super::report_completion::write_csv(&mut rows.out, d.completion.as_ref());
    rows.out.finish()
}

fn flow(rows: &mut Rows, f: &sammen_evaluation::Flow, site: Option<&str>) {
    rows.value("flow_started", site, CsvField::from(f.started));
    rows.value("flow_baseline", site, CsvField::from(f.baseline));
    for w in &f.waves {
        rows.value(&format!("flow_answered:{}", w.wave), site, CsvField::from(w.answered));
        rows.some(&format!("flow_response_rate_due:{}", w.wave), site, w.response_rate_due);
    }
    rows.value("flow_analysed", site, CsvField::from(f.analysed));
}

/// Pooled summaries as CSV: each site's effect, then the pooled result.
pub fn pooled_csv(p: &PooledSummaries, style: NumberStyle) -> Result<Vec<u8>, CsvError> {
    let mut rows = Rows::new(style);
    rows.effects(&p.effects);
    rows.pooled(&p.pooled);
    rows.out.finish()
}
