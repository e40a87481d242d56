//! The optimiser: a minimum-cost flow from participants to peers in which every participant
//! may also stay unmatched at a very high cost.
//!
//! An eligible pair costs `s_max - score`; leaving a unit unplaced costs
//! `big = (n + 1) * s_max + 1`, all in `i64`. Because `big` exceeds any difference in total
//! score, the cheapest flow is the one that first matches the most participants and then
//! has the greatest total score.
//!
//! The graph is compressed: a peer is one node with a capacity, not `capacity` copies. One
//! side is the *left* side, whose units are placed one at a time, and the other the *right*
//! side, which takes them up to its room; each left node also has a private "leave this
//! unit unplaced" edge to the sink at cost `big`. Participants are the left side unless
//! the peers' usable places are well below the demand; then the peers' capacity units are,
//! so that searches meet free right nodes soon. Left nodes are placed cheapest pair first,
//! so that the weakest come last and, once places are priced out, end their searches at
//! once.
//!
//! The method is successive shortest paths with node potentials (the Hungarian method in
//! the Jonker–Volgenant form, generalised to capacities):
//!
//! 1. Greedy start: each left node takes its cheapest right nodes while they have room.
//!    Potentials `π(left) = -(dearest cost taken)`, `π(right) = 0` make every reduced cost
//!    `c(a, b) + π(a) - π(b)` of the residual graph non-negative.
//! 2. Each unit not yet placed runs Dijkstra over reduced costs from its left node. A popped
//!    full right node leads back to the left nodes it holds (reverse edges), and the search
//!    ends at the first right node with room, or at the cheapest "leave unplaced" seen. The
//!    path is flipped and the potentials of the nodes settled closer than the end lowered by
//!    the difference, which keeps all reduced costs non-negative.
//!
//! Candidate nodes are kept in a list and the nearest found by a scan (no heap), which suits
//! dense inputs; a node on the way only scans its own eligible pairs, so sparse inputs cost
//! less. Worst case `O(U · (V + E))` for `U` units, `V` nodes and `E` eligible pairs; in
//! practice most units are placed by the greedy start or a short search. The final
//! potentials prove the flow optimal ([`certify`]).

use crate::pairs::Edges;

/// Which side's units are placed one at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Orientation {
    /// Participants are the left side (one unit each), peers the right (room = capacity).
    Participants,
    /// Peers are the left side (capacity units each), participants the right (room 1).
    Peers,
}

/// A flow network in compressed form: `start[l]..start[l + 1]` indexes the eligible pairs
/// `(adj, cost)` of left node `l`.
pub(crate) struct Network {
    pub nl: usize,
    pub nr: usize,
    pub start: Vec<usize>,
    pub adj: Vec<u32>,
    pub cost: Vec<i32>,
    pub supply: Vec<u32>,
    pub room: Vec<u32>,
    pub big: i64,
}

/// A flow with its potentials.
pub(crate) struct Flow {
    /// For each left node, the right nodes it holds, with the pair's cost.
    pub held: Vec<Vec<(u32, i32)>>,
    /// For each right node, the left nodes holding it, with the pair's cost.
    pub holders: Vec<Vec<(u32, i32)>>,
    /// Units of each left node left unplaced.
    pub unplaced: Vec<u32>,
    pub pl: Vec<i64>,
    pub pr: Vec<i64>,
}

impl Flow {
    fn add(&mut self, l: u32, r: u32, w: i32) {
        self.held[l as usize].push((r, w));
        self.holders[r as usize].push((l, w));
    }

    fn remove(&mut self, l: u32, r: u32) {
        let held = &mut self.held[l as usize];
        if let Some(k) = held.iter().position(|&(x, _)| x == r) {
            held.swap_remove(k);
        }
        let holders = &mut self.holders[r as usize];
        if let Some(k) = holders.iter().position(|&(x, _)| x == l) {
            holders.swap_remove(k);
        }
    }
}

/// The optimiser's answer: the peer (column) of each participant (row), if any.
pub(crate) struct Solution {
    pub assigned: Vec<Option<u32>>,
}

/// The unplaced cost for `n` participants and scores in `0..=s_max`.
pub(crate) fn big(n: usize, s_max: i64) -> i64 {
    (n as i64 + 1).saturating_mul(s_max.max(0)).saturating_add(1)
}

