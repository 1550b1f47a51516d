# lib.sh: helpers for the end-to-end scenarios: a real idtracker server on a free port with a
# temporary data folder, curl for HTTP, sqlite3 to prove what changed and what did not.
# Each check prints "ok - ..." or "not ok - ..."; e2e_finish prints "NAME: N passed, N failed".

IDT_BIN="${IDT_BIN:-build/idtracker}"
E2E_PASS=0
E2E_FAIL=0
E2E_TMP=$(mktemp -d /tmp/idt-e2e.XXXXXX)
E2E_PIDS=()

ok() { E2E_PASS=$((E2E_PASS + 1)); echo "ok - $*"; }
not_ok() { E2E_FAIL=$((E2E_FAIL + 1)); echo "not ok - $*"; }
# check DESCRIPTION COMMAND...: ok when the command succeeds
check() { local d="$1"; shift; if "$@"; then ok "$d"; else not_ok "$d"; fi; }
eq() { [ "$1" == "$2" ] || { echo "#   expected [$2], got [$1]" >&2; return 1; }; }
contains() { grep -qF -- "$2" <<<"$1" || { echo "#   [$2] not found in: ${1:0:300}" >&2; return 1; }; }
lacks() { ! grep -qF -- "$2" <<<"$1" || { echo "#   [$2] unexpectedly found" >&2; return 1; }; }

# server_start NAME [ENV=VALUE...]: init --demo a data folder and serve it; sets NAME_URL, NAME_DATA, NAME_PID,
# and NAME_URL1, the first server's own address (the same as NAME_URL with one server).
# On PostgreSQL (IDT_PG_SOCKET set) it starts TWO `idtracker serve` on the same data folder (shared storage)
# and database, behind a round-robin TCP proxy (tests/pg/rr_proxy.py): NAME_URL is the proxy, so every
# request of a scenario goes to one server or the other, and both servers' log lines go to server.log.
# NAME_PID2 and NAME_URL2 are the second server's. IDT_E2E_SERVERS=1 keeps one server.
server_start() {
  local name="$1"; shift
  local data="$E2E_TMP/$name" n=1 i k pid url
  mkdir -p "$data"
  pg_data_init "$data" "$name" || return 1
  [ -n "${IDT_PG_SOCKET:-}" ] && n=${IDT_E2E_SERVERS:-2}
  env IDTRACKER_DATA="$data" "$@" "$IDT_BIN" init --demo >"$data/init.log" 2>&1 || { echo "# init failed"; cat "$data/init.log"; return 1; }
  local base=()
  if [ "$n" -gt 1 ]; then
    : >"$data/backends"
    /usr/bin/python3 "$(dirname "${BASH_SOURCE[0]}")/../pg/rr_proxy.py" "$data/proxy-port" "$data/backends" "$data/proxy-counts" \
      >"$data/proxy.log" 2>&1 &
    E2E_PIDS+=("$!")
    printf -v "${name}_PROXY_PID" '%s' "$!"
    for i in $(seq 1 100); do [ -s "$data/proxy-port" ] && break; sleep 0.05; done
    [ -s "$data/proxy-port" ] || { echo "# the proxy did not start"; cat "$data/proxy.log"; return 1; }
    base=(IDTRACKER_BASE_URL="http://127.0.0.1:$(cat "$data/proxy-port")")
  fi
  for k in $(seq 1 "$n"); do
    local pf="$data/port" && [ "$k" -gt 1 ] && pf="$data/port-$k"
    env IDTRACKER_DATA="$data" "${base[@]}" "$@" "$IDT_BIN" serve --listen 127.0.0.1:0 --port-file "$pf" >>"$data/server.log" 2>&1 &
    pid=$!
    E2E_PIDS+=("$pid")
    for i in $(seq 1 100); do [ -s "$pf" ] && break; sleep 0.05; done
    [ -s "$pf" ] || { echo "# server $k did not start"; cat "$data/server.log"; return 1; }
    if [ "$k" = 1 ]; then
      printf -v "${name}_PID" '%s' "$pid"
      printf -v "${name}_URL1" 'http://127.0.0.1:%s' "$(cat "$pf")"
    else
      printf -v "${name}_PID$k" '%s' "$pid"
      printf -v "${name}_URL$k" 'http://127.0.0.1:%s' "$(cat "$pf")"
    fi
    [ "$n" -gt 1 ] && cat "$pf" >>"$data/backends"
  done
  url="http://127.0.0.1:$(cat "$data/port")"
  [ "$n" -gt 1 ] && url="http://127.0.0.1:$(cat "$data/proxy-port")"
  printf -v "${name}_URL" '%s' "$url"
  printf -v "${name}_DATA" '%s' "$data"
}

