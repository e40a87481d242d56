//! The permission policy: who may do what with which data, and on what basis.
//!
//! Pure functions of the actor, the target and the agreements in force. The `app` crate
//! gathers those facts inside the same transaction as the access and records the basis
//! in the audit record.

use serde::Serialize;
use time::Date;

use crate::directory::{Agreement, DataCategory};
use crate::journey::courses::Viewer;
use crate::people::Role;
use crate::{OrgId, PartnershipId, PeerWorkerId, UserId};

/// A user's role in one organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Membership {
    pub org: OrgId,
    pub role: Role,
}

/// The authenticated user, as the policy sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user: UserId,
    pub system_admin: bool,
    pub memberships: Vec<Membership>,
    /// Peer-worker records that belong to this account.
    pub peer_worker_ids: Vec<PeerWorkerId>,
}

impl Actor {
    pub fn role_in(&self, org: OrgId) -> Option<Role> {
        self.memberships.iter().find(|m| m.org == org).map(|m| m.role)
    }
    pub fn has_role_in(&self, org: OrgId, roles: &[Role]) -> bool {
        self.role_in(org).is_some_and(|r| roles.contains(&r))
    }
    pub fn orgs(&self) -> impl Iterator<Item = OrgId> + '_ {
        self.memberships.iter().map(|m| m.org)
    }
}

/// Why an access was allowed; written into the audit record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Basis {
    OwnOrganisation(Role),
    AssignedPeer,
    /// A peer worker who facilitates the group the data belongs to.
    Facilitator,
    OwnRecord,
    Partnership(PartnershipId),
    SystemAdministration,
    /// The supervisor named by a supervision relation or session.
    Supervises,
    /// A staff member on the interview panel of the application (recruitment).
    InterviewPanel,
    /// A coder of an interview study (qualitative evaluation).
    StudyCoder,
}

impl Basis {
    pub fn describe(&self) -> String {
        match self {
            Basis::OwnOrganisation(r) => format!("own_organisation:{}", r.code()),
            Basis::AssignedPeer => "assigned_peer".into(),
            Basis::Facilitator => "facilitator".into(),
            Basis::OwnRecord => "own_record".into(),
            Basis::Partnership(p) => format!("partnership:{p}"),
            Basis::SystemAdministration => "system_administration".into(),
            Basis::Supervises => "supervises".into(),
            Basis::InterviewPanel => "interview_panel".into(),
            Basis::StudyCoder => "study_coder".into(),
        }
    }
}

/// An access the policy refused. Carries no detail: the caller answers "not found or not
/// allowed" alike so that ids of other organisations' records leak nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Denied;

pub type Decision = Result<Basis, Denied>;

const MANAGERS: &[Role] = &[Role::Administrator, Role::Coordinator];

fn own_org(actor: &Actor, org: OrgId, roles: &[Role]) -> Option<Basis> {
    actor.role_in(org).filter(|r| roles.contains(r)).map(Basis::OwnOrganisation)
}

fn via_partnership(
    actor: &Actor,
    owner: OrgId,
    category: DataCategory,
    agreements: &[(PartnershipId, Agreement)],
    today: Date,
) -> Option<Basis> {
    actor
        .memberships
        .iter()
        .filter(|m| MANAGERS.contains(&m.role))
        .find_map(|m| agreements.iter().find(|(_, a)| a.allows(category, owner, m.org, today)))
        .map(|(id, _)| Basis::Partnership(*id))
}

/// Creating and renaming organisations is the system administrator's; an organisation's
/// own administrator may change its settings.
pub fn edit_organisation(actor: &Actor, org: Option<OrgId>) -> Decision {
    if actor.system_admin {
        return Ok(Basis::SystemAdministration);
    }
    org.and_then(|o| own_org(actor, o, &[Role::Administrator])).ok_or(Denied)
}

/// An organisation's own page: its members and the system administrator.
pub fn view_organisation(actor: &Actor, org: OrgId) -> Decision {
    if actor.system_admin {
        return Ok(Basis::SystemAdministration);
    }
    actor.role_in(org).map(Basis::OwnOrganisation).ok_or(Denied)
}

/// The directory of organisation names (needed to name partners): anyone with a role
/// somewhere, and the system administrator.
pub fn list_organisations(actor: &Actor) -> Decision {
    if actor.system_admin {
        return Ok(Basis::SystemAdministration);
    }
    actor.memberships.first().map(|m| Basis::OwnOrganisation(m.role)).ok_or(Denied)
}

/// Partnerships are made by the system administrator or an administrator of a party.
pub fn edit_partnership(actor: &Actor, parties: &[OrgId]) -> Decision {
    if actor.system_admin {
        return Ok(Basis::SystemAdministration);
    }
    parties.iter().find_map(|o| own_org(actor, *o, &[Role::Administrator])).ok_or(Denied)
}

/// A partnership is seen by managers of its parties and the system administrator.
pub fn view_partnership(actor: &Actor, parties: &[OrgId]) -> Decision {
    if actor.system_admin {
        return Ok(Basis::SystemAdministration);
    }
    parties.iter().find_map(|o| own_org(actor, *o, &[Role::Administrator, Role::Coordinator, Role::Evaluator])).ok_or(Denied)
}

/// Programmes are seen by every member of the owning organisation.
pub fn view_programme(actor: &Actor, org: OrgId) -> Decision {
    if actor.system_admin {
        return Ok(Basis::SystemAdministration);
    }
    actor.role_in(org).map(Basis::OwnOrganisation).ok_or(Denied)
}

pub fn edit_programme(actor: &Actor, org: OrgId) -> Decision {
    own_org(actor, org, MANAGERS).ok_or(Denied)
}

/// Staff accounts are seen by an organisation's administrators, coordinators and supervisors,
/// and by the system administrator (who sets up each organisation's first administrator).
pub fn view_staff(actor: &Actor, org: OrgId) -> Decision {
    if actor.system_admin {
        return Ok(Basis::SystemAdministration);
    }
    own_org(actor, org, &[Role::Administrator, Role::Coordinator, Role::Supervisor]).ok_or(Denied)
}

pub fn edit_staff(actor: &Actor, org: OrgId) -> Decision {
    if actor.system_admin {
        return Ok(Basis::SystemAdministration);
    }
    own_org(actor, org, &[Role::Administrator]).ok_or(Denied)
}

/// Facts about one peer worker that the policy needs.
#[derive(Debug, Clone, Copy)]
pub struct PeerTarget {
    pub id: PeerWorkerId,
    pub org: OrgId,
}