/// Chooses the orientation: peers on the left when their usable places are well below the
/// number of participants who have an eligible peer.
pub(crate) fn choose(n: usize, cap: &[u32], edges: &Edges) -> Orientation {
    let mut degree = vec![0u64; cap.len()];
    let mut demand = 0u64;
    for r in 0..n {
        let (s, e) = (edges.row_start[r], edges.row_start[r + 1]);
        if e > s {
            demand += 1;
        }
        for &c in &edges.col[s..e] {
            degree[c as usize] += 1;
        }
    }
    let places: u64 = cap.iter().zip(&degree).map(|(&c, &d)| u64::from(c).min(d)).sum();
    // Measured on synthetic inputs: placing peers' units first pays when the places are
    // well below the demand (under about 60 %); otherwise placing participants is faster.
    if places * 5 < demand * 3 { Orientation::Peers } else { Orientation::Participants }
}

/// Builds the network for `orientation` from the eligible pairs (rows = participants).
pub(crate) fn network(n: usize, cap: &[u32], edges: &Edges, s_max: i64, orientation: Orientation) -> Network {
    let m = cap.len();
    let s_max = s_max.max(0);
    let cost_of = |s: i64| (s_max - s.clamp(0, s_max)).min(i64::from(i32::MAX)) as i32;
    let big = big(n, s_max);
    match orientation {
        Orientation::Participants => Network {
            nl: n,
            nr: m,
            start: edges.row_start.clone(),
            adj: edges.col.clone(),
            cost: edges.score.iter().map(|&s| cost_of(s)).collect(),
            supply: vec![1; n],
            room: cap.iter().map(|&c| c.min(n as u32)).collect(),
            big,
        },
        Orientation::Peers => {
            let mut degree = vec![0usize; m];
            for &c in &edges.col {
                degree[c as usize] += 1;
            }
            let mut start = Vec::with_capacity(m + 1);
            start.push(0usize);
            for d in &degree {
                let last = start.last().copied().unwrap_or(0);
                start.push(last + d);
            }
            let mut fill = start.clone();
            let mut adj = vec![0u32; edges.col.len()];
            let mut cost = vec![0i32; edges.col.len()];
            for r in 0..n {
                for k in edges.row_start[r]..edges.row_start[r + 1] {
                    let c = edges.col[k] as usize;
                    adj[fill[c]] = r as u32;
                    cost[fill[c]] = cost_of(edges.score[k]);
                    fill[c] += 1;
                }
            }
            let supply = cap.iter().zip(&degree).map(|(&c, &d)| c.min(d as u32)).collect();
            Network { nl: m, nr: n, start, adj, cost, supply, room: vec![1; n], big }
        }
    }
}

/// Finds the assignment that first matches the most participants and then has the greatest
/// total score. Scores must lie in `0..=s_max`.
pub(crate) fn solve(n: usize, cap: &[u32], edges: &Edges, s_max: i64) -> Solution {
    solve_as(n, cap, edges, s_max, choose(n, cap, edges))
}

/// [`solve`] with a given orientation.
pub(crate) fn solve_as(n: usize, cap: &[u32], edges: &Edges, s_max: i64, orientation: Orientation) -> Solution {
    let net = network(n, cap, edges, s_max, orientation);
    let flow = min_cost_flow(&net);
    let mut assigned = vec![None; n];
    for (l, held) in flow.held.iter().enumerate() {
        for &(r, _) in held {
            match orientation {
                Orientation::Participants => assigned[l] = Some(r),
                Orientation::Peers => assigned[r as usize] = Some(l as u32),
            }
        }
    }
    Solution { assigned }
}

/// Distance of a node not reached yet.
const UNSEEN: i64 = i64::MAX;
/// Distance mark of a settled node (its true distance is kept in `settled`).
const DONE: i64 = i64::MIN;

