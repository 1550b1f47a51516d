/* test_mime.c: outgoing messages (src/mail/mime.c) and the template table (src/mail/templates.c):
 * headers refuse CR/LF and bad addresses, non-ASCII is encoded, lines stay within 78 characters,
 * attachments make multipart/mixed, and every template renders. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/err.h"
#include "mail/mime.h"
#include "mail/templates.h"

static void
base(struct mail_msg *m)
{
	memset(m, 0, sizeof(*m));
	m->from = (struct mail_addr){ "idtracker", "noreply@tracker.example.org" };
	m->to[0] = (struct mail_addr){ "Ann Author", "ann@example.org" };
	m->nto = 1;
	m->subject = "Hello";
	m->body = "Line one\nLine two\n";
	m->auto_generated = 1;
}

static int
max_line(const char *s)
{
	int n = 0, max = 0;

	for (; *s; s++) {
		if (*s == '\r' && s[1] == '\n')
			continue;
		if (*s == '\n') {
			n = 0;
			continue;
		}
		if (++n > max)
			max = n;
	}
	return max;
}

/* A long ASCII subject folds as CRLF + SP (RFC 5322 2.2.3), and unfolding gives the text back exactly:
 * a fold without the space made the rest of the header block a body (found in the WG call mail). */
static void
test_subject_fold(void **state)
{
	static const char subject[] = "Call for Adoption: draft-smith-quic-widgets-and-other-things (quic WG, ends 2026-12-11)";
	struct arena a;
	struct mail_msg m;
	struct mail_built b;
	struct err e = { 0 };
	const char *p, *end;
	char unfolded[300];
	size_t n = 0;

	(void)state;
	arena_init(&a, 0);
	base(&m);
	m.subject = subject;
	assert_int_equal(mail_build(&a, &m, "tracker.example.org", 1795766400L, &b, &e), 0);
	p = strstr(b.message, "Subject: ");
	assert_non_null(p);
	p += 9;
	end = strstr(p, "\r\n");
	assert_non_null(end);
	assert_true(end[2] == ' ');	/* it was folded, and the continuation starts with a space */
	for (; !(p[0] == '\r' && p[1] == '\n' && p[2] != ' ' && p[2] != '\t'); p++) {
		if (p[0] == '\r' && p[1] == '\n') {
			p++;
			continue;
		}
		unfolded[n++] = *p;
	}
	unfolded[n] = '\0';
	assert_string_equal(unfolded, subject);
	arena_release(&a);
}

static void
test_plain_message(void **state)
{
	struct arena a;
	struct mail_msg m;
	struct mail_built b;
	struct err e = { 0 };

	(void)state;
	arena_init(&a, 0);
	base(&m);
	assert_int_equal(mail_build(&a, &m, "tracker.example.org", 1795766400L, &b, &e), 0);
	assert_non_null(strstr(b.message, "Date: Fri, 27 Nov 2026 08:00:00 +0000\r\n"));
	assert_non_null(strstr(b.message, "From: \"idtracker\" <noreply@tracker.example.org>\r\n"));
	assert_non_null(strstr(b.message, "To: \"Ann Author\" <ann@example.org>\r\n"));
	assert_non_null(strstr(b.message, "Subject: Hello\r\n"));
	assert_non_null(strstr(b.message, "Auto-Submitted: auto-generated\r\n"));
	assert_non_null(strstr(b.message, "MIME-Version: 1.0\r\n"));
	assert_non_null(strstr(b.message, "\r\n\r\nLine one\r\nLine two\r\n"));
	assert_true(strstr(b.message, b.message_id) != NULL && strstr(b.message_id, "@tracker.example.org>") != NULL);
	assert_string_equal(b.recipients, "ann@example.org");
	arena_release(&a);
}

/* Header injection: every way a value could smuggle a header in is refused, and nothing is built. */
static void
test_injection_refused(void **state)
{
	static const char *const bad_emails[] = { "ann@example.org\r\nBcc: eve@example.org", "ann@example.org\n",
		"<ann@example.org>", "ann", "ann@example", NULL };
	struct arena a;
	struct mail_msg m;
	struct mail_built b;
	struct err e;
	size_t i;

	(void)state;
	arena_init(&a, 0);
	for (i = 0; bad_emails[i]; i++) {
		base(&m);
		m.to[0].email = bad_emails[i];
		memset(&e, 0, sizeof(e));
		assert_int_equal(mail_build(&a, &m, "x.org", 0, &b, &e), -1);
		assert_int_equal(e.status, 400);
		assert_null(b.message);
	}
	base(&m);
	m.subject = "Hi\r\nBcc: eve@example.org";
	assert_int_equal(mail_build(&a, &m, "x.org", 0, &b, &e), -1);
	base(&m);
	m.to[0].name = "Ann\nBcc: eve@example.org";
	assert_int_equal(mail_build(&a, &m, "x.org", 0, &b, &e), -1);
	base(&m);
	m.in_reply_to = "<a@b>\r\nBcc: x@y.org";
	assert_int_equal(mail_build(&a, &m, "x.org", 0, &b, &e), -1);
	base(&m);
	m.nto = 0;
	assert_int_equal(mail_build(&a, &m, "x.org", 0, &b, &e), -1);
	assert_non_null(strstr(e.msg, "no recipient"));
	base(&m);
	m.body = "bad \xc3\x28 utf-8";
	assert_int_equal(mail_build(&a, &m, "x.org", 0, &b, &e), -1);
	arena_release(&a);
}

