//! Recruitment: postings made from a role description; the public job page
//! and its application form (attachments checked by content, throttled, honeypot); the
//! pipeline with its history; interviews with a panel scoring the five peer competences; the
//! decision with its letter, hiring creating the peer-worker record and its engagement; and
//! the deletion of applicants' data when the organisation's retention period has run out.
//!
//! Every read or write of an application is authorised by `domain::policy` and audited with the
//! application as the subject, in the transaction that makes it (ADR 0011).

use std::collections::HashMap;

use sammen_domain::audit::{AuditAction, AuditEvent};
use sammen_domain::measurement::MessageKind;
use sammen_domain::people::{Engagement, PeerStatus};
use sammen_domain::policy::{self, Basis};
use sammen_domain::time::{Timestamp, Zone, format_date};
use sammen_domain::workforce::recruitment::{
    ApplicationInput, Attachment, AttachmentKind, Competence, DEFAULT_RETENTION_MONTHS, InterviewInput, LetterLanguage, PostingInput,
    PostingStatus, ScoresInput, Stage, allowed_move, retention_over,
};
use sammen_domain::workforce::roles::{EngagementKind, Term};
use sammen_domain::{ApplicationId, AttachmentId, InterviewId, OrgId, PeerWorkerId, PostingId, UserId, ValidationErrors};
use sammen_i18n::{Arg, Lang};
use sammen_reports::NumberStyle;
use sammen_store::rows::{
    ApplicationAttachmentRow, ApplicationStageRow, EngagementRow, InterviewScoreRow, JobApplicationRow, JobInterviewRow, JobPostingRow,
    OutboxRow, PeerWorkerRow, RecruitmentSettingsRow, RoleDescriptionRow,
};
use sammen_store::{
    DbConnection, StoreError, Stored, Tx, Unstore, access as sta, directory as sd, measurement as sm, people as sp,
    workforce::recruitment as sr, workforce::roles as sw,
};

use crate::messages::{Message, queue};
use crate::zone::{Zones, today_in, zone_of};
use crate::{App, AppError, AppResult, Ctx, Subject, guarded};

/// Applications one address may send within the throttle window.
pub const APPLICATIONS_PER_WINDOW: i64 = 5;

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(what.to_owned())
}

fn lines(s: &str) -> Vec<String> {
    s.lines().filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

// ---------------------------------------------------------------- views

/// The role a posting is for, as its current version says.
#[derive(Debug, Clone)]
pub struct RoleSummary {
    pub key: String,
    pub title: String,
    pub purpose: String,
    pub tasks: Vec<String>,
    pub competences: Vec<String>,
    pub engagement: Engagement,
    pub hours_per_week: f64,
    pub term: Term,
}

fn role_summary(r: &RoleDescriptionRow) -> Result<RoleSummary, StoreError> {
    Ok(RoleSummary {
        key: r.role_key.clone(),
        title: r.title.clone(),
        purpose: r.purpose.clone(),
        tasks: lines(&r.tasks),
        competences: lines(&r.competences),
        engagement: r.engagement.get(),
        hours_per_week: r.hours_per_week,
        term: r.term.get(),
    })
}

/// A posting with its role and how many applications are at each stage.
#[derive(Debug, Clone)]
pub struct PostingView {
    pub id: PostingId,
    pub organisation_id: OrgId,
    pub input: PostingInput,
    pub role: RoleSummary,
    pub counts: Vec<(Stage, i64)>,
}

impl PostingView {
    pub fn total(&self) -> i64 {
        self.counts.iter().map(|(_, n)| n).sum()
    }
}

fn posting_view(c: &mut DbConnection, p: &JobPostingRow) -> Result<PostingView, StoreError> {
    let role = sw::current_role(c, &p.role_key)?.ok_or_else(|| corrupt("posting role"))?;
    Ok(PostingView {
        id: p.id.get(),
        organisation_id: p.organisation_id.get(),
        input: PostingInput {
            role_key: p.role_key.clone(),
            intro: p.intro.clone(),
            place: p.place.clone(),
            deadline: *p.deadline,
            starts_on: *p.starts_on,
            status: p.status.get(),
        },
        role: role_summary(&role)?,
        counts: Vec::new(),
    })
}

fn with_counts(c: &mut DbConnection, mut views: Vec<PostingView>) -> Result<Vec<PostingView>, StoreError> {
    let ids: Vec<PostingId> = views.iter().map(|v| v.id).collect();
    let counts = sr::stage_counts(c, &ids)?;
    for v in &mut views {
        let id = v.id.to_string();
        v.counts = Stage::ALL
            .iter()
            .map(|s| (*s, counts.iter().filter(|(p, st, _)| *p == id && st == s.code()).map(|(_, _, n)| *n).sum()))
            .collect();
    }
    Ok(views)
}

// ---------------------------------------------------------------- postings

/// The active organisation's postings (managers). Not personal data.
pub async fn list_postings(app: &App, ctx: &Ctx) -> AppResult<Vec<PostingView>> {
    let org = ctx.org()?;
    policy::manage_recruitment(&ctx.actor, org).map_err(|_| AppError::Forbidden)?;
    app.db
        .read(move |c| -> AppResult<Vec<PostingView>> {
            let rows = sr::postings_of(c, org)?;
            let views = rows.iter().map(|p| posting_view(c, p)).collect::<Result<Vec<_>, _>>()?;
            Ok(with_counts(c, views)?)
        })
        .await
}

/// The organisation's current roles (key, title), for the posting form.
pub async fn posting_roles(app: &App, ctx: &Ctx) -> AppResult<Vec<(String, String)>> {
    let org = ctx.org()?;
    policy::manage_recruitment(&ctx.actor, org).map_err(|_| AppError::Forbidden)?;
    let rows = app.db.read(move |c| sw::current_roles(c, org)).await?;
    Ok(rows.into_iter().map(|r| (r.role_key, r.title)).collect())
}

/// One posting (managers of its organisation).
pub async fn posting(app: &App, ctx: &Ctx, id: PostingId) -> AppResult<PostingView> {
    let actor = ctx.actor.clone();
    app.db
        .read(move |c| -> AppResult<PostingView> {
            let row = sr::posting(c, id)?.ok_or(AppError::NotFound)?;
            let org: OrgId = row.organisation_id.get();
            policy::manage_recruitment(&actor, org).map_err(|_| AppError::NotFound)?;
            let v = posting_view(c, &row)?;
            with_counts(c, vec![v])?.into_iter().next().ok_or(AppError::NotFound)
        })
        .await
}

/// Creates a posting (`of == None`) in the active organisation, or changes one.
pub async fn save_posting(app: &App, ctx: &Ctx, of: Option<PostingId>, input: PostingInput) -> AppResult<PostingId> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    let new_id: PostingId = app.next_id();
    app.db
        .write(move |tx| -> AppResult<PostingId> {
            let now = app2.now();
            let previous = match of {
                Some(id) => Some(sr::posting(tx.conn(), id)?.ok_or(AppError::NotFound)?),
                None => None,
            };
            let org: OrgId = match &previous {
                Some(p) => p.organisation_id.get(),
                None => ctx.org()?,
            };
            let Ok(basis) = policy::manage_recruitment(&ctx.actor, org) else {
                let subject = Subject { kind: "job_posting", id: of.map(|i| i.to_string()), org: Some(org.to_string()) };
                let answer = if previous.is_some() { AppError::NotFound } else { AppError::Forbidden };
                return Err(ctx.refuse(tx, now, AuditAction::Update, subject, answer));
            };
            if sw::current_role(tx.conn(), &input.role_key)?.is_none_or(|r| r.organisation_id != org) {
                return Err(AppError::Validation(ValidationErrors::single("role_key", "err-unknown-role")));
            }
            let row = JobPostingRow {
                id: previous.as_ref().map_or(Stored(new_id), |p| p.id),
                organisation_id: org.into(),
                role_key: input.role_key.clone(),
                intro: input.intro.clone(),
                place: input.place.clone(),
                deadline: Stored(input.deadline),
                starts_on: Stored(input.starts_on),
                status: input.status.into(),
                created_by: previous.as_ref().map_or(Some(ctx.actor.user.into()), |p| p.created_by),
                created_at: previous.as_ref().map_or(now.micros(), |p| p.created_at),
                updated_at: now.micros(),
            };
            let action = if previous.is_some() {
                sr::update_posting(tx.conn(), &row)?;
                AuditAction::Update
            } else {
                sr::insert_posting(tx.conn(), &row)?;
                AuditAction::Create
            };
            tx.audit(ctx.ok(now, action, "job_posting", Some(row.id.to_string()), Some(org.to_string()), basis));
            Ok(row.id.get())
        })
        .await
}

