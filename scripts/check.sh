#!/usr/bin/env bash
# check.sh: the whole test suite behind `make check`. Runs each suite, reads its own closing
# counts, and ends with one line "N passed, N failed"; exits non-zero on any failure.
#   suites: unit (cmocka), e2e (curl against real servers), render (the xml2rfc ratchet, tests/render/),
#   browser (playwright-core + Chromium), pg (the e2e files against PostgreSQL, tests/pg/run.sh),
#   asan-unit and asan-e2e (the same built with -fsanitize=address,undefined), fuzz (one libFuzzer
#   harness built with clang and run on 200,000 inputs from a fixed seed).
# `scripts/check.sh unit` (or e2e, browser, ...) runs one suite.
set -u
cd "$(dirname "$0")/.."

PASS=0
FAIL=0
LOG_DIR=build/test-logs
mkdir -p "$LOG_DIR"
want="${1:-all}"

# add_counts LOGFILE PATTERN: adds "X passed, Y failed" from the log's closing line.
add_counts() {
  local line p f
  line=$(grep -E '^[a-z0-9-]+: [0-9]+ passed, [0-9]+ failed' "$1" | tail -1)
  if [ -z "$line" ]; then
    echo "  (no closing count: counted as 1 failure)"
    FAIL=$((FAIL + 1))
    return
  fi
  p=$(sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed.*/\1/' <<<"$line")
  f=$(sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed.*/\2/' <<<"$line")
  PASS=$((PASS + p))
  FAIL=$((FAIL + f))
}

# skipped SUITE REASON: a suite that cannot run here says so. Where everything must run (CI: .ci/run sets
# IDT_REQUIRE_ALL=1 after scripts/deps.sh), the skip counts as a failure, so that a missing package can
# never turn a proof into a green run that proved nothing.
skipped() {
  echo "$1: skipped ($2)"
  if [ "${IDT_REQUIRE_ALL:-0}" = 1 ]; then
    echo "  (IDT_REQUIRE_ALL=1: counted as 1 failure)"
    FAIL=$((FAIL + 1))
  fi
}

run_unit() { # run_unit NAME DIR
  local name="$1" dir="$2" t log p f tp=0 tf=0
  for t in "$dir"/test_*; do
    [ -x "$t" ] || continue
    log="$LOG_DIR/$name-$(basename "$t").log"
    "$t" >"$log" 2>&1
    local rc=$?
    p=$(grep -oE '\[  PASSED  \] [0-9]+' "$log" | grep -oE '[0-9]+$' || echo 0)
    f=$(grep -oE '\[  FAILED  \] [0-9]+' "$log" | grep -oE '[0-9]+$' || echo 0)
    p=${p:-0}; f=${f:-0}
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi	# a crash or sanitizer abort
    if grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$log"; then f=$((f + 1)); fi
    [ "$f" -gt 0 ] && { echo "  FAILED: $t (see $log)"; grep -E 'FAILED|ERROR|runtime error' "$log" | head -5 | sed 's/^/    /'; }
    tp=$((tp + p)); tf=$((tf + f))
  done
  echo "$name: $tp passed, $tf failed" | tee "$LOG_DIR/$name.log"
  add_counts "$LOG_DIR/$name.log"
}

run_e2e() { # run_e2e NAME BINARY
  local name="$1" bin="$2" t log
  for t in tests/e2e/test_*.sh; do
    log="$LOG_DIR/$name-$(basename "$t" .sh).log"
    IDT_BIN="$bin" bash "$t" >"$log" 2>&1
    grep -E '^not ok' "$log" | sed 's/^/  /'
    tail -1 "$log" | sed "s/^/$name: /; s/^$name: [a-z0-9-]*: /$name $(basename "$t" .sh): /"
    add_counts "$log"
  done
}

run_browser() {
  local log="$LOG_DIR/browser.log" data port pid
  data=$(mktemp -d /tmp/idt-browser.XXXXXX)
  IDTRACKER_DATA="$data" build/idtracker init --demo >/dev/null 2>&1
  IDTRACKER_DATA="$data" build/idtracker serve --listen 127.0.0.1:0 --port-file "$data/port" >"$data/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do [ -s "$data/port" ] && break; sleep 0.05; done
  IDT_BASE_URL="http://127.0.0.1:$(cat "$data/port")" IDT_SCREENSHOT_DIR=build IDT_DATA_DIR="$data" \
    timeout 300 node tests/browser/browser.test.mjs >"$log" 2>&1
  kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  rm -rf "$data"
  grep -E '^not ok|skipped' "$log" | sed 's/^/  /'
  tail -1 "$log"
  add_counts "$log"
}

if [ ! -d ../shared/corpus ]; then
  skipped corpus "../shared/corpus is not beside this checkout; the tests that read real drafts from it do not run"
fi

case "$want" in all|unit) run_unit unit build/tests ;; esac
case "$want" in all|e2e) run_e2e e2e build/idtracker ;; esac
case "$want" in all|render)
  bash tests/render/run.sh >"$LOG_DIR/render.log" 2>&1
  grep -E '^render (xml2rfc|corpus)|identical;|^not ok|skipped' "$LOG_DIR/render.log" | sed 's/^/  /'
  tail -1 "$LOG_DIR/render.log"
  add_counts "$LOG_DIR/render.log" ;;
