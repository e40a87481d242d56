//! The peer workforce: role descriptions and engagements, recruitment with the public job page,
//! onboarding and training, supervision and wellbeing, and the workforce overview.
//!
//! The public job pages (`/jobs/{organisation}`, `/jobs/{organisation}/{posting}`) need no
//! account; the application form takes attachments under a raised body limit of its own. An
//! attachment is served with the type its content was recognised as, as a download, with
//! `nosniff`.

pub(crate) mod api;
pub(crate) mod overview;
pub(crate) mod recruitment;
pub(crate) mod roles;
pub(crate) mod supervision;
pub(crate) mod training;

use axum::Router;
use axum::routing::{get, post};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::ui::menu::{MenuArea, Viewer, item};
use sammen_domain::people::Role::{Administrator, Coordinator, PeerWorker, Supervisor};

crate::routes::id_routes! {
    ui {
        RoleShow: GET "/roles/{id}" => roles::show;
        RoleEdit: GET "/roles/{id}/edit" => roles::edit;
        RoleUpdate: POST "/roles/{id}" => roles::update;
        RolePdf: GET "/roles/{id}/function-description.pdf" => roles::pdf;
        PeerEngagements: GET "/peer-workers/{id}/engagements" => roles::engagements;
        PeerEngagementAdd: POST "/peer-workers/{id}/engagements" => roles::engagement_add;
        PeerSupervision: GET "/peer-workers/{id}/supervision" => supervision::peer_show;
        PeerSupervisorAssign: POST "/peer-workers/{id}/supervisors" => supervision::peer_assign;
        SupervisionSessionShow: GET "/supervision/sessions/{id}" => supervision::session_show;
        SupervisionSessionSave: POST "/supervision/sessions/{id}" => supervision::session_save;
        CheckInShare: POST "/wellbeing/check-ins/{id}/share" => supervision::check_in_share;
        TrainingCourseShow: GET "/training/courses/{id}" => training::course_show;
        TrainingCourseEdit: GET "/training/courses/{id}/edit" => training::course_edit;
        TrainingCourseUpdate: POST "/training/courses/{id}" => training::course_update;
        TrainingCohortCreate: POST "/training/courses/{id}/cohorts" => training::cohort_create;
        CohortShow: GET "/cohorts/{id}" => training::cohort_show;
        CohortEnrol: POST "/cohorts/{id}/enrolments" => training::cohort_enrol;
        CohortAttendance: POST "/cohorts/{id}/attendance" => training::cohort_attendance;
        CohortComplete: POST "/cohorts/{id}/completions" => training::cohort_complete;
        PeerTraining: GET "/peer-workers/{id}/training" => training::record;
        PeerOnboarding: GET "/peer-workers/{id}/onboarding" => training::onboarding;
        PeerOnboardingStart: POST "/peer-workers/{id}/onboarding" => training::onboarding_start;
        PeerOnboardingItem: POST "/peer-workers/{id}/onboarding/items" => training::onboarding_item;
        RoleOnboarding: GET "/roles/{id}/onboarding" => training::template_show;
        RoleOnboardingSave: POST "/roles/{id}/onboarding" => training::template_save;
        PostingShow: GET "/postings/{id}" => recruitment::show;
        PostingEdit: GET "/postings/{id}/edit" => recruitment::edit;
        PostingUpdate: POST "/postings/{id}" => recruitment::update;
        ApplicationShow: GET "/applications/{id}" => recruitment::application;
        ApplicationStage: POST "/applications/{id}/stage" => recruitment::stage;
        ApplicationInterviewCreate: POST "/applications/{id}/interviews" => recruitment::interview_create;
        ApplicationDecideForm: GET "/applications/{id}/decide" => recruitment::decide_form;
        ApplicationDecide: POST "/applications/{id}/decide" => recruitment::decide;
        ApplicationLetter: GET "/applications/{id}/letter" => recruitment::letter;
        InterviewScores: POST "/interviews/{id}/scores" => recruitment::scores;
        AttachmentDownload: GET "/attachments/{id}" => recruitment::attachment;
    }
    api {
        ApiSupervisionSessionGet: GET "/supervision/sessions/{id}" => api::supervision::session_get;
        ApiCohortEnrol: POST "/cohorts/{id}/enrolments" => api::training::enrol;
        ApiCohortComplete: POST "/cohorts/{id}/completions" => api::training::complete;
        ApiPeerTraining: GET "/peer-workers/{id}/training" => api::training::record;
        ApiPeerOnboarding: GET "/peer-workers/{id}/onboarding" => api::training::onboarding;
        ApiPostingApplications: GET "/postings/{id}/applications" => api::recruitment::applications;
        ApiApplicationGet: GET "/applications/{id}" => api::recruitment::application_get;
        ApiApplicationStage: POST "/applications/{id}/stage" => api::recruitment::stage;
        ApiInterviewScores: POST "/interviews/{id}/scores" => api::recruitment::scores;
    }
}

