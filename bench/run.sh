#!/usr/bin/env bash
# End-to-end HTTP benchmark of `sammen serve`; see BENCHMARKS.md.
#
#   bench/run.sh [--pg URL] [--duration SECONDS] [--connections N] [--threads N]
#                [--no-build] [--bin PATH] [--keep]
#
# Builds the release binary, seeds the demo data set into a fresh database (a SQLite file
# in a temporary directory, or with --pg a new database created on the PostgreSQL server
# that URL points at, dropped again at the end), creates a read token for the demo
# coordinator of Søby, then starts `sammen serve` and measures:
#
#   - the time from starting the process to the first 200 from GET /readyz (tight poll);
#   - resident memory (VmRSS) after start and, sampled every 250 ms, under each load;
#   - wrk against the bare handler GET /healthz and the audited read
#     GET /api/v1/participants/{id} (bearer token, cycling through Søby's participants),
#     one after the other against the same server process;
#   - the server's CPU time (user + system, from /proc/PID/stat) per answered request, a
#     figure that other work on the machine disturbs far less than requests per second;
#   - the audit trail before and after, with `sammen audit verify`: the chain must be
#     intact and hold at least one new record per answered read.
#
# Only loopback addresses are used. Every run is bounded (--duration, default 20 s).
# --bin runs a given sammen binary instead of building one (to compare two builds).
# Prints a markdown table at the end. Requires: cargo, wrk, python3, curl, jq
# (and psql for --pg).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD

PG_URL=""
BIN=""
DURATION=20
CONNECTIONS=64
THREADS=2
BUILD=1
KEEP=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --pg) PG_URL="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --bin) BIN="$2"; BUILD=0; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,26p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

for tool in wrk python3 curl jq; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is required (Debian: apt-get install -y $tool)" >&2; exit 2; }
done
[[ -z "$PG_URL" ]] || command -v psql >/dev/null || { echo "bench: --pg needs psql" >&2; exit 2; }

log() { printf '[bench] %s\n' "$*" >&2; }

if [[ $BUILD == 1 ]]; then
  log "cargo build --release -p sammen"
  cargo build --release -p sammen >&2
fi
BIN="${BIN:-${CARGO_TARGET_DIR:-$ROOT/target}/release/sammen}"
[[ -x "$BIN" ]] || { echo "bench: $BIN not found; build it or drop --no-build" >&2; exit 2; }

