//! The demo's workforce: role descriptions, engagements, supervision and wellbeing check-ins,
//! training and onboarding, and recruitment.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use sammen_app::domain::audit::AuditAction;
use sammen_app::domain::directory::join_codes;
use sammen_app::domain::ids::{ApplicationId, InterviewId, OrgId, PeerWorkerId, PostingId};
use sammen_app::domain::people::{Engagement, Password, PeerStatus, Role};
use sammen_app::domain::time::{Timestamp, add_months, local_to_utc};
use sammen_app::domain::workforce::recruitment::{AttachmentKind, Competence, LetterLanguage, PostingStatus, Stage};
use sammen_app::domain::workforce::roles::{EngagementKind, RoleInput, Term};
use sammen_app::domain::workforce::supervision::{SupervisionFormat, SupervisionKind, SupervisionStatus};
use sammen_app::domain::workforce::training::{CourseKind, Outcome, expiry, standard_template};
use sammen_app::store::rows::{
    ApplicationAttachmentRow, ApplicationStageRow, CertificateRow, EngagementRow, InterviewScoreRow, JobApplicationRow, JobInterviewRow,
    JobPostingRow, OnboardingItemRow, OnboardingRow, PeerWorkerRow, RoleDescriptionRow, SupervisionRelationRow,
    SupervisionRequirementRow as Req, SupervisionSessionRow, TrainingAttendanceRow, TrainingCohortRow, TrainingCourseRow,
    TrainingEnrolmentRow, TrainingMeetingRow, UserRow, WellbeingCheckInRow,
};
use sammen_app::store::{
    Page, StoreError, Stored, Tx, access as sta, people as sp, stored, workforce::recruitment as sr, workforce::roles as sw,
    workforce::supervision as ss, workforce::training as st,
};
use sammen_app::{App, AppError, AppResult, access::auth};

use crate::{DEMO_PASSWORD, DemoLogin, org_event};

const ALL: Page = Page { offset: 0, limit: i64::MAX };

/// Two role descriptions per organisation, the first in two versions.
pub(crate) fn seed_roles(app: &App, orgs: &[OrgId]) -> AppResult<()> {
    let competences = "Bruge egne erfaringer til at give håb\nStøtte selvbestemmelse ud fra et ligeværdigt udgangspunkt\nFacilitere selvudforskning\nVære forandringsagent\nLytte";
    let roles = [
        (
            "Peer-medarbejder i ambulant psykiatri",
            "Støtte borgere i deres recovery med egen erfaring som grundlag, i samarbejde med de faglige medarbejdere.",
            "Individuelle samtaler\nFølge med til møder på jobcenter og i kommunen\nDeltage i teammøder",
            "outpatient_clinic",
            vec!["individual_support".to_owned(), "bridge_building".to_owned()],
            "paid",
            "18,5",
            "permanent",
            vec!["intro_course".to_owned(), "wrap".to_owned()],
        ),
        (
            "Frivillig i recovery-café",
            "Være vært i caféen og vise, at recovery er muligt.",
            "Byde velkommen\nHolde samtalen i gang\nHenvise videre",
            "drop_in_centre",
            vec!["community_work".to_owned(), "reception".to_owned()],
            "volunteer",
            "4",
            "temporary",
            vec!["intro_course".to_owned()],
        ),
    ];
    let mut rows = Vec::new();
    let now = app.now().micros();
    for org in orgs {
        for (k, (title, purpose, tasks, setting, functions, engagement, hours, term, training)) in roles.iter().enumerate() {
            let input = RoleInput::parse(title, purpose, tasks, setting, functions, engagement, hours, term, competences, training)
                .map_err(|e| AppError::Internal(format!("demo role: {e}")))?;
            let key = app.new_id();
            let versions = if k == 0 { 2 } else { 1 };
            for v in 1..=versions {
                let hours = if v == 1 && versions == 2 { input.hours_per_week - 3.5 } else { input.hours_per_week };
                rows.push(RoleDescriptionRow {
                    id: Stored(app.next_id()),
                    organisation_id: Stored(*org),
                    role_key: key.clone(),
                    version: v,
                    current: v == versions,
                    title: input.title.clone(),
                    purpose: input.purpose.clone(),
                    tasks: input.tasks.join("\n"),
                    setting: input.setting.into(),
                    functions: join_codes(&input.functions),
                    engagement: input.engagement.into(),
                    hours_per_week: hours,
                    term: input.term.into(),
                    competences: input.competences.join("\n"),
                    training: join_codes(&input.training),
                    created_by: None,
                    created_at: now - (versions - v) * 86_400_000_000 * 30,
                });
            }
        }
    }
    app.db.write_blocking(move |tx: &mut Tx<'_>| -> AppResult<()> {
        for r in &rows {
            sw::insert_role_row(tx.conn(), r)?;
        }
        Ok(())
    })
}

