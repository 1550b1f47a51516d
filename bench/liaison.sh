#!/usr/bin/env bash
# liaison.sh: the liaison office with many statements: BENCH_STATEMENTS incoming statements created
# through POST /api/v1/liaison (Authorization: Bearer, the Secretariat's API key), then the list,
# search, group filter, sort, feed, calendar, API list and one detail page timed on that data.
# A real idtracker (demo data, temp data dir, default config: mail goes to the Maildir, and the
# outbox worker delivers it while the bench runs). The statements come from bench/liaison_bench.py
# (varied words: a few hundred technical words and a long tail of rarer ones, so a search for a
# common word matches about half the statements and one for a rare word a handful); its clients are
# Python threads, one keep-alive connection each. The GETs are timed with wrk (like bench/http.sh)
# or, when wrk is missing, with the Python client. Prints figures only; it never asserts.
#   BENCH_STATEMENTS (default 10000): statements created. BENCH_CONCURRENCY (default 4): clients
#   creating at once. BENCH_SECONDS (default 5): per URL. BENCH_CONNECTIONS (default 4, the
#   server's default worker threads, so latencies are service times more than queueing): wrk
#   connections (or Python clients) per URL.
set -euo pipefail
cd "$(dirname "$0")/.."

count=${BENCH_STATEMENTS:-10000}
conc=${BENCH_CONCURRENCY:-4}
secs=${BENCH_SECONDS:-5}
conns=${BENCH_CONNECTIONS:-4}
threads=2
bin=build/idtracker
helper=bench/liaison_bench.py

for v in count conc secs conns; do
  [[ ${!v} =~ ^[1-9][0-9]*$ ]] || { echo "bench: $v must be a positive number: ${!v}" >&2; exit 1; }
done
[ "$threads" -le "$conns" ] || threads=$conns
command -v python3 >/dev/null || { echo "bench: python3 is not installed" >&2; exit 1; }
command -v curl >/dev/null || { echo "bench: curl is not installed" >&2; exit 1; }
[ -x "$bin" ] || { echo "bench: $bin is missing; run make build/idtracker" >&2; exit 1; }
have_wrk=0
command -v wrk >/dev/null && have_wrk=1

D=$(mktemp -d "${TMPDIR:-/tmp}/idt-bench-liaison.XXXXXX")
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do
    kill "$p" 2>/dev/null || true
  done
  for p in "${pids[@]}"; do
    wait "$p" 2>/dev/null || true
  done
  rm -rf "$D"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Waits up to 10 s for a port number in file $1 written by process $2.
wait_port() {
  local _
  for _ in $(seq 100); do
    if [ -s "$1" ] && grep -qE '^[0-9]+$' "$1"; then
      head -n1 "$1"
      return 0
    fi
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# wrk's latency ("523.00us", "1.23ms", "1.02s", "2.00m") in milliseconds.
to_ms() {
  awk -v x="$1" 'BEGIN {
    if (x ~ /us$/) { sub(/us$/, "", x); printf "%.2f", x / 1000; exit }
    if (x ~ /ms$/) { sub(/ms$/, "", x); printf "%.2f", x; exit }
    if (x ~ /s$/) { sub(/s$/, "", x); printf "%.2f", x * 1000; exit }
    if (x ~ /m$/) { sub(/m$/, "", x); printf "%.2f", x * 60000; exit }
    print "?" }'
}

export IDTRACKER_DATA=$D/data
"$bin" init --demo >"$D/init.log" 2>&1 || { cat "$D/init.log" >&2; exit 1; }
key=$("$bin" apikey create secretariat@example.org 2>"$D/apikey.err" | tail -1) || { cat "$D/apikey.err" >&2; exit 1; }
[[ $key =~ ^[A-Za-z0-9_-]+$ ]] || { echo "bench: no API key from idtracker apikey create: $key" >&2; exit 1; }
"$bin" serve --listen 127.0.0.1:0 --port-file "$D/port" >"$D/serve.log" 2>&1 &
pids+=($!)
port=$(wait_port "$D/port" "${pids[-1]}") || { echo "bench: idtracker did not start:" >&2; cat "$D/serve.log" >&2; exit 1; }
base=http://127.0.0.1:$port

echo "liaison office: $count incoming statements through POST /api/v1/liaison, $conc clients (python3 threads," \
  "keep-alive); idtracker on port $port (data $D); $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo ?)"
printf '\n%-24s %6s %7s %8s %9s %9s %9s %9s   %s\n' "target" "n" "201" "seconds" "stmts/s" "p50 ms" "p99 ms" "max ms" "notes"
python3 "$helper" create --url "$base" --key "$key" --count "$count" --concurrency "$conc" \
  --today "$(date -u +%F)" --summary "$D/summary"

