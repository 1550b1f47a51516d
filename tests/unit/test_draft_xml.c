/* test_draft_xml.c: the XML draft reader (src/draft/xml.c): v2 and v3 fields, includes from a
 * local reference folder and nowhere else, and hostile input (billion laughs, XXE, deep nesting,
 * truncation, NUL, invalid UTF-8, size limits) that must end in nits, never a crash. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <pthread.h>
#include <unistd.h>

#include <cmocka.h>

#include "testlib.h"
#include <libxml/xmlerror.h>

#include "core/arena.h"
#include "draft/draft.h"
#include "draft/nits.h"

#define XML_DIR		"tests/data/xml/"
#define REFS_DIR	"tests/data/refs"
#define CORPUS		"../shared/corpus/"
#define INPUT_MAX	(32u << 20)	/* XML_INPUT_MAX in xml.c */
#define CANARY		"XXE-CANARY-5d41402abc4b2a76"	/* the content of xml/xxe-secret.txt */

static char *
slurp(const char *path, size_t *len)
{
	return test_slurp(path, len, 0);
}

static int
parse_file(struct arena *a, const char *path, const char *refs, struct draft *d)
{
	struct draft_xml_opts o = { refs, NULL, 0 };
	size_t len;
	char *buf = slurp(path, &len);
	int rc;

	assert_non_null(buf);
	/* The draft points into its input (d->lines): keep the bytes as long as the arena. */
	rc = draft_parse_xml(a, buf, len, &o, d);
	arena_defer(a, free, buf);
	return rc;
}

static int
parse_str(struct arena *a, const char *s, const char *refs, struct draft *d)
{
	struct draft_xml_opts o = { refs, NULL, 0 };

	return draft_parse_xml(a, s, strlen(s), &o, d);
}

static int
nits_of(const struct draft *d, enum nit_id id)
{
	size_t i;
	int n = 0;

	for (i = 0; i < d->nnits; i++)
		n += d->nits[i].id == id;
	return n;
}

static const struct draft_nit *
nit_of(const struct draft *d, enum nit_id id)
{
	size_t i;

	for (i = 0; i < d->nnits; i++)
		if (d->nits[i].id == id)
			return &d->nits[i];
	return NULL;
}

static int
has(const char *s, const char *needle)
{
	return s != NULL && strstr(s, needle) != NULL;
}

/* 1 when needle appears in any string the reader produced. */
static int
draft_mentions(const struct draft *d, const char *needle)
{
	const char *one[] = { d->name, d->rev, d->group, d->title, d->abbrev, d->abstract, d->status, d->category,
	    d->workgroup, d->ipr, d->submission_type };
	size_t i;

	for (i = 0; i < sizeof(one) / sizeof(one[0]); i++)
		if (has(one[i], needle))
			return 1;
	for (i = 0; i < d->nauthors; i++)
		if (has(d->authors[i].name, needle) || has(d->authors[i].initials, needle) ||
		    has(d->authors[i].surname, needle) || has(d->authors[i].org, needle) ||
		    has(d->authors[i].email, needle))
			return 1;
	for (i = 0; i < d->nsections; i++)
		if (has(d->sections[i].number, needle) || has(d->sections[i].title, needle))
			return 1;
	for (i = 0; i < d->nrefs; i++)
		if (has(d->refs[i].tag, needle) || has(d->refs[i].target, needle))
			return 1;
	for (i = 0; i < d->nnits; i++)
		if (has(d->nits[i].detail, needle))
			return 1;
	return 0;
}

struct want_section {
	const char	*number, *title;
	int		 level;
};

static void
check_sections(const struct draft *d, const struct want_section *w, size_t n)
{
	size_t i;

	assert_int_equal(d->nsections, n);
	for (i = 0; i < n; i++) {
		assert_string_equal(d->sections[i].number, w[i].number);
		assert_string_equal(d->sections[i].title, w[i].title);
		assert_int_equal(d->sections[i].level, w[i].level);
		assert_true(d->sections[i].line > 0);
	}
}

struct want_ref {
	const char	*tag, *target;
	enum ref_kind	 kind;
};

static void
check_refs(const struct draft *d, const struct want_ref *w, size_t n)
{
	size_t i;

	assert_int_equal(d->nrefs, n);
	for (i = 0; i < n; i++) {
		assert_string_equal(d->refs[i].tag, w[i].tag);
		if (w[i].target == NULL)
			assert_null(d->refs[i].target);
		else
			assert_string_equal(d->refs[i].target, w[i].target);
		assert_int_equal(d->refs[i].kind, w[i].kind);
		assert_true(d->refs[i].line > 0);
	}
}

