/* test_prep.c: rfcxml_parse() and prep_document() (src/draft/rfcxml.c, prep.c) against xml2rfc's own
 * prepped files in ../shared/corpus/xml2rfc-tests/valid/ (R69: XML-only submissions need this renderer;
 * R70: the text must be xml2rfc's), includes only through fetch, hostile input, and xml2rfc's refusals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "testlib.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/dict.h>	/* after tree.h: 2.9's dict.h does not declare xmlChar */

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "draft/render_int.h"

#define CORPUS	"../shared/corpus/xml2rfc-tests/"

/* ---- a fetch like the CLI's: URLs by file name in a cache folder, paths as files; and a log ---- */

struct tfetch {
	const char	*refs;
	int		 calls;
	char		 last[512];
};

static int
tfetch(void *ctx, struct arena *a, const char *uri, char **data, size_t *len)
{
	struct tfetch *t = ctx;
	const char *path = uri;
	char *buf;

	t->calls++;
	snprintf(t->last, sizeof(t->last), "%s", uri);
	if (strstr(uri, "://") != NULL) {
		if (t->refs == NULL)
			return -1;
		path = arena_printf(a, "%s/%s", t->refs, strrchr(uri, '/') + 1);
	}
	if ((buf = test_slurp(path, len, 0)) == NULL)
		return -1;
	*data = arena_strndup(a, buf, *len);
	free(buf);
	return *data ? 0 : -1;
}

static xmlDocPtr
parse_str(struct arena *a, const char *xml, struct tfetch *tf, struct err *e)
{
	struct rfcxml_src s = { xml, strlen(xml), "t.xml", tfetch, tf };

	return rfcxml_parse(a, &s, e);
}

/* ---- comparison with xml2rfc's prepped file: elements, attributes, text (whitespace collapsed) ---- */

struct cmp {
	int		 elems, diffs;
	char		 first[600];
};

static const char *
collapse(const xmlChar *s, char *out, size_t n)
{
	size_t k = 0;
	int sp = 0;

	for (; s && *s && k + 2 < n; s++) {
		if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') {
			sp = 1;
			continue;
		}
		if (sp && k)
			out[k++] = ' ';
		sp = 0;
		out[k++] = (char)*s;
	}
	out[k] = '\0';
	return out;
}

/* attributes that depend on the run, not the document */
static int
ignored_attr(const xmlChar *name)
{
	return xmlStrEqual(name, (const xmlChar *)"prepTime") || xmlStrEqual(name, (const xmlChar *)"scripts");
}

static void
note(struct cmp *c, xmlNodePtr n, const char *what)
{
	xmlChar *path = xmlGetNodePath(n);

	c->diffs++;
	if (c->first[0] == '\0')
		snprintf(c->first, sizeof(c->first), "line %ld %s: %s", xmlGetLineNo(n), path ? (char *)path : "?", what);
	xmlFree(path);
}

static xmlNodePtr
next_content(xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE)
			return n;
		if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)) {
			char buf[8];
			if (*collapse(n->content, buf, sizeof(buf)))
				return n;
		}
	}
	return NULL;
}

static void
compare(struct cmp *c, xmlNodePtr got, xmlNodePtr want)
{
	xmlAttrPtr a;
	xmlNodePtr g, w;

	c->elems++;
	if (!xmlStrEqual(got->name, want->name)) {
		char m[200];
		snprintf(m, sizeof(m), "element <%s>, expected <%s>", got->name, want->name);
		note(c, got, m);
		return;
	}
	for (a = want->properties; a; a = a->next) {
		xmlChar *wv = xmlNodeGetContent((xmlNodePtr)a), *gv;
		if (ignored_attr(a->name)) {
			xmlFree(wv);
			continue;
		}
		gv = a->ns ? xmlGetNsProp(got, a->name, a->ns->href) : xmlGetNoNsProp(got, a->name);
		if (gv == NULL || !xmlStrEqual(gv, wv)) {
			char m[400];
			snprintf(m, sizeof(m), "@%s=\"%.120s\", expected \"%.120s\"", a->name, gv ? (char *)gv : "(none)",
			    (char *)wv);
			note(c, got, m);
		}
		xmlFree(gv);
		xmlFree(wv);
	}
	for (a = got->properties; a; a = a->next)
		if (!ignored_attr(a->name) && !(a->ns ? xmlHasNsProp(want, a->name, a->ns->href) :
		    xmlHasNsProp(want, a->name, NULL))) {
			char m[200];
			snprintf(m, sizeof(m), "extra @%s", a->name);
			note(c, got, m);
		}
	for (g = next_content(got->children), w = next_content(want->children); g || w;
	    g = next_content(g ? g->next : NULL), w = next_content(w ? w->next : NULL)) {
		if (g == NULL || w == NULL) {
			char m[200];
			snprintf(m, sizeof(m), "%s <%s>", g ? "extra" : "missing", g ? (char *)g->name : (char *)w->name);
			note(c, g ? g : got, m);
			return;
		}
		if (g->type != XML_ELEMENT_NODE || w->type != XML_ELEMENT_NODE) {
			char gb[300], wb[300], m[650];
			if (g->type != w->type) {
				note(c, g->type == XML_ELEMENT_NODE ? g : got, "text where an element is expected or back");
				return;
			}
			if (strcmp(collapse(g->content, gb, sizeof(gb)), collapse(w->content, wb, sizeof(wb))) != 0) {
				snprintf(m, sizeof(m), "text \"%.200s\", expected \"%.200s\"", gb, wb);
				note(c, got, m);
			}
			continue;
		}
		compare(c, g, w);
	}
}

