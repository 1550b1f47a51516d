/* render_page.c: render_paginate() and render_justify_inline() (render_int.h). The text writer's
 * lines cut into pages as xml2rfc 3.32's TextWriter does when pagination is on (its findblocks(),
 * paginate() and update_toc()), with the running header and footer of utils.justify_inline().
 * Called by the text writer after the lines are written. R69: XML-only submissions need this renderer. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "../core/arena.h"
#include "../core/err.h"
#include "../core/hash.h"
#include "render_int.h"

#define PAGE_WIDTH	72	/* the columns justify_inline() spreads a header or footer over */
#define PAGE_TEXT	48	/* lines of text on a page, furniture not counted */
#define PAGE_FIRST_TOP	4	/* page 1 has no running header: the writer's 4 leading blank lines stand in */
#define FOOT_GAP	3	/* blank lines between the text and the footer line */
#define HEAD_GAP	2	/* blank lines between the header line and the text */
#define SECTION_START	5	/* options.min_section_start_lines: fewer body lines under a heading move it */
#define ORPHANS		2	/* options.orphans: a block's last lines left alone at the foot of a page */
#define WIDOWS		2	/* options.widows: a block's last lines alone at the top of the next page */
#define HEADING_BACK	12	/* how far paginate() looks back for headings above a break on a blank line */
#define TITLE_MAX	40	/* page_top_center() keeps the first 40 characters of the short title */
#define LEADER_MAX	80	/* expand_ellipsis() takes its dots from ' .' * 40 */

struct pblock {
	size_t		 beg, end;	/* lines [beg, end]; end 0 = not yet known, as findblocks()'s None */
};

struct pageof {
	xmlNodePtr	 n;
	int		 page;
};

struct idref {
	const char	*id;
	int		 kind;		/* 0 anchor, 1 pn, 2 slugifiedName: get_element_from_id()'s order */
	size_t		 order;		/* document order */
	xmlNodePtr	 n;
};

/* ---- code points ---- */

/* UTF-8 to code points; a byte that starts no valid sequence becomes 0xDC00 + byte (as Python's
 * surrogateescape) so that encoding gives the same bytes back. */
