/* render_wrap.c: xml2rfc 3.32's paragraph filling (its TextWrapper over Python's textwrap), so that the
 * renderer breaks lines where xml2rfc does. The word-splitting and sentence-end rules are regular
 * expressions with look-ahead and look-behind; they are written here in PCRE2 (UTF, Unicode classes) and
 * compiled once per process, so the rules read as the behaviour they copy. Lengths are counted in code
 * points, as Python's len() does. Pure: all memory from the caller's arena. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../core/arena.h"
#include "../core/buf.h"
#include "../core/err.h"
#include "render_int.h"

enum { RX_WORDSEP, RX_SENT_END, RX_NOT_SENT_END, RX_SENT_START, RX_HTTP, RX_HTTPS, RX_N };

static const char *const rx_src[RX_N] = {
	/* whitespace | slash-separated words | hyphenated words | zero-width space | em-dash made of
	 * hyphens; never a break before a no-break space, '|', word joiner or xml2rfc's private joiner */
	"([ \\t\\n\\r\\f\\x0b]+|[^\\s-]*\\w+/(?=[A-Za-z]\\w*)|[^\\s-]*\\w+[^0-9\\s]-(?=\\w+[^0-9\\s])|"
	    "\\x{200b}|(?<=[\\w!\"'&.,?])-{2,}(?=\\w))(?![\\x{a0}|\\x{2060}\\x{e060}])",
	"[A-Za-z0-9>\\])\"'][.!?][\"')\\]]?\\z",
	"(^|\\s)(\\.[\\])'\"]*|([(\\[])?([A-Z][a-z][a-z]|Eq|[Cc]f|vs|resp|viz|ibid|[JS]r|M[rs]|Messrs|Mmes|Dr|"
	    "Profs?|St|Lt|a\\.k\\.a|i\\.e|e\\.g)\\.)\\z",
	"^[\"'(\\[]*[A-Z]",
	"http:\\S*",
	"https:\\S*",
};

/* The rules compiled once per process, on the first wrapper: read-only afterwards, so that threads share
 * them (each wrapper has its own match data). Only RX_WORDSEP is JIT-compiled: it still runs on every
 * word with '-', '/' or U+200B (about 175 per document), where the interpreter cost 1.3 ms per document
 * and JIT compiling it costs 0.1-0.3 ms once. The others, behind byte tests, run a few times per
 * document: JIT compiling all six took 0.2-0.5 ms, more than it saved (bench/render_inproc.c). */
static pcre2_code *rx_code[RX_N];
static int rx_failed;
static pthread_once_t rx_once = PTHREAD_ONCE_INIT;

static void
rx_compile(void)
{
	int i, ec;
	PCRE2_SIZE off;

	for (i = 0; i < RX_N; i++)
		if ((rx_code[i] = pcre2_compile((PCRE2_SPTR)rx_src[i], PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP |
		    PCRE2_NO_UTF_CHECK, &ec, &off, NULL)) == NULL)
			rx_failed = 1;
	/* JIT for the word splitting when the library has it (see above) */
	if (rx_code[RX_WORDSEP] != NULL)
		(void)pcre2_jit_compile(rx_code[RX_WORDSEP], PCRE2_JIT_COMPLETE);
}

struct chunk {
	const char	*s;
	size_t		 len;	/* bytes */
	size_t		 w;	/* code points */
};

struct chunks {
	struct chunk	*v;
	size_t		 n, cap;
};

/* The chunks and the line being filled are scratch space of one wrap_one() call at a time, kept
 * from one paragraph to the next: growing new arrays for each paragraph was most of the renderer's
 * memory (and a page fault per 4 KiB touched in a fresh process). */
struct wrapper {
	pcre2_code *const	*rx;
	pcre2_match_data	*md;
	struct arena		*a;
	struct chunks		 raw, ch, bits;
	struct buf		 line;
};

