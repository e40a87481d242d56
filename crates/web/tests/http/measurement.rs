//! Measurement: instruments, plans, answers, FHIR and evaluation reports; here, their id routes'
//! part of the authorisation matrix (`crate::authz`).

use sammen_web::measurement::IdRoute as MeasurementRoute;
use serde_json::{Value, json};

use crate::authz::{ADMIN, MANAGERS, MEMBERS, Res, Rule, World};
use sammen_domain::people::Role::{self, Administrator, Coordinator, Evaluator, PeerWorker};

// Interview studies: the fixture's study of A has A's evaluator and A's peer-worker account as coders.
/// `policy::view_study`: A's administrators, coordinators and evaluators, and the coders.
const STUDY_READERS: &[Role] = &[Administrator, Coordinator, PeerWorker, Evaluator];
/// `policy::manage_study`: A's administrators and evaluators.
const STUDY_MANAGERS: &[Role] = &[Administrator, Evaluator];
/// `policy::view_transcript`, `record_interview`, `settle_consensus`: the coders and A's administrators.
const TRANSCRIPT_READERS: &[Role] = &[Administrator, PeerWorker, Evaluator];
/// `policy::edit_codebook`: the managers and the coders (who add the codes they find).
const CODEBOOK_EDITORS: &[Role] = &[Administrator, PeerWorker, Evaluator];
/// `policy::code_study`: the coders.
const CODERS: &[Role] = &[PeerWorker, Evaluator];

// ---------------------------------------------------------------- authorisation (`crate::authz`)

/// Who may call each of this area's id routes, derived from the handlers and `domain::policy`.
/// No wildcard arm: a new route must be given its rule here before the authorisation test compiles.
pub fn rule(r: MeasurementRoute) -> Rule {
    let (on, a, system_admin) = match r {
        // policy::view_participant (measurements) and record_measurement: managers, since the
        // participant is assigned to nobody; partners hold no participant-record agreement.
        MeasurementRoute::ParticipantMeasurements
        | MeasurementRoute::ApiParticipantMeasurements
        | MeasurementRoute::ParticipantResponseStart
        | MeasurementRoute::ParticipantLifeEventAdd
        | MeasurementRoute::ApiParticipantResponseImport
        | MeasurementRoute::ApiParticipantLifeEventAdd => (Res::Participant, MANAGERS, false),
        MeasurementRoute::ResponseShow
        | MeasurementRoute::ResponseSave
        | MeasurementRoute::ResponseFhir
        | MeasurementRoute::ApiResponseGet => (Res::Response, MANAGERS, false),
        MeasurementRoute::InvitationLink => (Res::Invitation, MANAGERS, false),
        // The completeness page names people: policy::manage_measurement. Its steps are
        // policy::record_measurement on the invitation's participant (assigned to nobody).
        MeasurementRoute::ProgrammeFollowUp => (Res::Programme, MANAGERS, false),
        MeasurementRoute::InvitationRemind | MeasurementRoute::InvitationPaperCopy | MeasurementRoute::InvitationNotReachable => {
            (Res::Invitation, MANAGERS, false)
        }
        // Plans are not personal: every member sees them (policy::view_programme), managers change them.
        MeasurementRoute::ProgrammePlans | MeasurementRoute::ApiProgrammePlans => (Res::Programme, MEMBERS, true),
        MeasurementRoute::ProgrammePlanCreate | MeasurementRoute::ApiProgrammePlanCreate => (Res::Programme, MANAGERS, false),
        MeasurementRoute::PlanActive => (Res::Plan, MANAGERS, false),
        // Interview studies.
        MeasurementRoute::StudyShow
        | MeasurementRoute::StudyCodebook
        | MeasurementRoute::StudyAgreement
        | MeasurementRoute::StudyAnalysis
        | MeasurementRoute::StudyExport
        | MeasurementRoute::ApiStudyGet
        | MeasurementRoute::ApiStudyAgreement => (Res::Study, STUDY_READERS, false),
        // Importing changes the codebook: policy::manage_study.
        MeasurementRoute::StudyImport => (Res::Study, STUDY_MANAGERS, false),
        // policy::manage_study.
        MeasurementRoute::StudyEdit | MeasurementRoute::StudyUpdate | MeasurementRoute::StudyCoders => (Res::Study, STUDY_MANAGERS, false),
        MeasurementRoute::StudyCodeAdd => (Res::Study, CODEBOOK_EDITORS, false),
        MeasurementRoute::StudyInterviewNew | MeasurementRoute::StudyInterviewAdd => (Res::Study, TRANSCRIPT_READERS, false),
        // policy::decide_study_party: the party's own administrator.
        MeasurementRoute::StudyParty => (Res::PartnershipStudy, ADMIN, false),
        MeasurementRoute::StudyInterviewShow | MeasurementRoute::StudyInterviewWithdraw => (Res::StudyInterview, TRANSCRIPT_READERS, false),
        MeasurementRoute::StudyInterviewCoding | MeasurementRoute::StudyInterviewDone => (Res::StudyInterview, CODERS, false),
        // The comparison shows the segments' text: policy::view_transcript.
        MeasurementRoute::StudyInterviewComparison => (Res::StudyInterview, TRANSCRIPT_READERS, false),
        MeasurementRoute::StudyInterviewQuote => (Res::StudyInterview, STUDY_MANAGERS, false),
        MeasurementRoute::SegmentCodes => (Res::OpenSegment, CODERS, false),
        MeasurementRoute::SegmentConsensus => (Res::StudySegment, TRANSCRIPT_READERS, false),
        MeasurementRoute::CodeEdit | MeasurementRoute::CodeMerge | MeasurementRoute::CodeRetire => (Res::Code, CODEBOOK_EDITORS, false),
    };
    Rule { on, a, system_admin }
}

