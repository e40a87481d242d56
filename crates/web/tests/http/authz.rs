//! The generated authorisation test: every id route, called by every kind of user, is admitted
//! exactly for the roles its rule names; and `IdRoute::all()` is every route with an id, in the
//! OpenAPI document and in the UI.
//!
//! This module holds the machinery: the fixture (`World`), the resources (`Res`), the role lists
//! and `Rule`, and the tests. What each route needs lives in its area's test module
//! (`crate::<area>`): `rule` (who may call it, a match without a wildcard, so a new id route does
//! not compile until its area says who may call it), `consumes`, `ui_form` and `api_body`. The
//! dispatchers here list the areas only, so adding an id route touches its area's module alone.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU32, Ordering};

use axum::http::StatusCode;
use sammen_app::access::auth::TokenScope;
use sammen_app::measurement as ms;
use sammen_app::people as app_people;
use sammen_app::{Ctx, directory, journey::intake};
use sammen_domain::audit::AuditOutcome;
use sammen_domain::directory::{PartnershipInput, ProgrammeInput};
use sammen_domain::journey::courses::{ConsentMethod, GoalInput, SessionInput};
use sammen_domain::journey::groups as gk;
use sammen_domain::journey::intake::{ConsentInput, ReferralInput};
use sammen_domain::measurement::{PlanInput, ResponseSource};
use sammen_domain::people::Role::{Administrator, Coordinator, Evaluator, PeerWorker, Referrer, Supervisor};
use sammen_domain::people::{ParticipantInput, Password, PeerWorkerInput, Role, StaffInput};
use sammen_domain::workforce::roles::RoleInput;
use sammen_domain::{
    ConsentId, CourseId, GoalId, GroupId, InvitationId, MeetingId, OrgId, ParticipantId, PartnershipId, PeerWorkerId, PlanId, ProgrammeId,
    ReferralId, ResponseId, RoleId, SessionId, TokenId, UserId,
};
use sammen_store::{Page, StoreError};
use sammen_web::IdRoute;
use sammen_web::journey::IdRoute as JourneyRoute;
use sammen_web::workforce::IdRoute as WorkforceRoute;
use serde_json::Value;

use crate::harness::*;
use crate::workforce::{recruitment_application, recruitment_posting};

// ---------------------------------------------------------------- the generated authorisation test

/// The kinds of resource an id route is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Res {
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
    // Supervision and wellbeing.
    /// A professional supervision session of A led by A's supervisor, inviting the peer record.
    SupervisionSession,
    /// A wellbeing check-in of the peer record of A's peer-worker account.
    CheckIn,
    // onboarding and training
    /// A course of A's training catalogue.
    TrainingCourse,
    /// A cohort of that course with one meeting, the peer worker record enrolled.
    Cohort,
    // Recruitment.
    /// An open posting of A.
    Posting,
    /// An application to it at the interview stage, with an interview whose panel is A's
    /// administrator and A's supervisor.
    Application,
    /// That interview.
    Interview,
    /// The application's attachment.
    Attachment,
    // Interview studies (`crate::qualitative::StudyFixture`).
    /// A study of A whose coders are A's evaluator and A's peer-worker account.
    Study,
    /// A study C made for the partnership of A and C (A decides whether its interviews join).
    PartnershipStudy,
    /// An interview of that study both coders have coded and marked done.
    StudyInterview,
    /// A segment of that interview.
    StudySegment,
    /// A segment of another interview of the study, not yet coded.
    OpenSegment,
    /// A code of the study's codebook.
    Code,
}

/// Who may call a route: the roles of organisation A, and whether the system administrator may.
/// Users of organisation B and anonymous callers never may.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub on: Res,
    pub a: &'static [Role],
    pub system_admin: bool,
}

