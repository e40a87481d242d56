//! The peer workforce: the external supervisor's narrow access, and the public job application.

use axum::http::StatusCode;
use sammen_app::Ctx;
use sammen_app::access::auth::{self, TokenScope};
use sammen_domain::people::{Email, Password};
use sammen_domain::workforce::recruitment as rk;
use sammen_domain::workforce::roles::RoleInput;
use sammen_domain::{OrgId, UserId};
use sammen_i18n::Lang;
use sammen_store::StoreError;
use sammen_web::IdRoute;
use sammen_web::workforce::IdRoute as WorkforceRoute;
use serde_json::{Value, json};
use tower::ServiceExt as _;

use crate::authz::{
    self, APPLICATION_READERS, MANAGERS, MEMBERS, PANEL, PARTICIPANT_NAME, PARTNERSHIP, PEER, PEER_NAME, PROGRAMME, ROLE, Res, Rule,
    STAFF_NAME, SUPERVISING, TRAINING_COURSE, World, is_api,
};
use crate::harness::*;

// ---------------------------------------------------------------- documents

/// The function description and the workforce overview, as served, are accessible PDFs:
/// tagged, titled, in Danish, fonts embedded, text only in tagged or artifact content, the
/// structure tree in reading order (`scripts/check-pdf.py`, docs/accessible-documents.md).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_workforce_pdfs_pass_the_accessibility_checks() {
    on_every_backend("workforce pdfs", |env| async move {
        let b = env.backend;
        let w = World::new(&env).await;
        let admin = w.callers.iter().find(|c| c.who == authz::Who::A(sammen_domain::people::Role::Administrator)).unwrap();
        let (mut dirs, mut files) = (Vec::new(), Vec::new());
        for (name, path) in
            [("role", format!("/roles/{}/function-description.pdf", w.role)), ("overview", "/workforce/overview.pdf".into())]
        {
            let res = env.router.clone().oneshot(Req::get(&path).cookie(&admin.browser.cookie).build()).await.unwrap();
            assert_eq!(res.status(), StatusCode::OK, "{b}: {path}");
            let bytes = http_body_util::BodyExt::collect(res.into_body()).await.unwrap().to_bytes();
            assert!(bytes.starts_with(b"%PDF-1.7"), "{b}: {path}");
            let (dir, file) = sammen_test_support::tools::temp_file(&format!("{name}.pdf"), &bytes);
            dirs.push(dir);
            files.push(file);
        }
        let files: Vec<&std::path::Path> = files.iter().map(|f| f.as_path()).collect();
        sammen_test_support::tools::check_pdf(&files, &["--pdfa", "--expect-types", "H1,H2,P,L,LI,Lbl,LBody"]);
    })
    .await;
}

// ---------------------------------------------------------------- supervision

