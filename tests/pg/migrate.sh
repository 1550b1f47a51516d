#!/usr/bin/env bash
# migrate.sh: issue 10's "the migration command round-trips the demo office and a generated one,
# verified by row counts and content hashes": idtracker migrate-db from SQLite into a throwaway
# PostgreSQL (started here as tests/pg/run.sh does), then per table a row count and a hash over the
# rows ordered by primary key, values as text (NULL as \N, bytes as hex), computed the same way by
# sqlite3 and psql. Also: a non-empty target is refused (exit 1), a bad URL is a usage error (exit 2).
# Ends with "migrate: N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
IDT=$PWD/build/idtracker
[ -x "$IDT" ] || { echo "migrate: build/idtracker is missing (make build/idtracker)"; exit 1; }
. tests/pg/pg_server.sh
pg_start || exit 1
WORK=$PG_TMP/work
mkdir -p "$WORK"

PASS=0
FAIL=0
ok() { PASS=$((PASS + 1)); echo "ok - $1"; }
not_ok() { FAIL=$((FAIL + 1)); echo "not ok - $1"; }
US=$'\x1f'

# The tables migrate-db copies: ordinary tables, less SQLite's own, schema_migrations and FTS shadows.
tables() {
  local vt
  vt=$(sqlite3 -batch -noheader "$1" "SELECT name FROM sqlite_master WHERE type='table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")
  sqlite3 -batch -noheader "$1" "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'
    AND name <> 'schema_migrations' ORDER BY name" | while read -r t; do
    skip=0
    for v in $vt; do [[ "$t" == "$v" || "$t" == "${v}_"* ]] && skip=1; done
    [ $skip -eq 0 ] && echo "$t"
  done
}

# table_hash SQLITE_FILE PGDB TABLE: prints "count sha256" for each side, one line each.
table_hash() {
  local db=$1 pgdb=$2 t=$3 lcols="" pcols="" order=""
  while IFS='|' read -r name type pk; do
    if [ "$type" = "BLOB" ]; then
      lcols+="${lcols:+, }lower(hex(\"$name\"))"; pcols+="${pcols:+, }encode(\"$name\", 'hex')"
    else
      lcols+="${lcols:+, }\"$name\""; pcols+="${pcols:+, }\"$name\""
    fi
  done < <(sqlite3 -batch -noheader "$db" "SELECT name, upper(type), pk FROM pragma_table_info('$t') ORDER BY cid")
  order=$(sqlite3 -batch -noheader "$db" "SELECT group_concat('\"' || name || '\"', ', ') FROM
    (SELECT name FROM pragma_table_info('$t') WHERE pk > 0 ORDER BY pk)")
  [ -n "$order" ] || order=$lcols
  echo "$(sqlite3 -batch -noheader "$db" "SELECT count(*) FROM \"$t\"") $(sqlite3 -batch -noheader -separator "$US" -nullvalue '\N' "$db" \
    "SELECT $lcols FROM \"$t\" ORDER BY $order" | sha256sum | cut -c1-16)"
  echo "$(pg_sql "$pgdb" "SELECT count(*) FROM \"$t\"") $("$PG_BIN/psql" -h "$PG_TMP" -U idt -d "$pgdb" -X -q -A -t -F "$US" -P 'null=\N' \
    -c "SELECT $pcols FROM \"$t\" ORDER BY $order" | sha256sum | cut -c1-16)"
}

# round_trip NAME DATA_DIR: migrate DATA_DIR/idtracker.db into a new database NAME and compare.
round_trip() {
  local name=$1 data=$2 url t bad=0 ntables=0 rows=0
  url=$(pg_url "$name") || { not_ok "$name: createdb"; return; }
  if IDTRACKER_DATA=$data "$IDT" migrate-db --from "sqlite:$data/idtracker.db" --to "$url" >"$WORK/$name.out" 2>"$WORK/$name.err"; then
    ok "$name: migrate-db exits 0"
  else
    not_ok "$name: migrate-db failed: $(cat "$WORK/$name.err")"; return
  fi
  grep -q 'migrate-db: liaison: [0-9]* rows' "$WORK/$name.err" && ok "$name: progress per table on stderr" ||
    not_ok "$name: no per-table progress on stderr"
  while read -r t; do
    mapfile -t h < <(table_hash "$data/idtracker.db" "$name" "$t")
    ntables=$((ntables + 1)); rows=$((rows + ${h[0]%% *}))
    if [ "${h[0]}" != "${h[1]}" ]; then bad=1; echo "# $t: sqlite ${h[0]} postgresql ${h[1]}"; fi
  done < <(tables "$data/idtracker.db")
  [ $bad -eq 0 ] && ok "$name: $ntables tables, $rows rows: counts and content hashes equal" ||
    not_ok "$name: some tables differ"
  # The search index is rebuilt, not copied: one entry per statement where the PG schema keeps a table.
  if [ "$(pg_sql "$name" "SELECT to_regclass('liaison_fts') IS NOT NULL")" = t ]; then
    [ "$(pg_sql "$name" "SELECT count(*) FROM liaison_fts")" = "$(pg_sql "$name" "SELECT count(*) FROM liaison")" ] &&
      ok "$name: search index rebuilt for every statement" || not_ok "$name: search index rows differ from statements"
  fi
  # Vacuumed and analysed after the bulk load: the planner has statistics, and index-only scans and
  # hint bits work from the first request rather than after autovacuum's first pass.
  [ "$(pg_sql "$name" "SELECT count(*) FROM pg_stat_user_tables WHERE relname IN ('document', 'liaison') AND last_vacuum IS NOT NULL AND last_analyze IS NOT NULL")" = 2 ] &&
    ok "$name: vacuumed and analysed after the copy" || not_ok "$name: not vacuumed and analysed after the copy"
  # Sequences moved past the copied ids: the next group gets max(id) + 1, not a duplicate key.
  local max
  max=$(pg_sql "$name" "SELECT max(id) FROM grp")
  mkdir -p "$WORK/$name-cfg"
  printf 'db = %s\n' "$url" >"$WORK/$name-cfg/idtracker.ini"
  if IDTRACKER_DATA=$WORK/$name-cfg "$IDT" group add --acronym zzmig --name "After migration" --type wg >/dev/null 2>"$WORK/$name.gerr" &&
     [ "$(pg_sql "$name" "SELECT id FROM grp WHERE acronym = 'zzmig'")" = "$((max + 1))" ]; then
    ok "$name: identity sequences reset past the largest id"
  else
    not_ok "$name: a new row after migration: $(cat "$WORK/$name.gerr")"
  fi
}

