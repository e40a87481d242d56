//! Measurement: organisations' instrument text, measurement plans, invitations, responses,
//! life outcomes and the message outbox. Personal rows, only ever reached through `app`.

pub mod completeness;
pub mod costs;
pub mod outcomes;
pub mod qualitative;
pub mod queues;

use crate::codec::{Stored, keys};
use diesel::prelude::*;
use sammen_domain::ids::{InvitationId, OrgId, ParticipantId, PlanId, ProgrammeId, ResponseId};

use crate::rows::{EvaluationSettingsRow, InstrumentTextRow, InvitationRow, LifeEventRow, MeasurementPlanRow, OutboxRow, ResponseRow};
use crate::schema::{evaluation_settings, instrument_texts, invitations, life_events, measurement_plans, outbox, participants, responses};
use crate::{DbConnection, Page, StoreError};

// ------------------------------------------------------------ instrument text

/// Stores (or replaces) an organisation's item text for one definition version.
pub fn put_instrument_text(conn: &mut DbConnection, row: &InstrumentTextRow) -> Result<(), StoreError> {
    let n = diesel::update(instrument_texts::table.find((&row.organisation_id, &row.instrument_id, &row.instrument_version)))
        .set(row)
        .execute(conn)?;
    if n == 0 {
        diesel::insert_into(instrument_texts::table).values(row).execute(conn)?;
    }
    Ok(())
}

pub fn instrument_text(conn: &mut DbConnection, org: OrgId, id: &str, version: &str) -> Result<Option<InstrumentTextRow>, StoreError> {
    Ok(instrument_texts::table.find((Stored(org), id, version)).select(InstrumentTextRow::as_select()).get_result(conn).optional()?)
}

pub fn instrument_texts_of(conn: &mut DbConnection, org: OrgId) -> Result<Vec<InstrumentTextRow>, StoreError> {
    Ok(instrument_texts::table
        .filter(instrument_texts::organisation_id.eq(Stored(org)))
        .select(InstrumentTextRow::as_select())
        .load(conn)?)
}

// ------------------------------------------------------------ plans

pub fn insert_plan(conn: &mut DbConnection, row: &MeasurementPlanRow) -> Result<(), StoreError> {
    diesel::insert_into(measurement_plans::table).values(row).execute(conn)?;
    Ok(())
}

pub fn update_plan(conn: &mut DbConnection, row: &MeasurementPlanRow) -> Result<usize, StoreError> {
    Ok(diesel::update(measurement_plans::table.find(&row.id)).set(row).execute(conn)?)
}

pub fn plan(conn: &mut DbConnection, id: PlanId) -> Result<Option<MeasurementPlanRow>, StoreError> {
    Ok(measurement_plans::table.find(Stored(id)).select(MeasurementPlanRow::as_select()).get_result(conn).optional()?)
}

pub fn plans_of_programme(conn: &mut DbConnection, programme: ProgrammeId) -> Result<Vec<MeasurementPlanRow>, StoreError> {
    Ok(measurement_plans::table
        .filter(measurement_plans::programme_id.eq(Stored(programme)))
        .order((measurement_plans::created_at.asc(), measurement_plans::id.asc()))
        .select(MeasurementPlanRow::as_select())
        .load(conn)?)
}

/// Every active plan of every organisation (the scheduler's work list).
pub fn active_plans(conn: &mut DbConnection) -> Result<Vec<MeasurementPlanRow>, StoreError> {
    Ok(measurement_plans::table
        .filter(measurement_plans::active.eq(true))
        .order(measurement_plans::id.asc())
        .select(MeasurementPlanRow::as_select())
        .load(conn)?)
}

/// A participant as the scheduler sees them: id, start, end and e-mail address.
pub type Scheduled = (Stored<ParticipantId>, Option<i64>, Option<i64>, Option<String>);