/// This area's routes whose allowed call uses up the resource: each allowed caller gets a fresh one.
pub fn consumes(r: MeasurementRoute) -> bool {
    // A withdrawn interview and a merged code are gone for the next caller.
    matches!(r, MeasurementRoute::StudyInterviewWithdraw | MeasurementRoute::CodeMerge)
}

/// A valid form for each of this area's UI POST routes (the CSRF field is added by the caller).
pub fn ui_form(r: MeasurementRoute, w: &World, n: u32) -> Vec<(&'static str, String)> {
    let st = &w.studies;
    match r {
        // Interview studies.
        MeasurementRoute::StudyCoders => vec![("user", st.coders[0].to_string())],
        MeasurementRoute::StudyUpdate => vec![
            ("name", format!("Undersøgelse {n}")),
            ("purpose", "At forstå, hvad deltagerne får ud af forløbet.".into()),
            ("guide_da", "Hvordan var det?".into()),
            ("guide_en", "How was it?".into()),
        ],
        // Leaving needs no agreement; joining needs one that allows pseudonymised outcomes.
        MeasurementRoute::StudyParty => vec![("joined", "false".into())],
        MeasurementRoute::StudyInterviewAdd => vec![
            ("kind", "relative".into()),
            ("interviewed_on", "2026-02-10".into()),
            ("interviewer", st.coders[0].to_string()),
            ("consent_given_on", "2026-02-10".into()),
            ("consent_method", "verbal".into()),
            ("transcript", crate::qualitative::TRANSCRIPT.into()),
        ],
        MeasurementRoute::StudyCodeAdd => vec![("name", format!("Kode {n}")), ("description", "En kode til prøve.".into())],
        MeasurementRoute::StudyInterviewWithdraw => vec![("withdrawn_on", "2026-03-10".into())],
        MeasurementRoute::StudyInterviewDone => vec![("done", "true".into())],
        MeasurementRoute::StudyInterviewQuote => vec![
            ("code", st.code.to_string()),
            ("start", st.done_segment_span.0.to_string()),
            ("end", st.done_segment_span.1.to_string()),
            ("cleared", "true".into()),
        ],
        MeasurementRoute::SegmentCodes => vec![("interview", st.open.to_string()), ("codes", st.code.to_string())],
        MeasurementRoute::SegmentConsensus => vec![("interview", st.done.to_string()), ("codes", st.code.to_string())],
        MeasurementRoute::CodeEdit => vec![
            ("study", st.study.to_string()),
            ("name", st.code_values.0.clone()),
            ("description", st.code_values.1.clone()),
            ("example", st.code_values.2.clone()),
        ],
        MeasurementRoute::CodeMerge => vec![("study", st.study.to_string()), ("into", st.other_code.to_string())],
        MeasurementRoute::CodeRetire => vec![("study", st.study.to_string()), ("retired", "true".into())],
        MeasurementRoute::StudyShow
        | MeasurementRoute::StudyEdit
        | MeasurementRoute::StudyCodebook
        | MeasurementRoute::StudyAgreement
        | MeasurementRoute::StudyAnalysis
        | MeasurementRoute::StudyExport
        | MeasurementRoute::StudyImport
        | MeasurementRoute::StudyInterviewNew
        | MeasurementRoute::StudyInterviewShow
        | MeasurementRoute::StudyInterviewCoding
        | MeasurementRoute::StudyInterviewComparison
        | MeasurementRoute::ApiStudyGet
        | MeasurementRoute::ApiStudyAgreement => Vec::new(),
        MeasurementRoute::InvitationLink => Vec::new(),
        MeasurementRoute::ProgrammeFollowUp | MeasurementRoute::InvitationRemind | MeasurementRoute::InvitationPaperCopy => Vec::new(),
        MeasurementRoute::InvitationNotReachable => vec![("reason", "moved".into())],
        MeasurementRoute::ParticipantResponseStart => vec![("instrument", "who-5".into()), ("source", "paper".into())],
        MeasurementRoute::ParticipantLifeEventAdd => {
            vec![("kind", "job_started".into()), ("occurred_on", "2026-01-10".into()), ("source", "staff".into())]
        }
        MeasurementRoute::ResponseSave => vec![("i.hope", "3".into()), ("go", "save".into())],
        MeasurementRoute::ProgrammePlanCreate => vec![("instrument", "who-5".into()), ("at_start", "on".into())],
        MeasurementRoute::PlanActive => vec![("active", "true".into())],
        MeasurementRoute::ParticipantMeasurements
        | MeasurementRoute::ResponseShow
        | MeasurementRoute::ResponseFhir
        | MeasurementRoute::ProgrammePlans => Vec::new(),
        MeasurementRoute::ApiParticipantMeasurements
        | MeasurementRoute::ApiParticipantResponseImport
        | MeasurementRoute::ApiParticipantLifeEventAdd
        | MeasurementRoute::ApiResponseGet
        | MeasurementRoute::ApiProgrammePlans
        | MeasurementRoute::ApiProgrammePlanCreate => Vec::new(),
    }
}

