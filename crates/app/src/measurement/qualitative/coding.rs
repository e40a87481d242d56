//! Coding: each coder codes blind (seeing only their own codings) and marks an interview done;
//! once every coder of the study is done, the coders see their codings side by side, settle a
//! consensus, and read their agreement (`sammen_evaluation::agreement`, over the segments of
//! the interviews every coder has done); and the quotes the study clears for publication.

use std::collections::BTreeSet;

use sammen_domain::audit::{AuditAction, AuditOutcome};
use sammen_domain::measurement::qualitative::{CodingKind, InterviewStatus, passage_within};
use sammen_domain::policy;
use sammen_domain::{CodeId, SegmentId, StudyId, StudyInterviewId, UserId};
use sammen_evaluation::agreement::{CodingTable, agreement as compute_agreement};
use sammen_store::rows::{CodingRow, InterviewCodeRow, InterviewSegmentRow, QuoteRow, StudyInterviewRow};
use sammen_store::{DbConnection, StoreError, Stored, Tx, Unstore, measurement::qualitative as sq};

use super::{
    AgreementView, CodeAgreement, CodeView, CodingView, ComparisonRow, ComparisonView, INTERVIEW, Loaded, QuoteView, STUDY, SegmentCoding,
    all_done, bad, guard_study, interview_view, load_study, named, segment_view, to_i64, to_usize, tree,
};
use crate::{App, AppError, AppResult, Ctx, Subject, guarded};

type Decide<'a> = &'a dyn Fn(&Ctx, &Loaded, &StudyInterviewRow) -> Option<policy::Basis>;

/// Loads an interview with its study, deciding with `decide`; absence and refusal are audited
/// and answered not-found.
fn guarded_interview(
    tx: &mut Tx<'_>,
    ctx: &Ctx,
    now: sammen_domain::time::Timestamp,
    action: AuditAction,
    id: StudyInterviewId,
    decide: Decide<'_>,
) -> Result<((StudyInterviewRow, Loaded), policy::Basis), AppError> {
    guarded(
        tx,
        ctx,
        now,
        action,
        Subject::record(ctx, INTERVIEW, id),
        |c| {
            let Some(r) = sq::interview(c, id)? else { return Ok(None) };
            Ok(load_study(c, r.study_id.get())?.map(|s| (r, s)))
        },
        |_, (r, s)| Ok(decide(ctx, s, r)),
    )
}

/// Loads a segment with its interview and study, deciding with `decide`.
fn guarded_segment(
    tx: &mut Tx<'_>,
    ctx: &Ctx,
    now: sammen_domain::time::Timestamp,
    id: SegmentId,
    decide: Decide<'_>,
) -> Result<((InterviewSegmentRow, StudyInterviewRow, Loaded), policy::Basis), AppError> {
    guarded(
        tx,
        ctx,
        now,
        AuditAction::Update,
        Subject::record(ctx, INTERVIEW, id),
        |c| {
            let Some(g) = sq::segment(c, id)? else { return Ok(None) };
            let Some(r) = sq::interview(c, g.interview_id.get())? else { return Ok(None) };
            Ok(load_study(c, r.study_id.get())?.map(|s| (g, r, s)))
        },
        |_, (_, r, s)| Ok(decide(ctx, s, r)),
    )
}

fn as_coder(ctx: &Ctx, s: &Loaded, _: &StudyInterviewRow) -> Option<policy::Basis> {
    policy::code_study(&ctx.actor, &s.target()).ok()
}

fn transcript_reader(ctx: &Ctx, s: &Loaded, r: &StudyInterviewRow) -> Option<policy::Basis> {
    policy::view_transcript(&ctx.actor, &s.target(), r.organisation_id.get()).ok()
}

fn consensus_settler(ctx: &Ctx, s: &Loaded, _: &StudyInterviewRow) -> Option<policy::Basis> {
    policy::settle_consensus(&ctx.actor, &s.target()).ok()
}

/// The codes that can be applied: in the study and not retired.
fn live_codes(conn: &mut DbConnection, study: StudyId) -> Result<Vec<InterviewCodeRow>, StoreError> {
    Ok(sq::codes_of(conn, study)?.into_iter().filter(|c| !c.retired).collect())
}

fn check_codes(codes: &[CodeId], live: &[InterviewCodeRow]) -> Result<Vec<CodeId>, AppError> {
    let mut out: Vec<CodeId> = Vec::new();
    for c in codes {
        if !live.iter().any(|l| l.id == *c) {
            return Err(bad("codes", "err-choice"));
        }
        if !out.contains(c) {
            out.push(*c);
        }
    }
    Ok(out)
}

