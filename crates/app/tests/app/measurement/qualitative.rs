//! Interview studies: a study with its coders, interviews pseudonymised on entry, blind coding,
//! the comparison, consensus and agreement, the codebook's changes, quotes, withdrawal of
//! consent, and who may see what (transcripts only for coders and administrators; nothing for
//! other organisations or parties that have not joined), with the audit records it leaves.

use sammen_app::measurement::qualitative as q;
use sammen_app::people as app_people;
use sammen_app::{AppError, Ctx, directory};
use sammen_domain::audit::{AuditAction, AuditOutcome};
use sammen_domain::directory::ProgrammeInput;
use sammen_domain::measurement::qualitative::{
    CodeChangeKind, CodeInput, InterviewInput, InterviewStatus, IntervieweeKind, StudyInput, TranscriptInput, seed_codebook,
};
use sammen_domain::people::{PeerWorkerInput, Role};
use sammen_domain::{CodeId, OrgId, ParticipantId, StudyId, UserId};
use sammen_store::audit::AuditFilter;

use crate::harness::*;

const TRANSCRIPT: &str = "I: Hej Anne, hvordan har det været at have en peer?\n\
D: Pia har hjulpet mig meget. Jeg har fået et job, og Målby Kommune har været gode.\n\
I: Hvad med din søster Karen?\n\
D: Karen og jeg ses igen hver uge.";

struct Setup {
    org: OrgId,
    admin: Ctx,
    evaluator: Ctx,
    coordinator: Ctx,
    coder1: Ctx,
    coder1_id: UserId,
    coder2: Ctx,
    coder2_id: UserId,
    /// A peer worker of the organisation who is no coder.
    peer: Ctx,
    participant: ParticipantId,
    study: StudyId,
}

fn study_input(name: &str, scope_kind: &str, scope_id: Option<String>, keep_original: bool) -> StudyInput {
    let guide = vec![("Hvordan har du oplevet støtten?".to_owned(), "How did you experience the support?".to_owned())];
    StudyInput::parse(
        name,
        "Hvad betød peer-støtten for deltagerne?",
        "Alle der afsluttede i 2026",
        scope_kind,
        scope_id.as_deref(),
        keep_original,
        &guide,
    )
    .unwrap()
}

fn interview_input(kind: &str, participant: Option<ParticipantId>, interviewer: UserId, names: &str, t: TranscriptInput) -> InterviewInput {
    let p = participant.map(|p| p.to_string());
    InterviewInput::parse(kind, p.as_deref(), None, "2026-03-01", &interviewer.to_string(), "2026-02-27", "written", true, names, t)
        .unwrap()
}

async fn setup(env: &Env) -> Setup {
    let org = env.org("Målby Kommune", false).await;
    let admin_id = env.staff(org, "admin@maalby.test", Role::Administrator).await;
    let admin = env.ctx(admin_id, org).await;
    let coordinator = env.staff(org, "koordinator@maalby.test", Role::Coordinator).await;
    let coordinator = env.ctx(coordinator, org).await;
    let evaluator = env.staff(org, "evaluator@maalby.test", Role::Evaluator).await;
    let evaluator = env.ctx(evaluator, org).await;
    let coder1_id = env.staff(org, "koder1@maalby.test", Role::PeerWorker).await;
    let coder1 = env.ctx(coder1_id, org).await;
    let coder2_id = env.staff(org, "koder2@maalby.test", Role::Supervisor).await;
    let coder2 = env.ctx(coder2_id, org).await;
    let peer_user = env.staff(org, "peer@maalby.test", Role::PeerWorker).await;
    let peer = env.ctx(peer_user, org).await;

    let programme = ProgrammeInput::parse("Peerstøtte Målby", None, &["individual".into()], &["phone".into()], "", true).unwrap();
    let programme = directory::save_programme(&env.app, &coordinator, None, programme).await.unwrap().id;
    let pia = PeerWorkerInput::parse("Pia Poulsen", Some("pia@maalby.test"), None, "volunteer", "active", "da", &["phone".into()]).unwrap();
    let pia = app_people::save_peer(&env.app, &coordinator, None, pia).await.unwrap().id;
    let participant = app_people::create_participant(&env.app, &coordinator, participant_input("Anne Holm", Some(programme)), Some(pia))
        .await
        .unwrap()
        .id;

    let study = q::create_study(&env.app, &evaluator, study_input("Interviews 2026", "programme", Some(programme.to_string()), false))
        .await
        .unwrap();
    q::add_coder(&env.app, &evaluator, study, coder1_id).await.unwrap();
    q::add_coder(&env.app, &evaluator, study, coder2_id).await.unwrap();
    Setup { org, admin, evaluator, coordinator, coder1, coder1_id, coder2, coder2_id, peer, participant, study }
}

