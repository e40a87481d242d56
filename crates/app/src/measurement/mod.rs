//! Measuring outcomes: the instrument catalogue with organisations' licensed item
//! text, measurement plans per programme, invitations with personal answering links, answers
//! given by link, together with a peer or from paper, scoring on save, per-person change and
//! CHIME profiles, life outcomes and service use, and FHIR R4 import and export.
//!
//! Every read or write of a participant's measurements is authorised and audited in the
//! transaction that touches it; the audit subject is always the participant. Evaluation
//! [`report`]s differ only in form: they read person-level scores from a snapshot on the read
//! pool, so that a large report never holds the writer, and release their aggregates only
//! after the report's audit record has committed.

pub mod completeness;
pub mod qualitative;
pub mod report;
pub mod report_completion;
pub mod report_cost;
pub mod report_csv;
pub mod report_form;
pub mod report_outcomes;
pub mod report_qualitative;

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use sammen_domain::audit::{AuditAction, AuditEvent, AuditOutcome};
use sammen_domain::measurement::{
    InvitationStatus, LifeEventInput, LifeEventKind, LifeEventSource, MessageKind, MessageStatus, PlanInput, ResponseSource,
    ResponseStatus, Schedule, due_waves,
};
use sammen_domain::policy::{self, Basis, ParticipantTarget};
use sammen_domain::time::{Timestamp, Zone, format_date};
use sammen_domain::{InvitationId, LifeEventId, OrgId, ParticipantId, PlanId, ProgrammeId, ResponseId, UserId, ValidationErrors};
use sammen_instruments::fhir::{
    FhirOptions, ResponseStatus as FhirStatus, bind_questionnaire, import_response, questionnaire, questionnaire_response,
};
use sammen_instruments::{
    AnswerValue, Answers, Change, ChimeProfile, Definition, InstrumentRef, ResponseScale, ScoreError, ScoreResult, answer_weight, change,
    chime_profile, score, shipped,
};
use sammen_store::measurement as sm;
use sammen_store::rows::{InstrumentTextRow, InvitationRow, LifeEventRow, MeasurementPlanRow, ParticipantRow, ResponseRow};
use sammen_store::{DbConnection, Page, StoreError, Stored, Tx, Unstore, directory as std_, people as sp, stored};

use crate::{App, AppError, AppResult, Ctx, Subject, access::auth, guarded};

const MICROS_PER_DAY: i64 = 86_400_000_000;
/// Reminders sent at most this many times per invitation.
pub const MAX_REMINDERS: i64 = 2;
/// The audit purpose of the participant's own answering link.
const LINK_PURPOSE: &str = "participant_link";

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(what.to_owned())
}

fn bad(field: &str, message: &'static str) -> AppError {
    AppError::Validation(ValidationErrors::single(field, message))
}

// ------------------------------------------------------------------ catalogue

static SHIPPED: OnceLock<Result<Vec<Definition>, String>> = OnceLock::new();

/// The definitions Sammen ships (structure and scoring; text only where Sammen may ship it).
pub fn shipped_definitions() -> AppResult<&'static [Definition]> {
    match SHIPPED.get_or_init(|| shipped().map_err(|e| e.to_string())) {
        Ok(v) => Ok(v),
        Err(e) => Err(AppError::Internal(format!("shipped instrument definitions: {e}"))),
    }
}

/// The shipped definition with this id (and version, when given).
pub fn shipped_definition(id: &str, version: Option<&str>) -> AppResult<&'static Definition> {
    shipped_definitions()?.iter().find(|d| d.id == id && version.is_none_or(|v| d.version == v)).ok_or(AppError::NotFound)
}

/// The FHIR settings: canonical URLs under Sammen's URN.
pub fn fhir_options() -> FhirOptions {
    FhirOptions::default()
}

/// The definition an organisation answers with: the shipped one, with the organisation's own
/// licensed item text bound to it when it has loaded one.
fn definition_for(conn: &mut DbConnection, org: OrgId, id: &str, version: &str) -> AppResult<Definition> {
    let base = shipped_definition(id, Some(version))?;
    match sm::instrument_text(conn, org, id, version)? {
        Some(t) => bind_questionnaire(base, &t.questionnaire).map_err(|e| AppError::Internal(format!("stored text of {id}: {e}"))),
        None => Ok(base.clone()),
    }
}

/// Whether an organisation can show an instrument's items: shipped with text, or text loaded
/// (which was bound and checked when it was loaded). No binding, no copy of the definition:
/// the scheduler asks this for every wave it invites to.
pub(crate) fn has_text(conn: &mut DbConnection, org: OrgId, id: &str, version: &str) -> AppResult<bool> {
    if shipped_definition(id, Some(version))?.has_text() {
        return Ok(true);
    }
    Ok(sm::instrument_text(conn, org, id, version)?.is_some())
}

/// One instrument as an organisation sees it.
#[derive(Debug, Clone)]
pub struct InstrumentView {
    pub definition: Definition,
    /// Whether the items have text to show (shipped with it, or loaded by the organisation).
    pub has_text: bool,
    /// The organisation's Questionnaire (`url|version`) when it loaded its own text.
    pub loaded_text: Option<String>,
}

/// Every shipped instrument, with whether the active organisation has text for it.
pub async fn list_instruments(app: &App, ctx: &Ctx) -> AppResult<Vec<InstrumentView>> {
    let org = ctx.org()?;
    policy::view_programme(&ctx.actor, org).map_err(|_| AppError::Forbidden)?;
    let defs = shipped_definitions()?;
    let texts = app.db.read(move |c| sm::instrument_texts_of(c, org)).await?;
    Ok(defs
        .iter()
        .map(|d| {
            let loaded = texts.iter().find(|t| t.instrument_id == d.id && t.instrument_version == d.version).map(|t| t.text_source.clone());
            InstrumentView { has_text: d.has_text() || loaded.is_some(), loaded_text: loaded, definition: d.clone() }
        })
        .collect())
}

/// One instrument for the active organisation (with its loaded text).
pub async fn instrument(app: &App, ctx: &Ctx, id: &str) -> AppResult<InstrumentView> {
    let org = ctx.org()?;
    policy::view_programme(&ctx.actor, org).map_err(|_| AppError::Forbidden)?;
    let base = shipped_definition(id, None)?;
    let (id, version) = (base.id.clone(), base.version.clone());
    app.db
        .read(move |c| -> AppResult<InstrumentView> {
            let def = definition_for(c, org, &id, &version)?;
            let loaded = sm::instrument_text(c, org, &id, &version)?.map(|t| t.text_source);
            Ok(InstrumentView { has_text: def.has_text(), loaded_text: loaded, definition: def })
        })
        .await
}

/// The instrument as a FHIR R4 `Questionnaire` (with the organisation's text where loaded).
pub async fn questionnaire_json(app: &App, ctx: &Ctx, id: &str) -> AppResult<serde_json::Value> {
    let view = instrument(app, ctx, id).await?;
    Ok(questionnaire(&view.definition, &fhir_options()))
}

