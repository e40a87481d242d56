//! The FHIR R4 mapping: Questionnaire export and binding, QuestionnaireResponse export and
//! import, and the structural validator.

// Tests fail by panicking; unwrap and expect say so shortly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use sammen_instruments::fhir::*;
use sammen_instruments::*;
use serde_json::{Value, json};

fn def(id: &str) -> Definition {
    shipped_definition(id).expect("shipped id").expect("valid definition")
}

fn opts() -> FhirOptions {
    FhirOptions::default()
}

fn assert_valid(v: &Value) {
    let issues = validate_r4(v);
    assert!(issues.is_empty(), "not valid R4: {issues:?}\n{v:#}");
}

#[test]
fn every_shipped_definition_exports_as_a_valid_r4_questionnaire() {
    for d in shipped().unwrap() {
        let q = questionnaire(&d, &opts());
        assert_valid(&q);
        assert_eq!(q["resourceType"], "Questionnaire");
        assert_eq!(q["url"], format!("urn:sammen:questionnaire:{}", d.id));
        assert_eq!(q["version"], d.version.as_str());
        assert_eq!(q["status"], "active");
        assert!(q["name"].as_str().unwrap().starts_with(|c: char| c.is_ascii_uppercase()));
        assert_eq!(q["title"], d.title.da.as_deref().unwrap());
        let questions: Vec<&Value> = q["item"].as_array().unwrap().iter().filter(|i| i["type"] != "display").collect();
        assert_eq!(questions.len(), d.items.len());
        for (item, qi) in d.items.iter().zip(&questions) {
            assert_eq!(qi["linkId"], item.link_id.as_str());
            if let ResponseScale::Choice { options } = &item.response {
                assert_eq!(qi["type"], "choice");
                for (o, qo) in options.iter().zip(qi["answerOption"].as_array().unwrap()) {
                    assert_eq!(qo["valueCoding"]["code"], o.code.as_str());
                    assert_eq!(qo["valueCoding"]["extension"][0]["url"], "http://hl7.org/fhir/StructureDefinition/ordinalValue");
                    assert_eq!(qo["valueCoding"]["extension"][0]["valueDecimal"].as_f64(), Some(o.weight));
                }
            } else {
                assert_eq!(qi["type"], "decimal");
            }
            if !d.licence.text_shipped {
                assert!(qi.get("text").is_none(), "{}: no licensed text in the export", d.id);
            }
        }
    }
}

#[test]
fn the_check_in_exports_danish_text_with_english_translations_and_says_it_is_not_validated() {
    let q = questionnaire(&def("sammen-chime-checkin"), &opts());
    assert_eq!(q["language"], "da");
    assert_eq!(q["title"], "CHIME-tjek (ikke valideret)");
    assert_eq!(q["_title"]["extension"][0]["extension"][1]["valueString"], "CHIME check-in (not validated)");
    assert_eq!(q["extension"][0], json!({"url": "urn:sammen:fhir:extension:validated", "valueBoolean": false}));
    assert_eq!(q["item"][0]["linkId"], "instructions");
    assert_eq!(q["item"][0]["type"], "display");
    let hope = &q["item"][2];
    assert_eq!(hope["linkId"], "hope");
    assert_eq!(hope["text"], "Jeg har troet på, at tingene kan blive bedre for mig.");
    let translation = &hope["_text"]["extension"][0];
    assert_eq!(translation["url"], "http://hl7.org/fhir/StructureDefinition/translation");
    assert_eq!(translation["extension"][0]["valueCode"], "en");
    assert_eq!(translation["extension"][1]["valueString"], "I have believed that things can get better for me.");
    assert_eq!(hope["answerOption"][4]["valueCoding"]["display"], "Helt enig");
    assert_eq!(hope["extension"][0], json!({"url": "urn:sammen:fhir:extension:chime-domain", "valueCode": "hope"}));
    assert!(hope.get("required").is_none(), "prorating allowed, so no item is required");
}