// ---------------------------------------------------------------- the public job page

/// An organisation's public job page: its name and its open postings.
#[derive(Debug, Clone)]
pub struct PublicJobs {
    pub organisation: String,
    pub postings: Vec<PostingView>,
}

/// The open postings of an organisation whose deadline has not passed. No account needed; not personal data.
pub async fn public_jobs(app: &App, org: OrgId) -> AppResult<PublicJobs> {
    let now = app.now();
    app.db
        .read(move |c| -> AppResult<PublicJobs> {
            let o = sd::org(c, org)?.ok_or(AppError::NotFound)?;
            let today = Zone::from_stored(&o.time_zone).today(now);
            let mut postings = Vec::new();
            for p in sr::postings_of(c, org)? {
                let v = posting_view(c, &p)?;
                if v.input.is_public(today) {
                    postings.push(v);
                }
            }
            postings.sort_by_key(|p| p.input.deadline);
            Ok(PublicJobs { organisation: o.name, postings })
        })
        .await
}

/// One public posting of an organisation: (organisation name, posting). Closed, draft or
/// expired postings are not found.
pub async fn public_posting(app: &App, org: OrgId, id: PostingId) -> AppResult<(String, PostingView)> {
    let jobs = public_jobs(app, org).await?;
    let p = jobs.postings.into_iter().find(|p| p.id == id).ok_or(AppError::NotFound)?;
    Ok((jobs.organisation, p))
}

/// A posting as the public sees it once published: (organisation name, posting, whether it still
/// takes applications). A closed posting, or one past its deadline, is shown marked closed, so
/// that an address shared while it was open does not end in "not found"; a draft is not found.
pub async fn published_posting(app: &App, org: OrgId, id: PostingId) -> AppResult<(String, PostingView, bool)> {
    let now = app.now();
    app.db
        .read(move |c| -> AppResult<(String, PostingView, bool)> {
            let o = sd::org(c, org)?.ok_or(AppError::NotFound)?;
            let today = Zone::from_stored(&o.time_zone).today(now);
            let row = sr::postings_of(c, org)?.into_iter().find(|p| p.id.get() == id).ok_or(AppError::NotFound)?;
            let v = posting_view(c, &row)?;
            if v.input.status == PostingStatus::Draft {
                return Err(AppError::NotFound);
            }
            let open = v.input.is_public(today);
            Ok((o.name, v, open))
        })
        .await
}

fn anonymous_event(now: Timestamp, org: &str, action: AuditAction, subject: &str, id: Option<String>, route: &str) -> AuditEvent {
    AuditEvent::system(now, Some(org), action, subject, id, "job_application", route)
}

