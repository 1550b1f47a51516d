/* render_wrap.c: xml2rfc 3.32's paragraph filling (its TextWrapper over Python's textwrap), so that the
 * renderer breaks lines where xml2rfc does. The word-splitting and sentence-end rules are regular
 * expressions with look-ahead and look-behind; they are written here in PCRE2 (UTF, Unicode classes), so
 * the rules read as the behaviour they copy, and the common cases are decided by hand before them (see
 * rx_get()). Lengths are counted in code
 * points, as Python's len() does. Pure: all memory from the caller's arena. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/arena.h"
#include "../core/buf.h"
#include "../core/err.h"
#include "render_int.h"

enum { RX_WORDSEP, RX_SENT_END, RX_NOT_SENT_END, RX_SENT_START, RX_HTTP, RX_HTTPS, RX_N };

/* whitespace | slash-separated words | hyphenated words | zero-width space | em-dash made of hyphens;
 * never a break before a no-break space, '|', word joiner or xml2rfc's private joiner */
#define WORDSEP_SRC \
	("([ \\t\\n\\r\\f\\x0b]+|[^\\s-]*\\w+/(?=[A-Za-z]\\w*)|[^\\s-]*\\w+[^0-9\\s]-(?=\\w+[^0-9\\s])|" \
	"\\x{200b}|(?<=[\\w!\"'&.,?])-{2,}(?=\\w))(?![\\x{a0}|\\x{2060}\\x{e060}])")

static const char *const rx_src[RX_N] = {
	WORDSEP_SRC,
	"[A-Za-z0-9>\\])\"'][.!?][\"')\\]]?\\z",
	"(^|\\s)(\\.[\\])'\"]*|([(\\[])?([A-Z][a-z][a-z]|Eq|[Cc]f|vs|resp|viz|ibid|[JS]r|M[rs]|Messrs|Mmes|Dr|"
	    "Profs?|St|Lt|a\\.k\\.a|i\\.e|e\\.g)\\.)\\z",
	"^[\"'(\\[]*[A-Z]",
	"http:\\S*",
	"https:\\S*",
};

/* The rules compiled once per process, each on its first use: read-only afterwards, so that threads
 * share them (each wrapper has its own match data). Most documents need none of them: the word splitting
 * on ASCII words and the sentence-end tests are done by hand (wordsep_ascii(), sent_end(),
 * sent_start()), which saved a process compiling the six rules and JIT-compiling RX_WORDSEP (0.3-0.7 ms,
 * as much as a short draft's whole rendering). RX_WORDSEP, JIT-compiled, runs only on words with
 * non-ASCII characters; RX_SENT_END and RX_SENT_START stay as the definition the tests follow.
 * NULL when out of memory: the rule then finds nothing. */
static pcre2_code *_Atomic rx_code[RX_N];
static pthread_mutex_t rx_mu = PTHREAD_MUTEX_INITIALIZER;

pcre2_code *
rx_once(pcre2_code *_Atomic *slot, const char *src, int jit)
{
	pcre2_code *c = atomic_load_explicit(slot, memory_order_acquire);
	int ec;
	PCRE2_SIZE off;

	if (c != NULL)
		return c;
	pthread_mutex_lock(&rx_mu);
	if ((c = atomic_load_explicit(slot, memory_order_relaxed)) == NULL &&
	    (c = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK,
	    &ec, &off, NULL)) != NULL) {
		if (jit)	/* when the library has JIT */
			(void)pcre2_jit_compile(c, PCRE2_JIT_COMPLETE);
		atomic_store_explicit(slot, c, memory_order_release);
	}
	pthread_mutex_unlock(&rx_mu);
	return c;
}

static pcre2_code *
rx_get(int i)
{
	return rx_once(&rx_code[i], rx_src[i], i == RX_WORDSEP);
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
	w->a = a;
	buf_init(&w->line, a, 0);
	w->md = pcre2_match_data_create(4, NULL);
	if (w->md == NULL || arena_defer(a, wrapper_free, w) == -1)
		return err_set(e, 500, "render", "out of memory"), (struct wrapper *)NULL;
	return w;
}

/* ---- code points ---- */

/* Code points: the bytes less the continuation bytes (10xxxxxx), eight bytes at a time (bit 7 set and
 * bit 6 clear in each byte: w & ~(w << 1)), counted without a popcount instruction (x86-64's baseline
 * has none, and the library call cost more than the bytes). */
