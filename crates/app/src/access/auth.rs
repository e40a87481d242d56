//! Authentication: passwords (Argon2id), server-side sessions, TOTP, API tokens and login
//! throttling. Every outcome of a login attempt is audited.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use base64::Engine;
use sammen_domain::audit::{AuditAction, AuditEvent, AuditOutcome};
use sammen_domain::people::{Email, Password, Role};
use sammen_domain::policy::{self, Actor, Basis, Membership};
use sammen_domain::time::Timestamp;
use sammen_domain::{OrgId, TokenId, UserId, ValidationErrors};
use sammen_store::rows::{ApiTokenRow, MembershipRow, SessionRow, UserRow};
use sammen_store::{DbConnection, StoreError, Stored, Unstore, access as st, directory, people as stp, stored};
use sha2::{Digest, Sha256};

use crate::{App, AppError, AppResult, Ctx, Subject, Via, access::totp, guarded};

/// Argon2id with 19 MiB of memory, 2 passes, 1 lane (the OWASP minimum).
fn argon() -> AppResult<Argon2<'static>> {
    let params = Params::new(19 * 1024, 2, 1, None).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes a password with a salt from the app's random source.
pub fn hash_password(app: &App, pw: &Password) -> AppResult<String> {
    let salt_bytes: [u8; 16] = app.random_bytes();
    let salt = SaltString::encode_b64(&salt_bytes).map_err(|e| AppError::Internal(e.to_string()))?;
    argon()?.hash_password(pw.expose().as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| AppError::Internal(e.to_string()))
}

fn verify_password(hash: &str, pw: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(hash) else { return false };
    argon().map(|a| a.verify_password(pw.as_bytes(), &parsed).is_ok()).unwrap_or(false)
}

/// A hash to verify against when the account does not exist, so both cases take as long.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FtbWVuLWR1bW15LXNhbHQ$0VQ4ycyxWNS2bCYXE8hp2Jq0bA3f5lKsVG6sY4VxC7s";

pub fn sha256_hex(s: &str) -> String {
    hex::encode(Sha256::digest(s.as_bytes()))
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// What the user must still do after a correct password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecondFactor {
    /// Nothing: the session is complete.
    Done,
    /// Enter a TOTP code.
    Code,
    /// Set up TOTP first: the organisation requires it.
    Enrol,
}

/// A successful password check: the session's secret (for the cookie) and what remains.
pub struct LoginResult {
    pub session_token: String,
    pub second_factor: SecondFactor,
}

enum Attempt {
    Locked,
    Failed,
    Ok(LoginResult),
}

fn login_event(at: Timestamp, user: Option<UserId>, outcome: AuditOutcome, purpose: &str) -> AuditEvent {
    AuditEvent {
        at,
        actor: user.map(|u| u.to_string()),
        organisation: None,
        action: AuditAction::Login,
        subject_type: "user".into(),
        subject_id: user.map(|u| u.to_string()),
        purpose: purpose.into(),
        route: "POST /login".into(),
        outcome,
    }
}

/// Counts a failure against a throttle key; returns whether it is now locked.
fn count_failure(conn: &mut DbConnection, key: &str, now: i64, max: i64, app: &App) -> Result<(), StoreError> {
    let window = app.security.throttle_window_seconds * Timestamp::MICROS_PER_SECOND;
    let (failures, start, _) = st::throttle(conn, key)?.unwrap_or((0, now, 0));
    let (failures, start) = if now - start > window { (1, now) } else { (failures + 1, start) };
    let locked_until = if failures >= max { now + app.security.lockout_seconds * Timestamp::MICROS_PER_SECOND } else { 0 };
    st::set_throttle(conn, key, failures, start, locked_until)
}

/// Counts one submission of a public form (self-referral, job application) against a throttle
/// key; returns whether it may go ahead. Every submission counts, a honeypot's too; more than
/// `max` within the window locks the key for a window.
pub(crate) fn count_submission(conn: &mut DbConnection, key: &str, now: i64, max: i64, app: &App) -> Result<bool, StoreError> {
    let window = app.security.throttle_window_seconds * Timestamp::MICROS_PER_SECOND;
    let (n, start, until) = st::throttle(conn, key)?.unwrap_or((0, now, 0));
    if until > now {
        return Ok(false);
    }
    let (n, start) = if now - start > window { (1, now) } else { (n + 1, start) };
    let locked = if n > max { now + window } else { 0 };
    st::set_throttle(conn, key, n, start, locked)?;
    Ok(locked == 0)
}

