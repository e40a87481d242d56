//! Measuring outcomes: plans and their waves, personal links, partial saves,
//! scoring on save, paper entry, FHIR import and export, licensed text, and who may do what.

mod completeness;
mod outcomes;
mod qualitative;
mod qualitative_analysis;
mod report;
mod report_costs;

use std::collections::BTreeSet;

use sammen_app::measurement::{self as ms, MAX_REMINDERS};
use sammen_app::people as app_people;
use sammen_app::{AppError, Ctx, access::audit, directory};
use sammen_domain::audit::AuditAction;
use sammen_domain::directory::ProgrammeInput;
use sammen_domain::measurement::{InvitationStatus, LifeEventInput, PlanInput, ResponseSource, ResponseStatus};
use sammen_domain::people::{ParticipantInput, PeerWorkerInput, Role};
use sammen_domain::time::Timestamp;
use sammen_domain::{OrgId, ParticipantId, ProgrammeId};
use sammen_instruments::fhir::{FhirOptions, ResponseStatus as FhirStatus, questionnaire_response};
use sammen_instruments::{AnswerValue, Answers};
use sammen_store::audit::AuditFilter;
use serde_json::{Value, json};

use crate::harness::*;

const DAY: i64 = 86_400;

/// A programme with a CHIME check-in plan (start, every 8 weeks, closure), its coordinator,
/// and an assigned peer worker with an account.
struct Setup {
    org: OrgId,
    coordinator: Ctx,
    programme: ProgrammeId,
    peer: sammen_domain::PeerWorkerId,
    peer_ctx: Ctx,
}

async fn setup(env: &Env) -> Setup {
    let org = env.org("Målby Kommune", false).await;
    let coord = env.staff(org, "koordinator@maalby.test", Role::Coordinator).await;
    let coordinator = env.ctx(coord, org).await;
    let programme = ProgrammeInput::parse("Peerstøtte Målby", None, &["individual".into()], &["phone".into()], "", true).unwrap();
    let programme = directory::save_programme(&env.app, &coordinator, None, programme).await.unwrap().id;
    let plan = PlanInput::parse("sammen-chime-checkin", true, Some("8"), true, None, Some("7"), Some("28")).unwrap();
    ms::create_plan(&env.app, &coordinator, programme, plan).await.unwrap();
    let peer_user = env.staff(org, "peer@maalby.test", Role::PeerWorker).await;
    let peer = PeerWorkerInput::parse("Pia Peer", Some("peer@maalby.test"), None, "volunteer", "active", "da", &["phone".into()]).unwrap();
    let peer = app_people::save_peer(&env.app, &coordinator, None, peer).await.unwrap().id;
    let peer_ctx = env.ctx(peer_user, org).await;
    Setup { org, coordinator, programme, peer, peer_ctx }
}

async fn participant(env: &Env, s: &Setup, name: &str, email: Option<&str>) -> ParticipantId {
    let programme = s.programme.to_string();
    let input = ParticipantInput::parse(Some(name), None, None, None, None, email, Some(&programme), "active", "da", 2026).unwrap();
    app_people::create_participant(&env.app, &s.coordinator, input, Some(s.peer)).await.unwrap().id
}

/// The links sent so far, oldest first, read from the outbox.
async fn links(env: &Env, s: &Setup) -> Vec<String> {
    let (messages, _) = ms::list_outbox(&env.app, &s.coordinator, ALL).await.unwrap();
    let mut out: Vec<(Timestamp, String)> = messages
        .iter()
        .map(|m| {
            let at = m.body.find("/a/").expect("a link in the message");
            let token: String = m.body[at + 3..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
            (m.created_at, token)
        })
        .collect();
    out.sort();
    out.dedup_by(|a, b| a.1 == b.1);
    out.into_iter().map(|(_, t)| t).collect()
}

fn gone(r: Result<impl std::fmt::Debug, AppError>) -> &'static str {
    match r {
        Err(AppError::Gone(why)) => why,
        other => panic!("expected a gone link, got {other:?}"),
    }
}