static void
wrapper_free(void *p)
{
	struct wrapper *w = p;

	pcre2_match_data_free(w->md);
}

struct wrapper *
wrapper_new(struct arena *a, struct err *e)
{
	struct wrapper *w = arena_calloc(a, 1, sizeof(*w));

	if (w == NULL)
		return err_set(e, 500, "render", "out of memory"), (struct wrapper *)NULL;
	pthread_once(&rx_once, rx_compile);
	if (rx_failed)
		return err_set(e, 500, "render", "renderer: a wrapping rule does not compile"), (struct wrapper *)NULL;
	w->a = a;
	w->rx = rx_code;
	buf_init(&w->line, a, 0);
	w->md = pcre2_match_data_create(4, NULL);
	if (w->md == NULL || arena_defer(a, wrapper_free, w) == -1)
		return err_set(e, 500, "render", "out of memory"), (struct wrapper *)NULL;
	return w;
}

/* ---- code points ---- */

size_t
u8_len(const char *s, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			k++;
	return k;
}

/* Decodes one code point at s (never past end); *n gets its byte length. Bad bytes read as themselves. */
unsigned
u8_cp(const char *s, const char *end, size_t *n)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned c = p[0];
	size_t k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4, i;

	if (c < 0x80 || (size_t)(end - s) < k || c < 0xC0) {
		*n = 1;
		return c;
	}
	c &= k == 2 ? 0x1F : k == 3 ? 0x0F : 0x07;
	for (i = 1; i < k; i++)
		c = (c << 6) | (p[i] & 0x3F);
	*n = k;
	return c;
}

/* Python's str.isspace() for the code points that occur in drafts. */
int
py_isspace(unsigned c)
{
	return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F) || c == 0x85 || c == 0xA0 ||
	    c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
	    c == 0x205F || c == 0x3000;
}

/* ---- the steps of TextWrapper.wrap() ---- */

static void
chunk_add(struct arena *a, struct chunks *c, const char *s, size_t len)
{
	struct chunk *v = arena_grow(a, c->v, c->n, &c->cap, sizeof(*v));

	if (v == NULL)
		return;
	c->v = v;
	v[c->n].s = s;
	v[c->n].len = len;
	v[c->n].w = u8_len(s, len);
	c->n++;
}

static int
is_ascii_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* The rule RX_WORDSEP's next match at or after at in s[0..n): 1 with [*ms, *me), or 0. It gives what
 * pcre2_match() gives, with the rule run only where it can matter. Its first alternative, a run of
 * ASCII white space not followed by a no-break space, '|', U+2060 or U+E060 (backtracking one space
 * when it is), is found here by hand. The others match non-space characters only, and only around
 * '-', '/' or U+200B: the rule runs just on the words (between ASCII white space) holding one of them,
 * with the subject ending at the word's end (the look-behinds still see the text before it; at the
 * word's end a look-ahead sees white space, which none of them accepts, or the subject's end, the same).
 * Most words of a paragraph hold none, and calling the matcher once per word was most of fill()'s time. */
static int
wordsep_next(struct wrapper *w, const char *s, size_t n, size_t at, size_t *ms, size_t *me)
{
	size_t p = at, e;

	while (p < n) {
		if (is_ascii_space(s[p])) {
			for (e = p; e < n && is_ascii_space(s[e]); e++)
				;
			/* the look-ahead (?![\x{a0}|\x{2060}\x{e060}]) */
			if (e < n && (s[e] == '|' || (n - e >= 2 && memcmp(s + e, "\xC2\xA0", 2) == 0) ||
			    (n - e >= 3 && (memcmp(s + e, "\xE2\x81\xA0", 3) == 0 || memcmp(s + e, "\xEE\x81\xA0", 3) == 0)))) {
				if (e - p >= 2) {
					*ms = p;
					*me = e - 1;
					return 1;
				}
			} else {
				*ms = p;
				*me = e;
				return 1;
			}
			p = e;
			continue;
		}
		for (e = p; e < n && !is_ascii_space(s[e]); e++)
			;
		if (memchr(s + p, '-', e - p) != NULL || memchr(s + p, '/', e - p) != NULL ||
		    memmem(s + p, e - p, "\xE2\x80\x8B", 3) != NULL) {
			int rc = pcre2_match(w->rx[RX_WORDSEP], (PCRE2_SPTR)s, e, p, PCRE2_NO_UTF_CHECK, w->md, NULL);
			if (rc >= 0) {
				PCRE2_SIZE *ov = pcre2_get_ovector_pointer(w->md);
				*ms = ov[0];
				*me = ov[1];
				return 1;
			}
		}
		p = e;
	}
	return 0;
}

