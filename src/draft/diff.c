/* diff.c: line and word differences between two texts, for the draft-revision diff page (R84: side
 * by side, changed words marked); see diff.h. Pure: no I/O, no state, every byte from the caller's
 * arena. Callers: the diff page, tests/unit/test_diff.c, fuzz/fuzz_diff.c.
 *
 * Lines (or words) become tokens; the common prefix and suffix go first, then each distinct token of
 * the middle gets a small integer id from a hash table that compares bytes, so equal ids mean equal
 * text, never merely equal hashes. Tokens found on one side only are edits whatever the alignment
 * and leave before the search. Myers' O(ND) algorithm in linear space (the middle-snake split of
 * "An O(ND) Difference Algorithm and Its Variations", 1986, section 4b, laid out as libxdiff's
 * xdl_split) marks the rest outside one longest common subsequence, so the diff is minimal. Two
 * bounds keep hostile or unrelated revisions cheap: DIFF_MAX_EDITS on the edit distance (checked
 * first against a lower bound, the tokens found on one side only) and DIFF_MAX_WORK on the steps of
 * the search. */
#include <stdint.h>
#include <string.h>

#include "core/arena.h"
#include "core/hash.h"
#include "diff.h"

#define MAX_TOKENS	(INT32_MAX / 4)	/* indices and diagonals fit an int32_t */

enum { OK = 0, TOO_DIFFERENT = -1, NO_MEMORY = -2 };

struct tok {
	const char	*p;
	size_t		 len;	/* bytes covered: a line without its end, a word with the spaces after it */
	size_t		 klen;	/* bytes compared: a line's len, a word without the spaces */
};

struct myers {
	const uint32_t	*a, *b;		/* token ids */
	unsigned char	*ra, *rb;	/* set: outside the common subsequence */
	int32_t		*vf, *vb;	/* furthest-reaching x per diagonal (x - y), forward and back */
	long		 maxd;
	long		 work;		/* steps left */
};

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

static int
same(const struct tok *x, const struct tok *y)
{
	return x->klen == y->klen && (x->klen == 0 || memcmp(x->p, y->p, x->klen) == 0);
}

/* Gives each of the n tokens (a's then b's) the index of the first token with the same bytes. */
static int
number(struct arena *ar, const struct tok *a, size_t na, const struct tok *b, size_t n, uint32_t *ids)
{
	struct slot { uint32_t h, i; } *tab;	/* i: token index + 1, 0 = empty */
	size_t cap = 16, i, s;

	while (cap < 2 * n)
		cap *= 2;
	if ((tab = arena_calloc(ar, cap, sizeof(*tab))) == NULL)
		return NO_MEMORY;
	for (i = 0; i < n; i++) {
		const struct tok *t = i < na ? &a[i] : &b[i - na];
		uint32_t h = hash_fnv1a(HASH_FNV1A_INIT, t->p, t->klen);

		for (s = h & (cap - 1);; s = (s + 1) & (cap - 1)) {
			size_t j = tab[s].i;

			if (j == 0) {
				tab[s].h = h;
				tab[s].i = (uint32_t)(i + 1);
				ids[i] = (uint32_t)i;
				break;
			}
			j--;
			if (tab[s].h == h && same(t, j < na ? &a[j] : &b[j - na])) {
				ids[i] = (uint32_t)j;
				break;
			}
		}
	}
	return OK;
}

/* Finds where an optimal path through the box [a0,a1) x [b0,b1) crosses its middle: the box has
 * neither an empty side nor a common first or last token. Sets *sx, *sy and returns OK, or
 * TOO_DIFFERENT once the path needs more than maxd edits or the steps run out. */
