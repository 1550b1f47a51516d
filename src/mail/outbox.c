/* outbox.c: queueing, claiming, delivering and retrying; see outbox.h. The worker keeps no state
 * of its own: everything is in the outbox rows, so any number of workers (threads, cron, several
 * servers) share the queue safely through the claim. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/arena.h"
#include "../core/config.h"
#include "../core/err.h"
#include "../core/log.h"
#include "../core/timeutil.h"
#include "../db/db.h"
#include "../db/event.h"
#include "outbox.h"

#define OUTBOX_BACKOFF_MIN	60	/* seconds before the first retry */
#define OUTBOX_BACKOFF_MAX	3600	/* retries settle at once an hour until give_up */

enum {
	SQL_QUEUE, SQL_RELEASE, SQL_CLAIM, SQL_GET, SQL_SENT, SQL_RETRY, SQL_FAILED, SQL_RESEND, SQL_LIST, SQL__MAX
};

static const char *const sqls[SQL__MAX] = {
	/* SQL_QUEUE */
	"INSERT INTO outbox (created, template, message_id, envelope_from, recipients, subject, message, "
	"next_attempt, object_type, object_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	/* SQL_RELEASE: a worker that claimed a row and vanished (crash, kill -9) */
	"UPDATE outbox SET state = 'pending', claimed_at = NULL, claimed_by = NULL "
	"WHERE state = 'sending' AND claimed_at < ?",
	/* SQL_CLAIM: the rows are chosen once, in the CTE (PostgreSQL may run a LIMIT subquery of an
	 * UPDATE's WHERE again per row, and with SKIP LOCKED each run finds other rows: a batch of 32
	 * became 71 in the cluster test); the outer state test keeps a row another claim took from
	 * being taken twice. */
	"WITH batch AS (SELECT id FROM outbox WHERE state = 'pending' AND next_attempt <= ? ORDER BY id LIMIT ? "
	"/*skip-locked*/) UPDATE outbox SET state = 'sending', claimed_at = ?, claimed_by = ?, attempts = attempts + 1 "
	"WHERE state = 'pending' AND id IN (SELECT id FROM batch) RETURNING id",
	/* SQL_GET */
	"SELECT id, envelope_from, recipients, message, created, attempts, message_id FROM outbox "
	"WHERE id = ? AND state = 'sending' AND claimed_by = ?",
	/* SQL_SENT */
	"UPDATE outbox SET state = 'sent', sent_at = ?, delivered_to = ?, last_error = '' WHERE id = ? AND claimed_by = ?",
	/* SQL_RETRY */
	"UPDATE outbox SET state = 'pending', next_attempt = ?, last_error = ?, claimed_at = NULL, claimed_by = NULL "
	"WHERE id = ? AND claimed_by = ?",
	/* SQL_FAILED */
	"UPDATE outbox SET state = 'failed', last_error = ?, claimed_at = NULL, claimed_by = NULL "
	"WHERE id = ? AND claimed_by = ?",
	/* SQL_RESEND */
	"UPDATE outbox SET state = 'pending', next_attempt = ?, last_error = '', created = ? "
	"WHERE id = ? AND state <> 'sending'",
	/* SQL_LIST */
	"SELECT id, created, template, recipients, subject, state, attempts, next_attempt, coalesce(sent_at, ''), "
	"delivered_to, last_error, object_type, object_id FROM outbox WHERE (? IS NULL OR state = ?) "
	"ORDER BY id DESC LIMIT ?",
};

