/* test_nits.c: every rule of the rule table, on a minimal draft that triggers it and on a clean one
 * that does not (R17-R24, R27). The drafts are built as structs, so the rules are tested apart from
 * the readers (their own tests feed real text and XML). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "draft/nits.h"

static struct arena A;
static struct draft_author two_authors[2] = {
	{ "Ann Author", "A.", "Author", "Example", "ann@example.org" },
	{ "Bo Writer", "B.", "Writer", "Example", "bo@example.org" },
};
static struct draft_ref refs[2] = {
	{ "RFC2119", "rfc2119", REF_NORMATIVE, 60 },
	{ "HTTP", "rfc9110", REF_INFORMATIVE, 62 },
};
static int updates[1] = { 2616 };

/* 70 lines on two pages: page 1 has the header, page 2 cites both references, then the references. */
static char textbuf[70][80];
static struct draft_line lines[70];

static void
clean(struct draft *d, enum draft_format f)
{
	int i;

	memset(d, 0, sizeof(*d));
	d->format = f;
	d->xml_version = f == DRAFT_XML ? 3 : 0;
	d->name = "draft-ietf-quic-foo";
	d->rev = "03";
	d->group = "quic";
	d->title = "A Clean Draft";
	d->abstract = "This document updates RFC 2616 and does clean things.";
	d->date = (struct draft_date){ 2026, 11, 20 };
	d->expires = (struct draft_date){ 2027, 5, 24 };
	d->status = "Standards Track";
	d->category = "std";
	d->ipr = "trust200902";
	d->authors = two_authors;
	d->nauthors = 2;
	d->refs = refs;
	d->nrefs = 2;
	d->updates = updates;
	d->nupdates = 1;
	d->pages = 2;
	d->copyright_year = 2026;
	d->flags = DF_BCP14_KEYWORDS | DF_RFC2119_BOILERPLATE | DF_RFC8174_BOILERPLATE | DF_TLP_BOILERPLATE |
	    DF_COPYRIGHT_NOTICE | DF_TLP_LICENSE | DF_ID_BOILERPLATE | DF_VALIDITY_PARAGRAPH | DF_CURRENT_LIST |
	    DF_FORM_FEEDS | DF_IANA_SECTION | DF_SECURITY_SECTION | DF_INTRODUCTION | DF_TOC | DF_AUTHORS_SECTION |
	    DF_REFERENCES_SECTION | DF_WG_DRAFT;
	for (i = 0; i < 70; i++) {
		if (i == 0)
			snprintf(textbuf[i], sizeof(textbuf[i]), "QUIC Working Group                                         A. Author");
		else if (i == 1)
			snprintf(textbuf[i], sizeof(textbuf[i]), "Internet-Draft                                           Example Inc.");
		else if (i == 40)
			snprintf(textbuf[i], sizeof(textbuf[i]), "   Keywords come from [RFC2119]; HTTP is in [HTTP].");
		else
			snprintf(textbuf[i], sizeof(textbuf[i]), "   line %d", i + 1);
		lines[i].p = textbuf[i];
		lines[i].len = (uint32_t)strlen(textbuf[i]);
		lines[i].page = i < 35 ? 1 : 2;
	}
	d->lines = lines;
	d->nlines = f == DRAFT_TXT ? 70 : 0;
}

static const struct check_opts opts = { CHECK_NORMAL, { 2026, 11, 22 }, "draft-ietf-quic-foo-03.txt", "02", NULL };

static int
count(const struct draft *d, enum nit_id id)
{
	size_t i;
	int n = 0;

	for (i = 0; i < d->nnits; i++)
		n += d->nits[i].id == id;
	return n;
}

static void
dump(const struct draft *d)
{
	size_t i;

	for (i = 0; i < d->nnits; i++)
		print_message("  nit %s line %d: %s\n", nit_rules[d->nits[i].id].code, d->nits[i].line,
		    d->nits[i].detail ? d->nits[i].detail : "");
}

