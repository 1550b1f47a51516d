#!/usr/bin/env bash
# test_foundation.sh: the base every office stands on (issue 3), against real servers:
# sign-in, rate limits, CSRF, status codes and limits, escaping, API keys, CLI, init, backups.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh

server_start A IDTRACKER_MAX_BODY=65536 IDTRACKER_SPOOL_THRESHOLD=2048 || { e2e_finish e2e-foundation; exit 1; }
U=$A_URL
JAR="$E2E_TMP/jar-a"

# --- health and headers ---
http R "$U/healthz"
check "GET /healthz is 200 with status, db and version" eq "$R_code" 200
check "healthz body is the contract's JSON" contains "$R_body" '{"status":"ok","db":"ok","version":"'
http R "$U/"
check "front page is 200" eq "$R_code" 200
check "pages carry a CSP without inline script and frame-ancestors 'none'" contains "$R_headers" "script-src 'self'"
check "pages forbid framing" contains "$R_headers" "frame-ancestors 'none'"
check "pages carry X-Content-Type-Options: nosniff" contains "$R_headers" "X-Content-Type-Options: nosniff"
check "pages carry a Referrer-Policy" contains "$R_headers" "Referrer-Policy: same-origin"
check "the layout links Submit, Documents, Groups and Liaison statements" \
  bash -c 'for l in "/submit/\">Submit" "/doc/\">Documents" "/group/\">Groups" "/liaison/\">Liaison statements"; do grep -qF "$l" <<<"$1" || exit 1; done' _ "$R_body"
check "no inline script on the page" lacks "$R_body" "<script>"
http R "$U/liaison/"
check "the menu's /liaison/ lists the statements (none yet)" bash -c '[ "$1" = 200 ] && grep -q "No statement matches." <<<"$2"' _ "$R_code" "$R_body"
http R "$U/submit/"
check "the menu's /submit/ is the upload page (R1)" bash -c '[ "$1" = 200 ] && grep -q "id=\"upload-form\"" <<<"$2"' _ "$R_code" "$R_body"
http R "$U/doc/"
check "the menu's /doc/ lists posted drafts (none yet)" bash -c '[ "$1" = 200 ] && grep -q "No posted draft matches." <<<"$2"' _ "$R_code" "$R_body"

http R "$U/favicon.ico"
check "/favicon.ico leads to the site icon" eq "$R_code $(grep -i '^Location:' <<<"$R_headers")" "301 Location: /static/favicon.svg"
check "the startup log has no libmicrohttpd warning" bash -c '! grep -q "warn mhd" "$1"' _ "$A_DATA/server.log"
http R -I "$U/group/"
check "HEAD answers 200 without a body" eq "$R_code" 200
http R "$U/static/site.css"
etag=$(grep -i '^ETag:' <<<"$R_headers" | cut -d' ' -f2)
check "static files have an ETag" test -n "$etag"
http R -H "If-None-Match: $etag" "$U/static/site.css"
check "a matching If-None-Match gets 304" eq "$R_code" 304
check "an access-log line with a duration is written per request" \
  grep -qE 'access 127\.0\.0\.1 GET /static/site\.css 304 0 [0-9.]+ms' "$A_DATA/server.log"

