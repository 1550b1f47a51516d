/* prep.c: see render_int.h. xml2rfc 3.32's preptool, the steps the text writer depends on, in the order
 * of preptool's own list: attribute checks and defaults, the front <date>, removeInRFC paragraphs,
 * <boilerplate> (Status of This Memo, Copyright Notice) by stream, category, consensus, ipr and date,
 * reference targets, slugified names, sorted references, "pn" numbering of sections, appendices and
 * paragraphs, <ol> counters, <xref> derived content, the index, the Authors' Addresses section and the
 * table of contents. HTML- and PDF-only steps (SVG, scripts, links) are left out. */
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/hash.h>
#include <libxml/tree.h>
#include <libxml/parserInternals.h>	/* xmlStringText, the name of a text node */
#include <libxml/dict.h>	/* after tree.h: 2.9's dict.h does not declare xmlChar */

#include "../core/arena.h"
#include "../core/buf.h"
#include "../core/err.h"
#include "render_int.h"

#define SLUG_SEEN_MAX	100000	/* names and irefs per document */

/* the attributes an <xref> target= is looked up in, in this order (find_attr()) */
enum { TARGET_ANCHOR, TARGET_PN, TARGET_SLUG, TARGET__MAX };

struct pp {
	struct arena		*a;
	struct err		*e;
	const struct prep_opts	*o;
	xmlDocPtr		 doc;
	xmlNodePtr		 root;
	int			 rfcmode;	/* <rfc number=...>: RFC production mode */
	int			 y, m, d;	/* the document's date (day 1 when it has none) */
	xmlHashTablePtr		 slugs;		/* every slug handed out, for uniqueness (slug_seen()) */
	size_t			 nslugs;
	int			 boiler_n, toc_n, note_n, fig_n, table_n, u_n, iref_n;
	int			 mid[16], nmid, back[16], nback, refs[16], nrefs, prev_level, prev_rlevel;
	struct iref		*irefs;
	size_t			 nirefs, capirefs;
	struct refname {
		const char	*anchor, *name;
	}			*refnames;
	size_t			 nrefnames, caprefnames;
	xmlHashTablePtr		 targets[TARGET__MAX];	/* find_attr()'s tables, made on first use */
	const xmlChar		**dflt;		/* add_default(): each default's name and value, interned */
};

struct iref {
	const char	*item, *sub, *anchor;	/* sub: NULL without a subitem attribute */
	const char	*key, *letter;		/* "item~subitem" (the sort key); the index letter */
	int		 ref, primary, seq;	/* the anchor is a reference; primary="true"; document order */
};

static const char *const month_names[] = { "January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December" };

/* ---- tree helpers ---- */

/* The first bytes are compared before strcmp(): most names differ there, and most steps ask this of
 * every element. */
static int
is(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns == NULL && n->name[0] == (xmlChar)name[0] &&
	    strcmp((const char *)n->name, name) == 0;
}

static int
is_elem(xmlNodePtr n)
{
	return n && n->type == XML_ELEMENT_NODE;
}

static xmlNodePtr
child(xmlNodePtr n, const char *name)
{
	for (n = n ? n->children : NULL; n; n = n->next)
		if (is(n, name))
			return n;
	return NULL;
}

static const char *
get(struct pp *p, xmlNodePtr n, const char *name)
{
	xmlChar *v;
	char *s;

	if (n == NULL || n->type != XML_ELEMENT_NODE)
		return NULL;
	if (strncmp(name, "xml:", 4) == 0)
		v = xmlGetNsProp(n, (const xmlChar *)name + 4, XML_XML_NAMESPACE);
	else {
		int known;
		const char *in = attr_inplace(n, name, 1, &known);

		if (known)
			return in ? arena_strdup(p->a, in) : NULL;
		v = xmlGetNoNsProp(n, (const xmlChar *)name);
	}
	if (v == NULL)
		return NULL;
	s = arena_strdup(p->a, (const char *)v);
	xmlFree(v);
	return s;
}

static int
has(xmlNodePtr n, const char *name)
{
	if (strncmp(name, "xml:", 4) == 0)
		return xmlHasNsProp(n, (const xmlChar *)name + 4, XML_XML_NAMESPACE) != NULL;
	return xmlHasProp(n, (const xmlChar *)name) != NULL;
}

static void
set(xmlNodePtr n, const char *name, const char *v)
{
	if (strncmp(name, "xml:", 4) == 0) {
		xmlNsPtr ns = xmlSearchNsByHref(n->doc, n, XML_XML_NAMESPACE);
		xmlSetNsProp(n, ns, (const xmlChar *)name + 4, (const xmlChar *)v);
	} else
		xmlSetProp(n, (const xmlChar *)name, (const xmlChar *)v);
}

static void
unset(xmlNodePtr n, const char *name)
{
	xmlAttrPtr a = xmlHasNsProp(n, (const xmlChar *)name, NULL);

	if (a && a->type == XML_ATTRIBUTE_NODE)	/* not a DTD's declaration */
		xmlRemoveProp(a);
}

static int
streq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* The next element after n in document order, staying inside top. */
static xmlNodePtr
walk(xmlNodePtr n, xmlNodePtr top, int descend)
{
	if (descend && n->children)
		for (xmlNodePtr c = n->children; c; c = c->next)
			if (is_elem(c))
				return c;
	while (n && n != top) {
		for (xmlNodePtr s = n->next; s; s = s->next)
			if (is_elem(s))
				return s;
		n = n->parent;
	}
	return NULL;
}

struct nodes {
	xmlNodePtr	*v;
	size_t		 n, cap;
	int		 oom;
};

/* collect()'s walk: the elements below n in document order, by recursion over the children (walk()
 * step by step cost a tenth of prep, which collects the whole tree two dozen times). The recursion is
 * as deep as the tree: libxml2's limit of 256 levels per parsed file, times the nesting of includes
 * rfcxml.c allows (10), a few hundred KiB of stack at worst. */
static void
collect_rec(struct pp *p, xmlNodePtr n, const char *tag, struct nodes *l)
{
	xmlNodePtr c;

	for (c = n->children; c && !l->oom; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (tag == NULL || is(c, tag)) {
			if ((l->v = arena_grow(p->a, l->v, l->n + 1, &l->cap, sizeof(*l->v))) == NULL) {
				l->oom = 1;
				return;
			}
			l->v[l->n++] = c;
		}
		if (c->children)
			collect_rec(p, c, tag, l);
	}
}

/* The elements named tag (NULL: all) below top (top itself when self), document order, NULL-terminated. */
static xmlNodePtr *
collect(struct pp *p, xmlNodePtr top, const char *tag, int self)
{
	struct nodes l = { NULL, 0, 0, 0 };

	if (top == NULL)
		return NULL;
	/* A name the document's dictionary does not hold is on no element: libxml2 takes every element's
	 * name from it (the parser, xmlNewDocNode(), xmlNodeSetName(), xmlDocCopyNode() into the document),
	 * so that collection is empty without a walk. Many are of names most documents lack (artwork,
	 * relref, iref, u, cref, ...). */
	if (tag != NULL && p->doc->dict != NULL && xmlDictExists(p->doc->dict, (const xmlChar *)tag, -1) == NULL)
		return arena_calloc(p->a, 1, sizeof(xmlNodePtr));
	if (self && (tag == NULL || is(top, tag))) {
		if ((l.v = arena_grow(p->a, l.v, 1, &l.cap, sizeof(*l.v))) == NULL)
			return NULL;
		l.v[l.n++] = top;
	}
	collect_rec(p, top, tag, &l);
	if (l.oom || (l.v = arena_grow(p->a, l.v, l.n + 1, &l.cap, sizeof(*l.v))) == NULL)
		return NULL;
	l.v[l.n] = NULL;
	return l.v;
}

static int
count_ancestors(xmlNodePtr n, const char *tag)
{
	int k = 0;

	for (n = n->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent)
		k += is(n, tag);
	return k;
}

/* Text pieces of the subtree (lxml's itertext), joined by sep. */
static void
itertext(xmlNodePtr n, struct buf *b, const char *sep, int *first)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (!*first)
				buf_puts(b, sep);
			buf_puts(b, (const char *)c->content);
			*first = 0;
		} else if (c->type == XML_ELEMENT_NODE)
			itertext(c, b, sep, first);
	}
}

static const char *
text_join(struct pp *p, xmlNodePtr n, const char *sep)
{
	struct buf b;
	int first = 1;

	buf_init(&b, p->a, 0);
	itertext(n, &b, sep, &first);
	return buf_cstr(&b);
}

/* xml2rfc's clean_text(): whitespace runs to one space, trimmed. */
static const char *
clean(struct pp *p, const char *s)
{
	struct buf b;
	int sp = 0;

	buf_init(&b, p->a, 0);
	for (; s && *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			sp = 1;
			continue;
		}
		if (sp && b.len)
			buf_putc(&b, ' ');
		sp = 0;
		buf_putc(&b, *s);
	}
	return buf_cstr(&b);
}

/* ---- element defaults (the a:defaultValue annotations of xml2rfc 3.32's v3.rng) ---- */

static const struct attr_default {
	const char	*tag, *name, *value;
} defaults[] = {
	{ "rfc", "consensus", "false" }, { "rfc", "submissionType", "IETF" }, { "rfc", "sortRefs", "false" },
	{ "rfc", "symRefs", "true" }, { "rfc", "tocInclude", "true" }, { "rfc", "tocDepth", "3" },
	{ "rfc", "indexInclude", "true" }, { "rfc", "scripts", "Common,Latin" },
	{ "organization", "showOnFrontPage", "true" }, { "note", "removeInRFC", "false" },
	{ "section", "numbered", "true" }, { "section", "removeInRFC", "false" }, { "t", "indent", "0" },
	{ "list", "style", "empty" }, { "ol", "type", "1" }, { "ol", "start", "1" }, { "ol", "spacing", "normal" },
	{ "ol", "indent", "adaptive" }, { "ul", "spacing", "normal" }, { "ul", "empty", "false" },
	{ "ul", "bare", "false" }, { "ul", "indent", "3" }, { "dl", "spacing", "normal" }, { "dl", "newline", "false" },
	{ "dl", "indent", "3" }, { "xref", "format", "default" }, { "xref", "sectionFormat", "of" },
	{ "relref", "displayFormat", "of" }, { "eref", "brackets", "none" }, { "iref", "primary", "false" },
	{ "cref", "display", "true" }, { "spanx", "xml:space", "preserve" }, { "spanx", "style", "emph" },
	{ "vspace", "blankLines", "0" }, { "figure", "suppress-title", "false" }, { "figure", "align", "left" },
	{ "table", "align", "center" }, { "artwork", "align", "left" }, { "sourcecode", "markers", "false" },
	{ "td", "colspan", "1" }, { "td", "rowspan", "1" }, { "td", "align", "left" }, { "th", "colspan", "1" },
	{ "th", "rowspan", "1" }, { "th", "align", "left" }, { "texttable", "suppress-title", "false" },
	{ "texttable", "align", "center" }, { "texttable", "style", "full" }, { "ttcol", "align", "left" },
	{ "reference", "quoteTitle", "true" }, { "u", "format", "lit-name-num" },
};

/* fill_defaults() runs on every element, twice, and on each element prep makes: the rows of an
 * element's name are found through its first letter (a few names each), not by comparing all of them.
 * Built once per process, read-only afterwards; rows keep the table's order. */
#define DEFAULT_NAMES_MAX	8	/* names per first letter */
#define DEFAULT_ROWS_MAX	10	/* rows per name */

static struct default_name {
	const char	*tag;
	unsigned char	 rows[DEFAULT_ROWS_MAX], n;
} default_names[128][DEFAULT_NAMES_MAX];
static unsigned char ndefault_names[128];
static int defaults_unindexed;	/* the table outgrew the index: compare every row */
static pthread_once_t defaults_once = PTHREAD_ONCE_INIT;

static void
defaults_index(void)
{
	size_t i, j;

	for (i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++) {
		unsigned char c = (unsigned char)defaults[i].tag[0] & 0x7F;
		struct default_name *d = default_names[c];
		for (j = 0; j < ndefault_names[c] && strcmp(d[j].tag, defaults[i].tag) != 0; j++)
			;
		if (j == ndefault_names[c]) {
			if (j == DEFAULT_NAMES_MAX) {
				defaults_unindexed = 1;
				return;
			}
			d[j].tag = defaults[i].tag;
			ndefault_names[c]++;
		}
		if (d[j].n == DEFAULT_ROWS_MAX) {
			defaults_unindexed = 1;
			return;
		}
		d[j].rows[d[j].n++] = (unsigned char)i;
	}
}

/* A schema default the element lacks (fill_default() has looked), added as xmlSetProp() adds an
 * attribute but with its name and value the document dictionary's own strings, looked up once a
 * document (p->dflt): no search of the element's attributes, no copies. libxml2 frees neither (its
 * DICT_FREE leaves what the dictionary owns) and replaces the value as any other. xmlSetProp() spent
 * about 1,000 instructions on each of a draft's many defaults. No default is an ID (the DTD's
 * anchor), which xmlSetProp() would also register; a name with a prefix goes through set(). */
static void
add_default(struct pp *p, xmlNodePtr n, size_t i)
{
	xmlDictPtr d = p->doc->dict;
	const xmlChar **dn;
	xmlAttrPtr a, last;
	xmlNodePtr t;

	if (d == NULL || n->doc != p->doc)
		goto slow;
	if (p->dflt == NULL && (p->dflt = arena_calloc(p->a, 2 * sizeof(defaults) / sizeof(defaults[0]), sizeof(*p->dflt))) == NULL)
		goto slow;
	dn = &p->dflt[2 * i];
	if (dn[0] == NULL && (strchr(defaults[i].name, ':') != NULL ||
	    (dn[0] = xmlDictLookup(d, (const xmlChar *)defaults[i].name, -1)) == NULL ||
	    (dn[1] = xmlDictLookup(d, (const xmlChar *)defaults[i].value, -1)) == NULL)) {
		dn[0] = NULL;
		goto slow;
	}
	if ((a = xmlMalloc(sizeof(*a))) == NULL || (t = xmlMalloc(sizeof(*t))) == NULL) {
		xmlFree(a);
		goto slow;
	}
	memset(a, 0, sizeof(*a));
	memset(t, 0, sizeof(*t));
	t->type = XML_TEXT_NODE;
	t->name = xmlStringText;
	t->content = (xmlChar *)dn[1];
	t->parent = (xmlNodePtr)a;
	t->doc = n->doc;
	a->type = XML_ATTRIBUTE_NODE;
	a->name = dn[0];
	a->children = a->last = t;
	a->parent = n;
	a->doc = n->doc;
	if (n->properties == NULL)
		n->properties = a;
	else {
		for (last = n->properties; last->next; last = last->next)
			;
		last->next = a;
		a->prev = last;
	}
	return;
slow:	/* no dictionary, a prefixed name, no memory: as any attribute */
	set(n, defaults[i].name, defaults[i].value);
}

