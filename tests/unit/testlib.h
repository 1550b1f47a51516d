/* testlib.h: helpers the unit tests share (include after <cmocka.h>). Static so each test binary
 * carries its own copy; the tests run from the repository root. */
#ifndef IDT_TESTLIB_H
#define IDT_TESTLIB_H

#include <stdio.h>
#include <stdlib.h>

/* Reads a whole file (NUL-terminated, caller frees). A missing file fails the test when must_exist,
 * else returns NULL (for corpus files that may not be beside the checkout). */
static inline char *
test_slurp(const char *path, size_t *len, int must_exist)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n = -1;

	*len = 0;
	if (f == NULL) {
		if (must_exist)
			fail_msg("cannot open %s (run from the repository root)", path);
		return NULL;
	}
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0 ||
	    (buf = malloc((size_t)n + 1)) == NULL) {
		fclose(f);
		fail_msg("cannot read %s", path);
		return NULL;
	}
	*len = fread(buf, 1, (size_t)n, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

#endif
