/* draft.h: one Internet-Draft as the draft engine reads it, from plain text or from XML (v2 or v3),
 * so the two formats of one submission compare field by field (R18). Pure: bytes in, structs out;
 * every string and array lives in the caller's arena. No database, no HTTP, no network.
 * Callers: `idtracker check` (src/check.c), later the submission office and WG adoption. */
#ifndef IDT_DRAFT_H
#define IDT_DRAFT_H

#include <stddef.h>
#include <stdint.h>

struct arena;

enum draft_format { DRAFT_TXT = 1, DRAFT_XML = 2 };

struct draft_date {
	int	year, month, day;	/* 0 when unknown; day 0 = the month only ("November 2019") */
};

struct draft_author {
	const char	*name;		/* as written: "Mark Nottingham"; txt: from Authors' Addresses, else page 1 */
	const char	*initials;	/* "M." (xml attribute; txt: page-1 form) or NULL */
	const char	*surname;	/* "Nottingham" or NULL */
	const char	*org;		/* organization or NULL */
	const char	*email;		/* lower-case address or NULL */
};

enum ref_kind { REF_NORMATIVE = 1, REF_INFORMATIVE = 2, REF_UNCLASSIFIED = 3 };

struct draft_ref {
	const char	*tag;		/* the anchor or citation tag: "RFC2119", "I-D.ietf-httpbis-semantics", "HTTP" */
	const char	*target;	/* what it cites, normalised: "rfc2119", "draft-ietf-httpbis-semantics", or NULL */
	enum ref_kind	 kind;
	int		 line;		/* 1-based line of the entry (txt) or of the element (xml); 0 = unknown */
};

struct draft_section {
	const char	*number;	/* "1", "4.2.1", "A", "A.1", or "" for unnumbered ones (Abstract, References...) */
	const char	*title;
	int		 level;		/* 1 for "1." and "A.", 2 for "1.2" ... */
	int		 line;
};

/* One physical line of a plain-text draft (or of the XML source), for line-level rules. */
struct draft_line {
	const char	*p;		/* into the input; not NUL-terminated */
	uint32_t	 len;
	uint32_t	 page;		/* 1-based page the line is on (txt); 0 for xml */
};

/* Facts the readers find in the boilerplate; the rule table turns missing ones into nits. */
enum draft_flag {
	DF_BCP14_KEYWORDS	= 1u << 0,	/* uses MUST, SHOULD, ... in upper case */
	DF_RFC2119_BOILERPLATE	= 1u << 1,	/* the RFC 2119 paragraph */
	DF_RFC8174_BOILERPLATE	= 1u << 2,	/* the RFC 8174 paragraph ("... when, and only when, ...") */
	DF_TLP_BOILERPLATE	= 1u << 3,	/* "This Internet-Draft is submitted in full conformance with ... BCP 78 and BCP 79." */
	DF_COPYRIGHT_NOTICE	= 1u << 4,	/* "Copyright (c) YYYY IETF Trust ..." */
	DF_TLP_LICENSE		= 1u << 5,	/* "... Simplified BSD License ..." / Revised BSD text */
	DF_ID_BOILERPLATE	= 1u << 6,	/* "Internet-Drafts are working documents ..." paragraph */
	DF_VALIDITY_PARAGRAPH	= 1u << 7,	/* "... valid for a maximum of six months ..." */
	DF_CURRENT_LIST		= 1u << 8,	/* the pointer to the list of current Internet-Drafts */
	DF_PRE5378		= 1u << 9,	/* the pre-RFC 5378 disclaimer variant */
	DF_FORM_FEEDS		= 1u << 10,	/* pages separated by form feeds */
	DF_NON_ASCII		= 1u << 11,	/* bytes >= 0x80 (valid UTF-8) */
	DF_INVALID_UTF8		= 1u << 12,
	DF_TABS			= 1u << 13,
	DF_NUL			= 1u << 14,
	DF_IANA_SECTION		= 1u << 15,
	DF_SECURITY_SECTION	= 1u << 16,
	DF_INTRODUCTION		= 1u << 17,
	DF_TOC			= 1u << 18,
	DF_AUTHORS_SECTION	= 1u << 19,
	DF_REFERENCES_SECTION	= 1u << 20,
	DF_WG_DRAFT		= 1u << 21,	/* the name says draft-ietf-<wg>-... */
};

struct draft_nit;

struct draft {
	enum draft_format	 format;
	int			 xml_version;	/* 2 or 3 for XML, 0 for text */
	const char		*filename;	/* base name as given, or NULL */