static void
fill_default(struct pp *p, xmlNodePtr n, size_t i, int skip_consensus)
{
	if (!has(n, defaults[i].name) && !(skip_consensus && strcmp(defaults[i].name, "consensus") == 0))
		add_default(p, n, i);
}

static void
fill_defaults(struct pp *p, xmlNodePtr n, int skip_consensus)
{
	const struct default_name *d;
	size_t i, j;
	unsigned char c;

	if (n == NULL || n->type != XML_ELEMENT_NODE || n->ns != NULL)
		return;
	pthread_once(&defaults_once, defaults_index);
	if (defaults_unindexed) {
		for (i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
			if (strcmp(defaults[i].tag, (const char *)n->name) == 0)
				fill_default(p, n, i, skip_consensus);
		return;
	}
	c = n->name[0] & 0x7F;
	for (d = default_names[c], j = 0; j < ndefault_names[c]; j++)
		if (strcmp(d[j].tag, (const char *)n->name) == 0) {
			for (i = 0; i < d[j].n; i++)
				fill_default(p, n, d[j].rows[i], skip_consensus);
			return;
		}
}

/* preptool's self.element(): a new element with its schema defaults. */
static xmlNodePtr
elem(struct pp *p, const char *tag)
{
	xmlNodePtr n = xmlNewDocNode(p->doc, NULL, (const xmlChar *)tag, NULL);

	if (n)
		fill_defaults(p, n, 0);
	return n;
}

static xmlNodePtr
elem_text(struct pp *p, const char *tag, const char *text)
{
	xmlNodePtr n = elem(p, tag);

	if (n && text)
		xmlNodeAddContent(n, (const xmlChar *)text);
	return n;
}

/* 5.2.6: defaults everywhere except inside <reference> children and grandchildren, not rfc/@consensus. */
static void
insert_attribute_defaults(struct pp *p)
{
	xmlNodePtr n;

	for (n = p->root; n; n = walk(n, p->root, 1)) {
		xmlNodePtr par = n->parent && is_elem(n->parent) ? n->parent : NULL;
		xmlNodePtr g = par && par->parent && is_elem(par->parent) ? par->parent : NULL;
		if (is(par, "reference") || is(g, "reference"))
			continue;
		fill_defaults(p, n, 1);
	}
}

/* ---- errors ---- */

/* xml2rfc's die(): "FILE(LINE): Error: sentence". */
static int
die(struct pp *p, xmlNodePtr n, const char *msg)
{
	return err_set(p->e, 400, "prep", "%s(%ld): Error: %s", p->doc->URL ? (const char *)p->doc->URL : "input.xml",
	    n ? xmlGetLineNo(n) : 0L, msg);
}

/* ---- slugs ---- */

static void
hash_free(void *h)
{
	xmlHashFree(h, NULL);
}

/* Every slug handed out, in a table: a list compared one by one made naming quadratic in the number of
 * names (thousands in long documents). */
static int
slug_seen(struct pp *p, const char *s, size_t n)
{
	char key[128];
	const char *k = key;

	if (p->slugs == NULL)
		return 0;
	if (n < sizeof(key)) {
		memcpy(key, s, n);
		key[n] = '\0';
	} else if ((k = arena_strndup(p->a, s, n)) == NULL)
		return 0;
	return xmlHashLookup(p->slugs, (const xmlChar *)k) != NULL;
}

static void
slug_add(struct pp *p, const char *s)
{
	if (p->nslugs >= SLUG_SEEN_MAX)
		return;
	if (p->slugs == NULL) {
		if ((p->slugs = xmlHashCreate(256)) == NULL)
			return;
		if (arena_defer(p->a, hash_free, p->slugs) == -1) {
			p->slugs = NULL;
			return;
		}
	}
	(void)xmlHashAddEntry(p->slugs, (const xmlChar *)s, (void *)s);	/* a slug seen again stays once */
	p->nslugs++;
}

/* preptool's slugify_name(): ASCII letters, digits, '_' kept (accents dropped, as NFKD + ascii would
 * keep only the base letter of Latin ones: we keep none), runs of space, '-' and '/' to one '-', lower
 * case, at most 32 characters (up to 40, or a "-2".."-99" suffix, to stay unique). */
static const char *
slugify(struct pp *p, const char *name)
{
	struct buf b, o;
	const unsigned char *s;
	const char *t;
	size_t len, n = 32, i, j;
	int m = 2, sep = 0;
	char *r;

	buf_init(&b, p->a, 0);
	for (s = (const unsigned char *)name; *s; s++) {
		if (*s >= 0x80)
			continue;
		if (isalnum(*s) || *s == '_' || *s == '-' || *s == '/' || isspace(*s))
			buf_putc(&b, (char)tolower(*s));
	}
	t = buf_cstr(&b);
	while (*t && isspace((unsigned char)*t))
		t++;
	len = strlen(t);
	while (len > 0 && isspace((unsigned char)t[len - 1]))
		len--;
	buf_init(&o, p->a, 0);
	for (i = 0; i < len; i++) {
		if (t[i] == '-' || t[i] == '/' || isspace((unsigned char)t[i])) {
			sep = 1;
			continue;
		}
		if (sep)
			buf_putc(&o, '-');
		sep = 0;
		buf_putc(&o, t[i]);
	}
	if (sep)
		buf_putc(&o, '-');
	t = buf_cstr(&o);
	len = strlen(t);
	while (n < len && n < 40 && slug_seen(p, t, n))
		n++;
	j = n < len ? n : len;
	for (;;) {
		r = arena_printf(p->a, "%.*s-%d", (int)j, t, m);
		if (!r || !slug_seen(p, r, strlen(r)) || m >= 99)
			break;
		m++;
	}
	if (slug_seen(p, t, j))
		;
	else
		r = arena_strndup(p->a, t, j);
	if (r)
		slug_add(p, r);
	return r ? r : "";
}

/* ---- 5.1 checks ---- */

static const char *const cats_ietf[] = { "std", "bcp", "exp", "historic", "info", NULL };
static const char *const cats_iab[] = { "historic", "info", NULL };
static const char *const cats_irtf[] = { "exp", "historic", "info", NULL };
static const char *const cats_ind[] = { "exp", "historic", "info", NULL };

static int
in_list(const char *const *l, const char *s)
{
	for (; s && *l; l++)
		if ((*l)[0] == s[0] && strcmp(*l, s) == 0)	/* the first byte first: asked of every element */
			return 1;
	return 0;
}

static void
yes_no(xmlNodePtr n)
{
	for (xmlAttrPtr a = n->properties; a; a = a->next) {
		xmlNodePtr t = a->children;
		xmlChar *v;
		/* a value of one text node that is neither is passed over in place: this runs on every
		 * attribute of the document, and xmlNodeGetContent() copies each */
		if (t != NULL && t->next == NULL && t->type == XML_TEXT_NODE && t->content != NULL &&
		    strcmp((char *)t->content, "yes") != 0 && strcmp((char *)t->content, "no") != 0)
			continue;
		v = xmlNodeGetContent((xmlNodePtr)a);
		if (v && (strcmp((char *)v, "yes") == 0 || strcmp((char *)v, "no") == 0))
			xmlSetNsProp(n, a->ns, a->name, (const xmlChar *)(v[0] == 'y' ? "true" : "false"));
		xmlFree(v);
	}
}

static int
check_attribute_values(struct pp *p)
{
	xmlNodePtr n;
	const char *stream, *cat, *cons;
	const char *const *cats;
	int only_true;

	for (n = p->root; n; n = walk(n, p->root, 1)) {
		const char *qt = get(p, n, "quote-title");
		if (qt) {
			if (*qt)
				set(n, "quoteTitle", qt);
			unset(n, "quote-title");
		}
		/* values lose surrounding whitespace, except where it means something */
		for (xmlAttrPtr a = n->properties; a; a = a->next) {
			xmlChar *v;
			size_t l;
			const char *s;
			if ((is(n, "u") && strcmp((const char *)a->name, "format") == 0) ||
			    (is(n, "iref") && (strcmp((const char *)a->name, "item") == 0 ||
			    strcmp((const char *)a->name, "subitem") == 0)))
				continue;
			if ((v = xmlNodeGetContent((xmlNodePtr)a)) == NULL)
				continue;
			for (s = (const char *)v; *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'; s++)
				;
			l = strlen(s);
			while (l > 0 && (s[l - 1] == ' ' || s[l - 1] == '\t' || s[l - 1] == '\n' || s[l - 1] == '\r'))
				l--;
			if (s != (const char *)v || l != strlen(s)) {
				char *c = arena_strndup(p->a, s, l);
				if (c)
					xmlSetNsProp(n, a->ns, a->name, (const xmlChar *)c);
			}
			xmlFree(v);
		}
	}
	yes_no(p->root);
	stream = get(p, p->root, "submissionType");
	cat = get(p, p->root, "category");
	cons = get(p, p->root, "consensus");
	if (!streq(stream, "IETF") && !streq(stream, "IAB") && !streq(stream, "IRTF") && !streq(stream, "independent"))
		stream = "IETF";
	cats = streq(stream, "IETF") ? cats_ietf : streq(stream, "IAB") ? cats_iab : streq(stream, "IRTF") ? cats_irtf :
	    cats_ind;
	if (!in_list(cats, cat)) {
		struct buf b;
		buf_init(&b, p->a, 0);
		for (const char *const *c = cats; *c; c++)
			buf_printf(&b, "%s%s", c == cats ? "" : ",", *c);
		return die(p, p->root, arena_printf(p->a, "Expected a valid category for submissionType='%s', one of %s, "
		    "but found '%s'", stream, buf_cstr(&b), cat ? cat : "None"));
	}
	/* IETF std and bcp have only the consensus boilerplate */
	only_true = streq(stream, "IETF") && (streq(cat, "std") || streq(cat, "bcp"));
	if ((streq(stream, "IRTF") && child(child(p->root, "front"), "workgroup") == NULL) ||
	    streq(stream, "independent"))
		return 0;
	if (cons == NULL)
		cons = only_true ? "true" : "false";
	else if (only_true && !streq(cons, "true"))
		cons = "false";
	if (streq(cons, "true") || streq(cons, "false"))
		set(p->root, "consensus", cons);
	return 0;
}

static void
normalize_text_items(struct pp *p)
{
	static const char *const tags[] = { "area", "bcp14", "cityarea", "code", "country", "date", "email", "extaddr",
		"keyword", "organization", "phone", "pobox", "postalLine", "sortingcode", "street", "uri", "workgroup",
		"region", "title", NULL };
	xmlNodePtr n;

	for (n = p->root; n; n = walk(n, p->root, 1)) {
		xmlNodePtr t = n->children;
		struct buf b;
		const char *s;
		size_t l;
		if (!in_list(tags, (const char *)n->name) || n->ns || t == NULL || t->type != XML_TEXT_NODE)
			continue;
		buf_init(&b, p->a, 0);
		/* whitespace to spaces; ".   +" to ".  "; other runs of 2+ spaces to one */
		for (s = (const char *)t->content; *s; s++) {
			char c = (*s == '\t' || *s == '\n' || *s == '\r' || *s == '\f' || *s == '\v') ? ' ' : *s;
			buf_putc(&b, c);
		}
		s = buf_cstr(&b);
		{
			struct buf o;
			size_t i, k;
			buf_init(&o, p->a, 0);
			for (i = 0; s[i]; i++) {
				if (s[i] == ' ' && o.len && (k = strspn(s + i, " ")) >= 2) {
					int dot = o.data[o.len - 1] == '.';
					buf_puts(&o, dot && k >= 3 ? "  " : dot ? "  " : " ");
					i += k - 1;
					continue;
				}
				buf_putc(&o, s[i]);
			}
			s = buf_cstr(&o);
		}
		while (*s == ' ')
			s++;
		l = strlen(s);
		while (l > 0 && s[l - 1] == ' ')
			l--;
		xmlNodeSetContentLen(t, (const xmlChar *)s, (int)l);
	}
}

/* ---- 5.2 defaults ---- */

/* 5.2.2: <seriesInfo> from docName (a draft) or number (an RFC) after the title, when there is none */
static void
insert_series_info(struct pp *p, xmlNodePtr front)
{
	const char *dn = get(p, p->root, "docName"), *num = get(p, p->root, "number");
	xmlNodePtr si, t;

	if (streq(get(p, p->root, "ipr"), "none") || child(front, "seriesInfo") != NULL)
		return;
	if (p->rfcmode && num) {
		si = elem(p, "seriesInfo");
		set(si, "name", "RFC");
		set(si, "value", num);
	} else if (!p->rfcmode && dn && *dn) {
		si = elem(p, "seriesInfo");
		set(si, "name", "Internet-Draft");
		set(si, "value", dn);
	} else
		return;
	if ((t = child(front, "title")) != NULL)
		xmlAddNextSibling(t, si);
	else if (front->children)
		xmlAddPrevSibling(front->children, si);
	else
		xmlAddChild(front, si);
}

static int
month_number(const char *m)
{
	int i;

	if (m == NULL || *m == '\0')
		return 0;
	if (isdigit((unsigned char)*m))
		return atoi(m);
	for (i = 0; i < 12; i++)
		if (strncasecmp(m, month_names[i], strlen(m) < 3 ? 3 : strlen(m)) == 0 ||
		    (strlen(m) >= 3 && strncasecmp(m, month_names[i], 3) == 0))
			return i + 1;
	return 0;
}

static int
insert_date(struct pp *p, xmlNodePtr front)
{
	xmlNodePtr d = child(front, "date"), n;
	const char *ys, *ms, *ds;
	char y[16], m[8], dd[8];

	if (d != NULL) {
		ys = get(p, d, "year");
		ms = get(p, d, "month");
		ds = get(p, d, "day");
		if (ms && *ms && !isdigit((unsigned char)*ms))
			ms = (snprintf(m, sizeof(m), "%02d", month_number(ms)), arena_strdup(p->a, m));
		if (ys == NULL || *ys == '\0')
			ys = (snprintf(y, sizeof(y), "%d", p->o->year), arena_strdup(p->a, y));
		if (ms == NULL || *ms == '\0') {
			/* xml2rfc 3.32 takes the month and day from today even when the year is another one
			 * (render-golden/README.md: 197 corpus drafts have such a date) */
			snprintf(m, sizeof(m), "%02d", p->o->month);
			snprintf(dd, sizeof(dd), "%02d", p->o->day);
			ms = arena_strdup(p->a, m);
			ds = arena_strdup(p->a, dd);
		}
		n = elem(p, "date");
		set(n, "year", ys);
		set(n, "month", ms);
		if (ds && *ds)
			set(n, "day", ds);
		xmlReplaceNode(d, n);
		xmlFreeNode(d);
	} else {
		xmlNodePtr c, after = NULL;
		for (c = front->children; c; c = c->next)
			if (is(c, "title") || is(c, "seriesInfo") || is(c, "author"))
				after = c;
		ys = arena_printf(p->a, "%d", p->o->year);
		ms = arena_printf(p->a, "%02d", p->o->month);
		ds = arena_printf(p->a, "%02d", p->o->day);
		n = elem(p, "date");
		set(n, "year", ys);
		set(n, "month", ms);
		set(n, "day", ds);
		if (after)
			xmlAddNextSibling(after, n);
		else if (front->children)
			xmlAddPrevSibling(front->children, n);
		else
			xmlAddChild(front, n);
	}
	p->y = atoi(ys);
	p->m = atoi(ms);
	p->d = ds && *ds ? atoi(ds) : 1;
	if (p->m < 1 || p->m > 12 || p->y < 1)
		return die(p, front, arena_printf(p->a, "Invalid date: %s-%s-%s", ys, ms, ds ? ds : "01"));
	return 0;
}

static void
ol_groups(struct pp *p)
{
	struct grp {
		const char	*name;
		int		 next;
	} *g = NULL;
	size_t ng = 0, cap = 0, i;
	xmlNodePtr *v = collect(p, p->root, "ol", 0), c;

	for (; v && *v; v++) {
		const char *group = get(p, *v, "group"), *start = get(p, *v, "start");
		int k = 0;
		if (group == NULL)
			continue;
		if (start && !isdigit((unsigned char)*start))
			start = "1";
		for (i = 0; i < ng && strcmp(g[i].name, group) != 0; i++)
			;
		if (i == ng) {
			if ((g = arena_grow(p->a, g, ng, &cap, sizeof(*g))) == NULL)
				return;
			g[ng].name = group;
			g[ng++].next = 1;
		}
		if (start == NULL)
			set(*v, "start", arena_printf(p->a, "%d", g[i].next));
		else
			g[i].next = atoi(start);
		for (c = (*v)->children; c; c = c->next)
			k += is(c, "li");
		g[i].next += k;
	}
}

/* 5.2.7 */
static void
section_toc(struct pp *p, xmlNodePtr s)
{
	const char *etoc = get(p, s, "toc"), *ptoc = get(p, s->parent, "toc");
	const char *td = get(p, p->root, "tocDepth");
	xmlNodePtr n;
	int incl = 0, depth = count_ancestors(s, "section") + 1;

	for (n = walk(s, s, 1); n && !incl; n = walk(n, s, 1))
		incl = is(n, "section") && streq(get(p, n, "toc"), "include");
	if (etoc == NULL || strcmp(etoc, "default") == 0) {
		if (incl)
			set(s, "toc", "include");
		else if (streq(ptoc, "exclude"))
			set(s, "toc", "exclude");
		else
			set(s, "toc", depth <= (td && isdigit((unsigned char)*td) ? atoi(td) : 3) ? "include" : "exclude");
	}
}

static void
remove_in_rfc_warning(struct pp *p, xmlNodePtr e)
{
	const char *w = is(e, "note") ? "This note is to be removed before publishing as an RFC." :
	    "This section is to be removed before publishing as an RFC.";
	xmlNodePtr t = child(e, "t"), nm = child(e, "name"), n;
	xmlChar *tx = t && t->children && t->children->type == XML_TEXT_NODE && t->children->next == NULL ?
	    xmlNodeGetContent(t) : NULL;
	int same = tx && strcmp((char *)tx, w) == 0;

	xmlFree(tx);
	if (same)
		return;
	n = elem_text(p, "t", w);
	if (nm)
		xmlAddNextSibling(nm, n);
	else if (e->children)
		xmlAddPrevSibling(e->children, n);
	else
		xmlAddChild(e, n);
}

/* 5.3.2 and the author checks */
static void
ascii_attrs(struct pp *p)
{
	xmlNodePtr n;

	for (n = p->root; n; n = walk(n, p->root, 1)) {
		const char *as = get(p, n, "ascii");
		if (as && (is(n, "email") || is(n, "organization") || is(n, "street") || is(n, "city") || is(n, "region") ||
		    is(n, "country") || is(n, "code") || 1)) {
			xmlChar *c = xmlNodeGetContent(n);
			if (c && strcmp(clean(p, (char *)c), clean(p, as)) == 0)
				unset(n, "ascii");
			xmlFree(c);
		}
		if ((is(n, "author") && is(n->parent, "front")) || is(n, "contact")) {
			const char *fn = get(p, n, "fullname"), *in = get(p, n, "initials"), *sn = get(p, n, "surname");
			static const char *const pairs[][2] = { { "fullname", "asciiFullname" },
				{ "initials", "asciiInitials" }, { "surname", "asciiSurname" } };
			if ((in || sn) && !fn)
				set(n, "fullname", in && sn ? arena_printf(p->a, "%s %s", in, sn) : in ? in : sn);
			for (size_t i = 0; i < 3; i++) {
				const char *u = get(p, n, pairs[i][0]), *a = get(p, n, pairs[i][1]);
				if (u && a && strcmp(clean(p, u), clean(p, a)) == 0)
					unset(n, pairs[i][1]);
			}
		}
	}
}

/* 5.3.3: title="..." to <name> */
static void
title_to_name(struct pp *p)
{
	xmlNodePtr n;

	for (n = p->root; n; n = walk(n, p->root, 1)) {
		const char *t;
		if (!(is(n, "section") || is(n, "note") || is(n, "figure") || is(n, "references") || is(n, "texttable") ||
		    is(n, "table")) || (t = get(p, n, "title")) == NULL)
			continue;
		unset(n, "title");
		if (*t && child(n, "name") == NULL) {
			xmlNodePtr nm = elem_text(p, "name", t);
			if (n->children)
				xmlAddPrevSibling(n->children, nm);
			else
				xmlAddChild(n, nm);
		}
	}
}

/* ---- 5.4.2 boilerplate ---- */

/* Paragraphs are stored line by line as xml2rfc has them; a line of a <t> is indented as there. */
struct para {
	const char	*lines[14];
};

static const struct para id_status[] = {
	{ { "This Internet-Draft is submitted in full conformance with the",
	    "provisions of BCP 78 and BCP 79." } },
	{ { "Internet-Drafts are working documents of the Internet Engineering Task",
	    "Force (IETF). Note that other groups may also distribute working",
	    "documents as Internet-Drafts. The list of current Internet-Drafts is",
	    "at <eref target=\"{scheme}://datatracker.ietf.org/drafts/current/\"/>." } },
	{ { "Internet-Drafts are draft documents valid for a maximum of six months",
	    "and may be updated, replaced, or obsoleted by other documents at any",
	    "time. It is inappropriate to use Internet-Drafts as reference",
	    "material or to cite them other than as \"work in progress.\"" } },
	{ { "This Internet-Draft will expire on {expiration_date}." } },
};

#define RFC_INFO_PARA { { "Information about the current status of this document, any", \
	"errata, and how to provide feedback on it may be obtained at", \
	"<eref target=\"{scheme}://www.rfc-editor.org/info/rfc{rfc_number}\" />." } }
