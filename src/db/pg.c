/* pg.c: db.h over PostgreSQL (libpq), for several app servers on one database.
 * Callers: db.c through db_pg_ops for postgresql:// and postgres:// URLs; nothing else includes libpq-fe.h.
 * SQL keeps SQLite's ? placeholders; they become $1..$n here, and each statement is a named
 * prepared statement on its connection, prepared at its first run with the bound types.
 * libpq is loaded by pg_open() on first use (core/dynlib.h): an office on SQLite never loads it. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "../core/buf.h"
#include "../core/dynlib.h"
#include "../core/err.h"
#include "../core/log.h"
#include "backend.h"
#include "db.h"
#include "sonames.h"

/* Every libpq function this file calls; one missing here is a link error (-lpq is not linked). */
#define PQ_FUNCS(X) \
	X(PQclear) X(PQcmdStatus) X(PQcmdTuples) X(PQconnectdb) X(PQerrorMessage) X(PQexec) \
	X(PQexecParams) X(PQexecPrepared) X(PQfinish) X(PQgetisnull) X(PQgetvalue) X(PQnfields) \
	X(PQntuples) X(PQprepare) X(PQreset) X(PQresultErrorField) X(PQresultErrorMessage) \
	X(PQresultStatus) X(PQsetNoticeProcessor) X(PQstatus) X(PQtransactionStatus)
PQ_FUNCS(DYNLIB_PTR)
static const struct dynlib_sym pq_syms[] = { PQ_FUNCS(DYNLIB_SYM) };
static struct dynlib pq_lib = DYNLIB(SONAME_PQ, "PostgreSQL", pq_syms, NULL);
#define PQclear			p_PQclear
#define PQcmdStatus		p_PQcmdStatus
#define PQcmdTuples		p_PQcmdTuples
#define PQconnectdb		p_PQconnectdb
#define PQerrorMessage		p_PQerrorMessage
#define PQexec			p_PQexec
#define PQexecParams		p_PQexecParams
#define PQexecPrepared		p_PQexecPrepared
#define PQfinish		p_PQfinish
#define PQgetisnull		p_PQgetisnull
#define PQgetvalue		p_PQgetvalue
#define PQnfields		p_PQnfields
#define PQntuples		p_PQntuples
#define PQprepare		p_PQprepare
#define PQreset			p_PQreset
#define PQresultErrorField	p_PQresultErrorField
#define PQresultErrorMessage	p_PQresultErrorMessage
#define PQresultStatus		p_PQresultStatus
#define PQsetNoticeProcessor	p_PQsetNoticeProcessor
#define PQstatus		p_PQstatus
#define PQtransactionStatus	p_PQtransactionStatus

#define STMT_CACHE	256	/* distinct statements per connection, as in sqlite.c */
#define PARAMS_MAX	128	/* placeholders in one statement; the widest insert has a few dozen */
#define OID_UNKNOWN	0	/* let the server infer the type from the context */
#define OID_BYTEA	17
#define OID_INT8	20
#define OID_TEXT	25
/* One advisory lock every transaction takes first: writers queue as SQLite's BEGIN IMMEDIATE
 * made them, so the code's check-then-act inside one transaction stays atomic across servers. */
#define WRITE_LOCK	"SELECT pg_advisory_xact_lock(7596873461)"
/* SQLite's busy timeout: a writer waits this long for another, then 503. */
/* No parallel workers: a web request's queries are short, and starting workers cost more than they
 * saved (a Gather's start-up was 34 ms of a 40 ms liaison search in bench/scale.sh). random_page_cost
 * 1.1, the usual setting for data on SSD or in memory: at the default 4, PostgreSQL preferred reading
 * all of liaison_group to 100 index lookups for a list's groups (4 ms instead of 1 at 5,000
 * statements, and growing with the table). */
#define SESSION_SETUP	"SET client_min_messages = warning; SET lock_timeout = '10s'; SET TIME ZONE 'UTC'; " \
	"SET max_parallel_workers_per_gather = 0; SET random_page_cost = 1.1"

struct pg_stmt {
	struct db_stmt	 base;	/* first: db.c sees this */
	const char	*key;
	char		*sql;		/* with $1..$n */
	int		 nparams;
	int		 id;
	int		 gen;		/* bumped when the types change and it is prepared again */
	char		 prepared_types[PARAMS_MAX + 1];
	int		 prepared;
	int		 custom;	/* planned with its values at each run (pg_exec_custom) */
	int		 custom_text;	/* and its text values sent as text (42P18 once) */
	char		*sql_phrase;	/* a search's text for a query that may hold a phrase (FTS_PHRASE) */
	int		 fts_param;	/* which value is the search's words (0-based) */
	char		 types[PARAMS_MAX + 1];	/* the types of the current binding */
	char		*vals[PARAMS_MAX];
	int		 lens[PARAMS_MAX];
	int		 fmts[PARAMS_MAX];
	char		 nums[PARAMS_MAX][24];
	char		*owned[PARAMS_MAX];
	PGresult	*res;
	int		 row;		/* -1 before the first step */
};

struct pg_db {
	struct db	 base;	/* first: db.c sees this */
	PGconn		*conn;
	struct pg_stmt	*cache[STMT_CACHE];
	int		 ncache;
	int64_t		 changes;
};

