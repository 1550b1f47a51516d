#!/usr/bin/env bash
# test_cluster.sh: two app servers on one PostgreSQL database and one shared data folder, and the
# three things that must not happen twice (issue 10): a draft revision posted by racing submitters
# on both servers (R72), a queued mail sent by both servers' workers, a reminder queued by two
# `idtracker remind` runs at once (L11). Each request names its server (the first or the second,
# directly, alternating), so the proof does not depend on the proxy.
# Run by tests/pg/run.sh (it starts PostgreSQL); alone it says it needs that and counts nothing.
set -u
cd "$(dirname "$0")/../.."
source tests/e2e/lib.sh
if [ -z "${IDT_PG_SOCKET:-}" ]; then
  echo "# test_cluster.sh needs the PostgreSQL that tests/pg/run.sh starts: bash tests/pg/run.sh test_cluster"
  e2e_finish cluster
  exit $?
fi
export IDT_E2E_SERVERS=2
TODAY=$(date -u +%F)
D="$E2E_TMP/drafts"; mkdir -p "$D"
gen() { python3 tests/e2e/gen_draft.py --date "$TODAY" --out "$D" "$@" >/dev/null; }

S="$E2E_TMP/sink"
SINK_DELAY=0.03 /usr/bin/python3 tests/e2e/smtp_sink.py "$S/msgs" "$S/port" >"$S.log" 2>&1 &
SINK_PID=$!; E2E_PIDS+=("$SINK_PID")
for _ in $(seq 1 100); do [ -s "$S/port" ] && break; sleep 0.05; done
server_start K IDTRACKER_SMTP="smtp://127.0.0.1:$(cat "$S/port")" IDTRACKER_MAIL_POLL=1 || { e2e_finish cluster; exit 1; }
q() { sql "$K_DATA" "$1"; }
URLS=("$K_URL1" "$K_URL2")
http R "$K_URL/healthz"; http R "$K_URL/healthz"  # and twice through the proxy
check "two servers answer on their own ports, one database" bash -c '[ "$(curl -s -o /dev/null -w %{http_code} "$1/healthz")/$(curl -s -o /dev/null -w %{http_code} "$2/healthz")" = 200/200 ]' _ "$K_URL1" "$K_URL2"

# ---- R72 across servers: 20 uploads of one draft at once, odd ones to the first server, even ones to the second.
gen --name draft-cluster-race-thing --rev 00 --author "Ann Author <ann@example.org>"
pids=()
for i in $(seq 1 20); do
  curl -s -o "$E2E_TMP/up.$i" -w "$((i % 2)) %{http_code}\n" -F user=ann@example.org -F "txt=@$D/draft-cluster-race-thing-00.txt" \
    "${URLS[$((i % 2))]}/api/submission" >"$E2E_TMP/up.code.$i" &
  pids+=($!)
done; wait "${pids[@]}"
codes=$(cut -d' ' -f2 "$E2E_TMP"/up.code.* | sort | uniq -c | awk '{print $2":"$1}' | tr '\n' ' ')
check "R72: 20 uploads of one draft across both servers: one accepted, 19 refused (409)" eq "$codes" "200:1 409:19 "
check "R72: both servers refused some of them (each saw the race)" eq "$(grep ' 409' "$E2E_TMP"/up.code.* | cut -d: -f2 | cut -d' ' -f1 | sort -u | tr -d '\n')" "01"
check "R72: one submission row" eq "$(q "SELECT count(*) FROM submission WHERE name = 'draft-cluster-race-thing'")" 1
ID=$(q "SELECT id FROM submission WHERE name = 'draft-cluster-race-thing'")
LINK=$(q "SELECT message FROM outbox WHERE template = 'sub_confirm' AND object_id = '$ID'" | python3 -c '
import email, email.policy, sys; m = email.message_from_string(sys.stdin.read(), policy=email.policy.default); print(m.get_content())' |
  grep -o 'http://[^ ]*/confirm/[^ ]*/' | head -1)
