//! The demo's journeys: consents and referrals, every peer's matching profile and the wishes of
//! those waiting, a course with sessions and goals for everyone who has had a peer, an offer
//! waiting for each peer-worker login's answer, and group courses with their meetings.

use sammen_app::directory::agreements_involving;
use sammen_app::domain::audit::AuditAction;
use sammen_app::domain::directory::{DataCategory, Mode, join_codes, split_codes};
use sammen_app::domain::journey::courses::{
    ChimeDomain, ConsentAudience, ConsentMethod, ConsentPurpose, CourseStatus, Disclosure, EndReason, GoalStatus, NoteAudience, OfferState,
    ReferralSource, ReferralStatus, SessionKind, SessionStatus, Topic,
};
use sammen_app::domain::journey::groups::{GroupKind, GroupStatus, MeetingStatus};
use sammen_app::domain::journey::intake::ReferralInput;
use sammen_app::domain::measurement::InvitationStatus;
use sammen_app::domain::people::{Gender, ParticipantStatus, Role};
use sammen_app::domain::time::{Timestamp, local_to_utc};
use sammen_app::domain::{ConsentId, CourseId, GoalId, GroupId, MeetingId, OrgId, ParticipantId, PeerWorkerId, UserId};
use sammen_app::journey::intake::{NewConsent, SCOPE_MEASUREMENT, SCOPE_REFERRAL, SCOPE_SUPPORT, insert_referral};
use sammen_app::store::rows::{
    ConsentRow, CourseRow, GoalProgressRow, GoalRow, GroupAttendanceRow, GroupCourseRow, GroupEnrolmentRow, GroupMeetingRow,
    ParticipantRow, PeerProfileRow, PeerWorkerRow, ProgrammeRow, SupportSessionRow, WishesRow,
};
use sammen_app::store::{
    Page, StoreError, Stored, Tx, access as sta, directory as sd, journey::courses as ss, journey::groups as sg, measurement as sm,
    people as sp,
};
use sammen_app::{App, AppError, AppResult};

use crate::{Rng, org_event};

const DAY: i64 = 86_400_000_000;

/// Towns of the fictional region, with a point each (the demo's organisations' home ground).
const PLACES: &[(&str, f64, f64)] =
    &[("Søby", 56.16, 9.55), ("Havnstrup", 56.04, 9.93), ("Lindholm", 56.31, 9.42), ("Østerdal", 56.20, 9.80), ("Bakkely", 55.95, 9.62)];

const GOALS: &[(&str, ChimeDomain)] = &[
    ("Komme ud at gå to gange om ugen", ChimeDomain::Empowerment),
    ("Tage kontakt til en gammel ven", ChimeDomain::Connectedness),
    ("Sove bedre og få en fast døgnrytme", ChimeDomain::Hope),
    ("Begynde på et kursus på VUC", ChimeDomain::Meaning),
    ("Sige min mening på møder i jobcentret", ChimeDomain::Empowerment),
    ("Finde et fællesskab, hvor jeg hører til", ChimeDomain::Connectedness),
    ("Fortælle min historie uden skam", ChimeDomain::Identity),
];

const NOTES: &[&str] = &[
    "God snak om ugens små sejre.",
    "Fulgtes til mødet i jobcentret; gik godt.",
    "Gik en tur ved søen og talte om søvn.",
    "Talte om at sætte grænser over for familien.",
    "Planlagde næste skridt mod kurset.",
    "Svær uge; aftalte at ringe på torsdag.",
];

fn topics(rng: &Rng, k: usize) -> Vec<Topic> {
    let mut out: Vec<Topic> = (0..k).map(|_| Topic::ALL[rng.n(Topic::ALL.len())]).collect();
    out.sort();
    out.dedup();
    out
}

fn slots(rng: &Rng) -> String {
    let days = ["mon", "tue", "wed", "thu", "fri"];
    let a = rng.n(5);
    let b = (a + 1 + rng.n(4)) % 5;
    let from = 9 + rng.n(5);
    format!("{} {}-{}, {} {}-{}", days[a.min(b)], from, from + 3, days[a.max(b)], from, from + 3)
}

