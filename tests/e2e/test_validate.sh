#!/usr/bin/env bash
# test_validate.sh: the validation-only upload of the submission office (R6, R7, R68, R74-R79), as a
# page and as POST /api/validate: the verdict of `idtracker check`, refusals with a sentence, hostile
# input, and nothing stored: no row, no file.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh

server_start V || { e2e_finish e2e-validate; exit 1; }
U=$V_URL
EX=tests/data/check/draft-idtracker-test-example-00
T="$E2E_TMP"
snapshot() { for t in person grp event outbox inbox session api_key; do sql "$V_DATA" "SELECT count(*) FROM $t"; done | tr '\n' ' '; ls "$V_DATA/tmp" | wc -l; }
before=$(snapshot)

# The API gives the check --json object.
http R -F "txt=@$EX.txt" -F "xml=@$EX.xml" "$U/api/validate"
check "R74: POST /api/validate with txt and xml is 200" eq "$R_code" 200
# The API adds text_generated (false here: a text came); the rest is the CLI's object.
check "R74: it says what the CLI says (same object)" eq "$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); d.pop("nits"); assert d.pop("text_generated") is False; print(sorted(d.items()))' "$R_body")" \
  "$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); d.pop("nits"); print(sorted(d.items()))' "$("$IDT_BIN" check --json "$EX.txt" "$EX.xml")")"
http R -F "xml=@$EX.xml" "$U/api/validate"
check "R68, R69: XML alone is validated with the text generated from it" bash -c '[ "$1" = 200 ] && grep -q "\"format\":\"txt+xml\"" <<<"$2" && grep -q "\"text_generated\":true" <<<"$2"' _ "$R_code" "$R_body"
http R -F "note=hello" "$U/api/validate"
check "R68: neither txt nor xml is a 400 with the sentence" bash -c '[ "$1" = 400 ] && grep -q "plain text or XML" <<<"$2"' _ "$R_code" "$R_body"
http R -F "txt=@$EX.txt;filename=../../etc/draft-idtracker-test-example-00.txt" "$U/api/validate"
check "a path in the file name is dropped; the name itself is vetted" eq "$R_code" 200
http R -F "txt=@$EX.txt;filename=passwd.txt" "$U/api/validate"
check "a file name that is no draft name is a 400" bash -c '[ "$1" = 400 ] && grep -q "not an Internet-Draft file name" <<<"$2"' _ "$R_code" "$R_body"
http R -F "txt=@$EX.txt;filename=draft-idtracker-test-example-00.xml" "$U/api/validate"
check "a txt field with an .xml name is a 400" eq "$R_code" 400
cp "$EX.xml" "$T/draft-other-thing-00.xml"
http R -F "txt=@$EX.txt" -F "xml=@$T/draft-other-thing-00.xml" "$U/api/validate"
check "txt and xml of two different drafts is a 400" bash -c '[ "$1" = 400 ] && grep -q "one draft at a time" <<<"$2"' _ "$R_code" "$R_body"
head -c 2097153 /dev/zero | tr '\0' 'a' > "$T/draft-big-thing-00.txt"
http R -F "txt=@$T/draft-big-thing-00.txt" "$U/api/validate"
check "a txt over 2 MiB (limit + 1) is a 413 with a sentence" bash -c '[ "$1" = 413 ] && grep -q "the limit is 2097152 bytes" <<<"$2"' _ "$R_code" "$R_body"
head -c 2097152 /dev/zero | tr '\0' 'a' > "$T/draft-big-thing-00.txt"
http R -F "txt=@$T/draft-big-thing-00.txt" "$U/api/validate"
check "a txt of exactly 2 MiB (the limit) is read" eq "$R_code" 200
# Hostile XML: an external entity to a local file, and HTML in the title.
echo "secret-$$" > "$T/secret"
printf '<?xml version="1.0"?>\n<!DOCTYPE rfc [<!ENTITY x SYSTEM "file://%s">]>\n<rfc docName="draft-evil-xxe-00" ipr="trust200902"><front><title>&lt;script&gt;alert(1)&lt;/script&gt; &x;</title></front></rfc>\n' "$T/secret" > "$T/draft-evil-xxe-00.xml"
http R -F "xml=@$T/draft-evil-xxe-00.xml" "$U/api/validate"
check "XXE: the entity is refused as a nit and the file never read" bash -c '[ "$1" = 200 ] && grep -q XML_ENTITY_REFUSED <<<"$2" && ! grep -q "secret-" <<<"$2"' _ "$R_code" "$R_body"
J="$E2E_TMP/jar"
page=$(curl -s -c "$J" -b "$J" "$U/submit/validate/")
check "R76: the validation page says it can never be posted" contains "$page" "a validation can never be posted"
c=$(csrf_from "$page")
http R -b "$J" -F "csrf=$c" -F "xml=@$T/draft-evil-xxe-00.xml" "$U/submit/validate/"
check "HTML in a title is shown escaped on the results page" bash -c '[ "$1" = 200 ] && grep -q "&lt;script&gt;alert(1)&lt;/script&gt;" <<<"$2" && ! grep -q "<script>alert" <<<"$2"' _ "$R_code" "$R_body"
http R -b "$J" -F "csrf=$c" -F "txt=@$EX.txt" -F "xml=@$EX.xml" "$U/submit/validate/"
check "R77: the page shows the verdict" contains "$R_body" "No errors: this draft could be posted."
check "R25: the page shows the extracted metadata" bash -c 'grep -q "An Example Draft for idtracker Tests" <<<"$1" && grep -q "Ann Author, Example Org &lt;ann@example.org&gt;" <<<"$1"' _ "$R_body"
cp "$EX.txt" "$T/draft-idtracker-test-example-01.txt"
http R -b "$J" -F "csrf=$c" -F "txt=@$T/draft-idtracker-test-example-01.txt" "$U/submit/validate/"
check "R22: a renamed file shows the blocking error with its rule and source" bash -c 'grep -q "would block posting" <<<"$1" && grep -q "REVISION_MISMATCH" <<<"$1" && grep -q "Source: draft-ietf-tools-draft-submission" <<<"$1"' _ "$R_body"
http R -b "$J" -F "txt=@$EX.txt" "$U/submit/validate/"
check "the page form without its csrf token is 403" eq "$R_code" 403
http R -b "$J" -F "csrf=$c" -F "txt=@$EX.txt;filename=evil.sh" "$U/submit/validate/"
check "an unusable upload shows the sentence on the page (400) with the form again" bash -c '[ "$1" = 400 ] && grep -q "must end in .txt" <<<"$2" && grep -q "validate-form" <<<"$2"' _ "$R_code" "$R_body"
check "R75: nothing was stored: no rows, no files left in tmp/" eq "$(snapshot)" "$before"
if [ -d ../shared/corpus/pairs ]; then
  f=../shared/corpus/pairs/draft-ietf-httpbis-p5-range-07
  http R -F "txt=@$f.txt" -F "xml=@$f.xml" "$U/api/validate"
  check "a real corpus pair validates through the API" bash -c '[ "$1" = 200 ] && grep -q "\"name\":\"draft-ietf-httpbis-p5-range\"" <<<"$2"' _ "$R_code" "$R_body"
else
  echo "# corpus: ../shared/corpus is not beside this checkout; the corpus upload is skipped"
fi
server_stop V
e2e_finish e2e-validate
