//! Supervision and wellbeing: requirements per role, supervision
//! relations, sessions with attendance, reminders sent, and wellbeing check-ins. Only ever
//! reached through `app`, which decides who may see what (notes and check-ins above all).

use crate::codec::{Stored, keys};
use diesel::prelude::*;
use sammen_domain::ids::{OrgId, PeerWorkerId, UserId};
use sammen_domain::workforce::supervision::SupervisionKind;
use time::Date;

use crate::rows::{SupervisionAttendeeRow, SupervisionRelationRow, SupervisionRequirementRow, SupervisionSessionRow, WellbeingCheckInRow};
use crate::schema::{
    supervision_attendees as sa, supervision_relations as sr, supervision_reminders as srm, supervision_requirements as sq,
    supervision_sessions as ss, wellbeing_check_ins as wc,
};
use crate::{DbConnection, StoreError};

/// Sets the required frequency for a role and kind (replacing an earlier one).
pub fn set_requirement(conn: &mut DbConnection, row: &SupervisionRequirementRow) -> Result<(), StoreError> {
    diesel::delete(sq::table.filter(sq::role_key.eq(&row.role_key)).filter(sq::kind.eq(&row.kind))).execute(conn)?;
    diesel::insert_into(sq::table).values(row).execute(conn)?;
    Ok(())
}

pub fn requirements_of_org(conn: &mut DbConnection, org: OrgId) -> Result<Vec<SupervisionRequirementRow>, StoreError> {
    Ok(sq::table
        .filter(sq::organisation_id.eq(Stored(org)))
        .order((sq::role_key.asc(), sq::kind.asc()))
        .select(SupervisionRequirementRow::as_select())
        .load(conn)?)
}

pub fn insert_relation(conn: &mut DbConnection, row: &SupervisionRelationRow) -> Result<(), StoreError> {
    diesel::insert_into(sr::table).values(row).execute(conn)?;
    Ok(())
}

/// Ends the relations of a peer and kind in force, the day before `from` (a new supervisor takes over).
pub fn end_relations(conn: &mut DbConnection, peer: PeerWorkerId, kind: SupervisionKind, ends_on: Date) -> Result<(), StoreError> {
    diesel::update(sr::table.filter(sr::peer_id.eq(Stored(peer))).filter(sr::kind.eq(Stored(kind))).filter(sr::ends_on.is_null()))
        .set(sr::ends_on.eq(Stored(ends_on)))
        .execute(conn)?;
    Ok(())
}

/// A peer's relations, newest first.
pub fn relations_of_peer(conn: &mut DbConnection, peer: PeerWorkerId) -> Result<Vec<SupervisionRelationRow>, StoreError> {
    Ok(sr::table
        .filter(sr::peer_id.eq(Stored(peer)))
        .order((sr::starts_on.desc(), sr::created_at.desc()))
        .select(SupervisionRelationRow::as_select())
        .load(conn)?)
}

/// Every relation of an organisation.
pub fn relations_of_org(conn: &mut DbConnection, org: OrgId) -> Result<Vec<SupervisionRelationRow>, StoreError> {
    Ok(sr::table
        .filter(sr::organisation_id.eq(Stored(org)))
        .order(sr::created_at.asc())
        .select(SupervisionRelationRow::as_select())
        .load(conn)?)
}

/// The relations in which a user is the supervisor, in every organisation.
pub fn relations_of_supervisor(conn: &mut DbConnection, user: UserId) -> Result<Vec<SupervisionRelationRow>, StoreError> {
    Ok(sr::table
        .filter(sr::supervisor_user_id.eq(Stored(user)))
        .order(sr::created_at.asc())
        .select(SupervisionRelationRow::as_select())
        .load(conn)?)
}

pub fn insert_session(conn: &mut DbConnection, row: &SupervisionSessionRow, invited: &[PeerWorkerId]) -> Result<(), StoreError> {
    diesel::insert_into(ss::table).values(row).execute(conn)?;
    for p in invited {
        diesel::insert_into(sa::table)
            .values(&SupervisionAttendeeRow { session_id: row.id.clone(), peer_id: Stored(*p), attended: false })
            .execute(conn)?;
    }
    Ok(())
}

pub fn session(conn: &mut DbConnection, id: &str) -> Result<Option<SupervisionSessionRow>, StoreError> {
    Ok(ss::table.find(id).select(SupervisionSessionRow::as_select()).get_result(conn).optional()?)
}

pub fn update_session(conn: &mut DbConnection, row: &SupervisionSessionRow) -> Result<(), StoreError> {
    diesel::update(ss::table.find(&row.id)).set(row).execute(conn)?;
    Ok(())
}

pub fn attendees(conn: &mut DbConnection, sessions: &[String]) -> Result<Vec<SupervisionAttendeeRow>, StoreError> {
    Ok(sa::table
        .filter(sa::session_id.eq_any(sessions))
        .order((sa::session_id.asc(), sa::peer_id.asc()))
        .select(SupervisionAttendeeRow::as_select())
        .load(conn)?)
}

pub fn set_attended(conn: &mut DbConnection, session: &str, peer: PeerWorkerId, attended: bool) -> Result<(), StoreError> {
    diesel::update(sa::table.filter(sa::session_id.eq(session)).filter(sa::peer_id.eq(Stored(peer))))
        .set(sa::attended.eq(attended))
        .execute(conn)?;
    Ok(())
}

