//! Interview studies, the qualitative half of an evaluation: studies of a programme, an
//! organisation or a partnership; interviews with their consent and a transcript pseudonymised
//! on entry and cut into segments; a codebook seeded with CHIME, the concrete life changes and
//! the difficulties people meet; blind coding by two or more coders, their agreement and the
//! consensus they settle; and the quotes cleared for publication.
//!
//! Transcripts are special-category data: only a study's coders and the administrators of the
//! interview's organisation read them, every read is audited in the transaction that reads,
//! and everyone else (evaluators above all) sees pseudonymised analysis only
//! (`domain::policy::view_study`, `view_transcript`).

mod codebook;
mod coding;
mod interviews;
mod studies;

pub mod analysis;
pub mod exchange;

pub use codebook::{add_code, code_history, codebook, edit_code, merge_code, retire_code};
pub use coding::{agreement, coding_page, comparison, mark_done, quotes, set_quote_cleared, set_segment_codes, settle_consensus};
pub use interviews::{add_interview, interview, interviewee_choices, withdraw_consent};
pub use studies::{add_coder, coder_candidates, create_study, edit_study, list_studies, remove_coder, set_party_joined, study};

use sammen_domain::measurement::qualitative::{
    CodeChangeKind, CodeTheme, GuideQuestion, InterviewConsentMethod, InterviewStatus, IntervieweeKind, StudyScope, StudyScopeKind,
};
pub use sammen_domain::measurement::qualitative::{CodeInput, InterviewInput, StudyInput, TranscriptInput};
use sammen_domain::time::Timestamp;
use sammen_domain::{CodeId, OrgId, ParticipantId, PeerWorkerId, QuoteId, SegmentId, StudyId, StudyInterviewId, UserId};
use time::Date;

/// Audit subject types.
pub(crate) const STUDY: &str = "interview_study";
pub(crate) const INTERVIEW: &str = "study_interview";
pub(crate) const CODE: &str = "interview_code";

/// A study in a list.
#[derive(Debug, Clone, PartialEq)]
pub struct StudySummary {
    pub id: StudyId,
    pub name: String,
    pub scope_kind: StudyScopeKind,
    /// The programme's or partnership's name; the organisation's for an organisation study.
    pub scope_name: String,
    /// Active interviews (withdrawn ones not counted).
    pub interviews: usize,
    pub coders: usize,
    /// The owning organisation's name.
    pub organisation: String,
}

/// A party of a partnership study and whether its interviews joined.
#[derive(Debug, Clone, PartialEq)]
pub struct PartyView {
    pub org: OrgId,
    pub name: String,
    pub joined: bool,
}

/// An interview in a list: pseudonym and kind, never the person.
#[derive(Debug, Clone, PartialEq)]
pub struct InterviewSummary {
    pub id: StudyInterviewId,
    pub pseudonym: String,
    pub kind: IntervieweeKind,
    pub interviewed_on: Date,
    pub status: InterviewStatus,
    pub segments: usize,
    /// Whether the reader (a coder) has marked it done.
    pub done_by_me: bool,
    /// How many of the study's coders have marked it done.
    pub coders_done: usize,
    /// Whether every coder of the study has marked it done (and there is at least one).
    pub all_done: bool,
}

/// A study with everything its page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct StudyView {
    pub summary: StudySummary,
    pub purpose: String,
    pub sampling: String,
    pub keep_original: bool,
    pub scope: StudyScope,
    pub guide: Vec<GuideQuestion>,
    pub coders: Vec<(UserId, String)>,
    /// The parties of a partnership study (empty otherwise), the owner included.
    pub parties: Vec<PartyView>,
    pub interviews: Vec<InterviewSummary>,
    /// May edit the study, its coders and codebook, and clear quotes.
    pub can_manage: bool,
    /// Is a coder (codes interviews, reads transcripts).
    pub can_code: bool,
    /// May record an interview of the active organisation now.
    pub can_record: bool,
    pub is_coder: bool,
    /// May decide whether the active organisation's interviews join (a party's administrator).
    pub can_decide_party: bool,
}

/// Whom an interview can be of, and who can have interviewed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IntervieweeChoices {
    /// Participants: (id, pseudonym and name).
    pub participants: Vec<(ParticipantId, String)>,
    pub peers: Vec<(PeerWorkerId, String)>,
    pub interviewers: Vec<(UserId, String)>,
}

