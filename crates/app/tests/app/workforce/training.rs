//! Onboarding and training: a cohort's completion issues a certificate that makes the peer
//! trained; refresh reminders go out once; untrained peers are refused wherever peers are
//! assigned; an onboarding copies its role's checklist; the peer reads their own record.

use sammen_app::journey::matching as mt;
use sammen_app::people as app_people;
use sammen_app::{AppError, Ctx, directory};
use sammen_app::{journey::courses as cs, workforce::onboarding as ob, workforce::roles as wf, workforce::training as tr};
use sammen_domain::audit::{AuditOutcome, AuditRecord};
use sammen_domain::directory::ProgrammeInput;
use sammen_domain::journey::courses::{PeerProfileInput, WishesInput};
use sammen_domain::journey::groups::{GroupInput, MeetingInput};
use sammen_domain::people::{ParticipantInput, PeerWorkerInput, Role};
use sammen_domain::workforce::roles::{EngagementInput, RequiredTraining, RoleInput};
use sammen_domain::workforce::training::{CertificateState, CohortInput, CourseInput, OnboardingItemKind, Outcome, TemplateItem};
use sammen_domain::{OrgId, PeerWorkerId, ProgrammeId, RoleId};
use sammen_store::audit::AuditFilter;

use crate::harness::*;

struct World {
    org: OrgId,
    programme: ProgrammeId,
    coord: Ctx,
    /// A role that requires the introduction course.
    role: RoleId,
    /// (the peer's own context, peer id): peer 0 holds the role, peer 1 holds none.
    peers: Vec<(Ctx, PeerWorkerId)>,
}

async fn world(env: &Env, slug: &str) -> World {
    let org = env.org(&format!("{slug} Kommune"), false).await;
    let coord = env.staff(org, &format!("koordinator@{slug}.test"), Role::Coordinator).await;
    let coord = env.ctx(coord, org).await;
    let programme = ProgrammeInput::parse("Peerstøtte", None, &["individual".into()], &["phone".into()], "", true).unwrap();
    let programme = directory::save_programme(&env.app, &coord, None, programme).await.unwrap().id;
    let role = RoleInput::parse(
        "Peer-medarbejder",
        "Støtte i recovery",
        "Samtaler",
        "outpatient_clinic",
        &["individual_support".into()],
        "volunteer",
        "4",
        "permanent",
        "",
        &["intro_course".into()],
    )
    .unwrap();
    let role = wf::save_role(&env.app, &coord, None, role).await.unwrap().id;
    let mut peers = Vec::new();
    for i in 0..2 {
        let email = format!("peer{i}@{slug}.test");
        let user = env.staff(org, &email, Role::PeerWorker).await;
        let input =
            PeerWorkerInput::parse(&format!("Peer {i}"), Some(&email), None, "volunteer", "active", "da", &["phone".into()]).unwrap();
        let peer = app_people::save_peer(&env.app, &coord, None, input).await.unwrap().id;
        let ctx = env.ctx(user, org).await;
        let profile =
            PeerProfileInput::parse(&["anxiety".into()], true, "colleagues", None, None, None, None, None, "2", "mon 9-12").unwrap();
        mt::save_profile(&env.app, &ctx, peer, profile).await.unwrap();
        if i == 0 {
            let mut e =
                EngagementInput::parse("volunteer_agreement", "Frivillig", "4", true, "permanent", "2026-01-01", None, None, None).unwrap();
            e.role_key = Some(role.to_string());
            wf::add_engagement(&env.app, &coord, peer, e).await.unwrap();
        }
        peers.push((ctx, peer));
    }
    World { org, programme, coord, role, peers }
}

async fn missing(env: &Env, peer: PeerWorkerId) -> Vec<RequiredTraining> {
    let today = env.now().date();
    env.app.db.read(move |c| tr::missing_training_of(c, &[peer], today)).await.unwrap().remove(&peer).unwrap_or_default()
}

