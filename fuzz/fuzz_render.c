/* fuzz_render.c: libFuzzer harness for render_text(), the whole pipeline (src/draft/render_int.h:
 * parse, v2v3, prep, writer, pagination for inputs of odd length). Any bytes in: no crash, no leak,
 * the output bounded (at most 64 times the input plus the boilerplate, front page and furniture)
 * and always NUL-terminated; refusals are 400 (or 413/500). No fetch: includes are refused.
 * Seeds: fuzz/corpus/render/. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "draft/render.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_ARENA_CAP	(64u << 20)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct render_opts o = { .paginate = (int)(size & 1), .year = 2026, .month = 11, .day = 22 };
	struct arena a;
	struct err e = { 0 };
	char *out;
	size_t len;

	arena_init(&a, FUZZ_ARENA_CAP);
	if (render_text(&a, (const char *)data, size, &o, &out, &len, &e) == 0) {
		if (out[len] != '\0' || strlen(out) != len || len > 64 * size + 65536)
			abort();
	} else if (e.status != 400 && e.status != 413 && e.status != 500)
		abort();
	arena_release(&a);
	return 0;
}