static void
test_non_ascii_and_line_lengths(void **state)
{
	struct arena a;
	struct mail_msg m;
	struct mail_built b;
	struct err e = { 0 };
	char body[2000];
	size_t i;

	(void)state;
	arena_init(&a, 0);
	base(&m);
	m.subject = "Prüfung: déjà vu — 日本語 and a subject long enough to need several encoded words to fit";
	m.to[0].name = "Zoë Ångström-Lindqvist of the Very Long Organisation Name Society";
	for (i = 0; i < sizeof(body) - 4; i += 3)
		memcpy(body + i, "é=", 3);	/* a 1,300-character line of non-ASCII and '=' */
	body[i] = '\0';
	m.body = body;
	assert_int_equal(mail_build(&a, &m, "x.org", 0, &b, &e), 0);
	assert_non_null(strstr(b.message, "Subject: =?UTF-8?B?"));
	assert_non_null(strstr(b.message, "To: =?UTF-8?B?"));
	assert_non_null(strstr(b.message, "Content-Transfer-Encoding: quoted-printable"));
	assert_non_null(strstr(b.message, "=C3=A9=3D"));
	assert_true(max_line(b.message) <= 78);
	for (i = 0; i < b.len; i++)	/* 7-bit on the wire */
		assert_true((unsigned char)b.message[i] < 0x80);
	arena_release(&a);
}

static void
test_qp_edges(void **state)
{
	struct arena a;
	struct mail_msg m;
	struct mail_built b;
	struct err e = { 0 };

	(void)state;
	arena_init(&a, 0);
	base(&m);
	m.body = "trailing space \n.dot line\nFrom the start\n";
	assert_int_equal(mail_build(&a, &m, "x.org", 0, &b, &e), 0);
	assert_non_null(strstr(b.message, "trailing space=20\r\n"));	/* transports strip trailing blanks */
	assert_non_null(strstr(b.message, "\r\n=2Edot line\r\n"));	/* a leading dot survives SMTP */
	assert_non_null(strstr(b.message, "\r\n=46rom the start\r\n"));	/* and "From " survives mbox */
	arena_release(&a);
}

static void
test_attachments(void **state)
{
	struct arena a;
	struct mail_msg m;
	struct mail_built b;
	struct err e = { 0 };

	(void)state;
	arena_init(&a, 0);
	base(&m);
	m.attach[0] = (struct mail_attachment){ "draft-x-00.txt", "text/plain", "hello", 5 };
	m.nattach = 1;
	assert_int_equal(mail_build(&a, &m, "x.org", 0, &b, &e), 0);
	assert_non_null(strstr(b.message, "Content-Type: multipart/mixed;"));
	assert_non_null(strstr(b.message, "filename=\"draft-x-00.txt\""));
	assert_non_null(strstr(b.message, "aGVsbG8=\r\n"));
	m.attach[0].filename = "../../etc/passwd";
	assert_int_equal(mail_build(&a, &m, "x.org", 0, &b, &e), -1);
	m.attach[0].filename = "a\"b.txt";
	assert_int_equal(mail_build(&a, &m, "x.org", 0, &b, &e), -1);
	arena_release(&a);
}

static void
test_addr_parse(void **state)
{
	struct arena a;
	struct mail_addr ad;

	(void)state;
	arena_init(&a, 0);
	assert_int_equal(mail_addr_parse(&a, "idtracker <noreply@example.org>", &ad), 0);
	assert_string_equal(ad.name, "idtracker");
	assert_string_equal(ad.email, "noreply@example.org");
	assert_int_equal(mail_addr_parse(&a, "\"The Office\" <o@example.org>", &ad), 0);
	assert_string_equal(ad.name, "The Office");
	assert_int_equal(mail_addr_parse(&a, "o@example.org", &ad), 0);
	assert_null(ad.name);
	assert_int_equal(mail_addr_parse(&a, "x <nope>", &ad), -1);
	arena_release(&a);
}