/// One segment of a transcript.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentView {
    pub id: SegmentId,
    pub position: usize,
    pub speaker: Option<String>,
    /// Char offsets into the (pseudonymised) transcript, end exclusive.
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// An interview as a reader of its transcript sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct InterviewView {
    pub summary: InterviewSummary,
    pub study: StudyId,
    pub study_name: String,
    /// The pseudonymised transcript; None after withdrawal.
    pub transcript: Option<String>,
    pub segments: Vec<SegmentView>,
    pub interviewer: String,
    pub consent_given_on: Date,
    pub consent_method: InterviewConsentMethod,
    pub consent_original: bool,
    pub consent_withdrawn_on: Option<Date>,
    /// How many names were replaced by placeholders.
    pub replaced: usize,
    /// Whether the original (before pseudonymisation) is kept.
    pub original_kept: bool,
    /// Who the interview is of: only for administrators of the interview's organisation.
    pub person: Option<String>,
    /// May withdraw the consent (a coder or an administrator of the interview's organisation).
    pub can_withdraw: bool,
}

/// A code of a codebook.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeView {
    pub id: CodeId,
    pub parent: Option<CodeId>,
    pub guid: String,
    pub name: String,
    pub description: String,
    pub example: String,
    pub theme: Option<CodeTheme>,
    pub retired: bool,
    pub merged_into: Option<CodeId>,
    /// 0 for a top-level code.
    pub depth: usize,
}

/// One change to a codebook.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeChangeView {
    pub at: Timestamp,
    pub by: String,
    pub code: String,
    pub kind: CodeChangeKind,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

/// The reader's own coding of one segment.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentCoding {
    pub segment: SegmentId,
    pub codes: Vec<CodeId>,
    pub memo: Option<String>,
    /// The passage inside the segment, when narrower than the segment.
    pub passage: Option<(usize, usize)>,
}

/// The coding page of one interview for one coder.
#[derive(Debug, Clone, PartialEq)]
pub struct CodingView {
    pub interview: InterviewView,
    /// The codes that can be applied (not retired), in tree order.
    pub codes: Vec<CodeView>,
    pub mine: Vec<SegmentCoding>,
    /// Whether the reader has marked the interview done (their codings are then fixed).
    pub done: bool,
}

/// One segment side by side: each coder's codes (in the order of `ComparisonView::coders`) and the consensus.
#[derive(Debug, Clone, PartialEq)]
pub struct ComparisonRow {
    pub segment: SegmentView,
    pub by_coder: Vec<Vec<CodeId>>,
    pub consensus: Vec<CodeId>,
    /// Whether every coder applied the same codes.
    pub agreed: bool,
}

/// The codings of every coder of one interview, side by side, once all are done.
#[derive(Debug, Clone, PartialEq)]
pub struct ComparisonView {
    pub interview: InterviewView,
    pub coders: Vec<(UserId, String)>,
    pub rows: Vec<ComparisonRow>,
    pub codes: Vec<CodeView>,
    /// The agreement over this interview alone.
    pub agreement: AgreementView,
    /// May settle the consensus.
    pub can_settle: bool,
}

/// Agreement on one code over the segments of the interviews every coder has done.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeAgreement {
    pub code: CodeId,
    pub name: String,
    pub n_segments: usize,
    pub percent_agreement: Option<f64>,
    /// Only with exactly two coders.
    pub cohen_kappa: Option<f64>,
    pub krippendorff_alpha: Option<f64>,
}

/// Agreement between a study's coders.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AgreementView {
    pub coders: Vec<String>,
    /// Interviews every coder has marked done (those the figures are over).
    pub interviews: usize,
    pub segments: usize,
    pub per_code: Vec<CodeAgreement>,
    /// Krippendorff's alpha over every (segment, code) unit.
    pub overall_alpha: Option<f64>,
}

/// A passage of a transcript coded with a code, and whether it is cleared for publication.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteView {
    /// Set when cleared.
    pub id: Option<QuoteId>,
    pub interview: StudyInterviewId,
    pub interview_pseudonym: String,
    pub kind: IntervieweeKind,
    pub code: CodeId,
    pub code_name: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub cleared: bool,
}

// ------------------------------------------------------------------ shared within the module