PATHPART="/${LINK#http://*/}"
J="$E2E_TMP/jar"
# The confirmation page is read from the first server; its session (in the database) is honoured by both.
page=$(curl -s -c "$J" -b "$J" "$K_URL1$PATHPART"); c=$(csrf_from "$page")
check "the confirmation page answers with a form (a session made by server 1)" test -n "$c"
pids=()
for i in $(seq 1 20); do
  curl -s -o /dev/null -w "$((i % 2)) %{http_code}\n" -b "$J" --data-urlencode "csrf=$c" -d action=confirm \
    "${URLS[$((i % 2))]}$PATHPART" >"$E2E_TMP/cf.code.$i" &
  pids+=($!)
done; wait "${pids[@]}"
codes=$(cut -d' ' -f2 "$E2E_TMP"/cf.code.* | sort | uniq -c | awk '{print $2":"$1}' | tr '\n' ' ')
check "R72: 20 confirmations across both servers: one posts (303), 19 are told (409)" eq "$codes" "303:1 409:19 "
check "R72: exactly one posted revision and one document" eq \
  "$(q "SELECT count(*) FROM doc_revision r JOIN document d ON d.id = r.document_id WHERE d.name = 'draft-cluster-race-thing'")/$(q "SELECT count(*) FROM document WHERE name = 'draft-cluster-race-thing'")" "1/1"
http R "$K_URL2/doc/draft-cluster-race-thing/"
check "the draft posted on one server is served by the other (shared database and files)" bash -c '[ "$1" = 200 ] && grep -q "draft-cluster-race-thing-00" <<<"$2"' _ "$R_code" "$R_body"
http R "$K_URL1/archive/id/draft-cluster-race-thing-00.txt"; a=$R_code/$(md5sum <<<"$R_body")
http R "$K_URL2/archive/id/draft-cluster-race-thing-00.txt"; b=$R_code/$(md5sum <<<"$R_body")
check "its text file, written once to the shared folder, is the same from both servers" bash -c '[ "$1" = "$2" ] && [ "${1%%/*}" = 200 ] && grep -q "draft-cluster-race-thing-00" <<<"$3"' _ "$a" "$b" "$R_body"

# ---- 100 queued mails, both workers running: each delivered once.
# One transaction queues them all, so both workers (each polling every second) find them at once; the
# sink takes 30 ms a message, so the run lasts long enough for both to claim.
before=$(ls "$S/msgs" 2>/dev/null | grep -c '\.env$')
q "INSERT INTO outbox (created, template, message_id, envelope_from, recipients, subject, message, next_attempt)
   SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), 'cluster_test', '<cluster-' || g || '@example.org>',
     'noreply@example.org', 'bulk' || g || '@example.org', 'Bulk ' || g,
     'From: noreply@example.org' || chr(13) || chr(10) || 'To: bulk' || g || '@example.org' || chr(13) || chr(10) ||
     'Subject: Bulk ' || g || chr(13) || chr(10) || 'Message-ID: <cluster-' || g || '@example.org>' || chr(13) || chr(10) ||
     chr(13) || chr(10) || 'Message ' || g || '.' || chr(13) || chr(10), '2000-01-01T00:00:00Z'
   FROM generate_series(1, 100) AS g" >/dev/null
for _ in $(seq 1 300); do [ "$(q "SELECT count(*) FROM outbox WHERE template = 'cluster_test' AND state = 'sent'")" = 100 ] && break; sleep 0.1; done
sleep 1
check "100 queued mails: all sent" eq "$(q "SELECT count(*) FROM outbox WHERE template = 'cluster_test' AND state = 'sent'")" 100
check "each delivered exactly once (100 messages at the relay, no recipient twice)" eq \
  "$(cat "$S"/msgs/*.env | grep -c '^to bulk')/$(cat "$S"/msgs/*.env | grep '^to bulk' | sort | uniq -d | wc -l)" "100/0"
check "each claimed once (one attempt each)" eq "$(q "SELECT count(*) FROM outbox WHERE template = 'cluster_test' AND attempts = 1")" 100
check "both servers' workers delivered some of them (FOR UPDATE SKIP LOCKED shares the queue)" eq \
  "$(q "SELECT count(DISTINCT claimed_by) FROM outbox WHERE template = 'cluster_test'")" 2

