//! Day-to-day work on top of the partnership-report data set, for the front-page benchmark
//! (`bench/front.sh`):
//!
//! ```sh
//! cargo run --release -p sammen-app --example front_bench_data -- --db sqlite:/tmp/report.db \
//!     [--password PW] [--seed S] [--scale F]
//! ```
//!
//! The report data set (`report_bench_data`) holds 371,000 closed participants with their
//! questionnaires, and nothing else: no staff, no peers, no courses. This adds, straight
//! through the store (like the demo data set, not through the audited use cases), to every
//! organisation "Site N" of that data set, relative to the time it runs:
//!
//! - staff: a coordinator, an administrator and ten supervisors per site, and on Site 1 the
//!   four logins the benchmark signs in with (`koordinator@site1.bench.example`,
//!   `peer@…`, `supervisor@…`, `admin@…`; password from `--password`, no second factor);
//! - a role description with supervision requirements, 200 peer workers with a profile, an
//!   engagement in that role, certificates (some expiring soon) and supervision relations;
//! - 6,000 participants in a course with a peer, each with weekly sessions over the last
//!   months (held, cancelled, and a few held but never logged) and the next one planned,
//!   consents (some about to expire), and for some an open questionnaire (many overdue);
//! - 1,500 participants waiting, with wishes and waits of up to a year, some without
//!   consent, 300 of them with an offer waiting for the peer's answer;
//! - 3,000 participants whose course ended about half a year ago, with the six-month
//!   follow-up questionnaire answered by most and open and overdue for the others;
//! - 20,000 referrals (600 still waiting for intake, from partner sites and self-referrals);
//! - 150 group courses with weekly meetings for most of a year, members and attendance
//!   (some meetings held but not logged);
//! - individual supervision every four weeks per peer over the last year (some peers
//!   overdue, some notes not written) and upcoming sessions;
//! - 40 job postings with 25 applications each, and 50,000 outbox messages (2 % failed);
//! - 20 agreements between the sites, some ending within the month.
//!
//! `--scale F` multiplies every per-site count. No audit records are written: this is
//! synthetic data. Prints one JSON line with the counts on stdout.

use std::sync::Arc;
use std::time::Instant;

use rand::rngs::StdRng;
use rand::{Rng as _, SeedableRng as _};
use sammen_app::{App, SecurityConfig, SeededRandom, SystemClock, access::auth};
use sammen_domain::directory::{DataCategory, Mode};
use sammen_domain::journey::courses::{
    ConsentMethod, ConsentPurpose, CourseStatus, Disclosure, NoteAudience, OfferState, ReferralSource, ReferralStatus, SessionKind,
    SessionStatus,
};
use sammen_domain::journey::groups::{GroupKind, GroupStatus, MeetingStatus};
use sammen_domain::measurement::{InvitationStatus, MessageKind, MessageStatus};
use sammen_domain::people::{Engagement, Gender, ParticipantStatus, Password, PeerStatus, Role, search_key};
use sammen_domain::time::{Timestamp, Zone};
use sammen_domain::workforce::recruitment::{LetterLanguage, PostingStatus, Stage};
use sammen_domain::workforce::roles::{EngagementKind, Setting, Term};
use sammen_domain::workforce::supervision::{SupervisionFormat, SupervisionKind, SupervisionStatus};
use sammen_domain::workforce::training::CourseKind;
use sammen_domain::{CourseId, GroupId, MeetingId, OrgId, ParticipantId, PeerWorkerId, UserId};
use sammen_store::rows::{
    CertificateRow, ConsentRow, CourseRow, EngagementRow, GroupAttendanceRow, GroupCourseRow, GroupEnrolmentRow, GroupMeetingRow,
    InvitationRow, JobApplicationRow, JobPostingRow, MeasurementPlanRow, MembershipRow, OrganisationRow, OutboxRow, ParticipantRow,
    PartnershipRow, PeerProfileRow, PeerWorkerRow, ProgrammeRow, ReferralRow, RoleDescriptionRow, SupervisionRelationRow,
    SupervisionRequirementRow, SupervisionSessionRow, SupportSessionRow, TrainingCohortRow, TrainingCourseRow, TrainingMeetingRow, UserRow,
    WishesRow,
};
use sammen_store::{
    BackendKind, Db, DbOptions, DbUrl, Page, StoreError, Stored, Tx, access as sta, directory as sd, journey::courses as sc,
    journey::groups as sg, measurement as sm, people as sp, workforce::recruitment as sr, workforce::roles as sw,
    workforce::supervision as ss, workforce::training as st,
};

const DAY: i64 = 86_400_000_000;
const HOUR: i64 = 3_600_000_000;
const WEEK: i64 = 7 * DAY;

type Failure = Box<dyn std::error::Error + Send + Sync>;

struct Args {
    db: String,
    password: String,
    seed: u64,
    scale: f64,
}

const USAGE: &str = "usage: front_bench_data --db URL [--password PW (benchmark-front-1)] [--seed S (1)] [--scale F (1.0)]";

