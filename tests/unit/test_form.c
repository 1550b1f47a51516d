/* test_form.c: urlencoded and multipart parsing, limits at limit-1/limit/limit+1, and typed
 * field validation (src/http/form.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/err.h"
#include "http/form.h"

static const struct form_limits lim = { 4, 16 };

static void
test_urlencoded_decoding(void **state)
{
	struct arena a;
	struct form f;
	struct err e = { 0 };
	const char *body = "email=ann%40example.org&name=Ann+B%C3%B6hm&empty=&flag&&x=%3Cb%3E";

	(void)state;
	arena_init(&a, 0);
	assert_int_equal(form_parse_urlencoded(&a, body, strlen(body), &(struct form_limits){ 8, 64 }, &f, &e), 0);
	assert_int_equal(f.n, 5);
	assert_string_equal(form_value(&f, "email"), "ann@example.org");
	assert_string_equal(form_value(&f, "name"), "Ann B\xc3\xb6hm");
	assert_string_equal(form_value(&f, "empty"), "");
	assert_string_equal(form_value(&f, "flag"), "");
	assert_string_equal(form_value(&f, "x"), "<b>");
	assert_null(form_value(&f, "missing"));
	arena_release(&a);
}

static void
test_urlencoded_bad_escapes(void **state)
{
	static const char *const bad[] = { "a=%", "a=%4", "a=%zz", "a=b%g1", "%=1" };
	struct arena a;
	struct form f;
	struct err e;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		arena_init(&a, 0);
		memset(&e, 0, sizeof(e));
		assert_int_equal(form_parse_urlencoded(&a, bad[i], strlen(bad[i]), &lim, &f, &e), -1);
		assert_int_equal(e.status, 400);
		arena_release(&a);
	}
}

static void
test_urlencoded_limits(void **state)
{
	struct arena a;
	struct form f;
	struct err e = { 0 };

	(void)state;
	arena_init(&a, 0);
	/* fields: limit - 1, limit, limit + 1 */
	assert_int_equal(form_parse_urlencoded(&a, "a=1&b=2&c=3", 11, &lim, &f, &e), 0);
	assert_int_equal(form_parse_urlencoded(&a, "a=1&b=2&c=3&d=4", 15, &lim, &f, &e), 0);
	assert_int_equal(form_parse_urlencoded(&a, "a=1&b=2&c=3&d=4&e=5", 19, &lim, &f, &e), -1);
	assert_int_equal(e.status, 400);
	/* field size: 15, 16, 17 bytes */
	assert_int_equal(form_parse_urlencoded(&a, "v=123456789012345", 17, &lim, &f, &e), 0);
	assert_int_equal(form_parse_urlencoded(&a, "v=1234567890123456", 18, &lim, &f, &e), 0);
	assert_int_equal(form_parse_urlencoded(&a, "v=12345678901234567", 19, &lim, &f, &e), -1);
	assert_int_equal(e.status, 413);
	arena_release(&a);
}

#define CT "multipart/form-data; boundary=XyZ"

static void
test_multipart_fields_and_files(void **state)
{
	static const char body[] =
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"title\"\r\n\r\n"
	    "A <title>\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"txt\"; filename=\"draft-ietf-quic-x-00.txt\"\r\n"
	    "Content-Type: text/plain\r\n\r\n"
	    "line one\r\n--XyZnot a boundary\r\nline three\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"q\"; filename=\"a;b\\\"c.txt\"\r\n\r\n"
	    "\r\n"
	    "--XyZ--\r\n";
	struct arena a;
	struct form f;
	struct err e = { 0 };
	const struct form_field *fl;

	(void)state;
	arena_init(&a, 0);
	assert_int_equal(form_parse_multipart(&a, CT, body, sizeof(body) - 1, &(struct form_limits){ 8, 64 }, &f, &e), 0);
	assert_int_equal(f.n, 3);
	assert_string_equal(form_value(&f, "title"), "A <title>");
	fl = form_get(&f, "txt");
	assert_non_null(fl);
	assert_string_equal(fl->filename, "draft-ietf-quic-x-00.txt");
	assert_string_equal(fl->content_type, "text/plain");
	assert_int_equal(fl->len, strlen("line one\r\n--XyZnot a boundary\r\nline three"));
	assert_memory_equal(fl->value, "line one\r\n--XyZnot", 18);
	assert_null(form_value(&f, "txt"));	/* files are not text values */
	fl = form_get(&f, "q");
	assert_string_equal(fl->filename, "a;b\"c.txt");
	assert_int_equal(fl->len, 0);
	arena_release(&a);
}