static int
split(struct myers *m, long a0, long a1, long b0, long b1, long *sx, long *sy)
{
	int32_t *vf = m->vf, *vb = m->vb;
	long dmin = a0 - b1, dmax = a1 - b0;
	long fmid = a0 - b0, bmid = a1 - b1;
	long fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid;
	long ec, d, x, y, x0;
	int odd = (int)((fmid - bmid) & 1);

	vf[fmid] = (int32_t)a0;
	vb[bmid] = (int32_t)a1;
	for (ec = 1;; ec++) {
		/* Not met after ec - 1 rounds: the path costs at least 2 * ec - 1. */
		if (2 * ec - 1 > m->maxd || m->work < 0)
			return TOO_DIFFERENT;
		if (fmin > dmin)
			vf[--fmin - 1] = -1;
		else
			fmin++;
		if (fmax < dmax)
			vf[++fmax + 1] = -1;
		else
			fmax--;
		for (d = fmax; d >= fmin; d -= 2) {
			x = vf[d - 1] >= vf[d + 1] ? vf[d - 1] + 1 : vf[d + 1];
			x0 = x;
			y = x - d;
			while (x < a1 && y < b1 && m->a[x] == m->b[y])
				x++, y++;
			m->work -= 1 + (x - x0);
			vf[d] = (int32_t)x;
			if (odd && bmin <= d && d <= bmax && vb[d] <= x) {
				*sx = x;
				*sy = y;
				return OK;
			}
		}
		if (bmin > dmin)
			vb[--bmin - 1] = INT32_MAX;
		else
			bmin++;
		if (bmax < dmax)
			vb[++bmax + 1] = INT32_MAX;
		else
			bmax--;
		for (d = bmax; d >= bmin; d -= 2) {
			x = vb[d - 1] < vb[d + 1] ? vb[d - 1] : vb[d + 1] - 1;
			x0 = x;
			y = x - d;
			while (x > a0 && y > b0 && m->a[x - 1] == m->b[y - 1])
				x--, y--;
			m->work -= 1 + (x0 - x);
			vb[d] = (int32_t)x;
			if (!odd && fmin <= d && d <= fmax && x <= vf[d]) {
				*sx = x;
				*sy = y;
				return OK;
			}
		}
	}
}

/* Marks the tokens of [a0,a1) and [b0,b1) outside one longest common subsequence. The recursion
 * halves the edit distance at each level, so it is at most about log2(DIFF_MAX_EDITS) deep. */
static int
compare(struct myers *m, long a0, long a1, long b0, long b1)
{
	long x, y, n0 = a0;

	while (a0 < a1 && b0 < b1 && m->a[a0] == m->b[b0])
		a0++, b0++;
	while (a0 < a1 && b0 < b1 && m->a[a1 - 1] == m->b[b1 - 1])
		a1--, b1--;
	m->work -= a0 - n0;
	if (a0 == a1) {
		for (; b0 < b1; b0++)
			m->rb[b0] = 1;
		return OK;
	}
	if (b0 == b1) {
		for (; a0 < a1; a0++)
			m->ra[a0] = 1;
		return OK;
	}
	if (split(m, a0, a1, b0, b1, &x, &y) != OK)
		return TOO_DIFFERENT;
	if (compare(m, a0, x, b0, y) != OK)
		return TOO_DIFFERENT;
	return compare(m, x, a1, y, b1);
}

/* Marks in ra and rb (zeroed, na and nb long) the tokens of a and b outside one longest common
 * subsequence. */
