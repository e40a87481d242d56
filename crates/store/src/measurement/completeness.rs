//! Follow-up completeness: the invitations of a programme's plans with whether they were
//! answered, and what staff did about the missing ones. Each figure set is one query, whatever
//! the number of people: the page's list with names, the report's counts without them, and the
//! actions recorded.

use diesel::dsl::exists;
use diesel::prelude::*;
use sammen_domain::ids::{InvitationId, OrgId, ParticipantId, PeerWorkerId, PlanId, ProgrammeId};
use sammen_domain::measurement::InvitationStatus;
use sammen_domain::measurement::completeness::{FollowUpActionKind, ReminderChannel, UnreachableReason};

use crate::codec::Stored;
use crate::rows::MeasurementPlanRow;
use crate::schema::{follow_up_actions, invitations, measurement_plans, participants, peer_workers, responses};
use crate::{DbConnection, StoreError};

/// One thing staff did about a missing answer.
#[derive(Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = follow_up_actions)]
pub struct FollowUpActionRow {
    pub id: String,
    pub organisation_id: Stored<OrgId>,
    pub participant_id: Stored<ParticipantId>,
    pub invitation_id: Stored<InvitationId>,
    pub kind: Stored<FollowUpActionKind>,
    pub reason: Option<Stored<UnreachableReason>>,
    pub note: Option<String>,
    pub channel: Option<Stored<ReminderChannel>>,
    /// The language a reminder was written in (`da`, `en`); `None` for both.
    pub lang: Option<String>,
    pub recorded_by: String,
    pub created_at: i64,
}

impl std::fmt::Debug for FollowUpActionRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The note may name the person's circumstances: never in logs.
        f.debug_struct("FollowUpActionRow").field("id", &self.id).field("kind", &self.kind).finish_non_exhaustive()
    }
}

pub fn insert_action(conn: &mut DbConnection, row: &FollowUpActionRow) -> Result<(), StoreError> {
    diesel::insert_into(follow_up_actions::table).values(row).execute(conn)?;
    Ok(())
}

/// One invitation of a programme's plans with the person it asks (the completeness page).
#[derive(Clone, Queryable)]
pub struct InvitedPerson {
    pub invitation_id: Stored<InvitationId>,
    pub plan_id: Stored<PlanId>,
    pub participant_id: Stored<ParticipantId>,
    pub wave: String,
    pub due_at: i64,
    pub expires_at: i64,
    pub status: Stored<InvitationStatus>,
    pub last_notified_at: Option<i64>,
    /// When its response was completed.
    pub completed_at: Option<i64>,
    pub not_reachable: bool,
    pub pseudonym: String,
    pub name: Option<String>,
    pub has_email: bool,
    pub languages: String,
    pub assigned_peer_id: Option<Stored<PeerWorkerId>>,
    pub peer_name: Option<String>,
}

impl std::fmt::Debug for InvitedPerson {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InvitedPerson").field("invitation_id", &self.invitation_id).finish_non_exhaustive()
    }
}

/// Every invitation of the programme's plans (active or stopped) with its person, whether it
/// was answered and whether the person was marked not reachable: one query.
pub fn invited_people(conn: &mut DbConnection, programme: ProgrammeId) -> Result<Vec<InvitedPerson>, StoreError> {
    let not_reachable = exists(
        follow_up_actions::table
            .filter(follow_up_actions::invitation_id.eq(invitations::id))
            .filter(follow_up_actions::kind.eq(Stored(FollowUpActionKind::NotReachable))),
    );
    Ok(invitations::table
        .inner_join(measurement_plans::table)
        .inner_join(participants::table.left_join(peer_workers::table))
        .left_join(responses::table.on(responses::invitation_id.eq(invitations::id.nullable())))
        .filter(measurement_plans::programme_id.eq(Stored(programme)))
        .order((invitations::due_at.asc(), invitations::id.asc()))
        .select((
            invitations::id,
            invitations::plan_id,
            invitations::participant_id,
            invitations::wave,
            invitations::due_at,
            invitations::expires_at,
            invitations::status,
            invitations::last_notified_at,
            responses::completed_at.nullable(),
            not_reachable,
            participants::pseudonym,
            participants::name,
            participants::email.is_not_null(),
            participants::languages,
            participants::assigned_peer_id,
            peer_workers::display_name.nullable(),
        ))
        .load(conn)?)
}