/// Every member of the organisation.
pub const MEMBERS: &[Role] = &[Administrator, Coordinator, Supervisor, PeerWorker, Referrer, Evaluator];
pub const ADMIN: &[Role] = &[Administrator];
/// `policy::edit_programme`, `edit_peer_worker`, `view_participant` (unassigned), `edit_participant`.
pub const MANAGERS: &[Role] = &[Administrator, Coordinator];
/// `policy::view_staff`, `view_peer_worker`.
pub const SUPERVISING: &[Role] = &[Administrator, Coordinator, Supervisor];
/// `policy::view_partnership`.
pub const PARTNERSHIP_READERS: &[Role] = &[Administrator, Coordinator, Evaluator];
pub const NOBODY: &[Role] = &[];
/// The token's owner: A's coordinator.
pub const OWNER: &[Role] = &[Coordinator];
/// `policy::work_course`: managers and the course's own peer (A's peer-worker account).
pub const COURSE_WORKERS: &[Role] = &[Administrator, Coordinator, PeerWorker];
/// `policy::answer_offer`: A's peer-worker account, whose peer record the offer names.
pub const PEER: &[Role] = &[PeerWorker];
/// `policy::view_referral`: A's managers and the referrer who made it (A's referrer).
pub const REFERRAL_READERS: &[Role] = &[Administrator, Coordinator, Referrer];
// Recruitment.
/// `policy::view_application`: managers, and the panel (A's administrator and supervisor).
pub const APPLICATION_READERS: &[Role] = &[Administrator, Coordinator, Supervisor];
/// `policy::score_interview`: the panel only.
pub const PANEL: &[Role] = &[Administrator, Supervisor];

/// Who may call each id route: each area's test module says it for its own routes. No
/// wildcard, here or there: a new route must be given its rule before this test compiles.
pub fn rule(r: IdRoute) -> Rule {
    match r {
        IdRoute::Journey(r) => crate::journey::rule(r),
        IdRoute::People(r) => crate::people::rule(r),
        IdRoute::Measurement(r) => crate::measurement::rule(r),
        IdRoute::Workforce(r) => crate::workforce::rule(r),
        IdRoute::Directory(r) => crate::directory::rule(r),
        IdRoute::Access(r) => crate::access::rule(r),
    }
}

/// Routes whose allowed call uses up the resource: each allowed caller gets a fresh one.
fn consumes(r: IdRoute) -> bool {
    match r {
        IdRoute::Journey(r) => crate::journey::consumes(r),
        IdRoute::People(r) => crate::people::consumes(r),
        IdRoute::Measurement(r) => crate::measurement::consumes(r),
        IdRoute::Workforce(r) => crate::workforce::consumes(r),
        IdRoute::Directory(r) => crate::directory::consumes(r),
        IdRoute::Access(r) => crate::access::consumes(r),
    }
}

// The resources' current values: an allowed update writes them again and changes nothing.
pub const PARTNERSHIP: (&str, &str, &str) =
    ("Udskrivningsmentorer", "Peer-medarbejdere følger borgere fra udskrivning", "Samtykke (art. 9, stk. 2, litra a)");
pub const PROGRAMME: &str = "Peerstøtte i Aarby";
pub const STAFF_NAME: &str = "Sanne Sagsbehandler";
pub const PEER_NAME: &str = "Per Peer";
pub const PARTICIPANT_NAME: &str = "Dorte Deltager";
pub const ROLE: &str = "Peer-medarbejder, ambulant";
pub const GROUP: &str = "Recovery-gruppe";
pub const TRAINING_COURSE: &str = "Introduktionskursus til peerstøtte";

/// A valid form for each UI POST route (the CSRF field is added by the caller).
pub fn ui_form(r: IdRoute, w: &World, n: u32) -> Vec<(&'static str, String)> {
    match r {
        IdRoute::Journey(r) => crate::journey::ui_form(r, w, n),
        IdRoute::People(r) => crate::people::ui_form(r, w, n),
        IdRoute::Measurement(r) => crate::measurement::ui_form(r, w, n),
        IdRoute::Workforce(r) => crate::workforce::ui_form(r, w, n),
        IdRoute::Directory(r) => crate::directory::ui_form(r, w, n),
        IdRoute::Access(r) => crate::access::ui_form(r, w, n),
    }
}

/// The file a UI POST route takes, if any (the form is then sent as multipart).
pub fn ui_file(r: IdRoute, w: &World) -> Option<Vec<u8>> {
    match r {
        IdRoute::Measurement(r) => crate::measurement::ui_file(r, w),
        IdRoute::Journey(_) | IdRoute::People(_) | IdRoute::Workforce(_) | IdRoute::Directory(_) | IdRoute::Access(_) => None,
    }
}

