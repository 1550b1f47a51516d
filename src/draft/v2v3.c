/* v2v3.c: v2v3_convert() (render_int.h), xml2rfc 3.32's v2v3 converter in C. A v2 document (an <rfc>
 * without version="3") is rewritten in place in the v3 vocabulary by the same passes, in the same order,
 * with the same quirks: each pass selects its nodes in document order first and then edits the tree, as
 * xml2rfc's xpath-then-loop does. Text is handled as lxml sees it (an element's .text and .tail), since
 * where xml2rfc moves a tail, the renderer sees the words move. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>
#include <libxml/dict.h>	/* after tree.h: 2.9's dict.h does not declare xmlChar */

#include "../core/arena.h"
#include "../core/err.h"
#include "render_int.h"

#define V2V3_VERSION	"3.32.0"	/* in the comment xml2rfc leaves at the top of <rfc> */
#define V2V3_INDENT	2		/* xml2rfc's --indent default, for its pretty-print pass */
#define V2V3_DEPTH_MAX	1024		/* recursion guard; libxml2 already stops at 256 levels */

struct v2v3 {
	struct arena	*a;
	xmlDocPtr	 doc;
	xmlNodePtr	 root;
	xmlNodePtr	 trash;		/* nodes xml2rfc drops: kept alive until the end, since a pass's
					 * list may still name them (lxml keeps them too) */
	int		 oom;
};

struct nlist {
	xmlNodePtr	*v;
	size_t		 n, cap;
};

/* The v3 schema's sets (xml2rfc base.py computes them from v3.rng): elements that may hold text, and
 * those that may appear inside text. Sorted for bsearch. */
static const char *const text_tags[] = {
	"annotation", "area", "artwork", "bcp14", "blockquote", "city", "cityarea", "code", "country",
	"cref", "date", "dd", "dt", "em", "email", "eref", "extaddr", "keyword", "li", "name", "ol",
	"organization", "phone", "pobox", "postalLine", "refcontent", "region", "sortingcode",
	"sourcecode", "street", "strong", "sub", "sup", "t", "td", "th", "title", "tt", "u", "uri",
	"workgroup", "xref",
};
static const char *const inline_tags[] = {
	"bcp14", "br", "contact", "cref", "em", "eref", "iref", "list", "relref", "spanx", "strong",
	"sub", "sup", "tt", "u", "vspace", "xref",
};

/* Whether s is in the sorted set: its first byte against each name's, in order, stopping past it;
 * strcmp() only for a name that starts the same (a binary search called strcmp() through a pointer at
 * each of its steps, every pass over every element). */
static int
in_set(const char *const *set, size_t n, const char *s)
{
	size_t i;

	if (s == NULL)
		return 0;
	for (i = 0; i < n; i++) {
		if ((unsigned char)set[i][0] > (unsigned char)s[0])
			return 0;
		if (set[i][0] == s[0] && strcmp(set[i], s) == 0)
			return 1;
	}
	return 0;
}

#define NELEM(x)	(sizeof(x) / sizeof((x)[0]))

/* ---- lxml's view of a libxml2 tree ---- */

/* A child in lxml's sense: text is not a child, it hangs off its neighbour as .text or .tail. */
static int
is_item(xmlNodePtr n)
{
	return n != NULL && (n->type == XML_ELEMENT_NODE || n->type == XML_COMMENT_NODE ||
	    n->type == XML_PI_NODE || n->type == XML_ENTITY_REF_NODE);
}

static int
is_txt(xmlNodePtr n)
{
	return n != NULL && (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE);
}

/* The element's tag as lxml compares it: only elements without a namespace have a bare name. */
static const char *
tag(xmlNodePtr n)
{
	if (n == NULL || n->type != XML_ELEMENT_NODE || n->ns != NULL)
		return NULL;
	return (const char *)n->name;
}

static int
is_tag(xmlNodePtr n, const char *name)
{
	const char *t = tag(n);

	/* the first byte before strcmp(): every pass asks this of every element */
	return t != NULL && t[0] == name[0] && strcmp(t, name) == 0;
}

static int
blank(const char *s)
{
	if (s == NULL)
		return 1;
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r' && *s != '\f' && *s != '\v')
			return 0;
	return 1;
}

static char *
cat(struct v2v3 *v, const char *x, const char *y)
{
	char *s;

	if ((s = arena_strcat(v->a, x ? x : "", y ? y : "", (const char *)NULL)) == NULL)
		v->oom = 1;
	return s;
}

/* The text of the run of text nodes starting at n, or NULL when there is none (lxml's None). */
static char *
run_text(struct v2v3 *v, xmlNodePtr n)
{
	size_t len = 0, off = 0;
	xmlNodePtr m;
	char *s;

	if (!is_txt(n))
		return NULL;
	for (m = n; is_txt(m); m = m->next)
		len += m->content ? strlen((char *)m->content) : 0;
	if ((s = arena_alloc(v->a, len + 1)) == NULL) {
		v->oom = 1;
		return NULL;
	}
	for (m = n; is_txt(m); m = m->next) {
		if (m->content == NULL)
			continue;
		memcpy(s + off, m->content, strlen((char *)m->content));
		off += strlen((char *)m->content);
	}
	s[off] = '\0';
	return s;
}

static void
run_drop(xmlNodePtr n)
{
	xmlNodePtr next;

	for (; is_txt(n); n = next) {
		next = n->next;
		xmlUnlinkNode(n);
		xmlFreeNode(n);
	}
}

static char *
text_get(struct v2v3 *v, xmlNodePtr e)
{
	return e->type == XML_ELEMENT_NODE ? run_text(v, e->children) : NULL;
}

static char *
tail_get(struct v2v3 *v, xmlNodePtr n)
{
	return run_text(v, n->next);
}

/* The run of text nodes at n is that one text node holding s already: setting it would free the node
 * and make the same one again (the indentation pass sets most texts and tails to what they are). */
static int
run_is(xmlNodePtr n, const char *s)
{
	return n != NULL && n->type == XML_TEXT_NODE && n->content != NULL && *s != '\0' &&
	    (n->next == NULL || !is_txt(n->next)) && strcmp((const char *)n->content, s) == 0;
}

static void
text_set(struct v2v3 *v, xmlNodePtr e, const char *s)
{
	xmlNodePtr t;

	if (s != NULL && run_is(e->children, s))
		return;
	run_drop(e->children);
	if (s == NULL || *s == '\0')
		return;
	if ((t = xmlNewDocText(v->doc, (const xmlChar *)s)) == NULL) {
		v->oom = 1;
		return;
	}
	if (e->children != NULL)
		xmlAddPrevSibling(e->children, t);
	else
		xmlAddChild(e, t);
}

static void
tail_set(struct v2v3 *v, xmlNodePtr n, const char *s)
{
	xmlNodePtr t;

	if (s != NULL && n->parent != NULL && run_is(n->next, s))
		return;
	run_drop(n->next);
	if (s == NULL || *s == '\0' || n->parent == NULL)
		return;
	if ((t = xmlNewDocText(v->doc, (const xmlChar *)s)) == NULL) {
		v->oom = 1;
		return;
	}
	xmlAddNextSibling(n, t);
}

static xmlNodePtr
first_item(xmlNodePtr e)
{
	xmlNodePtr c;

	for (c = e->children; c != NULL && !is_item(c); c = c->next)
		;
	return c;
}

static xmlNodePtr
last_item(xmlNodePtr e)
{
	xmlNodePtr c;

	for (c = e->last; c != NULL && !is_item(c); c = c->prev)
		;
	return c;
}

