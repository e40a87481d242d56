//! People: staff accounts, peer workers and participants, and importing them from a
//! spreadsheet.

pub(crate) mod api;
pub(crate) mod import;
pub(crate) mod pages;

use axum::Router;
use axum::routing::get;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::ui::menu::{MenuArea, Viewer, item};
use sammen_domain::people::Role::{Administrator, Coordinator, PeerWorker, Supervisor};

crate::routes::id_routes! {
    ui {
        StaffShow: GET "/staff/{id}" => pages::staff_show;
        StaffEdit: GET "/staff/{id}/edit" => pages::staff_edit;
        StaffUpdate: POST "/staff/{id}" => pages::staff_update;
        StaffResetPassword: POST "/staff/{id}/reset-password" => pages::staff_reset;
        PeerShow: GET "/peer-workers/{id}" => pages::peer_show;
        PeerEdit: GET "/peer-workers/{id}/edit" => pages::peer_edit;
        PeerUpdate: POST "/peer-workers/{id}" => pages::peer_update;
        ParticipantShow: GET "/participants/{id}" => pages::participant_show;
        ParticipantEdit: GET "/participants/{id}/edit" => pages::participant_edit;
        ParticipantUpdate: POST "/participants/{id}" => pages::participant_update;
        ParticipantDelete: POST "/participants/{id}/delete" => pages::participant_delete;
    }
    api {
        ApiStaffGet: GET "/staff/{id}" => api::staff_get;
        ApiStaffPut: PUT "/staff/{id}" => api::staff_put;
        ApiPeerGet: GET "/peer-workers/{id}" => api::peer_get;
        ApiPeerPut: PUT "/peer-workers/{id}" => api::peer_put;
        ApiParticipantGet: GET "/participants/{id}" => api::participant_get;
        ApiParticipantPut: PUT "/participants/{id}" => api::participant_put;
        ApiParticipantDelete: DELETE "/participants/{id}" => api::participant_delete;
    }
}

/// The area's pages; those with an id in the path are in [`IdRoute`].
pub fn ui() -> Router<AppState> {
    Router::new()
        .route("/staff", get(pages::staff_list).post(pages::staff_create))
        .route("/staff/new", get(pages::staff_new))
        .route("/peer-workers", get(pages::peer_list).post(pages::peer_create))
        .route("/peer-workers/new", get(pages::peer_new))
        .route("/participants", get(pages::participant_list).post(pages::participant_create))
        .route("/participants/new", get(pages::participant_new))
        .route("/import", get(import::form).post(import::upload).layer(axum::extract::DefaultBodyLimit::max(import::IMPORT_MAX_BYTES)))
        .merge(id_ui())
}

/// The area's API operations under `/api/v1`, each with its OpenAPI description.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::staff_list, api::staff_create))
        .routes(routes!(api::peer_list, api::peer_create))
        .routes(routes!(api::participant_list, api::participant_create))
        .merge(id_api())
}

/// The area's menu items, each shown only to the roles its page admits.
pub fn menu() -> MenuArea {
    MenuArea {
        id: "people",
        label: "nav-area-people",
        items: vec![
            // policy::list_participants: the managers, and a peer worker their caseload.
            item("/participants", "nav-participants", |v| v.is(&[Administrator, Coordinator, PeerWorker])),
            // policy::list_peer_workers.
            item("/peer-workers", "nav-peer-workers", |v| v.is(&[Administrator, Coordinator, Supervisor])),
            // policy::view_staff (the system administrator reaches staff through an organisation).
            item("/staff", "nav-staff", |v| v.is(&[Administrator, Coordinator, Supervisor])),
            // policy::edit_participant and edit_peer_worker: what an import writes.
            item("/import", "nav-import", Viewer::manager),
        ],
    }
}
