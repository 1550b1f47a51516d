/* test_render_wrap.c: the paragraph filler's hand-written rules (src/draft/render_wrap.c) against the
 * PCRE2 rules they stand for: word splitting (wordsep_next() against RX_WORDSEP run over the whole text,
 * and wordsep_rule_next() against the table splitters' two rules, wordsep_table[])
 * and the sentence-end tests (sent_end(), sent_start(), not_sent_end() against RX_SENT_END, RX_SENT_START,
 * RX_NOT_SENT_END), on words
 * from drafts and on random text over the characters the rules look at. The file is included, not
 * linked, to reach its static functions (R69: the text must be xml2rfc's line for line). */
/* R69 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testlib.h"

#include "draft/render_wrap.c"

#define RANDOM_TEXTS	200000	/* random texts per test: a few seconds at most */
#define RANDOM_LEN	14

/* All matches in s, as "start-end;" pairs, of a word-separating rule: the wrapper's (RX_WORDSEP) for
 * which < 0, else the table splitter's wordsep_table[which]; by the rule itself run by PCRE2 over the
 * whole text (rule = 1), or by wordsep_next() / wordsep_rule_next(). */
static void
matches(struct wrapper *w, int which, const char *s, int rule, char *out, size_t outsz)
{
	size_t n = strlen(s), at = 0, ms, me, k = 0;
	const struct wordsep_rule *r = which < 0 ? NULL : &wordsep_table[which];

	out[0] = '\0';
	while (at <= n) {
		if (rule) {
			pcre2_code *rx = r ? rx_once(r->slot, r->src, 0) : rx_get(RX_WORDSEP);
			int rc = pcre2_match(rx, (PCRE2_SPTR)s, n, at, PCRE2_NO_UTF_CHECK, w->md, NULL);
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(w->md);
			if (rc < 0)
				break;
			ms = ov[0];
			me = ov[1];
		} else if (!(r ? wordsep_rule_next(r, w->md, s, n, at, &ms, &me) : wordsep_next(w, s, n, at, &ms, &me)))
			break;
		k += (size_t)snprintf(out + k, outsz - k, "%zu-%zu;", ms, me);
		if (k >= outsz)
			break;
		at = me > ms ? me : ms + 1;
	}
}

static int
rule_search(struct wrapper *w, int rx, const char *s)
{
	return pcre2_match(rx_get(rx), (PCRE2_SPTR)s, strlen(s), 0, PCRE2_NO_UTF_CHECK, w->md, NULL) >= 0;
}

static void
check_text(struct wrapper *w, const char *s)
{
	char want[1024], got[1024];
	int which;

	for (which = -1; which < 2; which++) {
		matches(w, which, s, 1, want, sizeof(want));
		matches(w, which, s, 0, got, sizeof(got));
		if (strcmp(want, got) != 0)
			fail_msg("word splitting of \"%s\" (%s): the rule gives %s, by hand %s", s,
			    which < 0 ? "wrapper" : which ? "table, hyphens" : "table", want, got);
	}
	if (sent_end(s, strlen(s)) != rule_search(w, RX_SENT_END, s))
		fail_msg("sentence end of \"%s\" differs from the rule", s);
	if (sent_start(s, strlen(s)) != rule_search(w, RX_SENT_START, s))
		fail_msg("sentence start of \"%s\" differs from the rule", s);
	if (not_sent_end(w, s, strlen(s)) != rule_search(w, RX_NOT_SENT_END, s))
		fail_msg("no sentence end (abbreviation) of \"%s\" differs from the rule", s);
}

static struct wrapper *
new_wrapper(struct arena *a)
{
	struct err e = { 0 };
	struct wrapper *w = wrapper_new(a, &e);

	assert_non_null(w);
	assert_non_null(rx_get(RX_WORDSEP));
	return w;
}

/* Words as drafts have them: hyphenated, URLs, paths, em-dashes of hyphens, numbers with hyphens,
 * quotes and brackets around them, and a word before '|' or a no-break space. */
static void
test_wordsep_drafts(void **state)
{
	static const char *const texts[] = {
		"well-known", "self-describing", "I-D/capport-problem/).", "HTTP/1.1.", "variants/",
		"for-the-users/).", "p2-semantics-26,", "xacml-3.0-dsig-v1-spec-cs-01-en.pdf>.",
		"<https://www.rfc-editor.org/info/rfc6973>.", "http://tools.ietf.org/wg/httpbis/trac/ticket/507:",
		"DOI 10.17487/RFC2046,", "'inv-by'", "\"att-field\"", "If-Match)", "GET-PARAMS", "a--b", "a---b",
		"a -- b", "x--", "--x", "a.--b", "1--2", "a-1", "a-1a", "ab-12", "ab-1-", "ab-1.", "a/b", "a/1",
		"1/b", "_/b", "a//b", "a/b/c/d", "a-b/c-d", "a-b-c-d-e", "-a", "a-", "--", "---", "a- b",
		"a |b", "a  |b", "a \xC2\xA0" "b", "a  \xC2\xA0" "b", "a \xE2\x81\xA0" "b", "a\xE2\x80\x8B" "b",
		"caf\xC3\xA9-bar", "na\xC3\xAFve/path", "\xC3\xA9--x", "x-\xC3\xA9t\xC3\xA9", "x\xE2\x80\x8B-y",
		"The end. Next one.", "e.g. this", "(see RFC 2119).", "\"Quoted.\" Then", "a.) b", "[1]. B",
		"Section 3-4", "x -y", "x- y", "foo-bar--baz", "foo--bar-baz", "a-b--", "--a-b", "a_-b", "a_b-c_d",
		"0-0", "a0-0", "a0-a", "(a-b)", "a-(b)", "a-'b'", "a/(b)", "'a'/b", "a&-b", "a!--b", "a?--b",
		"ab-1x", "a-1", "e.g.", "(i.e.", "[Dr.", "Mr.", "Profs.", "Prof.", "x Cf.", "a.k.a.", "The.", "(Abc.",
		"((Abc.", " .)", ". ')", "x.\")", "Jr.", "Xyz.", "XYz.", "resp.", "ibid.", "St.", "Lt.", "Mmes.", "Messrs.",
		"vs.", "viz.", "Eq.", "eq.", "a e.g.", "ae.g.", ".", "..", "(.", "\tSr.", "Ms.)", "\xC2\xA0" "Dr.", "caf\xC3\xA9 Dr.",
		"x\xE2\x80\xA8y", "Table-cell-text", "a-b-9", "0x-1", "\xE2\x80\x9Cq-r\xE2\x80\x9D",
	};
	struct arena a;
	struct wrapper *w;
	size_t i;

	(void)state;
	arena_init(&a, 0);
	w = new_wrapper(&a);
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		check_text(w, texts[i]);
	arena_release(&a);
}

