#!/usr/bin/env bash
# Times each role's front page (`GET /`) on the 10-million-answer data set of
# bench/report.sh with the day-to-day work of crates/app/examples/front_bench_data.rs on top;
# see BENCHMARKS.md ("Front pages on the large data set").
#
#   bench/front.sh [--data DIR] [--bin PATH] [--before PATH] [--without MIGRATION] [--no-build]
#                  [--duration SECONDS] [--connections N] [--threads N] [--roles "R1 R2 …"]
#                  [--pg URL] [--participants N] [--keep]
#
# 1. builds `sammen` and the examples `report_bench_data` and `front_bench_data` (release),
#    unless --no-build or --bin;
# 2. reuses (or first makes) the data set in DIR (default /tmp/fb-data): `base.db`, the
#    report data set (371,000 participants, 10.02 million item answers) plus the front-page
#    data (staff, peers, courses, sessions, referrals, groups, supervision, certificates,
#    postings, outbox); `generate.json` and `front.json` hold the counts;
# 3. for each build (--before first, when given, then the build under test), copies base.db
#    to a fresh file (so no run sees another's writes, and each build migrates its own copy),
#    starts `sammen serve` on it with the request log on (`sammen_web::middleware=debug`, JSON:
#    every request's status and the server's own time for it, `micros`), signs in as
#    Site 1's coordinator, peer worker, supervisor and administrator (POST /login; the
#    session cookie; no second factor), checks that `GET /` answers 200 for each, and then per
#    role: 3 s of warm-up, then `wrk -tT -cN -dD --latency` on `GET /` with that cookie;
#    --without MIGRATION (e.g. 2026-12-09-000022_work_queue_indexes) measures a "before" run
#    too, on a copy where that migration is recorded as applied without being run: the same
#    build (or the --before build) without that migration's indexes, beside the build with them;
# 4. prints per role and build: the server's own time per request (p50/p95/p99 of `micros`
#    over the requests of the measured run, read from its log), wrk's latency on loopback
#    (p50/p90/p99, an upper bound of the server time that includes wrk on the same cores),
#    requests/s, and any non-200 answer.
#
# --pg URL: instead of SQLite, a new database on that PostgreSQL server is filled (the report
# data set with --participants N, default 371,000, then the front-page data) and measured
# with the build under test, then dropped (unless --keep). Requires psql.
# Requires: cargo, wrk, python3, curl.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD

DATA=/tmp/fb-data
BIN=""
BEFORE=""
BUILD=1
DURATION=20
CONNECTIONS=4
THREADS=2
ROLES="coordinator peer supervisor administrator"
PG_URL=""
PARTICIPANTS=371000
KEEP=0
PASSWORD=benchmark-front-1
WITHOUT=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --data) DATA="$2"; shift 2 ;;
    --bin) BIN="$2"; BUILD=0; shift 2 ;;
    --before) BEFORE="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --duration) DURATION="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --roles) ROLES="$2"; shift 2 ;;
    --pg) PG_URL="$2"; shift 2 ;;
    --participants) PARTICIPANTS="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --without) WITHOUT="$2"; shift 2 ;;
    -h|--help) sed -n '2,36p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

for tool in wrk python3 curl; do
  command -v "$tool" >/dev/null || { echo "front-bench: $tool is required (Debian: apt-get install -y $tool)" >&2; exit 2; }
done
[[ -z "$PG_URL" ]] || command -v psql >/dev/null || { echo "front-bench: --pg needs psql" >&2; exit 2; }
[[ $THREADS -le $CONNECTIONS ]] || THREADS=$CONNECTIONS

log() { printf '[front-bench] %s\n' "$*" >&2; }
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}

# --- 1. Build ------------------------------------------------------------------------------
if [[ $BUILD == 1 ]]; then
  log "cargo build --release -p sammen-app --example report_bench_data --example front_bench_data"
  cargo build --release -p sammen-app --example report_bench_data --example front_bench_data >&2
  log "cargo build --release -p sammen"
  cargo build --release -p sammen >&2
fi
BIN="${BIN:-$TARGET/release/sammen}"
GEN="$TARGET/release/examples/report_bench_data"
FRONT="$TARGET/release/examples/front_bench_data"
[[ -x "$BIN" ]] || { echo "front-bench: $BIN not found; build it or drop --no-build" >&2; exit 2; }
[[ -z "$BEFORE" || -x "$BEFORE" ]] || { echo "front-bench: $BEFORE not found" >&2; exit 2; }

