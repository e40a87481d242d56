//! The peer workforce: role descriptions (versioned). Only ever reached through `app`.

use crate::codec::Stored;
use diesel::prelude::*;
use sammen_domain::ids::{OrgId, PeerWorkerId, RoleId};
use time::Date;

use crate::rows::{EngagementRow, RoleDescriptionRow};
use crate::schema::{engagements, role_descriptions};
use crate::{DbConnection, StoreError};

/// Adds a version of a role and makes it the current one.
pub fn insert_role_version(conn: &mut DbConnection, row: &RoleDescriptionRow) -> Result<(), StoreError> {
    diesel::update(role_descriptions::table.filter(role_descriptions::role_key.eq(&row.role_key)))
        .set(role_descriptions::current.eq(false))
        .execute(conn)?;
    diesel::insert_into(role_descriptions::table).values(row).execute(conn)?;
    Ok(())
}

/// Inserts a role version exactly as given (for loading a role's earlier versions).
pub fn insert_role_row(conn: &mut DbConnection, row: &RoleDescriptionRow) -> Result<(), StoreError> {
    diesel::insert_into(role_descriptions::table).values(row).execute(conn)?;
    Ok(())
}

pub fn role_version(conn: &mut DbConnection, id: RoleId) -> Result<Option<RoleDescriptionRow>, StoreError> {
    Ok(role_descriptions::table.find(Stored(id)).select(RoleDescriptionRow::as_select()).get_result(conn).optional()?)
}

/// Every version of a role, newest first.
pub fn role_history(conn: &mut DbConnection, key: &str) -> Result<Vec<RoleDescriptionRow>, StoreError> {
    Ok(role_descriptions::table
        .filter(role_descriptions::role_key.eq(key))
        .order(role_descriptions::version.desc())
        .select(RoleDescriptionRow::as_select())
        .load(conn)?)
}

/// The current version of every role of an organisation, by title.
pub fn current_roles(conn: &mut DbConnection, org: OrgId) -> Result<Vec<RoleDescriptionRow>, StoreError> {
    Ok(role_descriptions::table
        .filter(role_descriptions::organisation_id.eq(Stored(org)))
        .filter(role_descriptions::current.eq(true))
        .order((role_descriptions::title.asc(), role_descriptions::id.asc()))
        .select(RoleDescriptionRow::as_select())
        .load(conn)?)
}

pub fn insert_engagement(conn: &mut DbConnection, row: &EngagementRow) -> Result<(), StoreError> {
    diesel::insert_into(engagements::table).values(row).execute(conn)?;
    Ok(())
}

/// A peer worker's engagements, latest start first.
pub fn engagements_of(conn: &mut DbConnection, peer: PeerWorkerId) -> Result<Vec<EngagementRow>, StoreError> {
    Ok(engagements::table
        .filter(engagements::peer_id.eq(Stored(peer)))
        .order((engagements::starts_on.desc(), engagements::created_at.desc()))
        .select(EngagementRow::as_select())
        .load(conn)?)
}

/// The role keys of a peer worker's engagements in force on `today` (an ISO date), for the
/// role's required training and supervision.
pub fn roles_in_force(conn: &mut DbConnection, peer: PeerWorkerId, today: Date) -> Result<Vec<String>, StoreError> {
    let keys: Vec<Option<String>> = engagements::table
        .filter(engagements::peer_id.eq(Stored(peer)))
        .filter(engagements::starts_on.le(Stored(today)))
        .filter(engagements::ends_on.is_null().or(engagements::ends_on.ge(Stored(today))))
        .select(engagements::role_key)
        .load(conn)?;
    let mut keys: Vec<String> = keys.into_iter().flatten().collect();
    keys.sort();
    keys.dedup();
    Ok(keys)
}

/// The current version of a role, by its key.
pub fn current_role(conn: &mut DbConnection, key: &str) -> Result<Option<RoleDescriptionRow>, StoreError> {
    Ok(role_descriptions::table
        .filter(role_descriptions::role_key.eq(key))
        .filter(role_descriptions::current.eq(true))
        .select(RoleDescriptionRow::as_select())
        .first(conn)
        .optional()?)
}

/// Every engagement of an organisation, past, present and future, for the workforce overview.
pub fn engagements_of_org(conn: &mut DbConnection, org: OrgId) -> Result<Vec<EngagementRow>, StoreError> {
    Ok(engagements::table
        .filter(engagements::organisation_id.eq(Stored(org)))
        .order((engagements::peer_id.asc(), engagements::starts_on.asc()))
        .select(EngagementRow::as_select())
        .load(conn)?)
}