/* R14, R16: a v2 draft gives every field, in the forms the text twin shows. */
static void
test_r16_v2_fields(void **state)
{
	static const struct want_section secs[] = {
		{ "", "Abstract", 1 },		{ "", "Note to Readers", 1 },
		{ "1", "Introduction", 1 },	{ "1.1", "Requirements Language", 2 },
		{ "2", "Protocol", 1 },		{ "2.1", "Encoding", 2 },
		{ "2.2", "Errors", 2 },		{ "3", "IANA Considerations", 1 },
		{ "4", "Security Considerations", 1 },
		/* xml2rfc gathers a v2 draft's two <references> under one "References" */
		{ "5", "References", 1 },	{ "5.1", "Normative References", 2 },
		{ "5.2", "Informative References", 2 },
		{ "A", "Examples", 1 },		{ "A.1", "Small", 2 },
		{ "B", "Changes", 1 },
	};
	static const struct want_ref refs[] = {
		{ "RFC2119", "rfc2119", REF_NORMATIVE },	/* external entity */
		{ "RFC3986", "rfc3986", REF_NORMATIVE },	/* <?rfc include?> */
		{ "I-D.ietf-abc-gadgets", "draft-ietf-abc-gadgets", REF_INFORMATIVE },
		{ "WIDGETS", NULL, REF_INFORMATIVE },
	};
	struct arena a;
	struct draft d;

	(void)state;
	arena_init(&a, 0);
	assert_int_equal(parse_file(&a, XML_DIR "draft-ietf-abc-widgets-03.xml", REFS_DIR, &d), 0);
	assert_int_equal(d.format, DRAFT_XML);
	assert_int_equal(d.xml_version, 2);
	assert_string_equal(d.name, "draft-ietf-abc-widgets");
	assert_string_equal(d.rev, "03");
	assert_string_equal(d.group, "abc");
	assert_true(d.flags & DF_WG_DRAFT);
	/* one line, single spaces, &nbsp; a space, &nbhy; a hyphen */
	assert_string_equal(d.title, "The Widget Protocol (WP-2)");
	assert_string_equal(d.abbrev, "Widgets");
	assert_string_equal(d.ipr, "trust200902");
	assert_string_equal(d.category, "std");
	assert_string_equal(d.status, "Standards Track");
	assert_string_equal(d.submission_type, "IETF");
	assert_string_equal(d.workgroup, "ABC Working Group");
	assert_int_equal(d.nupdates, 2);
	assert_int_equal(d.updates[0], 2616);
	assert_int_equal(d.updates[1], 7230);
	assert_int_equal(d.nobsoletes, 1);
	assert_int_equal(d.obsoletes[0], 1234);
	assert_int_equal(d.nauthors, 2);
	assert_string_equal(d.authors[0].name, "Alice Author");
	assert_string_equal(d.authors[0].initials, "A.");
	assert_string_equal(d.authors[0].surname, "Author");
	assert_string_equal(d.authors[0].org, "Example Corp");
	assert_string_equal(d.authors[0].email, "alice@example.com");
	/* no fullname: "initials surname", as xml2rfc writes it */
	assert_string_equal(d.authors[1].name, "B. C. Builder");
	assert_null(d.authors[1].org);
	assert_string_equal(d.authors[1].email, "bob@example.org");
	assert_int_equal(d.date.year, 2019);
	assert_int_equal(d.date.month, 11);
	assert_int_equal(d.date.day, 4);
	assert_string_equal(d.abstract, "This document defines the Widget Protocol.\n\n"
	    "It updates RFC 2616 and RFC 7230.\n\nfirst point\n\nsecond point");
	check_sections(&d, secs, sizeof(secs) / sizeof(secs[0]));
	check_refs(&d, refs, sizeof(refs) / sizeof(refs[0]));
	assert_int_equal(d.flags & (DF_INTRODUCTION | DF_SECURITY_SECTION | DF_IANA_SECTION | DF_REFERENCES_SECTION |
	    DF_BCP14_KEYWORDS | DF_RFC2119_BOILERPLATE | DF_TOC),
	    DF_INTRODUCTION | DF_SECURITY_SECTION | DF_IANA_SECTION | DF_REFERENCES_SECTION | DF_BCP14_KEYWORDS |
	    DF_RFC2119_BOILERPLATE | DF_TOC);
	assert_false(d.flags & (DF_RFC8174_BOILERPLATE | DF_NON_ASCII | DF_INVALID_UTF8 | DF_NUL));
	assert_int_equal(d.nlines, 84);
	assert_int_equal(d.lines[0].len, strlen("<?xml version=\"1.0\" encoding=\"US-ASCII\"?>"));
	assert_int_equal(d.lines[0].page, 0);
	assert_true(d.words > 100);
	assert_int_equal(d.nnits, 0);
	arena_release(&a);
}

/* R14, R16, R87: v3 spellings: seriesInfo for the name, <name>, numbered="false", nested references,
 * <bcp14>, the RFC 8174 paragraph, lists in the abstract, a month as a number; xi:include, no PI. */
static void
test_r16_v3_fields(void **state)
{
	static const struct want_section secs[] = {
		{ "", "Abstract", 1 },		{ "1", "Introduction", 1 },
		{ "2", "Format details", 1 },	{ "2.1", "Header", 2 },
		{ "", "Implementation Status", 1 },
		/* after an unnumbered middle section xml2rfc numbers no more, references included */
		{ "", "References", 1 },	{ "", "Normative References", 2 },
		{ "", "Informative References", 2 },
		{ "A", "Test Vectors", 1 },	{ "", "Acknowledgements", 1 },
	};
	static const struct want_ref refs[] = {
		{ "RFC2119", "rfc2119", REF_NORMATIVE },	/* xi:include */
		{ "RFC8174", "rfc8174", REF_NORMATIVE },
		{ "I-D.ietf-quic-transport", "draft-ietf-quic-transport", REF_INFORMATIVE },	/* refs/bibxml3/ */
		{ "GIZMO", NULL, REF_INFORMATIVE },
	};
	struct arena a;
	struct draft d;

	(void)state;
	arena_init(&a, 0);
	assert_int_equal(parse_file(&a, XML_DIR "draft-doe-gizmo-v3-00.xml", REFS_DIR, &d), 0);
	assert_int_equal(d.xml_version, 3);
	assert_string_equal(d.name, "draft-doe-gizmo-v3");
	assert_string_equal(d.rev, "00");
	assert_null(d.group);
	assert_false(d.flags & DF_WG_DRAFT);
	assert_string_equal(d.title, "The Gizmo Format");
	assert_string_equal(d.category, "exp");
	assert_string_equal(d.status, "Experimental");
	assert_int_equal(d.nauthors, 2);
	assert_string_equal(d.authors[0].email, "jane@gizmo.example");	/* the first of two */
	assert_string_equal(d.authors[1].name, "Zo\xc3\xab \xc3\x9cnicode");
	assert_null(d.authors[1].surname);
	assert_string_equal(d.authors[1].org, "Ex\xc3\xa4mple");
	assert_null(d.authors[1].email);
	assert_int_equal(d.date.year, 2023);
	assert_int_equal(d.date.month, 3);
	assert_int_equal(d.date.day, 0);
	assert_string_equal(d.abstract, "Gizmos are very useful.\n\none\n\ntwo-three");
	check_sections(&d, secs, sizeof(secs) / sizeof(secs[0]));
	check_refs(&d, refs, sizeof(refs) / sizeof(refs[0]));
	assert_true(d.flags & DF_BCP14_KEYWORDS);
	assert_true(d.flags & DF_RFC8174_BOILERPLATE);
	assert_false(d.flags & DF_RFC2119_BOILERPLATE);
	assert_false(d.flags & (DF_IANA_SECTION | DF_SECURITY_SECTION));
	assert_true(d.flags & DF_NON_ASCII);
	assert_true(d.flags & DF_TOC);
	assert_int_equal(d.nnits, 0);
	arena_release(&a);
}