/// An organisation's licensed WHO-5 file, here with placeholder wording (Sammen has no
/// licensed text to put in a test) inside a group, in the shape Sammen exports.
fn org_who5() -> Value {
    let items: Vec<Value> = (1..=5)
        .map(|i| {
            json!({
                "linkId": i.to_string(), "type": "choice", "text": format!("Udsagn {i}"),
                "answerOption": (0..=5).map(|w| json!({"valueCoding": {
                    "system": "urn:example:org-scale", "code": w.to_string(), "display": format!("Svar {w}"),
                    "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/ordinalValue", "valueDecimal": w}]
                }})).collect::<Vec<_>>()
            })
        })
        .collect();
    json!({
        "resourceType": "Questionnaire", "url": "https://kommune.example/fhir/Questionnaire/who5-da", "version": "2024",
        "status": "active", "language": "da-DK",
        "item": [
            {"linkId": "intro", "type": "display", "text": "Indledning"},
            {"linkId": "g", "type": "group", "item": items}
        ]
    })
}

#[test]
fn an_organisations_questionnaire_binds_its_text_by_link_id() {
    let who5 = def("who-5");
    let bound = bind_questionnaire(&who5, &org_who5().to_string()).unwrap();
    assert_eq!(bound.instrument(), who5.instrument(), "binding text does not change the scoring version");
    assert_eq!(bound.text_source.as_deref(), Some("https://kommune.example/fhir/Questionnaire/who5-da|2024"));
    assert_eq!(bound.items[2].text, Some(Text { da: Some("Udsagn 3".into()), en: None }));
    let ResponseScale::Choice { options } = &bound.items[0].response else { panic!("choice") };
    assert_eq!(options[5].label, Some(Text { da: Some("Svar 5".into()), en: None }));
    assert_eq!(bound.without_text(), who5, "nothing but text changed");
    // Exported again, the text is there and the document is valid.
    let q = questionnaire(&bound, &opts());
    assert_valid(&q);
    assert_eq!(q["item"][0]["text"], "Udsagn 1");
}

#[test]
fn responses_to_the_organisations_own_questionnaire_import_into_the_bound_definition() {
    let bound = bind_questionnaire(&def("who-5"), &org_who5().to_string()).unwrap();
    let r = json!({
        "resourceType": "QuestionnaireResponse", "status": "completed",
        "questionnaire": "https://kommune.example/fhir/Questionnaire/who5-da|2024",
        "item": [{"linkId": "1", "answer": [{"valueCoding": {"system": "urn:example:org-scale", "code": "4"}}]}]
    });
    let back = import_response(&bound, &r.to_string(), &opts()).unwrap();
    assert_eq!(back.answers.get("1"), Some(&AnswerValue::Code("4".into())));
    let mut other = r.clone();
    other["questionnaire"] = json!("https://kommune.example/fhir/Questionnaire/who5-da|2023");
    assert!(matches!(import_response(&bound, &other.to_string(), &opts()), Err(FhirError::WrongQuestionnaire { .. })));
}

#[test]
fn a_file_without_ordinal_values_binds_on_codes_alone() {
    let mut q = org_who5();
    for item in q["item"][1]["item"].as_array_mut().unwrap() {
        for o in item["answerOption"].as_array_mut().unwrap() {
            o["valueCoding"].as_object_mut().unwrap().remove("extension");
        }
    }
    assert!(bind_questionnaire(&def("who-5"), &q.to_string()).is_ok());
}

fn mismatches(result: Result<Definition, FhirError>) -> Vec<Mismatch> {
    match result {
        Err(FhirError::DoesNotFit { mismatches, .. }) => mismatches,
        other => panic!("expected DoesNotFit, got {other:?}"),
    }
}