fn is_locked(conn: &mut DbConnection, key: &str, now: i64) -> Result<bool, StoreError> {
    Ok(st::throttle(conn, key)?.is_some_and(|(_, _, until)| until > now))
}

/// Checks a password and opens a session. An unknown account and a wrong password get the
/// same answer, after the same amount of work. Throttled per account and per address.
pub async fn login(app: &App, email: &str, password: &str, address: &str) -> AppResult<LoginResult> {
    // Throttle keys are stored hashed: the table holds no e-mail addresses or IP addresses.
    let email_key = sha256_hex(&format!("acct:{}", email.trim().to_lowercase()));
    let addr_key = sha256_hex(&format!("addr:{address}"));
    let normalized = Email::parse(email).ok();
    let user = match &normalized {
        Some(e) => {
            let e = e.as_str().to_owned();
            app.db.read(move |c| st::user_by_email(c, &e)).await?
        }
        None => None,
    };
    let hash = user.as_ref().filter(|u| u.active).map(|u| u.password_hash.clone()).unwrap_or_else(|| DUMMY_HASH.into());
    let pw = password.to_owned();
    let verified = tokio::task::spawn_blocking(move || verify_password(&hash, &pw)).await.map_err(|e| AppError::Internal(e.to_string()))?;
    let verified = verified && user.as_ref().is_some_and(|u| u.active);
    let token_bytes: [u8; 32] = app.random_bytes();
    let csrf_bytes: [u8; 32] = app.random_bytes();
    let app2 = app.clone();
    let attempt = app
        .db
        .write(move |tx| -> AppResult<Attempt> {
            let now = app2.now().micros();
            let uid = user.as_ref().map(|u| u.id.get());
            if is_locked(tx.conn(), &email_key, now)? || is_locked(tx.conn(), &addr_key, now)? {
                tx.audit(login_event(app2.now(), uid, AuditOutcome::Denied, "throttled"));
                return Ok(Attempt::Locked);
            }
            let (Some(u), true) = (user, verified) else {
                count_failure(tx.conn(), &email_key, now, app2.security.account_max_failures, &app2)?;
                count_failure(tx.conn(), &addr_key, now, app2.security.address_max_failures, &app2)?;
                tx.audit(login_event(app2.now(), uid, AuditOutcome::Failed, "password"));
                return Ok(Attempt::Failed);
            };
            st::clear_throttle(tx.conn(), &email_key)?;
            let second = second_factor_for(tx.conn(), &u, false)?;
            let token = b64(&token_bytes);
            let memberships = st::memberships_of(tx.conn(), *u.id)?;
            st::insert_session(
                tx.conn(),
                &SessionRow {
                    id_hash: sha256_hex(&token),
                    user_id: u.id,
                    organisation_id: memberships.first().map(|m| m.organisation_id),
                    csrf: b64(&csrf_bytes),
                    second_factor_ok: false,
                    created_at: now,
                    last_seen_at: now,
                    expires_at: now + app2.security.session_absolute_seconds * Timestamp::MICROS_PER_SECOND,
                    revoked_at: None,
                },
            )?;
            tx.audit(login_event(app2.now(), Some(u.id.get()), AuditOutcome::Ok, "password"));
            Ok(Attempt::Ok(LoginResult { session_token: token, second_factor: second }))
        })
        .await?;
    match attempt {
        Attempt::Locked => Err(AppError::TooManyAttempts),
        Attempt::Failed => Err(AppError::Unauthorized),
        Attempt::Ok(r) => Ok(r),
    }
}

fn second_factor_for(conn: &mut DbConnection, u: &UserRow, session_ok: bool) -> Result<SecondFactor, StoreError> {
    if u.totp_enabled {
        return Ok(if session_ok { SecondFactor::Done } else { SecondFactor::Code });
    }
    Ok(if directory::any_requires_totp(conn, *u.id)? { SecondFactor::Enrol } else { SecondFactor::Done })
}