# --- 404, 405, 413, 400 ---
http R "$U/no/such/page/"
check "unknown page is 404" eq "$R_code" 404
check "404 page says so in a sentence" contains "$R_body" "There is no page at this address."
http R "$U/api/v1/nothing"
check "unknown API path is 404 JSON in the error shape" contains "$R_body" '{"error":{"status":404,'
http R -X DELETE "$U/group/"
check "DELETE on a GET page is 405" eq "$R_code" 405
check "405 carries Allow" contains "$R_headers" "Allow: GET, HEAD"
http R -X POST "$U/healthz"
check "a wrong method on /healthz is a JSON 405" bash -c '[ "$1" = 405 ] && grep -q "\"status\":405" <<<"$2"' _ "$R_code" "$R_body"
http R -X PUT "$U/accounts/login/"
check "405 Allow lists every method of the path" contains "$R_headers" "Allow: GET, HEAD, POST"
http R "$U/group/quic"
check "a missing trailing slash redirects (301) to the canonical URL" eq "$R_code $(grep -i '^Location:' <<<"$R_headers")" "301 Location: /group/quic/"
head -c 70000 /dev/zero | tr '\0' 'a' > "$E2E_TMP/big"
# With Expect: 100-continue the client waits for the verdict on the headers, as large uploads do: the
# server answers 413 from the Content-Length before any of the body is sent. Without it, the refusal
# raced the upload, and under load the connection's close could reach curl before the answer did.
http R --data-binary @"$E2E_TMP/big" -H 'Expect: 100-continue' -H 'Content-Type: application/x-www-form-urlencoded' "$U/accounts/login/"
check "a body over max_body is 413" eq "$R_code" 413
http R -H 'Transfer-Encoding: chunked' --data-binary @"$E2E_TMP/big" -H 'Content-Type: application/x-www-form-urlencoded' "$U/accounts/login/"
check "a chunked body over max_body is 413 too" eq "$R_code" 413
http R "$U/healthz"
check "the server still answers after refusing a large body" eq "$R_code" 200
long=$(head -c 40000 /dev/zero | tr '\0' 'x')
http R -H "X-Long: $long" "$U/healthz"
check "headers over max_header are refused with a 4xx" bash -c '[[ "$1" =~ ^4[0-9][0-9]$ ]]' _ "$R_code"
page=$(curl -s -c "$JAR" -b "$JAR" "$U/accounts/login/")
csrf=$(csrf_from "$page")
check "the sign-in form carries a csrf field" test -n "$csrf"
fields=""; for i in $(seq 1 61); do fields="${fields}f$i=x&"; done
http R -b "$JAR" --data "${fields}email=nobody%40example.org&password=x&csrf=$csrf" "$U/accounts/login/"
check "64 form fields (the limit) are read" eq "$R_code" 401
http R -b "$JAR" --data "${fields}f62=x&email=nobody%40example.org&password=x&csrf=$csrf" "$U/accounts/login/"
check "65 form fields (limit + 1) are refused with 400" eq "$R_code" 400
check "the refusal says why" contains "$R_body" "more than 64 fields"
http R -b "$JAR" -H 'Content-Type: text/xml' --data '<x/>' "$U/accounts/login/"
check "a form in an unknown encoding is 415" eq "$R_code" 415

# --- sign-in ---
sessions0=$(sql "$A_DATA" "SELECT count(*) FROM session")
http R -b "$JAR" --data-urlencode "email=secretariat@example.org" --data-urlencode "password=wrong-password" \
  --data-urlencode "csrf=$csrf" "$U/accounts/login/"
check "a wrong password is 401" eq "$R_code" 401
check "the failure is explained" contains "$R_body" "The e-mail address or the password is not right."
check "a failed sign-in sets no session cookie" lacks "$R_headers" "idtracker_session=" 
check "a failed sign-in creates no session" eq "$(sql "$A_DATA" "SELECT count(*) FROM session")" "$sessions0"
check "a failed sign-in is in the event log" eq "$(sql "$A_DATA" "SELECT count(*) FROM event WHERE verb='sign-in-failed' AND object_id='secretariat@example.org'")" 1
http R -c "$JAR" -b "$JAR" --data-urlencode "email=secretariat@example.org" --data-urlencode "password=demo-password" \
  --data-urlencode "csrf=wrong$csrf" "$U/accounts/login/"
check "sign-in with a wrong csrf is 403" eq "$R_code" 403
check "and creates no session" eq "$(sql "$A_DATA" "SELECT count(*) FROM session")" "$sessions0"
http R -b "$JAR" --data-urlencode "email=secretariat@example.org" --data-urlencode "password=demo-password" "$U/accounts/login/"
check "sign-in without a csrf field is 403" eq "$R_code" 403
sign_in "$U" "$JAR" "Secretariat@Example.org" "demo-password"
check "sign-in succeeds (address case does not matter) with 303" eq "$SIGNIN_code" 303
check "and goes to the profile" contains "$SIGNIN_headers" "Location: /accounts/profile/"
check "the session cookie is HttpOnly and SameSite=Lax" \
  bash -c 'grep -qE "^Set-Cookie: idtracker_session=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Lax" <<<"$1"' _ "$SIGNIN_headers"
check "no Secure flag on a plain-http base URL" lacks "$SIGNIN_headers" "Secure"
check "only the hash of the session token is stored" eq "$(sql "$A_DATA" "SELECT count(*) FROM session WHERE length(token_hash) = 64")" "$((sessions0 + 1))"
http R -b "$JAR" "$U/accounts/profile/"
check "the profile shows the signed-in person" contains "$R_body" "<h1>Robin Archer</h1>"
check "the profile lists the person's roles with group links" contains "$R_body" 'Secretary, <a href="/group/secretariat/">secretariat</a>'
http R "$U/accounts/profile/"
check "the profile without a session redirects to sign-in with next" eq "$R_code $(grep -i '^Location:' <<<"$R_headers")" "302 Location: /accounts/login/?next=%2Faccounts%2Fprofile%2F"
JAR2="$E2E_TMP/jar-next"
page=$(curl -s -c "$JAR2" -b "$JAR2" "$U/accounts/login/?next=//evil.example/")
check "an off-site next is not carried in the form" lacks "$page" "evil.example"
c2=$(csrf_from "$page")
http R -c "$JAR2" -b "$JAR2" --data-urlencode "email=ietf-chair@example.org" --data-urlencode "password=demo-password" \
  --data-urlencode "csrf=$c2" --data-urlencode "next=//evil.example/" "$U/accounts/login/"