/// A volunteer agreement or an employment for every peer
/// worker, as their record says, some of them temporary.
pub(crate) fn seed_engagements(app: &App, peers: &[PeerWorkerRow]) -> AppResult<()> {
    let now = app.now();
    let today = now.date();
    let rows: Vec<EngagementRow> = peers
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let paid = p.engagement == Engagement::Paid;
            let start = today - time::Duration::days(90 + 37 * (i as i64 % 20));
            let temporary = i % 4 == 0;
            EngagementRow {
                id: app.new_id(),
                organisation_id: p.organisation_id,
                peer_id: p.id,
                kind: Stored(if paid { EngagementKind::Employment } else { EngagementKind::VolunteerAgreement }),
                title: if paid { "Peer-medarbejder" } else { "Frivillig peerstøtte" }.into(),
                hours_per_week: if paid { [15.0, 20.0, 30.0, 37.0][i % 4] } else { [2.0, 4.0, 6.0][i % 3] },
                part_time: !paid || i % 4 != 3,
                term: Stored(if temporary { Term::Temporary } else { Term::Permanent }),
                starts_on: Stored(start),
                ends_on: temporary.then(|| Stored(start + time::Duration::days(365 + 180))),
                signed_on: Some(Stored(start - time::Duration::days(14))),
                note: None,
                created_by: None,
                created_at: now.micros(),
                updated_at: now.micros(),
                role_key: None,
            }
        })
        .collect();
    app.db.write_blocking(move |tx: &mut Tx<'_>| -> Result<(), StoreError> {
        // Each engagement is for the organisation's role of the same engagement (paid or
        // volunteer), so the role's training and supervision rules reach the demo peers.
        let mut roles: HashMap<OrgId, Vec<RoleDescriptionRow>> = HashMap::new();
        for mut r in rows {
            let current = match roles.entry(r.organisation_id.get()) {
                Entry::Occupied(e) => e.into_mut(),
                Entry::Vacant(e) => {
                    let current = sw::current_roles(tx.conn(), *e.key())?;
                    e.insert(current)
                }
            };
            let want = if r.kind == EngagementKind::Employment { Engagement::Paid } else { Engagement::Volunteer };
            r.role_key = current.iter().find(|x| x.engagement == want).map(|x| x.role_key.clone());
            sw::insert_engagement(tx.conn(), &r)?;
        }
        Ok(())
    })?;
    Ok(())
}

/// The external supervisor: an account of a peer network with no role in any organisation.
const EXTERNAL: &str = "ekstern-supervisor@peernetvaerk.example";

/// The external supervisor's login, for the list of logins.
pub(crate) fn external_login() -> DemoLogin {
    DemoLogin { email: EXTERNAL.into(), role: "external_supervisor".into(), organisation: String::new() }
}