/// Loads an organisation's licensed item text (a FHIR R4 `Questionnaire`) and binds it to the
/// shipped definition by `linkId`. A file that does not fit is refused with the reason, and
/// whatever text was loaded before stays as it was.
pub async fn load_instrument_text(app: &App, ctx: &Ctx, id: &str, json: String) -> AppResult<InstrumentView> {
    ctx.require_write()?;
    let org = ctx.org()?;
    let base = shipped_definition(id, None)?;
    let bound = bind_questionnaire(base, &json).map_err(|e| bad("questionnaire", e.message_id()))?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    let row = InstrumentTextRow {
        organisation_id: org.into(),
        instrument_id: base.id.clone(),
        instrument_version: base.version.clone(),
        questionnaire: json,
        text_source: bound.text_source.clone().unwrap_or_default(),
        loaded_by: Some(ctx.actor.user.into()),
        loaded_at: app.now().micros(),
    };
    app.db
        .write(move |tx| -> AppResult<()> {
            let now = app2.now();
            let Ok(basis) = policy::manage_measurement(&ctx.actor, org) else {
                let subject = Subject { kind: "instrument_text", id: Some(row.instrument_id.clone()), org: Some(org.to_string()) };
                return Err(ctx.refuse(tx, now, AuditAction::Update, subject, AppError::Forbidden));
            };
            sm::put_instrument_text(tx.conn(), &row)?;
            tx.audit(ctx.ok(now, AuditAction::Update, "instrument_text", Some(row.instrument_id.clone()), Some(org.to_string()), basis));
            Ok(())
        })
        .await?;
    Ok(InstrumentView { has_text: bound.has_text(), loaded_text: bound.text_source.clone(), definition: bound })
}

// ------------------------------------------------------------------ plans

#[derive(Debug, Clone)]
pub struct PlanView {
    pub id: PlanId,
    pub programme_id: ProgrammeId,
    pub instrument: InstrumentRef,
    pub title: sammen_instruments::Text,
    pub schedule: Schedule,
    pub reminder_days: u32,
    pub valid_days: u32,
    pub active: bool,
    pub created_at: Timestamp,
    /// The share of each wave that should be answered, in percent.
    pub target_percent: u32,
}

pub(crate) fn plan_view(r: &MeasurementPlanRow) -> AppResult<PlanView> {
    let title = shipped_definition(&r.instrument_id, Some(&r.instrument_version))
        .map(|d| d.title.clone())
        .unwrap_or_else(|_| sammen_instruments::Text::new(&r.instrument_id, &r.instrument_id));
    let small = |v: Option<i64>| v.and_then(|n| u32::try_from(n).ok());
    Ok(PlanView {
        id: r.id.get(),
        programme_id: r.programme_id.get(),
        instrument: InstrumentRef { id: r.instrument_id.clone(), version: r.instrument_version.clone() },
        title,
        schedule: Schedule {
            at_start: r.at_start,
            every_weeks: small(r.every_weeks),
            at_closure: r.at_closure,
            followup_months: small(r.followup_months),
        },
        reminder_days: u32::try_from(r.reminder_days).unwrap_or(7),
        valid_days: u32::try_from(r.valid_days).unwrap_or(28),
        active: r.active,
        created_at: Timestamp(r.created_at),
        target_percent: u32::try_from(r.target_percent).unwrap_or(80),
    })
}

/// A programme's measurement plans (not personal data: every member may see them).
pub async fn list_plans(app: &App, ctx: &Ctx, programme: ProgrammeId) -> AppResult<Vec<PlanView>> {
    let actor = ctx.actor.clone();
    app.db
        .read(move |c| -> AppResult<Vec<PlanView>> {
            let Some(p) = std_::programme(c, programme)? else { return Err(AppError::NotFound) };
            let org = p.organisation_id.get();
            policy::view_programme(&actor, org).map_err(|_| AppError::NotFound)?;
            sm::plans_of_programme(c, p.id.get())?.iter().map(plan_view).collect()
        })
        .await
}

/// Adds a measurement plan to a programme. Waves that fell due before the plan existed are
/// never asked for.
pub async fn create_plan(app: &App, ctx: &Ctx, programme: ProgrammeId, input: PlanInput) -> AppResult<PlanView> {
    ctx.require_write()?;
    let def = shipped_definition(&input.instrument, None).map_err(|_| bad("instrument", "err-choice"))?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    let id: PlanId = app.next_id();
    let version = def.version.clone();
    app.db
        .write(move |tx| -> AppResult<PlanView> {
            let now = app2.now();
            let (prog, basis) = guarded(
                tx,
                &ctx,
                now,
                AuditAction::Create,
                Subject::within("measurement_plan", ctx.org),
                |c| std_::programme(c, programme),
                |_, p| Ok(policy::manage_measurement(&ctx.actor, p.organisation_id.get()).ok()),
            )?;
            let s = input.schedule;
            let row = MeasurementPlanRow {
                id: Stored(id),
                organisation_id: prog.organisation_id,
                programme_id: prog.id,
                instrument_id: input.instrument.clone(),
                instrument_version: version,
                at_start: s.at_start,
                every_weeks: s.every_weeks.map(i64::from),
                at_closure: s.at_closure,
                followup_months: s.followup_months.map(i64::from),
                reminder_days: i64::from(input.reminder_days),
                valid_days: i64::from(input.valid_days),
                active: true,
                created_at: now.micros(),
                updated_at: now.micros(),
                target_percent: i64::from(input.target_percent),
            };
            sm::insert_plan(tx.conn(), &row)?;
            tx.audit(ctx.ok(
                now,
                AuditAction::Create,
                "measurement_plan",
                Some(row.id.to_string()),
                Some(row.organisation_id.to_string()),
                basis,
            ));
            plan_view(&row)
        })
        .await
}

/// Stops (or restarts) a plan: no new invitations while it is stopped; open ones stay.
pub async fn set_plan_active(app: &App, ctx: &Ctx, plan: PlanId, active: bool) -> AppResult<PlanView> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<PlanView> {
            let now = app2.now();
            let (mut row, basis) = guarded(
                tx,
                &ctx,
                now,
                AuditAction::Update,
                Subject::record(&ctx, "measurement_plan", plan),
                |c| sm::plan(c, plan),
                |_, r| Ok(policy::manage_measurement(&ctx.actor, r.organisation_id.get()).ok()),
            )?;
            row.active = active;
            row.updated_at = now.micros();
            sm::update_plan(tx.conn(), &row)?;
            tx.audit(ctx.ok(
                now,
                AuditAction::Update,
                "measurement_plan",
                Some(row.id.to_string()),
                Some(row.organisation_id.to_string()),
                basis,
            ));
            plan_view(&row)
        })
        .await
}

// ------------------------------------------------------------------ schedule

/// What one run of the scheduler did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScheduleReport {
    pub invited: usize,
    pub reminded: usize,
    pub expired: usize,
}

fn system_event(at: Timestamp, org: OrgId, action: AuditAction, participant: ParticipantId, purpose: &str) -> AuditEvent {
    AuditEvent {
        at,
        actor: None,
        organisation: Some(org.to_string()),
        action,
        subject_type: "participant".into(),
        subject_id: Some(participant.to_string()),
        purpose: purpose.to_owned(),
        route: "scheduler".into(),
        outcome: AuditOutcome::Ok,
    }
}

pub(crate) fn new_link_token(app: &App) -> (String, String) {
    use base64::Engine;
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(app.random_bytes::<32>());
    let hash = auth::sha256_hex(&token);
    (token, hash)
}

/// The address of an answering link.
pub fn link_url(app: &App, token: &str) -> String {
    format!("{}/a/{token}", app.public_url.trim_end_matches('/'))
}

