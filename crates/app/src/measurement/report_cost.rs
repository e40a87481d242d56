//! The report's cost-benefit section, from what Sammen has recorded: the hours of peer work
//! (held support sessions, held group meetings times their facilitators), supervision attended,
//! coordination as each programme sets it a month, and peers who completed a training course,
//! all within the report's period. Each figure says where it comes from; the user may override
//! one with a reason, which the report prints. A price that is not set is named and no net figure
//! is shown. A partnership report prices each party's own figures with that party's own prices.
//!
//! The arithmetic is `sammen_evaluation::cost_benefit`; this module gathers its inputs.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use sammen_domain::time::{Timestamp, Zone, add_months, format_date};
use sammen_domain::{OrgId, PeerWorkerId, ProgrammeId, ValidationErrors};
use sammen_evaluation::{CostBenefit, CostInputs, Price, PriceDefaults, ServiceUse, cost_benefit, default_prices_dk};
use sammen_i18n::{Arg, I18n, Lang};
use sammen_reports::{Block, Cell as RCell, Column, CsvField, CsvWriter, NumberStyle, Table};
use sammen_store::DbConnection;
use sammen_store::measurement as sm;
use sammen_store::measurement::costs::{self as sc, CostQuery};
use serde::Serialize;
use time::Date;

use crate::{AppError, AppResult};

/// A figure the programme's costs are built from, with the price that multiplies it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    /// Hours of held support sessions.
    SessionHours,
    /// Hours of held group meetings, once per facilitator.
    GroupHours,
    /// Hours of supervision, once per peer who attended.
    SupervisionHours,
    /// Coordination: each programme's hours a month times the months of the period.
    CoordinationHours,
    /// Peers who completed a training course.
    PeersTrained,
}

impl Figure {
    pub const ALL: [Figure; 5] =
        [Figure::SessionHours, Figure::GroupHours, Figure::SupervisionHours, Figure::CoordinationHours, Figure::PeersTrained];

    /// The code in forms, files and message ids.
    pub fn code(self) -> &'static str {
        match self {
            Figure::SessionHours => "session_hours",
            Figure::GroupHours => "group_hours",
            Figure::SupervisionHours => "supervision_hours",
            Figure::CoordinationHours => "coordination_hours",
            Figure::PeersTrained => "peers_trained",
        }
    }

    pub fn parse(code: &str) -> Option<Figure> {
        Figure::ALL.into_iter().find(|f| f.code() == code)
    }

    /// The price that multiplies the figure.
    pub fn price(self) -> &'static str {
        match self {
            Figure::SessionHours | Figure::GroupHours => "peer_hourly_wage",
            Figure::SupervisionHours => "supervision_hourly_wage",
            Figure::CoordinationHours => "coordination_hourly_wage",
            Figure::PeersTrained => "training_cost_per_peer",
        }
    }

    /// The form field of its override; the reason is `<field>_reason`.
    pub fn field(self) -> String {
        format!("ov_{}", self.code())
    }
}

/// A figure the user put in place of the recorded one, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Override {
    pub value: f64,
    pub reason: String,
}

/// What a cost-benefit section needs beyond the report's own period: how many months of
/// service use to compare before and after each course's start, and any overridden figures.
/// In a partnership report an override is of the user's own organisation's figure.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CostRequest {
    pub period_months: u32,
    pub overrides: BTreeMap<Figure, Override>,
}

