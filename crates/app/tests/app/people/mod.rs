//! People: who may see and change a participant, and how invalid staff and participant input
//! is refused.

mod import;

use std::collections::{BTreeMap, BTreeSet};

use sammen_app::people::{self as app_people, ParticipantSearch, ParticipantView};
use sammen_app::{AppError, AppResult, Ctx, directory};
use sammen_domain::audit::{AuditAction, AuditOutcome, AuditRecord};
use sammen_domain::directory::ProgrammeInput;
use sammen_domain::people::{Password, PeerWorkerInput, Role, StaffInput};
use sammen_domain::policy::ROLES_BY_REACH;
use sammen_domain::{ParticipantId, PartnershipId, ProgrammeId, UserId};
use sammen_store::audit::AuditFilter;

use crate::harness::*;

// ---------------------------------------------------------------- participants: authorisation and audit

/// Successful and refused reads per participant, as the scenario saw them.
#[derive(Default)]
pub struct Reads(pub BTreeMap<ParticipantId, (usize, usize)>);

impl Reads {
    async fn get(&mut self, env: &Env, ctx: &Ctx, id: ParticipantId) -> AppResult<ParticipantView> {
        let r = app_people::get_participant(&env.app, ctx, id).await;
        let e = self.0.entry(id).or_default();
        match &r {
            Ok(v) => {
                assert_eq!(v.id, id);
                e.0 += 1;
            }
            Err(AppError::NotFound) => e.1 += 1,
            Err(other) => panic!("unexpected error reading a participant: {other:?}"),
        }
        r
    }

    async fn denied(&mut self, env: &Env, ctx: &Ctx, id: ParticipantId, who: &str) {
        let e = err(self.get(env, ctx, id).await);
        assert!(matches!(e, AppError::NotFound), "{who}: {e:?}");
    }
}

/// The last audit record about `subject` by `actor`.
async fn last_record(env: &Env, actor: UserId, subject: &str) -> AuditRecord {
    let rs =
        env.audit_records(AuditFilter { actor: Some(actor.to_string()), subject: Some(subject.to_owned()), ..Default::default() }).await;
    rs.last().cloned().unwrap_or_else(|| panic!("no audit record by {actor} about {subject}"))
}

