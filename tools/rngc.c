/* rngc.c: build tool that compiles xml2rfc's v3 grammar (src/draft/rfcxml_rng.h) into the tables of
 * src/draft/rng.c's fast validator. Usage: rngc OUT.c
 *
 * The grammar is a plain one: every <define> is one <element>, attributes sit at the top of their
 * element or under <optional>, content is <group>/<choice>/<optional>/<zeroOrMore>/<oneOrMore> of
 * <ref> and <text/>, and a few values. Each element's content becomes a Glushkov automaton (one state
 * per <ref> or <text/> leaf, at most 64, so a state set is one uint64_t); its attributes become a
 * list with their values. Anything outside that shape stops the build with the place it was found,
 * so a new grammar is compiled correctly or not at all. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "draft/rfcxml_rng.h"
#include "draft/rng_tables.h"

#define RNG_NS	"http://relaxng.org/ns/structure/1.0"
#define MAXPOS	64
#define MAXDEF	256
#define MAXATTR	64

struct def {
	char		 name[64];	/* the define's name */
	char		 elem[64];	/* its element's name; "" for anyName */
	xmlNodePtr	 el;
};

static struct def defs[MAXDEF];
static int ndefs;
static char *names[MAXDEF];	/* element names, sorted: the symbols */
static int nnames;

/* the element being compiled */
static int npos;
static int sym[MAXPOS];
static uint64_t follow[MAXPOS];
static const char *cur;

static FILE *out;

static void
die(xmlNodePtr n, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "rngc: %s, line %d: ", cur ? cur : "grammar", n ? (int)xmlGetLineNo(n) : 0);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static int
is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL && xmlStrEqual(n->ns->href, BAD_CAST RNG_NS) &&
	    xmlStrEqual(n->name, BAD_CAST name);
}

/* n or the first node after it that is an RNG-namespace element (annotations and text skipped) */
static xmlNodePtr
rng_from(xmlNodePtr n)
{
	for (; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE && n->ns != NULL && xmlStrEqual(n->ns->href, BAD_CAST RNG_NS))
			return n;
	return NULL;
}

/* The RNG-namespace element children of n, in order. */
static xmlNodePtr
first_kid(xmlNodePtr n)
{
	return rng_from(n->children);
}

static xmlNodePtr
next_kid(xmlNodePtr n)
{
	return rng_from(n->next);
}

static char *
prop(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);

	if (v == NULL)
		return NULL;
	return (char *)v;
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
symbol(const char *elem)
{
	char **p;

	if (*elem == '\0')
		return RNG_SYM_ANY;
	p = bsearch(&elem, names, (size_t)nnames, sizeof(*names), cmpstr);
	return p ? (int)(p - names) : -3;
}

static struct def *
find_def(xmlNodePtr at, const char *name)
{
	int i;

	for (i = 0; i < ndefs; i++)
		if (strcmp(defs[i].name, name) == 0)
			return &defs[i];
	die(at, "<ref name=\"%s\"/> names no define", name);
	return NULL;
}

/* ---- content: Glushkov automaton ---- */

struct gl {
	int		 nullable;
	uint64_t	 first, last;
};

static void
add_follow(uint64_t from, uint64_t to)
{
	int p;

	for (p = 0; p < npos; p++)
		if (from & ((uint64_t)1 << p))
			follow[p] |= to;
}

static struct gl content(xmlNodePtr n);

/* The children of n from k on, as one group (sequence). */
static struct gl
group(xmlNodePtr k)
{
	struct gl acc = { 1, 0, 0 }, g;

	for (; k != NULL; k = next_kid(k)) {
		g = content(k);
		add_follow(acc.last, g.first);
		acc.first |= acc.nullable ? g.first : 0;
		acc.last = g.last | (g.nullable ? acc.last : 0);
		acc.nullable = acc.nullable && g.nullable;
	}
	return acc;
}

static int
leaf(xmlNodePtr n, int s)
{
	if (npos == MAXPOS)
		die(n, "more than %d leaves in one element", MAXPOS);
	sym[npos] = s;
	follow[npos] = 0;
	return npos++;
}

