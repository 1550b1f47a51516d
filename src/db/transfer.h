/* transfer.h: copies an office's rows from a SQLite database into an empty PostgreSQL one
 * (idtracker migrate-db, issue 10). Callers: main.c's cmd_migrate_db. */
#ifndef IDT_DB_TRANSFER_H
#define IDT_DB_TRANSFER_H

#include <stdio.h>

struct arena;
struct db;
struct err;

/* Rebuilds the target's search index after the rows are in (the FTS tables are not copied);
 * returns 0 or -1 with e set. Runs inside the copy's transaction. */
typedef int (*db_transfer_index_fn)(struct db *to, struct err *);

/* Copies every ordinary table of `from` (SQLite, fully migrated) into `to` (PostgreSQL, migrated
 * and empty) in foreign-key order, in one transaction, ids kept, identity sequences moved past the
 * largest id. Generated SQL lives in `a`: release it only after both connections are closed (the
 * statement caches are keyed by the SQL's address). Progress lines go to `progress` (may be NULL).
 * Returns 0; -1 with e set: status 409 when the target already holds rows, 500 otherwise. */
int	db_transfer(struct db *from, struct db *to, struct arena *a, db_transfer_index_fn reindex,
	    FILE *progress, struct err *e);

#endif
