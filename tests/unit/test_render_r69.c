/* test_render_r69.c: the last of xml2rfc's own feature tests (xml2rfc-tests/elements and
 * draft-v3-features) in the text writer and prep: <u> expanded as expand_unicode_element() does, display
 * widths, the ToC's inline markup, reference groups of a subseries, reference authors' ASCII forms,
 * contacts, unnumbered references, lists in quotes, titles' sentence spaces and art from src= files
 * (R69: XML-only submissions need this renderer; the text must be xml2rfc 3.32's). */
/* R69 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testlib.h"
#include "render_testlib.h"

#include "core/arena.h"
#include "core/err.h"
#include "draft/render_int.h"

#define HEAD	"<rfc ipr=\"trust200902\" category=\"info\" docName=\"draft-x-00\" version=\"3\"><front><title>T</title>" \
		"<author initials=\"A.\" surname=\"B\" fullname=\"A. B\"/><date year=\"2026\" month=\"11\" day=\"22\"/>"

/* fetch: "in/art.txt" only */
static int
tfetch(void *ctx, struct arena *a, const char *uri, char **data, size_t *len)
{
	int *calls = ctx;

	(*calls)++;
	if (strcmp(uri, "in/art.txt") != 0)
		return -1;
	*data = arena_strdup(a, "+----+\n| ok |\n+----+\n");
	*len = strlen(*data);
	return 0;
}

/* The unpaginated text of xml, or NULL with the error printed. */
static const char *
render(struct arena *a, const char *xml, int *calls)
{
	struct render_opts o;

	test_render_opts(&o);
	o.path = "in/doc.xml";
	o.fetch = tfetch;
	o.fetch_ctx = calls;
	return test_render(a, xml, &o);
}

static void
has(const char *out, const char *want)
{
	if (out == NULL || strstr(out, want) == NULL)
		print_error("missing:\n%s\nin:\n%s\n", want, out ? out : "(null)");
	assert_non_null(out);
	assert_non_null(strstr(out, want));
}

/* R69: every format of xml2rfc's expand_unicode_element(): dash-separated parts in the order given,
 * templates with {fields}, names from the table and "U+%04x" for a code point without one, and the
 * formats xml2rfc refuses */
static void
test_r69_unicode_expand(void **state)
{
	struct arena a;

	(void)state;
	arena_init(&a, 0);
	assert_string_equal(render_unicode_expand(&a, "\xCE\x94", "num", NULL), "U+0394");
	assert_string_equal(render_unicode_expand(&a, "\xCE\x94", "name-num", NULL),
	    "GREEK CAPITAL LETTER DELTA (U+0394)");
	assert_string_equal(render_unicode_expand(&a, "\xCE\x94", NULL, NULL),
	    "\"\xCE\x94\" (GREEK CAPITAL LETTER DELTA, U+0394)");
	assert_string_equal(render_unicode_expand(&a, "\xCE\x94", "ascii-lit-num", "Delta"),
	    "\"Delta\" (\"\xCE\x94\", U+0394)");
	assert_string_equal(render_unicode_expand(&a, "\xCE\x94", "{lit} character ({name}, {num})", NULL),
	    "\"\xCE\x94\" character (GREEK CAPITAL LETTER DELTA, U+0394)");
	assert_string_equal(render_unicode_expand(&a, "\xE1\x8F\x9A\xE1\x8E\xA2", "num-name", NULL),
	    "U+13DA U+13A2 (CHEROKEE LETTER DU, CHEROKEE LETTER I)");
	assert_string_equal(render_unicode_expand(&a, "\t", "num-name", NULL), "U+0009 (U+0009)");
	assert_string_equal(render_unicode_expand(&a, "\xC2\x9F", "name-num", NULL), "U+009f (U+009F)");
	assert_string_equal(render_unicode_expand(&a, "", "num", NULL), "");
	assert_null(render_unicode_expand(&a, "x", "name", NULL));		/* no num */
	assert_null(render_unicode_expand(&a, "x", "num-lit-name-char", NULL));	/* more than 3 */
	assert_null(render_unicode_expand(&a, "x", "num-ascii", NULL));	/* no ascii attribute */
	assert_null(render_unicode_expand(&a, "x", "{num} {bogus}", NULL));
	assert_string_equal(render_unicode_name(0x41), "LATIN CAPITAL LETTER A");
	assert_null(render_unicode_name(0x4E00));
	assert_int_equal(render_textwidth("\xE7\x94\xB0\xE4\xB8\xAD x"), 6);	/* two wide, a space, x */
	arena_release(&a);
}

/* R69: <u> in a paragraph; the ToC keeps <sup>/<em> and reduces a <cref> to its text; format="title"
 * to the abstract; the first page's right column by display width */
