//! Rows as stored. Ids, codes and dates are typed (`Stored<T>`, converted once in `codec`);
//! the store only moves them.

use diesel::prelude::*;
use sammen_domain::directory::{Mode, OrganisationKind};
use sammen_domain::ids::*;
use sammen_domain::journey::courses::{
    ChimeDomain, ConsentMethod, ConsentPurpose, CourseStatus, Disclosure, EndReason, GoalStatus, NoteAudience, OfferState, ReferralSource,
    ReferralStatus, SessionKind, SessionStatus,
};
use sammen_domain::journey::groups::{GroupKind, GroupStatus, MeetingStatus};
use sammen_domain::measurement::qualitative::{
    CodeChangeKind, CodeTheme, CodingKind, InterviewConsentMethod, InterviewStatus, IntervieweeKind, StudyScopeKind, TranscriptSource,
};
use sammen_domain::measurement::{
    InvitationStatus, LifeEventKind, LifeEventSource, MessageKind, MessageStatus, ResponseSource, ResponseStatus,
};
use sammen_domain::people::{Engagement, Gender, ParticipantStatus, PeerStatus, Role};
use sammen_domain::workforce::recruitment::{AttachmentKind, LetterLanguage, PostingStatus, Stage};
use sammen_domain::workforce::roles::{EngagementKind, Setting, Term};
use sammen_domain::workforce::supervision::{SupervisionFormat, SupervisionKind, SupervisionStatus};
use sammen_domain::workforce::training::{CourseKind, OnboardingItemKind, Outcome};
use time::Date;

use crate::codec::Stored;

use crate::schema::*;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = organisations, treat_none_as_null = true)]
pub struct OrganisationRow {
    pub id: Stored<OrgId>,
    pub name: String,
    pub kind: Stored<OrganisationKind>,
    pub require_totp: bool,
    pub created_at: i64,
    pub updated_at: i64,
    /// An IANA zone name, checked by `sammen_domain::time::Zone::parse` before it is stored.
    pub time_zone: String,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = partnerships, treat_none_as_null = true)]
pub struct PartnershipRow {
    pub id: Stored<PartnershipId>,
    pub name: String,
    pub purpose: String,
    pub legal_basis: String,
    pub data_categories: String,
    pub valid_from: Stored<Date>,
    pub valid_to: Option<Stored<Date>>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = programmes, treat_none_as_null = true)]
pub struct ProgrammeRow {
    pub id: Stored<ProgrammeId>,
    pub organisation_id: Stored<OrgId>,
    pub name: String,
    pub description: Option<String>,
    pub delivery: String,
    pub modes: String,
    pub locations: String,
    pub active: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = users, treat_none_as_null = true)]
pub struct UserRow {
    pub id: Stored<UserId>,
    pub organisation_id: Option<Stored<OrgId>>,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub system_admin: bool,
    pub totp_secret: Option<String>,
    pub totp_enabled: bool,
    /// The time step of the last accepted code: a code is never accepted twice.
    pub totp_last_step: Option<i64>,
    pub active: bool,
    pub password_changed_at: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

impl std::fmt::Debug for UserRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserRow").field("id", &self.id).finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = memberships)]
pub struct MembershipRow {
    pub user_id: Stored<UserId>,
    pub organisation_id: Stored<OrgId>,
    pub role: Stored<Role>,
    pub created_at: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = sessions)]
pub struct SessionRow {
    pub id_hash: String,
    pub user_id: Stored<UserId>,
    pub organisation_id: Option<Stored<OrgId>>,
    pub csrf: String,
    pub second_factor_ok: bool,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
    pub revoked_at: Option<i64>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = api_tokens)]
pub struct ApiTokenRow {
    pub id: Stored<TokenId>,
    pub user_id: Stored<UserId>,
    pub organisation_id: Option<Stored<OrgId>>,
    pub name: String,
    pub token_hash: String,
    pub scope: String,
    pub created_at: i64,
    pub expires_at: i64,
    pub revoked_at: Option<i64>,
    pub last_used_at: Option<i64>,
}

