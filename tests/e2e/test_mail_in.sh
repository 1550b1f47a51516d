#!/usr/bin/env bash
# test_mail_in.sh: `idtracker mail-in [--from ADDR] [--to ADDR]` as an MTA pipe alias runs it (issue 5,
# the "In" part): sysexits codes (0 accepted or already had, 65 malformed or too large, 67 unknown
# recipient, 75 try later), what each message of tests/data/mail/ leaves in the inbox table, and that
# refusals store nothing. No server: a data folder, the command, and sqlite3 to look.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh

M=tests/data/mail
X="$E2E_TMP/x"
TO=submission@example.org
# The submission office owns its submit_address (submit@<host> by default, not $TO), so nobody owns $TO
# here: an accepted message is kept (state kept, office '') and the MTA hears 67. The office's own row
# (drafts by mail, R55-R61) is proven in test_submit.sh.
ACCEPTED=67
ERRS="$E2E_TMP/stderr.all"

# mailin ARGS... <MESSAGE: runs mail-in on $X; sets rc and err (its stderr).
mailin() {
  err=$(IDTRACKER_DATA="$X" "$IDT_BIN" mail-in "$@" 2>&1 >/dev/null); rc=$?
  printf '%s\n' "$err" >>"$ERRS"
}
q() { sql "$X" "$1"; }
# row COLUMNS MESSAGE-ID: columns of the inbox row, '|'-separated; newlines in values shown as '/'.
row() { q "SELECT $1 FROM inbox WHERE message_id = '$2'" | tr '\n' '/' | sed 's#/$##'; }
count() { q "SELECT count(*) FROM inbox"; }
events() { q "SELECT count(*) FROM event WHERE object_type = 'inbox'"; }

mkdir -p "$X"; pg_data_init "$X" x
IDTRACKER_DATA="$X" "$IDT_BIN" init >/dev/null 2>&1
check "init makes a database for mail-in" bash -c '[ "$1" -gt 0 ]' _ "$(q "SELECT count(*) FROM schema_migrations")"

# R55, R56: a plain message to the submission address, with the envelope the MTA gives.
ID='<20261127065150.12345@mail.example.org>'
mailin --from ann@example.org --to "$TO" <"$M/plain.eml"
check "plain text: exit $ACCEPTED" eq "$rc" "$ACCEPTED"
[ "$ACCEPTED" = 67 ] && check "and the sentence names the address" contains "$err" "Nobody here receives mail for $TO."
check "plain text: the inbox row" eq "$(row "envelope_from, recipient, header_from, subject, parts, attachments, office, state" "$ID")" \
  "ann@example.org|$TO|ann@example.org|Please post draft-ietf-quic-frobs-07|1|||kept"
check "plain text: size is the byte count" eq "$(row size "$ID")" "$(wc -c <"$M/plain.eml" | tr -d ' ')"
# raw as hex digits: SQLite's hex() and PostgreSQL's encode(..., 'hex') spell the same bytes.
if [ -s "$X/pgdb" ]; then rawhex="upper(encode(raw, 'hex'))"; else rawhex="hex(raw)"; fi
check "plain text: raw holds the bytes as received" eq "$(row "$rawhex" "$ID")" "$(xxd -p -u "$M/plain.eml" | tr -d '\n')"
check "one event: inbox received" eq "$(q "SELECT object_type, verb, CASE WHEN person_id IS NULL THEN 1 ELSE 0 END FROM event WHERE object_id = (SELECT CAST(id AS TEXT) FROM inbox WHERE message_id = '$ID')")" "inbox|received|1"

# A second delivery of the same Message-ID (another MX, other trace headers) and a plain resend.
before=$(count); ev=$(events)
mailin --to "$TO" <"$M/duplicate.eml"
check "duplicate Message-ID: exit 0" eq "$rc" 0
check "and says it already has it" contains "$err" "Already have message $ID"
mailin --to "$TO" <"$M/plain.eml"
check "the same bytes again: exit 0" eq "$rc" 0
check "duplicates store nothing and write no event" eq "$(count)/$(events)" "$before/$ev"

# multipart/alternative: UTF-8 Q-encoded name, the text/plain alternative.
mailin --to "$TO" <"$M/alternative.eml"
check "multipart/alternative: exit $ACCEPTED" eq "$rc" "$ACCEPTED"
check "multipart/alternative: the row" eq "$(row "header_from, subject, parts, attachments" '<CAF9xq3p+Yv7Q@mail.gmail.com>')" \
  "juergen@example.de|Re: draft-ietf-abc-widgets|2|"

