/* text.c: the plain-text Internet-Draft reader, draft_parse_text() (draft.h): lines and pages, the
 * page-1 header block, name, title, abstract, authors, sections, references and boilerplate facts
 * (R14-R16, R88-R89). Pure: bytes in, struct draft out, everything in the caller's arena; one pass
 * splits the lines, later steps look only at the lines they need. Callers: src/check.c. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "draft.h"
#include "nits.h"


#define TEXT_BYTES_MAX		(1u << 30)	/* line lengths are 32-bit; uploads stop at 2 MiB long before */
#define BINARY_SNIFF		8000		/* git's buffer_is_binary(): a NUL this early means binary */
#define BINARY_SHARE		10		/* or more than 1/10 of those bytes are control or invalid */
#define FRONT_LINES_MAX		120		/* content lines searched for header, name and title without pages */
#define HEADER_LINES_MAX	60		/* a longer first block is not a page-1 header (20 authors fit) */
#define HEADER_RIGHT_COL	30		/* a right-column item starts at or past this column */
#define HEADER_RIGHT_END	60		/* or, after a wide gap, ends at or past this one */
#define TITLE_LINES_MAX		4
#define NAME_LINE_MAX		512		/* bytes of a page-1 line searched for the draft name */
#define TITLE_COLS_MAX		200		/* wider lines are prose, not a title */
#define ABSTRACT_PAGE_MAX	4		/* old drafts put the abstract after two pages of boilerplate */
#define ABSTRACT_LINES_MAX	600
#define HEADING_COLS_MAX	100		/* a longer column-0 line is prose, not a heading */
#define REF_TEXT_MAX		2048		/* bytes of one reference entry read to find what it cites */
#define REF_TAG_MAX		80
#define NUMS_MAX		64		/* RFC numbers on one Updates:/Obsoletes: field */
#define AUTHOR_LINE_MAX		120		/* an author's name line is shorter */
#define AUTHORS_MAX		512		/* Datatracker drafts stay under 100; bounds work on garbage */
#define SECTIONS_MAX		4096		/* RFC 9110 has about 600 */
#define REFS_MAX		4096		/* the longest reference lists have about 1000 */
#define COPYRIGHT_TRIES		16		/* "Copyright (c)" occurrences looked at; real texts have 1 to 3 */

enum lkind { LK_BLANK, LK_TEXT, LK_FF, LK_HEADER, LK_FOOTER };
#define LK_HASFF	0x80			/* set by the splitter on lines holding a form feed */
#define WORD_ONES	0x0101010101010101ull	/* times a byte: that byte in all eight lanes */

/* Content lines (struct rd.cl) are line indexes; a page break leaves one of these two marks where the
 * footer, form feed and header were, saying whether the text on either side is one paragraph. */
#define CL_GAP_BREAK	UINT32_MAX
#define CL_GAP_JOIN	(UINT32_MAX - 1)

struct span {
	const char	*p;
	size_t		 n;
};

/* An author as page 1's right column names them: "A. Cedik", then the organization below. */
struct p1auth {
	struct span	 name, initials, surname, org;
	int		 used;
};

struct rd {
	struct arena	*a;
	struct draft	*d;
	uint8_t		*kind;		/* enum lkind per physical line */
	uint32_t	*cl;		/* content lines: text and blanks, no headers, footers or form feeds */
	size_t		 ncl;
	size_t		 page1_end;	/* first content index past page 1 */
	size_t		 hdr_begin, hdr_end;	/* the page-1 header block */
	size_t		 name_k;	/* content index of the line naming the draft, or SIZE_MAX */
	struct span	 name_tok;	/* where on that line */
	size_t		 body;		/* first content index after the title and name */
	struct p1auth	*p1;
	size_t		 np1, p1cap;
	size_t		*sec_k;		/* content index of each section's heading */
	size_t		 sec_cap;
	char		*lflat;		/* every text line, trimmed, joined by single spaces, lower-cased */
	size_t		 nflat;
};

/* ---- small helpers over spans ---- */

static int
is_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static int
lc(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
is_upper(int c)
{
	return c >= 'A' && c <= 'Z';
}

static int
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Letters for names: ASCII ones and any byte of a UTF-8 sequence ("Vähä-Sipilä"). */
static int
is_nameletter(int c)
{
	return is_alpha(c) || c >= 0x80;
}

static struct span
trim(struct span s)
{
	while (s.n > 0 && is_ws((unsigned char)s.p[0])) {
		s.p++;
		s.n--;
	}
	while (s.n > 0 && is_ws((unsigned char)s.p[s.n - 1]))
		s.n--;
	return s;
}

static struct span
mkspan(const char *p, size_t n)
{
	struct span s = { p, n };

	return s;
}

/* Display columns of leading white space, tabs to the next multiple of 8. */
static size_t
indent_of(struct span s)
{
	size_t i, col = 0;

	for (i = 0; i < s.n && (s.p[i] == ' ' || s.p[i] == '\t'); i++)
		col = s.p[i] == '\t' ? (col / 8 + 1) * 8 : col + 1;
	return col;
}

static int
ci_prefix(struct span s, const char *lit)
{
	size_t i;

	for (i = 0; lit[i] != '\0'; i++)
		if (i >= s.n || lc((unsigned char)s.p[i]) != lc((unsigned char)lit[i]))
			return 0;
	return 1;
}

static int
ci_eq(struct span s, const char *lit)
{
	return strlen(lit) == s.n && ci_prefix(s, lit);
}

/* Case-insensitive search of a short literal in a span; NULL when absent. */
static const char *
ci_find(struct span s, const char *lit)
{
	size_t ln = strlen(lit), i;

	if (ln == 0 || ln > s.n)
		return NULL;
	for (i = 0; i + ln <= s.n; i++)
		if (lc((unsigned char)s.p[i]) == lc((unsigned char)lit[0]) && ci_prefix(mkspan(s.p + i, s.n - i), lit))
			return s.p + i;
	return NULL;
}

static int
ends_with_ci(struct span s, const char *lit)
{
	size_t ln = strlen(lit);

	return s.n >= ln && ci_prefix(mkspan(s.p + s.n - ln, ln), lit);
}

/* Length of a valid UTF-8 sequence at s, or 0 (RFC 3629: no overlongs, surrogates or > U+10FFFF). */
static size_t
utf8_seq(const unsigned char *s, size_t n)
{
	unsigned c = s[0];

	if (c >= 0xc2 && c <= 0xdf)
		return n >= 2 && (s[1] & 0xc0) == 0x80 ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef) {
		if (n < 3 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80)
			return 0;
		if ((c == 0xe0 && s[1] < 0xa0) || (c == 0xed && s[1] > 0x9f))
			return 0;
		return 3;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		if (n < 4 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 || (s[3] & 0xc0) != 0x80)
			return 0;
		if ((c == 0xf0 && s[1] < 0x90) || (c == 0xf4 && s[1] > 0x8f))
			return 0;
		return 4;
	}
	return 0;
}

/* ---- output strings ---- */

/* Copies text into out, collapsing white space runs to one space (pending *sp), turning control
 * characters into spaces and invalid UTF-8 into '?', so every string we hand out is clean UTF-8. */
static size_t
put_clean(char *out, size_t o, struct span s, int *sp)
{
	const unsigned char *p = (const unsigned char *)s.p;
	size_t i = 0, k;

	while (i < s.n) {
		unsigned char c = p[i];
		uint64_t w, x;

		/* Eight bytes of plain ASCII with single spaces and no leading one: copied as they are. */
		if (i + 8 <= s.n && c != ' ') {
			memcpy(&w, p + i, 8);
			x = w ^ (WORD_ONES * 0x20);
			if (!(((w - WORD_ONES * 0x20) | w | ((w ^ WORD_ONES * 0x7f) - WORD_ONES)) & WORD_ONES * 0x80) &&
			    !(((x | (x >> 8)) - WORD_ONES) & ~(x | (x >> 8)) & WORD_ONES * 0x80 & ~(0xffull << 56))) {
				if (*sp && o > 0)
					out[o++] = ' ';
				*sp = p[i + 7] == ' ';
				memcpy(out + o, p + i, 8);
				o += *sp ? 7 : 8;
				i += 8;
				continue;
			}
		}
		if (c > 0x20 && c < 0x7f) {
			/* A run of plain ASCII: the common case, copied without further tests. */
			if (*sp && o > 0)
				out[o++] = ' ';
			*sp = 0;
			do
				out[o++] = (char)p[i++];
			while (i < s.n && p[i] > 0x20 && p[i] < 0x7f);
			continue;
		}
		if (c <= 0x20 || c == 0x7f) {
			*sp = 1;
			i++;
			continue;
		}
		if (*sp && o > 0)
			out[o++] = ' ';
		*sp = 0;
		if ((k = utf8_seq(p + i, s.n - i)) != 0) {
			memcpy(out + o, p + i, k);
			o += k;
			i += k;
		} else {
			out[o++] = '?';
			i++;
		}
	}
	return o;
}

static char *
dup_clean(struct rd *r, struct span s)
{
	char *out;
	size_t o;
	int sp = 0;

	s = trim(s);
	if ((out = arena_alloc(r->a, s.n + 1)) == NULL)
		return NULL;
	o = put_clean(out, 0, s, &sp);
	out[o] = '\0';
	return out;
}

static char *
dup_lower(struct rd *r, struct span s)
{
	char *out = dup_clean(r, s), *p;

	for (p = out; p != NULL && *p != '\0'; p++)
		*p = (char)lc((unsigned char)*p);
	return out;
}

/* ---- content lines ---- */

static struct span
line_span(const struct rd *r, size_t i)
{
	return mkspan(r->d->lines[i].p, r->d->lines[i].len);
}

static int
cl_text(const struct rd *r, size_t k)
{
	return k < r->ncl && r->cl[k] < CL_GAP_JOIN && r->kind[r->cl[k]] == LK_TEXT;
}

static struct span
cl_span(const struct rd *r, size_t k)
{
	if (!cl_text(r, k))
		return mkspan("", 0);
	return line_span(r, r->cl[k]);
}