static xmlNodePtr
next_item(xmlNodePtr n)
{
	for (n = n->next; n != NULL && !is_item(n); n = n->next)
		;
	return n;
}

static xmlNodePtr
prev_item(xmlNodePtr n)
{
	for (n = n->prev; n != NULL && !is_item(n); n = n->prev)
		;
	return n;
}

static size_t
item_index(xmlNodePtr n)
{
	size_t i = 0;

	while ((n = prev_item(n)) != NULL)
		i++;
	return i;
}

static xmlNodePtr
item_at(xmlNodePtr e, size_t i)
{
	xmlNodePtr c;

	for (c = first_item(e); c != NULL && i > 0; c = next_item(c))
		i--;
	return c;
}

/* lxml's remove(): the node goes, and its tail with it. */
static void
drop(struct v2v3 *v, xmlNodePtr n)
{
	run_drop(n->next);
	xmlUnlinkNode(n);
	xmlAddChild(v->trash, n);
}

/* Moving an element moves its tail along (lxml's append/insert). ref NULL: append to parent. */
static void
move(struct v2v3 *v, xmlNodePtr n, xmlNodePtr parent, xmlNodePtr ref)
{
	char *tail;

	if (n == ref)
		return;
	tail = tail_get(v, n);
	run_drop(n->next);
	xmlUnlinkNode(n);
	if (ref != NULL)
		xmlAddPrevSibling(ref, n);
	else
		xmlAddChild(parent, n);
	tail_set(v, n, tail);
}

static void
insert_at(struct v2v3 *v, xmlNodePtr parent, size_t i, xmlNodePtr n)
{
	move(v, n, parent, item_at(parent, i));
}

static int
attached(struct v2v3 *v, xmlNodePtr n)
{
	for (; n != NULL; n = n->parent)
		if (n == (xmlNodePtr)v->doc)
			return 1;
	return 0;
}

/* ---- attributes (no-namespace ones unless said) ---- */

static xmlAttrPtr
attr_node(xmlNodePtr e, const char *name)
{
	xmlAttrPtr at;

	if (e->type != XML_ELEMENT_NODE)
		return NULL;
	for (at = e->properties; at != NULL; at = at->next)
		if (at->ns == NULL && strcmp((const char *)at->name, name) == 0)
			return at;
	return NULL;
}

static char *
attr_value(struct v2v3 *v, xmlAttrPtr at)
{
	xmlChar *x;
	char *s;

	if ((x = xmlNodeGetContent((xmlNodePtr)at)) == NULL)
		return arena_strdup(v->a, "");
	s = arena_strdup(v->a, (char *)x);
	xmlFree(x);
	if (s == NULL)
		v->oom = 1;
	return s;
}

static char *
attr(struct v2v3 *v, xmlNodePtr e, const char *name)
{
	xmlAttrPtr at = attr_node(e, name);

	return at != NULL ? attr_value(v, at) : NULL;
}

static int
has_attr(xmlNodePtr e, const char *name)
{
	return attr_node(e, name) != NULL;
}

static void
attr_set(struct v2v3 *v, xmlNodePtr e, const char *name, const char *val)
{
	if (xmlSetNsProp(e, NULL, (const xmlChar *)name, (const xmlChar *)val) == NULL)
		v->oom = 1;
}

static void
attr_del(xmlNodePtr e, const char *name)
{
	xmlAttrPtr at;

	if ((at = attr_node(e, name)) != NULL)
		xmlRemoveProp(at);
}

static void
xml_space_del(xmlNodePtr e)
{
	xmlAttrPtr at;

	for (at = e->properties; at != NULL; at = at->next)
		if (at->ns != NULL && at->ns->href != NULL &&
		    strcmp((const char *)at->ns->href, (const char *)XML_XML_NAMESPACE) == 0 &&
		    strcmp((const char *)at->name, "space") == 0) {
			xmlRemoveProp(at);
			return;
		}
}

static void
strip(xmlNodePtr e, const char *const *names)
{
	for (; *names != NULL; names++)
		attr_del(e, *names);
}

/* copyattr(): every attribute of a set on b, in a's order. */
static void
copy_attrs(struct v2v3 *v, xmlNodePtr a, xmlNodePtr b)
{
	xmlAttrPtr at;
	char *val;

	for (at = a->properties; at != NULL; at = at->next) {
		if ((val = attr_value(v, at)) == NULL)
			return;
		if (xmlSetNsProp(b, at->ns, at->name, (const xmlChar *)val) == NULL)
			v->oom = 1;
	}
}

static xmlNodePtr
new_elem(struct v2v3 *v, const char *name)
{
	xmlNodePtr e;

	if ((e = xmlNewDocNode(v->doc, NULL, (const xmlChar *)name, NULL)) == NULL) {
		v->oom = 1;
		return NULL;
	}
	/* a new element lives in the trash until it is placed, so it is freed on every path */
	xmlAddChild(v->trash, e);
	e->line = 0;
	return e;
}

/* Moves all children of a (elements with their tails) to the end of b. */
static void
move_children(struct v2v3 *v, xmlNodePtr a, xmlNodePtr b)
{
	xmlNodePtr c, next;

	for (c = first_item(a); c != NULL; c = next) {
		next = next_item(c);
		move(v, c, b, NULL);
	}
}

/* ---- xml2rfc's tree operations (V2v3XmlWriter.replace, move_after, promote, wrap_content) ---- */

/* replace(a, name): a new element takes a's place with a's attributes, children, tail, and its text
 * when not blank. name NULL: a goes, and its text and tail are appended to the parent's text. */
static xmlNodePtr
replace_elem(struct v2v3 *v, xmlNodePtr a, xmlNodePtr b)
{
	xmlNodePtr p = a->parent;
	char *text, *tail, *pt;

	if (p == NULL || p == v->trash)
		return NULL;
	/* a PI's own content is not carried over: xml2rfc's outputs show none of it */
	text = a->type == XML_ELEMENT_NODE ? text_get(v, a) : NULL;
	tail = tail_get(v, a);
	if (b == NULL) {
		pt = text_get(v, p);
		if (text != NULL && *text != '\0')
			pt = cat(v, pt, text);
		if (tail != NULL && *tail != '\0')
			pt = cat(v, pt, tail);
		drop(v, a);
		if (pt != NULL)
			text_set(v, p, pt);
		return NULL;
	}
	if (!blank(text))
		text_set(v, b, text);
	copy_attrs(v, a, b);
	move_children(v, a, b);
	b->line = a->line;
	move(v, b, p, a);
	if (tail != NULL)
		tail_set(v, b, tail);
	drop(v, a);
	return b;
}

static xmlNodePtr
replace(struct v2v3 *v, xmlNodePtr a, const char *name)
{
	xmlNodePtr b = NULL;

	if (name != NULL && (b = new_elem(v, name)) == NULL)
		return NULL;
	return replace_elem(v, a, b);
}

/* move_after(a, b): a's tail joins the text before it, then a goes right after b (and b's tail). */
static void
move_after(struct v2v3 *v, xmlNodePtr a, xmlNodePtr b)
{
	xmlNodePtr pa = a->parent, sa, nb;
	char *tail = tail_get(v, a), *s;

	if (pa == NULL || b->parent == NULL)
		return;
	if (tail != NULL && *tail != '\0') {
		if ((sa = prev_item(a)) != NULL) {
			s = tail_get(v, sa);
			tail_set(v, sa, s != NULL && *s != '\0' ? cat(v, cat(v, s, " "), tail) : tail);
		} else {
			s = text_get(v, pa);
			if (!blank(s))
				text_set(v, pa, cat(v, cat(v, s, " "), tail));
			else if (!blank(tail))
				text_set(v, pa, tail);
		}
		tail_set(v, a, NULL);
	}
	nb = next_item(b);
	move(v, a, b->parent, nb);
}

