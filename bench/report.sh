#!/usr/bin/env bash
# Times a partnership report over 10 million item answers (`sammen report`) beside
# DuckDB computing the same per-site change from the same answers, in the same run; see
# BENCHMARKS.md ("Partnership report").
#
#   bench/report.sh [--participants N] [--sites K] [--seed S] [--runs R] [--threads T]
#                   [--no-build] [--bin PATH] [--data DIR] [--keep] [--write]
#
# 1. builds `sammen` and the example `report_bench_data` (release), unless --no-build/--bin;
# 2. writes the synthetic data set into a fresh SQLite file and the same item answers into a
#    CSV file, in a temporary directory (N participants at K sites, default 371,000 at 3:
#    about 10.02 million item answers); --data DIR reuses (or first fills) DIR instead;
# 3. runs, R times each (default 5), alternating, after one warm-up run of each:
#      sammen report --db sqlite:FILE --partnership "Benchmark Partnership" --instrument qpr-15
#                    --wave closure --format json
#    (the whole process, timed from outside, peak RSS from /usr/bin/time when present) and
#    bench/report_duckdb.py (DuckDB's own timings: from the CSV to the result, and over a
#    table already loaded);
# 4. checks that every run of both gives the same per-site n, mean_pre, mean_post,
#    mean_change, sd_change and r (to 1e-9);
# 5. prints a markdown summary with the medians, the machine and the data sizes; --write
#    puts it into BENCHMARKS.md between the "report-bench" markers.
#
# DuckDB comes from PyPI into a virtual environment outside the repository
# ($SAMMEN_BENCH_VENV, default /tmp/sammen-bench-venv), made on first use.
# --threads T limits DuckDB to T threads (default: DuckDB's own choice, all cores).
# Requires: cargo, python3 (with venv and pip).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD

PARTICIPANTS=371000
SITES=3
SEED=1
RUNS=5
THREADS=0
BUILD=1
BIN=""
DATA=""
KEEP=0
WRITE=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --participants) PARTICIPANTS="$2"; shift 2 ;;
    --sites) SITES="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --bin) BIN="$2"; BUILD=0; shift 2 ;;
    --data) DATA="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --write) WRITE=1; shift ;;
    -h|--help) sed -n '2,28p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

log() { printf '[report-bench] %s\n' "$*" >&2; }
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}

# --- 1. Build ------------------------------------------------------------------------------
if [[ $BUILD == 1 ]]; then
  log "cargo build --release -p sammen-app --example report_bench_data"
  cargo build --release -p sammen-app --example report_bench_data >&2
  log "cargo build --release -p sammen"
  cargo build --release -p sammen >&2
fi
BIN="${BIN:-$TARGET/release/sammen}"
GEN="$TARGET/release/examples/report_bench_data"
[[ -x "$BIN" ]] || { echo "report-bench: $BIN not found; build it or drop --no-build" >&2; exit 2; }
"$BIN" report --help >/dev/null 2>&1 || { echo "report-bench: $BIN has no 'report' subcommand" >&2; exit 2; }

VENV=${SAMMEN_BENCH_VENV:-/tmp/sammen-bench-venv}
if ! "$VENV/bin/python" -c 'import duckdb' 2>/dev/null; then
  log "installing duckdb from PyPI into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q duckdb >&2
fi
PY="$VENV/bin/python"

TIME=""
[[ -x /usr/bin/time ]] && TIME=/usr/bin/time || log "no /usr/bin/time: peak RSS is not measured"

# --- 2. Data ---------------------------------------------------------------------------------
if [[ -n "$DATA" ]]; then
  mkdir -p "$DATA"; WORK=$(cd "$DATA" && pwd); KEEP=1
else
  WORK=$(mktemp -d /tmp/sammen-report-bench.XXXXXX)