/// Queues the e-mail that carries a fresh link. The text names neither the participant nor the
/// instrument's subject: only that there are a few questions and until when the link works.
pub(crate) fn queue_link_message(
    tx: &mut Tx<'_>,
    app: &App,
    inv: &InvitationRow,
    to: &str,
    token: &str,
    reminder: bool,
    now: Timestamp,
) -> Result<(), StoreError> {
    use sammen_i18n::Arg;
    let url = link_url(app, token);
    let zone = crate::zone::zone_of(tx.conn(), Some(inv.organisation_id.get()))?;
    let until = format_date(Timestamp(inv.expires_at).date_in(&zone));
    let (key, kind) = if reminder {
        ("msg-measure-reminder", MessageKind::MeasurementReminder)
    } else {
        ("msg-measure-invite", MessageKind::MeasurementInvitation)
    };
    let args = [("url", Arg::from(url.as_str())), ("until", Arg::from(until.as_str()))];
    let id = inv.id.to_string();
    // In the first language the participant speaks that Sammen writes; otherwise Danish first,
    // then English, in one message.
    let lang = match sp::participant(tx.conn(), inv.participant_id.get())? {
        Some(p) => completeness::message_lang(&p.languages),
        None => None,
    };
    let m = crate::messages::Message {
        organisation_id: inv.organisation_id.get(),
        kind,
        recipient: to,
        key,
        args: &args,
        lang,
        about: ("invitation", &id),
    };
    crate::messages::queue(tx, app, &m, now).map(|_| ())
}

/// A participant as [`invite_due`] sees them: id, start, end and e-mail address.
type Who<'a> = (ParticipantId, Option<i64>, Option<i64>, Option<&'a str>);

/// Creates the invitations of one plan that have fallen due for one participant (waves due
/// since the plan was made and not lapsed), sending a link when the participant has an e-mail
/// address and the instrument has text. Returns how many it made.
fn invite_due(
    tx: &mut Tx<'_>,
    app: &App,
    plan: &MeasurementPlanRow,
    who: Who<'_>,
    have: &[String],
    now: Timestamp,
    zone: &Zone,
) -> AppResult<usize> {
    let (pid, started, closed, email) = who;
    let schedule = plan_view(plan)?.schedule;
    let due = due_waves(&schedule, started.map(Timestamp), closed.map(Timestamp), now, zone);
    let mut n = 0;
    let mut texted = None;
    for w in due.into_iter().filter(|w| w.due.0 >= plan.created_at && !have.contains(&w.label)) {
        let expires = w.due.0 + plan.valid_days * MICROS_PER_DAY;
        if expires <= now.0 {
            // Fell due and lapsed while nobody asked: not invited after the fact.
            continue;
        }
        let mut inv = InvitationRow {
            id: Stored(app.next_id()),
            organisation_id: plan.organisation_id,
            participant_id: Stored(pid),
            plan_id: plan.id,
            instrument_id: plan.instrument_id.clone(),
            instrument_version: plan.instrument_version.clone(),
            wave: w.label.clone(),
            wave_order: w.order,
            due_at: w.due.0,
            expires_at: expires,
            token_hash: None,
            status: InvitationStatus::Open.into(),
            reminders_sent: 0,
            last_notified_at: None,
            created_at: now.micros(),
            updated_at: now.micros(),
        };
        let texted = match texted {
            Some(t) => t,
            None => *texted.insert(has_text(tx.conn(), plan.organisation_id.get(), &plan.instrument_id, &plan.instrument_version)?),
        };
        let token = match (email, texted) {
            (Some(_), true) => {
                let (token, hash) = new_link_token(app);
                inv.token_hash = Some(hash);
                inv.last_notified_at = Some(now.micros());
                Some(token)
            }
            _ => None,
        };
        sm::insert_invitation(tx.conn(), &inv)?;
        if let (Some(to), Some(token)) = (email, token) {
            queue_link_message(tx, app, &inv, to, &token, false, now)?;
        }
        tx.audit(system_event(now, inv.organisation_id.get(), AuditAction::Create, pid, "measurement_invitation"));
        n += 1;
    }
    Ok(n)
}

/// Invites a participant at once to every wave that has fallen due (the baseline when a course
/// starts, the closure wave when it ends), inside the transaction that changed them.
pub(crate) fn invite_participant_now(tx: &mut Tx<'_>, app: &App, p: &ParticipantRow, now: Timestamp) -> AppResult<usize> {
    let Some(programme) = p.programme_id.get() else { return Ok(0) };
    if p.started_at.is_none() {
        return Ok(0);
    }
    // A withdrawn consent to questionnaires (or to support) stops invitations (ADR 0009).
    if crate::journey::intake::measurement_blocked(tx.conn(), p.id.get(), now)? {
        return Ok(0);
    }
    let who: Who<'_> = (p.id.get(), p.started_at, p.closed_at, p.email.as_deref());
    let zone = crate::zone::zone_of(tx.conn(), Some(p.organisation_id.get()))?;
    let mut n = 0;
    for plan in sm::plans_of_programme(tx.conn(), programme)?.iter().filter(|pl| pl.active) {
        let have = sm::waves_of(tx.conn(), p.id.get(), plan.id.get())?;
        n += invite_due(tx, app, plan, who, &have, now, &zone)?;
    }
    Ok(n)
}

