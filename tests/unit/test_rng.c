/* test_rng.c: the fast v3 grammar check (src/draft/rng.c, tables from tools/rngc.c) that spares most
 * renderings libxml2's RELAX NG validator (issue 9: render speed; R69). It may say "valid" only where
 * libxml2's validator over the same grammar says so too; it should say so for every real document.
 * Hand-made documents for each rule, then every corpus XML (v2 ones converted as render does) checked
 * both ways. */
/* R69 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include "testlib.h"
#include "legacy_dtd.h"

#include "core/arena.h"
#include "core/err.h"
#include "draft/render_int.h"
#include "draft/rfcxml_rng.h"

#define CORPUS	"../shared/corpus/"

static xmlRelaxNGPtr schema;

static void
quiet(void *ctx, xmlErrorPtr err)
{
	(void)ctx;
	(void)err;
}

static void
silent(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

/* libxml2's verdict over the same grammar: what render.c asks when rng.c is not sure */
static int
libxml2_valid(xmlDocPtr doc)
{
	xmlRelaxNGValidCtxtPtr vc;
	int rc;

	if (schema == NULL) {
		xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewMemParserCtxt(rng_v3, (int)sizeof(rng_v3) - 1);

		xmlRelaxNGSetParserStructuredErrors(pc, quiet, NULL);
		schema = xmlRelaxNGParse(pc);
		xmlRelaxNGFreeParserCtxt(pc);
		assert_non_null(schema);
	}
	vc = xmlRelaxNGNewValidCtxt(schema);
	xmlRelaxNGSetValidStructuredErrors(vc, quiet, NULL);
	rc = xmlRelaxNGValidateDoc(vc, doc);
	xmlRelaxNGFreeValidCtxt(vc);
	return rc == 0;
}

