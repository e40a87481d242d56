//! Evaluation reports: for a programme, an organisation or a partnership, a period,
//! an instrument (total or subscale) and a follow-up wave — the participant flow, paired
//! change per site and overall, reliable change, attrition with sensitivity results, pooling
//! across sites, with small cells suppressed in every table and statistic.
//!
//! The numbers come from `sammen-evaluation`; the words and pictures from
//! [`document`], which builds one `sammen_reports::Report` that the web page, the PDF and the
//! XLSX all show. Person-level data never leaves this module: a partnership report reads each
//! party's scores only when an agreement in force lets aggregate outcomes flow, and shows only
//! per-site summaries.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use sammen_domain::audit::AuditAction;
use sammen_domain::measurement::{valid_wave, wave_due, wave_order};
use sammen_domain::policy::{self, Basis};
use sammen_domain::time::{Timestamp, Zone, format_date};
use sammen_domain::{OrgId, PartnershipId, ProgrammeId, ValidationErrors};
use sammen_evaluation::{
    AttritionReport, ChangeStats, Count, CountTable, FlowPerson, FlowPlan, FlowReport, Method, PoolResult, Price, PriceDefaults,
    ReferenceTable, ReliableChangeSettings, SiteData, SuppressedTable, SuppressionRules, attrition_for, combine_sites, paired_change,
    parse_table, participant_flow_counted, pool, reliable_change, statistic_allowed, suppress_table,
};
use sammen_i18n::{Arg, I18n, Lang};
use sammen_instruments::{Definition, InstrumentRef, ScoreResult};
use sammen_reports::{
    Bar, BarValue, Bars, Block, Cell as RCell, Chart, ChartKind, Column, Flow as RFlow, FlowLoss, FlowStep, Forest, ForestHeaders,
    ForestPooled, ForestRow, NumberStyle, PredictionInterval, Report, Table,
};
use sammen_store::measurement as sm;
use sammen_store::{DbConnection, directory as std_};
use serde::Serialize;
use time::Date;

use crate::directory::agreements_involving;
use crate::measurement::shipped_definition;
use crate::{App, AppError, AppResult, Ctx, Subject};

const BASELINE: &str = "baseline";

/// A fast hasher for the report's maps of server-made ids (no untrusted keys, so no need for
/// SipHash's resistance to collisions chosen by an attacker).
#[derive(Default)]
struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }
    fn finish(&self) -> u64 {
        // MurmurHash3's finaliser: the multiply above leaves the low bits weak, and the map
        // picks its bucket from them.
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<FxHasher>>;

/// What a report is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportScope {
    /// One programme: a single site.
    Programme(ProgrammeId),
    /// An organisation: its programmes are the sites.
    Organisation(OrgId),
    /// A partnership: the parties are the sites.
    Partnership(PartnershipId),
}

/// What the user asked for.
#[derive(Debug, Clone)]
pub struct ReportRequest {
    pub scope: ReportScope,
    pub instrument: String,
    /// A subscale's id; `None` for the total score.
    pub scale: Option<String>,
    /// The follow-up wave compared with the baseline, e.g. `closure` or `week-8`.
    pub wave: String,
    /// Courses that started on or after `from` and before the day after `to`.
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub method: Method,
    pub hartung_knapp: bool,
    pub rules: SuppressionRules,
    /// The programme's costs over a period, for a cost-benefit section.
    pub cost: Option<CostRequest>,
}

/// What a cost-benefit section needs: its hours come from Sammen's records of the period.
pub use super::report_cost::CostRequest;

impl ReportRequest {
    /// Checks the request's own fields: dates in order, a known instrument, scale and wave.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::new();
        match shipped_definition(&self.instrument, None) {
            Ok(d) => {
                if let Some(s) = &self.scale
                    && !d.subscales.iter().any(|x| &x.id == s)
                {
                    e.add("scale", "err-choice");
                }
            }
            Err(_) => e.add("instrument", "err-choice"),
        }
        if !valid_wave(&self.wave) {
            e.add("wave", "err-report-wave");
        }
        if let (Some(f), Some(t)) = (self.from, self.to)
            && t < f
        {
            e.add("to", "err-date-order");
        }
        super::report_cost::validate(self.cost.as_ref(), self.from, self.to, &mut e);
        if self.rules.min_count < 1 || self.rules.min_group_for_statistics < self.rules.min_count {
            e.add("min_count", "err-report-thresholds");
        }
        e.into_result()
    }
}

/// One site's change: the statistics, or `suppressed` when the group is too small to show them.
#[derive(Debug, Clone, Serialize)]
pub struct SiteEntry {
    pub site: String,
    pub suppressed: bool,
    #[serde(flatten)]
    pub stats: Option<ChangeStats>,
}

/// Reliable change counts of one site (after suppression) or overall.
#[derive(Debug, Clone, Serialize)]
pub struct ReliableCounts {
    pub site: String,
    pub n: usize,
    /// Improved, no reliable change, deteriorated: `None` where the count is hidden.
    pub improved: Option<usize>,
    pub unchanged: Option<usize>,
    pub deteriorated: Option<usize>,
    pub clinically_significant: Option<usize>,
}

/// Reliable change across the report.
#[derive(Debug, Clone, Serialize)]
pub struct ReliableSummary {
    pub reliability: f64,
    /// The SD in the standard error of measurement, and whether it is the instrument's norm.
    pub sd: f64,
    pub sd_is_norm: bool,
    /// The smallest reliable change in score points.
    pub threshold: f64,
    pub sites: Vec<ReliableCounts>,
    pub overall: ReliableCounts,
}

/// Attrition of a site, or overall.
#[derive(Debug, Clone, Serialize)]
pub struct SiteAttrition {
    pub site: String,
    #[serde(flatten)]
    pub report: AttritionReport,
}

/// A site's standardised mean change as pooled.
#[derive(Debug, Clone, Serialize)]
pub struct SiteEffect {
    pub site: String,
    pub yi: f64,
    pub vi: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    /// Random-effects weight in percent.
    pub weight: f64,
}

/// Everything a report shows, as numbers (`--format json` prints this).
#[derive(Debug, Clone, Serialize)]
pub struct ReportData {
    pub scope: &'static str,
    pub title: String,
    pub instrument: InstrumentRef,
    pub instrument_title: (String, String),
    pub validated: bool,
    pub scale: Option<String>,
    pub higher_is_better: bool,
    pub wave: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub generated_at: String,
    pub sites: Vec<SiteEntry>,
    pub overall: SiteEntry,
    pub flow: FlowReport,
    /// Sites whose flow is hidden (small counts, or to protect one that is).
    pub flow_hidden: Vec<String>,
    pub reliable: Option<ReliableSummary>,
    /// Why there is no reliable-change section (a message id).
    pub reliable_missing: Option<&'static str>,
    pub attrition: Vec<SiteAttrition>,
    pub attrition_overall: Option<AttritionReport>,
    pub effects: Vec<SiteEffect>,
    pub pooled: Option<PoolResult>,
    pub method: &'static str,
    pub hartung_knapp: bool,
    /// Why there is no pooled result (a message id).
    pub pooled_missing: Option<&'static str>,
    /// Parties whose data is not in the report, for want of an agreement.
    pub excluded: Vec<String>,
    pub rules: SuppressionRules,
    pub suppressed_cells: usize,
    /// Published controlled effects of peer support on recovery and hope, with sources.
    pub context: Vec<sammen_evaluation::ReferenceEffect>,
    /// The cost-benefit analysis from recorded hours, when costs were asked for.
    pub cost: Option<super::report_cost::CostSection>,
    /// "What people told us": the interview studies of the scope.
    pub qualitative: Vec<crate::measurement::report_qualitative::QualitativeSection>,
    /// Life outcomes and the CHIME check-in profile of the people followed.
    pub outcomes: Option<crate::measurement::report_outcomes::OutcomesSection>,
    /// Follow-up completion of the instrument's plans in the scope, against their target.
    pub completion: Option<crate::measurement::report_completion::CompletionSection>,
}

