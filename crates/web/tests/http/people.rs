//! People: participants through the API (status codes, the error body, validation, limits,
//! scopes and paging) and through the UI's forms (CSRF, field errors, limits).

use std::collections::BTreeSet;

use axum::http::StatusCode;
use sammen_domain::ParticipantId;
use sammen_i18n::Lang;
use sammen_web::people::IdRoute as PeopleRoute;
use serde_json::{Value, json};

use crate::authz::{ADMIN, MANAGERS, PARTICIPANT_NAME, PEER_NAME, Res, Rule, STAFF_NAME, SUPERVISING, World};
use crate::harness::*;

// ---------------------------------------------------------------- the API

async fn total(env: &Env, token: &str) -> i64 {
    let res = env.send(Req::get("/api/v1/participants").bearer(token)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", excerpt(&res.body));
    res.json()["total"].as_i64().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_creates_reads_validates_pages_and_deletes_participants() {
    on_every_backend("api-participants", |env| async move {
        let b = env.backend;
        let s = small(&env).await;
        let post = |body: Value| Req::new("POST", "/api/v1/participants").bearer(&s.write).json(&body);

        // Created: 201 with the new resource's address, which then reads back.
        let res =
            env.send(post(json!({"name": "Anna Andersen", "cpr": "010190-1234", "status": "active", "languages": ["da", "en"]}))).await;
        assert_eq!(res.status, StatusCode::CREATED, "{b}: {}", excerpt(&res.body));
        let created = res.json();
        let id = created["id"].as_str().unwrap().to_owned();
        assert_eq!(res.location(), format!("/api/v1/participants/{id}"), "{b}");
        assert_eq!(created["cpr"], "010190-1234", "{b}: a coordinator sees the whole CPR number");
        let res = env.send(Req::get(res.location()).bearer(&s.write)).await;
        assert_eq!(res.status, StatusCode::OK, "{b}");
        assert_eq!(res.json()["name"], "Anna Andersen");
        assert_eq!(res.json()["organisation_id"], s.org.to_string());
        let count = total(&env, &s.write).await;
        assert_eq!(count, 1, "{b}");

        // Bodies that do not parse, or name unknown or invalid fields: 422 and nothing stored.
        let res = env.send(Req::new("POST", "/api/v1/participants").bearer(&s.write).raw("application/json", b"{not json".to_vec())).await;
        assert_error_body(&format!("{b}: malformed JSON"), &res, StatusCode::UNPROCESSABLE_ENTITY, "validation");
        let res = env.send(post(json!({"status": "waiting", "nickname": "Anna"}))).await;
        let e = assert_error_body(&format!("{b}: unknown field"), &res, StatusCode::UNPROCESSABLE_ENTITY, "validation");
        assert_eq!(field_names(&e), BTreeSet::from(["nickname".to_owned()]), "{b}");
        let bad = json!({"email": "not-an-email", "cpr": "123", "status": "maybe", "languages": ["da"]});
        let expected = [("email", "err-email"), ("cpr", "err-cpr"), ("status", "err-choice")];
        for (lang, accept) in [(Lang::Da, None), (Lang::En, Some("en")), (Lang::Da, Some("da-DK,da;q=0.9"))] {
            let mut req = post(bad.clone());
            if let Some(a) = accept {
                req = req.header("accept-language", a);
            }
            let res = env.send(req).await;
            let e = assert_error_body(&format!("{b}: invalid fields"), &res, StatusCode::UNPROCESSABLE_ENTITY, "validation");
            assert_eq!(e["message"], env.i18n.t(lang, "error-validation"), "{b}: {lang:?}");
            let fields = e["fields"].as_array().unwrap();
            assert_eq!(fields.len(), expected.len(), "{b}: {fields:?}");
            for (name, code) in expected {
                let f = fields.iter().find(|f| f["field"] == name).unwrap_or_else(|| panic!("{b}: no error for {name}: {fields:?}"));
                assert_eq!(f["code"], code, "{b}: {name}");
                assert_eq!(f["message"], env.i18n.t(lang, code), "{b}: {name} in {lang:?}");
            }
        }
        assert_ne!(env.i18n.t(Lang::Da, "err-email"), env.i18n.t(Lang::En, "err-email"), "the two languages differ");

        // Too large: refused before it is parsed.
        let huge = json!({"name": "x".repeat(LIMIT), "status": "waiting"});
        let res = env.send(post(huge)).await;
        assert_error_body(&format!("{b}: body over 64 KiB"), &res, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large");
        assert_eq!(total(&env, &s.write).await, count, "{b}: nothing was created by the refused requests");
        assert_eq!(env.participant_count(s.org).await, count, "{b}");

        // A read-scoped token reads but never writes.
        let res = env.send(Req::get(&format!("/api/v1/participants/{id}")).bearer(&s.read)).await;
        assert_eq!(res.status, StatusCode::OK, "{b}");
        let body = json!({"name": "Anna", "status": "waiting"});
        for req in [
            Req::new("POST", "/api/v1/participants").bearer(&s.read).json(&body),
            Req::new("PUT", &format!("/api/v1/participants/{id}")).bearer(&s.read).json(&body),
            Req::new("DELETE", &format!("/api/v1/participants/{id}")).bearer(&s.read),
        ] {
            let what = format!("{b}: read-scoped {} {}", req.method, req.path);
            let res = env.send(req).await;
            assert_error_body(&what, &res, StatusCode::FORBIDDEN, "forbidden");
        }
        let res = env.send(Req::get(&format!("/api/v1/participants/{id}")).bearer(&s.read)).await;
        assert_eq!(res.json()["name"], "Anna Andersen", "{b}: the refused PUT changed nothing");

        // An update through PUT.
        let res = env.send(Req::new("PUT", &format!("/api/v1/participants/{id}")).bearer(&s.write).json(&body)).await;
        assert_eq!(res.status, StatusCode::OK, "{b}: {}", excerpt(&res.body));
        assert_eq!(res.json()["name"], "Anna");

        // Paging.
        for i in 0..4 {
            let res = env.send(post(json!({"name": format!("Deltager {i}")}))).await;
            assert_eq!(res.status, StatusCode::CREATED, "{b}");
        }
        let page = |q: &str| Req::get(&format!("/api/v1/participants?{q}")).bearer(&s.write);
        let p2 = env.send(page("per_page=2&page=2")).await.json();
        assert_eq!((p2["page"].as_i64(), p2["per_page"].as_i64(), p2["total"].as_i64()), (Some(2), Some(2), Some(5)), "{b}: {p2}");
        assert_eq!(p2["items"].as_array().unwrap().len(), 2, "{b}");
        let p1 = env.send(page("per_page=2&page=1")).await.json();
        let p3 = env.send(page("per_page=2&page=3")).await.json();
        assert_eq!(p3["items"].as_array().unwrap().len(), 1, "{b}: the last page holds the rest");
        let ids: BTreeSet<&str> =
            [&p1, &p2, &p3].iter().flat_map(|p| p["items"].as_array().unwrap()).map(|i| i["id"].as_str().unwrap()).collect();
        assert_eq!(ids.len(), 5, "{b}: the pages do not overlap");
        for q in ["per_page=0", "per_page=201", "per_page=abc"] {
            let res = env.send(page(q)).await;
            let e = assert_error_body(&format!("{b}: {q}"), &res, StatusCode::UNPROCESSABLE_ENTITY, "validation");
            assert_eq!(field_names(&e), BTreeSet::from(["per_page".to_owned()]), "{b}: {q}");
        }
        let res = env.send(page("page=0")).await;
        let e = assert_error_body(&format!("{b}: page=0"), &res, StatusCode::UNPROCESSABLE_ENTITY, "validation");
        assert_eq!(field_names(&e), BTreeSet::from(["page".to_owned()]), "{b}");

        // Deleted: gone.
        let res = env.send(Req::new("DELETE", &format!("/api/v1/participants/{id}")).bearer(&s.write)).await;
        assert_eq!(res.status, StatusCode::NO_CONTENT, "{b}: {}", excerpt(&res.body));
        let res = env.send(Req::get(&format!("/api/v1/participants/{id}")).bearer(&s.write)).await;
        assert_error_body(&format!("{b}: deleted"), &res, StatusCode::NOT_FOUND, "not_found");
        let res = env.send(Req::new("DELETE", &format!("/api/v1/participants/{id}")).bearer(&s.write)).await;
        assert_error_body(&format!("{b}: deleted twice"), &res, StatusCode::NOT_FOUND, "not_found");
        let res = env.send(Req::get("/api/v1/participants/not-an-id").bearer(&s.write)).await;
        assert_error_body(&format!("{b}: malformed id"), &res, StatusCode::NOT_FOUND, "not_found");
        assert_eq!(total(&env, &s.write).await, 4, "{b}");
    })
    .await;
}

// ---------------------------------------------------------------- the UI's forms

/// A valid participant form.
fn participant_form(csrf: &str, name: &str) -> Vec<(&'static str, String)> {
    vec![
        ("csrf", csrf.into()),
        ("name", name.into()),
        ("status", "waiting".into()),
        ("programme_id", String::new()),
        ("assigned_peer_id", String::new()),
        ("birth_year", "1990".into()),
        ("gender", "female".into()),
        ("languages", "da".into()),
        ("phone", String::new()),
        ("email", String::new()),
        ("cpr", String::new()),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ui_forms_check_csrf_validate_and_create() {
    on_every_backend("ui-forms", |env| async move {
        let b = env.backend;
        let s = small(&env).await;
        let post = |form: Vec<(&'static str, String)>| Req::new("POST", "/participants").cookie(&s.browser.cookie).form(&form);

        // No CSRF token, or a wrong one: an error page, nothing stored.
        let mut none = participant_form("", "Uden Token");
        none.remove(0);
        let wrong = participant_form(&format!("{}x", s.browser.csrf), "Forkert Token");
        let other = participant_form("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "Andet Token");
        for form in [none, wrong, other] {
            let res = env.send(post(form)).await;
            assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{b}: {}", excerpt(&res.body));
            assert!(res.header("content-type").starts_with("text/html"), "{b}");
            assert!(res.body.contains(&html(&env.i18n.t(Lang::Da, "error-validation"))), "{b}");
        }
        assert_eq!(env.participant_count(s.org).await, 0, "{b}: a request without the right CSRF token stores nothing");

        // A valid form creates and sends to the new record.
        let res = env.send(post(participant_form(&s.browser.csrf, "Bodil Bech"))).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}: {}", excerpt(&res.body));
        let location = res.location().to_owned();
        let id = location.strip_prefix("/participants/").unwrap_or_else(|| panic!("{b}: sent to {location}"));
        assert!(id.parse::<ParticipantId>().is_ok(), "{b}: {location}");
        let res = env.send(Req::get(&location).cookie(&s.browser.cookie)).await;
        assert_eq!(res.status, StatusCode::OK, "{b}");
        assert!(res.body.contains("Bodil Bech"), "{b}");
        assert_eq!(env.participant_count(s.org).await, 1, "{b}");

        // An invalid one comes back with the errors by each field, and nothing stored.
        let mut bad = participant_form(&s.browser.csrf, "Carl Carlsen");
        for (k, v) in bad.iter_mut() {
            match *k {
                "email" => *v = "carl(at)example".into(),
                "cpr" => *v = "320190-1234".into(),
                "status" => *v = "maybe".into(),
                _ => {}
            }
        }
        let res = env.send(post(bad)).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{b}: {}", excerpt(&res.body));
        assert!(res.body.contains("id=\"error-summary\""), "{b}: an error summary");
        for (field, code) in [("email", "err-email"), ("cpr", "err-cpr"), ("status", "err-choice")] {
            assert!(res.body.contains(&format!("id=\"e-{field}\"")), "{b}: an error by {field}");
            assert!(res.body.contains(&html(&env.i18n.t(Lang::Da, code))), "{b}: the Danish message {code}");
        }
        assert!(res.body.contains("value=\"Carl Carlsen\""), "{b}: what was typed is kept");
        assert_eq!(env.participant_count(s.org).await, 1, "{b}");

        // Too large: 413, for forms as for the API, and before the password is looked at.
        let mut huge = participant_form(&s.browser.csrf, "Stor Formular");
        huge.push(("notes", "x".repeat(LIMIT)));
        let res = env.send(post(huge)).await;
        assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE, "{b}: {}", excerpt(&res.body));
        assert!(res.body.contains(&html(&env.i18n.t(Lang::Da, "err-body-too-large"))), "{b}");
        let res = env.send(Req::new("POST", "/login").form(&[("email", "x@a.test".into()), ("password", "y".repeat(LIMIT))])).await;
        assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE, "{b}: login");
        assert_eq!(env.participant_count(s.org).await, 1, "{b}");
    })
    .await;
}

// ---------------------------------------------------------------- authorisation (`crate::authz`)

/// Who may call each of this area's id routes, derived from the handlers and `domain::policy`.
/// No wildcard arm: a new route must be given its rule here before the authorisation test compiles.
pub fn rule(r: PeopleRoute) -> Rule {
    let (on, a, system_admin) = match r {
        // Staff pages are scoped to the active organisation, which the system administrator lacks.
        PeopleRoute::StaffShow | PeopleRoute::ApiStaffGet => (Res::Staff, SUPERVISING, false),
        PeopleRoute::StaffEdit | PeopleRoute::StaffUpdate | PeopleRoute::StaffResetPassword | PeopleRoute::ApiStaffPut => {
            (Res::Staff, ADMIN, false)
        }
        // policy::view_peer_worker: supervising roles (the record is not A's peer worker's own).
        PeopleRoute::PeerShow | PeopleRoute::ApiPeerGet => (Res::Peer, SUPERVISING, false),
        PeopleRoute::PeerEdit | PeopleRoute::PeerUpdate | PeopleRoute::ApiPeerPut => (Res::Peer, MANAGERS, false),
        // policy::view_participant / edit_participant: managers; the participant is assigned to nobody.
        PeopleRoute::ParticipantShow
        | PeopleRoute::ParticipantEdit
        | PeopleRoute::ParticipantUpdate
        | PeopleRoute::ParticipantDelete
        | PeopleRoute::ApiParticipantGet
        | PeopleRoute::ApiParticipantPut
        | PeopleRoute::ApiParticipantDelete => (Res::Participant, MANAGERS, false),
    };
    Rule { on, a, system_admin }
}

/// This area's routes whose allowed call uses up the resource: each allowed caller gets a fresh one.
pub fn consumes(r: PeopleRoute) -> bool {
    matches!(r, PeopleRoute::ParticipantDelete | PeopleRoute::ApiParticipantDelete)
}

/// A valid form for each of this area's UI POST routes (the CSRF field is added by the caller).
pub fn ui_form(r: PeopleRoute, _w: &World, _n: u32) -> Vec<(&'static str, String)> {
    match r {
        PeopleRoute::StaffUpdate => {
            vec![("display_name", STAFF_NAME.into()), ("role", "referrer".into()), ("active", "on".into())]
        }
        PeopleRoute::PeerUpdate => vec![
            ("display_name", PEER_NAME.into()),
            ("email", String::new()),
            ("phone", String::new()),
            ("engagement", "volunteer".into()),
            ("status", "active".into()),
            ("languages", "da".into()),
            ("modes", "phone".into()),
        ],
        PeopleRoute::ParticipantUpdate => vec![
            ("name", PARTICIPANT_NAME.into()),
            ("status", "waiting".into()),
            ("languages", "da".into()),
            ("programme_id", String::new()),
            ("assigned_peer_id", String::new()),
        ],
        PeopleRoute::StaffResetPassword | PeopleRoute::ParticipantDelete => Vec::new(),
        PeopleRoute::StaffShow
        | PeopleRoute::StaffEdit
        | PeopleRoute::PeerShow
        | PeopleRoute::PeerEdit
        | PeopleRoute::ParticipantShow
        | PeopleRoute::ParticipantEdit
        | PeopleRoute::ApiStaffGet
        | PeopleRoute::ApiStaffPut
        | PeopleRoute::ApiPeerGet
        | PeopleRoute::ApiPeerPut
        | PeopleRoute::ApiParticipantGet
        | PeopleRoute::ApiParticipantPut
        | PeopleRoute::ApiParticipantDelete => Vec::new(),
    }
}

/// A valid JSON body for each of this area's API routes that takes one.
pub fn api_body(r: PeopleRoute, _w: &World) -> Option<Value> {
    match r {
        PeopleRoute::ApiStaffPut => Some(json!({"display_name": STAFF_NAME, "role": "referrer", "active": true})),
        PeopleRoute::ApiPeerPut => Some(json!({
            "display_name": PEER_NAME, "email": null, "phone": null, "engagement": "volunteer", "status": "active",
            "languages": ["da"], "modes": ["phone"],
        })),
        PeopleRoute::ApiParticipantPut => Some(json!({"name": PARTICIPANT_NAME, "status": "waiting", "languages": ["da"]})),
        _ => None,
    }
}

/// This area's UI routes with an id, for the check that the routers register exactly the
/// id routes the tests know of.
pub const UI_ID_ROUTES: &[(&str, &str)] = &[
    ("GET", "/staff/{id}"),
    ("GET", "/staff/{id}/edit"),
    ("POST", "/staff/{id}"),
    ("POST", "/staff/{id}/reset-password"),
    ("GET", "/peer-workers/{id}"),
    ("GET", "/peer-workers/{id}/edit"),
    ("POST", "/peer-workers/{id}"),
    ("GET", "/participants/{id}"),
    ("GET", "/participants/{id}/edit"),
    ("POST", "/participants/{id}"),
    ("POST", "/participants/{id}/delete"),
];

// ---------------------------------------------------------------- importing from a spreadsheet

/// A multipart upload to `/import`: the form's fields and the file.
fn import_upload(s: &Small, go: &str, file_name: &str, bytes: &[u8]) -> Req {
    let boundary = "sammen-import-boundary-5c1e";
    let mut body = Vec::new();
    for (k, v) in [("csrf", s.browser.csrf.as_str()), ("kind", "participants"), ("go", go)] {
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes());
    }
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    Req::new("POST", "/import").cookie(&s.browser.cookie).raw(&format!("multipart/form-data; boundary={boundary}"), body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ui_import_reads_workbooks_and_names_every_problem_by_line_and_column() {
    on_every_backend("ui-import", |env| async move {
        let b = env.backend;
        let s = small(&env).await;
        let form = env.send(Req::get("/import").cookie(&s.browser.cookie)).await;
        assert_eq!(form.status, StatusCode::OK, "{b}");
        assert!(form.body.contains(".xlsx") && form.body.contains(".ods"), "{b}: the form accepts workbooks");
        let before = env.participant_count(s.org).await;

        // An Excel workbook with an impossible birth year on its third row.
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (c, h) in ["Navn", "Fødselsår", "Status"].into_iter().enumerate() {
            sheet.write_string(0, c as u16, h).unwrap();
        }
        sheet.write_string(1, 0, "Søren Ærø").unwrap();
        sheet.write_number(1, 1, 1980).unwrap();
        sheet.write_string(1, 2, "aktiv").unwrap();
        sheet.write_string(2, 0, "Åse").unwrap();
        sheet.write_number(2, 1, 1800).unwrap();
        sheet.write_string(2, 2, "venteliste").unwrap();
        let xlsx = book.save_to_buffer().unwrap();
        let checked = env.send(import_upload(&s, "import", "deltagere.xlsx", &xlsx)).await;
        assert_eq!(checked.status, StatusCode::OK, "{b}: {}", excerpt(&checked.body));
        assert!(checked.body.contains("2 rækker læst (Excel-projektmappe (.xlsx)); 1 uden fejl."), "{b}: {}", excerpt(&checked.body));
        assert!(checked.body.contains(">3</th><td data-label=\"Kolonne\">2 (Fødselsår)</td>"), "{b}: {}", excerpt(&checked.body));
        assert!(checked.body.contains("Intet er gemt."), "{b}");
        assert_eq!(env.participant_count(s.org).await, before, "{b}: all or nothing");

        // A CSV with an unknown column, and an .ods: file problems named by line, column and header.
        let csv = "Navn;Status;Yndlingsfarve\r\nBo;aktiv;blå\r\n";
        let r = env.send(import_upload(&s, "check", "deltagere.csv", csv.as_bytes())).await;
        let expected = "Linje 1, kolonne 3 (Yndlingsfarve): Kolonnen »Yndlingsfarve« kendes ikke.";
        assert!(r.body.contains(expected), "{b}: {}", excerpt(&r.body));
        let ods = sammen_tabular::testing::ods(&[&["Navn", "Status"], &["Bo", "aktiv"], &["Carl", "aktiv", "x"]]);
        let r = env.send(import_upload(&s, "import", "deltagere.ods", &ods)).await;
        let expected = "Linje 3, kolonne 3: Der står en værdi i en kolonne uden overskrift.";
        assert!(r.body.contains(expected), "{b}: {}", excerpt(&r.body));
        assert_eq!(env.participant_count(s.org).await, before, "{b}: all or nothing");
        let r = env.send(import_upload(&s, "import", "deltagere.xlsx", b"Navn;Status\nBo;aktiv\n")).await;
        assert!(
            r.body.contains("Filen kunne ikke læses.") && r.body.contains("Linje 1: Filen (.xlsx) kan ikke læses som regneark"),
            "{b}: {}",
            excerpt(&r.body)
        );

        // Corrected, the workbook is imported.
        let ods = sammen_tabular::testing::ods(&[
            &["Navn", "Fødselsår", "Status"],
            &["Søren Ærø", "1980", "aktiv"],
            &["Åse", "1975", "venteliste"],
        ]);
        let r = env.send(import_upload(&s, "import", "deltagere.ods", &ods)).await;
        assert!(r.body.contains("2 oprettet."), "{b}: {}", excerpt(&r.body));
        assert_eq!(env.participant_count(s.org).await, before + 2, "{b}");
    })
    .await;
}
