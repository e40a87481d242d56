//! The start page's work queues: what is waiting for the signed-in user in the organisation
//! they work in now, by role, each item pointing at the record where the work is done.
//!
//! - Coordinators (and administrators): referrals waiting for intake, the waiting lists'
//!   longest waits and who lacks consent to peer support, offers the peers have not answered,
//!   courses with no session held for [`QUIET_WEEKS`] weeks, consents and agreements that run
//!   out within [`EXPIRY_DAYS`] days, follow-up answers overdue per programme.
//! - Administrators (and coordinators): certificates running out within
//!   [`CERTIFICATE_DAYS`] days, peers overdue with supervision, postings with applications
//!   waiting, failed messages of the outbox.
//! - Peer workers: offers to answer, today's and tomorrow's sessions and group meetings,
//!   sessions that have ended and are not logged, questionnaires due within
//!   [`QUESTIONNAIRE_DAYS`] days, their own supervision due within [`SUPERVISION_SOON_DAYS`]
//!   days; then their caseload.
//! - Supervisors: per supervisee, supervision due soon or overdue; sessions they lead still to
//!   be recorded or without a note.
//!
//! Each queue is read by one store function, a fixed number of queries whatever its length.
//! The queues are decided by [`policy::work_queues`]; each queue that shows people is audited
//! as one search of that kind of record, in the same transaction as the read.

use std::collections::BTreeMap;

use sammen_domain::audit::AuditAction;
use sammen_domain::ids::{
    CourseId, MeetingId, OrgId, ParticipantId, PartnershipId, PeerWorkerId, PostingId, ProgrammeId, ReferralId, UserId,
};
use sammen_domain::journey::courses::ConsentPurpose;
use sammen_domain::people::Role;
use sammen_domain::policy::{self, Basis};
use sammen_domain::time::{Timestamp, Zone};
use sammen_domain::workforce::supervision::{SupervisionKind, compliance, strictest};
use sammen_store::journey::queues::{self as jq, CourseScope};
use sammen_store::workforce::queues::{self as wq, SupervisionFacts, SupervisionScope};
use sammen_store::{DbConnection, StoreError, directory::queues as dq, journey::courses as ss, measurement::queues as mq};
use time::{Date, Duration};

use crate::zone::zone_of;
use crate::{App, AppResult, Ctx};

/// A course with no session held for this many weeks shows as quiet (a constant for every
/// organisation: three weeks is longer than the usual fortnightly rhythm, short enough to act).
pub const QUIET_WEEKS: i64 = 3;
/// Consents and partnership agreements show this many days before they run out.
pub const EXPIRY_DAYS: i64 = 30;
/// Certificates show this many days before they run out (time to book a refresher course).
pub const CERTIFICATE_DAYS: i64 = 60;
/// Questionnaires due within this many days show to the peer (the next meeting is usually within a week).
pub const QUESTIONNAIRE_DAYS: i64 = 7;
/// Supervision due within this many days shows before it is overdue.
pub const SUPERVISION_SOON_DAYS: i64 = 14;
/// Items shown per queue; the rest is counted.
pub const SHOWN: usize = 8;

/// Where an item's work is done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Referral(ReferralId),
    WaitingList(ProgrammeId),
    Participant(ParticipantId),
    Consents(ParticipantId),
    Course(CourseId),
    /// The form that logs a course's session as held or cancelled.
    CourseLog(CourseId),
    GroupMeeting(MeetingId),
    Measurements(ParticipantId),
    Partnership(PartnershipId),
    /// The follow-up completeness of a programme.
    FollowUp(ProgrammeId),
    PeerSupervision(PeerWorkerId),
    /// The supervision page, where a supervisor sees their supervisees and plans with them.
    Supervision,
    SupervisionSession(String),
    PeerTraining(PeerWorkerId),
    Posting(PostingId),
    Outbox,
    /// The peer's own caseload page.
    Caseload,
}

/// The time an item is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Waiting since.
    Since(Timestamp),
    /// Happens (or happened) at.
    At(Timestamp),
    /// Due or running out on.
    On(Date),
    /// Was due on, and is overdue.
    Overdue(Date),
}