struct oracle {
	const char	*name, *input, *refs;
	int		 y, m, d;
	int		 max_diffs;	/* the ratchet: differences left today */
};

/* R69, R70: the v3 inputs of xml2rfc's test suite, and xml2rfc's own v2v3 output for v2 ones. Dates from
 * ../shared/corpus/render-golden/CASES.tsv. */
static const struct oracle oracles[] = {
	{ "draft-v3-features", "input/draft-v3-features.xml", "refcache/draft-v3-features", 2017, 4, 15, 100000 },
	{ "elements", "input/elements.xml", "refcache/elements", 2018, 7, 12, 100000 },
	{ "indexes", "input/indexes.xml", "refcache/indexes", 2026, 3, 2, 100000 },
	{ "no-toc", "input/no-toc.xml", "refcache/no-toc", 2022, 5, 1, 100000 },
	{ "sourcecode", "input/sourcecode.xml", "refcache/sourcecode", 2026, 11, 22, 100000 },
	{ "draft-template", "valid/draft-template.v2v3.xml", "refcache/draft-template", 2009, 3, 1, 100000 },
	{ "rfc7911", "valid/rfc7911.v2v3.xml", "refcache/rfc7911", 2026, 11, 22, 100000 },
	{ "draft-miek-test", "valid/draft-miek-test.v2v3.xml", "refcache/draft-miek-test", 2013, 1, 1, 100000 },
	/* rfc6787.prepped.xml is not usable: it holds git merge conflict markers */
};

static void
test_oracles(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(oracles) / sizeof(oracles[0]); i++) {
		const struct oracle *o = &oracles[i];
		struct tfetch tf = { 0 };
		struct arena a;
		struct err e = { 0 };
		struct prep_opts po = { .year = o->y, .month = o->m, .day = o->d, .id_is_wip = 1 };
		struct rfcxml_src src;
		struct cmp c = { 0 };
		char *xml, *path = NULL;
		size_t len;
		xmlDocPtr doc, want;

		arena_init(&a, 0);
		path = arena_printf(&a, CORPUS "%s", o->input);
		tf.refs = arena_printf(&a, CORPUS "%s", o->refs);
		if ((xml = test_slurp(path, &len, 0)) == NULL) {
			print_message("prep oracle %s: corpus not found, skipped\n", o->name);
			arena_release(&a);
			continue;
		}
		src = (struct rfcxml_src){ xml, len, path, tfetch, &tf };
		doc = rfcxml_parse(&a, &src, &e);
		free(xml);
		if (doc == NULL)
			fail_msg("%s: parse: %s", o->name, e.msg);
		if (prep_document(&a, doc, &po, &e) == -1)
			fail_msg("%s: prep: %s", o->name, e.msg);
		want = xmlReadFile(arena_printf(&a, CORPUS "valid/%s.prepped.xml", o->name), NULL, XML_PARSE_NONET);
		assert_non_null(want);
		compare(&c, xmlDocGetRootElement(doc), xmlDocGetRootElement(want));
		print_message("prep oracle %-18s %5d elements, %4d differences%s%s\n", o->name, c.elems, c.diffs,
		    c.diffs ? "; first: " : "", c.first);
		assert_true(c.diffs <= o->max_diffs);
		xmlFreeDoc(want);
		arena_release(&a);
	}
}

/* R69: references come through fetch by their URL, the cache answering by file name */
static void
test_include_through_fetch(void **state)
{
	struct tfetch tf = { CORPUS "refcache/_all", 0, "" };
	struct arena a;
	struct err e = { 0 };
	xmlDocPtr doc;
	xmlChar *s;

	(void)state;
	arena_init(&a, 0);
	doc = parse_str(&a, "<!DOCTYPE rfc SYSTEM \"rfc2629.dtd\" [\n"
	    "<!ENTITY RFC2119 SYSTEM \"https://bib.ietf.org/public/rfc/bibxml/reference.RFC.2119.xml\">]>\n"
	    "<rfc xmlns:xi=\"http://www.w3.org/2001/XInclude\" number=\"9999\"><back><references>&RFC2119;"
	    "<xi:include href=\"https://bib.ietf.org/public/rfc/bibxml/reference.RFC.8174.xml\"/>"
	    "<?rfc include=\"reference.RFC.3552.xml\"?></references><t>&nbsp;&rfc.number;</t></back></rfc>", &tf, &e);
	if (doc == NULL)
		fail_msg("%s", e.msg);
	assert_int_equal(tf.calls, 4);	/* the entity, the xi:include, the PI next to t.xml, then the cache */
	s = xmlNodeGetContent(xmlDocGetRootElement(doc));
	assert_non_null(strstr((char *)s, "Key words for use in RFCs"));
	assert_non_null(strstr((char *)s, "Ambiguity of Uppercase"));
	assert_non_null(strstr((char *)s, "Security Considerations"));
	assert_non_null(strstr((char *)s, "\xc2\xa0" "9999"));
	xmlFree(s);
	arena_release(&a);
}

