/* err.c: filling a struct err; see err.h. */
#include <stdio.h>
#include <string.h>

#include "err.h"

int
err_setv(struct err *e, int status, const char *code, const char *fmt, va_list ap)
{
	if (e == NULL)
		return -1;
	e->status = status;
	snprintf(e->code, sizeof(e->code), "%s", code ? code : "");
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	return -1;
}

int
err_set(struct err *e, int status, const char *code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_setv(e, status, code, fmt, ap);
	va_end(ap);
	return -1;
}

void
err_clear(struct err *e)
{
	if (e == NULL)
		return;
	e->status = 0;
	e->code[0] = '\0';
	e->msg[0] = '\0';
}
