//! Role descriptions: versions that never change once written, and who may write them.

use sammen_app::workforce as wf;
use sammen_domain::workforce::RoleInput;

use super::*;

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
