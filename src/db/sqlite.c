/* sqlite.c: db.h over SQLite 3 (WAL, foreign keys, busy timeout), the embedded default.
 * Callers: every domain module through db.h; nothing else includes sqlite3.h. */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "../core/buf.h"
#include "../core/err.h"
#include "../core/log.h"
#include "db.h"

#define STMT_CACHE	256	/* distinct statements per connection; ample for every module's table */
#define BUSY_MS		10000	/* a writer waits this long for another before giving up with 503 */

struct db_stmt {
	const char	*key;
	sqlite3_stmt	*st;
	struct db	*db;
};

struct db {
	sqlite3		*h;
	struct db_stmt	 cache[STMT_CACHE];
	int		 ncache;
	int		 in_tx;
	char		*path;
};

static int
db_fail(struct db *db, struct err *e, int rc, const char *what)
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

int
db_open(struct db **out, const char *url, struct err *e)
{
	struct db *db;
	const char *path = url;
	char *msg = NULL;
	int rc;

	*out = NULL;
	if (strncmp(path, "sqlite:", 7) == 0)
		path += 7;
	if (strncmp(path, "postgres", 8) == 0)
		return err_set(e, 501, "db", "PostgreSQL is not built into this idtracker yet; use a SQLite path.");
	if ((db = calloc(1, sizeof(*db))) == NULL || (db->path = strdup(path)) == NULL) {
		free(db);
		return err_set(e, 500, "memory", "Out of memory opening the database.");
	}
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
	rc = sqlite3_exec(db->h, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-32768;",
	    NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		err_set(e, 503, "db", "Cannot use the database %s: %s.", path, msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		db_close(&db);
		return -1;
	}
	*out = db;
	return 0;
}

void
db_close(struct db **pdb)
{
	struct db *db = *pdb;
	int i;

	if (db == NULL)
		return;
	for (i = 0; i < db->ncache; i++)
		sqlite3_finalize(db->cache[i].st);
	sqlite3_close(db->h);
	free(db->path);
	free(db);
	*pdb = NULL;
}

int
db_ping(struct db *db, struct err *e)
{
	int64_t v;

	if (db_int(db, e, &v, "SELECT count(*) FROM schema_migrations", "") != 1)
		return e->status ? -1 : err_set(e, 503, "db", "The database has no schema; run idtracker init.");
	if (v == 0)
		return err_set(e, 503, "db", "The database has no schema; run idtracker init.");
	return 0;
}

int
db_begin(struct db *db, struct err *e)
{
	int rc;

	if (db->in_tx)
		return err_set(e, 500, "db", "A transaction is already open on this connection.");
	if ((rc = sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL)) != SQLITE_OK)
		return db_fail(db, e, rc, "begin");
	db->in_tx = 1;
	return 0;
}

int
db_commit(struct db *db, struct err *e)
{
	int rc;

	if ((rc = sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL)) != SQLITE_OK) {
		db_fail(db, e, rc, "commit");
		db_rollback(db);
		return -1;
	}
	db->in_tx = 0;
	return 0;
}

void
db_rollback(struct db *db)
{
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	db->in_tx = 0;
}

int
db_in_transaction(struct db *db)
{
	return db->in_tx;
}

struct db_stmt *
db_prepare(struct db *db, const char *sql, struct err *e)
{
	struct db_stmt *s;
	int i, rc;

	for (i = 0; i < db->ncache; i++)
		if (db->cache[i].key == sql)
			return &db->cache[i];
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
	s->db = db;
	db->ncache++;
	return s;
}

