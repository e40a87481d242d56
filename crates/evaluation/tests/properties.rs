//! Property tests: invariants that must hold for any data.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use sammen_evaluation::{Method, ReliableChangeSettings, paired_change, pool, read_change, read_pool, read_summaries, reliable_change};

fn pairs() -> impl Strategy<Value = Vec<(f64, f64)>> {
    prop::collection::vec((-100.0f64..100.0, -100.0f64..100.0), 0..60)
}

fn sites() -> impl Strategy<Value = Vec<(f64, f64)>> {
    prop::collection::vec((-3.0f64..3.0, 0.001f64..2.0), 3..25)
}

fn in_unit(x: Option<f64>) -> bool {
    x.is_none_or(|p| (0.0..=1.0).contains(&p))
}

proptest! {
    #[test]
    fn paired_change_is_sane(data in pairs()) {
        let (pre, post): (Vec<f64>, Vec<f64>) = data.iter().copied().unzip();
        let s = paired_change(&pre, &post).unwrap();
        prop_assert_eq!(s.n, pre.len());
        prop_assert!(in_unit(s.p));
        if let (Some(lo), Some(m), Some(hi)) = (s.ci_low, s.mean_change, s.ci_high) {
            prop_assert!(lo <= m && m <= hi, "{} {} {}", lo, m, hi);
        }
        if let Some(r) = s.r {
            prop_assert!((-1.0..=1.0).contains(&r));
        }
        if let Some(v) = s.smcr_var {
            prop_assert!(v >= 0.0);
        }
        let json = serde_json::to_string(&s).unwrap();
        prop_assert!(!json.contains("NaN") && !json.contains("inf"));
    }

    #[test]
    fn pooling_is_sane(data in sites(), hk in any::<bool>(), reml in any::<bool>()) {
        let (yi, vi): (Vec<f64>, Vec<f64>) = data.iter().copied().unzip();
        let method = if reml { Method::Reml } else { Method::Dl };
        let r = pool(&yi, &vi, method, hk).unwrap();
        prop_assert!(r.tau2 >= 0.0);
        prop_assert!((0.0..=100.0).contains(&r.i2));
        prop_assert!((0.0..=1.0).contains(&r.q_p));
        prop_assert!(r.q >= 0.0);
        prop_assert!(r.ci_low <= r.estimate && r.estimate <= r.ci_high);
        prop_assert!(r.pi_low <= r.ci_low + 1e-12 && r.ci_high <= r.pi_high + 1e-12);
        let lo = yi.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = yi.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        prop_assert!(lo - 1e-12 <= r.estimate && r.estimate <= hi + 1e-12);
    }

    #[test]
    fn pooling_ignores_site_order(
        (data, shuffled) in sites().prop_flat_map(|d| (Just(d.clone()), Just(d).prop_shuffle())),
        hk in any::<bool>(),
        reml in any::<bool>(),
    ) {
        let method = if reml { Method::Reml } else { Method::Dl };
        let (y1, v1): (Vec<f64>, Vec<f64>) = data.iter().copied().unzip();
        let (y2, v2): (Vec<f64>, Vec<f64>) = shuffled.iter().copied().unzip();
        let a = pool(&y1, &v1, method, hk).unwrap();
        let b = pool(&y2, &v2, method, hk).unwrap();
        let pairs = [
            (a.estimate, b.estimate), (a.se, b.se), (a.ci_low, b.ci_low), (a.ci_high, b.ci_high),
            (a.tau2, b.tau2), (a.i2, b.i2), (a.q, b.q), (a.q_p, b.q_p),
            (a.pi_low, b.pi_low), (a.pi_high, b.pi_high),
        ];
        for (x, y) in pairs {
            prop_assert!((x - y).abs() <= 1e-8 * x.abs().max(1.0), "{} vs {}", x, y);
        }
    }

    #[test]
    fn reliable_change_counts_add_up(data in pairs(), higher in any::<bool>(), cutoff in prop::option::of(-50.0f64..50.0)) {
        let (pre, post): (Vec<f64>, Vec<f64>) = data.iter().copied().unzip();
        let settings = ReliableChangeSettings { reliability: 0.8, sd: Some(10.0), higher_is_better: higher, cutoff };
        let r = reliable_change(&pre, &post, &settings).unwrap();
        prop_assert_eq!(
            r.reliable_improvement.count + r.no_reliable_change.count + r.reliable_deterioration.count,
            r.n
        );
        if let Some(cs) = r.clinically_significant {
            prop_assert!(cs.count <= r.reliable_improvement.count);
        }
    }

    #[test]
    fn parsers_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        if let Ok(table) = sammen_evaluation::read_file(&bytes, None) {
            let _ = read_change(&table);
            let _ = read_pool(&table);
            let _ = read_summaries(&table);
        }
    }

    #[test]
    fn parsers_never_panic_on_csv_like_text(text in "(participant,site,wave,score|site,yi,vi)(\r?\n[a-z0-9\",; .-]{0,30}){0,6}") {
        let table = sammen_evaluation::read_file(text.as_bytes(), None);
        if let Ok(table) = table {
            let _ = read_change(&table);
            let _ = read_pool(&table);
            let _ = read_summaries(&table);
        }
    }
}
