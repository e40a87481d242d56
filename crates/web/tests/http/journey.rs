//! The participant's journey: self-referral and referrals, group pages, and the peer's
//! disclosure preference on every page that shows a peer.

use std::collections::BTreeSet;

use axum::http::StatusCode;
use sammen_app::access::auth::TokenScope;
use sammen_app::directory;
use sammen_app::people as app_people;
use sammen_domain::directory::PartnershipInput;
use sammen_domain::people::PeerWorkerInput;
use sammen_domain::people::Role::{Administrator, Coordinator, PeerWorker, Referrer, Supervisor};
use sammen_i18n::Lang;
use sammen_web::IdRoute;
use sammen_web::journey::IdRoute as JourneyRoute;
use serde_json::{Value, json};

use crate::authz::{
    self, COURSE_WORKERS, GROUP, MANAGERS, PARTICIPANT_NAME, PEER, REFERRAL_READERS, Res, Rule, SUPERVISING, Who, World, is_api,
};
use crate::harness::*;

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
        let users = env.app.db.read(|c| sammen_store::access::user_by_email(c, "henviser@b.test")).await.unwrap().unwrap();
        let (_, token) = env.token(users.id.get(), Some(other), TokenScope::Write).await;
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

// ---------------------------------------------------------------- group courses

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
            (format!("{group}/meetings"), vec![("date", "2026-03-01".into()), ("time", "17:00".into()), ("duration_minutes", "90".into())]),
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
        assert!(page.body.contains(&html(PARTICIPANT_NAME)) && page.body.contains("2026-03-01 17:00"), "{b}");
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
        assert!(page.body.contains("<svg") && page.body.contains("<desc>2026-03-01: 100 %</desc>"), "{b}: the chart reads its values");
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

