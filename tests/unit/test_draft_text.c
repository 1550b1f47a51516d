/* test_draft_text.c: the plain-text draft reader (src/draft/text.c) and its dates (src/draft/date.c):
 * each extraction step on the small drafts in tests/data/txt/ and on the seed draft, the date forms,
 * and malformed input (binary, NUL, invalid UTF-8, a 10 MB line, truncation, empty). Run from the
 * repository root: the drafts are found by relative path. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testlib.h"

#include "core/arena.h"
#include "draft/draft.h"
#include "draft/nits.h"

#define DATA	"tests/data/txt/"
#define BYTES(s)	s, sizeof(s) - 1	/* a literal and its length, NULs included */

static char *
slurp(const char *path, size_t *len)
{
	return test_slurp(path, len, 1);
}

static int
has_nit(const struct draft *d, enum nit_id id)
{
	size_t i;

	for (i = 0; i < d->nnits; i++)
		if (d->nits[i].id == id)
			return 1;
	return 0;
}

static const char *
str_or(const char *s)
{
	return s != NULL ? s : "(null)";
}

/* R14, R16: every field the reader extracts, per draft. flags_on must all be set, flags_off none. */
static const struct {
	const char	*file;
	const char	*name, *rev, *group, *title;
	int		 y, m, day, ey, em, eday;
	int		 pages;
	const char	*status, *category, *workgroup, *ipr, *abbrev;
	int		 copyright_year;
	size_t		 nauthors;
	const char	*abstract;
	unsigned	 flags_on, flags_off;
} drafts[] = {
	{ "draft-example-minimal-00.txt", "draft-example-minimal", "00", NULL,
	    "Frobnication of HTTP Messages for Testing the Minimal Draft Reader",
	    2019, 11, 4, 2020, 5, 7, 4, "Standards Track", "std", "HTTPbis Working Group", "trust200902",
	    "Frobnication for Testing", 2019, 2,
	    "This document defines frobnication, a way to test Internet-Draft readers. It is written for the "
	    "unit tests of a plain-text draft reader and for no other purpose.\n\nA second paragraph follows, "
	    "with a compound broken at its hyphen: IETF-Drafts.",
	    DF_BCP14_KEYWORDS | DF_RFC2119_BOILERPLATE | DF_RFC8174_BOILERPLATE | DF_TLP_BOILERPLATE |
	    DF_COPYRIGHT_NOTICE | DF_TLP_LICENSE | DF_ID_BOILERPLATE | DF_VALIDITY_PARAGRAPH | DF_CURRENT_LIST |
	    DF_FORM_FEEDS | DF_IANA_SECTION | DF_SECURITY_SECTION | DF_INTRODUCTION | DF_TOC |
	    DF_AUTHORS_SECTION | DF_REFERENCES_SECTION,
	    DF_PRE5378 | DF_NON_ASCII | DF_INVALID_UTF8 | DF_TABS | DF_NUL | DF_WG_DRAFT },
	{ "draft-old-style-02.txt", "draft-old-style", "02", NULL, "An Old Style Draft",
	    2001, 11, 4, 2002, 5, 0, 2, NULL, NULL, "Network Working Group", "full2026", "An Old Style Draft", 2001, 1,
	    "An old draft, written by hand.",
	    DF_ID_BOILERPLATE | DF_VALIDITY_PARAGRAPH | DF_CURRENT_LIST | DF_TABS | DF_INTRODUCTION |
	    DF_AUTHORS_SECTION | DF_REFERENCES_SECTION,
	    DF_FORM_FEEDS | DF_TLP_BOILERPLATE | DF_COPYRIGHT_NOTICE | DF_TLP_LICENSE | DF_BCP14_KEYWORDS |
	    DF_WG_DRAFT | DF_TOC },
	{ "draft-ietf-quic-frobs-07.txt", "draft-ietf-quic-frobs", "07", "quic", "Frobs for QUIC",
	    2019, 11, 4, 2020, 5, 7, 1, "Best Current Practice", "bcp", "QUIC", "pre5378Trust200902", NULL, 2019, 2,
	    "Frobs for QUIC.",
	    DF_WG_DRAFT | DF_PRE5378 | DF_TLP_BOILERPLATE | DF_COPYRIGHT_NOTICE | DF_INTRODUCTION,
	    DF_BCP14_KEYWORDS | DF_AUTHORS_SECTION | DF_REFERENCES_SECTION | DF_TLP_LICENSE },
	/* the seed: a hand-made 2004 draft, "[Page N]" footers and no form feeds */
	{ "draft-ietf-tools-draft-submission-03.txt", "draft-ietf-tools-draft-submission", "03", "tools",
	    "Requirements for IETF Draft Submission Toolset",
	    2004, 10, 6, 2005, 4, 6, 26, NULL, NULL, "TOOLS team", "full3667", "Draft Submission Toolset: Requirements",
	    2004, 1,
	    "This document specifies requirements for an IETF toolset facilitating Internet-Draft submission, "
	    "validation, and posting.",
	    DF_WG_DRAFT | DF_INTRODUCTION | DF_SECURITY_SECTION | DF_IANA_SECTION | DF_TOC | DF_AUTHORS_SECTION |
	    DF_ID_BOILERPLATE | DF_VALIDITY_PARAGRAPH | DF_CURRENT_LIST,
	    DF_FORM_FEEDS | DF_TLP_BOILERPLATE | DF_COPYRIGHT_NOTICE | DF_REFERENCES_SECTION | DF_PRE5378 |
	    DF_BCP14_KEYWORDS },
};

