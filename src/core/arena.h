/* arena.h: region allocator, one per request and per job (ARCHITECTURE rule 2).
 * Everything a request allocates lives here and goes at once in arena_free();
 * library objects join the defer list so every exit path releases them. */
#ifndef IDT_ARENA_H
#define IDT_ARENA_H

#include <stddef.h>

struct arena_block;
struct arena_defer;

struct arena {
	struct arena_block	*head;
	struct arena_defer	*defers;
	size_t			 used;	/* bytes handed out, for limits and logs */
	size_t			 cap;	/* 0 = no cap; over it allocations fail */
};

void	 arena_init(struct arena *, size_t cap);
/* Runs the deferred finalisers (last registered first) and frees every block. */
void	 arena_release(struct arena *);
/* Returns zeroed memory aligned for any type, or NULL when over the cap / out of memory. */
void	*arena_alloc(struct arena *, size_t);
/* The same, not zeroed: for memory the caller writes whole at once (a buffer's copy, a string). */
void	*arena_alloc_raw(struct arena *, size_t);
void	*arena_calloc(struct arena *, size_t n, size_t size);
char	*arena_strdup(struct arena *, const char *);
char	*arena_strndup(struct arena *, const char *, size_t);
char	*arena_printf(struct arena *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* The strings from first up to a NULL, joined: a link or a label without printf's cost. */
char	*arena_strcat(struct arena *, const char *first, ...) __attribute__((sentinel));
/* Makes room for element n of an array that grows by doubling: returns arr itself while n < *cap,
 * else twice the room, zeroed from element n on: in place when arr is the arena's last allocation
 * and its block has the room, else a copy; NULL when out of memory. */
void	*arena_grow(struct arena *, void *arr, size_t n, size_t *cap, size_t size);
/* Calls fn(p) when the arena is released. Returns -1 (and calls fn(p) at once) if it cannot record it. */
int	 arena_defer(struct arena *, void (*fn)(void *), void *p);

#endif
