//! The workforce's work queues: supervision due and notes not written, certificates running
//! out, applications waiting. Each is a fixed number of queries, never one per peer.

use diesel::dsl::{count_star, min};
use diesel::prelude::*;
use sammen_domain::ids::{OrgId, PeerWorkerId, PostingId, UserId};
use sammen_domain::workforce::supervision::{SupervisionKind, SupervisionStatus};
use time::Date;

use crate::codec::{Stored, keys};
use crate::schema::{
    certificates, engagements, job_applications, job_postings, peer_workers, role_descriptions, supervision_attendees,
    supervision_relations, supervision_requirements, supervision_sessions, training_courses,
};
use crate::{DbConnection, StoreError};

/// Who a supervision queue is about.
#[derive(Clone, Copy)]
pub enum SupervisionScope<'a> {
    /// Every active peer of an organisation (its managers' view).
    Organisation(OrgId),
    /// The peers a supervisor supervises under a relation in force.
    Supervisor(UserId),
    /// Some peers themselves.
    Peers(&'a [PeerWorkerId]),
}

/// What deciding "due" and "overdue" takes, for a set of peers: read in five queries (six for a
/// supervisor, who first names their supervisees) whatever the number of peers.
#[derive(Clone, Default)]
pub struct SupervisionFacts {
    /// Active peers: (id, organisation, name, created_at).
    pub peers: Vec<(PeerWorkerId, OrgId, String, i64)>,
    /// The role keys of their engagements in force.
    pub roles: Vec<(PeerWorkerId, String)>,
    /// Requirements of their organisations: (organisation, role key, kind, every weeks).
    pub requirements: Vec<(OrgId, String, SupervisionKind, i64)>,
    /// Relations in force: (peer, kind, supervisor, starts on).
    pub relations: Vec<(PeerWorkerId, SupervisionKind, UserId, Date)>,
    /// The latest held session each peer attended, per kind.
    pub last: Vec<(PeerWorkerId, SupervisionKind, i64)>,
}

