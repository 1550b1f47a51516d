/* fuzz_diff.c: libFuzzer harness for diff_lines() and diff_words() (src/draft/diff.c), one fresh
 * arena per input. The input is two texts split at its first NUL (none: the second is empty).
 * Invariants: a refusal leaves no rows; rows lie inside their text, number the lines of each side
 * 1, 2, ... (0 exactly on the empty side), SAME rows hold equal lines, SAME + CHANGED + REMOVED
 * rebuild the first text and SAME + CHANGED + ADDED the second (line ends normalised as diff.h
 * says), the diff is minimal on small inputs; word spans of every CHANGED row (and of the two whole
 * texts) cover their side exactly, alternate, and keep the same words unchanged on both sides;
 * diff_material() finds no difference between a text and itself, and quotes within DIFF_QUOTE_MAX.
 * Seeds: fuzz/corpus/diff/. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "draft/diff.h"

#define SMALL	64	/* lines per side up to which minimality is checked by dynamic programming */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The text as the rows see it: each line (the last one may lack its "\n") less one '\r' at its
 * end, then "\n". */
static size_t
normalize(char *out, const char *s, size_t len)
{
	const char *p = s, *e, *end = s + len;
	size_t n = 0, l;

	for (; p < end; p = e + 1) {
		if ((e = memchr(p, '\n', (size_t)(end - p))) == NULL)
			e = end;
		l = (size_t)(e - p);
		if (l > 0 && p[l - 1] == '\r')
			l--;
		memcpy(out + n, p, l);
		n += l;
		out[n++] = '\n';
	}
	return n;
}

/* One side of the rows, each line with "\n". */
static size_t
rebuild(char *out, const struct diff_row *rows, size_t n, int left)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		if (left && rows[i].kind != DIFF_ADDED) {
			memcpy(out + k, rows[i].left, rows[i].llen);
			k += rows[i].llen;
			out[k++] = '\n';
		} else if (!left && rows[i].kind != DIFF_REMOVED) {
			memcpy(out + k, rows[i].right, rows[i].rlen);
			k += rows[i].rlen;
			out[k++] = '\n';
		}
	}
	return k;
}

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

/* Appends the words of the unchanged spans of s to out, each followed by one NUL; returns the end. */
static size_t
kept_words(char *out, const char *s, const struct diff_span *sp, size_t n)
{
	size_t i, k = 0, p, e;

	for (i = 0; i < n; i++) {
		if (sp[i].changed)
			continue;
		for (p = sp[i].off, e = sp[i].off + sp[i].len; p < e; p++)
			if (!is_space((unsigned char)s[p])) {
				out[k++] = s[p];
				if (p + 1 == e || is_space((unsigned char)s[p + 1]))
					out[k++] = '\0';
			}
	}
	return k;
}

static void
check_spans(const struct diff_span *sp, size_t n, size_t len)
{
	size_t i, off = 0;

	for (i = 0; i < n; i++) {
		if (sp[i].off != off || sp[i].len == 0 || (i > 0 && !sp[i].changed == !sp[i - 1].changed))
			abort();
		off += sp[i].len;
	}
	if (off != len)
		abort();
}

static void
check_words(struct arena *a, const char *l, size_t llen, const char *r, size_t rlen)
{
	struct diff_span *ls, *rs;
	size_t nls, nrs, kl, kr;
	char *wl, *wr;

	if (diff_words(a, l, llen, r, rlen, &ls, &nls, &rs, &nrs) != 0)
		abort();
	check_spans(ls, nls, llen);
	check_spans(rs, nrs, rlen);
	if ((wl = malloc(2 * llen + 1)) == NULL || (wr = malloc(2 * rlen + 1)) == NULL)
		abort();
	kl = kept_words(wl, l, ls, nls);
	kr = kept_words(wr, r, rs, nrs);
	if (kl != kr || memcmp(wl, wr, kl) != 0)
		abort();
	free(wl);
	free(wr);
}