pub fn view_peer_worker(actor: &Actor, t: PeerTarget, agreements: &[(PartnershipId, Agreement)], today: Date) -> Decision {
    if let Some(b) = own_org(actor, t.org, &[Role::Administrator, Role::Coordinator, Role::Supervisor]) {
        return Ok(b);
    }
    if actor.peer_worker_ids.contains(&t.id) {
        return Ok(Basis::OwnRecord);
    }
    via_partnership(actor, t.org, DataCategory::PeerWorkerRecord, agreements, today).ok_or(Denied)
}

/// Listing peer workers of an organisation: its managers and supervisors.
pub fn list_peer_workers(actor: &Actor, org: OrgId) -> Decision {
    own_org(actor, org, &[Role::Administrator, Role::Coordinator, Role::Supervisor]).ok_or(Denied)
}

pub fn edit_peer_worker(actor: &Actor, org: OrgId) -> Decision {
    own_org(actor, org, MANAGERS).ok_or(Denied)
}

/// Facts about one participant that the policy needs.
#[derive(Debug, Clone, Copy)]
pub struct ParticipantTarget {
    pub org: OrgId,
    pub assigned_peer: Option<PeerWorkerId>,
}

/// A participant's record: managers of the owning organisation; the peer worker assigned to
/// them; managers of a partner organisation while an agreement in force lets participant
/// records flow. Nobody else: not supervisors, referrers, evaluators or the system administrator.
pub fn view_participant(actor: &Actor, t: ParticipantTarget, agreements: &[(PartnershipId, Agreement)], today: Date) -> Decision {
    if let Some(b) = own_org(actor, t.org, MANAGERS) {
        return Ok(b);
    }
    if actor.has_role_in(t.org, &[Role::PeerWorker]) && t.assigned_peer.is_some_and(|p| actor.peer_worker_ids.contains(&p)) {
        return Ok(Basis::AssignedPeer);
    }
    via_partnership(actor, t.org, DataCategory::ParticipantRecord, agreements, today).ok_or(Denied)
}

/// Changing or deleting a participant's record stays inside the owning organisation.
/// Recording a participant's answers (together with them, or from a paper form) and their life
/// outcomes: the owning organisation's managers and the assigned peer worker. Partners never
/// write.
pub fn record_measurement(actor: &Actor, t: ParticipantTarget) -> Decision {
    if let Some(b) = own_org(actor, t.org, MANAGERS) {
        return Ok(b);
    }
    if actor.has_role_in(t.org, &[Role::PeerWorker]) && t.assigned_peer.is_some_and(|p| actor.peer_worker_ids.contains(&p)) {
        return Ok(Basis::AssignedPeer);
    }
    Err(Denied)
}

/// Evaluation reports of an organisation: aggregates with small cells suppressed, never a
/// person. Its administrators, coordinators and evaluators; and the system administrator,
/// who runs evaluations from the command line.
pub fn view_report(actor: &Actor, org: OrgId) -> Decision {
    if actor.system_admin {
        return Ok(Basis::SystemAdministration);
    }
    own_org(actor, org, &[Role::Administrator, Role::Coordinator, Role::Evaluator]).ok_or(Denied)
}

/// Whether `owner`'s outcomes may enter a report made in `viewer`: the same organisation, or
/// a partnership agreement in force that lets aggregate outcomes flow from `owner` to `viewer`.
pub fn aggregates_flow(owner: OrgId, viewer: OrgId, agreements: &[(PartnershipId, Agreement)], today: Date) -> bool {
    owner == viewer || agreements.iter().any(|(_, a)| a.allows(DataCategory::AggregateOutcomes, owner, viewer, today))
}

/// Role descriptions are the organisation's, not anyone's personal data: every member reads
/// them; its managers write them.
pub fn view_roles(actor: &Actor, org: OrgId) -> Decision {
    actor.role_in(org).map(Basis::OwnOrganisation).ok_or(Denied)
}

pub fn edit_roles(actor: &Actor, org: OrgId) -> Decision {
    own_org(actor, org, MANAGERS).ok_or(Denied)
}

/// Measurement plans, instrument text and the message outbox of an organisation: its managers.
pub fn manage_measurement(actor: &Actor, org: OrgId) -> Decision {
    own_org(actor, org, MANAGERS).ok_or(Denied)
}

pub fn edit_participant(actor: &Actor, org: OrgId) -> Decision {
    own_org(actor, org, MANAGERS).ok_or(Denied)
}

/// The workforce overview of an organisation (head count, hours, training coverage,
/// supervision compliance, turnover) and its exports: its managers.
pub fn view_workforce(actor: &Actor, org: OrgId) -> Decision {
    own_org(actor, org, MANAGERS).ok_or(Denied)
}

/// A peer worker's engagements (volunteer agreement, employment): the organisation's managers
/// and the peer themselves read them; the managers record them.
pub fn view_engagements(actor: &Actor, t: PeerTarget) -> Decision {
    if let Some(b) = own_org(actor, t.org, MANAGERS) {
        return Ok(b);
    }
    if actor.peer_worker_ids.contains(&t.id) && actor.role_in(t.org).is_some() {
        return Ok(Basis::OwnRecord);
    }
    Err(Denied)
}

pub fn edit_engagements(actor: &Actor, t: PeerTarget) -> Decision {
    own_org(actor, t.org, MANAGERS).ok_or(Denied)
}

/// Matching participants to peers, approving a proposal, changing a course's status and handing
/// it over: the organisation's administrators and coordinators.
pub fn manage_courses(actor: &Actor, org: OrgId) -> Decision {
    own_org(actor, org, MANAGERS).ok_or(Denied)
}

/// A course of support with its sessions and goals, read or worked on (sessions logged, goals
/// updated): the organisation's managers and the course's own peer worker, also after the course
/// has ended (the record of their own work). Session notes are narrowed further by audience.
pub fn work_course(actor: &Actor, org: OrgId, peer: PeerWorkerId) -> Decision {
    if let Some(b) = own_org(actor, org, MANAGERS) {
        return Ok(b);
    }
    if actor.has_role_in(org, &[Role::PeerWorker]) && actor.peer_worker_ids.contains(&peer) {
        return Ok(Basis::AssignedPeer);
    }
    Err(Denied)
}

/// Accepting or declining a match: only the peer worker it is offered to.
pub fn answer_offer(actor: &Actor, org: OrgId, peer: PeerWorkerId) -> Decision {
    if actor.has_role_in(org, &[Role::PeerWorker]) && actor.peer_worker_ids.contains(&peer) {
        return Ok(Basis::OwnRecord);
    }
    Err(Denied)
}