static void
test_clean_drafts_have_no_nits(void **state)
{
	struct draft d;

	(void)state;
	clean(&d, DRAFT_TXT);
	draft_check(&A, &d, &opts);
	if (d.nnits != 0)
		dump(&d);
	assert_int_equal(d.nnits, 0);
	clean(&d, DRAFT_XML);
	draft_check(&A, &d, &(struct check_opts){ CHECK_NORMAL, { 2026, 11, 22 }, "draft-ietf-quic-foo-03.xml", NULL, NULL });
	if (d.nnits != 0)
		dump(&d);
	assert_int_equal(d.nnits, 0);
}

static void m_no_name(struct draft *d) { d->name = NULL; d->rev = NULL; }
static void m_other_name(struct draft *d) { d->name = "draft-ietf-quic-bar"; }
static void m_other_rev(struct draft *d) { d->rev = "04"; }
static void m_bad_name(struct draft *d) { d->name = "draft-ietf--quic"; }
static void m_old_rev(struct draft *d) { d->rev = "02"; }
static void m_no_tlp(struct draft *d) { d->flags &= ~DF_TLP_BOILERPLATE; }
static void m_old_boiler(struct draft *d) { d->ipr = "full3978"; }
static void m_no_copyright(struct draft *d) { d->flags &= ~DF_COPYRIGHT_NOTICE; }
static void m_copy_year(struct draft *d) { d->copyright_year = 2025; }
static void m_no_license(struct draft *d) { d->flags &= ~DF_TLP_LICENSE; }
static void m_no_id_para(struct draft *d) { d->flags &= ~DF_ID_BOILERPLATE; }
static void m_no_validity(struct draft *d) { d->flags &= ~DF_VALIDITY_PARAGRAPH; }
static void m_no_list(struct draft *d) { d->flags &= ~DF_CURRENT_LIST; }
static void m_no_expires(struct draft *d) { d->expires = (struct draft_date){ 0, 0, 0 }; }
static void m_far_expires(struct draft *d) { d->expires = (struct draft_date){ 2028, 1, 1 }; }
static void m_no_ipr(struct draft *d) { d->ipr = NULL; }
static void m_old_ipr(struct draft *d) { d->ipr = "full3978"; }
static void m_no_abstract(struct draft *d) { d->abstract = ""; }
static void m_no_intro(struct draft *d) { d->flags &= ~DF_INTRODUCTION; }
static void m_no_security(struct draft *d) { d->flags &= ~DF_SECURITY_SECTION; }
static void m_no_iana(struct draft *d) { d->flags &= ~DF_IANA_SECTION; }
static void m_no_authors(struct draft *d) { d->nauthors = 0; }
static void m_unsplit_refs(struct draft *d) { refs[0].kind = refs[1].kind = REF_UNCLASSIFIED; (void)d; }
static void m_long_no_toc(struct draft *d) { d->pages = 16; d->flags &= ~DF_TOC; }
static void m_no_title(struct draft *d) { d->title = NULL; }
static void m_no_id(struct draft *d) { textbuf[1][0] = 'X'; textbuf[1][1] = 'X'; (void)d; }
static void m_no_date(struct draft *d) { d->date = (struct draft_date){ 0, 0, 0 }; }
static void m_old_date(struct draft *d) { d->date = (struct draft_date){ 2026, 11, 1 }; d->expires = (struct draft_date){ 2027, 5, 5 }; }
static void m_new_date(struct draft *d) { d->date = (struct draft_date){ 2026, 12, 1 }; d->expires = (struct draft_date){ 2027, 6, 4 }; }
static void m_no_status(struct draft *d) { d->status = NULL; d->category = NULL; }
static void m_no_boiler(struct draft *d) { d->flags &= ~(DF_RFC2119_BOILERPLATE | DF_RFC8174_BOILERPLATE); }
static void m_no_keywords(struct draft *d) { d->flags &= ~DF_BCP14_KEYWORDS; }
static void m_no_2119_ref(struct draft *d) { refs[0].target = "rfc8174"; (void)d; }
static void m_only_2119(struct draft *d) { d->flags &= ~DF_RFC8174_BOILERPLATE; }
static void m_unused_ref(struct draft *d) { snprintf(textbuf[40], sizeof(textbuf[40]), "   only [RFC2119] here"); lines[40].len = (uint32_t)strlen(textbuf[40]); (void)d; }
static void m_missing_ref(struct draft *d) { snprintf(textbuf[41], sizeof(textbuf[41]), "   see [NOSUCHREF]"); lines[41].len = (uint32_t)strlen(textbuf[41]); (void)d; }
static void m_obsoletes(struct draft *d) { static int o[1] = { 7540 }; d->obsoletes = o; d->nobsoletes = 1; }
static void m_updates(struct draft *d) { d->abstract = "No mention of what it updates."; }
static void m_long_line(struct draft *d) { memset(textbuf[50], 'x', 75); textbuf[50][75] = '\0'; lines[50].len = 75; (void)d; }
static void m_long_page(struct draft *d) { int i; for (i = 0; i < 70; i++) lines[i].page = 1; d->pages = 1; }
static void m_no_ff(struct draft *d) { d->flags &= ~DF_FORM_FEEDS; }
static void m_tabs(struct draft *d) { d->flags |= DF_TABS; }
static void m_nonascii(struct draft *d) { d->flags |= DF_NON_ASCII; }
static void m_bad_utf8(struct draft *d) { d->flags |= DF_INVALID_UTF8; }
static void m_nul(struct draft *d) { d->flags |= DF_NUL; }
static void m_many_authors(struct draft *d) { static struct draft_author six[6]; size_t i; for (i = 0; i < 6; i++) six[i] = two_authors[0]; d->authors = six; d->nauthors = 6; }

