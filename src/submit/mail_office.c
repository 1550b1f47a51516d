/* mail_office.c: drafts by mail (seed 004 section 16, R55-R61). The message's attachments are the
 * formats (one each), the sender is the submitter, the checks are the web's (sub_create), a valid
 * draft goes on to posting (sub_post_request: the sender still confirms by the mailed link, since a
 * From line proves nothing), and the sender gets a reply with the outcome, errors and warnings.
 * Callers: the offices[] table of src/mail/mail_in.c. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../auth/user.h"
#include "../core/arena.h"
#include "../core/buf.h"
#include "../core/config.h"
#include "../core/err.h"
#include "../core/log.h"
#include "../core/timeutil.h"
#include "../db/db.h"
#include "../mail/mail_in.h"
#include "../mail/outbox.h"
#include "submission.h"

static const struct config *office_cfg;
static const struct mail_ctx *office_mail;

void
sub_mail_in_setup(const struct config *cfg, const struct mail_ctx *mail)
{
	office_cfg = cfg;
	office_mail = mail;
}

int
sub_owns_address(const char *recipient)
{
	return office_cfg != NULL && strcasecmp(recipient, config_str(office_cfg, CFG_SUBMIT_ADDRESS)) == 0;
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

static int
reply(struct sub_ctx *c, const struct mail_in *m, const char *outcome, const char *messages, struct err *e)
{
	struct mail_msg msg;
	const char *subject, *body;
	int64_t id;
	struct mail_field f[] = {
		{ "subject", m->subject[0] ? m->subject : "your submission" },
		{ "address", config_str(c->cfg, CFG_SUBMIT_ADDRESS) }, { "outcome", outcome },
		{ "messages", messages }, { "secretariat", config_str(c->cfg, CFG_SECRETARIAT) },
	};

	if (c->mail == NULL)
		return 0;
	if (mail_template_render(c->a, TPL_SUB_MAIL_REPLY, f, sizeof(f) / sizeof(f[0]), &subject, &body, e) == -1)
		return -1;
	memset(&msg, 0, sizeof(msg));
	msg.from = c->mail->from;
	msg.to[0].name = m->from_name[0] ? m->from_name : NULL;
	msg.to[0].email = m->from;
	msg.nto = 1;
	msg.subject = subject;
	msg.body = body;
	msg.in_reply_to = m->message_id;
	msg.auto_generated = 1;
	if (db_begin(c->db, e) == -1)
		return -1;
	if (outbox_queue(c->db, c->a, c->mail, &msg, mail_templates[TPL_SUB_MAIL_REPLY].name, "inbox", m->message_id, &id,
	    e) == -1) {
		db_rollback(c->db);
		return -1;
	}
	return db_commit(c->db, e);
}

static const char *
messages_of(struct sub_ctx *c, const struct validation *v)
{
	struct buf b;
	int k;
	size_t i;

	buf_init(&b, c->a, 0);
	buf_printf(&b, "  %d error%s, %d warning%s.\n", v->errors, v->errors == 1 ? "" : "s", v->warnings,
	    v->warnings == 1 ? "" : "s");
	for (k = 0; k < v->n; k++)
		for (i = 0; i < v->d[k].nnits; i++) {
			const struct draft_nit *n = &v->d[k].nits[i];
			if (n->severity == SEV_COMMENT)
				continue;
			buf_printf(&b, "  %s %s (%s", n->severity == SEV_ERROR ? "ERROR" : "Warning", nit_rules[n->id].code,
			    v->names[k]);
			if (n->line > 0)
				buf_printf(&b, ", line %d", n->line);
			buf_printf(&b, "): %s%s%s%s\n", nit_rules[n->id].message, n->detail ? " (" : "", n->detail ? n->detail : "",
			    n->detail ? ")" : "");
		}
	return buf_cstr(&b);
}

int
sub_mail_in(struct db *db, struct arena *a, const struct mail_in *m, struct err *e)
{
	struct upload_file files[2];
	struct upload_extra extra[2];
	struct sub_new in;
	struct submission s;
	struct validation v;
	struct sub_ctx c;
	struct user anon;
	struct sub_meta meta;
	char token[TOKEN_LEN + 1];
	const char *outcome, *url;
	size_t i, nf = 0, nx = 0;

	memset(&anon, 0, sizeof(anon));
	memset(&c, 0, sizeof(c));
	c.db = db;
	c.a = a;
	c.cfg = office_cfg;
	c.mail = office_mail;
	c.user = &anon;	/* a From line signs nobody in */
	c.ip = "mail";
	c.now = time_now();
	if (c.cfg == NULL)
		return err_set(e, 500, "setup", "The submission office was not set up for mail.");
	for (i = 0; i < m->nparts; i++) {
		const struct mail_in_part *p = &m->parts[i];
		if (p->filename == NULL)
			continue;
		if (ends_with(p->filename, ".txt") || ends_with(p->filename, ".xml")) {
			if (nf == 2)
				continue;
			files[nf].format = ends_with(p->filename, ".txt") ? DRAFT_TXT : DRAFT_XML;
			files[nf].filename = p->filename;
			files[nf].data = p->data;
			files[nf].len = p->len;
			files[nf].base_dir = NULL;
			files[nf].generated = 0;
			nf++;
		} else if ((ends_with(p->filename, ".pdf") || ends_with(p->filename, ".html")) && nx < 2) {
			extra[nx].ext = ends_with(p->filename, ".pdf") ? "pdf" : "html";
			extra[nx].filename = p->filename;
			extra[nx].data = p->data;
			extra[nx].len = p->len;
			nx++;
		}
	}
	if (nf == 0) {
		if (reply(&c, m, "Nothing was submitted: no draft was attached. Attach the draft as "
		    "draft-<name>-<NN>.txt and/or draft-<name>-<NN>.xml, one file per format (R56).", "  (none)\n", e) == -1)
			return -1;
		return 0;
	}
	/* The txt first, as the web form gives them. */
	if (nf == 2 && files[0].format == DRAFT_XML) {
		struct upload_file t = files[0];
		files[0] = files[1];
		files[1] = t;
	}
	memset(&in, 0, sizeof(in));
	in.files = files;
	in.nfiles = nf;
	in.extra = extra;
	in.nextra = nx;
	in.via = "mail";
	in.submitter_name = m->from_name[0] ? m->from_name : m->from;
	in.submitter_email = m->from;
	if (sub_create(&c, &in, &s, token, &v, e) == -1) {
		struct err e2 = { 0 };
		if (e->status >= 500 && e->status != 503)
			return -1;
		log_info("mail submission from %s refused: %s", m->from, e->msg);
		if (reply(&c, m, arena_printf(a, "Nothing was submitted: %s", e->msg), "  (the files were not checked)\n",
		    &e2) == -1) {
			*e = e2;
			return -1;
		}
		err_clear(e);
		return 0;
	}
	url = arena_printf(a, "%s/submit/status/%lld/%s/", c.mail ? c.mail->site : config_str(c.cfg, CFG_BASE_URL),
	    (long long)s.id, token);
	if (s.errors > 0)
		outcome = arena_printf(a, "%s-%s was checked and stored as submission %lld, but it was NOT posted: the checks "
		    "found errors (below). Correct the draft and send it again, or open %s to adjust the metadata and "
		    "ask the Secretariat to post it.", s.name, s.rev, (long long)s.id, url);
	else {
		struct err e2 = { 0 };
		memset(&meta, 0, sizeof(meta));
		meta.submitter_name = in.submitter_name;
		meta.submitter_email = in.submitter_email;
		if (sub_post_request(&c, &s, &meta, &e2) == -1)
			outcome = arena_printf(a, "%s-%s passed the checks (submission %lld) but could not go on to posting: %s "
			    "Open %s to continue.", s.name, s.rev, (long long)s.id, e2.msg, url);
		else
			outcome = arena_printf(a, "%s-%s passed the checks and is submission %lld, now %s: %s Its page: %s",
			    s.name, s.rev, (long long)s.id, sub_states[s.state].name,
			    s.state == SUB_POSTED ? "it is posted." : s.state == SUB_AUTH || s.state == SUB_AUT_APPR ?
			    "a confirmation link was mailed to the submitter and the authors; it is posted when one of them "
			    "confirms." : "it waits for the approval the page names.", url);
	}
	if (reply(&c, m, outcome, messages_of(&c, &v), e) == -1)
		return -1;
	return 0;
}
