/* arena.c: the region allocator behind every request and job; see arena.h.
 * Blocks grow geometrically so a typical page costs two or three malloc calls. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

#define ARENA_BLOCK_MIN	(8u << 10)	/* most requests fit in the first block */
#define ARENA_ALIGN	16u

struct arena_block {
	struct arena_block	*next;
	size_t			 size;
	size_t			 off;
	unsigned char		 data[] __attribute__((aligned(16)));
};

struct arena_defer {
	struct arena_defer	*next;
	void			(*fn)(void *);
	void			*p;
};

void
arena_init(struct arena *a, size_t cap)
{
	memset(a, 0, sizeof(*a));
	a->cap = cap;
}

void
arena_release(struct arena *a)
{
	struct arena_block *b, *nb;

	/* Deferred objects may point into blocks, so run them first. */
	while (a->defers != NULL) {
		struct arena_defer *d = a->defers;
		a->defers = d->next;
		d->fn(d->p);
		free(d);
	}
	for (b = a->head; b != NULL; b = nb) {
		nb = b->next;
		free(b);
	}
	a->head = NULL;
	a->used = 0;
}

/* The allocator behind both: zero says whether the caller gets zeroed memory. */
static void *
alloc(struct arena *a, size_t n, int zero)
{
	struct arena_block *b = a->head;
	size_t need, off, bsz;

	if (n == 0)
		n = 1;
	if (n > SIZE_MAX / 2)
		return NULL;
	need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (a->cap != 0 && a->used + need > a->cap)
		return NULL;
	if (b != NULL) {
		off = b->off;
		if (off + need <= b->size) {
			b->off = off + need;
			a->used += need;
			if (zero)
				memset(b->data + off, 0, n);
			return b->data + off;
		}
	}
	bsz = b != NULL ? b->size * 2 : ARENA_BLOCK_MIN;
	if (bsz > (1u << 20))
		bsz = 1u << 20;
	if (bsz < need)
		bsz = need;
	b = malloc(sizeof(*b) + bsz);
	if (b == NULL)
		return NULL;
	b->size = bsz;
	b->off = need;
	/* Keep the block with the most room at the head: a big one-off
	 * allocation should not strand the free space of the current block. */
	if (a->head != NULL && bsz == need) {
		b->next = a->head->next;
		a->head->next = b;
	} else {
		b->next = a->head;
		a->head = b;
	}
	a->used += need;
	if (zero)
		memset(b->data, 0, n);
	return b->data;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	return alloc(a, n, 1);
}

void *
arena_alloc_raw(struct arena *a, size_t n)
{
	return alloc(a, n, 0);
}

void *
arena_calloc(struct arena *a, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		return NULL;
	return arena_alloc(a, n * size);
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc_raw(a, n + 1);

	if (p == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return s == NULL ? NULL : arena_strndup(a, s, strlen(s));
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	int n;
	char *p;

	/* One pass for the usual short string (a link, a date, a line of a page); the long ones are
	 * measured first. Two passes each time were an eighth of a 437-row page's time. */
	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	if ((size_t)n < sizeof(small))
		return arena_strndup(a, small, (size_t)n);
	if ((p = arena_alloc_raw(a, (size_t)n + 1)) == NULL)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

char *
arena_strcat(struct arena *a, const char *first, ...)
{
	va_list ap;
	const char *s;
	size_t n = 0, k;
	char *p, *w;

	va_start(ap, first);
	for (s = first; s != NULL; s = va_arg(ap, const char *))
		n += strlen(s);
	va_end(ap);
	if ((p = w = arena_alloc_raw(a, n + 1)) == NULL)
		return NULL;
	va_start(ap, first);
	for (s = first; s != NULL; s = va_arg(ap, const char *)) {
		k = strlen(s);
		memcpy(w, s, k);
		w += k;
	}
	va_end(ap);
	*w = '\0';
	return p;
}

void *
arena_grow(struct arena *a, void *arr, size_t n, size_t *cap, size_t size)
{
	void *na;
	size_t ncap;

	if (arr != NULL && n < *cap)
		return arr;
	ncap = *cap ? *cap * 2 : 8;
	if (size == 0 || ncap > SIZE_MAX / 2 / size)
		return NULL;
	/* The array is the head block's last allocation, with room after it: it grows where it is (the
	 * usual case of one list filled in a loop), with no copy and nothing left behind. */
	if (arr != NULL && *cap > 0 && a->head != NULL) {
		struct arena_block *b = a->head;
		size_t had = (*cap * size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
		size_t want = (ncap * size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
		if ((unsigned char *)arr + had == b->data + b->off && b->off + (want - had) <= b->size &&
		    (a->cap == 0 || a->used + (want - had) <= a->cap)) {
			memset((unsigned char *)arr + n * size, 0, (ncap - n) * size);
			b->off += want - had;
			a->used += want - had;
			*cap = ncap;
			return arr;
		}
	}
	if ((na = arena_alloc_raw(a, ncap * size)) == NULL)
		return NULL;
	if (arr != NULL && n > 0)
		memcpy(na, arr, n * size);
	memset((unsigned char *)na + n * size, 0, (ncap - n) * size);
	*cap = ncap;
	return na;
}

int
arena_defer(struct arena *a, void (*fn)(void *), void *p)
{
	struct arena_defer *d;

	/* The record itself comes from malloc so a capped arena can still
	 * guarantee that the finaliser runs. */
	if ((d = malloc(sizeof(*d))) == NULL) {
		fn(p);
		return -1;
	}
	d->fn = fn;
	d->p = p;
	d->next = a->defers;
	a->defers = d;
	return 0;
}
