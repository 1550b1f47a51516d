/* render.c: the text writer (issue 9). A prepared v3 tree (RFC 7998, as xml2rfc's preptool leaves it) to
 * the lines xml2rfc 3.32's text writer produces. Its shape follows that writer so that differences can be
 * traced to one rule: block elements render to lines that know their element, inline elements render to
 * text, and a "joiner" per child tag says how a child joins what precedes it (separator, indentation,
 * hang, whether its first line joins the previous one, whether wide artwork may be outdented).
 * Pure: everything in the caller's arena. */
#include <ctype.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <pthread.h>

#include "../core/arena.h"
#include "../core/buf.h"
#include "../core/err.h"
#include "render.h"
#include "render_int.h"
#include "rfcxml_rng.h"
#include "render_writer.h"

#define WIDTH	72

static const char *const months[] = { "January", "February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December" };

struct outd {
	xmlNodePtr	 n;
	int		 v;
};

struct olstate {
	xmlNodePtr	 n;
	int		 counter, padding;
	const char	*format;	/* "%s." */
	char		 fchar;
	int		 bare;		/* ul */
	const char	*symbol;
};

/* ---- small things ---- */

/* The first bytes are compared before strcmp(): most names differ there, and this runs for every
 * element at every step. */
int
is(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->name[0] == (xmlChar)name[0] &&
	    strcmp((const char *)n->name, name) == 0;
}

int
is_elem(xmlNodePtr n)
{
	return n && n->type == XML_ELEMENT_NODE;
}

/* xmlGetProp(n, name) copied into the arena; the usual cases without xmlGetProp() (attr_inplace). */
const char *
attr(struct rd *r, xmlNodePtr n, const char *name)
{
	xmlChar *v;
	char *s;

	if (n == NULL)
		return NULL;
	if (n->type == XML_ELEMENT_NODE) {
		int known;
		const char *in = attr_inplace(n, name, 0, &known);

		if (known)
			return in ? arena_strdup(r->a, in) : NULL;
	}
	if ((v = xmlGetProp(n, (const xmlChar *)name)) == NULL)
		return NULL;
	s = arena_strdup(r->a, (const char *)v);
	xmlFree(v);
	return s;
}

static int
attr_is(struct rd *r, xmlNodePtr n, const char *name, const char *val)
{
	const char *v = attr(r, n, name);

	return v && strcmp(v, val) == 0;
}

static xmlNodePtr
child(xmlNodePtr n, const char *name)
{
	for (n = n ? n->children : NULL; n; n = n->next)
		if (is(n, name))
			return n;
	return NULL;
}

xmlNodePtr
first_elem(xmlNodePtr n)
{
	for (n = n ? n->children : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE || n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE)
			return n;
	return NULL;
}

/* lxml's e.text: the text before the first child node. */
static const char *
etext(struct rd *r, xmlNodePtr n)
{
	struct buf b;
	xmlNodePtr c;

	buf_init(&b, r->a, 0);
	for (c = n->children; c && (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE ||
	    c->type == XML_ENTITY_REF_NODE); c = c->next)
		if (c->content)
			buf_puts(&b, (const char *)c->content);
	return b.len || (n->children && n->children->type == XML_TEXT_NODE) ? buf_cstr(&b) : NULL;
}

/* ''.join(e.itertext()) */
static void
itertext(struct rd *r, xmlNodePtr n, struct buf *b, const char *sep, int *count)
{
	xmlNodePtr c;

	for (c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content) {
				if (sep && (*count)++)
					buf_puts(b, sep);
				buf_puts(b, (const char *)c->content);
			}
		} else if (c->type == XML_ELEMENT_NODE)
			itertext(r, c, b, sep, count);
	}
}

static const char *
alltext(struct rd *r, xmlNodePtr n, const char *sep)
{
	struct buf b;
	int count = 0;

	buf_init(&b, r->a, 0);
	itertext(r, n, &b, sep, &count);
	return buf_cstr(&b);
}

static int
isstrip(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* s.strip(stripspace) */
const char *
strip(struct rd *r, const char *s)
{
	size_t n;

	while (*s && isstrip(*s))
		s++;
	n = strlen(s);
	while (n > 0 && isstrip(s[n - 1]))
		n--;
	return arena_strndup(r->a, s, n);
}

static const char *
lstrip(const char *s)
{
	while (*s && isstrip(*s))
		s++;
	return s;
}

const char *
rstrip(struct rd *r, const char *s)
{
	size_t n = strlen(s);

	while (n > 0 && isstrip(s[n - 1]))
		n--;
	return arena_strndup(r->a, s, n);
}

int
blank(const char *s)
{
	return *lstrip(s) == '\0';
}

size_t
ulen(const char *s)
{
	return u8_len(s, strlen(s));
}

/* Indentation is asked for on every line at every level: up to SPACES_MAX it is the tail of one
 * constant string, not a new allocation. */
#define SPACES_MAX	128

const char *
spaces(struct rd *r, int n)
{
	static const char sp[SPACES_MAX + 1] =
	    "                                                                "
	    "                                                                ";
	char *s;

	if (n < 0)
		n = 0;
	if (n <= SPACES_MAX)
		return sp + SPACES_MAX - n;
	s = arena_alloc(r->a, (size_t)n + 1);
	if (s == NULL)
		return "";
	memset(s, ' ', (size_t)n);
	s[n] = '\0';
	return s;
}

const char *
cat(struct rd *r, const char *a, const char *b)
{
	return arena_strcat(r->a, a ? a : "", b ? b : "", (const char *)NULL);
}

/* Python's str.center(width) */
const char *
pycenter(struct rd *r, const char *s, int width)
{
	int n = (int)ulen(s), marg = width - n, left;

	if (marg <= 0)
		return s;
	left = marg / 2 + (marg & width & 1);
	return arena_printf(r->a, "%s%s%s", spaces(r, left), s, spaces(r, marg - left));
}

const char *
replace_all(struct rd *r, const char *s, const char *from, const char *to)
{
	struct buf b;
	size_t fl = strlen(from);
	const char *p;

	if (strstr(s, from) == NULL)
		return s;
	buf_init(&b, r->a, 0);
	while ((p = strstr(s, from)) != NULL) {
		buf_put(&b, s, (size_t)(p - s));
		buf_puts(&b, to);
		s = p + fl;
	}
	buf_puts(&b, s);
	return buf_cstr(&b);
}

/* ---- lines ---- */

void
push(struct rd *r, struct rlines *l, const char *text, xmlNodePtr elem)
{
	struct rline *v = arena_grow(r->a, l->v, l->n, &l->cap, sizeof(*v));

	if (v == NULL)
		return;
	l->v = v;
	memset(&v[l->n], 0, sizeof(v[l->n]));
	v[l->n].text = text;
	v[l->n].elem = elem;
	v[l->n].block = -1;
	l->n++;
}

void
append(struct rd *r, struct rlines *to, const struct rlines *from)
{
	size_t i;

	/* room for all of them at once, and at least twice the room there was: every level of the tree
	 * appends its children's lines, one child at a time. Doubling from 8 for each line left most of
	 * the renderer's arena in outgrown copies; growing to the exact need copied a section's lines
	 * again for each child (2.6 of rfc6787's 14 MB). Outgrown copies now sum to at most the final size. */
	if (to->n + from->n > to->cap) {
		size_t ncap = to->n + from->n > 2 * to->cap ? to->n + from->n : 2 * to->cap;
		struct rline *v = ncap > SIZE_MAX / sizeof(*v) ? NULL : arena_alloc_raw(r->a, ncap * sizeof(*v));
		if (v == NULL)
			return;
		if (to->n)
			memcpy(v, to->v, to->n * sizeof(*v));
		to->v = v;
		to->cap = ncap;
	}
	for (i = 0; i < from->n; i++) {
		push(r, to, from->v[i].text, from->v[i].elem);
		to->v[to->n - 1].keep = from->v[i].keep;
	}
}

/* Python's str.splitlines() into lines of element e. */
struct rlines
mklines(struct rd *r, const char *s, xmlNodePtr e)
{
	struct rlines l = { 0 };
	const char *p = s, *start = s;

	/* the bytes that can start a line break, the first bytes of every break the tests below take;
	 * the rest are passed over one test each */
	static const unsigned char brk_start[256] = { ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1, [0x1c] = 1,
		[0x1d] = 1, [0x1e] = 1, [0xC2] = 1, [0xE2] = 1 };

	while (*p) {
		size_t k = 1, brk = 0;
		unsigned char c;
		while (!brk_start[(unsigned char)*p] && *p)
			p++;
		if ((c = (unsigned char)*p) == '\0')
			break;
		if (c == '\n' || c == '\v' || c == '\f' || c == 0x1c || c == 0x1d || c == 0x1e)
			brk = 1;
		else if (c == '\r')
			brk = p[1] == '\n' ? 2 : 1;
		else if (c == 0xC2 && (unsigned char)p[1] == 0x85)
			brk = 2;
		else if (c == 0xE2 && (unsigned char)p[1] == 0x80 && ((unsigned char)p[2] == 0xA8 ||
		    (unsigned char)p[2] == 0xA9))
			brk = 3;
		if (brk) {
			push(r, &l, arena_strndup(r->a, start, (size_t)(p - start)), e);
			p += brk;
			start = p;
			continue;
		}
		p += k;
	}
	if (p > start)
		push(r, &l, arena_strndup(r->a, start, (size_t)(p - start)), e);
	return l;
}

struct rlines
res_lines(struct rd *r, struct res x, xmlNodePtr e)
{
	return x.is_lines ? x.l : mklines(r, x.text ? x.text : "", e);
}

const char *
res_text(struct rd *r, struct res x, const char *sep)
{
	struct buf b;
	size_t i;

	if (!x.is_lines)
		return x.text ? x.text : "";
	buf_init(&b, r->a, 0);
	for (i = 0; i < x.l.n; i++) {
		if (i)
			buf_puts(&b, sep);
		buf_puts(&b, x.l.v[i].text);
	}
	return buf_cstr(&b);
}

struct res
T(const char *s)
{
	struct res x = { 0 };

	x.text = s;
	return x;
}

struct res
L(struct rlines l)
{
	struct res x = { 0 };

	x.l = l;
	x.is_lines = 1;
	return x;
}

static void
lindent(struct rd *r, struct rlines *l, int indent, int hang)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		/* no copy when there is nothing to add: most levels of the tree indent by 0 */
		if ((i == 0 ? indent + hang : indent) > 0 && !blank(l->v[i].text))
			l->v[i].text = cat(r, spaces(r, i == 0 ? indent + hang : indent), l->v[i].text);
}

static void
stripl(struct rlines *l)
{
	while (l->n && blank(l->v[0].text)) {
		l->v++;
		l->n--;
		if (l->cap)
			l->cap--;
	}
	while (l->n && blank(l->v[l->n - 1].text))
		l->n--;
}

/* ---- joiners ---- */

static const struct joiner J_DEFAULT = { "\n\n", 0, 0, 0, 0 };

void
kw_base(struct kw *k)
{
	memset(k, 0, sizeof(*k));
	k->jtag[0] = NULL;
	k->j[0] = J_DEFAULT;
	k->nj = 1;
	k->dtwidth = -1;
	k->latin = -1;
}

void
jset(struct kw *k, const char *tag, const char *join, int indent, int hang, int overlap, int outdent)
{
	int i;
	struct joiner j = { join, indent, hang, overlap, outdent };

	for (i = 0; i < k->nj; i++)
		if ((tag == NULL && k->jtag[i] == NULL) || (tag && k->jtag[i] && strcmp(tag, k->jtag[i]) == 0)) {
			k->j[i] = j;
			return;
		}
	if (k->nj < NJ) {
		k->jtag[k->nj] = tag;
		k->j[k->nj++] = j;
	}
}

/* set_joiners(): the base joiners plus these */
static void
jreset(struct kw *k)
{
	k->nj = 1;
	k->jtag[0] = NULL;
	k->j[0] = J_DEFAULT;
}

static struct joiner
jget(const struct kw *k, xmlNodePtr e)
{
	int i;

	if (e->type == XML_COMMENT_NODE || e->type == XML_PI_NODE) {
		struct joiner j = { "", 0, 0, 0, 0 };
		return j;
	}
	for (i = 0; i < k->nj; i++)
		if (k->jtag[i] && strcmp(k->jtag[i], (const char *)e->name) == 0)
			return k->j[i];
	for (i = 0; i < k->nj; i++)
		if (k->jtag[i] == NULL)
			return k->j[i];
	return J_DEFAULT;
}

