//! Training of peer workers: the organisation's catalogue of courses,
//! cohorts with meetings in Danish local time, enrolment (with an invitation in the outbox),
//! attendance, completion that issues a certificate, each peer worker's training record, the
//! refresh reminders, and the *trained* rule that matching and every assignment of a peer ask.
//!
//! The catalogue is not personal data (every member reads it, managers change it); enrolments,
//! attendance, outcomes and certificates are the peer worker's, audited with the peer worker as
//! the subject in the same transaction.

use std::collections::{BTreeMap, HashMap};

use sammen_domain::audit::{AuditAction, AuditEvent, AuditOutcome};
use sammen_domain::directory::split_codes;
use sammen_domain::journey::groups::MeetingInput;
use sammen_domain::measurement::MessageKind;
use sammen_domain::people::PeerStatus;
use sammen_domain::policy::{self, Basis, PeerTarget};
use sammen_domain::time::{Timestamp, format_date};
use sammen_domain::validation::require_begun;
use sammen_domain::workforce::roles::RequiredTraining;
use sammen_domain::workforce::training::{
    AttendanceRule, CertificateState, CohortInput, CohortMeeting, CourseInput, CourseKind, Outcome, certificate_state, check_completion,
    expiry, missing_training, not_trained_message, reminder_due,
};
use sammen_domain::{OrgId, PeerWorkerId, ValidationErrors};
use sammen_i18n::Arg;
use sammen_store::rows::{
    CertificateRow, PeerWorkerRow, TrainingAttendanceRow, TrainingCohortRow, TrainingCourseRow, TrainingEnrolmentRow, TrainingMeetingRow,
};
use sammen_store::{DbConnection, Page, StoreError, Stored, Tx, Unstore, people as sp, stored, workforce::training as st};

use crate::messages::{Message, queue};
use crate::zone::{Zones, today_in};
use crate::{App, AppError, AppResult, Ctx, Subject, guarded};

// ---------------------------------------------------------------- the trained rule

/// For many peer workers in one go: the required training each of them lacks on `today` (every
/// `training` requirement of every role in force for them, see `sammen_domain::workforce::training::
/// missing_training`). A peer missing from the map lacks nothing.
pub fn missing_training_of(
    conn: &mut DbConnection,
    peers: &[PeerWorkerId],
    today: time::Date,
) -> Result<HashMap<PeerWorkerId, Vec<RequiredTraining>>, StoreError> {
    let required = required_training_of(conn, peers, today)?;
    missing_among(conn, required, today)
}

/// The training every role in force asks of each peer worker on `today`; peers whose roles ask
/// nothing are left out.
pub fn required_training_of(
    conn: &mut DbConnection,
    peers: &[PeerWorkerId],
    today: time::Date,
) -> Result<HashMap<PeerWorkerId, Vec<RequiredTraining>>, StoreError> {
    if peers.is_empty() {
        return Ok(HashMap::new());
    }
    let in_force = st::roles_in_force_of(conn, peers, today)?;
    let keys: Vec<String> = in_force.iter().map(|(_, k)| k.clone()).collect();
    let roles: HashMap<String, Vec<RequiredTraining>> =
        st::role_training(conn, &keys)?.into_iter().map(|(key, _, codes)| (key, split_codes(&codes, RequiredTraining::parse))).collect();
    let mut required: HashMap<PeerWorkerId, Vec<RequiredTraining>> = HashMap::new();
    for (peer, key) in &in_force {
        required.entry(*peer).or_default().extend(roles.get(key).cloned().unwrap_or_default());
    }
    required.retain(|_, r| !r.is_empty());
    Ok(required)
}

/// Of the peers with requirements, the training each lacks on `today` (by their certificates).
pub fn missing_among(
    conn: &mut DbConnection,
    required: HashMap<PeerWorkerId, Vec<RequiredTraining>>,
    today: time::Date,
) -> Result<HashMap<PeerWorkerId, Vec<RequiredTraining>>, StoreError> {
    if required.is_empty() {
        return Ok(HashMap::new());
    }
    let with_requirements: Vec<PeerWorkerId> = required.keys().copied().collect();
    let mut certs: HashMap<PeerWorkerId, Vec<(CourseKind, Option<time::Date>)>> = HashMap::new();
    for c in st::certificates_of(conn, &with_requirements)? {
        let kind = c.kind.get();
        let expires = c.expires_on.get();
        certs.entry(c.peer_id.get()).or_default().push((kind, expires));
    }
    let mut out = HashMap::new();
    for (peer, req) in required {
        let missing = missing_training(&req, certs.get(&peer).map_or(&[][..], Vec::as_slice), today);
        if !missing.is_empty() {
            out.insert(peer, missing);
        }
    }
    Ok(out)
}