/// The coding page of one interview for its coder: the transcript, the codes, and the coder's
/// own codings only (blind to the others').
pub async fn coding_page(app: &App, ctx: &Ctx, id: StudyInterviewId) -> AppResult<CodingView> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| {
            let now = app2.now();
            let ((r, s), basis) = guarded_interview(tx, &ctx, now, AuditAction::Read, id, &as_coder)?;
            let interview = interview_view(tx.conn(), &ctx, &s, &r)?;
            let codes = tree(&sq::codes_of(tx.conn(), s.id())?).into_iter().filter(|c| !c.retired).collect();
            let me = ctx.actor.user;
            let rows: Vec<CodingRow> = sq::codings_of(tx.conn(), &[id])?
                .into_iter()
                .filter(|c| *c.kind == CodingKind::Coder && c.coder_user_id.get() == Some(me))
                .collect();
            let mut mine: Vec<SegmentCoding> = Vec::new();
            for seg in &interview.segments {
                let of: Vec<&CodingRow> = rows.iter().filter(|c| c.segment_id == seg.id).collect();
                if of.is_empty() {
                    continue;
                }
                let first = of[0];
                let passage = (to_usize(first.start_char), to_usize(first.end_char));
                mine.push(SegmentCoding {
                    segment: seg.id,
                    codes: of.iter().map(|c| c.code_id.get()).collect(),
                    memo: first.memo.clone(),
                    passage: (passage != (seg.start, seg.end)).then_some(passage),
                });
            }
            let done = interview.summary.done_by_me;
            tx.audit(ctx.ok_as(
                now,
                AuditAction::Read,
                INTERVIEW,
                Some(id.to_string()),
                Some(r.organisation_id.to_string()),
                basis,
                "coding",
            ));
            Ok(CodingView { interview, codes, mine, done })
        })
        .await
}

/// Replaces the actor's codes on one segment (an empty list removes them), with an optional
/// memo and passage inside the segment (default: the whole segment). Refused once the actor
/// has marked the interview done.
pub async fn set_segment_codes(
    app: &App,
    ctx: &Ctx,
    segment: SegmentId,
    codes: Vec<CodeId>,
    memo: Option<String>,
    passage: Option<(usize, usize)>,
) -> AppResult<()> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| {
            let now = app2.now();
            let ((g, r, s), basis) = guarded_segment(tx, &ctx, now, segment, &as_coder)?;
            if *r.status != InterviewStatus::Active {
                return Err(bad("codes", "err-interview-withdrawn"));
            }
            let me = ctx.actor.user;
            if sq::done_of(tx.conn(), &[r.id.get()])?.iter().any(|d| d.coder_user_id == me) {
                return Err(bad("codes", "err-coding-done"));
            }
            let live = live_codes(tx.conn(), s.id())?;
            let codes = check_codes(&codes, &live)?;
            let (seg_start, seg_end) = (to_usize(g.start_char), to_usize(g.end_char));
            let (start, end) = passage.unwrap_or((seg_start, seg_end));
            if !passage_within((start, end), seg_start, seg_end) {
                return Err(bad("start", "err-passage"));
            }
            let memo = memo.map(|m| m.trim().to_owned()).filter(|m| !m.is_empty());
            let rows: Vec<CodingRow> = codes
                .iter()
                .map(|c| CodingRow {
                    id: Stored(app2.next_id()),
                    interview_id: r.id,
                    segment_id: Stored(segment),
                    code_id: Stored(*c),
                    kind: Stored(CodingKind::Coder),
                    coder_user_id: Some(Stored(me)),
                    start_char: to_i64(start),
                    end_char: to_i64(end),
                    memo: memo.clone(),
                    created_at: now.micros(),
                })
                .collect();
            sq::replace_segment_codings(tx.conn(), segment, CodingKind::Coder, Some(me), &rows)?;
            tx.audit(ctx.ok_as(
                now,
                AuditAction::Update,
                INTERVIEW,
                Some(r.id.to_string()),
                Some(r.organisation_id.to_string()),
                basis,
                "coded",
            ));
            Ok(())
        })
        .await
}