/* Edits in a minimal diff of the rows' two sides: |a| + |b| - 2 LCS. */
static size_t
min_edits(const struct diff_row *rows, size_t n)
{
	const struct diff_row *al[SMALL], *bl[SMALL];
	size_t na = 0, nb = 0, i, j, t[SMALL + 1][SMALL + 1];

	for (i = 0; i < n; i++) {
		if (rows[i].kind != DIFF_ADDED)
			al[na++] = &rows[i];
		if (rows[i].kind != DIFF_REMOVED)
			bl[nb++] = &rows[i];
	}
	for (i = 0; i <= na; i++)
		for (j = 0; j <= nb; j++)
			if (i == 0 || j == 0)
				t[i][j] = 0;
			else if (al[i - 1]->llen == bl[j - 1]->rlen &&
			    memcmp(al[i - 1]->left, bl[j - 1]->right, al[i - 1]->llen) == 0)
				t[i][j] = t[i - 1][j - 1] + 1;
			else
				t[i][j] = t[i - 1][j] > t[i][j - 1] ? t[i - 1][j] : t[i][j - 1];
	return na + nb - 2 * t[na][nb];
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct diff_row *rows;
	const char *x = (const char *)data, *y, *nul;
	size_t xlen, ylen, n, nch, i, changed = 0, edits = 0, na = 0, nb = 0, k1, k2;
	int lno = 0, rno = 0;
	char *want, *got;

	if ((nul = memchr(x, '\0', size)) != NULL) {
		xlen = (size_t)(nul - x);
		y = nul + 1;
		ylen = size - xlen - 1;
	} else {
		xlen = size;
		y = x + size;
		ylen = 0;
	}
	arena_init(&a, 0);
	if (diff_lines(&a, x, xlen, y, ylen, &rows, &n, &nch) != 0) {
		if (rows != NULL || n != 0 || nch != 0)
			abort();
		arena_release(&a);
		return 0;
	}
	for (i = 0; i < n; i++) {
		const struct diff_row *r = &rows[i];

		if (r->kind != DIFF_SAME && r->kind != DIFF_CHANGED && r->kind != DIFF_ADDED &&
		    r->kind != DIFF_REMOVED)
			abort();
		if (r->kind == DIFF_ADDED ? r->lno != 0 : r->lno != ++lno)
			abort();
		if (r->kind == DIFF_REMOVED ? r->rno != 0 : r->rno != ++rno)
			abort();
		if (r->kind != DIFF_ADDED && (r->left < x || r->llen > xlen ||
		    (size_t)(r->left - x) > xlen - r->llen || memchr(r->left, '\n', r->llen) != NULL))
			abort();
		if (r->kind != DIFF_REMOVED && (r->right < y || r->rlen > ylen ||
		    (size_t)(r->right - y) > ylen - r->rlen || memchr(r->right, '\n', r->rlen) != NULL))
			abort();
		if (r->kind == DIFF_SAME && (r->llen != r->rlen || memcmp(r->left, r->right, r->llen) != 0))
			abort();
		if (r->kind != DIFF_SAME)
			changed++;
		edits += r->kind == DIFF_CHANGED ? 2 : r->kind == DIFF_SAME ? 0 : 1;
		na += r->kind != DIFF_ADDED;
		nb += r->kind != DIFF_REMOVED;
		if (r->kind == DIFF_CHANGED)
			check_words(&a, r->left, r->llen, r->right, r->rlen);
	}
	if (changed != nch)
		abort();
	/* The round trip, both sides. */
	if ((want = malloc(size + 2)) == NULL || (got = malloc(size + n + 2)) == NULL)
		abort();
	k1 = normalize(want, x, xlen);
	k2 = rebuild(got, rows, n, 1);
	if (k1 != k2 || memcmp(want, got, k1) != 0)
		abort();
	k1 = normalize(want, y, ylen);
	k2 = rebuild(got, rows, n, 0);
	if (k1 != k2 || memcmp(want, got, k1) != 0)
		abort();
	free(want);
	free(got);
	if (na <= SMALL && nb <= SMALL && edits != min_edits(rows, n))
		abort();
	check_words(&a, x, xlen, y, ylen);
	/* diff_material(): a text says what it says, and the quotes of a difference keep their bound. */
	{
		struct diff_material m;
		if (diff_material(&a, x, xlen, x, xlen, &m) == 0 && m.passages != 0)
			abort();
		if (diff_material(&a, x, xlen, y, ylen, &m) == 0 && m.passages > 0 &&
		    (m.quote_a == NULL || m.quote_b == NULL || strlen(m.quote_a) > DIFF_QUOTE_MAX ||
		    strlen(m.quote_b) > DIFF_QUOTE_MAX || m.line_a < 1 || m.line_b < 1))
			abort();
	}
	arena_release(&a);
	return 0;
}
