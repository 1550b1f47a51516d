/* migrate.c: applies the numbered migrations compiled in from src/db/sql/, each in its own
 * transaction with a schema_migrations row, so `idtracker init` is safe to run any number of times. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/embed.h"
#include "../core/err.h"
#include "../core/log.h"
#include "../core/timeutil.h"
#include "db.h"

static const char SQL_CREATE_MIGRATIONS[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)";
static const char SQL_HAS_MIGRATION[] = "SELECT count(*) FROM schema_migrations WHERE version = ?";
static const char SQL_ADD_MIGRATION[] = "INSERT INTO schema_migrations (version, name, applied) VALUES (?, ?, ?)";

int
db_migrate(struct db *db, int *applied, struct err *e)
{
	const struct embedded_file *f;
	char now[ISO_TIME_LEN];
	int64_t seen;
	long version;

	*applied = 0;
	if (db_run(db, e, SQL_CREATE_MIGRATIONS, "") == -1)
		return -1;
	/* The embed tool keeps the Makefile's sorted order, so versions apply in sequence. */
	for (f = embedded_sql; f->name != NULL; f++) {
		version = strtol(f->name, NULL, 10);
		if (version <= 0)
			return err_set(e, 500, "migrate", "Migration %s does not start with its number.", f->name);
		if (db_begin(db, e) == -1)
			return -1;
		if (db_int(db, e, &seen, SQL_HAS_MIGRATION, "i", (int64_t)version) == -1)
			goto fail;
		if (seen) {
			db_rollback(db);
			continue;
		}
		if (db_exec_script(db, (const char *)f->data, e) == -1)
			goto fail;
		time_iso(now, time_now());
		if (db_run(db, e, SQL_ADD_MIGRATION, "iss", (int64_t)version, f->name, now) == -1)
			goto fail;
		if (db_commit(db, e) == -1)
			return -1;
		log_info("applied migration %s", f->name);
		(*applied)++;
	}
	return 0;
fail:
	db_rollback(db);
	return -1;
}

int
db_migrations_pending(struct db *db, int *pending, struct err *e)
{
	const struct embedded_file *f;
	int64_t seen;

	*pending = 0;
	for (f = embedded_sql; f->name != NULL; f++) {
		if (db_int(db, e, &seen, SQL_HAS_MIGRATION, "i", (int64_t)strtol(f->name, NULL, 10)) == -1)
			return -1;
		if (!seen)
			(*pending)++;
	}
	return 0;
}