/// Marks an interview done by the actor (their codings are then fixed), or takes the mark back
/// while not every coder is done (after that the coders have seen each other's codings).
pub async fn mark_done(app: &App, ctx: &Ctx, id: StudyInterviewId, done: bool) -> AppResult<()> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| {
            let now = app2.now();
            let ((r, s), basis) = guarded_interview(tx, &ctx, now, AuditAction::Update, id, &as_coder)?;
            if *r.status != InterviewStatus::Active {
                return Err(bad("done", "err-interview-withdrawn"));
            }
            let marks = sq::done_of(tx.conn(), &[id])?;
            if !done && all_done(&s.coders, &marks, id) {
                return Err(bad("done", "err-coding-compared"));
            }
            sq::set_done(tx.conn(), id, ctx.actor.user, done, now.micros())?;
            let purpose = format!("{};{}", basis.describe(), if done { "done" } else { "not_done" });
            tx.audit(ctx.event(
                now,
                AuditAction::Update,
                INTERVIEW,
                Some(id.to_string()),
                Some(r.organisation_id.to_string()),
                purpose,
                AuditOutcome::Ok,
            ));
            Ok(())
        })
        .await
}

/// The agreement of `coders` over the given interviews' segments and coder codings, per code
/// (in the order of `codes`) and overall.
fn agreement_of(
    coders: &[(UserId, String)],
    segments: &[InterviewSegmentRow],
    codings: &[CodingRow],
    codes: &[CodeView],
    interviews: usize,
) -> AgreementView {
    let mut table = CodingTable::new(
        coders.iter().map(|(_, n)| n.clone()).collect(),
        segments.iter().map(|g| g.id.to_string()).collect(),
        codes.iter().map(|c| c.id.to_string()).collect(),
    );
    for k in codings.iter().filter(|k| *k.kind == CodingKind::Coder) {
        let (Some(s), Some(c), Some(code)) = (
            segments.iter().position(|g| g.id == k.segment_id.get()),
            coders.iter().position(|(u, _)| Some(*u) == k.coder_user_id.get()),
            codes.iter().position(|c| c.id == k.code_id.get()),
        ) else {
            continue;
        };
        table.apply(s, c, code);
    }
    let report = compute_agreement(&table);
    AgreementView {
        coders: report.coders.clone(),
        interviews,
        segments: report.n_segments,
        per_code: report
            .codes
            .iter()
            .zip(codes)
            .map(|(a, c)| CodeAgreement {
                code: c.id,
                name: c.name.clone(),
                n_segments: a.n_segments,
                percent_agreement: a.percent_agreement,
                cohen_kappa: a.cohen_kappa,
                krippendorff_alpha: a.krippendorff_alpha,
            })
            .collect(),
        overall_alpha: report.overall_alpha,
    }
}

/// The codes agreement is reported for: every code not retired, and any retired code that was applied.
fn agreement_codes(all: &[InterviewCodeRow], codings: &[CodingRow]) -> Vec<CodeView> {
    let applied: BTreeSet<CodeId> = codings.iter().map(|k| k.code_id.get()).collect();
    tree(all).into_iter().filter(|c| !c.retired || applied.contains(&c.id)).collect()
}

/// Every coder's codings of one interview side by side, with the consensus and the agreement
/// over this interview: once every coder is done, for the coders and the administrators of the
/// interview's organisation.
pub async fn comparison(app: &App, ctx: &Ctx, id: StudyInterviewId) -> AppResult<ComparisonView> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| {
            let now = app2.now();
            let ((r, s), basis) = guarded_interview(tx, &ctx, now, AuditAction::Read, id, &transcript_reader)?;
            let marks = sq::done_of(tx.conn(), &[id])?;
            if *r.status != InterviewStatus::Active || !all_done(&s.coders, &marks, id) {
                return Err(bad("interview", "err-coding-not-done"));
            }
            let interview = interview_view(tx.conn(), &ctx, &s, &r)?;
            let coders = named(tx.conn(), &s.coders)?;
            let all_codes = sq::codes_of(tx.conn(), s.id())?;
            let codings = sq::codings_of(tx.conn(), &[id])?;
            let segments = sq::segments_of(tx.conn(), id)?;
            let codes = agreement_codes(&all_codes, &codings);
            let text = r.transcript.clone().unwrap_or_default();
            let rows = segments
                .iter()
                .map(|g| {
                    let of = |coder: Option<UserId>, kind: CodingKind| -> Vec<CodeId> {
                        let mut v: Vec<CodeId> = codings
                            .iter()
                            .filter(|k| k.segment_id == g.id.get() && *k.kind == kind && k.coder_user_id.get() == coder)
                            .map(|k| k.code_id.get())
                            .collect();
                        v.sort();
                        v.dedup();
                        v
                    };
                    let by_coder: Vec<Vec<CodeId>> = coders.iter().map(|(u, _)| of(Some(*u), CodingKind::Coder)).collect();
                    let agreed = by_coder.windows(2).all(|w| w[0] == w[1]);
                    ComparisonRow { segment: segment_view(&text, g), consensus: of(None, CodingKind::Consensus), by_coder, agreed }
                })
                .collect();
            let agreement = agreement_of(&coders, &segments, &codings, &codes, 1);
            let view = ComparisonView {
                interview,
                coders,
                rows,
                codes,
                agreement,
                can_settle: policy::settle_consensus(&ctx.actor, &s.target()).is_ok(),
            };
            tx.audit(ctx.ok_as(
                now,
                AuditAction::Read,
                INTERVIEW,
                Some(id.to_string()),
                Some(r.organisation_id.to_string()),
                basis,
                "comparison",
            ));
            Ok(view)
        })
        .await
}