static int
cl_lineno(const struct rd *r, size_t k)
{
	return k < r->ncl && r->cl[k] < CL_GAP_JOIN ? (int)r->cl[k] + 1 : 0;
}

static int
cl_page(const struct rd *r, size_t k)
{
	while (k < r->ncl && r->cl[k] >= CL_GAP_JOIN)
		k++;
	return k < r->ncl ? (int)r->d->lines[r->cl[k]].page : 0;
}

/* Joins content lines [k0, k1) into one string: lines unwrapped with one space (none after a word
 * broken at a hyphen, "Internet-" + "Drafts"), indentation dropped, and with paras set, paragraphs
 * joined by "\n\n" -- the form the XML reader gives, so txt and xml compare (R18). */
static char *
join_lines(struct rd *r, size_t k0, size_t k1, int paras, size_t *outlen)
{
	size_t need = 1, k, o = 0;
	char *out;
	int sep = 0, sp = 0;

	for (k = k0; k < k1 && k < r->ncl; k++)
		need += cl_span(r, k).n + 2;
	if ((out = arena_alloc(r->a, need)) == NULL)
		return NULL;
	for (k = k0; k < k1 && k < r->ncl; k++) {
		struct span s;

		if (r->cl[k] == CL_GAP_JOIN)
			continue;
		if (!cl_text(r, k)) {
			if (o > 0 && paras)
				sep = 2;
			continue;
		}
		s = trim(cl_span(r, k));
		if (s.n == 0)
			continue;
		if (o > 0) {
			if (sep == 2) {
				out[o++] = '\n';
				out[o++] = '\n';
			} else if (!(out[o - 1] == '-' && o >= 2 && is_alpha((unsigned char)out[o - 2]) &&
			    is_alpha((unsigned char)s.p[0])))
				out[o++] = ' ';
		}
		sp = 0;
		o = put_clean(out, o, s, &sp);
		sep = 1;
	}
	out[o] = '\0';
	if (outlen != NULL)
		*outlen = o;
	return out;
}

/* ---- step 1: lines, bytes and flags ---- */

static int
split_lines(struct rd *r, const char *buf, size_t len)
{
	struct draft *d = r->d;
	const char *q;
	size_t n = 1, i = 0, start, nctl_sniff = 0, sniff, first_bad = 0, nbad = 0, nul = 0;
	int has_text, has_ff;

	for (q = buf; (q = memchr(q, '\n', len - (size_t)(q - buf))) != NULL; q++)
		n++;
	if (memchr(buf, '\r', len) != NULL)
		for (q = buf; (q = memchr(q, '\r', len - (size_t)(q - buf))) != NULL; q++)
			n++;
	d->lines = arena_calloc(r->a, n, sizeof(*d->lines));
	r->kind = arena_alloc(r->a, n);
	if (d->lines == NULL || r->kind == NULL)
		return -1;
	sniff = len < BINARY_SNIFF ? len : BINARY_SNIFF;
	/* A byte-order mark is an encoding label, not text. */
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len) {
		start = i;
		has_text = has_ff = 0;
		while (i < len) {
			unsigned char c;
			size_t k;

			/* Eight plain ASCII bytes at a time (no control, DEL or high bytes): most of a draft. */
			while (i + 8 <= len) {
				uint64_t w;

				memcpy(&w, buf + i, 8);
				if (((w - WORD_ONES * 0x20) | w | ((w ^ WORD_ONES * 0x7f) - WORD_ONES)) & WORD_ONES * 0x80)
					break;
				has_text |= w != WORD_ONES * 0x20;
				i += 8;
			}
			if (i >= len)
				break;
			c = (unsigned char)buf[i];
			if (c > 0x20 && c < 0x7f) {
				has_text = 1;
				i++;
				continue;
			}
			if (c == ' ') {
				i++;
				continue;
			}
			if (c == '\n' || c == '\r')
				break;
			if (c == '\t' || c == '\v') {
				/* White space to trim() too: a line of it must not count as text. */
				if (c == '\t')
					d->flags |= DF_TABS;
				else if (i < sniff)
					nctl_sniff++;
				i++;
				continue;
			}
			if (c == '\f') {
				d->flags |= DF_FORM_FEEDS;
				has_ff = 1;
				i++;
				continue;
			}
			has_text = 1;
			if (c >= 0x80) {
				if ((k = utf8_seq((const unsigned char *)buf + i, len - i)) != 0) {
					d->flags |= DF_NON_ASCII;
					i += k;
					continue;
				}
				d->flags |= DF_INVALID_UTF8;
				if (nbad++ == 0)
					first_bad = d->nlines + 1;
			} else if (c == 0) {
				d->flags |= DF_NUL;
				nul++;
			}
			if (i < sniff)
				nctl_sniff++;
			i++;
		}
		d->lines[d->nlines].p = buf + start;
		d->lines[d->nlines].len = (uint32_t)(i - start);
		r->kind[d->nlines] = (uint8_t)((has_text ? LK_TEXT : LK_BLANK) | (has_ff ? LK_HASFF : 0));
		d->nlines++;
		if (i < len)
			i += (buf[i] == '\r' && i + 1 < len && buf[i + 1] == '\n') ? 2 : 1;
	}
	if (memchr(buf, '\0', sniff) != NULL || (sniff > 0 && nctl_sniff * BINARY_SHARE > sniff))
		draft_nit_add(r->a, d, NIT_BINARY_CONTENT, 0, "%zu NUL and %zu other control or invalid bytes in the first %zu",
		    nul, nctl_sniff, sniff);
	if (nbad > 0)
		draft_nit_add(r->a, d, NIT_INVALID_UTF8, (int)first_bad, "%zu invalid UTF-8 sequence%s, the first on line %zu",
		    nbad, nbad == 1 ? "" : "s", first_bad);
	return 0;
}

/* ---- step 2: pages, running headers and footers ---- */

/* "Cedik & Wilde   Expires May 7, 2020   [Page 1]"; also "Page 1" after a gap, as idnits accepts. */
static int
is_footer(struct span s)
{
	size_t i, j;

	s = trim(s);
	if (s.n < 6)
		return 0;
	if (s.p[s.n - 1] == ']') {
		for (i = s.n - 1; i > 0 && s.n - i < 16 && s.p[i - 1] != '['; i--)
			;
		if (i == 0 || s.p[i - 1] != '[')
			return 0;
		s = mkspan(s.p + i, s.n - 1 - i);
	} else {
		for (i = s.n; i > 0 && s.p[i - 1] != ' '; i--)
			;
		if (i < 7 || s.p[i - 2] != ' ' || s.p[i - 6] != ' ' || s.p[i - 7] != ' ')
			return 0;
		s = mkspan(s.p + i - 5, s.n - (i - 5));
	}
	if (!ci_prefix(s, "page "))
		return 0;
	for (j = 5; j < s.n && s.p[j] == ' '; j++)
		;
	if (j == s.n)
		return 0;
	for (; j < s.n; j++)
		if (!is_digit((unsigned char)s.p[j]) && strchr("ivxlcdmIVXLCDM", s.p[j]) == NULL)
			return 0;
	return 1;
}

/* Ends in a year after a gap of two spaces ("...   November 2019"), as a running header does. */
static int
ends_in_year(struct span s)
{
	s = trim(s);
	return s.n >= 6 && is_digit((unsigned char)s.p[s.n - 1]) && is_digit((unsigned char)s.p[s.n - 2]) &&
	    is_digit((unsigned char)s.p[s.n - 3]) && (s.p[s.n - 4] == '1' || s.p[s.n - 4] == '2') &&
	    !is_digit((unsigned char)s.p[s.n - 5]);
}

static int
has_gap(struct span s)
{
	s = trim(s);
	return memmem(s.p, s.n, "  ", 2) != NULL || memchr(s.p, '\t', s.n) != NULL;
}

/* The first line of a page past the first: "Internet-Draft   Short Title   November 2019". */
static int
is_running_header(struct span s)
{
	static const char *const starts[] = { "Internet-Draft", "Internet Draft", "Draft", "RFC ", NULL };
	struct span t = trim(s);
	size_t i;

	for (i = 0; starts[i] != NULL; i++)
		if (ci_prefix(t, starts[i]))
			return has_gap(t) || ends_in_year(t);
	return ends_in_year(t) && has_gap(t);
}

static void
paginate(struct rd *r)
{
	struct draft *d = r->d;
	size_t i;
	uint32_t page = 1;
	int seen = 0, footer = 0, top = 0;

	for (i = 0; i < d->nlines; i++) {
		unsigned k = r->kind[i];

		if (k & LK_HASFF) {
			d->lines[i].page = page;
			if (seen) {
				page++;
				seen = 0;
				top = 1;
			}
			footer = 0;
			k &= ~(unsigned)LK_HASFF;
			if (k == LK_BLANK) {
				r->kind[i] = LK_FF;
				continue;
			}
			r->kind[i] = (uint8_t)k;
		}
		if (k == LK_BLANK) {
			d->lines[i].page = page;
			continue;
		}
		if (footer) {
			page++;
			seen = 0;
			top = 1;
			footer = 0;
		}
		d->lines[i].page = page;
		seen = 1;
		if (top && page > 1 && is_running_header(line_span(r, i))) {
			r->kind[i] = LK_HEADER;
			top = 0;
			continue;
		}
		top = 0;
		if (is_footer(line_span(r, i))) {
			r->kind[i] = LK_FOOTER;
			footer = 1;
		}
	}
	/* Pages with something on them; a trailing form feed opens none. */
	for (i = 0; i < d->nlines; i++)
		if (r->kind[i] != LK_BLANK && r->kind[i] != LK_FF && (int)d->lines[i].page > d->pages)
			d->pages = (int)d->lines[i].page;
}

/* Is the blank space a page break left between two text lines a paragraph break? As draft.py: yes
 * after a sentence or when the next line starts a new block (another indentation, column 0). */
static int
gap_breaks(struct span prev, struct span next)
{
	struct span p = trim(prev);
	size_t pi = indent_of(prev), ni = indent_of(next);

	if (ni == 0 || ni != pi || p.n == 0)
		return 1;
	return strchr(".:!?", p.p[p.n - 1]) != NULL;
}

