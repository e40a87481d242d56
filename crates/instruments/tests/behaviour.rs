//! Scoring, change and CHIME profiles, with hand-checked numbers.

// Tests fail by panicking; unwrap and expect say so shortly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use sammen_instruments::*;

fn def(id: &str) -> Definition {
    shipped_definition(id).expect("shipped id").expect("valid definition")
}

fn codes(values: &[(&str, &str)]) -> Answers {
    values.iter().map(|(k, v)| (k.to_string(), AnswerValue::Code(v.to_string()))).collect()
}

fn all(n: usize, code: &str) -> Answers {
    (1..=n).map(|i| (i.to_string(), AnswerValue::Code(code.to_owned()))).collect()
}

fn seq(codes: &[&str]) -> Answers {
    codes.iter().enumerate().map(|(i, c)| ((i + 1).to_string(), AnswerValue::Code(c.to_string()))).collect()
}

#[test]
fn every_shipped_definition_is_valid_and_only_the_check_in_has_text() {
    let defs = shipped().unwrap();
    assert_eq!(defs.len(), 7);
    for (d, (id, _)) in defs.iter().zip(SHIPPED_JSON.iter()) {
        assert_eq!(&d.id, id);
        assert!(!d.citations.is_empty(), "{id} cites its sources");
        if d.id == "sammen-chime-checkin" {
            assert!(d.has_text());
            assert!(!d.validated);
            assert!(d.title.da.as_deref().unwrap().contains("ikke valideret"));
            assert!(d.title.en.as_deref().unwrap().contains("not validated"));
        } else {
            assert!(!d.has_text(), "{id} ships no licensed text");
            assert!(!d.licence.text_shipped);
            assert!(d.validated);
        }
        // Serialising and parsing again gives the same definition.
        let again = parse_definition(&serde_json::to_string(d).unwrap()).unwrap();
        assert_eq!(&again, d);
    }
}

#[test]
fn shipped_structures_match_the_literature() {
    let expect = [
        ("qpr-15", 15, 0.0, 4.0, 0.0, 60.0),
        ("who-5", 5, 0.0, 5.0, 0.0, 100.0),
        ("swemwbs", 7, 1.0, 5.0, 7.0, 35.0),
        ("brief-inspire-o", 5, 0.0, 4.0, 0.0, 100.0),
        ("ors", 4, 0.0, 10.0, 0.0, 40.0),
        ("barc-10", 10, 1.0, 6.0, 10.0, 60.0),
        ("sammen-chime-checkin", 5, 0.0, 4.0, 0.0, 100.0),
    ];
    for (id, n, lo, hi, min, max) in expect {
        let d = def(id);
        assert_eq!(d.items.len(), n, "{id} items");
        for item in &d.items {
            assert_eq!(item.bounds(), (lo, hi), "{id} item {} scale", item.link_id);
            assert!(!item.reverse, "{id}: no reverse-scored items");
        }
        assert_eq!((d.range.min, d.range.max), (min, max), "{id} range");
        assert!(d.higher_is_better);
    }
}

#[test]
fn who5_is_raw_times_four_with_its_cut_offs() {
    let d = def("who-5");
    let r = score(&d, &all(5, "3")).unwrap();
    assert_eq!((r.raw, r.score, r.prorated), (15.0, 60.0, false));
    assert_eq!(r.band.as_deref(), Some("above_cutoff"));
    assert_eq!(r.clinical, Some(false));
    assert_eq!(r.instrument, InstrumentRef { id: "who-5".into(), version: "1.0.0".into() });

    let r = score(&d, &seq(&["3", "3", "2", "2", "2"])).unwrap();
    assert_eq!(r.score, 48.0);
    assert_eq!(r.band.as_deref(), Some("poor_wellbeing"));
    assert_eq!(r.clinical, Some(true));

    let r = score(&d, &seq(&["2", "1", "1", "1", "2"])).unwrap();
    assert_eq!(r.score, 28.0);
    assert_eq!(r.band.as_deref(), Some("likely_depression"));
    assert_eq!(score(&d, &all(5, "5")).unwrap().score, 100.0);
    assert_eq!(score(&d, &all(5, "0")).unwrap().score, 0.0);
}

#[test]
fn who5_needs_every_item() {
    let d = def("who-5");
    let answers = seq(&["3", "3", "3", "3"]);
    assert_eq!(score(&d, &answers), Err(ScoreError::TooFewAnswered { answered: 4, required: 5, items: 5 }));
}

