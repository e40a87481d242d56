//! Peer workers and participants: personal data, only ever reached through `app`.

use crate::codec::{Stored, keys};
use diesel::prelude::*;
use sammen_domain::ids::{OrgId, ParticipantId, PeerWorkerId, ProgrammeId, UserId};
use sammen_domain::people::ParticipantStatus;

use crate::rows::{ParticipantRow, PeerWorkerRow};
use crate::schema::{participants, peer_workers};
use crate::{DbConnection, Page, StoreError};

pub fn insert_peer(conn: &mut DbConnection, p: &PeerWorkerRow) -> Result<(), StoreError> {
    diesel::insert_into(peer_workers::table).values(p).execute(conn)?;
    Ok(())
}

pub fn update_peer(conn: &mut DbConnection, p: &PeerWorkerRow) -> Result<usize, StoreError> {
    Ok(diesel::update(peer_workers::table.find(&p.id)).set(p).execute(conn)?)
}

pub fn peer(conn: &mut DbConnection, id: PeerWorkerId) -> Result<Option<PeerWorkerRow>, StoreError> {
    // On the concrete connection: the statement is then cached by type and never rebuilt.
    Ok(crate::each_backend!(conn, c => peer_workers::table.find(Stored(id)).select(PeerWorkerRow::as_select()).get_result(c).optional())?)
}

pub fn peers_of_user(conn: &mut DbConnection, user: UserId) -> Result<Vec<PeerWorkerId>, StoreError> {
    let ids: Vec<Stored<PeerWorkerId>> = crate::each_backend!(conn, c => peer_workers::table.filter(peer_workers::user_id.eq(Stored(user))).select(peer_workers::id).load(c))?;
    Ok(ids.into_iter().map(Stored::get).collect())
}

pub fn peers_of_org(conn: &mut DbConnection, org: OrgId, page: Page) -> Result<(Vec<PeerWorkerRow>, i64), StoreError> {
    let total = peer_workers::table.filter(peer_workers::organisation_id.eq(Stored(org))).count().get_result(conn)?;
    let rows = peer_workers::table
        .filter(peer_workers::organisation_id.eq(Stored(org)))
        .order((peer_workers::display_name.asc(), peer_workers::id.asc()))
        .offset(page.offset)
        .limit(page.limit)
        .select(PeerWorkerRow::as_select())
        .load(conn)?;
    Ok((rows, total))
}

/// How many participants are assigned to each of `peers`.
pub fn caseloads(conn: &mut DbConnection, peers: &[PeerWorkerId]) -> Result<Vec<(PeerWorkerId, i64)>, StoreError> {
    let rows: Vec<(Option<Stored<PeerWorkerId>>, i64)> = participants::table
        .filter(participants::assigned_peer_id.eq_any(keys(peers)))
        .filter(participants::status.ne("closed"))
        .group_by(participants::assigned_peer_id)
        .select((participants::assigned_peer_id, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(rows.into_iter().filter_map(|(p, n)| p.map(|p| (p.get(), n))).collect())
}

pub fn insert_participant(conn: &mut DbConnection, p: &ParticipantRow) -> Result<(), StoreError> {
    diesel::insert_into(participants::table).values(p).execute(conn)?;
    Ok(())
}

pub fn update_participant(conn: &mut DbConnection, p: &ParticipantRow) -> Result<usize, StoreError> {
    Ok(diesel::update(participants::table.find(&p.id)).set(p).execute(conn)?)
}

pub fn delete_participant(conn: &mut DbConnection, id: ParticipantId) -> Result<usize, StoreError> {
    Ok(diesel::delete(participants::table.find(Stored(id))).execute(conn)?)
}

pub fn participant(conn: &mut DbConnection, id: ParticipantId) -> Result<Option<ParticipantRow>, StoreError> {
    Ok(crate::each_backend!(conn, c => participants::table.find(Stored(id)).select(ParticipantRow::as_select()).get_result(c).optional())?)
}

/// A participant row with the names of their programme and assigned peer worker.
pub type ParticipantWithNames = (ParticipantRow, Option<String>, Option<String>);

/// A participant with the names of their programme and assigned peer worker, in one query
/// (the audited read's hot path).
pub fn participant_with_names(conn: &mut DbConnection, id: ParticipantId) -> Result<Option<ParticipantWithNames>, StoreError> {
    use crate::schema::programmes;
    Ok(crate::each_backend!(conn, c => participants::table
        .left_join(programmes::table)
        .left_join(peer_workers::table)
        .filter(participants::id.eq(Stored(id)))
        .select((ParticipantRow::as_select(), programmes::name.nullable(), peer_workers::display_name.nullable()))
        .get_result(c)
        .optional())?)
}

/// A participant search inside one organisation, optionally narrowed to some peers' caseloads.
#[derive(Debug, Clone)]
pub struct ParticipantQuery {
    pub org: OrgId,
    /// Text matched anywhere in the pseudonym or name, ignoring case (it is lower-cased here
    /// as `search_key` was; SQLite's LIKE ignores ASCII case only and PostgreSQL's not at all).
    pub text: Option<String>,
    pub status: Option<ParticipantStatus>,
    pub programme: Option<ProgrammeId>,
    pub assigned_to: Option<Vec<PeerWorkerId>>,
}

impl ParticipantQuery {
    /// Every participant of `org`: narrow it with the other fields
    /// (`ParticipantQuery { text, ..ParticipantQuery::in_org(org) }`).
    pub fn in_org(org: OrgId) -> Self {
        ParticipantQuery { org, text: None, status: None, programme: None, assigned_to: None }
    }
}

fn like_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

pub fn search_participants(conn: &mut DbConnection, q: &ParticipantQuery, page: Page) -> Result<(Vec<ParticipantRow>, i64), StoreError> {
    let build = || {
        let mut b = participants::table.filter(participants::organisation_id.eq(Stored(q.org))).into_boxed();
        if let Some(t) = &q.text {
            b = b.filter(participants::search_key.like(format!("%{}%", like_escape(&t.to_lowercase()))).escape('\\'));
        }
        if let Some(s) = q.status {
            b = b.filter(participants::status.eq(Stored(s)));
        }
        if let Some(p) = q.programme {
            b = b.filter(participants::programme_id.eq(Stored(p)));
        }
        if let Some(peers) = &q.assigned_to {
            b = b.filter(participants::assigned_peer_id.eq_any(keys(peers)));
        }
        b
    };
    let total = build().count().get_result(conn)?;
    let rows = build()
        .order((participants::created_at.desc(), participants::id.desc()))
        .offset(page.offset)
        .limit(page.limit)
        .select(ParticipantRow::as_select())
        .load(conn)?;
    Ok((rows, total))
}

/// Participants per status in `org`, optionally only those assigned to `peers`.
pub fn count_participants(conn: &mut DbConnection, org: OrgId, peers: Option<&[PeerWorkerId]>) -> Result<Vec<(String, i64)>, StoreError> {
    let q = participants::table.filter(participants::organisation_id.eq(Stored(org)));
    let rows = match peers {
        Some(peers) => q
            .filter(participants::assigned_peer_id.eq_any(keys(peers)))
            .group_by(participants::status)
            .select((participants::status, diesel::dsl::count_star()))
            .order(participants::status)
            .load(conn)?,
        None => q
            .group_by(participants::status)
            .select((participants::status, diesel::dsl::count_star()))
            .order(participants::status)
            .load(conn)?,
    };
    // Ordered by status: PostgreSQL returns groups in any order, and callers compare them.
    Ok(rows)
}
