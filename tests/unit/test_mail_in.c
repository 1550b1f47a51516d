/* test_mail_in.c: incoming mail (src/mail/mail_in.c): mail_in_parse on the real-world shapes in
 * tests/data/mail/ and on hostile ones, then mail_in_accept on a real database: storage, dedupe, the
 * size limit at limit-1/limit/limit+1, refusals that store nothing, and the dispatch paths. Run from
 * the repository root: the messages are found by relative path.
 *
 * mail_in.c is compiled into this test (not linked from libidt.a) with two offices of its own in the
 * dispatch table, since the real table stays empty until the submission and liaison offices add rows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "testlib.h"
#include <glib.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/log.h"
#include "db/db.h"
#include "db/event.h"
#include "mail/mail_in.h"

/* ---- the offices the dispatch tests use ---- */

enum office_says { SAYS_TAKEN, SAYS_REFUSED, SAYS_LATER, SAYS_LEAVES_TX_OPEN };
static enum office_says office_says;
static int office_calls;
static int office_saw_tx;

static int
test_owns(const char *recipient)
{
	return strcmp(recipient, "office@example.org") == 0;
}

static int
test_handle(struct db *db, struct arena *a, const struct mail_in *m, struct err *e)
{
	(void)a;
	(void)m;
	office_calls++;
	office_saw_tx = db_in_transaction(db);
	switch (office_says) {
	case SAYS_TAKEN:
		return 0;
	case SAYS_REFUSED:
		return err_set(e, 422, "draft", "The attachment is not an Internet-Draft.");
	case SAYS_LATER:
		return err_set(e, 503, "busy", "The database is busy; please try again in a moment.");
	case SAYS_LEAVES_TX_OPEN:
		db_begin(db, e);
		return 0;
	}
	return 0;
}

static int
never_owns(const char *recipient)
{
	(void)recipient;
	return 0;
}

#define MAIL_IN_TEST_OFFICES \
	{ "never", never_owns, test_handle }, \
	{ "test", test_owns, test_handle },
#include "mail/mail_in.c"

/* ---- helpers ---- */

#define DATA	"tests/data/mail/"
#define BYTES(s)	s, sizeof(s) - 1

static char *
slurp(const char *path, size_t *len)
{
	return test_slurp(path, len, 1);
}

/* Parses a file of tests/data/mail/; the arena holds the result. */
static void
parse_file(struct arena *a, const char *name, struct mail_in *m)
{
	struct err e = { 0 };
	char path[256];
	size_t len;
	char *raw;

	snprintf(path, sizeof(path), DATA "%s", name);
	raw = slurp(path, &len);
	if (mail_in_parse(a, raw, len, m, &e) != 0)
		fail_msg("%s: %s", name, e.msg);
	free(raw);	/* the result must not point into the input */
}

static void
assert_all_utf8(const struct mail_in *m)
{
	const char *s[] = { m->message_id, m->from, m->from_name, m->subject, m->date, m->in_reply_to, m->text };
	size_t i;

	for (i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
		assert_non_null(s[i]);
		assert_true(g_utf8_validate(s[i], -1, NULL));
	}
	for (i = 0; i < m->nparts; i++) {
		assert_non_null(m->parts[i].content_type);
		assert_non_null(m->parts[i].data);
		if (m->parts[i].filename != NULL)
			assert_true(g_utf8_validate(m->parts[i].filename, -1, NULL));
	}
}

/* ---- parsing the shapes ---- */

static void
test_parse_plain(void **state)
{
	struct arena a;
	struct mail_in m;

	(void)state;
	arena_init(&a, 0);
	parse_file(&a, "plain.eml", &m);
	assert_string_equal(m.message_id, "<20261127065150.12345@mail.example.org>");
	assert_int_equal(m.generated_id, 0);
	assert_string_equal(m.from, "ann@example.org");	/* lower-cased */
	assert_string_equal(m.from_name, "Ann Author");
	assert_int_equal(m.nto, 1);
	assert_string_equal(m.to[0], "submission@example.org");
	assert_int_equal(m.ncc, 1);
	assert_string_equal(m.cc[0], "bo@example.org");
	assert_string_equal(m.subject, "Please post draft-ietf-quic-frobs-07");
	assert_string_equal(m.date, "2026-11-27T06:51:50Z");	/* +0100 to UTC */
	assert_string_equal(m.in_reply_to, "");
	assert_string_equal(m.text, "Hello,\n\nThe -07 revision is ready; the working group asked for it last week.\n\nAnn\n");
	assert_int_equal(m.nparts, 1);
	assert_string_equal(m.parts[0].content_type, "text/plain");
	assert_null(m.parts[0].filename);
	assert_int_equal(m.parts[0].attachment, 0);
	assert_all_utf8(&m);
	arena_release(&a);
}