fn field_errors(r: Result<impl std::fmt::Debug, AppError>) -> Vec<(String, &'static str)> {
    match r {
        Err(AppError::Validation(v)) => v.fields.iter().map(|f| (f.field.clone(), f.message)).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

fn raw(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn waves_are_invited_reminded_and_expire_on_schedule() {
    on_every_backend("measurement schedule", |env| async move {
        let b = env.backend;
        let s = setup(&env).await;
        let p = participant(&env, &s, "Mette Måling", Some("mette@example.test")).await;
        // Starting the course invited to the baseline at once, with a link by e-mail.
        let o = ms::participant_measurements(&env.app, &s.coordinator, p).await.unwrap();
        assert_eq!(o.invitations.len(), 1, "{b}");
        assert_eq!((o.invitations[0].wave.as_str(), o.invitations[0].status), ("baseline", InvitationStatus::Open), "{b}");
        let first = links(&env, &s).await;
        assert_eq!(first.len(), 1, "{b}: one invitation e-mail");
        let (messages, _) = ms::list_outbox(&env.app, &s.coordinator, ALL).await.unwrap();
        assert!(!messages[0].body.contains("Mette"), "{b}: the message does not name the participant");
        assert!(ms::open_link(&env.app, first[0].clone(), "TEST").await.is_ok(), "{b}");

        // Running the scheduler again changes nothing: a wave is invited once.
        assert_eq!(ms::run_schedule(&env.app).await.unwrap(), ms::ScheduleReport::default(), "{b}");

        // After the reminder interval: a reminder with a new link; the old one stops working.
        env.clock.advance_seconds(7 * DAY + 60);
        let r = ms::run_schedule(&env.app).await.unwrap();
        assert_eq!((r.invited, r.reminded, r.expired), (0, 1, 0), "{b}");
        let now = links(&env, &s).await;
        assert_eq!(now.len(), 2, "{b}");
        assert_eq!(gone(ms::open_link(&env.app, now[0].clone(), "TEST").await), "err-link-unknown", "{b}: the replaced link");
        assert!(ms::open_link(&env.app, now[1].clone(), "TEST").await.is_ok(), "{b}");
        // At most MAX_REMINDERS reminders.
        for _ in 0..2 {
            env.clock.advance_seconds(7 * DAY + 60);
            ms::run_schedule(&env.app).await.unwrap();
        }
        let o = ms::participant_measurements(&env.app, &s.coordinator, p).await.unwrap();
        assert_eq!(o.invitations[0].reminders_sent, MAX_REMINDERS, "{b}");
        assert_eq!(links(&env, &s).await.len(), 1 + MAX_REMINDERS as usize, "{b}");
        // 28 days after the wave: expired, and its link says so.
        env.clock.advance_seconds(7 * DAY + 60);
        let latest = links(&env, &s).await.pop().unwrap();
        assert_eq!(gone(ms::open_link(&env.app, latest.clone(), "TEST").await), "err-link-expired", "{b}");
        let r = ms::run_schedule(&env.app).await.unwrap();
        assert_eq!(r.expired, 1, "{b}");
        assert_eq!(gone(ms::open_link(&env.app, latest, "TEST").await), "err-link-expired", "{b}: still says why");

        // Week 8 falls due.
        env.clock.advance_seconds(28 * DAY + 60);
        let r = ms::run_schedule(&env.app).await.unwrap();
        assert_eq!(r.invited, 1, "{b}");
        let o = ms::participant_measurements(&env.app, &s.coordinator, p).await.unwrap();
        let waves: Vec<_> = o.invitations.iter().map(|i| (i.wave.as_str(), i.status)).collect();
        assert_eq!(waves, [("week-8", InvitationStatus::Open), ("baseline", InvitationStatus::Expired)], "{b}");

        // Closing the course invites to the closure wave at once.
        let programme = s.programme.to_string();
        let closed = ParticipantInput::parse(
            Some("Mette Måling"),
            None,
            None,
            None,
            None,
            Some("mette@example.test"),
            Some(&programme),
            "closed",
            "da",
            2026,
        )
        .unwrap();
        app_people::update_participant(&env.app, &s.coordinator, p, closed, Some(s.peer)).await.unwrap();
        let o = ms::participant_measurements(&env.app, &s.coordinator, p).await.unwrap();
        assert_eq!(o.invitations[0].wave, "closure", "{b}");

        // The scheduler's work is audited without an actor, with the participant as subject.
        let records = env.audit_records(AuditFilter { subject: Some(p.to_string()), ..Default::default() }).await;
        let purposes: BTreeSet<&str> = records.iter().filter(|r| r.event.actor.is_none()).map(|r| r.event.purpose.as_str()).collect();
        assert!(
            purposes.is_superset(&BTreeSet::from(["measurement_invitation", "measurement_reminder", "measurement_expired"])),
            "{b}: {purposes:?}"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_personal_link_saves_partial_answers_scores_on_finishing_and_then_stops() {
    on_every_backend("measurement link", |env| async move {
        let b = env.backend;
        let s = setup(&env).await;
        let p = participant(&env, &s, "Lars Link", Some("lars@example.test")).await;
        let token = links(&env, &s).await.remove(0);

        // Half the items, then leave.
        let saved = ms::save_link(&env.app, token.clone(), "TEST", raw(&[("connectedness", "3"), ("hope", "2")]), false).await.unwrap();
        assert_eq!((saved.completed, saved.answered, saved.items, saved.score), (false, 2, 5, None), "{b}");
        let form = ms::open_link(&env.app, token.clone(), "TEST").await.unwrap();
        assert_eq!(form.answers.get("hope"), Some(&AnswerValue::Code("2".into())), "{b}: the answers are kept");
        assert_eq!(form.wave, "baseline", "{b}");

        // An answer outside the scale and an unknown item are refused, naming the item, and nothing changes.
        let errs = field_errors(
            ms::save_link(&env.app, token.clone(), "TEST", raw(&[("identity", "7"), ("nope", "1"), ("meaning", "2")]), false).await,
        );
        assert_eq!(
            errs,
            [("identity".to_owned(), "err-instrument-out-of-scale"), ("nope".to_owned(), "err-instrument-unknown-item")],
            "{b}"
        );
        let form = ms::open_link(&env.app, token.clone(), "TEST").await.unwrap();
        assert_eq!(form.answers.len(), 2, "{b}: the bad save stored nothing, not even the good answer in it");
        // Finishing with too few answers for a score is refused.
        let errs = field_errors(ms::save_link(&env.app, token.clone(), "TEST", Vec::new(), true).await);
        assert_eq!(errs, [("answers".to_owned(), "err-instrument-too-few-answered")], "{b}");

        // Return and finish: scored on save with the definition's version.
        let done = ms::save_link(&env.app, token.clone(), "TEST", raw(&[("identity", "4"), ("meaning", "3"), ("empowerment", "3")]), true)
            .await
            .unwrap();
        assert!(done.completed, "{b}");
        assert_eq!(done.score, Some(75.0), "{b}: mean (3+2+4+3+3)/5 = 3 × 25");
        assert_eq!(gone(ms::save_link(&env.app, token.clone(), "TEST", raw(&[("hope", "4")]), false).await), "err-link-used", "{b}");
        assert_eq!(gone(ms::open_link(&env.app, token.clone(), "TEST").await), "err-link-used", "{b}: a used link says so");

        // The peer sees the score and a CHIME point.
        let o = ms::participant_measurements(&env.app, &s.peer_ctx, p).await.unwrap();
        let r = &o.responses[0];
        assert_eq!((r.source, r.status, r.instrument.version.as_str()), (ResponseSource::Link, ResponseStatus::Completed, "1.0.0"), "{b}");
        assert_eq!(r.result.as_ref().map(|x| x.score), Some(75.0), "{b}");
        assert_eq!(o.invitations[0].status, InvitationStatus::Completed, "{b}");
        assert_eq!(o.chime.len(), 1, "{b}");
        let hope = o.chime[0].profile.get(sammen_instruments::ChimeDomain::Hope).unwrap();
        assert!((hope.mean - 0.5).abs() < 1e-9, "{b}: hope 2 of 0–4");
        // The link's reads and writes are audited without an actor, with the participant as subject.
        let records = env.audit_records(AuditFilter { subject: Some(p.to_string()), ..Default::default() }).await;
        assert!(
            records
                .iter()
                .any(|r| r.event.purpose == "participant_link" && r.event.action == AuditAction::Update && r.event.actor.is_none()),
            "{b}"
        );
        assert!(matches!(env.verify_chain().await, audit::Verification::Intact { .. }), "{b}");

        // A made-up or malformed token tells nothing.
        assert_eq!(gone(ms::open_link(&env.app, "x".repeat(43), "TEST").await), "err-link-unknown", "{b}");
        assert_eq!(gone(ms::open_link(&env.app, "../../etc".into(), "TEST").await), "err-link-unknown", "{b}");
    })
    .await;
}

fn who5(codes: &[&str]) -> Vec<(String, String)> {
    codes.iter().enumerate().map(|(i, c)| ((i + 1).to_string(), (*c).to_owned())).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn paper_entry_scores_and_travels_as_fhir_both_ways() {
    on_every_backend("measurement paper and fhir", |env| async move {
        let b = env.backend;
        let s = setup(&env).await;
        let p = participant(&env, &s, "Pernille Papir", None).await;
        let q = participant(&env, &s, "Frederik FHIR", None).await;
        // No e-mail address: the wave is there, but no message was sent.
        assert!(links(&env, &s).await.is_empty(), "{b}");

        // WHO-5 has no item text in the organisation: it is entered from paper by item number.
        let r = ms::start_response(&env.app, &s.coordinator, p, "who-5", ResponseSource::Paper, None).await.unwrap();
        let errs = field_errors(ms::save_response(&env.app, &s.coordinator, r, who5(&["3", "3", "3", "3", "x"]), true).await);
        assert_eq!(errs, [("5".to_owned(), "err-instrument-out-of-scale")], "{b}");
        let out = ms::save_response(&env.app, &s.coordinator, r, who5(&["3", "3", "3", "3", "3"]), true).await.unwrap();
        assert_eq!(out.score, Some(60.0), "{b}: raw 15 × 4");
        let form = ms::response_form(&env.app, &s.coordinator, r).await.unwrap();
        assert_eq!(form.view.source, ResponseSource::Paper, "{b}: marked as paper");
        assert!(
            matches!(
                ms::save_response(&env.app, &s.coordinator, r, who5(&["1"]), false).await,
                Err(AppError::Gone("err-response-completed"))
            ),
            "{b}"
        );

        // Export as a QuestionnaireResponse and import it for another participant.
        let doc = ms::response_fhir(&env.app, &s.coordinator, r).await.unwrap();
        assert_eq!(doc["resourceType"], "QuestionnaireResponse", "{b}");
        assert_eq!(doc["status"], "completed", "{b}");
        assert!(sammen_instruments::fhir::validate_r4(&doc).is_empty(), "{b}: a valid R4 resource");
        let imported = ms::import_response_fhir(&env.app, &s.coordinator, q, doc.to_string()).await.unwrap();
        let form = ms::response_form(&env.app, &s.coordinator, imported).await.unwrap();
        assert_eq!((form.view.source, form.view.result.as_ref().map(|x| x.score)), (ResponseSource::Fhir, Some(60.0)), "{b}");

        // A document that does not fit changes nothing.
        let count = |who: ParticipantId| {
            let app = env.app.clone();
            let ctx = s.coordinator.clone();
            async move { ms::participant_measurements(&app, &ctx, who).await.unwrap().responses.len() }
        };
        let before = count(q).await;
        let mut bad = doc.clone();
        bad["item"][0]["answer"][0]["valueCoding"]["code"] = json!("9");
        let errs = field_errors(ms::import_response_fhir(&env.app, &s.coordinator, q, bad.to_string()).await);
        assert_eq!(errs[0].0, "questionnaire_response", "{b}");
        let errs = field_errors(ms::import_response_fhir(&env.app, &s.coordinator, q, "{\"resourceType\": \"Patient\"}".into()).await);
        assert_eq!(errs[0].1, "err-fhir-unknown-questionnaire", "{b}");
        let def = sammen_instruments::shipped_definition("swemwbs").unwrap().unwrap();
        let answers: Answers = Answers::new();
        let other = questionnaire_response(&def, &answers, FhirStatus::Completed, None, None, &FhirOptions::default()).unwrap();
        assert!(
            matches!(ms::import_response_fhir(&env.app, &s.coordinator, q, other.to_string()).await, Err(AppError::Validation(_))),
            "{b}"
        );
        assert_eq!(count(q).await, before, "{b}: nothing stored");

        // Life outcomes and service use, with dates and source.
        let today = env.now().date();
        let ev = LifeEventInput::parse("bed_days", "2026-02-01", Some("2026-02-09"), Some("8"), "referrer", None, today).unwrap();
        ms::add_life_event(&env.app, &s.coordinator, p, ev).await.unwrap();
        let ev = LifeEventInput::parse("job_started", "2026-02-20", None, None, "self_report", Some("Deltid"), today).unwrap();
        ms::add_life_event(&env.app, &s.peer_ctx, p, ev).await.unwrap();
        let o = ms::participant_measurements(&env.app, &s.coordinator, p).await.unwrap();
        let kinds: Vec<_> = o.life_events.iter().map(|e| (e.kind.code(), e.quantity)).collect();
        assert_eq!(kinds, [("job_started", None), ("bed_days", Some(8))], "{b}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn measurements_are_seen_and_recorded_only_by_those_the_policy_names() {
    on_every_backend("measurement access", |env| async move {
        let b = env.backend;
        let s = setup(&env).await;
        let p = participant(&env, &s, "Agnes Adgang", None).await;
        let other_peer_user = env.staff(s.org, "peer2@maalby.test", Role::PeerWorker).await;
        let other =
            PeerWorkerInput::parse("Ole Anden", Some("peer2@maalby.test"), None, "volunteer", "active", "da", &["phone".into()]).unwrap();
        app_people::save_peer(&env.app, &s.coordinator, None, other).await.unwrap();
        let other_peer = env.ctx(other_peer_user, s.org).await;
        let supervisor = env.staff(s.org, "supervisor@maalby.test", Role::Supervisor).await;
        let supervisor = env.ctx(supervisor, s.org).await;
        let evaluator = env.staff(s.org, "evaluator@maalby.test", Role::Evaluator).await;
        let evaluator = env.ctx(evaluator, s.org).await;
        let org_b = env.org("Andenby Kommune", false).await;
        let stranger = env.staff(org_b, "koordinator@andenby.test", Role::Coordinator).await;
        let stranger = env.ctx(stranger, org_b).await;

        // The assigned peer records together with the participant.
        let r = ms::start_response(&env.app, &s.peer_ctx, p, "sammen-chime-checkin", ResponseSource::WithPeer, None).await.unwrap();
        ms::save_response(&env.app, &s.peer_ctx, r, raw(&[("hope", "3")]), false).await.unwrap();
        for (who, ctx) in [
            ("another peer", &other_peer),
            ("a supervisor", &supervisor),
            ("an evaluator", &evaluator),
            ("another organisation", &stranger),
        ] {
            assert!(matches!(ms::participant_measurements(&env.app, ctx, p).await, Err(AppError::NotFound)), "{b}: {who} reads");
            assert!(matches!(ms::response_form(&env.app, ctx, r).await, Err(AppError::NotFound)), "{b}: {who} opens the response");
            assert!(matches!(ms::response_fhir(&env.app, ctx, r).await, Err(AppError::NotFound)), "{b}: {who} exports");
            let saved = ms::save_response(&env.app, ctx, r, raw(&[("hope", "0")]), false).await;
            assert!(matches!(saved, Err(AppError::NotFound)), "{b}: {who} writes");
            let started = ms::start_response(&env.app, ctx, p, "who-5", ResponseSource::Paper, None).await;
            assert!(matches!(started, Err(AppError::NotFound)), "{b}: {who} starts");
        }
        let form = ms::response_form(&env.app, &s.coordinator, r).await.unwrap();
        assert_eq!(form.answers.get("hope"), Some(&AnswerValue::Code("3".into())), "{b}: no denied write got through");
        // Plans and the outbox are the managers'.
        let plan = PlanInput::parse("who-5", true, None, false, None, None, None).unwrap();
        assert!(ms::create_plan(&env.app, &s.peer_ctx, s.programme, plan.clone()).await.is_err(), "{b}");
        assert!(ms::create_plan(&env.app, &stranger, s.programme, plan).await.is_err(), "{b}");
        assert!(ms::list_outbox(&env.app, &s.peer_ctx, ALL).await.is_err(), "{b}");
    })
    .await;
}

/// An organisation's licensed WHO-5 file (placeholder wording: Sammen holds no licensed text).
fn org_who5(options: usize) -> Value {
    let items: Vec<Value> = (1..=5)
        .map(|i| {
            json!({"linkId": i.to_string(), "type": "choice", "text": format!("Udsagn {i}"),
                "answerOption": (0..options).map(|w| json!({"valueCoding": {"system": "urn:example:scale", "code": w.to_string(), "display": format!("Svar {w}")}})).collect::<Vec<_>>()})
        })
        .collect();
    json!({"resourceType": "Questionnaire", "url": "https://kommune.example/fhir/Questionnaire/who5-da", "version": "2024", "status": "active", "language": "da-DK", "item": items})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organisation_loads_its_licensed_text_and_a_file_that_does_not_fit_changes_nothing() {
    on_every_backend("measurement licensed text", |env| async move {
        let b = env.backend;
        let s = setup(&env).await;
        let before = ms::instrument(&env.app, &s.coordinator, "who-5").await.unwrap();
        assert!(!before.has_text && before.loaded_text.is_none(), "{b}: WHO-5 ships without text");
        // Four answer options where WHO-5 has six: refused.
        let errs = field_errors(ms::load_instrument_text(&env.app, &s.coordinator, "who-5", org_who5(4).to_string()).await);
        assert_eq!(errs, [("questionnaire".to_owned(), "err-fhir-does-not-fit")], "{b}");
        assert!(!ms::instrument(&env.app, &s.coordinator, "who-5").await.unwrap().has_text, "{b}");
        // A peer worker may not load text.
        assert!(ms::load_instrument_text(&env.app, &s.peer_ctx, "who-5", org_who5(6).to_string()).await.is_err(), "{b}");
        let loaded = ms::load_instrument_text(&env.app, &s.coordinator, "who-5", org_who5(6).to_string()).await.unwrap();
        assert!(loaded.has_text, "{b}");
        let view = ms::instrument(&env.app, &s.coordinator, "who-5").await.unwrap();
        assert_eq!(view.loaded_text.as_deref(), Some("https://kommune.example/fhir/Questionnaire/who5-da|2024"), "{b}");
        // The exported Questionnaire carries the organisation's text; other organisations do not see it.
        let q = ms::questionnaire_json(&env.app, &s.coordinator, "who-5").await.unwrap();
        assert!(q.to_string().contains("Udsagn 3"), "{b}");
        let org_b = env.org("Andenby Kommune", false).await;
        let other = env.staff(org_b, "koordinator@andenby.test", Role::Coordinator).await;
        let other = env.ctx(other, org_b).await;
        assert!(!ms::questionnaire_json(&env.app, &other, "who-5").await.unwrap().to_string().contains("Udsagn 3"), "{b}");
        // A bad JSON file is refused with its own message.
        let errs = field_errors(ms::load_instrument_text(&env.app, &s.coordinator, "who-5", "{nope".into()).await);
        assert_eq!(errs[0].1, "err-fhir-json", "{b}");
        assert!(ms::instrument(&env.app, &s.coordinator, "who-5").await.unwrap().has_text, "{b}: the loaded text stayed");
    })
    .await;
}