/// Supervision: every active peer supervised professionally by the
/// organisation's `supervisor@` and managerially by its `koordinator@`; requirements on every
/// demo role (professional every 4 weeks, managerial every 12); held sessions, some long ago so
/// that some peers are overdue; an external supervisor (no role anywhere) for three peers of the
/// fifth organisation; and wellbeing check-ins, enough in one organisation for a month to show
/// and too few in another month, which is suppressed. Returns the external supervisor's login.
pub(crate) fn seed_supervision(app: &App, orgs: &[OrgId]) -> AppResult<DemoLogin> {
    let pw = Password::parse(DEMO_PASSWORD).map_err(|m| AppError::Internal(m.into()))?;
    let hash = auth::hash_password(app, &pw)?;
    let now = app.now();
    let day = 86_400 * Timestamp::MICROS_PER_SECOND;
    let today = now.local().date();
    let app2 = app.clone();
    let orgs = orgs.to_vec();
    let slugs = ["region-osterdal", "soby", "havnstrup", "lindholm", "peerkraft", "recovery-sammen"];
    app.db.write_blocking(move |tx: &mut Tx<'_>| -> Result<(), StoreError> {
        let external = UserRow {
            id: Stored(app2.next_id()),
            organisation_id: None,
            email: EXTERNAL.into(),
            display_name: "Ea Ekstern".into(),
            password_hash: hash,
            system_admin: false,
            totp_secret: None,
            totp_enabled: false,
            totp_last_step: None,
            active: true,
            password_changed_at: now.micros(),
            created_at: now.micros(),
            updated_at: now.micros(),
        };
        sta::insert_user(tx.conn(), &external)?;
        for (i, org) in orgs.iter().enumerate() {
            let slug = slugs.get(i).copied().unwrap_or("soby");
            let Some(sup) = sta::user_by_email(tx.conn(), &format!("supervisor@{slug}.example"))? else { continue };
            let Some(coord) = sta::user_by_email(tx.conn(), &format!("koordinator@{slug}.example"))? else { continue };
            for r in sw::current_roles(tx.conn(), *org)? {
                for (kind, weeks) in [(SupervisionKind::Professional, 4), (SupervisionKind::Managerial, 12)] {
                    ss::set_requirement(
                        tx.conn(),
                        &Req {
                            id: app2.new_id(),
                            organisation_id: Stored(*org),
                            role_key: r.role_key.clone(),
                            kind: kind.into(),
                            every_weeks: weeks,
                            updated_at: now.micros(),
                        },
                    )?;
                }
            }
            let peers: Vec<_> = sp::peers_of_org(tx.conn(), *org, ALL)?.0.into_iter().filter(|p| p.status == PeerStatus::Active).collect();
            let start = today - time::Duration::days(200);
            for (k, p) in peers.iter().enumerate() {
                let ext = i == 4 && k < 3 && p.user_id.is_none();
                for (kind, who) in
                    [(SupervisionKind::Professional, if ext { external.id } else { sup.id }), (SupervisionKind::Managerial, coord.id)]
                {
                    ss::insert_relation(
                        tx.conn(),
                        &SupervisionRelationRow {
                            id: app2.new_id(),
                            organisation_id: Stored(*org),
                            peer_id: p.id,
                            kind: kind.into(),
                            supervisor_user_id: who,
                            starts_on: Stored(start),
                            ends_on: None,
                            created_by: None,
                            created_at: now.micros(),
                        },
                    )?;
                }
                // Individual professional sessions: every third peer's last one was long ago (overdue).
                let ago = if k % 3 == 1 { 45 } else { 12 + (k as i64 % 5) };
                let topics =
                    [["stress", "boundaries"], ["role_clarity", "loyalty"], ["disclosure", "patient_to_employee"]][k % 3].join(",");
                let leader = if ext { external.id } else { sup.id };
                for (when, lead, kind, status, t) in [
                    (ago, leader, SupervisionKind::Professional, SupervisionStatus::Held, topics.as_str()),
                    (if k % 4 == 0 { 100 } else { 30 }, coord.id, SupervisionKind::Managerial, SupervisionStatus::Held, "role_clarity"),
                ] {
                    let row = SupervisionSessionRow {
                        id: app2.new_id(),
                        organisation_id: Stored(*org),
                        kind: Stored(kind),
                        format: Stored(SupervisionFormat::Individual),
                        starts_at: now.micros() - when * day,
                        duration_minutes: 60,
                        supervisor_user_id: lead,
                        status: Stored(status),
                        topics: t.into(),
                        note: Some(if kind == SupervisionKind::Professional {
                            "Fortroligt: talte om at sætte grænser i forløb, der fylder meget.".into()
                        } else {
                            "Gennemgik opgaver og timer; aftalte ny plan for introduktionsforløb.".into()
                        }),
                        created_by: None,
                        created_at: now.micros(),
                        updated_at: now.micros(),
                    };
                    ss::insert_session(tx.conn(), &row, &[p.id.get()])?;
                    ss::set_attended(tx.conn(), &row.id, p.id.get(), true)?;
                }
            }
            // A planned group session next week with the first four peers.
            let group: Vec<PeerWorkerId> = peers.iter().filter(|p| !(i == 4 && p.user_id.is_none())).take(4).map(|p| p.id.get()).collect();
            let row = SupervisionSessionRow {
                id: app2.new_id(),
                organisation_id: Stored(*org),
                kind: Stored(SupervisionKind::Professional),
                format: Stored(SupervisionFormat::Group),
                starts_at: now.micros() + 7 * day,
                duration_minutes: 90,
                supervisor_user_id: sup.id,
                status: Stored(SupervisionStatus::Planned),
                topics: String::new(),
                note: None,
                created_by: None,
                created_at: now.micros(),
                updated_at: now.micros(),
            };
            ss::insert_session(tx.conn(), &row, &group)?;
            // Yesterday's group session, still to be recorded: the supervisor's start page lists it.
            let past = SupervisionSessionRow { id: app2.new_id(), starts_at: now.micros() - day, ..row };
            ss::insert_session(tx.conn(), &past, &group)?;
            // Check-ins: in the first two organisations, six peers this month (shown) and three
            // the month before (suppressed); the demo peer account shares one with its supervisor.
            // The active peers are cycled, so the suppressed month has its three people however
            // many peers a seed makes active.
            if i < 2 && !peers.is_empty() {
                for (k, p) in peers.iter().cycle().enumerate().take(9) {
                    let back = if k < 6 { 3 + k as i64 } else { 35 + k as i64 };
                    let linked = p.user_id.is_some();
                    ss::insert_check_in(
                        tx.conn(),
                        &WellbeingCheckInRow {
                            id: app2.new_id(),
                            organisation_id: Stored(*org),
                            peer_id: p.id,
                            answered_at: now.micros() - back * day,
                            stress: (3 + k as i64 * 2) % 11,
                            role_clarity: (8 - k as i64 % 4).clamp(0, 10),
                            support: (6 + k as i64 % 5).clamp(0, 10),
                            note: linked.then(|| "En travl uge, men god snak med min supervisor.".to_owned()),
                            shared: linked,
                        },
                    )?;
                }
            }
        }
        Ok(())
    })?;
    Ok(external_login())
}

