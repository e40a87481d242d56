//! The start page's work queues: each queue holds its own organisation's work, an item leaves
//! the queue when the work is done, each role gets its own queues, and reading them is audited.

use sammen_app::directory::front::{self as fr, Front, QueueKind, Target};
use sammen_app::journey::courses as cs;
use sammen_app::journey::intake as ik;
use sammen_app::journey::matching as mt;
use sammen_app::people as app_people;
use sammen_app::workforce::supervision::{self as sv, Assign};
use sammen_app::{Ctx, directory};
use sammen_domain::directory::ProgrammeInput;
use sammen_domain::journey::courses::{ConsentMethod, PeerProfileInput, SessionInput, SessionStatus, WishesInput};
use sammen_domain::journey::intake::{Decision, ReferralInput};
use sammen_domain::measurement::{MessageKind, MessageStatus};
use sammen_domain::people::{PeerWorkerInput, Role};
use sammen_domain::workforce::roles::{EngagementInput, RoleInput};
use sammen_domain::workforce::supervision::{SessionRecord, SupervisionKind};
use sammen_domain::{OrgId, PeerWorkerId, ProgrammeId};
use sammen_store::Stored;
use sammen_store::audit::AuditFilter;
use sammen_store::rows::OutboxRow;

use crate::harness::*;

struct World {
    org: OrgId,
    programme: ProgrammeId,
    coord: Ctx,
    peer: Ctx,
    peer_id: PeerWorkerId,
}

/// An organisation with a programme, a coordinator and one peer worker with an account and a
/// profile with room for two.
async fn world(env: &Env, slug: &str) -> World {
    let org = env.org(&format!("{slug} Kommune"), false).await;
    let coord = env.staff(org, &format!("koordinator@{slug}.test"), Role::Coordinator).await;
    let coord = env.ctx(coord, org).await;
    let programme =
        ProgrammeInput::parse("Peerstøtte", None, &["individual".into()], &["phone".into(), "in_person".into()], "Aarhus", true).unwrap();
    let programme = directory::save_programme(&env.app, &coord, None, programme).await.unwrap().id;
    let email = format!("peer@{slug}.test");
    let user = env.staff(org, &email, Role::PeerWorker).await;
    let input = PeerWorkerInput::parse("Peer Pia", Some(&email), None, "volunteer", "active", "da", &["phone".into()]).unwrap();
    let peer_id = app_people::save_peer(&env.app, &coord, None, input).await.unwrap().id;
    let peer = env.ctx(user, org).await;
    let profile = PeerProfileInput::parse(&["anxiety".into()], true, "colleagues", None, None, None, None, None, "2", "mon 9-12").unwrap();
    mt::save_profile(&env.app, &peer, peer_id, profile).await.unwrap();
    World { org, programme, coord, peer, peer_id }
}

/// A person referred internally (with a written support consent when `consent`), still waiting
/// for the intake decision.
async fn referred(env: &Env, w: &World, name: &str) -> sammen_domain::ReferralId {
    let person = ReferralInput::parse(name, Some("20304050"), None, Some("1988"), "da", "Ensom efter udskrivning", None, 2026).unwrap();
    ik::record_internal(&env.app, &w.coord, person, ConsentMethod::Written).await.unwrap()
}

/// The participant a referral made.
async fn participant_of(env: &Env, referral: sammen_domain::ReferralId) -> sammen_domain::ParticipantId {
    let row = env.app.db.read(move |c| sammen_store::journey::courses::referral(c, referral)).await.unwrap().unwrap();
    row.participant_id.unwrap().get()
}

fn titles(f: &Front, kind: QueueKind) -> Vec<String> {
    f.queue(kind).map(|q| q.items.iter().map(|i| i.title.clone()).collect()).unwrap_or_default()
}