fn parse_args() -> Result<Args, String> {
    let mut a = Args { db: String::new(), password: "benchmark-front-1".into(), seed: 1, scale: 1.0 };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"));
        match flag.as_str() {
            "--db" => a.db = value()?,
            "--password" => a.password = value()?,
            "--seed" => a.seed = value()?.parse().map_err(|_| "--seed: not a number".to_owned())?,
            "--scale" => a.scale = value()?.parse().map_err(|_| "--scale: not a number".to_owned())?,
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    if a.db.is_empty() {
        return Err(format!("--db is required\n{USAGE}"));
    }
    if a.scale.is_nan() || a.scale <= 0.0 {
        return Err("--scale must be positive".into());
    }
    Ok(a)
}

/// How many of each thing one site gets.
struct Volumes {
    peers: usize,
    supervisors: usize,
    active: usize,
    waiting: usize,
    offers: usize,
    referrals: usize,
    referrals_open: usize,
    followed: usize,
    groups: usize,
    postings: usize,
    applications_per_posting: usize,
    outbox: usize,
}

impl Volumes {
    fn scaled(f: f64) -> Self {
        let s = |n: usize| ((n as f64 * f).round() as usize).max(1);
        Self {
            peers: s(200),
            supervisors: 10,
            active: s(6_000),
            waiting: s(1_500),
            offers: s(300),
            referrals: s(20_000),
            referrals_open: s(600),
            followed: s(3_000),
            groups: s(150),
            postings: s(40),
            applications_per_posting: 25,
            outbox: s(50_000),
        }
    }
}

#[derive(Default)]
struct Counts {
    users: usize,
    peers: usize,
    participants: usize,
    courses: usize,
    sessions: usize,
    consents: usize,
    referrals: usize,
    invitations: usize,
    groups: usize,
    meetings: usize,
    attendance: usize,
    supervision_sessions: usize,
    certificates: usize,
    applications: usize,
    outbox: usize,
    partnerships: usize,
}

/// A group course with its facilitators, members, and meetings with their attendance.
type GroupRows = (GroupCourseRow, Vec<PeerWorkerId>, Vec<GroupEnrolmentRow>, Vec<(GroupMeetingRow, Vec<GroupAttendanceRow>)>);

/// Everything one site gets, written in a few transactions.
#[derive(Default)]
struct SiteRows {
    users: Vec<(UserRow, MembershipRow)>,
    role: Option<RoleDescriptionRow>,
    requirements: Vec<SupervisionRequirementRow>,
    peers: Vec<PeerWorkerRow>,
    profiles: Vec<PeerProfileRow>,
    engagements: Vec<EngagementRow>,
    relations: Vec<SupervisionRelationRow>,
    supervision: Vec<(SupervisionSessionRow, PeerWorkerId, bool)>,
    training: Vec<(TrainingCourseRow, TrainingCohortRow, Vec<TrainingMeetingRow>)>,
    certificates: Vec<CertificateRow>,
    participants: Vec<ParticipantRow>,
    wishes: Vec<WishesRow>,
    consents: Vec<ConsentRow>,
    referrals: Vec<ReferralRow>,
    courses: Vec<CourseRow>,
    sessions: Vec<SupportSessionRow>,
    invitations: Vec<InvitationRow>,
    groups: Vec<GroupRows>,
    postings: Vec<(JobPostingRow, Vec<JobApplicationRow>)>,
    outbox: Vec<OutboxRow>,
}

struct Site {
    org: OrganisationRow,
    programme: ProgrammeRow,
    plan: Option<MeasurementPlanRow>,
}

struct Gen<'a> {
    app: &'a App,
    rng: StdRng,
    now: i64,
    zone: Zone,
    hash: String,
}

impl Gen<'_> {
    fn id<T: From<uuid::Uuid>>(&self) -> Stored<T> {
        Stored(self.app.next_id())
    }
    fn date(&self, at: i64) -> Stored<time::Date> {
        Stored(Timestamp(at).date_in(&self.zone))
    }
    fn n(&mut self, below: usize) -> usize {
        self.rng.random_range(0..below.max(1))
    }
    fn chance(&mut self, percent: u32) -> bool {
        self.rng.random_range(0..100) < percent
    }
    fn user(&mut self, org: OrgId, email: String, display: String, role: Role) -> (UserRow, MembershipRow) {
        let id: Stored<UserId> = self.id();
        let u = UserRow {
            id,
            organisation_id: Some(Stored(org)),
            email,
            display_name: display,
            password_hash: self.hash.clone(),
            system_admin: false,
            totp_secret: None,
            totp_enabled: false,
            totp_last_step: None,
            active: true,
            password_changed_at: self.now,
            created_at: self.now - 400 * DAY,
            updated_at: self.now,
        };
        let m = MembershipRow { user_id: id, organisation_id: Stored(org), role: role.into(), created_at: self.now - 400 * DAY };
        (u, m)
    }
    fn participant(
        &mut self,
        site: &Site,
        index: usize,
        status: ParticipantStatus,
        created: i64,
        peer: Option<PeerWorkerId>,
    ) -> ParticipantRow {
        let pseudonym = format!("F-{}-{index:06}", site.org.name.trim_start_matches("Site "));
        ParticipantRow {
            id: self.id(),
            organisation_id: site.org.id,
            programme_id: Some(site.programme.id),
            search_key: search_key(&[&pseudonym]),
            pseudonym,
            name: None,
            cpr: None,
            birth_year: Some(1950 + self.n(55) as i64),
            gender: None,
            phone: None,
            email: None,
            status: status.into(),
            languages: "da".into(),
            assigned_peer_id: peer.map(Stored),
            created_at: created,
            updated_at: created,
            started_at: (status == ParticipantStatus::Active).then_some(created + 14 * DAY),
            closed_at: None,
        }
    }
    fn consent(&mut self, p: &ParticipantRow, purpose: ConsentPurpose, expiring: bool) -> ConsentRow {
        let valid_until = if expiring {
            let at = self.now + self.n(45) as i64 * DAY;
            Some(self.date(at))
        } else if self.chance(30) {
            let at = self.now + (60 + self.n(600) as i64) * DAY;
            Some(self.date(at))
        } else {
            None
        };
        ConsentRow {
            id: self.id(),
            organisation_id: p.organisation_id,
            participant_id: p.id,
            purpose: purpose.into(),
            scope: match purpose {
                ConsentPurpose::Measurement => "measurement",
                _ => "support",
            }
            .into(),
            audience: "peer,coordinators".into(),
            method: ConsentMethod::Written.into(),
            given_at: p.created_at,
            valid_until,
            recorded_by: None,
            withdrawn_at: None,
            withdrawn_by: None,
            withdrawal_note: None,
        }
    }
}

