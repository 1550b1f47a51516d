/* session.h: sign-in sessions, API keys and the sign-in rate limit, all stored in the database
 * (hashed tokens; counters shared by every app server). Callers: http/server.c (lookup on each
 * request), the account pages and API, the CLI (apikey create). */
#ifndef IDT_SESSION_H
#define IDT_SESSION_H

#include <stdint.h>
#include <stddef.h>
#include <time.h>

#include "token.h"

struct arena;
struct db;
struct err;
struct user;

#define SESSION_COOKIE	"idtracker_session"
#define CSRF_COOKIE	"idtracker_csrf"	/* anonymous forms (sign-in): double-submit token */
#define APIKEY_PREFIX	"idt_"
#define APIKEY_LEN	(4 + TOKEN_LEN)
#define APIKEY_LABEL_MAX 100

/* Creates a session; token_out gets the cookie value. Writes a "signed-in" event. */
int	session_create(struct db *, struct err *, int64_t person_id, const char *ip, long ttl,
	    char token_out[TOKEN_LEN + 1]);
/* Fills u from a live session; returns 1 found, 0 unknown or expired, -1 error. */
int	session_lookup(struct db *, struct arena *, struct err *, const char *token, struct user *u);
/* Ends one session (sign-out) or every session of a person but one (after a password change). */
int	session_delete(struct db *, struct err *, int64_t person_id, int64_t session_id);
int	session_delete_others(struct db *, struct err *, int64_t person_id, int64_t keep_session_id);

/* Creates an API key; key_out gets the key, shown once. *id gets its row id. Writes an event. */
int	apikey_create(struct db *, struct err *, int64_t actor, int64_t person_id, const char *label,
	    char key_out[APIKEY_LEN + 1], int64_t *id);
/* Fills u from a live key; 1 found, 0 unknown or revoked, -1 error. Notes when it was used. */
int	apikey_lookup(struct db *, struct arena *, struct err *, const char *key, struct user *u);
struct apikey {
	int64_t		 id;
	const char	*prefix, *label, *created;
	const char	*last_used, *revoked;	/* NULL when never / not */
};

/* The person's keys, newest first, revoked ones included. */
int	apikey_list(struct db *, struct arena *, struct err *, int64_t person_id, struct apikey **, size_t *);
/* Revokes a key of the person's (404 when it is not theirs). Writes an event. */
int	apikey_revoke(struct db *, struct err *, int64_t person_id, int64_t key_id);

/* Sign-in rate limit: returns 0 when allowed, or the seconds to wait (> 0), -1 on error. */
long	login_throttle(struct db *, struct err *, const char *email, const char *ip,
	    long max_email, long max_ip, long window);
/* Records a failed sign-in for both keys; clears the address's count after a success. */
int	login_failed(struct db *, struct err *, const char *email, const char *ip);
int	login_succeeded(struct db *, struct err *, const char *email);

#endif
