#!/usr/bin/env bash
# Checks the REST API against its own OpenAPI document, as an outside client would: starts
# `sammen demo` on a fresh database, makes a write token for a demo administrator, and runs
# schemathesis (positive and negative data, its default checks) against
# /api/v1/openapi.json. Any failure (a server error, an undeclared status, a response that does
# not match its schema, a valid request refused or an invalid one accepted) fails the script.
#
#   scripts/api-contract.sh            # on SQLite; also on PostgreSQL when SAMMEN_TEST_PG is set
#   scripts/api-contract.sh --pg       # also on PostgreSQL (a throwaway cluster when SAMMEN_TEST_PG is unset)
#
# The binary is $SAMMEN_BIN, else target/debug/sammen (built here when SAMMEN_BIN is unset).
# SAMMEN_API_CONTRACT_EXAMPLES (default 25) bounds the cases per operation and phase;
# SAMMEN_API_CONTRACT_SEED (default 1) makes a run repeatable. The schemathesis settings that
# say which refusals a schema cannot express are in scripts/api-contract.toml, with reasons.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"

want_pg=0
for arg in "$@"; do
    case "$arg" in
        --pg) want_pg=1 ;;
        *) echo "usage: scripts/api-contract.sh [--pg]" >&2; exit 2 ;;
    esac
done
[[ -n "${SAMMEN_TEST_PG:-}" ]] && want_pg=1

EXAMPLES="${SAMMEN_API_CONTRACT_EXAMPLES:-25}"
SEED="${SAMMEN_API_CONTRACT_SEED:-1}"
ADMIN_EMAIL="admin@soby.example"

log() { printf '\n==> %s\n' "$*" >&2; }
die() { echo "api-contract: $*" >&2; exit 1; }

PY="${SAMMEN_PY:-$(scripts/py-tools.sh)}"
ST="$(dirname "$PY")/schemathesis"
[[ -x "$ST" ]] || die "$ST is missing: run scripts/py-tools.sh (schemathesis is in scripts/py-requirements.txt)"

if [[ -n "${SAMMEN_BIN:-}" ]]; then
    BIN="$SAMMEN_BIN"
else
    BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/sammen"
    log "cargo build -p sammen"
    cargo build -q -p sammen
fi
[[ -x "$BIN" ]] || die "$BIN does not exist or is not executable"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/sammen-api-contract.XXXXXX")"
SERVER_PID=""
OWN_CLUSTER=0
cleanup() {
    local status=$?
    stop_server
    if [[ $OWN_CLUSTER -eq 1 ]]; then scripts/pg-test-cluster.sh stop >/dev/null 2>&1 || true; fi
    if [[ $status -eq 0 ]]; then rm -rf "$WORK"; else echo "api-contract: logs and reports kept in $WORK" >&2; fi
    exit "$status"
}
trap cleanup EXIT

stop_server() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    SERVER_PID=""
}

free_port() {
    "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Starts the demo server on $1 (a database URL); sets URL and SERVER_PID.
start_server() {
    local db="$1" name="$2" port
    for _attempt in 1 2 3; do
        port="$(free_port)"
        URL="http://127.0.0.1:$port"
        RUST_LOG="${RUST_LOG:-warn}" "$BIN" demo --db "$db" --addr "127.0.0.1:$port" >"$WORK/$name-server.log" 2>&1 </dev/null &
        SERVER_PID=$!
        for _ in $(seq 1 1800); do
            if ! kill -0 "$SERVER_PID" 2>/dev/null; then break; fi
            if "$PY" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1] + "/healthz", timeout=2)' "$URL" 2>/dev/null; then
                return 0
            fi
            sleep 0.1
        done
        if kill -0 "$SERVER_PID" 2>/dev/null; then
            stop_server
            die "$name: sammen did not answer /healthz within 180 s (log: $WORK/$name-server.log)"
        fi
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=""
        grep -qiE 'address|in use|bind' "$WORK/$name-server.log" || break
    done
    die "$name: sammen exited before it was ready:"$'\n'"$(tail -20 "$WORK/$name-server.log")"
}

# Runs the whole check against one database; $1 names the backend, $2 is the database URL.
check_backend() {
    local name="$1" db="$2" token started status=0
    started=$(date +%s)
    log "$name: starting the demo server"
    start_server "$db" "$name"
    token="$("$BIN" admin create-token --db "$db" --email "$ADMIN_EMAIL" --scope write --days 1 --name "API contract" </dev/null 2>>"$WORK/$name-server.log" | tail -n 1)"
    [[ "$token" == smn_* ]] || die "$name: no token was printed for $ADMIN_EMAIL (log: $WORK/$name-server.log)"
    log "$name: schemathesis against $URL/api/v1/openapi.json"
    "$ST" --config-file "$ROOT/scripts/api-contract.toml" --no-color run "$URL/api/v1/openapi.json" \
        --header "Authorization: Bearer $token" \
        --mode all \
        --phases examples,coverage,fuzzing \
        --max-examples "$EXAMPLES" \
        --seed "$SEED" \
        --request-timeout 30 \
        --workers 2 \
        --report junit --report-dir "$WORK/$name-report" \
        </dev/null || status=$?
    stop_server
    if [[ $status -ne 0 ]]; then
        echo "api-contract: $name: schemathesis found failures (exit $status); server log: $WORK/$name-server.log" >&2
        return "$status"
    fi
    log "$name: no failures ($(($(date +%s) - started)) s)"
}

psql_bin() {
    local d
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [[ -x "$d/psql" ]] && { echo "$d/psql"; return 0; }
    done
    command -v psql
}

failed=()
check_backend sqlite "sqlite:$WORK/sqlite.db" || failed+=(sqlite)

if [[ $want_pg -eq 1 ]]; then
    if [[ -z "${SAMMEN_TEST_PG:-}" ]]; then
        export SAMMEN_PG_DIR="${SAMMEN_PG_DIR:-/tmp/sammen-pg-api-contract}"
        eval "$(scripts/pg-test-cluster.sh start </dev/null)"
        OWN_CLUSTER=1
    fi
    PSQL="$(psql_bin)" || die "psql is not installed"
    pg_db="sammen_api_contract_$(date +%s)_$$"
    "$PSQL" "$SAMMEN_TEST_PG" -v ON_ERROR_STOP=1 -q -c "CREATE DATABASE $pg_db" </dev/null
    check_backend postgres "${SAMMEN_TEST_PG%/*}/$pg_db" || failed+=(postgres)
    "$PSQL" "$SAMMEN_TEST_PG" -q -c "DROP DATABASE IF EXISTS $pg_db" </dev/null >/dev/null 2>&1 || true
fi

if [[ ${#failed[@]} -gt 0 ]]; then
    die "the API does not keep its contract on: ${failed[*]}"
fi
log "the API keeps its contract"
