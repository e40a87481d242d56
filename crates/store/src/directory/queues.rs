//! The directory's work queue: partnership agreements about to run out. One query.

use diesel::prelude::*;
use sammen_domain::ids::{OrgId, PartnershipId};
use time::Date;

use crate::codec::Stored;
use crate::schema::{partnership_parties, partnerships};
use crate::{DbConnection, StoreError};

/// Agreements the organisation is a party to whose period ends between `from` and `to`
/// (inclusive), soonest first: (id, name, valid to).
pub fn agreements_expiring(
    conn: &mut DbConnection,
    org: OrgId,
    from: Date,
    to: Date,
) -> Result<Vec<(PartnershipId, String, Date)>, StoreError> {
    let rows: Vec<(Stored<PartnershipId>, String, Option<Stored<Date>>)> = partnerships::table
        .inner_join(partnership_parties::table.on(partnership_parties::partnership_id.eq(partnerships::id)))
        .filter(partnership_parties::organisation_id.eq(Stored(org)))
        .filter(partnerships::valid_to.ge(Stored(from)))
        .filter(partnerships::valid_to.le(Stored(to)))
        .order((partnerships::valid_to.asc(), partnerships::id.asc()))
        .select((partnerships::id, partnerships::name, partnerships::valid_to))
        .load(conn)?;
    Ok(rows.into_iter().filter_map(|(id, name, to)| to.map(|d| (id.get(), name, d.get()))).collect())
}