#[derive(Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = peer_workers, treat_none_as_null = true)]
pub struct PeerWorkerRow {
    pub id: Stored<PeerWorkerId>,
    pub organisation_id: Stored<OrgId>,
    pub user_id: Option<Stored<UserId>>,
    pub display_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub engagement: Stored<Engagement>,
    pub status: Stored<PeerStatus>,
    pub languages: String,
    pub modes: String,
    pub created_at: i64,
    pub updated_at: i64,
}

impl std::fmt::Debug for PeerWorkerRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PeerWorkerRow").field("id", &self.id).finish_non_exhaustive()
    }
}

#[derive(Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = participants, treat_none_as_null = true)]
pub struct ParticipantRow {
    pub id: Stored<ParticipantId>,
    pub organisation_id: Stored<OrgId>,
    pub programme_id: Option<Stored<ProgrammeId>>,
    pub pseudonym: String,
    pub name: Option<String>,
    pub cpr: Option<String>,
    pub birth_year: Option<i64>,
    pub gender: Option<Stored<Gender>>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub status: Stored<ParticipantStatus>,
    pub languages: String,
    pub assigned_peer_id: Option<Stored<PeerWorkerId>>,
    pub search_key: String,
    pub created_at: i64,
    pub updated_at: i64,
    /// When the course of support started (the baseline wave counts from here).
    pub started_at: Option<i64>,
    /// When it ended (closure and follow-up waves count from here).
    pub closed_at: Option<i64>,
}

impl std::fmt::Debug for ParticipantRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParticipantRow").field("id", &self.id).finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = audit_log)]
pub struct AuditRow {
    pub seq: i64,
    pub at: i64,
    pub actor_id: Option<String>,
    pub organisation_id: Option<String>,
    pub action: String,
    pub subject_type: String,
    pub subject_id: Option<String>,
    pub purpose: String,
    pub route: String,
    pub outcome: String,
    pub prev_hash: String,
    pub hash: String,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = instrument_texts, treat_none_as_null = true)]
pub struct InstrumentTextRow {
    pub organisation_id: Stored<OrgId>,
    pub instrument_id: String,
    pub instrument_version: String,
    pub questionnaire: String,
    pub text_source: String,
    pub loaded_by: Option<Stored<UserId>>,
    pub loaded_at: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = measurement_plans, treat_none_as_null = true)]
pub struct MeasurementPlanRow {
    pub id: Stored<PlanId>,
    pub organisation_id: Stored<OrgId>,
    pub programme_id: Stored<ProgrammeId>,
    pub instrument_id: String,
    pub instrument_version: String,
    pub at_start: bool,
    pub every_weeks: Option<i64>,
    pub at_closure: bool,
    pub followup_months: Option<i64>,
    pub reminder_days: i64,
    pub valid_days: i64,
    pub active: bool,
    pub created_at: i64,
    pub updated_at: i64,
    /// The share of each wave that should be answered, in percent.
    pub target_percent: i64,
}

#[derive(Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = invitations, treat_none_as_null = true)]
pub struct InvitationRow {
    pub id: Stored<InvitationId>,
    pub organisation_id: Stored<OrgId>,
    pub participant_id: Stored<ParticipantId>,
    pub plan_id: Stored<PlanId>,
    pub instrument_id: String,
    pub instrument_version: String,
    pub wave: String,
    pub wave_order: i64,
    pub due_at: i64,
    pub expires_at: i64,
    pub token_hash: Option<String>,
    pub status: Stored<InvitationStatus>,
    pub reminders_sent: i64,
    pub last_notified_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl std::fmt::Debug for InvitationRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InvitationRow").field("id", &self.id).field("status", &self.status).finish_non_exhaustive()
    }
}

