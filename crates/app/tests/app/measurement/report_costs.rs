//! A report's costs from Sammen's own records: each figure from its source within the period,
//! an override printed with its reason, no net figure while a price is unset, and each party of a
//! partnership costed with its own prices.

use sammen_app::measurement::report::{self as rp, ReportRequest, ReportScope};
use sammen_app::measurement::report_cost::{CostRequest, Figure, Override, save_coordination};
use sammen_app::measurement::{self as ms, report_csv};
use sammen_app::people as app_people;
use sammen_app::{AppError, Ctx, directory};
use sammen_domain::directory::{PartnershipInput, ProgrammeInput};
use sammen_domain::journey::courses::{CourseStatus, NoteAudience, OfferState, SessionKind, SessionStatus};
use sammen_domain::journey::groups::{GroupKind, GroupStatus, MeetingStatus};
use sammen_domain::measurement::PlanInput;
use sammen_domain::people::{Engagement, PeerStatus, Role};
use sammen_domain::workforce::supervision::{SupervisionFormat, SupervisionKind, SupervisionStatus};
use sammen_domain::workforce::training::{CourseKind, Outcome};
use sammen_domain::{OrgId, PeerWorkerId, ProgrammeId};
use sammen_evaluation::{Method, SuppressionRules, default_prices_dk};
use sammen_i18n::{I18n, Lang};
use sammen_store::Stored;
use sammen_store::rows::*;
use time::macros::date;

use crate::harness::*;

const HOUR: i64 = 3_600_000_000;
const DAY: i64 = 24 * HOUR;

struct Site {
    org: OrgId,
    coordinator: Ctx,
    user: sammen_domain::UserId,
    programme: ProgrammeId,
    peers: Vec<PeerWorkerId>,
}

/// An organisation with a programme measured with WHO-5 every four weeks, two peers in it and
/// one peer outside it.
async fn site(env: &Env, name: &str) -> Site {
    let org = env.org(name, false).await;
    let slug: String = name.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_lowercase();
    let user = env.staff(org, &format!("koordinator@{slug}.test"), Role::Coordinator).await;
    let coordinator = env.ctx(user, org).await;
    let input = ProgrammeInput::parse(&format!("Peerstøtte {name}"), None, &["individual".into()], &["phone".into()], "", true).unwrap();
    let programme = directory::save_programme(&env.app, &coordinator, None, input).await.unwrap().id;
    ms::create_plan(&env.app, &coordinator, programme, PlanInput::parse("who-5", true, Some("4"), false, None, None, None).unwrap())
        .await
        .unwrap();
    let mut peers = Vec::new();
    for k in 0..3 {
        let id: PeerWorkerId = env.app.next_id();
        let row = PeerWorkerRow {
            id: Stored(id),
            organisation_id: Stored(org),
            user_id: None,
            display_name: format!("Peer {k}"),
            email: None,
            phone: None,
            engagement: Stored(Engagement::Paid),
            status: Stored(PeerStatus::Active),
            languages: "da".into(),
            modes: "phone".into(),
            created_at: env.now().micros(),
            updated_at: env.now().micros(),
        };
        env.app.db.write(move |tx| sammen_store::people::insert_peer(tx.conn(), &row)).await.unwrap();
        peers.push(id);
    }
    Site { org, coordinator, user, programme, peers }
}

