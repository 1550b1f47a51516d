#!/usr/bin/env bash
# test_liaison_perms.sh: the liaison office's permission table (issue 7; seeds 000-002, L2, L3, L6-L10, L16),
# walked route by route and role by role against a real server. One table below says, for every action
# and every role, what must happen; the walk does it with that role's API key (POST actions: a Bearer key
# needs no CSRF token), its signed-in browser session (pages and page forms) or no credentials at all
# (anonymous), and checks the answer. Every refused state-changing action is also checked for having
# changed nothing: the statement's state, deadline, tracking, history and the counts of statements and
# queued mails are the same as before. Allowed actions get a fresh statement each, so that they do not
# disturb the statement the refused ones are tried on.
#
# Where the rules come from (../shared/design/DATATRACKER.md Part 1 and the seeds):
#   incoming entered by liaison managers (of that SDO), IAB liaison coordinators, the Secretariat (L2, 1.8, 1.6);
#   outgoing by WG chairs/secretaries (own WG), ADs (own area, its WGs, ietf, iesg), the IETF and IAB chairs,
#     liaison managers and the Secretariat (L3, 1.8); a liaison manager addresses only the SDOs they manage
#     (1.6 "Group choices by role": outgoing To = "only SDOs where they are liaiman/auth");
#   an outgoing statement from a WG is approved (and killed, resurrected) by an AD of the WG's area or the
#     Secretariat (seed 000 section 4, 1.7), not by its chair, another area's AD or the IETF/IAB chairs;
#   a pending or dead statement exists only for those who may act on it: its submitter, its approvers and
#     the Secretariat; everyone else gets a 404, as if it did not exist (1.19: not exposing them);
#   a posted statement is tracked (L10) by its assignee, the addressed groups' chairs, secretaries and ADs
#     (a WG's ADs are its area's), the liaison managers on either side, the coordinators and the Secretariat;
#   a reply to an incoming statement is an outgoing statement from the addressed group (L9, seed 000 3.2.2.4):
#     the outgoing rules apply to it;
#   the list, the feeds, the calendar, the SDO directory and posted statements are public (L6, L7, L16).
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh

server_start P || { e2e_finish e2e-liaison-perms; exit 1; }
U=$P_URL
q() { sql "$P_DATA" "$1"; }
idt() { IDTRACKER_DATA="$P_DATA" "$IDT_BIN" "$@"; }

# ---- the roles (columns of the table) ----
ROLES=(anon pub chair ad ad2 ietf iab lm lm2 secr)
declare -A EMAIL=(
  [pub]=pub@example.org
  [chair]=lukas.brenner@example.org          # chair of QUIC (a WG of wit)
  [ad]=samuel.achterberg@example.org         # AD of wit
  [ad2]=amir.rostami@example.org             # AD of sec
  [ietf]=ietf-chair@example.org              # IETF chair (also an AD of gen)
  [iab]=iab-chair@example.org                # IAB chair
  [lm]=hiroshi.nakamura@example.org          # liaison manager of itu-t-sg-15
  [lm2]=sanna.virtanen@example.org           # liaison manager of 3gpp-tsgsa-sa2
  [secr]=secretariat@example.org             # the Secretariat
)
declare -A WHO=(
  [anon]="anonymous" [pub]="public (no role)" [chair]="QUIC chair" [ad]="AD of wit" [ad2]="AD of sec"
  [ietf]="IETF chair" [iab]="IAB chair" [lm]="LM of itu-t-sg-15" [lm2]="LM of 3gpp-tsgsa-sa2" [secr]="Secretariat"
)
declare -A PASSWORD KEY JAR CSRF
printf '%s\n' 'public-password-1' | idt user add --email pub@example.org --name 'Pat Public' --password-stdin >/dev/null 2>&1
check "setup: Pat Public exists and holds no role" eq \
  "$(q "SELECT count(*) FROM person p WHERE p.name = 'Pat Public'")/$(q "SELECT count(*) FROM role r JOIN person p ON p.id = r.person_id WHERE p.name = 'Pat Public'")" "1/0"