TMP=$(mktemp -d /tmp/sammen-bench.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
ADDR="127.0.0.1:$PORT"
BASE="http://$ADDR"
SERVER_PID=""
PG_DB=""
export SAMMEN_LOG=info

if [[ -n "$PG_URL" ]]; then
  PG_DB="sammen_bench_$(date +%s)_$$"
  psql -X -q -v ON_ERROR_STOP=1 "$PG_URL" -c "CREATE DATABASE $PG_DB" >&2
  DB="${PG_URL%/*}/$PG_DB"
  BACKEND="PostgreSQL"
else
  DB="sqlite:$TMP/bench.db"
  BACKEND="SQLite"
fi

cleanup() {
  if [[ -n "$SERVER_PID" ]]; then stop_server; fi
  if [[ -n "$PG_DB" ]]; then
    psql -X -q "$PG_URL" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >&2 || true
  fi
  if [[ $KEEP == 1 ]]; then log "kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT

# Whether a process runs (a zombie has exited: bench/startup.py leaves the server to init,
# which may take a moment to reap it).
running() { [[ -r /proc/$1/status ]] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null; }

stop_server() {
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 200); do running "$SERVER_PID" || break; sleep 0.02; done
  if running "$SERVER_PID"; then kill -KILL "$SERVER_PID"; fi
  # The demo process is our own child: reap it.
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

wait_for() { # URL, seconds
  local deadline=$((SECONDS + $2))
  until curl -sf -o /dev/null "$1"; do
    [[ $SECONDS -lt $deadline ]] || { echo "bench: $1 did not answer within $2 s" >&2; return 1; }
    sleep 0.05
  done
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
CLK_TCK=$(getconf CLK_TCK)
# Microseconds of server CPU per request: ticks, requests.
cpu_per_req() { awk -v t="$1" -v n="$2" -v hz="$CLK_TCK" 'BEGIN { printf "%.0f", t * 1e6 / hz / n }'; }

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
hwm_kib() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status"; }

# Samples VmRSS every 250 ms into a file until stopped.
start_sampler() {
  local out=$1
  ( while running "$SERVER_PID"; do rss_kib "$SERVER_PID" >>"$out" 2>/dev/null || true; sleep 0.25; done ) &
  SAMPLER_PID=$!
}
stop_sampler() { kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; }
max_of() { sort -n "$1" | tail -1; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

records() { # the number of audit records, from `sammen audit verify` (which also checks the chain)
  local out
  out=$("$BIN" audit verify --db "$DB" 2>/dev/null)
  [[ $out == "audit chain intact"* ]] || { echo "bench: audit verify: $out" >&2; return 1; }
  sed -E 's/^audit chain intact: ([0-9]+) records.*/\1/' <<<"$out"
}

# Latency column of wrk's "Latency Distribution" in milliseconds.
wrk_pct() { # file, percentile (50%, 99%)
  awk -v p="$2" '$1 == p {
      v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
      if (u == "us") v = v / 1000; else if (u == "s") v = v * 1000; else if (u == "m") v = v * 60000;
      printf "%.2f", v }' "$1"
}
wrk_rps() { awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$1"; }
wrk_total() { awk '/requests in/ {print $1}' "$1"; }
wrk_bad() { # non-2xx responses plus socket errors
  awk '/Non-2xx or 3xx responses:/ {n += $5}
       /Socket errors:/ {gsub(/,/, ""); n += $4 + $6 + $8 + $10}
       END {print n + 0}' "$1"
}

# --- 1. Seed the demo data set -------------------------------------------------------
log "seeding the demo data set into $([[ -n $PG_DB ]] && echo "PostgreSQL database $PG_DB" || echo "$DB")"
"$BIN" demo --db "$DB" --addr "$ADDR" >"$TMP/demo.log" 2>&1 &
SERVER_PID=$!
wait_for "$BASE/healthz" 300
stop_server
grep -q "Created the demo data set" "$TMP/demo.log" || { cat "$TMP/demo.log" >&2; exit 1; }

TOKEN=$("$BIN" admin create-token --db "$DB" --email koordinator@soby.example --scope read --name bench 2>"$TMP/token.log")
[[ $TOKEN == smn_* ]] || { cat "$TMP/token.log" >&2; exit 1; }

# --- 2. Start `sammen serve` and time it to ready ------------------------------------
# A first start pays for the page cache; the measured starts are three more, the median kept.
starts=()
for i in 0 1 2 3; do
  ms=$(python3 bench/startup.py "$ADDR" "$TMP/serve.log" "$TMP/serve.pid" -- "$BIN" --log-format json serve --db "$DB" --addr "$ADDR")
  SERVER_PID=$(cat "$TMP/serve.pid")
  [[ $i == 0 ]] || starts+=("$ms")
  if [[ $i -lt 3 ]]; then stop_server; fi
done
START_MS=$(printf '%s\n' "${starts[@]}" | sort -n | sed -n 2p)
START_ALL=$(printf '%s ms, ' "${starts[@]}"); START_ALL=${START_ALL%, }
READY_MS=$(grep -o '"ready_ms":[0-9]*' "$TMP/serve.log" | tail -1 | cut -d: -f2)
sleep 1
RSS_START=$(rss_kib "$SERVER_PID")
log "ready after $START_MS ms (median of $START_ALL; the server's own ready_ms of the last start: $READY_MS); VmRSS $(mib "$RSS_START") MiB"

# --- 3. Participants of Søby ---------------------------------------------------------
curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/participants?per_page=200" | jq -r '.items[].id' >"$TMP/ids.txt"
NIDS=$(wc -l <"$TMP/ids.txt")
[[ $NIDS -gt 0 ]] || { echo "bench: no participants visible to the token" >&2; exit 1; }
first=$(head -1 "$TMP/ids.txt")
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/participants/$first")
[[ $code == 200 ]] || { echo "bench: GET /api/v1/participants/$first answered $code" >&2; exit 1; }
log "$NIDS participants; the audited read answers 200"

export SAMMEN_BENCH_TOKEN=$TOKEN SAMMEN_BENCH_IDS=$TMP/ids.txt
WRK=(wrk "-t$THREADS" "-c$CONNECTIONS" "-d${DURATION}s" --latency)

# --- 4. Load ---------------------------------------------------------------------------
log "warm-up (3 s each)"
wrk -t1 -c8 -d3s "$BASE/healthz" >/dev/null
wrk -t1 -c8 -d3s -s bench/participant.lua "$BASE" >/dev/null

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "${WRK[*]} $BASE/healthz"
start_sampler "$TMP/rss-healthz.txt"
t0=$(cpu_ticks "$SERVER_PID")
"${WRK[@]}" "$BASE/healthz" | tee "$TMP/wrk-healthz.txt" >&2
H_TICKS=$(( $(cpu_ticks "$SERVER_PID") - t0 ))
stop_sampler

AUDIT_BEFORE=$(records)
log "${WRK[*]} -s bench/participant.lua $BASE"
start_sampler "$TMP/rss-read.txt"
t0=$(cpu_ticks "$SERVER_PID")
"${WRK[@]}" -s bench/participant.lua "$BASE" | tee "$TMP/wrk-read.txt" >&2
R_TICKS=$(( $(cpu_ticks "$SERVER_PID") - t0 ))
stop_sampler
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
RSS_END=$(rss_kib "$SERVER_PID")
HWM=$(hwm_kib "$SERVER_PID")
stop_server
AUDIT_AFTER=$(records)

# --- 5. Results --------------------------------------------------------------------------
H_RPS=$(wrk_rps "$TMP/wrk-healthz.txt"); R_RPS=$(wrk_rps "$TMP/wrk-read.txt")
H_BAD=$(wrk_bad "$TMP/wrk-healthz.txt"); R_BAD=$(wrk_bad "$TMP/wrk-read.txt")
R_TOTAL=$(wrk_total "$TMP/wrk-read.txt"); H_TOTAL=$(wrk_total "$TMP/wrk-healthz.txt")
H_CPU=$(cpu_per_req "$H_TICKS" "$H_TOTAL"); R_CPU=$(cpu_per_req "$R_TICKS" "$R_TOTAL")
CPU_RATIO=$(awk -v r="$R_CPU" -v h="$H_CPU" 'BEGIN { printf "%.1f", 100 * h / r }')
NEW_RECORDS=$((AUDIT_AFTER - AUDIT_BEFORE))
RATIO=$(awk -v r="$R_RPS" -v h="$H_RPS" 'BEGIN { printf "%.1f", 100 * r / h }')
[[ $R_BAD == 0 && $H_BAD == 0 ]] || log "WARNING: errors or non-2xx responses (healthz $H_BAD, read $R_BAD)"
[[ $NEW_RECORDS -ge $R_TOTAL ]] || log "WARNING: $R_TOTAL reads answered but only $NEW_RECORDS new audit records"

cat <<EOF

### $BACKEND, $(date -u +%Y-%m-%d), $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- crates 2>/dev/null || echo ' + local changes')

Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), wrk on the same cores as the server;
load average $LOAD_BEFORE before the measured runs, $LOAD_AFTER after.
Binary: \`${BIN#"$ROOT"/}\`. Load: \`${WRK[*]}\`, $NIDS participant ids, one token (scope read, coordinator of Søby).

| Measure | Value |
|---|---|
| Start to first 200 from /readyz | $START_MS ms (median of $START_ALL; server's own \`ready_ms\`: $READY_MS) |
| VmRSS after start | $(mib "$RSS_START") MiB |
| VmRSS under load, /healthz (peak) | $(mib "$(max_of "$TMP/rss-healthz.txt")") MiB |
| VmRSS under load, audited read (peak) | $(mib "$(max_of "$TMP/rss-read.txt")") MiB |
| VmRSS after load / VmHWM | $(mib "$RSS_END") MiB / $(mib "$HWM") MiB |

| Endpoint | Requests/s | p50 | p99 | Server CPU per request | Errors |
|---|---:|---:|---:|---:|---:|
| \`GET /healthz\` (bare handler) | $H_RPS | $(wrk_pct "$TMP/wrk-healthz.txt" 50%) ms | $(wrk_pct "$TMP/wrk-healthz.txt" 99%) ms | $H_CPU µs | $H_BAD |
| \`GET /api/v1/participants/{id}\` (bearer, audited) | $R_RPS | $(wrk_pct "$TMP/wrk-read.txt" 50%) ms | $(wrk_pct "$TMP/wrk-read.txt" 99%) ms | $R_CPU µs | $R_BAD |

Audited read at **$RATIO %** of the bare handler's rate (by server CPU per request:
$CPU_RATIO %). Audit trail: chain intact,
$NEW_RECORDS new records for $R_TOTAL answered reads.
EOF
if [[ -n "$PG_URL" ]]; then
  echo
  echo "Server CPU counts the sammen process only, not PostgreSQL's own processes."
fi
