//! Matching waiting participants to peer workers: the participant's wishes,
//! the peer's matching profile (with the disclosure preference and the consent that areas of
//! lived experience need), the proposal made by `sammen_matching` over a programme's waiting
//! list, and the coordinator's approval, which offers each pair to its peer as a planned course.

use std::collections::{BTreeMap, HashMap};

use sammen_domain::audit::AuditAction;
use sammen_domain::directory::{Mode, join_codes, split_codes};
use sammen_domain::journey::courses::{
    ConsentPurpose, CourseStatus, Disclosure, EndReason, OfferState, PeerProfileInput, Slot, Topic, Viewer, WishesInput,
    format_availability, parse_availability,
};
use sammen_domain::people::{Gender, PeerStatus};
use sammen_domain::policy::{self, Basis, PeerTarget};
use sammen_domain::time::Timestamp;
use sammen_domain::workforce::roles::RequiredTraining;
use sammen_domain::{CourseId, OrgId, ParticipantId, PeerWorkerId, ProgrammeId, ValidationErrors};
use sammen_matching as engine;
use sammen_store::rows::{CourseRow, PeerProfileRow, PeerWorkerRow, WishesRow};
use sammen_store::{DbConnection, Page, StoreError, Stored, Tx, Unstore, directory as sd, journey::courses as ss, people as sp, stored};

use crate::people::participant_access;
use crate::{App, AppError, AppResult, Ctx, Subject, guarded};

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(what.to_owned())
}

fn ids<T: std::str::FromStr>(raw: &str) -> Vec<T> {
    raw.split(',').filter(|s| !s.is_empty()).filter_map(|s| s.parse().ok()).collect()
}

// ---------------------------------------------------------------- wishes

/// A participant's wishes for their peer.
#[derive(Debug, Clone, Default)]
pub struct WishesView {
    pub topics: Vec<Topic>,
    pub modes: Vec<Mode>,
    /// Empty: no wish.
    pub peer_gender: Vec<Gender>,
    pub locality: Option<String>,
    pub location: Option<(f64, f64)>,
    pub max_distance_km: Option<f64>,
    pub availability: Vec<Slot>,
    pub goals: Option<String>,
    pub excluded_peers: Vec<PeerWorkerId>,
    pub waiting_since: Option<Timestamp>,
    pub priority: bool,
}

impl WishesView {
    pub fn availability_text(&self) -> String {
        format_availability(&self.availability)
    }
}

fn location_of(lat: Option<f64>, lon: Option<f64>) -> Option<(f64, f64)> {
    lat.zip(lon)
}

pub(crate) fn wishes_view(w: &WishesRow) -> WishesView {
    WishesView {
        topics: split_codes(&w.topics, Topic::parse),
        modes: split_codes(&w.modes, Mode::parse),
        peer_gender: split_codes(&w.peer_gender, Gender::parse),
        locality: w.locality.clone(),
        location: location_of(w.lat, w.lon),
        max_distance_km: w.max_distance_km,
        availability: parse_availability(&w.availability).unwrap_or_default(),
        goals: w.goals.clone(),
        excluded_peers: ids(&w.excluded_peers),
        waiting_since: w.waiting_since.map(Timestamp),
        priority: w.priority,
    }
}

/// An empty wishes row for a participant: nothing stated, not on a waiting list yet.
pub(crate) fn empty_wishes(participant: ParticipantId, now: Timestamp) -> WishesRow {
    WishesRow {
        participant_id: Stored(participant),
        topics: String::new(),
        modes: String::new(),
        peer_gender: String::new(),
        locality: None,
        lat: None,
        lon: None,
        max_distance_km: None,
        availability: String::new(),
        goals: None,
        excluded_peers: String::new(),
        waiting_since: None,
        priority: false,
        updated_at: now.micros(),
    }
}

/// A participant's wishes (None when none are stated) with their pseudonym, organisation and
/// whether the actor may change them.
pub async fn wishes(app: &App, ctx: &Ctx, id: ParticipantId) -> AppResult<(String, OrgId, Option<WishesView>, bool)> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| {
            let now = app2.now();
            let (p, basis) = participant_access(tx, &ctx, id, AuditAction::Read, now, None)?;
            let org: OrgId = p.organisation_id.get();
            let w = ss::wishes(tx.conn(), *p.id)?.map(|w| wishes_view(&w));
            tx.audit(ctx.ok(now, AuditAction::Read, "participant", Some(p.id.to_string()), Some(p.organisation_id.to_string()), basis));
            Ok((p.pseudonym, org, w, policy::edit_participant(&ctx.actor, org).is_ok()))
        })
        .await
}

