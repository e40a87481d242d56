//! Organisations, partnerships and programmes: the directory every user works within.

pub mod queues;

use crate::codec::{Stored, keys};
use diesel::prelude::*;
use sammen_domain::ids::{OrgId, PartnershipId, ProgrammeId, UserId};

use crate::rows::{OrganisationRow, PartnershipRow, ProgrammeRow};
use crate::schema::{organisations, partnership_parties, partnerships, programmes};
use crate::{DbConnection, Page, StoreError};

pub fn insert_org(conn: &mut DbConnection, o: &OrganisationRow) -> Result<(), StoreError> {
    diesel::insert_into(organisations::table).values(o).execute(conn)?;
    Ok(())
}

pub fn update_org(conn: &mut DbConnection, o: &OrganisationRow) -> Result<usize, StoreError> {
    Ok(diesel::update(organisations::table.find(&o.id)).set(o).execute(conn)?)
}

pub fn org(conn: &mut DbConnection, id: OrgId) -> Result<Option<OrganisationRow>, StoreError> {
    Ok(organisations::table.find(Stored(id)).select(OrganisationRow::as_select()).get_result(conn).optional()?)
}

pub fn org_by_name(conn: &mut DbConnection, name: &str) -> Result<Option<OrganisationRow>, StoreError> {
    Ok(organisations::table.filter(organisations::name.eq(name)).select(OrganisationRow::as_select()).get_result(conn).optional()?)
}

pub fn orgs(conn: &mut DbConnection) -> Result<Vec<OrganisationRow>, StoreError> {
    Ok(organisations::table.order(organisations::name.asc()).select(OrganisationRow::as_select()).load(conn)?)
}

/// The organisation's time zone name, as stored (None for an unknown organisation).
pub fn org_time_zone(conn: &mut DbConnection, id: OrgId) -> Result<Option<String>, StoreError> {
    Ok(organisations::table.find(Stored(id)).select(organisations::time_zone).get_result(conn).optional()?)
}

/// Whether any of the user's organisations requires TOTP of its staff (one query).
pub fn any_requires_totp(conn: &mut DbConnection, user: UserId) -> Result<bool, StoreError> {
    use crate::schema::memberships;
    let n: i64 = organisations::table
        .filter(organisations::require_totp.eq(true))
        .filter(
            organisations::id.eq_any(memberships::table.filter(memberships::user_id.eq(Stored(user))).select(memberships::organisation_id)),
        )
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

pub fn count_orgs(conn: &mut DbConnection) -> Result<i64, StoreError> {
    Ok(organisations::table.count().get_result(conn)?)
}

pub fn insert_partnership(conn: &mut DbConnection, p: &PartnershipRow, parties: &[OrgId]) -> Result<(), StoreError> {
    diesel::insert_into(partnerships::table).values(p).execute(conn)?;
    set_parties(conn, &p.id, parties)
}

pub fn update_partnership(conn: &mut DbConnection, p: &PartnershipRow, parties: &[OrgId]) -> Result<usize, StoreError> {
    let n = diesel::update(partnerships::table.find(&p.id)).set(p).execute(conn)?;
    set_parties(conn, &p.id, parties)?;
    Ok(n)
}

fn set_parties(conn: &mut DbConnection, id: &Stored<PartnershipId>, parties: &[OrgId]) -> Result<(), StoreError> {
    diesel::delete(partnership_parties::table.filter(partnership_parties::partnership_id.eq(id))).execute(conn)?;
    let rows: Vec<_> =
        parties.iter().map(|o| (partnership_parties::partnership_id.eq(id), partnership_parties::organisation_id.eq(Stored(*o)))).collect();
    crate::each_backend!(&mut *conn, c => diesel::insert_into(partnership_parties::table).values(&rows).execute(c))?;
    Ok(())
}

pub fn partnership(conn: &mut DbConnection, id: PartnershipId) -> Result<Option<(PartnershipRow, Vec<OrgId>)>, StoreError> {
    let Some(p) = partnerships::table.find(Stored(id)).select(PartnershipRow::as_select()).get_result(conn).optional()? else {
        return Ok(None);
    };
    let parties = parties_of(conn, id)?;
    Ok(Some((p, parties)))
}

fn parties_of(conn: &mut DbConnection, id: PartnershipId) -> Result<Vec<OrgId>, StoreError> {
    let parties: Vec<Stored<OrgId>> = partnership_parties::table
        .filter(partnership_parties::partnership_id.eq(Stored(id)))
        .select(partnership_parties::organisation_id)
        .order(partnership_parties::organisation_id.asc())
        .load(conn)?;
    Ok(parties.into_iter().map(Stored::get).collect())
}

/// Partnerships any of `orgs` is party to (all, when `orgs` is None), with their parties.
pub fn partnerships_for(conn: &mut DbConnection, orgs: Option<&[OrgId]>) -> Result<Vec<(PartnershipRow, Vec<OrgId>)>, StoreError> {
    let rows: Vec<PartnershipRow> = match orgs {
        Some(orgs) => partnerships::table
            .filter(
                partnerships::id.eq_any(
                    partnership_parties::table
                        .filter(partnership_parties::organisation_id.eq_any(keys(orgs)))
                        .select(partnership_parties::partnership_id),
                ),
            )
            .order(partnerships::name.asc())
            .select(PartnershipRow::as_select())
            .load(conn)?,
        None => partnerships::table.order(partnerships::name.asc()).select(PartnershipRow::as_select()).load(conn)?,
    };
    let ids: Vec<Stored<PartnershipId>> = rows.iter().map(|p| p.id).collect();
    let parties: Vec<(Stored<PartnershipId>, Stored<OrgId>)> = partnership_parties::table
        .filter(partnership_parties::partnership_id.eq_any(&ids))
        .select((partnership_parties::partnership_id, partnership_parties::organisation_id))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|p| {
            let mut ps: Vec<OrgId> = parties.iter().filter(|(pid, _)| *pid == p.id).map(|(_, o)| o.get()).collect();
            ps.sort();
            (p, ps)
        })
        .collect())
}

pub fn insert_programme(conn: &mut DbConnection, p: &ProgrammeRow) -> Result<(), StoreError> {
    diesel::insert_into(programmes::table).values(p).execute(conn)?;
    Ok(())
}

pub fn update_programme(conn: &mut DbConnection, p: &ProgrammeRow) -> Result<usize, StoreError> {
    Ok(diesel::update(programmes::table.find(&p.id)).set(p).execute(conn)?)
}

pub fn programme(conn: &mut DbConnection, id: ProgrammeId) -> Result<Option<ProgrammeRow>, StoreError> {
    Ok(crate::each_backend!(conn, c => programmes::table.find(Stored(id)).select(ProgrammeRow::as_select()).get_result(c).optional())?)
}

pub fn programmes_of(conn: &mut DbConnection, orgs: &[OrgId], page: Page) -> Result<(Vec<ProgrammeRow>, i64), StoreError> {
    let total = programmes::table.filter(programmes::organisation_id.eq_any(keys(orgs))).count().get_result(conn)?;
    let rows = programmes::table
        .filter(programmes::organisation_id.eq_any(keys(orgs)))
        .order((programmes::name.asc(), programmes::id.asc()))
        .offset(page.offset)
        .limit(page.limit)
        .select(ProgrammeRow::as_select())
        .load(conn)?;
    Ok((rows, total))
}