/* R68: a document that says encoding="US-ASCII" and holds only ASCII is read as UTF-8, without
 * libxml2's conversion (rfcxml.c ascii_as_utf8()); what it loads is still read in the encoding that
 * declares itself (a Latin-1 entity's e acute), and a byte past ASCII in it is still refused as
 * libxml2 refuses it. */
static void
test_ascii_declared(void **state)
{
	struct tfetch tf = { NULL, 0, "" };
	struct arena a;
	struct err e = { 0 };
	char path[] = "/tmp/idt-test-ent-XXXXXX";
	const char latin1[] = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><t>Caf\xe9</t>";
	xmlDocPtr doc;
	xmlChar *c;
	int fd;

	(void)state;
	arena_init(&a, 0);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, latin1, sizeof(latin1) - 1), (ssize_t)(sizeof(latin1) - 1));
	close(fd);
	doc = parse_str(&a, arena_printf(&a, "<?xml version='1.0' encoding='us-ascii'?>\n"
	    "<!DOCTYPE rfc SYSTEM \"rfc2629.dtd\" [\n<!ENTITY e SYSTEM \"%s\">]>\n"
	    "<rfc><middle><section><name>One</name>&e;<t>&amp; plain</t></section></middle></rfc>", path), &tf, &e);
	unlink(path);
	if (doc == NULL)
		fail_msg("%s", e.msg);
	c = xmlNodeGetContent(xmlDocGetRootElement(doc));
	assert_non_null(strstr((char *)c, "Caf\xc3\xa9"));
	assert_non_null(strstr((char *)c, "& plain"));
	xmlFree(c);

	memset(&e, 0, sizeof(e));
	doc = parse_str(&a, "<?xml version=\"1.0\" encoding=\"US-ASCII\"?>\n<rfc><middle><section><name>One</name>"
	    "<t>Caf\xc3\xa9</t></section></middle></rfc>", &tf, &e);
	assert_null(doc);
	assert_int_equal(e.status, 400);
	assert_non_null(strstr(e.msg, "Unable to parse the XML document"));
	arena_release(&a);
}

/* an include that fetch cannot provide is refused, naming it */
static void
test_missing_include(void **state)
{
	struct tfetch tf = { CORPUS "refcache/_all", 0, "" };
	struct arena a;
	struct err e = { 0 };

	(void)state;
	arena_init(&a, 0);
	assert_null(parse_str(&a, "<rfc xmlns:xi=\"http://www.w3.org/2001/XInclude\"><back>\n"
	    "<xi:include href=\"https://bib.ietf.org/public/rfc/bibxml/reference.RFC.4941.xml\"/></back></rfc>", &tf, &e));
	assert_int_equal(e.status, 400);
	assert_non_null(strstr(e.msg, "Unable to resolve external request: "
	    "\"https://bib.ietf.org/public/rfc/bibxml/reference.RFC.4941.xml\""));
	err_clear(&e);
	/* an entity that cannot be fetched is left out, as xml2rfc 3.32 does (draft-wilde-linkset-02), unless
	 * the document cites what it would have brought: then the entity's failure is the error */
	assert_non_null(parse_str(&a, "<!DOCTYPE rfc [<!ENTITY r SYSTEM \"http://example.com/reference.X.xml\">]>"
	    "<rfc><back><references>&r;</references></back></rfc>", &tf, &e));
	assert_int_equal(e.status, 0);
	assert_null(parse_str(&a, "<!DOCTYPE rfc [<!ENTITY r SYSTEM \"http://example.com/reference.X.xml\">]>"
	    "<rfc><middle><t><xref target=\"X\"/></t></middle><back><references>&r;</references></back></rfc>", &tf, &e));
	assert_int_equal(e.status, 400);
	assert_non_null(strstr(e.msg, "Unable to resolve external request: \"http://example.com/reference.X.xml\""));
	err_clear(&e);
	tf.refs = NULL;
	assert_null(parse_str(&a, "<rfc><?rfc include=\"reference.RFC.9999999.xml\"?></rfc>", &tf, &e));
	assert_non_null(strstr(e.msg, "\"reference.RFC.9999999.xml\""));
	arena_release(&a);
}