#[derive(Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = responses, treat_none_as_null = true)]
pub struct ResponseRow {
    pub id: Stored<ResponseId>,
    pub organisation_id: Stored<OrgId>,
    pub participant_id: Stored<ParticipantId>,
    pub invitation_id: Option<Stored<InvitationId>>,
    pub instrument_id: String,
    pub instrument_version: String,
    pub wave: Option<String>,
    pub source: Stored<ResponseSource>,
    pub entered_by: Option<Stored<UserId>>,
    /// The answers by linkId, as JSON.
    pub answers: String,
    pub status: Stored<ResponseStatus>,
    pub score: Option<f64>,
    pub raw: Option<f64>,
    pub prorated: bool,
    pub band: Option<String>,
    /// The whole score result (subscales, item scores), as JSON; `{}` when not scorable yet.
    pub scores: String,
    pub started_at: i64,
    pub completed_at: Option<i64>,
    pub updated_at: i64,
}

impl std::fmt::Debug for ResponseRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResponseRow").field("id", &self.id).field("status", &self.status).finish_non_exhaustive()
    }
}

#[derive(Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = life_events, treat_none_as_null = true)]
pub struct LifeEventRow {
    pub id: Stored<LifeEventId>,
    pub organisation_id: Stored<OrgId>,
    pub participant_id: Stored<ParticipantId>,
    pub kind: Stored<LifeEventKind>,
    pub occurred_on: Stored<Date>,
    pub ended_on: Option<Stored<Date>>,
    pub quantity: Option<i64>,
    pub source: Stored<LifeEventSource>,
    pub note: Option<String>,
    pub recorded_by: Option<Stored<UserId>>,
    pub created_at: i64,
}

impl std::fmt::Debug for LifeEventRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LifeEventRow").field("id", &self.id).field("kind", &self.kind).finish_non_exhaustive()
    }
}

#[derive(Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = outbox, treat_none_as_null = true)]
pub struct OutboxRow {
    pub id: String,
    pub organisation_id: Stored<OrgId>,
    pub kind: Stored<MessageKind>,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub subject_type: Option<String>,
    pub subject_id: Option<String>,
    pub status: Stored<MessageStatus>,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub created_at: i64,
    pub sent_at: Option<i64>,
}

impl std::fmt::Debug for OutboxRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OutboxRow").field("id", &self.id).field("kind", &self.kind).field("status", &self.status).finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = evaluation_settings, treat_none_as_null = true)]
pub struct EvaluationSettingsRow {
    pub organisation_id: Stored<OrgId>,
    pub prices: Option<String>,
    pub reference_table: Option<String>,
    pub updated_by: Option<Stored<UserId>>,
    pub updated_at: i64,
}

/// A role description version; lists are stored one item per line, sets as comma-separated codes.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = role_descriptions, treat_none_as_null = true)]
pub struct RoleDescriptionRow {
    pub id: Stored<RoleId>,
    pub organisation_id: Stored<OrgId>,
    pub role_key: String,
    pub version: i64,
    pub current: bool,
    pub title: String,
    pub purpose: String,
    pub tasks: String,
    pub setting: Stored<Setting>,
    pub functions: String,
    pub engagement: Stored<Engagement>,
    pub hours_per_week: f64,
    pub term: Stored<Term>,
    pub competences: String,
    pub training: String,
    pub created_by: Option<Stored<UserId>>,
    pub created_at: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = referrals, treat_none_as_null = true)]
pub struct ReferralRow {
    pub id: Stored<ReferralId>,
    pub organisation_id: Stored<OrgId>,
    pub programme_id: Option<Stored<ProgrammeId>>,
    pub participant_id: Option<Stored<ParticipantId>>,
    pub source: Stored<ReferralSource>,
    pub referrer_org_id: Option<Stored<OrgId>>,
    pub referrer_user_id: Option<Stored<UserId>>,
    pub reason: Option<String>,
    pub status: Stored<ReferralStatus>,
    pub decided_by: Option<Stored<UserId>>,
    pub decided_at: Option<i64>,
    pub decision_note: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = consents, treat_none_as_null = true)]
