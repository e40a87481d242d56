//! The web layer's tests: one binary, every test on every backend
//! (`sammen_test_support::backends`: SQLite always, PostgreSQL when `SAMMEN_TEST_PG` is set).
//!
//! Each test builds the real `App` over a fresh database (a `ManualClock` fixed in 2026, a
//! seeded random source), wraps it in the real router and drives it request by request with
//! `tower::ServiceExt::oneshot`: real cookies, real CSRF tokens, real bearer tokens, real
//! audit records. Nothing is mocked.
//!
//! 1. `every_id_route_admits_exactly_the_roles_its_rule_names`: the generated authorisation
//!    test. `rule` matches on [`IdRoute`] without a wildcard, so a new route does not compile
//!    until someone says here who may call it.
//! 2. `openapi_document_matches_the_committed_copy`: `docs/openapi.json` is the served
//!    document (`UPDATE_OPENAPI=1` rewrites it).
//! 3. `api_*`: status codes, the error body, validation, limits, scopes and paging.
//! 4. `ui_*`: login, CSRF, forms, language, redirects and security headers.
//! 5. `every_text_key_the_web_layer_uses_exists_in_both_languages`.

// Test code: a failed expectation should stop the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use sammen_app::auth::{self, TokenScope};
use sammen_app::intake;
use sammen_app::measurement as ms;
use sammen_app::people as app_people;
use sammen_app::{App, AppError, AppResult, Ctx, ManualClock, SecurityConfig, SeededRandom, Via, directory};
use sammen_domain::audit::{AuditAction, AuditOutcome, AuditRecord};
use sammen_domain::groups as gk;
use sammen_domain::intake::{ConsentInput, ReferralInput};
use sammen_domain::measurement::{self as m, PlanInput, ResponseSource};
use sammen_domain::org::{DataCategory, DeliveryModel, Mode, OrganisationInput, OrganisationKind, PartnershipInput, ProgrammeInput};
use sammen_domain::people::{
    Email, Engagement, Gender, ParticipantInput, ParticipantStatus, Password, PeerStatus, PeerWorkerInput, Role, StaffInput,
};
use sammen_domain::policy::Actor as PolicyActor;
use sammen_domain::support::{self as sup, ConsentMethod, GoalInput, SessionInput};
use sammen_domain::time::Timestamp;
use sammen_domain::workforce::{self as wk, RoleInput};
// Recruitment (issue 3, item 2).
use sammen_domain::recruitment as rk;
use sammen_domain::{ConsentId, CourseId, GoalId, GroupId, InvitationId, MeetingId, PlanId, ReferralId, ResponseId, RoleId, SessionId};
use sammen_domain::{OrgId, ParticipantId, PartnershipId, PeerWorkerId, ProgrammeId, TokenId, UserId};
use sammen_i18n::{I18n, Lang};
use sammen_store::{Page, StoreError};
use sammen_test_support::TestDb;
use sammen_web::routes::IdRoute;
use sammen_web::{AppState, WebConfig};
use serde_json::{Value, json};
use tower::ServiceExt;

// ---------------------------------------------------------------- the fixture

/// 2026-03-02 09:00:00 UTC: every test starts here.
const T0: i64 = 1_772_442_000;
/// The password of every account the tests make.
const PW: &str = "correct horse battery staple";
/// The largest body the router accepts (`WebConfig::default`).
const LIMIT: usize = 64 * 1024;

/// One backend's app behind the real router.
struct Env {
    backend: &'static str,
    app: App,
    i18n: Arc<I18n>,
    router: Router,
    // Last: the database outlives the app that uses it.
    _db: TestDb,
}

/// A response, read to the end.
struct Resp {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl Resp {
    fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
    fn location(&self) -> &str {
        self.header("location")
    }
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", excerpt(&self.body)))
    }
    /// The value of the page's hidden CSRF field.
    fn csrf(&self) -> String {
        let marker = "name=\"csrf\" value=\"";
        let at = self.body.find(marker).unwrap_or_else(|| panic!("no CSRF field in: {}", excerpt(&self.body))) + marker.len();
        self.body[at..].split('"').next().unwrap().to_owned()
    }
    /// `name=value` of a `Set-Cookie` header for `name`.
    fn set_cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with(&format!("{name}=")))
            .map(str::to_owned)
    }
}

fn excerpt(s: &str) -> String {
    s.chars().take(600).collect()
}

/// A request under construction.
struct Req {
    method: Method,
    path: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Req {
    fn new(method: &str, path: &str) -> Self {
        Self { method: method.parse().unwrap(), path: path.to_owned(), headers: Vec::new(), body: Vec::new() }
    }
    fn get(path: &str) -> Self {
        Self::new("GET", path)
    }
    fn header(mut self, k: &str, v: &str) -> Self {
        self.headers.push((k.to_owned(), v.to_owned()));
        self
    }
    fn cookie(self, c: &str) -> Self {
        self.header("cookie", c)
    }
    fn bearer(self, token: &str) -> Self {
        self.header("authorization", &format!("Bearer {token}"))
    }
    fn form(mut self, pairs: &[(&str, String)]) -> Self {
        self.body = form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish().into_bytes();
        self.header("content-type", "application/x-www-form-urlencoded")
    }
    fn json(mut self, v: &Value) -> Self {
        self.body = serde_json::to_vec(v).unwrap();
        self.header("content-type", "application/json")
    }
    fn raw(mut self, content_type: &str, body: Vec<u8>) -> Self {
        self.body = body;
        self.header("content-type", content_type)
    }
    fn build(self) -> Request<Body> {
        let mut b = Request::builder().method(self.method).uri(self.path);
        for (k, v) in self.headers {
            b = b.header(k, v);
        }
        b.body(Body::from(self.body)).unwrap()
    }
}

/// A signed-in browser: its session cookie and the session's CSRF token.
#[derive(Clone)]
struct Browser {
    cookie: String,
    csrf: String,
}

impl Env {
    async fn new(tdb: TestDb) -> Self {
        let db = tdb.open();
        let clock = Arc::new(ManualClock::new(Timestamp::from_unix_seconds(T0)));
        let app = App::new(db, clock, Arc::new(SeededRandom::new(20_260_302)), SecurityConfig::default());
        let i18n = Arc::new(I18n::new().unwrap());
        let router = sammen_web::router(AppState::new(app.clone(), i18n.clone(), WebConfig::default()));
        Env { backend: tdb.name, app, i18n, router, _db: tdb }
    }

    /// Sends one request through the whole router and checks the headers every response has.
    async fn send(&self, req: Req) -> Resp {
        let what = format!("{} {}", req.method, req.path);
        let res = self.router.clone().oneshot(req.build()).await.unwrap();
        let (parts, body) = res.into_parts();
        let bytes = body.collect().await.unwrap().to_bytes();
        let r = Resp { status: parts.status, headers: parts.headers, body: String::from_utf8_lossy(&bytes).into_owned() };
        assert_security_headers(self.backend, &what, &r);
        r
    }

    /// The system administrator of the command line, for setting things up.
    fn cli() -> Ctx {
        Ctx::cli("TEST")
    }

    async fn org(&self, name: &str) -> OrgId {
        let input = OrganisationInput::parse(name, "municipality", false).unwrap();
        directory::create_org(&self.app, &Self::cli(), input).await.unwrap().id
    }

    /// A staff account with the test password.
    async fn staff(&self, org: OrgId, email: &str, role: Role) -> UserId {
        let input = StaffInput::parse(email, &format!("{role} {email}"), role.code()).unwrap();
        app_people::create_staff(&self.app, &Self::cli(), org, input, Some(Password::parse(PW).unwrap())).await.unwrap().0.id
    }

    async fn system_admin(&self, email: &str) -> UserId {
        let ctx = Ctx::cli("admin create-user");
        app_people::create_system_admin(&self.app, &ctx, Email::parse(email).unwrap(), "System".into(), Password::parse(PW).unwrap())
            .await
            .unwrap()
    }

    async fn token(&self, user: UserId, org: Option<OrgId>, scope: TokenScope) -> (TokenId, String) {
        let (view, secret) = auth::create_token(&self.app, user, org, "test".into(), scope, 30, "TEST").await.unwrap();
        (view.id, secret)
    }

    /// Logs in through `POST /login` and reads the CSRF token from the dashboard.
    async fn login(&self, email: &str) -> Browser {
        let r = self.send(Req::new("POST", "/login").form(&[("email", email.into()), ("password", PW.into())])).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}: login of {email}: {}", self.backend, excerpt(&r.body));
        assert_eq!(r.location(), "/", "{}: {email} has a complete session", self.backend);
        let cookie = r.set_cookie("sammen_session").expect("a session cookie");
        let cookie = cookie.split(';').next().unwrap().to_owned();
        let page = self.send(Req::get("/").cookie(&cookie)).await;
        assert_eq!(page.status, StatusCode::OK, "{}: dashboard of {email}", self.backend);
        Browser { csrf: page.csrf(), cookie }
    }

    async fn audit_head(&self) -> i64 {
        self.app.db.read(sammen_store::audit::head).await.unwrap().0
    }

    async fn audit_after(&self, seq: i64) -> Vec<AuditRecord> {
        self.app
            .db
            .read(move |c| -> Result<Vec<AuditRecord>, StoreError> {
                sammen_store::audit::rows_after(c, seq, 10_000)?.into_iter().map(sammen_store::audit::from_row).collect()
            })
            .await
            .unwrap()
    }

    async fn participant_count(&self, org: OrgId) -> i64 {
        let counts = self.app.db.read(move |c| sammen_store::people::count_participants(c, &org.to_string(), None)).await.unwrap();
        counts.iter().map(|(_, n)| n).sum()
    }
}

/// The policy's view of a user, loaded the way sessions and tokens load it.
async fn ctx_of(app: &App, user: UserId, org: Option<OrgId>) -> Ctx {
    let uid = user.to_string();
    let actor = app
        .db
        .read(move |c| -> AppResult<PolicyActor> {
            let u = sammen_store::auth::user_by_id(c, &uid)?.ok_or(AppError::NotFound)?;
            Ok(auth::load_actor(c, &u)?.0)
        })
        .await
        .unwrap();
    Ctx { actor, org, route: "TEST".into(), via: Via::Cli, can_write: true }
}

/// Runs `scenario` on a fresh database of every backend, saying which one it is on.
async fn on_every_backend<F, Fut>(test: &str, scenario: F)
where
    F: Fn(Env) -> Fut,
    Fut: Future<Output = ()>,
{
    sammen_test_support::on_every_backend(test, |tdb| {
        let scenario = &scenario;
        async move { scenario(Env::new(tdb).await).await }
    })
    .await;
}

/// Headers every response carries; pages are never cached.
fn assert_security_headers(backend: &str, what: &str, r: &Resp) {
    let csp = r.header("content-security-policy");
    for part in ["default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'"] {
        assert!(csp.contains(part), "{backend}: {what}: CSP lacks {part:?}: {csp:?}");
    }
    assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), "{backend}: {what}: {csp}");
    assert_eq!(r.header("x-frame-options"), "DENY", "{backend}: {what}");
    assert_eq!(r.header("x-content-type-options"), "nosniff", "{backend}: {what}");
    assert_eq!(r.header("referrer-policy"), "no-referrer", "{backend}: {what}");
    assert!(!r.header("x-request-id").is_empty(), "{backend}: {what}: a correlation id");
    if r.header("content-type").starts_with("text/html") || r.header("content-type").starts_with("application/json") {
        assert_eq!(r.header("cache-control"), "no-store", "{backend}: {what}: pages and API answers are never cached");
    }
}

/// Escapes text as askama does in HTML.
fn html(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&#34;").replace('\'', "&#39;")
}

// ---------------------------------------------------------------- 1. the generated authorisation test

/// The kinds of resource an id route is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Res {
    /// Organisation A itself.
    Org,
    /// A partnership whose parties are A and C (so B is no party).
    Partnership,
    /// A programme of A.
    Programme,
    /// A staff account of A (a referrer who is none of the actors).
    Staff,
    /// A peer worker of A, not linked to A's peer-worker account.
    Peer,
    /// A participant of A, assigned to nobody.
    Participant,
    /// An API token of A's coordinator.
    Token,
    /// A response in progress of A's participant (assigned to nobody).
    Response,
    /// An open invitation of another of A's participants (assigned to nobody).
    Invitation,
    /// A measurement plan of A's programme.
    Plan,
    /// An accepted course of another of A's participants, with the peer record of A's
    /// peer-worker account.
    Course,
    /// A course offered to the peer record of A's peer-worker account, not yet answered.
    Offer,
    /// A planned session of that course.
    Session,
    /// A goal of that course's participant.
    Goal,
    /// A role description of A.
    Role,
    /// A referral to A made by A's referrer (received).
    Referral,
    /// A consent (referrer status) of A's participant.
    Consent,
    /// A group course of A, facilitated by the peer worker record (not linked to A's
    /// peer-worker account), with A's participant enrolled.
    Group,
    /// A planned meeting of that group.
    Meeting,
    // Supervision and wellbeing (issue 3).
    /// A professional supervision session of A led by A's supervisor, inviting the peer record.
    SupervisionSession,
    /// A wellbeing check-in of the peer record of A's peer-worker account.
    CheckIn,
    // onboarding and training (issue 3)
    /// A course of A's training catalogue.
    TrainingCourse,
    /// A cohort of that course with one meeting, the peer worker record enrolled.
    Cohort,
    // Recruitment (issue 3, item 2).
    /// An open posting of A.
    Posting,
    /// An application to it at the interview stage, with an interview whose panel is A's
    /// administrator and A's supervisor.
    Application,
    /// That interview.
    Interview,
    /// The application's attachment.
    Attachment,
}

/// Who may call a route: the roles of organisation A, and whether the system administrator may.
/// Users of organisation B and anonymous callers never may.
#[derive(Debug, Clone, Copy)]
struct Rule {
    on: Res,
    a: &'static [Role],
    system_admin: bool,
}

use Role::{Administrator, Coordinator, Evaluator, PeerWorker, Referrer, Supervisor};

/// Every member of the organisation.
const MEMBERS: &[Role] = &[Administrator, Coordinator, Supervisor, PeerWorker, Referrer, Evaluator];
const ADMIN: &[Role] = &[Administrator];
/// `policy::edit_programme`, `edit_peer_worker`, `view_participant` (unassigned), `edit_participant`.
const MANAGERS: &[Role] = &[Administrator, Coordinator];
/// `policy::view_staff`, `view_peer_worker`.
const SUPERVISING: &[Role] = &[Administrator, Coordinator, Supervisor];
/// `policy::view_partnership`.
const PARTNERSHIP_READERS: &[Role] = &[Administrator, Coordinator, Evaluator];
const NOBODY: &[Role] = &[];
/// The token's owner: A's coordinator.
const OWNER: &[Role] = &[Coordinator];
/// `policy::work_course`: managers and the course's own peer (A's peer-worker account).
const COURSE_WORKERS: &[Role] = &[Administrator, Coordinator, PeerWorker];
/// `policy::answer_offer`: A's peer-worker account, whose peer record the offer names.
const PEER: &[Role] = &[PeerWorker];
/// `policy::view_referral`: A's managers and the referrer who made it (A's referrer).
const REFERRAL_READERS: &[Role] = &[Administrator, Coordinator, Referrer];
// Recruitment (issue 3, item 2).
/// `policy::view_application`: managers, and the panel (A's administrator and supervisor).
const APPLICATION_READERS: &[Role] = &[Administrator, Coordinator, Supervisor];
/// `policy::score_interview`: the panel only.
const PANEL: &[Role] = &[Administrator, Supervisor];