static void
test_parse_alternative(void **state)
{
	struct arena a;
	struct mail_in m;

	(void)state;
	arena_init(&a, 0);
	parse_file(&a, "alternative.eml", &m);
	assert_string_equal(m.from_name, "J\xc3\xbcrgen M\xc3\xbcller");	/* RFC 2047 Q, UTF-8 */
	assert_string_equal(m.in_reply_to, "<20261120101010.777@idtracker.example.org>");
	assert_int_equal(m.nparts, 2);
	assert_string_equal(m.parts[0].content_type, "text/plain");
	assert_string_equal(m.parts[1].content_type, "text/html");
	/* The text/plain alternative wins over the HTML one; quoted-printable decoded. */
	assert_string_equal(m.text, "Gr\xc3\xbc\xc3\x9f" "e,\n\nthe draft is attached as text and XML\xe2\x80\xa6 well, "
	    "text only this time.\n\nJ\xc3\xbcrgen\n");
	assert_all_utf8(&m);
	arena_release(&a);
}

static void
test_parse_mixed_attachment(void **state)
{
	struct arena a;
	struct mail_in m;
	size_t dlen;
	char *draft;

	(void)state;
	arena_init(&a, 0);
	parse_file(&a, "mixed-attachment.eml", &m);	/* CRLF line ends, as on the wire */
	assert_string_equal(m.text, "The new revision is attached.\n\nAnn\n");
	assert_int_equal(m.nparts, 2);
	assert_int_equal(m.parts[0].attachment, 0);
	assert_string_equal(m.parts[1].filename, "draft-ietf-quic-frobs-07.txt");
	assert_int_equal(m.parts[1].attachment, 1);
	assert_string_equal(m.parts[1].content_type, "text/plain");
	/* base64 decoded to the very bytes of the draft */
	draft = slurp("tests/data/txt/draft-ietf-quic-frobs-07.txt", &dlen);
	assert_int_equal(m.parts[1].len, dlen);
	assert_memory_equal(m.parts[1].data, draft, dlen);
	free(draft);
	arena_release(&a);
}

static void
test_parse_encoded_utf8(void **state)
{
	struct arena a;
	struct mail_in m;

	(void)state;
	arena_init(&a, 0);
	parse_file(&a, "encoded-utf8.eml", &m);
	assert_string_equal(m.from, "taro.yamada@example.jp");
	assert_string_equal(m.from_name, "\xe5\xb1\xb1\xe7\x94\xb0\xe5\xa4\xaa\xe9\x83\x8e");	/* B */
	/* a B word and a Q word side by side; the Q word's "_" is a space */
	assert_string_equal(m.subject, "\xe6\x96\xb0\xe3\x81\x97\xe3\x81\x84\xe3\x83\x89\xe3\x83\xa9\xe3\x83\x95"
	    "\xe3\x83\x88 draft-yamada-example-00");
	/* the body's charset is iso-2022-jp */
	assert_string_equal(m.text, "\xe6\x96\xb0\xe3\x81\x97\xe3\x81\x84\xe3\x83\x89\xe3\x83\xa9\xe3\x83\x95"
	    "\xe3\x83\x88\xe3\x81\xa7\xe3\x81\x99\xe3\x80\x82\n");
	assert_all_utf8(&m);
	arena_release(&a);
}

static void
test_parse_encoded_latin1(void **state)
{
	struct arena a;
	struct mail_in m;

	(void)state;
	arena_init(&a, 0);
	parse_file(&a, "encoded-latin1.eml", &m);
	assert_string_equal(m.from_name, "Fran\xc3\xa7ois P\xc3\xa9rez");	/* Q */
	assert_string_equal(m.subject, "R\xc3\xa9vision du brouillon (\xc3\xa9t\xc3\xa9)");	/* Q and B, folded */
	assert_string_equal(m.to[0], "submission@example.org");
	assert_string_equal(m.text, "Voici la r\xc3\xa9vision, d\xc3\xa9j\xc3\xa0 relue.\n\nFran\xc3\xa7ois\n");
	assert_all_utf8(&m);
	arena_release(&a);
}

static void
test_parse_raw_8bit(void **state)
{
	struct arena a;
	struct mail_in m;

	(void)state;
	arena_init(&a, 0);
	parse_file(&a, "raw-8bit-utf8.eml", &m);
	assert_string_equal(m.from_name, "Zo\xc3\xab \xc3\x86sir");
	assert_string_equal(m.subject, "\xc3\x9e\xc3\xba ert n\xc3\xbd \xc3\xbatg\xc3\xa1" "fa \xe2\x80\x94 draft-aesir-example-01");
	assert_string_equal(m.text, "H\xc3\xa6, h\xc3\xa9r er n\xc3\xbd \xc3\xbatg\xc3\xa1" "fa.\n");
	/* Latin-1 bytes with no charset anywhere: not UTF-8, so read as Latin-1 */
	parse_file(&a, "raw-8bit-latin1.eml", &m);
	assert_string_equal(m.from_name, "Jos\xc3\xa9 Garc\xc3\xad" "a");
	assert_string_equal(m.subject, "Revisi\xc3\xb3n del borrador");
	assert_string_equal(m.text, "Aqu\xc3\xad est\xc3\xa1.\n");
	assert_all_utf8(&m);
	arena_release(&a);
}