check "an off-site next after sign-in goes to the profile instead" contains "$R_headers" "Location: /accounts/profile/"
JAR4="$E2E_TMP/jar-crlf"
c4=$(csrf_from "$(curl -s -c "$JAR4" -b "$JAR4" "$U/accounts/login/")")
http R -c "$JAR4" -b "$JAR4" --data-urlencode "email=ietf-chair@example.org" --data-urlencode "password=demo-password" \
  --data-urlencode "csrf=$c4" --data-urlencode $'next=/group/\r\nSet-Cookie: x=1' "$U/accounts/login/"
check "a next with CR/LF is refused (400) and cannot inject headers" bash -c '[ "$2" = 400 ] && ! grep -q "^Set-Cookie: x=1" <<<"$1" && ! grep -q "^Location:" <<<"$1"' _ "$R_headers" "$R_code"

# --- CSRF on signed-in actions: refused and nothing changed ---
ppage=$(curl -s -b "$JAR" "$U/accounts/profile/")
scsrf=$(csrf_from "$ppage")
keys0=$(sql "$A_DATA" "SELECT count(*) FROM api_key")
http R -b "$JAR" --data "label=evil" "$U/accounts/apikey/"
check "creating an API key without csrf is 403" eq "$R_code" 403
http R -b "$JAR" --data "label=evil&csrf=$csrf" "$U/accounts/apikey/"
check "creating an API key with the anonymous csrf of another form is 403" eq "$R_code" 403
check "and no key was created" eq "$(sql "$A_DATA" "SELECT count(*) FROM api_key")" "$keys0"
http R -b "$JAR" --data "csrf=nope" "$U/accounts/logout/"
check "sign-out with a wrong csrf is 403" eq "$R_code" 403
http R -b "$JAR" "$U/accounts/profile/"
check "and the session still works" eq "$R_code" 200

