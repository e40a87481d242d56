//! The demo data set's courses of support: every peer worker's matching profile, the wishes of
//! those waiting, a course with sessions and goals for everyone who has had a peer, and an offer
//! waiting for each demo peer-worker account's answer.

use sammen_domain::audit::AuditAction;
use sammen_domain::org::{Mode, join_codes, split_codes};
use sammen_domain::support::{ChimeDomain, Disclosure, EndReason, SessionKind, Topic};
use sammen_domain::time::{Timestamp, format_date};
use sammen_store::rows::{
    CourseRow, GoalProgressRow, GoalRow, ParticipantRow, PeerProfileRow, PeerWorkerRow, ProgrammeRow, SupportSessionRow, WishesRow,
};
use sammen_store::{StoreError, Tx, people as sp, support as ss};

use crate::{App, AppResult};

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

/// A small deterministic generator, so the demo is the same every time for the same seed.
struct Rng(u64);
impl Rng {
    fn n(&mut self, below: usize) -> usize {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % below.max(1)
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.n(100) < percent
    }
}

fn topics(rng: &mut Rng, k: usize) -> Vec<Topic> {
    let mut out: Vec<Topic> = (0..k).map(|_| Topic::ALL[rng.n(Topic::ALL.len())]).collect();
    out.sort();
    out.dedup();
    out
}

fn slots(rng: &mut Rng) -> String {
    let days = ["mon", "tue", "wed", "thu", "fri"];
    let a = rng.n(5);
    let b = (a + 1 + rng.n(4)) % 5;
    let from = 9 + rng.n(5);
    format!("{} {}-{}, {} {}-{}", days[a.min(b)], from, from + 3, days[a.max(b)], from, from + 3)
}

fn place(rng: &mut Rng) -> (&'static str, f64, f64) {
    let (name, lat, lon) = PLACES[rng.n(PLACES.len())];
    (name, lat + (rng.n(200) as f64 - 100.0) / 2000.0, lon + (rng.n(200) as f64 - 100.0) / 1500.0)
}

