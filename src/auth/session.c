/* session.c: sessions, API keys and sign-in throttling; see session.h. Tokens never touch the
 * database in clear: we store their BLAKE2b hash and compare hashes. */
#include <stdio.h>
#include <string.h>

#include "../core/arena.h"
#include "../core/err.h"
#include "../core/timeutil.h"
#include "../db/db.h"
#include "../db/event.h"
#include "session.h"
#include "user.h"

enum {
	SQL_SESSION_ADD, SQL_SESSION_GET, SQL_SESSION_DEL, SQL_SESSION_DEL_OTHERS, SQL_SESSION_GC,
	SQL_KEY_ADD, SQL_KEY_GET, SQL_KEY_USED, SQL_KEY_REVOKE, SQL_KEY_LIST,
	SQL_FAIL_COUNT, SQL_FAIL_OLDEST, SQL_FAIL_ADD, SQL_FAIL_CLEAR, SQL_FAIL_GC,
	SQL__MAX
};

static const char *const sqls[SQL__MAX] = {
	/* SQL_SESSION_ADD */
	"INSERT INTO session (token_hash, person_id, csrf, created, expires, ip) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
	/* SQL_SESSION_GET */
	"SELECT id, person_id, csrf FROM session WHERE token_hash = ? AND expires > ?",
	/* SQL_SESSION_DEL */
	"DELETE FROM session WHERE id = ?",
	/* SQL_SESSION_DEL_OTHERS */
	"DELETE FROM session WHERE person_id = ? AND id <> ?",
	/* SQL_SESSION_GC */
	"DELETE FROM session WHERE expires <= ?",
	/* SQL_KEY_ADD */
	"INSERT INTO api_key (person_id, key_hash, prefix, label, created) VALUES (?, ?, ?, ?, ?) RETURNING id",
	/* SQL_KEY_GET */
	"SELECT id, person_id FROM api_key WHERE key_hash = ? AND revoked IS NULL",
	/* SQL_KEY_USED */
	"UPDATE api_key SET last_used = ? WHERE id = ?",
	/* SQL_KEY_REVOKE */
	"UPDATE api_key SET revoked = ? WHERE id = ? AND person_id = ? AND revoked IS NULL",
	/* SQL_KEY_LIST */
	"SELECT id, prefix, label, created, last_used, revoked FROM api_key WHERE person_id = ? ORDER BY id DESC",
	/* SQL_FAIL_COUNT */
	"SELECT count(*) FROM login_failure WHERE bucket = ? AND at > ?",
	/* SQL_FAIL_OLDEST */
	"SELECT min(at) FROM login_failure WHERE bucket = ? AND at > ?",
	/* SQL_FAIL_ADD */
	"INSERT INTO login_failure (bucket, at) VALUES (?, ?)",
	/* SQL_FAIL_CLEAR */
	"DELETE FROM login_failure WHERE bucket = ?",
	/* SQL_FAIL_GC */
	"DELETE FROM login_failure WHERE at < ?",
};

int
session_create(struct db *db, struct err *e, int64_t person_id, const char *ip, long ttl,
    char token_out[TOKEN_LEN + 1])
{
	char hash[TOKEN_HASH_LEN + 1], csrf[TOKEN_LEN + 1], now[ISO_TIME_LEN], exp[ISO_TIME_LEN], idtext[24];
	int64_t sid;
	time_t t = time_now();

	token_new(token_out);
	token_new(csrf);
	token_hash(token_out, hash);
	time_iso(now, t);
	time_iso(exp, t + ttl);
	if (db_begin(db, e) == -1)
		return -1;
	/* Expired sessions go as new ones come, so the table stays the size of the live set. */
	if (db_run(db, e, sqls[SQL_SESSION_GC], "s", now) == -1 ||
	    db_int(db, e, &sid, sqls[SQL_SESSION_ADD], "sissss", hash, person_id, csrf, now, exp, ip) != 1)
		goto fail;
	snprintf(idtext, sizeof(idtext), "%lld", (long long)person_id);
	if (event_add(db, e, person_id, "person", idtext, "signed-in", ip) == -1)
		goto fail;
	return db_commit(db, e);
fail:
	db_rollback(db);
	return -1;
}

