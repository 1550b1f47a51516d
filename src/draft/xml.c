/* xml.c: the XML draft reader, draft_parse_xml() (draft.h), for v2 (RFC 7749) and v3 (RFC 7991,
 * rfc7991bis): one xmlReadMemory() with no network, DTD or entity substitution, includes resolved
 * here from the reference folder only, one walk. Callers: `idtracker check`, later submission. */
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "../core/arena.h"
#include "../core/buf.h"
#include "draft.h"
#include "nits.h"

/* Limits. Each one bounds the work a hostile document can cause; none is reached by a real draft. */
#define XML_INPUT_MAX		(32u << 20)	/* the largest RFC XML sources are ~3 MB; xmlReadMemory takes an int */
#define XML_INCLUDE_DEFAULT	(1u << 20)	/* bytes per included file when opts->max_include is 0 */
#define XML_INCLUDE_TOTAL	(16u << 20)	/* included bytes per draft (RFC 9110 pulls in ~150 references) */
#define XML_INCLUDES_MAX	2000		/* files looked up per draft: bounds file-system work */
#define XML_INCLUDE_DEPTH	4		/* an included file may include again, a little */
#define XML_WALK_DEPTH		600		/* libxml2 stops at 256 levels per document (no XML_PARSE_HUGE);
						 * entity contents and includes nest on top of that */
#define XML_WORK_PER_BYTE	16		/* walk budget: units per input byte ... */
#define XML_WORK_BASE		(64L << 20)	/* ... plus this; a node costs 8 units, a text byte 1, so only
						 * entity or include expansion can exhaust it (amplification) */
#define XML_EXPAND_BASE		(1L << 20)	/* units of internal-entity expansion, plus the input's size:
						 * drafts use entities for a word (&MUST;) or a name, and
						 * libxml2 2.9 does not count what it never expands */
#define XML_ERRMSG_MAX		160		/* characters of libxml2's message kept in a nit */
#define XML_SECNUM_MAX		48		/* "12.3.4.5..." */
#define XML_NAME_MAX		200		/* an include's file name */
#define XML_BINARY_PROBE	1024		/* bytes looked at to call an input binary */

/* Without entity substitution libxml2 keeps &name; as a reference node and never opens a file;
 * XML_PARSE_NONET is the belt to those braces. No XML_PARSE_HUGE: libxml2 keeps its depth, name
 * and text limits, and its entity-loop detector stops "billion laughs" at parse time. */
#define XML_OPTIONS	(XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES | \
			 XML_PARSE_COMPACT)

#define XINCLUDE_NS	"http://www.w3.org/2001/XInclude"

/* Text with whitespace collapsed as it is appended. Not a struct buf: put_text() writes bytes
 * straight into reserved room, as it runs over every character of the draft. */
struct nbuf {
	struct arena	*a;
	char		*p;		/* NUL-terminated when len > 0 */
	size_t		 len, cap;
	int		 failed;	/* out of memory: the text is incomplete */
	int		 space;		/* a space is pending before the next character */
	int		 count;		/* count words into d->words */
	int		 vlen;		/* count_text() saw a word: the paragraph is not empty */
};

struct sec {				/* one numbering level: a section, or a references block */
	char		 number[XML_SECNUM_MAX];
	int		 children;	/* numbered subsections so far */
	int		 level;
	int		 numbered;
};

struct frame {				/* what an element changes on enter and restores on leave */
	struct sec	 sec;
	struct sec	*up;
	int		 saved;
};

struct xerr {
	int		 seen, code, line;
	char		 msg[XML_ERRMSG_MAX];
};

enum zone { Z_NONE, Z_FRONT, Z_MIDDLE, Z_BACK };

struct xr {
	struct arena			*a;
	struct draft			*d;
	const struct draft_xml_opts	*o;
	xmlNodePtr			 root;
	xmlNodePtr			 parent;	/* logical parent, through entities and includes */
	int				 v3;

	long				 work;		/* budget left */
	long				 expand;	/* of it, for internal entity content */
	int				 in_entity;	/* walking an internal entity's content */
	int				 stop;		/* budget or depth exhausted: walk no further */
	int				 depth;
	int				 site_line;	/* line of the entity or include being expanded, or 0 */
	int				 includes, include_depth;
	size_t				 include_bytes, max_include;

	enum zone			 zone;
	int				 in_ref, in_refgroup, in_refs, in_abstract, no_scan, collecting;
	enum ref_kind			 ref_kind;
	struct sec			*sec;
	struct sec			 refwrap;	/* v2: "References" around several <references> */
	int				 refwrap_open, back_refs;
	int				 mid_unnumbered;	/* an unnumbered top-level middle section was met */
	int				 mid_count, app_count;
	int				 toc;		/* <?rfc toc="yes|no"?>: 1, 0, or -1 when unsaid */

	struct nbuf			 para;		/* the paragraph being read */
	struct nbuf			*sink;		/* where text goes: para, or a collect() buffer */
	int				 para_bcp14;
	struct buf			 abstract;

	struct xerr			 err_main, err_inc, *err;
	char				**bibdirs;	/* bibxml* folders of refs_dir, read once */
	size_t				 nbibdirs;
	int				 bibdirs_read;
	size_t				 authors_cap, sections_cap, refs_cap;
};

/* ---- libxml2 set-up: once per process, safe under -j N ---- */

static pthread_once_t		 xml_once = PTHREAD_ONCE_INIT;
static xmlExternalEntityLoader	 next_loader;
static _Thread_local struct xr	*reading;	/* the draft this thread is reading, or NULL */

/* Never called while reading a draft (nothing asks libxml2 to load anything); should a future
 * option change that, the request is refused and reported instead of reaching a file or the net. */
static xmlParserInputPtr
refuse_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	if (reading != NULL) {
		draft_nit_add(reading->a, reading->d, NIT_XML_ENTITY_REFUSED, 0, "libxml2 asked to load %s",
		    url ? url : id ? id : "(unnamed)");
		return NULL;
	}
	return next_loader != NULL ? next_loader(url, id, ctxt) : NULL;
}

static void
xml_init(void)
{
	xmlInitParser();
	next_loader = xmlGetExternalEntityLoader();
	xmlSetExternalEntityLoader(refuse_loader);
}

#if LIBXML_VERSION >= 21200
static void
on_error(void *ctx, const xmlError *e)
#else
static void
on_error(void *ctx, xmlErrorPtr e)
#endif
{
	struct xr *x = ctx;
	struct xerr *r = x->err;
	size_t n;

	/* Warnings (an entity the unread DTD would define) are not errors; the first error explains best. */
	if (e == NULL || e->level < XML_ERR_ERROR || r->seen)
		return;
	r->seen = 1;
	r->code = e->code;
	r->line = e->line;
	snprintf(r->msg, sizeof(r->msg), "%s", e->message ? e->message : "error");
	n = strlen(r->msg);
	while (n > 0 && isspace((unsigned char)r->msg[n - 1]))
		r->msg[--n] = '\0';
}

static void
on_generic(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;	/* libxml2 must never print to stderr; on_error keeps what matters */
}

/* Errors that mean "entity expansion refused" rather than plain ill-formedness. */
static const struct {
	int		 code;
	enum nit_id	 nit;
} error_nits[] = {
	{ XML_ERR_ENTITY_LOOP,		NIT_XML_ENTITY_REFUSED },
	{ XML_ERR_ENTITY_PE_INTERNAL,	NIT_XML_ENTITY_REFUSED },
#if LIBXML_VERSION >= 21100
	{ XML_ERR_ENTITY_AMPLIFICATION,	NIT_XML_ENTITY_REFUSED },
	{ XML_ERR_RESOURCE_LIMIT,	NIT_XML_ENTITY_REFUSED },
#endif
};

/* ---- small helpers ---- */

static void
xdoc_free(void *p)
{
	xmlFreeDoc(p);
}

static void
xlist_free(void *p)
{
	xmlFreeNodeList(p);
}

static int
line_of(const struct xr *x, xmlNodePtr n)
{
	long l;

	if (x->site_line > 0)
		return x->site_line;
	l = xmlGetLineNo(n);
	return l > 0 && l < INT_MAX ? (int)l : 0;
}