#[test]
fn swemwbs_converts_raw_scores_by_the_published_table() {
    let d = def("swemwbs");
    assert_eq!(score(&d, &all(7, "1")).unwrap().score, 7.0);
    assert_eq!(score(&d, &all(7, "5")).unwrap().score, 35.0);
    let r = score(&d, &all(7, "3")).unwrap();
    assert_eq!((r.raw, r.score), (21.0, 19.25));
    let r = score(&d, &seq(&["2", "1", "1", "1", "1", "1", "1"])).unwrap();
    assert_eq!((r.raw, r.score), (8.0, 9.51));
    let r = score(&d, &seq(&["5", "5", "5", "5", "5", "5", "4"])).unwrap();
    assert_eq!((r.raw, r.score), (34.0, 32.55));
}

#[test]
fn qpr15_and_barc10_are_sums() {
    assert_eq!(score(&def("qpr-15"), &all(15, "4")).unwrap().score, 60.0);
    assert_eq!(score(&def("qpr-15"), &all(15, "2")).unwrap().score, 30.0);
    let barc = def("barc-10");
    let r = score(&barc, &all(10, "5")).unwrap();
    assert_eq!(r.score, 50.0);
    assert_eq!(r.band.as_deref(), Some("at_or_above_47"));
    assert_eq!(r.clinical, None, "47 predicts remission; it is not a clinical cut-off");
    let r = score(&barc, &seq(&["5", "5", "5", "5", "5", "5", "5", "4", "4", "3"])).unwrap();
    assert_eq!((r.score, r.band.as_deref()), (46.0, Some("below_47")));
}

#[test]
fn brief_inspire_o_is_the_mean_times_25() {
    let d = def("brief-inspire-o");
    let r = score(&d, &seq(&["4", "3", "2", "1", "0"])).unwrap();
    assert_eq!((r.raw, r.score), (10.0, 50.0));
    assert_eq!(r.band.as_deref(), Some("at_or_above_cutoff"));
    assert_eq!(r.clinical, Some(false));
    let r = score(&d, &seq(&["2", "2", "2", "2", "1"])).unwrap();
    assert_eq!(r.score, 45.0);
    assert_eq!(r.clinical, Some(true));
}

#[test]
fn ors_takes_numbers_on_four_lines() {
    let d = def("ors");
    let answers: Answers =
        [("1", 5.5), ("2", 6.2), ("3", 7.0), ("4", 3.3)].iter().map(|(k, v)| (k.to_string(), AnswerValue::Number(*v))).collect();
    let r = score(&d, &answers).unwrap();
    assert!((r.score - 22.0).abs() < 1e-9);
    assert_eq!(r.clinical, Some(true));
    assert_eq!(r.band.as_deref(), Some("clinical"));

    let mut bad = answers.clone();
    bad.insert("1".into(), AnswerValue::Number(10.5));
    assert_eq!(score(&d, &bad), Err(ScoreError::OutOfScale { link_id: "1".into(), value: "10.5".into() }));
    bad.insert("1".into(), AnswerValue::Number(f64::NAN));
    assert!(matches!(score(&d, &bad), Err(ScoreError::OutOfScale { link_id, .. }) if link_id == "1"));
    bad.insert("1".into(), AnswerValue::Code("5".into()));
    assert_eq!(score(&d, &bad), Err(ScoreError::WrongAnswerType { link_id: "1".into(), expected: "a number" }));
}

#[test]
fn answers_off_the_scale_or_to_unknown_items_are_errors_naming_the_item() {
    let d = def("barc-10");
    let mut answers = all(10, "3");
    answers.insert("7".into(), AnswerValue::Code("0".into()));
    assert_eq!(score(&d, &answers), Err(ScoreError::OutOfScale { link_id: "7".into(), value: "0".into() }));
    let mut answers = all(10, "3");
    answers.insert("11".into(), AnswerValue::Code("3".into()));
    let err = score(&d, &answers).unwrap_err();
    assert_eq!(err, ScoreError::UnknownItem { instrument: d.instrument(), link_id: "11".into() });
    assert_eq!(err.message_id(), "err-instrument-unknown-item");
    let mut answers = all(10, "3");
    answers.insert("2".into(), AnswerValue::Number(3.0));
    assert_eq!(score(&d, &answers), Err(ScoreError::WrongAnswerType { link_id: "2".into(), expected: "an option code" }));
}