/// An external supervisor: an account with no role in any organisation whose only grant is a
/// supervision relation. They reach the supervision page and the sessions they lead; every other
/// id route and every other page and API list answers 403 or 404 and shows them nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_external_supervisor_reaches_supervision_only() {
    on_every_backend("external supervisor", |env| async move {
        let b = env.backend;
        let w = World::new(&env).await;
        let email = "ekstern@netvaerk.test";
        let hash = auth::hash_password(&env.app, &Password::parse(PW).unwrap()).unwrap();
        let uid: UserId = env.app.next_id();
        let row = sammen_store::rows::UserRow {
            id: uid.into(),
            organisation_id: None,
            email: email.into(),
            display_name: "Ekstern Supervisor".into(),
            password_hash: hash,
            system_admin: false,
            totp_secret: None,
            totp_enabled: false,
            totp_last_step: None,
            active: true,
            password_changed_at: 0,
            created_at: 0,
            updated_at: 0,
        };
        env.app.db.write(move |tx| -> Result<(), StoreError> { sammen_store::access::insert_user(tx.conn(), &row) }).await.unwrap();
        use sammen_app::workforce::supervision as sv;
        let assign = sv::Assign::External { name: "Ekstern Supervisor".into(), email: Email::parse(email).unwrap() };
        let shown = sv::assign(&env.app, &w.admin_a, w.peer, sammen_domain::workforce::supervision::SupervisionKind::Professional, assign)
            .await
            .unwrap();
        assert!(shown.is_none(), "{b}: an existing account is reused, no password made");
        let input = sammen_domain::workforce::supervision::SessionInput::parse(
            "professional",
            "individual",
            "2026-03-06",
            "10:00",
            "60",
            &uid.to_string(),
            &[w.peer.to_string()],
        )
        .unwrap();
        let mine = sv::plan_session(&env.app, &w.admin_a, input).await.unwrap();
        let browser = env.login(email).await;
        let (_, token) = env.token(uid, None, TokenScope::Write).await;
        // The navigation offers supervision and the account only.
        let home = env.send(Req::get("/").cookie(&browser.cookie)).await;
        assert!(home.body.contains("href=\"/supervision\""), "{b}");
        for hidden in ["/participants", "/peer-workers", "/reports", "/staff", "/programmes", "/roles"] {
            assert!(!home.body.contains(&format!("href=\"{hidden}\"")), "{b}: the navigation offers {hidden}");
        }
        let page = env.send(Req::get("/supervision").cookie(&browser.cookie)).await;
        assert_eq!(page.status, StatusCode::OK, "{b}: {}", excerpt(&page.body));
        assert!(page.body.contains(PEER_NAME), "{b}: the supervisee is named");
        let session = env.send(Req::get(&format!("/supervision/sessions/{mine}")).cookie(&browser.cookie)).await;
        assert_eq!(session.status, StatusCode::OK, "{b}");
        let api = env.send(Req::get(&format!("/api/v1/supervision/sessions/{mine}")).bearer(&token)).await;
        assert_eq!(api.status, StatusCode::OK, "{b}");
        // Every id route of the matrix, on A's resources, is closed to them.
        for r in IdRoute::all() {
            let rule = authz::rule(r);
            let id = w.id(rule.on);
            let mut req = w.request(r, &id, None);
            if is_api(r) {
                req = req.bearer(&token);
            } else {
                req = Req::new(r.method(), &r.path().replace("{id}", &id)).cookie(&browser.cookie);
                if r.method() == "POST" {
                    let mut form = vec![("csrf", browser.csrf.clone())];
                    form.extend(authz::ui_form(r, &w, 9_000));
                    // A route that takes a file (the import of a study) gets it as multipart.
                    req = match authz::ui_file(r, &w) {
                        Some(file) => req.raw("multipart/form-data; boundary=sammenAuthz", authz::multipart(&form, &file)),
                        None => req.form(&form),
                    };
                }
            }
            let res = env.send(req).await;
            assert!(
                matches!(res.status, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN),
                "{b}: {} {} gave the external supervisor {}",
                r.method(),
                r.path(),
                res.status
            );
        }
        let mut open = Vec::new();
        for path in [
            "/participants",
            "/referrals",
            "/peer-workers",
            "/programmes",
            "/staff",
            "/roles",
            "/groups",
            "/partnerships",
            "/instruments",
            "/outbox",
            "/reports",
            "/import",
            "/audit",
            "/my",
            "/supervision/sessions/new",
        ] {
            let res = env.send(Req::get(path).cookie(&browser.cookie)).await;
            if !matches!(res.status, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN) {
                open.push(format!("{path} {}", res.status));
            }
        }
        for path in [
            "/api/v1/participants",
            "/api/v1/peer-workers",
            "/api/v1/staff",
            "/api/v1/programmes",
            "/api/v1/groups",
            "/api/v1/partnerships",
            "/api/v1/supervision/overview",
            "/api/v1/wellbeing/aggregates",
        ] {
            let res = env.send(Req::get(path).bearer(&token)).await;
            if !matches!(res.status, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN) {
                open.push(format!("{path} {}", res.status));
            }
        }
        // Pages that existed before and answer any signed-in account with an empty page (the
        // account's own referrals, partnerships of its organisations, forms): they show nothing of A.
        for path in ["/referrals", "/partnerships", "/reports", "/import", "/api/v1/partnerships"] {
            let req = if path.starts_with("/api/") { Req::get(path).bearer(&token) } else { Req::get(path).cookie(&browser.cookie) };
            let res = env.send(req).await;
            for secret in [ORG_A, PEER_NAME, PARTICIPANT_NAME, PROGRAMME, PARTNERSHIP.0, STAFF_NAME] {
                assert!(!res.body.contains(&html(secret)) && !res.body.contains(secret), "{b}: {path} shows {secret}");
            }
            open.retain(|o| !o.starts_with(&format!("{path} ")));
        }
        assert!(open.is_empty(), "{b}: open to the external supervisor: {open:?}");
        // Their wellbeing page lists only what supervisees shared with them (nothing yet).
        let wellbeing = env.send(Req::get("/wellbeing").cookie(&browser.cookie)).await;
        assert_eq!(wellbeing.status, StatusCode::OK, "{b}");
        assert!(!wellbeing.body.contains("Travlt"), "{b}: the peer's private check-in is not shown");
    })
    .await;
}

