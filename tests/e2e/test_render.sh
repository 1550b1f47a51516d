#!/usr/bin/env bash
# test_render.sh: `idtracker render` as a command (issue 9's CLI contract): exit codes 0 rendered,
# 1 refused with xml2rfc's reason, 2 usage; -o; the stage outputs (--expand, --v2v3, --preptool);
# --bom; pagination; xml2rfc's warnings on stderr; hostile input. The drafts are written here; the
# byte-for-byte comparison with xml2rfc is tests/render/run.sh.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh

T="$E2E_TMP"
rend() { "$IDT_BIN" render "$@"; }

# A small v3 draft of our own, with an include the reference folder answers.
mkdir -p "$T/refs"
cat > "$T/refs/reference.RFC.2119.xml" <<'EOF'
<reference anchor="RFC2119" target="https://www.rfc-editor.org/info/rfc2119">
  <front><title>Key words for use in RFCs to Indicate Requirement Levels</title>
  <author initials="S." surname="Bradner" fullname="S. Bradner"/><date year="1997" month="March"/></front>
  <seriesInfo name="BCP" value="14"/><seriesInfo name="RFC" value="2119"/>
</reference>
EOF
cat > "$T/draft-smith-render-test-00.xml" <<'EOF'
<?xml version="1.0" encoding="utf-8"?>
<rfc xmlns:xi="http://www.w3.org/2001/XInclude" version="3" ipr="trust200902" category="info"
     docName="draft-smith-render-test-00" submissionType="IETF">
  <front>
    <title abbrev="Render Test">A Draft for the Renderer's Command</title>
    <author fullname="Ann Smith" initials="A." surname="Smith"><organization>Example Org</organization>
      <address><email>ann@example.org</email></address></author>
    <date year="2026" month="11" day="22"/>
    <abstract><t>This draft exists to be rendered.</t></abstract>
  </front>
  <middle>
    <section anchor="intro"><name>Introduction</name>
      <t>The key words are those of <xref target="RFC2119"/>; see <xref target="more"/>.</t>
      <artwork><![CDATA[
a line of artwork far wider than the seventy-two columns a page of an Internet-Draft allows
]]></artwork>
    </section>
    <section anchor="more"><name>More</name><t>Nothing more.</t></section>
  </middle>
  <back>
    <references><name>Normative References</name>
      <xi:include href="https://bib.ietf.org/public/rfc/bibxml/reference.RFC.2119.xml"/>
    </references>
  </back>
</rfc>
EOF
X="$T/draft-smith-render-test-00.xml"

# R69: rendered, to -o, unpaginated and paginated.
rend --no-pagination --legacy-date-format --date 2026-11-22 --refs "$T/refs" -o "$T/out.txt" "$X" 2>"$T/err.txt"; rc=$?
check "R69: a v3 draft renders (exit 0) to the -o file" eq "$rc" 0
out=$(cat "$T/out.txt")
check "the first page carries the title, the name and the expiry" bash -c 'grep -q "A Draft for the Renderer.s Command" <<<"$1" && grep -q "draft-smith-render-test-00" <<<"$1" && grep -q "Expires: May 26, 2027" <<<"$1"' _ "$out"
check "the boilerplate is there" contains "$out" "This Internet-Draft is submitted in full conformance with the"
check "an xref to a section reads Section N, to a reference [ANCHOR]" contains "$out" "[RFC2119]; see Section 2."
check "the included reference is listed" contains "$out" "[RFC2119]  Bradner, S., \"Key words for use in RFCs to Indicate"
check "no form feed without pagination" bash -c '! grep -q $'"'"'\f'"'"' "$1"' _ "$T/out.txt"
check "xml2rfc's warning for the wide artwork, with the line, on stderr" bash -c 'grep -qE "draft-smith-render-test-00.xml\([0-9]+\): Warning: Too long line found \(L[0-9]+\), [0-9]+ characters longer than 72 characters" "$1"' _ "$T/err.txt"
paged=$(rend --date 2026-11-22 --refs "$T/refs" "$X" 2>/dev/null)
check "paginated by default: the footer and page numbers" bash -c 'grep -qE "^Smith +Expires 26 May 2027 +\[Page 1\]$" <<<"$1"' _ "$paged"
check "the page header names the draft by its short title" bash -c 'grep -qE "^Internet-Draft +Render Test +November 2026$" <<<"$1"' _ "$paged"
rend --bom --date 2026-11-22 --refs "$T/refs" -o "$T/bom.txt" "$X" 2>/dev/null
check "--bom starts with the UTF-8 byte order mark" eq "$(head -c 3 "$T/bom.txt" | od -An -tx1 | tr -d ' ')" "efbbbf"