/* hostile input: entity expansion bounded, nothing read but through fetch (no file, no network) */
static void
test_hostile(void **state)
{
	struct tfetch tf = { NULL, 0, "" };
	struct arena a;
	struct err e = { 0 };
	xmlDocPtr doc;
	const char *lol = "<!DOCTYPE rfc [<!ENTITY a \"aaaaaaaaaa\">"
	    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
	    "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
	    "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">"
	    "<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\"><!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">"
	    "<!ENTITY j \"&i;&i;&i;&i;&i;&i;&i;&i;&i;&i;\">]><rfc><t>&j;&j;&j;&j;&j;&j;&j;&j;&j;&j;</t></rfc>";

	(void)state;
	arena_init(&a, 0);
	assert_null(parse_str(&a, lol, &tf, &e));	/* 10^11 bytes: libxml2's amplification limit refuses */
	assert_int_equal(e.status, 400);
	err_clear(&e);
	/* XXE: a file is asked of fetch, which says no; libxml2 never opens it */
	doc = parse_str(&a, "<!DOCTYPE rfc [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rfc>&x;</rfc>", &tf, &e);
	assert_string_equal(tf.last, "file:///etc/passwd");
	assert_non_null(doc);	/* left out, nothing read */
	{
		xmlChar *content = xmlNodeGetContent(xmlDocGetRootElement(doc));
		assert_true(content == NULL || strstr((const char *)content, "root:") == NULL);
		xmlFree(content);
	}
	err_clear(&e);
	tf.calls = 0;
	/* an unknown DTD part is asked of fetch; like xml2rfc, its absence is no error */
	assert_non_null(parse_str(&a, "<!DOCTYPE rfc [<!ENTITY % p SYSTEM \"http://127.0.0.1:1/x.ent\"> %p;]><rfc/>", &tf,
	    &e));
	assert_int_equal(tf.calls, 1);
	/* xi:include of a local file goes through fetch too */
	tf.calls = 0;
	doc = parse_str(&a, "<rfc xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"/etc/hostname\" "
	    "parse=\"text\"/></rfc>", &tf, &e);
	assert_int_equal(tf.calls, 1);
	assert_string_equal(tf.last, "/etc/hostname");
	(void)doc;
	err_clear(&e);
	/* not XML at all */
	assert_null(parse_str(&a, "<rfc><t></rfc>", &tf, &e));
	assert_int_equal(e.status, 400);
	assert_non_null(strstr(e.msg, "Unable to parse the XML document: t.xml: Line 1:"));
	arena_release(&a);
}

static int
prep_str(struct arena *a, const char *xml, int y, int m, int d, struct err *e, xmlDocPtr *out)
{
	struct tfetch tf = { NULL, 0, "" };
	struct prep_opts po = { .year = y, .month = m, .day = d, .id_is_wip = 1 };
	xmlDocPtr doc = parse_str(a, xml, &tf, e);

	*out = doc;
	return doc ? prep_document(a, doc, &po, e) : -1;
}

/* Each of needles[] in s, in that order. */
static int
in_order(const char *s, const char *const *needles)
{
	for (; *needles; needles++) {
		const char *f = strstr(s, *needles);
		if (f == NULL) {
			print_message("not found in order: %s\n", *needles);
			return 0;
		}
		s = f + strlen(*needles);
	}
	return 1;
}

/* R69: the index as xml2rfc 3.32's preptool builds it (indexes.prepped.xml's structure): one entry per
 * item and anchor, the letters (symbols first) linked from a first paragraph, items in casefold order,
 * subitems in plain order under an empty <dt>, primary links in <strong><em>, "Reference" links to a
 * referencegroup, v2v3's subitem="" as an empty subitem, and xref text derived after the insertion. */