use sammen_domain::ValidationErrors;
use sammen_domain::policy::StudyTarget;
use sammen_store::rows::{CoderDoneRow, InterviewCodeRow, InterviewSegmentRow, InterviewStudyRow, StudyInterviewRow};
use sammen_store::{DbConnection, StoreError, Unstore, directory as sd, measurement::qualitative as sq};

use crate::{AppError, Ctx, Subject, guarded};
use sammen_domain::audit::AuditAction;
use sammen_domain::policy;
use sammen_store::Tx;

/// A study with the facts the policy needs: its coders and the parties that joined.
pub(crate) struct Loaded {
    pub row: InterviewStudyRow,
    pub coders: Vec<UserId>,
    pub joined: Vec<OrgId>,
}

impl Loaded {
    pub fn target(&self) -> StudyTarget<'_> {
        StudyTarget { owner: self.row.organisation_id.get(), coders: &self.coders, joined: &self.joined }
    }
    pub fn id(&self) -> StudyId {
        self.row.id.get()
    }
    pub fn owner(&self) -> OrgId {
        self.row.organisation_id.get()
    }
    pub fn scope(&self) -> Result<StudyScope, StoreError> {
        StudyScope::from_parts(*self.row.scope_kind, self.row.programme_id.get(), self.row.partnership_id.get())
            .ok_or_else(|| StoreError::Corrupt("interview study scope".into()))
    }
}

pub(crate) fn load_study(conn: &mut DbConnection, id: StudyId) -> Result<Option<Loaded>, StoreError> {
    let Some(row) = sq::study(conn, id)? else { return Ok(None) };
    let coders = sq::coders(conn, id)?.into_iter().map(|c| c.user_id.get()).collect();
    let owner = row.organisation_id.get();
    let joined = if row.partnership_id.is_some() {
        sq::parties(conn, id)?.into_iter().filter(|p| p.joined && p.organisation_id != owner).map(|p| p.organisation_id.get()).collect()
    } else {
        Vec::new()
    };
    Ok(Some(Loaded { row, coders, joined }))
}

/// Loads a study and asks the policy `rule` about it, inside the job's transaction: the study
/// and the basis, or (missing or refused) the denial audited and `NotFound`, through `guarded`.
pub(crate) fn guard_study(
    tx: &mut Tx<'_>,
    ctx: &Ctx,
    now: Timestamp,
    action: AuditAction,
    study: StudyId,
    rule: impl FnOnce(&Loaded) -> policy::Decision,
) -> Result<(Loaded, policy::Basis), AppError> {
    guarded(tx, ctx, now, action, Subject::record(ctx, STUDY, study), |c| load_study(c, study), |_, s| Ok(rule(s).ok()))
}

pub(crate) fn bad(field: &str, message: &'static str) -> AppError {
    AppError::Validation(ValidationErrors::single(field, message))
}

pub(crate) fn org_name(conn: &mut DbConnection, org: OrgId) -> Result<String, StoreError> {
    Ok(sd::org(conn, org)?.map(|o| o.name).unwrap_or_default())
}

pub(crate) fn user_name(conn: &mut DbConnection, user: UserId) -> Result<String, StoreError> {
    Ok(sq::user_names(conn, &[user])?.into_iter().next().map(|(_, n)| n).unwrap_or_default())
}

/// Names of users in the order given.
pub(crate) fn named(conn: &mut DbConnection, users: &[UserId]) -> Result<Vec<(UserId, String)>, StoreError> {
    let names = sq::user_names(conn, users)?;
    Ok(users.iter().map(|u| (*u, names.iter().find(|(k, _)| k == u).map(|(_, n)| n.clone()).unwrap_or_default())).collect())
}

pub(crate) fn to_usize(n: i64) -> usize {
    usize::try_from(n).unwrap_or(0)
}

pub(crate) fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Whether every coder of the study (at least one) has marked the interview done.
pub(crate) fn all_done(coders: &[UserId], done: &[CoderDoneRow], interview: StudyInterviewId) -> bool {
    !coders.is_empty() && coders.iter().all(|c| done.iter().any(|d| d.interview_id == interview && d.coder_user_id == *c))
}