/* R14-R16, R88, R89: name, revision, group, title, dates, header fields, boilerplate facts. */
static void
test_r14_r16_fields(void **state)
{
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(drafts) / sizeof(drafts[0]); i++) {
		struct arena a;
		struct draft d;
		char path[256];
		char *buf;

		snprintf(path, sizeof(path), DATA "%s", drafts[i].file);
		buf = slurp(path, &len);
		arena_init(&a, 0);
		assert_int_equal(draft_parse_text(&a, buf, len, &d), 0);
		print_message("%s\n", drafts[i].file);
		assert_int_equal(d.format, DRAFT_TXT);
		assert_string_equal(str_or(d.name), drafts[i].name);
		assert_string_equal(str_or(d.rev), drafts[i].rev);
		assert_string_equal(str_or(d.group), str_or(drafts[i].group));
		assert_string_equal(str_or(d.title), drafts[i].title);
		assert_int_equal(d.date.year, drafts[i].y);
		assert_int_equal(d.date.month, drafts[i].m);
		assert_int_equal(d.date.day, drafts[i].day);
		assert_int_equal(d.expires.year, drafts[i].ey);
		assert_int_equal(d.expires.month, drafts[i].em);
		assert_int_equal(d.expires.day, drafts[i].eday);
		assert_int_equal(d.pages, drafts[i].pages);
		assert_string_equal(str_or(d.status), str_or(drafts[i].status));
		assert_string_equal(str_or(d.category), str_or(drafts[i].category));
		assert_string_equal(str_or(d.workgroup), str_or(drafts[i].workgroup));
		assert_string_equal(str_or(d.ipr), str_or(drafts[i].ipr));
		assert_string_equal(str_or(d.abbrev), str_or(drafts[i].abbrev));
		assert_int_equal(d.copyright_year, drafts[i].copyright_year);
		assert_int_equal(d.nauthors, drafts[i].nauthors);
		assert_string_equal(str_or(d.abstract), drafts[i].abstract);
		if ((d.flags & drafts[i].flags_on) != drafts[i].flags_on)
			fail_msg("%s: flags 0x%x lack 0x%x", drafts[i].file, d.flags, drafts[i].flags_on & ~d.flags);
		if ((d.flags & drafts[i].flags_off) != 0)
			fail_msg("%s: flags 0x%x have 0x%x", drafts[i].file, d.flags, d.flags & drafts[i].flags_off);
		assert_int_equal(d.nnits, 0);
		assert_true(d.words > 0);
		arena_release(&a);
		free(buf);
	}
}

/* R16: authors: full names from Authors' Addresses, initials and surname from page 1, the e-mail in
 * any of its spellings, lower-cased; page 1 alone when there is no address section. */
