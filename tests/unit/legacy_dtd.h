/* legacy_dtd.h: an external entity loader for unit tests that parse v2 drafts as xml2rfc does, with
 * DTD defaults from rfc2629.dtd and its entity sets read from the corpus's copy of them; nothing else
 * is loaded (no network, no other file). Include after libxml2's parserInternals.h. */
#ifndef IDT_LEGACY_DTD_H
#define IDT_LEGACY_DTD_H

#include <stdio.h>
#include <string.h>

#define LEGACY_DTD_DIR	"../shared/corpus/schema/rfcxml-templates-and-schemas/legacy/"

static xmlParserInputPtr
legacy_dtd_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	static const char *const known[] = { "rfc2629.dtd", "rfc2629-xhtml.ent", "rfc2629-other.ent" };
	const char *base;
	char path[512];
	size_t i;

	(void)id;
	if (url == NULL)
		return NULL;
	base = strrchr(url, '/') != NULL ? strrchr(url, '/') + 1 : url;
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(base, known[i]) == 0) {
			snprintf(path, sizeof(path), "%s%s", LEGACY_DTD_DIR, known[i]);
			return xmlNewInputFromFile(ctxt, path);
		}
	return NULL;
}

#endif
