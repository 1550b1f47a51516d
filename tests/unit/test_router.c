/* test_router.c: route matching, parameters and their allow-lists, 405 and slash redirects
 * (src/http/router.c), on a table of its own and on the real one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "http/router.h"
#include "auth/perm.h"
#include "routes.h"

static int h1(struct request *r, struct response *s) { (void)r; (void)s; return 1; }
static int h2(struct request *r, struct response *s) { (void)r; (void)s; return 2; }
static int h3(struct request *r, struct response *s) { (void)r; (void)s; return 3; }

static const struct route table[] = {
	{ M_GET, "/", h1, 0, 0 },
	{ M_GET, "/group/<name>/", h2, 0, 0 },
	{ M_POST, "/group/<name>/", h3, 0, 0 },
	{ M_GET, "/liaison/<int>/", h1, 0, 0 },
	{ M_GET | M_POST, "/doc/<name>/<int>/", h3, 0, 0 },
};
#define N (sizeof(table) / sizeof(table[0]))

static void
test_match_and_params(void **state)
{
	struct route_match m;

	(void)state;
	assert_int_equal(router_match(table, N, M_GET, "/group/quic/", &m), ROUTE_OK);
	assert_ptr_equal(m.route, &table[1]);
	assert_int_equal(m.nparams, 1);
	assert_int_equal(m.param_len[0], 4);
	assert_memory_equal(m.param[0], "quic", 4);
	assert_int_equal(router_match(table, N, M_POST, "/group/quic/", &m), ROUTE_OK);
	assert_ptr_equal(m.route, &table[2]);
	assert_int_equal(router_match(table, N, M_GET, "/doc/draft-ietf-quic-x/12/", &m), ROUTE_OK);
	assert_int_equal(m.nparams, 2);
	assert_memory_equal(m.param[1], "12", 2);
}

static void
test_head_uses_get(void **state)
{
	struct route_match m;

	(void)state;
	assert_int_equal(router_match(table, N, M_HEAD, "/", &m), ROUTE_OK);
	assert_ptr_equal(m.route, &table[0]);
}

static void
test_refusals(void **state)
{
	static const struct { enum method m; const char *path; enum route_result want; } cases[] = {
		{ M_GET, "/nothing/", ROUTE_NOT_FOUND },
		{ M_GET, "/liaison/abc/", ROUTE_NOT_FOUND },		/* <int> takes digits only */
		{ M_GET, "/liaison/007/", ROUTE_NOT_FOUND },		/* no leading zeros */
		{ M_GET, "/liaison/1234567890123456789/", ROUTE_NOT_FOUND },	/* too long for int64 */
		{ M_GET, "/group/../", ROUTE_NOT_FOUND },		/* <name> cannot start with '.' */
		{ M_GET, "/group/a b/", ROUTE_NOT_FOUND },
		{ M_GET, "/group/<x>/", ROUTE_NOT_FOUND },
		{ M_GET, "/group/a/b/", ROUTE_NOT_FOUND },
		{ M_GET, "/group//", ROUTE_NOT_FOUND },
		{ M_GET, "", ROUTE_NOT_FOUND },
		{ M_GET, "group/quic/", ROUTE_NOT_FOUND },
		{ M_DELETE, "/group/quic/", ROUTE_BAD_METHOD },
		{ M_POST, "/", ROUTE_BAD_METHOD },
		{ M_GET, "/group/quic", ROUTE_ADD_SLASH },
		{ M_POST, "/group/quic", ROUTE_NOT_FOUND },		/* never redirect a POST */
	};
	struct route_match m;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (router_match(table, N, cases[i].m, cases[i].path, &m) != cases[i].want)
			fail_msg("case %zu (%s)", i, cases[i].path);
}

static void
test_allow_lists_every_method(void **state)
{
	struct route_match m;
	char allow[80];

	(void)state;
	assert_int_equal(router_match(table, N, M_PUT, "/group/quic/", &m), ROUTE_BAD_METHOD);
	method_allow_header(m.allow, allow, sizeof(allow));
	assert_string_equal(allow, "GET, HEAD, POST");
}