/// A peer worker's matching profile, and as whom the reader sees it (the disclosure preference
/// decides what a colleague sees of the peer's background). Managers match on it; supervisors
/// see it as colleagues; the peer sees their own.
pub fn view_peer_profile(actor: &Actor, t: PeerTarget) -> Result<(Basis, Viewer), Denied> {
    if let Some(b) = own_org(actor, t.org, MANAGERS) {
        return Ok((b, Viewer::Coordinator));
    }
    if actor.peer_worker_ids.contains(&t.id) && actor.role_in(t.org).is_some() {
        return Ok((Basis::OwnRecord, Viewer::Own));
    }
    if let Some(b) = own_org(actor, t.org, &[Role::Supervisor]) {
        return Ok((b, Viewer::Colleague));
    }
    Err(Denied)
}

/// Changing a peer's profile: the organisation's managers, and the peer themselves. Only the
/// peer can give or withdraw consent to storing their areas of lived experience (enforced in app).
pub fn edit_peer_profile(actor: &Actor, t: PeerTarget) -> Decision {
    if let Some(b) = own_org(actor, t.org, MANAGERS) {
        return Ok(b);
    }
    if actor.peer_worker_ids.contains(&t.id) && actor.role_in(t.org).is_some() {
        return Ok(Basis::OwnRecord);
    }
    Err(Denied)
}

/// How a participant list is narrowed for this actor in `org`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParticipantScope {
    All(Basis),
    AssignedTo(Vec<PeerWorkerId>),
}

pub fn list_participants(actor: &Actor, org: OrgId) -> Result<ParticipantScope, Denied> {
    if let Some(b) = own_org(actor, org, MANAGERS) {
        return Ok(ParticipantScope::All(b));
    }
    if actor.has_role_in(org, &[Role::PeerWorker]) {
        return Ok(ParticipantScope::AssignedTo(actor.peer_worker_ids.clone()));
    }
    Err(Denied)
}

/// Which work queues a start page shows, each with the basis its items are read on. The
/// queues follow the rules of the pages where the work is done: intake, matching and courses
/// and the workforce's supervision, training, recruitment and outbox are the managers'
/// ([`decide_referral`], [`manage_courses`], [`manage_supervision`], …); a peer worker's own
/// offers, sessions and caseload are theirs ([`answer_offer`], [`work_course`]); a supervisor
/// (with the role, or from outside with none) sees the sessions they lead and their supervisees.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WorkQueues {
    pub intake: Option<Basis>,
    pub workforce: Option<Basis>,
    pub own_work: Option<Basis>,
    pub supervision: Option<Basis>,
}

pub fn work_queues(actor: &Actor, org: Option<OrgId>) -> WorkQueues {
    let managers = org.and_then(|o| own_org(actor, o, MANAGERS));
    let peer = org.is_some_and(|o| actor.has_role_in(o, &[Role::PeerWorker])) && !actor.peer_worker_ids.is_empty();
    let external = actor.memberships.is_empty() && !actor.system_admin;
    let supervisor = org.is_some_and(|o| actor.has_role_in(o, &[Role::Supervisor])) || external;
    WorkQueues {
        intake: managers,
        workforce: managers,
        own_work: peer.then_some(Basis::OwnRecord),
        supervision: supervisor.then_some(Basis::Supervises),
    }
}

/// The audit log of an organisation: its administrators; the whole log: the system administrator.
pub fn view_audit(actor: &Actor, org: Option<OrgId>) -> Decision {
    if actor.system_admin {
        return Ok(Basis::SystemAdministration);
    }
    org.and_then(|o| own_org(actor, o, &[Role::Administrator])).ok_or(Denied)
}

// ---------------------------------------------------------------- referral and consent

/// Referring a person to organisation `target`: a referrer of `target` itself, or a referrer of
/// an organisation that a partnership agreement in force links with `target` for the data
/// category `referral_status` (what flows back to the referrer is the referral's status).
/// Coordinators and administrators record internal referrals through [`edit_participant`].
pub fn refer(actor: &Actor, target: OrgId, agreements: &[(PartnershipId, Agreement)], today: Date) -> Decision {
    if let Some(b) = own_org(actor, target, &[Role::Referrer]) {
        return Ok(b);
    }
    actor
        .memberships
        .iter()
        .filter(|m| m.role == Role::Referrer)
        .find_map(|m| agreements.iter().find(|(_, a)| a.allows(DataCategory::ReferralStatus, target, m.org, today)))
        .map(|(id, _)| Basis::Partnership(*id))
        .ok_or(Denied)
}

/// The intake decision on a referral (accept or decline), the organisation's referral inbox and
/// its waiting lists: the receiving organisation's managers.
pub fn decide_referral(actor: &Actor, org: OrgId) -> Decision {
    own_org(actor, org, MANAGERS).ok_or(Denied)
}

/// A referral: the receiving organisation's managers see all of it; the user who made it sees
/// only its derived status (`OwnRecord`).
pub fn view_referral(actor: &Actor, org: OrgId, referrer: Option<UserId>) -> Decision {
    if let Some(b) = own_org(actor, org, MANAGERS) {
        return Ok(b);
    }
    if referrer == Some(actor.user) {
        return Ok(Basis::OwnRecord);
    }
    Err(Denied)
}

/// Reading a participant's consents: the owning organisation's managers and the assigned peer.
pub fn view_consents(actor: &Actor, t: ParticipantTarget) -> Decision {
    record_measurement(actor, t)
}

/// Recording and withdrawing consent: the owning organisation's managers only.
pub fn manage_consent(actor: &Actor, t: ParticipantTarget) -> Decision {
    own_org(actor, t.org, MANAGERS).ok_or(Denied)
}

/// Creating and changing groups, their facilitators, meetings and enrolments: the owning
/// organisation's administrators and coordinators. Partners never.
pub fn manage_groups(actor: &Actor, org: OrgId) -> Decision {
    own_org(actor, org, MANAGERS).ok_or(Denied)
}

fn facilitates(actor: &Actor, org: OrgId, facilitators: &[PeerWorkerId]) -> bool {
    actor.has_role_in(org, &[Role::PeerWorker]) && facilitators.iter().any(|f| actor.peer_worker_ids.contains(f))
}

/// A group with its meetings and enrolled participants: the owning organisation's managers,
/// and a peer worker who facilitates it (who sees the participants' pseudonyms only, see
/// [`group_shows_names`]). Nobody else: not other peers, supervisors, referrers, evaluators,
/// partners or the system administrator.
pub fn view_group(actor: &Actor, org: OrgId, facilitators: &[PeerWorkerId]) -> Decision {
    if let Some(b) = own_org(actor, org, MANAGERS) {
        return Ok(b);
    }
    if facilitates(actor, org, facilitators) {
        return Ok(Basis::Facilitator);
    }
    Err(Denied)
}