static int
diff_toks(struct arena *ar, const struct tok *a, size_t na, const struct tok *b, size_t nb,
    unsigned char *ra, unsigned char *rb)
{
	struct myers m;
	unsigned char *seen;
	uint32_t *ids, *map;
	int32_t *v;
	size_t pre = 0, suf = 0, ma, mb, i, k = 0, ka = 0, kb, lone = 0;
	int rc;

	while (pre < na && pre < nb && same(&a[pre], &b[pre]))
		pre++;
	while (suf < na - pre && suf < nb - pre && same(&a[na - 1 - suf], &b[nb - 1 - suf]))
		suf++;
	ma = na - pre;
	ma -= suf;
	mb = nb - pre;
	mb -= suf;
	if (ma == 0 || mb == 0) {	/* only added or only removed lines: no search */
		if (ma > 0)
			memset(ra + pre, 1, ma);
		if (mb > 0)
			memset(rb + pre, 1, mb);
		return OK;
	}
	if (ma + mb > MAX_TOKENS || (ma > mb ? ma - mb : mb - ma) > DIFF_MAX_EDITS)
		return TOO_DIFFERENT;
	if ((ids = arena_calloc(ar, ma + mb, sizeof(*ids))) == NULL)
		return NO_MEMORY;
	if ((rc = number(ar, a + pre, ma, b + pre, ma + mb, ids)) != OK)
		return rc;
	/*
	 * A token found on one side only is an edit in any alignment: mark it now and search the rest
	 * (as GNU diff and libxdiff do; the longest common subsequence stays as long). Their number is
	 * also a lower bound on the edit distance. The rest moves to the front of ids, a's then b's,
	 * map[] saying where each came from.
	 */
	if ((seen = arena_alloc(ar, ma + mb)) == NULL || (map = arena_calloc(ar, ma + mb, sizeof(*map))) == NULL)
		return NO_MEMORY;
	for (i = 0; i < ma + mb; i++)
		seen[ids[i]] |= i < ma ? 1 : 2;
	for (i = 0; i < ma + mb; i++) {
		if (seen[ids[i]] != 3) {
			lone++;
			if (i < ma)
				ra[pre + i] = 1;
			else
				rb[pre + i - ma] = 1;
			continue;
		}
		ka += i < ma;
		ids[k] = ids[i];
		map[k++] = (uint32_t)(i < ma ? i : i - ma);
	}
	if (lone > DIFF_MAX_EDITS)
		return TOO_DIFFERENT;
	kb = k - ka;
	/* seen becomes the marks of the search; diagonals run from -kb - 1 to ka + 1. */
	memset(seen, 0, k);
	if ((v = arena_calloc(ar, 2 * (k + 3), sizeof(*v))) == NULL)
		return NO_MEMORY;
	m.a = ids;
	m.b = ids + ka;
	m.ra = seen;
	m.rb = seen + ka;
	m.vf = v + kb + 1;
	m.vb = v + (k + 3) + kb + 1;
	m.maxd = DIFF_MAX_EDITS - (long)lone;
	m.work = DIFF_MAX_WORK;
	if ((rc = compare(&m, 0, (long)ka, 0, (long)kb)) != OK)
		return rc;
	for (i = 0; i < ka; i++)
		ra[pre + map[i]] = seen[i];
	for (i = 0; i < kb; i++)
		rb[pre + map[ka + i]] = seen[ka + i];
	return OK;
}

/* The lines of s, without their ends; *n gets how many. NULL when the arena is full. */
static struct tok *
split_lines(struct arena *ar, const char *s, size_t len, size_t *n)
{
	struct tok *t;
	const char *p, *e, *end;
	size_t k = 0;

	*n = 0;
	if (len == 0)
		return arena_alloc(ar, sizeof(*t));
	end = s + len;
	for (p = s; p < end && (e = memchr(p, '\n', (size_t)(end - p))) != NULL; p = e + 1)
		k++;
	if (end[-1] != '\n')
		k++;
	if ((t = arena_calloc(ar, k, sizeof(*t))) == NULL)
		return NULL;
	for (p = s; p < end; p = e + 1) {
		if ((e = memchr(p, '\n', (size_t)(end - p))) == NULL)
			e = end;
		t[*n].p = p;
		t[*n].len = (size_t)(e - p);
		if (t[*n].len > 0 && p[t[*n].len - 1] == '\r')
			t[*n].len--;
		t[*n].klen = t[*n].len;
		(*n)++;
	}
	return t;
}

