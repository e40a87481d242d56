//! Sammen's matching engine: proposes which waiting participant goes to which peer, pure
//! and with no IO.
//!
//! Owns the input and output types of a proposal (the JSON schema is in
//! `docs/matching-input.md`), the hard rules that make a pair eligible, the score of an
//! eligible pair broken into parts, and the optimiser, which picks the assignment that
//! first matches the most participants and then has the greatest total score — globally,
//! not greedily. Must not depend on any other Sammen crate, nor read files, clocks or the
//! environment: the caller hands it an input and gets a proposal back.
//!
//! ```
//! let input = sammen_matching::parse_input(r#"{
//!   "participants": [{"id": "p1", "languages": ["da"], "modes": ["phone"]}],
//!   "peers": [{"id": "q1", "capacity": 1, "languages": ["da"], "modes": ["phone", "online"]}]
//! }"#).unwrap();
//! let out = sammen_matching::run(&input, false);
//! assert_eq!(out.assignments[0].peer, "q1");
//! ```

mod model;
mod pairs;
mod parse;
mod solve;
mod synthetic;

pub use model::{
    Location, MatchInput, MatchOutput, Mode, Participant, Peer, PeerGender, Points, Reason, ScoreBreakdown, ScoredPair, Scoring, Slot,
    Unmatched, Weekday,
};
pub use pairs::{EARTH_RADIUS_KM, haversine_km};
pub use parse::{MAX_CAPACITY, MAX_ENTRIES, MAX_WEIGHT, MatchError, parse_input};
pub use synthetic::synthetic;

use pairs::Prepared;

/// Proposes an assignment: every proposed pair is eligible, as many participants as
/// possible are matched, and among those assignments the total score is the greatest.
///
/// Participants and peers are taken in id order, so the answer does not depend on the
/// order of the input; where several assignments are equally good, the one found first in
/// id order is returned. With `all_scores`, `pair_scores` lists every eligible pair.
///
/// Expects input checked by [`parse_input`] or [`MatchInput::validate`]; unchecked input
/// never panics, but its answer means little.
pub fn run(input: &MatchInput, all_scores: bool) -> MatchOutput {
    let prep = Prepared::new(input);
    let edges = prep.edges();
    let sol = solve::solve(prep.n(), &prep.cap, &edges, prep.s_max);
    output(input, &prep, &edges, &sol.assigned, all_scores)
}

fn output(input: &MatchInput, prep: &Prepared, edges: &pairs::Edges, assigned: &[Option<u32>], all_scores: bool) -> MatchOutput {
    let participant_id = |r: usize| input.participants[prep.rows[r]].id.clone();
    let peer_id = |c: usize| input.peers[prep.cols[c]].id.clone();
    let pair = |r: usize, c: usize| {
        let parts = prep.evaluate(r, c).unwrap_or_default();
        ScoredPair { participant: participant_id(r), peer: peer_id(c), score: parts.total(), parts }
    };
    let mut assignments = Vec::new();
    let mut unmatched = Vec::new();
    for (r, a) in assigned.iter().enumerate() {
        match a {
            Some(c) => assignments.push(pair(r, *c as usize)),
            None => unmatched.push(Unmatched { participant: participant_id(r), reasons: reasons(prep, edges, r) }),
        }
    }
    let pair_scores = all_scores.then(|| {
        let mut all = Vec::with_capacity(edges.col.len());
        for r in 0..prep.n() {
            for &c in &edges.col[edges.row_start[r]..edges.row_start[r + 1]] {
                all.push(pair(r, c as usize));
            }
        }
        all
    });
    MatchOutput { assignments, pair_scores, unmatched }
}

/// Why row `r` is unmatched: the first rule each peer breaks, and
/// `capacity_taken_by_better_matches` when some peer was eligible.
fn reasons(prep: &Prepared, edges: &pairs::Edges, r: usize) -> Vec<Reason> {
    if prep.m() == 0 {
        return vec![Reason::NoPeers];
    }
    let mut found = std::collections::BTreeSet::new();
    if edges.row_start[r + 1] > edges.row_start[r] {
        found.insert(Reason::CapacityTakenByBetterMatches);
    }
    for c in 0..prep.m() {
        if let Err(reason) = prep.evaluate(r, c) {
            found.insert(reason);
        }
    }
    found.into_iter().collect()
}