/// Who may call each id route, derived from the handlers and `domain::policy`. No wildcard
/// arm: a new route must be given its rule here before this test compiles.
fn rule(r: IdRoute) -> Rule {
    use IdRoute as R;
    let (on, a, system_admin) = match r {
        // policy::view_organisation: members and the system administrator.
        R::OrgShow | R::ApiOrgGet => (Res::Org, MEMBERS, true),
        // policy::edit_organisation: the organisation's administrator (settings only) and the system administrator.
        R::OrgEdit | R::OrgUpdate | R::ApiOrgPut => (Res::Org, ADMIN, true),
        // Only the system administrator sets up an organisation's administrators.
        R::OrgAddAdmin => (Res::Org, NOBODY, true),
        R::PartnershipShow | R::ApiPartnershipGet => (Res::Partnership, PARTNERSHIP_READERS, true),
        // policy::edit_partnership: an administrator of a party, the system administrator.
        R::PartnershipEdit | R::PartnershipUpdate | R::ApiPartnershipPut => (Res::Partnership, ADMIN, true),
        // policy::view_programme: every member, the system administrator.
        R::ProgrammeShow | R::ApiProgrammeGet => (Res::Programme, MEMBERS, true),
        // policy::edit_programme: managers only, not the system administrator.
        R::ProgrammeEdit | R::ProgrammeUpdate | R::ApiProgrammePut => (Res::Programme, MANAGERS, false),
        // Staff pages are scoped to the active organisation, which the system administrator lacks.
        R::StaffShow | R::ApiStaffGet => (Res::Staff, SUPERVISING, false),
        R::StaffEdit | R::StaffUpdate | R::StaffResetPassword | R::ApiStaffPut => (Res::Staff, ADMIN, false),
        // policy::view_peer_worker: supervising roles (the record is not A's peer worker's own).
        R::PeerShow | R::ApiPeerGet => (Res::Peer, SUPERVISING, false),
        R::PeerEdit | R::PeerUpdate | R::ApiPeerPut => (Res::Peer, MANAGERS, false),
        // policy::view_participant / edit_participant: managers; the participant is assigned to nobody.
        R::ParticipantShow
        | R::ParticipantEdit
        | R::ParticipantUpdate
        | R::ParticipantDelete
        | R::ApiParticipantGet
        | R::ApiParticipantPut
        | R::ApiParticipantDelete => (Res::Participant, MANAGERS, false),
        // Only the owner revokes a token.
        R::TokenRevoke => (Res::Token, OWNER, false),
        // policy::view_participant (measurements) and record_measurement: managers, since the
        // participant is assigned to nobody; partners hold no participant-record agreement.
        R::ParticipantMeasurements
        | R::ApiParticipantMeasurements
        | R::ParticipantResponseStart
        | R::ParticipantLifeEventAdd
        | R::ApiParticipantResponseImport
        | R::ApiParticipantLifeEventAdd => (Res::Participant, MANAGERS, false),
        R::ResponseShow | R::ResponseSave | R::ApiResponseGet => (Res::Response, MANAGERS, false),
        R::InvitationLink => (Res::Invitation, MANAGERS, false),
        // Plans are not personal: every member sees them (policy::view_programme), managers change them.
        R::ProgrammePlans | R::ApiProgrammePlans => (Res::Programme, MEMBERS, true),
        R::ProgrammePlanCreate | R::ApiProgrammePlanCreate => (Res::Programme, MANAGERS, false),
        R::PlanActive => (Res::Plan, MANAGERS, false),
        // policy::view_roles: every member (not personal data); edit_roles: managers.
        R::RoleShow | R::RolePdf => (Res::Role, MEMBERS, false),
        R::RoleEdit | R::RoleUpdate => (Res::Role, MANAGERS, false),
        // Wishes and the course history follow policy::view_participant / edit_participant.
        R::ParticipantCourses | R::ParticipantWishes | R::ParticipantWishesSave => (Res::Participant, MANAGERS, false),
        // policy::view_peer_profile: managers (as coordinators), supervisors (as colleagues).
        R::PeerProfile => (Res::Peer, SUPERVISING, false),
        // policy::edit_peer_profile: managers (the record is not A's peer worker's own).
        R::PeerProfileEdit | R::PeerProfileSave => (Res::Peer, MANAGERS, false),
        // policy::view_engagements / edit_engagements: managers (and the peer, who is not A's account's).
        R::PeerEngagements | R::PeerEngagementAdd => (Res::Peer, MANAGERS, false),
        // policy::manage_courses.
        R::ProgrammeMatching | R::ProgrammeMatchingApprove | R::ApiMatchingProposal | R::ApiMatchingApprove => {
            (Res::Programme, MANAGERS, false)
        }
        // policy::work_course: managers and the course's own peer.
        R::CourseShow | R::CourseLogForm | R::CourseSessionAdd | R::CourseGoalAdd | R::ApiCourseGet | R::ApiCourseSessionAdd => {
            (Res::Course, COURSE_WORKERS, false)
        }
        R::SessionStatus => (Res::Session, COURSE_WORKERS, false),
        R::GoalProgress => (Res::Goal, COURSE_WORKERS, false),
        // policy::manage_courses.
        R::CourseStatus | R::CourseHandover => (Res::Course, MANAGERS, false),
        // policy::answer_offer: only the peer it is offered to.
        R::CourseOffer | R::ApiCourseOffer => (Res::Offer, PEER, false),
        // policy::view_referral: the receiving organisation's managers, and its referrer (who made it);
        // decide_referral: managers.
        R::ReferralShow | R::ApiReferralGet => (Res::Referral, REFERRAL_READERS, false),
        R::ReferralAccept | R::ReferralDecline => (Res::Referral, MANAGERS, false),
        // policy::view_consents (managers; the assigned peer, but the participant has none) and
        // manage_consent: managers.
        R::ParticipantConsents | R::ParticipantConsentAdd | R::ApiParticipantConsents | R::ApiParticipantConsentAdd => {
            (Res::Participant, MANAGERS, false)
        }
        R::ConsentWithdrawConfirm | R::ConsentWithdraw | R::ApiConsentWithdraw => (Res::Consent, MANAGERS, false),
        // The waiting list names participants: policy::decide_referral, managers.
        R::ProgrammeWaitingList | R::ApiProgrammeWaitingList => (Res::Programme, MANAGERS, false),
        // policy::view_group / record_attendance: managers and the group's facilitators; the
        // group's facilitator is not A's peer-worker account, so managers only. No partners,
        // no system administrator.
        R::GroupShow | R::ApiGroupGet => (Res::Group, MANAGERS, false),
        R::MeetingShow | R::MeetingAttendance | R::ApiMeetingAttendance => (Res::Meeting, MANAGERS, false),
        // policy::manage_groups: managers.
        R::GroupEdit
        | R::GroupUpdate
        | R::GroupFacilitators
        | R::GroupMeetingCreate
        | R::GroupEnrol
        | R::GroupLeave
        | R::ApiGroupMeetingCreate => (Res::Group, MANAGERS, false),
        R::MeetingCancel => (Res::Meeting, MANAGERS, false),
        // Supervision and wellbeing (issue 3). policy::manage_supervision: a peer's supervisors
        // are the managers' (and the peer's own, who is not A's account's).
        R::PeerSupervision | R::PeerSupervisorAssign => (Res::Peer, MANAGERS, false),
        // policy::view_supervision_session: managers and the session's supervisor (A's supervisor);
        // the supervisee invited is not A's peer-worker account.
        R::SupervisionSessionShow | R::SupervisionSessionSave | R::ApiSupervisionSessionGet => {
            (Res::SupervisionSession, SUPERVISING, false)
        }
        // policy::answer_check_in: the peer alone.
        R::CheckInShare => (Res::CheckIn, PEER, false),
        // onboarding and training (issue 3): policy::view_training_catalogue (every member) and
        // manage_training (managers); view_training: managers and the peer (not A's account's).
        R::TrainingCourseShow => (Res::TrainingCourse, MEMBERS, false),
        R::TrainingCourseEdit | R::TrainingCourseUpdate | R::TrainingCohortCreate => (Res::TrainingCourse, MANAGERS, false),
        R::CohortShow | R::CohortEnrol | R::CohortAttendance | R::CohortComplete | R::ApiCohortEnrol | R::ApiCohortComplete => {
            (Res::Cohort, MANAGERS, false)
        }
        R::PeerTraining | R::PeerOnboarding | R::ApiPeerTraining | R::ApiPeerOnboarding => (Res::Peer, MANAGERS, false),
        R::PeerOnboardingStart | R::PeerOnboardingItem => (Res::Peer, MANAGERS, false),
        // The checklist is part of the role (policy::view_roles); managers change it.
        R::RoleOnboarding => (Res::Role, MEMBERS, false),
        R::RoleOnboardingSave => (Res::Role, MANAGERS, false),
        // Recruitment (issue 3, item 2): policy::manage_recruitment, view_application, score_interview.
        R::PostingShow | R::PostingEdit | R::PostingUpdate | R::ApiPostingApplications => (Res::Posting, MANAGERS, false),
        R::ApplicationShow | R::ApiApplicationGet => (Res::Application, APPLICATION_READERS, false),
        R::AttachmentDownload => (Res::Attachment, APPLICATION_READERS, false),
        R::ApplicationStage
        | R::ApplicationInterviewCreate
        | R::ApplicationDecideForm
        | R::ApplicationDecide
        | R::ApplicationLetter
        | R::ApiApplicationStage => (Res::Application, MANAGERS, false),
        R::InterviewScores | R::ApiInterviewScores => (Res::Interview, PANEL, false),
    };
    Rule { on, a, system_admin }
}

/// Routes whose allowed call uses up the resource: each allowed caller gets a fresh one.
fn consumes(r: IdRoute) -> bool {
    matches!(
        r,
        IdRoute::ParticipantDelete
            | IdRoute::ApiParticipantDelete
            | IdRoute::TokenRevoke
            | IdRoute::CourseStatus
            | IdRoute::CourseHandover
            | IdRoute::CourseOffer
            | IdRoute::ApiCourseOffer
            | IdRoute::SessionStatus
            | IdRoute::ReferralAccept
            | IdRoute::ReferralDecline
            | IdRoute::ConsentWithdraw
            | IdRoute::ApiConsentWithdraw
            | IdRoute::MeetingCancel
            // Recruitment (issue 3, item 2): a move or decision happens once.
            | IdRoute::ApplicationStage
            | IdRoute::ApplicationDecide
            | IdRoute::ApiApplicationStage
    )
}

// The resources' current values: an allowed update writes them again and changes nothing.
const ORG_A: &str = "Aarby Kommune";
const PARTNERSHIP: (&str, &str, &str) =
    ("Udskrivningsmentorer", "Peer-medarbejdere følger borgere fra udskrivning", "Samtykke (art. 9, stk. 2, litra a)");
const PROGRAMME: &str = "Peerstøtte i Aarby";
const STAFF_NAME: &str = "Sanne Sagsbehandler";
const PEER_NAME: &str = "Per Peer";
const PARTICIPANT_NAME: &str = "Dorte Deltager";
const ROLE: &str = "Peer-medarbejder, ambulant";
const GROUP: &str = "Recovery-gruppe";
const TRAINING_COURSE: &str = "Introduktionskursus til peerstøtte";

