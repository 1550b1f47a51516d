/* nits.c: the rule table and the checker. Every rule is a row: its id (idnits 3's code where one
 * exists), severity, whether it blocks a submission, the formats it reads, its sentence and the
 * normative source. draft_check() runs the rules over a struct draft from either reader; readers
 * report what they met while reading through draft_nit_add(). */
#include <ctype.h>
#include <stdlib.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../core/arena.h"
#include "nits.h"

#define TXT	DRAFT_TXT
#define XML	DRAFT_XML
#define BOTH	(DRAFT_TXT | DRAFT_XML)

/* Sources, cited by every row. */
#define SRC_TLP		"IETF Trust Legal Provisions (TLP) 5, section 6.a; BCP 78"
#define SRC_BCP79	"BCP 79 (RFC 8179); TLP 5, section 6.a"
#define SRC_IDG		"Guidelines to Authors of Internet-Drafts, section 3 (https://www.ietf.org/standards/ids/guidelines/)"
#define SRC_IDG_NAME	"Guidelines to Authors of Internet-Drafts, section 7 (naming)"
#define SRC_2026	"RFC 2026, section 2.2 (six-month validity)"
#define SRC_7322	"RFC 7322 (RFC Style Guide), section 4"
#define SRC_CONTENT	"https://authors.ietf.org/en/required-content"
#define SRC_8174	"RFC 8174 (BCP 14), section 2"
#define SRC_7991	"RFC 7991, section 2.45 (<rfc> attributes)"
#define SRC_7997	"RFC 7997 (non-ASCII characters in RFCs)"
#define SRC_SUBMIT	"draft-ietf-tools-draft-submission, section 8.4.1"