fn place(rng: &Rng) -> (&'static str, f64, f64) {
    let (name, lat, lon) = PLACES[rng.n(PLACES.len())];
    (name, lat + (rng.n(200) as f64 - 100.0) / 2000.0, lon + (rng.n(200) as f64 - 100.0) / 1500.0)
}

/// Profiles, wishes, courses, sessions and goals for the demo's peers and participants.
pub(crate) fn seed_courses(
    app: &App,
    rng: &Rng,
    peers: &[PeerWorkerRow],
    participants: &[ParticipantRow],
    programmes: &[ProgrammeRow],
) -> AppResult<()> {
    let now = app.now().micros();
    let mut profiles = Vec::new();
    for p in peers {
        let (town, lat, lon) = place(rng);
        let consent = rng.chance(80);
        profiles.push(PeerProfileRow {
            peer_id: p.id,
            topics: if consent { join_codes(&topics(rng, 3)) } else { String::new() },
            topics_consent_at: consent.then_some(now - 200 * DAY),
            disclosure: Stored([Disclosure::Colleagues, Disclosure::Participants, Disclosure::NotDisclosed][rng.n(3)]),
            presentation: Some("Jeg har selv haft en lang periode med angst og depression og ved, hvor meget det betyder at blive mødt af en, der forstår.".into()),
            gender: Some(Stored([Gender::Female, Gender::Male, Gender::Female, Gender::Other][rng.n(4)])),
            locality: Some(town.into()),
            lat: Some(lat),
            lon: Some(lon),
            // A demo login's record has room for two more than it has, so it can be matched.
            capacity: if p.user_id.is_some() {
                participants.iter().filter(|x| x.assigned_peer_id == Some(p.id) && x.status != ParticipantStatus::Closed).count() as i64 + 3
            } else {
                4 + rng.n(4) as i64
            },
            availability: slots(rng),
            calendar_token_hash: None,
            calendar_token_at: None,
            updated_at: now,
        });
    }
    let mut wishes = Vec::new();
    let mut courses = Vec::new();
    let mut sessions = Vec::new();
    let mut goals = Vec::new();
    let mut progress = Vec::new();
    let mut closed_unassigned = Vec::new();
    let mut first_of_login = Vec::new();
    for p in participants {
        let programme = programmes.iter().find(|x| Some(x.id) == p.programme_id);
        let modes: Vec<Mode> = programme.map(|x| split_codes(&x.modes, Mode::parse)).unwrap_or_default();
        let (town, lat, lon) = place(rng);
        let wished_modes: Vec<Mode> = modes.iter().copied().filter(|_| rng.chance(80)).collect();
        wishes.push(WishesRow {
            participant_id: p.id,
            topics: join_codes(&topics(rng, 2)),
            modes: join_codes(if wished_modes.is_empty() { &modes } else { &wished_modes }),
            peer_gender: if rng.chance(20) { "female".into() } else { String::new() },
            locality: Some(town.into()),
            lat: Some(lat),
            lon: Some(lon),
            max_distance_km: Some([15.0, 25.0, 40.0][rng.n(3)]),
            availability: slots(rng),
            goals: Some(GOALS[rng.n(GOALS.len())].0.into()),
            excluded_peers: String::new(),
            waiting_since: Some(p.created_at),
            priority: false,
            updated_at: now,
        });
        let Some(peer) = p.assigned_peer_id else { continue };
        let zone = crate::zone_of(app, p.organisation_id.get());
        let started = p.started_at.unwrap_or(p.created_at);
        let ended = p.closed_at;
        let course_id: CourseId = app.next_id();
        let reason = [EndReason::GoalsReached, EndReason::GoalsReached, EndReason::OtherSupport, EndReason::DroppedOut][rng.n(4)];
        courses.push(CourseRow {
            id: Stored(course_id),
            organisation_id: p.organisation_id,
            programme_id: p.programme_id,
            participant_id: p.id,
            peer_id: peer,
            status: Stored(if ended.is_some() {
                CourseStatus::Ended
            } else if rng.chance(8) {
                CourseStatus::Paused
            } else {
                CourseStatus::Active
            }),
            offer: Stored(OfferState::Accepted),
            match_score: Some(40.0 + rng.n(50) as f64),
            match_parts: None,
            approved_by: None,
            approved_at: Some(started - 7 * DAY),
            responded_at: Some(started - 5 * DAY),
            decline_reason: None,
            started_on: Some(Stored(Timestamp(started).date_in(&zone))),
            ended_on: ended.map(|e| Stored(Timestamp(e).date_in(&zone))),
            end_reason: ended.map(|_| Stored(reason)),
            handed_over_from: None,
            handover_note: None,
            created_at: started - 7 * DAY,
            updated_at: ended.unwrap_or(started),
        });
        if ended.is_some() {
            closed_unassigned.push(p.id.get());
        }
        let until = ended.unwrap_or(now);
        let mode = modes.first().copied().unwrap_or(Mode::Phone);
        // Sessions on weekdays' office hours (08–14 UTC), spread over the course: at most 14.
        let hour = 3600 * 1_000_000;
        let step = ((until - started) / 14).max(7 * DAY);
        let mut day = started - started.rem_euclid(DAY) + DAY;
        let mut n = 0;
        while day < until && n < 14 {
            let at = day + (8 + rng.n(6) as i64) * hour;
            if at >= until {
                break;
            }
            let kind = [SessionKind::Conversation, SessionKind::Conversation, SessionKind::Accompaniment, SessionKind::Activity][rng.n(4)];
            sessions.push(SupportSessionRow {
                id: Stored(app.next_id()),
                organisation_id: p.organisation_id,
                course_id: Stored(course_id),
                status: Stored(if rng.chance(8) { SessionStatus::Cancelled } else { SessionStatus::Held }),
                starts_at: at,
                duration_minutes: [45, 60, 60, 90][rng.n(4)],
                mode: mode.into(),
                place: (mode == Mode::InPerson).then(|| format!("Aktivitetshuset, {town}")),
                kind: kind.into(),
                note: Some(NOTES[rng.n(NOTES.len())].into()),
                note_audience: Stored(if rng.chance(25) { NoteAudience::Peer } else { NoteAudience::Team }),
                author_id: None,
                created_at: at,
                updated_at: at,
            });
            day += step - step.rem_euclid(DAY) + (rng.n(3) as i64) * DAY;
            n += 1;
        }
        if ended.is_none() {
            // The next session, a few days ahead.
            let next = now - now.rem_euclid(DAY) + (1 + rng.n(6) as i64) * DAY + (8 + rng.n(6) as i64) * hour;
            sessions.push(SupportSessionRow {
                id: Stored(app.next_id()),
                organisation_id: p.organisation_id,
                course_id: Stored(course_id),
                status: Stored(SessionStatus::Planned),
                starts_at: next,
                duration_minutes: 60,
                mode: mode.into(),
                place: (mode == Mode::InPerson).then(|| format!("Biblioteket, {town}")),
                kind: SessionKind::Conversation.into(),
                note: None,
                note_audience: Stored(NoteAudience::Team),
                author_id: None,
                created_at: now,
                updated_at: now,
            });
            // A demo peer login's first open course: a session in two hours, and yesterday's
            // still to be logged, so the peer's start page has today's work on it.
            if peers.iter().any(|x| x.id == peer && x.user_id.is_some()) && !first_of_login.contains(&peer) {
                first_of_login.push(peer);
                for at in [now + 2 * hour, now - DAY] {
                    sessions.push(SupportSessionRow {
                        id: Stored(app.next_id()),
                        organisation_id: p.organisation_id,
                        course_id: Stored(course_id),
                        status: Stored(SessionStatus::Planned),
                        starts_at: at,
                        duration_minutes: 60,
                        mode: mode.into(),
                        place: (mode == Mode::InPerson).then(|| format!("Biblioteket, {town}")),
                        kind: SessionKind::Conversation.into(),
                        note: None,
                        note_audience: Stored(NoteAudience::Team),
                        author_id: None,
                        created_at: now,
                        updated_at: now,
                    });
                }
            }
        }
        for g in 0..(1 + rng.n(2)) {
            let (text, domain) = GOALS[(rng.n(GOALS.len()) + g) % GOALS.len()];
            let goal_id: GoalId = app.next_id();
            let reached = ended.is_some() && reason == EndReason::GoalsReached;
            goals.push(GoalRow {
                id: Stored(goal_id),
                organisation_id: p.organisation_id,
                participant_id: p.id,
                course_id: Some(Stored(course_id)),
                text: text.into(),
                domain: Some(domain.into()),
                status: Stored(if reached { GoalStatus::Reached } else { GoalStatus::Open }),
                created_at: started,
                updated_at: until,
            });
            let mut value = 1 + rng.n(3) as i64;
            let mut on = started + 14 * DAY;
            while on < until {
                progress.push(GoalProgressRow {
                    id: app.new_id(),
                    goal_id: Stored(goal_id),
                    recorded_on: Stored(Timestamp(on).date_in(&zone)),
                    value: value.min(10),
                    note: None,
                    author_id: None,
                    created_at: on,
                });
                value += rng.n(3) as i64;
                on += 30 * DAY;
            }
        }
    }
    // An offer waiting for each demo peer-worker account: a waiting participant of its
    // organisation in a programme it can serve.
    for peer in peers.iter().filter(|p| p.user_id.is_some()) {
        let Some(p) = participants.iter().find(|p| p.organisation_id == peer.organisation_id && p.status == ParticipantStatus::Waiting)
        else {
            continue;
        };
        courses.push(CourseRow {
            id: Stored(app.next_id()),
            organisation_id: p.organisation_id,
            programme_id: p.programme_id,
            participant_id: p.id,
            peer_id: peer.id,
            status: Stored(CourseStatus::Planned),
            offer: Stored(OfferState::Pending),
            match_score: Some(71.5),
            match_parts: Some(r#"{"topics":30.0,"availability":12.5,"distance":11.0,"waiting":8.0,"continuity":0.0}"#.into()),
            approved_by: None,
            approved_at: Some(now - DAY),
            responded_at: None,
            decline_reason: None,
            started_on: None,
            ended_on: None,
            end_reason: None,
            handed_over_from: None,
            handover_note: None,
            created_at: now - DAY,
            updated_at: now - DAY,
        });
    }
    app.db.write_blocking(move |tx: &mut Tx<'_>| -> Result<(), StoreError> {
        for p in &profiles {
            ss::put_profile(tx.conn(), p)?;
        }
        for w in &wishes {
            ss::put_wishes(tx.conn(), w)?;
        }
        for c in &courses {
            ss::insert_course(tx.conn(), c)?;
            tx.audit(org_event(Timestamp(c.created_at), AuditAction::Create, "course", &c.id.to_string(), &c.organisation_id.to_string()));
        }
        for s in &sessions {
            ss::insert_session(tx.conn(), s)?;
        }
        for g in &goals {
            ss::insert_goal(tx.conn(), g)?;
        }
        for p in &progress {
            ss::insert_progress(tx.conn(), p)?;
        }
        // A closed participant's record is no longer read by their peer.
        for id in &closed_unassigned {
            if let Some(mut p) = sp::participant(tx.conn(), *id)? {
                p.assigned_peer_id = None;
                sp::update_participant(tx.conn(), &p)?;
            }
        }
        Ok(())
    })?;
    Ok(())
}

