//! The engine through its public API: optimum against exhaustive search, hard rules checked
//! independently, reasons for the unmatched, parse errors, determinism and round trips.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, HashMap, HashSet};

use proptest::prelude::*;
use sammen_matching::{
    Location, MatchInput, MatchOutput, Mode, Participant, Peer, PeerGender, Reason, Scoring, Slot, Weekday, input_to_json, parse_input,
    run, synthetic, to_json,
};

// ---------------------------------------------------------------------------------------
// Random small inputs
// ---------------------------------------------------------------------------------------

/// A tiny deterministic generator, so that a failing case is named by its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let x = self.0;
        (x ^ (x >> 29)).wrapping_mul(0xBF58_476D_1CE4_E5B9) >> 16
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn subset(&mut self, items: &[&str], percent: u64) -> Vec<String> {
        items.iter().filter(|_| self.chance(percent)).map(|s| s.to_string()).collect()
    }
    fn nonempty(&mut self, items: &[&str], percent: u64) -> Vec<String> {
        let mut out = self.subset(items, percent);
        if out.is_empty() {
            out.push(items[self.below(items.len())].to_string());
        }
        out
    }
}

const LANGS: [&str; 3] = ["da", "en", "ar"];
const TOPICS: [&str; 5] = ["anxiety", "depression", "psychosis", "grief", "trauma"];
const GENDERS: [&str; 3] = ["female", "male", "non_binary"];

fn modes(rng: &mut Rng) -> Vec<Mode> {
    let codes = rng.nonempty(&["in_person", "phone", "online"], 45);
    codes.iter().filter_map(|c| Mode::from_code(c)).collect()
}

fn location(rng: &mut Rng) -> Location {
    // Whole thousandths, so that the JSON round trip is exact.
    Location { lat: (55_300 + rng.below(1000)) as f64 / 1000.0, lon: (12_000 + rng.below(1000)) as f64 / 1000.0 }
}

fn slots(rng: &mut Rng) -> Vec<Slot> {
    if !rng.chance(50) {
        return Vec::new();
    }
    (0..1 + rng.below(2))
        .map(|_| {
            let from = 8 + rng.below(10) as u8;
            Slot { day: Weekday::ALL[rng.below(3)], from, to: from + 1 + rng.below(4) as u8 }
        })
        .collect()
}

/// A random input with up to `max_p` participants and `max_q` peers, from `seed`.
fn random_input(seed: u64, max_p: usize, max_q: usize) -> MatchInput {
    let mut rng = Rng(seed);
    let (np, nq) = (rng.below(max_p + 1), rng.below(max_q + 1));
    let peers: Vec<Peer> = (0..nq)
        .map(|j| Peer {
            id: format!("q{j}"),
            capacity: rng.below(4) as u32,
            languages: rng.nonempty(&LANGS, 50),
            modes: modes(&mut rng),
            topics: rng.subset(&TOPICS, 40),
            location: if rng.chance(85) { Some(location(&mut rng)) } else { None },
            gender: if rng.chance(85) { Some(GENDERS[rng.below(3)].to_string()) } else { None },
            availability: slots(&mut rng),
            trained: rng.chance(85),
        })
        .collect();
    let participants: Vec<Participant> = (0..np)
        .map(|i| {
            let location = if rng.chance(85) { Some(location(&mut rng)) } else { None };
            let wants_in_person_limit = location.is_some() && rng.chance(50);
            Participant {
                id: format!("p{i}"),
                languages: rng.nonempty(&LANGS, 50),
                modes: modes(&mut rng),
                topics: rng.subset(&TOPICS, 40),
                location,
                max_distance_km: if wants_in_person_limit { Some([5.0, 20.0, 40.0, 80.0][rng.below(4)]) } else { None },
                gender: None,
                peer_gender: match rng.below(4) {
                    0 => PeerGender::OneOf(vec!["female".into()]),
                    1 => PeerGender::OneOf(vec!["male".into(), "non_binary".into()]),
                    _ => PeerGender::Any,
                },
                waiting_days: rng.below(500) as u32,
                excluded_peers: (0..nq).filter(|_| rng.chance(15)).map(|j| format!("q{j}")).collect(),
                availability: slots(&mut rng),
                previous_peer: if nq > 0 && rng.chance(20) { Some(format!("q{}", rng.below(nq))) } else { None },
            }
        })
        .collect();
    let input = MatchInput { participants, peers, scoring: Scoring::default() };
    assert_eq!(input.validate(), Ok(()), "seed {seed}: the generator made invalid input");
    input
}

