/* test_diff.c: the revision diff (src/draft/diff.c) behind /doc/<name>/diff/ (R84): rows and line
 * numbers on small cases, line ends, the word spans, the bound on work, and properties over generated
 * pairs: the rows rebuild both texts, SAME rows hold equal lines, and the diff is minimal. */
/* R84 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "testlib.h"

#include "core/arena.h"
#include "draft/diff.h"

#define CORPUS	"../shared/corpus/"

/* A growable byte string for building texts. */
struct text {
	char	*p;
	size_t	 len, cap;
};

static void
put(struct text *t, const char *s, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		t->cap = (t->len + n + 1) * 2;
		assert_non_null(t->p = realloc(t->p, t->cap));
	}
	memcpy(t->p + t->len, s, n);
	t->len += n;
	t->p[t->len] = '\0';
}

static void
puts_(struct text *t, const char *s)
{
	put(t, s, strlen(s));
}

static uint64_t rng_state;

static uint32_t
rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state >> 16);
}

/* The text as the rows see it: each line (the last one may lack its "\n") less one '\r' at its
 * end, then "\n". */
static void
normalize(struct text *out, const char *s, size_t len)
{
	const char *p = s, *e, *end = s + len;
	size_t l;

	out->len = 0;
	put(out, "", 0);
	for (; p < end; p = e + 1) {
		if ((e = memchr(p, '\n', (size_t)(end - p))) == NULL)
			e = end;
		l = (size_t)(e - p);
		if (l > 0 && p[l - 1] == '\r')
			l--;
		put(out, p, l);
		put(out, "\n", 1);
	}
}

/* The lines of one side of the rows, each with "\n": left takes SAME, CHANGED and REMOVED; right
 * takes SAME, CHANGED and ADDED. */
static void
rebuild(struct text *out, const struct diff_row *rows, size_t n, int left)
{
	size_t i;

	out->len = 0;
	put(out, "", 0);
	for (i = 0; i < n; i++) {
		if (left && rows[i].kind != DIFF_ADDED) {
			put(out, rows[i].left, rows[i].llen);
			put(out, "\n", 1);
		} else if (!left && rows[i].kind != DIFF_REMOVED) {
			put(out, rows[i].right, rows[i].rlen);
			put(out, "\n", 1);
		}
	}
}

/* Checks the rows against a and b: both rebuild, line numbers run 1, 2, ... on each side with 0
 * exactly where a side is empty, SAME rows hold equal lines, the count of non-SAME rows is right.
 * Returns the edit count (a CHANGED row is one line out and one in). */
static size_t
check_rows(const char *a, size_t alen, const char *b, size_t blen, const struct diff_row *rows,
    size_t n, size_t nchanged)
{
	struct text want = { 0 }, got = { 0 };
	size_t i, edits = 0, changed = 0;
	int lno = 0, rno = 0;

	for (i = 0; i < n; i++) {
		const struct diff_row *r = &rows[i];

		if (r->kind == DIFF_ADDED)
			assert_int_equal(r->lno, 0);
		else
			assert_int_equal(r->lno, ++lno);
		if (r->kind == DIFF_REMOVED)
			assert_int_equal(r->rno, 0);
		else
			assert_int_equal(r->rno, ++rno);
		if (r->kind != DIFF_ADDED)
			assert_true(r->left >= a && r->left + r->llen <= a + alen);
		if (r->kind != DIFF_REMOVED)
			assert_true(r->right >= b && r->right + r->rlen <= b + blen);
		if (r->kind == DIFF_SAME) {
			assert_int_equal(r->llen, r->rlen);
			assert_memory_equal(r->left, r->right, r->llen);
		} else
			changed++;
		edits += r->kind == DIFF_CHANGED ? 2 : r->kind == DIFF_SAME ? 0 : 1;
	}
	assert_int_equal(changed, nchanged);
	normalize(&want, a, alen);
	rebuild(&got, rows, n, 1);
	assert_int_equal(got.len, want.len);
	assert_memory_equal(got.p, want.p, want.len);
	normalize(&want, b, blen);
	rebuild(&got, rows, n, 0);
	assert_int_equal(got.len, want.len);
	assert_memory_equal(got.p, want.p, want.len);
	free(want.p);
	free(got.p);
	return edits;
}

