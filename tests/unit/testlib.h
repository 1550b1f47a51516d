/* testlib.h: helpers the unit tests share (include after <cmocka.h>). Static so each test binary
 * carries its own copy; the tests run from the repository root. */
#ifndef IDT_TESTLIB_H
#define IDT_TESTLIB_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/err.h"
#include "db/db.h"

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

/* A fresh, migrated SQLite database in /tmp; path (size >= 32) receives its name. NULL on failure. */
static inline struct db *
test_db_new(char *path, size_t size, const char *tag)
{
	struct err e = { 0 };
	struct db *db;
	int applied, fd;

	snprintf(path, size, "/tmp/idt-%s-XXXXXX.db", tag);
	if ((fd = mkstemps(path, 3)) < 0)
		return NULL;
	close(fd);
	unlink(path);
	if (db_open(&db, path, &e) == -1 || db_migrate(db, &applied, &e) == -1) {
		print_error("test database: %s\n", e.msg);
		return NULL;
	}
	return db;
}

/* Closes the database and removes its file and WAL companions. */
static inline void
test_db_free(struct db **db, const char *path)
{
	char p[300];

	db_close(db);
	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
}

/* The first column of the first row of sql, which must return one. */
static inline int64_t
test_count(struct db *db, const char *sql)
{
	int64_t n = -1;

	assert_int_equal(db_int(db, NULL, &n, sql, ""), 1);
	return n;
}

#endif