/// The training catalogue of every organisation: the introduction course with its four themes,
/// WRAP, LÆR AT TACKLE and an own course; a past introduction course and a past WRAP course
/// (attendance, completion, certificates), and upcoming ones with enrolments. Every peer with a
/// login, and most others, is trained for their role; per organisation one peer without a login
/// lacks the introduction course and one has a certificate that expires within weeks. Two recent
/// peers have an onboarding in progress. One write job.
pub(crate) fn seed_training(app: &App, orgs: &[OrgId]) -> AppResult<()> {
    let app2 = app.clone();
    let orgs = orgs.to_vec();
    app.db.write_blocking(move |tx: &mut Tx<'_>| -> AppResult<()> {
        let now = app2.now();
        let today = now.local().date();
        let day = |d: i64| today + time::Duration::days(d);
        let at = |d: i64| local_to_utc(day(d), 17, 0);
        type Course<'a> = (CourseKind, &'a str, &'a str, &'a str, f64, Option<i64>);
        let courses: [Course<'_>; 4] = [
            (
                CourseKind::IntroCourse,
                "Introduktionskursus til peerstøtte",
                "Fire aftener om peerrollen, før den første deltager.",
                "Peerstøttens formål og særkende, typer af peerstøtte og virkninger\nHvordan egen erfaring og livshistorie kan bruges til at hjælpe andre\nKommunikation, herunder aktiv lytning og konflikthåndtering\nBrugerperspektivet, herunder brugerrettigheder og brugermedvirkning",
                12.0,
                Some(36),
            ),
            (
                CourseKind::Wrap,
                "WRAP – Wellness Recovery Action Planning",
                "Uddannelse i at bruge og facilitere WRAP.",
                "Trivselsværktøjer\nTriggere og tidlige tegn\nKriseplan",
                16.0,
                Some(24),
            ),
            (CourseKind::LaerAtTackle, "LÆR AT TACKLE angst og depression", "Kursus efter LÆR AT TACKLE-programmet.", "", 14.0, None),
            (CourseKind::Own, "Førstehjælp ved psykisk krise", "Organisationens eget kursus.", "Tegn på krise\nHvem kontakter jeg?", 6.0, Some(24)),
        ];
        for org in &orgs {
            // The organisation of the audit records, as text.
            let org_text = org.to_string();
            let (mut peers, _) = sp::peers_of_org(tx.conn(), *org, Page { offset: 0, limit: 100 })?;
            peers.sort_by_key(|p| p.user_id.is_none());
            let mut course_ids = Vec::new();
            for (kind, title, description, themes, hours, validity) in &courses {
                let row = TrainingCourseRow {
                    id: app2.new_id(),
                    organisation_id: Stored(*org),
                    kind: Stored(*kind),
                    title: (*title).into(),
                    description: Some((*description).into()),
                    themes: (*themes).into(),
                    hours: *hours,
                    validity_months: *validity,
                    active: true,
                    created_at: now.micros(),
                    updated_at: now.micros(),
                    min_attendance_percent: 75,
                };
                st::insert_course(tx.conn(), &row)?;
                tx.audit(org_event(now, AuditAction::Create, "training_course", &row.id, &org_text));
                course_ids.push((row.id, *kind, *validity));
            }
            // (course index, first meeting in days from today, place, trainer)
            let cohorts = [
                (0usize, -200i64, "Aktivitetshuset, lokale 2", "Lene Holm, peer-underviser"),
                (1, -150, "Biblioteket, mødelokalet", "Jonas Berg, WRAP-facilitator"),
                (0, 21, "Aktivitetshuset, lokale 2", "Lene Holm, peer-underviser"),
                (1, 14, "Recovery-caféen, Torvet 3", "Jonas Berg, WRAP-facilitator"),
            ];
            let mut cohort_rows = Vec::new();
            for (ci, first, place, trainer) in cohorts {
                let id = app2.new_id();
                let row = TrainingCohortRow {
                    id: id.clone(),
                    organisation_id: Stored(*org),
                    course_id: course_ids[ci].0.clone(),
                    place: Some(place.into()),
                    trainer: Some(trainer.into()),
                    capacity: Some(16),
                    note: None,
                    created_at: now.micros(),
                    updated_at: now.micros(),
                };
                let meetings: Vec<TrainingMeetingRow> = (0..4)
                    .map(|k| TrainingMeetingRow { id: app2.new_id(), cohort_id: id.clone(), starts_at: at(first + 7 * k).micros(), duration_minutes: 180 })
                    .collect();
                st::insert_cohort(tx.conn(), &row, &meetings)?;
                tx.audit(org_event(now, AuditAction::Create, "training_cohort", &id, &org_text));
                cohort_rows.push((row, meetings, first));
            }
            let mut non_login = 0usize;
            for (i, p) in peers.iter().enumerate() {
                let paid = p.engagement == Engagement::Paid;
                let (untrained, expiring) = if p.user_id.is_some() {
                    (false, false)
                } else {
                    non_login += 1;
                    (non_login % 8 == 3, non_login % 8 == 6)
                };
                // Past cohorts: the introduction course for the trained, WRAP for the paid.
                let enrol = |tx: &mut Tx<'_>, cohort: usize, done: bool, skip: Option<usize>| -> AppResult<Option<String>> {
                    let (c, meetings, first) = &cohort_rows[cohort];
                    let e = TrainingEnrolmentRow {
                        id: app2.new_id(),
                        cohort_id: c.id.clone(),
                        peer_id: p.id,
                        enrolled_at: (at(*first - 30)).micros(),
                        enrolled_by: None,
                        outcome: done.then(|| Outcome::Completed.into()),
                        // Recorded as the last meeting (17:00, three hours) ends: never before.
                        outcome_at: done.then(|| local_to_utc(day(*first + 21), 20, 0).micros()),
                        outcome_by: None,
                    };
                    st::insert_enrolment(tx.conn(), &e)?;
                    if done {
                        for (k, m) in meetings.iter().enumerate() {
                            let row = TrainingAttendanceRow { meeting_id: m.id.clone(), peer_id: p.id, present: skip != Some(k) };
                            st::add_attendance(tx.conn(), &row)?;
                        }
                    }
                    Ok(done.then_some(e.id))
                };
                let mut certs: Vec<(usize, Option<String>, time::Date)> = Vec::new();
                let expiring_course = expiring.then_some(if paid { 1 } else { 0 });
                if untrained || expiring_course == Some(0) {
                    enrol(tx, 2, false, None)?;
                } else {
                    let e = enrol(tx, 0, true, (i % 5 == 2).then_some(1))?;
                    certs.push((0, e, day(-200 + 21)));
                }
                if expiring_course == Some(1) {
                    enrol(tx, 3, false, None)?;
                } else if paid && !untrained {
                    let e = enrol(tx, 1, true, (i % 4 == 1).then_some(2))?;
                    certs.push((1, e, day(-150 + 21)));
                }
                if let Some(ci) = expiring_course {
                    // An older certificate, issued so that it expires in a month: a refresh is booked.
                    let months = course_ids[ci].2.unwrap_or(24);
                    certs.push((ci, None, add_months(day(30), -months)));
                }
                if p.user_id.is_some() {
                    certs.push((3, None, day(-400)));
                }
                for (ci, enrolment, issued) in certs {
                    let (course_id, kind, validity) = &course_ids[ci];
                    let row = CertificateRow {
                        id: app2.new_id(),
                        organisation_id: Stored(*org),
                        peer_id: p.id,
                        course_id: course_id.clone(),
                        kind: Stored(*kind),
                        enrolment_id: enrolment,
                        issued_on: Stored(issued),
                        expires_on: expiry(issued, *validity).map(Stored),
                        reminded_at: None,
                        created_at: now.micros(),
                    };
                    st::insert_certificate(tx.conn(), &row)?;
                }
                tx.audit(org_event(now, AuditAction::Update, "peer_worker", &p.id.to_string(), &org_text));
            }
            // Onboardings of the two most recently added peers without a login.
            let recent: Vec<&PeerWorkerRow> = peers.iter().filter(|p| p.user_id.is_none()).rev().take(2).collect();
            for (k, p) in recent.into_iter().enumerate() {
                let Some(role_key) = sw::roles_in_force(tx.conn(), p.id.get(), today)?.into_iter().next() else {
                    continue;
                };
                let (staff, _) = sta::staff_of(tx.conn(), *org, Page { offset: 0, limit: 1000 })?;
                let started = day(if k == 0 { -20 } else { -4 });
                let id = app2.new_id();
                let row = OnboardingRow {
                    id: id.clone(),
                    organisation_id: Stored(*org),
                    peer_id: p.id,
                    role_key,
                    starts_on: Stored(started),
                    started_by: None,
                    created_at: local_to_utc(started, 10, 0).micros(),
                    completed_at: None,
                };
                let items: Vec<OnboardingItemRow> = standard_template()
                    .iter()
                    .enumerate()
                    .map(|(n, t)| {
                        let owner = staff.iter().find(|(_, r)| *r == t.owner_role).map(|(u, _)| u.id);
                        let done = k == 0 && n < 2;
                        OnboardingItemRow {
                            id: app2.new_id(),
                            onboarding_id: id.clone(),
                            position: n as i64,
                            kind: t.kind.into(),
                            title: None,
                            owner_user_id: owner,
                            due_on: Stored(started + time::Duration::days(t.due_days)),
                            done_at: done.then(|| local_to_utc(started + time::Duration::days(2), 12, 0).micros()),
                            done_by: if done { owner } else { None },
                        }
                    })
                    .collect();
                st::insert_onboarding(tx.conn(), &row, &items)?;
                tx.audit(org_event(now, AuditAction::Update, "peer_worker", &p.id.to_string(), &org_text));
            }
        }
        Ok(())
    })
}