int
mail_ctx_init(struct mail_ctx *c, const struct config *cfg, struct err *e)
{
	struct arena a;
	struct mail_addr from;
	char host[256];

	memset(c, 0, sizeof(*c));
	arena_init(&a, 0);
	if (mail_addr_parse(&a, config_str(cfg, CFG_MAIL_FROM), &from) == -1) {
		arena_release(&a);
		return err_set(e, 400, "config", "mail_from must be an address like \"idtracker <noreply@example.org>\".");
	}
	/* The context outlives the arena: keep copies in static storage of the struct. */
	c->from.email = strdup(from.email);
	c->from.name = from.name ? strdup(from.name) : NULL;
	arena_release(&a);
	config_url_host(config_str(cfg, CFG_BASE_URL), host, sizeof(host));
	snprintf(c->domain, sizeof(c->domain), "%s", host);
	snprintf(c->site, sizeof(c->site), "%s", config_str(cfg, CFG_BASE_URL));
	while (strlen(c->site) > 0 && c->site[strlen(c->site) - 1] == '/')
		c->site[strlen(c->site) - 1] = '\0';
	snprintf(c->smtp, sizeof(c->smtp), "%s", config_str(cfg, CFG_SMTP));
	if (c->smtp[0] != '\0' && strncmp(c->smtp, "smtp://", 7) != 0 && strncmp(c->smtp, "smtps://", 8) != 0)
		return err_set(e, 400, "config", "smtp must start with smtp:// or smtps://.");
	snprintf(c->smtp_user, sizeof(c->smtp_user), "%s", config_str(cfg, CFG_SMTP_USER));
	snprintf(c->smtp_password, sizeof(c->smtp_password), "%s", config_str(cfg, CFG_SMTP_PASSWORD));
	snprintf(c->maildir, sizeof(c->maildir), "%s/maildir", config_str(cfg, CFG_DATA));
	c->give_up = (long)config_int(cfg, CFG_MAIL_GIVE_UP);
	c->claim_timeout = (long)config_int(cfg, CFG_MAIL_CLAIM_TIMEOUT);
	gethostname(host, sizeof(host));
	host[sizeof(host) - 1] = '\0';
	snprintf(c->worker, sizeof(c->worker), "%.40s:%ld", host, (long)getpid());
	return 0;
}

void
mail_ctx_release(struct mail_ctx *c)
{
	free((char *)c->from.email);
	free((char *)c->from.name);
	c->from.email = c->from.name = NULL;
}

int
outbox_queue(struct db *db, struct arena *a, const struct mail_ctx *c, const struct mail_msg *m,
    const char *template_name, const char *object_type, const char *object_id, int64_t *id, struct err *e)
{
	struct mail_built b;
	char now[ISO_TIME_LEN], idtext[24];

	if (!db_in_transaction(db))
		return err_set(e, 500, "outbox", "Mail was queued outside a transaction.");
	if (mail_build(a, m, c->domain, (long)time_now(), &b, e) == -1)
		return -1;
	time_iso(now, time_now());
	if (db_int(db, e, id, sqls[SQL_QUEUE], "ssssssssss", now, template_name, b.message_id, m->from.email,
	    b.recipients, m->subject, b.message, now, object_type ? object_type : "", object_id ? object_id : "") != 1)
		return -1;
	snprintf(idtext, sizeof(idtext), "%lld", (long long)*id);
	return event_add(db, e, 0, "outbox", idtext, "queued", template_name);
}

/* Renders template t and queues it from the office to nto addresses (and ncc); *subject gets the
 * rendered subject when asked. */
static int
queue_rendered(struct db *db, struct arena *a, const struct mail_ctx *c, enum mail_template t, const struct mail_field *f,
    size_t n, const struct mail_addr *to, size_t nto, const struct mail_addr *cc, size_t ncc, const char *object_type,
    const char *object_id, int64_t *id, const char **subject, struct err *e)
{
	struct mail_msg m;

	memset(&m, 0, sizeof(m));
	if (mail_template_render(a, t, f, n, &m.subject, &m.body, e) == -1)
		return -1;
	m.from = c->from;
	memcpy(m.to, to, nto * sizeof(*to));
	m.nto = nto;
	if (ncc > 0)
		memcpy(m.cc, cc, ncc * sizeof(*cc));
	m.ncc = ncc;
	m.auto_generated = 1;
	if (subject != NULL)
		*subject = m.subject;
	return outbox_queue(db, a, c, &m, mail_templates[t].name, object_type, object_id, id, e);
}

int
outbox_queue_template(struct db *db, struct arena *a, const struct mail_ctx *c, enum mail_template t,
    const struct mail_field *f, size_t n, const struct mail_addr *to, const char *object_type,
    const char *object_id, int64_t *id, struct err *e)
{
	return queue_rendered(db, a, c, t, f, n, to, 1, NULL, 0, object_type, object_id, id, NULL, e);
}

