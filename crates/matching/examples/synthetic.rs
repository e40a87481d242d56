//! Writes a synthetic matching input (the benchmark instance) as JSON to standard output:
//! `cargo run --release -p sammen-matching --example synthetic -- 5000 1000 5 1`.

fn main() -> std::process::ExitCode {
    let args: Vec<u64> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let [participants, peers, capacity, seed] = args[..] else {
        eprintln!("usage: synthetic PARTICIPANTS PEERS CAPACITY SEED");
        return std::process::ExitCode::from(2);
    };
    let input = sammen_matching::synthetic(participants as usize, peers as usize, capacity as u32, seed);
    println!("{}", sammen_matching::input_to_json(&input));
    std::process::ExitCode::SUCCESS
}