/// A form with a file as `multipart/form-data` (boundary `sammenAuthz`), the file in the field `file`.
pub fn multipart(form: &[(&str, String)], file: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    for (k, v) in form {
        body.extend(format!("--sammenAuthz\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes());
    }
    body.extend(b"--sammenAuthz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"file\"\r\nContent-Type: application/octet-stream\r\n\r\n");
    body.extend(file);
    body.extend(b"\r\n--sammenAuthz--\r\n");
    body
}

/// A valid JSON body for each API route that takes one.
fn api_body(r: IdRoute, w: &World) -> Option<Value> {
    match r {
        IdRoute::Journey(r) => crate::journey::api_body(r, w),
        IdRoute::People(r) => crate::people::api_body(r, w),
        IdRoute::Measurement(r) => crate::measurement::api_body(r, w),
        IdRoute::Workforce(r) => crate::workforce::api_body(r, w),
        IdRoute::Directory(r) => crate::directory::api_body(r, w),
        IdRoute::Access(r) => crate::access::api_body(r, w),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    A(Role),
    B(Role),
    SystemAdmin,
}

/// A user signed in both ways: a browser session and a write-scoped API token.
pub struct Caller {
    pub who: Who,
    pub label: String,
    user: UserId,
    pub browser: Browser,
    token: String,
}

/// Organisations A, B and C, one resource of each kind in A, and a caller of every kind.
pub struct World {
    pub org_a: OrgId,
    pub org_c: OrgId,
    partnership: PartnershipId,
    pub programme: ProgrammeId,
    staff: UserId,
    pub peer: PeerWorkerId,
    pub participant: ParticipantId,
    token: TokenId,
    response: ResponseId,
    invitation: InvitationId,
    plan: PlanId,
    pub role: RoleId,
    course: CourseId,
    offer: CourseId,
    session: SessionId,
    goal: GoalId,
    /// The peer record of A's peer-worker account.
    pub own_peer: PeerWorkerId,
    referral: ReferralId,
    consent: ConsentId,
    group: GroupId,
    meeting: MeetingId,
    /// A participant of A whom the enrol and leave routes take in and out of the group.
    pub group_extra: ParticipantId,
    // Supervision and wellbeing.
    supervision_session: String,
    check_in: String,
    pub supervisor_a: UserId,
    // onboarding and training
    training_course: String,
    cohort: String,
    pub cohort_meeting: String,
    /// An item of the onboarding of the peer worker record.
    pub onboarding_item: String,
    coordinator_a: UserId,
    /// A's referrer, for making fresh referrals.
    referrer_a: Ctx,
    /// A's administrator, for making fresh resources.
    pub admin_a: Ctx,
    // Recruitment.
    posting: sammen_domain::PostingId,
    pub posting_role: String,
    application: sammen_domain::ApplicationId,
    interview: sammen_domain::InterviewId,
    attachment: String,
    /// The panel: A's administrator and A's supervisor.
    pub panel: [UserId; 2],
    // Interview studies.
    pub studies: crate::qualitative::StudyFixture,
    pub callers: Vec<Caller>,
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
    let (pid, org, id) = (p.id, p.organisation_id, env.app.next_id::<CourseId>());
    env.app
        .db
        .write(move |tx| -> Result<(), StoreError> {
            use sammen_store::journey::courses as ss;
            ss::insert_course(
                tx.conn(),
                &sammen_store::rows::CourseRow {
                    id: id.into(),
                    organisation_id: org.into(),
                    programme_id: Some(programme.into()),
                    participant_id: pid.into(),
                    peer_id: peer.into(),
                    status: sammen_domain::journey::courses::CourseStatus::Planned.into(),
                    offer: if accepted {
                        sammen_domain::journey::courses::OfferState::Accepted
                    } else {
                        sammen_domain::journey::courses::OfferState::Pending
                    }
                    .into(),
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
                let mut row = sammen_store::people::participant(tx.conn(), pid)?.unwrap();
                row.assigned_peer_id = Some(peer.into());
                sammen_store::people::update_participant(tx.conn(), &row)?;
            }
            Ok(())
        })
        .await
        .unwrap();
    id
}

/// A planned session of a course.
async fn planned_session(env: &Env, admin: &Ctx, course: CourseId) -> SessionId {
    let input = SessionInput::parse("planned", "2026-03-02", "10:00", "60", "phone", None, "conversation", None, "team").unwrap();
    sammen_app::journey::courses::log_session(&env.app, admin, course, input).await.unwrap()
}

fn referral_person(name: &str) -> ReferralInput {
    ReferralInput::parse(name, Some("20304050"), None, None, "da", "Ønsker peerstøtte", None, 2026).unwrap()
}

fn consent_input() -> ConsentInput {
    let today = time::Date::from_calendar_date(2026, time::Month::March, 2).unwrap();
    ConsentInput::parse("referrer_status", "Status til henviser", &["referrer".into()], "verbal", None, today).unwrap()
}

impl World {
    pub async fn new(env: &Env) -> Self {
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
        let role = sammen_app::workforce::roles::save_role(&env.app, &admin_a, None, role).await.unwrap().id;
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
            sammen_app::journey::courses::add_goal(&env.app, &admin_a, course, GoalInput::parse("Sove bedre", Some("hope")).unwrap())
                .await
                .unwrap();

        let referrer_user = users.iter().find(|u| u.0 == Who::A(Referrer)).unwrap().2;
        let referrer_a = ctx_of(&env.app, referrer_user, Some(org_a)).await;
        let referral = intake::refer(&env.app, &referrer_a, org_a, referral_person("Rasmus Henvist"), ConsentMethod::Verbal).await.unwrap();
        let consent = intake::record_consent(&env.app, &admin_a, participant.id, consent_input()).await.unwrap().id;
        use sammen_app::journey::groups as gr;
        let group = gk::GroupInput::parse("course", GROUP, None, None, "in_person", None, Some("10"), "running").unwrap();
        let group = gr::save_group(&env.app, &admin_a, None, group).await.unwrap().id;
        gr::set_facilitators(&env.app, &admin_a, group, vec![peer.id.to_string()]).await.unwrap();
        gr::enrol(&env.app, &admin_a, group, &participant.id.to_string()).await.unwrap();
        // Held the evening before: attendance is recorded only for a meeting that has begun.
        let meeting = gk::MeetingInput::parse("2026-03-01", "17:00", "90", None, None).unwrap();
        let meeting = gr::plan_meeting(&env.app, &admin_a, group, meeting).await.unwrap().id;
        let group_extra = app_people::create_participant(&env.app, &admin_a, participant_input("Gry Gruppe"), None).await.unwrap().id;
        // Supervision and wellbeing.
        let supervisor_a = users.iter().find(|u| u.0 == Who::A(Supervisor)).unwrap().2;
        let input = sammen_domain::workforce::supervision::SessionInput::parse(
            "professional",
            "individual",
            "2026-03-05",
            "10:00",
            "60",
            &supervisor_a.to_string(),
            &[peer.id.to_string()],
        )
        .unwrap();
        let supervision_session = sammen_app::workforce::supervision::plan_session(&env.app, &admin_a, input).await.unwrap();
        let peer_user = users.iter().find(|u| u.0 == Who::A(PeerWorker)).unwrap().2;
        let peer_ctx = ctx_of(&env.app, peer_user, Some(org_a)).await;
        let answer = sammen_domain::workforce::wellbeing::CheckInInput::parse("4", "7", "8", Some("Travlt"), false).unwrap();
        let check_in = sammen_app::workforce::wellbeing::answer(&env.app, &peer_ctx, answer).await.unwrap();
        // onboarding and training: a course with a cohort of one meeting, the peer
        // worker record enrolled, and an onboarding of the peer in progress.
        use sammen_app::{workforce::onboarding as ob, workforce::training as trn};
        use sammen_domain::workforce::training::{CohortInput, CourseInput};
        let tc = CourseInput::parse("intro_course", TRAINING_COURSE, None, "Formål\nEgen historie", "12", Some("36"), true, None).unwrap();
        let training_course = trn::save_course(&env.app, &admin_a, None, tc).await.unwrap().id;
        // Over, with the peer present: completion is recorded only after the last meeting.
        let cohort_meeting = gk::MeetingInput::parse("2026-02-23", "17:00", "180", None, None).unwrap();
        let cohort = CohortInput::parse(Some("Aktivitetshuset"), None, Some("10"), None).unwrap();
        let cohort = trn::create_cohort(&env.app, &admin_a, &training_course, cohort, vec![cohort_meeting]).await.unwrap();
        trn::enrol(&env.app, &admin_a, &cohort, peer.id).await.unwrap();
        let cohort_meeting = trn::cohort(&env.app, &admin_a, &cohort).await.unwrap().meetings[0].id.clone();
        let present = vec![(cohort_meeting.clone(), peer.id.to_string())];
        trn::record_attendance(&env.app, &admin_a, &cohort, vec![cohort_meeting.clone()], present).await.unwrap();
        ob::start(&env.app, &admin_a, peer.id, &role.to_string()).await.unwrap();
        let onboarding_item = ob::onboarding(&env.app, &admin_a, peer.id).await.unwrap().onboardings[0].items[0].id.clone();

        // Recruitment: a posting, an application at the interview stage with an
        // attachment, and an interview whose panel is A's administrator and supervisor.
        let supervisor_user = users.iter().find(|u| u.0 == Who::A(Supervisor)).unwrap().2;
        let panel = [admin_user, supervisor_user];
        let (_, history) = sammen_app::workforce::roles::role(&env.app, &admin_a, role).await.unwrap();
        let posting_role = history.last().unwrap().id.to_string();
        let posting = recruitment_posting(env, &admin_a, &posting_role).await;
        let application = recruitment_application(env, &admin_a, org_a, posting, "Alma Ansøger", true).await;
        let iv = sammen_domain::workforce::recruitment::InterviewInput::parse(
            "2026-03-10",
            "10:00",
            "Lokale 1",
            false,
            &[panel[0].to_string(), panel[1].to_string()],
        )
        .unwrap();
        let interview = sammen_app::workforce::recruitment::schedule_interview(&env.app, &admin_a, application, iv).await.unwrap();
        let attachment =
            sammen_app::workforce::recruitment::application(&env.app, &admin_a, application).await.unwrap().attachments[0].id.to_string();

        // Interview studies: coded by A's evaluator and A's peer-worker account.
        let evaluator_user = users.iter().find(|u| u.0 == Who::A(Evaluator)).unwrap().2;
        let studies = crate::qualitative::StudyFixture::new(env, &admin_a, org_a, org_c, partnership, [evaluator_user, peer_user]).await;

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
            studies,
            callers,
            seq: AtomicU32::new(0),
        }
    }

    pub fn id(&self, on: Res) -> String {
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
            // Recruitment.
            Res::Posting => self.posting.to_string(),
            Res::Application => self.application.to_string(),
            Res::Interview => self.interview.to_string(),
            Res::Attachment => self.attachment.clone(),
            // Interview studies.
            Res::Study => self.studies.study.to_string(),
            Res::PartnershipStudy => self.studies.partnership_study.to_string(),
            Res::StudyInterview => self.studies.done.to_string(),
            Res::StudySegment => self.studies.done_segment.to_string(),
            Res::OpenSegment => self.studies.open_segment.to_string(),
            Res::Code => self.studies.code.to_string(),
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
                sammen_app::journey::groups::plan_meeting(&env.app, &self.admin_a, self.group, m).await.unwrap().id.to_string()
            }
            // Recruitment: a new application, received.
            Res::Application => {
                let n = self.seq.fetch_add(1, Ordering::SeqCst);
                recruitment_application(env, &self.admin_a, self.org_a, self.posting, &format!("Engangs Ansøger {n}"), false)
                    .await
                    .to_string()
            }
            // Interview studies.
            Res::StudyInterview => self.studies.fresh_interview(env, &self.admin_a).await,
            Res::Code => self.studies.fresh_code(env, &self.admin_a, self.seq.fetch_add(1, Ordering::SeqCst)).await,
            other => panic!("no fresh {other:?}: add it to World::fresh"),
        }
    }

    /// The request for route `r` on resource `id`, as `caller` (None: anonymous).
    pub fn request(&self, r: IdRoute, id: &str, caller: Option<&Caller>) -> Req {
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
                req = match ui_file(r, self) {
                    Some(file) => req.raw("multipart/form-data; boundary=sammenAuthz", multipart(&form, &file)),
                    None => req.form(&form),
                };
            }
        }
        req
    }

    /// Everything a mutating route could change, as text: a denial must leave it as it was.
    async fn snapshot(&self, env: &Env) -> String {
        let (response, invitation) = (self.response, self.invitation);
        let role = self.role;
        let (course_id, offer_id, session_id, goal_id) = (self.course, self.offer, self.session, self.goal);
        let (referral, consent) = (self.referral, self.consent);
        let (group, meeting) = (self.group, self.meeting);
        let (supervision_session, check_in) = (self.supervision_session.clone(), self.check_in.clone());
        let (posting, application) = (self.posting, self.application);
        let studies = self.studies.clone();
        let (org, partnership, programme, staff, peer, participant, token, coordinator) =
            (self.org_a, self.partnership, self.programme, self.staff, self.peer, self.participant, self.token, self.coordinator_a);
        env.app
            .db
            .read(move |c| -> Result<String, StoreError> {
                use sammen_store::{access as au, directory as d, people as pp};
                let mut s = String::new();
                s += &format!("org {:?}\n", d::org(c, org)?);
                s += &format!("partnership {:?}\n", d::partnership(c, partnership)?);
                s += &format!("programme {:?}\n", d::programme(c, programme)?);
                let u = au::user_by_id(c, staff)?.map(|u| (u.email, u.display_name, u.password_hash, u.active, u.totp_enabled));
                s += &format!("staff {u:?} {:?}\n", au::memberships_of(c, staff)?);
                s += &format!("staff of A {}\n", au::staff_of(c, org, Page { offset: 0, limit: 0 })?.1);
                let p =
                    pp::peer(c, peer)?.map(|r| (r.display_name, r.email, r.phone, r.engagement, r.status, r.languages, r.modes, r.user_id));
                s += &format!("peer {p:?}\n");
                let p = pp::participant(c, participant)?.map(|r| {
                    (r.name, r.cpr, r.birth_year, r.gender, r.phone, r.email, r.status, r.languages, r.programme_id, r.assigned_peer_id)
                });
                s += &format!("participant {p:?} {:?}\n", pp::count_participants(c, org, None)?);
                let t: Vec<_> = au::tokens_of(c, coordinator)?.into_iter().filter(|t| t.id == token).map(|t| t.revoked_at).collect();
                s += &format!("token {t:?}\n");
                use sammen_store::measurement as sm;
                s += &format!("response {:?}\n", sm::response(c, response)?.map(|r| (r.answers, r.status, r.score)));
                s += &format!("responses {}\n", sm::responses_of_participant(c, participant)?.len());
                s += &format!("life events {}\n", sm::life_events_of(c, participant)?.len());
                s += &format!("invitation {:?}\n", sm::invitation(c, invitation)?.map(|i| (i.token_hash, i.status)));
                s += &format!("plans {:?}\n", sm::plans_of_programme(c, programme)?.iter().map(|p| (&p.id, p.active)).collect::<Vec<_>>());
                use sammen_store::journey::courses as ss;
                let course = ss::course(c, course_id)?.map(|x| (x.status, x.offer, x.peer_id, x.end_reason));
                s += &format!("course {course:?} sessions {}\n", ss::sessions_of_courses(c, std::slice::from_ref(&course_id))?.len());
                s += &format!("offer {:?}\n", ss::course(c, offer_id)?.map(|x| (x.status, x.offer)));
                s += &format!("session {:?}\n", ss::session(c, session_id)?.map(|x| x.status));
                s += &format!("goal {:?}\n", ss::goal(c, goal_id)?.map(|g| (g.status, g.text)));
                s += &format!("goal progress {}\n", ss::progress_of(c, std::slice::from_ref(&goal_id))?.len());
                s += &format!("wishes {:?}\n", ss::wishes(c, participant)?.map(|w| (w.topics, w.modes, w.availability)));
                s += &format!("profile {:?}\n", ss::profile(c, peer)?.map(|p| (p.capacity, p.disclosure)));
                s += &format!("engagements {}\n", sammen_store::workforce::roles::engagements_of(c, peer)?.len());
                let key = sammen_store::workforce::roles::role_version(c, role)?.map(|r| r.role_key).unwrap_or_default();
                s += &format!("role versions {}\n", sammen_store::workforce::roles::role_history(c, &key)?.len());
                s += &format!("referral {:?}\n", ss::referral(c, referral)?.map(|r| (r.status, r.participant_id, r.programme_id)));
                s += &format!("consent {:?}\n", ss::consent(c, consent)?.map(|r| r.withdrawn_at));
                s += &format!("consents {}\n", ss::consents_of(c, participant)?.len());
                use sammen_store::journey::groups as sg;
                let g =
                    sg::group(c, group)?.map(|g| (g.kind, g.name, g.description, g.mode, g.place, g.capacity, g.status, g.programme_id));
                s += &format!("group {g:?} {:?}\n", sg::facilitators_of(c, group)?);
                let ms: Vec<_> = sg::meetings_of(c, std::slice::from_ref(&group))?
                    .into_iter()
                    .map(|m| (m.id, m.starts_at, m.duration_minutes, m.status, m.anonymous_count))
                    .collect();
                s += &format!("meetings {ms:?}\n");
                let es: Vec<_> =
                    sg::enrolments_of(c, group)?.into_iter().map(|e| (e.enrolment.participant_id, e.enrolment.left_at)).collect();
                s += &format!("enrolments {es:?}\n");
                let at: Vec<_> = sg::attendance_of(c, &[meeting])?.into_iter().map(|a| (a.participant_id, a.present)).collect();
                s += &format!("attendance {at:?}\n");
                // Supervision and wellbeing.
                use sammen_store::workforce::supervision as sv;
                let ss = sv::session(c, &supervision_session)?.map(|x| (x.status, x.topics, x.note));
                let sa: Vec<_> =
                    sv::attendees(c, std::slice::from_ref(&supervision_session))?.into_iter().map(|a| (a.peer_id, a.attended)).collect();
                s += &format!("supervision {ss:?} {sa:?} relations {}\n", sv::relations_of_peer(c, peer)?.len());
                s += &format!("check-in {:?}\n", sv::check_in(c, &check_in)?.map(|x| x.shared));
                // onboarding and training
                use sammen_store::workforce::training as st;
                let cs: Vec<_> = st::courses_of(c, org)?.into_iter().map(|x| (x.title, x.kind, x.validity_months, x.active)).collect();
                s += &format!("training courses {cs:?}\n");
                let course_ids = cs_ids(c, org)?;
                let cohorts: Vec<String> = st::cohorts_of(c, &course_ids)?.into_iter().map(|x| x.id).collect();
                let es: Vec<_> = st::enrolments_of(c, &cohorts)?.into_iter().map(|e| (e.peer_id, e.outcome)).collect();
                s += &format!("cohorts {} enrolments {es:?}\n", cohorts.len());
                let ms: Vec<String> = st::meetings_of(c, &cohorts)?.into_iter().map(|m| m.id).collect();
                let at: Vec<_> = st::attendance_of(c, &ms)?.into_iter().map(|a| (a.meeting_id, a.peer_id, a.present)).collect();
                s += &format!("training attendance {at:?}\n");
                let certs: Vec<_> =
                    st::certificates_of(c, std::slice::from_ref(&peer))?.into_iter().map(|x| (x.kind, x.expires_on)).collect();
                s += &format!("certificates {certs:?}\n");
                let obs: Vec<String> = st::onboardings_of(c, peer)?.into_iter().map(|o| o.id).collect();
                let items: Vec<_> = st::items_of(c, &obs)?.into_iter().map(|i| (i.id, i.done_at, i.owner_user_id)).collect();
                s += &format!("onboardings {} items {items:?}\n", obs.len());
                let t: Vec<_> = st::template_of(c, &key)?.into_iter().map(|t| (t.kind, t.owner_role, t.due_days)).collect();
                s += &format!("template {t:?}\n");
                // Recruitment.
                use sammen_store::workforce::recruitment as sr;
                let p = sr::posting(c, posting)?.map(|p| (p.role_key, p.intro, p.place, p.deadline, p.starts_on, p.status));
                s += &format!("posting {p:?} {:?}\n", sr::applications_of(c, posting, None)?.len());
                let a = sr::application(c, application)?.map(|a| (a.stage, a.peer_id, a.decided_at));
                let ivs: Vec<_> = sr::interviews_of(c, application)?.into_iter().map(|i| i.id.get()).collect();
                s += &format!("application {a:?} {} {ivs:?}\n", sr::stages_of(c, application)?.len());
                let sc: Vec<_> = sr::scores_of(c, &ivs)?.into_iter().map(|x| (x.user_id, x.competence, x.score)).collect();
                s += &format!("scores {sc:?}\n");
                // Interview studies.
                s += &studies.snapshot(c)?;
                Ok(s)
            })
            .await
            .unwrap()
    }
}

