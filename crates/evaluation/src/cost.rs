//! Cost-benefit: the programme's costs against the change in service use, with every
//! price, its source and year, one-way sensitivity (a tornado) and a best and worst case. The
//! formulas and the sources of the default prices are in `docs/evaluation.md`, "Costs and
//! benefits".

use serde::{Deserialize, Serialize};

/// A price or rate with where it comes from and how uncertain it is. `low` and `high` are the
/// ends of its sensitivity range (`low ≤ value ≤ high`; equal when no range is known).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Price {
    /// In Danish kroner, or a share between 0 and 1 for `overhead_share` (see `unit`).
    pub value: f64,
    pub unit: String,
    /// Where the value comes from, or that the organisation must set it.
    pub source: String,
    /// The year the value refers to (price level); `None` when it has no source.
    pub year: Option<u16>,
    pub low: f64,
    pub high: f64,
    /// The value is a placeholder or does not fit every organisation: the report says so.
    pub needs_review: bool,
}

impl Price {
    /// A sourced price without a range (`low = high = value`).
    pub fn new(value: f64, unit: impl Into<String>, source: impl Into<String>, year: Option<u16>) -> Price {
        Price { value, unit: unit.into(), source: source.into(), year, low: value, high: value, needs_review: false }
    }

    /// The same price with the sensitivity range `low`…`high`.
    pub fn with_range(self, low: f64, high: f64) -> Price {
        Price { low, high, ..self }
    }

    /// A value of 0 that the organisation must set; flagged for review.
    pub fn placeholder(unit: impl Into<String>, what: &str) -> Price {
        let source = format!("Set by the organisation: no source. {what}");
        Price { value: 0.0, unit: unit.into(), source, year: None, low: 0.0, high: 0.0, needs_review: true }
    }
}

/// What the programme used during the period the costs cover. Hours are totals for the period,
/// over all peers and participants.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostInputs {
    /// People supported during the period (for costs per participant).
    pub participants: u64,
    /// Months the costs cover; must equal [`ServiceUse::period_months_after`].
    pub period_months: f64,
    pub peer_hours: f64,
    pub peer_hourly_wage: Price,
    pub supervision_hours: f64,
    pub supervision_hourly_wage: Price,
    /// Peers trained for the programme (training is costed per peer).
    pub peers_trained: u64,
    /// Cost of training one peer.
    pub training_cost_per_peer: Price,
    pub coordination_hours: f64,
    pub coordination_hourly_wage: Price,
    /// Overheads (premises, administration, IT) as a share of the direct costs: `0.15` adds 15 %.
    pub overhead_share: Price,
}

/// A confidence interval for a change, in the same unit as the change.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
}

/// The participants' use of hospital services before they started and during the period after.
/// Counts are totals over all participants.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceUse {
    pub period_months_before: f64,
    pub period_months_after: f64,
    pub admissions_before: f64,
    pub admissions_after: f64,
    pub bed_days_before: f64,
    pub bed_days_after: f64,
    /// Cost of an admission beyond its bed-days (0 when the bed-day price covers the stay).
    pub admission_price: Price,
    pub bed_day_price: Price,
    /// 95% CI of the change in admissions (after − before, scaled to the period after).
    #[serde(default)]
    pub admissions_change_ci: Option<Interval>,
    /// 95% CI of the change in bed-days (after − before, scaled to the period after).
    #[serde(default)]
    pub bed_days_change_ci: Option<Interval>,
}

/// Why a cost-benefit calculation was refused. `field` names the input, as in the JSON.
#[derive(Debug, Clone, PartialEq, Serialize, thiserror::Error)]
pub enum CostError {
    #[error("{field}: not a number")]
    NotANumber { field: String },
    #[error("{field}: cannot be negative")]
    Negative { field: String },
    #[error("{field}: low ≤ value ≤ high does not hold")]
    RangeOrder { field: String },
    #[error("{field}: a share must be between 0 and 1")]
    ShareRange { field: String },
    #[error("{field}: the period must be longer than 0 months")]
    PeriodNotPositive { field: String },
    #[error("period_months: the costs cover {cost_months} months but the service use after covers {after_months}")]
    PeriodMismatch { cost_months: f64, after_months: f64 },
    #[error("{field}: the interval does not contain the change {change}")]
    IntervalOrder { field: String, change: f64 },
}