/* R16: attribute spellings, one row each. */
static void
test_r16_attribute_forms(void **state)
{
	static const struct {
		const char	*doc;
		const char	*name, *rev, *category;
		int		 year, month, day, version, toc;
	} rows[] = {
		{ "<rfc docName=\"draft-ietf-quic-transport-34\" category=\"std\"><front><date year=\"2021\" "
		  "month=\"January\" day=\"15\"/></front></rfc>", "draft-ietf-quic-transport", "34", "std", 2021, 1, 15, 2, 1 },
		{ "<?rfc toc=\"no\"?><rfc docName=\" draft-doe-x-00 \" category=\"BCP\"><front><date year=\"2000\" "
		  "month=\"Sept\"/></front></rfc>", "draft-doe-x", "00", "bcp", 2000, 9, 0, 2, 0 },
		{ "<rfc docName=\"draft-doe-x\" category=\"historic\"><front><date month=\"12\" day=\"x\"/></front></rfc>",
		  "draft-doe-x", NULL, "historic", 0, 12, 0, 2, 1 },
		/* not a valid name: kept as written for the checker to say so */
		{ "<rfc docName=\"Draft_Doe-07\" category=\"whatever\"><front><date year=\"99\"/></front></rfc>",
		  "Draft_Doe", "07", NULL, 0, 0, 0, 2, 1 },
		{ "<rfc version=\"3\" tocInclude=\"false\"><front><seriesInfo name=\"Internet-Draft\" "
		  "value=\"draft-irtf-cfrg-x-02\"/><date year=\"2024\" month=\"feb\" day=\"29\"/></front></rfc>",
		  "draft-irtf-cfrg-x", "02", NULL, 2024, 2, 29, 3, 0 },
		{ "<rfc version=\"2\" docName=\"draft-a-b-01\"><front><date year=\"2024\" month=\"Ma\"/></front></rfc>",
		  "draft-a-b", "01", NULL, 2024, 0, 0, 2, 1 },
	};
	struct arena a;
	struct draft d;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		arena_init(&a, 0);
		assert_int_equal(parse_str(&a, rows[i].doc, NULL, &d), 0);
		assert_string_equal(d.name, rows[i].name);
		if (rows[i].rev == NULL)
			assert_null(d.rev);
		else
			assert_string_equal(d.rev, rows[i].rev);
		if (rows[i].category == NULL)
			assert_null(d.category);
		else
			assert_string_equal(d.category, rows[i].category);
		assert_int_equal(d.date.year, rows[i].year);
		assert_int_equal(d.date.month, rows[i].month);
		assert_int_equal(d.date.day, rows[i].day);
		assert_int_equal(d.xml_version, rows[i].version);
		assert_int_equal((d.flags & DF_TOC) != 0, rows[i].toc);
		arena_release(&a);
	}
}

/* R14, R16, R87: the seed (kramdown-rfc output, v3, no include PIs at all) as it came. */
static void
test_r16_seed_rfc7221bis(void **state)
{
	static const char *const surnames[] = { "Farrel", "Crocker", "Carpenter", "Gont", "Richardson" };
	struct arena a;
	struct draft d;
	size_t i;

	(void)state;
	arena_init(&a, 0);
	assert_int_equal(parse_file(&a, XML_DIR "draft-carpenter-gendispatch-rfc7221bis-02.xml", NULL, &d), 0);
	assert_int_equal(d.xml_version, 3);
	assert_string_equal(d.name, "draft-carpenter-gendispatch-rfc7221bis");
	assert_string_equal(d.rev, "02");
	assert_string_equal(d.title, "Handling and Adoption of Internet-Drafts by IETF Working Groups");
	assert_string_equal(d.abbrev, "Handling and Adoption of I-Ds by WGs");
	assert_string_equal(d.category, "info");
	assert_int_equal(d.nobsoletes, 1);
	assert_int_equal(d.obsoletes[0], 7221);
	assert_int_equal(d.nauthors, 5);
	for (i = 0; i < 5; i++)
		assert_string_equal(d.authors[i].surname, surnames[i]);
	assert_string_equal(d.authors[2].name, "Brian E. Carpenter");
	assert_string_equal(d.authors[2].org, "The University of Auckland");
	assert_string_equal(d.authors[4].email, "mcr+ietf@sandelman.ca");
	/* <date year="2025"/>: the missing parts stay 0 */
	assert_int_equal(d.date.year, 2025);
	assert_int_equal(d.date.month, 0);
	assert_int_equal(d.date.day, 0);
	assert_true(strncmp(d.abstract, "The productive output of an IETF working group is documents, as mandated by", 75) == 0);
	assert_null(strchr(d.abstract, '\n'));	/* one paragraph */
	assert_int_equal(d.nsections, 21);
	assert_string_equal(d.sections[1].number, "1");
	assert_string_equal(d.sections[1].title, "Introduction");
	assert_string_equal(d.sections[2].number, "1.1");
	assert_string_equal(d.sections[2].title, "What Is a WG Draft?");
	assert_string_equal(d.sections[18].number, "8");
	assert_string_equal(d.sections[18].title, "References");
	assert_string_equal(d.sections[20].number, "8.2");
	assert_string_equal(d.sections[20].title, "Informative References");
	assert_int_equal(d.nrefs, 15);
	assert_string_equal(d.refs[0].tag, "RFC2418");
	assert_int_equal(d.refs[0].kind, REF_NORMATIVE);
	assert_string_equal(d.refs[14].tag, "Tao");
	assert_int_equal(d.refs[14].kind, REF_INFORMATIVE);
	assert_true(d.flags & DF_INTRODUCTION);
	assert_true(d.flags & DF_SECURITY_SECTION);
	assert_false(d.flags & DF_IANA_SECTION);
	assert_int_equal(d.nlines, 1108);
	assert_int_equal(d.nnits, 0);
	arena_release(&a);
}