/* textwrap's _split(): the text between separators and the separators themselves, empty pieces dropped. */
static void
split(struct wrapper *w, const char *s, size_t n, struct chunks *out)
{
	size_t at = 0, last = 0, ms, me;

	while (at <= n && wordsep_next(w, s, n, at, &ms, &me)) {
		if (me == ms) {	/* cannot happen with these rules; never loop */
			at = ms + 1;
			continue;
		}
		if (ms > last)
			chunk_add(w->a, out, s + last, ms - last);
		chunk_add(w->a, out, s + ms, me - ms);
		last = at = me;
	}
	if (last < n)
		chunk_add(w->a, out, s + last, n - last);
}

static int
rx_search(struct wrapper *w, int rx, const char *s, size_t n)
{
	return pcre2_match(w->rx[rx], (PCRE2_SPTR)s, n, 0, PCRE2_NO_UTF_CHECK, w->md, NULL) >= 0;
}

/* Removes the code points in del from s; nbsp_to_space turns U+00A0 into a space. */
static char *
strip_cps(struct arena *a, const char *s, size_t n, const unsigned *del, int nbsp_to_space, size_t *olen)
{
	char *o = arena_alloc(a, n + 1), *q = o;
	const char *p = s, *end = s + n;

	if (o == NULL)
		return *olen = 0, (char *)"";
	while (p < end) {
		size_t k;
		unsigned c = u8_cp(p, end, &k);
		const unsigned *d;
		int drop = 0;
		for (d = del; *d; d++)
			if (*d == c)
				drop = 1;
		if (drop)
			;
		else if (nbsp_to_space && c == 0xA0)
			*q++ = ' ';
		else {
			memcpy(q, p, k);
			q += k;
		}
		p += k;
	}
	*q = '\0';
	*olen = (size_t)(q - o);
	return o;
}

static int is_blank(const char *, size_t);
static const char *strip_e060(struct arena *, const char *, size_t);

static const unsigned zero_width[] = { 0x200B, 0x200C, 0x2060, 0xE060, 0 };
static const unsigned joiners[] = { 0x2060, 0xE060, 0 };

/* _munge_whitespace(): tabs expanded to 8 columns, then every ASCII whitespace a space. The text itself
 * when there is nothing to change (most paragraphs: the writer has already joined their lines). */
static const char *
munge_whitespace(struct arena *a, const char *text, size_t n, size_t *olen)
{
	const char *p;
	char *o, *q;
	size_t col = 0, tabs = 0;

	*olen = n;
	if (strcspn(text, "\t\n\r\v\f") == n)
		return text;
	for (p = text; *p; p++)
		tabs += *p == '\t';
	if ((o = q = arena_alloc_raw(a, n + 7 * tabs + 1)) == NULL)
		return *olen = 0, "";
	for (p = text; *p; p++) {
		if (*p == '\t') {
			do
				*q++ = ' ';
			while (++col % 8);
		} else if (*p == '\n' || *p == '\r') {
			*q++ = ' ';
			col = 0;
		} else {
			*q++ = *p == '\v' || *p == '\f' ? ' ' : *p;
			if (((unsigned char)*p & 0xC0) != 0x80)
				col++;
		}
	}
	*q = '\0';
	*olen = (size_t)(q - o);
	return o;
}

