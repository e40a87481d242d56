//! Measurement: instruments, plans, answers, FHIR and evaluation reports; here, their id routes'
//! part of the authorisation matrix (`crate::authz`).

use sammen_web::measurement::IdRoute as MeasurementRoute;
use serde_json::{Value, json};

use crate::authz::{MANAGERS, MEMBERS, Res, Rule, World};

// ---------------------------------------------------------------- authorisation (`crate::authz`)

/// Who may call each of this area's id routes, derived from the handlers and `domain::policy`.
/// No wildcard arm: a new route must be given its rule here before the authorisation test compiles.
pub fn rule(r: MeasurementRoute) -> Rule {
    let (on, a, system_admin) = match r {
        // policy::view_participant (measurements) and record_measurement: managers, since the
        // participant is assigned to nobody; partners hold no participant-record agreement.
        MeasurementRoute::ParticipantMeasurements
        | MeasurementRoute::ApiParticipantMeasurements
        | MeasurementRoute::ParticipantResponseStart
        | MeasurementRoute::ParticipantLifeEventAdd
        | MeasurementRoute::ApiParticipantResponseImport
        | MeasurementRoute::ApiParticipantLifeEventAdd => (Res::Participant, MANAGERS, false),
        MeasurementRoute::ResponseShow | MeasurementRoute::ResponseSave | MeasurementRoute::ApiResponseGet => {
            (Res::Response, MANAGERS, false)
        }
        MeasurementRoute::InvitationLink => (Res::Invitation, MANAGERS, false),
        // Plans are not personal: every member sees them (policy::view_programme), managers change them.
        MeasurementRoute::ProgrammePlans | MeasurementRoute::ApiProgrammePlans => (Res::Programme, MEMBERS, true),
        MeasurementRoute::ProgrammePlanCreate | MeasurementRoute::ApiProgrammePlanCreate => (Res::Programme, MANAGERS, false),
        MeasurementRoute::PlanActive => (Res::Plan, MANAGERS, false),
    };
    Rule { on, a, system_admin }
}

/// This area's routes whose allowed call uses up the resource: each allowed caller gets a fresh one.
pub fn consumes(_: MeasurementRoute) -> bool {
    false
}

/// A valid form for each of this area's UI POST routes (the CSRF field is added by the caller).
pub fn ui_form(r: MeasurementRoute, _w: &World, _n: u32) -> Vec<(&'static str, String)> {
    match r {
        MeasurementRoute::InvitationLink => Vec::new(),
        MeasurementRoute::ParticipantResponseStart => vec![("instrument", "who-5".into()), ("source", "paper".into())],
        MeasurementRoute::ParticipantLifeEventAdd => {
            vec![("kind", "job_started".into()), ("occurred_on", "2026-01-10".into()), ("source", "staff".into())]
        }
        MeasurementRoute::ResponseSave => vec![("i.hope", "3".into()), ("go", "save".into())],
        MeasurementRoute::ProgrammePlanCreate => vec![("instrument", "who-5".into()), ("at_start", "on".into())],
        MeasurementRoute::PlanActive => vec![("active", "true".into())],
        MeasurementRoute::ParticipantMeasurements | MeasurementRoute::ResponseShow | MeasurementRoute::ProgrammePlans => Vec::new(),
        MeasurementRoute::ApiParticipantMeasurements
        | MeasurementRoute::ApiParticipantResponseImport
        | MeasurementRoute::ApiParticipantLifeEventAdd
        | MeasurementRoute::ApiResponseGet
        | MeasurementRoute::ApiProgrammePlans
        | MeasurementRoute::ApiProgrammePlanCreate => Vec::new(),
    }
}

/// A valid JSON body for each of this area's API routes that takes one.
pub fn api_body(r: MeasurementRoute, _w: &World) -> Option<Value> {
    match r {
        MeasurementRoute::ApiProgrammePlanCreate => Some(json!({"instrument": "who-5", "at_start": true})),
        MeasurementRoute::ApiParticipantLifeEventAdd => {
            Some(json!({"kind": "bed_days", "occurred_on": "2026-01-10", "quantity": 4, "source": "referrer"}))
        }
        MeasurementRoute::ApiParticipantResponseImport => {
            let def = sammen_instruments::shipped_definition("who-5").unwrap().unwrap();
            let answers = (1..=5).map(|i| (i.to_string(), sammen_instruments::AnswerValue::Code("3".into()))).collect();
            let opts = sammen_instruments::fhir::FhirOptions::default();
            let status = sammen_instruments::fhir::ResponseStatus::Completed;
            Some(sammen_instruments::fhir::questionnaire_response(&def, &answers, status, None, None, &opts).unwrap())
        }
        _ => None,
    }
}

/// This area's UI routes with an id, for the check that the routers register exactly the
/// id routes the tests know of.
pub const UI_ID_ROUTES: &[(&str, &str)] = &[
    ("GET", "/participants/{id}/measurements"),
    ("POST", "/participants/{id}/responses"),
    ("POST", "/participants/{id}/life-events"),
    ("GET", "/responses/{id}"),
    ("POST", "/responses/{id}"),
    ("POST", "/invitations/{id}/link"),
    ("GET", "/programmes/{id}/measurement-plans"),
    ("POST", "/programmes/{id}/measurement-plans"),
    ("POST", "/measurement-plans/{id}/active"),
];

// ---------------------------------------------------------------- pooling partners' summaries

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ui_pooling_names_a_bad_line_by_line_column_and_header_in_the_readers_language() {
    use crate::harness::{Req, excerpt, on_every_backend, small};
    on_every_backend("ui-pool", |env| async move {
        let b = env.backend;
        let s = small(&env).await;
        let post = |summaries: &str| {
            Req::new("POST", "/reports/pool").cookie(&s.browser.cookie).form(&[
                ("csrf", s.browser.csrf.clone()),
                ("summaries", summaries.to_owned()),
                ("method", "reml".into()),
                ("direction", "higher".into()),
                ("format", "html".into()),
            ])
        };
        let bad =
            "site;n;mean_pre;mean_post;sd_pre;r\nNord;40;50;56;12;0,5\nSyd;35;48;51;11;0,6\nVest;52;52;55;13;0,55\nØst;30;47;x;12;0,5\n";
        let r = env.send(post(bad)).await;
        assert_eq!(r.status, axum::http::StatusCode::UNPROCESSABLE_ENTITY, "{b}: {}", excerpt(&r.body));
        assert!(r.body.contains("Linje 5, kolonne 4 (mean_post): »x« er ikke et tal."), "{b}: {}", excerpt(&r.body));
        let ragged = env.send(post("site,yi,vi\nNord,0.5,0.04\nSyd,0.3\n")).await;
        assert!(ragged.body.contains("Linje 3, kolonne 3 (vi): Rækken slutter før denne kolonne"), "{b}: {}", excerpt(&ragged.body));
        let good = "site;n;mean_pre;mean_post;sd_pre;r\nNord;40;50;56;12;0,5\nSyd;35;48;51;11;0,6\nVest;52;52;55;13;0,55\n";
        let r = env.send(post(good)).await;
        assert_eq!(r.status, axum::http::StatusCode::OK, "{b}: {}", excerpt(&r.body));
        assert!(r.body.contains("id=\"report-title\""), "{b}: decimal commas in a semicolon file are read");
    })
    .await;
}