/// One of the actor's organisations, for the organisation switcher.
#[derive(Debug, Clone)]
pub struct OrgChoice {
    pub id: OrgId,
    pub name: String,
    pub role: Role,
    /// The organisation's clock, read with its name (no query of its own per request).
    pub zone: sammen_domain::time::Zone,
}

/// A live session, resolved from its cookie.
#[derive(Clone)]
pub struct SessionInfo {
    pub id_hash: String,
    pub user: UserId,
    pub display_name: String,
    pub email: String,
    pub csrf: String,
    pub actor: Actor,
    pub org: Option<OrgId>,
    pub orgs: Vec<OrgChoice>,
    pub second_factor: SecondFactor,
    pub totp_enabled: bool,
    /// The active organisation's time zone: pages show times on its clock.
    pub zone: sammen_domain::time::Zone,
}

impl SessionInfo {
    pub fn ctx(&self, route: &str) -> Ctx {
        Ctx { actor: self.actor.clone(), org: self.org, route: route.to_owned(), via: Via::Web, can_write: true }
    }
    pub fn role(&self) -> Option<Role> {
        self.org.and_then(|o| self.actor.role_in(o))
    }
}

fn membership_of(m: &MembershipRow) -> Result<Membership, StoreError> {
    let role = m.role.get();
    Ok(Membership { org: m.organisation_id.get(), role })
}

fn actor_with(conn: &mut DbConnection, user: UserId, system_admin: bool, memberships: Vec<Membership>) -> Result<Actor, StoreError> {
    let peer_worker_ids = stp::peers_of_user(conn, user)?;
    Ok(Actor { user, system_admin, memberships, peer_worker_ids })
}

/// Builds the policy's view of a user: their memberships and linked peer-worker records,
/// and the names of their organisations (for the organisation switcher).
pub fn load_actor(conn: &mut DbConnection, u: &UserRow) -> Result<(Actor, Vec<OrgChoice>), StoreError> {
    let ms = st::memberships_with_org_names(conn, *u.id)?;
    let mut memberships = Vec::with_capacity(ms.len());
    let mut choices = Vec::with_capacity(ms.len());
    for (m, name, zone) in ms {
        let membership = membership_of(&m)?;
        let zone = zone.map(|z| sammen_domain::time::Zone::from_stored(&z)).unwrap_or_default();
        choices.push(OrgChoice { id: membership.org, name: name.unwrap_or_default(), role: membership.role, zone });
        memberships.push(membership);
    }
    Ok((actor_with(conn, u.id.get(), u.system_admin, memberships)?, choices))
}

/// The policy's view of a user alone, as [`load_actor`] builds it but without the
/// organisation names: two queries, for the bearer-token path of every API request.
pub fn actor_of(conn: &mut DbConnection, user: UserId, system_admin: bool) -> Result<Actor, StoreError> {
    let memberships = st::memberships_of(conn, user)?.iter().map(membership_of).collect::<Result<Vec<_>, _>>()?;
    actor_with(conn, user, system_admin, memberships)
}

/// Resolves a session cookie. Expired (idle or absolute) and revoked sessions resolve to None.
pub async fn resolve_session(app: &App, token: &str) -> AppResult<Option<SessionInfo>> {
    let id_hash = sha256_hex(token);
    let now = app.now().micros();
    let idle = app.security.session_idle_seconds * Timestamp::MICROS_PER_SECOND;
    let found = app
        .db
        .read(move |c| -> AppResult<Option<(SessionRow, SessionInfo)>> {
            let Some(s) = st::session(c, &id_hash)? else { return Ok(None) };
            if s.revoked_at.is_some() || s.expires_at <= now || s.last_seen_at + idle <= now {
                return Ok(None);
            }
            let Some(u) = st::user_by_id(c, *s.user_id)?.filter(|u| u.active) else { return Ok(None) };
            let (actor, orgs) = load_actor(c, &u)?;
            let second_factor = second_factor_for(c, &u, s.second_factor_ok)?;
            let org = s.organisation_id.get().filter(|o| actor.role_in(*o).is_some());
            let org = org.or_else(|| actor.memberships.first().map(|m| m.org));
            let zone = orgs.iter().find(|o| Some(o.id) == org).map(|o| o.zone.clone()).unwrap_or_default();
            let info = SessionInfo {
                id_hash: s.id_hash.clone(),
                user: actor.user,
                display_name: u.display_name.clone(),
                email: u.email.clone(),
                csrf: s.csrf.clone(),
                org,
                actor,
                orgs,
                second_factor,
                totp_enabled: u.totp_enabled,
                zone,
            };
            Ok(Some((s, info)))
        })
        .await?;
    let Some((row, info)) = found else { return Ok(None) };
    // Idle expiry needs last-seen; writing it at most once a minute keeps reads cheap.
    if now - row.last_seen_at > 60 * Timestamp::MICROS_PER_SECOND {
        let h = row.id_hash.clone();
        app.db.write(move |tx| -> AppResult<()> { Ok(st::touch_session(tx.conn(), &h, now)?) }).await?;
    }
    Ok(Some(info))
}

