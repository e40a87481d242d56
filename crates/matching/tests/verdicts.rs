//! Each peer's verdict on a participant: the same rules and scores as the proposal.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use sammen_matching::*;

fn input(participants: &str, peers: &str) -> MatchInput {
    let text = format!(r#"{{"participants": [{participants}], "peers": [{peers}]}}"#);
    parse_input(&text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

#[test]
fn verdicts_give_each_peer_its_parts_or_its_first_broken_rule() {
    let i = input(
        r#"{"id": "a", "languages": ["da"], "modes": ["phone"], "waiting_days": 300},
           {"id": "b", "languages": ["da"], "modes": ["phone"], "topics": ["anxiety"]}"#,
        r#"{"id": "q2", "capacity": 1, "languages": ["en"], "modes": ["phone"]},
           {"id": "q1", "capacity": 1, "languages": ["da"], "modes": ["phone"], "topics": ["anxiety"]},
           {"id": "q3", "capacity": 0, "languages": ["da"], "modes": ["phone"]}"#,
    );
    let v = verdicts(&i, &["b", "nobody"]);
    assert_eq!(v.len(), 1, "an unknown participant has no entry");
    let (who, peers) = &v[0];
    assert_eq!(who, "b");
    let ids: Vec<&str> = peers.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(ids, ["q1", "q2", "q3"], "peers in id order");
    assert!(matches!(peers[1].1, Err(Reason::NoSharedLanguage)));
    assert!(matches!(peers[2].1, Err(Reason::NoCapacity)));
    // The eligible pair's parts are the ones the engine scores the pair with.
    let out = run(&i, true);
    let scored = out.pair_scores.unwrap().into_iter().find(|p| p.participant == "b" && p.peer == "q1").unwrap();
    assert_eq!(peers[0].1.as_ref().ok(), Some(&scored.parts));
}