/// A valid form for each UI POST route (the CSRF field is added by the caller).
fn ui_form(r: IdRoute, w: &World, n: u32) -> Vec<(&'static str, String)> {
    use IdRoute as R;
    match r {
        R::OrgUpdate => vec![("name", ORG_A.into()), ("kind", "municipality".into())],
        R::OrgAddAdmin => vec![("display_name", "Ny Administrator".into()), ("email", format!("new-admin-{n}@a.test"))],
        R::PartnershipUpdate => vec![
            ("name", PARTNERSHIP.0.into()),
            ("purpose", PARTNERSHIP.1.into()),
            ("legal_basis", PARTNERSHIP.2.into()),
            ("parties", w.org_a.to_string()),
            ("parties", w.org_c.to_string()),
            ("categories", "aggregate_outcomes".into()),
            ("valid_from", "2026-01-01".into()),
            ("valid_to", String::new()),
        ],
        R::ProgrammeUpdate => vec![
            ("name", PROGRAMME.into()),
            ("description", String::new()),
            ("delivery", "individual".into()),
            ("modes", "phone".into()),
            ("locations", String::new()),
            ("active", "on".into()),
        ],
        R::StaffUpdate => vec![("display_name", STAFF_NAME.into()), ("role", "referrer".into()), ("active", "on".into())],
        R::PeerUpdate => vec![
            ("display_name", PEER_NAME.into()),
            ("email", String::new()),
            ("phone", String::new()),
            ("engagement", "volunteer".into()),
            ("status", "active".into()),
            ("languages", "da".into()),
            ("modes", "phone".into()),
        ],
        R::ParticipantUpdate => vec![
            ("name", PARTICIPANT_NAME.into()),
            ("status", "waiting".into()),
            ("languages", "da".into()),
            ("programme_id", String::new()),
            ("assigned_peer_id", String::new()),
        ],
        R::StaffResetPassword | R::ParticipantDelete | R::TokenRevoke | R::InvitationLink => Vec::new(),
        R::ParticipantResponseStart => vec![("instrument", "who-5".into()), ("source", "paper".into())],
        R::ParticipantLifeEventAdd => {
            vec![("kind", "job_started".into()), ("occurred_on", "2026-01-10".into()), ("source", "staff".into())]
        }
        R::ResponseSave => vec![("i.hope", "3".into()), ("go", "save".into())],
        R::ProgrammePlanCreate => vec![("instrument", "who-5".into()), ("at_start", "on".into())],
        R::PlanActive => vec![("active", "true".into())],
        R::ParticipantMeasurements | R::ResponseShow | R::ProgrammePlans | R::RoleShow | R::RoleEdit | R::RolePdf => Vec::new(),
        R::ParticipantCourses | R::ParticipantWishes | R::PeerProfile | R::PeerProfileEdit | R::ProgrammeMatching => Vec::new(),
        R::CourseShow | R::CourseLogForm => Vec::new(),
        R::ParticipantWishesSave => vec![("modes", "phone".into()), ("topics", "anxiety".into()), ("availability", "man 9-12".into())],
        R::PeerProfileSave => vec![("disclosure", "colleagues".into()), ("capacity", "3".into())],
        R::PeerEngagements => Vec::new(),
        R::PeerEngagementAdd => vec![
            ("kind", "volunteer_agreement".into()),
            ("title", "Frivillig peer".into()),
            ("hours_per_week", "4".into()),
            ("term", "permanent".into()),
            ("starts_on", "2026-01-01".into()),
        ],
        // No pair chosen: every waiting participant is left for later.
        R::ProgrammeMatchingApprove => Vec::new(),
        R::CourseOffer => vec![("answer", "accept".into())],
        R::CourseStatus => vec![("status", "active".into())],
        R::CourseHandover => vec![("peer", w.peer.to_string()), ("handover_note", "Flytter".into())],
        R::CourseSessionAdd => vec![
            ("status", "held".into()),
            ("date", "2026-01-05".into()),
            ("time", "10:00".into()),
            ("duration_minutes", "45".into()),
            ("mode", "phone".into()),
            ("kind", "conversation".into()),
            ("note_audience", "team".into()),
        ],
        R::CourseGoalAdd => vec![("text", "Gå en tur hver dag".into())],
        R::SessionStatus => vec![("status", "held".into())],
        R::GoalProgress => vec![("recorded_on", "2026-01-06".into()), ("value", "4".into()), ("status", "open".into())],
        R::ReferralAccept => vec![("programme_id", w.programme.to_string())],
        R::ReferralDecline => vec![("note", "Uden for målgruppen".into())],
        R::ParticipantConsentAdd => vec![
            ("purpose", "referrer_status".into()),
            ("scope", "Status til henviser".into()),
            ("audience", "referrer".into()),
            ("method", "verbal".into()),
        ],
        R::ConsentWithdraw => vec![("note", String::new())],
        R::ReferralShow | R::ParticipantConsents | R::ConsentWithdrawConfirm | R::ProgrammeWaitingList => Vec::new(),
        R::GroupUpdate => vec![
            ("kind", "course".into()),
            ("name", GROUP.into()),
            ("mode", "in_person".into()),
            ("capacity", "10".into()),
            ("status", "running".into()),
        ],
        R::GroupFacilitators => vec![("facilitators", w.peer.to_string())],
        R::GroupMeetingCreate => vec![("date", "2026-03-10".into()), ("time", "17:00".into()), ("duration_minutes", "90".into())],
        // Enrolling someone enrolled, and removing someone not enrolled, change nothing.
        R::GroupEnrol | R::GroupLeave => vec![("participant_id", w.group_extra.to_string())],
        R::MeetingAttendance => vec![("present", w.participant.to_string())],
        R::MeetingCancel | R::GroupShow | R::GroupEdit | R::MeetingShow => Vec::new(),
        // Supervision and wellbeing (issue 3).
        R::PeerSupervision | R::SupervisionSessionShow | R::ApiSupervisionSessionGet => Vec::new(),
        R::PeerSupervisorAssign => vec![("kind", "professional".into()), ("supervisor", w.supervisor_a.to_string())],
        R::SupervisionSessionSave => vec![("status", "planned".into())],
        R::CheckInShare => vec![("shared", "true".into())],
        // Recruitment (issue 3, item 2).
        R::PostingUpdate => vec![
            ("role_key", w.posting_role.clone()),
            ("intro", POSTING_INTRO.into()),
            ("place", "Sundhedshuset".into()),
            ("deadline", "2026-03-20".into()),
            ("starts_on", "2026-04-15".into()),
            ("status", "open".into()),
        ],
        R::ApplicationStage => vec![("stage", "screening".into())],
        R::ApplicationInterviewCreate => vec![
            ("date", "2026-03-12".into()),
            ("time", "10:00".into()),
            ("place", "Lokale 2".into()),
            ("panel", w.panel[0].to_string()),
            ("panel", w.panel[1].to_string()),
        ],
        R::ApplicationDecide => {
            vec![("decision", "rejected".into()), ("subject", "Din ansøgning".into()), ("body", "Kære ansøger. Tak.".into())]
        }
        R::InterviewScores => ["hope", "self_determination", "self_exploration", "change_agent", "listening"]
            .iter()
            .map(|c| match *c {
                "hope" => ("score_hope", "4".to_owned()),
                "self_determination" => ("score_self_determination", "4".to_owned()),
                "self_exploration" => ("score_self_exploration", "3".to_owned()),
                "change_agent" => ("score_change_agent", "3".to_owned()),
                _ => ("score_listening", "5".to_owned()),
            })
            .collect(),
        R::PostingShow
        | R::PostingEdit
        | R::ApplicationShow
        | R::ApplicationDecideForm
        | R::ApplicationLetter
        | R::AttachmentDownload
        | R::ApiPostingApplications
        | R::ApiApplicationGet
        | R::ApiApplicationStage
        | R::ApiInterviewScores => Vec::new(),
        R::RoleUpdate => vec![
            ("title", ROLE.into()),
            ("purpose", "Støtte i recovery".into()),
            ("tasks", "Samtaler".into()),
            ("setting", "outpatient_clinic".into()),
            ("functions", "individual_support".into()),
            ("engagement", "paid".into()),
            ("hours_per_week", "12".into()),
            ("term", "permanent".into()),
        ],
        R::OrgShow
        | R::OrgEdit
        | R::PartnershipShow
        | R::PartnershipEdit
        | R::ProgrammeShow
        | R::ProgrammeEdit
        | R::StaffShow
        | R::StaffEdit
        | R::PeerShow
        | R::PeerEdit
        | R::ParticipantShow
        | R::ParticipantEdit
        | R::ApiOrgGet
        | R::ApiOrgPut
        | R::ApiPartnershipGet
        | R::ApiPartnershipPut
        | R::ApiProgrammeGet
        | R::ApiProgrammePut
        | R::ApiStaffGet
        | R::ApiStaffPut
        | R::ApiPeerGet
        | R::ApiPeerPut
        | R::ApiParticipantGet
        | R::ApiParticipantPut
        | R::ApiParticipantDelete
        | R::ApiParticipantMeasurements
        | R::ApiParticipantResponseImport
        | R::ApiParticipantLifeEventAdd
        | R::ApiResponseGet
        | R::ApiProgrammePlans
        | R::ApiProgrammePlanCreate
        | R::ApiMatchingProposal
        | R::ApiMatchingApprove
        | R::ApiCourseGet
        | R::ApiCourseOffer
        | R::ApiCourseSessionAdd
        | R::ApiReferralGet
        | R::ApiParticipantConsents
        | R::ApiParticipantConsentAdd
        | R::ApiConsentWithdraw
        | R::ApiProgrammeWaitingList
        | R::ApiGroupGet
        | R::ApiGroupMeetingCreate
        | R::ApiMeetingAttendance => Vec::new(),
        // onboarding and training (issue 3)
        R::TrainingCourseUpdate => vec![
            ("kind", "intro_course".into()),
            ("title", TRAINING_COURSE.into()),
            ("themes", "Formål\nEgen historie".into()),
            ("hours", "12".into()),
            ("validity_months", "36".into()),
            ("active", "on".into()),
        ],
        R::TrainingCohortCreate => vec![("date_0", "2026-04-01".into()), ("time_0", "17:00".into()), ("duration_0", "180".into())],
        R::CohortEnrol => vec![("peer_id", w.peer.to_string())],
        R::CohortAttendance => vec![("meeting", w.cohort_meeting.clone()), ("present", format!("{}:{}", w.cohort_meeting, w.peer))],
        R::CohortComplete => vec![("peer_id", w.peer.to_string()), ("outcome", "completed".into())],
        R::PeerOnboardingStart => vec![("role_key", w.role.to_string())],
        R::PeerOnboardingItem => vec![("item", w.onboarding_item.clone()), ("done", "on".into())],
        R::RoleOnboardingSave => vec![
            ("rows", "1".into()),
            ("kind_0", "introduction".into()),
            ("title_0", String::new()),
            ("owner_0", "coordinator".into()),
            ("days_0", "14".into()),
        ],
        R::TrainingCourseShow
        | R::TrainingCourseEdit
        | R::CohortShow
        | R::PeerTraining
        | R::PeerOnboarding
        | R::RoleOnboarding
        | R::ApiCohortEnrol
        | R::ApiCohortComplete
        | R::ApiPeerTraining
        | R::ApiPeerOnboarding => Vec::new(),
    }
}