esac
case "$want" in all|pg)
  # The e2e files once more against a PostgreSQL server the runner starts itself (issue 10).
  bash tests/pg/run.sh >"$LOG_DIR/pg.log" 2>&1
  grep -E '^not ok|counted as|skipped' "$LOG_DIR/pg.log" | sed 's/^/  /'
  if grep -q '^pg: skipped' "$LOG_DIR/pg.log"; then skipped pg "$(sed -n 's/^pg: skipped (\(.*\))$/\1/p' "$LOG_DIR/pg.log" | tail -1)"; else
    grep -E '^[a-z0-9-]+: [0-9]+ passed' "$LOG_DIR/pg.log" | grep -v '^pg:' | grep -v ', 0 failed' | sed 's/^/  pg /'
    tail -1 "$LOG_DIR/pg.log"
    add_counts "$LOG_DIR/pg.log"
    # migrate-db round trips (demo office and a generated one) on a throwaway server of their own
    bash tests/pg/migrate.sh >"$LOG_DIR/pg-migrate.log" 2>&1
    grep -E '^not ok' "$LOG_DIR/pg-migrate.log" | sed 's/^/  /'
    tail -1 "$LOG_DIR/pg-migrate.log"
    add_counts "$LOG_DIR/pg-migrate.log"
  fi ;;
esac
case "$want" in all|browser)
  if command -v node >/dev/null 2>&1; then run_browser; else skipped browser "node is not installed"; fi ;;
esac
case "$want" in all|fuzz)
  # The fuzz harnesses build with clang, which the rest of the suite does not use: one of them (it
  # compiles the whole library with clang's -Werror) is built and run on its seeds, so that neither a
  # clang-only warning nor a crash near the seed corpus waits for the next fuzzing session. The run is
  # 200,000 inputs from a fixed seed (at most 120 s): the same inputs on every machine, so a finding
  # here reproduces and a green run stays green; `make fuzz` is the open-ended search.
  log="$LOG_DIR/fuzz.log"
  if ! command -v clang >/dev/null 2>&1; then skipped fuzz "clang is not installed"; else
    fp=0; ff=0
    if make -s build/fuzz/fuzz_render >"$log" 2>&1; then
      fp=1
      if FUZZ_FLAGS="-seed=1 -runs=200000" bash scripts/fuzz.sh 120 build/fuzz/fuzz_render >>"$log" 2>&1; then fp=2; else ff=1; fi
    else ff=1; fi
    [ "$ff" -gt 0 ] && tail -5 "$log" | sed 's/^/  /'
    echo "fuzz: $fp passed, $ff failed" | tee -a "$log"
    add_counts "$log"
  fi ;;
esac
# LeakSanitizer needs ptrace-like access that some sandboxes deny; leaks are still checked where it works.
# exitcode=86: a sanitizer report can never pass for a verdict (check exits 1 on errors, 2 on usage).
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1:exitcode=86}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
case "$want" in all|asan|asan-unit) run_unit asan-unit build/asan/tests ;; esac
case "$want" in all|asan|asan-e2e) run_e2e asan-e2e build/asan/idtracker ;; esac

echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