impl CostRequest {
    /// Reads the form's cost fields: the months (1–60) and each override with its reason (a
    /// number of 0 or more; a reason of at most 500 characters, required with a value).
    pub fn parse(period_months: &str, field: impl Fn(&str) -> String) -> Result<CostRequest, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let period = period_months.trim();
        let period_months = if period.is_empty() {
            6
        } else {
            match period.parse::<u32>() {
                Ok(m) if (1..=60).contains(&m) => m,
                _ => {
                    e.add("period_months", "err-number-range");
                    0
                }
            }
        };
        let mut overrides = BTreeMap::new();
        for f in Figure::ALL {
            let name = f.field();
            let raw = field(&name).trim().replace(',', ".");
            let reason = field(&format!("{name}_reason")).trim().to_owned();
            if raw.is_empty() {
                if !reason.is_empty() {
                    e.add(&name, "err-cost-override-value");
                }
                continue;
            }
            let value = match raw.parse::<f64>() {
                Ok(v) if (0.0..=1e7).contains(&v) => Some(v),
                _ => {
                    e.add(&name, "err-cost-not-a-number");
                    None
                }
            };
            if reason.is_empty() {
                e.add(&format!("{name}_reason"), "err-cost-override-reason");
            } else if reason.chars().count() > 500 {
                e.add(&format!("{name}_reason"), "err-too-long");
            }
            if let Some(value) = value
                && !reason.is_empty()
            {
                overrides.insert(f, Override { value, reason });
            }
        }
        e.into_result()?;
        Ok(CostRequest { period_months, overrides })
    }
}

/// Costs are counted over the report's period, so it needs both ends.
pub fn validate(cost: Option<&CostRequest>, from: Option<Date>, to: Option<Date>, e: &mut ValidationErrors) {
    let Some(c) = cost else { return };
    if from.is_none() {
        e.add("from", "err-cost-period-required");
    }
    if to.is_none() {
        e.add("to", "err-cost-period-required");
    }
    if !(1..=60).contains(&c.period_months) {
        e.add("period_months", "err-number-range");
    }
}

/// One figure as recorded, where it comes from, and what the report uses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordedFigure {
    pub figure: Figure,
    /// Hours, or peers for `peers_trained`.
    pub recorded: f64,
    /// What was counted: sessions, meetings, supervision sessions, programmes with hours set, peers.
    pub count: u64,
    /// A second count: facilitations of meetings, attendances at supervision, hours a month of
    /// coordination; `None` where the source has none.
    pub detail: Option<f64>,
    /// The figure the costs use: the recorded one, or the override.
    pub used: f64,
    /// The user's reason for overriding it.
    pub override_reason: Option<String>,
}

/// One party's (or, outside a partnership, the report's) costs.
#[derive(Debug, Clone, Serialize)]
pub struct PartyCost {
    /// The party's name in a partnership report; empty otherwise.
    pub site: String,
    pub figures: Vec<RecordedFigure>,
    /// Programmes without coordination hours set.
    pub coordination_unset: Vec<String>,
    /// Prices the figures need that the organisation has not set.
    pub unset_prices: Vec<&'static str>,
    /// The calculation, when every price it needs is set.
    pub result: Option<CostBenefit>,
    /// Why the calculation was refused (a message id), when it was.
    pub error: Option<&'static str>,
    /// Courses with the whole period after their start, and their service use (counts only).
    pub participants: u64,
    pub admissions: (f64, f64),
    pub bed_days: (f64, f64),
}

/// The cost-benefit section.
#[derive(Debug, Clone, Serialize)]
pub struct CostSection {
    pub from: String,
    pub to: String,
    /// Months of the report's period (for coordination), to one decimal.
    pub months: f64,
    /// Months of service use compared before and after each start.
    pub period_months: u32,
    pub parties: Vec<PartyCost>,
    /// A partnership's sum over its parties, when every party has a result.
    pub total: Option<Totals>,
}

/// The sum of the parties' costs and savings.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Totals {
    pub programme: f64,
    pub savings: f64,
    pub net_benefit: f64,
}

/// Where the section's figures come from: the organisations (with their names in a partnership
/// report), perhaps one programme, and the user's own organisation.
pub struct CostScope<'a> {
    pub orgs: &'a [OrgId],
    pub programme: Option<ProgrammeId>,
    /// Organisation id as text → its name, when the parties are the sites.
    pub party_names: Option<&'a BTreeMap<String, String>>,
    pub viewer: Option<OrgId>,
}

/// The average month, for coordination hours set a month.
const DAYS_PER_MONTH: f64 = 365.25 / 12.0;