/// One run of the measurement scheduler: creates an invitation for every wave that has fallen
/// due (since its plan was made), sends a link to participants with an e-mail address, reminds
/// those who have not answered after the plan's reminder interval, and closes invitations whose
/// link has expired. Safe to run at any time and as often as wanted: a wave is invited once.
pub async fn run_schedule(app: &App) -> AppResult<ScheduleReport> {
    let plans = app.db.read(sm::active_plans).await?;
    let mut report = ScheduleReport::default();
    for plan in plans {
        let app2 = app.clone();
        let n = app
            .db
            .write(move |tx| -> AppResult<usize> {
                let now = app2.now();
                let zone = crate::zone::zone_of(tx.conn(), Some(plan.organisation_id.get()))?;
                let mut n = 0;
                // What the plan has invited to already, read once rather than per participant.
                let mut invited: HashMap<ParticipantId, Vec<String>> = HashMap::new();
                for (pid, wave) in sm::plan_waves(tx.conn(), plan.id.get())? {
                    invited.entry(pid).or_default().push(wave);
                }
                let people = sm::started_in_programme(tx.conn(), plan.programme_id.get())?;
                let ids: Vec<ParticipantId> = people.iter().map(|w| w.0.get()).collect();
                let blocked = crate::journey::intake::measurement_blocked_of(tx.conn(), &ids, now)?;
                for (pid, started, closed, email) in people.iter().filter(|w| !blocked.contains(&w.0.get())) {
                    let have = invited.get(&pid.get()).map_or(&[][..], Vec::as_slice);
                    let id: ParticipantId = pid.get();
                    n += invite_due(tx, &app2, &plan, (id, *started, *closed, email.as_deref()), have, now, &zone)?;
                }
                Ok(n)
            })
            .await?;
        report.invited += n;
    }
    let app2 = app.clone();
    let (reminded, expired) = app
        .db
        .write(move |tx| -> AppResult<(usize, usize)> {
            let now = app2.now();
            let (mut reminded, mut expired) = (0, 0);
            let mut plans: BTreeMap<PlanId, Option<MeasurementPlanRow>> = BTreeMap::new();
            for mut inv in sm::pending_invitations(tx.conn())? {
                if inv.expires_at <= now.0 {
                    // The link's hash stays, so that opening it says "expired" rather than "unknown".
                    inv.status = InvitationStatus::Expired.into();
                    inv.updated_at = now.micros();
                    sm::update_invitation(tx.conn(), &inv)?;
                    tx.audit(system_event(
                        now,
                        inv.organisation_id.get(),
                        AuditAction::Update,
                        inv.participant_id.get(),
                        "measurement_expired",
                    ));
                    expired += 1;
                    continue;
                }
                if inv.reminders_sent >= MAX_REMINDERS {
                    continue;
                }
                let plan = match plans.entry(inv.plan_id.get()) {
                    Entry::Occupied(e) => e.into_mut(),
                    Entry::Vacant(e) => e.insert(sm::plan(tx.conn(), inv.plan_id.get())?),
                };
                let Some(plan) = plan else { continue };
                let since = inv.last_notified_at.unwrap_or(inv.due_at);
                if now.0 < since + plan.reminder_days * MICROS_PER_DAY {
                    continue;
                }
                let Some(p) = sp::participant(tx.conn(), inv.participant_id.get())? else { continue };
                let Some(to) = p.email.clone() else { continue };
                if !has_text(tx.conn(), inv.organisation_id.get(), &inv.instrument_id, &inv.instrument_version)? {
                    continue;
                }
                let (token, hash) = new_link_token(&app2);
                inv.token_hash = Some(hash);
                inv.reminders_sent += 1;
                inv.last_notified_at = Some(now.micros());
                inv.updated_at = now.micros();
                sm::update_invitation(tx.conn(), &inv)?;
                queue_link_message(tx, &app2, &inv, &to, &token, true, now)?;
                tx.audit(system_event(
                    now,
                    inv.organisation_id.get(),
                    AuditAction::Update,
                    inv.participant_id.get(),
                    "measurement_reminder",
                ));
                reminded += 1;
            }
            Ok((reminded, expired))
        })
        .await?;
    report.reminded = reminded;
    report.expired = expired;
    Ok(report)
}

// ------------------------------------------------------------------ participant overview

#[derive(Debug, Clone)]
pub struct InvitationView {
    pub id: InvitationId,
    pub instrument: InstrumentRef,
    pub title: sammen_instruments::Text,
    pub wave: String,
    pub due_at: Timestamp,
    pub expires_at: Timestamp,
    pub status: InvitationStatus,
    pub reminders_sent: i64,
    pub has_link: bool,
    pub response: Option<ResponseId>,
    /// Whether the items have text (shipped, or loaded by the organisation): without it the
    /// invitation cannot be answered through a link.
    pub has_text: bool,
}

#[derive(Debug, Clone)]
pub struct ResponseView {
    pub id: ResponseId,
    pub instrument: InstrumentRef,
    pub title: sammen_instruments::Text,
    pub wave: Option<String>,
    pub source: ResponseSource,
    pub status: ResponseStatus,
    pub result: Option<ScoreResult>,
    pub answered: usize,
    pub items: usize,
    pub started_at: Timestamp,
    pub completed_at: Option<Timestamp>,
}

impl ResponseView {
    /// When the answers were given: completion, or the start while in progress.
    pub fn at(&self) -> Timestamp {
        self.completed_at.unwrap_or(self.started_at)
    }
}

/// The change on one instrument from the first completed response to a later one.
#[derive(Debug, Clone)]
pub struct ChangeView {
    pub title: sammen_instruments::Text,
    pub from: Timestamp,
    pub to: Timestamp,
    pub from_wave: Option<String>,
    pub to_wave: Option<String>,
    pub change: Change,
}

/// A CHIME profile at one point in time.
#[derive(Debug, Clone)]
pub struct ChimePoint {
    pub at: Timestamp,
    pub wave: Option<String>,
    pub profile: ChimeProfile,
}

#[derive(Debug, Clone)]
pub struct LifeEventView {
    pub id: LifeEventId,
    pub kind: LifeEventKind,
    pub occurred_on: time::Date,
    pub ended_on: Option<time::Date>,
    pub quantity: Option<i64>,
    pub source: LifeEventSource,
    pub note: Option<String>,
}

/// Everything measured about one participant, as the actor may see it.
#[derive(Debug, Clone)]
pub struct MeasurementOverview {
    pub participant: ParticipantId,
    pub pseudonym: String,
    pub organisation: OrgId,
    /// Whether the actor may record answers and life events.
    pub can_record: bool,
    pub invitations: Vec<InvitationView>,
    pub responses: Vec<ResponseView>,
    pub changes: Vec<ChangeView>,
    pub chime: Vec<ChimePoint>,
    pub life_events: Vec<LifeEventView>,
    /// Instruments an answer can be recorded with, and whether each has text.
    pub instruments: Vec<(String, sammen_instruments::Text, bool)>,
}

fn target_of(r: &ParticipantRow) -> (OrgId, ParticipantTarget) {
    let org = r.organisation_id.get();
    (org, ParticipantTarget { org, assigned_peer: r.assigned_peer_id.get() })
}

/// Loads a participant and decides a measurement access, auditing a denial as "not found".
fn access(
    tx: &mut Tx<'_>,
    ctx: &Ctx,
    id: ParticipantId,
    action: AuditAction,
    now: Timestamp,
    write: bool,
) -> AppResult<(ParticipantRow, Basis)> {
    let record: fn(&policy::Actor, ParticipantTarget) -> policy::Decision = policy::record_measurement;
    crate::people::participant_access(tx, ctx, id, action, now, write.then_some(record))
}

fn stored_answers(r: &ResponseRow) -> Result<Answers, StoreError> {
    serde_json::from_str(&r.answers).map_err(|_| corrupt("answers"))
}

fn stored_result(r: &ResponseRow) -> Option<ScoreResult> {
    r.score.and(serde_json::from_str(&r.scores).ok())
}

fn response_view(r: &ResponseRow) -> AppResult<ResponseView> {
    let def = shipped_definition(&r.instrument_id, Some(&r.instrument_version))?;
    let answers = stored_answers(r)?;
    Ok(ResponseView {
        id: r.id.get(),
        instrument: InstrumentRef { id: r.instrument_id.clone(), version: r.instrument_version.clone() },
        title: def.title.clone(),
        wave: r.wave.clone(),
        source: r.source.get(),
        status: r.status.get(),
        result: stored_result(r),
        answered: answers.len(),
        items: def.items.len(),
        started_at: Timestamp(r.started_at),
        completed_at: r.completed_at.map(Timestamp),
    })
}

fn invitation_view(r: &InvitationRow, response: Option<&ResponseRow>, has_text: bool) -> AppResult<InvitationView> {
    let title = shipped_definition(&r.instrument_id, Some(&r.instrument_version))?.title.clone();
    Ok(InvitationView {
        id: r.id.get(),
        instrument: InstrumentRef { id: r.instrument_id.clone(), version: r.instrument_version.clone() },
        title,
        wave: r.wave.clone(),
        due_at: Timestamp(r.due_at),
        expires_at: Timestamp(r.expires_at),
        status: r.status.get(),
        reminders_sent: r.reminders_sent,
        has_link: r.token_hash.is_some(),
        response: response.map(|x| x.id.get()),
        has_text,
    })
}