static xmlDocPtr
parse(const char *xml)
{
	xmlDocPtr d = xmlReadMemory(xml, (int)strlen(xml), "t.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOENT |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING);

	if (d == NULL)
		fail_msg("does not parse: %s", xml);
	return d;
}

#define HEAD	"<rfc ipr=\"trust200902\" docName=\"draft-x-00\" category=\"info\" version=\"3\""
#define FRONT	"<front><title>T</title><author fullname=\"A B\"/><date year=\"2026\"/></front>"
#define SEC(x)	"<middle><section anchor=\"s1\"><name>One</name>" x "</section></middle>"

/* ours, libxml2's */
static void
expect(const char *xml, int ours, int theirs)
{
	xmlDocPtr d = parse(xml);
	int o = rng_v3_valid(d), t = libxml2_valid(d);

	if (o != ours || t != theirs)
		fail_msg("fast %d (want %d), libxml2 %d (want %d): %s", o, ours, t, theirs, xml);
	xmlFreeDoc(d);
}

static void
test_valid(void **state)
{
	(void)state;
	expect(HEAD ">" FRONT SEC("<t>Some <em>text</em> and <xref target=\"s1\"/>.</t>") "</rfc>", 1, 1);
	/* comments, PIs, CDATA and white space between elements are no content to RELAX NG */
	expect(HEAD "><!-- c --><?rfc toc=\"yes\"?>" FRONT "\n  " SEC("<t><![CDATA[a < b]]></t>"
	    "<sourcecode>x</sourcecode>") "</rfc>", 1, 1);
	/* xml:lang is the XML namespace's; ul's bare beside its empty; a stream value */
	expect(HEAD " xml:lang=\"en\">" FRONT SEC("<ul empty=\"true\" bare=\"true\"><li>x</li></ul>") "<back>"
	    "<references><name>R</name><reference anchor=\"r1\"><front><title>X</title><author/></front>"
	    "<seriesInfo name=\"RFC\" value=\"1\" stream=\"IETF\"/></reference></references></back></rfc>", 1, 1);
	/* any element at all in artwork's svg place */
	expect(HEAD ">" FRONT SEC("<figure><artwork type=\"svg\"><svg xmlns=\"http://www.w3.org/2000/svg\">"
	    "<g a=\"1\"><foo/>text</g></svg></artwork></figure>") "</rfc>", 1, 1);
}

static void
test_invalid(void **state)
{
	(void)state;
	/* an element the grammar does not have, or not there */
	expect(HEAD ">" FRONT SEC("<feedback/>") "</rfc>", 0, 0);
	expect(HEAD ">" FRONT SEC("<t>a</t><name>late</name>") "</rfc>", 0, 0);
	/* order, and a required child missing */
	expect(HEAD "><middle/>" FRONT "</rfc>", 0, 0);
	expect(HEAD "><front><author/></front><middle/></rfc>", 0, 0);
	/* text where only elements go */
	expect(HEAD ">" FRONT "<middle>hello</middle></rfc>", 0, 0);
	/* a required attribute missing, one the element does not have, one outside its values */
	expect(HEAD ">" FRONT SEC("<t><xref/></t>") "</rfc>", 0, 0);
	expect(HEAD ">" FRONT SEC("<t colour=\"red\">x</t>") "</rfc>", 0, 0);
	expect("<rfc ipr=\"trust200902\" category=\"informal\">" FRONT "<middle/></rfc>", 0, 0);
	/* bare only beside empty */
	expect(HEAD ">" FRONT SEC("<ul bare=\"true\"><li>x</li></ul>") "</rfc>", 0, 0);
	/* names in a namespace, elements or attributes */
	expect(HEAD ">" FRONT SEC("<x:t xmlns:x=\"urn:x\">a</x:t>") "</rfc>", 0, 0);
	expect(HEAD " xmlns:x=\"urn:x\" x:y=\"1\">" FRONT "<middle/></rfc>", 0, 0);
	/* an ID that is no name, and one used twice */
	expect(HEAD ">" FRONT SEC("<t anchor=\"1a\">x</t>") "</rfc>", 0, 0);
	expect(HEAD ">" FRONT SEC("<t anchor=\"s1\">x</t>") "</rfc>", 0, 0);
	/* a value outside stream's */
	expect(HEAD ">" FRONT "<middle/><back><references><reference anchor=\"r\"><front><title>X</title>"
	    "<author/></front><stream>ISO</stream></reference></references></back></rfc>", 0, 0);
	/* not the grammar's root */
	expect("<t>a</t>", 0, 0);
}

/* Where RELAX NG normalises or knows more than the fast walk does, the walk says "not sure" and
 * libxml2 decides: never the other way round. */
static void
test_not_sure(void **state)
{
	(void)state;
	/* a value with white space around it: a token to RELAX NG */
	expect("<rfc ipr=\"trust200902\" category=\" info \">" FRONT SEC("<t>x</t>") "</rfc>", 0, 1);
	/* a name past ASCII */
	expect(HEAD ">" FRONT SEC("<t anchor=\"\xc3\xa9t\xc3\xa9\">x</t>") "</rfc>", 0, 1);
}

struct tally {
	int	 files, both, neither, lib_only;
};

static void
check_dir(const char *dir, struct tally *t)
{
	struct dirent *de;
	char path[1024];
	DIR *d = opendir(dir);

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		struct arena a;
		struct err e = { 0 };
		xmlDocPtr doc;
		size_t n = strlen(de->d_name), len;
		char *xml;
		int ours, theirs;

		if (n < 5 || strcmp(de->d_name + n - 4, ".xml") != 0)
			continue;
		snprintf(path, sizeof(path), "%s%s", dir, de->d_name);
		if ((xml = test_slurp(path, &len, 0)) == NULL)
			continue;
		doc = xmlReadMemory(xml, (int)len, path, NULL, XML_PARSE_NONET | XML_PARSE_NOENT | XML_PARSE_DTDLOAD |
		    XML_PARSE_DTDATTR | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
		free(xml);
		if (doc == NULL || xmlDocGetRootElement(doc) == NULL)
			goto next;
		arena_init(&a, 0);
		if (!xmlHasProp(xmlDocGetRootElement(doc), BAD_CAST "version") && v2v3_convert(&a, doc, &e) == -1) {
			arena_release(&a);
			goto next;
		}
		ours = rng_v3_valid(doc);
		theirs = libxml2_valid(doc);
		arena_release(&a);
		if (ours && !theirs)
			fail_msg("%s: the fast check says valid, libxml2 says not", path);
		t->files++;
		t->both += ours && theirs;
		t->neither += !ours && !theirs;
		t->lib_only += !ours && theirs;
		if (!ours && theirs)
			print_message("  not sure, valid to libxml2: %s\n", path);
next:
		xmlFreeDoc(doc);
	}
	closedir(d);
}

static void
test_corpus(void **state)
{
	static const char *const dirs[] = { CORPUS "xml/", CORPUS "pairs/", CORPUS "mismatched/", CORPUS "rfc/",
	    CORPUS "synthetic/", CORPUS "xml2rfc-tests/input/", CORPUS "xml2rfc-tests/valid/" };
	struct tally t = { 0 };
	size_t i;

	(void)state;
	if (access(CORPUS "MANIFEST.md", R_OK) != 0)
		skip();
	xmlSetExternalEntityLoader(legacy_dtd_loader);
	xmlSetGenericErrorFunc(NULL, silent);	/* the corpus's DTD complaints are not this test's */
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		check_dir(dirs[i], &t);
	print_message("  %d corpus documents: %d valid to both, %d to neither, %d valid to libxml2 alone\n",
	    t.files, t.both, t.neither, t.lib_only);
	assert_true(t.files > 300);
	/* the fast check is what makes rendering fast: it must know real documents, not defer them */
	assert_true(t.both > 250);
	assert_true(t.lib_only * 50 <= t.both);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_not_sure),
		cmocka_unit_test(test_corpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