#define PDB(d)	((struct pg_db *)(d))
#define PST(s)	((struct pg_stmt *)(s))

/* A status and a sentence from a failed result, as sqlite.c's db_fail(). */
static int
pg_fail(struct pg_db *db, struct err *e, const PGresult *res, const char *what)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(db->conn);

	if (state != NULL && strcmp(state, "23503") == 0)
		return err_set(e, 409, "conflict", "That refers to something that does not exist.");
	if (state != NULL && (strcmp(state, "23505") == 0 || strcmp(state, "23P01") == 0))
		return err_set(e, 409, "conflict", "That already exists.");
	if (state != NULL && (strcmp(state, "55P03") == 0 || strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0))
		return err_set(e, 503, "busy", "The database is busy; please try again in a moment.");
	log_error("postgresql %s: %s (%s)", what, msg ? msg : "?", state ? state : "no state");
	return err_set(e, 500, "db", "A database error occurred (%s).", state ? state : "connection");
}

static void
pg_quiet(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

static int pg_revive(struct pg_db *, struct err *);
static int pg_lost(struct pg_db *, const PGresult *);

static int
pg_command(struct pg_db *db, struct err *e, const char *sql, const char *what)
{
	int idle = PQtransactionStatus(db->conn) == PQTRANS_IDLE;
	PGresult *res = PQexec(db->conn, sql);
	ExecStatusType st = PQresultStatus(res);
	int rc = 0;

	/* BEGIN (or a setting) on a connection the server dropped: once more on a new one. */
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && idle && pg_lost(db, res)) {
		PQclear(res);
		res = PQexec(db->conn, sql);
		st = PQresultStatus(res);
	}
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
		rc = pg_fail(db, e, res, what);
	PQclear(res);
	return rc;
}

static void pg_close(struct db *);

/* A connection the server dropped (a restart, a failover, an idle timeout, pg_terminate_backend)
 * is opened again on its next use: PQreset, the session settings again, and every cached statement
 * prepared again at its next run (prepared statements die with their session). */
static int
pg_revive(struct pg_db *db, struct err *e)
{
	PGresult *res;
	int i;

	if (PQstatus(db->conn) == CONNECTION_OK)
		return 0;
	PQreset(db->conn);
	if (PQstatus(db->conn) != CONNECTION_OK) {
		char m[256];
		snprintf(m, sizeof(m), "%s", PQerrorMessage(db->conn));
		m[strcspn(m, "\n")] = '\0';
		log_error("postgresql: reconnecting failed: %s", m);
		return err_set(e, 503, "db", "The database cannot be reached; please try again in a moment.");
	}
	for (i = 0; i < db->ncache; i++)
		db->cache[i]->prepared = 0;
	res = PQexec(db->conn, SESSION_SETUP);
	i = PQresultStatus(res) == PGRES_COMMAND_OK;
	PQclear(res);
	if (!i)
		return err_set(e, 503, "db", "The database cannot be reached; please try again in a moment.");
	log_info("postgresql: connection re-established");
	return 0;
}

/* After a failure outside a transaction: 1 when the cause was a lost connection (then revived, and the
 * caller may run the statement once more: the server never ran it), else 0. */
static int
pg_lost(struct pg_db *db, const PGresult *res)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	struct err e = { 0 };

	if (PQstatus(db->conn) == CONNECTION_OK && (state == NULL || strncmp(state, "57P0", 4) != 0))
		return 0;
	return pg_revive(db, &e) == 0;
}

static int
pg_open(struct db **out, const char *url, struct err *e)
{
	struct pg_db *db;

	if (dynlib_load(&pq_lib) == -1)
		return err_set(e, 503, "db", "%s.", pq_lib.error);
	if ((db = calloc(1, sizeof(*db))) == NULL)
		return err_set(e, 500, "memory", "Out of memory opening the database.");
	db->base.ops = &db_pg_ops;
	/* libpq reads postgresql:// URLs itself, host=/socket/dir included. */
	db->conn = PQconnectdb(url);
	if (db->conn == NULL || PQstatus(db->conn) != CONNECTION_OK) {
		char m[256];
		snprintf(m, sizeof(m), "%s", db->conn ? PQerrorMessage(db->conn) : "out of memory");
		m[strcspn(m, "\n")] = '\0';
		pg_close(&db->base);
		return err_set(e, 503, "db", "Cannot connect to PostgreSQL: %s.", m);
	}
	PQsetNoticeProcessor(db->conn, pg_quiet, NULL);
	if (pg_command(db, e, SESSION_SETUP, "setup") == -1) {
		pg_close(&db->base);
		return -1;
	}
	*out = &db->base;
	return 0;
}

static void
pg_stmt_clear(struct pg_stmt *s)
{
	int i;

	PQclear(s->res);
	s->res = NULL;
	s->row = -1;
	for (i = 0; i < s->nparams; i++) {
		free(s->owned[i]);
		s->owned[i] = NULL;
		s->vals[i] = NULL;
	}
	s->types[0] = '\0';
}