/// Recording attendance and an open event's head count: the managers and the group's facilitators.
pub fn record_attendance(actor: &Actor, org: OrgId, facilitators: &[PeerWorkerId]) -> Decision {
    view_group(actor, org, facilitators)
}

/// Whether a view of a group on this basis shows participants' names (managers) or only their
/// pseudonyms (facilitators).
pub fn group_shows_names(basis: Basis) -> bool {
    matches!(basis, Basis::OwnOrganisation(Role::Administrator | Role::Coordinator))
}

/// How the list of groups is narrowed for this actor in `org`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupScope {
    All(Basis),
    FacilitatedBy(Vec<PeerWorkerId>),
}

pub fn list_groups(actor: &Actor, org: OrgId) -> Result<GroupScope, Denied> {
    if let Some(b) = own_org(actor, org, MANAGERS) {
        return Ok(GroupScope::All(b));
    }
    if actor.has_role_in(org, &[Role::PeerWorker]) {
        return Ok(GroupScope::FacilitatedBy(actor.peer_worker_ids.clone()));
    }
    Err(Denied)
}

// ---- onboarding and training

/// The training catalogue (courses and cohorts, not personal data): every member.
pub fn view_training_catalogue(actor: &Actor, org: OrgId) -> Decision {
    actor.role_in(org).map(Basis::OwnOrganisation).ok_or(Denied)
}

/// The catalogue, cohorts (enrolment, attendance, completion), onboarding templates and
/// onboardings: the organisation's managers.
pub fn manage_training(actor: &Actor, org: OrgId) -> Decision {
    own_org(actor, org, MANAGERS).ok_or(Denied)
}

/// A peer worker's training record and onboarding: the organisation's managers, and the peer
/// worker themself (read only).
pub fn view_training(actor: &Actor, t: PeerTarget) -> Decision {
    if let Some(b) = own_org(actor, t.org, MANAGERS) {
        return Ok(b);
    }
    if actor.peer_worker_ids.contains(&t.id) && actor.role_in(t.org).is_some() {
        return Ok(Basis::OwnRecord);
    }
    Err(Denied)
}

// ---------------------------------------------------------------- recruitment

/// Postings, applications, the pipeline, interviews and decisions: the organisation's managers.
pub fn manage_recruitment(actor: &Actor, org: OrgId) -> Decision {
    own_org(actor, org, MANAGERS).ok_or(Denied)
}

/// An application: the managers of the posting's organisation, and a staff member of it who
/// sits on one of the application's interview panels.
pub fn view_application(actor: &Actor, org: OrgId, on_panel: bool) -> Decision {
    if let Some(b) = own_org(actor, org, MANAGERS) {
        return Ok(b);
    }
    if on_panel && actor.role_in(org).is_some() {
        return Ok(Basis::InterviewPanel);
    }
    Err(Denied)
}

/// Scoring an interview: only the members of its panel (still staff of the organisation).
pub fn score_interview(actor: &Actor, org: OrgId, on_panel: bool) -> Decision {
    if on_panel && actor.role_in(org).is_some() {
        return Ok(Basis::InterviewPanel);
    }
    Err(Denied)
}

/// How long applicants' data is kept: the organisation's administrator.
pub fn edit_recruitment_settings(actor: &Actor, org: OrgId) -> Decision {
    own_org(actor, org, &[Role::Administrator]).ok_or(Denied)
}

/// Roles in descending order of reach, for tests and for choosing a default organisation.
pub const ROLES_BY_REACH: &[Role] =
    &[Role::Administrator, Role::Coordinator, Role::Supervisor, Role::PeerWorker, Role::Referrer, Role::Evaluator];

// ---------------------------------------------------------------- supervision and wellbeing

/// Supervision relations, requirements, planning sessions and the overview of who is overdue:
/// the organisation's managers.
pub fn manage_supervision(actor: &Actor, org: OrgId) -> Decision {
    own_org(actor, org, MANAGERS).ok_or(Denied)
}

/// Facts about one supervision session that the policy needs.
#[derive(Debug, Clone)]
pub struct SupervisionTarget<'a> {
    pub org: OrgId,
    pub professional: bool,
    pub supervisor: UserId,
    pub invited: &'a [PeerWorkerId],
    pub attended: &'a [PeerWorkerId],
}

/// Who sees what of a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SupervisionAccess {
    pub basis: Basis,
    /// Whether the reader sees the note.
    pub note: bool,
    /// Whether the reader may record status, attendance, topics (and the note, when `note`).
    pub record: bool,
}

/// A supervision session: the supervisor who leads it (also an external one without a role in
/// the organisation), the organisation's managers and the supervisees invited. A professional
/// session's note is confidential between the supervisor and the supervisees who attended: never
/// the managers'. A managerial session's note is the managers', the supervisor's and the
/// supervisees'.
pub fn view_supervision_session(actor: &Actor, t: &SupervisionTarget<'_>) -> Result<SupervisionAccess, Denied> {
    if actor.user == t.supervisor {
        return Ok(SupervisionAccess { basis: Basis::Supervises, note: true, record: true });
    }
    if let Some(b) = own_org(actor, t.org, MANAGERS) {
        return Ok(SupervisionAccess { basis: b, note: !t.professional, record: true });
    }
    if actor.role_in(t.org).is_some() && t.invited.iter().any(|p| actor.peer_worker_ids.contains(p)) {
        let attended = t.attended.iter().any(|p| actor.peer_worker_ids.contains(p));
        return Ok(SupervisionAccess { basis: Basis::OwnRecord, note: !t.professional || attended, record: false });
    }
    Err(Denied)
}

/// Facts about one wellbeing check-in that the policy needs.
#[derive(Debug, Clone)]
pub struct CheckInTarget<'a> {
    pub peer: PeerWorkerId,
    pub shared: bool,
    /// The peer's professional supervisors now.
    pub supervisors: &'a [UserId],
}

/// A wellbeing check-in is private to the peer: nobody else sees it (not managers, not the
/// system administrator), except the peer's professional supervisor for a check-in the peer has
/// shared.
pub fn view_check_in(actor: &Actor, t: &CheckInTarget<'_>) -> Decision {
    if actor.peer_worker_ids.contains(&t.peer) {
        return Ok(Basis::OwnRecord);
    }
    if t.shared && t.supervisors.contains(&actor.user) {
        return Ok(Basis::Supervises);
    }
    Err(Denied)
}