static void
test_parse_html_only(void **state)
{
	struct arena a;
	struct mail_in m;

	(void)state;
	arena_init(&a, 0);
	parse_file(&a, "html-only.eml", &m);
	/* windows-1252 quotes, entities, paragraphs and line breaks; head, style and script are no text */
	assert_string_equal(m.text, "Caf\xc3\xa9 & \xe2\x80\x9cquotes\xe2\x80\x9d\n\nSecond\xc2\xa0line\nthird line\n");
	assert_all_utf8(&m);
	arena_release(&a);
}

static void
test_parse_apple_inline_rfc2231(void **state)
{
	struct arena a;
	struct mail_in m;

	(void)state;
	arena_init(&a, 0);
	parse_file(&a, "apple-inline-rfc2231.eml", &m);
	assert_string_equal(m.message_id, "<A1B2C3D4-E5F6-7890-ABCD-EF0123456789@example.org>");
	assert_string_equal(m.text, "Both formats, as usual.\n");
	assert_int_equal(m.nparts, 4);
	/* inline, but it has a (RFC 2231) file name: Apple Mail's way of attaching */
	assert_string_equal(m.parts[1].filename, "draft-r\xc3\xa9sum\xc3\xa9-00.txt");
	assert_int_equal(m.parts[1].attachment, 1);
	/* no disposition, a Content-Type name */
	assert_string_equal(m.parts[2].filename, "draft-resume-00.xml");
	assert_string_equal(m.parts[2].content_type, "application/xml");
	assert_int_equal(m.parts[2].attachment, 1);
	assert_string_equal(m.parts[2].data, "<?xml version=\"1.0\"?><rfc/>\n");
	/* a forwarded message is one leaf holding the whole message */
	assert_string_equal(m.parts[3].content_type, "message/rfc822");
	assert_null(m.parts[3].filename);
	assert_int_equal(m.parts[3].attachment, 1);
	assert_non_null(strstr(m.parts[3].data, "Subject: forwarded"));
	assert_non_null(strstr(m.parts[3].data, "inner body"));
	assert_all_utf8(&m);
	arena_release(&a);
}

static void
test_parse_generated_id(void **state)
{
	struct arena a;
	struct mail_in m, m2;
	struct err e = { 0 };
	char *raw, *with_line, *want, *hex;
	size_t len;
	static const char line[] = "From cron@build.example.org  Fri Nov 27 03:00:02 2026\n";

	(void)state;
	arena_init(&a, 0);
	raw = slurp(DATA "no-message-id.eml", &len);
	assert_int_equal(mail_in_parse(&a, raw, len, &m, &e), 0);
	assert_int_equal(m.generated_id, 1);
	hex = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)raw, len);
	want = arena_printf(&a, "<%s@idtracker.invalid>", hex);
	g_free(hex);
	assert_string_equal(m.message_id, want);
	assert_string_equal(m.from, "cron@build.example.org");
	assert_string_equal(m.from_name, "");
	/* The same message behind an mbox "From " line (a new time stamp each delivery) gets the same id. */
	with_line = arena_printf(&a, "%s%s", line, raw);
	assert_int_equal(mail_in_parse(&a, with_line, strlen(with_line), &m2, &e), 0);
	assert_string_equal(m2.message_id, want);
	free(raw);
	arena_release(&a);
}

static void
test_parse_message_id_limit(void **state)
{
	struct arena a;
	struct mail_in m;
	struct err e = { 0 };
	char id[300];
	const char *msg;
	size_t n;

	(void)state;
	arena_init(&a, 0);
	/* limit-1, limit, limit+1 characters between the brackets (MAIL_IN_MSGID_MAX counts them) */
	for (n = MAIL_IN_MSGID_MAX - 3; n <= MAIL_IN_MSGID_MAX - 1; n++) {
		memset(id, 'x', n - 12);
		memcpy(id + n - 12, "@example.org", 13);
		msg = arena_printf(&a, "From: a@example.org\nMessage-ID: <%s>\n\nx\n", id);
		assert_int_equal(mail_in_parse(&a, msg, strlen(msg), &m, &e), 0);
		assert_int_equal(m.generated_id, n > MAIL_IN_MSGID_MAX - 2);
		assert_int_equal(strlen(m.message_id), n <= MAIL_IN_MSGID_MAX - 2 ? n + 2 : 1 + 64 + strlen("@idtracker.invalid") + 1);
	}
	/* a Message-ID with a control character is no key */
	msg = "From: a@example.org\nMessage-ID: <a\x01" "b@example.org>\n\nx\n";
	assert_int_equal(mail_in_parse(&a, msg, strlen(msg), &m, &e), 0);
	assert_int_equal(m.generated_id, 1);
	arena_release(&a);
}