static const struct { enum nit_id id; enum draft_format f; void (*mutate)(struct draft *); const char *last_rev; } cases[] = {
	{ NIT_DOCUMENT_NAME_MISSING, DRAFT_TXT, m_no_name, NULL },
	{ NIT_FILENAME_DOCNAME_MISMATCH, DRAFT_TXT, m_other_name, NULL },		/* R22 */
	{ NIT_REVISION_MISMATCH, DRAFT_XML, m_other_rev, NULL },			/* R22 */
	{ NIT_DOCNAME_INVALID, DRAFT_TXT, m_bad_name, NULL },
	{ NIT_REVISION_NOT_NEXT, DRAFT_TXT, m_old_rev, "02" },			/* R22 */
	{ NIT_SUBMISSION_COMPLIANCE_LINE_MISSING, DRAFT_TXT, m_no_tlp, NULL },	/* R23 */
	{ NIT_OLD_BOILERPLATE, DRAFT_TXT, m_old_boiler, NULL },
	{ NIT_COPYRIGHT_LINE_MISSING, DRAFT_TXT, m_no_copyright, NULL },
	{ NIT_COPYRIGHT_YEAR_MISMATCH, DRAFT_TXT, m_copy_year, NULL },
	{ NIT_TLP5_LICENSE_RESTRICTION_NOTICE_MISSING, DRAFT_TXT, m_no_license, NULL },
	{ NIT_ACCEPTABLE_PARAGRAPH_NOTING_THAT_DRAFT_MISSING, DRAFT_TXT, m_no_id_para, NULL },
	{ NIT_ACCEPTABLE_PARAGRAPH_PROVIDING_FOR_PERIOD_OF_VALIDITY_MISSING, DRAFT_TXT, m_no_validity, NULL },
	{ NIT_ACCEPTABLE_PARAGRAPH_POINTING_LIST_ID_MISSING, DRAFT_TXT, m_no_list, NULL },
	{ NIT_EXPIRES_LINE_MISSING, DRAFT_TXT, m_no_expires, NULL },
	{ NIT_EXPIRES_MISMATCH, DRAFT_TXT, m_far_expires, NULL },
	{ NIT_MISSING_IPR_ATTRIBUTE, DRAFT_XML, m_no_ipr, NULL },
	{ NIT_INVALID_IPR_VALUE, DRAFT_XML, m_old_ipr, NULL },
	{ NIT_MISSING_ABSTRACT_SECTION, DRAFT_XML, m_no_abstract, NULL },
	{ NIT_MISSING_INTRODUCTION_SECTION, DRAFT_TXT, m_no_intro, NULL },
	{ NIT_MISSING_SECURITY_CONSIDERATIONS_SECTION, DRAFT_XML, m_no_security, NULL },
	{ NIT_MISSING_IANA_CONSIDERATIONS_SECTION, DRAFT_TXT, m_no_iana, NULL },
	{ NIT_MISSING_AUTHOR_SECTION, DRAFT_TXT, m_no_authors, NULL },
	{ NIT_MISSING_REFERENCES_SUBSECTIONS, DRAFT_XML, m_unsplit_refs, NULL },
	{ NIT_DOCUMENT_HAVE_MORE_15_PAGES_OR_MISS_TABLE_OF_CONTENTS, DRAFT_TXT, m_long_no_toc, NULL },
	{ NIT_TITLE_MISSING, DRAFT_XML, m_no_title, NULL },
	{ NIT_ID_INDICATOR_MISSING, DRAFT_TXT, m_no_id, NULL },
	{ NIT_MISSING_DOC_DATE, DRAFT_XML, m_no_date, NULL },
	{ NIT_DOC_DATE_IN_PAST, DRAFT_TXT, m_old_date, NULL },
	{ NIT_DOC_DATE_IN_FUTURE, DRAFT_XML, m_new_date, NULL },
	{ NIT_UNDEFINED_STATUS, DRAFT_TXT, m_no_status, NULL },
	{ NIT_MISSING_REQLEVEL_BOILERPLATE, DRAFT_TXT, m_no_boiler, NULL },
	{ NIT_MISSING_REQLEVEL_KEYWORDS, DRAFT_XML, m_no_keywords, NULL },
	{ NIT_MISSING_REQLEVEL_REF, DRAFT_XML, m_no_2119_ref, NULL },
	{ NIT_PREFER_BCP14_REF, DRAFT_TXT, m_only_2119, NULL },
	{ NIT_REFERENCE_NOT_USED, DRAFT_TXT, m_unused_ref, NULL },
	{ NIT_REFERENCE_MISSING_IN_REFERENCE_SECTION, DRAFT_TXT, m_missing_ref, NULL },
	{ NIT_OBSOLETES_NOT_IN_ABSTRACT, DRAFT_XML, m_obsoletes, NULL },
	{ NIT_UPDATES_NOT_IN_ABSTRACT, DRAFT_TXT, m_updates, NULL },
	{ NIT_LINE_TOO_LONG, DRAFT_TXT, m_long_line, NULL },
	{ NIT_TOO_MANY_LINES_ON_PAGE, DRAFT_TXT, m_long_page, NULL },
	{ NIT_PAGES_NOT_SEPARATED_BY_FORMFEEDS, DRAFT_TXT, m_no_ff, NULL },
	{ NIT_TABS_NOT_ALLOWED, DRAFT_TXT, m_tabs, NULL },
	{ NIT_NON_ASCII_UTF8, DRAFT_TXT, m_nonascii, NULL },
	{ NIT_INVALID_UTF8, DRAFT_TXT, m_bad_utf8, NULL },
	{ NIT_CONTROL_CHARACTERS, DRAFT_TXT, m_nul, NULL },
	{ NIT_TOO_MANY_AUTHORS, DRAFT_XML, m_many_authors, NULL },
};