/// Saves a participant's wishes. Excluded peers must be peer workers of the same organisation.
/// The place on the waiting list (and its priority) is kept.
pub async fn save_wishes(
    app: &App,
    ctx: &Ctx,
    id: ParticipantId,
    input: WishesInput,
    excluded: Vec<PeerWorkerId>,
) -> AppResult<WishesView> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| {
            let now = app2.now();
            let (p, basis) = participant_access(tx, &ctx, id, AuditAction::Update, now, Some(crate::people::edit_policy))?;
            for peer in &excluded {
                let ok = sp::peer(tx.conn(), *peer)?.is_some_and(|r| r.organisation_id == p.organisation_id);
                if !ok {
                    return Err(AppError::Validation(ValidationErrors::single("excluded_peers", "err-choice")));
                }
            }
            let mut row = ss::wishes(tx.conn(), *p.id)?.unwrap_or_else(|| empty_wishes(*p.id, now));
            row.topics = join_codes(&input.topics);
            row.modes = join_codes(&input.modes);
            row.peer_gender = join_codes(&input.peer_gender);
            row.locality = input.locality.clone();
            row.lat = input.location.map(|l| l.0);
            row.lon = input.location.map(|l| l.1);
            row.max_distance_km = input.max_distance_km;
            row.availability = format_availability(&input.availability);
            row.goals = input.goals.clone();
            row.excluded_peers = join_codes(&excluded);
            row.updated_at = now.micros();
            ss::put_wishes(tx.conn(), &row)?;
            tx.audit(ctx.ok(now, AuditAction::Update, "participant", Some(p.id.to_string()), Some(p.organisation_id.to_string()), basis));
            Ok(wishes_view(&row))
        })
        .await
}

// ---------------------------------------------------------------- peer profiles

/// A peer worker's matching profile as the reader may see it. `topics` is None when the
/// reader may not see areas of lived experience (only the peer and the coordinators may);
/// `presentation` is None when the peer's disclosure preference hides it from this reader.
#[derive(Debug, Clone)]
pub struct ProfileView {
    pub peer_id: PeerWorkerId,
    pub peer_name: String,
    pub viewer: Viewer,
    pub topics: Option<Vec<Topic>>,
    pub topics_consent_at: Option<Timestamp>,
    pub disclosure: Disclosure,
    pub presentation: Option<String>,
    pub gender: Option<Gender>,
    pub locality: Option<String>,
    pub location: Option<(f64, f64)>,
    pub capacity: i64,
    pub open_courses: i64,
    pub availability: Vec<Slot>,
    pub calendar_active: bool,
    pub can_edit: bool,
}

impl ProfileView {
    pub fn availability_text(&self) -> String {
        format_availability(&self.availability)
    }
}

/// A profile row for a peer with nothing stated: takes no participants until a capacity is set.
pub(crate) fn empty_profile(peer: PeerWorkerId, now: Timestamp) -> PeerProfileRow {
    PeerProfileRow {
        peer_id: Stored(peer),
        topics: String::new(),
        topics_consent_at: None,
        disclosure: Disclosure::Colleagues.into(),
        presentation: None,
        gender: None,
        locality: None,
        lat: None,
        lon: None,
        capacity: 0,
        availability: String::new(),
        calendar_token_hash: None,
        calendar_token_at: None,
        updated_at: now.micros(),
    }
}

/// What of a peer's background this viewer may see, by the peer's disclosure preference.
pub fn disclosed(p: &PeerProfileRow, viewer: Viewer) -> (Option<Vec<Topic>>, Option<String>) {
    let disclosure = p.disclosure.get();
    let topics = matches!(viewer, Viewer::Own | Viewer::Coordinator)
        .then(|| if p.topics_consent_at.is_some() { split_codes(&p.topics, Topic::parse) } else { Vec::new() });
    let presentation = if disclosure.shows_to(viewer) { p.presentation.clone() } else { None };
    (topics, presentation)
}

fn peer_access(
    tx: &mut Tx<'_>,
    ctx: &Ctx,
    id: PeerWorkerId,
    action: AuditAction,
    now: Timestamp,
) -> AppResult<(PeerWorkerRow, Basis, Viewer)> {
    let (r, (b, v)) = guarded(
        tx,
        ctx,
        now,
        action,
        Subject::record(ctx, "peer_worker", id),
        |c| sp::peer(c, id),
        |_, r| Ok(policy::view_peer_profile(&ctx.actor, PeerTarget { id: r.id.get(), org: r.organisation_id.get() }).ok()),
    )?;
    Ok((r, b, v))
}