# --- API keys through the web and the API ---
http R -b "$JAR" --data-urlencode "label=<b>my script</b>" --data "csrf=$scsrf" "$U/accounts/apikey/"
check "creating an API key with the session's csrf is 201" eq "$R_code" 201
webkey=$(grep -o 'idt_[A-Za-z0-9_-]\{43\}' <<<"$R_body" | head -1)
check "the new key is shown once on the page" test -n "$webkey"
check "the key's label is escaped" contains "$R_body" "&lt;b&gt;my script&lt;/b&gt;"
http R -b "$JAR" "$U/accounts/profile/"
check "the profile lists keys without revealing them" lacks "$R_body" "$webkey"
http R -H "Authorization: Bearer $webkey" "$U/api/v1/whoami"
check "an API key authenticates API requests" eq "$R_code" 200
check "whoami names the key's owner" contains "$R_body" '"email":"secretariat@example.org"'
clikey=$(IDTRACKER_DATA="$A_DATA" "$IDT_BIN" apikey create ietf-chair@example.org --label cli 2>/dev/null)
check "idtracker apikey create prints a key" bash -c '[[ "$1" =~ ^idt_[A-Za-z0-9_-]{43}$ ]]' _ "$clikey"
http R -H "Authorization: Bearer $clikey" "$U/api/v1/whoami"
check "a CLI-made key works" contains "$R_body" '"email":"ietf-chair@example.org"'
kid=$(sql "$A_DATA" "SELECT id FROM api_key WHERE label='cli'")
http R -H "Authorization: Bearer $webkey" -X POST "$U/api/v1/apikey/$kid/revoke"
check "nobody revokes another person's key (404)" eq "$R_code" 404
http R -H "Authorization: Bearer $clikey" -X POST "$U/api/v1/apikey/$kid/revoke"
check "the owner revokes a key through the API without csrf" eq "$R_code" 200
http R -H "Authorization: Bearer $clikey" "$U/api/v1/whoami"
check "a revoked key is refused with 401" eq "$R_code" 401
check "the refusal is in the API error shape" contains "$R_body" '{"error":{"status":401,'
http R -H "Authorization: Bearer idt_$(head -c 43 /dev/zero | tr '\0' 'A')" "$U/api/v1/whoami"
check "an unknown key is refused with 401" eq "$R_code" 401
http R -H "Authorization: Basic Zm9vOmJhcg==" "$U/api/v1/whoami"
check "other authorization schemes are refused with 401" eq "$R_code" 401
http R -b "$JAR" -X POST "$U/api/v1/apikey"
check "a cookie session on the API still needs the csrf token" eq "$R_code" 403
http R -b "$JAR" -H "X-CSRF-Token: $scsrf" --data "label=via-header" "$U/api/v1/apikey"
check "the X-CSRF-Token header satisfies it" eq "$R_code" 201
http R -b "$JAR" "$U/api/v1/whoami"
check "whoami on a cookie session gives scripts the csrf token" contains "$R_body" "\"csrf\":\"$scsrf\""
http R -H "Authorization: Bearer $webkey" -H 'Content-Type: application/json' --data '{"label":"from json"}' "$U/api/v1/apikey"
check "the API takes JSON bodies too" bash -c '[ "$1" = 201 ] && grep -q "\"label\":\"from json\"" <<<"$2"' _ "$R_code" "$R_body"
keys1=$(sql "$A_DATA" "SELECT count(*) FROM api_key")
http R -H "Authorization: Bearer $webkey" -H 'Content-Type: application/json' --data '{"label":' "$U/api/v1/apikey"
check "malformed JSON is a 400 with the parser's reason" bash -c '[ "$1" = 400 ] && grep -q "not valid" <<<"$2"' _ "$R_code" "$R_body"
http R -H "Authorization: Bearer $webkey" -H 'Content-Type: application/json' --data '{"label":{"x":1}}' "$U/api/v1/apikey"
check "nested JSON values are a 400" eq "$R_code" 400
http R -H "Authorization: Bearer $webkey" -H 'Content-Type: application/json' --data '{"label":"a\nb"}' "$U/api/v1/apikey"
check "a label with a newline is a 400" eq "$R_code" 400
check "and none of the refused requests made a key" eq "$(sql "$A_DATA" "SELECT count(*) FROM api_key")" "$keys1"
wid=$(sql "$A_DATA" "SELECT id FROM api_key WHERE label='via-header'")
http R -b "$JAR" --data "csrf=$scsrf" "$U/accounts/apikey/$wid/revoke/"
check "the profile's Revoke button revokes a key (303 back to the profile)" eq "$R_code $(grep -i '^Location:' <<<"$R_headers")" "303 Location: /accounts/profile/"
check "the key is marked revoked" eq "$(sql "$A_DATA" "SELECT CASE WHEN revoked IS NOT NULL THEN 1 ELSE 0 END FROM api_key WHERE id=$wid")" 1
check "the revocation is an event" eq "$(sql "$A_DATA" "SELECT count(*) FROM event WHERE object_type='apikey' AND object_id='$wid' AND verb='revoked'")" 1

# --- escaping of user text: a group named with <script> ---
IDTRACKER_DATA="$A_DATA" "$IDT_BIN" group add --acronym xss --name '<script>alert("x")</script> & co' --type wg --parent sec >/dev/null
http R "$U/group/xss/"
check "a hostile group name is escaped on the page" contains "$R_body" '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co'
check "and never appears raw" lacks "$R_body" '<script>alert'
http R "$U/group/"
check "the group index escapes it too" lacks "$R_body" '<script>alert'
http R "$U/api/v1/group/xss"
check "the API returns the name as JSON data" bash -c 'python3 -c "import json,sys; d=json.load(sys.stdin); assert d[\"name\"]==\"<script>alert(\\\"x\\\")</script> & co\", d" <<<"$1"' _ "$R_body"
check "API responses are application/json with nosniff" bash -c 'grep -q "^Content-Type: application/json" <<<"$1" && grep -q nosniff <<<"$1"' _ "$R_headers"

