//! Follow-up completeness of a programme: per plan and wave, how many answers fell due, were
//! given, are overdue or cannot be had, the rate against the plan's target over the weeks since
//! each wave fell due, and the people whose answers are missing with the next step for each:
//! a reminder now (by the person's channel, in their language, through the outbox), a paper
//! copy handed to their peer worker, or "not reachable" with the reason.
//!
//! The page names people, so it is for the managers of the programme's organisation
//! (`policy::manage_measurement`) and reading it is audited; each step is authorised against
//! the person (`policy::record_measurement`) and audited in the transaction that records it.

use std::collections::HashMap;

use sammen_domain::audit::AuditAction;
use sammen_domain::measurement::InvitationStatus;
use sammen_domain::measurement::completeness::{
    FollowUpActionKind, FollowUpState, Invited, NotReachableInput, ReminderChannel, UnreachableReason, WaveCompleteness, completeness,
    message_language, reminder_channel, state_of, weeks_followed,
};
use sammen_domain::policy::{self, Basis};
use sammen_domain::time::Timestamp;
use sammen_domain::{InvitationId, OrgId, ParticipantId, PlanId, ProgrammeId};
use sammen_i18n::Lang;
use sammen_store::measurement::completeness::{self as sc, FollowUpActionRow, InvitedPerson};
use sammen_store::rows::{InvitationRow, ParticipantRow};
use sammen_store::{Stored, Tx, directory as std_, measurement as sm};

use super::{PlanView, has_text, new_link_token, plan_view, queue_link_message};
use crate::{App, AppError, AppResult, Ctx, Subject, guarded};

const MICROS_PER_DAY: i64 = 86_400_000_000;

/// The language a message to someone who speaks `languages` (stored codes, comma-separated)
/// is written in; `None` writes Danish and English.
pub fn message_lang(languages: &str) -> Option<Lang> {
    let spoken: Vec<String> = languages.split(',').filter(|l| !l.is_empty()).map(str::to_owned).collect();
    let written: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
    message_language(&spoken, &written).and_then(Lang::parse)
}

/// One plan's completeness.
#[derive(Debug, Clone)]
pub struct PlanCompleteness {
    pub plan: PlanView,
    /// How many weeks since due the rate is followed over.
    pub weeks: u32,
    pub waves: Vec<WaveCompleteness>,
}

/// The last step taken about a missing answer.
#[derive(Debug, Clone)]
pub struct LastStep {
    pub kind: FollowUpActionKind,
    pub at: Timestamp,
}

/// A person whose answer is missing, with what can be done next.
#[derive(Clone)]
pub struct MissingAnswer {
    pub invitation: InvitationId,
    pub plan: PlanId,
    pub participant: ParticipantId,
    pub pseudonym: String,
    pub name: Option<String>,
    pub instrument_title: sammen_instruments::Text,
    pub wave: String,
    pub due_at: Timestamp,
    pub state: FollowUpState,
    /// Whole days since the wave fell due.
    pub days_since_due: i64,
    /// Whether the link has expired (a reminder or a paper copy opens the wave again).
    pub expired: bool,
    /// How a reminder would reach the person, if it can.
    pub channel: Option<ReminderChannel>,
    /// The language a reminder would be written in; `None` for Danish and English.
    pub lang: Option<Lang>,
    pub peer_name: Option<String>,
    pub last_step: Option<LastStep>,
}

impl std::fmt::Debug for MissingAnswer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MissingAnswer").field("invitation", &self.invitation).field("state", &self.state).finish_non_exhaustive()
    }
}

/// A person marked not reachable (they count as missing in the rate; kept for the record).
#[derive(Clone)]
pub struct Unreachable {
    pub participant: ParticipantId,
    pub pseudonym: String,
    pub name: Option<String>,
    pub wave: String,
    pub reason: UnreachableReason,
    pub note: Option<String>,
    pub at: Timestamp,
}

impl std::fmt::Debug for Unreachable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Unreachable").field("participant", &self.participant).finish_non_exhaustive()
    }
}

