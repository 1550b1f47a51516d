/* test_draft_name.c: Internet-Draft names (R14, R22, R88, R89; the Datatracker's name rule). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "draft/draft.h"

static const char *const groups[] = { "quic", "httpbis", "tls", NULL };

static void
test_valid_names(void **state)
{
	static const struct { const char *in; int need_rev; const char *name, *rev, *group; int wg; } cases[] = {
		{ "draft-ietf-quic-transport-07", 1, "draft-ietf-quic-transport", "07", "quic", 1 },
		{ "draft-ietf-quic-transport-07.txt", 1, "draft-ietf-quic-transport", "07", "quic", 1 },
		{ "/tmp/x/draft-ietf-quic-transport-34.xml", 1, "draft-ietf-quic-transport", "34", "quic", 1 },
		{ "draft-nottingham-httpbis-retry-01", 1, "draft-nottingham-httpbis-retry", "01", "httpbis", 0 },
		{ "draft-nottingham-foo-bar-00", 1, "draft-nottingham-foo-bar", "00", "", 0 },
		{ "draft-irtf-cfrg-kangarootwelve-10", 1, "draft-irtf-cfrg-kangarootwelve", "10", "cfrg", 0 },
		{ "draft-ietf-tls-esni", 0, "draft-ietf-tls-esni", "", "tls", 1 },
		{ "C:\\Users\\ann\\draft-ann-foo-00.txt", 1, "draft-ann-foo", "00", "", 0 },
		{ "draft-a1-b", 0, "draft-a1-b", "", "", 0 },
	};
	struct draft_name n;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (draft_name_parse(cases[i].in, groups, cases[i].need_rev, &n) != NAME_OK)
			fail_msg("case %zu refused: %s", i, cases[i].in);
		assert_string_equal(n.name, cases[i].name);
		assert_string_equal(n.rev, cases[i].rev);
		assert_string_equal(n.group, cases[i].group);
		assert_int_equal(n.wg_draft, cases[i].wg);
	}
}

static void
test_refused_names(void **state)
{
	static const struct { const char *in; enum name_result want; } cases[] = {
		{ "rfc9000", NAME_RFC },
		{ "rfc9000.txt", NAME_RFC },
		{ "draft-Ietf-quic-00", NAME_BAD_CHARS },
		{ "draft-ietf_quic-00", NAME_BAD_CHARS },
		{ "draft-1abc-foo-00", NAME_BAD_CHARS },
		{ "draft-ietf--quic-00", NAME_DOUBLE_DASH },
		{ "draft-ietf-quic--00", NAME_DOUBLE_DASH },
		{ "draft-ietf-quic-", NAME_TRAILING_DASH },
		{ "draft-ietf-quic", NAME_NO_REV },
		{ "draft-ietf-quic-1", NAME_NO_REV },
		{ "draft-ietf-quic-100", NAME_NO_REV },
		{ "draft-foo-00", NAME_TOO_FEW_PARTS },
		{ "internet-draft-foo-00", NAME_NOT_DRAFT },
		{ "", NAME_NOT_DRAFT },
		{ "draft-", NAME_BAD_CHARS },
		{ "draft-a/../../etc/passwd", NAME_NOT_DRAFT },	/* only the last path part names */
		{ "C:\\Users\\ann\\draft-ann-foo-00.txt\\..", NAME_NOT_DRAFT },
		{ "draft-a-b c-00", NAME_BAD_CHARS },
	};
	struct draft_name n;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum name_result r = draft_name_parse(cases[i].in, groups, 1, &n);
		if (r != cases[i].want)
			fail_msg("case %zu (%s): got %d (%s), want %d", i, cases[i].in, r, draft_name_error(r), cases[i].want);
		assert_true(strlen(draft_name_error(r)) > 5);
	}
}

static void
test_length_limit(void **state)
{
	char name[80];
	struct draft_name n;

	(void)state;
	/* "draft-" + 44 characters is the longest name (limit); 45 is refused (limit + 1). */
	memset(name, 'a', sizeof(name));
	memcpy(name, "draft-a-", 8);
	name[6 + 44] = '\0';
	assert_int_equal(draft_name_parse(name, NULL, 0, &n), NAME_OK);
	name[6 + 43] = '\0';
	assert_int_equal(draft_name_parse(name, NULL, 0, &n), NAME_OK);
	memset(name, 'a', sizeof(name));
	memcpy(name, "draft-a-", 8);
	name[6 + 45] = '\0';
	assert_int_equal(draft_name_parse(name, NULL, 0, &n), NAME_TOO_LONG);
	memcpy(name + 6 + 45, "-07", 4);
	assert_int_equal(draft_name_parse(name, NULL, 1, &n), NAME_TOO_LONG);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_names),
		cmocka_unit_test(test_refused_names),
		cmocka_unit_test(test_length_limit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
