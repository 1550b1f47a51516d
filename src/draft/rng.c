/* rng.c: a fast yes to "does this v3 document follow xml2rfc's grammar?" (issue 9, R69).
 *
 * xml2rfc holds every document to its RELAX NG grammar before preparing it, and so do we (render.c,
 * validate_v3). libxml2's RELAX NG validator costs about 6 ms to compile the grammar and 10 ms to walk
 * a 60 KB draft: more than all the rest of rendering. The grammar is simple (one definition per
 * element name, no interleave), so tools/rngc.c compiles it at build time into one small automaton per
 * element (rng_tables.h), and this walk checks a document against them in well under a millisecond.
 *
 * It only ever says "valid for sure" or "not sure": whatever it cannot decide exactly as RELAX NG would
 * (a value with white space to normalise, a name past ASCII, an entity reference left in the tree, a
 * repeated or dangling ID) counts as "not sure", and so does every real error. The caller then asks
 * libxml2's validator, which gives the verdict and words the error as xml2rfc's does. Being stricter
 * than libxml2 costs time, never a wrong verdict; tests/unit/test_rng.c and fuzz_rng hold it to that. */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "draft/render_int.h"
#include "draft/rng_tables.h"

struct strs {
	const char	**v;
	size_t		  n, cap;
};

struct walk {
	struct strs	 ids, refs;
	int		 oom;
};

static void
push(struct walk *w, struct strs *s, const char *v)
{
	const char **nv;

	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		if ((nv = realloc(s->v, s->cap * sizeof(*nv))) == NULL) {
			w->oom = 1;
			return;
		}
		s->v = nv;
	}
	s->v[s->n++] = v;
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The element's symbol (index in rng_names), or -3 for a name the grammar does not have (and every
 * name in a namespace: the grammar's elements have none). */
static int
symbol(xmlNodePtr n)
{
	const char *name = (const char *)n->name;
	const char *const *p;

	if (n->ns != NULL)
		return -3;
	p = bsearch(&name, rng_names, (size_t)rng_nnames, sizeof(*rng_names), cmpstr);
	return p ? (int)(p - rng_names) : -3;
}

static int
blank(const xmlChar *s)
{
	if (s == NULL)
		return 1;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

/* xsd:NCName, ASCII only: a name past ASCII may well be one, but that is libxml2's to say. */
static int
ncname(const char *s)
{
	if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || *s == '_'))
		return 0;
	for (s++; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '_' || *s == '-' || *s == '.'))
			return 0;
	return 1;
}

/* The attribute's value when it is one text node (or none), else NULL. */
static const char *
attr_text(xmlAttrPtr a)
{
	if (a->children == NULL)
		return "";
	if (a->children->type != XML_TEXT_NODE || a->children->next != NULL || a->children->content == NULL)
		return NULL;
	return (const char *)a->children->content;
}

static int
attrs_ok(struct walk *w, xmlNodePtr n, const struct rng_elem *e)
{
	uint64_t seen = 0;
	const struct rng_attr *ra;
	const char *v, *name;
	xmlAttrPtr a;
	int i, j, xml;

	for (a = n->properties; a != NULL; a = a->next) {
		xml = 0;
		if (a->ns != NULL) {
			if (a->ns->href == NULL || strcmp((const char *)a->ns->href, (const char *)XML_XML_NAMESPACE) != 0)
				return 0;
			xml = 1;
		}
		name = (const char *)a->name;
		for (i = 0; i < e->nattrs; i++) {
			ra = &e->attrs[i];
			if (xml ? strncmp(ra->name, "xml:", 4) == 0 && strcmp(ra->name + 4, name) == 0 :
			    strcmp(ra->name, name) == 0)
				break;
		}
		if (i == e->nattrs || (v = attr_text(a)) == NULL)
			return 0;
		ra = &e->attrs[i];
		switch (ra->kind) {
		case RNG_A_ENUM:
			for (j = 0; j < ra->nvalues && strcmp(ra->values[j], v) != 0; j++)
				;
			if (j == ra->nvalues)
				return 0;
			break;
		case RNG_A_ID:
		case RNG_A_IDREF:
			if (!ncname(v))
				return 0;
			push(w, ra->kind == RNG_A_ID ? &w->ids : &w->refs, v);
			break;
		}
		seen |= (uint64_t)1 << i;
	}
	for (i = 0; i < e->nattrs; i++) {
		if (e->attrs[i].required && !(seen & ((uint64_t)1 << i)))
			return 0;
		if (e->attrs[i].needs >= 0 && (seen & ((uint64_t)1 << i)) && !(seen & ((uint64_t)1 << e->attrs[i].needs)))
			return 0;
	}
	return 1;
}

