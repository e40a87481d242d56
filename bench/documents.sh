#!/usr/bin/env bash
# Times the partnership report's documents (PDF and XLSX) over 10 million item answers, and
# compares two builds of `sammen` side by side in one run; see BENCHMARKS.md ("Report documents").
#
#   bench/documents.sh --before OLD_BIN [--bin NEW_BIN] [--data DIR] [--runs R] [--write]
#
# 1. takes the data set of bench/report.sh from DIR (default /tmp/rb-data; made there first
#    with bench/report.sh --data DIR when missing), and copies its SQLite file once per build,
#    so a build that migrates the file on opening does not change what the other one reads;
# 2. after one warm-up run of each, alternates R times (default 5), for each format:
#      BIN report --db sqlite:COPY --partnership "Benchmark Partnership" --instrument qpr-15
#                 --wave closure --format pdf|xlsx --out FILE
#    timed from outside as a whole process, with peak RSS from /usr/bin/time;
# 3. checks every document with independent tools (pdfinfo: pages and whether it is tagged;
#    python's zipfile: the workbook opens and lists its sheets) and records its size;
# 4. prints a markdown summary; --write puts it into BENCHMARKS.md between the
#    "documents-bench" markers.
#
# OLD_BIN is typically a release build of an earlier commit:
#   git worktree add /tmp/before COMMIT && (cd /tmp/before && CARGO_TARGET_DIR=/tmp/before-target \
#     cargo build --release -p sammen)
# Requires: cargo (unless --bin), python3, poppler-utils, /usr/bin/time.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD

BEFORE=""
BIN=""
DATA=/tmp/rb-data
RUNS=5
WRITE=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --before) BEFORE="$2"; shift 2 ;;
    --bin) BIN="$2"; shift 2 ;;
    --data) DATA="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --write) WRITE=1; shift ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
log() { printf '[documents-bench] %s\n' "$*" >&2; }
[[ -n "$BEFORE" && -x "$BEFORE" ]] || { echo "documents-bench: --before BIN (an executable) is required" >&2; exit 2; }
if [[ -z "$BIN" ]]; then
  log "cargo build --release -p sammen"
  cargo build --release -p sammen >&2
  BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/sammen"
fi

if [[ ! -s "$DATA/generate.json" ]]; then
  log "no data set in $DATA: making it with bench/report.sh"
  bench/report.sh --data "$DATA" --runs 1 >/dev/null