static int
count_nl(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static int
get_outdent(struct rd *r, xmlNodePtr n)
{
	size_t i;

	for (i = 0; i < r->noutd; i++)
		if (r->outd[i].n == n)
			return r->outd[i].v;
	return 0;
}

static void
set_outdent(struct rd *r, xmlNodePtr n, int v)
{
	struct outd *o;
	size_t i;

	for (i = 0; i < r->noutd; i++)
		if (r->outd[i].n == n) {
			r->outd[i].v = v;
			return;
		}
	o = arena_grow(r->a, r->outd, r->noutd, &r->capoutd, sizeof(*o));
	if (o == NULL)
		return;
	r->outd = o;
	o[r->noutd].n = n;
	o[r->noutd++].v = v;
}

/* ljoin(): renders e and joins its lines to lines. */
static void
ljoin(struct rd *r, struct rlines *lines, xmlNodePtr e, int width, const struct kw *kin)
{
	struct kw k = *kin;
	struct joiner j = jget(kin, e);
	struct rlines res;
	int i, reswidth = 0, indent, od;

	if (e->type != XML_ELEMENT_NODE && e->type != XML_COMMENT_NODE && e->type != XML_PI_NODE)
		return;
	width -= j.indent;
	k.hang = j.hang;
	res = res_lines(r, render(r, e, width, &k), e);
	if (lines->n)
		for (i = 0; i < count_nl(j.join) - 1; i++)
			push(r, lines, "", NULL);
	indent = j.indent;
	od = get_outdent(r, e);
	/* the block's width matters only to a joiner that may outdent it */
	for (i = 0; !od && j.outdent && i < (int)res.n; i++)
		if ((int)ulen(res.v[i].text) > reswidth)
			reswidth = (int)ulen(res.v[i].text);
	if (od || (j.outdent && reswidth > width)) {
		int outdent = od ? od : reswidth - width, residue = outdent - indent > 0 ? outdent - indent : 0;
		if (residue && e->parent)
			set_outdent(r, e->parent, residue);
		indent -= indent < outdent ? indent : outdent;
	}
	lindent(r, &res, indent, j.hang);
	if (j.overlap && res.n) {
		const char *first = res.v[0].text;
		res.v++;
		res.n--;
		if (!blank(first) && lines->n)
			lines->v[lines->n - 1].text = arena_printf(r->a, "%s%s%s", lines->v[lines->n - 1].text, j.join,
			    lstrip(first));
	}
	append(r, lines, &res);
}

/* indent() of a text */
static const char *
tindent(struct rd *r, const char *text, int indent, int hang)
{
	struct strv out = { 0 };
	struct buf b;
	const char *p, *q;
	size_t i;

	text = replace_all(r, text, "\xE2\x80\xA8", "\n");
	for (p = text;; p = q + 1) {
		const char *l;
		q = strchr(p, '\n');
		l = arena_strndup(r->a, p, q ? (size_t)(q - p) : strlen(p));
		if (!blank(l))
			strv_push(r->a, &out, cat(r, spaces(r, out.n ? indent + hang : indent), l));
		else
			strv_push(r->a, &out, "");
		if (q == NULL)
			break;
	}
	buf_init(&b, r->a, 0);
	for (i = 0; i < out.n; i++) {
		if (i)
			buf_putc(&b, '\n');
		buf_puts(&b, out.v[i]);
	}
	return buf_cstr(&b);
}

/* tjoin(): renders e (inline) and joins it to text. */
const char *
tjoin(struct rd *r, const char *text, xmlNodePtr e, int width, const struct kw *kin)
{
	struct kw k = *kin;
	struct joiner j = jget(kin, e);
	const char *et, *it;

	width -= j.indent + j.hang;
	k.hang = j.hang;
	et = res_text(r, render(r, e, width, &k), "\n");
	it = tindent(r, et, j.indent, j.hang);
	if (text && text[0]) {
		if (strchr(j.join, '\n'))
			return arena_printf(r->a, "%s%s%s", text, j.join, it);
		if (!blank(j.join) && blank(it))
			return text;
		return arena_printf(r->a, "%s%s%s", text, j.join, lstrip(it));
	}
	return it;
}

/* fill() */
const char *
fill(struct rd *r, const char *text, int width, const struct kw *k, int fix_sentence)
{
	struct wrap_opts o;

	o.initial = spaces(r, k->first + k->indent);
	o.subsequent = spaces(r, k->indent + k->hang);
	o.width = width;
	o.fix_sentence_endings = fix_sentence;
	if (k->keep_url)
		text = wrap_urlkeep(r->w, text, width);
	return wrap_fill(r->w, text, &o);
}

static const char *
fill_simple(struct rd *r, const char *text, int width, int hang)
{
	struct kw k;

	kw_base(&k);
	k.hang = hang;
	return fill(r, text, width, &k, 1);
}

/* ---- inline ---- */

/* inner_text_renderer(): the element's text and its children rendered, stripped. */
static const char *
inner(struct rd *r, xmlNodePtr e, int width, const struct kw *k)
{
	struct buf b;
	xmlNodePtr c;
	int after_comment = 0;

	buf_init(&b, r->a, 0);
	for (c = e->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			const char *t = c->content ? (const char *)c->content : "";
			if (after_comment)
				t = blank(t) ? "" : lstrip(t);
			buf_puts(&b, t);
			after_comment = 0;
		} else if (c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE)
			after_comment = 1;
		else if (c->type == XML_ELEMENT_NODE) {
			buf_puts(&b, res_text(r, render(r, c, width, k), "\n"));
			after_comment = 0;
		}
	}
	return strip(r, buf_cstr(&b));
}

static const char *
clean_text(struct rd *r, const char *s)
{
	struct buf b;
	int sp = 0;

	buf_init(&b, r->a, 0);
	s = lstrip(s);
	for (; *s; s++) {
		if (isstrip(*s)) {
			sp = 1;
			continue;
		}
		if (sp)
			buf_putc(&b, ' ');
		sp = 0;
		buf_putc(&b, *s);
	}
	return buf_cstr(&b);
}

/* R69: utils.clean_text() itself: no-break spaces and line separators to spaces, zero-width characters
 * dropped, the ends stripped; runs of white space stay (the wrapper folds them, keeping two after a
 * sentence's end) */
static const char *
py_clean_text(struct rd *r, const char *s)
{
	const char *end = s + strlen(s);
	struct buf b;
	size_t k;

	buf_init(&b, r->a, 0);
	while (s < end) {
		unsigned c = u8_cp(s, end, &k);
		if (c == 0xA0 || c == 0x2028)
			buf_putc(&b, ' ');
		else if (c != 0x200B && c != 0x2060 && c != 0xE060)
			buf_put(&b, s, k);
		s += k;
	}
	return strip(r, buf_cstr(&b));
}

static const char *
refname(struct rd *r, const char *anchor)
{
	size_t i;

	for (i = 0; anchor && i < r->nref; i++)
		if (strcmp(r->refid[i], anchor) == 0)
			return r->refname[i];
	return NULL;
}

static int
simple_expr(const char *s)
{
	const char *p;
	int depth = 0;
	size_t n;

	if (*s == '+' || *s == '-')
		s++;
	else if (strncmp(s, "\xE2\x88\x92", 3) == 0 || strncmp(s, "\xC2\xB1", 2) == 0)
		s += (unsigned char)*s == 0xC2 ? 2 : 3;
	n = strlen(s);
	if (n == 0)
		return 0;
	if (n >= 2 && s[0] == '(' && s[n - 1] == ')') {
		for (p = s + 1; p < s + n - 1; p++) {
			depth += *p == '(' ? 1 : *p == ')' ? -1 : 0;
			if (depth < 0)
				break;
		}
		if (depth == 0)
			return 1;
	}
	if (strchr(s, '_'))
		return 0;
	p = s;
	if (isdigit((unsigned char)*p)) {
		while (isdigit((unsigned char)*p))
			p++;
		if (*p == '.' && isdigit((unsigned char)p[1])) {
			p++;
			while (isdigit((unsigned char)*p))
				p++;
		}
	}
	for (; *p; p++)
		if (!isalnum((unsigned char)*p) && ((unsigned char)*p < 0x80))
			return 0;
	return 1;
}

static const char *
render_xref(struct rd *r, xmlNodePtr e, int width, const struct kw *k)
{
	const char *target = attr(r, e, "target"), *section = attr(r, e, "section"), *format = attr(r, e, "format");
	const char *dc = attr(r, e, "derivedContent"), *reftext = dc ? strip(r, dc) : "", *ex, *content, *text;
	const char *pageno = attr(r, e, "pageno");

	ex = inner(r, e, width, k);
	if (ex[0])
		ex = cat(r, ex, " ");
	content = clean_text(r, alltext(r, e, NULL));
	if (section == NULL) {
		if (reftext[0]) {
			if (refname(r, target)) {
				if (format && strcmp(format, "none") == 0)
					text = ex;
				else if (format && strcmp(format, "title") == 0)
					text = content[0] ? arena_printf(r->a, "%s(%s)", ex, reftext) : reftext;
				else
					text = content[0] ? arena_printf(r->a, "%s[%s]", ex, reftext) :
					    arena_printf(r->a, "[%s]", reftext);
			} else {
				if (format && strcmp(format, "none") == 0)
					text = ex;
				else
					text = content[0] ? arena_printf(r->a, "%s(%s)", ex, reftext) :
					    (ex[0] ? ex : reftext);
			}
		} else
			text = strip(r, ex);
		if (pageno && pageno[0] && strspn(pageno, "0123456789") == strlen(pageno))
			text = arena_printf(r->a, "%s\xE2\x80\xA6%04d", text, atoi(pageno));
	} else {
		const char *label = isdigit((unsigned char)section[0]) ? "Section" :
		    (isupper((unsigned char)section[0]) && (section[1] == '.' || section[1] == '\0')) ? "Appendix" : "Part";
		const char *sf = attr(r, e, "sectionFormat");
		if (sf == NULL || strcmp(sf, "of") == 0)
			text = arena_printf(r->a, "%s %s of %s[%s]", label, section, ex, reftext);
		else if (strcmp(sf, "comma") == 0)
			text = arena_printf(r->a, "%s[%s], %s %s", ex, reftext, label, section);
		else if (strcmp(sf, "parens") == 0)
			text = arena_printf(r->a, "%s[%s] (%s %s)", ex, reftext, label, section);
		else if (strcmp(sf, "bare") == 0) {
			if (ex[0] && strcmp(ex, section) != 0)
				text = arena_printf(r->a, "%s (%s)", section, strip(r, ex));
			else
				text = section;
		} else
			text = "";
	}
	return replace_all(r, text, "-", "\xE2\x80\x91");
}

/* ---- dates and names ---- */

static int
month_num(const char *s)
{
	int i;

	if (s == NULL || !s[0])
		return 0;
	if (isdigit((unsigned char)s[0]))
		return atoi(s);
	for (i = 0; i < 12; i++)
		if (strncasecmp(s, months[i], 3) == 0)
			return i + 1;
	return 0;
}

static const char *
format_date(struct rd *r, int y, int m, int d, int legacy)
{
	if (m >= 1 && m <= 12) {
		if (d > 0)
			return legacy ? arena_printf(r->a, "%s %d, %d", months[m - 1], d, y) :
			    arena_printf(r->a, "%d %s %d", d, months[m - 1], y);
		return arena_printf(r->a, "%s %d", months[m - 1], y);
	}
	return y ? arena_printf(r->a, "%d", y) : "";
}

static void
doc_date(struct rd *r, xmlNodePtr date, int *y, int *m, int *d, int augment)
{
	const char *ys = attr(r, date, "year"), *ms = attr(r, date, "month"), *ds = attr(r, date, "day");

	*y = ys ? atoi(ys) : 0;
	*m = month_num(ms);
	*d = ds ? atoi(ds) : 0;
	if (!augment)
		return;
	if (!*y)
		*y = r->ty;
	if (!*m && *y == r->ty)
		*m = r->tm;
	if (!*d && *y == r->ty && *m == r->tm)
		*d = r->td;
}

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static void
add_days(int *y, int *m, int *d, int n)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	while (n-- > 0) {
		int ml = mdays[*m - 1] + (*m == 2 && is_leap(*y));
		if (++*d > ml) {
			*d = 1;
			if (++*m > 12) {
				*m = 1;
				++*y;
			}
		}
	}
}

static void
expiry(struct rd *r, int *y, int *m, int *d)
{
	xmlNodePtr front = child(r->root, "front");

	doc_date(r, child(front, "date"), y, m, d, 1);
	if (*m < 1)
		*m = 1;
	if (*d < 1)
		*d = 1;
	add_days(y, m, d, 185);
}

/* is_script(s, 'Latin'): every letter in the Latin blocks (common characters count as any script). */
static int
is_latin(const char *s)
{
	const char *e = s + strlen(s);
	size_t k;

	while (s < e) {
		unsigned c = u8_cp(s, e, &k);
		if (c >= 0x370 && !(c >= 0x1E00 && c <= 0x1EFF) && !(c >= 0x2000 && c <= 0x2BFF) &&
		    !(c >= 0xFB00 && c <= 0xFB06) && !(c >= 0xE000 && c <= 0xF8FF) && !(c >= 0xFE00 && c <= 0xFE0F))
			return 0;
		s += k;
	}
	return 1;
}