size_t
u8_len(const char *s, size_t n)
{
	const uint64_t hi = 0x8080808080808080ull;
	size_t i = 0, cont = 0;
	uint64_t w;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		if ((w & hi) != 0)	/* one 0/1 per byte, summed into the top byte by the multiply */
			cont += (size_t)((((w & ~(w << 1) & hi) >> 7) * 0x0101010101010101ull) >> 56);
	}
	for (; i < n; i++)
		cont += ((unsigned char)s[i] & 0xC0) == 0x80;
	return n - cont;
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

/* A chunk, its width in code points its length when the caller knows it is ASCII (ascii 1), else
 * counted. */
static void
chunk_add(struct arena *a, struct chunks *c, const char *s, size_t len, int ascii)
{
	struct chunk *v = c->v;

	if (c->n >= c->cap && (v = arena_grow(a, c->v, c->n, &c->cap, sizeof(*v))) == NULL)
		return;
	c->v = v;
	v[c->n].s = s;
	v[c->n].len = len;
	v[c->n].w = ascii ? len : u8_len(s, len);
	c->n++;
}

static int
is_ascii_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');	/* \t \n \v \f \r */
}

/* What wordsep_rule_next() asks of each byte of a word: white space ends it, '-' and '/' may separate
 * in it, a byte past ASCII sends it to the rule. */
enum { CL_SPACE = 1, CL_SEP = 2, CL_WIDE = 4 };

static const unsigned char byte_class[256] = {
	['\t'] = CL_SPACE, ['\n'] = CL_SPACE, ['\v'] = CL_SPACE, ['\f'] = CL_SPACE, ['\r'] = CL_SPACE, [' '] = CL_SPACE,
	['-'] = CL_SEP, ['/'] = CL_SEP,
	[0x80 ... 0xFF] = CL_WIDE,
};

