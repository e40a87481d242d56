//! The analysis of an interview study (matrix, quotes, CHIME profile, who was interviewed), its
//! exchange with the qualitative-analysis programs as REFI-QDA (`.qdpx`, validated against the
//! schema and read back) and the report section "What people told us" in the PDF and XLSX.

use sammen_app::measurement::qualitative::{self as q, analysis, exchange};
use sammen_app::measurement::report::{self as rp, ReportRequest, ReportScope};
use sammen_app::people as app_people;
use sammen_app::{AppError, Ctx, directory};
use sammen_domain::audit::{AuditAction, AuditOutcome};
use sammen_domain::directory::ProgrammeInput;
use sammen_domain::measurement::qualitative::{InterviewInput, StudyInput, TranscriptInput};
use sammen_domain::people::{PeerWorkerInput, Role};
use sammen_domain::{CodeId, ParticipantId, ProgrammeId, StudyId, UserId};
use sammen_evaluation::{Method, SuppressionRules};
use sammen_qualitative::qdpx;
use sammen_store::audit::AuditFilter;

use crate::harness::*;

use super::report::xlsx_model;

const ONE: &str = "I: Hvordan var det at mødes med din peer?\n\
D: Det betød alt. Hun forstod mig, fordi hun selv har været der.\n\
I: Har noget ændret sig?\n\
D: Jeg tror på, at det kan blive bedre. Men det var svært at komme ud ad døren i starten.";

const TWO: &str = "I: Hvad har været vigtigst?\n\
D: At jeg ikke var alene.\n\
I: Og nu?\n\
D: Nu ser jeg min søster igen.";

struct Setup {
    evaluator: Ctx,
    coder1: Ctx,
    coder1_id: UserId,
    coder2: Ctx,
    coder2_id: UserId,
    outsider: Ctx,
    programme: ProgrammeId,
    study: StudyId,
}

fn interview(participant: Option<ParticipantId>, interviewer: UserId, text: &str) -> InterviewInput {
    let p = participant.map(|p| p.to_string());
    let kind = if p.is_some() { "participant" } else { "relative" };
    InterviewInput::parse(
        kind,
        p.as_deref(),
        None,
        "2026-03-01",
        &interviewer.to_string(),
        "2026-02-27",
        "written",
        false,
        "",
        TranscriptInput::Typed(text.into()),
    )
    .unwrap()
}

async fn setup(env: &Env) -> (Setup, ParticipantId) {
    let org = env.org("Aarby Kommune", false).await;
    let coordinator = env.staff(org, "koordinator@aarby.test", Role::Coordinator).await;
    let coordinator = env.ctx(coordinator, org).await;
    let evaluator = env.staff(org, "evaluator@aarby.test", Role::Evaluator).await;
    let evaluator = env.ctx(evaluator, org).await;
    let coder1_id = env.staff(org, "koder1@aarby.test", Role::Supervisor).await;
    let coder1 = env.ctx(coder1_id, org).await;
    let coder2_id = env.staff(org, "koder2@aarby.test", Role::Evaluator).await;
    let coder2 = env.ctx(coder2_id, org).await;
    let other = env.org("Bebro Kommune", false).await;
    let outsider = env.staff(other, "evaluator@bebro.test", Role::Evaluator).await;
    let outsider = env.ctx(outsider, other).await;

    let programme = ProgrammeInput::parse("Peerstøtte Aarby", None, &["individual".into()], &["phone".into()], "", true).unwrap();
    let programme = directory::save_programme(&env.app, &coordinator, None, programme).await.unwrap().id;
    let peer =
        PeerWorkerInput::parse("Sofie Lund", Some("sofie@aarby.test"), None, "volunteer", "active", "da", &["phone".into()]).unwrap();
    let peer = app_people::save_peer(&env.app, &coordinator, None, peer).await.unwrap().id;
    let mut first = None;
    for name in ["Mette Berg", "Jonas Friis", "Line Dahl"] {
        let p =
            app_people::create_participant(&env.app, &coordinator, participant_input(name, Some(programme)), Some(peer)).await.unwrap().id;
        first.get_or_insert(p);
    }
    let guide = vec![("Hvad betød støtten?".to_owned(), "What did the support mean?".to_owned())];
    let input = StudyInput::parse(
        "Fortællinger 2026",
        "Hvad betød peerstøtten?",
        "De første, der sagde ja",
        "programme",
        Some(&programme.to_string()),
        false,
        &guide,
    )
    .unwrap();
    let study = q::create_study(&env.app, &evaluator, input).await.unwrap();
    q::add_coder(&env.app, &evaluator, study, coder1_id).await.unwrap();
    q::add_coder(&env.app, &evaluator, study, coder2_id).await.unwrap();
    (Setup { evaluator, coder1, coder1_id, coder2, coder2_id, outsider, programme, study }, first.unwrap())
}

