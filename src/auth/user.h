/* user.h: people, their addresses and accounts, and the signed-in user a request carries.
 * Callers: the CLI (user add/passwd), the sign-in page, demo data, every permission check. */
#ifndef IDT_USER_H
#define IDT_USER_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;
struct err;

struct role_ref {
	const char	*role;		/* "chair", "ad", "secr", ... */
	const char	*group;		/* acronym */
	const char	*group_type;	/* "wg", "area", "sdo", ... */
};

struct user {
	int64_t		 person_id;	/* 0 = anonymous */
	const char	*name;
	const char	*email;		/* primary address */
	int64_t		 session_id;	/* 0 for API keys */
	const char	*csrf;
	int		 via_api_key;
	struct role_ref	*roles;
	size_t		 nroles;
};

#define PASSWORD_MIN	10	/* long enough to resist guessing at our sign-in rate limit */
#define PASSWORD_MAX	256	/* bounds hashing work per attempt */
#define NAME_MAX_LEN	200

/* Creates a person with one primary address; 409 when the address is taken. Writes an event. */
int	 person_add(struct db *, struct err *, int64_t actor, const char *name, const char *email, int64_t *id);
/* The person owning an address (any of theirs), 0 if none; -1 on error. */
int	 person_by_email(struct db *, struct err *, const char *email, int64_t *id);
/* Sets (or replaces) the person's password; checks the length rules. Writes an event. */
int	 account_set_password(struct db *, struct err *, int64_t actor, int64_t person_id, const char *password);
/* Stores an already computed hash (demo data hashes one password once for everybody). */
int	 account_set_hash(struct db *, struct err *, int64_t actor, int64_t person_id, const char *hash);
/* 1 when the password matches the person's account, 0 when not (or no account), -1 on error. */
int	 account_check_password(struct db *, struct err *, int64_t person_id, const char *password);
/* Loads name, primary address and roles into u (arena memory). */
int	 user_load(struct db *, struct arena *, struct err *, int64_t person_id, struct user *u);

/* Every active address of the person, the primary first. */
int	 person_emails(struct db *, struct arena *, struct err *, int64_t person_id, const char ***, size_t *);

/* Password hashing (libsodium argon2id). */
int	 password_hash(const char *password, char *out, size_t outsize, struct err *);
int	 password_verify(const char *hash, const char *password);

#endif
