//! Accounts, memberships, sessions, API tokens and login throttling.
//!
//! Look-ups by a unique key use `get_result`, not `first`: `first` adds `LIMIT ?`, and the
//! bundled SQLite (3.53) lets a bound LIMIT shape the query plan, so every new binding of the
//! cached statement makes SQLite parse and plan it again. On the bearer-token path of the API
//! that re-preparing was the largest single cost of a request (BENCHMARKS.md). A unique key
//! matches at most one row, so the answer is the same.

use crate::codec::Stored;
use diesel::prelude::*;
use sammen_domain::ids::{OrgId, TokenId, UserId};
use sammen_domain::people::Role;

use crate::rows::{ApiTokenRow, MembershipRow, SessionRow, UserRow};
use crate::schema::{api_tokens, login_throttle, memberships, organisations, sessions, users};
use crate::{DbConnection, Page, StoreError};

pub fn insert_user(conn: &mut DbConnection, u: &UserRow) -> Result<(), StoreError> {
    diesel::insert_into(users::table).values(u).execute(conn)?;
    Ok(())
}

pub fn user_by_id(conn: &mut DbConnection, id: UserId) -> Result<Option<UserRow>, StoreError> {
    Ok(users::table.find(Stored(id)).select(UserRow::as_select()).get_result(conn).optional()?)
}

pub fn user_by_email(conn: &mut DbConnection, email: &str) -> Result<Option<UserRow>, StoreError> {
    Ok(users::table.filter(users::email.eq(email)).select(UserRow::as_select()).get_result(conn).optional()?)
}

pub fn update_user(conn: &mut DbConnection, u: &UserRow) -> Result<(), StoreError> {
    diesel::update(users::table.find(&u.id)).set(u).execute(conn)?;
    Ok(())
}

pub fn insert_membership(conn: &mut DbConnection, m: &MembershipRow) -> Result<(), StoreError> {
    diesel::insert_into(memberships::table).values(m).execute(conn)?;
    Ok(())
}

pub fn set_membership_role(conn: &mut DbConnection, user: UserId, org: OrgId, role: Role) -> Result<usize, StoreError> {
    Ok(diesel::update(memberships::table.find((Stored(user), Stored(org)))).set(memberships::role.eq(Stored(role))).execute(conn)?)
}

pub fn memberships_of(conn: &mut DbConnection, user: UserId) -> Result<Vec<MembershipRow>, StoreError> {
    Ok(crate::each_backend!(conn, c => memberships::table
        .filter(memberships::user_id.eq(Stored(user)))
        .order((memberships::created_at.asc(), memberships::organisation_id.asc()))
        .select(MembershipRow::as_select())
        .load(c))?)
}

/// A user's memberships, as [`memberships_of`], each with its organisation's name (None if
/// the organisation is gone), in one query.
/// A membership with its organisation's name and stored time zone.
pub type NamedMembership = (MembershipRow, Option<String>, Option<String>);

/// A user's memberships with their organisation's name and time zone, in one query.
pub fn memberships_with_org_names(conn: &mut DbConnection, user: UserId) -> Result<Vec<NamedMembership>, StoreError> {
    Ok(crate::each_backend!(conn, c => memberships::table
        .left_join(organisations::table)
        .filter(memberships::user_id.eq(Stored(user)))
        .order((memberships::created_at.asc(), memberships::organisation_id.asc()))
        .select((MembershipRow::as_select(), organisations::name.nullable(), organisations::time_zone.nullable()))
        .load(c))?)
}

/// A staff member: their account and their role in the organisation.
pub type StaffMember = (UserRow, Stored<Role>);

/// Staff of an organisation: their accounts and their role there, by name.
pub fn staff_of(conn: &mut DbConnection, org: OrgId, page: Page) -> Result<(Vec<StaffMember>, i64), StoreError> {
    let total = memberships::table.filter(memberships::organisation_id.eq(Stored(org))).count().get_result(conn)?;
    let rows = memberships::table
        .inner_join(users::table)
        .filter(memberships::organisation_id.eq(Stored(org)))
        .order((users::display_name.asc(), users::id.asc()))
        .offset(page.offset)
        .limit(page.limit)
        .select((UserRow::as_select(), memberships::role))
        .load(conn)?;
    Ok((rows, total))
}

pub fn insert_session(conn: &mut DbConnection, s: &SessionRow) -> Result<(), StoreError> {
    diesel::insert_into(sessions::table).values(s).execute(conn)?;
    Ok(())
}

pub fn session(conn: &mut DbConnection, id_hash: &str) -> Result<Option<SessionRow>, StoreError> {
    Ok(sessions::table.find(id_hash).select(SessionRow::as_select()).get_result(conn).optional()?)
}

pub fn touch_session(conn: &mut DbConnection, id_hash: &str, now: i64) -> Result<(), StoreError> {
    diesel::update(sessions::table.find(id_hash)).set(sessions::last_seen_at.eq(now)).execute(conn)?;
    Ok(())
}

pub fn session_set_org(conn: &mut DbConnection, id_hash: &str, org: OrgId) -> Result<(), StoreError> {
    diesel::update(sessions::table.find(id_hash)).set(sessions::organisation_id.eq(Stored(org))).execute(conn)?;
    Ok(())
}

pub fn session_second_factor_ok(conn: &mut DbConnection, id_hash: &str) -> Result<(), StoreError> {
    diesel::update(sessions::table.find(id_hash)).set(sessions::second_factor_ok.eq(true)).execute(conn)?;
    Ok(())
}

