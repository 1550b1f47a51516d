/* render_wrap.c: xml2rfc 3.32's paragraph filling (its TextWrapper over Python's textwrap), so that the
 * renderer breaks lines where xml2rfc does. The word-splitting and sentence-end rules are regular
 * expressions with look-ahead and look-behind; they are written here in PCRE2 (UTF, Unicode classes) and
 * compiled once per document, so the rules read as the behaviour they copy. Lengths are counted in code
 * points, as Python's len() does. Pure: all memory from the caller's arena. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
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

struct wrapper {
	pcre2_code		*rx[RX_N];
	pcre2_match_data	*md;
	struct arena		*a;
};

static void
wrapper_free(void *p)
{
	struct wrapper *w = p;
	int i;

	for (i = 0; i < RX_N; i++)
		pcre2_code_free(w->rx[i]);
	pcre2_match_data_free(w->md);
}

struct wrapper *
wrapper_new(struct arena *a, struct err *e)
{
	struct wrapper *w = arena_calloc(a, 1, sizeof(*w));
	int i, ec;
	PCRE2_SIZE off;

	if (w == NULL)
		return err_set(e, 500, "render", "out of memory"), (struct wrapper *)NULL;
	w->a = a;
	for (i = 0; i < RX_N; i++) {
		w->rx[i] = pcre2_compile((PCRE2_SPTR)rx_src[i], PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP |
		    PCRE2_NO_UTF_CHECK, &ec, &off, NULL);
		/* JIT when the library has it: the word splitting runs on every paragraph */
		if (w->rx[i] != NULL)
			(void)pcre2_jit_compile(w->rx[i], PCRE2_JIT_COMPLETE);
		if (w->rx[i] == NULL) {
			while (--i >= 0)
				pcre2_code_free(w->rx[i]);
			return err_set(e, 500, "render", "renderer: a wrapping rule does not compile (%d at %zu)", ec, (size_t)off),
			    NULL;
		}
	}
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

struct chunk {
	const char	*s;
	size_t		 len;	/* bytes */
	size_t		 w;	/* code points */
};

struct chunks {
	struct chunk	*v;
	size_t		 n, cap;
};

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