/// An introduction course valid for `months`, a cohort of two meetings held before 2 March
/// 2026 with the peer present at both, and the peer completed.
async fn certify(env: &Env, w: &World, peer: PeerWorkerId, months: &str) -> (String, String, Option<String>) {
    let course =
        CourseInput::parse("intro_course", "Introduktionskursus", None, "Formål\nEgen historie", "12", Some(months), true, None).unwrap();
    let course = tr::save_course(&env.app, &w.coord, None, course).await.unwrap();
    let meetings = vec![
        MeetingInput::parse("2026-02-16", "17:00", "180", None, None).unwrap(),
        MeetingInput::parse("2026-02-23", "17:00", "180", None, None).unwrap(),
    ];
    let cohort = CohortInput::parse(Some("Aktivitetshuset"), Some("Lene"), Some("12"), None).unwrap();
    let cohort = tr::create_cohort(&env.app, &w.coord, &course.id, cohort, meetings).await.unwrap();
    tr::enrol(&env.app, &w.coord, &cohort, peer).await.unwrap();
    let ms: Vec<String> = tr::cohort(&env.app, &w.coord, &cohort).await.unwrap().meetings.into_iter().map(|m| m.id).collect();
    let present = ms.iter().map(|m| (m.clone(), peer.to_string())).collect();
    tr::record_attendance(&env.app, &w.coord, &cohort, ms, present).await.unwrap();
    let cert = tr::complete(&env.app, &w.coord, &cohort, peer, Outcome::Completed).await.unwrap();
    (course.id, cohort, cert)
}

