/* page_cache.c: see page_cache.h. A direct-mapped table: a key's slot is its hash modulo the slot
 * count, and a new page replaces whatever the slot held, so a lookup is one comparison and nothing is
 * ever scanned or evicted by age; a page that lost its slot is simply built again. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../core/arena.h"
#include "page_cache.h"

struct entry {
	char		*key;		/* NULL: empty slot */
	size_t		 keylen;
	int64_t		 gen;
	time_t		 built;
	char		*content_type;
	void		*body;
	size_t		 len;
};

struct page_cache {
	pthread_mutex_t	 mu;
	struct entry	*slot;
	size_t		 nslots, max_bytes, bytes, entries;
	int		 ttl;
	uint64_t	 hits, misses, stores;
};

static uint64_t
hash(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037u;	/* FNV-1a */
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h;
}

static void
clear(struct page_cache *c, struct entry *x)
{
	if (x->key == NULL)
		return;
	c->bytes -= x->len;
	c->entries--;
	free(x->key);
	free(x->content_type);
	free(x->body);
	memset(x, 0, sizeof(*x));
}

struct page_cache *
page_cache_new(size_t slots, size_t max_bytes, int ttl)
{
	struct page_cache *c;

	if (slots == 0 || (c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	if ((c->slot = calloc(slots, sizeof(*c->slot))) == NULL) {
		free(c);
		return NULL;
	}
	pthread_mutex_init(&c->mu, NULL);
	c->nslots = slots;
	c->max_bytes = max_bytes;
	c->ttl = ttl;
	return c;
}

void
page_cache_free(struct page_cache *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nslots; i++)
		clear(c, &c->slot[i]);
	pthread_mutex_destroy(&c->mu);
	free(c->slot);
	free(c);
}

int
page_cache_get(struct page_cache *c, const char *key, size_t keylen, int64_t gen, time_t now,
    struct arena *a, const char **content_type, const void **body, size_t *len)
{
	struct entry *x;
	int hit = 0;

	pthread_mutex_lock(&c->mu);
	x = &c->slot[hash(key, keylen) % c->nslots];
	if (x->key != NULL && x->keylen == keylen && memcmp(x->key, key, keylen) == 0) {
		if (x->gen == gen && now >= x->built && now - x->built <= c->ttl) {
			void *b = arena_alloc(a, x->len + 1);
			char *t = arena_strdup(a, x->content_type);
			if (b != NULL && t != NULL) {
				memcpy(b, x->body, x->len);
				*body = b;
				*len = x->len;
				*content_type = t;
				hit = 1;
			}
		} else
			clear(c, x);	/* stale for good: its generation has passed, or it has aged */
	}
	if (hit)
		c->hits++;
	else
		c->misses++;
	pthread_mutex_unlock(&c->mu);
	return hit;
}

void
page_cache_put(struct page_cache *c, const char *key, size_t keylen, int64_t gen, time_t now,
    const char *content_type, const void *body, size_t len)
{
	struct entry *x, n;

	if (len > c->max_bytes / 8 || content_type == NULL)
		return;
	memset(&n, 0, sizeof(n));
	n.keylen = keylen;
	n.gen = gen;
	n.built = now;
	n.len = len;
	if ((n.key = malloc(keylen + 1)) == NULL || (n.content_type = strdup(content_type)) == NULL ||
	    (n.body = malloc(len ? len : 1)) == NULL) {
		free(n.key);
		free(n.content_type);
		return;
	}
	memcpy(n.key, key, keylen);
	n.key[keylen] = '\0';
	memcpy(n.body, body, len);
	pthread_mutex_lock(&c->mu);
	x = &c->slot[hash(key, keylen) % c->nslots];
	clear(c, x);
	if (c->bytes + len > c->max_bytes) {
		pthread_mutex_unlock(&c->mu);
		free(n.key);
		free(n.content_type);
		free(n.body);
		return;
	}
	*x = n;
	c->bytes += len;
	c->entries++;
	c->stores++;
	pthread_mutex_unlock(&c->mu);
}

void
page_cache_stats(struct page_cache *c, struct page_cache_stats *s)
{
	pthread_mutex_lock(&c->mu);
	s->hits = c->hits;
	s->misses = c->misses;
	s->stores = c->stores;
	s->entries = c->entries;
	s->bytes = c->bytes;
	pthread_mutex_unlock(&c->mu);
}
