/* render_int.h: the renderer's pipeline, internal to src/draft (issue 9). It follows xml2rfc 3.32's own
 * stages so that each can be checked against xml2rfc's intermediate files in
 * ../shared/corpus/xml2rfc-tests/valid/ (*.v2v3.xml, *.prepped.xml, *.text, *.pages.text):
 *
 *   rfcxml_parse()   bytes -> libxml2 tree, entities and xi:include resolved through a fetch callback
 *                    (the only way in for files and references; the stage itself touches no files)
 *   v2v3_convert()   a v2 document (no version="3") rewritten in the v3 vocabulary, as xml2rfc's v2v3 step
 *   prep_document()  RFC 7998 preparation as xml2rfc's preptool: defaults, boilerplate, numbering (pn),
 *                    the table of contents, derived xref content, sorted references
 *   render.c         the text writer: a prepped tree to lines (struct rlines), each line knowing its element
 *   render_paginate() pages of 48 lines with header, footer and form feeds, and the ToC's page numbers
 *
 * Every stage allocates from the caller's arena (libxml2 objects are released through arena_defer) and
 * reports refusals through struct err (code 400 with xml2rfc's sentence, and a line number where known). */
#ifndef IDT_RENDER_INT_H
#define IDT_RENDER_INT_H

#include <stddef.h>
#include <string.h>

#include <libxml/tree.h>

#include "render.h"

struct arena;
struct err;

/* ---- regular expressions (render_wrap.c) ---- */

#ifdef PCRE2_CODE_UNIT_WIDTH
/* The rule src (UTF, Unicode classes) compiled on its first use, once per process, into *slot, and
 * JIT-compiled too when jit; read-only afterwards, so threads share it. NULL when out of memory. */
pcre2_code	*rx_once(pcre2_code *_Atomic *slot, const char *src, int jit);
/* A word-separating rule of xml2rfc's (textwrap's wordsep_re and its variants): the PCRE2 source,
 * compiled on first need into *slot, and how its hyphenated-word alternative reads, for the ASCII
 * words wordsep_rule_next() splits by hand. */
enum { SEP_HYPHEN_NONE, SEP_HYPHEN_WORD /* -(?=\w+) */, SEP_HYPHEN_WORD_NONDIGIT /* -(?=\w+[^0-9\s]) */ };
struct wordsep_rule {
	pcre2_code *_Atomic	*slot;
	const char		*src;
	int			 jit, hyphen;
};
extern const struct wordsep_rule wordsep_table[2];	/* TextSplitter's, [1] with hyphenated words */
int		 wordsep_rule_next(const struct wordsep_rule *, pcre2_match_data *, const char *s, size_t n,
		    size_t at, size_t *ms, size_t *me);
#endif

/* ---- attribute values without xmlGetProp()'s copy ---- */

/* n's attribute name, as libxml2 holds it, for the usual cases (asked thousands of times a document,
 * so prep.c's get() and render.c's attr() answer them without xmlGetProp()'s malloc and free): sets
 * *known and returns the value when the attribute is one text node, or NULL when there is none and no
 * internal DTD subset could give a default; leaves *known 0 when only xmlGetProp() (any namespace) or,
 * with nons, xmlGetNoNsProp() can tell. */
static inline const char *
attr_inplace(xmlNodePtr n, const char *name, int nons, int *known)
{
	xmlAttrPtr a;

	*known = 0;
	for (a = n->properties; a; a = a->next)
		if ((!nons || a->ns == NULL) && a->name[0] == (xmlChar)name[0] && strcmp((const char *)a->name, name) == 0)
			break;
	if (a && a->children && a->children->next == NULL && a->children->content &&
	    (a->children->type == XML_TEXT_NODE || a->children->type == XML_CDATA_SECTION_NODE)) {
		*known = 1;
		return (const char *)a->children->content;
	}
	if (a == NULL && (n->doc == NULL || n->doc->intSubset == NULL))
		*known = 1;
	return NULL;
}

/* ---- rng.c: the v3 grammar, fast ---- */

/* 1 when the document follows xml2rfc's v3 grammar for sure; 0 when it may not, and libxml2's RELAX NG
 * validator must decide (and word the error). Never 1 for a document libxml2 would refuse. */
int		rng_v3_valid(xmlDocPtr);

/* ---- rfcxml.c: parsing with includes ---- */

struct rfcxml_src {
	const char	*xml;		/* the document's bytes */
	size_t		 len;
	const char	*path;		/* its name, for relative includes and messages ("draft-x.xml") */
	render_fetch_fn	 fetch;		/* NULL: no external resources at all */
	void		*ctx;
};

/* The parsed document with entities and includes expanded, or NULL with e (400: not well-formed XML with
 * line and xml2rfc's message, an include that cannot be fetched). The document is freed with the arena. */
xmlDocPtr	rfcxml_parse(struct arena *, const struct rfcxml_src *, struct err *);
/* rfc2629.dtd's body as each document's parse needs it, into out (outsz bytes): no <!ELEMENT>
 * declarations, parameter entities written out. body itself when it is not written in the shape this
 * expects or its compact form would not fit. */
const char	*rfcxml_dtd_compact(const char *body, char *out, size_t outsz);

/* ---- v2v3.c ---- */

/* Rewrites a v2 document in place in the v3 vocabulary as xml2rfc 3.32's v2v3 converter does (<list> to
 * <ul>/<ol>/<dl>, <texttable> to <table>, <spanx>, <vspace>, <facsimile>, <format>, PI options to
 * attributes, ...); a v3 document is left as it is. 0, or -1 with e. */
