/* fuzz_rng.c: libFuzzer harness for the fast v3 grammar check (src/draft/rng.c), differential against
 * libxml2's RELAX NG validator over the same grammar: any bytes libxml2 parses (no network, no
 * external entities) are checked both ways, and the fast check saying "valid" where libxml2 says
 * "invalid" is a crash (it would render what xml2rfc refuses). Seeds: fuzz/corpus/rng/. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include "draft/render_int.h"
#include "draft/rfcxml_rng.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_INPUT_MAX	(1u << 20)

static xmlRelaxNGPtr schema;

static void
quiet(void *ctx, xmlErrorPtr err)
{
	(void)ctx;
	(void)err;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	xmlRelaxNGValidCtxtPtr vc;
	xmlDocPtr doc;
	int ours, theirs;

	if (size > FUZZ_INPUT_MAX)
		return 0;
	if (schema == NULL) {
		xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewMemParserCtxt(rng_v3, (int)sizeof(rng_v3) - 1);

		xmlRelaxNGSetParserStructuredErrors(pc, quiet, NULL);
		schema = xmlRelaxNGParse(pc);
		xmlRelaxNGFreeParserCtxt(pc);
		if (schema == NULL)
			abort();
	}
	doc = xmlReadMemory((const char *)data, (int)size, "fuzz.xml", NULL,
	    XML_PARSE_NONET | XML_PARSE_NOENT | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL)
		return 0;
	ours = rng_v3_valid(doc);
	vc = xmlRelaxNGNewValidCtxt(schema);
	xmlRelaxNGSetValidStructuredErrors(vc, quiet, NULL);
	theirs = xmlRelaxNGValidateDoc(vc, doc) == 0;
	xmlRelaxNGFreeValidCtxt(vc);
	xmlFreeDoc(doc);
	if (ours && !theirs)
		abort();
	return 0;
}
