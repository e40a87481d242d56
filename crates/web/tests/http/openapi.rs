//! The OpenAPI document: `docs/openapi.json` is the served document (`UPDATE_OPENAPI=1`
//! rewrites it).

use axum::http::StatusCode;
use serde_json::Value;

use crate::harness::*;

// ---------------------------------------------------------------- the OpenAPI document

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openapi_document_matches_the_committed_copy() {
    let doc = sammen_web::api::openapi_document();
    let file = crate_dir().join("../../docs/openapi.json");
    if std::env::var_os("UPDATE_OPENAPI").is_some_and(|v| !v.is_empty() && v != "0") {
        std::fs::write(&file, format!("{doc}\n")).unwrap();
        println!("rewrote {}", file.display());
    }
    let committed = std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("{}: {e}; run the test with UPDATE_OPENAPI=1 to write it", file.display()));
    assert!(
        committed.trim_end() == doc.trim_end(),
        "docs/openapi.json differs from the API's document; if the change is intended, run \
         `UPDATE_OPENAPI=1 cargo test -p sammen-web --test http openapi` and commit the file"
    );
    let parsed: Value = serde_json::from_str(&doc).unwrap();
    assert_eq!(parsed["openapi"], "3.1.0");
    assert_eq!(parsed["components"]["securitySchemes"]["bearer"]["scheme"], "bearer");
    on_every_backend("openapi", |env| {
        let doc = doc.clone();
        async move {
            let res = env.send(Req::get("/api/v1/openapi.json")).await;
            assert_eq!(res.status, StatusCode::OK, "{}: served without a token", env.backend);
            assert!(res.header("content-type").starts_with("application/json"));
            assert_eq!(res.body, doc, "{}: the served document is the document", env.backend);
        }
    })
    .await;
}

// ---------------------------------------------------------------- what the document promises

fn operations(doc: &Value) -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            out.push((method.to_uppercase(), path.clone(), op.clone()));
        }
    }
    out
}

#[test]
fn every_operation_declares_the_errors_it_can_answer() {
    let doc: Value = serde_json::from_str(&sammen_web::api::openapi_document()).unwrap();
    let error_body = serde_json::json!({"$ref": "#/components/schemas/ErrorBody"});
    let ops = operations(&doc);
    assert!(ops.len() > 60, "{} operations", ops.len());
    for (method, path, op) in ops {
        let what = format!("{method} {path}");
        let responses = op["responses"].as_object().unwrap();
        let mut must = vec!["401"];
        if path != "/me" {
            must.push("403");
        }
        if path.contains("{id}") {
            must.push("404");
            let id = op["parameters"].as_array().unwrap().iter().find(|p| p["name"] == "id").unwrap();
            assert_eq!(id["in"], "path", "{what}");
            assert_eq!(id["schema"]["format"], "uuid", "{what}: an id in the path is a UUID");
        }
        if op.get("requestBody").is_some() {
            must.extend(["413", "422"]);
        }
        for p in op["parameters"].as_array().into_iter().flatten() {
            assert!(p["in"] == "path" || p["in"] == "query", "{what}: {p}");
            assert_eq!(p["in"] == "path", path.contains(&format!("{{{}}}", p["name"].as_str().unwrap())), "{what}: {p}");
            if p["in"] == "query" {
                must.push("422");
            }
        }
        for status in must {
            let r = responses.get(status).unwrap_or_else(|| panic!("{what}: no {status}"));
            assert_eq!(r["content"]["application/json"]["schema"], error_body, "{what}: {status} has the one error body");
        }
        assert!(responses.keys().any(|s| s.starts_with('2')), "{what}: a success");
    }
}