// ---------------------------------------------------------------- recruitment

pub const POSTING_INTRO: &str = "Vi søger en peer-medarbejder";

/// An open posting of the role (deadline 2026-03-20, start 2026-04-15).
pub async fn recruitment_posting(env: &Env, admin: &Ctx, role_key: &str) -> sammen_domain::PostingId {
    let input = rk::PostingInput::parse(role_key, POSTING_INTRO, "Sundhedshuset", "2026-03-20", "2026-04-15", "open").unwrap();
    sammen_app::workforce::recruitment::save_posting(&env.app, admin, None, input).await.unwrap()
}

/// An application with a PDF attachment; moved on to the interview stage when `interview`.
pub async fn recruitment_application(
    env: &Env,
    admin: &Ctx,
    org: OrgId,
    posting: sammen_domain::PostingId,
    name: &str,
    interview: bool,
) -> sammen_domain::ApplicationId {
    use sammen_app::workforce::recruitment as rc;
    let email = format!("{}@ansoeger.test", name.to_lowercase().replace(' ', "."));
    let input = rk::ApplicationInput::parse(name, &email, None, "da", "Jeg har selv været der.", true).unwrap();
    let files = rk::check_attachments(vec![("cv.pdf".into(), b"%PDF-1.4\n%%EOF\n".to_vec())]).unwrap();
    // Each from its own address, so that the throttle never stops the fixture.
    let address = format!("192.0.2.{}", name.len() + env.app.random_bytes::<1>()[0] as usize % 200);
    rc::apply(&env.app, org, posting, input, files, false, &address, "fixture").await.unwrap();
    let (_, list) = rc::applications(&env.app, admin, posting, None).await.unwrap();
    let id = list.iter().find(|a| a.name == name).unwrap().id;
    if interview {
        rc::move_stage(&env.app, admin, id, rk::Stage::Screening, None, None).await.unwrap();
        rc::move_stage(&env.app, admin, id, rk::Stage::Interview, None, None).await.unwrap();
    }
    id
}

