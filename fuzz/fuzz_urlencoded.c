/* fuzz_urlencoded.c: libFuzzer harness for form_parse_urlencoded() (src/http/form.h).
 * The input is the request body as is; each run gets a fresh arena released at the end.
 * Successful parses are checked (fuzz_form.h) and fed to form_read(). Seeds: fuzz/corpus/urlencoded/. */
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
	if (form_parse_urlencoded(&a, body, size, &fuzz_limits, &f, &e) == 0)
		fuzz_after_parse(&a, &f, body, size);
	else
		fuzz_check_err(&e);
	arena_release(&a);
	return 0;
}