fn method_code(m: Method) -> &'static str {
    match m {
        Method::Reml => "reml",
        Method::Dl => "dl",
    }
}

/// Sites of a scope: (organisation ids read, programme filter, site key → site name, site of a person).
/// The site keys are ids as text: the report's inputs name organisations and programmes so.
struct Sites {
    orgs: Vec<OrgId>,
    programme: Option<ProgrammeId>,
    by_programme: bool,
    names: BTreeMap<String, String>,
    excluded: Vec<String>,
    title: String,
    scope: &'static str,
    audit_org: Option<OrgId>,
    basis: Basis,
}

/// Works out which organisations' data a report may read, checking the policy.
fn sites_of(conn: &mut DbConnection, ctx: &Ctx, scope: ReportScope, today: Date) -> AppResult<Sites> {
    match scope {
        ReportScope::Programme(id) => {
            let p = std_::programme(conn, id)?.ok_or(AppError::NotFound)?;
            let org = p.organisation_id.get();
            let basis = policy::view_report(&ctx.actor, org).map_err(|_| AppError::NotFound)?;
            Ok(Sites {
                orgs: vec![org],
                programme: Some(p.id.get()),
                by_programme: true,
                names: BTreeMap::from([(p.id.to_string(), p.name.clone())]),
                excluded: Vec::new(),
                title: p.name.clone(),
                scope: "programme",
                audit_org: Some(org),
                basis,
            })
        }
        ReportScope::Organisation(org) => {
            let basis = policy::view_report(&ctx.actor, org).map_err(|_| AppError::NotFound)?;
            let o = std_::org(conn, org)?.ok_or(AppError::NotFound)?;
            let (programmes, _) = std_::programmes_of(conn, &[org], sammen_store::Page { offset: 0, limit: 10_000 })?;
            Ok(Sites {
                orgs: vec![org],
                programme: None,
                by_programme: true,
                names: programmes.into_iter().map(|p| (p.id.to_string(), p.name)).collect(),
                excluded: Vec::new(),
                title: o.name,
                scope: "organisation",
                audit_org: Some(org),
                basis,
            })
        }
        ReportScope::Partnership(id) => {
            let (p, party_ids) = std_::partnership(conn, id)?.ok_or(AppError::NotFound)?;
            // The actor reads from one of the parties where they may see reports (the system
            // administrator from all of them).
            let viewer = match ctx.org {
                Some(o) if party_ids.contains(&o) => Some(o),
                _ => None,
            };
            let basis = match (viewer, ctx.actor.system_admin) {
                (_, true) => Basis::SystemAdministration,
                (Some(v), false) => {
                    policy::view_report(&ctx.actor, v).map_err(|_| AppError::NotFound)?;
                    Basis::Partnership(id)
                }
                (None, false) => return Err(AppError::NotFound),
            };
            let mut orgs = Vec::new();
            let mut names = BTreeMap::new();
            let mut excluded = Vec::new();
            for party in &party_ids {
                let Some(o) = std_::org(conn, *party)? else { continue };
                let allowed = match viewer {
                    None => true,
                    Some(v) => {
                        let agreements = agreements_involving(conn, *party)?;
                        policy::aggregates_flow(*party, v, &agreements, today)
                    }
                };
                if allowed {
                    orgs.push(o.id.get());
                    names.insert(o.id.to_string(), o.name);
                } else {
                    excluded.push(o.name);
                }
            }
            Ok(Sites {
                orgs,
                programme: None,
                by_programme: false,
                names,
                excluded,
                title: p.name,
                scope: "partnership",
                audit_org: viewer,
                basis,
            })
        }
    }
}

/// The organisations (and programme) a report on `scope` reads, as the policy allows; for the
/// report form's choices.
pub(crate) fn scope_orgs(
    conn: &mut DbConnection,
    ctx: &Ctx,
    scope: ReportScope,
    today: Date,
) -> AppResult<(Vec<OrgId>, Option<ProgrammeId>)> {
    let s = sites_of(conn, ctx, scope, today)?;
    Ok((s.orgs, s.programme))
}

/// Hides the flow of every site with a count between 1 and the threshold, and, when that
/// leaves exactly one site hidden, the smallest other site too, so that the hidden one cannot
/// be worked out from the overall flow.
fn hide_flows(flow: &FlowReport, rules: &SuppressionRules) -> Vec<String> {
    let mut hidden: Vec<String> = flow.sites.iter().filter(|s| !s.flow.publishable(rules)).map(|s| s.site.clone()).collect();
    if hidden.len() == 1
        && let Some(other) = flow.sites.iter().filter(|s| !hidden.contains(&s.site)).min_by_key(|s| s.flow.registered)
    {
        hidden.push(other.site.clone());
    }
    hidden
}

fn rc_counts(rc: &sammen_evaluation::ReliableChangeReport) -> [u64; 3] {
    [rc.reliable_improvement.count as u64, rc.no_reliable_change.count as u64, rc.reliable_deterioration.count as u64]
}

fn shown(c: sammen_evaluation::Cell) -> Option<usize> {
    c.shown().map(|v| v as usize)
}

/// Computes a report.
///
/// The person-level scores are read from one snapshot on the read pool (never holding the
/// writer, which a report over millions of answers would), summarised and dropped here; the
/// report is released only after its audit record has committed. A denial is audited too.
pub async fn compute(app: &App, ctx: &Ctx, req: ReportRequest) -> AppResult<ReportData> {
    req.validate()?;
    let def = shipped_definition(&req.instrument, None)?.clone();
    let now = app.now();
    let zone = app.zone(ctx).await?;
    let ctx2 = ctx.clone();
    let scope = req.scope;
    let today = zone.today(now);
    let sites = app.db.read(move |c| sites_of(c, &ctx2, scope, today)).await;
    let sites = match sites {
        Ok(s) => s,
        Err(e) => {
            // The refusal commits on its own (the job succeeds), then the report answers `e`.
            let (ctx, subject) = (ctx.clone(), Subject::within("report", ctx.org));
            return Err(app
                .db
                .write(move |tx| -> AppResult<AppError> { Ok(ctx.refuse(tx, now, AuditAction::Export, subject, e)) })
                .await?);
        }
    };
    let viewer = ctx.org;
    let (data, sites) = app
        .db
        .read(move |c| -> AppResult<(ReportData, Sites)> {
            // A wave no plan in scope measures is an error, not an empty report.
            super::report_form::check_wave(c, &sites.orgs, sites.programme, &def.id, &req.wave)?;
            let scale = req.scale.clone();
            let pick = move |json: &str| -> Option<f64> {
                let r = serde_json::from_str::<ScoreResult>(json).ok()?;
                r.subscales.into_iter().find(|s| Some(&s.id) == scale.as_ref()).and_then(|s| s.score)
            };
            let inputs = sm::report_inputs(
                c,
                sm::ReportQuery {
                    orgs: &sites.orgs,
                    programme: sites.programme,
                    from: req.from.map(|d| zone.start_of_day(d).micros()),
                    to: req.to.map(|d| zone.start_of_day(d + time::Duration::days(1)).micros()),
                    instrument: (def.id.as_str(), def.version.as_str()),
                    life_events: req.cost.is_some(),
                },
                if req.scale.is_some() { Some(&pick) } else { None },
            )?;
            let mut data = summarise(&req, &def, &sites, &inputs.people, &inputs.scores, now, &zone)?;
            data.qualitative = crate::measurement::qualitative::analysis::report_sections(c, req.scope, &sites.orgs, &req.rules, now)?;
            data.suppressed_cells += data.qualitative.iter().map(|q| q.hidden).sum::<usize>();
            data.completion = crate::measurement::report_completion::section(c, &sites.orgs, sites.programme, &def.id, &req.rules, now)?;
            data.suppressed_cells += data.completion.as_ref().map_or(0, |s| s.hidden);
            let outcomes_scope = crate::measurement::report_outcomes::Scope {
                orgs: &sites.orgs,
                programme: sites.programme,
                names: &sites.names,
                by_programme: sites.by_programme,
            };
            let outcomes = crate::measurement::report_outcomes::for_report(
                c,
                &outcomes_scope,
                &inputs.people,
                &req.wave,
                req.to,
                today,
                &req.rules,
                &zone,
            )?;
            data.suppressed_cells += outcomes.hidden;
            data.outcomes = Some(outcomes);
            if let Some(table) = reference_table_of(c, viewer)? {
                data.context = context_entries(table);
            }
            if let (Some(cost), Some(from), Some(to)) = (&req.cost, req.from, req.to) {
                let scope = super::report_cost::CostScope {
                    orgs: &sites.orgs,
                    programme: sites.programme,
                    party_names: (!sites.by_programme).then_some(&sites.names),
                    viewer,
                };
                data.cost = Some(super::report_cost::section(c, cost, &scope, from, to, &inputs.people, &inputs.events, now, &zone)?);
            }
            Ok((data, sites))
        })
        .await?;
    let purpose = format!("{};suppressed={}", sites.basis.describe(), data.suppressed_cells);
    let org = sites.audit_org.map(|o| o.to_string());
    let event =
        ctx.event(now, AuditAction::Export, "report", Some(sites.scope.to_owned()), org, purpose, sammen_domain::audit::AuditOutcome::Ok);
    app.db
        .write(move |tx| -> AppResult<()> {
            tx.audit(event);
            Ok(())
        })
        .await?;
    if data.suppressed_cells > 0 {
        tracing::info!(scope = sites.scope, cells = data.suppressed_cells, "report: small cells suppressed");
    }
    Ok(data)
}