/* The words of s (see diff.h); *n gets how many. NULL when the arena is full. */
static struct tok *
split_words(struct arena *ar, const char *s, size_t len, size_t *n)
{
	struct tok *t;
	size_t i, k = 0, w;

	*n = 0;
	for (i = 0; i < len; i++)
		if (!is_space((unsigned char)s[i]) && (i == 0 || is_space((unsigned char)s[i - 1])))
			k++;
	if (len > 0 && is_space((unsigned char)s[0]))
		k++;
	if ((t = arena_calloc(ar, k, sizeof(*t))) == NULL)
		return NULL;
	for (i = 0; i < len;) {
		t[*n].p = s + i;
		for (w = i; w < len && !is_space((unsigned char)s[w]); w++)
			;
		t[*n].klen = w - i;
		while (w < len && is_space((unsigned char)s[w]))
			w++;
		t[*n].len = w - i;
		(*n)++;
		i = w;
	}
	return t;
}

int
diff_lines(struct arena *ar, const char *a, size_t alen, const char *b, size_t blen,
    struct diff_row **rows, size_t *nrows, size_t *nchanged)
{
	struct diff_row *r;
	struct tok *la, *lb;
	unsigned char *ra, *rb;
	size_t na, nb, i, j, k, n, nr, nd, pass;

	*rows = NULL;
	*nrows = 0;
	*nchanged = 0;
	if ((la = split_lines(ar, a, alen, &na)) == NULL || (lb = split_lines(ar, b, blen, &nb)) == NULL)
		return -1;
	if (na >= (size_t)INT32_MAX || nb >= (size_t)INT32_MAX)
		return -1;	/* lno and rno are ints */
	if ((ra = arena_alloc(ar, na)) == NULL || (rb = arena_alloc(ar, nb)) == NULL)
		return -1;
	if (diff_toks(ar, la, na, lb, nb, ra, rb) != OK)
		return -1;
	/* Count the rows, then fill them. */
	r = NULL;
	for (pass = 0; pass < 2; pass++) {
		i = j = n = 0;
		while (i < na || j < nb) {
			if (i < na && j < nb && !ra[i] && !rb[j]) {
				if (r != NULL)
					r[n] = (struct diff_row){ DIFF_SAME, la[i].p, la[i].len, (int)i + 1,
					    lb[j].p, lb[j].len, (int)j + 1 };
				n++, i++, j++;
				continue;
			}
			for (nr = 0; i + nr < na && ra[i + nr]; nr++)
				;
			for (nd = 0; j + nd < nb && rb[j + nd]; nd++)
				;
			if (nr == 0 && nd == 0) {
				*nchanged = 0;
				return -1;	/* unmatched lines left on one side: cannot happen */
			}
			for (k = 0; r != NULL && k < nr && k < nd; k++)
				r[n + k] = (struct diff_row){ DIFF_CHANGED, la[i + k].p, la[i + k].len,
				    (int)(i + k) + 1, lb[j + k].p, lb[j + k].len, (int)(j + k) + 1 };
			for (k = nd; r != NULL && k < nr; k++)
				r[n + k] = (struct diff_row){ DIFF_REMOVED, la[i + k].p, la[i + k].len,
				    (int)(i + k) + 1, NULL, 0, 0 };
			for (k = nr; r != NULL && k < nd; k++)
				r[n + k] = (struct diff_row){ DIFF_ADDED, NULL, 0, 0,
				    lb[j + k].p, lb[j + k].len, (int)(j + k) + 1 };
			n += nr > nd ? nr : nd;
			*nchanged += nr > nd ? nr : nd;
			i += nr;
			j += nd;
		}
		if (pass == 0) {
			*nchanged = 0;
			if (n == 0)
				break;
			if ((r = arena_calloc(ar, n, sizeof(*r))) == NULL)
				return -1;
		}
	}
	*rows = r;
	*nrows = n;
	return 0;
}

