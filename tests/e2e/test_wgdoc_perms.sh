#!/usr/bin/env bash
# test_wgdoc_perms.sh: the WG document office's permission table (issue 8; seed 003, A2-A13), walked
# route by route and role by role against a real server with the demo QUIC WG (area wit). One table
# below says, for every action and every role, what must happen; the walk does it with that role's
# API key (POST actions: a Bearer key needs no CSRF token), its signed-in browser session (pages and
# page forms) or no credentials at all (anonymous), and checks the answer. Every refused action is
# also checked for having changed nothing: the draft's WG state, WG, tags, calls, IPR rows, editors,
# checklist rows, history and last update, and the numbers of calls, editors, checklist rows and
# queued mails in the whole database. Every allowed state-changing action gets a fresh draft of its
# own (posted through the submission office at the moment it is needed), so that every cell starts
# from the same state; the refused ones are all tried on three shared drafts, which must come out of
# the walk as they went in (but for the "-takeover" rows, where every cell gets a fresh draft).
#
# Where the rules come from (../shared/design/DATATRACKER.md 3.5, 3.6, 3.10, REQUIREMENTS.md A2-A13,
# seed 003 = rfc7221bis):
#   the documents of a WG are managed by the holders of its docman roles: its chairs, secretaries and
#     delegates (3.10 "roles in doc.group.features.docman_roles (WG: chair, delegate, secr) of the doc's
#     group"); a chair of another WG has none of them for QUIC's drafts; an author has none either
#     (seed 003 2.1: adoption moves change control from the authors to the WG; the chairs decide);
#   the call for adoption is the chairs' or a WG secretary's (seed 003 2.3 "the Chairs (or a WG
#     Secretary, if there is one)"; A2; 3.5 notes the Datatracker's secretaries lacked access: a bug);
#   the Secretariat may do everything (3.10 "Secretariat: always");
#   Area Directors: 3.10 lets any AD act on any IETF-stream document; the project scopes an AD to the
#     WGs of their own area (src/wg/wgdoc.c wgd_may(), as the liaison office scopes approvals), so the
#     AD of wit acts on QUIC's drafts and the AD of sec does not. This table follows the project's
#     rule; the difference from 3.10 is a decision, reported, not a failure of the walk;
#   an individual draft named draft-<person>-quic-... belongs to QUIC for these checks (A1, 3.12);
#   a document that is QUIC's (a WG document) is not taken by naming another group: the actions take a
#     group= field (the group to adopt into, or that issues the call), but a state is changed by the
#     roles "of the doc's group" (3.10), a draft is adopted into a group only from no group and only into
#     a group where the user holds a docman role (3.5 "limited to groups where the user has docman
#     roles"); so group=tls on QUIC's WG document is refused to everyone but the Secretariat, the TLS chair
#     and the AD of sec included (the "-takeover" rows, each cell on a fresh WG document);
#   the document page, the WG page and the document's JSON are public (A12, A13); the chairs' forms and
#     the chairs' dashboard link show only to those who may use them (A13);
#   anonymously the API answers 401, the pages send to /accounts/login/ (302 for a GET, 303 for a POST).
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh

