//! The app's tests: one binary, every test on every backend (`sammen_test_support::backends`:
//! SQLite always, PostgreSQL when `SAMMEN_TEST_PG` is set, and always in CI).
//!
//! Each test builds the real `App` over a fresh database with a `ManualClock` fixed in 2026
//! and a seeded random source, and drives the use cases the web UI, the API and the command
//! line call. Nothing is mocked: sessions, throttles, tokens and the audit chain are read
//! back from the database itself.

// Test code: a failed expectation should stop the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::sync::Arc;

use sammen_app::auth::{self, SecondFactor, SessionInfo, TokenScope};
use sammen_app::people::{self as app_people, ParticipantSearch, ParticipantView};
use sammen_app::{App, AppError, AppResult, Ctx, ManualClock, SecurityConfig, SeededRandom, Via, audit, demo, directory, totp};
use sammen_domain::audit::{AuditAction, AuditOutcome, AuditRecord};
use sammen_domain::org::{OrganisationInput, PartnershipInput, ProgrammeInput};
use sammen_domain::people::{ParticipantInput, Password, PeerWorkerInput, Role, StaffInput};
use sammen_domain::policy::{Actor, ROLES_BY_REACH};
use sammen_domain::time::Timestamp;
use sammen_domain::{OrgId, ParticipantId, PartnershipId, ProgrammeId, UserId};
use sammen_store::audit::AuditFilter;
use sammen_store::rows::UserRow;
use sammen_store::{Page, StoreError};
use sammen_test_support::TestDb;

// ---------------------------------------------------------------- the fixture

/// 2026-03-02 09:00:00 UTC: every test starts here.
const T0: i64 = 1_772_442_000;
/// The password of every account the tests make.
const PW: &str = "correct horse battery staple";
const ALL: Page = Page { offset: 0, limit: 100_000 };

/// One backend's app, its clock and a system administrator to set things up with.
struct Env {
    backend: &'static str,
    app: App,
    clock: Arc<ManualClock>,
    /// The system administrator's context (no active organisation).
    sys: Ctx,
    sys_user: UserId,
    // Last: the database outlives the app that uses it.
    _db: TestDb,
}