static void
name_parts(struct rd *r, xmlNodePtr a, const char **ini, const char **sur)
{
	const char *initials = attr(r, a, "initials"), *surname = attr(r, a, "surname");
	xmlNodePtr ref = a->parent ? a->parent->parent : NULL, si;

	/* RFC 1272 and earlier are cited with one initial */
	if (initials && ref && is(ref, "reference"))
		for (si = ref->children; si; si = si->next)
			if (is(si, "seriesInfo") && attr_is(r, si, "name", "RFC")) {
				const char *v = attr(r, si, "value");
				if (v && v[0] && strspn(v, "0123456789") == strlen(v) && atoi(v) <= 1272) {
					const char *dot = strchr(initials, '.');
					if (dot)
						initials = arena_strndup(r->a, initials, (size_t)(dot - initials));
				}
				break;
			}
	if (initials && surname) {
		if (initials[0] && initials[strlen(initials) - 1] != '.' && is_latin(initials))
			initials = cat(r, initials, ".");
		*ini = initials;
		*sur = surname;
		return;
	}
	{
		const char *full = attr(r, a, "fullname");
		*ini = *sur = NULL;
		if (full && full[0]) {
			char *dup = arena_strdup(r->a, full), *tok, *save = NULL;
			const char *words[32];
			int n = 0, i;
			for (tok = strtok_r(dup, " \t\n", &save); tok && n < 32; tok = strtok_r(NULL, " \t\n", &save))
				words[n++] = tok;
			if (is_latin(full) && n > 1) {
				struct buf b;
				buf_init(&b, r->a, 0);
				for (i = 0; i < n - 1; i++)
					buf_printf(&b, "%s%c.", i ? " " : "", toupper((unsigned char)words[i][0]));
				*ini = buf_cstr(&b);
				*sur = words[n - 1];
			} else
				*sur = full;
		}
	}
}

static const char *
short_name(struct rd *r, xmlNodePtr a)
{
	const char *i, *s;

	name_parts(r, a, &i, &s);
	if (i && i[0] && s && s[0])
		return arena_printf(r->a, "%s %s", i, s);
	return s && s[0] ? s : (i ? i : "");
}

/* name.py's short_author_ascii_name(): asciiInitials and asciiSurname, else asciiFullname cut into
 * initials and surname, else the short name itself. */
static const char *
short_ascii_name(struct rd *r, xmlNodePtr a)
{
	const char *ai = attr(r, a, "asciiInitials"), *as = attr(r, a, "asciiSurname"), *af = attr(r, a, "asciiFullname");

	if (ai && as) {
		if (ai[0] && ai[strlen(ai) - 1] != '.')
			ai = cat(r, ai, ".");
		return ai[0] && as[0] ? arena_printf(r->a, "%s %s", ai, as) : (as[0] ? as : ai);
	}
	if (af && af[0]) {
		char *dup = arena_strdup(r->a, af), *tok, *save = NULL;
		const char *words[32];
		int n = 0, i;
		struct buf b;
		for (tok = strtok_r(dup, " \t\n", &save); tok && n < 32; tok = strtok_r(NULL, " \t\n", &save))
			words[n++] = tok;
		if (n <= 1)
			return af;
		buf_init(&b, r->a, 0);
		for (i = 0; i < n - 1; i++)
			buf_printf(&b, "%s%c.", i ? " " : "", toupper((unsigned char)words[i][0]));
		buf_printf(&b, " %s", words[n - 1]);
		return buf_cstr(&b);
	}
	return short_name(r, a);
}

/* name.py's full_author_name(): fullname, else initials and surname */
static const char *
full_name(struct rd *r, xmlNodePtr a)
{
	const char *f = attr(r, a, "fullname"), *i = attr(r, a, "initials"), *s = attr(r, a, "surname");

	if (f && f[0])
		return f;
	if (i && i[0] && i[strlen(i) - 1] != '.' && is_latin(i))
		i = cat(r, i, ".");
	if (i && i[0] && s && s[0])
		return arena_printf(r->a, "%s %s", i, s);
	return s && s[0] ? s : (i ? i : "");
}

/* name.py's full_author_ascii_name() */
static const char *
full_ascii_name(struct rd *r, xmlNodePtr a)
{
	const char *af = attr(r, a, "asciiFullname"), *i, *s;

	if (af && af[0])
		return af;
	i = attr(r, a, "asciiInitials");
	if (i == NULL || !i[0])
		i = attr(r, a, "initials");
	s = attr(r, a, "asciiSurname");
	if (s == NULL || !s[0])
		s = attr(r, a, "surname");
	if (i && i[0] && i[strlen(i) - 1] != '.')
		i = cat(r, i, ".");
	if (i && i[0] && s && s[0])
		return arena_printf(r->a, "%s %s", i, s);
	if (s && s[0])
		return s;
	if (i && i[0])
		return i;
	return full_name(r, a);
}

static const char *
org_short(struct rd *r, xmlNodePtr a)
{
	xmlNodePtr o = child(a, "organization");
	const char *ab;

	if (o == NULL)
		return "";
	ab = attr(r, o, "abbrev");
	if (ab && ab[0])
		return ab;
	ab = etext(r, o);
	return ab ? ab : "";
}

/* name.py's short_org_ascii_name(): asciiAbbrev, the organization's ascii, abbrev or text */
static const char *
org_ascii_short(struct rd *r, xmlNodePtr a)
{
	xmlNodePtr o = child(a, "organization");
	const char *v;

	if (o == NULL)
		return "";
	if ((v = attr(r, a, "asciiAbbrev")) && v[0])
		return v;
	if ((v = attr(r, o, "ascii")) && v[0])
		return v;
	return org_short(r, a);
}

/* name.py's short_author_ascii_name_parts(): asciiInitials and asciiSurname, else asciiFullname cut into
 * initials and surname, else the name's own parts */
static void
ascii_name_parts(struct rd *r, xmlNodePtr a, const char **ini, const char **sur)
{
	const char *ai = attr(r, a, "asciiInitials"), *as = attr(r, a, "asciiSurname"), *af = attr(r, a, "asciiFullname");

	if (ai && as) {
		if (ai[0] && ai[strlen(ai) - 1] != '.')
			ai = cat(r, ai, ".");
		*ini = ai;
		*sur = as;
		return;
	}
	if (af && af[0]) {
		char *dup = arena_strdup(r->a, af), *tok, *save = NULL;
		const char *words[32];
		int n = 0, i;
		struct buf b;
		for (tok = strtok_r(dup, " \t\n", &save); tok && n < 32; tok = strtok_r(NULL, " \t\n", &save))
			words[n++] = tok;
		if (n <= 1) {
			*ini = NULL;
			*sur = af;
			return;
		}
		buf_init(&b, r->a, 0);
		for (i = 0; i < n - 1; i++)
			buf_printf(&b, "%s%c.", i ? " " : "", toupper((unsigned char)words[i][0]));
		*ini = buf_cstr(&b);
		*sur = words[n - 1];
		return;
	}
	name_parts(r, a, ini, sur);
}

/* ---- block renderers ---- */

static struct rlines
children_ljoin(struct rd *r, xmlNodePtr e, int width, const struct kw *k, const char *skip)
{
	struct rlines l = { 0 };
	xmlNodePtr c;

	for (c = e->children; c; c = c->next)
		if (is_elem(c) && !(skip && is(c, skip)))
			ljoin(r, &l, c, width, k);
	return l;
}

static int
hastext(struct rd *r, xmlNodePtr e)
{
	static const char *const inl[] = { "bcp14", "br", "cref", "em", "eref", "iref", "relref", "strong", "sub",
		"sup", "tt", "u", "xref", "contact", "spanx", NULL };
	const char *t = etext(r, e);
	xmlNodePtr c;
	int i;

	if (t && !blank(t))
		return 1;
	for (c = e->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE)
			for (i = 0; inl[i]; i++)
				if (is(c, inl[i]))
					return 1;
		if (c->type == XML_TEXT_NODE && c->prev && c->content && !blank((const char *)c->content))
			return 1;
	}
	return 0;
}

/* text_or_block_renderer(): the element as a paragraph when it holds text, else its children's lines. */
struct res
text_or_block(struct rd *r, xmlNodePtr e, int width, const struct kw *kin, int *plain)
{
	struct kw k = *kin;

	if (hastext(r, e)) {
		struct rlines l = { 0 };
		const xmlChar *name = e->name;
		e->name = (const xmlChar *)"t";
		ljoin(r, &l, e, width, &k);
		e->name = name;
		*plain = 1;
		return T(res_text(r, L(l), "\n"));
	} else {
		struct rlines l = { 0 };
		xmlNodePtr c;
		for (c = e->children; c; c = c->next)
			if (is_elem(c)) {
				ljoin(r, &l, c, width, &k);
				k.first = 0;
			}
		*plain = 0;
		return L(l);
	}
}

static struct res
render_t(struct rd *r, xmlNodePtr e, int width, const struct kw *kin)
{
	struct kw k = *kin;
	const char *ind = attr(r, e, "indent"), *text;

	k.indent = ind && ind[0] ? atoi(ind) : 0;
	text = inner(r, e, width, &k);
	if (!k.nofill)
		return L(mklines(r, fill(r, text, width, &k, 1), e));
	{
		struct rlines l = { 0 };
		push(r, &l, text, e);
		return L(l);
	}
}

static struct rlines
quote_renderer(struct rd *r, xmlNodePtr e, int width, const char *prefix, const char *by, const char *cite,
    const struct kw *kin)
{
	struct kw k = *kin;
	struct res x;
	struct rlines lines;
	int plain;
	size_t i;

	/* R69: 3.32's joiners; a list has none of its own, so a list nested in one of its items is indented by
	 * the outer list's default joiner */
	jreset(&k);
	jset(&k, NULL, "\n\n", 0, 0, 0, 0);
	jset(&k, "t", "\n\n", 0, 0, 0, 0);
	jset(&k, "artset", "\n\n", 0, 0, 0, 0);
	jset(&k, "artwork", "\n\n", 3, 0, 0, 1);
	jset(&k, "sourcecode", "\n\n", 3, 0, 0, 0);
	if (!width)
		width = 69;
	x = text_or_block(r, e, width - 3, &k, &plain);
	if (plain)
		x = T(fill(r, x.text, width - 3, &k, 1));
	lines = res_lines(r, x, e);
	if (by || cite)
		push(r, &lines, "", e);
	if (by) {
		struct rlines b = mklines(r, cat(r, "-- ", fill_simple(r, by, width - 6, 3)), e);
		append(r, &lines, &b);
	}
	if (cite) {
		struct rlines b = mklines(r, arena_printf(r->a, "   %s\n", fill_simple(r, cite, width - 6, 3)), e);
		append(r, &lines, &b);
	}
	for (i = 0; i < lines.n; i++)
		lines.v[i].text = arena_printf(r->a, "%s  %s", prefix, lines.v[i].text);
	lindent(r, &lines, k.indent, 0);
	return lines;
}

static struct rlines
render_artwork(struct rd *r, xmlNodePtr e, int width)
{
	struct buf b;
	xmlNodePtr c;
	const char *text, *p, *align;
	struct rlines l = { 0 };
	size_t n;

	buf_init(&b, r->a, 0);
	for (c = e->children; c; c = c->next)
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
			buf_puts(&b, (const char *)c->content);
	text = buf_cstr(&b);
	while (*text == '\n')
		text++;
	n = strlen(text);
	while (n > 0 && text[n - 1] == '\n')
		n--;
	text = arena_strndup(r->a, text, n);
	if (blank(text)) {
		/* xml2rfc 3.32: art the text cannot show is pointed at in the HTML of the archive */
		const char *type = attr(r, e, "type"), *url, *msg;
		char *up;
		struct kw k;
		if (r->rfc)
			url = arena_printf(r->a, "https://www.rfc-editor.org/rfc/rfc%s.html", attr(r, r->root, "number") ?
			    attr(r, r->root, "number") : "");
		else
			url = arena_printf(r->a, "https://www.ietf.org/archive/id/%s.html", attr(r, r->root, "docName") ?
			    attr(r, r->root, "docName") : "");
		up = arena_strdup(r->a, type && type[0] ? type : "(unknown type)");
		if (type && type[0])
			for (char *q = up; *q; q++)
				*q = (char)toupper((unsigned char)*q);
		msg = arena_printf(r->a, "(Artwork only available as %s: see %s)", up, url);
		kw_base(&k);
		k.keep_url = 1;
		text = fill(r, msg, width, &k, 1);
		l = mklines(r, text, e);
		goto aligned;
	}
	/* expandtabs() and rstrip each line */
	for (p = text;;) {
		const char *q = strchr(p, '\n');
		size_t len = q ? (size_t)(q - p) : strlen(p), i, col = 0;
		struct buf lb;
		buf_init(&lb, r->a, 0);
		for (i = 0; i < len; i++) {
			if (p[i] == '\t') {
				do
					buf_putc(&lb, ' ');
				while (++col % 8);
			} else {
				buf_putc(&lb, p[i]);
				if (((unsigned char)p[i] & 0xC0) != 0x80)
					col++;
			}
		}
		/* str.splitlines(): a final empty piece after the last line end is no line */
		{
			const char *t = rstrip(r, buf_cstr(&lb));
			if (q != NULL || t[0])
				push(r, &l, t, e);
		}
		if (q == NULL)
			break;
		p = q + 1;
	}
aligned:
	align = attr(r, e, "align");
	if (align && (strcmp(align, "center") == 0 || strcmp(align, "right") == 0)) {
		int w = 0, shift;
		size_t i;
		for (i = 0; i < l.n; i++)
			if ((int)ulen(l.v[i].text) > w)
				w = (int)ulen(l.v[i].text);
		if (w < width) {
			shift = width - w;
			for (i = 0; i < l.n; i++)
				if (!blank(l.v[i].text))
					l.v[i].text = cat(r, spaces(r, align[0] == 'c' ? shift / 2 : shift), l.v[i].text);
		}
	}
	return l;
}