fn profile_view(ctx: &Ctx, peer: &PeerWorkerRow, p: &PeerProfileRow, viewer: Viewer, open_courses: i64) -> AppResult<ProfileView> {
    let (topics, presentation) = disclosed(p, viewer);
    let t = PeerTarget { id: peer.id.get(), org: peer.organisation_id.get() };
    Ok(ProfileView {
        peer_id: t.id,
        peer_name: peer.display_name.clone(),
        viewer,
        topics,
        topics_consent_at: p.topics_consent_at.map(Timestamp),
        disclosure: p.disclosure.get(),
        presentation,
        gender: p.gender.get(),
        locality: p.locality.clone(),
        location: location_of(p.lat, p.lon),
        capacity: p.capacity,
        open_courses,
        availability: parse_availability(&p.availability).unwrap_or_default(),
        calendar_active: p.calendar_token_hash.is_some(),
        can_edit: policy::edit_peer_profile(&ctx.actor, t).is_ok(),
    })
}

fn open_course_count(conn: &mut DbConnection, peer: PeerWorkerId) -> Result<i64, StoreError> {
    let open = ss::open_courses_of_peers(conn, &[peer])?;
    Ok(open.iter().filter(|c| c.offer != OfferState::Declined).count() as i64)
}

/// A peer worker's profile, as the reader may see it.
pub async fn profile(app: &App, ctx: &Ctx, id: PeerWorkerId) -> AppResult<ProfileView> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| {
            let now = app2.now();
            let (peer, basis, viewer) = peer_access(tx, &ctx, id, AuditAction::Read, now)?;
            let p = ss::profile(tx.conn(), *peer.id)?.unwrap_or_else(|| empty_profile(*peer.id, now));
            let open = open_course_count(tx.conn(), *peer.id)?;
            tx.audit(ctx.ok(
                now,
                AuditAction::Read,
                "peer_worker",
                Some(peer.id.to_string()),
                Some(peer.organisation_id.to_string()),
                basis,
            ));
            profile_view(&ctx, &peer, &p, viewer, open)
        })
        .await
}

/// Saves a peer's profile. Areas of lived experience and the consent to keep them are the
/// peer's own to give: a manager's save leaves them as they were. When the peer withdraws
/// the consent, the areas are deleted in the same save.
pub async fn save_profile(app: &App, ctx: &Ctx, id: PeerWorkerId, input: PeerProfileInput) -> AppResult<ProfileView> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .write(move |tx| {
            let now = app2.now();
            let (peer, (basis, (_, viewer))) = guarded(
                tx,
                &ctx,
                now,
                AuditAction::Update,
                Subject::record(&ctx, "peer_worker", id),
                |c| sp::peer(c, id),
                |_, r| {
                    let t = PeerTarget { id, org: r.organisation_id.get() };
                    Ok(policy::edit_peer_profile(&ctx.actor, t).ok().zip(policy::view_peer_profile(&ctx.actor, t).ok()))
                },
            )?;
            let mut row = ss::profile(tx.conn(), *peer.id)?.unwrap_or_else(|| empty_profile(*peer.id, now));
            if viewer == Viewer::Own {
                if input.topics_consent {
                    row.topics = join_codes(&input.topics);
                    row.topics_consent_at = row.topics_consent_at.or(Some(now.micros()));
                } else {
                    row.topics = String::new();
                    row.topics_consent_at = None;
                }
            }
            row.disclosure = input.disclosure.into();
            row.presentation = input.presentation.clone();
            row.gender = stored(input.gender);
            row.locality = input.locality.clone();
            row.lat = input.location.map(|l| l.0);
            row.lon = input.location.map(|l| l.1);
            row.capacity = input.capacity;
            row.availability = format_availability(&input.availability);
            row.updated_at = now.micros();
            ss::put_profile(tx.conn(), &row)?;
            tx.audit(ctx.ok(
                now,
                AuditAction::Update,
                "peer_worker",
                Some(peer.id.to_string()),
                Some(peer.organisation_id.to_string()),
                basis,
            ));
            let open = open_course_count(tx.conn(), *peer.id)?;
            profile_view(&ctx, &peer, &row, viewer, open)
        })
        .await
}

// ---------------------------------------------------------------- the proposal

/// Why a waiting participant cannot be put to the engine at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NotReady {
    /// No open consent to processing for peer support.
    NoSupportConsent,
    /// No language recorded.
    NoLanguages,
}

