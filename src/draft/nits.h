/* nits.h: the rule table (nits.c) and the checker. Each rule has an id (idnits 3's code where one
 * exists), a severity (error blocks posting, warning, comment), the formats it applies to, a sentence
 * and the normative source it cites (R22, R27). Readers report what they met while reading through
 * draft_nit_add() with the same ids. Callers: src/check.c, later the submission office. */
#ifndef IDT_NITS_H
#define IDT_NITS_H

#include <stddef.h>

#include "draft.h"

enum nit_severity { SEV_ERROR = 0, SEV_WARNING = 1, SEV_COMMENT = 2 };

enum nit_id {
	/* reading */
	NIT_XML_PARSING_FAILED,
	NIT_XML_INCLUDE_UNRESOLVED,
	NIT_XML_ENTITY_REFUSED,
	NIT_FILE_EMPTY,
	NIT_BINARY_CONTENT,
	/* names and revisions (R22) */
	NIT_DOCUMENT_NAME_MISSING,
	NIT_FILENAME_DOCNAME_MISMATCH,
	NIT_FILENAME_INVALID,
	NIT_REVISION_MISMATCH,
	NIT_REVISION_NOT_NEXT,
	NIT_DOCNAME_INVALID,
	/* cross-format (R18) */
	NIT_FORMATS_DISAGREE,
	NIT_TEXT_DIFFERS_FROM_XML,	/* the submission office's (validate.c), not draft_check()'s */
	NIT_XML_NOT_RENDERED,
	NIT_TEXT_NOT_GENERATED,
	/* boilerplate (BCP 78/79, TLP) */
	NIT_SUBMISSION_COMPLIANCE_LINE_MISSING,
	NIT_OLD_BOILERPLATE,
	NIT_COPYRIGHT_LINE_MISSING,
	NIT_COPYRIGHT_YEAR_MISMATCH,
	NIT_TLP5_LICENSE_RESTRICTION_NOTICE_MISSING,
	NIT_ACCEPTABLE_PARAGRAPH_NOTING_THAT_DRAFT_MISSING,
	NIT_ACCEPTABLE_PARAGRAPH_PROVIDING_FOR_PERIOD_OF_VALIDITY_MISSING,
	NIT_ACCEPTABLE_PARAGRAPH_POINTING_LIST_ID_MISSING,
	NIT_EXPIRES_LINE_MISSING,
	NIT_EXPIRES_MISMATCH,
	NIT_INVALID_IPR_VALUE,
	NIT_MISSING_IPR_ATTRIBUTE,
	/* required content */
	NIT_MISSING_ABSTRACT_SECTION,
	NIT_MISSING_INTRODUCTION_SECTION,
	NIT_MISSING_SECURITY_CONSIDERATIONS_SECTION,
	NIT_MISSING_IANA_CONSIDERATIONS_SECTION,
	NIT_MISSING_AUTHOR_SECTION,
	NIT_MISSING_REFERENCES_SUBSECTIONS,
	NIT_DOCUMENT_HAVE_MORE_15_PAGES_OR_MISS_TABLE_OF_CONTENTS,
	NIT_TITLE_MISSING,
	NIT_ID_INDICATOR_MISSING,
	NIT_MISSING_DOC_DATE,
	NIT_DOC_DATE_IN_PAST,
	NIT_DOC_DATE_IN_FUTURE,
	NIT_UNDEFINED_STATUS,
	/* BCP 14 (RFC 2119 / RFC 8174) */
	NIT_MISSING_REQLEVEL_BOILERPLATE,
	NIT_MISSING_REQLEVEL_KEYWORDS,
	NIT_MISSING_REQLEVEL_REF,
	NIT_PREFER_BCP14_REF,
	/* references */
	NIT_REFERENCE_NOT_USED,
	NIT_REFERENCE_MISSING_IN_REFERENCE_SECTION,
	NIT_OBSOLETES_NOT_IN_ABSTRACT,
	NIT_UPDATES_NOT_IN_ABSTRACT,
	/* layout (txt) */
	NIT_LINE_TOO_LONG,
	NIT_TOO_MANY_LINES_ON_PAGE,
	NIT_PAGES_NOT_SEPARATED_BY_FORMFEEDS,
	NIT_TABS_NOT_ALLOWED,
	NIT_NON_ASCII_UTF8,
	NIT_INVALID_UTF8,
	NIT_CONTROL_CHARACTERS,
	NIT_TOO_MANY_AUTHORS,
	NIT__MAX
};

struct draft_nit {
	enum nit_id	 id;
	enum nit_severity severity;	/* the rule's, or a warning for a non-blocking error when submitting */
	int		 line;		/* 1-based, 0 = the document */
	const char	*detail;	/* what exactly, or NULL: "line 212 has 84 characters" */
};

struct nit_rule {
	const char		*code;		/* "LINE_TOO_LONG" */
	enum nit_severity	 severity;	/* in normal mode */
	int			 blocks;	/* 1: an error in submission mode too (an absolute requirement,
						 * R17-R24, or what idnits 2 --submitcheck calls an error);
						 * 0: a normal-mode error is only a warning when submitting */
	unsigned		 formats;	/* DRAFT_TXT | DRAFT_XML */
	const char		*message;	/* the sentence */
	const char		*source;	/* the normative source it cites */
};

extern const struct nit_rule nit_rules[NIT__MAX];
const char *nit_severity_name(enum nit_severity);

/* Appends a nit to d (arena memory); detail is formatted like printf. Never fails loudly: when memory
 * runs out the nit is dropped and d->nits_cap marks it (a checker over capacity is still right). */
void	draft_nit_add(struct arena *, struct draft *, enum nit_id, int line, const char *fmt, ...)
	    __attribute__((format(printf, 5, 6)));

enum check_mode { CHECK_SUBMISSION, CHECK_NORMAL };

struct check_opts {
	enum check_mode		 mode;
	struct draft_date	 today;		/* date-dependent rules (--date) */
	const char		*filename;	/* the file name the draft arrived under, for R22 */
	const char		*last_rev;	/* the caller's last posted revision, for R22, or NULL */
	const char *const	*known_groups;	/* NULL-terminated acronyms, or NULL */
};

/* Runs every rule that applies to d's format; results are appended to d->nits. */
void	draft_check(struct arena *, struct draft *d, const struct check_opts *);
/* R18: the txt and xml of one submission agree on name, revision, title, authors and abstract;
 * disagreements are appended to txt's nits. */
void	draft_check_pair(struct arena *, struct draft *txt, const struct draft *xml);
/* Counts of each severity in d->nits. */
void	draft_nit_counts(const struct draft *, int *errors, int *warnings, int *comments);

#endif
