/* user.c: people, addresses, accounts and password hashing; see user.h. */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "../core/arena.h"
#include "../core/err.h"
#include "../core/timeutil.h"
#include "../db/db.h"
#include "../db/event.h"
#include "../http/form.h"
#include "user.h"

enum {
	SQL_PERSON_ADD, SQL_EMAIL_ADD, SQL_EMAIL_OWNER, SQL_ACCOUNT_SET, SQL_ACCOUNT_HASH,
	SQL_PERSON_GET, SQL_ROLES_OF, SQL_EMAILS_OF, SQL__MAX
};

static const char *const sqls[SQL__MAX] = {
	/* SQL_PERSON_ADD */
	"INSERT INTO person (name, created) VALUES (?, ?) RETURNING id",
	/* SQL_EMAIL_ADD */
	"INSERT INTO email (address, person_id, is_primary, active) VALUES (?, ?, ?, 1)",
	/* SQL_EMAIL_OWNER */
	"SELECT person_id FROM email WHERE address = ? AND active = 1",
	/* SQL_ACCOUNT_SET */
	"INSERT INTO account (person_id, password_hash, created, password_changed) VALUES (?, ?, ?, ?) "
	"ON CONFLICT (person_id) DO UPDATE SET password_hash = excluded.password_hash, "
	"password_changed = excluded.password_changed",
	/* SQL_ACCOUNT_HASH */
	"SELECT password_hash FROM account WHERE person_id = ?",
	/* SQL_PERSON_GET */
	"SELECT p.name, coalesce((SELECT address FROM email WHERE person_id = p.id AND is_primary = 1), '') "
	"FROM person p WHERE p.id = ?",
	/* SQL_ROLES_OF */
	"SELECT r.name, g.acronym, g.type FROM role r JOIN grp g ON g.id = r.group_id "
	"WHERE r.person_id = ? ORDER BY g.acronym, r.name",
	/* SQL_EMAILS_OF */
	"SELECT address FROM email WHERE person_id = ? AND active = 1 ORDER BY is_primary DESC, address",
};