static size_t
count_lines(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += *s == '\n';
	return n;
}

static void
diff_str(struct arena *ar, const char *a, const char *b, struct diff_row **rows, size_t *n, size_t *nch)
{
	assert_int_equal(diff_lines(ar, a, strlen(a), b, strlen(b), rows, n, nch), 0);
	check_rows(a, strlen(a), b, strlen(b), *rows, *n, *nch);
}

static void
test_identical(void **state)
{
	const char *t = "Network Working Group\n\nAbstract\n\n   Text.\n\f\nMore\n";
	struct arena ar;
	struct diff_row *rows;
	size_t n, nch, i;

	(void)state;
	arena_init(&ar, 0);
	diff_str(&ar, t, t, &rows, &n, &nch);
	assert_int_equal(n, count_lines(t));
	assert_int_equal(nch, 0);
	for (i = 0; i < n; i++) {
		assert_int_equal(rows[i].kind, DIFF_SAME);
		assert_int_equal(rows[i].lno, (int)i + 1);
		assert_int_equal(rows[i].rno, (int)i + 1);
	}
	/* The form feed is a line of its own. */
	assert_int_equal(rows[5].llen, 1);
	assert_int_equal(rows[5].left[0], '\f');
	arena_release(&ar);
}

static void
test_one_changed_line(void **state)
{
	const char *a = "one\ntwo\nthree\nfour\nfive\n";
	const char *b = "one\ntwo\nTHREE and a half\nfour\nfive\n";
	struct arena ar;
	struct diff_row *rows;
	size_t n, nch, i;

	(void)state;
	arena_init(&ar, 0);
	diff_str(&ar, a, b, &rows, &n, &nch);
	assert_int_equal(n, 5);
	assert_int_equal(nch, 1);
	for (i = 0; i < n; i++)
		assert_int_equal(rows[i].kind, i == 2 ? DIFF_CHANGED : DIFF_SAME);
	assert_int_equal(rows[2].lno, 3);
	assert_int_equal(rows[2].rno, 3);
	assert_int_equal(rows[2].llen, 5);
	assert_memory_equal(rows[2].left, "three", 5);
	assert_int_equal(rows[2].rlen, 16);
	assert_memory_equal(rows[2].right, "THREE and a half", 16);
	arena_release(&ar);
}

static void
test_added_and_removed_blocks(void **state)
{
	const char *a = "a\nb\nc\nd\ne\nf\n";
	const char *b = "a\nb\nX\nY\nZ\nc\nd\nf\n";	/* X Y Z added after b, e removed */
	const char *c = "a\nP\nQ\nR\nf\n";		/* b..e become P Q R: 3 changed, 1 removed */
	struct arena ar;
	struct diff_row *rows;
	size_t n, nch;

	(void)state;
	arena_init(&ar, 0);
	diff_str(&ar, a, b, &rows, &n, &nch);
	assert_int_equal(n, 9);
	assert_int_equal(nch, 4);
	assert_int_equal(rows[1].kind, DIFF_SAME);
	assert_int_equal(rows[2].kind, DIFF_ADDED);
	assert_int_equal(rows[2].lno, 0);
	assert_int_equal(rows[2].rno, 3);
	assert_memory_equal(rows[2].right, "X", 1);
	assert_int_equal(rows[4].kind, DIFF_ADDED);
	assert_int_equal(rows[4].rno, 5);
	assert_int_equal(rows[5].kind, DIFF_SAME);
	assert_int_equal(rows[5].lno, 3);
	assert_int_equal(rows[5].rno, 6);
	assert_int_equal(rows[7].kind, DIFF_REMOVED);
	assert_int_equal(rows[7].lno, 5);
	assert_int_equal(rows[7].rno, 0);
	assert_memory_equal(rows[7].left, "e", 1);
	assert_int_equal(rows[8].kind, DIFF_SAME);
	assert_int_equal(rows[8].lno, 6);
	assert_int_equal(rows[8].rno, 8);

	diff_str(&ar, a, c, &rows, &n, &nch);
	assert_int_equal(n, 6);
	assert_int_equal(nch, 4);
	assert_int_equal(rows[1].kind, DIFF_CHANGED);
	assert_int_equal(rows[2].kind, DIFF_CHANGED);
	assert_int_equal(rows[3].kind, DIFF_CHANGED);
	assert_int_equal(rows[3].lno, 4);
	assert_int_equal(rows[3].rno, 4);
	assert_int_equal(rows[4].kind, DIFF_REMOVED);
	assert_int_equal(rows[4].lno, 5);
	assert_int_equal(rows[5].kind, DIFF_SAME);
	assert_int_equal(rows[5].rno, 5);
	arena_release(&ar);
}