# server_stop NAME: SIGTERM, wait, and report a clean exit (no sanitizer report, status 0) for each server;
# with two, also that the proxy spread the requests across both.
server_stop() {
  local name="$1" datavar="${1}_DATA" pidvar
  local data="${!datavar}" rc pid k label p2var
  for k in 1 2; do
    pidvar="${name}_PID" && [ "$k" -gt 1 ] && pidvar="${name}_PID$k"
    pid="${!pidvar:-}"
    [ -n "$pid" ] || continue
    label="$name"
    p2var="${name}_PID2"
    [ -n "${!p2var:-}" ] && label="$name (server $k of 2)"
    rc=0
    kill -TERM "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null || rc=$?
    if [ "$rc" -eq 0 ] && ! grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$data/server.log"; then
      ok "server $label stopped cleanly (exit 0, no sanitizer report)"
    else
      not_ok "server $label stopped cleanly (exit $rc)"
      grep -E -A20 'Sanitizer|runtime error' "$data/server.log" | head -40 | sed 's/^/#   /'
    fi
  done
  pidvar="${name}_PROXY_PID"
  if [ -n "${!pidvar:-}" ]; then
    kill -TERM "${!pidvar}" 2>/dev/null; wait "${!pidvar}" 2>/dev/null
    check "the requests to $name were spread across both servers ($(tr '\n' ' ' <"$data/proxy-counts" 2>/dev/null))" \
      bash -c '[ "$(awk "\$2 > 0" "$1" 2>/dev/null | wc -l)" -ge 2 ]' _ "$data/proxy-counts"
  fi
}

# PostgreSQL runs (tests/pg/run.sh sets IDT_PG_SOCKET): pg_data_init DATA NAME gives the data folder
# its own fresh database, named in its idtracker.ini so every command run with IDTRACKER_DATA uses it.
pg_data_init() {
  [ -n "${IDT_PG_SOCKET:-}" ] || return 0
  local dbname="e2e_$$_${2,,}"
  "$IDT_PG_BIN/createdb" -h "$IDT_PG_SOCKET" -U idt "$dbname" || { echo "# createdb $dbname failed"; return 1; }
  echo "$dbname" >"$1/pgdb"
  printf 'db = postgres:///%s?host=%s&user=idt\n' "$dbname" "$IDT_PG_SOCKET" >>"$1/idtracker.ini"
}

# sql DATA "QUERY": one value from the server's database. The server writes in the background too (its outbox
# worker marks mail sent), so sqlite3 waits out a held write lock (.timeout) instead of failing "database is locked".
sql() {
  if [ -s "$1/pgdb" ]; then
    PGOPTIONS="-c search_path=public,e2e_compat" "$IDT_PG_BIN/psql" -h "$IDT_PG_SOCKET" -U idt -d "$(cat "$1/pgdb")" -X -q -A -t -c "$2"
  else
    sqlite3 -batch -noheader -cmd ".timeout 10000" "$1/idtracker.db" "$2"
  fi
}

