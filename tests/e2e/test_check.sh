#!/usr/bin/env bash
# test_check.sh: `idtracker check` as a command (issue 4's CLI contract): the verdict, the JSON
# shape, exit codes, hostile inputs, -j, and golden agreement on real corpus drafts (skipped, with
# the reason, when ../shared/corpus is not beside the checkout).
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh

D=tests/data/check
EX="$D/draft-idtracker-test-example-00"
T="$E2E_TMP"
chk() { "$IDT_BIN" check "$@"; }
field() { python3 -c "import json,sys; d=json.loads(sys.stdin.readline()); print(eval(sys.argv[1]))" "$1"; }

# R6, R7, R14-R16: a clean submission in both formats.
out=$(chk --json --date 2026-11-22 "$EX.txt" "$EX.xml"); rc=$?
check "a clean txt+xml submission exits 0" eq "$rc" 0
check "one JSON line for the two files" eq "$(wc -l <<<"$out")" 1
check "format is txt+xml with both files" eq "$(field 'd["format"], d["files"]' <<<"$out")" "('txt+xml', ['draft-idtracker-test-example-00.txt', 'draft-idtracker-test-example-00.xml'])"
check "name, rev and xml_version" eq "$(field 'd["name"], d["rev"], d["xml_version"]' <<<"$out")" "('draft-idtracker-test-example', '00', 3)"
check "title" eq "$(field 'd["title"]' <<<"$out")" "An Example Draft for idtracker Tests"
check "authors with names, orgs and e-mails" eq "$(field '[(a["name"], a["org"], a["email"]) for a in d["authors"]]' <<<"$out")" \
  "[('Ann Author', 'Example Org', 'ann@example.org'), ('Bo Writer', 'Example Org', 'bo@example.org')]"