static void
pg_close(struct db *d)
{
	struct pg_db *db = PDB(d);
	int i;

	for (i = 0; i < db->ncache; i++) {
		pg_stmt_clear(db->cache[i]);
		free(db->cache[i]->sql);
		free(db->cache[i]->sql_phrase);
		free(db->cache[i]);
	}
	if (db->conn)
		PQfinish(db->conn);
	free(db);
}

static int
pg_begin(struct db *d, struct err *e)
{
	if (pg_command(PDB(d), e, "BEGIN ISOLATION LEVEL READ COMMITTED", "begin") == -1)
		return -1;
	if (pg_command(PDB(d), e, WRITE_LOCK, "begin") == -1) {
		pg_command(PDB(d), NULL, "ROLLBACK", "rollback");
		return -1;
	}
	return 0;
}

/* A claim transaction: row locks only (FOR UPDATE SKIP LOCKED), not the office-wide writer lock. */
static int
pg_begin_claim(struct db *d, struct err *e)
{
	return pg_command(PDB(d), e, "BEGIN ISOLATION LEVEL READ COMMITTED", "begin");
}

/* A job's advisory-lock key: 64-bit FNV-1a of "idtracker job " + name, so no other user of the
 * database's advisory locks (and not WRITE_LOCK) collides with it by accident. */
