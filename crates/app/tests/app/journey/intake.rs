//! Referral and intake: partner referrals only under an agreement listing referral status, the
//! public self-referral form, the intake decision, the referrer's closed loop, and consent
//! whose withdrawal takes effect at once.

use sammen_app::journey::intake::{self as ik, ReferralPage};
use sammen_app::measurement as ms;
use sammen_app::people as app_people;
use sammen_app::{AppError, Ctx, directory};
use sammen_domain::audit::AuditOutcome;
use sammen_domain::directory::ProgrammeInput;
use sammen_domain::journey::courses::{ConsentMethod, CourseStatus, OfferState, ReferralStatus, ReferrerStatus};
use sammen_domain::journey::intake::{ConsentInput, Decision, ReferralInput, SelfConsents};
use sammen_domain::measurement::{InvitationStatus, PlanInput};
use sammen_domain::people::{PeerWorkerInput, Role};
use sammen_domain::{OrgId, ParticipantId, PeerWorkerId, ProgrammeId};
use sammen_store::Stored;
use sammen_store::audit::AuditFilter;
use sammen_store::rows::CourseRow;

use crate::harness::*;

fn person(name: &str) -> ReferralInput {
    ReferralInput::parse(name, Some("20304050"), None, Some("1988"), "da", "Ensom efter udskrivning", None, 2026).unwrap()
}

fn consent(purpose: &str) -> ConsentInput {
    let today = time::Date::from_calendar_date(2026, time::Month::March, 2).unwrap();
    ConsentInput::parse(purpose, "Samtykke givet i samtale", &["coordinators".into(), "peer".into()], "written", None, today).unwrap()
}

async fn programme(env: &Env, ctx: &Ctx, name: &str) -> ProgrammeId {
    let input = ProgrammeInput::parse(name, None, &["individual".into()], &["phone".into()], "", true).unwrap();
    directory::save_programme(&env.app, ctx, None, input).await.unwrap().id
}

async fn referral_row(env: &Env, id: sammen_domain::ReferralId) -> sammen_store::rows::ReferralRow {
    env.app.db.read(move |c| sammen_store::journey::courses::referral(c, id)).await.unwrap().unwrap()
}

async fn participant_of(env: &Env, id: sammen_domain::ReferralId) -> ParticipantId {
    referral_row(env, id).await.participant_id.unwrap().get()
}

async fn consents_of(env: &Env, p: ParticipantId) -> Vec<sammen_store::rows::ConsentRow> {
    env.app.db.read(move |c| sammen_store::journey::courses::consents_of(c, p)).await.unwrap()
}

async fn referrer_status(env: &Env, ctx: &Ctx, id: sammen_domain::ReferralId) -> ReferrerStatus {
    match ik::get_referral(&env.app, ctx, id).await.unwrap() {
        ReferralPage::Referrer(v) => v.status,
        ReferralPage::Manager(_) => panic!("the referrer sees only the derived status"),
    }
}

fn course(env: &Env, org: OrgId, participant: ParticipantId, peer: PeerWorkerId, status: &str) -> CourseRow {
    let now = env.now().micros();
    CourseRow {
        id: Stored(env.app.next_id()),
        organisation_id: org.into(),
        programme_id: None,
        participant_id: participant.into(),
        peer_id: peer.into(),
        status: Stored(CourseStatus::parse(status).unwrap()),
        offer: Stored(OfferState::Accepted),
        match_score: None,
        match_parts: None,
        approved_by: None,
        approved_at: None,
        responded_at: None,
        decline_reason: None,
        started_on: Some(Stored(time::macros::date!(2026 - 03 - 01))),
        ended_on: None,
        end_reason: None,
        handed_over_from: None,
        handover_note: None,
        created_at: now,
        updated_at: now,
    }
}