static int
db_bind_va(struct db_stmt *s, struct err *e, const char *types, va_list ap)
{
	int i, rc = SQLITE_OK;

	for (i = 0; types[i] != '\0' && rc == SQLITE_OK; i++) {
		switch (types[i]) {
		case 's': {
			const char *v = va_arg(ap, const char *);
			rc = v == NULL ? sqlite3_bind_null(s->st, i + 1) :
			    sqlite3_bind_text(s->st, i + 1, v, -1, SQLITE_TRANSIENT);
			break;
		}
		case 'i':
			rc = sqlite3_bind_int64(s->st, i + 1, va_arg(ap, int64_t));
			break;
		case 'n': {	/* an optional reference: 0 binds NULL */
			int64_t v = va_arg(ap, int64_t);
			rc = v == 0 ? sqlite3_bind_null(s->st, i + 1) : sqlite3_bind_int64(s->st, i + 1, v);
			break;
		}
		case 'd':
			rc = sqlite3_bind_int64(s->st, i + 1, va_arg(ap, int));
			break;
		case 'b': {
			const void *p = va_arg(ap, const void *);
			size_t n = va_arg(ap, size_t);
			rc = sqlite3_bind_blob64(s->st, i + 1, p, n, SQLITE_TRANSIENT);
			break;
		}
		default:
			db_done(s);
			return err_set(e, 500, "db", "Unknown bind type '%c'.", types[i]);
		}
	}
	if (rc != SQLITE_OK) {
		db_done(s);
		return db_fail(s->db, e, rc, "bind");
	}
	return 0;
}

int
db_bindv(struct db_stmt *s, struct err *e, const char *types, ...)
{
	va_list ap;
	int rc;

	va_start(ap, types);
	rc = db_bind_va(s, e, types, ap);
	va_end(ap);
	return rc;
}

int
db_step(struct db_stmt *s, struct err *e)
{
	int rc = sqlite3_step(s->st);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	db_fail(s->db, e, rc, "step");
	db_done(s);
	return -1;
}

const char *
db_col_text(struct db_stmt *s, int col)
{
	const unsigned char *t = sqlite3_column_text(s->st, col);

	return t ? (const char *)t : "";
}

int64_t
db_col_int(struct db_stmt *s, int col)
{
	return sqlite3_column_int64(s->st, col);
}

int
db_col_null(struct db_stmt *s, int col)
{
	return sqlite3_column_type(s->st, col) == SQLITE_NULL;
}

void
db_done(struct db_stmt *s)
{
	if (s == NULL)
		return;
	sqlite3_reset(s->st);
	sqlite3_clear_bindings(s->st);
}

int64_t
db_changes(struct db *db)
{
	return sqlite3_changes64(db->h);
}

/* Prepare + bind from a va_list: the one path behind db_query, db_run and db_int. */
static struct db_stmt *
query_va(struct db *db, struct err *e, const char *sql, const char *types, va_list ap)
{
	struct db_stmt *s;

	if ((s = db_prepare(db, sql, e)) == NULL)
		return NULL;
	return db_bind_va(s, e, types, ap) == 0 ? s : NULL;
}

struct db_stmt *
db_query(struct db *db, struct err *e, const char *sql, const char *types, ...)
{
	struct db_stmt *s;
	va_list ap;

	va_start(ap, types);
	s = query_va(db, e, sql, types, ap);
	va_end(ap);
	return s;
}

int64_t
db_run(struct db *db, struct err *e, const char *sql, const char *types, ...)
{
	struct db_stmt *s;
	va_list ap;
	int rc;

	va_start(ap, types);
	s = query_va(db, e, sql, types, ap);
	va_end(ap);
	if (s == NULL)
		return -1;
	while ((rc = db_step(s, e)) == 1)
		;
	if (rc == -1)
		return -1;
	db_done(s);
	return sqlite3_changes64(db->h);
}

int
db_int(struct db *db, struct err *e, int64_t *out, const char *sql, const char *types, ...)
{
	struct db_stmt *s;
	va_list ap;
	int rc;

	va_start(ap, types);
	s = query_va(db, e, sql, types, ap);
	va_end(ap);
	if (s == NULL)
		return -1;
	if ((rc = db_step(s, e)) == 1)
		*out = db_col_int(s, 0);
	if (rc != -1)
		db_done(s);
	return rc;
}