static void
test_each_rule_triggers(void **state)
{
	struct draft d;
	struct check_opts o;
	size_t i;
	unsigned char covered[NIT__MAX] = { 0 };

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		clean(&d, cases[i].f);
		refs[0] = (struct draft_ref){ "RFC2119", "rfc2119", REF_NORMATIVE, 60 };
		refs[1] = (struct draft_ref){ "HTTP", "rfc9110", REF_INFORMATIVE, 62 };
		cases[i].mutate(&d);
		o = opts;
		o.filename = cases[i].f == DRAFT_TXT ? "draft-ietf-quic-foo-03.txt" : "draft-ietf-quic-foo-03.xml";
		o.last_rev = cases[i].last_rev;
		draft_check(&A, &d, &o);
		if (count(&d, cases[i].id) != 1) {
			dump(&d);
			fail_msg("case %zu: %s found %d times", i, nit_rules[cases[i].id].code, count(&d, cases[i].id));
		}
		covered[cases[i].id] = 1;
	}
	/* Every rule the checker decides has a case here (the reading ones are the readers' tests). */
	for (i = NIT_DOCUMENT_NAME_MISSING; i < NIT__MAX; i++)
		if (!covered[i] && i != NIT_FORMATS_DISAGREE && i != NIT_FILENAME_INVALID && i != NIT_TEXT_DIFFERS_FROM_XML &&
		    i != NIT_XML_NOT_RENDERED && i != NIT_TEXT_NOT_GENERATED)
			fail_msg("rule %s has no test case", nit_rules[i].code);
	clean(&d, DRAFT_TXT);	/* restore the shared text */
}

