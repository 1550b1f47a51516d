/* fuzz_draft_text.c: libFuzzer harness for draft_parse_text() (src/draft/text.c), one fresh arena per
 * input. Every string the reader hands out is walked to the end, so a pointer past the arena or a
 * missing NUL shows under ASan; invariants: lines lie inside the input and cover it in order, pages
 * are numbered 1..d.pages, sections and references point at real lines. Seeds: fuzz/corpus/draft_text/. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "draft/draft.h"
#include "draft/nits.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static volatile size_t sink;

/* Reads every byte of s, and checks it is UTF-8 without control characters but '\n' (the reader
 * promises clean strings: they go to HTML and JSON as they are). */
static void
walk(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int follow = 0;

	if (s == NULL)
		return;
	for (; *p != '\0'; p++) {
		if (follow > 0) {
			if ((*p & 0xc0) != 0x80)
				abort();
			follow--;
		} else if (*p >= 0xf0)
			follow = 3;
		else if (*p >= 0xe0)
			follow = 2;
		else if (*p >= 0xc0)
			follow = 1;
		else if (*p >= 0x80 || (*p < 0x20 && *p != '\n') || *p == 0x7f)
			abort();
		sink += *p;
	}
	if (follow != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct draft d;
	const char *buf = (const char *)data;
	size_t i, prev_end = 0;

	arena_init(&a, 0);
	if (draft_parse_text(&a, buf, size, &d) != 0) {
		arena_release(&a);
		return 0;
	}
	if (d.format != DRAFT_TXT || d.pages < 0 || d.words < 0)
		abort();
	for (i = 0; i < d.nlines; i++) {
		const struct draft_line *l = &d.lines[i];
		size_t off = (size_t)(l->p - buf);

		if (l->p < buf || off > size || l->len > size - off || off < prev_end)
			abort();
		if (memchr(l->p, '\n', l->len) != NULL || memchr(l->p, '\r', l->len) != NULL)
			abort();
		if (l->page < 1 || (i > 0 && l->page < d.lines[i - 1].page))
			abort();
		prev_end = off + l->len;
	}
	walk(d.name);
	walk(d.rev);
	walk(d.group);
	walk(d.title);
	walk(d.abbrev);
	walk(d.abstract);
	walk(d.status);
	walk(d.category);
	walk(d.workgroup);
	walk(d.ipr);
	for (i = 0; i < d.nauthors; i++) {
		walk(d.authors[i].name);
		walk(d.authors[i].initials);
		walk(d.authors[i].surname);
		walk(d.authors[i].org);
		walk(d.authors[i].email);
	}
	for (i = 0; i < d.nsections; i++) {
		walk(d.sections[i].number);
		walk(d.sections[i].title);
		if (d.sections[i].line < 1 || (size_t)d.sections[i].line > d.nlines || d.sections[i].level < 1)
			abort();
	}
	for (i = 0; i < d.nrefs; i++) {
		walk(d.refs[i].tag);
		walk(d.refs[i].target);
		if (d.refs[i].line < 1 || (size_t)d.refs[i].line > d.nlines)
			abort();
	}
	for (i = 0; i < d.nupdates; i++)
		sink += (size_t)d.updates[i];
	for (i = 0; i < d.nobsoletes; i++)
		sink += (size_t)d.obsoletes[i];
	for (i = 0; i < d.nnits; i++) {
		if (d.nits[i].id >= NIT__MAX)
			abort();
		walk(d.nits[i].detail);
	}
	if (d.date.month < 0 || d.date.month > 12 || d.date.day < 0 || d.date.day > 31)
		abort();
	arena_release(&a);
	return 0;
}