/// The file a UI POST route of this area takes (sent as multipart with the form's fields).
pub fn ui_file(r: MeasurementRoute, w: &World) -> Option<Vec<u8>> {
    // Importing the study's own export matches every code and changes nothing that matters.
    (r == MeasurementRoute::StudyImport).then(|| w.studies.qdpx.clone())
}

/// A valid JSON body for each of this area's API routes that takes one.
pub fn api_body(r: MeasurementRoute, _w: &World) -> Option<Value> {
    match r {
        MeasurementRoute::ApiProgrammePlanCreate => Some(json!({"instrument": "who-5", "at_start": true})),
        MeasurementRoute::ApiParticipantLifeEventAdd => {
            Some(json!({"kind": "bed_days", "occurred_on": "2026-01-10", "quantity": 4, "source": "referrer"}))
        }
        MeasurementRoute::ApiParticipantResponseImport => {
            let def = sammen_instruments::shipped_definition("who-5").unwrap().unwrap();
            let answers = (1..=5).map(|i| (i.to_string(), sammen_instruments::AnswerValue::Code("3".into()))).collect();
            let opts = sammen_instruments::fhir::FhirOptions::default();
            let status = sammen_instruments::fhir::ResponseStatus::Completed;
            Some(sammen_instruments::fhir::questionnaire_response(&def, &answers, status, None, None, &opts).unwrap())
        }
        _ => None,
    }
}