/// Answering, sharing and unsharing a check-in: the peer alone.
pub fn answer_check_in(actor: &Actor, peer: PeerWorkerId) -> Decision {
    if actor.peer_worker_ids.contains(&peer) { Ok(Basis::OwnRecord) } else { Err(Denied) }
}

/// Wellbeing aggregates (small groups suppressed): the organisation's managers.
pub fn view_wellbeing_aggregates(actor: &Actor, org: OrgId) -> Decision {
    own_org(actor, org, MANAGERS).ok_or(Denied)
}

// ---------------------------------------------------------------- interview studies

/// Facts about one interview study that the policy needs.
#[derive(Debug, Clone, Copy)]
pub struct StudyTarget<'a> {
    /// The organisation that owns the study.
    pub owner: OrgId,
    /// The study's coders.
    pub coders: &'a [UserId],
    /// The parties of a partnership study that have joined (besides the owner).
    pub joined: &'a [OrgId],
}

impl StudyTarget<'_> {
    /// Whether `org` takes part: the owner or a party that joined.
    pub fn takes_part(&self, org: OrgId) -> bool {
        org == self.owner || self.joined.contains(&org)
    }
}

const STUDY_MANAGERS: &[Role] = &[Role::Administrator, Role::Evaluator];
const STUDY_READERS: &[Role] = &[Role::Administrator, Role::Coordinator, Role::Evaluator];

/// Creating an interview study of `org`: its administrators and evaluators.
pub fn create_study(actor: &Actor, org: OrgId) -> Decision {
    own_org(actor, org, STUDY_MANAGERS).ok_or(Denied)
}

/// Editing a study, its guide, coders and codebook, and clearing quotes: the administrators and
/// evaluators of the owning organisation.
pub fn manage_study(actor: &Actor, t: &StudyTarget<'_>) -> Decision {
    own_org(actor, t.owner, STUDY_MANAGERS).ok_or(Denied)
}

/// Whether a user with roles in `orgs` may be a coder of the study: a member (any role) of the
/// owning organisation or of a party that joined.
pub fn may_be_coder(orgs: &[OrgId], t: &StudyTarget<'_>) -> bool {
    orgs.iter().any(|o| t.takes_part(*o))
}

fn study_coder(actor: &Actor, t: &StudyTarget<'_>) -> Option<Basis> {
    (t.coders.contains(&actor.user) && may_be_coder(&actor.orgs().collect::<Vec<_>>(), t)).then_some(Basis::StudyCoder)
}

/// Whether the actor codes this study (a coder still a member of a taking-part organisation).
pub fn is_study_coder(actor: &Actor, t: &StudyTarget<'_>) -> bool {
    study_coder(actor, t).is_some()
}

/// A study and its analysis (matrix, agreement, pseudonymised quotes, CHIME profile, who was
/// interviewed), never a transcript: the study's managers, its coders, and administrators,
/// coordinators and evaluators of the owning organisation and of the parties that joined.
pub fn view_study(actor: &Actor, t: &StudyTarget<'_>) -> Decision {
    if let Some(b) = own_org(actor, t.owner, STUDY_READERS) {
        return Ok(b);
    }
    if let Some(b) = study_coder(actor, t) {
        return Ok(b);
    }
    t.joined.iter().find_map(|o| own_org(actor, *o, STUDY_READERS)).ok_or(Denied)
}

/// Changing a study's codebook (adding, renaming, merging, retiring codes): its managers, and
/// its coders, who add the codes they find while coding.
pub fn edit_codebook(actor: &Actor, t: &StudyTarget<'_>) -> Decision {
    if let Some(b) = own_org(actor, t.owner, STUDY_MANAGERS) {
        return Ok(b);
    }
    study_coder(actor, t).ok_or(Denied)
}

/// Coding a study's interviews (one's own codings, marking an interview done): its coders.
pub fn code_study(actor: &Actor, t: &StudyTarget<'_>) -> Decision {
    study_coder(actor, t).ok_or(Denied)
}

/// Reading an interview's transcript: the study's coders and the administrators of the
/// organisation whose interview it is. Never an evaluator or coordinator as such.
pub fn view_transcript(actor: &Actor, t: &StudyTarget<'_>, interview_org: OrgId) -> Decision {
    if let Some(b) = study_coder(actor, t) {
        return Ok(b);
    }
    own_org(actor, interview_org, &[Role::Administrator]).ok_or(Denied)
}

/// Recording an interview of `interview_org` (and withdrawing its consent): the study's
/// coders and that organisation's administrators, while the organisation takes part.
pub fn record_interview(actor: &Actor, t: &StudyTarget<'_>, interview_org: OrgId) -> Decision {
    if !t.takes_part(interview_org) {
        return Err(Denied);
    }
    view_transcript(actor, t, interview_org)
}

/// Settling the consensus coding: a coder of the study or an administrator of the owner.
pub fn settle_consensus(actor: &Actor, t: &StudyTarget<'_>) -> Decision {
    if let Some(b) = study_coder(actor, t) {
        return Ok(b);
    }
    own_org(actor, t.owner, &[Role::Administrator]).ok_or(Denied)
}

/// Whether a reader sees which person an interview is of (not only its pseudonym and kind):
/// administrators of the interview's organisation.
pub fn sees_interviewee(actor: &Actor, interview_org: OrgId) -> bool {
    actor.has_role_in(interview_org, &[Role::Administrator])
}

/// Deciding whether a party's interviews join a partnership study: that party's administrator.
pub fn decide_study_party(actor: &Actor, party: OrgId, parties: &[OrgId]) -> Decision {
    if !parties.contains(&party) {
        return Err(Denied);
    }
    own_org(actor, party, &[Role::Administrator]).ok_or(Denied)
}

/// Whether interviews of `party` may be added to a study of `owner` under `partnership`: the
/// owner's own always; another party's only while an agreement of that partnership in force
/// lets pseudonymised outcomes flow from the party to the owner (transcripts are pseudonymised
/// on entry).
pub fn interviews_may_join(
    owner: OrgId,
    party: OrgId,
    partnership: Option<PartnershipId>,
    agreements: &[(PartnershipId, Agreement)],
    today: Date,
) -> bool {
    party == owner
        || partnership.is_some_and(|p| {
            agreements.iter().any(|(id, a)| *id == p && a.allows(DataCategory::PseudonymisedOutcomes, party, owner, today))
        })
}

#[cfg(test)]
mod interview_study_tests {
    use super::*;
    use crate::ids::uuid_v7;
    use time::macros::date;

