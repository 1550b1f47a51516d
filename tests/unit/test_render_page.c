/* test_render_page.c: render_paginate() and render_justify_inline() (src/draft/render_page.c): page
 * breaks on synthetic line arrays over small libxml2 trees (a short document, a break under a heading,
 * orphans, widows, figures, keepWithNext, blank lines at a page top, the ToC's page numbers), the
 * running header and footer, and an approximation over the corpus: each golden unpaginated rendering
 * cut into elements by its layout and paginated, compared with xml2rfc's paginated rendering.
 * R69: XML-only submissions need this renderer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testlib.h"

#include <libxml/tree.h>

#include "core/arena.h"
#include "draft/render_int.h"

#define CORPUS		"../shared/corpus/"
#define CASES		CORPUS "render-golden/CASES.tsv"
#define GOLDEN_FLOOR	170	/* of 306: 174 match today; most others break at artwork the layout hides */

static const struct page_furniture furn = { "Internet-Draft", "Paging Tests", "November 2026", "Doe",
	"Expires 26 May 2027" };

/* ---- building lines ---- */

static void
add(struct arena *a, struct rlines *l, const char *text, xmlNodePtr e)
{
	l->v = arena_grow(a, l->v, l->n, &l->cap, sizeof(*l->v));
	assert_non_null(l->v);
	l->v[l->n++] = (struct rline){ arena_strdup(a, text), e, 0, 0, -1 };
}

static void
blanks(struct arena *a, struct rlines *l, int n)
{
	while (n-- > 0)
		add(a, l, "", NULL);
}

/* n lines of one element, each "   <tag> <line number>" */
static void
para(struct arena *a, struct rlines *l, xmlNodePtr e, int n)
{
	char buf[64];

	while (n-- > 0) {
		snprintf(buf, sizeof(buf), "   %s %zu", (const char *)e->name, l->n);
		add(a, l, buf, e);
	}
}

static void
free_doc(void *p)
{
	xmlFreeDoc(p);
}

static xmlDocPtr
new_doc(struct arena *a, xmlNodePtr *middle)
{
	xmlDocPtr d = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewNode(NULL, BAD_CAST "rfc");

	xmlDocSetRootElement(d, root);
	assert_int_equal(arena_defer(a, free_doc, d), 0);
	*middle = xmlNewChild(root, NULL, BAD_CAST "middle", NULL);
	return d;
}

static xmlNodePtr
el(xmlNodePtr parent, const char *name)
{
	return xmlNewChild(parent, NULL, BAD_CAST name, NULL);
}

/* Paginates and returns the index in out of the first line of page p's text (after its header). */
static size_t
page_text(const struct rlines *out, int p)
{
	size_t i;

	for (i = 0; i < out->n; i++)
		if (out->v[i].page == p)
			return p == 1 ? i : i + 4;	/* "\f", header, two blank lines */
	fail_msg("no page %d", p);
	return 0;
}

static void
paginate(struct arena *a, const struct rlines *in, struct rlines *out)
{
	struct err e = { 0 };

	assert_int_equal(render_paginate(a, in, &furn, out, &e), 0);
}

/* The line of input line i in the output (they share their text). */
static size_t
where(const struct rlines *in, const struct rlines *out, size_t i)
{
	size_t j;

	for (j = 0; j < out->n; j++)
		if (out->v[j].text == in->v[i].text)
			return j;
	fail_msg("input line %zu not in the output", i);
	return 0;
}

/* Fills lines 4.. with blank-separated 3-line paragraphs up to (not including) line `to`. */
static void
fill_to(struct arena *a, struct rlines *l, xmlNodePtr parent, size_t to)
{
	while (l->n + 4 <= to) {
		para(a, l, el(parent, "t"), 3);
		blanks(a, l, 1);
	}
	while (l->n < to)
		para(a, l, el(parent, "t"), 1);
}

/* ---- synthetic cases ---- */