static int
build_content(struct rd *r)
{
	struct draft *d = r->d;
	size_t i, last = SIZE_MAX;

	if ((r->cl = arena_calloc(r->a, 2 * d->nlines + 1, sizeof(*r->cl))) == NULL)
		return -1;
	for (i = 0; i < d->nlines; i++) {
		if (r->kind[i] == LK_BLANK) {
			r->cl[r->ncl++] = (uint32_t)i;
			continue;
		}
		if (r->kind[i] != LK_TEXT)
			continue;
		if (last != SIZE_MAX && d->lines[i].page != d->lines[last].page) {
			/* The blank lines padding the page out and under the header say nothing. */
			while (r->ncl > 0 && r->cl[r->ncl - 1] < CL_GAP_JOIN && r->kind[r->cl[r->ncl - 1]] == LK_BLANK)
				r->ncl--;
			r->cl[r->ncl++] = gap_breaks(line_span(r, last), line_span(r, i)) ? CL_GAP_BREAK : CL_GAP_JOIN;
		}
		r->cl[r->ncl++] = (uint32_t)i;
		last = i;
	}
	r->page1_end = r->ncl;
	for (i = 0; i < r->ncl; i++)
		if (r->cl[i] < CL_GAP_JOIN && d->lines[r->cl[i]].page > 1) {
			r->page1_end = i;
			break;
		}
	/* Without page breaks the whole text is "page 1"; keep the front-matter searches short. */
	if (d->pages <= 1 && r->page1_end > FRONT_LINES_MAX)
		r->page1_end = FRONT_LINES_MAX;
	return 0;
}

/* ---- step 3: the page-1 header block ---- */

enum hfield { HF_NONE, HF_ID, HF_STATUS, HF_UPDATES, HF_OBSOLETES, HF_EXPIRES, HF_OTHER };

static const struct {
	const char	*label;
	enum hfield	 field;
} header_labels[] = {
	{ "Intended status:",		HF_STATUS },
	{ "Intended category:",		HF_STATUS },
	{ "Category:",			HF_STATUS },
	{ "Updates:",			HF_UPDATES },
	{ "Obsoletes:",			HF_OBSOLETES },
	{ "Expires:",			HF_EXPIRES },
	{ "Expiration Date:",		HF_EXPIRES },
	{ "Expires",			HF_EXPIRES },	/* "Expires April 2005" */
	{ "Internet-Draft",		HF_ID },
	{ "Internet Draft",		HF_ID },
	{ "Request for Comments:",	HF_OTHER },
	{ "Updated by:",		HF_OTHER },
	{ "Obsoleted by:",		HF_OTHER },
	{ "ISSN:",			HF_OTHER },
	{ "Workgroup:",			HF_NONE },	/* the v3 "Workgroup: X" label names the group */
};

/* Intended status as written -> the Datatracker's category slug. */
static const struct {
	const char	*status;
	const char	*category;
} categories[] = {
	{ "Standards Track",		"std" },
	{ "Proposed Standard",		"std" },
	{ "Draft Standard",		"std" },
	{ "Internet Standard",		"std" },
	{ "Standard",			"std" },
	{ "Best Current Practice",	"bcp" },
	{ "BCP",			"bcp" },
	{ "Informational",		"info" },
	{ "Experimental",		"exp" },
	{ "Historic",			"historic" },
};

/* Splits a header line at its last gap of two blanks (or a tab) when what follows is the right
 * column: it starts far enough right, or a wide gap leads to text ending near the right margin
 * ("Swiss Federal Institute of Technology (ETH)" starts left of column 30). "Obsoletes: 2068, 2616
 * (if approved)" with a two-space gap stays one left column. */
static void
header_columns(struct span s, struct span *left, struct span *right)
{
	size_t i = 0, col = 0, cut = SIZE_MAX, rs = 0, cut_col = 0, gap = 0;

	*left = trim(s);
	*right = mkspan("", 0);
	while (i < s.n) {
		if (s.p[i] == ' ' || s.p[i] == '\t') {
			size_t j = i, c0 = col;
			int tab = 0;

			for (; j < s.n && (s.p[j] == ' ' || s.p[j] == '\t'); j++) {
				tab |= s.p[j] == '\t';
				col = s.p[j] == '\t' ? (col / 8 + 1) * 8 : col + 1;
			}
			if (j < s.n && (col - c0 >= 2 || tab || i == 0)) {
				cut = i;
				rs = j;
				cut_col = col;
				gap = tab ? 8 : col - c0;
			}
			i = j;
			continue;
		}
		col++;
		i++;
	}
	if (cut == SIZE_MAX || (cut_col < HEADER_RIGHT_COL && !(gap >= 3 && col >= HEADER_RIGHT_END)))
		return;
	*left = trim(mkspan(s.p, cut));
	*right = trim(mkspan(s.p + rs, s.n - rs));
}

/* Strips an editor mark: "R. Fielding, Ed.", "Roy T. Fielding (editor)", "M. Nottingham, Editor". */
static struct span
strip_editor(struct span s)
{
	static const char *const marks[] = { ", Ed.", ", Ed", " (Ed.)", " (Ed)", ", Editor", " (editor)", " Ed.",
		", Editors", " (editors)", NULL };
	size_t i;

	s = trim(s);
	for (i = 0; marks[i] != NULL; i++)
		if (ends_with_ci(s, marks[i])) {
			s.n -= strlen(marks[i]);
			return trim(s);
		}
	return s;
}

/* "M.", "J.-M.", "Th.", "R.T." */
static int
is_initial(struct span t)
{
	size_t i;
	int letters = 0;

	if (t.n < 2 || t.p[t.n - 1] != '.' || !is_upper((unsigned char)t.p[0]))
		return 0;
	for (i = 0; i < t.n; i++) {
		unsigned char c = (unsigned char)t.p[i];

		if (is_upper(c))
			letters++;
		else if (!(c == '.' || c == '-' || (c >= 'a' && c <= 'z' && i == 1)))
			return 0;
	}
	return letters > 0 && letters <= 3;
}

/* Page 1's right column names authors as initials and a surname: "A. Cedik", "J. F. Reschke",
 * "D. van Gulik". Fills initials and surname; 0 when the item is something else (an organization). */
static int
p1_name(struct span s, struct span *initials, struct span *surname)
{
	size_t i = 0, ws = 0, ntok = 0;
	int in_init = 1;

	s = strip_editor(s);
	if (s.n == 0 || s.n > 60)
		return 0;
	*initials = mkspan(s.p, 0);
	*surname = mkspan("", 0);
	while (i <= s.n) {
		if (i == s.n || s.p[i] == ' ') {
			struct span t = mkspan(s.p + ws, i - ws);

			if (t.n > 0) {
				ntok++;
				if (in_init && is_initial(t))
					initials->n = (size_t)(t.p + t.n - s.p);
				else {
					size_t j;

					if (in_init && initials->n == 0)
						return 0;
					in_init = 0;
					if (surname->n == 0)
						surname->p = t.p;
					surname->n = (size_t)(t.p + t.n - surname->p);
					for (j = 0; j < t.n; j++)
						if (!is_nameletter((unsigned char)t.p[j]) && strchr("-'.", t.p[j]) == NULL)
							return 0;
				}
			}
			ws = i + 1;
		}
		i++;
	}
	return initials->n > 0 && surname->n > 0 && ntok <= 6 && is_nameletter((unsigned char)surname->p[0]);
}

static void
p1_add(struct rd *r, struct span name, struct span initials, struct span surname)
{
	struct p1auth *p;

	if (r->np1 >= AUTHORS_MAX || (p = arena_grow(r->a, r->p1, r->np1, &r->p1cap, sizeof(*p))) == NULL)
		return;
	r->p1 = p;
	p = &r->p1[r->np1++];
	p->name = strip_editor(name);
	p->initials = initials;
	p->surname = surname;
}

/* RFC numbers in "2616, 7230 (if approved)" appended to *arr. */
static void
add_numbers(struct rd *r, struct span v, int **arr, size_t *n)
{
	size_t i = 0, cap;

	if (*arr == NULL) {
		if ((*arr = arena_calloc(r->a, NUMS_MAX, sizeof(**arr))) == NULL)
			return;
	}
	cap = NUMS_MAX;
	while (i < v.n && *n < cap) {
		if (is_digit((unsigned char)v.p[i]) && (i == 0 || !is_alpha((unsigned char)v.p[i - 1]) ||
		    (i >= 3 && ci_prefix(mkspan(v.p + i - 3, 3), "rfc")))) {
			long x = 0;
			size_t j = i;

			for (; j < v.n && is_digit((unsigned char)v.p[j]) && j - i < 6; j++)
				x = x * 10 + (v.p[j] - '0');
			if (x > 0 && x < 100000 && (j == v.n || !is_digit((unsigned char)v.p[j])))
				(*arr)[(*n)++] = (int)x;
			while (j < v.n && is_digit((unsigned char)v.p[j]))
				j++;
			i = j;
			continue;
		}
		i++;
	}
}

static void
set_status(struct rd *r, struct span v)
{
	size_t i;

	v = trim(v);
	if (v.n == 0 || r->d->status != NULL)
		return;
	r->d->status = dup_clean(r, v);
	for (i = 0; i < sizeof(categories) / sizeof(categories[0]); i++)
		if (ci_prefix(v, categories[i].status)) {
			r->d->category = categories[i].category;
			return;
		}
}

