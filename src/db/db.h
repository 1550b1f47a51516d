/* db.h: the database interface every domain module uses; db/sqlite.c implements it today and
 * db/pg.c over libpq; db.c picks one by the URL. SQL is static text with ? placeholders (STYLE habit 12);
 * values are only ever bound, never formatted into SQL (ARCHITECTURE rule 1).
 *
 * Portability (rule 7): migrations and queries use SQL both engines run. The two spellings that
 * differ, an auto-numbered primary key and a byte string, are written {{ID}} and {{BLOB}} in migrations
 * and expanded per backend. */
#ifndef IDT_DB_H
#define IDT_DB_H

#include <stdint.h>

struct err;
struct db;
struct db_stmt;

/* Opens a connection: a SQLite file path (or sqlite:PATH; created when absent), or a PostgreSQL
 * URL (postgresql://... or postgres:///dbname?host=/socket/dir), which db/pg.c serves. */
int		 db_open(struct db **, const char *url, struct err *);
void		 db_close(struct db **);
/* 1 when the URL names a database server (PostgreSQL) rather than a SQLite file. */
int		 db_url_is_server(const char *url);
/* Cheap liveness check for /healthz. */
int		 db_ping(struct db *, struct err *);

/* Transactions: begin takes the write lock at once, so two writers queue instead of failing late. */
int		 db_begin(struct db *, struct err *);
int		 db_commit(struct db *, struct err *);
void		 db_rollback(struct db *);
int		 db_in_transaction(struct db *);
/* A transaction for a claim that only touches rows it locks itself: the statement selects its rows
 * with the marker comment slash-star skip-locked star-slash after its ORDER BY/LIMIT, which PostgreSQL
 * reads as FOR UPDATE SKIP LOCKED (two servers claim disjoint rows without waiting for each other or
 * for the office's writers) and SQLite, one writer at a time, as the comment it is. On SQLite it is db_begin. */
int		 db_begin_claim(struct db *, struct err *);

/* A named job that should run on one server at a time (reminders, staging garbage collection):
 * 1 when this connection now holds it, 0 when another process does (skip the run), -1 on error.
 * PostgreSQL: a session advisory lock, released by db_job_unlock or when the connection ends (a crashed
 * holder frees it). SQLite: always 1; one file on one machine, the jobs' own unique rows keep each
 * effect once and overlapping runs queue on the write lock. */
int		 db_job_lock(struct db *, const char *name, struct err *);
void		 db_job_unlock(struct db *, const char *name);

/* Prepared statements are cached per connection, keyed by the SQL text's address: pass string
 * literals or rows of a static table. The statement stays owned by the connection. */
struct db_stmt	*db_prepare(struct db *, const char *sql, struct err *);
/* Binds by a type string: 's' text (NULL binds NULL), 'i' int64_t, 'n' int64_t
 * with 0 bound as NULL (optional references), 'd' int (promoted), 'b' blob (ptr, size_t). */
int		 db_bindv(struct db_stmt *, struct err *, const char *types, ...);
/* 1 = a row is ready, 0 = done, -1 = error (a unique or foreign-key violation is status 409). */
int		 db_step(struct db_stmt *, struct err *);
const char	*db_col_text(struct db_stmt *, int col);	/* "" for NULL; valid until the next step */
int64_t		 db_col_int(struct db_stmt *, int col);
int		 db_col_null(struct db_stmt *, int col);
/* Resets the statement and clears its bindings so the cache can hand it out again. */
void		 db_done(struct db_stmt *);
/* Rows changed by the last statement that finished. */
int64_t		 db_changes(struct db *);

/* Prepare + bind in one call; returns the statement ready for db_step(), or NULL with e set. */
struct db_stmt	*db_query(struct db *, struct err *, const char *sql, const char *types, ...);
/* Prepare + bind + step to the end; returns the rows changed, or -1 with e set. */
int64_t		 db_run(struct db *, struct err *, const char *sql, const char *types, ...);
/* Prepare + bind + first column of the first row as an integer; returns 1 found, 0 none, -1 error. */
int		 db_int(struct db *, struct err *, int64_t *out, const char *sql, const char *types, ...);

/* Steps s to the end and makes its first column a JSON array in a: integers, or strings when text
 * (quoted, with " \\ and control characters escaped), for a later statement's json_each(?). The count
 * in *n; NULL with e set on failure. */
struct arena;
const char	*db_col0_json(struct db_stmt *s, struct arena *a, int text, size_t *n, struct err *e);

/* Runs a script of several statements (migrations) after expanding {{ID}}. */
int		 db_exec_script(struct db *, const char *sql, struct err *);
/* Copies the live database into a file (SQLite online backup). */
int		 db_backup(struct db *, const char *path, struct err *);

/* Applies the numbered migrations in src/db/sql/ that this database has not seen; idempotent.
 * Sets *applied to how many ran. */
int		 db_migrate(struct db *, int *applied, struct err *);

/* Counts the compiled-in migrations this database has not applied (serve refuses to start then). */
int		 db_migrations_pending(struct db *, int *pending, struct err *);

/* A fixed set of connections shared by the server's threads. */
struct db_pool;
int		 db_pool_open(struct db_pool **, const char *url, int size, struct err *);
struct db	*db_pool_get(struct db_pool *, struct err *);	/* blocks while all are in use */
void		 db_pool_put(struct db_pool *, struct db *);	/* rolls back an open transaction */
void		 db_pool_close(struct db_pool **);

#endif