/* R69: a document shorter than a page is one page, padded to 52 lines, with the footer. */
static void
test_r69_short_document(void **state)
{
	struct arena a;
	struct rlines in = { 0 }, out;
	xmlNodePtr m, s;
	size_t i;

	(void)state;
	arena_init(&a, 0);
	new_doc(&a, &m);
	blanks(&a, &in, 4);
	s = el(m, "section");
	add(&a, &in, "1.  Introduction", s);
	blanks(&a, &in, 1);
	para(&a, &in, el(s, "t"), 2);
	paginate(&a, &in, &out);
	assert_int_equal(out.n, 52 + 3 + 1);
	for (i = 0; i < out.n; i++) {
		assert_int_equal(out.v[i].page, 1);
		assert_string_not_equal(out.v[i].text, "\f");
	}
	assert_string_equal(out.v[4].text, "1.  Introduction");
	assert_string_equal(out.v[8].text, "");
	assert_string_equal(out.v[55].text,
	    "Doe                        Expires 26 May 2027                  [Page 1]");
	arena_release(&a);
}

/* R69: the break would fall two lines under a heading: the heading goes to the next page. */
static void
test_r69_break_after_heading(void **state)
{
	struct arena a;
	struct rlines in = { 0 }, out;
	xmlNodePtr m, s;
	size_t p2;

	(void)state;
	arena_init(&a, 0);
	new_doc(&a, &m);
	blanks(&a, &in, 4);
	fill_to(&a, &in, m, 49);
	blanks(&a, &in, 1);
	s = el(m, "section");
	add(&a, &in, "2.  Heading", s);		/* line 50 */
	blanks(&a, &in, 1);
	para(&a, &in, el(s, "t"), 9);		/* 52..60 */
	paginate(&a, &in, &out);
	/* page 1: lines 0..49, 2 lines of padding, 3 blank lines, the footer */
	assert_string_equal(out.v[55].text,
	    "Doe                        Expires 26 May 2027                  [Page 1]");
	assert_string_equal(out.v[50].text, "");
	assert_string_equal(out.v[56].text, "\f");
	assert_string_equal(out.v[57].text,
	    "Internet-Draft                Paging Tests                 November 2026");
	p2 = page_text(&out, 2);
	assert_string_equal(out.v[p2].text, "2.  Heading");
	assert_int_equal(where(&in, &out, 50), p2);
	arena_release(&a);
}

/* R69: the break falls on the blank line under a heading followed by a list: it moves above the
 * heading (findblocks() starts a new block at an <li>, so the heading's block ends there). */
static void
test_r69_break_on_blank_under_heading(void **state)
{
	struct arena a;
	struct rlines in = { 0 }, out;
	xmlNodePtr m, s, ul;

	(void)state;
	arena_init(&a, 0);
	new_doc(&a, &m);
	blanks(&a, &in, 4);
	fill_to(&a, &in, m, 50);
	blanks(&a, &in, 1);			/* 50 */
	s = el(m, "section");
	add(&a, &in, "3.  Lists", s);		/* 51 */
	blanks(&a, &in, 1);			/* 52: the projected break */
	ul = el(s, "ul");
	para(&a, &in, el(ul, "li"), 2);
	para(&a, &in, el(ul, "li"), 2);
	paginate(&a, &in, &out);
	assert_int_equal(where(&in, &out, 51), page_text(&out, 2));
	assert_int_equal(out.v[where(&in, &out, 49)].page, 1);
	arena_release(&a);
}

/* R69: a paragraph whose first line would be alone at the foot of the page (an orphan) starts the
 * next page; one whose last line would be alone at its top (a widow) moves whole. */
static void
test_r69_orphan_and_widow(void **state)
{
	struct arena a;
	struct rlines in = { 0 }, out;
	xmlNodePtr m;

	(void)state;
	arena_init(&a, 0);
	new_doc(&a, &m);
	blanks(&a, &in, 4);
	fill_to(&a, &in, m, 50);
	blanks(&a, &in, 1);			/* 50 */
	para(&a, &in, el(m, "t"), 10);		/* 51..60: one line left at line 51 */
	paginate(&a, &in, &out);
	assert_int_equal(where(&in, &out, 51), page_text(&out, 2));
	arena_release(&a);

	memset(&in, 0, sizeof(in));
	arena_init(&a, 0);
	new_doc(&a, &m);
	blanks(&a, &in, 4);
	fill_to(&a, &in, m, 43);
	blanks(&a, &in, 1);			/* 43 */
	para(&a, &in, el(m, "t"), 9);		/* 44..52: line 52 alone on page 2 */
	blanks(&a, &in, 1);
	para(&a, &in, el(m, "t"), 3);
	paginate(&a, &in, &out);
	assert_int_equal(where(&in, &out, 44), page_text(&out, 2));
	assert_int_equal(out.v[where(&in, &out, 42)].page, 1);
	arena_release(&a);
}

