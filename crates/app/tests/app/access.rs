//! Access: login and its throttles, sessions, TOTP, API tokens, and the audit chain.

use sammen_app::access::auth::{self, SecondFactor, TokenScope};
use sammen_app::people as app_people;
use sammen_app::{AppError, AppResult, Ctx, Via, access::audit, access::totp};
use sammen_domain::UserId;
use sammen_domain::audit::{AuditAction, AuditOutcome};
use sammen_domain::people::{Password, Role};
use sammen_store::Page;
use sammen_store::audit::AuditFilter;

use crate::harness::*;
use crate::people::participant_scenario;

// ---------------------------------------------------------------- login and throttling

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

// ---------------------------------------------------------------- sessions

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

// ---------------------------------------------------------------- TOTP

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

// ---------------------------------------------------------------- API tokens

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
        let rows = env.app.db.read(move |c| sammen_store::access::tokens_of(c, coord)).await.unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].token_hash, auth::sha256_hex(&secret));
        assert_eq!(rows[0].token_hash.len(), 64);
        let random_part = &secret["smn_".len()..];
        assert!(!format!("{:?}", rows[0]).contains(random_part), "the secret is not stored");
        let none = env.app.db.read({
            let s = secret.clone();
            move |c| sammen_store::access::token_by_hash(c, &s)
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

// ---------------------------------------------------------------- the audit chain

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