# R55: a draft attached as base64 (CRLF line ends, as on the wire).
mailin --to "$TO" <"$M/mixed-attachment.eml"
check "multipart/mixed with a base64 draft: exit $ACCEPTED" eq "$rc" "$ACCEPTED"
check "multipart/mixed: two parts, the draft's file name" eq "$(row "parts, attachments" '<5f0e1c2a-7d4b-4e8a-9c3f-1a2b3c4d5e6f@example.org>')" \
  "2|draft-ietf-quic-frobs-07.txt"

# Apple Mail: inline files with RFC 2231 names, a Content-Type name, a forwarded message.
mailin --to "$TO" <"$M/apple-inline-rfc2231.eml"
check "inline attachments count as attachments, one name per line" \
  eq "$(row "parts, attachments" '<A1B2C3D4-E5F6-7890-ABCD-EF0123456789@example.org>')" "4|draft-résumé-00.txt/draft-resume-00.xml"

# RFC 2047 in UTF-8 and ISO-8859-1, B and Q; raw 8-bit headers in UTF-8 and in Latin-1.
mailin --to "$TO" <"$M/encoded-utf8.eml"
check "RFC 2047 UTF-8 B+Q subject, address lower-cased" eq "$(row "header_from, subject" '<87h6x2k9q1.fsf@example.jp>')" \
  "taro.yamada@example.jp|新しいドラフト draft-yamada-example-00"
mailin --to "$TO" <"$M/encoded-latin1.eml"
check "RFC 2047 ISO-8859-1 Q+B subject, folded" eq "$(row subject '<000a01db3f2c$4e5f6a70$eb1e3f50$@example.fr>')" \
  "Révision du brouillon (été)"
mailin --to "$TO" <"$M/raw-8bit-utf8.eml"
check "raw UTF-8 subject" eq "$(row subject '<a8b7c6d5@example.is>')" "Þú ert ný útgáfa — draft-aesir-example-01"
mailin --to "$TO" <"$M/raw-8bit-latin1.eml"
check "raw Latin-1 subject is read as Latin-1" eq "$(row subject '<1999.latin1@example.es>')" "Revisión del borrador"
raw=$(row "$rawhex" '<1999.latin1@example.es>')
check "and its raw bytes stay Latin-1" bash -c '[ "${#1}" = $((2 * $2)) ] && grep -qE "^(..)*E9" <<<"$1" && ! grep -qE "^(..)*C3A9" <<<"$1"' _ "$raw" "$(row size '<1999.latin1@example.es>')"

# No Message-ID: the SHA-256 of the bytes stands in, so a second delivery is still a duplicate.
GEN="<$(sha256sum <"$M/no-message-id.eml" | cut -d' ' -f1)@idtracker.invalid>"
mailin --to "$TO" <"$M/no-message-id.eml"
check "missing Message-ID: exit $ACCEPTED" eq "$rc" "$ACCEPTED"
check "missing Message-ID: keyed on the hash of its bytes" eq "$(row "header_from" "$GEN")" "cron@build.example.org"
mailin --to "$TO" <"$M/no-message-id.eml"
check "missing Message-ID, delivered twice: exit 0, one row" eq "$rc/$(q "SELECT count(*) FROM inbox WHERE message_id = '$GEN'")" "0/1"

# Without --from and --to: the mbox line's sender and the first To address.
mailin <"$M/mbox-from-line.eml"
check "no --from/--to: envelope from the mbox line, recipient from To" eq "$(row "envelope_from, recipient" '<mbox.line@example.org>')" \
  "bounce+ann=example.org@lists.example.org|$TO"
mailin --to Nobody@Example.ORG <"$M/html-only.eml"
check "a recipient nobody owns: exit 67, kept" eq "$rc|$(row "recipient, office, state" '<html.only.42@example.com>')" "67|nobody@example.org||kept"
check "with a sentence naming it" contains "$err" "Nobody here receives mail for nobody@example.org."

# R55: malformed messages are refused (65) with a sentence, and nothing is stored.
before=$(count); ev=$(events)
mailin --to "$TO" <"$M/not-mail.txt"
check "not a message: exit 65" eq "$rc" 65
check "not a message: the sentence" contains "$err" "This is not an e-mail message: it does not begin with a header field."
mailin --to "$TO" <"$M/header-garbage.eml"
check "header garbage without a From: exit 65 with its sentence" eq "$rc|$err" "65|idtracker: The message has no From address."
mailin --to "$TO" <"$M/header-nul.eml"
check "a NUL in the header: exit 65 with its sentence" eq "$rc|$err" "65|idtracker: The message header contains a NUL byte."
mailin --to "$TO" <"$M/empty.eml"
check "an empty message: exit 65" eq "$rc|$err" "65|idtracker: The message is empty."
check "refusals store nothing and write no event" eq "$(count)/$(events)" "$before/$ev"