/* R69: a figure shorter than a page is not split; keepWithNext carries a paragraph along with the
 * next one. */
static void
test_r69_figure_and_keep_with_next(void **state)
{
	struct arena a;
	struct rlines in = { 0 }, out;
	xmlNodePtr m, t;

	(void)state;
	arena_init(&a, 0);
	new_doc(&a, &m);
	blanks(&a, &in, 4);
	fill_to(&a, &in, m, 44);
	blanks(&a, &in, 1);			/* 44 */
	para(&a, &in, el(el(m, "figure"), "artwork"), 12);	/* 45..56 */
	blanks(&a, &in, 1);
	para(&a, &in, el(m, "t"), 3);
	paginate(&a, &in, &out);
	assert_int_equal(where(&in, &out, 45), page_text(&out, 2));
	arena_release(&a);

	memset(&in, 0, sizeof(in));
	arena_init(&a, 0);
	new_doc(&a, &m);
	blanks(&a, &in, 4);
	fill_to(&a, &in, m, 39);
	blanks(&a, &in, 1);			/* 39 */
	t = el(m, "t");
	xmlNewProp(t, BAD_CAST "keepWithNext", BAD_CAST "true");
	para(&a, &in, t, 4);			/* 40..43, kept with the next */
	blanks(&a, &in, 1);			/* 44 */
	para(&a, &in, el(m, "t"), 8);		/* 45..52: a widow at 52 */
	blanks(&a, &in, 1);
	para(&a, &in, el(m, "t"), 3);
	paginate(&a, &in, &out);
	/* without keepWithNext the break would be at 45 */
	assert_int_equal(where(&in, &out, 40), page_text(&out, 2));
	arena_release(&a);
}

/* R69: blank lines where a page ends are not carried to the top of the next. */
static void
test_r69_page_ends_on_blank_lines(void **state)
{
	struct arena a;
	struct rlines in = { 0 }, out;
	xmlNodePtr m;

	(void)state;
	arena_init(&a, 0);
	new_doc(&a, &m);
	blanks(&a, &in, 4);
	fill_to(&a, &in, m, 51);
	blanks(&a, &in, 3);			/* 51..53 */
	para(&a, &in, el(m, "t"), 3);		/* 54.. */
	paginate(&a, &in, &out);
	assert_int_equal(where(&in, &out, 54), page_text(&out, 2));
	assert_int_equal(out.n, 56 * 2);
	arena_release(&a);
}

/* R69: the ToC's placeholders get the page of the xref's target (a section's <name> by its
 * slugifiedName, or a section by anchor), written raw or already expanded. */
static void
test_r69_toc_page_numbers(void **state)
{
	struct arena a;
	struct rlines in = { 0 }, out;
	xmlNodePtr m, root, toc, ul, t1, t2, x, s1, s2, n1;
	xmlDocPtr d;

	(void)state;
	arena_init(&a, 0);
	d = new_doc(&a, &m);
	root = xmlDocGetRootElement(d);
	xmlNewProp(root, BAD_CAST "tocInclude", BAD_CAST "true");
	toc = el(el(xmlNewChild(root, NULL, BAD_CAST "front", NULL), "toc"), "section");
	xmlAddPrevSibling(m, toc->parent->parent);
	ul = el(toc, "ul");
	t1 = el(el(ul, "li"), "t");
	x = el(t1, "xref");
	xmlNewProp(x, BAD_CAST "target", BAD_CAST "section-1");
	x = el(t1, "xref");
	xmlNewProp(x, BAD_CAST "target", BAD_CAST "name-introduction");
	t2 = el(el(ul, "li"), "t");
	x = el(t2, "xref");
	x = el(t2, "xref");
	xmlNewProp(x, BAD_CAST "target", BAD_CAST "raw");
	s1 = el(m, "section");
	xmlNewProp(s1, BAD_CAST "pn", BAD_CAST "section-1");
	n1 = el(s1, "name");
	xmlNewProp(n1, BAD_CAST "slugifiedName", BAD_CAST "name-introduction");
	s2 = el(s1, "section");
	xmlNewProp(s2, BAD_CAST "anchor", BAD_CAST "raw");

	blanks(&a, &in, 4);
	add(&a, &in, "Table of Contents", toc);
	blanks(&a, &in, 1);
	add(&a, &in, "   1.  Introduction  . . . . . . . . . . . . . . . . . . . . . . . .0000", t1);
	add(&a, &in, "     1.1.  Raw form\xe2\x80\xa6" "0000", t2);
	blanks(&a, &in, 1);
	add(&a, &in, "1.  Introduction", s1);	/* line 10 */
	blanks(&a, &in, 1);
	fill_to(&a, &in, s1, 56);
	blanks(&a, &in, 1);
	add(&a, &in, "1.1.  Raw form", s2);	/* line 57: page 2 */
	blanks(&a, &in, 1);
	para(&a, &in, el(s2, "t"), 3);
	paginate(&a, &in, &out);
	assert_string_equal(out.v[6].text,
	    "   1.  Introduction  . . . . . . . . . . . . . . . . . . . . . . . .   1");
	assert_string_equal(out.v[7].text,
	    "     1.1.  Raw form  . . . . . . . . . . . . . . . . . . . . . . . .   2");
	assert_int_equal(out.v[where(&in, &out, 57)].page, 2);

	/* no tocInclude="true": the lines stay as they are */
	xmlUnsetProp(root, BAD_CAST "tocInclude");
	paginate(&a, &in, &out);
	assert_string_equal(out.v[6].text, in.v[6].text);
	arena_release(&a);
}