/// A multipart body with text fields and files.
fn multipart(fields: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "sammen-test-boundary-7f3a";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes());
    }
    for (name, mime, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"{name}\"\r\nContent-Type: {mime}\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ui_the_public_application_is_validated_and_attachments_are_judged_by_content() {
    on_every_backend("recruitment-public", |env| async move {
        let b = env.backend;
        let s = small(&env).await;
        let user = env.app.db.read(|c| sammen_store::access::user_by_email(c, "koordinator@a.test")).await.unwrap().unwrap();
        let coord = ctx_of(&env.app, user.id.get(), Some(s.org)).await;
        let role = RoleInput::parse(
            "Peer-medarbejder",
            "Støtte",
            "Samtaler",
            "outpatient_clinic",
            &["individual_support".into()],
            "paid",
            "12",
            "permanent",
            "",
            &[],
        )
        .unwrap();
        let role = sammen_app::workforce::roles::save_role(&env.app, &coord, None, role).await.unwrap();
        let posting = recruitment_posting(&env, &coord, &role.id.to_string()).await;
        let jobs = format!("/jobs/{}", s.org);
        let page = env.send(Req::get(&jobs)).await;
        assert_eq!(page.status, StatusCode::OK, "{b}: public, no account");
        assert!(page.body.contains("Peer-medarbejder") && page.body.contains(&format!("{jobs}/{posting}")), "{b}");
        let path = format!("{jobs}/{posting}");
        let form = env.send(Req::get(&path)).await;
        assert_eq!(form.status, StatusCode::OK, "{b}");
        assert!(form.body.contains("enctype=\"multipart/form-data\"") && form.body.contains("<legend>"), "{b}");
        assert_eq!(env.send(Req::get(&format!("{jobs}/not-an-id"))).await.status, StatusCode::NOT_FOUND, "{b}");
        let count = |env: &Env| {
            let db = env.app.db.clone();
            async move { db.read(move |c| sammen_store::workforce::recruitment::applications_of(c, posting, None)).await.unwrap().len() }
        };
        let fields = [
            ("name", "Asta Ansøger"),
            ("email", "asta@example.dk"),
            ("language", "en"),
            ("motivation", "Jeg vil gerne give håb videre."),
            ("consent", "on"),
            ("website", ""),
        ];
        // No consent: a translated field error, nothing stored.
        let (ct, body) = multipart(&fields[..4], &[]);
        let bad = env.send(Req::new("POST", &path).raw(&ct, body)).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{b}: {}", excerpt(&bad.body));
        assert!(bad.body.contains(&html(&env.i18n.t(Lang::Da, "err-consent-required"))), "{b}");
        // An .exe named .pdf and sent as a PDF: refused by its content, nothing stored.
        let exe = [&b"MZ\x90\x00\x03\x00\x00\x00"[..], &[0u8; 64]].concat();
        let (ct, body) = multipart(&fields, &[("cv.pdf", "application/pdf", &exe)]);
        let bad = env.send(Req::new("POST", &path).raw(&ct, body)).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        assert!(bad.body.contains(&html(&env.i18n.t(Lang::Da, "err-attachment-type"))), "{b}");
        // Four files: too many.
        let pdf: &[u8] = b"%PDF-1.4\n%%EOF\n";
        let four = [("a.pdf", "application/pdf", pdf); 4];
        let (ct, body) = multipart(&fields, &four);
        let bad = env.send(Req::new("POST", &path).raw(&ct, body)).await;
        assert!(bad.body.contains(&html(&env.i18n.t(Lang::Da, "err-attachment-count"))), "{b}");
        assert_eq!(count(&env).await, 0, "{b}: nothing stored");
        // A PDF named .png: accepted as the PDF it is; the receipt echoes nothing.
        let (ct, body) = multipart(&fields, &[("photo.png", "image/png", pdf)]);
        let ok = env.send(Req::new("POST", &path).raw(&ct, body)).await;
        assert_eq!(ok.status, StatusCode::OK, "{b}: {}", excerpt(&ok.body));
        assert!(ok.body.contains(&html(&env.i18n.t(Lang::Da, "jobs-done-title"))), "{b}");
        assert!(!ok.body.contains("Asta") && !ok.body.contains("asta@example.dk"), "{b}: nothing shown back");
        assert_eq!(count(&env).await, 1, "{b}");

        // The coordinator downloads the attachment with the sniffed type, as an attachment.
        let (_, list) = sammen_app::workforce::recruitment::applications(&env.app, &coord, posting, None).await.unwrap();
        let app_page = env.send(Req::get(&format!("/applications/{}", list[0].id)).cookie(&s.browser.cookie)).await;
        assert_eq!(app_page.status, StatusCode::OK, "{b}");
        let at = app_page.body.find("/attachments/").unwrap();
        let link: String = app_page.body[at..].chars().take_while(|c| *c != '"').collect();
        assert!(app_page.body.contains("photo.pdf"), "{b}: named by its kind");
        let file = env.send(Req::get(&link).cookie(&s.browser.cookie)).await;
        assert_eq!(file.status, StatusCode::OK, "{b}");
        assert_eq!(file.header("content-type"), "application/pdf", "{b}");
        assert!(file.header("content-disposition").starts_with("attachment;"), "{b}");
        assert_eq!(file.header("x-content-type-options"), "nosniff", "{b}");
        assert!(file.body.starts_with("%PDF-"), "{b}");
        // The posting page lists it by stage; an unknown stage filter shows all.
        let p = env.send(Req::get(&format!("/postings/{posting}?stage=received")).cookie(&s.browser.cookie)).await;
        assert!(p.body.contains("Asta Ansøger"), "{b}");
        let p = env.send(Req::get(&format!("/postings/{posting}?stage=hired")).cookie(&s.browser.cookie)).await;
        assert!(!p.body.contains("Asta Ansøger"), "{b}");
    })
    .await;
}

// ---------------------------------------------------------------- authorisation (`crate::authz`)

