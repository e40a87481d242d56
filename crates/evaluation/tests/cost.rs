//! Cost-benefit: a hand-computed example, the period rule, sensitivity and scenarios, the
//! validation errors and the default prices.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use sammen_evaluation::{CostError, CostInputs, End, Interval, Price, ServiceUse, cost_benefit, default_prices_dk, validate_cost_inputs};

fn price(value: f64, low: f64, high: f64) -> Price {
    Price::new(value, "kr.", "test", Some(2024)).with_range(low, high)
}

/// The example of `docs/evaluation.md`, worked by hand there.
fn example() -> (CostInputs, ServiceUse) {
    let inputs = CostInputs {
        participants: 20,
        period_months: 12.0,
        peer_hours: 400.0,
        peer_hourly_wage: price(200.0, 180.0, 250.0),
        supervision_hours: 40.0,
        supervision_hourly_wage: price(400.0, 400.0, 400.0),
        peers_trained: 4,
        training_cost_per_peer: price(5000.0, 5000.0, 5000.0),
        coordination_hours: 100.0,
        coordination_hourly_wage: price(300.0, 300.0, 300.0),
        overhead_share: price(0.10, 0.10, 0.10),
    };
    let service = ServiceUse {
        period_months_before: 12.0,
        period_months_after: 12.0,
        admissions_before: 10.0,
        admissions_after: 6.0,
        bed_days_before: 200.0,
        bed_days_after: 120.0,
        admission_price: price(2000.0, 2000.0, 2000.0),
        bed_day_price: price(4000.0, 3000.0, 5000.0),
        admissions_change_ci: None,
        bed_days_change_ci: None,
    };
    (inputs, service)
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() <= 1e-9 * b.abs().max(1.0), "{a} != {b}");
}

