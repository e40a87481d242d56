#!/usr/bin/env bash
# The one test command: everything CI checks, in the order CI checks it.
#
#   scripts/test-all.sh
#
# 1. installs what is missing (Debian's postgresql, chromium, wrk, poppler-utils and unzip; only when missing, and
#    `apt-get update` only then), which needs root, and the Python checkers (scripts/py-tools.sh:
#    pikepdf, openpyxl and schemathesis from PyPI into a virtual environment outside the repository);
# 2. cargo fmt --check, clippy on every target with warnings as errors, and cargo deny (bans, licences
#    and sources as deny.toml sets them; offline, so no advisory database) after installing cargo-deny
#    (`cargo install --locked cargo-deny`) when it is missing;
# 3. the Rust tests (cargo nextest, else cargo test) with a throwaway PostgreSQL cluster
#    (scripts/pg-test-cluster.sh) so the store and app tests run on both backends;
# 4. builds `sammen`, checks the API against its OpenAPI document with schemathesis on both backends
#    (scripts/api-contract.sh), and runs the browser tests in e2e/ (Node's test runner, playwright-core
#    driving Debian's Chromium, axe-core) twice: on SQLite and on PostgreSQL.
#
# Every step runs even when an earlier one failed (except when nothing can be tested without
# it), and the script ends with the list of failed steps and a non-zero exit status.
# Screenshots of failing browser tests are in e2e/test-results/{sqlite,postgres}/.
# Works unattended (no standard input, CI=true) as root on a fresh machine of this kind.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"
export DEBIAN_FRONTEND=noninteractive
export CARGO_TERM_PROGRESS_WHEN=never
# CI builds once in a fresh clone: incremental caches would only cost time and disk.
if [[ "${CI:-}" == "true" ]]; then export CARGO_INCREMENTAL=0; fi
# playwright-core never downloads a browser; say so to anything that might try.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# A cluster of this script's own, so a developer's cluster in /tmp/sammen-pg is left alone.
export SAMMEN_PG_DIR="${SAMMEN_TEST_ALL_PG_DIR:-/tmp/sammen-pg-test-all}"

START=$SECONDS
FAILED=()

log() { printf '\n==> %s  [%s]\n' "$*" "$(elapsed)"; }
elapsed() { local s=$((SECONDS - START)); printf '%dm%02ds' $((s / 60)) $((s % 60)); }
die() { echo "test-all: $*" >&2; exit 1; }

# Runs a step; a failure is remembered and the script goes on.
step() {
    local name="$1"; shift
    log "$name"
    local t0=$SECONDS
    if "$@"; then
        echo "--- $name: ok ($((SECONDS - t0))s)"
    else
        echo "--- $name: FAILED ($((SECONDS - t0))s)"
        FAILED+=("$name")
    fi
}

# ------------------------------------------------------------------ what the machine needs

pg_bin() {
    local d
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [[ -x "$d/initdb" && -x "$d/pg_ctl" ]]; then echo "$d"; return 0; fi
    done
    if [[ -x /usr/local/bin/initdb && -x /usr/local/bin/pg_ctl ]]; then echo /usr/local/bin; return 0; fi
    if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return 0; fi
    return 1
}

psql_bin() {
    local d
    d="$(pg_bin 2>/dev/null)" && [[ -x "$d/psql" ]] && { echo "$d/psql"; return 0; }
    command -v psql
}