fn code_by_name(codes: &[q::CodeView], name: &str) -> CodeId {
    codes.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("code {name}")).id
}

async fn audit_of(env: &Env, subject: impl ToString) -> Vec<(AuditAction, AuditOutcome, String, Option<String>)> {
    env.audit_records(AuditFilter { subject: Some(subject.to_string()), ..Default::default() })
        .await
        .into_iter()
        .map(|r| (r.event.action, r.event.outcome, r.event.purpose, r.event.actor))
        .collect()
}

fn not_found<T: std::fmt::Debug>(r: Result<T, AppError>) -> bool {
    matches!(r, Err(AppError::NotFound))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_coders_code_blind_compare_settle_and_agree() {
    on_every_backend("interview study journey", |env| async move {
        let b = env.backend;
        let s = setup(&env).await;
        let app = &env.app;

        // The study with its seeded codebook and coders.
        let view = q::study(app, &s.evaluator, s.study).await.unwrap();
        assert_eq!((view.summary.coders, view.guide.len(), view.can_manage, view.is_coder), (2, 1, true, false), "{b}");
        let codes = q::codebook(app, &s.evaluator, s.study).await.unwrap();
        assert_eq!(codes.len(), seed_codebook().len(), "{b}");
        let peer_code = code_by_name(&codes, "Forbundethed til peer");
        let job = code_by_name(&codes, "Job");
        assert_eq!(codes.iter().find(|c| c.id == job).unwrap().depth, 1, "{b}");
        let again = q::codebook(app, &s.evaluator, s.study).await.unwrap();
        assert_eq!(codes.iter().map(|c| &c.guid).collect::<Vec<_>>(), again.iter().map(|c| &c.guid).collect::<Vec<_>>(), "{b}");

        // A coder records an interview: the names are replaced, no original is kept.
        let choices = q::interviewee_choices(app, &s.coder1, s.study).await.unwrap();
        assert_eq!(choices.participants.len(), 1, "{b}");
        assert!(!choices.participants[0].1.contains("Anne"), "{b}: a coder sees the pseudonym only");
        let input = interview_input("participant", Some(s.participant), s.coder1_id, "Karen", TranscriptInput::Typed(TRANSCRIPT.into()));
        let i1 = q::add_interview(app, &s.coder1, s.study, input).await.unwrap();
        let v = q::interview(app, &s.coder1, i1).await.unwrap();
        let text = v.transcript.clone().unwrap();
        for name in ["Anne", "Pia", "Karen", "Målby"] {
            assert!(!text.contains(name), "{b}: {name} is replaced in {text}");
        }
        for placeholder in ["[deltager]", "[peer]", "[navn]", "[organisation]"] {
            assert!(text.contains(placeholder), "{b}: {placeholder} in {text}");
        }
        assert!(v.replaced >= 5, "{b}: {}", v.replaced);
        assert_eq!(
            (v.summary.pseudonym.as_str(), v.summary.kind, v.original_kept, v.person.as_deref()),
            ("D1", IntervieweeKind::Participant, false, None),
            "{b}"
        );
        assert_eq!(v.segments.len(), 4, "{b}: one segment per speaker turn");
        assert_eq!(v.segments[1].speaker.as_deref(), Some("D"), "{b}");
        // The organisation's administrator sees who it is.
        let as_admin = q::interview(app, &s.admin, i1).await.unwrap();
        assert!(as_admin.person.as_deref().is_some_and(|p| p.contains("Anne Holm")), "{b}");

        // A second interview uploaded as a file, of a relative; the study now keeps originals.
        q::edit_study(
            app,
            &s.evaluator,
            s.study,
            study_input("Interviews 2026", "programme", view.scope.programme().map(|p| p.to_string()), true),
        )
        .await
        .unwrap();
        let file = "Jeg er mor til Anne.\n\nHun har det bedre nu.".as_bytes().to_vec();
        let i2 =
            q::add_interview(app, &s.coder2, s.study, interview_input("relative", None, s.coder2_id, "Anne", TranscriptInput::File(file)))
                .await
                .unwrap();
        let v2 = q::interview(app, &s.coder2, i2).await.unwrap();
        assert_eq!((v2.summary.pseudonym.as_str(), v2.segments.len(), v2.original_kept), ("A1", 2, true), "{b}");
        assert!(!v2.transcript.unwrap().contains("Anne"), "{b}");
        // A file that is no transcript is refused.
        let e = err(q::add_interview(
            app,
            &s.coder2,
            s.study,
            interview_input("staff", None, s.coder2_id, "", TranscriptInput::File(b"%PDF-1.7\n1 0 obj\n".to_vec())),
        )
        .await);
        assert_field_error(&e, "transcript", "err-transcript-kind");

        // Blind coding: each coder sees only their own codes.
        let seg = v.segments[1].id;
        q::set_segment_codes(app, &s.coder1, seg, vec![peer_code, job], Some("Tydeligt".into()), None).await.unwrap();
        let passage = (v.segments[1].start + 3, v.segments[1].end);
        q::set_segment_codes(app, &s.coder2, seg, vec![peer_code], None, Some(passage)).await.unwrap();
        let page2 = q::coding_page(app, &s.coder2, i1).await.unwrap();
        assert_eq!(page2.mine.len(), 1, "{b}");
        assert_eq!(
            (page2.mine[0].codes.clone(), page2.mine[0].passage),
            (vec![peer_code], Some(passage)),
            "{b}: coder 2 sees only their own"
        );
        let page1 = q::coding_page(app, &s.coder1, i1).await.unwrap();
        assert_eq!((page1.mine[0].codes.len(), page1.mine[0].memo.as_deref()), (2, Some("Tydeligt")), "{b}");
        // A passage outside the segment is refused.
        let e = err(q::set_segment_codes(app, &s.coder1, seg, vec![job], None, Some((0, v.segments[1].end))).await);
        assert_field_error(&e, "start", "err-passage");

        // Nothing to compare until both are done; a coder who is done cannot change their codes.
        assert_field_error(&err(q::comparison(app, &s.coder1, i1).await), "interview", "err-coding-not-done");
        q::mark_done(app, &s.coder1, i1, true).await.unwrap();
        assert_field_error(&err(q::set_segment_codes(app, &s.coder1, seg, vec![], None, None).await), "codes", "err-coding-done");
        assert_field_error(&err(q::comparison(app, &s.coder2, i1).await), "interview", "err-coding-not-done");
        assert_eq!(q::agreement(app, &s.evaluator, s.study).await.unwrap().interviews, 0, "{b}");
        q::mark_done(app, &s.coder2, i1, true).await.unwrap();
        assert_field_error(&err(q::mark_done(app, &s.coder2, i1, false).await), "done", "err-coding-compared");

        // Side by side.
        let cmp = q::comparison(app, &s.coder1, i1).await.unwrap();
        assert_eq!(cmp.coders.iter().map(|(u, _)| *u).collect::<Vec<_>>(), [s.coder1_id, s.coder2_id], "{b}");
        let row = &cmp.rows[1];
        let mut both = vec![peer_code, job];
        both.sort();
        assert_eq!((row.by_coder[0].clone(), row.by_coder[1].clone(), row.agreed), (both.clone(), vec![peer_code], false), "{b}");
        assert!(cmp.rows[0].agreed && cmp.can_settle, "{b}");

        // Agreement over the four segments of the one interview both are done with.
        let a = q::agreement(app, &s.evaluator, s.study).await.unwrap();
        assert_eq!((a.interviews, a.segments, a.coders.len()), (1, 4, 2), "{b}");
        let of = |c: CodeId| a.per_code.iter().find(|x| x.code == c).unwrap().clone();
        let close = |x: Option<f64>, y: f64| x.is_some_and(|x| (x - y).abs() < 1e-9);
        let p = of(peer_code);
        assert!(close(p.percent_agreement, 1.0) && close(p.cohen_kappa, 1.0) && close(p.krippendorff_alpha, 1.0), "{b}: {p:?}");
        // Job: applied by coder 1 on one of four segments. Agreement 3/4; kappa (0.75 − 0.75)/(1 − 0.75) = 0;
        // alpha 1 − (8 − 1)·1/(7·1) = 0.
        let j = of(job);
        assert!(close(j.percent_agreement, 0.75) && close(j.cohen_kappa, 0.0) && close(j.krippendorff_alpha, 0.0), "{b}: {j:?}");
        assert_eq!(j.n_segments, 4, "{b}");

        // Consensus.
        q::settle_consensus(app, &s.coder2, seg, vec![peer_code, job]).await.unwrap();
        let cmp = q::comparison(app, &s.admin, i1).await.unwrap();
        assert_eq!(cmp.rows[1].consensus, both, "{b}");

        // The codebook changes, each kept with who made it: add, rename, merge (codings move), retire.
        let work = q::add_code(
            app,
            &s.evaluator,
            s.study,
            CodeInput::parse("Arbejdsliv", "Job, praktik og frivilligt arbejde", "", None).unwrap(),
        )
        .await
        .unwrap();
        env.clock.advance_seconds(1);
        q::edit_code(
            app,
            &s.coder1,
            work,
            CodeInput::parse("Arbejde", "Job, praktik og frivilligt arbejde", "Jeg fik et job", None).unwrap(),
        )
        .await
        .unwrap();
        env.clock.advance_seconds(1);
        q::merge_code(app, &s.evaluator, job, work).await.unwrap();
        let cmp = q::comparison(app, &s.coder1, i1).await.unwrap();
        assert!(cmp.rows[1].by_coder[0].contains(&work) && !cmp.rows[1].by_coder[0].contains(&job), "{b}: the coding moved");
        assert!(cmp.rows[1].consensus.contains(&work), "{b}: the consensus moved too");
        let codes = q::codebook(app, &s.evaluator, s.study).await.unwrap();
        let merged = codes.iter().find(|c| c.id == job).unwrap();
        assert_eq!((merged.retired, merged.merged_into), (true, Some(work)), "{b}");
        assert_field_error(&err(q::retire_code(app, &s.evaluator, job, false).await), "retired", "err-code-merged");
        let hope = code_by_name(&codes, "Håb og optimisme");
        env.clock.advance_seconds(1);
        q::retire_code(app, &s.evaluator, hope, true).await.unwrap();
        assert!(q::coding_page(app, &s.coder1, i1).await.unwrap().codes.iter().all(|c| c.id != hope), "{b}: a retired code is not offered");
        let history = q::code_history(app, &s.evaluator, s.study).await.unwrap();
        let kinds: Vec<CodeChangeKind> = history.iter().map(|h| h.kind).collect();
        assert_eq!(
            kinds,
            [CodeChangeKind::Retired, CodeChangeKind::Merged, CodeChangeKind::Edited, CodeChangeKind::Renamed, CodeChangeKind::Created],
            "{b}"
        );
        let renamed = &history[3];
        assert_eq!((renamed.old_value.as_deref(), renamed.new_value.as_deref()), (Some("Arbejdsliv"), Some("Arbejde")), "{b}");
        assert!(renamed.by.contains("koder1@maalby.test"), "{b}: {}", renamed.by);
        assert!(history[1].by.contains("evaluator@maalby.test"), "{b}");

        // Quotes: the consensus passages, pseudonymised; the study clears one.
        let quotes = q::quotes(app, &s.evaluator, s.study).await.unwrap();
        let quote = quotes.iter().find(|x| x.code == peer_code).unwrap().clone();
        assert!(quote.text.contains("[peer]") && !quote.text.contains("Pia") && !quote.cleared, "{b}: {}", quote.text);
        q::set_quote_cleared(app, &s.evaluator, i1, peer_code, quote.start, quote.end, true).await.unwrap();
        let quotes = q::quotes(app, &s.evaluator, s.study).await.unwrap();
        assert!(quotes.iter().any(|x| x.code == peer_code && x.cleared && x.id.is_some() && x.interview_pseudonym == "D1"), "{b}");
        assert!(
            q::set_quote_cleared(app, &s.coder1, i1, peer_code, quote.start, quote.end, false).await.is_err(),
            "{b}: coders do not clear"
        );

        // Withdrawal deletes the transcript, segments, codings, quotes and done marks.
        assert_field_error(
            &err(q::withdraw_consent(app, &s.admin, i1, time::macros::date!(2026 - 02 - 01)).await),
            "on",
            "err-withdrawn-before-consent",
        );
        q::withdraw_consent(app, &s.admin, i1, time::macros::date!(2026 - 03 - 02)).await.unwrap();
        let w = q::interview(app, &s.admin, i1).await.unwrap();
        assert_eq!(
            (w.summary.status, w.transcript.is_none(), w.segments.len(), w.consent_withdrawn_on.is_some()),
            (InterviewStatus::Withdrawn, true, 0, true),
            "{b}"
        );
        let (segments, codings, marks) = app
            .db
            .read(move |c| -> Result<_, sammen_store::StoreError> {
                use sammen_store::measurement::qualitative as sq;
                Ok((sq::segments_of(c, i1)?.len(), sq::codings_of(c, &[i1])?.len(), sq::done_of(c, &[i1])?.len()))
            })
            .await
            .unwrap();
        assert_eq!((segments, codings, marks), (0, 0, 0), "{b}");
        assert!(q::quotes(app, &s.evaluator, s.study).await.unwrap().is_empty(), "{b}");
        assert_eq!(q::agreement(app, &s.evaluator, s.study).await.unwrap().interviews, 0, "{b}");
        assert_field_error(&err(q::comparison(app, &s.coder1, i1).await), "interview", "err-coding-not-done");
        let listed = q::study(app, &s.evaluator, s.study).await.unwrap();
        assert_eq!(listed.summary.interviews, 1, "{b}: the withdrawn interview is not counted");
        assert!(listed.interviews.iter().any(|i| i.id == i1 && i.status == InterviewStatus::Withdrawn), "{b}: but still listed");

        // Every read of the transcript, and the withdrawal, left a record with the interview as subject.
        let records = audit_of(&env, i1).await;
        let coder1 = s.coder1_id.to_string();
        assert!(records.iter().any(|r| r.0 == AuditAction::Create && r.3.as_deref() == Some(coder1.as_str())), "{b}");
        assert!(records.iter().any(|r| r.0 == AuditAction::Read && r.2 == "study_coder" && r.3.as_deref() == Some(coder1.as_str())), "{b}");
        assert!(records.iter().any(|r| r.0 == AuditAction::Read && r.2.ends_with(";coding")), "{b}");
        assert!(records.iter().any(|r| r.0 == AuditAction::Read && r.2.ends_with(";comparison")), "{b}");
        assert!(records.iter().any(|r| r.0 == AuditAction::Delete && r.2.ends_with(";consent_withdrawn")), "{b}");
        assert!(matches!(env.verify_chain().await, sammen_app::access::audit::Verification::Intact { .. }), "{b}");

        // Deleting the participant's record deletes their interviews and everything coded in them.
        let input = interview_input("participant", Some(s.participant), s.coder1_id, "", TranscriptInput::Typed(TRANSCRIPT.into()));
        let i3 = q::add_interview(app, &s.coder1, s.study, input).await.unwrap();
        q::set_segment_codes(app, &s.coder1, q::interview(app, &s.coder1, i3).await.unwrap().segments[0].id, vec![peer_code], None, None)
            .await
            .unwrap();
        app_people::delete_participant(app, &s.coordinator, s.participant).await.unwrap();
        assert!(not_found(q::interview(app, &s.admin, i3).await), "{b}: the interview is gone");
        assert!(not_found(q::interview(app, &s.admin, i1).await), "{b}: the withdrawn one too");
        let (segments, codings) = app
            .db
            .read(move |c| -> Result<_, sammen_store::StoreError> {
                use sammen_store::measurement::qualitative as sq;
                Ok((sq::segments_of(c, i3)?.len(), sq::codings_of(c, &[i3])?.len()))
            })
            .await
            .unwrap();
        assert_eq!((segments, codings), (0, 0), "{b}");
        assert!(q::study(app, &s.evaluator, s.study).await.unwrap().interviews.iter().all(|i| i.id != i3), "{b}");
        let _ = (&s.org, &s.peer);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transcripts_stay_with_coders_and_administrators() {
    on_every_backend("interview study access", |env| async move {
        let b = env.backend;
        let s = setup(&env).await;
        let app = &env.app;
        let input = interview_input("participant", Some(s.participant), s.coder1_id, "", TranscriptInput::Typed(TRANSCRIPT.into()));
        let i1 = q::add_interview(app, &s.coder1, s.study, input).await.unwrap();
        let seg = q::interview(app, &s.coder1, i1).await.unwrap().segments[0].id;
        let code = q::codebook(app, &s.coder1, s.study).await.unwrap()[0].id;

        // The evaluator and the coordinator read the study and its analysis, never the transcript.
        for (who, ctx) in [("evaluator", &s.evaluator), ("coordinator", &s.coordinator)] {
            assert!(q::study(app, ctx, s.study).await.is_ok(), "{b}: {who} reads the study");
            assert!(q::agreement(app, ctx, s.study).await.is_ok(), "{b}: {who} reads the agreement");
            assert!(not_found(q::interview(app, ctx, i1).await), "{b}: {who} reads a transcript");
            assert!(not_found(q::coding_page(app, ctx, i1).await), "{b}: {who} opens the coding page");
        }
        // A peer worker who is no coder: nothing.
        assert!(not_found(q::study(app, &s.peer, s.study).await), "{b}");
        assert!(not_found(q::interview(app, &s.peer, i1).await), "{b}");
        assert!(not_found(q::set_segment_codes(app, &s.peer, seg, vec![code], None, None).await), "{b}");
        assert!(
            not_found(
                q::add_interview(
                    app,
                    &s.peer,
                    s.study,
                    interview_input("staff", None, s.coder1_id, "", TranscriptInput::Typed("x".into()))
                )
                .await
            ),
            "{b}"
        );
        // Only managers change coders; the evaluator cannot settle a consensus.
        assert!(not_found(q::add_coder(app, &s.coder1, s.study, s.coder1_id).await), "{b}");
        q::mark_done(app, &s.coder1, i1, true).await.unwrap();
        q::mark_done(app, &s.coder2, i1, true).await.unwrap();
        assert!(not_found(q::settle_consensus(app, &s.evaluator, seg, vec![code]).await), "{b}");
        assert!(q::settle_consensus(app, &s.admin, seg, vec![code]).await.is_ok(), "{b}: the owner's administrator can");

        // Another organisation sees nothing, not even that the study exists.
        let other = env.org("Andenby Kommune", false).await;
        let stranger = env.staff(other, "admin@andenby.test", Role::Administrator).await;
        let stranger = env.ctx(stranger, other).await;
        assert!(q::list_studies(app, &stranger).await.unwrap().is_empty(), "{b}");
        assert!(not_found(q::study(app, &stranger, s.study).await), "{b}");
        assert!(not_found(q::interview(app, &stranger, i1).await), "{b}");
        assert!(not_found(q::codebook(app, &stranger, s.study).await), "{b}");
        assert!(not_found(q::quotes(app, &stranger, s.study).await), "{b}");
        assert!(not_found(q::withdraw_consent(app, &stranger, i1, time::macros::date!(2026 - 03 - 02)).await), "{b}");
        // A member of another organisation cannot be made a coder.
        let outsider = env.staff(other, "koder@andenby.test", Role::Evaluator).await;
        assert_field_error(&err(q::add_coder(app, &s.evaluator, s.study, outsider).await), "user", "err-coder-not-member");
        // Only administrators and evaluators create studies.
        assert!(
            matches!(q::create_study(app, &s.coordinator, study_input("X", "organisation", None, false)).await, Err(AppError::Forbidden)),
            "{b}"
        );
        let listed = q::list_studies(app, &s.coordinator).await.unwrap();
        assert_eq!(listed.iter().map(|x| x.id).collect::<Vec<_>>(), [s.study], "{b}");

        // The denials were recorded with the interview as subject.
        let records = audit_of(&env, i1).await;
        let evaluator = s.evaluator.actor.user.to_string();
        assert!(
            records.iter().any(|r| r.1 == AuditOutcome::Denied && r.0 == AuditAction::Read && r.3.as_deref() == Some(evaluator.as_str())),
            "{b}: {records:?}"
        );
        let study_records = audit_of(&env, s.study).await;
        assert!(study_records.iter().any(|r| r.0 == AuditAction::Create && r.1 == AuditOutcome::Ok), "{b}");
        assert!(study_records.iter().any(|r| r.1 == AuditOutcome::Denied), "{b}: the stranger's look was recorded");
        let _ = (&s.org, &s.coder2_id);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_partnership_party_takes_part_only_once_it_has_joined_under_an_agreement() {
    on_every_backend("interview study partnership", |env| async move {
        let b = env.backend;
        let app = &env.app;
        let a = env.org("Region Hovedstaden", false).await;
        let p = env.org("Psykiatrifonden", false).await;
        let c = env.org("Vestby Kommune", false).await;
        let shared =
            directory::save_partnership(app, &env.sys, None, partnership_input(a, p, &["pseudonymised_outcomes"], None)).await.unwrap().id;
        let aggregate =
            directory::save_partnership(app, &env.sys, None, partnership_input(a, c, &["aggregate_outcomes"], None)).await.unwrap().id;
        let a_eval = env.staff(a, "evaluator@region.test", Role::Evaluator).await;
        let a_eval = env.ctx(a_eval, a).await;
        let p_admin_id = env.staff(p, "admin@fonden.test", Role::Administrator).await;
        let p_admin = env.ctx(p_admin_id, p).await;
        let c_admin = env.staff(c, "admin@vestby.test", Role::Administrator).await;
        let c_admin = env.ctx(c_admin, c).await;
        let study =
            q::create_study(app, &a_eval, study_input("Fælles interviews", "partnership", Some(shared.to_string()), false)).await.unwrap();
        let other = q::create_study(app, &a_eval, study_input("Vestby", "partnership", Some(aggregate.to_string()), false)).await.unwrap();

        // Before joining the party sees nothing and adds nothing.
        assert!(not_found(q::study(app, &p_admin, study).await), "{b}");
        let input = || interview_input("staff", None, p_admin_id, "", TranscriptInput::Typed("I: Hej\nM: Hej med dig".into()));
        assert!(not_found(q::add_interview(app, &p_admin, study, input()).await), "{b}");
        // A party whose agreement does not let pseudonymised outcomes flow cannot join.
        assert_field_error(&err(q::set_party_joined(app, &c_admin, other, true).await), "joined", "err-party-no-agreement");
        // A party that is not in the partnership is not told the study exists.
        assert!(not_found(q::set_party_joined(app, &c_admin, study, true).await), "{b}");

        q::set_party_joined(app, &p_admin, study, true).await.unwrap();
        let view = q::study(app, &p_admin, study).await.unwrap();
        assert!(view.can_record && view.can_decide_party && !view.can_manage, "{b}");
        assert_eq!(view.parties.iter().filter(|x| x.joined).count(), 2, "{b}");
        let i = q::add_interview(app, &p_admin, study, input()).await.unwrap();
        assert_eq!(q::interview(app, &p_admin, i).await.unwrap().summary.pseudonym, "M1", "{b}");
        // The owner's evaluator sees the interview listed, not its transcript.
        assert_eq!(q::study(app, &a_eval, study).await.unwrap().interviews.len(), 1, "{b}");
        assert!(not_found(q::interview(app, &a_eval, i).await), "{b}");
        // Leaving again closes the door.
        q::set_party_joined(app, &p_admin, study, false).await.unwrap();
        assert!(not_found(q::add_interview(app, &p_admin, study, input()).await), "{b}");
    })
    .await;
}