/// Every GET page of the UI without a path parameter, read from the areas' routers (every
/// `.route(` outside the API's shared module), so a new page joins the sweep below by itself.
fn ui_pages_without_parameters() -> Vec<String> {
    let mut pages = BTreeSet::new();
    let api = crate_dir().join("src/api");
    for (_, src) in sources(&[&crate_dir().join("src")], "rs").into_iter().filter(|(p, _)| !p.starts_with(&api)) {
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
    use sammen_domain::journey::courses::PeerProfileInput;
    on_every_backend("disclosure", |env| async move {
        let w = World::new(&env).await;
        let b = env.backend;
        let statics = ui_pages_without_parameters();
        assert!(statics.len() > 20 && statics.contains(&"/my".to_owned()), "{b}: {statics:?}");
        let id_pages: Vec<String> = IdRoute::all()
            .iter()
            .filter(|r| r.method() == "GET" && !is_api(**r))
            .map(|r| r.path().replace("{id}", &w.id(authz::rule(*r).on)))
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
                sammen_app::journey::matching::save_profile(&env.app, &w.admin_a, *peer, input).await.unwrap();
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

// ---------------------------------------------------------------- authorisation (`crate::authz`)

/// Who may call each of this area's id routes, derived from the handlers and `domain::policy`.
/// No wildcard arm: a new route must be given its rule here before the authorisation test compiles.
pub fn rule(r: JourneyRoute) -> Rule {
    let (on, a, system_admin) = match r {
        // Wishes and the course history follow policy::view_participant / edit_participant.
        JourneyRoute::ParticipantCourses | JourneyRoute::ParticipantWishes | JourneyRoute::ParticipantWishesSave => {
            (Res::Participant, MANAGERS, false)
        }
        // policy::view_peer_profile: managers (as coordinators), supervisors (as colleagues).
        JourneyRoute::PeerProfile => (Res::Peer, SUPERVISING, false),
        // policy::edit_peer_profile: managers (the record is not A's peer worker's own).
        JourneyRoute::PeerProfileEdit | JourneyRoute::PeerProfileSave => (Res::Peer, MANAGERS, false),
        // policy::manage_courses.
        JourneyRoute::ProgrammeMatching
        | JourneyRoute::ProgrammeMatchingApprove
        | JourneyRoute::ApiMatchingProposal
        | JourneyRoute::ApiMatchingApprove => (Res::Programme, MANAGERS, false),
        // policy::work_course: managers and the course's own peer.
        JourneyRoute::CourseShow
        | JourneyRoute::CourseLogForm
        | JourneyRoute::CourseSessionAdd
        | JourneyRoute::CourseGoalAdd
        | JourneyRoute::ApiCourseGet
        | JourneyRoute::ApiCourseSessionAdd => (Res::Course, COURSE_WORKERS, false),
        JourneyRoute::SessionStatus => (Res::Session, COURSE_WORKERS, false),
        JourneyRoute::GoalProgress => (Res::Goal, COURSE_WORKERS, false),
        // policy::manage_courses.
        JourneyRoute::CourseStatus | JourneyRoute::CourseHandover => (Res::Course, MANAGERS, false),
        // policy::answer_offer: only the peer it is offered to.
        JourneyRoute::CourseOffer | JourneyRoute::ApiCourseOffer => (Res::Offer, PEER, false),
        // policy::view_referral: the receiving organisation's managers, and its referrer (who made it);
        // decide_referral: managers.
        JourneyRoute::ReferralShow | JourneyRoute::ApiReferralGet => (Res::Referral, REFERRAL_READERS, false),
        JourneyRoute::ReferralAccept | JourneyRoute::ReferralDecline => (Res::Referral, MANAGERS, false),
        // policy::view_consents (managers; the assigned peer, but the participant has none) and
        // manage_consent: managers.
        JourneyRoute::ParticipantConsents
        | JourneyRoute::ParticipantConsentAdd
        | JourneyRoute::ApiParticipantConsents
        | JourneyRoute::ApiParticipantConsentAdd => (Res::Participant, MANAGERS, false),
        JourneyRoute::ConsentWithdrawConfirm | JourneyRoute::ConsentWithdraw | JourneyRoute::ApiConsentWithdraw => {
            (Res::Consent, MANAGERS, false)
        }
        // The waiting list names participants: policy::decide_referral, managers.
        JourneyRoute::ProgrammeWaitingList | JourneyRoute::ApiProgrammeWaitingList => (Res::Programme, MANAGERS, false),
        // policy::view_group / record_attendance: managers and the group's facilitators; the
        // group's facilitator is not A's peer-worker account, so managers only. No partners,
        // no system administrator.
        JourneyRoute::GroupShow | JourneyRoute::ApiGroupGet => (Res::Group, MANAGERS, false),
        JourneyRoute::MeetingShow | JourneyRoute::MeetingAttendance | JourneyRoute::ApiMeetingAttendance => (Res::Meeting, MANAGERS, false),
        // policy::manage_groups: managers.
        JourneyRoute::GroupEdit
        | JourneyRoute::GroupUpdate
        | JourneyRoute::GroupFacilitators
        | JourneyRoute::GroupMeetingCreate
        | JourneyRoute::GroupEnrol
        | JourneyRoute::GroupLeave
        | JourneyRoute::ApiGroupMeetingCreate => (Res::Group, MANAGERS, false),
        JourneyRoute::MeetingCancel => (Res::Meeting, MANAGERS, false),
    };
    Rule { on, a, system_admin }
}

/// This area's routes whose allowed call uses up the resource: each allowed caller gets a fresh one.
pub fn consumes(r: JourneyRoute) -> bool {
    matches!(
        r,
        JourneyRoute::CourseStatus
            | JourneyRoute::CourseHandover
            | JourneyRoute::CourseOffer
            | JourneyRoute::ApiCourseOffer
            | JourneyRoute::SessionStatus
            | JourneyRoute::ReferralAccept
            | JourneyRoute::ReferralDecline
            | JourneyRoute::ConsentWithdraw
            | JourneyRoute::ApiConsentWithdraw
            | JourneyRoute::MeetingCancel
    )
}

/// A valid form for each of this area's UI POST routes (the CSRF field is added by the caller).
pub fn ui_form(r: JourneyRoute, w: &World, _n: u32) -> Vec<(&'static str, String)> {
    match r {
        JourneyRoute::ParticipantCourses
        | JourneyRoute::ParticipantWishes
        | JourneyRoute::PeerProfile
        | JourneyRoute::PeerProfileEdit
        | JourneyRoute::ProgrammeMatching => Vec::new(),
        JourneyRoute::CourseShow | JourneyRoute::CourseLogForm => Vec::new(),
        JourneyRoute::ParticipantWishesSave => {
            vec![("modes", "phone".into()), ("topics", "anxiety".into()), ("availability", "man 9-12".into())]
        }
        JourneyRoute::PeerProfileSave => vec![("disclosure", "colleagues".into()), ("capacity", "3".into())],
        // No pair chosen: every waiting participant is left for later.
        JourneyRoute::ProgrammeMatchingApprove => Vec::new(),
        JourneyRoute::CourseOffer => vec![("answer", "accept".into())],
        JourneyRoute::CourseStatus => vec![("status", "active".into())],
        JourneyRoute::CourseHandover => vec![("peer", w.peer.to_string()), ("handover_note", "Flytter".into())],
        JourneyRoute::CourseSessionAdd => vec![
            // Held earlier on the day the course was agreed: within its period, and begun.
            ("status", "held".into()),
            ("date", "2026-03-02".into()),
            ("time", "08:00".into()),
            ("duration_minutes", "45".into()),
            ("mode", "phone".into()),
            ("kind", "conversation".into()),
            ("note_audience", "team".into()),
        ],
        JourneyRoute::CourseGoalAdd => vec![("text", "Gå en tur hver dag".into())],
        JourneyRoute::SessionStatus => vec![("status", "held".into())],
        JourneyRoute::GoalProgress => {
            vec![("recorded_on", "2026-01-06".into()), ("value", "4".into()), ("status", "open".into())]
        }
        JourneyRoute::ReferralAccept => vec![("programme_id", w.programme.to_string())],
        JourneyRoute::ReferralDecline => vec![("note", "Uden for målgruppen".into())],
        JourneyRoute::ParticipantConsentAdd => vec![
            ("purpose", "referrer_status".into()),
            ("scope", "Status til henviser".into()),
            ("audience", "referrer".into()),
            ("method", "verbal".into()),
        ],
        JourneyRoute::ConsentWithdraw => vec![("note", String::new())],
        JourneyRoute::ReferralShow
        | JourneyRoute::ParticipantConsents
        | JourneyRoute::ConsentWithdrawConfirm
        | JourneyRoute::ProgrammeWaitingList => Vec::new(),
        JourneyRoute::GroupUpdate => vec![
            ("kind", "course".into()),
            ("name", GROUP.into()),
            ("mode", "in_person".into()),
            ("capacity", "10".into()),
            ("status", "running".into()),
        ],
        JourneyRoute::GroupFacilitators => vec![("facilitators", w.peer.to_string())],
        JourneyRoute::GroupMeetingCreate => {
            vec![("date", "2026-03-10".into()), ("time", "17:00".into()), ("duration_minutes", "90".into())]
        }
        // Enrolling someone enrolled, and removing someone not enrolled, change nothing.
        JourneyRoute::GroupEnrol | JourneyRoute::GroupLeave => vec![("participant_id", w.group_extra.to_string())],
        JourneyRoute::MeetingAttendance => vec![("present", w.participant.to_string())],
        JourneyRoute::MeetingCancel | JourneyRoute::GroupShow | JourneyRoute::GroupEdit | JourneyRoute::MeetingShow => Vec::new(),
        JourneyRoute::ApiMatchingProposal
        | JourneyRoute::ApiMatchingApprove
        | JourneyRoute::ApiCourseGet
        | JourneyRoute::ApiCourseOffer
        | JourneyRoute::ApiCourseSessionAdd
        | JourneyRoute::ApiReferralGet
        | JourneyRoute::ApiParticipantConsents
        | JourneyRoute::ApiParticipantConsentAdd
        | JourneyRoute::ApiConsentWithdraw
        | JourneyRoute::ApiProgrammeWaitingList
        | JourneyRoute::ApiGroupGet
        | JourneyRoute::ApiGroupMeetingCreate
        | JourneyRoute::ApiMeetingAttendance => Vec::new(),
    }
}

/// A valid JSON body for each of this area's API routes that takes one.
pub fn api_body(r: JourneyRoute, w: &World) -> Option<Value> {
    match r {
        JourneyRoute::ApiMatchingApprove => Some(json!({"pairs": []})),
        JourneyRoute::ApiCourseOffer => Some(json!({"accept": true, "reason": null})),
        JourneyRoute::ApiCourseSessionAdd => Some(json!({
            "date": "2026-03-02", "time": "08:30", "duration_minutes": 30, "mode": "phone", "place": null, "kind": "conversation", "note": null,
        })),
        JourneyRoute::ApiParticipantConsentAdd => {
            Some(json!({"purpose": "referrer_status", "scope": "Status til henviser", "audience": ["referrer"], "method": "verbal"}))
        }
        JourneyRoute::ApiConsentWithdraw => Some(json!({})),
        JourneyRoute::ApiGroupMeetingCreate => Some(json!({"date": "2026-03-10", "time": "17:00", "duration_minutes": 90})),
        JourneyRoute::ApiMeetingAttendance => Some(json!({"present": [w.participant.to_string()]})),
        _ => None,
    }
}

/// This area's UI routes with an id, for the check that the routers register exactly the
/// id routes the tests know of.
pub const UI_ID_ROUTES: &[(&str, &str)] = &[
    ("GET", "/participants/{id}/courses"),
    ("GET", "/participants/{id}/wishes"),
    ("POST", "/participants/{id}/wishes"),
    ("GET", "/peer-workers/{id}/profile"),
    ("GET", "/peer-workers/{id}/profile/edit"),
    ("POST", "/peer-workers/{id}/profile"),
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
];