static void
test_empty_inputs(void **state)
{
	const char *t = "x\ny\n";
	struct arena ar;
	struct diff_row *rows;
	size_t n, nch;

	(void)state;
	arena_init(&ar, 0);
	assert_int_equal(diff_lines(&ar, NULL, 0, NULL, 0, &rows, &n, &nch), 0);
	assert_int_equal(n, 0);
	assert_int_equal(nch, 0);

	assert_int_equal(diff_lines(&ar, NULL, 0, t, 4, &rows, &n, &nch), 0);
	check_rows("", 0, t, 4, rows, n, nch);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].kind, DIFF_ADDED);
	assert_int_equal(rows[0].lno, 0);
	assert_int_equal(rows[1].rno, 2);
	assert_null(rows[1].left);

	diff_str(&ar, t, "", &rows, &n, &nch);
	assert_int_equal(n, 2);
	assert_int_equal(nch, 2);
	assert_int_equal(rows[0].kind, DIFF_REMOVED);
	assert_int_equal(rows[1].kind, DIFF_REMOVED);
	assert_int_equal(rows[1].lno, 2);
	assert_int_equal(rows[1].rno, 0);

	/* A text of one empty line is not an empty text. */
	diff_str(&ar, "\n", "", &rows, &n, &nch);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].kind, DIFF_REMOVED);
	assert_int_equal(rows[0].llen, 0);
	arena_release(&ar);
}

static void
test_line_ends(void **state)
{
	const char *crlf = "Internet-Draft\r\n\r\n\f\r\nPage 2\r\n";
	const char *lf = "Internet-Draft\n\n\f\nPage 2\n";
	struct arena ar;
	struct diff_row *rows;
	size_t n, nch, i;

	(void)state;
	arena_init(&ar, 0);
	diff_str(&ar, crlf, lf, &rows, &n, &nch);
	assert_int_equal(n, 4);
	assert_int_equal(nch, 0);
	for (i = 0; i < n; i++) {
		assert_int_equal(rows[i].kind, DIFF_SAME);
		assert_int_equal(rows[i].llen, rows[i].rlen);
	}
	assert_int_equal(rows[0].llen, 14);
	/* No line end on the last line, or a lone '\r' there, is still the same line. */
	diff_str(&ar, "a\nb", "a\nb\n", &rows, &n, &nch);
	assert_int_equal(n, 2);
	assert_int_equal(nch, 0);
	diff_str(&ar, "a\nb\r", "a\nb\n", &rows, &n, &nch);
	assert_int_equal(nch, 0);
	/* A '\r' after the last line end is one more line, an empty one. */
	diff_str(&ar, "a\n\r", "a\n\n", &rows, &n, &nch);
	assert_int_equal(n, 2);
	assert_int_equal(nch, 0);
	assert_int_equal(rows[1].llen, 0);
	/* Only one '\r' goes; the comparison is otherwise exact, trailing spaces included. */
	diff_str(&ar, "a\r\r\nb \n", "a\r\nb\n", &rows, &n, &nch);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].kind, DIFF_CHANGED);
	assert_int_equal(rows[0].llen, 2);
	assert_int_equal(rows[1].kind, DIFF_CHANGED);
	arena_release(&ar);
}