/// Places every unit of every left node at least cost.
pub(crate) fn min_cost_flow(net: &Network) -> Flow {
    let (nl, nr) = (net.nl, net.nr);
    let mut f = Flow {
        held: net.supply.iter().map(|&a| Vec::with_capacity(a as usize)).collect(),
        holders: net.room.iter().map(|&b| Vec::with_capacity(b as usize)).collect(),
        unplaced: vec![0; nl],
        pl: vec![0; nl],
        pr: vec![0; nr],
    };
    let order = processing_order(net);
    greedy_start(net, &mut f, &order);

    // Node ids: right nodes 0..nr, left nodes nr..nr + nl.
    let left = |l: usize| (nr + l) as u32;
    let mut s = Search {
        net,
        dist: vec![UNSEEN; nl + nr],
        pred: vec![0; nl + nr],
        pred_cost: vec![0; nr],
        touched: Vec::new(),
        cands: Vec::new(),
        cand_d: Vec::new(),
        cand_pos: vec![0; nl + nr],
        settled: Vec::new(),
        saved: Vec::new(),
    };

    for &l0 in &order {
        let l0 = l0 as usize;
        while f.held[l0].len() + (f.unplaced[l0] as usize) < net.supply[l0] as usize {
            // The cheapest way seen so far to end by leaving a unit unplaced: (distance, left node).
            let mut leave = (net.big.saturating_add(f.pl[l0]), l0);
            let id0 = left(l0);
            s.touched.push(id0);
            s.settle(id0, 0);
            s.scan_left(&f, l0, 0, leave.0);

            // Ends at Some(right node with room) or None (leave a unit of `leave.1` unplaced).
            let (end, d_end) = loop {
                // The nearest candidate; ties go to a right node with room, then the lower id.
                let Some(d) = s.cand_d.iter().copied().min() else {
                    break (None, leave.0);
                };
                let mut best: Option<(usize, bool, u32)> = None;
                for (k, (&x, &dx)) in s.cands.iter().zip(&s.cand_d).enumerate() {
                    if dx != d {
                        continue;
                    }
                    let room = (x as usize) < nr && f.holders[x as usize].len() < net.room[x as usize] as usize;
                    let better = match best {
                        None => true,
                        Some((_, broom, bx)) => (room && !broom) || (room == broom && x < bx),
                    };
                    if better {
                        best = Some((k, room, x));
                    }
                }
                let Some((k, room, x)) = best.filter(|&(_, room, _)| d < leave.0 || (d == leave.0 && room)) else {
                    break (None, leave.0);
                };
                s.take_candidate(k);
                s.settle(x, d);
                let xu = x as usize;
                if xu < nr {
                    if room {
                        break (Some(x), d);
                    }
                    // Back along the reverse edges to the left nodes holding x.
                    for &(l, w) in &f.holders[xu] {
                        let id = left(l as usize) as usize;
                        let nd = d - i64::from(w) + f.pr[xu] - f.pl[l as usize];
                        if nd == d && s.dist[id] != DONE {
                            // As near as the nearest candidate: settle it now, skipping the
                            // candidate list.
                            if s.dist[id] == UNSEEN {
                                s.touched.push(id as u32);
                            } else {
                                s.drop_candidate(id as u32);
                            }
                            s.pred[id] = x;
                            s.settle(id as u32, d);
                            let lu = l as usize;
                            let here = d.saturating_add(net.big).saturating_add(f.pl[lu]);
                            if here < leave.0 {
                                leave = (here, lu);
                            }
                            s.scan_left(&f, lu, d, leave.0);
                        } else if nd < s.dist[id] && nd <= leave.0 {
                            s.improve(id as u32, nd);
                            s.pred[id] = x;
                        }
                    }
                } else {
                    let l = xu - nr;
                    let here = d.saturating_add(net.big).saturating_add(f.pl[l]);
                    if here < leave.0 {
                        leave = (here, l);
                    }
                    s.scan_left(&f, l, d, leave.0);
                }
            };

            // Potentials: lower every node settled closer than the end.
            for &(x, d) in &s.settled {
                if d < d_end {
                    let xu = x as usize;
                    if xu < nr {
                        f.pr[xu] -= d_end - d;
                    } else {
                        f.pl[xu - nr] -= d_end - d;
                    }
                }
            }

            // Flip the path.
            let pred = &s.pred;
            let mut l = match end {
                Some(r) => {
                    let l = pred[r as usize] - nr as u32;
                    f.add(l, r, s.pred_cost[r as usize]);
                    l as usize
                }
                None => {
                    f.unplaced[leave.1] += 1;
                    leave.1
                }
            };
            while l != l0 {
                let r = pred[left(l) as usize];
                f.remove(l as u32, r);
                let l2 = pred[r as usize] - nr as u32;
                f.add(l2, r, s.pred_cost[r as usize]);
                l = l2 as usize;
            }
            s.reset();
        }
    }
    f
}