#[test]
fn a_file_that_does_not_fit_is_refused_naming_each_item() {
    let who5 = def("who-5");
    let items = |q: &mut Value| q["item"][1]["item"].as_array_mut().unwrap().clone();

    let mut q = org_who5();
    let mut list = items(&mut q);
    list.remove(3);
    list.push(json!({"linkId": "6", "type": "boolean"}));
    q["item"][1]["item"] = Value::Array(list);
    let m = mismatches(bind_questionnaire(&who5, &q.to_string()));
    assert!(m.contains(&Mismatch::MissingItem { link_id: "4".into() }));
    assert!(m.contains(&Mismatch::ExtraItem { link_id: "6".into() }));
    let err = bind_questionnaire(&who5, &q.to_string()).unwrap_err();
    assert_eq!(err.message_id(), "err-fhir-does-not-fit");
    assert!(err.to_string().contains("item `4` is missing"), "{err}");

    let mut q = org_who5();
    q["item"][1]["item"][1]["answerOption"][2]["valueCoding"]["extension"][0]["valueDecimal"] = json!(3);
    q["item"][1]["item"][2]["answerOption"].as_array_mut().unwrap().pop();
    q["item"][1]["item"][3]["answerOption"][0]["valueCoding"]["code"] = json!("x");
    q["item"][1]["item"][4]["type"] = json!("open-choice");
    let m = mismatches(bind_questionnaire(&who5, &q.to_string()));
    assert!(m.contains(&Mismatch::WeightMismatch { link_id: "2".into(), code: "2".into(), expected: 2.0, found: 3.0 }), "{m:?}");
    assert!(m.contains(&Mismatch::MissingOption { link_id: "3".into(), code: "5".into() }), "{m:?}");
    assert!(m.contains(&Mismatch::ExtraOption { link_id: "4".into(), code: "x".into() }), "{m:?}");
    assert!(m.contains(&Mismatch::MissingOption { link_id: "4".into(), code: "0".into() }), "{m:?}");
    assert!(m.contains(&Mismatch::WrongType { link_id: "5".into(), expected: "choice", found: "open-choice".into() }), "{m:?}");

    let mut q = org_who5();
    q["item"][1]["item"][0]["repeats"] = json!(true);
    assert!(mismatches(bind_questionnaire(&who5, &q.to_string())).contains(&Mismatch::Repeats { link_id: "1".into() }));

    // ORS: bounds must agree when given.
    let ors = def("ors");
    let mut q = questionnaire(&ors, &opts());
    q["item"][0]["extension"][1]["valueDecimal"] = json!(100);
    let m = mismatches(bind_questionnaire(&ors, &q.to_string()));
    assert_eq!(m, vec![Mismatch::BoundsMismatch { link_id: "1".into(), which: "maxValue", expected: 10.0, found: 100.0 }]);
}

#[test]
fn files_that_are_not_r4_questionnaires_are_refused() {
    let who5 = def("who-5");
    assert!(matches!(bind_questionnaire(&who5, "{not json"), Err(FhirError::Json(_))));
    let r = json!({"resourceType": "Patient"}).to_string();
    assert!(matches!(bind_questionnaire(&who5, &r), Err(FhirError::WrongResourceType { .. })));
    let mut q = org_who5();
    q.as_object_mut().unwrap().remove("status");
    match bind_questionnaire(&who5, &q.to_string()) {
        Err(FhirError::InvalidR4(issues)) => assert!(issues.iter().any(|i| i.path == "Questionnaire.status")),
        other => panic!("{other:?}"),
    }
    let mut q = org_who5();
    q["language"] = json!("sv");
    assert_eq!(bind_questionnaire(&who5, &q.to_string()).unwrap_err(), FhirError::UnsupportedLanguage("sv".into()));
}

#[test]
fn english_files_bind_as_english() {
    let mut q = org_who5();
    q["language"] = json!("en-GB");
    let bound = bind_questionnaire(&def("who-5"), &q.to_string()).unwrap();
    assert_eq!(bound.items[0].text, Some(Text { da: None, en: Some("Udsagn 1".into()) }));
    let exported = questionnaire(&bound, &opts());
    assert_eq!(exported["language"], "en");
    assert_valid(&exported);
}

#[test]
fn exporting_binding_and_exporting_again_gives_the_same_document() {
    for d in shipped().unwrap() {
        let q = questionnaire(&d, &opts());
        let bound = bind_questionnaire(&d.without_text(), &q.to_string()).unwrap();
        assert_eq!(questionnaire(&bound, &opts()), q, "{}", d.id);
    }
}

fn who5_answers(codes: &[&str]) -> Answers {
    codes.iter().enumerate().map(|(i, c)| ((i + 1).to_string(), AnswerValue::Code(c.to_string()))).collect()
}