/// Ends a session.
pub async fn logout(app: &App, s: &SessionInfo) -> AppResult<()> {
    let h = s.id_hash.clone();
    let ctx = s.ctx("POST /logout");
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<()> {
            st::revoke_session(tx.conn(), &h, app2.now().micros())?;
            tx.audit(ctx.event(
                app2.now(),
                AuditAction::Logout,
                "user",
                Some(ctx.actor.user.to_string()),
                None,
                "session".into(),
                AuditOutcome::Ok,
            ));
            Ok(())
        })
        .await
}

/// Switches the session's working organisation to one the user belongs to.
pub async fn switch_org(app: &App, s: &SessionInfo, org: OrgId) -> AppResult<()> {
    if s.actor.role_in(org).is_none() {
        return Err(AppError::NotFound);
    }
    let h = s.id_hash.clone();
    app.db.write(move |tx| -> AppResult<()> { Ok(st::session_set_org(tx.conn(), &h, org)?) }).await
}

/// Checks the TOTP code that completes a login.
pub async fn verify_second_factor(app: &App, s: &SessionInfo, code: &str) -> AppResult<()> {
    let uid = s.user;
    let h = s.id_hash.clone();
    let code = code.to_owned();
    let ctx = s.ctx("POST /login/totp");
    let app2 = app.clone();
    let ok = app
        .db
        .write(move |tx| -> AppResult<bool> {
            let u = st::user_by_id(tx.conn(), uid)?.ok_or(AppError::Unauthorized)?;
            let secret = u.totp_secret.as_deref().and_then(totp::base32_decode).ok_or(AppError::Unauthorized)?;
            let key = sha256_hex(&format!("totp:{uid}"));
            let now = app2.now();
            if is_locked(tx.conn(), &key, now.micros())? {
                // Audited like a throttled password: every outcome of a login attempt is.
                tx.audit_always(ctx.event(
                    now,
                    AuditAction::Login,
                    "user",
                    Some(uid.to_string()),
                    None,
                    "throttled".into(),
                    AuditOutcome::Denied,
                ));
                return Err(AppError::TooManyAttempts);
            }
            let step = totp::verify(&secret, &code, now.unix_seconds()).filter(|s| u.totp_last_step.is_none_or(|last| *s > last));
            let ok = u.totp_enabled && step.is_some();
            if ok {
                let mut u = u.clone();
                u.totp_last_step = step;
                st::update_user(tx.conn(), &u)?;
                st::session_second_factor_ok(tx.conn(), &h)?;
                st::clear_throttle(tx.conn(), &key)?;
            } else {
                count_failure(tx.conn(), &key, now.micros(), app2.security.account_max_failures, &app2)?;
            }
            let outcome = if ok { AuditOutcome::Ok } else { AuditOutcome::Failed };
            tx.audit(ctx.event(now, AuditAction::Login, "user", Some(uid.to_string()), None, "totp".into(), outcome));
            Ok(ok)
        })
        .await?;
    if ok { Ok(()) } else { Err(AppError::Validation(ValidationErrors::single("code", "err-totp-code"))) }
}

/// Starts TOTP enrolment: a new secret, not yet in force. Returns (base32 secret, otpauth URI).
pub async fn totp_begin(app: &App, s: &SessionInfo) -> AppResult<(String, String)> {
    let secret = totp::base32_encode(&app.random_bytes::<20>());
    let uri = totp::otpauth_uri(&secret, &s.email);
    let uid = s.user;
    let stored = secret.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<()> {
            let mut u = st::user_by_id(tx.conn(), uid)?.ok_or(AppError::NotFound)?;
            if u.totp_enabled {
                return Err(AppError::Forbidden);
            }
            u.totp_secret = Some(stored);
            u.updated_at = app2.now().micros();
            st::update_user(tx.conn(), &u)?;
            Ok(())
        })
        .await?;
    Ok((secret, uri))
}