/// The people and work of one site. `logins` is true for the site whose accounts sign in.
fn site_rows(g: &mut Gen<'_>, site: &Site, k: usize, sites: &[OrgId], v: &Volumes, logins: bool) -> SiteRows {
    let mut r = SiteRows::default();
    let org = site.org.id.get();
    let slug = format!("site{}", k + 1);
    let now = g.now;

    // Staff.
    let staff =
        [(Role::Coordinator, "koordinator"), (Role::Administrator, "admin"), (Role::PeerWorker, "peer"), (Role::Supervisor, "supervisor")];
    let mut coordinator = None;
    let mut peer_user = None;
    let mut supervisors: Vec<Stored<UserId>> = Vec::new();
    for (role, local) in staff {
        if role == Role::PeerWorker && !logins {
            continue;
        }
        let (u, m) = g.user(org, format!("{local}@{slug}.bench.example"), format!("{local} {}", site.org.name), role);
        match role {
            Role::Coordinator => coordinator = Some(u.id),
            Role::PeerWorker => peer_user = Some(u.id),
            Role::Supervisor => supervisors.push(u.id),
            _ => {}
        }
        r.users.push((u, m));
    }
    for s in 1..v.supervisors {
        let (u, m) =
            g.user(org, format!("supervisor{s}@{slug}.bench.example"), format!("Supervisor {s}, {}", site.org.name), Role::Supervisor);
        supervisors.push(u.id);
        r.users.push((u, m));
    }
    let coordinator = coordinator.unwrap_or(supervisors[0]);

    // The peer role and what it requires.
    let role_key = g.app.new_id();
    r.role = Some(RoleDescriptionRow {
        id: g.id(),
        organisation_id: Stored(org),
        role_key: role_key.clone(),
        version: 1,
        current: true,
        title: "Peer-medarbejder".into(),
        purpose: "Støtte borgere i deres recovery med egen erfaring som grundlag.".into(),
        tasks: "Individuelle samtaler\nGruppeforløb".into(),
        setting: Setting::OutpatientClinic.into(),
        functions: "individual_support".into(),
        engagement: Engagement::Paid.into(),
        hours_per_week: 20.0,
        term: Term::Permanent.into(),
        competences: "Lytte".into(),
        training: "intro_course".into(),
        created_by: None,
        created_at: now - 500 * DAY,
    });
    for (kind, weeks) in [(SupervisionKind::Professional, 4), (SupervisionKind::Managerial, 12)] {
        r.requirements.push(SupervisionRequirementRow {
            id: g.app.new_id(),
            organisation_id: Stored(org),
            role_key: role_key.clone(),
            kind: kind.into(),
            every_weeks: weeks,
            updated_at: now,
        });
    }

    // Training courses, one cohort each.
    for (kind, title, months) in
        [(CourseKind::IntroCourse, "Introduktionskursus", Some(24)), (CourseKind::Wrap, "WRAP-facilitator", Some(36))]
    {
        let id = g.app.new_id();
        let cohort = g.app.new_id();
        let first = now - 600 * DAY;
        r.training.push((
            TrainingCourseRow {
                id: id.clone(),
                organisation_id: Stored(org),
                kind: kind.into(),
                title: title.into(),
                description: None,
                themes: String::new(),
                hours: 12.0,
                validity_months: months,
                active: true,
                created_at: first - 30 * DAY,
                updated_at: first - 30 * DAY,
                min_attendance_percent: 75,
            },
            TrainingCohortRow {
                id: cohort.clone(),
                organisation_id: Stored(org),
                course_id: id,
                place: Some("Sundhedshuset".into()),
                trainer: None,
                capacity: Some(200),
                note: None,
                created_at: first - 30 * DAY,
                updated_at: first - 30 * DAY,
            },
            (0..4)
                .map(|w| TrainingMeetingRow {
                    id: g.app.new_id(),
                    cohort_id: cohort.clone(),
                    starts_at: first + w * WEEK,
                    duration_minutes: 180,
                })
                .collect(),
        ));
    }

    // Peers, their profiles, engagements, supervision relations and certificates.
    for i in 0..v.peers {
        let id: Stored<PeerWorkerId> = g.id();
        let user = if i == 0 { peer_user } else { None };
        r.peers.push(PeerWorkerRow {
            id,
            organisation_id: Stored(org),
            user_id: user,
            display_name: format!("Peer {} {}", k + 1, i + 1),
            email: Some(format!("peer{i}@{slug}.bench.example")),
            phone: None,
            engagement: Engagement::Paid.into(),
            status: (if i % 25 == 24 { PeerStatus::Paused } else { PeerStatus::Active }).into(),
            languages: "da".into(),
            modes: "in_person,phone".into(),
            created_at: now - 500 * DAY,
            updated_at: now - 500 * DAY,
        });
        r.profiles.push(PeerProfileRow {
            peer_id: id,
            topics: "anxiety,depression,loneliness".into(),
            topics_consent_at: Some(now - 300 * DAY),
            disclosure: Disclosure::Colleagues.into(),
            presentation: None,
            gender: Some(Stored(if i % 2 == 0 { Gender::Female } else { Gender::Male })),
            locality: Some("Søby".into()),
            lat: Some(56.16),
            lon: Some(9.55),
            capacity: 40,
            availability: "mon 9-12, thu 13-16".into(),
            calendar_token_hash: None,
            calendar_token_at: None,
            updated_at: now,
        });
        let start = now - (200 + g.n(600) as i64) * DAY;
        r.engagements.push(EngagementRow {
            id: g.app.new_id(),
            organisation_id: Stored(org),
            peer_id: id,
            kind: EngagementKind::Employment.into(),
            title: "Peer-medarbejder".into(),
            hours_per_week: 20.0,
            part_time: true,
            term: Term::Permanent.into(),
            starts_on: g.date(start),
            ends_on: None,
            signed_on: Some(g.date(start - 14 * DAY)),
            note: None,
            created_by: None,
            created_at: start,
            updated_at: start,
            role_key: Some(role_key.clone()),
        });
        let supervisor = supervisors[i % supervisors.len()];
        for (kind, who) in [(SupervisionKind::Professional, supervisor), (SupervisionKind::Managerial, coordinator)] {
            r.relations.push(SupervisionRelationRow {
                id: g.app.new_id(),
                organisation_id: Stored(org),
                peer_id: id,
                kind: kind.into(),
                supervisor_user_id: who,
                starts_on: g.date(start),
                ends_on: None,
                created_by: None,
                created_at: start,
            });
        }
        // Professional supervision every four weeks over the last year; one peer in six has
        // had none for two months or more, and the last note is sometimes not written.
        let gap = if i % 6 == 5 { 60 + g.n(60) as i64 } else { g.n(28) as i64 };
        let mut at = now - gap * DAY - 10 * HOUR;
        let mut first = true;
        while at > now - 365 * DAY && at > start {
            let cancelled = g.chance(5);
            let note = !(first && g.chance(30));
            let row = SupervisionSessionRow {
                id: g.app.new_id(),
                organisation_id: Stored(org),
                kind: SupervisionKind::Professional.into(),
                format: SupervisionFormat::Individual.into(),
                starts_at: at,
                duration_minutes: 60,
                supervisor_user_id: supervisor,
                status: (if cancelled { SupervisionStatus::Cancelled } else { SupervisionStatus::Held }).into(),
                topics: "stress,boundaries".into(),
                note: (note && !cancelled).then(|| "Talte om grænser.".into()),
                created_by: None,
                created_at: at,
                updated_at: at,
            };
            r.supervision.push((row, id.get(), !cancelled));
            at -= 28 * DAY + (g.n(5) as i64 - 2) * DAY;
            first = false;
        }
        // The next one, within a month.
        let next = now + (1 + g.n(27) as i64) * DAY + 10 * HOUR;
        r.supervision.push((
            SupervisionSessionRow {
                id: g.app.new_id(),
                organisation_id: Stored(org),
                kind: SupervisionKind::Professional.into(),
                format: SupervisionFormat::Individual.into(),
                starts_at: next,
                duration_minutes: 60,
                supervisor_user_id: supervisor,
                status: SupervisionStatus::Planned.into(),
                topics: String::new(),
                note: None,
                created_by: None,
                created_at: now,
                updated_at: now,
            },
            id.get(),
            false,
        ));
        // Certificates: issued over the last years, a few expiring within two months.
        for (c, (course, _, _)) in r.training.iter().enumerate() {
            if c == 1 && i % 3 != 0 {
                continue;
            }
            let months = course.validity_months.unwrap_or(24);
            let expires = if i % 10 == 3 { now + g.n(60) as i64 * DAY } else { now - 30 * DAY + g.n(700) as i64 * DAY };
            let issued = expires - months * 30 * DAY;
            r.certificates.push(CertificateRow {
                id: g.app.new_id(),
                organisation_id: Stored(org),
                peer_id: id,
                course_id: course.id.clone(),
                kind: course.kind,
                enrolment_id: None,
                issued_on: g.date(issued),
                expires_on: Some(g.date(expires)),
                reminded_at: None,
                created_at: issued,
            });
        }
    }
    let peer_ids: Vec<PeerWorkerId> = r.peers.iter().filter(|p| p.status == PeerStatus::Active).map(|p| p.id.get()).collect();

    // Participants in a course, with sessions, consents and questionnaires.
    let mode = Mode::InPerson;
    let mut in_course: Vec<ParticipantId> = Vec::new();
    for i in 0..v.active {
        let peer = peer_ids[i % peer_ids.len()];
        let created = now - (30 + g.n(330) as i64) * DAY;
        let p = g.participant(site, i, ParticipantStatus::Active, created, Some(peer));
        let started = p.started_at.unwrap_or(created);
        let course_id: Stored<CourseId> = g.id();
        r.courses.push(CourseRow {
            id: course_id,
            organisation_id: p.organisation_id,
            programme_id: p.programme_id,
            participant_id: p.id,
            peer_id: Stored(peer),
            status: (if i % 20 == 7 { CourseStatus::Paused } else { CourseStatus::Active }).into(),
            offer: OfferState::Accepted.into(),
            match_score: Some(60.0),
            match_parts: None,
            approved_by: Some(coordinator),
            approved_at: Some(started - 7 * DAY),
            responded_at: Some(started - 5 * DAY),
            decline_reason: None,
            started_on: Some(g.date(started)),
            ended_on: None,
            end_reason: None,
            handed_over_from: None,
            handover_note: None,
            created_at: started - 7 * DAY,
            updated_at: started,
        });
        // Weekly sessions; one course in twelve has had none for five weeks or more.
        let quiet = if i % 12 == 11 { (35 + g.n(60) as i64) * DAY } else { 0 };
        let mut at = started + DAY + (8 + g.n(6) as i64) * HOUR;
        while at < now - quiet {
            let past = at < now;
            let status = if !past {
                SessionStatus::Planned
            } else if g.chance(8) {
                SessionStatus::Cancelled
            } else if at > now - 21 * DAY && g.chance(10) {
                // Held but not yet logged.
                SessionStatus::Planned
            } else {
                SessionStatus::Held
            };
            r.sessions.push(SupportSessionRow {
                id: g.id(),
                organisation_id: p.organisation_id,
                course_id,
                status: status.into(),
                starts_at: at,
                duration_minutes: 60,
                mode: mode.into(),
                place: None,
                kind: SessionKind::Conversation.into(),
                note: (status == SessionStatus::Held).then(|| "God samtale.".into()),
                note_audience: NoteAudience::Team.into(),
                author_id: None,
                created_at: at,
                updated_at: at,
            });
            at += WEEK + (g.n(3) as i64 - 1) * DAY;
        }
        if quiet == 0 {
            // The next one: today, tomorrow or within the week.
            let next = now - now.rem_euclid(DAY) + g.n(7) as i64 * DAY + (8 + g.n(8) as i64) * HOUR;
            r.sessions.push(SupportSessionRow {
                id: g.id(),
                organisation_id: p.organisation_id,
                course_id,
                status: SessionStatus::Planned.into(),
                starts_at: next,
                duration_minutes: 60,
                mode: mode.into(),
                place: None,
                kind: SessionKind::Conversation.into(),
                note: None,
                note_audience: NoteAudience::Team.into(),
                author_id: None,
                created_at: now,
                updated_at: now,
            });
        }
        let expiring = i % 25 == 3;
        let c = g.consent(&p, ConsentPurpose::Support, expiring);
        r.consents.push(c);
        if i % 5 != 0 {
            let c = g.consent(&p, ConsentPurpose::Measurement, false);
            r.consents.push(c);
        }
        // An open questionnaire for one in eight: most overdue, some due in the coming week.
        if let Some(plan) = &site.plan
            && i % 8 == 1
        {
            let due = now - (g.n(50) as i64 - 7) * DAY;
            r.invitations.push(InvitationRow {
                id: g.id(),
                organisation_id: p.organisation_id,
                participant_id: p.id,
                plan_id: plan.id,
                instrument_id: plan.instrument_id.clone(),
                instrument_version: plan.instrument_version.clone(),
                wave: "baseline".into(),
                wave_order: 0,
                due_at: due,
                expires_at: due + plan.valid_days * DAY,
                token_hash: None,
                status: InvitationStatus::Open.into(),
                reminders_sent: i64::from(due < now - 7 * DAY),
                last_notified_at: None,
                created_at: due,
                updated_at: due,
            });
        }
        in_course.push(p.id.get());
        r.participants.push(p);
    }

    // The waiting list: wishes, consents (not all), offers waiting for an answer.
    for i in 0..v.waiting {
        let created = now - (1 + g.n(365) as i64) * DAY;
        let p = g.participant(site, v.active + i, ParticipantStatus::Waiting, created, None);
        r.wishes.push(WishesRow {
            participant_id: p.id,
            topics: "anxiety,loneliness".into(),
            modes: "in_person".into(),
            peer_gender: String::new(),
            locality: Some("Søby".into()),
            lat: Some(56.16),
            lon: Some(9.55),
            max_distance_km: Some(25.0),
            availability: "tue 9-12".into(),
            goals: None,
            excluded_peers: String::new(),
            waiting_since: Some(created),
            priority: i % 40 == 0,
            updated_at: created,
        });
        if i % 10 != 4 {
            let c = g.consent(&p, ConsentPurpose::Support, false);
            r.consents.push(c);
        }
        if i < v.offers {
            // The login peer gets a few; the others spread over every peer.
            let peer = if i % 100 < 3 { peer_ids[0] } else { peer_ids[g.n(peer_ids.len())] };
            let offered = now - (1 + g.n(20) as i64) * DAY;
            r.courses.push(CourseRow {
                id: g.id(),
                organisation_id: p.organisation_id,
                programme_id: p.programme_id,
                participant_id: p.id,
                peer_id: Stored(peer),
                status: CourseStatus::Planned.into(),
                offer: OfferState::Pending.into(),
                match_score: Some(70.0),
                match_parts: None,
                approved_by: Some(coordinator),
                approved_at: Some(offered),
                responded_at: None,
                decline_reason: None,
                started_on: None,
                ended_on: None,
                end_reason: None,
                handed_over_from: None,
                handover_note: None,
                created_at: offered,
                updated_at: offered,
            });
        }
        r.participants.push(p);
    }

    // Participants whose course ended half a year ago: the six-month follow-up questionnaire,
    // answered by most, open and overdue for the others.
    if let Some(plan) = &site.plan {
        for i in 0..v.followed {
            let closed = now - (150 + g.n(90) as i64) * DAY;
            let mut p = g.participant(site, 900_000 + i, ParticipantStatus::Closed, closed - 200 * DAY, None);
            p.started_at = Some(closed - 180 * DAY);
            p.closed_at = Some(closed);
            p.updated_at = closed;
            let due = closed + 182 * DAY;
            let answered = i % 5 < 3;
            r.invitations.push(InvitationRow {
                id: g.id(),
                organisation_id: p.organisation_id,
                participant_id: p.id,
                plan_id: plan.id,
                instrument_id: plan.instrument_id.clone(),
                instrument_version: plan.instrument_version.clone(),
                wave: "followup-6m".into(),
                wave_order: 2,
                due_at: due,
                expires_at: due + plan.valid_days * DAY,
                token_hash: None,
                status: (if answered { InvitationStatus::Completed } else { InvitationStatus::Open }).into(),
                reminders_sent: 1,
                last_notified_at: None,
                created_at: due,
                updated_at: due,
            });
            r.participants.push(p);
        }
    }

    // Referrals: most decided long ago, the newest still waiting for intake.
    for i in 0..v.referrals {
        let open = i >= v.referrals - v.referrals_open;
        let created = if open { now - g.n(60) as i64 * DAY - g.n(24) as i64 * HOUR } else { now - (60 + g.n(700) as i64) * DAY };
        let partner = sites.len() > 1 && i % 3 != 0;
        let referrer_org = partner.then(|| sites[(k + 1 + i % (sites.len() - 1).max(1)) % sites.len()]);
        let participant = if open {
            let p = g.participant(site, v.active + v.waiting + i, ParticipantStatus::Waiting, created, None);
            let id = p.id;
            r.participants.push(p);
            Some(id)
        } else {
            None
        };
        let status = if open {
            ReferralStatus::Received
        } else if i % 7 == 0 {
            ReferralStatus::Declined
        } else if i % 31 == 0 {
            ReferralStatus::Withdrawn
        } else {
            ReferralStatus::Accepted
        };
        r.referrals.push(ReferralRow {
            id: g.id(),
            organisation_id: Stored(org),
            programme_id: Some(site.programme.id),
            participant_id: participant,
            source: (if partner { ReferralSource::Partner } else { ReferralSource::SelfReferral }).into(),
            referrer_org_id: referrer_org.map(Stored),
            referrer_user_id: None,
            reason: open.then(|| "Ønsker at tale med en, der selv har prøvet det.".into()),
            status: status.into(),
            decided_by: (!open).then_some(coordinator),
            decided_at: (!open).then_some(created + 5 * DAY),
            decision_note: None,
            created_at: created,
            updated_at: if open { created } else { created + 5 * DAY },
        });
    }

    // Group courses: weekly meetings over most of a year, members, attendance.
    for i in 0..v.groups {
        let gid: Stored<GroupId> = g.id();
        let ended = i % 3 == 2;
        let kind = if i % 10 == 9 { GroupKind::OpenEvent } else { GroupKind::Course };
        let row = GroupCourseRow {
            id: gid,
            organisation_id: Stored(org),
            programme_id: Some(site.programme.id),
            kind: kind.into(),
            name: format!("Recovery-gruppe {}", i + 1),
            description: None,
            mode: Mode::InPerson.into(),
            place: Some("Aktivitetshuset".into()),
            capacity: Some(10),
            status: (if ended { GroupStatus::Ended } else { GroupStatus::Running }).into(),
            created_at: now - 320 * DAY,
            updated_at: now - 320 * DAY,
        };
        let facilitators = vec![peer_ids[(2 * i) % peer_ids.len()], peer_ids[(2 * i + 1) % peer_ids.len()]];
        let members: Vec<ParticipantId> =
            if kind == GroupKind::Course { (0..8).map(|m| in_course[(i * 8 + m) % in_course.len()]).collect() } else { Vec::new() };
        let enrolments = members
            .iter()
            .map(|p| GroupEnrolmentRow {
                id: g.app.new_id(),
                group_id: gid,
                participant_id: Stored(*p),
                enrolled_at: now - 310 * DAY,
                left_at: None,
            })
            .collect();
        let first = now - 300 * DAY + (i % 7) as i64 * DAY - (now - 300 * DAY).rem_euclid(DAY) + 15 * HOUR;
        let last = if ended { now - 60 * DAY } else { now + 8 * WEEK };
        let mut meetings = Vec::new();
        let mut at = first;
        while at < last {
            let past = at < now;
            let status = if !past {
                MeetingStatus::Planned
            } else if g.chance(6) {
                MeetingStatus::Cancelled
            } else if at > now - 14 * DAY && g.chance(15) {
                MeetingStatus::Planned
            } else {
                MeetingStatus::Held
            };
            let mid: Stored<MeetingId> = g.id();
            let attendance = if status == MeetingStatus::Held {
                members.iter().map(|p| GroupAttendanceRow { meeting_id: mid, participant_id: Stored(*p), present: g.chance(78) }).collect()
            } else {
                Vec::new()
            };
            meetings.push((
                GroupMeetingRow {
                    id: mid,
                    group_id: gid,
                    starts_at: at,
                    duration_minutes: 90,
                    place: None,
                    status: status.into(),
                    anonymous_count: (kind == GroupKind::OpenEvent && status == MeetingStatus::Held).then_some(12),
                    note: None,
                    created_at: at - 30 * DAY,
                    updated_at: at,
                },
                attendance,
            ));
            at += WEEK;
        }
        r.groups.push((row, facilitators, enrolments, meetings));
    }

    // Job postings with applications.
    for i in 0..v.postings {
        let pid = g.id();
        let open = i % 4 == 0;
        let deadline = if open { now + (7 + g.n(30) as i64) * DAY } else { now - (30 + g.n(500) as i64) * DAY };
        let created = deadline - 40 * DAY;
        let posting = JobPostingRow {
            id: pid,
            organisation_id: Stored(org),
            role_key: role_key.clone(),
            intro: "Vil du bruge din egen erfaring til at støtte andre?".into(),
            place: "Sundhedshuset".into(),
            deadline: g.date(deadline),
            starts_on: g.date(deadline + 30 * DAY),
            status: (if open { PostingStatus::Open } else { PostingStatus::Closed }).into(),
            created_by: Some(coordinator),
            created_at: created,
            updated_at: created,
        };
        let apps = (0..v.applications_per_posting)
            .map(|a| {
                let stage = if open {
                    [Stage::Received, Stage::Received, Stage::Screening, Stage::Interview][a % 4]
                } else {
                    [Stage::Rejected, Stage::Withdrawn, Stage::Rejected][a % 3]
                };
                let applied = created + g.n(40) as i64 * DAY;
                JobApplicationRow {
                    id: g.id(),
                    organisation_id: Stored(org),
                    posting_id: pid,
                    name: format!("Ansøger {a}"),
                    email: format!("ansoeger{a}.{i}@{slug}.bench.example"),
                    phone: None,
                    language: LetterLanguage::Da.into(),
                    motivation: "Jeg vil gerne give håb videre.".into(),
                    stage: stage.into(),
                    peer_id: None,
                    decided_at: stage.is_decision().then_some(deadline + 10 * DAY),
                    created_at: applied,
                    updated_at: applied,
                }
            })
            .collect();
        r.postings.push((posting, apps));
    }

    // The outbox: questionnaire invitations and reminders over the last year; 2 % failed.
    for i in 0..v.outbox {
        let at = now - g.n(365 * 24) as i64 * HOUR;
        let failed = i % 50 == 7;
        let recent_queue = i % 500 == 3;
        r.outbox.push(OutboxRow {
            id: g.app.new_id(),
            organisation_id: Stored(org),
            kind: (if i % 3 == 0 { MessageKind::MeasurementReminder } else { MessageKind::MeasurementInvitation }).into(),
            recipient: format!("deltager{i}@{slug}.bench.example"),
            subject: "Spørgeskema".into(),
            body: "Du er inviteret til at besvare et kort spørgeskema.".into(),
            subject_type: Some("participant".into()),
            subject_id: Some(in_course[i % in_course.len()].to_string()),
            status: (if failed {
                MessageStatus::Failed
            } else if recent_queue {
                MessageStatus::Queued
            } else {
                MessageStatus::Sent
            })
            .into(),
            attempts: if failed { 5 } else { 1 },
            last_error: failed.then(|| "550 mailbox unavailable".into()),
            created_at: at,
            sent_at: (!failed && !recent_queue).then_some(at + 60_000_000),
        });
    }
    r
}

