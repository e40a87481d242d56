//! Measurement: the instrument catalogue, measurement plans, personal answering links and
//! answers, life outcomes, the outbox, and the evaluation reports with prices and pooling.
//!
//! Paths with a parameter that is not an id: the shipped instrument catalogue
//! (`/instruments/{instrument}`, not personal data) and the participant's answering link
//! (`/a/{token}`, where the unguessable token is the credential).

pub(crate) mod api;
pub(crate) mod pages;
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
        InvitationLink: POST "/invitations/{id}/link" => pages::invitation_link;
        ProgrammePlans: GET "/programmes/{id}/measurement-plans" => pages::programme_plans;
        ProgrammePlanCreate: POST "/programmes/{id}/measurement-plans" => pages::plan_create;
        PlanActive: POST "/measurement-plans/{id}/active" => pages::plan_active;
    }
    api {
        ApiParticipantMeasurements: GET "/participants/{id}/measurements" => api::participant_measurements;
        ApiParticipantResponseImport: POST "/participants/{id}/responses" => api::response_import;
        ApiParticipantLifeEventAdd: POST "/participants/{id}/life-events" => api::life_event_add;
        ApiResponseGet: GET "/responses/{id}" => api::response_get;
        ApiProgrammePlans: GET "/programmes/{id}/measurement-plans" => api::plan_list;
        ApiProgrammePlanCreate: POST "/programmes/{id}/measurement-plans" => api::plan_create;
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
        .merge(id_ui())
}

/// The area's API operations under `/api/v1`, each with its OpenAPI description.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::instrument_list))
        .routes(routes!(api::questionnaire_get, api::questionnaire_put))
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
        ],
    }
}
