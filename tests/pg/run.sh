#!/usr/bin/env bash
# run.sh: the e2e suite against a real PostgreSQL that this script starts itself: initdb and
# pg_ctl into a temporary folder, a Unix socket only (no TCP), torn down after, also on failure.
# Each e2e server gets its own database (tests/e2e/lib.sh reads IDT_PG_SOCKET) and is two app servers
# behind a round-robin proxy; then tests/pg/test_*.sh, the proofs that need PostgreSQL (cross-server races).
#   bash tests/pg/run.sh                 all e2e files
#   bash tests/pg/run.sh test_foundation  the named files (tests/pg/ or tests/e2e/)
# Prints one line per file and ends with "pg: N passed, N failed" (checks, as the other suites),
# or one "pg: skipped (...)" line when PostgreSQL is not installed. scripts/check.sh runs it as the pg suite.
set -u
cd "$(dirname "$0")/../.."

. tests/pg/pg_server.sh	# PG_BIN, pg_start (initdb + pg_ctl, a Unix socket, torn down on exit)
# Without the server binaries the suite is skipped, saying so (make check counts nothing for it).
[ -x "$PG_BIN/initdb" ] || { echo "pg: skipped (PostgreSQL's initdb is not installed; scripts/deps.sh installs postgresql)"; exit 0; }
[ -x build/idtracker ] || { echo "pg: build/idtracker is missing (make build/idtracker)"; exit 1; }
pg_start || exit 1

export IDT_PG_SOCKET="$PG_TMP" IDT_PG_BIN="$PG_BIN"

# Test queries (lib.sh's sql helper) may use SQLite's group_concat; every database made from
# template1 gets it in a schema of its own that only the helper's psql searches, never the server.
"$PG_BIN/psql" -h "$PG_TMP" -U idt -d template1 -X -q -v ON_ERROR_STOP=1 >"$PG_TMP/compat.log" 2>&1 <<'SQL' ||
CREATE SCHEMA e2e_compat;
CREATE FUNCTION e2e_compat.gc_step(acc text, v text, sep text) RETURNS text LANGUAGE sql IMMUTABLE
  AS $$SELECT CASE WHEN v IS NULL THEN acc WHEN acc IS NULL THEN v ELSE acc || sep || v END$$;
CREATE FUNCTION e2e_compat.gc_step(acc text, v text) RETURNS text LANGUAGE sql IMMUTABLE
  AS $$SELECT e2e_compat.gc_step(acc, v, ',')$$;
CREATE AGGREGATE e2e_compat.group_concat(text, text) (SFUNC = e2e_compat.gc_step, STYPE = text);
CREATE AGGREGATE e2e_compat.group_concat(text) (SFUNC = e2e_compat.gc_step, STYPE = text);
SQL
  { echo "pg: setting up template1 failed"; cat "$PG_TMP/compat.log"; exit 1; }

files=()
if [ $# -gt 0 ]; then
  for f in "$@"; do
    f="${f%.sh}.sh"
    if [ -f "tests/pg/$f" ]; then files+=("tests/pg/$f"); else files+=("tests/e2e/$f"); fi
  done
else
  files=(tests/e2e/test_*.sh tests/pg/test_*.sh)
fi

PASS=0
FAIL=0
mkdir -p build/test-logs
for f in "${files[@]}"; do
  log="build/test-logs/pg-$(basename "$f" .sh).log"
  bash "$f" >"$log" 2>&1
  rc=$?
  line=$(grep -E '^[a-z0-9-]+: [0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
  if [ -z "$line" ] || { [ "$rc" -ne 0 ] && grep -qE ', 0 failed' <<<"$line"; }; then
    echo "$(basename "$f"): exit $rc without a failed check or a closing count (counted as 1 failure), see $log"
    FAIL=$((FAIL + 1))
    continue
  fi
  echo "$line"
  PASS=$((PASS + $(sed -E 's/.*: ([0-9]+) passed.*/\1/' <<<"$line")))
  FAIL=$((FAIL + $(sed -E 's/.*, ([0-9]+) failed.*/\1/' <<<"$line")))
done
echo "pg: $PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
