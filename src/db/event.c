/* event.c: appends history rows; callers: every domain module, inside their transaction. */
#include "../core/err.h"
#include "../core/timeutil.h"
#include "db.h"
#include "event.h"

static const char SQL_EVENT_ADD[] =
    "INSERT INTO event (at, person_id, object_type, object_id, verb, detail) VALUES (?, ?, ?, ?, ?, ?)";

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
	return 0;
}