fn life_event_view(r: &LifeEventRow) -> Result<LifeEventView, StoreError> {
    Ok(LifeEventView {
        id: r.id.get(),
        kind: r.kind.get(),
        occurred_on: r.occurred_on.get(),
        ended_on: r.ended_on.get(),
        quantity: r.quantity,
        source: r.source.get(),
        note: r.note.clone(),
    })
}

/// Per instrument version, the change from the first completed response to each later one,
/// and the CHIME profile of every completed response with CHIME-mapped items.
fn changes_and_chime(responses: &[ResponseView]) -> AppResult<(Vec<ChangeView>, Vec<ChimePoint>)> {
    let mut changes = Vec::new();
    let mut chime = Vec::new();
    let mut first: BTreeMap<InstrumentRef, &ResponseView> = BTreeMap::new();
    let mut done: Vec<&ResponseView> = responses.iter().filter(|r| r.status == ResponseStatus::Completed && r.result.is_some()).collect();
    done.sort_by_key(|r| r.at());
    for r in done {
        let Some(result) = &r.result else { continue };
        let def = shipped_definition(&r.instrument.id, Some(&r.instrument.version))?;
        if let Ok(profile) = chime_profile(&[(def, result)])
            && !profile.domains.is_empty()
        {
            chime.push(ChimePoint { at: r.at(), wave: r.wave.clone(), profile });
        }
        match first.get(&r.instrument) {
            None => {
                first.insert(r.instrument.clone(), r);
            }
            Some(f) => {
                if let Some(before) = &f.result
                    && let Ok(ch) = change(def, before, result)
                {
                    changes.push(ChangeView {
                        title: def.title.clone(),
                        from: f.at(),
                        to: r.at(),
                        from_wave: f.wave.clone(),
                        to_wave: r.wave.clone(),
                        change: ch,
                    });
                }
            }
        }
    }
    Ok((changes, chime))
}

/// A participant's invitations, responses with scores and change, CHIME profiles over time and
/// life events: one audited read.
pub async fn participant_measurements(app: &App, ctx: &Ctx, id: ParticipantId) -> AppResult<MeasurementOverview> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| -> AppResult<MeasurementOverview> {
            let now = app2.now();
            let (p, basis) = access(tx, &ctx, id, AuditAction::Read, now, false)?;
            let (org, t) = target_of(&p);
            let can_record = policy::record_measurement(&ctx.actor, t).is_ok();
            let rows = sm::responses_of_participant(tx.conn(), p.id.get())?;
            let responses = rows.iter().map(response_view).collect::<AppResult<Vec<_>>>()?;
            let mut invitations = Vec::new();
            for i in sm::invitations_of_participant(tx.conn(), p.id.get())? {
                let texted = has_text(tx.conn(), org, &i.instrument_id, &i.instrument_version)?;
                invitations.push(invitation_view(&i, rows.iter().find(|r| r.invitation_id == Some(i.id)), texted)?);
            }
            let life_events = sm::life_events_of(tx.conn(), p.id.get())?.iter().map(life_event_view).collect::<Result<Vec<_>, _>>()?;
            let (changes, chime) = changes_and_chime(&responses)?;
            let mut instruments = Vec::new();
            for d in shipped_definitions()? {
                let texted = has_text(tx.conn(), org, &d.id, &d.version)?;
                instruments.push((d.id.clone(), d.title.clone(), texted));
            }
            tx.audit(ctx.ok(now, AuditAction::Read, "participant", Some(p.id.to_string()), Some(p.organisation_id.to_string()), basis));
            Ok(MeasurementOverview {
                participant: id,
                pseudonym: p.pseudonym.clone(),
                organisation: org,
                can_record,
                invitations,
                responses,
                changes,
                chime,
                life_events,
                instruments,
            })
        })
        .await
}

// ------------------------------------------------------------------ answering

/// Turns submitted form values (item `linkId` → raw text) into checked answers. An empty value
/// means "not answered". Numbers accept a decimal comma. Every problem is reported per item.
pub fn parse_answers(def: &Definition, raw: &[(String, String)]) -> Result<Answers, ValidationErrors> {
    let mut e = ValidationErrors::new();
    let mut out = Answers::new();
    for (link_id, value) in raw {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        let Some(item) = def.item(link_id) else {
            e.add(link_id, ScoreError::UnknownItem { instrument: def.instrument(), link_id: link_id.clone() }.message_id());
            continue;
        };
        let answer = match &item.response {
            ResponseScale::Choice { .. } => AnswerValue::Code(value.to_owned()),
            ResponseScale::Numeric { .. } => match value.replace(',', ".").parse::<f64>() {
                Ok(n) if n.is_finite() => AnswerValue::Number(n),
                _ => {
                    e.add(link_id, "err-instrument-answer-type");
                    continue;
                }
            },
        };
        match answer_weight(item, &answer) {
            Ok(_) => {
                out.insert(link_id.clone(), answer);
            }
            Err(err) => e.add(link_id, err.message_id()),
        }
    }
    e.into_result()?;
    Ok(out)
}

/// What a save did.
#[derive(Debug, Clone, PartialEq)]
pub struct SaveOutcome {
    pub response: ResponseId,
    pub completed: bool,
    pub answered: usize,
    pub items: usize,
    pub score: Option<f64>,
}

/// Merges new answers into a response, scores it with its definition, and completes it when
/// asked (which needs enough answers for a score). Nothing is written if anything is wrong.
pub fn apply_answers(row: &mut ResponseRow, def: &Definition, new: Answers, finish: bool, now: Timestamp) -> AppResult<SaveOutcome> {
    if row.status == ResponseStatus::Completed {
        return Err(AppError::Gone("err-response-completed"));
    }
    let mut answers = stored_answers(row)?;
    answers.extend(new);
    let scored = score(def, &answers);
    let result = match scored {
        Ok(r) => Some(r),
        Err(ScoreError::TooFewAnswered { .. }) if !finish => None,
        Err(e) => return Err(bad("answers", e.message_id())),
    };
    row.answers = serde_json::to_string(&answers).map_err(|e| AppError::Internal(e.to_string()))?;
    row.score = result.as_ref().map(|r| r.score);
    row.raw = result.as_ref().map(|r| r.raw);
    row.prorated = result.as_ref().is_some_and(|r| r.prorated);
    row.band = result.as_ref().and_then(|r| r.band.clone());
    row.scores = match &result {
        Some(r) => serde_json::to_string(r).map_err(|e| AppError::Internal(e.to_string()))?,
        None => "{}".into(),
    };
    row.updated_at = now.micros();
    if finish {
        row.status = ResponseStatus::Completed.into();
        row.completed_at = Some(now.micros());
    }
    Ok(SaveOutcome { response: row.id.get(), completed: finish, answered: answers.len(), items: def.items.len(), score: row.score })
}

/// A new, empty response of `p` to `def` (to an invitation, or on its own), started at `now`.
pub fn new_response(
    app: &App,
    inv: Option<&InvitationRow>,
    p: &ParticipantRow,
    def: &Definition,
    source: ResponseSource,
    by: Option<UserId>,
    now: Timestamp,
) -> ResponseRow {
    ResponseRow {
        id: Stored(app.next_id()),
        organisation_id: p.organisation_id,
        participant_id: p.id,
        invitation_id: inv.map(|i| i.id),
        instrument_id: def.id.clone(),
        instrument_version: def.version.clone(),
        wave: inv.map(|i| i.wave.clone()),
        source: source.into(),
        entered_by: stored(by),
        answers: "{}".into(),
        status: ResponseStatus::InProgress.into(),
        score: None,
        raw: None,
        prorated: false,
        band: None,
        scores: "{}".into(),
        started_at: now.micros(),
        completed_at: None,
        updated_at: now.micros(),
    }
}

