/* test_core.c: the arena, the buffer and the URL helpers (src/core). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/timeutil.h"
#include "core/url.h"

static int deferred;
static void note_defer(void *p) { deferred += *(int *)p; }

static void
test_arena_alloc_is_zeroed_and_aligned(void **state)
{
	struct arena a;
	size_t i;

	(void)state;
	arena_init(&a, 0);
	for (i = 1; i < 5000; i += 37) {
		unsigned char *p = arena_alloc(&a, i);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % 16, 0);
		assert_int_equal(p[0], 0);
		assert_int_equal(p[i - 1], 0);
		memset(p, 0xab, i);
	}
	arena_release(&a);
}

static void
test_arena_large_block_keeps_small_space(void **state)
{
	struct arena a;
	char *small1, *big, *small2;

	(void)state;
	arena_init(&a, 0);
	small1 = arena_strdup(&a, "first");
	big = arena_alloc(&a, 1 << 20);
	small2 = arena_strdup(&a, "second");
	assert_non_null(big);
	assert_string_equal(small1, "first");
	assert_string_equal(small2, "second");
	/* The small allocation after a big one-off still comes from the first block. */
	assert_true(small2 - small1 > 0 && small2 - small1 < 8192);
	arena_release(&a);
}

/* arena_grow(): the arena's last allocation grows where it is, keeping its elements and zeroing the
 * new room; an array with an allocation after it is copied, the copy zeroed the same; the cap holds. */
static void
test_arena_grow_in_place_and_copy(void **state)
{
	struct arena a;
	long *v = NULL, *w = NULL, *before;
	size_t cap = 0, capw = 0, i;
	char *other;

	(void)state;
	arena_init(&a, 0);
	for (i = 0; i < 8; i++) {
		v = arena_grow(&a, v, i, &cap, sizeof(*v));
		v[i] = 100 + (long)i;
	}
	before = v;
	v = arena_grow(&a, v, 8, &cap, sizeof(*v));
	assert_ptr_equal(v, before);	/* in place: nothing was allocated after it */
	assert_int_equal(cap, 16);
	for (i = 0; i < 16; i++)
		assert_int_equal(v[i], i < 8 ? 100 + (long)i : 0);
	/* an allocation after it: the next growth copies */
	for (i = 0; i < 8; i++) {
		w = arena_grow(&a, w, i, &capw, sizeof(*w));
		w[i] = (long)i;
	}
	other = arena_strdup(&a, "after");
	before = w;
	w = arena_grow(&a, w, 8, &capw, sizeof(*w));
	assert_ptr_not_equal(w, before);
	assert_int_equal(capw, 16);
	for (i = 0; i < 16; i++)
		assert_int_equal(w[i], i < 8 ? (long)i : 0);
	assert_string_equal(other, "after");
	for (i = 0; i < 8; i++)		/* the old one is left as it was */
		assert_int_equal(before[i], (long)i);
	arena_release(&a);

	/* the cap: a growth past it fails and leaves the array as it was */
	arena_init(&a, 3000);	/* 256 elements fit (2,048 bytes), 512 do not */
	v = NULL;
	cap = 0;
	for (i = 0; i < 256; i++) {
		v = arena_grow(&a, v, i, &cap, sizeof(*v));
		assert_non_null(v);
		v[i] = (long)i;
	}
	before = v;
	assert_null(arena_grow(&a, v, 256, &cap, sizeof(*v)));
	assert_int_equal(cap, 256);
	assert_int_equal(before[255], 255);
	arena_release(&a);
}

static void
test_arena_cap_refuses(void **state)
{
	struct arena a;

	(void)state;
	arena_init(&a, 1024);
	assert_non_null(arena_alloc(&a, 1000));
	assert_null(arena_alloc(&a, 100));	/* over the cap */
	arena_release(&a);
}

static void
test_arena_defers_run_once_in_reverse(void **state)
{
	struct arena a;
	int one = 1, ten = 10;

	(void)state;
	deferred = 0;
	arena_init(&a, 0);
	arena_defer(&a, note_defer, &one);
	arena_defer(&a, note_defer, &ten);
	arena_release(&a);
	assert_int_equal(deferred, 11);
	arena_release(&a);	/* a second release is harmless */
	assert_int_equal(deferred, 11);
}