TODAY=$(date -u +%F)
D="$E2E_TMP/drafts"; mkdir -p "$D"
# About 70 drafts are posted from 127.0.0.1 today, above the default daily limit per address (50).
server_start P IDTRACKER_SUBMIT_DAILY_IP=1000 || { e2e_finish e2e-wgdoc-perms; exit 1; }
U=$P_URL
q() { sql "$P_DATA" "$1"; }
idt() { IDTRACKER_DATA="$P_DATA" "$IDT_BIN" "$@"; }
mail_decode() { python3 -c '
import sys, email, email.policy
m = email.message_from_bytes(sys.stdin.buffer.read().replace(b"\r\n", b"\n"), policy=email.policy.default)
for k, v in m.items(): print("%s: %s" % (k, " ".join(str(v).split())))
print(); print(m.get_content())'; }

# ---- the roles (columns of the table) ----
ROLES=(anon author chair chair2 secr ad ad2 secrt)
declare -A EMAIL=(
  [author]=ann@example.org                   # the drafts' author, a user without any role
  [chair]=lukas.brenner@example.org          # chair of QUIC (a WG of wit)
  [chair2]=hugo.lambert@example.org          # chair of TLS (a WG of sec): another WG, another area
  [secr]=sam.secr@example.org                # secretary of QUIC (made below: the demo has none)
  [ad]=samuel.achterberg@example.org         # AD of wit, QUIC's area
  [ad2]=amir.rostami@example.org             # AD of sec
  [secrt]=secretariat@example.org            # the Secretariat
)
declare -A WHO=(
  [anon]="anonymous" [author]="the author (no role)" [chair]="QUIC chair" [chair2]="TLS chair" [secr]="QUIC secretary"
  [ad]="AD of wit" [ad2]="AD of sec" [secrt]="Secretariat"
)
# The person part of each role's own drafts (letters only).
declare -A PERSON=([chair]=brenner [secr]=secretary [ad]=achterberg [secrt]=archer
  [anon]=anon [author]=author [chair2]=lambert [ad2]=rostami)
declare -A PASSWORD KEY JAR CSRF
printf '%s\n' 'ann-password-1' | idt user add --email ann@example.org --name 'Ann Author' --password-stdin >/dev/null 2>&1
printf '%s\n' 'sam-password-1' | idt user add --email sam.secr@example.org --name 'Sam Secretary' --password-stdin >/dev/null 2>&1
idt role add sam.secr@example.org secr quic >/dev/null 2>&1
check "setup: Ann Author exists and holds no role; Sam Secretary is QUIC's secretary" eq \
  "$(q "SELECT count(*) FROM role r JOIN person p ON p.id = r.person_id WHERE p.name = 'Ann Author'")/$(q "SELECT r.name || ':' || g.acronym FROM role r JOIN person p ON p.id = r.person_id JOIN grp g ON g.id = r.group_id WHERE p.name = 'Sam Secretary'")" \
  "0/secr:quic"
check "setup: the TLS chair and the AD of sec hold no role in QUIC or wit" eq \
  "$(q "SELECT group_concat(x, ' ') FROM (SELECT r.email || '=' || r.name || ':' || g.acronym AS x FROM role r JOIN grp g ON g.id = r.group_id WHERE r.email IN ('hugo.lambert@example.org', 'amir.rostami@example.org') ORDER BY 1) AS y")" \
  "amir.rostami@example.org=ad:sec hugo.lambert@example.org=chair:tls"
PASSWORD[author]=ann-password-1
PASSWORD[secr]=sam-password-1
perm_roles_setup


# ---- drafts: posted through the submission office by Ann, confirmed from the outbox mail ----
gen() { python3 tests/e2e/gen_draft.py --date "$TODAY" --out "$D" "$@" >/dev/null; }
J="$E2E_TMP/jar-confirm"
confirm_sub() { # the confirmation link of submission $1, opened and pressed
  local link pg
  link=$(q "SELECT message FROM outbox WHERE template = 'sub_confirm' AND object_id = '$1' ORDER BY id DESC LIMIT 1" | mail_decode | grep -o 'http://[^ ]*/confirm/[^ ]*/' | head -1)
  pg=$(curl -s -c "$J" -b "$J" "$link"); curl -s -o /dev/null -c "$J" -b "$J" --data-urlencode "csrf=$(csrf_from "$pg")" -d action=confirm "$link"
}
post_draft() { # post_draft NAME: -00, by Ann, confirmed; prints nothing
  local name=$1 R_code R_body R_headers
  gen --name "$name" --rev 00 --author "Ann Author <ann@example.org>"
  http R -F user=ann@example.org -F "txt=@$D/$name-00.txt" "$U/api/submission"
  confirm_sub "$(jget "$R_body" 'd["id"]')"
}
preapprove() { # preapprove NAME: the QUIC chair pre-approves a WG -00 name on the approvals page
  local R_code R_body R_headers
  http R -b "${JAR[chair]}" -c "${JAR[chair]}" --data-urlencode "csrf=$(csrf_from "$(curl -s -b "${JAR[chair]}" "$U/submit/approvals/")")" \
    -d "name=$1" "$U/submit/approvals/preapproval/"
}
call_by_secretariat() { # an adoption call opened on NAME for the setup (not a cell of the table)
  local R_code R_body R_headers
  http R -H "Authorization: Bearer ${KEY[secrt]}" -d days=14 "$U/api/v1/doc/$1/adoption-call"
}
doc_exists() { [ "$(q "SELECT count(*) FROM document WHERE name = '$1'")" = 1 ]; }

# What a draft is now, one field: state (the WG state, or none), wg, tags, call (the latest call as
# kind-state), calls (all of them), editors (the current ones), checklist (the ticked steps).
field() {
  local n=$1 f=$2 id
  id="(SELECT id FROM document WHERE name = '$n')"
  case "$f" in
    state) q "SELECT coalesce(nullif(wg_state, ''), 'none') FROM document WHERE name = '$n'" ;;
    wg) q "SELECT coalesce(nullif(wg, ''), 'none') FROM document WHERE name = '$n'" ;;
    tags) q "SELECT coalesce((SELECT group_concat(tag, '/') FROM (SELECT tag FROM doc_tag WHERE document_id = $id ORDER BY tag) AS x), 'none')" ;;
    call) q "SELECT coalesce((SELECT kind || '-' || state FROM wg_call WHERE document_id = $id ORDER BY id DESC LIMIT 1), 'none')" ;;
    editors) q "SELECT coalesce((SELECT group_concat(e, '/') FROM (SELECT m.address AS e FROM doc_editor x JOIN email m ON m.person_id = x.person_id AND m.is_primary = 1 WHERE x.document_id = $id AND x.until IS NULL ORDER BY 1) AS x), 'none')" ;;
    checklist) q "SELECT coalesce((SELECT group_concat(step, '/') FROM (SELECT step FROM wg_checklist WHERE document_id = $id ORDER BY step) AS x), 'none')" ;;
  esac
}
# What a refused action must leave untouched: the draft (WG state, WG, last update, tags, calls with their
# state and outcome, IPR rows, editors with their history, checklist rows, history) and the numbers of
# calls, editors, checklist rows and queued mails in the whole database.
snap() { echo "$(snap_doc "$1")|$(q "SELECT (SELECT count(*) FROM wg_call) || '|' || (SELECT count(*) FROM doc_editor) || '|' ||
  (SELECT count(*) FROM wg_checklist) || '|' || (SELECT count(*) FROM outbox)")"; }
