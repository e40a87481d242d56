//! The engine's input and output types. Their JSON form is documented in
//! `docs/matching-input.md`; [`crate::parse_input`] builds a checked [`MatchInput`] from it.

use std::fmt;

use serde::ser::{SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};

/// Everything the engine needs for one proposal: who waits, who can take them, and how to
/// weigh a good fit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatchInput {
    pub participants: Vec<Participant>,
    pub peers: Vec<Peer>,
    /// Weights of the score's parts. Absent in JSON means [`Scoring::default`].
    #[serde(skip_serializing_if = "Scoring::is_default")]
    pub scoring: Scoring,
}

/// A participant waiting for a peer, with their wishes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Participant {
    pub id: String,
    /// Language codes (lower case, e.g. `da`, `en`); at least one.
    pub languages: Vec<String>,
    /// Modes the participant accepts; at least one.
    pub modes: Vec<Mode>,
    /// Areas of lived experience the participant wants their peer to share.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// Greatest distance for a pair whose only shared mode is in person; absent: no limit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_distance_km: Option<f64>,
    /// The participant's own gender code. Kept for the product; no rule uses it yet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    #[serde(skip_serializing_if = "PeerGender::is_any")]
    pub peer_gender: PeerGender,
    /// Days on the waiting list; longer waits earn more score.
    pub waiting_days: u32,
    /// Ids of peers this participant must not be matched with (conflict of interest, …).
    /// Ids that name no peer in the input are ignored.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub excluded_peers: Vec<String>,
    /// Weekly hours the participant is available; empty means "not stated".
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub availability: Vec<Slot>,
    /// An earlier peer; matching them again earns the continuity part.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_peer: Option<String>,
}

/// A peer worker who can take participants.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Peer {
    pub id: String,
    /// How many more participants the peer can take now.
    pub capacity: u32,
    pub languages: Vec<String>,
    pub modes: Vec<Mode>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub availability: Vec<Slot>,
    /// Whether the peer has the training the programme requires. Absent in JSON: `true`.
    #[serde(skip_serializing_if = "is_true")]
    pub trained: bool,
}

fn is_true(b: &bool) -> bool {
    *b
}

/// How a participant and a peer can meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    InPerson,
    Phone,
    Online,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::InPerson, Mode::Phone, Mode::Online];

    pub fn code(self) -> &'static str {
        match self {
            Mode::InPerson => "in_person",
            Mode::Phone => "phone",
            Mode::Online => "online",
        }
    }

    pub fn from_code(code: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.code() == code)
    }

    pub(crate) fn bit(self) -> u8 {
        match self {
            Mode::InPerson => 1,
            Mode::Phone => 2,
            Mode::Online => 4,
        }
    }
}

/// A point on the earth, in decimal degrees (WGS 84).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Location {
    pub lat: f64,
    pub lon: f64,
}

/// The participant's wish for the peer's gender.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum PeerGender {
    /// No wish (`"any"`, or the field left out).
    #[default]
    Any,
    /// The peer's gender must be one of these codes (lower case).
    OneOf(Vec<String>),
}

impl PeerGender {
    pub fn is_any(&self) -> bool {
        matches!(self, PeerGender::Any)
    }

    /// Whether a peer of this gender (or of unknown gender) meets the wish.
    pub fn accepts(&self, gender: Option<&str>) -> bool {
        match self {
            PeerGender::Any => true,
            PeerGender::OneOf(codes) => gender.is_some_and(|g| codes.iter().any(|c| c == g)),
        }
    }
}

impl Serialize for PeerGender {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            PeerGender::Any => s.serialize_str("any"),
            PeerGender::OneOf(codes) if codes.len() == 1 => s.serialize_str(&codes[0]),
            PeerGender::OneOf(codes) => {
                let mut seq = s.serialize_seq(Some(codes.len()))?;
                for c in codes {
                    seq.serialize_element(c)?;
                }
                seq.end()
            }
        }
    }
}

/// A day of the week, written `mon` … `sun`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];

    pub fn code(self) -> &'static str {
        match self {
            Weekday::Mon => "mon",
            Weekday::Tue => "tue",
            Weekday::Wed => "wed",
            Weekday::Thu => "thu",
            Weekday::Fri => "fri",
            Weekday::Sat => "sat",
            Weekday::Sun => "sun",
        }
    }

    pub fn from_code(code: &str) -> Option<Weekday> {
        Weekday::ALL.into_iter().find(|d| d.code() == code)
    }

    pub(crate) fn index(self) -> u32 {
        self as u32
    }
}