fn write_site(tx: &mut Tx<'_>, r: &SiteRows) -> Result<(), StoreError> {
    for (u, m) in &r.users {
        sta::insert_user(tx.conn(), u)?;
        sta::insert_membership(tx.conn(), m)?;
    }
    if let Some(role) = &r.role {
        sw::insert_role_row(tx.conn(), role)?;
    }
    for q in &r.requirements {
        ss::set_requirement(tx.conn(), q)?;
    }
    for p in &r.peers {
        sp::insert_peer(tx.conn(), p)?;
    }
    for p in &r.profiles {
        sc::put_profile(tx.conn(), p)?;
    }
    for e in &r.engagements {
        sw::insert_engagement(tx.conn(), e)?;
    }
    for x in &r.relations {
        ss::insert_relation(tx.conn(), x)?;
    }
    for (s, peer, attended) in &r.supervision {
        ss::insert_session(tx.conn(), s, &[*peer])?;
        if *attended {
            ss::set_attended(tx.conn(), &s.id, *peer, true)?;
        }
    }
    for (c, cohort, meetings) in &r.training {
        st::insert_course(tx.conn(), c)?;
        st::insert_cohort(tx.conn(), cohort, meetings)?;
    }
    for c in &r.certificates {
        st::insert_certificate(tx.conn(), c)?;
    }
    Ok(())
}