static void
header_left(struct rd *r, struct span left, int first, enum hfield *cont)
{
	struct draft *d = r->d;
	struct span v;
	size_t i;

	for (i = 0; i < sizeof(header_labels) / sizeof(header_labels[0]); i++)
		if (ci_prefix(left, header_labels[i].label))
			break;
	if (i == sizeof(header_labels) / sizeof(header_labels[0])) {
		/* "(if approved)" or "7230, 7231 (if approved)" under an Updates:/Obsoletes: line */
		if ((*cont == HF_UPDATES || *cont == HF_OBSOLETES) &&
		    (left.p[0] == '(' || is_digit((unsigned char)left.p[0]) || ci_prefix(left, "RFC"))) {
			if (*cont == HF_UPDATES)
				add_numbers(r, left, &d->updates, &d->nupdates);
			else
				add_numbers(r, left, &d->obsoletes, &d->nobsoletes);
			return;
		}
		*cont = HF_NONE;
		if (first && d->workgroup == NULL)
			d->workgroup = dup_clean(r, left);
		return;
	}
	v = trim(mkspan(left.p + strlen(header_labels[i].label), left.n - strlen(header_labels[i].label)));
	*cont = header_labels[i].field;
	switch (header_labels[i].field) {
	case HF_STATUS:
		set_status(r, v);
		break;
	case HF_UPDATES:
		add_numbers(r, v, &d->updates, &d->nupdates);
		break;
	case HF_OBSOLETES:
		add_numbers(r, v, &d->obsoletes, &d->nobsoletes);
		break;
	case HF_EXPIRES:
		if (d->expires.year == 0)
			(void)draft_date_parse(v.p, v.n, &d->expires);
		break;
	case HF_NONE:
		if (d->workgroup == NULL && v.n > 0)
			d->workgroup = dup_clean(r, v);
		break;
	default:
		break;
	}
}

static void
header_right(struct rd *r, struct span right)
{
	struct draft_date dd;
	struct span ini, sur;
	size_t i;

	if (right.n == 0)
		return;
	if (draft_date_parse(right.p, right.n, &dd) == 0) {
		if (r->d->date.year == 0)
			r->d->date = dd;
		return;
	}
	if (ends_with_ci(right, "et al.") || ends_with_ci(right, "et al"))
		return;
	if (p1_name(right, &ini, &sur)) {
		p1_add(r, right, ini, sur);
		return;
	}
	/* An organization: it belongs to the authors above it that have none yet ("K. Leung" and
	 * "S. Gundavelli" over one "Cisco"). */
	for (i = r->np1; i > 0 && r->p1[i - 1].org.n == 0; i--)
		r->p1[i - 1].org = right;
}

static void
read_header(struct rd *r)
{
	size_t k, j;
	int labels = 0, columns = 0;
	enum hfield cont = HF_NONE;

	for (k = 0; k < r->page1_end && !cl_text(r, k); k++)
		;
	r->hdr_begin = r->hdr_end = k;
	while (k < r->page1_end && cl_text(r, k) && k - r->hdr_begin < HEADER_LINES_MAX)
		k++;
	if (k - r->hdr_begin >= HEADER_LINES_MAX)
		return;
	/* Is this block a header at all? It has labels or a right column; a title block has neither. */
	for (j = r->hdr_begin; j < k; j++) {
		struct span left, right, s = cl_span(r, j);
		size_t i;

		header_columns(s, &left, &right);
		columns += right.n > 0 && left.n > 0;
		for (i = 0; i < sizeof(header_labels) / sizeof(header_labels[0]); i++)
			labels += ci_prefix(left, header_labels[i].label);
	}
	if (labels == 0 && columns == 0)
		return;
	r->hdr_end = k;
	for (j = r->hdr_begin; j < k; j++) {
		struct span left, right;

		header_columns(cl_span(r, j), &left, &right);
		if (left.n > 0)
			header_left(r, left, j == r->hdr_begin, &cont);
		header_right(r, right);
	}
}

/* ---- step 4: name, title, date ---- */

static char	*target_rfc(struct rd *, const char *, size_t);

static int
is_namechar(int c)
{
	return is_alpha(c) || is_digit(c) || c == '-';
}

/* Finds "draft-<name>-NN" (also "<draft-...-NN.txt>") on page 1, the first one as draft.py does. */
static void
find_name(struct rd *r)
{
	size_t k, i;

	r->name_k = SIZE_MAX;
	for (k = r->hdr_begin; k < r->page1_end; k++) {
		struct span s = cl_span(r, k);
		const char *q = s.p, *e = s.p + (s.n < NAME_LINE_MAX ? s.n : NAME_LINE_MAX);

		while (q < e && (q = memmem(q, (size_t)(e - q), "draft-", 6)) != NULL) {
			const char *t = q, *te;
			char *nm;
			size_t n;

			if (t > s.p && is_namechar((unsigned char)t[-1])) {
				q += 6;
				continue;
			}
			for (te = t; te < e && is_namechar((unsigned char)*te); te++)
				;
			q = te;
			n = (size_t)(te - t);
			while (n > 0 && t[n - 1] == '-')
				n--;
			if (n < 10 || !is_digit((unsigned char)t[n - 1]) || !is_digit((unsigned char)t[n - 2]) || t[n - 3] != '-')
				continue;
			if (n - 3 <= 6 || (nm = arena_alloc(r->a, n + 1)) == NULL)
				continue;
			/* One copy holds both: "draft-x-y\0NN\0", lower-cased as names are. */
			for (i = 0; i < n; i++)
				nm[i] = (char)lc((unsigned char)t[i]);
			nm[n] = '\0';
			nm[n - 3] = '\0';
			r->d->name = nm;
			r->d->rev = nm + n - 2;
			if (te + 4 <= e && (ci_prefix(mkspan(te, (size_t)(e - te)), ".txt") ||
			    ci_prefix(mkspan(te, (size_t)(e - te)), ".xml")))
				te += 4;
			r->name_k = k;
			r->name_tok = mkspan(t, (size_t)(te - t));
			return;
		}
	}
}

/* An RFC has no draft name; draft.py then names it by its number ("Request for Comments: 8855"). */
static void
find_rfc_number(struct rd *r)
{
	size_t k, i;

	for (k = r->hdr_begin; k < r->hdr_end; k++) {
		struct span left, right;

		header_columns(cl_span(r, k), &left, &right);
		if (!ci_prefix(left, "Request for Comments:"))
			continue;
		left = trim(mkspan(left.p + 21, left.n - 21));
		for (i = 0; i < left.n && is_digit((unsigned char)left.p[i]); i++)
			;
		if (i > 0 && i <= 5 && (i == left.n || !is_alpha((unsigned char)left.p[i])))
			r->d->name = target_rfc(r, left.p, i);
		return;
	}
}

static void
set_group(struct rd *r)
{
	struct draft_name dn;
	char tmp[128];
	int n;

	if (r->d->name == NULL)
		return;
	n = snprintf(tmp, sizeof(tmp), "%s-%s", r->d->name, r->d->rev ? r->d->rev : "00");
	if (n < 0 || (size_t)n >= sizeof(tmp))
		return;
	/* R88, R89: the WG from the name; the name module owns the rules. */
	if (draft_name_parse(tmp, NULL, 0, &dn) != NAME_OK)
		return;
	if (dn.group[0] != '\0')
		r->d->group = arena_strdup(r->a, dn.group);
	if (dn.wg_draft)
		r->d->flags |= DF_WG_DRAFT;
}

/* Headings that can follow the header block directly; such a line is not a title. */
static int
is_front_heading(struct span t)
{
	static const char *const heads[] = { "Status of", "Abstract", "Table of", "Copyright", "Full Copyright",
		"Intellectual Property", "Acknowled", "Author", "Index", "Disclaimer", "Appendix", NULL };
	size_t i;

	for (i = 0; heads[i] != NULL; i++)
		if (ci_prefix(t, heads[i]))
			return 1;
	if (t.n > 0 && is_digit((unsigned char)t.p[0])) {
		for (i = 0; i < t.n && (is_digit((unsigned char)t.p[i]) || t.p[i] == '.'); i++)
			;
		return i < t.n && t.p[i] == ' ';
	}
	return 0;
}

/* The title text without the draft name on the same line ("Title <draft-x-00.txt>"). */
static struct span
same_line_title(const struct rd *r)
{
	struct span s = cl_span(r, r->name_k), a, b;

	a = trim(mkspan(s.p, (size_t)(r->name_tok.p - s.p)));
	b = trim(mkspan(r->name_tok.p + r->name_tok.n, (size_t)(s.p + s.n - (r->name_tok.p + r->name_tok.n))));
	while (a.n > 0 && (a.p[a.n - 1] == '<' || a.p[a.n - 1] == '(' || a.p[a.n - 1] == '[')) {
		a.n--;
		a = trim(a);
	}
	if (b.n > 0 && (b.p[0] == '>' || b.p[0] == ')' || b.p[0] == ']'))
		b = trim(mkspan(b.p + 1, b.n - 1));
	if (a.n >= 3 && !ci_prefix(a, "Internet-Draft") && !ci_prefix(a, "Internet Draft"))
		return a;
	return b.n >= 3 ? b : mkspan("", 0);
}

static int
titleish(const struct rd *r, size_t k)
{
	struct span t = trim(cl_span(r, k));

	return t.n > 0 && t.n <= TITLE_COLS_MAX;
}

static void
set_title(struct rd *r, size_t b, size_t e, struct span extra)
{
	size_t n = 0, o;
	char *t = NULL, *u;
	int sp;

	if (b < e && (t = join_lines(r, b, e, 0, &n)) == NULL)
		return;
	if (extra.n > 0) {
		if ((u = arena_alloc(r->a, n + extra.n + 2)) == NULL)
			return;
		if (n > 0)
			memcpy(u, t, n);
		sp = n > 0;
		o = put_clean(u, n, extra, &sp);
		u[o] = '\0';
		t = u;
		n = o;
	}
	if (n > 0)
		r->d->title = t;
}

