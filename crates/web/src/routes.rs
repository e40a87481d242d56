//! Every route that takes an id in its path, in one list.
//!
//! The router registers exactly these; the authorisation test in `tests/` matches on
//! [`IdRoute`] without a wildcard, so adding a route here without saying in that test who
//! may call it stops the test from compiling.

use std::collections::BTreeMap;

use axum::Router;
use axum::routing::{MethodFilter, MethodRouter, on};

use crate::{AppState, api, ui};

macro_rules! id_routes {
    ($($name:ident: $method:ident $path:literal => $handler:path;)+) => {
        /// A route with an `{id}` in its path.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum IdRoute { $($name),+ }

        impl IdRoute {
            pub const ALL: &'static [IdRoute] = &[$(IdRoute::$name),+];
            pub fn method(self) -> &'static str {
                match self { $(IdRoute::$name => stringify!($method)),+ }
            }
            /// The path pattern with `{id}`.
            pub fn path(self) -> &'static str {
                match self { $(IdRoute::$name => $path),+ }
            }
            fn handler(self) -> MethodRouter<AppState> {
                match self { $(IdRoute::$name => on(MethodFilter::$method, $handler)),+ }
            }
        }
    };
}

id_routes! {
    OrgShow: GET "/organisations/{id}" => ui::org_show;
    OrgEdit: GET "/organisations/{id}/edit" => ui::org_edit;
    OrgUpdate: POST "/organisations/{id}" => ui::org_update;
    OrgAddAdmin: POST "/organisations/{id}/administrators" => ui::org_add_admin;
    PartnershipShow: GET "/partnerships/{id}" => ui::partnership_show;
    PartnershipEdit: GET "/partnerships/{id}/edit" => ui::partnership_edit;
    PartnershipUpdate: POST "/partnerships/{id}" => ui::partnership_update;
    ProgrammeShow: GET "/programmes/{id}" => ui::programme_show;
    ProgrammeEdit: GET "/programmes/{id}/edit" => ui::programme_edit;
    ProgrammeUpdate: POST "/programmes/{id}" => ui::programme_update;
    StaffShow: GET "/staff/{id}" => ui::staff_show;
    StaffEdit: GET "/staff/{id}/edit" => ui::staff_edit;
    StaffUpdate: POST "/staff/{id}" => ui::staff_update;
    StaffResetPassword: POST "/staff/{id}/reset-password" => ui::staff_reset;
    PeerShow: GET "/peer-workers/{id}" => ui::peer_show;
    PeerEdit: GET "/peer-workers/{id}/edit" => ui::peer_edit;
    PeerUpdate: POST "/peer-workers/{id}" => ui::peer_update;
    ParticipantShow: GET "/participants/{id}" => ui::participant_show;
    ParticipantEdit: GET "/participants/{id}/edit" => ui::participant_edit;
    ParticipantUpdate: POST "/participants/{id}" => ui::participant_update;
    ParticipantDelete: POST "/participants/{id}/delete" => ui::participant_delete;
    ParticipantMeasurements: GET "/participants/{id}/measurements" => ui::measure::participant_measurements;
    ParticipantResponseStart: POST "/participants/{id}/responses" => ui::measure::response_start;
    ParticipantLifeEventAdd: POST "/participants/{id}/life-events" => ui::measure::life_event_add;
    ResponseShow: GET "/responses/{id}" => ui::measure::response_show;
    ResponseSave: POST "/responses/{id}" => ui::measure::response_save;
    InvitationLink: POST "/invitations/{id}/link" => ui::measure::invitation_link;
    ProgrammePlans: GET "/programmes/{id}/measurement-plans" => ui::measure::programme_plans;
    ProgrammePlanCreate: POST "/programmes/{id}/measurement-plans" => ui::measure::plan_create;
    PlanActive: POST "/measurement-plans/{id}/active" => ui::measure::plan_active;
    RoleShow: GET "/roles/{id}" => ui::workforce::show;
    RoleEdit: GET "/roles/{id}/edit" => ui::workforce::edit;
    RoleUpdate: POST "/roles/{id}" => ui::workforce::update;
    RolePdf: GET "/roles/{id}/function-description.pdf" => ui::workforce::pdf;
    ParticipantCourses: GET "/participants/{id}/courses" => ui::courses::participant_courses;
    ParticipantWishes: GET "/participants/{id}/wishes" => ui::courses::wishes_edit;
    ParticipantWishesSave: POST "/participants/{id}/wishes" => ui::courses::wishes_save;
    PeerProfile: GET "/peer-workers/{id}/profile" => ui::courses::profile_show;
    PeerProfileEdit: GET "/peer-workers/{id}/profile/edit" => ui::courses::profile_edit;
    PeerProfileSave: POST "/peer-workers/{id}/profile" => ui::courses::profile_save;
    PeerEngagements: GET "/peer-workers/{id}/engagements" => ui::workforce::engagements;
    PeerEngagementAdd: POST "/peer-workers/{id}/engagements" => ui::workforce::engagement_add;
    ProgrammeMatching: GET "/programmes/{id}/matching" => ui::courses::matching_show;
    ProgrammeMatchingApprove: POST "/programmes/{id}/matching" => ui::courses::matching_approve;
    CourseShow: GET "/courses/{id}" => ui::courses::course_show;
    CourseOffer: POST "/courses/{id}/offer" => ui::courses::offer_answer;
    CourseStatus: POST "/courses/{id}/status" => ui::courses::course_status;
    CourseHandover: POST "/courses/{id}/handover" => ui::courses::course_handover;
    CourseLogForm: GET "/courses/{id}/log" => ui::courses::session_log_form;
    CourseSessionAdd: POST "/courses/{id}/sessions" => ui::courses::session_log;
    CourseGoalAdd: POST "/courses/{id}/goals" => ui::courses::goal_add;
    SessionStatus: POST "/sessions/{id}/status" => ui::courses::session_status;
    GoalProgress: POST "/goals/{id}/progress" => ui::courses::goal_progress;
    ReferralShow: GET "/referrals/{id}" => ui::intake::show;
    ReferralAccept: POST "/referrals/{id}/accept" => ui::intake::accept;
    ReferralDecline: POST "/referrals/{id}/decline" => ui::intake::decline;
    ParticipantConsents: GET "/participants/{id}/consents" => ui::intake::consents;
    ParticipantConsentAdd: POST "/participants/{id}/consents" => ui::intake::consent_add;
    ConsentWithdrawConfirm: GET "/consents/{id}/withdraw" => ui::intake::withdraw_confirm;
    ConsentWithdraw: POST "/consents/{id}/withdraw" => ui::intake::withdraw;
    ProgrammeWaitingList: GET "/programmes/{id}/waiting-list" => ui::intake::waiting_list;
    GroupShow: GET "/groups/{id}" => ui::groups::show;
    GroupEdit: GET "/groups/{id}/edit" => ui::groups::edit;
    GroupUpdate: POST "/groups/{id}" => ui::groups::update;
    GroupFacilitators: POST "/groups/{id}/facilitators" => ui::groups::facilitators;
    GroupMeetingCreate: POST "/groups/{id}/meetings" => ui::groups::meeting_create;
    GroupEnrol: POST "/groups/{id}/enrolments" => ui::groups::enrol;
    GroupLeave: POST "/groups/{id}/leave" => ui::groups::leave;
    MeetingShow: GET "/group-meetings/{id}" => ui::groups::meeting_show;
    MeetingAttendance: POST "/group-meetings/{id}" => ui::groups::meeting_save;
    MeetingCancel: POST "/group-meetings/{id}/cancel" => ui::groups::meeting_cancel;
    TokenRevoke: POST "/account/tokens/{id}/revoke" => ui::token_revoke;
    ApiOrgGet: GET "/api/v1/organisations/{id}" => api::org_get;
    ApiOrgPut: PUT "/api/v1/organisations/{id}" => api::org_put;
    ApiPartnershipGet: GET "/api/v1/partnerships/{id}" => api::partnership_get;
    ApiPartnershipPut: PUT "/api/v1/partnerships/{id}" => api::partnership_put;
    ApiProgrammeGet: GET "/api/v1/programmes/{id}" => api::programme_get;
    ApiProgrammePut: PUT "/api/v1/programmes/{id}" => api::programme_put;
    ApiStaffGet: GET "/api/v1/staff/{id}" => api::staff_get;
    ApiStaffPut: PUT "/api/v1/staff/{id}" => api::staff_put;
    ApiPeerGet: GET "/api/v1/peer-workers/{id}" => api::peer_get;
    ApiPeerPut: PUT "/api/v1/peer-workers/{id}" => api::peer_put;
    ApiParticipantGet: GET "/api/v1/participants/{id}" => api::participant_get;
    ApiParticipantPut: PUT "/api/v1/participants/{id}" => api::participant_put;
    ApiParticipantDelete: DELETE "/api/v1/participants/{id}" => api::participant_delete;
    ApiParticipantMeasurements: GET "/api/v1/participants/{id}/measurements" => api::measure::participant_measurements;
    ApiParticipantResponseImport: POST "/api/v1/participants/{id}/responses" => api::measure::response_import;
    ApiParticipantLifeEventAdd: POST "/api/v1/participants/{id}/life-events" => api::measure::life_event_add;
    ApiResponseGet: GET "/api/v1/responses/{id}" => api::measure::response_get;
    ApiProgrammePlans: GET "/api/v1/programmes/{id}/measurement-plans" => api::measure::plan_list;
    ApiMatchingProposal: GET "/api/v1/programmes/{id}/matching-proposal" => api::courses::proposal;
    ApiMatchingApprove: POST "/api/v1/programmes/{id}/matching" => api::courses::approve;
    ApiCourseGet: GET "/api/v1/courses/{id}" => api::courses::course_get;
    ApiCourseOffer: PUT "/api/v1/courses/{id}/offer" => api::courses::offer_put;
    ApiCourseSessionAdd: POST "/api/v1/courses/{id}/sessions" => api::courses::session_add;
    ApiProgrammePlanCreate: POST "/api/v1/programmes/{id}/measurement-plans" => api::measure::plan_create;
    ApiReferralGet: GET "/api/v1/referrals/{id}" => api::intake::referral_get;
    ApiParticipantConsents: GET "/api/v1/participants/{id}/consents" => api::intake::consent_list;
    ApiParticipantConsentAdd: POST "/api/v1/participants/{id}/consents" => api::intake::consent_create;
    ApiConsentWithdraw: POST "/api/v1/consents/{id}/withdraw" => api::intake::consent_withdraw;
    ApiProgrammeWaitingList: GET "/api/v1/programmes/{id}/waiting-list" => api::intake::waiting_list;
    ApiGroupGet: GET "/api/v1/groups/{id}" => api::groups::group_get;
    ApiGroupMeetingCreate: POST "/api/v1/groups/{id}/meetings" => api::groups::meeting_create;
    ApiMeetingAttendance: PUT "/api/v1/group-meetings/{id}/attendance" => api::groups::attendance_put;
    // Supervision and wellbeing (issue 3, items 6 and 7).
    PeerSupervision: GET "/peer-workers/{id}/supervision" => ui::supervision::peer_show;
    PeerSupervisorAssign: POST "/peer-workers/{id}/supervisors" => ui::supervision::peer_assign;
    SupervisionSessionShow: GET "/supervision/sessions/{id}" => ui::supervision::session_show;
    SupervisionSessionSave: POST "/supervision/sessions/{id}" => ui::supervision::session_save;
    CheckInShare: POST "/wellbeing/check-ins/{id}/share" => ui::supervision::check_in_share;
    ApiSupervisionSessionGet: GET "/api/v1/supervision/sessions/{id}" => api::supervision::session_get;
    // onboarding and training (issue 3)
    TrainingCourseShow: GET "/training/courses/{id}" => ui::training::course_show;
    TrainingCourseEdit: GET "/training/courses/{id}/edit" => ui::training::course_edit;
    TrainingCourseUpdate: POST "/training/courses/{id}" => ui::training::course_update;
    TrainingCohortCreate: POST "/training/courses/{id}/cohorts" => ui::training::cohort_create;
    CohortShow: GET "/cohorts/{id}" => ui::training::cohort_show;
    CohortEnrol: POST "/cohorts/{id}/enrolments" => ui::training::cohort_enrol;
    CohortAttendance: POST "/cohorts/{id}/attendance" => ui::training::cohort_attendance;
    CohortComplete: POST "/cohorts/{id}/completions" => ui::training::cohort_complete;
    PeerTraining: GET "/peer-workers/{id}/training" => ui::training::record;
    PeerOnboarding: GET "/peer-workers/{id}/onboarding" => ui::training::onboarding;
    PeerOnboardingStart: POST "/peer-workers/{id}/onboarding" => ui::training::onboarding_start;
    PeerOnboardingItem: POST "/peer-workers/{id}/onboarding/items" => ui::training::onboarding_item;
    RoleOnboarding: GET "/roles/{id}/onboarding" => ui::training::template_show;
    RoleOnboardingSave: POST "/roles/{id}/onboarding" => ui::training::template_save;
    ApiCohortEnrol: POST "/api/v1/cohorts/{id}/enrolments" => api::training::enrol;
    ApiCohortComplete: POST "/api/v1/cohorts/{id}/completions" => api::training::complete;
    ApiPeerTraining: GET "/api/v1/peer-workers/{id}/training" => api::training::record;
    ApiPeerOnboarding: GET "/api/v1/peer-workers/{id}/onboarding" => api::training::onboarding;
    // Recruitment (issue 3, item 2).
    PostingShow: GET "/postings/{id}" => ui::recruitment::show;
    PostingEdit: GET "/postings/{id}/edit" => ui::recruitment::edit;
    PostingUpdate: POST "/postings/{id}" => ui::recruitment::update;
    ApplicationShow: GET "/applications/{id}" => ui::recruitment::application;
    ApplicationStage: POST "/applications/{id}/stage" => ui::recruitment::stage;
    ApplicationInterviewCreate: POST "/applications/{id}/interviews" => ui::recruitment::interview_create;
    ApplicationDecideForm: GET "/applications/{id}/decide" => ui::recruitment::decide_form;
    ApplicationDecide: POST "/applications/{id}/decide" => ui::recruitment::decide;
    ApplicationLetter: GET "/applications/{id}/letter" => ui::recruitment::letter;
    InterviewScores: POST "/interviews/{id}/scores" => ui::recruitment::scores;
    AttachmentDownload: GET "/attachments/{id}" => ui::recruitment::attachment;
    ApiPostingApplications: GET "/api/v1/postings/{id}/applications" => api::recruitment::applications;
    ApiApplicationGet: GET "/api/v1/applications/{id}" => api::recruitment::application_get;
    ApiApplicationStage: POST "/api/v1/applications/{id}/stage" => api::recruitment::stage;
    ApiInterviewScores: POST "/api/v1/interviews/{id}/scores" => api::recruitment::scores;
}

/// The router of every id route, methods on the same path merged.
pub fn id_router() -> Router<AppState> {
    let mut by_path: BTreeMap<&'static str, MethodRouter<AppState>> = BTreeMap::new();
    for r in IdRoute::ALL {
        let h = r.handler();
        let merged = match by_path.remove(r.path()) {
            Some(existing) => existing.merge(h),
            None => h,
        };
        by_path.insert(r.path(), merged);
    }
    by_path.into_iter().fold(Router::new(), |router, (path, mr)| router.route(path, mr))
}