# --- groups and the group API contract ---
http R "$U/api/v1/group/quic"
check "GET /api/v1/group/quic has the contract's keys" bash -c 'python3 -c "
import json,sys
d=json.load(sys.stdin)
assert set(d)>={\"acronym\",\"name\",\"type\",\"parent\",\"state\",\"list_email\",\"roles\"}, d
assert d[\"acronym\"]==\"quic\" and d[\"type\"]==\"wg\" and d[\"parent\"]==\"wit\" and d[\"list_email\"]==\"quic@lists.example.org\"
assert {\"role\":\"chair\",\"name\":\"Lukas Brenner\",\"email\":\"lukas.brenner@example.org\"} in d[\"roles\"]
" <<<"$1"' _ "$R_body"
http R "$U/api/v1/group?type=sdo"
check "GET /api/v1/group?type=sdo lists the six other SDOs" bash -c 'python3 -c "
import json,sys
d=json.load(sys.stdin); a=[g[\"acronym\"] for g in d[\"groups\"]]
assert len(a)>=6 and all(g[\"type\"]==\"sdo\" for g in d[\"groups\"]) and \"itu-t-sg-15\" in a, a
" <<<"$1"' _ "$R_body"
http R "$U/api/v1/group?type=nonsense"
check "an unknown group type is a 400 with a sentence" bash -c '[ "$1" = 400 ] && grep -q "Unknown group type" <<<"$2"' _ "$R_code" "$R_body"
http R "$U/group/quic/"
check "the WG page shows the chairs and the list address" bash -c 'grep -q "Lukas Brenner" <<<"$1" && grep -q "mailto:quic@lists.example.org" <<<"$1"' _ "$R_body"
http R "$U/group/nosuch/"
check "an unknown group is 404" eq "$R_code" 404
check "demo data: 7 areas with two ADs each" eq "$(sql "$A_DATA" "SELECT count(*) FROM (SELECT g.id FROM grp g JOIN role r ON r.group_id=g.id AND r.name='ad' WHERE g.type='area' GROUP BY g.id HAVING count(*)=2) AS x")" 7
check "demo data: at least 12 WGs, each with a chair and a list" eq "$(sql "$A_DATA" "SELECT CASE WHEN count(*)>=12 THEN 1 ELSE 0 END FROM grp g WHERE type='wg' AND list_email<>'' AND EXISTS (SELECT 1 FROM role WHERE group_id=g.id AND name='chair')")" 1
check "demo data: 6 SDOs with liaison managers" eq "$(sql "$A_DATA" "SELECT count(DISTINCT g.id) FROM grp g JOIN role r ON r.group_id=g.id AND r.name='liaiman' WHERE g.type='sdo'")" 6

# --- password change signs out the other sessions ---
JAR3="$E2E_TMP/jar-other"
sign_in "$U" "$JAR3" "secretariat@example.org" "demo-password"
ppage=$(curl -s -b "$JAR" "$U/accounts/password/")
pcsrf=$(csrf_from "$ppage")
http R -b "$JAR" --data "csrf=$pcsrf&current=demo-password&new=short&confirm=short" "$U/accounts/password/"
check "a too-short new password is refused with a sentence" bash -c '[ "$1" = 400 ] && grep -q "at least 10 characters" <<<"$2"' _ "$R_code" "$R_body"
http R -b "$JAR" --data "csrf=$pcsrf&current=nope-nope-nope&new=new-password-1&confirm=new-password-1" "$U/accounts/password/"
check "a wrong current password is refused (403)" eq "$R_code" 403
http R -b "$JAR" --data "csrf=$pcsrf&current=demo-password&new=new-password-1&confirm=new-password-1" "$U/accounts/password/"
check "the password is changed" eq "$R_code" 200
http R -b "$JAR3" "$U/accounts/profile/"
check "the person's other session was signed out" eq "$R_code" 302
http R -b "$JAR" "$U/accounts/profile/"
check "the session that changed it stays signed in" eq "$R_code" 200

# --- sign-out ---
http R -b "$JAR" -c "$JAR" --data "csrf=$pcsrf" "$U/accounts/logout/"
check "sign-out is a 303 to the front page" eq "$R_code $(grep -i '^Location:' <<<"$R_headers")" "303 Location: /"
http R -b "$JAR" "$U/accounts/profile/"
check "after sign-out the profile needs sign-in again" eq "$R_code" 302

# --- multipart bodies past the spool threshold ---
head -c 20000 /dev/urandom > "$E2E_TMP/upload.bin"
page=$(curl -s -c "$JAR2" -b "$JAR2" "$U/accounts/login/")
c2=$(csrf_from "$page")
http R -b "$JAR2" -F "email=nobody@example.org" -F "password=whatever-pass" -F "csrf=$c2" -F "file=@$E2E_TMP/upload.bin" "$U/accounts/login/"
check "a multipart form spooled to disk is parsed (the sign-in fails normally)" eq "$R_code" 401
check "the spool file is removed after the request" eq "$(ls "$A_DATA/tmp" | wc -l)" 0

# --- the CLI ---
cli() { IDTRACKER_DATA="$A_DATA" "$IDT_BIN" "$@"; }
out=$(cli --version); check "idtracker --version" bash -c '[[ "$1" =~ ^idtracker\ [0-9] ]]' _ "$out"
cli --help >/dev/null; check "idtracker --help exits 0" eq $? 0
for c in "init" "serve" "user add" "user passwd" "role add" "group add" "apikey create" "backup" "config"; do
  cli $c --help >/dev/null 2>&1; check "idtracker $c --help exits 0" eq $? 0
done
cli frobnicate >/dev/null 2>&1; check "an unknown command exits 2" eq $? 2
cli user add --email x@example.org >/dev/null 2>&1; check "user add without --name exits 2" eq $? 2
cli role add a b >/dev/null 2>&1; check "role add with two arguments exits 2" eq $? 2
printf 'a-good-password\n' | cli user add --email New.Person@Example.org --name "New Person" --role chair:quic --role secr:tls --password-stdin >/dev/null
check "user add with roles and a password exits 0" eq $? 0
check "the address is stored lower-case with both roles" eq "$(sql "$A_DATA" "SELECT count(*) FROM role WHERE email='new.person@example.org'")" 2
sign_in "$U" "$E2E_TMP/jar-new" "new.person@example.org" "a-good-password"
check "the new person signs in with the password from stdin" eq "$SIGNIN_code" 303
people0=$(sql "$A_DATA" "SELECT count(*) FROM person")
cli user add --email new.person@example.org --name Again >/dev/null 2>&1; check "adding a taken address exits 1" eq $? 1
printf 'pw-long-enough\n' | cli user add --email bad@example.org --name "Bad Role" --role chair:nosuch --password-stdin >/dev/null 2>&1
check "a role in an unknown group fails (exit 1)" eq $? 1
cli user add --email 'x@example.org
Bcc: y@example.org' --name X >/dev/null 2>&1; check "an address with a newline is refused (exit 1)" eq $? 1
cli user add --email evil@example.org --name $'Line\nBreak' >/dev/null 2>&1; check "a name with a newline is refused (exit 1)" eq $? 1
check "refused additions leave no person behind" eq "$(sql "$A_DATA" "SELECT count(*) FROM person")" "$((people0 + 1))"
printf 'changed-password-2\n' | cli user passwd new.person@example.org >/dev/null; check "user passwd exits 0" eq $? 0
sign_in "$U" "$E2E_TMP/jar-new2" "new.person@example.org" "changed-password-2"
check "the new password works" eq "$SIGNIN_code" 303
cli role remove new.person@example.org secr tls >/dev/null; check "role remove exits 0" eq $? 0
cli role remove new.person@example.org secr tls >/dev/null 2>&1; check "removing a role not held exits 1" eq $? 1
cli role add new.person@example.org emperor tls >/dev/null 2>&1; check "an unknown role name exits 1" eq $? 1
cli group add --acronym 'Bad Acr' --name X --type wg >/dev/null 2>&1; check "a bad acronym exits 1" eq $? 1
cli group add --acronym quic --name X --type wg >/dev/null 2>&1; check "a taken acronym exits 1" eq $? 1
out=$(IDTRACKER_THREADS=7 cli config); check "config shows environment overrides with their source" bash -c 'grep -qE "^threads += 7 +# env" <<<"$1" && grep -q IDTRACKER_LISTEN <<<"$1"' _ "$out"
IDTRACKER_THREADS=0 cli config >/dev/null 2>&1; check "an out-of-range override is refused (exit 1)" eq $? 1
printf '[idtracker]\nbogus = 1\n' > "$E2E_TMP/bad.ini"
IDTRACKER_CONFIG="$E2E_TMP/bad.ini" cli config >/dev/null 2>&1; check "an unknown INI key is refused (exit 1)" eq $? 1
groups0=$(sql "$A_DATA" "SELECT count(*) FROM grp"); ev0=$(sql "$A_DATA" "SELECT count(*) FROM event")
out=$(cli init --demo); check "init --demo a second time is harmless" bash -c '[ $? = 0 ] && grep -q "0 migrations applied" <<<"$1" && grep -q "not added again" <<<"$1"' _ "$out"
check "and changed no rows" eq "$(sql "$A_DATA" "SELECT count(*) FROM grp") $(sql "$A_DATA" "SELECT count(*) FROM event")" "$groups0 $ev0"
if [ -s "$A_DATA/pgdb" ]; then
  out=$(cli backup "$E2E_TMP/backup.db" 2>&1); rc=$?
  check "backup on PostgreSQL exits 1 and points to pg_dump" bash -c '[ "$2" = 1 ] && grep -q pg_dump <<<"$1"' _ "$out" "$rc"
  check "and writes no file" test ! -e "$E2E_TMP/backup.db"
  echo "# skipped on PostgreSQL: the SQLite backup file's integrity and refusing to overwrite it (pg_dump backs up PostgreSQL)"
else
  cli backup "$E2E_TMP/backup.db" >/dev/null; check "backup exits 0" eq $? 0
  check "the backup is a sound SQLite database with the same groups" eq "$(sqlite3 "$E2E_TMP/backup.db" "PRAGMA integrity_check; SELECT count(*) FROM grp")" "ok
$groups0"
  cli backup "$E2E_TMP/backup.db" >/dev/null 2>&1; check "backup refuses to overwrite a file (exit 1)" eq $? 1
fi
IDTRACKER_DATA="$E2E_TMP/empty" "$IDT_BIN" serve >/dev/null 2>&1; check "serve on an uninitialised database exits 1 with advice" eq $? 1
check "and leaves no empty database behind" test ! -e "$E2E_TMP/empty/idtracker.db"
if [ -s "$A_DATA/pgdb" ]; then
  # The same check on A's own database: its latest migration row is taken away, then put back.
  last=$(sql "$A_DATA" "SELECT max(version) FROM schema_migrations")
  sql "$A_DATA" "CREATE TABLE sm_saved AS SELECT * FROM schema_migrations WHERE version = '$last'; DELETE FROM schema_migrations WHERE version = '$last'"
  out=$(IDTRACKER_DATA="$A_DATA" "$IDT_BIN" serve --listen 127.0.0.1:0 2>&1); rc=$?
  sql "$A_DATA" "INSERT INTO schema_migrations SELECT * FROM sm_saved; DROP TABLE sm_saved"
else
  mkdir -p "$E2E_TMP/old"; cp "$E2E_TMP/backup.db" "$E2E_TMP/old/idtracker.db"
  sqlite3 "$E2E_TMP/old/idtracker.db" "DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)"
  out=$(IDTRACKER_DATA="$E2E_TMP/old" "$IDT_BIN" serve 2>&1); rc=$?
fi
check "serve refuses a database whose latest migration is missing (exit 1, says to run init)" bash -c '[ "$2" = 1 ] && grep -q "run idtracker init first" <<<"$1"' _ "$out" "$rc"
check "the startup line names the real port when listening on port 0" grep -qE "serving http://127\.0\.0\.1:[1-9][0-9]*/ on port" "$A_DATA/server.log"
n=$(sql "$A_DATA" "SELECT count(*) FROM event WHERE verb IN ('created','role-added','role-removed','password-set','revoked','signed-in','signed-out')")
check "every mutation above wrote an event" bash -c '[ "$1" -gt 80 ]' _ "$n"

server_stop A

# --- a second server with tight limits: rate limits, connections per address, broken database ---
server_start B IDTRACKER_LOGIN_MAX_PER_EMAIL=3 IDTRACKER_LOGIN_MAX_PER_IP=6 IDTRACKER_MAX_CONNECTIONS_PER_IP=3 || { e2e_finish e2e-foundation; exit 1; }
V=$B_URL
JB="$E2E_TMP/jar-b"
page=$(curl -s -c "$JB" -b "$JB" "$V/accounts/login/"); cb=$(csrf_from "$page")
try() { http R -b "$JB" --data-urlencode "email=$1" --data-urlencode "password=$2" --data-urlencode "csrf=$cb" "$V/accounts/login/"; }
try iab-chair@example.org wrong-1; try iab-chair@example.org wrong-2
check "two failures (limit - 1) are still answered 401" eq "$R_code" 401
try iab-chair@example.org wrong-3
check "the third failure (the limit) is still a 401" eq "$R_code" 401
try iab-chair@example.org demo-password
check "past the per-address limit even the right password gets 429" eq "$R_code" 429
check "429 carries Retry-After" bash -c 'grep -qE "^Retry-After: [0-9]+$" <<<"$1"' _ "$R_headers"
check "429 explains when to try again" contains "$R_body" "Too many failed sign-ins"
check "and no session was made" eq "$(sql "$B_DATA" "SELECT count(*) FROM session")" 0
try kenji.moreau@example.org demo-password
check "another address from the same client still signs in" eq "$R_code" 303
try a1@example.org x; try a2@example.org x; try a3@example.org x
check "the per-client limit counts failures across addresses" eq "$R_code" 401
try ines.okafor@example.org demo-password
check "past the per-client limit every sign-in from it gets 429" eq "$R_code" 429

# Connections are counted by each server (behind a load balancer each counts its own): so to the first one directly.
V1=$B_URL1
exec 7<>/dev/tcp/127.0.0.1/"${V1##*:}"; exec 8<>/dev/tcp/127.0.0.1/"${V1##*:}"; exec 9<>/dev/tcp/127.0.0.1/"${V1##*:}"
sleep 0.2
http R "$V1/healthz"
check "past the connections-per-address limit a request gets 429" eq "$R_code" 429
exec 7>&- 8>&- 9>&-
sleep 0.3
http R "$V1/healthz"
check "closing connections lets the address in again" eq "$R_code" 200

# A table renamed under the running server forces the failure on both engines (PostgreSQL plans again by name).
sql "$B_DATA" "ALTER TABLE grp RENAME TO grp_moved"
http R "$V/group/"
check "a database failure is a 500 page" eq "$R_code" 500
incident=$(grep -o '<code>[0-9a-f]\{12\}</code>' <<<"$R_body" | sed 's/<[^>]*>//g')
check "the 500 page shows an incident id" test -n "$incident"
check "the incident id is in the log with the details" grep -q "incident $incident: GET /group/" "$B_DATA/server.log"
check "the 500 page does not leak SQL" lacks "$R_body" "no such table"
http R "$V/api/v1/group/quic"
check "an API failure is a 500 JSON error with the incident id" contains "$R_body" '"incident":"'
sql "$B_DATA" "ALTER TABLE grp_moved RENAME TO grp; ALTER TABLE schema_migrations RENAME TO sm_moved"
http R "$V/healthz"
check "healthz is 503 when the database is unusable" eq "$R_code" 503
check "and says why" contains "$R_body" '"status":"error","db":"'
sql "$B_DATA" "ALTER TABLE sm_moved RENAME TO schema_migrations"
http R "$V/healthz"
check "healthz recovers with the database" eq "$R_code" 200
server_stop B

# --- a third server: https base URL (Secure cookies), a fixed clock for session expiry, idle timeout ---
server_start C IDTRACKER_BASE_URL=https://tracker.example.org IDTRACKER_NOW=2030-01-01T00:00:00Z IDTRACKER_SESSION_TTL=3600 IDTRACKER_TIMEOUT=1 || { e2e_finish e2e-foundation; exit 1; }
JC="$E2E_TMP/jar-c"
sign_in "$C_URL" "$JC" "secretariat@example.org" "demo-password"
check "with an https base URL the session cookie is Secure" contains "$SIGNIN_headers" "HttpOnly; SameSite=Lax; Secure; Max-Age=3600"
check "and so is the csrf cookie" bash -c 'grep "^Set-Cookie: idtracker_csrf=" <<<"$1" | grep -q Secure' _ "$(curl -s -D - -o /dev/null "$C_URL/accounts/login/" | tr -d '\r')"
check "the session expires at the configured time" eq "$(sql "$C_DATA" "SELECT expires FROM session")" "2030-01-01T01:00:00Z"
http R -b "$JC" "$C_URL/accounts/profile/"
check "the session works before it expires" eq "$R_code" 200
out=$(python3 - "${C_URL##*:}" <<'PY'
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")   # headers never finished
s.settimeout(8)
t = time.time()
try:
    d = s.recv(100)
except socket.timeout:
    d = None
print("closed" if d == b"" else "open", round(time.time() - t))
PY
)
check "an idle half-sent request is closed after the timeout (1 s)" bash -c '[[ "$1" =~ ^closed\ [0-3]$ ]]' _ "$out"
kill -TERM "$C_PID"; wait "$C_PID" 2>/dev/null
IDTRACKER_DATA="$C_DATA" IDTRACKER_BASE_URL=https://tracker.example.org IDTRACKER_NOW=2030-01-01T02:00:00Z \
  "$IDT_BIN" serve --listen 127.0.0.1:0 --port-file "$C_DATA/port2" >"$C_DATA/server2.log" 2>&1 &
C_PID=$!; E2E_PIDS+=("$C_PID")
for i in $(seq 1 100); do [ -s "$C_DATA/port2" ] && break; sleep 0.05; done
http R -b "$JC" "http://127.0.0.1:$(cat "$C_DATA/port2")/accounts/profile/"
check "an hour later the session has expired and sign-in is asked again" eq "$R_code" 302
check "the expired cookie is cleared" contains "$R_headers" "Set-Cookie: idtracker_session=; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=0"
C_DATA_LOG="$C_DATA/server2.log"; cp "$C_DATA_LOG" "$C_DATA/server.log"
server_stop C

e2e_finish e2e-foundation