/* R69: header and footer spacing (golden lines of xml2rfc), an odd-length centre, a title longer
 * than 40 characters, and parts too long together. */
static void
test_r69_justify_inline(void **state)
{
	struct arena a;
	struct rlines in = { 0 }, out;
	struct page_furniture f = furn;
	struct err e = { 0 };
	xmlNodePtr m;
	const char *s;

	(void)state;
	arena_init(&a, 0);
	assert_string_equal(render_justify_inline(&a, "Internet-Draft", "Communicating Warning Information in HTT",
	    "November 2019"), "Internet-Draft  Communicating Warning Information in HTT   November 2019");
	assert_string_equal(render_justify_inline(&a, "Cedik & Wilde", "Expires May 7, 2020", "[Page 1]"),
	    "Cedik & Wilde              Expires May 7, 2020                  [Page 1]");
	assert_string_equal(render_justify_inline(&a, "Arwe, et al.", "Expires August 11, 2014", "[Page 1]"),
	    "Arwe, et al.             Expires August 11, 2014                [Page 1]");
	/* stripped parts; an empty right part leaves the trailing spaces */
	s = render_justify_inline(&a, "  Doe ", " abc ", "");
	assert_int_equal(strlen(s), 72);
	assert_memory_equal(s, "  Doe", 5);
	assert_memory_equal(s + 35, "abc ", 4);
	/* 30 + 40 + 10 > 72: the longest (the centre) loses 8, and shows over the left part */
	s = render_justify_inline(&a, "LLLLLLLLLLLLLLLLLLLLLLLLLLLLLL", "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC",
	    "RRRRRRRRRR");
	assert_string_equal(s,
	    "LLLLLLLLLLLLLLLLLLLLCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC          RRRRRRRRRR");
	/* code points, not bytes */
	s = render_justify_inline(&a, "Dürst", "\xc3\xa9t\xc3\xa9", "[Page 2]");
	assert_string_equal(s,
	    "D\xc3\xbcrst                              \xc3\xa9t\xc3\xa9                          [Page 2]");

	/* the running header cuts a long title at 40 characters; a long author list loses its end and the
	 * centre's spaces let it show through */
	f.top_center = "A Title Much Longer Than Forty Characters In All";
	f.bottom_left = "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, et al.";
	new_doc(&a, &m);
	blanks(&a, &in, 4);
	fill_to(&a, &in, m, 60);
	assert_int_equal(render_paginate(&a, &in, &f, &out, &e), 0);
	assert_string_equal(out.v[57].text,
	    "Internet-Draft  A Title Much Longer Than Forty Character   November 2026");
	assert_string_equal(out.v[55].text,
	    "AaaaaaaaaaaaaaaaaaaaaaaaaaaExpiresa26aMaya2027                  [Page 1]");
	arena_release(&a);
}

/* ---- the corpus approximation ---- */

struct golden {
	char		**v;
	size_t		 n;
};