# The size limit (mail_in_max) at limit-1, limit, limit+1, and far past it (the rest is drained and counted).
# mkmsg N ID: a message of exactly N bytes.
mkmsg() {
  local head="From: big@example.org
To: $TO
Subject: size test
Message-ID: <$2@example.org>

"
  printf '%s' "$head"
  head -c $(($1 - ${#head} - 1)) /dev/zero | tr '\0' 'x'
  printf '\n'
}
before=$(count)
for n in 2047 2048; do
  mkmsg $n "size$n" >"$E2E_TMP/m$n"
  IDTRACKER_MAIL_IN_MAX=2048 mailin --to "$TO" <"$E2E_TMP/m$n"
  check "a $n-byte message under a 2048-byte limit: exit $ACCEPTED, stored" eq "$rc/$(row size "<size$n@example.org>")" "$ACCEPTED/$n"
done
mkmsg 2049 size2049 >"$E2E_TMP/m2049"
IDTRACKER_MAIL_IN_MAX=2048 mailin --to "$TO" <"$E2E_TMP/m2049"
check "a 2049-byte message: exit 65" eq "$rc" 65
check "with the sentence" contains "$err" "The message is 2049 bytes; the limit is 2048 bytes."
mkmsg 5000000 size5m >"$E2E_TMP/m5m"
IDTRACKER_MAIL_IN_MAX=2048 mailin --to "$TO" <"$E2E_TMP/m5m"
check "a 5 MB message: exit 65 with its exact size" eq "$rc|$err" "65|idtracker: The message is 5000000 bytes; the limit is 2048 bytes."
check "over the limit nothing is stored" eq "$(count)" "$((before + 2))"

# A busy database is a temporary failure (75): the MTA keeps the message and retries. A client holds the
# write lock past the busy timeout (10 s) until told to let go; the retry is then stored once. On SQLite
# that is sqlite3's BEGIN IMMEDIATE; on PostgreSQL psql holds the advisory lock db/pg.c's writers take.
mkfifo "$E2E_TMP/release"
if [ -s "$X/pgdb" ]; then
  (printf 'BEGIN;\nSELECT pg_advisory_xact_lock(7596873461);\n'; cat "$E2E_TMP/release"; printf 'COMMIT;\n') |
    "$IDT_PG_BIN/psql" -h "$IDT_PG_SOCKET" -U idt -d "$(cat "$X/pgdb")" -X -q >/dev/null &
  locker=$!
  for i in $(seq 1 100); do
    [ "$(q "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted")" = 0 ] || break
    sleep 0.05
  done
else
  (printf 'BEGIN IMMEDIATE;\nSELECT 1;\n'; cat "$E2E_TMP/release"; printf 'COMMIT;\n') | sqlite3 "$X/idtracker.db" >/dev/null &
  locker=$!
  for i in $(seq 1 100); do
    sqlite3 "$X/idtracker.db" 'BEGIN IMMEDIATE; ROLLBACK;' >/dev/null 2>&1 || break
    sleep 0.05
  done
fi
before=$(count)
mkmsg 500 busy >"$E2E_TMP/busy"
mailin --to "$TO" <"$E2E_TMP/busy"
check "database locked: exit 75" eq "$rc" 75
check "with a sentence" contains "$err" "The database is busy"
echo >"$E2E_TMP/release"
wait "$locker"
mailin --to "$TO" <"$E2E_TMP/busy"
check "the MTA's retry is accepted" eq "$rc" "$ACCEPTED"
check "and stored once" eq "$(count)" "$((before + 1))"

check "no sanitizer report in any run" bash -c '! grep -qE "ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:" "$1"' _ "$ERRS"
# One message sent to two of our addresses reaches both offices; the same delivery twice reaches one.
n0=$(count)
mailin --from ann@example.org --to liaison@example.org <"$M/plain.eml"
check "the same message to a second address of ours is stored again for that address" eq "$(count)" "$((n0 + 1))"
mailin --from ann@example.org --to liaison@example.org <"$M/plain.eml"
check "but the same delivery twice is stored once" eq "$(count)" "$((n0 + 1))"
# Exit codes an MTA understands even when the command cannot start.
echo "x" | IDTRACKER_DATA="$X" IDTRACKER_CONFIG=/nonexistent/idtracker.ini "$IDT_BIN" mail-in >/dev/null 2>&1
check "an unusable configuration is 75 (try later), so the MTA keeps the message" eq "$?" 75
IDTRACKER_DATA="$X" "$IDT_BIN" mail-in --bogus </dev/null >/dev/null 2>&1
check "a usage error is 64 (EX_USAGE)" eq "$?" 64

e2e_finish mail-in