#define P_EXP { { "This document is not an Internet Standards Track specification; it is", \
	"published for examination, experimental implementation, and", "evaluation." } }
#define P_HIST { { "This document is not an Internet Standards Track specification; it is", \
	"published for the historical record." } }
#define P_INFO { { "This document is not an Internet Standards Track specification; it is", \
	"published for informational purposes.  " } }
#define P_INFO2 { { "This document is not an Internet Standards Track specification; it is", \
	"published for informational purposes." } }

/* RFC 7841's Status of This Memo by stream, category and consensus ("n/a" where it does not apply). */
static const struct rfc_status {
	const char	*stream, *cat, *cons;
	struct para	 p[3];
} rfc_status[] = {
	{ "IETF", "std", "true", { { { "This is an Internet Standards Track document." } },
	    { { "This document is a product of the Internet Engineering Task Force",
	    "(IETF).  It represents the consensus of the IETF community.  It has",
	    "received public review and has been approved for publication by",
	    "the Internet Engineering Steering Group (IESG).  Further",
	    "information on Internet Standards is available in Section 2 of ", "RFC 7841." } }, RFC_INFO_PARA } },
	{ "IETF", "bcp", "true", { { { "This memo documents an Internet Best Current Practice." } },
	    { { "This document is a product of the Internet Engineering Task Force",
	    "(IETF).  It represents the consensus of the IETF community.  It has",
	    "received public review and has been approved for publication by",
	    "the Internet Engineering Steering Group (IESG).  Further information",
	    "on BCPs is available in Section 2 of RFC 7841." } }, RFC_INFO_PARA } },
	{ "IETF", "exp", "true", { P_EXP, { { "This document defines an Experimental Protocol for the Internet",
	    "community.  This document is a product of the Internet Engineering",
	    "Task Force (IETF).  It represents the consensus of the IETF community.",
	    "It has received public review and has been approved for publication",
	    "by the Internet Engineering Steering Group (IESG).  Not all documents",
	    "approved by the IESG are candidates for any level of Internet",
	    "Standard; see Section 2 of RFC 7841. " } }, RFC_INFO_PARA } },
	{ "IETF", "exp", "false", { P_EXP, { { "This document defines an Experimental Protocol for the Internet",
	    "community.  This document is a product of the Internet Engineering",
	    "Task Force (IETF).  It has been approved for publication by the",
	    "Internet Engineering Steering Group (IESG).  Not all documents",
	    "approved by the IESG are candidates for any level of Internet",
	    "Standard; see Section 2 of RFC 7841. " } }, RFC_INFO_PARA } },
	{ "IETF", "historic", "true", { P_HIST, { { "This document defines a Historic Document for the Internet",
	    "community.  This document is a product of the Internet Engineering",
	    "Task Force (IETF).  It represents the consensus of the IETF community.",
	    "It has received public review and has been approved for publication by",
	    "the Internet Engineering Steering Group (IESG).  Not all documents",
	    "approved by the IESG are candidates for any level of Internet",
	    "Standard; see Section 2 of RFC 7841. " } }, RFC_INFO_PARA } },
	{ "IETF", "historic", "false", { P_HIST, { { "This document defines a Historic Document for the Internet",
	    "community.  This document is a product of the Internet Engineering Task Force",
	    "(IETF).  It has been approved for publication by the Internet",
	    "Engineering Steering Group (IESG).  Not all documents approved by the",
	    "IESG are candidates for any level of Internet Standard; see Section 2",
	    "of RFC 7841. " } }, RFC_INFO_PARA } },
	{ "IETF", "info", "true", { P_INFO, { { "This document is a product of the Internet Engineering Task Force",
	    "(IETF).  It represents the consensus of the IETF community.  It has",
	    "received public review and has been approved for publication by the",
	    "Internet Engineering Steering Group (IESG).  Not all documents",
	    "approved by the IESG are candidates for any level of Internet",
	    "Standard; see Section 2 of RFC 7841. " } }, RFC_INFO_PARA } },
	{ "IETF", "info", "false", { P_INFO, { { "This document is a product of the Internet Engineering Task Force",
	    "(IETF).  It has been approved for publication by the Internet",
	    "Engineering Steering Group (IESG).  Not all documents approved by the",
	    "IESG are candidates for any level of Internet Standard; see Section 2",
	    "of RFC 7841.   " } }, RFC_INFO_PARA } },
	{ "IAB", "historic", "true", { P_HIST, { { "This document defines a Historic Document for the Internet",
	    "community.  This document is a product of the Internet Architecture",
	    "Board (IAB) and represents information that the IAB has deemed",
	    "valuable to provide for permanent record.  It represents the consensus of the",
	    "Internet Architecture Board (IAB).  Documents approved for",
	    "publication by the IAB are not candidates for any level of Internet",
	    "Standard; see Section 2 of RFC 7841." } }, RFC_INFO_PARA } },
	{ "IAB", "historic", "false", { P_HIST, { { "This document defines a Historic Document for the Internet",
	    "community.  This document is a product of the Internet Architecture",
	    "Board (IAB) and represents information that the IAB has deemed",
	    "valuable to provide for permanent record.  Documents approved for",
	    "publication by the IAB are not candidates for any level of Internet",
	    "Standard; see Section 2 of RFC 7841." } }, RFC_INFO_PARA } },
	{ "IAB", "info", "true", { P_INFO, { { "This document is a product of the Internet Architecture Board",
	    "(IAB) and represents information that the IAB has deemed valuable",
	    "to provide for permanent record.  It represents the consensus of the Internet",
	    "Architecture Board (IAB).  Documents approved for publication",
	    "by the IAB are not candidates for any level of Internet Standard; see",
	    "Section 2 of RFC 7841." } }, RFC_INFO_PARA } },
	{ "IAB", "info", "false", { P_INFO2, { { "This document is a product of the Internet Architecture Board",
	    "(IAB) and represents information that the IAB has deemed valuable",
	    "to provide for permanent record.  Documents approved for publication",
	    "by the IAB are not candidates for any level of Internet Standard; see",
	    "Section 2 of RFC 7841." } }, RFC_INFO_PARA } },
	{ "IRTF", "exp", "true", { { { "This document is not an Internet Standards Track specification; it is",
	    "published for examination, experimental implementation, and", "evaluation. " } },
	    { { "This document defines an Experimental Protocol for the Internet",
	    "community.  This document is a product of the Internet Research",
	    "Task Force (IRTF).  The IRTF publishes the results of Internet-related",
	    "research and development activities.  These results might not be",
	    "suitable for deployment.  This RFC represents the consensus of the",
	    "{group_name} Research Group of the Internet Research Task Force",
	    "(IRTF).  Documents approved for publication by the IRSG are not",
	    "candidates for any level of Internet Standard; see Section 2 of RFC", "7841." } }, RFC_INFO_PARA } },
	{ "IRTF", "exp", "false", { P_EXP, { { "This document defines an Experimental Protocol for the Internet",
	    "community.  This document is a product of the Internet Research Task",
	    "Force (IRTF).  The IRTF publishes the results of Internet-related",
	    "research and development activities.  These results might not be",
	    "suitable for deployment.  This RFC represents the individual",
	    "opinion(s) of one or more members of the {group_name} Research Group",
	    "of the Internet Research Task Force (IRTF).  Documents approved for",
	    "publication by the IRSG are not candidates for any level of Internet",
	    "Standard; see Section 2 of RFC 7841." } }, RFC_INFO_PARA } },
	{ "IRTF", "exp", "n/a", { P_EXP, { { "This document defines an Experimental Protocol for the Internet",
	    "community.  This document is a product of the Internet Research",
	    "Task Force (IRTF).  The IRTF publishes the results of Internet-related",
	    "research and development activities.  These results might not be",
	    "suitable for deployment.  Documents approved for publication by the",
	    "IRSG are not candidates for any level of Internet Standard; see",
	    "Section 2 of RFC 7841." } }, RFC_INFO_PARA } },
	{ "IRTF", "historic", "true", { P_HIST, { { "This document defines a Historic Document for the Internet",
	    "community.  This document is a product of the Internet Research Task Force",
	    "(IRTF).  The IRTF publishes the results of Internet-related",
	    "research and development activities.  These results might not be",
	    "suitable for deployment.  This RFC represents the consensus of",
	    "the {group_name} Research Group of the Internet Research Task Force (IRTF).",
	    "Documents approved for publication by the IRSG are not candidates for",
	    "any level of Internet Standard; see Section 2 of RFC 7841." } }, RFC_INFO_PARA } },
	{ "IRTF", "historic", "false", { P_HIST, { { "This document defines a Historic Document for the Internet community.",
	    "This document is a product of the Internet Research Task Force",
	    "(IRTF).  The IRTF publishes the results of Internet-related",
	    "research and development activities.  These results might not be",
	    "suitable for deployment.  This RFC represents the individual opinion(s) of one or more",
	    "members of the {group_name} Research Group of the Internet",
	    "Research Task Force (IRTF).  Documents approved for",
	    "publication by the IRSG are not candidates for",
	    "any level of Internet Standard; see Section 2 of RFC 7841." } }, RFC_INFO_PARA } },
	{ "IRTF", "historic", "n/a", { P_HIST, { { "This document defines a Historic Document for the Internet",
	    "community.  This document is a product of the Internet Research",
	    "Task Force (IRTF).  The IRTF publishes the results of Internet-related",
	    "research and development activities.  These results might not be",
	    "suitable for deployment.  Documents approved for publication by the",
	    "IRSG are not candidates for any level of Internet Standard; see",
	    "Section 2 of RFC 7841." } }, RFC_INFO_PARA } },
	{ "IRTF", "info", "true", { P_INFO, { { "This document is a product of the Internet Research Task Force",
	    "(IRTF).  The IRTF publishes the results of Internet-related",
	    "research and development activities.  These results might not be",
	    "suitable for deployment.  This RFC represents the consensus of the {group_name}",
	    "Research Group of the Internet Research Task Force (IRTF).",
	    "Documents approved for publication by the IRSG are not",
	    "candidates for any level of Internet Standard; see Section 2 of RFC", "7841.   " } }, RFC_INFO_PARA } },
	{ "IRTF", "info", "false", { P_INFO, { { "This document is a product of the Internet Research Task Force",
	    "(IRTF).  The IRTF publishes the results of Internet-related",
	    "research and development activities.  These results might not be",
	    "suitable for deployment.  This RFC represents the individual opinion(s) of one or more",
	    "members of the {group_name} Research Group of the Internet",
	    "Research Task Force (IRTF).  Documents approved for publication by the IRSG are not",
	    "candidates for any level of Internet Standard; see Section 2 of RFC 7841." } }, RFC_INFO_PARA } },
	{ "IRTF", "info", "n/a", { P_INFO2, { { "This document is a product of the Internet Research Task Force",
	    "(IRTF).  The IRTF publishes the results of Internet-related",
	    "research and development activities.  These results might not be",
	    "suitable for deployment.  Documents approved for publication by the",
	    "IRSG are not candidates for any level of Internet Standard; see",
	    "Section 2 of RFC 7841." } }, RFC_INFO_PARA } },
	{ "independent", "exp", "n/a", { P_EXP, { { "This document defines an Experimental Protocol for the Internet",
	    "community.  This is a contribution to the RFC Series,",
	    "independently of any other RFC stream.  The RFC Editor has chosen to publish this",
	    "document at its discretion and makes no statement about its value",
	    "for implementation or deployment.  Documents approved for publication",
	    "by the RFC Editor are not candidates for any level of Internet",
	    "Standard; see Section 2 of RFC 7841." } }, RFC_INFO_PARA } },
	{ "independent", "historic", "n/a", { P_HIST, { { "This document defines a Historic Document for the Internet",
	    "community.  This is a contribution to the RFC Series, independently of any",
	    "other RFC stream.  The RFC Editor has chosen to publish this",
	    "document at its discretion and makes no statement about its value",
	    "for implementation or deployment.  Documents approved for",
	    "publication by the RFC Editor are not candidates for any level of",
	    "Internet Standard; see Section 2 of RFC 7841." } }, RFC_INFO_PARA } },
	{ "independent", "info", "n/a", { P_INFO2, { { "This is a contribution to the RFC Series, independently of any",
	    "other RFC stream.  The RFC Editor has chosen to publish this",
	    "document at its discretion and makes no statement about its value",
	    "for implementation or deployment.  Documents approved for",
	    "publication by the RFC Editor are not candidates for any level of",
	    "Internet Standard; see Section 2 of RFC 7841." } }, RFC_INFO_PARA } },
};

