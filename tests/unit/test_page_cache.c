/* test_page_cache.c: the servers' cache of anonymous pages (src/http/page_cache.c, issue 10): a page
 * is served again only under the generation it was built under and within its time to live, a copy
 * each time; one slot per key's hash, the newest page taking it; size limits; many threads at once. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "http/page_cache.h"

#define K(s) s, sizeof(s) - 1

static int
get(struct page_cache *c, struct arena *a, const char *key, size_t kl, int64_t gen, time_t now,
    const char **ct, const char **body, size_t *len)
{
	const void *b = NULL;
	int rc = page_cache_get(c, key, kl, gen, now, a, ct, &b, len);

	*body = b;
	return rc;
}

/* issue 10: the same page again while nothing changed; never once the generation has moved on */
static void
test_generation(void **state)
{
	struct page_cache *c = page_cache_new(64, 1 << 20, 5);
	struct page_cache_stats st;
	struct arena a;
	const char *ct, *body;
	char page[] = "<p>list</p>";
	size_t len;

	(void)state;
	arena_init(&a, 0);
	assert_non_null(c);
	assert_int_equal(get(c, &a, K("/liaison/?"), 7, 1000, &ct, &body, &len), 0);
	page_cache_put(c, K("/liaison/?"), 7, 1000, "text/html; charset=utf-8", page, strlen(page));
	page[3] = 'X';	/* the cache holds its own copy */
	assert_int_equal(get(c, &a, K("/liaison/?"), 7, 1002, &ct, &body, &len), 1);
	assert_int_equal(len, strlen("<p>list</p>"));
	assert_memory_equal(body, "<p>list</p>", len);
	assert_string_equal(ct, "text/html; charset=utf-8");
	/* a change since: the page is gone for good, even if asked under its old number again */
	assert_int_equal(get(c, &a, K("/liaison/?"), 8, 1002, &ct, &body, &len), 0);
	assert_int_equal(get(c, &a, K("/liaison/?"), 7, 1002, &ct, &body, &len), 0);
	page_cache_stats(c, &st);
	assert_int_equal(st.hits, 1);
	assert_int_equal(st.misses, 3);
	assert_int_equal(st.stores, 1);
	assert_int_equal(st.entries, 0);
	assert_int_equal(st.bytes, 0);
	page_cache_free(c);
	arena_release(&a);
}

/* issue 10: pages age (a deadline's "3 days left"): served for ttl seconds, not one more; a clock
 * that went back does not make an old page new */
static void
test_ttl(void **state)
{
	struct page_cache *c = page_cache_new(64, 1 << 20, 5);
	struct arena a;
	const char *ct, *body;
	size_t len;

	(void)state;
	arena_init(&a, 0);
	page_cache_put(c, K("/doc/draft-x/?"), 1, 1000, "text/html", "a", 1);
	assert_int_equal(get(c, &a, K("/doc/draft-x/?"), 1, 1005, &ct, &body, &len), 1);
	assert_int_equal(get(c, &a, K("/doc/draft-x/?"), 1, 1006, &ct, &body, &len), 0);
	page_cache_put(c, K("/doc/draft-x/?"), 1, 1000, "text/html", "a", 1);
	assert_int_equal(get(c, &a, K("/doc/draft-x/?"), 1, 999, &ct, &body, &len), 0);
	page_cache_free(c);
	arena_release(&a);
}

/* the key is compared whole: a prefix, a longer key or another query is another page; with one slot
 * the newest page takes it */
static void
test_keys_and_slots(void **state)
{
	struct page_cache *c = page_cache_new(1, 1 << 20, 5);
	struct page_cache_stats st;
	struct arena a;
	const char *ct, *body;
	size_t len;

	(void)state;
	arena_init(&a, 0);
	page_cache_put(c, K("/liaison/?1:q=9:fronthaul"), 1, 1000, "text/html", "one", 3);
	assert_int_equal(get(c, &a, K("/liaison/?1:q=9:fronthau"), 1, 1000, &ct, &body, &len), 0);
	page_cache_put(c, K("/liaison/?1:q=9:fronthaul"), 1, 1000, "text/html", "one", 3);
	assert_int_equal(get(c, &a, "/liaison/?1:q=9:fronthaulx", 26, 1, 1000, &ct, &body, &len), 0);
	page_cache_put(c, K("/liaison/?1:q=9:fronthaul"), 1, 1000, "text/html", "one", 3);
	page_cache_put(c, K("/group/?"), 1, 1000, "text/html", "two", 3);
	assert_int_equal(get(c, &a, K("/liaison/?1:q=9:fronthaul"), 1, 1000, &ct, &body, &len), 0);
	assert_int_equal(get(c, &a, K("/group/?"), 1, 1000, &ct, &body, &len), 1);
	assert_memory_equal(body, "two", 3);
	page_cache_stats(c, &st);
	assert_int_equal(st.entries, 1);
	assert_int_equal(st.bytes, 3);
	page_cache_free(c);
	arena_release(&a);
}

/* memory stays bounded: a page over an eighth of the budget is never kept, nor one past the budget */
static void
test_limits(void **state)
{
	static char big[4096];
	struct page_cache *c = page_cache_new(64, 8192, 5);
	struct page_cache_stats st;
	struct arena a;
	const char *ct, *body;
	size_t len, i;

	(void)state;
	arena_init(&a, 0);
	memset(big, 'x', sizeof(big));
	page_cache_put(c, K("/big/?"), 1, 1000, "text/html", big, 1025);
	assert_int_equal(get(c, &a, K("/big/?"), 1, 1000, &ct, &body, &len), 0);
	for (i = 0; i < 64; i++) {
		char key[32];
		snprintf(key, sizeof(key), "/p%zu/?", i);
		page_cache_put(c, key, strlen(key), 1, 1000, "text/html", big, 1024);
	}
	page_cache_stats(c, &st);
	assert_true(st.bytes <= 8192);
	assert_true(st.entries <= 8);
	page_cache_free(c);
	arena_release(&a);
}

static struct page_cache *shared;

static void *
worker(void *arg)
{
	struct arena a;
	const char *ct, *body;
	size_t len, i;
	int id = (int)(intptr_t)arg;

	arena_init(&a, 0);
	for (i = 0; i < 20000; i++) {
		char key[32], val[32];
		int n = snprintf(key, sizeof(key), "/k%zu/?", i % 37);
		int m = snprintf(val, sizeof(val), "body of %zu", i % 37);
		if (get(shared, &a, key, (size_t)n, (int64_t)(i % 3), 1000, &ct, &body, &len) == 1) {
			/* whatever thread stored it, the body is the one for this key */
			if (len != (size_t)m || memcmp(body, val, len) != 0)
				return (void *)1;
		} else
			page_cache_put(shared, key, (size_t)n, (int64_t)(i % 3), 1000, "text/html", val, (size_t)m);
		if (i % 1000 == 0) {
			arena_release(&a);
			arena_init(&a, 0);
		}
	}
	(void)id;
	arena_release(&a);
	return NULL;
}

/* the servers' threads share one cache */
static void
test_threads(void **state)
{
	pthread_t t[4];
	void *rv;
	int i, bad = 0;

	(void)state;
	shared = page_cache_new(16, 1 << 20, 5);
	for (i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i), 0);
	for (i = 0; i < 4; i++) {
		pthread_join(t[i], &rv);
		bad += rv != NULL;
	}
	assert_int_equal(bad, 0);
	page_cache_free(shared);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_generation),
		cmocka_unit_test(test_ttl),
		cmocka_unit_test(test_keys_and_slots),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