static int64_t
job_key(const char *name)
{
	const char *p;
	uint64_t h = 14695981039346656037ULL;

	for (p = "idtracker job "; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	for (p = name; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	return (int64_t)(h >> 1);
}

static int
pg_job_lock(struct db *d, const char *name, struct err *e)
{
	struct db_stmt *s;
	int rc, got;

	if ((s = db_query(d, e, "SELECT pg_try_advisory_lock(?)", "i", job_key(name))) == NULL)
		return -1;
	if ((rc = db_step(s, e)) != 1) {
		db_done(s);
		return rc == 0 ? err_set(e, 500, "db", "pg_try_advisory_lock returned no row.") : -1;
	}
	got = strcmp(db_col_text(s, 0), "t") == 0;
	db_done(s);
	return got;
}

static void
pg_job_unlock(struct db *d, const char *name)
{
	struct err e = { 0 };
	struct db_stmt *s;

	if ((s = db_query(d, &e, "SELECT pg_advisory_unlock(?)", "i", job_key(name))) != NULL) {
		db_step(s, &e);
		db_done(s);
	}
}

static int
pg_commit(struct db *d, struct err *e)
{
	return pg_command(PDB(d), e, "COMMIT", "commit");
}

static int
pg_tx_open(struct db *d)
{
	return PQtransactionStatus(PDB(d)->conn) != PQTRANS_IDLE;
}

static void
pg_rollback(struct db *d)
{
	if (pg_tx_open(d))
		pg_command(PDB(d), NULL, "ROLLBACK", "rollback");
}

/* ? -> $n outside string literals, quoted names and comments; ?^ (only ever in a spelling of
 * pg_queries) is the placeholder before it again. Returns the count, or -1. */
static int
rewrite_placeholders(const char *sql, struct buf *b)
{
	const char *p;
	int n = 0;

	for (p = sql; *p != '\0'; p++) {
		if (*p == '\'' || *p == '"') {
			const char *q = strchr(p + 1, *p);
			if (q == NULL)
				q = p + strlen(p) - 1;
			buf_put(b, p, (size_t)(q - p + 1));
			p = q;
		} else if (p[0] == '-' && p[1] == '-') {
			const char *q = strchr(p, '\n');
			size_t len = q ? (size_t)(q - p) : strlen(p);
			buf_put(b, p, len);
			p += len - 1;
		} else if (p[0] == '?' && p[1] == '^') {	/* the value before, again (a spelling's second use) */
			if (n == 0)
				return -1;
			buf_printf(b, "$%d", n);
			p++;
		} else if (*p == '?') {
			if (++n > PARAMS_MAX)
				return -1;
			buf_printf(b, "$%d", n);
		} else
			buf_putc(b, *p);
	}
	return n;
}

/* A liaison statement's posting time in seconds (its search key, liaison.c and migration 010). */
#define PG_EPOCH "strftime('%s', posted_at)", "extract(epoch FROM CAST(posted_at AS timestamptz))"

/* The few query spellings SQLite and PostgreSQL do not share, rewritten as a statement is first
 * prepared (static text to static text: values stay bound). An FTS5 query of quoted words
 * (liaison.c's fts_query) is every word at once, a quoted one that unicode61 cuts in several a
 * phrase; idt_fts_query() (below, FTS_QUERY) reads it so, and no word at all matches nothing on
 * both. A statement with a search is planned with its values at each run (pg_exec_custom), so the
 * planner folds idt_fts_query() of the words to a constant, computed once per search, and sees how
 * common they are: a rare word's matches from the GIN index, a common word's by walking the search
 * key (liaison.c) from the newest until the page is full.
 * The search reads each row's words without their positions (migration 013, the column words,
 * kept in a row of its own size while the tsvector goes to the TOAST table): a walk for a word in
 * 4% of 100,000 statements took 3.4 ms through the tsvectors and takes 1.2 ms so. A phrase needs
 * the positions: a search whose words hold a byte past ASCII (the only ones unicode61 may cut in
 * several, fts_query keeping ASCII letters and digits together) runs FTS_PHRASE instead, the words
 * first and the tsvector of the rows they match. */
#define FTS_MATCH "liaison_fts MATCH ?"
#define FTS_WORDS_MATCH "liaison_fts.words @@ idt_fts_query(?)"
#define FTS_PHRASE "liaison_fts.words @@ idt_fts_all(?) AND liaison_fts.tsv @@ idt_fts_query(?^)"
#define PG_QUERIES(fts) \
	{ FTS_MATCH, fts }, \
	{ "group_concat(", "string_agg(" }, \
	{ "/*skip-locked*/", "FOR UPDATE SKIP LOCKED" }, \
	{ " INDEXED BY liaison_cover", "" },	/* SQLite's index hint; PostgreSQL chooses its own */ \
	{ "json_each(?)", "json_array_elements_text(CAST(? AS json))" },	/* a JSON array's values, column "value" */ \
	{ PG_EPOCH }, \
	{ "SELECT rowid FROM doc_name_trgm WHERE name LIKE ?", "SELECT id FROM document WHERE name LIKE ?" }, \
	{ NULL, NULL }
static const struct db_spelling pg_queries[] = { PG_QUERIES(FTS_WORDS_MATCH) };
static const struct db_spelling pg_queries_phrase[] = { PG_QUERIES(FTS_PHRASE) };

/* SQL with ? and the spellings of sp to the server's text with $n; the count in *n. NULL on failure. */
static char *
pg_text(const struct db_spelling *sp, const char *sql, int *n)
{
	struct buf b;
	char *text;

	if ((text = db_expand_spellings(sp, sql)) == NULL)
		return NULL;
	buf_init(&b, NULL, 0);
	*n = rewrite_placeholders(text, &b);
	free(text);
	if (*n == -1 || b.failed) {
		buf_release(&b);
		return NULL;
	}
	return b.data ? b.data : strdup("");
}

static struct db_stmt *
pg_prepare(struct db *d, const char *sql, struct err *e)
{
	struct pg_db *db = PDB(d);
	struct pg_stmt *s;
	char *text;
	int i, n = 0;

	for (i = 0; i < db->ncache; i++)
		if (db->cache[i]->key == sql)
			return &db->cache[i]->base;
	if (db->ncache == STMT_CACHE) {
		err_set(e, 500, "db", "Too many distinct SQL statements on one connection.");
		return NULL;
	}
	if ((text = pg_text(pg_queries, sql, &n)) == NULL || (s = calloc(1, sizeof(*s))) == NULL) {
		free(text);
		err_set(e, 500, "db", "Cannot prepare a statement with %d placeholders.", n);
		return NULL;
	}
	s->sql = text;
	if ((s->custom = strstr(sql, FTS_MATCH) != NULL)) {
		/* The search's value: the placeholders before FTS_MATCH's own. */
		char *head = strndup(sql, (size_t)(strstr(sql, FTS_MATCH) - sql)), *t;
		int before = 0, nphrase = -1;
		if (head != NULL && (t = pg_text(pg_queries, head, &before)) != NULL)
			free(t);
		free(head);
		s->fts_param = before;
		if ((s->sql_phrase = pg_text(pg_queries_phrase, sql, &nphrase)) == NULL || nphrase != n) {
			free(s->sql_phrase);
			free(s->sql);
			free(s);
			err_set(e, 500, "db", "Cannot prepare a search statement.");
			return NULL;
		}
	}
	s->key = sql;
	s->nparams = n;
	s->id = db->ncache;
	s->row = -1;
	s->base.db = d;
	db->cache[db->ncache++] = s;
	return &s->base;
}

static void
pg_done(struct db_stmt *bs)
{
	pg_stmt_clear(PST(bs));
}

static int
pg_bind_va(struct db_stmt *bs, struct err *e, const char *types, va_list ap)
{
	struct pg_stmt *s = PST(bs);
	int i;

	pg_stmt_clear(s);
	if ((int)strlen(types) != s->nparams)
		return err_set(e, 500, "db", "%d values bound to a statement with %d placeholders.", (int)strlen(types), s->nparams);
	for (i = 0; types[i] != '\0'; i++) {
		s->fmts[i] = 0;
		s->lens[i] = 0;
		switch (types[i]) {
		case 's': {
			const char *v = va_arg(ap, const char *);
			if (v != NULL && (s->owned[i] = strdup(v)) == NULL)
				goto oom;
			s->vals[i] = s->owned[i];
			break;
		}
		case 'i':
			snprintf(s->nums[i], sizeof(s->nums[i]), "%lld", (long long)va_arg(ap, int64_t));
			s->vals[i] = s->nums[i];
			break;
		case 'n': {	/* an optional reference: 0 binds NULL */
			int64_t v = va_arg(ap, int64_t);
			snprintf(s->nums[i], sizeof(s->nums[i]), "%lld", (long long)v);
			s->vals[i] = v == 0 ? NULL : s->nums[i];
			break;
		}
		case 'd':
			snprintf(s->nums[i], sizeof(s->nums[i]), "%d", va_arg(ap, int));
			s->vals[i] = s->nums[i];
			break;
		case 'b': {
			const void *p = va_arg(ap, const void *);
			size_t n = va_arg(ap, size_t);
			if ((s->owned[i] = malloc(n ? n : 1)) == NULL)
				goto oom;
			if (n)
				memcpy(s->owned[i], p, n);
			s->vals[i] = s->owned[i];
			s->lens[i] = (int)n;
			s->fmts[i] = 1;	/* binary: the bytes as they are */
			break;
		}
		default:
			pg_stmt_clear(s);
			return err_set(e, 500, "db", "Unknown bind type '%c'.", types[i]);
		}
	}
	memcpy(s->types, types, (size_t)s->nparams + 1);
	return 0;
oom:
	pg_stmt_clear(s);
	return err_set(e, 500, "memory", "Out of memory binding a value.");
}

/* The parameter types of s for a pass: text values as "unknown" first, as text on the second. */
static void
param_oids(const struct pg_stmt *s, int text, Oid *oids)
{
	int i;

	for (i = 0; i < s->nparams; i++)
		oids[i] = s->types[i] == 'b' ? OID_BYTEA : s->types[i] == 's' ? (text ? OID_TEXT : OID_UNKNOWN) : OID_INT8;
}

static int
is_indeterminate(const PGresult *res)
{
	const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);

	return state != NULL && strcmp(state, "42P18") == 0;
}

/* Runs s unprepared, so that the server plans it with the values bound (a one-off plan each time,
 * as a prepared statement gets for its first five runs only). For the searches (pg_queries). */
static PGresult *
pg_exec_custom(struct pg_db *db, struct pg_stmt *s)
{
	Oid oids[PARAMS_MAX];
	PGresult *res;
	const char *sql = s->sql, *p;

	/* A phrase only where the words hold a byte past ASCII (pg_queries). */
	for (p = s->fts_param < s->nparams ? s->vals[s->fts_param] : NULL; p != NULL && *p != '\0'; p++)
		if ((unsigned char)*p >= 0x80) {
			sql = s->sql_phrase;
			break;
		}
	for (;;) {
		param_oids(s, s->custom_text, oids);
		res = PQexecParams(db->conn, sql, s->nparams, oids, (const char *const *)s->vals, s->lens, s->fmts, 0);
		if (s->custom_text || !is_indeterminate(res) || PQtransactionStatus(db->conn) != PQTRANS_IDLE)
			return res;
		PQclear(res);
		s->custom_text = 1;
	}
}

/* Prepares s under a name for its current types. Text values go as "unknown" so the server
 * infers them from the context (a text value compared with an integer column); where it
 * cannot (? IS NULL), they go as text. */
static int
pg_prepare_named(struct pg_db *db, struct pg_stmt *s, struct err *e)
{
	Oid oids[PARAMS_MAX];
	char name[32];
	PGresult *res;
	int pass;

	if (s->prepared && strcmp(s->prepared_types, s->types) == 0)
		return 0;
	for (pass = 0; pass < 2; pass++) {
		param_oids(s, pass, oids);
		s->gen++;
		snprintf(name, sizeof(name), "idt_%d_%d", s->id, s->gen);
		res = PQprepare(db->conn, name, s->sql, s->nparams, oids);
		if (PQresultStatus(res) == PGRES_COMMAND_OK) {
			PQclear(res);
			s->prepared = 1;
			memcpy(s->prepared_types, s->types, (size_t)s->nparams + 1);
			return 0;
		}
		if (pass == 0 && is_indeterminate(res) && PQtransactionStatus(db->conn) == PQTRANS_IDLE) {
			PQclear(res);
			continue;
		}
		log_error("postgresql prepare failed for: %s", s->sql);
		pg_fail(db, e, res, "prepare");
		PQclear(res);
		return -1;
	}
	return -1;
}

static int
pg_step(struct db_stmt *bs, struct err *e)
{
	struct pg_stmt *s = PST(bs);
	struct pg_db *db = PDB(bs->db);
	ExecStatusType st;
	char name[32];

	if (s->res == NULL) {
		if (s->nparams == 0)
			s->types[0] = '\0';
		else if (s->types[0] == '\0')
			return err_set(e, 500, "db", "A statement ran without its values bound.");
		int idle = PQtransactionStatus(db->conn) == PQTRANS_IDLE, again = 0;
		if (idle && pg_revive(db, e) == -1) {
			pg_stmt_clear(s);
			return -1;
		}
retry:
		if (s->custom)
			s->res = pg_exec_custom(db, s);
		else if (pg_prepare_named(db, s, e) == -1) {
			if (idle && !again && PQstatus(db->conn) != CONNECTION_OK && pg_lost(db, NULL)) {
				again = 1;
				goto retry;
			}
			pg_stmt_clear(s);
			return -1;
		} else {
			snprintf(name, sizeof(name), "idt_%d_%d", s->id, s->gen);
			s->res = PQexecPrepared(db->conn, name, s->nparams, (const char *const *)s->vals, s->lens, s->fmts, 0);
		}
		st = PQresultStatus(s->res);
		/* A statement outside a transaction on a connection the server dropped: once more on a new one. */
		if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && idle && !again && pg_lost(db, s->res)) {
			PQclear(s->res);
			s->res = NULL;
			again = 1;
			goto retry;
		}
		if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
			pg_fail(db, e, s->res, "step");
			pg_stmt_clear(s);
			return -1;
		}
		/* SQLite counts rows changed by INSERT, UPDATE and DELETE only. */
		if (strncmp(PQcmdStatus(s->res), "SELECT", 6) != 0 && *PQcmdTuples(s->res) != '\0')
			db->changes = strtoll(PQcmdTuples(s->res), NULL, 10);
		s->row = -1;
	}
	if (++s->row < PQntuples(s->res))
		return 1;
	s->row = PQntuples(s->res);
	return 0;
}

