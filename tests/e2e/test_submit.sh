#!/usr/bin/env bash
# test_submit.sh: the submission office end to end (issue 6; seed 004 sections 6-16, R1-R90): real
# drafts written by tests/e2e/gen_draft.py, a real server, curl, the SQLite file, the outbox and the
# archive folder. Each flow names the requirements it proves; every refusal checks that nothing was
# posted and nothing was left in staging.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh

TODAY=$(date -u +%F)
D="$E2E_TMP/drafts"; mkdir -p "$D"
gen() { python3 tests/e2e/gen_draft.py --date "$TODAY" --out "$D" "$@" >/dev/null; }
server_start S IDTRACKER_SUBMIT_ADDRESS=submission@example.org || { e2e_finish e2e-submit; exit 1; }
U=$S_URL
q() { sql "$S_DATA" "$1"; }
state() { q "SELECT state FROM submission WHERE id = $1"; }
# The newest message of a template about a submission, decoded (quoted-printable).
mail_of() { q "SELECT message FROM outbox WHERE template = '$1' AND object_id = '$2' ORDER BY id DESC LIMIT 1" | mail_decode; }
# A stored message as a person reads it: headers unfolded and decoded, the body decoded.
mail_decode() { python3 -c '
import sys, email, email.policy
m = email.message_from_bytes(sys.stdin.buffer.read().replace(b"\r\n", b"\n"), policy=email.policy.default)
for k, v in m.items(): print("%s: %s" % (k, " ".join(str(v).split())))
print(); print(m.get_content())'; }
confirm_link() { mail_of sub_confirm "$1" | grep -o 'http://[^ ]*/confirm/[^ ]*/' | head -1; }
staging() { ls "$S_DATA/staging" 2>/dev/null | tr '\n' ' '; }
J="$E2E_TMP/jar"
page_csrf() { csrf_from "$(curl -s -c "$1" -b "$1" "$U$2")"; }
# api VAR USER FILE...: POST /api/submission with the files (by extension).
api() {
  local var=$1 user=$2; shift 2; local args=() f
  for f in "$@"; do args+=(-F "${f##*.}=@$f"); done
  http "$var" -F "user=$user" "${args[@]}" "$U/api/submission"
}
jget() { python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(eval(sys.argv[2]))' "$1" "$2"; }

# ---- 1. A new individual -00 through the web: upload, check page, post, confirm by mail, posted.
gen --name draft-smith-foo-bar --rev 00 --author "Ann Author <ann@example.org>" --author "Bo Writer <bo@example.net>"
X=$D/draft-smith-foo-bar-00
http R "$U/submit/"
check "R1: /submit/ is the upload page with txt, xml, pdf, html and post-if-valid (R2, R3, R80)" bash -c \
  'for f in txt xml pdf html post_if_valid; do grep -q "name=\"$f\"" <<<"$1" || exit 1; done' _ "$R_body"
c=$(page_csrf "$J" /submit/)
http R -c "$J" -b "$J" -F "csrf=$c" -F "txt=@$X.txt" -F "xml=@$X.xml" -F "submitter_name=Ann Author" \
  -F "submitter_email=ann@example.org" "$U/submit/"
loc=$(grep -i '^Location:' <<<"$R_headers" | sed 's/^Location: //I')
check "R5, R6: the upload is checked at once and leads to its status page with a token" bash -c \
  '[ "$1" = 303 ] && [[ "$2" =~ /submit/status/[0-9]+/[A-Za-z0-9_-]{43}/$ ]]' _ "$R_code" "$loc"
ID1=$(sed -E 's#.*/status/([0-9]+)/.*#\1#' <<<"$loc")
ST1="$U$loc"
check "R12: the files are in a staging folder of their own" bash -c 'ls "$1/staging/$2/" | grep -q "draft-smith-foo-bar-00.txt"' _ "$S_DATA" "$ID1"
check "the submission is 'uploaded' with its event" eq "$(state "$ID1")/$(q "SELECT verb FROM event WHERE object_type='submission' AND object_id='$ID1'")" "uploaded/uploaded"
http R "$ST1"
check "R25: the status page shows the extracted metadata" bash -c 'grep -q "A Test Draft for draft-smith-foo-bar" <<<"$1" && grep -q "Bo Writer &lt;bo@example.net&gt;" <<<"$1" && grep -q "id=\"m-date\">'"$TODAY"'<" <<<"$1"' _ "$R_body"
check "R29, R30, R32: post form with the authors to choose from, adjust link, cancel" bash -c 'grep -q "value=\"post\"" <<<"$1" && grep -q "<option value=\"1\"" <<<"$1" && grep -q "edit/\"" <<<"$1" && grep -q "value=\"cancel\"" <<<"$1"' _ "$R_body"
check "R31, R82: a preview of the text and a link to the whole draft" bash -c 'grep -q "id=\"preview\"" <<<"$1" && grep -q "full/\"" <<<"$1"' _ "$R_body"
check "R63-R65: the receipt gives the perpetual id and the Secretariat's address" bash -c 'grep -q "Submission '"$ID1"'. Keep this number" <<<"$1" && grep -q "mailto:secretariat@" <<<"$1"' _ "$R_body"
check "the page explains what replaces means (not the previous revision)" contains "$R_body" "It is not the previous revision of this draft"
http R "$U/submit/status/$ID1/"
check "R64: without the token the receipt still answers, without the details" bash -c '[ "$1" = 200 ] && grep -q "Keep this number" <<<"$2" && ! grep -q "id=\"preview\"" <<<"$2"' _ "$R_code" "$R_body"
http R "$U/submit/status/$ID1/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/"
check "a wrong token is a 404" eq "$R_code" 404
http R "${ST1}full/"
check "R82: the full view shows every format" bash -c 'grep -q "id=\"full-txt\"" <<<"$1" && grep -q "id=\"full-xml\"" <<<"$1"' _ "$R_body"
c=$(page_csrf "$J" "${ST1#$U}")
http R -c "$J" -b "$J" --data-urlencode "csrf=$c" -d action=post -d author=other -d submitter_name= -d submitter_email= "$ST1"
check "R35: posting without a submitter is refused with the sentence, nothing changes" bash -c '[ "$1" = 400 ] && grep -q "submitter" <<<"$2"' _ "$R_code" "$R_body"
check "  ...still uploaded" eq "$(state "$ID1")" uploaded
http R -b "$J" -d action=post -d author=0 "$ST1"
check "a wrong CSRF token is 403 and changes nothing" eq "$R_code/$(state "$ID1")" "403/uploaded"
http R -c "$J" -b "$J" --data-urlencode "csrf=$c" -d action=post -d author=0 -d replaces=draft-smith-foo-bar "$ST1"
check "replacing itself is refused with the plain explanation" bash -c '[ "$1" = 400 ] && grep -q "cannot replace itself" <<<"$2"' _ "$R_code" "$R_body"
http R -c "$J" -b "$J" --data-urlencode "csrf=$c" -d action=post -d author=0 -d "discuss_email=not an address" "$ST1"
check "R71: a discussion address that is no address is refused, nothing changes" bash -c '[ "$1" = 400 ] && grep -q "not a valid e-mail address (R71)" <<<"$2" && [ "$3" = uploaded ]' _ "$R_code" "$R_body" "$(state "$ID1")"
http R -c "$J" -b "$J" --data-urlencode "csrf=$c" -d action=post -d author=0 -d discuss_email=foo-bar@example.org "$ST1"
check "R36-R38: Post asks the submitter and authors to confirm by mail (auth)" eq "$R_code/$(state "$ID1")" "303/auth"
M=$(mail_of sub_confirm "$ID1")
check "R38: the confirmation goes to the submitter and every author" bash -c 'grep -q "^To: .*ann@example.org.*bo@example.net" <<<"$1"' _ "$M"
check "R81: the confirmation mail carries the validation results" bash -c 'grep -qE "0 errors, [0-9]+ warnings?\." <<<"$1"' _ "$M"
LINK=$(confirm_link "$ID1")
http R -c "$J" -b "$J" "$LINK"
check "R39: opening the confirmation link (a mail scanner) shows Confirm and posts nothing" bash -c '[ "$1" = 200 ] && grep -q "value=\"confirm\"" <<<"$2" && grep -q "id=\"draft-text\"" <<<"$2"' _ "$R_code" "$R_body"
check "  ...still auth, nothing in the archive" eq "$(state "$ID1")/$(ls "$S_DATA/archive" 2>/dev/null | wc -l)" "auth/0"
http R -c "$J" -b "$J" --data-urlencode "csrf=$(csrf_from "$R_body")" -d action=confirm "${LINK%/*/}/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/"
check "a forged confirmation token is refused" eq "$R_code/$(state "$ID1")" "404/auth"
http R -c "$J" -b "$J" "$LINK"
http R -c "$J" -b "$J" --data-urlencode "csrf=$(csrf_from "$R_body")" -d action=confirm "$LINK"
check "R36: the POST of the confirmation posts the draft" eq "$R_code/$(state "$ID1")" "303/posted"
check "posting puts the files in the archive and empties staging" bash -c '[ -f "$1/archive/draft-smith-foo-bar-00.txt" ] && [ -f "$1/archive/draft-smith-foo-bar-00.xml" ] && [ ! -e "$1/staging/$2" ]' _ "$S_DATA" "$ID1"
http R "$U/archive/id/draft-smith-foo-bar-00.txt"
check "/archive/id/<name>-<rev>.txt serves the posted text" bash -c '[ "$1" = 200 ] && grep -q "draft-smith-foo-bar-00" <<<"$2"' _ "$R_code" "$R_body"
http R "$U/archive/id/..%2Fidtracker.db"
check "a hostile archive name is a 404" eq "$R_code" 404
http R "$U/doc/draft-smith-foo-bar/"
check "/doc/<name>/ shows the revision, authors and history" bash -c 'grep -q "Ann Author &lt;ann@example.org&gt;, Bo Writer" <<<"$1" && grep -q "/archive/id/draft-smith-foo-bar-00.txt" <<<"$1" && grep -q "New version available: draft-smith-foo-bar-00" <<<"$1"' _ "$R_body"
check "R71: the discussion address is kept on the document and shown" bash -c '[ "$1" = foo-bar@example.org ] && grep -q "<dd>foo-bar@example.org</dd>" <<<"$2"' _ "$(q "SELECT discuss_email FROM document WHERE name='draft-smith-foo-bar'")" "$R_body"
check "Appendix A: every author is told of the posting" bash -c 'grep -q "^To: .*ann@example.org.*bo@example.net" <<<"$1"' _ "$(mail_of sub_authors "$ID1")"
A=$(mail_of sub_announce "$ID1")
check "the announcement goes to the announce list" bash -c 'grep -q "^To: i-d-announce@" <<<"$1" && grep -q "^Subject: I-D Action: draft-smith-foo-bar-00.txt" <<<"$1"' _ "$A"
http R -c "$J" -b "$J" --data-urlencode "csrf=$c" -d action=post -d author=0 "$ST1"
check "a posted submission cannot be posted again" eq "$R_code" 409

# ---- 2. A new revision by a previous author (API, user=): aut-appr, confirmation, diff.
gen --name draft-smith-foo-bar --rev 01 --author "Ann Author <ann@example.org>" --author "Bo Writer <bo@example.net>" --body-extra "This revision adds a sentence about frobs."
X1=$D/draft-smith-foo-bar-01
api R bo@example.net "$X1.txt" "$X1.xml"
ID2=$(jget "$R_body" 'd.get("id")')
check "API: POST /api/submission answers 200 with id, name, rev, state, status_url" bash -c '[ "$1" = 200 ] && python3 -c "import json,sys; d=json.loads(sys.argv[1]); assert d[\"name\"]==\"draft-smith-foo-bar\" and d[\"rev\"]==\"01\" and d[\"state\"]==\"aut-appr\" and d[\"status_url\"].endswith(\"/api/submission/%d/status\" % d[\"id\"])" "$2"' _ "$R_code" "$R_body"
check "a new revision waits for the previous authors (aut-appr), mailed to them" bash -c 'grep -q "^To: .*ann@example.org" <<<"$1" && grep -q "author of the posted previous revision" <<<"$1"' _ "$(mail_of sub_confirm "$ID2")"
http R "$U/api/submission/$ID2/status"
check "GET /api/submission/<id>/status gives id, name, rev, state, state_desc, messages" bash -c 'python3 -c "import json,sys; d=json.loads(sys.argv[1]); assert set([\"id\",\"name\",\"rev\",\"state\",\"state_desc\",\"messages\"]) <= set(d) and d[\"state_desc\"]==\"Awaiting Approval from Previous Version Authors\"" "$1"' _ "$R_body"
LINK=$(confirm_link "$ID2")
http R -c "$J" -b "$J" "$LINK"
http R -c "$J" -b "$J" --data-urlencode "csrf=$(csrf_from "$R_body")" -d action=confirm "$LINK"
check "a previous author's confirmation posts -01" eq "$(state "$ID2")/$(q "SELECT rev FROM document WHERE name='draft-smith-foo-bar'")" "posted/01"
http R "$U/doc/draft-smith-foo-bar/diff/?from=00&to=01"
check "R84: the built-in diff shows the changed lines with the new words marked" bash -c '[ "$1" = 200 ] && grep -q "class=\"chg\"" <<<"$2" && grep -q "frobs" <<<"$2" && grep -q "draft-smith-foo-bar-01" <<<"$2"' _ "$R_code" "$R_body"
http R "$U/doc/draft-smith-foo-bar/diff/?from=00&to=07"
check "a diff with an unknown revision is a 404" eq "$R_code" 404
http R "$U/doc/draft-smith-foo-bar/"
check "the document page lists both revisions with a diff link" bash -c 'grep -q "diff/?from=00&amp;to=01" <<<"$1"' _ "$R_body"
api R bo@example.net "$X1.txt"
check "an already posted revision is refused (409) with the next revision" bash -c '[ "$1" = 409 ] && grep -q "the next revision is 02" <<<"$2"' _ "$R_code" "$R_body"

# ---- 3. A signed-in author posts at once; R83/R84 on the status page of a new revision.
gen --name draft-nakamura-otn-ids --rev 00 --author "Hiroshi Nakamura <hiroshi.nakamura@example.org>"
JH="$E2E_TMP/jar-h"; sign_in "$U" "$JH" hiroshi.nakamura@example.org demo-password
c=$(page_csrf "$JH" /submit/)
http R -c "$JH" -b "$JH" -F "csrf=$c" -F "txt=@$D/draft-nakamura-otn-ids-00.txt" "$U/submit/"
ID3=$(grep -i '^Location:' <<<"$R_headers" | sed -E 's#.*/status/([0-9]+)/.*#\1#')
http R -b "$JH" "$U/submit/status/$ID3/"
check "the signed-in submitter sees the whole status page without a token" bash -c 'grep -q "id=\"post-form\"" <<<"$1" && grep -q "selected" <<<"$1"' _ "$R_body"
http R -c "$JH" -b "$JH" --data-urlencode "csrf=$(csrf_from "$R_body")" -d action=post -d author=0 "$U/submit/status/$ID3/"
check "a signed-in author's post is immediate (no confirmation mail)" eq "$(state "$ID3")/$(q "SELECT count(*) FROM outbox WHERE template='sub_confirm' AND object_id='$ID3'")" "posted/0"
check "  ...and the history says why" contains "$(q "SELECT detail FROM event WHERE object_type='submission' AND object_id='$ID3' AND verb='posted'")" "signed-in submitter: Hiroshi Nakamura"
gen --name draft-nakamura-otn-ids --rev 01 --author "Hiroshi Nakamura <hiroshi.nakamura@example.org>" --body-extra "More."
api R hiroshi.nakamura@example.org "$D/draft-nakamura-otn-ids-01.txt"
ID3b=$(jget "$R_body" 'd["id"]')
http R -b "$JH" "$U/submit/status/$ID3b/"
check "R83: a new revision's page says who posted the last revision and when" bash -c 'grep -q "id=\"m-last\">-00, posted .* by Hiroshi Nakamura" <<<"$1"' _ "$R_body"
check "R84: and links the diff against it" contains "$R_body" "Diff against -00"
http R -b "$JH" "$U/submit/status/$ID3b/diff/"
check "R84: the submission's diff shows the added text" bash -c '[ "$1" = 200 ] && grep -q "More." <<<"$2"' _ "$R_code" "$R_body"

# A signed-in author confirms from the status page instead of the mailed link (the link may be lost).
gen --name draft-nakamura-otn-more --rev 00 --author "Hiroshi Nakamura <hiroshi.nakamura@example.org>"
api R hiroshi.nakamura@example.org "$D/draft-nakamura-otn-more-00.txt"
IDM=$(jget "$R_body" 'd["id"]')
http R -b "$JH" "$U/submit/status/$IDM/"
check "a signed-in author sees Confirm on the status page of a submission waiting for confirmation" bash -c '[ "$1" = auth ] && grep -q "value=\"confirm\"" <<<"$2"' _ "$(state "$IDM")" "$R_body"
http R -c "$JH" -b "$JH" --data-urlencode "csrf=$(csrf_from "$R_body")" -d action=confirm "$U/submit/status/$IDM/"
check "  ...and confirming there posts it" eq "$(state "$IDM")" posted

# ---- 4. A WG -00: waits for the chairs, approved, posted, replacing the individual draft.
gen --name draft-ietf-quic-foo-bar --rev 00 --author "Ann Author <ann@example.org>" --replaces draft-smith-foo-bar
http R -F user=ann@example.org -F "txt=@$D/draft-ietf-quic-foo-bar-00.txt" -F "xml=@$D/draft-ietf-quic-foo-bar-00.xml" \
  -F replaces=draft-smith-foo-bar "$U/api/submission"
ID4=$(jget "$R_body" 'd["id"]')
check "R20: a WG -00 waits for the group's approval (grp-appr)" eq "$(state "$ID4")" grp-appr
M=$(mail_of sub_approval "$ID4")
check "the QUIC chairs are asked, with the link" bash -c 'grep -q "lukas.brenner@example.org" <<<"$1" && grep -q "aiko.sato@example.org" <<<"$1" && grep -q "/submit/status/" <<<"$1"' _ "$M"
JC="$E2E_TMP/jar-c"; sign_in "$U" "$JC" lukas.brenner@example.org demo-password
http R -b "$JC" "$U/submit/approvals/"
check "/submit/approvals/ lists it for the chair" contains "$R_body" "draft-ietf-quic-foo-bar-00"
http R -b "$JH" "$U/submit/status/$ID4/"
check "someone else sees only the receipt" bash -c 'grep -q "Keep this number" <<<"$1" && ! grep -q "value=\"approve\"" <<<"$1"' _ "$R_body"
http R -c "$JH" -b "$JH" --data-urlencode "csrf=$(csrf_from "$R_body")" -d action=approve "$U/submit/status/$ID4/"
check "a non-chair's approval is refused (403), nothing posted" eq "$R_code/$(state "$ID4")" "403/grp-appr"
http R -b "$JC" "$U/submit/status/$ID4/"
check "the chair sees the draft, its checks and Approve" bash -c 'grep -q "value=\"approve\"" <<<"$1" && grep -q "id=\"preview\"" <<<"$1" && grep -q "full/\"" <<<"$1"' _ "$R_body"
http R -b "$JC" "$U/submit/status/$ID4/full/"
check "the chair can read the whole draft before approving" bash -c '[ "$1" = 200 ] && grep -q "id=\"full-txt\"" <<<"$2"' _ "$R_code" "$R_body"
http R -c "$JC" -b "$JC" --data-urlencode "csrf=$(csrf_from "$(curl -s -b "$JC" "$U/submit/status/$ID4/")")" -d action=approve "$U/submit/status/$ID4/"
check "the chair's approval posts it" eq "$(state "$ID4")" posted
check "a WG draft's announcement copies the WG list" bash -c 'grep -q "^Cc: quic@lists.example.org" <<<"$1" && grep -q "work item of the quic Working Group" <<<"$1"' _ "$(mail_of sub_announce "$ID4")"
http R "$U/doc/draft-smith-foo-bar/"
check "R33: the WG -00 replaces the individual draft, which says Replaced by, linked" bash -c 'grep -q "Replaced: replaced by <a href=\"/doc/draft-ietf-quic-foo-bar/\">" <<<"$1"' _ "$R_body"
http R "$U/doc/draft-ietf-quic-foo-bar/"
check "  ...and the WG draft says Replaces" bash -c 'grep -q "<dt>Replaces</dt>" <<<"$1" && grep -q "/doc/draft-smith-foo-bar/" <<<"$1"' _ "$R_body"
gen --name draft-smith-foo-bar --rev 02 --author "Ann Author <ann@example.org>"
api R ann@example.org "$D/draft-smith-foo-bar-02.txt"
check "R21: a replaced draft takes no new revision (409 with the sentence)" bash -c '[ "$1" = 409 ] && grep -q "has been replaced" <<<"$2"' _ "$R_code" "$R_body"
# R90: an individual-looking draft that replaces a WG document belongs to that WG's chairs.
gen --name draft-nakamura-quic-foo-alt --rev 00 --author "Hiroshi Nakamura <hiroshi.nakamura@example.org>"
http R -F user=hiroshi.nakamura@example.org -F "txt=@$D/draft-nakamura-quic-foo-alt-00.txt" -F replaces=draft-ietf-quic-foo-bar "$U/api/submission"
IDX=$(jget "$R_body" 'd["id"]')
check "R90: replacing a WG document sends an individual draft to that WG's chairs (grp-appr)" bash -c '[ "$1" = grp-appr ] && grep -q "lukas.brenner@example.org" <<<"$2" && grep -q "replaces a draft of the quic working group" <<<"$2"' _ "$(state "$IDX")" "$(mail_of sub_approval "$IDX")"
# Pre-approval: the chair pre-approves a name; its -00 then only needs the usual confirmation.
http R -c "$JC" -b "$JC" --data-urlencode "csrf=$(csrf_from "$(curl -s -b "$JC" "$U/submit/approvals/")")" -d name=draft-ietf-quic-pre-ok "$U/submit/approvals/preapproval/"
check "a chair adds a pre-approval" eq "$R_code/$(q "SELECT group_acronym FROM preapproval WHERE name='draft-ietf-quic-pre-ok'")" "303/quic"
http R -c "$JH" -b "$JH" --data-urlencode "csrf=$(csrf_from "$(curl -s -b "$JH" "$U/submit/approvals/")")" -d name=draft-ietf-quic-other-thing "$U/submit/approvals/preapproval/"
check "someone who chairs no QUIC may not pre-approve its drafts (403, nothing stored)" eq "$R_code/$(q "SELECT count(*) FROM preapproval")" "403/1"
gen --name draft-ietf-quic-pre-ok --rev 00 --author "Ann Author <ann@example.org>"
api R ann@example.org "$D/draft-ietf-quic-pre-ok-00.txt"
check "a pre-approved WG -00 skips the chairs (auth)" eq "$(state "$(jget "$R_body" 'd["id"]')")" auth
gen --name draft-ietf-nosuchwg-thing --rev 00
api R ann@example.org "$D/draft-ietf-nosuchwg-thing-00.txt"
check "a WG name of no group is refused with the sentence" bash -c '[ "$1" = 400 ] && grep -q "no working group with the acronym .nosuchwg." <<<"$2"' _ "$R_code" "$R_body"

JS="$E2E_TMP/jar-s"; sign_in "$U" "$JS" secretariat@example.org demo-password
# A revision of a draft of a concluded WG waits for the area's ADs (ad-appr).
gen --name draft-ietf-tls-old-thing --rev 00 --author "Ann Author <ann@example.org>"
api R ann@example.org "$D/draft-ietf-tls-old-thing-00.txt"
IDT0=$(jget "$R_body" 'd["id"]')
http R -c "$JS" -b "$JS" --data-urlencode "csrf=$(csrf_from "$(curl -s -b "$JS" "$U/submit/status/$IDT0/")")" -d action=approve "$U/submit/status/$IDT0/" 2>/dev/null || true
q "UPDATE grp SET state = 'conclude' WHERE acronym = 'tls'" >/dev/null
gen --name draft-ietf-tls-old-thing --rev 01 --author "Ann Author <ann@example.org>" --body-extra "Late fix."
api R ann@example.org "$D/draft-ietf-tls-old-thing-01.txt"
IDT1=$(jget "$R_body" 'd["id"]')
check "a revision of a concluded WG's draft waits for the AD (ad-appr), who is asked by mail" bash -c \
  '[ "$1" = ad-appr ] && grep -q "amir.rostami@example.org" <<<"$2"' _ "$(state "$IDT1")" "$(mail_of sub_approval "$IDT1")"
JA="$E2E_TMP/jar-a"; sign_in "$U" "$JA" amir.rostami@example.org demo-password
http R -c "$JA" -b "$JA" --data-urlencode "csrf=$(csrf_from "$(curl -s -b "$JA" "$U/submit/status/$IDT1/")")" -d action=approve "$U/submit/status/$IDT1/"
check "  ...and the area's AD approves and posts it" eq "$(state "$IDT0")/$(state "$IDT1")" "posted/posted"
q "UPDATE grp SET state = 'active' WHERE acronym = 'tls'" >/dev/null

# ---- 5. Errors block posting; Adjust sends it to the Secretariat; force post.
gen --name draft-smith-broken-thing --rev 00 --author "Ann Author <ann@example.org>"
sed 's/draft-smith-broken-thing-00/draft-smith-broken-thing-03/' "$D/draft-smith-broken-thing-00.txt" > "$E2E_TMP/x.txt"
cp "$E2E_TMP/x.txt" "$D/draft-smith-broken-thing-00.txt"
c=$(page_csrf "$J" /submit/)
http R -c "$J" -b "$J" -F "csrf=$c" -F "txt=@$D/draft-smith-broken-thing-00.txt" -F post_if_valid=1 -F submitter_name=Ann -F submitter_email=ann@example.org "$U/submit/"
ST5=$U$(grep -i '^Location:' <<<"$R_headers" | sed 's/^Location: //I'); ID5=$(sed -E 's#.*/status/([0-9]+)/.*#\1#' <<<"$ST5")
check "R79: the page says post if valid was ignored" contains "$ST5" "?notice=errors"
ST5=${ST5%%\?*}
check "R79: post if valid is ignored when the checks fail" eq "$(state "$ID5")" uploaded
http R -c "$J" -b "$J" "$ST5"
check "R17, R26, R27: the error is shown with its rule and normative source" bash -c 'grep -q "REVISION_MISMATCH" <<<"$1" && grep -q "Source: draft-ietf-tools-draft-submission" <<<"$1" && grep -q "Posting is not offered" <<<"$1"' _ "$R_body"
http R -c "$J" -b "$J" --data-urlencode "csrf=$(csrf_from "$R_body")" -d action=post -d author=0 "$ST5"
check "R34: a forged Post of a draft with errors is refused (409) with the sentence" bash -c '[ "$1" = 409 ] && grep -q "block automatic posting" <<<"$2"' _ "$R_code" "$R_body"
http R -c "$J" -b "$J" "${ST5}edit/"
check "R40, R41: the adjust page has every field" bash -c 'for f in title abstract doc_date pages author_name_0 author_email_0 submitter_email replaces note; do grep -q "name=\"$f\"" <<<"$1" || exit 1; done' _ "$R_body"
check "R40, R43: with the checks, the preview, and Cancel beside Send" bash -c 'grep -q "REVISION_MISMATCH" <<<"$1" && grep -q "id=\"preview\"" <<<"$1" && grep -q "value=\"cancel\"" <<<"$1" && grep -q "value=\"manual\"" <<<"$1"' _ "$R_body"
http R -c "$J" -b "$J" --data-urlencode "csrf=$(csrf_from "$R_body")" --data-urlencode "title=Broken <b>Thing</b>" \
  -d abstract=A. -d doc_date="$TODAY" -d pages=2 -d "author_name_0=Ann Author" -d author_email_0=ann@example.org \
  -d submitter_name=Ann -d submitter_email=ann@example.org -d "note=The name line is right; the checker misread it." "${ST5}edit/"
check "R42, R44: the adjusted submission goes to the Secretariat (manual)" eq "$R_code/$(state "$ID5")" "303/manual"
M=$(mail_of sub_manual "$ID5")
check "R44, R48: the Secretariat gets the request with the comment; the authors are copied" bash -c 'grep -q "^To: .*secretariat@" <<<"$1" && grep -q "^Cc: .*ann@example.org" <<<"$1" && grep -q "checker misread it" <<<"$1"' _ "$M"
http R "$ST5"
check "R45, R53: the receipt says to wait, with an expected processing time" bash -c 'grep -q "id=\"estimate\"" <<<"$1" && grep -q "Awaiting Manual Post" <<<"$1"' _ "$R_body"
check "HTML in an adjusted title is shown escaped" bash -c 'grep -q "Broken &lt;b&gt;Thing&lt;/b&gt;" <<<"$1" && ! grep -q "<b>Thing" <<<"$1"' _ "$R_body"
http R -b "$JH" "$U/submit/manualpost/"
check "R49: the manual queue is the Secretariat's (403 for others)" eq "$R_code" 403
http R -b "$JS" "$U/submit/manualpost/"
check "R49: the Secretariat's queue lists it" contains "$R_body" "draft-smith-broken-thing-00"
http R -b "$JS" "$U/submit/status/$ID5/"
check "R50: the Secretariat sees Force post and Edit" bash -c 'grep -q "value=\"force\"" <<<"$1" && grep -q "Edit the metadata" <<<"$1"' _ "$R_body"
http R -c "$JS" -b "$JS" --data-urlencode "csrf=$(csrf_from "$R_body")" -d action=force "$U/submit/status/$ID5/"
check "R51: force post posts the adjusted metadata as it is" eq "$(state "$ID5")/$(q "SELECT title FROM document WHERE name='draft-smith-broken-thing'")" "posted/Broken <b>Thing</b>"
check "R46: the submitter is told it was posted" contains "$(mail_of sub_authors "$ID5")" "New Version Notification for draft-smith-broken-thing-00.txt"

# R22: a new draft must start at -00; a skipped revision is a blocking error (the manual route stays).
gen --name draft-smith-skipped-rev --rev 03 --author "Ann Author <ann@example.org>"
api R ann@example.org "$D/draft-smith-skipped-rev-03.txt"
check "R22: a new draft at -03 is refused by the API with REVISION_NOT_NEXT, nothing posted" bash -c '[ "$1" = 400 ] && grep -q "REVISION_NOT_NEXT" <<<"$2"' _ "$R_code" "$R_body"

# ---- 6. Validation only is never stored nor postable (R74-R77).
n=$(q "SELECT count(*) FROM submission")
c=$(page_csrf "$J" /submit/validate/)
http R -c "$J" -b "$J" -F "csrf=$c" -F "txt=@$D/draft-nakamura-otn-ids-01.txt" "$U/submit/validate/"
check "R76, R77: validation results say they can never be posted" bash -c '[ "$1" = 200 ] && grep -q "can never be posted" <<<"$2"' _ "$R_code" "$R_body"
check "R77: the validation page points to the upload page to post" bash -c 'grep -q "To post a draft, upload it on <a href=\"/submit/\">" <<<"$1"' _ "$R_body"
check "R75: and nothing was stored" eq "$(q "SELECT count(*) FROM submission")" "$n"

# R78: post if valid on a valid draft goes straight on to posting (here: the confirmation).
gen --name draft-smith-quick-thing --rev 00 --author "Ann Author <ann@example.org>"
c=$(page_csrf "$J" /submit/)
http R -c "$J" -b "$J" -F "csrf=$c" -F "txt=@$D/draft-smith-quick-thing-00.txt" -F post_if_valid=1 -F "submitter_name=Ann Author" -F submitter_email=ann@example.org "$U/submit/"
IDQ=$(q "SELECT id FROM submission WHERE name='draft-smith-quick-thing'")
check "R78: post if valid skips the check page: the confirmation is mailed at once" bash -c '[ "$1" = 303 ] && [ "$2" = auth ] && grep -q "notice=confirm-sent" <<<"$3"' _ "$R_code" "$(state "$IDQ")" "$R_headers"
# R26: what the draft lacks is marked on the status page, not left out.
printf '<?xml version="1.0"?>\n<rfc docName="draft-smith-bare-thing-00" ipr="trust200902" version="3"><front><title>Bare</title></front><middle/></rfc>\n' > "$D/draft-smith-bare-thing-00.xml"
http R -c "$J" -b "$J" -F "csrf=$c" -F "xml=@$D/draft-smith-bare-thing-00.xml" -F "submitter_email=ann@example.org" "$U/submit/"
http R "$U$(grep -i '^Location:' <<<"$R_headers" | sed 's/^Location: //I')"
check "R26: a missing abstract, date and authors are marked, not omitted" bash -c 'grep -q "(no abstract found in the draft)" <<<"$1" && grep -q "(no authors found in the draft)" <<<"$1" && grep -q "id=\"m-date\" class=\"missing\"" <<<"$1"' _ "$R_body"
# R69: readable XML that the renderer refuses is checked as it is; the refusal is a blocking error, not a lost upload.
check "R69: XML the renderer refuses keeps its findings and shows TEXT_NOT_GENERATED with the reason" bash -c 'grep -q "TEXT_NOT_GENERATED" <<<"$1" && grep -q "these block automatic posting" <<<"$1" && grep -q "Error: " <<<"$1"' _ "$R_body"

# ---- 6b. XML alone (R68-R70): the office renders the text, checks it as if it had been uploaded,
# shows it marked as generated, and posts both; XML it cannot render is refused with nothing stored.
# An uploaded text that says something else than its XML is a warning (R18), never a refusal.
gen --name draft-smith-xml-only --rev 00 --author "Ann Author <ann@example.org>" --format xml
c=$(page_csrf "$J" /submit/)
http R -c "$J" -b "$J" -F "csrf=$c" -F "xml=@$D/draft-smith-xml-only-00.xml" -F "submitter_name=Ann Author" \
  -F submitter_email=ann@example.org "$U/submit/"
loc=$(grep -i '^Location:' <<<"$R_headers" | sed 's/^Location: //I'); IDXO=$(sed -E 's#.*/status/([0-9]+)/.*#\1#' <<<"$loc"); STXO="$U$loc"
check "R69, R70: an XML-only upload is taken (303 to its status page)" bash -c '[ "$1" = 303 ] && [ -n "$2" ]' _ "$R_code" "$IDXO"
check "R70: the text rendered from the XML is stored beside it, as name-rev.txt" bash -c \
  'grep -q "^Abstract" "$1/draft-smith-xml-only-00.txt" && grep -q "A Test Draft for draft-smith-xml-only" "$1/draft-smith-xml-only-00.txt" && [ -f "$1/draft-smith-xml-only-00.xml" ]' _ "$S_DATA/staging/$IDXO"
cp "$S_DATA/staging/$IDXO/draft-smith-xml-only-00.txt" "$E2E_TMP/xo-staged.txt" 2>/dev/null
check "  ...recorded as stored (txt, xml) and as generated (txt)" eq "$(q "SELECT file_types || '|' || generated_types FROM submission WHERE id = $IDXO")" ".txt,.xml|.txt"
check "R70: the checks ran on the generated text (pages and words counted from it)" bash -c '[ "$1" -ge 1 ] && [ "$2" -ge 50 ]' _ \
  "$(q "SELECT pages FROM submission WHERE id = $IDXO")" "$(q "SELECT words FROM submission WHERE id = $IDXO")"
check "  ...and the history says the text was generated" contains "$(q "SELECT detail FROM event WHERE object_type='submission' AND object_id='$IDXO' AND verb='uploaded'")" "the .txt generated from the XML by idtracker render"
http R "$STXO"
check "R69: the status page marks the text as generated from the XML by idtracker render" bash -c \
  'grep -q "id=\"m-generated\"" <<<"$1" && grep -q "generated from the XML by idtracker render" <<<"$1" && grep -q "<dd id=\"m-files\">txt, xml</dd>" <<<"$1"' _ "$R_body"
check "R31: the preview is the generated text, not the XML source" bash -c \
  'p=$(sed -n "/id=\"preview\"/,/<\/pre>/p" <<<"$1"); grep -q "Status of This Memo" <<<"$p" && ! grep -q "&lt;rfc" <<<"$p"' _ "$R_body"
check "R17: the generated text's checks are shown, posting offered (no errors)" bash -c 'grep -q "id=\"verdict\" class=\"notice ok\"" <<<"$1" && grep -q "value=\"post\"" <<<"$1"' _ "$R_body"
http R "${STXO}full/"
check "R82: the full view shows the generated text, marked, and the XML" bash -c 'grep -q "id=\"full-txt\"" <<<"$1" && grep -q "id=\"full-xml\"" <<<"$1" && grep -q "generated from the XML" <<<"$1"' _ "$R_body"
http R -c "$J" -b "$J" --data-urlencode "csrf=$(page_csrf "$J" "${STXO#$U}")" -d action=post -d author=0 "$STXO"
check "R36: Post asks the authors to confirm (auth)" eq "$R_code/$(state "$IDXO")" "303/auth"
LINK=$(confirm_link "$IDXO")
http R -c "$J" -b "$J" "$LINK"
http R -c "$J" -b "$J" --data-urlencode "csrf=$(csrf_from "$R_body")" -d action=confirm "$LINK"
check "R36: confirmed, the XML-only draft is posted" eq "$R_code/$(state "$IDXO")" "303/posted"
check "R70: the archive has name-rev.txt (the generated text) and name-rev.xml" bash -c \
  '[ -f "$1/archive/draft-smith-xml-only-00.txt" ] && [ -f "$1/archive/draft-smith-xml-only-00.xml" ] && cmp -s "$1/archive/draft-smith-xml-only-00.txt" "$2"' _ "$S_DATA" "$E2E_TMP/xo-staged.txt"
http R "$U/archive/id/draft-smith-xml-only-00.txt"
check "/archive/id/ serves the generated text" bash -c '[ "$1" = 200 ] && grep -q "A Test Draft for draft-smith-xml-only" <<<"$2"' _ "$R_code" "$R_body"
http R "$U/doc/draft-smith-xml-only/"
check "/doc/<name>/ lists the revision with its txt" bash -c '[ "$1" = 200 ] && grep -q "/archive/id/draft-smith-xml-only-00.txt" <<<"$2"' _ "$R_code" "$R_body"

# XML the renderer refuses: a 400 with the renderer's sentence and the line; no row, no folder.
printf '<?xml version="1.0"?>\n<rfc docName="draft-smith-broken-xml-00" ipr="trust200902" version="3">\n<front><title>Broken</title>\n</rfc>\n' > "$D/draft-smith-broken-xml-00.xml"
rows=$(q "SELECT count(*) FROM submission"); stage=$(staging)
c=$(page_csrf "$J" /submit/)
http R -c "$J" -b "$J" -F "csrf=$c" -F "xml=@$D/draft-smith-broken-xml-00.xml" -F submitter_email=ann@example.org "$U/submit/"
check "R69, R7: malformed XML alone is refused (400) with a sentence that says why and where" bash -c \
  '[ "$1" = 400 ] && grep -q "the text could not be generated from the XML (R69)" <<<"$2" && grep -q "XML_PARSING_FAILED, line 4" <<<"$2"' _ "$R_code" "$R_body"
api R ann@example.org "$D/draft-smith-broken-xml-00.xml"
check "  ...the API answers the same 400 and sentence in the contract's shape" bash -c \
  '[ "$1" = 400 ] && python3 -c "import json,sys; d=json.loads(sys.argv[1]); e=d[\"error\"]; assert e[\"code\"]==\"render\" and \"(R69)\" in e[\"message\"] and d[\"messages\"]==[]" "$2"' _ "$R_code" "$R_body"
check "  ...and nothing was stored: no row, no staging folder, no file" bash -c \
  '[ "$1" = "$2" ] && [ "$3" = "$4" ] && ! ls -R "$5/staging" | grep -q "draft-smith-broken-xml"' _ "$(q "SELECT count(*) FROM submission")" "$rows" "$(staging)" "$stage" "$S_DATA"

# The JSON API: XML alone does the same; the answer says the text was generated.
gen --name draft-smith-xml-api --rev 00 --author "Ann Author <ann@example.org>" --format xml
api R ann@example.org "$D/draft-smith-xml-api-00.xml"
IDXA=$(jget "$R_body" 'd.get("id", 0)')
check "R69, R70: POST /api/submission with only xml: 200, the text generated (text_generated), waiting for confirmation" bash -c \
  '[ "$1" = 200 ] && python3 -c "import json,sys; d=json.loads(sys.argv[1]); assert d[\"text_generated\"] is True and d[\"state\"]==\"auth\" and d[\"errors\"]==0" "$2"' _ "$R_code" "$R_body"
check "  ...with the generated text staged" bash -c '[ -s "$1/staging/$2/draft-smith-xml-api-00.txt" ]' _ "$S_DATA" "$IDXA"

# A txt+xml pair whose text says something else than the XML: a warning, quoted, not a refusal. The
# text is idtracker's own rendering of the XML with one sentence changed, so the warning can only
# come from that sentence whatever the renderer does with the rest.
gen --name draft-smith-pair-differs --rev 00 --author "Ann Author <ann@example.org>" --format xml
"$IDT_BIN" render --date "$TODAY" -o "$E2E_TMP/pd.txt" "$D/draft-smith-pair-differs-00.xml"
sed 's/passes every check/fails every check/' "$E2E_TMP/pd.txt" > "$D/draft-smith-pair-differs-00.txt"
api R ann@example.org "$D/draft-smith-pair-differs-00.txt" "$D/draft-smith-pair-differs-00.xml"
IDPD=$(jget "$R_body" 'd.get("id", 0)')
check "R18: a text that differs from its XML is still taken (200, no error)" eq "$R_code/$(jget "$R_body" 'd.get("errors")')" "200/0"
http R "$U/api/submission/$IDPD/status"
check "R18, R70: the API status has the warning TEXT_DIFFERS_FROM_XML with the first differing passage of each" bash -c \
  'python3 -c "
import json,sys
d=json.loads(sys.argv[1]); w=[m for m in d[\"messages\"] if m[\"id\"]==\"TEXT_DIFFERS_FROM_XML\"]
assert len(w)==1 and w[0][\"severity\"]==\"warning\" and w[0][\"file\"]==\"draft-smith-pair-differs-00.txt\" and w[0][\"line\"]>0, w
assert \"fails every check\" in w[0][\"detail\"] and \"passes every check\" in w[0][\"detail\"] and \"1 passage\" in w[0][\"detail\"], w
assert d[\"warnings\"]>=1 and d[\"text_generated\"] is False" "$1"' _ "$R_body"
http R -b "$JS" "$U/submit/status/$IDPD/"
check "  ...and the status page shows it to the Secretariat, with both passages quoted" bash -c \
  'grep -q "TEXT_DIFFERS_FROM_XML" <<<"$1" && grep -q "the text has &quot;.*fails every check" <<<"$1" && grep -q "where the XML gives &quot;.*passes every check" <<<"$1"' _ "$R_body"
# A pair that differs only in what is not material: dates written another way, spacing, blank
# lines, a page break with its footer and header. No warning.
gen --name draft-smith-pair-same --rev 00 --author "Ann Author <ann@example.org>" --format xml
"$IDT_BIN" render --date "$TODAY" -o "$E2E_TMP/ps.txt" "$D/draft-smith-pair-same-00.xml"
python3 - "$E2E_TMP/ps.txt" "$D/draft-smith-pair-same-00.txt" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
t = re.sub(r"\b(\d{1,2}) (January|February|March|April|May|June|July|August|September|October|November|December) (\d{4})", r"\2 \1, \3", t)
t = t.replace(".  ", ". ").replace("\n\n", "\n\n\n", 3)
lines = t.split("\n"); k = len(lines) // 2
while lines[k].strip(): k += 1
lines[k:k] = ["", "Author                   Expires Never                          [Page 1]", "\f", "Internet-Draft              A Test Draft                  November 2026", ""]
open(sys.argv[2], "w").write("\n".join(lines))
PY
api R ann@example.org "$D/draft-smith-pair-same-00.txt" "$D/draft-smith-pair-same-00.xml"
IDPS=$(jget "$R_body" 'd.get("id", 0)')
check "R18: a pair that differs only in layout, spacing, pages and dates gets no TEXT_DIFFERS_FROM_XML" bash -c \
  '[ "$1" = 200 ] && ! grep -q TEXT_DIFFERS_FROM_XML <<<"$2" && ! grep -q TEXT_DIFFERS_FROM_XML <<<"$3"' _ "$R_code" "$R_body" "$(curl -s -b "$JS" "$U/submit/status/$IDPS/")"

# ---- 6c. R8, R10, R85, R87: the public XML is the preprocessed one. An XML with a v2 <?rfc include?>
# and an xi:include of references in the office's library, and PIs in and around <rfc>, is posted as
# name-rev.xml with the references in it and no PI, and as name-rev.orig.xml byte for byte as uploaded.
mkdir -p "$S_DATA/refs"
cp tests/data/refs/reference.RFC.2119.xml "$S_DATA/refs/"
cat > "$S_DATA/refs/reference.RFC.8174.xml" <<'XML'
<?xml version='1.0' encoding='UTF-8'?>
<reference anchor="RFC8174" target="https://www.rfc-editor.org/info/rfc8174">
  <front><title>Ambiguity of Uppercase vs Lowercase in RFC 2119 Key Words</title>
    <author initials="B." surname="Leiba" fullname="Barry Leiba"/><date year="2017" month="May"/></front>
  <seriesInfo name="BCP" value="14"/><seriesInfo name="RFC" value="8174"/>
</reference>
XML
# with_includes FILE: the references inline in gen_draft.py's XML become includes, and PIs are added.
with_includes() { python3 - "$1" <<'PY'
import re, sys
p = sys.argv[1]; s = open(p).read()
s = re.sub(r'<reference anchor="RFC2119".*?</reference>', '<?rfc include="reference.RFC.2119.xml"?>', s, flags=re.S)
s = re.sub(r'<reference anchor="RFC8174".*?</reference>',
           '<xi:include href="https://bib.ietf.org/public/rfc/bibxml/reference.RFC.8174.xml"/>', s, flags=re.S)
s = s.replace('<rfc ', '<?rfc toc="yes"?>\n<?rfc symrefs="yes"?>\n<rfc ', 1)
s = s.replace('<middle>', '<middle>\n    <?rfc compact="yes"?>\n    <!-- a comment that may stay -->', 1)
open(p, "w").write(s)
PY
}
gen --name draft-nakamura-otn-preproc --rev 00 --author "Hiroshi Nakamura <hiroshi.nakamura@example.org>" --format xml
PX=$D/draft-nakamura-otn-preproc-00.xml
with_includes "$PX"
c=$(page_csrf "$JH" /submit/)
http R -c "$JH" -b "$JH" -F "csrf=$c" -F "xml=@$PX" "$U/submit/"
IDPP=$(grep -i '^Location:' <<<"$R_headers" | sed -E 's#.*/status/([0-9]+)/.*#\1#')
check "R8, R85: an XML upload with an <?rfc include?> and an xi:include from the library is taken without errors" \
  eq "$R_code/$(q "SELECT errors FROM submission WHERE id = ${IDPP:-0}")" "303/0"
check "R10: staged as the preprocessed name-rev.xml and the upload as name-rev.orig.xml" \
  eq "$(q "SELECT file_types FROM submission WHERE id = ${IDPP:-0}")/$(ls "$S_DATA/staging/$IDPP" | tr '\n' ' ')" \
  ".txt,.xml,.orig.xml/draft-nakamura-otn-preproc-00.orig.xml draft-nakamura-otn-preproc-00.txt draft-nakamura-otn-preproc-00.xml "
check "  ...and the history says so" contains "$(q "SELECT detail FROM event WHERE object_type='submission' AND object_id='$IDPP' AND verb='uploaded'")" "the .xml preprocessed"
http R -b "$JH" "$U/submit/status/$IDPP/"
check "R10: the status page lists the original xml and says the xml is the preprocessed one" bash -c \
  'grep -q "<dd id=\"m-files\">txt, xml, original xml</dd>" <<<"$1" && grep -q "id=\"m-preprocessed\"" <<<"$1"' _ "$R_body"
http R -b "$JH" "$U/submit/status/$IDPP/full/"
check "R82, R10: the full view shows both XML files, the preprocessed one with the reference expanded" bash -c \
  'grep -q "id=\"full-xml\"" <<<"$1" && grep -q "id=\"full-orig-xml\"" <<<"$1" && grep -q "Scott Bradner" <<<"$1"' _ "$R_body"
http R -b "$JH" "$U/submit/status/$IDPP/"
http R -c "$JH" -b "$JH" --data-urlencode "csrf=$(csrf_from "$R_body")" -d action=post -d author=0 "$U/submit/status/$IDPP/"
check "the signed-in author posts it" eq "$(state "${IDPP:-0}")" posted
check "  ...and the announcement lists every posted file, the original XML too" bash -c \
  'grep -q "/archive/id/draft-nakamura-otn-preproc-00.xml$" <<<"$1" && grep -q "/archive/id/draft-nakamura-otn-preproc-00.orig.xml$" <<<"$1"' _ "$(mail_of sub_announce "$IDPP")"
A_X=$S_DATA/archive/draft-nakamura-otn-preproc-00
check "R10: the archive's name-rev.xml has both references expanded and no processing instruction" bash -c \
  'grep -q "<reference anchor=\"RFC2119\"" "$1.xml" && grep -q "Scott Bradner" "$1.xml" && grep -q "Barry Leiba" "$1.xml" &&
   ! grep -q "<?rfc" "$1.xml" && ! grep -q "xi:include" "$1.xml" && [ "$(grep -c "<?" "$1.xml")" = 1 ] &&
   grep -q "a comment that may stay" "$1.xml"' _ "$A_X"
check "R10: name-rev.orig.xml is the upload byte for byte" cmp -s "$A_X.orig.xml" "$PX"
check "R10: the preprocessed XML needs no library: it renders, without one, the text the upload renders with it" bash -c \
  '"$1" render --date "$2" -o "$3/pp.txt" "$4.xml" && "$1" render --date "$2" --refs "$5" -o "$3/po.txt" "$6" &&
   grep -q "Key words for use in RFCs" "$3/pp.txt" && cmp -s "$3/pp.txt" "$3/po.txt"' _ "$IDT_BIN" "$TODAY" "$E2E_TMP" "$A_X" "$S_DATA/refs" "$PX"
http R "$U/archive/id/draft-nakamura-otn-preproc-00.xml"
check "R10: /archive/id/name-rev.xml serves the preprocessed XML" bash -c \
  '[ "$1" = 200 ] && grep -qi "^Content-Type: application/xml" <<<"$3" && cmp -s "$4.xml" <(printf "%s\n" "$2")' _ "$R_code" "$R_body" "$R_headers" "$A_X"
http R "$U/archive/id/draft-nakamura-otn-preproc-00.orig.xml"
check "R10: /archive/id/name-rev.orig.xml serves the original, with its PIs" bash -c \
  '[ "$1" = 200 ] && grep -q "<?rfc include=\"reference.RFC.2119.xml\"?>" <<<"$2"' _ "$R_code" "$R_body"
http R "$U/archive/id/draft-nakamura-otn-preproc-00.bad.xml"
check "  ...and no other double extension is served (404)" eq "$R_code" 404
http R "$U/doc/draft-nakamura-otn-preproc/"
check "R10: /doc/<name>/ links the xml and the original xml, labelled" bash -c \
  'grep -q "<a href=\"/archive/id/draft-nakamura-otn-preproc-00.xml\">xml</a>" <<<"$1" && grep -q "<a href=\"/archive/id/draft-nakamura-otn-preproc-00.orig.xml\">original xml</a>" <<<"$1"' _ "$R_body"
# R87: an XML with no include and no PI (6b's, with an internal entity) is its own public XML: one file.
check "R87, R10: an XML without includes or PIs is posted as one file, as uploaded" bash -c \
  '[ "$(ls "$1/archive" | grep -c "^draft-smith-xml-only-00\.")" = 2 ] && [ ! -e "$1/archive/draft-smith-xml-only-00.orig.xml" ] && cmp -s "$1/archive/draft-smith-xml-only-00.xml" "$2"' _ "$S_DATA" "$D/draft-smith-xml-only-00.xml"
gen --name draft-smith-xml-json --rev 00 --author "Ann Author <ann@example.org>" --format xml
with_includes "$D/draft-smith-xml-json-00.xml"
api R ann@example.org "$D/draft-smith-xml-json-00.xml"
check "API: xml_preprocessed is true for an XML with includes" bash -c \
  '[ "$1" = 200 ] && python3 -c "import json,sys; d=json.loads(sys.argv[1]); assert d[\"xml_preprocessed\"] is True and d[\"text_generated\"] is True" "$2"' _ "$R_code" "$R_body"
http R "$U/api/submission/$IDXA/status"
check "  ...and false for one without" bash -c 'python3 -c "import json,sys; d=json.loads(sys.argv[1]); assert d[\"xml_preprocessed\"] is False" "$1"' _ "$R_body"

# ---- 7. The meeting cut-off: only the Secretariat posts.
now=$(date -u +%s)
cut=$(date -u -d "@$((now - 3600))" +%Y-%m-%dT%H:%M:%SZ); reo=$(date -u -d "@$((now + 3600))" +%Y-%m-%dT%H:%M:%SZ)
http R -c "$JH" -b "$JH" --data-urlencode "csrf=$(csrf_from "$(curl -s -b "$JH" "$U/submit/")")" -d "cutoff=$cut" -d "reopen=$reo" "$U/submit/cutoff/"
check "only the Secretariat sets the cut-off" eq "$R_code/$(q "SELECT count(*) FROM setting")" "403/0"
http R -c "$JS" -b "$JS" --data-urlencode "csrf=$(csrf_from "$(curl -s -b "$JS" "$U/submit/cutoff/")")" -d "cutoff=$cut" -d "reopen=$reo" "$U/submit/cutoff/"
check "the Secretariat sets the cut-off" eq "$R_code/$(q "SELECT value FROM setting WHERE name='cutoff'")" "303/$cut"
gen --name draft-smith-late-thing --rev 00 --author "Ann Author <ann@example.org>"
n=$(q "SELECT count(*) FROM submission")
api R ann@example.org "$D/draft-smith-late-thing-00.txt"
check "during the cut-off an upload is refused (403) with the reopening time" bash -c '[ "$1" = 403 ] && grep -q "reopens at '"$reo"'" <<<"$2"' _ "$R_code" "$R_body"
check "  ...nothing stored" eq "$(q "SELECT count(*) FROM submission")" "$n"
http R "$U/submit/"
check "the upload page says the tool is closed" contains "$R_body" "closed for the meeting cut-off"
c=$(csrf_from "$(curl -s -b "$JS" "$U/submit/")")
http R -c "$JS" -b "$JS" -F "csrf=$c" -F "txt=@$D/draft-smith-late-thing-00.txt" "$U/submit/"
check "the Secretariat may still upload" eq "$R_code/$(q "SELECT count(*) FROM submission")" "303/$((n + 1))"
http R -c "$JS" -b "$JS" --data-urlencode "csrf=$(csrf_from "$(curl -s -b "$JS" "$U/submit/cutoff/")")" -d cutoff= -d reopen= "$U/submit/cutoff/"
check "the cut-off is lifted" eq "$(q "SELECT count(*) FROM setting")" 0

# ---- 8. Refusals: nothing posted, nothing left in staging.
before_rows=$(q "SELECT count(*) FROM submission"); before_stage=$(staging)
http R -F "txt=@$D/draft-smith-late-thing-00.txt" "$U/api/submission"
check "API: without user or key is a 400 with the sentence" bash -c '[ "$1" = 400 ] && grep -q "submitter" <<<"$2"' _ "$R_code" "$R_body"
http R -F user=ann@example.org -F note=x "$U/api/submission"
check "R68: no txt or xml: 400 in the contract's shape, error and messages" bash -c '[ "$1" = 400 ] && python3 -c "import json,sys; d=json.loads(sys.argv[1]); assert d[\"error\"][\"status\"]==400 and \"plain text or XML\" in d[\"error\"][\"message\"] and d[\"messages\"]==[]" "$2"' _ "$R_code" "$R_body"
head -c 2097153 /dev/zero | tr '\0' 'a' > "$D/draft-big-thing-00.txt"
api R ann@example.org "$D/draft-big-thing-00.txt"
check "R67: a txt over its cap is a 413 with the sentence" bash -c '[ "$1" = 413 ] && grep -q "the limit is 2097152 bytes" <<<"$2"' _ "$R_code" "$R_body"
printf 'not a pdf' > "$D/draft-smith-late-thing-00.pdf"
http R -F user=ann@example.org -F "txt=@$D/draft-smith-late-thing-00.txt" -F "pdf=@$D/draft-smith-late-thing-00.pdf" "$U/api/submission"
check "a pdf that is no PDF is refused" bash -c '[ "$1" = 400 ] && grep -q "is not a PDF" <<<"$2"' _ "$R_code" "$R_body"
http R -F user=ann@example.org -F "txt=@$D/draft-smith-late-thing-00.txt;filename=../../../etc/passwd" "$U/api/submission"
check "a hostile file name is a 400" eq "$R_code" 400
cp "$D/draft-smith-late-thing-00.txt" "$D/draft-smith-other-name-00.txt"
api R ann@example.org "$D/draft-smith-other-name-00.txt"
check "a name in the file that differs from the upload's: 400 with the messages, cancelled" bash -c '[ "$1" = 400 ] && grep -q "NAME_MISMATCH\|Validation failed" <<<"$2"' _ "$R_code" "$R_body"
gen --name draft-smith-not-mine --rev 00 --author "Ann Author <ann@example.org>"
api R mallory@example.org "$D/draft-smith-not-mine-00.txt"
check "R19: an API submitter who is no author is refused" bash -c '[ "$1" = 400 ] && grep -q "not one of the document" <<<"$2"' _ "$R_code" "$R_body"
printf '<?xml version="1.0"?>\n<!DOCTYPE rfc [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<rfc docName="draft-evil-xxe-thing-00" ipr="trust200902"><front><title>&lt;script&gt;alert(1)&lt;/script&gt; &x;</title></front></rfc>\n' > "$D/draft-evil-xxe-thing-00.xml"
api R ann@example.org "$D/draft-evil-xxe-thing-00.xml"
check "XXE: refused as an error and the file never read" bash -c '[ "$1" = 400 ] && grep -q XML_ENTITY_REFUSED <<<"$2" && ! grep -q "root:" <<<"$2"' _ "$R_code" "$R_body"
gen --name draft-smith-include-thing --rev 00 --author "Ann Author <ann@example.org>" --format xml
sed -i 's#</references>#<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="https://bib.ietf.org/public/rfc/bibxml/reference.RFC.99999.xml"/></references>#' "$D/draft-smith-include-thing-00.xml"
api R ann@example.org "$D/draft-smith-include-thing-00.xml"
check "R8, R11: an include that cannot be resolved fails the submission (400, XML_INCLUDE_UNRESOLVED)" bash -c '[ "$1" = 400 ] && grep -q "XML_INCLUDE_UNRESOLVED" <<<"$2"' _ "$R_code" "$R_body"
check "nothing was posted by the refusals" eq "$(q "SELECT count(*) FROM document WHERE name IN ('draft-big-thing','draft-smith-other-name','draft-evil-xxe-thing','draft-smith-late-thing','draft-smith-not-mine')")" 0
check "no staging folder or temporary folder was left by them" eq "$(staging)" "$before_stage"
api R ann@example.org "$D/draft-smith-late-thing-00.txt"
check "R72: a second submission of a revision in progress is refused with the link (409)" bash -c '[ "$1" = 409 ] && grep -q "already being processed (submission" <<<"$2"' _ "$R_code" "$R_body"

# The status page's actions have a JSON twin, authorised by the access token.
gen --name draft-smith-api-action --rev 00 --author "Ann Author <ann@example.org>"
c=$(page_csrf "$J" /submit/)
http R -c "$J" -b "$J" -F "csrf=$c" -F "txt=@$D/draft-smith-api-action-00.txt" "$U/submit/"
loc=$(grep -i '^Location:' <<<"$R_headers" | sed 's/^Location: //I'); IDA=$(sed -E 's#.*/status/([0-9]+)/.*#\1#' <<<"$loc"); TOKA=$(sed -E 's#.*/status/[0-9]+/([^/]+)/.*#\1#' <<<"$loc")
http R -d action=cancel "$U/api/submission/$IDA/action"
check "POST /api/submission/<id>/action without the token or a key is refused (403)" eq "$R_code/$(state "$IDA")" "403/uploaded"
http R -d action=cancel -d token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA "$U/api/submission/$IDA/action"
check "  ...a wrong token is a 404" eq "$R_code/$(state "$IDA")" "404/uploaded"
http R -d action=post -d author=0 -d "token=$TOKA" "$U/api/submission/$IDA/action"
check "  ...with the token, post answers the new state as JSON" bash -c '[ "$1" = 200 ] && grep -q "\"state\":\"auth\"" <<<"$2"' _ "$R_code" "$R_body"
http R -d action=cancel -d "token=$TOKA" -d reason=test "$U/api/submission/$IDA/action"
check "  ...and cancel cancels it" eq "$R_code/$(state "$IDA")" "200/cancel"

# ---- 9. E-mail submission (R55-R61).
gen --name draft-smith-by-mail --rev 00 --author "Ann Author <ann@example.org>"
python3 - "$D/draft-smith-by-mail-00.txt" >"$E2E_TMP/mail.eml" <<'PY'
import sys
from email.message import EmailMessage
m = EmailMessage()
m["From"] = "Ann Author <ann@example.org>"; m["To"] = "submission@example.org"
m["Subject"] = "Please post draft-smith-by-mail-00"; m["Message-ID"] = "<by-mail-1@example.org>"
m.set_content("Please post it.")
m.add_attachment(open(sys.argv[1], "rb").read(), maintype="text", subtype="plain", filename="draft-smith-by-mail-00.txt")
sys.stdout.write(m.as_string())
PY
IDTRACKER_DATA="$S_DATA" IDTRACKER_SUBMIT_ADDRESS=submission@example.org "$IDT_BIN" mail-in --to submission@example.org <"$E2E_TMP/mail.eml"; rc=$?
ID9=$(q "SELECT id FROM submission WHERE name='draft-smith-by-mail'")
check "R56-R59: a mailed draft is checked and goes on to confirmation (exit 0)" eq "$rc/$(state "$ID9")/$(q "SELECT via FROM submission WHERE id=$ID9")" "0/auth/mail"
R=$(q "SELECT message FROM outbox WHERE template='sub_mail_reply' ORDER BY id DESC LIMIT 1" | mail_decode)
check "R60, R61: the sender gets a reply with the outcome and the results" bash -c 'grep -q "^To: .*ann@example.org" <<<"$1" && grep -q "passed the checks" <<<"$1" && grep -q "0 errors, 0 warnings" <<<"$1" && grep -q "^In-Reply-To: <by-mail-1@example.org>" <<<"$1"' _ "$R"
check "R57: the sender is the submitter" eq "$(q "SELECT submitter_email FROM submission WHERE id=$ID9")" "ann@example.org"
check "the inbox row is handled by the submission office"
# A mailed draft with errors: stored, not posted, and the reply lists the errors (R61).
cp "$D/draft-smith-by-mail-00.txt" "$D/draft-smith-mailed-wrong-00.txt"
python3 - "$D/draft-smith-mailed-wrong-00.txt" >"$E2E_TMP/mail2.eml" <<'PY'
import sys
from email.message import EmailMessage
m = EmailMessage()
m["From"] = "Ann Author <ann@example.org>"; m["To"] = "submission@example.org"
m["Subject"] = "Please post"; m["Message-ID"] = "<by-mail-2@example.org>"
m.set_content("Please post it.")
m.add_attachment(open(sys.argv[1], "rb").read(), maintype="text", subtype="plain", filename="draft-smith-mailed-wrong-00.txt")
sys.stdout.write(m.as_string())
PY
IDTRACKER_DATA="$S_DATA" IDTRACKER_SUBMIT_ADDRESS=submission@example.org "$IDT_BIN" mail-in --to submission@example.org <"$E2E_TMP/mail2.eml" 2>/dev/null
R=$(q "SELECT message FROM outbox WHERE template='sub_mail_reply' ORDER BY id DESC LIMIT 1" | mail_decode)
check "R61: a mailed draft with errors is not posted, and the reply lists the errors" bash -c 'grep -q "NOT posted" <<<"$1" && grep -q "ERROR FILENAME_DOCNAME_MISMATCH" <<<"$1"' _ "$R" eq "$(q "SELECT office || '/' || state FROM inbox WHERE message_id='<by-mail-1@example.org>'")" "submission/handled"

# ---- 10. R72/R73: races. 20 uploads of one draft at once: one is taken, the others told why.
gen --name draft-race-one-thing --rev 00 --author "Ann Author <ann@example.org>"
# `wait` alone would wait for the server too: wait for these.
pids=()
for i in $(seq 1 20); do
  curl -s -o "$E2E_TMP/race.$i" -w '%{http_code}\n' -F user=ann@example.org -F "txt=@$D/draft-race-one-thing-00.txt" "$U/api/submission" >"$E2E_TMP/race.code.$i" &
  pids+=($!)
done; wait "${pids[@]}"
codes=$(cat "$E2E_TMP"/race.code.* | sort | uniq -c | awk '{print $2":"$1}' | tr '\n' ' ')
check "R72: 20 concurrent uploads of one draft: exactly one accepted, 19 refused with 409" eq "$codes" "200:1 409:19 "
check "R72: each refusal says why" bash -c 'n=0; for f in "$1"/race.[0-9]*; do grep -q "already being processed" "$f" && n=$((n+1)); done; [ $n = 19 ]' _ "$E2E_TMP"
IDR=$(q "SELECT id FROM submission WHERE name='draft-race-one-thing' AND state='auth'")
LINK=$(confirm_link "$IDR")
page=$(curl -s -c "$J" -b "$J" "$LINK"); c=$(csrf_from "$page")
pids=()
for i in $(seq 1 20); do
  curl -s -o "$E2E_TMP/conf.$i" -w '%{http_code}\n' -b "$J" --data-urlencode "csrf=$c" -d action=confirm "$LINK" >"$E2E_TMP/conf.code.$i" &
  pids+=($!)
done; wait "${pids[@]}"
codes=$(cat "$E2E_TMP"/conf.code.* | sort | uniq -c | awk '{print $2":"$1}' | tr '\n' ' ')
check "R72: 20 concurrent confirmations: one posts (303), 19 are told (409)" eq "$codes" "303:1 409:19 "
check "R72: exactly one posted revision" eq "$(q "SELECT count(*) FROM doc_revision r JOIN document d ON d.id=r.document_id WHERE d.name='draft-race-one-thing'")" 1
gen --name draft-twin-first-one --rev 00 --author "Hiroshi Nakamura <hiroshi.nakamura@example.org>"
gen --name draft-twin-second-one --rev 00 --author "Hiroshi Nakamura <hiroshi.nakamura@example.org>"
KEY=$(IDTRACKER_DATA="$S_DATA" "$IDT_BIN" apikey create hiroshi.nakamura@example.org | tail -1)
pids=()
for n in first second; do
  curl -s -o "$E2E_TMP/twin.$n" -H "Authorization: Bearer $KEY" -F "txt=@$D/draft-twin-$n-one-00.txt" "$U/api/submission" &
  pids+=($!)
done; wait "${pids[@]}"
check "R73: one submitter with two drafts at once: both posted (an API key of an author posts at once)" eq \
  "$(q "SELECT count(*) FROM submission WHERE name LIKE 'draft-twin-%' AND state='posted'")" 2

# ---- 11. Garbage collection (R12, R13, R39, R66, R67) with a fixed clock.
gen --name draft-smith-forgotten-thing --rev 00 --author "Ann Author <ann@example.org>"
c=$(page_csrf "$J" /submit/)
http R -c "$J" -b "$J" -F "csrf=$c" -F "txt=@$D/draft-smith-forgotten-thing-00.txt" "$U/submit/"
IDG=$(grep -i '^Location:' <<<"$R_headers" | sed -E 's#.*/status/([0-9]+)/.*#\1#')
mkdir -p "$S_DATA/staging/99999"; echo x > "$S_DATA/staging/99999/junk"
# issue 10: a folder named for an id with no row yet is an upload in flight on another server (its folder is
# renamed before its transaction commits): a collection now leaves it; an hour later it is an orphan.
out=$(IDTRACKER_DATA="$S_DATA" "$IDT_BIN" gc)
check "issue 10, R72: gc leaves a just-made folder whose submission row is not committed yet (an upload in flight)" bash -c \
  '[ -f "$1/staging/99999/junk" ] && [ -d "$1/staging/$2" ]' _ "$S_DATA" "$IDG"
mails=$(q "SELECT count(*) FROM outbox")
later=$(date -u -d "@$((now + 7200))" +%Y-%m-%dT%H:%M:%SZ)
out=$(IDTRACKER_DATA="$S_DATA" IDTRACKER_NOW="$later" "$IDT_BIN" gc)
check "R66: an upload nobody acted on for an hour is garbage; orphan folders go too" bash -c '[ "$1" = cancel ] && [ ! -e "$2/staging/$3" ] && [ ! -e "$2/staging/99999" ] && grep -q "abandoned" <<<"$4"' _ "$(state "$IDG")" "$S_DATA" "$IDG" "$out"
check "R64: the receipt stays after collection" bash -c 'curl -s "$1/submit/status/$2/" | grep -q "Keep this number"' _ "$U" "$IDG"
waiting=$(q "SELECT count(*) FROM submission WHERE state IN ('auth','aut-appr','grp-appr')")
much_later=$(date -u -d "@$((now + 15 * 86400))" +%Y-%m-%dT%H:%M:%SZ)
IDTRACKER_DATA="$S_DATA" IDTRACKER_NOW="$much_later" "$IDT_BIN" gc >/dev/null
check "R39: unconfirmed submissions expire after 14 days, silently (no mail)" eq \
  "$waiting:$(q "SELECT count(*) FROM submission WHERE state IN ('auth','aut-appr','grp-appr')"):$(q "SELECT count(*) FROM outbox")" "$waiting:0:$mails"
# R13: a full staging area refuses with a sentence (a second server with a tiny capacity).
server_start T IDTRACKER_STAGING_MAX=1M || true
head -c 700000 /dev/zero | tr '\0' ' ' > "$E2E_TMP/pad"; cat "$D/draft-smith-late-thing-00.txt" "$E2E_TMP/pad" > "$D/draft-smith-pad-one-00.txt"
sed 's/draft-smith-late-thing-00/draft-smith-pad-one-00/' -i "$D/draft-smith-pad-one-00.txt"
sed 's/draft-smith-pad-one/draft-smith-pad-two/' "$D/draft-smith-pad-one-00.txt" > "$D/draft-smith-pad-two-00.txt"
http R -c "$E2E_TMP/jt" -b "$E2E_TMP/jt" -F "csrf=$(csrf_from "$(curl -s -c "$E2E_TMP/jt" -b "$E2E_TMP/jt" "$T_URL/submit/")")" -F "txt=@$D/draft-smith-pad-one-00.txt" "$T_URL/submit/"
check "R12: a first large upload fits" eq "$R_code" 303
http R -c "$E2E_TMP/jt" -b "$E2E_TMP/jt" -F "csrf=$(csrf_from "$(curl -s -c "$E2E_TMP/jt" -b "$E2E_TMP/jt" "$T_URL/submit/")")" -F "txt=@$D/draft-smith-pad-two-00.txt" "$T_URL/submit/"
check "R13: when the staging area is full after collection, the upload is refused (503) with the sentence" bash -c '[ "$1" = 503 ] && grep -q "staging area is full" <<<"$2"' _ "$R_code" "$R_body"
server_stop T
# Daily limits (DATATRACKER.md 2.18): per draft revision and per client address, each a 429.
server_start L IDTRACKER_SUBMIT_DAILY_NAME=2 IDTRACKER_SUBMIT_DAILY_IP=3 || true
lim() { http R -F user=ann@example.org -F "txt=@$D/$1-00.txt" "$L_URL/api/submission"; }
lim draft-smith-late-thing; I1=$(jget "$R_body" 'd.get("id",0)')
curl -s -d action=cancel -d "token=$(jget "$R_body" 'd["status_page"].split("/")[-2]')" "$L_URL/api/submission/$I1/action" >/dev/null
lim draft-smith-late-thing; I2=$(jget "$R_body" 'd.get("id",0)')
curl -s -d action=cancel -d "token=$(jget "$R_body" 'd["status_page"].split("/")[-2]')" "$L_URL/api/submission/$I2/action" >/dev/null
lim draft-smith-late-thing
check "a third submission of one revision in a day (limit 2) is a 429 with the sentence" bash -c '[ "$1" = 429 ] && grep -q "daily limit of 2 submissions for this draft revision" <<<"$2"' _ "$R_code" "$R_body"
lim draft-smith-by-mail
check "  ...another draft from the same address is still taken" eq "$R_code" 200
lim draft-smith-api-action
check "the fourth upload from one address in a day (limit 3) is a 429" bash -c '[ "$1" = 429 ] && grep -q "from your address" <<<"$2"' _ "$R_code" "$R_body"
check "  ...and the refusals stored nothing" eq "$(sql "$L_DATA" "SELECT count(*) FROM submission")" 3
server_stop L

server_stop S

# ---- 12. Real drafts from the corpus, on their own dates: a new -00 confirmed and posted, then the
# -01 by a previous author (aut-appr), posted, and the diff between them. Read in place from ../shared.
CP=../shared/corpus/pairs
if [ -f "$CP/draft-cedik-http-warning-00.txt" ]; then
  X="$E2E_TMP/corpus"; mkdir -p "$X"
  IDTRACKER_DATA="$X" "$IDT_BIN" init --demo >/dev/null 2>&1
  serve_at() { # serve_at ISO-TIME: a server on $X with the clock fixed; sets CU
    rm -f "$X/port"
    IDTRACKER_DATA="$X" IDTRACKER_NOW="$1" "$IDT_BIN" serve --listen 127.0.0.1:0 --port-file "$X/port" >>"$X/server.log" 2>&1 &
    CPID=$!
    for _ in $(seq 1 100); do [ -s "$X/port" ] && break; sleep 0.05; done
    CU="http://127.0.0.1:$(cat "$X/port")"
  }
  cq() { sql "$X" "$1"; }
  cconfirm() { # cconfirm ID: opens and confirms the mailed link of submission ID
    local link page
    link=$(cq "SELECT message FROM outbox WHERE template = 'sub_confirm' AND object_id = '$1' ORDER BY id DESC LIMIT 1" | mail_decode | grep -o 'http://[^ ]*/confirm/[^ ]*/' | head -1)
    page=$(curl -s -c "$X/jar" -b "$X/jar" "$link")
    curl -s -o /dev/null -c "$X/jar" -b "$X/jar" --data-urlencode "csrf=$(csrf_from "$page")" -d action=confirm "$link"
  }
  serve_at 2020-05-07T12:00:00Z
  http R -F user=andre.cedik@googlemail.com -F "txt=@$CP/draft-cedik-http-warning-00.txt" -F "xml=@$CP/draft-cedik-http-warning-00.xml" "$CU/api/submission"
  C0=$(jget "$R_body" 'd.get("id", 0)')
  check "corpus: draft-cedik-http-warning-00 (txt+xml) is checked clean on its date and asks for confirmation" eq "$R_code/$(jget "$R_body" 'd.get("state")')" "200/auth"
  cconfirm "$C0"
  check "corpus: confirmed and posted, with its real title and both authors" eq "$(cq "SELECT d.title || '|' || (SELECT group_concat(email, ',') FROM doc_author WHERE document_id = d.id) FROM document d WHERE d.name = 'draft-cedik-http-warning'")" \
    "Communicating Warning Information in HTTP APIs|andre.cedik@googlemail.com,erik.wilde@dret.net"
  kill "$CPID"; wait "$CPID" 2>/dev/null
  serve_at 2020-10-01T12:00:00Z
  http R -F user=erik.wilde@dret.net -F "txt=@$CP/draft-cedik-http-warning-01.txt" -F "xml=@$CP/draft-cedik-http-warning-01.xml" "$CU/api/submission"
  C1=$(jget "$R_body" 'd.get("id", 0)')
  check "corpus: -01 by a previous author waits for the previous authors (aut-appr), both mailed" bash -c '[ "$1" = aut-appr ] && grep -q "andre.cedik@googlemail.com" <<<"$2" && grep -q "erik.wilde@dret.net" <<<"$2"' _ \
    "$(jget "$R_body" 'd.get("state")')" "$(cq "SELECT recipients FROM outbox WHERE template = 'sub_confirm' AND object_id = '$C1'")"
  cconfirm "$C1"
  check "corpus: -01 posted" eq "$(cq "SELECT rev FROM document WHERE name = 'draft-cedik-http-warning'")" 01
  http R "$CU/doc/draft-cedik-http-warning/diff/?from=00&to=01"
  check "corpus: the diff of the two real revisions marks changed words" bash -c '[ "$1" = 200 ] && [ "$(grep -o "class=\"chg\"" <<<"$2" | wc -l)" -gt 10 ]' _ "$R_code" "$R_body"
  kill "$CPID"; wait "$CPID" 2>/dev/null
else
  echo "# ../shared/corpus is not beside this checkout: the corpus flows are skipped"
fi
e2e_finish e2e-submit