/// Refuses an untrained peer worker with a validation error on `field` naming what is missing.
pub(crate) fn require_trained(conn: &mut DbConnection, peer: PeerWorkerId, field: &str, today: time::Date) -> AppResult<()> {
    match missing_training_of(conn, &[peer], today)?.get(&peer) {
        Some(missing) => Err(AppError::Validation(ValidationErrors::single(field, not_trained_message(missing)))),
        None => Ok(()),
    }
}

// ---------------------------------------------------------------- views

/// A course of the catalogue.
#[derive(Debug, Clone)]
pub struct CourseView {
    pub id: String,
    pub organisation_id: OrgId,
    pub input: CourseInput,
}

/// A cohort in a list: its course, dates and head counts.
#[derive(Debug, Clone)]
pub struct CohortSummary {
    pub id: String,
    pub course_id: String,
    pub course_title: String,
    pub course_kind: CourseKind,
    pub first: Option<Timestamp>,
    pub last: Option<Timestamp>,
    pub meetings: usize,
    pub place: Option<String>,
    pub trainer: Option<String>,
    pub capacity: Option<i64>,
    pub note: Option<String>,
    pub enrolled: usize,
    pub completed: usize,
}

/// The catalogue: each course with its cohorts.
pub struct Catalogue {
    pub courses: Vec<(CourseView, Vec<CohortSummary>)>,
    pub can_manage: bool,
}

/// One meeting of a cohort.
#[derive(Debug, Clone)]
pub struct TrainingMeetingView {
    pub id: String,
    pub starts_at: Timestamp,
    pub duration_minutes: i64,
}

/// An enrolled peer worker on a cohort's page: attendance per meeting (None: not recorded).
#[derive(Debug, Clone)]
pub struct EnrolmentLine {
    pub id: String,
    pub peer_id: PeerWorkerId,
    pub name: String,
    pub outcome: Option<Outcome>,
    pub attendance: Vec<Option<bool>>,
}

/// A cohort's page.
pub struct CohortDetail {
    pub cohort: CohortSummary,
    pub course: CourseView,
    pub meetings: Vec<TrainingMeetingView>,
    pub enrolments: Vec<EnrolmentLine>,
    /// Active peer workers of the organisation not yet enrolled (id, name).
    pub choices: Vec<(PeerWorkerId, String)>,
    pub can_manage: bool,
}

fn course_view(r: &TrainingCourseRow) -> Result<CourseView, StoreError> {
    Ok(CourseView {
        id: r.id.clone(),
        organisation_id: r.organisation_id.get(),
        input: CourseInput {
            kind: r.kind.get(),
            title: r.title.clone(),
            description: r.description.clone(),
            themes: r.themes.lines().filter(|l| !l.is_empty()).map(str::to_owned).collect(),
            hours: r.hours,
            validity_months: r.validity_months,
            active: r.active,
            min_attendance_percent: r.min_attendance_percent,
        },
    })
}

fn summaries(
    conn: &mut DbConnection,
    cohorts: &[TrainingCohortRow],
    courses: &HashMap<String, TrainingCourseRow>,
) -> Result<Vec<CohortSummary>, StoreError> {
    let ids: Vec<String> = cohorts.iter().map(|c| c.id.clone()).collect();
    let mut meetings: HashMap<String, Vec<i64>> = HashMap::new();
    for m in st::meetings_of(conn, &ids)? {
        meetings.entry(m.cohort_id.clone()).or_default().push(m.starts_at);
    }
    let mut counts: HashMap<String, (usize, usize)> = HashMap::new();
    for e in st::enrolments_of(conn, &ids)? {
        let c = counts.entry(e.cohort_id.clone()).or_default();
        c.0 += 1;
        if e.outcome.get() == Some(Outcome::Completed) {
            c.1 += 1;
        }
    }
    let mut out = Vec::new();
    for c in cohorts {
        let Some(course) = courses.get(&c.course_id) else { continue };
        let ms = meetings.get(&c.id).cloned().unwrap_or_default();
        let (enrolled, completed) = counts.get(&c.id).copied().unwrap_or_default();
        out.push(CohortSummary {
            id: c.id.clone(),
            course_id: c.course_id.clone(),
            course_title: course.title.clone(),
            course_kind: course.kind.get(),
            first: ms.iter().min().copied().map(Timestamp),
            last: ms.iter().max().copied().map(Timestamp),
            meetings: ms.len(),
            place: c.place.clone(),
            trainer: c.trainer.clone(),
            capacity: c.capacity,
            note: c.note.clone(),
            enrolled,
            completed,
        });
    }
    // Latest first.
    out.sort_by(|a, b| b.first.cmp(&a.first).then_with(|| a.id.cmp(&b.id)));
    Ok(out)
}