mkdir -p "$DATA"; DATA=$(cd "$DATA" && pwd)
RUN=$(mktemp -d "$DATA/run.XXXXXX")
SERVER_PID=""
PG_DB=""
cleanup() {
  if [[ -n "$SERVER_PID" ]]; then stop_server; fi
  if [[ -n "$PG_DB" && $KEEP == 0 ]]; then
    psql -X -q "$PG_URL" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >&2 || true
  fi
  if [[ $KEEP == 1 ]]; then log "kept $RUN"; else rm -rf "$RUN"; fi
}
trap cleanup EXIT

running() { [[ -r /proc/$1/status ]] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null; }
stop_server() {
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 300); do running "$SERVER_PID" || break; sleep 0.05; done
  if running "$SERVER_PID"; then kill -KILL "$SERVER_PID"; fi
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

# --- 2. Data ---------------------------------------------------------------------------------
if [[ -n "$PG_URL" ]]; then
  PG_DB="sammen_front_$(date +%s)_$$"
  psql -X -q -v ON_ERROR_STOP=1 "$PG_URL" -c "CREATE DATABASE $PG_DB" >&2
  PG_DBURL="${PG_URL%/*}/$PG_DB"
  [[ -x "$GEN" && -x "$FRONT" ]] || { echo "front-bench: the data examples are not built; drop --no-build" >&2; exit 2; }
  log "generating $PARTICIPANTS participants into PostgreSQL database $PG_DB"
  "$GEN" --db "$PG_DBURL" --participants "$PARTICIPANTS" >"$RUN/generate.json"
  "$FRONT" --db "$PG_DBURL" --password "$PASSWORD" >"$RUN/front.json"
  GEN_JSON="$RUN/generate.json"; FRONT_JSON="$RUN/front.json"
  BACKEND=PostgreSQL
else
  BASE="$DATA/base.db"
  if [[ -s "$DATA/generate.json" && -s "$DATA/front.json" && -f "$BASE" ]]; then
    log "reusing the data in $DATA"
  else
    [[ -x "$GEN" && -x "$FRONT" ]] || { echo "front-bench: the data examples are not built; drop --no-build" >&2; exit 2; }
    rm -f "$BASE" "$BASE-wal" "$BASE-shm" "$DATA/generate.json" "$DATA/front.json"
    log "generating the report data set (371,000 participants) into $BASE"
    "$GEN" --db "sqlite:$BASE" >"$DATA/generate.json.tmp"
    mv "$DATA/generate.json.tmp" "$DATA/generate.json"
    log "adding the day-to-day work (front_bench_data)"
    "$FRONT" --db "sqlite:$BASE" --password "$PASSWORD" >"$DATA/front.json.tmp"
    mv "$DATA/front.json.tmp" "$DATA/front.json"
  fi
  GEN_JSON="$DATA/generate.json"; FRONT_JSON="$DATA/front.json"
  BACKEND=SQLite
fi

email_of() {
  case "$1" in
    coordinator) echo "koordinator@site1.bench.example" ;;
    peer) echo "peer@site1.bench.example" ;;
    supervisor) echo "supervisor@site1.bench.example" ;;
    administrator) echo "admin@site1.bench.example" ;;
    *) echo "front-bench: unknown role $1" >&2; return 2 ;;
  esac
}

# Signs in; prints the session cookie's value.
sign_in() { # base url, e-mail
  local headers
  headers=$(curl -s -o /dev/null -D - --data-urlencode "email=$2" --data-urlencode "password=$PASSWORD" "$1/login")
  grep -i '^set-cookie: sammen_session=' <<<"$headers" | head -1 | sed -E 's/^[^=]*=([^;]*).*/\1/' | tr -d '\r'
}