static void
find_title(struct rd *r)
{
	size_t t0, b, e, k, lim = r->page1_end;

	for (t0 = r->hdr_end; t0 < lim && !cl_text(r, t0); t0++)
		;
	r->body = t0;
	if (t0 >= lim)
		return;
	if (r->name_k != SIZE_MAX && r->name_k >= t0) {
		struct span same = same_line_title(r);

		/* 1. the lines just above the name line; 2. a block above a blank under it */
		e = r->name_k;
		if (e > t0 && !cl_text(r, e - 1) && same.n == 0) {
			while (e > t0 && !cl_text(r, e - 1))
				e--;
		}
		for (b = e; b > t0 && cl_text(r, b - 1) && e - b < TITLE_LINES_MAX && titleish(r, b - 1); b--)
			;
		r->body = r->name_k + 1;
		if (b < e && (b == t0 || !cl_text(r, b - 1)) && !is_front_heading(trim(cl_span(r, b)))) {
			set_title(r, b, e, same);
			return;
		}
		if (same.n > 0) {
			set_title(r, 0, 0, same);
			return;
		}
		/* 3. the lines under the name line */
		for (k = r->name_k + 1; k < lim && cl_text(r, k) && k - r->name_k <= TITLE_LINES_MAX && titleish(r, k); k++)
			;
		if (k > r->name_k + 1 && !is_front_heading(trim(cl_span(r, r->name_k + 1)))) {
			set_title(r, r->name_k + 1, k, mkspan("", 0));
			r->body = k;
		}
		return;
	}
	/* 4. no name under the header: the first block, when it is short and not a heading */
	for (k = t0; k < lim && cl_text(r, k) && k - t0 <= TITLE_LINES_MAX && titleish(r, k); k++)
		;
	if (k > t0 && k - t0 <= TITLE_LINES_MAX && !cl_text(r, k) && !is_front_heading(trim(cl_span(r, t0)))) {
		set_title(r, t0, k, mkspan("", 0));
		r->body = k;
	}
}

/* The document date when the header's right column has none: the first date on page 1 at the start
 * of a line or after three blanks, not within ten characters after "expires" (draft.py's rule). */
static void
find_date_fallback(struct rd *r)
{
	size_t k, i;

	for (k = r->hdr_begin; k < r->page1_end && r->d->date.year == 0; k++) {
		struct span s = cl_span(r, k);

		for (i = 0; i < s.n && i < TITLE_COLS_MAX; i++) {
			struct draft_date dd;
			size_t used, b;

			if (is_ws((unsigned char)s.p[i]))
				continue;
			if (!(i == indent_of(s) || (i >= 3 && s.p[i - 1] == ' ' && s.p[i - 2] == ' ' && s.p[i - 3] == ' ')))
				continue;
			b = i > 12 ? i - 12 : 0;
			if (ci_find(mkspan(s.p + b, i - b), "expire") != NULL)
				continue;
			if (draft_date_scan(s.p + i, s.n - i, &dd, &used) == 0 &&
			    (i + used == s.n || !is_alpha((unsigned char)s.p[i + used]))) {
				r->d->date = dd;
				return;
			}
		}
	}
}

/* ---- step 5: abstract ---- */

static void
find_abstract(struct rd *r)
{
	size_t k, start = SIZE_MAX, end, body_indent, head_indent = 0;
	int blank = 0;

	for (k = r->hdr_end; k < r->ncl && cl_page(r, k) <= ABSTRACT_PAGE_MAX; k++) {
		struct span t = trim(cl_span(r, k));

		if (ci_eq(t, "Abstract") || ci_eq(t, "Abstract:")) {
			start = k + 1;
			head_indent = indent_of(cl_span(r, k));
			break;
		}
	}
	if (start == SIZE_MAX)
		return;
	for (k = start; k < r->ncl && !cl_text(r, k); k++)
		;
	if (k >= r->ncl)
		return;
	start = k;
	body_indent = indent_of(cl_span(r, k));
	/* An empty abstract: the next thing under "Abstract" is another heading ("Note to Readers"). */
	if (body_indent <= head_indent && !cl_text(r, k + 1)) {
		struct span t = trim(cl_span(r, k));

		if (t.n == 0 || (t.n <= 60 && t.p[t.n - 1] != '.'))
			return;
	}
	for (end = k; k < r->ncl && k - start < ABSTRACT_LINES_MAX; k++) {
		struct span s;

		if (!cl_text(r, k)) {
			blank |= r->cl[k] != CL_GAP_JOIN;
			continue;
		}
		s = cl_span(r, k);
		if (indent_of(s) < body_indent || (blank && is_front_heading(trim(s))))
			break;
		blank = 0;
		end = k + 1;
	}
	r->d->abstract = join_lines(r, start, end, 1, NULL);
}

/* ---- step 6: sections ---- */

static const struct {
	const char	*needle;
	unsigned	 flag;
} section_flags[] = {
	{ "introduction",		DF_INTRODUCTION },
	{ "security considerations",	DF_SECURITY_SECTION },
	{ "iana considerations",	DF_IANA_SECTION },
	{ "table of contents",		DF_TOC },
	{ "author's address",		DF_AUTHORS_SECTION },
	{ "authors' address",		DF_AUTHORS_SECTION },
	{ "authors address",		DF_AUTHORS_SECTION },
	{ "author address",		DF_AUTHORS_SECTION },
	{ "editor's address",		DF_AUTHORS_SECTION },
	{ "editors' address",		DF_AUTHORS_SECTION },
	{ "authors' information",	DF_AUTHORS_SECTION },
	{ "author's information",	DF_AUTHORS_SECTION },
	{ "author information",		DF_AUTHORS_SECTION },
	{ "contact information",	DF_AUTHORS_SECTION },
	{ "references",			DF_REFERENCES_SECTION },
};

static unsigned
section_flag_span(struct span t)
{
	size_t i;

	for (i = 0; i < sizeof(section_flags) / sizeof(section_flags[0]); i++)
		if (ci_find(t, section_flags[i].needle) != NULL)
			return section_flags[i].flag;
	return 0;
}

static unsigned
section_flag(const char *title)
{
	return section_flag_span(mkspan(title, strlen(title)));
}

/* A table-of-contents entry ends in a page number after dot leaders (". . . 3", "....3") or a
 * gap; "A.1.  Changes from HTTP/1.0" does not. */
static int
is_toc_entry(struct span t)
{
	size_t i = t.n, sp = 0;

	while (i > 0 && is_digit((unsigned char)t.p[i - 1]))
		i--;
	if (i == t.n || i == 0)
		return 0;
	for (; i > 0 && t.p[i - 1] == ' '; i--)
		sp++;
	if (sp >= 2)
		return 1;
	return i >= 2 && t.p[i - 1] == '.' && (t.p[i - 2] == '.' || t.p[i - 2] == ' ');
}

/* "4.2.1.  Title", "8.1  Title", "Appendix A.  Title", "A.1.  Title", "A.  Title". */
static int
numbered_heading(struct span s, struct span *num, struct span *title, int *level)
{
	size_t i = 0, comps = 0, gap;

	if (ci_prefix(s, "Appendix ") && s.n > 9 && is_upper((unsigned char)s.p[9]) &&
	    (s.n == 10 || strchr(".: ", s.p[10]) != NULL)) {
		*num = mkspan(s.p + 9, 1);
		*level = 1;
		i = 10;
		while (i < s.n && (s.p[i] == '.' || s.p[i] == ':'))
			i++;
		*title = trim(mkspan(s.p + i, s.n - i));
		return 1;
	}
	if (is_upper((unsigned char)s.p[0]) && s.n > 2 && s.p[1] == '.') {
		i = 1;
		comps = 1;
	} else if (!is_digit((unsigned char)s.p[0]))
		return 0;
	for (;;) {
		size_t d0 = i;

		if (i < s.n && s.p[i] == '.')
			i++;
		d0 = i;
		while (i < s.n && is_digit((unsigned char)s.p[i]) && i - d0 < 4)
			i++;
		if (i == d0) {
			if (comps == 0)
				return 0;
			break;
		}
		if (i < s.n && is_digit((unsigned char)s.p[i]))
			return 0;
		comps++;
		if (i >= s.n || s.p[i] != '.' || (i + 1 < s.n && !is_digit((unsigned char)s.p[i + 1])))
			break;
	}
	*num = mkspan(s.p, i);
	if (i < s.n && s.p[i] == '.')
		i++;
	for (gap = 0; i < s.n && s.p[i] == ' '; i++)
		gap++;
	/* "A. Cedik" is a name, "A.  Title" a heading: a bare letter needs the two-space gap. */
	if (gap == 0 || i >= s.n || (comps == 1 && is_upper((unsigned char)s.p[0]) && gap < 2))
		return 0;
	*title = trim(mkspan(s.p + i, s.n - i));
	*level = (int)comps;
	return title->n > 0 && (is_nameletter((unsigned char)title->p[0]) || is_digit((unsigned char)title->p[0]) ||
	    strchr("\"'(<[", title->p[0]) != NULL);
}

static void
add_section(struct rd *r, size_t k, struct span num, struct span title, int level, size_t *cap)
{
	struct draft *d = r->d;
	struct draft_section *s;

	size_t *ks;

	if (d->nsections >= SECTIONS_MAX || (s = arena_grow(r->a, d->sections, d->nsections, cap, sizeof(*s))) == NULL)
		return;
	d->sections = s;
	if ((ks = arena_grow(r->a, r->sec_k, d->nsections, &r->sec_cap, sizeof(*ks))) == NULL)
		return;
	r->sec_k = ks;
	ks[d->nsections] = k;
	s = &d->sections[d->nsections];
	s->number = dup_clean(r, num);
	s->title = dup_clean(r, title);
	s->level = level;
	s->line = cl_lineno(r, k);
	if (s->number == NULL || s->title == NULL)
		return;
	d->nsections++;
	d->flags |= section_flag(s->title);
}

