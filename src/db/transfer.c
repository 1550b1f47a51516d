/* transfer.c: idtracker migrate-db (issue 10): copies an office's rows from SQLite into an empty,
 * migrated PostgreSQL database. Generic over the schema: the table list, columns and foreign keys
 * come from SQLite (sqlite_master, pragma_table_info, pragma_foreign_key_list), so a new migration
 * needs no change here. Values are only bound: each batch of rows travels as one JSON parameter
 * that PostgreSQL's json_populate_recordset() turns into typed rows; table and column names come
 * from the schema and are quoted as identifiers. Callers: main.c (cmd_migrate_db). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../core/arena.h"
#include "../core/buf.h"
#include "../core/err.h"
#include "db.h"
#include "transfer.h"

#define TABLES_MAX	128		/* the schema has a few dozen */
#define COLS_MAX	96		/* the widest table has about forty */
#define BATCH_ROWS	500		/* rows per INSERT: few round trips, bounded memory */
#define BATCH_BYTES	(4u << 20)	/* ... or this much JSON, whichever comes first */
#define PROGRESS_EVERY	100000		/* a progress line per this many rows of one table */

struct xt {
	const char	*name;
	const char	*q;		/* the name quoted as an identifier */
	const char	*cols[COLS_MAX];
	int		 blob[COLS_MAX];
	int		 ncols;
	const char	*pk[COLS_MAX];	/* primary-key columns in key order */
	int		 npk;
	int		 int_pk;	/* one INTEGER primary key: PostgreSQL has an identity sequence for it */
	const char	*deps[TABLES_MAX];
	int		 ndeps;
	int		 done;
};

static const char SQL_TABLES[] = "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name";
static const char SQL_COLUMNS[] = "SELECT name, upper(type), pk FROM pragma_table_info(?) ORDER BY cid";
static const char SQL_FKEYS[] = "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?)";
static const char SQL_SEQUENCE[] = "SELECT pg_get_serial_sequence(?, ?)";

/* "name" with inner quotes doubled: identifiers from the schema, never values. */
static const char *
quote_ident(struct arena *a, const char *name)
{
	struct buf b;
	const char *p;

	buf_init(&b, a, 0);
	buf_putc(&b, '"');
	for (p = name; *p != '\0'; p++) {
		if (*p == '"')
			buf_putc(&b, '"');
		buf_putc(&b, *p);
	}
	buf_putc(&b, '"');
	return b.failed ? NULL : buf_cstr(&b);
}

static void
json_string(struct buf *b, const char *s)
{
	const unsigned char *p;

	buf_putc(b, '"');
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, (char)*p);
		} else if (*p < 0x20)
			buf_printf(b, "\\u%04x", *p);
		else
			buf_putc(b, (char)*p);
	}
	buf_putc(b, '"');
}

/* SQLite-internal tables, schema_migrations (the target's own migrations wrote it) and full-text
 * tables with their shadow tables (name_data, name_idx, ...): the index is rebuilt, not copied. */
static int
skip_table(const char *name, const char *const *vtabs, int nvtabs)
{
	int i;
	size_t n;

	if (strncmp(name, "sqlite_", 7) == 0 || strcmp(name, "schema_migrations") == 0)
		return 1;
	for (i = 0; i < nvtabs; i++) {
		n = strlen(vtabs[i]);
		if (strcmp(name, vtabs[i]) == 0 || (strncmp(name, vtabs[i], n) == 0 && name[n] == '_'))
			return 1;
	}
	return 0;
}