/* Spans cover the line in order, with no empty span and alternating changed-ness. */
static void
check_spans(const struct diff_span *s, size_t n, size_t len)
{
	size_t i, off = 0;

	for (i = 0; i < n; i++) {
		assert_int_equal(s[i].off, off);
		assert_true(s[i].len > 0);
		if (i > 0)
			assert_int_not_equal(!s[i].changed, !s[i - 1].changed);
		off += s[i].len;
	}
	assert_int_equal(off, len);
}

static void
test_words(void **state)
{
	const char *l = "the quick brown fox", *r = "the slow brown fox";
	struct arena ar;
	struct diff_span *ls, *rs;
	size_t nls, nrs;

	(void)state;
	arena_init(&ar, 0);
	assert_int_equal(diff_words(&ar, l, strlen(l), r, strlen(r), &ls, &nls, &rs, &nrs), 0);
	check_spans(ls, nls, strlen(l));
	check_spans(rs, nrs, strlen(r));
	assert_int_equal(nls, 3);
	assert_int_equal(nrs, 3);
	assert_false(ls[0].changed);
	assert_true(ls[1].changed);
	assert_false(ls[2].changed);
	assert_int_equal(ls[1].off, 4);
	assert_int_equal(ls[1].len, 6);		/* "quick " */
	assert_memory_equal(l + ls[1].off, "quick ", 6);
	assert_int_equal(rs[1].off, 4);
	assert_int_equal(rs[1].len, 5);		/* "slow " */
	assert_memory_equal(r + rs[1].off, "slow ", 5);
	assert_true(rs[1].changed);
	assert_false(rs[2].changed);

	/* Leading whitespace is a token; spacing after a word does not change it. */
	l = "   Section 2.1  says";
	r = "Section 2.1 says";
	assert_int_equal(diff_words(&ar, l, strlen(l), r, strlen(r), &ls, &nls, &rs, &nrs), 0);
	check_spans(ls, nls, strlen(l));
	check_spans(rs, nrs, strlen(r));
	assert_int_equal(nls, 2);
	assert_true(ls[0].changed);
	assert_int_equal(ls[0].len, 3);
	assert_false(ls[1].changed);
	assert_int_equal(nrs, 1);
	assert_false(rs[0].changed);

	/* An empty side has no spans; the other side is all changed. */
	assert_int_equal(diff_words(&ar, "", 0, "new words", 9, &ls, &nls, &rs, &nrs), 0);
	assert_int_equal(nls, 0);
	assert_int_equal(nrs, 1);
	assert_true(rs[0].changed);
	assert_int_equal(rs[0].len, 9);
	arena_release(&ar);
}

/* Generated lines of words: the unchanged words of both sides are the same sequence. */
static void
test_words_property(void **state)
{
	static const char *const words[] = { "the", "a", "MUST", "not", "client", "server", "[RFC2119]", "." };
	struct arena ar;
	struct diff_span *ls, *rs;
	size_t nls, nrs, i, k, round;

	(void)state;
	rng_state = 0x9e3779b97f4a7c15ull;
	for (round = 0; round < 300; round++) {
		struct text l = { 0 }, r = { 0 }, kl = { 0 }, kr = { 0 };
		struct text *side[2] = { &l, &r }, *kept[2] = { &kl, &kr };
		struct diff_span *sp[2];
		size_t ns[2];

		put(&l, "", 0);
		put(&r, "", 0);
		put(&kl, "", 0);
		put(&kr, "", 0);
		for (k = 0; k < 2; k++) {
			size_t nw = rng() % 12;

			if (rng() % 4 == 0)
				puts_(side[k], "   ");
			for (i = 0; i < nw; i++) {
				puts_(side[k], words[rng() % 8]);
				puts_(side[k], rng() % 5 == 0 ? "  " : rng() % 9 == 0 ? "\t" : " ");
			}
		}
		arena_init(&ar, 0);
		assert_int_equal(diff_words(&ar, l.p, l.len, r.p, r.len, &ls, &nls, &rs, &nrs), 0);
		check_spans(ls, nls, l.len);
		check_spans(rs, nrs, r.len);
		sp[0] = ls, sp[1] = rs, ns[0] = nls, ns[1] = nrs;
		for (k = 0; k < 2; k++)		/* the unchanged words, one space apart */
			for (i = 0; i < ns[k]; i++) {
				const char *p = side[k]->p + sp[k][i].off, *e = p + sp[k][i].len;

				while (!sp[k][i].changed && p < e) {
					const char *w;

					while (p < e && (*p == ' ' || *p == '\t'))
						p++;
					for (w = p; p < e && *p != ' ' && *p != '\t'; p++)
						;
					if (p > w) {
						put(kept[k], w, (size_t)(p - w));
						put(kept[k], " ", 1);
					}
				}
			}
		assert_string_equal(kl.p, kr.p);
		arena_release(&ar);
		free(l.p);
		free(r.p);
		free(kl.p);
		free(kr.p);
	}
}

