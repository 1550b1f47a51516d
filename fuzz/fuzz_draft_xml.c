/* fuzz_draft_xml.c: libFuzzer harness for draft_parse_xml() (src/draft/xml.c), the XML draft
 * reader. The input is the file as uploaded; each run gets a fresh arena and no reference folder,
 * so includes never touch the disk. Invariants: -1 always comes with a nit, every string the reader
 * returns is readable, every line points into the input. Seeds: fuzz/corpus/draft_xml/. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "draft/draft.h"
#include "draft/nits.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_ARENA_CAP	(64u << 20)	/* as http/server.c */

static size_t sink;

/* Reads a string to its end, so ASan sees any that is not terminated or not ours. */
static void
touch(const char *s)
{
	if (s != NULL)
		sink += strlen(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	struct draft_xml_opts o = { NULL, NULL, 0 };
	struct arena a;
	struct draft d;
	size_t i;
	int rc;

	arena_init(&a, FUZZ_ARENA_CAP);
	rc = draft_parse_xml(&a, buf, size, &o, &d);
	if (d.format != DRAFT_XML || (rc == -1 && d.nnits == 0) || (rc == 0 && d.xml_version != 2 && d.xml_version != 3))
		abort();
	touch(d.name), touch(d.rev), touch(d.group), touch(d.title), touch(d.abbrev), touch(d.abstract);
	touch(d.status), touch(d.category), touch(d.workgroup), touch(d.ipr), touch(d.submission_type);
	for (i = 0; i < d.nauthors; i++) {
		touch(d.authors[i].name), touch(d.authors[i].initials), touch(d.authors[i].surname);
		touch(d.authors[i].org), touch(d.authors[i].email);
	}
	for (i = 0; i < d.nsections; i++) {
		if (d.sections[i].number == NULL || d.sections[i].title == NULL || d.sections[i].level < 1)
			abort();
		touch(d.sections[i].number), touch(d.sections[i].title);
	}
	for (i = 0; i < d.nrefs; i++) {
		if (d.refs[i].tag == NULL || d.refs[i].kind < REF_NORMATIVE || d.refs[i].kind > REF_UNCLASSIFIED)
			abort();
		touch(d.refs[i].tag), touch(d.refs[i].target);
	}
	for (i = 0; i < d.nlines; i++)
		if (d.lines[i].p < buf || d.lines[i].p + d.lines[i].len > buf + size)
			abort();
	for (i = 0; i < d.nnits; i++) {
		if (d.nits[i].id >= NIT__MAX)
			abort();
		touch(d.nits[i].detail);
	}
	for (i = 0; i < d.nupdates; i++)
		sink += (size_t)d.updates[i];
	arena_release(&a);
	return 0;
}