impl NotReady {
    pub fn code(self) -> &'static str {
        match self {
            NotReady::NoSupportConsent => "no_support_consent",
            NotReady::NoLanguages => "no_languages",
        }
    }
}

/// The points of a pair's score, part by part.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Parts {
    pub topics: f64,
    pub availability: f64,
    pub distance: f64,
    pub waiting: f64,
    pub continuity: f64,
}

impl From<engine::ScoreBreakdown> for Parts {
    fn from(b: engine::ScoreBreakdown) -> Self {
        Parts {
            topics: b.topics.as_f64(),
            availability: b.availability.as_f64(),
            distance: b.distance.as_f64(),
            waiting: b.waiting.as_f64(),
            continuity: b.continuity.as_f64(),
        }
    }
}

/// An eligible peer for a participant, with the pair's score.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Candidate {
    pub peer: PeerWorkerId,
    pub peer_name: String,
    pub score: f64,
    pub parts: Parts,
}

/// A waiting participant in a proposal: the proposed peer (if any), every eligible peer
/// (best first), and why they are unmatched (if they are).
#[derive(Debug, Clone, serde::Serialize)]
pub struct ProposalRow {
    pub participant: ParticipantId,
    pub pseudonym: String,
    pub waiting_days: i64,
    pub priority: bool,
    pub proposed: Option<Candidate>,
    pub candidates: Vec<Candidate>,
    /// Why the participant is not matched (codes), drawn from [`ProposalRow::against`]; empty
    /// when a peer is proposed.
    pub reasons: Vec<String>,
    /// For a participant left unmatched, the peers that could have been theirs and what stood
    /// in the way of each: when they had eligible peers (the candidates), exactly those, whose
    /// places went to others; otherwise every peer the proposal considered, with the first
    /// rule the pair breaks.
    pub against: Vec<PeerAgainst>,
}

/// One peer in the explanation of an unmatched participant.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PeerAgainst {
    pub peer: PeerWorkerId,
    pub peer_name: String,
    /// A reason code (`sammen_matching::Reason`).
    pub reason: String,
    /// For `capacity_taken_by_better_matches`: the pseudonyms of those the proposal gives the
    /// peer instead.
    pub taken_by: Vec<String>,
}

/// A matching proposal for a programme's waiting list.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Proposal {
    pub programme: ProgrammeId,
    pub programme_name: String,
    pub rows: Vec<ProposalRow>,
    /// Waiting participants left out of the proposal, and why.
    pub not_ready: Vec<(ParticipantId, String, NotReady)>,
    /// Active peer workers of the organisation and how many more participants each can take.
    pub peers: Vec<(PeerWorkerId, String, i64)>,
    pub matched: usize,
    pub total_score: f64,
    /// Active peer workers who are not trained for their roles, with the training they lack:
    /// the engine does not propose them.
    pub untrained: Vec<(PeerWorkerId, Vec<RequiredTraining>)>,
}

/// Everything the engine is given, with the names to show beside the ids.
struct Prepared {
    input: engine::MatchInput,
    pseudonyms: HashMap<String, (String, i64, bool)>,
    peer_names: HashMap<String, String>,
    peers: Vec<(PeerWorkerId, String, i64)>,
    not_ready: Vec<(ParticipantId, String, NotReady)>,
    untrained: Vec<(PeerWorkerId, Vec<RequiredTraining>)>,
}

fn engine_mode(m: Mode) -> engine::Mode {
    match m {
        Mode::InPerson => engine::Mode::InPerson,
        Mode::Phone => engine::Mode::Phone,
        Mode::Online => engine::Mode::Online,
    }
}

fn engine_slots(slots: &[Slot]) -> Vec<engine::Slot> {
    slots.iter().filter_map(|s| engine::Weekday::from_code(s.day.code()).map(|day| engine::Slot { day, from: s.from, to: s.to })).collect()
}

