//! Dates held against what they describe, through the real router: attendance at a group
//! meeting that has not begun, completion of a training course before its last meeting,
//! supervision marked held ahead of time, a support session in the future or before its
//! course, and agreements and consents with periods ten years out. Each is refused in the UI
//! with the error beside its field and in the API with the field named, and nothing is stored.
//! The clock stands at 2 March 2026, 10:00 Danish time.

use axum::http::StatusCode;
use sammen_app::access::auth::TokenScope;
use sammen_app::people as app_people;
use sammen_app::{directory as dir, journey::groups as gr, journey::intake, workforce::supervision as sv, workforce::training as trn};
use sammen_domain::journey::courses::{CourseStatus, OfferState};
use sammen_domain::journey::groups::{GroupInput, MeetingInput, MeetingStatus};
use sammen_domain::people::PeerWorkerInput;
use sammen_domain::people::Role::{Administrator, Supervisor};
use sammen_domain::workforce::supervision::{SessionInput, SupervisionStatus};
use sammen_domain::workforce::training::{CohortInput, CourseInput};
use sammen_domain::{CourseId, OrgId, ParticipantId, PeerWorkerId};
use sammen_i18n::Lang;
use sammen_store::StoreError;
use serde_json::{Value, json};

use crate::harness::*;

/// A form post of a signed-in browser, with its CSRF token.
fn post(b: &Browser, path: &str, mut form: Vec<(&str, String)>) -> Req {
    form.push(("csrf", b.csrf.clone()));
    Req::new("POST", path).cookie(&b.cookie).form(&form)
}

/// The UI refused the form with `message` beside `field` (and in the summary above the form).
fn assert_ui_refused(env: &Env, what: &str, res: &Resp, field: &str, message: &str) {
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{} {what}: {}", env.backend, excerpt(&res.body));
    assert!(res.body.contains("id=\"error-summary\""), "{} {what}: the summary", env.backend);
    let text = html(&env.i18n.t(Lang::Da, message));
    let beside = format!("id=\"e-{field}\">{text}</p>");
    assert!(res.body.contains(&beside), "{} {what}: {beside} beside the field: {}", env.backend, excerpt(&res.body));
    assert!(res.body.contains(&format!("href=\"#f-{field}\"")) && res.body.contains(&format!("id=\"f-{field}\"")), "{what}");
}

/// The API refused the body with `message` on `field`, translated.
fn assert_api_refused(env: &Env, what: &str, res: &Resp, field: &str, message: &str) {
    let e = assert_error_body(what, res, StatusCode::UNPROCESSABLE_ENTITY, "validation");
    let fields: Vec<&Value> = e["fields"].as_array().unwrap().iter().filter(|f| f["field"] == field).collect();
    assert_eq!(fields.len(), 1, "{} {what}: {e}", env.backend);
    assert_eq!(fields[0]["code"], message, "{} {what}", env.backend);
    assert_eq!(fields[0]["message"], env.i18n.t(Lang::Da, message), "{} {what}", env.backend);
}