// ---------------------------------------------------------------- catalogue

/// The active organisation's catalogue: every course with its cohorts.
pub async fn catalogue(app: &App, ctx: &Ctx) -> AppResult<Catalogue> {
    let org = ctx.org()?;
    policy::view_training_catalogue(&ctx.actor, org).map_err(|_| AppError::Forbidden)?;
    let can_manage = policy::manage_training(&ctx.actor, org).is_ok();
    app.db
        .read(move |c| -> AppResult<Catalogue> {
            let courses = st::courses_of(c, org)?;
            let ids: Vec<String> = courses.iter().map(|x| x.id.clone()).collect();
            let by_id: HashMap<String, TrainingCourseRow> = courses.iter().map(|x| (x.id.clone(), x.clone())).collect();
            let cohorts = st::cohorts_of(c, &ids)?;
            let all = summaries(c, &cohorts, &by_id)?;
            let mut out = Vec::new();
            for course in &courses {
                let mine: Vec<CohortSummary> = all.iter().filter(|s| s.course_id == course.id).cloned().collect();
                out.push((course_view(course)?, mine));
            }
            Ok(Catalogue { courses: out, can_manage })
        })
        .await
}

/// One course with its cohorts and whether the reader may manage it.
pub async fn course(app: &App, ctx: &Ctx, id: &str) -> AppResult<(CourseView, Vec<CohortSummary>, bool)> {
    let actor = ctx.actor.clone();
    let id = id.to_owned();
    app.db
        .read(move |c| -> AppResult<(CourseView, Vec<CohortSummary>, bool)> {
            let Some(row) = st::course(c, &id)? else { return Err(AppError::NotFound) };
            let view = course_view(&row)?;
            policy::view_training_catalogue(&actor, view.organisation_id).map_err(|_| AppError::NotFound)?;
            let by_id = HashMap::from([(row.id.clone(), row.clone())]);
            let cohorts = st::cohorts_of(c, std::slice::from_ref(&row.id))?;
            let list = summaries(c, &cohorts, &by_id)?;
            let can = policy::manage_training(&actor, view.organisation_id).is_ok();
            Ok((view, list, can))
        })
        .await
}

/// A course for its edit form: only those who may change it.
pub async fn course_for_edit(app: &App, ctx: &Ctx, id: &str) -> AppResult<CourseView> {
    let (view, _, can) = course(app, ctx, id).await?;
    if !can {
        return Err(AppError::NotFound);
    }
    Ok(view)
}

/// Saves a course: a new one in the active organisation (`of == None`) or a change to one.
pub async fn save_course(app: &App, ctx: &Ctx, of: Option<String>, input: CourseInput) -> AppResult<CourseView> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    let new_id = app.new_id();
    app.db
        .write(move |tx| -> AppResult<CourseView> {
            let now = app2.now();
            let previous = match &of {
                Some(id) => match st::course(tx.conn(), id)? {
                    Some(r) => Some(r),
                    None => return Err(AppError::NotFound),
                },
                None => None,
            };
            let org = match &previous {
                Some(p) => p.organisation_id.get(),
                None => ctx.org()?,
            };
            let Ok(basis) = policy::manage_training(&ctx.actor, org) else {
                let subject = Subject { kind: "training_course", id: of.clone(), org: Some(org.to_string()) };
                let answer = if previous.is_some() { AppError::NotFound } else { AppError::Forbidden };
                return Err(ctx.refuse(tx, now, AuditAction::Update, subject, answer));
            };
            let row = TrainingCourseRow {
                id: previous.as_ref().map_or(new_id.clone(), |p| p.id.clone()),
                organisation_id: org.into(),
                kind: input.kind.into(),
                title: input.title.clone(),
                description: input.description.clone(),
                themes: input.themes.join("\n"),
                hours: input.hours,
                validity_months: input.validity_months,
                active: input.active,
                created_at: previous.as_ref().map_or(now.micros(), |p| p.created_at),
                updated_at: now.micros(),
                min_attendance_percent: input.min_attendance_percent,
            };
            let action = if previous.is_some() {
                st::update_course(tx.conn(), &row)?;
                AuditAction::Update
            } else {
                st::insert_course(tx.conn(), &row)?;
                AuditAction::Create
            };
            tx.audit(ctx.ok(now, action, "training_course", Some(row.id.clone()), Some(org.to_string()), basis));
            Ok(course_view(&row)?)
        })
        .await
}

