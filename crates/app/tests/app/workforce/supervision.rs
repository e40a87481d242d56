//! Supervision and wellbeing: confidential professional notes, the
//! external supervisor, private check-ins, suppressed aggregates, overdue and reminders.

use sammen_app::people as app_people;
use sammen_app::workforce::supervision::{self as sv, Assign};
use sammen_app::workforce::wellbeing as wb;
use sammen_app::{AppError, Ctx};
use sammen_domain::audit::AuditOutcome;
use sammen_domain::people::{Email, PeerWorkerInput, Role};
use sammen_domain::workforce::roles::{EngagementInput, RoleInput};
use sammen_domain::workforce::supervision::{SessionInput, SessionRecord, SupervisionKind};
use sammen_domain::workforce::wellbeing::CheckInInput;
use sammen_domain::{PeerWorkerId, UserId};
use sammen_store::audit::AuditFilter;

use crate::harness::*;

struct World {
    coord: Ctx,
    sup: Ctx,
    sup_id: UserId,
    peers: Vec<(PeerWorkerId, Ctx)>,
    other_peer: Ctx,
}

/// An organisation with a coordinator, a supervisor, six peers with accounts (each in a role
/// that requires professional supervision every 4 weeks) and the supervisor assigned to the first.
async fn world(env: &Env, name: &str) -> World {
    env.set_date((2026, 3, 2, 9, 0, 0));
    let org = env.org(name, false).await;
    let slug = name.to_lowercase().replace(' ', "");
    let coord = env.staff(org, &format!("koordinator@{slug}.test"), Role::Coordinator).await;
    let coord = env.ctx(coord, org).await;
    let sup_id = env.staff(org, &format!("supervisor@{slug}.test"), Role::Supervisor).await;
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
    for i in 0..7 {
        let email = format!("peer{i}@{slug}.test");
        let user = env.staff(org, &email, Role::PeerWorker).await;
        let input = PeerWorkerInput::parse(&format!("Peer {i}"), Some(&email), None, "paid", "active", "da", &["phone".into()]).unwrap();
        let peer = app_people::save_peer(&env.app, &coord, None, input).await.unwrap().id;
        let mut e = EngagementInput::parse("employment", "Peer", "15", true, "permanent", "2026-01-01", None, None, None).unwrap();
        e.role_key = Some(key.clone());
        sammen_app::workforce::roles::add_engagement(&env.app, &coord, peer, e).await.unwrap();
        peers.push((peer, env.ctx(user, org).await));
    }
    let other_peer = peers.pop().unwrap().1;
    sv::assign(&env.app, &coord, peers[0].0, SupervisionKind::Professional, Assign::Member(sup_id)).await.unwrap();
    World { coord, sup, sup_id, peers, other_peer }
}