/* isempty(): no children at all (a comment counts, as in xml2rfc 3.32's utils.isempty()), and no text
 * or tail but whitespace. */
static int
isempty(struct v2v3 *v, xmlNodePtr e)
{
	if (first_item(e) != NULL)
		return 0;
	return blank(text_get(v, e)) && blank(tail_get(v, e));
}

static int
isblock(xmlNodePtr n)
{
	static const char *const blocks[] = { "artwork", "blockquote", "dl", "figure", "ol",
	    "sourcecode", "t", "ul" };

	return in_set(blocks, NELEM(blocks), tag(n));
}

/* hastext(): text, inline children or tails directly in e. */
static int
hastext(struct v2v3 *v, xmlNodePtr e)
{
	xmlNodePtr c;

	if (!blank(text_get(v, e)))
		return 1;
	for (c = first_item(e); c != NULL; c = next_item(c)) {
		if (!isblock(c) && c->type != XML_COMMENT_NODE)
			return 1;
		if (!blank(tail_get(v, c)))
			return 1;
	}
	return 0;
}

/* promote(e, t): e leaves its <t>, which is split in two around it. */
static void
promote(struct v2v3 *v, xmlNodePtr e, xmlNodePtr t)
{
	xmlNodePtr pp = t->parent, t2, ref, s, next;
	char *tail;

	if (pp == NULL || (t2 = new_elem(v, "t")) == NULL)
		return;
	t2->line = e->line;
	tail = tail_get(v, e);
	text_set(v, t2, tail);
	tail_set(v, e, NULL);
	for (s = next_item(e); s != NULL; s = next) {
		next = next_item(s);
		move(v, s, t2, NULL);
	}
	ref = next_item(t);
	if (!isempty(v, t2))
		move(v, t2, pp, ref);
	move(v, e, pp, isempty(v, t2) ? ref : t2);
	if (isempty(v, t))
		drop(v, t);
}

/* wrap_content(e, t): all of e's content moves into t, which becomes e's last child. */
static xmlNodePtr
wrap_content(struct v2v3 *v, xmlNodePtr e, xmlNodePtr t)
{
	char *text;

	if (t == NULL && (t = new_elem(v, "t")) == NULL)
		return NULL;
	text = text_get(v, e);
	text_set(v, t, text);
	t->line = e->line;
	text_set(v, e, NULL);
	move_children(v, e, t);
	move(v, t, e, NULL);
	return t;
}

/* ---- selecting nodes in document order ---- */

typedef int (*match_fn)(xmlNodePtr);

static int m_pi(xmlNodePtr);

static void
collect_rec(struct v2v3 *v, xmlNodePtr n, match_fn m, struct nlist *l, int depth)
{
	xmlNodePtr c;

	if (depth > V2V3_DEPTH_MAX)
		return;
	for (c = n->children; c != NULL; c = c->next) {
		/* only m_pi matches other than elements: the text between elements is not asked */
		if ((c->type == XML_ELEMENT_NODE || m == m_pi) && m(c)) {
			if ((l->v = arena_grow(v->a, l->v, l->n, &l->cap, sizeof(*l->v))) == NULL) {
				v->oom = 1;
				return;
			}
			l->v[l->n++] = c;
		}
		if (c->type == XML_ELEMENT_NODE)
			collect_rec(v, c, m, l, depth + 1);
	}
}

/* './/x' from the root, or '//x' from the document when whole. */
static struct nlist
collect(struct v2v3 *v, match_fn m, int whole)
{
	struct nlist l = { NULL, 0, 0 };

	if (whole)
		collect_rec(v, (xmlNodePtr)v->doc, m, &l, 0);
	else
		collect_rec(v, v->root, m, &l, 0);
	return l;
}

#define MATCH_TAG(fn, name) \
	static int fn(xmlNodePtr n) { return is_tag(n, name); }
MATCH_TAG(m_artwork, "artwork")
MATCH_TAG(m_back, "back")
MATCH_TAG(m_code, "code")
MATCH_TAG(m_date, "date")
MATCH_TAG(m_postamble, "postamble")
MATCH_TAG(m_preamble, "preamble")
MATCH_TAG(m_figure, "figure")
MATCH_TAG(m_relref, "relref")
MATCH_TAG(m_reference, "reference")
MATCH_TAG(m_t, "t")
MATCH_TAG(m_xref, "xref")
MATCH_TAG(m_facsimile, "facsimile")
MATCH_TAG(m_format, "format")
MATCH_TAG(m_spanx, "spanx")
MATCH_TAG(m_texttable, "texttable")
MATCH_TAG(m_vspace, "vspace")

static int
m_title(xmlNodePtr n)
{
	return n->type == XML_ELEMENT_NODE && has_attr(n, "title");
}

static int
m_anchor(xmlNodePtr n)
{
	return n->type == XML_ELEMENT_NODE && has_attr(n, "anchor");
}

static int
m_xref_target(xmlNodePtr n)
{
	return is_tag(n, "xref") && has_attr(n, "target");
}

static int
m_pi(xmlNodePtr n)
{
	return n->type == XML_PI_NODE;
}

static int
m_block(xmlNodePtr n)
{
	static const char *const b[] = { "artwork", "dl", "figure", "ol", "sourcecode", "t", "ul" };

	return in_set(b, NELEM(b), tag(n));
}

static int
m_yesno(xmlNodePtr n)
{
	xmlAttrPtr at;
	xmlChar *x;
	int hit = 0;

	if (n->type != XML_ELEMENT_NODE)
		return 0;
	for (at = n->properties; at != NULL && !hit; at = at->next) {
		xmlNodePtr t = at->children;
		/* a value of one text node is read in place: this runs on every attribute of the document */
		if (t != NULL && t->next == NULL && t->type == XML_TEXT_NODE && t->content != NULL) {
			hit = strcmp((char *)t->content, "yes") == 0 || strcmp((char *)t->content, "no") == 0;
			continue;
		}
		if ((x = xmlNodeGetContent((xmlNodePtr)at)) == NULL)
			continue;
		hit = strcmp((char *)x, "yes") == 0 || strcmp((char *)x, "no") == 0;
		xmlFree(x);
	}
	return hit;
}

/* ---- the PI state each element was parsed under (xml2rfc's element.pis) ---- */

/* xml2rfc's parse_pi(): the text is split at ="value" (either quote); each key is the text between
 * two such values, spaces included, so only a PI's first key is ever clean. Returns the value the PI
 * gives key, or NULL. */
static char *
pi_value(struct v2v3 *v, const char *text, const char *key)
{
	const char *p, *k = text, *q;
	char *found = NULL;
	size_t klen = strlen(key);

	for (p = text; *p != '\0'; p++) {
		if (*p != '=' || (p[1] != '"' && p[1] != '\''))
			continue;
		for (q = p + 2; *q != '\0' && *q != '"' && *q != '\''; q++)
			;
		if (*q == '\0')
			continue;
		if ((size_t)(p - k) == klen && strncmp(k, key, klen) == 0)
			found = arena_strndup(v->a, p + 2, (size_t)(q - p - 2));
		k = q + 1;
		p = q;
	}
	return found;
}