pub fn is_api(r: IdRoute) -> bool {
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
        for r in IdRoute::all() {
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
                    ("POST", true) if r == IdRoute::Journey(JourneyRoute::ApiConsentWithdraw) => res.status == StatusCode::OK,
                    ("POST", true) => res.status == StatusCode::CREATED,
                    ("DELETE", true) => res.status == StatusCode::NO_CONTENT,
                    (m, api) => panic!("{what}: no expectation for {m} (api: {api})"),
                };
                assert!(ok, "{what} as {} must be allowed, got {} {}: {}", c.label, res.status, res.location(), excerpt(&res.body));
                if r.method() == "GET" && !is_api(r) {
                    // The fixture's attachment (recruitment) is a PDF too.
                    let kind = if r.path().ends_with(".pdf") || r == IdRoute::Workforce(WorkforceRoute::AttachmentDownload) {
                        "application/pdf"
                    } else if r.path().ends_with("/fhir.json") {
                        // A FHIR QuestionnaireResponse, as the API gives it.
                        "application/fhir+json"
                    } else if r.path().ends_with(".qdpx") {
                        // A REFI-QDA project is a ZIP archive.
                        "application/zip"
                    } else {
                        "text/html"
                    };
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
        println!("{b}: {} routes, {denials} denials, {admissions} admissions", IdRoute::all().len());
        assert!(denials > 100 && admissions > 30, "{b}: the matrix ran ({denials} denials, {admissions} admissions)");
    })
    .await;
}