# R69 (issue 9: render speed): the binary does not link the libraries only PostgreSQL, mail and the
# server use (their modules dlopen() them at first use), and a render never loads them: at every
# start they cost more dynamic loading than the render of a small draft (docs/architecture.md).
# libc is the control: it is linked and loaded, so an empty listing cannot pass. Where libxml2 is
# linked in from its archive (the Makefile does when libxml2-dev has one), ICU and libstdc++, which
# only the shared libxml2 brings, are held out too.
heavy='libpq\.so|libcurl\.so|libgmime-3\.0\.so|libglib-2\.0\.so|libgobject-2\.0\.so|libmicrohttpd\.so'
needed=$(objdump -p "$IDT_BIN" | awk '$1 == "NEEDED" { print $2 }')
# (ICU alone in the maps: under the sanitizers libubsan brings libstdc++ with it; NEEDED holds out both)
grep -q '^libxml2\.so' <<<"$needed" || heavy="$heavy|libicuuc\.so"
if [ -f "$(cc -print-file-name=libxml2.a 2>/dev/null)" ]; then
  check "R69 (issue 9: render speed): with libxml2.a at hand, libxml2 is linked in, without ICU" \
    bash -c '! grep -qE "^(libxml2|libicuuc|libstdc\+\+)\.so" <<<"$1"' _ "$needed"
fi
# The other libraries every process uses are linked in from their archives too (Makefile STATIC_LIBS):
# each one that has its archive here is neither NEEDED nor mapped by a render.
linked_in=
for l in sqlite3 sodium jansson pcre2-8 z lzma; do
  [ -f "$(cc -print-file-name=lib$l.a 2>/dev/null)" ] && linked_in="$linked_in${linked_in:+|}lib${l//./\\.}\\.so"
done
if [ -n "$linked_in" ]; then
  check "R69 (issue 9: render speed): linked in from their archives, not NEEDED: ${linked_in//\\/}" \
    bash -c 'grep -q "^libc\.so" <<<"$1" && ! grep -qE "^($2)" <<<"$1"' _ "$needed" "$linked_in"
  heavy="$heavy|$linked_in"
fi
check "R69 (issue 9: render speed): not NEEDED: libpq, libcurl, libgmime, libglib, libgobject, libmicrohttpd (and ICU)" \
  bash -c 'grep -q "^libc\.so" <<<"$1" && ! grep -qE "^($2)" <<<"$1"' _ "$needed" "$heavy"
LD_DEBUG=files rend --no-pagination --date 2026-11-22 --refs "$T/refs" -o "$T/ld.txt" "$X" 2>"$T/ld-err.txt"; rc=$?
check "R69 (issue 9: render speed): a render maps none of them" \
  bash -c '[ "$1" = 0 ] && grep -q "file=libc\.so" "$2" && ! grep -qE "file=[^ ]*($3)" "$2"' _ "$rc" "$T/ld-err.txt" "$heavy"
