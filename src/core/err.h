/* err.h: errors that carry an HTTP-like status and a sentence a person can act on.
 * Every layer fills a caller-provided struct err; the page, the API and the mail
 * reply all show the same words. Untouched on success. */
#ifndef IDT_ERR_H
#define IDT_ERR_H

#include <stdarg.h>

#define ERR_MSG_MAX	512	/* a sentence or two, never a document */
#define ERR_CODE_MAX	32

struct err {
	int	status;			/* 400..599 like HTTP; 0 = no error */
	char	code[ERR_CODE_MAX];	/* short machine slug, e.g. "csrf", "rev" */
	char	msg[ERR_MSG_MAX];	/* the sentence shown to people */
};

/* Sets *e (when e is not NULL) and returns -1 so callers can `return err_set(...)`. */
int	err_set(struct err *e, int status, const char *code, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));
int	err_setv(struct err *e, int status, const char *code, const char *fmt, va_list ap)
	    __attribute__((format(printf, 4, 0)));
void	err_clear(struct err *e);

#endif