/* Expands the one non-portable spelling; see db.h. */
static char *
expand_script(const char *sql)
{
	struct buf b;
	const char *p = sql, *q;

	static const struct { const char *token, *sqlite; } spellings[] = {
		{ "{{ID}}", "INTEGER PRIMARY KEY" },	/* pg: BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY */
		{ "{{BLOB}}", "BLOB" },			/* pg: BYTEA */
	};
	size_t i, best_i = 0;

	buf_init(&b, NULL, 0);
	for (;;) {
		const char *best = NULL;
		for (i = 0; i < sizeof(spellings) / sizeof(spellings[0]); i++)
			if ((q = strstr(p, spellings[i].token)) != NULL && (best == NULL || q < best)) {
				best = q;
				best_i = i;
			}
		if (best == NULL)
			break;
		buf_put(&b, p, (size_t)(best - p));
		buf_puts(&b, spellings[best_i].sqlite);
		p = best + strlen(spellings[best_i].token);
	}
	buf_puts(&b, p);
	if (b.failed) {
		buf_release(&b);
		return NULL;
	}
	return b.data ? b.data : strdup("");
}

int
db_exec_script(struct db *db, const char *sql, struct err *e)
{
	char *msg = NULL, *text;
	int rc;

	if ((text = expand_script(sql)) == NULL)
		return err_set(e, 500, "memory", "Out of memory running a migration.");
	rc = sqlite3_exec(db->h, text, NULL, NULL, &msg);
	free(text);
	if (rc != SQLITE_OK) {
		err_set(e, 500, "db", "A migration failed: %s.", msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int
db_backup(struct db *db, const char *path, struct err *e)
{
	sqlite3 *dst;
	sqlite3_backup *bk;
	int rc;

	if (sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		err_set(e, 400, "backup", "Cannot create the backup file %s: %s.", path, sqlite3_errmsg(dst));
		sqlite3_close(dst);
		return -1;
	}
	if ((bk = sqlite3_backup_init(dst, "main", db->h, "main")) == NULL) {
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

/* The pool: a mutex-guarded free list with a condition for waiters. */
struct db_pool {
	pthread_mutex_t	  mu;
	pthread_cond_t	  cv;
	struct db	**all;
	struct db	**free;
	int		  size, nfree;
};

int
db_pool_open(struct db_pool **out, const char *url, int size, struct err *e)
{
	struct db_pool *p;
	int i;

	*out = NULL;
	if ((p = calloc(1, sizeof(*p))) == NULL ||
	    (p->all = calloc((size_t)size, sizeof(*p->all))) == NULL ||
	    (p->free = calloc((size_t)size, sizeof(*p->free))) == NULL) {
		if (p) free(p->all);
		free(p);
		return err_set(e, 500, "memory", "Out of memory opening the database pool.");
	}
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	p->size = size;
	for (i = 0; i < size; i++) {
		if (db_open(&p->all[i], url, e) == -1) {
			p->size = i;
			db_pool_close(&p);
			return -1;
		}
		p->free[p->nfree++] = p->all[i];
	}
	*out = p;
	return 0;
}

struct db *
db_pool_get(struct db_pool *p, struct err *e)
{
	struct db *db;

	(void)e;
	pthread_mutex_lock(&p->mu);
	while (p->nfree == 0)
		pthread_cond_wait(&p->cv, &p->mu);
	db = p->free[--p->nfree];
	pthread_mutex_unlock(&p->mu);
	return db;
}

void
db_pool_put(struct db_pool *p, struct db *db)
{
	if (db == NULL)
		return;
	if (db->in_tx || !sqlite3_get_autocommit(db->h)) {
		log_warn("a transaction was left open; rolling back");
		db_rollback(db);
	}
	pthread_mutex_lock(&p->mu);
	p->free[p->nfree++] = db;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
}

void
db_pool_close(struct db_pool **pp)
{
	struct db_pool *p = *pp;
	int i;

	if (p == NULL)
		return;
	for (i = 0; i < p->size; i++)
		db_close(&p->all[i]);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
	free(p->all);
	free(p->free);
	free(p);
	*pp = NULL;
}
