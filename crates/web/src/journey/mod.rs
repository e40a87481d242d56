//! The participant's journey: referrals and intake, consent, waiting lists, matching, courses of
//! support with sessions and goals, the peer's own page and calendar, and group courses.
//!
//! Two routes have a path parameter that is not an id: the public self-referral form
//! (`/self-referral/{organisation}`: no account, throttled per address, shows nothing back) and
//! the peer's calendar feed (`/calendar/{token}`: the secret, renewable token is the credential).

pub(crate) mod api;
pub(crate) mod courses;
pub(crate) mod groups;
pub(crate) mod intake;

use axum::Router;
use axum::routing::{get, post};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::ui::menu::{MenuArea, item};
use sammen_domain::people::Role::{Administrator, Coordinator, PeerWorker, Referrer};

crate::routes::id_routes! {
    ui {
        ParticipantCourses: GET "/participants/{id}/courses" => courses::participant_courses;
        ParticipantWishes: GET "/participants/{id}/wishes" => courses::wishes_edit;
        ParticipantWishesSave: POST "/participants/{id}/wishes" => courses::wishes_save;
        PeerProfile: GET "/peer-workers/{id}/profile" => courses::profile_show;
        PeerProfileEdit: GET "/peer-workers/{id}/profile/edit" => courses::profile_edit;
        PeerProfileSave: POST "/peer-workers/{id}/profile" => courses::profile_save;
        ProgrammeMatching: GET "/programmes/{id}/matching" => courses::matching_show;
        ProgrammeMatchingApprove: POST "/programmes/{id}/matching" => courses::matching_approve;
        CourseShow: GET "/courses/{id}" => courses::course_show;
        CourseOffer: POST "/courses/{id}/offer" => courses::offer_answer;
        CourseStatus: POST "/courses/{id}/status" => courses::course_status;
        CourseHandover: POST "/courses/{id}/handover" => courses::course_handover;
        CourseLogForm: GET "/courses/{id}/log" => courses::session_log_form;
        CourseSessionAdd: POST "/courses/{id}/sessions" => courses::session_log;
        CourseGoalAdd: POST "/courses/{id}/goals" => courses::goal_add;
        SessionStatus: POST "/sessions/{id}/status" => courses::session_status;
        GoalProgress: POST "/goals/{id}/progress" => courses::goal_progress;
        ReferralShow: GET "/referrals/{id}" => intake::show;
        ReferralAccept: POST "/referrals/{id}/accept" => intake::accept;
        ReferralDecline: POST "/referrals/{id}/decline" => intake::decline;
        ParticipantConsents: GET "/participants/{id}/consents" => intake::consents;
        ParticipantConsentAdd: POST "/participants/{id}/consents" => intake::consent_add;
        ConsentWithdrawConfirm: GET "/consents/{id}/withdraw" => intake::withdraw_confirm;
        ConsentWithdraw: POST "/consents/{id}/withdraw" => intake::withdraw;
        ProgrammeWaitingList: GET "/programmes/{id}/waiting-list" => intake::waiting_list;
        GroupShow: GET "/groups/{id}" => groups::show;
        GroupEdit: GET "/groups/{id}/edit" => groups::edit;
        GroupUpdate: POST "/groups/{id}" => groups::update;
        GroupFacilitators: POST "/groups/{id}/facilitators" => groups::facilitators;
        GroupMeetingCreate: POST "/groups/{id}/meetings" => groups::meeting_create;
        GroupEnrol: POST "/groups/{id}/enrolments" => groups::enrol;
        GroupLeave: POST "/groups/{id}/leave" => groups::leave;
        MeetingShow: GET "/group-meetings/{id}" => groups::meeting_show;
        MeetingAttendance: POST "/group-meetings/{id}" => groups::meeting_save;
        MeetingCancel: POST "/group-meetings/{id}/cancel" => groups::meeting_cancel;
    }
    api {
        ApiMatchingProposal: GET "/programmes/{id}/matching-proposal" => api::courses::proposal;
        ApiMatchingApprove: POST "/programmes/{id}/matching" => api::courses::approve;
        ApiCourseGet: GET "/courses/{id}" => api::courses::course_get;
        ApiCourseOffer: PUT "/courses/{id}/offer" => api::courses::offer_put;
        ApiCourseSessionAdd: POST "/courses/{id}/sessions" => api::courses::session_add;
        ApiReferralGet: GET "/referrals/{id}" => api::intake::referral_get;
        ApiParticipantConsents: GET "/participants/{id}/consents" => api::intake::consent_list;
        ApiParticipantConsentAdd: POST "/participants/{id}/consents" => api::intake::consent_create;
        ApiConsentWithdraw: POST "/consents/{id}/withdraw" => api::intake::consent_withdraw;
        ApiProgrammeWaitingList: GET "/programmes/{id}/waiting-list" => api::intake::waiting_list;
        ApiGroupGet: GET "/groups/{id}" => api::groups::group_get;
        ApiGroupMeetingCreate: POST "/groups/{id}/meetings" => api::groups::meeting_create;
        ApiMeetingAttendance: PUT "/group-meetings/{id}/attendance" => api::groups::attendance_put;
    }
}

/// The area's pages; those with an id in the path are in [`IdRoute`].
pub fn ui() -> Router<AppState> {
    Router::new()
        .route("/groups", get(groups::list).post(groups::create))
        .route("/groups/new", get(groups::new))
        .route("/my", get(courses::my))
        .route("/my/calendar", post(courses::my_calendar))
        .route("/calendar/{token}", get(courses::calendar))
        .route("/referrals", get(intake::inbox).post(intake::create))
        .route("/referrals/new", get(intake::new))
        .route("/self-referral/{organisation}", get(intake::self_form).post(intake::self_submit))
        .merge(id_ui())
}

/// The area's API operations under `/api/v1`, each with its OpenAPI description.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(api::intake::referral_create)).routes(routes!(api::groups::group_list)).merge(id_api())
}

/// The area's menu items, each shown only to the roles its page admits.
pub fn menu() -> MenuArea {
    MenuArea {
        id: "journey",
        label: "nav-area-journey",
        items: vec![
            // courses::caseload: the peer worker's own.
            item("/my", "nav-my", |v| v.is(&[PeerWorker])),
            // intake::inbox: the managers decide, the referrer follows their own referrals.
            item("/referrals", "nav-referrals", |v| v.is(&[Administrator, Coordinator, Referrer])),
            // policy::list_groups: the managers, and the peer workers who facilitate.
            item("/groups", "nav-groups", |v| v.is(&[Administrator, Coordinator, PeerWorker])),
        ],
    }
}