/* One span per run of tokens alike in changed-ness (marks NULL: one changed span over all). */
static struct diff_span *
spans(struct arena *ar, const char *s, const struct tok *t, size_t n, const unsigned char *marks,
    size_t *ns)
{
	struct diff_span *sp;
	size_t i, k = 0;

	*ns = 0;
	for (i = 0; i < n; i++)
		if (i == 0 || (marks != NULL && marks[i] != marks[i - 1]))
			k++;
	if ((sp = arena_calloc(ar, k, sizeof(*sp))) == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		if (i == 0 || (marks != NULL && marks[i] != marks[i - 1])) {
			sp[*ns].off = (size_t)(t[i].p - s);
			sp[*ns].changed = marks == NULL || marks[i];
			(*ns)++;
		}
		sp[*ns - 1].len += t[i].len;
	}
	return sp;
}

int
diff_words(struct arena *ar, const char *l, size_t llen, const char *r, size_t rlen,
    struct diff_span **ls, size_t *nls, struct diff_span **rs, size_t *nrs)
{
	struct tok *wl, *wr;
	unsigned char *ml, *mr;
	size_t nl, nr;
	int rc;

	*ls = *rs = NULL;
	*nls = *nrs = 0;
	if ((wl = split_words(ar, l, llen, &nl)) == NULL || (wr = split_words(ar, r, rlen, &nr)) == NULL)
		return -1;
	if ((ml = arena_alloc(ar, nl)) == NULL || (mr = arena_alloc(ar, nr)) == NULL)
		return -1;
	if ((rc = diff_toks(ar, wl, nl, wr, nr, ml, mr)) == NO_MEMORY)
		return -1;
	if (rc == TOO_DIFFERENT)
		ml = mr = NULL;
	if ((*ls = spans(ar, l, wl, nl, ml, nls)) == NULL || (*rs = spans(ar, r, wr, nr, mr, nrs)) == NULL)
		return -1;
	return 0;
}

/* ---- material differences (diff_material) ---- */

static const char *const month_names[] = { "January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December" };

struct mwords {
	struct tok	*t;
	int		*line;		/* 1-based line of each word */
	size_t		 n, cap;
};

static int
mw_add(struct arena *ar, struct mwords *w, const char *p, size_t len, int line)
{
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 256;
		struct tok *t = arena_calloc(ar, cap, sizeof(*t));
		int *l = arena_calloc(ar, cap, sizeof(*l));
		if (t == NULL || l == NULL)
			return -1;
		if (w->n > 0) {
			memcpy(t, w->t, w->n * sizeof(*t));
			memcpy(l, w->line, w->n * sizeof(*l));
		}
		w->t = t;
		w->line = l;
		w->cap = cap;
	}
	w->t[w->n] = (struct tok){ p, len, len };
	w->line[w->n++] = line;
	return 0;
}

/* A page footer ends in "[Page N]". */
static int
is_footer(const char *p, size_t n)
{
	size_t k;

	while (n > 0 && is_space((unsigned char)p[n - 1]))
		n--;
	if (n < 8 || p[n - 1] != ']')
		return 0;
	for (k = n - 1; k > 0 && p[k - 1] >= '0' && p[k - 1] <= '9'; k--)
		;
	return k < n - 1 && k >= 6 && memcmp(p + k - 6, "[Page ", 6) == 0;
}

