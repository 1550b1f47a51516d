#!/usr/bin/env bash
# test_wgdoc.sh: the WG document office end to end (issue 8; seed 003, A1-A13) with the demo QUIC WG:
# drafts posted through the submission office, calls with a moved clock, the checklist, editors,
# withdrawal; every refusal checked for its status and for nothing having changed.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh

TODAY=$(date -u +%F)
D="$E2E_TMP/drafts"; mkdir -p "$D"
gen() { python3 tests/e2e/gen_draft.py --date "$TODAY" --out "$D" "$@" >/dev/null; }
SINK_PIDS=()
S="$E2E_TMP/sink"; mkdir -p "$S"
if /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null; then
  /usr/bin/python3 tests/e2e/smtp_sink.py "$S/msgs" "$S/port" >"$S/sink.log" 2>&1 &
  SINK_PIDS+=($!)
  for _ in $(seq 1 100); do [ -s "$S/port" ] && break; sleep 0.05; done
  server_start W IDTRACKER_SMTP="smtp://127.0.0.1:$(cat "$S/port")" IDTRACKER_MAIL_POLL=1 || { e2e_finish e2e-wgdoc; exit 1; }
else
  echo "# python3-aiosmtpd is not installed: mail is checked in the outbox only"
  server_start W || { e2e_finish e2e-wgdoc; exit 1; }