/// The area's pages; those with an id in the path are in [`IdRoute`].
pub fn ui() -> Router<AppState> {
    Router::new()
        .route("/roles", get(roles::list).post(roles::create))
        .route("/workforce", get(overview::page))
        .route("/workforce/overview.csv", get(overview::csv))
        .route("/workforce/overview.xlsx", get(overview::xlsx))
        .route("/workforce/overview.pdf", get(overview::pdf))
        .route("/roles/new", get(roles::new))
        .route("/supervision", get(supervision::home))
        .route("/supervision/requirements", post(supervision::requirement_save))
        .route("/supervision/sessions", post(supervision::plan_create))
        .route("/supervision/sessions/new", get(supervision::plan_new))
        .route("/wellbeing", get(supervision::wellbeing).post(supervision::wellbeing_answer))
        .route("/training", get(training::catalogue))
        .route("/training/courses", post(training::course_create))
        .route("/training/courses/new", get(training::course_new))
        .route("/onboardings", get(training::onboardings))
        .route("/postings", get(recruitment::list).post(recruitment::create))
        .route("/postings/new", get(recruitment::new))
        .route("/recruitment/settings", get(recruitment::settings).post(recruitment::settings_save))
        .route("/jobs/{organisation}", get(recruitment::jobs))
        .route(
            "/jobs/{organisation}/{posting}",
            get(recruitment::job).post(recruitment::apply).layer(axum::extract::DefaultBodyLimit::max(recruitment::APPLICATION_MAX_BYTES)),
        )
        .merge(id_ui())
}

/// The area's API operations under `/api/v1`, each with its OpenAPI description.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::overview::overview))
        .routes(routes!(api::supervision::overview))
        .routes(routes!(api::supervision::session_create))
        .routes(routes!(api::supervision::check_in_create))
        .routes(routes!(api::supervision::aggregates))
        .routes(routes!(api::training::course_list))
        .routes(routes!(api::recruitment::postings))
        .merge(id_api())
}

/// The area's menu items, each shown only to the roles its page admits.
pub fn menu() -> MenuArea {
    MenuArea {
        id: "workforce",
        label: "nav-area-workforce",
        items: vec![
            // policy::view_roles: every member.
            item("/roles", "nav-roles", Viewer::in_org),
            // Managers recruit; other staff see the interviews they sit on.
            item("/postings", "nav-postings", |v| v.is(&[Administrator, Coordinator, Supervisor, PeerWorker])),
            // policy::view_training_catalogue.
            item("/training", "nav-training", |v| v.is(&[Administrator, Coordinator, Supervisor, PeerWorker])),
            // supervision::home: the managers plan, supervisors lead, peers attend; an external
            // supervisor has nothing else.
            item("/supervision", "nav-supervision", |v| v.is(&[Administrator, Coordinator, Supervisor, PeerWorker]) || v.external()),
            // The peer's own check-ins and the managers' aggregates. A supervisor reads shared
            // check-ins only while supervising someone: the supervision page links to them then.
            item("/wellbeing", "nav-wellbeing", |v| v.manager() || (v.is(&[PeerWorker]) && v.peer_record)),
            // policy::view_workforce.
            item("/workforce", "nav-workforce", Viewer::manager),
        ],
    }
}