static const char *
section_number(struct rd *r, const char *pn, int *appendix)
{
	const char *num;
	char *s, *p;

	*appendix = strncmp(pn, "section-appendix.", 17) == 0 || (strncmp(pn, "section-", 8) == 0 &&
	    islower((unsigned char)pn[8]) && pn[9] == '.');
	num = strchr(pn, '-');
	num = num ? num + 1 : pn;
	s = arena_strdup(r->a, num);
	if ((p = strchr(s, '-')) != NULL)
		*p = '\0';
	if (strncmp(s, "appendix.", 9) == 0 || strncmp(s, "boilerplate.", 12) == 0 || strncmp(s, "note.", 5) == 0 ||
	    strncmp(s, "toc.", 4) == 0)
		s = strchr(s, '.') + 1;
	/* str.title(): a letter after a non-letter is upper-cased */
	for (p = s; *p; p++)
		if (isalpha((unsigned char)*p) && (p == s || !isalpha((unsigned char)p[-1])))
			*p = (char)toupper((unsigned char)*p);
	return s;
}

static struct res
render_section(struct rd *r, xmlNodePtr e, int width, const struct kw *kin)
{
	struct kw k = *kin;
	const char *text = "", *pn = attr(r, e, "pn");
	struct rlines lines = { 0 };
	xmlNodePtr name = child(e, "name");

	jset(&k, NULL, "\n\n", 3, 0, 0, 0);
	jset(&k, "t", "\n\n", 3, 0, 0, 0);
	jset(&k, "name", "  ", 0, 0, 0, 0);
	jset(&k, "iref", "  ", 0, 0, 0, 0);
	jset(&k, "section", "\n\n", 0, 0, 0, 0);
	jset(&k, "artset", "\n\n", 0, 0, 0, 0);
	jset(&k, "artwork", "\n\n", 3, 0, 0, 1);
	jset(&k, "sourcecode", "\n\n", 3, 0, 0, 0);
	if (attr_is(r, e, "numbered", "true")) {
		int app;
		const char *num = section_number(r, pn ? pn : "unknown-unknown", &app);
		text = cat(r, num, ".");
		if (app && strchr(num, '.') == NULL)
			text = cat(r, "Appendix ", text);
		jset(&k, "name", "  ", (int)ulen(text) + 2, 0, 0, 0);
	}
	if (name)
		lines = mklines(r, tjoin(r, text, name, width, &k), e);
	{
		xmlNodePtr c;
		for (c = e->children; c; c = c->next)
			if (is_elem(c) && !is(c, "name"))
				ljoin(r, &lines, c, width, &k);
	}
	return L(lines);
}

static struct res
render_ul(struct rd *r, xmlNodePtr e, int width, const struct kw *kin)
{
	static const char *const symbols[] = { "*", "-", "o", "+" };
	struct kw k = *kin;
	struct olstate *st;
	int empty = attr_is(r, e, "empty", "true"), compact = attr_is(r, e, "spacing", "compact"), depth = 0;
	int indent, padding, hang;
	const char *join = compact ? "\n" : "\n\n", *ind;
	xmlNodePtr a, c, last = NULL;
	struct rlines lines = { 0 };

	for (a = e->parent; a && a->type == XML_ELEMENT_NODE; a = a->parent)
		depth += is(a, "ul");
	st = arena_grow(r->a, r->ls, r->nls, &r->capls, sizeof(*st));
	if (st == NULL)
		return L(lines);
	r->ls = st;
	st = &r->ls[r->nls++];
	memset(st, 0, sizeof(*st));
	st->n = e;
	st->bare = empty && attr_is(r, e, "bare", "true");
	st->symbol = empty ? " " : symbols[depth % 4];
	indent = (int)strlen(st->symbol) + 2;
	if (st->bare) {
		for (c = e->children; c; c = c->next)
			if (is_elem(c))
				last = c;
		if (last) {
			const char *first = res_text(r, render(r, last, width, kin), "\xE2\x80\xA8"), *end, *ws;
			size_t k;
			/* first.split()[0]: Python splits on any Unicode whitespace */
			end = first + strlen(first);
			while (first < end && py_isspace(u8_cp(first, end, &k)))
				first += k;
			for (ws = first; ws < end && !py_isspace(u8_cp(ws, end, &k)); ws += k)
				;
			if (ws > first) {
				int wl = (int)u8_len(first, (size_t)(ws - first));
				indent = wl + 2 < 8 ? wl + 2 : 8;
			}
		}
	}
	padding = indent;
	ind = attr(r, e, "indent");
	if (ind && ind[0])
		indent = atoi(ind);
	hang = (padding > indent ? padding : indent) - indent;
	st->padding = indent;
	jset(&k, NULL, join, indent, 0, 0, 0);
	jset(&k, "li", join, 0, 0, 0, 0);
	jset(&k, "t", join, indent, hang, 0, 0);
	for (c = e->children; c; c = c->next)
		if (is_elem(c))
			ljoin(r, &lines, c, width, &k);
	return L(lines);
}

static const char *
roman(struct rd *r, int n, int upper)
{
	static const char *const rs[] = { "m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i" };
	static const int rv[] = { 1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1 };
	struct buf b;
	int i;
	size_t j;

	buf_init(&b, r->a, 0);
	for (i = 0; i < 13; i++)
		while (n >= rv[i]) {
			buf_puts(&b, rs[i]);
			n -= rv[i];
		}
	if (upper)
		for (j = 0; j < b.len; j++)
			b.data[j] = (char)toupper((unsigned char)b.data[j]);
	return buf_cstr(&b);
}

static const char *
int2str(struct rd *r, char f, int n)
{
	switch (f) {
	case 'a': case 'c': case 'A': case 'C': {
		char s[16];
		int i = 15, base = (f == 'a' || f == 'c') ? 'a' : 'A';
		s[i] = '\0';
		do {
			n--;
			s[--i] = (char)(base + n % 26);
			n /= 26;
		} while (n > 0 && i > 0);
		return arena_strdup(r->a, s + i);
	}
	case 'i':
		return roman(r, n, 0);
	case 'I':
		return roman(r, n, 1);
	case 'o':
		return arena_printf(r->a, "%o", n);
	case 'x':
		return arena_printf(r->a, "%x", n);
	case 'X':
		return arena_printf(r->a, "%X", n);
	default:
		return arena_printf(r->a, "%d", n);
	}
}

static const char *
ol_format(struct rd *r, const char *fmt, const char *v)
{
	return replace_all(r, fmt, "%s", v);
}

static struct res
render_ol(struct rd *r, xmlNodePtr e, int width, const struct kw *kin)
{
	struct kw k = *kin;
	struct olstate *st;
	const char *start = attr(r, e, "start"), *type = attr(r, e, "type"), *ind;
	int compact = attr_is(r, e, "spacing", "compact"), n = 0, i, maxw = 0, adaptive, indent;
	const char *join = compact ? "\n" : "\n\n";
	xmlNodePtr c;
	struct rlines lines = { 0 };

	st = arena_grow(r->a, r->ls, r->nls, &r->capls, sizeof(*st));
	if (st == NULL)
		return L(lines);
	r->ls = st;
	st = &r->ls[r->nls++];
	memset(st, 0, sizeof(*st));
	st->n = e;
	st->counter = start && isdigit((unsigned char)start[0]) ? atoi(start) : 1;
	if (type == NULL || !type[0])
		type = "1";
	if (strstr(type, "%p")) {
		xmlNodePtr a;
		for (a = e->parent; a && a->type == XML_ELEMENT_NODE; a = a->parent)
			if (is(a, "li")) {
				const char *dc = attr(r, a, "derivedCounter");
				type = replace_all(r, type, "%p", dc ? dc : "");
				break;
			}
	}
	if (strlen(type) > 1) {
		const char *p = strchr(type, '%');
		while (p && !strchr("cCdiIoOxX", p[1]))
			p = strchr(p + 1, '%');
		if (p) {
			st->fchar = p[1];
			st->format = arena_printf(r->a, "%.*s%%s%s", (int)(p - type), type, p + 2);
		} else {
			st->fchar = 'd';
			st->format = "%s";
		}
	} else {
		st->fchar = type[0];
		st->format = "%s.";
	}
	for (c = e->children; c; c = c->next)
		if (is_elem(c) || c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE)
			n++;
	for (i = 1; i <= n; i++)
		if ((int)strlen(int2str(r, st->fchar, i)) > maxw)
			maxw = (int)strlen(int2str(r, st->fchar, i));
	adaptive = (int)ulen(ol_format(r, st->format, spaces(r, maxw))) + 2;
	ind = attr(r, e, "indent");
	if (ind == NULL || !ind[0])
		ind = "3";
	indent = strspn(ind, "0123456789") == strlen(ind) ? atoi(ind) : adaptive;
	st->padding = indent;
	jset(&k, NULL, join, indent, 0, 0, 0);
	jset(&k, "li", join, 0, 0, 0, 0);
	jset(&k, "t", join, indent, 0, 0, 0);
	for (c = e->children; c; c = c->next)
		if (is_elem(c))
			ljoin(r, &lines, c, width, &k);
	return L(lines);
}

static struct olstate *
list_state(struct rd *r, xmlNodePtr list)
{
	size_t i;

	for (i = r->nls; i > 0; i--)
		if (r->ls[i - 1].n == list)
			return &r->ls[i - 1];
	return NULL;
}

static const char *
expand_ellipsis(struct rd *r, const char *text, int width)
{
	const char *el = NULL, *p, *tail, *last;
	struct buf b;
	int lack;

	for (p = text; (p = strstr(p, "\xE2\x80\xA6")) != NULL; p += 3)
		el = p;
	if (el == NULL || !el[3] || strspn(el + 3, "0123456789") != strlen(el + 3))
		return text;
	tail = el + 3;
	if (strcmp(tail, "0000") != 0) {
		while (*tail == '0')
			tail++;
		tail = arena_printf(r->a, "%4s", tail);
	}
	buf_init(&b, r->a, 0);
	buf_put(&b, text, (size_t)(el - text));
	buf_putc(&b, ' ');
	last = strrchr(buf_cstr(&b), '\n');
	last = last ? last + 1 : buf_cstr(&b);
	lack = width - (int)(ulen(last) + strlen(tail));
	if (lack > 0) {
		static const char dots[] = " . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . .";
		int dl = (int)strlen(dots);
		buf_puts(&b, dots + (lack < dl ? dl - lack : 0));
	}
	buf_puts(&b, tail);
	return buf_cstr(&b);
}

static struct res
render_li(struct rd *r, xmlNodePtr e, int width, const struct kw *k)
{
	xmlNodePtr p = e->parent;
	struct olstate *st = list_state(r, p);
	const char *text = "";
	struct res tt;
	struct rlines lines;
	int plain;
	size_t i;

	if (st && is(p, "ol")) {
		text = ol_format(r, st->format, int2str(r, st->fchar, st->counter));
		text = cat(r, text, spaces(r, st->padding - (int)ulen(text)));
		st->counter++;
	} else if (st && !st->bare)
		text = cat(r, st->symbol, spaces(r, st->padding - (int)ulen(st->symbol)));
	tt = text_or_block(r, e, width, k, &plain);
	if (tt.is_lines) {
		lines = tt.l;
		stripl(&lines);
		if (lines.n && lines.v[0].elem && !(is(lines.v[0].elem, "artwork") || is(lines.v[0].elem, "figure") ||
		    is(lines.v[0].elem, "sourcecode") || is(lines.v[0].elem, "li")))
			lines.v[0].text = cat(r, text, lstrip(lines.v[0].text));
	} else
		lines = mklines(r, cat(r, text, lstrip(tt.text)), e);
	if (r->paginate)
		for (i = 0; i < lines.n; i++)
			if (strstr(lines.v[i].text, "\xE2\x80\xA6"))
				lines.v[i].text = expand_ellipsis(r, lines.v[i].text, width);
	return L(lines);
}