fn write_people(tx: &mut Tx<'_>, r: &SiteRows) -> Result<(), StoreError> {
    for p in &r.participants {
        sp::insert_participant(tx.conn(), p)?;
    }
    for w in &r.wishes {
        sc::put_wishes(tx.conn(), w)?;
    }
    for c in &r.consents {
        sc::insert_consent(tx.conn(), c)?;
    }
    for x in &r.referrals {
        sc::insert_referral(tx.conn(), x)?;
    }
    for c in &r.courses {
        sc::insert_course(tx.conn(), c)?;
    }
    for i in &r.invitations {
        sm::insert_invitation(tx.conn(), i)?;
    }
    Ok(())
}

fn write_work(tx: &mut Tx<'_>, r: &SiteRows) -> Result<(), StoreError> {
    for s in &r.sessions {
        sc::insert_session(tx.conn(), s)?;
    }
    for (group, facilitators, enrolments, meetings) in &r.groups {
        sg::insert_group(tx.conn(), group)?;
        sg::set_facilitators(tx.conn(), group.id.get(), facilitators)?;
        for e in enrolments {
            sg::insert_enrolment(tx.conn(), e)?;
        }
        for (m, attendance) in meetings {
            sg::insert_meeting(tx.conn(), m)?;
            if !attendance.is_empty() {
                sg::set_attendance(tx.conn(), &m.id.to_string(), attendance)?;
            }
        }
    }
    for (p, apps) in &r.postings {
        sr::insert_posting(tx.conn(), p)?;
        for a in apps {
            sr::insert_application(tx.conn(), a)?;
        }
    }
    for m in &r.outbox {
        sm::queue_message(tx.conn(), m)?;
    }
    Ok(())
}