/* Content that is one of a few values (stream): text only, one of them, or nothing if that may be. */
static int
value_ok(xmlNodePtr n, const struct rng_elem *e)
{
	const char *v = NULL;
	xmlNodePtr c;
	int i;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE)
			continue;
		if (c->type != XML_TEXT_NODE || v != NULL)
			return 0;
		v = (const char *)c->content;
	}
	if (v == NULL || *v == '\0')
		return e->nullable;
	for (i = 0; i < e->nvalues; i++)
		if (strcmp(e->values[i], v) == 0)
			return 1;
	return 0;
}

static int
element_ok(struct walk *w, xmlNodePtr n, int s, int depth)
{
	const struct rng_elem *e = &rng_elems[s];
	uint64_t cur = 0, reach, next, any, bit;
	xmlNodePtr c;
	int t, p, started = 0;

	if (depth > 256 || !attrs_ok(w, n, e))
		return 0;
	if (e->kind == RNG_VALUE)
		return value_ok(n, e);
	for (c = n->children; c != NULL; c = c->next) {
		switch (c->type) {
		case XML_ELEMENT_NODE:
			t = symbol(c);
			break;
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (blank(c->content))
				continue;	/* white space between elements is no text to RELAX NG */
			t = RNG_SYM_TEXT;
			break;
		case XML_COMMENT_NODE:
		case XML_PI_NODE:
			continue;
		default:
			return 0;	/* entity references, XInclude markers: libxml2's to judge */
		}
		reach = started ? 0 : e->first;
		for (p = 0; p < e->npos; p++)
			if (cur & ((uint64_t)1 << p))
				reach |= e->follow[p];
		next = any = 0;
		for (p = 0; p < e->npos; p++) {
			bit = (uint64_t)1 << p;
			if (!(reach & bit))
				continue;
			if (e->sym[p] == t)
				next |= bit;
			else if (e->sym[p] == RNG_SYM_ANY && t != RNG_SYM_TEXT)
				next |= bit, any = 1;
		}
		if (next == 0)
			return 0;
		/* an element that may be "any element" (svg) holds anything; else it follows its own rules */
		if (c->type == XML_ELEMENT_NODE && !any && !element_ok(w, c, t, depth + 1))
			return 0;
		cur = next;
		started = 1;
	}
	return started ? (cur & e->last) != 0 : e->nullable;
}

int
rng_v3_valid(xmlDocPtr doc)
{
	struct walk w;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	size_t i;
	int ok;

	if (root == NULL || symbol(root) != rng_start)
		return 0;
	memset(&w, 0, sizeof(w));
	ok = element_ok(&w, root, rng_start, 0) && !w.oom;
	if (ok && w.ids.n > 0) {
		qsort(w.ids.v, w.ids.n, sizeof(*w.ids.v), cmpstr);
		for (i = 1; i < w.ids.n && ok; i++)
			ok = strcmp(w.ids.v[i - 1], w.ids.v[i]) != 0;
	}
	for (i = 0; ok && i < w.refs.n; i++)
		ok = w.ids.n > 0 && bsearch(&w.refs.v[i], w.ids.v, w.ids.n, sizeof(*w.ids.v), cmpstr) != NULL;
	free(w.ids.v);
	free(w.refs.v);
	return ok;
}