static void
test_index(void **state)
{
	static const char *const want[] = {
		"toc=\"include\" pn=\"section-appendix.b\"><name slugifiedName=\"name-index\">Index</name>",
		"<t indent=\"0\" anchor=\"rfc.index.index\"",
		"target=\"rfc.index.u95\" derivedContent=\"\">_</xref>",
		"target=\"rfc.index.u65\" derivedContent=\"\">A</xref>",
		"target=\"rfc.index.u66\" derivedContent=\"\">B</xref>",
		"target=\"rfc.index.u71\" derivedContent=\"\">G</xref>",
		"target=\"rfc.index.u90\" derivedContent=\"\">Z</xref>\n</t><ul spacing=\"normal\" empty=\"true\"",
		"<t indent=\"0\" anchor=\"rfc.index.u95\" keepWithNext=\"true\"",
		"<ul spacing=\"compact\" empty=\"true\"", "<dl spacing=\"compact\" newline=\"false\" indent=\"3\"",
		">_sym</dt>", "derivedContent=\"Section 1, Paragraph 3\"",
		">Alpha</dt>", "<strong><em><xref format=\"default\" sectionFormat=\"of\" target=\"section-1-1\" "
		    "derivedContent=\"Section 1, Paragraph 1\"/></em></strong>",
		">alpha</dt>",
		">beta</dt>", "derivedContent=\"Section 1, Paragraph 1\"/>; \n<xref", "target=\"section-1-2\"",
		">Grammar</dt><dd pn=\"section-appendix.b-2.4.2.1.1.2\"/><dt pn=\"section-appendix.b-2.4.2.1.1.3\"/>",
		">A</dt>", "target=\"section-1-3\"", ">b</dt>", "target=\"section-1-2\"",
		">item with spaces</dt>",
		">ref</dt>", "target=\"g\" derivedContent=\"g\">Reference</xref>",
		">zed</dt><dd pn=\"section-appendix.b-2.7.2.1.1.2\"/><dt pn=\"section-appendix.b-2.7.2.1.1.3\"/>",
		"<dt pn=\"section-appendix.b-2.7.2.1.1.4.1.1\"/>", "derivedContent=\"Appendix A, Paragraph 1\"",
		"Author's Address", NULL,
	};
	struct arena a;
	struct err e = { 0 };
	xmlDocPtr doc;
	xmlBufferPtr b = xmlBufferCreate();
	const char *s;

	(void)state;
	arena_init(&a, 0);
	assert_int_equal(prep_str(&a, "<rfc ipr=\"trust200902\" category=\"info\" docName=\"draft-x-00\"><front><title>T"
	    "</title><author initials=\"A.\" surname=\"B\"/><date year=\"2026\" month=\"11\" day=\"22\"/></front><middle>"
	    "<section anchor=\"s1\"><name>One</name><t>a<iref item=\"beta\"/><iref item=\"Alpha\" primary=\"true\"/>"
	    "<iref item=\"alpha\"/></t><t><iref item=\"beta\"/><iref item=\"Grammar\" subitem=\"b\"/>"
	    "<iref item=\"Grammar\" subitem=\"a\"/></t><t><iref item=\"Grammar\" subitem=\"A\"/><iref item=\"_sym\"/>"
	    "<iref item=\"item  with\n spaces\"/></t></section></middle><back><references><name>R</name>"
	    "<referencegroup anchor=\"g\" target=\"https://example.com/g\"><reference anchor=\"r1\"><front><title>X"
	    "</title></front><annotation>n<iref item=\"ref\"/></annotation></reference></referencegroup></references>"
	    "<section anchor=\"app\"><name>Extra</name><t>u<iref item=\"zed\" subitem=\"\"/></t></section></back></rfc>",
	    2026, 11, 22, &e, &doc), 0);
	xmlNodeDump(b, doc, xmlDocGetRootElement(doc), 0, 0);
	s = (const char *)xmlBufferContent(b);
	assert_true(in_order(s, want));
	/* the second Grammar entry of paragraph 2 (same item, same anchor) is dropped, as xml2rfc does */
	assert_null(strstr(s, ">a</dt>"));
	/* the ToC lists it, unnumbered */
	assert_non_null(strstr(s, "format=\"title\" sectionFormat=\"of\" target=\"name-index\" derivedContent=\"\">Index"));
	xmlBufferFree(b);
	arena_release(&a);
}

static xmlNodePtr
index_section(xmlNodePtr n)
{
	for (; n; n = n->next) {
		xmlNodePtr c, r;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrEqual(n->name, (const xmlChar *)"section"))
			for (c = n->children; c; c = c->next)
				if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, (const xmlChar *)"name")) {
					xmlChar *t = xmlNodeGetContent(c);
					int hit = xmlStrEqual(t, (const xmlChar *)"Index");
					xmlFree(t);
					if (hit)
						return n;
					break;
				}
		if ((r = index_section(n->children)) != NULL)
			return r;
	}
	return NULL;
}

/* R69: xml2rfc-tests' indexes.xml gets exactly the Index section of xml2rfc's indexes.prepped.xml
 * (elements, attributes, pn numbers, derived xref text) */
static void
test_index_oracle(void **state)
{
	struct tfetch tf = { CORPUS "refcache/indexes", 0, "" };
	struct prep_opts po = { .year = 2026, .month = 3, .day = 2, .id_is_wip = 1 };
	struct arena a;
	struct err e = { 0 };
	struct cmp c = { 0 };
	struct rfcxml_src src;
	xmlDocPtr doc, want;
	xmlNodePtr gi, wi;
	char *xml;
	size_t len;

	(void)state;
	if ((xml = test_slurp(CORPUS "input/indexes.xml", &len, 0)) == NULL) {
		print_message("index oracle: corpus not found, skipped\n");
		return;
	}
	arena_init(&a, 0);
	src = (struct rfcxml_src){ xml, len, CORPUS "input/indexes.xml", tfetch, &tf };
	doc = rfcxml_parse(&a, &src, &e);
	free(xml);
	assert_non_null(doc);
	/* it has no version="3": xml2rfc (and render_text()) run v2v3 first, which moves its <figure> out of <td> */
	assert_int_equal(v2v3_convert(&a, doc, &e), 0);
	assert_int_equal(prep_document(&a, doc, &po, &e), 0);
	want = xmlReadFile(CORPUS "valid/indexes.prepped.xml", NULL, XML_PARSE_NONET);
	assert_non_null(want);
	gi = index_section(xmlDocGetRootElement(doc));
	wi = index_section(xmlDocGetRootElement(want));
	assert_non_null(gi);
	assert_non_null(wi);
	compare(&c, gi, wi);
	if (c.diffs)
		print_message("index oracle: %d differences; first: %s\n", c.diffs, c.first);
	assert_true(c.elems > 100);
	assert_int_equal(c.diffs, 0);
	xmlFreeDoc(want);
	arena_release(&a);
}

