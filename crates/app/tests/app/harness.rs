//! The fixture every area's tests share: the real `App` over a fresh database of each backend,
//! a `ManualClock` fixed in 2026, a seeded random source and a system administrator.

use std::future::Future;
use std::sync::Arc;

use sammen_app::access::auth::{self, SessionInfo};
use sammen_app::people as app_people;
use sammen_app::{App, AppError, AppResult, Ctx, ManualClock, SecurityConfig, SeededRandom, Via, access::audit, access::totp, directory};
use sammen_domain::audit::AuditRecord;
use sammen_domain::directory::{OrganisationInput, PartnershipInput};
use sammen_domain::people::{ParticipantInput, Password, Role, StaffInput};
use sammen_domain::policy::Actor;
use sammen_domain::time::Timestamp;
use sammen_domain::{OrgId, ProgrammeId, UserId};
use sammen_store::audit::AuditFilter;
use sammen_store::rows::UserRow;
use sammen_store::{Page, StoreError};
use sammen_test_support::TestDb;

/// 2026-03-02 09:00:00 UTC: every test starts here.
pub const T0: i64 = 1_772_442_000;
/// The password of every account the tests make.
pub const PW: &str = "correct horse battery staple";
pub const ALL: Page = Page { offset: 0, limit: 100_000 };

/// One backend's app, its clock and a system administrator to set things up with.
pub struct Env {
    pub backend: &'static str,
    pub app: App,
    pub clock: Arc<ManualClock>,
    /// The system administrator's context (no active organisation).
    pub sys: Ctx,
    pub sys_user: UserId,
    // Last: the database outlives the app that uses it.
    pub _db: TestDb,
}

impl Env {
    pub async fn new(tdb: TestDb) -> Self {
        let db = tdb.open();
        let clock = Arc::new(ManualClock::new(Timestamp::from_unix_seconds(T0)));
        let app = App::new(db, clock.clone(), Arc::new(SeededRandom::new(20_260_302)), SecurityConfig::default());
        // The first system administrator comes from the command line, not from a use case.
        let hash = auth::hash_password(&app, &Password::parse(PW).unwrap()).unwrap();
        let now = app.now().micros();
        let id: UserId = app.next_id();
        let row = UserRow {
            id: id.into(),
            organisation_id: None,
            email: "system@sammen.test".into(),
            display_name: "System".into(),
            password_hash: hash,
            system_admin: true,
            totp_secret: None,
            totp_enabled: false,
            totp_last_step: None,
            active: true,
            password_changed_at: now,
            created_at: now,
            updated_at: now,
        };
        app.db.write(move |tx| sammen_store::access::insert_user(tx.conn(), &row)).await.unwrap();
        let sys_user: UserId = id;
        let sys = ctx_of(&app, sys_user, None).await;
        assert!(sys.actor.system_admin);
        Env { backend: tdb.name, app, clock, sys, sys_user, _db: tdb }
    }

    pub fn now(&self) -> Timestamp {
        self.app.now()
    }

    pub fn set_date(&self, iso_datetime_utc: (i32, u8, u8, u8, u8, u8)) {
        let (y, mo, d, h, mi, s) = iso_datetime_utc;
        let date = time::Date::from_calendar_date(y, time::Month::try_from(mo).unwrap(), d).unwrap();
        let at = date.with_hms(h, mi, s).unwrap().assume_utc();
        self.clock.set(Timestamp::from_unix_seconds(at.unix_timestamp()));
    }

    pub async fn org(&self, name: &str, require_totp: bool) -> OrgId {
        let input = OrganisationInput::parse(name, "municipality", require_totp, None).unwrap();
        directory::create_org(&self.app, &self.sys, input).await.unwrap().id
    }

    /// A staff account with the test password, made by the system administrator.
    pub async fn staff(&self, org: OrgId, email: &str, role: Role) -> UserId {
        let input = StaffInput::parse(email, &format!("{role} {email}"), role.code()).unwrap();
        let (view, shown) = app_people::create_staff(&self.app, &self.sys, org, input, Some(Password::parse(PW).unwrap())).await.unwrap();
        assert!(shown.is_none(), "a given password is never echoed back");
        assert_eq!(view.role, role);
        view.id
    }

    /// The context of a user working in `org`, built as a session would build it.
    pub async fn ctx(&self, user: UserId, org: OrgId) -> Ctx {
        ctx_of(&self.app, user, Some(org)).await
    }