impl Env {
    async fn new(tdb: TestDb) -> Self {
        let db = tdb.open();
        let clock = Arc::new(ManualClock::new(Timestamp::from_unix_seconds(T0)));
        let app = App::new(db, clock.clone(), Arc::new(SeededRandom::new(20_260_302)), SecurityConfig::default());
        // The first system administrator comes from the command line, not from a use case.
        let hash = auth::hash_password(&app, &Password::parse(PW).unwrap()).unwrap();
        let now = app.now().micros();
        let id = app.new_id();
        let row = UserRow {
            id: id.clone(),
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
        app.db.write(move |tx| sammen_store::auth::insert_user(tx.conn(), &row)).await.unwrap();
        let sys_user: UserId = id.parse().unwrap();
        let sys = ctx_of(&app, sys_user, None).await;
        assert!(sys.actor.system_admin);
        Env { backend: tdb.name, app, clock, sys, sys_user, _db: tdb }
    }

    fn now(&self) -> Timestamp {
        self.app.now()
    }

    fn set_date(&self, iso_datetime_utc: (i32, u8, u8, u8, u8, u8)) {
        let (y, mo, d, h, mi, s) = iso_datetime_utc;
        let date = time::Date::from_calendar_date(y, time::Month::try_from(mo).unwrap(), d).unwrap();
        let at = date.with_hms(h, mi, s).unwrap().assume_utc();
        self.clock.set(Timestamp::from_unix_seconds(at.unix_timestamp()));
    }

    async fn org(&self, name: &str, require_totp: bool) -> OrgId {
        let input = OrganisationInput::parse(name, "municipality", require_totp).unwrap();
        directory::create_org(&self.app, &self.sys, input).await.unwrap().id
    }

    /// A staff account with the test password, made by the system administrator.
    async fn staff(&self, org: OrgId, email: &str, role: Role) -> UserId {
        let input = StaffInput::parse(email, &format!("{role} {email}"), role.code()).unwrap();
        let (view, shown) = app_people::create_staff(&self.app, &self.sys, org, input, Some(Password::parse(PW).unwrap())).await.unwrap();
        assert!(shown.is_none(), "a given password is never echoed back");
        assert_eq!(view.role, role);
        view.id
    }

    /// The context of a user working in `org`, built as a session would build it.
    async fn ctx(&self, user: UserId, org: OrgId) -> Ctx {
        ctx_of(&self.app, user, Some(org)).await
    }

    /// Logs in with the test password and resolves the session.
    async fn session(&self, email: &str) -> (String, SessionInfo) {
        let r = auth::login(&self.app, email, PW, "198.51.100.1").await.unwrap();
        let s = auth::resolve_session(&self.app, &r.session_token).await.unwrap().expect("a fresh session resolves");
        (r.session_token, s)
    }

    async fn audit_records(&self, filter: AuditFilter) -> Vec<AuditRecord> {
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

    async fn audit_head(&self) -> i64 {
        self.app.db.read(sammen_store::audit::head).await.unwrap().0
    }

    async fn participant_count(&self, org: OrgId) -> i64 {
        let counts = self.app.db.read(move |c| sammen_store::people::count_participants(c, &org.to_string(), None)).await.unwrap();
        counts.iter().map(|(_, n)| n).sum()
    }

    async fn staff_count(&self, org: OrgId) -> i64 {
        self.app.db.read(move |c| sammen_store::auth::staff_of(c, &org.to_string(), Page { offset: 0, limit: 0 })).await.unwrap().1
    }

    async fn verify_chain(&self) -> audit::Verification {
        let db = self.app.db.clone();
        tokio::task::spawn_blocking(move || audit::verify_chain(&db, |_| {})).await.unwrap().unwrap()
    }
}

/// The policy's view of a user, loaded the way sessions and tokens load it.
async fn ctx_of(app: &App, user: UserId, org: Option<OrgId>) -> Ctx {
    let uid = user.to_string();
    let actor = app
        .db
        .read(move |c| -> AppResult<Actor> {
            let u = sammen_store::auth::user_by_id(c, &uid)?.ok_or(AppError::NotFound)?;
            Ok(auth::load_actor(c, &u)?.0)
        })
        .await
        .unwrap();
    Ctx { actor, org, route: "TEST".into(), via: Via::Cli, can_write: true }
}

/// Runs `scenario` on a fresh database of every backend, saying which one it is on.
async fn on_every_backend<F, Fut>(test: &str, scenario: F)
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
fn err<T>(r: AppResult<T>) -> AppError {
    match r {
        Ok(_) => panic!("expected an error, got a value"),
        Err(e) => e,
    }
}

fn assert_field_error(e: &AppError, field: &str, message: &str) {
    match e {
        AppError::Validation(v) => {
            assert_eq!(v.message_for(field), Some(message), "field errors: {v}")
        }
        other => panic!("expected a field error on {field}, got {other:?}"),
    }
}

fn participant_input(name: &str, programme: Option<ProgrammeId>) -> ParticipantInput {
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

fn partnership_input(a: OrgId, b: OrgId, categories: &[&str], valid_to: Option<&str>) -> PartnershipInput {
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
fn wrong_code(secret: &[u8], now: Timestamp) -> String {
    let s = now.unix_seconds();
    let near: Vec<String> = [s - 30, s, s + 30].iter().map(|t| totp::current_code(secret, *t)).collect();
    (0..10).map(|d| format!("{d}{d}{d}{d}{d}{d}")).find(|c| !near.contains(c)).unwrap()
}

// ---------------------------------------------------------------- 1. login and throttling

/// One login attempt, noting the audit record it must leave: (actor, outcome).
async fn attempt(
    env: &Env,
    log: &mut Vec<(Option<String>, AuditOutcome)>,
    actor: Option<UserId>,
    email: &str,
    pw: &str,
    addr: &str,
) -> AppResult<String> {
    let r = auth::login(&env.app, email, pw, addr).await;
    let outcome = match &r {
        Ok(_) => AuditOutcome::Ok,
        Err(AppError::Unauthorized) => AuditOutcome::Failed,
        Err(AppError::TooManyAttempts) => AuditOutcome::Denied,
        Err(e) => panic!("login failed unexpectedly: {e:?}"),
    };
    log.push((actor.map(|u| u.to_string()), outcome));
    r.map(|l| l.session_token)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_sessions_open_and_failures_are_throttled_and_audited() {
    on_every_backend("login", |env| async move {
        let sec = env.app.security.clone();
        let a = env.org("Søby Kommune", false).await;
        let ulla = env.staff(a, "ulla@soby.test", Role::Coordinator).await;
        let login_filter = AuditFilter { action: Some("login".into()), ..Default::default() };
        let before = env.audit_records(login_filter.clone()).await.len();
        let mut log = Vec::new();
        let u = Some(ulla);

        // The right password opens a session that resolves to the user, in their organisation.
        let token = attempt(&env, &mut log, u, "ulla@soby.test", PW, "10.0.0.1").await.unwrap();
        let s = auth::resolve_session(&env.app, &token).await.unwrap().expect("session resolves");
        assert_eq!(s.user, ulla);
        assert_eq!(s.org, Some(a));
        assert_eq!(s.role(), Some(Role::Coordinator));
        assert_eq!(s.second_factor, SecondFactor::Done);
        assert!(auth::resolve_session(&env.app, "no-such-session").await.unwrap().is_none());
        // E-mail addresses are matched without regard to case or surrounding space.
        attempt(&env, &mut log, u, "  Ulla@Soby.TEST ", PW, "10.0.0.1").await.unwrap();

        // A wrong password and an unknown account are answered alike.
        assert!(matches!(err(attempt(&env, &mut log, u, "ulla@soby.test", "wrong password!!", "10.0.0.1").await), AppError::Unauthorized));
        assert!(matches!(err(attempt(&env, &mut log, None, "nobody@soby.test", PW, "10.0.0.1").await), AppError::Unauthorized));
        assert!(matches!(err(attempt(&env, &mut log, None, "not an e-mail", PW, "10.0.0.1").await), AppError::Unauthorized));

        // Failures further apart than the throttle window do not add up.
        for _ in 0..sec.account_max_failures - 1 {
            assert!(matches!(
                err(attempt(&env, &mut log, u, "ulla@soby.test", "wrong password!!", "10.0.0.5").await),
                AppError::Unauthorized
            ));
        }
        env.clock.advance_seconds(sec.throttle_window_seconds + 1);
        for _ in 0..sec.account_max_failures - 1 {
            assert!(matches!(
                err(attempt(&env, &mut log, u, "ulla@soby.test", "wrong password!!", "10.0.0.5").await),
                AppError::Unauthorized
            ));
        }
        attempt(&env, &mut log, u, "ulla@soby.test", PW, "10.0.0.5").await.unwrap();

        // Below the limit a right password still works, and clears the count.
        for _ in 0..sec.account_max_failures - 2 {
            assert!(matches!(
                err(attempt(&env, &mut log, u, "ulla@soby.test", "wrong password!!", "10.0.0.2").await),
                AppError::Unauthorized
            ));
        }
        attempt(&env, &mut log, u, "ulla@soby.test", PW, "10.0.0.2").await.unwrap();

        // `account_max_failures` failures lock the account, from any address, even with the right password.
        for _ in 0..sec.account_max_failures {
            assert!(matches!(
                err(attempt(&env, &mut log, u, "ulla@soby.test", "wrong password!!", "10.0.0.3").await),
                AppError::Unauthorized
            ));
        }
        assert!(matches!(err(attempt(&env, &mut log, u, "ulla@soby.test", PW, "10.0.0.3").await), AppError::TooManyAttempts));
        assert!(matches!(err(attempt(&env, &mut log, u, "ulla@soby.test", PW, "10.0.0.4").await), AppError::TooManyAttempts));
        assert!(matches!(
            err(attempt(&env, &mut log, u, "ulla@soby.test", "wrong password!!", "10.0.0.4").await),
            AppError::TooManyAttempts
        ));
        env.clock.advance_seconds(sec.lockout_seconds - 1);
        assert!(matches!(err(attempt(&env, &mut log, u, "ulla@soby.test", PW, "10.0.0.3").await), AppError::TooManyAttempts));
        // Past the lockout the right password works again.
        env.clock.advance_seconds(2);
        attempt(&env, &mut log, u, "ulla@soby.test", PW, "10.0.0.3").await.unwrap();

        // Per address: failures for many different accounts lock the address, for everyone.
        for i in 0..sec.address_max_failures {
            let e = err(attempt(&env, &mut log, None, &format!("guess{i}@soby.test"), "wrong password!!", "203.0.113.9").await);
            assert!(matches!(e, AppError::Unauthorized), "attempt {i}: {e:?}");
        }
        assert!(matches!(err(attempt(&env, &mut log, u, "ulla@soby.test", PW, "203.0.113.9").await), AppError::TooManyAttempts));
        assert!(matches!(err(attempt(&env, &mut log, None, "guess-new@soby.test", PW, "203.0.113.9").await), AppError::TooManyAttempts));
        // The account itself is not locked: another address gets in.
        attempt(&env, &mut log, u, "ulla@soby.test", PW, "203.0.113.10").await.unwrap();

        // Every attempt left exactly one login record, with its actor and outcome.
        let records = env.audit_records(login_filter).await;
        assert_eq!(records.len() - before, log.len(), "one audit record per attempt");
        let got: Vec<(Option<String>, AuditOutcome)> = records[before..].iter().map(|r| (r.event.actor.clone(), r.event.outcome)).collect();
        assert_eq!(got, log);
        assert!(records[before..].iter().all(|r| r.event.action == AuditAction::Login && r.event.route == "POST /login"));
        for (outcome, purpose) in [(AuditOutcome::Denied, "throttled"), (AuditOutcome::Failed, "password"), (AuditOutcome::Ok, "password")]
        {
            assert!(records[before..].iter().filter(|r| r.event.outcome == outcome).all(|r| r.event.purpose == purpose));
            assert!(records[before..].iter().any(|r| r.event.outcome == outcome), "some {outcome} record");
        }
        // A failed login of a known account names it; the password is never recorded.
        assert!(records.iter().all(|r| !format!("{r:?}").contains("wrong password")));
        assert!(matches!(env.verify_chain().await, audit::Verification::Intact { .. }), "{}", env.backend);
    })
    .await;
}

// ---------------------------------------------------------------- 2. sessions

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_expire_end_on_logout_and_on_password_changes() {
    on_every_backend("sessions", |env| async move {
        let sec = env.app.security.clone();
        let a = env.org("Havnstrup Kommune", false).await;
        let b = env.org("Lindholm Kommune", false).await;
        let ulla = env.staff(a, "ulla@havnstrup.test", Role::PeerWorker).await;
        let admin_a = env.staff(a, "admin@havnstrup.test", Role::Administrator).await;
        let admin_b = env.staff(b, "admin@lindholm.test", Role::Administrator).await;
        let resolves = |t: String| {
            let app = env.app.clone();
            async move { auth::resolve_session(&app, &t).await.unwrap().is_some() }
        };

        // Idle expiry: use keeps a session alive; one left alone ends after the idle time.
        let (used, _) = env.session("ulla@havnstrup.test").await;
        let (idle, _) = env.session("ulla@havnstrup.test").await;
        let step = sec.session_idle_seconds - 60;
        env.clock.advance_seconds(step);
        assert!(resolves(used.clone()).await);
        env.clock.advance_seconds(120); // idle + 60 s since login
        assert!(!resolves(idle.clone()).await, "an unused session ends after session_idle_seconds");
        assert!(resolves(used.clone()).await, "a used session lives on");
        env.clock.advance_seconds(sec.session_idle_seconds);
        assert!(!resolves(used.clone()).await, "and ends once it is left alone for the idle time");

        // Absolute expiry: even a session in constant use ends after session_absolute_seconds.
        let (busy, _) = env.session("ulla@havnstrup.test").await;
        let every = 20 * 60;
        assert!(every < sec.session_idle_seconds);
        let mut elapsed = 0;
        while elapsed + every < sec.session_absolute_seconds {
            env.clock.advance_seconds(every);
            elapsed += every;
            assert!(resolves(busy.clone()).await, "alive after {elapsed} s");
        }
        env.clock.advance_seconds(sec.session_absolute_seconds - elapsed);
        assert!(!resolves(busy.clone()).await, "ended at the absolute limit");

        // Logout ends that session only.
        let (t1, s1) = env.session("ulla@havnstrup.test").await;
        let (t2, _) = env.session("ulla@havnstrup.test").await;
        // Nobody switches into an organisation they do not belong to.
        assert!(matches!(auth::switch_org(&env.app, &s1, b).await, Err(AppError::NotFound)));
        auth::switch_org(&env.app, &s1, a).await.unwrap();
        auth::logout(&env.app, &s1).await.unwrap();
        assert!(!resolves(t1).await);
        assert!(resolves(t2.clone()).await);
        let logouts =
            env.audit_records(AuditFilter { action: Some("logout".into()), actor: Some(ulla.to_string()), ..Default::default() }).await;
        assert_eq!(logouts.len(), 1);

        // A password change ends every other session, keeps the current one.
        let (t3, s3) = env.session("ulla@havnstrup.test").await;
        let new_pw = "a new and longer passphrase";
        let e = auth::change_password(&env.app, &s3, "not the password", new_pw, new_pw).await.unwrap_err();
        assert_field_error(&e, "current_password", "err-password-wrong");
        let e = auth::change_password(&env.app, &s3, PW, "short", "short").await.unwrap_err();
        assert_field_error(&e, "new_password", "err-password-short");
        let e = auth::change_password(&env.app, &s3, PW, new_pw, "something else entirely").await.unwrap_err();
        assert_field_error(&e, "repeat_password", "err-password-mismatch");
        assert!(resolves(t2.clone()).await, "a refused change ends nothing");
        auth::change_password(&env.app, &s3, PW, new_pw, new_pw).await.unwrap();
        assert!(resolves(t3.clone()).await, "the session that changed the password stays");
        assert!(!resolves(t2).await, "other sessions end");
        assert!(matches!(err(auth::login(&env.app, "ulla@havnstrup.test", PW, "10.1.0.1").await), AppError::Unauthorized));
        let t4 = auth::login(&env.app, "ulla@havnstrup.test", new_pw, "10.1.0.1").await.unwrap().session_token;

        // An administrator of another organisation cannot reset the password; the try is audited.
        let ctx_b = env.ctx(admin_b, b).await;
        assert!(matches!(auth::reset_password(&env.app, &ctx_b, ulla).await, Err(AppError::NotFound)));
        let denied = env
            .audit_records(AuditFilter { actor: Some(admin_b.to_string()), subject: Some(ulla.to_string()), ..Default::default() })
            .await;
        assert_eq!(denied.len(), 1);
        assert_eq!(denied[0].event.outcome, AuditOutcome::Denied);
        assert!(resolves(t3.clone()).await && resolves(t4.clone()).await);

        // The organisation's administrator resets it: every session ends, the one-time password works.
        let ctx_a = env.ctx(admin_a, a).await;
        let temp = auth::reset_password(&env.app, &ctx_a, ulla).await.unwrap();
        assert!(Password::parse(&temp).is_ok(), "the one-time password meets the policy");
        assert!(!resolves(t3).await);
        assert!(!resolves(t4).await);
        assert!(matches!(err(auth::login(&env.app, "ulla@havnstrup.test", new_pw, "10.1.0.1").await), AppError::Unauthorized));
        let t5 = auth::login(&env.app, "ulla@havnstrup.test", &temp, "10.1.0.1").await.unwrap().session_token;
        assert!(resolves(t5).await);
        // A read-only credential cannot reset anything.
        let ro = Ctx { can_write: false, ..ctx_a };
        assert!(matches!(auth::reset_password(&env.app, &ro, ulla).await, Err(AppError::Forbidden)));
    })
    .await;
}

// ---------------------------------------------------------------- 3. TOTP

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn totp_enrolment_second_factor_and_required_enrolment() {
    on_every_backend("totp", |env| async move {
        let a = env.org("Foreningen Peerkraft", false).await;
        let strict = env.org("Region Østerdal", true).await;
        let ulla = env.staff(a, "ulla@peerkraft.test", Role::Supervisor).await;
        env.staff(strict, "sara@osterdal.test", Role::Coordinator).await;

        // Enrolment: a secret, then a first code confirms it.
        let (_, s) = env.session("ulla@peerkraft.test").await;
        assert_eq!(s.second_factor, SecondFactor::Done);
        let (secret_b32, uri) = auth::totp_begin(&env.app, &s).await.unwrap();
        assert!(uri.starts_with("otpauth://totp/Sammen:") && uri.contains(&format!("secret={secret_b32}")), "{uri}");
        let secret = totp::base32_decode(&secret_b32).unwrap();
        assert_eq!(secret.len(), 20);
        let e = auth::totp_confirm(&env.app, &s, &wrong_code(&secret, env.now())).await.unwrap_err();
        assert_field_error(&e, "code", "err-totp-code");
        // Not in force until confirmed: a login still needs no code.
        assert_eq!(auth::login(&env.app, "ulla@peerkraft.test", PW, "10.2.0.1").await.unwrap().second_factor, SecondFactor::Done);
        auth::totp_confirm(&env.app, &s, &totp::current_code(&secret, env.now().unix_seconds())).await.unwrap();
        assert!(matches!(auth::totp_begin(&env.app, &s).await, Err(AppError::Forbidden)), "no second enrolment over a live one");

        // From now on a login asks for a code, and the session is incomplete until it is given.
        env.clock.advance_seconds(300);
        let r = auth::login(&env.app, "ulla@peerkraft.test", PW, "10.2.0.1").await.unwrap();
        assert_eq!(r.second_factor, SecondFactor::Code);
        let pending = auth::resolve_session(&env.app, &r.session_token).await.unwrap().unwrap();
        assert_eq!(pending.second_factor, SecondFactor::Code);
        let e = auth::verify_second_factor(&env.app, &pending, &wrong_code(&secret, env.now())).await.unwrap_err();
        assert_field_error(&e, "code", "err-totp-code");
        assert_eq!(auth::resolve_session(&env.app, &r.session_token).await.unwrap().unwrap().second_factor, SecondFactor::Code);
        auth::verify_second_factor(&env.app, &pending, &totp::current_code(&secret, env.now().unix_seconds())).await.unwrap();
        assert_eq!(auth::resolve_session(&env.app, &r.session_token).await.unwrap().unwrap().second_factor, SecondFactor::Done);
        let totp_records =
            env.audit_records(AuditFilter { action: Some("login".into()), actor: Some(ulla.to_string()), ..Default::default() }).await;
        let totp_outcomes: Vec<AuditOutcome> = totp_records.iter().filter(|r| r.event.purpose == "totp").map(|r| r.event.outcome).collect();
        assert_eq!(totp_outcomes, [AuditOutcome::Failed, AuditOutcome::Ok]);

        // Guessing codes is throttled like passwords.
        let r = auth::login(&env.app, "ulla@peerkraft.test", PW, "10.2.0.1").await.unwrap();
        let pending = auth::resolve_session(&env.app, &r.session_token).await.unwrap().unwrap();
        for _ in 0..env.app.security.account_max_failures {
            assert!(matches!(
                auth::verify_second_factor(&env.app, &pending, &wrong_code(&secret, env.now())).await,
                Err(AppError::Validation(_))
            ));
        }
        let right = totp::current_code(&secret, env.now().unix_seconds());
        let head = env.audit_head().await;
        assert!(matches!(auth::verify_second_factor(&env.app, &pending, &right).await, Err(AppError::TooManyAttempts)));
        assert_eq!(auth::resolve_session(&env.app, &r.session_token).await.unwrap().unwrap().second_factor, SecondFactor::Code);
        // The refused try is audited like a throttled password.
        let last =
            env.audit_records(AuditFilter { action: Some("login".into()), actor: Some(ulla.to_string()), ..Default::default() }).await;
        let last = last.last().unwrap();
        assert_eq!(last.seq, head + 1, "one record for the throttled code");
        assert_eq!((last.event.outcome, last.event.purpose.as_str()), (AuditOutcome::Denied, "throttled"));
        // After the lockout the right code completes the login.
        env.clock.advance_seconds(env.app.security.lockout_seconds + 1);
        auth::verify_second_factor(&env.app, &pending, &totp::current_code(&secret, env.now().unix_seconds())).await.unwrap();
        assert_eq!(auth::resolve_session(&env.app, &r.session_token).await.unwrap().unwrap().second_factor, SecondFactor::Done);

        // An organisation that requires TOTP sends its members without it to enrol first.
        let r = auth::login(&env.app, "sara@osterdal.test", PW, "10.2.0.2").await.unwrap();
        assert_eq!(r.second_factor, SecondFactor::Enrol);
        let s = auth::resolve_session(&env.app, &r.session_token).await.unwrap().unwrap();
        assert_eq!(s.second_factor, SecondFactor::Enrol);
        let (b32, _) = auth::totp_begin(&env.app, &s).await.unwrap();
        let secret = totp::base32_decode(&b32).unwrap();
        auth::totp_confirm(&env.app, &s, &totp::current_code(&secret, env.now().unix_seconds())).await.unwrap();
        assert_eq!(auth::resolve_session(&env.app, &r.session_token).await.unwrap().unwrap().second_factor, SecondFactor::Done);
        // ... and TOTP cannot be turned off while the organisation requires it.
        assert!(matches!(auth::totp_disable(&env.app, &s, PW).await, Err(AppError::Forbidden)));
        assert_eq!(auth::login(&env.app, "sara@osterdal.test", PW, "10.2.0.2").await.unwrap().second_factor, SecondFactor::Code);
    })
    .await;
}

// ---------------------------------------------------------------- 4. API tokens

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_tokens_are_stored_hashed_scoped_revocable_and_expire() {
    on_every_backend("tokens", |env| async move {
        let a = env.org("Netværket Recovery Sammen", false).await;
        let coord = env.staff(a, "coord@recovery.test", Role::Coordinator).await;
        let admin = env.staff(a, "admin@recovery.test", Role::Administrator).await;
        let (_, s) = env.session("coord@recovery.test").await;
        let route = "POST /account/tokens";

        let (view, secret) = auth::create_token(&env.app, coord, Some(a), "rapport".into(), TokenScope::Read, 30, route).await.unwrap();
        assert!(secret.starts_with("smn_") && secret.len() >= 40, "{secret}");
        assert_eq!(view.scope, "read");
        assert_eq!(view.expires_at, env.now().plus_seconds(30 * 86_400));

        // Only the SHA-256 hash is stored; the secret appears nowhere in the table.
        let rows = env.app.db.read(move |c| sammen_store::auth::tokens_of(c, &coord.to_string())).await.unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].token_hash, auth::sha256_hex(&secret));
        assert_eq!(rows[0].token_hash.len(), 64);
        let random_part = &secret["smn_".len()..];
        assert!(!format!("{:?}", rows[0]).contains(random_part), "the secret is not stored");
        let none = env.app.db.read({
            let s = secret.clone();
            move |c| sammen_store::auth::token_by_hash(c, &s)
        });
        assert!(none.await.unwrap().is_none(), "the secret itself is no key");

        // The token resolves to its user, organisation and scope.
        let ctx = auth::resolve_token(&env.app, &secret, "GET /api/v1/participants").await.unwrap();
        assert_eq!(ctx.actor.user, coord);
        assert_eq!(ctx.org, Some(a));
        assert_eq!(ctx.via, Via::Api);
        assert!(!ctx.can_write, "a read token cannot write");
        assert!(matches!(
            err(app_people::create_participant(&env.app, &ctx, participant_input("Ida Læse", None), None).await),
            AppError::Forbidden
        ));
        assert_eq!(env.participant_count(a).await, 0);
        assert!(auth::list_tokens(&env.app, coord).await.unwrap()[0].last_used_at.is_some(), "use is noted");
        let (_, write) = auth::create_token(&env.app, coord, Some(a), "integration".into(), TokenScope::Write, 30, route).await.unwrap();
        let wctx = auth::resolve_token(&env.app, &write, "POST /api/v1/participants").await.unwrap();
        assert!(wctx.can_write);
        app_people::create_participant(&env.app, &wctx, participant_input("Ida Skrive", None), None).await.unwrap();
        assert_eq!(env.participant_count(a).await, 1);

        // Unknown and altered tokens are refused.
        assert!(matches!(auth::resolve_token(&env.app, "smn_unknown", "GET /").await, Err(AppError::Unauthorized)));
        assert!(matches!(auth::resolve_token(&env.app, &format!("{secret}x"), "GET /").await, Err(AppError::Unauthorized)));

        // Revoked: only by its owner, and then refused.
        let (_, admin_s) = env.session("admin@recovery.test").await;
        assert!(matches!(auth::revoke_token(&env.app, &admin_s, view.id).await, Err(AppError::NotFound)));
        assert!(auth::resolve_token(&env.app, &secret, "GET /").await.is_ok());
        auth::revoke_token(&env.app, &s, view.id).await.unwrap();
        assert!(matches!(auth::resolve_token(&env.app, &secret, "GET /").await, Err(AppError::Unauthorized)));
        assert!(auth::list_tokens(&env.app, coord).await.unwrap().iter().any(|t| t.id == view.id && t.revoked));

        // Expired: valid until its last second, refused from then on.
        let (_, short) = auth::create_token(&env.app, coord, Some(a), "kort".into(), TokenScope::Read, 1, route).await.unwrap();
        env.clock.advance_seconds(86_400 - 1);
        assert!(auth::resolve_token(&env.app, &short, "GET /").await.is_ok());
        env.clock.advance_seconds(1);
        assert!(matches!(auth::resolve_token(&env.app, &short, "GET /").await, Err(AppError::Unauthorized)));

        // A deactivated account's tokens stop working.
        assert!(auth::resolve_token(&env.app, &write, "GET /").await.is_ok());
        let admin_ctx = env.ctx(admin, a).await;
        app_people::update_staff(&env.app, &admin_ctx, coord, "Koordinator", "coordinator", false).await.unwrap();
        assert!(matches!(auth::resolve_token(&env.app, &write, "GET /").await, Err(AppError::Unauthorized)));

        let created =
            env.audit_records(AuditFilter { action: Some("create".into()), actor: Some(coord.to_string()), ..Default::default() }).await;
        assert_eq!(created.iter().filter(|r| r.event.subject_type == "api_token").count(), 3);
    })
    .await;
}

// ---------------------------------------------------------------- 5. participants: authorisation and audit

/// Successful and refused reads per participant, as the scenario saw them.
#[derive(Default)]
struct Reads(BTreeMap<ParticipantId, (usize, usize)>);

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
async fn participant_scenario(env: &Env) -> Reads {
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

    // The agreement's last day still counts; the day after, reading is refused again.
    env.set_date((2026, 6, 30, 23, 59, 0));
    reads.get(env, &coord_b, p.id).await.unwrap();
    env.set_date((2026, 7, 1, 0, 0, 1));
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

// ---------------------------------------------------------------- 6. the audit chain

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_chain_is_intact_and_every_read_is_recorded_once() {
    on_every_backend("audit chain", |env| async move {
        let reads = participant_scenario(&env).await;
        // Some logins too, failed and successful.
        let a = env.org("Lindholm Kommune", false).await;
        env.staff(a, "ulla@lindholm.test", Role::Evaluator).await;
        env.session("ulla@lindholm.test").await;
        assert!(auth::login(&env.app, "ulla@lindholm.test", "wrong password!!", "10.3.0.1").await.is_err());

        // The chain verifies, and counts every record there is.
        let head = env.audit_head().await;
        let (_, total) =
            env.app.db.read(|c| sammen_store::audit::search(c, &AuditFilter::default(), Page { offset: 0, limit: 0 })).await.unwrap();
        assert!(total > 50, "the scenario wrote {total} records");
        assert_eq!(head, total);
        assert_eq!(env.verify_chain().await, audit::Verification::Intact { records: u64::try_from(total).unwrap() });

        // Every successful read wrote exactly one `read` record naming the participant; every refusal one denial.
        for (id, (ok, denied)) in &reads.0 {
            let recs =
                env.audit_records(AuditFilter { subject: Some(id.to_string()), action: Some("read".into()), ..Default::default() }).await;
            assert!(
                recs.iter()
                    .all(|r| r.event.subject_type == "participant" && r.event.subject_id.as_deref() == Some(id.to_string().as_str()))
            );
            assert_eq!(recs.iter().filter(|r| r.event.outcome == AuditOutcome::Ok).count(), *ok, "successful reads of {id}");
            assert_eq!(recs.iter().filter(|r| r.event.outcome == AuditOutcome::Denied).count(), *denied, "refused reads of {id}");
            assert!(
                recs.iter().filter(|r| r.event.outcome == AuditOutcome::Ok).all(|r| r.event.purpose != "denied" && r.event.actor.is_some())
            );
        }
        // No record carries a participant's name or CPR number.
        let all = env.audit_records(AuditFilter::default()).await;
        assert!(all.iter().all(|r| {
            let s = format!("{:?}", r.event);
            !s.contains("Prøvesen") && !s.contains("0101901234")
        }));

        // The database itself refuses to change or remove a record ...
        let victim = all[all.len() / 2].seq;
        let tamper = format!("UPDATE audit_log SET purpose = 'tampered' WHERE seq = {victim}");
        {
            use diesel::connection::SimpleConnection;
            let mut c = env._db.connect();
            let refused = c.batch_execute(&tamper).unwrap_err().to_string();
            assert!(refused.contains("append-only"), "{refused}");
            let refused = c.batch_execute(&format!("DELETE FROM audit_log WHERE seq = {victim}")).unwrap_err().to_string();
            assert!(refused.contains("append-only"), "{refused}");
            assert_eq!(env.verify_chain().await, audit::Verification::Intact { records: u64::try_from(total).unwrap() });
            // ... and when someone with the database's owner rights does it anyway, verification
            // finds the changed record.
            let drop = if env.backend == "postgres" {
                "DROP TRIGGER audit_log_no_update ON audit_log"
            } else {
                "DROP TRIGGER audit_log_no_update"
            };
            c.batch_execute(drop).unwrap();
            c.batch_execute(&tamper).unwrap();
        }
        match env.verify_chain().await {
            audit::Verification::Broken(b) => assert_eq!(b.seq, victim, "{b:?}"),
            other => panic!("tampering went unnoticed: {other:?}"),
        }
    })
    .await;
}

// ---------------------------------------------------------------- 7. validation

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

// ---------------------------------------------------------------- 8. the demo data set

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
                let id = o.id.to_string();
                move |c| sammen_store::auth::staff_of(c, &id, ALL)
            });
            let roles: BTreeSet<String> = staff.await.unwrap().0.into_iter().map(|(_, r)| r).collect();
            let want: BTreeSet<String> = Role::ALL.iter().map(|r| r.code().to_owned()).collect();
            assert_eq!(roles, want, "every role in {}", o.name);
            let n = env.participant_count(o.id).await;
            assert!(n >= 50, "{}: {n} participants", o.name);
            participants += n;
            let id = o.id.to_string();
            peers += env.app.db.read(move |c| sammen_store::people::peers_of_org(c, &id, Page { offset: 0, limit: 0 })).await.unwrap().1;
            let org_logins: BTreeSet<&str> = logins.iter().filter(|l| l.organisation == o.name).map(|l| l.role.as_str()).collect();
            assert_eq!(org_logins.len(), Role::ALL.len(), "a login of every role in {}", o.name);
        }
        assert!(participants >= 500, "{participants} participants");
        assert!((40..=70).contains(&peers), "{peers} peer workers");
        // The logins: the system administrator plus six per organisation (and a system administrator already here).
        // Plus the external supervisor of supervision (issue 3), who has no organisation.
        assert_eq!(logins.len(), 1 + 6 * 6 + 1);
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
                    let ids: Vec<String> = sammen_store::directory::orgs(c)?.into_iter().map(|o| o.id).collect();
                    let mut people = 0;
                    for id in &ids {
                        people += sammen_store::people::count_participants(c, id, None)?.iter().map(|(_, n)| n).sum::<i64>();
                        people += sammen_store::auth::staff_of(c, id, Page { offset: 0, limit: 0 })?.1;
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

#[path = "app/measurement.rs"]
mod measurement;

#[path = "app/report.rs"]
mod report;

#[path = "app/import.rs"]
mod import;

#[path = "app/workforce.rs"]
mod workforce;

#[path = "app/courses.rs"]
mod courses;
#[path = "app/groups.rs"]
mod groups;
#[path = "app/intake.rs"]
mod intake;
// Supervision and wellbeing (issue 3, items 6 and 7).
#[path = "app/supervision.rs"]
mod supervision;
// Onboarding and training (issue 3).
#[path = "app/training.rs"]
mod training;
// Recruitment (issue 3, item 2).
#[path = "app/recruitment.rs"]
mod recruitment;