/* Lines drawn from a small set, so most have equals elsewhere and the alignment is not obvious. */
static void
gen_line(struct text *t, int crlf)
{
	static const char *const lines[] = { "", "   The client MUST send", "\f", "   4.  Security",
	    "Nottingham            Expires May 2020              [Page 3]", "   [RFC2119]", "x", "   " };
	uint32_t k = rng() % 12;

	if (k < 8)
		puts_(t, lines[k]);
	else {
		char buf[32];

		snprintf(buf, sizeof(buf), "line %u", rng() % 50);
		puts_(t, buf);
	}
	puts_(t, crlf ? "\r\n" : "\n");
}

/* The length of a longest common subsequence of the lines, by dynamic programming. */
static size_t
lcs(const struct diff_row *rows, size_t n)
{
	const char **al, **bl;
	size_t *alen, *blen, na = 0, nb = 0, i, j, *prev, *cur, best;

	al = calloc(n + 1, sizeof(*al));
	bl = calloc(n + 1, sizeof(*bl));
	alen = calloc(n + 1, sizeof(*alen));
	blen = calloc(n + 1, sizeof(*blen));
	for (i = 0; i < n; i++) {
		if (rows[i].kind != DIFF_ADDED)
			al[na] = rows[i].left, alen[na++] = rows[i].llen;
		if (rows[i].kind != DIFF_REMOVED)
			bl[nb] = rows[i].right, blen[nb++] = rows[i].rlen;
	}
	prev = calloc(nb + 1, sizeof(*prev));
	cur = calloc(nb + 1, sizeof(*cur));
	for (i = 1; i <= na; i++) {
		for (j = 1; j <= nb; j++) {
			if (alen[i - 1] == blen[j - 1] && memcmp(al[i - 1], bl[j - 1], alen[i - 1]) == 0)
				cur[j] = prev[j - 1] + 1;
			else
				cur[j] = prev[j] > cur[j - 1] ? prev[j] : cur[j - 1];
		}
		memcpy(prev, cur, (nb + 1) * sizeof(*prev));
	}
	best = prev[nb];
	free(al), free(bl), free(alen), free(blen), free(prev), free(cur);
	return best;
}

/* Generated pairs: b is a with lines kept, dropped, replaced and inserted at random. The rows must
 * rebuild both (check_rows) and be a minimal diff: edits = |a| + |b| - 2 LCS. */