/// Who may call each of this area's id routes, derived from the handlers and `domain::policy`.
/// No wildcard arm: a new route must be given its rule here before the authorisation test compiles.
pub fn rule(r: WorkforceRoute) -> Rule {
    let (on, a, system_admin) = match r {
        // policy::view_roles: every member (not personal data); edit_roles: managers.
        WorkforceRoute::RoleShow | WorkforceRoute::RolePdf => (Res::Role, MEMBERS, false),
        WorkforceRoute::RoleEdit | WorkforceRoute::RoleUpdate => (Res::Role, MANAGERS, false),
        // policy::view_engagements / edit_engagements: managers (and the peer, who is not A's account's).
        WorkforceRoute::PeerEngagements | WorkforceRoute::PeerEngagementAdd => (Res::Peer, MANAGERS, false),
        // Supervision and wellbeing. policy::manage_supervision: a peer's supervisors
        // are the managers' (and the peer's own, who is not A's account's).
        WorkforceRoute::PeerSupervision | WorkforceRoute::PeerSupervisorAssign => (Res::Peer, MANAGERS, false),
        // policy::view_supervision_session: managers and the session's supervisor (A's supervisor);
        // the supervisee invited is not A's peer-worker account.
        WorkforceRoute::SupervisionSessionShow | WorkforceRoute::SupervisionSessionSave | WorkforceRoute::ApiSupervisionSessionGet => {
            (Res::SupervisionSession, SUPERVISING, false)
        }
        // policy::answer_check_in: the peer alone.
        WorkforceRoute::CheckInShare => (Res::CheckIn, PEER, false),
        // onboarding and training: policy::view_training_catalogue (every member) and
        // manage_training (managers); view_training: managers and the peer (not A's account's).
        WorkforceRoute::TrainingCourseShow => (Res::TrainingCourse, MEMBERS, false),
        WorkforceRoute::TrainingCourseEdit | WorkforceRoute::TrainingCourseUpdate | WorkforceRoute::TrainingCohortCreate => {
            (Res::TrainingCourse, MANAGERS, false)
        }
        WorkforceRoute::CohortShow
        | WorkforceRoute::CohortEnrol
        | WorkforceRoute::CohortAttendance
        | WorkforceRoute::CohortComplete
        | WorkforceRoute::ApiCohortEnrol
        | WorkforceRoute::ApiCohortComplete => (Res::Cohort, MANAGERS, false),
        WorkforceRoute::PeerTraining
        | WorkforceRoute::PeerOnboarding
        | WorkforceRoute::ApiPeerTraining
        | WorkforceRoute::ApiPeerOnboarding => (Res::Peer, MANAGERS, false),
        WorkforceRoute::PeerOnboardingStart | WorkforceRoute::PeerOnboardingItem => (Res::Peer, MANAGERS, false),
        // The checklist is part of the role (policy::view_roles); managers change it.
        WorkforceRoute::RoleOnboarding => (Res::Role, MEMBERS, false),
        WorkforceRoute::RoleOnboardingSave => (Res::Role, MANAGERS, false),
        // Recruitment: policy::manage_recruitment, view_application, score_interview.
        WorkforceRoute::PostingShow
        | WorkforceRoute::PostingEdit
        | WorkforceRoute::PostingUpdate
        | WorkforceRoute::ApiPostingApplications => (Res::Posting, MANAGERS, false),
        WorkforceRoute::ApplicationShow | WorkforceRoute::ApiApplicationGet => (Res::Application, APPLICATION_READERS, false),
        WorkforceRoute::AttachmentDownload => (Res::Attachment, APPLICATION_READERS, false),
        WorkforceRoute::ApplicationStage
        | WorkforceRoute::ApplicationInterviewCreate
        | WorkforceRoute::ApplicationDecideForm
        | WorkforceRoute::ApplicationDecide
        | WorkforceRoute::ApplicationLetter
        | WorkforceRoute::ApiApplicationStage => (Res::Application, MANAGERS, false),
        WorkforceRoute::InterviewScores | WorkforceRoute::ApiInterviewScores => (Res::Interview, PANEL, false),
    };
    Rule { on, a, system_admin }
}

/// This area's routes whose allowed call uses up the resource: each allowed caller gets a fresh one.
pub fn consumes(r: WorkforceRoute) -> bool {
    matches!(
        r,
        // Recruitment: a move or decision happens once.
        WorkforceRoute::ApplicationStage | WorkforceRoute::ApplicationDecide | WorkforceRoute::ApiApplicationStage
    )
}