/// The participants of a programme whose course has started.
pub fn started_in_programme(conn: &mut DbConnection, programme: ProgrammeId) -> Result<Vec<Scheduled>, StoreError> {
    Ok(participants::table
        .filter(participants::programme_id.eq(Stored(programme)))
        .filter(participants::started_at.is_not_null())
        .order(participants::id.asc())
        .select((participants::id, participants::started_at, participants::closed_at, participants::email))
        .load(conn)?)
}

// ------------------------------------------------------------ invitations

pub fn insert_invitation(conn: &mut DbConnection, row: &InvitationRow) -> Result<(), StoreError> {
    diesel::insert_into(invitations::table).values(row).execute(conn)?;
    Ok(())
}

pub fn update_invitation(conn: &mut DbConnection, row: &InvitationRow) -> Result<usize, StoreError> {
    Ok(diesel::update(invitations::table.find(&row.id)).set(row).execute(conn)?)
}

pub fn invitation(conn: &mut DbConnection, id: InvitationId) -> Result<Option<InvitationRow>, StoreError> {
    Ok(invitations::table.find(Stored(id)).select(InvitationRow::as_select()).get_result(conn).optional()?)
}

pub fn invitation_by_token(conn: &mut DbConnection, token_hash: &str) -> Result<Option<InvitationRow>, StoreError> {
    Ok(invitations::table.filter(invitations::token_hash.eq(token_hash)).select(InvitationRow::as_select()).get_result(conn).optional()?)
}

pub fn invitations_of_participant(conn: &mut DbConnection, participant: ParticipantId) -> Result<Vec<InvitationRow>, StoreError> {
    Ok(invitations::table
        .filter(invitations::participant_id.eq(Stored(participant)))
        .order((invitations::due_at.desc(), invitations::id.asc()))
        .select(InvitationRow::as_select())
        .load(conn)?)
}

/// The waves of one plan that a participant already has an invitation for.
pub fn waves_of(conn: &mut DbConnection, participant: ParticipantId, plan: PlanId) -> Result<Vec<String>, StoreError> {
    Ok(invitations::table
        .filter(invitations::participant_id.eq(Stored(participant)))
        .filter(invitations::plan_id.eq(Stored(plan)))
        .select(invitations::wave)
        .load(conn)?)
}

/// Every (participant, wave) a plan has invited to, for one pass of the scheduler.
pub fn plan_waves(conn: &mut DbConnection, plan: PlanId) -> Result<Vec<(ParticipantId, String)>, StoreError> {
    let rows: Vec<(Stored<ParticipantId>, String)> = invitations::table
        .filter(invitations::plan_id.eq(Stored(plan)))
        .select((invitations::participant_id, invitations::wave))
        .load(conn)?;
    Ok(rows.into_iter().map(|(p, wave)| (p.get(), wave)).collect())
}

/// Invitations not yet answered or closed (open or in progress), oldest first.
pub fn pending_invitations(conn: &mut DbConnection) -> Result<Vec<InvitationRow>, StoreError> {
    Ok(invitations::table
        .filter(invitations::status.eq_any(["open", "in_progress"]))
        .order((invitations::due_at.asc(), invitations::id.asc()))
        .select(InvitationRow::as_select())
        .load(conn)?)
}

/// Pending invitations of the given participants (a caseload), soonest due first.
pub fn pending_for(conn: &mut DbConnection, participants_: &[ParticipantId]) -> Result<Vec<InvitationRow>, StoreError> {
    Ok(invitations::table
        .filter(invitations::participant_id.eq_any(keys(participants_)))
        .filter(invitations::status.eq_any(["open", "in_progress"]))
        .order((invitations::due_at.asc(), invitations::id.asc()))
        .select(InvitationRow::as_select())
        .load(conn)?)
}

// ------------------------------------------------------------ responses

pub fn insert_response(conn: &mut DbConnection, row: &ResponseRow) -> Result<(), StoreError> {
    diesel::insert_into(responses::table).values(row).execute(conn)?;
    Ok(())
}