/// Plans a cohort of a course with its meetings (at least one).
pub async fn create_cohort(app: &App, ctx: &Ctx, course_id: &str, input: CohortInput, meetings: Vec<MeetingInput>) -> AppResult<String> {
    ctx.require_write()?;
    if meetings.is_empty() {
        return Err(AppError::Validation(ValidationErrors::single("date", "err-required")));
    }
    let ctx = ctx.clone();
    let app2 = app.clone();
    let new_id = app.new_id();
    let meeting_ids: Vec<String> = meetings.iter().map(|_| app.new_id()).collect();
    let course_id = course_id.to_owned();
    app.db
        .write(move |tx| -> AppResult<String> {
            let now = app2.now();
            let (course, basis) = guarded(
                tx,
                &ctx,
                now,
                AuditAction::Create,
                Subject::within("training_cohort", ctx.org),
                |c| st::course(c, &course_id),
                |_, c| Ok(policy::manage_training(&ctx.actor, c.organisation_id.get()).ok()),
            )?;
            let row = TrainingCohortRow {
                id: new_id.clone(),
                organisation_id: course.organisation_id,
                course_id: course.id.clone(),
                place: input.place.clone(),
                trainer: input.trainer.clone(),
                capacity: input.capacity,
                note: input.note.clone(),
                created_at: now.micros(),
                updated_at: now.micros(),
            };
            let ms: Vec<TrainingMeetingRow> = meetings
                .iter()
                .zip(meeting_ids)
                .map(|(m, id)| TrainingMeetingRow {
                    id,
                    cohort_id: new_id.clone(),
                    starts_at: m.starts_at.micros(),
                    duration_minutes: m.duration_minutes,
                })
                .collect();
            st::insert_cohort(tx.conn(), &row, &ms)?;
            tx.audit(ctx.ok(
                now,
                AuditAction::Create,
                "training_cohort",
                Some(row.id.clone()),
                Some(row.organisation_id.to_string()),
                basis,
            ));
            Ok(new_id)
        })
        .await
}

/// A cohort the actor manages; a denial is audited and answered as "not found".
fn cohort_to_manage(
    tx: &mut Tx<'_>,
    ctx: &Ctx,
    id: &str,
    action: AuditAction,
    now: Timestamp,
) -> AppResult<(TrainingCohortRow, TrainingCourseRow, Basis)> {
    let (c, b) = guarded(
        tx,
        ctx,
        now,
        action,
        Subject::record(ctx, "training_cohort", id),
        |conn| st::cohort(conn, id),
        |_, c| Ok(policy::manage_training(&ctx.actor, c.organisation_id.get()).ok()),
    )?;
    match st::course(tx.conn(), &c.course_id)? {
        Some(course) => Ok((c, course, b)),
        None => Err(AppError::Internal("cohort without course".into())),
    }
}

/// A cohort's page: meetings, enrolled peers with attendance and outcome, and the peers that can
/// be enrolled. The organisation's managers; each enrolled peer worker is audited as read.
pub async fn cohort(app: &App, ctx: &Ctx, id: &str) -> AppResult<CohortDetail> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    let id = id.to_owned();
    app.db
        .audited_read(move |tx| -> AppResult<CohortDetail> {
            let now = app2.now();
            let (c, course, basis) = cohort_to_manage(tx, &ctx, &id, AuditAction::Read, now)?;
            let by_id = HashMap::from([(course.id.clone(), course.clone())]);
            let summary = summaries(tx.conn(), std::slice::from_ref(&c), &by_id)?.into_iter().next().ok_or(AppError::NotFound)?;
            let meetings = st::meetings_of(tx.conn(), std::slice::from_ref(&c.id))?;
            let meeting_ids: Vec<String> = meetings.iter().map(|m| m.id.clone()).collect();
            let att: HashMap<(String, PeerWorkerId), bool> =
                st::attendance_of(tx.conn(), &meeting_ids)?.into_iter().map(|a| ((a.meeting_id, a.peer_id.get()), a.present)).collect();
            let (peers, _) = sp::peers_of_org(tx.conn(), *c.organisation_id, Page { offset: 0, limit: 100_000 })?;
            let names: HashMap<PeerWorkerId, String> = peers.iter().map(|p| (p.id.get(), p.display_name.clone())).collect();
            let enrolments = st::enrolments_of(tx.conn(), std::slice::from_ref(&c.id))?;
            let mut lines = Vec::new();
            for e in &enrolments {
                lines.push(EnrolmentLine {
                    id: e.id.clone(),
                    peer_id: e.peer_id.get(),
                    name: names.get(&*e.peer_id).cloned().unwrap_or_default(),
                    outcome: e.outcome.get(),
                    attendance: meetings.iter().map(|m| att.get(&(m.id.clone(), e.peer_id.get())).copied()).collect(),
                });
                tx.audit(ctx.ok(
                    now,
                    AuditAction::Read,
                    "peer_worker",
                    Some(e.peer_id.to_string()),
                    Some(c.organisation_id.to_string()),
                    basis,
                ));
            }
            lines.sort_by(|a, b| a.name.cmp(&b.name));
            let enrolled: Vec<PeerWorkerId> = enrolments.iter().map(|e| e.peer_id.get()).collect();
            let choices = peers
                .iter()
                .filter(|p| p.status == PeerStatus::Active && !enrolled.contains(&p.id))
                .map(|p| (p.id.get(), p.display_name.clone()))
                .collect();
            Ok(CohortDetail {
                cohort: summary,
                course: course_view(&course)?,
                meetings: meetings
                    .iter()
                    .map(|m| TrainingMeetingView {
                        id: m.id.clone(),
                        starts_at: Timestamp(m.starts_at),
                        duration_minutes: m.duration_minutes,
                    })
                    .collect(),
                enrolments: lines,
                choices,
                can_manage: true,
            })
        })
        .await
}