static void
find_sections(struct rd *r)
{
	size_t k, cap = 0;

	for (k = r->body; k < r->ncl; k++) {
		struct span s, t, num, title;
		int level = 1;

		if (!cl_text(r, k))
			continue;
		s = cl_span(r, k);
		if (s.n == 0 || is_ws((unsigned char)s.p[0]))
			continue;
		t = trim(s);
		if (t.n == 0 || t.n > HEADING_COLS_MAX || is_toc_entry(t))
			continue;
		/* Headings follow a blank line; a known one ("Author's Address") may follow text directly. */
		if (k > 0 && cl_text(r, k - 1) && (t.n > 40 || section_flag_span(t) == 0))
			continue;
		if (numbered_heading(t, &num, &title, &level)) {
			/* A long heading wraps under its own title column. */
			if (cl_text(r, k + 1) && !cl_text(r, k + 2) && indent_of(cl_span(r, k + 1)) == (size_t)(title.p - s.p) &&
			    trim(cl_span(r, k + 1)).n + title.n < HEADING_COLS_MAX) {
				struct span n2 = trim(cl_span(r, k + 1));
				char *j = arena_alloc(r->a, title.n + n2.n + 2);

				if (j != NULL) {
					size_t o = title.n;

					memcpy(j, title.p, o);
					/* "[I-D.ietf-idr-" + "legacy-rtc]": a word broken at its hyphen joins whole. */
					if (!(o >= 2 && j[o - 1] == '-' && is_alpha((unsigned char)j[o - 2]) &&
					    is_alpha((unsigned char)n2.p[0])))
						j[o++] = ' ';
					memcpy(j + o, n2.p, n2.n);
					title = mkspan(j, o + n2.n);
				}
			}
			add_section(r, k, num, title, level, &cap);
			continue;
		}
		/* Unnumbered: a short column-0 line alone between blanks ("Authors' Addresses"). */
		if (!cl_text(r, k + 1) && is_nameletter((unsigned char)t.p[0]) && strchr(".,;", t.p[t.n - 1]) == NULL &&
		    memchr(t.p, '@', t.n) == NULL && t.n <= 72)
			add_section(r, k, mkspan("", 0), t, 1, &cap);
	}
}

/* Content index of a section's first line and of the next section's heading. */
static void
section_range(const struct rd *r, size_t si, size_t *from, size_t *to)
{
	*from = r->sec_k[si] + 1;
	*to = si + 1 < r->d->nsections ? r->sec_k[si + 1] : r->ncl;
	if (*from > *to)
		*from = *to;
}

/* ---- step 7: references ---- */

static const struct {
	const char	*needle;
	enum ref_kind	 kind;
} ref_kinds[] = {
	{ "non-normative",	REF_INFORMATIVE },
	{ "informative",	REF_INFORMATIVE },
	{ "informational",	REF_INFORMATIVE },
	{ "normative",		REF_NORMATIVE },
	{ "references",		REF_UNCLASSIFIED },
};

static char *
target_rfc(struct rd *r, const char *p, size_t n)
{
	long x = 0;
	size_t i;

	for (i = 0; i < n && is_digit((unsigned char)p[i]) && i < 5; i++)
		x = x * 10 + (p[i] - '0');
	if (i == 0 || x == 0 || (i < n && is_digit((unsigned char)p[i])))
		return NULL;
	return arena_printf(r->a, "rfc%ld", x);
}

/* "draft-ietf-x-y-05" -> "draft-ietf-x-y" */
static char *
target_draft(struct rd *r, const char *p, size_t n)
{
	size_t e = 0;
	char *t;

	while (e < n && (is_namechar((unsigned char)p[e]) || p[e] == '.'))
		e++;
	if (e >= 4 && ci_prefix(mkspan(p + e - 4, 4), ".txt"))
		e -= 4;
	while (e > 0 && (p[e - 1] == '-' || p[e - 1] == '.'))
		e--;
	if (e > 9 && is_digit((unsigned char)p[e - 1]) && is_digit((unsigned char)p[e - 2]) && p[e - 3] == '-')
		e -= 3;
	if (e <= 6 || memchr(p, '.', e) != NULL)
		return NULL;
	t = dup_lower(r, mkspan(p, e));
	return t;
}

/* The first RFC number or draft name in text[from, n), or NULL. */
static const char *
text_target(struct rd *r, const char *text, size_t from, size_t n)
{
	size_t i;

	for (i = from; i + 4 < n; i++) {
		if (i > 0 && (is_alpha((unsigned char)text[i - 1]) || is_digit((unsigned char)text[i - 1])))
			continue;
		if (text[i] == 'R' && text[i + 1] == 'F' && text[i + 2] == 'C') {
			size_t j = i + 3;

			if (j < n && (text[j] == ' ' || text[j] == '-'))
				j++;
			if (j < n && is_digit((unsigned char)text[j]))
				return target_rfc(r, text + j, n - j);
		}
		if (ci_prefix(mkspan(text + i, n - i), "draft-")) {
			const char *t = target_draft(r, text + i, n - i);

			if (t != NULL)
				return t;
		}
	}
	return NULL;
}

/* What an entry cites. The series information after the quoted title comes first, as the XML
 * reader takes seriesInfo first ("[I-D.ietf-x] ... draft-nottingham-x-02" cites the latter); then
 * anything in the text; then the tag ("RFC2119", "I-D.ietf-x-y", "BCP14"). */
static const char *
ref_target(struct rd *r, struct span tag, const char *text, size_t n)
{
	static const char *const series[] = { "RFC", "BCP", "STD", "FYI", NULL };
	const char *q, *t;
	size_t i, j;

	if ((q = memrchr(text, '"', n)) != NULL && (t = text_target(r, text, (size_t)(q - text), n)) != NULL)
		return t;
	if ((t = text_target(r, text, 0, n)) != NULL)
		return t;
	for (i = 0; series[i] != NULL; i++)
		if (ci_prefix(tag, series[i])) {
			for (j = 3; j < tag.n && (tag.p[j] == ' ' || tag.p[j] == '-'); j++)
				;
			if (j < tag.n && is_digit((unsigned char)tag.p[j])) {
				long x = 0;
				size_t k;

				for (k = j; k < tag.n && k - j < 5 && is_digit((unsigned char)tag.p[k]); k++)
					x = x * 10 + (tag.p[k] - '0');
				if (k == tag.n && x > 0)
					return arena_printf(r->a, "%c%c%c%ld", lc(series[i][0]), lc(series[i][1]),
					    lc(series[i][2]), x);
			}
		}
	if (ci_prefix(tag, "I-D.") && tag.n > 4) {
		struct span rest = mkspan(tag.p + 4, tag.n - 4);

		if (ci_prefix(rest, "draft-"))
			return target_draft(r, rest.p, rest.n);
		if ((t = dup_lower(r, rest)) != NULL)
			return arena_printf(r->a, "draft-%s", t);
	}
	return NULL;
}

static void
add_ref(struct rd *r, struct span tag, const char *text, size_t n, enum ref_kind kind, int line, size_t *cap)
{
	struct draft *d = r->d;
	struct draft_ref *f;

	if (d->nrefs >= REFS_MAX || (f = arena_grow(r->a, d->refs, d->nrefs, cap, sizeof(*f))) == NULL)
		return;
	d->refs = f;
	f = &d->refs[d->nrefs];
	if ((f->tag = dup_clean(r, tag)) == NULL)
		return;
	f->target = ref_target(r, tag, text, n);
	f->kind = kind;
	f->line = line;
	d->nrefs++;
}

static void
refs_in(struct rd *r, size_t from, size_t to, enum ref_kind kind, size_t *cap)
{
	char text[REF_TEXT_MAX];
	struct span tag = { NULL, 0 };
	size_t k, n = 0;
	int line = 0;

	for (k = from; k <= to; k++) {
		struct span s, t;
		const char *rb;

		if (k < to && !cl_text(r, k))
			continue;
		s = k < to ? cl_span(r, k) : mkspan("", 0);
		t = trim(s);
		rb = t.n > 1 && t.p[0] == '[' ? memchr(t.p, ']', t.n < REF_TAG_MAX ? t.n : REF_TAG_MAX) : NULL;
		if (k == to || (rb != NULL && rb > t.p + 1 && indent_of(s) <= 10)) {
			if (tag.p != NULL)
				add_ref(r, tag, text, n, kind, line, cap);
			if (k == to)
				break;
			tag = mkspan(t.p + 1, (size_t)(rb - t.p - 1));
			line = cl_lineno(r, k);
			t = trim(mkspan(rb + 1, (size_t)(t.p + t.n - rb - 1)));
			n = 0;
		} else if (tag.p == NULL)
			continue;
		/* Lines join without a space after '-', so a draft name broken at a hyphen comes out whole. */
		if (n > 0 && n < sizeof(text) && text[n - 1] != '-')
			text[n++] = ' ';
		if (t.n > sizeof(text) - n)
			t.n = sizeof(text) - n;
		memcpy(text + n, t.p, t.n);
		n += t.n;
	}
}

static void
find_refs(struct rd *r)
{
	size_t si, cap = 0, from, to, i;

	for (si = 0; si < r->d->nsections; si++) {
		struct span t = mkspan(r->d->sections[si].title, strlen(r->d->sections[si].title));
		enum ref_kind kind = 0;

		for (i = 0; i < sizeof(ref_kinds) / sizeof(ref_kinds[0]); i++)
			if (ci_find(t, ref_kinds[i].needle) != NULL) {
				kind = ref_kinds[i].kind;
				break;
			}
		/* "9.1 Normative" alone counts; "Normative language" does not. */
		if (kind == 0 || (ci_find(t, "references") == NULL && t.n > 16))
			continue;
		section_range(r, si, &from, &to);
		refs_in(r, from, to, kind, &cap);
	}
}

/* ---- step 8: authors ---- */

static const char *const contact_labels[] = {
	"EMail:", "Email:", "E-Mail:", "E-mail:", "Mail:", "Phone:", "Tel:", "Tel.:", "Telephone:", "Fax:",
	"Facsimile:", "Mobile:", "Cell:", "Voice:", "URI:", "URL:", "Web:", "Home page:", "mailto:", "http://",
	"https://", "www.", NULL
};

static int
is_contact(struct span t)
{
	size_t i;

	for (i = 0; contact_labels[i] != NULL; i++)
		if (ci_prefix(t, contact_labels[i]))
			return 1;
	return memchr(t.p, '@', t.n) != NULL && memchr(t.p, ' ', t.n) == NULL;
}

static int
email_char(int c)
{
	return is_alpha(c) || is_digit(c) || (c != '\0' && strchr("._+-", c) != NULL);
}