/* R8, R85, R86: every include form resolves from the reference folder, by the file name the URL ends
 * in (".xml" added if missing), also in its bibxml* folders; R87: PIs, xi:include and external
 * entities alike. R11: the missing ones are nits naming them, and still count as references.
 * (R10, publishing the preprocessed XML, is not the reader's: it resolves includes to read them.) */
static void
test_r8_r85_includes(void **state)
{
	static const struct want_ref refs[] = {
		{ "RFC2119", "rfc2119", REF_NORMATIVE },	/* <?rfc include="reference.RFC.2119.xml"?> */
		{ "RFC8174", "rfc8174", REF_NORMATIVE },	/* <?rfc include="https://xml2rfc..."?> */
		{ "RFC3986", "rfc3986", REF_NORMATIVE },	/* <?rfc include="bibxml/reference.RFC.3986"?> */
		{ "RFC7230", "rfc7230", REF_NORMATIVE },	/* &RFC7230; SYSTEM "http://xml.resource.org/..." */
		{ "RFC7231", "rfc7231", REF_NORMATIVE },	/* <xi:include href="https://bib.ietf.org/..."/> */
		{ "I-D.ietf-quic-transport", "draft-ietf-quic-transport", REF_NORMATIVE },	/* bibxml3/ */
		{ "RFC9999", "rfc9999", REF_INFORMATIVE },	/* missing: from the URL */
		{ "RFC9998", "rfc9998", REF_INFORMATIVE },
		{ "I-D.doe-missing", "draft-doe-missing", REF_INFORMATIVE },
	};
	struct arena a;
	struct draft d;

	(void)state;
	arena_init(&a, 0);
	assert_int_equal(parse_file(&a, XML_DIR "draft-doe-includes-01.xml", REFS_DIR, &d), 0);
	check_refs(&d, refs, sizeof(refs) / sizeof(refs[0]));
	assert_int_equal(nits_of(&d, NIT_XML_INCLUDE_UNRESOLVED), 3);
	assert_int_equal(d.nnits, 3);
	assert_true(has(d.nits[0].detail, "&rfc9999;"));
	assert_true(has(d.nits[0].detail, "reference.RFC.9999.xml"));
	assert_int_equal(d.nits[0].line, 28);
	assert_true(has(d.nits[1].detail, "reference.RFC.9998.xml"));
	assert_true(has(d.nits[2].detail, "reference.I-D.doe-missing.xml"));
	arena_release(&a);
}

/* R11: without a reference folder nothing resolves (each a nit), and every other field is still read. */
static void
test_r11_unresolved_still_extracts(void **state)
{
	static const struct want_ref refs[] = {
		{ "RFC2119", "rfc2119", REF_NORMATIVE },	/* anchor known from the entity's URL */
		{ "RFC3986", "rfc3986", REF_NORMATIVE },
		{ "I-D.ietf-abc-gadgets", "draft-ietf-abc-gadgets", REF_INFORMATIVE },
		{ "WIDGETS", NULL, REF_INFORMATIVE },
	};
	struct arena a;
	struct draft d;

	(void)state;
	arena_init(&a, 0);
	assert_int_equal(parse_file(&a, XML_DIR "draft-ietf-abc-widgets-03.xml", NULL, &d), 0);
	assert_int_equal(nits_of(&d, NIT_XML_INCLUDE_UNRESOLVED), 2);
	assert_int_equal(d.nnits, 2);
	assert_true(has(d.nits[0].detail, "&RFC2119;"));
	assert_true(has(d.nits[1].detail, "reference.RFC.3986.xml"));
	assert_string_equal(d.title, "The Widget Protocol (WP-2)");
	assert_int_equal(d.nauthors, 2);
	assert_int_equal(d.nsections, 15);
	check_refs(&d, refs, sizeof(refs) / sizeof(refs[0]));
	arena_release(&a);

	arena_init(&a, 0);
	assert_int_equal(parse_file(&a, XML_DIR "draft-doe-includes-01.xml", "tests/data/no-such-folder", &d), 0);
	assert_int_equal(nits_of(&d, NIT_XML_INCLUDE_UNRESOLVED), 9);
	assert_int_equal(d.nrefs, 9);
	assert_string_equal(d.refs[3].tag, "RFC7230");
	assert_string_equal(d.refs[5].tag, "I-D.ietf-quic-transport");
	arena_release(&a);
}