# A claim in progress elsewhere does not hold the others up: ten more mails fall due in three seconds,
# and before that a psql session (standing in for a server in the middle of its claim) locks the first
# row for eight. The workers skip that row and send the nine others while it is held; SKIP LOCKED is what
# lets them (a plain FOR UPDATE, or none, waits on the row and sends nothing meanwhile).
due=$(date -u -d '+3 seconds' +%FT%TZ)
q "INSERT INTO outbox (created, template, message_id, envelope_from, recipients, subject, message, next_attempt)
   SELECT '$due', 'cluster_lock', '<lock-' || g || '@example.org>', 'noreply@example.org', 'locked' || g || '@example.org',
     'Locked ' || g, 'From: noreply@example.org' || chr(13) || chr(10) || 'Subject: Locked ' || g || chr(13) || chr(10) ||
     chr(13) || chr(10) || 'Message ' || g || '.' || chr(13) || chr(10), '$due'
   FROM generate_series(1, 10) AS g" >/dev/null
"$IDT_PG_BIN/psql" -h "$IDT_PG_SOCKET" -U idt -d "$(cat "$K_DATA/pgdb")" -X -q -A -t -c "BEGIN" \
  -c "SELECT id FROM outbox WHERE message_id = '<lock-1@example.org>' FOR UPDATE" -c "SELECT pg_sleep(8)" -c "COMMIT" >/dev/null 2>&1 &
holder=$!
for _ in $(seq 1 70); do [ "$(q "SELECT count(*) FROM outbox WHERE template = 'cluster_lock' AND state = 'sent'")" = 9 ] && break; sleep 0.1; done
check "a row locked by another claim is skipped: the nine others are sent while it is held" eq \
  "$(q "SELECT count(*) FROM outbox WHERE template = 'cluster_lock' AND state = 'sent'")/$(q "SELECT state FROM outbox WHERE message_id = '<lock-1@example.org>'")/$(kill -0 "$holder" 2>/dev/null && echo held)" "9/pending/held"
wait "$holder"
for _ in $(seq 1 50); do [ "$(q "SELECT state FROM outbox WHERE message_id = '<lock-1@example.org>'")" = sent ] && break; sleep 0.1; done
check "and once released it is sent too, once" eq "$(q "SELECT state || '/' || attempts FROM outbox WHERE message_id = '<lock-1@example.org>'")/$(cat "$S"/msgs/*.env | grep -c '^to locked1@')" "sent/1/1"

# ---- L11 across servers: `idtracker remind` started twice at once: each reminder once.
K_LM=$(IDTRACKER_DATA="$K_DATA" "$IDT_BIN" apikey create hiroshi.nakamura@example.org 2>/dev/null | tail -1)
for t in one two three; do
  http R -H "Authorization: Bearer $K_LM" -d direction=incoming -d from_groups=itu-t-sg-15 -d to_groups=quic \
    -d from_contact=hiroshi.nakamura@example.org -d to_contacts=quic-chairs@example.org -d purpose=action -d deadline=2031-06-01 \
    -d "title=Cluster question $t" -d body=Q. "${URLS[0]}/api/v1/liaison"
done
check "three statements with a deadline are posted" eq "$(q "SELECT count(*) FROM liaison WHERE title LIKE 'Cluster question %' AND state = 'posted'")" 3
remind() { IDTRACKER_DATA="$K_DATA" IDTRACKER_NOW="2031-05-25T06:00:00Z" "$IDT_BIN" remind >"$E2E_TMP/remind.$1" 2>&1; }
remind a & ra=$!; remind b & rb=$!
wait "$ra"; x=$?; wait "$rb"; y=$?
check "L11: both remind runs finish (exit 0)" eq "$x/$y" "0/0"
check "L11: seven days before the deadline: one reminder per statement, not two" eq \
  "$(q "SELECT count(*) FROM outbox o JOIN liaison l ON o.object_id = CAST(l.id AS TEXT) WHERE o.template = 'liaison_reminder' AND l.title LIKE 'Cluster question %'")" 3
