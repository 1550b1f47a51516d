/* fuzz_multipart.c: libFuzzer harness for form_parse_multipart() (src/http/form.h).
 * The input's first line is the Content-Type header (so boundaries are fuzzed too), the rest
 * is the body: "multipart/form-data; boundary=XYZ\n--XYZ\r\n...". Each run gets a fresh arena
 * released at the end; successful parses are checked (fuzz_form.h) and fed to form_read().
 * Seeds: fuzz/corpus/multipart/. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_form.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t ctlen = nl != NULL ? (size_t)(nl - data) : size;
	const char *body = nl != NULL ? (const char *)nl + 1 : (const char *)data + size;
	size_t blen = size - (nl != NULL ? ctlen + 1 : ctlen);
	struct arena a;
	struct form f;
	struct err e;
	char *ct;

	/* The header value is a C string in the server (MHD_lookup_connection_value). */
	if ((ct = malloc(ctlen + 1)) == NULL)
		return 0;
	memcpy(ct, data, ctlen);
	ct[ctlen] = '\0';
	arena_init(&a, FUZZ_ARENA_CAP);
	memset(&e, 0, sizeof(e));
	/* body ends where libFuzzer's buffer ends, so ASan sees any read past it. */
	if (form_parse_multipart(&a, ct, body, blen, &fuzz_limits, &f, &e) == 0)
		fuzz_after_parse(&a, &f, body, blen);
	else
		fuzz_check_err(&e);
	arena_release(&a);
	free(ct);
	return 0;
}
