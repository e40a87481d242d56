//! The start page's work queues over HTTP: each user sees their own organisation's and their
//! own role's queues, each item links to where the work is done, and the menu carries the count.

use sammen_app::journey::intake as ik;
use sammen_domain::journey::courses::ConsentMethod;
use sammen_domain::journey::intake::ReferralInput;
use sammen_domain::people::Role;

use crate::harness::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_start_page_shows_each_user_their_own_queues_and_the_menu_counts_them() {
    on_every_backend("front page", |env| async move {
        let b = env.backend;
        let a = env.org(ORG_A).await;
        let other = env.org("Bbyen Kommune").await;
        let coord = env.staff(a, "koordinator@a.test", Role::Coordinator).await;
        env.staff(a, "peer@a.test", Role::PeerWorker).await;
        env.staff(a, "evaluator@a.test", Role::Evaluator).await;
        env.staff(other, "koordinator@b.test", Role::Coordinator).await;
        let ctx = ctx_of(&env.app, coord, Some(a)).await;
        let person = ReferralInput::parse("Ida Intern", Some("20304050"), None, Some("1988"), "da", "Ensom", None, 2026).unwrap();
        let referral = ik::record_internal(&env.app, &ctx, person, ConsentMethod::Written).await.unwrap();

        // The coordinator lands on the start page: the referral first, linked to its page.
        let seq = env.audit_head().await;
        let browser = env.login("koordinator@a.test").await;
        let page = env.send(Req::get("/").cookie(&browser.cookie)).await;
        assert!(page.body.contains(&format!("href=\"/referrals/{referral}\">Ida Intern</a>")), "{b}: {}", excerpt(&page.body));
        assert!(page.body.contains("id=\"queue-referrals\""), "{b}");
        let searches = env.audit_after(seq).await;
        assert!(
            searches.iter().any(|r| r.event.subject_type == "referral" && r.event.purpose.ends_with(";referrals")),
            "{b}: the queue's read is audited"
        );
        // Another page's menu carries the count the start page counted.
        let other_page = env.send(Req::get("/programmes").cookie(&browser.cookie)).await;
        assert!(other_page.body.contains("<span class=\"badge\">1<span class=\"visually-hidden\">"), "{b}: {}", excerpt(&other_page.body));

        // The other organisation's coordinator: nothing of it.
        let theirs = env.login("koordinator@b.test").await;
        let page = env.send(Req::get("/").cookie(&theirs.cookie)).await;
        assert!(!page.body.contains("Ida Intern") && !page.body.contains(&referral.to_string()), "{b}");
        assert!(page.body.contains("id=\"queues-empty\""), "{b}: nothing waits, said kindly");

        // A peer worker of the same organisation lands on the start page too, without intake queues.
        let peer = env.login("peer@a.test").await;
        let page = env.send(Req::get("/").cookie(&peer.cookie)).await;
        assert!(!page.body.contains("Ida Intern") && !page.body.contains("queue-referrals"), "{b}");
        assert!(page.body.contains("href=\"/my#h-calendar\""), "{b}: the calendar last");
        // An evaluator has no work queues at all: no queue and no empty-queue sentence.
        let evaluator = env.login("evaluator@a.test").await;
        let page = env.send(Req::get("/").cookie(&evaluator.cookie)).await;
        assert!(!page.body.contains("class=\"queue\"") && !page.body.contains("queues-empty"), "{b}");
    })
    .await;
}