/// A valid JSON body for each API route that takes one.
fn api_body(r: IdRoute, w: &World) -> Option<Value> {
    use IdRoute as R;
    match r {
        R::ApiOrgPut => Some(json!({"name": ORG_A, "kind": "municipality", "require_totp": false})),
        R::ApiPartnershipPut => Some(json!({
            "name": PARTNERSHIP.0, "purpose": PARTNERSHIP.1, "legal_basis": PARTNERSHIP.2,
            "data_categories": ["aggregate_outcomes"], "valid_from": "2026-01-01", "valid_to": null,
            "parties": [w.org_a.to_string(), w.org_c.to_string()],
        })),
        R::ApiProgrammePut => Some(
            json!({"name": PROGRAMME, "description": null, "delivery": ["individual"], "modes": ["phone"], "locations": [], "active": true}),
        ),
        R::ApiStaffPut => Some(json!({"display_name": STAFF_NAME, "role": "referrer", "active": true})),
        R::ApiPeerPut => Some(json!({
            "display_name": PEER_NAME, "email": null, "phone": null, "engagement": "volunteer", "status": "active",
            "languages": ["da"], "modes": ["phone"],
        })),
        R::ApiParticipantPut => Some(json!({"name": PARTICIPANT_NAME, "status": "waiting", "languages": ["da"]})),
        R::ApiProgrammePlanCreate => Some(json!({"instrument": "who-5", "at_start": true})),
        R::ApiMatchingApprove => Some(json!({"pairs": []})),
        R::ApiCourseOffer => Some(json!({"accept": true, "reason": null})),
        R::ApiCourseSessionAdd => Some(json!({
            "date": "2026-01-05", "time": "09:30", "duration_minutes": 30, "mode": "phone", "place": null, "kind": "conversation", "note": null,
        })),
        R::ApiParticipantConsentAdd => {
            Some(json!({"purpose": "referrer_status", "scope": "Status til henviser", "audience": ["referrer"], "method": "verbal"}))
        }
        R::ApiConsentWithdraw => Some(json!({})),
        R::ApiGroupMeetingCreate => Some(json!({"date": "2026-03-10", "time": "17:00", "duration_minutes": 90})),
        R::ApiMeetingAttendance => Some(json!({"present": [w.participant.to_string()]})),
        // Recruitment (issue 3, item 2).
        R::ApiApplicationStage => Some(json!({"stage": "screening", "note": "Videre"})),
        R::ApiInterviewScores => Some(json!({"scores": [
            {"competence": "hope", "score": 4}, {"competence": "self_determination", "score": 4},
            {"competence": "self_exploration", "score": 3}, {"competence": "change_agent", "score": 3, "note": "Konkret"},
            {"competence": "listening", "score": 5},
        ]})),
        R::ApiParticipantLifeEventAdd => {
            Some(json!({"kind": "bed_days", "occurred_on": "2026-01-10", "quantity": 4, "source": "referrer"}))
        }
        // onboarding and training (issue 3)
        R::ApiCohortEnrol => Some(json!({"peer_worker_id": w.peer.to_string()})),
        R::ApiCohortComplete => Some(json!({"peer_worker_id": w.peer.to_string(), "outcome": "completed"})),
        R::ApiParticipantResponseImport => {
            let def = sammen_instruments::shipped_definition("who-5").unwrap().unwrap();
            let answers = (1..=5).map(|i| (i.to_string(), sammen_instruments::AnswerValue::Code("3".into()))).collect();
            let opts = sammen_instruments::fhir::FhirOptions::default();
            let status = sammen_instruments::fhir::ResponseStatus::Completed;
            Some(sammen_instruments::fhir::questionnaire_response(&def, &answers, status, None, None, &opts).unwrap())
        }
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    A(Role),
    B(Role),
    SystemAdmin,
}

/// A user signed in both ways: a browser session and a write-scoped API token.
struct Caller {
    who: Who,
    label: String,
    user: UserId,
    browser: Browser,
    token: String,
}

/// Organisations A, B and C, one resource of each kind in A, and a caller of every kind.
struct World {
    org_a: OrgId,
    org_c: OrgId,
    partnership: PartnershipId,
    programme: ProgrammeId,
    staff: UserId,
    peer: PeerWorkerId,
    participant: ParticipantId,
    token: TokenId,
    response: ResponseId,
    invitation: InvitationId,
    plan: PlanId,
    role: RoleId,
    course: CourseId,
    offer: CourseId,
    session: SessionId,
    goal: GoalId,
    /// The peer record of A's peer-worker account.
    own_peer: PeerWorkerId,
    referral: ReferralId,
    consent: ConsentId,
    group: GroupId,
    meeting: MeetingId,
    /// A participant of A whom the enrol and leave routes take in and out of the group.
    group_extra: ParticipantId,
    // Supervision and wellbeing (issue 3).
    supervision_session: String,
    check_in: String,
    supervisor_a: UserId,
    // onboarding and training (issue 3)
    training_course: String,
    cohort: String,
    cohort_meeting: String,
    /// An item of the onboarding of the peer worker record.
    onboarding_item: String,
    coordinator_a: UserId,
    /// A's referrer, for making fresh referrals.
    referrer_a: Ctx,
    /// A's administrator, for making fresh resources.
    admin_a: Ctx,
    // Recruitment (issue 3, item 2).
    posting: sammen_domain::PostingId,
    posting_role: String,
    application: sammen_domain::ApplicationId,
    interview: sammen_domain::InterviewId,
    attachment: String,
    /// The panel: A's administrator and A's supervisor.
    panel: [UserId; 2],
    callers: Vec<Caller>,
    seq: AtomicU32,
}

/// A course of a new waiting participant of `programme` with `peer`: offered, or accepted
/// (the participant then assigned to the peer), as the matching approval and the peer's answer
/// leave it.
async fn course_of(env: &Env, admin: &Ctx, programme: ProgrammeId, peer: PeerWorkerId, accepted: bool) -> CourseId {
    let input =
        ParticipantInput::parse(Some("Kurt Kursus"), None, None, None, None, None, Some(&programme.to_string()), "waiting", "da", 2026)
            .unwrap();
    let p = app_people::create_participant(&env.app, admin, input, None).await.unwrap();
    let (pid, org, course_id) = (p.id.to_string(), p.organisation_id.to_string(), env.app.new_id());
    let id = course_id.clone();
    env.app
        .db
        .write(move |tx| -> Result<(), StoreError> {
            use sammen_store::support as ss;
            ss::insert_course(
                tx.conn(),
                &sammen_store::rows::CourseRow {
                    id: course_id,
                    organisation_id: org,
                    programme_id: Some(programme.to_string()),
                    participant_id: pid.clone(),
                    peer_id: peer.to_string(),
                    status: "planned".into(),
                    offer: if accepted { "accepted" } else { "pending" }.into(),
                    match_score: Some(50.0),
                    match_parts: None,
                    approved_by: None,
                    approved_at: None,
                    responded_at: None,
                    decline_reason: None,
                    started_on: None,
                    ended_on: None,
                    end_reason: None,
                    handed_over_from: None,
                    handover_note: None,
                    created_at: 0,
                    updated_at: 0,
                },
            )?;
            if accepted {
                let mut row = sammen_store::people::participant(tx.conn(), &pid)?.unwrap();
                row.assigned_peer_id = Some(peer.to_string());
                sammen_store::people::update_participant(tx.conn(), &row)?;
            }
            Ok(())
        })
        .await
        .unwrap();
    id.parse().unwrap()
}

/// A planned session of a course.
async fn planned_session(env: &Env, admin: &Ctx, course: CourseId) -> SessionId {
    let input = SessionInput::parse("planned", "2026-03-02", "10:00", "60", "phone", None, "conversation", None, "team").unwrap();
    sammen_app::courses::log_session(&env.app, admin, course, input).await.unwrap()
}

fn referral_person(name: &str) -> ReferralInput {
    ReferralInput::parse(name, Some("20304050"), None, None, "da", "Ønsker peerstøtte", None, 2026).unwrap()
}

fn consent_input() -> ConsentInput {
    let today = time::Date::from_calendar_date(2026, time::Month::March, 2).unwrap();
    ConsentInput::parse("referrer_status", "Status til henviser", &["referrer".into()], "verbal", None, today).unwrap()
}

fn participant_input(name: &str) -> ParticipantInput {
    ParticipantInput::parse(Some(name), None, None, None, None, None, None, "waiting", "da", 2026).unwrap()
}

impl World {
    async fn new(env: &Env) -> Self {
        let org_a = env.org(ORG_A).await;
        let org_b = env.org("Bebro Kommune").await;
        let org_c = env.org("Cedervang Forening").await;
        let mut users = Vec::new();
        for role in MEMBERS {
            let email = format!("{}@a.test", role.code());
            users.push((Who::A(*role), format!("A/{role}"), env.staff(org_a, &email, *role).await, email, Some(org_a)));
        }
        for role in [Coordinator, Administrator] {
            let email = format!("{}@b.test", role.code());
            users.push((Who::B(role), format!("B/{role}"), env.staff(org_b, &email, role).await, email, Some(org_b)));
        }
        let sys_email = "system@sammen.test";
        users.push((Who::SystemAdmin, "system administrator".into(), env.system_admin(sys_email).await, sys_email.into(), None));

        let admin_user = users.iter().find(|u| u.0 == Who::A(Administrator)).unwrap().2;
        let coordinator_a = users.iter().find(|u| u.0 == Who::A(Coordinator)).unwrap().2;
        let admin_a = ctx_of(&env.app, admin_user, Some(org_a)).await;

        let partnership = PartnershipInput::parse(
            PARTNERSHIP.0,
            PARTNERSHIP.1,
            PARTNERSHIP.2,
            &["aggregate_outcomes".into()],
            "2026-01-01",
            None,
            &[org_a.to_string(), org_c.to_string()],
        )
        .unwrap();
        let partnership = directory::save_partnership(&env.app, &admin_a, None, partnership).await.unwrap().id;
        let programme = ProgrammeInput::parse(PROGRAMME, None, &["individual".into()], &["phone".into()], "", true).unwrap();
        let programme = directory::save_programme(&env.app, &admin_a, None, programme).await.unwrap().id;
        let staff = StaffInput::parse("staff-target@a.test", STAFF_NAME, "referrer").unwrap();
        let staff = app_people::create_staff(&env.app, &admin_a, org_a, staff, Some(Password::parse(PW).unwrap())).await.unwrap().0.id;
        // No e-mail: the record is not linked to A's peer-worker account.
        let peer = PeerWorkerInput::parse(PEER_NAME, None, None, "volunteer", "active", "da", &["phone".into()]).unwrap();
        let peer = app_people::save_peer(&env.app, &admin_a, None, peer).await.unwrap();
        assert!(peer.user_id.is_none());
        let participant = app_people::create_participant(&env.app, &admin_a, participant_input(PARTICIPANT_NAME), None).await.unwrap();
        assert!(participant.assigned_peer_id.is_none());
        let (token, _) = env.token(coordinator_a, Some(org_a), TokenScope::Write).await;
        let response =
            ms::start_response(&env.app, &admin_a, participant.id, "sammen-chime-checkin", ResponseSource::WithPeer, None).await.unwrap();
        let plan_input = PlanInput::parse("sammen-chime-checkin", true, None, false, None, None, None).unwrap();
        let plan = ms::create_plan(&env.app, &admin_a, programme, plan_input).await.unwrap().id;
        // Starting a course in a programme with a plan invites to the baseline at once.
        let started = ParticipantInput::parse(
            Some("Ida Invitation"),
            None,
            None,
            None,
            None,
            None,
            Some(&programme.to_string()),
            "active",
            "da",
            2026,
        )
        .unwrap();
        let started = app_people::create_participant(&env.app, &admin_a, started, None).await.unwrap();
        let invitation = ms::participant_measurements(&env.app, &admin_a, started.id).await.unwrap().invitations[0].id;
        let role = RoleInput::parse(
            ROLE,
            "Støtte i recovery",
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
        let role = sammen_app::workforce::save_role(&env.app, &admin_a, None, role).await.unwrap().id;
        // A peer record linked to A's peer-worker account (same e-mail), with a course, an offer,
        // a planned session and a goal.
        let own_peer =
            PeerWorkerInput::parse("Pia Peer", Some("peer_worker@a.test"), None, "volunteer", "active", "da", &["phone".into()]).unwrap();
        let own_peer = app_people::save_peer(&env.app, &admin_a, None, own_peer).await.unwrap();
        assert!(own_peer.user_id.is_some(), "linked to the peer-worker account");
        let course = course_of(env, &admin_a, programme, own_peer.id, true).await;
        let offer = course_of(env, &admin_a, programme, own_peer.id, false).await;
        let session = planned_session(env, &admin_a, course).await;
        let goal =
            sammen_app::courses::add_goal(&env.app, &admin_a, course, GoalInput::parse("Sove bedre", Some("hope")).unwrap()).await.unwrap();

        let referrer_user = users.iter().find(|u| u.0 == Who::A(Referrer)).unwrap().2;
        let referrer_a = ctx_of(&env.app, referrer_user, Some(org_a)).await;
        let referral = intake::refer(&env.app, &referrer_a, org_a, referral_person("Rasmus Henvist"), ConsentMethod::Verbal).await.unwrap();
        let consent = intake::record_consent(&env.app, &admin_a, participant.id, consent_input()).await.unwrap().id;
        use sammen_app::groups as gr;
        let group = gk::GroupInput::parse("course", GROUP, None, None, "in_person", None, Some("10"), "running").unwrap();
        let group = gr::save_group(&env.app, &admin_a, None, group).await.unwrap().id;
        gr::set_facilitators(&env.app, &admin_a, group, vec![peer.id.to_string()]).await.unwrap();
        gr::enrol(&env.app, &admin_a, group, &participant.id.to_string()).await.unwrap();
        let meeting = gk::MeetingInput::parse("2026-03-03", "17:00", "90", None, None).unwrap();
        let meeting = gr::plan_meeting(&env.app, &admin_a, group, meeting).await.unwrap().id;
        let group_extra = app_people::create_participant(&env.app, &admin_a, participant_input("Gry Gruppe"), None).await.unwrap().id;
        // Supervision and wellbeing (issue 3).
        let supervisor_a = users.iter().find(|u| u.0 == Who::A(Supervisor)).unwrap().2;
        let input = sammen_domain::supervision::SessionInput::parse(
            "professional",
            "individual",
            "2026-03-05",
            "10:00",
            "60",
            &supervisor_a.to_string(),
            &[peer.id.to_string()],
        )
        .unwrap();
        let supervision_session = sammen_app::supervision::plan_session(&env.app, &admin_a, input).await.unwrap();
        let peer_user = users.iter().find(|u| u.0 == Who::A(PeerWorker)).unwrap().2;
        let peer_ctx = ctx_of(&env.app, peer_user, Some(org_a)).await;
        let answer = sammen_domain::wellbeing::CheckInInput::parse("4", "7", "8", Some("Travlt"), false).unwrap();
        let check_in = sammen_app::wellbeing::answer(&env.app, &peer_ctx, answer).await.unwrap();
        // onboarding and training (issue 3): a course with a cohort of one meeting, the peer
        // worker record enrolled, and an onboarding of the peer in progress.
        use sammen_app::{onboarding as ob, training as trn};
        use sammen_domain::training::{CohortInput, CourseInput};
        let tc = CourseInput::parse("intro_course", TRAINING_COURSE, None, "Formål\nEgen historie", "12", Some("36"), true).unwrap();
        let training_course = trn::save_course(&env.app, &admin_a, None, tc).await.unwrap().id;
        let cohort_meeting = gk::MeetingInput::parse("2026-03-10", "17:00", "180", None, None).unwrap();
        let cohort = CohortInput::parse(Some("Aktivitetshuset"), None, Some("10"), None).unwrap();
        let cohort = trn::create_cohort(&env.app, &admin_a, &training_course, cohort, vec![cohort_meeting]).await.unwrap();
        trn::enrol(&env.app, &admin_a, &cohort, peer.id).await.unwrap();
        let cohort_meeting = trn::cohort(&env.app, &admin_a, &cohort).await.unwrap().meetings[0].id.clone();
        ob::start(&env.app, &admin_a, peer.id, &role.to_string()).await.unwrap();
        let onboarding_item = ob::onboarding(&env.app, &admin_a, peer.id).await.unwrap().onboardings[0].items[0].id.clone();

        // Recruitment (issue 3, item 2): a posting, an application at the interview stage with an
        // attachment, and an interview whose panel is A's administrator and supervisor.
        let supervisor_user = users.iter().find(|u| u.0 == Who::A(Supervisor)).unwrap().2;
        let panel = [admin_user, supervisor_user];
        let (_, history) = sammen_app::workforce::role(&env.app, &admin_a, role).await.unwrap();
        let posting_role = history.last().unwrap().id.to_string();
        let posting = recruitment_posting(env, &admin_a, &posting_role).await;
        let application = recruitment_application(env, &admin_a, org_a, posting, "Alma Ansøger", true).await;
        let iv = sammen_domain::recruitment::InterviewInput::parse(
            "2026-03-10",
            "10:00",
            "Lokale 1",
            false,
            &[panel[0].to_string(), panel[1].to_string()],
        )
        .unwrap();
        let interview = sammen_app::recruitment::schedule_interview(&env.app, &admin_a, application, iv).await.unwrap();
        let attachment = sammen_app::recruitment::application(&env.app, &admin_a, application).await.unwrap().attachments[0].id.to_string();

        let mut callers = Vec::new();
        for (who, label, user, email, org) in users {
            let browser = env.login(&email).await;
            let (_, token) = env.token(user, org, TokenScope::Write).await;
            callers.push(Caller { who, label, user, browser, token });
        }
        World {
            org_a,
            org_c,
            partnership,
            programme,
            staff,
            peer: peer.id,
            participant: participant.id,
            token,
            response,
            invitation,
            plan,
            role,
            course,
            offer,
            session,
            goal,
            own_peer: own_peer.id,
            referral,
            consent,
            group,
            meeting,
            group_extra,
            supervision_session,
            check_in,
            supervisor_a,
            training_course,
            cohort,
            cohort_meeting,
            onboarding_item,
            coordinator_a,
            referrer_a,
            admin_a,
            posting,
            posting_role,
            application,
            interview,
            attachment,
            panel,
            callers,
            seq: AtomicU32::new(0),
        }
    }

    fn id(&self, on: Res) -> String {
        match on {
            Res::Org => self.org_a.to_string(),
            Res::Partnership => self.partnership.to_string(),
            Res::Programme => self.programme.to_string(),
            Res::Staff => self.staff.to_string(),
            Res::Peer => self.peer.to_string(),
            Res::Participant => self.participant.to_string(),
            Res::Token => self.token.to_string(),
            Res::Response => self.response.to_string(),
            Res::Invitation => self.invitation.to_string(),
            Res::Plan => self.plan.to_string(),
            Res::Role => self.role.to_string(),
            Res::Course => self.course.to_string(),
            Res::Offer => self.offer.to_string(),
            Res::Session => self.session.to_string(),
            Res::Goal => self.goal.to_string(),
            Res::Referral => self.referral.to_string(),
            Res::Consent => self.consent.to_string(),
            Res::Group => self.group.to_string(),
            Res::Meeting => self.meeting.to_string(),
            Res::SupervisionSession => self.supervision_session.clone(),
            Res::CheckIn => self.check_in.clone(),
            Res::TrainingCourse => self.training_course.clone(),
            Res::Cohort => self.cohort.clone(),
            // Recruitment (issue 3, item 2).
            Res::Posting => self.posting.to_string(),
            Res::Application => self.application.to_string(),
            Res::Interview => self.interview.to_string(),
            Res::Attachment => self.attachment.clone(),
        }
    }

    /// A new resource of the kind, for a route that uses one up.
    async fn fresh(&self, env: &Env, on: Res) -> String {
        match on {
            Res::Participant => {
                let p = app_people::create_participant(&env.app, &self.admin_a, participant_input("Engangs Deltager"), None).await.unwrap();
                p.id.to_string()
            }
            Res::Token => env.token(self.coordinator_a, Some(self.org_a), TokenScope::Write).await.0.to_string(),
            Res::Course => course_of(env, &self.admin_a, self.programme, self.own_peer, true).await.to_string(),
            Res::Offer => course_of(env, &self.admin_a, self.programme, self.own_peer, false).await.to_string(),
            Res::Session => {
                let course = course_of(env, &self.admin_a, self.programme, self.own_peer, true).await;
                planned_session(env, &self.admin_a, course).await.to_string()
            }
            Res::Referral => {
                let person = referral_person("Engangs Henvist");
                intake::refer(&env.app, &self.referrer_a, self.org_a, person, ConsentMethod::Written).await.unwrap().to_string()
            }
            Res::Consent => {
                intake::record_consent(&env.app, &self.admin_a, self.participant, consent_input()).await.unwrap().id.to_string()
            }
            Res::Meeting => {
                let m = gk::MeetingInput::parse("2026-03-04", "17:00", "60", None, None).unwrap();
                sammen_app::groups::plan_meeting(&env.app, &self.admin_a, self.group, m).await.unwrap().id.to_string()
            }
            // Recruitment (issue 3, item 2): a new application, received.
            Res::Application => {
                let n = self.seq.fetch_add(1, Ordering::SeqCst);
                recruitment_application(env, &self.admin_a, self.org_a, self.posting, &format!("Engangs Ansøger {n}"), false)
                    .await
                    .to_string()
            }
            other => panic!("no fresh {other:?}: add it to World::fresh"),
        }
    }

    /// The request for route `r` on resource `id`, as `caller` (None: anonymous).
    fn request(&self, r: IdRoute, id: &str, caller: Option<&Caller>) -> Req {
        let path = r.path().replace("{id}", id);
        let mut req = Req::new(r.method(), &path);
        if is_api(r) {
            if let Some(c) = caller {
                req = req.bearer(&c.token);
            }
            if let Some(body) = api_body(r, self) {
                req = req.json(&body);
            }
        } else {
            if let Some(c) = caller {
                req = req.cookie(&c.browser.cookie);
            }
            if r.method() == "POST" {
                let n = self.seq.fetch_add(1, Ordering::SeqCst);
                let mut form = vec![("csrf", caller.map(|c| c.browser.csrf.clone()).unwrap_or_default())];
                form.extend(ui_form(r, self, n));
                req = req.form(&form);
            }
        }
        req
    }

    /// Everything a mutating route could change, as text: a denial must leave it as it was.
    async fn snapshot(&self, env: &Env) -> String {
        let (response, invitation) = (self.response.to_string(), self.invitation.to_string());
        let role = self.role.to_string();
        let (course_id, offer_id, session_id, goal_id) =
            (self.course.to_string(), self.offer.to_string(), self.session.to_string(), self.goal.to_string());
        let (referral, consent) = (self.referral.to_string(), self.consent.to_string());
        let (group, meeting) = (self.group.to_string(), self.meeting.to_string());
        let (supervision_session, check_in) = (self.supervision_session.clone(), self.check_in.clone());
        let (posting, application) = (self.posting.to_string(), self.application.to_string());
        let (org, partnership, programme, staff, peer, participant, token, coordinator) = (
            self.org_a.to_string(),
            self.partnership.to_string(),
            self.programme.to_string(),
            self.staff.to_string(),
            self.peer.to_string(),
            self.participant.to_string(),
            self.token.to_string(),
            self.coordinator_a.to_string(),
        );
        env.app
            .db
            .read(move |c| -> Result<String, StoreError> {
                use sammen_store::{auth as au, directory as d, people as pp};
                let mut s = String::new();
                s += &format!("org {:?}\n", d::org(c, &org)?);
                s += &format!("partnership {:?}\n", d::partnership(c, &partnership)?);
                s += &format!("programme {:?}\n", d::programme(c, &programme)?);
                let u = au::user_by_id(c, &staff)?.map(|u| (u.email, u.display_name, u.password_hash, u.active, u.totp_enabled));
                s += &format!("staff {u:?} {:?}\n", au::memberships_of(c, &staff)?);
                s += &format!("staff of A {}\n", au::staff_of(c, &org, Page { offset: 0, limit: 0 })?.1);
                let p = pp::peer(c, &peer)?
                    .map(|r| (r.display_name, r.email, r.phone, r.engagement, r.status, r.languages, r.modes, r.user_id));
                s += &format!("peer {p:?}\n");
                let p = pp::participant(c, &participant)?.map(|r| {
                    (r.name, r.cpr, r.birth_year, r.gender, r.phone, r.email, r.status, r.languages, r.programme_id, r.assigned_peer_id)
                });
                s += &format!("participant {p:?} {:?}\n", pp::count_participants(c, &org, None)?);
                let t: Vec<_> = au::tokens_of(c, &coordinator)?.into_iter().filter(|t| t.id == token).map(|t| t.revoked_at).collect();
                s += &format!("token {t:?}\n");
                use sammen_store::measurement as sm;
                s += &format!("response {:?}\n", sm::response(c, &response)?.map(|r| (r.answers, r.status, r.score)));
                s += &format!("responses {}\n", sm::responses_of_participant(c, &participant)?.len());
                s += &format!("life events {}\n", sm::life_events_of(c, &participant)?.len());
                s += &format!("invitation {:?}\n", sm::invitation(c, &invitation)?.map(|i| (i.token_hash, i.status)));
                s += &format!("plans {:?}\n", sm::plans_of_programme(c, &programme)?.iter().map(|p| (&p.id, p.active)).collect::<Vec<_>>());
                use sammen_store::support as ss;
                let course = ss::course(c, &course_id)?.map(|x| (x.status, x.offer, x.peer_id, x.end_reason));
                s += &format!("course {course:?} sessions {}\n", ss::sessions_of_courses(c, std::slice::from_ref(&course_id))?.len());
                s += &format!("offer {:?}\n", ss::course(c, &offer_id)?.map(|x| (x.status, x.offer)));
                s += &format!("session {:?}\n", ss::session(c, &session_id)?.map(|x| x.status));
                s += &format!("goal {:?}\n", ss::goal(c, &goal_id)?.map(|g| (g.status, g.text)));
                s += &format!("goal progress {}\n", ss::progress_of(c, std::slice::from_ref(&goal_id))?.len());
                s += &format!("wishes {:?}\n", ss::wishes(c, &participant)?.map(|w| (w.topics, w.modes, w.availability)));
                s += &format!("profile {:?}\n", ss::profile(c, &peer)?.map(|p| (p.capacity, p.disclosure)));
                s += &format!("engagements {}\n", sammen_store::workforce::engagements_of(c, &peer)?.len());
                let key = sammen_store::workforce::role_version(c, &role)?.map(|r| r.role_key).unwrap_or_default();
                s += &format!("role versions {}\n", sammen_store::workforce::role_history(c, &key)?.len());
                s += &format!("referral {:?}\n", ss::referral(c, &referral)?.map(|r| (r.status, r.participant_id, r.programme_id)));
                s += &format!("consent {:?}\n", ss::consent(c, &consent)?.map(|r| r.withdrawn_at));
                s += &format!("consents {}\n", ss::consents_of(c, &participant)?.len());
                use sammen_store::groups as sg;
                let g =
                    sg::group(c, &group)?.map(|g| (g.kind, g.name, g.description, g.mode, g.place, g.capacity, g.status, g.programme_id));
                s += &format!("group {g:?} {:?}\n", sg::facilitators_of(c, &group)?);
                let ms: Vec<_> = sg::meetings_of(c, std::slice::from_ref(&group))?
                    .into_iter()
                    .map(|m| (m.id, m.starts_at, m.duration_minutes, m.status, m.anonymous_count))
                    .collect();
                s += &format!("meetings {ms:?}\n");
                let es: Vec<_> =
                    sg::enrolments_of(c, &group)?.into_iter().map(|e| (e.enrolment.participant_id, e.enrolment.left_at)).collect();
                s += &format!("enrolments {es:?}\n");
                let at: Vec<_> = sg::attendance_of(c, &[meeting])?.into_iter().map(|a| (a.participant_id, a.present)).collect();
                s += &format!("attendance {at:?}\n");
                // Supervision and wellbeing (issue 3).
                use sammen_store::supervision as sv;
                let ss = sv::session(c, &supervision_session)?.map(|x| (x.status, x.topics, x.note));
                let sa: Vec<_> =
                    sv::attendees(c, std::slice::from_ref(&supervision_session))?.into_iter().map(|a| (a.peer_id, a.attended)).collect();
                s += &format!("supervision {ss:?} {sa:?} relations {}\n", sv::relations_of_peer(c, &peer)?.len());
                s += &format!("check-in {:?}\n", sv::check_in(c, &check_in)?.map(|x| x.shared));
                // onboarding and training (issue 3)
                use sammen_store::training as st;
                let cs: Vec<_> = st::courses_of(c, &org)?.into_iter().map(|x| (x.title, x.kind, x.validity_months, x.active)).collect();
                s += &format!("training courses {cs:?}\n");
                let course_ids = cs_ids(c, &org)?;
                let cohorts: Vec<String> = st::cohorts_of(c, &course_ids)?.into_iter().map(|x| x.id).collect();
                let es: Vec<_> = st::enrolments_of(c, &cohorts)?.into_iter().map(|e| (e.peer_id, e.outcome)).collect();
                s += &format!("cohorts {} enrolments {es:?}\n", cohorts.len());
                let ms: Vec<String> = st::meetings_of(c, &cohorts)?.into_iter().map(|m| m.id).collect();
                let at: Vec<_> = st::attendance_of(c, &ms)?.into_iter().map(|a| (a.meeting_id, a.peer_id, a.present)).collect();
                s += &format!("training attendance {at:?}\n");
                let certs: Vec<_> =
                    st::certificates_of(c, std::slice::from_ref(&peer))?.into_iter().map(|x| (x.kind, x.expires_on)).collect();
                s += &format!("certificates {certs:?}\n");
                let obs: Vec<String> = st::onboardings_of(c, &peer)?.into_iter().map(|o| o.id).collect();
                let items: Vec<_> = st::items_of(c, &obs)?.into_iter().map(|i| (i.id, i.done_at, i.owner_user_id)).collect();
                s += &format!("onboardings {} items {items:?}\n", obs.len());
                let t: Vec<_> = st::template_of(c, &key)?.into_iter().map(|t| (t.kind, t.owner_role, t.due_days)).collect();
                s += &format!("template {t:?}\n");
                // Recruitment (issue 3, item 2).
                use sammen_store::recruitment as sr;
                let p = sr::posting(c, &posting)?.map(|p| (p.role_key, p.intro, p.place, p.deadline, p.starts_on, p.status));
                s += &format!("posting {p:?} {:?}\n", sr::applications_of(c, &posting, None)?.len());
                let a = sr::application(c, &application)?.map(|a| (a.stage, a.peer_id, a.decided_at));
                let ivs: Vec<String> = sr::interviews_of(c, &application)?.into_iter().map(|i| i.id).collect();
                s += &format!("application {a:?} {} {ivs:?}\n", sr::stages_of(c, &application)?.len());
                let sc: Vec<_> = sr::scores_of(c, &ivs)?.into_iter().map(|x| (x.user_id, x.competence, x.score)).collect();
                s += &format!("scores {sc:?}\n");
                Ok(s)
            })
            .await
            .unwrap()
    }
}

fn is_api(r: IdRoute) -> bool {
    r.path().starts_with("/api/")
}

fn allowed(rule: &Rule, who: Who) -> bool {
    match who {
        Who::A(role) => rule.a.contains(&role),
        Who::B(_) => false,
        Who::SystemAdmin => rule.system_admin,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_id_route_admits_exactly_the_roles_its_rule_names() {
    on_every_backend("authorisation", |env| async move {
        let w = World::new(&env).await;
        let b = env.backend;
        let (mut denials, mut admissions) = (0, 0);
        for &r in IdRoute::ALL {
            let rule = rule(r);
            let what = format!("{b}: {} {}", r.method(), r.path());
            if matches!(rule.on, Res::Participant | Res::Peer) {
                assert!(!rule.system_admin, "{what}: the system administrator never reads participants or peer workers");
            }
            assert!(w.callers.iter().any(|c| allowed(&rule, c.who)), "{what}: a route nobody may call");
            let id = w.id(rule.on);

            // Anonymous: the UI sends to the login page, the API answers 401.
            let before = w.snapshot(&env).await;
            let res = env.send(w.request(r, &id, None)).await;
            if is_api(r) {
                assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{what} anonymous: {}", excerpt(&res.body));
                assert_eq!(res.header("www-authenticate"), "Bearer", "{what}");
            } else {
                assert_eq!((res.status, res.location()), (StatusCode::SEE_OTHER, "/login"), "{what} anonymous");
            }
            assert_eq!(w.snapshot(&env).await, before, "{what}: an anonymous request changed something");

            // Everyone the rule does not name is denied, changes nothing, and (for a
            // participant) leaves a `denied` audit record.
            for c in w.callers.iter().filter(|c| !allowed(&rule, c.who)) {
                let head = env.audit_head().await;
                let res = env.send(w.request(r, &id, Some(c))).await;
                assert!(
                    matches!(res.status, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN),
                    "{what} as {} must be denied (403/404), got {}: {}",
                    c.label,
                    res.status,
                    excerpt(&res.body)
                );
                assert_eq!(w.snapshot(&env).await, before, "{what}: the denied request of {} changed something", c.label);
                if rule.on == Res::Participant {
                    let route = format!("{} {}", r.method(), r.path());
                    let records = env.audit_after(head).await;
                    let found = records.iter().any(|rec| {
                        rec.event.outcome == AuditOutcome::Denied
                            && rec.event.actor.as_deref() == Some(&c.user.to_string())
                            && rec.event.subject_type == "participant"
                            && rec.event.subject_id.as_deref() == Some(&id)
                            && rec.event.route == route
                    });
                    assert!(found, "{what}: the denial of {} left no denied audit record: {records:?}", c.label);
                }
                denials += 1;
            }

            // Everyone it names gets through: a page or document for GET, success for changes.
            for c in w.callers.iter().filter(|c| allowed(&rule, c.who)) {
                let id = if consumes(r) { w.fresh(&env, rule.on).await } else { id.clone() };
                let res = env.send(w.request(r, &id, Some(c))).await;
                let ok = match (r.method(), is_api(r)) {
                    ("GET", _) => res.status == StatusCode::OK,
                    ("POST", false) => {
                        res.status == StatusCode::OK || (res.status == StatusCode::SEE_OTHER && !res.location().starts_with("/login"))
                    }
                    ("PUT", true) => res.status == StatusCode::OK,
                    // Withdrawing a consent changes it; nothing is created.
                    ("POST", true) if r == IdRoute::ApiConsentWithdraw => res.status == StatusCode::OK,
                    ("POST", true) => res.status == StatusCode::CREATED,
                    ("DELETE", true) => res.status == StatusCode::NO_CONTENT,
                    (m, api) => panic!("{what}: no expectation for {m} (api: {api})"),
                };
                assert!(ok, "{what} as {} must be allowed, got {} {}: {}", c.label, res.status, res.location(), excerpt(&res.body));
                if r.method() == "GET" && !is_api(r) {
                    // The fixture's attachment (recruitment) is a PDF too.
                    let kind = if r.path().ends_with(".pdf") || r == IdRoute::AttachmentDownload { "application/pdf" } else { "text/html" };
                    assert!(res.header("content-type").starts_with(kind), "{what}");
                }
                admissions += 1;
            }
        }
        // Resources survived the allowed changes (they wrote the same values again).
        let admin = w.callers.iter().find(|c| c.who == Who::A(Administrator)).unwrap();
        for (path, text) in [
            (format!("/participants/{}", w.participant), PARTICIPANT_NAME),
            (format!("/peer-workers/{}", w.peer), PEER_NAME),
            (format!("/programmes/{}", w.programme), PROGRAMME),
            (format!("/staff/{}", w.staff), STAFF_NAME),
            (format!("/organisations/{}", w.org_a), ORG_A),
        ] {
            let res = env.send(Req::get(&path).cookie(&admin.browser.cookie)).await;
            assert_eq!(res.status, StatusCode::OK, "{b}: {path}");
            assert!(res.body.contains(&html(text)), "{b}: {path} still shows {text}");
        }
        println!("{b}: {} routes, {denials} denials, {admissions} admissions", IdRoute::ALL.len());
        assert!(denials > 100 && admissions > 30, "{b}: the matrix ran ({denials} denials, {admissions} admissions)");
    })
    .await;
}

/// The ids of organisation A's training courses (for the snapshot).
fn cs_ids(c: &mut sammen_store::DbConnection, org: &str) -> Result<Vec<String>, StoreError> {
    Ok(sammen_store::training::courses_of(c, org)?.into_iter().map(|x| x.id).collect())
}

/// The UI routes with an id (the API's are in the OpenAPI document).
const UI_ID_ROUTES: &[(&str, &str)] = &[
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
    ("POST", "/account/tokens/{id}/revoke"),
    ("GET", "/participants/{id}/measurements"),
    ("POST", "/participants/{id}/responses"),
    ("POST", "/participants/{id}/life-events"),
    ("GET", "/responses/{id}"),
    ("POST", "/responses/{id}"),
    ("POST", "/invitations/{id}/link"),
    ("GET", "/programmes/{id}/measurement-plans"),
    ("POST", "/programmes/{id}/measurement-plans"),
    ("POST", "/measurement-plans/{id}/active"),
    ("GET", "/roles/{id}"),
    ("GET", "/roles/{id}/edit"),
    ("POST", "/roles/{id}"),
    ("GET", "/roles/{id}/function-description.pdf"),
    ("GET", "/participants/{id}/courses"),
    ("GET", "/participants/{id}/wishes"),
    ("POST", "/participants/{id}/wishes"),
    ("GET", "/peer-workers/{id}/profile"),
    ("GET", "/peer-workers/{id}/profile/edit"),
    ("POST", "/peer-workers/{id}/profile"),
    ("GET", "/peer-workers/{id}/engagements"),
    ("POST", "/peer-workers/{id}/engagements"),
    ("GET", "/programmes/{id}/matching"),
    ("POST", "/programmes/{id}/matching"),
    ("GET", "/courses/{id}"),
    ("POST", "/courses/{id}/offer"),
    ("POST", "/courses/{id}/status"),
    ("POST", "/courses/{id}/handover"),
    ("GET", "/courses/{id}/log"),
    ("POST", "/courses/{id}/sessions"),
    ("POST", "/courses/{id}/goals"),
    ("POST", "/sessions/{id}/status"),
    ("POST", "/goals/{id}/progress"),
    ("GET", "/referrals/{id}"),
    ("POST", "/referrals/{id}/accept"),
    ("POST", "/referrals/{id}/decline"),
    ("GET", "/participants/{id}/consents"),
    ("POST", "/participants/{id}/consents"),
    ("GET", "/consents/{id}/withdraw"),
    ("POST", "/consents/{id}/withdraw"),
    ("GET", "/programmes/{id}/waiting-list"),
    ("GET", "/groups/{id}"),
    ("GET", "/groups/{id}/edit"),
    ("POST", "/groups/{id}"),
    ("POST", "/groups/{id}/facilitators"),
    ("POST", "/groups/{id}/meetings"),
    ("POST", "/groups/{id}/enrolments"),
    ("POST", "/groups/{id}/leave"),
    ("GET", "/group-meetings/{id}"),
    ("POST", "/group-meetings/{id}"),
    ("POST", "/group-meetings/{id}/cancel"),
    // Supervision and wellbeing (issue 3).
    ("GET", "/peer-workers/{id}/supervision"),
    ("POST", "/peer-workers/{id}/supervisors"),
    ("GET", "/supervision/sessions/{id}"),
    ("POST", "/supervision/sessions/{id}"),
    ("POST", "/wellbeing/check-ins/{id}/share"),
    // onboarding and training (issue 3)
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
    // Recruitment (issue 3, item 2).
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

/// The only routes whose path takes a parameter that is not a database id, and why none of
/// them needs the id-route authorisation matrix.
const OTHER_PARAMETER_ROUTES: &[(&str, &str, &str)] = &[
    ("GET", "/assets/{file}", "embedded static files"),
    ("GET", "/instruments/{instrument}", "the shipped instrument catalogue: not personal data, any member"),
    ("POST", "/instruments/{instrument}/text", "the organisation's licensed text: policy::manage_measurement"),
    ("GET", "/instruments/{instrument}/questionnaire.json", "the catalogue as FHIR: not personal data"),
    ("GET", "/api/v1/instruments/{instrument}/questionnaire", "the catalogue as FHIR: not personal data"),
    ("PUT", "/api/v1/instruments/{instrument}/questionnaire", "the organisation's licensed text: policy::manage_measurement"),
    ("GET", "/a/{token}", "a participant's answering link: the unguessable token is the credential (tests/measure.rs)"),
    ("GET", "/calendar/{token}", "a peer worker's calendar feed: the unguessable, renewable token is the credential (app tests, courses)"),
    (
        "GET",
        "/self-referral/{organisation}",
        "the public self-referral form: an organisation's name and active programmes, not personal data",
    ),
    (
        "POST",
        "/self-referral/{organisation}",
        "a public self-referral: no account, throttled per address, writes only (app::intake::self_refer)",
    ),
    // Recruitment (issue 3, item 2).
    ("GET", "/jobs/{organisation}", "the public job page: an organisation's open postings, not personal data"),
    ("GET", "/jobs/{organisation}/{posting}", "one open posting and its application form, not personal data"),
    (
        "POST",
        "/jobs/{organisation}/{posting}",
        "a public application: no account, throttled per address, writes only (app::recruitment::apply)",
    ),
];

/// `IdRoute::ALL` is every id route: the OpenAPI document's `{id}` paths and the UI's, and no
/// route with a path parameter is registered anywhere else.
#[test]
fn id_routes_are_the_openapi_id_paths_and_the_ui_id_routes() {
    let all: Vec<(String, String)> = IdRoute::ALL.iter().map(|r| (r.method().to_owned(), r.path().to_owned())).collect();
    let listed: BTreeSet<(String, String)> = all.iter().cloned().collect();
    assert_eq!(listed.len(), all.len(), "IdRoute::ALL lists a route twice");

    let doc: Value = serde_json::from_str(&sammen_web::api::openapi_document()).unwrap();
    let base = doc["servers"][0]["url"].as_str().unwrap();
    assert_eq!(base, "/api/v1");
    let mut expected: BTreeSet<(String, String)> = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        let keyed = OTHER_PARAMETER_ROUTES.iter().any(|(_, p, _)| format!("{base}{path}") == *p);
        assert!(!path.contains('{') || path.contains("{id}") || keyed, "an OpenAPI path with a parameter other than id: {path}");
        if !path.contains("{id}") {
            continue;
        }
        for method in item.as_object().unwrap().keys() {
            if ["get", "put", "post", "delete", "patch"].contains(&method.as_str()) {
                expected.insert((method.to_uppercase(), format!("{base}{path}")));
            }
        }
    }
    assert!(expected.len() >= 10, "the OpenAPI document has id paths: {expected:?}");
    expected.extend(UI_ID_ROUTES.iter().map(|(m, p)| ((*m).to_owned(), (*p).to_owned())));
    let missing: Vec<_> = expected.difference(&listed).collect();
    let extra: Vec<_> = listed.difference(&expected).collect();
    assert!(missing.is_empty() && extra.is_empty(), "IdRoute::ALL lacks {missing:?}; lists undocumented {extra:?}");

    // No `.route("…{param}…")` outside `routes.rs` except the embedded assets.
    for (file, src) in sources(&[&crate_dir().join("src")], "rs") {
        for (i, line) in src.lines().enumerate() {
            if let Some(at) = line.find(".route(\"") {
                let path = line[at + 8..].split('"').next().unwrap();
                let prefixed = if file.to_string_lossy().contains("/api/") { format!("/api/v1{path}") } else { path.to_owned() };
                assert!(
                    !path.contains('{') || OTHER_PARAMETER_ROUTES.iter().any(|(_, p, _)| *p == prefixed),
                    "{}:{}: {path} takes a path parameter outside IdRoute",
                    file.display(),
                    i + 1
                );
            }
        }
    }
}

// ---------------------------------------------------------------- 2. the OpenAPI document

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openapi_document_matches_the_committed_copy() {
    let doc = sammen_web::api::openapi_document();
    let file = crate_dir().join("../../docs/openapi.json");
    if std::env::var_os("UPDATE_OPENAPI").is_some_and(|v| !v.is_empty() && v != "0") {
        std::fs::write(&file, format!("{doc}\n")).unwrap();
        println!("rewrote {}", file.display());
    }
    let committed = std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("{}: {e}; run the test with UPDATE_OPENAPI=1 to write it", file.display()));
    assert!(
        committed.trim_end() == doc.trim_end(),
        "docs/openapi.json differs from the API's document; if the change is intended, run \
         `UPDATE_OPENAPI=1 cargo test -p sammen-web --test http openapi` and commit the file"
    );
    let parsed: Value = serde_json::from_str(&doc).unwrap();
    assert_eq!(parsed["openapi"], "3.1.0");
    assert_eq!(parsed["components"]["securitySchemes"]["bearer"]["scheme"], "bearer");
    on_every_backend("openapi", |env| {
        let doc = doc.clone();
        async move {
            let res = env.send(Req::get("/api/v1/openapi.json")).await;
            assert_eq!(res.status, StatusCode::OK, "{}: served without a token", env.backend);
            assert!(res.header("content-type").starts_with("application/json"));
            assert_eq!(res.body, doc, "{}: the served document is the document", env.backend);
        }
    })
    .await;
}

// ---------------------------------------------------------------- 3. API behaviour

/// Organisation A with a coordinator signed in both ways.
struct Small {
    org: OrgId,
    browser: Browser,
    write: String,
    read: String,
}

async fn small(env: &Env) -> Small {
    let org = env.org(ORG_A).await;
    let user = env.staff(org, "koordinator@a.test", Coordinator).await;
    let browser = env.login("koordinator@a.test").await;
    let (_, write) = env.token(user, Some(org), TokenScope::Write).await;
    let (_, read) = env.token(user, Some(org), TokenScope::Read).await;
    Small { org, browser, write, read }
}

/// Checks the one error body: `{"error": {status, code, message, correlation_id, fields}}`.
fn assert_error_body(what: &str, res: &Resp, status: StatusCode, code: &str) -> Value {
    assert_eq!(res.status, status, "{what}: {}", excerpt(&res.body));
    let body = res.json();
    let keys: BTreeSet<&str> = body.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, BTreeSet::from(["error"]), "{what}");
    let e = &body["error"];
    let keys: BTreeSet<&str> = e.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, BTreeSet::from(["status", "code", "message", "correlation_id", "fields"]), "{what}");
    assert_eq!(e["status"], status.as_u16(), "{what}");
    assert_eq!(e["code"], code, "{what}");
    assert!(!e["message"].as_str().unwrap().is_empty(), "{what}");
    assert_eq!(e["correlation_id"].as_str().unwrap(), res.header("x-request-id"), "{what}: the id of the log line");
    assert!(e["fields"].is_array(), "{what}");
    e.clone()
}

fn field_names(e: &Value) -> BTreeSet<String> {
    e["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap().to_owned()).collect()
}

async fn total(env: &Env, token: &str) -> i64 {
    let res = env.send(Req::get("/api/v1/participants").bearer(token)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", excerpt(&res.body));
    res.json()["total"].as_i64().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_authenticates_with_bearer_tokens_only() {
    on_every_backend("api-auth", |env| async move {
        let b = env.backend;
        let s = small(&env).await;
        for (what, req) in [
            ("no token", Req::get("/api/v1/participants")),
            ("unknown token", Req::get("/api/v1/participants").bearer("smn_not-a-token")),
            ("not bearer", Req::get("/api/v1/participants").header("authorization", &format!("Basic {}", s.write))),
            ("session cookie alone", Req::get("/api/v1/participants").cookie(&s.browser.cookie)),
            ("cookie on /me", Req::get("/api/v1/me").cookie(&s.browser.cookie)),
        ] {
            let res = env.send(req).await;
            let e = assert_error_body(&format!("{b}: {what}"), &res, StatusCode::UNAUTHORIZED, "unauthorized");
            assert_eq!(res.header("www-authenticate"), "Bearer", "{b}: {what}");
            assert_eq!(e["message"], env.i18n.t(Lang::Da, "error-unauthorized"), "{b}: Danish by default");
        }
        let res = env.send(Req::get("/api/v1/me").bearer(&s.write)).await;
        assert_eq!(res.status, StatusCode::OK);
        assert_eq!(res.json()["role"], "coordinator");
        assert_eq!(res.json()["can_write"], true);
        let res = env.send(Req::get("/api/v1/me").bearer(&s.read)).await;
        assert_eq!(res.json()["can_write"], false);

        for path in ["/healthz", "/readyz"] {
            let res = env.send(Req::get(path)).await;
            assert_eq!(res.status, StatusCode::OK, "{b}: {path} needs no authentication");
        }
    })
    .await;
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

// ---------------------------------------------------------------- 4. UI behaviour

/// A page with what differs between two renderings of it blanked out.
fn normalised(body: &str, variable: &[&str]) -> String {
    let mut out = body.to_owned();
    for v in variable {
        out = out.replace(v, "VALUE");
    }
    // CSRF tokens.
    let marker = "name=\"csrf\" value=\"";
    let mut rest = out.as_str();
    let mut cleaned = String::new();
    while let Some(at) = rest.find(marker) {
        cleaned.push_str(&rest[..at + marker.len()]);
        rest = &rest[at + marker.len()..];
        rest = &rest[rest.find('"').unwrap_or(0)..];
    }
    cleaned.push_str(rest);
    cleaned
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ui_login_answers_alike_for_unknown_accounts_and_sets_a_strict_cookie() {
    on_every_backend("ui-login", |env| async move {
        let b = env.backend;
        let org = env.org(ORG_A).await;
        env.staff(org, "koordinator@a.test", Coordinator).await;

        let res = env.send(Req::get("/")).await;
        assert_eq!((res.status, res.location()), (StatusCode::SEE_OTHER, "/login"), "{b}: no session, no dashboard");
        let res = env.send(Req::get("/login")).await;
        assert_eq!(res.status, StatusCode::OK, "{b}");
        assert!(res.body.contains("<html lang=\"da\">"), "{b}: Danish first");

        let login = |email: &str, pw: &str| Req::new("POST", "/login").form(&[("email", email.into()), ("password", pw.into())]);
        let wrong = env.send(login("koordinator@a.test", "not the password at all")).await;
        let unknown = env.send(login("nobody@a.test", PW)).await;
        for r in [&wrong, &unknown] {
            assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{b}");
            assert!(r.body.contains(&html(&env.i18n.t(Lang::Da, "error-login-failed"))), "{b}: {}", excerpt(&r.body));
            assert!(r.set_cookie("sammen_session").is_none(), "{b}: no session for a failed login");
        }
        assert_eq!(
            normalised(&wrong.body, &["koordinator@a.test"]),
            normalised(&unknown.body, &["nobody@a.test"]),
            "{b}: a wrong password and an unknown account look the same"
        );

        let ok = env.send(login("Koordinator@A.test", PW)).await;
        assert_eq!((ok.status, ok.location()), (StatusCode::SEE_OTHER, "/"), "{b}: e-mail addresses are case-insensitive");
        let cookie = ok.set_cookie("sammen_session").expect("a session cookie");
        for attr in ["HttpOnly", "SameSite=Strict", "Path=/"] {
            assert!(cookie.split("; ").any(|a| a == attr), "{b}: {cookie} lacks {attr}");
        }
        let value = cookie.split(';').next().unwrap();
        assert!(value.len() > "sammen_session=".len() + 20, "{b}: a long random secret: {value}");
        let res = env.send(Req::get("/").cookie(value)).await;
        assert_eq!(res.status, StatusCode::OK, "{b}");
        let res = env.send(Req::get("/login").cookie(value)).await;
        assert_eq!((res.status, res.location()), (StatusCode::SEE_OTHER, "/"), "{b}: signed in already");

        // Logging out ends the session on the server, not just in the browser.
        let csrf = env.send(Req::get("/").cookie(value)).await.csrf();
        let res = env.send(Req::new("POST", "/logout").cookie(value).form(&[("csrf", csrf)])).await;
        assert_eq!((res.status, res.location()), (StatusCode::SEE_OTHER, "/login"), "{b}");
        let res = env.send(Req::get("/").cookie(value)).await;
        assert_eq!((res.status, res.location()), (StatusCode::SEE_OTHER, "/login"), "{b}: the old cookie is dead");
    })
    .await;
}

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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ui_language_switch_stays_local_and_pages_are_danish_by_default() {
    on_every_backend("ui-lang", |env| async move {
        let b = env.backend;
        let s = small(&env).await;
        let cookie = &s.browser.cookie;

        let res = env.send(Req::get("/participants").cookie(cookie)).await;
        assert!(res.body.contains("<html lang=\"da\">"), "{b}");
        assert!(res.body.contains(&html(&env.i18n.t(Lang::Da, "nav-participants"))), "{b}");

        let res = env.send(Req::new("POST", "/lang").cookie(cookie).form(&[("lang", "en".into()), ("back", "/participants".into())])).await;
        assert_eq!((res.status, res.location()), (StatusCode::SEE_OTHER, "/participants"), "{b}");
        let lang = res.set_cookie("sammen_lang").expect("a language cookie");
        assert!(lang.starts_with("sammen_lang=en;"), "{b}: {lang}");
        assert!(lang.contains("SameSite=Strict"), "{b}: {lang}");
        let both = format!("{cookie}; sammen_lang=en");
        let res = env.send(Req::get("/participants").cookie(&both)).await;
        assert_eq!(res.status, StatusCode::OK, "{b}");
        assert!(res.body.contains("<html lang=\"en\">"), "{b}: {}", excerpt(&res.body));
        assert!(res.body.contains(&html(&env.i18n.t(Lang::En, "nav-participants"))), "{b}");
        // Only the switch counts: the UI is Danish first even for an English browser.
        let res = env.send(Req::get("/login").header("accept-language", "en-GB,en;q=0.9")).await;
        assert!(res.body.contains("<html lang=\"da\">"), "{b}");

        // Only local paths: never an open redirect.
        for back in ["//evil.example", "https://evil.example/", "/\\evil.example", "evil.example", ""] {
            let res = env.send(Req::new("POST", "/lang").form(&[("lang", "da".into()), ("back", back.into())])).await;
            assert_eq!((res.status, res.location()), (StatusCode::SEE_OTHER, "/"), "{b}: back={back:?}");
        }
        let res = env.send(Req::new("POST", "/lang").form(&[("lang", "xx".into()), ("back", "/login".into())])).await;
        assert!(res.set_cookie("sammen_lang").unwrap().starts_with("sammen_lang=da;"), "{b}: an unknown language is Danish");

        // Unknown paths: a Danish 404 page, for visitors and for users alike.
        for req in [Req::get("/no-such-page"), Req::get("/no/such/page").cookie(cookie)] {
            let res = env.send(req).await;
            assert_eq!(res.status, StatusCode::NOT_FOUND, "{b}");
            assert!(res.body.contains("<html lang=\"da\">"), "{b}");
            assert!(res.body.contains(&html(&env.i18n.t(Lang::Da, "error-not-found"))), "{b}: {}", excerpt(&res.body));
        }
        let res = env.send(Req::get("/no-such-page").cookie("sammen_lang=en")).await;
        assert!(res.body.contains(&html(&env.i18n.t(Lang::En, "error-not-found"))), "{b}");

        // Assets are cacheable; the security headers are on them too (checked in `send`).
        let res = env.send(Req::get("/assets/sammen.css")).await;
        assert_eq!(res.status, StatusCode::OK, "{b}");
        assert!(res.header("cache-control").contains("max-age"), "{b}");
        let res = env.send(Req::get("/")).await;
        assert_eq!(res.header("cache-control"), "no-store", "{b}: redirects are not cached either");
    })
    .await;
}

// ---------------------------------------------------------------- 5. text keys

/// Files under `dirs` ending in `.{ext}`, with their text.
fn sources(dirs: &[&Path], ext: &str) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut todo: Vec<PathBuf> = dirs.iter().map(|d| d.to_path_buf()).collect();
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let p = entry.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else if p.extension().is_some_and(|e| e == ext) {
                let text = std::fs::read_to_string(&p).unwrap();
                out.push((p, text));
            }
        }
    }
    out.sort();
    assert!(!out.is_empty(), "no .{ext} files in {dirs:?}");
    out
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The string literal at the start of `s` (after spaces), if there is one.
fn literal(s: &str) -> Option<String> {
    let s = s.trim_start().strip_prefix('"')?;
    let end = s.find('"')?;
    Some(s[..end].to_owned())
}

/// The contents of the string literals of Rust source (escapes kept as written; a `'"'`
/// character literal is not a string).
fn string_literals(src: &str) -> Vec<String> {
    let (mut out, mut cur, mut in_str, mut escaped) = (Vec::new(), String::new(), false, false);
    let mut prev = ' ';
    for ch in src.chars() {
        if in_str {
            if escaped {
                escaped = false;
                cur.push(ch);
            } else if ch == '\\' {
                escaped = true;
                cur.push(ch);
            } else if ch == '"' {
                in_str = false;
                out.push(std::mem::take(&mut cur));
            } else {
                cur.push(ch);
            }
        } else if ch == '"' && prev != '\'' {
            in_str = true;
        }
        prev = ch;
    }
    out
}

/// The first `n` arguments of every call of `name(…)` in `src`: a string literal, or None
/// for anything else. `name` must be the whole identifier (`t(` is not `get(` or `t_args(`).
fn calls(src: &str, name: &str, n: usize) -> Vec<Vec<Option<String>>> {
    let needle = format!("{name}(");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = src[from..].find(&needle).map(|i| i + from) {
        from = at + needle.len();
        if src[..at].chars().next_back().is_some_and(is_ident) {
            continue;
        }
        // Split the arguments at top-level commas.
        let (mut depth, mut in_str, mut escaped, mut args, mut start) = (0i32, false, false, Vec::new(), from);
        for (i, ch) in src[from..].char_indices() {
            let i = from + i;
            match ch {
                _ if escaped => escaped = false,
                '\\' if in_str => escaped = true,
                '"' => in_str = !in_str,
                _ if in_str => {}
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' if depth > 0 => depth -= 1,
                ',' if depth == 0 => {
                    args.push(&src[start..i]);
                    start = i + 1;
                }
                ')' => {
                    args.push(&src[start..i]);
                    break;
                }
                _ => {}
            }
            if args.len() >= n {
                break;
            }
        }
        out.push(args.iter().take(n).map(|a| literal(a).filter(|l| a.trim() == format!("\"{l}\""))).collect());
    }
    out
}

/// The enum behind each `code("prefix", …)` and `options(tr, "prefix", …)`: `prefix-{code}`.
fn codes_of(prefix: &str) -> Option<Vec<&'static str>> {
    fn all<T: Copy>(xs: &[T], code: impl Fn(T) -> &'static str) -> Vec<&'static str> {
        xs.iter().map(|x| code(*x)).collect()
    }
    Some(match prefix {
        "role" => all(Role::ALL, Role::code),
        "kind" => all(OrganisationKind::ALL, OrganisationKind::code),
        "category" => all(DataCategory::ALL, DataCategory::code),
        "delivery" => all(DeliveryModel::ALL, DeliveryModel::code),
        "mode" => all(Mode::ALL, Mode::code),
        "engagement" => all(Engagement::ALL, Engagement::code),
        "peerstatus" => all(PeerStatus::ALL, PeerStatus::code),
        "pstatus" => all(ParticipantStatus::ALL, ParticipantStatus::code),
        "gender" => all(Gender::ALL, Gender::code),
        "action" => all(AuditAction::ALL, AuditAction::code),
        "outcome" => all(AuditOutcome::ALL, AuditOutcome::code),
        "scope" => vec![TokenScope::Read.code(), TokenScope::Write.code()],
        "invstatus" => all(m::InvitationStatus::ALL, m::InvitationStatus::code),
        "rsource" => all(m::ResponseSource::ALL, m::ResponseSource::code),
        "rstatus" => all(m::ResponseStatus::ALL, m::ResponseStatus::code),
        "lifeevent" => all(m::LifeEventKind::ALL, m::LifeEventKind::code),
        "lesource" => all(m::LifeEventSource::ALL, m::LifeEventSource::code),
        "msgkind" => all(m::MessageKind::ALL, m::MessageKind::code),
        "msgstatus" => all(m::MessageStatus::ALL, m::MessageStatus::code),
        "chime" => all(&sammen_instruments::ChimeDomain::ALL, |d| d.code()),
        "setting" => all(wk::Setting::ALL, wk::Setting::code),
        "function" => all(wk::RoleFunction::ALL, wk::RoleFunction::code),
        "term" => all(wk::Term::ALL, wk::Term::code),
        "training" => all(wk::RequiredTraining::ALL, wk::RequiredTraining::code),
        "engagement-kind" => all(wk::EngagementKind::ALL, wk::EngagementKind::code),
        "wfo-supervision" => all(sammen_domain::supervision::SupervisionKind::ALL, sammen_domain::supervision::SupervisionKind::code),
        "topic" => all(sup::Topic::ALL, sup::Topic::code),
        "disclosure" => all(sup::Disclosure::ALL, sup::Disclosure::code),
        "course-status" => all(sup::CourseStatus::ALL, sup::CourseStatus::code),
        "end-reason" => all(sup::EndReason::ALL, sup::EndReason::code),
        "goal-status" => all(sup::GoalStatus::ALL, sup::GoalStatus::code),
        "session-kind" => all(sup::SessionKind::ALL, sup::SessionKind::code),
        "session-status" => all(sup::SessionStatus::ALL, sup::SessionStatus::code),
        "note-audience" => all(sup::NoteAudience::ALL, sup::NoteAudience::code),
        // Supervision (issue 3).
        "supkind" => all(sammen_domain::supervision::SupervisionKind::ALL, |x| x.code()),
        "supformat" => all(sammen_domain::supervision::SupervisionFormat::ALL, |x| x.code()),
        "supstatus" => all(sammen_domain::supervision::SupervisionStatus::ALL, |x| x.code()),
        "suptopic" => all(sammen_domain::supervision::SupervisionTopic::ALL, |x| x.code()),
        "match-reason" => vec![
            "capacity_taken_by_better_matches",
            "no_peers",
            "no_shared_language",
            "no_shared_mode",
            "gender_preference",
            "excluded",
            "location_unknown",
            "too_far",
            "training",
            "no_capacity",
        ],
        "not-ready" => vec!["no_support_consent", "no_languages"],
        "refsource" => all(sup::ReferralSource::ALL, sup::ReferralSource::code),
        "refstatus" => all(sup::ReferralStatus::ALL, sup::ReferralStatus::code),
        "referrerstatus" => all(sup::ReferrerStatus::ALL, sup::ReferrerStatus::code),
        "purpose" => all(sup::ConsentPurpose::ALL, sup::ConsentPurpose::code),
        "audience" => all(sup::ConsentAudience::ALL, sup::ConsentAudience::code),
        "cmethod" => all(sup::ConsentMethod::ALL, sup::ConsentMethod::code),
        "gkind" => all(gk::GroupKind::ALL, gk::GroupKind::code),
        "gstatus" => all(gk::GroupStatus::ALL, gk::GroupStatus::code),
        "mstatus" => all(gk::MeetingStatus::ALL, gk::MeetingStatus::code),
        // onboarding and training (issue 3)
        "course-kind" => all(sammen_domain::training::CourseKind::ALL, sammen_domain::training::CourseKind::code),
        "training-outcome" => all(sammen_domain::training::Outcome::ALL, sammen_domain::training::Outcome::code),
        "cert-state" => all(sammen_domain::training::CertificateState::ALL, sammen_domain::training::CertificateState::code),
        "onboarding-item" => all(sammen_domain::training::OnboardingItemKind::ALL, sammen_domain::training::OnboardingItemKind::code),
        // Recruitment (issue 3, item 2).
        "posting-status" => all(rk::PostingStatus::ALL, rk::PostingStatus::code),
        "stage" => all(rk::Stage::ALL, rk::Stage::code),
        "competence" => all(rk::Competence::ALL, rk::Competence::code),
        "letter-language" => all(rk::LetterLanguage::ALL, rk::LetterLanguage::code),
        "attachment-kind" => all(rk::AttachmentKind::ALL, rk::AttachmentKind::code),
        _ => return None,
    })
}

/// Every message id the web layer asks for, with where it asks.
fn used_text_keys() -> BTreeMap<String, BTreeSet<String>> {
    let root = crate_dir();
    let mut keys: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut add = |key: String, file: &Path| {
        let file = file.strip_prefix(&root).unwrap_or(file).display().to_string();
        keys.entry(key).or_default().insert(file);
    };
    let templates = sources(&[&root.join("templates")], "html");
    let rust = sources(&[&root.join("src")], "rs");
    for (file, src) in templates.iter().chain(&rust) {
        // Translation calls: `t("id")`, `s("id", …)`, `n("id", …)`, `attr("id", …)`.
        for name in ["t", "s", "n", "attr"] {
            for args in calls(src, name, 1) {
                if let Some(Some(k)) = args.first() {
                    add(k.clone(), file);
                }
            }
        }
        // `t_args(lang, "id", …)`, `t_attr(lang, "id", …)`, `Chrome::anonymous(web, "id")`.
        for name in ["t_args", "t_attr", "t_fluent", "anonymous"] {
            for args in calls(src, name, 2) {
                if let Some(Some(k)) = args.get(1) {
                    add(k.clone(), file);
                }
            }
        }
        // Labels of stored codes: `code("prefix", x)` and `options(tr, "prefix", ALL, …)`.
        let mut prefixes: Vec<String> = calls(src, "code", 1).into_iter().filter_map(|a| a.into_iter().next().flatten()).collect();
        prefixes.extend(calls(src, "options", 2).into_iter().filter_map(|a| a.into_iter().nth(1).flatten()));
        for p in prefixes {
            let codes = codes_of(&p).unwrap_or_else(|| panic!("{}: labels prefixed {p:?}: add its enum to codes_of", file.display()));
            for c in codes {
                add(format!("{p}-{c}"), file);
            }
        }
    }
    for (file, src) in &rust {
        // Ids handed to a translation through a variable: the menu's ("/path", "nav-…", shown)
        // and error message ids, which are only ever translated.
        let mut rest = src.as_str();
        while let Some(at) = rest.find("(\"/") {
            rest = &rest[at + 2..];
            let after_path = &rest[rest.find('"').map_or(0, |i| i + 1)..];
            if let Some(k) = after_path.strip_prefix(", ").and_then(literal).filter(|k| k.starts_with("nav-")) {
                add(k, file);
            }
        }
        for piece in string_literals(src) {
            if piece.starts_with("err-") || piece.starts_with("error-") {
                add(piece, file);
            }
        }
    }
    // Field error ids come from the domain's and the app's parsers; the web layer translates them.
    let crates = root.parent().unwrap();
    for (file, src) in sources(&[&crates.join("domain/src"), &crates.join("app/src")], "rs") {
        for piece in string_literals(&src) {
            if piece.starts_with("err-") && piece.len() > 4 && piece.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
                add(piece, &file);
            }
        }
    }
    keys
}

#[test]
fn every_text_key_the_web_layer_uses_exists_in_both_languages() {
    let i18n = I18n::new().unwrap();
    let keys = used_text_keys();
    // The scan finds what it must, and no HTML ids or form-field names.
    for k in [
        "nav-dashboard",
        "form-errors-title",
        "common-page-of",
        "common-total",
        "error-internal",
        "error-login-failed",
        "login-title",
        "role-system_administrator",
        "role-peer_worker",
        "pstatus-waiting",
        "action-login",
        "outcome-denied",
        "scope-write",
        "err-csrf",
        "err-cpr",
        "staff-created-password",
    ] {
        assert!(keys.contains_key(k), "the scan missed {k}");
    }
    for not_a_key in ["error-summary", "org-switch", "f-email", "email", "code", "to", "from", "csrf", "new-token", "results"] {
        assert!(!keys.contains_key(not_a_key), "the scan took {not_a_key:?} for a text key: {:?}", keys[not_a_key]);
    }
    assert!(keys.len() > 200, "only {} keys found", keys.len());
    let mut missing = Vec::new();
    for (k, files) in &keys {
        for lang in [Lang::Da, Lang::En] {
            if !i18n.has(lang, k) {
                missing.push(format!("{k} ({}) used in {files:?}", lang.code()));
            }
        }
    }
    assert!(missing.is_empty(), "text keys missing from the Fluent files:\n{}", missing.join("\n"));
}

// ---------------------------------------------------------------- referral and intake

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ui_self_referral_is_public_validated_and_shows_nothing_back() {
    on_every_backend("self-referral", |env| async move {
        let b = env.backend;
        let s = small(&env).await;
        let path = format!("/self-referral/{}", s.org);
        let page = env.send(Req::get(&path)).await;
        assert_eq!(page.status, StatusCode::OK, "{b}: public, no account: {}", excerpt(&page.body));
        assert!(page.body.contains(&html(ORG_A)), "{b}: names the organisation");
        assert!(page.body.contains("<legend>"), "{b}: the consent checkboxes are a fieldset with a legend");
        let unknown = env.send(Req::get("/self-referral/not-an-id")).await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND, "{b}");

        // Missing consent and contact: translated field errors, nothing stored.
        let bad = env
            .send(Req::new("POST", &path).form(&[("name", "Sofie Selv".into()), ("reason", "Ensom".into()), ("website", String::new())]))
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{b}: {}", excerpt(&bad.body));
        for key in ["err-consent-required", "err-contact-required"] {
            assert!(bad.body.contains(&html(&env.i18n.t(Lang::Da, key))), "{b}: {key}");
        }
        assert_eq!(env.participant_count(s.org).await, 0, "{b}");

        // A valid one: the receipt shows none of what was sent.
        let form = [
            ("name", "Sofie Selvhenvist".to_owned()),
            ("phone", "20304050".into()),
            ("reason", "Jeg vil gerne tale med en, der har prøvet det".into()),
            ("consent_support", "on".into()),
            ("consent_measurement", "on".into()),
            ("website", String::new()),
        ];
        let ok = env.send(Req::new("POST", &path).form(&form)).await;
        assert_eq!(ok.status, StatusCode::OK, "{b}: {}", excerpt(&ok.body));
        assert!(ok.body.contains(&html(&env.i18n.t(Lang::Da, "self-referral-done-title"))), "{b}");
        assert!(!ok.body.contains("Sofie") && !ok.body.contains("20304050"), "{b}: nothing shown back");
        assert_eq!(env.participant_count(s.org).await, 1, "{b}");

        // The coordinator finds it in the inbox; a body over the form's bound is refused.
        let inbox = env.send(Req::get("/referrals").cookie(&s.browser.cookie)).await;
        assert_eq!(inbox.status, StatusCode::OK, "{b}");
        assert!(inbox.body.contains("Sofie Selvhenvist"), "{b}");
        let huge = env.send(Req::new("POST", &path).form(&[("name", "x".repeat(20_000))])).await;
        assert_eq!(huge.status, StatusCode::PAYLOAD_TOO_LARGE, "{b}");
        assert_eq!(env.participant_count(s.org).await, 1, "{b}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ui_a_referrer_refers_and_sees_only_the_status() {
    on_every_backend("referrer", |env| async move {
        let b = env.backend;
        let s = small(&env).await;
        let other = env.org("Bebro Forening").await;
        env.staff(other, "henviser@b.test", Referrer).await;
        let cli = Env::cli();
        let p = PartnershipInput::parse(
            "Henvisninger",
            "Henvisning",
            "Samtykke",
            &["referral_status".into()],
            "2026-01-01",
            None,
            &[s.org.to_string(), other.to_string()],
        )
        .unwrap();
        directory::save_partnership(&env.app, &cli, None, p).await.unwrap();
        let r = env.login("henviser@b.test").await;
        let form = env.send(Req::get("/referrals/new").cookie(&r.cookie)).await;
        assert_eq!(form.status, StatusCode::OK, "{b}: {}", excerpt(&form.body));
        assert!(form.body.contains(&s.org.to_string()), "{b}: A is a target");
        let sent = env
            .send(Req::new("POST", "/referrals").cookie(&r.cookie).form(&[
                ("csrf", r.csrf.clone()),
                ("organisation_id", s.org.to_string()),
                ("name", "Henrik Henvist".into()),
                ("email", "henrik@example.dk".into()),
                ("reason", "Udskrevet i sidste uge".into()),
                ("method", "written".into()),
                ("agreed", "on".into()),
            ]))
            .await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{b}: {}", excerpt(&sent.body));
        let page = env.send(Req::get(sent.location()).cookie(&r.cookie)).await;
        assert_eq!(page.status, StatusCode::OK, "{b}");
        assert!(page.body.contains(&html(&env.i18n.t(Lang::Da, "referrerstatus-received"))), "{b}");
        assert!(!page.body.contains("Henrik") && !page.body.contains("Udskrevet"), "{b}: the referrer sees no personal data");
        let coordinator = env.send(Req::get(sent.location()).cookie(&s.browser.cookie)).await;
        assert!(coordinator.body.contains("Henrik Henvist") && coordinator.body.contains("Udskrevet"), "{b}");

        // The API: the referrer creates and follows a referral; the body has the status and dates only.
        let users = env.app.db.read(|c| sammen_store::auth::user_by_email(c, "henviser@b.test")).await.unwrap().unwrap();
        let (_, token) = env.token(users.id.parse().unwrap(), Some(other), TokenScope::Write).await;
        let body = json!({"organisation_id": s.org.to_string(), "name": "Hanne Henvist", "phone": "20304050",
            "reason": "Ønsker en peer", "agreed": true, "method": "verbal"});
        let made = env.send(Req::new("POST", "/api/v1/referrals").bearer(&token).json(&body)).await;
        assert_eq!(made.status, StatusCode::CREATED, "{b}: {}", excerpt(&made.body));
        let got = env.send(Req::get(made.header("location")).bearer(&token)).await;
        assert_eq!(got.status, StatusCode::OK, "{b}");
        let v = got.json();
        let keys: BTreeSet<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, BTreeSet::from(["id", "status", "created_at", "updated_at"]), "{b}");
        assert_eq!(v["status"], "received", "{b}");
        let refused = env
            .send(Req::new("POST", "/api/v1/referrals").bearer(&token).json(&json!({
            "organisation_id": s.org.to_string(), "name": "X", "reason": "Y", "agreed": false, "method": "email"})))
            .await;
        let e = assert_error_body(&format!("{b}: refused"), &refused, StatusCode::UNPROCESSABLE_ENTITY, "validation");
        assert_eq!(field_names(&e), BTreeSet::from(["agreed".to_owned(), "method".to_owned(), "phone".to_owned()]), "{b}");
    })
    .await;
}

// ---------------------------------------------------------------- 5. group courses

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ui_group_pages_validate_and_show_a_facilitator_pseudonyms_only() {
    on_every_backend("ui-groups", |env| async move {
        let b = env.backend;
        let s = small(&env).await;
        let peer_user = env.staff(s.org, "peer@a.test", PeerWorker).await;
        let coord = ctx_of(&env.app, env.staff(s.org, "admin@a.test", Administrator).await, Some(s.org)).await;
        let peer = PeerWorkerInput::parse("Pia Peer", Some("peer@a.test"), None, "paid", "active", "da", &[]).unwrap();
        let peer = app_people::save_peer(&env.app, &coord, None, peer).await.unwrap();
        assert_eq!(peer.user_id, Some(peer_user), "{b}");
        let p = app_people::create_participant(&env.app, &coord, participant_input(PARTICIPANT_NAME), None).await.unwrap();
        let post = |path: String, form: Vec<(&'static str, String)>| {
            let mut all = vec![("csrf", s.browser.csrf.clone())];
            all.extend(form);
            Req::new("POST", &path).cookie(&s.browser.cookie).form(&all)
        };

        // A bad group form comes back with the errors by each field.
        let bad = vec![
            ("kind", "course".into()),
            ("name", String::new()),
            ("mode", "in_person".into()),
            ("capacity", "0".into()),
            ("status", "running".into()),
        ];
        let res = env.send(post("/groups".into(), bad)).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{b}: {}", excerpt(&res.body));
        assert!(res.body.contains("id=\"error-summary\""), "{b}");
        assert!(res.body.contains(&html(&env.i18n.t(Lang::Da, "err-capacity"))), "{b}");
        let good = vec![
            ("kind", "course".into()),
            ("name", GROUP.into()),
            ("mode", "in_person".into()),
            ("capacity", "8".into()),
            ("status", "running".into()),
        ];
        let res = env.send(post("/groups".into(), good)).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}: {}", excerpt(&res.body));
        let group = res.location().to_owned();
        for (path, form) in [
            (format!("{group}/facilitators"), vec![("facilitators", peer.id.to_string())]),
            (format!("{group}/enrolments"), vec![("participant_id", p.id.to_string())]),
            (format!("{group}/meetings"), vec![("date", "2026-03-03".into()), ("time", "17:00".into()), ("duration_minutes", "90".into())]),
        ] {
            let res = env.send(post(path.clone(), form)).await;
            assert_eq!((res.status, res.location()), (StatusCode::SEE_OTHER, group.as_str()), "{b}: {path}: {}", excerpt(&res.body));
        }
        let res = env
            .send(post(
                format!("{group}/meetings"),
                vec![("date", "2026-03-03".into()), ("time", "25:00".into()), ("duration_minutes", "90".into())],
            ))
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        assert!(res.body.contains("id=\"e-time\"") && res.body.contains(&html(&env.i18n.t(Lang::Da, "err-time"))), "{b}");

        // The coordinator sees the name; the meeting is shown in Danish time.
        let page = env.send(Req::get(&group).cookie(&s.browser.cookie)).await;
        assert_eq!(page.status, StatusCode::OK, "{b}");
        assert!(page.body.contains(&html(PARTICIPANT_NAME)) && page.body.contains("2026-03-03 17:00"), "{b}");
        let at = page.body.find("/group-meetings/").unwrap();
        let meeting = page.body[at..].split('"').next().unwrap().to_owned();

        // The facilitator records attendance on the phone form and sees pseudonyms only.
        let facilitator = env.login("peer@a.test").await;
        let list = env.send(Req::get("/groups").cookie(&facilitator.cookie)).await;
        assert!(list.body.contains(GROUP), "{b}: the facilitator's list");
        let form = env.send(Req::get(&meeting).cookie(&facilitator.cookie)).await;
        assert_eq!(form.status, StatusCode::OK, "{b}");
        assert!(form.body.contains(&p.pseudonym) && !form.body.contains(&html(PARTICIPANT_NAME)), "{b}: pseudonym only");
        assert!(form.body.contains(&format!("name=\"present\" value=\"{}\"", p.id)), "{b}: a checkbox per participant");
        let res = env
            .send(
                Req::new("POST", &meeting)
                    .cookie(&facilitator.cookie)
                    .form(&[("csrf", facilitator.csrf.clone()), ("present", p.id.to_string())]),
            )
            .await;
        assert_eq!((res.status, res.location()), (StatusCode::SEE_OTHER, group.as_str()), "{b}: {}", excerpt(&res.body));
        let page = env.send(Req::get(&group).cookie(&facilitator.cookie)).await;
        assert_eq!(page.status, StatusCode::OK, "{b}");
        assert!(!page.body.contains(&html(PARTICIPANT_NAME)), "{b}: no names for a facilitator");
        assert!(
            page.body.contains("<svg") && page.body.contains("<desc id=\"chart-meetings-d\">2026-03-03: 100 %</desc>"),
            "{b}: the chart reads its values"
        );
        assert!(!page.body.contains(&format!("{group}/edit")), "{b}: a facilitator does not manage");

        // Another peer worker of A sees no group.
        env.staff(s.org, "anden@a.test", PeerWorker).await;
        let other = env.login("anden@a.test").await;
        let res = env.send(Req::get(&group).cookie(&other.cookie)).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{b}");
    })
    .await;
}

// ---------------------------------------------------------------- the disclosure preference

/// Every GET page of the UI without a path parameter, read from the routers' source, so a new
/// page joins the sweep below by itself.
fn ui_pages_without_parameters() -> Vec<String> {
    let mut pages = BTreeSet::new();
    for (_, src) in sources(&[&crate_dir().join("src/ui")], "rs") {
        for line in src.lines() {
            if let Some(at) = line.find(".route(\"") {
                let path = line[at + 8..].split('"').next().unwrap();
                if !path.contains('{') && line.contains("get(") && !path.starts_with("/assets") && path != "/logout" {
                    pages.insert(path.to_owned());
                }
            }
        }
    }
    pages.into_iter().collect()
}

/// A peer's own words about their background (`presentation`) reach a reader only as the
/// peer's disclosure preference allows, on every page of the UI that any caller can open: the
/// peer and the organisation's managers always; colleagues (the supervisors of the
/// organisation) when the preference is "colleagues" or "participants"; nobody else, ever.
/// Areas of lived experience are the managers' and the peer's only (the app tests show that).
#[tokio::test]
async fn the_disclosure_preference_holds_on_every_page_that_shows_a_peer() {
    use sammen_domain::support::PeerProfileInput;
    on_every_backend("disclosure", |env| async move {
        let w = World::new(&env).await;
        let b = env.backend;
        let statics = ui_pages_without_parameters();
        assert!(statics.len() > 20 && statics.contains(&"/my".to_owned()), "{b}: {statics:?}");
        let id_pages: Vec<String> = IdRoute::ALL
            .iter()
            .filter(|r| r.method() == "GET" && !is_api(**r))
            .map(|r| r.path().replace("{id}", &w.id(rule(*r).on)))
            .collect();
        // The id pages as the fixtures fill them, and the own-record pages of A's peer worker.
        let own = [format!("/peer-workers/{}", w.own_peer), format!("/peer-workers/{}/profile", w.own_peer)];
        let pages: Vec<String> = statics.iter().cloned().chain(id_pages).chain(own).collect();
        for disclosure in ["none", "colleagues", "participants"] {
            // Both peers of A, the colleague's record and the one linked to A's peer-worker account.
            let marks = [(w.peer, format!("Min baggrund {disclosure} (Per)")), (w.own_peer, format!("Min baggrund {disclosure} (Pia)"))];
            for (peer, mark) in &marks {
                let input =
                    PeerProfileInput::parse(&[], false, disclosure, Some(mark), None, Some("Aarby"), None, None, "3", "mandag 13-16")
                        .unwrap();
                sammen_app::matching::save_profile(&env.app, &w.admin_a, *peer, input).await.unwrap();
            }
            for c in &w.callers {
                let mut seen = [false, false];
                for path in &pages {
                    let res = env.send(Req::get(path).cookie(&c.browser.cookie)).await;
                    for (k, (peer, mark)) in marks.iter().enumerate() {
                        if !res.body.contains(&html(mark)) {
                            continue;
                        }
                        seen[k] = true;
                        let own = c.who == Who::A(PeerWorker) && *peer == w.own_peer;
                        let may = own
                            || matches!(c.who, Who::A(Administrator) | Who::A(Coordinator))
                            || (c.who == Who::A(Supervisor) && disclosure != "none");
                        assert!(may, "{b}: {path} shows {} the background of a peer who chose \"{disclosure}\"", c.label);
                    }
                }
                // The sweep reached the profile pages: whoever may see a background saw it somewhere.
                let sees_colleague =
                    matches!(c.who, Who::A(Administrator) | Who::A(Coordinator)) || (c.who == Who::A(Supervisor) && disclosure != "none");
                assert_eq!(seen[0], sees_colleague, "{b}: {} and Per's background ({disclosure})", c.label);
                if c.who == Who::A(PeerWorker) {
                    assert!(seen[1], "{b}: the peer sees their own background ({disclosure})");
                }
            }
        }
        println!("{b}: {} pages × {} callers × 3 preferences", pages.len(), w.callers.len());
    })
    .await;
}

// ---------------------------------------------------------------- supervision (issue 3)

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
        let uid = env.app.new_id();
        let row = sammen_store::rows::UserRow {
            id: uid.clone(),
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
        env.app.db.write(move |tx| -> Result<(), StoreError> { sammen_store::auth::insert_user(tx.conn(), &row) }).await.unwrap();
        use sammen_app::supervision as sv;
        let assign = sv::Assign::External { name: "Ekstern Supervisor".into(), email: Email::parse(email).unwrap() };
        let shown =
            sv::assign(&env.app, &w.admin_a, w.peer, sammen_domain::supervision::SupervisionKind::Professional, assign).await.unwrap();
        assert!(shown.is_none(), "{b}: an existing account is reused, no password made");
        let input = sammen_domain::supervision::SessionInput::parse(
            "professional",
            "individual",
            "2026-03-06",
            "10:00",
            "60",
            &uid,
            &[w.peer.to_string()],
        )
        .unwrap();
        let mine = sv::plan_session(&env.app, &w.admin_a, input).await.unwrap();
        let browser = env.login(email).await;
        let (_, token) = env.token(uid.parse().unwrap(), None, TokenScope::Write).await;
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
        for &r in IdRoute::ALL {
            let rule = rule(r);
            let id = w.id(rule.on);
            let mut req = w.request(r, &id, None);
            if is_api(r) {
                req = req.bearer(&token);
            } else {
                req = req.cookie(&browser.cookie);
                if r.method() == "POST" {
                    let mut form = vec![("csrf", browser.csrf.clone())];
                    form.extend(ui_form(r, &w, 9_000));
                    req = req.form(&form);
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

// ---------------------------------------------------------------- recruitment (issue 3, item 2)

const POSTING_INTRO: &str = "Vi søger en peer-medarbejder";

/// An open posting of the role (deadline 2026-03-20, start 2026-04-15).
async fn recruitment_posting(env: &Env, admin: &Ctx, role_key: &str) -> sammen_domain::PostingId {
    let input = rk::PostingInput::parse(role_key, POSTING_INTRO, "Sundhedshuset", "2026-03-20", "2026-04-15", "open").unwrap();
    sammen_app::recruitment::save_posting(&env.app, admin, None, input).await.unwrap()
}

/// An application with a PDF attachment; moved on to the interview stage when `interview`.
async fn recruitment_application(
    env: &Env,
    admin: &Ctx,
    org: OrgId,
    posting: sammen_domain::PostingId,
    name: &str,
    interview: bool,
) -> sammen_domain::ApplicationId {
    use sammen_app::recruitment as rc;
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
        let user = env.app.db.read(|c| sammen_store::auth::user_by_email(c, "koordinator@a.test")).await.unwrap().unwrap();
        let coord = ctx_of(&env.app, user.id.parse().unwrap(), Some(s.org)).await;
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
        let role = sammen_app::workforce::save_role(&env.app, &coord, None, role).await.unwrap();
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
            let p = posting.to_string();
            let db = env.app.db.clone();
            async move { db.read(move |c| sammen_store::recruitment::applications_of(c, &p, None)).await.unwrap().len() }
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
        let (_, list) = sammen_app::recruitment::applications(&env.app, &coord, posting, None).await.unwrap();
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