static struct res
render_dl(struct rd *r, xmlNodePtr e, int width, const struct kw *kin)
{
	static const char *const nl_tags[] = { "artset", "artwork", "aside", "blockquote", "figure", "ol", "sourcecode",
		"table", "ul", NULL };
	struct kw k = *kin;
	int newline = attr_is(r, e, "newline", "true"), compact = attr_is(r, e, "spacing", "compact");
	const char *tj = compact ? "\n" : "\n\n", *ind = attr(r, e, "indent");
	int indent = ind && ind[0] ? atoi(ind) : 3, dtwidth;
	xmlNodePtr c;
	struct rlines lines = { 0 };

	jreset(&k);
	jset(&k, NULL, tj, 0, 0, 0, 0);
	jset(&k, "dt", tj, 0, 0, 0, 0);
	dtwidth = indent;
	for (c = e->children; c; c = c->next) {
		xmlNodePtr f;
		int nl = newline, i;
		if (!is_elem(c))
			continue;
		f = first_elem(c);
		for (i = 0; f && f->type == XML_ELEMENT_NODE && nl_tags[i]; i++)
			if (is(f, nl_tags[i]))
				nl = 1;
		if (!nl && is(c, "dd")) {
			/* a newline when the first word of the dd's text does not fit right of the dt */
			const char *ct = etext(r, c), *w, *end;
			size_t k2;
			int fw = 0;
			if (ct) {
				ct = strip(r, ct);
				end = ct + strlen(ct);
				for (w = ct; w < end && !py_isspace(u8_cp(w, end, &k2)); w += k2)
					fw++;
			}
			if (fw > width - 2 - dtwidth)
				nl = 1;
		}
		if (nl)
			jset(&k, "dd", "\n", indent, 0, 0, 0);
		else
			jset(&k, "dd", "  ", indent, 0, 1, 0);
		k.dtwidth = dtwidth;
		ljoin(r, &lines, c, width, &k);
		if (is(c, "dt") && lines.n)
			dtwidth = (int)ulen(lines.v[lines.n - 1].text);
	}
	return L(lines);
}

static struct res
render_dt(struct rd *r, xmlNodePtr e, int width, const struct kw *kin)
{
	struct kw k = *kin;
	struct joiner dd;
	const char *text;
	int i, len;

	for (i = 0, dd = J_DEFAULT; i < k.nj; i++)
		if (k.jtag[i] && strcmp(k.jtag[i], "dd") == 0)
			dd = k.j[i];
	k.dtwidth = -1;
	text = fill(r, inner(r, e, width, &k), width - 3, &k, 1);
	len = (int)ulen(text);
	if (len < dd.indent) {
		int pad = dd.indent - (int)strlen(dd.join) - len;
		text = cat(r, text, spaces(r, pad));
	}
	return L(mklines(r, text, e));
}

static struct res
render_dd(struct rd *r, xmlNodePtr e, int width, const struct kw *kin)
{
	struct kw k = *kin;
	struct joiner dd = J_DEFAULT;
	struct res x;
	struct rlines lines;
	int i, plain;

	for (i = 0; i < k.nj; i++)
		if (k.jtag[i] && strcmp(k.jtag[i], "dd") == 0)
			dd = k.j[i];
	k.first = dd.overlap ? k.dtwidth + (int)strlen(dd.join) - dd.indent : 0;
	k.dtwidth = -1;
	x = text_or_block(r, e, width, &k, &plain);
	lines = res_lines(r, x, e);
	if (lines.n)
		lines.v[0].keep = 1;
	return L(lines);
}

static struct res
render_figure(struct rd *r, xmlNodePtr e, int width, const struct kw *kin)
{
	struct kw k = *kin;
	const char *pn = attr(r, e, "pn"), *num, *title;
	xmlNodePtr c, name = NULL;
	struct rlines lines = { 0 }, t;
	char *n;

	jset(&k, "name", ": ", 0, 0, 0, 0);
	jset(&k, "artset", "", 0, 0, 0, 0);
	jset(&k, "artwork", "", 0, 0, 0, 1);
	jset(&k, "sourcecode", "", 0, 0, 0, 0);
	num = pn && strchr(pn, '-') ? strchr(pn, '-') + 1 : "";
	n = arena_strdup(r->a, num);
	if (strchr(n, '-'))
		*strchr(n, '-') = '\0';
	if (n[0])
		n[0] = (char)toupper((unsigned char)n[0]);
	title = arena_printf(r->a, "Figure %s", n);
	c = first_elem(e);
	if (c && is(c, "name")) {
		name = c;
		title = tjoin(r, title, name, width, &k);
	}
	for (c = e->children; c; c = c->next)
		if (is_elem(c) && c != name)
			ljoin(r, &lines, c, width, &k);
	/* '\n' + center(title).rstrip(), as xml2rfc's render_figure() */
	t = mklines(r, arena_printf(r->a, "\n%s", rstrip(r, center_text(r, title, width))), e);
	append(r, &lines, &t);
	return L(lines);
}

/* center() of a whole (possibly multi-line) text */
const char *
center_text(struct rd *r, const char *text, int width)
{
	struct strv sv = { 0 };
	struct buf b;
	const char *tt = replace_all(r, text, "\xE2\x80\xA8", "\n"), *p = tt;
	int longest = 0;
	size_t i;

	for (;;) {
		const char *q = strchr(p, '\n');
		int l = (int)u8_len(p, q ? (size_t)(q - p) : strlen(p));
		longest = l > longest ? l : longest;
		strv_push(r->a, &sv, arena_strndup(r->a, p, q ? (size_t)(q - p) : strlen(p)));
		if (!q)
			break;
		p = q + 1;
	}
	if (longest > width) {
		struct wrap_opts o = { "", "", width - 4, 1 };
		sv.n = 0;
		wrap_lines(r->w, text, &o, &sv);
	}
	buf_init(&b, r->a, 0);
	for (i = 0; i < sv.n; i++) {
		if (i)
			buf_putc(&b, '\n');
		buf_puts(&b, rstrip(r, pycenter(r, sv.v[i], width)));
	}
	return replace_all(r, buf_cstr(&b), "\xC2\xA0", " ");
}

static const char *
render_authors_ref(struct rd *r, xmlNodePtr ref)
{
	xmlNodePtr au[256];
	int n = 0, i;
	struct buf b;

	{
		/* iterdescendants('author') in document order */
		xmlNodePtr stack[64], c;
		int sp = 0;
		c = ref->children;
		while (c || sp) {
			if (c == NULL) {
				c = stack[--sp]->next;
				continue;
			}
			if (is(c, "author") && n < 256)
				au[n++] = c;
			if (c->type == XML_ELEMENT_NODE && c->children && sp < 64) {
				stack[sp++] = c;
				c = c->children;
				continue;
			}
			c = c->next;
		}
	}
	buf_init(&b, r->a, 0);
	for (i = 0; i < n; i++) {
		const char *name;
		if (i == n - 1 && n > 1)
			buf_puts(&b, "and ");
		if (i == n - 1 && n > 1) {
			name = short_name(r, au[i]);
			if (!name[0])
				name = org_short(r, au[i]);
		} else {
			const char *ini, *sur;
			name_parts(r, au[i], &ini, &sur);
			if (sur && sur[0] && ini && ini[0])
				name = arena_printf(r->a, "%s, %s", sur, ini);
			else if (sur && sur[0])
				name = sur;
			else if (ini && ini[0])
				name = ini;
			else
				name = org_short(r, au[i]);
		}
		if (name[0] && !is_latin(name)) {
			/* R69: name.py's ref_author_name_first()/_last(): a name not in Latin script shows its
			 * ASCII form after it */
			const char *as;
			if (!(short_name(r, au[i])[0]))
				as = org_ascii_short(r, au[i]);
			else if (i == n - 1 && n > 1)
				as = short_ascii_name(r, au[i]);
			else {
				const char *ini, *sur;
				ascii_name_parts(r, au[i], &ini, &sur);
				as = sur && sur[0] && ini && ini[0] ? arena_printf(r->a, "%s, %s", sur, ini) :
				    sur && sur[0] ? sur : ini ? ini : "";
			}
			if (as[0] && strcmp(as, name) != 0)
				name = arena_printf(r->a, "%s (%s)", name, as);
		}
		if (name[0])
			buf_puts(&b, name);
		if (attr_is(r, au[i], "role", "editor"))
			buf_puts(&b, ", Ed.");
		if (n == 2 && i == 0)
			buf_putc(&b, ' ');
		else if (i < n - 1)
			buf_puts(&b, ", ");
	}
	return buf_cstr(&b);
}

static void
descendants(xmlNodePtr n, const char *tag, xmlNodePtr *out, int *k, int max)
{
	xmlNodePtr c;

	for (c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE) {
			if (is(c, tag) && *k < max)
				out[(*k)++] = c;
			descendants(c, tag, out, k, max);
		}
}

static struct res
render_reference(struct rd *r, xmlNodePtr e, int width, const struct kw *kin)
{
	static const char *const tags[] = { "title", "refcontent", "stream", "seriesInfo", "date", NULL };
	struct kw k = *kin;
	xmlNodePtr p = e->parent, els[128];
	int in_group = is(p, "referencegroup"), n = 0, i;
	const char *label = "", *text, *target;

	if (!in_group) {
		const char *rn = refname(r, attr(r, e, "anchor"));
		label = arena_printf(r->a, "[%s]", rn ? rn : attr(r, e, "anchor"));
		if (ulen(label) < 11)
			label = cat(r, label, spaces(r, 11 - (int)ulen(label)));
	}
	for (i = 0; tags[i]; i++) {
		xmlNodePtr found[64];
		int nf = 0, j;
		descendants(e, tags[i], found, &nf, 64);
		for (j = 0; j < nf && n < 127; j++)
			els[n++] = found[j];
	}
	jreset(&k);
	jset(&k, NULL, ", ", 0, 0, 0, 0);
	jset(&k, "annotation", "  ", 0, 0, 0, 0);
	width -= 11;
	text = render_authors_ref(r, e);
	for (i = 0; i < n; i++)
		text = tjoin(r, text, els[i], width, &k);
	if ((target = attr(r, e, "target")) != NULL) {
		xmlNodePtr rc = xmlNewNode(NULL, (const xmlChar *)"refcontent");
		const char *t2 = arena_printf(r->a, "<%s>", target);
		xmlNodeAddContent(rc, (const xmlChar *)t2);
		rc->parent = e;
		text = tjoin(r, text, rc, width, &k);
		rc->parent = NULL;
		xmlFreeNode(rc);
	}
	text = cat(r, text, ".");
	{
		xmlNodePtr an[16];
		int na = 0;
		descendants(e, "annotation", an, &na, 16);
		for (i = 0; i < na; i++)
			text = tjoin(r, text, an[i], width, &k);
	}
	k.keep_url = 1;
	text = lstrip(fill(r, text, width, &k, 0));
	text = tindent(r, text, 11, 0);
	if (!in_group) {
		if (ulen(strip(r, label)) > 10)
			label = cat(r, label, "\n");
		else
			text = lstrip(text);
	}
	return L(mklines(r, cat(r, label, text), e));
}

static struct res
render_referencegroup(struct rd *r, xmlNodePtr e, int width, const struct kw *kin)
{
	struct kw k = *kin;
	const char *anchor = attr(r, e, "anchor"), *rn = refname(r, anchor), *label, *target, *text;
	struct rlines lines = { 0 };
	xmlNodePtr c, sis[64], pending = NULL;
	int subseries = 0, nsi = 0, i;

	jset(&k, "reference", "\n\n", 0, 0, 0, 0);
	jset(&k, "t", "\n\n", 11, 0, 0, 0);
	/* the grammar requires the anchor (validated before prep) */
	label = arena_printf(r->a, "[%s]", rn ? rn : anchor ? anchor : "");
	if (ulen(label) < 11)
		label = cat(r, label, spaces(r, 11 - (int)ulen(label)));
	target = attr(r, e, "target");
	/* R69: 3.32 introduces a group of a subseries (BCP, STD, FYI: the first such seriesInfo in it) by the
	 * subseries' name and number and the group's URL, then says what it comprises */
	descendants(e, "seriesInfo", sis, &nsi, 64);
	for (i = 0; i < nsi && !subseries; i++) {
		xmlNodePtr si = sis[i], t;
		const char *nm = attr(r, si, "name"), *full = NULL;
		if (nm == NULL)
			continue;
		full = strcmp(nm, "BCP") == 0 ? "Best Current Practice" : strcmp(nm, "STD") == 0 ? "Internet Standard" :
		    strcmp(nm, "FYI") == 0 ? "For Your Information" : NULL;
		if (full == NULL)
			continue;
		subseries = 1;
		jset(&k, NULL, ", ", 11, 0, 0, 0);
		jset(&k, "t", "\n", 11, 0, 0, 0);
		text = arena_printf(r->a, "%s %s", full, attr(r, si, "value") ? attr(r, si, "value") : "");
		if (target) {
			xmlNodePtr rc = xmlNewNode(NULL, (const xmlChar *)"refcontent");
			xmlNodeAddContent(rc, (const xmlChar *)arena_printf(r->a, "<%s>.", target));
			rc->parent = e;
			text = tjoin(r, text, rc, width, &k);
			rc->parent = NULL;
			xmlFreeNode(rc);
		} else
			text = cat(r, text, ".");
		{
			struct kw kf = k;
			kf.keep_url = 1;
			kf.indent = kf.hang = kf.first = 0;
			text = tindent(r, lstrip(fill(r, text, width - 11, &kf, 0)), 11, 0);
		}
		lines = mklines(r, text, e);
		t = xmlNewNode(NULL, (const xmlChar *)"t");
		xmlNodeAddContent(t, (const xmlChar *)arena_printf(r->a,
		    "At the time of writing, this %s comprises the following:", nm));
		ljoin(r, &lines, t, width, &k);
		/* the lines keep a pointer to t: leave it to the document's lifetime (after the loop below) */
		pending = t;
	}
	for (c = e->children; c; c = c->next)
		if (is_elem(c))
			ljoin(r, &lines, c, width, &k);
	if (pending)
		xmlAddChild(e, pending);
	if (target && !subseries) {
		xmlNodePtr t = xmlNewNode(NULL, (const xmlChar *)"t");
		xmlNodeAddContent(t, (const xmlChar *)arena_printf(r->a, "<%s>", target));
		ljoin(r, &lines, t, width, &k);
		/* the lines keep a pointer to t: leave it to the document's lifetime */
		xmlAddChild(e, t);
	}
	if (ulen(strip(r, label)) > 10) {
		struct rlines l2 = { 0 };
		push(r, &l2, label, e);
		append(r, &l2, &lines);
		lines = l2;
	} else if (lines.n)
		lines.v[0].text = cat(r, label, lstrip(lines.v[0].text));
	return L(lines);
}