/// One thing to do.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub target: Target,
    /// Who or what: a name (pseudonym where the reader sees no name), a programme, a posting.
    pub title: String,
    /// Plain context: the referring organisation, the peer, the programme.
    pub note: Option<String>,
    /// A code for the page to translate: (prefix, code), e.g. ("purpose", "support").
    pub code: Option<(&'static str, &'static str)>,
    pub when: Option<When>,
    /// How many things the item stands for (answers overdue, applications waiting).
    pub count: Option<i64>,
}

impl Item {
    fn new(target: Target, title: String) -> Self {
        Self { target, title, note: None, code: None, when: None, count: None }
    }
    fn note(mut self, note: Option<String>) -> Self {
        self.note = note;
        self
    }
    fn code(mut self, prefix: &'static str, code: &'static str) -> Self {
        self.code = Some((prefix, code));
        self
    }
    fn when(mut self, when: When) -> Self {
        self.when = Some(when);
        self
    }
    fn count(mut self, n: i64) -> Self {
        self.count = Some(n);
        self
    }
}

macro_rules! queue_kinds {
    ($($variant:ident => $key:literal,)*) => {
        /// A work queue. Its key names its title text (`queue-<key>`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum QueueKind { $($variant,)* }
        impl QueueKind {
            pub fn key(self) -> &'static str {
                match self { $(QueueKind::$variant => $key,)* }
            }
        }
    };
}

queue_kinds! {
    Referrals => "referrals",
    LongestWaits => "longest-waits",
    NoConsent => "no-consent",
    OffersWaiting => "offers-waiting",
    QuietCourses => "quiet-courses",
    ConsentsExpiring => "consents-expiring",
    AgreementsExpiring => "agreements-expiring",
    FollowUpOverdue => "follow-up-overdue",
    CertificatesExpiring => "certificates-expiring",
    SupervisionOverdue => "supervision-overdue",
    Applications => "applications",
    FailedMessages => "failed-messages",
    MyOffers => "my-offers",
    MySchedule => "my-schedule",
    MyToLog => "my-to-log",
    QuestionnairesDue => "questionnaires-due",
    MySupervision => "my-supervision",
    Caseload => "caseload",
    SuperviseesDue => "supervisees-due",
    SessionsToRecord => "sessions-to-record",
}

/// One queue: its first [`SHOWN`] items and how many there are in all.
#[derive(Debug, Clone)]
pub struct Queue {
    pub kind: QueueKind,
    pub items: Vec<Item>,
    pub total: usize,
    /// Whether its items are things to do (counted in the menu), rather than a list to look at
    /// (the caseload).
    pub to_do: bool,
}

impl Queue {
    fn of(kind: QueueKind, mut items: Vec<Item>) -> Self {
        let total = items.len();
        items.truncate(SHOWN);
        Self { kind, items, total, to_do: kind != QueueKind::Caseload }
    }
}

/// The start page's queues, in the order the role works them.
#[derive(Debug, Clone, Default)]
pub struct Front {
    pub queues: Vec<Queue>,
}

impl Front {
    /// The number of things to do, for the menu.
    pub fn to_do(&self) -> usize {
        self.queues.iter().filter(|q| q.to_do).map(|q| q.total).sum()
    }
    pub fn queue(&self, kind: QueueKind) -> Option<&Queue> {
        self.queues.iter().find(|q| q.kind == kind)
    }
}

fn title(name: Option<String>, pseudonym: String) -> String {
    name.filter(|n| !n.trim().is_empty()).unwrap_or(pseudonym)
}

fn days(d: i64) -> Duration {
    Duration::days(d)
}

