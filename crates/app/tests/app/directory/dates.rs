//! A partnership agreement's period is sensible: in order, and within ten years of today; an
//! agreement entered long ago keeps its start when it is edited.

use sammen_app::directory as dir;
use sammen_domain::directory::PartnershipInput;
use sammen_domain::people::Role;
use sammen_domain::{OrgId, PartnershipId};

use crate::harness::*;

fn agreement(a: OrgId, b: OrgId, from: &str, to: Option<&str>) -> PartnershipInput {
    PartnershipInput::parse(
        "Udskrivningsmentorer",
        "Peer-medarbejdere følger borgere fra udskrivning",
        "Samtykke (art. 9, stk. 2, litra a)",
        &["aggregate_outcomes".into()],
        from,
        to,
        &[a.to_string(), b.to_string()],
    )
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agreement_has_a_sensible_period() {
    on_every_backend("agreement period", |env| async move {
        let b = env.backend;
        env.set_date((2016, 2, 1, 9, 0, 0));
        let (a, o) = (env.org("Periodeby Kommune", false).await, env.org("Region Periode", false).await);
        let admin = env.staff(a, "admin@periodeby.test", Role::Administrator).await;
        let admin = env.ctx(admin, a).await;
        // Entered in 2016 with a start that year.
        let old: PartnershipId = dir::save_partnership(&env.app, &admin, None, agreement(a, o, "2016-01-01", None)).await.unwrap().id;

        env.set_date((2026, 3, 2, 9, 0, 0));
        let count = |env: &Env| {
            let (app, admin) = (env.app.clone(), admin.clone());
            async move { dir::list_partnerships(&app, &admin).await.unwrap().len() }
        };
        // A slip of the keyboard: 0206, 2206; more than ten years either way.
        for (from, to, field, message) in [
            ("0206-01-01", None, "valid_from", "err-date-too-early"),
            ("2016-03-01", None, "valid_from", "err-date-too-early"),
            ("2036-03-03", None, "valid_from", "err-date-too-late"),
            ("2026-01-01", Some("2206-12-31"), "valid_to", "err-date-too-late"),
        ] {
            let e = err(dir::save_partnership(&env.app, &admin, None, agreement(a, o, from, to)).await);
            assert_field_error(&e, field, message);
        }
        assert_eq!(count(&env).await, 1, "{b}: nothing stored");
        // Ten years to the day is within the window.
        dir::save_partnership(&env.app, &admin, None, agreement(a, o, "2016-03-02", Some("2036-03-02"))).await.unwrap();

        // The agreement of 2016 is edited: its stored start is not judged again; a new one is.
        let ended = dir::save_partnership(&env.app, &admin, Some(old), agreement(a, o, "2016-01-01", Some("2026-12-31"))).await.unwrap();
        assert_eq!(ended.valid_to.as_deref(), Some("2026-12-31"), "{b}");
        let e = err(dir::save_partnership(&env.app, &admin, Some(old), agreement(a, o, "2015-01-01", Some("2026-12-31"))).await);
        assert_field_error(&e, "valid_from", "err-date-too-early");
        let kept = dir::get_partnership(&env.app, &admin, old).await.unwrap();
        assert_eq!(kept.valid_from, "2016-01-01", "{b}: unchanged");
    })
    .await;
}
