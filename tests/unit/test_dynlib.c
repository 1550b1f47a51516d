/* test_dynlib.c: loading a library on first use (src/core/dynlib.c), the way pg.c, deliver.c, mail_in.c
 * and server.c load theirs: the pointers are set and the start hook runs once, however many threads
 * ask at once; a library or a symbol that is missing, or a start that fails, is the sentence the
 * modules report ("cannot load X (needed for Y): why"), every pointer NULL, and stays so.
 * libm stands in for the heavy libraries: every system has it. */
#include <math.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/dynlib.h"

#define LIBM	"libm.so.6"
#define THREADS	8

/* A function no library has, declared so that the table can name it like a real one. */
double	idt_no_such_function(double);

DYNLIB_PTR(cos)
DYNLIB_PTR(floor)
DYNLIB_PTR(idt_no_such_function)

static int starts;

static const char *
start_ok(void)
{
	starts++;
	return p_cos != NULL && p_floor != NULL ? NULL : "the pointers were not set before the start";
}

static const char *
start_fails(void)
{
	return "it would not start";
}

static const struct dynlib_sym good_syms[] = { DYNLIB_SYM(cos) DYNLIB_SYM(floor) };
static const struct dynlib_sym bad_syms[] = { DYNLIB_SYM(cos) DYNLIB_SYM(idt_no_such_function) };

static void
test_loads_once_and_sets_the_pointers(void **state)
{
	struct dynlib dl = DYNLIB(LIBM, "the test", good_syms, start_ok);

	(void)state;
	starts = 0;
	assert_int_equal(dynlib_load(&dl), 0);
	assert_non_null(p_cos);
	assert_true(p_cos(0.0) == 1.0);
	assert_true(p_floor(2.5) == 2.0);
	assert_int_equal(dynlib_load(&dl), 0);
	assert_int_equal(starts, 1);
	assert_string_equal(dl.error, "");
}

static void
test_missing_library_is_a_sentence(void **state)
{
	struct dynlib dl = DYNLIB("libidtracker-no-such.so.0", "the test", good_syms, start_ok);

	(void)state;
	starts = 0;
	assert_int_equal(dynlib_load(&dl), -1);
	assert_non_null(strstr(dl.error, "cannot load libidtracker-no-such.so.0 (needed for the test): "));
	assert_non_null(strstr(dl.error, "libidtracker-no-such.so.0: cannot open shared object file"));
	assert_null(p_cos);
	assert_int_equal(starts, 0);
	/* Not tried again: the same answer. */
	assert_int_equal(dynlib_load(&dl), -1);
	assert_non_null(strstr(dl.error, "cannot load libidtracker-no-such.so.0"));
}

static void
test_missing_symbol_is_a_sentence(void **state)
{
	struct dynlib dl = DYNLIB(LIBM, "the test", bad_syms, NULL);

	(void)state;
	assert_int_equal(dynlib_load(&dl), -1);
	assert_non_null(strstr(dl.error, "cannot load " LIBM " (needed for the test): "));
	assert_non_null(strstr(dl.error, "idt_no_such_function"));
	/* The one found before the missing one is not left half-usable. */
	assert_null(p_cos);
	assert_null(p_idt_no_such_function);
}

static void
test_failed_start_is_a_sentence(void **state)
{
	struct dynlib dl = DYNLIB(LIBM, "the test", good_syms, start_fails);

	(void)state;
	assert_int_equal(dynlib_load(&dl), -1);
	assert_string_equal(dl.error, "cannot load " LIBM " (needed for the test): it would not start");
	assert_null(p_cos);
	assert_null(p_floor);
}

static struct dynlib shared = DYNLIB(LIBM, "the test", good_syms, start_ok);

static void *
load_shared(void *arg)
{
	int *rc = arg;

	*rc = dynlib_load(&shared);
	return NULL;
}

/* The server's threads: every one that asks while the first loads waits, then finds it loaded. */
static void
test_threads_load_it_once(void **state)
{
	pthread_t th[THREADS];
	int rc[THREADS], i;

	(void)state;
	starts = 0;
	for (i = 0; i < THREADS; i++)
		assert_int_equal(pthread_create(&th[i], NULL, load_shared, &rc[i]), 0);
	for (i = 0; i < THREADS; i++) {
		pthread_join(th[i], NULL);
		assert_int_equal(rc[i], 0);
	}
	assert_int_equal(starts, 1);
	assert_true(p_floor(-0.5) == -1.0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_loads_once_and_sets_the_pointers),
		cmocka_unit_test(test_missing_library_is_a_sentence),
		cmocka_unit_test(test_missing_symbol_is_a_sentence),
		cmocka_unit_test(test_failed_start_is_a_sentence),
		cmocka_unit_test(test_threads_load_it_once),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