static void
test_r16_authors(void **state)
{
	static const struct {
		const char	*file;
		size_t		 i;
		const char	*name, *initials, *surname, *org, *email;
	} cases[] = {
		{ "draft-example-minimal-00.txt", 0, "Mark Nottingham", "M.", "Nottingham", "Example Corp", "mnot@example.com" },
		{ "draft-example-minimal-00.txt", 1, "Julian F. Reschke", "J. F.", "Reschke", "greenbytes GmbH",
		    "julian.reschke@greenbytes.de" },
		{ "draft-old-style-02.txt", 0, "Alice Person", "A.", "Person", "Old Lab", "alice@old-lab.example" },
		{ "draft-ietf-quic-frobs-07.txt", 0, "A. Tester", "A.", "Tester", "Example Networks", NULL },
		{ "draft-ietf-quic-frobs-07.txt", 1, "B. van der Berg", "B.", "van der Berg", NULL, NULL },
		{ "draft-ietf-tools-draft-submission-03.txt", 0, "Alex Rousskov", "A.", "Rousskov",
		    "The Measurement Factory", "rousskov@measurement-factory.com" },
	};
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct arena a;
		struct draft d;
		const struct draft_author *au;
		char path[256];
		char *buf;

		snprintf(path, sizeof(path), DATA "%s", cases[i].file);
		buf = slurp(path, &len);
		arena_init(&a, 0);
		assert_int_equal(draft_parse_text(&a, buf, len, &d), 0);
		assert_true(cases[i].i < d.nauthors);
		au = &d.authors[cases[i].i];
		assert_string_equal(str_or(au->name), cases[i].name);
		assert_string_equal(str_or(au->initials), str_or(cases[i].initials));
		assert_string_equal(str_or(au->surname), str_or(cases[i].surname));
		assert_string_equal(str_or(au->org), str_or(cases[i].org));
		assert_string_equal(str_or(au->email), str_or(cases[i].email));
		arena_release(&a);
		free(buf);
	}
}

/* Sections: numbered and appendix headings with their level and line; the table of contents and
 * "HTTP/1.0" at the end of a title are not page numbers. */
static void
test_sections(void **state)
{
	static const struct {
		const char	*number, *title;
		int		 level, line;
	} want[] = {
		{ "",		"Abstract",			1, 15 },
		{ "",		"Note to Readers",		1, 24 },
		{ "",		"Status of This Memo",		1, 28 },
		{ "",		"Copyright Notice",		1, 52 },
		{ "",		"Table of Contents",		1, 67 },
		{ "1",		"Introduction",			1, 77 },
		{ "1.1",	"Requirements Language",	2, 90 },
		{ "2",		"Security Considerations",	1, 98 },
		{ "3",		"IANA Considerations",		1, 102 },
		{ "4",		"References",			1, 106 },
		{ "4.1",	"Normative References",		2, 108 },
		{ "4.2",	"Informative References",	2, 119 },
		{ "A",		"Changes from HTTP/1.0",	1, 136 },
		{ "A.1",	"Multi-homed Web Servers",	2, 140 },
		{ "",		"Authors' Addresses",		1, 144 },
	};
	struct arena a;
	struct draft d;
	size_t i, len;
	char *buf = slurp(DATA "draft-example-minimal-00.txt", &len);

	(void)state;
	arena_init(&a, 0);
	assert_int_equal(draft_parse_text(&a, buf, len, &d), 0);
	assert_int_equal(d.nsections, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < d.nsections; i++) {
		assert_string_equal(d.sections[i].number, want[i].number);
		assert_string_equal(d.sections[i].title, want[i].title);
		assert_int_equal(d.sections[i].level, want[i].level);
		assert_int_equal(d.sections[i].line, want[i].line);
	}
	arena_release(&a);
	free(buf);
}