/* Marks each <list> with the subcompact value in force where it starts: the prolog's PIs are read
 * last to first (xml2rfc's _eval_pre_pi), then every PI in document order. */
struct flags {
	int		*v;
	size_t		 n, cap;
};

static void
subcompact_rec(struct v2v3 *v, xmlNodePtr n, const char **cur, struct nlist *lists,
    struct flags *vals, int depth)
{
	xmlNodePtr c;
	char *s;

	if (depth > V2V3_DEPTH_MAX)
		return;
	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_PI_NODE && c->content != NULL &&
		    (s = pi_value(v, (char *)c->content, "subcompact")) != NULL)
			*cur = s;
		if (is_tag(c, "list")) {
			if ((lists->v = arena_grow(v->a, lists->v, lists->n, &lists->cap,
			    sizeof(*lists->v))) == NULL ||
			    (vals->v = arena_grow(v->a, vals->v, vals->n, &vals->cap,
			    sizeof(*vals->v))) == NULL) {
				v->oom = 1;
				return;
			}
			lists->v[lists->n++] = c;
			vals->v[vals->n++] = strcmp(*cur, "yes") == 0 || strcmp(*cur, "true") == 0;
		}
		if (c->type == XML_ELEMENT_NODE)
			subcompact_rec(v, c, cur, lists, vals, depth + 1);
	}
}

/* ---- the passes ---- */

/* 3.4 <list> to <ul>, <ol> or <dl>; each <t> to <li> (holding a <t>) or <dt>/<dd>. */
static void
do_list(struct v2v3 *v, xmlNodePtr e, int compact)
{
	static const char *const strip_ls[] = { "counter", "style", NULL };
	const char *style, *tagname, *nstyle = NULL, *type = NULL;
	xmlNodePtr anc, l, t, next, nt, dt, first;
	char *s, *indent, *counter, *hang, *vtail;
	size_t n;

	s = attr(v, e, "style");
	if (s != NULL) {
		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		for (n = strlen(s); n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
		    s[n - 1] == '\n' || s[n - 1] == '\r'); n--)
			s[n - 1] = '\0';
	}
	style = s != NULL ? s : "";
	if (*style == '\0') {
		for (anc = e->parent; anc != NULL && anc->type == XML_ELEMENT_NODE; anc = anc->parent) {
			if (is_tag(anc, "list"))
				style = (s = attr(v, anc, "style")) != NULL ? s : "";
			else if (is_tag(anc, "dl"))
				style = "hanging";
			else if (is_tag(anc, "ul"))
				style = "symbols";
			else if (is_tag(anc, "ol")) {
				style = "inherit";
				/* sub-lists alternate the letter case (a substring test, as Python's "in") */
				if ((s = attr(v, anc, "type")) != NULL) {
					if (strstr("ai", s) != NULL)
						s[0] = s[0] == 'a' ? 'A' : s[0] == 'i' ? 'I' : s[0];
					else if (strstr("AI", s) != NULL)
						s[0] = s[0] == 'A' ? 'a' : s[0] == 'I' ? 'i' : s[0];
				}
				nstyle = s;
			}
			if (*style != '\0')
				break;
		}
	}
	if (*style == '\0')
		style = "empty";
	tagname = "ul";
	if (strcmp(style, "hanging") == 0)
		tagname = "dl";
	else if (strcmp(style, "numbers") == 0 || strcmp(style, "inherit") == 0) {
		tagname = "ol";
		type = nstyle != NULL && *nstyle != '\0' ? nstyle : "1";
	} else if (strcmp(style, "letters") == 0) {
		tagname = "ol";
		type = nstyle != NULL && *nstyle != '\0' ? nstyle : "a";
	} else if (strncmp(style, "format", 6) == 0) {
		tagname = "ol";
		type = strlen(style) > 7 ? style + 7 : "";
	}
	if ((l = new_elem(v, tagname)) == NULL)
		return;
	if (strcmp(style, "empty") == 0)
		attr_set(v, l, "empty", "true");
	else if (strcmp(tagname, "dl") == 0)
		attr_set(v, l, "newline", "false");
	else if (type != NULL)
		attr_set(v, l, "type", type);
	counter = attr(v, e, "counter");
	if (strcmp(tagname, "ol") == 0 && counter != NULL)
		attr_set(v, l, "group", counter);
	attr_set(v, l, "spacing", compact ? "compact" : "normal");
	strip(e, strip_ls);
	if ((l = replace_elem(v, e, l)) == NULL)
		return;
	indent = attr(v, l, "hangIndent");
	attr_del(l, "hangIndent");
	if (strcmp(tagname, "dl") != 0) {
		for (t = first_item(l); t != NULL; t = next) {
			next = next_item(t);
			if (!is_tag(t, "t"))
				continue;
			if ((nt = new_elem(v, "t")) == NULL)
				return;
			wrap_content(v, t, nt);
			replace(v, t, "li");
		}
		return;
	}
	if (indent != NULL)
		attr_set(v, l, "indent", indent);
	for (t = first_item(l); t != NULL; t = next) {
		next = next_item(t);
		if (!is_tag(t, "t"))
			continue;
		if ((dt = new_elem(v, "dt")) == NULL)
			return;
		dt->line = t->line;
		if ((hang = attr(v, t, "hangText")) != NULL) {
			text_set(v, dt, hang);
			attr_del(t, "hangText");
		}
		/* a <vspace/> opening the text means the definition starts on a new line */
		if (blank(text_get(v, t)) && (first = first_item(t)) != NULL && is_tag(first, "vspace")) {
			vtail = tail_get(v, first);
			drop(v, first);
			text_set(v, t, vtail);
			attr_set(v, l, "newline", "true");
		}
		move(v, dt, l, t);
		replace(v, t, "dd");
	}
}

/* 2.5 <artwork>: deprecated attributes go; "<CODE BEGINS>" makes it <sourcecode>; text plus src
 * makes an <artset>. */