#[test]
fn responses_export_with_scores_and_import_back() {
    let who5 = def("who-5");
    let answers = who5_answers(&["3", "2", "4", "1", "5"]);
    let s = score(&who5, &answers).unwrap();
    let r =
        questionnaire_response(&who5, &answers, ResponseStatus::Completed, Some(&s), Some("2025-03-01T10:15:00+01:00"), &opts()).unwrap();
    assert_valid(&r);
    assert_eq!(r["questionnaire"], "urn:sammen:questionnaire:who-5|1.0.0");
    assert_eq!(r["status"], "completed");
    assert_eq!(r["item"][2], json!({"linkId": "3", "answer": [{"valueCoding": {"code": "4"}}]}));
    let ext = &r["extension"][0];
    assert_eq!(ext["url"], "urn:sammen:fhir:extension:score");
    assert_eq!(ext["extension"][0], json!({"url": "scale", "valueString": "total"}));
    assert_eq!(ext["extension"][1], json!({"url": "score", "valueDecimal": 60}));
    assert_eq!(ext["extension"][2], json!({"url": "raw", "valueDecimal": 15}));

    let back = import_response(&who5, &r.to_string(), &opts()).unwrap();
    assert_eq!(back, ImportedResponse { answers, status: ResponseStatus::Completed, authored: Some("2025-03-01T10:15:00+01:00".into()) });
}

#[test]
fn partial_answers_travel_as_in_progress() {
    let ors = def("ors");
    let answers: Answers = [("1".to_string(), AnswerValue::Number(7.4)), ("3".to_string(), AnswerValue::Number(2.0))].into_iter().collect();
    let r = questionnaire_response(&ors, &answers, ResponseStatus::InProgress, None, None, &opts()).unwrap();
    assert_valid(&r);
    assert_eq!(r["item"][0]["answer"][0]["valueDecimal"], json!(7.4));
    let back = import_response(&ors, &r.to_string(), &opts()).unwrap();
    assert_eq!((back.answers, back.status), (answers, ResponseStatus::InProgress));
}

#[test]
fn bad_responses_are_refused_with_the_reason() {
    let who5 = def("who-5");
    let good = questionnaire_response(&who5, &who5_answers(&["3", "3"]), ResponseStatus::InProgress, None, None, &opts()).unwrap();
    let with = |edit: &dyn Fn(&mut Value)| {
        let mut r = good.clone();
        edit(&mut r);
        import_response(&who5, &r.to_string(), &opts())
    };
    assert!(matches!(with(&|r| r["questionnaire"] = json!("urn:sammen:questionnaire:who-5|0.9")),
        Err(FhirError::VersionMismatch { found, .. }) if found == "0.9"));
    assert!(matches!(with(&|r| r["questionnaire"] = json!("urn:sammen:questionnaire:who-5")), Err(FhirError::VersionMismatch { .. })));
    assert!(matches!(
        with(&|r| r["questionnaire"] = json!("urn:sammen:questionnaire:ors|1.0.0")),
        Err(FhirError::WrongQuestionnaire { .. })
    ));
    assert_eq!(with(&|r| r["status"] = json!("stopped")).unwrap_err(), FhirError::UnsupportedStatus("stopped".into()));
    assert_eq!(
        with(&|r| r["item"][1]["answer"][0]["valueCoding"]["code"] = json!("9")).unwrap_err(),
        FhirError::Score(ScoreError::OutOfScale { link_id: "2".into(), value: "9".into() })
    );
    assert!(
        matches!(with(&|r| r["item"][1]["linkId"] = json!("99")), Err(FhirError::Score(ScoreError::UnknownItem { link_id, .. })) if link_id == "99")
    );
    assert!(matches!(with(&|r| r["item"][1]["linkId"] = json!("1")), Err(FhirError::Answer { link_id, .. }) if link_id == "1"));
    assert!(
        matches!(with(&|r| r["item"][0]["answer"][0] = json!({"valueString": "3"})), Err(FhirError::Answer { link_id, .. }) if link_id == "1")
    );
    assert!(matches!(with(&|r| r["status"] = json!("done")), Err(FhirError::InvalidR4(_))));

    // Export checks answers and versions too.
    let off = who5_answers(&["6"]);
    assert!(matches!(questionnaire_response(&who5, &off, ResponseStatus::Completed, None, None, &opts()), Err(FhirError::Score(_))));
    let s = score(&def("qpr-15"), &(1..=15).map(|i| (i.to_string(), AnswerValue::Code("1".into()))).collect()).unwrap();
    assert!(questionnaire_response(&who5, &who5_answers(&["3"]), ResponseStatus::Completed, Some(&s), None, &opts()).is_err());
    assert!(matches!(
        questionnaire_response(&who5, &who5_answers(&["3"]), ResponseStatus::Completed, None, Some("yesterday"), &opts()),
        Err(FhirError::InvalidR4(_))
    ));
}