static const char *
pg_col_text(struct db_stmt *bs, int col)
{
	struct pg_stmt *s = PST(bs);

	if (s->res == NULL || s->row < 0 || s->row >= PQntuples(s->res) || col >= PQnfields(s->res))
		return "";
	return PQgetvalue(s->res, s->row, col);
}

/* Booleans come back as t and f where SQLite gives 1 and 0. */
static int64_t
pg_col_int(struct db_stmt *bs, int col)
{
	const char *v = pg_col_text(bs, col);

	if (v[0] == 't' && v[1] == '\0')
		return 1;
	return strtoll(v, NULL, 10);
}

static int
pg_col_null(struct db_stmt *bs, int col)
{
	struct pg_stmt *s = PST(bs);

	if (s->res == NULL || s->row < 0 || s->row >= PQntuples(s->res) || col >= PQnfields(s->res))
		return 1;
	return PQgetisnull(s->res, s->row, col);
}

static int64_t
pg_changes(struct db *d)
{
	return PDB(d)->changes;
}

static int
pg_exec_script(struct db *d, const char *text, struct err *e)
{
	PGresult *res = PQexec(PDB(d)->conn, text);
	ExecStatusType st = PQresultStatus(res);

	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
		char m[512];
		snprintf(m, sizeof(m), "%s", PQresultErrorMessage(res));
		m[strcspn(m, "\n")] = '\0';
		PQclear(res);
		return err_set(e, 500, "db", "A migration failed: %s.", m);
	}
	PQclear(res);
	return 0;
}