/// Reads the waiting list and the peers of a programme's organisation into the engine's input.
fn prepare(conn: &mut DbConnection, programme: &sammen_store::rows::ProgrammeRow, now: Timestamp) -> Result<Prepared, StoreError> {
    let scoring = engine::Scoring::default();
    let waiting = ss::waiting_list(conn, *programme.id)?;
    let ids: Vec<ParticipantId> = waiting.iter().map(|p| p.id.get()).collect();
    let wishes: HashMap<ParticipantId, WishesRow> = ss::wishes_of(conn, &ids)?.into_iter().map(|w| (w.participant_id.get(), w)).collect();
    let consented = crate::journey::intake::given(conn, &ids, ConsentPurpose::Support, now)?;
    let programme_modes: Vec<Mode> = split_codes(&programme.modes, Mode::parse);
    // Earlier courses: the last peer (continuity) and peers who declined (not proposed again).
    let mut previous: HashMap<ParticipantId, String> = HashMap::new();
    let mut declined: HashMap<ParticipantId, Vec<String>> = HashMap::new();
    for id in &ids {
        for c in ss::courses_of_participant(conn, *id)? {
            if c.offer == OfferState::Declined || c.end_reason.get() == Some(EndReason::PeerDeclined) {
                declined.entry(*id).or_default().push(c.peer_id.to_string());
            } else {
                previous.insert(*id, c.peer_id.to_string());
            }
        }
    }
    let mut participants = Vec::new();
    let mut pseudonyms = HashMap::new();
    let mut not_ready = Vec::new();
    for p in &waiting {
        let pid: ParticipantId = p.id.get();
        let w = wishes.get(&pid).map(wishes_view).unwrap_or_default();
        let since = w.waiting_since.unwrap_or(Timestamp(p.created_at));
        let days = ((now.micros() - since.micros()) / (86_400 * Timestamp::MICROS_PER_SECOND)).max(0);
        if !consented.contains(&pid) {
            not_ready.push((pid, p.pseudonym.clone(), NotReady::NoSupportConsent));
            continue;
        }
        let languages: Vec<String> = p.languages.split(',').filter(|l| !l.is_empty()).map(str::to_owned).collect();
        if languages.is_empty() {
            not_ready.push((pid, p.pseudonym.clone(), NotReady::NoLanguages));
            continue;
        }
        let modes = if w.modes.is_empty() { programme_modes.clone() } else { w.modes.clone() };
        let mut excluded: Vec<String> = w.excluded_peers.iter().map(|x| x.to_string()).collect();
        excluded.extend(declined.get(&pid).cloned().unwrap_or_default());
        let waiting_days = if w.priority { i64::from(scoring.waiting_cap_days) } else { days };
        pseudonyms.insert(pid.to_string(), (p.pseudonym.clone(), days, w.priority));
        participants.push(engine::Participant {
            id: pid.to_string(),
            languages,
            modes: modes.into_iter().map(engine_mode).collect(),
            topics: w.topics.iter().map(|t| t.code().to_owned()).collect(),
            location: w.location.map(|(lat, lon)| engine::Location { lat, lon }),
            max_distance_km: w.max_distance_km,
            gender: p.gender.get().map(|g| g.code().to_owned()),
            peer_gender: if w.peer_gender.is_empty() {
                engine::PeerGender::Any
            } else {
                engine::PeerGender::OneOf(w.peer_gender.iter().map(|g| g.code().to_owned()).collect())
            },
            waiting_days: u32::try_from(waiting_days).unwrap_or(u32::MAX),
            excluded_peers: excluded,
            availability: engine_slots(&w.availability),
            previous_peer: previous.get(&pid).cloned(),
        });
    }
    let peer_rows: Vec<PeerWorkerRow> = sp::peers_of_org(conn, *programme.organisation_id, Page { offset: 0, limit: 100_000 })?
        .0
        .into_iter()
        .filter(|r| r.status == PeerStatus::Active)
        .collect();
    let peer_ids: Vec<PeerWorkerId> = peer_rows.iter().map(|r| r.id.get()).collect();
    let profiles: HashMap<PeerWorkerId, PeerProfileRow> =
        ss::profiles_of(conn, &peer_ids)?.into_iter().map(|p| (p.peer_id.get(), p)).collect();
    let mut load: HashMap<PeerWorkerId, i64> = HashMap::new();
    for c in ss::open_courses_of_peers(conn, &peer_ids)? {
        *load.entry(c.peer_id.get()).or_default() += 1;
    }
    let mut peers = Vec::new();
    let mut peer_names = HashMap::new();
    let mut listed = Vec::new();
    // The trained rule: every required training of every role in force has a valid
    // certificate; the engine never proposes an untrained peer.
    let today = crate::zone::today_in(conn, Some(programme.organisation_id.get()), now)?;
    let untrained = crate::workforce::training::missing_training_of(conn, &peer_ids, today)?;
    for r in &peer_rows {
        let id: PeerWorkerId = r.id.get();
        let p = profiles.get(&id).cloned().unwrap_or_else(|| empty_profile(id, now));
        let free = (p.capacity - load.get(&id).copied().unwrap_or(0)).max(0);
        listed.push((id, r.display_name.clone(), free));
        peer_names.insert(id.to_string(), r.display_name.clone());
        let languages: Vec<String> = r.languages.split(',').filter(|l| !l.is_empty()).map(str::to_owned).collect();
        let modes: Vec<engine::Mode> = split_codes(&r.modes, Mode::parse).into_iter().map(engine_mode).collect();
        if languages.is_empty() || modes.is_empty() {
            continue;
        }
        let topics = if p.topics_consent_at.is_some() {
            p.topics.split(',').filter(|t| !t.is_empty()).map(str::to_owned).collect()
        } else {
            Vec::new()
        };
        peers.push(engine::Peer {
            id: id.to_string(),
            capacity: u32::try_from(free.min(engine::MAX_CAPACITY.into())).unwrap_or(0),
            languages,
            modes,
            topics,
            location: location_of(p.lat, p.lon).map(|(lat, lon)| engine::Location { lat, lon }),
            gender: p.gender.map(|g| g.code().to_owned()),
            availability: engine_slots(&parse_availability(&p.availability).unwrap_or_default()),
            trained: !untrained.contains_key(&id),
        });
    }
    let mut untrained: Vec<(PeerWorkerId, Vec<RequiredTraining>)> = untrained.into_iter().collect();
    untrained.sort_by_key(|(id, _)| *id);
    Ok(Prepared { input: engine::MatchInput { participants, peers, scoring }, pseudonyms, peer_names, peers: listed, not_ready, untrained })
}