/* Random texts over the characters the rules look at (ASCII, and a few non-ASCII ones that send a
 * word to the rule itself), with a fixed seed. */
static void
test_wordsep_random(void **state)
{
	static const char *const alphabet[] = { "a", "b", "Z", "0", "9", "_", "-", "-", "-", "/", "/", ".", ",",
		"!", "?", "\"", "'", "&", "(", ")", "[", "]", ">", "|", " ", " ", "\t", "\xC2\xA0", "\xE2\x80\x8B",
		"\xC3\xA9", "\xE2\x81\xA0", "\xE2\x80\xA8", "Dr", "e.g", "Prof", "i.e", "Abc", "vs", ".", ".",
		"/\xEE\x81\xA0", "-\xEE\x81\xA0", ":\xEE\x81\xA0", "\xEE\x81\xA0", ":" };
	struct arena a;
	struct wrapper *w;
	unsigned long seed = 20261128;
	char s[RANDOM_LEN * 4 + 1];
	int i, j, len;

	(void)state;
	arena_init(&a, 0);
	w = new_wrapper(&a);
	for (i = 0; i < RANDOM_TEXTS; i++) {
		size_t k = 0;
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		len = 1 + (int)((seed >> 33) % RANDOM_LEN);
		for (j = 0; j < len; j++) {
			const char *c;
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			c = alphabet[(seed >> 33) % (sizeof(alphabet) / sizeof(alphabet[0]))];
			memcpy(s + k, c, strlen(c));
			k += strlen(c);
		}
		s[k] = '\0';
		check_text(w, s);
	}
	arena_release(&a);
}

/* u8_len() and u8_is_ascii(), eight bytes at a time, against a byte at a time on random bytes of every
 * length up to 40 at every alignment */
static void
test_u8_len(void **state)
{
	unsigned long seed = 7;
	char buf[64];
	size_t len, off, i, want;
	int round, ascii;

	(void)state;
	for (round = 0; round < 2000; round++)
		for (len = 0; len <= 40; len++) {
			off = (size_t)round % 8;
			for (i = 0; i < len; i++) {
				seed = seed * 6364136223846793005UL + 1442695040888963407UL;
				buf[off + i] = (char)((round & 1) ? (seed >> 56) : ((seed >> 56) & 0x7F) | (i == len / 2 ? 0x80 : 0));
			}
			for (i = 0, want = 0, ascii = 1; i < len; i++) {
				want += ((unsigned char)buf[off + i] & 0xC0) != 0x80;
				ascii &= (unsigned char)buf[off + i] < 0x80;
			}
			assert_int_equal(u8_len(buf + off, len), want);
			assert_int_equal(u8_is_ascii(buf + off, len), ascii);
		}
}

/* munge_whitespace(), Python's expandtabs() then translate(): against a byte-at-a-time reference
 * (columns counted in code points, reset by \n and \r) on random texts with and without tabs, over
 * the control characters around the four it turns into spaces (so \x01 to \x08 and \x0e stay). */
static void
test_munge_whitespace(void **state)
{
	static const char *const alpha[] = { "a", " ", "\t", "\n", "\r", "\v", "\f", "\x01", "\x08", "\x0e", "\x1f",
		"\xC3\xA9", "\xE2\x80\x94" };
	unsigned long seed = 11;
	char in[128], want[1024];
	struct arena a;
	size_t n, olen, col, i, k;
	const char *got, *p;
	int round;

	(void)state;
	arena_init(&a, 0);
	for (round = 0; round < 20000; round++) {
		int tabs_ok = round & 1;
		n = 0;
		in[0] = '\0';
		for (i = 0; i < 30; i++) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			k = (size_t)(seed >> 33) % (sizeof(alpha) / sizeof(alpha[0]));
			if (!tabs_ok && alpha[k][0] == '\t')
				continue;
			n += (size_t)snprintf(in + n, sizeof(in) - n, "%s", alpha[k]);
		}
		for (p = in, col = 0, k = 0; *p; p++) {
			if (*p == '\t') {
				do
					want[k++] = ' ';
				while (++col % 8);
			} else if (*p == '\n' || *p == '\r') {
				want[k++] = ' ';
				col = 0;
			} else {
				want[k++] = *p == '\v' || *p == '\f' ? ' ' : *p;
				col += ((unsigned char)*p & 0xC0) != 0x80;
			}
		}
		want[k] = '\0';
		got = munge_whitespace(&a, in, n, &olen);
		assert_int_equal(olen, k);
		assert_string_equal(got, want);
	}
	arena_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_u8_len),
		cmocka_unit_test(test_munge_whitespace),
		cmocka_unit_test(test_wordsep_drafts),
		cmocka_unit_test(test_wordsep_random),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