/// Confirms enrolment with a first code; from then on every login asks for one.
pub async fn totp_confirm(app: &App, s: &SessionInfo, code: &str) -> AppResult<()> {
    let uid = s.user;
    let h = s.id_hash.clone();
    let code = code.to_owned();
    let ctx = s.ctx("POST /account/totp/confirm");
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<()> {
            let mut u = st::user_by_id(tx.conn(), uid)?.ok_or(AppError::NotFound)?;
            let secret = u.totp_secret.as_deref().and_then(totp::base32_decode).ok_or(AppError::NotFound)?;
            let Some(step) = totp::verify(&secret, &code, app2.now().unix_seconds()) else {
                return Err(AppError::Validation(ValidationErrors::single("code", "err-totp-code")));
            };
            u.totp_enabled = true;
            u.totp_last_step = Some(step);
            u.updated_at = app2.now().micros();
            st::update_user(tx.conn(), &u)?;
            st::session_second_factor_ok(tx.conn(), &h)?;
            tx.audit(ctx.event(
                app2.now(),
                AuditAction::Update,
                "user",
                Some(uid.to_string()),
                None,
                "totp_enabled".into(),
                AuditOutcome::Ok,
            ));
            Ok(())
        })
        .await
}

/// Turns TOTP off (needs the password and a completed login), unless an organisation of
/// the user requires it.
pub async fn totp_disable(app: &App, s: &SessionInfo, password: &str) -> AppResult<()> {
    if s.second_factor != SecondFactor::Done {
        return Err(AppError::Forbidden);
    }
    let uid = s.user;
    let u = app.db.read(move |c| st::user_by_id(c, uid)).await?.ok_or(AppError::NotFound)?;
    check_password(&u.password_hash, password, "current_password").await?;
    let ctx = s.ctx("POST /account/totp/disable");
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<()> {
            let mut u = st::user_by_id(tx.conn(), uid)?.ok_or(AppError::NotFound)?;
            u.totp_enabled = false;
            u.totp_secret = None;
            u.totp_last_step = None;
            if second_factor_for(tx.conn(), &u, false)? == SecondFactor::Enrol {
                return Err(AppError::Forbidden);
            }
            u.updated_at = app2.now().micros();
            st::update_user(tx.conn(), &u)?;
            tx.audit(ctx.event(
                app2.now(),
                AuditAction::Update,
                "user",
                Some(uid.to_string()),
                None,
                "totp_disabled".into(),
                AuditOutcome::Ok,
            ));
            Ok(())
        })
        .await
}

async fn check_password(hash: &str, password: &str, field: &str) -> AppResult<()> {
    let (h, p) = (hash.to_owned(), password.to_owned());
    let ok = tokio::task::spawn_blocking(move || verify_password(&h, &p)).await.map_err(|e| AppError::Internal(e.to_string()))?;
    if ok { Ok(()) } else { Err(AppError::Validation(ValidationErrors::single(field, "err-password-wrong"))) }
}

/// Changes one's own password; every other session of the user ends.
pub async fn change_password(app: &App, s: &SessionInfo, current: &str, new: &str, repeat: &str) -> AppResult<()> {
    let mut e = ValidationErrors::new();
    let new_pw = e.check("new_password", Password::parse(new));
    if new != repeat {
        e.add("repeat_password", "err-password-mismatch");
    }
    let uid = s.user;
    let u = app.db.read(move |c| st::user_by_id(c, uid)).await?.ok_or(AppError::NotFound)?;
    if let Err(AppError::Validation(v)) = check_password(&u.password_hash, current, "current_password").await {
        e.fields.extend(v.fields);
    }
    let Some(new_pw) = new_pw.filter(|_| e.is_empty()) else { return Err(AppError::Validation(e)) };
    let hash = {
        let app = app.clone();
        tokio::task::spawn_blocking(move || hash_password(&app, &new_pw)).await.map_err(|e| AppError::Internal(e.to_string()))??
    };
    let keep = s.id_hash.clone();
    let ctx = s.ctx("POST /account/password");
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<()> {
            let mut u = st::user_by_id(tx.conn(), uid)?.ok_or(AppError::NotFound)?;
            let now = app2.now().micros();
            u.password_hash = hash;
            u.password_changed_at = now;
            u.updated_at = now;
            st::update_user(tx.conn(), &u)?;
            st::revoke_sessions_of(tx.conn(), uid, Some(&keep), now)?;
            tx.audit(ctx.event(
                app2.now(),
                AuditAction::Update,
                "user",
                Some(uid.to_string()),
                None,
                "password_changed".into(),
                AuditOutcome::Ok,
            ));
            Ok(())
        })
        .await
}