/* The Trust Legal Provisions' Copyright Notice: 2.0 (from 2009-02-15), 3.0 (2009-09-12), 5.0 (2009-12-28;
 * 4.0 differs only by the URL scheme, which follows the date). */
enum tlp { TLP2_NA, TLP3_NA, TLP5_IETF, TLP5_ALT, TLP_NOMOD, TLP_NODERIV, TLP_PRE5378, TLP__MAX };

static const struct para tlp_paras[TLP__MAX][2] = {
	/* TLP2_NA */
	{ { { "Copyright (c) {year} IETF Trust and the persons identified as", "the document authors.  All rights reserved. " } },
	  { { "This document is subject to BCP 78 and the IETF Trust's Legal",
	      "Provisions Relating to IETF Documents in effect on the date of",
	      "publication of this document (http://trustee.ietf.org/license-info).",
	      "Please review these documents carefully, as they describe your rights",
	      "and restrictions with respect to this document." } } },
	/* TLP3_NA */
	{ { { "Copyright (c) {year} IETF Trust and the persons identified as", "the document authors.  All rights reserved. " } },
	  { { "This document is subject to BCP 78 and the IETF Trust's Legal",
	      "Provisions Relating to IETF Documents",
	      "(http://trustee.ietf.org/license-info) in effect on the date of",
	      "publication of this document. Please review these documents carefully,",
	      "as they describe your rights and restrictions with respect to this",
	      "document.  Code Components extracted from this document must include",
	      "Simplified BSD License text as described in Section 4.e of the Trust",
	      "Legal Provisions and are provided without warranty as described in the", "BSD License." } } },
	/* TLP5_IETF */
	{ { { "Copyright (c) {year} IETF Trust and the persons identified as the", "document authors. All rights reserved." } },
	  { { "This document is subject to BCP 78 and the IETF Trust's Legal",
	      "Provisions Relating to IETF Documents",
	      "(<eref target=\"{scheme}://trustee.ietf.org/license-info\"/>) in effect on the date of",
	      "publication of this document. Please review these documents",
	      "carefully, as they describe your rights and restrictions with",
	      "respect to this document. Code Components extracted from this",
	      "document must include Revised BSD License text as described in",
	      "Section 4.e of the Trust Legal Provisions and are provided without",
	      "warranty as described in the Revised BSD License." } } },
	/* TLP5_ALT */
	{ { { "Copyright (c) {year} IETF Trust and the persons identified as the", "document authors. All rights reserved." } },
	  { { "This document is subject to BCP 78 and the IETF Trust's Legal",
	      "Provisions Relating to IETF Documents",
	      "(<eref target=\"{scheme}://trustee.ietf.org/license-info\"/>) in effect on the date of",
	      "publication of this document. Please review these documents",
	      "carefully, as they describe your rights and restrictions with", "respect to this document." } } },
	/* TLP_NOMOD */
	{ { { "This document may not be modified, and derivative works of it may",
	      "not be created, except to format it for publication as an RFC or",
	      "to translate it into languages other than English." } }, { { NULL } } },
	/* TLP_NODERIV */
	{ { { "This document may not be modified, and derivative works of it may",
	      "not be created, and it may not be published except as an", "Internet-Draft." } }, { { NULL } } },
	/* TLP_PRE5378 */
	{ { { "This document may contain material from IETF Documents or IETF",
	      "Contributions published or made publicly available before November",
	      "10, 2008. The person(s) controlling the copyright in some of this",
	      "material may not have granted the IETF Trust the right to allow",
	      "modifications of such material outside the IETF Standards Process.",
	      "Without obtaining an adequate license from the person(s)",
	      "controlling the copyright in such materials, this document may not",
	      "be modified outside the IETF Standards Process, and derivative",
	      "works of it may not be created outside the IETF Standards Process,",
	      "except to format it for publication as an RFC or to translate it",
	      "into languages other than English." } }, { { NULL } } },
};

struct fmt {
	const char	*scheme, *year, *rfc_number, *group_name, *expiration_date;
};

/* Appends <t> for one stored paragraph: "{key}" filled in, <eref target="..."/> as an element, the
 * lines joined by a line end and indent spaces as in xml2rfc's source. */
static void
add_para(struct pp *p, xmlNodePtr sec, const struct para *pa, const struct fmt *f, int indent)
{
	struct buf b;
	xmlNodePtr t = elem(p, "t");
	const char *s, *q;
	size_t i;

	buf_init(&b, p->a, 0);
	for (i = 0; i < sizeof(pa->lines) / sizeof(pa->lines[0]) && pa->lines[i]; i++) {
		buf_printf(&b, "\n%*s", indent, "");
		for (s = pa->lines[i]; *s; s++) {
			if (*s == '{' && (q = strchr(s, '}')) != NULL) {
				size_t n = (size_t)(q - s - 1);
				const char *v = strncmp(s + 1, "scheme", n) == 0 ? f->scheme : strncmp(s + 1, "year", n) == 0 ?
				    f->year : strncmp(s + 1, "rfc_number", n) == 0 ? f->rfc_number :
				    strncmp(s + 1, "group_name", n) == 0 ? f->group_name :
				    strncmp(s + 1, "expiration_date", n) == 0 ? f->expiration_date : NULL;
				buf_puts(&b, v ? v : "");
				s = q;
				continue;
			}
			buf_putc(&b, *s);
		}
	}
	buf_printf(&b, "\n%*s", indent, "");
	/* split around <eref target="X"/> */
	s = buf_cstr(&b);
	while ((q = strstr(s, "<eref target=\"")) != NULL) {
		const char *tq = q + 14, *te = strchr(tq, '"'), *ee = te ? strstr(te, ">") : NULL;
		xmlNodePtr er;
		if (te == NULL || ee == NULL)
			break;
		xmlAddChild(t, xmlNewDocTextLen(p->doc, (const xmlChar *)s, (int)(q - s)));
		er = elem(p, "eref");
		set(er, "target", arena_strndup(p->a, tq, (size_t)(te - tq)));
		xmlAddChild(t, er);
		s = ee + 1;
	}
	xmlAddChild(t, xmlNewDocText(p->doc, (const xmlChar *)s));
	xmlAddChild(sec, t);
}

static xmlNodePtr
bp_section(struct pp *p, const char *anchor, const char *name)
{
	xmlNodePtr s = elem(p, "section");

	set(s, "numbered", "false");
	set(s, "toc", "exclude");
	set(s, "anchor", anchor);
	xmlAddChild(s, elem_text(p, "name", name));
	return s;
}

static int
date_before(struct pp *p, int y, int m, int d)
{
	return p->y != y ? p->y < y : p->m != m ? p->m < m : p->d < d;
}