/* References: tag, normalised target (a draft name broken across lines comes out whole), kind, line. */
static void
test_references(void **state)
{
	static const struct {
		const char	*file;
		size_t		 i, n;
		const char	*tag, *target;
		enum ref_kind	 kind;
		int		 line;
	} want[] = {
		{ "draft-example-minimal-00.txt", 0, 4, "RFC2119", "rfc2119", REF_NORMATIVE, 110 },
		{ "draft-example-minimal-00.txt", 1, 4, "RFC8174", "rfc8174", REF_NORMATIVE, 115 },
		{ "draft-example-minimal-00.txt", 2, 4, "HTTP", "draft-ietf-httpbis-semantics", REF_INFORMATIVE, 121 },
		{ "draft-example-minimal-00.txt", 3, 4, "I-D.ietf-quic-http", "draft-ietf-quic-http", REF_INFORMATIVE, 125 },
		{ "draft-old-style-02.txt", 0, 1, "1", "rfc791", REF_UNCLASSIFIED, 50 },
	};
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct arena a;
		struct draft d;
		char path[256];
		char *buf;

		snprintf(path, sizeof(path), DATA "%s", want[i].file);
		buf = slurp(path, &len);
		arena_init(&a, 0);
		assert_int_equal(draft_parse_text(&a, buf, len, &d), 0);
		assert_int_equal(d.nrefs, want[i].n);
		assert_string_equal(d.refs[want[i].i].tag, want[i].tag);
		assert_string_equal(str_or(d.refs[want[i].i].target), want[i].target);
		assert_int_equal(d.refs[want[i].i].kind, want[i].kind);
		assert_int_equal(d.refs[want[i].i].line, want[i].line);
		arena_release(&a);
		free(buf);
	}
}

/* Updates:/Obsoletes: numbers, also when "(if approved)" or more numbers wrap to the next line. */
static void
test_updates_obsoletes(void **state)
{
	struct arena a;
	struct draft d;
	size_t len;
	char *buf;

	(void)state;
	buf = slurp(DATA "draft-example-minimal-00.txt", &len);
	arena_init(&a, 0);
	assert_int_equal(draft_parse_text(&a, buf, len, &d), 0);
	assert_int_equal(d.nupdates, 2);
	assert_int_equal(d.updates[0], 7230);
	assert_int_equal(d.updates[1], 7231);
	assert_int_equal(d.nobsoletes, 0);
	arena_release(&a);
	free(buf);

	buf = slurp(DATA "draft-ietf-quic-frobs-07.txt", &len);
	arena_init(&a, 0);
	assert_int_equal(draft_parse_text(&a, buf, len, &d), 0);
	assert_int_equal(d.nobsoletes, 2);
	assert_int_equal(d.obsoletes[0], 2068);
	assert_int_equal(d.obsoletes[1], 2616);
	assert_int_equal(d.nupdates, 0);
	arena_release(&a);
	free(buf);
}

/* Lines: every physical line without its CR/LF, CRLF and lone CR both end a line, a form feed is a
 * line of its own on the page it closes, and a byte-order mark is not text. */
static void
test_lines_and_pages(void **state)
{
	static const char text[] = "\xef\xbb\xbf" "one\r\ntwo\rthree\n\f\nfour\n";
	struct arena a;
	struct draft d;
	size_t i, len;
	char *buf;

	(void)state;
	arena_init(&a, 0);
	assert_int_equal(draft_parse_text(&a, text, sizeof(text) - 1, &d), 0);
	assert_int_equal(d.nlines, 5);
	assert_memory_equal(d.lines[0].p, "one", 3);
	assert_int_equal(d.lines[0].len, 3);
	assert_int_equal(d.lines[1].len, 3);
	assert_memory_equal(d.lines[2].p, "three", 5);
	assert_int_equal(d.lines[3].len, 1);
	assert_int_equal(d.lines[3].page, 1);
	assert_int_equal(d.lines[4].page, 2);
	assert_int_equal(d.pages, 2);
	assert_true(d.flags & DF_FORM_FEEDS);
	arena_release(&a);

	/* Pages by "[Page N]" footers alone; running headers are not content. */
	buf = slurp(DATA "draft-old-style-02.txt", &len);
	arena_init(&a, 0);
	assert_int_equal(draft_parse_text(&a, buf, len, &d), 0);
	assert_int_equal(d.pages, 2);
	for (i = 0; i < d.nlines; i++)
		if (d.lines[i].len >= 8 && memcmp(d.lines[i].p, "1  Intro", 8) == 0)
			assert_int_equal(d.lines[i].page, 2);
	assert_int_equal(d.lines[d.nlines - 1].page, 2);
	assert_false(d.flags & DF_FORM_FEEDS);
	arena_release(&a);
	free(buf);
}