/// An application from the public form, with its attachments, all or nothing: stored at stage
/// `received` with its first history entry, and the receipt queued to the applicant. Throttled
/// per address (stored hashed); a filled honeypot is answered like a success and stores nothing.
#[allow(clippy::too_many_arguments)]
pub async fn apply(
    app: &App,
    org: OrgId,
    posting: PostingId,
    input: ApplicationInput,
    attachments: Vec<Attachment>,
    robot: bool,
    address: &str,
    route: &str,
) -> AppResult<()> {
    let key = crate::access::auth::sha256_hex(&format!("job-application:{address}"));
    let route = route.to_owned();
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<AppResult<()>> {
            let now = app2.now();
            let today = today_in(tx.conn(), Some(org), now)?;
            let o = org.to_string();
            let Some(org_row) = sd::org(tx.conn(), org)? else { return Ok(Err(AppError::NotFound)) };
            let p = match sr::posting(tx.conn(), posting)? {
                Some(p) if p.organisation_id == org => p,
                _ => return Ok(Err(AppError::NotFound)),
            };
            let view = posting_view(tx.conn(), &p)?;
            if !view.input.is_public(today) {
                return Ok(Err(AppError::NotFound));
            }
            // Every submission counts, robot or not; a locked address stores nothing.
            if !crate::access::auth::count_submission(tx.conn(), &key, now.micros(), APPLICATIONS_PER_WINDOW, &app2)? {
                return Ok(Err(AppError::TooManyAttempts));
            }
            if robot {
                return Ok(Ok(()));
            }
            let id: ApplicationId = app2.next_id();
            let id_text = id.to_string();
            let row = JobApplicationRow {
                id: Stored(id),
                organisation_id: Stored(org),
                posting_id: p.id,
                name: input.name.clone(),
                email: input.email.as_str().to_owned(),
                phone: input.phone.clone(),
                language: input.language.into(),
                motivation: input.motivation.clone(),
                stage: Stage::Received.into(),
                peer_id: None,
                decided_at: None,
                created_at: now.micros(),
                updated_at: now.micros(),
            };
            sr::insert_application(tx.conn(), &row)?;
            for a in &attachments {
                sr::insert_attachment(
                    tx.conn(),
                    &ApplicationAttachmentRow {
                        id: Stored(app2.next_id()),
                        application_id: Stored(id),
                        file_name: a.file_name.clone(),
                        kind: a.kind.into(),
                        size_bytes: a.content.len() as i64,
                        content: a.content.clone(),
                        created_at: now.micros(),
                    },
                )?;
            }
            sr::insert_stage(
                tx.conn(),
                &ApplicationStageRow {
                    id: app2.new_id(),
                    application_id: Stored(id),
                    from_stage: None,
                    to_stage: Stage::Received.into(),
                    note: None,
                    actor_id: None,
                    at: now.micros(),
                },
            )?;
            queue(
                tx,
                &app2,
                &Message {
                    organisation_id: org,
                    kind: MessageKind::ApplicationReceived,
                    recipient: input.email.as_str(),
                    key: "msg-application-received",
                    args: &[
                        ("name", Arg::from(&input.name)),
                        ("title", Arg::from(&view.role.title)),
                        ("organisation", Arg::from(&org_row.name)),
                    ],
                    lang: Some(lang_of(input.language)),
                    about: ("application", &id_text),
                },
                now,
            )?;
            tx.audit(anonymous_event(now, &o, AuditAction::Create, "application", Some(id_text), &route));
            Ok(Ok(()))
        })
        .await?
}

fn lang_of(l: LetterLanguage) -> Lang {
    match l {
        LetterLanguage::Da => Lang::Da,
        LetterLanguage::En => Lang::En,
    }
}

// ---------------------------------------------------------------- applications

/// One line of a posting's list of applications.
#[derive(Debug, Clone)]
pub struct ApplicationSummary {
    pub id: ApplicationId,
    pub name: String,
    pub stage: Stage,
    pub attachments: usize,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// A posting's applications, optionally at one stage (managers). Each listed application is
/// audited as read.
pub async fn applications(
    app: &App,
    ctx: &Ctx,
    posting: PostingId,
    stage: Option<Stage>,
) -> AppResult<(PostingView, Vec<ApplicationSummary>)> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| -> AppResult<(PostingView, Vec<ApplicationSummary>)> {
            let now = app2.now();
            let (p, basis) = guarded(
                tx,
                &ctx,
                now,
                AuditAction::Read,
                Subject::record(&ctx, "job_posting", posting),
                |c| sr::posting(c, posting),
                |_, p| Ok(policy::manage_recruitment(&ctx.actor, p.organisation_id.get()).ok()),
            )?;
            let view = posting_view(tx.conn(), &p)?;
            let view = with_counts(tx.conn(), vec![view])?.into_iter().next().ok_or(AppError::NotFound)?;
            let rows = sr::applications_of(tx.conn(), *p.id, stage.map(|s| s.code()))?;
            let mut out = Vec::new();
            for r in rows {
                let n = sr::attachments_of(tx.conn(), *r.id)?.len();
                tx.audit(ctx.ok(now, AuditAction::Read, "application", Some(r.id.to_string()), Some(p.organisation_id.to_string()), basis));
                out.push(ApplicationSummary {
                    id: r.id.get(),
                    name: r.name,
                    stage: r.stage.get(),
                    attachments: n,
                    created_at: Timestamp(r.created_at),
                    updated_at: Timestamp(r.updated_at),
                });
            }
            Ok((view, out))
        })
        .await
}

/// One move of an application.
#[derive(Debug, Clone)]
pub struct StageMove {
    pub from: Option<Stage>,
    pub to: Stage,
    pub note: Option<String>,
    /// Who moved it (None: the applicant, by applying).
    pub by: Option<String>,
    pub at: Timestamp,
}

