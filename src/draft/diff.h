/* diff.h: line and word differences between two revisions of a draft, for the diff page
 * (/doc/<name>/diff/?from=NN&to=MM, R84: side by side, changed words marked). Pure: no I/O, all
 * memory from the caller's arena; rows and spans point into (or at offsets of) the caller's texts.
 * Callers: the diff page, tests/unit/test_diff.c, fuzz/fuzz_diff.c. */
#ifndef IDT_DIFF_H
#define IDT_DIFF_H

#include <stddef.h>

struct arena;

/* The bounds: past DIFF_MAX_EDITS lines (or words) inserted plus deleted, or DIFF_MAX_WORK steps of
 * the search (diagonals visited plus elements compared), two texts count as too different. Texts
 * that differ only by one run inserted or deleted (once their common start and end are set aside)
 * need no search and are never refused. */
#define DIFF_MAX_EDITS	20000
#define DIFF_MAX_WORK	20000000L

enum diff_kind { DIFF_SAME, DIFF_CHANGED, DIFF_ADDED, DIFF_REMOVED };

struct diff_row {		/* one row of a side-by-side view */
	enum diff_kind	 kind;
	const char	*left;  size_t llen;  int lno;	/* lno 0 = no line on this side (ADDED) */
	const char	*right; size_t rlen;  int rno;	/* rno 0 = no line on this side (REMOVED) */
};

/* Line diff of two texts (LF or CRLF line ends; a form feed line is a line). Rows point into a and b;
 * llen and rlen leave out the line end ("\n", "\r\n", or a '\r' ending the text). A last line with
 * no line end is a line, so "x" and "x\n" compare equal, as do "x\r\n" and "x\n". A minimal diff:
 * SAME rows in order of both texts, and within each run of differences the removed and added lines
 * paired as CHANGED rows (as many as the shorter run), then the rest as REMOVED, then ADDED.
 * *nchanged counts the rows that are not SAME; *rows may be NULL when *nrows is 0.
 * Returns 0, or -1 when the inputs are too different to diff within a bounded amount of work
 * (DIFF_MAX_EDITS, DIFF_MAX_WORK) or the arena is full (then *rows is NULL): callers show the two
 * texts side by side without alignment. */
int	diff_lines(struct arena *, const char *a, size_t alen, const char *b, size_t blen,
	    struct diff_row **rows, size_t *nrows, size_t *nchanged);

struct diff_span { size_t off, len; int changed; };	/* a run of one line, changed or not */

/* Word-level diff of one changed row: spans cover left and right exactly, in order; words are runs
 * of non-space characters, whitespace runs attach to the preceding token (whitespace opening a line
 * is a token of its own). Words compare by their characters, not the whitespace after them; adjacent
 * tokens alike in changed-ness merge into one span, so spans alternate. An empty side has no spans.
 * Two lines too different to diff (the bounds above) come back as one changed span each.
 * Returns 0, or -1 when the arena is full. */
int	diff_words(struct arena *, const char *l, size_t llen, const char *r, size_t rlen,
	    struct diff_span **ls, size_t *nls, struct diff_span **rs, size_t *nrs);

/* What a Secretariat person needs to know about two renderings of one draft (a submitted plain text
 * and the text rendered from the submitted XML, R18, R70): do they say the same words? Set aside,
 * as not material: spacing, line breaks and blank lines, words broken after a hyphen or slash at a
 * line end, form feeds, page headers and footers ("... [Page 3]"), the table of contents (made from
 * the sections), and dates written out ("27 November 2026", "November 27, 2026", "November 2026"),
 * which differ with the day each file was made. */
struct diff_material {
	size_t		 passages;	/* runs of differing words; 0: the same words */
	size_t		 words_a, words_b;	/* differing words on each side */
	int		 line_a, line_b;	/* 1-based line of the first difference in a and b */
	const char	*quote_a, *quote_b;	/* that passage on each side with a few words around it,
						 * at most DIFF_QUOTE_MAX bytes (whole UTF-8 characters) */
	int		 too_different;	/* past the diff bounds: counts are a lower bound */
};
#define DIFF_QUOTE_MAX	100

/* 0 with m filled, or -1 when the arena is full. */
int	diff_material(struct arena *, const char *a, size_t alen, const char *b, size_t blen, struct diff_material *m);

#endif