/// What a personal link opens: the instrument (with text), the wave and the answers so far.
/// It shows nothing about whom the link belongs to.
#[derive(Debug, Clone)]
pub struct LinkForm {
    pub definition: Definition,
    pub answers: Answers,
    pub wave: String,
    pub expires_at: Timestamp,
}

fn token_shape_ok(token: &str) -> bool {
    token.len() == 43 && token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Finds the invitation of a link and checks that it may still be answered.
fn invitation_of_link(tx: &mut Tx<'_>, token: &str, now: Timestamp) -> AppResult<InvitationRow> {
    if !token_shape_ok(token) {
        return Err(AppError::Gone("err-link-unknown"));
    }
    let Some(inv) = sm::invitation_by_token(tx.conn(), &auth::sha256_hex(token))? else {
        return Err(AppError::Gone("err-link-unknown"));
    };
    match inv.status.get() {
        InvitationStatus::Completed => Err(AppError::Gone("err-link-used")),
        InvitationStatus::Expired | InvitationStatus::Cancelled => Err(AppError::Gone("err-link-expired")),
        InvitationStatus::Open | InvitationStatus::InProgress if inv.expires_at <= now.0 => Err(AppError::Gone("err-link-expired")),
        InvitationStatus::Open | InvitationStatus::InProgress => Ok(inv),
    }
}

fn link_event(now: Timestamp, inv: &InvitationRow, action: AuditAction, route: &str) -> AuditEvent {
    AuditEvent {
        at: now,
        actor: None,
        organisation: Some(inv.organisation_id.to_string()),
        action,
        subject_type: "participant".into(),
        subject_id: Some(inv.participant_id.to_string()),
        purpose: LINK_PURPOSE.into(),
        route: route.to_owned(),
        outcome: AuditOutcome::Ok,
    }
}

/// Opens a personal answering link.
pub async fn open_link(app: &App, token: String, route: &str) -> AppResult<LinkForm> {
    let app2 = app.clone();
    let route = route.to_owned();
    app.db
        .audited_read(move |tx| -> AppResult<LinkForm> {
            let now = app2.now();
            let inv = invitation_of_link(tx, &token, now)?;
            let def = definition_for(tx.conn(), inv.organisation_id.get(), &inv.instrument_id, &inv.instrument_version)?;
            if !def.has_text() {
                return Err(AppError::Gone("err-instrument-no-text"));
            }
            let answers = match sm::response_of_invitation(tx.conn(), inv.id.get())? {
                Some(r) => stored_answers(&r)?,
                None => Answers::new(),
            };
            tx.audit(link_event(now, &inv, AuditAction::Read, &route));
            Ok(LinkForm { definition: def, answers, wave: inv.wave.clone(), expires_at: Timestamp(inv.expires_at) })
        })
        .await
}

/// The language to tell the holder of a link that no longer opens why: the first of the
/// participant's languages that Sammen speaks (`da` or `en`), if the link was ever theirs.
/// Nothing else about them is read; the look-up is audited like opening the link.
pub async fn link_language(app: &App, token: String, route: &str) -> AppResult<Option<String>> {
    if !token_shape_ok(&token) {
        return Ok(None);
    }
    let app2 = app.clone();
    let route = route.to_owned();
    app.db
        .audited_read(move |tx| -> AppResult<Option<String>> {
            let now = app2.now();
            let Some(inv) = sm::invitation_by_token(tx.conn(), &auth::sha256_hex(&token))? else { return Ok(None) };
            let Some(p) = sp::participant(tx.conn(), inv.participant_id.get())? else { return Ok(None) };
            tx.audit(link_event(now, &inv, AuditAction::Read, &route));
            let spoken = p.languages.split([',', ' ']).map(str::trim).find(|l| matches!(*l, "da" | "en"));
            Ok(spoken.map(str::to_owned))
        })
        .await
}

/// Saves answers given through a personal link; with `finish`, completes the response, after
/// which the link no longer opens.
pub async fn save_link(app: &App, token: String, route: &str, raw: Vec<(String, String)>, finish: bool) -> AppResult<SaveOutcome> {
    let app2 = app.clone();
    let route = route.to_owned();
    app.db
        .write(move |tx| -> AppResult<SaveOutcome> {
            let now = app2.now();
            let mut inv = invitation_of_link(tx, &token, now)?;
            let def = definition_for(tx.conn(), inv.organisation_id.get(), &inv.instrument_id, &inv.instrument_version)?;
            let answers = parse_answers(&def, &raw)?;
            let Some(p) = sp::participant(tx.conn(), inv.participant_id.get())? else { return Err(AppError::Gone("err-link-unknown")) };
            let existing = sm::response_of_invitation(tx.conn(), inv.id.get())?;
            let is_new = existing.is_none();
            let mut row = existing.unwrap_or_else(|| new_response(&app2, Some(&inv), &p, &def, ResponseSource::Link, None, now));
            let outcome = apply_answers(&mut row, &def, answers, finish, now)?;
            if is_new {
                sm::insert_response(tx.conn(), &row)?;
            } else {
                sm::update_response(tx.conn(), &row)?;
            }
            inv.status = Stored(if finish { InvitationStatus::Completed } else { InvitationStatus::InProgress });
            inv.updated_at = now.micros();
            sm::update_invitation(tx.conn(), &inv)?;
            tx.audit(link_event(now, &inv, AuditAction::Update, &route));
            Ok(outcome)
        })
        .await
}

/// Makes a new personal link for an invitation (the old one stops working) and returns its
/// address, shown once, for staff to hand over.
pub async fn issue_link(app: &App, ctx: &Ctx, invitation: InvitationId) -> AppResult<String> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<String> {
            let now = app2.now();
            let inv = sm::invitation(tx.conn(), invitation)?;
            let Some(mut inv) = inv else {
                return Err(ctx.refuse(tx, now, AuditAction::Update, Subject::record(&ctx, "invitation", invitation), AppError::NotFound));
            };
            let (p, basis) = access(tx, &ctx, inv.participant_id.get(), AuditAction::Update, now, true)?;
            let pending = matches!(inv.status.get(), InvitationStatus::Open | InvitationStatus::InProgress);
            if !pending || inv.expires_at <= now.0 {
                return Err(AppError::Gone("err-link-expired"));
            }
            if !has_text(tx.conn(), inv.organisation_id.get(), &inv.instrument_id, &inv.instrument_version)? {
                return Err(bad("invitation", "err-instrument-no-text"));
            }
            let (token, hash) = new_link_token(&app2);
            inv.token_hash = Some(hash);
            inv.last_notified_at = Some(now.micros());
            inv.updated_at = now.micros();
            sm::update_invitation(tx.conn(), &inv)?;
            tx.audit(ctx.ok(now, AuditAction::Update, "participant", Some(p.id.to_string()), Some(p.organisation_id.to_string()), basis));
            Ok(link_url(&app2, &token))
        })
        .await
}