// ---------------------------------------------------------------------------------------
// An independent statement of the hard rules
// ---------------------------------------------------------------------------------------

fn haversine(a: Location, b: Location) -> f64 {
    let r = 6371.0088_f64;
    let (la1, la2) = (a.lat.to_radians(), b.lat.to_radians());
    let dlat = la2 - la1;
    let dlon = (b.lon - a.lon).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * r * h.sqrt().asin()
}

/// `Some(true)` eligible, `Some(false)` not, `None` too close to the distance limit to call.
fn eligible(p: &Participant, q: &Peer) -> Option<bool> {
    let shared_language = p.languages.iter().any(|l| q.languages.contains(l));
    let shared: Vec<Mode> = p.modes.iter().copied().filter(|m| q.modes.contains(m)).collect();
    let gender_ok = match &p.peer_gender {
        PeerGender::Any => true,
        PeerGender::OneOf(gs) => q.gender.as_ref().is_some_and(|g| gs.contains(g)),
    };
    let excluded = p.excluded_peers.contains(&q.id);
    if !shared_language || shared.is_empty() || !gender_ok || excluded || !q.trained || q.capacity == 0 {
        return Some(false);
    }
    if shared == [Mode::InPerson]
        && let Some(max) = p.max_distance_km
    {
        let (Some(a), Some(b)) = (p.location, q.location) else {
            return Some(false);
        };
        let d = haversine(a, b);
        if (d - max).abs() < 1e-6 {
            return None;
        }
        return Some(d <= max);
    }
    Some(true)
}

/// Checks everything a proposal must satisfy whatever the scores.
fn check_proposal(input: &MatchInput, out: &MatchOutput) -> Result<(), String> {
    let ps: HashMap<&str, &Participant> = input.participants.iter().map(|p| (p.id.as_str(), p)).collect();
    let qs: HashMap<&str, &Peer> = input.peers.iter().map(|q| (q.id.as_str(), q)).collect();
    let mut seen = HashSet::new();
    let mut load: HashMap<&str, u32> = HashMap::new();
    for a in &out.assignments {
        let p = ps.get(a.participant.as_str()).ok_or("unknown participant")?;
        let q = qs.get(a.peer.as_str()).ok_or("unknown peer")?;
        if !seen.insert(a.participant.as_str()) {
            return Err(format!("{} assigned twice", a.participant));
        }
        if eligible(p, q) == Some(false) {
            return Err(format!("{} – {} breaks a hard rule", a.participant, a.peer));
        }
        *load.entry(q.id.as_str()).or_default() += 1;
        if a.score != a.parts.total() {
            return Err(format!("{} – {}: score is not the sum of its parts", a.participant, a.peer));
        }
    }
    for (id, l) in &load {
        if *l > qs[id].capacity {
            return Err(format!("{id} over capacity"));
        }
    }
    for u in &out.unmatched {
        if !seen.insert(u.participant.as_str()) {
            return Err(format!("{} both matched and unmatched, or unmatched twice", u.participant));
        }
        if u.reasons.is_empty() {
            return Err(format!("{} unmatched without a reason", u.participant));
        }
    }
    if seen.len() != input.participants.len() {
        return Err("some participant is neither matched nor unmatched".into());
    }
    // Sorted by participant id.
    let ids: Vec<&str> = out.assignments.iter().map(|a| a.participant.as_str()).collect();
    if !ids.windows(2).all(|w| w[0] < w[1]) {
        return Err("assignments are not in id order".into());
    }
    if let Some(all) = &out.pair_scores {
        for s in all {
            let (p, q) = (ps[s.participant.as_str()], qs[s.peer.as_str()]);
            if eligible(p, q) == Some(false) {
                return Err(format!("pair_scores lists ineligible {} – {}", s.participant, s.peer));
            }
        }
        let listed: HashSet<(&str, &str)> = all.iter().map(|s| (s.participant.as_str(), s.peer.as_str())).collect();
        for p in &input.participants {
            for q in &input.peers {
                if eligible(p, q) == Some(true) && !listed.contains(&(p.id.as_str(), q.id.as_str())) {
                    return Err(format!("pair_scores misses eligible {} – {}", p.id, q.id));
                }
            }
        }
    }
    Ok(())
}