/* The first address in a line ("EMail: mnot@mnot.net", "<x@y.org>", "mailto:x@y"), lower-cased. */
static char *
find_email(struct rd *r, struct span t)
{
	const char *at = memchr(t.p, '@', t.n), *b, *e, *dot = NULL;

	if (at == NULL)
		return NULL;
	for (b = at; b > t.p && email_char((unsigned char)b[-1]); b--)
		;
	for (e = at + 1; e < t.p + t.n && (is_alpha((unsigned char)*e) || is_digit((unsigned char)*e) || *e == '.' ||
	    *e == '-'); e++)
		if (*e == '.')
			dot = e;
	while (e > at + 1 && e[-1] == '.')
		e--;
	if (b == at || dot == NULL || dot >= e - 1)
		return NULL;
	return dup_lower(r, mkspan(b, (size_t)(e - b)));
}

/* A person's name line in an address block: letters, no digits, few words. */
static int
nameish(struct span t)
{
	size_t i, words = 1;

	if (t.n == 0 || t.n > AUTHOR_LINE_MAX || !is_nameletter((unsigned char)t.p[0]))
		return 0;
	for (i = 0; i < t.n; i++) {
		if (is_digit((unsigned char)t.p[i]) || t.p[i] == '@' || t.p[i] == ':')
			return 0;
		words += t.p[i] == ' ';
	}
	return words <= 8;
}

/* The name on an address block's first line, without an editor mark or a note in parentheses
 * ("Martin Duerst (Note: Please write ...)"), as draft.py keeps it. */
static struct span
author_name(struct span t)
{
	const char *q;

	t = strip_editor(t);
	if (t.n > 0 && t.p[t.n - 1] == ')' && (q = memmem(t.p, t.n, " (", 2)) != NULL)
		t = strip_editor(trim(mkspan(t.p, (size_t)(q - t.p))));
	return t;
}

/* "Mark Nottingham" -> surname "Nottingham"; a suffix ("Jr.", "III") is not the surname. */
static struct span
last_word(struct span n)
{
	static const char *const suffixes[] = { "Jr.", "Jr", "Sr.", "II", "III", "IV", "2nd", "3rd", NULL };
	size_t e = n.n, b, i;

	for (;;) {
		while (e > 0 && (n.p[e - 1] == ' ' || n.p[e - 1] == ','))
			e--;
		for (b = e; b > 0 && n.p[b - 1] != ' '; b--)
			;
		for (i = 0; suffixes[i] != NULL; i++)
			if (strlen(suffixes[i]) == e - b && memcmp(n.p + b, suffixes[i], e - b) == 0)
				break;
		if (suffixes[i] == NULL || b == 0)
			return mkspan(n.p + b, e - b);
		e = b;
	}
}

struct ablock {
	struct span	 name, org;
	char		*email;
	int		 lines;
};

/* Does name hold surname s as whole words ending at word end "at"? */
static int
surname_at(struct span name, struct span s, size_t at)
{
	size_t j, b;

	if (s.n == 0 || at < s.n)
		return 0;
	b = at - s.n;
	if ((b > 0 && name.p[b - 1] != ' ') || (at < name.n && name.p[at] != ' '))
		return 0;
	for (j = 0; j < s.n; j++)
		if (lc((unsigned char)name.p[b + j]) != lc((unsigned char)s.p[j]))
			return 0;
	return 1;
}

/* Pairs an Authors' Addresses entry with the page-1 name carrying the same surname: at the end of
 * the full name first, then anywhere after the first word ("H. Frystyk" in "Henrik Frystyk
 * Nielsen"). */
static struct p1auth *
p1_match(struct rd *r, struct span name)
{
	size_t i, e;

	for (i = 0; i < r->np1; i++)
		if (!r->p1[i].used && surname_at(name, r->p1[i].surname, name.n)) {
			r->p1[i].used = 1;
			return &r->p1[i];
		}
	for (e = 0; e < name.n; e++) {
		if (name.p[e] != ' ')
			continue;
		for (i = 0; i < r->np1; i++)
			if (!r->p1[i].used && surname_at(name, r->p1[i].surname, e) && e > r->p1[i].surname.n) {
				r->p1[i].used = 1;
				return &r->p1[i];
			}
	}
	return NULL;
}

static void
add_author(struct rd *r, struct span name, struct span ini, struct span sur, struct span org, char *email,
    size_t *cap)
{
	struct draft *d = r->d;
	struct draft_author *au;

	if ((au = arena_grow(r->a, d->authors, d->nauthors, cap, sizeof(*au))) == NULL)
		return;
	d->authors = au;
	au = &d->authors[d->nauthors];
	if ((au->name = dup_clean(r, name)) == NULL)
		return;
	au->initials = ini.n > 0 ? dup_clean(r, ini) : NULL;
	au->surname = sur.n > 0 ? dup_clean(r, sur) : NULL;
	au->org = org.n > 0 ? dup_clean(r, org) : NULL;
	au->email = email;
	d->nauthors++;
}

/* Given names to initials when page 1 did not give them: "Roy T." -> "R. T.". */
static struct span
derive_initials(struct rd *r, struct span name, struct span sur)
{
	size_t given = (size_t)(sur.p - name.p), i, o = 0;
	char *out;

	if (sur.p < name.p || given == 0 || (out = arena_alloc(r->a, given * 2 + 1)) == NULL)
		return mkspan("", 0);
	for (i = 0; i < given; i++)
		if (is_upper((unsigned char)name.p[i]) && (i == 0 || name.p[i - 1] == ' ' || name.p[i - 1] == '-')) {
			if (o > 0)
				out[o++] = name.p[i - 1] == '-' ? '-' : ' ';
			out[o++] = name.p[i];
			out[o++] = '.';
		}
	return mkspan(out, o);
}

static void
find_authors(struct rd *r)
{
	struct draft *d = r->d;
	struct ablock *bl = NULL;
	size_t nbl = 0, blcap = 0, si, from = 0, to = 0, k, cap = 0;
	int found = 0, blank = 1;

	for (si = d->nsections; si > 0 && !found; si--)
		if (section_flag(d->sections[si - 1].title) == DF_AUTHORS_SECTION) {
			section_range(r, si - 1, &from, &to);
			found = 1;
		}
	for (k = from; found && k < to; k++) {
		struct span t;
		struct ablock *b;

		if (!cl_text(r, k)) {
			blank = 1;
			continue;
		}
		if ((t = trim(cl_span(r, k))).n == 0)
			continue;
		b = nbl > 0 ? &bl[nbl - 1] : NULL;
		if (is_contact(t)) {
			if (b != NULL && b->email == NULL)
				b->email = find_email(r, t);
		} else if ((b == NULL || blank) && nameish(author_name(t))) {
			if (nbl >= AUTHORS_MAX || (b = arena_grow(r->a, bl, nbl, &blcap, sizeof(*b))) == NULL)
				break;
			bl = b;
			b = &bl[nbl++];
			b->name = author_name(t);
			b->lines = 0;
		} else if (b != NULL) {
			/* The line under the name is the organization unless it is a street or a place. */
			if (++b->lines == 1 && !blank && !is_digit((unsigned char)t.p[0]))
				b->org = t;
		}
		blank = 0;
	}
	for (k = 0; k < nbl; k++) {
		struct p1auth *p = p1_match(r, bl[k].name);
		struct span sur = p != NULL ? p->surname : last_word(bl[k].name);
		struct span ini = p != NULL ? p->initials : derive_initials(r, bl[k].name, sur);
		struct span org = bl[k].org.n > 0 ? bl[k].org : p != NULL ? p->org : mkspan("", 0);

		/* Page 1 shows an organization under every author that has one; none there means the
		 * line under the name is the street or the town ("Prahran VIC"). */
		if (p != NULL && p->org.n == 0 && r->np1 > 0)
			org = mkspan("", 0);

		add_author(r, bl[k].name, ini, sur, org, bl[k].email, &cap);
	}
	if (nbl > 0)
		return;
	/* No Authors' Addresses: page 1's names are all there is. */
	for (k = 0; k < r->np1; k++)
		add_author(r, r->p1[k].name, r->p1[k].initials, r->p1[k].surname, r->p1[k].org, NULL, &cap);
}

/* ---- step 9: boilerplate facts over the flattened text ---- */

static void	find_keywords(struct rd *, const char *, size_t);

/* The text as one lower-case line for phrase search, built in place: the key words are looked for
 * while it still has its case, and the words counted on the way. */
static int
build_flat(struct rd *r)
{
	size_t n = 0, i, spaces = 0;
	char *f;

	if ((f = join_lines(r, 0, r->ncl, 0, &n)) == NULL)
		return -1;
	find_keywords(r, f, n);
	/* join_lines leaves exactly one space between words, so counting spaces counts words. Eight
	 * bytes at a time: lanes 'A'..'Z' get 0x20 added, lanes equal to ' ' are counted. */
	for (i = 0; i + 8 <= n; i += 8) {
		uint64_t w, low, x, up, sp;

		memcpy(&w, f + i, 8);
		low = w & (WORD_ONES * 0x7f);
		up = ~w & ((low + WORD_ONES * (0x80 - 'A')) ^ (low + WORD_ONES * (0x7f - 'Z'))) & (WORD_ONES * 0x80);
		w |= up >> 2;
		memcpy(f + i, &w, 8);
		x = (w ^ (WORD_ONES * 0x20));
		sp = ~(((x & (WORD_ONES * 0x7f)) + WORD_ONES * 0x7f) | x | (WORD_ONES * 0x7f));
		spaces += (size_t)__builtin_popcountll(sp);
	}
	for (; i < n; i++) {
		f[i] = (char)lc((unsigned char)f[i]);
		spaces += f[i] == ' ';
	}
	r->lflat = f;
	r->nflat = n;
	r->d->words = n > 0 ? (int)(spaces + 1) : 0;
	return 0;
}

static const char *
lfind(const struct rd *r, const char *phrase)
{
	return memmem(r->lflat, r->nflat, phrase, strlen(phrase));
}