/* fix_doublespace: a run of two or more spaces becomes one, or two after a sentence's end (.!?) and at
 * the start of the text. (xml2rfc's second rule, three or more spaces after a sentence's end to two,
 * finds nothing left after the first, so it is not repeated here.) The text itself when it has no
 * double space. */
static const char *
fix_doublespace(struct arena *a, const char *s, size_t n, size_t *olen)
{
	const char *p = s, *end = s + n;
	char *o, *q;

	*olen = n;
	if (memmem(s, n, "  ", 2) == NULL)
		return s;
	if ((o = q = arena_alloc_raw(a, n + 1)) == NULL)
		return *olen = 0, "";
	while (p < end) {
		const char *r;
		if (*p != ' ') {
			*q++ = *p++;
			continue;
		}
		for (r = p; r < end && *r == ' '; r++)
			;
		if (r - p == 1)
			*q++ = ' ';
		else if (p == s || p[-1] == '.' || p[-1] == '!' || p[-1] == '?') {
			*q++ = ' ';
			*q++ = ' ';
		} else
			*q++ = ' ';
		p = r;
	}
	*q = '\0';
	*olen = (size_t)(q - o);
	return o;
}

/* "Section 3", "Appendix A", "Figure 1", "Table 2" never break: the space after the word (found anywhere,
 * as xml2rfc's replace does) becomes a no-break space. The text itself when none is there. */
static const char *
keep_labels(struct arena *a, const char *s, size_t n, size_t *olen)
{
	static const struct {
		const char	*word;
		size_t		 len;
	} kw[] = { { "Section ", 8 }, { "Appendix ", 9 }, { "Figure ", 7 }, { "Table ", 6 } };
	const char *p = s, *end = s + n, *last = s;
	struct buf b;
	size_t k;

	*olen = n;
	buf_init(&b, a, 0);
	for (; p < end; p++) {
		/* only the four words' first letters can start one: most bytes cost one test */
		if (*p != 'S' && *p != 'A' && *p != 'F' && *p != 'T')
			continue;
		for (k = 0; k < sizeof(kw) / sizeof(kw[0]); k++)
			if ((size_t)(end - p) >= kw[k].len && memcmp(p, kw[k].word, kw[k].len) == 0)
				break;
		if (k == sizeof(kw) / sizeof(kw[0]))
			continue;
		buf_put(&b, last, (size_t)(p - last) + kw[k].len - 1);
		buf_put(&b, "\xC2\xA0", 2);
		p += kw[k].len - 1;
		last = p + 1;
	}
	if (last == s)
		return s;
	buf_put(&b, last, (size_t)(end - last));
	*olen = b.len;
	return buf_cstr(&b);
}