/* days since 1970-01-01 and back (the proleptic Gregorian calendar) */
static long
days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int
insert_boilerplate(struct pp *p, xmlNodePtr front)
{
	const char *ipr = get(p, p->root, "ipr"), *stream, *cat, *cons;
	char ipr_l[64];
	xmlNodePtr bp, c, next, sec, wg;
	struct fmt f;
	size_t i;
	enum tlp tlp;
	int https = !date_before(p, 2017, 8, 21);

	memset(&f, 0, sizeof(f));
	f.scheme = https ? "https" : "http";
	f.year = arena_printf(p->a, "%d", p->y);
	snprintf(ipr_l, sizeof(ipr_l), "%s", ipr ? ipr : "");
	for (i = 0; ipr_l[i]; i++)
		ipr_l[i] = (char)tolower((unsigned char)ipr_l[i]);
	if (strcmp(ipr_l, "none") == 0)
		return 0;
	if ((bp = child(front, "boilerplate")) != NULL) {
		for (c = bp->children; c; c = next) {
			next = c->next;
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		}
	} else
		xmlAddChild(front, bp = elem(p, "boilerplate"));
	/* <toc> is created here too, filled at the end */
	if ((c = child(front, "toc")) != NULL) {
		xmlNodePtr cc;
		for (cc = c->children; cc; cc = next) {
			next = cc->next;
			xmlUnlinkNode(cc);
			xmlFreeNode(cc);
		}
	} else
		xmlAddChild(front, elem(p, "toc"));
	/* 5.4.2.1: submissionType and seriesInfo/@stream agree */
	{
		const char *st = get(p, p->root, "submissionType");
		for (c = front->children; c; c = c->next)
			if (is(c, "seriesInfo") && st)
				set(c, "stream", st);
	}
	/* 5.4.2.2 Status of This Memo */
	sec = bp_section(p, "status-of-memo", "Status of This Memo");
	xmlAddChild(bp, sec);	/* in the tree at once, so a refusal below leaves nothing unowned */
	if (p->rfcmode) {
		const struct rfc_status *rs = NULL;
		stream = get(p, p->root, "submissionType");
		cat = get(p, p->root, "category");
		cons = get(p, p->root, "consensus");
		wg = child(front, "workgroup");
		f.rfc_number = get(p, p->root, "number");
		if (wg) {
			xmlChar *w = xmlNodeGetContent(wg);
			if (w && *w)
				f.group_name = arena_strdup(p->a, (char *)w);
			xmlFree(w);
		}
		if ((streq(stream, "IRTF") && wg == NULL) || streq(stream, "independent"))
			cons = "n/a";
		for (i = 0; i < sizeof(rfc_status) / sizeof(rfc_status[0]); i++)
			if (streq(rfc_status[i].stream, stream) && streq(rfc_status[i].cat, cat) &&
			    streq(rfc_status[i].cons, cons ? cons : "false"))
				rs = &rfc_status[i];
		if (rs == NULL)
			return die(p, p->root, arena_printf(p->a, "Unexpected attribute combination('%s'): <rfc "
			    "submissionType=\"%s\" category=\"%s\" consensus=\"%s\">", cons ? cons : "None", stream ? stream : "None",
			    cat ? cat : "None", cons ? cons : "None"));
		if (strstr(rs->p[1].lines[4] ? rs->p[1].lines[4] : "", "{group_name}") == NULL && f.group_name == NULL) {
			for (i = 0; i < 14 && rs->p[1].lines[i]; i++)
				if (strstr(rs->p[1].lines[i], "{group_name}"))
					return die(p, front, "Expected to have a value for 'group_name' when expanding the "
					    "\"Status of this Memo\" boilerplate, but found none.");
		}
		for (i = 0; i < 3; i++)
			add_para(p, sec, &rs->p[i], &f, 12);
	} else {
		int ey, em, ed;
		civil_from_days(days_from_civil(p->y, p->m, p->d) + 185, &ey, &em, &ed);
		f.expiration_date = p->o->legacy_date ? arena_printf(p->a, "%s %d, %d", month_names[em - 1], ed, ey) :
		    arena_printf(p->a, "%d %s %d", ed, month_names[em - 1], ey);
		for (i = 0; i < sizeof(id_status) / sizeof(id_status[0]); i++)
			add_para(p, sec, &id_status[i], &f, 8);
	}
	/* 5.4.2.3 Copyright Notice: only the trust200902 family is still known */
	if (ipr_l[0] == '\0')
		return die(p, p->root, "Missing ipr attribute on <rfc> element.");
	if (strlen(ipr_l) < 11 || strcmp(ipr_l + strlen(ipr_l) - 11, "trust200902") != 0)
		return die(p, p->root, arena_printf(p->a, "Unknown ipr attribute: %s", ipr));
	if (date_before(p, 2009, 2, 15))
		return die(p, bp, "Cannot insert copyright statements earlier than TLP2.0, effective 2009-02-15");
	tlp = date_before(p, 2009, 9, 12) ? TLP2_NA : date_before(p, 2009, 12, 28) ? TLP3_NA :
	    streq(get(p, p->root, "submissionType"), "IETF") ? TLP5_IETF : TLP5_ALT;
	sec = bp_section(p, "copyright", "Copyright Notice");
	xmlAddChild(bp, sec);
	for (i = 0; i < 2; i++)
		add_para(p, sec, &tlp_paras[tlp][i], &f, 12);
	if (strncmp(ipr_l, "nomodification", 14) == 0)
		add_para(p, sec, &tlp_paras[TLP_NOMOD][0], &f, 12);
	else if (strncmp(ipr_l, "noderivatives", 13) == 0)
		add_para(p, sec, &tlp_paras[TLP_NODERIV][0], &f, 12);
	else if (strncmp(ipr_l, "pre5378", 7) == 0)
		add_para(p, sec, &tlp_paras[TLP_PRE5378][0], &f, 12);
	return 0;
}

/* ---- 5.4.3 - 5.4.5 references ---- */

static void
reference_fixes(struct pp *p, xmlNodePtr r)
{
	xmlNodePtr front = child(r, "front"), c, *si;
	size_t n = 0, cap = 0, i, j;
	static const char *const order[] = { "STD", "BCP", "FYI", "RFC", "DOI" };

	if (get(p, r, "target") == NULL || *get(p, r, "target") == '\0')
		for (c = walk(r, r, 1); c; c = walk(c, r, 1)) {
			const char *nm = get(p, c, "name"), *v = get(p, c, "value");
			if (!is(c, "seriesInfo") || nm == NULL)
				continue;
			if (v && strcmp(nm, "RFC") == 0) {
				set(r, "target", arena_printf(p->a, "https://www.rfc-editor.org/rfc/rfc%s", v));
				break;
			}
			if (v && strcmp(nm, "Internet-Draft") == 0) {
				set(r, "target", arena_printf(p->a, "https://datatracker.ietf.org/doc/html/%s", v));
				break;
			}
			if (v && strcmp(nm, "DOI") == 0) {
				set(r, "target", arena_printf(p->a, "https://doi.org/%s", v));
				break;
			}
		}
	if (p->o->id_is_wip)
		for (c = walk(r, r, 1); c; c = walk(c, r, 1))
			if (is(c, "seriesInfo") && streq(get(p, c, "name"), "Internet-Draft")) {
				xmlNodePtr rc;
				int found = 0;
				for (rc = walk(r, r, 1); rc; rc = walk(rc, r, 1))
					if (is(rc, "refcontent")) {
						xmlChar *t = xmlNodeGetContent(rc);
						found |= t && strcmp((char *)t, "Work in Progress") == 0;
						xmlFree(t);
					}
				if (!found)
					xmlAddChild(r, elem_text(p, "refcontent", "Work in Progress"));
				break;
			}
	if (front == NULL)
		return;
	/* seriesInfo in front: STD, BCP, FYI, RFC, DOI, then the rest, at the first one's place (stable) */
	si = NULL;
	for (c = front->children; c; c = c->next)
		if (is(c, "seriesInfo")) {
			if ((si = arena_grow(p->a, si, n, &cap, sizeof(*si))) == NULL)
				return;
			si[n++] = c;
		}
	if (n < 2)
		return;
	{
		xmlNodePtr *sorted = arena_calloc(p->a, n, sizeof(*sorted)), anchor;
		size_t k = 0;
		if (sorted == NULL)
			return;
		for (j = 0; j <= 5; j++)
			for (i = 0; i < n; i++) {
				const char *nm = get(p, si[i], "name");
				size_t o = 5;
				for (size_t q = 0; q < 5; q++)
					if (streq(nm, order[q]))
						o = q;
				if (o == j)
					sorted[k++] = si[i];
			}
		/* re-inserted after what preceded the first one (an element never merges with text) */
		anchor = si[0]->prev;
		for (i = 0; i < n; i++)
			xmlUnlinkNode(si[i]);
		for (i = 0; i < n; i++) {
			if (anchor)
				xmlAddNextSibling(anchor, sorted[i]);
			else if (front->children)
				xmlAddPrevSibling(front->children, sorted[i]);
			else
				xmlAddChild(front, sorted[i]);
			anchor = sorted[i];
		}
	}
}

static void
refname_mapping(struct pp *p)
{
	xmlNodePtr n;
	int sym = !streq(get(p, p->root, "symRefs"), "false"), k = 0;

	for (n = p->root; n; n = walk(n, p->root, 1)) {
		const char *a;
		if (!((is(n, "reference") || is(n, "referencegroup")) && is(n->parent, "references")))
			continue;
		a = get(p, n, "anchor");
		k++;
		if (a == NULL)
			continue;
		if ((p->refnames = arena_grow(p->a, p->refnames, p->nrefnames, &p->caprefnames, sizeof(*p->refnames))) == NULL)
			return;
		p->refnames[p->nrefnames].anchor = a;
		p->refnames[p->nrefnames++].name = sym ? a : arena_printf(p->a, "%d", k);
	}
	for (n = p->root; n; n = walk(n, p->root, 1))
		if (is(n, "displayreference")) {
			const char *t = get(p, n, "target"), *to = get(p, n, "to");
			for (size_t i = 0; t && to && i < p->nrefnames; i++)
				if (strcmp(p->refnames[i].anchor, t) == 0)
					p->refnames[i].name = to;
		}
}

static const char *
refname(struct pp *p, const char *anchor)
{
	for (size_t i = 0; anchor && i < p->nrefnames; i++)
		if (strcmp(p->refnames[i].anchor, anchor) == 0)
			return p->refnames[i].name;
	return NULL;
}