#[test]
fn the_documents_code_lists_are_the_domains() {
    use sammen_api_types::schema as s;
    use sammen_domain::{directory as d, journey, measurement as m, people as p, workforce as w};
    fn codes<T: Copy>(all: &[T], code: fn(T) -> &'static str) -> Vec<&'static str> {
        all.iter().map(|c| code(*c)).collect()
    }
    let pairs: Vec<(&str, &[&str], Vec<&str>)> = vec![
        ("OrganisationKind", s::OrganisationKind::CODES, codes(d::OrganisationKind::ALL, d::OrganisationKind::code)),
        ("Mode", s::Mode::CODES, codes(d::Mode::ALL, d::Mode::code)),
        ("DeliveryModel", s::DeliveryModel::CODES, codes(d::DeliveryModel::ALL, d::DeliveryModel::code)),
        ("DataCategory", s::DataCategory::CODES, codes(d::DataCategory::ALL, d::DataCategory::code)),
        ("Role", s::Role::CODES, codes(p::Role::ALL, p::Role::code)),
        ("Engagement", s::Engagement::CODES, codes(p::Engagement::ALL, p::Engagement::code)),
        ("PeerStatus", s::PeerStatus::CODES, codes(p::PeerStatus::ALL, p::PeerStatus::code)),
        ("ParticipantStatus", s::ParticipantStatus::CODES, codes(p::ParticipantStatus::ALL, p::ParticipantStatus::code)),
        ("Gender", s::Gender::CODES, codes(p::Gender::ALL, p::Gender::code)),
        ("ConsentPurpose", s::ConsentPurpose::CODES, codes(journey::courses::ConsentPurpose::ALL, journey::courses::ConsentPurpose::code)),
        ("ConsentMethod", s::ConsentMethod::CODES, codes(journey::courses::ConsentMethod::ALL, journey::courses::ConsentMethod::code)),
        (
            "ConsentAudience",
            s::ConsentAudience::CODES,
            codes(journey::courses::ConsentAudience::ALL, journey::courses::ConsentAudience::code),
        ),
        ("CourseStatus", s::CourseStatus::CODES, codes(journey::courses::CourseStatus::ALL, journey::courses::CourseStatus::code)),
        ("OfferState", s::OfferState::CODES, codes(journey::courses::OfferState::ALL, journey::courses::OfferState::code)),
        ("EndReason", s::EndReason::CODES, codes(journey::courses::EndReason::ALL, journey::courses::EndReason::code)),
        ("SessionStatus", s::SessionStatus::CODES, codes(journey::courses::SessionStatus::ALL, journey::courses::SessionStatus::code)),
        ("SessionKind", s::SessionKind::CODES, codes(journey::courses::SessionKind::ALL, journey::courses::SessionKind::code)),
        ("NoteAudience", s::NoteAudience::CODES, codes(journey::courses::NoteAudience::ALL, journey::courses::NoteAudience::code)),
        ("GoalStatus", s::GoalStatus::CODES, codes(journey::courses::GoalStatus::ALL, journey::courses::GoalStatus::code)),
        ("ChimeDomain", s::ChimeDomain::CODES, codes(journey::courses::ChimeDomain::ALL, journey::courses::ChimeDomain::code)),
        ("GroupKind", s::GroupKind::CODES, codes(journey::groups::GroupKind::ALL, journey::groups::GroupKind::code)),
        ("GroupStatus", s::GroupStatus::CODES, codes(journey::groups::GroupStatus::ALL, journey::groups::GroupStatus::code)),
        ("InvitationStatus", s::InvitationStatus::CODES, codes(m::InvitationStatus::ALL, m::InvitationStatus::code)),
        ("ResponseSource", s::ResponseSource::CODES, codes(m::ResponseSource::ALL, m::ResponseSource::code)),
        ("ResponseStatus", s::ResponseStatus::CODES, codes(m::ResponseStatus::ALL, m::ResponseStatus::code)),
        ("LifeEventKind", s::LifeEventKind::CODES, codes(m::LifeEventKind::ALL, m::LifeEventKind::code)),
        ("LifeEventSource", s::LifeEventSource::CODES, codes(m::LifeEventSource::ALL, m::LifeEventSource::code)),
        ("PostingStatus", s::PostingStatus::CODES, codes(w::recruitment::PostingStatus::ALL, w::recruitment::PostingStatus::code)),
        ("Stage", s::Stage::CODES, codes(w::recruitment::Stage::ALL, w::recruitment::Stage::code)),
        ("Competence", s::Competence::CODES, codes(w::recruitment::Competence::ALL, w::recruitment::Competence::code)),
        ("LetterLanguage", s::LetterLanguage::CODES, codes(w::recruitment::LetterLanguage::ALL, w::recruitment::LetterLanguage::code)),
        ("AttachmentKind", s::AttachmentKind::CODES, codes(w::recruitment::AttachmentKind::ALL, w::recruitment::AttachmentKind::code)),
        ("CourseKind", s::CourseKind::CODES, codes(w::training::CourseKind::ALL, w::training::CourseKind::code)),
        ("RequiredTraining", s::RequiredTraining::CODES, codes(w::roles::RequiredTraining::ALL, w::roles::RequiredTraining::code)),
        ("TrainingOutcome", s::TrainingOutcome::CODES, codes(w::training::Outcome::ALL, w::training::Outcome::code)),
        ("CertificateState", s::CertificateState::CODES, codes(w::training::CertificateState::ALL, w::training::CertificateState::code)),
        (
            "OnboardingItemKind",
            s::OnboardingItemKind::CODES,
            codes(w::training::OnboardingItemKind::ALL, w::training::OnboardingItemKind::code),
        ),
        ("EngagementKind", s::EngagementKind::CODES, codes(w::roles::EngagementKind::ALL, w::roles::EngagementKind::code)),
        ("SupervisionKind", s::SupervisionKind::CODES, codes(w::supervision::SupervisionKind::ALL, w::supervision::SupervisionKind::code)),
        (
            "SupervisionFormat",
            s::SupervisionFormat::CODES,
            codes(w::supervision::SupervisionFormat::ALL, w::supervision::SupervisionFormat::code),
        ),
        (
            "SupervisionTopic",
            s::SupervisionTopic::CODES,
            codes(w::supervision::SupervisionTopic::ALL, w::supervision::SupervisionTopic::code),
        ),
    ];
    let doc: Value = serde_json::from_str(&sammen_web::api::openapi_document()).unwrap();
    for (name, documented, domain) in pairs {
        assert_eq!(documented, domain.as_slice(), "{name}: the document lists the domain's codes");
        if let Some(schema) = doc["components"]["schemas"].get(name) {
            assert_eq!(schema["enum"], serde_json::json!(domain), "{name} in the served document");
        }
    }
    // Both of a referral's status lists, as its two readers see it.
    let mut referral: Vec<&str> = codes(journey::courses::ReferralStatus::ALL, journey::courses::ReferralStatus::code);
    referral.extend(codes(journey::courses::ReferrerStatus::ALL, journey::courses::ReferrerStatus::code));
    referral.sort_unstable();
    referral.dedup();
    let mut documented = s::ReferralStatus::CODES.to_vec();
    documented.sort_unstable();
    assert_eq!(documented, referral, "ReferralStatus");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_malformed_body_is_answered_with_the_path_of_the_field() {
    on_every_backend("malformed body", |env| async move {
        let s = small(&env).await;
        let b = env.backend;
        let url = format!("/api/v1/programmes/{}/matching", uuid::Uuid::nil());
        let id = "01a25137-5de1-7050-afdf-7ac2c5074591";
        let cases = [
            (
                serde_json::json!({"pairs": [{"participant_id": id, "peer_id": id}, {"participant_id": id, "peer_id": 5}]}),
                "pairs[1].peer_id",
                "err-json-type",
            ),
            (serde_json::json!({"pairs": [{"participant_id": id}]}), "pairs[0].peer_id", "err-json-missing"),
            (serde_json::json!({"pairs": [], "extra": true}), "extra", "err-json-unknown"),
            (serde_json::json!({}), "pairs", "err-json-missing"),
            (serde_json::json!([1]), "body", "err-json-type"),
        ];
        for (body, field, code) in cases {
            for (lang, accept) in [(sammen_i18n::Lang::Da, "da"), (sammen_i18n::Lang::En, "en")] {
                let res = env.send(Req::new("POST", &url).bearer(&s.write).header("accept-language", accept).json(&body)).await;
                let e = assert_error_body(&format!("{b}: {body}"), &res, StatusCode::UNPROCESSABLE_ENTITY, "validation");
                let f = &e["fields"][0];
                assert_eq!(f["field"], field, "{b}: {body}");
                assert_eq!(f["code"], code, "{b}: {body}");
                let message = f["message"].as_str().unwrap();
                assert_eq!(message, env.i18n.t_args(lang, code, &[("field", sammen_i18n::Arg::from(field))]), "{b}: {body}: translated");
                assert!(message.contains(field), "{b}: the message names {field}: {message}");
            }
        }
        for raw in [&b"{not json"[..], b"", b"{\"pairs\": []} trailing"] {
            let res = env.send(Req::new("POST", &url).bearer(&s.write).raw("application/json", raw.to_vec())).await;
            let e = assert_error_body(&format!("{b}: not JSON"), &res, StatusCode::UNPROCESSABLE_ENTITY, "validation");
            assert_eq!(e["fields"][0]["field"], "body", "{b}");
            assert_eq!(e["fields"][0]["code"], "err-json", "{b}");
        }
        // A whole number written with a decimal point is that number, as the document's `integer` says.
        let res = env
            .send(
                Req::new("POST", "/api/v1/participants")
                    .bearer(&s.write)
                    .json(&serde_json::json!({"status": "waiting", "birth_year": 1990.0})),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{b}: {}", excerpt(&res.body));
        assert_eq!(res.json()["birth_year"], 1990, "{b}");
        let res = env
            .send(
                Req::new("POST", "/api/v1/participants")
                    .bearer(&s.write)
                    .json(&serde_json::json!({"status": "waiting", "birth_year": 1990.5})),
            )
            .await;
        let e = assert_error_body(&format!("{b}: a fraction"), &res, StatusCode::UNPROCESSABLE_ENTITY, "validation");
        assert_eq!(e["fields"][0]["field"], "birth_year", "{b}");
    })
    .await;
}
