# pg_server.sh: sourced by tests/pg/migrate.sh and bench/scale.sh: starts a throwaway PostgreSQL as
# tests/pg/run.sh does (initdb + pg_ctl into a temporary folder, a Unix socket only, torn down on exit).
# Sets PG_TMP (the socket folder) and PG_BIN; pg_url NAME creates database NAME and prints its URL.
# PG_SERVER_OPTS adds server settings ("-c shared_buffers=2GB").
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
pg_start() {
  [ -x "$PG_BIN/initdb" ] || { echo "pg: initdb not found (install postgresql: scripts/deps.sh)"; return 1; }
  PG_TMP=$(mktemp -d /tmp/idt-pg.XXXXXX)
  chmod 755 "$PG_TMP"
  as_pg=()
  if [ "$(id -u)" -eq 0 ]; then
    as_pg=(runuser -u postgres --)
    chown postgres "$PG_TMP"
  fi
  # The caller's own EXIT trap (bench/scale.sh's calls pg_teardown itself) is kept; else ours.
  [ -n "$(trap -p EXIT)" ] || trap pg_teardown EXIT
  trap 'exit 130' INT TERM
  "${as_pg[@]}" "$PG_BIN/initdb" -D "$PG_TMP/data" -A trust -U idt -E UTF8 --locale=C.UTF-8 >"$PG_TMP/initdb.log" 2>&1 ||
    { echo "pg: initdb failed"; cat "$PG_TMP/initdb.log"; return 1; }
  "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w \
    -o "-c listen_addresses='' -k $PG_TMP -c fsync=off -c synchronous_commit=off -c max_connections=200 ${PG_SERVER_OPTS:-}" start >/dev/null ||
    { echo "pg: the server did not start"; cat "$PG_TMP/server.log"; return 1; }
}
pg_teardown() {
  [ -n "${PG_TMP:-}" ] || return 0
  "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$PG_TMP"
}
pg_url() {
  "$PG_BIN/createdb" -h "$PG_TMP" -U idt "$1" || return 1
  printf 'postgres:///%s?host=%s&user=idt\n' "$1" "$PG_TMP"
}
pg_sql() { "$PG_BIN/psql" -h "$PG_TMP" -U idt -d "$1" -X -q -A -t -v ON_ERROR_STOP=1 -c "$2"; }