int		v2v3_convert(struct arena *, xmlDocPtr, struct err *);

/* ---- prep.c ---- */

struct prep_opts {
	int		 year, month, day;	/* "today" (--date) */
	int		 id_is_wip;		/* --id-is-work-in-progress (xml2rfc's default: 1) */
	int		 legacy_date;		/* --legacy-date-format: the expiry in Status of This Memo */
	render_fetch_fn	 fetch;			/* R69: text art's src= files (NULL: left as they are) */
	void		*fetch_ctx;
	const char	*path;			/* the document's name: src= is relative to its folder */
};

/* Prepares a v3 document in place as xml2rfc 3.32's preptool does for the text writer; refuses what
 * xml2rfc refuses (a retired or missing ipr, ...) with its sentence. 0, or -1 with e. */
int		prep_document(struct arena *, xmlDocPtr, const struct prep_opts *, struct err *);

/* ---- render_wrap.c: xml2rfc's TextWrapper ---- */

struct strv {
	const char	**v;
	size_t		  n, cap;
};

struct wrap_opts {
	const char	*initial, *subsequent;	/* indentation of the first and the other lines */
	int		 width;
	int		 fix_sentence_endings;	/* two spaces after a sentence (xml2rfc's default: 1) */
};

struct wrapper;

struct wrapper	*wrapper_new(struct arena *, struct err *);
/* Lines as xml2rfc's wrapper makes them (U+2028 forces a break); fill() joins them with U+2028. */
void		 wrap_lines(struct wrapper *, const char *text, const struct wrap_opts *, struct strv *out);
const char	*wrap_fill(struct wrapper *, const char *text, const struct wrap_opts *);
/* utils.urlkeep(): keeps URLs up to max code points on one line. */
const char	*wrap_urlkeep(struct wrapper *, const char *text, int max);
void		 strv_push(struct arena *, struct strv *, const char *);
size_t		 u8_len(const char *, size_t);
int		 u8_is_ascii(const char *, size_t);
unsigned	 u8_cp(const char *s, const char *end, size_t *n);
int		 py_isspace(unsigned);

/* ---- the text writer's lines ---- */

struct rline {
	const char	*text;		/* without the line end; "\f" is a page feed */
	xmlNodePtr	 elem;		/* the element the line was rendered from; NULL for blank joiner lines */
	int		 keep;		/* keep with the previous line (pagination) */
	int		 page;		/* set by render_paginate() */
	int		 block;		/* pagination's block number, -1 none */
};

struct rlines {
	struct rline	*v;
	size_t		 n, cap;
};

/* ---- render.c: the text writer ---- */

/* Writes a prepared (RFC 7998) v3 document as xml2rfc's text writer does, paginated or not. */
int		render_prepped(struct arena *, xmlDocPtr, const struct render_opts *, char **out, size_t *olen,
		    struct err *);

/* ---- render_page.c ---- */

struct page_furniture {
	const char	*top_left, *top_center, *top_right;	/* "Internet-Draft", short title, "November 2026" */
	const char	*bottom_left, *bottom_center;		/* "Author", "Expires 26 May 2027"; right is "[Page N]" */
};

/* Splits unpaginated lines into pages as xml2rfc's text writer does (48 lines of text, the 4-line header
 * and 5-line footer with the form feed, no break right after a section heading, no orphan or widow
 * lines of a block), then fills in the table of contents' page numbers. *out gets the new lines (texts
 * shared with *in; "\f" lines between pages; each line's page set), to be joined with '\n'.
 * What it reads: a section heading's lines have the <section> (or its <name>) as elem; keepWithNext /
 * keepWithPrevious from the elements; a ToC entry's last line ends with xml2rfc's placeholder, U+2026
 * and "0000" (raw, or already expanded into dot leaders as render_li() does), the entry's elem being
 * its <t> or <li> whose second <xref> names the target; the document's tocInclude="true".
 * 500 only when out of memory. */
int		render_paginate(struct arena *, const struct rlines *in, const struct page_furniture *,
		    struct rlines *out, struct err *);
/* xml2rfc's utils.justify_inline() on 72 columns: left, centre and right parts on one line (stripped;
 * when together too long, the longest loses its end; the centre shows over the left part). The line
 * keeps its trailing spaces. NULL when out of memory. */
const char	*render_justify_inline(struct arena *, const char *left, const char *center, const char *right);

/* ---- render_table.c ---- */

/* xml2rfc's textwidth(): the display width of a UTF-8 string, East Asian wide characters 2 columns and
 * combining marks 0 (R69: the first page's columns and table cells are laid out by it). */
int		render_textwidth(const char *);

/* ---- render_unicode.c ---- */

/* xml2rfc's expand_unicode_element(): a <u>'s text (UTF-8) per its format (NULL: "lit-name-num") and ascii
 * attributes, e.g. "U+0394 (\"Δ\", GREEK CAPITAL LETTER DELTA)"; "" for no text; NULL for a format
 * xml2rfc refuses (no "num", more than 3 parts, an unknown part, "ascii" without the attribute). */
const char	*render_unicode_expand(struct arena *, const char *text, const char *format, const char *ascii);
/* unicodedata.name() for the code points of render_unicode.c's table; NULL for the others. */
const char	*render_unicode_name(unsigned cp);

/* ---- render_addr.c ---- */

/* The Authors' Addresses entry of one <author> (v3, prepped) as xml2rfc's text writer writes it: name,
 * organization, postal address in the format of its country, phone, email, URI; '\n'-separated lines,
 * indented 3 as in the document, no trailing blank line. */
const char	*render_author_address(struct arena *, xmlNodePtr author);

#endif
