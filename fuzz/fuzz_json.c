/* fuzz_json.c: libFuzzer harness for form_parse_json() (src/http/form.h), the flat-object body
 * API clients may send instead of a form. The input is the body as is; each run gets a fresh
 * arena released at the end; successful parses are checked (fuzz_form.h) and fed to form_read().
 * Seeds: fuzz/corpus/json/. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_form.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct form f;
	struct err e;
	const char *body = (const char *)data;

	arena_init(&a, FUZZ_ARENA_CAP);
	memset(&e, 0, sizeof(e));
	if (form_parse_json(&a, body, size, &fuzz_limits, &f, &e) == 0) {
		/* No JSON value becomes a file part. */
		for (size_t i = 0; i < f.n; i++)
			if (f.fields[i].filename != NULL)
				abort();
		fuzz_after_parse(&a, &f, body, size);
	} else
		fuzz_check_err(&e);
	arena_release(&a);
	return 0;
}