snap_doc() {
  local id="(SELECT id FROM document WHERE name = '$1')"
  q "SELECT coalesce(wg_state, '') || '|' || coalesce(wg, '') || '|' || updated || '|' ||
     coalesce((SELECT group_concat(tag) FROM doc_tag WHERE document_id = $id), '') || '|' ||
     coalesce((SELECT group_concat(kind || ':' || state || ':' || coalesce(outcome, '')) FROM wg_call WHERE document_id = $id), '') || '|' ||
     (SELECT count(*) FROM wg_ipr i JOIN wg_call w ON w.id = i.call_id WHERE w.document_id = $id) || '|' ||
     (SELECT count(*) || ':' || count(until) FROM doc_editor WHERE document_id = $id) || '|' ||
     (SELECT count(*) FROM wg_checklist WHERE document_id = $id) || '|' ||
     (SELECT count(*) FROM event WHERE object_type = 'document' AND object_id = '$1')
     FROM document WHERE name = '$1'"
}

# ---- the permission table ----
# A cell is the expected answer: an HTTP status; "302L"/"303L" a redirect to /accounts/login/; "200+"/"200-"
# a page that does/does not offer the chairs' forms (the document page) or the chairs' dashboard link (the
# WG page). An allowed state-changing cell (200 on the API, 303 back to the document page on a page form)
# must leave its fresh draft as the "after" column says: field=value pairs joined by "+" (see field()).
# 401: the API needs a sign-in; 403: signed in but refused. "-": a read, nothing to check after it.
TABLE=$(cat <<'EOF'
# action             A-ids    after                                      anon  author chair chair2 secr  ad    ad2   secrt
api-state            A12      state=wg-cand+wg=quic                      401   403    200   403    200   200   403   200
api-tags             A12      tags=need-aut                              401   403    200   403    200   200   403   200
api-adoption-call    A2,A4    state=c-adopt+call=adoption-open           401   403    200   403    200   200   403   200
api-close            A5       state=none+tags=no-adopt+call=adoption-closed 401 403 200   403    200   200   403   200
api-adopt            A8       state=adopt-wg+wg=quic                     401   403    200   403    200   200   403   200
api-editors          A6       editors=ann@example.org                    401   403    200   403    200   200   403   200
api-check            A3,A5    checklist=consensus                        401   403    200   403    200   200   403   200
api-withdrawal-call  A10      state=wg-doc+call=withdrawal-open          401   403    200   403    200   200   403   200
page-state-post      A12      state=wg-cand+wg=quic                      303L  403    303   403    303   303   403   303
page-call-post       A2,A4    state=c-adopt+call=adoption-open           303L  403    303   403    303   303   403   303
page-call-form       A2,A4    -                                          302L  403    200   403    200   200   403   200
page-chairs          A10,A13  -                                          302L  403    200   403    200   200   403   200
page-doc             A2,A12   -                                          200-  200-   200+  200-   200+  200+  200-  200+
page-group           A13      -                                          200-  200-   200+  200-   200+  200+  200-  200+
api-doc              A6,A12   -                                          200   200    200   200    200   200   200   200
api-state-takeover   A12      state=dead+wg=tls                          401   403    403   403    403   403   403   200
api-withdrawal-takeover A10   call=withdrawal-open                       401   403    403   403    403   403   403   200
api-adopt-takeover   A8       state=adopt-wg+wg=tls                      401   403    403   403    403   403   403   200
EOF
)
declare -A EXP AIDS AFTER
ACTIONS=()
while read -r action aids after rest; do
  [ -z "$action" ] || [ "${action:0:1}" = "#" ] && continue
  ACTIONS+=("$action")
  AIDS[$action]=$aids
  AFTER[$action]=$after
  read -r -a cells <<<"$rest"
  for i in "${!ROLES[@]}"; do EXP[$action:${ROLES[$i]}]=${cells[$i]:-?}; done