static struct res
render_references(struct rd *r, xmlNodePtr e, int width, const struct kw *kin)
{
	struct kw k = *kin;
	struct rlines lines = { 0 };
	xmlNodePtr c, name = child(e, "name");

	jset(&k, NULL, "\n\n", 3, 0, 0, 0);
	jset(&k, "name", "  ", 0, 0, 0, 0);
	jset(&k, "reference", "\n\n", 3, 0, 0, 0);
	jset(&k, "references", "\n\n", 0, 0, 0, 0);
	if (name) {
		const char *pn = attr(r, e, "pn"), *text = "";
		xmlNodePtr mid = child(r->root, "middle"), last = NULL;
		/* R69: base.py's check_refs_numbered(): unnumbered when the last top-level section of <middle>
		 * is numbered="false" */
		for (c = mid ? mid->children : NULL; c; c = c->next)
			if (is(c, "section"))
				last = c;
		if (last && attr(r, last, "numbered") && !attr_is(r, last, "numbered", "true"))
			pn = NULL;
		if (pn && strchr(pn, '-')) {
			char *s = arena_strdup(r->a, strchr(pn, '-') + 1), *q;
			for (q = s; *q; q++)
				if (*q == '-')
					*q = ' ';
			for (q = s; *q; q++)
				if (isalpha((unsigned char)*q) && (q == s || !isalpha((unsigned char)q[-1])))
					*q = (char)toupper((unsigned char)*q);
			text = cat(r, s, ".");
		}
		lines = mklines(r, tjoin(r, text, name, width, &k), e);
	}
	for (c = e->children; c; c = c->next)
		if (is_elem(c) && c != name)
			ljoin(r, &lines, c, width, &k);
	return L(lines);
}

/* ---- authors ---- */

static struct res
render_author(struct rd *r, xmlNodePtr e)
{
	const char *addr = render_author_address(r->a, e);
	struct rlines l = mklines(r, addr ? addr : "", e);
	xmlNodePtr address = child(e, "address"), postal = child(address, "postal");
	xmlNodePtr phone = child(address, "phone"), email = child(address, "email"), uri = child(address, "uri");
	size_t i;

	/* the address comes indented as in the document; the section's joiner indents it again. Each
	 * line keeps the element xml2rfc renders it from (name, organization and postal lines the
	 * <postal>, then <phone>, <email>, <uri>), so that pagination sees the same blocks. */
	for (i = 0; i < l.n; i++) {
		const char *t;
		if (strncmp(l.v[i].text, "   ", 3) == 0)
			l.v[i].text += 3;
		t = l.v[i].text;
		if (strncmp(t, "Phone:", 6) == 0 && phone)
			l.v[i].elem = phone;
		else if (strncmp(t, "Email:", 6) == 0 && email)
			l.v[i].elem = email;
		else if (strncmp(t, "URI:", 4) == 0 && uri)
			l.v[i].elem = uri;
		else if (i > 0 && blank(t) == 0 && l.v[i - 1].elem != e && l.v[i - 1].elem != postal &&
		    l.v[i - 1].elem != address && strncmp(t, "Additional contact", 18) != 0 && t[0] == ' ')
			l.v[i].elem = l.v[i - 1].elem;	/* a continued Email: or URI: line */
		else if (strncmp(t, "Additional contact", 18) == 0)
			l.v[i].elem = address ? address : e;
		else
			l.v[i].elem = postal ? postal : address ? address : e;
	}
	push(r, &l, "", NULL);
	return L(l);
}

/* ---- front ---- */

static const char *
category_name(const char *c)
{
	if (c == NULL)
		return NULL;
	if (strcmp(c, "std") == 0)
		return "Standards Track";
	if (strcmp(c, "bcp") == 0)
		return "Best Current Practice";
	if (strcmp(c, "info") == 0)
		return "Informational";
	if (strcmp(c, "exp") == 0)
		return "Experimental";
	if (strcmp(c, "historic") == 0)
		return "Historic";
	return NULL;
}

static void
wrap_left(struct rd *r, struct strv *left, const char *label, const char *items, const char *suffix,
    struct strv *right)
{
	struct wrap_opts o;
	const char *line = arena_printf(r->a, "%s%s%s", label, items, suffix);
	int width = 48;

	if (left->n < right->n) {
		int w = 72 - 4 - (int)ulen(right->v[left->n]);
		width = w < 48 ? w : 48;
	}
	o.initial = "";
	o.subsequent = spaces(r, (int)strlen(label));
	o.width = width;
	o.fix_sentence_endings = 0;
	wrap_lines(r->w, line, &o, left);
}

static const char *
normalize_list(struct rd *r, const char *t)
{
	struct buf b;
	const char *p;
	size_t s, n;

	buf_init(&b, r->a, 0);
	for (p = t; *p; p++) {
		if (*p == ',') {
			buf_puts(&b, ", ");
			while (p[1] && isspace((unsigned char)p[1]))
				p++;
		} else
			buf_putc(&b, *p);
	}
	p = buf_cstr(&b);
	n = strlen(p);
	s = 0;
	while (s < n && (p[s] == ',' || p[s] == ' '))
		s++;
	while (n > s && (p[n - 1] == ',' || p[n - 1] == ' '))
		n--;
	return arena_strndup(r->a, p + s, n - s);
}

static const char *
render_date(struct rd *r, xmlNodePtr e, int augment)
{
	int y, m, d, have;
	const char *t, *date;

	if (e == NULL)		/* a document given as prepped need not have a date */
		return "";
	t = etext(r, e);
	have = attr(r, e, "day") || attr(r, e, "month") || attr(r, e, "year");
	doc_date(r, e, &y, &m, &d, augment);
	date = format_date(r, y, m, d, r->o->legacy_date);
	if (t && t[0] && have)
		return arena_printf(r->a, "%s (%s)", t, date);
	if (t && t[0])
		return t;
	return date;
}

static const char *
first_page_top(struct rd *r, xmlNodePtr front, int width)
{
	struct strv left = { 0 }, right = { 0 };
	xmlNodePtr c;
	const char *prev_org = NULL, *obs, *upd, *cat_, *title;
	int have_prev = 0;
	struct buf b;
	size_t i, n;

	/* right column: authors and organizations, then the date */
	for (c = front->children; c; c = c->next) {
		const char *name, *org = "";
		xmlNodePtr o;
		if (!is(c, "author"))
			continue;
		name = short_name(r, c);
		if (!is_latin(name))
			name = arena_printf(r->a, "%s (%s)", name, short_ascii_name(r, c));
		o = child(c, "organization");
		if (o) {
			if (attr_is(r, o, "showOnFrontPage", "true")) {
				org = org_short(r, c);
				if (!is_latin(org) && attr(r, o, "ascii"))
					org = arena_printf(r->a, "%s (%s)", org, strip(r, attr(r, o, "ascii")));
			} else
				org = NULL;
		}
		if (org && org[0] && !name[0]) {
			name = org;
			org = NULL;
		}
		if (attr_is(r, c, "role", "editor"))
			name = cat(r, name, ", Ed.");
		if (right.n && name[0] && org && org[0] && have_prev && prev_org && strcmp(org, prev_org) == 0) {
			right.v[right.n - 1] = name;
			strv_push(r->a, &right, org);
		} else {
			if (name[0])
				strv_push(r->a, &right, name);
			if (org)
				strv_push(r->a, &right, org);
		}
		prev_org = org;
		have_prev = 1;
	}
	if (have_prev && prev_org && prev_org[0] == '\0' && right.n)
		right.n--;
	strv_push(r->a, &right, render_date(r, child(front, "date"), 1));

	/* left column */
	if (attr_is(r, r->root, "ipr", "none")) {
		for (c = front->children; c; c = c->next)
			if (is(c, "workgroup") && !blank(alltext(r, c, NULL)))
				strv_push(r->a, &left, strip(r, alltext(r, c, NULL)));
	} else if (r->rfc) {
		const char *st = attr(r, r->root, "submissionType");
		strv_push(r->a, &left, st && strcmp(st, "IAB") == 0 ? "Internet Architecture Board (IAB)" :
		    st && strcmp(st, "IRTF") == 0 ? "Internet Research Task Force (IRTF)" :
		    st && strcmp(st, "independent") == 0 ? "Independent Submission" :
		    st && strcmp(st, "editorial") == 0 ? "Editorial Stream" : "Internet Engineering Task Force (IETF)");
		for (c = front->children; c; c = c->next)
			if (is(c, "seriesInfo")) {
				const char *nm = attr(r, c, "name"), *v = attr(r, c, "value");
				if (nm && strcmp(nm, "RFC") == 0)
					nm = "Request for Comments";
				strv_push(r->a, &left, arena_printf(r->a, "%s: %s", nm ? nm : "", v ? v : ""));
			}
		if ((obs = attr(r, r->root, "obsoletes")) && obs[0])
			wrap_left(r, &left, "Obsoletes: ", normalize_list(r, obs), "", &right);
		if ((upd = attr(r, r->root, "updates")) && upd[0])
			wrap_left(r, &left, "Updates: ", normalize_list(r, upd), "", &right);
		if ((cat_ = category_name(attr(r, r->root, "category"))))
			strv_push(r->a, &left, arena_printf(r->a, "Category: %s", cat_));
		strv_push(r->a, &left, "ISSN: 2070-1721");
	} else {
		int found = 0, y, m, d;
		for (c = front->children; c; c = c->next)
			if (is(c, "workgroup") && !blank(alltext(r, c, NULL))) {
				strv_push(r->a, &left, strip(r, alltext(r, c, NULL)));
				found = 1;
			}
		if (!found)
			strv_push(r->a, &left, "Network Working Group");
		strv_push(r->a, &left, "Internet-Draft");
		if ((obs = attr(r, r->root, "obsoletes")) && obs[0])
			wrap_left(r, &left, "Obsoletes: ", normalize_list(r, obs), " (if approved)", &right);
		if ((upd = attr(r, r->root, "updates")) && upd[0])
			wrap_left(r, &left, "Updates: ", normalize_list(r, upd), " (if approved)", &right);
		if ((cat_ = category_name(attr(r, r->root, "category"))))
			strv_push(r->a, &left, arena_printf(r->a, "Intended status: %s", cat_));
		expiry(r, &y, &m, &d);
		strv_push(r->a, &left, arena_printf(r->a, "Expires: %s", format_date(r, y, m, d, r->o->legacy_date)));
	}
	/* join_cols() */
	n = left.n > right.n ? left.n : right.n;
	buf_init(&b, r->a, 0);
	for (i = 0; i < n; i++) {
		const char *l = i < left.n ? left.v[i] : "", *rr = i < right.n ? right.v[i] : "";
		int w = 72 - render_textwidth(l) - render_textwidth(rr);
		if (i)
			buf_putc(&b, '\n');
		buf_printf(&b, "%s%s%s", l, spaces(r, w), rr);
	}
	{
		const char *cols = cat(r, rstrip(r, buf_cstr(&b)), "\n\n\n");
		xmlNodePtr t = child(front, "title");
		struct kw k;
		kw_base(&k);
		title = strip(r, t ? alltext(r, t, "\xE2\x80\xA8") : "");
		title = fill(r, title, width, &k, 1);
		title = center_text(r, title, width);
		if (!r->rfc) {
			const char *dn = attr(r, r->root, "docName");
			if (dn)
				title = arena_printf(r->a, "%s\n%s", title, rstrip(r, pycenter(r, strip(r, dn), width)));
		}
		return cat(r, cols, title);
	}
}

static struct res
render_front(struct rd *r, xmlNodePtr e, int width, const struct kw *k)
{
	static const char *const skip[] = { "title", "seriesInfo", "author", "date", "area", "workgroup", "keyword",
		NULL };
	struct rlines lines;
	xmlNodePtr c;
	int i;

	if (is(e->parent, "reference"))
		return T("");
	lines = mklines(r, arena_printf(r->a, "\n\n\n\n%s\n", first_page_top(r, e, width)), e);
	for (c = e->children; c; c = c->next) {
		int sk = 0;
		struct rlines res;
		if (!is_elem(c))
			continue;
		for (i = 0; skip[i]; i++)
			sk |= is(c, skip[i]);
		if (sk)
			continue;
		res = res_lines(r, render(r, c, width, k), c);
		push(r, &lines, "", NULL);
		append(r, &lines, &res);
	}
	return L(lines);
}