#[test]
fn hand_computed_example() {
    let (inputs, service) = example();
    let r = cost_benefit(&inputs, &service).unwrap();
    // Programme: 400 × 200 + 40 × 400 + 4 × 5,000 + 100 × 300 = 146,000; overhead 10 %.
    close(r.programme.peer_support, 80_000.0);
    close(r.programme.supervision, 16_000.0);
    close(r.programme.training, 20_000.0);
    close(r.programme.coordination, 30_000.0);
    close(r.programme.direct, 146_000.0);
    close(r.programme.overhead, 14_600.0);
    close(r.programme.total, 160_600.0);
    close(r.programme.per_participant.unwrap(), 8_030.0);
    // Service use: 10 × 2,000 + 200 × 4,000 = 820,000 before; 6 × 2,000 + 120 × 4,000 = 492,000.
    close(r.service_use.cost_before, 820_000.0);
    close(r.service_use.cost_after, 492_000.0);
    close(r.service_use.cost_change, -328_000.0);
    close(r.service_use.bed_days_change, -80.0);
    close(r.service_use.admissions_change, -4.0);
    close(r.savings, 328_000.0);
    close(r.net_benefit, 167_400.0);
    close(r.net_benefit_per_participant.unwrap(), 8_370.0);
    close(r.benefit_cost_ratio.unwrap(), 328_000.0 / 160_600.0);

    // Tornado: bed-day price 3,000…5,000 moves savings by 80 × ∓1,000; the peer wage
    // 180…250 moves costs by 400 × (−20 … +50) × 1.1.
    let s = &r.sensitivity;
    assert_eq!(s.len(), 7);
    assert_eq!(s[0].input, "bed_day_price");
    close(s[0].net_benefit_at_low, 87_400.0);
    close(s[0].net_benefit_at_high, 247_400.0);
    close(s[0].swing, 160_000.0);
    assert_eq!(s[1].input, "peer_hourly_wage");
    close(s[1].net_benefit_at_low, 176_200.0);
    close(s[1].net_benefit_at_high, 145_400.0);
    close(s[1].swing, 30_800.0);
    assert!(s[2..].iter().all(|i| i.swing == 0.0));
    assert_eq!(
        s[2..].iter().map(|i| i.input.as_str()).collect::<Vec<_>>(),
        ["supervision_hourly_wage", "training_cost_per_peer", "coordination_hourly_wage", "overhead_share", "admission_price"]
    );

    // Best: dear bed-days and a cheap wage; worst the opposite.
    close(r.best_case.savings, 408_000.0);
    close(r.best_case.programme_cost, 151_800.0);
    close(r.best_case.net_benefit, 256_200.0);
    close(r.worst_case.savings, 248_000.0);
    close(r.worst_case.programme_cost, 182_600.0);
    close(r.worst_case.net_benefit, 65_400.0);
    let ends: Vec<(&str, End)> = r.best_case.inputs.iter().map(|i| (i.input.as_str(), i.end)).collect();
    assert_eq!(ends, [("peer_hourly_wage", End::Low), ("bed_day_price", End::High)]);

    assert_eq!(r.prices.len(), 7);
    assert!(r.prices.iter().all(|p| p.price.source == "test" && p.price.year == Some(2024)));
    assert!(r.needs_review.is_empty());
    let json = serde_json::to_string(&r).unwrap();
    assert!(json.contains(r#"{"input":"peer_hourly_wage","value":200.0,"unit":"kr.","source":"test","year":2024,"low":180.0,"high":250.0,"needs_review":false}"#), "{json}");
}

#[test]
fn a_shorter_period_before_is_scaled_to_the_period_after() {
    let (inputs, mut service) = example();
    service.period_months_before = 6.0;
    service.admissions_before = 5.0;
    service.bed_days_before = 100.0;
    let r = cost_benefit(&inputs, &service).unwrap();
    close(r.service_use.bed_days_before, 200.0);
    close(r.service_use.admissions_before, 10.0);
    close(r.net_benefit, 167_400.0);
}

#[test]
fn the_interval_of_the_change_enters_the_tornado_and_the_scenarios() {
    let (inputs, mut service) = example();
    service.bed_days_change_ci = Some(Interval { low: -120.0, high: -30.0 });
    let r = cost_benefit(&inputs, &service).unwrap();
    let top = &r.sensitivity[0];
    assert_eq!(top.input, "bed_days_change");
    // 120 fewer bed-days save 480,000 + 8,000; 30 fewer save 120,000 + 8,000.
    close(top.net_benefit_at_low, 327_400.0);
    close(top.net_benefit_at_high, -32_600.0);
    close(top.swing, 360_000.0);
    // Best: 120 fewer bed-days at 5,000 and the cheap wage; worst: 30 fewer at 3,000 and the
    // dear wage.
    close(r.best_case.net_benefit, 608_000.0 - 151_800.0);
    close(r.worst_case.net_benefit, 98_000.0 - 182_600.0);
    let worst: Vec<(&str, End)> = r.worst_case.inputs.iter().map(|i| (i.input.as_str(), i.end)).collect();
    assert_eq!(worst, [("peer_hourly_wage", End::High), ("bed_day_price", End::Low), ("bed_days_change", End::High)]);
}

#[test]
fn when_service_use_rises_a_dear_bed_day_is_the_worst_case() {
    let (inputs, mut service) = example();
    service.bed_days_after = 260.0;
    let r = cost_benefit(&inputs, &service).unwrap();
    close(r.savings, 8_000.0 - 60.0 * 4_000.0);
    let worst = r.worst_case.inputs.iter().find(|i| i.input == "bed_day_price").unwrap();
    assert_eq!(worst.end, End::High);
}

#[test]
fn no_programme_cost_gives_no_ratio() {
    let (mut inputs, service) = example();
    inputs.peer_hours = 0.0;
    inputs.supervision_hours = 0.0;
    inputs.peers_trained = 0;
    inputs.coordination_hours = 0.0;
    inputs.participants = 0;
    let r = cost_benefit(&inputs, &service).unwrap();
    assert_eq!(r.benefit_cost_ratio, None);
    assert_eq!(r.programme.per_participant, None);
    assert_eq!(r.net_benefit_per_participant, None);
    assert!(!serde_json::to_string(&r).unwrap().contains("NaN"));
}

#[test]
fn validation_errors_and_their_message_ids() {
    let check = |f: &dyn Fn(&mut CostInputs, &mut ServiceUse), id: &str, field: &str| {
        let (mut inputs, mut service) = example();
        f(&mut inputs, &mut service);
        let err = cost_benefit(&inputs, &service).unwrap_err();
        assert_eq!((err.message_id(), err.field()), (id, field), "{err}");
    };
    check(&|i, _| i.peer_hours = -1.0, "err-cost-negative", "peer_hours");
    check(&|_, s| s.bed_days_after = f64::NAN, "err-cost-not-a-number", "bed_days_after");
    check(&|i, _| i.peer_hourly_wage.low = 210.0, "err-cost-range-order", "peer_hourly_wage");
    check(&|_, s| s.bed_day_price.high = 3500.0, "err-cost-range-order", "bed_day_price");
    check(&|_, s| s.admission_price = price(-5.0, -5.0, 0.0), "err-cost-negative", "admission_price");
    check(&|i, _| i.overhead_share = price(0.2, 0.1, 1.5), "err-cost-share-range", "overhead_share");
    check(&|_, s| s.period_months_before = 0.0, "err-cost-period-positive", "period_months_before");
    check(&|i, _| i.period_months = 6.0, "err-cost-period-mismatch", "period_months");
    check(&|_, s| s.bed_days_change_ci = Some(Interval { low: -70.0, high: -10.0 }), "err-cost-interval-order", "bed_days_change_ci");
    check(
        &|_, s| s.admissions_change_ci = Some(Interval { low: f64::INFINITY, high: 1.0 }),
        "err-cost-not-a-number",
        "admissions_change_ci",
    );

    let (mut inputs, mut service) = example();
    inputs.peer_hours = -1.0;
    service.period_months_after = 6.0;
    let all = validate_cost_inputs(&inputs, &service);
    assert_eq!(
        all,
        vec![CostError::Negative { field: "peer_hours".into() }, CostError::PeriodMismatch { cost_months: 12.0, after_months: 6.0 }]
    );
    assert_eq!(all[1].to_string(), "period_months: the costs cover 12 months but the service use after covers 6");
}

#[test]
fn default_prices_are_sourced_or_flagged() {
    let d = default_prices_dk();
    let all = [
        &d.peer_hourly_wage,
        &d.supervision_hourly_wage,
        &d.training_cost_per_peer,
        &d.coordination_hourly_wage,
        &d.overhead_share,
        &d.admission_price,
        &d.bed_day_price,
    ];
    for p in all {
        assert!(p.needs_review, "{p:?}");
        assert!(p.low <= p.value && p.value <= p.high);
        if p.year.is_none() {
            assert_eq!(p.value, 0.0);
            assert!(p.source.starts_with("Set by the organisation: no source."), "{}", p.source);
        }
    }
    assert_eq!(d.bed_day_price.value, 4165.0);
    assert_eq!(d.bed_day_price.year, Some(2022));
    assert!(d.bed_day_price.source.contains("nr. 1261 af 21. august 2020"));

    // A calculation on the defaults runs and says which prices are still to be set.
    let (mut inputs, mut service) = example();
    inputs.peer_hourly_wage = d.peer_hourly_wage.clone();
    inputs.overhead_share = d.overhead_share.clone();
    service.bed_day_price = d.bed_day_price.clone();
    let r = cost_benefit(&inputs, &service).unwrap();
    assert_eq!(r.needs_review, ["peer_hourly_wage", "overhead_share", "bed_day_price"]);
    close(r.programme.peer_support, 0.0);
}

fn ranged(lo: f64, hi: f64) -> impl Strategy<Value = Price> {
    (lo..hi, 0.0f64..1.0, 0.0f64..1.0).prop_map(move |(v, a, b)| price(v, v * (1.0 - a * 0.5), v * (1.0 + b * 0.5)))
}

proptest! {
    /// The base case, every one-way result and every scenario lie between the worst and the
    /// best case; the tornado is sorted.
    #[test]
    fn scenarios_bound_everything(
        wages in prop::collection::vec(ranged(0.0, 600.0), 3),
        training in ranged(0.0, 20_000.0),
        overhead in (0.0f64..0.5, 0.0f64..0.5).prop_map(|(v, w)| price(v, v * 0.5, (v + w).min(1.0))),
        hours in prop::collection::vec(0.0f64..2000.0, 3),
        peers in 0u64..20,
        use_ in prop::collection::vec(0.0f64..500.0, 4),
        prices in prop::collection::vec(ranged(0.0, 8000.0), 2),
        ci in prop::option::of((0.0f64..100.0, 0.0f64..100.0)),
    ) {
        let inputs = CostInputs {
            participants: 10,
            period_months: 12.0,
            peer_hours: hours[0],
            peer_hourly_wage: wages[0].clone(),
            supervision_hours: hours[1],
            supervision_hourly_wage: wages[1].clone(),
            peers_trained: peers,
            training_cost_per_peer: training,
            coordination_hours: hours[2],
            coordination_hourly_wage: wages[2].clone(),
            overhead_share: overhead,
        };
        let change = use_[3] - use_[2];
        let service = ServiceUse {
            period_months_before: 12.0,
            period_months_after: 12.0,
            admissions_before: use_[0],
            admissions_after: use_[1],
            bed_days_before: use_[2],
            bed_days_after: use_[3],
            admission_price: prices[0].clone(),
            bed_day_price: prices[1].clone(),
            admissions_change_ci: None,
            bed_days_change_ci: ci.map(|(a, b)| Interval { low: change - a, high: change + b }),
        };
        let r = cost_benefit(&inputs, &service).unwrap();
        let slack = 1e-6 * (r.best_case.net_benefit.abs() + r.worst_case.net_benefit.abs() + 1.0);
        prop_assert!(r.worst_case.net_benefit <= r.net_benefit + slack && r.net_benefit <= r.best_case.net_benefit + slack);
        for item in &r.sensitivity {
            for nb in [item.net_benefit_at_low, item.net_benefit_at_high] {
                prop_assert!(r.worst_case.net_benefit - slack <= nb && nb <= r.best_case.net_benefit + slack);
            }
        }
        prop_assert!(r.sensitivity.windows(2).all(|w| w[0].swing >= w[1].swing));
        prop_assert!((r.savings - r.programme.total - r.net_benefit).abs() <= slack);
    }
}