#[test]
fn the_check_in_prorates_with_four_of_five_and_says_so() {
    let d = def("sammen-chime-checkin");
    let answers = codes(&[("connectedness", "4"), ("hope", "3"), ("identity", "2"), ("meaning", "3")]);
    let r = score(&d, &answers).unwrap();
    assert!(r.prorated);
    assert_eq!(r.answered, 4);
    // Mean of the answered items (3) times 25; the raw sum is the mean times five items.
    assert!((r.score - 75.0).abs() < 1e-9);
    assert!((r.raw - 15.0).abs() < 1e-9);
    let answers = codes(&[("connectedness", "4"), ("hope", "3"), ("identity", "2")]);
    assert_eq!(score(&d, &answers), Err(ScoreError::TooFewAnswered { answered: 3, required: 4, items: 5 }));
}

/// A small custom definition with a reverse-scored item, a subscale, reliability and norms.
fn custom() -> Definition {
    parse_definition(
        r#"{
        "id": "test-scale", "version": "2",
        "title": {"da": "Testskala", "en": "Test scale"},
        "validated": true,
        "citations": [{"text": "Made up for a test."}],
        "licence": {"text_shipped": true, "note": "Test."},
        "items": [
            {"linkId": "a", "response": {"kind": "choice", "options": [
                {"code": "n", "weight": 0}, {"code": "s", "weight": 1}, {"code": "o", "weight": 2}, {"code": "y", "weight": 3}]}, "chime": "hope"},
            {"linkId": "b", "reverse": true, "response": {"kind": "choice", "options": [
                {"code": "n", "weight": 0}, {"code": "s", "weight": 1}, {"code": "o", "weight": 2}, {"code": "y", "weight": 3}]}},
            {"linkId": "c", "response": {"kind": "numeric", "min": 0, "max": 6, "decimals": 0}},
            {"linkId": "d", "response": {"kind": "numeric", "min": 0, "max": 6, "decimals": 0}}
        ],
        "subscales": [{"id": "first", "title": {"da": "Første", "en": "First"}, "items": ["a", "b"],
                       "aggregation": {"method": "mean"}, "chime": "connectedness"}],
        "aggregation": {"method": "sum"},
        "missing": {"min_answered_share": 0.75},
        "range": {"min": 0, "max": 18},
        "higher_is_better": false,
        "reliability": {"coefficient": 0.84, "kind": "test_retest", "source": "made up"},
        "norm_sd": {"value": 3.0, "source": "made up"},
        "clinical_cutoff": {"value": 9, "clinical": "above", "source": "made up"},
        "meaningful_change": {"value": 2, "source": "made up"}
    }"#,
    )
    .unwrap()
}

fn custom_answers(a: &str, b: &str, c: f64, d: Option<f64>) -> Answers {
    let mut out: Answers = [("a", AnswerValue::Code(a.into())), ("b", AnswerValue::Code(b.into())), ("c", AnswerValue::Number(c))]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
    if let Some(d) = d {
        out.insert("d".into(), AnswerValue::Number(d));
    }
    out
}

#[test]
fn reverse_scoring_subscales_and_prorating_follow_the_definition() {
    let d = custom();
    let r = score(&d, &custom_answers("o", "s", 4.0, Some(1.0))).unwrap();
    // b is reversed: 0 + 3 − 1 = 2.
    assert_eq!(r.item_scores["b"], 2.0);
    assert_eq!((r.raw, r.score, r.prorated), (9.0, 9.0, false));
    assert_eq!(r.clinical, Some(false));
    let first = &r.subscales[0];
    assert_eq!((first.score, first.prorated, first.answered), (Some(2.0), false, 2));
    assert_eq!(r.scale("first"), Some(2.0));
    assert_eq!(r.scale(TOTAL), Some(9.0));

    // Without d: 3 of 4 answered (the rule asks for 3). Answered sum 8 of possible 0–12,
    // so two thirds of the way along 0–18: 12. Items differ in scale, so this is not mean × 4.
    let r = score(&d, &custom_answers("o", "s", 4.0, None)).unwrap();
    assert!(r.prorated);
    assert!((r.raw - 12.0).abs() < 1e-9);
    assert_eq!(r.clinical, Some(true));
}