int
outbox_queue_rcpts(struct db *db, struct arena *a, const struct mail_ctx *c, enum mail_template t,
    const struct mail_field *f, size_t n, const struct mail_rcpts *to, const struct mail_rcpts *cc,
    const char *object_type, const char *object_id, const char **subject, struct err *e)
{
	int64_t id;

	if (subject != NULL)
		*subject = NULL;
	if (c == NULL || to->n == 0)
		return 0;
	return queue_rendered(db, a, c, t, f, n, to->a, to->n, cc ? cc->a : NULL, cc ? cc->n : 0, object_type, object_id,
	    &id, subject, e);
}

/* One claimed row: deliver, then record the outcome. */
static int
deliver_one(struct db *db, const struct mail_ctx *c, int64_t id, struct outbox_result *res, struct err *e)
{
	struct db_stmt *s;
	char *from = NULL, *rcpt = NULL, *msg = NULL, *created = NULL, key[160], where[4400] = "", why[512] = "";
	char now[ISO_TIME_LEN], next[ISO_TIME_LEN];
	int rc, attempts;
	long backoff;
	time_t t0;

	if ((s = db_query(db, e, sqls[SQL_GET], "is", id, c->worker)) == NULL)
		return -1;
	if ((rc = db_step(s, e)) != 1) {
		if (rc == 0)
			db_done(s);
		return rc;	/* someone else took it back: nothing to do */
	}
	from = strdup(db_col_text(s, 1));
	rcpt = strdup(db_col_text(s, 2));
	msg = strdup(db_col_text(s, 3));
	created = strdup(db_col_text(s, 4));
	attempts = (int)db_col_int(s, 5);
	/* The Maildir name must be stable across retries to be found again after a crash. */
	snprintf(key, sizeof(key), "idtracker-outbox-%lld", (long long)id);
	db_done(s);
	if (from == NULL || rcpt == NULL || msg == NULL || created == NULL) {
		rc = err_set(e, 500, "memory", "Out of memory delivering mail.");
		goto out;
	}
	rc = c->smtp[0] ? mail_deliver_smtp(c, from, rcpt, msg, strlen(msg), where, sizeof(where), why, sizeof(why)) :
	    mail_deliver_maildir(c, key, msg, strlen(msg), where, sizeof(where), why, sizeof(why));
	time_iso(now, time_now());
	if (rc == 0) {
		if (db_run(db, e, sqls[SQL_SENT], "ssis", now, where, id, c->worker) == -1)
			goto fail;
		res->sent++;
		log_info("mail %lld delivered to %s", (long long)id, where);
	} else if (rc == 2 || (time_parse_iso(created, &t0) == 0 && time_now() - t0 >= c->give_up)) {
		if (db_run(db, e, sqls[SQL_FAILED], "sis", why, id, c->worker) == -1)
			goto fail;
		res->failed++;
		log_warn("mail %lld failed for good after %d attempts: %s", (long long)id, attempts, why);
	} else {
		backoff = OUTBOX_BACKOFF_MIN;
		while (--attempts > 0 && backoff < OUTBOX_BACKOFF_MAX)
			backoff *= 2;
		if (backoff > OUTBOX_BACKOFF_MAX)
			backoff = OUTBOX_BACKOFF_MAX;
		time_iso(next, time_now() + backoff);
		if (db_run(db, e, sqls[SQL_RETRY], "ssis", next, why, id, c->worker) == -1)
			goto fail;
		res->retry++;
		log_warn("mail %lld not delivered (%s); next try at %s", (long long)id, why, next);
	}
	rc = 0;
	goto out;
fail:
	rc = -1;
out:
	free(from);
	free(rcpt);
	free(msg);
	free(created);
	return rc;
}

#define CLAIM_BATCH	32