static void
test_round_trip(void **state)
{
	struct arena ar;
	struct diff_row *rows;
	size_t n, nch, round, i, na, nb, edits;

	(void)state;
	rng_state = 88172645463325252ull;
	for (round = 0; round < 400; round++) {
		struct text a = { 0 }, b = { 0 };
		int acrlf = rng() % 3 == 0, bcrlf = rng() % 3 == 0;
		uint32_t churn = 1 + rng() % 60;	/* percent of lines touched */

		put(&a, "", 0);
		put(&b, "", 0);
		na = rng() % (round < 350 ? 120 : 400);
		for (i = 0; i < na; i++)
			gen_line(&a, acrlf);
		/* Mutate a, read back line by line. */
		{
			const char *p = a.p, *e;

			while (*p != '\0') {
				e = strchr(p, '\n');
				if (rng() % 100 >= churn)
					put(&b, p, (size_t)(e - p - acrlf)), puts_(&b, bcrlf ? "\r\n" : "\n");
				else
					switch (rng() % 3) {
					case 0:	/* dropped */
						break;
					case 1:	/* replaced */
						gen_line(&b, bcrlf);
						break;
					default:	/* kept, something inserted before */
						gen_line(&b, bcrlf);
						put(&b, p, (size_t)(e - p - acrlf)), puts_(&b, bcrlf ? "\r\n" : "\n");
					}
				p = e + 1;
			}
		}
		if (b.len > 0 && rng() % 4 == 0)	/* sometimes no line end at the end */
			b.p[--b.len] = '\0';
		arena_init(&ar, 0);
		assert_int_equal(diff_lines(&ar, a.p, a.len, b.p, b.len, &rows, &n, &nch), 0);
		edits = check_rows(a.p, a.len, b.p, b.len, rows, n, nch);
		nb = 0;
		for (i = 0; i < n; i++)
			nb += rows[i].kind != DIFF_REMOVED;
		assert_int_equal(edits, na + nb - 2 * lcs(rows, n));
		/* And the other way round. */
		assert_int_equal(diff_lines(&ar, b.p, b.len, a.p, a.len, &rows, &n, &nch), 0);
		assert_int_equal(check_rows(b.p, b.len, a.p, a.len, rows, n, nch), edits);
		arena_release(&ar);
		free(a.p);
		free(b.p);
	}
}

/* 50,000 random lines each side: refused (-1, no rows), as is the same set of lines shuffled,
 * which no shortcut can tell from a real diff; but a large insertion needs no search. */
static void
test_bound(void **state)
{
	struct text a = { 0 }, b = { 0 };
	struct arena ar;
	struct diff_row *rows = (struct diff_row *)&rows;
	size_t n = 7, nch = 7, i, *perm;
	char buf[40];

	(void)state;
	rng_state = 0x2545f4914f6cdd1dull;
	for (i = 0; i < 50000; i++) {
		snprintf(buf, sizeof(buf), "%08x%08x\n", rng(), rng());
		puts_(&a, buf);
		snprintf(buf, sizeof(buf), "%08x%08x\n", rng(), rng());
		puts_(&b, buf);
	}
	arena_init(&ar, 0);
	assert_int_equal(diff_lines(&ar, a.p, a.len, b.p, b.len, &rows, &n, &nch), -1);
	assert_null(rows);
	assert_int_equal(n, 0);
	assert_int_equal(nch, 0);

	/* b: the lines of a in a random order (each line is 17 bytes). */
	perm = malloc(50000 * sizeof(*perm));
	for (i = 0; i < 50000; i++)
		perm[i] = i;
	for (i = 49999; i > 0; i--) {
		size_t j = rng() % (i + 1), t = perm[i];

		perm[i] = perm[j], perm[j] = t;
	}
	b.len = 0;
	for (i = 0; i < 50000; i++)
		put(&b, a.p + 17 * perm[i], 17);
	rows = (struct diff_row *)&rows;
	assert_int_equal(diff_lines(&ar, a.p, a.len, b.p, b.len, &rows, &n, &nch), -1);
	assert_null(rows);

	/* a with 30,000 lines added in the middle: far more than DIFF_MAX_EDITS, but no search. */
	b.len = 0;
	put(&b, a.p, 17 * 25000);
	for (i = 0; i < 30000; i++) {
		snprintf(buf, sizeof(buf), "added %u\n", (unsigned)i);
		puts_(&b, buf);
	}
	put(&b, a.p + 17 * 25000, 17 * 25000);
	assert_int_equal(diff_lines(&ar, a.p, a.len, b.p, b.len, &rows, &n, &nch), 0);
	assert_int_equal(n, 80000);
	assert_int_equal(nch, 30000);
	assert_int_equal(rows[25000].kind, DIFF_ADDED);
	assert_int_equal(rows[55000].kind, DIFF_SAME);
	assert_int_equal(rows[55000].lno, 25001);
	check_rows(a.p, a.len, b.p, b.len, rows, n, nch);
	arena_release(&ar);
	free(perm);
	free(a.p);
	free(b.p);
}