static int
pg_backup(struct db *d, const char *path, struct err *e)
{
	(void)d;
	(void)path;
	return err_set(e, 501, "backup", "Back up a PostgreSQL office with pg_dump (see docs/operations.md).");
}

/* Full-text search (L6). SQLite's FTS5 table with the unicode61 tokenizer becomes a table of the
 * same columns (kept by the same DELETE + INSERT in liaison.c) with a generated tsvector and a GIN
 * index, and a search finds the same statements on both (tests/pg/test_search_parity.sh: queries
 * through the API, and every code point of the Latin, Greek, Cyrillic, punctuation and CJK blocks).
 *
 * idt_fts_words() cuts and folds text as unicode61 with remove_diacritics=1 does: every run of
 * letters and digits is a word, case folded, and a Latin letter with one diacritic loses it
 * (é -> e, Ü -> u, Å -> a, ç -> c; not ß, ø, ł, æ, nor the letters with two, such as Vietnamese ệ).
 * lower() and [:alnum:] follow the database's LC_CTYPE, a UTF-8 locale (docs/operations.md). What
 * they do not do is spelled out: FTS_FOLD, applied after lower(), takes the diacritics off and does
 * unicode61's case folds that lower() leaves (final sigma, the Greek symbol letters, long s, micro
 * sign); FTS_MARKS are the combining accents unicode61 drops (U+0300 ...; last in translate()'s list,
 * so they map to nothing); FTS_WORDCHARS are word characters to unicode61 but not to [:alnum:]:
 * numbers other than digits (², ½, ①), and the bidi isolates, currency signs and symbols its Unicode
 * 6.1 tables take for letters; FTS_NONWORD the reverse (circled letters, U+0345). The lists were read
 * off sqlite3 itself (unicode61 on each code point); what they leave out is in docs/architecture.md.
 * translate() compares each character with every one of its list, so text that is all ASCII skips it.
 *
 * The tsvector and the tsquery are written as text rather than by to_tsvector()/plainto_tsquery(),
 * whose parser would cut the words again by rules of its own (it drops ² and ½). Each word keeps its
 * position, with one left empty between columns, so that a quoted word of fts_query()'s that unicode61
 * cuts in several (l’Union, or São Paulo with a no-break space) is a phrase, adjacent words within one
 * column, as FTS5 reads it: idt_fts_query() makes it 'l' <-> 'union', and ANDs the quoted words.
 * PostgreSQL's own limits: a word over 2046 bytes is not indexed, and positions stop at 16383, so a
 * phrase past a statement's first 16383 words is not found (the body is the last column for that).
 * SET search_path FROM CURRENT: a restore from pg_dump computes the generated column with an empty
 * search_path, and idt_fts_vector() must still find idt_fts_words().
 * No PostgreSQL office is in production yet, so these definitions changed in place, in the spelling
 * of migration 004; a database made with the earlier ones keeps them. */