static int
read_schema(struct db *from, struct arena *a, struct xt *t, int *nt, struct err *e)
{
	const char *names[TABLES_MAX], *vtabs[TABLES_MAX];
	struct db_stmt *st;
	int i, n = 0, nv = 0, rc;

	if ((st = db_query(from, e, SQL_TABLES, "")) == NULL)
		return -1;
	while ((rc = db_step(st, e)) == 1) {
		if (n == TABLES_MAX) {
			db_done(st);
			return err_set(e, 500, "migrate-db", "The source has more than %d tables.", TABLES_MAX);
		}
		names[n] = arena_strdup(a, db_col_text(st, 0));
		if (strncasecmp(db_col_text(st, 1), "CREATE VIRTUAL TABLE", 20) == 0)
			vtabs[nv++] = names[n];
		n++;
	}
	if (rc == -1)
		return -1;
	db_done(st);
	*nt = 0;
	for (i = 0; i < n; i++) {
		struct xt *x;
		if (skip_table(names[i], vtabs, nv))
			continue;
		x = &t[(*nt)++];
		memset(x, 0, sizeof(*x));
		x->name = names[i];
		if ((x->q = quote_ident(a, x->name)) == NULL)
			return err_set(e, 500, "memory", "Out of memory reading the schema.");
		if ((st = db_query(from, e, SQL_COLUMNS, "s", x->name)) == NULL)
			return -1;
		while ((rc = db_step(st, e)) == 1) {
			int64_t pk = db_col_int(st, 2);
			if (x->ncols == COLS_MAX) {
				db_done(st);
				return err_set(e, 500, "migrate-db", "Table %s has more than %d columns.", x->name, COLS_MAX);
			}
			x->cols[x->ncols] = arena_strdup(a, db_col_text(st, 0));
			x->blob[x->ncols] = strcmp(db_col_text(st, 1), "BLOB") == 0;
			if (pk > 0 && pk <= COLS_MAX) {
				x->pk[pk - 1] = x->cols[x->ncols];
				x->npk++;
				x->int_pk = strcmp(db_col_text(st, 1), "INTEGER") == 0;
			}
			x->ncols++;
		}
		if (rc == -1)
			return -1;
		db_done(st);
		if (x->npk != 1)
			x->int_pk = 0;
		if ((st = db_query(from, e, SQL_FKEYS, "s", x->name)) == NULL)
			return -1;
		while ((rc = db_step(st, e)) == 1)
			if (strcmp(db_col_text(st, 0), x->name) != 0 && x->ndeps < TABLES_MAX)
				x->deps[x->ndeps++] = arena_strdup(a, db_col_text(st, 0));
		if (rc == -1)
			return -1;
		db_done(st);
	}
	return 0;
}

/* Parents before children: the next table whose referenced tables are all placed. A table
 * referring to itself is copied in key order (parents are older rows). */
static int
order_tables(struct xt *t, int nt, struct xt **order, struct err *e)
{
	int placed = 0, i, j, k, ready, progress;

	while (placed < nt) {
		progress = 0;
		for (i = 0; i < nt; i++) {
			if (t[i].done)
				continue;
			ready = 1;
			for (j = 0; j < t[i].ndeps && ready; j++)
				for (k = 0; k < nt; k++)
					if (strcmp(t[k].name, t[i].deps[j]) == 0 && !t[k].done)
						ready = 0;
			if (!ready)
				continue;
			t[i].done = 1;
			order[placed++] = &t[i];
			progress = 1;
		}
		if (!progress)
			return err_set(e, 500, "migrate-db", "The tables' foreign keys form a cycle; cannot order the copy.");
	}
	return 0;
}

static int
target_empty(struct db *to, struct arena *a, struct xt *t, int nt, struct err *e)
{
	int64_t n;
	int i;

	for (i = 0; i < nt; i++) {
		struct buf b;
		buf_init(&b, a, 0);
		buf_printf(&b, "SELECT count(*) FROM %s", t[i].q);
		if (b.failed)
			return err_set(e, 500, "memory", "Out of memory.");
		if (db_int(to, e, &n, buf_cstr(&b), "") == -1) {
			if (e->status == 500)
				err_set(e, 500, "migrate-db", "The target has no table %s after its migrations; "
				    "is the source from a newer idtracker?", t[i].name);
			return -1;
		}
		if (n > 0)
			return err_set(e, 409, "migrate-db", "The target database is not empty (table %s has %lld rows); "
			    "migrate-db copies into an empty database only.", t[i].name, (long long)n);
	}
	return 0;
}

static int
flush_batch(struct db *to, const char *ins, struct buf *json, int *nrows, struct err *e)
{
	int64_t changed;

	if (*nrows == 0)
		return 0;
	buf_putc(json, ']');
	if (buf_finish(json, e) == -1)
		return -1;
	if ((changed = db_run(to, e, ins, "s", buf_cstr(json))) == -1)
		return -1;
	if (changed != *nrows)
		return err_set(e, 500, "migrate-db", "%d rows sent, %lld inserted.", *nrows, (long long)changed);
	*nrows = 0;
	buf_reset(json);
	return 0;
}