/* R85: opts->max_include bounds each included file: limit - 1, limit, limit + 1. */
static void
test_r85_include_size_limit(void **state)
{
	static const char doc[] =
	    "<rfc docName=\"draft-doe-x-00\"><back><references title=\"Normative References\">"
	    "<?rfc include=\"reference.RFC.2119.xml\"?></references></back></rfc>";
	struct draft_xml_opts o = { REFS_DIR, NULL, 0 };
	struct arena a;
	struct draft d;
	size_t size;
	char *ref = slurp(REFS_DIR "/reference.RFC.2119.xml", &size);
	int i;

	(void)state;
	assert_non_null(ref);
	free(ref);
	for (i = -1; i <= 1; i++) {
		arena_init(&a, 0);
		o.max_include = (size_t)((long)size + i);
		assert_int_equal(draft_parse_xml(&a, doc, strlen(doc), &o, &d), 0);
		assert_int_equal(nits_of(&d, NIT_XML_INCLUDE_UNRESOLVED), i < 0 ? 1 : 0);
		assert_int_equal(d.nrefs, 1);
		assert_string_equal(d.refs[0].tag, "RFC2119");
		arena_release(&a);
	}
}

/* R8, R85: only the reference library is read. Includes that would read the server's own files
 * (XXE) are refused, never opened: the canary file exists, and its content must not appear anywhere
 * in what the reader returns. */
static void
test_r85_xxe_refused(void **state)
{
	static const char *const forms[] = {
		"<!DOCTYPE rfc [<!ENTITY x SYSTEM \"file://%s\">]><rfc docName=\"draft-doe-x-00\"><front>"
		    "<title>T &x;</title><abstract><t>&x;</t></abstract></front></rfc>",
		"<!DOCTYPE rfc [<!ENTITY x SYSTEM \"%s\">]><rfc docName=\"draft-doe-x-00\"><middle><section "
		    "title=\"S\"><t>&x;</t></section></middle></rfc>",
		"<!DOCTYPE rfc [<!ENTITY x PUBLIC \"\" \"FILE://%s\">]><rfc><back><references>&x;</references></back></rfc>",
		"<!DOCTYPE rfc [<!ENTITY %% p SYSTEM \"file://%s\"> %%p;]><rfc><front><title>T</title></front></rfc>",
		"<rfc xmlns:xi=\"http://www.w3.org/2001/XInclude\"><front><abstract><t><xi:include "
		    "href=\"file://%s\"/></t></abstract></front></rfc>",
		"<rfc xmlns:xi=\"http://www.w3.org/2001/XInclude\"><middle><section title=\"S\"><artwork><xi:include "
		    "parse=\"text\" href=\"file://%s\"/></artwork></section></middle></rfc>",
		"<rfc><back><references><?rfc include=\"file://%s\"?></references></back></rfc>",
		"<rfc><back><references><?rfc include=\"jar:file://%s!/x\"?></references></back></rfc>",
	};
	struct arena a;
	struct draft d;
	char path[PATH_MAX], doc[2 * PATH_MAX];
	size_t i, len;
	char *secret;

	(void)state;
	assert_non_null(realpath(XML_DIR "xxe-secret.txt", path));
	assert_non_null(secret = slurp(path, &len));
	assert_non_null(strstr(secret, CANARY));
	free(secret);
	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		snprintf(doc, sizeof(doc), forms[i], path);
		arena_init(&a, 0);
		(void)parse_str(&a, doc, REFS_DIR, &d);
		assert_true(nits_of(&d, NIT_XML_ENTITY_REFUSED) >= 1);
		assert_false(draft_mentions(&d, CANARY));
		assert_false(draft_mentions(&d, "XXE-CANARY"));
		assert_true(d.words < 10);
		arena_release(&a);
	}
	/* The classic one, with no reference folder at all. */
	arena_init(&a, 0);
	(void)parse_str(&a, "<!DOCTYPE rfc [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rfc><front><title>&x;</title>"
	    "</front></rfc>", NULL, &d);
	assert_int_equal(nits_of(&d, NIT_XML_ENTITY_REFUSED), 1);
	assert_true(has(nit_of(&d, NIT_XML_ENTITY_REFUSED)->detail, "file:///etc/passwd"));
	assert_false(draft_mentions(&d, "root:"));
	assert_null(d.title);
	arena_release(&a);
	/* A relative path climbing out of the folder is only a file name looked up in the folder. */
	arena_init(&a, 0);
	(void)parse_str(&a, "<!DOCTYPE rfc [<!ENTITY x SYSTEM \"../xml/xxe-secret.txt\">]><rfc><front><abstract>"
	    "<t>&x;</t></abstract></front></rfc>", REFS_DIR, &d);
	assert_int_equal(nits_of(&d, NIT_XML_INCLUDE_UNRESOLVED), 1);
	assert_false(draft_mentions(&d, CANARY));
	assert_null(d.abstract);
	arena_release(&a);
}

/* R15: billion laughs: libxml2's loop detector stops it while parsing; fast, small, with a nit. */
static void
test_billion_laughs(void **state)
{
	static const char doc[] =
	    "<?xml version=\"1.0\"?>\n<!DOCTYPE rfc [\n"
	    " <!ENTITY l0 \"lol\">\n"
	    " <!ENTITY l1 \"&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;\">\n"
	    " <!ENTITY l2 \"&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;\">\n"
	    " <!ENTITY l3 \"&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;\">\n"
	    " <!ENTITY l4 \"&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;\">\n"
	    " <!ENTITY l5 \"&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;\">\n"
	    " <!ENTITY l6 \"&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;\">\n"
	    " <!ENTITY l7 \"&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;\">\n"
	    " <!ENTITY l8 \"&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;\">\n"
	    " <!ENTITY l9 \"&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;\">\n"
	    "]>\n<rfc><front><title>&l9;</title></front></rfc>\n";
	struct arena a;
	struct draft d;

	(void)state;
	arena_init(&a, 64u << 20);	/* a cap: expanding would fail loudly rather than swap */
	assert_int_equal(parse_str(&a, doc, NULL, &d), -1);
	assert_true(nits_of(&d, NIT_XML_ENTITY_REFUSED) >= 1);
	assert_int_equal(nits_of(&d, NIT_XML_PARSING_FAILED), 1);
	assert_null(d.title);
	assert_true(a.used < (1u << 20));
	arena_release(&a);
}