/* Dates in their real-world forms (R16 "submission date"); day 0 when only the month is given. */
static void
test_date_forms(void **state)
{
	static const struct {
		const char	*s;
		int		 rc, y, m, d;
	} cases[] = {
		{ "November 4, 2019",		0, 2019, 11, 4 },
		{ "4 November 2019",		0, 2019, 11, 4 },
		{ "November 2019",		0, 2019, 11, 0 },
		{ "Nov 2019",			0, 2019, 11, 0 },
		{ "2019-11-04",			0, 2019, 11, 4 },
		{ "November 04, 2019",		0, 2019, 11, 4 },
		{ "4 Nov. 2019",		0, 2019, 11, 4 },
		{ "Nov 4, 2019",		0, 2019, 11, 4 },
		{ "Nov. 4, 2019",		0, 2019, 11, 4 },
		{ "4-Nov-2019",			0, 2019, 11, 4 },
		{ "Sept. 30, 2019",		0, 2019, 9, 30 },
		{ "Jan 29, 2005",		0, 2005, 1, 29 },
		{ "  October 06, 2004  ",	0, 2004, 10, 6 },
		{ "november 4 2019",		0, 2019, 11, 4 },
		{ "February 29, 2020",		0, 2020, 2, 29 },
		{ "February 29, 2019",		-1, 0, 0, 0 },
		{ "31 April 2020",		-1, 0, 0, 0 },
		{ "November 31, 2019",		-1, 0, 0, 0 },
		{ "2019-13-01",			-1, 0, 0, 0 },
		{ "2019-11-00",			-1, 0, 0, 0 },
		{ "2019-11",			-1, 0, 0, 0 },
		{ "November",			-1, 0, 0, 0 },
		{ "2019",			-1, 0, 0, 0 },
		{ "",				-1, 0, 0, 0 },
		{ "Novembre 4, 2019",		-1, 0, 0, 0 },
		{ "No 4, 2019",			-1, 0, 0, 0 },
		{ "November 4, 2019 draft",	-1, 0, 0, 0 },
		{ "4 November 19",		-1, 0, 0, 0 },
		{ "0 November 2019",		-1, 0, 0, 0 },
		{ "1 January 1899",		-1, 0, 0, 0 },
		{ "Expires: May 7, 2020",	-1, 0, 0, 0 },
		{ "November 123, 2019",		-1, 0, 0, 0 },
		{ "November 4, 20190",		-1, 0, 0, 0 },
	};
	struct draft_date dd;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&dd, 0, sizeof(dd));
		if (draft_date_parse(cases[i].s, strlen(cases[i].s), &dd) != cases[i].rc)
			fail_msg("\"%s\": expected %d", cases[i].s, cases[i].rc);
		assert_int_equal(dd.year, cases[i].y);
		assert_int_equal(dd.month, cases[i].m);
		assert_int_equal(dd.day, cases[i].d);
	}
	/* The length bounds the text: the rest of the buffer is not read. */
	assert_int_equal(draft_date_parse("November 4, 2019xyz", 16, &dd), 0);
	assert_int_equal(dd.day, 4);
	assert_int_equal(draft_date_parse("November 4, 2019", 12, &dd), -1);
	assert_int_equal(draft_date_parse(NULL, 0, &dd), -1);
}

/* R88, R89: the WG and the WG flag come from the name; header-only drafts in memory. R90 (the WG
 * of an individual draft from the database) is the caller's: the reader knows no groups. */
static void
test_r88_r89_group(void **state)
{
	static const struct {
		const char	*name, *group;
		int		 wg;
	} cases[] = {
		{ "draft-ietf-quic-transport-07",	"quic",	1 },
		{ "draft-irtf-cfrg-hpke-03",		"cfrg",	0 },
		{ "draft-nottingham-foo-bar-00",	NULL,	0 },
		{ "draft-ietf-foo-00",			NULL,	0 },	/* no topic after the WG: name.c's rule */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct arena a;
		struct draft d;
		char text[512];
		int n;

		n = snprintf(text, sizeof(text), "Network Working Group                                          A. Person\n"
		    "Internet-Draft                                             May 2, 2020\n\n\n"
		    "                             A Title\n                         %s\n\nAbstract\n\n   Text.\n", cases[i].name);
		arena_init(&a, 0);
		assert_int_equal(draft_parse_text(&a, text, (size_t)n, &d), 0);
		assert_non_null(d.name);
		assert_string_equal(str_or(d.group), str_or(cases[i].group));
		assert_int_equal((d.flags & DF_WG_DRAFT) != 0, cases[i].wg);
		assert_string_equal(d.title, "A Title");
		assert_int_equal(d.date.year, 2020);
		assert_int_equal(d.nauthors, 1);
		assert_string_equal(d.authors[0].name, "A. Person");
		arena_release(&a);
	}
}