const struct nit_rule nit_rules[NIT__MAX] = {
	/* NIT_XML_PARSING_FAILED */
	{ "XML_PARSING_FAILED", SEV_ERROR, 1, XML, "The XML is not well-formed.", "XML 1.0; RFC 7991" },
	/* NIT_XML_INCLUDE_UNRESOLVED */
	{ "XML_INCLUDE_UNRESOLVED", SEV_ERROR, 1, XML,
	  "An include could not be resolved from the local reference library.", "draft-ietf-tools-draft-submission, R8, R11" },
	/* NIT_XML_ENTITY_REFUSED */
	{ "XML_ENTITY_REFUSED", SEV_ERROR, 1, XML,
	  "An external entity points outside the reference library and was not read.", "draft-ietf-tools-draft-submission, R11" },
	/* NIT_FILE_EMPTY */
	{ "FILE_EMPTY", SEV_ERROR, 1, BOTH, "The file is empty.", SRC_IDG },
	/* NIT_BINARY_CONTENT */
	{ "BINARY_CONTENT", SEV_ERROR, 1, BOTH, "The file holds binary data, not an Internet-Draft.", SRC_IDG },
	/* NIT_DOCUMENT_NAME_MISSING */
	{ "DOCUMENT_NAME_MISSING", SEV_ERROR, 1, BOTH,
	  "The document does not give its name (draft-...-NN) on the first page or in docName.", SRC_IDG_NAME },
	/* NIT_FILENAME_DOCNAME_MISMATCH */
	{ "FILENAME_DOCNAME_MISMATCH", SEV_ERROR, 1, BOTH,
	  "The name in the document differs from the file name.", SRC_SUBMIT " (R22)" },
	/* NIT_FILENAME_INVALID */
	{ "FILENAME_INVALID", SEV_ERROR, 1, BOTH, "The file name is not a valid Internet-Draft name.", SRC_IDG_NAME },
	/* NIT_REVISION_MISMATCH */
	{ "REVISION_MISMATCH", SEV_ERROR, 1, BOTH,
	  "The revision in the document differs from the file name's.", SRC_SUBMIT " (R22)" },
	/* NIT_REVISION_NOT_NEXT */
	{ "REVISION_NOT_NEXT", SEV_ERROR, 1, BOTH,
	  "The revision is not the next one after the last posted revision.", SRC_SUBMIT " (R22)" },
	/* NIT_DOCNAME_INVALID */
	{ "DOCNAME_INVALID", SEV_ERROR, 1, BOTH, "The document's name is not a valid Internet-Draft name.", SRC_IDG_NAME },
	/* NIT_FORMATS_DISAGREE */
	{ "FORMATS_DISAGREE", SEV_ERROR, 1, BOTH,
	  "The plain-text and XML files of this submission do not agree.", SRC_SUBMIT " (R18)" },
	/* NIT_TEXT_DIFFERS_FROM_XML */
	{ "TEXT_DIFFERS_FROM_XML", SEV_WARNING, 0, TXT,
	  "The plain text does not say what the XML says: the text idtracker renders from the XML has other words "
	  "(layout, spacing, page headers and dates aside). The XML is the source the RFC Editor works from.",
	  SRC_SUBMIT " (R18); seed 004 section 8.1 (R70)" },
	/* NIT_XML_NOT_RENDERED */
	{ "XML_NOT_RENDERED", SEV_WARNING, 0, TXT,
	  "The XML could not be rendered as text, so the plain text was not compared with it.",
	  SRC_SUBMIT " (R18); seed 004 section 8.1 (R70)" },
	/* NIT_TEXT_NOT_GENERATED */
	{ "TEXT_NOT_GENERATED", SEV_ERROR, 1, XML,
	  "The XML came without a plain text and the text could not be generated from it; upload the text, or "
	  "mend what the renderer names.", "seed 004 section 8.1 (R69)" },
	/* NIT_SUBMISSION_COMPLIANCE_LINE_MISSING */
	{ "SUBMISSION_COMPLIANCE_LINE_MISSING", SEV_ERROR, 1, TXT,
	  "The notice of compliance with BCP 78 and BCP 79 is missing.", SRC_BCP79 },
	/* NIT_OLD_BOILERPLATE */
	{ "OLD_BOILERPLATE", SEV_ERROR, 1, TXT,
	  "The document uses boilerplate that the IETF Trust Legal Provisions have replaced.", SRC_TLP },
	/* NIT_COPYRIGHT_LINE_MISSING */
	{ "COPYRIGHT_LINE_MISSING", SEV_ERROR, 1, TXT, "The IETF Trust copyright notice is missing.", SRC_TLP },
	/* NIT_COPYRIGHT_YEAR_MISMATCH */
	{ "COPYRIGHT_YEAR_MISMATCH", SEV_WARNING, 0, TXT,
	  "The copyright year differs from the year of the document date.", SRC_TLP },
	/* NIT_TLP5_LICENSE_RESTRICTION_NOTICE_MISSING */
	{ "TLP5_LICENSE_RESTRICTION_NOTICE_MISSING", SEV_ERROR, 1, TXT,
	  "The License Notice (Revised BSD License for code components) is missing.", SRC_TLP " (6.b)" },
	/* NIT_ACCEPTABLE_PARAGRAPH_NOTING_THAT_DRAFT_MISSING */
	{ "ACCEPTABLE_PARAGRAPH_NOTING_THAT_DRAFT_MISSING", SEV_ERROR, 1, TXT,
	  "The paragraph saying that Internet-Drafts are working documents of the IETF is missing.", SRC_IDG },
	/* NIT_ACCEPTABLE_PARAGRAPH_PROVIDING_FOR_PERIOD_OF_VALIDITY_MISSING */
	{ "ACCEPTABLE_PARAGRAPH_PROVIDING_FOR_PERIOD_OF_VALIDITY_MISSING", SEV_ERROR, 1, TXT,
	  "The paragraph about the six-month validity of Internet-Drafts is missing.", SRC_IDG },
	/* NIT_ACCEPTABLE_PARAGRAPH_POINTING_LIST_ID_MISSING */
	{ "ACCEPTABLE_PARAGRAPH_POINTING_LIST_ID_MISSING", SEV_ERROR, 1, TXT,
	  "The paragraph pointing to the list of current Internet-Drafts is missing.", SRC_IDG },
	/* NIT_EXPIRES_LINE_MISSING */
	{ "EXPIRES_LINE_MISSING", SEV_ERROR, 1, TXT,
	  "The expiration date is missing from the first page.", SRC_IDG },
	/* NIT_EXPIRES_MISMATCH */
	{ "EXPIRES_MISMATCH", SEV_WARNING, 0, TXT,
	  "The expiration date is not about six months (185 days) after the document date.", SRC_2026 },
	/* NIT_INVALID_IPR_VALUE */
	{ "INVALID_IPR_VALUE", SEV_ERROR, 1, XML,
	  "The ipr attribute has a value the IETF Trust no longer accepts for new Internet-Drafts.", SRC_7991 "; " SRC_TLP },
	/* NIT_MISSING_IPR_ATTRIBUTE */
	{ "MISSING_IPR_ATTRIBUTE", SEV_ERROR, 1, XML, "The <rfc> element has no ipr attribute.", SRC_7991 },
	/* NIT_MISSING_ABSTRACT_SECTION */
	{ "MISSING_ABSTRACT_SECTION", SEV_ERROR, 0, BOTH, "The abstract is missing.", SRC_CONTENT "#abstract" },
	/* NIT_MISSING_INTRODUCTION_SECTION */
	{ "MISSING_INTRODUCTION_SECTION", SEV_WARNING, 0, BOTH, "The introduction section is missing.", SRC_CONTENT "#introduction" },
	/* NIT_MISSING_SECURITY_CONSIDERATIONS_SECTION */
	{ "MISSING_SECURITY_CONSIDERATIONS_SECTION", SEV_ERROR, 0, BOTH,
	  "The Security Considerations section is missing.", SRC_CONTENT "#security-considerations; RFC 3552" },
	/* NIT_MISSING_IANA_CONSIDERATIONS_SECTION */
	{ "MISSING_IANA_CONSIDERATIONS_SECTION", SEV_WARNING, 0, BOTH,
	  "The IANA Considerations section is missing.", SRC_CONTENT "#iana-considerations; RFC 8126" },
	/* NIT_MISSING_AUTHOR_SECTION */
	{ "MISSING_AUTHOR_SECTION", SEV_ERROR, 0, BOTH, "The Authors' Addresses section is missing.", SRC_CONTENT "#authors-addresses" },
	/* NIT_MISSING_REFERENCES_SUBSECTIONS */
	{ "MISSING_REFERENCES_SUBSECTIONS", SEV_WARNING, 0, BOTH,
	  "References are not split into normative and informative.", SRC_7322 "; RFC 3967" },
	/* NIT_DOCUMENT_HAVE_MORE_15_PAGES_OR_MISS_TABLE_OF_CONTENTS */
	{ "DOCUMENT_HAVE_MORE_15_PAGES_OR_MISS_TABLE_OF_CONTENTS", SEV_ERROR, 0, TXT,
	  "The document is longer than 15 pages but has no table of contents.", SRC_IDG },
	/* NIT_TITLE_MISSING */
	{ "TITLE_MISSING", SEV_ERROR, 1, BOTH, "The document has no title.", SRC_IDG },
	/* NIT_ID_INDICATOR_MISSING */
	{ "ID_INDICATOR_MISSING", SEV_ERROR, 1, TXT,
	  "\"Internet-Draft\" is missing from the upper left of the first page.", SRC_IDG },
	/* NIT_MISSING_DOC_DATE */
	{ "MISSING_DOC_DATE", SEV_WARNING, 0, BOTH, "The document has no date.", SRC_IDG },
	/* NIT_DOC_DATE_IN_PAST */
	{ "DOC_DATE_IN_PAST", SEV_WARNING, 0, BOTH, "The document date is more than 3 days in the past.", SRC_IDG },
	/* NIT_DOC_DATE_IN_FUTURE */
	{ "DOC_DATE_IN_FUTURE", SEV_WARNING, 0, BOTH, "The document date is more than 3 days in the future.", SRC_IDG },
	/* NIT_UNDEFINED_STATUS */
	{ "UNDEFINED_STATUS", SEV_COMMENT, 0, BOTH,
	  "No intended status is given; Proposed Standard is assumed.", "RFC 2026, section 4; " SRC_IDG },
	/* NIT_MISSING_REQLEVEL_BOILERPLATE */
	{ "MISSING_REQLEVEL_BOILERPLATE", SEV_WARNING, 0, BOTH,
	  "The document uses BCP 14 keywords (MUST, SHOULD, ...) but lacks the RFC 2119 / RFC 8174 boilerplate.", SRC_8174 },
	/* NIT_MISSING_REQLEVEL_KEYWORDS */
	{ "MISSING_REQLEVEL_KEYWORDS", SEV_WARNING, 0, BOTH,
	  "The document has the BCP 14 boilerplate but uses none of its keywords.", SRC_8174 },
	/* NIT_MISSING_REQLEVEL_REF */
	{ "MISSING_REQLEVEL_REF", SEV_WARNING, 0, BOTH,
	  "The document has the BCP 14 boilerplate but no normative reference to RFC 2119.", SRC_8174 },
	/* NIT_PREFER_BCP14_REF */
	{ "PREFER_BCP14_REF", SEV_COMMENT, 0, BOTH,
	  "The RFC 2119 boilerplate is used without the RFC 8174 update.", SRC_8174 },
	/* NIT_REFERENCE_NOT_USED */
	{ "REFERENCE_NOT_USED", SEV_WARNING, 0, TXT, "A reference is never cited in the text.", SRC_7322 },
	/* NIT_REFERENCE_MISSING_IN_REFERENCE_SECTION */
	{ "REFERENCE_MISSING_IN_REFERENCE_SECTION", SEV_WARNING, 0, TXT,
	  "A citation has no entry in the references.", SRC_7322 },
	/* NIT_OBSOLETES_NOT_IN_ABSTRACT */
	{ "OBSOLETES_NOT_IN_ABSTRACT", SEV_WARNING, 0, BOTH,
	  "An obsoleted RFC is not mentioned in the abstract.", SRC_IDG "; RFC 7322, section 4.3" },
	/* NIT_UPDATES_NOT_IN_ABSTRACT */
	{ "UPDATES_NOT_IN_ABSTRACT", SEV_WARNING, 0, BOTH,
	  "An updated RFC is not mentioned in the abstract.", SRC_IDG "; RFC 7322, section 4.3" },
	/* NIT_LINE_TOO_LONG */
	{ "LINE_TOO_LONG", SEV_ERROR, 0, TXT, "Lines are longer than 72 characters.", SRC_IDG " (3.4)" },
	/* NIT_TOO_MANY_LINES_ON_PAGE */
	{ "TOO_MANY_LINES_ON_PAGE", SEV_WARNING, 0, TXT, "A page has more than 58 lines.", SRC_IDG " (3.4)" },
	/* NIT_PAGES_NOT_SEPARATED_BY_FORMFEEDS */
	{ "PAGES_NOT_SEPARATED_BY_FORMFEEDS", SEV_WARNING, 0, TXT, "Pages are not separated by form feeds.", SRC_IDG " (3.4)" },
	/* NIT_TABS_NOT_ALLOWED */
	{ "TABS_NOT_ALLOWED", SEV_ERROR, 0, TXT, "The document contains tab characters.", SRC_IDG " (3.4)" },
	/* NIT_NON_ASCII_UTF8 */
	{ "NON_ASCII_UTF8", SEV_COMMENT, 0, TXT, "The document contains non-ASCII characters.", SRC_7997 },
	/* NIT_INVALID_UTF8 */
	{ "INVALID_UTF8", SEV_ERROR, 1, BOTH, "The document is not valid UTF-8.", SRC_7997 },
	/* NIT_CONTROL_CHARACTERS */
	{ "CONTROL_CHARACTERS", SEV_ERROR, 1, TXT,
	  "The document contains control characters other than form feeds and line ends.", SRC_IDG " (3.4)" },
	/* NIT_TOO_MANY_AUTHORS */
	{ "TOO_MANY_AUTHORS", SEV_COMMENT, 0, BOTH,
	  "There are more than 5 authors; discuss the need with the stream's leadership.", SRC_CONTENT "#authors-addresses; RFC 7322, section 4.1.1" },
};

