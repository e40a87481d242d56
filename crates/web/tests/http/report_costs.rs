//! The report form: the plan's waves as a choice, an unknown wave refused naming the field,
//! the last choices remembered; a programme's coordination hours through the API.

use axum::http::StatusCode;
use serde_json::json;

use crate::harness::{Req, assert_error_body, excerpt, field_names, on_every_backend, small};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_wave_is_refused_naming_the_field_and_the_last_choices_are_remembered() {
    on_every_backend("ui-report-waves", |env| async move {
        let b = env.backend;
        let s = small(&env).await;
        // A programme measured with WHO-5 every four weeks, with its coordination hours.
        let created = env
            .send(Req::new("POST", "/api/v1/programmes").bearer(&s.write).json(&json!({
                "name": "Peerstøtte", "delivery": ["individual"], "modes": ["phone"], "coordination_hours_per_month": 12.5
            })))
            .await;
        assert_eq!(created.status, StatusCode::CREATED, "{b}: {}", excerpt(&created.body));
        assert_eq!(created.json()["coordination_hours_per_month"], 12.5, "{b}");
        let programme = created.json()["id"].as_str().unwrap().to_owned();
        let got = env.send(Req::new("GET", &format!("/api/v1/programmes/{programme}")).bearer(&s.read)).await;
        assert_eq!(got.json()["coordination_hours_per_month"], 12.5, "{b}");
        let bad = env
            .send(Req::new("PUT", &format!("/api/v1/programmes/{programme}")).bearer(&s.write).json(&json!({
                "name": "Peerstøtte", "delivery": ["individual"], "modes": ["phone"], "coordination_hours_per_month": 800
            })))
            .await;
        let e = assert_error_body("coordination out of range", &bad, StatusCode::UNPROCESSABLE_ENTITY, "validation");
        assert!(field_names(&e).contains("coordination_hours_per_month"), "{b}: {e}");
        let plan = env
            .send(Req::new("POST", &format!("/api/v1/programmes/{programme}/measurement-plans")).bearer(&s.write).json(&json!({
                "instrument": "who-5", "at_start": true, "every_weeks": 4
            })))
            .await;
        assert_eq!(plan.status, StatusCode::CREATED, "{b}: {}", excerpt(&plan.body));

        let scope = format!("programme:{programme}");
        let q = |wave: &str| format!("/reports?scope={}&instrument=who-5&wave={wave}", scope.replace(':', "%3A"));
        // The plan's waves are the choices.
        let form = env
            .send(
                Req::new("GET", &format!("/reports?only=waves&scope={}&instrument=who-5", scope.replace(':', "%3A")))
                    .cookie(&s.browser.cookie),
            )
            .await;
        assert!(form.body.contains("<option value=\"week-4\""), "{b}: {}", excerpt(&form.body));
        assert!(!form.body.contains("<option value=\"week-6\""), "{b}");
        // A wave the plan does not measure: a translated error naming the field, no report.
        let r = env.send(Req::new("GET", &q("week-6")).cookie(&s.browser.cookie)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{b}: {}", excerpt(&r.body));
        assert!(r.body.contains("id=\"e-wave\""), "{b}: the error sits at the wave field");
        assert!(r.body.contains("Vælg et af målepunkterne i måleplanerne"), "{b}: {}", excerpt(&r.body));
        assert!(!r.body.contains("id=\"report-title\""), "{b}: no empty report");
        // A planned wave makes the report; the form then opens with these choices.
        let r = env.send(Req::new("GET", &q("week-4")).cookie(&s.browser.cookie)).await;
        assert_eq!(r.status, StatusCode::OK, "{b}: {}", excerpt(&r.body));
        assert!(r.body.contains("id=\"report-title\""), "{b}");
        let again = env.send(Req::new("GET", "/reports").cookie(&s.browser.cookie)).await;
        assert!(again.body.contains("Formularen er udfyldt med dine sidste valg."), "{b}: {}", excerpt(&again.body));
        assert!(again.body.contains("<option value=\"week-4\" selected"), "{b}");
        assert!(again.body.contains(&format!("<option value=\"{scope}\" selected")), "{b}");
    })
    .await;
}