/// Sessions of an organisation, newest first.
pub fn sessions_of_org(conn: &mut DbConnection, org: OrgId, limit: i64) -> Result<Vec<SupervisionSessionRow>, StoreError> {
    Ok(ss::table
        .filter(ss::organisation_id.eq(Stored(org)))
        .order(ss::starts_at.desc())
        .limit(limit)
        .select(SupervisionSessionRow::as_select())
        .load(conn)?)
}

/// Sessions a user leads, newest first.
pub fn sessions_led_by(conn: &mut DbConnection, user: UserId) -> Result<Vec<SupervisionSessionRow>, StoreError> {
    Ok(ss::table
        .filter(ss::supervisor_user_id.eq(Stored(user)))
        .order(ss::starts_at.desc())
        .select(SupervisionSessionRow::as_select())
        .load(conn)?)
}

/// Sessions to which any of `peers` is invited, newest first.
pub fn sessions_of_peers(conn: &mut DbConnection, peers: &[PeerWorkerId]) -> Result<Vec<SupervisionSessionRow>, StoreError> {
    let ids = sa::table.filter(sa::peer_id.eq_any(keys(peers))).select(sa::session_id);
    Ok(ss::table.filter(ss::id.eq_any(ids)).order(ss::starts_at.desc()).select(SupervisionSessionRow::as_select()).load(conn)?)
}

/// The last held session each peer of an organisation attended, per kind: (peer, kind, starts_at).
pub fn last_attended(conn: &mut DbConnection, org: OrgId) -> Result<Vec<(PeerWorkerId, SupervisionKind, i64)>, StoreError> {
    let rows: Vec<(Stored<PeerWorkerId>, Stored<SupervisionKind>, i64)> = sa::table
        .inner_join(ss::table.on(ss::id.eq(sa::session_id)))
        .filter(ss::organisation_id.eq(Stored(org)))
        .filter(ss::status.eq("held"))
        .filter(sa::attended.eq(true))
        .select((sa::peer_id, ss::kind, ss::starts_at))
        .load(conn)?;
    let mut best: std::collections::BTreeMap<(PeerWorkerId, SupervisionKind), i64> = std::collections::BTreeMap::new();
    for (p, k, at) in rows {
        let e = best.entry((p.get(), k.get())).or_insert(at);
        *e = (*e).max(at);
    }
    Ok(best.into_iter().map(|((p, k), at)| (p, k, at)).collect())
}

/// Records that a reminder for this peer, kind and due date went out; false when one already had.
pub fn mark_reminded(
    conn: &mut DbConnection,
    peer: PeerWorkerId,
    kind: SupervisionKind,
    due_on: Date,
    now: i64,
) -> Result<bool, StoreError> {
    let exists: i64 = srm::table
        .filter(srm::peer_id.eq(Stored(peer)))
        .filter(srm::kind.eq(Stored(kind)))
        .filter(srm::due_on.eq(Stored(due_on)))
        .count()
        .get_result(conn)?;
    if exists > 0 {
        return Ok(false);
    }
    diesel::insert_into(srm::table)
        .values((srm::peer_id.eq(Stored(peer)), srm::kind.eq(Stored(kind)), srm::due_on.eq(Stored(due_on)), srm::created_at.eq(now)))
        .execute(conn)?;
    Ok(true)
}

pub fn insert_check_in(conn: &mut DbConnection, row: &WellbeingCheckInRow) -> Result<(), StoreError> {
    diesel::insert_into(wc::table).values(row).execute(conn)?;
    Ok(())
}

pub fn check_in(conn: &mut DbConnection, id: &str) -> Result<Option<WellbeingCheckInRow>, StoreError> {
    Ok(wc::table.find(id).select(WellbeingCheckInRow::as_select()).get_result(conn).optional()?)
}

pub fn set_shared(conn: &mut DbConnection, id: &str, shared: bool) -> Result<(), StoreError> {
    diesel::update(wc::table.find(id)).set(wc::shared.eq(shared)).execute(conn)?;
    Ok(())
}

/// Check-ins of these peers, oldest first (`shared_only`: only those shared with the supervisor).
pub fn check_ins_of(conn: &mut DbConnection, peers: &[PeerWorkerId], shared_only: bool) -> Result<Vec<WellbeingCheckInRow>, StoreError> {
    let mut q = wc::table.filter(wc::peer_id.eq_any(keys(peers))).into_boxed();
    if shared_only {
        q = q.filter(wc::shared.eq(true));
    }
    Ok(q.order(wc::answered_at.asc()).select(WellbeingCheckInRow::as_select()).load(conn)?)
}

/// (peer, answered_at, stress, role clarity, support).
pub type AnswerTuple = (String, i64, i64, i64, i64);

/// The answers of an organisation's check-ins since `since` (micros), for aggregates only:
/// (peer, answered_at, stress, role clarity, support). Never the notes.
pub fn answers_of_org(conn: &mut DbConnection, org: OrgId, since: i64) -> Result<Vec<AnswerTuple>, StoreError> {
    Ok(wc::table
        .filter(wc::organisation_id.eq(Stored(org)))
        .filter(wc::answered_at.ge(since))
        .select((wc::peer_id, wc::answered_at, wc::stress, wc::role_clarity, wc::support))
        .load(conn)?)
}