/// Every action recorded on the invitations of the programme's plans, oldest first: one query.
pub fn actions_of_programme(conn: &mut DbConnection, programme: ProgrammeId) -> Result<Vec<FollowUpActionRow>, StoreError> {
    Ok(follow_up_actions::table
        .inner_join(invitations::table.on(invitations::id.eq(follow_up_actions::invitation_id)))
        .inner_join(measurement_plans::table.on(measurement_plans::id.eq(invitations::plan_id)))
        .filter(measurement_plans::programme_id.eq(Stored(programme)))
        .order((follow_up_actions::created_at.asc(), follow_up_actions::id.asc()))
        .select(FollowUpActionRow::as_select())
        .load(conn)?)
}

/// The actions recorded on one invitation, oldest first.
pub fn actions_of_invitation(conn: &mut DbConnection, invitation: InvitationId) -> Result<Vec<FollowUpActionRow>, StoreError> {
    Ok(follow_up_actions::table
        .filter(follow_up_actions::invitation_id.eq(Stored(invitation)))
        .order((follow_up_actions::created_at.asc(), follow_up_actions::id.asc()))
        .select(FollowUpActionRow::as_select())
        .load(conn)?)
}

/// One invitation as a report counts it: no person, only its plan, wave and state.
#[derive(Debug, Clone, Queryable)]
pub struct InvitedCount {
    pub plan_id: Stored<PlanId>,
    pub wave: String,
    pub due_at: i64,
    pub status: Stored<InvitationStatus>,
    pub completed_at: Option<i64>,
    pub not_reachable: bool,
}

/// The plans a report's completion figures are about: of one instrument, in the organisations
/// (and, for a programme report, the programme) of the report.
pub fn report_plans(
    conn: &mut DbConnection,
    orgs: &[OrgId],
    programme: Option<ProgrammeId>,
    instrument: &str,
) -> Result<Vec<MeasurementPlanRow>, StoreError> {
    let orgs: Vec<Stored<OrgId>> = orgs.iter().copied().map(Stored).collect();
    let mut q = measurement_plans::table
        .filter(measurement_plans::organisation_id.eq_any(orgs))
        .filter(measurement_plans::instrument_id.eq(instrument))
        .into_boxed();
    if let Some(p) = programme {
        q = q.filter(measurement_plans::programme_id.eq(Stored(p)));
    }
    Ok(q.order(measurement_plans::id.asc()).select(MeasurementPlanRow::as_select()).load(conn)?)
}

/// The invitations of the given plans, as a report counts them: one query.
pub fn report_invited(conn: &mut DbConnection, plans: &[PlanId]) -> Result<Vec<InvitedCount>, StoreError> {
    if plans.is_empty() {
        return Ok(Vec::new());
    }
    let plans: Vec<Stored<PlanId>> = plans.iter().copied().map(Stored).collect();
    let not_reachable = exists(
        follow_up_actions::table
            .filter(follow_up_actions::invitation_id.eq(invitations::id))
            .filter(follow_up_actions::kind.eq(Stored(FollowUpActionKind::NotReachable))),
    );
    Ok(invitations::table
        .left_join(responses::table.on(responses::invitation_id.eq(invitations::id.nullable())))
        .filter(invitations::plan_id.eq_any(plans))
        .select((
            invitations::plan_id,
            invitations::wave,
            invitations::due_at,
            invitations::status,
            responses::completed_at.nullable(),
            not_reachable,
        ))
        .load(conn)?)
}