/* xml2rfc 3 refuses the retired ipr values and a missing one, with its sentence (render-golden/FAILED.tsv) */
static void
test_retired_ipr(void **state)
{
	static const char *const retired[] = { "full3978", "full2026", "full3667", "trust200811" };
	struct arena a;
	struct err e = { 0 };
	xmlDocPtr doc;
	size_t i;

	(void)state;
	arena_init(&a, 0);
	for (i = 0; i < 4; i++) {
		char xml[300];
		snprintf(xml, sizeof(xml), "<rfc ipr=\"%s\" category=\"info\" docName=\"draft-x-00\">\n<front><title>T</title>"
		    "<date year=\"2026\" month=\"11\" day=\"22\"/></front><middle/></rfc>", retired[i]);
		err_clear(&e);
		assert_int_equal(prep_str(&a, xml, 2026, 11, 22, &e, &doc), -1);
		assert_int_equal(e.status, 400);
		assert_non_null(strstr(e.msg, "(1): Error: Unknown ipr attribute: "));
		assert_non_null(strstr(e.msg, retired[i]));
	}
	err_clear(&e);
	assert_int_equal(prep_str(&a, "<rfc category=\"info\"><front><title>T</title></front><middle/></rfc>", 2026, 11,
	    22, &e, &doc), -1);
	assert_string_equal(e.msg, "t.xml(1): Error: Missing ipr attribute on <rfc> element.");
	err_clear(&e);
	assert_int_equal(prep_str(&a, "<rfc ipr=\"trust200902\"><front><title>T</title></front><middle/></rfc>", 2026,
	    11, 22, &e, &doc), -1);
	assert_string_equal(e.msg, "t.xml(1): Error: Expected a valid category for submissionType='IETF', one of "
	    "std,bcp,exp,historic,info, but found 'None'");
	/* found by fuzz_prep: a refusal after the boilerplate was begun leaked the unattached section */
	err_clear(&e);
	assert_int_equal(prep_str(&a, "<rfc number=\"9999\" ipr=\"trust200902\" category=\"info\" "
	    "submissionType=\"IRTFM\"><front><title>T</title></front><middle/></rfc>", 2026, 11, 22, &e, &doc), -1);
	assert_int_equal(e.status, 400);
	arena_release(&a);
}

/* found by fuzz_render: the <rfc number> scan read past an input that ends inside the start tag */
static void
test_truncated_start_tag(void **state)
{
	static const char cut[] = { '<', 'r', 'f', 'c', ' ', 'n' };
	struct arena a;
	struct err e = { 0 };
	char *exact;
	struct rfcxml_src s;

	(void)state;
	arena_init(&a, 0);
	exact = malloc(sizeof(cut));	/* exactly the bytes, no NUL after them: ASan sees any overread */
	assert_non_null(exact);
	memcpy(exact, cut, sizeof(cut));
	memset(&s, 0, sizeof(s));
	s.xml = exact;
	s.len = sizeof(cut);
	s.path = "t.xml";
	assert_null(rfcxml_parse(&a, &s, &e));
	assert_int_equal(e.status, 400);
	free(exact);
	arena_release(&a);
}

static const char *
bp_text(struct arena *a, xmlDocPtr doc)
{
	xmlNodePtr n = xmlDocGetRootElement(doc)->children;
	xmlChar *s;
	char *r, buf[8192];

	while (n && !xmlStrEqual(n->name, (const xmlChar *)"front"))
		n = n->next;
	for (n = n ? n->children : NULL; n && !xmlStrEqual(n->name, (const xmlChar *)"boilerplate"); n = n->next)
		;
	if (n == NULL)
		return "";
	s = xmlNodeGetContent(n);
	r = arena_strdup(a, collapse(s, buf, sizeof(buf)));
	xmlFree(s);
	return r;
}