static void
split_lines(struct arena *a, char *buf, struct golden *g)
{
	size_t cap = 0, len = strlen(buf);
	char *p = buf, *nl;

	g->v = NULL;
	g->n = 0;
	if (len > 0 && buf[len - 1] == '\n')
		buf[len - 1] = '\0';
	for (;;) {
		g->v = arena_grow(a, g->v, g->n, &cap, sizeof(*g->v));
		g->v[g->n++] = p;
		if ((nl = strchr(p, '\n')) == NULL)
			break;
		*nl = '\0';
		p = nl + 1;
	}
}

static size_t
cps(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* "a  b   c" -> its three parts separated by two spaces or more; 0 unless three. */
static int
split3(struct arena *a, const char *line, const char **parts)
{
	const char *p = line, *q;
	int n = 0;

	while (*p == ' ')
		p++;
	while (*p) {
		if (n == 3)
			return 0;
		q = strstr(p, "  ");
		if (q == NULL)
			q = p + strlen(p);
		parts[n++] = arena_strndup(a, p, (size_t)(q - p));
		p = q;
		while (*p == ' ')
			p++;
	}
	return n == 3;
}

/* A ToC line of the paginated golden ending with its right-aligned page number (column 72 on). */
static int
toc_numbered(const char *s)
{
	size_t len = strlen(s), i;

	if (cps(s) < 72 || len < 5 || s[len - 1] < '0' || s[len - 1] > '9')
		return 0;
	for (i = len - 4; i < len; i++)
		if (s[i] != ' ' && (s[i] < '0' || s[i] > '9'))
			return 0;
	return s[len - 5] == ' ' || s[len - 5] == '.';
}

/* The text without any whitespace and trailing dots: a ToC entry and its heading compare equal. */
static char *
squash(struct arena *a, const char *s)
{
	char *r = arena_alloc(a, strlen(s) + 1), *q = r;

	for (; *s; s++)
		if (*s != ' ')
			*q++ = *s;
	while (q > r && q[-1] == '.')
		q--;
	*q = '\0';
	return r;
}

/* The last line of a ToC entry, its number replaced by the placeholder. */
static int
entry_end(const char *s)
{
	size_t len = strlen(s);

	return cps(s) >= 72 && len >= 5 && strcmp(s + len - 4, "0000") == 0 && (s[len - 5] == ' ' || s[len - 5] == '.');
}

static int
is_bullet(const char *s, size_t ind)
{
	size_t i;

	for (i = 0; i < ind; i++)
		if (s[i] != ' ')
			return 0;
	return strchr("*-o+", s[ind]) != NULL && s[ind] != '\0' && s[ind + 1] == ' ' && s[ind + 2] == ' ';
}

static size_t
indent_of(const char *s)
{
	size_t i = 0;

	while (s[i] == ' ')
		i++;
	return i;
}

/* A centred caption line: "Figure 3: ..." or "Table 2" well inside the margin. */
static int
caption(const char *s, const char *word)
{
	size_t ind = indent_of(s), n = strlen(word);

	return ind > 3 && strncmp(s + ind, word, n) == 0 && s[ind + n] == ' ';
}

/* Artwork without a caption, as far as the layout tells: indented past body text, not a list item,
 * and laid out by hand (aligned columns or drawing characters). */
static int
art_like(const struct golden *tx, size_t i, size_t j)
{
	size_t k, ind = indent_of(tx->v[i]);
	const char *p;

	if (ind < 5 || is_bullet(tx->v[i], ind) || (tx->v[i][ind] >= '0' && tx->v[i][ind] <= '9'))
		return 0;
	for (k = i; k < j; k++) {
		for (p = tx->v[k] + indent_of(tx->v[k]); *p; p++) {
			if (strchr("|{}+;", *p) != NULL)
				return 1;
			if (p[0] == ' ' && p[1] == ' ' && p[-1] != ' ' && strchr(".?!:", p[-1]) == NULL)
				return 1;
		}
	}
	return 0;
}

/* Tables, captioned figures and artwork: the lines from i are added with their elements as
 * xml2rfc's writer gives them (a table's caption and the blank line before it are the table's, a
 * figure's are the <figure>'s under its <artwork> lines). Returns the next line, 0 when i starts none. */
static size_t
special_run(struct arena *a, xmlNodePtr m, const struct golden *tx, size_t i, struct rlines *in)
{
	xmlNodePtr e, fig;
	size_t j, k;
	const char *s = tx->v[i] + indent_of(tx->v[i]);
	int table = strncmp(s, "+-", 2) == 0 || strncmp(s, "+=", 2) == 0;

	for (j = i; j < tx->n && tx->v[j][0] != '\0'; j++)
		;
	if (table) {
		e = el(m, "table");
		for (k = i; k < j; k++)
			add(a, in, tx->v[k], e);
		if (j + 1 < tx->n && caption(tx->v[j + 1], "Table")) {
			for (k = j; k < tx->n && (k == j || tx->v[k][0] != '\0'); k++)
				add(a, in, tx->v[k], e);
			j = k;
		}
		return j;
	}
	if (j + 1 < tx->n && caption(tx->v[j + 1], "Figure")) {
		fig = el(m, "figure");
		e = el(fig, "artwork");
		for (k = i; k < j; k++)
			add(a, in, tx->v[k], e);
		for (k = j; k < tx->n && (k == j || tx->v[k][0] != '\0'); k++)
			add(a, in, tx->v[k], fig);
		return k;
	}
	if (art_like(tx, i, j)) {
		e = el(m, "artwork");
		for (k = i; k < j; k++)
			add(a, in, tx->v[k], e);
		return j;
	}
	return 0;
}

struct heading {
	char		*key;		/* squash() of its lines */
	xmlNodePtr	 e;
};

/* Builds lines with elements from the unpaginated golden text, the ToC entries taken from the
 * paginated golden (their page numbers replaced by the placeholder). The elements follow xml2rfc's
 * writer where the layout tells: column-0 lines are headings (<section>, <references>, <abstract>, a
 * note's <name>), blank-separated runs are <t> (a bullet starts an <li>, "[" a <reference>). */
static void
approx_lines(struct arena *a, const struct golden *tx, const struct golden *pg, struct rlines *in)
{
	xmlNodePtr m, root, front, tocs = NULL, ul = NULL, e = NULL, cur = NULL, *tocent = NULL;
	struct heading *h = NULL;
	char **toc = NULL, *key;
	size_t i, j, k, ntoc = 0, caph = 0, nh = 0, capt = 0, ind = 0, ti = 0, ti_first = 0;
	int in_front = 1, seen_status = 0, seen_abstract = 0, in_refs = 0;
	xmlDocPtr d;

	d = new_doc(a, &m);
	root = xmlDocGetRootElement(d);
	xmlNewProp(root, BAD_CAST "tocInclude", BAD_CAST "true");
	front = xmlNewNode(NULL, BAD_CAST "front");
	xmlAddPrevSibling(m, front);

	/* the paginated ToC: its non-blank lines, page furniture left out */
	for (i = 0; i < pg->n && strcmp(pg->v[i], "Table of Contents") != 0; i++)
		;
	for (i++; i < pg->n; i++) {
		const char *s = pg->v[i];

		if (strcmp(s, "\f") == 0) {
			i++;		/* the header */
			continue;
		}
		if (strstr(s, "[Page ") != NULL && s[strlen(s) - 1] == ']')
			continue;
		if (s[0] != '\0' && s[0] != ' ')
			break;
		if (s[0] == '\0')
			continue;
		toc = arena_grow(a, toc, ntoc, &capt, sizeof(*toc));
		toc[ntoc] = arena_strdup(a, s);
		if (toc_numbered(s))
			memcpy(toc[ntoc] + strlen(s) - 4, "0000", 4);
		ntoc++;
	}

	for (i = 0; i < tx->n; i++) {
		const char *s = tx->v[i];

		if (i < 4 || s[0] == '\0') {
			add(a, in, s, NULL);
			cur = NULL;
			continue;
		}
		if (in_front) {
			/* the first page's header block */
			add(a, in, s, front);
			if (i + 1 < tx->n && tx->v[i + 1][0] == '\0')
				in_front = 0;
			continue;
		}
		if (s[0] != ' ') {
			/* a heading and its continuation lines */
			if (strcmp(s, "Abstract") == 0) {
				e = el(m, "abstract");
				seen_abstract = 1;
			} else if (strcmp(s, "Status of This Memo") == 0) {
				e = el(m, "section");
				seen_status = 1;
			} else if (seen_abstract && !seen_status) {
				e = el(el(m, "note"), "name");
			} else if (strcmp(s, "Table of Contents") == 0) {
				tocs = el(el(front, "toc"), "section");
				e = tocs;
			} else if (strlen(s) >= 10 && strcmp(s + strlen(s) - 10, "References") == 0) {
				e = el(m, "references");
				in_refs = 1;
			} else {
				e = el(m, "section");
				in_refs = 0;
			}
			key = arena_strdup(a, "");
			for (j = i; j < tx->n && tx->v[j][0] != '\0' && (j == i || tx->v[j][0] == ' '); j++) {
				add(a, in, tx->v[j], e);
				key = arena_printf(a, "%s%s", key, tx->v[j]);
			}
			h = arena_grow(a, h, nh, &caph, sizeof(*h));
			h[nh].key = squash(a, key);
			h[nh++].e = e;
			i = j - 1;
			if (e == tocs && ntoc > 0) {
				/* the blank line, then the entries from the paginated golden */
				add(a, in, "", NULL);
				for (j = i + 2; j < tx->n && (tx->v[j][0] == ' ' || tx->v[j][0] == '\0'); j++)
					;
				ul = el(tocs, "ul");
				tocent = arena_calloc(a, ntoc, sizeof(*tocent));
				for (k = 0; k < ntoc; k++) {
					if (k == 0 || entry_end(toc[k - 1]))
						tocent[k] = el(el(ul, "li"), "t");
					else
						tocent[k] = tocent[k - 1];
					add(a, in, toc[k], tocent[k]);
				}
				add(a, in, "", NULL);
				i = j - 1;
			}
			cur = NULL;
			continue;
		}
		if (cur == NULL && (k = special_run(a, m, tx, i, in)) > 0) {
			i = k - 1;
			continue;
		}
		if (cur == NULL || is_bullet(s, ind)) {
			if (cur == NULL)
				ind = indent_of(s);
			cur = el(m, is_bullet(s, ind) ? "li" : in_refs && s[indent_of(s)] == '[' ? "reference" : "t");
		}
		add(a, in, s, cur);
	}

	/* ToC entries: the prepped ToCs of xml2rfc's tests carry keepWithNext on their first three
	 * entries (a guess here; the real attribute comes from prep); the target is the first heading
	 * after the previous one with the same text */
	for (k = 0; k < ntoc; k = j) {
		char *ek = arena_strdup(a, "");
		xmlNodePtr t = tocent ? tocent[k] : NULL, x;

		for (j = k; j < ntoc && tocent && tocent[j] == t; j++)
			ek = arena_printf(a, "%s%s", ek, toc[j]);
		if (t == NULL)
			break;
		if (strlen(ek) >= 4 && strcmp(ek + strlen(ek) - 4, "0000") == 0)
			ek[strlen(ek) - 4] = '\0';
		ek = squash(a, ek);
		if (ti_first++ < 3)
			xmlNewProp(t, BAD_CAST "keepWithNext", BAD_CAST "true");
		el(t, "xref");
		x = el(t, "xref");
		for (; ti < nh; ti++)
			if (h[ti].e != tocs && strcmp(h[ti].key, ek) == 0)
				break;
		if (ti < nh) {
			char id[32];

			snprintf(id, sizeof(id), "h%zu", ti);
			xmlNewProp(h[ti].e, BAD_CAST "anchor", BAD_CAST id);
			xmlNewProp(x, BAD_CAST "target", BAD_CAST id);
			ti++;
		} else
			ti = 0;
	}
}

/* Lines ending in a right-aligned ToC page number lose it (both sides): a comparison without the
 * numbers that need the real document's elements. */
static void
mask_numbers(struct golden *g)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		if (toc_numbered(g->v[i]))
			memcpy(g->v[i] + strlen(g->v[i]) - 4, "####", 4);
}