static void
test_arena_printf(void **state)
{
	struct arena a;

	(void)state;
	arena_init(&a, 0);
	assert_string_equal(arena_printf(&a, "%s-%02d", "draft", 7), "draft-07");
	/* Below, at and past the one-pass size (255 characters fit the first pass; 256 need two). */
	{
		static const size_t lens[] = { 0, 255, 256, 257, 5000 };
		char *want, *got;
		size_t i;
		for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
			want = arena_alloc(&a, lens[i] + 1);
			memset(want, 'x', lens[i]);
			got = arena_printf(&a, "%s", want);
			assert_non_null(got);
			assert_int_equal(strlen(got), lens[i]);
			assert_string_equal(got, want);
		}
	}
	/* arena_strcat: joined to the NULL; none at all is the empty string. */
	assert_string_equal(arena_strcat(&a, "/doc/", "draft-a-b", "/", NULL), "/doc/draft-a-b/");
	assert_string_equal(arena_strcat(&a, "", "x", "", NULL), "x");
	assert_string_equal(arena_strcat(&a, "", NULL), "");
	arena_release(&a);
	/* A capped arena refuses a join past the cap instead of writing it. */
	arena_init(&a, 64);
	assert_null(arena_strcat(&a, "0123456789012345678901234567890123456789", "0123456789012345678901234567890123456789",
	    NULL));
	arena_release(&a);
}

static void
test_buf_sticky_cap(void **state)
{
	struct buf b;
	struct err e = { 0 };

	(void)state;
	buf_init(&b, NULL, 8);
	buf_puts(&b, "12345678");	/* limit: fits */
	assert_int_equal(buf_finish(&b, &e), 0);
	buf_puts(&b, "9");		/* limit + 1: sticky error */
	buf_puts(&b, "");
	assert_int_equal(buf_finish(&b, &e), -1);
	assert_int_equal(e.status, 413);
	assert_string_equal(buf_cstr(&b), "12345678");
	buf_release(&b);
}

/* The inline fast paths of buf_putc() and buf_put() keep the cap and the sticky error: byte by byte
 * to the cap, one more fails; a buffer that failed takes nothing more though it has room. */
static void
test_buf_inline_cap(void **state)
{
	struct buf b;
	struct err e = { 0 };
	int i;

	(void)state;
	buf_init(&b, NULL, 8);
	for (i = 0; i < 8; i++)
		buf_putc(&b, (char)('1' + i));
	assert_int_equal(buf_finish(&b, &e), 0);
	assert_true(b.size > b.len + 1);	/* room left: only the cap refuses */
	buf_putc(&b, 'x');
	assert_int_equal(buf_finish(&b, &e), -1);
	assert_int_equal(e.status, 413);
	buf_reset(&b);
	buf_put(&b, "abc", 3);
	b.failed = 1;			/* as an allocation that failed leaves it */
	buf_put(&b, "d", 1);
	buf_putc(&b, 'e');
	assert_int_equal(b.len, 3);
	assert_string_equal(b.data, "abc");
	buf_release(&b);
}

static void
test_buf_printf_grows(void **state)
{
	struct buf b;
	struct arena a;
	int i;

	(void)state;
	arena_init(&a, 0);
	buf_init(&b, &a, 0);
	for (i = 0; i < 1000; i++)
		buf_printf(&b, "%04d,", i);
	assert_int_equal(b.len, 5000);
	assert_memory_equal(b.data + 4995, "0999,", 5);
	assert_int_equal(buf_finish(&b, NULL), 0);
	arena_release(&a);
}

static void
test_url_encode(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, NULL, 0);
	url_encode(&b, "a b/c?d=e&f<g>\"h'~._-");
	assert_string_equal(buf_cstr(&b), "a%20b%2Fc%3Fd%3De%26f%3Cg%3E%22h%27~._-");
	buf_release(&b);
}