check "L11: the two runs together queued three (one did the work, the other found it done)" bash -c \
  'a=$(grep -o "^[0-9]* liaison reminder" "$1" | cut -d" " -f1); b=$(grep -o "^[0-9]* liaison reminder" "$2" | cut -d" " -f1); [ $((a + b)) = 3 ]' _ "$E2E_TMP/remind.a" "$E2E_TMP/remind.b"
# The job lock: held elsewhere (a psql session standing in for a server at its chores), remind waits for it.
key=$(python3 -c '
h = 14695981039346656037
for ch in b"idtracker job chores":
    h = ((h ^ ch) * 1099511628211) % 2**64
print(h >> 1)')
"$IDT_PG_BIN/psql" -h "$IDT_PG_SOCKET" -U idt -d "$(cat "$K_DATA/pgdb")" -X -q -A -t \
  -c "SELECT pg_advisory_lock($key)" -c "SELECT pg_sleep(2)" >/dev/null 2>&1 &
holder=$!
sleep 0.5
t0=$(date +%s%N)
IDTRACKER_DATA="$K_DATA" IDTRACKER_NOW="2031-05-28T06:00:00Z" "$IDT_BIN" remind >"$E2E_TMP/remind.c" 2>&1; z=$?
t1=$(date +%s%N)
wait "$holder"
sed 's/^/#   remind: /' "$E2E_TMP/remind.c"
check "L11: while another process holds the chores lock, remind says so and waits, then does its work (four days before: three more)" bash -c \
  '[ "$1" = 0 ] && grep -q "another process is running the chores; waiting" "$2" && grep -q "^3 liaison reminders queued" "$2"' _ "$z" "$E2E_TMP/remind.c"
check "and it waited for the holder (over a second)" test $(( (t1 - t0) / 1000000 )) -ge 1000
# gc takes the same lock: one collection at a time across servers and cron.
"$IDT_PG_BIN/psql" -h "$IDT_PG_SOCKET" -U idt -d "$(cat "$K_DATA/pgdb")" -X -q -A -t \
  -c "SELECT pg_advisory_lock($key)" -c "SELECT pg_sleep(2)" >/dev/null 2>&1 &
holder=$!
sleep 0.5
t0=$(date +%s%N)
IDTRACKER_DATA="$K_DATA" "$IDT_BIN" gc >"$E2E_TMP/gc.c" 2>&1; z=$?
t1=$(date +%s%N)
wait "$holder"
sed 's/^/#   gc: /' "$E2E_TMP/gc.c"
check "issue 10: while another process holds the chores lock, gc says so, waits over a second, then collects (exit 0)" bash -c \
  '[ "$1" = 0 ] && grep -q "another process is running the chores; waiting" "$2" && [ "$3" -ge 1000 ]' _ "$z" "$E2E_TMP/gc.c" $(( (t1 - t0) / 1000000 ))

# ---- The database named the other ways issue 10 gives: IDTRACKER_DB in the environment (over the
# data folder's SQLite file), with a postgresql:// URL whose host is the socket folder.
"$IDT_PG_BIN/createdb" -h "$IDT_PG_SOCKET" -U idt "e2e_$$_url"
mkdir -p "$E2E_TMP/urldata"
IDTRACKER_DATA="$E2E_TMP/urldata" IDTRACKER_DB="postgresql://idt@/e2e_$$_url?host=$IDT_PG_SOCKET" "$IDT_BIN" init \
  >"$E2E_TMP/url.init" 2>&1; z=$?
n=$("$IDT_PG_BIN/psql" -h "$IDT_PG_SOCKET" -U idt -d "e2e_$$_url" -X -q -A -t -c "SELECT count(*) FROM schema_migrations" 2>/dev/null)
check "issue 10: IDTRACKER_DB=postgresql://idt@/NAME?host=/socket/dir: init runs every migration in that database, and no SQLite file is made" \
  bash -c '[ "$1" = 0 ] && [ "$2" = "$(ls src/db/sql/*.sql | wc -l)" ] && [ -z "$(find "$3" -name "*.db" -o -name "*.sqlite*")" ]' _ "$z" "$n" "$E2E_TMP/urldata"
n2=$(IDTRACKER_DATA="$E2E_TMP/urldata" IDTRACKER_DB="postgresql://idt@/e2e_$$_url?host=$IDT_PG_SOCKET" "$IDT_BIN" gen-data --documents 3 --liaisons 2 >/dev/null 2>&1 &&
  "$IDT_PG_BIN/psql" -h "$IDT_PG_SOCKET" -U idt -d "e2e_$$_url" -X -q -A -t -c "SELECT count(*) FROM liaison" 2>/dev/null)
check "and the commands after it write there (gen-data: 2 statements in PostgreSQL)" eq "$n2" 2

# ---- issue 10: each server keeps anonymous pages in its own memory; a change made through a server
# ends that server's generation lease at once, and reaches the other within the lease (20 ms,
# GEN_LEASE_MS), through the generation in the shared database (migration 017).
# cache_round READER WRITER WORD WAIT: the reader's repeated search for WORD is a hit; a statement
# with WORD is posted through the writer; after WAIT seconds the reader's next search has it (a miss).
cache_round() {
  local c1 c2 c3
  http R "${URLS[$1]}/liaison/?q=$3"; http R "${URLS[$1]}/liaison/?q=$3"; c1=$(x_cache)
  http R -H "Authorization: Bearer $K_LM" -d direction=incoming -d from_groups=itu-t-sg-15 -d to_groups=quic \
    -d from_contact=hiroshi.nakamura@example.org -d to_contacts=quic-chairs@example.org -d purpose=info \
    -d "title=LS on $3 caching" -d body=Info. "${URLS[$2]}/api/v1/liaison"
  c2=$R_code
  [ "$4" = 0 ] || sleep "$4"
  http R "${URLS[$1]}/liaison/?q=$3"; c3=$(x_cache)
  bash -c '[ "$1/$2/$3" = hit/201/miss ] && grep -q "LS on $4 caching" <<<"$5"' _ "$c1" "$c2" "$c3" "$3" "$R_body"
}
check "issue 10: server 2 answers a repeated anonymous search from memory; after a statement posted on server 1, its next answer (past the 20 ms lease) has it" \
  cache_round 1 0 crossserver 0.05
check "issue 10: a statement posted on server 1 shows in server 1's next anonymous search at once (the change ended its lease)" \
  cache_round 0 0 sameserver 0

# ---- The database drops every connection (a restart, a failover): the servers reconnect on the next use.
"$IDT_PG_BIN/psql" -h "$IDT_PG_SOCKET" -U idt -d "$(cat "$K_DATA/pgdb")" -X -q -A -t \
  -c "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()" \
  >"$E2E_TMP/killed" 2>&1
check "every connection of both servers was cut (pg_terminate_backend)" test "$(cat "$E2E_TMP/killed")" -ge 2
codes=""
for u in "$K_URL1" "$K_URL2" "$K_URL1" "$K_URL2"; do codes+="$(curl -s -o /dev/null -w '%{http_code}' "$u/doc/draft-cluster-race-thing/") "; done
check "the next requests on both servers are answered (200), not 500s" eq "$codes" "200 200 200 200 "
http R -H "Authorization: Bearer $K_LM" -d direction=incoming -d from_groups=itu-t-sg-15 -d to_groups=quic \
  -d from_contact=hiroshi.nakamura@example.org -d to_contacts=quic-chairs@example.org -d purpose=info \
  -d "title=After the reconnect" -d body=R. "$K_URL2/api/v1/liaison"
check "and a write after the reconnect is committed" eq "$R_code/$(q "SELECT count(*) FROM liaison WHERE title = 'After the reconnect'")" "201/1"
check "the servers say they reconnected" grep -q "connection re-established" "$K_DATA/server.log"

server_stop K
kill "$SINK_PID" 2>/dev/null; wait "$SINK_PID" 2>/dev/null

e2e_finish cluster