install_missing() {
    local need=()
    pg_bin >/dev/null || need+=(postgresql)
    psql_bin >/dev/null || need+=(postgresql-client)
    [[ -x /usr/bin/chromium ]] || need+=(chromium)
    command -v wrk >/dev/null 2>&1 || need+=(wrk)
    # The report test reads the downloaded PDF and XLSX with independent tools.
    command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
    command -v unzip >/dev/null 2>&1 || need+=(unzip)
    command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
    if [[ ${#need[@]} -eq 0 ]]; then
        echo "nothing to install"
        return 0
    fi
    [[ $(id -u) -eq 0 ]] || die "missing: ${need[*]}; install them (as root: apt-get install ${need[*]})"
    echo "installing: ${need[*]}"
    apt-get update -qq </dev/null
    apt-get install -y -qq "${need[@]}" </dev/null >/dev/null
}

log "checking the machine"
install_missing
PSQL="$(psql_bin)" || die "psql not found"
for tool in cargo node npm python3; do command -v "$tool" >/dev/null 2>&1 || die "$tool not found"; done
# The independent checkers (pikepdf, openpyxl, schemathesis) in a virtual environment outside the
# repository; the Rust and browser tests find its python through SAMMEN_PY.
SAMMEN_PY="$(scripts/py-tools.sh </dev/null)" || die "scripts/py-tools.sh could not make the Python tools"
export SAMMEN_PY
echo "cargo $(cargo --version | cut -d' ' -f2), node $(node --version), $(/usr/bin/chromium --version 2>/dev/null | head -n1)"

# ------------------------------------------------------------------ static checks

step "cargo fmt" cargo fmt --all -- --check
step "cargo clippy" cargo clippy --workspace --all-targets -- -D warnings

cargo_deny() {
    if ! cargo deny --version >/dev/null 2>&1; then
        echo "installing cargo-deny"
        # Without CARGO_TARGET_DIR cargo install builds in a temporary directory of its own and
        # removes it, so the workspace's build cache is left as it was.
        env -u CARGO_TARGET_DIR cargo install --locked cargo-deny </dev/null || return 1
    fi
    # cargo-deny reads the crates of every platform, not only this one's; they come from crates.io.
    cargo fetch --locked || return 1
    cargo deny --offline --locked check bans licenses sources
}
step "cargo deny" cargo_deny

# ------------------------------------------------------------------ Rust tests, both backends

cleanup() {
    local status=$?
    scripts/pg-test-cluster.sh stop || true
    exit "$status"
}
trap cleanup EXIT

log "starting the throwaway PostgreSQL cluster"
eval "$(scripts/pg-test-cluster.sh start </dev/null)"
[[ -n "${SAMMEN_TEST_PG:-}" ]] || die "pg-test-cluster.sh did not print SAMMEN_TEST_PG"
echo "SAMMEN_TEST_PG=$SAMMEN_TEST_PG"

if cargo nextest --version >/dev/null 2>&1; then
    step "cargo nextest" cargo nextest run --workspace --no-fail-fast
else
    step "cargo test" cargo test --workspace --no-fail-fast
fi

# ------------------------------------------------------------------ browser tests

step "cargo build -p sammen" cargo build -p sammen
if [[ ! -x "${CARGO_TARGET_DIR:-target}/debug/sammen" || " ${FAILED[*]} " == *" cargo build -p sammen "* ]]; then
    log "the browser tests are skipped: sammen did not build"
else
    step "API contract (schemathesis)" env SAMMEN_BIN="${CARGO_TARGET_DIR:-target}/debug/sammen" scripts/api-contract.sh
    step "npm ci (e2e)" bash -c 'cd e2e && npm ci --no-audit --no-fund --loglevel=error </dev/null'

    e2e() {
        local backend="$1"
        export SAMMEN_E2E_RESULTS="$ROOT/e2e/test-results/$backend"
        rm -rf "$SAMMEN_E2E_RESULTS"
        (cd e2e && timeout --kill-after=30s 20m node --test --test-concurrency=1 --test-timeout=600000 \
            --test-reporter=spec tests/*.test.mjs tests/*/*.test.mjs </dev/null)
    }
    e2e_sqlite() { SAMMEN_E2E_DB='' e2e sqlite; }
    e2e_postgres() {
        local db
        db="sammen_e2e_$(date +%s)_$$"
        "$PSQL" "$SAMMEN_TEST_PG" -v ON_ERROR_STOP=1 -q -c "CREATE DATABASE $db" </dev/null || return 1
        SAMMEN_E2E_DB="${SAMMEN_TEST_PG%/*}/$db" e2e postgres
    }
    step "e2e on SQLite" e2e_sqlite
    step "e2e on PostgreSQL" e2e_postgres
fi

# ------------------------------------------------------------------ result

log "done"
if [[ ${#FAILED[@]} -gt 0 ]]; then
    printf 'FAILED: %s\n' "${FAILED[@]}"
    exit 1
fi
echo "All checks passed in $(elapsed)."