#define FTS_FOLD(X) \
	X("àáâãäåāăąǎȁȃȧḁạả", "aaaaaaaaaaaaaaaa") \
	X("ḃḅḇ", "bbb") \
	X("çćĉċč", "ccccc") \
	X("ďḋḍḏḑḓ", "dddddd") \
	X("èéêëēĕėęěȅȇȩḙḛẹẻẽ", "eeeeeeeeeeeeeeeee") \
	X("ḟ", "f") \
	X("ĝğġģǧǵḡ", "ggggggg") \
	X("ĥȟḣḥḧḩḫẖ", "hhhhhhhh") \
	X("ìíîïĩīĭįǐȉȋḭỉị", "iiiiiiiiiiiiii") \
	X("ĵǰ", "jj") \
	X("ķǩḱḳḵ", "kkkkk") \
	X("ĺļľḷḻḽ", "llllll") \
	X("ḿṁṃ", "mmm") \
	X("ñńņňǹṅṇṉṋ", "nnnnnnnnn") \
	X("òóôõöōŏőơǒǫȍȏȯọỏ", "oooooooooooooooo") \
	X("ṕṗ", "pp") \
	X("ŕŗřȑȓṙṛṟ", "rrrrrrrr") \
	X("śŝşšſșṡṣẛ", "sssssssss") \
	X("ţťțṫṭṯṱẗ", "tttttttt") \
	X("ùúûüũūŭůűųưǔȕȗṳṵṷụủ", "uuuuuuuuuuuuuuuuuuu") \
	X("ṽṿ", "vv") \
	X("ŵẁẃẅẇẉẘ", "wwwwwww") \
	X("ẋẍ", "xx") \
	X("ýÿŷȳẏẙỳỵỷỹ", "yyyyyyyyyy") \
	X("źżžẑẓẕ", "zzzzzz") \
	X("ϐϵϑϰµϖϱςϕ\u1fbe", "βεθκμπρσφι")
#define FTS_FROM(from, to)	from
#define FTS_TO(from, to)	to
#define FTS_MARKS	"\u0300\u0301\u0302\u0303\u0304\u0306\u0307\u0308\u0309\u030a\u030b\u030c\u030f\u0311\u031b" \
	"\u0323\u0324\u0325\u0326\u0327\u0328\u032d\u032e\u0330\u0331"
#define FTS_WORDCHARS	"\u00b2\u00b3\u00b9\u00bc-\u00be\u2070\u2074-\u2079\u2080-\u2089\u2150-\u215f\u2189-\u218b" \
	"\u2460-\u249b\u24ea-\u24ff\u2776-\u2793\u2066-\u2069\u20ba-\u20c0\u23f4-\u23ff"
#define FTS_NONWORD	"\u0345\u24b6-\u24e9"
/* One expression and no FROM, so that PostgreSQL inlines it where it is called. */
#define FTS_WORDS	"CREATE FUNCTION idt_fts_words(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$" \
	"SELECT btrim(regexp_replace(CASE WHEN octet_length(t) = length(t) THEN lower(t) " \
	"ELSE translate(lower(coalesce(t, '')), '" FTS_FOLD(FTS_FROM) FTS_MARKS "', '" FTS_FOLD(FTS_TO) "') END, " \
	"'(?:[^[:alnum:]" FTS_WORDCHARS "]|[" FTS_NONWORD "])+', ' ', 'g'))$$;"
/* The words of a row's columns in one list, a '|' between two columns: word n is at position n,
 * and each '|' leaves a position empty. */
#define FTS_VECTOR	"CREATE FUNCTION idt_fts_vector(VARIADIC c text[]) RETURNS tsvector LANGUAGE sql IMMUTABLE " \
	"PARALLEL SAFE SET search_path FROM CURRENT AS $$" \
	"SELECT coalesce(string_agg('''' || w || ''':' || least(n, 16383), ' ')::tsvector, '') " \
	"FROM unnest(string_to_array(array_to_string(ARRAY(SELECT idt_fts_words(x) FROM unnest(c) AS x), ' | '), ' ')) " \
	"WITH ORDINALITY AS a(w, n) WHERE w NOT IN ('', '|') AND octet_length(w) < 2047$$;"
/* The pieces between double quotes: the even ones were quoted (a phrase, <->), the odd ones are
 * bare words (&); all of them ANDed. No word at all is NULL, which matches nothing. One body for
 * both definitions: MOD is SQL's modulo ("%%" inside format()), WORDS how idt_fts_words is named.
 * Migration 015 replaces FTS_QUERY's function with the same body in PL/pgSQL (below). */
#define FTS_QUERY_BODY(MOD, WORDS) \
	"SELECT string_agg(p, ' & ')::tsquery FROM (SELECT '(' || string_agg('''' || w || '''', " \
	"CASE WHEN i " MOD " 2 = 0 THEN ' <-> ' ELSE ' & ' END ORDER BY j) || ')' AS p " \
	"FROM regexp_split_to_table(q, '\"') WITH ORDINALITY AS a(part, i), " \
	"unnest(string_to_array(nullif(" WORDS "(part), ''), ' ')) WITH ORDINALITY AS b(w, j) " \
	"WHERE octet_length(w) < 2047 GROUP BY i) x"
#define FTS_QUERY	"CREATE FUNCTION idt_fts_query(q text) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE " \
	"SET search_path FROM CURRENT AS $$" FTS_QUERY_BODY("%", "idt_fts_words") "$$;"
#define FTS_TABLE	"CREATE TABLE liaison_fts (rowid BIGINT PRIMARY KEY, title TEXT, body TEXT, contacts TEXT, " \
	"identifiers TEXT, attachments TEXT, tsv tsvector GENERATED ALWAYS AS " \
	"(idt_fts_vector(title, identifiers, contacts, attachments, body)) STORED);" \
	"CREATE INDEX liaison_fts_tsv ON liaison_fts USING gin (tsv);"