static void
test_parse_cleans_headers(void **state)
{
	struct arena a;
	struct mail_in m;
	struct err e = { 0 };
	static const char msg[] =
	    "From: \"Eve\" <EVE@Example.org>\n"
	    "To: Team: A@Example.org, b@example.org;, c@example.org\n"
	    "Subject: =?UTF-8?Q?one=0Atwo=09three=01?=\n"
	    "Content-Type: multipart/mixed; boundary=b\n\n"
	    "--b\nContent-Type: text/plain\n\nline one\r\nline two\rline three\x01\x00.\n"
	    "--b\nContent-Type: application/octet-stream\n"
	    "Content-Disposition: attachment; filename*=utf-8''..%2Fa%0Ab%0D.txt\n\nzz\n"
	    "--b--\n";

	(void)state;
	arena_init(&a, 0);
	assert_int_equal(mail_in_parse(&a, BYTES(msg), &m, &e), 0);
	assert_string_equal(m.from, "eve@example.org");
	/* groups flattened, addresses lower-cased */
	assert_int_equal(m.nto, 3);
	assert_string_equal(m.to[0], "a@example.org");
	assert_string_equal(m.to[1], "b@example.org");
	assert_string_equal(m.to[2], "c@example.org");
	/* one-line values hold no control characters, however encoded */
	assert_null(strpbrk(m.subject, "\n\r\t\x01"));
	assert_non_null(strstr(m.subject, "one"));
	/* CRLF and lone CR become LF; other controls and NUL go (the last newline is the boundary's) */
	assert_string_equal(m.text, "line one\nline two\nline three.");
	/* a file name stays one line of the attachments column; the office still allow-lists it */
	assert_string_equal(m.parts[1].filename, "../a_b_.txt");
	assert_int_equal(m.parts[1].attachment, 1);
	assert_int_equal(m.parts[1].len, 2);	/* "zz": the newline is the boundary's */
	arena_release(&a);
}

/* R55: a message that is not mail, or whose header is garbage, is refused with a sentence. */
static void
test_parse_malformed(void **state)
{
	static const struct {
		const char	*file;		/* a tests/data/mail file, or NULL for the inline bytes */
		const char	*bytes;
		size_t		 len;
		const char	*sentence;
	} cases[] = {
		{ "empty.eml", NULL, 0, "The message is empty." },
		{ "not-mail.txt", NULL, 0, "This is not an e-mail message: it does not begin with a header field." },
		{ "header-nul.eml", NULL, 0, "The message header contains a NUL byte." },
		{ "header-garbage.eml", NULL, 0, "The message has no From address." },
		{ NULL, BYTES("\x00\x01\x02\x03"), "This is not an e-mail message: it does not begin with a header field." },
		{ NULL, BYTES("Hello Bob,\n\nsee you.\n"), "This is not an e-mail message: it does not begin with a header field." },
		{ NULL, BYTES(": no name\n\nx\n"), "This is not an e-mail message: it does not begin with a header field." },
		{ NULL, BYTES("From bob Fri Nov 27 2026\n"), "This is not an e-mail message: it does not begin with a header field." },
		{ NULL, BYTES("Subject: no sender\n\nbody\n"), "The message has no From address." },
		{ NULL, BYTES("From: undisclosed\n\nbody\n"), "The message has no From address." },
		{ NULL, BYTES("From: <>\n\nbody\n"), "The message has no From address." },
		{ NULL, BYTES("From: a@example.org\nX: \x00\n\nbody\n"), "The message header contains a NUL byte." },
	};
	struct arena a;
	struct mail_in m;
	struct err e;
	char path[256];
	size_t i, len;
	char *raw;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		arena_init(&a, 0);
		memset(&e, 0, sizeof(e));
		if (cases[i].file != NULL) {
			snprintf(path, sizeof(path), DATA "%s", cases[i].file);
			raw = slurp(path, &len);
		} else {
			len = cases[i].len;
			raw = malloc(len + 1);
			memcpy(raw, cases[i].bytes, len);
		}
		if (mail_in_parse(&a, raw, len, &m, &e) != -1)
			fail_msg("case %zu parsed", i);
		assert_int_equal(e.status, 400);
		assert_string_equal(e.msg, cases[i].sentence);
		free(raw);
		arena_release(&a);
	}
}