declare -A S
while IFS='=' read -r k v; do
  S[$k]=$v
done <"$D/summary"
mails() { (find "$IDTRACKER_DATA/maildir" -type f 2>/dev/null || true) | wc -l; }
mb() { du -ck "$@" 2>/dev/null | awk 'END { printf "%.1f MB", $1 / 1024 }'; }
db=$IDTRACKER_DATA/idtracker.db
m0=$(mails)
size0="database $(mb "$db"), WAL $(mb "$db-wal")"
# The mail the statements queued (posted, acknowledgement) is delivered before the GETs are timed, so
# they run on a quiet server: idtracker mail-flush, alongside the server's own outbox worker.
t0=$EPOCHREALTIME
flush=ok
"$bin" mail-flush >"$D/flush.log" 2>&1 || flush="failed (exit $?)"
t1=$EPOCHREALTIME
m1=$(mails)
size1="database $(mb "$db"), WAL $(mb "$db-wal")"
# Then the WAL the bulk load left (hundreds of MB: it is not reset while the server's readers keep
# going) is checkpointed, as a quiet server's next write would, so the GETs read the database file.
ckpt=$(python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=30)
print("busy %d, %d of %d frames" % tuple(c.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()))' \
  "$db" 2>&1) || ckpt="failed: $ckpt"
echo "created ${S[created]} statements (ids ${S[first_id]}-${S[last_id]}); ${S[deadlines]} with a deadline;" \
  "${S[quic]} addressed to quic; $size0"
echo "mail: $m0 messages in the Maildir after the creation; mail-flush $flush in" \
  "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", (b - a) * 1000 }') ms, $m1 in the Maildir then; $size1"
echo "WAL checkpoint (TRUNCATE): $ckpt; database $(mb "$db"), WAL $(mb "$db-wal")"
echo "search words: common '${S[common_word]}' in ${S[common_df]} statements, rare '${S[rare_word]}' in ${S[rare_df]}" \
  "(of ${S[distinct_words]} distinct words; the list shows at most 500 rows)"

names=("list" "list ?q=common" "list ?q=rare" "list ?group=quic" "list ?sort=deadline" "api list ?q=common"
  "atom feed" "deadlines.ics" "detail")
paths=("/liaison/" "/liaison/?q=${S[common_word]}" "/liaison/?q=${S[rare_word]}" "/liaison/?group=quic"
  "/liaison/?sort=deadline" "/api/v1/liaison?q=${S[common_word]}" "/liaison/feed/" "/liaison/deadlines.ics"
  "/liaison/${S[mid_id]}/")

echo
if [ "$have_wrk" = 1 ]; then
  echo "GETs: wrk -t$threads -c$conns -d${secs}s --latency per URL; 'one' is one request alone (curl)"
else
  echo "GETs: wrk is not installed; python3 clients, $conns keep-alive connections, ${secs}s per URL; 'one' is one request alone (curl)"
fi
echo "load average before the GETs: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo ?)"
printf '%-20s %-36s %6s %9s %9s %9s %9s %10s   %s\n' "target" "path" "status" "req/s" "one ms" "p50 ms" "p99 ms" "bytes" "notes"
for i in "${!paths[@]}"; do
  url=$base${paths[$i]}
  one=$(curl -s -o /dev/null -w '%{http_code} %{size_download} %{time_total}' "$url" 2>/dev/null || echo "? ? ?")
  read -r code bytes t1 <<<"$one"
  t1=$(awk -v t="$t1" 'BEGIN { if (t ~ /^[0-9.]+$/) printf "%.2f", t * 1000; else print "?" }')
  notes=
  if [ "$have_wrk" = 1 ]; then
    out=$(wrk -t"$threads" -c"$conns" -d"${secs}s" --latency "$url" 2>&1) || true
    rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
    p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")
    p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' <<<"$out")
    errs=$(awk '/Socket errors:/ { sub(/.*Socket errors: */, ""); gsub(/ /, ""); print }' <<<"$out")
    [ -n "$rps" ] || { echo "bench: wrk gave no figures for $url:" >&2; echo "$out" >&2; }
    notes="${non2xx:+non-2xx $non2xx }${errs:+socket errors $errs}"
  else
    read -r _ rps p50 p99 _ notes < <(python3 "$helper" get --url "$url" --seconds "$secs" --concurrency "$conns")
  fi
  printf '%-20s %-36s %6s %9s %9s %9s %9s %10s   %s\n' "${names[$i]}" "${paths[$i]:0:36}" "${code:-?}" "${rps:-?}" \
    "$t1" "${p50:-?}" "${p99:-?}" "${bytes:-?}" "$notes"
done
