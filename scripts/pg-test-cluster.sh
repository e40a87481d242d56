#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the store and app tests.
#
#   scripts/pg-test-cluster.sh start   # prints `export SAMMEN_TEST_PG=...`; use: eval "$(scripts/pg-test-cluster.sh start)"
#   scripts/pg-test-cluster.sh env     # prints the same line for a running cluster
#   scripts/pg-test-cluster.sh stop    # stops it and removes its directory
#
# The cluster lives in $SAMMEN_PG_DIR (default /tmp/sammen-pg), listens on 127.0.0.1 only,
# on a free port from 55432 up, with trust authentication and fsync off: it holds test data
# and nothing else. PostgreSQL refuses to run as root, so the server runs as the `postgres`
# system user when there is one, else as `sammen-test`, created here.
# Every command is idempotent and prints nothing else on success.
set -euo pipefail

DIR="${SAMMEN_PG_DIR:-/tmp/sammen-pg}"
DATA="$DIR/data"
MARKER="$DIR/.sammen-pg-test-cluster"
ENV_FILE="$DIR/env"

die() { echo "pg-test-cluster: $*" >&2; exit 1; }

# Finds initdb/pg_ctl, installing Debian's postgresql when they are missing.
find_bin() {
    local d
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [[ -x "$d/initdb" && -x "$d/pg_ctl" ]]; then echo "$d"; return 0; fi
    done
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v initdb)"; return 0
    fi
    return 1
}

ensure_bin() {
    if BIN="$(find_bin)"; then return 0; fi
    [[ $(id -u) -eq 0 ]] || die "PostgreSQL is not installed; install the 'postgresql' package"
    echo "pg-test-cluster: installing postgresql" >&2
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null 2>&1; then
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    BIN="$(find_bin)" || die "postgresql installed but initdb/pg_ctl not found"
}

# The unprivileged user that owns and runs the cluster (we may be root, it may not).
ensure_user() {
    if [[ $(id -u) -ne 0 ]]; then RUN=(); PGUSER_OS="$(id -un)"; return 0; fi
    if id -u postgres >/dev/null 2>&1; then
        PGUSER_OS=postgres
    else
        PGUSER_OS=sammen-test
        id -u "$PGUSER_OS" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$PGUSER_OS"
    fi
    RUN=(runuser -u "$PGUSER_OS" --)
}

as_owner() { "${RUN[@]}" "$@"; }

running() {
    [[ -f "$DATA/PG_VERSION" ]] && as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

# Whether nothing listens on 127.0.0.1:$1 (bind test; python3 when there, else bash's /dev/tcp).
port_free() {
    if command -v python3 >/dev/null 2>&1; then
        python3 - "$1" <<'PY' 2>/dev/null
import socket, sys
s = socket.socket()
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
finally:
    s.close()
PY
    else
        ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
    fi
}

print_env() { cat "$ENV_FILE"; }

cmd_start() {
    ensure_bin
    ensure_user
    if [[ -f "$MARKER" && -f "$ENV_FILE" ]] && running; then print_env; return 0; fi
    if [[ -e "$DIR" && ! -f "$MARKER" ]] && [[ -n "$(ls -A "$DIR" 2>/dev/null)" ]]; then
        die "$DIR exists and is not a test cluster; set SAMMEN_PG_DIR to another directory"
    fi
    # A half-made or stopped cluster from before: start afresh.
    if [[ -f "$MARKER" ]]; then
        as_owner "$BIN/pg_ctl" -D "$DATA" stop -m immediate -s >/dev/null 2>&1 || true
        rm -rf "$DIR"
    fi
    mkdir -p "$DIR"
    touch "$MARKER"
    chown -R "$PGUSER_OS" "$DIR"
    as_owner test -w "$DIR" || die "$PGUSER_OS cannot write $DIR (a parent directory is closed to it); choose another SAMMEN_PG_DIR"

    as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth=trust --no-locale -E UTF8 --no-sync >"$DIR/initdb.log" 2>&1 \
        || { cat "$DIR/initdb.log" >&2; die "initdb failed"; }
    cat >"$DATA/pg_hba.conf" <<'HBA'
# Throwaway test cluster: trust on loopback and the local socket only.
local all all              trust
host  all all 127.0.0.1/32 trust
host  all all ::1/128      trust
HBA

    local port tries=0
    for port in $(seq 55432 55999); do
        port_free "$port" || continue
        cat >>"$DATA/postgresql.conf" <<CONF

# scripts/pg-test-cluster.sh (later lines win)
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$DIR'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
logging_collector = off
CONF
        if as_owner "$BIN/pg_ctl" -D "$DATA" -l "$DIR/server.log" -w -t 60 -s start >/dev/null 2>&1; then
            local line="export SAMMEN_TEST_PG=postgres://postgres@127.0.0.1:$port/postgres"
            echo "$line" >"$ENV_FILE"
            print_env
            return 0
        fi
        # Someone took the port between the check and the start: try the next one.
        tries=$((tries + 1))
        [[ $tries -lt 5 ]] || { tail -n 20 "$DIR/server.log" >&2 || true; die "the server did not start"; }
    done
    die "no free port between 55432 and 55999"
}

cmd_stop() {
    [[ -e "$DIR" ]] || return 0
    [[ -f "$MARKER" ]] || die "$DIR is not a test cluster; not touching it"
    if [[ -f "$DATA/PG_VERSION" ]]; then
        ensure_bin
        ensure_user
        as_owner "$BIN/pg_ctl" -D "$DATA" stop -m fast -s -w -t 60 >/dev/null 2>&1 || true
    fi
    rm -rf "$DIR"
}

cmd_env() {
    ensure_bin
    ensure_user
    [[ -f "$MARKER" && -f "$ENV_FILE" ]] && running || die "no test cluster is running in $DIR; run: $0 start"
    print_env
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    env) cmd_env ;;
    *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
