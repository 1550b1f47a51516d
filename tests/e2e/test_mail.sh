#!/usr/bin/env bash
# test_mail.sh: mail out through the outbox to a real SMTP server (aiosmtpd), the Maildir fallback,
# refusals that queue nothing, retries while the server is down, the Secretariat's outbox page, and
# a kill -9 of the server with mail pending: each message still arrives exactly once.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh

SINK_PIDS=()
sink_start() { # sink_start DIR [PORT]: sets SINK_PORT
  rm -f "$1/port"
  /usr/bin/python3 tests/e2e/smtp_sink.py "$1/msgs" "$1/port" ${2:-} >"$1/sink.log" 2>&1 &
  SINK_PIDS+=($!)
  for _ in $(seq 1 100); do [ -s "$1/port" ] && break; sleep 0.05; done
  SINK_PORT=$(cat "$1/port")
}
sink_stop() { local p; for p in "${SINK_PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; SINK_PIDS=(); }
decode() { /usr/bin/python3 -c '
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
print(eval(sys.argv[2]))' "$@"; }

if ! /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null; then
  echo "# python3-aiosmtpd is not installed; the SMTP tests are skipped"; e2e_finish e2e-mail; exit $?
fi
S="$E2E_TMP/sink"; mkdir -p "$S"
sink_start "$S"
M="$E2E_TMP/cli"; mkdir -p "$M"
cli() { IDTRACKER_DATA="$M" IDTRACKER_SMTP="smtp://127.0.0.1:$SINK_PORT" IDTRACKER_BASE_URL=https://tracker.example.org "$IDT_BIN" "$@"; }
cli init >/dev/null 2>&1

# Correct RFC 5322 / MIME on the wire, non-ASCII round-tripping.
out=$(cli mail-test --to ann@example.org --name 'Zoë Ångström' --subject 'Prüfung: déjà vu — 日本語 test of a subject that is long enough to need folding over several lines'); rc=$?
check "mail-test delivers over SMTP and exits 0" eq "$rc" 0
check "mail-test says where it went" contains "$out" "delivered to smtp://127.0.0.1:$SINK_PORT"
f="$S/msgs/1.eml"
check "the SMTP server received one message" test -f "$f"
check "envelope sender and recipient" eq "$(cat "$S/msgs/1.env")" "from noreply@tracker.example.org
to ann@example.org"
check "the non-ASCII subject round-trips" eq "$(decode "$f" 'm["subject"]')" 'Prüfung: déjà vu — 日本語 test of a subject that is long enough to need folding over several lines'
check "the non-ASCII display name round-trips" eq "$(decode "$f" 'm["to"].addresses[0].display_name')" "Zoë Ångström"
check "Date, Message-ID (our domain), MIME-Version and Auto-Submitted are set" bash -c 'grep -q "^Date: " "$1" && grep -qE "^Message-ID: <[0-9a-f]{32}@tracker\.example\.org>" "$1" && grep -q "^MIME-Version: 1.0" "$1" && grep -q "^Auto-Submitted: auto-generated" "$1"' _ "$f"
check "the body is quoted-printable UTF-8" bash -c 'grep -q "^Content-Type: text/plain; charset=utf-8" "$1" && grep -q "^Content-Transfer-Encoding: quoted-printable" "$1"' _ "$f"
check "every line is at most 78 characters" bash -c '! tr -d "\r" < "$1" | awk "length > 78 { bad = 1 } END { exit !bad }"' _ "$f"
check "the message is 7-bit" bash -c '! LC_ALL=C grep -q "[^[:print:][:space:]]" "$1"' _ "$f"
check "the body decodes to the template's text" contains "$(decode "$f" 'm.get_content()')" "If you received it, outgoing mail works."
check "the outbox row is sent with where it went" eq "$(sql "$M" "SELECT state, attempts, delivered_to FROM outbox WHERE id=1")" "sent|1|smtp://127.0.0.1:$SINK_PORT"
check "queueing wrote an event" eq "$(sql "$M" "SELECT count(*) FROM event WHERE object_type='outbox' AND verb='queued'")" 1

# Refusals: a sentence, nothing queued.
n0=$(sql "$M" "SELECT count(*) FROM outbox")
err=$(cli mail-test --to $'ann@example.org\r\nBcc: eve@example.org' 2>&1); rc=$?
check "a recipient with CR/LF is refused (exit 1) with a sentence" bash -c '[ "$1" = 1 ] && grep -q "not a valid e-mail address" <<<"$2"' _ "$rc" "$err"
err=$(cli mail-test --to ann@example.org --subject $'Hello\r\nBcc: eve@example.org' 2>&1); rc=$?
check "a subject with CR/LF is refused (exit 1) with a sentence" bash -c '[ "$1" = 1 ] && grep -q "one line" <<<"$2"' _ "$rc" "$err"
err=$(cli mail-test --to ann@example.org --name $'Ann\nBcc: eve@example.org' 2>&1); rc=$?
check "a display name with LF is refused (exit 1)" eq "$rc" 1
check "and none of them was queued" eq "$(sql "$M" "SELECT count(*) FROM outbox")" "$n0"
check "nothing more reached the server" eq "$(ls "$S/msgs" | grep -c eml)" 1

# SMTP down: the row stays pending with the error; delivered once the server is back.
sink_stop
out=$(cli mail-test --to bob@example.org 2>&1); rc=$?
check "with the server down mail-test exits 1 and says why" bash -c '[ "$1" = 1 ] && grep -q "not delivered (pending)" <<<"$2"' _ "$rc" "$out"
id=$(sql "$M" "SELECT max(id) FROM outbox")
check "the row stays pending with the error kept" bash -c '[ "$1" = pending ] && [ -n "$2" ]' _ "$(sql "$M" "SELECT state FROM outbox WHERE id=$id")" "$(sql "$M" "SELECT last_error FROM outbox WHERE id=$id")"
cli mail-flush >/dev/null 2>&1
check "a flush before its next attempt time does not try again" eq "$(sql "$M" "SELECT attempts FROM outbox WHERE id=$id")" 1
sink_start "$S" "$SINK_PORT"
sql "$M" "UPDATE outbox SET next_attempt='2000-01-01T00:00:00Z' WHERE id=$id" >/dev/null
out=$(cli mail-flush); rc=$?
check "once the server is back, mail-flush delivers it (exit 0)" bash -c '[ "$1" = 0 ] && grep -q "1 sent" <<<"$2"' _ "$rc" "$out"
check "the server got it once" eq "$(grep -l "bob@example.org" "$S"/msgs/*.env | wc -l)" 1
check "after two attempts it is sent" eq "$(sql "$M" "SELECT state, attempts FROM outbox WHERE id=$id")" "sent|2"
out=$(cli mail-flush)
check "a second flush sends nothing again" contains "$out" "0 sent"

# Giving up: past mail_give_up the error is kept and the row is failed.
sink_stop
cli mail-test --to carol@example.org >/dev/null 2>&1
cid=$(sql "$M" "SELECT max(id) FROM outbox")
sql "$M" "UPDATE outbox SET created='2000-01-01T00:00:00Z', next_attempt='2000-01-01T00:00:00Z' WHERE id=$cid" >/dev/null
cli mail-flush >/dev/null 2>&1
check "past mail_give_up an undeliverable row is failed with its error" bash -c '[ "$1" = failed ] && [ -n "$2" ]' _ "$(sql "$M" "SELECT state FROM outbox WHERE id=$cid")" "$(sql "$M" "SELECT last_error FROM outbox WHERE id=$cid")"

# Maildir when no SMTP server is configured (what make run uses).
MD="$E2E_TMP/md"; mkdir -p "$MD"
IDTRACKER_DATA="$MD" "$IDT_BIN" init >/dev/null 2>&1
out=$(IDTRACKER_DATA="$MD" "$IDT_BIN" mail-test --to dave@example.org); rc=$?
check "without smtp, mail-test delivers into the Maildir" bash -c '[ "$1" = 0 ] && grep -q "maildir/new/" <<<"$2"' _ "$rc" "$out"
check "the Maildir file is a whole message with LF line ends" bash -c 'f=$(ls "$1"/maildir/new/*); grep -q "^To: dave@example.org$" "$f" && ! grep -q $'"'"'\r'"'"' "$f"' _ "$MD"

# The server: a password change mails its owner; the Secretariat sees the outbox and can resend;
# kill -9 with mail pending, restart: each message arrives exactly once.
sink_start "$S" "$SINK_PORT"
server_start W IDTRACKER_SMTP="smtp://127.0.0.1:$SINK_PORT" IDTRACKER_MAIL_POLL=1 IDTRACKER_MAIL_CLAIM_TIMEOUT=2 || { e2e_finish e2e-mail; exit 1; }
J="$E2E_TMP/jar-w"
sign_in "$W_URL" "$J" "ietf-chair@example.org" "demo-password"
pc=$(csrf_from "$(curl -s -b "$J" "$W_URL/accounts/password/")")
before=$(ls "$S/msgs" | grep -c eml)
http R -b "$J" --data "csrf=$pc&current=demo-password&new=another-password&confirm=another-password" "$W_URL/accounts/password/"
check "the password change succeeds" eq "$R_code" 200
for _ in $(seq 1 50); do [ "$(ls "$S/msgs" | grep -c eml)" -gt "$before" ] && break; sleep 0.1; done
last=$(ls -t "$S"/msgs/*.eml | head -1)
check "the serve worker delivered a notice to the person (R-style: changes are told)" contains "$(decode "$last" 'm["subject"] + "|" + str(m["to"])')" "Your idtracker password was changed|Dana Whitfield <ietf-chair@example.org>"
http R -b "$J" "$W_URL/admin/outbox/"
check "the outbox page is refused to a non-Secretariat person (403)" eq "$R_code" 403
JS="$E2E_TMP/jar-ws"
sign_in "$W_URL" "$JS" "secretariat@example.org" "demo-password"
http R -b "$JS" "$W_URL/admin/outbox/"
check "the Secretariat sees the outbox with state and attempts" bash -c '[ "$1" = 200 ] && grep -q "Your idtracker password was changed" <<<"$2" && grep -q ">sent " <<<"$2"' _ "$R_code" "$R_body"
oid=$(sql "$W_DATA" "SELECT max(id) FROM outbox")
oc=$(csrf_from "$R_body")
before=$(ls "$S/msgs" | grep -c eml)
http R -b "$JS" --data "csrf=bad" "$W_URL/admin/outbox/$oid/resend/"
check "resend with a bad csrf is 403 and changes nothing" bash -c '[ "$1" = 403 ] && [ "$2" = sent ]' _ "$R_code" "$(sql "$W_DATA" "SELECT state FROM outbox WHERE id=$oid")"
http R -b "$JS" --data "csrf=$oc" "$W_URL/admin/outbox/$oid/resend/"
check "the Resend button queues it again (303)" eq "$R_code" 303
for _ in $(seq 1 50); do [ "$(ls "$S/msgs" | grep -c eml)" -gt "$before" ] && break; sleep 0.1; done
check "and the worker sends it again" eq "$(ls "$S/msgs" | grep -c eml)" "$((before + 1))"
key=$(IDTRACKER_DATA="$W_DATA" "$IDT_BIN" apikey create secretariat@example.org 2>/dev/null)
http R -H "Authorization: Bearer $key" "$W_URL/api/v1/outbox?state=sent"
check "GET /api/v1/outbox lists the messages" bash -c '[ "$1" = 200 ] && grep -q "\"template\":\"password_changed\"" <<<"$2"' _ "$R_code" "$R_body"

# Crash: queue 20 messages while the SMTP server is down, kill -9 the server mid-retry, restart.
sink_stop
for i in $(seq 1 20); do
  IDTRACKER_DATA="$W_DATA" IDTRACKER_SMTP="smtp://127.0.0.1:1" "$IDT_BIN" mail-test --to "crash$i@example.org" >/dev/null 2>&1
done
# The whole office goes down: with two servers (PostgreSQL run) both are killed, or the survivor would
# try the still-stopped SMTP server and push the rows' next attempt past this test's wait. Their next
# attempt is made due only once no server is left to try it early.
kill -9 "$W_PID"; wait "$W_PID" 2>/dev/null
if [ -n "${W_PID2:-}" ]; then kill -9 "$W_PID2"; wait "$W_PID2" 2>/dev/null; W_PID2=; fi
sql "$W_DATA" "UPDATE outbox SET next_attempt='2000-01-01T00:00:00Z' WHERE state='pending'" >/dev/null
sink_start "$S" "$SINK_PORT"
sql "$W_DATA" "UPDATE outbox SET state='sending', claimed_at='2000-01-01T00:00:00Z', claimed_by='dead:1' WHERE id IN (SELECT id FROM outbox WHERE recipients LIKE 'crash%' LIMIT 5)" >/dev/null
IDTRACKER_DATA="$W_DATA" IDTRACKER_SMTP="smtp://127.0.0.1:$SINK_PORT" IDTRACKER_MAIL_POLL=1 IDTRACKER_MAIL_CLAIM_TIMEOUT=2 \
  "$IDT_BIN" serve --listen 127.0.0.1:0 --port-file "$W_DATA/port2" >>"$W_DATA/server.log" 2>&1 &
W_PID=$!; E2E_PIDS+=("$W_PID")
for _ in $(seq 1 100); do [ "$(grep -l "crash" "$S"/msgs/*.env 2>/dev/null | wc -l)" -ge 20 ] && break; sleep 0.1; done
sleep 1.5
check "after kill -9 and a restart all 20 pending messages arrived" eq "$(grep -l "crash" "$S"/msgs/*.env | wc -l)" 20
check "each exactly once" eq "$(cat "$S"/msgs/*.env | grep '^to crash' | sort | uniq -d | wc -l)" 0
check "and every row is sent" eq "$(sql "$W_DATA" "SELECT count(*) FROM outbox WHERE recipients LIKE 'crash%' AND state='sent'")" 20
server_stop W
sink_stop
e2e_finish e2e-mail