/// Starts a response recorded by staff: together with the participant (`WithPeer`) or from a
/// paper form (`Paper`, marked as such), optionally for a pending invitation.
pub async fn start_response(
    app: &App,
    ctx: &Ctx,
    participant: ParticipantId,
    instrument: &str,
    source: ResponseSource,
    invitation: Option<InvitationId>,
) -> AppResult<ResponseId> {
    ctx.require_write()?;
    if !matches!(source, ResponseSource::WithPeer | ResponseSource::Paper) {
        return Err(bad("source", "err-choice"));
    }
    let ctx = ctx.clone();
    let app2 = app.clone();
    let instrument = instrument.to_owned();
    app.db
        .write(move |tx| -> AppResult<ResponseId> {
            let now = app2.now();
            let (p, basis) = access(tx, &ctx, participant, AuditAction::Create, now, true)?;
            let inv = match invitation {
                Some(i) => {
                    let inv = sm::invitation(tx.conn(), i)?.filter(|x| x.participant_id == p.id);
                    let Some(inv) = inv else { return Err(bad("invitation", "err-choice")) };
                    if !matches!(inv.status.get(), InvitationStatus::Open | InvitationStatus::InProgress) {
                        return Err(AppError::Gone("err-link-used"));
                    }
                    if let Some(r) = sm::response_of_invitation(tx.conn(), inv.id.get())? {
                        // Carry on with the answers already given.
                        return Ok(r.id.get());
                    }
                    Some(inv)
                }
                None => None,
            };
            let (id, version) = match &inv {
                Some(i) => (i.instrument_id.clone(), i.instrument_version.clone()),
                None => {
                    let d = shipped_definition(&instrument, None).map_err(|_| bad("instrument", "err-choice"))?;
                    (d.id.clone(), d.version.clone())
                }
            };
            let def = definition_for(tx.conn(), p.organisation_id.get(), &id, &version)?;
            let row = new_response(&app2, inv.as_ref(), &p, &def, source, Some(ctx.actor.user), now);
            sm::insert_response(tx.conn(), &row)?;
            if let Some(mut inv) = inv {
                inv.status = InvitationStatus::InProgress.into();
                inv.updated_at = now.micros();
                sm::update_invitation(tx.conn(), &inv)?;
            }
            tx.audit(ctx.ok(now, AuditAction::Create, "participant", Some(p.id.to_string()), Some(p.organisation_id.to_string()), basis));
            Ok(row.id.get())
        })
        .await
}

/// A response with its instrument, for the staff form and the detail page.
#[derive(Debug, Clone)]
pub struct ResponseForm {
    pub view: ResponseView,
    pub participant: ParticipantId,
    pub pseudonym: String,
    pub definition: Definition,
    pub answers: Answers,
    pub can_record: bool,
}

fn load_response(
    tx: &mut Tx<'_>,
    ctx: &Ctx,
    id: ResponseId,
    action: AuditAction,
    now: Timestamp,
    write: bool,
) -> AppResult<(ResponseRow, ParticipantRow, Basis)> {
    let Some(r) = sm::response(tx.conn(), id)? else {
        return Err(ctx.refuse(tx, now, action, Subject::record(ctx, "response", id), AppError::NotFound));
    };
    let (p, basis) = access(tx, ctx, r.participant_id.get(), action, now, write)?;
    Ok((r, p, basis))
}

pub async fn response_form(app: &App, ctx: &Ctx, id: ResponseId) -> AppResult<ResponseForm> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| -> AppResult<ResponseForm> {
            let now = app2.now();
            let (r, p, basis) = load_response(tx, &ctx, id, AuditAction::Read, now, false)?;
            let (org, t) = target_of(&p);
            let def = definition_for(tx.conn(), org, &r.instrument_id, &r.instrument_version)?;
            tx.audit(ctx.ok(now, AuditAction::Read, "participant", Some(p.id.to_string()), Some(p.organisation_id.to_string()), basis));
            Ok(ResponseForm {
                view: response_view(&r)?,
                participant: p.id.get(),
                pseudonym: p.pseudonym.clone(),
                answers: stored_answers(&r)?,
                definition: def,
                can_record: policy::record_measurement(&ctx.actor, t).is_ok(),
            })
        })
        .await
}

/// Saves answers entered by staff (with the participant or from paper).
pub async fn save_response(app: &App, ctx: &Ctx, id: ResponseId, raw: Vec<(String, String)>, finish: bool) -> AppResult<SaveOutcome> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<SaveOutcome> {
            let now = app2.now();
            let (mut r, p, basis) = load_response(tx, &ctx, id, AuditAction::Update, now, true)?;
            let def = definition_for(tx.conn(), p.organisation_id.get(), &r.instrument_id, &r.instrument_version)?;
            let answers = parse_answers(&def, &raw)?;
            let outcome = apply_answers(&mut r, &def, answers, finish, now)?;
            sm::update_response(tx.conn(), &r)?;
            if let Some(inv_id) = r.invitation_id.get()
                && let Some(mut inv) = sm::invitation(tx.conn(), inv_id)?
            {
                inv.status = Stored(if finish { InvitationStatus::Completed } else { InvitationStatus::InProgress });
                inv.updated_at = now.micros();
                sm::update_invitation(tx.conn(), &inv)?;
            }
            tx.audit(ctx.ok(now, AuditAction::Update, "participant", Some(p.id.to_string()), Some(p.organisation_id.to_string()), basis));
            Ok(outcome)
        })
        .await
}

// ------------------------------------------------------------------ FHIR

/// A response as a FHIR R4 `QuestionnaireResponse`, with its derived scores.
pub async fn response_fhir(app: &App, ctx: &Ctx, id: ResponseId) -> AppResult<serde_json::Value> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| -> AppResult<serde_json::Value> {
            let now = app2.now();
            let (r, p, basis) = load_response(tx, &ctx, id, AuditAction::Export, now, false)?;
            let def = shipped_definition(&r.instrument_id, Some(&r.instrument_version))?;
            let answers = stored_answers(&r)?;
            let status = if r.status == ResponseStatus::Completed { FhirStatus::Completed } else { FhirStatus::InProgress };
            let authored = Timestamp(r.completed_at.unwrap_or(r.updated_at)).rfc3339();
            let result = stored_result(&r);
            let mut doc = questionnaire_response(def, &answers, status, result.as_ref(), Some(&authored), &fhir_options())
                .map_err(|e| AppError::Internal(format!("QuestionnaireResponse: {e}")))?;
            if let Some(o) = doc.as_object_mut() {
                o.insert("id".into(), serde_json::Value::String(r.id.to_string()));
            }
            tx.audit(ctx.ok(now, AuditAction::Export, "participant", Some(p.id.to_string()), Some(p.organisation_id.to_string()), basis));
            Ok(doc)
        })
        .await
}