/// Builds the section inside the report's read transaction.
#[allow(clippy::too_many_arguments)]
pub fn section(
    conn: &mut DbConnection,
    req: &CostRequest,
    scope: &CostScope<'_>,
    from: Date,
    to: Date,
    people: &[(String, Vec<sm::ReportCourse>)],
    events: &[sm::ReportLifeEvent],
    now: Timestamp,
    zone: &Zone,
) -> AppResult<CostSection> {
    let q = CostQuery {
        orgs: scope.orgs,
        programme: scope.programme,
        from: zone.start_of_day(from).micros(),
        to: zone.start_of_day(to + time::Duration::days(1)).micros(),
    };
    let sessions = sc::held_sessions(conn, q)?;
    let meetings = sc::held_meetings(conn, q)?;
    let supervision = sc::supervision_attended(conn, q)?;
    let training = sc::training_completed(conn, q)?;
    let coordination = sc::coordination(conn, scope.orgs, scope.programme)?;
    let months = ((to - from).whole_days() + 1) as f64 / DAYS_PER_MONTH;

    // A programme's supervision and training are those of the peers who worked in it in the period.
    let programme_peers: Option<BTreeSet<PeerWorkerId>> = scope
        .programme
        .map(|_| sessions.iter().map(|s| s.peer).chain(meetings.iter().flat_map(|m| m.facilitators.iter().copied())).collect());
    let in_scope = |p: &PeerWorkerId| programme_peers.as_ref().is_none_or(|set| set.contains(p));

    // The price holders: each party in a partnership, otherwise the whole report at once.
    let holders: Vec<(Option<OrgId>, String)> = match scope.party_names {
        Some(names) => scope.orgs.iter().map(|o| (Some(*o), names.get(&o.to_string()).cloned().unwrap_or_default())).collect(),
        None => vec![(None, String::new())],
    };
    let mut parties = Vec::new();
    for (holder, site) in holders {
        let mine = |o: OrgId| holder.is_none_or(|h| h == o);
        let hours = |m: i64| m as f64 / 60.0;
        let s: Vec<_> = sessions.iter().filter(|s| mine(s.org)).collect();
        let g: Vec<_> = meetings.iter().filter(|m| mine(m.org)).collect();
        let sv: Vec<_> = supervision.iter().filter(|a| mine(a.org) && in_scope(&a.peer)).collect();
        let trained: BTreeSet<PeerWorkerId> = training.iter().filter(|(o, p)| mine(*o) && in_scope(p)).map(|(_, p)| *p).collect();
        let co: Vec<_> = coordination.iter().filter(|c| mine(c.org)).collect();
        let per_month: f64 = co.iter().filter_map(|c| c.hours_per_month).sum();
        let mut figures = vec![
            recorded(Figure::SessionHours, s.iter().map(|x| hours(x.minutes)).sum(), s.len() as u64, None),
            recorded(
                Figure::GroupHours,
                g.iter().map(|m| hours(m.minutes) * m.facilitators.len() as f64).sum(),
                g.len() as u64,
                Some(g.iter().map(|m| m.facilitators.len() as f64).sum()),
            ),
            recorded(
                Figure::SupervisionHours,
                sv.iter().map(|a| hours(a.minutes)).sum(),
                sv.iter().map(|a| a.session.as_str()).collect::<BTreeSet<_>>().len() as u64,
                Some(sv.len() as f64),
            ),
            recorded(
                Figure::CoordinationHours,
                per_month * months,
                co.iter().filter(|c| c.hours_per_month.is_some()).count() as u64,
                Some(per_month),
            ),
            recorded(Figure::PeersTrained, trained.len() as f64, trained.len() as u64, None),
        ];
        // Overrides: of the user's own party in a partnership, of the report otherwise.
        if holder.is_none() || holder == scope.viewer {
            for f in &mut figures {
                if let Some(o) = req.overrides.get(&f.figure) {
                    f.used = o.value;
                    f.override_reason = Some(o.reason.clone());
                }
            }
        }
        let prices = prices_of(conn, holder.or(scope.viewer).or(scope.orgs.first().copied()))?;
        let party_people: Vec<(String, Vec<sm::ReportCourse>)> =
            people.iter().filter(|(o, _)| holder.is_none_or(|h| h.to_string() == *o)).cloned().collect();
        let use_ = service_use(req.period_months, &party_people, events, now, zone);
        let unset = unset_prices(&prices, &figures);
        let (result, error) = if unset.is_empty() {
            match calculate(req.period_months, &figures, &prices, &use_) {
                Ok(cb) => (Some(cb), None),
                Err(e) => (None, Some(e.message_id())),
            }
        } else {
            (None, None)
        };
        parties.push(PartyCost {
            site,
            figures,
            coordination_unset: co.iter().filter(|c| c.hours_per_month.is_none()).map(|c| c.name.clone()).collect(),
            unset_prices: unset,
            result,
            error,
            participants: use_.participants,
            admissions: (use_.admissions_before, use_.admissions_after),
            bed_days: (use_.bed_days_before, use_.bed_days_after),
        });
    }
    let total = if scope.party_names.is_some() && parties.iter().all(|p| p.result.is_some()) && !parties.is_empty() {
        let sum = |f: &dyn Fn(&CostBenefit) -> f64| parties.iter().filter_map(|p| p.result.as_ref()).map(f).sum::<f64>();
        Some(Totals { programme: sum(&|c| c.programme.total), savings: sum(&|c| c.savings), net_benefit: sum(&|c| c.net_benefit) })
    } else {
        None
    };
    Ok(CostSection {
        from: format_date(from),
        to: format_date(to),
        months: (months * 10.0).round() / 10.0,
        period_months: req.period_months,
        parties,
        total,
    })
}