# --- 3. Measure one build ----------------------------------------------------------------------
measure() { # label, binary, [migration to record as applied without running it]
  local label=$1 bin=$2 skip=${3:-} db
  if [[ -n "$PG_URL" ]]; then
    db="$PG_DBURL"
  else
    log "$label: copying base.db"
    cp "$BASE" "$RUN/$label.db"
    db="sqlite:$RUN/$label.db"
    if [[ -n "$skip" ]]; then
      # diesel records a migration by the digits of its folder's date and number.
      python3 - "$RUN/$label.db" "$skip" <<'PY'
import re, sqlite3, sys
version = re.sub(r"\D", "", sys.argv[2].split("_", 1)[0])
c = sqlite3.connect(sys.argv[1])
c.execute("INSERT INTO __diesel_schema_migrations (version) VALUES (?)", (version,))
c.commit()
PY
      log "$label: $skip recorded as applied, not run"
    fi
  fi
  local port addr base
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  addr="127.0.0.1:$port"; base="http://$addr"
  SAMMEN_LOG="info,sammen_web::middleware=debug" "$bin" --log-format json serve --db "$db" --addr "$addr" >"$RUN/$label.out" 2>"$RUN/$label.log" &
  SERVER_PID=$!
  local deadline=$((SECONDS + 600))
  until curl -sf -o /dev/null "$base/readyz"; do
    running "$SERVER_PID" || { cat "$RUN/$label.log" >&2; echo "front-bench: $label: the server stopped" >&2; exit 1; }
    [[ $SECONDS -lt $deadline ]] || { echo "front-bench: $label: not ready within 600 s" >&2; exit 1; }
    sleep 0.2
  done
  log "$label: ready ($bin)"
  for role in $ROLES; do
    local email cookie code
    email=$(email_of "$role")
    cookie=$(sign_in "$base" "$email")
    [[ -n "$cookie" ]] || { echo "front-bench: $label: signing in as $email failed" >&2; exit 1; }
    code=$(curl -s -o "$RUN/$label-$role.html" -w '%{http_code}' -H "Cookie: sammen_session=$cookie" "$base/")
    [[ $code == 200 ]] || { echo "front-bench: $label: GET / as $role answered $code" >&2; exit 1; }
    log "$label/$role: GET / answers 200 ($(wc -c <"$RUN/$label-$role.html") bytes); warm-up 3 s"
    wrk -t1 -c1 -d3s -H "Cookie: sammen_session=$cookie" "$base/" >/dev/null
    local from to
    from=$(stat -c %s "$RUN/$label.log")
    echo "$(cut -d' ' -f1-3 /proc/loadavg)" >"$RUN/$label-$role.load"
    wrk "-t$THREADS" "-c$CONNECTIONS" "-d${DURATION}s" --timeout 30s --latency -H "Cookie: sammen_session=$cookie" "$base/" >"$RUN/$label-$role.wrk"
    sleep 0.5
    to=$(stat -c %s "$RUN/$label.log")
    tail -c +"$((from + 1))" "$RUN/$label.log" | head -c "$((to - from))" >"$RUN/$label-$role.reqlog"
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: sammen_session=$cookie" "$base/")
    [[ $code == 200 ]] || log "WARNING: $label/$role: GET / answers $code after the run (session lost?)"
    log "$label/$role: $(awk '/^Requests\/sec:/ {print $2}' "$RUN/$label-$role.wrk") requests/s"
  done
  stop_server
}

LABELS=()
if [[ -n "$BEFORE" || -n "$WITHOUT" ]]; then
  [[ -z "$PG_URL" ]] || { echo "front-bench: --before and --without work on SQLite only" >&2; exit 2; }
  measure before "${BEFORE:-$BIN}" "$WITHOUT"; LABELS+=("before:${BEFORE:-$BIN}${WITHOUT:+ without $WITHOUT}")
fi
measure after "$BIN"; LABELS+=("after:$BIN")

# --- 4. Summarise ------------------------------------------------------------------------------
export FB_RUN=$RUN FB_ROLES=$ROLES FB_LABELS="$(IFS='|'; echo "${LABELS[*]}")" FB_GEN=$GEN_JSON FB_FRONT=$FRONT_JSON FB_BACKEND=$BACKEND
export FB_WRK="wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --timeout 30s --latency" FB_ROOT=$ROOT
export FB_COMMIT="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- crates 2>/dev/null || echo ' + local changes')"
export FB_CPU="$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'))"
export FB_DBSIZE="$([[ -n "$PG_URL" ]] && echo "" || stat -c %s "$BASE")"
python3 - <<'EOF'
import json, os, re