/* R69: text.py's render_u(): the expansion per the format attribute, or only the literal when an <xref>
 * points at the <u>; an expansion xml2rfc refuses renders empty as its error path does. */
static int
xref_targets(xmlNodePtr n, const char *anchor)
{
	for (; n; n = n->next) {
		if (is_elem(n) && xmlStrcmp(n->name, (const xmlChar *)"xref") == 0) {
			xmlChar *t = xmlGetProp(n, (const xmlChar *)"target");
			int hit = t && strcmp((const char *)t, anchor) == 0;
			xmlFree(t);
			if (hit)
				return 1;
		}
		if (n->children && xref_targets(n->children, anchor))
			return 1;
	}
	return 0;
}

static const char *
render_u(struct rd *r, xmlNodePtr e)
{
	const char *text = etext(r, e), *anchor = attr(r, e, "anchor"), *x;

	if (text == NULL)
		return "";
	if (anchor && xref_targets(r->root, anchor))
		return text;
	x = render_unicode_expand(r->a, text, attr(r, e, "format"), attr(r, e, "ascii"));
	return x ? x : "";
}

/* ---- dispatch ---- */

struct res
render(struct rd *r, xmlNodePtr e, int width, const struct kw *kin)
{
	struct kw k = *kin;
	const char *tag;

	if (e->type == XML_COMMENT_NODE || e->type == XML_PI_NODE)
		return T("");
	if (e->type != XML_ELEMENT_NODE)
		return T(e->content ? (const char *)e->content : "");
	if (++r->depth > 200) {
		r->depth--;
		return T("");
	}
	tag = (const char *)e->name;
	{
		struct res x;
#define IS(n) (tag[0] == (n)[0] && strcmp(tag, n) == 0)	/* the first byte first: a long chain */
		if (IS("rfc") || IS("middle") || IS("back")) {
			struct kw b;
			kw_base(&b);
			b.keep_url = k.keep_url;
			x = L(children_ljoin(r, e, width, IS("back") ? &k : &b, NULL));
		} else if (IS("front"))
			x = render_front(r, e, width, &k);
		else if (IS("abstract")) {
			struct rlines l = { 0 };
			jset(&k, NULL, "\n\n", 3, 0, 0, 0);
			push(r, &l, "Abstract", e);
			{
				xmlNodePtr c;
				for (c = e->children; c; c = c->next)
					if (is_elem(c))
						ljoin(r, &l, c, width, &k);
			}
			x = L(l);
		} else if (IS("note")) {
			struct rlines l = { 0 };
			xmlNodePtr c = first_elem(e);
			jset(&k, NULL, "\n\n", 3, 0, 0, 0);
			jset(&k, "name", ": ", 0, 0, 0, 0);
			if (!(c && is(c, "name")))
				push(r, &l, "Note", e);
			for (c = e->children; c; c = c->next)
				if (is_elem(c))
					ljoin(r, &l, c, width, &k);
			x = L(l);
		} else if (IS("boilerplate") || IS("toc")) {
			k.keep_url = r->rfc;
			x = L(children_ljoin(r, e, width, &k, NULL));
		} else if (IS("section"))
			x = render_section(r, e, width, &k);
		else if (IS("name"))
			x = T(fill_simple(r, strip(r, inner(r, e, width, &k)), width, jget(&k, e).hang));
		else if (IS("t"))
			x = render_t(r, e, width, &k);
		else if (IS("ul"))
			x = render_ul(r, e, width, &k);
		else if (IS("ol"))
			x = render_ol(r, e, width, &k);
		else if (IS("li"))
			x = render_li(r, e, width, &k);
		else if (IS("dl"))
			x = render_dl(r, e, width, &k);
		else if (IS("dt"))
			x = render_dt(r, e, width, &k);
		else if (IS("dd"))
			x = render_dd(r, e, width, &k);
		else if (IS("artwork"))
			x = L(render_artwork(r, e, width));
		else if (IS("sourcecode")) {
			struct rlines l = render_artwork(r, e, width), m = { 0 };
			if (attr_is(r, e, "markers", "true")) {
				const char *file = attr(r, e, "name"), *t = "<CODE BEGINS>";
				if (file && file[0]) {
					const char *ft = arena_printf(r->a, "file \"%s\"", file);
					if ((int)ulen(ft) > width - (int)strlen(t)) {
						push(r, &m, t, e);
						push(r, &m, cat(r, "  ", ft), e);
					} else
						push(r, &m, arena_printf(r->a, "%s %s", t, ft), e);
				} else
					push(r, &m, t, e);
				append(r, &m, &l);
				push(r, &m, "<CODE ENDS>", e);
				l = m;
			}
			x = L(l);
		} else if (IS("artset")) {
			xmlNodePtr c, pick = NULL;
			struct rlines l = { 0 };
			for (c = e->children; c && !pick; c = c->next)
				if (is(c, "artwork") && attr_is(r, c, "type", "ascii-art"))
					pick = c;
			if (!pick)
				for (c = e->children; c && !pick; c = c->next)
					if (is(c, "artwork"))
						pick = c;
			if (pick)
				ljoin(r, &l, pick, width, &k);
			x = L(l);
		} else if (IS("figure"))
			x = render_figure(r, e, width, &k);
		else if (IS("table"))
			x = render_table(r, e, width, &k);
		else if (IS("blockquote"))
			x = L(quote_renderer(r, e, width, "|", attr(r, e, "quotedFrom"), attr(r, e, "cite"), &k));
		else if (IS("aside")) {
			struct res y;
			struct rlines l;
			int plain;
			size_t i;
			jset(&k, "t", "\n\n", 0, 0, 0, 0);
			y = text_or_block(r, e, width - 6, &k, &plain);
			if (plain)
				y = T(fill(r, y.text, width - 6, &k, 1));
			l = res_lines(r, y, e);
			for (i = 0; i < l.n; i++)
				l.v[i].text = cat(r, "   |  ", l.v[i].text);
			lindent(r, &l, k.indent, 0);
			x = L(l);
		} else if (IS("references"))
			x = render_references(r, e, width, &k);
		else if (IS("reference"))
			x = render_reference(r, e, width, &k);
		else if (IS("referencegroup"))
			x = render_referencegroup(r, e, width, &k);
		else if (IS("author"))
			x = render_author(r, e);
		/* inline */
		else if (IS("bcp14") || IS("tt") || IS("refcontent") || IS("postalLine"))
			x = T(inner(r, e, width, &k));
		else if (IS("em"))
			x = T(arena_printf(r->a, "_%s_", inner(r, e, width, &k)));
		else if (IS("strong"))
			x = T(arena_printf(r->a, "*%s*", inner(r, e, width, &k)));
		else if (IS("sub") || IS("sup")) {
			const char *in = inner(r, e, width, &k), *m = IS("sub") ? "_" : "^";
			x = T(simple_expr(in) ? arena_printf(r->a, "%s%s", m, in) : arena_printf(r->a, "%s(%s)", m, in));
		} else if (IS("br"))
			x = T("\xE2\x80\xA8");
		else if (IS("iref") || IS("displayreference") || IS("link"))
			x = T("");
		else if (IS("cref")) {
			if (attr_is(r, e, "display", "true")) {
				struct rlines l = quote_renderer(r, e, 0, "//", attr(r, e, "source"), NULL, &k);	/* xml2rfc: no width here, so 69 */
				x = T(cat(r, "\xE2\x80\xA8", res_text(r, L(l), "\xE2\x80\xA8")));
			} else
				x = T("");
		} else if (IS("eref")) {
			const char *target = attr(r, e, "target"), *br = attr(r, e, "brackets"), *t = etext(r, e);
			if (target == NULL)
				target = "";
			if (br && strcmp(br, "angle") == 0)
				target = arena_printf(r->a, "<%s>", target);
			else if (t && t[0] && target[0])
				target = arena_printf(r->a, "(%s)", target);
			x = T(t && t[0] ? (target[0] ? arena_printf(r->a, "%s %s", t, target) : t) : target);
		} else if (IS("xref") || IS("relref"))
			x = T(render_xref(r, e, width, &k));
		else if (IS("seriesInfo")) {
			const char *nm = attr(r, e, "name"), *v = attr(r, e, "value");
			if (nm && strcmp(nm, "Internet-Draft") == 0)
				x = T(arena_printf(r->a, "%s, %s", nm, v ? v : ""));
			else
				x = T(arena_printf(r->a, "%s\xC2\xA0%s", nm ? nm : "", replace_all(r, v ? v : "", "/",
				    "/\xEE\x81\xA0")));
		} else if (IS("date"))
			x = T(render_date(r, e, !(e->parent && is(e->parent->parent, "reference"))));
		else if (IS("title")) {
			const char *t = py_clean_text(r, strip(r, alltext(r, e, " ")));
			xmlNodePtr ref = e->parent ? e->parent->parent : NULL;
			x = T(attr_is(r, ref, "quoteTitle", "true") ? arena_printf(r->a, "\"%s\"", t) : t);
		} else if (IS("stream"))
			x = T(etext(r, e) ? etext(r, e) : "");
		else if (IS("annotation"))
			x = T(fill(r, inner(r, e, width, &k), width, &k, 1));
		else if (IS("contact") && is(e->parent, "section"))
			x = render_author(r, e);	/* R69: a contact in a section is rendered as an author */
		else if (IS("contact")) {
			/* in a paragraph: the full name, with its ASCII form when it is not Latin (name.py's
			 * full_author_name_set(): the organization's when there is no name) */
			const char *nm = full_name(r, e);
			xmlNodePtr o = child(e, "organization");
			if (!nm[0] && o) {
				const char *ot = etext(r, o), *oa = attr(r, o, "ascii");
				nm = ot ? ot : "";
				oa = is_latin(nm) ? nm : oa ? oa : "";
				if (oa[0] && strcmp(oa, nm) != 0)
					nm = arena_printf(r->a, "%s (%s)", nm, oa);
			} else if (!is_latin(nm)) {
				const char *as = full_ascii_name(r, e);
				if (strcmp(as, nm) != 0)
					nm = arena_printf(r->a, "%s (%s)", nm, as);
			}
			x = T(replace_all(r, nm, ". ", ".\xC2\xA0"));
		}
		else if (IS("u"))
			x = T(render_u(r, e));
		else if (IS("organization") || IS("keyword") || IS("area") || IS("workgroup") || IS("address") ||
		    IS("postal"))
			x = T("");
		else
			x = T(inner(r, e, width, &k));
#undef IS
		r->depth--;
		return x;
	}
}

/* ---- the document ---- */

static void
refnames(struct rd *r)
{
	xmlNodePtr back = child(r->root, "back"), refs[2048], c;
	int n = 0, i, sym = !attr_is(r, r->root, "symRefs", "false");
	xmlNodePtr stack[16];
	int sp = 0;

	/* .//references/reference | .//references/referencegroup, in document order */
	c = back ? back->children : NULL;
	while (c || sp) {
		if (c == NULL) {
			c = stack[--sp]->next;
			continue;
		}
		if ((is(c, "reference") || is(c, "referencegroup")) && is(c->parent, "references") && n < 2048)
			refs[n++] = c;
		if (is(c, "references") && sp < 16) {
			stack[sp++] = c;
			c = c->children;
			continue;
		}
		c = c->next;
	}
	r->refid = arena_calloc(r->a, (size_t)n + 1, sizeof(char *));
	r->refname = arena_calloc(r->a, (size_t)n + 1, sizeof(char *));
	if (r->refid == NULL || r->refname == NULL)
		return;
	for (i = 0; i < n; i++) {
		const char *a = attr(r, refs[i], "anchor");
		r->refid[r->nref] = a ? a : "";
		r->refname[r->nref++] = sym ? (a ? a : "") : arena_printf(r->a, "%d", i + 1);
	}
	for (c = back ? back->children : NULL; c; c = c->next)
		if (is(c, "displayreference")) {
			const char *t = attr(r, c, "target"), *to = attr(r, c, "to");
			for (i = 0; t && to && i < (int)r->nref; i++)
				if (strcmp(r->refid[i], t) == 0)
					r->refname[i] = to;
		}
}