static int
is_w(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static int
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* RX_WORDSEP's look-ahead (?=\w+[^0-9\s]) at t, in the ASCII word ending at e: a word character, then
 * a later character of the word that is not a digit. */
static int
ahead_word_nondigit(const char *s, size_t t, size_t e)
{
	size_t u;

	if (t >= e || !is_w(s[t]))
		return 0;
	for (u = t + 1; u < e; u++)
		if (!(s[u] >= '0' && s[u] <= '9'))
			return 1;
	return 0;
}

/* RX_WORDSEP's leftmost match in the ASCII word s[p..e) (no white space in it; what precedes p is
 * the text before it), as PCRE2 finds it: at each start q, the alternatives in their order, each the
 * first way its greedy parts can match. Worked out for ASCII, where \w is [A-Za-z0-9_]:
 *   [^\s-]*\w+/(?=[A-Za-z]\w*)       ends after the last '/' of the hyphen-free run from q that has a
 *                                    word character before it and a letter after it;
 *   [^\s-]*\w+[^0-9\s]-(?=\w+[^0-9\s]) ends after the '-' that ends that run (or after the next
 *                                    one, for "--"), with a word character and a non-digit before it;
 *   (?<=[\w!"'&.,?])-{2,}(?=\w)      a run of two or more hyphens between those;
 * the final (?![\x{a0}|\x{2060}\x{e060}]) always holds there, a word character following each.
 * tests/unit/test_render_wrap.c checks it against the rule on drafts' words and on random text. */
static int
ahead(int hyphen, const char *s, size_t t, size_t e)
{
	return hyphen == SEP_HYPHEN_WORD ? t < e && is_w(s[t]) : ahead_word_nondigit(s, t, e);
}

static int
wordsep_ascii(int hyphen, const char *s, size_t p, size_t e, size_t *ms, size_t *me)
{
	size_t q, r, j, d;

	for (q = p; q < e; q++) {
		for (r = q; r < e && s[r] != '-'; r++)
			;
		for (j = r; j-- > q + 1; )
			if (s[j] == '/' && is_w(s[j - 1]) && j + 1 < e && is_alpha(s[j + 1])) {
				*ms = q;
				*me = j + 1;
				return 1;
			}
		if (hyphen != SEP_HYPHEN_NONE && r + 1 < e && s[r + 1] == '-' && r >= q + 1 && is_w(s[r - 1]) &&
		    ahead(hyphen, s, r + 2, e)) {
			*ms = q;
			*me = r + 2;
			return 1;
		}
		if (hyphen != SEP_HYPHEN_NONE && r < e && r >= q + 2 && is_w(s[r - 2]) &&
		    !(s[r - 1] >= '0' && s[r - 1] <= '9') && ahead(hyphen, s, r + 1, e)) {
			*ms = q;
			*me = r + 1;
			return 1;
		}
		for (d = q; d < e && s[d] == '-'; d++)
			;
		if (d - q >= 2 && q > 0 && (is_w(s[q - 1]) || s[q - 1] == '!' || s[q - 1] == '"' || s[q - 1] == '\'' ||
		    s[q - 1] == '&' || s[q - 1] == '.' || s[q - 1] == ',' || s[q - 1] == '?') && d < e && is_w(s[d])) {
			*ms = q;
			*me = d;
			return 1;
		}
	}
	return 0;
}

/* Whether the only characters past ASCII in s[p..e) are no-break spaces (C2 A0) and U+E060 (EE 81 A0)
 * right after '/', '-' or ':', as wrap_urlkeep() puts it: the words wordsep_rule_next() can read by
 * hand in pieces. (A U+E060 anywhere else, an author's own, goes to the rule.) */
static int
wide_by_hand(const char *s, size_t p, size_t e)
{
	size_t q;

	for (q = p; q < e; q++) {
		unsigned char b = (unsigned char)s[q];
		if (b < 0x80)
			continue;
		if (b == 0xC2 && q + 1 < e && (unsigned char)s[q + 1] == 0xA0)
			q++;
		else if (b == 0xEE && q + 2 < e && (unsigned char)s[q + 1] == 0x81 && (unsigned char)s[q + 2] == 0xA0 &&
		    q > p && (s[q - 1] == '/' || s[q - 1] == '-' || s[q - 1] == ':'))
			q += 2;
		else
			return 0;
	}
	return 1;
}

/* A word-separating rule's next match at or after at in s[0..n): 1 with [*ms, *me), or 0. It gives
 * what pcre2_match() of the rule gives, with the rule run only where it can matter. Its first
 * alternative, a run of ASCII white space not followed by a no-break space, '|', U+2060 or U+E060
 * (backtracking one space when it is), is found here by hand. The others match non-space characters
 * only, and only around '-', '/' or a character from U+2000 (U+200B, U+2028): in an ASCII word they are
 * read by hand (wordsep_ascii()), and the rule itself runs just on the other words holding one of them,
 * with the subject ending at the word's end (the look-behinds still see the text before it; at the
 * word's end a look-ahead sees white space, which none of them accepts, or the subject's end, the same).
 * Most words of a paragraph hold none, and calling the matcher once per word was most of fill()'s time;
 * a table's longest words were the same (render_table.c). */
int
wordsep_rule_next(const struct wordsep_rule *rule, pcre2_match_data *md, const char *s, size_t n, size_t at,
    size_t *ms, size_t *me)
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
		/* one look at each byte of the word: '-' or '/', and whether it is all ASCII */
		{
			int cl = 0, sep, wide;
			unsigned char b;
			pcre2_code *rx;
			for (e = p; e < n && !((b = byte_class[(unsigned char)s[e]]) & CL_SPACE); e++)
				cl |= b;
			sep = cl & CL_SEP;
			wide = cl & CL_WIDE;
			if (wide && sep && wide_by_hand(s, p, e)) {
				/* A no-break space (keep_labels() puts one after "Section" and the like) is \s to
				 * every alternative but the first: none matches across it, nor takes it for the
				 * character before or after, so the pieces between them are read apart, the first
				 * piece's first match being the leftmost. A U+E060 after '/', '-' or ':' is to each
				 * alternative what a '#' is, and so are its three bytes to wordsep_ascii(): not \w,
				 * not a letter, not a space, not in the look-behind's set, and never after the \w
				 * that the hyphen alternative wants before the character ahead of its '-'. (Every
				 * alternative but the first ends in a look-ahead for \w, so the one for U+E060 or a
				 * no-break space after a match never decides.) The long URLs of the references were
				 * the rule's costliest subjects: it tried every position of them, in vain. */
				size_t q = p, r;
				while (q < e) {
					for (r = q; r < e && (unsigned char)s[r] != 0xC2; r++)
						;
					if (r > q && wordsep_ascii(rule->hyphen, s, q, r, ms, me))
						return 1;
					q = r + 2;
				}
			} else if (!wide) {
				if (sep && wordsep_ascii(rule->hyphen, s, p, e, ms, me))
					return 1;
			} else if ((sep || memmem(s + p, e - p, "\xE2\x80\x8B", 3) != NULL ||
			    memmem(s + p, e - p, "\xE2\x80\xA8", 3) != NULL) &&
			    (rx = rx_once(rule->slot, rule->src, rule->jit)) != NULL &&
			    pcre2_match(rx, (PCRE2_SPTR)s, e, p, PCRE2_NO_UTF_CHECK, md, NULL) >= 0) {
				PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
				*ms = ov[0];
				*me = ov[1];
				return 1;
			}
		}
		p = e;
	}
	return 0;
}