/// Enrols a peer worker of the cohort's organisation (enrolling someone enrolled changes
/// nothing) and queues a training invitation to their e-mail address, if they have one.
/// Returns the enrolment's id.
pub async fn enrol(app: &App, ctx: &Ctx, cohort_id: &str, peer: PeerWorkerId) -> AppResult<String> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    let new_id = app.new_id();
    let cohort_id = cohort_id.to_owned();
    app.db
        .write(move |tx| -> AppResult<String> {
            let now = app2.now();
            let (c, course, basis) = cohort_to_manage(tx, &ctx, &cohort_id, AuditAction::Update, now)?;
            let p = sp::peer(tx.conn(), peer)?.filter(|p| p.organisation_id == c.organisation_id);
            let Some(p) = p else { return Err(AppError::Validation(ValidationErrors::single("peer_id", "err-choice"))) };
            let existing = st::enrolments_of(tx.conn(), std::slice::from_ref(&c.id))?;
            if let Some(e) = existing.iter().find(|e| e.peer_id == p.id) {
                return Ok(e.id.clone());
            }
            if p.status != PeerStatus::Active {
                return Err(AppError::Validation(ValidationErrors::single("peer_id", "err-choice")));
            }
            if c.capacity.is_some_and(|cap| existing.len() as i64 >= cap) {
                return Err(AppError::Validation(ValidationErrors::single("peer_id", "err-cohort-full")));
            }
            let row = TrainingEnrolmentRow {
                id: new_id.clone(),
                cohort_id: c.id.clone(),
                peer_id: p.id,
                enrolled_at: now.micros(),
                enrolled_by: Some(ctx.actor.user.into()),
                outcome: None,
                outcome_at: None,
                outcome_by: None,
            };
            st::insert_enrolment(tx.conn(), &row)?;
            if let Some(to) = p.email.as_deref() {
                let meetings = st::meetings_of(tx.conn(), std::slice::from_ref(&c.id))?;
                // On the clock of the peer's organisation, like every time Sammen shows.
                let zone = crate::zone::zone_of(tx.conn(), Some(p.organisation_id.get()))?;
                let dates = meetings.iter().map(|m| Timestamp(m.starts_at).short_in(&zone)).collect::<Vec<_>>().join(", ");
                let place = c.place.clone().unwrap_or_default();
                let args = [
                    ("name", Arg::from(p.display_name.as_str())),
                    ("course", Arg::from(course.title.as_str())),
                    ("dates", Arg::from(dates.as_str())),
                    ("place", Arg::from(place.as_str())),
                ];
                let m = Message {
                    organisation_id: c.organisation_id.get(),
                    kind: MessageKind::TrainingInvitation,
                    recipient: to,
                    key: "msg-training-invitation",
                    args: &args,
                    lang: None,
                    about: ("training_enrolment", &row.id),
                };
                queue(tx, &app2, &m, now)?;
            }
            tx.audit(ctx.ok(now, AuditAction::Update, "peer_worker", Some(p.id.to_string()), Some(c.organisation_id.to_string()), basis));
            Ok(new_id)
        })
        .await
}