/// The report's numbers from the people in scope and their scores (pure apart from its inputs).
fn summarise(
    req: &ReportRequest,
    def: &Definition,
    sites: &Sites,
    people: &[(String, Vec<sm::ReportCourse>)],
    scores: &[sm::ReportWaveScores],
    now: Timestamp,
    zone: &Zone,
) -> AppResult<ReportData> {
    // Every wave answered in scope, in the plan's order, with the baseline and the analysed wave.
    let mut waves: Vec<String> = Vec::new();
    for g in scores {
        if !waves.contains(&g.wave) {
            waves.push(g.wave.clone());
        }
    }
    for w in [BASELINE, req.wave.as_str()] {
        if !waves.iter().any(|x| x == w) {
            waves.push(w.to_owned());
        }
    }
    waves.retain(|w| w == BASELINE || valid_wave(w));
    waves.sort_by_key(|w| wave_order(w));
    // Everything below runs on small integers: a person is an index, a site an index into
    // `site_names`, a wave a bit (a plan has far fewer than 64 waves).
    waves.truncate(64);
    let bit = |w: &str| waves.iter().position(|x| x == w).map(|i| 1u64 << i);
    let baseline_bit = bit(BASELINE).unwrap_or(0);
    let site_names: Vec<&String> = sites.names.values().collect::<BTreeSet<_>>().into_iter().collect();
    let site_index = |name: &String| site_names.iter().position(|n| *n == name);
    let keys: HashMap<&str, usize> = sites.names.iter().filter_map(|(k, v)| Some((k.as_str(), site_index(v)?))).collect();
    struct Person {
        site: usize,
        not_yet_due: u64,
        answered: u64,
        pre: Option<f64>,
        post: Option<f64>,
    }
    let total: usize = people.iter().map(|(_, v)| v.len()).sum();
    // `persons[i]` is the i-th course of `people` in order; a course outside every site stays
    // in the list (so positions line up) with no site.
    let mut persons: Vec<Person> = Vec::with_capacity(total);
    let mut org_start: HashMap<&str, usize> = HashMap::new();
    for (org, courses) in people {
        org_start.insert(org.as_str(), persons.len());
        let org_site = keys.get(org.as_str()).copied();
        for (_, programme, started, closed) in courses {
            let site = if sites.by_programme { programme.as_deref().and_then(|k| keys.get(k).copied()) } else { org_site };
            let mut not_yet_due = 0;
            for (i, w) in waves.iter().enumerate() {
                if w != BASELINE && !wave_due(w, started.map(Timestamp), closed.map(Timestamp), now, zone) {
                    not_yet_due |= 1 << i;
                }
            }
            persons.push(Person { site: site.unwrap_or(usize::MAX), not_yet_due, answered: 0, pre: None, post: None });
        }
    }
    for g in scores {
        let Some(b) = bit(&g.wave) else { continue };
        let (is_pre, is_post) = (b == baseline_bit, g.wave == req.wave);
        let Some(courses) = people.iter().find(|(o, _)| *o == g.org).map(|(_, c)| c) else { continue };
        let start = org_start.get(g.org.as_str()).copied().unwrap_or(0);
        let mut record = |i: usize, score: f64| {
            let p = &mut persons[start + i];
            p.answered |= b;
            if is_pre {
                p.pre = Some(score);
            } else if is_post {
                p.post = Some(score);
            }
        };
        let courses_sorted = courses.windows(2).all(|w| w[0].0 < w[1].0);
        let rows_sorted = g.rows.windows(2).all(|w| w[0].0 < w[1].0);
        if courses_sorted && rows_sorted {
            // Both in id order (as the indexes give them): a merge, no lookups.
            let mut i = 0;
            for (pid, score) in &g.rows {
                while i < courses.len() && courses[i].0 < *pid {
                    i += 1;
                }
                if i < courses.len()
                    && courses[i].0 == *pid
                    && let Some(score) = score
                {
                    record(i, *score);
                }
            }
        } else {
            let index: FastMap<&str, usize> = courses.iter().enumerate().map(|(i, c)| (c.0.as_str(), i)).collect();
            for (pid, score) in &g.rows {
                if let (Some(&i), Some(score)) = (index.get(pid.as_str()), score) {
                    record(i, *score);
                }
            }
        }
    }
    persons.retain(|p| p.site != usize::MAX);
    let rules = req.rules;
    // The flow, from the few distinct patterns of (site, waves answered, waves not yet due).
    let mut patterns: BTreeMap<(usize, u64, u64), u64> = BTreeMap::new();
    for p in &persons {
        // A wave answered counts as due.
        *patterns.entry((p.site, p.answered, p.not_yet_due & !p.answered)).or_default() += 1;
    }
    let set = |mask: u64| -> BTreeSet<String> {
        waves.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, w)| w.clone()).collect()
    };
    let patterns: Vec<(FlowPerson, u64)> = patterns
        .into_iter()
        .map(|((site, answered, due), n)| {
            (FlowPerson { site: site_names[site].clone(), started: true, answered: set(answered), not_yet_due: set(due) }, n)
        })
        .collect();
    let flow = participant_flow_counted(&FlowPlan { waves: waves.clone(), analysis_wave: req.wave.clone() }, &patterns)
        .map_err(|e| AppError::Internal(format!("flow: {e}")))?;
    let flow_hidden = hide_flows(&flow, &rules);
    let mut suppressed_cells = flow_hidden.len();

    // Each site's pairs and the baselines of those who did not answer the follow-up.
    let mut per_site: Vec<SiteData> = site_names.iter().map(|n| SiteData { site: (*n).clone(), ..SiteData::default() }).collect();
    for p in &persons {
        let d = &mut per_site[p.site];
        match (p.pre, p.post) {
            (Some(a), Some(b)) => {
                d.pre.push(a);
                d.post.push(b);
            }
            (Some(a), None) => d.baseline_only.push(a),
            (None, Some(_)) => d.followup_only += 1,
            (None, None) => {}
        }
    }
    let data: Vec<SiteData> =
        per_site.into_iter().filter(|d| !d.pre.is_empty() || !d.baseline_only.is_empty() || d.followup_only > 0).collect();
    let all = combine_sites(&data);
    let allowed = |n: usize| statistic_allowed(n as u64, &rules);
    let entry = |site: &str, d: &SiteData| -> AppResult<SiteEntry> {
        if !allowed(d.pre.len()) {
            return Ok(SiteEntry { site: site.to_owned(), suppressed: true, stats: None });
        }
        let stats = paired_change(&d.pre, &d.post).map_err(|e| AppError::Internal(e.to_string()))?;
        Ok(SiteEntry { site: site.to_owned(), suppressed: false, stats: Some(stats) })
    };
    let mut site_entries = Vec::new();
    for d in &data {
        let e = entry(&d.site, d)?;
        if e.suppressed {
            suppressed_cells += 1;
        }
        site_entries.push(e);
    }
    let overall = entry("", &all)?;

    // Reliable change: with the definition's reliability, and its normative SD or else the
    // baseline SD of those analysed.
    let (reliable, reliable_missing) = match &def.reliability {
        None => (None, Some("report-rc-no-reliability")),
        Some(_) if req.scale.is_some() => (None, Some("report-rc-subscale")),
        Some(rel) if allowed(all.pre.len()) => {
            let settings = ReliableChangeSettings {
                reliability: rel.coefficient,
                sd: def.norm_sd.as_ref().map(|s| s.value),
                higher_is_better: def.higher_is_better,
                cutoff: def.clinical_cutoff.as_ref().map(|c| c.value),
            };
            let overall_rc = reliable_change(&all.pre, &all.post, &settings).map_err(|e| AppError::Internal(e.to_string()))?;
            // The same threshold everywhere: the sites use the overall SD.
            let fixed = ReliableChangeSettings { sd: Some(overall_rc.sd), ..settings };
            let mut table = CountTable {
                rows: Vec::new(),
                columns: vec!["improved".into(), "unchanged".into(), "deteriorated".into()],
                counts: Vec::new(),
            };
            let mut per_site = Vec::new();
            for d in &data {
                let rc = reliable_change(&d.pre, &d.post, &fixed).map_err(|e| AppError::Internal(e.to_string()))?;
                table.rows.push(d.site.clone());
                table.counts.push(rc_counts(&rc).to_vec());
                per_site.push((d.site.clone(), rc));
            }
            let out = suppress_table(&table, &rules).map_err(|e| AppError::Internal(e.to_string()))?;
            suppressed_cells += out.events.len();
            let t: &SuppressedTable = &out.table;
            let sites_rc = per_site
                .iter()
                .enumerate()
                .map(|(i, (site, rc))| ReliableCounts {
                    site: site.clone(),
                    n: rc.n,
                    improved: t.cells.get(i).and_then(|r| r.first()).copied().and_then(shown),
                    unchanged: t.cells.get(i).and_then(|r| r.get(1)).copied().and_then(shown),
                    deteriorated: t.cells.get(i).and_then(|r| r.get(2)).copied().and_then(shown),
                    clinically_significant: rc
                        .clinically_significant
                        .map(|c: Count| c.count)
                        .filter(|c| *c == 0 || *c as u64 >= rules.min_count),
                })
                .collect();
            let ov = |c: sammen_evaluation::Cell| shown(c);
            let overall_counts = ReliableCounts {
                site: String::new(),
                n: overall_rc.n,
                improved: t.column_totals.first().copied().and_then(ov),
                unchanged: t.column_totals.get(1).copied().and_then(ov),
                deteriorated: t.column_totals.get(2).copied().and_then(ov),
                clinically_significant: overall_rc
                    .clinically_significant
                    .map(|c| c.count)
                    .filter(|c| *c == 0 || *c as u64 >= rules.min_count),
            };
            (
                Some(ReliableSummary {
                    reliability: rel.coefficient,
                    sd: overall_rc.sd,
                    sd_is_norm: def.norm_sd.is_some(),
                    threshold: overall_rc.threshold,
                    sites: sites_rc,
                    overall: overall_counts,
                }),
                None,
            )
        }
        Some(_) => (None, Some("report-too-few")),
    };

    // Attrition per site (where the site may be shown) and overall.
    let settings = ReliableChangeSettings {
        reliability: def.reliability.as_ref().map_or(0.8, |r| r.coefficient),
        sd: def.norm_sd.as_ref().map(|s| s.value),
        higher_is_better: def.higher_is_better,
        cutoff: None,
    };
    let mut attrition = Vec::new();
    for d in &data {
        if allowed(d.pre.len())
            && let Ok(a) = attrition_for(d, &settings)
        {
            attrition.push(SiteAttrition { site: d.site.clone(), report: a });
        }
    }
    let attrition_overall = if allowed(all.pre.len()) { attrition_for(&all, &settings).ok() } else { None };

    // Pooling: the sites that may be shown and have a standardised change.
    let mut effects: Vec<(String, f64, f64)> = site_entries
        .iter()
        .filter_map(|s| {
            let st = s.stats.as_ref()?;
            Some((s.site.clone(), st.smcr?, st.smcr_var?))
        })
        .collect();
    effects.sort_by(|a, b| a.0.cmp(&b.0));
    let (pooled, pooled_missing) = if effects.len() < 3 {
        (None, Some("report-pool-too-few-sites"))
    } else {
        let yi: Vec<f64> = effects.iter().map(|e| e.1).collect();
        let vi: Vec<f64> = effects.iter().map(|e| e.2).collect();
        match pool(&yi, &vi, req.method, req.hartung_knapp) {
            Ok(p) => (Some(p), None),
            Err(_) => (None, Some("report-pool-failed")),
        }
    };
    let effects = effects_with_weights(effects, pooled.as_ref().map_or(0.0, |p| p.tau2));

    let title = |l: sammen_instruments::Lang| def.title.get(l).unwrap_or_default().to_owned();
    Ok(ReportData {
        scope: sites.scope,
        title: sites.title.clone(),
        instrument: def.instrument(),
        instrument_title: (title(sammen_instruments::Lang::Da), title(sammen_instruments::Lang::En)),
        validated: def.validated,
        scale: req.scale.clone(),
        higher_is_better: def.higher_is_better,
        wave: req.wave.clone(),
        from: req.from.map(format_date),
        to: req.to.map(format_date),
        // The instant with the organisation's offset, so its date is the reader's local date.
        generated_at: zone.now(now).format(&time::format_description::well_known::Rfc3339).unwrap_or_else(|_| now.rfc3339()),
        sites: site_entries,
        overall,
        flow,
        flow_hidden,
        reliable,
        reliable_missing,
        attrition,
        attrition_overall,
        effects,
        pooled,
        method: method_code(req.method),
        hartung_knapp: req.hartung_knapp,
        pooled_missing,
        excluded: sites.excluded.clone(),
        rules,
        suppressed_cells,
        context: sammen_evaluation::default_table()
            .map(|t| {
                t.entries
                    .into_iter()
                    .filter(|e| {
                        matches!(e.outcome, sammen_evaluation::ReferenceOutcome::Recovery | sammen_evaluation::ReferenceOutcome::Hope)
                    })
                    .collect()
            })
            .unwrap_or_default(),
        cost: None,
        qualitative: Vec::new(),
        outcomes: None,
        completion: None,
    })
}