/* The words of a text that matter (see diff.h), each with its line. */
static int
material_words(struct arena *ar, const char *s, size_t len, struct mwords *w)
{
	const char *p = s, *end = s + len, *e;
	int line = 0, after_ff = 0, in_toc = 0, join = 0;

	memset(w, 0, sizeof(*w));
	for (; p < end; p = e + 1) {
		const char *q, *r;
		size_t n, k, blank;
		if ((e = memchr(p, '\n', (size_t)(end - p))) == NULL)
			e = end;
		line++;
		n = (size_t)(e - p);
		for (k = blank = 0; k < n; k++)
			if (p[k] == '\f')
				after_ff = 1;
			else if (!is_space((unsigned char)p[k]))
				blank++;
		if (blank == 0)
			continue;
		if (is_footer(p, n))
			continue;
		if (after_ff) {		/* the running header, first line of a page */
			after_ff = 0;
			continue;
		}
		if (in_toc) {
			if (is_space((unsigned char)p[0]))
				continue;
			in_toc = 0;
		}
		for (k = n; k > 0 && is_space((unsigned char)p[k - 1]); k--)
			;
		if (k == 17 && memcmp(p, "Table of Contents", 17) == 0) {
			in_toc = 1;
			continue;
		}
		for (q = p; q < e;) {
			while (q < e && (is_space((unsigned char)*q) || *q == '\f'))
				q++;
			if (q == e)
				break;
			for (r = q; r < e && !is_space((unsigned char)*r) && *r != '\f'; r++)
				;
			if (join) {	/* "https://trustee.ietf.org/" + "license-info" */
				struct tok *t = &w->t[w->n - 1];
				char *m = arena_alloc(ar, t->klen + (size_t)(r - q) + 1);
				if (m == NULL)
					return -1;
				memcpy(m, t->p, t->klen);
				memcpy(m + t->klen, q, (size_t)(r - q));
				t->p = m;
				t->len = t->klen = t->klen + (size_t)(r - q);
				join = 0;
			} else if (mw_add(ar, w, q, (size_t)(r - q), line) == -1)
				return -1;
			q = r;
		}
		/* xml2rfc breaks a long word after a hyphen or a slash; it never adds one. */
		if (w->n > 0) {
			const struct tok *t = &w->t[w->n - 1];
			join = t->klen > 1 && (t->p[t->klen - 1] == '-' || t->p[t->klen - 1] == '/') &&
			    w->line[w->n - 1] == line;
		}
	}
	return 0;
}

static int
is_month(const struct tok *t)
{
	size_t n = t->klen, i;

	while (n > 0 && (t->p[n - 1] == ',' || t->p[n - 1] == '.'))
		n--;
	for (i = 0; i < 12; i++)
		if (strlen(month_names[i]) == n && memcmp(t->p, month_names[i], n) == 0)
			return 1;
	return 0;
}

/* A day or a year beside a month name: 1-2 or 4 digits, then maybe "," or ".". */
static int
is_date_number(const struct tok *t, int year)
{
	size_t n = t->klen, i;

	while (n > 0 && (t->p[n - 1] == ',' || t->p[n - 1] == '.'))
		n--;
	if (!(year ? n == 4 : (n == 1 || n == 2)))
		return 0;
	for (i = 0; i < n; i++)
		if (t->p[i] < '0' || t->p[i] > '9')
			return 0;
	return 1;
}

/* Drops the dates written out: "27 November 2026", "November 27, 2026", "November 2026". A dropped
 * word's line is negated, then the kept words close ranks. */
static void
drop_dates(struct mwords *w)
{
	size_t i, k;

	for (i = 0; i < w->n; i++) {
		if (!is_month(&w->t[i]))
			continue;
		w->line[i] = -w->line[i];
		if (i > 0 && is_date_number(&w->t[i - 1], 0) && w->line[i - 1] > 0)
			w->line[i - 1] = -w->line[i - 1];
		if (i + 1 < w->n && is_date_number(&w->t[i + 1], 0)) {
			w->line[i + 1] = -w->line[i + 1];
			if (i + 2 < w->n && is_date_number(&w->t[i + 2], 1))
				w->line[i + 2] = -w->line[i + 2];
		} else if (i + 1 < w->n && is_date_number(&w->t[i + 1], 1))
			w->line[i + 1] = -w->line[i + 1];
	}
	for (i = k = 0; i < w->n; i++)
		if (w->line[i] > 0) {
			w->t[k] = w->t[i];
			w->line[k++] = w->line[i];
		}
	w->n = k;
}

/* Up to DIFF_QUOTE_MAX bytes: four words before the first difference, the differing words, three
 * after them, "..." where words were left out. */