	const char		*name;		/* "draft-ietf-quic-transport" (no revision) or NULL */
	const char		*rev;		/* "07" or NULL */
	const char		*group;		/* "quic" for draft-ietf-quic-..., or the known group of an individual draft */
	const char		*title;
	const char		*abbrev;	/* xml: title/@abbrev; txt: the running header's title */
	struct draft_author	*authors;
	size_t			 nauthors;
	const char		*abstract;	/* paragraphs joined with "\n\n", lines unwrapped, no indentation */
	struct draft_date	 date;
	struct draft_date	 expires;	/* txt: the "Expires:" line; xml: not present (0) */
	const char		*status;	/* intended status as written: "Standards Track", "Informational", ... */
	const char		*category;	/* normalised: "std", "bcp", "info", "exp", "historic" or NULL */
	const char		*workgroup;	/* "Network Working Group", "HTTPbis Working Group", ... */
	const char		*ipr;		/* xml ipr attribute; txt: the TLP variant detected ("trust200902"...) */
	const char		*submission_type; /* "IETF", "IAB", "IRTF", "independent" (xml), or NULL */
	int			*updates;	/* RFC numbers */
	size_t			 nupdates;
	int			*obsoletes;
	size_t			 nobsoletes;

	int			 pages;
	int			 words;
	int			 copyright_year;	/* 0 when absent */
	unsigned		 flags;		/* enum draft_flag */

	struct draft_section	*sections;
	size_t			 nsections;
	struct draft_ref	*refs;
	size_t			 nrefs;
	struct draft_line	*lines;		/* every physical line, page breaks kept as their own lines */
	size_t			 nlines;

	/* Problems met while reading (XML not well-formed, an unresolved include ...), as nits. */
	struct draft_nit	*nits;
	size_t			 nnits;
	size_t			 nits_cap;
};

/* Readers. Both fill d (zeroing it first) and return 0; -1 only when the input cannot be read at
 * all (then d->nits holds why, e.g. XML that is not well-formed still yields a nit). */
int	draft_parse_text(struct arena *, const char *buf, size_t len, struct draft *d);

struct draft_xml_opts {
	const char	*refs_dir;	/* local reference folder for includes (R8, R85-R87), or NULL */
	const char	*base_dir;	/* folder of the XML file, for relative includes, or NULL */
	size_t		 max_include;	/* bytes per included file; 0 = 1 MiB */
};
int	draft_parse_xml(struct arena *, const char *buf, size_t len, const struct draft_xml_opts *, struct draft *d);
/* The include policy of the XML reader (docs/references.md) as a fetch for the renderer
 * (render_fetch_fn, ctx a struct draft_xml_opts *): an include's last name segment from opts->refs_dir,
 * its bibxml* folders, or (for a relative include) opts->base_dir; never the network, never a file
 * outside those folders. 0 with the bytes in the arena, or -1 when it is not there or not allowed. */
int	draft_xml_fetch(void *ctx, struct arena *, const char *uri, char **data, size_t *len);

/* Names (src/draft/name.c). */
struct draft_name {
	char	name[64];	/* without revision */
	char	rev[3];		/* "" when absent */
	char	group[48];	/* WG acronym for draft-ietf-<wg>-..., or a known acronym in draft-<person>-<wg>-... */
	int	wg_draft;	/* 1 for draft-ietf-<wg>-... */
};

enum name_result {
	NAME_OK = 0,
	NAME_NOT_DRAFT,		/* does not start with "draft-" */
	NAME_RFC,		/* rfcNNNN: an RFC, not a draft */
	NAME_BAD_CHARS,		/* outside [a-z0-9-] */
	NAME_DOUBLE_DASH,
	NAME_TRAILING_DASH,
	NAME_TOO_LONG,		/* more than 50 characters including "draft-" (the Datatracker's limit) */
	NAME_NO_REV,		/* a file name without -NN */
	NAME_TOO_FEW_PARTS,	/* draft-x */
};

/* Parses "draft-ietf-quic-transport-07" (optionally with .txt/.xml/.pdf/.html, and a path, which is
 * ignored). known_groups: NULL-terminated list of acronyms, or NULL. need_rev: 1 for file names. */
enum name_result draft_name_parse(const char *s, const char *const *known_groups, int need_rev, struct draft_name *);
const char	*draft_name_error(enum name_result);

/* Dates in their real-world forms: "November 4, 2019", "4 November 2019", "November 2019",
 * "2019-11-04", "Nov 4, 2019", "4 Nov. 2019". 0 when one was recognised. */
int	draft_date_parse(const char *s, size_t len, struct draft_date *);
/* Finds a date at the start of s (trailing text allowed); *used gets the bytes it took. 0 or -1. */
int	draft_date_scan(const char *s, size_t len, struct draft_date *, size_t *used);

#endif