/// An administrator gives a user of their organisation a new one-time password (shown once);
/// the user's sessions end. Returns the new password.
pub async fn reset_password(app: &App, ctx: &Ctx, user: UserId) -> AppResult<String> {
    ctx.require_write()?;
    let temp = b64(&app.random_bytes::<12>());
    let pw = Password::parse(&temp).map_err(|m| AppError::Internal(m.into()))?;
    let hash = {
        let app = app.clone();
        tokio::task::spawn_blocking(move || hash_password(&app, &pw)).await.map_err(|e| AppError::Internal(e.to_string()))??
    };
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<()> {
            let now = app2.now();
            let (mut u, (basis, orgs)) = guarded(
                tx,
                &ctx,
                now,
                AuditAction::Update,
                Subject::record(&ctx, "user", user),
                |c| st::user_by_id(c, user),
                |c, _| {
                    let orgs = st::memberships_of(c, user)?;
                    let basis = orgs.iter().map(|m| m.organisation_id.get()).find_map(|o| policy::edit_staff(&ctx.actor, o).ok());
                    Ok(basis.map(|b| (b, orgs)))
                },
            )?;
            u.password_hash = hash;
            u.password_changed_at = now.micros();
            u.updated_at = now.micros();
            st::update_user(tx.conn(), &u)?;
            st::revoke_sessions_of(tx.conn(), user, None, now.micros())?;
            let org = orgs.first().map(|m| m.organisation_id.to_string());
            tx.audit(ctx.event(
                now,
                AuditAction::Update,
                "user",
                Some(user.to_string()),
                org,
                format!("password_reset;{}", basis.describe()),
                AuditOutcome::Ok,
            ));
            Ok(())
        })
        .await?;
    Ok(temp)
}

/// The scope of an API token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenScope {
    Read,
    Write,
}

impl TokenScope {
    pub fn code(self) -> &'static str {
        match self {
            TokenScope::Read => "read",
            TokenScope::Write => "write",
        }
    }
    pub fn parse(s: &str) -> Result<Self, &'static str> {
        match s.trim() {
            "read" => Ok(TokenScope::Read),
            "write" => Ok(TokenScope::Write),
            _ => Err("err-choice"),
        }
    }
}

/// A token as listed (never its secret).
#[derive(Debug, Clone)]
pub struct TokenView {
    pub id: TokenId,
    pub name: String,
    pub scope: String,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    pub revoked: bool,
    pub last_used_at: Option<Timestamp>,
}

fn token_view(r: &ApiTokenRow) -> TokenView {
    TokenView {
        id: r.id.get(),
        name: r.name.clone(),
        scope: r.scope.clone(),
        created_at: Timestamp(r.created_at),
        expires_at: Timestamp(r.expires_at),
        revoked: r.revoked_at.is_some(),
        last_used_at: r.last_used_at.map(Timestamp),
    }
}

/// Parses the form of a new token: a name, a scope and a lifetime in days.
pub fn parse_token_request(
    name: &str,
    scope: &str,
    days: Option<&str>,
    max_days: i64,
    default_days: i64,
) -> Result<(String, TokenScope, i64), ValidationErrors> {
    let mut e = ValidationErrors::new();
    let name = e.check("name", sammen_domain::validation::required_text(name, 100));
    let scope = e.check("scope", TokenScope::parse(scope));
    let days = e.check(
        "days",
        match days.map(str::trim).filter(|d| !d.is_empty()) {
            None => Ok(default_days),
            Some(d) => d.parse::<i64>().ok().filter(|d| (1..=max_days).contains(d)).ok_or("err-choice"),
        },
    );
    match (name, scope, days) {
        (Some(n), Some(s), Some(d)) if e.is_empty() => Ok((n, s, d)),
        _ => Err(e),
    }
}