int
password_hash(const char *password, char *out, size_t outsize, struct err *e)
{
	if (outsize < crypto_pwhash_STRBYTES)
		return err_set(e, 500, "hash", "The password hash buffer is too small.");
	/* Interactive limits: about 64 MiB and a fraction of a second, the libsodium advice for sign-in. */
	if (crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return err_set(e, 503, "hash", "The server is out of memory for password hashing; try again.");
	return 0;
}

int
password_verify(const char *hash, const char *password)
{
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

int
person_by_email(struct db *db, struct err *e, const char *email, int64_t *id)
{
	int rc = db_int(db, e, id, sqls[SQL_EMAIL_OWNER], "s", email);

	if (rc == 0)
		*id = 0;
	return rc == -1 ? -1 : 0;
}

int
person_add(struct db *db, struct err *e, int64_t actor, const char *name, const char *email, int64_t *id)
{
	char now[ISO_TIME_LEN], idtext[24];
	int64_t existing;

	if (name == NULL || *name == '\0' || strlen(name) > NAME_MAX_LEN || !idt_text_valid(name, strlen(name), 0))
		return err_set(e, 400, "name", "A person's name must be one line of at most %d characters.", NAME_MAX_LEN);
	if (!idt_email_valid(email))
		return err_set(e, 400, "email", "\"%.100s\" is not a valid e-mail address.", email);
	if (person_by_email(db, e, email, &existing) == -1)
		return -1;
	if (existing)
		return err_set(e, 409, "email", "The address %s already belongs to someone.", email);
	time_iso(now, time_now());
	if (db_int(db, e, id, sqls[SQL_PERSON_ADD], "ss", name, now) != 1)
		return -1;
	if (db_run(db, e, sqls[SQL_EMAIL_ADD], "sid", email, *id, 1) == -1)
		return -1;
	snprintf(idtext, sizeof(idtext), "%lld", (long long)*id);
	return event_add(db, e, actor, "person", idtext, "created", email);
}

int
account_set_password(struct db *db, struct err *e, int64_t actor, int64_t person_id, const char *password)
{
	char hash[crypto_pwhash_STRBYTES];
	size_t n = strlen(password);

	if (n < PASSWORD_MIN)
		return err_set(e, 400, "password", "The password must be at least %d characters long.", PASSWORD_MIN);
	if (n > PASSWORD_MAX)
		return err_set(e, 400, "password", "The password must be at most %d characters long.", PASSWORD_MAX);
	if (!idt_text_valid(password, n, 0))
		return err_set(e, 400, "password", "The password contains control characters.");
	if (password_hash(password, hash, sizeof(hash), e) == -1)
		return -1;
	return account_set_hash(db, e, actor, person_id, hash);
}

int
account_set_hash(struct db *db, struct err *e, int64_t actor, int64_t person_id, const char *hash)
{
	char now[ISO_TIME_LEN], idtext[24];

	time_iso(now, time_now());
	if (db_run(db, e, sqls[SQL_ACCOUNT_SET], "isss", person_id, hash, now, now) == -1)
		return -1;
	snprintf(idtext, sizeof(idtext), "%lld", (long long)person_id);
	return event_add(db, e, actor, "person", idtext, "password-set", "");
}

int
account_check_password(struct db *db, struct err *e, int64_t person_id, const char *password)
{
	char hash[crypto_pwhash_STRBYTES];
	struct db_stmt *s;
	int rc;

	if (strlen(password) > PASSWORD_MAX)
		return 0;
	if ((s = db_query(db, e, sqls[SQL_ACCOUNT_HASH], "i", person_id)) == NULL)
		return -1;
	if ((rc = db_step(s, e)) == -1)
		return -1;
	if (rc == 0) {
		db_done(s);
		return 0;
	}
	snprintf(hash, sizeof(hash), "%s", db_col_text(s, 0));
	db_done(s);
	return password_verify(hash, password);
}

int
user_load(struct db *db, struct arena *a, struct err *e, int64_t person_id, struct user *u)
{
	struct db_stmt *s;
	size_t cap = 0;
	int rc;

	if ((s = db_query(db, e, sqls[SQL_PERSON_GET], "i", person_id)) == NULL)
		return -1;
	if ((rc = db_step(s, e)) != 1) {
		if (rc == 0) {
			db_done(s);
			return err_set(e, 404, "person", "No such person.");
		}
		return -1;
	}
	u->person_id = person_id;
	u->name = arena_strdup(a, db_col_text(s, 0));
	u->email = arena_strdup(a, db_col_text(s, 1));
	db_done(s);
	u->roles = NULL;
	u->nroles = 0;
	if ((s = db_query(db, e, sqls[SQL_ROLES_OF], "i", person_id)) == NULL)
		return -1;
	while ((rc = db_step(s, e)) == 1) {
		if ((u->roles = arena_grow(a, u->roles, u->nroles, &cap, sizeof(*u->roles))) == NULL) {
			db_done(s);
			return err_set(e, 500, "memory", "Out of memory loading roles.");
		}
		u->roles[u->nroles].role = arena_strdup(a, db_col_text(s, 0));
		u->roles[u->nroles].group = arena_strdup(a, db_col_text(s, 1));
		u->roles[u->nroles].group_type = arena_strdup(a, db_col_text(s, 2));
		u->nroles++;
	}
	if (rc == -1)
		return -1;
	db_done(s);
	return 0;
}

int
person_emails(struct db *db, struct arena *a, struct err *e, int64_t person_id, const char ***out, size_t *n)
{
	struct db_stmt *s;
	const char **v = NULL;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((s = db_query(db, e, sqls[SQL_EMAILS_OF], "i", person_id)) == NULL)
		return -1;
	while ((rc = db_step(s, e)) == 1) {
		if ((v = arena_grow(a, v, *n, &cap, sizeof(*v))) == NULL) {
			db_done(s);
			return err_set(e, 500, "memory", "Out of memory.");
		}
		v[(*n)++] = arena_strdup(a, db_col_text(s, 0));
	}
	if (rc == -1)
		return -1;
	db_done(s);
	*out = v;
	return 0;
}