pub fn supervision_facts(conn: &mut DbConnection, scope: SupervisionScope<'_>, today: Date) -> Result<SupervisionFacts, StoreError> {
    let in_force = |q: supervision_relations::BoxedQuery<'static, crate::db::MultiBackend>| {
        q.filter(supervision_relations::starts_on.le(Stored(today)))
            .filter(supervision_relations::ends_on.is_null().or(supervision_relations::ends_on.ge(Stored(today))))
    };
    let mut peers_q = peer_workers::table
        .filter(peer_workers::status.eq("active"))
        .select((peer_workers::id, peer_workers::organisation_id, peer_workers::display_name, peer_workers::created_at))
        .order((peer_workers::display_name.asc(), peer_workers::id.asc()))
        .into_boxed();
    match scope {
        SupervisionScope::Organisation(org) => peers_q = peers_q.filter(peer_workers::organisation_id.eq(Stored(org))),
        SupervisionScope::Supervisor(user) => {
            let supervised: Vec<Stored<PeerWorkerId>> = in_force(supervision_relations::table.into_boxed())
                .filter(supervision_relations::supervisor_user_id.eq(Stored(user)))
                .select(supervision_relations::peer_id)
                .load(conn)?;
            peers_q = peers_q.filter(peer_workers::id.eq_any(supervised));
        }
        SupervisionScope::Peers(ids) => peers_q = peers_q.filter(peer_workers::id.eq_any(keys(ids))),
    }
    let peers: Vec<(Stored<PeerWorkerId>, Stored<OrgId>, String, i64)> = peers_q.load(conn)?;
    let ids: Vec<Stored<PeerWorkerId>> = peers.iter().map(|p| p.0).collect();
    let mut orgs: Vec<Stored<OrgId>> = peers.iter().map(|p| p.1).collect();
    orgs.sort();
    orgs.dedup();
    let roles: Vec<(Stored<PeerWorkerId>, Option<String>)> = engagements::table
        .filter(engagements::peer_id.eq_any(&ids))
        .filter(engagements::starts_on.le(Stored(today)))
        .filter(engagements::ends_on.is_null().or(engagements::ends_on.ge(Stored(today))))
        .select((engagements::peer_id, engagements::role_key))
        .load(conn)?;
    let requirements: Vec<(Stored<OrgId>, String, Stored<SupervisionKind>, i64)> = supervision_requirements::table
        .filter(supervision_requirements::organisation_id.eq_any(&orgs))
        .select((
            supervision_requirements::organisation_id,
            supervision_requirements::role_key,
            supervision_requirements::kind,
            supervision_requirements::every_weeks,
        ))
        .load(conn)?;
    #[allow(clippy::type_complexity)]
    let relations: Vec<(Stored<PeerWorkerId>, Stored<SupervisionKind>, Stored<UserId>, Stored<Date>)> =
        in_force(supervision_relations::table.into_boxed())
            .filter(supervision_relations::peer_id.eq_any(&ids))
            .select((
                supervision_relations::peer_id,
                supervision_relations::kind,
                supervision_relations::supervisor_user_id,
                supervision_relations::starts_on,
            ))
            .load(conn)?;
    let attended: Vec<(Stored<PeerWorkerId>, Stored<SupervisionKind>, i64)> = supervision_attendees::table
        .inner_join(supervision_sessions::table.on(supervision_sessions::id.eq(supervision_attendees::session_id)))
        .filter(supervision_attendees::peer_id.eq_any(&ids))
        .filter(supervision_attendees::attended.eq(true))
        .filter(supervision_sessions::status.eq("held"))
        .select((supervision_attendees::peer_id, supervision_sessions::kind, supervision_sessions::starts_at))
        .load(conn)?;
    let mut latest: std::collections::BTreeMap<(PeerWorkerId, SupervisionKind), i64> = std::collections::BTreeMap::new();
    for (p, k, at) in attended {
        let e = latest.entry((p.get(), k.get())).or_insert(at);
        *e = (*e).max(at);
    }
    Ok(SupervisionFacts {
        peers: peers.into_iter().map(|(id, org, name, created)| (id.get(), org.get(), name, created)).collect(),
        roles: roles.into_iter().filter_map(|(p, k)| k.map(|k| (p.get(), k))).collect(),
        requirements: requirements.into_iter().map(|(o, r, k, w)| (o.get(), r, k.get(), w)).collect(),
        relations: relations.into_iter().map(|(p, k, u, d)| (p.get(), k.get(), u.get(), d.get())).collect(),
        last: latest.into_iter().map(|((p, k), at)| (p, k, at)).collect(),
    })
}

/// A supervision session whose record is not finished.
#[derive(Clone)]
pub struct SessionToRecord {
    pub id: String,
    pub kind: SupervisionKind,
    pub status: SupervisionStatus,
    pub starts_at: i64,
}

/// Sessions a supervisor leads that are held without a note, or planned and already begun
/// (still to be recorded), oldest first.
pub fn sessions_to_record(conn: &mut DbConnection, supervisor: UserId, now: i64) -> Result<Vec<SessionToRecord>, StoreError> {
    let rows: Vec<(String, Stored<SupervisionKind>, Stored<SupervisionStatus>, i64)> = supervision_sessions::table
        .filter(supervision_sessions::supervisor_user_id.eq(Stored(supervisor)))
        .filter(
            supervision_sessions::status
                .eq("held")
                .and(supervision_sessions::note.is_null().or(supervision_sessions::note.eq("")))
                .or(supervision_sessions::status.eq("planned").and(supervision_sessions::starts_at.le(now))),
        )
        .order((supervision_sessions::starts_at.asc(), supervision_sessions::id.asc()))
        .select((supervision_sessions::id, supervision_sessions::kind, supervision_sessions::status, supervision_sessions::starts_at))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, kind, status, starts_at)| SessionToRecord { id, kind: kind.get(), status: status.get(), starts_at })
        .collect())
}

/// A certificate that runs out soon, with whether a later one of the same course replaces it.
#[derive(Clone)]
pub struct CertificateExpiring {
    pub id: String,
    pub peer: PeerWorkerId,
    pub peer_name: String,
    pub course_title: String,
    pub expires_on: Date,
}