/// The entries a report shows beside its result: recovery and hope.
fn context_entries(t: ReferenceTable) -> Vec<sammen_evaluation::ReferenceEffect> {
    t.entries
        .into_iter()
        .filter(|e| matches!(e.outcome, sammen_evaluation::ReferenceOutcome::Recovery | sammen_evaluation::ReferenceOutcome::Hope))
        .collect()
}

/// The organisation's own reference table, when it has one.
fn reference_table_of(conn: &mut DbConnection, org: Option<OrgId>) -> AppResult<Option<ReferenceTable>> {
    let Some(org) = org else { return Ok(None) };
    match sm::evaluation_settings_of(conn, org)?.and_then(|s| s.reference_table) {
        Some(json) => parse_table(&json).map(Some).map_err(|e| AppError::Internal(format!("stored reference table: {e}"))),
        None => Ok(None),
    }
}

/// The reference table the active organisation's reports show (its own, or Sammen's), as JSON
/// for editing, and whether it is the organisation's own.
pub async fn reference_table(app: &App, ctx: &Ctx) -> AppResult<(String, bool)> {
    let org = ctx.org()?;
    policy::view_report(&ctx.actor, org).map_err(|_| AppError::Forbidden)?;
    let own = app.db.read(move |c| reference_table_of(c, Some(org))).await?;
    let is_own = own.is_some();
    let table = match own {
        Some(t) => t,
        None => sammen_evaluation::default_table().map_err(|e| AppError::Internal(e.to_string()))?,
    };
    Ok((serde_json::to_string_pretty(&table).map_err(|e| AppError::Internal(e.to_string()))?, is_own))
}