/// The scratch state of the Dijkstra searches, reused from one to the next.
struct Search<'a> {
    net: &'a Network,
    /// Tentative distance, [`UNSEEN`] or [`DONE`].
    dist: Vec<i64>,
    pred: Vec<u32>,
    /// The cost of the pair by which a right node was reached.
    pred_cost: Vec<i32>,
    touched: Vec<u32>,
    /// Candidates (reached, not settled) and their distances, side by side.
    cands: Vec<u32>,
    cand_d: Vec<i64>,
    /// Where each candidate is in `cands`.
    cand_pos: Vec<u32>,
    /// Settled nodes with their distances.
    settled: Vec<(u32, i64)>,
    saved: Vec<(u32, i64)>,
}

impl Search<'_> {
    fn settle(&mut self, x: u32, d: i64) {
        self.dist[x as usize] = DONE;
        self.settled.push((x, d));
    }

    fn reset(&mut self) {
        for &x in &self.touched {
            self.dist[x as usize] = UNSEEN;
        }
        self.touched.clear();
        self.cands.clear();
        self.cand_d.clear();
        self.settled.clear();
    }

    /// Lowers the tentative distance of `x` to `d`, making it a candidate if it was unseen.
    #[inline]
    fn improve(&mut self, x: u32, d: i64) {
        let xu = x as usize;
        if self.dist[xu] == UNSEEN {
            self.touched.push(x);
            self.cand_pos[xu] = self.cands.len() as u32;
            self.cands.push(x);
            self.cand_d.push(d);
        } else {
            self.cand_d[self.cand_pos[xu] as usize] = d;
        }
        self.dist[xu] = d;
    }

    /// Removes candidate `x` from the list.
    fn drop_candidate(&mut self, x: u32) {
        let k = self.cand_pos[x as usize] as usize;
        self.take_candidate(k);
    }

    /// Removes the candidate at position `k`.
    fn take_candidate(&mut self, k: usize) {
        self.cands.swap_remove(k);
        self.cand_d.swap_remove(k);
        if let Some(&moved) = self.cands.get(k) {
            self.cand_pos[moved as usize] = k as u32;
        }
    }

    /// Relaxes the forward edges of left node `l`, settled at distance `d`, skipping the
    /// pairs it already holds and anything farther than `limit`.
    #[inline]
    fn scan_left(&mut self, f: &Flow, l: usize, d: i64, limit: i64) {
        let net = self.net;
        // Pairs already held have no forward residual edge: hide them for this scan.
        for &(r, _) in &f.held[l] {
            self.saved.push((r, self.dist[r as usize]));
            self.dist[r as usize] = DONE;
        }
        let base = d + f.pl[l];
        let (s, e) = (net.start[l], net.start[l + 1]);
        let from = (net.nr + l) as u32;
        let pr = &f.pr[..net.nr];
        for (&r, &w) in net.adj[s..e].iter().zip(&net.cost[s..e]) {
            let ru = r as usize;
            let nd = base + i64::from(w) - pr[ru];
            if nd < self.dist[ru] && nd <= limit {
                self.improve(r, nd);
                self.pred[ru] = from;
                self.pred_cost[ru] = w;
            }
        }
        for (r, old) in self.saved.drain(..) {
            self.dist[r as usize] = old;
        }
    }
}

/// Left nodes by their cheapest pair, cheapest first (ties by index). Strong candidates are
/// placed first, so that the weakest come last and, once the places are priced out, end
/// their searches at once by staying unplaced.
fn processing_order(net: &Network) -> Vec<u32> {
    let cheapest: Vec<i32> =
        (0..net.nl).map(|l| net.cost[net.start[l]..net.start[l + 1]].iter().copied().min().unwrap_or(i32::MAX)).collect();
    let mut order: Vec<u32> = (0..net.nl as u32).collect();
    order.sort_by_key(|&l| (cheapest[l as usize], l));
    order
}