# Without ICU, a document in an encoding iconv knows reads as before (windows-1252's curly quotes and
# e acute), and one that nobody knows is refused with a sentence, not a crash.
printf '<?xml version="1.0" encoding="windows-1252"?>\n<rfc ipr="trust200902" docName="draft-smith-cp-00" category="info" submissionType="IETF" version="3"><front><title>Code page</title><author fullname="J. Smith" surname="Smith"/><date year="2026" month="November" day="22"/></front><middle><section><name>One</name><t>\x93Caf\xe9\x94 text.</t></section></middle></rfc>\n' > "$T/draft-smith-cp-00.xml"
rend --no-pagination --date 2026-11-22 -o "$T/cp.txt" "$T/draft-smith-cp-00.xml" 2>"$T/cp-err.txt"; rc=$?
check "R69: windows-1252 XML renders, its characters as UTF-8 (iconv, no ICU)" \
  bash -c '[ "$1" = 0 ] && grep -q "$3" "$2"' _ "$rc" "$T/cp.txt" $'\xe2\x80\x9cCaf\xc3\xa9\xe2\x80\x9d text.'
sed 's/windows-1252/x-no-such-charset/' "$T/draft-smith-cp-00.xml" > "$T/draft-smith-cp-01.xml"
rend --no-pagination --date 2026-11-22 -o "$T/cp1.txt" "$T/draft-smith-cp-01.xml" 2>"$T/cp1-err.txt"; rc=$?
check "R69: an encoding nobody knows is refused (exit 1) with a sentence" \
  bash -c '[ "$1" = 1 ] && grep -qi "encoding" "$2"' _ "$rc" "$T/cp1-err.txt"

# The stages xml2rfc can write instead of text.
exp=$(rend --expand --refs "$T/refs" "$X" 2>/dev/null)
check "--expand writes the XML with the include replaced by the reference" bash -c 'grep -q "<reference anchor=\"RFC2119\"" <<<"$1" && ! grep -q "xi:include" <<<"$1"' _ "$exp"
prep=$(rend --preptool --date 2026-11-22 --refs "$T/refs" "$X" 2>/dev/null)
check "--preptool writes the prepared XML (boilerplate, section numbers, derived xrefs)" bash -c 'grep -q "<boilerplate>" <<<"$1" && grep -q "pn=\"section-1\"" <<<"$1" && grep -q "derivedContent=\"RFC2119\"" <<<"$1"' _ "$prep"
rend --expand --preptool "$X" >/dev/null 2>"$T/err.txt"; rc=$?
check "two stage options at once are a usage error (exit 2)" eq "$rc" 2

# The reference library's collections: a reference in refs/bibxml/ is found as the office finds it.
mkdir -p "$T/lib/bibxml"
cp "$T/refs/reference.RFC.2119.xml" "$T/lib/bibxml/"
lib=$(rend --no-pagination --date 2026-11-22 --refs "$T/lib" "$X" 2>/dev/null)
check "R86: --refs looks in the library's bibxml*/ collections as docs/references.md says" contains "$lib" "[RFC2119]  Bradner, S."

