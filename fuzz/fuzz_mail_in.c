/* fuzz_mail_in.c: libFuzzer harness for mail_in_parse() (src/mail/mail_in.h): the input is one message
 * as an MTA would pipe it. Each run gets a fresh arena, released at the end with GMime's and libxml2's
 * objects; a successful parse is checked against the header's promises (UTF-8 everywhere, one-line
 * values without controls, bounded parts), a refusal against the error contract. Seeds: fuzz/corpus/mail_in/. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "core/arena.h"
#include "core/err.h"
#include "mail/mail_in.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_ARENA_CAP	(256u << 20)	/* far above what libFuzzer's inputs can need: hitting it is a finding */

static void
check_text(const char *s, int one_line)
{
	const char *p;

	if (s == NULL || !g_utf8_validate(s, -1, NULL))
		abort();
	if (one_line)
		for (p = s; *p; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7f)
				abort();
}

static void
check_parse(const struct mail_in *m)
{
	size_t i, n;

	check_text(m->message_id, 1);
	n = strlen(m->message_id);
	if (n < 3 || m->message_id[0] != '<' || m->message_id[n - 1] != '>' ||
	    (!m->generated_id && n > MAIL_IN_MSGID_MAX) || (m->generated_id && n != 1 + 64 + 18 + 1))
		abort();
	check_text(m->from, 1);
	if (strchr(m->from, '@') == NULL)
		abort();
	check_text(m->from_name, 1);
	check_text(m->subject, 1);
	check_text(m->date, 1);
	check_text(m->in_reply_to, 1);
	check_text(m->text, 0);
	if ((m->nto > 0 && m->to == NULL) || (m->ncc > 0 && m->cc == NULL))
		abort();
	for (i = 0; i < m->nto; i++)
		check_text(m->to[i], 1);
	for (i = 0; i < m->ncc; i++)
		check_text(m->cc[i], 1);
	if (m->nparts > MAIL_IN_PARTS_MAX || (m->nparts > 0 && m->parts == NULL))
		abort();
	for (i = 0; i < m->nparts; i++) {
		const struct mail_in_part *p = &m->parts[i];

		check_text(p->content_type, 1);
		if (p->filename != NULL)
			check_text(p->filename, 1);
		if (p->data == NULL || p->data[p->len] != '\0' || (p->filename != NULL && !p->attachment))
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct mail_in m;
	struct err e;

	arena_init(&a, FUZZ_ARENA_CAP);
	memset(&e, 0, sizeof(e));
	/* data ends where libFuzzer's buffer ends, so ASan sees any read past it. */
	if (mail_in_parse(&a, (const char *)data, size, &m, &e) == 0)
		check_parse(&m);
	else if (e.status < 400 || e.status > 599 || e.msg[0] == '\0' || memchr(e.msg, '\0', sizeof(e.msg)) == NULL)
		abort();
	arena_release(&a);
	return 0;
}