#[test]
fn reliable_and_clinically_significant_change() {
    let d = custom();
    let before = score(&d, &custom_answers("y", "n", 6.0, Some(6.0))).unwrap(); // 3 + 3 + 6 + 6 = 18
    let after = score(&d, &custom_answers("n", "y", 1.0, Some(1.0))).unwrap(); // 0 + 0 + 1 + 1 = 2
    let c = change(&d, &before, &after).unwrap();
    assert_eq!((c.before, c.after, c.difference, c.improvement), (18.0, 2.0, -16.0, 16.0));
    let rc = c.reliable.unwrap();
    let s_diff = 3.0 * 2f64.sqrt() * (1.0f64 - 0.84).sqrt();
    assert!((rc.s_diff - s_diff).abs() < 1e-12);
    assert!((rc.rci - (-16.0 / s_diff)).abs() < 1e-12);
    assert_eq!(rc.category, ChangeCategory::ReliableImprovement, "lower is better here");
    assert_eq!(c.clinically_significant, Some(true));
    assert_eq!(c.meaningful_improvement, Some(true));

    let slightly = score(&d, &custom_answers("y", "n", 5.0, Some(6.0))).unwrap();
    let c = change(&d, &before, &slightly).unwrap();
    assert_eq!(c.reliable.unwrap().category, ChangeCategory::NoReliableChange);
    assert_eq!(c.clinically_significant, Some(false));
    assert_eq!(c.meaningful_improvement, Some(false));
}

#[test]
fn scores_of_different_versions_or_instruments_are_never_compared() {
    let d = custom();
    let before = score(&d, &custom_answers("y", "n", 6.0, Some(6.0))).unwrap();
    let mut other_version = before.clone();
    other_version.instrument.version = "3".into();
    let err = change(&d, &before, &other_version).unwrap_err();
    assert_eq!(err, ChangeError::VersionMismatch { id: "test-scale".into(), before: "2".into(), after: "3".into() });
    assert_eq!(err.message_id(), "err-instrument-version-mismatch");

    let who5 = def("who-5");
    let w = score(&who5, &all(5, "3")).unwrap();
    assert!(matches!(change(&d, &before, &w), Err(ChangeError::DifferentInstruments { .. })));
    assert!(matches!(change(&who5, &before, &before), Err(ChangeError::DefinitionMismatch { .. })));
}

#[test]
fn shipped_instruments_report_only_the_change_values_they_have() {
    let who5 = def("who-5");
    let c = change(&who5, &score(&who5, &all(5, "2")).unwrap(), &score(&who5, &all(5, "3")).unwrap()).unwrap();
    assert_eq!(c.difference, 20.0);
    assert_eq!(c.reliable, None, "no verified reliability and SD for WHO-5");
    assert_eq!(c.clinically_significant, None);
    assert_eq!(c.meaningful_improvement, Some(true), "10 points is a clinically relevant change");

    let bio = def("brief-inspire-o");
    let c = change(&bio, &score(&bio, &seq(&["2", "2", "2", "2", "1"])).unwrap(), &score(&bio, &all(5, "2")).unwrap()).unwrap();
    assert_eq!(c.difference, 5.0);
    assert_eq!(c.meaningful_improvement, Some(false), "below the published 8 points");
}

#[test]
fn chime_profile_normalises_items_across_instruments() {
    let checkin = def("sammen-chime-checkin");
    let c = score(&checkin, &codes(&[("connectedness", "4"), ("hope", "2"), ("identity", "1"), ("meaning", "3"), ("empowerment", "0")]))
        .unwrap();
    let t = custom();
    // Custom: a → hope (0–3), b (reversed) → connectedness through its subscale; lower is
    // better, so unit values are turned round.
    let s = score(&t, &custom_answers("o", "s", 4.0, Some(1.0))).unwrap();
    let profile = chime_profile(&[(&checkin, &c), (&t, &s)]).unwrap();
    let get = |d| profile.get(d).unwrap();
    // connectedness: check-in 4/4 = 1; b scored 2 of 0–3, turned round: 1/3. Mean 2/3.
    assert!((get(ChimeDomain::Connectedness).mean - (1.0 + 1.0 / 3.0) / 2.0).abs() < 1e-12);
    assert_eq!(get(ChimeDomain::Connectedness).items, 2);
    assert_eq!(get(ChimeDomain::Connectedness).sources.len(), 2);
    // hope: check-in 2/4 = 0.5; a = 2 of 0–3 turned round: 1/3.
    assert!((get(ChimeDomain::Hope).mean - (0.5 + 1.0 / 3.0) / 2.0).abs() < 1e-12);
    assert_eq!(get(ChimeDomain::Identity).mean, 0.25);
    assert_eq!(get(ChimeDomain::Empowerment).mean, 0.0);
    assert_eq!(profile.domains.iter().map(|d| d.domain).collect::<Vec<_>>(), ChimeDomain::ALL.to_vec());

    let who5 = def("who-5");
    let w = score(&who5, &all(5, "3")).unwrap();
    assert!(chime_profile(&[(&who5, &w)]).unwrap().domains.is_empty(), "WHO-5 maps no items to CHIME");
    assert!(matches!(chime_profile(&[(&who5, &c)]), Err(ChimeError::DefinitionMismatch { .. })));
}