/// A weekly range of whole hours, `from` inclusive to `to` exclusive (0 ≤ from < to ≤ 24).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    pub day: Weekday,
    pub from: u8,
    pub to: u8,
}

/// Weights of the score's parts, in points: a part earns its full weight for a perfect fit.
/// The defaults add up to 100.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scoring {
    /// Share of the participant's wished topics that the peer also has.
    pub topics: f64,
    /// Share of the participant's stated weekly hours that the peer is also available.
    pub availability: f64,
    /// Closeness, when in person is a shared mode and both locations are known.
    pub distance: f64,
    /// Time on the waiting list, up to `waiting_cap_days`.
    pub waiting: f64,
    /// The peer is the participant's `previous_peer`.
    pub continuity: f64,
    /// Distance at which the distance part reaches zero when the participant has no
    /// `max_distance_km` (otherwise their maximum is used).
    pub distance_scale_km: f64,
    /// Waiting time that earns the full waiting part.
    pub waiting_cap_days: u32,
}

impl Default for Scoring {
    fn default() -> Self {
        Scoring {
            topics: 40.0,
            availability: 20.0,
            distance: 15.0,
            waiting: 15.0,
            continuity: 10.0,
            distance_scale_km: 50.0,
            waiting_cap_days: 365,
        }
    }
}

impl Scoring {
    pub fn is_default(&self) -> bool {
        *self == Scoring::default()
    }
}

/// A score in thousandths of a point. The engine adds and compares scores as integers, so
/// the optimum is exact; JSON shows them as numbers with at most three decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Points(pub i64);

impl Points {
    pub fn milli(self) -> i64 {
        self.0
    }

    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 1000.0
    }
}

impl fmt::Display for Points {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:03}", a / 1000, a % 1000)
    }
}

impl Serialize for Points {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.as_f64())
    }
}

/// A pair's score, part by part. `total` is the sum of the parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct ScoreBreakdown {
    pub topics: Points,
    pub availability: Points,
    pub distance: Points,
    pub waiting: Points,
    pub continuity: Points,
}

impl ScoreBreakdown {
    pub fn total(&self) -> Points {
        Points(self.topics.0 + self.availability.0 + self.distance.0 + self.waiting.0 + self.continuity.0)
    }
}

/// Why a pair is not eligible, or why a participant was left unmatched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Eligible peers exist, but the optimum gave their capacity to other participants.
    CapacityTakenByBetterMatches,
    /// The input has no peers at all.
    NoPeers,
    NoSharedLanguage,
    NoSharedMode,
    GenderPreference,
    Excluded,
    /// In person is the only shared mode and one of the two has no location.
    LocationUnknown,
    /// In person is the only shared mode and the peer is farther than `max_distance_km`.
    TooFar,
    Training,
    NoCapacity,
}

impl Reason {
    pub fn code(self) -> &'static str {
        match self {
            Reason::NoSharedLanguage => "no_shared_language",
            Reason::NoSharedMode => "no_shared_mode",
            Reason::GenderPreference => "gender_preference",
            Reason::Excluded => "excluded",
            Reason::LocationUnknown => "location_unknown",
            Reason::TooFar => "too_far",
            Reason::Training => "training",
            Reason::NoCapacity => "no_capacity",
            Reason::CapacityTakenByBetterMatches => "capacity_taken_by_better_matches",
            Reason::NoPeers => "no_peers",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One participant–peer pair with its score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoredPair {
    pub participant: String,
    pub peer: String,
    /// The total, equal to `parts.total()`.
    pub score: Points,
    pub parts: ScoreBreakdown,
}

/// A participant the proposal leaves unmatched, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unmatched {
    pub participant: String,
    /// Distinct reasons, in the order of [`Reason`]; never empty.
    pub reasons: Vec<Reason>,
}

/// The proposal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatchOutput {
    /// Proposed pairs, by participant id.
    pub assignments: Vec<ScoredPair>,
    /// Every eligible pair (by participant id, then peer id); only when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pair_scores: Option<Vec<ScoredPair>>,
    /// Participants left unmatched, by id.
    pub unmatched: Vec<Unmatched>,
}

impl MatchOutput {
    /// The sum of the assigned pairs' scores.
    pub fn total_score(&self) -> Points {
        Points(self.assignments.iter().map(|a| a.score.0).sum())
    }
}
