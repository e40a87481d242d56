//! A quick timing of the whole engine on the benchmark's size. Run with
//! `cargo test --release -p sammen-matching -- --ignored --nocapture`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Instant;

#[test]
#[ignore = "timing; run in release mode"]
fn timing_5000_by_1000_capacity_5() {
    let input = sammen_matching::synthetic(5000, 1000, 5, 1);
    let t = Instant::now();
    let edges = sammen_matching::internals::prepare(&input);
    let t_prep = t.elapsed();
    let t = Instant::now();
    let out = sammen_matching::run(&input, false);
    let t_run = t.elapsed();
    println!(
        "synthetic(5000, 1000, 5, 1): {edges} eligible pairs; prepare {:.3} s; run {:.3} s; matched {}, unmatched {}, total score {}",
        t_prep.as_secs_f64(),
        t_run.as_secs_f64(),
        out.assignments.len(),
        out.unmatched.len(),
        out.total_score()
    );
    // The optimiser's dual certificate proves this total optimal (untimed).
    let (_, matched, total, _) = sammen_matching::internals::certified_run(&input, None).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((matched, total), (out.assignments.len(), out.total_score().milli()));
}

/// Shapes other than the benchmark's, to see that none degrades badly.
#[test]
#[ignore = "timing; run in release mode"]
fn timing_other_shapes() {
    let mut ties = sammen_matching::synthetic(3000, 600, 5, 2);
    for p in &mut ties.participants {
        p.languages = vec!["da".into()];
        p.modes = vec![sammen_matching::Mode::Phone];
        p.topics.clear();
        p.availability.clear();
        p.previous_peer = None;
        p.excluded_peers.clear();
        p.peer_gender = sammen_matching::PeerGender::Any;
    }
    for q in &mut ties.peers {
        q.languages = vec!["da".into()];
        q.modes = vec![sammen_matching::Mode::Phone];
        q.trained = true;
    }
    let cases = [
        ("3000 x 600 x 5, every pair eligible, scores differ only by waiting time", ties),
        ("5000 x 200 x 5 (places for a fifth)", sammen_matching::synthetic(5000, 200, 5, 3)),
        ("5000 x 1000 x 3 (places for 60 %)", sammen_matching::synthetic(5000, 1000, 3, 4)),
        ("2000 x 1000 x 5 (places to spare)", sammen_matching::synthetic(2000, 1000, 5, 5)),
        ("2000 x 2000 x 1", sammen_matching::synthetic(2000, 2000, 1, 6)),
    ];
    for (name, input) in cases {
        let t = Instant::now();
        let out = sammen_matching::run(&input, false);
        println!("{name}: run {:.3} s; matched {}", t.elapsed().as_secs_f64(), out.assignments.len());
    }
}