int
session_lookup(struct db *db, struct arena *a, struct err *e, const char *token, struct user *u)
{
	char hash[TOKEN_HASH_LEN + 1], now[ISO_TIME_LEN];
	struct db_stmt *s;
	int64_t sid, pid;
	const char *csrf;
	int rc;

	if (strlen(token) != TOKEN_LEN)
		return 0;
	token_hash(token, hash);
	time_iso(now, time_now());
	if ((s = db_query(db, e, sqls[SQL_SESSION_GET], "ss", hash, now)) == NULL)
		return -1;
	if ((rc = db_step(s, e)) != 1) {
		if (rc == 0)
			db_done(s);
		return rc;
	}
	sid = db_col_int(s, 0);
	pid = db_col_int(s, 1);
	csrf = arena_strdup(a, db_col_text(s, 2));
	db_done(s);
	if (user_load(db, a, e, pid, u) == -1)
		return -1;
	u->session_id = sid;
	u->csrf = csrf;
	return 1;
}

int
session_delete(struct db *db, struct err *e, int64_t person_id, int64_t session_id)
{
	char idtext[24];

	snprintf(idtext, sizeof(idtext), "%lld", (long long)person_id);
	if (db_begin(db, e) == -1)
		return -1;
	if (db_run(db, e, sqls[SQL_SESSION_DEL], "i", session_id) == -1 ||
	    event_add(db, e, person_id, "person", idtext, "signed-out", "") == -1) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, e);
}

int
apikey_list(struct db *db, struct arena *a, struct err *e, int64_t person_id, struct apikey **out, size_t *n)
{
	struct db_stmt *s;
	struct apikey *v = NULL;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((s = db_query(db, e, sqls[SQL_KEY_LIST], "i", person_id)) == NULL)
		return -1;
	while ((rc = db_step(s, e)) == 1) {
		if ((v = arena_grow(a, v, *n, &cap, sizeof(*v))) == NULL) {
			db_done(s);
			return err_set(e, 500, "memory", "Out of memory.");
		}
		v[*n].id = db_col_int(s, 0);
		v[*n].prefix = arena_strdup(a, db_col_text(s, 1));
		v[*n].label = arena_strdup(a, db_col_text(s, 2));
		v[*n].created = arena_strdup(a, db_col_text(s, 3));
		v[*n].last_used = db_col_null(s, 4) ? NULL : arena_strdup(a, db_col_text(s, 4));
		v[*n].revoked = db_col_null(s, 5) ? NULL : arena_strdup(a, db_col_text(s, 5));
		(*n)++;
	}
	if (rc == -1)
		return -1;
	db_done(s);
	*out = v;
	return 0;
}

int
session_delete_others(struct db *db, struct err *e, int64_t person_id, int64_t keep)
{
	return db_run(db, e, sqls[SQL_SESSION_DEL_OTHERS], "ii", person_id, keep) == -1 ? -1 : 0;
}

int
apikey_create(struct db *db, struct err *e, int64_t actor, int64_t person_id, const char *label,
    char key_out[APIKEY_LEN + 1], int64_t *id)
{
	char tok[TOKEN_LEN + 1], hash[TOKEN_HASH_LEN + 1], now[ISO_TIME_LEN], prefix[16], idtext[24];
	int own_tx = !db_in_transaction(db);

	if (label == NULL)
		label = "";
	if (strlen(label) > APIKEY_LABEL_MAX)
		return err_set(e, 400, "label", "The key's label must be at most %d characters.", APIKEY_LABEL_MAX);
	token_new(tok);
	snprintf(key_out, APIKEY_LEN + 1, "%s%s", APIKEY_PREFIX, tok);
	token_hash(key_out, hash);
	/* The first characters identify a key on the profile page without revealing it. */
	snprintf(prefix, sizeof(prefix), "%.12s", key_out);
	time_iso(now, time_now());
	if (own_tx && db_begin(db, e) == -1)
		return -1;
	if (db_int(db, e, id, sqls[SQL_KEY_ADD], "issss", person_id, hash, prefix, label, now) != 1)
		goto fail;
	snprintf(idtext, sizeof(idtext), "%lld", (long long)*id);
	if (event_add(db, e, actor, "apikey", idtext, "created", prefix) == -1)
		goto fail;
	return own_tx ? db_commit(db, e) : 0;
fail:
	if (own_tx)
		db_rollback(db);
	return -1;
}