/// Saves the organisation's own reference table (its managers); empty text goes back to
/// Sammen's. A table that does not parse is refused, naming the entry, and nothing changes.
pub async fn save_reference_table(app: &App, ctx: &Ctx, json: String) -> AppResult<()> {
    ctx.require_write()?;
    let org = ctx.org()?;
    let stored = if json.trim().is_empty() {
        None
    } else {
        parse_table(&json).map_err(|e| {
            let mut v = ValidationErrors::new();
            v.add("reference_table", e.message_id());
            if let Some(i) = e.index() {
                tracing::debug!(entry = i + 1, "reference table refused");
            }
            AppError::Validation(v)
        })?;
        Some(json)
    };
    update_settings(app, ctx, org, move |row| row.reference_table = stored).await
}

/// Changes an organisation's evaluation settings (its managers), audited.
async fn update_settings(
    app: &App,
    ctx: &Ctx,
    org: OrgId,
    change: impl FnOnce(&mut sammen_store::rows::EvaluationSettingsRow) + Send + 'static,
) -> AppResult<()> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<()> {
            let now = app2.now();
            let Ok(basis) = policy::manage_measurement(&ctx.actor, org) else {
                let subject = Subject::within("evaluation_settings", Some(org));
                return Err(ctx.refuse(tx, now, AuditAction::Update, subject, AppError::Forbidden));
            };
            let mut row = sm::evaluation_settings_of(tx.conn(), org)?.unwrap_or(sammen_store::rows::EvaluationSettingsRow {
                organisation_id: org.into(),
                prices: None,
                reference_table: None,
                updated_by: None,
                updated_at: now.micros(),
            });
            change(&mut row);
            row.updated_by = Some(ctx.actor.user.into());
            row.updated_at = now.micros();
            sm::put_evaluation_settings(tx.conn(), &row)?;
            tx.audit(ctx.ok(now, AuditAction::Update, "evaluation_settings", Some(org.to_string()), Some(org.to_string()), basis));
            Ok(())
        })
        .await
}

/// The prices the active organisation's cost-benefit analyses use (its own, or the defaults).
pub async fn prices(app: &App, ctx: &Ctx) -> AppResult<PriceDefaults> {
    let org = ctx.org()?;
    policy::view_report(&ctx.actor, org).map_err(|_| AppError::Forbidden)?;
    app.db.read(move |c| super::report_cost::prices_of(c, Some(org))).await
}

/// Checks a set of prices: no negative value, low ≤ value ≤ high, a share between 0 and 1, a
/// source for every value that is not 0.
pub fn validate_prices(p: &PriceDefaults) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::new();
    for (name, price) in price_fields(p) {
        if price.value < 0.0 || price.low < 0.0 || price.high < 0.0 {
            e.add(name, "err-cost-negative");
        } else if !(price.low <= price.value && price.value <= price.high) {
            e.add(name, "err-cost-range-order");
        } else if name == "overhead_share" && price.high > 1.0 {
            e.add(name, "err-cost-share-range");
        } else if price.value > 0.0 && price.source.trim().is_empty() {
            e.add(name, "err-cost-source");
        }
    }
    e.into_result()
}

/// Every price with its form name, in the order the form shows them.
pub fn price_fields(p: &PriceDefaults) -> [(&'static str, &Price); 7] {
    [
        ("peer_hourly_wage", &p.peer_hourly_wage),
        ("supervision_hourly_wage", &p.supervision_hourly_wage),
        ("training_cost_per_peer", &p.training_cost_per_peer),
        ("coordination_hourly_wage", &p.coordination_hourly_wage),
        ("overhead_share", &p.overhead_share),
        ("admission_price", &p.admission_price),
        ("bed_day_price", &p.bed_day_price),
    ]
}

/// Saves the active organisation's prices (its managers), audited.
pub async fn save_prices(app: &App, ctx: &Ctx, prices: PriceDefaults) -> AppResult<()> {
    ctx.require_write()?;
    let org = ctx.org()?;
    validate_prices(&prices)?;
    let json = serde_json::to_string(&prices).map_err(|e| AppError::Internal(e.to_string()))?;
    update_settings(app, ctx, org, move |row| row.prices = Some(json)).await
}

// ------------------------------------------------------------------ the document

/// Words and numbers in one language.
struct Words<'a> {
    i18n: &'a I18n,
    lang: Lang,
    style: NumberStyle,
}

impl Words<'_> {
    fn t(&self, id: &str) -> String {
        self.i18n.t(self.lang, id)
    }
    fn a(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        self.i18n.t_args(self.lang, id, args)
    }
    fn n(&self, x: f64, decimals: usize) -> String {
        self.style.format(x, decimals)
    }
    fn o(&self, x: Option<f64>, decimals: usize) -> String {
        x.map_or_else(|| "–".to_owned(), |v| self.n(v, decimals))
    }
    fn num(&self, x: Option<f64>, decimals: usize) -> RCell {
        match x {
            Some(v) => RCell::number(self.n(v, decimals), v),
            None => RCell::text("–"),
        }
    }
    fn count(&self, x: Option<usize>) -> RCell {
        match x {
            Some(v) => RCell::number(v.to_string(), v as f64),
            None => RCell::text(sammen_evaluation::SUPPRESSED_MARKER),
        }
    }
    fn pct(&self, x: Option<f64>) -> String {
        x.map_or_else(|| "–".to_owned(), |v| format!("{} %", self.n(v * 100.0, 0)))
    }
    fn wave(&self, w: &str) -> String {
        wave_text(self.i18n, self.lang, w)
    }
}

/// A wave's name for people: "Start", "Uge 8", "Afslutning", "Opfølgning efter 6 mdr."; an
/// unknown label as it is.
pub fn wave_text(i18n: &I18n, lang: Lang, wave: &str) -> String {
    use sammen_domain::measurement::WaveKind;
    match WaveKind::parse(wave) {
        Some(WaveKind::Baseline) => i18n.t(lang, "wave-baseline"),
        Some(WaveKind::Closure) => i18n.t(lang, "wave-closure"),
        Some(WaveKind::Week(n)) => i18n.t_args(lang, "wave-week", &[("n", Arg::from(n))]),
        Some(WaveKind::FollowUp(m)) => i18n.t_args(lang, "wave-followup", &[("n", Arg::from(m))]),
        None => wave.to_owned(),
    }
}

