//! Supervision held only once it has begun: a session planned for tomorrow cannot be marked
//! held, nor anyone recorded as attending it, and a refusal stores nothing.

use sammen_app::people as app_people;
use sammen_app::workforce::supervision as sv;
use sammen_domain::people::{PeerWorkerInput, Role};
use sammen_domain::workforce::supervision::{SessionInput, SessionRecord, SupervisionStatus};

use crate::harness::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn supervision_is_held_only_once_it_has_begun() {
    on_every_backend("supervision held", |env| async move {
        let b = env.backend;
        env.set_date((2026, 3, 2, 9, 0, 0));
        let org = env.org("Tidsby Kommune", false).await;
        let coord = env.staff(org, "koordinator@tidsby.test", Role::Coordinator).await;
        let coord = env.ctx(coord, org).await;
        let sup_id = env.staff(org, "supervisor@tidsby.test", Role::Supervisor).await;
        let sup = env.ctx(sup_id, org).await;
        let input = PeerWorkerInput::parse("Pia Peer", None, None, "paid", "active", "da", &["phone".into()]).unwrap();
        let peer = app_people::save_peer(&env.app, &coord, None, input).await.unwrap().id;
        let ids = vec![peer.to_string()];
        // Tomorrow at 10:00 Danish time (09:00 UTC).
        let plan = SessionInput::parse("professional", "individual", "2026-03-03", "10:00", "60", &sup_id.to_string(), &ids).unwrap();
        let id = sv::plan_session(&env.app, &coord, plan).await.unwrap();
        let held = SessionRecord::parse("held", &ids, &["stress".into()], Some("Notat")).unwrap();

        // Held in the future: refused on the status field, whoever writes it.
        assert_field_error(&err(sv::record_session(&env.app, &sup, &id, held.clone()).await), "status", "err-supervision-not-begun");
        // Cancelled ahead of time is fine, but not with anyone attending.
        let cancelled_with = SessionRecord::parse("cancelled", &ids, &[], None).unwrap();
        assert_field_error(&err(sv::record_session(&env.app, &sup, &id, cancelled_with).await), "attended", "err-supervision-not-begun");
        let s = sv::session(&env.app, &sup, &id).await.unwrap();
        assert_eq!(s.summary.status, SupervisionStatus::Planned, "{b}: nothing stored");
        assert!(s.attendees.iter().all(|a| !a.2), "{b}: nobody recorded as attending");
        assert_eq!(s.note, None, "{b}");

        // A minute before the start: still refused; at the start: held.
        env.set_date((2026, 3, 3, 8, 59, 0));
        assert_field_error(&err(sv::record_session(&env.app, &sup, &id, held.clone()).await), "status", "err-supervision-not-begun");
        env.set_date((2026, 3, 3, 9, 0, 0));
        sv::record_session(&env.app, &sup, &id, held).await.unwrap();
        let s = sv::session(&env.app, &sup, &id).await.unwrap();
        assert_eq!(s.summary.status, SupervisionStatus::Held, "{b}");
        assert!(s.attendees.iter().all(|a| a.2), "{b}");
    })
    .await;
}
