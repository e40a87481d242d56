//! Interviews: recorded with their consent, the transcript read, pseudonymised and segmented on
//! entry; read by coders and administrators only; withdrawn with everything made of them.

use sammen_domain::audit::{AuditAction, AuditOutcome};
use sammen_domain::measurement::qualitative::{
    InterviewInput, InterviewStatus, IntervieweeKind, TranscriptInput, TranscriptSource, placeholder, pseudonym,
};
use sammen_domain::policy;
use sammen_domain::{StudyId, StudyInterviewId};
use sammen_qualitative::pseudonym::{Name, pseudonymise};
use sammen_qualitative::segment::segments;
use sammen_qualitative::transcript::{self, TranscriptKind};
use sammen_store::rows::{InterviewSegmentRow, StudyInterviewRow};
use sammen_store::{Stored, Unstore, measurement::qualitative as sq, stored};
use time::Date;

use super::studies::may_add_interviews;
use super::{INTERVIEW, InterviewView, IntervieweeChoices, STUDY, bad, guard_study, interview_view, load_study, org_name, to_i64};
use crate::{App, AppError, AppResult, Ctx, Subject, guarded};

/// Whom the active organisation's interviews can be of, and who can have interviewed: for a
/// recorder of the study. Participants are listed by pseudonym (with their name only for the
/// organisation's administrators); a programme study lists that programme's participants.
pub async fn interviewee_choices(app: &App, ctx: &Ctx, study: StudyId) -> AppResult<IntervieweeChoices> {
    let org = ctx.org()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| {
            let now = app2.now();
            let (s, basis) =
                guard_study(tx, &ctx, now, AuditAction::Read, study, |s| policy::record_interview(&ctx.actor, &s.target(), org))?;
            let programme = if org == s.owner() { s.row.programme_id.get() } else { None };
            let names = policy::sees_interviewee(&ctx.actor, org);
            let participants = sq::participant_choices(tx.conn(), org, programme)?
                .into_iter()
                .map(|(id, pseudonym, name)| {
                    let label = match name.filter(|_| names) {
                        Some(n) => format!("{pseudonym} ({n})"),
                        None => pseudonym,
                    };
                    (id, label)
                })
                .collect();
            let peers = sq::peer_choices(tx.conn(), org)?;
            let mut interviewers = Vec::new();
            for (u, name, _) in sq::members_of(tx.conn(), &[org])? {
                if !interviewers.iter().any(|(k, _): &(sammen_domain::UserId, String)| *k == u) {
                    interviewers.push((u, name));
                }
            }
            let purpose = format!("{};interviewee_choices", basis.describe());
            tx.audit(ctx.event(now, AuditAction::Read, STUDY, Some(study.to_string()), Some(org.to_string()), purpose, AuditOutcome::Ok));
            Ok(IntervieweeChoices { participants, peers, interviewers })
        })
        .await
}