/// The report as a document: the same blocks for the web page, the PDF and the XLSX.
pub fn document(d: &ReportData, i18n: &I18n, lang: Lang) -> Report {
    let w = Words { i18n, lang, style: if lang == Lang::Da { NumberStyle::Danish } else { NumberStyle::English } };
    let instrument = if lang == Lang::Da { &d.instrument_title.0 } else { &d.instrument_title.1 };
    let scale = d.scale.as_ref().map(|s| format!(" – {}: {s}", w.t("rpt-scale"))).unwrap_or_default();
    let period = match (&d.from, &d.to) {
        (None, None) => w.t("rpt-period-all"),
        (f, t) => format!("{} – {}", f.clone().unwrap_or_default(), t.clone().unwrap_or_default()),
    };
    let mut b = Vec::new();
    b.push(Block::KeyValues(vec![
        (w.t("rpt-scope"), format!("{} ({})", d.title, w.t(&format!("rpt-scope-{}", d.scope)))),
        (w.t("rpt-instrument"), format!("{instrument} {}{scale}", d.instrument.version)),
        (w.t("rpt-waves"), format!("{} → {}", w.wave(BASELINE), w.wave(&d.wave))),
        (w.t("rpt-period"), period),
        (w.t("rpt-direction"), w.t(if d.higher_is_better { "instrument-higher-better" } else { "instrument-lower-better" })),
    ]));
    b.push(Block::Note(w.t("rpt-change-not-effect")));
    if !d.validated {
        b.push(Block::Note(w.t("rpt-not-validated")));
    }
    if !d.excluded.is_empty() {
        b.push(Block::Note(w.a("rpt-excluded", &[("parties", Arg::from(d.excluded.join(", ")))])));
    }

    // Flow.
    b.push(Block::Heading(1, w.t("rpt-flow")));
    let o = &d.flow.overall;
    let wave_flow = o.waves.iter().find(|x| x.wave == d.wave);
    let answered = wave_flow.map_or(0, |x| x.answered);
    b.push(Block::Chart(Chart {
        title: w.t("rpt-flow"),
        description: w.a(
            "rpt-flow-desc",
            &[("started", Arg::from(o.started)), ("baseline", Arg::from(o.baseline)), ("analysed", Arg::from(o.analysed))],
        ),
        x_label: String::new(),
        y_label: String::new(),
        numbers: w.style,
        kind: ChartKind::Flow(RFlow {
            steps: vec![
                FlowStep { label: w.t("rpt-flow-started"), count: o.started, lost: None },
                FlowStep {
                    label: w.t("rpt-flow-baseline"),
                    count: o.baseline,
                    lost: Some(FlowLoss { label: w.t("rpt-flow-no-baseline"), count: o.no_baseline }),
                },
                FlowStep {
                    label: w.a("rpt-flow-answered", &[("wave", Arg::from(w.wave(&d.wave)))]),
                    count: answered,
                    lost: wave_flow.map(|x| FlowLoss { label: w.t("rpt-flow-missing"), count: x.missing + x.not_yet_due }),
                },
                FlowStep {
                    label: w.t("rpt-flow-analysed"),
                    count: o.analysed,
                    lost: Some(FlowLoss {
                        label: w.t("rpt-flow-not-analysed"),
                        count: o.not_analysed_missing + o.not_analysed_not_yet_due,
                    }),
                },
            ],
            stage_header: w.t("rpt-stage"),
            count_header: w.t("rpt-count"),
        }),
    }));
    // Per site: started, baseline, each follow-up wave answered (with its response rate among
    // those due), analysed.
    let follow_ups: Vec<String> = d.flow.waves.iter().filter(|x| x.as_str() != BASELINE).cloned().collect();
    let flow_row = |name: &str, f: &sammen_evaluation::Flow, hidden: bool| -> Vec<RCell> {
        let x = || RCell::text(sammen_evaluation::SUPPRESSED_MARKER);
        if hidden {
            return std::iter::once(RCell::text(name)).chain((0..follow_ups.len() + 3).map(|_| x())).collect();
        }
        let mut row = vec![
            RCell::text(name),
            RCell::number(f.started.to_string(), f.started as f64),
            RCell::number(f.baseline.to_string(), f.baseline as f64),
        ];
        for wave in &follow_ups {
            let wf = f.waves.iter().find(|x| &x.wave == wave);
            let answered = wf.map_or(0, |x| x.answered);
            let rate = wf.and_then(|x| x.response_rate_due);
            row.push(RCell::number(format!("{answered} ({})", w.pct(rate)), answered as f64));
        }
        row.push(RCell::number(f.analysed.to_string(), f.analysed as f64));
        row
    };
    let mut rows: Vec<Vec<RCell>> = d.flow.sites.iter().map(|s| flow_row(&s.site, &s.flow, d.flow_hidden.contains(&s.site))).collect();
    rows.push(flow_row(&w.t("rpt-overall"), o, false));
    let mut columns = vec![
        Column::left(w.t("rpt-site")),
        Column::right(w.t("rpt-flow-started")).fixed(0),
        Column::right(w.t("rpt-flow-baseline")).fixed(0),
    ];
    columns.extend(follow_ups.iter().map(|f| Column::right(w.wave(f)).fixed(0)));
    columns.push(Column::right(w.t("rpt-flow-analysed")).fixed(0));
    b.push(Block::Table(Table { caption: w.t("rpt-flow-table"), columns, rows, footnote: Some(w.t("rpt-response-rate-note")) }));

    // Change.
    b.push(Block::Heading(1, w.t("rpt-change")));
    let change_row = |e: &SiteEntry, name: &str| -> Vec<RCell> {
        match (&e.stats, e.suppressed) {
            (Some(s), false) => vec![
                RCell::text(name),
                RCell::number(s.n.to_string(), s.n as f64),
                w.num(s.mean_pre, 1),
                w.num(s.mean_post, 1),
                w.num(s.mean_change, 1),
                match (s.ci_low, s.ci_high) {
                    (Some(l), Some(h)) => RCell::interval(format!("{}; {}", w.n(l, 1), w.n(h, 1)), l, h),
                    (l, h) => RCell::text(format!("{}; {}", w.o(l, 1), w.o(h, 1))),
                },
                w.num(s.p, 3),
                w.num(s.r, 2),
                w.num(s.d_z, 2),
                w.num(s.d_av, 2),
                w.num(s.g_av, 2),
                w.num(s.smcr, 2),
            ],
            _ => {
                let mut v =
                    vec![RCell::text(name), RCell::text(w.a("rpt-fewer-than", &[("n", Arg::from(d.rules.min_group_for_statistics))]))];
                v.extend((0..10).map(|_| RCell::text("")));
                v
            }
        }
    };
    let mut rows: Vec<Vec<RCell>> = d.sites.iter().map(|e| change_row(e, &e.site)).collect();
    rows.push(change_row(&d.overall, &w.t("rpt-overall")));
    b.push(Block::Table(Table {
        caption: w.t("rpt-change-table"),
        columns: vec![
            Column::left(w.t("rpt-site")),
            Column::right("n").fixed(0),
            Column::right(w.a("rpt-mean-at", &[("wave", Arg::from(w.wave(BASELINE)))])).fixed(1),
            Column::right(w.a("rpt-mean-at", &[("wave", Arg::from(w.wave(&d.wave)))])).fixed(1),
            Column::right(w.t("rpt-mean-change")).fixed(1),
            Column::right(w.t("rpt-ci")).interval(1, w.t("rpt-ci-low"), w.t("rpt-ci-high")),
            Column::right("p").fixed(3),
            Column::right("r").fixed(2),
            Column::right("d_z").fixed(2),
            Column::right("d_av").fixed(2),
            Column::right("g_av").fixed(2),
            Column::right(w.t("rpt-smcr")).fixed(2),
        ],
        rows,
        footnote: Some(w.t("rpt-change-kinds")),
    }));

    // Reliable change.
    b.push(Block::Heading(1, w.t("rpt-reliable")));
    match &d.reliable {
        Some(rc) => {
            b.push(Block::Paragraph(w.a(
                "rpt-reliable-how",
                &[
                    ("reliability", Arg::from(w.n(rc.reliability, 2))),
                    ("sd", Arg::from(w.n(rc.sd, 2))),
                    ("threshold", Arg::from(w.n(rc.threshold, 1))),
                    ("sdsource", Arg::from(w.t(if rc.sd_is_norm { "rpt-sd-norm" } else { "rpt-sd-sample" }))),
                ],
            )));
            let row = |c: &ReliableCounts, name: &str| {
                vec![
                    RCell::text(name),
                    RCell::number(c.n.to_string(), c.n as f64),
                    w.count(c.improved),
                    w.count(c.unchanged),
                    w.count(c.deteriorated),
                ]
            };
            let mut rows: Vec<Vec<RCell>> = rc.sites.iter().map(|c| row(c, &c.site)).collect();
            rows.push(row(&rc.overall, &w.t("rpt-overall")));
            b.push(Block::Table(Table {
                caption: w.t("rpt-reliable-table"),
                columns: vec![
                    Column::left(w.t("rpt-site")),
                    Column::right("n").fixed(0),
                    Column::right(w.t("change-reliable-improvement")).fixed(0),
                    Column::right(w.t("change-no-reliable-change")).fixed(0),
                    Column::right(w.t("change-reliable-deterioration")).fixed(0),
                ],
                rows,
                footnote: Some(w.a("rpt-suppressed-note", &[("min", Arg::from(d.rules.min_count))])),
            }));
            let n = rc.overall.n.max(1) as f64;
            let bar = |label: String, c: Option<usize>| Bar {
                label,
                value: c.map_or(BarValue::Suppressed { below: d.rules.min_count as f64 / n * 100.0 }, |c| {
                    BarValue::Value(c as f64 / n * 100.0)
                }),
                text: c.map_or_else(|| sammen_evaluation::SUPPRESSED_MARKER.to_owned(), |c| w.pct(Some(c as f64 / n))),
            };
            b.push(Block::Chart(Chart {
                title: w.t("rpt-reliable-chart"),
                description: w.t("rpt-reliable-chart"),
                x_label: w.t("rpt-share"),
                y_label: String::new(),
                numbers: w.style,
                kind: ChartKind::Bars(Bars {
                    bars: vec![
                        bar(w.t("change-reliable-improvement"), rc.overall.improved),
                        bar(w.t("change-no-reliable-change"), rc.overall.unchanged),
                        bar(w.t("change-reliable-deterioration"), rc.overall.deteriorated),
                    ],
                    max: Some(100.0),
                }),
            }));
            if let Some(c) = rc.overall.clinically_significant {
                b.push(Block::Paragraph(w.a("rpt-clinically-significant", &[("n", Arg::from(c))])));
            }
        }
        None => b.push(Block::Paragraph(w.t(d.reliable_missing.unwrap_or("report-too-few")))),
    }

    // Attrition.
    b.push(Block::Heading(1, w.t("rpt-attrition")));
    b.push(Block::Paragraph(w.t("rpt-attrition-how")));
    let att_row = |name: &str, a: &AttritionReport| {
        let g = a.baseline_difference;
        let mut flags = Vec::new();
        if a.high_attrition {
            flags.push(w.t("rpt-flag-high"));
        }
        if a.differential_attrition == Some(true) {
            flags.push(w.t("rpt-flag-differential"));
        }
        vec![
            RCell::text(name),
            RCell::number(a.n_baseline.to_string(), a.n_baseline as f64),
            RCell::number(a.n_completers.to_string(), a.n_completers as f64),
            a.completion_share.map_or_else(|| RCell::text("–"), |s| RCell::number(w.pct(Some(s)), s)),
            RCell::text(g.map_or_else(|| "–".to_owned(), |g| format!("{} [{}; {}]", w.n(g.g, 2), w.n(g.ci_low, 2), w.n(g.ci_high, 2)))),
            w.num(a.complete_case.mean_change, 1),
            w.num(a.assume_no_change.mean_change, 1),
            w.num(a.assume_decline.mean_change, 1),
            RCell::text(flags.join(", ")),
        ]
    };
    let mut rows: Vec<Vec<RCell>> = d.attrition.iter().map(|a| att_row(&a.site, &a.report)).collect();
    if let Some(a) = &d.attrition_overall {
        rows.push(att_row(&w.t("rpt-overall"), a));
    }
    b.push(Block::Table(Table {
        caption: w.t("rpt-attrition-table"),
        columns: vec![
            Column::left(w.t("rpt-site")),
            Column::right(w.t("rpt-with-baseline")).fixed(0),
            Column::right(w.t("rpt-completers")).fixed(0),
            Column::right(w.t("rpt-completion")).percent(0),
            Column::right(w.t("rpt-baseline-difference")),
            Column::right(w.t("rpt-complete-case")).fixed(1),
            Column::right(w.t("rpt-assume-no-change")).fixed(1),
            Column::right(w.t("rpt-assume-decline")).fixed(1),
            Column::left(w.t("rpt-flags")),
        ],
        rows,
        footnote: Some(w.t("rpt-attrition-note")),
    }));

    b.extend(crate::measurement::report_completion::blocks(d.completion.as_ref(), i18n, lang));

    // Pooling.
    b.push(Block::Heading(1, w.t("rpt-pooling")));
    b.extend(pooling_blocks(&w, &d.effects, d.pooled.as_ref(), d.pooled_missing, d.method, d.hartung_knapp, d.higher_is_better));

    if !d.context.is_empty() {
        b.push(Block::Heading(1, w.t("rpt-context")));
        b.push(Block::Paragraph(w.t("rpt-context-how")));
        let rows = d
            .context
            .iter()
            .map(|e| {
                let est = match (e.estimate, e.ci_low, e.ci_high) {
                    (Some(x), Some(l), Some(h)) => format!("{} [{}; {}]", w.n(x, 2), w.n(l, 2), w.n(h, 2)),
                    (Some(x), _, _) => w.n(x, 2),
                    _ => "–".to_owned(),
                };
                vec![
                    RCell::text(w.t(&format!("rpt-outcome-{}", e.outcome.code()))),
                    RCell::text(format!("{est} ({})", e.measure)),
                    RCell::text(e.studies.map(|k| k.to_string()).unwrap_or_default()),
                    RCell::text(e.participants.map(|n| n.to_string()).unwrap_or_default()),
                    RCell::text(e.timepoint.clone().unwrap_or_default()),
                    RCell::text(format!("{} {}", e.citation, e.doi.as_deref().map(|d| format!("doi:{d}")).unwrap_or_default())),
                    RCell::text(e.note.clone()),
                ]
            })
            .collect();
        b.push(Block::Table(Table {
            caption: w.t("rpt-context-table"),
            columns: vec![
                Column::left(w.t("rpt-outcome")),
                Column::left(w.t("rpt-effect")),
                Column::right("k"),
                Column::right("n"),
                Column::left(w.t("rpt-timepoint")),
                Column::left(w.t("rpt-source")),
                Column::left(w.t("rpt-context-note")),
            ],
            rows,
            footnote: None,
        }));
    }

    if let Some(cost) = &d.cost {
        b.extend(super::report_cost::blocks(cost, i18n, lang));
    }

    b.extend(crate::measurement::report_outcomes::blocks(d.outcomes.as_ref(), 1, i18n, lang));
    b.extend(crate::measurement::report_qualitative::blocks(&d.qualitative, &d.rules, i18n, lang));

    b.push(Block::Heading(1, w.t("rpt-privacy")));
    b.push(Block::Paragraph(w.a(
        "rpt-privacy-how",
        &[
            ("min", Arg::from(d.rules.min_count)),
            ("stats", Arg::from(d.rules.min_group_for_statistics)),
            ("hidden", Arg::from(d.suppressed_cells)),
        ],
    )));

    let generated = d.generated_at.get(..10).unwrap_or_default().to_owned();
    Report {
        title: w.a("rpt-title", &[("scope", Arg::from(d.title.as_str()))]),
        subtitle: Some(format!("{instrument}{scale} · {} → {}", w.wave(BASELINE), w.wave(&d.wave))),
        generated_label: w.a("rpt-generated", &[("date", Arg::from(generated))]),
        page_label: w.t("rpt-page"),
        blocks: b,
        lang: lang.code().to_owned(),
        created: Some(d.generated_at.clone()),
    }
}