/// An attachment, without its content.
#[derive(Debug, Clone)]
pub struct AttachmentMeta {
    pub id: AttachmentId,
    pub file_name: String,
    pub kind: AttachmentKind,
    pub size_bytes: i64,
}

/// One interviewer's scores.
#[derive(Debug, Clone)]
pub struct PanelScores {
    pub user: UserId,
    pub name: String,
    pub scores: Vec<(Competence, i64, Option<String>)>,
}

impl PanelScores {
    pub fn score(&self, c: Competence) -> Option<i64> {
        self.scores.iter().find(|(x, _, _)| *x == c).map(|(_, s, _)| *s)
    }
    pub fn note(&self, c: Competence) -> Option<&str> {
        self.scores.iter().find(|(x, _, _)| *x == c).and_then(|(_, _, n)| n.as_deref())
    }
}

/// An interview as the reader may see it.
#[derive(Debug, Clone)]
pub struct InterviewView {
    pub id: InterviewId,
    pub starts_at: Timestamp,
    pub place: String,
    pub online: bool,
    /// (user, name, has scored)
    pub panel: Vec<(UserId, String, bool)>,
    /// The reader sits on this panel.
    pub mine: bool,
    /// The reader's own scores, if saved.
    pub my_scores: Option<PanelScores>,
    /// Everyone's scores, or `None` while the reader is on the panel and has not saved theirs.
    pub scores: Option<Vec<PanelScores>>,
}

/// An application as its managers and panel members see it.
#[derive(Debug, Clone)]
pub struct ApplicationPage {
    pub id: ApplicationId,
    pub organisation_id: OrgId,
    pub posting_id: PostingId,
    pub posting_title: String,
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    pub language: LetterLanguage,
    pub motivation: String,
    pub stage: Stage,
    pub peer_id: Option<PeerWorkerId>,
    pub created_at: Timestamp,
    pub decided_at: Option<Timestamp>,
    pub history: Vec<StageMove>,
    pub attachments: Vec<AttachmentMeta>,
    pub interviews: Vec<InterviewView>,
    /// The reader manages recruitment (moves, interviews, decisions).
    pub can_manage: bool,
    pub has_letter: bool,
}

/// Loads an application and decides an access, auditing a denial as "not found".
fn application_for(
    tx: &mut Tx<'_>,
    ctx: &Ctx,
    id: ApplicationId,
    action: AuditAction,
    now: Timestamp,
    manage_only: bool,
) -> AppResult<(JobApplicationRow, Basis)> {
    guarded(
        tx,
        ctx,
        now,
        action,
        Subject::record(ctx, "application", id),
        |c| sr::application(c, id),
        |c, r| {
            let org: OrgId = r.organisation_id.get();
            if manage_only {
                Ok(policy::manage_recruitment(&ctx.actor, org).ok())
            } else {
                let on_panel = sr::on_panel_of(c, *r.id, ctx.actor.user)?;
                Ok(policy::view_application(&ctx.actor, org, on_panel).ok())
            }
        },
    )
}

fn user_names(c: &mut DbConnection, ids: &[UserId]) -> Result<HashMap<UserId, String>, StoreError> {
    let mut out = HashMap::new();
    for &id in ids {
        if !out.contains_key(&id)
            && let Some(u) = sta::user_by_id(c, id)?
        {
            out.insert(id, u.display_name);
        }
    }
    Ok(out)
}