/// Records an interview of the active organisation. The transcript is read (a file is
/// recognised by its content), pseudonymised (the names listed, the participant's names,
/// their peer's, the peer interviewed, the organisation's) and cut into segments; the original
/// is kept only when the study keeps originals and the consent allows it.
pub async fn add_interview(app: &App, ctx: &Ctx, study: StudyId, input: InterviewInput) -> AppResult<StudyInterviewId> {
    ctx.require_write()?;
    let org = ctx.org()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    let id: StudyInterviewId = app.next_id();
    app.db
        .write(move |tx| {
            let now = app2.now();
            let (s, basis) =
                guard_study(tx, &ctx, now, AuditAction::Create, study, |s| policy::record_interview(&ctx.actor, &s.target(), org))?;
            if !may_add_interviews(tx.conn(), &s, org, now)? {
                return Err(ctx.refuse(tx, now, AuditAction::Create, Subject::record(&ctx, STUDY, study), AppError::Forbidden));
            }
            let mut names: Vec<Name> = input.names.iter().map(|n| Name::new(n.clone(), placeholder::NAME)).collect();
            if let Some(p) = input.participant {
                let Some((p_org, _, name, peer)) = sq::participant_names(tx.conn(), p)?.filter(|(o, ..)| *o == org) else {
                    return Err(bad("participant", "err-choice"));
                };
                debug_assert_eq!(p_org, org);
                names.extend(name.map(|n| Name::new(n, placeholder::PARTICIPANT)));
                names.extend(peer.map(|n| Name::new(n, placeholder::PEER)));
            }
            if let Some(p) = input.peer_worker {
                let Some((_, name)) = sq::peer_name(tx.conn(), p)?.filter(|(o, _)| *o == org) else {
                    return Err(bad("peer_worker", "err-choice"));
                };
                names.push(Name::new(name, placeholder::PEER));
            }
            let interviewer_orgs = sq::orgs_of_user(tx.conn(), input.interviewer)?;
            if !policy::may_be_coder(&interviewer_orgs, &s.target()) {
                return Err(bad("interviewer", "err-choice"));
            }
            names.push(Name::new(org_name(tx.conn(), org)?, placeholder::ORGANISATION));
            let (source, text) = match &input.transcript {
                TranscriptInput::Typed(t) => (TranscriptSource::Typed, transcript::normalise(t)),
                TranscriptInput::File(bytes) => match transcript::read(bytes) {
                    Ok((kind, text)) => (
                        match kind {
                            TranscriptKind::Text => TranscriptSource::Txt,
                            TranscriptKind::Docx => TranscriptSource::Docx,
                            TranscriptKind::Odt => TranscriptSource::Odt,
                        },
                        text,
                    ),
                    Err(e) => return Err(bad("transcript", e.code())),
                },
            };
            let (pseudonymised, replaced) = pseudonymise(&text, &names);
            let segs = segments(&pseudonymised);
            if segs.is_empty() {
                return Err(bad("transcript", "err-transcript-empty"));
            }
            let n = sq::count_of_kind(tx.conn(), study, input.kind)?;
            let keep = s.row.keep_original && input.consent_original;
            let row = StudyInterviewRow {
                id: Stored(id),
                study_id: Stored(study),
                organisation_id: Stored(org),
                pseudonym: pseudonym(input.kind, super::to_usize(n) + 1),
                kind: Stored(input.kind),
                participant_id: stored(input.participant.filter(|_| input.kind == IntervieweeKind::Participant)),
                peer_worker_id: stored(input.peer_worker.filter(|_| input.kind == IntervieweeKind::PeerWorker)),
                interviewed_on: Stored(input.interviewed_on),
                interviewer_user_id: Stored(input.interviewer),
                consent_given_on: Stored(input.consent_given_on),
                consent_method: Stored(input.consent_method),
                consent_original: input.consent_original,
                consent_withdrawn_on: None,
                status: Stored(InterviewStatus::Active),
                source: Stored(source),
                transcript: Some(pseudonymised),
                original: keep.then_some(text),
                replaced: to_i64(replaced),
                created_at: now.micros(),
                created_by: Stored(ctx.actor.user),
            };
            let seg_rows: Vec<InterviewSegmentRow> = segs
                .iter()
                .enumerate()
                .map(|(i, g)| InterviewSegmentRow {
                    id: Stored(app2.next_id()),
                    interview_id: Stored(id),
                    position: to_i64(i),
                    speaker: g.speaker.clone(),
                    start_char: to_i64(g.start),
                    end_char: to_i64(g.end),
                })
                .collect();
            sq::insert_interview(tx.conn(), &row, &seg_rows)?;
            tx.audit(ctx.ok(now, AuditAction::Create, INTERVIEW, Some(id.to_string()), Some(org.to_string()), basis));
            Ok(id)
        })
        .await
}

/// An interview with its transcript and segments: for the study's coders and the
/// administrators of the interview's organisation. Every read is audited.
pub async fn interview(app: &App, ctx: &Ctx, id: StudyInterviewId) -> AppResult<InterviewView> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| {
            let now = app2.now();
            let ((r, s), basis) = guarded(
                tx,
                &ctx,
                now,
                AuditAction::Read,
                Subject::record(&ctx, INTERVIEW, id),
                |c| {
                    let Some(r) = sq::interview(c, id)? else { return Ok(None) };
                    Ok(load_study(c, r.study_id.get())?.map(|s| (r, s)))
                },
                |_, (r, s)| Ok(policy::view_transcript(&ctx.actor, &s.target(), r.organisation_id.get()).ok()),
            )?;
            let view = interview_view(tx.conn(), &ctx, &s, &r)?;
            tx.audit(ctx.ok(now, AuditAction::Read, INTERVIEW, Some(id.to_string()), Some(r.organisation_id.to_string()), basis));
            Ok(view)
        })
        .await
}

/// Records that the interviewee withdrew their consent on `on`: the transcript, the original,
/// the segments, every coding, quote and done mark are deleted in one write; the interview
/// stays listed as withdrawn.
pub async fn withdraw_consent(app: &App, ctx: &Ctx, id: StudyInterviewId, on: Date) -> AppResult<()> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| {
            let now = app2.now();
            let ((r, _s), basis) = guarded(
                tx,
                &ctx,
                now,
                AuditAction::Delete,
                Subject::record(&ctx, INTERVIEW, id),
                |c| {
                    let Some(r) = sq::interview(c, id)? else { return Ok(None) };
                    Ok(load_study(c, r.study_id.get())?.map(|s| (r, s)))
                },
                |_, (r, s)| Ok(policy::view_transcript(&ctx.actor, &s.target(), r.organisation_id.get()).ok()),
            )?;
            if *r.status == InterviewStatus::Withdrawn {
                return Err(bad("on", "err-interview-withdrawn"));
            }
            if on < *r.consent_given_on {
                return Err(bad("on", "err-withdrawn-before-consent"));
            }
            sq::withdraw(tx.conn(), id, on)?;
            tx.audit(ctx.ok_as(
                now,
                AuditAction::Delete,
                INTERVIEW,
                Some(id.to_string()),
                Some(r.organisation_id.to_string()),
                basis,
                "consent_withdrawn",
            ));
            Ok(())
        })
        .await
}