/* R15: a quadratic blow-up (one big entity, used many times) passes libxml2 2.9's check; the walk's
 * own budget stops it. */
static void
test_quadratic_blowup(void **state)
{
	enum { ENT = 20000, USES = 20000 };
	struct arena a;
	struct draft d;
	size_t n = 0, cap = ENT + USES * 4 + 256;
	char *doc = malloc(cap);
	int i;

	(void)state;
	assert_non_null(doc);
	n += (size_t)snprintf(doc + n, cap - n, "<!DOCTYPE rfc [<!ENTITY a \"");
	for (i = 0; i < ENT / 2; i++)
		n += (size_t)snprintf(doc + n, cap - n, "a ");
	n += (size_t)snprintf(doc + n, cap - n, "\">]><rfc><middle><section><t>");
	for (i = 0; i < USES; i++)
		n += (size_t)snprintf(doc + n, cap - n, "&a;");
	n += (size_t)snprintf(doc + n, cap - n, "</t></section></middle></rfc>");
	arena_init(&a, 256u << 20);
	assert_int_equal(draft_parse_xml(&a, doc, n, NULL, &d), -1);
	assert_int_equal(nits_of(&d, NIT_XML_ENTITY_REFUSED), 1);
	assert_true(d.words < 2 * (1 << 20));
	assert_true(a.used < (64u << 20));
	arena_release(&a);
	free(doc);
}

static char *
nested(int depth)
{
	size_t cap = (size_t)depth * 8 + 64, n = 0;
	char *s = malloc(cap);
	int i;

	assert_non_null(s);
	n += (size_t)snprintf(s + n, cap - n, "<rfc><middle>");
	for (i = 0; i < depth; i++)
		n += (size_t)snprintf(s + n, cap - n, "<t>");
	n += (size_t)snprintf(s + n, cap - n, "x");
	for (i = 0; i < depth; i++)
		n += (size_t)snprintf(s + n, cap - n, "</t>");
	snprintf(s + n, cap - n, "</middle></rfc>");
	return s;
}

/* R15: deep nesting: libxml2's depth limit (256 without XML_PARSE_HUGE) answers, not the stack. */
static void
test_deep_nesting(void **state)
{
	static const struct {
		int	depth, rc;
	} cases[] = { { 200, 0 }, { 100000, -1 } };
	struct arena a;
	struct draft d;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *s = nested(cases[i].depth);
		arena_init(&a, 0);
		assert_int_equal(parse_str(&a, s, NULL, &d), cases[i].rc);
		assert_int_equal(nits_of(&d, NIT_XML_PARSING_FAILED), cases[i].rc == 0 ? 0 : 1);
		arena_release(&a);
		free(s);
	}
}

/* R15: truncated anywhere: a nit with the line libxml2 stopped on, the lines still there. */
static void
test_truncated(void **state)
{
	static const int percent[] = { 1, 10, 50, 90, 99 };
	struct arena a;
	struct draft d;
	size_t len, i, cut;
	char *buf = slurp(XML_DIR "draft-ietf-abc-widgets-03.xml", &len);
	const struct draft_nit *n;

	(void)state;
	assert_non_null(buf);
	for (i = 0; i <= sizeof(percent) / sizeof(percent[0]); i++) {
		cut = i < sizeof(percent) / sizeof(percent[0]) ? len * (size_t)percent[i] / 100 : len - 8;
		arena_init(&a, 0);
		assert_int_equal(draft_parse_xml(&a, buf, cut, NULL, &d), -1);
		assert_int_equal(d.format, DRAFT_XML);
		assert_non_null(n = nit_of(&d, NIT_XML_PARSING_FAILED));
		assert_true(n->line > 0);
		assert_non_null(n->detail);
		assert_true(d.nlines > 0);
		arena_release(&a);
	}
	free(buf);
}