static void
test_rule_table_is_complete(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < NIT__MAX; i++) {
		assert_non_null(nit_rules[i].code);
		assert_true(strlen(nit_rules[i].message) > 10);
		assert_true(strlen(nit_rules[i].source) > 5);	/* every message cites its source (R27) */
		assert_true(nit_rules[i].formats != 0);
	}
}

/* R17, R24: in submission mode only absolute requirements block posting. */
static void
test_submission_mode_blocks_only_absolute_requirements(void **state)
{
	struct draft d;
	struct check_opts o = opts;
	int e, w, c;

	(void)state;
	clean(&d, DRAFT_TXT);
	d.flags &= ~(DF_SECURITY_SECTION | DF_TLP_BOILERPLATE);
	o.mode = CHECK_SUBMISSION;
	draft_check(&A, &d, &o);
	draft_nit_counts(&d, &e, &w, &c);
	assert_int_equal(e, 1);		/* the BCP 78/79 notice: blocks */
	assert_int_equal(w, 1);		/* no Security Considerations: warned, not blocked */
	clean(&d, DRAFT_TXT);
	d.flags &= ~(DF_SECURITY_SECTION | DF_TLP_BOILERPLATE);
	o.mode = CHECK_NORMAL;
	draft_check(&A, &d, &o);
	draft_nit_counts(&d, &e, &w, &c);
	assert_int_equal(e, 2);
}

/* R18: the two formats of one submission agree. */
static void
test_pair_agreement(void **state)
{
	struct draft t, x;
	struct draft_author other[2] = { two_authors[0], { "Cy Else", "C.", "Else", NULL, "cy@example.org" } };

	(void)state;
	clean(&t, DRAFT_TXT);
	clean(&x, DRAFT_XML);
	x.title = "A  clean-draft";	/* spacing, case and punctuation differ: still the same title */
	draft_check_pair(&A, &t, &x);
	assert_int_equal(t.nnits, 0);
	x.title = "Another Draft";
	x.rev = "04";
	x.authors = other;
	draft_check_pair(&A, &t, &x);
	assert_int_equal(count(&t, NIT_FORMATS_DISAGREE), 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rule_table_is_complete),
		cmocka_unit_test(test_clean_drafts_have_no_nits),
		cmocka_unit_test(test_each_rule_triggers),
		cmocka_unit_test(test_submission_mode_blocks_only_absolute_requirements),
		cmocka_unit_test(test_pair_agreement),
	};
	int rc;

	arena_init(&A, 0);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	arena_release(&A);
	return rc;
}