pub fn update_response(conn: &mut DbConnection, row: &ResponseRow) -> Result<usize, StoreError> {
    Ok(diesel::update(responses::table.find(&row.id)).set(row).execute(conn)?)
}

pub fn response(conn: &mut DbConnection, id: ResponseId) -> Result<Option<ResponseRow>, StoreError> {
    Ok(responses::table.find(Stored(id)).select(ResponseRow::as_select()).get_result(conn).optional()?)
}

pub fn response_of_invitation(conn: &mut DbConnection, invitation: InvitationId) -> Result<Option<ResponseRow>, StoreError> {
    Ok(responses::table
        .filter(responses::invitation_id.eq(Stored(invitation)))
        .select(ResponseRow::as_select())
        .get_result(conn)
        .optional()?)
}

/// A participant's responses, oldest first.
pub fn responses_of_participant(conn: &mut DbConnection, participant: ParticipantId) -> Result<Vec<ResponseRow>, StoreError> {
    Ok(responses::table
        .filter(responses::participant_id.eq(Stored(participant)))
        .order((responses::started_at.asc(), responses::id.asc()))
        .select(ResponseRow::as_select())
        .load(conn)?)
}

// ------------------------------------------------------------ life events

pub fn insert_life_event(conn: &mut DbConnection, row: &LifeEventRow) -> Result<(), StoreError> {
    diesel::insert_into(life_events::table).values(row).execute(conn)?;
    Ok(())
}

/// A participant's life outcomes and service use, most recent first.
pub fn life_events_of(conn: &mut DbConnection, participant: ParticipantId) -> Result<Vec<LifeEventRow>, StoreError> {
    Ok(life_events::table
        .filter(life_events::participant_id.eq(Stored(participant)))
        .order((life_events::occurred_on.desc(), life_events::id.desc()))
        .select(LifeEventRow::as_select())
        .load(conn)?)
}

// ------------------------------------------------------------ outbox

pub fn queue_message(conn: &mut DbConnection, row: &OutboxRow) -> Result<(), StoreError> {
    diesel::insert_into(outbox::table).values(row).execute(conn)?;
    Ok(())
}

pub fn update_message(conn: &mut DbConnection, row: &OutboxRow) -> Result<usize, StoreError> {
    Ok(diesel::update(outbox::table.find(&row.id)).set(row).execute(conn)?)
}

/// An organisation's messages, newest first.
pub fn outbox_of(conn: &mut DbConnection, org: OrgId, page: Page) -> Result<(Vec<OutboxRow>, i64), StoreError> {
    let total = outbox::table.filter(outbox::organisation_id.eq(Stored(org))).count().get_result(conn)?;
    let rows = outbox::table
        .filter(outbox::organisation_id.eq(Stored(org)))
        .order((outbox::created_at.desc(), outbox::id.desc()))
        .offset(page.offset)
        .limit(page.limit)
        .select(OutboxRow::as_select())
        .load(conn)?;
    Ok((rows, total))
}

pub fn message(conn: &mut DbConnection, id: &str) -> Result<Option<OutboxRow>, StoreError> {
    Ok(outbox::table.find(id).select(OutboxRow::as_select()).get_result(conn).optional()?)
}

/// Messages waiting to be sent, oldest first.
pub fn queued_messages(conn: &mut DbConnection, limit: i64) -> Result<Vec<OutboxRow>, StoreError> {
    Ok(outbox::table
        .filter(outbox::status.eq("queued"))
        .order((outbox::created_at.asc(), outbox::id.asc()))
        .limit(limit)
        .select(OutboxRow::as_select())
        .load(conn)?)
}

// ------------------------------------------------------------ reports

/// A completed response's whole score result (JSON): organisation, participant, wave, result.
pub type ReportScoreResult = (String, String, Option<String>, String);