fn candidate(prep: &Prepared, pair: &engine::ScoredPair) -> AppResult<Candidate> {
    Ok(Candidate {
        peer: pair.peer.parse().map_err(|_| corrupt("peer id"))?,
        peer_name: prep.peer_names.get(&pair.peer).cloned().unwrap_or_default(),
        score: pair.score.as_f64(),
        parts: pair.parts.into(),
    })
}

/// A programme whose courses the actor manages; a denial is audited (as `action` on
/// `subject_type`) and answered as "not found".
fn programme_for(
    tx: &mut Tx<'_>,
    ctx: &Ctx,
    id: ProgrammeId,
    action: AuditAction,
    subject_type: &'static str,
    now: Timestamp,
) -> AppResult<(sammen_store::rows::ProgrammeRow, OrgId, Basis)> {
    let (p, (org, basis)) = guarded(
        tx,
        ctx,
        now,
        action,
        Subject::within(subject_type, ctx.org),
        |c| sd::programme(c, id),
        |_, p| {
            let org: OrgId = p.organisation_id.get();
            Ok(policy::manage_courses(&ctx.actor, org).ok().map(|b| (org, b)))
        },
    )?;
    Ok((p, org, basis))
}

fn build_proposal(prep: &Prepared, programme: &sammen_store::rows::ProgrammeRow, out: &engine::MatchOutput) -> AppResult<Proposal> {
    let mut by_participant: BTreeMap<&str, Vec<&engine::ScoredPair>> = BTreeMap::new();
    for pair in out.pair_scores.iter().flatten() {
        by_participant.entry(pair.participant.as_str()).or_default().push(pair);
    }
    // The peers' verdicts on those who have no eligible peer at all, to say why.
    let without: Vec<&str> = prep
        .input
        .participants
        .iter()
        .filter(|p| !by_participant.contains_key(p.id.as_str()) && !out.assignments.iter().any(|a| a.participant == p.id))
        .map(|p| p.id.as_str())
        .collect();
    let verdicts: HashMap<String, engine::PeerVerdicts> = engine::verdicts(&prep.input, &without).into_iter().collect();
    let mut rows = Vec::new();
    for p in &prep.input.participants {
        let (pseudonym, days, priority) = prep.pseudonyms.get(&p.id).cloned().unwrap_or_default();
        let mut candidates: Vec<Candidate> =
            by_participant.get(p.id.as_str()).into_iter().flatten().map(|pair| candidate(prep, pair)).collect::<AppResult<_>>()?;
        candidates.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.peer_name.cmp(&b.peer_name)));
        let proposed = out.assignments.iter().find(|a| a.participant == p.id).map(|a| candidate(prep, a)).transpose()?;
        let (reasons, against) = match &proposed {
            Some(_) => (Vec::new(), Vec::new()),
            None => explain(prep, out, &candidates, verdicts.get(&p.id).map(Vec::as_slice))?,
        };
        rows.push(ProposalRow {
            participant: p.id.parse().map_err(|_| corrupt("participant id"))?,
            pseudonym,
            waiting_days: days,
            priority,
            proposed,
            candidates,
            reasons,
            against,
        });
    }
    // Priority first, then the longest wait.
    rows.sort_by(|a, b| b.priority.cmp(&a.priority).then(b.waiting_days.cmp(&a.waiting_days)).then(a.pseudonym.cmp(&b.pseudonym)));
    Ok(Proposal {
        programme: programme.id.get(),
        programme_name: programme.name.clone(),
        rows,
        not_ready: prep.not_ready.clone(),
        peers: prep.peers.clone(),
        matched: out.assignments.len(),
        total_score: out.total_score().as_f64(),
        untrained: prep.untrained.clone(),
    })
}