pub fn revoke_session(conn: &mut DbConnection, id_hash: &str, now: i64) -> Result<(), StoreError> {
    diesel::update(sessions::table.find(id_hash)).set(sessions::revoked_at.eq(Some(now))).execute(conn)?;
    Ok(())
}

/// Revokes every session of a user (after a password change or reset), except `keep`.
pub fn revoke_sessions_of(conn: &mut DbConnection, user: UserId, keep: Option<&str>, now: i64) -> Result<usize, StoreError> {
    let q = sessions::table.filter(sessions::user_id.eq(Stored(user))).filter(sessions::revoked_at.is_null());
    let n = match keep {
        Some(k) => diesel::update(q.filter(sessions::id_hash.ne(k))).set(sessions::revoked_at.eq(Some(now))).execute(conn)?,
        None => diesel::update(q).set(sessions::revoked_at.eq(Some(now))).execute(conn)?,
    };
    Ok(n)
}

/// Removes sessions that ended long ago; they hold nothing worth keeping.
pub fn purge_sessions(conn: &mut DbConnection, before: i64) -> Result<usize, StoreError> {
    Ok(diesel::delete(sessions::table.filter(sessions::expires_at.lt(before))).execute(conn)?)
}

pub fn insert_token(conn: &mut DbConnection, t: &ApiTokenRow) -> Result<(), StoreError> {
    diesel::insert_into(api_tokens::table).values(t).execute(conn)?;
    Ok(())
}

pub fn token_by_hash(conn: &mut DbConnection, hash: &str) -> Result<Option<ApiTokenRow>, StoreError> {
    // token_hash is UNIQUE.
    Ok(api_tokens::table.filter(api_tokens::token_hash.eq(hash)).select(ApiTokenRow::as_select()).get_result(conn).optional()?)
}

/// What the bearer-token check needs of a token and its account.
#[derive(Debug, Clone, Queryable)]
pub struct TokenCheck {
    pub token_id: Stored<TokenId>,
    pub user_id: Stored<UserId>,
    pub organisation_id: Option<Stored<OrgId>>,
    pub scope: String,
    pub expires_at: i64,
    pub revoked_at: Option<i64>,
    pub last_used_at: Option<i64>,
    pub system_admin: bool,
    pub active: bool,
}

/// A token and its account, in one query of only the columns the check uses (the
/// bearer-token path of every API request). Revocation and expiry are the caller's to judge.
pub fn token_check(conn: &mut DbConnection, hash: &str) -> Result<Option<TokenCheck>, StoreError> {
    Ok(crate::each_backend!(conn, c => api_tokens::table
        .inner_join(users::table.on(users::id.eq(api_tokens::user_id)))
        .filter(api_tokens::token_hash.eq(hash))
        .select((
            api_tokens::id,
            api_tokens::user_id,
            api_tokens::organisation_id,
            api_tokens::scope,
            api_tokens::expires_at,
            api_tokens::revoked_at,
            api_tokens::last_used_at,
            users::system_admin,
            users::active,
        ))
        .get_result(c)
        .optional())?)
}

pub fn tokens_of(conn: &mut DbConnection, user: UserId) -> Result<Vec<ApiTokenRow>, StoreError> {
    Ok(api_tokens::table
        .filter(api_tokens::user_id.eq(Stored(user)))
        .order(api_tokens::created_at.desc())
        .select(ApiTokenRow::as_select())
        .load(conn)?)
}

pub fn revoke_token(conn: &mut DbConnection, user: UserId, id: TokenId, now: i64) -> Result<usize, StoreError> {
    Ok(diesel::update(
        api_tokens::table
            .filter(api_tokens::id.eq(Stored(id)))
            .filter(api_tokens::user_id.eq(Stored(user)))
            .filter(api_tokens::revoked_at.is_null()),
    )
    .set(api_tokens::revoked_at.eq(Some(now)))
    .execute(conn)?)
}

pub fn touch_token(conn: &mut DbConnection, id: TokenId, now: i64) -> Result<(), StoreError> {
    diesel::update(api_tokens::table.find(Stored(id))).set(api_tokens::last_used_at.eq(Some(now))).execute(conn)?;
    Ok(())
}

/// The throttle state of one key: (failures in window, window start, locked until).
pub fn throttle(conn: &mut DbConnection, key: &str) -> Result<Option<(i64, i64, i64)>, StoreError> {
    Ok(login_throttle::table
        .find(key)
        .select((login_throttle::failures, login_throttle::window_start, login_throttle::locked_until))
        .get_result(conn)
        .optional()?)
}

pub fn set_throttle(conn: &mut DbConnection, key: &str, failures: i64, window_start: i64, locked_until: i64) -> Result<(), StoreError> {
    crate::each_backend!(&mut *conn, c => diesel::insert_into(login_throttle::table)
        .values((
            login_throttle::key.eq(key),
            login_throttle::failures.eq(failures),
            login_throttle::window_start.eq(window_start),
            login_throttle::locked_until.eq(locked_until),
        ))
        .on_conflict(login_throttle::key)
        .do_update()
        .set((
            login_throttle::failures.eq(failures),
            login_throttle::window_start.eq(window_start),
            login_throttle::locked_until.eq(locked_until),
        ))
        .execute(c))?;
    Ok(())
}

pub fn clear_throttle(conn: &mut DbConnection, key: &str) -> Result<(), StoreError> {
    diesel::delete(login_throttle::table.find(key)).execute(conn)?;
    Ok(())
}