    /// Logs in with the test password and resolves the session.
    pub async fn session(&self, email: &str) -> (String, SessionInfo) {
        let r = auth::login(&self.app, email, PW, "198.51.100.1").await.unwrap();
        let s = auth::resolve_session(&self.app, &r.session_token).await.unwrap().expect("a fresh session resolves");
        (r.session_token, s)
    }

    pub async fn audit_records(&self, filter: AuditFilter) -> Vec<AuditRecord> {
        let mut rows = self
            .app
            .db
            .read(move |c| -> Result<Vec<AuditRecord>, StoreError> {
                let (rows, _) = sammen_store::audit::search(c, &filter, ALL)?;
                rows.into_iter().map(sammen_store::audit::from_row).collect()
            })
            .await
            .unwrap();
        rows.sort_by_key(|r| r.seq);
        rows
    }

    pub async fn audit_head(&self) -> i64 {
        self.app.db.read(sammen_store::audit::head).await.unwrap().0
    }

    pub async fn participant_count(&self, org: OrgId) -> i64 {
        let counts = self.app.db.read(move |c| sammen_store::people::count_participants(c, org, None)).await.unwrap();
        counts.iter().map(|(_, n)| n).sum()
    }

    pub async fn staff_count(&self, org: OrgId) -> i64 {
        self.app.db.read(move |c| sammen_store::access::staff_of(c, org, Page { offset: 0, limit: 0 })).await.unwrap().1
    }

    pub async fn verify_chain(&self) -> audit::Verification {
        let db = self.app.db.clone();
        tokio::task::spawn_blocking(move || audit::verify_chain(&db, |_| {})).await.unwrap().unwrap()
    }
}

/// The policy's view of a user, loaded the way sessions and tokens load it.
pub async fn ctx_of(app: &App, user: UserId, org: Option<OrgId>) -> Ctx {
    let actor = app
        .db
        .read(move |c| -> AppResult<Actor> {
            let u = sammen_store::access::user_by_id(c, user)?.ok_or(AppError::NotFound)?;
            Ok(auth::load_actor(c, &u)?.0)
        })
        .await
        .unwrap();
    Ctx { actor, org, route: "TEST".into(), via: Via::Cli, can_write: true }
}

/// Runs `scenario` on a fresh database of every backend, saying which one it is on.
pub async fn on_every_backend<F, Fut>(test: &str, scenario: F)
where
    F: Fn(Env) -> Fut,
    Fut: Future<Output = ()>,
{
    sammen_test_support::on_every_backend(test, |tdb| {
        let scenario = &scenario;
        async move { scenario(Env::new(tdb).await).await }
    })
    .await;
}

/// The error of a result whose value has no Debug.
pub fn err<T>(r: AppResult<T>) -> AppError {
    match r {
        Ok(_) => panic!("expected an error, got a value"),
        Err(e) => e,
    }
}

pub fn assert_field_error(e: &AppError, field: &str, message: &str) {
    match e {
        AppError::Validation(v) => {
            assert_eq!(v.message_for(field), Some(message), "field errors: {v}")
        }
        other => panic!("expected a field error on {field}, got {other:?}"),
    }
}

pub fn participant_input(name: &str, programme: Option<ProgrammeId>) -> ParticipantInput {
    let programme = programme.map(|p| p.to_string());
    ParticipantInput::parse(
        Some(name),
        Some("010190-1234"),
        Some("1990"),
        Some("female"),
        None,
        None,
        programme.as_deref(),
        "active",
        "da",
        2026,
    )
    .unwrap()
}

pub fn partnership_input(a: OrgId, b: OrgId, categories: &[&str], valid_to: Option<&str>) -> PartnershipInput {
    let cats: Vec<String> = categories.iter().map(|c| (*c).to_owned()).collect();
    PartnershipInput::parse(
        "Udskrivningsmentorer",
        "Peer-medarbejdere følger borgere fra udskrivning",
        "Samtykke (art. 9, stk. 2, litra a)",
        &cats,
        "2026-01-01",
        valid_to,
        &[a.to_string(), b.to_string()],
    )
    .unwrap()
}

/// A code for `secret` that the verifier refuses at `now` (not in the ±1 step window).
pub fn wrong_code(secret: &[u8], now: Timestamp) -> String {
    let s = now.unix_seconds();
    let near: Vec<String> = [s - 30, s, s + 30].iter().map(|t| totp::current_code(secret, *t)).collect();
    (0..10).map(|d| format!("{d}{d}{d}{d}{d}{d}")).find(|c| !near.contains(c)).unwrap()
}