/// Why a participant is unmatched, agreeing with their candidate list: with candidates, each
/// candidate's places went to others (named); without, each peer the proposal considered and
/// the first rule the pair breaks. The reasons are the distinct ones, in the engine's order.
fn explain(
    prep: &Prepared,
    out: &engine::MatchOutput,
    candidates: &[Candidate],
    verdicts: Option<&[(String, engine::Verdict)]>,
) -> AppResult<(Vec<String>, Vec<PeerAgainst>)> {
    if prep.input.peers.is_empty() {
        return Ok((vec![engine::Reason::NoPeers.code().to_owned()], Vec::new()));
    }
    let taken = engine::Reason::CapacityTakenByBetterMatches;
    if !candidates.is_empty() {
        let against = candidates
            .iter()
            .map(|c| {
                let id = c.peer.to_string();
                let mut taken_by: Vec<String> = out
                    .assignments
                    .iter()
                    .filter(|a| a.peer == id)
                    .filter_map(|a| prep.pseudonyms.get(&a.participant).map(|x| x.0.clone()))
                    .collect();
                taken_by.sort();
                PeerAgainst { peer: c.peer, peer_name: c.peer_name.clone(), reason: taken.code().to_owned(), taken_by }
            })
            .collect();
        return Ok((vec![taken.code().to_owned()], against));
    }
    let mut found = std::collections::BTreeSet::new();
    let mut against = Vec::new();
    for (peer, verdict) in verdicts.unwrap_or_default() {
        // An eligible pair would be a candidate; none is here.
        let Err(reason) = verdict else { continue };
        found.insert(*reason);
        let name = prep.peer_names.get(peer).cloned().unwrap_or_default();
        against.push((*reason, name, peer.parse::<PeerWorkerId>().map_err(|_| corrupt("peer id"))?));
    }
    against.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
    let against = against
        .into_iter()
        .map(|(reason, peer_name, peer)| PeerAgainst { peer, peer_name, reason: reason.code().to_owned(), taken_by: Vec::new() })
        .collect();
    Ok((found.into_iter().map(|r| r.code().to_owned()).collect(), against))
}

/// Proposes peers for a programme's waiting list: the assignment that matches the most
/// participants and, among those, has the greatest total score (see `sammen_matching`).
/// One audit record for the list read.
pub async fn propose(app: &App, ctx: &Ctx, id: ProgrammeId) -> AppResult<Proposal> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| {
            let now = app2.now();
            let (programme, org, basis) = programme_for(tx, &ctx, id, AuditAction::Search, "participant", now)?;
            let prep = prepare(tx.conn(), &programme, now)?;
            let out = engine::run(&prep.input, true);
            tx.audit(ctx.ok(now, AuditAction::Search, "participant", None, Some(org.to_string()), basis));
            build_proposal(&prep, &programme, &out)
        })
        .await
}