# Refusals: exit 1 with the reason, nothing written.
printf '<rfc ipr="trust200902"><front><title>Broken</title></front>\n' > "$T/draft-smith-broken-00.xml"
rend -o "$T/broken.txt" "$T/draft-smith-broken-00.xml" 2>"$T/err.txt"; rc=$?
check "R7: XML that is not well-formed is refused (exit 1) with the line" bash -c '[ "$1" = 1 ] && grep -q "Unable to parse the XML document" "$2" && grep -q "Line 2" "$2"' _ "$rc" "$T/err.txt"
check "  ...and no output file is written" bash -c '[ ! -e "$1" ]' _ "$T/broken.txt"
sed 's/ipr="trust200902"/ipr="full3978"/' "$X" > "$T/draft-smith-retired-00.xml"
rend --refs "$T/refs" "$T/draft-smith-retired-00.xml" >/dev/null 2>"$T/err.txt"; rc=$?
check "a retired ipr is refused as xml2rfc refuses it" bash -c '[ "$1" = 1 ] && grep -q "Error: Unknown ipr attribute: full3978" "$2"' _ "$rc" "$T/err.txt"
rend --date 2026-11-22 "$X" >/dev/null 2>"$T/err.txt"; rc=$?
check "R11: a cited reference whose include cannot be fetched is refused, naming it" bash -c '[ "$1" = 1 ] && grep -q "reference.RFC.2119.xml" "$2"' _ "$rc" "$T/err.txt"
sed 's#<middle>#<middle><x:feedback xmlns:x="http://purl.org/net/xml2rfc/ext"/>#' "$X" > "$T/draft-smith-foreign-00.xml"
rend --refs "$T/refs" "$T/draft-smith-foreign-00.xml" >/dev/null 2>"$T/err.txt"; rc=$?
check "an element outside the v3 grammar is refused with the grammar's sentence" bash -c '[ "$1" = 1 ] && grep -q "Did not expect element feedback there" "$2"' _ "$rc" "$T/err.txt"
# A document that says it is prepared (prepTime) goes to the writer as it is (the unit tests of the
# writer rely on it), so the writer assumes nothing that prep would have added: the fuzzer's finding,
# a front page without a date, renders instead of reading through a NULL pointer.
printf '<rfc prepTime="2026-01-01T00:00:00Z"><front/></rfc>' > "$T/prepped-bare.xml"
bare=$(rend --date 2026-11-22 "$T/prepped-bare.xml" 2>"$T/err.txt"); rc=$?
check "R69: a bare prepared document renders (exit 0) its first-page header, no crash" bash -c '[ "$1" = 0 ] && grep -q "^Internet-Draft" <<<"$2"' _ "$rc" "$bare"
printf '<rfc prepTime="2026-01-01T00:00:00Z"><front><title>Undated</title><author/></front><middle><section><name>S</name></section></middle></rfc>' > "$T/prepped-undated.xml"
undated=$(rend --date 2026-11-22 "$T/prepped-undated.xml" 2>"$T/err.txt"); rc=$?
check "R69: a prepared document without a date renders (exit 0): title, then its section" bash -c '[ "$1" = 0 ] && grep -q "^ *Undated$" <<<"$2" && grep -q "^S$" <<<"$2"' _ "$rc" "$undated"

# Hostile input: a file entity is never read; an entity bomb is refused.
cat > "$T/draft-smith-xxe-00.xml" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE rfc [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<rfc version="3" ipr="trust200902" category="info" docName="draft-smith-xxe-00"><front><title>&x;</title>
<author fullname="A. B"/><date year="2026" month="11" day="22"/></front><middle><section><name>S</name><t>t</t></section></middle></rfc>
EOF
xo=$(rend --date 2026-11-22 "$T/draft-smith-xxe-00.xml" 2>/dev/null)
check "XXE: /etc/passwd is never read into the text" bash -c '! grep -q "root:" <<<"$1"' _ "$xo"
{ printf '<?xml version="1.0"?>\n<!DOCTYPE rfc [<!ENTITY a "aaaaaaaaaa">'
  for l in b c d e f g h i j; do p=$(printf '%s' "$l" | tr 'b-j' 'a-i'); printf '<!ENTITY %s "%s">' "$l" "$(printf "&$p;%.0s" 1 2 3 4 5 6 7 8 9 10)"; done
  printf ']><rfc><t>&j;</t></rfc>\n'; } > "$T/draft-smith-bomb-00.xml"
rend "$T/draft-smith-bomb-00.xml" >/dev/null 2>"$T/err.txt"; rc=$?
check "an entity bomb is refused (exit 1), not expanded" eq "$rc" 1

# Usage.
rend >/dev/null 2>"$T/err.txt"; rc=$?
check "no file is a usage error (exit 2) with the usage line" bash -c '[ "$1" = 2 ] && grep -q "usage: idtracker render" "$2"' _ "$rc" "$T/err.txt"
rend --date 2026-13-01 "$X" >/dev/null 2>&1; rc=$?
check "a bad --date is a usage error (exit 2)" eq "$rc" 2
rend --no-such-option "$X" >/dev/null 2>&1; rc=$?
check "an unknown option is a usage error (exit 2)" eq "$rc" 2

e2e_finish e2e-render
