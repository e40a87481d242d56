//! Role descriptions: versions that never change once written, and who may write them.

use sammen_app::AppError;
use sammen_app::people as app_people;
use sammen_app::workforce::roles as wf;
use sammen_domain::people::{PeerWorkerInput, Role};
use sammen_domain::workforce::roles::RoleInput;

use crate::harness::*;

fn input(title: &str, hours: &str) -> RoleInput {
    RoleInput::parse(
        title,
        "Støtte i recovery",
        "Samtaler\nFølge med til møder",
        "job_centre",
        &["bridge_building".into()],
        "paid",
        hours,
        "temporary",
        "Lytte",
        &["intro_course".into()],
    )
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_role_keeps_every_version_and_only_managers_write() {
    on_every_backend("roles", |env| async move {
        let b = env.backend;
        let org = env.org("Rolleby Kommune", false).await;
        let coord = env.staff(org, "koordinator@rolleby.test", Role::Coordinator).await;
        let coord = env.ctx(coord, org).await;
        let first = wf::save_role(&env.app, &coord, None, input("Brobygger", "10")).await.unwrap();
        let second = wf::save_role(&env.app, &coord, Some(first.id), input("Brobygger, jobcenter", "15")).await.unwrap();
        assert_eq!((first.version, second.version), (1, 2), "{b}");
        // The list shows the current version; the old one is kept as it was.
        let list = wf::list_roles(&env.app, &coord).await.unwrap();
        assert_eq!(list.iter().map(|r| (r.input.title.as_str(), r.version)).collect::<Vec<_>>(), [("Brobygger, jobcenter", 2)], "{b}");
        let (old, history) = wf::role(&env.app, &coord, first.id).await.unwrap();
        assert_eq!((old.input.hours_per_week, old.current), (10.0, false), "{b}");
        assert_eq!(history.iter().map(|h| h.version).collect::<Vec<_>>(), [2, 1], "{b}");
        // A new version of an old version continues the same role.
        let third = wf::save_role(&env.app, &coord, Some(first.id), input("Brobygger", "20")).await.unwrap();
        assert_eq!(third.version, 3, "{b}");
        // Every member reads; only managers write; other organisations see nothing.
        let peer = env.staff(org, "peer@rolleby.test", Role::PeerWorker).await;
        let peer = env.ctx(peer, org).await;
        assert!(wf::role(&env.app, &peer, third.id).await.is_ok(), "{b}");
        assert!(matches!(wf::save_role(&env.app, &peer, Some(third.id), input("X", "5")).await, Err(AppError::NotFound)), "{b}");
        assert!(matches!(wf::role_for_edit(&env.app, &peer, third.id).await, Err(AppError::NotFound)), "{b}");
        let other = env.org("Andenby Kommune", false).await;
        let stranger = env.staff(other, "koordinator@andenby.test", Role::Coordinator).await;
        let stranger = env.ctx(stranger, other).await;
        assert!(matches!(wf::role(&env.app, &stranger, third.id).await, Err(AppError::NotFound)), "{b}");
        assert_eq!(wf::list_roles(&env.app, &coord).await.unwrap().len(), 1, "{b}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn engagements_are_recorded_by_managers_and_read_by_the_peer_themselves() {
    use sammen_domain::workforce::roles::EngagementInput;
    on_every_backend("engagements", |env| async move {
        let b = env.backend;
        env.set_date((2026, 3, 2, 9, 0, 0));
        let org = env.org("Aftaleby Kommune", false).await;
        let coord = env.staff(org, "koordinator@aftaleby.test", Role::Coordinator).await;
        let coord = env.ctx(coord, org).await;
        let user = env.staff(org, "peer@aftaleby.test", Role::PeerWorker).await;
        let input =
            PeerWorkerInput::parse("Pia", Some("peer@aftaleby.test"), None, "volunteer", "active", "da", &["phone".into()]).unwrap();
        let peer = app_people::save_peer(&env.app, &coord, None, input).await.unwrap().id;
        let own = env.ctx(user, org).await;
        let sup = env.staff(org, "supervisor@aftaleby.test", Role::Supervisor).await;
        let sup = env.ctx(sup, org).await;
        let e = |term: &str, end: Option<&str>| {
            EngagementInput::parse("employment", "Peer-medarbejder", "15", true, term, "2026-01-01", end, Some("2025-12-15"), None).unwrap()
        };
        wf::add_engagement(&env.app, &coord, peer, e("temporary", Some("2026-02-28"))).await.unwrap();
        wf::add_engagement(&env.app, &coord, peer, e("permanent", None)).await.unwrap();
        // The peer reads their own, cannot record; a supervisor sees nothing.
        let page = wf::engagements(&env.app, &own, peer).await.unwrap();
        let (list, can) = (page.list, page.can_edit);
        assert_eq!((list.len(), can), (2, false), "{b}");
        assert_eq!(list.iter().filter(|v| v.in_force).count(), 1, "{b}: the temporary one has ended");
        assert!(matches!(wf::add_engagement(&env.app, &own, peer, e("permanent", None)).await, Err(AppError::NotFound)), "{b}");
        assert!(matches!(wf::engagements(&env.app, &sup, peer).await, Err(AppError::NotFound)), "{b}");
        let other = env.org("Andetsted Kommune", false).await;
        let stranger = env.staff(other, "koordinator@andetsted.test", Role::Coordinator).await;
        let stranger = env.ctx(stranger, other).await;
        assert!(matches!(wf::engagements(&env.app, &stranger, peer).await, Err(AppError::NotFound)), "{b}");
        assert_eq!(wf::engagements(&env.app, &coord, peer).await.unwrap().list.len(), 2, "{b}: nothing more was stored");
        // An engagement may name one of the organisation's roles, never another's.
        let role_input = |title: &str| {
            RoleInput::parse(
                title,
                "Formål",
                "Samtaler",
                "outpatient_clinic",
                &["individual_support".into()],
                "paid",
                "15",
                "permanent",
                "Lytte",
                &["intro_course".into()],
            )
            .unwrap()
        };
        let theirs = wf::save_role(&env.app, &stranger, None, role_input("Deres rolle")).await.unwrap();
        let mut foreign = e("permanent", None);
        foreign.role_key = Some(theirs.id.to_string());
        match wf::add_engagement(&env.app, &coord, peer, foreign).await {
            Err(AppError::Validation(v)) => assert!(v.to_string().contains("err-unknown-role"), "{b}: {v}"),
            other => panic!("{b}: {other:?}"),
        }
        let ours = wf::save_role(&env.app, &coord, None, role_input("Peer-medarbejder")).await.unwrap();
        let mut with_role = e("permanent", None);
        with_role.role_key = Some(ours.id.to_string());
        wf::add_engagement(&env.app, &coord, peer, with_role).await.unwrap();
        let page = wf::engagements(&env.app, &coord, peer).await.unwrap();
        assert_eq!(page.list.len(), 3, "{b}");
        assert_eq!(page.roles, vec![(ours.id.to_string(), "Peer-medarbejder".to_owned())], "{b}");
        let keys = env
            .app
            .db
            .read(move |c| sammen_store::workforce::roles::roles_in_force(c, peer, time::macros::date!(2026 - 03 - 02)))
            .await
            .unwrap();
        assert_eq!(keys, vec![ours.id.to_string()], "{b}: the role follows the peer");
    })
    .await;
}

#[tokio::test]
async fn the_workforce_overview_counts_the_own_organisation_for_its_managers_only() {
    use sammen_app::workforce::overview as wo;
    use sammen_domain::workforce::roles::EngagementInput;
    on_every_backend("workforce overview", |env| async move {
        let b = env.backend;
        env.set_date((2026, 11, 22, 9, 0, 0));
        let org = env.org("Tælleby Kommune", false).await;
        let coord = env.staff(org, "koordinator@taelleby.test", Role::Coordinator).await;
        let coord = env.ctx(coord, org).await;
        let peer_user = env.staff(org, "peer@taelleby.test", Role::PeerWorker).await;
        let peer_ctx = env.ctx(peer_user, org).await;
        let other = env.org("Andetsted Kommune", false).await;
        let stranger = env.staff(other, "koordinator@andetsted.test", Role::Coordinator).await;
        let stranger = env.ctx(stranger, other).await;
        let role = wf::save_role(
            &env.app,
            &coord,
            None,
            RoleInput::parse(
                "Peer-medarbejder",
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
            .unwrap(),
        )
        .await
        .unwrap();
        let peer = |name: &str| PeerWorkerInput::parse(name, None, None, "volunteer", "active", "da", &["phone".into()]).unwrap();
        let e = |kind: &str, hours: &str, start: &str, end: Option<&str>| {
            EngagementInput::parse(kind, "Peer", hours, true, if end.is_some() { "temporary" } else { "permanent" }, start, end, None, None)
                .unwrap()
        };
        let anna = app_people::save_peer(&env.app, &coord, None, peer("Anna")).await.unwrap().id;
        let mut paid = e("employment", "15", "2026-04-01", None);
        paid.role_key = Some(role.id.to_string());
        wf::add_engagement(&env.app, &coord, anna, paid).await.unwrap();
        wf::add_engagement(&env.app, &coord, anna, e("volunteer_agreement", "4", "2024-01-01", None)).await.unwrap();
        let carl = app_people::save_peer(&env.app, &coord, None, peer("Carl")).await.unwrap().id;
        wf::add_engagement(&env.app, &coord, carl, e("volunteer_agreement", "2", "2023-01-01", Some("2026-06-30"))).await.unwrap();
        // Another organisation's peer counts only there.
        let theirs = app_people::save_peer(&env.app, &stranger, None, peer("Dorte")).await.unwrap().id;
        wf::add_engagement(&env.app, &stranger, theirs, e("employment", "37", "2026-01-01", None)).await.unwrap();

        let o = wo::overview(&env.app, &coord, false).await.unwrap();
        let f = &o.figures;
        assert_eq!(f.head_count, 1, "{b}");
        assert_eq!((f.by_kind[0].1.people, f.by_kind[0].1.hours_per_week), (1, 4.0), "{b}");
        assert_eq!((f.by_kind[1].1.people, f.by_kind[1].1.hours_per_week), (1, 15.0), "{b}");
        assert_eq!((f.turnover.at_start, f.turnover.leavers, f.turnover.starters), (2, 1, 0), "{b}");
        assert_eq!(o.role_title(&role.id.to_string()), "Peer-medarbejder", "{b}");
        let csv = String::from_utf8(wo::csv(&o, sammen_reports::NumberStyle::English).unwrap()).unwrap();
        assert!(csv.starts_with("\u{feff}measure,group,label,value\r\n"), "{b}: {csv}");
        assert!(csv.contains("head_count,all,,1\r\n"), "{b}: {csv}");
        assert!(csv.contains(&format!("people,role:{},Peer-medarbejder,1\r\n", role.id)), "{b}: {csv}");
        assert!(csv.contains("turnover_leavers,2025-11-22/2026-11-22,,1\r\n"), "{b}: {csv}");
        // Danish: semicolons, and the same codes.
        let da = String::from_utf8(wo::csv(&o, sammen_reports::NumberStyle::Danish).unwrap()).unwrap();
        assert!(da.starts_with("\u{feff}measure;group;label;value\r\n") && da.contains("head_count;all;;1\r\n"), "{b}: {da}");
        assert_eq!(wo::overview(&env.app, &stranger, false).await.unwrap().figures.head_count, 1, "{b}: only their own");

        // Peer workers do not see it; the refusal and the export are audited.
        let seq = env.app.db.read(|c| sammen_store::audit::rows_after(c, 0, 1_000_000)).await.unwrap().last().map_or(0, |r| r.seq);
        assert!(matches!(wo::overview(&env.app, &peer_ctx, false).await, Err(AppError::Forbidden)), "{b}");
        wo::overview(&env.app, &coord, true).await.unwrap();
        let audit = env.app.db.read(move |c| sammen_store::audit::rows_after(c, seq, 100)).await.unwrap();
        let seen: Vec<(String, String)> =
            audit.iter().filter(|r| r.subject_type == "workforce_overview").map(|r| (r.action.clone(), r.outcome.clone())).collect();
        assert_eq!(seen, vec![("read".to_owned(), "denied".to_owned()), ("export".to_owned(), "ok".to_owned())], "{b}");
    })
    .await;
}