# The demo office.
DEMO=$WORK/demo
mkdir -p "$DEMO"
IDTRACKER_DATA=$DEMO "$IDT" init --demo >/dev/null 2>&1 || not_ok "demo: init --demo"
round_trip demo "$DEMO"

# A generated office (issue 10's generator), small.
if "$IDT" gen-data --help >/dev/null 2>&1; then
  GEN=$WORK/gen
  mkdir -p "$GEN"
  if IDTRACKER_DATA=$GEN "$IDT" gen-data --documents 2000 --liaisons 300 >/dev/null 2>"$WORK/gen.err"; then
    # Seven statements in ten closed, so a bench's search has an archive half to walk (and its key
    # range in the search index: migration 010).
    arch=$(sqlite3 -batch -noheader "$GEN/idtracker.db" "SELECT (SELECT count(*) FROM liaison WHERE tracking = 'closed') || '/' ||
      (SELECT count(*) FROM liaison_fts WHERE rowid >= 4611686018427387904) || '/' || (SELECT count(*) FROM liaison)")
    [ "$arch" = "210/210/300" ] && ok "gen-data: 210 of 300 statements closed, in the search's archive range" ||
      not_ok "gen-data: closed/archive keys/all = $arch, not 210/210/300"
    round_trip generated "$GEN"
  else
    not_ok "gen-data failed: $(cat "$WORK/gen.err")"
  fi
else
  not_ok "gen-data is missing"
fi

# A non-empty target is refused with a sentence and exit 1, and left as it was.
before=$(pg_sql demo "SELECT count(*) FROM grp")
IDTRACKER_DATA=$DEMO "$IDT" migrate-db --from "sqlite:$DEMO/idtracker.db" --to "postgres:///demo?host=$PG_TMP&user=idt" >/dev/null 2>"$WORK/refuse.err"
rc=$?
[ $rc -eq 1 ] && grep -q "not empty" "$WORK/refuse.err" && [ "$(pg_sql demo "SELECT count(*) FROM grp")" = "$before" ] &&
  ok "non-empty target refused (exit 1: $(tail -1 "$WORK/refuse.err"))" || not_ok "non-empty target: exit $rc, $(cat "$WORK/refuse.err")"

# Bad URLs: not PostgreSQL is a usage error (2); an unreachable server is exit 1 with a sentence.
IDTRACKER_DATA=$DEMO "$IDT" migrate-db --from "sqlite:$DEMO/idtracker.db" --to "mysql://x/y" >/dev/null 2>"$WORK/bad.err"
rc=$?
[ $rc -eq 2 ] && grep -q "PostgreSQL URL" "$WORK/bad.err" && ok "non-PostgreSQL --to is a usage error (exit 2)" || not_ok "bad --to: exit $rc"
IDTRACKER_DATA=$DEMO "$IDT" migrate-db --from "sqlite:$DEMO/idtracker.db" --to "postgres:///nosuch?host=$PG_TMP&user=idt" >/dev/null 2>"$WORK/bad2.err"
rc=$?
[ $rc -eq 1 ] && grep -q "Cannot connect to PostgreSQL" "$WORK/bad2.err" && ok "missing database: exit 1 with a sentence" || not_ok "missing db: exit $rc, $(cat "$WORK/bad2.err")"
IDTRACKER_DATA=$DEMO "$IDT" migrate-db --from "sqlite:$WORK/nosuch.db" --to "postgres:///demo?host=$PG_TMP&user=idt" >/dev/null 2>"$WORK/bad3.err"
rc=$?
[ $rc -eq 1 ] && grep -q "no SQLite database" "$WORK/bad3.err" && ok "missing source: exit 1" || not_ok "missing source: exit $rc"
IDTRACKER_DATA=$DEMO "$IDT" migrate-db --to "postgres:///demo?host=$PG_TMP" >/dev/null 2>&1
[ $? -eq 2 ] && ok "missing --from: exit 2" || not_ok "missing --from"

echo "migrate: $PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
