/* buf.h: growable byte buffer with a sticky error and a cap (STYLE habit 11).
 * Writers never check each call; buf_finish() reports once at the end.
 * Memory comes from an arena when one is given, else from malloc (then buf_release()). */
#ifndef IDT_BUF_H
#define IDT_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct arena;
struct err;

struct buf {
	char		*data;	/* always NUL-terminated when len > 0 or after buf_cstr() */
	size_t		 len;
	size_t		 size;
	size_t		 cap;	/* 0 = unlimited */
	struct arena	*arena;	/* NULL = malloc */
	int		 failed;	/* sticky: 1 = out of memory, 2 = over cap */
};

void	 buf_init(struct buf *, struct arena *, size_t cap);
void	 buf_release(struct buf *);	/* malloc-backed buffers only; arena ones go with the arena */
void	 buf_reset(struct buf *);	/* len = 0, keeps memory and clears the error */
/* buf_put() and buf_putc() are inline for the common case, room in the buffer (most text is
 * written a byte or a word at a time: the renderer called buf_grow() 200,000 times for one large
 * draft, 3% of its time); buf_put_slow() grows, checks the cap and keeps the sticky error. */
void	 buf_put_slow(struct buf *, const void *, size_t);

static inline void
buf_put(struct buf *b, const void *p, size_t n)
{
	if (n != 0 && !b->failed && b->size > b->len && n < b->size - b->len &&
	    (b->cap == 0 || n <= b->cap - b->len)) {
		__builtin_memcpy(b->data + b->len, p, n);
		b->len += n;
		b->data[b->len] = '\0';
		return;
	}
	buf_put_slow(b, p, n);
}

static inline void
buf_putc(struct buf *b, char c)
{
	if (!b->failed && b->size > b->len + 1 && (b->cap == 0 || b->len < b->cap)) {
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
		return;
	}
	buf_put_slow(b, &c, 1);
}
void	 buf_puts(struct buf *, const char *);
void	 buf_printf(struct buf *, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *, const char *fmt, va_list) __attribute__((format(printf, 2, 0)));
/* Returns the NUL-terminated contents (an empty string when nothing was written). */
const char *buf_cstr(struct buf *);
/* Shortens the text to len bytes (len <= b->len), keeping it NUL-terminated. */
void	 buf_truncate(struct buf *, size_t len);
/* Returns 0, or -1 with e set (507-ish status 500 for memory, 413 for the cap). */
int	 buf_finish(const struct buf *, struct err *);

#endif
