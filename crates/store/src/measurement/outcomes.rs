//! What a report or a programme page counts as outcomes: the people followed in a scope, their
//! life outcomes (education, work, relations, activities) and their CHIME check-in answers.
//! Personal rows, read only by `app` under a report's authorisation, summarised there and
//! never shown one by one.

use diesel::prelude::*;
use sammen_domain::ids::{OrgId, ParticipantId, ProgrammeId};
use sammen_domain::measurement::LifeEventKind;
use time::Date;

use crate::codec::{Stored, keys};
use crate::schema::{life_events, participants, responses};
use crate::{DbConnection, StoreError};

/// A person followed: their id, organisation, programme and when their course started (UTC
/// microseconds).
pub type FollowedRow = (Stored<ParticipantId>, Stored<OrgId>, Option<Stored<ProgrammeId>>, i64);

/// The people of the organisations (and programme) whose course started in `[from, to)`.
pub fn followed(
    conn: &mut DbConnection,
    orgs: &[OrgId],
    programme: Option<ProgrammeId>,
    from: Option<i64>,
    to: Option<i64>,
) -> Result<Vec<FollowedRow>, StoreError> {
    let mut q = participants::table
        .filter(participants::organisation_id.eq_any(keys(orgs)))
        .filter(participants::started_at.is_not_null())
        .select((participants::id, participants::organisation_id, participants::programme_id, participants::started_at.assume_not_null()))
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

/// A life outcome as counted: the person, what happened and on which day.
pub type OutcomeEventRow = (Stored<ParticipantId>, Stored<LifeEventKind>, Stored<Date>);

/// The life events of the given kinds recorded in the organisations, up to and including `until`.
pub fn outcome_events(
    conn: &mut DbConnection,
    orgs: &[OrgId],
    kinds: &[LifeEventKind],
    until: Date,
) -> Result<Vec<OutcomeEventRow>, StoreError> {
    Ok(life_events::table
        .filter(life_events::organisation_id.eq_any(keys(orgs)))
        .filter(life_events::kind.eq_any(keys(kinds)))
        .filter(life_events::occurred_on.le(Stored(until)))
        .select((life_events::participant_id, life_events::kind, life_events::occurred_on))
        .load(conn)?)
}

/// A completed answer at a wave: the person, the wave, the stored score result (JSON) and when
/// it was completed.
pub type WaveAnswerRow = (Stored<ParticipantId>, String, String, Option<i64>);

/// The completed answers to one instrument version at a wave (any wave when `waves` is `None`)
/// in the organisations (and programme).
pub fn wave_answers(
    conn: &mut DbConnection,
    orgs: &[OrgId],
    programme: Option<ProgrammeId>,
    instrument: (&str, &str),
    waves: Option<&[&str]>,
) -> Result<Vec<WaveAnswerRow>, StoreError> {
    let mut q = responses::table
        .inner_join(participants::table)
        .filter(responses::organisation_id.eq_any(keys(orgs)))
        .filter(responses::instrument_id.eq(instrument.0))
        .filter(responses::instrument_version.eq(instrument.1))
        .filter(responses::status.eq("completed"))
        .filter(responses::wave.is_not_null())
        .select((responses::participant_id, responses::wave.assume_not_null(), responses::scores, responses::completed_at))
        .into_boxed();
    if let Some(p) = programme {
        q = q.filter(participants::programme_id.eq(Stored(p)));
    }
    if let Some(w) = waves {
        q = q.filter(responses::wave.eq_any(w.to_vec()));
    }
    Ok(q.load(conn)?)
}