/* R15: NUL bytes, binary input, invalid UTF-8, other encodings, nothing at all. */
static void
test_bad_bytes(void **state)
{
	static const struct {
		const char	*doc;
		size_t		 len;
		enum nit_id	 nit;
		unsigned	 flags;
	} cases[] = {
#define S(lit) lit, sizeof(lit) - 1
		/* a NUL at the start, a PNG: not text */
		{ S("\0<rfc/>"), NIT_BINARY_CONTENT, DF_NUL },
		{ S("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0"), NIT_BINARY_CONTENT, DF_NUL },
		{ S("<rfc><front><title>Caf\xe9 \xff\xfe</title></front></rfc>"), NIT_XML_PARSING_FAILED, DF_INVALID_UTF8 },
		{ S("<rfc><front><title>\xed\xa0\x80</title></front></rfc>"), NIT_XML_PARSING_FAILED, DF_INVALID_UTF8 },
		{ S(""), NIT_FILE_EMPTY, 0 },
		{ S(" \n\t\r\n "), NIT_FILE_EMPTY, 0 },
		{ S("<rfc"), NIT_XML_PARSING_FAILED, 0 },
		{ S("not xml at all"), NIT_XML_PARSING_FAILED, 0 },
		{ S("<?xml version=\"1.0\"?><t>not a draft</t>"), NIT_XML_PARSING_FAILED, 0 },
#undef S
	};
	struct arena a;
	struct draft d;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		arena_init(&a, 0);
		assert_int_equal(draft_parse_xml(&a, cases[i].doc, cases[i].len, NULL, &d), -1);
		assert_int_equal(nits_of(&d, cases[i].nit), 1);
		assert_int_equal(d.flags & cases[i].flags, cases[i].flags);
		arena_release(&a);
	}
	/* A NUL deep in an otherwise fine file (past the first KiB, where binary files show): libxml2
	 * says on which line. */
	{
		char doc[2048];
		size_t n = (size_t)snprintf(doc, sizeof(doc), "<rfc>\n<!--%01100d-->\n<front>\n<title>A", 0);
		doc[n++] = '\0';
		n += (size_t)snprintf(doc + n, sizeof(doc) - n, "B</title></front></rfc>\n");
		arena_init(&a, 0);
		assert_int_equal(draft_parse_xml(&a, doc, n, NULL, &d), -1);
		assert_int_equal(nits_of(&d, NIT_XML_PARSING_FAILED), 1);
		assert_int_equal(nit_of(&d, NIT_XML_PARSING_FAILED)->line, 4);
		assert_int_equal(nits_of(&d, NIT_BINARY_CONTENT), 0);
		assert_true(d.flags & DF_NUL);
		arena_release(&a);
	}
	/* UTF-16 with a byte-order mark is XML too, NUL bytes and all. */
	{
		static const char u16[] = "\xff\xfe<\0r\0f\0c\0>\0<\0f\0r\0o\0n\0t\0>\0<\0t\0i\0t\0l\0e\0>\0"
		    "H\0i\0<\0/\0t\0i\0t\0l\0e\0>\0<\0/\0f\0r\0o\0n\0t\0>\0<\0/\0r\0f\0c\0>\0";
		arena_init(&a, 0);
		assert_int_equal(draft_parse_xml(&a, u16, sizeof(u16) - 1, NULL, &d), 0);
		assert_string_equal(d.title, "Hi");
		assert_int_equal(d.nnits, 0);
		arena_release(&a);
	}
	/* Latin-1, declared: its bytes are characters, not invalid UTF-8. */
	arena_init(&a, 0);
	assert_int_equal(parse_str(&a, "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rfc><front><title>Caf\xe9"
	    "</title></front></rfc>", NULL, &d), 0);
	assert_string_equal(d.title, "Caf\xc3\xa9");
	assert_true(d.flags & DF_NON_ASCII);
	assert_false(d.flags & DF_INVALID_UTF8);
	arena_release(&a);
}

/* The input size limit: limit - 1 and limit parse, limit + 1 is refused before parsing. */
static void
test_input_size_limit(void **state)
{
	static const char head[] = "<rfc docName=\"draft-doe-big-00\"><front><title>Big</title></front>",
	    tail[] = "</rfc>";
	struct arena a;
	struct draft d;
	size_t sizes[] = { INPUT_MAX - 1, INPUT_MAX, (size_t)INPUT_MAX + 1 }, i, n;
	char *buf = malloc((size_t)INPUT_MAX + 1);

	(void)state;
	assert_non_null(buf);
	for (i = 0; i < 3; i++) {
		/* comments of 1 KiB: few nodes, so the test costs time, not memory */
		memcpy(buf, head, sizeof(head) - 1);
		for (n = sizeof(head) - 1; n + 1024 + sizeof(tail) <= sizes[i]; n += 1024) {
			memcpy(buf + n, "<!--", 4);
			memset(buf + n + 4, 'x', 1017);
			memcpy(buf + n + 1021, "-->", 3);
		}
		memset(buf + n, ' ', sizes[i] - n - (sizeof(tail) - 1));
		memcpy(buf + sizes[i] - (sizeof(tail) - 1), tail, sizeof(tail) - 1);
		arena_init(&a, 0);
		assert_int_equal(draft_parse_xml(&a, buf, sizes[i], NULL, &d), i < 2 ? 0 : -1);
		if (i < 2) {
			assert_string_equal(d.title, "Big");
			assert_int_equal(d.nnits, 0);
		} else {
			assert_int_equal(nits_of(&d, NIT_XML_PARSING_FAILED), 1);
			assert_null(d.title);
		}
		arena_release(&a);
	}
	free(buf);
}

/* libxml2 never writes to stderr, and the caller's error handler is back afterwards. */
static int handler_calls;

#if LIBXML_VERSION >= 21200
static void
caller_handler(void *ctx, const xmlError *e)
#else
static void
caller_handler(void *ctx, xmlErrorPtr e)
#endif
{
	(void)ctx, (void)e;
	handler_calls++;
}

static void
test_quiet_and_restores_handlers(void **state)
{
	struct arena a;
	struct draft d;
	FILE *tmp = tmpfile();
	int saved;
	long size;

	(void)state;
	assert_non_null(tmp);
	fflush(stderr);
	saved = dup(2);
	assert_true(saved >= 0);
	assert_int_equal(dup2(fileno(tmp), 2), 2);
	xmlSetStructuredErrorFunc(&handler_calls, caller_handler);
	arena_init(&a, 0);
	(void)parse_str(&a, "<rfc><front><title>x</tit", NULL, &d);
	(void)parse_str(&a, "<!DOCTYPE rfc SYSTEM \"rfc2629.dtd\"><rfc><front><title>&nbsp;&undefined;</title>"
	    "</front></rfc>", NULL, &d);
	assert_null(d.title);	/* &nbsp; is known without the DTD (a space); the other is nothing */
	arena_release(&a);
	fflush(stderr);
	assert_int_equal(dup2(saved, 2), 2);
	close(saved);
	fseek(tmp, 0, SEEK_END);
	size = ftell(tmp);
	fclose(tmp);
	assert_int_equal(size, 0);
	assert_int_equal(handler_calls, 0);
	assert_ptr_equal(xmlStructuredError, caller_handler);
	assert_ptr_equal(xmlStructuredErrorContext, &handler_calls);
	xmlSetStructuredErrorFunc(NULL, NULL);
}