static void
do_artwork(struct v2v3 *v, xmlNodePtr e)
{
	static const char *const strip_a[] = { "height", "width", NULL };
	static const char *const strip_s[] = { "align", "alt", "height", "suppress-title", "width",
	    NULL };
	xmlNodePtr p = e->parent, artset, ext;
	char *text, *src, *body, *endp, *name = NULL, *dot, *slash;
	const char *q, *r;

	strip(e, strip_a);
	xml_space_del(e);
	text = text_get(v, e);
	for (q = text; q != NULL && (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r' ||
	    *q == '\f' || *q == '\v'); q++)
		;
	if (q != NULL && strncmp(q, "<CODE BEGINS>", 13) == 0) {
		if ((e = replace(v, e, "sourcecode")) == NULL)
			return;
		attr_set(v, e, "markers", "true");
		q += 13;
		/* (\s+file\s+"([^"]*)")? */
		r = q;
		while (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r' || *r == '\f' || *r == '\v')
			r++;
		if (r > q && strncmp(r, "file", 4) == 0) {
			const char *f = r + 4, *g;

			g = f;
			while (*g == ' ' || *g == '\t' || *g == '\n' || *g == '\r' || *g == '\f' || *g == '\v')
				g++;
			if (g > f && *g == '"') {
				const char *h = strchr(g + 1, '"');

				if (h != NULL) {
					name = arena_strndup(v->a, g + 1, (size_t)(h - g - 1));
					q = h + 1;
				}
			}
		}
		if (name != NULL)
			attr_set(v, e, "name", name);
		if ((body = arena_strdup(v->a, q)) == NULL) {
			v->oom = 1;
			return;
		}
		if ((endp = strstr(body, "<CODE ENDS>")) != NULL) {
			*endp = '\0';
			if (!blank(endp + 11))
				tail_set(v, e, endp + 11);
		}
		text_set(v, e, body);
		strip(e, strip_s);
		text = body;
	}
	src = attr(v, e, "src");
	if (!blank(text) && src != NULL && p != NULL && attached(v, e)) {
		if ((artset = new_elem(v, "artset")) == NULL || (ext = new_elem(v, "artwork")) == NULL)
			return;
		artset->line = e->line;
		copy_attrs(v, e, ext);
		move_children(v, e, ext);
		/* the extension, as Python's os.path.splitext */
		slash = strrchr(src, '/');
		dot = strrchr(slash != NULL ? slash : src, '.');
		if (dot != NULL) {
			const char *b = slash != NULL ? slash + 1 : src;

			while (*b == '.')
				b++;
			if (dot < b)
				dot = NULL;
		}
		attr_set(v, ext, "type", dot != NULL ? dot + 1 : "");
		move(v, ext, artset, NULL);
		attr_del(e, "src");
		attr_set(v, e, "type", "ascii-art");
		move(v, e, artset, NULL);
		move(v, artset, p, NULL);
	}
}

/* Several <references> in <back> go inside one <references> named "References". */
static void
do_back(struct v2v3 *v, xmlNodePtr e)
{
	xmlNodePtr c, next, refs, name, first = NULL;
	size_t n = 0;

	for (c = first_item(e); c != NULL; c = next_item(c))
		if (is_tag(c, "references") && n++ == 0)
			first = c;
	if (n < 2)
		return;
	if ((refs = new_elem(v, "references")) == NULL || (name = new_elem(v, "name")) == NULL)
		return;
	refs->line = name->line = first->line;
	text_set(v, name, "References");
	move(v, name, refs, NULL);
	move(v, refs, e, first);
	for (c = first; c != NULL; c = next) {
		next = next_item(c);
		if (is_tag(c, "references"))
			move(v, c, refs, NULL);
	}
}

/* Postal codes written with a country prefix ("CH-8001") lose it for some countries. */
static void
do_code(struct v2v3 *v, xmlNodePtr e)
{
	static const char *const cc[] = { "AX", "CH", "FI", "FL", "HR", "L", "LT", "MC", "MD", "SE",
	    "SI" };
	char *text = text_get(v, e), *dash;

	if (text == NULL || text[0] < 'A' || text[0] > 'Z')
		return;
	if (!(text[1] == '-' || (text[1] >= 'A' && text[1] <= 'Z' && text[2] == '-')))
		return;
	dash = strchr(text, '-');
	*dash = '\0';
	if (in_set(cc, NELEM(cc), text))
		text_set(v, e, dash + 1);
}

static void
do_date(struct v2v3 *v, xmlNodePtr e)
{
	char *year = attr(v, e, "year");
	const char *p;

	if (year == NULL || *year == '\0')
		return;
	for (p = year; *p >= '0' && *p <= '9'; p++)
		;
	if (*p == '\0')
		return;
	attr_del(e, "year");
	text_set(v, e, year);
}

/* 3.5/3.6 <postamble> and <preamble> become paragraphs after and before their figure or table. */
static void
do_postamble(struct v2v3 *v, xmlNodePtr e)
{
	xmlNodePtr p = e->parent;

	if ((e = replace(v, e, "t")) == NULL)
		return;
	attr_set(v, e, "keepWithPrevious", "true");
	move_after(v, e, p);
}

static void
do_preamble(struct v2v3 *v, xmlNodePtr e)
{
	xmlNodePtr p = e->parent, s;

	if ((e = replace(v, e, "t")) == NULL)
		return;
	attr_set(v, e, "keepWithNext", "true");
	if ((s = prev_item(p)) != NULL)
		move_after(v, e, s);
	else if (p->parent != NULL && p->parent->type == XML_ELEMENT_NODE)
		move(v, e, p->parent, p);
}

static xmlNodePtr
find_desc(xmlNodePtr e, const char *name)
{
	xmlNodePtr c, f;

	for (c = first_item(e); c != NULL; c = next_item(c)) {
		if (is_tag(c, name))
			return c;
		if (c->type == XML_ELEMENT_NODE && (f = find_desc(c, name)) != NULL)
			return f;
	}
	return NULL;
}

static xmlNodePtr
find_child(xmlNodePtr e, const char *name)
{
	xmlNodePtr c;

	for (c = first_item(e); c != NULL; c = next_item(c))
		if (is_tag(c, name))
			return c;
	return NULL;
}

/* 2.25 <figure>: align, alt and src move to the artwork; a figure with no anchor and no title is
 * dissolved into its children. */
static void
do_figure(struct v2v3 *v, xmlNodePtr e)
{
	static const char *const moved[] = { "align", "alt", "src", NULL };
	static const char *const strip_f[] = { "align", "height", "src", "suppress-title", "width",
	    NULL };
	xmlNodePtr p = e->parent, emb, c, next, ref;
	const char *const *a;
	char *fv, *anchor, *title, *st, *tail;

	if ((emb = find_desc(e, "artwork")) == NULL)
		emb = find_child(e, "sourcecode");
	if (emb != NULL) {
		for (a = moved; *a != NULL; a++) {
			if ((fv = attr(v, e, *a)) == NULL)
				continue;
			if (!has_attr(emb, *a) && (is_tag(emb, "artwork") || strcmp(*a, "src") == 0))
				attr_set(v, emb, *a, fv);
			attr_del(e, *a);
		}
	}
	anchor = attr(v, e, "anchor");
	title = attr(v, e, "title");
	st = attr(v, e, "suppress-title");
	if (emb != NULL && (((anchor == NULL || *anchor == '\0') && (title == NULL || *title == '\0')) ||
	    (st != NULL && strcmp(st, "true") == 0)) && find_child(e, "name") == NULL &&
	    find_child(e, "preamble") == NULL && find_child(e, "postamble") == NULL && p != NULL) {
		tail = tail_get(v, e);
		ref = next_item(e);
		for (c = first_item(e); c != NULL; c = next) {
			next = next_item(c);
			move(v, c, p, ref != NULL ? ref : NULL);
		}
		tail_set(v, emb, tail);
		drop(v, e);
		return;
	}
	strip(e, strip_f);
}

static void
do_relref(struct v2v3 *v, xmlNodePtr e)
{
	char *df = attr(v, e, "displayFormat");

	if (df != NULL) {
		attr_set(v, e, "sectionFormat", df);
		attr_del(e, "displayFormat");
	}
	xmlNodeSetName(e, (const xmlChar *)"xref");
}

static void
do_reference(struct v2v3 *v, xmlNodePtr e)
{
	char *q = attr(v, e, "quote-title");

	if (q != NULL && strcmp(q, "true") != 0 && strcmp(q, "yes") != 0)
		attr_set(v, e, "quoteTitle", "false");
	attr_del(e, "quote-title");
}

static int
same_series(struct v2v3 *v, xmlNodePtr s, const char *name, const char *value)
{
	char *n = attr(v, s, "name"), *val = attr(v, s, "value");

	return n != NULL && val != NULL && strcmp(n, name) == 0 && strcmp(val, value) == 0;
}

static void
add_series(struct v2v3 *v, xmlNodePtr front, size_t i, const char *name, const char *value,
    long line)
{
	xmlNodePtr si;

	if ((si = new_elem(v, "seriesInfo")) == NULL)
		return;
	si->line = (unsigned short)(line > 65535 ? 65535 : line);
	attr_set(v, si, "name", name);
	attr_set(v, si, "value", value);
	insert_at(v, front, i, si);
}

/* 2.45 <rfc>: docName, number, category/seriesNo become <seriesInfo> in <front>. */
static void
do_rfc(struct v2v3 *v, xmlNodePtr e)
{
	xmlNodePtr front, title, c, link;
	char *ipr = attr(v, e, "ipr"), *cat_, *sno, *num, *doc, *href;
	size_t i = 0;
	int dup;

	if (ipr != NULL && strcmp(ipr, "none") == 0)
		return;
	if ((front = find_child(e, "front")) == NULL)
		return;
	if ((title = find_child(front, "title")) != NULL)
		i = item_index(title) + 1;
	cat_ = attr(v, e, "category");
	sno = attr(v, e, "seriesNo");
	if (cat_ != NULL && sno != NULL) {
		for (dup = 0, c = first_item(front); c != NULL; c = next_item(c))
			dup |= is_tag(c, "seriesInfo") && same_series(v, c, cat_, sno);
		if (!dup)
			add_series(v, front, i, cat_, sno, xmlGetLineNo(e));
		attr_del(e, "seriesNo");
	}
	doc = attr(v, e, "docName");
	if ((num = attr(v, e, "number")) != NULL) {
		for (dup = 0, c = first_item(front); c != NULL; c = next_item(c))
			dup |= is_tag(c, "seriesInfo") && same_series(v, c, "RFC", num);
		if (!dup)
			add_series(v, front, i, "RFC", num, xmlGetLineNo(e));
		if (doc != NULL && (link = new_elem(v, "link")) != NULL &&
		    (href = arena_printf(v->a, "https://datatracker.ietf.org/doc/%s", doc)) != NULL) {
			attr_set(v, link, "rel", "prev");
			attr_set(v, link, "href", href);
			insert_at(v, e, 0, link);
		}
	} else if (doc != NULL) {
		for (dup = 0, c = first_item(front); c != NULL; c = next_item(c)) {
			char *n = is_tag(c, "seriesInfo") ? attr(v, c, "name") : NULL;

			dup |= n != NULL && strcmp(n, "Internet-Draft") == 0;
		}
		if (!dup)
			add_series(v, front, i, "Internet-Draft", doc, xmlGetLineNo(e));
	}
	attr_del(e, "xi");
}

/* 3.2 <facsimile> goes; its tail is appended to the parent's text, as xml2rfc does. */
static void
do_facsimile(struct v2v3 *v, xmlNodePtr e)
{
	text_set(v, e, NULL);
	move_children(v, e, v->trash);
	replace(v, e, NULL);
}

/* 3.3 <format>: its target moves to the reference unless the reference has one. */
static void
do_format(struct v2v3 *v, xmlNodePtr e)
{
	xmlNodePtr p = e->parent;
	char *pt, *ft;

	if (p == NULL || p->type != XML_ELEMENT_NODE)
		return;
	pt = attr(v, p, "target");
	ft = attr(v, e, "target");
	if (pt != NULL && *pt != '\0') {
		if (ft != NULL && strcmp(ft, pt) == 0)
			replace(v, e, NULL);
		return;
	}
	if (ft != NULL)
		attr_set(v, p, "target", ft);
	replace(v, e, NULL);
}

/* 3.7 <spanx style=emph|strong|verb> to <em>, <strong>, <tt> (an unknown style to <em>). */
static void
do_spanx(struct v2v3 *v, xmlNodePtr e)
{
	char *style = attr(v, e, "style");
	const char *t = "em";

	if (style != NULL && strcmp(style, "strong") == 0)
		t = "strong";
	else if (style != NULL && strcmp(style, "verb") == 0)
		t = "tt";
	attr_del(e, "style");
	xml_space_del(e);
	replace(v, e, t);
}

/* copy(): a new element with e's text, tail (discarded later), attributes and children. */
static xmlNodePtr
copy_elem(struct v2v3 *v, xmlNodePtr e, const char *name)
{
	xmlNodePtr n;

	if ((n = new_elem(v, name)) == NULL)
		return NULL;
	n->line = e->line;
	text_set(v, n, text_get(v, e));
	copy_attrs(v, e, n);
	move_children(v, e, n);
	return n;
}

/* 3.8 <texttable> to <table> with <thead>/<tbody>, <tr>, <th> and <td>. */
static void
do_texttable(struct v2v3 *v, xmlNodePtr e)
{
	static const char *const strip_t[] = { "style", "suppress-title", NULL };
	static const char *const strip_w[] = { "width", NULL };
	xmlNodePtr p = e->parent, table, thead, tbody = NULL, tr = NULL, x, next, cell;
	char **align = NULL;
	size_t ncol = 0, acap = 0, ncell = 0, col;

	if (p == NULL || (table = new_elem(v, "table")) == NULL)
		return;
	table->line = e->line;
	copy_attrs(v, e, table);
	for (x = first_item(e); x != NULL; x = next) {
		next = next_item(x);
		if (is_tag(x, "ttcol")) {
			if (ncol == 0) {
				if ((thead = new_elem(v, "thead")) == NULL || (tr = new_elem(v, "tr")) == NULL)
					return;
				thead->line = tr->line = x->line;
				move(v, thead, table, NULL);
				move(v, tr, thead, NULL);
			}
			if ((align = arena_grow(v->a, align, ncol, &acap, sizeof(*align))) == NULL) {
				v->oom = 1;
				return;
			}
			align[ncol++] = attr(v, x, "align");
			if ((cell = copy_elem(v, x, "th")) == NULL)
				return;
			strip(cell, strip_w);
			move(v, cell, tr, NULL);
		} else if (is_tag(x, "c")) {
			/* xml2rfc divides by the column count here; no <ttcol>, no cells */
			if (ncol == 0)
				continue;
			col = ncell % ncol;
			if (ncell == 0) {
				if ((tbody = new_elem(v, "tbody")) == NULL)
					return;
				tbody->line = x->line;
				move(v, tbody, table, NULL);
			}
			if (col == 0) {
				if ((tr = new_elem(v, "tr")) == NULL)
					return;
				tr->line = x->line;
				move(v, tr, tbody, NULL);
			}
			if ((cell = copy_elem(v, x, "td")) == NULL)
				return;
			if (align[col] != NULL && *align[col] != '\0')
				attr_set(v, cell, "align", align[col]);
			move(v, cell, tr, NULL);
			strip(cell, strip_w);
			ncell++;
		}
	}
	strip(table, strip_t);
	/* lxml's replace(): the table takes the place, the old element keeps its tail */
	move(v, table, p, e);
	drop(v, e);
}

/* 3.10 <vspace>: inside a list item it splits the paragraph; elsewhere it is dropped. */
static void
do_vspace(struct v2v3 *v, xmlNodePtr e)
{
	xmlNodePtr t = e->parent, l, t2, s, next, ref;
	char *tail;

	if (t == NULL || t->type != XML_ELEMENT_NODE)
		return;
	if (!is_tag(t, "t") && (t = wrap_content(v, t, NULL)) == NULL)
		return;
	l = t->parent;
	if (is_tag(l, "dd") || is_tag(l, "li")) {
		ref = next_item(t);
		if ((t2 = new_elem(v, "t")) == NULL)
			return;
		t2->line = e->line;
		tail = tail_get(v, e);
		if (!blank(tail))
			text_set(v, t2, tail);
		for (s = next_item(e); s != NULL; s = next) {
			next = next_item(s);
			move(v, s, t2, NULL);
		}
		drop(v, e);
		move(v, t2, l, ref);
		if (isempty(v, t))
			drop(v, t);
	} else
		replace(v, e, NULL);
}

static void
do_title(struct v2v3 *v, xmlNodePtr e)
{
	xmlNodePtr n;
	char *title = attr(v, e, "title"), *s;
	size_t len;

	for (s = title; *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f' ||
	    *s == '\v'; s++)
		;
	for (len = strlen(s); len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
	    s[len - 1] == '\n' || s[len - 1] == '\r' || s[len - 1] == '\f' || s[len - 1] == '\v'); len--)
		s[len - 1] = '\0';
	if (*s != '\0' && (n = new_elem(v, "name")) != NULL) {
		n->line = e->line;
		text_set(v, n, s);
		insert_at(v, e, 0, n);
	}
	attr_del(e, "title");
}