PASSWORD[pub]=public-password-1
perm_roles_setup

lstate() { q "SELECT state FROM liaison WHERE id = $1"; }
# What a refused action must leave untouched: the statement (state, deadline, tracking, replied, updated,
# its history) and the number of statements and of queued mails.
snap() {
  q "SELECT coalesce((SELECT state || '|' || deadline || '|' || tracking || '|' || coalesce(replied_at, '') || '|' || updated
     FROM liaison WHERE id = ${1:-0}), '-') || '|' || (SELECT count(*) FROM event WHERE object_type = 'liaison' AND
     object_id = '${1:-0}') || '|' || (SELECT count(*) FROM liaison) || '|' || (SELECT count(*) FROM outbox)"
}

# ---- the permission table ----
# A cell is the expected answer: an HTTP status, with ":state" the state the statement must then be in
# (or ":deadline" for a deadline change); "302L"/"303L" a redirect to /accounts/login/; "200+"/"200-" a
# list that does/does not hold the pending statement; "303" on a page form the redirect to the statement.
# 401: the API needs a sign-in; 403: signed in but refused; 404: the statement does not exist for them.
TABLE=$(cat <<'EOF'
# action               L-ids  anon  pub   chair        ad           ad2   ietf         iab          lm           lm2   secr
api-create-incoming    L2     401   403   403          403          403   403          403          201:posted   403   201:posted
api-create-outgoing    L3     401   403   201:pending  201:posted   403   201:pending  201:pending  201:pending  403   201:posted
page-view-pending      L3,L7  404   404   200          200          404   404          404          404          404   200
api-view-pending       L3,L7  404   404   200          200          404   404          404          404          404   200
api-list-pending       L3,L6  403   200-  200+         200+         200-  200-         200-         200-         200-  200+
page-view-dead         L3,L7  404   404   200          200          404   404          404          404          404   200
api-approve            L3     401   404   403          200:posted   404   404          404          404          404   200:posted
api-kill               L3     401   404   403          200:dead     404   404          404          404          404   200:dead
api-resurrect          L3     401   404   403          200:pending  404   404          404          404          404   200:pending
api-track-deadline     L10    401   403   200          200          403   403          403          200          403   200
api-reply              L9     401   403   201:pending  201:posted   403   201:pending  201:pending  201:pending  403   201:posted
page-reply-form        L9     302L  403   200          200          200   200          200          200          200   200
page-add-incoming-form L2     302L  403   403          403          403   403          403          200          200   200
page-add-outgoing-form L3     302L  403   200          200          200   200          200          200          200   200
page-add-incoming-post L2     303L  403   403          403          403   403          403          303:posted   403   303:posted
page-add-outgoing-post L3     303L  403   303:pending  303:posted   403   303:pending  303:pending  303:pending  403   303:posted
page-approve-post      L3     303L  404   403          303:posted   404   404          404          404          404   303:posted
page-deadline-post     L10    303L  403   303          303          403   403          403          303          403   303
page-view-posted       L7     200   200   200          200          200   200          200          200          200   200
api-view-posted        L7     200   200   200          200          200   200          200          200          200   200
page-list              L6     200   200   200          200          200   200          200          200          200   200
api-list               L6     200   200   200          200          200   200          200          200          200   200
page-feed              L6     200   200   200          200          200   200          200          200          200   200
page-feed-group        L6     200   200   200          200          200   200          200          200          200   200
page-feed-purpose      L6     200   200   200          200          200   200          200          200          200   200
page-deadlines-ics     L6     200   200   200          200          200   200          200          200          200   200
page-sdo               L16    200   200   200          200          200   200          200          200          200   200
page-mine              L8     302L  200   200          200          200   200          200          200          200   200
EOF
)
declare -A EXP LIDS
ACTIONS=()
while read -r action lids rest; do
  [ -z "$action" ] || [ "${action:0:1}" = "#" ] && continue
  ACTIONS+=("$action")
  LIDS[$action]=$lids
  read -r -a cells <<<"$rest"
  for i in "${!ROLES[@]}"; do EXP[$action:${ROLES[$i]}]=${cells[$i]:-?}; done
