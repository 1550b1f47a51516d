/* page_cache.h: pages built for anonymous readers, kept in one server's memory and served again while
 * the office has not changed (issue 10: reads spike around meetings). An entry holds its key (the
 * path and query), the generation it was built under (event_generation(): every change raises it),
 * when it was built, its content type and its body. It is served only under the same generation and
 * for at most ttl seconds (pages that say "3 days left" age too). Several servers each keep their
 * own; the generation, read from the shared database (server.c: at each request on SQLite, at most
 * every 20 ms per server on PostgreSQL), keeps them all current.
 * Thread-safe (one mutex; a hit copies the body out under it). Callers: http/server.c. */
#ifndef IDT_PAGE_CACHE_H
#define IDT_PAGE_CACHE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct arena;
struct page_cache;

struct page_cache_stats {
	uint64_t	hits, misses, stores;
	size_t		entries, bytes;
};

/* slots entries at most, bodies of at most max_bytes together (one body at most max_bytes / 8);
 * NULL when out of memory. */
struct page_cache	*page_cache_new(size_t slots, size_t max_bytes, int ttl);
void			 page_cache_free(struct page_cache *);

/* 1 with a copy of the entry's body and content type in the arena when key has an entry built under
 * gen no more than ttl seconds before now; 0 otherwise (or when the arena is full). */
int	page_cache_get(struct page_cache *, const char *key, size_t keylen, int64_t gen, time_t now,
	    struct arena *, const char **content_type, const void **body, size_t *len);
/* Keeps a copy of body under key (replacing what the key's slot held); quietly keeps nothing when
 * the body is too large or memory is short. */
void	page_cache_put(struct page_cache *, const char *key, size_t keylen, int64_t gen, time_t now,
	    const char *content_type, const void *body, size_t len);
void	page_cache_stats(struct page_cache *, struct page_cache_stats *);

#endif