/// Certificates of the organisation's active peers that run out between `from` and `to`
/// (inclusive) and that no certificate of the same peer and course outlasts, soonest first.
pub fn certificates_expiring(conn: &mut DbConnection, org: OrgId, from: Date, to: Date) -> Result<Vec<CertificateExpiring>, StoreError> {
    #[allow(clippy::type_complexity)]
    let rows: Vec<(String, Stored<PeerWorkerId>, String, String, String, Option<Stored<Date>>)> = certificates::table
        .inner_join(peer_workers::table.on(peer_workers::id.eq(certificates::peer_id)))
        .inner_join(training_courses::table.on(training_courses::id.eq(certificates::course_id)))
        .filter(certificates::organisation_id.eq(Stored(org)))
        .filter(peer_workers::status.eq("active"))
        .filter(certificates::expires_on.ge(Stored(from)))
        .filter(certificates::expires_on.le(Stored(to)))
        .order((certificates::expires_on.asc(), certificates::id.asc()))
        .select((
            certificates::id,
            certificates::peer_id,
            peer_workers::display_name,
            training_courses::title,
            certificates::course_id,
            certificates::expires_on,
        ))
        .load(conn)?;
    // A renewal is a later certificate of the same peer and course (or one that does not run out).
    let pairs: Vec<(Stored<PeerWorkerId>, String)> = rows.iter().map(|r| (r.1, r.4.clone())).collect();
    let peers: Vec<Stored<PeerWorkerId>> = pairs.iter().map(|p| p.0).collect();
    let others: Vec<(Stored<PeerWorkerId>, String, Option<Stored<Date>>)> = if peers.is_empty() {
        Vec::new()
    } else {
        certificates::table
            .filter(certificates::peer_id.eq_any(&peers))
            .select((certificates::peer_id, certificates::course_id, certificates::expires_on))
            .load(conn)?
    };
    Ok(rows
        .into_iter()
        .filter_map(|(id, peer, peer_name, course_title, course_id, expires_on)| {
            let expires_on = expires_on?.get();
            let renewed = others.iter().any(|(p, c, e)| *p == peer && *c == course_id && e.is_none_or(|e| e.get() > expires_on));
            (!renewed).then_some(CertificateExpiring { id, peer: peer.get(), peer_name, course_title, expires_on })
        })
        .collect())
}

/// A posting with applications nobody has looked at yet.
#[derive(Clone)]
pub struct PostingWaiting {
    pub id: PostingId,
    pub title: Option<String>,
    pub deadline: Date,
    pub waiting: i64,
    pub oldest: i64,
}

/// The organisation's postings with applications still at "received", the longest waiting first.
pub fn postings_with_applications(conn: &mut DbConnection, org: OrgId) -> Result<Vec<PostingWaiting>, StoreError> {
    #[allow(clippy::type_complexity)]
    let rows: Vec<(Stored<PostingId>, String, Stored<Date>, i64, Option<i64>)> = job_applications::table
        .inner_join(job_postings::table.on(job_postings::id.eq(job_applications::posting_id)))
        .filter(job_applications::organisation_id.eq(Stored(org)))
        .filter(job_applications::stage.eq("received"))
        .group_by((job_postings::id, job_postings::role_key, job_postings::deadline))
        .select((job_postings::id, job_postings::role_key, job_postings::deadline, count_star(), min(job_applications::created_at)))
        .load(conn)?;
    // The postings' titles: the current version of each role (a posting is made from one).
    let keys: Vec<&String> = rows.iter().map(|r| &r.1).collect();
    let titles: Vec<(String, String)> = if keys.is_empty() {
        Vec::new()
    } else {
        role_descriptions::table
            .filter(role_descriptions::organisation_id.eq(Stored(org)))
            .filter(role_descriptions::current.eq(true))
            .filter(role_descriptions::role_key.eq_any(keys))
            .select((role_descriptions::role_key, role_descriptions::title))
            .load(conn)?
    };
    let mut out: Vec<PostingWaiting> = rows
        .into_iter()
        .map(|(id, key, deadline, waiting, oldest)| PostingWaiting {
            id: id.get(),
            title: titles.iter().find(|(k, _)| *k == key).map(|(_, t)| t.clone()),
            deadline: deadline.get(),
            waiting,
            oldest: oldest.unwrap_or(0),
        })
        .collect();
    out.sort_by_key(|p| p.oldest);
    Ok(out)
}
