/* fuzz_v2v3.c: libFuzzer harness for v2v3_convert() (src/draft/v2v3.c). Any bytes that libxml2 parses
 * (no network, no external entities) are converted: no crash, no leak, success or a 500 for memory,
 * and the tree still serialises. Seeds: fuzz/corpus/v2v3/. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "core/arena.h"
#include "core/err.h"
#include "draft/render_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_ARENA_CAP	(64u << 20)
#define FUZZ_INPUT_MAX	(1u << 20)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct err e = { 0 };
	xmlDocPtr doc;
	xmlChar *out = NULL;
	int len = 0;

	if (size > FUZZ_INPUT_MAX)
		return 0;
	doc = xmlReadMemory((const char *)data, (int)size, "fuzz.xml", NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL)
		return 0;
	arena_init(&a, FUZZ_ARENA_CAP);
	if (v2v3_convert(&a, doc, &e) != 0 && e.status != 400 && e.status != 500)
		abort();
	xmlDocDumpMemory(doc, &out, &len);
	xmlFree(out);
	xmlFreeDoc(doc);
	arena_release(&a);
	return 0;
}