static const char *
quote(struct arena *ar, const struct mwords *w, const unsigned char *marks, size_t first)
{
	char *q = arena_alloc(ar, DIFF_QUOTE_MAX + 1);
	size_t i = first > 4 ? first - 4 : 0, n = 0, k, room;
	int cut = 0, after;

	if (q == NULL)
		return NULL;
	if (i > 0) {
		memcpy(q, "... ", 4);
		n = 4;
	}
	for (; i < w->n && (i < first || marks[i]); i++) {
		room = DIFF_QUOTE_MAX - 4 - n;	/* keep room for " ..." */
		k = w->t[i].klen;
		if (k + 1 > room) {
			cut = 1;
			if (i > first)
				break;
			for (k = room > 1 ? room - 1 : 0; k > 0 && ((unsigned char)w->t[i].p[k] & 0xC0) == 0x80; k--)
				;	/* whole characters only */
		}
		if (n > 0 && q[n - 1] != ' ')
			q[n++] = ' ';
		memcpy(q + n, w->t[i].p, k);
		n += k;
		if (cut)
			break;
	}
	/* Then up to three words after it, so the reader sees where the difference ends. */
	for (after = 0; !cut && after < 3 && i < w->n && !marks[i]; after++, i++) {
		k = w->t[i].klen;
		if (k + 1 > DIFF_QUOTE_MAX - 4 - n)
			break;
		q[n++] = ' ';
		memcpy(q + n, w->t[i].p, k);
		n += k;
	}
	if (cut || i < w->n) {
		memcpy(q + n, " ...", 4);
		n += 4;
	}
	q[n] = '\0';
	return q;
}

int
diff_material(struct arena *ar, const char *a, size_t alen, const char *b, size_t blen, struct diff_material *m)
{
	struct mwords wa, wb;
	unsigned char *ra, *rb;
	size_t i, j, fa, fb;
	int rc;

	memset(m, 0, sizeof(*m));
	if (material_words(ar, a, alen, &wa) == -1 || material_words(ar, b, blen, &wb) == -1)
		return -1;
	drop_dates(&wa);
	drop_dates(&wb);
	if ((ra = arena_calloc(ar, wa.n + 1, 1)) == NULL || (rb = arena_calloc(ar, wb.n + 1, 1)) == NULL)
		return -1;
	if ((rc = diff_toks(ar, wa.t, wa.n, wb.t, wb.n, ra, rb)) == NO_MEMORY)
		return -1;
	if (rc == TOO_DIFFERENT) {	/* everything after the common start differs */
		m->too_different = 1;
		for (i = 0; i < wa.n && i < wb.n && same(&wa.t[i], &wb.t[i]); i++)
			;
		memset(ra + i, 1, wa.n - i);
		memset(rb + i, 1, wb.n - i);
	}
	/* Walk both sides in step: a passage is a run of marked words on either side between two common words. */
	fa = wa.n;
	fb = wb.n;
	for (i = j = 0; i < wa.n || j < wb.n;) {
		if (i < wa.n && j < wb.n && !ra[i] && !rb[j]) {
			i++, j++;
			continue;
		}
		if (m->passages++ == 0) {
			fa = i;
			fb = j;
		}
		while (i < wa.n && ra[i])
			i++, m->words_a++;
		while (j < wb.n && rb[j])
			j++, m->words_b++;
		if (i < wa.n && j < wb.n && (ra[i] || rb[j]))
			break;	/* cannot happen: marks come from one common subsequence */
	}
	if (m->passages == 0)
		return 0;
	m->line_a = wa.n == 0 ? 1 : wa.line[fa < wa.n ? fa : wa.n - 1];
	m->line_b = wb.n == 0 ? 1 : wb.line[fb < wb.n ? fb : wb.n - 1];
	if ((m->quote_a = quote(ar, &wa, ra, fa)) == NULL || (m->quote_b = quote(ar, &wb, rb, fb)) == NULL)
		return -1;
	return 0;
}