/* textwrap's _split(): the text between separators and the separators themselves, empty pieces dropped. */
static void
split(struct wrapper *w, const char *s, size_t n, struct chunks *out)
{
	size_t at = 0, last = 0;

	while (at <= n) {
		int rc = pcre2_match(w->rx[RX_WORDSEP], (PCRE2_SPTR)s, n, at, PCRE2_NO_UTF_CHECK, w->md, NULL);
		PCRE2_SIZE *ov;

		if (rc < 0)
			break;
		ov = pcre2_get_ovector_pointer(w->md);
		if (ov[1] == ov[0]) {	/* cannot happen with these rules; never loop */
			at = ov[0] + 1;
			continue;
		}
		if (ov[0] > last)
			chunk_add(w->a, out, s + last, ov[0] - last);
		chunk_add(w->a, out, s + ov[0], ov[1] - ov[0]);
		last = at = ov[1];
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
static const char *strip_e060(struct arena *, const char *);

static const unsigned zero_width[] = { 0x200B, 0x200C, 0x2060, 0xE060, 0 };
static const unsigned joiners[] = { 0x2060, 0xE060, 0 };

/* One paragraph (no U+2028 in it) to lines. */
static void
wrap_one(struct wrapper *w, const char *text, const struct wrap_opts *o, struct strv *out)
{
	struct arena *a = w->a;
	struct buf b, c;
	const char *p, *end;
	struct chunks raw = { 0 }, ch = { 0 };
	size_t col = 0, i, max_word;
	size_t ilen = u8_len(o->initial, strlen(o->initial)), slen = u8_len(o->subsequent, strlen(o->subsequent));
	long width = o->width;

	/* _munge_whitespace(): tabs expanded to 8, then every ASCII whitespace a space. */
	buf_init(&b, a, 0);
	for (p = text; *p; p++) {
		if (*p == '\t') {
			do
				buf_putc(&b, ' ');
			while (++col % 8);
		} else if (*p == '\n' || *p == '\r') {
			buf_putc(&b, ' ');
			col = 0;
		} else {
			buf_putc(&b, *p == '\v' || *p == '\f' ? ' ' : *p);
			if (((unsigned char)*p & 0xC0) != 0x80)
				col++;
		}
	}
	/* fix_doublespace: two or more spaces become one, or two after a sentence's end. */
	buf_init(&c, a, 0);
	p = buf_cstr(&b);
	end = p + b.len;
	while (p < end) {
		size_t k, sp = 0;
		unsigned cp = u8_cp(p, end, &k);
		while (p + k + sp < end && p[k + sp] == ' ')
			sp++;
		buf_put(&c, p, k);
		if (cp != '.' && cp != '!' && cp != '?' && sp >= 2) {
			buf_putc(&c, ' ');
			p += k + sp;
		} else
			p += k;
	}
	buf_init(&b, a, 0);
	p = buf_cstr(&c);
	end = p + c.len;
	while (p < end) {
		size_t sp = 0;
		while (p + 1 + sp < end && p[1 + sp] == ' ')
			sp++;
		buf_putc(&b, *p);
		if ((*p == '.' || *p == '!' || *p == '?') && sp >= 3) {
			buf_puts(&b, "  ");
			p += 1 + sp;
		} else
			p++;
	}
	/* "Section 3", "Appendix A", "Figure 1", "Table 2" never break. */
	buf_init(&c, a, 0);
	p = buf_cstr(&b);
	end = p + b.len;
	while (p < end) {
		static const char *const kw[] = { "Section ", "Appendix ", "Figure ", "Table " };
		size_t k, done = 0;
		for (k = 0; k < 4 && !done; k++) {
			size_t l = strlen(kw[k]);
			if ((size_t)(end - p) >= l && memcmp(p, kw[k], l) == 0) {
				buf_put(&c, p, l - 1);
				buf_puts(&c, "\xC2\xA0");
				p += l;
				done = 1;
			}
		}
		if (!done)
			buf_putc(&c, *p++);
	}
	split(w, buf_cstr(&c), c.len, &raw);

	/* Words longer than the line lose their joiners and are split again. */
	max_word = width > (long)slen ? (size_t)(width - (long)slen) : 0;
	for (i = 0; i < raw.n; i++) {
		size_t l2, l3, j;
		char *c2 = strip_cps(a, raw.v[i].s, raw.v[i].len, zero_width, 0, &l2);
		if (u8_len(c2, l2) > max_word) {
			struct chunks bits = { 0 };
			c2 = strip_cps(a, raw.v[i].s, raw.v[i].len, joiners, 1, &l2);
			split(w, c2, l2, &bits);
			for (j = 0; j < bits.n; j++) {
				char *c3 = strip_cps(a, bits.v[j].s, bits.v[j].len, joiners, 1, &l3);
				if (u8_len(c3, l3) > max_word)
					split(w, c3, l3, &ch);
				else
					chunk_add(a, &ch, c3, l3);
			}
		} else
			chunk_add(a, &ch, c2, l2);
	}
	/* _fix_sentence_endings(): one space after a sentence becomes two. */
	if (o->fix_sentence_endings) {
		i = 0;
		while (i + 2 < ch.n) {
			if (ch.v[i + 1].len == 1 && ch.v[i + 1].s[0] == ' ' &&
			    rx_search(w, RX_SENT_END, ch.v[i].s, ch.v[i].len) &&
			    !rx_search(w, RX_NOT_SENT_END, ch.v[i].s, ch.v[i].len) &&
			    rx_search(w, RX_SENT_START, ch.v[i + 2].s, ch.v[i + 2].len)) {
				ch.v[i + 1].s = "  ";
				ch.v[i + 1].len = ch.v[i + 1].w = 2;
				i += 2;
			} else
				i++;
		}
	}
	/* _wrap_chunks(): greedy filling; whitespace at the start of a continuation line and at the end of
	 * any line dropped. */
	{
		size_t next = 0, nlines = 0;
		struct chunk *v = ch.v;

		while (next < ch.n) {
			const char *indent = nlines ? o->subsequent : o->initial;
			long avail = width - (long)(nlines ? slen : ilen);
			size_t cur = 0, last_len = 0, np = 0;
			int last_blank = 0;
			struct buf line;

			if (nlines && is_blank(v[next].s, v[next].len))
				next++;
			buf_init(&line, a, 0);
			buf_puts(&line, indent);
			while (next < ch.n && (long)(cur + v[next].w) <= avail) {
				buf_put(&line, v[next].s, v[next].len);
				cur += v[next].w;
				last_len = v[next].len;
				last_blank = is_blank(v[next].s, v[next].len);
				np++;
				next++;
			}
			if (next < ch.n && (long)v[next].w > avail && np == 0) {
				/* xml2rfc 3.32 keeps a word longer than the line intact, alone on its line
				 * (the golden outputs have such lines over 72 columns) */
				buf_put(&line, v[next].s, v[next].len);
				last_len = v[next].len;
				last_blank = is_blank(v[next].s, v[next].len);
				np++;
				next++;
			}
			if (np > 0 && last_blank) {
				buf_truncate(&line, line.len - last_len);
				np--;
			}
			if (np > 0) {
				strv_push(a, out, strip_e060(a, buf_cstr(&line)));
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

static const char *
strip_e060(struct arena *a, const char *s)
{
	static const unsigned e060[] = { 0xE060, 0 };
	size_t n;

	if (strstr(s, "\xEE\x81\xA0") == NULL)
		return s;
	return strip_cps(a, s, strlen(s), e060, 0, &n);
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
