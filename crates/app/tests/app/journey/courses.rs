//! Matching, offers, courses, sessions, goals, the calendar feed, and the peer's profile with
//! its consent and disclosure preference.

use sammen_app::journey::courses as cs;
use sammen_app::journey::matching as mt;
use sammen_app::people as app_people;
use sammen_app::{AppError, Ctx, directory};
use sammen_domain::audit::AuditOutcome;
use sammen_domain::directory::ProgrammeInput;
use sammen_domain::journey::courses::{
    ConsentMethod, ConsentPurpose, CourseStatus, EndReason, GoalInput, OfferState, PeerProfileInput, ProgressInput, SessionInput, Viewer,
    WishesInput,
};
use sammen_domain::people::{ParticipantInput, PeerWorkerInput, Role};
use sammen_domain::{OrgId, ParticipantId, PeerWorkerId, ProgrammeId};
use sammen_i18n::Lang;
use sammen_store::StoreError;
use sammen_store::audit::AuditFilter;

use crate::harness::*;

pub(super) struct World {
    pub(super) org: OrgId,
    pub(super) programme: ProgrammeId,
    pub(super) coord: Ctx,
    pub(super) peers: Vec<(Ctx, PeerWorkerId)>,
}

/// An organisation with a phone-and-in-person programme, a coordinator, and `n` peer workers
/// with accounts and profiles (capacity 1, Danish, phone).
pub(super) async fn world(env: &Env, slug: &str, n: usize) -> World {
    let org = env.org(&format!("{slug} Kommune"), false).await;
    let coord = env.staff(org, &format!("koordinator@{slug}.test"), Role::Coordinator).await;
    let coord = env.ctx(coord, org).await;
    let programme =
        ProgrammeInput::parse("Peerstøtte", None, &["individual".into()], &["phone".into(), "in_person".into()], "Aarhus", true).unwrap();
    let programme = directory::save_programme(&env.app, &coord, None, programme).await.unwrap().id;
    let mut peers = Vec::new();
    for i in 0..n {
        let email = format!("peer{i}@{slug}.test");
        let user = env.staff(org, &email, Role::PeerWorker).await;
        let input =
            PeerWorkerInput::parse(&format!("Peer {i}"), Some(&email), None, "volunteer", "active", "da", &["phone".into()]).unwrap();
        let peer = app_people::save_peer(&env.app, &coord, None, input).await.unwrap();
        let ctx = env.ctx(user, org).await;
        let profile =
            PeerProfileInput::parse(&["anxiety".into()], true, "colleagues", None, None, None, None, None, "1", "mon 9-12").unwrap();
        mt::save_profile(&env.app, &ctx, peer.id, profile).await.unwrap();
        peers.push((ctx, peer.id));
    }
    World { org, programme, coord, peers }
}

/// A waiting participant of the programme with a support consent and wishes.
pub(super) async fn waiting(env: &Env, w: &World, name: &str, languages: &str, consent: bool) -> ParticipantId {
    let input =
        ParticipantInput::parse(Some(name), None, None, None, None, None, Some(&w.programme.to_string()), "waiting", languages, 2026)
            .unwrap();
    let p = app_people::create_participant(&env.app, &w.coord, input, None).await.unwrap();
    let wishes =
        WishesInput::parse(&["anxiety".into()], &["phone".into()], &[], None, None, None, None, "mon 9-11", Some("Komme ud")).unwrap();
    mt::save_wishes(&env.app, &w.coord, p.id, wishes, Vec::new()).await.unwrap();
    if consent {
        let (pid, org, id, at) = (p.id, w.org, env.app.next_id::<sammen_domain::ConsentId>(), env.now().micros());
        env.app
            .db
            .write(move |tx| -> Result<(), StoreError> {
                sammen_store::journey::courses::insert_consent(
                    tx.conn(),
                    &sammen_store::rows::ConsentRow {
                        id: id.into(),
                        organisation_id: org.into(),
                        participant_id: pid.into(),
                        purpose: sammen_store::Stored(ConsentPurpose::Support),
                        scope: "Peerstøtte".into(),
                        audience: "peer,coordinators".into(),
                        method: sammen_store::Stored(ConsentMethod::Written),
                        given_at: at,
                        valid_until: None,
                        recorded_by: None,
                        withdrawn_at: None,
                        withdrawn_by: None,
                        withdrawal_note: None,
                    },
                )
            })
            .await
            .unwrap();
    }
    p.id
}

