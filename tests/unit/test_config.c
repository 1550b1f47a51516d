/* test_config.c: the INI reader, environment overrides, validation and derived keys (src/core/config.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/config.h"
#include "core/err.h"

static void
test_defaults_and_derived(void **state)
{
	char *env[] = { NULL };
	struct config c;
	struct err e = { 0 };

	(void)state;
	assert_int_equal(config_load(&c, env, &e), 0);
	config_finish(&c);
	assert_string_equal(config_str(&c, CFG_DATA), "./var");
	assert_string_equal(config_str(&c, CFG_LISTEN), "127.0.0.1:8080");
	assert_string_equal(config_str(&c, CFG_DB), "./var/idtracker.db");
	assert_string_equal(config_str(&c, CFG_BASE_URL), "http://127.0.0.1:8080");
	assert_int_equal(config_int(&c, CFG_MAX_BODY), 32 << 20);
	config_release(&c);
}

static void
test_env_overrides_file(void **state)
{
	char dir[] = "/tmp/idt-config-XXXXXX", path[256], envdata[300], envcfg[300];
	char *env[] = { envdata, "IDTRACKER_LISTEN=127.0.0.1:9999", envcfg, NULL };
	struct config c;
	struct err e = { 0 };
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/my.ini", dir);
	f = fopen(path, "w");
	fputs("# comment\n[idtracker]\nlisten = 127.0.0.1:7000\nthreads = 8\nmax_body = 2M\n"
	    "base_url = \"https://datatracker.example.org\"\n", f);
	fclose(f);
	snprintf(envdata, sizeof(envdata), "IDTRACKER_DATA=%s", dir);
	snprintf(envcfg, sizeof(envcfg), "IDTRACKER_CONFIG=%s", path);
	assert_int_equal(config_load(&c, env, &e), 0);
	config_finish(&c);
	assert_string_equal(config_str(&c, CFG_LISTEN), "127.0.0.1:9999");	/* env beats file */
	assert_int_equal(c.src[CFG_LISTEN], CFG_SRC_ENV);
	assert_int_equal(config_int(&c, CFG_THREADS), 8);
	assert_int_equal(c.src[CFG_THREADS], CFG_SRC_FILE);
	assert_int_equal(config_int(&c, CFG_MAX_BODY), 2 << 20);
	assert_string_equal(config_str(&c, CFG_BASE_URL), "https://datatracker.example.org");
	config_release(&c);
	unlink(path);
	rmdir(dir);
}

static void
test_bad_values_are_refused_with_a_sentence(void **state)
{
	static const struct { const char *ini, *needle; } cases[] = {
		{ "threads = many\n", "threads must be a whole number" },
		{ "threads = 0\n", "between 1 and 256" },
		{ "threads = 257\n", "between 1 and 256" },
		{ "max_body = 10X\n", "max_body must be a whole number" },
		{ "nonsense = 1\n", "unknown configuration key \"nonsense\"" },
		{ "listen\n", "expected key = value" },
		{ "[broken\n", "section header" },
		{ "log_level = loud\n", "debug, info, warn or error" },
	};
	struct config c;
	struct err e;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *env[] = { NULL };
		memset(&e, 0, sizeof(e));
		assert_int_equal(config_load(&c, env, &e), 0);
		assert_int_equal(config_parse_ini(&c, cases[i].ini, "t.ini", &e), -1);
		if (strstr(e.msg, cases[i].needle) == NULL)
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, e.msg, cases[i].needle);
		assert_non_null(strstr(e.msg, "t.ini:1"));
		config_release(&c);
	}
}

static void
test_limits_at_bounds(void **state)
{
	char *env[] = { NULL };
	struct config c;
	struct err e = { 0 };

	(void)state;
	assert_int_equal(config_load(&c, env, &e), 0);
	assert_int_equal(config_set(&c, CFG_THREADS, "1", CFG_SRC_FLAG, &e), 0);	/* min */
	assert_int_equal(config_set(&c, CFG_THREADS, "256", CFG_SRC_FLAG, &e), 0);	/* max */
	assert_int_equal(config_set(&c, CFG_THREADS, "257", CFG_SRC_FLAG, &e), -1);	/* max + 1 */
	assert_int_equal(config_int(&c, CFG_THREADS), 256);	/* a refused value changes nothing */
	assert_int_equal(config_set(&c, CFG_BASE_URL, "http://x\r\nHost: y", CFG_SRC_FLAG, &e), -1);
	config_release(&c);
}

static void
test_named_config_must_exist(void **state)
{
	char *env[] = { "IDTRACKER_CONFIG=/nonexistent/idtracker.ini", NULL };
	struct config c;
	struct err e = { 0 };

	(void)state;
	assert_int_equal(config_load(&c, env, &e), -1);
	assert_non_null(strstr(e.msg, "does not exist"));
	config_release(&c);
}

/* A key set in the environment is read however many IDTRACKER_ variables come before it: config_load()
 * looks among those it listed, and in the whole environment when they outnumber its list (70 here);
 * the first of two settings of a key wins, as getenv() would have it. */
static void
test_env_many_variables(void **state)
{
	static char names[70][32];
	char *env[75];
	struct config c;
	struct err e = { 0 };
	size_t i, k = 0;

	(void)state;
	for (i = 0; i < 70; i++) {
		snprintf(names[i], sizeof(names[i]), "IDTRACKER_X%zu=1", i);
		env[k++] = names[i];
	}
	env[k++] = "PATH=/usr/bin";
	env[k++] = "IDTRACKER_DATA=/nonexistent-idt-data";
	env[k++] = "IDTRACKER_THREADS=7";
	env[k++] = "IDTRACKER_THREADS=9";
	env[k] = NULL;
	assert_int_equal(config_load(&c, env, &e), 0);
	assert_int_equal(config_int(&c, CFG_THREADS), 7);
	assert_int_equal(c.src[CFG_THREADS], CFG_SRC_ENV);
	config_release(&c);
	/* the same with few of them: the short list */
	env[0] = "IDTRACKER_THREADS=5";
	env[1] = NULL;
	assert_int_equal(config_load(&c, env, &e), 0);
	assert_int_equal(config_int(&c, CFG_THREADS), 5);
	config_release(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults_and_derived),
		cmocka_unit_test(test_env_overrides_file),
		cmocka_unit_test(test_env_many_variables),
		cmocka_unit_test(test_bad_values_are_refused_with_a_sentence),
		cmocka_unit_test(test_limits_at_bounds),
		cmocka_unit_test(test_named_config_must_exist),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