/* A 60,000-line text against itself with 200 scattered lines changed: diffed, and minimal. */
static void
test_large_similar(void **state)
{
	struct text a = { 0 }, b = { 0 };
	struct arena ar;
	struct diff_row *rows;
	size_t n, nch, i, k = 0;
	char buf[64];

	(void)state;
	rng_state = 12345;
	for (i = 0; i < 60000; i++) {
		if (i % 50 == 0)
			snprintf(buf, sizeof(buf), "\f\n");
		else if (i % 3 == 0)
			snprintf(buf, sizeof(buf), "\n");
		else
			snprintf(buf, sizeof(buf), "   text of line %u\n", (unsigned)i);
		puts_(&a, buf);
		if (i % 300 == 7) {
			snprintf(buf, sizeof(buf), "   changed line %u\n", (unsigned)i);
			k++;
		}
		puts_(&b, buf);
	}
	arena_init(&ar, 0);
	assert_int_equal(diff_lines(&ar, a.p, a.len, b.p, b.len, &rows, &n, &nch), 0);
	assert_int_equal(n, 60000);
	assert_int_equal(nch, k);
	assert_int_equal(check_rows(a.p, a.len, b.p, b.len, rows, n, nch), 2 * k);
	arena_release(&ar);
	free(a.p);
	free(b.p);
}

/* Two revisions of a real draft (skipped without ../shared/corpus). */
static void
test_corpus_revisions(void **state)
{
	static const char *const pairs[][2] = {
		{ CORPUS "txt/draft-nottingham-hdrreg-http-00.txt", CORPUS "txt/draft-nottingham-hdrreg-http-01.txt" },
		{ CORPUS "txt/draft-ietf-httpapi-deprecation-header-00.txt",
		    CORPUS "txt/draft-ietf-httpapi-deprecation-header-01.txt" },
	};
	struct arena ar;
	struct diff_row *rows;
	struct diff_span *ls, *rs;
	size_t n, nch, i, k, alen, blen, nls, nrs, same, added, removed, edits;
	char *a, *b;

	(void)state;
	if (access(pairs[0][0], R_OK) != 0)
		skip();
	for (k = 0; k < sizeof(pairs) / sizeof(pairs[0]); k++) {
		a = test_slurp(pairs[k][0], &alen, 1);
		b = test_slurp(pairs[k][1], &blen, 1);
		arena_init(&ar, 0);
		assert_int_equal(diff_lines(&ar, a, alen, b, blen, &rows, &n, &nch), 0);
		edits = check_rows(a, alen, b, blen, rows, n, nch);
		same = added = removed = 0;
		for (i = 0; i < n; i++) {
			same += rows[i].kind == DIFF_SAME;
			added += rows[i].kind == DIFF_ADDED;
			removed += rows[i].kind == DIFF_REMOVED;
			if (rows[i].kind != DIFF_CHANGED)
				continue;
			assert_int_equal(diff_words(&ar, rows[i].left, rows[i].llen, rows[i].right, rows[i].rlen,
			    &ls, &nls, &rs, &nrs), 0);
			check_spans(ls, nls, rows[i].llen);
			check_spans(rs, nrs, rows[i].rlen);
		}
		assert_true(nch > 0);
		assert_true(same > 0);
		/* Minimal: as many edits as the two line counts minus twice the longest common part. */
		assert_int_equal(edits, (n - added) + (n - removed) - 2 * lcs(rows, n));
		arena_release(&ar);
		free(a);
		free(b);
	}
}