fn code(codes: &[q::CodeView], name: &str) -> CodeId {
    codes.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("code {name}")).id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_analysis_export_import_and_report_section() {
    on_every_backend("interview study analysis", |env| async move {
        let b = env.backend;
        let (s, participant) = setup(&env).await;
        let app = &env.app;
        let codes = q::codebook(app, &s.evaluator, s.study).await.unwrap();
        let peer = code(&codes, "Forbundethed til peer");
        let hope = code(&codes, "Håb og optimisme");
        let hard = codes.iter().find(|c| c.theme.is_some_and(|t| t.code() == "difficulty")).unwrap().id;

        let i1 = q::add_interview(app, &s.coder1, s.study, interview(Some(participant), s.coder1_id, ONE)).await.unwrap();
        let i2 = q::add_interview(app, &s.coder1, s.study, interview(None, s.coder2_id, TWO)).await.unwrap();
        let v1 = q::interview(app, &s.coder1, i1).await.unwrap();
        let v2 = q::interview(app, &s.coder1, i2).await.unwrap();
        // Interview 1: both code, partly disagreeing, both done, a consensus on the last turn.
        q::set_segment_codes(app, &s.coder1, v1.segments[1].id, vec![peer], Some("Erfaringsfællesskab".into()), None).await.unwrap();
        q::set_segment_codes(app, &s.coder1, v1.segments[3].id, vec![hope, hard], None, None).await.unwrap();
        q::set_segment_codes(app, &s.coder2, v1.segments[1].id, vec![peer], None, None).await.unwrap();
        q::set_segment_codes(app, &s.coder2, v1.segments[3].id, vec![hope], None, None).await.unwrap();
        q::mark_done(app, &s.coder1, i1, true).await.unwrap();
        q::mark_done(app, &s.coder2, i1, true).await.unwrap();
        // Interview 2: only coder 1 is done; it stays out of the analysis.
        q::set_segment_codes(app, &s.coder1, v2.segments[1].id, vec![peer], None, None).await.unwrap();
        q::mark_done(app, &s.coder1, i2, true).await.unwrap();

        let a = analysis::analysis(app, &s.evaluator, s.study).await.unwrap();
        assert_eq!((a.matrix.interviews.clone(), a.pending), (vec!["D1".to_owned()], 1), "{b}");
        assert_eq!(a.consensus, [false], "{b}");
        let col = |id: CodeId| a.matrix.codes.iter().position(|c| c.key == id.to_string()).unwrap();
        assert_eq!((a.matrix.counts[0][col(peer)], a.matrix.counts[0][col(hope)], a.matrix.counts[0][col(hard)]), (1, 1, 1), "{b}");
        let theme = |t: &str| a.matrix.themes.iter().find(|x| x.theme == t).unwrap().clone();
        assert_eq!((theme("connectedness").interviews, theme("hope").interviews, theme("identity").interviews), (1, 1, 0), "{b}");
        assert_eq!(theme("difficulty").interviews, 1, "{b}: one coder's code counts until a consensus is settled");
        // Three participants took part, one was interviewed.
        assert_eq!(a.comparison.everyone.people, sammen_evaluation::Cell::Suppressed, "{b}: 3 < 5");
        let peer_quotes = a.quotes.iter().find(|c| c.code == peer).unwrap();
        assert_eq!(peer_quotes.quotes.len(), 1, "{b}");
        assert!(peer_quotes.quotes[0].text.contains("Hun forstod mig"), "{b}");
        assert!(!peer_quotes.quotes[0].cleared, "{b}");

        // A consensus that drops the difficulty; a quote cleared for publication.
        q::settle_consensus(app, &s.coder2, v1.segments[3].id, vec![hope]).await.unwrap();
        q::settle_consensus(app, &s.coder2, v1.segments[1].id, vec![peer]).await.unwrap();
        let seg = &v1.segments[1];
        q::set_quote_cleared(app, &s.evaluator, i1, peer, seg.start, seg.end, true).await.unwrap();
        let a = analysis::analysis(app, &s.evaluator, s.study).await.unwrap();
        assert_eq!(a.consensus, [true], "{b}");
        assert_eq!(a.matrix.themes.iter().find(|x| x.theme == "difficulty").unwrap().interviews, 0, "{b}: the consensus decides");
        assert!(a.quotes.iter().find(|c| c.code == peer).unwrap().quotes[0].cleared, "{b}");

        // Other organisations see nothing; the read and the refusal are audited.
        assert!(matches!(analysis::analysis(app, &s.outsider, s.study).await, Err(AppError::NotFound)), "{b}");
        let records = env.audit_records(AuditFilter { subject: Some(s.study.to_string()), ..Default::default() }).await;
        assert!(records.iter().any(|r| r.event.action == AuditAction::Read && r.event.outcome == AuditOutcome::Ok), "{b}");
        assert!(records.iter().any(|r| r.event.outcome == AuditOutcome::Denied), "{b}");

        // Export: a coder gets both transcripts and every coding, plus the consensus as a user.
        let (name, bytes) = exchange::export_qdpx(app, &s.coder1, s.study).await.unwrap();
        assert_eq!(name, "Fortællinger-2026.qdpx", "{b}");
        let project = qdpx::read(&bytes).unwrap();
        assert_eq!(project.sources.len(), 2, "{b}");
        let selections: usize = project.sources.iter().map(|x| x.selections.len()).sum();
        // Coder 1: 1 + 2 + 1, coder 2: 1 + 1, consensus: 2.
        assert_eq!(selections, 8, "{b}");
        assert!(project.users.iter().any(|u| u.name == exchange::CONSENSUS_USER), "{b}");
        assert!(project.sources.iter().all(|x| !x.text.contains("Mette")), "{b}");
        let memo = project.sources.iter().flat_map(|x| &x.selections).filter_map(|x| x.memo.as_deref()).collect::<Vec<_>>();
        assert_eq!(memo, ["Erfaringsfællesskab"], "{b}");
        let live_codes = q::codebook(app, &s.evaluator, s.study).await.unwrap().iter().filter(|c| c.merged_into.is_none()).count();
        check_qdpx(&bytes, live_codes, 2, 8);
        // An evaluator who is no coder gets the codebook without transcripts.
        let (_, bytes_e) = exchange::export_qdpx(app, &s.evaluator, s.study).await.unwrap();
        let pe = qdpx::read(&bytes_e).unwrap();
        assert!(pe.sources.is_empty(), "{b}");
        assert!(matches!(exchange::export_qdpx(app, &s.outsider, s.study).await, Err(AppError::NotFound)), "{b}");

        // Importing the export back changes nothing: codes by GUID, codings already there.
        let back = exchange::import_qdpx(app, &s.evaluator, s.study, bytes.clone()).await.unwrap();
        assert_eq!((back.codes_matched_guid, back.codes_added, back.codings_added), (live_codes, 0, 0), "{b}: {back:?}");
        assert_eq!(back.codings_present, 8, "{b}");
        // A project from another program: a code matched by name, a new code with a child, codings
        // of a known coder on a known interview, a source and a user the study does not know.
        let mut other = project.clone();
        other.users = vec![
            qdpx::User { guid: "0b9a1d8e-2f1a-4c53-9d0e-5f5a3a1b2c3d".into(), name: "evaluator@aarby.test".into() },
            qdpx::User { guid: "1b9a1d8e-2f1a-4c53-9d0e-5f5a3a1b2c3d".into(), name: "Ukendt".into() },
        ];
        let names = q::study(app, &s.evaluator, s.study).await.unwrap().coders;
        other.users[0].name = names.iter().find(|(u, _)| *u == s.coder2_id).unwrap().1.clone();
        other.codes = vec![
            qdpx::Code {
                guid: "2b9a1d8e-2f1a-4c53-9d0e-5f5a3a1b2c3d".into(),
                name: "håb og optimisme".into(),
                is_codable: true,
                ..Default::default()
            },
            qdpx::Code {
                guid: "3b9a1d8e-2f1a-4c53-9d0e-5f5a3a1b2c3d".into(),
                name: "Natur".into(),
                is_codable: true,
                description: Some("Ture i skoven".into()),
                children: vec![qdpx::Code {
                    guid: "4b9a1d8e-2f1a-4c53-9d0e-5f5a3a1b2c3d".into(),
                    name: "Havearbejde".into(),
                    is_codable: true,
                    ..Default::default()
                }],
                ..Default::default()
            },
        ];
        let selection = |guid: &str, user: &str, code: &str, start: usize, end: usize| qdpx::Selection {
            guid: guid.into(),
            name: String::new(),
            start,
            end,
            creating_user: Some(user.into()),
            creation_date_time: None,
            codings: vec![qdpx::Coding {
                guid: format!("{}9", &guid[..35]),
                code_guid: code.into(),
                creating_user: Some(user.into()),
                creation_date_time: None,
            }],
            memo: None,
        };
        let d1 = other.sources.iter().position(|x| x.name == "D1").unwrap();
        let whole = other.sources[d1].text.chars().count();
        other.sources[d1].guid = "5b9a1d8e-2f1a-4c53-9d0e-5f5a3a1b2c3d".into();
        other.sources[d1].selections = vec![
            // Across every segment of D1: one coding per segment.
            selection(
                "6b9a1d8e-2f1a-4c53-9d0e-5f5a3a1b2c30",
                "0b9a1d8e-2f1a-4c53-9d0e-5f5a3a1b2c3d",
                "3b9a1d8e-2f1a-4c53-9d0e-5f5a3a1b2c3d",
                0,
                whole,
            ),
            // An unknown user: skipped.
            selection(
                "7b9a1d8e-2f1a-4c53-9d0e-5f5a3a1b2c30",
                "1b9a1d8e-2f1a-4c53-9d0e-5f5a3a1b2c3d",
                "2b9a1d8e-2f1a-4c53-9d0e-5f5a3a1b2c3d",
                0,
                3,
            ),
        ];
        let a2 = other.sources.iter().position(|x| x.name != "D1").unwrap();
        other.sources[a2].name = "X9".into();
        other.sources[a2].guid = "8b9a1d8e-2f1a-4c53-9d0e-5f5a3a1b2c3d".into();
        other.sources[a2].selections.truncate(1);
        for sel in &mut other.sources[a2].selections {
            sel.creating_user = Some("0b9a1d8e-2f1a-4c53-9d0e-5f5a3a1b2c3d".into());
            for c in &mut sel.codings {
                c.creating_user = Some("0b9a1d8e-2f1a-4c53-9d0e-5f5a3a1b2c3d".into());
                c.code_guid = "2b9a1d8e-2f1a-4c53-9d0e-5f5a3a1b2c3d".into();
            }
        }
        let file = qdpx::write(&other).unwrap();
        // Only the study's managers import.
        assert!(matches!(exchange::import_qdpx(app, &s.coder1, s.study, file.clone()).await, Err(AppError::NotFound)), "{b}");
        let sum = exchange::import_qdpx(app, &s.evaluator, s.study, file).await.unwrap();
        assert_eq!((sum.codes_matched_name, sum.codes_added), (1, 2), "{b}: {sum:?}");
        assert_eq!((sum.sources_skipped, sum.codings_skipped), (1, 2), "{b}: {sum:?}");
        assert_eq!(sum.codings_added, v1.segments.len(), "{b}: {sum:?}");
        let after = q::codebook(app, &s.evaluator, s.study).await.unwrap();
        let natur = after.iter().find(|c| c.name == "Natur").unwrap();
        assert_eq!(natur.guid, "3b9a1d8e-2f1a-4c53-9d0e-5f5a3a1b2c3d", "{b}");
        assert_eq!(after.iter().find(|c| c.name == "Havearbejde").unwrap().parent, Some(natur.id), "{b}");
        let history = q::code_history(app, &s.evaluator, s.study).await.unwrap();
        assert_eq!(history.iter().filter(|h| h.kind.code() == "imported").count(), 2, "{b}");
        // A file that is no project is refused, and nothing changes.
        let e = exchange::import_qdpx(app, &s.evaluator, s.study, b"not a zip".to_vec()).await;
        assert!(matches!(&e, Err(AppError::Validation(v)) if v.fields.iter().any(|f| f.message == "err-qdpx-not-zip")), "{b}: {e:?}");

        // The evaluation report of the programme carries the section, in the PDF and the XLSX.
        let req = ReportRequest {
            scope: ReportScope::Programme(s.programme),
            instrument: "who-5".into(),
            scale: None,
            wave: "closure".into(),
            from: None,
            to: None,
            method: Method::Reml,
            hartung_knapp: true,
            rules: SuppressionRules { min_count: 1, min_group_for_statistics: 1 },
            cost: None,
        };
        let data = rp::compute(app, &s.evaluator, req.clone()).await.unwrap();
        assert_eq!(data.qualitative.len(), 1, "{b}");
        let section = &data.qualitative[0];
        assert_eq!(section.profile.interviews, sammen_evaluation::Cell::Shown(1), "{b}");
        assert_eq!(section.quotes.len(), 1, "{b}");
        assert_eq!(section.agreement.as_ref().unwrap().coders, 2, "{b}");
        let i18n = sammen_i18n::I18n::new().unwrap();
        let doc = rp::document(&data, &i18n, sammen_i18n::Lang::Da);
        let pdf = sammen_reports::pdf(&doc);
        let text = sammen_test_support::tools::pdf_text(&pdf).split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains("Hvad folk fortalte os"), "{b}");
        assert!(text.contains("Hun forstod mig"), "{b}: the cleared quote");
        assert!(text.contains("Hvem blev interviewet?"), "{b}");
        let (_dir, path) = sammen_test_support::tools::temp_file("report.pdf", &pdf);
        sammen_test_support::tools::check_pdf(&[path.as_path()], &["--pdfa", "--expect-types", "H1,H2,H3,Table,TH,TD,Figure,L"]);
        xlsx_model::check_workbook("report", &sammen_reports::xlsx(&doc).unwrap(), &doc);
        // Under the default rules one interview is hidden.
        let data = rp::compute(app, &s.evaluator, ReportRequest { rules: SuppressionRules::default(), ..req }).await.unwrap();
        assert_eq!(data.qualitative[0].profile.interviews, sammen_evaluation::Cell::Suppressed, "{b}");
    })
    .await;
}

/// Validates an export against the vendored schema, independently (scripts/check-qdpx.py).
fn check_qdpx(bytes: &[u8], codes: usize, sources: usize, codings: usize) {
    let (_dir, path) = sammen_test_support::tools::temp_file("study.qdpx", bytes);
    let root = sammen_test_support::tools::repo_root();
    let out = std::process::Command::new(sammen_test_support::tools::python())
        .arg(root.join("scripts/check-qdpx.py"))
        .arg(&path)
        .arg("--xsd")
        .arg(root.join("crates/qualitative/schema/Project-mrt2019.xsd"))
        .args(["--expect-codes", &codes.to_string(), "--expect-sources", &sources.to_string(), "--expect-codings", &codings.to_string()])
        .output()
        .unwrap();
    assert!(out.status.success(), "check-qdpx.py: {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
}