fi
WORK=$(mktemp -d /tmp/sammen-documents-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
for b in before after; do
  cp "$DATA/report.db" "$WORK/$b.db"
done

run() { # build format run-number
  local b=$1 fmt=$2 i=$3 bin
  [[ $b == before ]] && bin=$BEFORE || bin=$BIN
  local out="$WORK/$b-$i.$fmt" t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$WORK/$b-$fmt-$i.rss" "$bin" report --db "sqlite:$WORK/$b.db" \
    --partnership "Benchmark Partnership" --instrument qpr-15 --wave closure --format "$fmt" --out "$out" \
    >"$WORK/$b-$fmt-$i.log" 2>&1 || { cat "$WORK/$b-$fmt-$i.log" >&2; return 1; }
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }' >"$WORK/$b-$fmt-$i.secs"
  stat -c %s "$out" >"$WORK/$b-$fmt-$i.bytes"
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for fmt in pdf xlsx; do
  log "$fmt: warm-up"
  run before "$fmt" 0; run after "$fmt" 0
  for i in $(seq 1 "$RUNS"); do
    run before "$fmt" "$i"; run after "$fmt" "$i"
    log "$fmt run $i: before $(cat "$WORK/before-$fmt-$i.secs") s, after $(cat "$WORK/after-$fmt-$i.secs") s"
  done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

for b in before after; do
  # poppler warns about the boolean /MarkInfo /Suspects that PDF/UA files carry; the output is right.
  pdfinfo "$WORK/$b-1.pdf" >"$WORK/$b.pdfinfo" 2>/dev/null
  pdffonts "$WORK/$b-1.pdf" >"$WORK/$b.pdffonts"
done

export DB_WORK=$WORK DB_RUNS=$RUNS DB_LOAD_BEFORE=$LOAD_BEFORE DB_LOAD_AFTER=$LOAD_AFTER
export DB_COMMIT="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- crates 2>/dev/null || echo ' + local changes')"
export DB_BEFORE=$BEFORE DB_GEN="$(cat "$DATA/generate.json")"
export DB_CPU="$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'))"
SUMMARY=$(python3 - <<'EOF'
import json, os, re, statistics, zipfile

w, runs = os.environ["DB_WORK"], int(os.environ["DB_RUNS"])
gen = json.loads(os.environ["DB_GEN"])
med = statistics.median

def series(b, fmt, what):
    return [float(open(f"{w}/{b}-{fmt}-{i}.{what}").read().split()[0]) for i in range(1, runs + 1)]

def info(b, key):
    m = re.search(rf"^{key}:\s*(.*)$", open(f"{w}/{b}.pdfinfo").read(), re.M)
    return m.group(1).strip() if m else "?"

def fonts(b):
    rows = open(f"{w}/{b}.pdffonts").read().splitlines()[2:]
    emb = sum(1 for r in rows if len(r.split()) > 4 and r.split()[-5] == "yes")
    return f"{len(rows)} ({emb} embedded)"

def sheets(b):
    with zipfile.ZipFile(f"{w}/{b}-1.xlsx") as z:
        return len([n for n in z.namelist() if n.startswith("xl/worksheets/sheet")])

out = []
p = out.append
p(f"Run of `bench/documents.sh` on {os.popen('date -u +%Y-%m-%d').read().strip()} at {os.environ['DB_COMMIT']}; "
  f"before: `{os.environ['DB_BEFORE']}`.")
p(f"Machine: {os.environ['DB_CPU']}; load average {os.environ['DB_LOAD_BEFORE']} before, {os.environ['DB_LOAD_AFTER']} after.")
p(f"Data: the data set of `bench/report.sh` ({gen['item_answers']:,} item answers, {gen['sites']} sites). "
  f"Whole process (`sammen report … --format F --out FILE`), medians of {runs} alternating runs after a warm-up.")
p("")
p("| Document | Time before | Time after | Size before | Size after | Peak RSS before | Peak RSS after |")
p("|---|---:|---:|---:|---:|---:|---:|")
for fmt in ("pdf", "xlsx"):
    tb, ta = series("before", fmt, "secs"), series("after", fmt, "secs")
    sb, sa = series("before", fmt, "bytes"), series("after", fmt, "bytes")
    rb, ra = series("before", fmt, "rss"), series("after", fmt, "rss")
    p(f"| {fmt.upper()} | {med(tb):.2f} s | {med(ta):.2f} s | {med(sb) / 1024:,.0f} KiB | {med(sa) / 1024:,.0f} KiB "
      f"| {med(rb) / 1024:.0f} MiB | {med(ra) / 1024:.0f} MiB |")
p("")
p(f"PDF before: {info('before', 'Pages')} pages, tagged: {info('before', 'Tagged')}, fonts {fonts('before')}. "
  f"PDF after: {info('after', 'Pages')} pages, tagged: {info('after', 'Tagged')}, fonts {fonts('after')}.")
p(f"XLSX before: {sheets('before')} sheet(s); after: {sheets('after')} sheet(s).")
print("\n".join(out))
EOF
)
echo "$SUMMARY"
if [[ $WRITE == 1 ]]; then
  python3 - "$SUMMARY" <<'EOF'
import re, sys
path = "BENCHMARKS.md"
text = open(path).read()
begin, end = "<!-- documents-bench:begin -->", "<!-- documents-bench:end -->"
if begin not in text:
    sys.exit("BENCHMARKS.md has no documents-bench markers")
text = re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda _: f"{begin}\n{sys.argv[1]}\n{end}", text, flags=re.S)
open(path, "w").write(text)
EOF
  log "wrote the summary into BENCHMARKS.md"
fi
