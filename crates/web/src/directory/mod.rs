//! The directory: organisations, partnerships with their data-sharing agreements, and
//! programmes; also the front page every signed-in user lands on.

pub(crate) mod api;
pub(crate) mod front;
pub(crate) mod pages;

use axum::Router;
use axum::routing::get;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::ui::menu::{MenuArea, Viewer, item};
use sammen_domain::people::Role::{Administrator, Coordinator, Evaluator};

crate::routes::id_routes! {
    ui {
        OrgShow: GET "/organisations/{id}" => pages::org_show;
        OrgEdit: GET "/organisations/{id}/edit" => pages::org_edit;
        OrgUpdate: POST "/organisations/{id}" => pages::org_update;
        OrgAddAdmin: POST "/organisations/{id}/administrators" => pages::org_add_admin;
        PartnershipShow: GET "/partnerships/{id}" => pages::partnership_show;
        PartnershipEdit: GET "/partnerships/{id}/edit" => pages::partnership_edit;
        PartnershipUpdate: POST "/partnerships/{id}" => pages::partnership_update;
        ProgrammeShow: GET "/programmes/{id}" => pages::programme_show;
        ProgrammeEdit: GET "/programmes/{id}/edit" => pages::programme_edit;
        ProgrammeUpdate: POST "/programmes/{id}" => pages::programme_update;
    }
    api {
        ApiOrgGet: GET "/organisations/{id}" => api::org_get;
        ApiOrgPut: PUT "/organisations/{id}" => api::org_put;
        ApiPartnershipGet: GET "/partnerships/{id}" => api::partnership_get;
        ApiPartnershipPut: PUT "/partnerships/{id}" => api::partnership_put;
        ApiProgrammeGet: GET "/programmes/{id}" => api::programme_get;
        ApiProgrammePut: PUT "/programmes/{id}" => api::programme_put;
    }
}

/// The area's pages; those with an id in the path are in [`IdRoute`].
pub fn ui() -> Router<AppState> {
    Router::new()
        .route("/", get(pages::dashboard))
        .route("/organisations", get(pages::org_list).post(pages::org_create))
        .route("/organisations/new", get(pages::org_new))
        .route("/partnerships", get(pages::partnership_list).post(pages::partnership_create))
        .route("/partnerships/new", get(pages::partnership_new))
        .route("/programmes", get(pages::programme_list).post(pages::programme_create))
        .route("/programmes/new", get(pages::programme_new))
        .merge(id_ui())
}

/// The area's API operations under `/api/v1`, each with its OpenAPI description.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::org_list, api::org_create))
        .routes(routes!(api::partnership_list, api::partnership_create))
        .routes(routes!(api::programme_list, api::programme_create))
        .merge(id_api())
}

/// The area's menu items, each shown only to the roles its page admits.
pub fn menu() -> MenuArea {
    MenuArea {
        id: "directory",
        label: "nav-area-directory",
        items: vec![
            // policy::list_organisations names them to every member; it is the administrators' tool.
            item("/organisations", "nav-organisations", |v| v.system_admin || v.is(&[Administrator])),
            // policy::view_partnership.
            item("/partnerships", "nav-partnerships", |v| v.system_admin || v.is(&[Administrator, Coordinator, Evaluator])),
            // policy::view_programme: the current organisation's members.
            item("/programmes", "nav-programmes", Viewer::in_org),
        ],
    }
}