static struct gl
content(xmlNodePtr n)
{
	struct gl g = { 1, 0, 0 }, c;
	xmlNodePtr k;
	char *v;
	int p;

	if (is(n, "attribute") || is(n, "empty"))
		return g;	/* attributes are checked apart; empty matches nothing */
	if (is(n, "text")) {
		/* <text/> matches any number of text nodes: a leaf that follows itself */
		p = leaf(n, RNG_SYM_TEXT);
		follow[p] |= (uint64_t)1 << p;
		g.first = g.last = (uint64_t)1 << p;
		return g;
	}
	if (is(n, "ref")) {
		struct def *d;

		v = prop(n, "name");
		d = find_def(n, v ? v : "");
		xmlFree(v);
		p = leaf(n, symbol(d->elem));
		g.nullable = 0;
		g.first = g.last = (uint64_t)1 << p;
		return g;
	}
	if (is(n, "group"))
		return group(first_kid(n));
	if (is(n, "choice")) {
		g.nullable = 0;
		for (k = first_kid(n); k != NULL; k = next_kid(k)) {
			c = content(k);
			g.nullable |= c.nullable;
			g.first |= c.first;
			g.last |= c.last;
		}
		return g;
	}
	if (is(n, "optional")) {
		g = group(first_kid(n));
		g.nullable = 1;
		return g;
	}
	if (is(n, "zeroOrMore") || is(n, "oneOrMore")) {
		g = group(first_kid(n));
		add_follow(g.last, g.first);
		if (is(n, "zeroOrMore"))
			g.nullable = 1;
		return g;
	}
	die(n, "<%s> in an element's content is outside what the fast validator knows", (const char *)n->name);
	return g;
}

/* ---- attributes ---- */

struct attr {
	char		 name[64];
	int		 required;
	int		 needs;		/* index of the attribute it depends on, or -1 */
	int		 kind;
	char		*values[32];
	int		 nvalues;
	int		 first;		/* its first value in the flat list */
};

static struct attr attrs[MAXATTR];
static int nattrs;

/* the whole grammar, flat, for printing */
struct elem_out {
	int		 kind, pos, npos, attr, nattr, val, nval, nullable;
	uint64_t	 first, last;
};
static struct elem_out eouts[MAXDEF];
static int all_syms[MAXDEF * MAXPOS];
static uint64_t all_follows[MAXDEF * MAXPOS];
static struct attr all_attrs[MAXDEF * 8];
static char *all_vals[4096];

static void
attr_value(struct attr *at, xmlNodePtr v)
{
	xmlNodePtr k;
	char *t;

	if (v == NULL || is(v, "text")) {
		at->kind = RNG_A_ANY;
		return;
	}
	if (is(v, "data")) {
		t = prop(v, "type");
		if (t != NULL && strcmp(t, "ID") == 0)
			at->kind = RNG_A_ID;
		else if (t != NULL && strcmp(t, "IDREF") == 0)
			at->kind = RNG_A_IDREF;
		else
			die(v, "attribute %s: data type %s is unknown here", at->name, t ? t : "(none)");
		xmlFree(t);
		return;
	}
	if (is(v, "choice"))
		for (k = first_kid(v); k != NULL; k = next_kid(k))
			if (is(k, "text")) {
				at->kind = RNG_A_ANY;	/* text or a value: any text */
				return;
			}
	if (is(v, "value") || is(v, "choice")) {
		at->kind = RNG_A_ENUM;
		for (k = is(v, "value") ? v : first_kid(v); k != NULL; k = is(v, "value") ? NULL : next_kid(k)) {
			if (!is(k, "value") || xmlHasProp(k, BAD_CAST "type"))
				die(k, "attribute %s: only plain <value>s are known in a choice", at->name);
			if (at->nvalues == 32)
				die(k, "attribute %s: too many values", at->name);
			at->values[at->nvalues++] = (char *)xmlNodeGetContent(k);
		}
		return;
	}
	die(v, "attribute %s: <%s> is unknown as a value", at->name, (const char *)v->name);
}

static int
add_attr(xmlNodePtr n, int required, int needs)
{
	struct attr *at;
	char *name = prop(n, "name");

	if (name == NULL || (first_kid(n) != NULL && next_kid(first_kid(n)) != NULL))
		die(n, "an attribute needs a name and at most one value pattern");
	if (nattrs == MAXATTR)
		die(n, "more than %d attributes", MAXATTR);
	at = &attrs[nattrs];
	memset(at, 0, sizeof(*at));
	snprintf(at->name, sizeof(at->name), "%s", name);
	xmlFree(name);
	at->required = required;
	at->needs = needs;
	attr_value(at, first_kid(n));
	return nattrs++;
}

/* Attributes at the element's top (required) or under <optional> (optional; one nested <optional>
 * depends on its parent's first attribute, as ul's bare on empty). */
