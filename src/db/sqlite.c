/* sqlite.c: db.h over SQLite 3 (WAL, foreign keys, busy timeout), the embedded default.
 * Callers: db.c through db_sqlite_ops; nothing else includes sqlite3.h. */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "../core/buf.h"
#include "../core/err.h"
#include "../core/log.h"
#include "backend.h"
#include "db.h"

#define STMT_CACHE	256	/* distinct statements per connection; ample for every module's table */
#define BUSY_MS		10000	/* a writer waits this long for another before giving up with 503 */

struct lite_stmt {
	struct db_stmt	 base;	/* first: db.c sees this */
	const char	*key;
	sqlite3_stmt	*st;
};

struct lite_db {
	struct db	 base;	/* first: db.c sees this */
	sqlite3		*h;
	struct lite_stmt cache[STMT_CACHE];
	int		 ncache;
	char		*path;
};

#define LDB(d)	((struct lite_db *)(d))
#define LST(s)	((struct lite_stmt *)(s))

static int
db_fail(struct lite_db *db, struct err *e, int rc, const char *what)
{
	int ext = sqlite3_extended_errcode(db->h);

	if ((rc & 0xff) == SQLITE_CONSTRAINT) {
		if (ext == SQLITE_CONSTRAINT_FOREIGNKEY)
			return err_set(e, 409, "conflict", "That refers to something that does not exist.");
		return err_set(e, 409, "conflict", "That already exists.");
	}
	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
		return err_set(e, 503, "busy", "The database is busy; please try again in a moment.");
	log_error("sqlite %s: %s (%d)", what, sqlite3_errmsg(db->h), ext);
	return err_set(e, 500, "db", "A database error occurred (%s).", sqlite3_errstr(rc));
}

static void lite_close(struct db *);

/* Once a process, before its first connection: no memory statistics. With them (SQLite's default),
 * every sqlite3_malloc() and sqlite3_free() takes one mutex for the whole process, which the
 * server's threads queued on: a tenth of the liaison list's time (perf). Nothing reads them. */
static pthread_once_t lite_once = PTHREAD_ONCE_INIT;

static void
lite_configure(void)
{
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);	/* SQLITE_MISUSE if already initialized: then as before */
}

static int
lite_open(struct db **out, const char *url, struct err *e)
{
	struct lite_db *db;
	const char *path = url;
	char *msg = NULL;
	int rc;

	*out = NULL;
	if (strncmp(path, "sqlite:", 7) == 0)
		path += 7;
	if ((db = calloc(1, sizeof(*db))) == NULL || (db->path = strdup(path)) == NULL) {
		free(db);
		return err_set(e, 500, "memory", "Out of memory opening the database.");
	}
	db->base.ops = &db_sqlite_ops;
	pthread_once(&lite_once, lite_configure);
	rc = sqlite3_open_v2(path, &db->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		err_set(e, 503, "db", "Cannot open the database %s: %s.", path, db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc));
		sqlite3_close(db->h);
		free(db->path);
		free(db);
		return -1;
	}
	sqlite3_busy_timeout(db->h, BUSY_MS);
	sqlite3_extended_result_codes(db->h, 1);
	/* Reads through a memory map (up to SQLite's own cap, about 2 GB of the file): a page already in
	 * the kernel's cache costs no read() and no copy. The WG page reads 437 document rows on as many
	 * pages at a million documents: 1.3 ms through read(), 0.6 ms mapped. Writes go through the WAL
	 * as before. */
	rc = sqlite3_exec(db->h, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-32768; "
	    "PRAGMA mmap_size=2147418112;", NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		err_set(e, 503, "db", "Cannot use the database %s: %s.", path, msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		lite_close(&db->base);
		return -1;
	}
	*out = &db->base;
	return 0;
}

static void
lite_close(struct db *d)
{
	struct lite_db *db = LDB(d);
	int i;

	for (i = 0; i < db->ncache; i++)
		sqlite3_finalize(db->cache[i].st);
	sqlite3_close(db->h);
	free(db->path);
	free(db);
}

/* BEGIN IMMEDIATE takes the write lock at once: two writers queue (busy timeout) instead of
 * one failing at its first write after both have read. */
static int
lite_begin(struct db *d, struct err *e)
{
	int rc;

	if ((rc = sqlite3_exec(LDB(d)->h, "BEGIN IMMEDIATE", NULL, NULL, NULL)) != SQLITE_OK)
		return db_fail(LDB(d), e, rc, "begin");
	return 0;
}

static int
lite_commit(struct db *d, struct err *e)
{
	int rc;

	if ((rc = sqlite3_exec(LDB(d)->h, "COMMIT", NULL, NULL, NULL)) != SQLITE_OK)
		return db_fail(LDB(d), e, rc, "commit");
	return 0;
}

static void
lite_rollback(struct db *d)
{
	if (!sqlite3_get_autocommit(LDB(d)->h))
		sqlite3_exec(LDB(d)->h, "ROLLBACK", NULL, NULL, NULL);
}

static int
lite_tx_open(struct db *d)
{
	return !sqlite3_get_autocommit(LDB(d)->h);
}