/// The completeness page of a programme.
#[derive(Debug, Clone)]
pub struct FollowUp {
    pub programme: ProgrammeId,
    pub programme_name: String,
    pub organisation: OrgId,
    pub plans: Vec<PlanCompleteness>,
    /// Overdue first, then waiting; the longest waiting first.
    pub missing: Vec<MissingAnswer>,
    pub unreachable: Vec<Unreachable>,
}

fn invited(r: &InvitedPerson) -> Invited {
    Invited {
        wave: r.wave.clone(),
        due_at: Timestamp(r.due_at),
        status: r.status.get(),
        answered_at: r.completed_at.map(Timestamp),
        not_reachable: r.not_reachable,
    }
}

/// The follow-up completeness of a programme's plans and the missing answers, in one audited read.
pub async fn follow_up(app: &App, ctx: &Ctx, programme: ProgrammeId) -> AppResult<FollowUp> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| -> AppResult<FollowUp> {
            let now = app2.now();
            let (prog, basis) = guarded(
                tx,
                &ctx,
                now,
                AuditAction::Search,
                Subject::record(&ctx, "programme", programme),
                |c| std_::programme(c, programme),
                |_, p| Ok(policy::manage_measurement(&ctx.actor, p.organisation_id.get()).ok()),
            )?;
            let org = prog.organisation_id.get();
            let plans = sm::plans_of_programme(tx.conn(), programme)?;
            let people = sc::invited_people(tx.conn(), programme)?;
            let actions = sc::actions_of_programme(tx.conn(), programme)?;
            let texted: HashMap<PlanId, bool> = plans
                .iter()
                .map(|p| Ok((p.id.get(), has_text(tx.conn(), org, &p.instrument_id, &p.instrument_version)?)))
                .collect::<AppResult<_>>()?;
            let result = build(now, programme, prog.name.clone(), org, &plans, &people, &actions, &texted)?;
            tx.audit(ctx.ok_as(now, AuditAction::Search, "participant", None, Some(org.to_string()), basis, "follow_up"));
            Ok(result)
        })
        .await
}

#[allow(clippy::too_many_arguments)]
fn build(
    now: Timestamp,
    programme: ProgrammeId,
    programme_name: String,
    organisation: OrgId,
    plans: &[sammen_store::rows::MeasurementPlanRow],
    people: &[InvitedPerson],
    actions: &[FollowUpActionRow],
    texted: &HashMap<PlanId, bool>,
) -> AppResult<FollowUp> {
    let mut last: HashMap<InvitationId, &FollowUpActionRow> = HashMap::new();
    let mut marked: HashMap<InvitationId, &FollowUpActionRow> = HashMap::new();
    for a in actions {
        last.insert(a.invitation_id.get(), a);
        if a.kind == FollowUpActionKind::NotReachable {
            marked.insert(a.invitation_id.get(), a);
        }
    }
    let mut out = FollowUp { programme, programme_name, organisation, plans: Vec::new(), missing: Vec::new(), unreachable: Vec::new() };
    for row in plans {
        let plan = plan_view(row)?;
        let reminder_days = plan.reminder_days;
        let weeks = weeks_followed(plan.valid_days);
        let mine: Vec<&InvitedPerson> = people.iter().filter(|p| p.plan_id == row.id).collect();
        let facts: Vec<Invited> = mine.iter().map(|p| invited(p)).collect();
        let waves = completeness(&facts, reminder_days, plan.target_percent, weeks, now);
        for (p, f) in mine.iter().zip(&facts) {
            let state = state_of(f, reminder_days, now);
            let id = p.invitation_id.get();
            if state == FollowUpState::NotReachable
                && let Some(a) = marked.get(&id)
                && let Some(reason) = a.reason.map(|r| r.get())
            {
                out.unreachable.push(Unreachable {
                    participant: p.participant_id.get(),
                    pseudonym: p.pseudonym.clone(),
                    name: p.name.clone(),
                    wave: p.wave.clone(),
                    reason,
                    note: a.note.clone(),
                    at: Timestamp(a.created_at),
                });
            }
            if !state.is_missing() {
                continue;
            }
            let status = p.status.get();
            out.missing.push(MissingAnswer {
                invitation: id,
                plan: plan.id,
                participant: p.participant_id.get(),
                pseudonym: p.pseudonym.clone(),
                name: p.name.clone(),
                instrument_title: plan.title.clone(),
                wave: p.wave.clone(),
                due_at: Timestamp(p.due_at),
                state,
                days_since_due: (now.0 - p.due_at).max(0) / MICROS_PER_DAY,
                expired: status == InvitationStatus::Expired || p.expires_at <= now.0,
                channel: reminder_channel(p.has_email, texted.get(&plan.id).copied().unwrap_or(false)),
                lang: message_lang(&p.languages),
                peer_name: p.peer_name.clone(),
                last_step: last.get(&id).map(|a| LastStep { kind: a.kind.get(), at: Timestamp(a.created_at) }),
            });
        }
        out.plans.push(PlanCompleteness { plan, weeks, waves });
    }
    out.missing.sort_by_key(|m| (m.state, m.due_at, m.invitation));
    out.unreachable.sort_by_key(|u| std::cmp::Reverse(u.at));
    Ok(out)
}