fn page_of(c: &mut DbConnection, r: &JobApplicationRow, reader: UserId, can_manage: bool) -> Result<ApplicationPage, StoreError> {
    let posting = sr::posting(c, *r.posting_id)?.ok_or_else(|| corrupt("posting"))?;
    let title = sw::current_role(c, &posting.role_key)?.map(|x| x.title).unwrap_or_default();
    let stages = sr::stages_of(c, *r.id)?;
    let interviews = sr::interviews_of(c, *r.id)?;
    let ids: Vec<InterviewId> = interviews.iter().map(|i| i.id.get()).collect();
    let panels = sr::panels_of(c, &ids)?;
    let scores = sr::scores_of(c, &ids)?;
    let mut people: Vec<UserId> = stages.iter().filter_map(|s| s.actor_id.get()).collect();
    people.extend(panels.iter().map(|p| p.user_id.get()));
    let names = user_names(c, &people)?;
    let name_of = |u: UserId| names.get(&u).cloned().unwrap_or_default();
    let history = stages
        .iter()
        .map(|s| {
            Ok(StageMove {
                from: s.from_stage.get(),
                to: s.to_stage.get(),
                note: s.note.clone(),
                by: s.actor_id.get().map(name_of),
                at: Timestamp(s.at),
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let attachments = sr::attachments_of(c, *r.id)?
        .into_iter()
        .map(|a| Ok(AttachmentMeta { id: a.id.get(), file_name: a.file_name, kind: a.kind.get(), size_bytes: a.size_bytes }))
        .collect::<Result<Vec<_>, StoreError>>()?;
    let mut views = Vec::new();
    for i in &interviews {
        let members: Vec<UserId> = panels.iter().filter(|p| p.interview_id == i.id).map(|p| p.user_id.get()).collect();
        let mut by_user: Vec<PanelScores> = Vec::new();
        for &u in &members {
            let mine: Vec<(Competence, i64, Option<String>)> = Competence::ALL
                .iter()
                .filter_map(|c| {
                    scores
                        .iter()
                        .find(|s| s.interview_id == i.id && s.user_id == u && s.competence == c.code())
                        .map(|s| (*c, s.score, s.note.clone()))
                })
                .collect();
            if !mine.is_empty() {
                by_user.push(PanelScores { user: u, name: name_of(u), scores: mine });
            }
        }
        let is_member = members.contains(&reader);
        let my_scores = by_user.iter().find(|p| p.user == reader).cloned();
        let visible = !is_member || my_scores.is_some();
        views.push(InterviewView {
            id: i.id.get(),
            starts_at: Timestamp(i.starts_at),
            place: i.place.clone(),
            online: i.online,
            panel: members.iter().map(|&u| (u, name_of(u), by_user.iter().any(|p| p.user == u))).collect(),
            mine: is_member,
            my_scores,
            scores: visible.then_some(by_user),
        });
    }
    Ok(ApplicationPage {
        id: r.id.get(),
        organisation_id: r.organisation_id.get(),
        posting_id: r.posting_id.get(),
        posting_title: title,
        name: r.name.clone(),
        email: r.email.clone(),
        phone: r.phone.clone(),
        language: r.language.get(),
        motivation: r.motivation.clone(),
        stage: r.stage.get(),
        peer_id: r.peer_id.get(),
        created_at: Timestamp(r.created_at),
        decided_at: r.decided_at.map(Timestamp),
        history,
        attachments,
        interviews: views,
        can_manage,
        has_letter: sr::letter_of(c, *r.id)?.is_some(),
    })
}

/// One application: its managers, and the members of its interview panels. Audited.
pub async fn application(app: &App, ctx: &Ctx, id: ApplicationId) -> AppResult<ApplicationPage> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| -> AppResult<ApplicationPage> {
            let now = app2.now();
            let (r, basis) = application_for(tx, &ctx, id, AuditAction::Read, now, false)?;
            let can_manage = matches!(basis, Basis::OwnOrganisation(_));
            let page = page_of(tx.conn(), &r, ctx.actor.user, can_manage)?;
            tx.audit(ctx.ok(now, AuditAction::Read, "application", Some(r.id.to_string()), Some(r.organisation_id.to_string()), basis));
            Ok(page)
        })
        .await
}

/// A file to download.
pub struct AttachmentFile {
    pub file_name: String,
    pub kind: AttachmentKind,
    pub content: Vec<u8>,
}

/// An attachment, for whoever may see its application. Every download is audited as a read
/// of the application.
pub async fn attachment(app: &App, ctx: &Ctx, id: AttachmentId) -> AppResult<AttachmentFile> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| -> AppResult<AttachmentFile> {
            let now = app2.now();
            let Some(a) = sr::attachment(tx.conn(), id)? else {
                let subject = Subject::record(&ctx, "application_attachment", id);
                return Err(ctx.refuse(tx, now, AuditAction::Read, subject, AppError::NotFound));
            };
            let (r, basis) = application_for(tx, &ctx, a.application_id.get(), AuditAction::Read, now, false)?;
            let mut e = ctx.ok(now, AuditAction::Read, "application", Some(r.id.to_string()), Some(r.organisation_id.to_string()), basis);
            e.purpose = format!("{}; attachment:{}", e.purpose, a.id);
            tx.audit(e);
            Ok(AttachmentFile { file_name: a.file_name, kind: a.kind.get(), content: a.content })
        })
        .await
}

// ---------------------------------------------------------------- moves, decisions, letters

/// A letter about to be sent: what the template makes of it, which the manager may edit.
#[derive(Debug, Clone)]
pub struct LetterDraft {
    pub decision: Stage,
    pub language: LetterLanguage,
    pub subject: String,
    pub body: String,
}

fn letter_message<'a>(decision: Stage) -> Option<(MessageKind, &'a str)> {
    match decision {
        Stage::Hired => Some((MessageKind::HiringLetter, "msg-hiring-letter")),
        Stage::Rejected => Some((MessageKind::RejectionLetter, "msg-rejection-letter")),
        _ => None,
    }
}

/// Merges the letter template for a decision in the applicant's language.
fn draft_of(c: &mut DbConnection, r: &JobApplicationRow, decision: Stage, today: time::Date) -> AppResult<LetterDraft> {
    let Some((kind, key)) = letter_message(decision) else {
        return Err(AppError::Validation(ValidationErrors::single("stage", "err-choice")));
    };
    let posting = sr::posting(c, *r.posting_id)?.ok_or_else(|| corrupt("posting"))?;
    let role = sw::current_role(c, &posting.role_key)?.ok_or_else(|| corrupt("role"))?;
    let org = sd::org(c, *r.organisation_id)?.ok_or_else(|| corrupt("org"))?;
    let language = r.language.get();
    let hours = format_hours(role.hours_per_week, language);
    let args = [
        ("name", Arg::from(&r.name)),
        ("title", Arg::from(&role.title)),
        ("organisation", Arg::from(&org.name)),
        ("date", Arg::from(format_date(today))),
        ("start", Arg::from(format_date(*posting.starts_on))),
        ("hours", Arg::from(hours)),
    ];
    let app_id = r.id.to_string();
    let m = Message {
        organisation_id: r.organisation_id.get(),
        kind,
        recipient: &r.email,
        key,
        args: &args,
        lang: Some(lang_of(language)),
        about: ("application", &app_id),
    };
    let (subject, body) = crate::messages::render(&m);
    Ok(LetterDraft { decision, language, subject, body })
}

/// Hours as the letter's language writes numbers (whole hours without decimals).
fn format_hours(h: f64, l: LetterLanguage) -> String {
    let style = if l == LetterLanguage::Da { NumberStyle::Danish } else { NumberStyle::English };
    style.format(h, if h.fract() == 0.0 { 0 } else { 1 })
}

/// The merged letter for deciding `decision` (hired or rejected), for the manager to read and edit.
pub async fn letter_draft(app: &App, ctx: &Ctx, id: ApplicationId, decision: Stage) -> AppResult<LetterDraft> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| -> AppResult<LetterDraft> {
            let now = app2.now();
            let (r, basis) = application_for(tx, &ctx, id, AuditAction::Read, now, true)?;
            let today = today_in(tx.conn(), Some(r.organisation_id.get()), now)?;
            let d = draft_of(tx.conn(), &r, decision, today)?;
            tx.audit(ctx.ok(now, AuditAction::Read, "application", Some(r.id.to_string()), Some(r.organisation_id.to_string()), basis));
            Ok(d)
        })
        .await
}