/* R18, R70: what is not material (layout, pages, the table of contents, dates) is set aside; a
 * changed, added or removed word is found, with its line and a short quote of each side. */
static void
test_material(void **state)
{
	static const char xml[] =
	    "Network Working Group                                          A. Author\n"
	    "Internet-Draft                                               Example Org\n"
	    "Intended status: Informational                          27 November 2026\n"
	    "Expires: 31 May 2027\n\n"
	    "Table of Contents\n\n   1.  Introduction\n   2.  Security\n\n"
	    "1.  Introduction\n\n   Tests need a draft that passes every check.  See\n"
	    "   (https://trustee.ietf.org/license-info) for the rest.\n\n"
	    "2.  Security\n\n   None.\n";
	static const char txt_same[] =
	    "Network Working Group                                          A. Author\n"
	    "Internet-Draft                                               Example Org\n"
	    "Intended status: Informational                         November 27, 2026\n"
	    "Expires: May 31, 2027\n\n\n"
	    "1.  Introduction\n\n   Tests need a draft that passes every check. See (https://trustee.ietf.org/\n"
	    "   license-info) for the rest.\n\n"
	    "Author                   Expires May 31, 2027                   [Page 1]\n\f\n"
	    "Internet-Draft          A Test Draft                    November 2026\n\n\n"
	    "2.  Security\n\n\n   None.\n";
	static const char txt_other[] =
	    "Network Working Group                                          A. Author\n"
	    "Internet-Draft                                               Example Org\n"
	    "Intended status: Informational                          27 November 2026\n"
	    "Expires: 31 May 2027\n\n"
	    "1.  Introduction\n\n   Tests need a draft that fails every check.  See\n"
	    "   (https://trustee.ietf.org/license-info) for the rest.\n\n"
	    "2.  Security\n\n   None.  Really none.\n";
	struct diff_material m;
	struct arena ar;

	(void)state;
	arena_init(&ar, 0);
	assert_int_equal(diff_material(&ar, txt_same, strlen(txt_same), xml, strlen(xml), &m), 0);
	assert_int_equal(m.passages, 0);
	assert_int_equal(diff_material(&ar, txt_other, strlen(txt_other), xml, strlen(xml), &m), 0);
	assert_int_equal(m.passages, 2);
	assert_int_equal(m.words_a, 3);		/* "fails", "Really", "none." */
	assert_int_equal(m.words_b, 1);		/* "passes" */
	assert_int_equal(m.line_a, 8);
	assert_int_equal(m.line_b, 13);
	assert_string_equal(m.quote_a, "... need a draft that fails every check. See ...");
	assert_string_equal(m.quote_b, "... need a draft that passes every check. See ...");
	/* An empty side, and a long word quoted in whole UTF-8 characters within the bound. */
	assert_int_equal(diff_material(&ar, "", 0, xml, strlen(xml), &m), 0);
	assert_true(m.passages == 1 && m.words_a == 0 && m.words_b > 10);
	{
		char big[400];
		size_t i;
		for (i = 0; i + 2 < sizeof(big) - 1; i += 2)
			memcpy(big + i, "\xc3\xa9", 2);
		big[i] = '\0';
		assert_int_equal(diff_material(&ar, big, strlen(big), "x", 1, &m), 0);
		assert_true(strlen(m.quote_a) <= DIFF_QUOTE_MAX);
		assert_true(strlen(m.quote_a) > 10 && ((unsigned char)m.quote_a[strlen(m.quote_a) - 5] & 0xC0) != 0xC0);
	}
	arena_release(&ar);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_material),
		cmocka_unit_test(test_identical),
		cmocka_unit_test(test_one_changed_line),
		cmocka_unit_test(test_added_and_removed_blocks),
		cmocka_unit_test(test_empty_inputs),
		cmocka_unit_test(test_line_ends),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_words_property),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_bound),
		cmocka_unit_test(test_large_similar),
		cmocka_unit_test(test_corpus_revisions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