/* xml2rfc's idref(): a leading character other than a letter or '_' becomes '_', and so does every
 * character outside [-._A-Za-z0-9] (a character: all bytes of a UTF-8 sequence give one '_'). */
static void
fix_idref(struct v2v3 *v, xmlNodePtr e, const char *name)
{
	char *val = attr(v, e, name), *s, *out, *o;
	size_t len;
	int first = 1;

	if (val == NULL)
		return;
	for (s = val; *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f' || *s == '\v'; s++)
		;
	for (len = strlen(s); len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
	    s[len - 1] == '\n' || s[len - 1] == '\r' || s[len - 1] == '\f' || s[len - 1] == '\v'); len--)
		;
	if ((out = arena_alloc(v->a, len + 1)) == NULL) {
		v->oom = 1;
		return;
	}
	for (o = out; len > 0; first = 0) {
		unsigned char c = (unsigned char)*s;
		size_t n = 1;

		if (c >= 0x80)
			while (n < len && ((unsigned char)s[n] & 0xc0) == 0x80)
				n++;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
		    (!first && ((c >= '0' && c <= '9') || c == '-' || c == '.')))
			*o++ = (char)c;
		else
			*o++ = '_';
		s += n;
		len -= n;
	}
	*o = '\0';
	if (strcmp(out, val) != 0)
		attr_set(v, e, name, out);
}