/// The letter sent with the decision, for printing: (kind, subject, body, when), or `None`.
pub async fn letter(
    app: &App,
    ctx: &Ctx,
    id: ApplicationId,
) -> AppResult<(ApplicationPage, Option<(MessageKind, String, String, Timestamp)>)> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| {
            let now = app2.now();
            let (r, basis) = application_for(tx, &ctx, id, AuditAction::Read, now, true)?;
            let page = page_of(tx.conn(), &r, ctx.actor.user, true)?;
            let letter = sr::letter_of(tx.conn(), *r.id)?.map(|(k, s, b, at)| (k, s, b, Timestamp(at)));
            tx.audit(ctx.ok(now, AuditAction::Read, "application", Some(r.id.to_string()), Some(r.organisation_id.to_string()), basis));
            Ok((page, letter))
        })
        .await
}

/// A letter as the manager edited it.
#[derive(Debug, Clone)]
pub struct LetterEdit {
    pub subject: String,
    pub body: String,
}

/// Moves an application to another stage (managers), recording who and when. A decision of
/// hired or rejected queues the letter (the manager's edit, or the template's); hiring also
/// creates the peer-worker record and its engagement for the posting's role, in the same
/// transaction. Withdrawn sends nothing.
pub async fn move_stage(
    app: &App,
    ctx: &Ctx,
    id: ApplicationId,
    to: Stage,
    note: Option<String>,
    letter: Option<LetterEdit>,
) -> AppResult<()> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<()> {
            let now = app2.now();
            let (mut r, basis) = application_for(tx, &ctx, id, AuditAction::Update, now, true)?;
            let from = r.stage.get();
            if !allowed_move(from, to) {
                return Err(AppError::Validation(ValidationErrors::single("stage", "err-stage-move")));
            }
            if let Some(l) = &letter {
                let mut e = ValidationErrors::new();
                e.check("subject", sammen_domain::validation::required_text(&l.subject, 300));
                e.check("body", sammen_domain::validation::required_text(&l.body, 20_000));
                e.into_result()?;
            }
            if let Some((kind, _)) = letter_message(to) {
                let today = today_in(tx.conn(), Some(r.organisation_id.get()), now)?;
                let draft = draft_of(tx.conn(), &r, to, today)?;
                let (subject, body) = match &letter {
                    Some(l) => (l.subject.trim().to_owned(), l.body.trim().to_owned()),
                    None => (draft.subject, draft.body),
                };
                sm::queue_message(
                    tx.conn(),
                    &OutboxRow {
                        id: app2.new_id(),
                        organisation_id: r.organisation_id,
                        kind: kind.into(),
                        recipient: r.email.clone(),
                        subject,
                        body,
                        subject_type: Some("application".into()),
                        subject_id: Some(r.id.to_string()),
                        status: sammen_domain::measurement::MessageStatus::Queued.into(),
                        attempts: 0,
                        last_error: None,
                        created_at: now.micros(),
                        sent_at: None,
                    },
                )?;
            }
            if to == Stage::Hired {
                let peer = hire(tx, &app2, &ctx, &r, now)?;
                r.peer_id = Some(Stored(peer));
            }
            r.stage = to.into();
            r.updated_at = now.micros();
            if to.is_decision() {
                r.decided_at = Some(now.micros());
            }
            sr::update_application(tx.conn(), &r)?;
            sr::insert_stage(
                tx.conn(),
                &ApplicationStageRow {
                    id: app2.new_id(),
                    application_id: r.id,
                    from_stage: Some(from.into()),
                    to_stage: to.into(),
                    note: note.as_deref().map(str::trim).filter(|n| !n.is_empty()).map(|n| n.chars().take(2000).collect()),
                    actor_id: Some(ctx.actor.user.into()),
                    at: now.micros(),
                },
            )?;
            tx.audit(ctx.ok(now, AuditAction::Update, "application", Some(r.id.to_string()), Some(r.organisation_id.to_string()), basis));
            Ok(())
        })
        .await
}

/// The peer-worker record and engagement of a hired applicant; returns the record's id.
fn hire(tx: &mut Tx<'_>, app: &App, ctx: &Ctx, r: &JobApplicationRow, now: Timestamp) -> AppResult<PeerWorkerId> {
    let posting = sr::posting(tx.conn(), *r.posting_id)?.ok_or_else(|| corrupt("posting"))?;
    let role = sw::current_role(tx.conn(), &posting.role_key)?.ok_or_else(|| corrupt("role"))?;
    let peer_id: PeerWorkerId = app.next_id();
    // Linked to an account when the organisation has a peer-worker account with the e-mail.
    let user_id = match sta::user_by_email(tx.conn(), &r.email)? {
        Some(u)
            if sta::memberships_of(tx.conn(), *u.id)?
                .iter()
                .any(|m| m.organisation_id == r.organisation_id && m.role == sammen_domain::people::Role::PeerWorker) =>
        {
            Some(u.id)
        }
        _ => None,
    };
    let peer = PeerWorkerRow {
        id: Stored(peer_id),
        organisation_id: r.organisation_id,
        user_id,
        display_name: r.name.clone(),
        email: Some(r.email.clone()),
        phone: r.phone.clone(),
        engagement: role.engagement,
        status: PeerStatus::Active.into(),
        languages: r.language.code().to_owned(),
        modes: String::new(),
        created_at: now.micros(),
        updated_at: now.micros(),
    };
    sp::insert_peer(tx.conn(), &peer)?;
    let paid = role.engagement == Engagement::Paid;
    let term = role.term.get();
    let starts = *posting.starts_on;
    sw::insert_engagement(
        tx.conn(),
        &EngagementRow {
            id: app.new_id(),
            organisation_id: r.organisation_id,
            peer_id: Stored(peer_id),
            kind: Stored(if paid { EngagementKind::Employment } else { EngagementKind::VolunteerAgreement }),
            title: role.title.clone(),
            hours_per_week: role.hours_per_week,
            part_time: role.hours_per_week < 37.0,
            term: term.into(),
            starts_on: posting.starts_on,
            // A temporary role runs a year unless the manager records otherwise.
            ends_on: (term == Term::Temporary).then(|| Stored(starts + time::Duration::days(365))),
            signed_on: None,
            note: None,
            created_by: Some(ctx.actor.user.into()),
            created_at: now.micros(),
            updated_at: now.micros(),
            role_key: Some(role.role_key.clone()),
        },
    )?;
    let basis = policy::edit_peer_worker(&ctx.actor, r.organisation_id.get()).map_err(|_| AppError::NotFound)?;
    tx.audit(ctx.ok(now, AuditAction::Create, "peer_worker", Some(peer_id.to_string()), Some(r.organisation_id.to_string()), basis));
    Ok(peer_id)
}