fn recorded(figure: Figure, value: f64, count: u64, detail: Option<f64>) -> RecordedFigure {
    RecordedFigure { figure, recorded: value, count, detail, used: value, override_reason: None }
}

/// An organisation's prices, or Sammen's defaults.
pub(crate) fn prices_of(conn: &mut DbConnection, org: Option<OrgId>) -> AppResult<PriceDefaults> {
    let stored = match org {
        Some(o) => sm::evaluation_settings_of(conn, o)?.and_then(|s| s.prices),
        None => None,
    };
    match stored {
        Some(json) => serde_json::from_str(&json).map_err(|_| AppError::Internal("stored prices".into())),
        None => Ok(default_prices_dk()),
    }
}

/// Whether a price is still the placeholder no one has set: 0 and marked for review.
pub fn is_unset(p: &Price) -> bool {
    p.needs_review && p.value == 0.0
}

/// The prices the figures need that are not set: each figure's price when the figure is
/// above 0, the overhead, and the bed-day price the savings are counted in. The admission price
/// may stay 0: the bed-day price then covers the stay.
fn unset_prices(prices: &PriceDefaults, figures: &[RecordedFigure]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for f in figures.iter().filter(|f| f.used > 0.0) {
        let name = f.figure.price();
        if !out.contains(&name) && price_named(prices, name).is_some_and(is_unset) {
            out.push(name);
        }
    }
    for name in ["overhead_share", "bed_day_price"] {
        if price_named(prices, name).is_some_and(is_unset) {
            out.push(name);
        }
    }
    out
}

fn price_named<'a>(p: &'a PriceDefaults, name: &str) -> Option<&'a Price> {
    crate::measurement::report::price_fields(p).into_iter().find(|(n, _)| *n == name).map(|(_, p)| p)
}

/// Service use before and after the start of each course whose period after the start has
/// ended. The period before is as long as the period after.
struct Use {
    participants: u64,
    admissions_before: f64,
    admissions_after: f64,
    bed_days_before: f64,
    bed_days_after: f64,
}

fn service_use(
    months: u32,
    people: &[(String, Vec<sm::ReportCourse>)],
    events: &[sm::ReportLifeEvent],
    now: Timestamp,
    zone: &Zone,
) -> Use {
    let mut windows: HashMap<&str, (Date, Date, Date)> = HashMap::new();
    for (id, _, started, _) in people.iter().flat_map(|(_, v)| v) {
        let Some(s) = started else { continue };
        let start = Timestamp(*s).date_in(zone);
        let end = add_months(start, i64::from(months));
        if end > zone.today(now) {
            continue;
        }
        windows.insert(id.as_str(), (add_months(start, -i64::from(months)), start, end));
    }
    let mut u = Use {
        participants: windows.len() as u64,
        admissions_before: 0.0,
        admissions_after: 0.0,
        bed_days_before: 0.0,
        bed_days_after: 0.0,
    };
    for (pid, kind, on, quantity) in events {
        let (Some(&(before, start, end)), Ok(on)) = (windows.get(pid.as_str()), sammen_domain::time::parse_date(on)) else { continue };
        let (admissions, days) = if kind == "admission" { (1.0, 0.0) } else { (0.0, quantity.unwrap_or(0) as f64) };
        if on >= before && on < start {
            u.admissions_before += admissions;
            u.bed_days_before += days;
        } else if on >= start && on < end {
            u.admissions_after += admissions;
            u.bed_days_after += days;
        }
    }
    u
}

