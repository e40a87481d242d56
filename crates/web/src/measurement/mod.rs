//! Measurement: the instrument catalogue, measurement plans, personal answering links and
//! answers, life outcomes, the outbox, and the evaluation reports with prices and pooling.
//!
//! Paths with a parameter that is not an id: the shipped instrument catalogue
//! (`/instruments/{instrument}`, not personal data) and the participant's answering link
//! (`/a/{token}`, where the unguessable token is the credential).

pub(crate) mod api;
pub(crate) mod completeness;
pub(crate) mod outcomes;
pub(crate) mod pages;
pub(crate) mod qualitative;
pub(crate) mod qualitative_analysis;
pub(crate) mod qualitative_api;
pub(crate) mod report;

use axum::Router;
use axum::routing::{get, post};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::ui::menu::{MenuArea, Viewer, item};
use sammen_domain::people::Role::{Administrator, Coordinator, Evaluator, PeerWorker, Supervisor};

crate::routes::id_routes! {
    ui {
        ParticipantMeasurements: GET "/participants/{id}/measurements" => pages::participant_measurements;
        ParticipantResponseStart: POST "/participants/{id}/responses" => pages::response_start;
        ParticipantLifeEventAdd: POST "/participants/{id}/life-events" => pages::life_event_add;
        ResponseShow: GET "/responses/{id}" => pages::response_show;
        ResponseSave: POST "/responses/{id}" => pages::response_save;
        ResponseFhir: GET "/responses/{id}/fhir.json" => pages::response_fhir;
        InvitationLink: POST "/invitations/{id}/link" => pages::invitation_link;
        ProgrammePlans: GET "/programmes/{id}/measurement-plans" => pages::programme_plans;
        ProgrammePlanCreate: POST "/programmes/{id}/measurement-plans" => pages::plan_create;
        PlanActive: POST "/measurement-plans/{id}/active" => pages::plan_active;
        // Follow-up completeness of a programme and the steps about a missing answer.
        ProgrammeFollowUp: GET "/programmes/{id}/follow-up" => completeness::show;
        InvitationRemind: POST "/invitations/{id}/remind" => completeness::remind;
        InvitationPaperCopy: POST "/invitations/{id}/paper-copy" => completeness::paper_copy;
        InvitationNotReachable: POST "/invitations/{id}/not-reachable" => completeness::not_reachable;
        // Interview studies.
        StudyShow: GET "/studies/{id}" => qualitative::study_show;
        StudyEdit: GET "/studies/{id}/edit" => qualitative::study_edit;
        StudyUpdate: POST "/studies/{id}/edit" => qualitative::study_update;
        StudyCoders: POST "/studies/{id}/coders" => qualitative::study_coders;
        StudyParty: POST "/studies/{id}/party" => qualitative::study_party;
        StudyInterviewNew: GET "/studies/{id}/interviews/new" => qualitative::interview_new;
        StudyInterviewAdd: POST "/studies/{id}/interviews" => qualitative::interview_add;
        StudyCodebook: GET "/studies/{id}/codebook" => qualitative::codebook;
        StudyCodeAdd: POST "/studies/{id}/codes" => qualitative::code_add;
        StudyAgreement: GET "/studies/{id}/agreement" => qualitative::agreement;
        StudyAnalysis: GET "/studies/{id}/analysis" => qualitative_analysis::show;
        StudyExport: GET "/studies/{id}/export.qdpx" => qualitative_analysis::export;
        StudyImport: POST "/studies/{id}/import" => qualitative_analysis::import;
        StudyInterviewShow: GET "/study-interviews/{id}" => qualitative::interview_show;
        StudyInterviewWithdraw: POST "/study-interviews/{id}/withdraw" => qualitative::interview_withdraw;
        StudyInterviewCoding: GET "/study-interviews/{id}/coding" => qualitative::coding;
        StudyInterviewDone: POST "/study-interviews/{id}/done" => qualitative::interview_done;
        StudyInterviewComparison: GET "/study-interviews/{id}/comparison" => qualitative::comparison;
        StudyInterviewQuote: POST "/study-interviews/{id}/quotes" => qualitative::interview_quote;
        SegmentCodes: POST "/study-segments/{id}/codes" => qualitative::segment_codes;
        SegmentConsensus: POST "/study-segments/{id}/consensus" => qualitative::segment_consensus;
        CodeEdit: POST "/study-codes/{id}" => qualitative::code_edit;
        CodeMerge: POST "/study-codes/{id}/merge" => qualitative::code_merge;
        CodeRetire: POST "/study-codes/{id}/retired" => qualitative::code_retire;
    }
    api {
        ApiParticipantMeasurements: GET "/participants/{id}/measurements" => api::participant_measurements;
        ApiParticipantResponseImport: POST "/participants/{id}/responses" => api::response_import;
        ApiParticipantLifeEventAdd: POST "/participants/{id}/life-events" => api::life_event_add;
        ApiResponseGet: GET "/responses/{id}" => api::response_get;
        ApiProgrammePlans: GET "/programmes/{id}/measurement-plans" => api::plan_list;
        ApiProgrammePlanCreate: POST "/programmes/{id}/measurement-plans" => api::plan_create;
        ApiStudyGet: GET "/studies/{id}" => qualitative_api::study_get;
        ApiStudyAgreement: GET "/studies/{id}/agreement" => qualitative_api::study_agreement;
    }
}

