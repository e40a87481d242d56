//! What a report's cost-benefit section reads from Sammen's own records: the minutes of held
//! support sessions, held group meetings with their facilitators, supervision attended, peers
//! who completed a training course, and each programme's coordination hours a month. Also
//! the report form's remembered choices. Rows carry no person's name or note: ids, minutes
//! and instants only.

use diesel::prelude::*;
use sammen_domain::ids::{GroupId, OrgId, PeerWorkerId, ProgrammeId, UserId};

use crate::codec::{Stored, keys};
use crate::schema::{
    courses, group_courses, group_facilitators, group_meetings, programme_costs, programmes, report_choices, supervision_attendees,
    supervision_sessions, training_cohorts, training_enrolments as te,
};
use crate::{DbConnection, StoreError};

/// Where a report's hours are counted: organisations, perhaps one programme, and the
/// instants `[from, to)` (UTC microseconds).
#[derive(Debug, Clone, Copy)]
pub struct CostQuery<'a> {
    pub orgs: &'a [OrgId],
    pub programme: Option<ProgrammeId>,
    pub from: i64,
    pub to: i64,
}

/// A held support session: its organisation, its peer and its minutes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionMinutes {
    pub org: OrgId,
    pub peer: PeerWorkerId,
    pub minutes: i64,
}

/// Held support sessions in the period, of courses in the programme when one is given.
pub fn held_sessions(conn: &mut DbConnection, q: CostQuery<'_>) -> Result<Vec<SessionMinutes>, StoreError> {
    use crate::schema::support_sessions as ss;
    let mut query = ss::table
        .inner_join(courses::table)
        .filter(ss::organisation_id.eq_any(keys(q.orgs)))
        .filter(ss::status.eq("held"))
        .filter(ss::starts_at.ge(q.from))
        .filter(ss::starts_at.lt(q.to))
        .select((ss::organisation_id, courses::peer_id, ss::duration_minutes))
        .into_boxed();
    if let Some(p) = q.programme {
        query = query.filter(courses::programme_id.eq(Stored(p)));
    }
    let rows: Vec<(Stored<OrgId>, Stored<PeerWorkerId>, i64)> = query.load(conn)?;
    Ok(rows.into_iter().map(|(o, p, m)| SessionMinutes { org: o.get(), peer: p.get(), minutes: m }).collect())
}

/// A held group meeting: its organisation, minutes and facilitators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingMinutes {
    pub org: OrgId,
    pub minutes: i64,
    pub facilitators: Vec<PeerWorkerId>,
}

/// Held meetings of groups in the period, of groups in the programme when one is given,
/// each with the group's facilitators.
pub fn held_meetings(conn: &mut DbConnection, q: CostQuery<'_>) -> Result<Vec<MeetingMinutes>, StoreError> {
    let mut query = group_meetings::table
        .inner_join(group_courses::table)
        .filter(group_courses::organisation_id.eq_any(keys(q.orgs)))
        .filter(group_meetings::status.eq("held"))
        .filter(group_meetings::starts_at.ge(q.from))
        .filter(group_meetings::starts_at.lt(q.to))
        .select((group_courses::organisation_id, group_meetings::group_id, group_meetings::duration_minutes))
        .into_boxed();
    if let Some(p) = q.programme {
        query = query.filter(group_courses::programme_id.eq(Stored(p)));
    }
    let rows: Vec<(Stored<OrgId>, Stored<GroupId>, i64)> = query.load(conn)?;
    let mut groups: Vec<GroupId> = rows.iter().map(|r| r.1.get()).collect();
    groups.sort_unstable_by_key(|g| g.to_string());
    groups.dedup();
    let facilitators: Vec<(Stored<GroupId>, Stored<PeerWorkerId>)> = if groups.is_empty() {
        Vec::new()
    } else {
        group_facilitators::table
            .filter(group_facilitators::group_id.eq_any(keys(&groups)))
            .select((group_facilitators::group_id, group_facilitators::peer_id))
            .load(conn)?
    };
    Ok(rows
        .into_iter()
        .map(|(org, group, minutes)| MeetingMinutes {
            org: org.get(),
            minutes,
            facilitators: facilitators.iter().filter(|(g, _)| g.get() == group.get()).map(|(_, p)| p.get()).collect(),
        })
        .collect())
}

/// A peer's attendance at a held supervision session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupervisionAttendance {
    pub org: OrgId,
    pub session: String,
    pub peer: PeerWorkerId,
    pub minutes: i64,
}

/// Attendance marked at held supervision sessions in the period (of the organisations; the
/// caller keeps the programme's peers).
pub fn supervision_attended(conn: &mut DbConnection, q: CostQuery<'_>) -> Result<Vec<SupervisionAttendance>, StoreError> {
    let rows: Vec<(Stored<OrgId>, String, Stored<PeerWorkerId>, i64)> = supervision_sessions::table
        .inner_join(supervision_attendees::table.on(supervision_attendees::session_id.eq(supervision_sessions::id)))
        .filter(supervision_sessions::organisation_id.eq_any(keys(q.orgs)))
        .filter(supervision_sessions::status.eq("held"))
        .filter(supervision_sessions::starts_at.ge(q.from))
        .filter(supervision_sessions::starts_at.lt(q.to))
        .filter(supervision_attendees::attended.eq(true))
        .select((
            supervision_sessions::organisation_id,
            supervision_sessions::id,
            supervision_attendees::peer_id,
            supervision_sessions::duration_minutes,
        ))
        .load(conn)?;
    Ok(rows.into_iter().map(|(o, s, p, m)| SupervisionAttendance { org: o.get(), session: s, peer: p.get(), minutes: m }).collect())
}