/* The wrapper's rule, RX_WORDSEP (JIT-compiled: a draft in another script has many wide words), and
 * the table splitters' two (xml2rfc's TextSplitter, without and with hyphenated words). */
static const struct wordsep_rule wrap_rule = { &rx_code[RX_WORDSEP], WORDSEP_SRC, 1, SEP_HYPHEN_WORD_NONDIGIT };

static pcre2_code *_Atomic table_rx[2];
const struct wordsep_rule wordsep_table[2] = {
	{ &table_rx[0], "([ \\t\\n\\r\\f\\x0b]+|[^\\s-]*\\w+/(?=[A-Za-z]\\w*)|\\x{200b}|\\x{2028}|"
	    "(?<=[\\w!\"'&.,?])-{2,}(?=\\w))(?![\\x{a0}|\\x{2060}\\x{e060}])", 0, SEP_HYPHEN_NONE },
	{ &table_rx[1], "([ \\t\\n\\r\\f\\x0b]+|[^\\s-]*\\w+/(?=[A-Za-z]\\w*)|\\x{200b}|\\x{2028}|"
	    "[^\\s-]*\\w+[^0-9\\s]-(?=\\w+)|(?<=[\\w!\"'&.,?])-{2,}(?=\\w))(?![\\x{a0}|\\x{2060}\\x{e060}])", 0,
	    SEP_HYPHEN_WORD },
};

static int
wordsep_next(struct wrapper *w, const char *s, size_t n, size_t at, size_t *ms, size_t *me)
{
	return wordsep_rule_next(&wrap_rule, w->md, s, n, at, ms, me);
}

/* textwrap's _split(): the text between separators and the separators themselves, empty pieces dropped.
 * ascii 1: the caller knows s is ASCII, so a chunk's width is its length. */
static void
split(struct wrapper *w, const char *s, size_t n, struct chunks *out, int ascii)
{
	size_t at = 0, last = 0, ms, me;

	while (at <= n && wordsep_next(w, s, n, at, &ms, &me)) {
		if (me == ms) {	/* cannot happen with these rules; never loop */
			at = ms + 1;
			continue;
		}
		if (ms > last)
			chunk_add(w->a, out, s + last, ms - last, ascii);
		chunk_add(w->a, out, s + ms, me - ms, ascii);
		last = at = me;
	}
	if (last < n)
		chunk_add(w->a, out, s + last, n - last, ascii);
}

static int
rx_search(struct wrapper *w, int rx, const char *s, size_t n)
{
	pcre2_code *c = rx_get(rx);

	return c != NULL && pcre2_match(c, (PCRE2_SPTR)s, n, 0, PCRE2_NO_UTF_CHECK, w->md, NULL) >= 0;
}

/* RX_SENT_END, [A-Za-z0-9>\])"'][.!?]["')\]]?\z, on the chunk s[0..n): a sentence's end mark after a
 * letter, digit or closing mark, itself followed by at most one closing mark */
static int
sent_end(const char *s, size_t n)
{
	if (n > 0 && (s[n - 1] == '"' || s[n - 1] == '\'' || s[n - 1] == ')' || s[n - 1] == ']'))
		n--;
	return n >= 2 && (s[n - 1] == '.' || s[n - 1] == '!' || s[n - 1] == '?') &&
	    (is_alpha(s[n - 2]) || (s[n - 2] >= '0' && s[n - 2] <= '9') || s[n - 2] == '>' || s[n - 2] == ']' ||
	    s[n - 2] == ')' || s[n - 2] == '"' || s[n - 2] == '\'');
}