fn issues(v: Value) -> Vec<String> {
    validate_r4(&v).into_iter().map(|i| i.to_string()).collect()
}

#[test]
fn the_validator_catches_structural_errors() {
    let base = || json!({"resourceType": "Questionnaire", "status": "active", "item": [{"linkId": "1", "type": "string"}]});
    assert!(issues(base()).is_empty());
    let with = |edit: &dyn Fn(&mut Value)| {
        let mut v = base();
        edit(&mut v);
        issues(v)
    };
    let has = |found: Vec<String>, needle: &str| assert!(found.iter().any(|i| i.contains(needle)), "expected `{needle}` in {found:?}");
    has(with(&|v| v["colour"] = json!("blue")), "Questionnaire.colour: unknown element");
    has(with(&|v| v["item"] = json!([])), "arrays must not be empty");
    has(with(&|v| v["title"] = json!("")), "strings must not be empty");
    has(with(&|v| v["title"] = json!(3)), "must be a JSON string");
    has(with(&|v| v["status"] = json!("finished")), "not a publication status");
    has(with(&|v| v["url"] = json!("has space")), "not a valid uri");
    has(with(&|v| v["date"] = json!("2024-13-01")), "not a valid dateTime");
    has(with(&|v| v["id"] = json!("no_underscores")), "not a valid id");
    has(with(&|v| v["item"][0]["type"] = json!("slider")), "not an R4 item type");
    has(with(&|v| v["item"][0].as_object_mut().unwrap().remove("linkId").map(|_| ()).unwrap_or(())), "linkId: required element is missing");
    has(with(&|v| v["item"] = json!([{"linkId": "1", "type": "string"}, {"linkId": "1", "type": "string"}])), "que-2");
    has(with(&|v| v["item"][0]["type"] = json!("group")), "que-1");
    has(with(&|v| v["item"][0]["answerOption"] = json!([{"valueString": "a"}])), "que-5");
    has(with(&|v| v["item"][0]["answerOption"] = json!([{"valueString": "a", "valueInteger": 1}])), "only one type of a choice element");
    has(with(&|v| v["item"][0]["answerOption"] = json!([{"initialSelected": true}])), "value[x]: required element is missing");
    has(
        with(&|v| v["extension"] = json!([{"url": "urn:x", "valueBoolean": true, "extension": [{"url": "a", "valueCode": "b"}]}])),
        "ext-1",
    );
    has(with(&|v| v["extension"] = json!([{"valueBoolean": true}])), "url: required element is missing");
    has(with(&|v| v["extension"] = json!({"url": "urn:x", "valueBoolean": true})), "must be an array");
    has(with(&|v| v["item"][0]["required"] = json!("yes")), "must be a JSON boolean");
    has(with(&|v| v["item"][0]["maxLength"] = json!(2.5)), "must be a JSON integer");
    has(with(&|v| v["_title"] = json!({"extension": [{"url": "urn:x", "valueString": "y"}], "x": 1})), "_title.x: unknown element");
    has(issues(json!({"resourceType": "Patient"})), "not a resource type this validator knows");
    has(issues(json!([1, 2])), "must be a JSON object");
    has(
        issues(json!({"resourceType": "QuestionnaireResponse", "status": "completed",
            "item": [{"linkId": "1", "item": [{"linkId": "2"}], "answer": [{"valueInteger": 1, "item": [{"linkId": "3"}]}]}]})),
        "qrs-1",
    );
    has(
        issues(json!({"resourceType": "QuestionnaireResponse", "status": "completed", "authored": "2024-02-03T10:00"})),
        "not a valid dateTime",
    );
    assert!(
        issues(json!({"resourceType": "QuestionnaireResponse", "status": "completed", "authored": "2024-02-03T10:00:00.123Z"})).is_empty()
    );
}