// ---------------------------------------------------------------- interviews

/// Staff of the active organisation who can sit on a panel: (user, name, role).
pub async fn panel_choices(app: &App, ctx: &Ctx) -> AppResult<Vec<(UserId, String, sammen_domain::people::Role)>> {
    let org = ctx.org()?;
    policy::manage_recruitment(&ctx.actor, org).map_err(|_| AppError::Forbidden)?;
    let rows = app.db.read(move |c| panel_staff(c, org)).await?;
    Ok(rows)
}

/// Active staff of an organisation other than referrers and evaluators: (user, name, role).
fn panel_staff(c: &mut DbConnection, org: OrgId) -> Result<Vec<(UserId, String, sammen_domain::people::Role)>, StoreError> {
    let (rows, _) = sta::staff_of(c, org, sammen_store::Page { offset: 0, limit: 500 })?;
    Ok(rows
        .into_iter()
        .filter(|(u, role)| {
            u.active && !matches!(role.get(), sammen_domain::people::Role::Referrer | sammen_domain::people::Role::Evaluator)
        })
        .map(|(u, role)| (u.id.get(), u.display_name, role.get()))
        .collect())
}

/// Schedules an interview of an application at the interview stage (managers) and queues the
/// invitation to the applicant in their language.
pub async fn schedule_interview(app: &App, ctx: &Ctx, id: ApplicationId, input: InterviewInput) -> AppResult<InterviewId> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    let new_id: InterviewId = app.next_id();
    app.db
        .write(move |tx| -> AppResult<InterviewId> {
            let now = app2.now();
            let (r, basis) = application_for(tx, &ctx, id, AuditAction::Update, now, true)?;
            if r.stage != Stage::Interview {
                return Err(AppError::Validation(ValidationErrors::single("date", "err-not-interview-stage")));
            }
            let staff: Vec<UserId> = panel_staff(tx.conn(), r.organisation_id.get())?.into_iter().map(|(id, _, _)| id).collect();
            // The panel as submitted must name staff exactly as their ids are written.
            let Some(panel) =
                input.panel.iter().map(|p| staff.iter().copied().find(|s| s.to_string() == *p)).collect::<Option<Vec<UserId>>>()
            else {
                return Err(AppError::Validation(ValidationErrors::single("panel", "err-choice")));
            };
            let row = JobInterviewRow {
                id: Stored(new_id),
                application_id: r.id,
                starts_at: input.starts_at.micros(),
                place: input.place.clone(),
                online: input.online,
                created_by: Some(ctx.actor.user.into()),
                created_at: now.micros(),
            };
            sr::insert_interview(tx.conn(), &row, &panel)?;
            let posting = sr::posting(tx.conn(), *r.posting_id)?.ok_or_else(|| corrupt("posting"))?;
            let title = sw::current_role(tx.conn(), &posting.role_key)?.map(|x| x.title).unwrap_or_default();
            let org = sd::org(tx.conn(), *r.organisation_id)?.map(|o| o.name).unwrap_or_default();
            let language = r.language.get();
            let local = input.starts_at.in_zone(&zone_of(tx.conn(), Some(r.organisation_id.get()))?);
            let when = format!("{} {:02}:{:02}", format_date(local.date()), local.hour(), local.minute());
            let how = if input.online { "online" } else { "in_person" };
            let app_id = r.id.to_string();
            queue(
                tx,
                &app2,
                &Message {
                    organisation_id: r.organisation_id.get(),
                    kind: MessageKind::InterviewInvitation,
                    recipient: &r.email,
                    key: "msg-interview-invitation",
                    args: &[
                        ("name", Arg::from(&r.name)),
                        ("title", Arg::from(&title)),
                        ("organisation", Arg::from(&org)),
                        ("when", Arg::from(when)),
                        ("place", Arg::from(&input.place)),
                        ("how", Arg::from(how)),
                    ],
                    lang: Some(lang_of(language)),
                    about: ("application", &app_id),
                },
                now,
            )?;
            tx.audit(ctx.ok(now, AuditAction::Update, "application", Some(r.id.to_string()), Some(r.organisation_id.to_string()), basis));
            Ok(new_id)
        })
        .await
}