/// Seeds profiles, wishes, courses, sessions and goals for the demo's peers and participants.
pub(crate) fn seed(app: &App, peers: &[PeerWorkerRow], participants: &[ParticipantRow], programmes: &[ProgrammeRow]) -> AppResult<()> {
    let now = app.now().micros();
    let mut rng = Rng(0x5a33_e11e);
    let mut profiles = Vec::new();
    for p in peers {
        let (town, lat, lon) = place(&mut rng);
        let consent = rng.chance(80);
        profiles.push(PeerProfileRow {
            peer_id: p.id.clone(),
            topics: if consent { join_codes(&topics(&mut rng, 3)) } else { String::new() },
            topics_consent_at: consent.then_some(now - 200 * DAY),
            disclosure: [Disclosure::Colleagues, Disclosure::Participants, Disclosure::NotDisclosed][rng.n(3)].code().into(),
            presentation: Some("Jeg har selv haft en lang periode med angst og depression og ved, hvor meget det betyder at blive mødt af en, der forstår.".into()),
            gender: Some(["female", "male", "female", "other"][rng.n(4)].into()),
            locality: Some(town.into()),
            lat: Some(lat),
            lon: Some(lon),
            // A demo login's record has room for two more than it has, so it can be matched.
            capacity: if p.user_id.is_some() {
                participants.iter().filter(|x| x.assigned_peer_id.as_ref() == Some(&p.id) && x.status != "closed").count() as i64 + 3
            } else {
                4 + rng.n(4) as i64
            },
            availability: slots(&mut rng),
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
    for p in participants {
        let programme = programmes.iter().find(|x| Some(&x.id) == p.programme_id.as_ref());
        let modes: Vec<Mode> = programme.map(|x| split_codes(&x.modes, Mode::parse)).unwrap_or_default();
        let (town, lat, lon) = place(&mut rng);
        let wished_modes: Vec<Mode> = modes.iter().copied().filter(|_| rng.chance(80)).collect();
        wishes.push(WishesRow {
            participant_id: p.id.clone(),
            topics: join_codes(&topics(&mut rng, 2)),
            modes: join_codes(if wished_modes.is_empty() { &modes } else { &wished_modes }),
            peer_gender: if rng.chance(20) { "female".into() } else { String::new() },
            locality: Some(town.into()),
            lat: Some(lat),
            lon: Some(lon),
            max_distance_km: Some([15.0, 25.0, 40.0][rng.n(3)]),
            availability: slots(&mut rng),
            goals: Some(GOALS[rng.n(GOALS.len())].0.into()),
            excluded_peers: String::new(),
            waiting_since: Some(p.created_at),
            priority: false,
            updated_at: now,
        });
        let Some(peer) = p.assigned_peer_id.clone() else { continue };
        let started = p.started_at.unwrap_or(p.created_at);
        let ended = p.closed_at;
        let course_id = app.new_id();
        let reason = [EndReason::GoalsReached, EndReason::GoalsReached, EndReason::OtherSupport, EndReason::DroppedOut][rng.n(4)];
        courses.push(CourseRow {
            id: course_id.clone(),
            organisation_id: p.organisation_id.clone(),
            programme_id: p.programme_id.clone(),
            participant_id: p.id.clone(),
            peer_id: peer.clone(),
            status: if ended.is_some() {
                "ended"
            } else if rng.chance(8) {
                "paused"
            } else {
                "active"
            }
            .into(),
            offer: "accepted".into(),
            match_score: Some(40.0 + rng.n(50) as f64),
            match_parts: None,
            approved_by: None,
            approved_at: Some(started - 7 * DAY),
            responded_at: Some(started - 5 * DAY),
            decline_reason: None,
            started_on: Some(format_date(Timestamp(started).date())),
            ended_on: ended.map(|e| format_date(Timestamp(e).date())),
            end_reason: ended.map(|_| reason.code().to_owned()),
            handed_over_from: None,
            handover_note: None,
            created_at: started - 7 * DAY,
            updated_at: ended.unwrap_or(started),
        });
        if ended.is_some() {
            closed_unassigned.push(p.id.clone());
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
                id: app.new_id(),
                organisation_id: p.organisation_id.clone(),
                course_id: course_id.clone(),
                status: if rng.chance(8) { "cancelled" } else { "held" }.into(),
                starts_at: at,
                duration_minutes: [45, 60, 60, 90][rng.n(4)],
                mode: mode.code().into(),
                place: (mode == Mode::InPerson).then(|| format!("Aktivitetshuset, {town}")),
                kind: kind.code().into(),
                note: Some(NOTES[rng.n(NOTES.len())].into()),
                note_audience: if rng.chance(25) { "peer" } else { "team" }.into(),
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
                id: app.new_id(),
                organisation_id: p.organisation_id.clone(),
                course_id: course_id.clone(),
                status: "planned".into(),
                starts_at: next,
                duration_minutes: 60,
                mode: mode.code().into(),
                place: (mode == Mode::InPerson).then(|| format!("Biblioteket, {town}")),
                kind: SessionKind::Conversation.code().into(),
                note: None,
                note_audience: "team".into(),
                author_id: None,
                created_at: now,
                updated_at: now,
            });
        }
        for g in 0..(1 + rng.n(2)) {
            let (text, domain) = GOALS[(rng.n(GOALS.len()) + g) % GOALS.len()];
            let goal_id = app.new_id();
            let reached = ended.is_some() && reason == EndReason::GoalsReached;
            goals.push(GoalRow {
                id: goal_id.clone(),
                organisation_id: p.organisation_id.clone(),
                participant_id: p.id.clone(),
                course_id: Some(course_id.clone()),
                text: text.into(),
                domain: Some(domain.code().into()),
                status: if reached { "reached" } else { "open" }.into(),
                created_at: started,
                updated_at: until,
            });
            let mut value = 1 + rng.n(3) as i64;
            let mut on = started + 14 * DAY;
            while on < until {
                progress.push(GoalProgressRow {
                    id: app.new_id(),
                    goal_id: goal_id.clone(),
                    recorded_on: format_date(Timestamp(on).date()),
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
        let Some(p) = participants.iter().find(|p| p.organisation_id == peer.organisation_id && p.status == "waiting") else { continue };
        courses.push(CourseRow {
            id: app.new_id(),
            organisation_id: p.organisation_id.clone(),
            programme_id: p.programme_id.clone(),
            participant_id: p.id.clone(),
            peer_id: peer.id.clone(),
            status: "planned".into(),
            offer: "pending".into(),
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
            tx.audit(crate::demo::demo_event(Timestamp(c.created_at), AuditAction::Create, "course", &c.id, &c.organisation_id));
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
            if let Some(mut p) = sp::participant(tx.conn(), id)? {
                p.assigned_peer_id = None;
                sp::update_participant(tx.conn(), &p)?;
            }
        }
        Ok(())
    })?;
    Ok(())
}