/* A body, a NUL in it, binary parts, and a message with no body at all are fine: only headers must be text. */
static void
test_parse_odd_but_fine(void **state)
{
	static const char nul_body[] = "From: a@example.org\n\nbody\x00with NUL\n";
	static const char no_body[] = "From: a@example.org\nSubject: only headers";
	static const char bad_b64[] = "From: a@example.org\nContent-Transfer-Encoding: base64\n\n!!!!aGk=@@@\n";
	static const char bad_charset[] = "From: a@example.org\nContent-Type: text/plain; charset=x-no-such\n\ncaf\xe9\n";
	static const char bad_utf8[] = "From: a@example.org\nContent-Type: text/plain; charset=utf-8\n\ncaf\xe9\n";
	static const char obsolete[] = "From : Old Mailer <OLD@EXAMPLE.ORG>\r\nSubject :\r\n  folded\r\n\r\nbody\r\n";
	struct arena a;
	struct mail_in m;
	struct err e = { 0 };

	(void)state;
	arena_init(&a, 0);
	/* "From :" is a header field in obsolete syntax, not an mbox line */
	assert_int_equal(mail_in_parse(&a, BYTES(obsolete), &m, &e), 0);
	assert_string_equal(m.from, "old@example.org");
	assert_string_equal(m.subject, "folded");
	assert_string_equal(m.text, "body\n");
	assert_int_equal(mail_in_parse(&a, BYTES(nul_body), &m, &e), 0);
	assert_string_equal(m.text, "bodywith NUL\n");
	assert_int_equal(mail_in_parse(&a, BYTES(no_body), &m, &e), 0);
	assert_string_equal(m.subject, "only headers");
	assert_string_equal(m.text, "");
	assert_int_equal(mail_in_parse(&a, BYTES(bad_b64), &m, &e), 0);
	assert_string_equal(m.text, "hi");
	assert_int_equal(mail_in_parse(&a, BYTES(bad_charset), &m, &e), 0);
	assert_string_equal(m.text, "caf\xc3\xa9\n");
	assert_int_equal(mail_in_parse(&a, BYTES(bad_utf8), &m, &e), 0);
	assert_string_equal(m.text, "caf\xc3\xa9\n");
	arena_release(&a);
}

/* The parts limit at limit-1, limit, limit+1. */
static void
test_parse_parts_limit(void **state)
{
	struct arena a;
	struct mail_in m;
	struct err e = { 0 };
	struct buf b;
	size_t n, i;

	(void)state;
	for (n = MAIL_IN_PARTS_MAX - 1; n <= MAIL_IN_PARTS_MAX + 1; n++) {
		arena_init(&a, 0);
		buf_init(&b, &a, 0);
		buf_puts(&b, "From: a@example.org\nContent-Type: multipart/mixed; boundary=z\n\n");
		for (i = 0; i < n; i++)
			buf_printf(&b, "--z\nContent-Type: text/plain\n\npart %zu\n", i);
		buf_puts(&b, "--z--\n");
		assert_int_equal(buf_finish(&b, NULL), 0);
		memset(&e, 0, sizeof(e));
		if (n <= MAIL_IN_PARTS_MAX) {
			assert_int_equal(mail_in_parse(&a, b.data, b.len, &m, &e), 0);
			assert_int_equal(m.nparts, n);
			assert_string_equal(m.text, "part 0");
		} else {
			assert_int_equal(mail_in_parse(&a, b.data, b.len, &m, &e), -1);
			assert_int_equal(e.status, 400);
			assert_string_equal(e.msg, "The message has more than 1000 MIME parts.");
		}
		arena_release(&a);
	}
}

/* Deep multipart nesting: GMime's parser recurses, and stops nesting at 1024 levels (what lies deeper
 * is not reached). Neither depth may cost a crash. */
static void
test_parse_deep_nesting(void **state)
{
	static const size_t depths[] = { 1000, 5000 };
	struct arena a;
	struct mail_in m;
	struct err e = { 0 };
	struct buf b;
	size_t i, d;

	(void)state;
	for (d = 0; d < sizeof(depths) / sizeof(depths[0]); d++) {
		arena_init(&a, 0);
		buf_init(&b, &a, 0);
		buf_puts(&b, "From: a@example.org\n");
		for (i = 0; i < depths[d]; i++)
			buf_printf(&b, "Content-Type: multipart/mixed; boundary=b%zu\n\n--b%zu\n", i, i);
		buf_puts(&b, "Content-Type: text/plain\n\ndeep\n");
		for (i = depths[d]; i-- > 0;)
			buf_printf(&b, "--b%zu--\n", i);
		assert_int_equal(buf_finish(&b, NULL), 0);
		assert_int_equal(mail_in_parse(&a, b.data, b.len, &m, &e), 0);
		if (depths[d] < 1024) {
			assert_int_equal(m.nparts, 1);
			assert_string_equal(m.text, "deep");
		}
		arena_release(&a);
	}
}

/* ---- accepting, on a real database ---- */

static char path[64];

static int
setup(void **state)
{
	if ((*state = test_db_new(path, sizeof(path), "mailin")) == NULL)
		return -1;
	office_says = SAYS_TAKEN;
	office_calls = 0;
	return 0;
}

static int
teardown(void **state)
{
	struct db *db = *state;

	test_db_free(&db, path);
	return 0;
}


/* One column of the newest inbox row, as text. */
static const char *
col(struct db *db, struct arena *a, const char *sql)
{
	struct err e = { 0 };
	struct db_stmt *s = db_query(db, &e, sql, "");
	const char *v;

	assert_non_null(s);
	assert_int_equal(db_step(s, &e), 1);
	v = arena_strdup(a, db_col_text(s, 0));
	db_done(s);
	return v;
}

static int
accept_file(struct db *db, struct arena *a, const char *name, size_t max, const char *from, const char *to,
    struct err *e)
{
	char p[256];
	size_t len;
	char *raw;
	int rc;