const char *
nit_severity_name(enum nit_severity s)
{
	static const char *const names[] = { "error", "warning", "comment" };

	return s <= SEV_COMMENT ? names[s] : "?";
}

void
draft_nit_add(struct arena *a, struct draft *d, enum nit_id id, int line, const char *fmt, ...)
{
	struct draft_nit *n;
	va_list ap;
	char tmp[512];

	if ((n = arena_grow(a, d->nits, d->nnits, &d->nits_cap, sizeof(*n))) == NULL)
		return;
	d->nits = n;
	n = &d->nits[d->nnits];
	n->id = id;
	n->severity = nit_rules[id].severity;
	n->line = line;
	n->detail = NULL;
	if (fmt != NULL) {
		va_start(ap, fmt);
		vsnprintf(tmp, sizeof(tmp), fmt, ap);
		va_end(ap);
		n->detail = arena_strdup(a, tmp);
	}
	d->nnits++;
}

void
draft_nit_counts(const struct draft *d, int *errors, int *warnings, int *comments)
{
	size_t i;

	*errors = *warnings = *comments = 0;
	for (i = 0; i < d->nnits; i++) {
		switch (d->nits[i].severity) {
		case SEV_ERROR: (*errors)++; break;
		case SEV_WARNING: (*warnings)++; break;
		default: (*comments)++; break;
		}
	}
}

