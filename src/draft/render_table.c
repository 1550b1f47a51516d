/* render_table.c: <table> in the text writer (issue 9), as xml2rfc 3.32's render_table() and build_table()
 * lay it out, so that tables come out byte for byte as xml2rfc's do. The steps are xml2rfc's, in its order:
 * a grid of cells with colspan and rowspan; minimum column widths from the longest word of each cell (words
 * split again at hyphens when the table does not fit); two columns of padding given to the widest columns
 * first; cells filled to their column; the column of the cell with the most lines widened while room
 * remains; row heights made equal; each cell framed and justified; the frames merged where cells meet;
 * the caption "Table N: name" centred under the table and the table aligned in the text.
 * Where xml2rfc's arithmetic is odd (a colspan cell's minimum width counts for its first column only, the
 * last widening step leaves the cell's lines as they were before it), this file does the same, as the
 * point is to match its output. Tables xml2rfc refuses (rows of different lengths) come out as best we can.
 * Pure: all memory from the caller's arena. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdatomic.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "../core/arena.h"
#include "../core/buf.h"
#include "render_int.h"
#include "render_writer.h"

#define LSEP	"\xE2\x80\xA8"	/* U+2028, xml2rfc's line break inside a text */

/* utils.TextSplitter's word separators, without and with breaks after hyphens (table_hyphen_breaks). */
enum { SPLIT_PLAIN, SPLIT_HYPHEN, SPLIT_N };

/* Their rules, and the ASCII words read by hand, are wordsep_table[] (render_wrap.c): a table's
 * longest words ran the interpreted matcher on every cell, 6% of rfc6787's rendering. */

/* The border characters of a table_borders style; 0 where xml2rfc has None. */
struct bchar {
	char	 eq, dash, cross, bar;
};

struct cell {
	xmlNodePtr	 elem;		/* the <td>/<th> covering this position; NULL: none */
	int		 oi, oj;	/* where that cell starts; -1: no cell here */
	const char	*text;		/* its content (origin cells only); NULL: none */
	int		 foldable;	/* plain text, filled to the column */
	int		 colspan, rowspan;
	int		 minwidth, colwidth, padding, height, lines;
	int		 m, m_set;	/* the next of wrapped to emit */
	char		 top, bot;	/* border characters; 0: none */
	struct strv	 wrapped;
};

struct tbl {
	struct rd	*r;
	xmlNodePtr	 e;
	const struct kw	*k;
	int		 width, rows, cols;
	struct cell	*c;		/* rows x cols */
	struct bchar	 b;
	pcre2_match_data *md;
};

#define CELL(t, i, j)	(&(t)->c[(size_t)(i) * (size_t)(t)->cols + (size_t)(j)])

static void
tbl_free(void *p)
{
	struct tbl *t = p;

	pcre2_match_data_free(t->md);
}