	snprintf(p, sizeof(p), DATA "%s", name);
	raw = slurp(p, &len);
	memset(e, 0, sizeof(*e));
	rc = mail_in_accept(db, a, raw, len, max ? max : len, from, to, e);
	free(raw);
	return rc;
}

static const char *
hex(struct arena *a, const char *p, size_t len)
{
	static const char digits[] = "0123456789ABCDEF";
	char *out = arena_alloc(a, 2 * len + 1);
	size_t i;

	assert_non_null(out);
	for (i = 0; i < len; i++) {
		out[2 * i] = digits[(unsigned char)p[i] >> 4];
		out[2 * i + 1] = digits[(unsigned char)p[i] & 15];
	}
	out[2 * len] = '\0';
	return out;
}

#define NEWEST(c)	"SELECT " c " FROM inbox ORDER BY id DESC LIMIT 1"

/* R55, R56: a message to an address no office owns is kept whole and the MTA hears 67. */
static void
test_accept_stores_unknown_recipient(void **state)
{
	struct db *db = *state;
	struct arena a;
	struct err e;
	size_t len;
	char *raw;

	arena_init(&a, 0);
	assert_int_equal(accept_file(db, &a, "mixed-attachment.eml", 1u << 20, "Ann@Example.org",
	    "Submission@Example.org", &e), MAIL_IN_NOUSER);
	assert_int_equal(e.status, 404);
	assert_string_equal(e.msg, "Nobody here receives mail for submission@example.org.");
	assert_int_equal(test_count(db, "SELECT count(*) FROM inbox"), 1);
	assert_string_equal(col(db, &a, NEWEST("message_id")), "<5f0e1c2a-7d4b-4e8a-9c3f-1a2b3c4d5e6f@example.org>");
	assert_string_equal(col(db, &a, NEWEST("envelope_from")), "Ann@Example.org");	/* as the MTA gave it */
	assert_string_equal(col(db, &a, NEWEST("recipient")), "submission@example.org");
	assert_string_equal(col(db, &a, NEWEST("header_from")), "ann@example.org");
	assert_string_equal(col(db, &a, NEWEST("subject")), "draft-ietf-quic-frobs-07");
	assert_string_equal(col(db, &a, NEWEST("parts")), "2");
	assert_string_equal(col(db, &a, NEWEST("attachments")), "draft-ietf-quic-frobs-07.txt");
	assert_string_equal(col(db, &a, NEWEST("office")), "");
	assert_string_equal(col(db, &a, NEWEST("state")), "kept");
	raw = slurp(DATA "mixed-attachment.eml", &len);
	assert_string_equal(col(db, &a, NEWEST("size")), arena_printf(&a, "%zu", len));
	assert_int_equal(test_count(db, "SELECT count(*) FROM inbox WHERE length(raw) = size"), 1);
	assert_string_equal(col(db, &a, NEWEST("hex(raw)")), hex(&a, raw, len));
	free(raw);
	assert_int_equal(test_count(db, "SELECT count(*) FROM event WHERE object_type = 'inbox' AND verb = 'received' "
	    "AND object_id = (SELECT CAST(max(id) AS TEXT) FROM inbox) AND person_id IS NULL"), 1);
	arena_release(&a);
}

/* The raw bytes are kept exactly, 8-bit and NULs included. */
static void
test_accept_keeps_bytes(void **state)
{
	struct db *db = *state;
	struct arena a;
	struct err e = { 0 };
	static const char msg[] = "From: a@example.org\nSubject: caf\xe9\nMessage-ID: <bytes@x>\n\n\x00\xff\r\n";
	struct db_stmt *s;

	arena_init(&a, 0);
	assert_int_equal(mail_in_accept(db, &a, BYTES(msg), 4096, "", "nobody@example.org", &e), MAIL_IN_NOUSER);
	s = db_query(db, &e, "SELECT raw, subject FROM inbox", "");
	assert_non_null(s);
	assert_int_equal(db_step(s, &e), 1);
	assert_string_equal(db_col_text(s, 1), "caf\xc3\xa9");
	db_done(s);
	assert_int_equal(test_count(db, "SELECT length(raw) FROM inbox"), sizeof(msg) - 1);
	assert_string_equal(col(db, &a, "SELECT hex(raw) FROM inbox"), hex(&a, BYTES(msg)));
	arena_release(&a);
}

