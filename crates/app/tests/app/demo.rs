//! The demo data set, which fills every area: seeded once into an empty database.

use std::collections::BTreeSet;

use sammen_app::people::{self as app_people, ParticipantSearch};
use sammen_app::{access::audit, access::auth, directory};
use sammen_demo as demo;
use sammen_domain::people::Role;
use sammen_store::{Page, StoreError};

use crate::harness::*;

// ---------------------------------------------------------------- the demo data set

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_seed_fills_an_empty_database_once() {
    on_every_backend("demo", |env| async move {
        let app = env.app.clone();
        let logins = tokio::task::spawn_blocking(move || demo::seed(&app)).await.unwrap().unwrap().expect("an empty database is seeded");

        let orgs = directory::list_orgs(&env.app, &env.sys).await.unwrap();
        assert_eq!(orgs.len(), 6);
        let mut participants = 0;
        let mut peers = 0;
        for o in &orgs {
            let staff = env.app.db.read({
                let id = o.id;
                move |c| sammen_store::access::staff_of(c, id, ALL)
            });
            let roles: BTreeSet<String> = staff.await.unwrap().0.into_iter().map(|(_, r)| r.to_string()).collect();
            let want: BTreeSet<String> = Role::ALL.iter().map(|r| r.code().to_owned()).collect();
            assert_eq!(roles, want, "every role in {}", o.name);
            let n = env.participant_count(o.id).await;
            assert!(n >= 50, "{}: {n} participants", o.name);
            participants += n;
            let id = o.id;
            peers += env.app.db.read(move |c| sammen_store::people::peers_of_org(c, id, Page { offset: 0, limit: 0 })).await.unwrap().1;
            let org_logins: BTreeSet<&str> = logins.iter().filter(|l| l.organisation == o.name).map(|l| l.role.as_str()).collect();
            assert_eq!(org_logins.len(), Role::ALL.len(), "a login of every role in {}", o.name);
        }
        assert!(participants >= 500, "{participants} participants");
        assert!((40..=70).contains(&peers), "{peers} peer workers");
        // The logins: the system administrator plus six per organisation (and a system administrator already here).
        // Plus the external supervisor of supervision, who has no organisation.
        // The system administrator, a login of every role per organisation, the external
        // supervisor and the interview study's two coders.
        assert_eq!(logins.len(), 1 + 6 * 6 + 1 + 2);
        assert_eq!(logins.iter().filter(|l| l.role == "system_administrator").count(), 1);
        assert_eq!(logins.iter().map(|l| l.email.as_str()).collect::<BTreeSet<_>>().len(), logins.len(), "distinct e-mails");

        // A demo login works, and the demo peer worker has a caseload of their own.
        let peer = logins.iter().find(|l| l.role == "peer_worker").unwrap();
        let r = auth::login(&env.app, &peer.email, demo::DEMO_PASSWORD, "10.4.0.1").await.unwrap();
        let s = auth::resolve_session(&env.app, &r.session_token).await.unwrap().unwrap();
        assert_eq!(s.role(), Some(Role::PeerWorker));
        let ctx = s.ctx("GET /participants");
        let (found, total) = app_people::search_participants(&env.app, &ctx, ParticipantSearch::default(), ALL).await.unwrap();
        assert!(total > 0 && found.len() as i64 == total);
        assert!(found.iter().all(|v| v.assigned_peer_id.is_some_and(|p| s.actor.peer_worker_ids.contains(&p))));

        // The dashboard counts only what each role may list: the peer worker their caseload,
        // the coordinator the organisation, the supervisor no participants at all.
        let d = app_people::dashboard(&env.app, &ctx).await.unwrap();
        let (w, a, c) = d.participants.expect("a peer worker sees their caseload");
        assert!(d.own_caseload && w + a + c == total && d.peers.is_none(), "{d:?}");
        let org = s.org.unwrap();
        let org_name = orgs.iter().find(|o| o.id == org).map(|o| o.name.clone()).unwrap();
        for (role, expect_participants, expect_peers) in
            [("coordinator", true, true), ("supervisor", false, true), ("evaluator", false, false)]
        {
            let login = logins.iter().find(|l| l.role == role && l.organisation == org_name).unwrap();
            let r = auth::login(&env.app, &login.email, demo::DEMO_PASSWORD, "10.4.0.2").await.unwrap();
            let s = auth::resolve_session(&env.app, &r.session_token).await.unwrap().unwrap();
            let d = app_people::dashboard(&env.app, &s.ctx("GET /")).await.unwrap();
            assert_eq!(
                (d.participants.is_some(), d.peers.is_some(), d.own_caseload),
                (expect_participants, expect_peers, false),
                "{role}: {d:?}"
            );
            if let Some((w, a, c)) = d.participants {
                assert_eq!(w + a + c, env.participant_count(org).await, "{role} counts the organisation");
            }
        }

        // Every demo row is audited and the chain holds.
        let head = env.audit_head().await;
        assert!(matches!(env.verify_chain().await, audit::Verification::Intact { records } if records == u64::try_from(head).unwrap()));

        // A second run changes nothing.
        let counts = |env: &Env| {
            let db = env.app.db.clone();
            async move {
                db.read(|c| -> Result<(i64, i64, usize), StoreError> {
                    let orgs = sammen_store::directory::count_orgs(c)?;
                    let ids: Vec<sammen_domain::OrgId> = sammen_store::directory::orgs(c)?.into_iter().map(|o| o.id.get()).collect();
                    let mut people = 0;
                    for id in &ids {
                        people += sammen_store::people::count_participants(c, *id, None)?.iter().map(|(_, n)| n).sum::<i64>();
                        people += sammen_store::access::staff_of(c, *id, Page { offset: 0, limit: 0 })?.1;
                    }
                    Ok((orgs, people, sammen_store::directory::partnerships_for(c, None)?.len()))
                })
                .await
                .unwrap()
            }
        };
        let before = counts(&env).await;
        let head = env.audit_head().await;
        let app = env.app.clone();
        let again = tokio::task::spawn_blocking(move || demo::seed(&app)).await.unwrap().unwrap();
        assert!(again.is_none(), "a second seed does nothing");
        assert_eq!(counts(&env).await, before);
        assert_eq!(env.audit_head().await, head);
    })
    .await;
}