static void
collect_attrs(xmlNodePtr el)
{
	xmlNodePtr k, o, oo;
	int base;

	nattrs = 0;
	for (k = first_kid(el); k != NULL; k = next_kid(k)) {
		if (is(k, "attribute")) {
			add_attr(k, 1, -1);
			continue;
		}
		if (!is(k, "optional"))
			continue;
		base = -1;
		for (o = first_kid(k); o != NULL; o = next_kid(o)) {
			if (is(o, "attribute")) {
				int i = add_attr(o, 0, -1);

				if (base == -1)
					base = i;
				continue;
			}
			if (is(o, "optional")) {
				for (oo = first_kid(o); oo != NULL; oo = next_kid(oo)) {
					if (!is(oo, "attribute") || base == -1)
						die(oo, "only attributes nest under an optional attribute");
					add_attr(oo, 0, base);
				}
				continue;
			}
			if (base != -1)
				die(o, "an optional holds attributes and content together");
		}
	}
}

/* ---- output ---- */

static void
cstr(const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

/* An element whose content is text restricted to values (stream): optional(choice(value...)). */
static int
value_content(xmlNodePtr el, int *nullable, char **vals, int *nvals)
{
	xmlNodePtr k, c, v;

	for (k = first_kid(el); k != NULL; k = next_kid(k)) {
		if (is(k, "attribute"))
			continue;
		c = k;
		*nullable = 0;
		if (is(c, "optional")) {
			*nullable = 1;
			c = first_kid(c);
		}
		if (c == NULL || !(is(c, "choice") || is(c, "value")))
			return 0;
		for (v = is(c, "value") ? c : first_kid(c); v != NULL; v = is(c, "value") ? NULL : next_kid(v)) {
			if (!is(v, "value"))
				return 0;
			vals[(*nvals)++] = (char *)xmlNodeGetContent(v);
		}
		return next_kid(k) == NULL;
	}
	return 0;
}

static int
has_value(xmlNodePtr n)
{
	xmlNodePtr k;

	for (k = first_kid(n); k != NULL; k = next_kid(k)) {
		if (is(k, "attribute"))
			continue;
		if (is(k, "value") || is(k, "data") || has_value(k))
			return 1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	xmlDocPtr doc;
	xmlNodePtr root, k, el, start;
	int i, j, p, v, nattr_total = 0, nval_total = 0, npos_total = 0;

	char *s;

	if (argc != 2) {
		fprintf(stderr, "usage: rngc OUT.c\n");
		return 2;
	}
	doc = xmlReadMemory(rng_v3, (int)sizeof(rng_v3) - 1, "v3.rng", NULL, XML_PARSE_NONET);
	if (doc == NULL || (root = xmlDocGetRootElement(doc)) == NULL || !is(root, "grammar"))
		die(NULL, "the grammar does not parse");
	start = NULL;
	for (k = first_kid(root); k != NULL; k = next_kid(k)) {
		if (is(k, "start")) {
			start = k;
			continue;
		}
		if (!is(k, "define"))
			die(k, "<%s> at the grammar's top is unknown here", (const char *)k->name);
		if (ndefs == MAXDEF)
			die(k, "too many defines");
		s = prop(k, "name");
		snprintf(defs[ndefs].name, sizeof(defs[ndefs].name), "%s", s ? s : "");
		xmlFree(s);
		el = first_kid(k);
		if (el == NULL || !is(el, "element") || next_kid(el) != NULL)
			die(k, "define %s is not one element", defs[ndefs].name);
		defs[ndefs].el = el;
		s = prop(el, "name");
		if (s == NULL) {
			xmlNodePtr nm = first_kid(el);

			if (nm == NULL || !is(nm, "anyName"))
				die(el, "an element without a name must be anyName");
		} else {
			snprintf(defs[ndefs].elem, sizeof(defs[ndefs].elem), "%s", s);
			for (i = 0; i < nnames; i++)
				if (strcmp(names[i], s) == 0)
					die(el, "element %s is defined twice", s);
			names[nnames++] = strdup(s);
		}
		xmlFree(s);
		ndefs++;
	}
	qsort(names, (size_t)nnames, sizeof(*names), cmpstr);
	if (start == NULL || (k = first_kid(start)) == NULL || !is(k, "ref") || next_kid(k) != NULL)
		die(start, "<start> must be one <ref>");
	s = prop(k, "name");
	cur = "start";
	el = find_def(k, s ? s : "")->el;
	xmlFree(s);
	cur = NULL;

	if ((out = fopen(argv[1], "w")) == NULL) {
		perror(argv[1]);
		return 1;
	}
	fprintf(out, "/* generated by tools/rngc.c from src/draft/rfcxml_rng.h; do not edit */\n"
	    "#include \"draft/rng_tables.h\"\n\n");
	fprintf(out, "const char *const rng_names[] = {\n");
	for (i = 0; i < nnames; i++) {
		fputc('\t', out);
		cstr(names[i]);
		fputs(",\n", out);
	}
	fprintf(out, "};\nconst int rng_nnames = %d;\n", nnames);
	s = prop(el, "name");
	fprintf(out, "const int rng_start = %d;\n\n", symbol(s));
	xmlFree(s);

	/* every element in symbol order, into flat arrays that the tables then print */
	for (i = 0; i < nnames; i++) {
		struct gl g = { 1, 0, 0 };
		struct elem_out *eo = &eouts[i];

		for (j = 0; j < ndefs && strcmp(defs[j].elem, names[i]) != 0; j++)
			;
		cur = names[i];
		npos = 0;
		collect_attrs(defs[j].el);
		eo->kind = RNG_MODEL;
		eo->pos = npos_total;
		eo->attr = nattr_total;
		eo->nattr = nattrs;
		for (p = 0; p < nattrs; p++) {
			attrs[p].first = nval_total;
			for (v = 0; v < attrs[p].nvalues; v++)
				all_vals[nval_total++] = attrs[p].values[v];
			all_attrs[nattr_total++] = attrs[p];
		}
		if (has_value(defs[j].el)) {
			char *vs[64];
			int nv = 0;

			eo->kind = RNG_VALUE;
			if (!value_content(defs[j].el, &g.nullable, vs, &nv))
				die(defs[j].el, "values in content are known only as optional(choice(value...))");
			eo->val = nval_total;
			eo->nval = nv;
			for (v = 0; v < nv; v++)
				all_vals[nval_total++] = vs[v];
		} else
			g = group(first_kid(defs[j].el));
		for (p = 0; p < npos; p++) {
			all_syms[npos_total + p] = sym[p];
			all_follows[npos_total + p] = follow[p];
		}
		eo->npos = npos;
		eo->first = g.first;
		eo->last = g.last;
		eo->nullable = g.nullable;
		npos_total += npos;
	}

	fprintf(out, "static const int16_t syms[] = {");
	for (p = 0; p < npos_total; p++)
		fprintf(out, "%s%d,", p % 16 ? " " : "\n\t", all_syms[p]);
	fprintf(out, "\n\t0\n};\n\nstatic const uint64_t follows[] = {");
	for (p = 0; p < npos_total; p++)
		fprintf(out, "%s0x%llxu,", p % 4 ? " " : "\n\t", (unsigned long long)all_follows[p]);
	fprintf(out, "\n\t0\n};\n\nstatic const char *const vals[] = {\n");
	for (v = 0; v < nval_total; v++) {
		fputc('\t', out);
		cstr(all_vals[v]);
		fputs(",\n", out);
	}
	fprintf(out, "\t0\n};\n\nstatic const struct rng_attr attrs[] = {\n");
	for (p = 0; p < nattr_total; p++) {
		fputs("\t{ ", out);
		cstr(all_attrs[p].name);
		fprintf(out, ", %d, %d, %d, vals + %d, %d },\n", all_attrs[p].kind, all_attrs[p].required,
		    all_attrs[p].needs, all_attrs[p].first, all_attrs[p].nvalues);
	}
	fprintf(out, "\t{ 0, 0, 0, 0, 0, 0 }\n};\n\nconst struct rng_elem rng_elems[] = {\n");
	for (i = 0; i < nnames; i++) {
		struct elem_out *eo = &eouts[i];

		fprintf(out, "\t{ /* %s */ %d, syms + %d, follows + %d, %d, 0x%llxu, 0x%llxu, %d, attrs + %d, %d, "
		    "vals + %d, %d },\n", names[i], eo->kind, eo->pos, eo->pos, eo->npos,
		    (unsigned long long)eo->first, (unsigned long long)eo->last, eo->nullable, eo->attr, eo->nattr,
		    eo->val, eo->nval);
	}
	fprintf(out, "};\n");
	if (fclose(out) != 0) {
		perror(argv[1]);
		return 1;
	}
	xmlFreeDoc(doc);
	return 0;
}