/* A second delivery of one Message-ID (another MX, other trace headers) is accepted and changes nothing. */
static void
test_accept_duplicate(void **state)
{
	struct db *db = *state;
	struct arena a;
	struct err e;

	arena_init(&a, 0);
	assert_int_equal(accept_file(db, &a, "plain.eml", 0, NULL, "submission@example.org", &e), MAIL_IN_NOUSER);
	assert_int_equal(accept_file(db, &a, "duplicate.eml", 0, NULL, "submission@example.org", &e), MAIL_IN_OK);
	assert_int_equal(e.status, 0);
	assert_string_equal(e.code, "duplicate");
	assert_string_equal(e.msg, "Already have message <20261127065150.12345@mail.example.org> (inbox row 1); nothing to do.");
	assert_int_equal(accept_file(db, &a, "plain.eml", 0, NULL, NULL, &e), MAIL_IN_OK);
	assert_int_equal(test_count(db, "SELECT count(*) FROM inbox"), 1);
	assert_int_equal(test_count(db, "SELECT count(*) FROM event WHERE object_type = 'inbox'"), 1);
	/* without a Message-ID, the same bytes are the same message */
	assert_int_equal(accept_file(db, &a, "no-message-id.eml", 0, NULL, NULL, &e), MAIL_IN_NOUSER);
	assert_int_equal(accept_file(db, &a, "no-message-id.eml", 0, NULL, NULL, &e), MAIL_IN_OK);
	assert_string_equal(e.code, "duplicate");
	assert_int_equal(test_count(db, "SELECT count(*) FROM inbox"), 2);
	assert_int_equal(test_count(db, "SELECT count(*) FROM inbox WHERE message_id LIKE '%@idtracker.invalid>'"), 1);
	arena_release(&a);
}

/* The size limit at limit-1, limit, limit+1; over it nothing is stored. */
static void
test_accept_size_limit(void **state)
{
	struct db *db = *state;
	struct arena a;
	struct err e;
	size_t len;
	char *raw;

	arena_init(&a, 0);
	raw = slurp(DATA "plain.eml", &len);
	memset(&e, 0, sizeof(e));
	assert_int_equal(mail_in_accept(db, &a, raw, len, len - 1, NULL, NULL, &e), MAIL_IN_DATAERR);
	assert_int_equal(e.status, 413);
	assert_string_equal(e.msg, arena_printf(&a, "The message is %zu bytes; the limit is %zu bytes.", len, len - 1));
	assert_int_equal(test_count(db, "SELECT count(*) FROM inbox"), 0);
	assert_int_equal(test_count(db, "SELECT count(*) FROM event"), 0);
	assert_int_equal(mail_in_accept(db, &a, raw, len, len, NULL, NULL, &e), MAIL_IN_NOUSER);
	assert_int_equal(test_count(db, "SELECT count(*) FROM inbox"), 1);
	assert_int_equal(mail_in_accept(db, &a, raw, len, len + 1, NULL, NULL, &e), MAIL_IN_OK);	/* duplicate */
	free(raw);
	arena_release(&a);
}

/* R55: refusals (65) store nothing and write no event. */
static void
test_accept_malformed_stores_nothing(void **state)
{
	static const char *const files[] = { "empty.eml", "not-mail.txt", "header-nul.eml", "header-garbage.eml" };
	struct db *db = *state;
	struct arena a;
	struct err e;
	size_t i;

	arena_init(&a, 0);
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		assert_int_equal(accept_file(db, &a, files[i], 4096, NULL, "submission@example.org", &e), MAIL_IN_DATAERR);
		assert_int_equal(e.status, 400);
		assert_true(e.msg[0] != '\0');
	}
	assert_int_equal(test_count(db, "SELECT count(*) FROM inbox"), 0);
	assert_int_equal(test_count(db, "SELECT count(*) FROM event"), 0);
	arena_release(&a);
}

/* Without --to the first To (else Cc) address is the recipient; without --from the mbox line's sender. */
static void
test_accept_recipient_and_sender_defaults(void **state)
{
	struct db *db = *state;
	struct arena a;
	struct err e = { 0 };
	static const char cc_only[] = "From: a@example.org\nCc: Team <TEAM@example.org>\nMessage-ID: <cc@x>\n\nx\n";
	static const char nobody[] = "From: a@example.org\nMessage-ID: <none@x>\n\nx\n";

	arena_init(&a, 0);
	assert_int_equal(accept_file(db, &a, "mbox-from-line.eml", 0, NULL, NULL, &e), MAIL_IN_NOUSER);
	/* Postfix writes "From sender  date"; the sender is the first word */
	assert_string_equal(col(db, &a, NEWEST("envelope_from")), "bounce+ann=example.org@lists.example.org");
	assert_string_equal(col(db, &a, NEWEST("recipient")), "submission@example.org");
	assert_int_equal(mail_in_accept(db, &a, BYTES(cc_only), 4096, NULL, NULL, &e), MAIL_IN_NOUSER);
	assert_string_equal(col(db, &a, NEWEST("recipient")), "team@example.org");
	assert_string_equal(col(db, &a, NEWEST("envelope_from")), "");
	assert_int_equal(mail_in_accept(db, &a, BYTES(nobody), 4096, NULL, NULL, &e), MAIL_IN_NOUSER);
	assert_string_equal(e.msg, "The message names no recipient.");
	assert_string_equal(col(db, &a, NEWEST("recipient")), "");
	arena_release(&a);
}