/// Recruitment: per organisation a posting for each of its current roles
/// (the first open, the others closed or a draft), with applications at every stage and one
/// interview scored by the coordinator and the administrator.
pub(crate) fn seed_recruitment(app: &App, orgs: &[OrgId]) -> AppResult<()> {
    let app2 = app.clone();
    let orgs = orgs.to_vec();
    app.db.write_blocking(move |tx: &mut Tx<'_>| -> AppResult<()> {
        let now = app2.now();
        let today = now.local().date();
        let names = [
            ("Karen Holm", LetterLanguage::Da),
            ("Jonas Madsen", LetterLanguage::Da),
            ("Sara Nguyen", LetterLanguage::En),
            ("Mette Lund", LetterLanguage::Da),
            ("Ali Hassan", LetterLanguage::Da),
            ("Emma Berg", LetterLanguage::En),
        ];
        let motivation = "Jeg har selv været indlagt og ved, hvad det betyder at møde en, der har været der. \
                          Jeg har taget et kursus i at bruge min erfaring og vil gerne give håb videre.";
        for (oi, org) in orgs.iter().enumerate() {
            let roles = sw::current_roles(tx.conn(), *org)?;
            // The organisation's coordinator and administrator sit on the interview panel.
            let (staff, _) = sta::staff_of(tx.conn(), *org, Page { offset: 0, limit: 500 })?;
            let first_of = |role: Role| staff.iter().find(|(u, r)| u.active && *r == role).map(|(u, _)| u.id.get());
            let (coord, admin) = (first_of(Role::Coordinator), first_of(Role::Administrator));
            for (ri, role) in roles.iter().take(3).enumerate() {
                let (status, deadline) = match ri {
                    0 => (PostingStatus::Open, today + time::Duration::days(21)),
                    1 => (PostingStatus::Closed, today - time::Duration::days(30)),
                    _ => (PostingStatus::Draft, today + time::Duration::days(45)),
                };
                let pid: PostingId = app2.next_id();
                sr::insert_posting(
                    tx.conn(),
                    &JobPostingRow {
                        id: Stored(pid),
                        organisation_id: Stored(*org),
                        role_key: role.role_key.clone(),
                        intro: "Vil du bruge din egen erfaring med psykisk sårbarhed og recovery til at støtte andre? \
                                Vi søger en kollega, der kan møde mennesker med håb og respekt."
                            .into(),
                        place: ["Sundhedshuset", "Distriktspsykiatrien", "Recovery-skolen"][ri % 3].into(),
                        deadline: Stored(deadline),
                        starts_on: Stored(deadline + time::Duration::days(30)),
                        status: status.into(),
                        created_by: stored(coord),
                        created_at: now.micros(),
                        updated_at: now.micros(),
                    },
                )?;
                if status == PostingStatus::Draft {
                    continue;
                }
                let stages: &[Stage] = if ri == 0 {
                    &[Stage::Received, Stage::Received, Stage::Screening, Stage::Interview]
                } else {
                    &[Stage::Rejected, Stage::Withdrawn]
                };
                for (ai, stage) in stages.iter().enumerate() {
                    let (name, lang) = names[(oi + ai + ri * 3) % names.len()];
                    let aid: ApplicationId = app2.next_id();
                    let local = name.to_lowercase().replace(' ', ".");
                    let applied = now.plus_seconds(-86_400 * (10 + ai as i64));
                    let decided = stage.is_decision().then(|| now.plus_seconds(-86_400 * 5).micros());
                    sr::insert_application(
                        tx.conn(),
                        &JobApplicationRow {
                            id: Stored(aid),
                            organisation_id: Stored(*org),
                            posting_id: Stored(pid),
                            name: name.into(),
                            email: format!("{local}@ansoeger.example"),
                            phone: Some(format!("20 {:02} {:02} {:02}", 10 + oi, 30 + ai, 40 + ri)),
                            language: Stored(lang),
                            motivation: motivation.into(),
                            stage: Stored(*stage),
                            peer_id: None,
                            decided_at: decided,
                            created_at: applied.micros(),
                            updated_at: now.micros(),
                        },
                    )?;
                    sr::insert_attachment(
                        tx.conn(),
                        &ApplicationAttachmentRow {
                            id: Stored(app2.next_id()),
                            application_id: Stored(aid),
                            file_name: "ansoegning.txt".into(),
                            kind: AttachmentKind::Text.into(),
                            size_bytes: motivation.len() as i64,
                            content: motivation.as_bytes().to_vec(),
                            created_at: applied.micros(),
                        },
                    )?;
                    // The history up to the stage: received, then each step on.
                    let mut path = vec![Stage::Received];
                    match stage {
                        Stage::Screening => path.push(Stage::Screening),
                        Stage::Interview => path.extend([Stage::Screening, Stage::Interview]),
                        Stage::Rejected => path.extend([Stage::Screening, Stage::Rejected]),
                        Stage::Withdrawn => path.push(Stage::Withdrawn),
                        _ => {}
                    }
                    for (si, s) in path.iter().enumerate() {
                        sr::insert_stage(
                            tx.conn(),
                            &ApplicationStageRow {
                                id: app2.new_id(),
                                application_id: Stored(aid),
                                from_stage: (si > 0).then(|| Stored(path[si - 1])),
                                to_stage: Stored(*s),
                                note: None,
                                actor_id: if si == 0 { None } else { stored(coord) },
                                at: applied.plus_seconds(86_400 * si as i64).micros(),
                            },
                        )?;
                    }
                    if *stage == Stage::Interview
                        && let (Some(c), Some(a)) = (&coord, &admin)
                    {
                        let iid: InterviewId = app2.next_id();
                        let at = local_to_utc(today - time::Duration::days(2), 10, 0);
                        sr::insert_interview(
                            tx.conn(),
                            &JobInterviewRow {
                                id: Stored(iid),
                                application_id: Stored(aid),
                                starts_at: at.micros(),
                                place: "Mødelokale 2".into(),
                                online: false,
                                created_by: Some(Stored(*c)),
                                created_at: now.micros(),
                            },
                            &[*c, *a],
                        )?;
                        for (ui, u) in [*c, *a].into_iter().enumerate() {
                            let rows: Vec<InterviewScoreRow> = Competence::ALL
                                .iter()
                                .enumerate()
                                .map(|(ci, comp)| InterviewScoreRow {
                                    interview_id: Stored(iid),
                                    user_id: Stored(u),
                                    competence: comp.code().into(),
                                    score: 3 + ((ci + ui) % 3) as i64,
                                    note: (ci == 0).then(|| "Fortalte levende om sin egen vej.".to_owned()),
                                    at: now.micros(),
                                })
                                .collect();
                            sr::put_scores(tx.conn(), iid, u, &rows)?;
                        }
                    }
                    tx.audit(org_event(now, AuditAction::Create, "application", &aid.to_string(), &org.to_string()));
                }
            }
        }
        Ok(())
    })
}