pub struct ConsentRow {
    pub id: Stored<ConsentId>,
    pub organisation_id: Stored<OrgId>,
    pub participant_id: Stored<ParticipantId>,
    pub purpose: Stored<ConsentPurpose>,
    pub scope: String,
    pub audience: String,
    pub method: Stored<ConsentMethod>,
    pub given_at: i64,
    pub valid_until: Option<Stored<Date>>,
    pub recorded_by: Option<Stored<UserId>>,
    pub withdrawn_at: Option<i64>,
    pub withdrawn_by: Option<Stored<UserId>>,
    pub withdrawal_note: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = participant_wishes, treat_none_as_null = true)]
pub struct WishesRow {
    pub participant_id: Stored<ParticipantId>,
    pub topics: String,
    pub modes: String,
    pub peer_gender: String,
    pub locality: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub max_distance_km: Option<f64>,
    pub availability: String,
    pub goals: Option<String>,
    pub excluded_peers: String,
    pub waiting_since: Option<i64>,
    pub priority: bool,
    pub updated_at: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = peer_profiles, treat_none_as_null = true)]
pub struct PeerProfileRow {
    pub peer_id: Stored<PeerWorkerId>,
    pub topics: String,
    pub topics_consent_at: Option<i64>,
    pub disclosure: Stored<Disclosure>,
    pub presentation: Option<String>,
    pub gender: Option<Stored<Gender>>,
    pub locality: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub capacity: i64,
    pub availability: String,
    pub calendar_token_hash: Option<String>,
    pub calendar_token_at: Option<i64>,
    pub updated_at: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = courses, treat_none_as_null = true)]
pub struct CourseRow {
    pub id: Stored<CourseId>,
    pub organisation_id: Stored<OrgId>,
    pub programme_id: Option<Stored<ProgrammeId>>,
    pub participant_id: Stored<ParticipantId>,
    pub peer_id: Stored<PeerWorkerId>,
    pub status: Stored<CourseStatus>,
    pub offer: Stored<OfferState>,
    pub match_score: Option<f64>,
    pub match_parts: Option<String>,
    pub approved_by: Option<Stored<UserId>>,
    pub approved_at: Option<i64>,
    pub responded_at: Option<i64>,
    pub decline_reason: Option<String>,
    pub started_on: Option<Stored<Date>>,
    pub ended_on: Option<Stored<Date>>,
    pub end_reason: Option<Stored<EndReason>>,
    pub handed_over_from: Option<Stored<CourseId>>,
    pub handover_note: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = support_sessions, treat_none_as_null = true)]
pub struct SupportSessionRow {
    pub id: Stored<SessionId>,
    pub organisation_id: Stored<OrgId>,
    pub course_id: Stored<CourseId>,
    pub status: Stored<SessionStatus>,
    pub starts_at: i64,
    pub duration_minutes: i64,
    pub mode: Stored<Mode>,
    pub place: Option<String>,
    pub kind: Stored<SessionKind>,
    pub note: Option<String>,
    pub note_audience: Stored<NoteAudience>,
    pub author_id: Option<Stored<UserId>>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = goals, treat_none_as_null = true)]
pub struct GoalRow {
    pub id: Stored<GoalId>,
    pub organisation_id: Stored<OrgId>,
    pub participant_id: Stored<ParticipantId>,
    pub course_id: Option<Stored<CourseId>>,
    pub text: String,
    pub domain: Option<Stored<ChimeDomain>>,
    pub status: Stored<GoalStatus>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = goal_progress, treat_none_as_null = true)]