/* the boilerplate by date: http before 2017-08-21, TLP 2.0/3.0/5.0, the expiry by --legacy-date-format */
static void
test_boilerplate_variants(void **state)
{
	struct arena a;
	struct err e = { 0 };
	xmlDocPtr doc;
	const char *t;

	(void)state;
	arena_init(&a, 0);
	assert_int_equal(prep_str(&a, "<rfc ipr=\"trust200902\" category=\"std\"><front><title>T</title>"
	    "<date year=\"2026\" month=\"3\" day=\"2\"/></front><middle/></rfc>", 2026, 3, 2, &e, &doc), 0);
	t = bp_text(&a, doc);
	assert_non_null(strstr(t, "This Internet-Draft will expire on 3 September 2026."));
	assert_non_null(strstr(t, "Copyright (c) 2026 IETF Trust"));
	assert_non_null(strstr(t, "Code Components extracted"));	/* IETF stream */
	assert_int_equal(prep_str(&a, "<rfc ipr=\"trust200902\" category=\"info\" submissionType=\"independent\">"
	    "<front><title>T</title><date year=\"2009\" month=\"10\" day=\"1\"/></front><middle/></rfc>", 2009, 10, 1, &e,
	    &doc), 0);
	t = bp_text(&a, doc);
	assert_non_null(strstr(t, "(http://trustee.ietf.org/license-info) in effect"));	/* TLP 3.0 */
	assert_int_equal(prep_str(&a, "<rfc ipr=\"noDerivativesTrust200902\" category=\"info\" number=\"9999\" "
	    "consensus=\"yes\"><front><title>T</title><date year=\"2016\" month=\"5\"/></front><middle/></rfc>", 2026, 11,
	    22, &e, &doc), 0);
	t = bp_text(&a, doc);
	assert_non_null(strstr(t, "It represents the consensus of the IETF community."));
	assert_non_null(strstr(t, "published except as an Internet-Draft."));
	assert_int_equal(prep_str(&a, "<rfc ipr=\"trust200902\" category=\"info\"><front><title>T</title>"
	    "<date year=\"2009\" month=\"1\"/></front><middle/></rfc>", 2009, 1, 1, &e, &doc), -1);
	assert_non_null(strstr(e.msg, "Cannot insert copyright statements earlier than TLP2.0"));
	arena_release(&a);
}

/* prep.c's and v2v3.c's collections skip a name the document's dictionary lacks: that holds only while
 * every element's name comes from the dictionary, including the elements prep makes */
static void
assert_names_in_dict(xmlDocPtr doc, xmlNodePtr n)
{
	for (n = n->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE) {
			if (doc->dict == NULL || !xmlDictOwns(doc->dict, n->name))
				fail_msg("<%s> has a name from outside the document's dictionary", (const char *)n->name);
			assert_names_in_dict(doc, n);
		}
}

/* numbering, xrefs, references and the toc on a small document */
static void
test_numbering(void **state)
{
	struct arena a;
	struct err e = { 0 };
	xmlDocPtr doc;
	xmlChar *s;
	xmlBufferPtr b = xmlBufferCreate();

	(void)state;
	arena_init(&a, 0);
	assert_int_equal(prep_str(&a, "<rfc ipr=\"trust200902\" category=\"info\" symRefs=\"false\"><front><title>T</title>"
	    "<author initials=\"A.\" surname=\"B\"/><date year=\"2026\" month=\"11\" day=\"22\"/></front><middle>"
	    "<section anchor=\"a\"><name>Intro</name><t>See <xref target=\"b\"/>, <xref target=\"z\"/>, "
	    "<xref target=\"y\"/>.</t><ol><li>x</li><li>y</li></ol>"
	    "<section anchor=\"b\"><name>Sub</name><t>t</t></section></section></middle><back><references><name>R</name>"
	    "<reference anchor=\"z\"><front><title>Z</title></front></reference>"
	    "<reference anchor=\"y\"><front><title>Y</title></front></reference></references>"
	    "<section anchor=\"app\"><name>Extra</name><t>u</t></section></back></rfc>", 2026, 11, 22, &e, &doc), 0);
	assert_names_in_dict(doc, (xmlNodePtr)doc);
	xmlNodeDump(b, doc, xmlDocGetRootElement(doc), 0, 0);
	s = (xmlChar *)xmlBufferContent(b);
	assert_non_null(strstr((char *)s, "<section anchor=\"a\" numbered=\"true\" removeInRFC=\"false\" toc=\"include\" "
	    "pn=\"section-1\">"));
	assert_non_null(strstr((char *)s, "target=\"b\" format=\"default\" sectionFormat=\"of\" derivedContent=\"Section 1.1\""));
	assert_non_null(strstr((char *)s, "target=\"z\" format=\"default\" sectionFormat=\"of\" derivedContent=\"1\""));
	assert_non_null(strstr((char *)s, "derivedCounter=\"2.\""));
	assert_non_null(strstr((char *)s, "pn=\"section-appendix.a\""));
	assert_non_null(strstr((char *)s, "slugifiedName=\"name-intro\""));
	assert_non_null(strstr((char *)s, "Author's Address"));
	assert_non_null(strstr((char *)s, "derivedContent=\"Appendix A\""));	/* the toc entry */
	xmlBufferFree(b);
	arena_release(&a);
}

/* The entity sets of rfc2629.dtd are declared on first use from a table read once (rfcxml.c): every
 * entity of xml2rfc's legacy rfc2629-xhtml.ent and rfc2629-other.ent expands to what libxml2 makes of
 * the original files, and a name they do not declare is still refused. */