/* ---- the checker ---- */

static int
days_from_civil(int y, int m, int d)
{
	/* Howard Hinnant's algorithm: days since 1970-01-01 for the proleptic Gregorian calendar. */
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Days of a date whose day may be unknown (then the 15th, as the middle of the month). */
static int
date_days(const struct draft_date *dt)
{
	return days_from_civil(dt->year, dt->month, dt->day ? dt->day : 15);
}

static int
line_contains(const struct draft_line *l, const char *needle)
{
	size_t n = strlen(needle);

	return l->len >= n && memmem(l->p, l->len, needle, n) != NULL;
}

static void
check_names(struct arena *a, struct draft *d, const struct check_opts *o)
{
	struct draft_name fn, dn;
	enum name_result r;
	char full[80];

	if (d->name == NULL) {
		draft_nit_add(a, d, NIT_DOCUMENT_NAME_MISSING, 0, NULL);
		return;
	}
	snprintf(full, sizeof(full), "%s%s%s", d->name, d->rev ? "-" : "", d->rev ? d->rev : "");
	if ((r = draft_name_parse(full, o->known_groups, 1, &dn)) != NAME_OK)
		draft_nit_add(a, d, NIT_DOCNAME_INVALID, 0, "%s: %s", full, draft_name_error(r));
	if (o->filename != NULL) {
		if ((r = draft_name_parse(o->filename, o->known_groups, 1, &fn)) != NAME_OK)
			draft_nit_add(a, d, NIT_FILENAME_INVALID, 0, "%s: %s", o->filename, draft_name_error(r));
		else {
			if (strcmp(fn.name, d->name) != 0)
				draft_nit_add(a, d, NIT_FILENAME_DOCNAME_MISMATCH, 0,
				    "the file is named %s-%s but the document calls itself %s", fn.name, fn.rev, full);
			else if (d->rev == NULL || strcmp(fn.rev, d->rev) != 0)
				draft_nit_add(a, d, NIT_REVISION_MISMATCH, 0, "the file says -%s, the document -%s", fn.rev,
				    d->rev ? d->rev : "(none)");
		}
	}
	if (o->last_rev != NULL && d->rev != NULL) {
		int want = o->last_rev[0] == '\0' ? 0 : (int)strtol(o->last_rev, NULL, 10) + 1;
		if ((int)strtol(d->rev, NULL, 10) != want || strlen(d->rev) != 2)
			draft_nit_add(a, d, NIT_REVISION_NOT_NEXT, 0, "expected -%02d, got -%s", want, d->rev);
	}
}

static void
check_text_boilerplate(struct arena *a, struct draft *d)
{
	size_t i;
	int found = 0;

	if (d->ipr != NULL && strncmp(d->ipr, "full", 4) == 0)
		draft_nit_add(a, d, NIT_OLD_BOILERPLATE, 0, "the %s variant", d->ipr);
	else if (!(d->flags & DF_TLP_BOILERPLATE))
		draft_nit_add(a, d, NIT_SUBMISSION_COMPLIANCE_LINE_MISSING, 0, NULL);
	if (!(d->flags & DF_COPYRIGHT_NOTICE))
		draft_nit_add(a, d, NIT_COPYRIGHT_LINE_MISSING, 0, NULL);
	else if (d->copyright_year && d->date.year && d->copyright_year != d->date.year)
		draft_nit_add(a, d, NIT_COPYRIGHT_YEAR_MISMATCH, 0, "copyright %d, document date %d", d->copyright_year,
		    d->date.year);
	if ((d->flags & DF_COPYRIGHT_NOTICE) && !(d->flags & DF_TLP_LICENSE))
		draft_nit_add(a, d, NIT_TLP5_LICENSE_RESTRICTION_NOTICE_MISSING, 0, NULL);
	if (!(d->flags & DF_ID_BOILERPLATE))
		draft_nit_add(a, d, NIT_ACCEPTABLE_PARAGRAPH_NOTING_THAT_DRAFT_MISSING, 0, NULL);
	if (!(d->flags & DF_VALIDITY_PARAGRAPH))
		draft_nit_add(a, d, NIT_ACCEPTABLE_PARAGRAPH_PROVIDING_FOR_PERIOD_OF_VALIDITY_MISSING, 0, NULL);
	if (!(d->flags & DF_CURRENT_LIST))
		draft_nit_add(a, d, NIT_ACCEPTABLE_PARAGRAPH_POINTING_LIST_ID_MISSING, 0, NULL);
	if (d->expires.year == 0)
		draft_nit_add(a, d, NIT_EXPIRES_LINE_MISSING, 0, NULL);
	else if (d->date.year != 0) {
		int span = date_days(&d->expires) - date_days(&d->date);
		if (span < 170 || span > 200)
			draft_nit_add(a, d, NIT_EXPIRES_MISMATCH, 0, "%d days after the document date", span);
	}
	/* "Internet-Draft" in the upper left of page 1: the first lines with text, left column. */
	for (i = 0; i < d->nlines && i < 40 && !found; i++)
		found = d->lines[i].page <= 1 && (line_contains(&d->lines[i], "Internet-Draft") ||
		    line_contains(&d->lines[i], "INTERNET-DRAFT") || line_contains(&d->lines[i], "Internet Draft"));
	if (!found)
		draft_nit_add(a, d, NIT_ID_INDICATOR_MISSING, 0, NULL);
}

static const char *const ipr_current[] = {
	"trust200902", "noModificationTrust200902", "noDerivativesTrust200902", "pre5378Trust200902", NULL,
};

static void
check_xml_boilerplate(struct arena *a, struct draft *d)
{
	size_t i;

	if (d->ipr == NULL || d->ipr[0] == '\0') {
		draft_nit_add(a, d, NIT_MISSING_IPR_ATTRIBUTE, 0, NULL);
		return;
	}
	for (i = 0; ipr_current[i] != NULL; i++)
		if (strcmp(d->ipr, ipr_current[i]) == 0)
			return;
	draft_nit_add(a, d, NIT_INVALID_IPR_VALUE, 0, "ipr=\"%s\"", d->ipr);
}

static void
check_content(struct arena *a, struct draft *d, const struct check_opts *o)
{
	size_t i;
	int norm = 0, inf = 0, other = 0, t;

	if (d->title == NULL || d->title[0] == '\0')
		draft_nit_add(a, d, NIT_TITLE_MISSING, 0, NULL);
	if (d->abstract == NULL || d->abstract[0] == '\0')
		draft_nit_add(a, d, NIT_MISSING_ABSTRACT_SECTION, 0, NULL);
	if (!(d->flags & DF_INTRODUCTION))
		draft_nit_add(a, d, NIT_MISSING_INTRODUCTION_SECTION, 0, NULL);
	if (!(d->flags & DF_SECURITY_SECTION))
		draft_nit_add(a, d, NIT_MISSING_SECURITY_CONSIDERATIONS_SECTION, 0, NULL);
	if (!(d->flags & DF_IANA_SECTION))
		draft_nit_add(a, d, NIT_MISSING_IANA_CONSIDERATIONS_SECTION, 0, NULL);
	if (d->nauthors == 0 || (d->format == DRAFT_TXT && !(d->flags & DF_AUTHORS_SECTION)))
		draft_nit_add(a, d, NIT_MISSING_AUTHOR_SECTION, 0, NULL);
	if (d->nauthors > 5)
		draft_nit_add(a, d, NIT_TOO_MANY_AUTHORS, 0, "%zu authors", d->nauthors);
	if (d->format == DRAFT_TXT && d->pages > 15 && !(d->flags & DF_TOC))
		draft_nit_add(a, d, NIT_DOCUMENT_HAVE_MORE_15_PAGES_OR_MISS_TABLE_OF_CONTENTS, 0, "%d pages", d->pages);
	for (i = 0; i < d->nrefs; i++) {
		norm += d->refs[i].kind == REF_NORMATIVE;
		inf += d->refs[i].kind == REF_INFORMATIVE;
		other += d->refs[i].kind == REF_UNCLASSIFIED;
	}
	if (other > 0 && norm + inf == 0)
		draft_nit_add(a, d, NIT_MISSING_REFERENCES_SUBSECTIONS, 0, NULL);
	if (d->status == NULL && d->category == NULL)
		draft_nit_add(a, d, NIT_UNDEFINED_STATUS, 0, NULL);
	if (d->date.year == 0)
		draft_nit_add(a, d, NIT_MISSING_DOC_DATE, 0, NULL);
	else if (o->today.year != 0 && d->date.month != 0) {
		/* A month-only date is taken as its middle, and a whole month's slack is granted. */
		int slack = d->date.day ? 3 : 16;
		t = date_days(&o->today) - date_days(&d->date);
		if (t > slack)
			draft_nit_add(a, d, NIT_DOC_DATE_IN_PAST, 0, "%04d-%02d-%02d is %d days before %04d-%02d-%02d",
			    d->date.year, d->date.month, d->date.day, t, o->today.year, o->today.month, o->today.day);
		else if (-t > slack)
			draft_nit_add(a, d, NIT_DOC_DATE_IN_FUTURE, 0, "%04d-%02d-%02d is %d days after %04d-%02d-%02d",
			    d->date.year, d->date.month, d->date.day, -t, o->today.year, o->today.month, o->today.day);
	}
}

static int
has_ref_to(const struct draft *d, const char *target, enum ref_kind kind)
{
	size_t i;

	for (i = 0; i < d->nrefs; i++)
		if (d->refs[i].target != NULL && strcmp(d->refs[i].target, target) == 0 &&
		    (kind == 0 || d->refs[i].kind == kind))
			return 1;
	return 0;
}

static void
check_bcp14(struct arena *a, struct draft *d)
{
	int boiler = (d->flags & (DF_RFC2119_BOILERPLATE | DF_RFC8174_BOILERPLATE)) != 0;

	if ((d->flags & DF_BCP14_KEYWORDS) && !boiler)
		draft_nit_add(a, d, NIT_MISSING_REQLEVEL_BOILERPLATE, 0, NULL);
	if (boiler && !(d->flags & DF_BCP14_KEYWORDS))
		draft_nit_add(a, d, NIT_MISSING_REQLEVEL_KEYWORDS, 0, NULL);
	if (boiler && !has_ref_to(d, "rfc2119", REF_NORMATIVE) && !has_ref_to(d, "rfc2119", REF_UNCLASSIFIED))
		draft_nit_add(a, d, NIT_MISSING_REQLEVEL_REF, 0, NULL);
	if ((d->flags & DF_RFC2119_BOILERPLATE) && !(d->flags & DF_RFC8174_BOILERPLATE))
		draft_nit_add(a, d, NIT_PREFER_BCP14_REF, 0, NULL);
}

/* 1 when the abstract names RFC n ("RFC 2616", "RFC2616"). */
static int
abstract_mentions(const char *abstract, int n)
{
	char a[16], b[16];

	if (abstract == NULL)
		return 0;
	snprintf(a, sizeof(a), "RFC %d", n);
	snprintf(b, sizeof(b), "RFC%d", n);
	return strstr(abstract, a) != NULL || strstr(abstract, b) != NULL;
}

static void
check_updates(struct arena *a, struct draft *d)
{
	size_t i;

	for (i = 0; i < d->nobsoletes; i++)
		if (!abstract_mentions(d->abstract, d->obsoletes[i]))
			draft_nit_add(a, d, NIT_OBSOLETES_NOT_IN_ABSTRACT, 0, "RFC %d", d->obsoletes[i]);
	for (i = 0; i < d->nupdates; i++)
		if (!abstract_mentions(d->abstract, d->updates[i]))
			draft_nit_add(a, d, NIT_UPDATES_NOT_IN_ABSTRACT, 0, "RFC %d", d->updates[i]);
}

/* Citations "[TAG]" in the text before the references, matched against reference tags. */
static int
ref_tag_eq(const char *tag, const char *p, size_t n)
{
	return strlen(tag) == n && strncasecmp(tag, p, n) == 0;
}

static void
check_citations(struct arena *a, struct draft *d)
{
	size_t i, j, k, end = d->nlines, first_ref = (size_t)-1;
	unsigned char *used;
	int reported = 0;

	if (d->nrefs == 0)
		return;
	for (i = 0; i < d->nrefs; i++)
		if (d->refs[i].line > 0 && (size_t)d->refs[i].line - 1 < first_ref)
			first_ref = (size_t)d->refs[i].line - 1;
	/* The references heading sits a line or two above the first entry. */
	if (first_ref != (size_t)-1 && first_ref < end)
		end = first_ref;
	if ((used = arena_calloc(a, d->nrefs, 1)) == NULL)
		return;
	for (i = 0; i < end; i++) {
		const char *p = d->lines[i].p, *e = p + d->lines[i].len, *lb, *rb;
		while (p < e && (lb = memchr(p, '[', (size_t)(e - p))) != NULL) {
			if ((rb = memchr(lb, ']', (size_t)(e - lb))) == NULL || rb - lb > 64)
				break;
			/* "[RFC2119]", "[I-D.ietf-x]", and lists "[RFC1, RFC2]" */
			const char *t = lb + 1;
			while (t < rb) {
				const char *te = t;
				while (te < rb && *te != ',')
					te++;
				while (t < te && *t == ' ')
					t++;
				size_t n = (size_t)(te - t);
				while (n > 0 && t[n - 1] == ' ')
					n--;
				int hit = 0;
				for (k = 0; k < d->nrefs; k++)
					if (ref_tag_eq(d->refs[k].tag, t, n)) {
						used[k] = 1;
						hit = 1;
					}
				/* Only tag-like citations count as missing: "[Page 3]", "[1]" in ASCII art do not. */
				if (!hit && n >= 3 && n <= 40 && reported < 20 && d->lines[i].page > 1) {
					int taglike = isupper((unsigned char)t[0]);
					for (j = 0; j < n && taglike; j++)
						taglike = isalnum((unsigned char)t[j]) || t[j] == '-' || t[j] == '.' || t[j] == '_';
					if (taglike && !(n >= 4 && strncmp(t, "Page", 4) == 0)) {
						draft_nit_add(a, d, NIT_REFERENCE_MISSING_IN_REFERENCE_SECTION, (int)i + 1,
						    "[%.*s]", (int)n, t);
						reported++;
					}
				}
				t = te + 1;
			}
			p = rb + 1;
		}
	}
	for (k = 0; k < d->nrefs; k++)
		if (!used[k] && d->refs[k].tag != NULL && d->refs[k].tag[0] != '\0')
			draft_nit_add(a, d, NIT_REFERENCE_NOT_USED, d->refs[k].line, "[%s]", d->refs[k].tag);
}

static void
check_layout(struct arena *a, struct draft *d)
{
	size_t i, longest = 0, nlong = 0, first_long = 0;
	int page = 0, on_page = 0, long_pages = 0;

	for (i = 0; i < d->nlines; i++) {
		const struct draft_line *l = &d->lines[i];
		size_t cols = l->len, j;
		/* Columns, not bytes: a UTF-8 sequence is one character. Only lines with more bytes
		 * than the limit can be too long, so only they are counted. */
		if (cols > 72)
			for (cols = 0, j = 0; j < l->len; j++)
				cols += ((unsigned char)l->p[j] & 0xc0) != 0x80;
		if (cols > 72) {
			if (nlong++ == 0)
				first_long = i + 1;
			if (cols > longest)
				longest = cols;
		}
		if ((int)l->page != page) {
			if (on_page > 58)
				long_pages++;
			page = (int)l->page;
			on_page = 0;
		}
		on_page++;
	}
	if (on_page > 58)
		long_pages++;
	if (nlong > 0)
		draft_nit_add(a, d, NIT_LINE_TOO_LONG, (int)first_long, "%zu line%s, the longest %zu characters", nlong,
		    nlong == 1 ? "" : "s", longest);
	if (long_pages > 0 && (d->flags & DF_FORM_FEEDS))
		draft_nit_add(a, d, NIT_TOO_MANY_LINES_ON_PAGE, 0, "%d page%s", long_pages, long_pages == 1 ? "" : "s");
	if (d->pages > 1 && !(d->flags & DF_FORM_FEEDS))
		draft_nit_add(a, d, NIT_PAGES_NOT_SEPARATED_BY_FORMFEEDS, 0, NULL);
	if (d->flags & DF_TABS)
		draft_nit_add(a, d, NIT_TABS_NOT_ALLOWED, 0, NULL);
	if (d->flags & DF_INVALID_UTF8) {
		/* The reader may have reported it already, with the line: once is enough. */
		size_t k;
		int seen = 0;
		for (k = 0; k < d->nnits && !seen; k++)
			seen = d->nits[k].id == NIT_INVALID_UTF8;
		if (!seen)
			draft_nit_add(a, d, NIT_INVALID_UTF8, 0, NULL);
	}
	else if (d->flags & DF_NON_ASCII)
		draft_nit_add(a, d, NIT_NON_ASCII_UTF8, 0, NULL);
	if (d->flags & DF_NUL)
		draft_nit_add(a, d, NIT_CONTROL_CHARACTERS, 0, NULL);
}

void
draft_check(struct arena *a, struct draft *d, const struct check_opts *o)
{
	size_t i;

	/* A file that could not be read has nothing more to check: its reading nits say why. */
	for (i = 0; i < d->nnits; i++)
		if (d->nits[i].id == NIT_FILE_EMPTY || d->nits[i].id == NIT_BINARY_CONTENT ||
		    d->nits[i].id == NIT_XML_PARSING_FAILED)
			goto finish;
	check_names(a, d, o);
	if (d->format == DRAFT_TXT)
		check_text_boilerplate(a, d);
	else
		check_xml_boilerplate(a, d);
	check_content(a, d, o);
	check_bcp14(a, d);
	check_updates(a, d);
	if (d->format == DRAFT_TXT) {
		check_citations(a, d);
		check_layout(a, d);
	}
finish:
	/* When submitting, only absolute requirements block (R17, R24): other errors become warnings. */
	if (o->mode == CHECK_SUBMISSION)
		for (i = 0; i < d->nnits; i++)
			if (d->nits[i].severity == SEV_ERROR && !nit_rules[d->nits[i].id].blocks)
				d->nits[i].severity = SEV_WARNING;
}

/* Letters and digits only, lower-cased: "The  \"Foo\"  Bar" and "The Foo Bar" compare equal,
 * as the two renderings of one text differ in quotes, hyphenation and spacing. */
static int
loose_equal(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	for (;;) {
		while (*a && !isalnum((unsigned char)*a))
			a++;
		while (*b && !isalnum((unsigned char)*b))
			b++;
		if (*a == '\0' || *b == '\0')
			return *a == *b;
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
		a++;
		b++;
	}
}

static int
author_match(const struct draft_author *x, const struct draft *other)
{
	size_t i;

	for (i = 0; i < other->nauthors; i++) {
		const struct draft_author *y = &other->authors[i];
		if (x->email && y->email && strcasecmp(x->email, y->email) == 0)
			return 1;
		if (x->name && y->name && loose_equal(x->name, y->name))
			return 1;
		if (x->surname && y->surname && loose_equal(x->surname, y->surname))
			return 1;
	}
	return 0;
}

void
draft_check_pair(struct arena *a, struct draft *txt, const struct draft *xml)
{
	size_t i;

	if (!loose_equal(txt->name, xml->name))
		draft_nit_add(a, txt, NIT_FORMATS_DISAGREE, 0, "name: txt %s, xml %s", txt->name ? txt->name : "(none)",
		    xml->name ? xml->name : "(none)");
	if (!loose_equal(txt->rev, xml->rev))
		draft_nit_add(a, txt, NIT_FORMATS_DISAGREE, 0, "revision: txt -%s, xml -%s", txt->rev ? txt->rev : "?",
		    xml->rev ? xml->rev : "?");
	if (!loose_equal(txt->title, xml->title))
		draft_nit_add(a, txt, NIT_FORMATS_DISAGREE, 0, "title: txt \"%.80s\", xml \"%.80s\"",
		    txt->title ? txt->title : "", xml->title ? xml->title : "");
	if (txt->nauthors != xml->nauthors)
		draft_nit_add(a, txt, NIT_FORMATS_DISAGREE, 0, "authors: txt has %zu, xml %zu", txt->nauthors, xml->nauthors);
	else
		for (i = 0; i < txt->nauthors; i++)
			if (!author_match(&txt->authors[i], xml)) {
				draft_nit_add(a, txt, NIT_FORMATS_DISAGREE, 0, "author %s is not in the xml",
				    txt->authors[i].name ? txt->authors[i].name : "(unnamed)");
				break;
			}
	if (!loose_equal(txt->abstract, xml->abstract))
		draft_nit_add(a, txt, NIT_FORMATS_DISAGREE, 0, "the abstracts differ");
}