pub struct GoalProgressRow {
    pub id: String,
    pub goal_id: Stored<GoalId>,
    pub recorded_on: Stored<Date>,
    pub value: i64,
    pub note: Option<String>,
    pub author_id: Option<Stored<UserId>>,
    pub created_at: i64,
}

// ---------------------------------------------------------------- group courses and open events

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = group_courses, treat_none_as_null = true)]
pub struct GroupCourseRow {
    pub id: Stored<GroupId>,
    pub organisation_id: Stored<OrgId>,
    pub programme_id: Option<Stored<ProgrammeId>>,
    pub kind: Stored<GroupKind>,
    pub name: String,
    pub description: Option<String>,
    pub mode: Stored<Mode>,
    pub place: Option<String>,
    pub capacity: Option<i64>,
    pub status: Stored<GroupStatus>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = group_facilitators)]
pub struct GroupFacilitatorRow {
    pub group_id: Stored<GroupId>,
    pub peer_id: Stored<PeerWorkerId>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = group_meetings, treat_none_as_null = true)]
pub struct GroupMeetingRow {
    pub id: Stored<MeetingId>,
    pub group_id: Stored<GroupId>,
    pub starts_at: i64,
    pub duration_minutes: i64,
    pub place: Option<String>,
    pub status: Stored<MeetingStatus>,
    pub anonymous_count: Option<i64>,
    pub note: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = group_enrolments, treat_none_as_null = true)]
pub struct GroupEnrolmentRow {
    pub id: String,
    pub group_id: Stored<GroupId>,
    pub participant_id: Stored<ParticipantId>,
    pub enrolled_at: i64,
    pub left_at: Option<i64>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = group_attendance)]
pub struct GroupAttendanceRow {
    pub meeting_id: Stored<MeetingId>,
    pub participant_id: Stored<ParticipantId>,
    pub present: bool,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = engagements, treat_none_as_null = true)]
pub struct EngagementRow {
    pub id: String,
    pub organisation_id: Stored<OrgId>,
    pub peer_id: Stored<PeerWorkerId>,
    pub kind: Stored<EngagementKind>,
    pub title: String,
    pub hours_per_week: f64,
    pub part_time: bool,
    pub term: Stored<Term>,
    pub starts_on: Stored<Date>,
    pub ends_on: Option<Stored<Date>>,
    pub signed_on: Option<Stored<Date>>,
    pub note: Option<String>,
    pub created_by: Option<Stored<UserId>>,
    pub created_at: i64,
    pub updated_at: i64,
    pub role_key: Option<String>,
}

// ---------------------------------------------------------------- supervision and wellbeing

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = supervision_requirements, treat_none_as_null = true)]
pub struct SupervisionRequirementRow {
    pub id: String,
    pub organisation_id: Stored<OrgId>,
    pub role_key: String,
    pub kind: Stored<SupervisionKind>,
    pub every_weeks: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = supervision_relations, treat_none_as_null = true)]
pub struct SupervisionRelationRow {
    pub id: String,
    pub organisation_id: Stored<OrgId>,
    pub peer_id: Stored<PeerWorkerId>,
    pub kind: Stored<SupervisionKind>,
    pub supervisor_user_id: Stored<UserId>,
    pub starts_on: Stored<Date>,
    pub ends_on: Option<Stored<Date>>,
    pub created_by: Option<Stored<UserId>>,
    pub created_at: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = supervision_sessions, treat_none_as_null = true)]
pub struct SupervisionSessionRow {
    pub id: String,
    pub organisation_id: Stored<OrgId>,
    pub kind: Stored<SupervisionKind>,
    pub format: Stored<SupervisionFormat>,
    pub starts_at: i64,
    pub duration_minutes: i64,
    pub supervisor_user_id: Stored<UserId>,
    pub status: Stored<SupervisionStatus>,
    pub topics: String,
    pub note: Option<String>,
    pub created_by: Option<Stored<UserId>>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = supervision_attendees)]
