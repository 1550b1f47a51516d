#!/usr/bin/env bash
# test_liaison.sh: the liaison office end to end with the demo groups (issue 7; seeds 000-002, L1-L17):
# a real server delivering to a real SMTP sink, curl, the SQLite file. Every refused action is checked
# for its 403 (or 404) and for nothing having changed.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh

SINK_PIDS=()
sink_stop() { local p; for p in "${SINK_PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; SINK_PIDS=(); }
HAVE_SINK=0
S="$E2E_TMP/sink"; mkdir -p "$S"
if /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null; then
  /usr/bin/python3 tests/e2e/smtp_sink.py "$S/msgs" "$S/port" >"$S/sink.log" 2>&1 &
  SINK_PIDS+=($!)
  for _ in $(seq 1 100); do [ -s "$S/port" ] && break; sleep 0.05; done
  HAVE_SINK=1
fi
if [ $HAVE_SINK = 1 ]; then
  server_start L IDTRACKER_SMTP="smtp://127.0.0.1:$(cat "$S/port")" IDTRACKER_MAIL_POLL=1 IDTRACKER_LIAISON_PUBLIC_DAILY=2 || { sink_stop; e2e_finish e2e-liaison; exit 1; }
else
  echo "# python3-aiosmtpd is not installed: mail is checked in the outbox only"
  server_start L IDTRACKER_LIAISON_PUBLIC_DAILY=2 || { e2e_finish e2e-liaison; exit 1; }
fi
U=$L_URL
q() { sql "$L_DATA" "$1"; }
lstate() { q "SELECT state FROM liaison WHERE id = $1"; }
jget() { python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(eval(sys.argv[2]))' "$1" "$2"; }
key() { IDTRACKER_DATA="$L_DATA" "$IDT_BIN" apikey create "$1" | tail -1; }
# Every key once: the people of the permission walk.
K_SECR=$(key secretariat@example.org)
K_LM=$(key hiroshi.nakamura@example.org)        # liaison manager of itu-t-sg-15
K_LM2=$(key sanna.virtanen@example.org)         # liaison manager of 3gpp-tsgsa-sa2
K_CHAIR=$(key lukas.brenner@example.org)        # QUIC chair (wit area)
K_AD=$(key samuel.achterberg@example.org)       # AD of wit
K_AD2=$(key amir.rostami@example.org)           # AD of sec (another area)
K_IETF=$(key ietf-chair@example.org)
K_IAB=$(key iab-chair@example.org)
K_PUB=$(IDTRACKER_DATA="$L_DATA" "$IDT_BIN" user add --email pub@example.org --name "Pat Public" --password-stdin <<<"public-password-1" >/dev/null 2>&1; key pub@example.org)
api() { local k=$1; shift; http R -H "Authorization: Bearer $k" "$@"; }
# The messages the sink received whose To or Cc holds an address, as "subject|to|cc".
sunk() { [ $HAVE_SINK = 1 ] || return 0; /usr/bin/python3 - "$S/msgs" "$1" <<'PY'
import email, email.policy, glob, sys
for f in sorted(glob.glob(sys.argv[1] + "/*.eml")):
    m = email.message_from_binary_file(open(f, "rb"), policy=email.policy.default)
    to, cc = str(m.get("to", "")), str(m.get("cc", ""))
    if sys.argv[2] in to or sys.argv[2] in cc:
        print("%s|%s|%s" % (" ".join(str(m["subject"]).split()), " ".join(to.split()), " ".join(cc.split())))
PY
}
wait_sent() { for _ in $(seq 1 100); do [ "$(q "SELECT count(*) FROM outbox WHERE state <> 'sent'")" = 0 ] && return 0; sleep 0.1; done; return 1; }

# ---- L2, L4, L5: an incoming statement entered by the SDO's liaison manager is posted at once.
api "$K_LM" -d direction=incoming -d from_groups=itu-t-sg-15 -d to_groups=quic -d "from_contact=Hiroshi Nakamura <hiroshi.nakamura@example.org>" \
  -d "to_contacts=QUIC chairs <quic-chairs@example.org>" -d technical_contacts=expert@itu.example.org -d purpose=action \
  -d deadline=2027-01-15 --data-urlencode "title=LS on <b>OTN</b> transport of QUIC" -d "body=Please consider our text." \
  -d other_identifiers=SG15-LS-42 "$U/api/v1/liaison"
I1=$(jget "$R_body" 'd["id"]')
check "L2: a liaison manager's incoming statement is created (201) and posted at once" eq "$R_code/$(jget "$R_body" 'd["state"]')" "201/posted"
check "L4: it is assigned to the addressed WG's chair and tracked as action required" eq \
  "$(q "SELECT p.name || '/' || l.assignee_group || '/' || l.tracking FROM liaison l JOIN person p ON p.id = l.assignee_person WHERE l.id = $I1")" \
  "Aiko Sato/quic/action-required"
wait_sent
if [ $HAVE_SINK = 1 ]; then
  M=$(sunk aiko.sato@example.org)
  check "L4: the SMTP server got the mail to the assignee with the URL and 'reply by'" bash -c 'grep -q "^New Liaison Statement, \"LS on <b>OTN</b> transport of QUIC\"|" <<<"$1"' _ "$M"
  check "L4: copying the technical contact, the WG's ADs (supervisor), the SDO's liaison manager and the WG list" bash -c \
    'grep -q "expert@itu.example.org" <<<"$1" && grep -q "samuel.achterberg@example.org" <<<"$1" && grep -q "hiroshi.nakamura@example.org" <<<"$1" && grep -q "quic@lists.example.org" <<<"$1"' _ "$M"
  body=$(/usr/bin/python3 -c 'import email,email.policy,glob,sys
for f in sorted(glob.glob(sys.argv[1]+"/*.eml")):
    m=email.message_from_binary_file(open(f,"rb"),policy=email.policy.default)
    if "aiko.sato" in str(m.get("to","")): print(m.get_content())' "$S/msgs")
  check "L4: the mail has the URL and asks for a reply by the deadline" bash -c 'grep -q "/liaison/'"$I1"'/" <<<"$1" && grep -q "Please reply by 2027-01-15." <<<"$1"' _ "$body"
  check "L5: the sender's contacts get an acknowledgement" bash -c 'grep -q "^Liaison statement recorded" <<<"$1"' _ "$(sunk hiroshi.nakamura@example.org)"
fi
http R "$U/liaison/$I1/"
check "L7: the public detail page shows the envelope, the status and escapes the title" bash -c '[ "$1" = 200 ] && grep -q "LS on &lt;b&gt;OTN&lt;/b&gt; transport of QUIC" <<<"$2" && grep -q "Aiko Sato for quic" <<<"$2" && grep -q "SG15-LS-42" <<<"$2" && ! grep -q "<b>OTN" <<<"$2"' _ "$R_code" "$R_body"
check "L7: and the sending organization's liaison manager" contains "$R_body" "<dt>Liaison manager</dt><dd>Hiroshi Nakamura &lt;hiroshi.nakamura@example.org&gt;</dd>"
check "L17: the history has the mails out" contains "$R_body" "Mail to aiko.sato@example.org"

# Contacts left empty get the groups' defaults (DATATRACKER.md 1.6), and the API shows them first.
api "$K_LM" "$U/api/v1/liaison/defaults?from_groups=itu-t-sg-15&to_groups=quic"
check "the default contacts of SG15 -> QUIC: the QUIC chairs; copies to the wit ADs, the QUIC list, SG15's liaison manager" bash -c \
  'python3 -c "import json,sys; d=json.loads(sys.argv[1]); assert \"aiko.sato@example.org\" in d[\"to_contacts\"] and \"lukas.brenner@example.org\" in d[\"to_contacts\"]; assert \"samuel.achterberg@example.org\" in d[\"cc_contacts\"] and \"quic@lists.example.org\" in d[\"cc_contacts\"] and \"hiroshi.nakamura@example.org\" in d[\"cc_contacts\"]; assert \"hiroshi.nakamura@example.org\" in d[\"response_contacts\"]" "$1"' _ "$R_body"
api "$K_LM" -d direction=incoming -d from_groups=itu-t-sg-15 -d to_groups=quic -d from_contact=hiroshi.nakamura@example.org -d purpose=info \
  -d "title=Defaults filled in" -d body=B. "$U/api/v1/liaison"
ID_DEF=$(jget "$R_body" 'd["id"]')
check "an entry without To contacts or Cc gets the groups' defaults" bash -c '[ "$1" = 201 ] && grep -q "lukas.brenner@example.org" <<<"$2" && grep -q "quic@lists.example.org" <<<"$3"' _ \
  "$R_code" "$(q "SELECT to_contacts FROM liaison WHERE id = $ID_DEF")" "$(q "SELECT cc_contacts FROM liaison WHERE id = $ID_DEF")"

# ---- L3: an outgoing statement by a WG chair waits for the AD.
api "$K_CHAIR" -d direction=outgoing -d from_groups=quic -d to_groups=itu-t-sg-15 -d "from_contact=lukas.brenner@example.org" \
  -d "to_contacts=sg15@itu.example.org" -d purpose=info -d "title=QUIC status for SG15" -d "body=Our status." "$U/api/v1/liaison"
O1=$(jget "$R_body" 'd["id"]')
check "L3: a WG chair's outgoing statement waits as pending" eq "$R_code/$(lstate "$O1")" "201/pending"
check "L3: the approvers (the AD of the WG's area) are asked by mail" bash -c 'grep -q "samuel.achterberg@example.org" <<<"$1" && grep -q "needs your approval" <<<"$1"' _ \
  "$(q "SELECT recipients || ' ' || subject FROM outbox WHERE template = 'liaison_approval' AND object_id = '$O1'")"
# Pending is invisible to the public: page, list, feed, API.
http R "$U/liaison/$O1/"
check "pending: the detail page is a 404 for the public" eq "$R_code" 404
http R "$U/liaison/"
check "pending: not in the public list" lacks "$R_body" "QUIC status for SG15"
http R "$U/liaison/feed/"
check "pending: not in the feed" lacks "$R_body" "QUIC status for SG15"
http R "$U/api/v1/liaison/$O1"
check "pending: the API says 404" eq "$R_code" 404
api "$K_PUB" "$U/api/v1/liaison?state=pending"
check "pending: not listed to a signed-in member of the public" lacks "$R_body" "QUIC status for SG15"
# A search for its words: the statement has its entry in the search index (a key below the posted
# ones), and a search with no filter reads the posted keys only (LIST_FTS_KEYS), on the page and
# through the API, current and archive; the Secretariat's search of pending ones finds it.
http R "$U/liaison/?q=QUIC+status+SG15"
check "L6: pending: a search's page lists it in neither table (its index entry is below the posted keys)" bash -c \
  '[ "$1" = 200 ] && ! grep -q "QUIC status for SG15" <<<"$2" && [ "$3" = 1 ]' _ "$R_code" "$R_body" \
  "$(q "SELECT count(*) FROM liaison_fts WHERE rowid = $O1")"
http R "$U/api/v1/liaison?q=QUIC+status+SG15"
check "L6: pending: nor does the API's search" bash -c '[ "$1" = 200 ] && ! grep -q "QUIC status for SG15" <<<"$2"' _ "$R_code" "$R_body"
api "$K_SECR" "$U/api/v1/liaison?q=QUIC+status+SG15"
check "L6: the Secretariat, who may see it, does not get it from a search of posted statements (the default)" bash -c \
  '[ "$1" = 200 ] && ! grep -q "QUIC status for SG15" <<<"$2"' _ "$R_code" "$R_body"
api "$K_SECR" "$U/api/v1/liaison?state=pending&q=QUIC+status+SG15"
check "L6: the Secretariat's search of pending statements finds it" contains "$R_body" "QUIC status for SG15"
# The same approval by the wrong people: 403 (or 404 when they may not even see it), nothing changed.
for who in CHAIR AD2 PUB LM2; do
  k=K_$who
  api "${!k}" -X POST "$U/api/v1/liaison/$O1/approve"
  check "L3: approval by $who is refused (403/404) and nothing changes" bash -c '[[ "$1" = 403 || "$1" = 404 ]] && [ "$2" = pending ]' _ "$R_code" "$(lstate "$O1")"
done
http R -X POST "$U/api/v1/liaison/$O1/approve"
check "L3: an anonymous approval is a 401" eq "$R_code/$(lstate "$O1")" "401/pending"
api "$K_AD" "$U/api/v1/liaison/$O1"
check "the AD who may approve sees it" eq "$R_code" 200
api "$K_AD" -X POST "$U/api/v1/liaison/$O1/approve"
check "L3: the area's AD approves; it is posted" eq "$R_code/$(lstate "$O1")" "200/posted"
check "L3: approval and posting are in the history" eq "$(q "SELECT group_concat(verb, ',') FROM (SELECT verb FROM event WHERE object_type='liaison' AND object_id='$O1' AND verb IN ('submitted','approved','posted') ORDER BY id) AS x")" "submitted,approved,posted"
http R "$U/liaison/$O1/"
check "now public" eq "$R_code" 200
api "$K_AD" -X POST "$U/api/v1/liaison/$O1/approve"
check "approving twice is a 409" eq "$R_code" 409
# An AD of the area posts at once; the IETF chair for the IETF; the IAB chair for the IAB.
api "$K_AD" -d direction=outgoing -d from_groups=wit -d to_groups=ieee-802-1 -d from_contact=samuel.achterberg@example.org \
  -d to_contacts=802.1@ieee.example.org -d purpose=comment -d deadline=2027-02-01 -d "title=WIT comments" -d body=B. "$U/api/v1/liaison"
check "L3: an AD's statement from the area is posted at once" eq "$(jget "$R_body" 'd["state"]')" posted
api "$K_IAB" -d direction=outgoing -d from_groups=ietf -d to_groups=bbf -d from_contact=iab-chair@example.org \
  -d to_contacts=bbf@example.org -d purpose=info -d "title=From the IETF by the IAB chair" -d body=B. "$U/api/v1/liaison"
I_IAB=$(jget "$R_body" 'd["id"]')
check "L3: the IAB chair's statement from the IETF waits for the IETF chair" eq "$(lstate "$I_IAB")" pending
api "$K_IETF" -X POST "$U/api/v1/liaison/$I_IAB/approve"
check "L3: the IETF chair approves it" eq "$(lstate "$I_IAB")" posted
api "$K_CHAIR" -d direction=outgoing -d from_groups=httpbis -d to_groups=bbf -d from_contact=lukas.brenner@example.org \
  -d to_contacts=bbf@example.org -d purpose=info -d "title=Not my WG" -d body=B. "$U/api/v1/liaison"
check "L3: a chair may not speak for another WG (403, nothing stored)" bash -c '[ "$1" = 403 ] && grep -q "may not send a statement from httpbis" <<<"$2" && [ "$3" = 0 ]' _ "$R_code" "$R_body" "$(q "SELECT count(*) FROM liaison WHERE title='Not my WG'")"
api "$K_CHAIR" -d direction=incoming -d from_groups=bbf -d to_groups=quic -d from_contact=a@b.example -d to_contacts=c@d.example -d purpose=info -d title=T -d body=B "$U/api/v1/liaison"
check "L2: a WG chair may not enter incoming statements (403)" eq "$R_code" 403
# Kill and resurrect: the approvers only.
api "$K_CHAIR" -d direction=outgoing -d from_groups=quic -d to_groups=mef -d from_contact=lukas.brenner@example.org \
  -d to_contacts=mef@example.org -d purpose=info -d "title=To be killed" -d body=B. "$U/api/v1/liaison"
O2=$(jget "$R_body" 'd["id"]')
api "$K_CHAIR" -X POST "$U/api/v1/liaison/$O2/kill"
check "the submitting chair cannot kill it (403)" eq "$(lstate "$O2")" pending
api "$K_AD" -X POST "$U/api/v1/liaison/$O2/kill"
check "the AD marks it dead" eq "$R_code/$(lstate "$O2")" "200/dead"
http R "$U/liaison/$O2/"
check "dead is invisible to the public" eq "$R_code" 404
api "$K_AD" -X POST "$U/api/v1/liaison/$O2/resurrect"
check "the AD resurrects it (pending again)" eq "$(lstate "$O2")" pending

# ---- L1: validation, with the sentence and nothing stored.
n=$(q "SELECT count(*) FROM liaison")
api "$K_LM" -d direction=incoming -d from_groups=itu-t-sg-15 -d to_groups=quic -d from_contact=a@itu.example.org -d to_contacts=q@example.org -d purpose=action -d title=T -d body=B "$U/api/v1/liaison"
check "L1: For action without a deadline is refused" bash -c '[ "$1" = 400 ] && grep -q "needs a deadline" <<<"$2"' _ "$R_code" "$R_body"
api "$K_LM" -d direction=incoming -d from_groups=itu-t-sg-15 -d to_groups=quic -d from_contact=a@itu.example.org -d to_contacts=q@example.org -d purpose=response -d title=T -d body=B "$U/api/v1/liaison"
check "L1: In response without the statement it answers is refused" bash -c '[ "$1" = 400 ] && grep -q "must name the statement it answers" <<<"$2"' _ "$R_code" "$R_body"
api "$K_LM" -d direction=incoming -d from_groups=itu-t-sg-15 -d to_groups=quic -d from_contact=a@itu.example.org --data-urlencode $'to_contacts=q@example.org\r\nBcc: victim@example.org' -d purpose=info -d title=T -d body=B "$U/api/v1/liaison"
check "CR/LF in a contact cannot add a header: refused" bash -c '[ "$1" = 400 ] || [ "$1" = 201 ]' _ "$R_code"
check "  ...and no header was injected into any queued mail" eq "$(q "SELECT count(*) FROM outbox WHERE message LIKE '%Bcc: victim%'")" 0
api "$K_LM" -d direction=incoming -d from_groups=itu-t-sg-15 -d to_groups=quic -d "from_contact=not an address" -d to_contacts=q@example.org -d purpose=info -d title=T -d body=B "$U/api/v1/liaison"
check "L1: a From contact that is no address is refused" bash -c '[ "$1" = 400 ] && grep -q "is not an e-mail address" <<<"$2"' _ "$R_code" "$R_body"
api "$K_LM" -d direction=incoming -d from_groups=3gpp-tsgsa-sa2 -d to_groups=quic -d from_contact=a@itu.example.org -d to_contacts=q@example.org -d purpose=info -d title=T -d body=B "$U/api/v1/liaison"
check "L2: a liaison manager speaks only for their own SDO (403)" eq "$R_code" 403
check "L1: the refusals stored nothing beyond the one accepted" bash -c '[ "$(( $2 - $1 ))" -le 1 ]' _ "$n" "$(q "SELECT count(*) FROM liaison")"

# ---- L6: the list, filters, search, sort, archive; feeds and the deadlines calendar.
http R "$U/liaison/?q=OTN"
check "L6: full-text search finds the title word" bash -c 'grep -q "/liaison/'"$I1"'/" <<<"$1" && ! grep -q "WIT comments" <<<"$1"' _ "$R_body"
http R "$U/liaison/?q=SG15-LS-42"
check "L6: search covers the sender's reference ids" contains "$R_body" "/liaison/$I1/"
http R "$U/liaison/?q=expert"
check "L6: search covers the contacts" contains "$R_body" "/liaison/$I1/"
http R "$U/liaison/?q=%22%20OR%20*%20NEAR("
check "L6: search syntax from the user is taken as words, never as a query (200)" eq "$R_code" 200
http R "$U/liaison/?purpose=comment"
check "L6: the purpose filter" bash -c 'grep -q "WIT comments" <<<"$1" && ! grep -q "transport of QUIC" <<<"$1"' _ "$R_body"
http R "$U/liaison/?group=bbf"
check "L6: the group filter (either side)" bash -c 'grep -q "From the IETF by the IAB chair" <<<"$1" && ! grep -q "WIT comments" <<<"$1"' _ "$R_body"
http R "$U/liaison/?sort=deadline"
check "L6: sort by deadline puts the nearest first" bash -c 'a=$(grep -bo "transport of QUIC" <<<"$1" | head -1 | cut -d: -f1); b=$(grep -bo "WIT comments" <<<"$1" | head -1 | cut -d: -f1); [ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ]' _ "$R_body"
http R "$U/liaison/feed/group/quic/"
check "Atom feed per group, valid XML, the title escaped" bash -c '[ "$1" = 200 ] && python3 -c "import sys,xml.dom.minidom as m; d=m.parseString(sys.argv[1].encode()); t=[e.firstChild.data for e in d.getElementsByTagName(\"title\")]; assert \"LS on <b>OTN</b> transport of QUIC\" in t, t" "$2"' _ "$R_code" "$R_body"
http R "$U/liaison/feed/purpose/comment/"
check "Atom feed per purpose" bash -c 'grep -q "WIT comments" <<<"$1" && ! grep -q "OTN" <<<"$1"' _ "$R_body"
http R "$U/liaison/deadlines.ics"
check "the deadlines calendar lists open deadlines (RFC 5545)" bash -c '[ "$1" = 200 ] && grep -q "^BEGIN:VCALENDAR" <<<"$2" && grep -q "DTSTART;VALUE=DATE:20270115" <<<"$2" && grep -q "DTSTART;VALUE=DATE:20270201" <<<"$2"' _ "$R_code" "$R_body"

# ---- L9: reply, linked both ways; L10: tracking; L12: closing without a reply.
api "$K_CHAIR" -d from_groups=quic -d to_groups=itu-t-sg-15 -d from_contact=lukas.brenner@example.org -d to_contacts=sg15@itu.example.org -d "title=Reply on OTN" -d body=Thanks. "$U/api/v1/liaison/$I1/reply"
R1=$(jget "$R_body" 'd["id"]')
check "L9: a reply is a new statement In response, outgoing" eq "$(q "SELECT direction || '/' || purpose FROM liaison WHERE id = $R1")" "outgoing/response"
api "$K_AD" -X POST "$U/api/v1/liaison/$R1/approve"
http R "$U/liaison/$I1/"
check "L9: the original shows the reply (Referred to by) and that it was replied to" bash -c 'grep -q "Referred to by: <a href=\"/liaison/'"$R1"'/\">" <<<"$1" && ! grep -q "<dd>not yet</dd>" <<<"$1"' _ "$R_body"
http R "$U/liaison/$R1/"
check "L9: the reply refers to the original" contains "$R_body" "Refers to: <a href=\"/liaison/$I1/\">"
api "$K_PUB" -d value=2027-03-01 "$U/api/v1/liaison/$I1/deadline"
check "L10: someone without a role cannot change the deadline (403, unchanged)" eq "$R_code/$(q "SELECT deadline FROM liaison WHERE id=$I1")" "403/2027-01-15"
api "$K_CHAIR" -d value=2027-03-01 -d "comment=more time agreed" "$U/api/v1/liaison/$I1/deadline"
check "L10: the addressed WG's chair changes the deadline, with the comment in the history" bash -c '[ "$1" = 2027-03-01 ] && grep -q "more time agreed" <<<"$2"' _ "$(q "SELECT deadline FROM liaison WHERE id=$I1")" "$(q "SELECT detail FROM event WHERE object_type='liaison' AND object_id='$I1' AND verb='deadline'")"
api "$K_CHAIR" -d value=yara.mendes@example.org "$U/api/v1/liaison/$I1/assign"
check "L10: reassigned to another person" eq "$(q "SELECT p.name FROM liaison l JOIN person p ON p.id = l.assignee_person WHERE l.id=$I1")" "Yara Mendes"
api "$K_LM" -d direction=incoming -d from_groups=itu-t-sg-15 -d to_groups=wit -d from_contact=hiroshi.nakamura@example.org -d to_contacts=wit-ads@example.org \
  -d purpose=action -d deadline=2027-01-20 -d "title=Misdirected to the area" -d body=B. "$U/api/v1/liaison"
I2=$(jget "$R_body" 'd["id"]')
api "$K_AD" -d value=tsvwg -d "comment=belongs to TSVWG" "$U/api/v1/liaison/$I2/redirect"
check "L10: a misdirected statement is redirected to the right WG and reassigned to its chair" eq \
  "$(q "SELECT g.acronym || '/' || l.assignee_group FROM liaison l JOIN liaison_group lg ON lg.liaison_id = l.id AND lg.side = 'to' JOIN grp g ON g.id = lg.group_id WHERE l.id = $I2")" "tsvwg/tsvwg"
api "$K_SECR" -X POST "$U/api/v1/liaison/$I2/close"
check "L12: closing a For Action statement without a reply tells the SDO's liaison manager" bash -c '[ "$1" = closed ] && grep -q "hiroshi.nakamura@example.org" <<<"$2"' _ \
  "$(q "SELECT tracking FROM liaison WHERE id=$I2")" "$(q "SELECT recipients FROM outbox WHERE template='liaison_closed' AND object_id='$I2'")"
http R "$U/liaison/"
check "L6: a closed statement is shown apart, in the archive" bash -c 'archive=${1#*id=\"archived\"}; grep -q "Misdirected to the area" <<<"$archive"' _ "$R_body"
# A search fills both tables, current and archived: the closed statement in the archive only.
http R "$U/liaison/?q=misdirected+area"
check "L6: a search finds a closed statement in the archive table, not among the current ones" bash -c 'cur=${1%%Archive (dealt with)*}; archive=${1#*Archive (dealt with)}; [ "$2" = 200 ] && grep -q "Misdirected to the area" <<<"$archive" && ! grep -q "Misdirected to the area" <<<"$cur"' _ "$R_body" "$R_code"
http R "$U/liaison/?q=OTN+transport"
check "L6: and a current statement among the current ones, not in the archive" bash -c 'cur=${1%%Archive (dealt with)*}; archive=${1#*Archive (dealt with)}; grep -q "OTN&lt;/b&gt; transport" <<<"$cur" && ! grep -q "OTN&lt;/b&gt; transport" <<<"$archive"' _ "$R_body"
# Search results come newest posted first, which is not the order of the ids: an outgoing statement
# written first and approved (posted) a second after a later incoming one is listed above it. The
# search reads its index in posting order (migration 010), so posting must move a statement's entry.
api "$K_CHAIR" -d direction=outgoing -d from_groups=quic -d to_groups=itu-t-sg-15 -d from_contact=lukas.brenner@example.org \
  -d to_contacts=sg15@itu.example.org -d purpose=info -d "title=Zephyr probe written first" -d body=B. "$U/api/v1/liaison"
OA=$(jget "$R_body" 'd["id"]')
api "$K_LM" -d direction=incoming -d from_groups=itu-t-sg-15 -d to_groups=quic -d from_contact=hiroshi.nakamura@example.org \
  -d to_contacts=quic-chairs@example.org -d purpose=info -d "title=Zephyr probe posted first" -d body=B. "$U/api/v1/liaison"
OB=$(jget "$R_body" 'd["id"]')
sleep 1.1
api "$K_AD" -X POST "$U/api/v1/liaison/$OA/approve"
check "L6: (the outgoing one is posted after the incoming one, which has the higher id)" bash -c '[ "$1" -lt "$2" ] && [ "$3" = posted ] && [ "$4" \> "$5" ]' _ \
  "$OA" "$OB" "$(lstate "$OA")" "$(q "SELECT posted_at FROM liaison WHERE id=$OA")" "$(q "SELECT posted_at FROM liaison WHERE id=$OB")"
http R "$U/liaison/?q=zephyr+probe"
check "L6: a search lists the statement posted last first, whatever its id" bash -c 'a=$(grep -bo "Zephyr probe written first" <<<"$1" | head -1 | cut -d: -f1); b=$(grep -bo "Zephyr probe posted first" <<<"$1" | head -1 | cut -d: -f1); [ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ]' _ "$R_body"
http R "$U/api/v1/liaison?q=zephyr+probe&limit=1"
check "L6: and a search cut at one statement keeps that one (the page's limit takes the newest posted)" eq \
  "$R_code $(jget "$R_body" '",".join(str(x["id"]) for x in d["liaisons"])')" "200 $OA"
api "$K_SECR" -X POST "$U/api/v1/liaison/$OA/close"
http R "$U/api/v1/liaison?q=zephyr+probe&limit=1"
check "L6: closed, the newest still comes first where current and closed are listed together (API)" eq \
  "$(q "SELECT tracking FROM liaison WHERE id=$OA") $R_code $(jget "$R_body" '",".join(str(x["id"]) for x in d["liaisons"])')" "closed 200 $OA"
http R "$U/api/v1/liaison?q=zephyr+probe"
check "L6: and both, newest first" eq "$(jget "$R_body" '",".join(str(x["id"]) for x in d["liaisons"])')" "$OA,$OB"
for bad in 0 501 ten; do
  http R "$U/api/v1/liaison?q=zephyr&limit=$bad"
  check "the API refuses limit=$bad with a sentence (400)" bash -c '[ "$1" = 400 ] && grep -q "from 1 to 500" <<<"$2"' _ "$R_code" "$R_body"
done
check "L6: the search index has one entry per statement after posting, re-posting (redirect) and closing" eq \
  "$(q "SELECT (SELECT count(*) FROM liaison_fts) || '/' || (SELECT count(*) FROM liaison)")" "$(q "SELECT count(*) || '/' || count(*) FROM liaison")"

# ---- L11: reminders on a moved clock: 14, 7, 4, 3, 2, 1, 0 days before, then overdue, each once a day.
remind() { IDTRACKER_DATA="$L_DATA" IDTRACKER_NOW="$1T06:00:00Z" "$IDT_BIN" remind; }
api "$K_LM" -d direction=incoming -d from_groups=itu-t-sg-15 -d to_groups=quic -d from_contact=hiroshi.nakamura@example.org \
  -d to_contacts=quic-chairs@example.org -d technical_contacts=expert@itu.example.org -d purpose=action -d deadline=2027-03-01 \
  -d "title=Open question on QUIC" -d body=Q. "$U/api/v1/liaison"
I3=$(jget "$R_body" 'd["id"]')
cnt() { q "SELECT count(*) FROM outbox WHERE template='liaison_reminder' AND object_id='$I3'"; }
before=$(cnt)
remind 2027-02-10 >/dev/null
check "L11: 19 days before: no reminder" eq "$(cnt)" "$before"
for d in 2027-02-15 2027-02-22 2027-02-25 2027-02-26 2027-02-27 2027-02-28 2027-03-01; do remind "$d" >/dev/null; done
check "L11: 14, 7, 4, 3, 2, 1 and 0 days before: seven reminders" eq "$(cnt)" "$((before + 7))"
out=$(remind 2027-03-01)
check "L11: running twice the same day sends nothing more" bash -c '[ "$1" = "$2" ] && grep -q "already sent today" <<<"$3"' _ "$(cnt)" "$((before + 7))" "$out"
# The tickler reads under the write lock only what is due and not yet reminded: on 2027-03-01 (the
# day it already ran) nothing; a statement 20 days overdue or 10 days ahead is never read so.
api "$K_LM" -d direction=incoming -d from_groups=itu-t-sg-15 -d to_groups=quic -d from_contact=hiroshi.nakamura@example.org \
  -d to_contacts=quic-chairs@example.org -d purpose=action -d deadline=2027-02-09 -d "title=Long overdue" -d body=Q. "$U/api/v1/liaison"
api "$K_LM" -d direction=incoming -d from_groups=itu-t-sg-15 -d to_groups=quic -d from_contact=hiroshi.nakamura@example.org \
  -d to_contacts=quic-chairs@example.org -d purpose=action -d deadline=2027-03-11 -d "title=Far ahead" -d body=Q. "$U/api/v1/liaison"
check "L11: on a day already done, nothing due is read under the write lock (not the overdue, not the far ahead)" \
  contains "$(remind 2027-03-01)" "(0 statements due read under the write lock)"
remind 2027-03-03 >/dev/null
check "L11: overdue: a daily OUT OF DATE reminder" bash -c '[ "$1" = "$2" ] && grep -q "OUT OF DATE: 2 days past 2027-03-01" <<<"$3"' _ "$(cnt)" "$((before + 8))" "$(q "SELECT subject FROM outbox WHERE template='liaison_reminder' AND object_id='$I3' ORDER BY id DESC LIMIT 1")"
check "L11: reminders copy the technical contact, not the group list" bash -c 'grep -q "expert@itu.example.org" <<<"$1" && ! grep -q "quic@lists.example.org" <<<"$1"' _ "$(q "SELECT recipients FROM outbox WHERE template='liaison_reminder' AND object_id='$I3' ORDER BY id DESC LIMIT 1")"
check "L11: a statement replied to (action taken) gets no tickler" eq "$(q "SELECT count(*) FROM outbox WHERE template='liaison_reminder' AND object_id='$I1'")" 0

# ---- Pages: the forms and who sees them.
JC="$E2E_TMP/jar-c"; sign_in "$U" "$JC" lukas.brenner@example.org demo-password
http R -b "$JC" "$U/liaison/add/outgoing/"
check "L3: the outgoing form offers the chair's own WG only" bash -c '[ "$1" = 200 ] && grep -q "<option value=\"quic\"" <<<"$2" && ! grep -q "<option value=\"httpbis\"" <<<"$2"' _ "$R_code" "$R_body"
http R -b "$JC" "$U/liaison/add/incoming/"
check "L2: the incoming form is refused to a WG chair" eq "$R_code" 403
http R "$U/liaison/add/outgoing/"
check "the forms need a sign-in" eq "$R_code" 302
c=$(csrf_from "$(curl -s -b "$JC" "$U/liaison/add/outgoing/")")
http R -c "$JC" -b "$JC" --data-urlencode "csrf=$c" -d from_groups=quic -d to_groups=etsi -d from_contact=lukas.brenner@example.org \
  -d to_contacts=etsi@example.org -d purpose=info --data-urlencode "title=<script>alert(1)</script> via the page" -d body=B. "$U/liaison/add/outgoing/"
P1=$(q "SELECT id FROM liaison WHERE title LIKE '%via the page'")
check "the page form creates a pending statement and shows it to its submitter" bash -c '[ "$1" = 303 ] && [ "$2" = pending ]' _ "$R_code" "$(lstate "$P1")"
http R -b "$JC" "$U/liaison/$P1/"
check "the submitter sees it, escaped, without Approve" bash -c '[ "$1" = 200 ] && grep -q "&lt;script&gt;alert(1)&lt;/script&gt;" <<<"$2" && ! grep -q "value=\"approve\"" <<<"$2"' _ "$R_code" "$R_body"
http R -c "$JC" -b "$JC" --data-urlencode "csrf=$(csrf_from "$R_body")" -d action=approve "$U/liaison/$P1/"
check "a forged Approve from the page is refused on the server (403), still pending" eq "$R_code/$(lstate "$P1")" "403/pending"
http R -b "$JC" "$U/liaison/mine/"
check "L8: my statements lists what I entered" contains "$R_body" "via the page"
http R "$U/liaison/sdo/"
check "L16: the SDO directory lists organizations with their liaison managers" bash -c 'grep -q "ITU-T Study Group 15 (itu-t-sg-15)" <<<"$1" && grep -q "Hiroshi Nakamura" <<<"$1"' _ "$R_body"

# ---- L14: attachments through the page: readable formats, companions, programs refused, safe serving.
JH="$E2E_TMP/jar-h"; sign_in "$U" "$JH" hiroshi.nakamura@example.org demo-password
T="$E2E_TMP/att"; mkdir -p "$T"
printf '%%PDF-1.4\n%% a statement\n' > "$T/ls-042.pdf"
printf 'MZ\x90\x00 not really a program' > "$T/tool.exe"
printf 'PK\x03\x04\x00\x00binary-word-file' > "$T/ls-042.docx"
printf '<!DOCTYPE html><html><body><script>alert(1)</script>Hello</body></html>' > "$T/ls-042.html"
addin() { c=$(csrf_from "$(curl -s -b "$JH" "$U/liaison/add/incoming/")"); http R -c "$JH" -b "$JH" -F "csrf=$c" -F from_groups=itu-t-sg-15 -F to_groups=quic \
  -F from_contact=hiroshi.nakamura@example.org -F to_contacts=quic-chairs@example.org -F purpose=info -F "title=$1" "${@:2}" "$U/liaison/add/incoming/"; }
n=$(q "SELECT count(*) FROM liaison")
addin "Program attached" -F body=B -F "attach_file=@$T/tool.exe"
check "L14: an executable is refused (415) and nothing is stored" bash -c '[ "$1" = 415 ] && grep -q "programs are never accepted" <<<"$2" && [ "$3" = "$4" ]' _ "$R_code" "$R_body" "$n" "$(q "SELECT count(*) FROM liaison")"
addin "Word only" -F body=B -F "attach_file=@$T/ls-042.docx"
check "L14: a Word file alone (no readable companion) is refused (415), nothing stored" bash -c '[ "$1" = 415 ] && grep -q "readable version first" <<<"$2" && [ "$3" = "$4" ]' _ "$R_code" "$R_body" "$n" "$(q "SELECT count(*) FROM liaison")"
addin "Content in the PDF" -F "attach_file=@$T/ls-042.pdf" -F "attach_title=LS 42 (PDF)"
A1=$(q "SELECT id FROM liaison WHERE title='Content in the PDF'")
check "L1, L14: an empty body with a PDF attached is posted" eq "$R_code/$(lstate "$A1")" "303/posted"
AT=$(q "SELECT id FROM liaison_attachment WHERE liaison_id=$A1")
http R "$U/liaison/$A1/attachment/$AT/"
check "L14: the PDF is served as PDF with a Content-Disposition" bash -c '[ "$1" = 200 ] && grep -qi "^Content-Type: application/pdf" <<<"$2" && grep -qi "^Content-Disposition: inline; filename=\"ls-042.pdf\"" <<<"$2"' _ "$R_code" "$R_headers"
c=$(csrf_from "$(curl -s -b "$JH" "$U/liaison/$A1/")")
http R -c "$JH" -b "$JH" -F "csrf=$c" -F "attach_file=@$T/ls-042.docx" "$U/liaison/$A1/attach/"
AW=$(q "SELECT id FROM liaison_attachment WHERE liaison_id=$A1 AND filename='ls-042.docx'")
check "L14: beside the PDF, the Word file is accepted" bash -c '[ "$1" = 303 ] && [ -n "$2" ]' _ "$R_code" "$AW"
http R "$U/liaison/$A1/attachment/$AW/"
check "L14: a format we cannot show is a download (octet-stream, attachment)" bash -c 'grep -qi "^Content-Type: application/octet-stream" <<<"$1" && grep -qi "^Content-Disposition: attachment" <<<"$1"' _ "$R_headers"
http R -c "$JH" -b "$JH" -F "csrf=$c" -F "attach_file=@$T/ls-042.html" "$U/liaison/$A1/attach/"
AH=$(q "SELECT id FROM liaison_attachment WHERE liaison_id=$A1 AND filename='ls-042.html'")
http R "$U/liaison/$A1/attachment/$AH/"
check "L14: an HTML attachment is served as text, never as a page of this site" bash -c 'grep -qi "^Content-Type: text/plain" <<<"$1"' _ "$R_headers"
http R -c "$JH" -b "$JH" -F "csrf=$c" -F "attach_url=https://www.itu.int/md/T22-SG15-LS-042" -F "attach_url_title=ITU copy" "$U/liaison/$A1/attach/"
http R "$U/liaison/?q=ITU%20copy"
check "L6, L14: search covers attachment titles" contains "$R_body" "/liaison/$A1/"
http R -c "$JH" -b "$JH" --data-urlencode "csrf=$c" -d action=remove_attachment -d "value=$AW" "$U/liaison/$A1/"
check "L14: removal hides the file and keeps the history" bash -c '[ "$1" = 1 ] && grep -q "Attachment Removed: ls-042.docx" <<<"$2"' _ "$(q "SELECT removed FROM liaison_attachment WHERE id=$AW")" "$(curl -s "$U/liaison/$A1/")"
http R "$U/liaison/$A1/attachment/$AW/"
check "  ...and the removed file is no longer served" eq "$R_code" 404
head -c $((21 * 1024 * 1024)) /dev/zero | tr '\0' 'a' > "$T/big.txt"
http R -c "$JH" -b "$JH" -F "csrf=$c" -F "attach_file=@$T/big.txt" "$U/liaison/$A1/attach/"
check "L14: an attachment over the limit is a 413 with the sentence" bash -c '[ "$1" = 413 ]' _ "$R_code"
head -c $((50 * 1024 * 1024)) /dev/zero > "$T/huge.pdf"
http R -c "$JH" -b "$JH" -F "csrf=$c" -F "attach_file=@$T/huge.pdf" "$U/liaison/$A1/attach/"
check "L14: a 50 MB attachment is refused at the door (413)" eq "$R_code" 413
check "  ...and no file was kept for the refused ones" eq "$(ls "$L_DATA/liaison/$A1" | wc -l)" 3

# ---- L13: edit and resubmit, every change in the history.
c=$(csrf_from "$(curl -s -b "$JC" "$U/liaison/$P1/edit/")")
http R -c "$JC" -b "$JC" --data-urlencode "csrf=$c" -d from_groups=quic -d to_groups=etsi -d from_contact=lukas.brenner@example.org \
  -d to_contacts=etsi@example.org -d purpose=info -d "title=Edited title" -d body=New. "$U/liaison/$P1/edit/"
check "L13: the submitter edits the pending statement; the history names what changed" bash -c '[ "$1" = 303 ] && grep -q "Statement Modified: title, body" <<<"$2"' _ "$R_code" "$(q "SELECT group_concat(detail, ';') FROM event WHERE object_type='liaison' AND object_id='$P1'")"
http R -b "$JH" "$U/liaison/$P1/edit/"
check "L13: someone else cannot edit it" bash -c '[ "$1" = 403 ] || [ "$1" = 404 ]' _ "$R_code"
api "$K_AD" -X POST "$U/api/v1/liaison/$P1/kill"
c=$(csrf_from "$(curl -s -b "$JC" "$U/liaison/$P1/edit/")")
http R -c "$JC" -b "$JC" --data-urlencode "csrf=$c" -d from_groups=quic -d to_groups=etsi -d from_contact=lukas.brenner@example.org \
  -d to_contacts=etsi@example.org -d purpose=info -d "title=Edited and resubmitted" -d body=Better. "$U/liaison/$P1/edit/"
check "L13: a dead statement edited by its submitter is resubmitted (pending, approvers asked again)" bash -c '[ "$1" = pending ] && [ "$2" -ge 2 ]' _ "$(lstate "$P1")" "$(q "SELECT count(*) FROM outbox WHERE template='liaison_approval' AND object_id='$P1'")"

# ---- L15: the public submits; confirmation; moderation; rate limit.
JP="$E2E_TMP/jar-p"
pub() { c=$(csrf_from "$(curl -s -c "$JP" -b "$JP" "$U/liaison/submit/")"); http R -c "$JP" -b "$JP" --data-urlencode "csrf=$c" -d "org=Open Forum" -d "name=Olga Open" -d email=olga@forum.example.org -d to_group=quic -d purpose=info --data-urlencode "title=$1" -d body=Hello. "$U/liaison/submit/"; }
pub "A word from the Open Forum"
PB=$(q "SELECT id FROM liaison WHERE title='A word from the Open Forum'")
check "L15: anyone submits without signing in; it waits unconfirmed (moderation)" eq "$R_code/$(lstate "$PB")/$(q "SELECT confirmed FROM liaison WHERE id=$PB")" "200/moderation/0"
http R "$U/liaison/$PB/"
check "L15: invisible to the public" eq "$R_code" 404
K_COORD=$(key noor.haddad@example.org)
api "$K_COORD" -X POST "$U/api/v1/liaison/$PB/approve"
check "L15: not even a moderator can post it before the contact confirms" bash -c '[[ "$1" = 403 || "$1" = 404 ]] && [ "$2" = moderation ]' _ "$R_code" "$(lstate "$PB")"
CL=$(q "SELECT message FROM outbox WHERE template='liaison_confirm' AND object_id='$PB'" | python3 -c 'import sys,email,email.policy,re; m=email.message_from_bytes(sys.stdin.buffer.read().replace(b"\r\n",b"\n"),policy=email.policy.default); print(re.search(r"http\S*/confirm/\S*/",m.get_content()).group(0))')
http R -c "$JP" -b "$JP" "$CL"
http R -c "$JP" -b "$JP" --data-urlencode "csrf=$(csrf_from "$R_body")" -d action=confirm "$CL"
check "L15: the contact confirms by the mailed link; the moderators are told" bash -c '[ "$1" = 1 ] && grep -q "noor.haddad@example.org" <<<"$2"' _ "$(q "SELECT confirmed FROM liaison WHERE id=$PB")" "$(q "SELECT recipients FROM outbox WHERE template='liaison_moderate' AND object_id='$PB'")"
api "$K_CHAIR" -X POST "$U/api/v1/liaison/$PB/approve"
check "L15: a WG chair is no moderator" bash -c '[[ "$1" = 403 || "$1" = 404 ]] && [ "$2" = moderation ]' _ "$R_code" "$(lstate "$PB")"
api "$K_COORD" -X POST "$U/api/v1/liaison/$PB/approve"
check "L15: an IAB liaison coordinator posts it" eq "$R_code/$(lstate "$PB")" "200/posted"
pub "Second from the forum"; pub "Third from the forum"
check "L15: the public is rate limited per address (429 past the daily limit), nothing stored" bash -c '[ "$1" = 429 ] && grep -q "daily limit" <<<"$2" && [ "$3" = 0 ]' _ "$R_code" "$R_body" "$(q "SELECT count(*) FROM liaison WHERE title='Third from the forum'")"

# ---- Statements by mail land in the moderation queue with their attachments.
python3 - "$T/ls-042.pdf" >"$E2E_TMP/ls.eml" <<'PY'
import sys
from email.message import EmailMessage
m = EmailMessage()
m["From"] = "ETSI Secretariat <secretariat@etsi.example.org>"; m["To"] = "statements@example.org"
m["Subject"] = "LS on NFV to IETF OPSAWG"; m["Message-ID"] = "<ls-mail-1@etsi.example.org>"
m.set_content("Please find our LS attached.")
m.add_attachment(open(sys.argv[1], "rb").read(), maintype="application", subtype="pdf", filename="NFV-LS.pdf")
sys.stdout.write(m.as_string())
PY
IDTRACKER_DATA="$L_DATA" IDTRACKER_STATEMENTS_ADDRESS=statements@example.org "$IDT_BIN" mail-in --to statements@example.org <"$E2E_TMP/ls.eml"; rc=$?
MI=$(q "SELECT id FROM liaison WHERE title='LS on NFV to IETF OPSAWG'")
check "a mailed statement waits for moderation, its PDF kept (exit 0)" bash -c '[ "$1" = 0 ] && [ "$2" = moderation ] && [ "$3" = NFV-LS.pdf ]' _ "$rc" "$(lstate "$MI")" "$(q "SELECT filename FROM liaison_attachment WHERE liaison_id=$MI")"
IDTRACKER_DATA="$L_DATA" IDTRACKER_STATEMENTS_ADDRESS=statements@example.org "$IDT_BIN" mail-in --to statements@example.org <"$E2E_TMP/ls.eml"
check "  ...the same mail twice makes one statement" eq "$(q "SELECT count(*) FROM liaison WHERE title='LS on NFV to IETF OPSAWG'")" 1

# ---- issue 10: the page cache (http/page_cache.c). An anonymous reader's page is served again from
# memory while nothing has changed; never across a change, never to someone signed in, never when a
# cookie is being cleared.
# (On PostgreSQL the requests alternate between two servers, each with a cache of its own: the third
# request is the first one's server again.)
http R "$U/liaison/?q=cachecheck"; c1=$(x_cache); b1=$R_body
for _ in 1 2; do http R "$U/liaison/?q=cachecheck"; c2=$(x_cache); b2=$R_body; [ "$c2" = hit ] && break; done
check "issue 10: an anonymous search is built once (X-Cache: miss), then answered from memory (hit), byte for byte" \
  bash -c '[ "$1/$2" = miss/hit ] && [ "$3" = "$4" ] && [ -n "$3" ]' _ "$c1" "$c2" "$b1" "$b2"
http R "$U/liaison/?q=cachecheck&page=1"; c3=$(x_cache)
check "  ...another query is another page (miss)" eq "$c3" miss
api "$K_LM" -d direction=incoming -d from_groups=itu-t-sg-15 -d to_groups=quic -d "from_contact=hiroshi.nakamura@example.org" \
  -d "to_contacts=quic-chairs@example.org" -d purpose=info -d "title=LS on cachecheck transport" -d body=Info. "$U/api/v1/liaison"
check "  (a statement with that word is posted through the API)" eq "$R_code" 201
# On PostgreSQL the other server may have read the generation up to 20 ms ago (GEN_LEASE_MS).
[ -n "${IDT_PG_SOCKET:-}" ] && sleep 0.05
http R "$U/liaison/?q=cachecheck"; c4=$(x_cache)
check "issue 10: the very next anonymous search shows the new statement (built again: miss), not the kept page" \
  bash -c '[ "$1" = miss ] && grep -q "LS on cachecheck transport" <<<"$2"' _ "$c4" "$R_body"
JC="$E2E_TMP/cache.jar"
sign_in "$U" "$JC" hiroshi.nakamura@example.org demo-password
for _ in 1 2; do http R "$U/liaison/?q=cachecheck"; done
http R -b "$JC" -c "$JC" "$U/liaison/?q=cachecheck"; c5=$(x_cache)
check "issue 10: a signed-in reader never gets the anonymous page: built for them (no X-Cache), with Sign out" \
  bash -c '[ -z "$1" ] && grep -q "Sign out" <<<"$2"' _ "$c5" "$R_body"
http R -H "Cookie: idtracker_session=expired-or-made-up" "$U/liaison/?q=cachecheck"; c6=$(x_cache)
check "issue 10: a request whose dead session cookie is being cleared is built for itself (Set-Cookie, no X-Cache)" \
  bash -c '[ "$1" = 200 ] && [ -z "$2" ] && grep -qi "^set-cookie: idtracker_session=;" <<<"$3"' _ "$R_code" "$c6" "$R_headers"
server_start LC IDTRACKER_PAGE_CACHE=0 || true
http R "$LC_URL/liaison/?q=cachecheck"; http R "$LC_URL/liaison/?q=cachecheck"; c7=$(x_cache)
check "issue 10: page_cache = 0 turns it off (no X-Cache, the page built each time)" bash -c '[ "$1" = 200 ] && [ -z "$2" ]' _ "$R_code" "$c7"
server_stop LC

server_stop L
sink_stop
e2e_finish e2e-liaison