int
outbox_pass(struct db *db, const struct mail_ctx *c, int max, struct outbox_result *res, struct err *e)
{
	char now[ISO_TIME_LEN], stale[ISO_TIME_LEN];
	int64_t ids[CLAIM_BATCH];
	struct db_stmt *s;
	int n, i, rc, limit;

	memset(res, 0, sizeof(*res));
	time_iso(now, time_now());
	time_iso(stale, time_now() - c->claim_timeout);
	if (db_begin_claim(db, e) == -1)
		return -1;
	if (db_run(db, e, sqls[SQL_RELEASE], "s", stale) == -1) {
		db_rollback(db);
		return -1;
	}
	res->released = (int)db_changes(db);
	if (db_commit(db, e) == -1)
		return -1;
	while (max > 0) {
		limit = max < CLAIM_BATCH ? max : CLAIM_BATCH;
		/* The claim is its own short transaction: the SMTP conversation happens outside it. Two
		 * servers' workers claim disjoint rows and never wait for each other: FOR UPDATE SKIP LOCKED
		 * on PostgreSQL, and the outer state test keeps a row another claim took from being taken again. */
		if (db_begin_claim(db, e) == -1)
			return -1;
		if ((s = db_query(db, e, sqls[SQL_CLAIM], "sdss", now, limit, now, c->worker)) == NULL) {
			db_rollback(db);
			return -1;
		}
		n = 0;
		while ((rc = db_step(s, e)) == 1 && n < CLAIM_BATCH)
			ids[n++] = db_col_int(s, 0);
		if (rc == -1) {
			db_rollback(db);
			return -1;
		}
		db_done(s);
		if (db_commit(db, e) == -1)
			return -1;
		if (n == 0)
			break;
		for (i = 0; i < n; i++)
			if (deliver_one(db, c, ids[i], res, e) == -1)
				return -1;
		max -= n;
		time_iso(now, time_now());
	}
	return 0;
}

int
outbox_resend(struct db *db, struct err *e, int64_t person_id, int64_t id)
{
	char now[ISO_TIME_LEN], idtext[24];
	int64_t n;

	time_iso(now, time_now());
	if (db_begin(db, e) == -1)
		return -1;
	/* created is reset too, so the give-up clock starts again for the new attempt. */
	if ((n = db_run(db, e, sqls[SQL_RESEND], "ssi", now, now, id)) == -1)
		goto fail;
	if (n == 0) {
		err_set(e, 409, "outbox", "Message %lld does not exist or is being sent right now.", (long long)id);
		goto fail;
	}
	snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
	if (event_add(db, e, person_id, "outbox", idtext, "resend", "") == -1)
		goto fail;
	return db_commit(db, e);
fail:
	db_rollback(db);
	return -1;
}

int
outbox_list(struct db *db, struct arena *a, struct err *e, const char *state, int limit, struct outbox_row **out,
    size_t *n)
{
	struct outbox_row *v = NULL;
	struct db_stmt *s;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((s = db_query(db, e, sqls[SQL_LIST], "ssd", state, state, limit)) == NULL)
		return -1;
	while ((rc = db_step(s, e)) == 1) {
		if ((v = arena_grow(a, v, *n, &cap, sizeof(*v))) == NULL) {
			db_done(s);
			return err_set(e, 500, "memory", "Out of memory.");
		}
		v[*n].id = db_col_int(s, 0);
		v[*n].created = arena_strdup(a, db_col_text(s, 1));
		v[*n].template_name = arena_strdup(a, db_col_text(s, 2));
		v[*n].recipients = arena_strdup(a, db_col_text(s, 3));
		v[*n].subject = arena_strdup(a, db_col_text(s, 4));
		v[*n].state = arena_strdup(a, db_col_text(s, 5));
		v[*n].attempts = (int)db_col_int(s, 6);
		v[*n].next_attempt = arena_strdup(a, db_col_text(s, 7));
		v[*n].sent_at = arena_strdup(a, db_col_text(s, 8));
		v[*n].delivered_to = arena_strdup(a, db_col_text(s, 9));
		v[*n].last_error = arena_strdup(a, db_col_text(s, 10));
		v[*n].object_type = arena_strdup(a, db_col_text(s, 11));
		v[*n].object_id = arena_strdup(a, db_col_text(s, 12));
		(*n)++;
	}
	if (rc == -1)
		return -1;
	db_done(s);
	*out = v;
	return 0;
}