/// What became of "send a reminder now".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReminderOutcome {
    /// Queued in the outbox, by this channel, in this language (`None`: Danish and English).
    Queued { channel: ReminderChannel, lang: Option<Lang> },
    /// The person has no channel a reminder can take (no e-mail address, or the questionnaire
    /// cannot be shown on screen): hand a paper copy instead.
    NoChannel,
}

/// An invitation of a wave someone is waiting for, loaded for a step by staff, with its person
/// and programme; a denial or an answered wave is refused like a missing record.
/// The audit record of one follow-up step about a person, with the step as its purpose.
fn audit_step(tx: &mut Tx<'_>, ctx: &Ctx, now: Timestamp, p: &ParticipantRow, basis: Basis, step: &'static str) {
    tx.audit(ctx.ok_as(now, AuditAction::Update, "participant", Some(p.id.to_string()), Some(p.organisation_id.to_string()), basis, step));
}

fn load_step(
    tx: &mut Tx<'_>,
    ctx: &Ctx,
    id: InvitationId,
    now: Timestamp,
) -> AppResult<(InvitationRow, ParticipantRow, Basis, ProgrammeId)> {
    let Some(inv) = sm::invitation(tx.conn(), id)? else {
        return Err(ctx.refuse(tx, now, AuditAction::Update, Subject::record(ctx, "invitation", id), AppError::NotFound));
    };
    let record: fn(&policy::Actor, policy::ParticipantTarget) -> policy::Decision = policy::record_measurement;
    let (p, basis) = crate::people::participant_access(tx, ctx, inv.participant_id.get(), AuditAction::Update, now, Some(record))?;
    let Some(plan) = sm::plan(tx.conn(), inv.plan_id.get())? else { return Err(AppError::NotFound) };
    match inv.status.get() {
        InvitationStatus::Completed => Err(AppError::Gone("err-link-used")),
        InvitationStatus::Cancelled => Err(AppError::Gone("err-link-expired")),
        _ => Ok((inv, p, basis, plan.programme_id.get())),
    }
}

/// A wave whose link expired is opened again for the plan's validity period, so the answers
/// can still be given (by a new link or entered from paper).
fn reopen_if_expired(tx: &mut Tx<'_>, inv: &mut InvitationRow, now: Timestamp) -> AppResult<bool> {
    if inv.status.get() != InvitationStatus::Expired && inv.expires_at > now.0 {
        return Ok(false);
    }
    let Some(plan) = sm::plan(tx.conn(), inv.plan_id.get())? else { return Err(AppError::NotFound) };
    inv.status = InvitationStatus::Open.into();
    inv.expires_at = now.0 + plan.valid_days * MICROS_PER_DAY;
    inv.updated_at = now.micros();
    Ok(true)
}