/// Saves a panel member's scores of an interview (replacing their earlier ones). Only the
/// members of the interview's panel may.
pub async fn save_scores(app: &App, ctx: &Ctx, id: InterviewId, input: ScoresInput) -> AppResult<ApplicationId> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<ApplicationId> {
            let now = app2.now();
            let me = ctx.actor.user;
            let (i, (r, basis)) = guarded(
                tx,
                &ctx,
                now,
                AuditAction::Update,
                Subject::record(&ctx, "interview", id),
                |c| sr::interview(c, id),
                |c, i| {
                    let Some(r) = sr::application(c, *i.application_id)? else { return Ok(None) };
                    let org: OrgId = r.organisation_id.get();
                    let on_panel = sr::panels_of(c, std::slice::from_ref(&i.id))?.iter().any(|p| p.user_id == me);
                    Ok(policy::score_interview(&ctx.actor, org, on_panel).ok().map(|b| (r, b)))
                },
            )?;
            let rows: Vec<InterviewScoreRow> = input
                .scores
                .iter()
                .map(|(c, s, n)| InterviewScoreRow {
                    interview_id: i.id,
                    user_id: Stored(me),
                    competence: c.code().into(),
                    score: *s,
                    note: n.clone(),
                    at: now.micros(),
                })
                .collect();
            sr::put_scores(tx.conn(), *i.id, me, &rows)?;
            tx.audit(ctx.ok(now, AuditAction::Update, "application", Some(r.id.to_string()), Some(r.organisation_id.to_string()), basis));
            Ok(r.id.get())
        })
        .await
}

/// An interview the reader sits on the panel of: no applicant's name, only where to go.
#[derive(Debug, Clone)]
pub struct PanelInterview {
    pub application: ApplicationId,
    pub title: String,
    pub starts_at: Timestamp,
    pub place: String,
    pub scored: bool,
}

/// The reader's interviews in the active organisation (any staff member on a panel).
pub async fn my_interviews(app: &App, ctx: &Ctx) -> AppResult<Vec<PanelInterview>> {
    let org = ctx.org()?;
    let me = ctx.actor.user;
    app.db
        .read(move |c| -> AppResult<Vec<PanelInterview>> {
            let mut out = Vec::new();
            for i in sr::interviews_of_user(c, me)? {
                let Some(a) = sr::application(c, *i.application_id)? else { continue };
                if a.organisation_id != org {
                    continue;
                }
                let title = match sr::posting(c, *a.posting_id)? {
                    Some(p) => sw::current_role(c, &p.role_key)?.map(|r| r.title).unwrap_or_default(),
                    None => String::new(),
                };
                let scored = sr::scores_of(c, std::slice::from_ref(&i.id))?.iter().any(|s| s.user_id == me);
                out.push(PanelInterview { application: a.id.get(), title, starts_at: Timestamp(i.starts_at), place: i.place, scored });
            }
            Ok(out)
        })
        .await
}

// ---------------------------------------------------------------- retention

/// The active organisation's retention in months, and whether the reader may change it.
pub async fn settings(app: &App, ctx: &Ctx) -> AppResult<(i64, bool)> {
    let org = ctx.org()?;
    policy::manage_recruitment(&ctx.actor, org).map_err(|_| AppError::Forbidden)?;
    let can_edit = policy::edit_recruitment_settings(&ctx.actor, org).is_ok();
    let months = app.db.read(move |c| sr::settings_of(c, org)).await?.map_or(DEFAULT_RETENTION_MONTHS, |s| s.retention_months);
    Ok((months, can_edit))
}

/// Sets how many months applicants' data is kept after the decision (the administrator).
pub async fn save_settings(app: &App, ctx: &Ctx, months: i64) -> AppResult<()> {
    ctx.require_write()?;
    let org = ctx.org()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<()> {
            let now = app2.now();
            let Ok(basis) = policy::edit_recruitment_settings(&ctx.actor, org) else {
                let subject = Subject { kind: "recruitment_settings", id: Some(org.to_string()), org: Some(org.to_string()) };
                return Err(ctx.refuse(tx, now, AuditAction::Update, subject, AppError::Forbidden));
            };
            sr::put_settings(
                tx.conn(),
                &RecruitmentSettingsRow { organisation_id: org.into(), retention_months: months, updated_at: now.micros() },
            )?;
            tx.audit(ctx.ok(now, AuditAction::Update, "recruitment_settings", Some(org.to_string()), Some(org.to_string()), basis));
            Ok(())
        })
        .await
}

/// Deletes every application whose decision is older than its organisation's retention period
/// (on `app.now()`): the application, its attachments, scores, interviews, history and the
/// outbox's messages about it, one audit record per application (actor: the system). The
/// peer-worker record of a hired applicant stays. Returns how many were deleted.
pub async fn purge_expired(app: &App) -> AppResult<usize> {
    let app2 = app.clone();
    app.db
        .write(move |tx| -> AppResult<usize> {
            let now = app2.now();
            let mut zones = Zones::default();
            let mut months: HashMap<OrgId, i64> = HashMap::new();
            let mut n = 0;
            for (id, org, decided) in sr::decided_before(tx.conn(), now.micros())? {
                let m = match months.get(&org) {
                    Some(m) => *m,
                    None => {
                        let m = sr::settings_of(tx.conn(), org)?.map_or(DEFAULT_RETENTION_MONTHS, |s| s.retention_months);
                        months.insert(org, m);
                        m
                    }
                };
                // Both days on the organisation's calendar: the data goes at its local midnight.
                let zone = zones.of(tx.conn(), org)?;
                if !retention_over(Timestamp(decided).date_in(zone), m, zone.today(now)) {
                    continue;
                }
                sr::delete_application(tx.conn(), id)?;
                tx.audit(AuditEvent::system(
                    now,
                    Some(&org.to_string()),
                    AuditAction::Delete,
                    "application",
                    Some(id.to_string()),
                    "recruitment_retention",
                    "recruitment purge",
                ));
                n += 1;
            }
            Ok(n)
        })
        .await
}