/* lxml's PI .get(): pseudo-attributes `\s+(\w+)\s*=\s*('..'|"..")` in " " + text. */
static char *
pi_attr(struct v2v3 *v, const char *text, const char *key)
{
	char *s = arena_printf(v->a, " %s", text), *found = NULL;
	const char *p, *q, *k, *ke, *val;
	char quote;

	if (s == NULL)
		return NULL;
	for (p = s; *p != '\0'; p++) {
		q = p;
		if (!(*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r'))
			continue;
		while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')
			q++;
		k = q;
		while ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9') ||
		    *q == '_' || (unsigned char)*q >= 0x80)
			q++;
		if (q == k)
			continue;
		ke = q;
		while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')
			q++;
		if (*q++ != '=')
			continue;
		while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')
			q++;
		if (*q != '"' && *q != '\'')
			continue;
		quote = *q++;
		val = q;
		while (*q != '\0' && *q != quote)
			q++;
		if (*q == '\0')
			continue;
		if ((size_t)(ke - k) == strlen(key) && strncmp(k, key, strlen(key)) == 0)
			found = arena_strndup(v->a, val, (size_t)(q - val));
		p = q;
	}
	return found;
}

/* 1.3.2 <?rfc toc|tocdepth|symrefs|sortrefs?> become attributes of <rfc>; every rfc PI inside the
 * document goes (those before <rfc> have no parent and stay, as in xml2rfc). */
static void
do_pi(struct v2v3 *v, xmlNodePtr e)
{
	static const char *const names[][2] = {
		{ "sortrefs", "sortRefs" }, { "symrefs", "symRefs" }, { "tocdepth", "tocDepth" },
		{ "toc", "tocInclude" },
	};
	size_t i;
	char *val;

	if (e->name == NULL || strcmp((const char *)e->name, "rfc") != 0)
		return;
	for (i = 0; i < NELEM(names); i++) {
		if (e->content == NULL ||
		    (val = pi_attr(v, (const char *)e->content, names[i][0])) == NULL)
			continue;
		attr_set(v, v->root, names[i][1], strcmp(val, "yes") == 0 ? "true" :
		    strcmp(val, "no") == 0 ? "false" : val);
		break;
	}
	if (e->parent != NULL && e->parent->type == XML_ELEMENT_NODE)
		replace(v, e, NULL);
}

/* 1.3.4 block elements leave <t>; mixed content in a list item or cell is wrapped first. */
static void
do_block(struct v2v3 *v, xmlNodePtr e)
{
	static const char *const nomix[] = { "blockquote", "dd", "li", "td", "th" };
	xmlNodePtr p = e->parent;

	if (in_set(nomix, NELEM(nomix), tag(p)) && hastext(v, p))
		wrap_content(v, p, NULL);
	p = e->parent;
	if (is_tag(p, "t"))
		promote(v, e, p);
}

static void
do_yesno(struct v2v3 *v, xmlNodePtr e)
{
	xmlAttrPtr at;
	char *val;

	for (at = e->properties; at != NULL; at = at->next) {
		if ((val = attr_value(v, at)) == NULL)
			return;
		if (strcmp(val, "yes") == 0 || strcmp(val, "no") == 0)
			if (xmlSetNsProp(e, at->ns, at->name,
			    (const xmlChar *)(val[0] == 'y' ? "true" : "false")) == NULL)
				v->oom = 1;
	}
}

/* ---- pretty_print_prep(): xml2rfc (base.py) re-indents block structure before writing ---- */

static char *
spaces(struct v2v3 *v, int n)
{
	char *s;

	if (n < 0)
		n = 0;
	if ((s = arena_alloc(v->a, (size_t)n + 2)) == NULL) {
		v->oom = 1;
		return NULL;
	}
	s[0] = '\n';
	memset(s + 1, ' ', (size_t)n);
	s[n + 1] = '\0';
	return s;
}

/* re.sub(r'\n[ \t]+$', '\n' + ' ' * i, s): at the end, or before a final newline. */
static char *
reindent_end(struct v2v3 *v, char *s, int i)
{
	size_t len = strlen(s), end = len, k;

	if (len > 0 && s[len - 1] == '\n') {
		k = len - 1;
		while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == '\t'))
			k--;
		if (k < len - 1 && k > 0 && s[k - 1] == '\n') {
			s[k - 1] = '\0';
			return cat(v, cat(v, s, spaces(v, i)), "\n");
		}
		return s;
	}
	k = end;
	while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == '\t'))
		k--;
	if (k < end && k > 0 && s[k - 1] == '\n') {
		s[k - 1] = '\0';
		return cat(v, s, spaces(v, i));
	}
	return s;
}