done <<<"$TABLE"
check "setup: the table has a cell for every action and role" bash -c '[ "$1" -eq 28 ] && ! grep -q "?" <<<"$2"' _ "${#ACTIONS[@]}" "${EXP[*]}"

# judge ACTION ROLE WHAT GOT_CODE GOT_VALUE BEFORE AFTER: one cell. GOT_VALUE is the state (or deadline, or
# "+"/"-" for a list, or the redirect target for a login redirect); BEFORE/AFTER the snapshots around it.
judge() {
  local action=$1 role=$2 what=$3 code=$4 value=$5 before=$6 after=$7
  local want=${EXP[$action:$role]} wcode wval why=""
  wcode=${want%%:*}; wval=""; [[ "$want" == *:* ]] && wval=${want#*:}
  case "$wcode" in
    302L|303L) [ "$code" = "${wcode%L}" ] && [[ "$value" == /accounts/login/* ]] || why="expected a ${wcode%L} to /accounts/login/, got $code to [$value]" ;;
    200+|200-) [ "$code/$value" = "200/${wcode:3}" ] || why="expected 200 with the pending statement ${wcode:3} listed, got $code/$value" ;;
    *) [ "$code" = "$wcode" ] || why="expected $wcode, got $code"
       [ -z "$why" ] && [ -n "$wval" ] && [ "$value" != "$wval" ] && why="expected $wval after it, got [$value]" ;;
  esac
  # A refusal changes nothing.
  if [ -z "$why" ] && { [[ "$wcode" == 4* ]] || [[ "$wcode" == *L ]]; } && [ -n "$before" ] && [ "$before" != "$after" ]; then
    why="refused but something changed: [$before] -> [$after]"
  fi
  local desc="${LIDS[$action]} $action: ${WHO[$role]} ($role) $what -> $want"
  [[ "$wcode" == 4* || "$wcode" == *L ]] && [ -n "$before" ] && desc="$desc, nothing changed"
  if [ -z "$why" ]; then ok "$desc"; else
    echo "#   $why" >&2
    grep -qF '"message"' <<<"${R_body:-}" && echo "#   the server said: $(jget "$R_body" 'd["error"]["message"]')" >&2
    not_ok "$desc"
  fi
}
allowed() { local w=${EXP[$1:$2]}; [[ "$w" == 2* || "$w" == 303 || "$w" == 303:* ]]; }

# ---- statements to act on ----
# new_incoming TITLE: posted, from itu-t-sg-15 to quic, For action by 2027-06-01 (entered by its liaison manager).
new_incoming() {
  api lm -d direction=incoming -d from_groups=itu-t-sg-15 -d to_groups=quic -d "from_contact=hiroshi.nakamura@example.org" \
    -d to_contacts=quic-chairs@example.org -d purpose=action -d deadline=2027-06-01 --data-urlencode "title=$1" -d body=B. "$U/api/v1/liaison"
  jget "$R_body" 'd["id"]'
}
# new_pending TITLE: outgoing from quic to itu-t-sg-15 by the QUIC chair: pending until an AD of wit approves.
new_pending() {
  api chair -d direction=outgoing -d from_groups=quic -d to_groups=itu-t-sg-15 -d from_contact=lukas.brenner@example.org \
    -d to_contacts=sg15@itu.example.org -d purpose=info --data-urlencode "title=$1" -d body=B. "$U/api/v1/liaison"
  jget "$R_body" 'd["id"]'
}
# new_dead TITLE: a pending one, killed by the Secretariat.
new_dead() { local id; id=$(new_pending "$1"); api secr -X POST "$U/api/v1/liaison/$id/kill" >/dev/null; echo "$id"; }
P_VIEW=$(new_pending "Pending, to be looked at")
D_VIEW=$(new_dead "Dead, to be looked at")
I_VIEW=$(new_incoming "Posted, to be looked at")
check "setup: #$P_VIEW pending, #$D_VIEW dead, #$I_VIEW posted (assigned to a QUIC chair)" eq \
  "$(lstate "$P_VIEW")/$(lstate "$D_VIEW")/$(lstate "$I_VIEW")/$(q "SELECT assignee_group FROM liaison WHERE id = $I_VIEW")" "pending/dead/posted/quic"

# ---- creating (L2, L3): through the API and through the page forms ----
in_fields=(-d from_groups=itu-t-sg-15 -d to_groups=quic -d from_contact=hiroshi.nakamura@example.org -d to_contacts=quic-chairs@example.org
  -d purpose=info -d body=B.)
out_fields=(-d from_groups=quic -d to_groups=itu-t-sg-15 -d from_contact=lukas.brenner@example.org -d to_contacts=sg15@itu.example.org
  -d purpose=info -d body=B.)
for r in "${ROLES[@]}"; do
  for dir in incoming outgoing; do
    [ $dir = incoming ] && f=("${in_fields[@]}") || f=("${out_fields[@]}")
    [ $dir = incoming ] && route="itu-t-sg-15 -> quic" || route="quic -> itu-t-sg-15"
    t="Perm walk: $dir by $r via the API"
    before=$(snap 0)
    api "$r" -d direction=$dir "${f[@]}" --data-urlencode "title=$t" "$U/api/v1/liaison"
    after=$(snap 0)
    id=$(q "SELECT id FROM liaison WHERE title = '$t'")
    judge api-create-$dir "$r" "POST /api/v1/liaison $dir $route${id:+ (#$id)}" "$R_code" "${id:+$(lstate "$id")}" "$before" "$after"
    t="Perm walk: $dir by $r via the page"
    before=$(snap 0)
    page_post "$r" /liaison/add/$dir/ "${f[@]}" --data-urlencode "title=$t"
    after=$(snap 0)
    id=$(q "SELECT id FROM liaison WHERE title = '$t'")
    loc=$(location)
    if [ "$R_code" = 303 ] && [[ "$loc" != /accounts/login/* ]]; then
      # A success: the redirect names the new statement.
      [ "$loc" = "/liaison/$id/" ] || { echo "#   redirected to [$loc], not to /liaison/$id/" >&2; R_code="303-elsewhere"; }
      val=$(lstate "$id")
    else
      val=$loc
    fi
    judge page-add-$dir-post "$r" "POST /liaison/add/$dir/ $route${id:+ (#$id)}" "$R_code" "$val" "$before" "$after"
  done
done

# ---- seeing what is pending or dead (L3, L7): 404 for those who may not act on it ----
for r in "${ROLES[@]}"; do
  page "$r" "$U/liaison/$P_VIEW/"
  judge page-view-pending "$r" "GET /liaison/$P_VIEW/ (pending #$P_VIEW)" "$R_code" "" "" ""
  api "$r" "$U/api/v1/liaison/$P_VIEW"
  judge api-view-pending "$r" "GET /api/v1/liaison/$P_VIEW (pending #$P_VIEW)" "$R_code" "" "" ""
  api "$r" "$U/api/v1/liaison?state=pending"
  listed=$(jget "$R_body" "'+' if any(x['id'] == $P_VIEW for x in d['liaisons']) else '-'")
  judge api-list-pending "$r" "GET /api/v1/liaison?state=pending (#$P_VIEW)" "$R_code" "$listed" "" ""
  page "$r" "$U/liaison/$D_VIEW/"
  judge page-view-dead "$r" "GET /liaison/$D_VIEW/ (dead #$D_VIEW)" "$R_code" "" "" ""
  page "$r" "$U/liaison/$I_VIEW/"
  judge page-view-posted "$r" "GET /liaison/$I_VIEW/ (posted #$I_VIEW)" "$R_code" "" "" ""
  api "$r" "$U/api/v1/liaison/$I_VIEW"
  judge api-view-posted "$r" "GET /api/v1/liaison/$I_VIEW (posted #$I_VIEW)" "$R_code" "" "" ""
done

# ---- approve, kill, resurrect (L3): the refused all try the same statement, each allowed one gets its own ----
P_SHARED=$(new_pending "Pending, refused approvals and kills")
D_SHARED=$(new_dead "Dead, refused resurrections")
for r in "${ROLES[@]}"; do
  for act in approve kill resurrect; do
    if allowed api-$act "$r"; then
      [ $act = resurrect ] && id=$(new_dead "Dead, resurrected by $r") || id=$(new_pending "Pending, to $act by $r")
    else
      [ $act = resurrect ] && id=$D_SHARED || id=$P_SHARED
    fi
    from=$(lstate "$id")
    before=$(snap "$id")
    api "$r" -X POST "$U/api/v1/liaison/$id/$act"
    after=$(snap "$id")
    judge api-$act "$r" "POST /api/v1/liaison/$id/$act ($from #$id)" "$R_code" "$(lstate "$id")" "$before" "$after"
  done
  # The same through the detail page's form.
  if allowed page-approve-post "$r"; then id=$(new_pending "Pending, approved on the page by $r"); else id=$P_SHARED; fi
  before=$(snap "$id")
  page_post "$r" "/liaison/$id/" -d action=approve
  after=$(snap "$id")
  val=$(lstate "$id"); [ "$R_code" = 303 ] && [ "$(location)" != "/liaison/$id/" ] && val=$(location)
  judge page-approve-post "$r" "POST /liaison/$id/ action=approve (pending #$id)" "$R_code" "$val" "$before" "$after"
done
check "L3: the shared statements are still pending and dead after every refusal" eq "$(lstate "$P_SHARED")/$(lstate "$D_SHARED")" "pending/dead"

# ---- tracking a posted incoming statement to quic (L10): the deadline ----
I_SHARED=$(new_incoming "Posted, refused deadline changes")
n=0
for r in "${ROLES[@]}"; do
  for how in api page; do
    n=$((n + 1))
    new=$(printf '2027-07-%02d' "$n")
    if { [ $how = api ] && allowed api-track-deadline "$r"; } || { [ $how = page ] && allowed page-deadline-post "$r"; }; then
      id=$(new_incoming "Posted, deadline moved by $r via the $how")
    else
      id=$I_SHARED
    fi
    before=$(snap "$id")
    if [ $how = api ]; then
      api "$r" -d value=$new -d "comment=moved by $r" "$U/api/v1/liaison/$id/deadline"
      judge api-track-deadline "$r" "POST /api/v1/liaison/$id/deadline $new (posted #$id)" "$R_code" "" "$before" "$(snap "$id")"
    else
      page_post "$r" "/liaison/$id/" -d action=deadline -d value=$new -d "comment=moved by $r"
      judge page-deadline-post "$r" "POST /liaison/$id/ action=deadline $new (posted #$id)" "$R_code" \
        "$( [ "$R_code" = 303 ] && { [ "$(location)" = "/liaison/$id/" ] && echo ok || location; } || location)" "$before" "$(snap "$id")"
    fi
    if { [ $how = api ] && [ "$R_code" = 200 ]; } || { [ $how = page ] && [ "$R_code" = 303 ] && [ "$(location)" = "/liaison/$id/" ]; }; then
      check "L10: ...and #$id's deadline is now $new, with the comment in the history" bash -c '[ "$1" = "$2" ] && grep -q "moved by" <<<"$3"' _ \
        "$(q "SELECT deadline FROM liaison WHERE id = $id")" "$new" "$(q "SELECT detail FROM event WHERE object_type = 'liaison' AND object_id = '$id' AND verb = 'deadline'")"
    fi
  done
done
check "L10: the shared statement kept its deadline through every refusal" eq "$(q "SELECT deadline FROM liaison WHERE id = $I_SHARED")" 2027-06-01

# ---- reply to a posted incoming statement (L9): an outgoing statement from quic, linked ----
I_REPLY=$(new_incoming "Posted, refused replies")
for r in "${ROLES[@]}"; do
  if allowed api-reply "$r"; then id=$(new_incoming "Posted, answered by $r"); else id=$I_REPLY; fi
  t="Perm walk: reply by $r"
  before=$(snap "$id")
  api "$r" -d from_groups=quic -d to_groups=itu-t-sg-15 -d from_contact=lukas.brenner@example.org -d to_contacts=sg15@itu.example.org \
    --data-urlencode "title=$t" -d body=Thanks. "$U/api/v1/liaison/$id/reply"
  after=$(snap "$id")
  rid=$(q "SELECT id FROM liaison WHERE title = '$t'")
  judge api-reply "$r" "POST /api/v1/liaison/$id/reply (posted #$id)${rid:+ -> #$rid}" "$R_code" "${rid:+$(lstate "$rid")}" "$before" "$after"
  if [ -n "$rid" ]; then
    check "L9: ...and the reply #$rid is outgoing, In response, and refers to #$id" eq \
      "$(q "SELECT l.direction || '/' || l.purpose || '/' || r.target_id FROM liaison l JOIN liaison_related r ON r.source_id = l.id WHERE l.id = $rid")" \
      "outgoing/response/$id"
  fi
  page "$r" "$U/liaison/$I_VIEW/reply/"
  judge page-reply-form "$r" "GET /liaison/$I_VIEW/reply/ (posted #$I_VIEW)" "$R_code" "$(location)" "" ""
done
check "L9: the statement the refused replies were tried on is still unanswered" eq \
  "$(q "SELECT coalesce(replied_at, '') || '/' || tracking || '/' || (SELECT count(*) FROM liaison_related WHERE target_id = $I_REPLY) FROM liaison WHERE id = $I_REPLY")" \
  "/action-required/0"

# ---- forms, the public list, feeds, calendar, directory, my statements ----
for r in "${ROLES[@]}"; do
  for dir in incoming outgoing; do
    page "$r" "$U/liaison/add/$dir/"
    judge page-add-$dir-form "$r" "GET /liaison/add/$dir/" "$R_code" "$(location)" "" ""
  done
  page "$r" "$U/liaison/";                     judge page-list "$r" "GET /liaison/" "$R_code" "" "" ""
  api "$r" "$U/api/v1/liaison";                judge api-list "$r" "GET /api/v1/liaison" "$R_code" "" "" ""
  page "$r" "$U/liaison/feed/";                judge page-feed "$r" "GET /liaison/feed/" "$R_code" "" "" ""
  page "$r" "$U/liaison/feed/group/quic/";     judge page-feed-group "$r" "GET /liaison/feed/group/quic/" "$R_code" "" "" ""
  page "$r" "$U/liaison/feed/purpose/action/"; judge page-feed-purpose "$r" "GET /liaison/feed/purpose/action/" "$R_code" "" "" ""
  page "$r" "$U/liaison/deadlines.ics";        judge page-deadlines-ics "$r" "GET /liaison/deadlines.ics" "$R_code" "" "" ""
  page "$r" "$U/liaison/sdo/";                 judge page-sdo "$r" "GET /liaison/sdo/" "$R_code" "" "" ""
  page "$r" "$U/liaison/mine/";                judge page-mine "$r" "GET /liaison/mine/" "$R_code" "$(location)" "" ""
done
# Whatever is pending or dead now stays out of the public list and the feed (by title: each is unique).
hidden=$(q "SELECT title FROM liaison WHERE state <> 'posted'")
http R "$U/liaison/"
check "L3, L6: none of the $(wc -l <<<"$hidden") pending or dead statements is in the public list" bash -c \
  'while read -r t; do ! grep -qF ">$t</a>" <<<"$2" || { echo "#   [$t] listed" >&2; exit 1; }; done <<<"$1"; grep -qF ">Posted, to be looked at</a>" <<<"$2"' _ "$hidden" "$R_body"
http R "$U/liaison/feed/"
check "L3, L6: none of them is in the feed" bash -c \
  'while read -r t; do ! grep -qF "<title>$t</title>" <<<"$2" || { echo "#   [$t] in the feed" >&2; exit 1; }; done <<<"$1"; grep -qF "<title>Posted, to be looked at</title>" <<<"$2"' _ "$hidden" "$R_body"

server_stop P
e2e_finish e2e-liaison-perms