/* The office takes the message: state handled, after the inbox row was committed (no transaction open). */
static void
test_dispatch_handled(void **state)
{
	struct db *db = *state;
	struct arena a;
	struct err e;

	arena_init(&a, 0);
	assert_int_equal(accept_file(db, &a, "plain.eml", 0, NULL, "Office@Example.ORG", &e), MAIL_IN_OK);
	assert_string_equal(e.msg, "");
	assert_int_equal(office_calls, 1);
	assert_int_equal(office_saw_tx, 0);
	assert_string_equal(col(db, &a, NEWEST("office")), "test");
	assert_string_equal(col(db, &a, NEWEST("state")), "handled");
	assert_int_equal(test_count(db, "SELECT count(*) FROM event WHERE object_type = 'inbox' AND verb IN ('received', 'handled')"), 2);
	/* a duplicate of a handled message goes nowhere */
	assert_int_equal(accept_file(db, &a, "duplicate.eml", 0, NULL, "office@example.org", &e), MAIL_IN_OK);
	assert_string_equal(e.code, "duplicate");
	assert_int_equal(office_calls, 1);
	arena_release(&a);
}

/* The office refuses: 65 with its sentence, which the row keeps as its note. */
static void
test_dispatch_rejected(void **state)
{
	struct db *db = *state;
	struct arena a;
	struct err e;

	arena_init(&a, 0);
	office_says = SAYS_REFUSED;
	assert_int_equal(accept_file(db, &a, "plain.eml", 0, NULL, "office@example.org", &e), MAIL_IN_DATAERR);
	assert_int_equal(e.status, 422);
	assert_string_equal(e.msg, "The attachment is not an Internet-Draft.");
	assert_string_equal(col(db, &a, NEWEST("state")), "rejected");
	assert_string_equal(col(db, &a, NEWEST("note")), "The attachment is not an Internet-Draft.");
	assert_int_equal(test_count(db, "SELECT count(*) FROM event WHERE verb = 'rejected' AND detail = 'The attachment is not an Internet-Draft.'"), 1);
	arena_release(&a);
}

/* The office asks for later: 75, the row stays kept, and the MTA's retry reaches the office again. */
static void
test_dispatch_tempfail_then_retry(void **state)
{
	struct db *db = *state;
	struct arena a;
	struct err e;

	arena_init(&a, 0);
	office_says = SAYS_LATER;
	assert_int_equal(accept_file(db, &a, "plain.eml", 0, NULL, "office@example.org", &e), MAIL_IN_TEMPFAIL);
	assert_int_equal(e.status, 503);
	assert_string_equal(col(db, &a, NEWEST("state")), "kept");
	assert_string_equal(col(db, &a, NEWEST("office")), "test");
	office_says = SAYS_TAKEN;
	assert_int_equal(accept_file(db, &a, "plain.eml", 0, NULL, "office@example.org", &e), MAIL_IN_OK);
	assert_int_equal(office_calls, 2);
	assert_string_equal(col(db, &a, NEWEST("state")), "handled");
	assert_int_equal(test_count(db, "SELECT count(*) FROM inbox"), 1);
	arena_release(&a);
}

/* An office that forgets its transaction open is a bug, rolled back and answered 75, not a stuck connection. */
static void
test_dispatch_office_leaves_transaction(void **state)
{
	struct db *db = *state;
	struct arena a;
	struct err e;

	arena_init(&a, 0);
	office_says = SAYS_LEAVES_TX_OPEN;
	assert_int_equal(accept_file(db, &a, "plain.eml", 0, NULL, "office@example.org", &e), MAIL_IN_TEMPFAIL);
	assert_int_equal(e.status, 500);
	assert_int_equal(db_in_transaction(db), 0);
	assert_string_equal(col(db, &a, NEWEST("state")), "kept");
	arena_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_plain),
		cmocka_unit_test(test_parse_alternative),
		cmocka_unit_test(test_parse_mixed_attachment),
		cmocka_unit_test(test_parse_encoded_utf8),
		cmocka_unit_test(test_parse_encoded_latin1),
		cmocka_unit_test(test_parse_raw_8bit),
		cmocka_unit_test(test_parse_html_only),
		cmocka_unit_test(test_parse_apple_inline_rfc2231),
		cmocka_unit_test(test_parse_generated_id),
		cmocka_unit_test(test_parse_message_id_limit),
		cmocka_unit_test(test_parse_cleans_headers),
		cmocka_unit_test(test_parse_malformed),
		cmocka_unit_test(test_parse_odd_but_fine),
		cmocka_unit_test(test_parse_parts_limit),
		cmocka_unit_test(test_parse_deep_nesting),
		cmocka_unit_test_setup_teardown(test_accept_stores_unknown_recipient, setup, teardown),
		cmocka_unit_test_setup_teardown(test_accept_keeps_bytes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_accept_duplicate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_accept_size_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_accept_malformed_stores_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_accept_recipient_and_sender_defaults, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dispatch_handled, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dispatch_rejected, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dispatch_tempfail_then_retry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dispatch_office_leaves_transaction, setup, teardown),
	};

	/* The unknown-recipient warnings are expected here; the assertions check what they stand for. */
	log_set_level(LOG_ERROR);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