    fn org(n: u8) -> OrgId {
        OrgId::from_uuid(uuid_v7(u64::from(n), [n; 10]))
    }
    fn user(n: u8) -> UserId {
        UserId::from_uuid(uuid_v7(u64::from(n) + 100, [n; 10]))
    }
    fn actor(u: u8, memberships: &[(OrgId, Role)]) -> Actor {
        Actor {
            user: user(u),
            system_admin: false,
            memberships: memberships.iter().map(|(org, role)| Membership { org: *org, role: *role }).collect(),
            peer_worker_ids: vec![],
        }
    }

    #[test]
    fn creating_and_managing_a_study() {
        let a = org(1);
        for role in ROLES_BY_REACH {
            let allowed = matches!(role, Role::Administrator | Role::Evaluator);
            assert_eq!(create_study(&actor(1, &[(a, *role)]), a).is_ok(), allowed, "{role}");
            let t = StudyTarget { owner: a, coders: &[], joined: &[] };
            assert_eq!(manage_study(&actor(1, &[(a, *role)]), &t).is_ok(), allowed, "{role}");
            assert!(create_study(&actor(1, &[(org(2), *role)]), a).is_err(), "other org {role}");
        }
        let sys = Actor { system_admin: true, ..actor(1, &[]) };
        assert!(create_study(&sys, a).is_err(), "the system administrator reads no interviews");
    }

    #[test]
    fn transcripts_are_for_coders_and_administrators_only() {
        let (a, b) = (org(1), org(2));
        let coders = [user(7)];
        let t = StudyTarget { owner: a, coders: &coders, joined: &[] };
        for role in ROLES_BY_REACH {
            let r = view_transcript(&actor(1, &[(a, *role)]), &t, a);
            assert_eq!(r.is_ok(), *role == Role::Administrator, "{role}");
        }
        // The evaluator reads the analysis, not the transcript.
        let ev = actor(1, &[(a, Role::Evaluator)]);
        assert!(view_study(&ev, &t).is_ok());
        assert!(view_transcript(&ev, &t, a).is_err());
        // A coder who is a peer worker of the owner codes and reads.
        let coder = actor(7, &[(a, Role::PeerWorker)]);
        assert_eq!(view_transcript(&coder, &t, a), Ok(Basis::StudyCoder));
        assert_eq!(code_study(&coder, &t), Ok(Basis::StudyCoder));
        assert_eq!(view_study(&coder, &t), Ok(Basis::StudyCoder));
        assert!(settle_consensus(&coder, &t).is_ok());
        assert!(edit_codebook(&coder, &t).is_ok());
        assert!(edit_codebook(&actor(1, &[(a, Role::Coordinator)]), &t).is_err());
        // A coder who has left every taking-part organisation no longer codes.
        let gone = actor(7, &[(b, Role::Administrator)]);
        assert!(code_study(&gone, &t).is_err());
        assert!(view_transcript(&gone, &t, a).is_err());
        assert!(view_study(&gone, &t).is_err());
        // Another organisation's administrator sees nothing.
        assert!(view_study(&actor(2, &[(b, Role::Administrator)]), &t).is_err());
        assert!(!sees_interviewee(&coder, a));
        assert!(sees_interviewee(&actor(1, &[(a, Role::Administrator)]), a));
    }

