/* event.c: appends history rows; callers: every domain module, inside their transaction. */
#include "../core/err.h"
#include "../core/timeutil.h"
#include "db.h"
#include "event.h"

static const char SQL_EVENT_ADD[] =
    "INSERT INTO event (at, person_id, object_type, object_id, verb, detail) VALUES (?, ?, ?, ?, ?, ?)";

/* One row (id 1), raised by each change; the row is made by the first (migration 017). */
static const char SQL_GENERATION_BUMP[] =
    "INSERT INTO generation (id, n) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = generation.n + 1";

int
event_add(struct db *db, struct err *e, int64_t person_id, const char *object_type,
    const char *object_id, const char *verb, const char *detail)
{
	char now[ISO_TIME_LEN];
	struct db_stmt *s;
	int rc;

	if (!db_in_transaction(db))
		return err_set(e, 500, "event", "An event was recorded outside a transaction.");
	time_iso(now, time_now());
	if ((s = db_prepare(db, SQL_EVENT_ADD, e)) == NULL)
		return -1;
	if (person_id > 0)
		rc = db_bindv(s, e, "sissss", now, person_id, object_type, object_id, verb, detail ? detail : "");
	else
		rc = db_bindv(s, e, "ssssss", now, (const char *)NULL, object_type, object_id, verb, detail ? detail : "");
	if (rc == -1)
		return -1;
	if (db_step(s, e) == -1)
		return -1;
	db_done(s);
	/* The change is visible to readers once committed: the page caches' number moves with it. */
	return db_run(db, e, SQL_GENERATION_BUMP, "") == -1 ? -1 : 0;
}

int
event_generation(struct db *db, struct err *e, int64_t *n)
{
	*n = 0;
	return db_int(db, e, n, "SELECT coalesce(max(n), 0) FROM generation WHERE id = 1", "") == -1 ? -1 : 0;
}