pub struct SupervisionAttendeeRow {
    pub session_id: String,
    pub peer_id: Stored<PeerWorkerId>,
    pub attended: bool,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = wellbeing_check_ins, treat_none_as_null = true)]
pub struct WellbeingCheckInRow {
    pub id: String,
    pub organisation_id: Stored<OrgId>,
    pub peer_id: Stored<PeerWorkerId>,
    pub answered_at: i64,
    pub stress: i64,
    pub role_clarity: i64,
    pub support: i64,
    pub note: Option<String>,
    pub shared: bool,
}

// ---- onboarding and training

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = onboarding_template_items, treat_none_as_null = true)]
pub struct OnboardingTemplateItemRow {
    pub id: String,
    pub organisation_id: Stored<OrgId>,
    pub role_key: String,
    pub position: i64,
    pub kind: Stored<OnboardingItemKind>,
    pub title: Option<String>,
    pub owner_role: Stored<Role>,
    pub due_days: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = onboardings, treat_none_as_null = true)]
pub struct OnboardingRow {
    pub id: String,
    pub organisation_id: Stored<OrgId>,
    pub peer_id: Stored<PeerWorkerId>,
    pub role_key: String,
    pub starts_on: Stored<Date>,
    pub started_by: Option<Stored<UserId>>,
    pub created_at: i64,
    pub completed_at: Option<i64>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = onboarding_items, treat_none_as_null = true)]
pub struct OnboardingItemRow {
    pub id: String,
    pub onboarding_id: String,
    pub position: i64,
    pub kind: Stored<OnboardingItemKind>,
    pub title: Option<String>,
    pub owner_user_id: Option<Stored<UserId>>,
    pub due_on: Stored<Date>,
    pub done_at: Option<i64>,
    pub done_by: Option<Stored<UserId>>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = training_courses, treat_none_as_null = true)]
pub struct TrainingCourseRow {
    pub id: String,
    pub organisation_id: Stored<OrgId>,
    pub kind: Stored<CourseKind>,
    pub title: String,
    pub description: Option<String>,
    pub themes: String,
    pub hours: f64,
    pub validity_months: Option<i64>,
    pub active: bool,
    pub created_at: i64,
    pub updated_at: i64,
    pub min_attendance_percent: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = training_cohorts, treat_none_as_null = true)]
pub struct TrainingCohortRow {
    pub id: String,
    pub organisation_id: Stored<OrgId>,
    pub course_id: String,
    pub place: Option<String>,
    pub trainer: Option<String>,
    pub capacity: Option<i64>,
    pub note: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = training_meetings)]
pub struct TrainingMeetingRow {
    pub id: String,
    pub cohort_id: String,
    pub starts_at: i64,
    pub duration_minutes: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = training_enrolments, treat_none_as_null = true)]
pub struct TrainingEnrolmentRow {
    pub id: String,
    pub cohort_id: String,
    pub peer_id: Stored<PeerWorkerId>,
    pub enrolled_at: i64,
    pub enrolled_by: Option<Stored<UserId>>,
    pub outcome: Option<Stored<Outcome>>,
    pub outcome_at: Option<i64>,
    pub outcome_by: Option<Stored<UserId>>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = training_attendance)]
pub struct TrainingAttendanceRow {
    pub meeting_id: String,
    pub peer_id: Stored<PeerWorkerId>,
    pub present: bool,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = certificates, treat_none_as_null = true)]
pub struct CertificateRow {
    pub id: String,
    pub organisation_id: Stored<OrgId>,
    pub peer_id: Stored<PeerWorkerId>,
    pub course_id: String,
    pub kind: Stored<CourseKind>,
    pub enrolment_id: Option<String>,
    pub issued_on: Stored<Date>,
    pub expires_on: Option<Stored<Date>>,
    pub reminded_at: Option<i64>,
    pub created_at: i64,
}