/// Records the attendance of a cohort's meetings: for each meeting in `meetings` that has
/// begun, the enrolled peers in `present` were there and the others were not. A meeting still to
/// come is left unrecorded (the grid shows every meeting, so it is sent too).
pub async fn record_attendance(
    app: &App,
    ctx: &Ctx,
    cohort_id: &str,
    meetings: Vec<String>,
    present: Vec<(String, String)>,
) -> AppResult<()> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    let cohort_id = cohort_id.to_owned();
    app.db
        .write(move |tx| -> AppResult<()> {
            let now = app2.now();
            let (c, _, basis) = cohort_to_manage(tx, &ctx, &cohort_id, AuditAction::Update, now)?;
            let all = st::meetings_of(tx.conn(), std::slice::from_ref(&c.id))?;
            let known: Vec<String> = all.iter().map(|m| m.id.clone()).collect();
            let begun: Vec<&str> = all.iter().filter(|m| m.starts_at <= now.micros()).map(|m| m.id.as_str()).collect();
            let enrolled: Vec<PeerWorkerId> =
                st::enrolments_of(tx.conn(), std::slice::from_ref(&c.id))?.into_iter().map(|e| e.peer_id.get()).collect();
            // The form names peers as text: it must name them exactly as their ids are written.
            let is_present = |m: &str, p: PeerWorkerId| present.iter().any(|(pm, pp)| pm == m && *pp == p.to_string());
            if meetings.iter().any(|m| !known.contains(m))
                || present.iter().any(|(m, p)| !meetings.contains(m) || !enrolled.iter().any(|e| e.to_string() == *p))
            {
                return Err(AppError::Validation(ValidationErrors::single("present", "err-choice")));
            }
            // Nobody is present at a meeting that has not begun.
            for m in all.iter().filter(|m| present.iter().any(|(pm, _)| *pm == m.id)) {
                require_begun(Timestamp(m.starts_at), now, "present", "err-meeting-not-begun")?;
            }
            for m in meetings.iter().filter(|m| begun.contains(&m.as_str())) {
                let rows: Vec<TrainingAttendanceRow> = enrolled
                    .iter()
                    .map(|&p| TrainingAttendanceRow { meeting_id: m.clone(), peer_id: Stored(p), present: is_present(m, p) })
                    .collect();
                st::set_attendance(tx.conn(), m, &rows)?;
            }
            for p in &enrolled {
                tx.audit(ctx.ok(now, AuditAction::Update, "peer_worker", Some(p.to_string()), Some(c.organisation_id.to_string()), basis));
            }
            Ok(())
        })
        .await
}

/// Records how an enrolled peer's course ended. Completed issues a certificate (issued today,
/// expiring by the course's validity) once; not completed withdraws the one this enrolment
/// issued. Returns the certificate's id when there is one.
pub async fn complete(app: &App, ctx: &Ctx, cohort_id: &str, peer: PeerWorkerId, outcome: Outcome) -> AppResult<Option<String>> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    let new_id = app.new_id();
    let cohort_id = cohort_id.to_owned();
    app.db
        .write(move |tx| -> AppResult<Option<String>> {
            let now = app2.now();
            let (c, course, basis) = cohort_to_manage(tx, &ctx, &cohort_id, AuditAction::Update, now)?;
            let enrolments = st::enrolments_of(tx.conn(), std::slice::from_ref(&c.id))?;
            let Some(mut e) = enrolments.into_iter().find(|e| e.peer_id == peer) else {
                return Err(AppError::Validation(ValidationErrors::single("peer_id", "err-not-enrolled")));
            };
            // Completed only after the last meeting and with the attendance this course asks.
            let meetings = st::meetings_of(tx.conn(), std::slice::from_ref(&c.id))?;
            let ids: Vec<String> = meetings.iter().map(|m| m.id.clone()).collect();
            let attended = st::attendance_of(tx.conn(), &ids)?.iter().filter(|a| a.peer_id == e.peer_id && a.present).count();
            let facts: Vec<CohortMeeting> = meetings
                .iter()
                .map(|m| CohortMeeting { starts_at: Timestamp(m.starts_at), duration_minutes: m.duration_minutes })
                .collect();
            check_completion(outcome, &facts, attended, AttendanceRule { min_percent: course.min_attendance_percent }, now)
                .map_err(|m| AppError::Validation(ValidationErrors::single("outcome", m)))?;
            e.outcome = Some(outcome.into());
            e.outcome_at = Some(now.micros());
            e.outcome_by = Some(ctx.actor.user.into());
            st::update_enrolment(tx.conn(), &e)?;
            let existing = st::certificates_of(tx.conn(), std::slice::from_ref(&e.peer_id))?
                .into_iter()
                .find(|x| x.enrolment_id.as_deref() == Some(e.id.as_str()));
            let cert = match outcome {
                Outcome::NotCompleted => {
                    st::delete_certificate_of_enrolment(tx.conn(), &e.id)?;
                    None
                }
                Outcome::Completed => match existing {
                    Some(x) => Some(x.id),
                    None => {
                        let today = today_in(tx.conn(), Some(c.organisation_id.get()), now)?;
                        let row = CertificateRow {
                            id: new_id.clone(),
                            organisation_id: c.organisation_id,
                            peer_id: e.peer_id,
                            course_id: course.id.clone(),
                            kind: course.kind,
                            enrolment_id: Some(e.id.clone()),
                            issued_on: Stored(today),
                            expires_on: stored(expiry(today, course.validity_months)),
                            reminded_at: None,
                            created_at: now.micros(),
                        };
                        st::insert_certificate(tx.conn(), &row)?;
                        Some(row.id)
                    }
                },
            };
            tx.audit(ctx.ok(
                now,
                AuditAction::Update,
                "peer_worker",
                Some(e.peer_id.to_string()),
                Some(c.organisation_id.to_string()),
                basis,
            ));
            Ok(cert)
        })
        .await
}