impl CostError {
    /// A stable message id for the translated error text (Fluent, in `sammen-i18n`).
    pub fn message_id(&self) -> &'static str {
        match self {
            CostError::NotANumber { .. } => "err-cost-not-a-number",
            CostError::Negative { .. } => "err-cost-negative",
            CostError::RangeOrder { .. } => "err-cost-range-order",
            CostError::ShareRange { .. } => "err-cost-share-range",
            CostError::PeriodNotPositive { .. } => "err-cost-period-positive",
            CostError::PeriodMismatch { .. } => "err-cost-period-mismatch",
            CostError::IntervalOrder { .. } => "err-cost-interval-order",
        }
    }

    /// The input the error is about.
    pub fn field(&self) -> &str {
        match self {
            CostError::NotANumber { field }
            | CostError::Negative { field }
            | CostError::RangeOrder { field }
            | CostError::ShareRange { field }
            | CostError::PeriodNotPositive { field }
            | CostError::IntervalOrder { field, .. } => field,
            CostError::PeriodMismatch { .. } => "period_months",
        }
    }
}

/// The programme's costs for the period, in kroner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgrammeCost {
    /// `peer_hours × peer_hourly_wage`.
    pub peer_support: f64,
    /// `supervision_hours × supervision_hourly_wage`.
    pub supervision: f64,
    /// `peers_trained × training_cost_per_peer`.
    pub training: f64,
    /// `coordination_hours × coordination_hourly_wage`.
    pub coordination: f64,
    /// The four above.
    pub direct: f64,
    /// `overhead_share × direct`.
    pub overhead: f64,
    /// `direct + overhead`.
    pub total: f64,
    /// `total / participants`; `None` with no participants.
    pub per_participant: Option<f64>,
}

/// Service use and its cost before and after, both over the period after (the counts before
/// are scaled by `period_months_after / period_months_before`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceUseCost {
    pub admissions_before: f64,
    pub admissions_after: f64,
    /// After − before: negative means fewer admissions.
    pub admissions_change: f64,
    pub bed_days_before: f64,
    pub bed_days_after: f64,
    pub bed_days_change: f64,
    pub cost_before: f64,
    pub cost_after: f64,
    /// `cost_after − cost_before`.
    pub cost_change: f64,
}

/// One bar of the tornado: the net benefit with one input at each end of its range and every
/// other input at its value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SensitivityItem {
    pub input: String,
    pub low: f64,
    pub high: f64,
    pub net_benefit_at_low: f64,
    pub net_benefit_at_high: f64,
    /// `|net_benefit_at_high − net_benefit_at_low|`.
    pub swing: f64,
}

/// Which end of its range an input takes in a scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum End {
    Low,
    High,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioInput {
    pub input: String,
    pub end: End,
    pub value: f64,
}

/// The best or worst case: every uncertain input at one end of its range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    pub programme_cost: f64,
    pub savings: f64,
    pub net_benefit: f64,
    pub benefit_cost_ratio: Option<f64>,
    /// The inputs that have a range, and the end each takes.
    pub inputs: Vec<ScenarioInput>,
}

/// A price as used in a result, with the input it is for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PriceUsed {
    pub input: String,
    #[serde(flatten)]
    pub price: Price,
}

/// The cost-benefit result. Positive `savings` and `net_benefit` are in the programme's favour.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostBenefit {
    pub period_months: f64,
    pub participants: u64,
    pub programme: ProgrammeCost,
    pub service_use: ServiceUseCost,
    /// `cost_before − cost_after`: what the lower service use saved (negative: it cost more).
    pub savings: f64,
    /// `savings − programme.total`.
    pub net_benefit: f64,
    /// `net_benefit / participants`.
    pub net_benefit_per_participant: Option<f64>,
    /// `savings / programme.total`; `None` when the programme cost nothing.
    pub benefit_cost_ratio: Option<f64>,
    /// One-way sensitivity, largest swing first.
    pub sensitivity: Vec<SensitivityItem>,
    pub best_case: Scenario,
    pub worst_case: Scenario,
    /// Every price used, with its source and year.
    pub prices: Vec<PriceUsed>,
    /// The inputs whose price must be set or checked by the organisation.
    pub needs_review: Vec<String>,
}

/// The default prices an organisation starts from and may edit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PriceDefaults {
    pub peer_hourly_wage: Price,
    pub supervision_hourly_wage: Price,
    pub training_cost_per_peer: Price,
    pub coordination_hourly_wage: Price,
    pub overhead_share: Price,
    pub admission_price: Price,
    pub bed_day_price: Price,
}

