/* render_testlib.h: what the renderer's unit tests share (include after <cmocka.h> and testlib.h):
 * the options of a test rendering and the call that prints the renderer's error when it refuses. */
#ifndef IDT_RENDER_TESTLIB_H
#define IDT_RENDER_TESTLIB_H

#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "draft/render.h"

/* An Internet-Draft marked work in progress, rendered unpaginated on 2026-11-22 (the tests' today). */
static inline void
test_render_opts(struct render_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->id_is_wip = 1;
	o->year = 2026;
	o->month = 11;
	o->day = 22;
}

/* The text of xml rendered with o into the arena, or NULL with the renderer's error printed. */
static inline char *
test_render(struct arena *a, const char *xml, const struct render_opts *o)
{
	struct err e;
	char *out = NULL;
	size_t olen = 0;

	memset(&e, 0, sizeof(e));
	if (render_text(a, xml, strlen(xml), o, &out, &olen, &e) != 0) {
		print_error("render_text: %d %s\n", e.status, e.msg);
		return NULL;
	}
	return out;
}

#endif
