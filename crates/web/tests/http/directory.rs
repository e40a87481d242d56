//! Directory: organisations, partnerships and programmes; here, their id routes' part of the
//! authorisation matrix (`crate::authz`).

use sammen_web::directory::IdRoute as DirectoryRoute;
use serde_json::{Value, json};

use crate::authz::{ADMIN, MANAGERS, MEMBERS, NOBODY, PARTNERSHIP, PARTNERSHIP_READERS, PROGRAMME, Res, Rule, World};
use crate::harness::ORG_A;

// ---------------------------------------------------------------- authorisation (`crate::authz`)

/// Who may call each of this area's id routes, derived from the handlers and `domain::policy`.
/// No wildcard arm: a new route must be given its rule here before the authorisation test compiles.
pub fn rule(r: DirectoryRoute) -> Rule {
    let (on, a, system_admin) = match r {
        // policy::view_organisation: members and the system administrator.
        DirectoryRoute::OrgShow | DirectoryRoute::ApiOrgGet => (Res::Org, MEMBERS, true),
        // policy::edit_organisation: the organisation's administrator (settings only) and the system administrator.
        DirectoryRoute::OrgEdit | DirectoryRoute::OrgUpdate | DirectoryRoute::ApiOrgPut => (Res::Org, ADMIN, true),
        // Only the system administrator sets up an organisation's administrators.
        DirectoryRoute::OrgAddAdmin => (Res::Org, NOBODY, true),
        DirectoryRoute::PartnershipShow | DirectoryRoute::ApiPartnershipGet => (Res::Partnership, PARTNERSHIP_READERS, true),
        // policy::edit_partnership: an administrator of a party, the system administrator.
        DirectoryRoute::PartnershipEdit | DirectoryRoute::PartnershipUpdate | DirectoryRoute::ApiPartnershipPut => {
            (Res::Partnership, ADMIN, true)
        }
        // policy::view_programme: every member, the system administrator.
        DirectoryRoute::ProgrammeShow | DirectoryRoute::ApiProgrammeGet => (Res::Programme, MEMBERS, true),
        // policy::edit_programme: managers only, not the system administrator.
        DirectoryRoute::ProgrammeEdit | DirectoryRoute::ProgrammeUpdate | DirectoryRoute::ApiProgrammePut => {
            (Res::Programme, MANAGERS, false)
        }
    };
    Rule { on, a, system_admin }
}

/// This area's routes whose allowed call uses up the resource: each allowed caller gets a fresh one.
pub fn consumes(_: DirectoryRoute) -> bool {
    false
}

/// A valid form for each of this area's UI POST routes (the CSRF field is added by the caller).
pub fn ui_form(r: DirectoryRoute, w: &World, n: u32) -> Vec<(&'static str, String)> {
    match r {
        DirectoryRoute::OrgUpdate => vec![("name", ORG_A.into()), ("kind", "municipality".into())],
        DirectoryRoute::OrgAddAdmin => {
            vec![("display_name", "Ny Administrator".into()), ("email", format!("new-admin-{n}@a.test"))]
        }
        DirectoryRoute::PartnershipUpdate => vec![
            ("name", PARTNERSHIP.0.into()),
            ("purpose", PARTNERSHIP.1.into()),
            ("legal_basis", PARTNERSHIP.2.into()),
            ("parties", w.org_a.to_string()),
            ("parties", w.org_c.to_string()),
            ("categories", "aggregate_outcomes".into()),
            ("valid_from", "2026-01-01".into()),
            ("valid_to", String::new()),
        ],
        DirectoryRoute::ProgrammeUpdate => vec![
            ("name", PROGRAMME.into()),
            ("description", String::new()),
            ("delivery", "individual".into()),
            ("modes", "phone".into()),
            ("locations", String::new()),
            ("active", "on".into()),
        ],
        DirectoryRoute::OrgShow
        | DirectoryRoute::OrgEdit
        | DirectoryRoute::PartnershipShow
        | DirectoryRoute::PartnershipEdit
        | DirectoryRoute::ProgrammeShow
        | DirectoryRoute::ProgrammeEdit
        | DirectoryRoute::ApiOrgGet
        | DirectoryRoute::ApiOrgPut
        | DirectoryRoute::ApiPartnershipGet
        | DirectoryRoute::ApiPartnershipPut
        | DirectoryRoute::ApiProgrammeGet
        | DirectoryRoute::ApiProgrammePut => Vec::new(),
    }
}

/// A valid JSON body for each of this area's API routes that takes one.
pub fn api_body(r: DirectoryRoute, w: &World) -> Option<Value> {
    match r {
        DirectoryRoute::ApiOrgPut => Some(json!({"name": ORG_A, "kind": "municipality", "require_totp": false})),
        DirectoryRoute::ApiPartnershipPut => Some(json!({
            "name": PARTNERSHIP.0, "purpose": PARTNERSHIP.1, "legal_basis": PARTNERSHIP.2,
            "data_categories": ["aggregate_outcomes"], "valid_from": "2026-01-01", "valid_to": null,
            "parties": [w.org_a.to_string(), w.org_c.to_string()],
        })),
        DirectoryRoute::ApiProgrammePut => Some(
            json!({"name": PROGRAMME, "description": null, "delivery": ["individual"], "modes": ["phone"], "locations": [], "active": true}),
        ),
        _ => None,
    }
}

/// This area's UI routes with an id, for the check that the routers register exactly the
/// id routes the tests know of.
pub const UI_ID_ROUTES: &[(&str, &str)] = &[
    ("GET", "/organisations/{id}"),
    ("GET", "/organisations/{id}/edit"),
    ("POST", "/organisations/{id}"),
    ("POST", "/organisations/{id}/administrators"),
    ("GET", "/partnerships/{id}"),
    ("GET", "/partnerships/{id}/edit"),
    ("POST", "/partnerships/{id}"),
    ("GET", "/programmes/{id}"),
    ("GET", "/programmes/{id}/edit"),
    ("POST", "/programmes/{id}"),
];