/// Consents and referrals: every participant a `support`
/// consent and most a `measurement` consent, one of them withdrawn; two self-referrals per
/// organisation; referrals from partners' referrers where an agreement lists referral status,
/// one of them declined.
pub(crate) fn seed_intake(app: &App, orgs: &[OrgId]) -> AppResult<()> {
    let app2 = app.clone();
    let orgs = orgs.to_vec();
    app.db.write_blocking(move |tx: &mut Tx<'_>| -> AppResult<()> { seed_in(tx, &app2, &orgs, app2.now()) })
}

/// Cancels the open questionnaires of a participant who withdrew their consent to them.
fn cancel_invitations(tx: &mut Tx<'_>, p: &ParticipantRow, now: Timestamp) -> Result<(), StoreError> {
    for mut inv in sm::pending_for(tx.conn(), &[p.id.get()])? {
        inv.status = InvitationStatus::Cancelled.into();
        inv.updated_at = now.micros();
        sm::update_invitation(tx.conn(), &inv)?;
    }
    Ok(())
}

fn seed_in(tx: &mut Tx<'_>, app: &App, orgs: &[OrgId], now: Timestamp) -> AppResult<()> {
    let mut k = 0usize;
    for org in orgs {
        let q = sp::ParticipantQuery::in_org(*org);
        let (participants, _) = sp::search_participants(tx.conn(), &q, Page { offset: 0, limit: 10_000 })?;
        for p in &participants {
            k += 1;
            let consent = |id: ConsentId, purpose: ConsentPurpose, scope: &str, withdrawn: bool| ConsentRow {
                id: Stored(id),
                organisation_id: Stored(*org),
                participant_id: p.id,
                purpose: purpose.into(),
                scope: scope.into(),
                audience: join_codes(&[ConsentAudience::Peer, ConsentAudience::Coordinators]),
                method: Stored(if k.is_multiple_of(3) { ConsentMethod::Verbal } else { ConsentMethod::Written }),
                given_at: p.created_at,
                valid_until: None,
                recorded_by: None,
                withdrawn_at: withdrawn.then_some(now.micros()),
                withdrawn_by: None,
                withdrawal_note: None,
            };
            ss::insert_consent(tx.conn(), &consent(app.next_id(), ConsentPurpose::Support, SCOPE_SUPPORT, false))?;
            if !k.is_multiple_of(5) {
                // One demo participant has withdrawn their consent to questionnaires.
                let withdrawn = k == 4;
                ss::insert_consent(tx.conn(), &consent(app.next_id(), ConsentPurpose::Measurement, SCOPE_MEASUREMENT, withdrawn))?;
                if withdrawn {
                    cancel_invitations(tx, p, now)?;
                }
            }
        }
        let (programmes, _) = sd::programmes_of(tx.conn(), &[*org], Page { offset: 0, limit: 10 })?;
        // The referral form's parser takes the programme as text.
        let first = programmes.first().map(|p| p.id.to_string());
        let selves = [
            (
                "Maja Selvhenvist",
                "Jeg har det svært efter en indlæggelse og vil gerne tale med en, der selv har prøvet det.",
                first.as_deref(),
            ),
            ("Omar Selvhenvist", "Angst gør det svært at komme ud. Jeg vil gerne have følgeskab til aktiviteter.", None),
        ];
        for (name, reason, programme) in selves {
            let person = ReferralInput::parse(name, Some("20304050"), None, Some("1991"), "da", reason, programme, 2026)
                .map_err(AppError::Validation)?;
            let consents = [NewConsent {
                purpose: ConsentPurpose::Support,
                scope: SCOPE_SUPPORT,
                audience: vec![ConsentAudience::Peer, ConsentAudience::Coordinators],
                method: ConsentMethod::SelfForm,
            }];
            let (_, r) = insert_referral(tx, app, *org, &person, ReferralSource::SelfReferral, None, &consents, now)?;
            tx.audit(org_event(now, AuditAction::Create, "referral", &r.id.to_string(), &org.to_string()));
        }
    }
    // Referrals from partners' referrers, where an agreement in force lists referral status.
    let mut declined = false;
    for org in orgs {
        let mut partners: Vec<OrgId> = Vec::new();
        for (_, a) in agreements_involving(tx.conn(), *org)? {
            if a.in_force(sammen_app::zone::today_in(tx.conn(), Some(*org), now)?) && a.categories.contains(&DataCategory::ReferralStatus) {
                for p in a.parties.iter().filter(|p| *p != org) {
                    if !partners.contains(p) {
                        partners.push(*p);
                    }
                }
            }
        }
        for partner in partners {
            let staff = sta::staff_of(tx.conn(), partner, Page { offset: 0, limit: 200 })?.0;
            let Some((u, _)) = staff.into_iter().find(|(_, r)| *r == Role::Referrer) else { continue };
            let user: UserId = u.id.get();
            for name in ["Kim Henvist", "Lone Henvist"] {
                let person =
                    ReferralInput::parse(name, Some("30405060"), None, None, "da", "Udskrevet for nylig; ønsker peerstøtte.", None, 2026)
                        .map_err(AppError::Validation)?;
                let consents = [NewConsent {
                    purpose: ConsentPurpose::Support,
                    scope: SCOPE_REFERRAL,
                    audience: vec![ConsentAudience::Peer, ConsentAudience::Coordinators, ConsentAudience::Referrer],
                    method: ConsentMethod::Verbal,
                }];
                let (p, mut r) = insert_referral(tx, app, *org, &person, ReferralSource::Partner, Some((partner, user)), &consents, now)?;
                tx.audit(org_event(now, AuditAction::Create, "referral", &r.id.to_string(), &org.to_string()));
                if !declined {
                    // One declined: the person's record is gone, the referral keeps its status.
                    declined = true;
                    r.participant_id = None;
                    r.reason = None;
                    r.status = ReferralStatus::Declined.into();
                    r.decided_at = Some(now.micros());
                    r.decision_note = Some("Uden for målgruppen; henvist til kommunens tilbud.".into());
                    ss::update_referral(tx.conn(), &r)?;
                    sp::delete_participant(tx.conn(), p.id.get())?;
                }
            }
        }
    }
    Ok(())
}

const GROUP_PLACES: &[&str] = &["Aktivitetshuset, lokale 2", "Biblioteket, mødelokalet", "Recovery-caféen, Torvet 3"];

/// Per organisation: a recovery group and a WRAP course facilitated by demo peers (the one
/// with a login first), a dozen past meetings with attendance and a few upcoming ones, and a
/// monthly recovery café with head counts. One write job.
pub(crate) fn seed_groups(app: &App, rng: Rng, orgs: &[OrgId]) -> AppResult<()> {
    let app2 = app.clone();
    let orgs = orgs.to_vec();
    app.db.write_blocking(move |tx: &mut Tx<'_>| -> AppResult<()> {
        let now = app2.now();
        let week = 7 * 24 * 3600;
        // Today at 17:00 Danish time, as the anchor of the weekly schedule.
        let today = now.local().date();
        let anchor = local_to_utc(today, 17, 0);
        let rnd = |below: u32| -> u32 { rng.n(below as usize) as u32 };
        for &org in &orgs {
            let org_text = org.to_string();
            let (mut peers, _) = sp::peers_of_org(tx.conn(), org, Page { offset: 0, limit: 50 })?;
            peers.sort_by_key(|p| p.user_id.is_none());
            let participants = sg::enrolment_choices(tx.conn(), org)?;
            // The groups run in the organisation's first programme, so its reports count their hours.
            let programme = sd::programmes_of(tx.conn(), &[org], Page { offset: 0, limit: 1 })?.0.first().map(|p| p.id);
            let specs: [(&str, GroupKind, Option<i64>, &str); 3] = [
                ("Recovery-gruppe", GroupKind::Course, Some(10), "Et fast mødested hver uge: erfaringer, håb og små skridt."),
                ("WRAP-forløb", GroupKind::Course, Some(8), "Wellness Recovery Action Planning over tolv gange."),
                ("Recovery-café", GroupKind::OpenEvent, None, "Åben café en gang om måneden. Alle er velkomne, ingen tilmelding."),
            ];
            let mut taken = 0usize;
            for (i, (name, kind, capacity, description)) in specs.iter().enumerate() {
                let gid: GroupId = app2.next_id();
                let row = GroupCourseRow {
                    id: Stored(gid),
                    organisation_id: Stored(org),
                    programme_id: programme,
                    kind: Stored(*kind),
                    name: (*name).into(),
                    description: Some((*description).into()),
                    mode: Mode::InPerson.into(),
                    place: Some(GROUP_PLACES[i % GROUP_PLACES.len()].into()),
                    capacity: *capacity,
                    status: GroupStatus::Running.into(),
                    created_at: now.micros(),
                    updated_at: now.micros(),
                };
                sg::insert_group(tx.conn(), &row)?;
                tx.audit(org_event(now, AuditAction::Create, "group_course", &gid.to_string(), &org_text));
                let mut facilitators: Vec<PeerWorkerId> = peers.iter().skip(i % 2).take(2).map(|p| p.id.get()).collect();
                if let Some(first) = peers.first()
                    && !facilitators.contains(&first.id)
                {
                    facilitators.push(first.id.get());
                }
                sg::set_facilitators(tx.conn(), gid, &facilitators)?;
                // Members: a handful of the organisation's participants, each in one course.
                let members: Vec<ParticipantId> = if *kind == GroupKind::Course {
                    let n = usize::try_from(capacity.unwrap_or(6) - 2).unwrap_or(4).min(participants.len().saturating_sub(taken));
                    let list = participants.iter().skip(taken).take(n).map(|p| p.0).collect();
                    taken += n;
                    list
                } else {
                    Vec::new()
                };
                let (past, step) = if *kind == GroupKind::OpenEvent { (6i64, 4 * week) } else { (12i64, week) };
                for (k, member) in members.iter().enumerate() {
                    let left = (k == 0).then(|| anchor.plus_seconds(-3 * week).micros());
                    let row = GroupEnrolmentRow {
                        id: app2.new_id(),
                        group_id: Stored(gid),
                        participant_id: Stored(*member),
                        enrolled_at: anchor.plus_seconds(-(past + 1) * step).micros(),
                        left_at: left,
                    };
                    sg::insert_enrolment(tx.conn(), &row)?;
                    tx.audit(org_event(now, AuditAction::Update, "participant", &member.to_string(), &org_text));
                }
                for w in -past..=3 {
                    // 17:00 Danish time on the day, in summer and winter alike.
                    let day = today + time::Duration::days((w * step + i as i64 * 24 * 3600) / (24 * 3600));
                    let starts = local_to_utc(day, 17, 0);
                    let held = starts < now;
                    let cancelled = held && rnd(12) == 0;
                    let status = if cancelled {
                        MeetingStatus::Cancelled
                    } else if held {
                        MeetingStatus::Held
                    } else {
                        MeetingStatus::Planned
                    };
                    let mid: MeetingId = app2.next_id();
                    let m = GroupMeetingRow {
                        id: Stored(mid),
                        group_id: Stored(gid),
                        starts_at: starts.micros(),
                        duration_minutes: if *kind == GroupKind::OpenEvent { 120 } else { 90 },
                        place: None,
                        status: status.into(),
                        anonymous_count: (held && !cancelled && *kind == GroupKind::OpenEvent).then(|| i64::from(8 + rnd(15))),
                        note: None,
                        created_at: now.micros(),
                        updated_at: now.micros(),
                    };
                    sg::insert_meeting(tx.conn(), &m)?;
                    if status == MeetingStatus::Held && *kind == GroupKind::Course {
                        let rows: Vec<GroupAttendanceRow> = members
                            .iter()
                            .enumerate()
                            .filter(|(k, _)| *k != 0 || starts < anchor.plus_seconds(-3 * week))
                            .map(|(_, p)| GroupAttendanceRow {
                                meeting_id: Stored(mid),
                                participant_id: Stored(*p),
                                present: rnd(100) < 78,
                            })
                            .collect();
                        sg::set_attendance(tx.conn(), &mid.to_string(), &rows)?;
                    }
                }
            }
        }
        Ok(())
    })
}