done <<<"$TABLE"
check "setup: the table has a cell for every action and role" bash -c '[ "$1" -eq 18 ] && ! grep -q "?" <<<"$2"' _ "${#ACTIONS[@]}" "${EXP[*]}"

allowed() { local w=${EXP[$1:$2]}; [ "$w" = 200 ] || [ "$w" = 303 ]; }
refused() { local w=${EXP[$1:$2]}; [[ "$w" == 4* || "$w" == *L ]]; }
# after_of ACTION DOC: the fields the "after" column names, as they are now on DOC (same syntax).
after_of() {
  local spec=${AFTER[$1]} out="" kv
  [ "$spec" = - ] && return
  IFS=+ read -r -a kvs <<<"$spec"
  for kv in "${kvs[@]}"; do out="$out${out:++}${kv%%=*}=$(field "$2" "${kv%%=*}")"; done
  echo "$out"
}

# judge ACTION ROLE WHAT GOT_CODE GOT_VALUE BEFORE AFTER: one cell. GOT_VALUE is after_of for an allowed
# state change, the redirect target for a redirect, or "+"/"-" for a page that may show the chairs' tools;
# BEFORE/AFTER the snapshots around a refused one.
judge() {
  local action=$1 role=$2 what=$3 code=$4 value=$5 before=$6 after=$7
  local want=${EXP[$action:$role]} why=""
  case "$want" in
    302L|303L) [ "$code" = "${want%L}" ] && [[ "$value" == /accounts/login/* ]] || why="expected a ${want%L} to /accounts/login/, got $code to [$value]" ;;
    200+|200-) [ "$code/$value" = "200/${want:3}" ] || why="expected 200 with the chairs' tools ${want:3}, got $code/[$value]" ;;
    303) [ "$code" = 303 ] && [[ "$value" != /accounts/login/* ]] || why="expected a 303 back to the document, got $code to [$value]" ;;
    *) [ "$code" = "$want" ] || why="expected $want, got $code" ;;
  esac
  # An allowed state change leaves the fresh draft as the table says.
  if [ -z "$why" ] && allowed "$action" "$role" && [ "${AFTER[$action]}" != - ]; then
    [ "$after" = "${AFTER[$action]}" ] || why="allowed, but afterwards [$after], not [${AFTER[$action]}]"
  fi
  # A refusal changes nothing.
  if [ -z "$why" ] && refused "$action" "$role" && [ -n "$before" ] && [ "$before" != "$after" ]; then
    why="refused but something changed: [$before] -> [$after]"
  fi
  local desc="${AIDS[$action]} $action: ${WHO[$role]} ($role) $what -> $want"
  allowed "$action" "$role" && [ "${AFTER[$action]}" != - ] && desc="$desc, then ${AFTER[$action]}"
  refused "$action" "$role" && [ -n "$before" ] && desc="$desc, nothing changed"
  if [ -z "$why" ]; then ok "$desc"; else
    echo "#   $why" >&2
    grep -qF '"message"' <<<"${R_body:-}" && echo "#   the server said: $(jget "$R_body" 'd["error"]["message"]')" >&2
    refused "$action" "$role" && [ -n "$before" ] && [ "$before" != "$after" ] && echo "#   and the draft went [$before] -> [$after]" >&2
    not_ok "$desc"
  fi
}

# ---- the shared drafts the refusals are tried on ----
S_IND=draft-shared-quic-refusals        # an individual draft aimed at QUIC, no WG state
S_CALL=draft-shared-quic-opencall       # the same with a call for adoption open
S_WG=draft-ietf-quic-withdrawshared     # a WG document (the pre-approved WG -00)
post_draft $S_IND
post_draft $S_CALL; call_by_secretariat $S_CALL
preapprove $S_WG; post_draft $S_WG
check "setup: $S_IND has no WG state, $S_CALL a call for adoption open, $S_WG is a WG document" eq \
  "$(field $S_IND state)/$(field $S_IND call)|$(field $S_CALL state)/$(field $S_CALL call)|$(field $S_WG state)/$(field $S_WG call)" \
  "none/none|c-adopt/adoption-open|wg-doc/none"
SNAP_IND=$(snap_doc $S_IND); SNAP_CALL=$(snap_doc $S_CALL); SNAP_WG=$(snap_doc $S_WG)

# target ACTION ROLE: the draft the cell acts on: a fresh one when the cell is allowed, else the shared one.
declare -A TOPIC=([api-state]=apistate [api-tags]=apitags [api-adoption-call]=apicall [api-close]=apiclose
  [api-adopt]=apiadopt [api-editors]=apieditors [api-check]=apicheck [api-withdrawal-call]=apiwithdraw
  [page-state-post]=pagestate [page-call-post]=pagecall
  [api-state-takeover]=takeoverstate [api-withdrawal-takeover]=takeoverwithdraw [api-adopt-takeover]=takeoveradopt)
target() {
  local action=$1 role=$2 n
  # A takeover cell acts on a fresh WG document of QUIC's, allowed or not: one that gave in must not spoil
  # the next.
  if [[ "$action" == *-takeover ]]; then
    n=draft-ietf-quic-${TOPIC[$action]}${PERSON[$role]}; preapprove "$n"; post_draft "$n"; echo "$n"; return
  fi
  if ! allowed "$action" "$role"; then
    case "$action" in api-close) echo $S_CALL ;; api-withdrawal-call) echo $S_WG ;; *) echo $S_IND ;; esac
    return
  fi
  case "$action" in
    api-withdrawal-call) n=draft-ietf-quic-withdraw${PERSON[$role]}; preapprove "$n"; post_draft "$n" ;;
    api-close) n=draft-${PERSON[$role]}-quic-${TOPIC[$action]}; post_draft "$n"; call_by_secretariat "$n" ;;
    *) n=draft-${PERSON[$role]}-quic-${TOPIC[$action]}; post_draft "$n" ;;
  esac
  echo "$n"
}

# ---- the API's actions (A2-A12) ----
declare -A API_ARGS=(
  [api-state]="-d state=wg-cand"
  [api-tags]="-d set=need-aut"
  [api-adoption-call]="-d days=14"
  [api-close]="-d outcome=no-adopt"
  [api-adopt]="-d comment=split-from-another-draft"
  [api-editors]="-d add=ann@example.org"
  [api-check]="-d value=consensus"
  [api-withdrawal-call]="-d days=14"
  [api-state-takeover]="-d state=dead -d group=tls"
  [api-withdrawal-takeover]="-d days=14 -d group=tls"
  [api-adopt-takeover]="-d comment=moved-by-its-new-group -d group=tls"
)
declare -A VERB=([api-state-takeover]=state [api-withdrawal-takeover]=withdrawal-call [api-adopt-takeover]=adopt)
for action in api-state api-tags api-adoption-call api-close api-adopt api-editors api-check api-withdrawal-call \
    api-state-takeover api-withdrawal-takeover api-adopt-takeover; do
  verb=${VERB[$action]:-${action#api-}}
  for r in "${ROLES[@]}"; do
    n=$(target "$action" "$r")
    if ! doc_exists "$n"; then not_ok "${AIDS[$action]} $action: ${WHO[$r]} ($r): the draft $n could not be set up"; continue; fi
    from="$(field "$n" state)"
    before=$(snap "$n")
    read -r -a args <<<"${API_ARGS[$action]}"
    [ "$action" = api-close ] && args+=(--data-urlencode "summary=No consensus to adopt (as judged by $r).")
    api "$r" "${args[@]}" "$U/api/v1/doc/$n/$verb"
    # Allowed: what the fresh draft is now, by the "after" column; refused: the snapshot again.
    if allowed "$action" "$r"; then after=$(after_of "$action" "$n"); else after=$(snap "$n"); fi
    judge "$action" "$r" "POST /api/v1/doc/$n/$verb ${API_ARGS[$action]} (was $from)" "$R_code" "" "$before" "$after"
  done
done

# ---- the pages' forms (A2, A4, A12) ----
for r in "${ROLES[@]}"; do
  for action in page-state-post page-call-post; do
    n=$(target "$action" "$r")
    if ! doc_exists "$n"; then not_ok "${AIDS[$action]} $action: ${WHO[$r]} ($r): the draft $n could not be set up"; continue; fi
    from="$(field "$n" state)"
    before=$(snap "$n")
    if [ $action = page-state-post ]; then
      page_post "$r" "/doc/$n/wg/" -d action=state -d state=wg-cand; path="/doc/$n/wg/ action=state state=wg-cand"
    else
      page_post "$r" "/doc/$n/adopt/call/" -d kind=adoption -d group=quic -d days=14; path="/doc/$n/adopt/call/ kind=adoption days=14"
    fi
    if allowed "$action" "$r"; then after=$(after_of "$action" "$n"); else after=$(snap "$n"); fi
    loc=$(location)
    # A success sends back to the document's page.
    [ "$R_code" = 303 ] && [[ "$loc" != /accounts/login/* ]] && [ "$loc" != "/doc/$n/" ] && {
      echo "#   redirected to [$loc], not to /doc/$n/" >&2; R_code="303-elsewhere"; }
    judge "$action" "$r" "POST $path (was $from)" "$R_code" "$loc" "$before" "$after"
  done
done

# ---- the chairs' pages and the public reads (A2, A10, A12, A13) ----
for r in "${ROLES[@]}"; do
  before=$(snap $S_IND)
  page "$r" "$U/doc/$S_IND/adopt/call/"
  judge page-call-form "$r" "GET /doc/$S_IND/adopt/call/" "$R_code" "$(location)" "$before" "$(snap $S_IND)"
  [ "$R_code" = 200 ] && check "A2, A4: ...and the call page holds the form and the criteria for $r" bash -c \
    'grep -q "id=\"call-form\"" <<<"$1" && grep -q "Is the proposal useful?" <<<"$1"' _ "$R_body"
  page "$r" "$U/group/quic/chairs/"
  judge page-chairs "$r" "GET /group/quic/chairs/" "$R_code" "$(location)" "" ""
  [ "$R_code" = 200 ] && check "A13: ...and the dashboard lists the open call on $S_CALL for $r" bash -c \
    'c=${1#*id=\"open-calls\"}; grep -q "$2" <<<"${c%%</ul>*}"' _ "$R_body" "$S_CALL"
  page "$r" "$U/doc/$S_IND/"
  judge page-doc "$r" "GET /doc/$S_IND/" "$R_code" "$(grep -q 'id="wg-form"' <<<"$R_body" && echo + || echo -)" "" ""
  page "$r" "$U/group/quic/"
  judge page-group "$r" "GET /group/quic/" "$R_code" "$(grep -q 'href="/group/quic/chairs/"' <<<"$R_body" && echo + || echo -)" "" ""
  api "$r" "$U/api/v1/doc/$S_IND"
  judge api-doc "$r" "GET /api/v1/doc/$S_IND" "$R_code" "" "" ""
  [ "$R_code" = 200 ] && check "A12: ...and the JSON names the draft and its WG for $r" eq "$(jget "$R_body" 'd["name"] + "/" + str(d["group"])')" "$S_IND/quic"
done

# ---- the shared drafts went through every refusal unchanged ----
check "every refusal left $S_IND (no WG state) as it was" eq "$(snap_doc $S_IND)" "$SNAP_IND"
check "A5: every refused close left $S_CALL's call open, unchanged" eq "$(snap_doc $S_CALL)" "$SNAP_CALL"
check "A10: every refused withdrawal call left $S_WG a WG document without a call" eq "$(snap_doc $S_WG)" "$SNAP_WG"

server_stop P
e2e_finish e2e-wgdoc-perms