static void
indent(struct v2v3 *v, xmlNodePtr e, int i, int depth)
{
	static const char *const mixed[] = { "blockquote", "dd", "li", "td", "th" };
	const char *t = tag(e);
	xmlNodePtr c, z, next;
	char *s;

	if (depth > V2V3_DEPTH_MAX || v->oom)
		return;
	if (e->type == XML_COMMENT_NODE || e->type == XML_PI_NODE) {
		if ((s = tail_get(v, e)) == NULL || *s == '\0')
			tail_set(v, e, spaces(v, next_item(e) != NULL ? i : i - V2V3_INDENT));
		return;
	}
	if (!in_set(text_tags, NELEM(text_tags), t)) {
		if (first_item(e) != NULL && blank(text_get(v, e)))
			text_set(v, e, spaces(v, i + V2V3_INDENT));
	} else if (in_set(mixed, NELEM(mixed), t)) {
		if (first_item(e) != NULL && blank(text_get(v, e)))
			text_set(v, e, spaces(v, i + V2V3_INDENT));
	} else if (strcmp(t, "artwork") != 0 && strcmp(t, "sourcecode") != 0) {
		/* an inline or text element: only the indentation before its end tag is redone */
		if ((z = last_item(e)) != NULL) {
			if ((s = tail_get(v, z)) != NULL)
				tail_set(v, z, reindent_end(v, s, i));
		} else if ((s = text_get(v, e)) != NULL)
			text_set(v, e, reindent_end(v, s, i));
	}
	for (c = first_item(e); c != NULL; c = next) {
		next = next_item(c);
		indent(v, c, i + V2V3_INDENT, depth + 1);
	}
	s = tail_get(v, e);
	if (!in_set(inline_tags, NELEM(inline_tags), t)) {
		if (blank(s))
			tail_set(v, e, spaces(v, next_item(e) != NULL ? i : i - V2V3_INDENT));
	} else if (s != NULL && blank(s) && strchr(s, '\n') != NULL)
		tail_set(v, e, spaces(v, next_item(e) != NULL ? i : i - V2V3_INDENT));
}

/* ---- the driver ---- */

/* True when some entity reference still points into the DTD, which then cannot go. */
static int
has_entity_refs(xmlNodePtr n, int depth)
{
	xmlNodePtr c;
	xmlAttrPtr at;

	if (depth > V2V3_DEPTH_MAX)
		return 1;
	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_ENTITY_REF_NODE)
			return 1;
		if (c->type == XML_ELEMENT_NODE) {
			for (at = c->properties; at != NULL; at = at->next)
				if (has_entity_refs((xmlNodePtr)at, depth + 1))
					return 1;
			if (has_entity_refs(c, depth + 1))
				return 1;
		}
	}
	return 0;
}

typedef void (*pass_fn)(struct v2v3 *, xmlNodePtr);

static const struct pass {
	match_fn	 match;
	pass_fn		 fn;
	int		 whole;		/* '//' over the whole document, not './/' under <rfc> */
	const char	*tag;		/* the element match takes, when it takes one name */
} passes[] = {
	{ m_artwork,	do_artwork,	0, "artwork" },
	{ m_back,	do_back,	0, "back" },
	{ m_code,	do_code,	0, "code" },
	{ m_date,	do_date,	0, "date" },
	{ m_postamble,	do_postamble,	0, "postamble" },
	{ m_preamble,	do_preamble,	0, "preamble" },
	{ m_figure,	do_figure,	0, "figure" },
	{ m_relref,	do_relref,	0, "relref" },
	{ m_reference,	do_reference,	0, "reference" },
	{ NULL,		do_rfc,		0, NULL },	/* '.': the root itself */
	{ m_t,		NULL,		0, "t" },	/* hangText outside lists */
	{ m_xref,	NULL,		0, "xref" },	/* pageno */
	{ m_facsimile,	do_facsimile,	0, "facsimile" },
	{ m_format,	do_format,	0, "format" },
	{ m_spanx,	do_spanx,	0, "spanx" },
	{ m_texttable,	do_texttable,	0, "texttable" },
	{ m_vspace,	do_vspace,	0, "vspace" },
	{ m_title,	do_title,	0, NULL },
	{ m_anchor,	NULL,		0, NULL },	/* anchor as IDREF */
	{ m_xref_target, NULL,		0, NULL },	/* target as IDREF */
	{ m_pi,		do_pi,		1, NULL },
	{ m_block,	do_block,	0, NULL },
	{ m_yesno,	do_yesno,	1, NULL },
};

static void
simple(struct v2v3 *v, const struct pass *ps, xmlNodePtr e)
{
	xmlNodePtr p = e->parent;

	if (ps->match == m_t) {
		if (!is_tag(p, "list"))
			attr_del(e, "hangText");
	} else if (ps->match == m_xref)
		attr_del(e, "pageno");
	else if (ps->match == m_anchor)
		fix_idref(v, e, "anchor");
	else if (ps->match == m_xref_target)
		fix_idref(v, e, "target");
}

int
v2v3_convert(struct arena *a, xmlDocPtr doc, struct err *e)
{
	struct v2v3 v = { a, doc, NULL, NULL, 0 };
	struct nlist lists = { NULL, 0, 0 }, l;
	struct flags vals = { NULL, 0, 0 };
	const char *cur = "no";
	xmlNodePtr c, comment;
	xmlDtdPtr dtd;
	char *ver, *s;
	size_t i, k;

	if (doc == NULL || (v.root = xmlDocGetRootElement(doc)) == NULL)
		return err_set(e, 400, "xml", "The document has no root element.");
	if ((ver = attr(&v, v.root, "version")) != NULL && strcmp(ver, "3") == 0)
		return 0;
	if ((v.trash = xmlNewDocNode(doc, NULL, (const xmlChar *)"trash", NULL)) == NULL)
		return err_set(e, 500, "oom", "Out of memory converting the document to v3.");

	/* <list> first: its <t> children must still be the items when blocks are promoted */
	for (c = v.root->prev; c != NULL; c = c->prev)
		if (c->type == XML_PI_NODE && c->content != NULL &&
		    (s = pi_value(&v, (char *)c->content, "subcompact")) != NULL)
			cur = s;
	subcompact_rec(&v, v.root, &cur, &lists, &vals, 0);
	for (i = 0; i < lists.n && !v.oom; i++)
		if (attached(&v, lists.v[i]))
			do_list(&v, lists.v[i], vals.v[i]);

	for (k = 0; k < NELEM(passes) && !v.oom; k++) {
		if (passes[k].match == NULL) {
			passes[k].fn(&v, v.root);
			continue;
		}
		/* a name the document's dictionary lacks is on no element (see prep.c's collect()) */
		if (passes[k].tag != NULL && doc->dict != NULL &&
		    xmlDictExists(doc->dict, (const xmlChar *)passes[k].tag, -1) == NULL)
			continue;
		l = collect(&v, passes[k].match, passes[k].whole);
		for (i = 0; i < l.n && !v.oom; i++) {
			if (!attached(&v, l.v[i]))
				continue;
			if (passes[k].fn != NULL)
				passes[k].fn(&v, l.v[i]);
			else
				simple(&v, &passes[k], l.v[i]);
		}
	}
	if (!v.oom) {
		indent(&v, v.root, 0, 0);
		tail_set(&v, v.root, NULL);
	}
	attr_set(&v, v.root, "version", "3");
	if ((comment = xmlNewDocComment(doc,
	    (const xmlChar *)" xml2rfc v2v3 conversion " V2V3_VERSION " ")) == NULL)
		v.oom = 1;
	else {
		xmlAddChild(v.trash, comment);
		insert_at(&v, v.root, 0, comment);
		tail_set(&v, comment, "\n  ");
	}
	/* the DOCTYPE goes (docinfo.clear()); entities were expanded at parse time */
	if ((dtd = doc->intSubset) != NULL && !has_entity_refs((xmlNodePtr)doc, 0)) {
		xmlUnlinkNode((xmlNodePtr)dtd);
		doc->intSubset = NULL;
		xmlFreeDtd(dtd);
	}
	xmlFreeNode(v.trash);
	if (v.oom)
		return err_set(e, 500, "oom", "Out of memory converting the document to v3.");
	return 0;
}