fn with(json_edit: impl Fn(&mut serde_json::Value)) -> Result<Definition, DefinitionError> {
    let mut v = serde_json::to_value(custom()).unwrap();
    json_edit(&mut v);
    parse_definition(&v.to_string())
}

#[test]
fn bad_definitions_are_refused_with_the_reason() {
    assert!(matches!(with(|v| v["range"]["max"] = 20.into()), Err(DefinitionError::Range { max, .. }) if max == 18.0));
    assert!(matches!(with(|v| v["items"][1]["linkId"] = "a".into()), Err(DefinitionError::Item { link_id, .. }) if link_id == "a"));
    assert!(matches!(with(|v| v["items"][1]["linkId"] = "instructions".into()), Err(DefinitionError::Item { .. })));
    assert!(matches!(with(|v| v["validated"] = false.into()), Err(DefinitionError::Field { field, .. }) if field == "title"));
    assert!(matches!(with(|v| v["missing"]["min_answered_share"] = 0.into()), Err(DefinitionError::Field { .. })));
    assert!(matches!(with(|v| v["subscales"][0]["items"][1] = "zz".into()), Err(DefinitionError::Subscale { id, .. }) if id == "first"));
    assert!(
        matches!(with(|v| v["reliability"]["coefficient"] = 1.into()), Err(DefinitionError::Field { field, .. }) if field == "reliability")
    );
    assert!(matches!(with(|v| v["clinical_cutoff"]["value"] = 99.into()), Err(DefinitionError::Field { .. })));
    assert!(matches!(with(|v| v["unknown_field"] = 1.into()), Err(DefinitionError::Json(_))));
    // Licensed text may not be shipped.
    let licensed = with(|v| {
        v["licence"]["text_shipped"] = false.into();
        v["items"][0]["text"] = serde_json::json!({"da": "Et spørgsmål"});
    });
    assert!(matches!(licensed, Err(DefinitionError::Field { field, .. }) if field == "items"));
    // A conversion table must cover the whole aggregated range and be monotone.
    let table = |rows: serde_json::Value| with(move |v| v["conversion"] = serde_json::json!({"source": "x", "rows": rows.clone()}));
    assert!(table(serde_json::json!([{"raw": 0, "converted": 0}, {"raw": 17, "converted": 5}])).is_err());
    assert!(table(serde_json::json!([{"raw": 0, "converted": 0}, {"raw": 9, "converted": 9}, {"raw": 18, "converted": 3}])).is_err());
    let ok = with(|v| {
        v["conversion"] = serde_json::json!({"source": "x", "rows": [{"raw": 0, "converted": 10}, {"raw": 18, "converted": 46}]});
        v["range"] = serde_json::json!({"min": 10, "max": 46});
        v["clinical_cutoff"]["value"] = 20.into();
    })
    .unwrap();
    let r = score(&ok, &custom_answers("o", "s", 4.0, Some(1.0))).unwrap();
    assert!((r.score - 28.0).abs() < 1e-9, "9 of 0–18, interpolated into 10–46");
    // Bands must rise and end open.
    let bands = with(|v| {
        v["bands"] = serde_json::json!([
            {"code": "hi", "label": {"da": "h", "en": "h"}, "upper": {"value": 9, "inclusive": true}},
            {"code": "lo", "label": {"da": "l", "en": "l"}, "upper": {"value": 4, "inclusive": true}},
            {"code": "top", "label": {"da": "t", "en": "t"}}])
    });
    assert!(matches!(bands, Err(DefinitionError::Field { field, .. }) if field == "bands"));
}