    #[test]
    fn partnership_parties_take_part_only_when_joined_and_agreed() {
        let (a, b, c) = (org(1), org(2), org(3));
        let p = PartnershipId::from_uuid(uuid_v7(30, [3; 10]));
        let today = date!(2026 - 06 - 01);
        let ag = Agreement {
            parties: vec![a, b, c],
            categories: vec![DataCategory::PseudonymisedOutcomes],
            valid_from: date!(2026 - 01 - 01),
            valid_to: None,
        };
        let agreements = [(p, ag.clone())];
        assert!(interviews_may_join(a, a, Some(p), &[], today));
        assert!(interviews_may_join(a, b, Some(p), &agreements, today));
        assert!(!interviews_may_join(a, b, None, &agreements, today));
        assert!(!interviews_may_join(a, b, Some(p), &[], today));
        let aggregate_only = Agreement { categories: vec![DataCategory::AggregateOutcomes], ..ag.clone() };
        assert!(!interviews_may_join(a, b, Some(p), &[(p, aggregate_only)], today));
        let ended = Agreement { valid_to: Some(date!(2026 - 05 - 01)), ..ag };
        assert!(!interviews_may_join(a, b, Some(p), &[(p, ended)], today));

        let joined = [b];
        let t = StudyTarget { owner: a, coders: &[], joined: &joined };
        let coord_b = actor(2, &[(b, Role::Coordinator)]);
        assert!(view_study(&coord_b, &t).is_ok());
        assert!(view_study(&actor(3, &[(c, Role::Administrator)]), &t).is_err(), "not joined");
        assert!(record_interview(&actor(2, &[(b, Role::Administrator)]), &t, b).is_ok());
        assert!(record_interview(&actor(3, &[(c, Role::Administrator)]), &t, c).is_err());
        assert!(may_be_coder(&[b], &t) && !may_be_coder(&[c], &t));
        assert!(decide_study_party(&actor(3, &[(c, Role::Administrator)]), c, &[a, b, c]).is_ok());
        assert!(decide_study_party(&actor(3, &[(c, Role::Coordinator)]), c, &[a, b, c]).is_err());
        assert!(decide_study_party(&actor(3, &[(c, Role::Administrator)]), c, &[a, b]).is_err());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::uuid_v7;
    use time::macros::date;

    fn id(n: u8) -> uuid::Uuid {
        uuid_v7(u64::from(n), [n; 10])
    }
    fn actor(org: OrgId, role: Role) -> Actor {
        Actor { user: UserId::from_uuid(id(50)), system_admin: false, memberships: vec![Membership { org, role }], peer_worker_ids: vec![] }
    }

    #[test]
    fn participant_visibility_matrix() {
        let (a, b) = (OrgId::from_uuid(id(1)), OrgId::from_uuid(id(2)));
        let peer = PeerWorkerId::from_uuid(id(9));
        let t = ParticipantTarget { org: a, assigned_peer: Some(peer) };
        let today = date!(2026 - 06 - 01);
        for role in ROLES_BY_REACH {
            let allowed = view_participant(&actor(a, *role), t, &[], today).is_ok();
            assert_eq!(allowed, MANAGERS.contains(role), "{role}");
            assert!(view_participant(&actor(b, *role), t, &[], today).is_err(), "other org {role}");
        }
        let mut pw = actor(a, Role::PeerWorker);
        pw.peer_worker_ids.push(peer);
        assert_eq!(view_participant(&pw, t, &[], today), Ok(Basis::AssignedPeer));
        let unassigned = ParticipantTarget { org: a, assigned_peer: None };
        assert!(view_participant(&pw, unassigned, &[], today).is_err());
        let sys = Actor { system_admin: true, memberships: vec![], ..actor(a, Role::Evaluator) };
        assert!(view_participant(&sys, t, &[], today).is_err(), "system admin never reads participants");
    }

    #[test]
    fn partnership_opens_only_what_it_lists() {
        let (a, b) = (OrgId::from_uuid(id(1)), OrgId::from_uuid(id(2)));
        let p = PartnershipId::from_uuid(id(3));
        let t = ParticipantTarget { org: a, assigned_peer: None };
        let today = date!(2026 - 06 - 01);
        let ag = Agreement {
            parties: vec![a, b],
            categories: vec![DataCategory::ParticipantRecord],
            valid_from: date!(2026 - 01 - 01),
            valid_to: None,
        };
        let agreements = [(p, ag)];
        assert_eq!(view_participant(&actor(b, Role::Coordinator), t, &agreements, today), Ok(Basis::Partnership(p)));
        assert!(view_participant(&actor(b, Role::PeerWorker), t, &agreements, today).is_err());
        assert!(edit_participant(&actor(b, Role::Coordinator), a).is_err(), "partners read, never write");
        let pt = PeerTarget { id: PeerWorkerId::from_uuid(id(8)), org: a };
        assert!(view_peer_worker(&actor(b, Role::Coordinator), pt, &agreements, today).is_err());
    }

    #[test]
    fn measurements_are_recorded_by_managers_and_the_assigned_peer_only() {
        let (a, b) = (OrgId::from_uuid(id(1)), OrgId::from_uuid(id(2)));
        let peer = PeerWorkerId::from_uuid(id(9));
        let t = ParticipantTarget { org: a, assigned_peer: Some(peer) };
        assert_eq!(record_measurement(&actor(a, Role::Coordinator), t), Ok(Basis::OwnOrganisation(Role::Coordinator)));
        let mut assigned = actor(a, Role::PeerWorker);
        assigned.peer_worker_ids.push(peer);
        assert_eq!(record_measurement(&assigned, t), Ok(Basis::AssignedPeer));
        assert!(record_measurement(&actor(a, Role::PeerWorker), t).is_err(), "another peer");
        for role in [Role::Supervisor, Role::Referrer, Role::Evaluator] {
            assert!(record_measurement(&actor(a, role), t).is_err(), "{role:?}");
        }
        assert!(record_measurement(&actor(b, Role::Coordinator), t).is_err(), "partners never write");
        assert!(manage_measurement(&actor(a, Role::Administrator), a).is_ok());
        assert!(manage_measurement(&actor(a, Role::PeerWorker), a).is_err());
        assert!(manage_measurement(&actor(b, Role::Coordinator), a).is_err());
    }

    #[test]
    fn courses_are_worked_by_managers_and_their_own_peer() {
        let (a, b) = (OrgId::from_uuid(id(1)), OrgId::from_uuid(id(2)));
        let peer = PeerWorkerId::from_uuid(id(9));
        let mut own = actor(a, Role::PeerWorker);
        own.peer_worker_ids.push(peer);
        assert_eq!(work_course(&own, a, peer), Ok(Basis::AssignedPeer));
        assert_eq!(answer_offer(&own, a, peer), Ok(Basis::OwnRecord));
        assert!(work_course(&actor(a, Role::Coordinator), a, peer).is_ok());
        assert!(answer_offer(&actor(a, Role::Coordinator), a, peer).is_err(), "only the peer answers an offer");
        for role in [Role::PeerWorker, Role::Supervisor, Role::Referrer, Role::Evaluator] {
            assert!(work_course(&actor(a, role), a, peer).is_err(), "{role:?}");
        }
        assert!(work_course(&actor(b, Role::Coordinator), a, peer).is_err(), "partners never");
        assert!(manage_courses(&actor(a, Role::Coordinator), a).is_ok());
        assert!(manage_courses(&own, a).is_err());
    }

    #[test]
    fn a_peer_profile_is_seen_as_coordinator_colleague_or_own() {
        let a = OrgId::from_uuid(id(1));
        let peer = PeerWorkerId::from_uuid(id(9));
        let t = PeerTarget { id: peer, org: a };
        assert_eq!(view_peer_profile(&actor(a, Role::Coordinator), t).map(|v| v.1), Ok(Viewer::Coordinator));
        assert_eq!(view_peer_profile(&actor(a, Role::Supervisor), t).map(|v| v.1), Ok(Viewer::Colleague));
        let mut own = actor(a, Role::PeerWorker);
        own.peer_worker_ids.push(peer);
        assert_eq!(view_peer_profile(&own, t).map(|v| v.1), Ok(Viewer::Own));
        for role in [Role::PeerWorker, Role::Referrer, Role::Evaluator] {
            assert!(view_peer_profile(&actor(a, role), t).is_err(), "{role:?}");
        }
        assert!(edit_peer_profile(&own, t).is_ok());
        assert!(edit_peer_profile(&actor(a, Role::Supervisor), t).is_err());
    }

    #[test]
    fn referrals_need_an_agreement_that_lists_referral_status() {
        let (a, b, c) = (OrgId::from_uuid(id(1)), OrgId::from_uuid(id(2)), OrgId::from_uuid(id(4)));
        let p = PartnershipId::from_uuid(id(3));
        let today = date!(2026 - 06 - 01);
        let ag = |cats: Vec<DataCategory>, to| Agreement {
            parties: vec![a, b],
            categories: cats,
            valid_from: date!(2026 - 01 - 01),
            valid_to: to,
        };
        let with = [(p, ag(vec![DataCategory::ReferralStatus], None))];
        let without = [(p, ag(vec![DataCategory::ParticipantRecord], None))];
        let ended = [(p, ag(vec![DataCategory::ReferralStatus], Some(date!(2026 - 05 - 01))))];
        assert_eq!(refer(&actor(b, Role::Referrer), a, &with, today), Ok(Basis::Partnership(p)));
        assert!(refer(&actor(b, Role::Referrer), a, &without, today).is_err(), "the category must be listed");
        assert!(refer(&actor(b, Role::Referrer), a, &ended, today).is_err(), "the agreement must be in force");
        assert!(refer(&actor(c, Role::Referrer), a, &with, today).is_err(), "not a party");
        assert!(refer(&actor(b, Role::Coordinator), a, &with, today).is_err(), "partners' managers do not refer");
        assert_eq!(refer(&actor(a, Role::Referrer), a, &[], today), Ok(Basis::OwnOrganisation(Role::Referrer)));
        assert!(refer(&actor(a, Role::PeerWorker), a, &[], today).is_err());
    }

    #[test]
    fn referrals_and_consents_are_seen_by_those_named() {
        let (a, b) = (OrgId::from_uuid(id(1)), OrgId::from_uuid(id(2)));
        let referrer = actor(b, Role::Referrer);
        assert_eq!(view_referral(&referrer, a, Some(referrer.user)), Ok(Basis::OwnRecord));
        assert!(view_referral(&referrer, a, None).is_err());
        assert!(view_referral(&actor(a, Role::Coordinator), a, None).is_ok());
        assert!(view_referral(&actor(a, Role::PeerWorker), a, None).is_err());
        assert!(decide_referral(&actor(a, Role::Administrator), a).is_ok());
        assert!(decide_referral(&actor(a, Role::Referrer), a).is_err());
        let peer = PeerWorkerId::from_uuid(id(9));
        let t = ParticipantTarget { org: a, assigned_peer: Some(peer) };
        let mut pw = actor(a, Role::PeerWorker);
        pw.peer_worker_ids.push(peer);
        assert_eq!(view_consents(&pw, t), Ok(Basis::AssignedPeer));
        assert!(manage_consent(&pw, t).is_err(), "the peer reads, never records");
        assert!(manage_consent(&actor(a, Role::Coordinator), t).is_ok());
        assert!(manage_consent(&actor(b, Role::Coordinator), t).is_err());
    }

    #[test]
    fn groups_are_for_managers_and_their_facilitators_only() {
        let (a, b) = (OrgId::from_uuid(id(1)), OrgId::from_uuid(id(2)));
        let peer = PeerWorkerId::from_uuid(id(9));
        let facilitators = [peer];
        for role in ROLES_BY_REACH {
            let allowed = view_group(&actor(a, *role), a, &facilitators).is_ok();
            assert_eq!(allowed, MANAGERS.contains(role), "{role}");
            assert_eq!(manage_groups(&actor(a, *role), a).is_ok(), MANAGERS.contains(role), "{role}");
            assert!(view_group(&actor(b, *role), a, &facilitators).is_err(), "other org {role}");
            assert!(manage_groups(&actor(b, *role), a).is_err(), "other org {role}");
        }
        let mut facilitator = actor(a, Role::PeerWorker);
        facilitator.peer_worker_ids.push(peer);
        assert_eq!(view_group(&facilitator, a, &facilitators), Ok(Basis::Facilitator));
        assert_eq!(record_attendance(&facilitator, a, &facilitators), Ok(Basis::Facilitator));
        assert!(manage_groups(&facilitator, a).is_err(), "facilitators record, they do not manage");
        assert!(view_group(&facilitator, a, &[]).is_err(), "a group the peer does not facilitate");
        assert!(!group_shows_names(Basis::Facilitator), "facilitators see pseudonyms only");
        assert!(group_shows_names(Basis::OwnOrganisation(Role::Coordinator)));
        let mut sys = actor(a, Role::Evaluator);
        sys.system_admin = true;
        sys.memberships.clear();
        assert!(view_group(&sys, a, &facilitators).is_err(), "the system administrator never reads groups");
        assert_eq!(list_groups(&facilitator, a), Ok(GroupScope::FacilitatedBy(vec![peer])));
        assert!(list_groups(&actor(a, Role::Supervisor), a).is_err());
        assert!(list_groups(&actor(b, Role::Coordinator), a).is_err());
    }

    #[test]
    #[allow(clippy::unwrap_used)]
    fn professional_notes_are_the_supervisors_and_attending_supervisees_only() {
        let a = OrgId::from_uuid(id(1));
        let (peer, other_peer) = (PeerWorkerId::from_uuid(id(9)), PeerWorkerId::from_uuid(id(10)));
        let external = Actor { user: UserId::from_uuid(id(60)), system_admin: false, memberships: vec![], peer_worker_ids: vec![] };
        let invited = [peer, other_peer];
        let t = SupervisionTarget { org: a, professional: true, supervisor: external.user, invited: &invited, attended: &[peer] };
        assert_eq!(view_supervision_session(&external, &t).map(|x| (x.basis, x.note)), Ok((Basis::Supervises, true)));
        for role in [Role::Administrator, Role::Coordinator] {
            let m = view_supervision_session(&actor(a, role), &t).unwrap();
            assert!(!m.note && m.record, "{role}: a manager sees that it took place, never the note");
        }
        let mut attended = actor(a, Role::PeerWorker);
        attended.peer_worker_ids.push(peer);
        assert!(view_supervision_session(&attended, &t).unwrap().note);
        let mut absent = actor(a, Role::PeerWorker);
        absent.peer_worker_ids.push(other_peer);
        assert!(!view_supervision_session(&absent, &t).unwrap().note, "invited, did not attend");
        for role in [Role::Supervisor, Role::PeerWorker, Role::Referrer, Role::Evaluator] {
            assert!(view_supervision_session(&actor(a, role), &t).is_err(), "{role}");
        }
        let managerial = SupervisionTarget { professional: false, ..t.clone() };
        assert!(view_supervision_session(&actor(a, Role::Coordinator), &managerial).unwrap().note);
    }

    #[test]
    fn check_ins_are_private_unless_shared_with_the_supervisor() {
        let a = OrgId::from_uuid(id(1));
        let peer = PeerWorkerId::from_uuid(id(9));
        let sup = actor(a, Role::Supervisor);
        let sups = [sup.user];
        let private = CheckInTarget { peer, shared: false, supervisors: &sups };
        let shared = CheckInTarget { shared: true, ..private.clone() };
        let mut own = actor(a, Role::PeerWorker);
        own.peer_worker_ids.push(peer);
        assert_eq!(view_check_in(&own, &private), Ok(Basis::OwnRecord));
        assert!(view_check_in(&sup, &private).is_err());
        assert_eq!(view_check_in(&sup, &shared), Ok(Basis::Supervises));
        for role in ROLES_BY_REACH {
            let other = Actor { user: UserId::from_uuid(id(77)), ..actor(a, *role) };
            assert!(view_check_in(&other, &shared).is_err(), "{role}");
        }
        assert!(answer_check_in(&sup, peer).is_err());
        assert!(view_wellbeing_aggregates(&actor(a, Role::Coordinator), a).is_ok());
        assert!(view_wellbeing_aggregates(&actor(a, Role::Supervisor), a).is_err());
    }
}