/// The ids of organisation A's training courses (for the snapshot).
fn cs_ids(c: &mut sammen_store::DbConnection, org: OrgId) -> Result<Vec<String>, StoreError> {
    Ok(sammen_store::workforce::training::courses_of(c, org)?.into_iter().map(|x| x.id).collect())
}

/// The UI routes with an id, as each area's tests list them (the API's are in the OpenAPI
/// document): a second, independent account of what the routers register.
fn ui_id_routes() -> Vec<(&'static str, &'static str)> {
    [
        crate::journey::UI_ID_ROUTES,
        crate::people::UI_ID_ROUTES,
        crate::measurement::UI_ID_ROUTES,
        crate::workforce::UI_ID_ROUTES,
        crate::directory::UI_ID_ROUTES,
        crate::access::UI_ID_ROUTES,
    ]
    .concat()
}

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
    // Recruitment.
    ("GET", "/jobs/{organisation}", "the public job page: an organisation's open postings, not personal data"),
    ("GET", "/jobs/{organisation}/{posting}", "one open posting and its application form, not personal data"),
    (
        "POST",
        "/jobs/{organisation}/{posting}",
        "a public application: no account, throttled per address, writes only (app::recruitment::apply)",
    ),
];

/// `IdRoute::all()` is every id route: the OpenAPI document's `{id}` paths and the UI's, and no
/// route with a path parameter is registered anywhere else.
#[test]
fn id_routes_are_the_openapi_id_paths_and_the_ui_id_routes() {
    let all: Vec<(String, String)> = IdRoute::all().iter().map(|r| (r.method().to_owned(), r.path().to_owned())).collect();
    let listed: BTreeSet<(String, String)> = all.iter().cloned().collect();
    assert_eq!(listed.len(), all.len(), "IdRoute::all() lists a route twice");

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
    expected.extend(ui_id_routes().iter().map(|(m, p)| ((*m).to_owned(), (*p).to_owned())));
    let missing: Vec<_> = expected.difference(&listed).collect();
    let extra: Vec<_> = listed.difference(&expected).collect();
    assert!(missing.is_empty() && extra.is_empty(), "IdRoute::all() lacks {missing:?}; lists undocumented {extra:?}");

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