// ---------------------------------------------------------------- recruitment

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = job_postings, treat_none_as_null = true)]
pub struct JobPostingRow {
    pub id: Stored<PostingId>,
    pub organisation_id: Stored<OrgId>,
    pub role_key: String,
    pub intro: String,
    pub place: String,
    pub deadline: Stored<Date>,
    pub starts_on: Stored<Date>,
    pub status: Stored<PostingStatus>,
    pub created_by: Option<Stored<UserId>>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = job_applications, treat_none_as_null = true)]
pub struct JobApplicationRow {
    pub id: Stored<ApplicationId>,
    pub organisation_id: Stored<OrgId>,
    pub posting_id: Stored<PostingId>,
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    pub language: Stored<LetterLanguage>,
    pub motivation: String,
    pub stage: Stored<Stage>,
    pub peer_id: Option<Stored<PeerWorkerId>>,
    pub decided_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl std::fmt::Debug for JobApplicationRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JobApplicationRow").field("id", &self.id).field("stage", &self.stage).finish_non_exhaustive()
    }
}

#[derive(Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = application_attachments)]
pub struct ApplicationAttachmentRow {
    pub id: Stored<AttachmentId>,
    pub application_id: Stored<ApplicationId>,
    pub file_name: String,
    pub kind: Stored<AttachmentKind>,
    pub size_bytes: i64,
    pub content: Vec<u8>,
    pub created_at: i64,
}

impl std::fmt::Debug for ApplicationAttachmentRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApplicationAttachmentRow").field("id", &self.id).field("kind", &self.kind).finish_non_exhaustive()
    }
}

/// An attachment without its content, for lists.
#[derive(Debug, Clone, Queryable)]
pub struct AttachmentMetaRow {
    pub id: Stored<AttachmentId>,
    pub application_id: Stored<ApplicationId>,
    pub file_name: String,
    pub kind: Stored<AttachmentKind>,
    pub size_bytes: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = application_stages)]
pub struct ApplicationStageRow {
    pub id: String,
    pub application_id: Stored<ApplicationId>,
    pub from_stage: Option<Stored<Stage>>,
    pub to_stage: Stored<Stage>,
    pub note: Option<String>,
    pub actor_id: Option<Stored<UserId>>,
    pub at: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = job_interviews)]
pub struct JobInterviewRow {
    pub id: Stored<InterviewId>,
    pub application_id: Stored<ApplicationId>,
    pub starts_at: i64,
    pub place: String,
    pub online: bool,
    pub created_by: Option<Stored<UserId>>,
    pub created_at: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = interview_panel)]
pub struct InterviewPanelRow {
    pub interview_id: Stored<InterviewId>,
    pub user_id: Stored<UserId>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = interview_scores, treat_none_as_null = true)]
pub struct InterviewScoreRow {
    pub interview_id: Stored<InterviewId>,
    pub user_id: Stored<UserId>,
    pub competence: String,
    pub score: i64,
    pub note: Option<String>,
    pub at: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = recruitment_settings)]
pub struct RecruitmentSettingsRow {
    pub organisation_id: Stored<OrgId>,
    pub retention_months: i64,
    pub updated_at: i64,
}

// ---- interview studies (qualitative evaluation)

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = interview_studies, treat_none_as_null = true)]
pub struct InterviewStudyRow {
    pub id: Stored<StudyId>,
    pub organisation_id: Stored<OrgId>,
    pub scope_kind: Stored<StudyScopeKind>,
    pub programme_id: Option<Stored<ProgrammeId>>,
    pub partnership_id: Option<Stored<PartnershipId>>,
    pub name: String,
    pub purpose: String,
    pub sampling: String,
    pub keep_original: bool,
    pub created_at: i64,
    pub created_by: Stored<UserId>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = interview_guide_questions)]
pub struct GuideQuestionRow {
    pub id: String,
    pub study_id: Stored<StudyId>,
    pub position: i64,
    pub text_da: String,
    pub text_en: String,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = interview_study_coders)]