check "date and expires" eq "$(field 'd["date"], d["expires"]' <<<"$out")" "('2026-11-20', '2027-05-24')"
check "pages and normative references" eq "$(field 'd["pages"], d["references"]["normative"]' <<<"$out")" "(2, ['rfc2119', 'rfc8174'])"
check "no errors in either file" eq "$(field 'd["errors"]' <<<"$out")" 0
check "every key of the contract is there" bash -c 'python3 -c "
import json,sys; d=json.loads(sys.stdin.readline())
need={\"file\",\"files\",\"format\",\"xml_version\",\"name\",\"rev\",\"title\",\"authors\",\"abstract\",\"date\",\"expires\",\"pages\",\"status\",\"group\",\"references\",\"nits\",\"errors\",\"warnings\",\"comments\"}
assert need<=set(d), need-set(d)
for n in d[\"nits\"]: assert {\"id\",\"severity\",\"line\",\"message\",\"source\"}<=set(n), n
" <<<"$1"' _ "$out"
human=$(chk --date 2026-11-22 "$EX.txt")
check "human output ends with an idnits-like summary" bash -c 'grep -qE "Summary: 0 errors \(\*\*\), [0-9]+ warnings? \(==\), [0-9]+ comments? \(--\)\." <<<"$1"' _ "$human"

# R22: the name in the text must match the file name.
cp "$EX.txt" "$T/draft-idtracker-test-example-01.txt"
out=$(chk --json --date 2026-11-22 "$T/draft-idtracker-test-example-01.txt"); rc=$?
check "a file named -01 holding -00 exits 1" eq "$rc" 1
check "and says REVISION_MISMATCH" contains "$out" '"id":"REVISION_MISMATCH"'
cp "$EX.txt" "$T/draft-idtracker-test-other-00.txt"
out=$(chk --json --date 2026-11-22 "$T/draft-idtracker-test-other-00.txt")
check "a file named after another draft says FILENAME_DOCNAME_MISMATCH" contains "$out" '"id":"FILENAME_DOCNAME_MISMATCH"'
# R22: the revision must be the next one.
out=$(chk --json --date 2026-11-22 --last-rev 00 "$EX.txt"); rc=$?
check "a -00 after a posted -00 exits 1 with REVISION_NOT_NEXT" bash -c '[ "$1" = 1 ] && grep -q "\"id\":\"REVISION_NOT_NEXT\"" <<<"$2"' _ "$rc" "$out"
out=$(chk --json --date 2026-11-22 --last-rev none "$EX.txt"); rc=$?
check "a -00 of a new draft is fine" eq "$rc" 0
# R18: the two formats must agree.
sed 's/An Example Draft for idtracker Tests/A Different Title Altogether/' "$EX.xml" > "$T/draft-idtracker-test-example-00.xml"
cp "$EX.txt" "$T/"
out=$(chk --json --date 2026-11-22 "$T/draft-idtracker-test-example-00.txt" "$T/draft-idtracker-test-example-00.xml"); rc=$?
check "txt and xml with different titles exit 1 with FORMATS_DISAGREE" bash -c '[ "$1" = 1 ] && grep -q "\"id\":\"FORMATS_DISAGREE\"" <<<"$2"' _ "$rc" "$out"
# Date-dependent rules take today from --date.
out=$(chk --json --mode normal --date 2027-03-01 "$EX.txt")
check "--date makes the document date old (DOC_DATE_IN_PAST)" contains "$out" '"id":"DOC_DATE_IN_PAST"'
out=$(chk --json --mode normal --date 2026-11-21 "$EX.txt")
check "and a day later it is not" lacks "$out" 'DOC_DATE_IN_PAST'

# Exit 2: usage and unreadable files, with a sentence.
err=$(chk "$T/no-such-file.txt" 2>&1); rc=$?
check "an unreadable file exits 2 with a sentence" bash -c '[ "$1" = 2 ] && grep -q "cannot read" <<<"$2"' _ "$rc" "$err"
chk --mode sloppy "$EX.txt" >/dev/null 2>&1; check "a bad --mode exits 2" eq $? 2
chk --date 2026-13-45 "$EX.txt" >/dev/null 2>&1; check "a bad --date exits 2" eq $? 2
chk >/dev/null 2>&1; check "no files exits 2" eq $? 2
chk -j 0 "$EX.txt" >/dev/null 2>&1; check "-j 0 exits 2" eq $? 2
chk --help >/dev/null; check "check --help exits 0" eq $? 0

# Hostile input: errors, never a crash (exit 1, not 2 and not a signal).
head -c 200000 /dev/urandom > "$T/draft-x-binary-00.txt"
chk --json "$T/draft-x-binary-00.txt" >/dev/null 2>&1; check "random bytes are an error verdict, not a crash" eq $? 1
head -c 10485760 /dev/zero | tr '\0' 'a' > "$T/draft-x-oneline-00.txt"
chk --json "$T/draft-x-oneline-00.txt" >/dev/null 2>&1; check "a 10 MB single line is an error verdict" eq $? 1
printf 'Internet-Draft\0\0\0 draft-x-nul-00\n\xff\xfe\xc3\x28 bad utf-8\n' > "$T/draft-x-nul-00.txt"
chk --json "$T/draft-x-nul-00.txt" >/dev/null 2>&1; check "NUL bytes and invalid UTF-8 are an error verdict" eq $? 1
: > "$T/draft-x-empty-00.txt"
out=$(chk --json "$T/draft-x-empty-00.txt"); check "an empty file says FILE_EMPTY" contains "$out" '"id":"FILE_EMPTY"'
printf '<?xml version="1.0"?>\n<rfc docName="draft-x-trunc-00"><front><title>Trunc' > "$T/draft-x-trunc-00.xml"
out=$(chk --json "$T/draft-x-trunc-00.xml"); rc=$?
check "truncated XML exits 1 with XML_PARSING_FAILED" bash -c '[ "$1" = 1 ] && grep -q XML_PARSING_FAILED <<<"$2"' _ "$rc" "$out"
echo "secret-$$-content" > "$T/secret.txt"
printf '<?xml version="1.0"?>\n<!DOCTYPE rfc [<!ENTITY x SYSTEM "file://%s">]>\n<rfc docName="draft-x-xxe-00" ipr="trust200902"><front><title>&x;</title></front></rfc>\n' "$T/secret.txt" > "$T/draft-x-xxe-00.xml"
out=$(chk --json "$T/draft-x-xxe-00.xml" 2>&1)
check "an external entity to a local file is never read (XXE)" lacks "$out" "secret-$$-content"
{ printf '<?xml version="1.0"?>\n<!DOCTYPE rfc [<!ENTITY a "aaaaaaaaaa">'
  p=a; for n in b c d e f g h i j; do printf '<!ENTITY %s "&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;">' $n $p $p $p $p $p $p $p $p $p $p; p=$n; done
  printf ']>\n<rfc docName="draft-x-laughs-00"><front><title>&j;</title></front></rfc>\n'; } > "$T/draft-x-laughs-00.xml"
timeout 20 "$IDT_BIN" check --json "$T/draft-x-laughs-00.xml" > "$T/laughs.json" 2>&1; rc=$?
check "billion laughs ends quickly with an error verdict" bash -c '[ "$1" = 1 ] && [ $(wc -c < "$2") -lt 100000 ]' _ "$rc" "$T/laughs.json"
{ printf '<?xml version="1.0"?>\n<rfc docName="draft-x-deep-00">'; for _ in $(seq 5000); do printf '<t>'; done; printf '</rfc>\n'; } > "$T/draft-x-deep-00.xml"
chk --json "$T/draft-x-deep-00.xml" >/dev/null 2>&1; check "deeply nested XML is an error verdict" eq $? 1

# -j: the same results in the same order.
files=("$EX.txt" "$EX.xml" "$T/draft-idtracker-test-example-01.txt" "$T/draft-x-empty-00.txt" "$T/draft-x-nul-00.txt")
a=$(chk --json --date 2026-11-22 -j 1 "${files[@]}"); b=$(chk --json --date 2026-11-22 -j 3 "${files[@]}")
check "-j 3 prints what -j 1 prints, in the same order" eq "$a" "$b"

# Golden agreement on real drafts (about 40 corpus pairs, v2 and v3), txt against xml.
if [ -d ../shared/corpus/pairs ]; then
  # Every tenth pair (2001-2023 layouts, v2 XML) plus every pair whose XML is v3.
  mapfile -t PT < <( { ls ../shared/corpus/pairs/*.txt | awk 'NR % 10 == 1';
    awk -F'\t' '$1 ~ /^pairs\/.*\.xml$/ && $3 == "v3" { sub(/\.xml$/, ".txt", $1); print "../shared/corpus/" $1 }' ../shared/corpus/index.tsv; } | sort -u)
  PX=(); for f in "${PT[@]}"; do PX+=("${f%.txt}.xml"); done
  chk --json --mode normal -j 2 "${PT[@]}" > "$T/gt.json"
  chk --json --mode normal -j 2 --refs ../shared/corpus/render-golden/refcache "${PX[@]}" > "$T/gx.json"
  res=$(python3 - "$T/gt.json" "$T/gx.json" <<'PY'
import json, re, sys
T = {json.loads(l)["file"][:-4]: json.loads(l) for l in open(sys.argv[1])}
X = {json.loads(l)["file"][:-4]: json.loads(l) for l in open(sys.argv[2])}
loose = lambda s: re.sub(r"[^0-9a-z]", "", (s or "").lower())
n = len(T); agree = {}
for k in ("name", "rev", "title", "date", "emails"):
    ok = 0
    for b in T:
        t, x = T[b], X.get(b, {})
        if k == "emails":
            ok += sorted(a.get("email") or "" for a in t["authors"]) == sorted(a.get("email") or "" for a in x.get("authors", []))
        elif k == "title":
            ok += loose(t.get("title")) == loose(x.get("title"))
        elif k == "date":
            # An XML date without a day is completed by the renderer with the day it ran.
            a, b = t.get("date") or "", x.get("date") or ""
            ok += a == b or (len(b) in (4, 7) and a[:len(b)] == b)
        else:
            ok += t.get(k) == x.get(k)
    agree[k] = ok
print(n, " ".join("%s=%d" % kv for kv in agree.items()))
PY
)
  n=${res%% *}
  check "golden: all ${#PT[@]} corpus pairs were read in both formats" eq "$n" "${#PT[@]}"
  check "golden: the set has at least 30 pairs, v3 ones among them" bash -c '[ "$1" -ge 30 ] && grep -q "\"xml_version\":3" "$2"' _ "${#PT[@]}" "$T/gx.json"
  for k in name rev title date emails; do
    v=$(grep -oE "$k=[0-9]+" <<<"$res" | cut -d= -f2)
    check "golden: txt and xml agree on $k for at least 95 % of ${#PT[@]} pairs ($v)" test "$(( ${v:-0} * 100 ))" -ge "$(( ${#PT[@]} * 95 ))"
  done
else
  echo "# corpus: ../shared/corpus is not beside this checkout; the golden corpus checks are skipped"
fi

e2e_finish e2e-check
