//! Hard rules and scores for one participant–peer pair, on a compact form of the input
//! (codes interned into bit sets, locations as unit vectors) so that millions of pairs can
//! be judged quickly.

use std::collections::HashMap;

use crate::model::{Location, MatchInput, Mode, PeerGender, Points, Reason, ScoreBreakdown, Scoring, Slot};

/// Mean earth radius (IUGG), in km.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

const NONE: u32 = u32::MAX;

/// Great-circle distance in km between two points (haversine formula).
pub fn haversine_km(a: Location, b: Location) -> f64 {
    let (p1, p2) = (a.lat.to_radians(), b.lat.to_radians());
    let dp = p2 - p1;
    let dl = (b.lon - a.lon).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// The point as a unit vector. The chord between two unit vectors gives the same
/// great-circle distance as the haversine formula (chord² / 4 is the haversine of the
/// central angle), with no trigonometry per pair.
fn unit(loc: Location) -> [f64; 3] {
    let (lat, lon) = (loc.lat.to_radians(), loc.lon.to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

fn chord_km(a: &[f64; 3], b: &[f64; 3]) -> f64 {
    let (x, y, z) = (a[0] - b[0], a[1] - b[1], a[2] - b[2]);
    let half_chord = (x * x + y * y + z * z).sqrt() / 2.0;
    2.0 * EARTH_RADIUS_KM * half_chord.min(1.0).asin()
}

/// Fixed-length bit sets, one row per entity, stored flat.
struct Bits {
    words: usize,
    data: Vec<u64>,
}

impl Bits {
    fn new(rows: usize, bits: usize) -> Bits {
        let words = bits.div_ceil(64).max(1);
        Bits { words, data: vec![0; rows * words] }
    }

    fn set(&mut self, row: usize, bit: u32) {
        let w = row * self.words + bit as usize / 64;
        if let Some(word) = self.data.get_mut(w) {
            *word |= 1u64 << (bit % 64);
        }
    }

    fn row(&self, row: usize) -> &[u64] {
        let start = row * self.words;
        self.data.get(start..start + self.words).unwrap_or(&[])
    }

    fn get(&self, row: usize, bit: u32) -> bool {
        self.row(row).get(bit as usize / 64).is_some_and(|w| w >> (bit % 64) & 1 == 1)
    }
}

fn intersects(a: &[u64], b: &[u64]) -> bool {
    a.iter().zip(b).any(|(x, y)| x & y != 0)
}

fn common(a: &[u64], b: &[u64]) -> i64 {
    a.iter().zip(b).map(|(x, y)| i64::from((x & y).count_ones())).sum()
}

/// Interns codes into small integers.
#[derive(Default)]
struct Interner<'a> {
    map: HashMap<&'a str, u32>,
}

impl<'a> Interner<'a> {
    fn add(&mut self, s: &'a str) -> u32 {
        let next = self.map.len() as u32;
        *self.map.entry(s).or_insert(next)
    }
    fn get(&self, s: &str) -> Option<u32> {
        self.map.get(s).copied()
    }
    fn len(&self) -> usize {
        self.map.len()
    }
}

/// A week as 168 hour bits.
type Week = [u64; 3];

fn week(slots: &[Slot]) -> (Week, i64) {
    let mut w = [0u64; 3];
    for s in slots {
        for h in s.from.min(24)..s.to.min(24) {
            let bit = s.day.index() * 24 + u32::from(h);
            if let Some(word) = w.get_mut(bit as usize / 64) {
                *word |= 1u64 << (bit % 64);
            }
        }
    }
    let hours = w.iter().map(|x| i64::from(x.count_ones())).sum();
    (w, hours)
}

/// `weight × num / den`, rounded half up; 0 when `den` is 0.
fn share(weight: i64, num: i64, den: i64) -> i64 {
    if den <= 0 {
        return 0;
    }
    (2 * weight * num + den) / (2 * den)
}

/// A weight in points as milli-points.
fn milli(points: f64) -> i64 {
    if points.is_finite() && points > 0.0 { (points.min(crate::parse::MAX_WEIGHT) * 1000.0).round() as i64 } else { 0 }
}

/// The input in the engine's order (participants and peers sorted by id) and compact form.
pub(crate) struct Prepared {
    /// Position in the input of the participant at each engine row.
    pub rows: Vec<usize>,
    /// Position in the input of the peer at each engine column.
    pub cols: Vec<usize>,
    pub cap: Vec<u32>,
    /// The largest score a pair can reach, in milli-points.
    pub s_max: i64,

    p_lang: Bits,
    p_topic: Bits,
    p_topics: Vec<i64>,
    p_modes: Vec<u8>,
    p_unit: Vec<Option<[f64; 3]>>,
    p_max_km: Vec<Option<f64>>,
    p_scale_km: Vec<f64>,
    p_gender_any: Vec<bool>,
    p_gender: Bits,
    p_excluded: Vec<Vec<u32>>,
    p_week: Vec<Week>,
    p_hours: Vec<i64>,
    p_previous: Vec<u32>,
    p_waiting: Vec<i64>,

    q_lang: Bits,
    q_topic: Bits,
    q_modes: Vec<u8>,
    q_unit: Vec<Option<[f64; 3]>>,
    q_gender: Vec<u32>,
    q_week: Vec<Week>,
    q_hours: Vec<i64>,
    q_trained: Vec<bool>,

    w_topics: i64,
    w_availability: i64,
    w_distance: i64,
    w_continuity: i64,
}

fn mode_bits(modes: &[Mode]) -> u8 {
    modes.iter().fold(0, |acc, m| acc | m.bit())
}

impl Prepared {
    pub fn new(input: &MatchInput) -> Prepared {
        let ps = &input.participants;
        let qs = &input.peers;
        let mut rows: Vec<usize> = (0..ps.len()).collect();
        rows.sort_by(|&a, &b| ps[a].id.cmp(&ps[b].id).then(a.cmp(&b)));
        let mut cols: Vec<usize> = (0..qs.len()).collect();
        cols.sort_by(|&a, &b| qs[a].id.cmp(&qs[b].id).then(a.cmp(&b)));
        let (n, m) = (rows.len(), cols.len());

        let mut langs = Interner::default();
        let mut topics = Interner::default();
        let mut genders = Interner::default();
        for &i in &rows {
            let p = &ps[i];
            for l in &p.languages {
                langs.add(l);
            }
            for t in &p.topics {
                topics.add(t);
            }
            if let PeerGender::OneOf(gs) = &p.peer_gender {
                for g in gs {
                    genders.add(g);
                }
            }
        }
        for &j in &cols {
            let q = &qs[j];
            for l in &q.languages {
                langs.add(l);
            }
            for t in &q.topics {
                topics.add(t);
            }
            if let Some(g) = &q.gender {
                genders.add(g);
            }
        }
        // Peer ids to columns; with duplicate ids (unchecked input) the first column wins.
        let mut peer_col: HashMap<&str, u32> = HashMap::with_capacity(m);
        for (c, &j) in cols.iter().enumerate() {
            peer_col.entry(qs[j].id.as_str()).or_insert(c as u32);
        }

        let sc: &Scoring = &input.scoring;
        let w_waiting = milli(sc.waiting);
        let cap_days = i64::from(sc.waiting_cap_days.max(1));

        let mut prep = Prepared {
            cap: cols.iter().map(|&j| qs[j].capacity).collect(),
            s_max: 0,
            p_lang: Bits::new(n, langs.len()),
            p_topic: Bits::new(n, topics.len()),
            p_topics: Vec::with_capacity(n),
            p_modes: Vec::with_capacity(n),
            p_unit: Vec::with_capacity(n),
            p_max_km: Vec::with_capacity(n),
            p_scale_km: Vec::with_capacity(n),
            p_gender_any: Vec::with_capacity(n),
            p_gender: Bits::new(n, genders.len()),
            p_excluded: Vec::with_capacity(n),
            p_week: Vec::with_capacity(n),
            p_hours: Vec::with_capacity(n),
            p_previous: Vec::with_capacity(n),
            p_waiting: Vec::with_capacity(n),
            q_lang: Bits::new(m, langs.len()),
            q_topic: Bits::new(m, topics.len()),
            q_modes: Vec::with_capacity(m),
            q_unit: Vec::with_capacity(m),
            q_gender: Vec::with_capacity(m),
            q_week: Vec::with_capacity(m),
            q_hours: Vec::with_capacity(m),
            q_trained: Vec::with_capacity(m),
            w_topics: milli(sc.topics),
            w_availability: milli(sc.availability),
            w_distance: milli(sc.distance),
            w_continuity: milli(sc.continuity),
            rows: Vec::new(),
            cols: Vec::new(),
        };
        prep.s_max = prep.w_topics + prep.w_availability + prep.w_distance + w_waiting + prep.w_continuity;

        for (r, &i) in rows.iter().enumerate() {
            let p = &ps[i];
            for l in &p.languages {
                if let Some(b) = langs.get(l) {
                    prep.p_lang.set(r, b);
                }
            }
            let mut count = 0;
            for t in &p.topics {
                if let Some(b) = topics.get(t) {
                    if !prep.p_topic.get(r, b) {
                        count += 1;
                    }
                    prep.p_topic.set(r, b);
                }
            }
            prep.p_topics.push(count);
            prep.p_modes.push(mode_bits(&p.modes));
            prep.p_unit.push(p.location.map(unit));
            prep.p_max_km.push(p.max_distance_km);
            prep.p_scale_km.push(p.max_distance_km.unwrap_or(sc.distance_scale_km));
            match &p.peer_gender {
                PeerGender::Any => prep.p_gender_any.push(true),
                PeerGender::OneOf(gs) => {
                    prep.p_gender_any.push(false);
                    for g in gs {
                        if let Some(b) = genders.get(g) {
                            prep.p_gender.set(r, b);
                        }
                    }
                }
            }
            let mut ex: Vec<u32> = p.excluded_peers.iter().filter_map(|e| peer_col.get(e.as_str()).copied()).collect();
            ex.sort_unstable();
            ex.dedup();
            prep.p_excluded.push(ex);
            let (wk, hours) = week(&p.availability);
            prep.p_week.push(wk);
            prep.p_hours.push(hours);
            prep.p_previous.push(p.previous_peer.as_deref().and_then(|id| peer_col.get(id).copied()).unwrap_or(NONE));
            prep.p_waiting.push(share(w_waiting, i64::from(p.waiting_days).min(cap_days), cap_days));
        }
        for (c, &j) in cols.iter().enumerate() {
            let q = &qs[j];
            for l in &q.languages {
                if let Some(b) = langs.get(l) {
                    prep.q_lang.set(c, b);
                }
            }
            for t in &q.topics {
                if let Some(b) = topics.get(t) {
                    prep.q_topic.set(c, b);
                }
            }
            prep.q_modes.push(mode_bits(&q.modes));
            prep.q_unit.push(q.location.map(unit));
            prep.q_gender.push(q.gender.as_deref().and_then(|g| genders.get(g)).unwrap_or(NONE));
            let (wk, hours) = week(&q.availability);
            prep.q_week.push(wk);
            prep.q_hours.push(hours);
            prep.q_trained.push(q.trained);
        }
        prep.rows = rows;
        prep.cols = cols;
        prep
    }

    pub fn n(&self) -> usize {
        self.rows.len()
    }

    pub fn m(&self) -> usize {
        self.cols.len()
    }

    /// Judges the pair (row `r`, column `c`): its score if it is eligible, else the first
    /// rule it breaks, in the order of [`Reason`].
    #[inline]
    pub fn evaluate(&self, r: usize, c: usize) -> Result<ScoreBreakdown, Reason> {
        if !intersects(self.p_lang.row(r), self.q_lang.row(c)) {
            return Err(Reason::NoSharedLanguage);
        }
        let shared = self.p_modes.get(r).copied().unwrap_or(0) & self.q_modes.get(c).copied().unwrap_or(0);
        if shared == 0 {
            return Err(Reason::NoSharedMode);
        }
        if !self.p_gender_any.get(r).copied().unwrap_or(true) {
            let g = self.q_gender.get(c).copied().unwrap_or(NONE);
            if g == NONE || !self.p_gender.get(r, g) {
                return Err(Reason::GenderPreference);
            }
        }
        if self.p_excluded.get(r).is_some_and(|ex| ex.binary_search(&(c as u32)).is_ok()) {
            return Err(Reason::Excluded);
        }
        let in_person = Mode::InPerson.bit();
        let mut distance_km = None;
        if shared & in_person != 0
            && let (Some(Some(a)), Some(Some(b))) = (self.p_unit.get(r), self.q_unit.get(c))
        {
            distance_km = Some(chord_km(a, b));
        }
        if shared == in_person
            && let Some(Some(max)) = self.p_max_km.get(r)
        {
            match distance_km {
                None => return Err(Reason::LocationUnknown),
                // NaN (unchecked input) counts as too far.
                Some(d) if d.partial_cmp(max).is_none_or(|o| o == std::cmp::Ordering::Greater) => {
                    return Err(Reason::TooFar);
                }
                Some(_) => {}
            }
        }
        if !self.q_trained.get(c).copied().unwrap_or(false) {
            return Err(Reason::Training);
        }
        if self.cap.get(c).copied().unwrap_or(0) == 0 {
            return Err(Reason::NoCapacity);
        }
        Ok(self.parts(r, c, distance_km))
    }

    fn parts(&self, r: usize, c: usize, distance_km: Option<f64>) -> ScoreBreakdown {
        let topics = share(self.w_topics, common(self.p_topic.row(r), self.q_topic.row(c)), self.p_topics.get(r).copied().unwrap_or(0));
        let p_hours = self.p_hours.get(r).copied().unwrap_or(0);
        let q_hours = self.q_hours.get(c).copied().unwrap_or(0);
        let availability = match (self.p_week.get(r), self.q_week.get(c)) {
            (Some(a), Some(b)) if p_hours > 0 && q_hours > 0 => share(self.w_availability, common(a, b), p_hours),
            _ => 0,
        };
        let distance = match distance_km {
            Some(d) => {
                let scale = self.p_scale_km.get(r).copied().unwrap_or(0.0);
                let fraction = if scale > 0.0 {
                    (1.0 - d / scale).clamp(0.0, 1.0)
                } else if d <= 0.0 {
                    1.0
                } else {
                    0.0
                };
                // NaN (unchecked input) earns nothing.
                let part = (self.w_distance as f64 * fraction).round();
                if part.is_finite() { part as i64 } else { 0 }
            }
            None => 0,
        };
        let continuity = if self.p_previous.get(r).copied() == Some(c as u32) { self.w_continuity } else { 0 };
        ScoreBreakdown {
            topics: Points(topics),
            availability: Points(availability),
            distance: Points(distance),
            waiting: Points(self.p_waiting.get(r).copied().unwrap_or(0)),
            continuity: Points(continuity),
        }
    }

    /// Every eligible pair as compressed rows: `row_start[r]..row_start[r + 1]` indexes
    /// `col` and `score` (milli-points).
    pub fn edges(&self) -> Edges {
        let (n, m) = (self.n(), self.m());
        let mut row_start = Vec::with_capacity(n + 1);
        let mut col = Vec::new();
        let mut score = Vec::new();
        row_start.push(0);
        for r in 0..n {
            for c in 0..m {
                if let Ok(parts) = self.evaluate(r, c) {
                    col.push(c as u32);
                    score.push(parts.total().0);
                }
            }
            row_start.push(col.len());
        }
        Edges { row_start, col, score }
    }
}

/// Eligible pairs in compressed sparse rows.
pub(crate) struct Edges {
    pub row_start: Vec<usize>,
    pub col: Vec<u32>,
    pub score: Vec<i64>,
}
