//! The CHIME check-in's per-process subscales, with hand-checked numbers: one subscale per
//! CHIME process, each its one item's weight × 25 on 0–100, the total unchanged.

// Tests fail by panicking; unwrap and expect say so shortly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::float_cmp)]

use sammen_instruments::*;

fn checkin() -> Definition {
    shipped_definition("sammen-chime-checkin").expect("shipped id").expect("valid definition")
}

fn answers(values: &[(&str, &str)]) -> Answers {
    values.iter().map(|(k, v)| (k.to_string(), AnswerValue::Code(v.to_string()))).collect()
}

#[test]
fn the_check_in_has_one_subscale_per_chime_process_in_chime_order() {
    let d = checkin();
    let ids: Vec<&str> = d.subscales.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["connectedness", "hope", "identity", "meaning", "empowerment"]);
    for (s, domain) in d.subscales.iter().zip(ChimeDomain::ALL) {
        assert_eq!(s.chime, Some(domain), "{} is tagged with its process", s.id);
        assert_eq!(s.items, [domain.code()], "{} has the one item of its process", s.id);
        assert_eq!(d.subscale_range(s), (0.0, 100.0));
        assert!(s.title.get(Lang::Da).is_some() && s.title.get(Lang::En).is_some());
    }
}

#[test]
fn subscale_scores_are_the_item_weight_times_25() {
    let d = checkin();
    let r =
        score(&d, &answers(&[("connectedness", "0"), ("hope", "1"), ("identity", "2"), ("meaning", "3"), ("empowerment", "4")])).unwrap();
    // The total is as before: the mean 2 × 25.
    assert_eq!(r.score, 50.0);
    let got: Vec<(&str, Option<f64>)> = r.subscales.iter().map(|s| (s.id.as_str(), s.score)).collect();
    assert_eq!(
        got,
        [
            ("connectedness", Some(0.0)),
            ("hope", Some(25.0)),
            ("identity", Some(50.0)),
            ("meaning", Some(75.0)),
            ("empowerment", Some(100.0)),
        ]
    );
    assert_eq!(r.scale("meaning"), Some(75.0));
    assert!(r.subscales.iter().all(|s| s.answered == 1 && s.items == 1 && !s.prorated));
}

#[test]
fn an_unanswered_item_leaves_its_subscale_without_a_score_and_the_total_prorated() {
    let d = checkin();
    let r = score(&d, &answers(&[("connectedness", "4"), ("hope", "4"), ("identity", "2"), ("meaning", "2")])).unwrap();
    // Four of five answered: the total is prorated (mean 3 × 25), empowerment has no score.
    assert_eq!(r.score, 75.0);
    assert!(r.prorated);
    let empowerment = r.subscales.iter().find(|s| s.id == "empowerment").unwrap();
    assert_eq!((empowerment.score, empowerment.answered), (None, 0));
    assert_eq!(r.scale("hope"), Some(100.0));
}

#[test]
fn subscales_scored_again_from_stored_item_scores_equal_those_scored_on_save() {
    let d = checkin();
    let r =
        score(&d, &answers(&[("connectedness", "3"), ("hope", "2"), ("identity", "4"), ("meaning", "1"), ("empowerment", "3")])).unwrap();
    assert_eq!(subscale_scores(&d, &r.item_scores), r.subscales);
}

#[test]
fn the_profile_from_items_is_unchanged_by_the_subscales() {
    let d = checkin();
    let r =
        score(&d, &answers(&[("connectedness", "4"), ("hope", "0"), ("identity", "2"), ("meaning", "2"), ("empowerment", "1")])).unwrap();
    let p = chime_profile(&[(&d, &r)]).unwrap();
    // Each process counted once (from its own item), not twice through its subscale.
    assert_eq!(p.get(ChimeDomain::Connectedness).map(|s| (s.mean, s.items)), Some((1.0, 1)));
    assert_eq!(p.get(ChimeDomain::Empowerment).map(|s| (s.mean, s.items)), Some((0.25, 1)));
}