/// Danish defaults. Only the bed-day price has a published source, and it is for one kind of
/// psychiatric bed, so it too is flagged for review; every other price is a placeholder of 0 that
/// the organisation must set (`needs_review`). See `docs/evaluation.md` for what was searched.
pub fn default_prices_dk() -> PriceDefaults {
    let hour = "kr. per hour";
    PriceDefaults {
        peer_hourly_wage: Price::placeholder(
            hour,
            "Enter what an hour of peer support costs the organisation, with pension and holiday pay. Peer workers' pay is agreed locally.",
        ),
        supervision_hourly_wage: Price::placeholder(
            hour,
            "Enter what an hour of the supervisor's time costs, with pension and holiday pay.",
        ),
        training_cost_per_peer: Price::placeholder(
            "kr. per peer trained",
            "Enter the cost of training one peer (course fees and paid hours).",
        ),
        coordination_hourly_wage: Price::placeholder(
            hour,
            "Enter what an hour of the coordinator's time costs, with pension and holiday pay.",
        ),
        overhead_share: Price::placeholder(
            "share of direct costs (0–1)",
            "Enter the organisation's overhead rate (premises, administration, IT).",
        ),
        admission_price: Price::placeholder(
            "kr. per admission",
            "Enter a cost per admission only for what the bed-day price does not cover; 0 avoids counting a stay twice.",
        ),
        bed_day_price: Price {
            value: 4165.0,
            unit: "kr. per bed-day".into(),
            source: "The daily rate a municipality pays the region for a 'særlig plads' on a psychiatric ward, 2022 (Region \
                     Hovedstadens Psykiatri, Psykiatrisk Center Nordsjælland, 'Økonomi'), set by Bekendtgørelse om kommuners \
                     betaling til regioner for særlige pladser på psykiatrisk afdeling (nr. 1261 af 21. august 2020, § 2: \
                     3.836 kr. per day, indexed every year). It is the price of one kind of psychiatric bed, not the cost of an \
                     ordinary psychiatric bed-day: replace it with the price your organisation uses. Range ±25 %: a convention, \
                     not sourced."
                .into(),
            year: Some(2022),
            low: 4165.0 * 0.75,
            high: 4165.0 * 1.25,
            needs_review: true,
        },
    }
}

/// Every validation error of the inputs, in a fixed order (empty when they are valid).
pub fn validate_cost_inputs(inputs: &CostInputs, service: &ServiceUse) -> Vec<CostError> {
    let mut errors = Vec::new();
    let mut quantity = |field: &str, x: f64| {
        if !x.is_finite() {
            errors.push(CostError::NotANumber { field: field.into() });
        } else if x < 0.0 {
            errors.push(CostError::Negative { field: field.into() });
        }
    };
    quantity("peer_hours", inputs.peer_hours);
    quantity("supervision_hours", inputs.supervision_hours);
    quantity("coordination_hours", inputs.coordination_hours);
    quantity("admissions_before", service.admissions_before);
    quantity("admissions_after", service.admissions_after);
    quantity("bed_days_before", service.bed_days_before);
    quantity("bed_days_after", service.bed_days_after);
    for (field, price) in price_list(inputs, service) {
        if let Some(e) = price_error(field, price) {
            errors.push(e);
        }
    }
    let periods = [
        ("period_months", inputs.period_months),
        ("period_months_before", service.period_months_before),
        ("period_months_after", service.period_months_after),
    ];
    let mut periods_ok = true;
    for (field, months) in periods {
        if !months.is_finite() {
            errors.push(CostError::NotANumber { field: field.into() });
            periods_ok = false;
        } else if months <= 0.0 {
            errors.push(CostError::PeriodNotPositive { field: field.into() });
            periods_ok = false;
        }
    }
    if periods_ok && (inputs.period_months - service.period_months_after).abs() > 1e-9 {
        errors.push(CostError::PeriodMismatch { cost_months: inputs.period_months, after_months: service.period_months_after });
    }
    if errors.is_empty() {
        let (adm, bd) = changes(service);
        for (field, ci, change) in
            [("admissions_change_ci", service.admissions_change_ci, adm), ("bed_days_change_ci", service.bed_days_change_ci, bd)]
        {
            let Some(ci) = ci else { continue };
            let slack = 1e-9 * change.abs().max(1.0);
            if !ci.low.is_finite() || !ci.high.is_finite() {
                errors.push(CostError::NotANumber { field: field.into() });
            } else if ci.low > change + slack || ci.high < change - slack {
                errors.push(CostError::IntervalOrder { field: field.into(), change });
            }
        }
    }
    errors
}