#[allow(clippy::too_many_arguments)]
fn action_row(
    app: &App,
    ctx: &Ctx,
    inv: &InvitationRow,
    kind: FollowUpActionKind,
    reason: Option<&NotReachableInput>,
    channel: Option<ReminderChannel>,
    lang: Option<Lang>,
    now: Timestamp,
) -> FollowUpActionRow {
    FollowUpActionRow {
        id: app.new_id(),
        organisation_id: inv.organisation_id,
        participant_id: inv.participant_id,
        invitation_id: inv.id,
        kind: Stored(kind),
        reason: reason.map(|r| Stored(r.reason)),
        note: reason.and_then(|r| r.note.clone()),
        channel: channel.map(Stored),
        lang: lang.map(|l| l.code().to_owned()),
        recorded_by: ctx.actor.user.to_string(),
        created_at: now.micros(),
    }
}

/// Sends a reminder now: a fresh answering link by e-mail, in the person's language, queued in
/// the outbox. It counts as the latest notice, so the plan's automatic reminders wait their
/// interval from here; a lapsed link is opened again for the plan's validity period. Without a
/// channel nothing is sent and the answer says so.
pub async fn send_reminder(app: &App, ctx: &Ctx, invitation: InvitationId) -> AppResult<(ProgrammeId, ReminderOutcome)> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<(ProgrammeId, ReminderOutcome)> {
            let now = app2.now();
            let (mut inv, p, basis, programme) = load_step(tx, &ctx, invitation, now)?;
            let texted = has_text(tx.conn(), inv.organisation_id.get(), &inv.instrument_id, &inv.instrument_version)?;
            let (Some(channel), Some(to)) = (reminder_channel(p.email.is_some(), texted), p.email.clone()) else {
                return Ok((programme, ReminderOutcome::NoChannel));
            };
            let lang = message_lang(&p.languages);
            reopen_if_expired(tx, &mut inv, now)?;
            let (token, hash) = new_link_token(&app2);
            inv.token_hash = Some(hash);
            inv.last_notified_at = Some(now.micros());
            inv.updated_at = now.micros();
            sm::update_invitation(tx.conn(), &inv)?;
            queue_link_message(tx, &app2, &inv, &to, &token, true, now)?;
            sc::insert_action(tx.conn(), &action_row(&app2, &ctx, &inv, FollowUpActionKind::Reminder, None, Some(channel), lang, now))?;
            audit_step(tx, &ctx, now, &p, basis, "follow_up_reminder");
            Ok((programme, ReminderOutcome::Queued { channel, lang }))
        })
        .await
}

/// Records that a paper copy of the questionnaire was handed to the person's peer worker; the
/// answers are entered from it later (source "paper"). A lapsed wave is opened again.
pub async fn hand_paper_copy(app: &App, ctx: &Ctx, invitation: InvitationId) -> AppResult<ProgrammeId> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<ProgrammeId> {
            let now = app2.now();
            let (mut inv, p, basis, programme) = load_step(tx, &ctx, invitation, now)?;
            if reopen_if_expired(tx, &mut inv, now)? {
                sm::update_invitation(tx.conn(), &inv)?;
            }
            sc::insert_action(tx.conn(), &action_row(&app2, &ctx, &inv, FollowUpActionKind::PaperCopy, None, None, None, now))?;
            audit_step(tx, &ctx, now, &p, basis, "follow_up_paper_copy");
            Ok(programme)
        })
        .await
}

/// Marks a person not reachable for a wave, with the reason: they leave the list of missing
/// answers and count as missing (attrition) in the rate. An answer given later still counts.
pub async fn mark_not_reachable(app: &App, ctx: &Ctx, invitation: InvitationId, input: NotReachableInput) -> AppResult<ProgrammeId> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<ProgrammeId> {
            let now = app2.now();
            let (inv, p, basis, programme) = load_step(tx, &ctx, invitation, now)?;
            let row = action_row(&app2, &ctx, &inv, FollowUpActionKind::NotReachable, Some(&input), None, None, now);
            sc::insert_action(tx.conn(), &row)?;
            audit_step(tx, &ctx, now, &p, basis, "follow_up_not_reachable");
            Ok(programme)
        })
        .await
}
