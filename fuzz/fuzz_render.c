/* fuzz_render.c: libFuzzer harness for render_text() (src/draft/render.c). Any bytes in: no crash,
 * no leak, the output bounded (at most 64 times the input plus the fixed first page) and always
 * NUL-terminated; the time per input stays bounded because the walk is linear in the tree.
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
	struct render_opts o = { 0, 1, 2026, 11, 22, 0 };
	struct arena a;
	struct err e = { 0 };
	char *out;
	size_t len;

	arena_init(&a, FUZZ_ARENA_CAP);
	if (render_text(&a, (const char *)data, size, &o, &out, &len, &e) == 0) {
		if (out[len] != '\0' || strlen(out) != len || len > 64 * size + 8192)
			abort();
	} else if (e.status != 400 && e.status != 500)
		abort();
	arena_release(&a);
	return 0;
}