static void
test_url_local_path(void **state)
{
	static const struct { const char *s; int ok; } cases[] = {
		{ "/accounts/profile/", 1 }, { "/group/quic/?x=1", 1 }, { "//evil.example/", 0 },
		{ "/\\evil.example", 0 }, { "https://evil.example/", 0 }, { "javascript:alert(1)", 0 },
		{ "/a\r\nSet-Cookie: x", 0 }, { "", 0 }, { "relative", 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(url_local_path_ok(cases[i].s), cases[i].ok);
}

static void
test_time_iso_roundtrip(void **state)
{
	char s[ISO_TIME_LEN];
	time_t t;

	(void)state;
	assert_int_equal(time_parse_iso("2026-11-27T06:51:57Z", &t), 0);
	time_iso(s, t);
	assert_string_equal(s, "2026-11-27T06:51:57Z");
	assert_int_equal(time_parse_iso("2026-11-27", &t), 0);
	time_iso(s, t);
	assert_string_equal(s, "2026-11-27T00:00:00Z");
	assert_int_equal(time_parse_iso("2026-13-01", &t), -1);
	assert_int_equal(time_parse_iso("yesterday", &t), -1);
	assert_int_equal(time_set_now("2030-01-02"), 0);
	time_iso(s, time_now());
	assert_string_equal(s, "2030-01-02T00:00:00Z");
	time_set_now(NULL);
}

/* buf_truncate keeps the text NUL-terminated: shortening len alone left the old bytes readable
 * through buf_cstr() (the renderer's section numbers read "1.2." for "1.2"). */
static void
test_buf_truncate(void **state)
{
	struct arena a;
	struct buf b;

	(void)state;
	arena_init(&a, 0);
	buf_init(&b, &a, 0);
	buf_puts(&b, "1.2.");
	buf_truncate(&b, b.len - 1);
	assert_string_equal(buf_cstr(&b), "1.2");
	assert_int_equal((int)b.len, 3);
	buf_truncate(&b, 10);	/* longer than the text: nothing changes */
	assert_string_equal(buf_cstr(&b), "1.2");
	buf_puts(&b, "x");
	assert_string_equal(buf_cstr(&b), "1.2x");
	arena_release(&a);
}

/* time_ymd() against gmtime_r() from 1600 to 2400, day by day around the leap rules and at random
 * seconds in between */
static void
test_time_ymd(void **state)
{
	unsigned long seed = 11;
	long long t;
	int i, y, m, d;
	struct tm tm;

	(void)state;
	for (i = 0; i < 300000; i++) {
		time_t tt;
		if (i < 146097 * 2) {	/* every day of two 400-year eras from 1600, at a second before midnight */
			t = -11676096000LL + (long long)i * 86400 + 86399;
		} else {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			t = -11676096000LL + (long long)((seed >> 11) % (25246080000ULL));
		}
		tt = (time_t)t;
		assert_non_null(gmtime_r(&tt, &tm));
		time_ymd(tt, &y, &m, &d);
		if (y != tm.tm_year + 1900 || m != tm.tm_mon + 1 || d != tm.tm_mday)
			fail_msg("%lld: %04d-%02d-%02d, gmtime_r says %04d-%02d-%02d", t, y, m, d, tm.tm_year + 1900,
			    tm.tm_mon + 1, tm.tm_mday);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arena_alloc_is_zeroed_and_aligned),
		cmocka_unit_test(test_arena_large_block_keeps_small_space),
		cmocka_unit_test(test_arena_grow_in_place_and_copy),
		cmocka_unit_test(test_arena_cap_refuses),
		cmocka_unit_test(test_arena_defers_run_once_in_reverse),
		cmocka_unit_test(test_arena_printf),
		cmocka_unit_test(test_buf_sticky_cap),
		cmocka_unit_test(test_buf_inline_cap),
		cmocka_unit_test(test_buf_truncate),
		cmocka_unit_test(test_buf_printf_grows),
		cmocka_unit_test(test_url_encode),
		cmocka_unit_test(test_url_local_path),
		cmocka_unit_test(test_time_iso_roundtrip),
		cmocka_unit_test(test_time_ymd),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