fn run(a: &Args) -> Result<(), Failure> {
    let t0 = Instant::now();
    let url = DbUrl::parse(&a.db)?;
    let db = Db::open(&url, &DbOptions::default())?;
    let app = App::new(db.clone(), Arc::new(SystemClock), Arc::new(SeededRandom::new(a.seed)), SecurityConfig::default());
    let pw = Password::parse(&a.password).map_err(|m| format!("--password: {m}"))?;
    let hash = auth::hash_password(&app, &pw)?;

    let mut orgs: Vec<OrganisationRow> = db.read_blocking(sd::orgs)?.into_iter().filter(|o| o.name.starts_with("Site ")).collect();
    orgs.sort_by_key(|o| o.name.trim_start_matches("Site ").parse::<u32>().unwrap_or(u32::MAX));
    if orgs.is_empty() {
        return Err("no organisation \"Site N\": run report_bench_data on this database first".into());
    }
    let taken = db.read_blocking(|c| sta::user_by_email(c, "koordinator@site1.bench.example"))?;
    if taken.is_some() {
        return Err("this database already holds the front-page data".into());
    }
    let mut sites = Vec::new();
    for org in orgs {
        let id = org.id.get();
        let (programmes, _) = db.read_blocking(move |c| sd::programmes_of(c, &[id], Page { offset: 0, limit: 10 }))?;
        let programme = programmes.into_iter().next().ok_or_else(|| format!("{} has no programme", org.name))?;
        let pid = programme.id.get();
        let plan = db.read_blocking(move |c| sm::plans_of_programme(c, pid))?.into_iter().next();
        sites.push(Site { org, programme, plan });
    }
    let site_ids: Vec<OrgId> = sites.iter().map(|s| s.org.id.get()).collect();
    let v = Volumes::scaled(a.scale);
    let mut g = Gen { app: &app, rng: StdRng::seed_from_u64(a.seed ^ 0xF00D), now: app.now().micros(), zone: Zone::default(), hash };
    let mut counts = Counts::default();
    for (k, site) in sites.iter().enumerate() {
        let t = Instant::now();
        let rows = Arc::new(site_rows(&mut g, site, k, &site_ids, &v, k == 0));
        counts.users += rows.users.len();
        counts.peers += rows.peers.len();
        counts.participants += rows.participants.len();
        counts.courses += rows.courses.len();
        counts.sessions += rows.sessions.len();
        counts.consents += rows.consents.len();
        counts.referrals += rows.referrals.len();
        counts.invitations += rows.invitations.len();
        counts.groups += rows.groups.len();
        counts.meetings += rows.groups.iter().map(|x| x.3.len()).sum::<usize>();
        counts.attendance += rows.groups.iter().flat_map(|x| x.3.iter()).map(|m| m.1.len()).sum::<usize>();
        counts.supervision_sessions += rows.supervision.len();
        counts.certificates += rows.certificates.len();
        counts.applications += rows.postings.iter().map(|p| p.1.len()).sum::<usize>();
        counts.outbox += rows.outbox.len();
        let r = rows.clone();
        db.write_blocking(move |tx: &mut Tx<'_>| write_site(tx, &r))?;
        let r = rows.clone();
        db.write_blocking(move |tx: &mut Tx<'_>| write_people(tx, &r))?;
        let r = rows.clone();
        db.write_blocking(move |tx: &mut Tx<'_>| write_work(tx, &r))?;
        eprintln!("{}: written in {:.1} s", site.org.name, t.elapsed().as_secs_f64());
    }

    // Agreements between the sites, some ending within the month.
    if site_ids.len() > 1 {
        let mut rows = Vec::new();
        for i in 0..20usize {
            let a1 = site_ids[i % site_ids.len()];
            let a2 = site_ids[(i + 1) % site_ids.len()];
            let from = g.now - 700 * DAY;
            let to =
                if i % 4 == 0 { Some(g.date(g.now + (5 + i as i64) * DAY)) } else { Some(g.date(g.now + (200 + 10 * i as i64) * DAY)) };
            rows.push((
                PartnershipRow {
                    id: g.id(),
                    name: format!("Samarbejdsaftale {}", i + 1),
                    purpose: "Henvisning og fælles evaluering (syntetiske data).".into(),
                    legal_basis: "Syntetiske data".into(),
                    data_categories: DataCategory::ReferralStatus.code().into(),
                    valid_from: g.date(from),
                    valid_to: to,
                    created_at: from,
                    updated_at: from,
                },
                vec![a1, a2],
            ));
        }
        counts.partnerships = rows.len();
        db.write_blocking(move |tx: &mut Tx<'_>| -> Result<(), StoreError> {
            for (p, parties) in &rows {
                sd::insert_partnership(tx.conn(), p, parties)?;
            }
            Ok(())
        })?;
    }

    if url.kind() == BackendKind::Sqlite {
        db.read_blocking(|c| {
            diesel::RunQueryDsl::execute(diesel::sql_query("PRAGMA wal_checkpoint(TRUNCATE)"), c).map_err(StoreError::from)
        })?;
    }
    let c = &counts;
    eprintln!("front-page data written in {:.1} s", t0.elapsed().as_secs_f64());
    println!(
        "{{\"sites\":{},\"users\":{},\"peers\":{},\"participants\":{},\"courses\":{},\"sessions\":{},\"consents\":{},\"referrals\":{},\
         \"invitations\":{},\"groups\":{},\"meetings\":{},\"attendance\":{},\"supervision_sessions\":{},\"certificates\":{},\
         \"applications\":{},\"outbox\":{},\"partnerships\":{},\"generated_at\":{},\"seconds\":{:.1}}}",
        sites.len(),
        c.users,
        c.peers,
        c.participants,
        c.courses,
        c.sessions,
        c.consents,
        c.referrals,
        c.invitations,
        c.groups,
        c.meetings,
        c.attendance,
        c.supervision_sessions,
        c.certificates,
        c.applications,
        c.outbox,
        c.partnerships,
        g.now,
        t0.elapsed().as_secs_f64()
    );
    Ok(())
}

fn main() -> std::process::ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(m) => {
            eprintln!("{m}");
            return std::process::ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("front_bench_data: {e}");
            std::process::ExitCode::from(1)
        }
    }
}