run = os.environ["FB_RUN"]
roles = os.environ["FB_ROLES"].split()
labels = [l.split(":", 1) for l in os.environ["FB_LABELS"].split("|")]
gen = json.load(open(os.environ["FB_GEN"]))
front = json.load(open(os.environ["FB_FRONT"]))

def pct(xs, p):
    xs = sorted(xs)
    if not xs:
        return float("nan")
    k = max(0, min(len(xs) - 1, int(round(p / 100 * len(xs) + 0.5)) - 1))
    return xs[k]

def wrk_ms(text, p):
    m = re.search(r"^\s*%s\s+([\d.]+)(us|ms|s)\s*$" % re.escape(p), text, re.M)
    if not m:
        return float("nan")
    v, u = float(m.group(1)), m.group(2)
    return v / 1000 if u == "us" else v * 1000 if u == "s" else v

def server(label, role):
    ok, bad = [], 0
    for line in open(f"{run}/{label}-{role}.reqlog", errors="replace"):
        try:
            f = json.loads(line).get("fields", {})
        except ValueError:
            continue
        if f.get("message") != "request" or f.get("kind") != "ui":
            continue
        if f.get("status") == 200:
            ok.append(f["micros"] / 1000)
        else:
            bad += 1
    return ok, bad

print()
print(f"### {os.environ['FB_BACKEND']}, {os.popen('date -u +%Y-%m-%d').read().strip()}, {os.environ['FB_COMMIT']}")
print()
print(f"Machine: {os.environ['FB_CPU']}, wrk on the same cores. Load per role: `{os.environ['FB_WRK']}` on `GET /` with the role's session cookie, after 3 s of warm-up.")
size = os.environ.get("FB_DBSIZE")
print(f"Data: {gen['sites']} sites, {gen['participants']:,} closed participants with {gen['item_answers']:,} item answers ({gen['responses']:,} responses, {gen['invitations']:,} invitations)"
      + (f", SQLite file {int(size) / 2**20:,.0f} MiB" if size else "") + "; on top, "
      f"{front['users']} staff accounts, {front['peers']:,} peer workers, {front['participants']:,} participants in a course or waiting, "
      f"{front['courses']:,} courses and offers, {front['sessions']:,} sessions, {front['referrals']:,} referrals, {front['consents']:,} consents, "
      f"{front['invitations']:,} open questionnaires, {front['groups']:,} group courses with {front['meetings']:,} meetings and {front['attendance']:,} attendance rows, "
      f"{front['supervision_sessions']:,} supervision sessions, {front['certificates']:,} certificates, {front['applications']:,} job applications, "
      f"{front['outbox']:,} outbox messages, {front['partnerships']} agreements.")
for label, binary in labels:
    print(f"Build `{label}`: `{binary.replace(os.environ['FB_ROOT'] + '/', '')}`.")
print()
print("| Build | Role | Server p50 | Server p95 | Server p99 | wrk p50 | wrk p90 | wrk p99 | Requests/s | Page | Non-200 | Load before |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
for label, _ in labels:
    for role in roles:
        ok, bad = server(label, role)
        w = open(f"{run}/{label}-{role}.wrk").read()
        rps = re.search(r"^Requests/sec:\s+([\d.]+)", w, re.M)
        non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", w)
        bad += int(non2xx.group(1)) if non2xx else 0
        size = os.path.getsize(f"{run}/{label}-{role}.html")
        load = open(f"{run}/{label}-{role}.load").read().strip()
        print(f"| {label} | {role} | {pct(ok, 50):.2f} ms | **{pct(ok, 95):.2f} ms** | {pct(ok, 99):.2f} ms | "
              f"{wrk_ms(w, '50%'):.2f} ms | {wrk_ms(w, '90%'):.2f} ms | {wrk_ms(w, '99%'):.2f} ms | "
              f"{float(rps.group(1)) if rps else float('nan'):,.1f} | {size / 1024:.0f} KiB | {bad} | {load} |")
print()
print("Server p50/p95/p99: the server's own time per request (from the request's arrival at the router to its response, "
      "as logged by `sammen_web::middleware`), over every request of the measured run. wrk: latency on loopback, "
      "including wrk's own share of the same cores.")
EOF