fn calculate(
    months: u32,
    figures: &[RecordedFigure],
    prices: &PriceDefaults,
    u: &Use,
) -> Result<CostBenefit, sammen_evaluation::CostError> {
    let used = |f: Figure| figures.iter().find(|x| x.figure == f).map_or(0.0, |x| x.used);
    let period = f64::from(months);
    let inputs = CostInputs {
        participants: u.participants,
        period_months: period,
        peer_hours: used(Figure::SessionHours) + used(Figure::GroupHours),
        peer_hourly_wage: prices.peer_hourly_wage.clone(),
        supervision_hours: used(Figure::SupervisionHours),
        supervision_hourly_wage: prices.supervision_hourly_wage.clone(),
        peers_trained: used(Figure::PeersTrained).round() as u64,
        training_cost_per_peer: prices.training_cost_per_peer.clone(),
        coordination_hours: used(Figure::CoordinationHours),
        coordination_hourly_wage: prices.coordination_hourly_wage.clone(),
        overhead_share: prices.overhead_share.clone(),
    };
    let service = ServiceUse {
        period_months_before: period,
        period_months_after: period,
        admissions_before: u.admissions_before,
        admissions_after: u.admissions_after,
        bed_days_before: u.bed_days_before,
        bed_days_after: u.bed_days_after,
        admission_price: prices.admission_price.clone(),
        bed_day_price: prices.bed_day_price.clone(),
        admissions_change_ci: None,
        bed_days_change_ci: None,
    };
    cost_benefit(&inputs, &service)
}

// ------------------------------------------------------------------ words

/// A price's unit in the reader's language.
pub fn unit_text(i18n: &I18n, lang: Lang, name: &str) -> String {
    i18n.t(lang, &format!("cost-unit-{name}"))
}

/// A price's source in the reader's language: Sammen's own default sources and placeholders
/// are translated; a source the organisation wrote is shown as written.
pub fn source_text(i18n: &I18n, lang: Lang, name: &str, price: &Price) -> String {
    let defaults = default_prices_dk();
    match price_named(&defaults, name) {
        Some(d) if d.source == price.source => i18n.t(lang, &format!("cost-default-source-{name}")),
        _ => price.source.clone(),
    }
}

/// What a figure's source line says: "142 sessions, 213 h, from the session logs".
pub fn figure_source(i18n: &I18n, lang: Lang, style: NumberStyle, f: &RecordedFigure) -> String {
    let n = |x: f64, d: usize| style.format(x, d);
    i18n.t_args(
        lang,
        &format!("cost-source-{}", f.figure.code()),
        &[
            ("count", Arg::from(f.count)),
            ("hours", Arg::from(n(f.recorded, 1))),
            ("detail", Arg::from(n(f.detail.unwrap_or(0.0), if f.figure == Figure::CoordinationHours { 1 } else { 0 }))),
        ],
    )
}