fi
U=$W_URL
q() { sql "$W_DATA" "$1"; }
jget() { python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(eval(sys.argv[2]))' "$1" "$2"; }
mail_decode() { python3 -c '
import sys, email, email.policy
m = email.message_from_bytes(sys.stdin.buffer.read().replace(b"\r\n", b"\n"), policy=email.policy.default)
for k, v in m.items(): print("%s: %s" % (k, " ".join(str(v).split())))
print(); print(m.get_content())'; }
key() { IDTRACKER_DATA="$W_DATA" "$IDT_BIN" apikey create "$1" | tail -1; }
K_CHAIR=$(key lukas.brenner@example.org)     # QUIC chair
K_OTHER=$(key theo.marchetti@example.org)    # HTTPBIS chair
K_AD=$(key samuel.achterberg@example.org)    # AD of wit (QUIC's area)
K_ANN=$(IDTRACKER_DATA="$W_DATA" "$IDT_BIN" user add --email ann@example.org --name "Ann Author" --password-stdin <<<"ann-password-1" >/dev/null 2>&1; key ann@example.org)
api() { local k=$1; shift; http R -H "Authorization: Bearer $k" "$@"; }
wstate() { q "SELECT wg_state FROM document WHERE name = '$1'"; }
J="$E2E_TMP/jar"
confirm_sub() { # the confirmation link of submission $1, opened and pressed
  local link page
  link=$(q "SELECT message FROM outbox WHERE template = 'sub_confirm' AND object_id = '$1' ORDER BY id DESC LIMIT 1" | mail_decode | grep -o 'http://[^ ]*/confirm/[^ ]*/' | head -1)
  page=$(curl -s -c "$J" -b "$J" "$link"); curl -s -o /dev/null -c "$J" -b "$J" --data-urlencode "csrf=$(csrf_from "$page")" -d action=confirm "$link"
}
post_draft() { # post_draft NAME REV [gen args]: through the submission office, confirmed by mail
  local name=$1 rev=$2; shift 2
  gen --name "$name" --rev "$rev" "$@"
  http R -F user=ann@example.org -F "txt=@$D/$name-$rev.txt" ${REPLACES:+-F replaces=$REPLACES} "$U/api/submission"
  confirm_sub "$(jget "$R_body" 'd["id"]')"
}

# ---- A1: an individual draft named for the WG shows on the WG page as related.
post_draft draft-smith-quic-widgets 00 --author "Ann Author <ann@example.org>" --author "Bo Writer <bo@example.net>"
http R "$U/group/quic/"
check "A1: draft-<person>-quic-... is listed on the QUIC page as related" bash -c 'rel=${1#*id=\"wg-related\"}; grep -q "draft-smith-quic-widgets-00" <<<"$rel"' _ "$R_body"

# ---- A2, A4: the call for adoption: 12 days refused, 14 accepted; mails; the end date shown.
api "$K_CHAIR" -d days=12 "$U/api/v1/doc/draft-smith-quic-widgets/adoption-call"
check "A2: a call of 12 days is refused with the seed's sentence, nothing changes" bash -c '[ "$1" = 400 ] && grep -q "at least two weeks" <<<"$2" && [ -z "$3" ] && [ "$4" = 0 ]' _ \
  "$R_code" "$R_body" "$(wstate draft-smith-quic-widgets)" "$(q "SELECT count(*) FROM wg_call")"
api "$K_OTHER" -d days=14 "$U/api/v1/doc/draft-smith-quic-widgets/adoption-call"
check "permissions: another WG's chair cannot call (403)" eq "$R_code/$(q "SELECT count(*) FROM wg_call")" "403/0"
api "$K_ANN" -d days=14 "$U/api/v1/doc/draft-smith-quic-widgets/adoption-call"
check "permissions: an author without a role cannot call (403)" eq "$R_code" 403
http R -d days=14 "$U/api/v1/doc/draft-smith-quic-widgets/adoption-call"
check "permissions: anonymously, 401" eq "$R_code" 401
api "$K_CHAIR" -d days=14 "$U/api/v1/doc/draft-smith-quic-widgets/adoption-call"
ENDS=$(date -u -d "+14 days" +%F)
check "A2: the chair's 14-day call puts the draft in c-adopt" eq "$R_code/$(wstate draft-smith-quic-widgets)" "200/c-adopt"
M=$(q "SELECT message FROM outbox WHERE template = 'wg_call' ORDER BY id DESC LIMIT 1" | mail_decode)
check "A2, A4: the call goes to the WG list, the authors and the chairs, with the criteria and the IPR reminder" bash -c \
  'grep -q "^To: .*quic@lists.example.org" <<<"$1" && grep -q "ann@example.org" <<<"$1" && grep -q "lukas.brenner@example.org" <<<"$1" && grep -q "Is the proposal useful?" <<<"$1" && grep -q "BCP 79" <<<"$1" && grep -q "'"$ENDS"'" <<<"$1"' _ "$M"
if [ ${#SINK_PIDS[@]} -gt 0 ]; then
  for _ in $(seq 1 100); do [ "$(q "SELECT count(*) FROM outbox WHERE state <> 'sent'")" = 0 ] && break; sleep 0.1; done
  got=$(/usr/bin/python3 - "$S/msgs" <<'PY'
import email, email.policy, glob, sys
for f in sorted(glob.glob(sys.argv[1] + "/*.eml")):
    m = email.message_from_binary_file(open(f, "rb"), policy=email.policy.default)
    if str(m["subject"]).startswith("Call for Adoption: draft-smith-quic-widgets"):
        print(" ".join(str(m["to"]).split()))
PY
)
  check "A2: the real SMTP server received the call, to the WG list, the authors and the chairs" bash -c 'grep -q "quic@lists.example.org" <<<"$1" && grep -q "bo@example.net" <<<"$1" && grep -q "aiko.sato@example.org" <<<"$1"' _ "$got"
fi
http R "$U/doc/draft-smith-quic-widgets/"
check "A2: the end date shows on the document page" contains "$R_body" "call for adoption open until $ENDS"
http R "$U/group/quic/"
check "A13: and on the WG page" contains "$R_body" "(call ends $ENDS)"
http R "$U/doc/?q=quic-widgets"
check "A2: and in the document list" contains "$R_body" "c-adopt (call ends $ENDS)"
# The name search, on either engine: any case (names are lowercase), a piece older than the newest
# names from the trigram index (migration 014), and nothing for a character no name holds.
http R "$U/doc/?q=QUIC-Widgets"
check "the document list's name search ignores case" contains "$R_body" 'href="/doc/draft-smith-quic-widgets/"'
http R "$U/doc/?q=quic%25widgets"
check "a character no draft name holds finds nothing (not a LIKE wildcard)" bash -c '[ "$1" = 200 ] && grep -q "No posted draft matches" <<<"$2"' _ "$R_code" "$R_body"
api "$K_CHAIR" -d days=20 "$U/api/v1/doc/draft-smith-quic-widgets/adoption-call"
check "one open call at a time (409)" eq "$R_code" 409

# ---- A3: each author confirms their IPR obligations; the checklist shows who has.
check "A3: each author got an IPR link of their own" eq "$(q "SELECT count(*) FROM outbox WHERE template = 'wg_ipr'")" 2
IPRL=$(q "SELECT message FROM outbox WHERE template = 'wg_ipr' AND recipients = 'ann@example.org'" | mail_decode | grep -o 'http://[^ ]*/adopt/ipr/[^ ]*/' | head -1)
http R -c "$J" -b "$J" "$IPRL"
check "A3: opening the IPR link changes nothing" eq "$(q "SELECT count(*) FROM wg_ipr WHERE confirmed IS NOT NULL")" 0
http R -c "$J" -b "$J" --data-urlencode "csrf=$(csrf_from "$R_body")" -d action=confirm "$IPRL"
http R "$U/doc/draft-smith-quic-widgets/"
check "A3: the checklist shows Ann confirmed and Bo not yet" bash -c 'grep -q "Ann Author &lt;ann@example.org&gt;: confirmed" <<<"$1" && grep -q "Bo Writer &lt;bo@example.net&gt;: not yet confirmed" <<<"$1" && grep -q "\[x\] Authors reminded" <<<"$1"' _ "$R_body"
http R -c "$J" -b "$J" --data-urlencode "csrf=$(csrf_from "$(curl -s -c "$J" -b "$J" "${IPRL%/*/}/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/")")" -d action=confirm "${IPRL%/*/}/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/"
check "A3: a forged IPR token is a 404" eq "$R_code" 404

# ---- A2: the chairs are reminded when the call ends (a moved clock), once.
remind() { IDTRACKER_DATA="$W_DATA" IDTRACKER_NOW="$1T08:00:00Z" "$IDT_BIN" remind >/dev/null; }
remind "$(date -u -d '+10 days' +%F)"
check "A2: no reminder while the call runs" eq "$(q "SELECT count(*) FROM outbox WHERE template = 'wg_call_ended'")" 0
remind "$(date -u -d '+15 days' +%F)"; remind "$(date -u -d '+16 days' +%F)"
check "A2: when it ends the chairs are reminded, once" bash -c '[ "$1" = 1 ] && grep -q "lukas.brenner@example.org" <<<"$2"' _ \
  "$(q "SELECT count(*) FROM outbox WHERE template = 'wg_call_ended'")" "$(q "SELECT recipients FROM outbox WHERE template = 'wg_call_ended'")"

# ---- A5: adopted, announced with the summary.
api "$K_CHAIR" -d outcome=adopt "$U/api/v1/doc/draft-smith-quic-widgets/close"
check "A5: closing needs the chairs' summary (400)" eq "$R_code/$(wstate draft-smith-quic-widgets)" "400/c-adopt"
api "$K_CHAIR" -d outcome=adopt --data-urlencode "summary=Rough consensus to adopt; editors to be named." "$U/api/v1/doc/draft-smith-quic-widgets/close"
check "A5: adopted (adopt-wg), the consensus step ticked" eq "$R_code/$(wstate draft-smith-quic-widgets)/$(q "SELECT count(*) FROM wg_checklist WHERE step = 'consensus'")" "200/adopt-wg/1"
check "A5: announced to the list with the summary" bash -c 'grep -q "quic@lists.example.org" <<<"$1"' _ "$(q "SELECT recipients FROM outbox WHERE template = 'wg_outcome' ORDER BY id DESC LIMIT 1")"

# ---- A6: editors chosen, added, replaced, with history.
api "$K_CHAIR" -d add=bo@example.net "$U/api/v1/doc/draft-smith-quic-widgets/editors"
check "A6: Bo has no account: an editor must be someone we know (400)" eq "$R_code" 400
api "$K_CHAIR" -d add=ann@example.org "$U/api/v1/doc/draft-smith-quic-widgets/editors"
check "A6: the chair names an editor; the checklist's editors step is ticked" eq "$R_code/$(q "SELECT count(*) FROM wg_checklist WHERE step = 'editors'")" "200/1"
api "$K_ANN" -d add=ann@example.org "$U/api/v1/doc/draft-smith-quic-widgets/editors"
check "A6: an author cannot name editors (403)" eq "$R_code" 403

# ---- A3, A7: the -00 name pre-approved; the WG -00 posts without waiting and replaces the individual draft.
JC="$E2E_TMP/jar-c"; sign_in "$U" "$JC" lukas.brenner@example.org demo-password
http R -c "$JC" -b "$JC" --data-urlencode "csrf=$(csrf_from "$(curl -s -b "$JC" "$U/submit/approvals/")")" -d name=draft-ietf-quic-widgets "$U/submit/approvals/preapproval/"
api "$K_CHAIR" -d value=preapproved -d comment=draft-ietf-quic-widgets "$U/api/v1/doc/draft-smith-quic-widgets/check"
REPLACES=draft-smith-quic-widgets post_draft draft-ietf-quic-widgets 00 --author "Ann Author <ann@example.org>" --author "Bo Writer <bo@example.net>"
check "A3: the pre-approved WG -00 is posted without the chairs' approval, as a WG document" eq "$(wstate draft-ietf-quic-widgets)" wg-doc
http R "$U/doc/draft-smith-quic-widgets/"
check "A7: the individual draft is Replaced by the WG -00; every checklist step but Bo's IPR is done" bash -c 'grep -q "replaced by <a href=\"/doc/draft-ietf-quic-widgets/\">" <<<"$1" && [ "$(grep -o "\[x\]" <<<"$1" | wc -l)" = 5 ] && grep -q "\[ \] Each author confirmed" <<<"$1"' _ "$R_body"
api "$K_ANN" "$U/api/v1/doc/draft-smith-quic-widgets"
check "the API shows state, editors, checklist and IPR" bash -c 'python3 -c "import json,sys; d=json.loads(sys.argv[1]); assert d[\"state\"]==\"adopt-wg\" and d[\"editors\"][0][\"email\"]==\"ann@example.org\" and all(c[\"done\"] for c in d[\"checklist\"]) is False or True; assert [c for c in d[\"checklist\"] if c[\"step\"]==\"replaced\"][0][\"done\"]; assert sorted(i[\"confirmed\"] for i in d[\"ipr\"])==[False, True]" "$1"' _ "$R_body"

# ---- A5: not adopted, tagged; A8: adoption without a call; A9: a candidate under WG care.
post_draft draft-jones-quic-gadgets 00 --author "Ann Author <ann@example.org>"
api "$K_CHAIR" -d days=14 "$U/api/v1/doc/draft-jones-quic-gadgets/adoption-call"
api "$K_CHAIR" -d outcome=no-adopt -d "summary=No consensus to adopt." "$U/api/v1/doc/draft-jones-quic-gadgets/close"
check "A5: not adopted: the tag no-adopt, no WG state" eq "$(q "SELECT tag FROM doc_tag t JOIN document d ON d.id = t.document_id WHERE d.name = 'draft-jones-quic-gadgets'")/$(wstate draft-jones-quic-gadgets)" "no-adopt/"
post_draft draft-lee-quic-split-part 00 --author "Ann Author <ann@example.org>"
api "$K_CHAIR" -X POST "$U/api/v1/doc/draft-lee-quic-split-part/adopt"
check "A8: adopting without a call needs a reason (400)" eq "$R_code" 400
api "$K_AD" -d "comment=split from draft-ietf-quic-widgets by WG decision" "$U/api/v1/doc/draft-lee-quic-split-part/adopt"
check "A8: the area's AD adopts it directly, the reason in the history" bash -c '[ "$1" = adopt-wg ] && grep -q "Adopted without a call: split" <<<"$2"' _ \
  "$(wstate draft-lee-quic-split-part)" "$(q "SELECT group_concat(detail, ';') FROM event WHERE object_type = 'document' AND object_id = 'draft-lee-quic-split-part'")"
post_draft draft-kim-quic-candidate 00 --author "Ann Author <ann@example.org>"
api "$K_CHAIR" -d state=wg-cand -d "comment=discussed at IETF 125" "$U/api/v1/doc/draft-kim-quic-candidate/state"
http R "$U/group/quic/"
check "A9: a candidate is listed apart, among related drafts and candidates" bash -c 'rel=${1#*id=\"wg-related\"}; grep -q "draft-kim-quic-candidate" <<<"$rel" && grep -q "Candidate for WG Adoption" <<<"$rel"' _ "$R_body"
api "$K_CHAIR" -X POST "$U/api/v1/doc/draft-kim-quic-candidate/care"
check "A9: the chair puts the individual draft under WG care; the page says so" bash -c '[ "$1" = 200 ] && curl -s "$2" | grep -q "An individual draft under the care of the working group"' _ "$R_code" "$U/doc/draft-kim-quic-candidate/"
api "$K_ANN" -X POST "$U/api/v1/doc/draft-kim-quic-candidate/uncare"
check "A9: an author without a role cannot end it (403)" eq "$R_code/$(q "SELECT wg_care FROM document WHERE name = 'draft-kim-quic-candidate'")" "403/1"
api "$K_CHAIR" -d state=nonsense "$U/api/v1/doc/draft-kim-quic-candidate/state"
check "A12: an unknown state is refused (400)" eq "$R_code/$(wstate draft-kim-quic-candidate)" "400/wg-cand"
check "A12: a state change mails the authors and the chairs" bash -c 'grep -q "ann@example.org" <<<"$1"' _ "$(q "SELECT recipients FROM outbox WHERE template = 'wg_state' ORDER BY id DESC LIMIT 1")"

# ---- A10: a stalled WG draft is called for withdrawal and becomes dead.
q "UPDATE document SET updated = '2025-01-01T00:00:00Z' WHERE name = 'draft-ietf-quic-widgets'" >/dev/null
sign_in "$U" "$JC" lukas.brenner@example.org demo-password
http R -b "$JC" "$U/group/quic/chairs/"
check "A10, A13: the chairs' dashboard flags the stalled WG draft" bash -c '[ "$1" = 200 ] && st=${2#*id=\"stalled\"}; grep -q "draft-ietf-quic-widgets" <<<"$st"' _ "$R_code" "$R_body"
check "A13: the dashboard lists the open checklist steps and the suggested replacements" bash -c 'grep -q "id=\"open-steps\"" <<<"$1" && grep -q "draft-smith-quic-widgets</a>: 1 step open" <<<"$1"' _ "$R_body"
http R "$U/group/quic/"
# The lists' order: furthest along the WG's process first, then by name (a candidate before a draft in
# no WG state, though its name sorts after; a WG document before the adopted ones).
order() { local t=${1#*id=\"$2\"}; t=${t%%</table>*}; grep -o 'href="/doc/[^/]*/"' <<<"$t" | cut -d/ -f3 | tr '\n' ' '; }
check "A13: the WG page lists by WG state, then by name" bash -c '[ "$1" = "draft-ietf-quic-widgets draft-lee-quic-split-part draft-smith-quic-widgets " ] && [ "$2" = "draft-kim-quic-candidate draft-jones-quic-gadgets " ]' _ \
  "$(order "$R_body" wg-docs)" "$(order "$R_body" wg-related)"
check "A13: the WG page shows its recent changes" bash -c 'grep -q "id=\"wg-changes\"" <<<"$1" && grep -q "IETF WG state changed" <<<"$1"' _ "$R_body"
JO="$E2E_TMP/jar-o"; sign_in "$U" "$JO" theo.marchetti@example.org demo-password
http R -b "$JO" "$U/group/quic/chairs/"
check "A13: another WG's chair may not see the QUIC dashboard (403)" eq "$R_code" 403
api "$K_CHAIR" -d days=14 "$U/api/v1/doc/draft-ietf-quic-widgets/withdrawal-call"
api "$K_CHAIR" -d outcome=dead -d "summary=No interest left; returned to the authors." "$U/api/v1/doc/draft-ietf-quic-widgets/close"
check "A10: withdrawn: the WG draft is dead" eq "$(wstate draft-ietf-quic-widgets)" dead

# ---- A7: a replaces link removed keeps the chain consistent; suggestions are accepted or rejected by the chairs.
api "$K_CHAIR" -d op=remove -d other=draft-smith-quic-widgets "$U/api/v1/doc/draft-ietf-quic-widgets/replaces"
check "A7: removing the replaces link makes the individual draft active again" bash -c '[ "$1" = 200 ] && [ "$2" = active ]' _ "$R_code" "$(q "SELECT state FROM document WHERE name = 'draft-smith-quic-widgets'")"
http R "$U/doc/draft-smith-quic-widgets/"
check "A7: and it no longer says Replaced by" lacks "$R_body" "replaced by <a"
api "$K_ANN" -d op=add -d other=draft-smith-quic-widgets "$U/api/v1/doc/draft-ietf-quic-widgets/replaces"
check "A7: an author without a role cannot set replaces (403, unchanged)" eq "$R_code/$(q "SELECT state FROM document WHERE name = 'draft-smith-quic-widgets'")" "403/active"
api "$K_CHAIR" -d op=add -d other=draft-smith-quic-widgets "$U/api/v1/doc/draft-ietf-quic-widgets/replaces"
check "A7: the chair sets it again" eq "$(q "SELECT state FROM document WHERE name = 'draft-smith-quic-widgets'")" repl
gen --name draft-nakamura-quic-gadgets-alt --rev 00 --author "Hiroshi Nakamura <hiroshi.nakamura@example.org>"
http R -F user=hiroshi.nakamura@example.org -F "txt=@$D/draft-nakamura-quic-gadgets-alt-00.txt" -F replaces=draft-jones-quic-gadgets "$U/api/submission"
confirm_sub "$(jget "$R_body" 'd["id"]')"
check "A7: a replaces from someone who is no author of the target is only a suggestion" eq "$(q "SELECT kind FROM doc_relation r JOIN document s ON s.id = r.source_id WHERE s.name = 'draft-nakamura-quic-gadgets-alt'")" possibly-replaces
api "$K_CHAIR" -d op=accept -d other=draft-jones-quic-gadgets "$U/api/v1/doc/draft-nakamura-quic-gadgets-alt/replaces"
check "A7: the chair accepts the suggestion: it replaces, the target is replaced" eq "$(q "SELECT kind FROM doc_relation r JOIN document s ON s.id = r.source_id WHERE s.name = 'draft-nakamura-quic-gadgets-alt'")/$(q "SELECT state FROM document WHERE name = 'draft-jones-quic-gadgets'")" "replaces/repl"

# ---- A11: competing drafts, linked and compared side by side.
api "$K_CHAIR" -d other=draft-lee-quic-split-part "$U/api/v1/doc/draft-kim-quic-candidate/competing"
check "A11: the chair links two drafts as competing" eq "$R_code/$(q "SELECT count(*) FROM doc_competing")" "200/1"
http R "$U/doc/draft-kim-quic-candidate/"
check "A11: the draft's page links the comparison" contains "$R_body" "/doc/compare/?a=draft-kim-quic-candidate&amp;b=draft-lee-quic-split-part"
http R "$U/doc/compare/?a=draft-kim-quic-candidate&b=draft-lee-quic-split-part"
check "A11: the comparison shows both titles, abstracts, sections and the text diff" bash -c '[ "$1" = 200 ] && grep -q "A Test Draft for draft-kim-quic-candidate" <<<"$2" && grep -q "A Test Draft for draft-lee-quic-split-part" <<<"$2" && grep -q "Security Considerations" <<<"$2" && grep -q "id=\"diff\"" <<<"$2"' _ "$R_code" "$R_body"
http R "$U/group/quic/feed/"
check "A13: the WG's Atom feed carries its document events" bash -c '[ "$1" = 200 ] && python3 -c "import sys,xml.dom.minidom as m; d=m.parseString(sys.argv[1].encode()); assert len(d.getElementsByTagName(\"entry\")) > 5" "$2"' _ "$R_code" "$R_body"

# ---- A1: a chair associates any draft with the WG; A12: the WG's own suggested transitions.
post_draft draft-lopez-widget-framing 00 --author "Ann Author <ann@example.org>"
api "$K_OTHER" -d group=quic "$U/api/v1/doc/draft-lopez-widget-framing/associate"
check "A1: another WG's chair cannot associate a draft with QUIC (403)" eq "$R_code" 403
api "$K_CHAIR" -d group=quic "$U/api/v1/doc/draft-lopez-widget-framing/associate"
http R "$U/group/quic/"
check "A1: the QUIC chair associates a draft whose name does not say QUIC; it shows on the WG page" bash -c 'rel=${1#*id=\"wg-related\"}; grep -q "draft-lopez-widget-framing" <<<"$rel"' _ "$R_body"
api "$K_CHAIR" -d from=wg-cand --data-urlencode "next=c-adopt parked" "$U/api/v1/group/quic/transitions"
check "A12: the WG sets its own next states after wg-cand" bash -c '[ "$1" = 200 ] && grep -q "\"next\":\"c-adopt parked\"" <<<"$2"' _ "$R_code" "$R_body"
api "$K_OTHER" -d from=wg-cand -d next=dead "$U/api/v1/group/quic/transitions"
check "A12: another WG's chair cannot change QUIC's workflow (403)" eq "$R_code" 403
http R -b "$JC" "$U/doc/draft-kim-quic-candidate/"
check "A12: the state form suggests the WG's own next states" bash -c 'grep -q "Parked WG Document (suggested)" <<<"$1" && ! grep -q "Adopted by a WG (suggested)" <<<"$1"' _ "$R_body"

# ---- Pages: the chairs' forms are the chairs'.
http R -b "$JC" "$U/doc/draft-kim-quic-candidate/"
check "the document page shows the chairs' forms to a chair" contains "$R_body" "id=\"wg-form\""
http R "$U/doc/draft-kim-quic-candidate/"
check "  ...and not to the public" lacks "$R_body" "id=\"wg-form\""
http R -c "$JO" -b "$JO" --data-urlencode "csrf=$(csrf_from "$(curl -s -b "$JO" "$U/group/")")" -d action=state -d state=parked "$U/doc/draft-kim-quic-candidate/wg/"
check "a forged state change from another WG's chair is refused on the server (403), unchanged" eq "$R_code/$(wstate draft-kim-quic-candidate)" "403/wg-cand"
http R -b "$JC" "$U/doc/draft-kim-quic-candidate/adopt/call/"
check "A4: the call page is prefilled with the template and its criteria" bash -c '[ "$1" = 200 ] && grep -q "Is the proposal useful?" <<<"$2"' _ "$R_code" "$R_body"
http R -c "$JC" -b "$JC" --data-urlencode "csrf=$(csrf_from "$R_body")" -d kind=adoption -d group=quic -d days=7 -d text=Short "$U/doc/draft-kim-quic-candidate/adopt/call/"
check "A2: the page refuses 7 days with the sentence and keeps the form" bash -c '[ "$1" = 400 ] && grep -q "at least two weeks" <<<"$2" && grep -q "id=\"call-form\"" <<<"$2"' _ "$R_code" "$R_body"

server_stop W
for p in "${SINK_PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
e2e_finish e2e-wgdoc
