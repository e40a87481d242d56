//! Reading the JSON input and checking it, with errors that name the offending entry.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::model::{Location, MatchInput, Mode, Participant, Peer, PeerGender, Scoring, Slot, Weekday};

/// The most participants or peers one input may hold. It keeps the engine's fixed-point
/// arithmetic far from overflow.
pub const MAX_ENTRIES: usize = 1_000_000;
/// The largest capacity one peer may declare.
pub const MAX_CAPACITY: u32 = 1_000_000;
/// The largest weight of one score part, in points.
pub const MAX_WEIGHT: f64 = 1000.0;

/// Bad input. The message names where the problem is, e.g.
/// `participants[3] (id "p-17"): unknown mode "bus"`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MatchError {
    /// The text is not JSON.
    #[error("invalid JSON: {0}")]
    Json(String),
    /// An entry or field is wrong; `at` names it.
    #[error("{at}: {problem}")]
    Invalid { at: String, problem: String },
}

impl MatchError {
    fn at(at: impl Into<String>, problem: impl Into<String>) -> MatchError {
        MatchError::Invalid { at: at.into(), problem: problem.into() }
    }
}

/// Names an entry in messages: `participants[3] (id "p-17")`, or `participants[3]` when the
/// entry has no usable id.
fn entry_name(list: &str, index: usize, id: Option<&str>) -> String {
    match id {
        Some(id) => format!("{list}[{index}] (id {})", quoted(id)),
        None => format!("{list}[{index}]"),
    }
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}

/// Parses and checks a matching input (the schema is in `docs/matching-input.md`).
///
/// Codes (languages, topics, genders) are trimmed and lower-cased. Rejects unknown fields,
/// unknown modes and days, empty or duplicate ids, empty language or mode lists, negative
/// numbers, coordinates out of range, and a `max_distance_km` without a `location`.
pub fn parse_input(json: &str) -> Result<MatchInput, MatchError> {
    let root: Value = serde_json::from_str(json).map_err(|e| MatchError::Json(e.to_string()))?;
    let Value::Object(mut obj) = root else {
        return Err(MatchError::at("input", "must be a JSON object with \"participants\" and \"peers\""));
    };
    if let Some(key) = obj.keys().find(|k| !matches!(k.as_str(), "participants" | "peers" | "scoring")) {
        return Err(MatchError::at(
            "input",
            format!("unknown field {} (expected \"participants\", \"peers\" or \"scoring\")", quoted(key)),
        ));
    }
    let participants = take_list(&mut obj, "participants")?
        .into_iter()
        .enumerate()
        .map(|(i, v)| participant_from_value(i, v))
        .collect::<Result<Vec<_>, _>>()?;
    let peers = take_list(&mut obj, "peers")?.into_iter().enumerate().map(|(i, v)| peer_from_value(i, v)).collect::<Result<Vec<_>, _>>()?;
    let scoring = match obj.remove("scoring") {
        None | Some(Value::Null) => Scoring::default(),
        Some(v) => scoring_from_value(v)?,
    };
    let input = MatchInput { participants, peers, scoring };
    input.validate()?;
    Ok(input)
}

