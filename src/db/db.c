/* db.c: the engine-neutral half of db.h: picks the backend from the URL (SQLite path or
 * postgres URL), dispatches through its ops row, and holds what both share: the query helpers,
 * the migration spellings ({{ID}}, {{BLOB}}, whole statements), and the connection pool. */
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/err.h"
#include "../core/log.h"
#include "backend.h"
#include "db.h"

int
db_url_is_server(const char *url)
{
	return strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0;
}

int
db_open(struct db **out, const char *url, struct err *e)
{
	*out = NULL;
	if (db_url_is_server(url))
		return db_pg_ops.open(out, url, e);
	return db_sqlite_ops.open(out, url, e);
}

void
db_close(struct db **pdb)
{
	if (*pdb == NULL)
		return;
	(*pdb)->ops->close(*pdb);
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
	if (db->in_tx)
		return err_set(e, 500, "db", "A transaction is already open on this connection.");
	if (db->ops->begin(db, e) == -1)
		return -1;
	db->in_tx = 1;
	return 0;
}

int
db_begin_claim(struct db *db, struct err *e)
{
	if (db->ops->begin_claim == NULL)
		return db_begin(db, e);
	if (db->in_tx)
		return err_set(e, 500, "db", "A transaction is already open on this connection.");
	if (db->ops->begin_claim(db, e) == -1)
		return -1;
	db->in_tx = 1;
	return 0;
}

int
db_job_lock(struct db *db, const char *name, struct err *e)
{
	return db->ops->job_lock ? db->ops->job_lock(db, name, e) : 1;
}

void
db_job_unlock(struct db *db, const char *name)
{
	if (db->ops->job_unlock)
		db->ops->job_unlock(db, name);
}

int
db_commit(struct db *db, struct err *e)
{
	if (db->ops->commit(db, e) == -1) {
		db_rollback(db);
		return -1;
	}
	db->in_tx = 0;
	return 0;
}

void
db_rollback(struct db *db)
{
	db->ops->rollback(db);
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
	return db->ops->prepare(db, sql, e);
}

int
db_bindv(struct db_stmt *s, struct err *e, const char *types, ...)
{
	va_list ap;
	int rc;

	va_start(ap, types);
	rc = s->db->ops->bind_va(s, e, types, ap);
	va_end(ap);
	return rc;
}

int
db_step(struct db_stmt *s, struct err *e)
{
	return s->db->ops->step(s, e);
}

const char *
db_col_text(struct db_stmt *s, int col)
{
	return s->db->ops->col_text(s, col);
}

int64_t
db_col_int(struct db_stmt *s, int col)
{
	return s->db->ops->col_int(s, col);
}

int
db_col_null(struct db_stmt *s, int col)
{
	return s->db->ops->col_null(s, col);
}

void
db_done(struct db_stmt *s)
{
	if (s != NULL)
		s->db->ops->done(s);
}

int64_t
db_changes(struct db *db)
{
	return db->ops->changes(db);
}

/* Prepare + bind from a va_list: the one path behind db_query, db_run and db_int. */
static struct db_stmt *
query_va(struct db *db, struct err *e, const char *sql, const char *types, va_list ap)
{
	struct db_stmt *s;

	if ((s = db->ops->prepare(db, sql, e)) == NULL)
		return NULL;
	return db->ops->bind_va(s, e, types, ap) == 0 ? s : NULL;
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
	return db->ops->changes(db);
}

const char *
db_col0_json(struct db_stmt *s, struct arena *a, int text, size_t *n, struct err *e)
{
	struct buf b;
	const char *v;
	int rc;

	*n = 0;
	if (s == NULL)
		return NULL;
	buf_init(&b, a, 0);
	buf_putc(&b, '[');
	while ((rc = db_step(s, e)) == 1) {
		if (*n > 0)
			buf_putc(&b, ',');
		if (!text) {
			buf_printf(&b, "%lld", (long long)db_col_int(s, 0));
		} else {
			buf_putc(&b, '"');
			for (v = db_col_text(s, 0); *v; v++) {
				if (*v == '"' || *v == '\\')
					buf_printf(&b, "\\%c", *v);
				else if ((unsigned char)*v < 0x20)
					buf_printf(&b, "\\u%04x", (unsigned)(unsigned char)*v);
				else
					buf_putc(&b, *v);
			}
			buf_putc(&b, '"');
		}
		(*n)++;
	}
	if (rc == -1)
		return NULL;
	db_done(s);
	buf_putc(&b, ']');
	if (b.failed) {
		err_set(e, 500, "memory", "Out of memory.");
		return NULL;
	}
	return buf_cstr(&b);
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

/* Replaces each of the spellings (earliest first) in a migration or a statement; see db.h. */
char *
db_expand_spellings(const struct db_spelling *sp, const char *sql)
{
	struct buf b;
	const char *p = sql, *q;
	size_t i, best_i = 0;

	buf_init(&b, NULL, 0);
	for (;;) {
		const char *best = NULL;
		for (i = 0; sp[i].token != NULL; i++)
			if ((q = strstr(p, sp[i].token)) != NULL && (best == NULL || q < best)) {
				best = q;
				best_i = i;
			}
		if (best == NULL)
			break;
		buf_put(&b, p, (size_t)(best - p));
		buf_puts(&b, sp[best_i].text);
		p = best + strlen(sp[best_i].token);
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
	char *text;
	int rc;

	if ((text = db_expand_spellings(db->ops->spellings, sql)) == NULL)
		return err_set(e, 500, "memory", "Out of memory running a migration.");
	rc = db->ops->exec_script(db, text, e);
	free(text);
	return rc;
}

int
db_backup(struct db *db, const char *path, struct err *e)
{
	return db->ops->backup(db, path, e);
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
	if (db->in_tx || db->ops->tx_open(db)) {
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