/* R68: the DTD's compact body: <!ELEMENT> dropped, parameter entities written out with a space each
 * side, quoted values copied as they are. At every buffer size too small for the result (each kind of
 * write reaches the end at some size) it gives the body back and writes nothing past the buffer; a
 * body not in the expected shape is given back too. */
static void
test_dtd_compact(void **state)
{
	static const char body[] =
	    "<!ENTITY % A \"x | y\">\n"
	    "<!ELEMENT rfc (front)>\n"
	    "<!ATTLIST rfc k (%A;) \"x\" s CDATA '%A;'>\n";
	static const char want[] = "<!ATTLIST rfc k ( x | y ) \"x\" s CDATA '%A;'>\n";
	static const char unknown[] = "<!ENTITY % A \"x\">\n<!ATTLIST rfc k (%B;) \"x\">\n";
	static const char unclosed[] = "<!ATTLIST rfc k CDATA \"x>\n";
	char *out;
	size_t sz;

	(void)state;
	for (sz = 1; sz <= sizeof(want); sz++) {
		assert_non_null(out = malloc(sz + 1));
		memset(out, 'G', sz + 1);
		if (sz < sizeof(want)) {
			assert_ptr_equal(rfcxml_dtd_compact(body, out, sz), body);
		} else {
			assert_ptr_equal(rfcxml_dtd_compact(body, out, sz), out);
			assert_string_equal(out, want);
		}
		assert_int_equal(out[sz], 'G');
		free(out);
	}
	assert_non_null(out = malloc(256));
	assert_ptr_equal(rfcxml_dtd_compact(unknown, out, 256), unknown);
	assert_ptr_equal(rfcxml_dtd_compact(unclosed, out, 256), unclosed);
	free(out);
}

static void
test_dtd_entity_sets(void **state)
{
	static const char *const sets[] = { "rfc2629-xhtml.ent", "rfc2629-other.ent" };
	struct arena a;
	struct err e = { 0 };
	struct buf body, subset;
	xmlDocPtr ours, theirs;
	char *txt, path[512];
	size_t len, i, names = 0;
	const char *p;

	(void)state;
	arena_init(&a, 0);
	buf_init(&body, &a, 0);
	buf_init(&subset, &a, 0);
	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "../shared/corpus/schema/rfcxml-templates-and-schemas/legacy/%s", sets[i]);
		if ((txt = test_slurp(path, &len, 0)) == NULL)
			skip();
		buf_puts(&subset, txt);
		for (p = txt; (p = strstr(p, "<!ENTITY ")) != NULL; p += 9) {
			size_t n = strcspn(p + 9, " \t\n");
			if (p[9] == '%')	/* the usage note's <!ENTITY % rfc2629-xhtml ...> */
				continue;
			buf_printf(&body, "[&%.*s;]", (int)n, p + 9);
			names++;
		}
		free(txt);
	}
	assert_true(names > 150);
	ours = parse_str(&a, arena_printf(&a, "<!DOCTYPE rfc SYSTEM \"rfc2629.dtd\"><rfc><front><title>%s</title>"
	    "</front></rfc>", buf_cstr(&body)), NULL, &e);
	if (ours == NULL)
		print_message("%s\n", e.msg);
	assert_non_null(ours);
	theirs = xmlReadMemory(arena_printf(&a, "<!DOCTYPE rfc [%s]><rfc><front><title>%s</title></front></rfc>",
	    buf_cstr(&subset), buf_cstr(&body)), (int)(subset.len + body.len + 80), "t.xml", NULL,
	    XML_PARSE_NONET | XML_PARSE_NOENT | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	assert_non_null(theirs);
	{
		xmlChar *x = xmlNodeGetContent(xmlDocGetRootElement(ours)), *y = xmlNodeGetContent(xmlDocGetRootElement(theirs));
		assert_non_null(x);
		assert_string_equal((char *)x, (char *)y);
		assert_non_null(strstr((char *)x, "[\xC2\xA0]"));	/* &nbsp; */
		xmlFree(x);
		xmlFree(y);
	}
	xmlFreeDoc(theirs);
	assert_null(parse_str(&a, "<!DOCTYPE rfc SYSTEM \"rfc2629.dtd\"><rfc><front><title>&nbspx;</title></front></rfc>",
	    NULL, &e));
	assert_non_null(strstr(e.msg, "nbspx"));
	arena_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dtd_entity_sets),
		cmocka_unit_test(test_dtd_compact),
		cmocka_unit_test(test_include_through_fetch),
		cmocka_unit_test(test_ascii_declared),
		cmocka_unit_test(test_missing_include),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_retired_ipr),
		cmocka_unit_test(test_truncated_start_tag),
		cmocka_unit_test(test_boilerplate_variants),
		cmocka_unit_test(test_numbering),
		cmocka_unit_test(test_index),
		cmocka_unit_test(test_index_oracle),
		cmocka_unit_test(test_oracles),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