/// Settles the consensus codes of one segment (replacing an earlier consensus), once every
/// coder is done with the interview: a coder of the study or an administrator of its owner.
pub async fn settle_consensus(app: &App, ctx: &Ctx, segment: SegmentId, codes: Vec<CodeId>) -> AppResult<()> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| {
            let now = app2.now();
            let ((g, r, s), basis) = guarded_segment(tx, &ctx, now, segment, &consensus_settler)?;
            let marks = sq::done_of(tx.conn(), &[r.id.get()])?;
            if *r.status != InterviewStatus::Active || !all_done(&s.coders, &marks, r.id.get()) {
                return Err(bad("interview", "err-coding-not-done"));
            }
            let live = live_codes(tx.conn(), s.id())?;
            let codes = check_codes(&codes, &live)?;
            let rows: Vec<CodingRow> = codes
                .iter()
                .map(|c| CodingRow {
                    id: Stored(app2.next_id()),
                    interview_id: r.id,
                    segment_id: Stored(segment),
                    code_id: Stored(*c),
                    kind: Stored(CodingKind::Consensus),
                    coder_user_id: None,
                    start_char: g.start_char,
                    end_char: g.end_char,
                    memo: None,
                    created_at: now.micros(),
                })
                .collect();
            sq::replace_segment_codings(tx.conn(), segment, CodingKind::Consensus, None, &rows)?;
            tx.audit(ctx.ok_as(
                now,
                AuditAction::Update,
                INTERVIEW,
                Some(r.id.to_string()),
                Some(r.organisation_id.to_string()),
                basis,
                "consensus",
            ));
            Ok(())
        })
        .await
}

/// The agreement of the study's coders over the segments of the interviews every coder has
/// marked done: per code (percent agreement, Cohen's kappa for two coders, Krippendorff's
/// alpha) and overall. For every reader of the study's analysis.
pub async fn agreement(app: &App, ctx: &Ctx, study: StudyId) -> AppResult<AgreementView> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| {
            let now = app2.now();
            let (s, basis) = guard_study(tx, &ctx, now, AuditAction::Read, study, |s| policy::view_study(&ctx.actor, &s.target()))?;
            let (done_ids, segments, codings) = done_interviews(tx.conn(), &s)?;
            let coders = named(tx.conn(), &s.coders)?;
            let codes = agreement_codes(&sq::codes_of(tx.conn(), study)?, &codings);
            let view = agreement_of(&coders, &segments, &codings, &codes, done_ids.len());
            tx.audit(ctx.ok_as(now, AuditAction::Read, STUDY, Some(study.to_string()), Some(s.owner().to_string()), basis, "agreement"));
            Ok(view)
        })
        .await
}

/// The active interviews every coder has marked done, with their segments and codings.
#[allow(clippy::type_complexity)]
fn done_interviews(
    conn: &mut DbConnection,
    s: &Loaded,
) -> Result<(Vec<StudyInterviewRow>, Vec<InterviewSegmentRow>, Vec<CodingRow>), StoreError> {
    let rows = sq::interviews_of(conn, s.id())?;
    let ids: Vec<StudyInterviewId> = rows.iter().map(|r| r.id.get()).collect();
    let marks = sq::done_of(conn, &ids)?;
    let done: Vec<StudyInterviewRow> =
        rows.into_iter().filter(|r| *r.status == InterviewStatus::Active && all_done(&s.coders, &marks, r.id.get())).collect();
    let done_ids: Vec<StudyInterviewId> = done.iter().map(|r| r.id.get()).collect();
    let segments = sq::segments_of_many(conn, &done_ids)?;
    let codings = sq::codings_of(conn, &done_ids)?;
    Ok((done, segments, codings))
}