/* RX_SENT_START, ^["'(\[]*[A-Z], on the chunk s[0..n) */
static int
sent_start(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && (s[i] == '"' || s[i] == '\'' || s[i] == '(' || s[i] == '['))
		i++;
	return i < n && s[i] >= 'A' && s[i] <= 'Z';
}

/* RX_NOT_SENT_END on the chunk s[0..n): a lone '.' (closing marks after it) or one of the abbreviations
 * after which a '.' ends no sentence, each at the start or after white space (the abbreviation perhaps
 * after '(' or '['), at the chunk's end. By hand for ASCII chunks, the rule itself otherwise (a non-ASCII
 * character may be the white space \s means there): the interpreted matcher at every sentence end was
 * 4% of a large draft's rendering. */
static int
ws_before(const char *s, size_t p)
{
	return p == 0 || is_ascii_space(s[p - 1]);
}

static int
not_sent_end(struct wrapper *w, const char *s, size_t n)
{
	static const char *const abbr[] = { "Eq", "Cf", "cf", "vs", "resp", "viz", "ibid", "Jr", "Sr", "Mr", "Ms",
		"Messrs", "Mmes", "Dr", "Prof", "Profs", "St", "Lt", "a.k.a", "i.e", "e.g" };
	size_t i, k, p, l;

	if (!u8_is_ascii(s, n))
		return rx_search(w, RX_NOT_SENT_END, s, n);
	/* (^|\s)\.[\])'"]*\z */
	for (k = n; k > 0 && (s[k - 1] == ']' || s[k - 1] == ')' || s[k - 1] == '\'' || s[k - 1] == '"'); k--)
		;
	if (k > 0 && s[k - 1] == '.' && ws_before(s, k - 1))
		return 1;
	/* (^|\s)([(\[])?(ABBR)\.\z */
	if (n < 2 || s[n - 1] != '.')
		return 0;
	for (i = 0; i <= sizeof(abbr) / sizeof(abbr[0]); i++) {
		if (i < sizeof(abbr) / sizeof(abbr[0])) {
			l = strlen(abbr[i]);
			if (l > n - 1 || memcmp(s + n - 1 - l, abbr[i], l) != 0)
				continue;
		} else {	/* [A-Z][a-z][a-z] */
			l = 3;
			if (n < 4 || !(s[n - 4] >= 'A' && s[n - 4] <= 'Z') || !(s[n - 3] >= 'a' && s[n - 3] <= 'z') ||
			    !(s[n - 2] >= 'a' && s[n - 2] <= 'z'))
				continue;
		}
		p = n - 1 - l;
		if (ws_before(s, p) || ((s[p - 1] == '(' || s[p - 1] == '[') && ws_before(s, p - 1)))
			return 1;
	}
	return 0;
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
static const char *strip_e060(struct arena *, const char *, size_t, int);

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
	for (p = memchr(text, '\t', n); p != NULL; p = memchr(p + 1, '\t', n - (size_t)(p + 1 - text)))
		tabs++;
	if ((o = q = arena_alloc_raw(a, n + 7 * tabs + 1)) == NULL)
		return *olen = 0, "";
	if (tabs == 0) {
		/* no column to keep: \n \v \f \r (10 to 13) become spaces, a loop the compiler vectorizes */
		size_t i;
		for (i = 0; i < n; i++)
			o[i] = (unsigned)(unsigned char)text[i] - '\n' <= (unsigned)('\r' - '\n') ? ' ' : text[i];
		o[n] = '\0';
		return o;
	}
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

/* Only ASCII bytes in s[0..n): eight at a time. (A chunk so has none of the zero-width or joiner code
 * points strip_cps() removes; a document so reads the same in UTF-8, rfcxml.c.) */
int
u8_is_ascii(const char *s, size_t n)
{
	size_t i = 0;
	uint64_t w, any = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		any |= w;
	}
	for (; i < n; i++)
		any |= (unsigned char)s[i];
	return (any & 0x8080808080808080ull) == 0;
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
	int ascii;	/* the paragraph: then so is each chunk, and it holds no U+E060 */

	p = munge_whitespace(a, text, strlen(text), &n);
	p = fix_doublespace(a, p, n, &n);
	p = keep_labels(a, p, n, &n);
	ascii = u8_is_ascii(p, n);
	raw->n = ch->n = 0;
	split(w, p, n, raw, ascii);

	/* Words longer than the line lose their joiners and are split again. */
	max_word = width > (long)slen ? (size_t)(width - (long)slen) : 0;
	for (i = 0; i < raw->n; i++) {
		size_t l2, l3, j;
		const char *c2 = raw->v[i].s;
		if (ascii || u8_is_ascii(c2, raw->v[i].len)) {
			/* nothing to strip; the chunk is used as it is */
			if (raw->v[i].w <= max_word) {
				chunk_add(a, ch, c2, raw->v[i].len, 1);
				continue;
			}
			l2 = raw->v[i].len;
		} else
			c2 = strip_cps(a, raw->v[i].s, raw->v[i].len, zero_width, 0, &l2);
		if (u8_len(c2, l2) > max_word) {
			struct chunks *bits = &w->bits;
			c2 = strip_cps(a, raw->v[i].s, raw->v[i].len, joiners, 1, &l2);
			bits->n = 0;
			split(w, c2, l2, bits, 0);
			for (j = 0; j < bits->n; j++) {
				char *c3 = strip_cps(a, bits->v[j].s, bits->v[j].len, joiners, 1, &l3);
				if (u8_len(c3, l3) > max_word)
					split(w, c3, l3, ch, 0);
				else
					chunk_add(a, ch, c3, l3, 0);
			}
		} else
			chunk_add(a, ch, c2, l2, 0);
	}
	/* _fix_sentence_endings(): one space after a sentence becomes two. */
	if (o->fix_sentence_endings) {
		i = 0;
		while (i + 2 < ch->n) {
			if (ch->v[i + 1].len == 1 && ch->v[i + 1].s[0] == ' ' &&
			    sent_end(ch->v[i].s, ch->v[i].len) && sent_start(ch->v[i + 2].s, ch->v[i + 2].len) &&
			    !not_sent_end(w, ch->v[i].s, ch->v[i].len)) {
				ch->v[i + 1].s = "  ";
				ch->v[i + 1].len = ch->v[i + 1].w = 2;
				i += 2;
			} else
				i++;
		}
	}
	/* _wrap_chunks(): greedy filling; whitespace at the start of a continuation line and at the end of
	 * any line dropped. U+E060 (the private joiner) is taken out of each line, looked for only when
	 * the paragraph has a byte that can start it. */
	{
		size_t next = 0, nlines = 0;
		struct chunk *v = ch->v;
		int e060 = !ascii && memchr(p, 0xEE, n) != NULL;

		while (next < ch->n) {
			const char *indent = nlines ? o->subsequent : o->initial;
			long avail = width - (long)(nlines ? slen : ilen);
			size_t cur = 0, np = 0;
			struct buf *line = &w->line;

			if (nlines && is_blank(v[next].s, v[next].len))
				next++;
			buf_reset(line);
			buf_puts(line, indent);
			while (next < ch->n && (long)(cur + v[next].w) <= avail) {
				buf_put(line, v[next].s, v[next].len);
				cur += v[next].w;
				np++;
				next++;
			}
			if (next < ch->n && (long)v[next].w > avail && np == 0) {
				/* xml2rfc 3.32 keeps a word longer than the line intact, alone on its line
				 * (the golden outputs have such lines over 72 columns) */
				buf_put(line, v[next].s, v[next].len);
				np++;
				next++;
			}
			/* the line's last chunk, dropped when blank */
			if (np > 0 && is_blank(v[next - 1].s, v[next - 1].len)) {
				buf_truncate(line, line->len - v[next - 1].len);
				np--;
			}
			if (np > 0) {
				strv_push(a, out, strip_e060(a, line->data, line->len, e060));
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

/* A copy of s[0..n) without U+E060; may_have 0 says the caller knows none is there. */
static const char *
strip_e060(struct arena *a, const char *s, size_t n, int may_have)
{
	static const unsigned e060[] = { 0xE060, 0 };
	const char *r;

	if (!may_have || memmem(s, n, "\xEE\x81\xA0", 3) == NULL)
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
		while (at < n && rx_get(pass ? RX_HTTPS : RX_HTTP) != NULL && pcre2_match(rx_get(pass ? RX_HTTPS : RX_HTTP),
		    (PCRE2_SPTR)text, n, at, PCRE2_NO_UTF_CHECK, w->md, NULL) >= 0) {
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