fn session(kind: &str, sup: UserId, peers: &[PeerWorkerId]) -> SessionInput {
    let ids: Vec<String> = peers.iter().map(|p| p.to_string()).collect();
    let format = if ids.len() > 1 { "group" } else { "individual" };
    SessionInput::parse(kind, format, "2026-03-02", "10:00", "60", &sup.to_string(), &ids).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn confidential_professional_notes_are_denied_to_managers() {
    on_every_backend("supervision notes", |env| async move {
        let b = env.backend;
        let w = world(&env, "Notatby Kommune").await;
        let (p0, p1) = (w.peers[0].0, w.peers[1].0);
        let id = sv::plan_session(&env.app, &w.coord, session("professional", w.sup_id, &[p0, p1])).await.unwrap();
        let rec =
            SessionRecord::parse("held", &[p0.to_string()], &["stress".into(), "boundaries".into()], Some("Fortroligt indhold")).unwrap();
        // A manager may not write the note; the supervisor may.
        assert!(matches!(sv::record_session(&env.app, &w.coord, &id, rec.clone()).await, Err(AppError::Forbidden)), "{b}");
        sv::record_session(&env.app, &w.sup, &id, rec).await.unwrap();
        let head = env.audit_head().await;
        let m = sv::session(&env.app, &w.coord, &id).await.unwrap();
        assert!(m.note.is_none() && m.note_withheld, "{b}: the manager sees no note");
        assert_eq!((m.summary.attended, m.summary.topics.len()), (1, 2), "{b}: but attendance and topics");
        let s = sv::session(&env.app, &w.sup, &id).await.unwrap();
        assert_eq!(s.note.as_deref(), Some("Fortroligt indhold"), "{b}");
        let attended = sv::session(&env.app, &w.peers[0].1, &id).await.unwrap();
        assert_eq!(attended.note.as_deref(), Some("Fortroligt indhold"), "{b}: the supervisee who attended");
        let absent = sv::session(&env.app, &w.peers[1].1, &id).await.unwrap();
        assert!(absent.note.is_none(), "{b}: invited, did not attend");
        assert!(matches!(sv::session(&env.app, &w.other_peer, &id).await, Err(AppError::NotFound)), "{b}");
        // Every read is audited, with whether the note was shown; the denial too.
        let records = env
            .audit_records(AuditFilter { organisation: None, actor: None, subject: Some(id.clone()), action: None, from: None, to: None })
            .await;
        let after: Vec<_> = records.iter().filter(|r| r.seq > head).collect();
        let coord_user = w.coord.actor.user.to_string();
        assert!(
            after.iter().any(|r| r.event.actor.as_deref() == Some(&coord_user) && r.event.purpose.ends_with("note_withheld")),
            "{b}: {after:?}"
        );
        assert!(after.iter().any(|r| r.event.outcome == AuditOutcome::Denied), "{b}");
        // The overview never carries notes; managerial notes are the managers'.
        let mid = sv::plan_session(&env.app, &w.coord, session("managerial", w.coord.actor.user, &[p0])).await.unwrap();
        let rec = SessionRecord::parse("held", &[p0.to_string()], &[], Some("Ledelsesnotat")).unwrap();
        sv::record_session(&env.app, &w.coord, &mid, rec).await.unwrap();
        assert_eq!(sv::session(&env.app, &w.coord, &mid).await.unwrap().note.as_deref(), Some("Ledelsesnotat"), "{b}");
        assert_eq!(sv::session(&env.app, &w.peers[0].1, &mid).await.unwrap().note.as_deref(), Some("Ledelsesnotat"), "{b}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_external_supervisor_sees_only_their_supervisees() {
    on_every_backend("external supervisor", |env| async move {
        let b = env.backend;
        let w = world(&env, "Eksternby Kommune").await;
        let email = Email::parse("ekstern@netvaerk.test").unwrap();
        let p = w.peers[2].0;
        let pw = sv::assign(&env.app, &w.coord, p, SupervisionKind::Professional, Assign::External { name: "Eva Ekstern".into(), email })
            .await
            .unwrap();
        assert!(pw.is_some(), "{b}: a new account gets a one-time password");
        let user = env.app.db.read(|c| sammen_store::access::user_by_email(c, "ekstern@netvaerk.test")).await.unwrap().unwrap();
        assert!(
            env.app
                .db
                .read({
                    let u = user.id;
                    move |c| sammen_store::access::memberships_of(c, *u)
                })
                .await
                .unwrap()
                .is_empty(),
            "{b}: no role"
        );
        let ext = ctx_of(&env.app, user.id.get(), None).await;
        let home = sv::home(&env.app, &ext).await.unwrap();
        assert!(home.overview.is_none(), "{b}");
        assert_eq!(home.supervisees.iter().map(|r| r.peer_id).collect::<Vec<_>>(), vec![p], "{b}");
        assert!(matches!(sv::compliance_of_org(&env.app, &ext).await, Err(AppError::Forbidden)), "{b}");
        assert!(matches!(wb::aggregates(&env.app, &ext).await, Err(AppError::Forbidden)), "{b}");
        assert!(app_people::get_peer(&env.app, &ext, p).await.is_err(), "{b}: not even the supervisee's record");
        let theirs = sv::plan_session(&env.app, &w.coord, session("professional", user.id.get(), &[p])).await.unwrap();
        let other = sv::plan_session(&env.app, &w.coord, session("professional", w.sup_id, &[w.peers[0].0])).await.unwrap();
        assert!(sv::session(&env.app, &ext, &theirs).await.unwrap().can_note, "{b}");
        assert!(matches!(sv::session(&env.app, &ext, &other).await, Err(AppError::NotFound)), "{b}");
        // An external supervisor gives professional supervision only.
        let e2 = Email::parse("ekstern@netvaerk.test").unwrap();
        let r = sv::assign(&env.app, &w.coord, p, SupervisionKind::Managerial, Assign::External { name: String::new(), email: e2 }).await;
        assert!(matches!(r, Err(AppError::Validation(_))), "{b}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wellbeing_is_private_unless_shared_and_aggregates_suppress_small_groups() {
    on_every_backend("wellbeing", |env| async move {
        let b = env.backend;
        let w = world(&env, "Trivselby Kommune").await;
        let a = |s: &str, shared| CheckInInput::parse(s, "6", "7", Some("Privat tekst"), shared).unwrap();
        let private = wb::answer(&env.app, &w.peers[0].1, a("5", false)).await.unwrap();
        let shared = wb::answer(&env.app, &w.peers[0].1, a("6", true)).await.unwrap();
        assert!(wb::check_in(&env.app, &w.peers[0].1, &private).await.is_ok(), "{b}: own");
        for (who, ctx) in [("coordinator", &w.coord), ("supervisor", &w.sup), ("another peer", &w.peers[1].1)] {
            assert!(matches!(wb::check_in(&env.app, ctx, &private).await, Err(AppError::NotFound)), "{b}: {who}");
        }
        assert!(wb::check_in(&env.app, &w.sup, &shared).await.is_ok(), "{b}: shared with the supervisor");
        assert!(matches!(wb::check_in(&env.app, &w.coord, &shared).await, Err(AppError::NotFound)), "{b}: never the manager");
        assert!(matches!(wb::check_in(&env.app, &w.peers[1].1, &shared).await, Err(AppError::NotFound)), "{b}");
        assert_eq!(wb::shared_with_me(&env.app, &w.sup).await.unwrap().len(), 1, "{b}");
        assert!(matches!(wb::set_shared(&env.app, &w.sup, &shared, false).await, Err(AppError::NotFound)), "{b}: only the peer unshares");
        wb::set_shared(&env.app, &w.peers[0].1, &shared, false).await.unwrap();
        assert!(matches!(wb::check_in(&env.app, &w.sup, &shared).await, Err(AppError::NotFound)), "{b}: unshared");
        assert!(wb::answer(&env.app, &w.coord, a("1", false)).await.is_err(), "{b}: a manager has no check-in");
        // Four people in March: suppressed. Then a fifth: shown.
        for (_, ctx) in &w.peers[1..4] {
            wb::answer(&env.app, ctx, a("4", false)).await.unwrap();
        }
        let agg = wb::aggregates(&env.app, &w.coord).await.unwrap();
        assert_eq!((agg.len(), agg[0].shown.is_none()), (1, true), "{b}: four people");
        wb::answer(&env.app, &w.peers[4].1, a("2", false)).await.unwrap();
        let agg = wb::aggregates(&env.app, &w.coord).await.unwrap();
        let shown = agg[0].shown.clone().unwrap();
        assert_eq!((shown.people, shown.check_ins), (5, 6), "{b}");
        assert!(matches!(wb::aggregates(&env.app, &w.sup).await, Err(AppError::Forbidden)), "{b}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overdue_follows_the_clock_and_reminders_go_once_per_period() {
    on_every_backend("supervision overdue", |env| async move {
        let b = env.backend;
        let w = world(&env, "Fristby Kommune").await;
        let p0 = w.peers[0].0;
        let id = sv::plan_session(&env.app, &w.coord, session("professional", w.sup_id, &[p0])).await.unwrap();
        sv::record_session(&env.app, &w.sup, &id, SessionRecord::parse("held", &[p0.to_string()], &[], None).unwrap()).await.unwrap();
        let counts = sv::compliance_of_org(&env.app, &w.coord).await.unwrap();
        let prof = counts.iter().find(|c| c.kind == SupervisionKind::Professional).unwrap();
        assert_eq!((prof.on_time, prof.overdue), (7, 0), "{b}: everyone within 4 weeks of starting");
        assert_eq!(sv::run_reminders(&env.app).await.unwrap(), 0, "{b}");
        // Five weeks later: everyone is overdue.
        env.set_date((2026, 4, 6, 9, 0, 0));
        let counts = sv::compliance_of_org(&env.app, &w.coord).await.unwrap();
        let prof = counts.iter().find(|c| c.kind == SupervisionKind::Professional).unwrap();
        assert_eq!((prof.on_time, prof.overdue), (0, 7), "{b}");
        let home = sv::home(&env.app, &w.coord).await.unwrap().overview.unwrap();
        let row = home.rows.iter().find(|r| r.peer_id == p0 && r.kind == SupervisionKind::Professional).unwrap();
        assert_eq!(row.compliance.unwrap().due.to_string(), "2026-03-30", "{b}: 4 weeks after the session");
        // Peer 0 and their supervisor get a reminder; the others (no supervisor) only themselves.
        let n = sv::run_reminders(&env.app).await.unwrap();
        assert_eq!(n, 8, "{b}");
        assert_eq!(sv::run_reminders(&env.app).await.unwrap(), 0, "{b}: once per overdue period");
        env.set_date((2026, 4, 7, 9, 0, 0));
        assert_eq!(sv::run_reminders(&env.app).await.unwrap(), 0, "{b}: still the same period");
    })
    .await;
}
