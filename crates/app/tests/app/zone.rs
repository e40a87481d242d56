//! The organisation's time zone: set, checked, kept, and the day it counts.

use sammen_app::{AppError, directory};
use sammen_domain::directory::OrganisationInput;
use sammen_domain::people::Role;
use time::macros::date;

use crate::harness::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organisation_counts_its_days_in_its_own_zone() {
    on_every_backend("organisation time zone", |env| async move {
        let b = env.backend;
        let org = env.org("Tórshavn Felag", false).await;
        let admin = env.staff(org, "admin@torshavn.test", Role::Administrator).await;
        let ctx = env.ctx(admin, org).await;
        assert_eq!(directory::get_org(&env.app, &ctx, org).await.unwrap().time_zone, "Europe/Copenhagen", "{b}: the default");

        // An unknown zone is refused on its field; nothing changes.
        let bad = OrganisationInput::parse("Tórshavn Felag", "municipality", false, Some("Atlantic/Torshavn")).unwrap_err();
        assert_eq!(bad.message_for("time_zone"), Some("err-time-zone"), "{b}");

        let faroe = OrganisationInput::parse("Tórshavn Felag", "municipality", false, Some("Atlantic/Faroe")).unwrap();
        assert_eq!(directory::update_org(&env.app, &ctx, org, faroe).await.unwrap().time_zone, "Atlantic/Faroe", "{b}");
        // An input without a zone (an API client that does not send one) keeps it.
        let keep = OrganisationInput::parse("Tórshavn Felag", "municipality", true, None).unwrap();
        assert_eq!(directory::update_org(&env.app, &ctx, org, keep).await.unwrap().time_zone, "Atlantic/Faroe", "{b}");

        // Winter: the Faroe Islands are on UTC, Denmark an hour ahead. At 23:30 UTC it is
        // already tomorrow in Copenhagen but still today in Tórshavn.
        env.set_date((2026, 1, 15, 23, 30, 0));
        assert_eq!(env.app.today(&ctx).await.unwrap(), date!(2026 - 01 - 15), "{b}: Tórshavn");
        let dk = env.org("Søby Kommune", false).await;
        let dk_admin = env.staff(dk, "admin@soby.test", Role::Administrator).await;
        assert_eq!(env.app.today(&env.ctx(dk_admin, dk).await).await.unwrap(), date!(2026 - 01 - 16), "{b}: Copenhagen");
        env.set_date((2026, 1, 16, 0, 0, 0));
        assert_eq!(env.app.today(&ctx).await.unwrap(), date!(2026 - 01 - 16), "{b}: midnight in Tórshavn");

        // A coordinator may not change the organisation's settings.
        let coord = env.staff(org, "coord@torshavn.test", Role::Coordinator).await;
        let nuuk = OrganisationInput::parse("Tórshavn Felag", "municipality", false, Some("America/Nuuk")).unwrap();
        let denied = directory::update_org(&env.app, &env.ctx(coord, org).await, org, nuuk).await;
        assert!(matches!(denied, Err(AppError::NotFound | AppError::Forbidden)), "{b}");
    })
    .await;
}