/* Every template renders with its fields, and a missing field is a bug that says which. */
static void
test_templates(void **state)
{
	static const struct mail_field f[] = { { "site", "https://t.example.org" }, { "time", "2026-11-27T00:00:00Z" },
		{ "name", "Ann" }, { "email", "ann@example.org" },
		/* the submission office's */
		{ "draft", "draft-ann-x" }, { "rev", "00" }, { "title", "X" }, { "submitter", "Ann" }, { "why", "y" },
		{ "url", "u" }, { "days", "14" }, { "messages", "none" }, { "id", "1" }, { "status_url", "s" }, { "who", "w" },
		{ "fields", "title" }, { "note", "n" }, { "estimate", "e" }, { "group_line", "" }, { "authors", "Ann" },
		{ "pages", "3" }, { "date", "2026-11-27" }, { "abstract", "A." }, { "files", "f" }, { "diff_line", "" },
		{ "group", "Individual" }, { "secretariat", "s@example.org" }, { "reason", "" }, { "subject", "post" },
		{ "address", "submit@example.org" }, { "outcome", "posted" },
		/* the liaison office's */
		{ "from", "ITU-T SG15" }, { "to", "ccamp" }, { "purpose", "For action" }, { "submitted", "2026-11-27" },
		{ "from_contact", "a@example.org" }, { "body", "B." }, { "deadline_line", "" }, { "assignee", "Ann" },
		{ "when", "in 7 days" },
		/* the WG document office's */
		{ "what", "adopted" }, { "comment", "c" }, { "by", "Ann" }, { "kind", "adoption" }, { "text", "Dear WG, this is a call for adoption." },
		{ "ends", "2026-12-11" }, { "summary", "Rough consensus." } };
	struct arena a;
	const char *subject, *body;
	struct err e = { 0 };
	int t;

	(void)state;
	arena_init(&a, 0);
	for (t = 0; t < TPL__MAX; t++) {
		if (mail_template_render(&a, (enum mail_template)t, f, sizeof(f) / sizeof(f[0]), &subject, &body, &e) != 0)
			fail_msg("template %s: %s", mail_templates[t].name, e.msg);
		assert_null(strchr(subject, '{'));
		assert_null(strchr(body, '{'));
		assert_true(strlen(body) > 20);
	}
	assert_int_equal(mail_template_render(&a, TPL_PASSWORD_CHANGED, f, 2, &subject, &body, &e), -1);
	assert_non_null(strstr(e.msg, "{name}"));
	arena_release(&a);
}

/* The offices' recipient lists (liaison L4, submission, WG mails): valid addresses only, each once
 * whatever its case, display names kept, at most MAIL_RCPT_MAX, a CR/LF-carrying entry left out. */
static void
test_rcpts(void **state)
{
	struct mail_rcpts r = { .n = 0 };
	struct arena a;
	char many[MAIL_RCPT_MAX + 5][32];
	size_t i;

	(void)state;
	arena_init(&a, 0);
	mail_rcpts_add(&r, "Ann Author", "ann@example.org");
	mail_rcpts_add(&r, "Ann Again", "ANN@Example.org");
	mail_rcpts_add(&r, "", "bob@example.org");
	mail_rcpts_add(&r, "Nobody", "not an address");
	mail_rcpts_add(&r, "Nobody", NULL);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.a[0].name, "Ann Author");
	assert_null(r.a[1].name);
	mail_rcpts_add_list(&a, &r, "\"Cy Chair\" <cy@example.org>, bob@example.org,, Dee <dee@example.org>, "
	    "evil@example.org\r\nBcc: x@example.org, junk <>");
	assert_int_equal(r.n, 4);
	assert_string_equal(r.a[2].name, "Cy Chair");
	assert_string_equal(r.a[2].email, "cy@example.org");
	assert_string_equal(r.a[3].name, "Dee");
	assert_string_equal(r.a[3].email, "dee@example.org");
	mail_rcpts_add_list(&a, &r, NULL);
	assert_int_equal(r.n, 4);
	assert_string_equal(mail_rcpts_emails(&a, &r), "ann@example.org, bob@example.org, cy@example.org, dee@example.org");
	for (i = 0; i < sizeof(many) / sizeof(many[0]); i++) {
		snprintf(many[i], sizeof(many[i]), "p%zu@example.org", i);
		mail_rcpts_add(&r, NULL, many[i]);
	}
	assert_int_equal(r.n, MAIL_RCPT_MAX);
	arena_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_message),
		cmocka_unit_test(test_subject_fold),
		cmocka_unit_test(test_injection_refused),
		cmocka_unit_test(test_non_ascii_and_line_lengths),
		cmocka_unit_test(test_qp_edges),
		cmocka_unit_test(test_attachments),
		cmocka_unit_test(test_addr_parse),
		cmocka_unit_test(test_rcpts),
		cmocka_unit_test(test_templates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