/// The section as blocks of the report document.
pub fn blocks(s: &CostSection, i18n: &I18n, lang: Lang) -> Vec<Block> {
    let style = if lang == Lang::Da { NumberStyle::Danish } else { NumberStyle::English };
    let t = |id: &str| i18n.t(lang, id);
    let a = |id: &str, args: &[(&str, Arg<'_>)]| i18n.t_args(lang, id, args);
    let n = |x: f64, d: usize| style.format(x, d);
    let kr = |x: f64| format!("{} kr.", n(x, 0));
    let mut b = vec![Block::Heading(1, t("rpt-cost")), Block::Note(t("rpt-cost-caveat"))];
    b.push(Block::Paragraph(a(
        "rpt-cost-from-records",
        &[("from", Arg::from(s.from.as_str())), ("to", Arg::from(s.to.as_str())), ("months", Arg::from(n(s.months, 1)))],
    )));
    for p in &s.parties {
        if !p.site.is_empty() {
            b.push(Block::Heading(2, a("rpt-cost-party", &[("site", Arg::from(p.site.as_str()))])));
        }
        let rows = p
            .figures
            .iter()
            .map(|f| {
                let d = if f.figure == Figure::PeersTrained { 0 } else { 1 };
                vec![
                    RCell::text(t(&format!("cost-figure-{}", f.figure.code()))),
                    RCell::number(n(f.recorded, d), f.recorded),
                    RCell::text(figure_source(i18n, lang, style, f)),
                    RCell::number(n(f.used, d), f.used),
                    RCell::text(
                        f.override_reason
                            .as_ref()
                            .map(|r| a("rpt-cost-overridden", &[("reason", Arg::from(r.as_str()))]))
                            .unwrap_or_default(),
                    ),
                ]
            })
            .collect();
        let caption = if p.site.is_empty() { t("rpt-cost-figures") } else { format!("{} – {}", t("rpt-cost-figures"), p.site) };
        b.push(Block::Table(Table {
            caption,
            columns: vec![
                Column::left(t("rpt-cost-input")),
                Column::right(t("rpt-cost-recorded")).fixed(1),
                Column::left(t("rpt-source")),
                Column::right(t("rpt-cost-used")).fixed(1),
                Column::left(t("rpt-cost-override")),
            ],
            rows,
            footnote: Some(t("rpt-cost-figures-note")),
        }));
        for f in p.figures.iter().filter(|f| f.override_reason.is_some()) {
            b.push(Block::Note(a(
                "rpt-cost-override-note",
                &[
                    ("figure", Arg::from(t(&format!("cost-figure-{}", f.figure.code())))),
                    ("used", Arg::from(n(f.used, 1))),
                    ("recorded", Arg::from(n(f.recorded, 1))),
                    ("reason", Arg::from(f.override_reason.clone().unwrap_or_default())),
                ],
            )));
        }
        if !p.coordination_unset.is_empty() {
            b.push(Block::Note(a("rpt-cost-coordination-unset", &[("programmes", Arg::from(p.coordination_unset.join(", ")))])));
        }
        let use_kv = vec![
            (t("rpt-cost-people"), p.participants.to_string()),
            (t("rpt-cost-period"), a("rpt-cost-months", &[("n", Arg::from(n(f64::from(s.period_months), 0)))])),
            (t("rpt-cost-use-before"), format!("{} / {}", n(p.admissions.0, 0), n(p.bed_days.0, 0))),
            (t("rpt-cost-use-after"), format!("{} / {}", n(p.admissions.1, 0), n(p.bed_days.1, 0))),
        ];
        if !p.unset_prices.is_empty() {
            b.push(Block::KeyValues(use_kv));
            let list = p.unset_prices.iter().map(|c| t(&format!("cost-input-{c}"))).collect::<Vec<_>>().join(", ");
            b.push(Block::Paragraph(a("rpt-cost-prices-unset", &[("prices", Arg::from(list))])));
            continue;
        }
        let Some(cb) = &p.result else {
            b.push(Block::KeyValues(use_kv));
            b.push(Block::Paragraph(t(p.error.unwrap_or("err-cost-not-a-number"))));
            continue;
        };
        let mut kv = use_kv;
        kv.push((t("rpt-cost-programme"), kr(cb.programme.total)));
        if let Some(pp) = cb.programme.per_participant {
            kv.push((t("rpt-cost-per-participant"), kr(pp)));
        }
        kv.extend([
            (t("rpt-cost-savings"), kr(cb.savings)),
            (t("rpt-cost-net"), kr(cb.net_benefit)),
            (t("rpt-cost-ratio"), cb.benefit_cost_ratio.map_or_else(|| "–".to_owned(), |r| n(r, 2))),
            (t("rpt-cost-best"), kr(cb.best_case.net_benefit)),
            (t("rpt-cost-worst"), kr(cb.worst_case.net_benefit)),
        ]);
        b.push(Block::KeyValues(kv));
        let input = |code: &str| t(&format!("cost-input-{code}"));
        let caption = if p.site.is_empty() { t("rpt-cost-prices") } else { format!("{} – {}", t("rpt-cost-prices"), p.site) };
        b.push(Block::Table(Table {
            caption,
            columns: vec![
                Column::left(t("rpt-cost-input")),
                Column::right(t("rpt-cost-value")).fixed(2),
                Column::right(t("rpt-cost-range")).interval(2, t("rpt-cost-low"), t("rpt-cost-high")),
                Column::left(t("rpt-cost-unit")),
                Column::left(t("rpt-source")),
                Column::right(t("rpt-cost-year")),
            ],
            rows: cb
                .prices
                .iter()
                .map(|u| {
                    vec![
                        RCell::text(input(&u.input)),
                        RCell::number(n(u.price.value, 2), u.price.value),
                        RCell::interval(format!("{} – {}", n(u.price.low, 2), n(u.price.high, 2)), u.price.low, u.price.high),
                        RCell::text(unit_text(i18n, lang, &u.input)),
                        RCell::text(format!(
                            "{}{}",
                            source_text(i18n, lang, &u.input, &u.price),
                            if u.price.needs_review { format!(" ({})", t("rpt-cost-review")) } else { String::new() }
                        )),
                        RCell::text(u.price.year.map(|y| y.to_string()).unwrap_or_default()),
                    ]
                })
                .collect(),
            footnote: Some(t("rpt-cost-units")),
        }));
        let caption = if p.site.is_empty() { t("rpt-cost-sensitivity") } else { format!("{} – {}", t("rpt-cost-sensitivity"), p.site) };
        b.push(Block::Table(Table {
            caption,
            columns: vec![
                Column::left(t("rpt-cost-input")),
                Column::right(t("rpt-cost-low")).fixed(2),
                Column::right(t("rpt-cost-high")).fixed(2),
                Column::right(t("rpt-cost-net-low")).fixed(0),
                Column::right(t("rpt-cost-net-high")).fixed(0),
            ],
            rows: cb
                .sensitivity
                .iter()
                .map(|x| {
                    vec![
                        RCell::text(input(&x.input)),
                        RCell::number(n(x.low, 2), x.low),
                        RCell::number(n(x.high, 2), x.high),
                        RCell::number(kr(x.net_benefit_at_low), x.net_benefit_at_low),
                        RCell::number(kr(x.net_benefit_at_high), x.net_benefit_at_high),
                    ]
                })
                .collect(),
            footnote: None,
        }));
        if !cb.needs_review.is_empty() {
            let list = cb.needs_review.iter().map(|c| input(c)).collect::<Vec<_>>().join(", ");
            b.push(Block::Note(a("rpt-cost-needs-review", &[("inputs", Arg::from(list))])));
        }
    }
    if s.parties.len() > 1 {
        b.push(Block::Heading(2, t("rpt-cost-all-parties")));
        match &s.total {
            Some(tot) => b.push(Block::KeyValues(vec![
                (t("rpt-cost-programme"), kr(tot.programme)),
                (t("rpt-cost-savings"), kr(tot.savings)),
                (t("rpt-cost-net"), kr(tot.net_benefit)),
            ])),
            None => b.push(Block::Paragraph(t("rpt-cost-total-missing"))),
        }
    }
    b
}

/// The section's figures as CSV rows (`measure,group,label,value`): per figure the recorded
/// and the used value and any override's reason; per party (a site) or overall the costs.
pub fn write_csv(out: &mut CsvWriter, s: &CostSection) {
    let mut row = |measure: &str, site: &str, value: CsvField<'_>| {
        let group = if site.is_empty() { "overall" } else { "site" };
        out.row([CsvField::Text(measure), CsvField::Text(group), CsvField::Text(site), value]);
    };
    for p in &s.parties {
        let site = p.site.as_str();
        for f in &p.figures {
            let code = f.figure.code();
            row(&format!("cost_recorded:{code}"), site, CsvField::Number(f.recorded));
            row(&format!("cost_used:{code}"), site, CsvField::Number(f.used));
            if let Some(r) = &f.override_reason {
                row(&format!("cost_override_reason:{code}"), site, CsvField::Text(r));
            }
        }
        row("cost_participants", site, CsvField::Number(p.participants as f64));
        for price in &p.unset_prices {
            row(&format!("cost_price_unset:{price}"), site, CsvField::Text("x"));
        }
        if let Some(cb) = &p.result {
            row("cost_programme", site, CsvField::Number(cb.programme.total));
            row("cost_savings", site, CsvField::Number(cb.savings));
            row("cost_net_benefit", site, CsvField::Number(cb.net_benefit));
            if let Some(r) = cb.benefit_cost_ratio {
                row("cost_benefit_cost_ratio", site, CsvField::Number(r));
            }
        }
    }
    if let Some(t) = &s.total {
        row("cost_programme", "", CsvField::Number(t.programme));
        row("cost_savings", "", CsvField::Number(t.savings));
        row("cost_net_benefit", "", CsvField::Number(t.net_benefit));
    }
}

// ------------------------------------------------------------------ the programme setting

/// Parses a programme's coordination hours a month: empty for none, else a number from 0 to 744.
pub fn parse_coordination(raw: Option<&str>) -> Result<Option<f64>, ValidationErrors> {
    let raw = raw.unwrap_or_default().trim().replace(',', ".");
    if raw.is_empty() {
        return Ok(None);
    }
    match raw.parse::<f64>() {
        Ok(v) if v.is_finite() && (0.0..=744.0).contains(&v) => Ok(Some(v)),
        _ => Err(ValidationErrors::single("coordination_hours_per_month", "err-coordination-hours")),
    }
}

/// A programme's coordination hours a month, for those who may see the programme.
pub async fn coordination_of(app: &crate::App, ctx: &crate::Ctx, programme: ProgrammeId) -> AppResult<Option<f64>> {
    // `get_programme` decides who may see the programme.
    crate::directory::get_programme(app, ctx, programme).await?;
    Ok(app.db.read(move |c| sc::coordination_of(c, programme)).await?)
}

/// Sets a programme's coordination hours a month (those who may edit the programme), audited.
pub async fn save_coordination(app: &crate::App, ctx: &crate::Ctx, programme: ProgrammeId, hours: Option<f64>) -> AppResult<()> {
    use sammen_domain::audit::AuditAction;
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<()> {
            let now = app2.now();
            let row = sammen_store::directory::programme(tx.conn(), programme)?.ok_or(AppError::NotFound)?;
            let org = row.organisation_id.get();
            let Ok(basis) = sammen_domain::policy::edit_programme(&ctx.actor, org) else {
                let subject = crate::Subject { kind: "programme", id: Some(programme.to_string()), org: Some(org.to_string()) };
                return Err(ctx.refuse(tx, now, AuditAction::Update, subject, AppError::NotFound));
            };
            sc::put_coordination(tx.conn(), programme, org, hours, Some(ctx.actor.user), now.micros())?;
            tx.audit(ctx.ok(now, AuditAction::Update, "programme", Some(programme.to_string()), Some(org.to_string()), basis));
            Ok(())
        })
        .await
}

/// Checks coordination hours a month given as a number (the API's field).
pub fn check_coordination(hours: Option<f64>) -> Result<Option<f64>, ValidationErrors> {
    match hours {
        Some(v) if !(v.is_finite() && (0.0..=744.0).contains(&v)) => {
            Err(ValidationErrors::single("coordination_hours_per_month", "err-coordination-hours"))
        }
        other => Ok(other),
    }
}

/// The coordination hours a month of the active organisation's programmes that have them.
pub async fn coordination_of_org(app: &crate::App, ctx: &crate::Ctx) -> AppResult<HashMap<ProgrammeId, f64>> {
    let org = ctx.org()?;
    sammen_domain::policy::view_programme(&ctx.actor, org).map_err(|_| AppError::Forbidden)?;
    let rows = app.db.read(move |c| sc::coordination(c, &[org], None)).await?;
    Ok(rows.into_iter().filter_map(|r| Some((r.programme, r.hours_per_month?))).collect())
}