/// An accepted course of support of `participant` with `peer`, agreed at the clock's now.
async fn course(env: &Env, org: OrgId, participant: ParticipantId, peer: PeerWorkerId) -> CourseId {
    let id = env.app.next_id::<CourseId>();
    let now = env.app.now().micros();
    env.app
        .db
        .write(move |tx| -> Result<(), StoreError> {
            sammen_store::journey::courses::insert_course(
                tx.conn(),
                &sammen_store::rows::CourseRow {
                    id: id.into(),
                    organisation_id: org.into(),
                    programme_id: None,
                    participant_id: participant.into(),
                    peer_id: peer.into(),
                    status: CourseStatus::Planned.into(),
                    offer: OfferState::Accepted.into(),
                    match_score: None,
                    match_parts: None,
                    approved_by: None,
                    approved_at: Some(now),
                    responded_at: Some(now),
                    decline_reason: None,
                    started_on: None,
                    ended_on: None,
                    end_reason: None,
                    handed_over_from: None,
                    handover_note: None,
                    created_at: now,
                    updated_at: now,
                },
            )
        })
        .await
        .unwrap();
    id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dates_that_contradict_what_they_describe_are_refused_with_the_field_named() {
    on_every_backend("dates", |env| async move {
        let b = env.backend;
        let org = env.org(ORG_A).await;
        let partner = env.org("Region Bebro").await;
        let admin = env.staff(org, "admin@a.test", Administrator).await;
        let sup = env.staff(org, "supervisor@a.test", Supervisor).await;
        let browser = env.login("admin@a.test").await;
        let sup_browser = env.login("supervisor@a.test").await;
        let (_, token) = env.token(admin, Some(org), TokenScope::Write).await;
        let ctx = ctx_of(&env.app, admin, Some(org)).await;
        let anna = app_people::create_participant(&env.app, &ctx, participant_input("Anna Andersen"), None).await.unwrap().id;
        let input = PeerWorkerInput::parse("Pia Peer", Some("peer@a.test"), None, "paid", "active", "da", &["phone".into()]).unwrap();
        let peer = app_people::save_peer(&env.app, &ctx, None, input).await.unwrap().id;
        let api = |method: &str, path: &str, token: &str, body: Value| Req::new(method, path).bearer(token).json(&body);

        // A group meeting three months ahead: no attendance, not held.
        let group = GroupInput::parse("course", "WRAP-forløb", None, None, "in_person", None, Some("8"), "running").unwrap();
        let group = gr::save_group(&env.app, &ctx, None, group).await.unwrap().id;
        gr::enrol(&env.app, &ctx, group, &anna.to_string()).await.unwrap();
        let ahead = MeetingInput::parse("2026-06-02", "17:00", "90", None, None).unwrap();
        let meeting = gr::plan_meeting(&env.app, &ctx, group, ahead).await.unwrap().id;
        let res = env.send(post(&browser, &format!("/group-meetings/{meeting}"), vec![("present", anna.to_string())])).await;
        assert_ui_refused(&env, "group attendance", &res, "present", "err-meeting-not-begun");
        let path = format!("/api/v1/group-meetings/{meeting}/attendance");
        let res = env.send(api("PUT", &path, &token, json!({"present": [anna.to_string()]}))).await;
        assert_api_refused(&env, "group attendance", &res, "present", "err-meeting-not-begun");
        let m = gr::meeting(&env.app, &ctx, meeting).await.unwrap().meeting;
        assert_eq!((m.status, m.recorded), (MeetingStatus::Planned, 0), "{b}: nothing stored");

        // A training cohort whose only meeting is still to come: no attendance, no certificate.
        let course_input = CourseInput::parse("intro_course", "Introduktionskursus", None, "Formål", "12", Some("36"), true, None).unwrap();
        let training = trn::save_course(&env.app, &ctx, None, course_input).await.unwrap().id;
        let cohort = CohortInput::parse(Some("Aktivitetshuset"), None, Some("10"), None).unwrap();
        let cohort = trn::create_cohort(&env.app, &ctx, &training, cohort, vec![MeetingInput::parse("2026-06-02", "17:00", "180", None, None).unwrap()])
            .await
            .unwrap();
        trn::enrol(&env.app, &ctx, &cohort, peer).await.unwrap();
        let cm = trn::cohort(&env.app, &ctx, &cohort).await.unwrap().meetings[0].id.clone();
        let form = vec![("meeting", cm.clone()), ("present", format!("{cm}:{peer}"))];
        let res = env.send(post(&browser, &format!("/cohorts/{cohort}/attendance"), form)).await;
        assert_ui_refused(&env, "training attendance", &res, "present", "err-meeting-not-begun");
        let form = vec![("peer_id", peer.to_string()), ("outcome", "completed".into())];
        let res = env.send(post(&browser, &format!("/cohorts/{cohort}/completions"), form)).await;
        assert_ui_refused(&env, "completion", &res, "outcome", "err-cohort-not-over");
        let body = json!({"peer_worker_id": peer.to_string(), "outcome": "completed"});
        let res = env.send(api("POST", &format!("/api/v1/cohorts/{cohort}/completions"), &token, body)).await;
        assert_api_refused(&env, "completion", &res, "outcome", "err-cohort-not-over");
        let d = trn::cohort(&env.app, &ctx, &cohort).await.unwrap();
        assert_eq!((d.enrolments[0].outcome, d.enrolments[0].attendance.clone()), (None, vec![None]), "{b}: nothing stored");
        assert!(trn::record(&env.app, &ctx, peer).await.unwrap().certificates.is_empty(), "{b}: no certificate");

        // Supervision planned for next week cannot be marked held.
        let ids = vec![peer.to_string()];
        let plan = SessionInput::parse("professional", "individual", "2026-03-09", "10:00", "60", &sup.to_string(), &ids).unwrap();
        let session = sv::plan_session(&env.app, &ctx, plan).await.unwrap();
        let form = vec![("status", "held".into()), ("attended", peer.to_string())];
        let res = env.send(post(&sup_browser, &format!("/supervision/sessions/{session}"), form)).await;
        assert_ui_refused(&env, "supervision held", &res, "status", "err-supervision-not-begun");
        let form = vec![("status", "cancelled".into()), ("attended", peer.to_string())];
        let res = env.send(post(&sup_browser, &format!("/supervision/sessions/{session}"), form)).await;
        assert_ui_refused(&env, "supervision attended", &res, "attended", "err-supervision-not-begun");
        let sup_ctx = ctx_of(&env.app, sup, Some(org)).await;
        assert_eq!(sv::session(&env.app, &sup_ctx, &session).await.unwrap().summary.status, SupervisionStatus::Planned, "{b}");

        // A support session: held in the future, or before the course was agreed.
        let support = course(&env, org, anna, peer).await;
        let session_form = |status: &str, date: &str, time: &str| {
            vec![
                ("status", status.to_owned()),
                ("date", date.to_owned()),
                ("time", time.to_owned()),
                ("duration_minutes", "45".into()),
                ("mode", "phone".into()),
                ("kind", "conversation".into()),
                ("note_audience", "team".into()),
            ]
        };
        let path = format!("/courses/{support}/sessions");
        let res = env.send(post(&browser, &path, session_form("held", "2026-03-02", "11:00"))).await;
        assert_ui_refused(&env, "session held ahead", &res, "date", "err-held-in-future");
        let res = env.send(post(&browser, &path, session_form("planned", "2026-02-27", "11:00"))).await;
        assert_ui_refused(&env, "session before its course", &res, "date", "err-session-before-course");
        let body = |date: &str, time: &str| {
            json!({"date": date, "time": time, "duration_minutes": 30, "mode": "phone", "place": null, "kind": "conversation", "note": null})
        };
        let res = env.send(api("POST", &format!("/api/v1{path}"), &token, body("2026-03-02", "11:00"))).await;
        assert_api_refused(&env, "session held ahead", &res, "date", "err-held-in-future");
        let res = env.send(api("POST", &format!("/api/v1{path}"), &token, body("2026-02-27", "09:00"))).await;
        assert_api_refused(&env, "session before its course", &res, "date", "err-session-before-course");
        let v = sammen_app::journey::courses::course(&env.app, &ctx, support).await.unwrap();
        assert!(v.sessions.is_empty() && v.status == CourseStatus::Planned, "{b}: nothing stored");

        // An agreement ending in 2206, or starting in 0206.
        let agreement = |from: &str, to: &str| {
            vec![
                ("name", "Udskrivningsmentorer".to_owned()),
                ("purpose", "Følge borgere fra udskrivning".into()),
                ("legal_basis", "Samtykke".into()),
                ("categories", "aggregate_outcomes".into()),
                ("valid_from", from.into()),
                ("valid_to", to.into()),
                ("parties", org.to_string()),
                ("parties", partner.to_string()),
            ]
        };
        let res = env.send(post(&browser, "/partnerships", agreement("2026-03-01", "2206-02-28"))).await;
        assert_ui_refused(&env, "agreement end", &res, "valid_to", "err-date-too-late");
        let res = env.send(post(&browser, "/partnerships", agreement("0206-03-01", ""))).await;
        assert_ui_refused(&env, "agreement start", &res, "valid_from", "err-date-too-early");
        let body = json!({
            "name": "Udskrivningsmentorer", "purpose": "Følge borgere fra udskrivning", "legal_basis": "Samtykke",
            "data_categories": ["aggregate_outcomes"], "valid_from": "0206-03-01", "valid_to": "2206-02-28",
            "parties": [org.to_string(), partner.to_string()],
        });
        let res = env.send(api("POST", "/api/v1/partnerships", &token, body)).await;
        assert_api_refused(&env, "agreement", &res, "valid_from", "err-date-too-early");
        assert_api_refused(&env, "agreement", &res, "valid_to", "err-date-too-late");
        assert!(dir::list_partnerships(&env.app, &ctx).await.unwrap().is_empty(), "{b}: nothing stored");

        // A consent valid until 2046.
        let form = vec![
            ("purpose", "measurement".to_owned()),
            ("scope", "Spørgeskemaer".into()),
            ("audience", "coordinators".into()),
            ("method", "written".into()),
            ("valid_until", "2046-03-02".into()),
        ];
        let res = env.send(post(&browser, &format!("/participants/{anna}/consents"), form)).await;
        assert_ui_refused(&env, "consent", &res, "valid_until", "err-date-too-late");
        let body = json!({"purpose": "measurement", "scope": "Spørgeskemaer", "audience": ["coordinators"], "method": "written", "valid_until": "2046-03-02"});
        let res = env.send(api("POST", &format!("/api/v1/participants/{anna}/consents"), &token, body)).await;
        assert_api_refused(&env, "consent", &res, "valid_until", "err-date-too-late");
        assert!(intake::list_consents(&env.app, &ctx, anna).await.unwrap().consents.is_empty(), "{b}: nothing stored");
    })
    .await;
}