static size_t
utf8_decode(const char *s, uint32_t *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;
	uint32_t c;
	int k, i;

	while (*p) {
		if (*p < 0x80) {
			out[n++] = *p++;
			continue;
		}
		k = (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2 : (*p & 0xF8) == 0xF0 ? 3 : 0;
		c = k == 1 ? (*p & 0x1Fu) : k == 2 ? (*p & 0x0Fu) : (*p & 0x07u);
		for (i = 1; k && i <= k; i++) {
			if ((p[i] & 0xC0) != 0x80)
				break;
			c = (c << 6) | (p[i] & 0x3Fu);
		}
		if (k == 0 || i <= k) {
			out[n++] = 0xDC00u + *p++;
			continue;
		}
		out[n++] = c;
		p += k + 1;
	}
	return n;
}

static char *
utf8_encode(struct arena *a, const uint32_t *v, size_t n)
{
	char *s = arena_alloc(a, n * 4 + 1), *q = s;
	size_t i;

	if (s == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		uint32_t c = v[i];

		if (c >= 0xDC80 && c <= 0xDCFF)
			*q++ = (char)(c - 0xDC00);
		else if (c < 0x80)
			*q++ = (char)c;
		else if (c < 0x800) {
			*q++ = (char)(0xC0 | (c >> 6));
			*q++ = (char)(0x80 | (c & 0x3F));
		} else if (c < 0x10000) {
			*q++ = (char)(0xE0 | (c >> 12));
			*q++ = (char)(0x80 | ((c >> 6) & 0x3F));
			*q++ = (char)(0x80 | (c & 0x3F));
		} else {
			*q++ = (char)(0xF0 | (c >> 18));
			*q++ = (char)(0x80 | ((c >> 12) & 0x3F));
			*q++ = (char)(0x80 | ((c >> 6) & 0x3F));
			*q++ = (char)(0x80 | (c & 0x3F));
		}
	}
	*q = '\0';
	return s;
}

/* Code points in s: Python's len(), which is what xml2rfc measures columns with. */
static size_t
cp_len(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* Python's str.isspace(), which the argument-less strip() of justify_inline() uses. */
static int
py_space(uint32_t c)
{
	return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 ||
	    c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
	    c == 0x205F || c == 0x3000;
}

/* xml2rfc's stripspace (" \t\n\r\f\v"): a line of only these is blank for pagination. */
static int
blank(const char *s)
{
	for (; *s; s++)
		if (strchr(" \t\n\r\f\v", *s) == NULL)
			return 0;
	return 1;
}

/* ---- the running header and footer ---- */

struct ustr {
	uint32_t	*v;
	size_t		 n;
};

static int
ustr_of(struct arena *a, const char *s, struct ustr *u, int lstrip)
{
	size_t off = 0;

	s = s ? s : "";
	if ((u->v = arena_calloc(a, strlen(s) + 1, sizeof(*u->v))) == NULL)
		return -1;
	u->n = utf8_decode(s, u->v);
	while (u->n > 0 && py_space(u->v[u->n - 1]))
		u->n--;
	while (lstrip && off < u->n && py_space(u->v[off]))
		off++;
	u->v += off;
	u->n -= off;
	return 0;
}

/* Python's s.center(width) into out (room for max(n, width)); returns its length. CPython puts the
 * odd space of the margin on the left only when both the margin and the width are odd. */
static size_t
py_center(const struct ustr *s, size_t width, uint32_t *out)
{
	size_t marg, left, i;

	if (s->n >= width) {
		memcpy(out, s->v, s->n * sizeof(*out));
		return s->n;
	}
	marg = width - s->n;
	left = marg / 2 + (marg & width & 1);
	for (i = 0; i < width; i++)
		out[i] = i >= left && i < left + s->n ? s->v[i - left] : ' ';
	return width;
}

const char *
render_justify_inline(struct arena *a, const char *left, const char *center, const char *right)
{
	struct ustr s[3];
	uint32_t *cv, *rv, *ov;
	size_t sum, longest, cut, cn, rn, on, cw, i;

	if (ustr_of(a, left, &s[0], 0) == -1 || ustr_of(a, center, &s[1], 1) == -1 ||
	    ustr_of(a, right, &s[2], 1) == -1)
		return NULL;
	/* Too long together: the longest part (the first of equals) loses its end. */
	sum = s[0].n + s[1].n + s[2].n;
	if (sum > PAGE_WIDTH) {
		longest = 0;
		for (i = 1; i < 3; i++)
			if (s[i].n > s[longest].n)
				longest = i;
		cut = sum - PAGE_WIDTH;
		s[longest].n = cut >= s[longest].n ? 0 : s[longest].n - cut;
	}
	/* An odd-length centre is centred on 73 columns, which moves it half a column right. */
	cw = s[1].n % 2 == 0 ? PAGE_WIDTH : PAGE_WIDTH + 1;
	on = s[0].n > PAGE_WIDTH ? s[0].n : PAGE_WIDTH;
	if ((cv = arena_calloc(a, s[1].n + cw + 1, sizeof(*cv))) == NULL ||
	    (rv = arena_calloc(a, s[2].n + PAGE_WIDTH + 1, sizeof(*rv))) == NULL ||
	    (ov = arena_calloc(a, on + 1, sizeof(*ov))) == NULL)
		return NULL;
	cn = py_center(&s[1], cw, cv);
	rn = s[2].n >= PAGE_WIDTH ? s[2].n : PAGE_WIDTH;
	for (i = 0; i < rn; i++)
		rv[i] = i + s[2].n >= rn ? s[2].v[i + s[2].n - rn] : ' ';
	/* The centre shows over the left part, the right part only where both are spaces. */
	for (i = 0; i < on; i++) {
		uint32_t c = i < cn ? cv[i] : ' ', r = i < rn ? rv[i] : ' ';

		ov[i] = c != ' ' ? c : r != ' ' ? r : i < s[0].n ? s[0].v[i] : ' ';
	}
	return utf8_encode(a, ov, on);
}

/* ---- element facts ---- */

static int
is_tag(xmlNodePtr n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->name[0] == (xmlChar)name[0] &&
	    strcmp((const char *)n->name, name) == 0;
}

static int
tag_in(xmlNodePtr n, const char *const *names)
{
	for (; *names; names++)
		if (is_tag(n, *names))
			return 1;
	return 0;
}

static int
attr_true(xmlNodePtr n, const char *name)
{
	xmlChar *v;
	int r;

	if (n == NULL || n->type != XML_ELEMENT_NODE || (v = xmlGetProp(n, (const xmlChar *)name)) == NULL)
		return 0;
	r = strcmp((const char *)v, "true") == 0;
	xmlFree(v);
	return r;
}

/* lxml's getnext(): the next sibling that is an element, a comment, a PI or an entity reference. */
static xmlNodePtr
next_sibling(xmlNodePtr n)
{
	for (n = n->next; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE || n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE ||
		    n->type == XML_ENTITY_REF_NODE)
			return n;
	return NULL;
}

/* The element pagination sees for a line. xml2rfc gives a section's heading lines the <section>
 * itself; a writer that gives them the section's <name> is read the same way. */
static xmlNodePtr
line_elem(const struct rline *l)
{
	xmlNodePtr n = l->elem;

	if (is_tag(n, "name") && is_tag(n->parent, "section"))
		return n->parent;
	return n;
}

static int
keeps_next(xmlNodePtr n)
{
	xmlNodePtr nx;

	return attr_true(n, "keepWithNext") || ((nx = next_sibling(n)) != NULL && attr_true(nx, "keepWithPrevious")) ||
	    is_tag(n, "section");
}

/* ---- blocks: findblocks() ---- */

/* Runs of lines that are kept together: an element's lines, joined to the previous element's when
 * that one is a section heading or asks keepWithNext (or this one keepWithPrevious); blank lines end
 * a block unless it is being kept. Sets each line's block (-1 for lines without an element). */
static int
find_blocks(struct arena *a, struct rline *w, size_t n, struct pblock **bp, size_t *nbp)
{
	/* Elements whose own line.keep does not override the keep carried from the previous element. */
	static const char *const carry[] = { "t", "dl", "dt", "figure", "ol", "table", "ul", NULL };
	struct pblock *b = NULL;
	size_t i, nb = 0, cap = 0;
	xmlNodePtr elem = NULL, e;
	int keep = 0;

	for (i = 0; i < n; i++) {
		w[i].block = -1;
		e = line_elem(&w[i]);
		if (e == NULL) {
			if (nb > 0 && !keep && b[nb - 1].end == 0)
				b[nb - 1].end = i;
			continue;
		}
		if (e != elem) {
			elem = e;
			if (!tag_in(e, carry))
				keep = w[i].keep;
			if (!keep || nb == 0) {
				if ((b = arena_grow(a, b, nb, &cap, sizeof(*b))) == NULL)
					return -1;
				if (nb > 0 && b[nb - 1].end == 0)
					b[nb - 1].end = i;
				b[nb].beg = i;
				b[nb].end = 0;
				nb++;
			}
			keep = keeps_next(e);
		}
		w[i].block = (int)(nb - 1);
	}
	if (nb > 0)
		b[nb - 1].end = n - 1;
	*bp = b;
	*nbp = nb;
	return 0;
}

/* ---- page breaks: paginate() ---- */

/* Where the page that starts at line start and would break at target (< n) breaks, and how many
 * blank lines pad it: not right under a section heading, not inside a figure or table that fits a
 * page, not leaving one or two lines of a block alone on either side. */
static size_t
page_break(const struct rline *w, const struct pblock *b, size_t start, size_t target, size_t *pad)
{
	static const char *const whole[] = { "artset", "artwork", "figure", "sourcecode", "table", NULL };
	const struct pblock *bl;
	xmlNodePtr e;
	size_t brk = target, i, k, r, olen, wlen, blen, tcount;
	int found = 0, j, hit;

	*pad = 0;
	if (w[target].block < 0) {
		/* A blank line: move up past headings found within 3 lines above, and again above those. */
		i = target;
		while (i + HEADING_BACK > target) {
			hit = 0;
			for (j = 1; j <= 3 && (size_t)j <= i; j++) {
				k = i - (size_t)j;
				if (is_tag(line_elem(&w[k]), "section")) {
					found = hit = 1;
					i = k;
					break;
				}
			}
			if (!hit)
				break;
		}
		if (found) {
			*pad = target - i;
			brk = i;
		}
	} else {
		bl = &b[w[target].block];
		olen = target - bl->beg;		/* lines of the block left on this page */
		wlen = bl->end > target ? bl->end - target : 0;	/* lines it puts on the next */
		blen = bl->end - bl->beg;
		e = line_elem(&w[bl->beg]);
		if (is_tag(e, "section")) {
			tcount = 0;
			for (r = bl->beg; r < target; r++)
				if (line_elem(&w[r]) != NULL && !is_tag(line_elem(&w[r]), "section"))
					tcount++;
			if (tcount <= SECTION_START) {
				*pad += brk - bl->beg;
				brk = bl->beg;
			}
		} else if (tag_in(e, whole)) {
			if (blen < PAGE_TEXT || olen <= SECTION_START) {
				*pad += brk - bl->beg;
				brk = bl->beg;
			}
		} else if (((olen >= 1 && olen <= ORPHANS && blen > olen) ||
		    (wlen >= 1 && wlen <= WIDOWS && blen > wlen)) && start + olen < brk) {
			brk -= olen;
			*pad += olen;
		}
	}
	/* A block that began on an earlier page would move the break to or above this page's start:
	 * xml2rfc would loop there for ever; break where the page is full instead. */
	if (brk <= start) {
		brk = target;
		*pad = 0;
	}
	return brk;
}

static int
push(struct arena *a, struct rlines *out, const struct rline *l, const char *text, int page)
{
	struct rline *v;

	if ((v = arena_grow(a, out->v, out->n, &out->cap, sizeof(*v))) == NULL)
		return -1;
	out->v = v;
	if (l != NULL)
		v[out->n] = *l;
	else
		v[out->n] = (struct rline){ text, NULL, 0, 0, -1 };
	v[out->n].page = page;
	out->n++;
	return 0;
}

static int
push_blank(struct arena *a, struct rlines *out, size_t count, int page)
{
	for (; count > 0; count--)
		if (push(a, out, NULL, "", page) == -1)
			return -1;
	return 0;
}

static int
paginate(struct arena *a, const struct rline *w, size_t n, const struct pblock *b, const struct page_furniture *f,
    struct rlines *out)
{
	const char *header, *footer, *title, *p;
	char num[32];
	size_t start = 0, target = PAGE_FIRST_TOP + PAGE_TEXT, brk, pad, i;
	int page = 1;

	/* page_top_center(): the short title cut to 40 characters before it is centred. */
	title = f->top_center ? f->top_center : "";
	for (i = 0, p = title; *p; p++)
		if (((unsigned char)*p & 0xC0) != 0x80 && i++ == TITLE_MAX)
			break;
	if ((title = arena_strndup(a, title, (size_t)(p - title))) == NULL ||
	    (header = render_justify_inline(a, f->top_left, title, f->top_right)) == NULL)
		return -1;
	while (start < n) {
		snprintf(num, sizeof(num), "[Page %d]", page);
		if ((footer = render_justify_inline(a, f->bottom_left, f->bottom_center, num)) == NULL)
			return -1;
		if (target >= n) {
			/* The rest fits: the last page, padded to full length. */
			brk = target;
			pad = target - n;
			target = n - 1;
		} else
			brk = page_break(w, b, start, target, &pad);
		if (page > 1 && (push(a, out, NULL, "\f", page) == -1 || push(a, out, NULL, header, page) == -1 ||
		    push_blank(a, out, HEAD_GAP, page) == -1))
			return -1;
		for (i = start; i < brk && i < n; i++)
			if (push(a, out, &w[i], NULL, page) == -1)
				return -1;
		if (push_blank(a, out, pad + FOOT_GAP, page) == -1 || push(a, out, NULL, footer, page) == -1)
			return -1;
		/* Blank lines at the top of the next page are dropped. */
		for (start = brk; start < n && blank(w[start].text); start++)
			;
		target = start + PAGE_TEXT;
		page++;
	}
	return 0;
}

/* ---- the table of contents: update_toc() ---- */

/* The tables update_toc() looks elements up in are open-addressed hashes, a power of two of slots at
 * least twice their entries, each built in one pass: sorting them for binary searches was 3% of a
 * large draft's rendering. */
static size_t
slots_for(size_t n)
{
	size_t cap = 16;

	while (cap < 2 * n + 2)
		cap *= 2;
	return cap;
}

static size_t
ptr_hash(const void *p)
{
	uint64_t x = (uint64_t)(uintptr_t)p;

	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return (size_t)x;
}

struct pagemap {
	struct pageof	*slot;		/* n NULL: free */
	size_t		 mask;
};

/* The page of each element that has lines: the last page one of its lines is on, as paginate() sets
 * elem.page line after line. */
static int
page_table(struct arena *a, const struct rlines *out, struct pagemap *m)
{
	size_t i, j, cap = slots_for(out->n);

	if ((m->slot = arena_calloc(a, cap, sizeof(*m->slot))) == NULL)
		return -1;
	m->mask = cap - 1;
	for (i = 0; i < out->n; i++)
		if (out->v[i].elem != NULL && out->v[i].elem->type != XML_PI_NODE &&
		    out->v[i].elem->type != XML_COMMENT_NODE) {
			xmlNodePtr e = line_elem(&out->v[i]);
			for (j = ptr_hash(e) & m->mask; m->slot[j].n != NULL && m->slot[j].n != e; j = (j + 1) & m->mask)
				;
			if (m->slot[j].n == NULL || out->v[i].page > m->slot[j].page) {
				m->slot[j].n = e;
				m->slot[j].page = out->v[i].page;
			}
		}
	return 0;
}

static int
page_lookup(const struct pagemap *m, xmlNodePtr e)
{
	size_t j;

	for (j = ptr_hash(e) & m->mask; m->slot[j].n != NULL; j = (j + 1) & m->mask)
		if (m->slot[j].n == e)
			return m->slot[j].page;
	return 0;
}

/* get_element_page(): the element's page, else its nearest ancestor's that has one. */
static int
element_page(const struct pagemap *m, xmlNodePtr e)
{
	int page;

	for (; e != NULL && e->type == XML_ELEMENT_NODE; e = e->parent)
		if ((page = page_lookup(m, e)) > 0)
			return page;
	return 0;
}

static size_t
id_hash(int kind, const char *id)
{
	return hash_fnv1a_str(HASH_FNV1A_INIT ^ (uint32_t)kind, id);
}

struct idmap {
	struct idref	*slot;		/* id NULL: free */
	size_t		 mask;
};

/* Every element below root with an anchor, a pn or a slugifiedName, for id_lookup(): of those with the
 * same kind and value, the first in document order. */
static int
id_table(struct arena *a, xmlNodePtr root, struct idmap *m)
{
	static const char *const kinds[] = { "anchor", "pn", "slugifiedName" };
	struct idref *t = NULL;
	size_t n = 0, cap = 0, order = 0;
	xmlNodePtr c = root->children;
	xmlChar *v;
	int k;

	while (c != NULL && c != root) {
		if (c->type == XML_ELEMENT_NODE) {
			for (k = 0; k < 3; k++) {
				/* xmlGetProp()'s answer, read in place when the attribute is one text node (the
				 * tree does not change while the table is used), or when it is absent and no
				 * internal DTD subset can give a default: this ran for every element thrice */
				xmlAttrPtr at;
				const char *id = NULL;
				for (at = c->properties; at != NULL; at = at->next)
					if (strcmp((const char *)at->name, kinds[k]) == 0)
						break;
				if (at != NULL && at->children != NULL && at->children->next == NULL &&
				    at->children->type == XML_TEXT_NODE && at->children->content != NULL)
					id = (const char *)at->children->content;
				else if (at != NULL || c->doc == NULL || c->doc->intSubset != NULL) {
					if ((v = xmlGetProp(c, (const xmlChar *)kinds[k])) == NULL)
						continue;
					id = arena_strdup(a, (const char *)v);
					xmlFree(v);
					if (id == NULL)
						return -1;
				} else
					continue;
				if ((t = arena_grow(a, t, n, &cap, sizeof(*t))) == NULL)
					return -1;
				t[n].id = id;
				t[n].kind = k;
				t[n].order = order;
				t[n++].n = c;
			}
			order++;
			if (c->children != NULL) {
				c = c->children;
				continue;
			}
		}
		while (c != root && c->next == NULL)
			c = c->parent;
		if (c != root)
			c = c->next;
	}
	cap = slots_for(n);
	if ((m->slot = arena_calloc(a, cap, sizeof(*m->slot))) == NULL)
		return -1;
	m->mask = cap - 1;
	for (order = 0; order < n; order++) {	/* in document order: the first of a key stays */
		size_t j = id_hash(t[order].kind, t[order].id) & m->mask;
		while (m->slot[j].id != NULL && !(m->slot[j].kind == t[order].kind && strcmp(m->slot[j].id, t[order].id) == 0))
			j = (j + 1) & m->mask;
		if (m->slot[j].id == NULL)
			m->slot[j] = t[order];
	}
	return 0;
}

/* get_element_from_id(): the first element in document order with anchor = id, else pn, else
 * slugifiedName (a ToC entry's title xref names the section's <name> by its slugifiedName). */
static xmlNodePtr
id_lookup(const struct idmap *m, const char *id)
{
	size_t j;
	int k;

	for (k = 0; k < 3; k++)
		for (j = id_hash(k, id) & m->mask; m->slot[j].id != NULL; j = (j + 1) & m->mask)
			if (m->slot[j].kind == k && strcmp(m->slot[j].id, id) == 0)
				return m->slot[j].n;
	return NULL;
}

/* ElementPath's './/xref[2]': the first <xref> below e, in document order, that is the second <xref>
 * child of its parent (in a ToC entry, the title after the number). */
static xmlNodePtr
second_xref(xmlNodePtr e)
{
	xmlNodePtr c = e->children, s;
	int before;

	while (c != NULL && c != e) {
		if (is_tag(c, "xref")) {
			before = 0;
			for (s = c->prev; s; s = s->prev)
				before += is_tag(s, "xref");
			if (before == 1)
				return c;
		}
		if (c->type == XML_ELEMENT_NODE && c->children != NULL) {
			c = c->children;
			continue;
		}
		while (c != e && c->next == NULL)
			c = c->parent;
		if (c != e)
			c = c->next;
	}
	return NULL;
}

/* The ToC line with its page number: xml2rfc appends U+2026 and the xref's pageno ("0000" until
 * paginated) to the entry, and render_li() turns that into dot leaders ending in column 72 (the
 * widths of nested lists add up so in every corpus ToC). A writer may hand the line over either way:
 * raw ("...Title\u20260000", expanded here) or expanded ("...Title . . . .0000", the number replaced).
 * Other lines come back as they are. */
static const char *
toc_fill(struct arena *a, const char *text, int page)
{
	static const char ell[] = "\xe2\x80\xa6";
	const char *p, *last = NULL, *d;
	char tail[16], dots[LEADER_MAX + 1];
	size_t len = strlen(text), lack, i;
	char *head;

	for (p = text; (p = strstr(p, ell)) != NULL; p += 3)
		last = p;
	if (last != NULL && last[3] != '\0') {
		for (d = last + 3; *d >= '0' && *d <= '9'; d++)
			;
		if (*d == '\0') {
			if (page > 0)
				snprintf(tail, sizeof(tail), "%4d", page);
			else
				snprintf(tail, sizeof(tail), "%s", last + 3);
			if ((head = arena_printf(a, "%.*s ", (int)(last - text), text)) == NULL)
				return NULL;
			lack = cp_len(head) + cp_len(tail) < PAGE_WIDTH ? PAGE_WIDTH - cp_len(head) - cp_len(tail) : 0;
			if (lack > LEADER_MAX)
				lack = LEADER_MAX;
			/* the last lack characters of " . . . .", which end on a dot */
			for (i = 0; i < LEADER_MAX; i++)
				dots[i] = i % 2 ? '.' : ' ';
			dots[LEADER_MAX] = '\0';
			return arena_printf(a, "%s%s%s", head, dots + (LEADER_MAX - lack), tail);
		}
	}
	if (page > 0 && len >= 5 && strcmp(text + len - 4, "0000") == 0 &&
	    (text[len - 5] == '.' || text[len - 5] == ' '))
		return arena_printf(a, "%.*s%4d", (int)(len - 4), text, page);
	return text;
}

static xmlNodePtr
first_child(xmlNodePtr n, const char *name)
{
	for (n = n ? n->children : NULL; n; n = n->next)
		if (is_tag(n, name))
			return n;
	return NULL;
}

/* update_toc(): when the document asks for a ToC, each entry's line gets the page its target
 * starts on (the <section> or its <name>, through anchor, pn or slugifiedName). The entries are the
 * lines from the ToC heading to the next section heading; the heading and the blank after it stay. */
static int
update_toc(struct arena *a, struct rlines *out)
{
	static const char *const entry[] = { "li", "t", NULL };
	struct pagemap pt;
	struct idmap it;
	xmlNodePtr root = NULL, front, toc = NULL, e, x, target;
	size_t i, toc_start = 0, toc_end = 0;
	int in_toc = 0, *pages, page;
	xmlChar *v;

	for (i = 0; i < out->n && root == NULL; i++)
		if (out->v[i].elem != NULL && out->v[i].elem->doc != NULL)
			root = xmlDocGetRootElement(out->v[i].elem->doc);
	if (root == NULL || !attr_true(root, "tocInclude"))
		return 0;
	/* './front/toc/section': the first match over every front and toc */
	for (front = root->children; front && toc == NULL; front = front->next) {
		if (!is_tag(front, "front"))
			continue;
		for (x = front->children; x && toc == NULL; x = x->next)
			if (is_tag(x, "toc"))
				toc = first_child(x, "section");
	}
	if (toc == NULL)
		return 0;
	if (page_table(a, out, &pt) == -1 || id_table(a, root, &it) == -1 ||
	    (pages = arena_calloc(a, out->n + 1, sizeof(*pages))) == NULL)
		return -1;
	for (i = 0; i < out->n; i++) {
		if ((e = line_elem(&out->v[i])) == NULL)
			continue;
		if (e == toc) {
			in_toc = 1;
			toc_start = i;
		} else if (in_toc && is_tag(e, "section")) {
			toc_end = i;
			break;
		} else if (in_toc && tag_in(e, entry) && (x = second_xref(e)) != NULL) {
			page = 0;
			if ((v = xmlGetProp(x, (const xmlChar *)"target")) != NULL) {
				if ((target = id_lookup(&it, (const char *)v)) != NULL)
					page = element_page(&pt, target);
				xmlFree(v);
			}
			pages[i] = page;
		}
	}
	if (toc_start == 0 || toc_end == 0)
		return 0;
	for (i = toc_start + 2; i < toc_end; i++) {
		/* a raw placeholder is expanded even when its page is unknown ("0000" stays) */
		if (out->v[i].elem == NULL)
			continue;
		if ((out->v[i].text = toc_fill(a, out->v[i].text, pages[i])) == NULL)
			return -1;
	}
	return 0;
}

int
render_paginate(struct arena *a, const struct rlines *in, const struct page_furniture *f, struct rlines *out,
    struct err *e)
{
	struct rline *w;
	struct pblock *b = NULL;
	size_t nb = 0;

	memset(out, 0, sizeof(*out));
	if (in->n == 0)
		return 0;
	/* a copy: findblocks() writes each line's block */
	if ((w = arena_calloc(a, in->n, sizeof(*w))) == NULL)
		return err_set(e, 500, "render", "Out of memory while paginating.");
	memcpy(w, in->v, in->n * sizeof(*w));
	if (find_blocks(a, w, in->n, &b, &nb) == -1 || paginate(a, w, in->n, b, f, out) == -1 ||
	    update_toc(a, out) == -1)
		return err_set(e, 500, "render", "Out of memory while paginating.");
	return 0;
}