int
apikey_lookup(struct db *db, struct arena *a, struct err *e, const char *key, struct user *u)
{
	char hash[TOKEN_HASH_LEN + 1], now[ISO_TIME_LEN];
	struct db_stmt *s;
	int64_t kid, pid;
	int rc;

	if (strlen(key) != APIKEY_LEN || strncmp(key, APIKEY_PREFIX, 4) != 0)
		return 0;
	token_hash(key, hash);
	if ((s = db_query(db, e, sqls[SQL_KEY_GET], "s", hash)) == NULL)
		return -1;
	if ((rc = db_step(s, e)) != 1) {
		if (rc == 0)
			db_done(s);
		return rc;
	}
	kid = db_col_int(s, 0);
	pid = db_col_int(s, 1);
	db_done(s);
	time_iso(now, time_now());
	/* A usage stamp, not a change of state: no event row for it. */
	if (db_run(db, e, sqls[SQL_KEY_USED], "si", now, kid) == -1)
		return -1;
	if (user_load(db, a, e, pid, u) == -1)
		return -1;
	u->via_api_key = 1;
	return 1;
}

int
apikey_revoke(struct db *db, struct err *e, int64_t person_id, int64_t key_id)
{
	char now[ISO_TIME_LEN], idtext[24];
	int64_t n;

	time_iso(now, time_now());
	if (db_begin(db, e) == -1)
		return -1;
	if ((n = db_run(db, e, sqls[SQL_KEY_REVOKE], "sii", now, key_id, person_id)) == -1)
		goto fail;
	if (n == 0) {
		err_set(e, 404, "apikey", "You have no active API key with that number.");
		goto fail;
	}
	snprintf(idtext, sizeof(idtext), "%lld", (long long)key_id);
	if (event_add(db, e, person_id, "apikey", idtext, "revoked", "") == -1)
		goto fail;
	return db_commit(db, e);
fail:
	db_rollback(db);
	return -1;
}

static long
throttle_one(struct db *db, struct err *e, const char *key, long max, long window, const char *since)
{
	char oldest[ISO_TIME_LEN];
	struct db_stmt *s;
	int64_t n;
	time_t t;
	long wait;

	if (db_int(db, e, &n, sqls[SQL_FAIL_COUNT], "ss", key, since) == -1)
		return -1;
	if (n < max)
		return 0;
	if ((s = db_query(db, e, sqls[SQL_FAIL_OLDEST], "ss", key, since)) == NULL || db_step(s, e) != 1)
		return -1;
	snprintf(oldest, sizeof(oldest), "%s", db_col_text(s, 0));
	db_done(s);
	if (time_parse_iso(oldest, &t) == -1)
		return window;
	/* Allowed again when the oldest counted failure leaves the window. */
	wait = (long)(t + window - time_now());
	return wait > 0 ? wait : 1;
}

long
login_throttle(struct db *db, struct err *e, const char *email, const char *ip, long max_email,
    long max_ip, long window)
{
	char since[ISO_TIME_LEN], key[320];
	long w1, w2;

	time_iso(since, time_now() - window);
	snprintf(key, sizeof(key), "email:%s", email);
	if ((w1 = throttle_one(db, e, key, max_email, window, since)) == -1)
		return -1;
	snprintf(key, sizeof(key), "ip:%s", ip);
	if ((w2 = throttle_one(db, e, key, max_ip, window, since)) == -1)
		return -1;
	return w1 > w2 ? w1 : w2;
}

int
login_failed(struct db *db, struct err *e, const char *email, const char *ip)
{
	char now[ISO_TIME_LEN], old[ISO_TIME_LEN], key1[320], key2[80];

	time_iso(now, time_now());
	/* Rows older than a day count for no window we allow; drop them as new ones come. */
	time_iso(old, time_now() - 86400);
	snprintf(key1, sizeof(key1), "email:%s", email);
	snprintf(key2, sizeof(key2), "ip:%s", ip);
	if (db_begin(db, e) == -1)
		return -1;
	if (db_run(db, e, sqls[SQL_FAIL_GC], "s", old) == -1 ||
	    db_run(db, e, sqls[SQL_FAIL_ADD], "ss", key1, now) == -1 ||
	    db_run(db, e, sqls[SQL_FAIL_ADD], "ss", key2, now) == -1 ||
	    event_add(db, e, 0, "account", email, "sign-in-failed", ip) == -1) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, e);
}

int
login_succeeded(struct db *db, struct err *e, const char *email)
{
	char key[320];

	snprintf(key, sizeof(key), "email:%s", email);
	return db_run(db, e, sqls[SQL_FAIL_CLEAR], "s", key) == -1 ? -1 : 0;
}