/// Creates a personal API token; returns it once in plain text. Only its hash is stored.
pub async fn create_token(
    app: &App,
    user: UserId,
    org: Option<OrgId>,
    name: String,
    scope: TokenScope,
    days: i64,
    route: &str,
) -> AppResult<(TokenView, String)> {
    let secret = format!("smn_{}", b64(&app.random_bytes::<32>()));
    let now = app.now();
    let row = ApiTokenRow {
        id: Stored(app.next_id()),
        user_id: user.into(),
        organisation_id: stored(org),
        name,
        token_hash: sha256_hex(&secret),
        scope: scope.code().into(),
        created_at: now.micros(),
        expires_at: now.plus_seconds(days * 86_400).micros(),
        revoked_at: None,
        last_used_at: None,
    };
    let view = token_view(&row);
    let route = route.to_owned();
    app.db
        .write(move |tx| -> AppResult<()> {
            st::insert_token(tx.conn(), &row)?;
            tx.audit(AuditEvent {
                at: now,
                actor: Some(row.user_id.to_string()),
                organisation: row.organisation_id.map(|o| o.to_string()),
                action: AuditAction::Create,
                subject_type: "api_token".into(),
                subject_id: Some(row.id.to_string()),
                purpose: format!("scope:{}", row.scope),
                route,
                outcome: AuditOutcome::Ok,
            });
            Ok(())
        })
        .await?;
    Ok((view, secret))
}

pub async fn list_tokens(app: &App, user: UserId) -> AppResult<Vec<TokenView>> {
    let rows = app.db.read(move |c| st::tokens_of(c, user)).await?;
    Ok(rows.iter().map(token_view).collect())
}

pub async fn revoke_token(app: &App, s: &SessionInfo, id: TokenId) -> AppResult<()> {
    let ctx = s.ctx("POST /account/tokens/{id}/revoke");
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<()> {
            let n = st::revoke_token(tx.conn(), ctx.actor.user, id, app2.now().micros())?;
            if n == 0 {
                return Err(AppError::NotFound);
            }
            tx.audit(ctx.event(
                app2.now(),
                AuditAction::Update,
                "api_token",
                Some(id.to_string()),
                None,
                "revoked".into(),
                AuditOutcome::Ok,
            ));
            Ok(())
        })
        .await
}

/// A token's actor, organisation and whether it may write.
type TokenActor = (Actor, Option<OrgId>, bool);

/// Resolves an API token to a request context. Expired, revoked and unknown tokens are
/// refused alike.
pub async fn resolve_token(app: &App, secret: &str, route: &str) -> AppResult<Ctx> {
    let hash = sha256_hex(secret.trim());
    let now = app.now().micros();
    let (ctx, touch) = app
        .db
        .lookup(move |c| -> AppResult<(Option<TokenActor>, Option<TokenId>)> {
            // The token and its account in one query; then memberships and peer-worker links.
            // Nothing here is cached: a revoked token or a deactivated account is refused on
            // the very next request.
            let Some(t) = st::token_check(c, &hash)? else { return Ok((None, None)) };
            if t.revoked_at.is_some() || t.expires_at <= now || !t.active {
                return Ok((None, None));
            }
            let actor = actor_of(c, t.user_id.get(), t.system_admin)?;
            let org = t.organisation_id.get().filter(|o| actor.role_in(*o).is_some());
            let stale = t.last_used_at.is_none_or(|l| now - l > 60 * Timestamp::MICROS_PER_SECOND);
            let touch = if stale { Some(t.token_id.get()) } else { None };
            Ok((Some((actor, org, t.scope == "write")), touch))
        })
        .await?;
    let Some((actor, org, can_write)) = ctx else { return Err(AppError::Unauthorized) };
    if let Some(id) = touch {
        app.db.write(move |tx| -> AppResult<()> { Ok(st::touch_token(tx.conn(), id, now)?) }).await?;
    }
    Ok(Ctx { actor, org, route: route.to_owned(), via: Via::Api, can_write })
}

/// The basis on which a system administrator acts, for audit records of the CLI.
pub fn cli_basis() -> Basis {
    Basis::SystemAdministration
}
