//! Measurement's work queues: follow-up answers overdue, per programme, and messages the
//! outbox could not send. One query each.

use diesel::dsl::{count_star, min};
use diesel::prelude::*;
use sammen_domain::ids::{OrgId, ProgrammeId};
use sammen_domain::measurement::MessageKind;

use crate::codec::Stored;
use crate::schema::{invitations, measurement_plans, outbox, programmes};
use crate::{DbConnection, StoreError};

/// A programme with follow-up answers that are past due.
#[derive(Clone)]
pub struct FollowUpOverdue {
    pub programme: ProgrammeId,
    pub programme_name: String,
    pub overdue: i64,
    /// When the oldest of them fell due.
    pub oldest_due: i64,
}

/// Per programme of the organisation, the follow-up questionnaires (waves `followup-…`) still
/// open after their due time `now`, the programme with the oldest first.
pub fn follow_up_overdue(conn: &mut DbConnection, org: OrgId, now: i64) -> Result<Vec<FollowUpOverdue>, StoreError> {
    let rows: Vec<(Stored<ProgrammeId>, String, i64, Option<i64>)> = invitations::table
        .inner_join(measurement_plans::table.on(measurement_plans::id.eq(invitations::plan_id)))
        .inner_join(programmes::table.on(programmes::id.eq(measurement_plans::programme_id)))
        .filter(invitations::organisation_id.eq(Stored(org)))
        .filter(invitations::wave.like("followup-%"))
        .filter(invitations::status.eq_any(["open", "in_progress"]))
        .filter(invitations::due_at.lt(now))
        .group_by((programmes::id, programmes::name))
        .select((programmes::id, programmes::name, count_star(), min(invitations::due_at)))
        .load(conn)?;
    let mut out: Vec<FollowUpOverdue> = rows
        .into_iter()
        .map(|(id, name, overdue, oldest)| FollowUpOverdue {
            programme: id.get(),
            programme_name: name,
            overdue,
            oldest_due: oldest.unwrap_or(now),
        })
        .collect();
    out.sort_by_key(|f| f.oldest_due);
    Ok(out)
}

/// A message the outbox gave up on. No recipient or content: the outbox page shows those.
#[derive(Clone)]
pub struct FailedMessage {
    pub id: String,
    pub kind: MessageKind,
    pub created_at: i64,
    pub attempts: i64,
}

/// The organisation's failed messages, newest first (at most `limit`).
pub fn failed_messages(conn: &mut DbConnection, org: OrgId, limit: i64) -> Result<Vec<FailedMessage>, StoreError> {
    let rows: Vec<(String, Stored<MessageKind>, i64, i64)> = outbox::table
        .filter(outbox::organisation_id.eq(Stored(org)))
        .filter(outbox::status.eq("failed"))
        .order((outbox::created_at.desc(), outbox::id.desc()))
        .limit(limit)
        .select((outbox::id, outbox::kind, outbox::created_at, outbox::attempts))
        .load(conn)?;
    Ok(rows.into_iter().map(|(id, kind, created_at, attempts)| FailedMessage { id, kind: kind.get(), created_at, attempts }).collect())
}