/// Records in the programme in March 2026 (the report's period is March–May 2026), and some
/// outside it: held sessions of `minutes` (one cancelled, one before the period), two held
/// meetings of 90 minutes of a group with two facilitators (and one planned), an hour of
/// supervision attended by a programme peer and by a peer outside the programme, and one
/// programme peer's completed training.
async fn record(env: &Env, s: &Site, minutes: &[i64]) {
    let start = sammen_domain::time::Zone::default().start_of_day(date!(2026 - 03 - 01)).micros();
    let input = participant_input("Deltager Et", Some(s.programme));
    let participant = app_people::create_participant(&env.app, &s.coordinator, input, None).await.unwrap().id;
    let (org, programme, peers, app, supervisor) = (s.org, s.programme, s.peers.clone(), env.app.clone(), s.user);
    let minutes = minutes.to_vec();
    env.app
        .db
        .write(move |tx| -> Result<(), sammen_store::StoreError> {
            let c = tx.conn();
            let course: sammen_domain::CourseId = app.next_id();
            sammen_store::journey::courses::insert_course(
                c,
                &CourseRow {
                    id: Stored(course),
                    organisation_id: Stored(org),
                    programme_id: Some(Stored(programme)),
                    participant_id: Stored(participant),
                    peer_id: Stored(peers[0]),
                    status: Stored(CourseStatus::Active),
                    offer: Stored(OfferState::Accepted),
                    match_score: None,
                    match_parts: None,
                    approved_by: None,
                    approved_at: None,
                    responded_at: None,
                    decline_reason: None,
                    started_on: Some(Stored(date!(2026 - 02 - 20))),
                    ended_on: None,
                    end_reason: None,
                    handed_over_from: None,
                    handover_note: None,
                    created_at: start,
                    updated_at: start,
                },
            )?;
            let mut sessions: Vec<(i64, i64, SessionStatus)> =
                minutes.iter().enumerate().map(|(k, m)| (start + (k as i64 + 1) * DAY, *m, SessionStatus::Held)).collect();
            sessions.push((start + 10 * DAY, 60, SessionStatus::Cancelled));
            sessions.push((start - 5 * DAY, 60, SessionStatus::Held));
            for (at, m, status) in sessions {
                sammen_store::journey::courses::insert_session(
                    c,
                    &SupportSessionRow {
                        id: Stored(app.next_id()),
                        organisation_id: Stored(org),
                        course_id: Stored(course),
                        status: Stored(status),
                        starts_at: at,
                        duration_minutes: m,
                        mode: sammen_domain::directory::Mode::Phone.into(),
                        place: None,
                        kind: SessionKind::Conversation.into(),
                        note: None,
                        note_audience: Stored(NoteAudience::Team),
                        author_id: None,
                        created_at: at,
                        updated_at: at,
                    },
                )?;
            }
            let group: sammen_domain::GroupId = app.next_id();
            sammen_store::journey::groups::insert_group(
                c,
                &GroupCourseRow {
                    id: Stored(group),
                    organisation_id: Stored(org),
                    programme_id: Some(Stored(programme)),
                    kind: Stored(GroupKind::Course),
                    name: "Recovery-gruppe".into(),
                    description: None,
                    mode: sammen_domain::directory::Mode::InPerson.into(),
                    place: None,
                    capacity: None,
                    status: GroupStatus::Running.into(),
                    created_at: start,
                    updated_at: start,
                },
            )?;
            sammen_store::journey::groups::set_facilitators(c, group, &peers[..2])?;
            for (k, status) in [MeetingStatus::Held, MeetingStatus::Held, MeetingStatus::Planned].into_iter().enumerate() {
                sammen_store::journey::groups::insert_meeting(
                    c,
                    &GroupMeetingRow {
                        id: Stored(app.next_id()),
                        group_id: Stored(group),
                        starts_at: start + (k as i64 * 7 + 2) * DAY,
                        duration_minutes: 90,
                        place: None,
                        status: status.into(),
                        anonymous_count: None,
                        note: None,
                        created_at: start,
                        updated_at: start,
                    },
                )?;
            }
            let row = SupervisionSessionRow {
                id: app.new_id(),
                organisation_id: Stored(org),
                kind: Stored(SupervisionKind::Professional),
                format: Stored(SupervisionFormat::Group),
                starts_at: start + 3 * DAY,
                duration_minutes: 60,
                supervisor_user_id: Stored(supervisor),
                status: Stored(SupervisionStatus::Held),
                topics: String::new(),
                note: None,
                created_by: None,
                created_at: start,
                updated_at: start,
            };
            // Peer 0 (programme) and peer 2 (outside it) attended; peer 1 did not.
            sammen_store::workforce::supervision::insert_session(c, &row, &peers)?;
            sammen_store::workforce::supervision::set_attended(c, &row.id, peers[0], true)?;
            sammen_store::workforce::supervision::set_attended(c, &row.id, peers[2], true)?;
            let tc = TrainingCourseRow {
                id: app.new_id(),
                organisation_id: Stored(org),
                kind: Stored(CourseKind::IntroCourse),
                title: "Introduktionskursus".into(),
                description: None,
                themes: String::new(),
                hours: 12.0,
                validity_months: None,
                active: true,
                created_at: start,
                updated_at: start,
                min_attendance_percent: 75,
            };
            sammen_store::workforce::training::insert_course(c, &tc)?;
            let cohort = TrainingCohortRow {
                id: app.new_id(),
                organisation_id: Stored(org),
                course_id: tc.id.clone(),
                place: None,
                trainer: None,
                capacity: None,
                note: None,
                created_at: start,
                updated_at: start,
            };
            sammen_store::workforce::training::insert_cohort(c, &cohort, &[])?;
            for (peer, done) in [(peers[1], true), (peers[2], true), (peers[0], false)] {
                sammen_store::workforce::training::insert_enrolment(
                    c,
                    &TrainingEnrolmentRow {
                        id: app.new_id(),
                        cohort_id: cohort.id.clone(),
                        peer_id: Stored(peer),
                        enrolled_at: start,
                        enrolled_by: None,
                        outcome: done.then(|| Outcome::Completed.into()),
                        outcome_at: done.then_some(start + 20 * DAY),
                        outcome_by: None,
                    },
                )?;
            }
            Ok(())
        })
        .await
        .unwrap();
}