/// Which definition a QuestionnaireResponse answers: Sammen's canonical URL, or the URL of the
/// organisation's own bound Questionnaire.
fn instrument_of_response(conn: &mut DbConnection, org: OrgId, json: &str) -> AppResult<(String, String)> {
    let v: serde_json::Value = serde_json::from_str(json).map_err(|_| bad("questionnaire_response", "err-fhir-json"))?;
    let q = v.get("questionnaire").and_then(serde_json::Value::as_str).unwrap_or_default().to_owned();
    let opts = fhir_options();
    for d in shipped_definitions()? {
        let canonical = opts.canonical(&d.id);
        if q == canonical || q.starts_with(&format!("{canonical}|")) {
            return Ok((d.id.clone(), d.version.clone()));
        }
    }
    for t in sm::instrument_texts_of(conn, org)? {
        let url = t.text_source.split('|').next().unwrap_or_default().to_owned();
        if !url.is_empty() && (q == t.text_source || q == url || q.starts_with(&format!("{url}|"))) {
            return Ok((t.instrument_id, t.instrument_version));
        }
    }
    Err(bad("questionnaire_response", "err-fhir-unknown-questionnaire"))
}

/// Imports a FHIR R4 `QuestionnaireResponse` as a participant's response (source `fhir`):
/// every answer is checked and the score recomputed from the definition; a bad document
/// changes nothing.
pub async fn import_response_fhir(app: &App, ctx: &Ctx, participant: ParticipantId, json: String) -> AppResult<ResponseId> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<ResponseId> {
            let now = app2.now();
            let (p, basis) = access(tx, &ctx, participant, AuditAction::Create, now, true)?;
            let org = p.organisation_id.get();
            let (id, version) = instrument_of_response(tx.conn(), org, &json)?;
            let def = definition_for(tx.conn(), org, &id, &version)?;
            let imported = import_response(&def, &json, &fhir_options()).map_err(|e| bad("questionnaire_response", e.message_id()))?;
            let finish = imported.status == FhirStatus::Completed;
            let mut row = new_response(&app2, None, &p, &def, ResponseSource::Fhir, Some(ctx.actor.user), now);
            apply_answers(&mut row, &def, imported.answers, finish, now)?;
            sm::insert_response(tx.conn(), &row)?;
            tx.audit(ctx.ok(now, AuditAction::Create, "participant", Some(p.id.to_string()), Some(p.organisation_id.to_string()), basis));
            Ok(row.id.get())
        })
        .await
}

// ------------------------------------------------------------------ life events

/// Records a life outcome or a use of services for a participant.
pub async fn add_life_event(app: &App, ctx: &Ctx, participant: ParticipantId, input: LifeEventInput) -> AppResult<LifeEventView> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<LifeEventView> {
            let now = app2.now();
            let (p, basis) = access(tx, &ctx, participant, AuditAction::Create, now, true)?;
            let row = LifeEventRow {
                id: Stored(app2.next_id()),
                organisation_id: p.organisation_id,
                participant_id: p.id,
                kind: input.kind.into(),
                occurred_on: Stored(input.occurred_on),
                ended_on: stored(input.ended_on),
                quantity: input.quantity.map(i64::from),
                source: input.source.into(),
                note: input.note.clone(),
                recorded_by: Some(ctx.actor.user.into()),
                created_at: now.micros(),
            };
            sm::insert_life_event(tx.conn(), &row)?;
            tx.audit(ctx.ok(now, AuditAction::Create, "participant", Some(p.id.to_string()), Some(p.organisation_id.to_string()), basis));
            Ok(life_event_view(&row)?)
        })
        .await
}

// ------------------------------------------------------------------ outbox

#[derive(Debug, Clone)]
pub struct MessageView {
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub status: String,
    pub created_at: Timestamp,
    pub sent_at: Option<Timestamp>,
}

/// The organisation's messages, newest first (managers; an audited read, since they hold
/// addresses).
pub async fn list_outbox(app: &App, ctx: &Ctx, page: Page) -> AppResult<(Vec<MessageView>, i64)> {
    let org = ctx.org()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| -> AppResult<(Vec<MessageView>, i64)> {
            let now = app2.now();
            let Ok(basis) = policy::manage_measurement(&ctx.actor, org) else {
                return Err(ctx.refuse(tx, now, AuditAction::Search, Subject::within("outbox", Some(org)), AppError::Forbidden));
            };
            let (rows, total) = sm::outbox_of(tx.conn(), org, page)?;
            tx.audit(ctx.ok(now, AuditAction::Search, "outbox", None, Some(org.to_string()), basis));
            let views = rows
                .into_iter()
                .map(|r| MessageView {
                    kind: r.kind.code().to_owned(),
                    recipient: r.recipient,
                    subject: r.subject,
                    body: r.body,
                    status: r.status.code().to_owned(),
                    created_at: Timestamp(r.created_at),
                    sent_at: r.sent_at.map(Timestamp),
                })
                .collect();
            Ok((views, total))
        })
        .await
}

// ------------------------------------------------------------------ delivery

/// A queued message to hand to the mail server.
#[derive(Clone)]
pub struct OutgoingMessage {
    pub id: String,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub attempts: i64,
}

impl std::fmt::Debug for OutgoingMessage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The address and the link in the body are personal: never in logs.
        f.debug_struct("OutgoingMessage").field("id", &self.id).field("attempts", &self.attempts).finish_non_exhaustive()
    }
}

/// After this many failed attempts a message is marked failed and left for people to see.
pub const MAX_SEND_ATTEMPTS: i64 = 5;

/// The oldest queued messages, for the sender.
pub async fn queued_messages(app: &App, limit: i64) -> AppResult<Vec<OutgoingMessage>> {
    let rows = app.db.read(move |c| sm::queued_messages(c, limit)).await?;
    Ok(rows
        .into_iter()
        .map(|r| OutgoingMessage { id: r.id, to: r.recipient, subject: r.subject, body: r.body, attempts: r.attempts })
        .collect())
}

/// Records what became of a message: sent, or one more failed attempt (failed for good after
/// [`MAX_SEND_ATTEMPTS`]). Sending is audited like any other disclosure, with no actor.
pub async fn mark_message(app: &App, id: String, outcome: Result<(), String>) -> AppResult<()> {
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<()> {
            let now = app2.now();
            let Some(mut row) = sm::message(tx.conn(), &id)?.filter(|r| r.status == MessageStatus::Queued) else { return Ok(()) };
            row.attempts += 1;
            match &outcome {
                Ok(()) => {
                    row.status = MessageStatus::Sent.into();
                    row.sent_at = Some(now.micros());
                    row.last_error = None;
                }
                Err(e) => {
                    row.last_error = Some(e.chars().take(500).collect());
                    if row.attempts >= MAX_SEND_ATTEMPTS {
                        row.status = MessageStatus::Failed.into();
                    }
                }
            }
            sm::update_message(tx.conn(), &row)?;
            if outcome.is_ok() {
                tx.audit(AuditEvent {
                    at: now,
                    actor: None,
                    organisation: Some(row.organisation_id.to_string()),
                    action: AuditAction::Export,
                    subject_type: row.subject_type.clone().unwrap_or_else(|| "message".into()),
                    subject_id: row.subject_id.clone(),
                    purpose: format!("smtp:{}", row.kind),
                    route: "mail sender".into(),
                    outcome: AuditOutcome::Ok,
                });
            }
            Ok(())
        })
        .await
}

/// The measurement area's background job: invitations for waves that fell due, reminders and
/// expiry of answering links.
pub fn jobs() -> Vec<crate::jobs::Job> {
    vec![crate::jobs::Job {
        name: "measurement schedule",
        run: |app| {
            Box::pin(async move {
                let r = run_schedule(app).await?;
                Ok(crate::jobs::JobReport(vec![("invited", r.invited), ("reminded", r.reminded), ("expired", r.expired)]))
            })
        },
    }]
}