/// Two organisations, every role, one partnership: who may see and change a participant.
pub async fn participant_scenario(env: &Env) -> Reads {
    let mut reads = Reads::default();
    let a = env.org("Søby Kommune", false).await;
    let b = env.org("Havnstrup Kommune", false).await;
    let mut in_a = BTreeMap::new();
    for role in ROLES_BY_REACH {
        let user = env.staff(a, &format!("{}@soby.test", role.code().replace('_', "-")), *role).await;
        in_a.insert(*role, env.ctx(user, a).await);
    }
    let coord_a = in_a[&Role::Coordinator].clone();
    let admin_a = in_a[&Role::Administrator].clone();
    let coord_b_user = env.staff(b, "coordinator@havnstrup.test", Role::Coordinator).await;
    let coord_b = env.ctx(coord_b_user, b).await;

    // The coordinator of A creates a participant; A's managers see the full record.
    let p = app_people::create_participant(&env.app, &coord_a, participant_input("Mette Prøvesen", None), None).await.unwrap();
    assert!(p.pseudonym.starts_with("D-"));
    assert_eq!(p.organisation_id, a);
    let v = reads.get(env, &coord_a, p.id).await.unwrap();
    assert_eq!(v.name.as_deref(), Some("Mette Prøvesen"));
    assert_eq!(v.cpr.as_deref(), Some("010190-1234"));
    assert_eq!(last_record(env, coord_a.actor.user, &p.id.to_string()).await.event.purpose, "own_organisation:coordinator");
    reads.get(env, &admin_a, p.id).await.unwrap();

    // Organisation B's coordinator gets NotFound for everything; each try is audited; nothing changes.
    let head = env.audit_head().await;
    reads.denied(env, &coord_b, p.id, "coordinator of B").await;
    let changed = app_people::update_participant(&env.app, &coord_b, p.id, participant_input("Overskrevet", None), None).await;
    assert!(matches!(err(changed), AppError::NotFound));
    assert!(matches!(app_people::delete_participant(&env.app, &coord_b, p.id).await, Err(AppError::NotFound)));
    assert_eq!(env.audit_head().await, head + 3, "exactly one record per refused access");
    let denials = env
        .audit_records(AuditFilter { actor: Some(coord_b_user.to_string()), subject: Some(p.id.to_string()), ..Default::default() })
        .await;
    let seen: Vec<(AuditAction, AuditOutcome)> = denials.iter().map(|r| (r.event.action, r.event.outcome)).collect();
    assert_eq!(
        seen,
        [
            (AuditAction::Read, AuditOutcome::Denied),
            (AuditAction::Update, AuditOutcome::Denied),
            (AuditAction::Delete, AuditOutcome::Denied)
        ]
    );
    assert!(
        denials.iter().all(|r| r.event.subject_type == "participant" && r.event.organisation.as_deref() == Some(b.to_string().as_str()))
    );
    let after = reads.get(env, &coord_a, p.id).await.unwrap();
    assert_eq!(after.name.as_deref(), Some("Mette Prøvesen"));
    assert_eq!(after.updated_at, p.updated_at);
    assert_eq!(env.participant_count(a).await, 1);
    // B's coordinator searching in B finds nothing of A's.
    let (found, total) = app_people::search_participants(&env.app, &coord_b, ParticipantSearch::default(), ALL).await.unwrap();
    assert_eq!((found.len(), total), (0, 0));

    // Every other role of A is refused, the peer worker too while not assigned; so is the system administrator.
    for role in [Role::Supervisor, Role::PeerWorker, Role::Referrer, Role::Evaluator] {
        reads.denied(env, &in_a[&role], p.id, role.code()).await;
    }
    reads.denied(env, &env.sys, p.id, "system administrator").await;
    let sys_denial = last_record(env, env.sys_user, &p.id.to_string()).await;
    assert_eq!((sys_denial.event.action, sys_denial.event.outcome), (AuditAction::Read, AuditOutcome::Denied));

    // A peer-worker record with the peer-worker account's e-mail is linked to it.
    let peer_user = in_a[&Role::PeerWorker].actor.user;
    let peer_input =
        PeerWorkerInput::parse("Peer Sørensen", Some("Peer-Worker@soby.test"), None, "paid", "active", "da", &["phone".into()]).unwrap();
    let peer = app_people::save_peer(&env.app, &coord_a, None, peer_input).await.unwrap();
    assert_eq!(peer.user_id, Some(peer_user), "linked by e-mail");
    let other_input = PeerWorkerInput::parse("Anden Peer", Some("anden@peer.test"), None, "volunteer", "active", "da", &[]).unwrap();
    let other_peer = app_people::save_peer(&env.app, &coord_a, None, other_input).await.unwrap();
    assert_eq!(other_peer.user_id, None);
    let peer_ctx = env.ctx(peer_user, a).await; // reloaded: now with the linked record
    assert_eq!(peer_ctx.actor.peer_worker_ids, [peer.id]);
    reads.denied(env, &peer_ctx, p.id, "linked but unassigned peer worker").await;

    // Assigned, the peer worker reads the record, with the CPR number masked.
    let assigned =
        app_people::update_participant(&env.app, &coord_a, p.id, participant_input("Mette Prøvesen", None), Some(peer.id)).await.unwrap();
    assert_eq!(assigned.assigned_peer_id, Some(peer.id));
    let v = reads.get(env, &peer_ctx, p.id).await.unwrap();
    assert_eq!(v.cpr.as_deref(), Some("010190-XXXX"));
    assert_eq!(last_record(env, peer_user, &p.id.to_string()).await.event.purpose, "assigned_peer");
    for role in [Role::Supervisor, Role::Referrer, Role::Evaluator] {
        reads.denied(env, &in_a[&role], p.id, role.code()).await;
    }
    // The peer worker still cannot change or delete it.
    assert!(matches!(
        err(app_people::update_participant(&env.app, &peer_ctx, p.id, participant_input("X", None), None).await),
        AppError::NotFound
    ));
    assert!(matches!(app_people::delete_participant(&env.app, &peer_ctx, p.id).await, Err(AppError::NotFound)));

    // A peer worker's search finds only their own caseload.
    let q = app_people::create_participant(&env.app, &coord_a, participant_input("Uden Peer", None), None).await.unwrap();
    let r = app_people::create_participant(&env.app, &coord_a, participant_input("Anden Sag", None), Some(other_peer.id)).await.unwrap();
    let (found, total) = app_people::search_participants(&env.app, &peer_ctx, ParticipantSearch::default(), ALL).await.unwrap();
    assert_eq!(total, 1);
    assert_eq!(found.iter().map(|v| v.id).collect::<Vec<_>>(), [p.id]);
    let (found, total) = app_people::search_participants(&env.app, &coord_a, ParticipantSearch::default(), ALL).await.unwrap();
    assert_eq!(total, 3);
    assert_eq!(found.iter().map(|v| v.id).collect::<BTreeSet<_>>(), BTreeSet::from([p.id, q.id, r.id]));
    assert!(matches!(
        err(app_people::search_participants(&env.app, &in_a[&Role::Supervisor], ParticipantSearch::default(), ALL).await),
        AppError::Forbidden
    ));
    reads.denied(env, &peer_ctx, q.id, "peer worker, unassigned participant").await;
    reads.denied(env, &peer_ctx, r.id, "peer worker, another peer's participant").await;

    // A partnership that does not list participant records opens nothing.
    let referral_only = partnership_input(a, b, &["referral_status"], Some("2026-06-30"));
    let admin_b = env.staff(b, "admin@havnstrup.test", Role::Administrator).await;
    let admin_b_ctx = env.ctx(admin_b, b).await;
    let partnership = directory::save_partnership(&env.app, &admin_b_ctx, None, referral_only).await.unwrap();
    assert!(partnership.in_force);
    reads.denied(env, &coord_b, p.id, "coordinator of B, referral-only partnership").await;

    // Listing participant records, in force: B's coordinator reads (CPR masked) but cannot change.
    let with_records = partnership_input(a, b, &["referral_status", "participant_record"], Some("2026-06-30"));
    let pid: PartnershipId = directory::save_partnership(&env.app, &admin_a, Some(partnership.id), with_records).await.unwrap().id;
    assert_eq!(pid, partnership.id);
    let v = reads.get(env, &coord_b, p.id).await.unwrap();
    assert_eq!(v.cpr.as_deref(), Some("010190-XXXX"), "partners never see the full CPR number");
    assert_eq!(last_record(env, coord_b_user, &p.id.to_string()).await.event.purpose, format!("partnership:{pid}"));
    assert!(matches!(
        err(app_people::update_participant(&env.app, &coord_b, p.id, participant_input("Overskrevet", None), None).await),
        AppError::NotFound
    ));
    assert!(matches!(app_people::delete_participant(&env.app, &coord_b, p.id).await, Err(AppError::NotFound)));
    let refused_change = last_record(env, coord_b_user, &p.id.to_string()).await;
    assert_eq!((refused_change.event.action, refused_change.event.outcome), (AuditAction::Delete, AuditOutcome::Denied));
    // Partners' other roles get nothing from it.
    let peer_b = env.staff(b, "peer@havnstrup.test", Role::PeerWorker).await;
    reads.denied(env, &env.ctx(peer_b, b).await, p.id, "peer worker of B").await;

    // The agreement's last day still counts until Danish midnight (22:00 UTC in summer); from
    // then on reading is refused again, though the UTC date is still the last day.
    env.set_date((2026, 6, 30, 21, 59, 0));
    reads.get(env, &coord_b, p.id).await.unwrap();
    env.set_date((2026, 6, 30, 22, 0, 1));
    reads.denied(env, &coord_b, p.id, "coordinator of B after the agreement ended").await;
    reads.get(env, &coord_a, p.id).await.unwrap();
    assert_eq!(reads.get(env, &coord_a, p.id).await.unwrap().name.as_deref(), Some("Mette Prøvesen"), "nothing was overwritten");

    // Deletion is deletion: the owner deletes; afterwards even the owner gets NotFound.
    app_people::delete_participant(&env.app, &coord_a, r.id).await.unwrap();
    reads.denied(env, &coord_a, r.id, "owner, after deletion").await;
    assert_eq!(env.participant_count(a).await, 2);
    reads
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn participants_are_seen_only_by_those_with_a_basis_and_denials_are_audited() {
    on_every_backend("participants", |env| async move {
        let reads = participant_scenario(&env).await;
        assert!(reads.0.values().any(|(ok, denied)| *ok > 0 && *denied > 0));
    })
    .await;
}

// ---------------------------------------------------------------- validation

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_input_becomes_field_errors_and_stores_nothing() {
    on_every_backend("validation", |env| async move {
        let a = env.org("Søby Kommune", false).await;
        let b = env.org("Havnstrup Kommune", false).await;
        env.staff(a, "ulla@soby.test", Role::Coordinator).await;
        let admin_a = env.staff(a, "admin@soby.test", Role::Administrator).await;
        let admin_ctx = env.ctx(admin_a, a).await;

        // The same e-mail, in the same or another organisation, in any case: a field error, nothing made.
        let head = env.audit_head().await;
        let (count_a, count_b) = (env.staff_count(a).await, env.staff_count(b).await);
        for (ctx, org, email) in [(&admin_ctx, a, "ulla@soby.test"), (&env.sys, b, "ulla@soby.test"), (&admin_ctx, a, " ULLA@Soby.test")] {
            let input = StaffInput::parse(email, "Ulla Igen", "referrer").unwrap();
            let e = app_people::create_staff(&env.app, ctx, org, input, Some(Password::parse(PW).unwrap())).await.unwrap_err();
            match &e {
                AppError::Validation(v) => {
                    assert_eq!(v.fields.len(), 1, "{v}");
                    assert_eq!((v.fields[0].field.as_str(), v.fields[0].message), ("email", "err-unique-email"));
                }
                other => panic!("expected a field error, got {other:?}"),
            }
        }
        assert_eq!((env.staff_count(a).await, env.staff_count(b).await), (count_a, count_b), "no account or membership was made");
        assert_eq!(env.audit_head().await, head, "nothing happened, so nothing was recorded");
        // The old account is untouched: its password still works.
        env.session("ulla@soby.test").await;

        // A participant in a programme of another organisation: a field error, nothing stored.
        let coord_b_user = env.staff(b, "coord@havnstrup.test", Role::Coordinator).await;
        let coord_b = env.ctx(coord_b_user, b).await;
        let online = ProgrammeInput::parse("Peerstøtte online", None, &["individual".into()], &["online".into()], "", true).unwrap();
        let prog_b = directory::save_programme(&env.app, &coord_b, None, online.clone()).await.unwrap();
        assert_eq!(prog_b.organisation_id, b);
        let prog_a = directory::save_programme(&env.app, &admin_ctx, None, online).await.unwrap();
        let peer_b = app_people::save_peer(
            &env.app,
            &coord_b,
            None,
            PeerWorkerInput::parse("Peer B", None, None, "paid", "active", "da", &[]).unwrap(),
        )
        .await
        .unwrap();
        let before = (env.participant_count(a).await, env.participant_count(b).await);
        let head = env.audit_head().await;
        let e =
            err(app_people::create_participant(&env.app, &admin_ctx, participant_input("Forkert Program", Some(prog_b.id)), None).await);
        assert_field_error(&e, "programme_id", "err-choice");
        let unknown: ProgrammeId = env.app.new_id().parse().unwrap();
        let e = err(app_people::create_participant(&env.app, &admin_ctx, participant_input("Intet Program", Some(unknown)), None).await);
        assert_field_error(&e, "programme_id", "err-choice");
        // A peer worker of another organisation cannot be assigned either.
        let e = err(app_people::create_participant(&env.app, &admin_ctx, participant_input("Forkert Peer", None), Some(peer_b.id)).await);
        assert_field_error(&e, "assigned_peer_id", "err-choice");
        assert_eq!((env.participant_count(a).await, env.participant_count(b).await), before, "nothing stored");
        assert_eq!(env.audit_head().await, head, "nothing recorded for a refused form");
        // The organisation's own programme is accepted: the refusal was about the organisation.
        let ok = app_people::create_participant(&env.app, &admin_ctx, participant_input("Rigtigt Program", Some(prog_a.id)), None)
            .await
            .unwrap();
        assert_eq!(ok.programme_id, Some(prog_a.id));
        assert_eq!(env.participant_count(a).await, before.0 + 1);

        // A bad edit of an existing participant changes nothing either.
        let e = err(app_people::update_participant(&env.app, &admin_ctx, ok.id, participant_input("Omdøbt", Some(prog_b.id)), None).await);
        assert_field_error(&e, "programme_id", "err-choice");
        let unchanged = app_people::get_participant(&env.app, &admin_ctx, ok.id).await.unwrap();
        assert_eq!((unchanged.name.as_deref(), unchanged.programme_id), (Some("Rigtigt Program"), Some(prog_a.id)));
    })
    .await;
}
