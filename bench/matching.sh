#!/usr/bin/env bash
# Times a matching proposal for 5,000 participants and 1,000 peers with capacity 5
# (`sammen match`), then scipy's linear_sum_assignment on the same scores as a dense
# 5,000 x 5,000 problem, in the same run, and checks both find the same optimum.
# Needs python3 with numpy and scipy (pip install scipy). See BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-5000}; PEERS=${2:-1000}; CAP=${3:-5}; SEED=${4:-1}
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
cargo build --release -q -p sammen -p sammen-matching --example synthetic
target/release/examples/synthetic "$N" "$PEERS" "$CAP" "$SEED" > "$TMP/input.json"
for run in 1 2 3; do
  start=$(date +%s.%N)
  target/release/sammen match --input "$TMP/input.json" --format json > "$TMP/ours.json"
  end=$(date +%s.%N)
  echo "sammen match, run $run: $(echo "$end - $start" | bc) s (parse, solve, write JSON)"
done
target/release/sammen match --input "$TMP/input.json" --all-scores --format json > "$TMP/all.json"
python3 bench/matching_scipy.py "$TMP/all.json" "$TMP/ours.json" "$TMP/input.json"