/// A valid form for each of this area's UI POST routes (the CSRF field is added by the caller).
pub fn ui_form(r: WorkforceRoute, w: &World, _n: u32) -> Vec<(&'static str, String)> {
    match r {
        WorkforceRoute::RoleShow | WorkforceRoute::RoleEdit | WorkforceRoute::RolePdf => Vec::new(),
        WorkforceRoute::PeerEngagements => Vec::new(),
        WorkforceRoute::PeerEngagementAdd => vec![
            ("kind", "volunteer_agreement".into()),
            ("title", "Frivillig peer".into()),
            ("hours_per_week", "4".into()),
            ("term", "permanent".into()),
            ("starts_on", "2026-01-01".into()),
        ],
        // Supervision and wellbeing.
        WorkforceRoute::PeerSupervision | WorkforceRoute::SupervisionSessionShow | WorkforceRoute::ApiSupervisionSessionGet => Vec::new(),
        WorkforceRoute::PeerSupervisorAssign => {
            vec![("kind", "professional".into()), ("supervisor", w.supervisor_a.to_string())]
        }
        WorkforceRoute::SupervisionSessionSave => vec![("status", "planned".into())],
        WorkforceRoute::CheckInShare => vec![("shared", "true".into())],
        // Recruitment.
        WorkforceRoute::PostingUpdate => vec![
            ("role_key", w.posting_role.clone()),
            ("intro", POSTING_INTRO.into()),
            ("place", "Sundhedshuset".into()),
            ("deadline", "2026-03-20".into()),
            ("starts_on", "2026-04-15".into()),
            ("status", "open".into()),
        ],
        WorkforceRoute::ApplicationStage => vec![("stage", "screening".into())],
        WorkforceRoute::ApplicationInterviewCreate => vec![
            ("date", "2026-03-12".into()),
            ("time", "10:00".into()),
            ("place", "Lokale 2".into()),
            ("panel", w.panel[0].to_string()),
            ("panel", w.panel[1].to_string()),
        ],
        WorkforceRoute::ApplicationDecide => {
            vec![("decision", "rejected".into()), ("subject", "Din ansøgning".into()), ("body", "Kære ansøger. Tak.".into())]
        }
        WorkforceRoute::InterviewScores => ["hope", "self_determination", "self_exploration", "change_agent", "listening"]
            .iter()
            .map(|c| match *c {
                "hope" => ("score_hope", "4".to_owned()),
                "self_determination" => ("score_self_determination", "4".to_owned()),
                "self_exploration" => ("score_self_exploration", "3".to_owned()),
                "change_agent" => ("score_change_agent", "3".to_owned()),
                _ => ("score_listening", "5".to_owned()),
            })
            .collect(),
        WorkforceRoute::PostingShow
        | WorkforceRoute::PostingEdit
        | WorkforceRoute::ApplicationShow
        | WorkforceRoute::ApplicationDecideForm
        | WorkforceRoute::ApplicationLetter
        | WorkforceRoute::AttachmentDownload
        | WorkforceRoute::ApiPostingApplications
        | WorkforceRoute::ApiApplicationGet
        | WorkforceRoute::ApiApplicationStage
        | WorkforceRoute::ApiInterviewScores => Vec::new(),
        WorkforceRoute::RoleUpdate => vec![
            ("title", ROLE.into()),
            ("purpose", "Støtte i recovery".into()),
            ("tasks", "Samtaler".into()),
            ("setting", "outpatient_clinic".into()),
            ("functions", "individual_support".into()),
            ("engagement", "paid".into()),
            ("hours_per_week", "12".into()),
            ("term", "permanent".into()),
        ],
        // onboarding and training
        WorkforceRoute::TrainingCourseUpdate => vec![
            ("kind", "intro_course".into()),
            ("title", TRAINING_COURSE.into()),
            ("themes", "Formål\nEgen historie".into()),
            ("hours", "12".into()),
            ("validity_months", "36".into()),
            ("active", "on".into()),
        ],
        WorkforceRoute::TrainingCohortCreate => {
            vec![("date_0", "2026-04-01".into()), ("time_0", "17:00".into()), ("duration_0", "180".into())]
        }
        WorkforceRoute::CohortEnrol => vec![("peer_id", w.peer.to_string())],
        WorkforceRoute::CohortAttendance => {
            vec![("meeting", w.cohort_meeting.clone()), ("present", format!("{}:{}", w.cohort_meeting, w.peer))]
        }
        WorkforceRoute::CohortComplete => vec![("peer_id", w.peer.to_string()), ("outcome", "completed".into())],
        WorkforceRoute::PeerOnboardingStart => vec![("role_key", w.role.to_string())],
        WorkforceRoute::PeerOnboardingItem => vec![("item", w.onboarding_item.clone()), ("done", "on".into())],
        WorkforceRoute::RoleOnboardingSave => vec![
            ("rows", "1".into()),
            ("kind_0", "introduction".into()),
            ("title_0", String::new()),
            ("owner_0", "coordinator".into()),
            ("days_0", "14".into()),
        ],
        WorkforceRoute::TrainingCourseShow
        | WorkforceRoute::TrainingCourseEdit
        | WorkforceRoute::CohortShow
        | WorkforceRoute::PeerTraining
        | WorkforceRoute::PeerOnboarding
        | WorkforceRoute::RoleOnboarding
        | WorkforceRoute::ApiCohortEnrol
        | WorkforceRoute::ApiCohortComplete
        | WorkforceRoute::ApiPeerTraining
        | WorkforceRoute::ApiPeerOnboarding => Vec::new(),
    }
}