/// The pooling section: method, forest plot and the pooled numbers, or why there are none.
fn pooling_blocks(
    w: &Words<'_>,
    effects: &[SiteEffect],
    pooled: Option<&PoolResult>,
    missing: Option<&'static str>,
    method: &str,
    hartung_knapp: bool,
    higher_is_better: bool,
) -> Vec<Block> {
    let mut b = Vec::new();
    match pooled {
        Some(p) => {
            let method = format!(
                "{}{}",
                w.t(&format!("rpt-method-{}", method)),
                if hartung_knapp { format!(", {}", w.t("rpt-hk")) } else { String::new() }
            );
            b.push(Block::Paragraph(w.a("rpt-pooling-how", &[("method", Arg::from(method))])));
            let ci = |a: f64, l: f64, h: f64| format!("{} [{}; {}]", w.n(a, 2), w.n(l, 2), w.n(h, 2));
            b.push(Block::Chart(Chart {
                title: w.t("rpt-forest"),
                description: w.a("rpt-forest-desc", &[("k", Arg::from(p.k)), ("estimate", Arg::from(ci(p.estimate, p.ci_low, p.ci_high)))]),
                x_label: w.t("rpt-smcr"),
                y_label: w.t("rpt-site"),
                numbers: w.style,
                kind: ChartKind::Forest(Forest {
                    rows: effects
                        .iter()
                        .map(|e| ForestRow {
                            label: e.site.clone(),
                            estimate: e.yi,
                            ci_low: e.ci_low,
                            ci_high: e.ci_high,
                            weight: Some(e.weight),
                            text: ci(e.yi, e.ci_low, e.ci_high),
                            weight_text: format!("{} %", w.n(e.weight, 1)),
                        })
                        .collect(),
                    pooled: Some(ForestPooled {
                        label: w.t("rpt-pooled"),
                        estimate: p.estimate,
                        ci_low: p.ci_low,
                        ci_high: p.ci_high,
                        text: ci(p.estimate, p.ci_low, p.ci_high),
                        prediction: Some(PredictionInterval {
                            label: w.t("rpt-prediction"),
                            low: p.pi_low,
                            high: p.pi_high,
                            text: format!("[{}; {}]", w.n(p.pi_low, 2), w.n(p.pi_high, 2)),
                        }),
                    }),
                    headers: ForestHeaders {
                        estimate_ci: format!("{} [95 % {}]", w.t("rpt-smcr"), w.t("rpt-ci-short")),
                        weight: w.t("rpt-weight"),
                        estimate: w.t("rpt-estimate"),
                        ci_low: w.t("rpt-ci-low"),
                        ci_high: w.t("rpt-ci-high"),
                    },
                    favours: Some(if higher_is_better {
                        (w.t("rpt-worse"), w.t("rpt-better"))
                    } else {
                        (w.t("rpt-better"), w.t("rpt-worse"))
                    }),
                }),
            }));
            b.push(Block::KeyValues(vec![
                (w.t("rpt-pooled"), ci(p.estimate, p.ci_low, p.ci_high)),
                (w.t("rpt-prediction"), format!("[{}; {}]", w.n(p.pi_low, 2), w.n(p.pi_high, 2))),
                ("τ²".into(), w.n(p.tau2, 4)),
                ("I²".into(), format!("{} %", w.n(p.i2, 1))),
                ("Q".into(), format!("{} (df = {}, p = {})", w.n(p.q, 2), p.k.saturating_sub(1), w.n(p.q_p, 3))),
                (w.t("rpt-sites-pooled"), p.k.to_string()),
            ]));
        }
        None => b.push(Block::Paragraph(w.t(missing.unwrap_or("report-pool-too-few-sites")))),
    }

    b
}