/// A pair's verdict: its score parts when eligible, else the first rule it breaks.
pub type Verdict = Result<ScoreBreakdown, Reason>;

/// Every peer's verdict on one participant, by peer id.
pub type PeerVerdicts = Vec<(String, Verdict)>;

/// Each peer's verdict on each of `participants` (by id, in the order asked; an unknown id
/// gets no entry): the pair's score parts when the pair is eligible, else the first rule it
/// breaks (in the order of [`Reason`]'s rules). Peers come in id order. This is what an
/// explanation of one participant's place in a proposal is built from.
pub fn verdicts(input: &MatchInput, participants: &[&str]) -> Vec<(String, PeerVerdicts)> {
    let prep = Prepared::new(input);
    let mut out = Vec::new();
    for id in participants {
        let Some(r) = prep.rows.iter().position(|&i| input.participants[i].id == *id) else { continue };
        let row = (0..prep.m()).map(|c| (input.peers[prep.cols[c]].id.clone(), prep.evaluate(r, c))).collect();
        out.push(((*id).to_owned(), row));
    }
    out
}

/// The proposal as compact JSON (the `--format json` output).
pub fn to_json(output: &MatchOutput) -> String {
    serde_json::to_string(output).unwrap_or_else(|e| format!("{{\"error\":{:?}}}", e.to_string()))
}

/// The proposal as indented JSON, for reading.
pub fn to_json_pretty(output: &MatchOutput) -> String {
    serde_json::to_string_pretty(output).unwrap_or_else(|e| format!("{{\"error\":{:?}}}", e.to_string()))
}

/// An input as JSON in the documented schema, e.g. to write a [`synthetic`] input to a file.
/// [`parse_input`] reads it back unchanged as long as every number has at most 15
/// significant digits (true of [`synthetic`] inputs).
pub fn input_to_json(input: &MatchInput) -> String {
    serde_json::to_string(input).unwrap_or_else(|e| format!("{{\"error\":{:?}}}", e.to_string()))
}

/// The engine's pieces, for tests and benchmarks that check the optimiser on its own.
#[doc(hidden)]
pub mod internals {
    use super::*;
    use solve::Orientation;

    /// Solves `input` with the optimiser's own choice of orientation (`None`), or with
    /// participants (`Some(false)`) or peers (`Some(true)`) as the side placed one unit at a
    /// time, and checks the dual certificate of optimality. Returns
    /// `(eligible pairs, matched, total score in milli-points, peers first?)`.
    pub fn certified_run(input: &MatchInput, peers_first: Option<bool>) -> Result<(usize, usize, i64, bool), String> {
        let prep = Prepared::new(input);
        let edges = prep.edges();
        let orientation = match peers_first {
            None => solve::choose(prep.n(), &prep.cap, &edges),
            Some(true) => Orientation::Peers,
            Some(false) => Orientation::Participants,
        };
        let net = solve::network(prep.n(), &prep.cap, &edges, prep.s_max, orientation);
        let flow = solve::min_cost_flow(&net);
        solve::certify(&net, &flow)?;
        let sol = solve::solve_as(prep.n(), &prep.cap, &edges, prep.s_max, orientation);
        let mut matched = 0;
        let mut total = 0;
        for (r, a) in sol.assigned.iter().enumerate() {
            if let Some(c) = a {
                matched += 1;
                total += prep.evaluate(r, *c as usize).map_err(|e| e.to_string())?.total().0;
            }
        }
        Ok((edges.col.len(), matched, total, orientation == Orientation::Peers))
    }

    /// Prepares `input` and lists its eligible pairs; returns how many there are.
    pub fn prepare(input: &MatchInput) -> usize {
        Prepared::new(input).edges().col.len()
    }
}