static void
test_segment_length_limit(void **state)
{
	char path[400];
	struct route_match m;

	(void)state;
	memset(path, 'a', sizeof(path));
	memcpy(path, "/group/", 7);
	path[7 + ROUTE_SEGMENT_MAX] = '/';	/* limit: accepted */
	path[8 + ROUTE_SEGMENT_MAX] = '\0';
	assert_int_equal(router_match(table, N, M_GET, path, &m), ROUTE_OK);
	memset(path + 7, 'a', ROUTE_SEGMENT_MAX + 1);	/* limit + 1: refused */
	path[8 + ROUTE_SEGMENT_MAX] = '/';
	path[9 + ROUTE_SEGMENT_MAX] = '\0';
	assert_int_equal(router_match(table, N, M_GET, path, &m), ROUTE_NOT_FOUND);
}

static void
test_real_table(void **state)
{
	struct route_match m;

	(void)state;
	assert_int_equal(router_match(routes, nroutes, M_GET, "/healthz", &m), ROUTE_OK);
	assert_int_equal(router_match(routes, nroutes, M_GET, "/api/v1/group/quic", &m), ROUTE_OK);
	assert_int_equal(router_match(routes, nroutes, M_POST, "/accounts/login/", &m), ROUTE_OK);
	assert_true(m.route->flags & R_CSRF);
	assert_int_equal(router_match(routes, nroutes, M_GET, "/accounts/logout/", &m), ROUTE_BAD_METHOD);
	assert_int_equal(router_match(routes, nroutes, M_POST, "/accounts/profile/", &m), ROUTE_BAD_METHOD);
	/* Every POST demands a CSRF token, unless its row says it changes nothing or ignores cookies. */
	for (size_t i = 0; i < nroutes; i++)
		if (routes[i].methods & M_POST)
			assert_true(routes[i].flags & (R_CSRF | R_PURE | R_NOCOOKIE));
	/* Token paths of the submission office: literal segments win over the token. */
	assert_int_equal(router_match(routes, nroutes, M_GET, "/submit/status/7/edit/", &m), ROUTE_OK);
	assert_int_equal((int)m.nparams, 1);
	assert_int_equal(router_match(routes, nroutes, M_GET, "/submit/status/7/confirm/abc_DEF-123/", &m), ROUTE_OK);
	assert_int_equal((int)m.nparams, 2);
	assert_int_equal(router_match(routes, nroutes, M_POST, "/api/submission", &m), ROUTE_OK);
	assert_true(m.route->flags & R_NOCOOKIE);
	assert_int_equal(router_match(routes, nroutes, M_POST, "/api/validate", &m), ROUTE_OK);
	assert_true(m.route->flags & R_PURE);
	/* issue 10: only pages anyone may read, by GET alone, may come from the page cache; the four the
	 * scale bench measures do. */
	for (size_t i = 0; i < nroutes; i++)
		if (routes[i].flags & R_CACHE) {
			assert_int_equal(routes[i].methods, M_GET);
			assert_int_equal(routes[i].flags & (R_LOGIN | R_API | R_FORM | R_STATIC), 0);
			assert_int_equal(routes[i].perm, PERM_ANYONE);
		}
	assert_int_equal(router_match(routes, nroutes, M_GET, "/doc/draft-ietf-quic-x/", &m), ROUTE_OK);
	assert_true(m.route->flags & R_CACHE);
	assert_int_equal(router_match(routes, nroutes, M_GET, "/group/quic/", &m), ROUTE_OK);
	assert_true(m.route->flags & R_CACHE);
	assert_int_equal(router_match(routes, nroutes, M_GET, "/liaison/", &m), ROUTE_OK);
	assert_true(m.route->flags & R_CACHE);
	assert_int_equal(router_match(routes, nroutes, M_GET, "/liaison/mine/", &m), ROUTE_OK);
	assert_false(m.route->flags & R_CACHE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match_and_params),
		cmocka_unit_test(test_head_uses_get),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_allow_lists_every_method),
		cmocka_unit_test(test_segment_length_limit),
		cmocka_unit_test(test_real_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