fn request(scope: ReportScope, cost: CostRequest) -> ReportRequest {
    ReportRequest {
        scope,
        instrument: "who-5".into(),
        scale: None,
        wave: "week-4".into(),
        from: Some(date!(2026 - 03 - 01)),
        to: Some(date!(2026 - 05 - 31)),
        method: Method::Reml,
        hartung_knapp: true,
        rules: SuppressionRules::default(),
        cost: Some(cost),
    }
}

/// Every price set, with the peer workers' wage as given.
fn prices(peer_wage: f64) -> sammen_evaluation::PriceDefaults {
    let mut p = default_prices_dk();
    for (price, v) in [
        (&mut p.peer_hourly_wage, peer_wage),
        (&mut p.supervision_hourly_wage, 500.0),
        (&mut p.training_cost_per_peer, 10_000.0),
        (&mut p.coordination_hourly_wage, 400.0),
        (&mut p.overhead_share, 0.1),
    ] {
        *price = sammen_evaluation::Price::new(v, "kr.", "Lokal aftale", Some(2026));
    }
    p.bed_day_price.needs_review = false;
    p
}

fn document_text(d: &rp::ReportData) -> String {
    let i18n = I18n::new().unwrap();
    let doc = rp::document(d, &i18n, Lang::Da);
    format!("{:?}", doc.blocks)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn costs_come_from_the_records_with_sources_overrides_and_no_net_without_prices() {
    on_every_backend("report_costs", |env| async move {
        env.set_date((2026, 6, 15, 12, 0, 0));
        let s = site(&env, "Aarby Kommune").await;
        record(&env, &s, &[60, 90, 30]).await;
        save_coordination(&env.app, &s.coordinator, s.programme, Some(10.0)).await.unwrap();
        let scope = ReportScope::Programme(s.programme);

        // No price set: the figures and their sources, and no net figure.
        let data =
            rp::compute(&env.app, &s.coordinator, request(scope, CostRequest { period_months: 3, ..Default::default() })).await.unwrap();
        let cost = data.cost.as_ref().expect("a cost section");
        let party = &cost.parties[0];
        let fig = |f: Figure| party.figures.iter().find(|x| x.figure == f).unwrap().clone();
        assert_eq!((fig(Figure::SessionHours).recorded, fig(Figure::SessionHours).count), (3.0, 3), "held sessions in the period");
        assert_eq!((fig(Figure::GroupHours).recorded, fig(Figure::GroupHours).count), (6.0, 2), "2 meetings × 1.5 h × 2 facilitators");
        assert_eq!(fig(Figure::SupervisionHours).recorded, 1.0, "only the programme's peer's hour");
        assert_eq!(fig(Figure::PeersTrained).recorded, 1.0, "only the programme's peer who completed");
        let months = fig(Figure::CoordinationHours).recorded / 10.0;
        assert!((months - 92.0 / (365.25 / 12.0)).abs() < 1e-9, "10 h a month over March–May: {months}");
        assert!(party.result.is_none() && party.unset_prices.contains(&"peer_hourly_wage"), "{:?}", party.unset_prices);
        let text = document_text(&data);
        assert!(text.contains("3 samtaler, 3,0 t, fra samtalelogs"), "{text}");
        assert!(text.contains("Disse priser er ikke sat"), "the report says a price is unset");
        assert!(!text.contains("Nettogevinst"), "no net gain on unset prices");

        // Prices set and one figure overridden with a reason: the costs use it and print why.
        rp::save_prices(&env.app, &s.coordinator, prices(250.0)).await.unwrap();
        let mut overrides = std::collections::BTreeMap::new();
        overrides.insert(Figure::SessionHours, Override { value: 5.0, reason: "Et forløb blev ikke logget i marts".into() });
        let data = rp::compute(&env.app, &s.coordinator, request(scope, CostRequest { period_months: 3, overrides })).await.unwrap();
        let party = &data.cost.as_ref().unwrap().parties[0];
        let cb = party.result.as_ref().expect("a result with every price set");
        assert_eq!(cb.programme.peer_support, (5.0 + 6.0) * 250.0, "the override replaces the recorded session hours");
        assert_eq!(cb.programme.supervision, 500.0);
        assert_eq!(cb.programme.training, 10_000.0);
        let text = document_text(&data);
        assert!(text.contains("Et forløb blev ikke logget i marts"), "the document (page, PDF, XLSX) prints the reason");
        assert!(text.contains("Nettogevinst"));
        let csv = String::from_utf8(report_csv::report_csv(&data, sammen_reports::NumberStyle::Danish).unwrap()).unwrap();
        assert!(csv.contains("cost_override_reason:session_hours;overall;;Et forløb blev ikke logget i marts"), "{csv}");
        assert!(csv.contains("cost_recorded:session_hours;overall;;3"), "{csv}");

        // A wave no plan measures is an error naming the field, not an empty report.
        let mut bad = request(scope, CostRequest { period_months: 3, ..Default::default() });
        bad.wave = "week-6".into();
        match rp::compute(&env.app, &s.coordinator, bad).await {
            Err(AppError::Validation(v)) => assert_eq!(v.message_for("wave"), Some("err-report-wave-unknown")),
            other => panic!("expected a validation error, got {:?}", other.map(|_| ())),
        }
        // Costs need the period's both ends.
        let mut open = request(scope, CostRequest { period_months: 3, ..Default::default() });
        open.from = None;
        assert_field_error(&err(rp::compute(&env.app, &s.coordinator, open).await), "from", "err-cost-period-required");
        // The form offers the plan's waves.
        let waves = sammen_app::measurement::report_form::waves(&env.app, &s.coordinator, scope, "who-5").await.unwrap();
        assert_eq!(&waves[..2], ["week-4", "week-8"]);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_partnership_report_prices_each_partys_figures_with_its_own_prices() {
    on_every_backend("report_costs_partnership", |env| async move {
        env.set_date((2026, 6, 15, 12, 0, 0));
        let a = site(&env, "Aarby Kommune").await;
        let b = site(&env, "Bebro Kommune").await;
        record(&env, &a, &[60, 60]).await;
        record(&env, &b, &[60, 60, 60, 60]).await;
        rp::save_prices(&env.app, &a.coordinator, prices(300.0)).await.unwrap();
        rp::save_prices(&env.app, &b.coordinator, prices(200.0)).await.unwrap();
        let p = PartnershipInput::parse(
            "Fælles evaluering",
            "Samlet evaluering",
            "Art. 9, stk. 2, litra j",
            &["aggregate_outcomes".into()],
            "2026-01-01",
            None,
            &[a.org.to_string(), b.org.to_string()],
        )
        .unwrap();
        let partnership = directory::save_partnership(&env.app, &env.sys, None, p).await.unwrap().id;
        let mut overrides = std::collections::BTreeMap::new();
        overrides.insert(Figure::SupervisionHours, Override { value: 4.0, reason: "Ekstern supervision".into() });
        let req = request(ReportScope::Partnership(partnership), CostRequest { period_months: 3, overrides });
        let data = rp::compute(&env.app, &a.coordinator, req).await.unwrap();
        let cost = data.cost.as_ref().unwrap();
        assert_eq!(cost.parties.len(), 2);
        let party = |name: &str| cost.parties.iter().find(|p| p.site == name).unwrap();
        let (pa, pb) = (party("Aarby Kommune"), party("Bebro Kommune"));
        assert_eq!(pa.result.as_ref().unwrap().programme.peer_support, (2.0 + 6.0) * 300.0, "Aarby at its own wage");
        assert_eq!(pb.result.as_ref().unwrap().programme.peer_support, (4.0 + 6.0) * 200.0, "Bebro at its own wage");
        assert_eq!(pa.result.as_ref().unwrap().programme.supervision, 4.0 * 500.0, "the viewer's own party's override");
        // A party's supervision counts all its peers (no one programme): two attended an hour.
        assert_eq!(pb.result.as_ref().unwrap().programme.supervision, 2.0 * 500.0, "the other party's figure stays as recorded");
        let total = cost.total.expect("a total over the parties");
        let sum: f64 = cost.parties.iter().map(|p| p.result.as_ref().unwrap().net_benefit).sum();
        assert!((total.net_benefit - sum).abs() < 1e-6);
    })
    .await;
}