/// The best (matched, total milli-points) over every assignment of the eligible pairs.
fn exhaustive(input: &MatchInput, pairs: &[sammen_matching::ScoredPair]) -> (usize, i64) {
    let mut by_p: BTreeMap<&str, Vec<(&str, i64)>> = BTreeMap::new();
    for s in pairs {
        by_p.entry(s.participant.as_str()).or_default().push((s.peer.as_str(), s.score.milli()));
    }
    let rows: Vec<Vec<(&str, i64)>> = by_p.into_values().collect();
    let mut room: HashMap<&str, u32> = input.peers.iter().map(|q| (q.id.as_str(), q.capacity)).collect();
    fn go<'a>(k: usize, rows: &[Vec<(&'a str, i64)>], room: &mut HashMap<&'a str, u32>, acc: (usize, i64), best: &mut (usize, i64)) {
        if k == rows.len() {
            *best = (*best).max(acc);
            return;
        }
        go(k + 1, rows, room, acc, best);
        for &(q, s) in &rows[k] {
            if room[q] > 0 {
                *room.get_mut(q).unwrap() -= 1;
                go(k + 1, rows, room, (acc.0 + 1, acc.1 + s), best);
                *room.get_mut(q).unwrap() += 1;
            }
        }
    }
    let mut best = (0, 0);
    go(0, &rows, &mut room, (0, 0), &mut best);
    best
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// (a) The engine's matched count and total score equal the exhaustive optimum.
    #[test]
    fn optimum_equals_exhaustive_search(seed in any::<u64>()) {
        let input = random_input(seed, 6, 4);
        let out = run(&input, true);
        let best = exhaustive(&input, out.pair_scores.as_deref().unwrap_or_default());
        prop_assert_eq!((out.assignments.len(), out.total_score().milli()), best, "seed {}", seed);
    }

    /// (b) No proposed pair breaks a hard rule, capacities hold, everyone is accounted for.
    #[test]
    fn no_pair_breaks_a_hard_rule(seed in any::<u64>()) {
        let input = random_input(seed, 25, 8);
        let out = run(&input, true);
        if let Err(e) = check_proposal(&input, &out) {
            prop_assert!(false, "seed {}: {}", seed, e);
        }
    }

    /// The optimiser's dual certificate holds in both orientations, with the same optimum.
    #[test]
    fn certificate_holds_both_ways(seed in any::<u64>()) {
        let input = random_input(seed, 40, 10);
        let a = sammen_matching::internals::certified_run(&input, Some(false));
        let b = sammen_matching::internals::certified_run(&input, Some(true));
        prop_assert!(a.is_ok(), "seed {}: {:?}", seed, a);
        prop_assert!(b.is_ok(), "seed {}: {:?}", seed, b);
        let (a, b) = (a.unwrap_or_default(), b.unwrap_or_default());
        prop_assert_eq!((a.0, a.1, a.2), (b.0, b.1, b.2), "seed {}", seed);
    }

    /// (e) The answer does not depend on the order of the input.
    #[test]
    fn order_of_input_does_not_matter(seed in any::<u64>()) {
        let input = random_input(seed, 12, 5);
        let mut shuffled = input.clone();
        shuffled.participants.reverse();
        shuffled.peers.reverse();
        let k = shuffled.participants.len() / 2;
        shuffled.participants.rotate_left(k);
        prop_assert_eq!(to_json(&run(&input, true)), to_json(&run(&shuffled, true)), "seed {}", seed);
    }

    /// Serialising an input and parsing it back gives the same input.
    #[test]
    fn input_round_trips_through_json(seed in any::<u64>()) {
        let input = random_input(seed, 6, 4);
        prop_assert_eq!(parse_input(&input_to_json(&input)), Ok(input));
    }

    /// Parsing never panics, whatever the text.
    #[test]
    fn parsing_never_panics(text in ".{0,200}") {
        let _ = parse_input(&text);
    }
}