// ---------------------------------------------------------------- the training record

/// A certificate on a training record.
#[derive(Debug, Clone)]
pub struct CertificateView {
    pub id: String,
    pub course_id: String,
    pub course_title: String,
    pub kind: CourseKind,
    pub issued_on: time::Date,
    pub expires_on: Option<time::Date>,
    pub state: CertificateState,
}

/// An enrolment on a training record.
#[derive(Debug, Clone)]
pub struct RecordEnrolment {
    pub cohort_id: String,
    pub course_title: String,
    pub first: Option<Timestamp>,
    pub last: Option<Timestamp>,
    pub attended: usize,
    pub meetings: usize,
    pub outcome: Option<Outcome>,
}

/// A role's required training and whether it is met.
#[derive(Debug, Clone)]
pub struct Requirement {
    pub role_title: String,
    pub training: RequiredTraining,
    pub met: bool,
}

/// A peer worker's training record.
pub struct TrainingRecord {
    pub peer_id: PeerWorkerId,
    pub name: String,
    pub certificates: Vec<CertificateView>,
    pub enrolments: Vec<RecordEnrolment>,
    pub requirements: Vec<Requirement>,
    pub missing: Vec<RequiredTraining>,
    pub can_manage: bool,
}

/// Loads a peer worker and decides an access with `decide`, auditing a denial as "not found".
pub(crate) fn peer_for(
    tx: &mut Tx<'_>,
    ctx: &Ctx,
    peer: PeerWorkerId,
    action: AuditAction,
    now: Timestamp,
    decide: fn(&policy::Actor, PeerTarget) -> policy::Decision,
) -> AppResult<(PeerWorkerRow, Basis, PeerTarget)> {
    let (r, (b, t)) = guarded(
        tx,
        ctx,
        now,
        action,
        Subject::record(ctx, "peer_worker", peer),
        |c| sp::peer(c, peer),
        |_, r| {
            let t = PeerTarget { id: peer, org: r.organisation_id.get() };
            Ok(decide(&ctx.actor, t).ok().map(|b| (b, t)))
        },
    )?;
    Ok((r, b, t))
}

/// A peer worker's training record: certificates (valid, expiring, expired), enrolments, and
/// which of their roles' required training is met. Managers and the peer worker themself.
pub async fn record(app: &App, ctx: &Ctx, peer: PeerWorkerId) -> AppResult<TrainingRecord> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| -> AppResult<TrainingRecord> {
            let now = app2.now();
            let (p, basis, t) = peer_for(tx, &ctx, peer, AuditAction::Read, now, policy::view_training)?;
            let today = today_in(tx.conn(), Some(p.organisation_id.get()), now)?;
            let courses: HashMap<String, TrainingCourseRow> =
                st::courses_of(tx.conn(), *p.organisation_id)?.into_iter().map(|c| (c.id.clone(), c)).collect();
            let mut certificates = Vec::new();
            let mut have = Vec::new();
            for c in st::certificates_of(tx.conn(), std::slice::from_ref(&p.id))? {
                let kind = c.kind.get();
                let expires_on = c.expires_on.get();
                have.push((kind, expires_on));
                certificates.push(CertificateView {
                    id: c.id.clone(),
                    course_id: c.course_id.clone(),
                    course_title: courses.get(&c.course_id).map(|x| x.title.clone()).unwrap_or_default(),
                    kind,
                    issued_on: *c.issued_on,
                    expires_on,
                    state: certificate_state(expires_on, today),
                });
            }
            let enrolment_rows = st::enrolments_of_peer(tx.conn(), *p.id)?;
            let cohort_ids: Vec<String> = enrolment_rows.iter().map(|e| e.cohort_id.clone()).collect();
            let cohorts: HashMap<String, TrainingCohortRow> =
                st::cohorts_by_id(tx.conn(), &cohort_ids)?.into_iter().map(|c| (c.id.clone(), c)).collect();
            let meetings = st::meetings_of(tx.conn(), &cohort_ids)?;
            let meeting_ids: Vec<String> = meetings.iter().map(|m| m.id.clone()).collect();
            let present: Vec<String> = st::attendance_of(tx.conn(), &meeting_ids)?
                .into_iter()
                .filter(|a| a.peer_id == p.id && a.present)
                .map(|a| a.meeting_id)
                .collect();
            let mut enrolments = Vec::new();
            for e in &enrolment_rows {
                let ms: Vec<&TrainingMeetingRow> = meetings.iter().filter(|m| m.cohort_id == e.cohort_id).collect();
                let title = cohorts.get(&e.cohort_id).and_then(|c| courses.get(&c.course_id)).map(|c| c.title.clone()).unwrap_or_default();
                enrolments.push(RecordEnrolment {
                    cohort_id: e.cohort_id.clone(),
                    course_title: title,
                    first: ms.iter().map(|m| m.starts_at).min().map(Timestamp),
                    last: ms.iter().map(|m| m.starts_at).max().map(Timestamp),
                    attended: ms.iter().filter(|m| present.contains(&m.id)).count(),
                    meetings: ms.len(),
                    outcome: e.outcome.get(),
                });
            }
            let keys: Vec<String> =
                st::roles_in_force_of(tx.conn(), std::slice::from_ref(&p.id), today)?.into_iter().map(|(_, k)| k).collect();
            let mut requirements = Vec::new();
            let mut required = Vec::new();
            for (_, title, codes) in st::role_training(tx.conn(), &keys)? {
                for r in split_codes(&codes, RequiredTraining::parse) {
                    required.push(r);
                    requirements.push(Requirement {
                        role_title: title.clone(),
                        training: r,
                        met: missing_training(&[r], &have, today).is_empty(),
                    });
                }
            }
            let missing = missing_training(&required, &have, today);
            tx.audit(ctx.ok(now, AuditAction::Read, "peer_worker", Some(p.id.to_string()), Some(p.organisation_id.to_string()), basis));
            Ok(TrainingRecord {
                peer_id: peer,
                name: p.display_name,
                certificates,
                enrolments,
                requirements,
                missing,
                can_manage: policy::manage_training(&ctx.actor, t.org).is_ok(),
            })
        })
        .await
}