static char *
join(struct arena *a, const struct rlines *out)
{
	size_t i, len = 0;
	char *s, *q;

	for (i = 0; i < out->n; i++)
		len += strlen(out->v[i].text) + 1;
	s = q = arena_alloc(a, len + 2);
	for (i = 0; i < out->n; i++) {
		len = strlen(out->v[i].text);
		memcpy(q, out->v[i].text, len);
		q += len;
		*q++ = '\n';
	}
	/* process(): the text stripped at the end, one line end added */
	while (q > s && strchr(" \t\n\r\f\v", q[-1]) != NULL)
		q--;
	*q++ = '\n';
	*q = '\0';
	return s;
}

/* R69: the corpus' golden unpaginated renderings, paginated, against xml2rfc's paginated ones. */
static void
test_r69_golden_approximation(void **state)
{
	char *cases, *line, *next, *tab[8], *pbuf, *tbuf, path[512];
	size_t len, total = 0, same = 0, masked = 0, i;
	int k;

	(void)state;
	if ((cases = test_slurp(CASES, &len, 0)) == NULL) {
		print_message("render_page golden: %s not found, skipped\n", CASES);
		return;
	}
	for (line = cases; line && *line; line = next) {
		struct arena a;
		struct golden tx, pg, got;
		struct rlines in = { 0 }, out;
		struct page_furniture f;
		const char *hp[3], *fp[3], *header = NULL, *footer = NULL;
		struct err e = { 0 };
		char *s, *p;

		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		for (k = 0, p = line; k < 8 && p; k++) {
			tab[k] = p;
			if ((p = strchr(p, '\t')) != NULL)
				*p++ = '\0';
		}
		if (k < 6 || strcmp(tab[2], "pages") != 0 || strncmp(tab[0], "corpus/", 7) != 0)
			continue;
		snprintf(path, sizeof(path), CORPUS "%s", tab[5]);
		if ((pbuf = test_slurp(path, &len, 0)) == NULL)
			continue;
		memcpy(path + strlen(path) - strlen("pages.txt"), "text.txt\0", 9);
		if ((tbuf = test_slurp(path, &len, 0)) == NULL) {
			free(pbuf);
			continue;
		}
		total++;
		arena_init(&a, 0);
		s = arena_strdup(&a, pbuf);
		split_lines(&a, pbuf, &pg);
		split_lines(&a, tbuf, &tx);
		for (i = 0; i < pg.n; i++) {
			if (footer == NULL && strstr(pg.v[i], "[Page 1]") != NULL)
				footer = pg.v[i];
			if (header == NULL && strcmp(pg.v[i], "\f") == 0 && i + 1 < pg.n)
				header = pg.v[i + 1];
		}
		if (footer == NULL || !split3(&a, footer, fp) || (header != NULL && !split3(&a, header, hp))) {
			print_message("render_page golden: %s: furniture not read\n", tab[0]);
			goto next_case;
		}
		f = (struct page_furniture){ header ? hp[0] : "", header ? hp[1] : "", header ? hp[2] : "", fp[0],
		    fp[1] };
		approx_lines(&a, &tx, &pg, &in);
		assert_int_equal(render_paginate(&a, &in, &f, &out, &e), 0);
		p = join(&a, &out);
		if (strcmp(p, s) == 0) {
			same++;
			masked++;
		} else {
			struct golden want;

			split_lines(&a, arena_strdup(&a, s), &want);
			split_lines(&a, p, &got);
			mask_numbers(&want);
			mask_numbers(&got);
			for (i = 0; i < want.n && i < got.n && strcmp(want.v[i], got.v[i]) == 0; i++)
				;
			if (want.n == got.n && i == want.n)
				masked++;
			else if (getenv("RENDER_PAGE_VERBOSE") != NULL)
				print_message("render_page golden: %s differs at line %zu: got \"%s\", want \"%s\"\n",
				    tab[0], i + 1, i < got.n ? got.v[i] : "(end)", i < want.n ? want.v[i] : "(end)");
		}
next_case:
		arena_release(&a);
		free(pbuf);
		free(tbuf);
	}
	free(cases);
	print_message("render_page golden: %zu/%zu corpus documents byte-identical, %zu/%zu with ToC page "
	    "numbers masked\n", same, total, masked, total);
	if (total > 0)
		assert_true(same >= GOLDEN_FLOOR);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_r69_short_document),
		cmocka_unit_test(test_r69_break_after_heading),
		cmocka_unit_test(test_r69_break_on_blank_under_heading),
		cmocka_unit_test(test_r69_orphan_and_widow),
		cmocka_unit_test(test_r69_figure_and_keep_with_next),
		cmocka_unit_test(test_r69_page_ends_on_blank_lines),
		cmocka_unit_test(test_r69_toc_page_numbers),
		cmocka_unit_test(test_r69_justify_inline),
		cmocka_unit_test(test_r69_golden_approximation),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