/// This area's UI routes with an id, for the check that the routers register exactly the
/// id routes the tests know of.
pub const UI_ID_ROUTES: &[(&str, &str)] = &[
    ("GET", "/participants/{id}/measurements"),
    ("POST", "/participants/{id}/responses"),
    ("POST", "/participants/{id}/life-events"),
    ("GET", "/responses/{id}"),
    ("POST", "/responses/{id}"),
    ("GET", "/responses/{id}/fhir.json"),
    ("POST", "/invitations/{id}/link"),
    ("GET", "/programmes/{id}/measurement-plans"),
    ("POST", "/programmes/{id}/measurement-plans"),
    ("POST", "/measurement-plans/{id}/active"),
    ("GET", "/programmes/{id}/follow-up"),
    ("POST", "/invitations/{id}/remind"),
    ("POST", "/invitations/{id}/paper-copy"),
    ("POST", "/invitations/{id}/not-reachable"),
    // Interview studies.
    ("GET", "/studies/{id}"),
    ("GET", "/studies/{id}/edit"),
    ("POST", "/studies/{id}/edit"),
    ("POST", "/studies/{id}/coders"),
    ("POST", "/studies/{id}/party"),
    ("GET", "/studies/{id}/interviews/new"),
    ("POST", "/studies/{id}/interviews"),
    ("GET", "/studies/{id}/codebook"),
    ("POST", "/studies/{id}/codes"),
    ("GET", "/studies/{id}/agreement"),
    ("GET", "/studies/{id}/analysis"),
    ("GET", "/studies/{id}/export.qdpx"),
    ("POST", "/studies/{id}/import"),
    ("GET", "/studies/{id}/analysis"),
    ("GET", "/studies/{id}/export.qdpx"),
    ("POST", "/studies/{id}/import"),
    ("GET", "/study-interviews/{id}"),
    ("POST", "/study-interviews/{id}/withdraw"),
    ("GET", "/study-interviews/{id}/coding"),
    ("POST", "/study-interviews/{id}/done"),
    ("GET", "/study-interviews/{id}/comparison"),
    ("POST", "/study-interviews/{id}/quotes"),
    ("POST", "/study-segments/{id}/codes"),
    ("POST", "/study-segments/{id}/consensus"),
    ("POST", "/study-codes/{id}"),
    ("POST", "/study-codes/{id}/merge"),
    ("POST", "/study-codes/{id}/retired"),
];

// ---------------------------------------------------------------- pooling partners' summaries

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ui_pooling_names_a_bad_line_by_line_column_and_header_in_the_readers_language() {
    use crate::harness::{Req, excerpt, on_every_backend, small};
    on_every_backend("ui-pool", |env| async move {
        let b = env.backend;
        let s = small(&env).await;
        let post = |summaries: &str| {
            Req::new("POST", "/reports/pool").cookie(&s.browser.cookie).form(&[
                ("csrf", s.browser.csrf.clone()),
                ("summaries", summaries.to_owned()),
                ("method", "reml".into()),
                ("direction", "higher".into()),
                ("format", "html".into()),
            ])
        };
        let bad =
            "site;n;mean_pre;mean_post;sd_pre;r\nNord;40;50;56;12;0,5\nSyd;35;48;51;11;0,6\nVest;52;52;55;13;0,55\nØst;30;47;x;12;0,5\n";
        let r = env.send(post(bad)).await;
        assert_eq!(r.status, axum::http::StatusCode::UNPROCESSABLE_ENTITY, "{b}: {}", excerpt(&r.body));
        assert!(r.body.contains("Linje 5, kolonne 4 (mean_post): »x« er ikke et tal."), "{b}: {}", excerpt(&r.body));
        let ragged = env.send(post("site,yi,vi\nNord,0.5,0.04\nSyd,0.3\n")).await;
        assert!(ragged.body.contains("Linje 3, kolonne 3 (vi): Rækken slutter før denne kolonne"), "{b}: {}", excerpt(&ragged.body));
        let good = "site;n;mean_pre;mean_post;sd_pre;r\nNord;40;50;56;12;0,5\nSyd;35;48;51;11;0,6\nVest;52;52;55;13;0,55\n";
        let r = env.send(post(good)).await;
        assert_eq!(r.status, axum::http::StatusCode::OK, "{b}: {}", excerpt(&r.body));
        assert!(r.body.contains("id=\"report-title\""), "{b}: decimal commas in a semicolon file are read");
    })
    .await;
}
