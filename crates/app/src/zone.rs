//! The organisation's time zone, and the one "today" and the one "now" that every rule
//! comparing dates goes through: consents, agreements, certificates, retention of applicants'
//! data, measurement waves, supervision due, report periods.
//!
//! A day ends at the organisation's local midnight, not at UTC midnight: a consent that ends
//! on 1 May still holds at 23:59 Danish time on 1 May and no longer at 00:00 on 2 May, whatever
//! the UTC date says then.

use std::collections::HashMap;

use sammen_domain::OrgId;
use sammen_domain::time::{Timestamp, Zone};
use sammen_store::{DbConnection, StoreError, directory as sd};
use time::{Date, OffsetDateTime};

use crate::{App, AppResult, Ctx};

/// The organisation's zone (the default for none or an unknown one).
pub fn zone_of(conn: &mut DbConnection, org: Option<OrgId>) -> Result<Zone, StoreError> {
    let Some(org) = org else { return Ok(Zone::default()) };
    Ok(sd::org_time_zone(conn, org)?.map(|name| Zone::from_stored(&name)).unwrap_or_default())
}

/// Today's date in the organisation's zone.
pub fn today_in(conn: &mut DbConnection, org: Option<OrgId>, now: Timestamp) -> Result<Date, StoreError> {
    Ok(zone_of(conn, org)?.today(now))
}

/// The wall-clock time now in the organisation's zone.
pub fn now_in(conn: &mut DbConnection, org: Option<OrgId>, now: Timestamp) -> Result<OffsetDateTime, StoreError> {
    Ok(zone_of(conn, org)?.now(now))
}

/// Zones read once per organisation, for work that crosses organisations (a job over every
/// applicant, consents of many participants).
#[derive(Debug, Default)]
pub struct Zones(HashMap<OrgId, Zone>);

impl Zones {
    pub fn of(&mut self, conn: &mut DbConnection, org: OrgId) -> Result<&Zone, StoreError> {
        match self.0.entry(org) {
            std::collections::hash_map::Entry::Occupied(o) => Ok(o.into_mut()),
            std::collections::hash_map::Entry::Vacant(v) => Ok(v.insert(zone_of(conn, Some(org))?)),
        }
    }
    /// Today in `org`'s zone.
    pub fn today(&mut self, conn: &mut DbConnection, org: OrgId, now: Timestamp) -> Result<Date, StoreError> {
        Ok(self.of(conn, org)?.today(now))
    }
}

impl App {
    /// The zone of the organisation the actor works in now.
    pub async fn zone(&self, ctx: &Ctx) -> AppResult<Zone> {
        let org = ctx.org;
        Ok(self.db.read(move |c| zone_of(c, org)).await?)
    }
    /// Today in the zone of the organisation the actor works in now.
    pub async fn today(&self, ctx: &Ctx) -> AppResult<Date> {
        let now = self.now();
        Ok(self.zone(ctx).await?.today(now))
    }
    /// Today in `org`'s zone, for pages without a signed-in actor (a public form of `org`).
    pub async fn today_of(&self, org: OrgId) -> AppResult<Date> {
        let now = self.now();
        Ok(self.db.read(move |c| zone_of(c, Some(org))).await?.today(now))
    }
}