async fn pseudonym_of(env: &Env, w: &World, p: ParticipantId) -> String {
    app_people::get_participant(&env.app, &w.coord, p).await.unwrap().pseudonym
}

fn held(date: &str, note: &str, audience: &str) -> SessionInput {
    SessionInput::parse("held", date, "10:00", "50", "phone", None, "conversation", Some(note), audience).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_participant_goes_from_the_waiting_list_through_a_course_to_closure() {
    on_every_backend("courses", |env| async move {
        let b = env.backend;
        env.set_date((2026, 3, 2, 9, 0, 0));
        let w = world(&env, "forlob", 2).await;
        let anna = waiting(&env, &w, "Anna", "da", true).await;
        let bo = waiting(&env, &w, "Bo", "da", true).await;
        let cai = waiting(&env, &w, "Cai", "da", true).await;
        let _no_consent = waiting(&env, &w, "Dina", "da", false).await;
        let english = waiting(&env, &w, "Eve", "en", true).await;

        // Two peers with one place each: two of the four ready participants are matched; the
        // one without consent is not put to the engine at all.
        let p = mt::propose(&env.app, &w.coord, w.programme).await.unwrap();
        assert_eq!(p.not_ready.len(), 1, "{b}");
        assert_eq!(p.matched, 2, "{b}");
        let eve = p.rows.iter().find(|r| r.participant == english).unwrap();
        assert_eq!(eve.reasons, ["no_shared_language"], "{b}: no Danish-only peer speaks English");
        assert!(eve.candidates.is_empty(), "{b}");
        let left = p.rows.iter().filter(|r| r.proposed.is_none() && r.participant != english).collect::<Vec<_>>();
        assert_eq!(left.len(), 1, "{b}");
        assert_eq!(left[0].reasons, ["capacity_taken_by_better_matches"], "{b}");
        for r in p.rows.iter().filter_map(|r| r.proposed.as_ref()) {
            assert!(r.parts.topics > 0.0, "{b}: shared lived experience scores");
        }

        // A pair that breaks a hard rule is refused at approval, and nothing is stored.
        let bad = mt::approve(&env.app, &w.coord, w.programme, vec![(english, w.peers[0].1)]).await;
        assert!(matches!(bad, Err(AppError::Validation(ref v)) if v.message_for("pairs") == Some("err-pair-not-eligible")), "{b}: {bad:?}");
        let over = mt::approve(&env.app, &w.coord, w.programme, vec![(anna, w.peers[0].1), (bo, w.peers[0].1)]).await;
        assert!(matches!(over, Err(AppError::Validation(ref v)) if v.message_for("pairs") == Some("err-peer-capacity")), "{b}");
        assert!(cs::participant_courses(&env.app, &w.coord, anna).await.unwrap().is_empty(), "{b}: nothing half-written");

        // The coordinator approves Anna with peer 0 and Bo with peer 1.
        let made = mt::approve(&env.app, &w.coord, w.programme, vec![(anna, w.peers[0].1), (bo, w.peers[1].1)]).await.unwrap();
        let (anna_course, bo_course) = (made[0], made[1]);
        // Offered, the peer sees the wishes but not who it is, and cannot yet read the record.
        let (peer0, peer1) = (&w.peers[0].0, &w.peers[1].0);
        let offer = cs::course(&env.app, peer0, anna_course).await.unwrap();
        assert!(offer.can_answer && offer.participant_name.is_none(), "{b}");
        assert!(matches!(app_people::get_participant(&env.app, peer0, anna).await, Err(AppError::NotFound)), "{b}");
        // Another peer cannot answer it.
        assert!(matches!(cs::answer_offer(&env.app, peer1, anna_course, true, None).await, Err(AppError::NotFound)), "{b}");
        let accepted = cs::answer_offer(&env.app, peer0, anna_course, true, None).await.unwrap();
        assert_eq!((accepted.offer, accepted.participant_name.as_deref()), (OfferState::Accepted, Some("Anna")), "{b}");
        assert!(app_people::get_participant(&env.app, peer0, anna).await.is_ok(), "{b}: the accepting peer reads the record");
        assert!(matches!(cs::answer_offer(&env.app, peer0, anna_course, false, None).await, Err(AppError::Validation(_))), "{b}");

        // Peer 1 declines: Bo is back on the waiting list with priority, and is not proposed to
        // peer 1 again (peer 1 now has room, but only Cai can go there).
        cs::answer_offer(&env.app, peer1, bo_course, false, Some("Kender familien".into())).await.unwrap();
        let again = mt::propose(&env.app, &w.coord, w.programme).await.unwrap();
        let bo_row = again.rows.iter().find(|r| r.participant == bo).unwrap();
        assert!(bo_row.priority, "{b}");
        assert!(bo_row.candidates.iter().all(|c| c.peer != w.peers[1].1), "{b}: the declining peer is not proposed again");
        assert_eq!(again.rows.iter().find(|r| r.participant == cai).unwrap().proposed.as_ref().map(|c| c.peer), Some(w.peers[1].1), "{b}");
        assert_eq!(again.rows[0].participant, bo, "{b}: priority first");

        // Sessions: the first held one starts the course and the participant's course of support.
        env.set_date((2026, 3, 10, 12, 0, 0));
        cs::log_session(&env.app, peer0, anna_course, held("2026-03-09", "Gik en tur", "team")).await.unwrap();
        cs::log_session(&env.app, peer0, anna_course, held("2026-03-10", "Talte om søvn", "peer")).await.unwrap();
        let future = held("2026-04-01", "x", "team");
        assert!(matches!(cs::log_session(&env.app, peer0, anna_course, future).await, Err(AppError::Validation(_))), "{b}");
        let v = cs::course(&env.app, &w.coord, anna_course).await.unwrap();
        assert_eq!((v.status, v.started_on.as_deref()), (CourseStatus::Active, Some("2026-03-09")), "{b}");
        assert_eq!(app_people::get_participant(&env.app, &w.coord, anna).await.unwrap().status.code(), "active", "{b}");
        // The coordinator sees the team note; the peer-only note is hidden from them.
        let notes: Vec<_> = v.sessions.iter().map(|s| (s.note.clone(), s.note_hidden)).collect();
        assert_eq!(notes, [(None, true), (Some("Gik en tur".into()), false)], "{b}");
        let own = cs::course(&env.app, peer0, anna_course).await.unwrap();
        assert!(own.sessions.iter().all(|s| s.note.is_some()), "{b}: the peer reads both");

        // A goal in her own words, with progress.
        let goal = cs::add_goal(&env.app, peer0, anna_course, GoalInput::parse("Sove bedre", Some("hope")).unwrap()).await.unwrap();
        cs::record_progress(&env.app, peer0, goal, ProgressInput::parse("2026-03-10", "3", None, "open").unwrap()).await.unwrap();
        cs::record_progress(&env.app, peer0, goal, ProgressInput::parse("2026-03-20", "7", Some("Bedre"), "open").unwrap()).await.unwrap();
        let bad = ProgressInput::parse("2026-03-21", "12", None, "open");
        assert!(bad.is_err(), "{b}");
        let v = cs::course(&env.app, peer0, anna_course).await.unwrap();
        assert_eq!(v.goals[0].progress.iter().map(|p| p.value).collect::<Vec<_>>(), [3, 7], "{b}");

        // The caseload on the peer's phone.
        let cl = cs::caseload(&env.app, peer0).await.unwrap();
        assert_eq!(cl.courses.len(), 1, "{b}");
        assert_eq!(cl.courses[0].sessions_held, 2, "{b}");

        // A peer may not end a course; the coordinator ends it; Anna is closed and no peer
        // reads her record any more, though the peer keeps the course they worked on.
        assert!(
            matches!(
                cs::set_status(&env.app, peer0, anna_course, CourseStatus::Ended, Some(EndReason::GoalsReached)).await,
                Err(AppError::NotFound)
            ),
            "{b}"
        );
        let no_reason = cs::set_status(&env.app, &w.coord, anna_course, CourseStatus::Ended, None).await;
        assert!(matches!(no_reason, Err(AppError::Validation(_))), "{b}");
        cs::set_status(&env.app, &w.coord, anna_course, CourseStatus::Ended, Some(EndReason::GoalsReached)).await.unwrap();
        let anna_now = app_people::get_participant(&env.app, &w.coord, anna).await.unwrap();
        assert_eq!((anna_now.status.code(), anna_now.assigned_peer_id), ("closed", None), "{b}");
        assert!(matches!(app_people::get_participant(&env.app, peer0, anna).await, Err(AppError::NotFound)), "{b}");
        let ended = cs::course(&env.app, peer0, anna_course).await.unwrap();
        assert!(ended.participant_name.is_none() && !ended.can_work, "{b}");
        assert!(
            matches!(cs::log_session(&env.app, peer0, anna_course, held("2026-03-10", "x", "team")).await, Err(AppError::Validation(_))),
            "{b}"
        );

        // Everything was audited with the participant as subject.
        let records = env.audit_records(AuditFilter { subject: Some(anna.to_string()), ..Default::default() }).await;
        assert!(records.iter().filter(|r| r.event.outcome == AuditOutcome::Ok).count() >= 8, "{b}: {}", records.len());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_handover_keeps_the_history_and_the_new_peer_must_accept() {
    on_every_backend("handover", |env| async move {
        let b = env.backend;
        env.set_date((2026, 3, 2, 9, 0, 0));
        let w = world(&env, "overdrag", 2).await;
        let anna = waiting(&env, &w, "Anna", "da", true).await;
        let course = mt::approve(&env.app, &w.coord, w.programme, vec![(anna, w.peers[0].1)]).await.unwrap()[0];
        cs::answer_offer(&env.app, &w.peers[0].0, course, true, None).await.unwrap();
        cs::log_session(&env.app, &w.peers[0].0, course, held("2026-03-02", "Første", "team")).await.unwrap();
        let next = cs::handover(&env.app, &w.coord, course, w.peers[1].1, None, Some("Flytter".into())).await.unwrap();
        let old = cs::course(&env.app, &w.coord, course).await.unwrap();
        assert_eq!((old.status, old.end_reason), (CourseStatus::Ended, Some(EndReason::Handover)), "{b}");
        let new = cs::course(&env.app, &w.peers[1].0, next).await.unwrap();
        assert_eq!((new.offer, new.handed_over_from), (OfferState::Pending, Some(course)), "{b}");
        assert_eq!(new.history.len(), 1, "{b}: the new peer sees only their own course of the history");
        // The participant stays active (their course of support goes on) with nobody assigned
        // until the new peer accepts.
        let p = app_people::get_participant(&env.app, &w.coord, anna).await.unwrap();
        assert_eq!((p.status.code(), p.assigned_peer_id), ("active", None), "{b}");
        cs::answer_offer(&env.app, &w.peers[1].0, next, true, None).await.unwrap();
        assert_eq!(app_people::get_participant(&env.app, &w.coord, anna).await.unwrap().assigned_peer_id, Some(w.peers[1].1), "{b}");
        assert_eq!(cs::course(&env.app, &w.coord, next).await.unwrap().history.len(), 2, "{b}: the coordinator sees it all");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_calendar_feed_shows_pseudonyms_only_and_a_renewed_address_replaces_the_old() {
    on_every_backend("calendar", |env| async move {
        let b = env.backend;
        env.set_date((2026, 3, 2, 9, 0, 0));
        let w = world(&env, "kalender", 1).await;
        let anna = waiting(&env, &w, "Anna Hemmelig", "da", true).await;
        let course = mt::approve(&env.app, &w.coord, w.programme, vec![(anna, w.peers[0].1)]).await.unwrap()[0];
        let (peer, peer_id) = (&w.peers[0].0, w.peers[0].1);
        cs::answer_offer(&env.app, peer, course, true, None).await.unwrap();
        let plan = SessionInput::parse(
            "planned",
            "2026-03-05",
            "14:00",
            "60",
            "in_person",
            Some("Café Solsikken"),
            "activity",
            Some("Privat"),
            "team",
        )
        .unwrap();
        cs::log_session(&env.app, peer, course, plan).await.unwrap();
        // A group the peer facilitates: its meetings are in the feed and on the phone page too.
        let group = sammen_domain::journey::groups::GroupInput::parse(
            "course",
            "Recovery-gruppe",
            None,
            None,
            "in_person",
            Some("Huset"),
            Some("8"),
            "running",
        )
        .unwrap();
        let group = sammen_app::journey::groups::save_group(&env.app, &w.coord, None, group).await.unwrap().id;
        sammen_app::journey::groups::set_facilitators(&env.app, &w.coord, group, vec![peer_id.to_string()]).await.unwrap();
        let meeting = sammen_domain::journey::groups::MeetingInput::parse("2026-03-04", "17:00", "90", None, None).unwrap();
        sammen_app::journey::groups::plan_meeting(&env.app, &w.coord, group, meeting).await.unwrap();
        let cl = cs::caseload(&env.app, peer).await.unwrap();
        assert_eq!(
            cl.upcoming.iter().map(|u| u.title.as_str()).collect::<Vec<_>>(),
            ["Recovery-gruppe", pseudonym_of(&env, &w, anna).await.as_str()],
            "{b}"
        );
        // Only the peer themselves turns the feed on.
        assert!(matches!(cs::renew_calendar(&env.app, &w.coord, peer_id).await, Err(AppError::NotFound)), "{b}");
        let token = cs::renew_calendar(&env.app, peer, peer_id).await.unwrap();
        let feed = cs::calendar_feed(&env.app, token.clone(), Lang::Da, "GET /calendar/{token}").await.unwrap();
        let pseudonym = app_people::get_participant(&env.app, &w.coord, anna).await.unwrap().pseudonym;
        assert!(feed.contains("BEGIN:VEVENT") && feed.contains("DTSTART:20260305T130000Z"), "{b}: {feed}");
        assert!(feed.contains(&pseudonym) && feed.contains("Café Solsikken"), "{b}");
        assert!(!feed.contains("Anna") && !feed.contains("Privat"), "{b}: no name, no note");
        assert!(feed.contains("SUMMARY:Recovery-gruppe") && feed.contains("DTSTART:20260304T160000Z"), "{b}: the group meeting");
        let renewed = cs::renew_calendar(&env.app, peer, peer_id).await.unwrap();
        assert!(matches!(cs::calendar_feed(&env.app, token, Lang::Da, "r").await, Err(AppError::NotFound)), "{b}: the old address stops");
        assert!(cs::calendar_feed(&env.app, renewed.clone(), Lang::En, "r").await.is_ok(), "{b}");
        cs::stop_calendar(&env.app, peer, peer_id).await.unwrap();
        assert!(matches!(cs::calendar_feed(&env.app, renewed, Lang::Da, "r").await, Err(AppError::NotFound)), "{b}");
        assert!(matches!(cs::calendar_feed(&env.app, "not-a-token".into(), Lang::Da, "r").await, Err(AppError::NotFound)), "{b}");
        // Each fetch was audited without an actor.
        let records = env.audit_records(AuditFilter { subject: Some(peer_id.to_string()), ..Default::default() }).await;
        assert!(records.iter().any(|r| r.event.purpose == "calendar_feed" && r.event.actor.is_none()), "{b}");
        // Once the session has ended it is no longer coming up: it waits to be logged.
        assert!(cs::caseload(&env.app, peer).await.unwrap().to_log.is_empty(), "{b}");
        env.set_date((2026, 3, 5, 14, 30, 0));
        let cl = cs::caseload(&env.app, peer).await.unwrap();
        assert_eq!(cl.to_log.iter().map(|u| u.title.as_str()).collect::<Vec<_>>(), [pseudonym.as_str()], "{b}");
        assert!(cl.upcoming.iter().all(|u| u.course.is_none()), "{b}: {:?}", cl.upcoming);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lived_experience_needs_the_peers_consent_and_the_disclosure_preference_holds() {
    on_every_backend("profile", |env| async move {
        let b = env.backend;
        let w = world(&env, "profil", 1).await;
        let (peer, peer_id) = (&w.peers[0].0, w.peers[0].1);
        let sup = env.staff(w.org, "supervisor@profil.test", Role::Supervisor).await;
        let sup = env.ctx(sup, w.org).await;
        let other_peer = env.staff(w.org, "anden@profil.test", Role::PeerWorker).await;
        let other_peer = env.ctx(other_peer, w.org).await;
        let profile = |topics: &[&str], consent: bool, disclosure: &str| {
            let t: Vec<String> = topics.iter().map(|s| (*s).to_owned()).collect();
            PeerProfileInput::parse(&t, consent, disclosure, Some("Jeg har selv været indlagt."), None, None, None, None, "2", "").unwrap()
        };
        mt::save_profile(&env.app, peer, peer_id, profile(&["psychosis", "admission"], true, "colleagues")).await.unwrap();
        let seen = mt::profile(&env.app, &w.coord, peer_id).await.unwrap();
        assert_eq!(seen.viewer, Viewer::Coordinator, "{b}");
        assert_eq!(seen.topics.as_ref().map(Vec::len), Some(2), "{b}: coordinators match on it");
        let colleague = mt::profile(&env.app, &sup, peer_id).await.unwrap();
        assert_eq!((colleague.topics.is_none(), colleague.presentation.is_some()), (true, true), "{b}: areas never, the story by choice");
        assert!(matches!(mt::profile(&env.app, &other_peer, peer_id).await, Err(AppError::NotFound)), "{b}");
        // Not disclosed: colleagues no longer see the background.
        mt::save_profile(&env.app, peer, peer_id, profile(&["psychosis"], true, "none")).await.unwrap();
        assert!(mt::profile(&env.app, &sup, peer_id).await.unwrap().presentation.is_none(), "{b}");
        // A coordinator's save leaves the areas and the consent as the peer left them.
        mt::save_profile(&env.app, &w.coord, peer_id, profile(&[], false, "none")).await.unwrap();
        assert_eq!(mt::profile(&env.app, peer, peer_id).await.unwrap().topics.map(|t| t.len()), Some(1), "{b}");
        // Topics without consent are refused; withdrawing the consent deletes them.
        let refused = PeerProfileInput::parse(&["grief".into()], false, "none", None, None, None, None, None, "2", "");
        assert!(refused.is_err(), "{b}");
        mt::save_profile(&env.app, peer, peer_id, profile(&[], false, "none")).await.unwrap();
        let stored = { env.app.db.read(move |c| sammen_store::journey::courses::profile(c, peer_id)).await.unwrap().unwrap() };
        assert_eq!((stored.topics.as_str(), stored.topics_consent_at), ("", None), "{b}: nothing kept without consent");
    })
    .await;
}