async fn outbox(env: &Env, org: OrgId, kind: &str) -> Vec<sammen_store::rows::OutboxRow> {
    let (rows, _) = env.app.db.read(move |c| sammen_store::measurement::outbox_of(c, org, ALL)).await.unwrap();
    rows.into_iter().filter(|r| r.kind.code() == kind).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_completed_cohort_issues_a_certificate_that_makes_the_peer_trained_until_it_expires() {
    on_every_backend("training", |env| async move {
        let b = env.backend;
        env.set_date((2026, 3, 2, 9, 0, 0));
        let w = world(&env, "kursus").await;
        let (own, peer) = (w.peers[0].0.clone(), w.peers[0].1);
        assert_eq!(missing(&env, peer).await, [RequiredTraining::IntroCourse], "{b}: the role asks for the introduction course");
        assert!(missing(&env, w.peers[1].1).await.is_empty(), "{b}: no role in force, no requirement");

        // The catalogue: a course with a cohort of two meetings in Danish local time.
        let course =
            CourseInput::parse("intro_course", "Introduktionskursus", None, "Formål\nEgen historie", "12", Some("12"), true, None).unwrap();
        let course = tr::save_course(&env.app, &w.coord, None, course).await.unwrap();
        let meetings = vec![
            MeetingInput::parse("2026-03-03", "17:00", "180", None, None).unwrap(),
            MeetingInput::parse("2026-04-07", "17:00", "180", None, None).unwrap(),
        ];
        let cohort = CohortInput::parse(Some("Aktivitetshuset"), Some("Lene"), Some("1"), None).unwrap();
        let cohort = tr::create_cohort(&env.app, &w.coord, &course.id, cohort, meetings).await.unwrap();
        let d = tr::cohort(&env.app, &w.coord, &cohort).await.unwrap();
        assert_eq!(d.meetings[0].starts_at.rfc3339(), "2026-03-03T16:00:00Z", "{b}: winter time");
        assert_eq!(d.meetings[1].starts_at.rfc3339(), "2026-04-07T15:00:00Z", "{b}: summer time");
        assert_eq!(d.choices.len(), 2, "{b}");

        // Enrolment invites the peer by e-mail; enrolling again changes nothing; the cohort is full.
        let e1 = tr::enrol(&env.app, &w.coord, &cohort, peer).await.unwrap();
        assert_eq!(tr::enrol(&env.app, &w.coord, &cohort, peer).await.unwrap(), e1, "{b}");
        assert_field_error(&err(tr::enrol(&env.app, &w.coord, &cohort, w.peers[1].1).await), "peer_id", "err-cohort-full");
        let invitations = outbox(&env, w.org, "training_invitation").await;
        assert_eq!(invitations.len(), 1, "{b}");
        assert_eq!(invitations[0].recipient, "peer0@kursus.test", "{b}");
        assert!(invitations[0].body.contains("Introduktionskursus") && invitations[0].body.contains("2026-03-03 17:00"), "{b}");

        // Attendance per meeting, then completion: a certificate, valid for twelve months. The day
        // after the first meeting, the second is still to come and is left unrecorded; nobody can
        // be present at it yet, and the course cannot be completed before it is over.
        env.set_date((2026, 3, 4, 9, 0, 0));
        let ms: Vec<String> = d.meetings.iter().map(|m| m.id.clone()).collect();
        tr::record_attendance(&env.app, &w.coord, &cohort, ms.clone(), vec![(ms[0].clone(), peer.to_string())]).await.unwrap();
        let d = tr::cohort(&env.app, &w.coord, &cohort).await.unwrap();
        assert_eq!(d.enrolments[0].attendance, [Some(true), None], "{b}");
        let ahead = vec![(ms[0].clone(), peer.to_string()), (ms[1].clone(), peer.to_string())];
        let e = err(tr::record_attendance(&env.app, &w.coord, &cohort, ms.clone(), ahead.clone()).await);
        assert_field_error(&e, "present", "err-meeting-not-begun");
        let e = err(tr::complete(&env.app, &w.coord, &cohort, peer, Outcome::Completed).await);
        assert_field_error(&e, "outcome", "err-cohort-not-over");
        // The day after the last meeting: present at one of two is short of the course's rule.
        env.set_date((2026, 4, 8, 9, 0, 0));
        let e = err(tr::complete(&env.app, &w.coord, &cohort, peer, Outcome::Completed).await);
        assert_field_error(&e, "outcome", "err-attendance-rule");
        assert!(tr::record(&env.app, &own, peer).await.unwrap().certificates.is_empty(), "{b}: nothing issued by a refusal");
        tr::record_attendance(&env.app, &w.coord, &cohort, ms.clone(), ahead).await.unwrap();
        let cert = tr::complete(&env.app, &w.coord, &cohort, peer, Outcome::Completed).await.unwrap().unwrap();
        assert_eq!(tr::complete(&env.app, &w.coord, &cohort, peer, Outcome::Completed).await.unwrap(), Some(cert.clone()), "{b}: once");
        assert!(missing(&env, peer).await.is_empty(), "{b}: trained");

        // The peer reads their own record; they cannot enrol anyone; other organisations see nothing.
        let rec = tr::record(&env.app, &own, peer).await.unwrap();
        assert_eq!(rec.certificates.len(), 1, "{b}");
        let c = &rec.certificates[0];
        assert_eq!(
            (c.state, c.expires_on.map(sammen_domain::time::format_date)),
            (CertificateState::Valid, Some("2027-04-08".into())),
            "{b}"
        );
        assert!(rec.missing.is_empty() && rec.requirements.iter().all(|r| r.met) && !rec.can_manage, "{b}");
        assert_eq!((rec.enrolments[0].attended, rec.enrolments[0].meetings), (2, 2), "{b}");
        assert!(matches!(tr::record(&env.app, &own, w.peers[1].1).await, Err(AppError::NotFound)), "{b}: not another peer's");
        assert!(matches!(tr::enrol(&env.app, &own, &cohort, peer).await, Err(AppError::NotFound)), "{b}");
        assert!(matches!(tr::cohort(&env.app, &own, &cohort).await, Err(AppError::NotFound)), "{b}");
        let other = env.org("Andenby Kommune", false).await;
        let stranger = env.staff(other, "koordinator@andenby.test", Role::Coordinator).await;
        let stranger = env.ctx(stranger, other).await;
        assert!(matches!(tr::record(&env.app, &stranger, peer).await, Err(AppError::NotFound)), "{b}");
        assert!(matches!(tr::complete(&env.app, &stranger, &cohort, peer, Outcome::NotCompleted).await, Err(AppError::NotFound)), "{b}");
        assert!(matches!(tr::course(&env.app, &stranger, &course.id).await, Err(AppError::NotFound)), "{b}");
        assert!(tr::catalogue(&env.app, &stranger).await.unwrap().courses.is_empty(), "{b}");
        let records = env.audit_records(AuditFilter::default()).await;
        for p in [peer, w.peers[1].1] {
            let denied = |r: &&AuditRecord| r.event.outcome == AuditOutcome::Denied && r.event.subject_id == Some(p.to_string());
            assert!(records.iter().filter(denied).count() >= 1, "{b}: denials are audited with the peer as the subject");
        }

        // Refresh reminders: 60 days before expiry, once.
        env.set_date((2027, 2, 6, 6, 0, 0));
        assert_eq!(tr::run_reminders(&env.app).await.unwrap(), 0, "{b}: 61 days before");
        env.set_date((2027, 2, 7, 6, 0, 0));
        assert_eq!(tr::record(&env.app, &own, peer).await.unwrap().certificates[0].state, CertificateState::Expiring, "{b}");
        assert_eq!(tr::run_reminders(&env.app).await.unwrap(), 1, "{b}: 60 days before");
        assert_eq!(tr::run_reminders(&env.app).await.unwrap(), 0, "{b}: idempotent");
        env.set_date((2027, 3, 8, 6, 0, 0));
        assert_eq!(tr::run_reminders(&env.app).await.unwrap(), 0, "{b}: once per certificate");
        let reminders = outbox(&env, w.org, "certificate_reminder").await;
        assert_eq!(reminders.len(), 1, "{b}");
        assert!(reminders[0].body.contains("2027-04-08"), "{b}");
        // Expired: no longer trained.
        env.set_date((2027, 4, 8, 6, 0, 0));
        assert_eq!(missing(&env, peer).await, [RequiredTraining::IntroCourse], "{b}");
        assert_eq!(tr::record(&env.app, &own, peer).await.unwrap().certificates[0].state, CertificateState::Expired, "{b}");
        // Not completed withdraws the certificate that the enrolment issued.
        env.set_date((2026, 6, 1, 6, 0, 0));
        assert!(tr::complete(&env.app, &w.coord, &cohort, peer, Outcome::NotCompleted).await.unwrap().is_none(), "{b}");
        assert_eq!(missing(&env, peer).await, [RequiredTraining::IntroCourse], "{b}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_untrained_peer_is_not_matched_assigned_handed_a_course_or_made_a_facilitator() {
    on_every_backend("trained", |env| async move {
        let b = env.backend;
        env.set_date((2026, 3, 2, 9, 0, 0));
        let w = world(&env, "regel").await;
        let (untrained, trained) = (w.peers[0].1, w.peers[1].1);
        let input = |name: &str| {
            ParticipantInput::parse(Some(name), None, None, None, None, None, Some(&w.programme.to_string()), "waiting", "da", 2026)
                .unwrap()
        };
        let anna = app_people::create_participant(&env.app, &w.coord, input("Anna"), None).await.unwrap().id;
        let wishes = WishesInput::parse(&["anxiety".into()], &["phone".into()], &[], None, None, None, None, "mon 9-11", None).unwrap();
        mt::save_wishes(&env.app, &w.coord, anna, wishes, Vec::new()).await.unwrap();
        let consent = sammen_domain::journey::intake::ConsentInput::parse(
            "support",
            "Peerstøtte",
            &["peer".into(), "coordinators".into()],
            "written",
            None,
            env.now().date(),
        )
        .unwrap();
        sammen_app::journey::intake::record_consent(&env.app, &w.coord, anna, consent).await.unwrap();

        // Matching: only the trained peer is a candidate; the proposal says who is not trained.
        let p = mt::propose(&env.app, &w.coord, w.programme).await.unwrap();
        let row = p.rows.iter().find(|r| r.participant == anna).unwrap();
        assert_eq!(row.candidates.iter().map(|c| c.peer).collect::<Vec<_>>(), [trained], "{b}");
        assert_eq!(p.untrained, [(untrained, vec![RequiredTraining::IntroCourse])], "{b}");
        // Approval checks again.
        let e = err(mt::approve(&env.app, &w.coord, w.programme, vec![(anna, untrained)]).await);
        assert_field_error(&e, "pairs", "err-peer-not-trained-intro");
        // Direct assignment on the participant form.
        let e = err(app_people::create_participant(&env.app, &w.coord, input("Bo"), Some(untrained)).await);
        assert_field_error(&e, "assigned_peer_id", "err-peer-not-trained-intro");
        // A group's facilitators.
        let g = GroupInput::parse("course", "Recovery-gruppe", None, None, "in_person", None, Some("10"), "running").unwrap();
        let g = sammen_app::journey::groups::save_group(&env.app, &w.coord, None, g).await.unwrap().id;
        let e = err(sammen_app::journey::groups::set_facilitators(&env.app, &w.coord, g, vec![untrained.to_string()]).await);
        assert_field_error(&e, "facilitators", "err-peer-not-trained-intro");
        sammen_app::journey::groups::set_facilitators(&env.app, &w.coord, g, vec![trained.to_string()]).await.unwrap();
        // A handover to a new peer.
        let course = mt::approve(&env.app, &w.coord, w.programme, vec![(anna, trained)]).await.unwrap()[0];
        cs::answer_offer(&env.app, &w.peers[1].0, course, true, None).await.unwrap();
        let e = err(cs::handover(&env.app, &w.coord, course, untrained, None, None).await);
        assert_field_error(&e, "peer", "err-peer-not-trained-intro");

        // Trained now: every door opens.
        certify(&env, &w, untrained, "24").await;
        assert!(mt::propose(&env.app, &w.coord, w.programme).await.unwrap().untrained.is_empty(), "{b}");
        cs::handover(&env.app, &w.coord, course, untrained, None, None).await.unwrap();
        sammen_app::journey::groups::set_facilitators(&env.app, &w.coord, g, vec![trained.to_string(), untrained.to_string()])
            .await
            .unwrap();
        app_people::create_participant(&env.app, &w.coord, input("Bo"), Some(untrained)).await.unwrap();
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_onboarding_copies_the_roles_checklist_with_owners_and_the_peer_reads_it() {
    on_every_backend("onboarding", |env| async move {
        let b = env.backend;
        env.set_date((2026, 3, 2, 9, 0, 0));
        let w = world(&env, "start").await;
        let (own, peer) = (w.peers[0].0.clone(), w.peers[0].1);
        let sup = env.staff(w.org, "supervisor@start.test", Role::Supervisor).await;

        // The standard checklist until a manager changes it.
        let t = ob::template(&env.app, &own, w.role).await.unwrap();
        assert!(t.standard && !t.can_edit && t.items.len() == 4, "{b}");
        let items = vec![
            TemplateItem { kind: OnboardingItemKind::Introduction, title: None, owner_role: Role::Coordinator, due_days: 14 },
            TemplateItem { kind: OnboardingItemKind::SupervisorAssigned, title: None, owner_role: Role::Supervisor, due_days: 7 },
            TemplateItem {
                kind: OnboardingItemKind::Own,
                title: Some("Nøgle udleveret".into()),
                owner_role: Role::Administrator,
                due_days: 1,
            },
        ];
        assert!(matches!(ob::save_template(&env.app, &own, w.role, items.clone()).await, Err(AppError::NotFound)), "{b}");
        ob::save_template(&env.app, &w.coord, w.role, items).await.unwrap();
        assert!(!ob::template(&env.app, &w.coord, w.role).await.unwrap().standard, "{b}");

        // Started from the peer's page with the role of their engagement in force.
        let page = ob::onboarding(&env.app, &w.coord, peer).await.unwrap();
        assert_eq!(page.default_role, Some(w.role.to_string()), "{b}");
        let id = ob::start(&env.app, &w.coord, peer, &w.role.to_string()).await.unwrap();
        assert_eq!(ob::start(&env.app, &w.coord, peer, &w.role.to_string()).await.unwrap(), id, "{b}: one in progress at a time");
        let page = ob::onboarding(&env.app, &own, peer).await.unwrap();
        assert!(!page.can_manage, "{b}: the peer reads it only");
        let o = &page.onboardings[0];
        assert_eq!((o.done, o.total, o.overdue), (0, 3, 0), "{b}");
        assert_eq!(o.items[1].owner, Some(sup), "{b}: the supervisor owns supervision");
        assert_eq!(o.items[0].owner, Some(w.coord.actor.user), "{b}: the coordinator who started it owns the coordinator's items");
        assert_eq!(o.items[2].owner, None, "{b}: no administrator in the organisation");
        assert_eq!(sammen_domain::time::format_date(o.items[2].due_on), "2026-03-03", "{b}");
        assert!(matches!(ob::set_item(&env.app, &own, peer, &o.items[0].id, true, None).await, Err(AppError::NotFound)), "{b}");

        // Overdue after the due date; the overview lists it until every item is done.
        env.set_date((2026, 3, 5, 9, 0, 0));
        let list = ob::in_progress(&env.app, &w.coord).await.unwrap();
        assert_eq!((list.len(), list[0].onboarding.overdue), (1, 1), "{b}");
        assert!(matches!(ob::in_progress(&env.app, &own).await, Err(AppError::Forbidden)), "{b}");
        let ids: Vec<String> = o.items.iter().map(|i| i.id.clone()).collect();
        ob::set_item(&env.app, &w.coord, peer, &ids[2], true, Some(w.coord.actor.user.to_string())).await.unwrap();
        ob::set_item(&env.app, &w.coord, peer, &ids[0], true, None).await.unwrap();
        let o = ob::onboarding(&env.app, &own, peer).await.unwrap().onboardings.remove(0);
        assert_eq!((o.done, o.total, o.overdue, o.completed_at.is_some()), (2, 3, 0, false), "{b}");
        assert_eq!(o.items[2].owner, Some(w.coord.actor.user), "{b}");
        ob::set_item(&env.app, &w.coord, peer, &ids[1], true, None).await.unwrap();
        let o = ob::onboarding(&env.app, &own, peer).await.unwrap().onboardings.remove(0);
        assert!(o.completed_at.is_some(), "{b}: complete");
        assert!(ob::in_progress(&env.app, &w.coord).await.unwrap().is_empty(), "{b}");

        // Other organisations see nothing; every access is audited with the peer as the subject.
        let other = env.org("Andenby Kommune", false).await;
        let stranger = env.staff(other, "koordinator@andenby.test", Role::Coordinator).await;
        let stranger = env.ctx(stranger, other).await;
        assert!(matches!(ob::onboarding(&env.app, &stranger, peer).await, Err(AppError::NotFound)), "{b}");
        assert!(matches!(ob::start(&env.app, &stranger, peer, &w.role.to_string()).await, Err(AppError::NotFound)), "{b}");
        let records = env.audit_records(AuditFilter::default()).await;
        let about = |outcome: AuditOutcome| {
            records.iter().filter(|r| r.event.outcome == outcome && r.event.subject_id == Some(peer.to_string())).count()
        };
        assert!(about(AuditOutcome::Ok) >= 6 && about(AuditOutcome::Denied) >= 3, "{b}");
    })
    .await;
}