/// Peers who completed a training course in the period: (organisation, peer), once per
/// completion (the caller counts each peer once).
pub fn training_completed(conn: &mut DbConnection, q: CostQuery<'_>) -> Result<Vec<(OrgId, PeerWorkerId)>, StoreError> {
    let rows: Vec<(Stored<OrgId>, Stored<PeerWorkerId>)> = te::table
        .inner_join(training_cohorts::table.on(training_cohorts::id.eq(te::cohort_id)))
        .filter(training_cohorts::organisation_id.eq_any(keys(q.orgs)))
        .filter(te::outcome.eq("completed"))
        .filter(te::outcome_at.ge(q.from))
        .filter(te::outcome_at.lt(q.to))
        .select((training_cohorts::organisation_id, te::peer_id))
        .load(conn)?;
    Ok(rows.into_iter().map(|(o, p)| (o.get(), p.get())).collect())
}

type CoordinationRow = (Stored<OrgId>, Stored<ProgrammeId>, String, Option<f64>);

/// A plan's schedule as stored: at start, every N weeks, at closure, M months after.
pub type PlanSchedule = (bool, Option<i64>, bool, Option<i64>);

/// A programme's coordination hours a month, as set.
#[derive(Debug, Clone, PartialEq)]
pub struct Coordination {
    pub org: OrgId,
    pub programme: ProgrammeId,
    pub name: String,
    pub hours_per_month: Option<f64>,
}

/// Every programme of the organisations (or the one programme) with its coordination hours a
/// month, `None` where none are set.
pub fn coordination(conn: &mut DbConnection, orgs: &[OrgId], programme: Option<ProgrammeId>) -> Result<Vec<Coordination>, StoreError> {
    let mut query = programmes::table
        .left_join(programme_costs::table.on(programme_costs::programme_id.eq(programmes::id)))
        .filter(programmes::organisation_id.eq_any(keys(orgs)))
        .select((programmes::organisation_id, programmes::id, programmes::name, programme_costs::coordination_hours_per_month.nullable()))
        .order((programmes::name.asc(), programmes::id.asc()))
        .into_boxed();
    if let Some(p) = programme {
        query = query.filter(programmes::id.eq(Stored(p)));
    }
    let rows: Vec<CoordinationRow> = query.load(conn)?;
    Ok(rows.into_iter().map(|(o, p, name, h)| Coordination { org: o.get(), programme: p.get(), name, hours_per_month: h }).collect())
}

/// One programme's coordination hours a month, when set.
pub fn coordination_of(conn: &mut DbConnection, programme: ProgrammeId) -> Result<Option<f64>, StoreError> {
    Ok(programme_costs::table.find(Stored(programme)).select(programme_costs::coordination_hours_per_month).get_result(conn).optional()?)
}

/// Sets (or, with `None`, clears) a programme's coordination hours a month.
pub fn put_coordination(
    conn: &mut DbConnection,
    programme: ProgrammeId,
    org: OrgId,
    hours_per_month: Option<f64>,
    by: Option<UserId>,
    at: i64,
) -> Result<(), StoreError> {
    diesel::delete(programme_costs::table.find(Stored(programme))).execute(conn)?;
    if let Some(h) = hours_per_month {
        diesel::insert_into(programme_costs::table)
            .values((
                programme_costs::programme_id.eq(Stored(programme)),
                programme_costs::organisation_id.eq(Stored(org)),
                programme_costs::coordination_hours_per_month.eq(h),
                programme_costs::updated_by.eq(by.map(Stored)),
                programme_costs::updated_at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The report form's last choices of a user in an organisation (`None`: no organisation).
pub fn report_choices_of(conn: &mut DbConnection, user: UserId, org: Option<OrgId>) -> Result<Option<String>, StoreError> {
    let org = org.map(|o| o.to_string()).unwrap_or_default();
    Ok(report_choices::table.find((Stored(user), org)).select(report_choices::choices).get_result(conn).optional()?)
}

/// Remembers the report form's choices of a user in an organisation.
pub fn put_report_choices(conn: &mut DbConnection, user: UserId, org: Option<OrgId>, choices: &str, at: i64) -> Result<(), StoreError> {
    let org = org.map(|o| o.to_string()).unwrap_or_default();
    let n = diesel::update(report_choices::table.find((Stored(user), &org)))
        .set((report_choices::choices.eq(choices), report_choices::updated_at.eq(at)))
        .execute(conn)?;
    if n == 0 {
        diesel::insert_into(report_choices::table)
            .values((
                report_choices::user_id.eq(Stored(user)),
                report_choices::organisation_id.eq(&org),
                report_choices::choices.eq(choices),
                report_choices::updated_at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The measurement plans of the organisations (or the one programme) for an instrument: their
/// schedules as stored (at start, every N weeks, at closure, M months after).
pub fn plan_schedules(
    conn: &mut DbConnection,
    orgs: &[OrgId],
    programme: Option<ProgrammeId>,
    instrument: &str,
) -> Result<Vec<PlanSchedule>, StoreError> {
    use crate::schema::measurement_plans as mp;
    let mut query = mp::table
        .filter(mp::organisation_id.eq_any(keys(orgs)))
        .filter(mp::instrument_id.eq(instrument))
        .select((mp::at_start, mp::every_weeks, mp::at_closure, mp::followup_months))
        .into_boxed();
    if let Some(p) = programme {
        query = query.filter(mp::programme_id.eq(Stored(p)));
    }
    Ok(query.load(conn)?)
}