static struct db_stmt *
lite_prepare(struct db *d, const char *sql, struct err *e)
{
	struct lite_db *db = LDB(d);
	struct lite_stmt *s;
	int i, rc;

	for (i = 0; i < db->ncache; i++)
		if (db->cache[i].key == sql)
			return &db->cache[i].base;
	if (db->ncache == STMT_CACHE) {
		err_set(e, 500, "db", "Too many distinct SQL statements on one connection.");
		return NULL;
	}
	s = &db->cache[db->ncache];
	rc = sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->st, NULL);
	if (rc != SQLITE_OK) {
		log_error("sqlite prepare failed for: %s", sql);
		db_fail(db, e, rc, "prepare");
		return NULL;
	}
	s->key = sql;
	s->base.db = d;
	db->ncache++;
	return &s->base;
}

static void
lite_done(struct db_stmt *bs)
{
	sqlite3_reset(LST(bs)->st);
	sqlite3_clear_bindings(LST(bs)->st);
}

static int
lite_bind_va(struct db_stmt *bs, struct err *e, const char *types, va_list ap)
{
	sqlite3_stmt *st = LST(bs)->st;
	int i, rc = SQLITE_OK;

	for (i = 0; types[i] != '\0' && rc == SQLITE_OK; i++) {
		switch (types[i]) {
		case 's': {
			const char *v = va_arg(ap, const char *);
			rc = v == NULL ? sqlite3_bind_null(st, i + 1) :
			    sqlite3_bind_text(st, i + 1, v, -1, SQLITE_TRANSIENT);
			break;
		}
		case 'i':
			rc = sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t));
			break;
		case 'n': {	/* an optional reference: 0 binds NULL */
			int64_t v = va_arg(ap, int64_t);
			rc = v == 0 ? sqlite3_bind_null(st, i + 1) : sqlite3_bind_int64(st, i + 1, v);
			break;
		}
		case 'd':
			rc = sqlite3_bind_int64(st, i + 1, va_arg(ap, int));
			break;
		case 'b': {
			const void *p = va_arg(ap, const void *);
			size_t n = va_arg(ap, size_t);
			rc = sqlite3_bind_blob64(st, i + 1, p, n, SQLITE_TRANSIENT);
			break;
		}
		default:
			lite_done(bs);
			return err_set(e, 500, "db", "Unknown bind type '%c'.", types[i]);
		}
	}
	if (rc != SQLITE_OK) {
		lite_done(bs);
		return db_fail(LDB(bs->db), e, rc, "bind");
	}
	return 0;
}

static int
lite_step(struct db_stmt *bs, struct err *e)
{
	int rc = sqlite3_step(LST(bs)->st);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	db_fail(LDB(bs->db), e, rc, "step");
	lite_done(bs);
	return -1;
}

static const char *
lite_col_text(struct db_stmt *bs, int col)
{
	const unsigned char *t = sqlite3_column_text(LST(bs)->st, col);

	return t ? (const char *)t : "";
}

static int64_t
lite_col_int(struct db_stmt *bs, int col)
{
	return sqlite3_column_int64(LST(bs)->st, col);
}

static int
lite_col_null(struct db_stmt *bs, int col)
{
	return sqlite3_column_type(LST(bs)->st, col) == SQLITE_NULL;
}

static int64_t
lite_changes(struct db *d)
{
	return sqlite3_changes64(LDB(d)->h);
}

static int
lite_exec_script(struct db *d, const char *text, struct err *e)
{
	char *msg = NULL;
	int rc;

	rc = sqlite3_exec(LDB(d)->h, text, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		err_set(e, 500, "db", "A migration failed: %s.", msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int
lite_backup(struct db *d, const char *path, struct err *e)
{
	sqlite3 *dst;
	sqlite3_backup *bk;
	int rc;

	if (sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		err_set(e, 400, "backup", "Cannot create the backup file %s: %s.", path, sqlite3_errmsg(dst));
		sqlite3_close(dst);
		return -1;
	}
	if ((bk = sqlite3_backup_init(dst, "main", LDB(d)->h, "main")) == NULL) {
		err_set(e, 500, "backup", "Cannot start the backup: %s.", sqlite3_errmsg(dst));
		sqlite3_close(dst);
		return -1;
	}
	/* Copy in steps so writers are not blocked for the whole copy of a large office. */
	do {
		rc = sqlite3_backup_step(bk, 256);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(bk);
	if (rc != SQLITE_DONE) {
		err_set(e, 500, "backup", "The backup failed: %s.", sqlite3_errstr(rc));
		sqlite3_close(dst);
		return -1;
	}
	sqlite3_close(dst);
	return 0;
}

/* The migrations' two non-portable spellings, as SQLite writes them. */
static const struct db_spelling lite_spellings[] = {
	{ "{{ID}}", "INTEGER PRIMARY KEY" },
	{ "{{BLOB}}", "BLOB" },
	{ NULL, NULL },
};

const struct db_ops db_sqlite_ops = {
	.name = "sqlite",
	.spellings = lite_spellings,
	.open = lite_open,
	.close = lite_close,
	.begin = lite_begin,
	.commit = lite_commit,
	.rollback = lite_rollback,
	.tx_open = lite_tx_open,
	.prepare = lite_prepare,
	.bind_va = lite_bind_va,
	.step = lite_step,
	.col_text = lite_col_text,
	.col_int = lite_col_int,
	.col_null = lite_col_null,
	.done = lite_done,
	.changes = lite_changes,
	.exec_script = lite_exec_script,
	.backup = lite_backup,
};
