/* dynlib.c: loading a library on first use; see dynlib.h.
 * RTLD_NOW: a missing symbol is found at load, where it can be reported, not at the first call.
 * RTLD_LOCAL: nothing else in the process resolves against these libraries; only the module's
 * pointers reach them (GMime's dependencies, GLib and GObject, are found through its handle). */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "dynlib.h"

/* A dlsym() result goes into a function pointer through its bytes; POSIX makes them the same size. */
_Static_assert(sizeof(void *) == sizeof(void (*)(void)), "function pointers must fit in a void *");

/* One lock for every library: loads are rare (once each a process) and dlopen() serialises anyway. */
static pthread_mutex_t load_mu = PTHREAD_MUTEX_INITIALIZER;

static int
load_failed(struct dynlib *dl, const char *why)
{
	size_t i;
	void *none = NULL;

	snprintf(dl->error, sizeof(dl->error), "cannot load %s (needed for %s): %s", dl->soname, dl->needed_for,
	    why != NULL ? why : "unknown error");
	for (i = 0; i < dl->nsyms; i++)
		memcpy(dl->syms[i].slot, &none, sizeof(none));
	dl->state = -1;
	return -1;
}

/* A library that opened but lacks a symbol or failed to start stays open: its constructors have run
 * (GLib's make thread keys and types), and unloading it under them would leave their exit handlers
 * pointing at nothing. */
static int
load(struct dynlib *dl)
{
	const char *why;
	size_t i;
	void *h, *fn;

	if ((h = dlopen(dl->soname, RTLD_NOW | RTLD_LOCAL)) == NULL)
		return load_failed(dl, dlerror());
	for (i = 0; i < dl->nsyms; i++) {
		(void)dlerror();
		if ((fn = dlsym(h, dl->syms[i].name)) == NULL)
			return load_failed(dl, dlerror());
		memcpy(dl->syms[i].slot, &fn, sizeof(fn));
	}
	if (dl->start != NULL && (why = dl->start()) != NULL)
		return load_failed(dl, why);
	dl->state = 1;
	return 0;
}

int
dynlib_load(struct dynlib *dl)
{
	int rc;

	pthread_mutex_lock(&load_mu);
	if (dl->state == 0)
		load(dl);
	rc = dl->state == 1 ? 0 : -1;
	pthread_mutex_unlock(&load_mu);
	return rc;
}