static void
test_r69_u_toc_abstract(void **state)
{
	struct arena a;
	const char *out;
	int calls = 0;

	(void)state;
	arena_init(&a, 0);
	out = render(&a, "<rfc ipr=\"trust200902\" category=\"info\" docName=\"draft-x-00\" version=\"3\" "
	    "tocInclude=\"true\"><front><title>T</title><author fullname=\"\xE7\x94\xB0\xE4\xB8\xAD\" "
	    "asciiFullname=\"Ta Naka\"/><date year=\"2026\" month=\"11\" day=\"22\"/>"
	    "<abstract anchor=\"abs\"><t>A.</t></abstract></front><middle>"
	    "<section><name>X<sup>2</sup> <em>e</em> <cref anchor=\"c1\">id</cref></name>"
	    "<t>Use <u format=\"num-name\">\xCE\x94</u>; see <xref target=\"abs\" format=\"title\"/>.</t>"
	    "</section></middle></rfc>", &calls);
	has(out, "1.  X^2 _e_ id");
	has(out, "Use U+0394 (GREEK CAPITAL LETTER DELTA); see Abstract.");
	/* 田中 is four columns wide: 37 spaces make the line 72 columns */
	has(out, "Network Working Group                                     \xE7\x94\xB0\xE4\xB8\xAD (T. Naka)\n");
	arena_release(&a);
}

/* R69: a reference group of a BCP: its name, number and URL, what it comprises, the members with DOI and
 * URL; a member's author not in Latin script with the ASCII form; references unnumbered after an
 * unnumbered last section; a title's two spaces after a sentence kept */
static void
test_r69_references(void **state)
{
	struct arena a;
	const char *out;
	int calls = 0;

	(void)state;
	arena_init(&a, 0);
	out = render(&a, HEAD "</front><middle><section numbered=\"false\"><name>S</name><t>See <xref target=\"BCP45\"/> "
	    "and <xref target=\"G\"/>.</t></section></middle><back><references><name>Normative References</name>"
	    "<referencegroup anchor=\"BCP45\" target=\"https://www.rfc-editor.org/info/bcp45\">"
	    "<reference anchor=\"RFC9245\" target=\"https://www.rfc-editor.org/info/rfc9245\"><front>"
	    "<title>IETF Discussion List Charter</title><author fullname=\"L. Eggert\" initials=\"L.\" surname=\"Eggert\"/>"
	    "<date month=\"June\" year=\"2022\"/></front><seriesInfo name=\"BCP\" value=\"45\"/>"
	    "<seriesInfo name=\"RFC\" value=\"9245\"/><seriesInfo name=\"DOI\" value=\"10.17487/RFC9245\"/></reference>"
	    "</referencegroup>"
	    "<reference anchor=\"G\"><front><title>Information technology.  Cryptographic data.</title>"
	    "<author fullname=\"\xCE\xA0\xCE\xBB\xCE\xAC\xCF\x84\xCF\x89\xCE\xBD\" asciiFullname=\"Plato\"/>"
	    "<date year=\"2001\"/></front></reference></references></back></rfc>", &calls);
	has(out, "\nNormative References\n");
	has(out, "   [BCP45]    Best Current Practice 45,\n"
	    "              <https://www.rfc-editor.org/info/bcp45>.\n"
	    "              At the time of writing, this BCP comprises the following:\n"
	    "\n"
	    "              Eggert, L., \"IETF Discussion List Charter\", BCP 45,\n"
	    "              RFC 9245, DOI 10.17487/RFC9245, June 2022,\n"
	    "              <https://www.rfc-editor.org/info/rfc9245>.\n");
	has(out, "   [G]        \xCE\xA0\xCE\xBB\xCE\xAC\xCF\x84\xCF\x89\xCE\xBD (Plato), \"Information technology.  "
	    "Cryptographic\n              data.\", 2001.\n");
	arena_release(&a);
}

/* R69: a contact in a section as an author's address (Latin first, then the original script); an inline
 * contact with only an organization; a list nested in a list item in a blockquote indented; text art
 * from a src= file beside the document, through fetch, and a src= outside it refused */
static void
test_r69_contact_quote_src(void **state)
{
	struct arena a;
	const char *out;
	int calls = 0;

	(void)state;
	arena_init(&a, 0);
	out = render(&a, HEAD "</front><middle><section><name>S</name>"
	    "<contact asciiFullname=\"Roni Even\" fullname=\"\xD7\xA8\xD7\x95\xD7\xA0\xD7\x99\"/>"
	    "<t>Thanks to <contact><organization>TEST</organization></contact>.</t>"
	    "<blockquote><ul><li><t>One</t><ul><li>Inner</li></ul></li></ul></blockquote>"
	    "<figure><artwork type=\"ascii-art\" src=\"art.txt\"/></figure>"
	    "</section></middle></rfc>", &calls);
	has(out, "   Roni Even\n\n   Additional contact information:\n\n      \xD7\xA8\xD7\x95\xD7\xA0\xD7\x99\n");
	has(out, "   Thanks to TEST.\n");
	has(out, "   |  *  One\n   |  \n   |     -  Inner\n");
	has(out, "   +----+\n   | ok |\n   +----+\n");
	assert_int_equal(calls, 1);
	calls = 0;
	assert_null(render(&a, HEAD "</front><middle><section><name>S</name><figure>"
	    "<artwork type=\"ascii-art\" src=\"../etc/passwd\"/></figure></section></middle></rfc>", &calls));
	assert_int_equal(calls, 0);
	arena_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_r69_unicode_expand),
		cmocka_unit_test(test_r69_u_toc_abstract),
		cmocka_unit_test(test_r69_references),
		cmocka_unit_test(test_r69_contact_quote_src),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
