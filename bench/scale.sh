#!/usr/bin/env bash
# scale.sh: issue 10's scale bench. Generates an office (idtracker gen-data: SCALE_DOCUMENTS documents
# with revisions, SCALE_LIAISONS liaison statements; default 1,000,000 / 100,000), then prints p50/p99
# and req/s under wrk for the document page, the WG page, the liaison list and a liaison search: on
# SQLite, and on PostgreSQL (a throwaway server as tests/pg/run.sh starts, filled by migrate-db) when
# initdb is installed; with one app server and with two (two wrk runs at once, one per server: req/s
# summed, the worse p50/p99), the two first with twice the load of one (servers "2"), then sharing
# the load of one (servers "2-split"). Prints figures only; never asserts (the goal is p99 < 50 ms).
#   SCALE_DOCUMENTS=20000 SCALE_LIAISONS=2000 bash bench/scale.sh     a quick run
#   BENCH_SECONDS (default 5) per URL, BENCH_CONNECTIONS (default 4) wrk connections per server,
#   BENCH_PG_SHARED_BUFFERS (default 2GB) PostgreSQL's shared_buffers, BENCH_WARMUP (default 2) seconds
#   of unmeasured load on each server and page first (0: none).
#   SCALE_DATA=DIR keeps the generated SQLite office in DIR and reuses it when it is there with the
#   same sizes (generation is most of a run: 8-9 minutes at the default sizes); SCALE_ENGINES
#   (default "sqlite postgresql") the engines to measure, e.g. SCALE_ENGINES=postgresql.
#   IDTRACKER_PAGE_CACHE=0 turns the servers' page cache off (default on: 5 s).
set -uo pipefail
cd "$(dirname "$0")/.."
ndocs=${SCALE_DOCUMENTS:-1000000}
nli=${SCALE_LIAISONS:-100000}
secs=${BENCH_SECONDS:-5}
conns=${BENCH_CONNECTIONS:-4}
warm=${BENCH_WARMUP:-2}
[ -x build/idtracker ] || { echo "bench: build/idtracker is missing (make build/idtracker)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "bench: wrk is not installed" >&2; exit 1; }
. tests/pg/pg_server.sh
# The servers run as configured, the page cache included: every request here is an anonymous reader's,
# so after the first each page comes from memory while nothing changes. IDTRACKER_PAGE_CACHE=0 measures
# every page built.
echo "page cache: ${IDTRACKER_PAGE_CACHE:-5} s (page_cache; IDTRACKER_PAGE_CACHE=0 builds every page)"
W=$(mktemp -d /tmp/idt-scale.XXXXXX)
# The binary under test, fixed for the whole run (a rebuild meanwhile must not mix two versions).
cp build/idtracker "$W/idtracker"
bin=$W/idtracker
# start_server runs in $( ): its pid is kept in a file, since the subshell's variables are lost.
cleanup() {
  local f p
  for f in "$W"/*.pid; do
    [ -e "$f" ] || continue
    p=$(cat "$f"); kill "$p" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    rm -f "$f"
  done
}
trap 'cleanup; pg_teardown; rm -rf "$W"' EXIT

to_ms() {
  awk -v x="$1" 'BEGIN {
    if (x ~ /us$/) { sub(/us$/, "", x); printf "%.2f", x / 1000; exit }
    if (x ~ /ms$/) { sub(/ms$/, "", x); printf "%.2f", x; exit }
    if (x ~ /s$/) { sub(/s$/, "", x); printf "%.2f", x * 1000; exit }
    print "?" }'
}

start_server() {	# DATA_DIR NAME: prints the port
  rm -f "$W/$2.port"
  IDTRACKER_DATA=$1 "$bin" serve --listen 127.0.0.1:0 --port-file "$W/$2.port" >"$W/$2.log" 2>&1 &
  echo $! >"$W/$2.pid"
  for _ in $(seq 100); do [ -s "$W/$2.port" ] && { cat "$W/$2.port"; return 0; }; sleep 0.1; done
  echo "bench: $2 did not start" >&2; cat "$W/$2.log" >&2; return 1
}

# bench_set ENGINE DATA_DIR: one then two servers on the same database.
bench_set() {
  local engine=$1 data=$2 p1 p2 n path
  p1=$(start_server "$data" "$engine-1") || return
  p2=$(start_server "$data" "$engine-2") || return
  local doc wg
  doc=$(sqlite3 -batch -noheader "$GEN/idtracker.db" "SELECT name FROM document WHERE id = (SELECT max(id) / 2 FROM document)")
  wg=wg$(( 9 + 100 ))
  local names=("document page" "WG page" "liaison list" "liaison search")
  local paths=("/doc/$doc/" "/group/$wg/" "/liaison/" "/liaison/?q=fronthaul")
  # "2": two servers, each with BENCH_CONNECTIONS (twice the load of "1"); "2-split": two servers
  # sharing the load of "1" (half the connections each), as a balancer spreads the same clients.
  local mode c
  # Warm-up, not measured: each server opens its database connections and prepares its statements
  # on its first requests (40-100 ms each on PostgreSQL at a million documents), which a server that
  # has been up behind a balancer has long done; measured, they were most of a 5-second run's p99.
  if [ "$warm" -gt 0 ]; then
    for path in "${paths[@]}"; do
      wrk -t2 -c"$conns" -d"${warm}s" "http://127.0.0.1:$p1$path" >/dev/null 2>&1 &
      wrk -t2 -c"$conns" -d"${warm}s" "http://127.0.0.1:$p2$path" >/dev/null 2>&1
      wait
    done
  fi
  for mode in 1 2 2-split; do
    n=${mode%%-*}
    c=$conns
    [ "$mode" = 2-split ] && c=$(( conns / 2 > 0 ? conns / 2 : 1 ))
    for i in 0 1 2 3; do
      path=${paths[$i]}
      wrk -t2 -c"$c" -d"${secs}s" --latency "http://127.0.0.1:$p1$path" >"$W/w1" 2>&1 &
      local w1=$!
      [ "$n" -eq 2 ] && { wrk -t2 -c"$c" -d"${secs}s" --latency "http://127.0.0.1:$p2$path" >"$W/w2" 2>&1 & }
      wait
      local files=("$W/w1"); [ "$n" -eq 2 ] && files+=("$W/w2")
      local rps=0 p50=0 p99=0 f code
      for f in "${files[@]}"; do
        rps=$(awk -v a="$rps" '/^Requests\/sec:/ { printf "%.0f", a + $2 }' "$f")
        p50=$(awk -v a="$p50" -v b="$(to_ms "$(awk '$1 == "50%" { print $2 }' "$f")")" 'BEGIN { print (b > a ? b : a) }')
        p99=$(awk -v a="$p99" -v b="$(to_ms "$(awk '$1 == "99%" { print $2 }' "$f")")" 'BEGIN { print (b > a ? b : a) }')
      done
      code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$p1$path")
      printf '%-10s %-8s %-15s %-44s %4s %9s %9s %9s\n' "$engine" "$mode" "${names[$i]}" "${path:0:44}" "$code" "$rps" "$p50" "$p99"
      # past the goal: what each wrk saw (how many requests, the spread, errors), to tell a slow page
      # from a stalled server or connection
      if awk -v p="$p99" 'BEGIN { exit !(p >= 50) }'; then
        for f in "${files[@]}"; do
          echo "    server ${f: -1}: $(grep -E 'requests in|Latency |Socket errors|Non-2xx|99%' "$f" | tr -s ' ' | tr '\n' ';')"
        done
      fi
      : "$w1"
    done
  done
  cleanup
}

engines=" ${SCALE_ENGINES:-sqlite postgresql} "
GEN=${SCALE_DATA:-$W/sqlite}
mkdir -p "$GEN"
sizes="$ndocs documents, $nli liaison statements"
if [ -n "${SCALE_DATA:-}" ] && [ -s "$GEN/idtracker.db" ] && [ "$(cat "$GEN/sizes" 2>/dev/null)" = "$sizes" ]; then
  # an office kept from an older binary gets the migrations added since (serve refuses to start without)
  IDTRACKER_DATA=$GEN "$bin" init >"$W/init.log" 2>&1 || { cat "$W/init.log" >&2; exit 1; }
  echo "reusing $sizes on SQLite in $GEN (migrations applied now: $(sed -n 's/.*: \([0-9]*\) migrations\{0,1\} applied.*/\1/p' "$W/init.log"))"
else
  [ -e "$GEN/idtracker.db" ] && { echo "bench: $GEN holds an office of other sizes ($(cat "$GEN/sizes" 2>/dev/null)): empty it first" >&2; exit 1; }
  t0=$(date +%s)
  IDTRACKER_DATA=$GEN "$bin" gen-data --documents "$ndocs" --liaisons "$nli" >"$W/gen.log" 2>&1 || { cat "$W/gen.log" >&2; exit 1; }
  echo "$sizes" >"$GEN/sizes"
  echo "generated $sizes on SQLite in $(( $(date +%s) - t0 )) s"
fi
printf '%-10s %-8s %-15s %-44s %4s %9s %9s %9s\n' engine servers page path code req/s p50_ms p99_ms
[[ $engines == *" sqlite "* ]] && bench_set sqlite "$GEN"
[[ $engines == *" postgresql "* ]] || exit 0

# PostgreSQL as an office would run it: shared_buffers a quarter of memory or so (docs/operations.md),
# not the 128 MB default, which holds less than the search index of 100,000 statements.
if PG_SERVER_OPTS="-c shared_buffers=${BENCH_PG_SHARED_BUFFERS:-2GB}" pg_start >"$W/pg.log" 2>&1; then
  PGD=$W/pg
  mkdir -p "$PGD"
  url=$(pg_url scale) || exit 1
  printf 'db = %s\n' "$url" >"$PGD/idtracker.ini"
  t0=$(date +%s)
  IDTRACKER_DATA=$PGD "$bin" migrate-db --from "sqlite:$GEN/idtracker.db" --to "$url" >"$W/mig.log" 2>&1 || { cat "$W/mig.log" >&2; exit 1; }
  echo "migrate-db to PostgreSQL in $(( $(date +%s) - t0 )) s"
  # The load (and migrate-db's VACUUM ANALYZE) leaves gigabytes of dirty pages that the kernel writes
  # back for minutes after: measured then, 1-2% of requests stalled 100-1,300 ms on every page in
  # turn, while the same pages on an office loaded long before showed no such tail. A database long
  # up has them on disk: written out first, not measured.
  t0=$(date +%s)
  pg_sql scale "CHECKPOINT" >/dev/null && sync
  echo "checkpoint and sync after the load in $(( $(date +%s) - t0 )) s"
  bench_set postgresql "$PGD"
else
  echo "PostgreSQL: not benchmarked ($(head -1 "$W/pg.log"))"
fi
