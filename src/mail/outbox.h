/* outbox.h: mail goes through the outbox (ARCHITECTURE rule 8). A transaction that decides to send
 * mail queues rows here in that same transaction; a worker (a thread of `idtracker serve`, or
 * `idtracker mail-flush` from cron) claims due rows, delivers them over SMTP (libcurl) or into a
 * Maildir, marks them sent, retries temporary failures with back-off, and gives up after the
 * configured time with the error kept. A row is claimed before it is sent, so two workers never
 * send it twice; the only window for a duplicate is a crash between sending and marking. */
#ifndef IDT_OUTBOX_H
#define IDT_OUTBOX_H

#include <stddef.h>
#include <stdint.h>

#include "mime.h"
#include "templates.h"

struct arena;
struct config;
struct db;
struct err;

struct mail_ctx {
	struct mail_addr from;		/* mail_from */
	char		 domain[256];	/* Message-ID domain: the base URL's host */
	char		 site[512];	/* the base URL, for links */
	char		 smtp[512];	/* smtp://... or "" for Maildir */
	char		 smtp_user[256];
	char		 smtp_password[256];
	char		 maildir[4096];	/* $data/maildir */
	long		 give_up;	/* seconds */
	long		 claim_timeout;	/* seconds */
	char		 worker[64];	/* who claims: host:pid */
};

/* Fills ctx from the configuration (call once; read-only afterwards). */
int	mail_ctx_init(struct mail_ctx *, const struct config *, struct err *);
void	mail_ctx_release(struct mail_ctx *);

/* Builds and queues a message inside the caller's transaction (refused messages queue nothing).
 * object_type/object_id say what it is about (for the outbox page). *id gets the row. */
int	outbox_queue(struct db *, struct arena *, const struct mail_ctx *, const struct mail_msg *,
	    const char *template_name, const char *object_type, const char *object_id, int64_t *id, struct err *);
/* Renders a template and queues it to one address (the common case). */
int	outbox_queue_template(struct db *, struct arena *, const struct mail_ctx *, enum mail_template,
	    const struct mail_field *, size_t nfields, const struct mail_addr *to, const char *object_type,
	    const char *object_id, int64_t *id, struct err *);

/* Renders a template and queues it to the recipients (cc may be NULL) in the caller's transaction:
 * the offices' mails. Without mail set up (c NULL) or recipients it queues nothing and returns 0
 * with *subject NULL; else *subject (may be NULL) is the rendered subject. */
int	outbox_queue_rcpts(struct db *, struct arena *, const struct mail_ctx *, enum mail_template,
	    const struct mail_field *, size_t nfields, const struct mail_rcpts *to, const struct mail_rcpts *cc,
	    const char *object_type, const char *object_id, const char **subject, struct err *);

struct outbox_result {
	int	sent, retry, failed, released;
};

/* One pass: releases stale claims, then claims and delivers due rows (at most max). */
int	outbox_pass(struct db *, const struct mail_ctx *, int max, struct outbox_result *, struct err *);
/* Puts a row back in the queue now (the Secretariat's Resend); person 0 = the system. */
int	outbox_resend(struct db *, struct err *, int64_t person_id, int64_t id);

struct outbox_row {
	int64_t		 id;
	const char	*created, *template_name, *recipients, *subject, *state, *next_attempt, *sent_at;
	const char	*delivered_to, *last_error, *object_type, *object_id;
	int		 attempts;
};

/* The newest rows first; state NULL = every state. */
int	outbox_list(struct db *, struct arena *, struct err *, const char *state, int limit,
	    struct outbox_row **, size_t *);

/* Delivery, one message: 0 delivered (where names the place), 1 temporary failure, 2 permanent,
 * with the reason in err. */
int	mail_deliver_smtp(const struct mail_ctx *, const char *from, const char *recipients, const char *msg,
	    size_t len, char *where, size_t wsize, char *err, size_t esize);
int	mail_deliver_maildir(const struct mail_ctx *, const char *key, const char *msg, size_t len,
	    char *where, size_t wsize, char *err, size_t esize);

#endif