async fn front(env: &Env, ctx: &Ctx) -> Front {
    fr::front(&env.app, ctx).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coordinators_queues_hold_their_own_organisations_work_until_it_is_done() {
    on_every_backend("front coordinator", |env| async move {
        let b = env.backend;
        env.set_date((2026, 3, 2, 9, 0, 0));
        let w = world(&env, "kobyen").await;
        let other = world(&env, "andetsted").await;
        let ida = referred(&env, &w, "Ida Intern").await;
        env.set_date((2026, 3, 3, 9, 0, 0));
        let _later = referred(&env, &w, "Jens Senere").await;
        let _elsewhere = referred(&env, &other, "Karl Andetsteds").await;

        // Oldest first, named, and only this organisation's.
        let f = front(&env, &w.coord).await;
        assert_eq!(titles(&f, QueueKind::Referrals), ["Ida Intern", "Jens Senere"], "{b}");
        let first = &f.queue(QueueKind::Referrals).unwrap().items[0];
        assert_eq!(first.target, Target::Referral(ida), "{b}: the item opens the referral");
        assert_eq!(titles(&front(&env, &other.coord).await, QueueKind::Referrals), ["Karl Andetsteds"], "{b}");
        assert!(f.to_do() >= 2, "{b}");

        // Accepted into the programme: gone from intake, now on the waiting list, and (with the
        // consent given on referral) not among those without consent.
        ik::decide(&env.app, &w.coord, ida, Decision::Accept { programme: w.programme }).await.unwrap();
        let f = front(&env, &w.coord).await;
        assert_eq!(titles(&f, QueueKind::Referrals), ["Jens Senere"], "{b}: a decided referral leaves the queue");
        assert_eq!(titles(&f, QueueKind::LongestWaits), ["Ida Intern"], "{b}");
        assert!(titles(&f, QueueKind::NoConsent).is_empty(), "{b}: Ida consented on referral");
        assert_eq!(f.queue(QueueKind::LongestWaits).unwrap().items[0].target, Target::WaitingList(w.programme), "{b}");

        // Matched and offered: the offer waits for the peer's answer, on both their pages.
        let wishes = WishesInput::parse(&["anxiety".into()], &["phone".into()], &[], None, None, None, None, "mon 9-11", None).unwrap();
        let ida_id = participant_of(&env, ida).await;
        mt::save_wishes(&env.app, &w.coord, ida_id, wishes, Vec::new()).await.unwrap();
        let course = mt::approve(&env.app, &w.coord, w.programme, vec![(ida_id, w.peer_id)]).await.unwrap()[0];
        let f = front(&env, &w.coord).await;
        assert_eq!(titles(&f, QueueKind::OffersWaiting), ["Ida Intern"], "{b}");
        assert!(titles(&f, QueueKind::LongestWaits).is_empty(), "{b}: an offer takes her off the waiting list");
        let mine = front(&env, &w.peer).await;
        let offer = &mine.queue(QueueKind::MyOffers).unwrap().items;
        assert_eq!(offer.len(), 1, "{b}");
        assert_eq!(offer[0].target, Target::Course(course), "{b}");
        assert_ne!(offer[0].title, "Ida Intern", "{b}: an offer shows the pseudonym, not the name");
        assert!(titles(&front(&env, &other.peer).await, QueueKind::MyOffers).is_empty(), "{b}: another organisation's peer");

        // Answered: the offer leaves both queues.
        cs::answer_offer(&env.app, &w.peer, course, true, None).await.unwrap();
        assert!(titles(&front(&env, &w.coord).await, QueueKind::OffersWaiting).is_empty(), "{b}");
        let mine = front(&env, &w.peer).await;
        assert!(titles(&mine, QueueKind::MyOffers).is_empty(), "{b}");
        assert_eq!(titles(&mine, QueueKind::Caseload), ["Ida Intern"], "{b}: now hers to work with, by name");

        // A course where no session has been held for three weeks shows as quiet.
        cs::log_session(&env.app, &w.peer, course, held("2026-03-03")).await.unwrap();
        env.set_date((2026, 3, 20, 9, 0, 0));
        assert!(titles(&front(&env, &w.coord).await, QueueKind::QuietCourses).is_empty(), "{b}: held 17 days ago");
        env.set_date((2026, 3, 30, 9, 0, 0));
        assert_eq!(titles(&front(&env, &w.coord).await, QueueKind::QuietCourses), ["Ida Intern"], "{b}: 27 days");
        cs::log_session(&env.app, &w.peer, course, held("2026-03-30")).await.unwrap();
        assert!(titles(&front(&env, &w.coord).await, QueueKind::QuietCourses).is_empty(), "{b}: a session held again");

        // Reading the queues is audited as searches, named by queue.
        let records = env.audit_records(AuditFilter { actor: Some(w.coord.actor.user.to_string()), ..Default::default() }).await;
        assert!(records.iter().any(|r| r.event.purpose.ends_with(";referrals") && r.event.subject_type == "referral"), "{b}");
    })
    .await;
}

fn held(date: &str) -> SessionInput {
    SessionInput::parse("held", date, "10:00", "50", "phone", None, "conversation", Some("Samtale"), "team").unwrap()
}

fn planned(date: &str, time_of_day: &str) -> SessionInput {
    SessionInput::parse("planned", date, time_of_day, "60", "phone", None, "conversation", None, "team").unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_peer_sees_today_and_tomorrow_and_what_is_left_to_log() {
    on_every_backend("front peer", |env| async move {
        let b = env.backend;
        env.set_date((2026, 3, 2, 9, 0, 0));
        let w = world(&env, "telefonby").await;
        let anna = referred(&env, &w, "Anna Andersen").await;
        ik::decide(&env.app, &w.coord, anna, Decision::Accept { programme: w.programme }).await.unwrap();
        let anna = participant_of(&env, anna).await;
        let wishes = WishesInput::parse(&["anxiety".into()], &["phone".into()], &[], None, None, None, None, "mon 9-11", None).unwrap();
        mt::save_wishes(&env.app, &w.coord, anna, wishes, Vec::new()).await.unwrap();
        let course = mt::approve(&env.app, &w.coord, w.programme, vec![(anna, w.peer_id)]).await.unwrap()[0];
        cs::answer_offer(&env.app, &w.peer, course, true, None).await.unwrap();

        // Wednesday 4 March, 09:00 UTC (10:00 in Copenhagen).
        env.set_date((2026, 3, 4, 9, 0, 0));
        let yesterday = cs::log_session(&env.app, &w.peer, course, planned("2026-03-03", "14:00")).await.unwrap();
        cs::log_session(&env.app, &w.peer, course, planned("2026-03-04", "15:00")).await.unwrap();
        cs::log_session(&env.app, &w.peer, course, planned("2026-03-05", "11:00")).await.unwrap();
        cs::log_session(&env.app, &w.peer, course, planned("2026-03-09", "11:00")).await.unwrap();

        let f = front(&env, &w.peer).await;
        let schedule = &f.queue(QueueKind::MySchedule).unwrap().items;
        assert_eq!(schedule.len(), 2, "{b}: today's and tomorrow's, not next week's");
        assert!(schedule.iter().all(|i| i.title == "Anna Andersen" && i.target == Target::Course(course)), "{b}");
        let to_log = &f.queue(QueueKind::MyToLog).unwrap().items;
        assert_eq!(to_log.len(), 1, "{b}: yesterday's session has ended and is still planned");
        // The coordinator's queues are not the peer's.
        assert!(f.queue(QueueKind::Referrals).is_none(), "{b}");

        // Logged as held, it leaves the queue.
        cs::set_session_status(&env.app, &w.peer, yesterday, SessionStatus::Held).await.unwrap();
        assert!(titles(&front(&env, &w.peer).await, QueueKind::MyToLog).is_empty(), "{b}");
        // Another peer's front page has none of it.
        let other = world(&env, "andenby").await;
        let f = front(&env, &other.peer).await;
        assert!(titles(&f, QueueKind::MySchedule).is_empty() && titles(&f, QueueKind::Caseload).is_empty(), "{b}");
        let _ = w.org;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_supervisor_sees_their_supervisees_due_and_sessions_to_record() {
    on_every_backend("front supervisor", |env| async move {
        let b = env.backend;
        env.set_date((2026, 3, 2, 9, 0, 0));
        let org = env.org("Tilsynsby Kommune", false).await;
        let coord = env.staff(org, "koordinator@tilsyn.test", Role::Coordinator).await;
        let coord = env.ctx(coord, org).await;
        let sup_id = env.staff(org, "supervisor@tilsyn.test", Role::Supervisor).await;
        let sup = env.ctx(sup_id, org).await;
        let role = RoleInput::parse(
            "Peer",
            "Formål",
            "Samtaler",
            "outpatient_clinic",
            &["individual_support".into()],
            "paid",
            "15",
            "permanent",
            "Lytte",
            &[],
        )
        .unwrap();
        let role = sammen_app::workforce::roles::save_role(&env.app, &coord, None, role).await.unwrap();
        let key = env.app.db.read(move |c| sammen_store::workforce::roles::role_version(c, role.id)).await.unwrap().unwrap().role_key;
        sv::set_requirement(&env.app, &coord, &key, SupervisionKind::Professional, 4).await.unwrap();
        let mut peers = Vec::new();
        for name in ["Peer Mette", "Peer Niels"] {
            let input = PeerWorkerInput::parse(name, None, None, "paid", "active", "da", &["phone".into()]).unwrap();
            let peer = app_people::save_peer(&env.app, &coord, None, input).await.unwrap().id;
            let mut e = EngagementInput::parse("employment", "Peer", "15", true, "permanent", "2026-01-01", None, None, None).unwrap();
            e.role_key = Some(key.clone());
            sammen_app::workforce::roles::add_engagement(&env.app, &coord, peer, e).await.unwrap();
            peers.push(peer);
        }
        // The supervisor supervises Mette only.
        sv::assign(&env.app, &coord, peers[0], SupervisionKind::Professional, Assign::Member(sup_id)).await.unwrap();
        let input = sammen_domain::workforce::supervision::SessionInput::parse(
            "professional",
            "individual",
            "2026-03-02",
            "12:00",
            "60",
            &sup_id.to_string(),
            &[peers[0].to_string()],
        )
        .unwrap();
        let session = sv::plan_session(&env.app, &coord, input).await.unwrap();

        // Before the session: nothing to record, Mette not due for four weeks.
        let f = front(&env, &sup).await;
        assert!(titles(&f, QueueKind::SessionsToRecord).is_empty(), "{b}");
        assert!(titles(&f, QueueKind::SuperviseesDue).is_empty(), "{b}");
        assert!(f.queue(QueueKind::Referrals).is_none(), "{b}: a supervisor has no intake queues");

        // The session has begun (12:30 in Copenhagen): it waits to be recorded; held without a note
        // it still waits.
        env.set_date((2026, 3, 2, 11, 30, 0));
        let f = front(&env, &sup).await;
        let items = &f.queue(QueueKind::SessionsToRecord).unwrap().items;
        assert_eq!(items.len(), 1, "{b}");
        assert_eq!(items[0].target, Target::SupervisionSession(session.clone()), "{b}");
        let attended = [peers[0].to_string()];
        sv::record_session(&env.app, &sup, &session, SessionRecord::parse("held", &attended, &[], None).unwrap()).await.unwrap();
        assert_eq!(front(&env, &sup).await.queue(QueueKind::SessionsToRecord).unwrap().items.len(), 1, "{b}: no note yet");
        let with_note = SessionRecord::parse("held", &attended, &[], Some("Talte om grænser")).unwrap();
        sv::record_session(&env.app, &sup, &session, with_note).await.unwrap();
        assert!(titles(&front(&env, &sup).await, QueueKind::SessionsToRecord).is_empty(), "{b}: recorded with a note");

        // Three and a half weeks on, Mette is due soon; five weeks on, overdue. Niels is not
        // this supervisor's, but the coordinator sees both overdue.
        env.set_date((2026, 3, 25, 9, 0, 0));
        assert_eq!(titles(&front(&env, &sup).await, QueueKind::SuperviseesDue), ["Peer Mette"], "{b}: due on 30 March");
        env.set_date((2026, 4, 6, 9, 0, 0));
        let f = front(&env, &sup).await;
        assert_eq!(titles(&f, QueueKind::SuperviseesDue), ["Peer Mette"], "{b}");
        assert!(matches!(f.queue(QueueKind::SuperviseesDue).unwrap().items[0].when, Some(fr::When::Overdue(_))), "{b}");
        let mut overdue = titles(&front(&env, &coord).await, QueueKind::SupervisionOverdue);
        overdue.sort();
        assert_eq!(overdue, ["Peer Mette", "Peer Niels"], "{b}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn managers_see_their_own_failed_messages_and_a_referrer_has_no_queues() {
    on_every_backend("front managers", |env| async move {
        let b = env.backend;
        env.set_date((2026, 3, 2, 9, 0, 0));
        let a = env.org("Afsenderby Kommune", false).await;
        let other = env.org("Modtagerby Kommune", false).await;
        let admin = env.staff(a, "admin@afsender.test", Role::Administrator).await;
        let admin = env.ctx(admin, a).await;
        let other_admin = env.staff(other, "admin@modtager.test", Role::Administrator).await;
        let other_admin = env.ctx(other_admin, other).await;
        let referrer = env.staff(a, "henviser@afsender.test", Role::Referrer).await;
        let referrer = env.ctx(referrer, a).await;
        let now = env.now().micros();
        let message = |id: &str, status: MessageStatus| OutboxRow {
            id: id.into(),
            organisation_id: Stored(a),
            kind: Stored(MessageKind::MeasurementReminder),
            recipient: "borger@example.test".into(),
            subject: "Påmindelse".into(),
            body: "Husk spørgeskemaet".into(),
            subject_type: None,
            subject_id: None,
            status: Stored(status),
            attempts: 3,
            last_error: Some("550".into()),
            created_at: now,
            sent_at: None,
        };
        let (failed, sent) = (message("m-failed", MessageStatus::Failed), message("m-sent", MessageStatus::Sent));
        env.app
            .db
            .write(move |tx| -> Result<(), sammen_store::StoreError> {
                sammen_store::measurement::queue_message(tx.conn(), &failed)?;
                sammen_store::measurement::queue_message(tx.conn(), &sent)
            })
            .await
            .unwrap();
        let f = front(&env, &admin).await;
        let q = f.queue(QueueKind::FailedMessages).unwrap();
        assert_eq!(q.items.len(), 1, "{b}: the failed one, not the sent one");
        assert_eq!((q.items[0].target.clone(), q.items[0].code), (Target::Outbox, Some(("msgkind", "measurement_reminder"))), "{b}");
        assert!(f.queue(QueueKind::FailedMessages).is_some() && f.queue(QueueKind::Referrals).is_some(), "{b}: both kinds of queues");
        assert_eq!(f.queues[0].kind, QueueKind::CertificatesExpiring, "{b}: an administrator's day starts with the workforce");
        assert!(front(&env, &other_admin).await.queue(QueueKind::FailedMessages).unwrap().items.is_empty(), "{b}");
        assert!(front(&env, &referrer).await.queues.is_empty(), "{b}: a referrer has no work queues");
    })
    .await;
}