/// Each left node takes its cheapest right nodes, level by level of cost, while they have
/// room; it stops at a level where a right node is full. Then every reduced cost is
/// non-negative with `π(left) = -(dearest cost taken)` and `π(right) = 0`.
fn greedy_start(net: &Network, f: &mut Flow, order: &[u32]) {
    for &l in order {
        let l = l as usize;
        let (s, e) = (net.start[l], net.start[l + 1]);
        let want = net.supply[l] as usize;
        if s == e {
            f.unplaced[l] = net.supply[l];
            f.pl[l] = -net.big;
            continue;
        }
        let costs = &net.cost[s..e];
        let adj = &net.adj[s..e];
        let mut taken = 0usize;
        let mut below: Option<i32> = None;
        let mut dearest_taken: Option<i32> = None;
        let mut cheapest: Option<i32> = None;
        while taken < want {
            let Some(level) = costs.iter().copied().filter(|&w| below.is_none_or(|b| w > b)).min() else {
                break;
            };
            cheapest.get_or_insert(level);
            let mut blocked = false;
            for (&r, &w) in adj.iter().zip(costs) {
                if w != level || taken >= want {
                    continue;
                }
                if f.holders[r as usize].len() < net.room[r as usize] as usize {
                    f.add(l as u32, r, w);
                    taken += 1;
                    dearest_taken = Some(level);
                } else {
                    blocked = true;
                }
            }
            below = Some(level);
            if blocked {
                break;
            }
        }
        f.pl[l] = -i64::from(dearest_taken.or(cheapest).unwrap_or(0));
    }
}