/// The area's pages; those with an id in the path are in [`IdRoute`].
pub fn ui() -> Router<AppState> {
    Router::new()
        .route("/instruments", get(pages::instrument_list))
        .route("/instruments/{instrument}", get(pages::instrument_show))
        .route("/instruments/{instrument}/text", post(pages::instrument_text))
        .route("/instruments/{instrument}/questionnaire.json", get(pages::instrument_download))
        .route("/outbox", get(pages::outbox))
        .route("/reports", get(report::show))
        .route("/reports/report.pdf", get(report::pdf))
        .route("/reports/report.xlsx", get(report::xlsx))
        .route("/reports/report.csv", get(report::csv))
        .route("/reports/prices", get(report::prices).post(report::prices_save))
        .route("/reports/pool", get(report::pool_form).post(report::pool_post))
        .route("/reports/context", post(report::context_save))
        .route("/a/{token}", get(pages::answer_get).post(pages::answer_post))
        .route("/studies", get(qualitative::studies).post(qualitative::study_create))
        .route("/studies/new", get(qualitative::study_new))
        .merge(id_ui())
        // A new interview's form carries its transcript (up to 10 MiB) as multipart; the other
        // forms of the area read their bodies with the configured limit of their own.
        .layer(axum::extract::DefaultBodyLimit::max(qualitative::INTERVIEW_FORM_MAX_BYTES))
}

/// The area's API operations under `/api/v1`, each with its OpenAPI description.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::instrument_list))
        .routes(routes!(api::questionnaire_get, api::questionnaire_put))
        .routes(routes!(qualitative_api::study_list))
        .merge(id_api())
}

/// The area's menu items, each shown only to the roles its page admits.
pub fn menu() -> MenuArea {
    MenuArea {
        id: "measurement",
        label: "nav-area-measurement",
        items: vec![
            // policy::view_programme: every member; a referrer has no use for them.
            item("/instruments", "nav-instruments", |v| v.is(&[Administrator, Coordinator, Supervisor, PeerWorker, Evaluator])),
            // policy::manage_measurement.
            item("/outbox", "nav-outbox", Viewer::manager),
            // policy::view_report (the system administrator evaluates from the command line).
            item("/reports", "nav-reports", |v| v.is(&[Administrator, Coordinator, Evaluator])),
            // policy of interview studies: managers (Administrator, Evaluator), coders (any staff
            // role) and the readers of the analysis (Administrator, Coordinator, Evaluator).
            item("/studies", "nav-studies", |v| v.is(&[Administrator, Coordinator, Supervisor, PeerWorker, Evaluator])),
        ],
    }
}