/* The furniture of the pages (base.py's page_top_* and page_bottom_*). */
static void
furniture(struct rd *r, struct page_furniture *f)
{
	xmlNodePtr front = child(r->root, "front"), t = child(front, "title"), c, si;
	const char *ab, *num;
	int y, m, d, ns = 0;
	const char *sur[3];

	memset(f, 0, sizeof(*f));
	f->top_left = "Internet-Draft";
	if (attr_is(r, r->root, "ipr", "none"))
		f->top_left = "";
	else if ((num = attr(r, r->root, "number")) != NULL)
		f->top_left = arena_printf(r->a, "RFC %s", num);
	else
		for (si = front ? front->children : NULL; si; si = si->next)
			if (is(si, "seriesInfo") && attr_is(r, si, "name", "RFC"))
				f->top_left = arena_printf(r->a, "RFC %s", attr(r, si, "value"));
	ab = t ? attr(r, t, "abbrev") : NULL;
	if (ab == NULL || !ab[0])
		ab = t ? alltext(r, t, " ") : "";
	if (ulen(ab) > 40) {
		const char *p = ab;
		size_t k, i;
		for (i = 0; i < 40; i++) {
			u8_cp(p, p + strlen(p), &k);
			p += k;
		}
		ab = arena_strndup(r->a, ab, (size_t)(p - ab));
	}
	f->top_center = ab;
	doc_date(r, child(front, "date"), &y, &m, &d, 1);
	f->top_right = format_date(r, y, m, 0, 1);
	for (c = front ? front->children : NULL; c; c = c->next) {
		const char *as, *i2, *s2;
		if (!is(c, "author") || attr_is(r, c, "role", "contributor"))
			continue;
		as = attr(r, c, "asciiSurname");
		if (as == NULL) {
			name_parts(r, c, &i2, &s2);
			as = s2;
		}
		if (as && as[0]) {
			if (ns < 3)
				sur[ns] = as;
			ns++;
		}
	}
	f->bottom_left = ns == 1 ? sur[0] : ns == 2 ? arena_printf(r->a, "%s & %s", sur[0], sur[1]) :
	    ns > 2 ? arena_printf(r->a, "%s, et al.", sur[0]) : "";
	if (r->rfc || attr_is(r, r->root, "ipr", "none")) {
		const char *cn = category_name(attr(r, r->root, "category"));
		f->bottom_center = cn ? cn : "";
	} else {
		expiry(r, &y, &m, &d);
		f->bottom_center = arena_printf(r->a, "Expires %s", format_date(r, y, m, d, r->o->legacy_date));
	}
}

/* add_pageno_placeholders(): the second xref of each ToC entry gets pageno="0000". */
static void
pageno_placeholders(xmlNodePtr n)
{
	xmlNodePtr c;
	int k = 0;

	for (c = n->children; c; c = c->next)
		if (is(c, "xref") && ++k == 2)
			xmlSetProp(c, (const xmlChar *)"pageno", (const xmlChar *)"0000");
	for (c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			pageno_placeholders(c);
}

int
render_prepped(struct arena *a, xmlDocPtr doc, const struct render_opts *o, char **out, size_t *olen,
    struct err *e)
{
	struct rd r;
	struct kw k;
	struct rlines lines, pages;
	size_t i;
	xmlNodePtr front, si;

	memset(&r, 0, sizeof(r));
	r.a = a;
	r.o = o;
	r.e = e;
	r.root = xmlDocGetRootElement(doc);
	r.ty = o->year;
	r.tm = o->month;
	r.td = o->day;
	if (r.root == NULL || !is(r.root, "rfc"))
		return err_set(e, 400, "render", "the document's root element is not <rfc>"), -1;
	if ((r.w = wrapper_new(a, e)) == NULL)
		return -1;
	front = child(r.root, "front");
	for (si = front ? front->children : NULL; si; si = si->next)
		if (is(si, "seriesInfo") && attr_is(&r, si, "name", "RFC"))
			r.rfc = 1;
	if (attr(&r, r.root, "number"))
		r.rfc = 1;
	refnames(&r);
	/* RFCs are published unpaginated: xml2rfc ignores pagination for them */
	r.paginate = o->paginate && !r.rfc;
	if (r.paginate && attr_is(&r, r.root, "tocInclude", "true")) {
		xmlNodePtr toc = child(front, "toc");
		if (toc && child(toc, "section"))
			pageno_placeholders(child(toc, "section"));
	}
	kw_base(&k);
	lines = res_lines(&r, render(&r, r.root, WIDTH, &k), r.root);
	if (r.paginate) {
		struct page_furniture f;
		furniture(&r, &f);
		if (render_paginate(a, &lines, &f, &pages, e) == -1)
			return -1;
		lines = pages;
	}
	/* the warning xml2rfc gives for each line wider than the page */
	for (i = 0; o->warn && i < lines.n; i++) {
		size_t w = ulen(lines.v[i].text);
		if (w > WIDTH)
			o->warn(o->warn_ctx, arena_printf(a, "%s(%ld): Warning: Too long line found (L%zu), %zu characters "
			    "longer than %d characters: %s", o->path ? o->path : "input.xml",
			    lines.v[i].elem ? xmlGetLineNo(lines.v[i].elem) : 0L, i + 1, w - WIDTH, WIDTH, lines.v[i].text));
	}
	/* The lines joined, trailing white space stripped, then xml2rfc's last replacements (no-break space
	 * to space, non-breaking hyphen to '-', zero-width space and word joiner dropped) and the final
	 * newline: in one buffer, the replacements in place (each makes the text shorter). The five copies
	 * of the whole text this took were a tenth of the writer's time on long documents. The text is valid
	 * UTF-8, so each sequence is found where a character starts, and one pass does what the four
	 * replacements in a row did. */
	{
		size_t n = 0, end, len;
		char *buf, *w, *q, *t;

		for (i = 0; i < lines.n; i++)
			n += strlen(lines.v[i].text) + 1;
		if ((buf = arena_alloc_raw(a, 3 + n + 2)) == NULL)
			return err_set(e, 500, "render", "out of memory"), -1;
		for (i = 0, w = buf + 3; i < lines.n; i++) {
			if (i)
				*w++ = '\n';
			len = strlen(lines.v[i].text);
			memcpy(w, lines.v[i].text, len);
			w += len;
		}
		for (end = (size_t)(w - (buf + 3)); end > 0 && isstrip(buf[3 + end - 1]); end--)
			;
		for (t = buf + 3, q = buf + 3, w = buf + 3; q < buf + 3 + end; ) {
			if (q[0] == '\xC2' && q + 1 < buf + 3 + end && q[1] == '\xA0') {
				*w++ = ' ';
				q += 2;
			} else if (q[0] == '\xE2' && q + 2 < buf + 3 + end && ((q[1] == '\x80' && (q[2] == '\x91' ||
			    q[2] == '\x8B')) || (q[1] == '\x81' && q[2] == '\xA0'))) {
				if (q[2] == '\x91')
					*w++ = '-';
				q += 3;
			} else
				*w++ = *q++;
		}
		*w++ = '\n';
		*w = '\0';
		if (o->bom) {
			memcpy(buf, "\xEF\xBB\xBF", 3);
			t = buf;
		}
		*out = t;
		*olen = (size_t)(w - t);
	}
	return 0;
}

static int
is_prepped(xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlChar *v = root ? xmlGetProp(root, (const xmlChar *)"prepTime") : NULL;

	if (v == NULL)
		return 0;
	xmlFree(v);
	return 1;
}


/* The tree as XML (xml2rfc's --expand, --v2v3 and --preptool outputs), without the DTD. */
static int
dump_xml(struct arena *a, xmlDocPtr doc, char **out, size_t *olen, struct err *e)
{
	xmlBufferPtr b = xmlBufferCreate();
	xmlNodePtr root = xmlDocGetRootElement(doc);

	if (b == NULL || root == NULL) {
		if (b)
			xmlBufferFree(b);
		return err_set(e, 500, "render", "out of memory");
	}
	xmlNodeDump(b, doc, root, 0, 0);
	*out = arena_printf(a, "<?xml version='1.0' encoding='utf-8'?>\n%s\n", (const char *)xmlBufferContent(b));
	xmlBufferFree(b);
	if (*out == NULL)
		return err_set(e, 500, "render", "out of memory");
	*olen = strlen(*out);
	return 0;
}

/* R10: the public XML has no processing instructions, in <rfc> or around it; returns how many went. */
static int
strip_pis(xmlNodePtr parent)
{
	xmlNodePtr n = parent->children, next;
	int k = 0;

	for (; n != NULL; n = next) {
		next = n->next;
		if (n->type == XML_PI_NODE) {
			xmlUnlinkNode(n);
			xmlFreeNode(n);
			k++;
		} else if (n->type == XML_ELEMENT_NODE)
			k += strip_pis(n);
	}
	return k;
}

/* A v2 document: version="3" is missing on <rfc>. */
static int
is_v2(xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlChar *v = root ? xmlGetProp(root, (const xmlChar *)"version") : NULL;
	int v2 = v == NULL || strcmp((const char *)v, "3") != 0;

	if (v)
		xmlFree(v);
	return v2;
}

/* The v3 grammar, compiled once per process: a read-only schema that any number of validation
 * contexts may share (libxml2 allows it), so this is the one piece of process state here. */
static xmlRelaxNGPtr v3_schema;
static pthread_once_t v3_once = PTHREAD_ONCE_INIT;

static void
quiet(void *ctx, xmlErrorPtr err)
{
	(void)ctx;
	(void)err;
}

static void
v3_schema_load(void)
{
	xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewMemParserCtxt(rng_v3, (int)sizeof(rng_v3) - 1);

	if (pc == NULL)
		return;
	xmlRelaxNGSetParserStructuredErrors(pc, quiet, NULL);
	v3_schema = xmlRelaxNGParse(pc);
	xmlRelaxNGFreeParserCtxt(pc);
}

struct first_error {
	char	 msg[256];
	char	 path[256];
	int	 line;
	int	 set;
};

static void
keep_first(void *ctx, xmlErrorPtr err)
{
	struct first_error *f = ctx;
	size_t n;

	if (f->set || err == NULL)
		return;
	snprintf(f->msg, sizeof(f->msg), "%s", err->message ? err->message : "invalid");
	n = strlen(f->msg);
	while (n > 0 && (f->msg[n - 1] == '\n' || f->msg[n - 1] == ' '))
		f->msg[--n] = '\0';
	f->line = err->line;
	if (err->node) {
		xmlChar *p = xmlGetNodePath((xmlNodePtr)err->node);
		snprintf(f->path, sizeof(f->path), "%s", p ? (const char *)p : "");
		xmlFree(p);
	}
	f->set = 1;
}

/* xml2rfc validates the v3 document against its grammar before preparing it, and refuses what does
 * not follow it ("Did not expect element feedback there, at /rfc/x:feedback"). */
static int
validate_v3(xmlDocPtr doc, const char *path, struct err *e)
{
	xmlRelaxNGValidCtxtPtr vc;
	struct first_error f;
	int rc;

	if (rng_v3_valid(doc))
		return 0;	/* the usual case, decided without libxml2's validator (rng.c) */
	pthread_once(&v3_once, v3_schema_load);
	if (v3_schema == NULL || (vc = xmlRelaxNGNewValidCtxt(v3_schema)) == NULL)
		return 0;	/* no grammar to hold it to: render rather than refuse */
	memset(&f, 0, sizeof(f));
	xmlRelaxNGSetValidStructuredErrors(vc, keep_first, &f);
	rc = xmlRelaxNGValidateDoc(vc, doc);
	xmlRelaxNGFreeValidCtxt(vc);
	if (rc == 0)
		return 0;
	return err_set(e, 400, "render", "%s(%d): Error: %s, at %s", path, f.line, f.set ? f.msg : "Invalid document",
	    f.path);
}

/* Parse (with includes), convert v2, prepare, write: xml2rfc's own stages (render_int.h). */
int
render_text(struct arena *a, const char *xml, size_t len, const struct render_opts *o, char **out, size_t *olen,
    struct err *e)
{
	struct rfcxml_src src;
	struct prep_opts po;
	xmlDocPtr doc;

	memset(&src, 0, sizeof(src));
	src.xml = xml;
	src.len = len;
	src.path = o->path ? o->path : "draft.xml";
	src.fetch = o->fetch;
	src.ctx = o->fetch_ctx;
	if ((doc = rfcxml_parse(a, &src, e)) == NULL)
		return -1;
	if (o->stage == RENDER_EXPANDED_XML) {
		if (o->pis_removed != NULL)
			*o->pis_removed = strip_pis((xmlNodePtr)doc);
		return dump_xml(a, doc, out, olen, e);
	}
	if (is_prepped(doc))
		return o->stage ? dump_xml(a, doc, out, olen, e) : render_prepped(a, doc, o, out, olen, e);
	if (is_v2(doc) && v2v3_convert(a, doc, e) == -1)
		return -1;
	if (o->stage == RENDER_V3_XML)
		return dump_xml(a, doc, out, olen, e);
	if (validate_v3(doc, src.path, e) == -1)
		return -1;
	memset(&po, 0, sizeof(po));
	po.year = o->year;
	po.month = o->month;
	po.day = o->day;
	po.id_is_wip = 1;
	po.legacy_date = o->legacy_date;
	po.fetch = o->fetch;
	po.fetch_ctx = o->fetch_ctx;
	po.path = src.path;
	if (prep_document(a, doc, &po, e) == -1)
		return -1;
	if (o->stage == RENDER_PREPPED_XML)
		return dump_xml(a, doc, out, olen, e);
	return render_prepped(a, doc, o, out, olen, e);
}