static int
copy_table(struct db *from, struct db *to, struct arena *a, struct xt *x, FILE *progress, struct err *e)
{
	struct buf sel, ins, json;
	struct db_stmt *st;
	int64_t total = 0;
	int i, rc, nrows = 0;
	const char *sel_sql, *ins_sql;

	buf_init(&sel, a, 0);
	buf_init(&ins, a, 0);
	buf_puts(&sel, "SELECT ");
	buf_printf(&ins, "INSERT INTO %s (", x->q);
	for (i = 0; i < x->ncols; i++) {
		const char *c = quote_ident(a, x->cols[i]);
		if (c == NULL)
			return err_set(e, 500, "memory", "Out of memory.");
		/* Bytes travel as hex: bytea reads "\x..." as the same bytes. */
		buf_printf(&sel, x->blob[i] ? "%slower(hex(%s))" : "%s%s", i ? ", " : "", c);
		buf_printf(&ins, "%s%s", i ? ", " : "", c);
	}
	buf_printf(&sel, " FROM %s ORDER BY ", x->q);
	for (i = 0; i < x->npk; i++)
		buf_printf(&sel, "%s%s", i ? ", " : "", quote_ident(a, x->pk[i]));
	if (x->npk == 0)
		buf_puts(&sel, "rowid");
	buf_puts(&ins, ") SELECT ");
	for (i = 0; i < x->ncols; i++)
		buf_printf(&ins, "%s%s", i ? ", " : "", quote_ident(a, x->cols[i]));
	buf_printf(&ins, " FROM json_populate_recordset(NULL::%s, ?::json)", x->q);
	if (sel.failed || ins.failed)
		return err_set(e, 500, "memory", "Out of memory.");
	sel_sql = buf_cstr(&sel);
	ins_sql = buf_cstr(&ins);

	buf_init(&json, NULL, 0);
	if ((st = db_query(from, e, sel_sql, "")) == NULL)
		return -1;
	while ((rc = db_step(st, e)) == 1) {
		buf_putc(&json, nrows ? ',' : '[');
		buf_putc(&json, '{');
		for (i = 0; i < x->ncols; i++) {
			if (i)
				buf_putc(&json, ',');
			json_string(&json, x->cols[i]);
			buf_putc(&json, ':');
			if (db_col_null(st, i))
				buf_puts(&json, "null");
			else if (x->blob[i]) {
				buf_puts(&json, "\"\\\\x");
				buf_puts(&json, db_col_text(st, i));
				buf_putc(&json, '"');
			} else
				json_string(&json, db_col_text(st, i));
		}
		buf_putc(&json, '}');
		nrows++;
		total++;
		if ((nrows == BATCH_ROWS || json.len >= BATCH_BYTES) && flush_batch(to, ins_sql, &json, &nrows, e) == -1)
			goto fail;
		if (progress != NULL && total % PROGRESS_EVERY == 0)
			fprintf(progress, "migrate-db: %s: %lld rows so far\n", x->name, (long long)total);
	}
	if (rc == -1)
		goto fail;
	db_done(st);
	st = NULL;
	if (flush_batch(to, ins_sql, &json, &nrows, e) == -1)
		goto fail;
	buf_release(&json);
	if (progress != NULL)
		fprintf(progress, "migrate-db: %s: %lld rows\n", x->name, (long long)total);
	return 0;
fail:
	db_done(st);
	buf_release(&json);
	return -1;
}

/* An identity column takes the next value from its sequence, which the copy (ids given) did not move. */
static int
reset_sequence(struct db *to, struct arena *a, struct xt *x, struct err *e)
{
	struct db_stmt *st;
	struct buf b;
	const char *seq;
	int64_t next;
	int rc;

	if (!x->int_pk)
		return 0;
	if ((st = db_query(to, e, SQL_SEQUENCE, "ss", x->q, x->pk[0])) == NULL)
		return -1;
	if ((rc = db_step(st, e)) == -1)
		return -1;
	seq = rc == 1 && !db_col_null(st, 0) ? arena_strdup(a, db_col_text(st, 0)) : NULL;
	db_done(st);
	if (seq == NULL)
		return 0;
	buf_init(&b, a, 0);
	buf_printf(&b, "SELECT setval(?::regclass, COALESCE((SELECT max(%s) FROM %s), 0) + 1, false)",
	    quote_ident(a, x->pk[0]), x->q);
	if (b.failed)
		return err_set(e, 500, "memory", "Out of memory.");
	return db_int(to, e, &next, buf_cstr(&b), "s", seq) == -1 ? -1 : 0;
}

int
db_transfer(struct db *from, struct db *to, struct arena *a, db_transfer_index_fn reindex, FILE *progress,
    struct err *e)
{
	static struct xt t[TABLES_MAX];
	struct xt *order[TABLES_MAX];
	int nt, i;

	if (read_schema(from, a, t, &nt, e) == -1 || order_tables(t, nt, order, e) == -1 ||
	    target_empty(to, a, t, nt, e) == -1)
		return -1;
	if (db_begin(to, e) == -1)
		return -1;
	for (i = 0; i < nt; i++)
		if (copy_table(from, to, a, order[i], progress, e) == -1 || reset_sequence(to, a, order[i], e) == -1)
			goto fail;
	if (reindex != NULL && reindex(to, e) == -1)
		goto fail;
	if (db_commit(to, e) == -1)
		return -1;
	if (progress != NULL)
		fprintf(progress, "migrate-db: %d tables copied\n", nt);
	return 0;
fail:
	db_rollback(to);
	return -1;
}