fn price_error(field: &str, p: &Price) -> Option<CostError> {
    if !(p.value.is_finite() && p.low.is_finite() && p.high.is_finite()) {
        return Some(CostError::NotANumber { field: field.into() });
    }
    if p.low < 0.0 || p.value < 0.0 {
        return Some(CostError::Negative { field: field.into() });
    }
    if !(p.low <= p.value && p.value <= p.high) {
        return Some(CostError::RangeOrder { field: field.into() });
    }
    if field == "overhead_share" && p.high > 1.0 {
        return Some(CostError::ShareRange { field: field.into() });
    }
    None
}

fn price_list<'a>(inputs: &'a CostInputs, service: &'a ServiceUse) -> [(&'static str, &'a Price); 7] {
    [
        ("peer_hourly_wage", &inputs.peer_hourly_wage),
        ("supervision_hourly_wage", &inputs.supervision_hourly_wage),
        ("training_cost_per_peer", &inputs.training_cost_per_peer),
        ("coordination_hourly_wage", &inputs.coordination_hourly_wage),
        ("overhead_share", &inputs.overhead_share),
        ("admission_price", &service.admission_price),
        ("bed_day_price", &service.bed_day_price),
    ]
}

/// The counts before, scaled to the period after.
fn scaled_before(service: &ServiceUse) -> (f64, f64) {
    let scale = service.period_months_after / service.period_months_before;
    (service.admissions_before * scale, service.bed_days_before * scale)
}

/// (admissions change, bed-days change), after − before over the period after.
fn changes(service: &ServiceUse) -> (f64, f64) {
    let (adm, bd) = scaled_before(service);
    (service.admissions_after - adm, service.bed_days_after - bd)
}

/// The uncertain inputs, in this order: the seven prices, then the two changes.
const PEER: usize = 0;
const SUPERVISION: usize = 1;
const TRAINING: usize = 2;
const COORDINATION: usize = 3;
const OVERHEAD: usize = 4;
const ADMISSION_PRICE: usize = 5;
const BED_DAY_PRICE: usize = 6;
const ADMISSIONS_CHANGE: usize = 7;
const BED_DAYS_CHANGE: usize = 8;
const INPUTS: usize = 9;

const NAMES: [&str; INPUTS] = [
    "peer_hourly_wage",
    "supervision_hourly_wage",
    "training_cost_per_peer",
    "coordination_hourly_wage",
    "overhead_share",
    "admission_price",
    "bed_day_price",
    "admissions_change",
    "bed_days_change",
];

/// The model with its fixed quantities; `x` holds the uncertain inputs.
struct Model {
    peer_hours: f64,
    supervision_hours: f64,
    peers_trained: f64,
    coordination_hours: f64,
}

impl Model {
    fn programme(&self, x: &[f64; INPUTS]) -> (f64, f64) {
        let direct = self.peer_hours * x[PEER]
            + self.supervision_hours * x[SUPERVISION]
            + self.peers_trained * x[TRAINING]
            + self.coordination_hours * x[COORDINATION];
        (direct, direct * x[OVERHEAD])
    }

    /// (programme cost, savings, net benefit). The net benefit is linear in each input with the
    /// others fixed, so its extremes over the ranges lie at their ends.
    fn evaluate(&self, x: &[f64; INPUTS]) -> (f64, f64, f64) {
        let (direct, overhead) = self.programme(x);
        let cost = direct + overhead;
        let savings = -(x[ADMISSIONS_CHANGE] * x[ADMISSION_PRICE] + x[BED_DAYS_CHANGE] * x[BED_DAY_PRICE]);
        (cost, savings, savings - cost)
    }
}

fn ratio(savings: f64, cost: f64) -> Option<f64> {
    (cost > 0.0).then(|| savings / cost)
}