/// As [`report_scores`], with the whole stored score result (for a subscale).
pub fn report_score_results(
    conn: &mut DbConnection,
    orgs: &[OrgId],
    programme: Option<ProgrammeId>,
    instrument: (&str, &str),
) -> Result<Vec<ReportScoreResult>, StoreError> {
    let mut q = responses::table
        .inner_join(participants::table)
        .filter(responses::organisation_id.eq_any(keys(orgs)))
        .filter(responses::instrument_id.eq(instrument.0))
        .filter(responses::instrument_version.eq(instrument.1))
        .filter(responses::status.eq("completed"))
        .filter(responses::wave.is_not_null())
        .select((responses::organisation_id, responses::participant_id, responses::wave, responses::scores))
        .into_boxed();
    if let Some(p) = programme {
        q = q.filter(participants::programme_id.eq(Stored(p)));
    }
    Ok(q.load(conn)?)
}

/// A life event as a report counts it: participant, kind, date (ISO), number.
pub type ReportLifeEvent = (String, String, String, Option<i64>);

/// Life events of the given kinds for the given organisations.
pub fn report_life_events(conn: &mut DbConnection, orgs: &[OrgId], kinds: &[&str]) -> Result<Vec<ReportLifeEvent>, StoreError> {
    Ok(life_events::table
        .filter(life_events::organisation_id.eq_any(keys(orgs)))
        .filter(life_events::kind.eq_any(kinds))
        .select((life_events::participant_id, life_events::kind, life_events::occurred_on, life_events::quantity))
        .load(conn)?)
}

// ------------------------------------------------------------ evaluation settings

pub fn evaluation_settings_of(conn: &mut DbConnection, org: OrgId) -> Result<Option<EvaluationSettingsRow>, StoreError> {
    Ok(evaluation_settings::table.find(Stored(org)).select(EvaluationSettingsRow::as_select()).get_result(conn).optional()?)
}

pub fn put_evaluation_settings(conn: &mut DbConnection, row: &EvaluationSettingsRow) -> Result<(), StoreError> {
    let n = diesel::update(evaluation_settings::table.find(&row.organisation_id)).set(row).execute(conn)?;
    if n == 0 {
        diesel::insert_into(evaluation_settings::table).values(row).execute(conn)?;
    }
    Ok(())
}

/// A person as a report counts them, within one organisation: id, programme, start, end.
pub type ReportCourse = (String, Option<String>, Option<i64>, Option<i64>);

/// The participants of one organisation (and programme) whose course started in `[from, to)`.
fn report_courses(
    conn: &mut DbConnection,
    org: OrgId,
    programme: Option<ProgrammeId>,
    from: Option<i64>,
    to: Option<i64>,
) -> Result<Vec<ReportCourse>, StoreError> {
    let mut q = participants::table
        .filter(participants::organisation_id.eq(Stored(org)))
        .filter(participants::started_at.is_not_null())
        .select((participants::id, participants::programme_id, participants::started_at, participants::closed_at))
        .order(participants::id.asc())
        .into_boxed();
    if let Some(p) = programme {
        q = q.filter(participants::programme_id.eq(Stored(p)));
    }
    if let Some(f) = from {
        q = q.filter(participants::started_at.ge(f));
    }
    if let Some(t) = to {
        q = q.filter(participants::started_at.lt(t));
    }
    Ok(q.load(conn)?)
}

/// The waves at which an instrument version was answered in the given organisations.
fn report_waves(conn: &mut DbConnection, orgs: &[OrgId], instrument: (&str, &str)) -> Result<Vec<String>, StoreError> {
    let waves: Vec<Option<String>> = responses::table
        .filter(responses::organisation_id.eq_any(keys(orgs)))
        .filter(responses::instrument_id.eq(instrument.0))
        .filter(responses::instrument_version.eq(instrument.1))
        .filter(responses::status.eq("completed"))
        .select(responses::wave)
        .distinct()
        .load(conn)?;
    Ok(waves.into_iter().flatten().collect())
}