fi
DBFILE="$WORK/report.db"; CSV="$WORK/answers.csv"; OUT="$WORK/out"
mkdir -p "$OUT"
cleanup() { if [[ $KEEP == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi; }
trap cleanup EXIT

if [[ -s "$WORK/generate.json" && -f "$DBFILE" && -f "$CSV" ]]; then
  log "reusing the data in $WORK"
else
  [[ -x "$GEN" ]] || { echo "report-bench: $GEN not found; build it or drop --no-build" >&2; exit 2; }
  rm -f "$DBFILE" "$DBFILE-wal" "$DBFILE-shm" "$CSV" "$WORK/generate.json"
  log "generating $PARTICIPANTS participants at $SITES sites (seed $SEED) into $DBFILE and $CSV"
  "$GEN" --db "sqlite:$DBFILE" --csv "$CSV" --participants "$PARTICIPANTS" --sites "$SITES" --seed "$SEED" >"$WORK/generate.json.tmp"
  mv "$WORK/generate.json.tmp" "$WORK/generate.json"
fi
GEN_JSON=$(cat "$WORK/generate.json")
gen() { "$PY" -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$GEN_JSON" "$1"; }
ITEM_ANSWERS=$(gen item_answers)
[[ $ITEM_ANSWERS -ge 10000000 ]] || log "NOTE: $ITEM_ANSWERS item answers, fewer than 10 million"

REPORT=("$BIN" report --db "sqlite:$DBFILE" --partnership "Benchmark Partnership" --instrument qpr-15 --wave closure --format json)
DUCK=("$PY" bench/report_duckdb.py "$CSV")
[[ $THREADS == 0 ]] || DUCK+=(--threads "$THREADS")

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# Runs a command with stdout to $1 and stderr to $2, under /usr/bin/time (peak RSS into $3);
# prints the wall-clock seconds.
timed() {
  local out=$1 err=$2 rss=$3; shift 3
  local t0 t1
  t0=$(now)
  if [[ -n $TIME ]]; then
    "$TIME" -f '%M' -o "$rss" "$@" >"$out" 2>"$err" || { cat "$err" >&2; return 1; }
  else
    "$@" >"$out" 2>"$err" || { cat "$err" >&2; return 1; }
    echo 0 >"$rss"
  fi
  t1=$(now)
  secs "$t0" "$t1"
}

# --- 3. Runs -----------------------------------------------------------------------------------
log "warm-up: one run of each (not counted)"
timed "$OUT/sammen-0.json" "$OUT/sammen-0.err" "$OUT/sammen-0.rss" "${REPORT[@]}" >/dev/null
timed "$OUT/duckdb-0.json" "$OUT/duckdb-0.err" "$OUT/duckdb-0.rss" "${DUCK[@]}" >/dev/null

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for i in $(seq 1 "$RUNS"); do
  s=$(timed "$OUT/sammen-$i.json" "$OUT/sammen-$i.err" "$OUT/sammen-$i.rss" "${REPORT[@]}")
  echo "$s" >"$OUT/sammen-$i.secs"
  d=$(timed "$OUT/duckdb-$i.json" "$OUT/duckdb-$i.err" "$OUT/duckdb-$i.rss" "${DUCK[@]}")
  echo "$d" >"$OUT/duckdb-$i.secs"
  log "run $i: sammen report $s s; DuckDB process $d s"
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# --- 4. Compare, 5. summarise ------------------------------------------------------------------
export RB_OUT=$OUT RB_RUNS=$RUNS RB_GEN=$GEN_JSON RB_DB=$DBFILE RB_CSV=$CSV RB_LOAD_BEFORE=$LOAD_BEFORE RB_LOAD_AFTER=$LOAD_AFTER
export RB_BIN=${BIN#"$ROOT"/} RB_COMMIT="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- crates 2>/dev/null || echo ' + local changes')"
export RB_CPU="$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'))"
export RB_MEM="$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
export RB_SQLITE="$("$PY" -c 'import sqlite3; print(sqlite3.sqlite_version)') (Python's; sammen bundles its own through libsqlite3-sys)"
SUMMARY=$("$PY" - <<'EOF'
import json, os, statistics, sys

out, runs = os.environ["RB_OUT"], int(os.environ["RB_RUNS"])
gen = json.loads(os.environ["RB_GEN"])
KEYS = ("n", "mean_pre", "mean_post", "mean_change", "sd_change", "r")
TOL = 1e-9

def load(name, i):
    with open(f"{out}/{name}-{i}.json") as f:
        return json.load(f)

def sites(doc):
    return {s["site"]: s for s in doc["sites"]}

problems = []
ref = sites(load("duckdb", 0))
for name in ("sammen", "duckdb"):
    for i in range(0, runs + 1):
        got = sites(load(name, i))
        if sorted(got) != sorted(ref):
            problems.append(f"{name} run {i}: sites {sorted(got)} != {sorted(ref)}")
            continue
        for site, want in ref.items():
            for k in KEYS:
                a, b = got[site].get(k), want[k]
                if k == "n":
                    ok = a == b
                else:
                    ok = a is not None and b is not None and abs(a - b) <= TOL
                if not ok:
                    problems.append(f"{name} run {i}, {site}, {k}: {a!r} vs DuckDB {b!r}")

def floats(name, suffix):
    return [float(open(f"{out}/{name}-{i}.{suffix}").read().split()[0]) for i in range(1, runs + 1)]

s_wall = floats("sammen", "secs")
d_wall = floats("duckdb", "secs")
s_rss = floats("sammen", "rss")
d_rss = floats("duckdb", "rss")
d_docs = [load("duckdb", i) for i in range(1, runs + 1)]
d_csv = [d["seconds"] for d in d_docs]
d_table = [d["seconds_table"] for d in d_docs]
d_load = [d["seconds_load"] for d in d_docs]
med = statistics.median
mib = lambda kib: f"{kib / 1024:.0f} MiB" if kib else "not measured"
db_bytes = os.path.getsize(os.environ["RB_DB"])
csv_bytes = os.path.getsize(os.environ["RB_CSV"])
ratio_csv = med(s_wall) / med(d_csv)
ratio_table = med(s_wall) / med(d_table)
fmt = lambda xs: ", ".join(f"{x:.2f}" for x in xs)
d0 = d_docs[0]

lines = []
p = lines.append
p(f"Run of `bench/report.sh` on {os.popen('date -u +%Y-%m-%d').read().strip()} at {os.environ['RB_COMMIT']}.")
p(f"Machine: {os.environ['RB_CPU']}, {os.environ['RB_MEM']} of memory; load average {os.environ['RB_LOAD_BEFORE']} before the measured runs, {os.environ['RB_LOAD_AFTER']} after.")
p(f"Data: {gen['sites']} sites, {gen['participants']:,} participants, {gen['responses']:,} completed responses ({gen['item_answers']:,} item answers; {gen['pairs']:,} baseline–closure pairs), {gen['invitations']:,} invitations;")
p(f"SQLite file {db_bytes / 2**20:,.0f} MiB; CSV {csv_bytes / 2**20:,.0f} MiB ({d0['rows']:,} rows). DuckDB {d0['duckdb']} with {d0['threads']} threads.")
p("")
p("| Measure | Median | Runs |")
p("|---|---:|---|")
p(f"| `sammen report … --format json`, whole process | **{med(s_wall):.2f} s** | {fmt(s_wall)} |")
p(f"| DuckDB, CSV file to result | **{med(d_csv):.2f} s** | {fmt(d_csv)} |")
p(f"| DuckDB, table already loaded, query only | {med(d_table):.3f} s | {', '.join(f'{x:.3f}' for x in d_table)} |")
p(f"| &nbsp;&nbsp;&nbsp;(DuckDB loading the CSV into that table) | {med(d_load):.2f} s | {fmt(d_load)} |")
p(f"| DuckDB script, whole process (Python start, import, both timings) | {med(d_wall):.2f} s | {fmt(d_wall)} |")
p(f"| Peak RSS, `sammen report` | {mib(med(s_rss))} | {', '.join(mib(x) for x in s_rss)} |")
p(f"| Peak RSS, DuckDB script | {mib(med(d_rss))} | {', '.join(mib(x) for x in d_rss)} |")
p("")
p(f"`sammen report` takes **{ratio_csv:.2f}×** DuckDB's time from the CSV file to the result "
  f"({'met' if ratio_csv <= 1 else 'NOT met'}: no slower than DuckDB), and {ratio_table:.1f}× DuckDB's time over a table already loaded.")
p("")
p("| Site | n | mean_pre | mean_post | mean_change | sd_change | r |")
p("|---|---:|---:|---:|---:|---:|---:|")
for site in sorted(ref):
    s = ref[site]
    p(f"| {site} | {s['n']:,} | {s['mean_pre']:.4f} | {s['mean_post']:.4f} | {s['mean_change']:.4f} | {s['sd_change']:.4f} | {s['r']:.4f} |")
p("")
if problems:
    p(f"**MISMATCH** between `sammen report` and DuckDB ({len(problems)} values; tolerance {TOL:g}):")
    for x in problems[:20]:
        p(f"- {x}")
else:
    p(f"Every run of both ({runs} + 1 warm-up each) gives the same n, mean_pre, mean_post, mean_change, sd_change and r per site, to {TOL:g}.")
print("\n".join(lines))
sys.exit(3 if problems else 0)
EOF
) && STATUS=0 || STATUS=$?
[[ $STATUS == 0 || $STATUS == 3 ]] || exit "$STATUS"

echo
echo "$SUMMARY"

if [[ $WRITE == 1 ]]; then
  export RB_SUMMARY=$SUMMARY
  "$PY" - <<'EOF'
import os, re
path = "BENCHMARKS.md"
text = open(path, encoding="utf-8").read()
begin, end = "<!-- report-bench:begin -->", "<!-- report-bench:end -->"
if begin not in text or end not in text:
    raise SystemExit(f"{path}: markers {begin} … {end} not found")
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
open(path, "w", encoding="utf-8").write(head + begin + "\n" + os.environ["RB_SUMMARY"] + "\n" + end + tail)
print(f"[report-bench] wrote the results into {path}")
EOF
fi
exit "$STATUS"