static const struct {
	const char	*phrase;	/* lower case, single spaces */
	unsigned	 flag;
} boiler[] = {
	{ "in full conformance with the provisions of bcp 78 and bcp 79",		DF_TLP_BOILERPLATE },
	{ "internet-drafts are working documents of the internet engineering task force", DF_ID_BOILERPLATE },
	{ "valid for a maximum of six months",						DF_VALIDITY_PARAGRAPH },
	{ "list of current internet-drafts",						DF_CURRENT_LIST },
	{ "published or made publicly available before november 10, 2008",		DF_PRE5378 },
	{ "simplified bsd license",							DF_TLP_LICENSE },
	{ "revised bsd license",							DF_TLP_LICENSE },
	{ "must include bsd license text",						DF_TLP_LICENSE },
	{ "when, and only when, they appear in all capitals",				DF_RFC8174_BOILERPLATE },
};

/* The ipr attribute an XML source of this text would carry, first match wins; need/lack are flags
 * the text must have / must not have. */
static const struct {
	const char	*phrase;
	unsigned	 need, lack;
	const char	*ipr;
} ipr_rules[] = {
	{ NULL, DF_PRE5378, 0, "pre5378Trust200902" },
	{ "may not be modified, and derivative works of it may not be created, except to format it for publication as an rfc",
	    DF_TLP_BOILERPLATE, 0, "noModificationTrust200902" },
	{ "may not be modified, and derivative works of it may not be created, and it may not be published except as an internet-draft",
	    DF_TLP_BOILERPLATE, 0, "noDerivativesTrust200902" },
	{ "submitted to ietf in full conformance", DF_TLP_BOILERPLATE, DF_TLP_LICENSE, "trust200811" },
	{ NULL, DF_TLP_BOILERPLATE, 0, "trust200902" },
	{ "in accordance with section 6 of bcp 79", 0, 0, "full3978" },
	{ "section 3 of rfc 3667", 0, 0, "full3667" },
	{ "in accordance with rfc 3668", 0, 0, "full3667" },
	{ "except that the right to produce derivative works is not granted", 0, 0, "noDerivativeWorks2026" },
	{ "all provisions of section 10 of rfc2026", 0, 0, "full2026" },
	{ "all provisions of section 10 of rfc 2026", 0, 0, "full2026" },
};

static int
year_at(const char *p, const char *end)
{
	if (end - p < 4 || !is_digit((unsigned char)p[0]) || !is_digit((unsigned char)p[1]) ||
	    !is_digit((unsigned char)p[2]) || !is_digit((unsigned char)p[3]) || (end - p > 4 && is_digit((unsigned char)p[4])))
		return 0;
	return (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
}

static void
find_copyright(struct rd *r)
{
	const char *end = r->lflat + r->nflat, *q = r->lflat;
	int y, tries = 0;

	/* "Copyright (c) 2019 IETF Trust"; the year alone from older forms */
	while (tries++ < COPYRIGHT_TRIES && (q = memmem(q, (size_t)(end - q), "copyright (c) ", 14)) != NULL) {
		q += 14;
		if ((y = year_at(q, end)) != 0) {
			const char *t = q + 4;

			while (t < end && (*t == '-' || *t == ',' || *t == ' ' || is_digit((unsigned char)*t)))
				t++;
			if (end - t >= 10 && memcmp(t, "ietf trust", 10) == 0) {
				r->d->flags |= DF_COPYRIGHT_NOTICE;
				r->d->copyright_year = y;
				return;
			}
			if (r->d->copyright_year == 0)
				r->d->copyright_year = y;
		} else if (r->d->copyright_year == 0) {
			/* RFC 3978 and RFC 4748 put the year last: "The Internet Society (2004)", "The IETF Trust (2007)" */
			if (end - q >= 22 && memcmp(q, "the internet society (", 22) == 0)
				r->d->copyright_year = year_at(q + 22, end);
			else if (end - q >= 16 && memcmp(q, "the ietf trust (", 16) == 0)
				r->d->copyright_year = year_at(q + 16, end);
		}
	}
}

static void
find_keywords(struct rd *r, const char *f, size_t n)
{
	static const char *const kw[] = { "MUST", "SHOULD", "SHALL", "REQUIRED", "RECOMMENDED", "OPTIONAL", "MAY", NULL };
	size_t i = 0, j, k;

	while (i < n) {
		if (!is_upper((unsigned char)f[i])) {
			i++;
			continue;
		}
		for (j = i; j < n && is_upper((unsigned char)f[j]); j++)
			;
		/* Quoted, the word is being defined ("MUST", in the BCP 14 paragraph), not used. */
		if ((i == 0 || (!is_alpha((unsigned char)f[i - 1]) && !is_digit((unsigned char)f[i - 1]) && f[i - 1] != '"' &&
		    f[i - 1] != '-')) && (j == n || (!is_alpha((unsigned char)f[j]) && !is_digit((unsigned char)f[j]) &&
		    f[j] != '"' && f[j] != '-')))
			for (k = 0; kw[k] != NULL; k++)
				if (strlen(kw[k]) == j - i && memcmp(f + i, kw[k], j - i) == 0) {
					r->d->flags |= DF_BCP14_KEYWORDS;
					return;
				}
		i = j;
	}
}

static void
find_boilerplate(struct rd *r)
{
	struct draft *d = r->d;
	const char *q;
	size_t i;

	for (i = 0; i < sizeof(boiler) / sizeof(boiler[0]); i++)
		if (!(d->flags & boiler[i].flag) && lfind(r, boiler[i].phrase) != NULL)
			d->flags |= boiler[i].flag;
	/* RFC 2119's paragraph: the key words, then the RFC within the same paragraph or so. */
	if ((q = lfind(r, "key words \"must\", \"must not\", \"required\"")) != NULL) {
		size_t rest = (size_t)(r->lflat + r->nflat - q);

		if (memmem(q, rest < 600 ? rest : 600, "2119", 4) != NULL)
			d->flags |= DF_RFC2119_BOILERPLATE;
	}
	for (i = 0; i < sizeof(ipr_rules) / sizeof(ipr_rules[0]); i++)
		if ((d->flags & ipr_rules[i].need) == ipr_rules[i].need && !(d->flags & ipr_rules[i].lack) &&
		    (ipr_rules[i].phrase == NULL || lfind(r, ipr_rules[i].phrase) != NULL)) {
			d->ipr = ipr_rules[i].ipr;
			break;
		}
	find_copyright(r);
	/* "This Internet-Draft will expire on May 7, 2020." when the header has no Expires: line. */
	if (d->expires.year == 0 && (q = lfind(r, "will expire on ")) != NULL) {
		size_t off = (size_t)(q - r->lflat) + 15, used;

		(void)draft_date_scan(r->lflat + off, r->nflat - off, &d->expires, &used);
	}
}

/* The running header's middle: "Internet-Draft   Short Title   November 2019" -> "Short Title". */
static void
find_abbrev(struct rd *r)
{
	static const char *const starts[] = { "Internet-Draft", "Internet Draft", NULL };
	size_t i, k;

	for (i = 0; i < r->d->nlines; i++) {
		struct span s, m;
		const char *g;

		if (r->kind[i] != LK_HEADER)
			continue;
		s = trim(line_span(r, i));
		if (s.n > TITLE_COLS_MAX)
			return;
		for (k = 0; starts[k] != NULL && !ci_prefix(s, starts[k]); k++)
			;
		if (starts[k] == NULL)
			return;
		m = trim(mkspan(s.p + strlen(starts[k]), s.n - strlen(starts[k])));
		/* Drop the date at the end: after the last gap, or the month glued to the title. */
		if ((g = memmem(m.p, m.n, "  ", 2)) != NULL) {
			const char *last = g;

			while ((g = memmem(last + 1, (size_t)(m.p + m.n - last - 1), "  ", 2)) != NULL)
				last = g;
			m = trim(mkspan(m.p, (size_t)(last - m.p)));
		} else {
			static const char *const mon[] = { "January", "February", "March", "April", "May", "June", "July",
				"August", "September", "October", "November", "December", NULL };
			size_t e = m.n;

			while (e > 0 && (is_digit((unsigned char)m.p[e - 1]) || m.p[e - 1] == ' ' || m.p[e - 1] == ','))
				e--;
			for (k = 0; mon[k] != NULL; k++)
				if (e >= strlen(mon[k]) && memcmp(m.p + e - strlen(mon[k]), mon[k], strlen(mon[k])) == 0) {
					e -= strlen(mon[k]);
					break;
				}
			m = trim(mkspan(m.p, e));
		}
		if (m.n > 0)
			r->d->abbrev = dup_clean(r, m);
		return;
	}
}

/* See draft.h. The steps run in this order, each reading what the ones before left in struct rd;
 * none fails the whole: a step that finds nothing (or runs out of arena) leaves its fields empty.
 * -1 only when the line table itself cannot be had. */
int
draft_parse_text(struct arena *a, const char *buf, size_t len, struct draft *d)
{
	struct rd r;

	memset(d, 0, sizeof(*d));
	memset(&r, 0, sizeof(r));
	d->format = DRAFT_TXT;
	r.a = a;
	r.d = d;
	if (buf == NULL)
		len = 0;
	if (len > TEXT_BYTES_MAX)
		len = TEXT_BYTES_MAX;
	if (len > 0 && split_lines(&r, buf, len) == -1)
		return -1;
	if (len == 0 || d->nlines == 0) {
		draft_nit_add(a, d, NIT_FILE_EMPTY, 0, NULL);
		return 0;
	}
	paginate(&r);
	if (d->pages == 0) {
		draft_nit_add(a, d, NIT_FILE_EMPTY, 0, "only white space");
		return 0;
	}
	if (build_content(&r) == -1)
		return -1;
	read_header(&r);
	find_name(&r);
	if (d->name == NULL)
		find_rfc_number(&r);
	set_group(&r);
	find_title(&r);
	if (d->date.year == 0)
		find_date_fallback(&r);
	find_abstract(&r);
	find_sections(&r);
	find_refs(&r);
	find_authors(&r);
	find_abbrev(&r);
	if (build_flat(&r) == 0)
		find_boilerplate(&r);
	return 0;
}