# http VAR CURL-ARGS...: runs curl, sets VAR_code, VAR_body, VAR_headers.
http() {
  local var="$1"; shift
  local hf="$E2E_TMP/h.$$" bf="$E2E_TMP/b.$$" code
  code=$(curl -s -o "$bf" -D "$hf" -w '%{http_code}' --max-time 20 "$@") || code="curl-failed"
  printf -v "${var}_code" '%s' "$code"
  printf -v "${var}_body" '%s' "$(cat "$bf" 2>/dev/null)"
  printf -v "${var}_headers" '%s' "$(tr -d '\r' <"$hf" 2>/dev/null)"
  rm -f "$hf" "$bf"
}

# csrf_from TEXT: the value of the first hidden csrf field.
csrf_from() { grep -o 'name="csrf" value="[^"]*"' <<<"$1" | head -1 | sed 's/.*value="//; s/"$//'; }

# sign_in URL JAR EMAIL PASSWORD: sets SIGNIN_code.
sign_in() {
  local page csrf
  page=$(curl -s -c "$2" -b "$2" "$1/accounts/login/")
  csrf=$(csrf_from "$page")
  http SIGNIN -c "$2" -b "$2" --data-urlencode "email=$3" --data-urlencode "password=$4" \
    --data-urlencode "csrf=$csrf" "$1/accounts/login/"
}

e2e_finish() {
  local p
  for p in "${E2E_PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$E2E_TMP"
  echo "$1: $E2E_PASS passed, $E2E_FAIL failed"
  [ "$E2E_FAIL" -eq 0 ]
}

# ---- permission walks (test_*_perms.sh): ROLES, EMAIL, WHO and PASSWORD (default demo-password) are
# the script's; idt and U too. For each role but anon: an API key, a signed-in session, its CSRF token.
perm_roles_setup() {
  local r
  for r in "${ROLES[@]}"; do
    [ "$r" = anon ] && continue
    [ -n "${PASSWORD[$r]:-}" ] || PASSWORD[$r]=demo-password
    KEY[$r]=$(idt apikey create "${EMAIL[$r]}" 2>/dev/null | tail -1)
    JAR[$r]="$E2E_TMP/jar-$r"
    sign_in "$U" "${JAR[$r]}" "${EMAIL[$r]}" "${PASSWORD[$r]}"
    CSRF[$r]=$(csrf_from "$(curl -s -b "${JAR[$r]}" "$U/accounts/profile/")")
    check "setup: $r (${WHO[$r]}) has an API key and a signed-in session" bash -c '[ -n "$1" ] && [ -n "$2" ]' _ "${KEY[$r]}" "${CSRF[$r]}"
  done
}
# api ROLE CURL-ARGS...: the JSON API as that role (Bearer key), or without credentials for anon.
api() { local r=$1; shift; if [ "$r" = anon ]; then http R "$@"; else http R -H "Authorization: Bearer ${KEY[$r]}" "$@"; fi; }
# page ROLE CURL-ARGS...: the web pages as that role (session cookie), or without one for anon.
page() { local r=$1; shift; if [ "$r" = anon ]; then http R "$@"; else http R -b "${JAR[$r]}" -c "${JAR[$r]}" "$@"; fi; }
# page_post ROLE PATH FIELDS...: a page form as that role, with its CSRF token (anon: none, it has no session).
page_post() {
  local r=$1 path=$2; shift 2
  if [ "$r" = anon ]; then page anon "$@" "$U$path"; else page "$r" --data-urlencode "csrf=${CSRF[$r]}" "$@" "$U$path"; fi
}
location() { sed -n 's/^[Ll]ocation: *//p' <<<"$R_headers" | head -1; }
# x_cache: the last response's X-Cache (hit or miss; empty when the page cache was not asked, issue 10).
x_cache() { sed -n 's/^[Xx]-[Cc]ache: *//p' <<<"$R_headers" | head -1; }
# jget JSON EXPR: a value of a JSON text (d is the object), or "" when it is not JSON.
jget() { python3 -c 'import json,sys
try: d=json.loads(sys.argv[1]); print(eval(sys.argv[2]))
except Exception: print("")' "$1" "$2"; }