// ---------------------------------------------------------------------------------------
// Scores and reasons on hand-made cases
// ---------------------------------------------------------------------------------------

fn json_input(participants: &str, peers: &str) -> MatchInput {
    let text = format!(r#"{{"participants": [{participants}], "peers": [{peers}]}}"#);
    match parse_input(&text) {
        Ok(i) => i,
        Err(e) => panic!("{e}\n{text}"),
    }
}

fn reasons_of(out: &MatchOutput, id: &str) -> Vec<Reason> {
    out.unmatched.iter().find(|u| u.participant == id).map(|u| u.reasons.clone()).unwrap_or_default()
}

const CPH: &str = r#"{"lat": 55.6761, "lon": 12.5683}"#;
const AARHUS: &str = r#"{"lat": 56.1629, "lon": 10.2039}"#;

#[test]
fn each_hard_rule_has_its_reason() {
    let peer = |id: &str, extra: &str| {
        format!(
            r#"{{"id": "{id}", "capacity": 1, "languages": ["da"], "modes": ["in_person"], "location": {AARHUS}, "gender": "male"{extra}}}"#
        )
    };
    let cases: [(&str, &str, Reason); 7] = [
        (r#""languages": ["en"], "modes": ["in_person"]"#, "", Reason::NoSharedLanguage),
        (r#""languages": ["da"], "modes": ["phone"]"#, "", Reason::NoSharedMode),
        (r#""languages": ["da"], "modes": ["in_person"], "peer_gender": "female""#, "", Reason::GenderPreference),
        (r#""languages": ["da"], "modes": ["in_person"], "excluded_peers": ["q"]"#, "", Reason::Excluded),
        (&format!(r#""languages": ["da"], "modes": ["in_person"], "location": {CPH}, "max_distance_km": 100"#), "", Reason::TooFar),
        (r#""languages": ["da"], "modes": ["in_person"]"#, r#", "trained": false"#, Reason::Training),
        (r#""languages": ["da"], "modes": ["in_person"]"#, r#", "capacity": 0"#, Reason::NoCapacity),
    ];
    for (wish, extra, reason) in cases {
        // "capacity" may appear twice in the peer; replace rather than duplicate.
        let q = if extra.contains("capacity") { peer("q", "").replace(r#""capacity": 1"#, r#""capacity": 0"#) } else { peer("q", extra) };
        let input = json_input(&format!(r#"{{"id": "p", {wish}}}"#), &q);
        let out = run(&input, false);
        assert!(out.assignments.is_empty(), "{reason}: matched anyway");
        assert_eq!(reasons_of(&out, "p"), vec![reason]);
    }
    // Within the distance limit the same pair is fine (Copenhagen–Aarhus is about 157 km).
    let input = json_input(
        &format!(r#"{{"id": "p", "languages": ["da"], "modes": ["in_person"], "location": {CPH}, "max_distance_km": 160}}"#),
        &peer("q", ""),
    );
    assert_eq!(run(&input, false).assignments.len(), 1);
}

#[test]
fn location_unknown_and_the_distance_rule_only_when_in_person_is_the_only_shared_mode() {
    let q_far_no_location = r#"{"id": "q", "capacity": 1, "languages": ["da"], "modes": ["in_person", "online"]}"#;
    let p = |modes: &str| format!(r#"{{"id": "p", "languages": ["da"], "modes": {modes}, "location": {CPH}, "max_distance_km": 5}}"#);
    let out = run(&json_input(&p(r#"["in_person"]"#), q_far_no_location), false);
    assert_eq!(reasons_of(&out, "p"), vec![Reason::LocationUnknown]);
    // Sharing online too, the distance limit does not apply.
    let out = run(&json_input(&p(r#"["in_person", "online"]"#), q_far_no_location), false);
    assert_eq!(out.assignments.len(), 1);
    let q_far = format!(r#"{{"id": "q", "capacity": 1, "languages": ["da"], "modes": ["in_person", "online"], "location": {AARHUS}}}"#);
    let out = run(&json_input(&p(r#"["in_person", "online"]"#), &q_far), false);
    assert_eq!(out.assignments.len(), 1);
    assert_eq!(out.assignments[0].parts.distance.milli(), 0, "157 km earns no distance points");
}

#[test]
fn reasons_are_aggregated_over_peers_and_capacity_taken_is_named() {
    let input = json_input(
        r#"{"id": "a", "languages": ["da"], "modes": ["phone"], "waiting_days": 300},
           {"id": "b", "languages": ["da"], "modes": ["phone"], "waiting_days": 10}"#,
        r#"{"id": "q1", "capacity": 1, "languages": ["da"], "modes": ["phone"]},
           {"id": "q2", "capacity": 1, "languages": ["en"], "modes": ["phone"]},
           {"id": "q3", "capacity": 1, "languages": ["da"], "modes": ["online"]}"#,
    );
    let out = run(&input, false);
    assert_eq!(out.assignments.len(), 1);
    assert_eq!(out.assignments[0].participant, "a", "the longer wait wins the one place");
    assert_eq!(reasons_of(&out, "b"), vec![Reason::CapacityTakenByBetterMatches, Reason::NoSharedLanguage, Reason::NoSharedMode]);
    let json = to_json(&out);
    assert!(json.contains(r#""reasons":["capacity_taken_by_better_matches","no_shared_language","no_shared_mode"]"#), "{json}");
}

#[test]
fn no_peers_is_a_reason() {
    let out = run(&json_input(r#"{"id": "p", "languages": ["da"], "modes": ["phone"]}"#, ""), false);
    assert_eq!(reasons_of(&out, "p"), vec![Reason::NoPeers]);
}

#[test]
fn score_parts_follow_the_documented_rules() {
    let input = json_input(
        &format!(
            r#"{{"id": "p", "languages": ["da"], "modes": ["in_person"], "topics": ["anxiety", "grief", "trauma", "ocd"],
                "location": {CPH}, "max_distance_km": 10, "waiting_days": 73, "previous_peer": "q",
                "availability": [{{"day": "mon", "from": 9, "to": 13}}]}}"#
        ),
        r#"{"id": "q", "capacity": 1, "languages": ["da"], "modes": ["in_person"], "topics": ["grief", "anxiety", "adhd"],
            "location": {"lat": 55.6761, "lon": 12.6483},
            "availability": [{"day": "mon", "from": 12, "to": 18}, {"day": "tue", "from": 9, "to": 13}]}"#,
    );
    let out = run(&input, false);
    let parts = out.assignments[0].parts;
    assert_eq!(parts.topics.milli(), 20_000, "2 of the participant's 4 topics: half of 40");
    assert_eq!(parts.availability.milli(), 5_000, "1 of 4 hours: a quarter of 20");
    assert_eq!(parts.waiting.milli(), 3_000, "73 of 365 days: a fifth of 15");
    assert_eq!(parts.continuity.milli(), 10_000);
    // 0.08° of longitude at 55.68° N is about 5.02 km: about half of the 10 km limit.
    let d = sammen_matching::haversine_km(Location { lat: 55.6761, lon: 12.5683 }, Location { lat: 55.6761, lon: 12.6483 });
    let expected = (15_000.0 * (1.0 - d / 10.0)).round() as i64;
    assert!((parts.distance.milli() - expected).abs() <= 1, "{} vs {expected}", parts.distance.milli());
    assert_eq!(out.assignments[0].score.milli(), parts.total().milli());
    assert!(to_json(&out).contains(r#""topics":20.0"#));
}

#[test]
fn custom_weights_apply() {
    let text = r#"{"participants": [{"id": "p", "languages": ["da"], "modes": ["phone"], "waiting_days": 400}],
                   "peers": [{"id": "q", "capacity": 1, "languages": ["da"], "modes": ["phone"]}],
                   "scoring": {"waiting": 2.5, "waiting_cap_days": 100}}"#;
    let out = run(&parse_input(text).unwrap_or_else(|e| panic!("{e}")), false);
    assert_eq!(out.assignments[0].score.milli(), 2_500);
}

// ---------------------------------------------------------------------------------------
// Determinism and ties
// ---------------------------------------------------------------------------------------

#[test]
fn ties_go_by_id_order_and_runs_repeat() {
    let input = json_input(
        r#"{"id": "p2", "languages": ["da"], "modes": ["phone"]},
           {"id": "p1", "languages": ["da"], "modes": ["phone"]}"#,
        r#"{"id": "qb", "capacity": 1, "languages": ["da"], "modes": ["phone"]},
           {"id": "qa", "capacity": 1, "languages": ["da"], "modes": ["phone"]},
           {"id": "qc", "capacity": 0, "languages": ["da"], "modes": ["phone"]}"#,
    );
    let out = run(&input, false);
    let pairs: Vec<(&str, &str)> = out.assignments.iter().map(|a| (a.participant.as_str(), a.peer.as_str())).collect();
    assert_eq!(pairs, [("p1", "qa"), ("p2", "qb")]);
    let one_place = json_input(
        r#"{"id": "p2", "languages": ["da"], "modes": ["phone"]}, {"id": "p1", "languages": ["da"], "modes": ["phone"]}"#,
        r#"{"id": "q", "capacity": 1, "languages": ["da"], "modes": ["phone"]}"#,
    );
    let out = run(&one_place, false);
    assert_eq!(out.assignments[0].participant, "p1");
    assert_eq!(reasons_of(&out, "p2"), vec![Reason::CapacityTakenByBetterMatches]);
    let big = synthetic(300, 60, 3, 7);
    assert_eq!(to_json(&run(&big, true)), to_json(&run(&big, true)));
}

// ---------------------------------------------------------------------------------------
// Parse errors name the entry
// ---------------------------------------------------------------------------------------

fn parse_error(participants: &str, peers: &str) -> String {
    let text = format!(r#"{{"participants": [{participants}], "peers": [{peers}]}}"#);
    match parse_input(&text) {
        Ok(_) => panic!("accepted: {text}"),
        Err(e) => e.to_string(),
    }
}

const P_OK: &str = r#"{"id": "p-1", "languages": ["da"], "modes": ["phone"]}"#;
const Q_OK: &str = r#"{"id": "q-1", "capacity": 1, "languages": ["da"], "modes": ["phone"]}"#;

#[test]
fn parse_errors_name_the_entry() {
    let p = |body: &str| {
        format!(r#"{P_OK}, {P_OK}, {P_OK}, {{"id": "p-17", {body}}}"#)
            .replacen("p-1\"", "p-a\"", 1)
            .replacen("p-1\"", "p-b\"", 1)
            .replacen("p-1\"", "p-c\"", 1)
    };
    let cases: Vec<(String, String, &str)> = vec![
        (p(r#""languages": ["da"], "modes": ["bus"]"#), Q_OK.into(), r#"participants[3] (id "p-17"): unknown mode "bus""#),
        (p(r#""languages": [], "modes": ["phone"]"#), Q_OK.into(), r#"participants[3] (id "p-17"): languages must not be empty"#),
        (p(r#""languages": ["da"], "modes": []"#), Q_OK.into(), r#"participants[3] (id "p-17"): modes must not be empty"#),
        (
            p(r#""languages": ["da"], "modes": ["phone"], "location": {"lat": 91, "lon": 0}"#),
            Q_OK.into(),
            r#"participants[3] (id "p-17"): location.lat must be between -90 and 90 (got 91)"#,
        ),
        (
            p(r#""languages": ["da"], "modes": ["phone"], "location": {"lat": 55, "lon": -181}"#),
            Q_OK.into(),
            r#"participants[3] (id "p-17"): location.lon must be between -180 and 180 (got -181)"#,
        ),
        (
            p(r#""languages": ["da"], "modes": ["in_person"], "max_distance_km": 10"#),
            Q_OK.into(),
            r#"participants[3] (id "p-17"): max_distance_km is given but location is missing"#,
        ),
        (
            p(r#""languages": ["da"], "modes": ["phone"], "max_distance_km": -1"#),
            Q_OK.into(),
            r#"participants[3] (id "p-17"): max_distance_km must be a number ≥ 0 (got -1)"#,
        ),
        (
            p(r#""languages": ["da"], "modes": ["phone"], "waiting_days": -3"#),
            Q_OK.into(),
            r#"participants[3] (id "p-17"): waiting_days must not be negative (got -3)"#,
        ),
        (
            p(r#""languages": ["da"], "modes": ["phone"], "availability": [{"day": "funday", "from": 9, "to": 10}]"#),
            Q_OK.into(),
            r#"participants[3] (id "p-17"): availability[0]: unknown day "funday""#,
        ),
        (
            p(r#""languages": ["da"], "modes": ["phone"], "availability": [{"day": "mon", "from": 12, "to": 10}]"#),
            Q_OK.into(),
            r#"participants[3] (id "p-17"): availability[0]: hours must satisfy 0 ≤ from < to ≤ 24 (got from 12 to 10)"#,
        ),
        (
            p(r#""languages": ["da"], "modes": ["phone"], "colour": "blue""#),
            Q_OK.into(),
            r#"participants[3] (id "p-17"): unknown field `colour`"#,
        ),
        (p(r#""languages": ["da"]"#), Q_OK.into(), r#"participants[3] (id "p-17"): missing field `modes`"#),
        (
            p(r#""languages": ["da"], "modes": ["phone"], "peer_gender": 3"#),
            Q_OK.into(),
            r#"participants[3] (id "p-17"): peer_gender must be a string or a list of strings (got 3)"#,
        ),
        (format!(r#"{P_OK}, {P_OK}"#), Q_OK.into(), r#"participants[1] (id "p-1"): duplicate id, also used by participants[0]"#),
        (r#"{"id": " ", "languages": ["da"], "modes": ["phone"]}"#.into(), Q_OK.into(), "participants[0]: id must not be empty"),
        (
            P_OK.into(),
            r#"{"id": "q-9", "capacity": -2, "languages": ["da"], "modes": ["phone"]}"#.into(),
            r#"peers[0] (id "q-9"): capacity must not be negative (got -2)"#,
        ),
        (
            P_OK.into(),
            r#"{"id": "q-9", "capacity": 1.5, "languages": ["da"], "modes": ["phone"]}"#.into(),
            r#"peers[0] (id "q-9"): invalid type: floating point `1.5`, expected i64"#,
        ),
        (P_OK.into(), format!(r#"{Q_OK}, {Q_OK}"#), r#"peers[1] (id "q-1"): duplicate id, also used by peers[0]"#),
        (
            P_OK.into(),
            r#"{"id": "q-9", "capacity": 1, "languages": ["da"], "modes": ["phone", "fax"]}"#.into(),
            r#"peers[0] (id "q-9"): unknown mode "fax""#,
        ),
        (P_OK.into(), r#"{"capacity": 1, "languages": ["da"], "modes": ["phone"]}"#.into(), "peers[0]: missing field `id`"),
    ];
    for (ps, qs, expected) in cases {
        let got = parse_error(&ps, &qs);
        assert!(got.starts_with(expected), "expected {expected:?}\n     got {got:?}");
    }
}

#[test]
fn parse_errors_at_the_top_level() {
    let err = |t: &str| parse_input(t).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err("{").starts_with("invalid JSON: "));
    assert!(err("[]").starts_with("input: must be a JSON object"));
    assert_eq!(err(r#"{"peers": []}"#), r#"input: missing field "participants""#);
    assert_eq!(err(r#"{"participants": {}, "peers": []}"#), "participants: must be an array");
    assert!(err(r#"{"participants": [], "peers": [], "extra": 1}"#).starts_with(r#"input: unknown field "extra""#));
    assert!(
        err(r#"{"participants": [], "peers": [], "scoring": {"topics": -1}}"#)
            .starts_with("scoring: topics must be a number from 0 to 1000")
    );
    assert!(err(r#"{"participants": [], "peers": [], "scoring": {"waiting_cap_days": 0}}"#).starts_with("scoring: waiting_cap_days"));
    assert!(err(r#"{"participants": [], "peers": [], "scoring": {"distance_scale_km": 0}}"#).starts_with("scoring: distance_scale_km"));
    assert!(parse_input(r#"{"participants": [], "peers": []}"#).is_ok());
}

#[test]
fn validate_catches_what_json_cannot_carry() {
    let mut input = synthetic(3, 2, 1, 1);
    input.participants[1].location = Some(Location { lat: f64::NAN, lon: 0.0 });
    let e = input.validate().err().map(|e| e.to_string()).unwrap_or_default();
    assert!(e.starts_with(r#"participants[1] (id "p1"): location.lat must be between -90 and 90"#), "{e}");
    // run() still answers without panicking.
    let _ = run(&input, true);
}

#[test]
fn codes_are_normalised() {
    let input = json_input(
        r#"{"id": "p", "languages": [" DA "], "modes": ["phone"], "peer_gender": ["Female", "ANY"]}"#,
        r#"{"id": "q", "capacity": 1, "languages": ["da"], "modes": ["phone"], "gender": "Male"}"#,
    );
    assert_eq!(input.participants[0].languages, ["da"]);
    assert_eq!(input.participants[0].peer_gender, PeerGender::Any);
    assert_eq!(input.peers[0].gender.as_deref(), Some("male"));
    assert_eq!(run(&input, false).assignments.len(), 1);
}

// ---------------------------------------------------------------------------------------
// The example file and the generator
// ---------------------------------------------------------------------------------------

#[test]
fn the_example_file_gives_the_documented_proposal() {
    let input = parse_input(include_str!("../examples/small.json")).unwrap_or_else(|e| panic!("{e}"));
    let out = run(&input, false);
    let pairs: Vec<(&str, &str)> = out.assignments.iter().map(|a| (a.participant.as_str(), a.peer.as_str())).collect();
    assert_eq!(pairs, [("p-01", "peer-anna"), ("p-02", "peer-anna"), ("p-06", "peer-bo")]);
    assert_eq!(reasons_of(&out, "p-03"), [Reason::NoSharedLanguage, Reason::Training]);
    assert_eq!(reasons_of(&out, "p-04"), [Reason::NoSharedMode, Reason::TooFar]);
    assert_eq!(reasons_of(&out, "p-05"), [Reason::CapacityTakenByBetterMatches, Reason::Excluded, Reason::Training, Reason::NoCapacity]);
    check_proposal(&input, &run(&input, true)).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn synthetic_is_deterministic_valid_and_round_trips() {
    let a = synthetic(200, 40, 5, 3);
    assert_eq!(a, synthetic(200, 40, 5, 3));
    assert_ne!(a, synthetic(200, 40, 5, 4));
    assert_eq!(a.validate(), Ok(()));
    assert_eq!(parse_input(&input_to_json(&a)).as_ref(), Ok(&a));
    let out = run(&a, true);
    check_proposal(&a, &out).unwrap_or_else(|e| panic!("{e}"));
    assert!(!out.assignments.is_empty());
}

#[test]
fn synthetic_medium_is_certified_in_both_orientations() {
    for (n, m, c) in [(400, 80, 5), (400, 40, 3), (300, 200, 2)] {
        let input = synthetic(n, m, c, 11);
        let a = sammen_matching::internals::certified_run(&input, Some(false)).unwrap_or_else(|e| panic!("{e}"));
        let b = sammen_matching::internals::certified_run(&input, Some(true)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((a.0, a.1, a.2), (b.0, b.1, b.2), "{n}×{m}×{c}");
        let out = run(&input, false);
        assert_eq!((out.assignments.len(), out.total_score().milli()), (a.1, a.2));
    }
}