async fn insert_course(env: &Env, c: CourseRow) {
    env.app.db.write(move |tx| sammen_store::journey::courses::insert_course(tx.conn(), &c)).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn partner_referrals_need_an_agreement_listing_referral_status_and_the_referrer_sees_only_a_status() {
    on_every_backend("partner referral", |env| async move {
        let b = env.backend;
        let (a, other) = (env.org("Aarby Kommune", false).await, env.org("Bebro Forening", false).await);
        let coord = env.staff(a, "koordinator@a.test", Role::Coordinator).await;
        let coord = env.ctx(coord, a).await;
        let referrer = env.staff(other, "henviser@b.test", Role::Referrer).await;
        let referrer = env.ctx(referrer, other).await;

        // An agreement without referral status: the referral is refused, audited, stores nothing.
        directory::save_partnership(&env.app, &env.sys, None, partnership_input(a, other, &["participant_record"], None)).await.unwrap();
        let own: Vec<OrgId> = ik::referral_targets(&env.app, &referrer).await.unwrap().iter().map(|t| t.id).collect();
        assert_eq!(own, [other], "{b}: only their own organisation");
        let head = env.audit_head().await;
        let e = err(ik::refer(&env.app, &referrer, a, person("Anna Henvist"), ConsentMethod::Verbal).await);
        assert!(matches!(e, AppError::NotFound), "{b}: {e:?}");
        assert_eq!(env.participant_count(a).await, 0, "{b}: nothing stored");
        let denied = env.audit_records(AuditFilter::default()).await;
        assert!(
            denied.iter().any(|r| r.seq > head
                && r.event.outcome == AuditOutcome::Denied
                && r.event.subject_type == "referral"
                && r.event.actor == Some(referrer.actor.user.to_string())),
            "{b}: the denial is audited"
        );

        // With referral status listed: the person becomes a waiting participant of A.
        directory::save_partnership(&env.app, &env.sys, None, partnership_input(a, other, &["referral_status"], None)).await.unwrap();
        let targets = ik::referral_targets(&env.app, &referrer).await.unwrap();
        assert_eq!(targets.iter().map(|t| t.id).collect::<Vec<_>>(), [a, other], "{b}");
        let id = ik::refer(&env.app, &referrer, a, person("Anna Henvist"), ConsentMethod::Verbal).await.unwrap();
        let row = referral_row(&env, id).await;
        assert_eq!((row.source.code(), row.status.code()), ("partner", "received"), "{b}");
        assert_eq!(row.referrer_org_id, Some(other.into()), "{b}");
        let pid = participant_of(&env, id).await;
        let p = app_people::get_participant(&env.app, &coord, pid).await.unwrap();
        assert_eq!((p.status.code(), p.name.as_deref()), ("waiting", Some("Anna Henvist")), "{b}");
        let cs = consents_of(&env, pid).await;
        assert_eq!(cs.iter().map(|c| (c.purpose.code(), c.method.code())).collect::<Vec<_>>(), [("support", "verbal")], "{b}");

        // The referrer never reads the participant; they see one derived status.
        assert!(matches!(err(app_people::get_participant(&env.app, &referrer, pid).await), AppError::NotFound), "{b}");
        assert_eq!(referrer_status(&env, &referrer, id).await, ReferrerStatus::Received, "{b}");
        let inbox = ik::inbox(&env.app, &referrer).await.unwrap();
        assert!(inbox.received.is_none(), "{b}: a referrer has no inbox of received referrals");
        assert_eq!(inbox.mine.len(), 1, "{b}");
        let manager = ik::inbox(&env.app, &coord).await.unwrap().received.unwrap();
        assert_eq!(manager.len(), 1, "{b}");
        // Another organisation's coordinator sees nothing.
        let c_org = env.org("Cedervang", false).await;
        let stranger = env.staff(c_org, "k@c.test", Role::Coordinator).await;
        let stranger = env.ctx(stranger, c_org).await;
        assert!(matches!(err(ik::get_referral(&env.app, &stranger, id).await), AppError::NotFound), "{b}");

        // Accepted: on the programme's waiting list, wishes waiting since now.
        let prog = programme(&env, &coord, "Peerstøtte i Aarby").await;
        ik::decide(&env.app, &coord, id, Decision::Accept { programme: prog }).await.unwrap();
        let list = ik::waiting_list(&env.app, &coord, prog).await.unwrap();
        assert_eq!(list.rows.iter().map(|r| r.participant_id).collect::<Vec<_>>(), [pid], "{b}");
        assert!(list.rows[0].support_consent && !list.rows[0].wishes_stated && !list.rows[0].priority, "{b}");
        assert!(matches!(err(ik::waiting_list(&env.app, &referrer, prog).await), AppError::NotFound), "{b}");
        assert_eq!(referrer_status(&env, &referrer, id).await, ReferrerStatus::Waiting, "{b}");
        let again = err(ik::decide(&env.app, &coord, id, Decision::Decline { note: "x".into() }).await);
        assert_field_error(&again, "decision", "err-already-decided");

        // A course under way, then the participant withdraws what the referrer may see.
        let peer = PeerWorkerInput::parse("Per Peer", None, None, "volunteer", "active", "da", &["phone".into()]).unwrap();
        let peer = app_people::save_peer(&env.app, &coord, None, peer).await.unwrap();
        insert_course(&env, course(&env, a, pid, peer.id, "active")).await;
        assert_eq!(referrer_status(&env, &referrer, id).await, ReferrerStatus::InCourse, "{b}");
        assert!(ik::waiting_list(&env.app, &coord, prog).await.unwrap().rows.is_empty(), "{b}: in a course, off the list");
        let rs = ik::record_consent(&env.app, &coord, pid, consent("referrer_status")).await.unwrap();
        ik::withdraw_consent(&env.app, &coord, rs.id, Some("Ønsker ikke".into())).await.unwrap();
        assert_eq!(referrer_status(&env, &referrer, id).await, ReferrerStatus::Withdrawn, "{b}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn self_referral_stores_all_or_nothing_and_decline_deletes_the_person() {
    on_every_backend("self referral", |env| async move {
        let b = env.backend;
        let a = env.org("Aarby Kommune", false).await;
        let other = env.org("Bebro Kommune", false).await;
        let coord = env.staff(a, "koordinator@a.test", Role::Coordinator).await;
        let coord = env.ctx(coord, a).await;
        let other_coord = env.staff(other, "koordinator@b.test", Role::Coordinator).await;
        let other_coord = env.ctx(other_coord, other).await;
        let foreign = programme(&env, &other_coord, "Andet tilbud").await;
        let route = "POST /self-referral/{organisation}";

        let form = ik::self_referral_form(&env.app, a).await.unwrap();
        assert_eq!(form.organisation, "Aarby Kommune", "{b}");
        ik::self_refer(&env.app, a, person("Sofie Selv"), SelfConsents { measurement: true }, false, "192.0.2.1", route).await.unwrap();
        assert_eq!(env.participant_count(a).await, 1, "{b}");
        let inbox = ik::inbox(&env.app, &coord).await.unwrap().received.unwrap();
        assert_eq!(inbox.len(), 1, "{b}");
        assert_eq!(inbox[0].source.code(), "self", "{b}");
        let pid = inbox[0].participant_id.unwrap();
        let mut purposes: Vec<(String, String)> =
            consents_of(&env, pid).await.into_iter().map(|c| (c.purpose.code().to_owned(), c.method.code().to_owned())).collect();
        purposes.sort();
        assert_eq!(purposes, [("measurement".into(), "self_form".into()), ("support".into(), "self_form".into())], "{b}");

        // A programme of another organisation: a field error, nothing written.
        let bad = ReferralInput::parse("X", Some("20304050"), None, None, "", "Hjælp", Some(&foreign.to_string()), 2026).unwrap();
        let e = err(ik::self_refer(&env.app, a, bad, SelfConsents { measurement: false }, false, "192.0.2.2", route).await);
        assert_field_error(&e, "programme_id", "err-choice");
        assert_eq!(env.participant_count(a).await, 1, "{b}: nothing half-written");
        // The honeypot: answered like a success, nothing stored.
        ik::self_refer(&env.app, a, person("Robot"), SelfConsents { measurement: false }, true, "192.0.2.3", route).await.unwrap();
        assert_eq!(env.participant_count(a).await, 1, "{b}");
        // One address is throttled.
        for _ in 0..ik::SELF_REFERRALS_PER_WINDOW - 1 {
            ik::self_refer(&env.app, a, person("Gentaget"), SelfConsents { measurement: false }, true, "192.0.2.3", route).await.unwrap();
        }
        let e = err(ik::self_refer(&env.app, a, person("Gentaget"), SelfConsents { measurement: false }, false, "192.0.2.3", route).await);
        assert!(matches!(e, AppError::TooManyAttempts), "{b}: {e:?}");
        assert_eq!(env.participant_count(a).await, 1, "{b}");

        // Declined: the person's record is deleted; the referral keeps its status.
        let id = inbox[0].id;
        ik::decide(&env.app, &coord, id, Decision::Decline { note: "Uden for målgruppen".into() }).await.unwrap();
        assert_eq!(env.participant_count(a).await, 0, "{b}");
        let row = referral_row(&env, id).await;
        assert_eq!((row.status.code(), row.participant_id, row.reason), (ReferralStatus::Declined.code(), None, None), "{b}");

        // Internal intake by a coordinator; a peer worker may not.
        let id = ik::record_internal(&env.app, &coord, person("Ib Intern"), ConsentMethod::Written).await.unwrap();
        assert_eq!(referral_row(&env, id).await.source.code(), "internal", "{b}");
        let pw = env.staff(a, "peer@a.test", Role::PeerWorker).await;
        let pw = env.ctx(pw, a).await;
        assert!(matches!(err(ik::record_internal(&env.app, &pw, person("Nej"), ConsentMethod::Written).await), AppError::Forbidden));
        assert!(matches!(err(ik::decide(&env.app, &pw, id, Decision::Decline { note: "x".into() }).await), AppError::NotFound), "{b}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_withdrawn_consent_takes_effect_everywhere_at_once() {
    on_every_backend("consent withdrawal", |env| async move {
        let b = env.backend;
        let (a, other) = (env.org("Aarby Kommune", false).await, env.org("Bebro Kommune", false).await);
        let coord = env.staff(a, "koordinator@a.test", Role::Coordinator).await;
        let coord = env.ctx(coord, a).await;
        let peer_user = env.staff(a, "peer@a.test", Role::PeerWorker).await;
        let partner = env.staff(other, "koordinator@b.test", Role::Coordinator).await;
        let partner = env.ctx(partner, other).await;
        directory::save_partnership(&env.app, &env.sys, None, partnership_input(a, other, &["participant_record"], None)).await.unwrap();
        let peer = PeerWorkerInput::parse("Per Peer", Some("peer@a.test"), None, "paid", "active", "da", &["phone".into()]).unwrap();
        let peer = app_people::save_peer(&env.app, &coord, None, peer).await.unwrap();
        assert!(peer.user_id.is_some(), "{b}: linked to the account");
        let peer_ctx = env.ctx(peer_user, a).await;
        let prog = programme(&env, &coord, "Peerstøtte").await;
        let plan = PlanInput::parse("sammen-chime-checkin", true, None, false, None, None, None).unwrap();
        ms::create_plan(&env.app, &coord, prog, plan).await.unwrap();
        let p =
            app_people::create_participant(&env.app, &coord, participant_input("Dorte Deltager", Some(prog)), Some(peer.id)).await.unwrap();
        let invitations = |ctx: Ctx| {
            let app = env.app.clone();
            async move { ms::participant_measurements(&app, &ctx, p.id).await.unwrap().invitations }
        };
        assert_eq!(invitations(coord.clone()).await.len(), 1, "{b}: invited to the baseline");

        // The peer may read the consents; only managers record them.
        let support = ik::record_consent(&env.app, &coord, p.id, consent("support")).await.unwrap();
        let measurement = ik::record_consent(&env.app, &coord, p.id, consent("measurement")).await.unwrap();
        let sharing = ik::record_consent(&env.app, &coord, p.id, consent("partner_sharing")).await.unwrap();
        let seen = ik::list_consents(&env.app, &peer_ctx, p.id).await.unwrap();
        assert_eq!((seen.consents.len(), seen.can_manage), (3, false), "{b}");
        assert!(matches!(err(ik::record_consent(&env.app, &peer_ctx, p.id, consent("support")).await), AppError::NotFound), "{b}");
        assert!(matches!(err(ik::withdraw_consent(&env.app, &peer_ctx, support.id, None).await), AppError::NotFound), "{b}");

        // Measurement withdrawn: the open invitation stops at once, the scheduler sends no new one.
        let w = ik::withdraw_consent(&env.app, &coord, measurement.id, None).await.unwrap();
        assert_eq!(w.invitations_cancelled, 1, "{b}");
        let inv = invitations(coord.clone()).await;
        assert!(inv.iter().all(|i| i.status == InvitationStatus::Cancelled), "{b}: {:?}", inv.iter().map(|i| i.status).collect::<Vec<_>>());
        env.clock.advance_seconds(60 * 86_400);
        ms::run_schedule(&env.app).await.unwrap();
        assert!(invitations(coord.clone()).await.iter().all(|i| i.status == InvitationStatus::Cancelled), "{b}: no new invitation");
        let e = err(ik::withdraw_consent(&env.app, &coord, measurement.id, None).await);
        assert_field_error(&e, "note", "err-already-withdrawn");

        // Partner sharing withdrawn: the partner's coordinator no longer reads the participant.
        assert!(app_people::get_participant(&env.app, &partner, p.id).await.is_ok(), "{b}");
        ik::withdraw_consent(&env.app, &coord, sharing.id, None).await.unwrap();
        assert!(matches!(err(app_people::get_participant(&env.app, &partner, p.id).await), AppError::NotFound), "{b}");
        assert!(matches!(err(ms::participant_measurements(&env.app, &partner, p.id).await), AppError::NotFound), "{b}");
        assert!(matches!(err(sammen_app::journey::matching::wishes(&env.app, &partner, p.id).await), AppError::NotFound), "{b}");
        assert!(
            matches!(err(sammen_app::journey::courses::participant_courses(&env.app, &partner, p.id).await), AppError::NotFound),
            "{b}"
        );
        assert!(app_people::get_participant(&env.app, &coord, p.id).await.is_ok(), "{b}: the owner still reads");
        // Given again later: the partner reads again.
        let again = ik::record_consent(&env.app, &coord, p.id, consent("partner_sharing")).await.unwrap();
        assert!(app_people::get_participant(&env.app, &partner, p.id).await.is_ok(), "{b}");
        ik::withdraw_consent(&env.app, &coord, again.id, None).await.unwrap();

        // Support withdrawn: open courses end, the peer loses access, the participant is closed.
        insert_course(&env, course(&env, a, p.id, peer.id, "active")).await;
        assert!(app_people::get_participant(&env.app, &peer_ctx, p.id).await.is_ok(), "{b}: the assigned peer reads");
        let w = ik::withdraw_consent(&env.app, &coord, support.id, Some("Ønsker ikke mere støtte".into())).await.unwrap();
        assert_eq!((w.courses_ended, w.peer_removed, w.closed), (1, true, true), "{b}");
        assert!(matches!(err(app_people::get_participant(&env.app, &peer_ctx, p.id).await), AppError::NotFound), "{b}");
        let v = app_people::get_participant(&env.app, &coord, p.id).await.unwrap();
        assert_eq!((v.status.code(), v.assigned_peer_id), ("closed", None), "{b}");
        let pid = p.id;
        let courses = env.app.db.read(move |c| sammen_store::journey::courses::courses_of_participant(c, pid)).await.unwrap();
        assert_eq!(
            courses.iter().map(|c| (c.status.code(), c.end_reason.map(|r| r.code()))).collect::<Vec<_>>(),
            [("ended", Some("consent_withdrawn"))],
            "{b}"
        );
        let listed = ik::list_consents(&env.app, &coord, p.id).await.unwrap();
        let withdrawn = listed.consents.iter().find(|c| c.id == support.id).unwrap();
        assert!(withdrawn.withdrawn_at.is_some() && withdrawn.withdrawn_by.is_some(), "{b}");
        assert_eq!(withdrawn.withdrawal_note.as_deref(), Some("Ønsker ikke mere støtte"), "{b}");
        // Closed by the withdrawal, no closure questionnaire is sent either.
        env.clock.advance_seconds(86_400);
        ms::run_schedule(&env.app).await.unwrap();
        assert!(invitations(coord.clone()).await.iter().all(|i| i.status == InvitationStatus::Cancelled), "{b}");
    })
    .await;
}
