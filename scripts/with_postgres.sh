#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server made from this machine's binaries:
# initdb in a temporary folder (as the `postgres` user when we are root, since initdb
# refuses root), start it on a free loopback port, export DATABASE_URL, run the command,
# then stop the server and remove the folder, also on failure.
# Without PostgreSQL binaries the pass is skipped with a printed line, except when CI=true.
set -euo pipefail

PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$PGBIN" ] && command -v initdb >/dev/null 2>&1; then
    PGBIN=$(dirname "$(command -v initdb)")
fi
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
    if [ "${CI:-}" = "true" ]; then
        echo "PostgreSQL pass: no PostgreSQL server binaries found, and CI=true requires this pass." >&2
        exit 1
    fi
    echo "PostgreSQL pass SKIPPED: no PostgreSQL server binaries on this machine (install postgresql)."
    exit 0
fi

DATADIR=$(mktemp -d /tmp/ruta-pg.XXXXXX)
chmod 755 "$DATADIR"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

as_pg() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

cleanup() {
    as_pg "$PGBIN/pg_ctl" -D "$DATADIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$DATADIR"
}
trap cleanup EXIT INT TERM

if [ "$(id -u)" = 0 ]; then
    chown postgres "$DATADIR"
fi
as_pg "$PGBIN/initdb" -D "$DATADIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$DATADIR/data" -l "$DATADIR/server.log" -w -o \
    "-p $PORT -k $DATADIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null
as_pg "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres ruta
VERSION=$("$PGBIN/postgres" --version)
echo "PostgreSQL pass: $VERSION on 127.0.0.1:$PORT (data in $DATADIR, removed afterwards)"

export DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/ruta"
# For fault tests (make soak) that restart the server.
export RUTA_PG_CTL="$PGBIN/pg_ctl" RUTA_PG_DATA="$DATADIR/data" RUTA_PG_LOG="$DATADIR/server.log"
"$@"
