/* buf.c: the growable buffer; see buf.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "err.h"

void
buf_init(struct buf *b, struct arena *a, size_t cap)
{
	memset(b, 0, sizeof(*b));
	b->arena = a;
	b->cap = cap;
}

void
buf_release(struct buf *b)
{
	if (b->arena == NULL)
		free(b->data);
	b->data = NULL;
	b->len = b->size = 0;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	b->failed = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

/* Makes room for n more bytes plus the terminator; 0 or -1 (sticky error set). */
static int
buf_grow(struct buf *b, size_t n)
{
	size_t need, nsize;
	char *p;

	if (b->failed)
		return -1;
	if (n > ((size_t)-1) / 4 - b->len) {
		b->failed = 1;
		return -1;
	}
	need = b->len + n + 1;
	if (b->cap != 0 && need - 1 > b->cap) {
		b->failed = 2;
		return -1;
	}
	if (need <= b->size)
		return 0;
	nsize = b->size ? b->size : 64;
	while (nsize < need)
		nsize *= 2;
	if (b->arena != NULL) {
		if ((p = arena_alloc_raw(b->arena, nsize)) != NULL && b->len)
			memcpy(p, b->data, b->len);
	} else
		p = realloc(b->data, nsize);
	if (p == NULL) {
		b->failed = 1;
		return -1;
	}
	b->data = p;
	b->size = nsize;
	b->data[b->len] = '\0';	/* neither allocation zeroes it */
	return 0;
}

void
buf_put_slow(struct buf *b, const void *p, size_t n)
{
	if (n == 0 || buf_grow(b, n) == -1)
		return;
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	if (s != NULL)
		buf_put(b, s, strlen(s));
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0) {
		b->failed = 1;
		return;
	}
	if (n == 0 || buf_grow(b, (size_t)n) == -1)
		return;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

const char *
buf_cstr(struct buf *b)
{
	if (b->data == NULL)
		return "";
	return b->data;
}

void
buf_truncate(struct buf *b, size_t len)
{
	if (b->data == NULL || len > b->len)
		return;
	b->len = len;
	b->data[len] = '\0';
}

int
buf_finish(const struct buf *b, struct err *e)
{
	if (b->failed == 2)
		return err_set(e, 413, "too-large", "The output is larger than the configured limit of %zu bytes.", b->cap);
	if (b->failed)
		return err_set(e, 500, "memory", "The server ran out of memory while building the response.");
	return 0;
}