/// Approves pairs (the proposal as the coordinator adjusted it): each becomes a planned course
/// offered to its peer. Every pair is checked again against the hard rules and the peers' free
/// capacity as they are now; if one fails, nothing is stored. No pairs: nothing to do (every
/// participant was left for later), but the access is still checked.
pub async fn approve(app: &App, ctx: &Ctx, id: ProgrammeId, pairs: Vec<(ParticipantId, PeerWorkerId)>) -> AppResult<Vec<CourseId>> {
    ctx.require_write()?;
    let ctx = ctx.clone();
    let app2 = app.clone();
    let course_ids: Vec<CourseId> = pairs.iter().map(|_| app.next_id()).collect();
    app.db
        .write(move |tx| {
            let now = app2.now();
            let (programme, org, basis) = programme_for(tx, &ctx, id, AuditAction::Create, "course", now)?;
            let prep = prepare(tx.conn(), &programme, now)?;
            let out = engine::run(&prep.input, true);
            let eligible = out.pair_scores.unwrap_or_default();
            let mut taken: HashMap<PeerWorkerId, u32> = HashMap::new();
            let mut seen = Vec::new();
            let mut made = Vec::new();
            for ((participant, peer), course_id) in pairs.iter().zip(course_ids) {
                let (p, q) = (participant.to_string(), peer.to_string());
                if seen.contains(participant) {
                    return Err(AppError::Validation(ValidationErrors::single("pairs", "err-pair-twice")));
                }
                seen.push(*participant);
                if let Some((_, missing)) = prep.untrained.iter().find(|(id, _)| id == peer) {
                    let message = sammen_domain::workforce::training::not_trained_message(missing);
                    return Err(AppError::Validation(ValidationErrors::single("pairs", message)));
                }
                let Some(pair) = eligible.iter().find(|e| e.participant == p && e.peer == q) else {
                    return Err(AppError::Validation(ValidationErrors::single("pairs", "err-pair-not-eligible")));
                };
                let capacity = prep.input.peers.iter().find(|x| x.id == q).map_or(0, |x| x.capacity);
                let used = taken.entry(*peer).or_default();
                *used += 1;
                if *used > capacity {
                    return Err(AppError::Validation(ValidationErrors::single("pairs", "err-peer-capacity")));
                }
                let row = CourseRow {
                    id: Stored(course_id),
                    organisation_id: org.into(),
                    programme_id: Some(programme.id),
                    participant_id: Stored(*participant),
                    peer_id: Stored(*peer),
                    status: CourseStatus::Planned.into(),
                    offer: OfferState::Pending.into(),
                    match_score: Some(pair.score.as_f64()),
                    match_parts: serde_json::to_string(&Parts::from(pair.parts)).ok(),
                    approved_by: Some(ctx.actor.user.into()),
                    approved_at: Some(now.micros()),
                    responded_at: None,
                    decline_reason: None,
                    started_on: None,
                    ended_on: None,
                    end_reason: None,
                    handed_over_from: None,
                    handover_note: None,
                    created_at: now.micros(),
                    updated_at: now.micros(),
                };
                ss::insert_course(tx.conn(), &row)?;
                tx.audit(ctx.ok(now, AuditAction::Create, "course", Some(row.id.to_string()), Some(org.to_string()), basis));
                tx.audit(ctx.ok(now, AuditAction::Update, "participant", Some(p), Some(org.to_string()), basis));
                made.push(course_id);
            }
            Ok(made)
        })
        .await
}

/// An offer as it was sent: the course made by an approval, read back as stored.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SentOffer {
    pub course: CourseId,
    pub participant: ParticipantId,
    pub pseudonym: String,
    pub peer: PeerWorkerId,
    pub peer_name: String,
    pub score: Option<f64>,
    pub parts: Option<Parts>,
    pub offer: OfferState,
    pub status: CourseStatus,
}

/// The offers an approval in a programme made, as stored (what the peers were sent), for the
/// coordinator's confirmation. Courses of another programme, or unknown, are left out.
pub async fn sent_offers(app: &App, ctx: &Ctx, id: ProgrammeId, courses: Vec<CourseId>) -> AppResult<Vec<SentOffer>> {
    let ctx = ctx.clone();
    let app2 = app.clone();
    app.db
        .audited_read(move |tx| {
            let now = app2.now();
            let (programme, org, basis) = programme_for(tx, &ctx, id, AuditAction::Read, "course", now)?;
            let mut out = Vec::new();
            for course in courses.iter().take(500) {
                let Some(row) = ss::course(tx.conn(), *course)? else { continue };
                if row.programme_id != Some(programme.id) || row.organisation_id.get() != org {
                    continue;
                }
                let participant = sp::participant(tx.conn(), row.participant_id.get())?.ok_or_else(|| corrupt("course participant"))?;
                let peer = sp::peer(tx.conn(), row.peer_id.get())?.ok_or_else(|| corrupt("course peer"))?;
                tx.audit(ctx.ok(now, AuditAction::Read, "course", Some(row.id.to_string()), Some(org.to_string()), basis));
                out.push(SentOffer {
                    course: row.id.get(),
                    participant: row.participant_id.get(),
                    pseudonym: participant.pseudonym,
                    peer: row.peer_id.get(),
                    peer_name: peer.display_name,
                    score: row.match_score,
                    parts: row.match_parts.as_deref().and_then(|j| serde_json::from_str(j).ok()),
                    offer: row.offer.get(),
                    status: row.status.get(),
                });
            }
            Ok(out)
        })
        .await
}