/// The cost-benefit calculation; refused with the first of [`validate_cost_inputs`]'s errors.
pub fn cost_benefit(inputs: &CostInputs, service: &ServiceUse) -> Result<CostBenefit, CostError> {
    if let Some(e) = validate_cost_inputs(inputs, service).into_iter().next() {
        return Err(e);
    }
    let prices = price_list(inputs, service);
    let (adm_change, bd_change) = changes(service);
    let mut base = [0.0; INPUTS];
    let mut low = [0.0; INPUTS];
    let mut high = [0.0; INPUTS];
    for (k, (_, p)) in prices.iter().enumerate() {
        base[k] = p.value;
        low[k] = p.low;
        high[k] = p.high;
    }
    for (k, change, ci) in
        [(ADMISSIONS_CHANGE, adm_change, service.admissions_change_ci), (BED_DAYS_CHANGE, bd_change, service.bed_days_change_ci)]
    {
        base[k] = change;
        low[k] = ci.map_or(change, |c| c.low);
        high[k] = ci.map_or(change, |c| c.high);
    }
    let model = Model {
        peer_hours: inputs.peer_hours,
        supervision_hours: inputs.supervision_hours,
        peers_trained: inputs.peers_trained as f64,
        coordination_hours: inputs.coordination_hours,
    };

    let per = |x: f64| (inputs.participants > 0).then(|| x / inputs.participants as f64);
    let (direct, overhead) = model.programme(&base);
    let programme = ProgrammeCost {
        peer_support: inputs.peer_hours * base[PEER],
        supervision: inputs.supervision_hours * base[SUPERVISION],
        training: model.peers_trained * base[TRAINING],
        coordination: inputs.coordination_hours * base[COORDINATION],
        direct,
        overhead,
        total: direct + overhead,
        per_participant: per(direct + overhead),
    };
    let (adm_before, bd_before) = scaled_before(service);
    let cost_before = adm_before * base[ADMISSION_PRICE] + bd_before * base[BED_DAY_PRICE];
    let cost_after = service.admissions_after * base[ADMISSION_PRICE] + service.bed_days_after * base[BED_DAY_PRICE];
    let service_use = ServiceUseCost {
        admissions_before: adm_before,
        admissions_after: service.admissions_after,
        admissions_change: adm_change,
        bed_days_before: bd_before,
        bed_days_after: service.bed_days_after,
        bed_days_change: bd_change,
        cost_before,
        cost_after,
        cost_change: cost_after - cost_before,
    };
    let savings = cost_before - cost_after;
    let net_benefit = savings - programme.total;

    // One-way sensitivity: every price, and each change that has an interval.
    let mut sensitivity: Vec<SensitivityItem> = (0..INPUTS)
        .filter(|&k| k < ADMISSIONS_CHANGE || low[k] != high[k])
        .map(|k| {
            let at = |v: f64| {
                let mut x = base;
                x[k] = v;
                model.evaluate(&x).2
            };
            let (a, b) = (at(low[k]), at(high[k]));
            SensitivityItem {
                input: NAMES[k].into(),
                low: low[k],
                high: high[k],
                net_benefit_at_low: a,
                net_benefit_at_high: b,
                swing: (b - a).abs(),
            }
        })
        .collect();
    sensitivity.sort_by(|a, b| b.swing.total_cmp(&a.swing));

    // Best and worst case: every combination of ends of the inputs that have a range.
    let varying: Vec<usize> = (0..INPUTS).filter(|&k| low[k] != high[k]).collect();
    let scenario = |mask: u32| {
        let mut x = base;
        let mut chosen = Vec::with_capacity(varying.len());
        for (bit, &k) in varying.iter().enumerate() {
            let end = if mask & (1 << bit) == 0 { End::Low } else { End::High };
            x[k] = if end == End::Low { low[k] } else { high[k] };
            chosen.push(ScenarioInput { input: NAMES[k].into(), end, value: x[k] });
        }
        let (cost, savings, nb) = model.evaluate(&x);
        Scenario { programme_cost: cost, savings, net_benefit: nb, benefit_cost_ratio: ratio(savings, cost), inputs: chosen }
    };
    let mut best = scenario(0);
    let mut worst = best.clone();
    for mask in 1..(1u32 << varying.len()) {
        let s = scenario(mask);
        if s.net_benefit > best.net_benefit {
            best = s;
        } else if s.net_benefit < worst.net_benefit {
            worst = s;
        }
    }

    Ok(CostBenefit {
        period_months: inputs.period_months,
        participants: inputs.participants,
        benefit_cost_ratio: ratio(savings, programme.total),
        programme,
        service_use,
        savings,
        net_benefit,
        net_benefit_per_participant: per(net_benefit),
        sensitivity,
        best_case: best,
        worst_case: worst,
        prices: prices.iter().map(|(k, p)| PriceUsed { input: (*k).into(), price: (*p).clone() }).collect(),
        needs_review: prices.iter().filter(|(_, p)| p.needs_review).map(|(k, _)| (*k).into()).collect(),
    })
}