static void
test_multipart_malformed(void **state)
{
	static const struct { const char *ct, *body; int status; } cases[] = {
		{ "multipart/form-data", "--XyZ\r\n\r\n--XyZ--", 400 },			/* no boundary */
		{ CT, "no delimiter at all", 400 },
		{ CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated", 400 },
		{ CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"", 400 },
		{ CT, "--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--", 400 },	/* no disposition */
		{ CT, "--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--", 400 },	/* no name */
		{ CT, "--XyZgarbage", 400 },
		{ CT, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n12345678901234567\r\n--XyZ--", 413 },
	};
	struct arena a;
	struct form f;
	struct err e;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		arena_init(&a, 0);
		memset(&e, 0, sizeof(e));
		if (form_parse_multipart(&a, cases[i].ct, cases[i].body, strlen(cases[i].body), &lim, &f, &e) != -1 ||
		    e.status != cases[i].status)
			fail_msg("case %zu: status %d, %s", i, e.status, e.msg);
		arena_release(&a);
	}
}

static void
test_multipart_field_count(void **state)
{
	static const char part[] = "--XyZ\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nv\r\n";
	char body[1024];
	struct arena a;
	struct form f;
	struct err e = { 0 };
	size_t n;

	(void)state;
	for (n = 3; n <= 5; n++) {	/* limit - 1, limit, limit + 1 */
		size_t i;
		body[0] = '\0';
		for (i = 0; i < n; i++)
			strcat(body, part);
		strcat(body, "--XyZ--\r\n");
		arena_init(&a, 0);
		assert_int_equal(form_parse_multipart(&a, CT, body, strlen(body), &lim, &f, &e), n <= 4 ? 0 : -1);
		arena_release(&a);
	}
}

static void
test_form_read_types(void **state)
{
	static const struct field_decl d[] = {
		{ "email", FT_EMAIL, 1, 0, 254, "E-mail" },
		{ "n", FT_INT, 0, 1, 10, "Count" },
		{ "slug", FT_SLUG, 0, 0, 20, "Acronym" },
		{ "title", FT_TEXT, 0, 2, 10, "Title" },
	};
	static const struct { const char *body; int rc; const char *needle; } cases[] = {
		{ "email=+Ann%40Example.ORG+&n=10&slug=quic&title=ok", 0, NULL },
		{ "n=3", -1, "E-mail is required." },
		{ "email=not-an-address", -1, "not a valid e-mail address" },
		{ "email=a%40b.org%0d%0aBcc%3a+x%40y.org", -1, "not allowed" },
		{ "email=a%40b.org&n=11", -1, "from 1 to 10" },
		{ "email=a%40b.org&n=0", -1, "from 1 to 10" },
		{ "email=a%40b.org&n=1x", -1, "whole number" },
		{ "email=a%40b.org&slug=QUIC", -1, "lower-case" },
		{ "email=a%40b.org&slug=..%2fetc", -1, "lower-case" },
		{ "email=a%40b.org&title=x", -1, "at least 2" },
		{ "email=a%40b.org&title=12345678901", -1, "at most 10" },
		{ "email=a%40b.org&title=a%00b", -1, "not allowed" },
		{ "email=a%40b.org&title=%c3%28", -1, "not allowed" },	/* invalid UTF-8 */
	};
	struct field_value v[4];
	struct arena a;
	struct form f;
	struct err e;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		arena_init(&a, 0);
		memset(&e, 0, sizeof(e));
		assert_int_equal(form_parse_urlencoded(&a, cases[i].body, strlen(cases[i].body),
		    &(struct form_limits){ 16, 256 }, &f, &e), 0);
		if (form_read(&a, &f, d, 4, v, &e) != cases[i].rc ||
		    (cases[i].needle && strstr(e.msg, cases[i].needle) == NULL))
			fail_msg("case %zu: %s", i, e.msg);
		if (i == 0) {
			assert_string_equal(v[0].s, "ann@example.org");	/* trimmed, lower-cased */
			assert_int_equal(v[1].i, 10);
			assert_string_equal(v[2].s, "quic");
		}
		arena_release(&a);
	}
}

static void
test_email_allow_list(void **state)
{
	static const struct { const char *s; int ok; } cases[] = {
		{ "ann@example.org", 1 }, { "a.b+c@sub.example.org", 1 }, { "x@ietf.org", 1 },
		{ "ann@example", 0 }, { "@example.org", 0 }, { "ann@", 0 }, { "ann@.org", 0 },
		{ "ann@exa mple.org", 0 }, { "an n@example.org", 0 }, { "ann@example.org.", 0 },
		{ "a..b@example.org", 0 }, { "ann@-x.org", 0 }, { "ann@x-.org", 0 }, { "<a>@example.org", 0 },
		{ "ann@example.org\r\n", 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (idt_email_valid(cases[i].s) != cases[i].ok)
			fail_msg("case %zu: %s", i, cases[i].s);
}

static void
test_json_bodies(void **state)
{
	static const struct { const char *body; int rc, status; } cases[] = {
		{ "{\"label\":\"ci\",\"n\":3,\"on\":true,\"off\":false,\"skip\":null}", 0, 0 },
		{ "{\"label\":", -1, 400 },
		{ "[1,2]", -1, 400 },
		{ "{\"a\":{\"b\":1}}", -1, 400 },
		{ "{\"a\":[1]}", -1, 400 },
		{ "{\"a\":1.5}", -1, 400 },
		{ "{\"a\":\"1\",\"a\":\"2\"}", -1, 400 },	/* duplicate keys */
		{ "{\"a\":\"12345678901234567\"}", -1, 413 },	/* max_field + 1 */
		{ "{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5}", -1, 400 },	/* max_fields + 1 */
	};
	struct arena a;
	struct form f;
	struct err e;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		arena_init(&a, 0);
		memset(&e, 0, sizeof(e));
		if (form_parse_json(&a, cases[i].body, strlen(cases[i].body), i == 0 ? &(struct form_limits){ 8, 64 } : &lim,
		    &f, &e) != cases[i].rc || e.status != cases[i].status)
			fail_msg("case %zu: %d %s", i, e.status, e.msg);
		if (i == 0) {
			assert_int_equal(f.n, 4);
			assert_string_equal(form_value(&f, "label"), "ci");
			assert_string_equal(form_value(&f, "n"), "3");
			assert_string_equal(form_value(&f, "on"), "1");
			assert_string_equal(form_value(&f, "off"), "");
		}
		arena_release(&a);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_urlencoded_decoding),
		cmocka_unit_test(test_urlencoded_bad_escapes),
		cmocka_unit_test(test_urlencoded_limits),
		cmocka_unit_test(test_multipart_fields_and_files),
		cmocka_unit_test(test_multipart_malformed),
		cmocka_unit_test(test_multipart_field_count),
		cmocka_unit_test(test_form_read_types),
		cmocka_unit_test(test_email_allow_list),
		cmocka_unit_test(test_json_bodies),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