static int
is_name(xmlNodePtr n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* An attribute's value, borrowed from the tree (copy before keeping it), or NULL. */
static const char *
attr(struct xr *x, xmlNodePtr n, const char *name)
{
	xmlAttrPtr p;

	for (p = n->properties; p != NULL; p = p->next) {
		if (p->ns != NULL || strcmp((const char *)p->name, name) != 0)
			continue;
		if (p->children == NULL)
			return "";
		if (p->children->next == NULL && p->children->type == XML_TEXT_NODE)
			return (const char *)p->children->content;
		/* Entity references inside the value: let libxml2 expand them into our arena. */
		xmlChar *v = xmlNodeListGetString(n->doc, p->children, 1);
		char *c = v ? arena_strdup(x->a, (const char *)v) : NULL;
		xmlFree(v);
		return c;
	}
	return NULL;
}

static int
charge(struct xr *x, long units)
{
	if (x->stop)
		return 0;
	x->work -= units;
	if (x->in_entity > 0)
		x->expand -= units;
	if (x->work >= 0 && x->expand >= 0)
		return 1;
	x->stop = 1;
	/* Amplification: "billion laughs" below libxml2's radar, or a quadratic blow-up. */
	draft_nit_add(x->a, x->d, NIT_XML_ENTITY_REFUSED, x->site_line, "%s expansion beyond the limit refused",
	    x->expand < 0 ? "entity" : "entity or include");
	draft_nit_add(x->a, x->d, NIT_XML_PARSING_FAILED, x->site_line, "entity expansion limit");
	return 0;
}

/* ---- text: whitespace collapsed, invisible characters dropped, as the text twin shows them ---- */

static const struct {
	const char	*utf8;
	const char	*as;		/* " " = whitespace */
} charmap[] = {
	{ "\xc2\xa0",		" " },	/* no-break space */
	{ "\xc2\xad",		"" },	/* soft hyphen */
	{ "\xe2\x80\x82",	" " },	/* en space */
	{ "\xe2\x80\x83",	" " },	/* em space */
	{ "\xe2\x80\x89",	" " },	/* thin space */
	{ "\xe2\x80\x8b",	"" },	/* zero-width space */
	{ "\xe2\x80\x8c",	"" },	/* zero-width non-joiner */
	{ "\xe2\x80\x8d",	"" },	/* zero-width joiner */
	{ "\xe2\x80\x90",	"-" },	/* hyphen */
	{ "\xe2\x80\x91",	"-" },	/* non-breaking hyphen (&nbhy;) */
	{ "\xe2\x80\xaf",	" " },	/* narrow no-break space */
	{ "\xe2\x81\xa0",	"" },	/* word joiner (&wj;) */
	{ "\xef\xbb\xbf",	"" },	/* zero-width no-break space / BOM */
};

static void
nbuf_init(struct nbuf *nb, struct arena *a, int count)
{
	memset(nb, 0, sizeof(*nb));
	nb->a = a;
	nb->count = count;
}

static void
nbuf_reset(struct nbuf *nb)
{
	nb->len = 0;
	nb->space = 0;
	nb->vlen = 0;
	if (nb->p != NULL)
		nb->p[0] = '\0';
}

/* Room for n more bytes and the NUL; 0, or -1 (sticky). */
static int
nbuf_reserve(struct nbuf *nb, size_t n)
{
	size_t cap;
	char *p;

	if (nb->failed)
		return -1;
	if (nb->len + n + 1 <= nb->cap)
		return 0;
	for (cap = nb->cap ? nb->cap : 256; cap < nb->len + n + 1; cap *= 2)
		if (cap > ((size_t)-1) / 4) {
			nb->failed = 1;
			return -1;
		}
	if ((p = arena_alloc(nb->a, cap)) == NULL) {
		nb->failed = 1;
		return -1;
	}
	if (nb->len > 0)
		memcpy(p, nb->p, nb->len);
	nb->p = p;
	nb->cap = cap;
	return 0;
}

static const char *
nbuf_str(const struct nbuf *nb)
{
	return nb->len > 0 && !nb->failed ? nb->p : NULL;
}

/* Bytes put_text() looks at: 1 whitespace, 2 the first byte of a charmap sequence. */
static const unsigned char text_class[256] = {
	[' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1, [0xc2] = 2, [0xe2] = 2, [0xef] = 2,
};

/* Counts the words of text nobody reads (references, artwork, front matter) without keeping it:
 * the same word starts put_text() would count. */
static void
count_text(struct xr *x, struct nbuf *nb, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;

	for (i = 0; i < n; i++) {
		if (text_class[u[i]] == 1) {
			nb->space = 1;
			continue;
		}
		if (nb->space || !nb->vlen) {
			if (nb->count)
				x->d->words++;
			nb->space = 0;
			nb->vlen = 1;
		}
		/* the rest of the word */
		while (i + 1 < n && text_class[u[i + 1]] != 1)
			i++;
	}
}

/* Appends s with runs of whitespace as one space, none at the start or end, charmap applied;
 * counts a word at each start of one. The output is never longer than the input plus a space. */
static void
put_text(struct xr *x, struct nbuf *nb, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	const char *rep;
	size_t i = 0, k, l, rl;
	char *o;

	if (n == 0 || nbuf_reserve(nb, n + 1) != 0)
		return;
	o = nb->p + nb->len;
	while (i < n) {
		if (text_class[u[i]] == 1) {
			nb->space = 1;
			i++;
			continue;
		}
		rep = NULL;
		if (text_class[u[i]] == 2) {
			for (k = 0; k < sizeof(charmap) / sizeof(charmap[0]); k++) {
				l = strlen(charmap[k].utf8);
				if (n - i >= l && memcmp(s + i, charmap[k].utf8, l) == 0) {
					rep = charmap[k].as;
					break;
				}
			}
			if (rep != NULL && (rep[0] == ' ' || rep[0] == '\0')) {
				nb->space |= rep[0] == ' ';
				i += l;
				continue;
			}
		}
		if (nb->space || (o == nb->p && !nb->vlen)) {
			if (nb->count)
				x->d->words++;
			if (o != nb->p)
				*o++ = ' ';
			nb->space = 0;
		}
		if (rep != NULL) {
			rl = strlen(rep);
			memcpy(o, rep, rl);
			o += rl;
			i += l;
			continue;
		}
		/* The rest of the word: the loop almost all bytes take. */
		do
			*o++ = (char)u[i++];
		while (i < n && text_class[u[i]] == 0);
	}
	*o = '\0';
	nb->len = (size_t)(o - nb->p);
}

/* Entities a v2 draft takes from rfc2629.dtd, which is never read: their text, so "&nbsp;" in a
 * draft whose DOCTYPE names the DTD still reads as the text twin shows it. */
static const struct {
	const char	*name;
	const char	*text;
} dtd_entities[] = {
	{ "bull",	"\xe2\x80\xa2" },
	{ "copy",	"\xc2\xa9" },
	{ "deg",	"\xc2\xb0" },
	{ "emsp",	" " },
	{ "ensp",	" " },
	{ "hellip",	"..." },
	{ "laquo",	"\xc2\xab" },
	{ "ldquo",	"\xe2\x80\x9c" },
	{ "lsquo",	"\xe2\x80\x98" },
	{ "mdash",	"\xe2\x80\x94" },
	{ "middot",	"\xc2\xb7" },
	{ "nbhy",	"-" },
	{ "nbsp",	" " },
	{ "ndash",	"\xe2\x80\x93" },
	{ "plusmn",	"\xc2\xb1" },
	{ "raquo",	"\xc2\xbb" },
	{ "rdquo",	"\xe2\x80\x9d" },
	{ "reg",	"\xc2\xae" },
	{ "rsquo",	"\xe2\x80\x99" },
	{ "shy",	"" },
	{ "thinsp",	" " },
	{ "times",	"\xc3\x97" },
	{ "trade",	"\xe2\x84\xa2" },
	{ "wj",		"" },
	{ "zwsp",	"" },
};

/* ---- the result arrays ---- */

static void
add_section(struct xr *x, const char *number, const char *title, int level, int line)
{
	struct draft *d = x->d;
	struct draft_section *s;

	if ((s = arena_grow(x->a, d->sections, d->nsections, &x->sections_cap, sizeof(*s))) == NULL)
		return;
	d->sections = s;
	s = &d->sections[d->nsections++];
	s->number = arena_strdup(x->a, number);
	s->title = title ? title : "";
	s->level = level;
	s->line = line;
}

static void
add_ref(struct xr *x, const char *tag, const char *target, int line)
{
	struct draft *d = x->d;
	struct draft_ref *r;

	if ((r = arena_grow(x->a, d->refs, d->nrefs, &x->refs_cap, sizeof(*r))) == NULL)
		return;
	d->refs = r;
	r = &d->refs[d->nrefs++];
	r->tag = arena_strdup(x->a, tag ? tag : "");
	r->target = target;
	r->kind = x->in_refs > 0 ? x->ref_kind : REF_UNCLASSIFIED;
	r->line = line;
}

/* ---- reference targets: "rfc2119", "draft-ietf-x-y" ---- */

/* "draft-ietf-x-y-03" -> "draft-ietf-x-y", lower-cased; NULL when it is no draft name. */
static const char *
draft_target(struct arena *a, const char *v)
{
	char *t;
	size_t n, i;

	while (isspace((unsigned char)*v))
		v++;
	if (strncasecmp(v, "I-D.", 4) == 0) {
		v += 4;
		if (strncasecmp(v, "draft-", 6) == 0)
			v += 6;
		t = arena_printf(a, "draft-%s", v);
	} else if (strncasecmp(v, "draft-", 6) == 0)
		t = arena_strdup(a, v);
	else
		return NULL;
	if (t == NULL)
		return NULL;
	n = strlen(t);
	while (n > 0 && isspace((unsigned char)t[n - 1]))
		n--;
	if (n > 9 && t[n - 3] == '-' && isdigit((unsigned char)t[n - 2]) && isdigit((unsigned char)t[n - 1]))
		n -= 3;
	t[n] = '\0';
	for (i = 0; i < n; i++)
		t[i] = (char)tolower((unsigned char)t[i]);
	return t;
}

/* "rfc" + the number without leading zeros, from "2119", "RFC 0793" ...; NULL without digits. */
static const char *
series_target(struct arena *a, const char *series, const char *v)
{
	long n;

	while (*v != '\0' && !isdigit((unsigned char)*v))
		v++;
	if (!isdigit((unsigned char)*v))
		return NULL;
	n = strtol(v, NULL, 10);
	if (n <= 0 || n > 99999)
		return NULL;
	return arena_printf(a, "%s%ld", series, n);
}

static const struct {
	const char	*prefix;	/* of an anchor, case-insensitive */
	const char	*series;	/* target series */
} anchor_series[] = {
	{ "RFC",	"rfc" },
	{ "BCP",	"bcp" },
	{ "STD",	"std" },
	{ "FYI",	"fyi" },
};

/* What an anchor names when no seriesInfo says: "RFC2119" -> rfc2119, "I-D.ietf-x" -> draft-ietf-x. */
static const char *
anchor_target(struct arena *a, const char *anchor)
{
	size_t k, i, l;

	if (anchor == NULL)
		return NULL;
	if (strncasecmp(anchor, "I-D.", 4) == 0)
		return draft_target(a, anchor);
	for (k = 0; k < sizeof(anchor_series) / sizeof(anchor_series[0]); k++) {
		l = strlen(anchor_series[k].prefix);
		if (strncasecmp(anchor, anchor_series[k].prefix, l) != 0)
			continue;
		i = l;
		if (anchor[i] == ' ' || anchor[i] == '.')
			i++;
		if (anchor[i] == '\0')
			return NULL;
		for (size_t j = i; anchor[j] != '\0'; j++)
			if (!isdigit((unsigned char)anchor[j]))
				return NULL;
		return series_target(a, anchor_series[k].series, anchor + i);
	}
	return NULL;
}

static const struct {
	const char	*name;		/* seriesInfo/@name */
	const char	*series;	/* NULL: an Internet-Draft name */
	int		 rank;		/* lower wins: an RFC number names a reference best */
} series_names[] = {
	{ "RFC",		"rfc",	0 },
	{ "Internet-Draft",	NULL,	1 },
	{ "ID",			NULL,	1 },
	{ "BCP",		"bcp",	3 },
	{ "STD",		"std",	3 },
	{ "FYI",		"fyi",	3 },
};

static void
series_scan(struct xr *x, xmlNodePtr list, const char **best, int *rank)
{
	xmlNodePtr c;
	size_t k;

	for (c = list; c != NULL; c = c->next) {
		if (is_name(c, "front")) {
			series_scan(x, c->children, best, rank);
			continue;
		}
		if (!is_name(c, "seriesInfo"))
			continue;
		const char *name = attr(x, c, "name"), *value = attr(x, c, "value"), *t;
		if (name == NULL || value == NULL)
			continue;
		for (k = 0; k < sizeof(series_names) / sizeof(series_names[0]); k++) {
			if (strcasecmp(name, series_names[k].name) != 0 || series_names[k].rank >= *rank)
				continue;
			t = series_names[k].series ? series_target(x->a, series_names[k].series, value) :
			    draft_target(x->a, value);
			if (t != NULL) {
				*best = t;
				*rank = series_names[k].rank;
			}
		}
	}
}

static const char *
ref_target(struct xr *x, xmlNodePtr ref, const char *anchor)
{
	const char *best = NULL, *t;
	int rank = 9;

	series_scan(x, ref->children, &best, &rank);
	if (rank <= 1)
		return best;
	/* The anchor outranks series of a group ("BCP14" for RFC 2119 + RFC 8174). */
	if ((t = anchor_target(x->a, anchor)) != NULL)
		return t;
	return best;
}

/* ---- includes: <?rfc include?>, xi:include, external entities; from refs_dir/base_dir only ---- */

enum inc_policy { INC_LOCAL, INC_LIBRARY, INC_REFUSED };

/* The last path segment of a URL or path, without query or fragment, if it is a plain file name. */
static int
uri_basename(const char *uri, char *out, size_t outsz)
{
	const char *end = uri + strcspn(uri, "?#"), *p, *start = uri;
	size_t n, i;

	for (p = uri; p < end; p++)
		if (*p == '/' || *p == '\\')
			start = p + 1;
	n = (size_t)(end - start);
	if (n == 0 || n >= outsz || start[0] == '.')
		return -1;
	for (i = 0; i < n; i++)
		if (!(isalnum((unsigned char)start[i]) || start[i] == '.' || start[i] == '-' || start[i] == '_' ||
		    start[i] == '+'))
			return -1;
	memcpy(out, start, n);
	out[n] = '\0';
	return 0;
}

static const char *const url_schemes[] = { "http", "https", NULL };

/* Where an include may come from. Only a name counts: the network is never asked, so an
 * http(s) URL is a name for the local library. Other schemes (file:, ftp:, jar: ...) and
 * absolute paths to anything but a library reference would read the server's own files. */
static enum inc_policy
inc_policy(const char *uri, const char *base)
{
	const char *p = uri;
	size_t i;

	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
		p++;
	if (*p == ':' && p > uri) {
		for (i = 0; url_schemes[i] != NULL; i++)
			if (strlen(url_schemes[i]) == (size_t)(p - uri) && strncasecmp(uri, url_schemes[i], (size_t)(p - uri)) == 0)
				return INC_LIBRARY;
		return INC_REFUSED;
	}
	if (uri[0] == '/' || uri[0] == '\\' || uri[0] == '~')
		return strncmp(base, "reference.", 10) == 0 ? INC_LIBRARY : INC_REFUSED;
	return INC_LOCAL;
}

/* The bibxml* folders of a reference folder, kept between drafts: reading a folder of thousands
 * of references for every draft would cost more than the draft. The folder's mtime says when a
 * folder was added or removed. */
static struct {
	pthread_mutex_t	 lock;
	char		 path[PATH_MAX];
	struct timespec	 mtime;
	char		(*dirs)[PATH_MAX];
	size_t		 n;
} bibcache = { .lock = PTHREAD_MUTEX_INITIALIZER };

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* Re-reads refs_dir into bibcache; called with the lock held. */
static void
bibcache_fill(const char *refs, const struct stat *rst)
{
	DIR *dir;
	struct dirent *e;
	struct stat st;
	char path[PATH_MAX];
	size_t cap = 0;
	void *p;

	free(bibcache.dirs);
	bibcache.dirs = NULL;
	bibcache.n = 0;
	bibcache.path[0] = '\0';
	if ((dir = opendir(refs)) == NULL)
		return;
	while ((e = readdir(dir)) != NULL) {
		if (strncmp(e->d_name, "bibxml", 6) != 0 ||
		    snprintf(path, sizeof(path), "%s/%s", refs, e->d_name) >= (int)sizeof(path) ||
		    stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
			continue;
		if (bibcache.n == cap) {
			cap = cap ? cap * 2 : 8;
			if ((p = realloc(bibcache.dirs, cap * sizeof(*bibcache.dirs))) == NULL)
				break;
			bibcache.dirs = p;
		}
		memcpy(bibcache.dirs[bibcache.n++], path, sizeof(path));
	}
	closedir(dir);
	if (bibcache.n > 1)
		qsort(bibcache.dirs, bibcache.n, sizeof(*bibcache.dirs), name_cmp);
	snprintf(bibcache.path, sizeof(bibcache.path), "%s", refs);
	bibcache.mtime = rst->st_mtim;
}

static void
read_bibdirs(struct xr *x)
{
	const char *refs = x->o->refs_dir;
	struct stat st;
	size_t i;

	x->bibdirs_read = 1;
	if (refs == NULL || strlen(refs) >= PATH_MAX || stat(refs, &st) != 0 || !S_ISDIR(st.st_mode))
		return;
	pthread_mutex_lock(&bibcache.lock);
	if (strcmp(bibcache.path, refs) != 0 || bibcache.mtime.tv_sec != st.st_mtim.tv_sec ||
	    bibcache.mtime.tv_nsec != st.st_mtim.tv_nsec)
		bibcache_fill(refs, &st);
	/* The draft keeps its own copy: the cache may change under another thread. */
	if (bibcache.n > 0 && (x->bibdirs = arena_calloc(x->a, bibcache.n, sizeof(*x->bibdirs))) != NULL)
		for (i = 0; i < bibcache.n; i++)
			if ((x->bibdirs[x->nbibdirs] = arena_strdup(x->a, bibcache.dirs[i])) != NULL)
				x->nbibdirs++;
	pthread_mutex_unlock(&bibcache.lock);
}

/* Reads dir/name into the arena if it is a regular file within the limits. 0, or -1. */
static int
read_in(struct xr *x, const char *dir, const char *name, char **data, size_t *len)
{
	char path[PATH_MAX];
	struct stat st;
	size_t got = 0;
	ssize_t r;
	int fd;

	if (dir == NULL || snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int)sizeof(path))
		return -1;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size > x->max_include ||
	    (size_t)st.st_size > XML_INCLUDE_TOTAL - x->include_bytes || (*data = arena_alloc(x->a, (size_t)st.st_size + 1)) == NULL) {
		close(fd);
		return -1;
	}
	while (got < (size_t)st.st_size && (r = read(fd, *data + got, (size_t)st.st_size - got)) > 0)
		got += (size_t)r;
	close(fd);
	(*data)[got] = '\0';
	*len = got;
	x->include_bytes += got;
	return 0;
}

static int
find_include(struct xr *x, const char *base, enum inc_policy pol, char **data, size_t *len)
{
	char names[2][XML_NAME_MAX + 8];
	size_t nn = 1, i, k;

	snprintf(names[0], sizeof(names[0]), "%s", base);
	/* "bibxml/reference.RFC.2119" and <?rfc include="reference.RFC.2119"?> name the file without .xml */
	if (strlen(base) < 4 || strcasecmp(base + strlen(base) - 4, ".xml") != 0)
		snprintf(names[nn++], sizeof(names[0]), "%s.xml", base);
	for (i = 0; i < nn; i++) {
		if (pol == INC_LOCAL && read_in(x, x->o->base_dir, names[i], data, len) == 0)
			return 0;
		if (read_in(x, x->o->refs_dir, names[i], data, len) == 0)
			return 0;
	}
	if (x->o->refs_dir == NULL)
		return -1;
	if (!x->bibdirs_read)
		read_bibdirs(x);
	for (k = 0; k < x->nbibdirs; k++)
		for (i = 0; i < nn; i++)
			if (read_in(x, x->bibdirs[k], names[i], data, len) == 0)
				return 0;
	return -1;
}

int
draft_xml_fetch(void *ctx, struct arena *a, const char *uri, char **data, size_t *len)
{
	const struct draft_xml_opts *o = ctx;
	char base[XML_NAME_MAX + 1];
	enum inc_policy pol;
	struct xr x;

	if (o == NULL || uri == NULL || uri_basename(uri, base, sizeof(base)) != 0 ||
	    (pol = inc_policy(uri, base)) == INC_REFUSED)
		return -1;
	memset(&x, 0, sizeof(x));
	x.a = a;
	x.o = o;
	x.max_include = o->max_include ? o->max_include : XML_INCLUDE_DEFAULT;
	return find_include(&x, base, pol, data, len);
}

/* The anchor bibxml gives the reference in "reference.RFC.2119.xml": "RFC2119", "I-D.ietf-x-y". */
static const char *
library_anchor(struct arena *a, const char *base)
{
	static const char *const series[] = { "RFC.", "BCP.", "STD.", "FYI.", NULL };
	char stem[XML_NAME_MAX + 8];
	size_t n, i;

	if (strncmp(base, "reference.", 10) != 0)
		return NULL;
	snprintf(stem, sizeof(stem), "%s", base + 10);
	n = strlen(stem);
	if (n > 4 && strcasecmp(stem + n - 4, ".xml") == 0)
		stem[n -= 4] = '\0';
	for (i = 0; series[i] != NULL; i++)
		if (strncmp(stem, series[i], 4) == 0 && isdigit((unsigned char)stem[4])) {
			const char *num = stem + 4;
			/* bibxml keeps RFC numbers as written ("RFC0793"); subseries drop the zeros ("BCP45"). */
			if (i > 0)
				while (num[0] == '0' && num[1] != '\0')
					num++;
			return arena_printf(a, "%.3s%s", stem, num);
		}
	if (strncmp(stem, "I-D.", 4) == 0) {
		const char *t = draft_target(a, stem);
		return t != NULL ? arena_printf(a, "I-D.%s", t + 6) : NULL;
	}
	return arena_strdup(a, stem);
}

static void walk(struct xr *, xmlNodePtr);
static void text(struct xr *, const char *, size_t);

/* An include that could not be read still cites something when it sits in <references>. */
static void
include_unresolved(struct xr *x, const char *ent, const char *uri, const char *base, int line, const char *why)
{
	const char *tag = NULL;

	if (ent != NULL)
		draft_nit_add(x->a, x->d, NIT_XML_INCLUDE_UNRESOLVED, line, "&%s; -> %s (%s)", ent, uri, why);
	else
		draft_nit_add(x->a, x->d, NIT_XML_INCLUDE_UNRESOLVED, line, "%s (%s)", uri, why);
	if (x->in_refs == 0 || x->in_ref > 0)
		return;
	if (base != NULL)
		tag = library_anchor(x->a, base);
	if (tag == NULL && ent != NULL)
		tag = anchor_target(x->a, ent) != NULL && strncasecmp(ent, "rfc", 3) == 0 ?
		    arena_printf(x->a, "RFC%s", ent + 3) : ent;
	if (tag != NULL)
		add_ref(x, tag, anchor_target(x->a, tag), line);
}

/* Skips a byte-order mark and an XML (text) declaration: a fragment may not carry them. */
static const char *
skip_decl(const char *p, const char *end)
{
	const char *q;

	if (end - p >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	if (end - p >= 5 && memcmp(p, "<?xml", 5) == 0 && (q = memmem(p, (size_t)(end - p), "?>", 2)) != NULL)
		p = q + 2;
	return p;
}

static void
include(struct xr *x, const char *ent, const char *uri, int line, int as_text)
{
	char base[XML_NAME_MAX + 1], *data = NULL;
	size_t len = 0;
	enum inc_policy pol;
	xmlDocPtr doc;
	xmlNodePtr list = NULL, ctx;
	int saved_line = x->site_line;

	if (uri == NULL || uri[0] == '\0') {
		draft_nit_add(x->a, x->d, NIT_XML_ENTITY_REFUSED, line, "&%s; names no file", ent ? ent : "?");
		return;
	}
	if (uri_basename(uri, base, sizeof(base)) != 0) {
		include_unresolved(x, ent, uri, NULL, line, "not a plain file name");
		return;
	}
	if ((pol = inc_policy(uri, base)) == INC_REFUSED) {
		draft_nit_add(x->a, x->d, NIT_XML_ENTITY_REFUSED, line, "%s%s%s%s: only the reference library is read",
		    ent ? "&" : "", ent ? ent : "", ent ? "; -> " : "", uri);
		return;
	}
	if (x->includes >= XML_INCLUDES_MAX || x->include_depth >= XML_INCLUDE_DEPTH) {
		include_unresolved(x, ent, uri, base, line, "too many or too deeply nested includes");
		return;
	}
	x->includes++;
	if (find_include(x, base, pol, &data, &len) != 0) {
		include_unresolved(x, ent, uri, base, line, x->o->refs_dir ? "not in the reference folder" :
		    "no reference folder");
		return;
	}
	if (x->site_line == 0)
		x->site_line = line;
	if (as_text) {
		text(x, data, len);
		x->site_line = saved_line;
		return;
	}
	x->include_depth++;
	x->err = &x->err_inc;
	memset(&x->err_inc, 0, sizeof(x->err_inc));
	/* A library file is a document with one <reference>; an author's part file ("back.xml") may be
	 * a fragment with several elements, parsed in place so it sees the draft's entities. */
	if (len <= INT_MAX && (doc = xmlReadMemory(data, (int)len, NULL, NULL, XML_OPTIONS)) != NULL) {
		x->err = &x->err_main;
		arena_defer(x->a, xdoc_free, doc);
		walk(x, xmlDocGetRootElement(doc));
	} else {
		const char *p = skip_decl(data, data + len);
		ctx = x->parent != NULL && x->parent->type == XML_ELEMENT_NODE ? x->parent : x->root;
		memset(&x->err_inc, 0, sizeof(x->err_inc));
		if (xmlParseInNodeContext(ctx, p, (int)(data + len - p), XML_OPTIONS, &list) == XML_ERR_OK) {
			x->err = &x->err_main;
			if (list != NULL) {
				arena_defer(x->a, xlist_free, list);
				walk(x, list);
			}
		} else {
			x->err = &x->err_main;
			if (list != NULL)
				xmlFreeNodeList(list);
			include_unresolved(x, ent, uri, base, line, x->err_inc.seen ? x->err_inc.msg : "not well-formed");
		}
	}
	x->include_depth--;
	x->site_line = saved_line;
}

/* ---- the walk ---- */

static void node(struct xr *, xmlNodePtr);

static void
walk(struct xr *x, xmlNodePtr first)
{
	xmlNodePtr c;

	for (c = first; c != NULL && !x->stop; c = c->next)
		node(x, c);
}

static void
text(struct xr *x, const char *s, size_t n)
{
	if (!charge(x, (long)n))
		return;
	/* Paragraphs are kept for the abstract and for BCP 14 words in the body; the rest only counts. */
	if (x->sink == &x->para && (x->in_refs > 0 || x->no_scan > 0 ||
	    (x->zone != Z_MIDDLE && x->zone != Z_BACK && !x->in_abstract)))
		count_text(x, x->sink, s, n);
	else
		put_text(x, x->sink, s, n);
}

/* The text of an element's content, collapsed; words counted when count. Arena memory, or NULL if empty. */
static const char *
collect(struct xr *x, xmlNodePtr n, int count)
{
	struct nbuf tmp, *sink = x->sink;
	xmlNodePtr up = x->parent;

	nbuf_init(&tmp, x->a, count);
	x->sink = &tmp;
	x->collecting++;
	x->parent = n;
	walk(x, n->children);
	x->parent = up;
	x->collecting--;
	x->sink = sink;
	return nbuf_str(&tmp);
}

/* An attribute's text, collapsed like element text. */
static const char *
attr_text(struct xr *x, xmlNodePtr n, const char *name, int count)
{
	const char *v = attr(x, n, name);
	struct nbuf tmp;

	if (v == NULL)
		return NULL;
	nbuf_init(&tmp, x->a, count);
	put_text(x, &tmp, v, strlen(v));
	return nbuf_str(&tmp);
}

static const char *const bcp14_words[] = {
	"MUST", "REQUIRED", "SHALL", "SHOULD", "RECOMMENDED", "MAY", "OPTIONAL", NULL,
};

static int
has_bcp14_word(const char *s)
{
	const char *p = s, *q;
	size_t i, n;

	for (; *p != '\0'; p = q) {
		if (!isupper((unsigned char)*p)) {
			q = p + 1;
			continue;
		}
		for (q = p; isupper((unsigned char)*q); q++)
			;
		if ((p > s && isalnum((unsigned char)p[-1])) || isalnum((unsigned char)*q))
			continue;
		n = (size_t)(q - p);
		for (i = 0; bcp14_words[i] != NULL; i++)
			if (strlen(bcp14_words[i]) == n && memcmp(bcp14_words[i], p, n) == 0)
				return 1;
	}
	return 0;
}

/* A paragraph ends: it joins the abstract, and prose is looked at for BCP 14 words and boilerplate. */
static void
para_flush(struct xr *x)
{
	const char *s = nbuf_str(&x->para);

	if (s != NULL) {
		if (x->in_abstract && x->in_ref == 0) {
			if (x->abstract.len > 0)
				buf_puts(&x->abstract, "\n\n");
			buf_put(&x->abstract, s, x->para.len);
		}
		if (x->in_refs == 0 && x->no_scan == 0 && (x->zone == Z_MIDDLE || x->zone == Z_BACK || x->in_abstract)) {
			/* strstr first: it is fast, and every variant of the paragraph says it in lower case. */
			if (strstr(s, "interpreted as described") != NULL && strcasestr(s, "key words") != NULL) {
				/* The BCP 14 paragraph quotes the words; it is not a use of them. */
				if (strstr(s, "when, and only when") != NULL || strstr(s, "8174") != NULL)
					x->d->flags |= DF_RFC8174_BOILERPLATE;
				else
					x->d->flags |= DF_RFC2119_BOILERPLATE;
			} else if (!(x->d->flags & DF_BCP14_KEYWORDS) && (x->para_bcp14 || has_bcp14_word(s)))
				x->d->flags |= DF_BCP14_KEYWORDS;
		}
	}
	nbuf_reset(&x->para);
	x->para_bcp14 = 0;
}

enum { WALK, SKIP };

#define E_BLOCK		0x1u	/* a paragraph boundary before and after */
#define E_INLINE	0x2u	/* its handler also runs inside collected text (titles, names) */

struct elem {
	const char	*name;
	int		(*enter)(struct xr *, xmlNodePtr, struct frame *);
	void		(*leave)(struct xr *, xmlNodePtr, struct frame *);
	unsigned	 flags;
};

static int
main_front(const struct xr *x)
{
	return x->zone == Z_FRONT && x->in_ref == 0;
}

static int
under_root(const struct xr *x)
{
	return x->parent == x->root && x->in_ref == 0;
}

static int
skip_enter(struct xr *x, xmlNodePtr n, struct frame *f)
{
	(void)x, (void)n, (void)f;
	return SKIP;
}

static int
space_enter(struct xr *x, xmlNodePtr n, struct frame *f)
{
	(void)n, (void)f;
	x->sink->space = 1;
	return WALK;
}

/* An empty <xref target="RFC2119"/> reads "[RFC2119]" in the text twin; an empty eref "<url>". */
static int
xref_enter(struct xr *x, xmlNodePtr n, struct frame *f)
{
	const char *t;
	char tmp[XML_NAME_MAX + 4];

	(void)f;
	if (n->children != NULL || (t = attr(x, n, "target")) == NULL)
		return WALK;
	if (is_name(n, "xref"))
		snprintf(tmp, sizeof(tmp), "[%s]", t);
	else
		snprintf(tmp, sizeof(tmp), "<%s>", t);
	text(x, tmp, strlen(tmp));
	return WALK;
}

static int
contact_enter(struct xr *x, xmlNodePtr n, struct frame *f)
{
	const char *v = attr(x, n, "fullname");

	(void)f;
	if (v != NULL)
		text(x, v, strlen(v));
	return WALK;
}

static int
bcp14_enter(struct xr *x, xmlNodePtr n, struct frame *f)
{
	(void)n, (void)f;
	if (!x->collecting)
		x->para_bcp14 = 1;
	return WALK;
}

static int
noscan_enter(struct xr *x, xmlNodePtr n, struct frame *f)
{
	(void)n, (void)f;
	x->no_scan++;
	return WALK;
}

static void
noscan_leave(struct xr *x, xmlNodePtr n, struct frame *f)
{
	(void)n, (void)f;
	x->no_scan--;
}

static const struct {
	const char	*name;
	enum zone	 zone;
} zones[] = {
	{ "front",	Z_FRONT },
	{ "middle",	Z_MIDDLE },
	{ "back",	Z_BACK },
};

static int
zone_enter(struct xr *x, xmlNodePtr n, struct frame *f)
{
	size_t i;
	xmlNodePtr c;

	if (!under_root(x))
		return WALK;
	for (i = 0; i < sizeof(zones) / sizeof(zones[0]); i++)
		if (strcmp((const char *)n->name, zones[i].name) == 0) {
			f->saved = 1;
			x->zone = zones[i].zone;
		}
	if (x->zone == Z_BACK)
		for (c = n->children; c != NULL; c = c->next)
			x->back_refs += is_name(c, "references");
	return WALK;
}

static void
zone_leave(struct xr *x, xmlNodePtr n, struct frame *f)
{
	(void)n;
	if (f->saved)
		x->zone = Z_NONE;
}

/* Section titles that the rules look for. */
static const struct {
	const char	*words;
	unsigned	 flag;
} title_flags[] = {
	{ "introduction",		DF_INTRODUCTION },
	{ "security considerations",	DF_SECURITY_SECTION },
	{ "iana considerations",	DF_IANA_SECTION },
	{ "references",			DF_REFERENCES_SECTION },
};

static void
flags_from_title(struct xr *x, const char *title)
{
	size_t i;

	if (title == NULL)
		return;
	for (i = 0; i < sizeof(title_flags) / sizeof(title_flags[0]); i++)
		if (strcasestr(title, title_flags[i].words) != NULL)
			x->d->flags |= title_flags[i].flag;
}

/* v3: <name> first; v2 (and v3 leniency): the title attribute. */
static const char *
section_title(struct xr *x, xmlNodePtr n)
{
	xmlNodePtr c;

	for (c = n->children; c != NULL; c = c->next)
		if (is_name(c, "name"))
			return collect(x, c, 1);
	return attr_text(x, n, "title", 1);
}

/* "1", "1.2", "A", "A.1" as xml2rfc numbers them; appendix letters go A..Z, AA, AB ... */
static void
number_next(struct xr *x, struct sec *s, struct sec *up, int numbered, int appendix)
{
	char rev[8];
	int k, i = 0, j;

	s->children = 0;
	s->level = up != NULL ? up->level + 1 : 1;
	s->numbered = numbered && (up == NULL || up->numbered);
	s->number[0] = '\0';
	if (!s->numbered)
		return;
	if (up != NULL) {
		/* Deeper than any real draft nests: the number is cut, the section kept. */
		if (snprintf(s->number, sizeof(s->number), "%s.%d", up->number, ++up->children) >= (int)sizeof(s->number))
			s->number[sizeof(s->number) - 1] = '\0';
	}
	else if (!appendix)
		snprintf(s->number, sizeof(s->number), "%d", ++x->mid_count);
	else {
		for (k = ++x->app_count; k > 0 && i < (int)sizeof(rev); k = (k - 1) / 26)
			rev[i++] = (char)('A' + (k - 1) % 26);
		for (j = 0; j < i; j++)
			s->number[j] = rev[i - 1 - j];
		s->number[i] = '\0';
	}
}

static int
numbered_attr(struct xr *x, xmlNodePtr n)
{
	const char *v = attr(x, n, "numbered");

	return v == NULL || !(strcmp(v, "false") == 0 || strcmp(v, "no") == 0);
}

static int
section_enter(struct xr *x, xmlNodePtr n, struct frame *f)
{
	const char *title = section_title(x, n);
	int numbered = (x->zone == Z_MIDDLE || x->zone == Z_BACK) && numbered_attr(x, n);

	/* xml2rfc numbers nothing in the middle after an unnumbered section, references included. */
	if (x->sec == NULL && x->zone == Z_MIDDLE) {
		if (!numbered)
			x->mid_unnumbered = 1;
		numbered = numbered && !x->mid_unnumbered;
	}
	number_next(x, &f->sec, x->sec, numbered, x->zone == Z_BACK);
	add_section(x, f->sec.number, title, f->sec.level, line_of(x, n));
	if (x->in_refs == 0)
		flags_from_title(x, title);
	f->up = x->sec;
	x->sec = &f->sec;
	return WALK;
}

static void
section_leave(struct xr *x, xmlNodePtr n, struct frame *f)
{
	(void)n;
	x->sec = f->up;
}

static const struct {
	const char	*words;		/* in a references title, case-insensitive; first match wins */
	enum ref_kind	 kind;
} ref_kinds[] = {
	{ "non-normative",	REF_INFORMATIVE },
	{ "informative",	REF_INFORMATIVE },
	{ "normative",		REF_NORMATIVE },
};

static int
references_enter(struct xr *x, xmlNodePtr n, struct frame *f)
{
	const char *title = section_title(x, n);
	struct sec *up = x->sec;
	size_t i;

	f->up = x->sec;
	f->saved = (int)x->ref_kind;
	if (title == NULL)
		title = "References";
	for (i = 0; i < sizeof(ref_kinds) / sizeof(ref_kinds[0]); i++)
		if (strcasestr(title, ref_kinds[i].words) != NULL) {
			x->ref_kind = ref_kinds[i].kind;
			break;
		}
	if (i == sizeof(ref_kinds) / sizeof(ref_kinds[0]) && x->in_refs == 0)
		x->ref_kind = REF_UNCLASSIFIED;
	/* xml2rfc gathers a v2 draft's several <references> under one numbered "References". */
	if (up == NULL && x->zone == Z_BACK && !x->v3 && x->back_refs > 1) {
		if (!x->refwrap_open) {
			number_next(x, &x->refwrap, NULL, !x->mid_unnumbered, 0);
			add_section(x, x->refwrap.number, "References", 1, line_of(x, n));
			x->refwrap_open = 1;
		}
		up = &x->refwrap;
	}
	number_next(x, &f->sec, up, (x->zone == Z_BACK || x->zone == Z_MIDDLE) && !x->mid_unnumbered, 0);
	add_section(x, f->sec.number, title, f->sec.level, line_of(x, n));
	x->d->flags |= DF_REFERENCES_SECTION;
	x->sec = &f->sec;
	x->in_refs++;
	return WALK;
}

static void
references_leave(struct xr *x, xmlNodePtr n, struct frame *f)
{
	(void)n;
	x->sec = f->up;
	x->ref_kind = (enum ref_kind)f->saved;
	x->in_refs--;
}

static int
reference_enter(struct xr *x, xmlNodePtr n, struct frame *f)
{
	const char *anchor = attr(x, n, "anchor");

	(void)f;
	/* A group is one entry of the list; its members are not cited on their own. */
	if (x->in_refgroup == 0 && x->in_refs > 0)
		add_ref(x, anchor, ref_target(x, n, anchor), line_of(x, n));
	x->in_ref++;
	x->in_refgroup += is_name(n, "referencegroup");
	return WALK;
}

static void
reference_leave(struct xr *x, xmlNodePtr n, struct frame *f)
{
	(void)f;
	x->in_ref--;
	x->in_refgroup -= is_name(n, "referencegroup");
}

static int
abstract_enter(struct xr *x, xmlNodePtr n, struct frame *f)
{
	(void)f;
	if (!main_front(x) || x->d->abstract != NULL || x->abstract.len > 0)
		return WALK;
	add_section(x, "", "Abstract", 1, line_of(x, n));
	f->saved = 1;
	x->in_abstract++;
	return WALK;
}

static void
abstract_leave(struct xr *x, xmlNodePtr n, struct frame *f)
{
	(void)n;
	if (!f->saved)
		return;
	x->in_abstract--;
	if (x->d->abstract == NULL && x->abstract.len > 0 && !x->abstract.failed)
		x->d->abstract = x->abstract.data;
}

static int
note_enter(struct xr *x, xmlNodePtr n, struct frame *f)
{
	(void)f;
	if (main_front(x))
		add_section(x, "", section_title(x, n), 1, line_of(x, n));
	return WALK;
}

/* <name> was read by its section; elsewhere (figure, table) it is a caption. */
static int
name_enter(struct xr *x, xmlNodePtr n, struct frame *f)
{
	(void)n, (void)f;
	return is_name(x->parent, "section") || is_name(x->parent, "references") || is_name(x->parent, "note") ?
	    SKIP : WALK;
}

static int
title_enter(struct xr *x, xmlNodePtr n, struct frame *f)
{
	(void)f;
	if (!main_front(x) || !is_name(x->parent, "front") || x->d->title != NULL)
		return WALK;
	x->d->title = collect(x, n, 1);
	x->d->abbrev = attr_text(x, n, "abbrev", 0);
	return SKIP;
}

static int
workgroup_enter(struct xr *x, xmlNodePtr n, struct frame *f)
{
	(void)f;
	if (!main_front(x) || x->d->workgroup != NULL)
		return WALK;
	x->d->workgroup = collect(x, n, 1);
	return SKIP;
}

static xmlNodePtr
child(xmlNodePtr n, const char *name)
{
	xmlNodePtr c;

	for (c = n != NULL ? n->children : NULL; c != NULL; c = c->next)
		if (is_name(c, name))
			return c;
	return NULL;
}

static int
author_enter(struct xr *x, xmlNodePtr n, struct frame *f)
{
	struct draft *d = x->d;
	struct draft_author *au;
	const char *full, *ini, *sur;
	xmlNodePtr c;
	char *e;

	(void)f;
	if (!main_front(x))
		return WALK;
	if ((au = arena_grow(x->a, d->authors, d->nauthors, &x->authors_cap, sizeof(*au))) == NULL)
		return WALK;
	d->authors = au;
	au = &d->authors[d->nauthors++];
	full = attr_text(x, n, "fullname", 0);
	ini = attr_text(x, n, "initials", 0);
	sur = attr_text(x, n, "surname", 0);
	/* Without fullname xml2rfc writes "initials surname" in Authors' Addresses. */
	if (full == NULL && sur != NULL)
		full = ini != NULL ? arena_printf(x->a, "%s %s", ini, sur) : sur;
	au->name = full;
	au->initials = ini;
	au->surname = sur;
	if ((c = child(n, "organization")) != NULL)
		au->org = collect(x, c, 0);
	if ((c = child(child(n, "address"), "email")) != NULL && (au->email = e = (char *)collect(x, c, 0)) != NULL) {
		if (strncasecmp(e, "mailto:", 7) == 0)
			au->email = e += 7;
		for (; *e != '\0'; e++)
			*e = (char)tolower((unsigned char)*e);
	}
	return WALK;
}

static const char *const months[] = {
	"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
	"november", "december", NULL,
};

static int
month_of(const char *v)
{
	size_t n, i;

	while (isspace((unsigned char)*v))
		v++;
	if (isdigit((unsigned char)*v)) {
		long m = strtol(v, NULL, 10);
		return m >= 1 && m <= 12 ? (int)m : 0;
	}
	for (n = 0; isalpha((unsigned char)v[n]); n++)
		;
	if (n < 3)
		return 0;
	for (i = 0; months[i] != NULL; i++)
		if (n <= strlen(months[i]) && strncasecmp(v, months[i], n) == 0)
			return (int)i + 1;
	return 0;
}

static int
number_attr(struct xr *x, xmlNodePtr n, const char *name, int lo, int hi)
{
	const char *v = attr(x, n, name);
	long l;

	if (v == NULL)
		return 0;
	while (isspace((unsigned char)*v))
		v++;
	if (!isdigit((unsigned char)*v))
		return 0;
	l = strtol(v, NULL, 10);
	return l >= lo && l <= hi ? (int)l : 0;
}

static int
date_enter(struct xr *x, xmlNodePtr n, struct frame *f)
{
	const char *m;

	(void)f;
	if (!main_front(x) || !is_name(x->parent, "front") || x->d->date.year != 0)
		return WALK;
	x->d->date.year = number_attr(x, n, "year", 1000, 9999);
	x->d->date.month = (m = attr(x, n, "month")) != NULL ? month_of(m) : 0;
	x->d->date.day = number_attr(x, n, "day", 1, 31);
	return WALK;
}

static void set_docname(struct xr *, const char *);

static int
seriesinfo_enter(struct xr *x, xmlNodePtr n, struct frame *f)
{
	const char *name = attr(x, n, "name"), *value = attr(x, n, "value");

	(void)f;
	/* v3 may name the draft here instead of in rfc/@docName. */
	if (main_front(x) && x->d->name == NULL && name != NULL && value != NULL &&
	    strcasecmp(name, "Internet-Draft") == 0)
		set_docname(x, value);
	return WALK;
}

/* Sorted by name: looked up with bsearch for every element. */
static const struct elem elems[] = {
	{ "abstract",		abstract_enter,		abstract_leave,		E_BLOCK },
	{ "annotation",		NULL,			NULL,			E_BLOCK },
	{ "artwork",		noscan_enter,		noscan_leave,		E_BLOCK },
	{ "aside",		NULL,			NULL,			E_BLOCK },
	{ "author",		author_enter,		NULL,			E_BLOCK },
	{ "back",		zone_enter,		zone_leave,		E_BLOCK },
	{ "bcp14",		bcp14_enter,		NULL,			E_INLINE },
	{ "blockquote",		NULL,			NULL,			E_BLOCK },
	{ "br",			space_enter,		NULL,			E_INLINE },
	{ "c",			NULL,			NULL,			E_BLOCK },
	{ "contact",		contact_enter,		NULL,			E_INLINE },
	{ "cref",		skip_enter,		NULL,			E_INLINE },
	{ "date",		date_enter,		NULL,			0 },
	{ "dd",			NULL,			NULL,			E_BLOCK },
	{ "dl",			NULL,			NULL,			E_BLOCK },
	{ "dt",			NULL,			NULL,			E_BLOCK },
	{ "eref",		xref_enter,		NULL,			E_INLINE },
	{ "figure",		NULL,			NULL,			E_BLOCK },
	{ "front",		zone_enter,		zone_leave,		E_BLOCK },
	{ "iref",		skip_enter,		NULL,			E_INLINE },
	{ "li",			NULL,			NULL,			E_BLOCK },
	{ "list",		NULL,			NULL,			E_BLOCK },
	{ "middle",		zone_enter,		zone_leave,		E_BLOCK },
	{ "name",		name_enter,		NULL,			E_BLOCK },
	{ "note",		note_enter,		NULL,			E_BLOCK },
	{ "ol",			NULL,			NULL,			E_BLOCK },
	{ "postamble",		NULL,			NULL,			E_BLOCK },
	{ "preamble",		NULL,			NULL,			E_BLOCK },
	{ "reference",		reference_enter,	reference_leave,	E_BLOCK },
	{ "referencegroup",	reference_enter,	reference_leave,	E_BLOCK },
	{ "references",		references_enter,	references_leave,	E_BLOCK },
	{ "section",		section_enter,		section_leave,		E_BLOCK },
	{ "seriesInfo",		seriesinfo_enter,	NULL,			0 },
	{ "sourcecode",		noscan_enter,		noscan_leave,		E_BLOCK },
	{ "t",			NULL,			NULL,			E_BLOCK },
	{ "td",			NULL,			NULL,			E_BLOCK },
	{ "th",			NULL,			NULL,			E_BLOCK },
	{ "title",		title_enter,		NULL,			E_BLOCK },
	{ "toc",		skip_enter,		NULL,			E_BLOCK },
	{ "ttcol",		NULL,			NULL,			E_BLOCK },
	{ "ul",			NULL,			NULL,			E_BLOCK },
	{ "vspace",		space_enter,		NULL,			E_INLINE },
	{ "workgroup",		workgroup_enter,	NULL,			E_BLOCK },
	{ "xref",		xref_enter,		NULL,			E_INLINE },
};

static int
elem_cmp(const void *key, const void *row)
{
	return strcmp(key, ((const struct elem *)row)->name);
}

static int
is_xinclude(xmlNodePtr n)
{
	if (n->ns != NULL)
		return n->ns->href != NULL && strcmp((const char *)n->ns->href, XINCLUDE_NS) == 0 &&
		    strcmp((const char *)n->name, "include") == 0;
	/* An undeclared "xi:" prefix leaves the qualified name as the name. */
	return strcmp((const char *)n->name, "xi:include") == 0;
}

static void
xinclude(struct xr *x, xmlNodePtr n)
{
	const char *parse = attr(x, n, "parse"), *href = attr(x, n, "href");

	if (href == NULL || href[0] == '\0')
		return;	/* the document itself (with xpointer): nothing to add */
	include(x, NULL, href, line_of(x, n), parse != NULL && strcmp(parse, "text") == 0);
}

static void
element(struct xr *x, xmlNodePtr n)
{
	const struct elem *row;
	struct frame f;
	xmlNodePtr up = x->parent;
	int r = WALK, handled;

	if (is_xinclude(n)) {
		xinclude(x, n);
		return;
	}
	row = bsearch(n->name, elems, sizeof(elems) / sizeof(elems[0]), sizeof(elems[0]), elem_cmp);
	/* Inside a title or name only inline markup means something; the rest is just its text. */
	handled = row != NULL && (!x->collecting || (row->flags & E_INLINE));
	if (handled && (row->flags & E_BLOCK))
		para_flush(x);
	f.saved = 0;
	if (handled && row->enter != NULL)
		r = row->enter(x, n, &f);
	if (r == WALK) {
		x->parent = n;
		walk(x, n->children);
		x->parent = up;
	}
	if (handled && (row->flags & E_BLOCK))
		para_flush(x);
	if (handled && row->leave != NULL)
		row->leave(x, n, &f);
}

static void
entity_ref(struct xr *x, xmlNodePtr n)
{
	xmlEntityPtr e = NULL;
	int saved_line = x->site_line;
	size_t i;

	if (n->children != NULL && n->children->type == XML_ENTITY_DECL)
		e = (xmlEntityPtr)n->children;
	else
		e = xmlGetDocEntity(n->doc, n->name);
	if (e == NULL) {
		for (i = 0; i < sizeof(dtd_entities) / sizeof(dtd_entities[0]); i++)
			if (strcmp((const char *)n->name, dtd_entities[i].name) == 0) {
				if (dtd_entities[i].text[0] == ' ')
					x->sink->space = 1;
				else
					text(x, dtd_entities[i].text, strlen(dtd_entities[i].text));
			}
		return;
	}
	if (x->site_line == 0)
		x->site_line = line_of(x, n);
	switch (e->etype) {
	case XML_INTERNAL_GENERAL_ENTITY:
		x->in_entity++;
		if (e->children != NULL)
			walk(x, e->children);
		else if (e->content != NULL && strpbrk((const char *)e->content, "<&") == NULL)
			text(x, (const char *)e->content, strlen((const char *)e->content));
		x->in_entity--;
		break;
	case XML_EXTERNAL_GENERAL_PARSED_ENTITY:
		include(x, (const char *)n->name, (const char *)e->SystemID, x->site_line, 0);
		break;
	default:
		break;
	}
	x->site_line = saved_line;
}

static const char *
pi_value(const char *s, const char *key, char *out, size_t outsz)
{
	size_t kl = strlen(key), n;
	const char *p = s, *q;
	char quote;

	while ((p = strstr(p, key)) != NULL) {
		q = p + kl;
		if ((p == s || isspace((unsigned char)p[-1])) && (q = q + strspn(q, " \t\r\n"))[0] == '=') {
			q += 1 + strspn(q + 1, " \t\r\n");
			if (*q == '"' || *q == '\'') {
				quote = *q++;
				n = strcspn(q, quote == '"' ? "\"" : "'");
				if (q[n] == quote && n < outsz) {
					memcpy(out, q, n);
					out[n] = '\0';
					return out;
				}
			}
		}
		p += kl;
	}
	return NULL;
}

/* <?rfc include="reference.RFC.2119.xml"?> and <?rfc toc="yes"?> (v2). */
static void
pi(struct xr *x, xmlNodePtr n)
{
	char v[1024];

	if (strcmp((const char *)n->name, "rfc") != 0 || n->content == NULL)
		return;
	if (pi_value((const char *)n->content, "include", v, sizeof(v)) != NULL)
		include(x, NULL, v, line_of(x, n), 0);
	if (pi_value((const char *)n->content, "toc", v, sizeof(v)) != NULL)
		x->toc = strcmp(v, "yes") == 0 || strcmp(v, "true") == 0;
}

static void
node(struct xr *x, xmlNodePtr n)
{
	if (!charge(x, 8))
		return;
	if (x->depth >= XML_WALK_DEPTH) {
		x->stop = 1;
		draft_nit_add(x->a, x->d, NIT_XML_PARSING_FAILED, line_of(x, n), "nested deeper than %d levels",
		    XML_WALK_DEPTH);
		return;
	}
	x->depth++;
	switch (n->type) {
	case XML_ELEMENT_NODE:
		element(x, n);
		break;
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
		if (n->content != NULL)
			text(x, (const char *)n->content, strlen((const char *)n->content));
		break;
	case XML_ENTITY_REF_NODE:
		entity_ref(x, n);
		break;
	case XML_PI_NODE:
		pi(x, n);
		break;
	default:
		break;
	}
	x->depth--;
}

/* ---- the <rfc> element ---- */

static void
set_docname(struct xr *x, const char *v)
{
	struct draft *d = x->d;
	struct draft_name dn;
	char *s, *e;
	size_t n;

	if ((s = arena_strdup(x->a, v)) == NULL)
		return;
	while (isspace((unsigned char)*s))
		s++;
	for (e = s + strlen(s); e > s && isspace((unsigned char)e[-1]); e--)
		;
	*e = '\0';
	if (*s == '\0')
		return;
	if (draft_name_parse(s, NULL, 0, &dn) == NAME_OK) {
		d->name = arena_strdup(x->a, dn.name);
		d->rev = dn.rev[0] ? arena_strdup(x->a, dn.rev) : NULL;
		d->group = dn.group[0] ? arena_strdup(x->a, dn.group) : NULL;
		if (dn.wg_draft)
			d->flags |= DF_WG_DRAFT;
		return;
	}
	/* Not a valid name: kept as written (the checker says why), the revision split off if present. */
	n = strlen(s);
	if (n > 3 && s[n - 3] == '-' && isdigit((unsigned char)s[n - 2]) && isdigit((unsigned char)s[n - 1])) {
		d->rev = arena_strdup(x->a, s + n - 2);
		s[n - 3] = '\0';
	}
	d->name = s;
}

static const struct {
	const char	*attr;		/* rfc/@category */
	const char	*category;
	const char	*status;	/* as the text twin's front page says it */
} categories[] = {
	{ "std",		"std",		"Standards Track" },
	{ "bcp",		"bcp",		"Best Current Practice" },
	{ "info",		"info",		"Informational" },
	{ "exp",		"exp",		"Experimental" },
	{ "historic",		"historic",	"Historic" },
	{ "standard",		"std",		"Standards Track" },
	{ "informational",	"info",		"Informational" },
	{ "experimental",	"exp",		"Experimental" },
};

static int *
rfc_numbers(struct xr *x, const char *v, size_t *n)
{
	int *out = NULL;
	size_t cap = 0;
	const char *p = v;
	long l;

	*n = 0;
	while (v != NULL && *p != '\0') {
		if (!isdigit((unsigned char)*p)) {
			p++;
			continue;
		}
		l = strtol(p, (char **)&p, 10);
		if (l <= 0 || l > 99999)
			continue;
		if ((out = arena_grow(x->a, out, *n, &cap, sizeof(*out))) == NULL)
			return NULL;
		out[(*n)++] = (int)l;
	}
	return out;
}

static void
rfc_attrs(struct xr *x, xmlNodePtr root)
{
	struct draft *d = x->d;
	const char *v;
	size_t i;

	if ((v = attr(x, root, "docName")) != NULL)
		set_docname(x, v);
	d->ipr = arena_strdup(x->a, attr(x, root, "ipr"));
	d->submission_type = arena_strdup(x->a, attr(x, root, "submissionType"));
	if ((v = attr(x, root, "category")) != NULL) {
		d->status = arena_strdup(x->a, v);
		for (i = 0; i < sizeof(categories) / sizeof(categories[0]); i++)
			if (strcasecmp(v, categories[i].attr) == 0) {
				d->category = categories[i].category;
				d->status = categories[i].status;
				break;
			}
	}
	d->updates = rfc_numbers(x, attr(x, root, "updates"), &d->nupdates);
	d->obsoletes = rfc_numbers(x, attr(x, root, "obsoletes"), &d->nobsoletes);
}

/* External parameter entities are never loaded; say so, as their declarations would be lost. */
static void
dtd_check(struct xr *x, xmlDocPtr doc)
{
	xmlNodePtr c;

	if (doc->intSubset == NULL)
		return;
	for (c = doc->intSubset->children; c != NULL; c = c->next) {
		xmlEntityPtr e = (xmlEntityPtr)c;
		if (c->type == XML_ENTITY_DECL && e->etype == XML_EXTERNAL_PARAMETER_ENTITY)
			draft_nit_add(x->a, x->d, NIT_XML_ENTITY_REFUSED, 0, "%%%s; -> %s: parameter entities are not loaded",
			    (const char *)e->name, e->SystemID ? (const char *)e->SystemID : "?");
	}
}

/* ---- bytes: lines and encoding facts ---- */

static int
split_lines(struct arena *a, struct draft *d, const char *buf, size_t len)
{
	const char *p = buf, *e = buf + len, *nl;
	struct draft_line *l;
	size_t cap = len / 48 + 16, n;	/* a guess (drafts average ~40 bytes a line), grown if short */

	if ((d->lines = arena_calloc(a, cap, sizeof(*d->lines))) == NULL)
		return -1;
	while (p < e) {
		if ((l = arena_grow(a, d->lines, d->nlines, &cap, sizeof(*l))) == NULL)
			return -1;
		d->lines = l;
		nl = memchr(p, '\n', (size_t)(e - p));
		n = nl ? (size_t)(nl - p) : (size_t)(e - p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		l = &d->lines[d->nlines++];
		l->p = p;
		l->len = n > UINT32_MAX ? UINT32_MAX : (uint32_t)n;
		p = nl ? nl + 1 : e;
	}
	return 0;
}

/* Length of the valid UTF-8 sequence at p, or 0. */
static size_t
utf8_len(const unsigned char *p, const unsigned char *e)
{
	size_t n, i;
	unsigned c = p[0];

	if (c < 0xc2 || c > 0xf4)
		return 0;
	n = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
	if ((size_t)(e - p) < n)
		return 0;
	for (i = 1; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	if ((c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] > 0x9f) || (c == 0xf0 && p[1] < 0x90) ||
	    (c == 0xf4 && p[1] > 0x8f))
		return 0;
	return n;
}

/* UTF-16 XML (with a byte-order mark, or "<?" as 16-bit units) is text, though full of NULs. */
static int
is_utf16(const char *buf, size_t len)
{
	static const char *const starts[] = { "\xff\xfe", "\xfe\xff", "<\0?\0", "\0<\0?" };
	size_t i;

	for (i = 0; i < sizeof(starts) / sizeof(starts[0]); i++)
		if (len >= (i < 2 ? 2u : 4u) && memcmp(buf, starts[i], i < 2 ? 2 : 4) == 0)
			return 1;
	return 0;
}

/* Sets DF_NUL, DF_NON_ASCII, DF_INVALID_UTF8; 1 when the input looks binary (not text at all). */
static int
scan_bytes(struct draft *d, const char *buf, size_t len, int utf8)
{
	const unsigned char *p = (const unsigned char *)buf, *e = p + len;
	size_t ctl = 0, probe = len < XML_BINARY_PROBE ? len : XML_BINARY_PROBE, n, i;
	uint64_t w;

	if (is_utf16(buf, len))
		return 0;	/* libxml2 decodes it; byte facts about UTF-8 do not apply */
	if (memchr(buf, '\0', len) != NULL)
		d->flags |= DF_NUL;
	for (i = 0; i < probe; i++)
		ctl += p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' && p[i] != '\r' && p[i] != '\f';
	while (p < e) {
		/* Eight ASCII bytes at a time: most drafts are ASCII throughout. */
		if (e - p >= 8) {
			memcpy(&w, p, 8);
			if ((w & 0x8080808080808080ull) == 0) {
				p += 8;
				continue;
			}
		}
		if (*p < 0x80) {
			p++;
			continue;
		}
		d->flags |= DF_NON_ASCII;
		if (!utf8)
			break;
		if ((n = utf8_len(p, e)) == 0) {
			d->flags |= DF_INVALID_UTF8;
			break;
		}
		p += n;
	}
	if (d->flags & DF_INVALID_UTF8)
		d->flags &= ~(unsigned)DF_NON_ASCII;
	/* A NUL near the start or many control bytes: a PDF, an image, a word processor file. */
	return probe > 0 && (memchr(buf, '\0', probe) != NULL || ctl * 10 > probe);
}

/* The encoding the XML declaration names is UTF-8 (or none is named, which means UTF-8). */
static int
declares_utf8(const char *buf, size_t len)
{
	const char *end, *p;
	char enc[32];

	if (len < 5 || memcmp(buf, "<?xml", 5) != 0 || (end = memmem(buf, len, "?>", 2)) == NULL)
		return 1;
	if ((p = memmem(buf, (size_t)(end - buf), "encoding", 8)) == NULL)
		return 1;
	p += 8 + strspn(p + 8, " \t=");
	if (*p != '"' && *p != '\'')
		return 1;
	snprintf(enc, sizeof(enc), "%.*s", (int)strcspn(p + 1, "\"'?"), p + 1);
	return strcasecmp(enc, "utf-8") == 0 || strcasecmp(enc, "utf8") == 0 || strcasecmp(enc, "us-ascii") == 0 ||
	    strcasecmp(enc, "ascii") == 0;
}

static void
report_parse_error(struct xr *x)
{
	const struct xerr *r = &x->err_main;
	size_t i;

	for (i = 0; r->seen && i < sizeof(error_nits) / sizeof(error_nits[0]); i++)
		if (error_nits[i].code == r->code)
			draft_nit_add(x->a, x->d, error_nits[i].nit, r->line, "%s", r->msg);
	if (r->seen)
		draft_nit_add(x->a, x->d, NIT_XML_PARSING_FAILED, r->line, "%s", r->msg);
	else
		draft_nit_add(x->a, x->d, NIT_XML_PARSING_FAILED, 0, "the XML could not be read");
}

int
draft_parse_xml(struct arena *a, const char *buf, size_t len, const struct draft_xml_opts *opts, struct draft *d)
{
	static const struct draft_xml_opts none;
	struct xr x;
	xmlStructuredErrorFunc old_serror;
	xmlGenericErrorFunc old_generic;
	void *old_sctx, *old_gctx;
	xmlDocPtr doc;
	xmlNodePtr c;
	const char *v;
	int rc = -1;
	size_t i;

	memset(d, 0, sizeof(*d));
	d->format = DRAFT_XML;
	pthread_once(&xml_once, xml_init);
	if (split_lines(a, d, buf, len) != 0)
		return -1;
	for (i = 0; i < len && isspace((unsigned char)buf[i]); i++)
		;
	if (i == len) {
		draft_nit_add(a, d, NIT_FILE_EMPTY, 0, NULL);
		return -1;
	}
	if (scan_bytes(d, buf, len, declares_utf8(buf, len))) {
		draft_nit_add(a, d, NIT_BINARY_CONTENT, 0, "not text: control bytes in the first %u bytes",
		    (unsigned)(len < XML_BINARY_PROBE ? len : XML_BINARY_PROBE));
		return -1;
	}
	if (len > XML_INPUT_MAX) {
		draft_nit_add(a, d, NIT_XML_PARSING_FAILED, 0, "%zu bytes; the limit is %u", len, XML_INPUT_MAX);
		return -1;
	}

	memset(&x, 0, sizeof(x));
	x.a = a;
	x.d = d;
	x.o = opts != NULL ? opts : &none;
	x.max_include = x.o->max_include ? x.o->max_include : XML_INCLUDE_DEFAULT;
	x.work = XML_WORK_BASE + (long)len * XML_WORK_PER_BYTE;
	x.expand = XML_EXPAND_BASE + (long)len;
	x.err = &x.err_main;
	x.toc = -1;
	nbuf_init(&x.para, a, 1);
	x.sink = &x.para;
	buf_init(&x.abstract, a, 0);

	/* libxml2's handlers are per thread: ours for this call, the caller's back afterwards. */
	old_serror = xmlStructuredError;
	old_sctx = xmlStructuredErrorContext;
	old_generic = xmlGenericError;
	old_gctx = xmlGenericErrorContext;
	xmlSetStructuredErrorFunc(&x, on_error);
	xmlSetGenericErrorFunc(NULL, on_generic);
	reading = &x;

	doc = xmlReadMemory(buf, (int)len, NULL, NULL, XML_OPTIONS);
	if (doc == NULL) {
		report_parse_error(&x);
		goto out;
	}
	arena_defer(a, xdoc_free, doc);
	if ((x.root = xmlDocGetRootElement(doc)) == NULL || strcmp((const char *)x.root->name, "rfc") != 0) {
		draft_nit_add(a, d, NIT_XML_PARSING_FAILED, x.root ? line_of(&x, x.root) : 0,
		    "the root element is <%s>, not <rfc>", x.root ? (const char *)x.root->name : "");
		goto out;
	}
	x.v3 = (v = attr(&x, x.root, "version")) != NULL && strcmp(v, "3") == 0;
	d->xml_version = x.v3 ? 3 : 2;
	dtd_check(&x, doc);
	rfc_attrs(&x, x.root);
	for (c = doc->children; c != NULL; c = c->next)
		if (c->type == XML_PI_NODE)
			pi(&x, c);
	node(&x, x.root);
	para_flush(&x);
	/* xml2rfc 3 renders a table of contents unless tocInclude="false" or <?rfc toc="no"?> says not to. */
	if (x.toc == 1 || (x.toc == -1 && ((v = attr(&x, x.root, "tocInclude")) == NULL || strcmp(v, "false") != 0)))
		d->flags |= DF_TOC;
	rc = x.stop ? -1 : 0;
out:
	reading = NULL;
	xmlSetStructuredErrorFunc(old_sctx, old_serror);
	xmlSetGenericErrorFunc(old_gctx, old_generic);
	return rc;
}