/* A chunk with only ASCII bytes has none of the zero-width or joiner code points strip_cps() removes. */
static int
is_ascii(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

/* One paragraph (no U+2028 in it) to lines. */
static void
wrap_one(struct wrapper *w, const char *text, const struct wrap_opts *o, struct strv *out)
{
	struct arena *a = w->a;
	const char *p;
	struct chunks *raw = &w->raw, *ch = &w->ch;
	size_t i, max_word, n;
	size_t ilen = u8_len(o->initial, strlen(o->initial)), slen = u8_len(o->subsequent, strlen(o->subsequent));
	long width = o->width;

	p = munge_whitespace(a, text, strlen(text), &n);
	p = fix_doublespace(a, p, n, &n);
	p = keep_labels(a, p, n, &n);
	raw->n = ch->n = 0;
	split(w, p, n, raw);

	/* Words longer than the line lose their joiners and are split again. */
	max_word = width > (long)slen ? (size_t)(width - (long)slen) : 0;
	for (i = 0; i < raw->n; i++) {
		size_t l2, l3, j;
		const char *c2 = raw->v[i].s;
		if (is_ascii(c2, raw->v[i].len)) {
			/* nothing to strip; the chunk is used as it is */
			if (raw->v[i].w <= max_word) {
				chunk_add(a, ch, c2, raw->v[i].len);
				continue;
			}
			l2 = raw->v[i].len;
		} else
			c2 = strip_cps(a, raw->v[i].s, raw->v[i].len, zero_width, 0, &l2);
		if (u8_len(c2, l2) > max_word) {
			struct chunks *bits = &w->bits;
			c2 = strip_cps(a, raw->v[i].s, raw->v[i].len, joiners, 1, &l2);
			bits->n = 0;
			split(w, c2, l2, bits);
			for (j = 0; j < bits->n; j++) {
				char *c3 = strip_cps(a, bits->v[j].s, bits->v[j].len, joiners, 1, &l3);
				if (u8_len(c3, l3) > max_word)
					split(w, c3, l3, ch);
				else
					chunk_add(a, ch, c3, l3);
			}
		} else
			chunk_add(a, ch, c2, l2);
	}
	/* _fix_sentence_endings(): one space after a sentence becomes two. */
	if (o->fix_sentence_endings) {
		i = 0;
		while (i + 2 < ch->n) {
			/* the byte tests first: they decide most chunks without the rules */
			if (ch->v[i + 1].len == 1 && ch->v[i + 1].s[0] == ' ' && ch->v[i].len > 0 &&
			    strchr(".!?\"')]", ch->v[i].s[ch->v[i].len - 1]) != NULL && ch->v[i + 2].len > 0 &&
			    (strchr("\"'([", ch->v[i + 2].s[0]) != NULL || (ch->v[i + 2].s[0] >= 'A' && ch->v[i + 2].s[0] <= 'Z')) &&
			    rx_search(w, RX_SENT_END, ch->v[i].s, ch->v[i].len) &&
			    !rx_search(w, RX_NOT_SENT_END, ch->v[i].s, ch->v[i].len) &&
			    rx_search(w, RX_SENT_START, ch->v[i + 2].s, ch->v[i + 2].len)) {
				ch->v[i + 1].s = "  ";
				ch->v[i + 1].len = ch->v[i + 1].w = 2;
				i += 2;
			} else
				i++;
		}
	}
	/* _wrap_chunks(): greedy filling; whitespace at the start of a continuation line and at the end of
	 * any line dropped. */
	{
		size_t next = 0, nlines = 0;
		struct chunk *v = ch->v;

		while (next < ch->n) {
			const char *indent = nlines ? o->subsequent : o->initial;
			long avail = width - (long)(nlines ? slen : ilen);
			size_t cur = 0, last_len = 0, np = 0;
			int last_blank = 0;
			struct buf *line = &w->line;

			if (nlines && is_blank(v[next].s, v[next].len))
				next++;
			buf_reset(line);
			buf_puts(line, indent);
			while (next < ch->n && (long)(cur + v[next].w) <= avail) {
				buf_put(line, v[next].s, v[next].len);
				cur += v[next].w;
				last_len = v[next].len;
				last_blank = is_blank(v[next].s, v[next].len);
				np++;
				next++;
			}
			if (next < ch->n && (long)v[next].w > avail && np == 0) {
				/* xml2rfc 3.32 keeps a word longer than the line intact, alone on its line
				 * (the golden outputs have such lines over 72 columns) */
				buf_put(line, v[next].s, v[next].len);
				last_len = v[next].len;
				last_blank = is_blank(v[next].s, v[next].len);
				np++;
				next++;
			}
			if (np > 0 && last_blank) {
				buf_truncate(line, line->len - last_len);
				np--;
			}
			if (np > 0) {
				strv_push(a, out, strip_e060(a, line->data, line->len));
				nlines++;
			}
		}
	}
}

/* A chunk that Python's strip() empties. */
static int
is_blank(const char *s, size_t n)
{
	const char *e = s + n;
	size_t k;

	while (s < e) {
		if (!py_isspace(u8_cp(s, e, &k)))
			return 0;
		s += k;
	}
	return 1;
}

void
strv_push(struct arena *a, struct strv *sv, const char *s)
{
	const char **v = arena_grow(a, sv->v, sv->n, &sv->cap, sizeof(*v));

	if (v == NULL)
		return;
	sv->v = v;
	v[sv->n++] = s;
}

/* A copy of s[0..n) without U+E060. */
static const char *
strip_e060(struct arena *a, const char *s, size_t n)
{
	static const unsigned e060[] = { 0xE060, 0 };
	const char *r;

	if (memmem(s, n, "\xEE\x81\xA0", 3) == NULL)
		return (r = arena_strndup(a, s, n)) != NULL ? r : "";
	return strip_cps(a, s, n, e060, 0, &n);
}

/* TextWrapper.wrap(): a U+2028 starts a new line (its part left-stripped; an empty part is an empty line). */
void
wrap_lines(struct wrapper *w, const char *text, const struct wrap_opts *o, struct strv *out)
{
	const char *p = text, *ls;
	struct wrap_opts oo = *o;
	int first = 1;

	if (strstr(text, "\xE2\x80\xA8") == NULL) {
		wrap_one(w, text, o, out);
		return;
	}
	for (;;) {
		const char *e = strstr(p, "\xE2\x80\xA8"), *end = e ? e : p + strlen(p);
		char *part;
		size_t k;

		for (ls = p; ls < end; ) {
			unsigned c = u8_cp(ls, end, &k);
			if (!py_isspace(c))
				break;
			ls += k;
		}
		part = arena_strndup(w->a, ls, (size_t)(end - ls));
		if (part && part[0])
			wrap_one(w, part, &oo, out);
		else
			strv_push(w->a, out, "");
		if (first) {
			oo.initial = "";
			first = 0;
		}
		if (e == NULL)
			break;
		p = e + 3;
	}
}

/* TextWrapper.fill(): the lines joined with U+2028. */
const char *
wrap_fill(struct wrapper *w, const char *text, const struct wrap_opts *o)
{
	struct strv sv = { 0 };
	struct buf b;
	size_t i;

	wrap_lines(w, text, o, &sv);
	buf_init(&b, w->a, 0);
	for (i = 0; i < sv.n; i++) {
		if (i)
			buf_puts(&b, "\xE2\x80\xA8");
		buf_puts(&b, sv.v[i]);
	}
	return buf_cstr(&b);
}

/* utils.urlkeep(): URLs that fit on a line get a private joiner after each '/', '-' and ':' so that they
 * are not broken there. */
const char *
wrap_urlkeep(struct wrapper *w, const char *text, int max)
{
	int pass;

	for (pass = 0; pass < 2; pass++) {
		const char *needle = pass ? "https://" : "http://";
		struct buf b;
		size_t at = 0, last = 0, n = strlen(text);

		if (strstr(text, needle) == NULL)
			continue;
		buf_init(&b, w->a, 0);
		while (at < n && pcre2_match(w->rx[pass ? RX_HTTPS : RX_HTTP], (PCRE2_SPTR)text, n, at,
		    PCRE2_NO_UTF_CHECK, w->md, NULL) >= 0) {
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(w->md);
			size_t s = ov[0], e = ov[1], i;
			buf_put(&b, text + last, s - last);
			if (u8_len(text + s, e - s) > (size_t)max)
				buf_put(&b, text + s, e - s);
			else
				for (i = s; i < e; i++) {
					buf_putc(&b, text[i]);
					if (text[i] == '/' || text[i] == '-' || text[i] == ':')
						buf_puts(&b, "\xEE\x81\xA0");
				}
			last = at = e > s ? e : e + 1;
		}
		buf_put(&b, text + last, n > last ? n - last : 0);
		text = buf_cstr(&b);
	}
	return text;
}