/// Total scores at one wave: participant and score (the covering index answers alone).
fn report_scores_at(
    conn: &mut DbConnection,
    org: OrgId,
    instrument: (&str, &str),
    wave: &str,
) -> Result<Vec<(String, Option<f64>)>, StoreError> {
    Ok(responses::table
        .filter(responses::organisation_id.eq(Stored(org)))
        .filter(responses::instrument_id.eq(instrument.0))
        .filter(responses::instrument_version.eq(instrument.1))
        .filter(responses::status.eq("completed"))
        .filter(responses::wave.eq(wave))
        .select((responses::participant_id, responses::score))
        .order(responses::participant_id.asc())
        .load(conn)?)
}

/// Everything a report reads, from one consistent snapshot, grouped so that no row repeats
/// its organisation or wave.
#[derive(Debug, Default)]
pub struct ReportInputs {
    /// Per organisation (in the order asked), its courses.
    pub people: Vec<(String, Vec<ReportCourse>)>,
    /// Per wave and organisation, the scores ordered by participant: total scores, or a
    /// subscale's picked out of the stored results by `pick`.
    pub scores: Vec<ReportWaveScores>,
    /// Admissions and bed-days (when costs were asked for).
    pub events: Vec<ReportLifeEvent>,
}

/// One wave's scores in one organisation, ordered by participant id.
#[derive(Debug, Default)]
pub struct ReportWaveScores {
    pub wave: String,
    pub org: String,
    pub rows: Vec<(String, Option<f64>)>,
}

/// Picks one score (a subscale's) out of a stored score result (JSON).
pub type PickScore<'a> = dyn Fn(&str) -> Option<f64> + 'a;

/// What a report asks for.
#[derive(Debug, Clone, Copy)]
pub struct ReportQuery<'a> {
    pub orgs: &'a [OrgId],
    pub programme: Option<ProgrammeId>,
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub instrument: (&'a str, &'a str),
    pub life_events: bool,
}

/// Reads a report's inputs in one read-only transaction, so that the people, their scores and
/// their life events are of the same moment. With `subscale`, each stored score result is
/// handed to it and its answer kept in place of the total.
pub fn report_inputs(conn: &mut DbConnection, q: ReportQuery<'_>, subscale: Option<&PickScore<'_>>) -> Result<ReportInputs, StoreError> {
    use diesel::Connection;
    conn.transaction(|c| -> Result<ReportInputs, StoreError> {
        let mut people = Vec::with_capacity(q.orgs.len());
        for org in q.orgs {
            people.push((org.to_string(), report_courses(c, *org, q.programme, q.from, q.to)?));
        }
        let mut scores = Vec::new();
        match subscale {
            None => {
                for wave in report_waves(c, q.orgs, q.instrument)? {
                    for org in q.orgs {
                        let rows = report_scores_at(c, *org, q.instrument, &wave)?;
                        scores.push(ReportWaveScores { wave: wave.clone(), org: org.to_string(), rows });
                    }
                }
            }
            Some(pick) => {
                type Key = (String, String);
                let mut by: std::collections::BTreeMap<Key, Vec<(String, Option<f64>)>> = std::collections::BTreeMap::new();
                for (org, p, w, json) in report_score_results(c, q.orgs, q.programme, q.instrument)? {
                    if let Some(w) = w {
                        by.entry((w, org)).or_default().push((p, pick(&json)));
                    }
                }
                scores = by
                    .into_iter()
                    .map(|((wave, org), mut rows)| {
                        rows.sort_by(|a, b| a.0.cmp(&b.0));
                        ReportWaveScores { wave, org, rows }
                    })
                    .collect();
            }
        }
        let events = if q.life_events { report_life_events(c, q.orgs, &["admission", "bed_days"])? } else { Vec::new() };
        Ok(ReportInputs { people, scores, events })
    })
}