static int
upper_cmp(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		int x = toupper((unsigned char)*a), y = toupper((unsigned char)*b);
		if (x != y)
			return x - y;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

static void
sort_references(struct pp *p, xmlNodePtr refs)
{
	xmlNodePtr c, *v = NULL;
	size_t n = 0, cap = 0, i, j;
	int sort = streq(get(p, p->root, "sortRefs"), "true") && !streq(get(p, p->root, "symRefs"), "false");

	/* <reference> first, then <referencegroup>, as preptool's two xpaths */
	for (int pass = 0; pass < 2; pass++)
		for (c = refs->children; c; c = c->next)
			if (is(c, pass ? "referencegroup" : "reference")) {
				if ((v = arena_grow(p->a, v, n, &cap, sizeof(*v))) == NULL)
					return;
				v[n++] = c;
			}
	if (sort && n > 0) {
		for (i = 1; i < n; i++)	/* stable insertion sort on the upper-cased display name */
			for (j = i; j > 0; j--) {
				const char *a = refname(p, get(p, v[j - 1], "anchor")), *b = refname(p, get(p, v[j], "anchor"));
				xmlNodePtr t;
				if (upper_cmp(a ? a : "", b ? b : "") <= 0)
					break;
				t = v[j - 1];
				v[j - 1] = v[j];
				v[j] = t;
			}
		for (i = 0; i < n; i++) {
			xmlUnlinkNode(v[i]);
			xmlAddChild(refs, v[i]);
		}
	}
	for (i = 0; i < n; i++) {
		const char *nm = refname(p, get(p, v[i], "anchor"));
		if (nm)
			set(v[i], "derivedAnchor", nm);
	}
}

/* ---- 5.4.6 pn numbering ---- */

static const char *
join_num(struct pp *p, const int *v, int n, int letter_first)
{
	struct buf b;

	buf_init(&b, p->a, 0);
	for (int i = 0; i < n; i++) {
		if (i)
			buf_putc(&b, '.');
		if (i == 0 && letter_first)
			buf_putc(&b, (char)(0x60 + v[0]));
		else {
			/* by hand: printf's "%d" was most of the paragraph numbering */
			char d[16], *q = d + sizeof(d);
			unsigned u = v[i] < 0 ? 0u - (unsigned)v[i] : (unsigned)v[i];
			do
				*--q = (char)('0' + u % 10);
			while ((u /= 10) != 0);
			if (v[i] < 0)
				*--q = '-';
			buf_put(&b, q, (size_t)(d + sizeof(d) - q));
		}
	}
	return buf_cstr(&b);
}

/* One step of a hierarchical counter (sections, references): level is the element's depth (capped at
 * 14); v[0..*n) are the numbers so far, *prev the previous depth. Returns the capped level. Sections
 * in <middle> and <back>, and references, each count with it. */
static int
counter_step(int *v, int *n, int *prev, int level)
{
	if (level > 14)
		level = 14;
	if (level > *prev)
		v[(*n)++] = 0;
	v[level]++;
	if (level < *prev || *n < level + 1)
		*n = level + 1;
	*prev = level;
	return level;
}

static void
middle_number(struct pp *p, xmlNodePtr s)
{
	counter_step(p->mid, &p->nmid, &p->prev_level, count_ancestors(s, "section"));
	set(s, "pn", arena_printf(p->a, "section-%s", join_num(p, p->mid, p->nmid, 0)));
	p->refs[0] = p->mid[0];
}

static void
references_number(struct pp *p, xmlNodePtr s)
{
	counter_step(p->refs, &p->nrefs, &p->prev_rlevel, count_ancestors(s, "references"));
	set(s, "pn", arena_printf(p->a, "section-%s", join_num(p, p->refs, p->nrefs, 0)));
}

static void
back_number(struct pp *p, xmlNodePtr s)
{
	int level = counter_step(p->back, &p->nback, &p->prev_level, count_ancestors(s, "section"));

	if (level == 0)
		set(s, "pn", arena_printf(p->a, "section-appendix.%s", join_num(p, p->back, p->nback, 1)));
	else
		set(s, "pn", arena_printf(p->a, "section-%s", join_num(p, p->back, p->nback, 1)));
}

static int
in_tags(xmlNodePtr n, const char *const *tags)
{
	return n->type == XML_ELEMENT_NODE && n->ns == NULL && in_list(tags, (const char *)n->name);
}

static const char *const para_tags[] = { "artset", "artwork", "aside", "blockquote", "list", "dl", "dd", "ol", "ul",
	"dt", "li", "sourcecode", "t", "figure", "table", NULL };
static const char *const bloc_tags[] = { "thead", "tbody", "tfoot", "tr", "td", NULL };
static const char *const sect_tags[] = { "abstract", "note", "section", "references", NULL };

#define NUM_MAX	64

/* preptool's paragraph_add_numbers(): counters per section, nested per block element. */
static void
para_numbers(struct pp *p, xmlNodePtr s, const char *prefix, int *num, int *nn)
{
	int local[NUM_MAX], lnn = 1;
	xmlNodePtr c;

	if (in_tags(s, sect_tags)) {
		const char *pn = get(p, s, "pn");
		prefix = arena_printf(p->a, "%s-", pn ? pn : "unknown-unknown");
		num = local;
		num[0] = 0;
		nn = &lnn;
	}
	for (c = s->children; c; c = c->next) {
		if (!is_elem(c))
			continue;
		if (in_tags(c, para_tags)) {
			num[*nn - 1]++;
			if (!is(c, "figure") && !is(c, "table") && prefix)
				set(c, "pn", arena_printf(p->a, "%s%s", prefix, join_num(p, num, *nn, 0)));
		} else if (in_tags(c, bloc_tags))
			num[*nn - 1]++;
		if (in_tags(c, sect_tags))
			para_numbers(p, c, NULL, NULL, NULL);
		else if (is(c, "reference"))
			;
		else if (*nn < NUM_MAX) {
			num[(*nn)++] = 0;
			para_numbers(p, c, prefix, num, nn);
			(*nn)--;
		}
	}
}

static void
para_numbers_top(struct pp *p, xmlNodePtr top)
{
	int num[NUM_MAX] = { 0 }, nn = 1;

	para_numbers(p, top, NULL, num, &nn);
}

/* ---- <ol> counters (xml2rfc's util/num.py) ---- */

static const char *
roman(struct pp *p, int n, int upper)
{
	static const struct {
		int		 v;
		const char	*s;
	} r[] = { { 1000, "m" }, { 900, "cm" }, { 500, "d" }, { 400, "cd" }, { 100, "c" }, { 90, "xc" }, { 50, "l" },
		{ 40, "xl" }, { 10, "x" }, { 9, "ix" }, { 5, "v" }, { 4, "iv" }, { 1, "i" } };
	struct buf b;
	size_t i;

	buf_init(&b, p->a, 0);
	for (i = 0; i < sizeof(r) / sizeof(r[0]); i++)
		while (n >= r[i].v) {
			for (const char *s = r[i].s; *s; s++)
				buf_putc(&b, upper ? (char)toupper((unsigned char)*s) : *s);
			n -= r[i].v;
		}
	return buf_cstr(&b);
}

static const char *
letters(struct pp *p, int n, int upper)
{
	char tmp[16];
	int i = 15;

	tmp[i] = '\0';
	while (n > 0 && i > 0) {
		n--;
		tmp[--i] = (char)((upper ? 'A' : 'a') + n % 26);
		n /= 26;
	}
	return arena_strdup(p->a, tmp + i);
}

static const char *
ol_format(struct pp *p, char f, int n)
{
	switch (f) {
	case 'a': case 'c': return letters(p, n, 0);
	case 'A': case 'C': return letters(p, n, 1);
	case 'i': return roman(p, n, 0);
	case 'I': return roman(p, n, 1);
	case 'o': return arena_printf(p->a, "%o", n);
	case 'x': return arena_printf(p->a, "%x", n);
	case 'X': return arena_printf(p->a, "%X", n);
	default: return arena_printf(p->a, "%d", n);
	}
}

static void
ol_counter(struct pp *p, xmlNodePtr ol)
{
	const char *start = get(p, ol, "start"), *type = get(p, ol, "type");
	int counter = start && isdigit((unsigned char)*start) ? atoi(start) : 1;
	const char *pre = "", *post = ".";
	char f = '1';
	xmlNodePtr c;

	if (type == NULL || *type == '\0')
		type = "1";
	if (strlen(type) > 1) {
		const char *pc = strchr(type, '%');
		if (pc && pc[1] && strchr("cCdiIoOxX", pc[1])) {
			f = pc[1];
			pre = arena_strndup(p->a, type, (size_t)(pc - type));
			post = pc + 2;
		} else {
			f = 'd';
			post = "";
		}
	} else
		f = *type;
	for (c = ol->children; c; c = c->next)
		if (is(c, "li"))
			set(c, "derivedCounter", arena_printf(p->a, "%s%s%s", pre, ol_format(p, f, counter++), post));
}

/* ---- 5.4.8 xref ---- */

/* The element an <xref> target names: the first in document order whose anchor, else pn, else
 * slugifiedName has that value. Walking the whole tree once per xref made the step quadratic (a fifth of
 * prep on drafts with a thousand xrefs), so each attribute's values are put in a table on the first
 * lookup, each with its first element. The step that asks changes only the xrefs' derivedContent and
 * derivedLink, so the tables stay true while it runs. A value is read as the walk read it: the
 * attribute's single text node in place, or get()'s value when it has several nodes or none. */
static xmlNodePtr
find_attr(struct pp *p, int which, const char *value)
{
	static const char *const names[TARGET__MAX] = { "anchor", "pn", "slugifiedName" };
	xmlHashTablePtr h;
	xmlNodePtr n;

	if (value == NULL)
		return NULL;
	if ((h = p->targets[which]) == NULL) {
		if ((h = xmlHashCreate(256)) == NULL || arena_defer(p->a, hash_free, h) == -1)
			return NULL;
		p->targets[which] = h;
		for (n = p->root; n; n = walk(n, p->root, 1)) {
			xmlAttrPtr a;
			const char *v = NULL;
			for (a = n->type == XML_ELEMENT_NODE ? n->properties : NULL; a; a = a->next)
				if (strcmp((const char *)a->name, names[which]) == 0)
					break;
			if (a == NULL)
				continue;
			if (a->children && a->children->type == XML_TEXT_NODE && a->children->next == NULL)
				v = (const char *)a->children->content;
			else if (a->children == NULL || a->children->next != NULL)
				v = get(p, n, names[which]);
			if (v != NULL)
				(void)xmlHashAddEntry(h, (const xmlChar *)v, n);	/* a later duplicate stays out */
		}
	}
	return xmlHashLookup(h, (const xmlChar *)value);
}

static const char *
title_case(struct pp *p, const char *s)
{
	char *r = arena_strdup(p->a, s);
	int start = 1;

	for (char *q = r; q && *q; q++) {
		if (isalpha((unsigned char)*q)) {
			*q = (char)(start ? toupper((unsigned char)*q) : tolower((unsigned char)*q));
			start = 0;
		} else
			start = 1;
	}
	return r;
}

/* base.py's split_pn() with build_derived_content()'s touches: "section-appendix.b-3.1" is type
 * "Appendix" (capitalized), number "B" (title case), paragraph "3.1" (NULL when there is none). */
static void
split_pn(struct pp *p, const char *pn, const char **type, const char **num, const char **para)
{
	const char *d1 = strchr(pn, '-'), *d2 = d1 ? strchr(d1 + 1, '-') : NULL, *n, *dot;
	char *ty;
	int appendix;

	ty = arena_strndup(p->a, pn, d1 ? (size_t)(d1 - pn) : strlen(pn));
	n = d1 ? arena_strndup(p->a, d1 + 1, d2 ? (size_t)(d2 - d1 - 1) : strlen(d1 + 1)) : "";
	appendix = strncmp(pn, "section-appendix.", 17) == 0 ||
	    (strncmp(pn, "section-", 8) == 0 && islower((unsigned char)pn[8]) && pn[9] == '.');
	if ((dot = strchr(n, '.')) != NULL && ((dot - n == 8 && strncmp(n, "appendix", 8) == 0) ||
	    (dot - n == 11 && strncmp(n, "boilerplate", 11) == 0) || (dot - n == 4 && strncmp(n, "note", 4) == 0) ||
	    (dot - n == 3 && strncmp(n, "toc", 3) == 0)))
		n = dot + 1;
	if (appendix)
		ty = arena_strdup(p->a, "appendix");
	for (char *q = ty; *q; q++)
		*q = (char)(q == ty ? toupper((unsigned char)*q) : tolower((unsigned char)*q));
	*type = ty;
	*num = title_case(p, n);
	*para = d2 ? d2 + 1 : NULL;
}

static int
xref_derive(struct pp *p, xmlNodePtr x)
{
	const char *target = get(p, x, "target"), *format = get(p, x, "format"), *content = "", *pn = NULL;
	const char *section = get(p, x, "section"), *relative = get(p, x, "relative");
	xmlNodePtr t, q;

	if (target == NULL)
		return die(p, x, "Expected <xref> to have a target= attribute, but found none");
	if ((t = find_attr(p, TARGET_ANCHOR, target)) == NULL && (t = find_attr(p, TARGET_PN, target)) == NULL &&
	    (t = find_attr(p, TARGET_SLUG, target)) == NULL)
		return die(p, x, arena_printf(p->a, "Found no element to match the <xref> target attribute '%s'", target));
	for (q = t; q && is_elem(q) && pn == NULL; q = q->parent)
		pn = get(p, q, "pn");
	if (format == NULL)
		format = "default";
	if (strcmp(format, "counter") == 0) {
		const char *num = pn && strchr(pn, '-') ? strchr(pn, '-') + 1 : "";
		char *dash = strchr(num, '-');
		if (dash)
			num = arena_strndup(p->a, num, (size_t)(dash - num));
		if (strncmp(num, "appendix", 8) == 0)
			num = title_case(p, strchr(num, '.') ? strchr(num, '.') + 1 : num);
		else if (islower((unsigned char)*num))
			num = title_case(p, num);
		if (is(t, "li")) {
			const char *dc = get(p, t, "derivedCounter");
			size_t l = dc ? strlen(dc) : 0;
			while (l > 0 && dc[l - 1] == '.')
				l--;
			content = dc ? arena_strndup(p->a, dc, l) : "";
		} else if (is(t, "reference"))
			content = section ? section : "";
		else
			content = num;
	} else if (strcmp(format, "default") == 0) {
		if (is(t, "reference") || is(t, "referencegroup")) {
			const char *a = get(p, t, "anchor"), *rn = refname(p, a);
			content = rn ? rn : a ? a : "";
		} else if (is(t, "author") || is(t, "contact")) {
			const char *fn = get(p, t, "fullname");
			content = fn ? fn : "";
		} else if (is(t, "abstract"))
			content = "Abstract";
		else if (is(t, "cref"))
			content = arena_printf(p->a, "Comment %s", target);
		else if (pn) {
			const char *type, *num, *para;
			split_pn(p, pn, &type, &num, &para);
			if (is(t, "t") || is(t, "ul") || is(t, "ol") || is(t, "dl"))
				content = arena_printf(p->a, "%s %s, Paragraph %s", type, num, para ? para : "None");
			else if (is(t, "li")) {
				const char *dot = para ? strchr(para, '.') : NULL;
				content = arena_printf(p->a, "%s %s, Paragraph %.*s, Item %s", type, num,
				    dot ? (int)(dot - para) : 0, dot ? para : "", dot ? dot + 1 : "");
			} else if (streq(get(p, t, "numbered"), "false")) {
				xmlNodePtr nm = child(t, "name");
				const char *name = nm ? clean(p, text_join(p, nm, "")) : NULL;
				content = arena_printf(p->a, "%s \"%s\"", type, name ? name : target);
			} else
				content = arena_printf(p->a, "%s %s", type, num);
		}
	} else if (strcmp(format, "title") == 0) {
		xmlNodePtr nm;
		if (is(t, "reference")) {
			xmlNodePtr ti = child(child(t, "front"), "title");
			xmlChar *s = ti ? xmlNodeGetContent(ti) : NULL;
			content = clean(p, s ? (char *)s : "");
			xmlFree(s);
		} else if ((nm = is(t, "name") ? t : child(t, "name")) != NULL)
			content = clean(p, text_join(p, nm, ""));
		else if (is(t, "abstract"))
			content = "Abstract";	/* R69: the abstract's title, as xml2rfc 3.32 gives it */
		else
			content = target;
	}
	if (!(section || relative)) {
		xmlNodePtr par = x->parent;
		const char *ppn = get(p, par, "pn");
		if (!(ppn && strncmp(ppn, "section-toc", 11) == 0))
			set(x, "derivedContent", content);
		return 0;
	}
	if (relative == NULL && section && is(t, "reference")) {
		for (q = walk(t, t, 1); q; q = walk(q, t, 1))
			if (is(q, "seriesInfo") && (streq(get(p, q, "name"), "RFC") || streq(get(p, q, "name"), "Internet-Draft"))) {
				relative = arena_printf(p->a, isdigit((unsigned char)*section) ? "#section-%s" : "#appendix-%s",
				    section);
				break;
			}
	}
	if (relative && is(t, "reference")) {
		const char *url = get(p, t, "target");
		if (url) {
			const char *h = strchr(url, '#');
			set(x, "derivedLink", *relative == '#' ? arena_printf(p->a, "%.*s%s", h ? (int)(h - url) :
			    (int)strlen(url), url, relative) : relative);
		}
	}
	set(x, "derivedContent", content);
	return 0;
}

/* ---- 5.4.7 irefs and the index ---- */

/* re.sub(r'\s+', ' ', s): runs of white space to one space, the ends kept. */
static const char *
clean_keep_ends(struct pp *p, const char *s)
{
	struct buf b;

	buf_init(&b, p->a, 0);
	for (; *s; s++) {
		buf_putc(&b, isspace((unsigned char)*s) ? ' ' : *s);
		while (isspace((unsigned char)*s) && isspace((unsigned char)s[1]))
			s++;
	}
	return buf_cstr(&b);
}

/* item[0].upper(): the first character in upper case (ASCII and Latin-1 letters; others as they are). */
static const char *
index_letter(struct pp *p, const char *item)
{
	const unsigned char *s = (const unsigned char *)item;
	size_t n = 1;
	unsigned c;

	if (*s < 0x80)
		return arena_printf(p->a, "%c", toupper(*s));
	while (n < 4 && (s[n] & 0xC0) == 0x80)
		n++;
	if (n == 2 && (*s == 0xC3) && s[1] >= 0xA0 && s[1] != 0xB7 && s[1] != 0xBF) {
		c = s[1] - 0x20u;
		return arena_printf(p->a, "%c%c", 0xC3, (char)c);
	}
	return arena_strndup(p->a, item, n);
}

/* preptool's get_anchor(): the first element up from an <iref>'s parent with an anchor or a pn (a
 * <reference> in a <referencegroup> counting as the group); *ref says whether it is a reference. */
static const char *
iref_anchor(struct pp *p, xmlNodePtr n, int *ref)
{
	for (; n && is_elem(n); n = n->parent) {
		const char *a;
		if (is(n, "reference") && is(n->parent, "referencegroup"))
			n = n->parent;
		if ((a = get(p, n, "anchor")) == NULL || *a == '\0')
			a = get(p, n, "pn");
		if (a && *a) {
			*ref = is(n, "reference") || is(n, "referencegroup");
			return a;
		}
	}
	return NULL;
}

/* The pn, and the index entry (item with its runs of white space made one space; subitem as written:
 * v2v3's subitem="" is an entry under an empty subitem, not a plain one). */
static void
iref_number(struct pp *p, xmlNodePtr ir)
{
	const char *item = get(p, ir, "item"), *sub = get(p, ir, "subitem"), *anchor;
	struct iref *e;
	int ref = 0;

	p->iref_n++;
	if (item == NULL || *item == '\0')
		return;
	set(ir, "pn", slugify(p, sub && *sub ? arena_printf(p->a, "iref-%s-%s-%d", item, sub, p->iref_n) :
	    arena_printf(p->a, "iref-%s-%d", item, p->iref_n)));
	if ((anchor = iref_anchor(p, ir->parent, &ref)) == NULL)
		return;
	if ((p->irefs = arena_grow(p->a, p->irefs, p->nirefs, &p->capirefs, sizeof(*p->irefs))) == NULL)
		return;
	e = &p->irefs[p->nirefs];
	e->item = clean_keep_ends(p, item);
	e->sub = sub;
	e->anchor = anchor;
	e->ref = ref;
	e->primary = streq(get(p, ir, "primary"), "true");
	e->seq = p->nirefs++;
	e->key = arena_printf(p->a, "%s~%s", e->item, sub ? sub : "");
	e->letter = index_letter(p, e->item);
}

/* Python's sort of "item~subitem" strings (code points, as UTF-8 bytes compare), stable. */
static int
iref_cmp(const void *a, const void *b)
{
	const struct iref *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

/* str.casefold() order of the items (ASCII folding), stable over their first appearance. */
struct ix_bin {
	const char	*name;
	size_t		 first, n;	/* entries of the bin: ent[first..], n of them, in index order */
};

static int
casefold_cmp(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		int x = tolower((unsigned char)*a), y = tolower((unsigned char)*b);
		if (x != y)
			return x - y;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

/* Groups v[0..n) (sorted) by item (by_sub 0) or subitem (1) in order of first appearance, then sorts
 * the groups by casefold (items) or plainly (subitems), stable. */
static size_t
ix_bins(struct pp *p, const struct iref **v, size_t n, int by_sub, struct ix_bin **out, const struct iref ***ents)
{
	struct ix_bin *b = arena_calloc(p->a, n ? n : 1, sizeof(*b));
	const struct iref **e = arena_calloc(p->a, n ? n : 1, sizeof(*e));
	size_t nb = 0, i, j, k = 0;

	if (b == NULL || e == NULL)
		return 0;
	for (i = 0; i < n; i++) {
		const char *name = by_sub ? (v[i]->sub ? v[i]->sub : "") : v[i]->item;
		for (j = 0; j < nb; j++)
			if (strcmp(b[j].name, name) == 0)
				break;
		if (j == nb)
			b[nb++] = (struct ix_bin){ name, 0, 0 };
	}
	for (j = 0; j < nb; j++) {
		b[j].first = k;
		for (i = 0; i < n; i++)
			if (strcmp(by_sub ? (v[i]->sub ? v[i]->sub : "") : v[i]->item, b[j].name) == 0)
				e[k++] = v[i];
		b[j].n = k - b[j].first;
	}
	for (i = 1; i < nb; i++)
		for (j = i; j > 0; j--) {
			int c = by_sub ? strcmp(b[j - 1].name, b[j].name) : casefold_cmp(b[j - 1].name, b[j].name);
			struct ix_bin t;
			if (c <= 0)
				break;
			t = b[j - 1];
			b[j - 1] = b[j];
			b[j] = t;
		}
	*out = b;
	*ents = e;
	return nb;
}

static xmlNodePtr
mkxref(struct pp *p, const char *text, const char *target, const char *format)
{
	xmlNodePtr x = elem_text(p, "xref", text);

	set(x, "target", target ? target : "");
	if (format)
		set(x, "format", format);
	return x;
}

static void
add_text(struct pp *p, xmlNodePtr n, const char *text)
{
	xmlAddChild(n, xmlNewDocText(p->doc, (const xmlChar *)text));
}

/* entry_dt_dd(): <dt>label</dt><dd><t>xref; xref ...</t></dd>, primary ones as <strong><em>. */
static void
ix_dt_dd(struct pp *p, xmlNodePtr dl, const char *label, const struct iref **v, size_t n, int indent)
{
	xmlNodePtr dd = elem(p, "dd"), t;
	size_t i;

	xmlAddChild(dl, elem_text(p, "dt", label));
	xmlAddChild(dl, dd);
	if (n == 0)
		return;
	t = elem_text(p, "t", arena_printf(p->a, "\n%*s", indent + 2, ""));
	xmlAddChild(dd, t);
	for (i = 0; i < n; i++) {
		xmlNodePtr xr = mkxref(p, v[i]->ref ? "Reference" : NULL, v[i]->anchor, NULL);
		if (v[i]->primary) {
			xmlNodePtr em = elem(p, "em"), st = elem(p, "strong");
			xmlAddChild(em, xr);
			xmlAddChild(st, em);
			xr = st;
		}
		xmlAddChild(t, xr);
		add_text(p, t, i + 1 < n ? "; \n" : "\n");
	}
}

static int
letter_cmp(const char *a, const char *b)
{
	int an = (unsigned char)*a >= 0x80 || isalnum((unsigned char)*a);
	int bn = (unsigned char)*b >= 0x80 || isalnum((unsigned char)*b);

	return an != bn ? an - bn : strcmp(a, b);
}

static const char *
letter_anchor(struct pp *p, const char *l)
{
	unsigned long v = 0;

	for (; *l; l++)
		v = v << 8 | (unsigned char)*l;
	return arena_printf(p->a, "rfc.index.u%lu", v);
}

/* One letter's <li>: its <t> with the letter, then <ul><li><dl> of its items and their subitems. */
static xmlNodePtr
ix_letter_li(struct pp *p, const char *letter, const struct iref **v, size_t n)
{
	xmlNodePtr li = elem(p, "li"), t, ul, li2, dl;
	const char *anchor = letter_anchor(p, letter);
	const struct iref **ents, **se, **reg, **sub;
	struct ix_bin *bins, *sbins;
	size_t nb, i, j, nreg, nsub, ns;

	t = elem_text(p, "t", "\n            ");
	set(t, "anchor", anchor);
	set(t, "keepWithNext", "true");
	xmlAddChild(t, mkxref(p, letter, anchor, "none"));
	add_text(p, t, "\n");
	xmlAddChild(li, t);
	ul = elem(p, "ul");
	set(ul, "empty", "true");
	set(ul, "spacing", "compact");
	xmlAddChild(li, ul);
	li2 = elem(p, "li");
	xmlAddChild(ul, li2);
	dl = elem(p, "dl");
	set(dl, "spacing", "compact");
	xmlAddChild(li2, dl);
	nb = ix_bins(p, v, n, 0, &bins, &ents);
	reg = arena_calloc(p->a, n ? n : 1, sizeof(*reg));
	sub = arena_calloc(p->a, n ? n : 1, sizeof(*sub));
	if (reg == NULL || sub == NULL)
		return li;
	for (i = 0; i < nb; i++) {
		nreg = nsub = 0;
		for (j = 0; j < bins[i].n; j++) {
			const struct iref *e = ents[bins[i].first + j];
			if (e->sub == NULL)
				reg[nreg++] = e;
			else
				sub[nsub++] = e;
		}
		ix_dt_dd(p, dl, bins[i].name, reg, nreg, 18);
		if (nsub) {
			xmlNodePtr dd = elem(p, "dd"), sdl = elem(p, "dl");
			xmlAddChild(dl, elem(p, "dt"));
			xmlAddChild(dl, dd);
			set(sdl, "spacing", "compact");
			xmlAddChild(dd, sdl);
			ns = ix_bins(p, sub, nsub, 1, &sbins, &se);
			for (j = 0; j < ns; j++)
				ix_dt_dd(p, sdl, sbins[j].name, se + sbins[j].first, sbins[j].n, 22);
		}
	}
	return li;
}

/* preptool's back_insert_index() (xml2rfc 3.32): entries one per item and anchor (the first), sorted
 * by "item~subitem"; the letters (first character, upper case; symbols before letters and digits) in a
 * paragraph of links, then per letter a list of items (casefold order) with links to where they occur,
 * and their subitems below. Runs before <xref> processing, which derives the links' text. */
static void
insert_index(struct pp *p, xmlNodePtr back)
{
	xmlNodePtr sec, ii, ul, c;
	const struct iref **v;
	const char **letters;
	size_t i, j, n = 0, nl = 0;

	if (p->nirefs == 0 || !streq(get(p, p->root, "indexInclude"), "true"))
		return;
	for (c = back->children; c; c = c->next)
		if (is(c, "section"))
			for (xmlNodePtr t = c->children; t; t = t->next)
				if (is(t, "t") && streq(get(p, t, "anchor"), "rfc.index.index"))
					return;
	v = arena_calloc(p->a, p->nirefs, sizeof(*v));
	letters = arena_calloc(p->a, p->nirefs, sizeof(*letters));
	if (v == NULL || letters == NULL)
		return;
	for (i = 0; i < p->nirefs; i++) {
		for (j = 0; j < i; j++)
			if (strcmp(p->irefs[j].item, p->irefs[i].item) == 0 &&
			    strcmp(p->irefs[j].anchor, p->irefs[i].anchor) == 0)
				break;
		if (j == i)
			v[n++] = &p->irefs[i];
	}
	{
		struct iref *s = arena_calloc(p->a, n ? n : 1, sizeof(*s));
		if (s == NULL)
			return;
		for (i = 0; i < n; i++)
			s[i] = *v[i];
		qsort(s, n, sizeof(*s), iref_cmp);
		for (i = 0; i < n; i++)
			v[i] = &s[i];
	}
	for (i = 0; i < n; i++) {
		for (j = 0; j < nl; j++)
			if (strcmp(letters[j], v[i]->letter) == 0)
				break;
		if (j == nl)
			letters[nl++] = v[i]->letter;
	}
	for (i = 1; i < nl; i++)
		for (j = i; j > 0 && letter_cmp(letters[j - 1], letters[j]) > 0; j--) {
			const char *t = letters[j - 1];
			letters[j - 1] = letters[j];
			letters[j] = t;
		}
	sec = elem(p, "section");
	set(sec, "numbered", "false");
	set(sec, "toc", "include");
	c = elem_text(p, "name", "Index");
	set(c, "slugifiedName", slugify(p, "name-Index"));
	xmlAddChild(sec, c);
	ii = elem_text(p, "t", "\n        ");
	set(ii, "anchor", "rfc.index.index");
	xmlAddChild(sec, ii);
	for (i = 0; i < nl; i++) {
		xmlAddChild(ii, mkxref(p, letters[i], letter_anchor(p, letters[i]), "none"));
		add_text(p, ii, "\n");
	}
	ul = elem(p, "ul");
	set(ul, "empty", "true");
	set(ul, "spacing", "normal");
	xmlAddChild(sec, ul);
	for (i = 0; i < nl; i++) {
		const struct iref **lv = arena_calloc(p->a, n ? n : 1, sizeof(*lv));
		size_t ln = 0;
		if (lv == NULL)
			return;
		for (j = 0; j < n; j++)
			if (strcmp(v[j]->letter, letters[i]) == 0)
				lv[ln++] = v[j];
		xmlAddChild(ul, ix_letter_li(p, letters[i], lv, ln));
	}
	xmlAddChild(back, sec);
	back_number(p, sec);
	para_numbers_top(p, sec);
}

static void
insert_author_address(struct pp *p, xmlNodePtr back)
{
	xmlNodePtr front = child(p->root, "front"), c, s, n;
	int na = 0;

	for (c = back->children; c; c = c->next)
		if (is(c, "section") && streq(get(p, c, "anchor"), "authors-addresses"))
			return;
	for (c = front ? front->children : NULL; c; c = c->next)
		na += is(c, "author") && !streq(get(p, c, "role"), "contributor");
	s = elem(p, "section");
	set(s, "toc", "include");
	set(s, "numbered", "false");
	set(s, "anchor", "authors-addresses");
	n = elem_text(p, "name", na > 1 ? "Authors' Addresses" : "Author's Address");
	set(n, "slugifiedName", slugify(p, na > 1 ? "name-Authors' Addresses" : "name-Author's Address"));
	xmlAddChild(s, n);
	for (c = front ? front->children : NULL; c; c = c->next)
		if (is(c, "author") || c->type == XML_PI_NODE)
			xmlAddChild(s, xmlDocCopyNode(c, p->doc, 1));
	xmlAddChild(back, s);
	back_number(p, s);
	para_numbers_top(p, s);
}

/* ---- the table of contents ---- */

static int refs_numbered(struct pp *p)
{
	xmlNodePtr mid = child(p->root, "middle"), c, last = NULL;

	for (c = mid ? mid->children : NULL; c; c = c->next)
		if (is(c, "section"))
			last = c;
	return last == NULL || !streq(get(p, last, "numbered"), "false");
}

/* <name> content reduced to what <xref> may hold: text, with xref/eref without text as their content */
static void
reduce_into(struct pp *p, xmlNodePtr name, xmlNodePtr x)
{
	/* R69: xml2rfc 3.32's xref may hold inline markup; a <cref> is reduced to its text */
	static const char *const keep[] = { "bcp14", "em", "eref", "iref", "strong", "sub", "sup", "tt", "xref",
	    NULL };
	xmlNodePtr c;

	for (c = name->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE)
			xmlAddChild(x, xmlNewDocText(p->doc, c->content));
		else if (in_tags(c, keep))
			xmlAddChild(x, xmlDocCopyNode(c, p->doc, 1));
		else if (is_elem(c)) {
			xmlChar *t = xmlNodeGetContent(c);
			xmlAddChild(x, xmlNewDocText(p->doc, t ? t : (const xmlChar *)""));
			xmlFree(t);
		}
	}
}

static xmlNodePtr
toc_entry_t(struct pp *p, xmlNodePtr s)
{
	xmlNodePtr name = child(s, "name"), t, x;
	const char *pn = get(p, s, "pn"), *num = "", *nf;
	int numbered = streq(get(p, s, "numbered"), "true") || (is(s, "references") && refs_numbered(p));
	const char *tx;

	if (numbered && pn && strchr(pn, '-')) {
		char *n = arena_strdup(p->a, strchr(pn, '-') + 1);
		for (char *q = n; *q; q++)
			if (*q == '-')
				*q = ' ';
		num = title_case(p, n);
	}
	if (strncmp(num, "Appendix", 8) == 0) {
		char *n = arena_strdup(p->a, num), *dot = strchr(n, '.');
		if (dot)
			*dot = ' ';
		num = n;
		nf = "default";
	} else
		nf = *num ? "counter" : "none";
	t = elem(p, "t");
	set(t, "keepWithNext", "true");
	x = elem(p, "xref");
	set(x, "target", pn ? pn : "");
	set(x, "format", nf);
	set(x, "derivedContent", num);
	xmlAddChild(t, x);
	if (*num)
		xmlAddChild(t, xmlNewDocText(p->doc, (const xmlChar *)".\xc2\xa0\xc2\xa0"));
	tx = name ? clean(p, text_join(p, name, "")) : "";
	if (*tx) {
		const char *slug = get(p, name, "slugifiedName");
		if (slug == NULL) {
			slug = slugify(p, arena_printf(p->a, "name-%s", tx));
			set(name, "slugifiedName", slug);
		}
		x = elem(p, "xref");
		set(x, "target", slug);
		set(x, "format", "title");
		set(x, "derivedContent", "");
		reduce_into(p, name, x);
		xmlAddChild(t, x);
	}
	return t;
}

static xmlNodePtr
toc_ul(struct pp *p)
{
	xmlNodePtr ul = elem(p, "ul");

	set(ul, "empty", "true");
	set(ul, "spacing", "compact");
	set(ul, "bare", "true");
	set(ul, "indent", "2");
	return ul;
}

/* Entries of e's subtree, as <li> nodes chained through a fresh <ul> (returned; NULL when none). */
static xmlNodePtr
toc_entries(struct pp *p, xmlNodePtr e)
{
	const char *toc = get(p, e, "toc");
	xmlNodePtr sub = NULL, c, li, l, first;

	if (!(streq(toc, "include") || is(e, "rfc") || is(e, "front") || is(e, "middle") || is(e, "back") ||
	    is(e, "references")))
		return NULL;
	for (c = e->children; c; c = c->next) {
		xmlNodePtr got;
		if (!is_elem(c) || (got = toc_entries(p, c)) == NULL)
			continue;
		if (sub == NULL)
			sub = toc_ul(p);
		while ((l = got->children) != NULL) {
			xmlUnlinkNode(l);
			xmlAddChild(sub, l);
		}
		xmlFreeNode(got);
	}
	if (sub && (first = sub->children) != NULL) {
		/* numbers longer than the first lose one of their two spaces */
		xmlNodePtr fx = child(child(first, "t"), "xref");
		size_t m = strlen(get(p, fx, "derivedContent"));
		for (li = sub->children; li; li = li->next) {
			xmlNodePtr x = child(child(li, "t"), "xref"), tail = x ? x->next : NULL;
			const char *num = get(p, x, "derivedContent");
			size_t tl;
			if (!num || strlen(num) <= m || strncmp(num, "Appendix", 8) == 0 || !tail || tail->type != XML_TEXT_NODE)
				continue;
			tl = strlen((char *)tail->content);
			if (tl >= 4 && strcmp((char *)tail->content + tl - 4, "\xc2\xa0\xc2\xa0") == 0) {
				/* a copy: libxml2 frees the old content before it reads the new one */
				char *c = arena_strndup(p->a, (char *)tail->content, tl - 2);
				if (c)
					xmlNodeSetContent(tail, (const xmlChar *)c);
			}
		}
	}
	if (is(e, "section") || is(e, "references")) {
		xmlNodePtr wrap = toc_ul(p);
		li = elem(p, "li");
		xmlAddChild(li, toc_entry_t(p, e));
		if (sub)
			xmlAddChild(li, sub);
		xmlAddChild(wrap, li);
		return wrap;
	}
	return sub;
}

/* keep_toc_lines: the first three entries preptool makes keep with the next. It makes an entry after
 * those of its subsections, so these are the first three in that order (1.1, 1.2, 1.3.1 under 1.), not
 * the first three lines. */
static void
toc_keep(struct pp *p, xmlNodePtr ul, int *kept)
{
	xmlNodePtr li, c;

	for (li = ul->children; li; li = li->next) {
		if (!is(li, "li"))
			continue;
		for (c = li->children; c; c = c->next)
			if (is(c, "ul"))
				toc_keep(p, c, kept);
		for (c = li->children; c; c = c->next)
			if (is(c, "t") && ++*kept > 3)
				unset(c, "keepWithNext");
	}
}

static void
insert_toc(struct pp *p, xmlNodePtr toc)
{
	xmlNodePtr sec, name, ul, got, l;
	int kept = 0;

	if (!streq(get(p, p->root, "tocInclude"), "true"))
		return;
	sec = elem(p, "section");
	set(sec, "numbered", "false");
	set(sec, "toc", "exclude");
	set(sec, "anchor", "toc");
	name = elem_text(p, "name", "Table of Contents");
	set(name, "slugifiedName", slugify(p, "name-Table of Contents"));
	xmlAddChild(sec, name);
	ul = toc_ul(p);
	xmlAddChild(sec, ul);
	if ((got = toc_entries(p, p->root)) != NULL) {
		while ((l = got->children) != NULL) {
			xmlUnlinkNode(l);
			xmlAddChild(ul, l);
		}
		xmlFreeNode(got);
	}
	toc_keep(p, ul, &kept);
	xmlAddChild(toc, sec);
	p->toc_n++;
	set(sec, "pn", arena_printf(p->a, "section-toc.%d", p->toc_n));
	para_numbers_top(p, sec);
}

/* ---- 5.5.1, 5.5.2 text art and source code from src= ---- */

/* preptool's element_artwork()/element_sourcecode() for text: the content of the src= file (a path beside
 * or below the document, through fetch) or URL replaces the src attribute; originalSrc keeps it. SVG and
 * binary art, data: URIs and art without a type stay as they are. R69. */
static int
load_src(struct pp *p, xmlNodePtr e)
{
	const char *src = get(p, e, "src"), *type = get(p, e, "type"), *dir, *slash, *uri, *q;
	char *data = NULL;
	size_t len = 0;
	int url;

	if (src == NULL || *src == '\0' || p->o->fetch == NULL)
		return 0;
	if (is(e, "artwork") && (type == NULL || streq(type, "svg") || streq(type, "binary-art")))
		return 0;
	url = strncmp(src, "http://", 7) == 0 || strncmp(src, "https://", 8) == 0;
	if (!url) {
		const char *path = strncmp(src, "file:", 5) == 0 ? src + 5 : src;
		for (q = src; *q && *q != '/' && *q != ':'; q++)
			;
		if (*q == ':' && strncmp(src, "file:", 5) != 0)
			return 0;	/* data: and other schemes */
		/* beside or below the document: no absolute path, no way up, no shell meta-characters */
		if (*path == '/' || strstr(path, "..") != NULL || strpbrk(path, "><*[`$|;&(#") != NULL)
			return die(p, e, arena_printf(p->a, "Expected an <%s> src= file located beside or below the .xml "
			    "source, but found a reference to %s", (const char *)e->name, src));
		dir = p->o->path ? p->o->path : "";
		slash = strrchr(dir, '/');
		uri = slash ? arena_printf(p->a, "%.*s/%s", (int)(slash - dir), dir, path) : path;
	} else
		uri = src;
	if (p->o->fetch(p->o->fetch_ctx, p->a, uri, &data, &len) == -1 || data == NULL)
		return die(p, e, arena_printf(p->a, "Expected an <%s> src= file at '%s', but no such file exists",
		    (const char *)e->name, src));
	while (e->children) {
		xmlNodePtr c = e->children;
		xmlUnlinkNode(c);
		xmlFreeNode(c);
	}
	xmlAddChild(e, xmlNewDocTextLen(p->doc, (const xmlChar *)data, (int)len));
	if (!has(e, "originalSrc"))
		set(e, "originalSrc", src);
	unset(e, "src");
	return 0;
}

/* ---- the run ---- */

static void
remove_pis(struct pp *p)
{
	xmlNodePtr n, c, next;

	for (n = p->root; n; n = walk(n, p->root, 1))
		for (c = n->children; c; c = next) {
			next = c->next;
			if (c->type == XML_PI_NODE && strcmp((const char *)c->name, "v3xml2rfc") != 0) {
				xmlUnlinkNode(c);
				xmlFreeNode(c);
			}
		}
}

int
prep_document(struct arena *a, xmlDocPtr doc, const struct prep_opts *o, struct err *e)
{
	struct pp p;
	xmlNodePtr front, back, mid, n, *v;

	memset(&p, 0, sizeof(p));
	p.a = a;
	p.e = e;
	p.o = o;
	p.doc = doc;
	p.root = xmlDocGetRootElement(doc);
	if (!is(p.root, "rfc") || (front = child(p.root, "front")) == NULL)
		return err_set(e, 400, "prep", "%s: Expected an <rfc> root element with a <front>.",
		    doc->URL ? (const char *)doc->URL : "input.xml");
	/* 5.1.2 DTD removal: the entities are expanded and the defaults filled in; without it libxml2 would
	 * still answer attribute lookups from the DTD's declarations */
	if (doc->intSubset) {
		xmlDtdPtr dtd = doc->intSubset;
		xmlUnlinkNode((xmlNodePtr)dtd);
		doc->intSubset = NULL;
		xmlFreeDtd(dtd);
	}
	if (doc->extSubset) {
		xmlFreeDtd(doc->extSubset);
		doc->extSubset = NULL;
	}
	p.rfcmode = get(&p, p.root, "number") != NULL;
	remove_pis(&p);
	if (!streq(get(&p, p.root, "version"), "3") && get(&p, p.root, "version") != NULL)
		return die(&p, p.root, arena_printf(a, "Expected <rfc> version=\"3\", but found \"%s\"",
		    get(&p, p.root, "version")));
	if (check_attribute_values(&p) == -1)
		return -1;
	normalize_text_items(&p);
	set(p.root, "version", "3");
	insert_series_info(&p, front);
	if (insert_date(&p, front) == -1)
		return -1;
	if (!has(p.root, "prepTime"))
		set(p.root, "prepTime", arena_printf(a, "%04d-%02d-%02dT00:00:00", o->year, o->month, o->day));
	ol_groups(&p);
	for (v = collect(&p, p.root, "artwork", 0); v && *v; v++)
		if (load_src(&p, *v) == -1)
			return -1;
	for (v = collect(&p, p.root, "sourcecode", 0); v && *v; v++)
		if (load_src(&p, *v) == -1)
			return -1;
	insert_attribute_defaults(&p);
	for (v = collect(&p, p.root, "relref", 0); v && *v; v++) {
		const char *df = get(&p, *v, "displayFormat");
		set(*v, "sectionFormat", df ? df : "of");
		unset(*v, "displayFormat");
		xmlNodeSetName(*v, (const xmlChar *)"xref");
	}
	for (v = collect(&p, p.root, "section", 0); v && *v; v++)
		section_toc(&p, *v);
	if (!p.rfcmode) {
		for (v = collect(&p, p.root, "note", 0); v && *v; v++)
			if (streq(get(&p, *v, "removeInRFC"), "true"))
				remove_in_rfc_warning(&p, *v);
		for (v = collect(&p, p.root, "section", 0); v && *v; v++)
			if (streq(get(&p, *v, "removeInRFC"), "true"))
				remove_in_rfc_warning(&p, *v);
	}
	for (n = p.root; n; n = walk(n, p.root, 1))
		yes_no(n);
	if ((n = child(front, "date")) != NULL && get(&p, n, "month") && !isdigit((unsigned char)*get(&p, n, "month")))
		set(n, "month", arena_printf(a, "%02d", month_number(get(&p, n, "month"))));
	ascii_attrs(&p);
	title_to_name(&p);
	if (insert_boilerplate(&p, front) == -1)
		return -1;
	for (v = collect(&p, p.root, "boilerplate", 0); v && *v; v++)
		for (xmlNodePtr *s = collect(&p, *v, "section", 0); s && *s; s++)
			set(*s, "toc", "exclude");
	for (v = collect(&p, p.root, "reference", 0); v && *v; v++)
		reference_fixes(&p, *v);
	for (v = collect(&p, p.root, "name", 0); v && *v; v++)
		set(*v, "slugifiedName", slugify(&p, arena_printf(a, "name-%s", text_join(&p, *v, " "))));
	refname_mapping(&p);
	for (v = collect(&p, p.root, "references", 0); v && *v; v++)
		sort_references(&p, *v);
	insert_attribute_defaults(&p);
	/* 5.4.6 pn */
	for (v = collect(&p, p.root, "boilerplate", 0); v && *v; v++)
		for (xmlNodePtr *s = collect(&p, *v, "section", 0); s && *s; s++)
			set(*s, "pn", arena_printf(a, "section-boilerplate.%d", ++p.boiler_n));
	for (v = collect(&p, front, "abstract", 0); v && *v; v++)
		set(*v, "pn", "section-abstract");
	for (v = collect(&p, front, "note", 0); v && *v; v++)
		set(*v, "pn", arena_printf(a, "section-note.%d", ++p.note_n));
	p.nmid = 1;
	p.nrefs = 1;
	p.nback = 1;
	if ((mid = child(p.root, "middle")) != NULL)
		for (v = collect(&p, mid, "section", 0); v && *v; v++)
			middle_number(&p, *v);
	for (v = collect(&p, p.root, "table", 0); v && *v; v++)
		set(*v, "pn", arena_printf(a, "table-%d", ++p.table_n));
	for (v = collect(&p, p.root, "figure", 0); v && *v; v++)
		set(*v, "pn", arena_printf(a, "figure-%d", ++p.fig_n));
	for (v = collect(&p, p.root, "references", 0); v && *v; v++)
		references_number(&p, *v);
	back = child(p.root, "back");
	if (back)
		for (v = collect(&p, back, "section", 0); v && *v; v++)
			back_number(&p, *v);
	para_numbers_top(&p, p.root);
	for (v = collect(&p, p.root, "iref", 0); v && *v; v++)
		iref_number(&p, *v);
	for (v = collect(&p, p.root, "u", 0); v && *v; v++)
		set(*v, "pn", arena_printf(a, "u-%d", ++p.u_n));
	for (v = collect(&p, p.root, "ol", 0); v && *v; v++)
		ol_counter(&p, *v);
	/* 3.32 inserts the index before <xref> processing, which derives its links' text */
	if (back)
		insert_index(&p, back);
	for (v = collect(&p, p.root, "xref", 0); v && *v; v++)
		if (xref_derive(&p, *v) == -1)
			return -1;
	if (back)
		insert_author_address(&p, back);
	if ((n = child(front, "toc")) != NULL)
		insert_toc(&p, n);
	if (p.rfcmode) {
		for (n = p.root; n; ) {
			xmlNodePtr next;
			if (streq(get(&p, n, "removeInRFC"), "true") && (is(n, "note") || is(n, "section"))) {
				next = walk(n, p.root, 0);
				xmlUnlinkNode(n);
				xmlFreeNode(n);
			} else
				next = walk(n, p.root, 1);
			n = next;
		}
		for (v = collect(&p, p.root, "cref", 0); v && *v; v++) {
			xmlUnlinkNode(*v);
			xmlFreeNode(*v);
		}
	}
	return 0;
}