/* `idtracker check -j N`: readers on several threads at once agree with one alone. */
struct job {
	int	 words, nrefs, nits;
	char	 title[64];
};

static void *
reader_thread(void *p)
{
	struct job *j = p;
	struct arena a;
	struct draft d;
	int k;

	for (k = 0; k < 20; k++) {
		arena_init(&a, 0);
		if (parse_file(&a, XML_DIR "draft-doe-includes-01.xml", REFS_DIR, &d) == 0) {
			j->words = d.words;
			j->nrefs = (int)d.nrefs;
			j->nits = (int)d.nnits;
			snprintf(j->title, sizeof(j->title), "%s", d.title ? d.title : "");
		}
		arena_release(&a);
	}
	return NULL;
}

static void
test_threads(void **state)
{
	pthread_t t[4];
	struct job jobs[4];
	int i;

	(void)state;
	memset(jobs, 0, sizeof(jobs));
	for (i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&t[i], NULL, reader_thread, &jobs[i]), 0);
	for (i = 0; i < 4; i++)
		assert_int_equal(pthread_join(t[i], NULL), 0);
	for (i = 0; i < 4; i++) {
		assert_string_equal(jobs[i].title, "Includes");
		assert_int_equal(jobs[i].nrefs, 9);
		assert_int_equal(jobs[i].nits, 3);
		assert_int_equal(jobs[i].words, jobs[0].words);
	}
}

/* R85, R86: the corpus's own reference caches, read in place (skipped without ../shared/corpus). */
static void
test_r85_corpus_refcache(void **state)
{
	static const struct {
		const char	*refs;
		int		 unresolved;
	} caches[] = {
		{ CORPUS "render-golden/refcache", 0 },
		{ CORPUS "xml2rfc-tests/refcache/_all", 3 },	/* RFC 2026, RFC 4918, W3C P3P are not there */
	};
	const char *path = CORPUS "pairs/draft-nottingham-site-meta-02.xml";
	struct arena a;
	struct draft d;
	size_t i;

	(void)state;
	if (access(path, R_OK) != 0)
		skip();
	for (i = 0; i < sizeof(caches) / sizeof(caches[0]); i++) {
		arena_init(&a, 0);
		assert_int_equal(parse_file(&a, path, caches[i].refs, &d), 0);
		assert_int_equal(nits_of(&d, NIT_XML_INCLUDE_UNRESOLVED), caches[i].unresolved);
		assert_int_equal(d.nrefs, 7);
		assert_string_equal(d.refs[0].tag, "RFC5226");
		assert_string_equal(d.refs[4].tag, "W3C.REC-P3P-20020416");
		assert_int_equal(d.refs[4].kind, REF_INFORMATIVE);
		assert_string_equal(d.name, "draft-nottingham-site-meta");
		arena_release(&a);
	}
}

/* R85, R87: the renderer's fetch (draft_xml_fetch) follows the reader's include policy: a URL is a
 * name in the library (bibxml* folders too); other schemes, absolute paths and climbing out are refused. */
static void
test_r85_fetch_for_render(void **state)
{
	struct draft_xml_opts o = { REFS_DIR, NULL, 0 };
	struct arena a;
	char *data;
	size_t len;

	(void)state;
	arena_init(&a, 0);
	assert_int_equal(draft_xml_fetch(&o, &a, "https://bib.ietf.org/public/rfc/bibxml/reference.RFC.2119.xml", &data, &len), 0);
	assert_non_null(strstr(data, "RFC2119"));
	assert_int_equal(len, strlen(data));
	assert_int_equal(draft_xml_fetch(&o, &a, "http://xml.resource.org/public/rfc/bibxml/reference.RFC.8174", &data, &len), 0);
	assert_int_equal(draft_xml_fetch(&o, &a, "https://bib.ietf.org/public/rfc/bibxml3/reference.I-D.ietf-quic-transport.xml",
	    &data, &len), 0);
	assert_int_equal(draft_xml_fetch(&o, &a, "https://bib.ietf.org/public/rfc/bibxml/reference.RFC.99999.xml", &data, &len), -1);
	assert_int_equal(draft_xml_fetch(&o, &a, "file:///etc/passwd", &data, &len), -1);
	assert_int_equal(draft_xml_fetch(&o, &a, "/etc/passwd", &data, &len), -1);
	assert_int_equal(draft_xml_fetch(&o, &a, "../../../etc/passwd", &data, &len), -1);
	assert_int_equal(draft_xml_fetch(&o, &a, "ftp://example.org/reference.RFC.2119.xml", &data, &len), -1);
	o.refs_dir = NULL;	/* no library configured: nothing comes */
	assert_int_equal(draft_xml_fetch(&o, &a, "https://bib.ietf.org/public/rfc/bibxml/reference.RFC.2119.xml", &data, &len), -1);
	assert_int_equal(draft_xml_fetch(NULL, &a, "reference.RFC.2119.xml", &data, &len), -1);
	arena_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_r16_v2_fields),
		cmocka_unit_test(test_r16_v3_fields),
		cmocka_unit_test(test_r16_attribute_forms),
		cmocka_unit_test(test_r16_seed_rfc7221bis),
		cmocka_unit_test(test_r8_r85_includes),
		cmocka_unit_test(test_r11_unresolved_still_extracts),
		cmocka_unit_test(test_r85_include_size_limit),
		cmocka_unit_test(test_r85_xxe_refused),
		cmocka_unit_test(test_billion_laughs),
		cmocka_unit_test(test_quadratic_blowup),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_bad_bytes),
		cmocka_unit_test(test_input_size_limit),
		cmocka_unit_test(test_quiet_and_restores_handlers),
		cmocka_unit_test(test_threads),
		cmocka_unit_test(test_r85_corpus_refcache),
		cmocka_unit_test(test_r85_fetch_for_render),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
