//! A deterministic generator of realistic-looking inputs, for benchmarks and tests.

use crate::model::{Location, MatchInput, Mode, Participant, Peer, PeerGender, Scoring, Slot, Weekday};

/// xorshift64*: small, fast and good enough for test data.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        // One splitmix64 step, so that nearby seeds give unrelated streams.
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        Rng(if z == 0 { 0x2545_F491_4F6C_DD1D } else { z })
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 32) * n as u64) >> 32) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Danish towns with a rough weight for how many people live around them.
const TOWNS: [(f64, f64, u32); 16] = [
    (55.676, 12.568, 30), // København
    (56.162, 10.204, 15), // Aarhus
    (55.404, 10.402, 10), // Odense
    (57.048, 9.919, 10),  // Aalborg
    (55.476, 8.459, 6),   // Esbjerg
    (56.460, 10.036, 5),  // Randers
    (55.490, 9.472, 5),   // Kolding
    (55.861, 9.850, 5),   // Horsens
    (55.709, 9.536, 5),   // Vejle
    (55.642, 12.080, 5),  // Roskilde
    (56.136, 8.977, 4),   // Herning
    (55.230, 11.760, 4),  // Næstved
    (56.170, 9.545, 3),   // Silkeborg
    (55.060, 10.607, 3),  // Svendborg
    (57.464, 9.982, 2),   // Hjørring
    (55.100, 14.706, 2),  // Rønne
];

const TOPICS: [&str; 16] = [
    "anxiety",
    "depression",
    "psychosis",
    "bipolar",
    "eating_disorder",
    "self_harm",
    "substance_use",
    "trauma",
    "ocd",
    "adhd",
    "autism",
    "grief",
    "loneliness",
    "suicidal_thoughts",
    "personality_disorder",
    "stress",
];

const OTHER_LANGUAGES: [&str; 6] = ["ar", "so", "tr", "uk", "pl", "fa"];
const MAX_DISTANCES: [f64; 7] = [5.0, 10.0, 15.0, 20.0, 30.0, 40.0, 60.0];

fn location(rng: &mut Rng) -> Location {
    let total: u32 = TOWNS.iter().map(|t| t.2).sum();
    let mut k = rng.below(total as usize) as u32;
    let mut town = TOWNS[0];
    for t in TOWNS {
        if k < t.2 {
            town = t;
            break;
        }
        k -= t.2;
    }
    let lat = town.0 + (rng.unit() - 0.5) * 0.3;
    let lon = town.1 + (rng.unit() - 0.5) * 0.5;
    Location { lat: (lat * 1e5).round() / 1e5, lon: (lon * 1e5).round() / 1e5 }
}

fn languages(rng: &mut Rng, da: f64, en: f64, other: f64) -> Vec<String> {
    let mut out = Vec::new();
    if rng.chance(da) {
        out.push("da".to_owned());
    }
    if rng.chance(en) {
        out.push("en".to_owned());
    }
    for l in OTHER_LANGUAGES {
        if rng.chance(other) {
            out.push(l.to_owned());
        }
    }
    if out.is_empty() {
        out.push(rng.pick(&OTHER_LANGUAGES).to_string());
    }
    out
}

fn modes(rng: &mut Rng, p: [f64; 3]) -> Vec<Mode> {
    let mut out: Vec<Mode> = Mode::ALL.into_iter().zip(p).filter(|&(_, p)| rng.chance(p)).map(|(m, _)| m).collect();
    if out.is_empty() {
        out.push(Mode::InPerson);
    }
    out
}

fn topics(rng: &mut Rng, min: usize, max: usize) -> Vec<String> {
    let k = min + rng.below(max - min + 1);
    let mut out: Vec<String> = Vec::with_capacity(k);
    while out.len() < k {
        let t = rng.pick(&TOPICS).to_string();
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

fn availability(rng: &mut Rng, p: f64) -> Vec<Slot> {
    if !rng.chance(p) {
        return Vec::new();
    }
    (0..1 + rng.below(4))
        .map(|_| {
            let from = 8 + rng.below(11) as u8;
            let to = (from + 2 + rng.below(4) as u8).min(24);
            Slot { day: *rng.pick(&Weekday::ALL), from, to }
        })
        .collect()
}

fn gender(rng: &mut Rng, female: f64, male: f64) -> String {
    let x = rng.unit();
    if x < female {
        "female"
    } else if x < female + male {
        "male"
    } else {
        "non_binary"
    }
    .to_owned()
}

fn digits(n: usize) -> usize {
    n.max(1).to_string().len()
}

/// A deterministic input of `participants` participants and `peers` peers who each have
/// room for `capacity`, drawn from `seed` with a tiny xorshift generator: Danish towns,
/// mostly Danish speakers, sixteen areas of lived experience, mixed modes, gender wishes,
/// distance limits, availability, exclusions, earlier peers and a few untrained peers.
/// Ids are `p00001`… and `q0001`…, zero-padded so that id order is creation order.
pub fn synthetic(participants: usize, peers: usize, capacity: u32, seed: u64) -> MatchInput {
    let mut rng = Rng::new(seed);
    let (wp, wq) = (digits(participants), digits(peers));
    let peer_id = |j: usize| format!("q{j:0wq$}");
    let peer_list: Vec<Peer> = (0..peers)
        .map(|j| Peer {
            id: peer_id(j),
            capacity,
            languages: languages(&mut rng, 0.97, 0.6, 0.04),
            modes: modes(&mut rng, [0.9, 0.7, 0.7]),
            topics: topics(&mut rng, 2, 5),
            location: if rng.chance(0.98) { Some(location(&mut rng)) } else { None },
            gender: Some(gender(&mut rng, 0.62, 0.35)),
            availability: availability(&mut rng, 0.7),
            trained: rng.chance(0.96),
        })
        .collect();
    let participant_list: Vec<Participant> = (0..participants)
        .map(|i| {
            let peer_gender = {
                let x = rng.unit();
                if x < 0.72 {
                    PeerGender::Any
                } else if x < 0.92 {
                    PeerGender::OneOf(vec!["female".into()])
                } else if x < 0.98 {
                    PeerGender::OneOf(vec!["male".into()])
                } else {
                    PeerGender::OneOf(vec!["female".into(), "non_binary".into()])
                }
            };
            let excluded_peers =
                if peers > 0 && rng.chance(0.03) { (0..1 + rng.below(2)).map(|_| peer_id(rng.below(peers))).collect() } else { Vec::new() };
            let previous_peer = if peers > 0 && rng.chance(0.04) { Some(peer_id(rng.below(peers))) } else { None };
            Participant {
                id: format!("p{i:0wp$}"),
                languages: languages(&mut rng, 0.92, 0.35, 0.03),
                modes: modes(&mut rng, [0.75, 0.5, 0.55]),
                topics: topics(&mut rng, 1, 3),
                location: Some(location(&mut rng)),
                max_distance_km: if rng.chance(0.65) { Some(*rng.pick(&MAX_DISTANCES)) } else { None },
                gender: Some(gender(&mut rng, 0.58, 0.39)),
                peer_gender,
                waiting_days: rng.below(400) as u32,
                excluded_peers,
                availability: availability(&mut rng, 0.6),
                previous_peer,
            }
        })
        .collect();
    MatchInput { participants: participant_list, peers: peer_list, scoring: Scoring::default() }
}