pub struct StudyCoderRow {
    pub study_id: Stored<StudyId>,
    pub user_id: Stored<UserId>,
    pub added_at: i64,
    pub added_by: Stored<UserId>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = interview_study_parties)]
pub struct StudyPartyRow {
    pub study_id: Stored<StudyId>,
    pub organisation_id: Stored<OrgId>,
    pub joined: bool,
    pub decided_at: i64,
    pub decided_by: Stored<UserId>,
}

/// One interview of a study. Its transcript is pseudonymised; the original is kept only when
/// the study and the consent allow it. Debug prints neither.
#[derive(Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = study_interviews, treat_none_as_null = true)]
pub struct StudyInterviewRow {
    pub id: Stored<StudyInterviewId>,
    pub study_id: Stored<StudyId>,
    pub organisation_id: Stored<OrgId>,
    pub pseudonym: String,
    pub kind: Stored<IntervieweeKind>,
    pub participant_id: Option<Stored<ParticipantId>>,
    pub peer_worker_id: Option<Stored<PeerWorkerId>>,
    pub interviewed_on: Stored<Date>,
    pub interviewer_user_id: Stored<UserId>,
    pub consent_given_on: Stored<Date>,
    pub consent_method: Stored<InterviewConsentMethod>,
    pub consent_original: bool,
    pub consent_withdrawn_on: Option<Stored<Date>>,
    pub status: Stored<InterviewStatus>,
    pub source: Stored<TranscriptSource>,
    pub transcript: Option<String>,
    pub original: Option<String>,
    pub replaced: i64,
    pub created_at: i64,
    pub created_by: Stored<UserId>,
}

impl std::fmt::Debug for StudyInterviewRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StudyInterviewRow")
            .field("id", &self.id)
            .field("study_id", &self.study_id)
            .field("kind", &self.kind)
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = interview_segments)]
pub struct InterviewSegmentRow {
    pub id: Stored<SegmentId>,
    pub interview_id: Stored<StudyInterviewId>,
    pub position: i64,
    pub speaker: Option<String>,
    pub start_char: i64,
    pub end_char: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = interview_codes, treat_none_as_null = true)]
pub struct InterviewCodeRow {
    pub id: Stored<CodeId>,
    pub study_id: Stored<StudyId>,
    pub parent_id: Option<Stored<CodeId>>,
    pub guid: String,
    pub name: String,
    pub description: String,
    pub example: String,
    pub theme: Option<Stored<CodeTheme>>,
    pub position: i64,
    pub retired: bool,
    pub merged_into: Option<Stored<CodeId>>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = interview_code_changes)]
pub struct CodeChangeRow {
    pub id: String,
    pub study_id: Stored<StudyId>,
    pub code_id: Stored<CodeId>,
    pub kind: Stored<CodeChangeKind>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub at: i64,
    pub by_user: Stored<UserId>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = interview_codings)]
pub struct CodingRow {
    pub id: Stored<CodingId>,
    pub interview_id: Stored<StudyInterviewId>,
    pub segment_id: Stored<SegmentId>,
    pub code_id: Stored<CodeId>,
    pub kind: Stored<CodingKind>,
    pub coder_user_id: Option<Stored<UserId>>,
    pub start_char: i64,
    pub end_char: i64,
    pub memo: Option<String>,
    pub created_at: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = interview_coder_done)]
pub struct CoderDoneRow {
    pub interview_id: Stored<StudyInterviewId>,
    pub coder_user_id: Stored<UserId>,
    pub done_at: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = interview_quotes)]
pub struct QuoteRow {
    pub id: Stored<QuoteId>,
    pub study_id: Stored<StudyId>,
    pub interview_id: Stored<StudyInterviewId>,
    pub code_id: Stored<CodeId>,
    pub start_char: i64,
    pub end_char: i64,
    pub cleared_by: Stored<UserId>,
    pub cleared_at: i64,
}