/// Checks that `flow` is a minimum-cost flow of `net` by its potentials: every unit is
/// placed or left unplaced, no room is exceeded, and every residual edge has a
/// non-negative reduced cost. Returns the first violation.
pub(crate) fn certify(net: &Network, f: &Flow) -> Result<(), String> {
    let mut held_mark = vec![u32::MAX; net.nr];
    for l in 0..net.nl {
        let units = f.held[l].len() + f.unplaced[l] as usize;
        if units != net.supply[l] as usize {
            return Err(format!("left {l}: {units} units placed, supply {}", net.supply[l]));
        }
        for &(r, w) in &f.held[l] {
            held_mark[r as usize] = l as u32;
            let reduced = -i64::from(w) + f.pr[r as usize] - f.pl[l];
            if reduced < 0 {
                return Err(format!("left {l} → right {r}: held with reduced cost {reduced} > 0 forward"));
            }
        }
        let mut held_found = 0;
        for k in net.start[l]..net.start[l + 1] {
            let r = net.adj[k] as usize;
            if held_mark[r] == l as u32 {
                held_found += 1;
                if f.held[l].iter().any(|&(x, w)| x as usize == r && w != net.cost[k]) {
                    return Err(format!("left {l} → right {r}: held at a wrong cost"));
                }
                continue;
            }
            let reduced = i64::from(net.cost[k]) + f.pl[l] - f.pr[r];
            if reduced < 0 {
                return Err(format!("left {l} → right {r}: reduced cost {reduced} < 0"));
            }
        }
        if held_found != f.held[l].len() {
            return Err(format!("left {l}: holds a right node it has no eligible pair with, or one twice"));
        }
        if net.big + f.pl[l] < 0 {
            return Err(format!("left {l}: unplaced edge has reduced cost {} < 0", net.big + f.pl[l]));
        }
        if f.unplaced[l] > 0 && -net.big - f.pl[l] < 0 {
            return Err(format!("left {l}: has unplaced units but potential {} > -big", f.pl[l]));
        }
    }
    for r in 0..net.nr {
        let load = f.holders[r].len();
        if load > net.room[r] as usize {
            return Err(format!("right {r}: load {load} over room {}", net.room[r]));
        }
        if load < net.room[r] as usize && f.pr[r] < 0 {
            return Err(format!("right {r}: room left but potential {} < 0", f.pr[r]));
        }
        if load > 0 && f.pr[r] > 0 {
            return Err(format!("right {r}: used but potential {} > 0", f.pr[r]));
        }
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A random compressed problem: `n` rows, peers with capacities, eligible pairs with scores.
    fn problem(n: usize, caps: &[u32], pairs: &[(usize, usize, i64)]) -> Edges {
        let mut row_start = vec![0];
        let mut col = Vec::new();
        let mut score = Vec::new();
        for r in 0..n {
            let mut row: Vec<(usize, i64)> = pairs.iter().filter(|p| p.0 == r && p.1 < caps.len()).map(|p| (p.1, p.2)).collect();
            row.sort_unstable();
            row.dedup_by_key(|p| p.0);
            for (c, s) in row {
                col.push(c as u32);
                score.push(s);
            }
            row_start.push(col.len());
        }
        Edges { row_start, col, score }
    }

    /// (matched, total score) of an assignment, checking that it is feasible.
    fn value(n: usize, caps: &[u32], edges: &Edges, assigned: &[Option<u32>]) -> (usize, i64) {
        let mut load = vec![0u32; caps.len()];
        let mut total = 0;
        let mut matched = 0;
        for (r, a) in assigned.iter().enumerate().take(n) {
            if let Some(c) = *a {
                let k = (edges.row_start[r]..edges.row_start[r + 1]).find(|&k| edges.col[k] == c);
                let k = k.unwrap_or_else(|| panic!("row {r} assigned to ineligible column {c}"));
                total += edges.score[k];
                matched += 1;
                load[c as usize] += 1;
            }
        }
        for (c, (&l, &cap)) in load.iter().zip(caps).enumerate() {
            assert!(l <= cap, "column {c} over capacity");
        }
        (matched, total)
    }

    /// The best (matched, total) by trying every assignment.
    fn brute_force(n: usize, caps: &[u32], edges: &Edges) -> (usize, i64) {
        fn go(r: usize, n: usize, edges: &Edges, room: &mut Vec<u32>, acc: (usize, i64), best: &mut (usize, i64)) {
            if r == n {
                *best = (*best).max(acc);
                return;
            }
            go(r + 1, n, edges, room, acc, best);
            for k in edges.row_start[r]..edges.row_start[r + 1] {
                let c = edges.col[k] as usize;
                if room[c] > 0 {
                    room[c] -= 1;
                    go(r + 1, n, edges, room, (acc.0 + 1, acc.1 + edges.score[k]), best);
                    room[c] += 1;
                }
            }
        }
        let mut best = (0, 0);
        go(0, n, edges, &mut caps.to_vec(), (0, 0), &mut best);
        best
    }

    /// An independent optimum for larger cases: successive shortest paths with Bellman–Ford
    /// on the expanded graph, augmenting while it pays (cost `-(big + score)` per pair).
    fn reference(n: usize, caps: &[u32], edges: &Edges, s_max: i64) -> (usize, i64) {
        let m = caps.len();
        let (src, sink) = (n + m, n + m + 1);
        let nodes = n + m + 2;
        // (to, capacity, cost, reverse index)
        let mut g: Vec<Vec<(usize, i64, i64, usize)>> = vec![Vec::new(); nodes];
        let add = |g: &mut Vec<Vec<(usize, i64, i64, usize)>>, a: usize, b: usize, cap: i64, cost: i64| {
            let ra = g[b].len();
            let rb = g[a].len();
            g[a].push((b, cap, cost, ra));
            g[b].push((a, 0, -cost, rb));
        };
        let big = super::big(n, s_max);
        for r in 0..n {
            add(&mut g, src, r, 1, 0);
            for k in edges.row_start[r]..edges.row_start[r + 1] {
                add(&mut g, r, n + edges.col[k] as usize, 1, -(big + edges.score[k]));
            }
        }
        for (c, &cap) in caps.iter().enumerate() {
            add(&mut g, n + c, sink, i64::from(cap), 0);
        }
        let (mut matched, mut total_cost) = (0usize, 0i64);
        loop {
            let mut dist = vec![i64::MAX; nodes];
            let mut pred: Vec<Option<(usize, usize)>> = vec![None; nodes];
            dist[src] = 0;
            for _ in 0..nodes {
                let mut changed = false;
                for a in 0..nodes {
                    if dist[a] == i64::MAX {
                        continue;
                    }
                    for (i, &(b, cap, cost, _)) in g[a].iter().enumerate() {
                        if cap > 0 && dist[a] + cost < dist[b] {
                            dist[b] = dist[a] + cost;
                            pred[b] = Some((a, i));
                            changed = true;
                        }
                    }
                }
                if !changed {
                    break;
                }
            }
            if dist[sink] == i64::MAX || dist[sink] >= 0 {
                break;
            }
            let mut v = sink;
            while let Some((a, i)) = pred[v] {
                g[a][i].1 -= 1;
                let (b, rev) = (g[a][i].0, g[a][i].3);
                g[b][rev].1 += 1;
                v = a;
            }
            matched += 1;
            total_cost += dist[sink];
        }
        (matched, -total_cost - matched as i64 * big)
    }

    fn instance(
        max_rows: usize,
        max_cols: usize,
        max_cap: u32,
        max_score: i64,
    ) -> impl Strategy<Value = (usize, Vec<u32>, Vec<(usize, usize, i64)>)> {
        (0..=max_rows, 0..=max_cols).prop_flat_map(move |(n, m)| {
            (
                Just(n),
                prop::collection::vec(0..=max_cap, m),
                prop::collection::vec((0..n.max(1), 0..m.max(1), 0..=max_score), 0..=(n * m * 2 / 3 + 1)),
            )
        })
    }

    fn check_both(n: usize, caps: &[u32], edges: &Edges, s_max: i64) -> [(usize, i64); 2] {
        let mut out = [(0, 0); 2];
        for (k, o) in [Orientation::Participants, Orientation::Peers].into_iter().enumerate() {
            let net = network(n, caps, edges, s_max, o);
            let flow = min_cost_flow(&net);
            if let Err(e) = certify(&net, &flow) {
                panic!("{o:?}: certificate fails: {e}");
            }
            let sol = solve_as(n, caps, edges, s_max, o);
            out[k] = value(n, caps, edges, &sol.assigned);
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn optimum_equals_exhaustive_search((n, caps, pairs) in instance(6, 4, 3, 9)) {
            let edges = problem(n, &caps, &pairs);
            let best = brute_force(n, &caps, &edges);
            for got in check_both(n, &caps, &edges, 9) {
                prop_assert_eq!(got, best);
            }
        }

        #[test]
        fn optimum_equals_exhaustive_search_with_wide_scores((n, caps, pairs) in instance(6, 4, 2, 100_000)) {
            let edges = problem(n, &caps, &pairs);
            let best = brute_force(n, &caps, &edges);
            for got in check_both(n, &caps, &edges, 100_000) {
                prop_assert_eq!(got, best);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(120))]

        #[test]
        fn optimum_equals_reference_on_larger_cases((n, caps, pairs) in instance(30, 10, 4, 20)) {
            let edges = problem(n, &caps, &pairs);
            let best = reference(n, &caps, &edges, 20);
            for got in check_both(n, &caps, &edges, 20) {
                prop_assert_eq!(got, best);
            }
        }
    }

    #[test]
    fn cardinality_comes_before_score() {
        // Two places, three rows: any two pairs beat one; the best two are 0 → 0 and 1 → 1.
        let caps = [1, 1];
        let edges = problem(3, &caps, &[(0, 0, 9), (1, 0, 1), (1, 1, 1), (2, 1, 1)]);
        assert_eq!(check_both(3, &caps, &edges, 9), [(2, 10); 2]);
        // Two pairs are possible only as 0 → 0 and 2 → 1 (score 9 + 0); 1 → 0 scores less.
        let edges = problem(3, &caps, &[(0, 0, 9), (1, 0, 1), (2, 0, 1), (2, 1, 0)]);
        assert_eq!(check_both(3, &caps, &edges, 9), [(2, 9); 2]);
    }

    #[test]
    fn empty_problems() {
        assert_eq!(check_both(0, &[], &problem(0, &[], &[]), 5), [(0, 0); 2]);
        assert_eq!(check_both(3, &[], &problem(3, &[], &[]), 5), [(0, 0); 2]);
        assert_eq!(check_both(0, &[2, 3], &problem(0, &[2, 3], &[]), 5), [(0, 0); 2]);
        assert_eq!(check_both(2, &[0], &problem(2, &[0], &[(0, 0, 3)]), 5), [(0, 0); 2]);
    }
}
