/* backend.h: what db.c needs from each engine (db/sqlite.c, db/pg.c). Every struct db and
 * struct db_stmt starts with the common head below, so db.c dispatches through the ops row
 * and keeps the shared parts (query helpers, script expansion, the pool) in one place.
 * Only db.c and the backends include this file. */
#ifndef IDT_DB_BACKEND_H
#define IDT_DB_BACKEND_H

#include <stdarg.h>
#include <stdint.h>

struct err;
struct db;
struct db_stmt;

/* A spelling one engine writes differently: token or statement as the migration has it -> this engine's text. */
struct db_spelling {
	const char	*token;
	const char	*text;
};

struct db_ops {
	const char	*name;
	const struct db_spelling *spellings;	/* ends with a NULL token */
	int		 (*open)(struct db **, const char *url, struct err *);
	void		 (*close)(struct db *);
	int		 (*begin)(struct db *, struct err *);
	int		 (*commit)(struct db *, struct err *);
	void		 (*rollback)(struct db *);
	int		 (*tx_open)(struct db *);	/* the engine's own view: a transaction is open */
	struct db_stmt	*(*prepare)(struct db *, const char *sql, struct err *);
	int		 (*bind_va)(struct db_stmt *, struct err *, const char *types, va_list);
	int		 (*step)(struct db_stmt *, struct err *);
	const char	*(*col_text)(struct db_stmt *, int);
	int64_t		 (*col_int)(struct db_stmt *, int);
	int		 (*col_null)(struct db_stmt *, int);
	void		 (*done)(struct db_stmt *);
	int64_t		 (*changes)(struct db *);
	int		 (*exec_script)(struct db *, const char *expanded, struct err *);
	int		 (*backup)(struct db *, const char *path, struct err *);
	/* optional (NULL: db_begin; always granted): see db.h */
	int		 (*begin_claim)(struct db *, struct err *);
	int		 (*job_lock)(struct db *, const char *name, struct err *);
	void		 (*job_unlock)(struct db *, const char *name);
};

/* The common head of every connection and statement. */
struct db {
	const struct db_ops *ops;
	int		 in_tx;
};

struct db_stmt {
	struct db	*db;
};

/* A malloc'd copy of sql with each token of sp (earliest first) replaced by its text; NULL when out of memory. */
char		*db_expand_spellings(const struct db_spelling *sp, const char *sql);

extern const struct db_ops db_sqlite_ops;
extern const struct db_ops db_pg_ops;

#endif