// ---------------------------------------------------------------- refresh reminders

/// Queues a refresh reminder (`CertificateReminder`) to the peer worker for every certificate
/// that expires within `REMINDER_DAYS` days and has had none: once per certificate, however
/// often it runs. Returns how many were queued. Peers without an e-mail address are marked
/// reminded too (the certificate shows as expiring on their record either way).
pub async fn run_reminders(app: &App) -> AppResult<usize> {
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<usize> {
            let now = app2.now();
            // Every zone's today is within a day of the UTC date: read a day wider on both sides,
            // then decide each certificate on its own organisation's today.
            let utc = now.date();
            let from = utc.previous_day().unwrap_or(utc);
            let until = utc + time::Duration::days(sammen_domain::workforce::training::REMINDER_DAYS + 2);
            let due = st::certificates_expiring(tx.conn(), from, until)?;
            let mut titles: BTreeMap<String, String> = BTreeMap::new();
            let mut zones = Zones::default();
            let mut n = 0;
            for mut c in due {
                let expires = c.expires_on.get();
                let today = zones.today(tx.conn(), c.organisation_id.get(), now)?;
                if !reminder_due(expires, c.reminded_at.is_some(), today) {
                    continue;
                }
                if !titles.contains_key(&c.course_id) {
                    let t = st::course(tx.conn(), &c.course_id)?.map(|x| x.title).unwrap_or_default();
                    titles.insert(c.course_id.clone(), t);
                }
                let course = titles.get(&c.course_id).cloned().unwrap_or_default();
                if let Some(p) = sp::peer(tx.conn(), *c.peer_id)?
                    && let Some(to) = p.email.as_deref()
                {
                    let expires_text = expires.map(format_date).unwrap_or_default();
                    let args = [
                        ("name", Arg::from(p.display_name.as_str())),
                        ("course", Arg::from(course.as_str())),
                        ("expires", Arg::from(expires_text.as_str())),
                    ];
                    let m = Message {
                        organisation_id: c.organisation_id.get(),
                        kind: MessageKind::CertificateReminder,
                        recipient: to,
                        key: "msg-certificate-reminder",
                        args: &args,
                        lang: None,
                        about: ("certificate", &c.id),
                    };
                    queue(tx, &app2, &m, now)?;
                    n += 1;
                }
                c.reminded_at = Some(now.micros());
                st::update_certificate(tx.conn(), &c)?;
                tx.audit(AuditEvent {
                    at: now,
                    actor: None,
                    organisation: Some(c.organisation_id.to_string()),
                    action: AuditAction::Update,
                    subject_type: "peer_worker".into(),
                    subject_id: Some(c.peer_id.to_string()),
                    purpose: "certificate_reminder".into(),
                    route: "scheduler".into(),
                    outcome: AuditOutcome::Ok,
                });
            }
            Ok(n)
        })
        .await
}