pub(crate) fn summary_of(r: &StudyInterviewRow, segments: usize, coders: &[UserId], done: &[CoderDoneRow], me: UserId) -> InterviewSummary {
    let id = r.id.get();
    InterviewSummary {
        id,
        pseudonym: r.pseudonym.clone(),
        kind: *r.kind,
        interviewed_on: *r.interviewed_on,
        status: *r.status,
        segments,
        done_by_me: done.iter().any(|d| d.interview_id == id && d.coder_user_id == me),
        coders_done: coders.iter().filter(|c| done.iter().any(|d| d.interview_id == id && d.coder_user_id == **c)).count(),
        all_done: all_done(coders, done, id),
    }
}

pub(crate) fn segment_view(transcript: &str, s: &InterviewSegmentRow) -> SegmentView {
    let (start, end) = (to_usize(s.start_char), to_usize(s.end_char));
    SegmentView {
        id: s.id.get(),
        position: to_usize(s.position),
        speaker: s.speaker.clone(),
        start,
        end,
        text: sammen_qualitative::segment::slice(transcript, start, end).to_owned(),
    }
}

/// Codes in tree order (parents before their children, siblings by position) with their depth.
pub(crate) fn tree(rows: &[InterviewCodeRow]) -> Vec<CodeView> {
    fn walk(rows: &[InterviewCodeRow], parent: Option<CodeId>, depth: usize, out: &mut Vec<CodeView>) {
        for r in rows.iter().filter(|r| r.parent_id.get() == parent) {
            out.push(CodeView {
                id: r.id.get(),
                parent,
                guid: r.guid.clone(),
                name: r.name.clone(),
                description: r.description.clone(),
                example: r.example.clone(),
                theme: r.theme.get(),
                retired: r.retired,
                merged_into: r.merged_into.get(),
                depth,
            });
            if depth < 16 {
                walk(rows, Some(r.id.get()), depth + 1, out);
            }
        }
    }
    let mut out = Vec::with_capacity(rows.len());
    walk(rows, None, 0, &mut out);
    // A code whose parent is missing (never expected) is still listed, at the top.
    for r in rows {
        if !out.iter().any(|c| c.id == r.id.get()) {
            out.push(CodeView {
                id: r.id.get(),
                parent: r.parent_id.get(),
                guid: r.guid.clone(),
                name: r.name.clone(),
                description: r.description.clone(),
                example: r.example.clone(),
                theme: r.theme.get(),
                retired: r.retired,
                merged_into: r.merged_into.get(),
                depth: 0,
            });
        }
    }
    out
}

/// The full view of one interview for a reader of its transcript.
pub(crate) fn interview_view(
    conn: &mut DbConnection,
    ctx: &crate::Ctx,
    study: &Loaded,
    r: &StudyInterviewRow,
) -> Result<InterviewView, AppError> {
    let id = r.id.get();
    let segs = sq::segments_of(conn, id)?;
    let done = sq::done_of(conn, &[id])?;
    let transcript = r.transcript.clone();
    let segments = transcript.as_deref().map(|t| segs.iter().map(|s| segment_view(t, s)).collect()).unwrap_or_default();
    let org = r.organisation_id.get();
    let person = if sammen_domain::policy::sees_interviewee(&ctx.actor, org) {
        match (r.participant_id.get(), r.peer_worker_id.get()) {
            (Some(p), _) => sq::participant_names(conn, p)?.map(|(_, pseudonym, name, _)| match name {
                Some(n) => format!("{n} ({pseudonym})"),
                None => pseudonym,
            }),
            (None, Some(p)) => sq::peer_name(conn, p)?.map(|(_, n)| n),
            _ => None,
        }
    } else {
        None
    };
    let can_withdraw =
        sammen_domain::policy::view_transcript(&ctx.actor, &study.target(), org).is_ok() && *r.status == InterviewStatus::Active;
    Ok(InterviewView {
        summary: summary_of(r, segs.len(), &study.coders, &done, ctx.actor.user),
        study: study.id(),
        study_name: study.row.name.clone(),
        transcript,
        segments,
        interviewer: user_name(conn, r.interviewer_user_id.get())?,
        consent_given_on: *r.consent_given_on,
        consent_method: *r.consent_method,
        consent_original: r.consent_original,
        consent_withdrawn_on: r.consent_withdrawn_on.get(),
        replaced: to_usize(r.replaced),
        original_kept: r.original.is_some(),
        person,
        can_withdraw,
    })
}