static int
isstripc(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* len(s[a:b].strip(stripspace)) in code points */
static int
stripped_len(const char *s, size_t a, size_t b)
{
	while (a < b && isstripc(s[a]))
		a++;
	while (b > a && isstripc(s[b - 1]))
		b--;
	return (int)u8_len(s + a, b - a);
}

/* The longest word of text as TextSplitter._split() cuts it (stripped, in code points). */
static int
longest_word(struct tbl *t, const char *text, int hyphen)
{
	size_t n = strlen(text), at = 0, last = 0, s, e;
	int best = 0, l;

	while (at <= n && wordsep_rule_next(&wordsep_table[hyphen], t->md, text, n, at, &s, &e)) {
		if ((l = stripped_len(text, last, s)) > best)
			best = l;
		if ((l = stripped_len(text, s, e)) > best)
			best = l;
		last = e;
		at = e > s ? e : e + 1;
		while (at < n && ((unsigned char)text[at] & 0xC0) == 0x80)
			at++;
	}
	if ((l = stripped_len(text, last, n)) > best)
		best = l;
	return best;
}

/* wcwidth's wcswidth() for the code points that occur in drafts: zero-width marks and joiners count 0,
 * East Asian wide and fullwidth characters 2. */
static int
cp_width(unsigned c)
{
	if ((c >= 0x300 && c <= 0x36F) || (c >= 0x483 && c <= 0x489) || (c >= 0x591 && c <= 0x5BD) ||
	    (c >= 0x610 && c <= 0x61A) || (c >= 0x64B && c <= 0x65F) || (c >= 0x200B && c <= 0x200F) ||
	    (c >= 0x2028 && c <= 0x202E) || (c >= 0x2060 && c <= 0x2064) || (c >= 0x20D0 && c <= 0x20FF) ||
	    (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xFE20 && c <= 0xFE2F) || c == 0xFEFF)
		return 0;
	if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) ||
	    (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
	    (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
	    (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
	    (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD))
		return 2;
	return 1;
}

int
render_textwidth(const char *s)
{
	const char *end = s + strlen(s);
	size_t k;
	int w = 0;

	while (s < end) {
		w += cp_width(u8_cp(s, end, &k));
		s += k;
	}
	return w;
}

/* str.ljust(), str.rjust() */
static const char *
ljust(struct rd *r, const char *s, int width)
{
	int n = (int)ulen(s);

	return n >= width ? s : cat(r, s, spaces(r, width - n));
}

static const char *
rjust(struct rd *r, const char *s, int width)
{
	int n = (int)ulen(s);

	return n >= width ? s : cat(r, spaces(r, width - n), s);
}

/* What build_table() iterates: the cells of a <tr>, the row groups of a <table>. */
static int
is_cell(xmlNodePtr n)
{
	return is(n, "td") || is(n, "th");
}

static int
is_group(xmlNodePtr n)
{
	return is(n, "thead") || is(n, "tbody") || is(n, "tfoot");
}

/* intattr(): a number of digits, else 1 (0 read as 1, which xml2rfc's grid cannot hold either) */
static int
intattr(struct rd *r, xmlNodePtr n, const char *name)
{
	const char *v = attr(r, n, name);
	int x;

	if (v == NULL || !v[0] || strspn(v, "0123456789") != strlen(v) || strlen(v) > 4)
		return 1;
	x = atoi(v);
	return x > 0 ? x : 1;
}

/* get_relevant_pi(e, 'table_borders'): <?v3xml2rfc table_borders="..."?> inside the table, before it,
 * before its ancestors or before the root, the nearest first. */
static const char *
pi_value(struct rd *r, xmlNodePtr pi, const char *name)
{
	const char *s, *p;
	size_t nl = strlen(name);

	if (pi->type != XML_PI_NODE || strcmp((const char *)pi->name, "v3xml2rfc") != 0 || pi->content == NULL)
		return NULL;
	for (s = (const char *)pi->content; (p = strstr(s, name)) != NULL; s = p + nl) {
		const char *q = p + nl, *end;
		if (p > (const char *)pi->content && !isstripc(p[-1]))
			continue;
		while (isstripc(*q))
			q++;
		if (*q++ != '=')
			continue;
		while (isstripc(*q))
			q++;
		if ((*q != '"' && *q != '\'') || (end = strchr(q + 1, *q)) == NULL)
			continue;
		return arena_strndup(r->a, q + 1, (size_t)(end - q - 1));
	}
	return NULL;
}

static const char *
table_style(struct rd *r, xmlNodePtr e)
{
	xmlNodePtr n, a;
	const char *v;

	for (n = e->children; n; n = n->next)
		if ((v = pi_value(r, n, "table_borders")) != NULL && v[0])
			return v;
	for (a = e; a && a->type == XML_ELEMENT_NODE; a = a->parent)
		for (n = a->prev; n; n = n->prev)
			if ((v = pi_value(r, n, "table_borders")) != NULL && v[0])
				return v;
	return "full";
}

static struct bchar
bchars(const char *style)
{
	static const struct bchar full = { '=', '-', '+', '|' }, light = { '-', 0, '+', '|' },
	    min = { '-', 0, ' ', ' ' };

	if (strcmp(style, "light") == 0)
		return light;
	if (strcmp(style, "min") == 0 || strcmp(style, "minimal") == 0)
		return min;
	return full;
}

/* ---- build_table() ---- */

/* The rows of the table: each <tr> of <thead>, <tbody> and <tfoot> in document order. */
static size_t
table_rows(xmlNodePtr e, xmlNodePtr *out, size_t max)
{
	xmlNodePtr g, tr;
	size_t n = 0;

	for (g = e->children; g; g = g->next)
		if (is_group(g))
			for (tr = g->children; tr; tr = tr->next)
				if (is(tr, "tr")) {
					if (out && n < max)
						out[n] = tr;
					n++;
				}
	return n;
}

/* get_dimensions(): as xml2rfc, only the last row's rowspan adds rows */
static void
dimensions(struct tbl *t, xmlNodePtr *trs, size_t ntr)
{
	size_t i;
	int extra = 0;

	t->rows = t->cols = 0;
	for (i = 0; i < ntr; i++) {
		xmlNodePtr c;
		int ccols = 0, crows = 0;
		for (c = trs[i]->children; c; c = c->next)
			if (is_cell(c)) {
				int rs = intattr(t->r, c, "rowspan");
				ccols += intattr(t->r, c, "colspan");
				crows = rs > crows ? rs : crows;
			}
		t->cols = ccols > t->cols ? ccols : t->cols;
		extra = crows - 1;
		t->rows++;
	}
	if (extra > 0)
		t->rows += extra;
}

/* A cell's content as text_or_block_renderer() gives it: plain text (foldable) or lines joined with
 * U+2028. Its single <t>, if that is all it holds, stands for it. */
static void
cell_text(struct tbl *t, struct cell *cl, xmlNodePtr c)
{
	struct kw k = *t->k;
	xmlNodePtr n, only = NULL, src = c;
	int nchild = 0, plain = 0;
	struct res x;

	for (n = c->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE || n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE) {
			nchild++;
			only = n;
		}
	if (nchild == 1 && is(only, "t"))
		src = only;
	k.nofill = 1;
	x = text_or_block(t->r, src, t->width, &k, &plain);
	cl->text = res_text(t->r, x, LSEP);
	cl->foldable = plain;
	if (plain)
		cl->text = strip(t->r, cl->text);
}

/* find_minwidths() */
static void
find_minwidths(struct tbl *t, int hyphen)
{
	int i, j;

	for (i = 0; i < t->rows; i++)
		for (j = 0; j < t->cols; j++) {
			struct cell *cl = CELL(t, i, j);
			if (cl->oi != i || cl->oj != j || cl->text == NULL)
				continue;
			if (cl->foldable)
				cl->minwidth = cl->text[0] ? longest_word(t, cl->text, hyphen) : 0;
			else {
				struct rlines l = mklines(t->r, cl->text, NULL);
				size_t n;
				cl->minwidth = 0;
				for (n = 0; n < l.n; n++) {
					int w = longest_word(t, l.v[n].text, hyphen);
					cl->minwidth = w > cl->minwidth ? w : cl->minwidth;
				}
			}
		}
}

/* set_colwidths(): a colspan cell's share counts for its first column only, as in xml2rfc */
static void
set_colwidths(struct tbl *t)
{
	int i, j;

	for (j = 0; j < t->cols; j++) {
		int colmax = 0;
		for (i = 0; i < t->rows; i++) {
			struct cell *cl = CELL(t, i, j);
			if (cl->minwidth && cl->minwidth / cl->colspan > colmax)
				colmax = cl->minwidth / cl->colspan;
		}
		for (i = 0; i < t->rows; i++)
			CELL(t, i, j)->colwidth = colmax;
	}
}

static int
row0_width(struct tbl *t)
{
	int j, w = 0;

	for (j = 0; j < t->cols; j++)
		w += CELL(t, 0, j)->colwidth;
	return w;
}

static void
split_into(struct tbl *t, const char *text, struct strv *out)
{
	struct rlines l = mklines(t->r, text, NULL);
	size_t n;

	out->n = 0;
	for (n = 0; n < l.n; n++)
		strv_push(t->r->a, out, l.v[n].text);
}

/* fill(text, width=w, fix_sentence_endings=True).splitlines() */
static void
fill_lines(struct tbl *t, const char *text, int w, struct strv *out)
{
	struct kw k;

	kw_base(&k);
	split_into(t, fill(t->r, text, w < 1 ? 1 : w, &k, 1), out);
}

/* The width a cell's text gets in the widening loop: its columns less the padding of the first. */
static int
span_width(struct tbl *t, int i, int j)
{
	struct cell *cl = CELL(t, i, j);
	int k, w = 0;

	for (k = j; k < j + cl->colspan && k < t->cols; k++)
		w += CELL(t, i, k)->colwidth;
	return w + cl->colspan - 1 - cl->padding;
}

static void
rewrap(struct tbl *t, struct cell *cl, int w)
{
	if (cl->foldable)
		fill_lines(t, cl->text, w, &cl->wrapped);
	else {
		int plain;
		struct res x = text_or_block(t->r, cl->elem, w, t->k, &plain);
		struct rlines l = res_lines(t->r, x, cl->elem);
		size_t n;
		cl->wrapped.n = 0;
		for (n = 0; n < l.n; n++)
			strv_push(t->r->a, &cl->wrapped, l.v[n].text);
	}
}

/* "Make columns wider, if possible": the column of the cell with the most lines gets the fewest extra
 * columns that save it a line, while room remains. */
static void
widen(struct tbl *t, int excess)
{
	while (excess > 0) {
		int i, j, maxrows = 0, mi = -1, mj = -1, w, h, l;
		struct strv tmp = { 0 };
		struct cell *cl;

		for (i = 0; i < t->rows; i++)
			for (j = 0; j < t->cols; j++) {
				cl = CELL(t, i, j);
				if (cl->oi != i || cl->oj != j || cl->text == NULL || !cl->text[0])
					continue;
				rewrap(t, cl, span_width(t, i, j));
				cl->height = (int)cl->wrapped.n;
				if (maxrows < cl->height && cl->height > 1) {
					maxrows = cl->height;
					mi = i;
					mj = j;
				}
			}
		if (mi < 0)
			break;
		cl = CELL(t, mi, mj);
		w = span_width(t, mi, mj);
		h = cl->height;
		for (l = 1; l <= excess; l++) {
			fill_lines(t, cl->text, w + l, &tmp);
			if ((int)tmp.n < h)
				break;
		}
		if (l > excess)
			break;
		excess -= l;
		for (i = 0; i < t->rows; i++)
			CELL(t, i, mj)->colwidth += l;
	}
}

/* justify(): a line in its cell, with one column of padding on either side where there is room */
static const char *
justify(struct tbl *t, struct cell *cl, const char *line, int minpad)
{
	struct rd *r = t->r;
	const char *align = attr(r, cl->elem, "align"), *text;
	int padding, width;

	if (align && strcmp(align, "center") == 0)
		return pycenter(r, line, cl->colwidth);
	padding = cl->colwidth - render_textwidth(line);
	width = cl->colwidth - (padding < 2 ? padding : 2);
	if (align && strcmp(align, "right") == 0) {
		text = rjust(r, line, width);
		if (padding > 1)
			text = minpad > 1 ? cat(r, text, " ") : cat(r, " ", text);
		if (padding > 0)
			text = cat(r, " ", text);
	} else {
		text = ljust(r, line, width);
		if (padding > 1)
			text = minpad > 1 ? cat(r, " ", text) : cat(r, text, " ");
		if (padding > 0)
			text = cat(r, text, " ");
	}
	return text;
}

/* merge_border(): the character where two frames meet; c unless a rule says otherwise */
static unsigned
merge_border(unsigned c, unsigned d)
{
	switch (c) {
	case '=':
		return d == '=' || d == '-' ? '=' : d == '+' ? '+' : c;
	case '-':
		return d == '=' ? '=' : d == '-' ? '-' : d == '+' ? '+' : c;
	case '+':
		return d == '=' || d == '-' || d == '+' || d == '|' ? '+' : c;
	case '|':
		return d == '+' ? '+' : d == '|' ? '|' : c;
	}
	return c;
}

static void
put_cp(struct buf *b, unsigned c)
{
	if (c < 0x80)
		buf_putc(b, (char)c);
	else if (c < 0x800) {
		buf_putc(b, (char)(0xC0 | (c >> 6)));
		buf_putc(b, (char)(0x80 | (c & 0x3F)));
	} else if (c < 0x10000) {
		buf_putc(b, (char)(0xE0 | (c >> 12)));
		buf_putc(b, (char)(0x80 | ((c >> 6) & 0x3F)));
		buf_putc(b, (char)(0x80 | (c & 0x3F)));
	} else {
		buf_putc(b, (char)(0xF0 | (c >> 18)));
		buf_putc(b, (char)(0x80 | ((c >> 12) & 0x3F)));
		buf_putc(b, (char)(0x80 | ((c >> 6) & 0x3F)));
		buf_putc(b, (char)(0x80 | (c & 0x3F)));
	}
}

/* A bottom border line merged into the next row's top border, character by character. */
static const char *
merge_lines(struct rd *r, const char *prev, const char *line)
{
	const char *pe = prev + strlen(prev), *le = line + strlen(line);
	struct buf b;
	size_t k;

	buf_init(&b, r->a, 0);
	while (line < le) {
		unsigned d = u8_cp(line, le, &k), c;
		line += k;
		if (prev < pe) {
			c = u8_cp(prev, pe, &k);
			prev += k;
			put_cp(&b, merge_border(c, d));
		} else
			put_cp(&b, d);
	}
	return buf_cstr(&b);
}

/* build_line(): row i's next line, the cells' parts side by side with shared borders */
static const char *
build_line(struct tbl *t, int i, int next)
{
	struct buf b;
	int j;

	buf_init(&b, t->r->a, 0);
	for (j = 0; j < t->cols; j++) {
		struct cell *o = CELL(t, i, j), *cl;
		const char *part;
		if (o->oi < 0 || (o->oi == i && o->oj < j))
			continue;
		cl = CELL(t, o->oi, o->oj);
		part = cl->m >= 0 && (size_t)cl->m < cl->wrapped.n ? cl->wrapped.v[cl->m] : "";
		if (next)
			cl->m++;
		if (b.len && part[0] && t->b.bar) {
			unsigned c = (unsigned char)b.data[b.len - 1];
			buf_truncate(&b, b.len - 1);
			buf_putc(&b, (char)merge_border(c, (unsigned char)part[0]));
			buf_puts(&b, part + 1);
		} else
			buf_puts(&b, part);
	}
	return buf_cstr(&b);
}

/* build_table(): the table's lines, without caption */
static struct rlines
build_table(struct tbl *t)
{
	struct rd *r = t->r;
	struct rlines lines = { 0 };
	xmlNodePtr *trs;
	size_t ntr, n;
	int i, j, reqwidth, excess, *minpad;
	const char *prev_bottom = NULL;

	ntr = table_rows(t->e, NULL, 0);
	trs = arena_calloc(r->a, ntr + 1, sizeof(*trs));
	if (trs == NULL || ntr == 0)
		return lines;
	table_rows(t->e, trs, ntr);
	dimensions(t, trs, ntr);
	if (t->cols == 0)
		return lines;
	t->c = arena_calloc(r->a, (size_t)t->rows * (size_t)t->cols, sizeof(*t->c));
	minpad = arena_calloc(r->a, (size_t)t->cols, sizeof(*minpad));
	if (t->c == NULL || minpad == NULL)
		return lines;
	for (i = 0; i < t->rows; i++)
		for (j = 0; j < t->cols; j++) {
			struct cell *cl = CELL(t, i, j);
			cl->oi = cl->oj = -1;
			cl->colspan = cl->rowspan = 1;
		}

	/* the grid: each cell's element, span and origin; its text, frame characters */
	for (i = 0; i < (int)ntr; i++) {
		xmlNodePtr c;
		j = 0;
		for (c = trs[i]->children; c; c = c->next) {
			struct cell *cl;
			int k, l;
			if (!is_cell(c))
				continue;
			while (j < t->cols && CELL(t, i, j)->elem != NULL)
				j++;
			if (j >= t->cols)
				break;
			cl = CELL(t, i, j);
			cl->colspan = intattr(r, c, "colspan");
			cl->rowspan = intattr(r, c, "rowspan");
			cell_text(t, cl, c);
			if (is(c, "th"))
				cl->top = cl->bot = t->b.eq;
			else {
				cl->top = cl->top ? cl->top : t->b.dash;
				cl->bot = cl->bot ? cl->bot : t->b.dash;
			}
			for (k = i; k < i + cl->rowspan && k < t->rows; k++)
				for (l = j; l < j + cl->colspan && l < t->cols; l++) {
					CELL(t, k, l)->elem = c;
					CELL(t, k, l)->oi = i;
					CELL(t, k, l)->oj = j;
				}
		}
	}
	/* rows xml2rfc cannot lay out (short rows): the holes become empty cells without a frame */
	for (i = 0; i < t->rows; i++)
		for (j = 0; j < t->cols; j++)
			if (CELL(t, i, j)->oi < 0) {
				CELL(t, i, j)->oi = i;
				CELL(t, i, j)->oj = j;
			}
	for (j = 0; j < t->cols; j++) {
		struct cell *o = CELL(t, 0, j), *cl = CELL(t, o->oi, o->oj);
		if (!cl->top)
			cl->top = t->b.eq;
		o = CELL(t, t->rows - 1, j);
		cl = CELL(t, o->oi, o->oj);
		if (!cl->bot)
			cl->bot = t->b.eq;
	}

	/* minimum widths; again with hyphen breaks when too wide */
	find_minwidths(t, SPLIT_PLAIN);
	set_colwidths(t);
	if (row0_width(t) + t->cols + 1 > t->width) {
		find_minwidths(t, SPLIT_HYPHEN);
		set_colwidths(t);
	}

	/* padding, widest column first (the later column among equals) */
	reqwidth = row0_width(t) + (t->cols + 1);
	excess = t->width - reqwidth;
	if (excess > 0) {
		int *order = arena_calloc(r->a, (size_t)t->cols, sizeof(*order)), a, b2;
		if (order == NULL)
			return lines;
		for (j = 0; j < t->cols; j++)
			order[j] = j;
		for (a = 1; a < t->cols; a++)
			for (b2 = a; b2 > 0; b2--) {
				int x = order[b2 - 1], y = order[b2];
				int wx = CELL(t, 0, x)->colwidth, wy = CELL(t, 0, y)->colwidth;
				if (wy > wx || (wy == wx && y > x)) {
					order[b2 - 1] = y;
					order[b2] = x;
				} else
					break;
			}
		for (a = 0; a < t->cols; a++)
			if (excess > 2) {
				excess -= 2;
				for (i = 0; i < t->rows; i++) {
					CELL(t, i, order[a])->colwidth += 2;
					CELL(t, i, order[a])->padding = 2;
				}
			}
	}

	/* first wrapping, then widening */
	for (i = 0; i < t->rows; i++)
		for (j = 0; j < t->cols; j++) {
			struct cell *cl = CELL(t, i, j);
			if (cl->text == NULL || !cl->text[0])
				continue;
			if (cl->foldable)
				fill_lines(t, cl->text, cl->colwidth, &cl->wrapped);
			else
				split_into(t, cl->text, &cl->wrapped);
		}
	widen(t, excess);

	/* each row as high as the tallest cell that starts in it: xml2rfc 3.32 counts a rowspan cell's lines in
	 * its first row (its fix for cut-off rowspan text, xml2rfc PR 1184), no longer only the cells that
	 * end soonest */
	for (i = 0; i < t->rows; i++) {
		int maxlines = 0;
		for (j = 0; j < t->cols; j++) {
			struct cell *cl = CELL(t, i, j);
			if (cl->oi == i && (int)cl->wrapped.n > maxlines)
				maxlines = (int)cl->wrapped.n;
		}
		for (j = 0; j < t->cols; j++)
			CELL(t, i, j)->lines = maxlines;
	}
	for (i = 0; i < t->rows; i++)
		for (j = 0; j < t->cols; j++) {
			struct cell *o = CELL(t, i, j), *cl = CELL(t, o->oi, o->oj);
			int k;
			if (!cl->m_set) {
				cl->m_set = 1;
				cl->m = 0;
				cl->height = cl->rowspan - 1;
				for (k = o->oi; k < o->oi + cl->rowspan && k < t->rows; k++)
					cl->height += CELL(t, k, o->oj)->lines;
			}
		}
	for (i = 0; i < t->rows; i++)
		for (j = 0; j < t->cols; j++) {
			struct cell *cl = CELL(t, i, j);
			if (cl->oi == i && cl->oj == j) {
				int k, w = 0;
				for (k = j; k < j + cl->colspan && k < t->cols; k++)
					w += CELL(t, i, k)->colwidth;
				cl->colwidth = w + cl->colspan - 1;
			}
		}

	/* the smallest padding in each column, then the framed cells */
	for (j = 0; j < t->cols; j++)
		minpad[j] = t->width;
	for (i = 0; i < t->rows; i++)
		for (j = 0; j < t->cols; j++) {
			struct cell *cl = CELL(t, i, j);
			int pad = t->width;
			if (cl->oi != i || cl->oj != j)
				continue;
			for (n = 0; n < cl->wrapped.n; n++)
				if (cl->colwidth - render_textwidth(cl->wrapped.v[n]) < pad)
					pad = cl->colwidth - render_textwidth(cl->wrapped.v[n]);
			if (pad < minpad[j])
				minpad[j] = pad;
		}
	for (i = 0; i < t->rows; i++)
		for (j = 0; j < t->cols; j++) {
			struct cell *cl = CELL(t, i, j);
			struct strv fr = { 0 };
			char x = t->b.cross, l = t->b.bar;
			int h;
			if (cl->oi != i || cl->oj != j)
				continue;
			if (cl->top) {
				char *s = arena_alloc(r->a, (size_t)cl->colwidth + 3);
				if (s == NULL)
					return lines;
				memset(s, cl->top, (size_t)cl->colwidth + 2);
				s[0] = s[cl->colwidth + 1] = x;
				s[cl->colwidth + 2] = '\0';
				strv_push(r->a, &fr, s);
			}
			for (h = 0; h < cl->height; h++) {
				const char *line = (size_t)h < cl->wrapped.n ? cl->wrapped.v[h] : "";
				strv_push(r->a, &fr, arena_printf(r->a, "%c%s%c", l, justify(t, cl, line, minpad[j]), l));
			}
			if (cl->bot) {
				char *s = arena_alloc(r->a, (size_t)cl->colwidth + 3);
				if (s == NULL)
					return lines;
				memset(s, cl->bot, (size_t)cl->colwidth + 2);
				s[0] = s[cl->colwidth + 1] = x;
				s[cl->colwidth + 2] = '\0';
				strv_push(r->a, &fr, s);
			}
			cl->wrapped = fr;
		}

	/* the rows, each bottom border merged with the next row's top border */
	for (i = 0; i < t->rows; i++) {
		int has_top = 0, has_bot = 0, count = -1, c;
		for (j = 0; j < t->cols; j++) {
			struct cell *cl = CELL(t, i, j);
			if (cl->oi != i || cl->oj != j || cl->wrapped.n == 0)
				continue;
			has_top |= cl->top != 0;
			has_bot |= cl->bot != 0;
			if (count < 0 || (int)cl->wrapped.n < count)
				count = (int)cl->wrapped.n;
		}
		count -= has_bot;
		for (c = 0; c < count; c++) {
			const char *line = build_line(t, i, 1);
			if (prev_bottom) {
				if (has_top)
					push(r, &lines, merge_lines(r, prev_bottom, line), t->e);
				else {
					push(r, &lines, prev_bottom, t->e);
					push(r, &lines, line, t->e);
				}
			} else
				push(r, &lines, line, t->e);
			prev_bottom = NULL;
		}
		prev_bottom = has_bot ? build_line(t, i, 0) : NULL;
	}
	if (prev_bottom)
		push(r, &lines, prev_bottom, t->e);
	return lines;
}

/* align(): the lines as a block, left, centred or right in width */
static void
align_lines(struct rd *r, struct rlines *l, const char *how, int width)
{
	size_t i;
	int w = 0, shift;

	if (l->n == 0 || how == NULL || strcmp(how, "left") == 0)
		return;
	for (i = 0; i < l->n; i++)
		if ((int)ulen(l->v[i].text) > w)
			w = (int)ulen(l->v[i].text);
	if (w >= width)
		return;
	shift = width - w;
	if (strcmp(how, "center") == 0)
		shift /= 2;
	else if (strcmp(how, "right") != 0)
		return;
	for (i = 0; i < l->n; i++)
		if (!blank(l->v[i].text))
			l->v[i].text = cat(r, spaces(r, shift), l->v[i].text);
}

struct res
render_table(struct rd *r, xmlNodePtr e, int width, const struct kw *kin)
{
	struct kw k = *kin;
	struct tbl t;
	const char *pn = attr(r, e, "pn"), *title, *al;
	char *num;
	struct rlines lines, cap;
	xmlNodePtr c;
	size_t i;
	int tw = 0, mintw;

	jset(&k, "name", ": ", 0, 0, 0, 0);
	jset(&k, "dl", "\n\n", 0, 0, 0, 0);
	jset(&k, "ol", "\n\n", 0, 0, 0, 0);
	jset(&k, "t", "\n\n", 0, 0, 0, 0);
	jset(&k, "ul", "\n\n", 0, 0, 0, 0);

	/* "Table " and pn's second part, capitalized */
	num = arena_strdup(r->a, pn && strchr(pn, '-') ? strchr(pn, '-') + 1 : "");
	if (num && strchr(num, '-'))
		*strchr(num, '-') = '\0';
	for (i = 0; num && num[i]; i++)
		num[i] = (char)(i ? tolower((unsigned char)num[i]) : toupper((unsigned char)num[i]));
	title = arena_printf(r->a, "Table %s", num ? num : "");
	c = first_elem(e);
	if (c && is(c, "name"))
		title = tjoin(r, title, c, width, &k);

	memset(&t, 0, sizeof(t));
	t.r = r;
	t.e = e;
	t.k = &k;
	t.width = width;
	t.b = bchars(table_style(r, e));
	t.md = pcre2_match_data_create(4, NULL);
	/* the expressions live for this table only (build_table() always returns here) */
	lines = t.md ? build_table(&t) : (struct rlines){ 0 };
	tbl_free(&t);

	for (i = 0; i < lines.n; i++)
		if ((int)ulen(lines.v[i].text) > tw)
			tw = (int)ulen(lines.v[i].text);
	tw = tw < width ? tw : width;
	mintw = (int)ulen(title) < 26 ? (int)ulen(title) : 26;
	if (tw < mintw) {
		tw = mintw;
		align_lines(r, &lines, "center", tw);
	}
	cap = mklines(r, cat(r, "\n", rstrip(r, center_text(r, title, tw))), e);
	append(r, &lines, &cap);
	al = attr(r, e, "align");
	align_lines(r, &lines, al ? al : "center", width);
	return L(lines);
}