/// The signed-in user's work queues in the organisation they work in now (or, for a supervisor
/// from outside, the supervision they give). A role with no queues gets none.
pub async fn front(app: &App, ctx: &Ctx) -> AppResult<Front> {
    let org = ctx.org;
    let allowed = policy::work_queues(&ctx.actor, org);
    if allowed == policy::WorkQueues::default() {
        return Ok(Front::default());
    }
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| -> AppResult<Front> {
            let now = app2.now();
            let zone = zone_of(tx.conn(), org)?;
            let today = zone.today(now);
            let mut out = Front::default();
            let mut audits: Vec<(&'static str, Basis, QueueKind)> = Vec::new();
            let role = org.and_then(|o| ctx.actor.role_in(o));
            let (intake, workforce) = match (org, allowed.intake, allowed.workforce) {
                (Some(o), Some(bi), Some(bw)) => (Some((o, bi)), Some((o, bw))),
                _ => (None, None),
            };
            let mut manager_groups: Vec<Vec<(Queue, &'static str, Basis)>> = Vec::new();
            if let Some((o, basis)) = intake {
                manager_groups.push(coordinator_queues(tx.conn(), o, now, today, &zone)?.into_iter().map(|(q, s)| (q, s, basis)).collect());
            }
            if let Some((o, basis)) = workforce {
                let group: Vec<(Queue, &'static str, Basis)> =
                    manager_queues(tx.conn(), o, today, &zone)?.into_iter().map(|(q, s)| (q, s, basis)).collect();
                // An administrator's day starts with the workforce; a coordinator's with intake.
                if role == Some(Role::Administrator) {
                    manager_groups.insert(0, group);
                } else {
                    manager_groups.push(group);
                }
            }
            if let (Some(o), Some(basis)) = (org, allowed.own_work) {
                let mut mine = Vec::new();
                for p in &ctx.actor.peer_worker_ids {
                    if sammen_store::people::peer(tx.conn(), *p)?.is_some_and(|r| r.organisation_id == o) {
                        mine.push(*p);
                    }
                }
                manager_groups.push(peer_queues(tx.conn(), &mine, now, today, &zone)?.into_iter().map(|(q, s)| (q, s, basis)).collect());
            }
            if let Some(basis) = allowed.supervision {
                manager_groups.push(
                    supervisor_queues(tx.conn(), ctx.actor.user, now, today, &zone)?.into_iter().map(|(q, s)| (q, s, basis)).collect(),
                );
            }
            for (q, subject, basis) in manager_groups.into_iter().flatten() {
                if !q.items.is_empty() && !subject.is_empty() {
                    audits.push((subject, basis, q.kind));
                }
                out.queues.push(q);
            }
            for (subject, basis, kind) in audits {
                tx.audit(ctx.ok_as(now, AuditAction::Search, subject, None, ctx.org_text(), basis, kind.key()));
            }
            Ok(out)
        })
        .await
}

/// Each queue with the kind of record its items show ("" for none that is personal).
type Queues = Vec<(Queue, &'static str)>;

fn coordinator_queues(c: &mut DbConnection, org: OrgId, now: Timestamp, today: Date, zone: &Zone) -> Result<Queues, StoreError> {
    let mut out: Queues = Vec::new();

    let referrals = jq::referrals_waiting(c, org, 200)?;
    let items = referrals
        .into_iter()
        .map(|r| {
            let who = match (r.name, r.pseudonym) {
                (name, Some(p)) => title(name, p),
                (Some(n), None) => n,
                (None, None) => String::new(),
            };
            Item::new(Target::Referral(r.id), who)
                .note(r.referrer_org)
                .code("refsource", r.source.code())
                .when(When::Since(Timestamp(r.created_at)))
        })
        .collect();
    out.push((Queue::of(QueueKind::Referrals, items), "referral"));

    let mut waiting = jq::waiting(c, org)?;
    let ids: Vec<ParticipantId> = waiting.iter().map(|w| w.id).collect();
    let consented = crate::journey::intake::given(c, &ids, ConsentPurpose::Support, now)?;
    waiting.sort_by_key(|w| (!w.priority, w.waiting_since.unwrap_or(w.created_at)));
    let longest = waiting
        .iter()
        .map(|w| {
            let target = match w.programme {
                Some(p) => Target::WaitingList(p),
                None => Target::Participant(w.id),
            };
            let item = Item::new(target, title(w.name.clone(), w.pseudonym.clone()))
                .note(w.programme_name.clone())
                .when(When::Since(Timestamp(w.waiting_since.unwrap_or(w.created_at))));
            if w.priority { item.code("queue", "priority") } else { item }
        })
        .collect();
    out.push((Queue::of(QueueKind::LongestWaits, longest), "participant"));
    let no_consent = waiting
        .iter()
        .filter(|w| !consented.contains(&w.id))
        .map(|w| {
            Item::new(Target::Consents(w.id), title(w.name.clone(), w.pseudonym.clone()))
                .note(w.programme_name.clone())
                .code("purpose", ConsentPurpose::Support.code())
                .when(When::Since(Timestamp(w.waiting_since.unwrap_or(w.created_at))))
        })
        .collect();
    out.push((Queue::of(QueueKind::NoConsent, no_consent), "participant"));

    let offers = jq::offers_waiting(c, CourseScope::Organisation(org))?
        .into_iter()
        .map(|o| {
            Item::new(Target::Course(o.id), title(o.name, o.pseudonym))
                .note(Some(o.peer_name))
                .when(When::Since(Timestamp(o.approved_at.unwrap_or(o.created_at))))
        })
        .collect();
    out.push((Queue::of(QueueKind::OffersWaiting, offers), "course"));

    let since = zone.start_of_day(today - Duration::weeks(QUIET_WEEKS));
    let quiet = jq::quiet_courses(c, org, since.micros(), today - Duration::weeks(QUIET_WEEKS))?
        .into_iter()
        .map(|q| {
            let item = Item::new(Target::Course(q.id), title(q.name, q.pseudonym)).note(Some(q.peer_name));
            match q.started_on {
                Some(d) => item.when(When::On(d)),
                None => item,
            }
        })
        .collect();
    out.push((Queue::of(QueueKind::QuietCourses, quiet), "course"));

    let expiring = jq::consents_expiring(c, org, today, today + days(EXPIRY_DAYS))?;
    let people: Vec<ParticipantId> = expiring.iter().map(|e| e.participant).collect();
    let all = if people.is_empty() { Vec::new() } else { ss::consents_of_many(c, &people)? };
    let consents = expiring
        .into_iter()
        .filter(|e| {
            // A later record of the same purpose (renewed or withdrawn) decides instead.
            !all.iter().any(|o| o.participant_id == e.participant && o.purpose == e.purpose && o.given_at > e.given_at)
        })
        .map(|e| {
            Item::new(Target::Consents(e.participant), title(e.name, e.pseudonym))
                .code("purpose", e.purpose.code())
                .when(When::On(e.valid_until))
        })
        .collect();
    out.push((Queue::of(QueueKind::ConsentsExpiring, consents), "consent"));

    let agreements = dq::agreements_expiring(c, org, today, today + days(EXPIRY_DAYS))?
        .into_iter()
        .map(|(id, name, to)| Item::new(Target::Partnership(id), name).when(When::On(to)))
        .collect();
    out.push((Queue::of(QueueKind::AgreementsExpiring, agreements), ""));

    let follow = mq::follow_up_overdue(c, org, now.micros())?
        .into_iter()
        .map(|f| {
            Item::new(Target::FollowUp(f.programme), f.programme_name)
                .count(f.overdue)
                .when(When::Overdue(Timestamp(f.oldest_due).date_in(zone)))
        })
        .collect();
    out.push((Queue::of(QueueKind::FollowUpOverdue, follow), ""));
    Ok(out)
}

/// Where each peer stands with each kind of supervision their roles require.
struct Due {
    peer: PeerWorkerId,
    name: String,
    kind: SupervisionKind,
    supervisor: Option<UserId>,
    due: Date,
    overdue: bool,
}

fn supervision_due(f: &SupervisionFacts, today: Date, zone: &Zone) -> Vec<Due> {
    let mut last: BTreeMap<(PeerWorkerId, SupervisionKind), Date> = BTreeMap::new();
    for (p, k, at) in &f.last {
        last.insert((*p, *k), Timestamp(*at).date_in(zone));
    }
    let mut out = Vec::new();
    for (peer, org, name, created) in &f.peers {
        let roles: Vec<&String> = f.roles.iter().filter(|(p, _)| p == peer).map(|(_, r)| r).collect();
        for kind in SupervisionKind::ALL {
            let weeks =
                strictest(f.requirements.iter().filter(|(o, r, k, _)| o == org && k == kind && roles.contains(&r)).map(|(_, _, _, w)| *w));
            let Some(weeks) = weeks else { continue };
            // The relation in force that began last.
            let rel = f.relations.iter().filter(|(p, k, _, _)| p == peer && k == kind).max_by_key(|(_, _, _, from)| *from);
            let since = rel.map(|r| r.3).unwrap_or_else(|| Timestamp(*created).date_in(zone));
            let c = compliance(last.get(&(*peer, *kind)).copied(), since, weeks, today);
            out.push(Due { peer: *peer, name: name.clone(), kind: *kind, supervisor: rel.map(|r| r.2), due: c.due, overdue: c.overdue });
        }
    }
    out.sort_by_key(|d| d.due);
    out
}

fn due_item(d: &Due, target: Target) -> Item {
    Item::new(target, d.name.clone()).code("supkind", d.kind.code()).when(if d.overdue { When::Overdue(d.due) } else { When::On(d.due) })
}

fn manager_queues(c: &mut DbConnection, org: OrgId, today: Date, zone: &Zone) -> Result<Queues, StoreError> {
    let mut out: Queues = Vec::new();
    let certificates = wq::certificates_expiring(c, org, today, today + days(CERTIFICATE_DAYS))?
        .into_iter()
        .map(|x| Item::new(Target::PeerTraining(x.peer), x.peer_name).note(Some(x.course_title)).when(When::On(x.expires_on)))
        .collect();
    out.push((Queue::of(QueueKind::CertificatesExpiring, certificates), "peer_worker"));

    let facts = wq::supervision_facts(c, SupervisionScope::Organisation(org), today)?;
    let overdue =
        supervision_due(&facts, today, zone).iter().filter(|d| d.overdue).map(|d| due_item(d, Target::PeerSupervision(d.peer))).collect();
    out.push((Queue::of(QueueKind::SupervisionOverdue, overdue), "peer_worker"));

    let postings = wq::postings_with_applications(c, org)?
        .into_iter()
        .map(|p| Item::new(Target::Posting(p.id), p.title.unwrap_or_default()).count(p.waiting).when(When::Since(Timestamp(p.oldest))))
        .collect();
    out.push((Queue::of(QueueKind::Applications, postings), ""));

    let failed = mq::failed_messages(c, org, 200)?
        .into_iter()
        .map(|m| Item::new(Target::Outbox, String::new()).code("msgkind", m.kind.code()).when(When::At(Timestamp(m.created_at))))
        .collect();
    out.push((Queue::of(QueueKind::FailedMessages, failed), ""));
    Ok(out)
}

fn peer_queues(c: &mut DbConnection, mine: &[PeerWorkerId], now: Timestamp, today: Date, zone: &Zone) -> Result<Queues, StoreError> {
    let mut out: Queues = Vec::new();
    // An offer shows the pseudonym only: the peer decides on wishes, not on who it is.
    let offers = jq::offers_waiting(c, CourseScope::Peers(mine))?
        .into_iter()
        .map(|o| {
            let item = Item::new(Target::Course(o.id), o.pseudonym).when(When::Since(Timestamp(o.approved_at.unwrap_or(o.created_at))));
            if o.handover { item.code("queue", "handover") } else { item }
        })
        .collect();
    out.push((Queue::of(QueueKind::MyOffers, offers), "course"));

    let from = zone.start_of_day(today).micros();
    let to = zone.start_of_day(today + days(2)).micros();
    let mut schedule: Vec<Item> = jq::planned_sessions(c, mine, from, to)?
        .into_iter()
        .map(|s| Item::new(Target::Course(s.course), title(s.name, s.pseudonym)).note(s.place).when(When::At(Timestamp(s.starts_at))))
        .collect();
    for m in sammen_store::journey::groups::meetings_facilitated(c, mine, from, to)? {
        schedule.push(Item::new(Target::GroupMeeting(m.id.get()), m.group_name).note(m.place).when(When::At(Timestamp(m.starts_at))));
    }
    schedule.sort_by_key(|i| match i.when {
        Some(When::At(t)) => t.micros(),
        _ => 0,
    });
    out.push((Queue::of(QueueKind::MySchedule, schedule), "participant"));

    let ended =
        |starts: i64, minutes: i64| starts.saturating_add(minutes.saturating_mul(60 * Timestamp::MICROS_PER_SECOND)) <= now.micros();
    let mut to_log: Vec<Item> = jq::planned_sessions(c, mine, i64::MIN, now.micros())?
        .into_iter()
        .filter(|s| ended(s.starts_at, s.duration_minutes))
        .map(|s| Item::new(Target::CourseLog(s.course), title(s.name, s.pseudonym)).when(When::At(Timestamp(s.starts_at))))
        .collect();
    for m in sammen_store::journey::groups::meetings_facilitated(c, mine, i64::MIN, now.micros())? {
        if ended(m.starts_at, m.duration_minutes) {
            to_log.push(Item::new(Target::GroupMeeting(m.id.get()), m.group_name).when(When::At(Timestamp(m.starts_at))));
        }
    }
    to_log.sort_by_key(|i| match i.when {
        Some(When::At(t)) => t.micros(),
        _ => 0,
    });
    out.push((Queue::of(QueueKind::MyToLog, to_log), "participant"));

    let until = zone.start_of_day(today + days(QUESTIONNAIRE_DAYS + 1)).micros();
    let due = jq::questionnaires_due(c, mine, until, now.micros())?
        .into_iter()
        .map(|q| {
            Item::new(Target::Measurements(q.participant), title(q.name, q.pseudonym))
                .note(Some(q.instrument_id))
                .when(When::On(Timestamp(q.due_at).date_in(zone)))
        })
        .collect();
    out.push((Queue::of(QueueKind::QuestionnairesDue, due), "participant"));

    let facts = wq::supervision_facts(c, SupervisionScope::Peers(mine), today)?;
    let soon = today + days(SUPERVISION_SOON_DAYS);
    let supervision = supervision_due(&facts, today, zone)
        .iter()
        .filter(|d| d.due <= soon)
        .map(|d| due_item(d, Target::PeerSupervision(d.peer)))
        .collect();
    out.push((Queue::of(QueueKind::MySupervision, supervision), ""));

    let caseload = jq::caseload(c, mine)?
        .into_iter()
        .map(|x| Item::new(Target::Course(x.id), title(x.name, x.pseudonym)).code("course-status", x.status.code()))
        .collect();
    out.push((Queue::of(QueueKind::Caseload, caseload), "participant"));
    Ok(out)
}

fn supervisor_queues(c: &mut DbConnection, user: UserId, now: Timestamp, today: Date, zone: &Zone) -> Result<Queues, StoreError> {
    let mut out: Queues = Vec::new();
    let facts = wq::supervision_facts(c, SupervisionScope::Supervisor(user), today)?;
    let soon = today + days(SUPERVISION_SOON_DAYS);
    // Only the kinds this user gives: another supervisor's kind is not theirs to plan.
    // A supervisor works with their supervisees from the supervision page (a peer's own
    // supervision page is the managers' and the peer's).
    let due = supervision_due(&facts, today, zone)
        .iter()
        .filter(|d| d.supervisor == Some(user) && d.due <= soon)
        .map(|d| due_item(d, Target::Supervision))
        .collect();
    out.push((Queue::of(QueueKind::SuperviseesDue, due), "peer_worker"));
    let sessions = wq::sessions_to_record(c, user, now.micros())?
        .into_iter()
        .map(|s| {
            Item::new(Target::SupervisionSession(s.id), String::new()).code("supkind", s.kind.code()).when(When::At(Timestamp(s.starts_at)))
        })
        .collect();
    out.push((Queue::of(QueueKind::SessionsToRecord, sessions), ""));
    Ok(out)
}