/// A valid JSON body for each of this area's API routes that takes one.
pub fn api_body(r: WorkforceRoute, w: &World) -> Option<Value> {
    match r {
        // Recruitment.
        WorkforceRoute::ApiApplicationStage => Some(json!({"stage": "screening", "note": "Videre"})),
        WorkforceRoute::ApiInterviewScores => Some(json!({"scores": [
            {"competence": "hope", "score": 4}, {"competence": "self_determination", "score": 4},
            {"competence": "self_exploration", "score": 3}, {"competence": "change_agent", "score": 3, "note": "Konkret"},
            {"competence": "listening", "score": 5},
        ]})),
        // onboarding and training
        WorkforceRoute::ApiCohortEnrol => Some(json!({"peer_worker_id": w.peer.to_string()})),
        WorkforceRoute::ApiCohortComplete => Some(json!({"peer_worker_id": w.peer.to_string(), "outcome": "completed"})),
        _ => None,
    }
}

/// This area's UI routes with an id, for the check that the routers register exactly the
/// id routes the tests know of.
pub const UI_ID_ROUTES: &[(&str, &str)] = &[
    ("GET", "/roles/{id}"),
    ("GET", "/roles/{id}/edit"),
    ("POST", "/roles/{id}"),
    ("GET", "/roles/{id}/function-description.pdf"),
    ("GET", "/peer-workers/{id}/engagements"),
    ("POST", "/peer-workers/{id}/engagements"),
    ("GET", "/peer-workers/{id}/supervision"),
    ("POST", "/peer-workers/{id}/supervisors"),
    ("GET", "/supervision/sessions/{id}"),
    ("POST", "/supervision/sessions/{id}"),
    ("POST", "/wellbeing/check-ins/{id}/share"),
    ("GET", "/training/courses/{id}"),
    ("GET", "/training/courses/{id}/edit"),
    ("POST", "/training/courses/{id}"),
    ("POST", "/training/courses/{id}/cohorts"),
    ("GET", "/cohorts/{id}"),
    ("POST", "/cohorts/{id}/enrolments"),
    ("POST", "/cohorts/{id}/attendance"),
    ("POST", "/cohorts/{id}/completions"),
    ("GET", "/peer-workers/{id}/training"),
    ("GET", "/peer-workers/{id}/onboarding"),
    ("POST", "/peer-workers/{id}/onboarding"),
    ("POST", "/peer-workers/{id}/onboarding/items"),
    ("GET", "/roles/{id}/onboarding"),
    ("POST", "/roles/{id}/onboarding"),
    ("GET", "/postings/{id}"),
    ("GET", "/postings/{id}/edit"),
    ("POST", "/postings/{id}"),
    ("GET", "/applications/{id}"),
    ("POST", "/applications/{id}/stage"),
    ("POST", "/applications/{id}/interviews"),
    ("GET", "/applications/{id}/decide"),
    ("POST", "/applications/{id}/decide"),
    ("GET", "/applications/{id}/letter"),
    ("POST", "/interviews/{id}/scores"),
    ("GET", "/attachments/{id}"),
];