/* The migrations' non-portable spellings as PostgreSQL writes them. */
static const struct db_spelling pg_spellings[] = {
	{ "{{ID}}", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" },
	{ "{{BLOB}}", "BYTEA" },
	{ "instr(", "strpos(" },	/* same arguments: (haystack, needle) */
	{ PG_EPOCH },
	/* Migration 010: the search table's tsvector stays in the row (MAIN), the texts go out first. */
	{ "/*pg-fts-storage*/", "ALTER TABLE liaison_fts ALTER COLUMN tsv SET STORAGE MAIN, ALTER COLUMN title SET STORAGE "
	  "EXTERNAL, ALTER COLUMN body SET STORAGE EXTERNAL, ALTER COLUMN contacts SET STORAGE EXTERNAL, ALTER COLUMN "
	  "identifiers SET STORAGE EXTERNAL, ALTER COLUMN attachments SET STORAGE EXTERNAL;" },
	/* Migration 013: the words of each row without their positions, in the row, for the search's
	 * checks and its GIN index (which keeps no positions anyway); the tsvector, read for a phrase
	 * only (pg_queries), goes to the TOAST table: toast_tuple_target 1024 moves it out of any row
	 * past 1 kB, which keeps a row to its words and the walk through rows short. One ALTER TABLE, so
	 * the storage is in place when it rewrites the table. idt_fts_all() is a query's words, any
	 * phrase made all of its words (FTS_PHRASE). */
	{ "/*pg-fts-words*/", "ALTER TABLE liaison_fts ADD COLUMN words tsvector GENERATED ALWAYS AS "
	  "(strip(idt_fts_vector(title, identifiers, contacts, attachments, body))) STORED, ALTER COLUMN words SET STORAGE "
	  "MAIN, ALTER COLUMN tsv SET STORAGE EXTERNAL, SET (toast_tuple_target = 1024);"
	  "CREATE INDEX liaison_fts_words ON liaison_fts USING gin (words);"
	  "DROP INDEX liaison_fts_tsv;"
	  "CREATE FUNCTION idt_fts_all(q text) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path FROM "
	  "CURRENT AS $$SELECT CAST(replace(CAST(idt_fts_query(q) AS text), '<->', '&') AS tsquery)$$;" },
	/* Migration 015: idt_fts_query() in PL/pgSQL (its body compiled and its statement planned once
	 * a connection, not at each call), and idt_fts_all() one expression, which the planner inlines.
	 * Each names the function it calls by the schema it is made in (format's %I of current_schema(),
	 * as SET search_path FROM CURRENT pinned it) rather than by a SET clause: a SET clause keeps a
	 * SQL function from being inlined or kept, and makes each call switch search_path and back.
	 * The body is FTS_QUERY's (FTS_QUERY_BODY). */
	{ "/*pg-fts-query*/", "DO $do$ BEGIN EXECUTE format($f$"
	  "CREATE OR REPLACE FUNCTION idt_fts_query(q text) RETURNS tsquery LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE "
	  "AS $b$BEGIN RETURN (" FTS_QUERY_BODY("%%", "%I.idt_fts_words") "); END$b$;"
	  "CREATE OR REPLACE FUNCTION idt_fts_all(q text) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS "
	  "$b$SELECT CAST(replace(CAST(%I.idt_fts_query(q) AS text), '<->', '&') AS tsquery)$b$;"
	  "$f$, current_schema(), current_schema()); END $do$;" },
	/* Migration 014: the name search's trigram index (doc_list). */
	{ "CREATE VIRTUAL TABLE doc_name_trgm USING fts5(name, tokenize = 'trigram', detail = 'none', content = 'document', "
	  "content_rowid = 'id'); INSERT INTO doc_name_trgm(doc_name_trgm) VALUES ('rebuild'); CREATE TRIGGER "
	  "document_name_trgm AFTER INSERT ON document BEGIN INSERT INTO doc_name_trgm(rowid, name) VALUES (new.id, new.name); "
	  "END;", "CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE INDEX document_name_trgm ON document USING gin "
	  "(name gin_trgm_ops);" },
	{ "CREATE VIRTUAL TABLE liaison_fts USING fts5(title, body, contacts, identifiers, attachments, tokenize = 'unicode61');",
	  FTS_WORDS FTS_VECTOR FTS_QUERY FTS_TABLE },
	{ NULL, NULL },
};


const struct db_ops db_pg_ops = {
	.name = "postgresql",
	.spellings = pg_spellings,
	.open = pg_open,
	.close = pg_close,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.tx_open = pg_tx_open,
	.prepare = pg_prepare,
	.bind_va = pg_bind_va,
	.step = pg_step,
	.col_text = pg_col_text,
	.col_int = pg_col_int,
	.col_null = pg_col_null,
	.done = pg_done,
	.changes = pg_changes,
	.exec_script = pg_exec_script,
	.backup = pg_backup,
	.begin_claim = pg_begin_claim,
	.job_lock = pg_job_lock,
	.job_unlock = pg_job_unlock,
};
