//! The demo's measurement: plans for every programme and the history of invitations, answers
//! and psychiatric admissions they would have made.

use sammen_app::domain::audit::AuditAction;
use sammen_app::domain::measurement::{InvitationStatus, LifeEventKind, LifeEventSource, ResponseSource, Schedule, due_waves};
use sammen_app::domain::time::Timestamp;
use sammen_app::measurement;
use sammen_app::store::measurement as sm;
use sammen_app::store::rows::{InvitationRow, LifeEventRow, MeasurementPlanRow, ParticipantRow, ProgrammeRow};
use sammen_app::store::{Stored, Tx, Unstore};
use sammen_app::{App, AppResult};
use sammen_instruments::AnswerValue;

use crate::{Rng, event};

/// Measurement plans for every programme (the CHIME check-in at the start, every 8 weeks, at
/// closure and 6 months after; WHO-5 on paper at the start, every 12 weeks and at closure) and the history they
/// would have made: most waves answered, some lapsed, the current one open.
pub(crate) fn seed(app: &App, pick: &Rng, programmes: &[ProgrammeRow], participants: &[ParticipantRow]) -> AppResult<()> {
    let now = app.now();
    let day = 86_400_000_000i64;
    let since = participants.iter().map(|p| p.created_at).min().unwrap_or(now.micros()) - day;
    let chime = measurement::shipped_definition("sammen-chime-checkin", None)?;
    let who5 = measurement::shipped_definition("who-5", None)?;
    let mut plans = Vec::new();
    for prog in programmes {
        for (def, s) in [
            (chime, Schedule { at_start: true, every_weeks: Some(8), at_closure: true, followup_months: Some(6) }),
            (who5, Schedule { at_start: true, every_weeks: Some(12), at_closure: true, followup_months: None }),
        ] {
            plans.push((
                MeasurementPlanRow {
                    id: Stored(app.next_id()),
                    organisation_id: prog.organisation_id,
                    programme_id: prog.id,
                    instrument_id: def.id.clone(),
                    instrument_version: def.version.clone(),
                    at_start: s.at_start,
                    every_weeks: s.every_weeks.map(i64::from),
                    at_closure: s.at_closure,
                    followup_months: s.followup_months.map(i64::from),
                    reminder_days: 7,
                    valid_days: 28,
                    active: true,
                    created_at: since,
                    updated_at: since,
                    // The CHIME check-in aims at 85 %: with fewer answering each wave, the
                    // later waves fall below it, which the follow-up page and reports show.
                    target_percent: if def.id == chime.id { 85 } else { 80 },
                },
                s,
                def,
            ));
        }
    }
    let mut invitations = Vec::new();
    let mut responses = Vec::new();
    let mut events = Vec::new();
    for p in participants {
        let Some(prog) = p.programme_id.get() else { continue };
        let zone = crate::zone_of(app, p.organisation_id.get());
        // Psychiatric admissions in the half year before the start for some, fewer after.
        if let Some(start) = p.started_at {
            for (chance, sign) in [(30, -1i64), (15, 1)] {
                if pick.chance(chance) {
                    let on = Timestamp(start + sign * (5 + pick.n(170) as i64) * day);
                    if on.0 > now.0 {
                        continue;
                    }
                    let days = 3 + pick.n(25) as i64;
                    for (kind, quantity) in [(LifeEventKind::Admission, None), (LifeEventKind::BedDays, Some(days))] {
                        events.push(LifeEventRow {
                            id: Stored(app.next_id()),
                            organisation_id: p.organisation_id,
                            participant_id: p.id,
                            kind: Stored(kind),
                            occurred_on: Stored(on.date_in(&zone)),
                            ended_on: None,
                            quantity,
                            source: Stored(LifeEventSource::Referrer),
                            note: None,
                            recorded_by: None,
                            created_at: now.0,
                        });
                    }
                }
            }
        }
        // Where this person starts (item level 0–4 or 0–5) and how much they gain per wave.
        let base = 1.0 + pick.n(15) as f64 / 10.0;
        let gain = pick.n(6) as f64 / 10.0 - 0.1;
        for (plan, s, def) in plans.iter().filter(|(pl, _, _)| pl.programme_id == prog) {
            for (k, w) in due_waves(s, p.started_at.map(Timestamp), p.closed_at.map(Timestamp), now, &zone).into_iter().enumerate() {
                let expires = w.due.0 + plan.valid_days * day;
                let current = expires > now.0;
                // Fewer people answer as time goes on; the current wave is still open.
                let answered = !current && pick.chance(if k == 0 { 92 } else { 78usize.saturating_sub(4 * k) });
                let status = if current {
                    InvitationStatus::Open
                } else if answered {
                    InvitationStatus::Completed
                } else {
                    InvitationStatus::Expired
                };
                let inv = InvitationRow {
                    id: Stored(app.next_id()),
                    organisation_id: p.organisation_id,
                    participant_id: p.id,
                    plan_id: plan.id,
                    instrument_id: def.id.clone(),
                    instrument_version: def.version.clone(),
                    wave: w.label.clone(),
                    wave_order: w.order,
                    due_at: w.due.0,
                    expires_at: expires,
                    token_hash: None,
                    status: status.into(),
                    reminders_sent: if answered { 0 } else { 2 },
                    last_notified_at: None,
                    created_at: w.due.0,
                    updated_at: w.due.0,
                };
                if answered {
                    let at = Timestamp(w.due.0 + (1 + pick.n(10) as i64) * day);
                    let source = if def.id == "who-5" {
                        ResponseSource::Paper
                    } else if pick.chance(70) {
                        ResponseSource::Link
                    } else {
                        ResponseSource::WithPeer
                    };
                    let mut row = measurement::new_response(app, Some(&inv), p, def, source, None, at);
                    let answers = def
                        .items
                        .iter()
                        .map(|item| {
                            let (lo, hi) = item.bounds();
                            let level = (base + gain * k as f64 + (pick.n(21) as f64 - 10.0) / 10.0) * (hi - lo) / 4.0;
                            let v = if item.reverse { hi + lo - level } else { level };
                            (item.link_id.clone(), AnswerValue::Code(format!("{}", v.round().clamp(lo, hi) as i64)))
                        })
                        .collect();
                    measurement::apply_answers(&mut row, def, answers, true, at)?;
                    responses.push(row);
                }
                invitations.push(inv);
            }
        }
    }
    // Concrete changes in people's lives since their start, as peers and participants tell
    // them (drawn after the answers, so the answers stay as they were).
    for p in participants {
        let zone = crate::zone_of(app, p.organisation_id.get());
        if let Some(start) = p.started_at {
            let days_since = (now.0 - start) / day;
            for (kind, chance) in [
                (LifeEventKind::NewActivity, 45),
                (LifeEventKind::NewRelation, 40),
                (LifeEventKind::VolunteerWork, 20),
                (LifeEventKind::JobStarted, 15),
                (LifeEventKind::EducationStarted, 18),
                (LifeEventKind::EducationCompleted, 6),
            ] {
                if days_since > 20 && pick.chance(chance) {
                    let on = Timestamp(start + (14 + pick.n((days_since - 14) as usize) as i64) * day);
                    events.push(LifeEventRow {
                        id: Stored(app.next_id()),
                        organisation_id: p.organisation_id,
                        participant_id: p.id,
                        kind: Stored(kind),
                        occurred_on: Stored(on.date_in(&zone)),
                        ended_on: None,
                        quantity: None,
                        source: Stored(if pick.chance(60) { LifeEventSource::SelfReport } else { LifeEventSource::Staff }),
                        note: None,
                        recorded_by: None,
                        created_at: now.0,
                    });
                }
            }
        }
    }
    app.db.write_blocking(move |tx: &mut Tx<'_>| -> AppResult<()> {
        for (plan, _, _) in &plans {
            sm::insert_plan(tx.conn(), plan)?;
            tx.audit(event(now, AuditAction::Create, "measurement_plan", &plan.id.to_string(), Some(&plan.organisation_id.to_string())));
        }
        for inv in &invitations {
            sm::insert_invitation(tx.conn(), inv)?;
        }
        for e in &events {
            sm::insert_life_event(tx.conn(), e)?;
        }
        for r in &responses {
            sm::insert_response(tx.conn(), r)?;
            tx.audit(event(now, AuditAction::Create, "participant", &r.participant_id.to_string(), Some(&r.organisation_id.to_string())));
        }
        Ok(())
    })
}