/// What pooling per-site summaries gave (a partner's own numbers; no person-level data).
#[derive(Debug, Clone, Serialize)]
pub struct PooledSummaries {
    pub effects: Vec<SiteEffect>,
    pub pooled: PoolResult,
    pub method: &'static str,
    pub hartung_knapp: bool,
}

/// Pools per-site summaries given as text (`site,yi,vi` or `site,n,mean_pre,mean_post,sd_pre,r`).
/// Needs at least three sites. A bad file is refused naming its line and column.
pub fn pool_summaries(text: &str, method: Method, hartung_knapp: bool) -> Result<PooledSummaries, PoolInputError> {
    let sites = sammen_evaluation::summaries_from_text(text).map_err(PoolInputError::File)?;
    if sites.len() < 3 {
        return Err(PoolInputError::TooFew(sites.len()));
    }
    let yi: Vec<f64> = sites.iter().map(|s| s.yi).collect();
    let vi: Vec<f64> = sites.iter().map(|s| s.vi).collect();
    let pooled = pool(&yi, &vi, method, hartung_knapp).map_err(|e| PoolInputError::Failed(e.to_string()))?;
    Ok(PooledSummaries {
        effects: effects_with_weights(sites.into_iter().map(|s| (s.site, s.yi, s.vi)).collect(), pooled.tau2),
        pooled,
        method: method_code(method),
        hartung_knapp,
    })
}

/// Why summaries could not be pooled.
#[derive(Debug, Clone, PartialEq)]
pub enum PoolInputError {
    /// The file is malformed: the error names the line and column.
    File(sammen_evaluation::TableError),
    TooFew(usize),
    Failed(String),
}

impl PoolInputError {
    pub fn message_id(&self) -> &'static str {
        match self {
            PoolInputError::File(_) => "err-summary-file",
            PoolInputError::TooFew(_) => "report-pool-too-few-sites",
            PoolInputError::Failed(_) => "report-pool-failed",
        }
    }
}

/// Each site's 95% CI and random-effects weight.
fn effects_with_weights(mut effects: Vec<(String, f64, f64)>, tau2: f64) -> Vec<SiteEffect> {
    effects.sort_by(|a, b| a.0.cmp(&b.0));
    let wsum: f64 = effects.iter().map(|e| 1.0 / (e.2 + tau2)).sum();
    let z = 1.959_963_984_540_054;
    effects
        .into_iter()
        .map(|(site, yi, vi)| SiteEffect {
            site,
            yi,
            vi,
            ci_low: yi - z * vi.sqrt(),
            ci_high: yi + z * vi.sqrt(),
            weight: if wsum > 0.0 { 100.0 / (vi + tau2) / wsum } else { 0.0 },
        })
        .collect()
}

/// The document of pooled summaries.
pub fn pool_document(p: &PooledSummaries, higher_is_better: bool, generated: &str, i18n: &I18n, lang: Lang) -> Report {
    let w = Words { i18n, lang, style: if lang == Lang::Da { NumberStyle::Danish } else { NumberStyle::English } };
    let mut blocks = vec![Block::Note(w.t("pool-caveat"))];
    blocks.extend(pooling_blocks(&w, &p.effects, Some(&p.pooled), None, p.method, p.hartung_knapp, higher_is_better));
    Report {
        title: w.t("pool-title"),
        subtitle: None,
        generated_label: w.a("rpt-generated", &[("date", Arg::from(generated))]),
        page_label: w.t("rpt-page"),
        blocks,
        lang: lang.code().to_owned(),
        // The caller knows the instant; `generated` is only its wording.
        created: None,
    }
}

/// The partnership with this id or name, for the command line.
pub fn find_partnership_blocking(app: &App, id_or_name: &str) -> AppResult<Option<PartnershipId>> {
    let key = id_or_name.trim().to_owned();
    let all = app.db.read_blocking(|c| std_::partnerships_for(c, None))?;
    Ok(all.into_iter().find(|(p, _)| p.id.to_string() == key || p.name == key).map(|(p, _)| p.id.get()))
}
