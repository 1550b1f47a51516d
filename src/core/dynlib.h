/* dynlib.h: a library loaded with dlopen() the first time its module is used, so that a command that
 * never needs it (render, check, --help) does not pay for loading it at every start (docs/architecture.md).
 * Callers: the four modules over a heavy library: db/pg.c (libpq), mail/deliver.c (libcurl),
 * mail/mail_in.c (GMime), http/server.c (libmicrohttpd). Each lists its functions once (an X-macro),
 * declares a pointer per function and keeps its call sites by #define fn p_fn. */
#ifndef IDT_DYNLIB_H
#define IDT_DYNLIB_H

#include <stddef.h>

#define DYNLIB_ERROR_MAX	400	/* fits in a struct err's sentence with the caller's words */

/* One function: its name in the library and the address of the module's pointer to it. */
struct dynlib_sym {
	const char	*name;
	void		*slot;
};

/* For a module's X-macro: the pointer to fn, typed from the library's own declaration (so it must come
 * before the #define fn p_fn), and fn's row in the module's table. */
#define DYNLIB_PTR(fn)	static __typeof__(fn) *p_##fn;
#define DYNLIB_SYM(fn)	{ #fn, &p_##fn },

struct dynlib {
	const char		*soname;	/* from build/gen/sonames.h */
	const char		*needed_for;	/* ends the sentence: "(needed for PostgreSQL)" */
	const struct dynlib_sym	*syms;
	size_t			 nsyms;
	/* The library's global set-up, or NULL: runs once, after every symbol is resolved, and returns
	 * NULL, or why it failed. */
	const char		*(*start)(void);
	/* dynlib_load()'s, under its lock */
	int			 state;		/* 0 not tried, 1 loaded, -1 failed */
	char			 error[DYNLIB_ERROR_MAX];
};

#define DYNLIB(soname, needed_for, syms, start)	\
	{ (soname), (needed_for), (syms), sizeof(syms) / sizeof((syms)[0]), (start), 0, "" }

/* 0 when the library is loaded and every pointer set; the first call in the process loads it, the
 * others (in any thread) wait for it and get its answer. -1 when it could not be loaded, with the
 * sentence in dl->error: "cannot load libpq.so.5 (needed for PostgreSQL): <why>". A failure is not
 * tried again: what the loader could not find stays missing until the process restarts. */
int	dynlib_load(struct dynlib *);

#endif