fn take_list(obj: &mut Map<String, Value>, key: &str) -> Result<Vec<Value>, MatchError> {
    match obj.remove(key) {
        Some(Value::Array(items)) => Ok(items),
        None => Err(MatchError::at("input", format!("missing field \"{key}\""))),
        Some(_) => Err(MatchError::at(key, "must be an array")),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParticipant {
    id: String,
    languages: Vec<String>,
    modes: Vec<String>,
    #[serde(default)]
    topics: Vec<String>,
    location: Option<Location>,
    max_distance_km: Option<f64>,
    gender: Option<String>,
    peer_gender: Option<Value>,
    #[serde(default)]
    waiting_days: i64,
    #[serde(default)]
    excluded_peers: Vec<String>,
    #[serde(default)]
    availability: Vec<RawSlot>,
    previous_peer: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPeer {
    id: String,
    capacity: i64,
    languages: Vec<String>,
    modes: Vec<String>,
    #[serde(default)]
    topics: Vec<String>,
    location: Option<Location>,
    gender: Option<String>,
    #[serde(default)]
    availability: Vec<RawSlot>,
    #[serde(default = "yes", alias = "required_training_met")]
    trained: bool,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSlot {
    day: String,
    from: i64,
    to: i64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScoring {
    topics: Option<f64>,
    availability: Option<f64>,
    distance: Option<f64>,
    waiting: Option<f64>,
    continuity: Option<f64>,
    distance_scale_km: Option<f64>,
    waiting_cap_days: Option<i64>,
}

fn id_hint(v: &Value) -> Option<String> {
    v.get("id").and_then(Value::as_str).filter(|s| !s.trim().is_empty()).map(str::to_owned)
}

fn participant_from_value(index: usize, v: Value) -> Result<Participant, MatchError> {
    let at = entry_name("participants", index, id_hint(&v).as_deref());
    let raw: RawParticipant = serde_json::from_value(v).map_err(|e| MatchError::at(&at, e.to_string()))?;
    let err = |p: String| MatchError::at(&at, p);
    if raw.waiting_days < 0 {
        return Err(err(format!("waiting_days must not be negative (got {})", raw.waiting_days)));
    }
    let waiting_days = u32::try_from(raw.waiting_days).map_err(|_| err(format!("waiting_days is too large (got {})", raw.waiting_days)))?;
    Ok(Participant {
        id: raw.id,
        languages: codes(raw.languages),
        modes: modes(raw.modes).map_err(err)?,
        topics: codes(raw.topics),
        location: raw.location,
        max_distance_km: raw.max_distance_km,
        gender: raw.gender.map(|g| code(&g)),
        peer_gender: peer_gender(raw.peer_gender).map_err(err)?,
        waiting_days,
        excluded_peers: raw.excluded_peers,
        availability: slots(raw.availability).map_err(err)?,
        previous_peer: raw.previous_peer,
    })
}

fn peer_from_value(index: usize, v: Value) -> Result<Peer, MatchError> {
    let at = entry_name("peers", index, id_hint(&v).as_deref());
    let raw: RawPeer = serde_json::from_value(v).map_err(|e| MatchError::at(&at, e.to_string()))?;
    let err = |p: String| MatchError::at(&at, p);
    if raw.capacity < 0 {
        return Err(err(format!("capacity must not be negative (got {})", raw.capacity)));
    }
    let capacity = u32::try_from(raw.capacity)
        .ok()
        .filter(|c| *c <= MAX_CAPACITY)
        .ok_or_else(|| err(format!("capacity must be at most {MAX_CAPACITY} (got {})", raw.capacity)))?;
    Ok(Peer {
        id: raw.id,
        capacity,
        languages: codes(raw.languages),
        modes: modes(raw.modes).map_err(err)?,
        topics: codes(raw.topics),
        location: raw.location,
        gender: raw.gender.map(|g| code(&g)),
        availability: slots(raw.availability).map_err(err)?,
        trained: raw.trained,
    })
}

fn scoring_from_value(v: Value) -> Result<Scoring, MatchError> {
    let raw: RawScoring = serde_json::from_value(v).map_err(|e| MatchError::at("scoring", e.to_string()))?;
    let d = Scoring::default();
    let waiting_cap_days = match raw.waiting_cap_days {
        None => d.waiting_cap_days,
        Some(n) => u32::try_from(n)
            .ok()
            .filter(|n| *n >= 1)
            .ok_or_else(|| MatchError::at("scoring", format!("waiting_cap_days must be a whole number ≥ 1 (got {n})")))?,
    };
    Ok(Scoring {
        topics: raw.topics.unwrap_or(d.topics),
        availability: raw.availability.unwrap_or(d.availability),
        distance: raw.distance.unwrap_or(d.distance),
        waiting: raw.waiting.unwrap_or(d.waiting),
        continuity: raw.continuity.unwrap_or(d.continuity),
        distance_scale_km: raw.distance_scale_km.unwrap_or(d.distance_scale_km),
        waiting_cap_days,
    })
}

fn code(s: &str) -> String {
    s.trim().to_lowercase()
}

/// Trims, lower-cases and de-duplicates codes, keeping their first order.
fn codes(list: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(list.len());
    for s in list {
        let c = code(&s);
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

fn modes(list: Vec<String>) -> Result<Vec<Mode>, String> {
    let mut out = Vec::with_capacity(list.len());
    for s in list {
        let m = Mode::from_code(s.trim())
            .ok_or_else(|| format!("unknown mode {} (expected \"in_person\", \"phone\" or \"online\")", quoted(&s)))?;
        if !out.contains(&m) {
            out.push(m);
        }
    }
    Ok(out)
}

fn peer_gender(v: Option<Value>) -> Result<PeerGender, String> {
    let list = match v {
        None | Some(Value::Null) => return Ok(PeerGender::Any),
        Some(Value::String(s)) => vec![s],
        Some(Value::Array(items)) => items
            .into_iter()
            .map(|i| match i {
                Value::String(s) => Ok(s),
                other => Err(format!("peer_gender must hold strings (got {other})")),
            })
            .collect::<Result<Vec<_>, _>>()?,
        Some(other) => {
            return Err(format!("peer_gender must be a string or a list of strings (got {other})"));
        }
    };
    let list = codes(list);
    if list.iter().any(|c| c.is_empty()) {
        return Err("peer_gender must not contain an empty string".into());
    }
    if list.is_empty() || list.iter().any(|c| c == "any") {
        return Ok(PeerGender::Any);
    }
    Ok(PeerGender::OneOf(list))
}

fn slots(list: Vec<RawSlot>) -> Result<Vec<Slot>, String> {
    list.into_iter()
        .enumerate()
        .map(|(i, s)| {
            let day = Weekday::from_code(&s.day.trim().to_lowercase()).ok_or_else(|| {
                format!(
                    "availability[{i}]: unknown day {} (expected \"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\" or \"sun\")",
                    quoted(&s.day)
                )
            })?;
            if !(0..=24).contains(&s.from) || !(0..=24).contains(&s.to) || s.from >= s.to {
                return Err(format!("availability[{i}]: hours must satisfy 0 ≤ from < to ≤ 24 (got from {} to {})", s.from, s.to));
            }
            Ok(Slot { day, from: s.from as u8, to: s.to as u8 })
        })
        .collect()
}

impl MatchInput {
    /// Checks an input built in code the way [`parse_input`] checks JSON: ids present and
    /// unique, lists not empty, numbers finite and in range. [`crate::run`] does not need
    /// this to be safe, but its answer for unchecked input means little.
    pub fn validate(&self) -> Result<(), MatchError> {
        if self.participants.len() > MAX_ENTRIES || self.peers.len() > MAX_ENTRIES {
            return Err(MatchError::at("input", format!("at most {MAX_ENTRIES} participants and {MAX_ENTRIES} peers are supported")));
        }
        check_scoring(&self.scoring)?;
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, p) in self.participants.iter().enumerate() {
            let at = entry_name("participants", i, Some(&p.id));
            let err = |problem: String| MatchError::at(&at, problem);
            check_id(&p.id, "participants", i)?;
            if let Some(first) = seen.insert(&p.id, i) {
                return Err(err(format!("duplicate id, also used by participants[{first}]")));
            }
            check_codes("languages", &p.languages, true).map_err(err)?;
            check_codes("topics", &p.topics, false).map_err(err)?;
            if p.modes.is_empty() {
                return Err(err("modes must not be empty".into()));
            }
            if let Some(loc) = p.location {
                check_location(loc).map_err(err)?;
            }
            if let Some(max) = p.max_distance_km {
                if !max.is_finite() || max < 0.0 {
                    return Err(err(format!("max_distance_km must be a number ≥ 0 (got {max})")));
                }
                if p.location.is_none() && p.modes.contains(&Mode::InPerson) {
                    return Err(err("max_distance_km is given but location is missing".into()));
                }
            }
            if let Some(g) = &p.gender {
                check_code("gender", g).map_err(err)?;
            }
            if let PeerGender::OneOf(codes) = &p.peer_gender {
                check_codes("peer_gender", codes, true).map_err(err)?;
            }
            if p.excluded_peers.iter().any(|e| e.is_empty()) {
                return Err(err("excluded_peers must not contain an empty id".into()));
            }
            if p.previous_peer.as_deref() == Some("") {
                return Err(err("previous_peer must not be empty".into()));
            }
            check_slots(&p.availability).map_err(err)?;
        }
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, q) in self.peers.iter().enumerate() {
            let at = entry_name("peers", i, Some(&q.id));
            let err = |problem: String| MatchError::at(&at, problem);
            check_id(&q.id, "peers", i)?;
            if let Some(first) = seen.insert(&q.id, i) {
                return Err(err(format!("duplicate id, also used by peers[{first}]")));
            }
            if q.capacity > MAX_CAPACITY {
                return Err(err(format!("capacity must be at most {MAX_CAPACITY} (got {})", q.capacity)));
            }
            check_codes("languages", &q.languages, true).map_err(err)?;
            check_codes("topics", &q.topics, false).map_err(err)?;
            if q.modes.is_empty() {
                return Err(err("modes must not be empty".into()));
            }
            if let Some(loc) = q.location {
                check_location(loc).map_err(err)?;
            }
            if let Some(g) = &q.gender {
                check_code("gender", g).map_err(err)?;
            }
            check_slots(&q.availability).map_err(err)?;
        }
        Ok(())
    }
}

fn check_id(id: &str, list: &str, index: usize) -> Result<(), MatchError> {
    if id.trim().is_empty() {
        return Err(MatchError::at(entry_name(list, index, None), "id must not be empty"));
    }
    Ok(())
}

fn check_code(field: &str, c: &str) -> Result<(), String> {
    if c.trim().is_empty() {
        return Err(format!("{field} must not contain an empty string"));
    }
    Ok(())
}

fn check_codes(field: &str, list: &[String], required: bool) -> Result<(), String> {
    if required && list.is_empty() {
        return Err(format!("{field} must not be empty"));
    }
    list.iter().try_for_each(|c| check_code(field, c))
}

fn check_location(loc: Location) -> Result<(), String> {
    if !loc.lat.is_finite() || !(-90.0..=90.0).contains(&loc.lat) {
        return Err(format!("location.lat must be between -90 and 90 (got {})", loc.lat));
    }
    if !loc.lon.is_finite() || !(-180.0..=180.0).contains(&loc.lon) {
        return Err(format!("location.lon must be between -180 and 180 (got {})", loc.lon));
    }
    Ok(())
}

fn check_slots(slots: &[Slot]) -> Result<(), String> {
    for (i, s) in slots.iter().enumerate() {
        if s.to > 24 || s.from >= s.to {
            return Err(format!("availability[{i}]: hours must satisfy 0 ≤ from < to ≤ 24 (got from {} to {})", s.from, s.to));
        }
    }
    Ok(())
}

fn check_scoring(s: &Scoring) -> Result<(), MatchError> {
    let weights = [
        ("topics", s.topics),
        ("availability", s.availability),
        ("distance", s.distance),
        ("waiting", s.waiting),
        ("continuity", s.continuity),
    ];
    for (name, w) in weights {
        if !w.is_finite() || !(0.0..=MAX_WEIGHT).contains(&w) {
            return Err(MatchError::at("scoring", format!("{name} must be a number from 0 to {MAX_WEIGHT} (got {w})")));
        }
    }
    if !s.distance_scale_km.is_finite() || s.distance_scale_km <= 0.0 {
        return Err(MatchError::at("scoring", format!("distance_scale_km must be a number > 0 (got {})", s.distance_scale_km)));
    }
    if s.waiting_cap_days == 0 {
        return Err(MatchError::at("scoring", "waiting_cap_days must be ≥ 1"));
    }
    Ok(())
}
