/* fuzz_prep.c: libFuzzer harness for rfcxml_parse() and prep_document() (src/draft/rfcxml.c, prep.c).
 * Any bytes in: no crash, no leak, refusals only as 400 (or 500 for memory); the fetch answers one
 * fixed reference for any URL and nothing else, so includes are exercised without files or network.
 * Seeds: fuzz/corpus/prep/. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "draft/render_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_ARENA_CAP	(64u << 20)

static const char ref[] = "<reference anchor=\"RFC2119\"><front><title>Key words</title>"
    "<author initials=\"S.\" surname=\"Bradner\"/><date year=\"1997\" month=\"March\"/></front>"
    "<seriesInfo name=\"RFC\" value=\"2119\"/></reference>";

static int
fetch(void *ctx, struct arena *a, const char *uri, char **out, size_t *len)
{
	(void)ctx;
	if (strstr(uri, "://") == NULL)
		return -1;
	*out = arena_strdup(a, ref);
	*len = sizeof(ref) - 1;
	return *out ? 0 : -1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rfcxml_src src = { (const char *)data, size, "fuzz.xml", fetch, NULL };
	struct prep_opts po = { .year = 2026, .month = 11, .day = 22, .id_is_wip = 1 };
	struct arena a;
	struct err e = { 0 };
	xmlDocPtr doc;

	arena_init(&a, FUZZ_ARENA_CAP);
	if ((doc = rfcxml_parse(&a, &src, &e)) != NULL)
		(void)prep_document(&a, doc, &po, &e);
	if (e.status != 0 && e.status != 400 && e.status != 500)
		abort();
	arena_release(&a);
	return 0;
}