/* R16: page-1 header blocks as they come: CRLF, v3 date forms, a wrapped "(if approved)", a long
 * organization left of column 30, tabs, an RFC's header (named by its number, as draft.py does). */
static void
test_r16_header_variants(void **state)
{
	static const struct {
		const char	*text;
		const char	*name, *status, *category, *workgroup, *org;
		int		 y, m, day, nupdates;
	} cases[] = {
		{ "Network Working Group                                      M. Nottingham\r\n"
		  "Internet-Draft                                                    Fastly\r\n"
		  "Updates: 7230, 7231                                    J. F. Reschke, Ed.\r\n"
		  "(if approved)                                                 greenbytes\r\n"
		  "Intended status: Informational                           4 November 2019\r\n"
		  "Expires: 7 May 2020\r\n\r\n\r\n"
		  "             A Title <draft-nottingham-x-y-01.txt>\r\n\r\nAbstract\r\n\r\n   One line.\r\n",
		  "draft-nottingham-x-y", "Informational", "info", "Network Working Group", "Fastly", 2019, 11, 4, 2 },
		{ "Workgroup: HTTP                                                A. Person\n"
		  "Internet-Draft        Swiss Federal Institute of Technology (ETH Zurich)\n"
		  "Intended status: Experimental                                 2019-11-04\n\n\n"
		  "                       Frobs\n                 draft-a-b-c-00\n",
		  "draft-a-b-c", "Experimental", "exp", "HTTP", "Swiss Federal Institute of Technology (ETH Zurich)",
		  2019, 11, 4, 0 },
		{ "INTERNET-DRAFT                                               D. Eastlake\n"
		  "Intended status: Proposed Standard                             L. Dunbar\n"
		  "Expires: September 1, 2017\t\t\t\t\t  Huawei\n"
		  "\t\t\t\t\t\t\t   March 2, 2017\n\n\n"
		  "                TRILL: Edge Directory Assist Mechanisms\n"
		  "         <draft-ietf-trill-directory-assist-mechanisms-12.txt>\n",
		  "draft-ietf-trill-directory-assist-mechanisms", "Proposed Standard", "std", NULL, "Huawei", 2017, 3, 2, 0 },
		{ "Internet Engineering Task Force (IETF)                      G. Camarillo\n"
		  "Request for Comments: 8855                                      Ericsson\n"
		  "Obsoletes: 4582                                             January 2021\n"
		  "Category: Standards Track\n\n\n"
		  "                The Binary Floor Control Protocol (BFCP)\n\n",
		  "rfc8855", "Standards Track", "std", "Internet Engineering Task Force (IETF)", "Ericsson", 2021, 1, 0, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct arena a;
		struct draft d;

		arena_init(&a, 0);
		assert_int_equal(draft_parse_text(&a, cases[i].text, strlen(cases[i].text), &d), 0);
		assert_string_equal(str_or(d.name), cases[i].name);
		assert_string_equal(str_or(d.status), cases[i].status);
		assert_string_equal(str_or(d.category), cases[i].category);
		assert_string_equal(str_or(d.workgroup), str_or(cases[i].workgroup));
		assert_true(d.nauthors > 0 || cases[i].org == NULL);
		if (cases[i].org != NULL)
			assert_string_equal(str_or(d.authors[0].org), cases[i].org);
		assert_int_equal(d.date.year, cases[i].y);
		assert_int_equal(d.date.month, cases[i].m);
		assert_int_equal(d.date.day, cases[i].day);
		assert_int_equal(d.nupdates, cases[i].nupdates);
		arena_release(&a);
	}
}

/* BCP 14 key words count only in upper case and outside quotes (the boilerplate defines them). */
static void
test_bcp14_keywords(void **state)
{
	static const struct {
		const char	*body;
		int		 keywords, rfc2119;
	} cases[] = {
		{ "   Clients MUST send it.\n", 1, 0 },
		{ "   Clients must send it and should not care.\n", 0, 0 },
		{ "   The key words \"MUST\", \"MUST NOT\", \"REQUIRED\", \"SHALL\", \"SHALL\n"
		  "   NOT\", \"SHOULD\", \"SHOULD NOT\", \"RECOMMENDED\", \"MAY\", and\n"
		  "   \"OPTIONAL\" in this document are to be interpreted as described in\n"
		  "   RFC 2119.\n", 0, 1 },
		{ "   A server MAY close.  See the MUSTARD section.\n", 1, 0 },
		{ "   See the MUSTARD and MAYBE sections.\n", 0, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct arena a;
		struct draft d;
		char text[1024];
		int n;

		n = snprintf(text, sizeof(text), "1.  Introduction\n\n%s", cases[i].body);
		arena_init(&a, 0);
		assert_int_equal(draft_parse_text(&a, text, (size_t)n, &d), 0);
		if (((d.flags & DF_BCP14_KEYWORDS) != 0) != cases[i].keywords ||
		    ((d.flags & DF_RFC2119_BOILERPLATE) != 0) != cases[i].rfc2119)
			fail_msg("case %zu: flags 0x%x", i, d.flags);
		arena_release(&a);
	}
}

/* R15: malformed input never crashes; the reader says what it met and still returns 0. */
static void
test_r15_malformed(void **state)
{
	static const struct {
		const char	*what;
		const char	*bytes;
		size_t		 len;
		enum nit_id	 nit;
		unsigned	 flags;
	} cases[] = {
		{ "empty", BYTES(""), NIT_FILE_EMPTY, 0 },
		{ "blank lines", BYTES("  \n\n\t\n\f\n"), NIT_FILE_EMPTY, DF_FORM_FEEDS | DF_TABS },
		{ "NUL bytes", BYTES("draft-a-b-00\0\0\0text\n"), NIT_BINARY_CONTENT, DF_NUL },
		{ "invalid UTF-8", BYTES("Title \xc3\x28 and \xff\xfe\nAbstract\n\n   caf\xc3\xa9 \xed\xa0\x80\n"),
		    NIT_INVALID_UTF8, DF_INVALID_UTF8 | DF_NON_ASCII },
		{ "overlong and truncated", BYTES("a \xc0\xaf b \xe2\x82"), NIT_INVALID_UTF8, DF_INVALID_UTF8 },
		{ "controls", BYTES("\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0e\x0f\x10\x11\x12"), NIT_BINARY_CONTENT, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct arena a;
		struct draft d;

		arena_init(&a, 0);
		if (draft_parse_text(&a, cases[i].bytes, cases[i].len, &d) != 0)
			fail_msg("%s: not 0", cases[i].what);
		if (!has_nit(&d, cases[i].nit))
			fail_msg("%s: nit %d missing", cases[i].what, (int)cases[i].nit);
		if ((d.flags & cases[i].flags) != cases[i].flags)
			fail_msg("%s: flags 0x%x", cases[i].what, d.flags);
		arena_release(&a);
	}
}

/* R15: inputs the fuzzer found, kept as they broke an earlier version. */
static void
test_r15_fuzz_regressions(void **state)
{
	static const struct {
		const char	*bytes;
		size_t		 len;
	} cases[] = {
		/* a line of vertical tabs counted as text, but trimmed to nothing: read before its start */
		{ BYTES("Abstract\n\n\v\n\n1.  Intro\n\v \v\n\nAuthors' Addresses\n\n\v\n") },
		/* form feeds inside text lines: two content entries for one line */
		{ BYTES("a\fb\n\fc\f\n\f\fd\n[Page 1]\n\fInternet-Draft  x  2019\n") },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct arena a;
		struct draft d;

		arena_init(&a, 0);
		assert_int_equal(draft_parse_text(&a, cases[i].bytes, cases[i].len, &d), 0);
		arena_release(&a);
	}
}

/* R15: binary content (every byte value), a 10 MB single line, and long runs of structure. */
static void
test_r15_binary_and_huge(void **state)
{
	static const char *const pattern[2] = {
		"1.  References\n\n   [RFC1]  RFC 1, draft-",
		"Copyright (c) draft-a-b-0 [Page 1]\f\r\n   ",
	};
	struct arena a;
	struct draft d;
	size_t i, n = 10u << 20;
	char *buf = malloc(n);

	(void)state;
	assert_non_null(buf);
	for (i = 0; i < 65536; i++)
		buf[i] = (char)(i * 7 + (i >> 8));
	arena_init(&a, 0);
	assert_int_equal(draft_parse_text(&a, buf, 65536, &d), 0);
	assert_true(has_nit(&d, NIT_BINARY_CONTENT));
	assert_true(d.flags & DF_NUL);
	arena_release(&a);

	/* One 10 MB line: one line, one page, no name, and it stays linear. */
	memset(buf, 'x', n);
	for (i = 100; i < n; i += 100)
		buf[i] = ' ';
	arena_init(&a, 0);
	assert_int_equal(draft_parse_text(&a, buf, n, &d), 0);
	assert_int_equal(d.nlines, 1);
	assert_int_equal(d.lines[0].len, n);
	assert_int_equal(d.pages, 1);
	assert_null(d.name);
	assert_int_equal(d.nnits, 0);
	arena_release(&a);

	/* Ten MB of the things the reader looks for, over and over. */
	assert_int_equal(strlen(pattern[0]), 40);
	assert_int_equal(strlen(pattern[1]), 40);
	for (i = 0; i + 40 <= n; i += 40)
		memcpy(buf + i, pattern[(i / 40) % 2], 40);
	arena_init(&a, 0);
	assert_int_equal(draft_parse_text(&a, buf, n, &d), 0);
	assert_true(d.pages > 1);
	arena_release(&a);
	free(buf);
}

/* R15: every truncation of a real draft reads; once the name line is in, the name is right. */
static void
test_r15_truncated(void **state)
{
	size_t len, cut;
	char *buf = slurp(DATA "draft-example-minimal-00.txt", &len);

	(void)state;
	for (cut = 0; cut <= len; cut += (cut < 800 ? 7 : 97)) {
		struct arena a;
		struct draft d;
		char *copy = malloc(cut + 1);

		/* A copy of exactly cut bytes, so ASan sees any read past the end. */
		assert_non_null(copy);
		memcpy(copy, buf, cut);
		arena_init(&a, 0);
		assert_int_equal(draft_parse_text(&a, copy, cut, &d), 0);
		if (cut >= 900) {
			assert_string_equal(str_or(d.name), "draft-example-minimal");
			assert_string_equal(str_or(d.rev), "00");
		}
		if (cut == 0)
			assert_true(has_nit(&d, NIT_FILE_EMPTY));
		arena_release(&a);
		free(copy);
	}
	free(buf);
}

/* A capped arena (the caller's limit) is refused cleanly, never overrun. */
static void
test_arena_cap(void **state)
{
	size_t len, cap;
	char *buf = slurp(DATA "draft-example-minimal-00.txt", &len);

	(void)state;
	for (cap = 64; cap < (256u << 10); cap *= 2) {
		struct arena a;
		struct draft d;
		int rc;

		arena_init(&a, cap);
		rc = draft_parse_text(&a, buf, len, &d);
		assert_true(rc == 0 || rc == -1);
		arena_release(&a);
	}
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_r14_r16_fields),
		cmocka_unit_test(test_r16_authors),
		cmocka_unit_test(test_sections),
		cmocka_unit_test(test_references),
		cmocka_unit_test(test_updates_obsoletes),
		cmocka_unit_test(test_lines_and_pages),
		cmocka_unit_test(test_date_forms),
		cmocka_unit_test(test_r16_header_variants),
		cmocka_unit_test(test_r88_r89_group),
		cmocka_unit_test(test_bcp14_keywords),
		cmocka_unit_test(test_r15_malformed),
		cmocka_unit_test(test_r15_fuzz_regressions),
		cmocka_unit_test(test_r15_binary_and_huge),
		cmocka_unit_test(test_r15_truncated),
		cmocka_unit_test(test_arena_cap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