/// Clears a passage coded with `code` for publication, or takes it back: the study's managers.
#[allow(clippy::too_many_arguments)]
pub async fn set_quote_cleared(
    app: &App,
    ctx: &Ctx,
    id: StudyInterviewId,
    code: CodeId,
    start: usize,
    end: usize,
    cleared: bool,
) -> AppResult<()> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| {
            let now = app2.now();
            let manager = |ctx: &Ctx, s: &Loaded, _: &StudyInterviewRow| policy::manage_study(&ctx.actor, &s.target()).ok();
            let ((r, s), basis) = guarded_interview(tx, &ctx, now, AuditAction::Update, id, &manager)?;
            let Some(text) = r.transcript.as_deref().filter(|_| *r.status == InterviewStatus::Active) else {
                return Err(bad("interview", "err-interview-withdrawn"));
            };
            if sq::code(tx.conn(), code)?.is_none_or(|c| c.study_id != s.id()) {
                return Err(bad("code", "err-choice"));
            }
            if start >= end || end > text.chars().count() {
                return Err(bad("start", "err-passage"));
            }
            sq::delete_quote(tx.conn(), id, code, to_i64(start), to_i64(end))?;
            if cleared {
                sq::insert_quote(
                    tx.conn(),
                    &QuoteRow {
                        id: Stored(app2.next_id()),
                        study_id: Stored(s.id()),
                        interview_id: Stored(id),
                        code_id: Stored(code),
                        start_char: to_i64(start),
                        end_char: to_i64(end),
                        cleared_by: Stored(ctx.actor.user),
                        cleared_at: now.micros(),
                    },
                )?;
            }
            let purpose = format!("{};{}", basis.describe(), if cleared { "quote_cleared" } else { "quote_withdrawn" });
            tx.audit(ctx.event(
                now,
                AuditAction::Update,
                INTERVIEW,
                Some(id.to_string()),
                Some(r.organisation_id.to_string()),
                purpose,
                AuditOutcome::Ok,
            ));
            Ok(())
        })
        .await
}

/// The passages a study can quote, pseudonymised: of the interviews every coder has done, the
/// consensus codings where a consensus was settled, otherwise the coders' codings (one entry
/// per interview, code and passage), and every cleared quote, marked. For every reader of the
/// study's analysis (never the transcript itself).
pub async fn quotes(app: &App, ctx: &Ctx, study: StudyId) -> AppResult<Vec<QuoteView>> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| {
            let now = app2.now();
            let (s, basis) = guard_study(tx, &ctx, now, AuditAction::Read, study, |s| policy::view_study(&ctx.actor, &s.target()))?;
            let (done, _, codings) = done_interviews(tx.conn(), &s)?;
            let cleared = sq::quotes_of(tx.conn(), study)?;
            let codes = sq::codes_of(tx.conn(), study)?;
            let mut keys: Vec<(StudyInterviewId, CodeId, i64, i64)> = Vec::new();
            for r in &done {
                let of: Vec<&CodingRow> = codings.iter().filter(|k| k.interview_id == r.id.get()).collect();
                let consensus = of.iter().any(|k| *k.kind == CodingKind::Consensus);
                for k in of.iter().filter(|k| (*k.kind == CodingKind::Consensus) == consensus) {
                    let key = (r.id.get(), k.code_id.get(), k.start_char, k.end_char);
                    if !keys.contains(&key) {
                        keys.push(key);
                    }
                }
            }
            for q in &cleared {
                let key = (q.interview_id.get(), q.code_id.get(), q.start_char, q.end_char);
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
            let all = sq::interviews_of(tx.conn(), study)?;
            let mut out = Vec::new();
            for (iid, code, start, end) in keys {
                let Some(r) = all.iter().find(|r| r.id == iid) else { continue };
                let Some(text) = r.transcript.as_deref() else { continue };
                let q = cleared.iter().find(|q| q.interview_id == iid && q.code_id == code && q.start_char == start && q.end_char == end);
                out.push(QuoteView {
                    id: q.map(|q| q.id.get()),
                    interview: iid,
                    interview_pseudonym: r.pseudonym.clone(),
                    kind: *r.kind,
                    code,
                    code_name: codes.iter().find(|c| c.id == code).map(|c| c.name.clone()).unwrap_or_default(),
                    start: to_usize(start),
                    end: to_usize(end),
                    text: sammen_qualitative::segment::slice(text, to_usize(start), to_usize(end)).to_owned(),
                    cleared: q.is_some(),
                });
            }
            tx.audit(ctx.ok_as(now, AuditAction::Read, STUDY, Some(study.to_string()), Some(s.owner().to_string()), basis, "quotes"));
            Ok(out)
        })
        .await
}
