/* submission.c: the submission office's decisions; see submission.h.
 * Every state change goes through transition() (the one table below), inside one transaction with
 * its event and its mail. Files: an upload is written to $data/staging/tmp-<random>/ and renamed to
 * $data/staging/<id>/ inside the transaction that creates the row; posting hard-links each file into
 * $data/archive/ (link(2) refuses an existing name, so two servers can never post one revision twice)
 * before the commit, and removes the staging folder after it. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "../auth/perm.h"
#include "../auth/token.h"
#include "../auth/user.h"
#include "../core/arena.h"
#include "../core/buf.h"
#include "../core/config.h"
#include "../core/err.h"
#include "../core/log.h"
#include "../core/timeutil.h"
#include "../db/db.h"
#include "../db/event.h"
#include "../doc/document.h"
#include "../draft/draft_json.h"
#include "../http/form.h"
#include "../mail/outbox.h"
#include "../wg/group.h"
#include "submission.h"

#define B(s)	(1u << (s))
#define WAITING	(B(SUB_AUTH) | B(SUB_AUT_APPR) | B(SUB_GRP_APPR) | B(SUB_AD_APPR))

/* The states and where each may go (DATATRACKER.md 2.3; "confirmed" and "validating" are not needed:
 * validation is synchronous, and the confirming POST moves a row with one conditional UPDATE). */
const struct sub_state_row sub_states[SUB__MAX] = {
	[SUB_UPLOADED] = { "uploaded", "Uploaded",
		B(SUB_AUTH) | B(SUB_AUT_APPR) | B(SUB_GRP_APPR) | B(SUB_AD_APPR) | B(SUB_MANUAL) | B(SUB_POSTED) | B(SUB_CANCEL) },
	[SUB_AUTH] = { "auth", "Awaiting Submitter Authentication", B(SUB_POSTED) | B(SUB_CANCEL) },
	[SUB_AUT_APPR] = { "aut-appr", "Awaiting Approval from Previous Version Authors", B(SUB_POSTED) | B(SUB_CANCEL) },
	[SUB_GRP_APPR] = { "grp-appr", "Awaiting Initial Version Approval", B(SUB_POSTED) | B(SUB_CANCEL) },
	[SUB_AD_APPR] = { "ad-appr", "Awaiting AD Approval", B(SUB_POSTED) | B(SUB_CANCEL) },
	[SUB_MANUAL] = { "manual", "Awaiting Manual Post", B(SUB_POSTED) | B(SUB_CANCEL) },
	[SUB_WAITING] = { "waiting-for-draft", "Manual Post Waiting for Draft", B(SUB_POSTED) | B(SUB_CANCEL) },
	[SUB_POSTED] = { "posted", "Posted", 0 },
	[SUB_CANCEL] = { "cancel", "Cancelled", 0 },
};

int
sub_state_parse(const char *slug)
{
	int i;

	for (i = 0; i < SUB__MAX; i++)
		if (strcmp(sub_states[i].slug, slug) == 0)
			return i;
	return -1;
}

static int
oom(struct err *e)
{
	return err_set(e, 500, "memory", "Out of memory.");
}

static const char *
now_iso(struct sub_ctx *c)
{
	char t[ISO_TIME_LEN];

	time_iso(t, c->now);
	return arena_strdup(c->a, t);
}

static const char *
idstr(struct sub_ctx *c, int64_t id)
{
	return arena_printf(c->a, "%lld", (long long)id);
}

static int
ev(struct sub_ctx *c, int64_t id, const char *verb, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int
ev(struct sub_ctx *c, int64_t id, const char *verb, const char *fmt, ...)
{
	struct err e = { 0 };
	char detail[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	if (event_add(c->db, &e, c->user ? c->user->person_id : 0, "submission", idstr(c, id), verb, detail) == -1) {
		log_error("submission %lld: event: %s", (long long)id, e.msg);
		return -1;
	}
	return 0;
}

/* ---- paths and files ---- */

const char *
sub_staging_dir(struct arena *a, const struct config *cfg, int64_t id)
{
	return arena_printf(a, "%s/staging/%lld", config_str(cfg, CFG_DATA), (long long)id);
}

const char *
sub_archive_dir(struct arena *a, const struct config *cfg)
{
	return arena_printf(a, "%s/archive", config_str(cfg, CFG_DATA));
}

static int
mkdir_p(const char *path)
{
	char tmp[4096], *p;

	if (snprintf(tmp, sizeof(tmp), "%s", path) >= (int)sizeof(tmp))
		return -1;
	for (p = tmp + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			if (mkdir(tmp, 0750) == -1 && errno != EEXIST)
				return -1;
			*p = '/';
		}
	return mkdir(tmp, 0750) == -1 && errno != EEXIST ? -1 : 0;
}

/* Removes a staging folder and the files in it (it holds files only); returns the bytes freed. */
static int64_t
rm_folder(const char *dir)
{
	char path[4400];
	struct dirent *de;
	struct stat st;
	int64_t bytes = 0;
	DIR *d;

	if ((d = opendir(dir)) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (lstat(path, &st) == 0)
			bytes += st.st_size;
		unlink(path);
	}
	closedir(d);
	rmdir(dir);
	return bytes;
}

static int
write_file(const char *path, const char *data, size_t len)
{
	ssize_t w;
	size_t off = 0;
	int fd;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640)) == -1)
		return -1;
	while (off < len) {
		if ((w = write(fd, data + off, len - off)) <= 0) {
			if (w == -1 && errno == EINTR)
				continue;
			close(fd);
			return -1;
		}
		off += (size_t)w;
	}
	if (fsync(fd) == -1) {
		close(fd);
		return -1;
	}
	return close(fd);
}

static const char *
read_all(struct arena *a, const char *path, size_t *len)
{
	struct stat st;
	ssize_t r;
	size_t off = 0;
	char *buf;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return NULL;
	if (fstat(fd, &st) == -1 || (buf = arena_alloc(a, (size_t)st.st_size + 1)) == NULL) {
		close(fd);
		return NULL;
	}
	while (off < (size_t)st.st_size) {
		if ((r = read(fd, buf + off, (size_t)st.st_size - off)) <= 0) {
			if (r == -1 && errno == EINTR)
				continue;
			break;
		}
		off += (size_t)r;
	}
	close(fd);
	buf[off] = '\0';
	*len = off;
	return buf;
}

const char *
sub_staged_file(struct sub_ctx *c, const struct submission *s, const char *ext, size_t *len)
{
	const char *path = arena_printf(c->a, "%s/%s-%s.%s", sub_staging_dir(c->a, c->cfg, s->id), s->name, s->rev, ext);

	if (s->state == SUB_POSTED)
		path = arena_printf(c->a, "%s/%s-%s.%s", sub_archive_dir(c->a, c->cfg), s->name, s->rev, ext);
	return path ? read_all(c->a, path, len) : NULL;
}

/* ---- loading ---- */

#define SUB_COLS "id, name, rev, state, group_acronym, title, abstract, doc_date, intended_status, pages, words, " \
	"submitter_name, submitter_email, coalesce(submitter_person, 0), replaces, discuss_email, note, file_types, " \
	"file_size, errors, warnings, messages, adjusted, via, remote_ip, access_hash, coalesce(auth_hash, ''), staged, " \
	"submission_date, created, updated, coalesce(manual_at, ''), coalesce(posted_at, ''), coalesce(document_id, 0), " \
	"generated_types"

static void
sub_from_row(struct arena *a, struct db_stmt *st, struct submission *s)
{
	int k;

	memset(s, 0, sizeof(*s));
	s->id = db_col_int(st, 0);
	s->name = arena_strdup(a, db_col_text(st, 1));
	s->rev = arena_strdup(a, db_col_text(st, 2));
	k = sub_state_parse(db_col_text(st, 3));
	s->state = k < 0 ? SUB_CANCEL : (enum sub_state)k;
	s->group = arena_strdup(a, db_col_text(st, 4));
	s->title = arena_strdup(a, db_col_text(st, 5));
	s->abstract = arena_strdup(a, db_col_text(st, 6));
	s->doc_date = arena_strdup(a, db_col_text(st, 7));
	s->intended_status = arena_strdup(a, db_col_text(st, 8));
	s->pages = (int)db_col_int(st, 9);
	s->words = (int)db_col_int(st, 10);
	s->submitter_name = arena_strdup(a, db_col_text(st, 11));
	s->submitter_email = arena_strdup(a, db_col_text(st, 12));
	s->submitter_person = db_col_int(st, 13);
	s->replaces = arena_strdup(a, db_col_text(st, 14));
	s->discuss_email = arena_strdup(a, db_col_text(st, 15));
	s->note = arena_strdup(a, db_col_text(st, 16));
	s->file_types = arena_strdup(a, db_col_text(st, 17));
	s->file_size = db_col_int(st, 18);
	s->errors = (int)db_col_int(st, 19);
	s->warnings = (int)db_col_int(st, 20);
	s->messages = arena_strdup(a, db_col_text(st, 21));
	s->adjusted = (int)db_col_int(st, 22);
	s->via = arena_strdup(a, db_col_text(st, 23));
	s->remote_ip = arena_strdup(a, db_col_text(st, 24));
	s->access_hash = arena_strdup(a, db_col_text(st, 25));
	s->auth_hash = arena_strdup(a, db_col_text(st, 26));
	s->staged = db_col_int(st, 27);
	s->submission_date = arena_strdup(a, db_col_text(st, 28));
	s->created = arena_strdup(a, db_col_text(st, 29));
	s->updated = arena_strdup(a, db_col_text(st, 30));
	s->manual_at = arena_strdup(a, db_col_text(st, 31));
	s->posted_at = arena_strdup(a, db_col_text(st, 32));
	s->document_id = db_col_int(st, 33);
	s->generated_types = arena_strdup(a, db_col_text(st, 34));
}

static int
load_authors(struct sub_ctx *c, struct submission *s, struct err *e)
{
	struct db_stmt *st;
	size_t cap = 0;
	int rc;

	s->authors = NULL;
	s->nauthors = 0;
	if ((st = db_query(c->db, e, "SELECT name, email, org, country FROM submission_author WHERE submission_id = ? "
	    "ORDER BY ord", "i", s->id)) == NULL)
		return -1;
	while ((rc = db_step(st, e)) == 1) {
		struct sub_author *x;
		if ((s->authors = arena_grow(c->a, s->authors, s->nauthors, &cap, sizeof(*s->authors))) == NULL) {
			db_done(st);
			return oom(e);
		}
		x = &s->authors[s->nauthors++];
		x->name = arena_strdup(c->a, db_col_text(st, 0));
		x->email = arena_strdup(c->a, db_col_text(st, 1));
		x->org = arena_strdup(c->a, db_col_text(st, 2));
		x->country = arena_strdup(c->a, db_col_text(st, 3));
	}
	if (rc == -1)
		return -1;
	db_done(st);
	return 0;
}

int
sub_load(struct sub_ctx *c, int64_t id, struct submission *s, struct err *e)
{
	struct db_stmt *st;
	int rc;

	if ((st = db_query(c->db, e, "SELECT " SUB_COLS " FROM submission WHERE id = ?", "i", id)) == NULL)
		return -1;
	if ((rc = db_step(st, e)) != 1) {
		if (rc == 0)
			db_done(st);
		return rc == 0 ? err_set(e, 404, "submission", "There is no submission %lld.", (long long)id) : -1;
	}
	sub_from_row(c->a, st, s);
	db_done(st);
	return load_authors(c, s, e);
}

int
sub_token_ok(const struct submission *s, const char *token)
{
	char h[TOKEN_HASH_LEN + 1];

	if (token == NULL || strlen(token) != TOKEN_LEN)
		return 0;
	token_hash(token, h);
	return token_equal(h, s->access_hash);
}

/* ---- who may act ---- */

static int
is_secretariat(const struct user *u)
{
	return perm_allows(u, PERM_SUBMIT_MANUAL, NULL);
}

/* The group whose chairs approve: the draft's own, or for an individual draft that replaces a WG
 * document, that document's group (DATATRACKER.md 2.10). */
static const char *
approval_group(struct sub_ctx *c, const struct submission *s)
{
	struct err e = { 0 };
	struct db_stmt *st;
	const char *g = NULL;
	char *list, *tok, *save = NULL;

	if (s->group[0] != '\0')
		return s->group;
	list = arena_strdup(c->a, s->replaces);
	for (tok = list ? strtok_r(list, ", ", &save) : NULL; tok && g == NULL; tok = strtok_r(NULL, ", ", &save)) {
		if ((st = db_query(c->db, &e, "SELECT d.group_acronym FROM document d JOIN grp g ON g.acronym = d.group_acronym "
		    "WHERE d.name = ? AND g.type IN ('wg','rg')", "s", tok)) == NULL)
			break;
		if (db_step(st, &e) == 1)
			g = arena_strdup(c->a, db_col_text(st, 0));
		db_done(st);
	}
	return g;
}

static int
may_approve_group(struct sub_ctx *c, const char *group)
{
	const char *area;

	if (group == NULL || c->user == NULL || c->user->person_id == 0)
		return 0;
	if (perm_allows(c->user, PERM_SUBMIT_APPROVE_00, group))
		return 1;
	area = group_parent_acronym(c->db, c->a, group);
	return area != NULL && perm_allows(c->user, PERM_SUBMIT_APPROVE_00, area);
}

/* 1 when the signed-in person is one of the submission's authors (rev 00 or no document yet) or of
 * the document's previous revision. */
static int
user_is_author(struct sub_ctx *c, const struct submission *s, int previous)
{
	struct err e = { 0 };
	const char **emails;
	size_t n, i, k;
	int64_t doc;
	char rev[4], state[16];

	if (c->user == NULL || c->user->person_id == 0)
		return 0;
	if (person_emails(c->db, c->a, &e, c->user->person_id, &emails, &n) == -1)
		return 0;
	if (previous) {
		if (doc_find(c->db, &e, s->name, &doc, rev, state) != 1)
			return 0;
		return doc_has_author(c->db, &e, doc, emails, n) == 1;
	}
	for (i = 0; i < s->nauthors; i++)
		for (k = 0; k < n; k++)
			if (s->authors[i].email[0] && strcasecmp(s->authors[i].email, emails[k]) == 0)
				return 1;
	return 0;
}

int
sub_may(struct sub_ctx *c, const struct submission *s, enum sub_action act, int has_token)
{
	int secr = is_secretariat(c->user);
	int mine = c->user && c->user->person_id != 0 && c->user->person_id == s->submitter_person;

	switch (act) {
	case SA_VIEW:
		return has_token || secr || mine || user_is_author(c, s, 0) ||
		    ((s->state == SUB_GRP_APPR || s->state == SUB_AD_APPR) && may_approve_group(c, approval_group(c, s)));
	case SA_EDIT:
		return (has_token || secr || mine) && s->state == SUB_UPLOADED;
	case SA_CANCEL:
		if (!(sub_states[s->state].next & B(SUB_CANCEL)))
			return 0;
		if (secr || has_token || mine)
			return 1;
		return (s->state == SUB_GRP_APPR || s->state == SUB_AD_APPR) && may_approve_group(c, approval_group(c, s));
	case SA_APPROVE:
		if (s->state == SUB_GRP_APPR)
			return secr || may_approve_group(c, approval_group(c, s));
		if (s->state == SUB_AD_APPR) {
			const char *area = s->group[0] ? group_parent_acronym(c->db, c->a, s->group) : NULL;
			return secr || (area && perm_allows(c->user, PERM_SUBMIT_APPROVE_00, area));
		}
		return 0;
	case SA_CONFIRM:
		return (s->state == SUB_AUTH && user_is_author(c, s, 0)) ||
		    (s->state == SUB_AUT_APPR && user_is_author(c, s, 1));
	case SA_FORCE:
		return secr && (sub_states[s->state].next & B(SUB_POSTED)) && s->state != SUB_WAITING;
	case SA_SECRETARIAT_EDIT:
		return secr && (s->state == SUB_MANUAL || s->state == SUB_UPLOADED);
	}
	return 0;
}

/* ---- the transition ---- */

static int
transition(struct sub_ctx *c, struct submission *s, enum sub_state to, const char *verb, const char *detail, struct err *e)
{
	const char *now = now_iso(c);
	int64_t n;

	if (!(sub_states[s->state].next & B(to)))
		return err_set(e, 409, "state", "This submission is %s: it cannot become %s.", sub_states[s->state].name,
		    sub_states[to].name);
	/* Conditional on the state read: of two requests racing (two confirmations, a confirmation and a
	 * cancel, two servers), exactly one moves the row; the other is told (R72). */
	n = db_run(c->db, e, "UPDATE submission SET state = ?, updated = ?, "
	    "manual_at = CASE WHEN ? = 'manual' THEN ? ELSE manual_at END, "
	    "posted_at = CASE WHEN ? = 'posted' THEN ? ELSE posted_at END WHERE id = ? AND state = ?", "ssssssis",
	    sub_states[to].slug, now, sub_states[to].slug, now, sub_states[to].slug, now, s->id, sub_states[s->state].slug);
	if (n == -1)
		return -1;
	if (n == 0) {
		struct submission cur;
		if (sub_load(c, s->id, &cur, e) == -1)
			return -1;
		return err_set(e, 409, "state", "This submission became %s meanwhile; nothing else was done.",
		    sub_states[cur.state].name);
	}
	if (ev(c, s->id, verb, "%s", detail) == -1)
		return err_set(e, 500, "event", "The change could not be recorded.");
	s->state = to;
	s->updated = now;
	return 0;
}

/* ---- mail ---- */

static int
queue(struct sub_ctx *c, const struct submission *s, enum mail_template t, const struct mail_field *f, size_t nf,
    const struct mail_rcpts *to, const struct mail_rcpts *cc, struct err *e)
{
	return outbox_queue_rcpts(c->db, c->a, c->mail, t, f, nf, to, cc, "submission", idstr(c, s->id), NULL, e);
}

static const char *
site(struct sub_ctx *c)
{
	return c->mail ? c->mail->site : config_str(c->cfg, CFG_BASE_URL);
}

/* The validation messages as text for mails (R61, R81). */
static const char *
messages_text(struct sub_ctx *c, const struct submission *s)
{
	json_t *arr = json_loads(s->messages, 0, NULL), *m;
	struct buf b;
	size_t i;

	buf_init(&b, c->a, 0);
	buf_printf(&b, "  %d error%s, %d warning%s.\n", s->errors, s->errors == 1 ? "" : "s", s->warnings,
	    s->warnings == 1 ? "" : "s");
	json_array_foreach(arr, i, m) {
		const char *sev = json_string_value(json_object_get(m, "severity"));
		json_int_t line = json_integer_value(json_object_get(m, "line"));
		if (sev == NULL || strcmp(sev, "comment") == 0)
			continue;
		buf_printf(&b, "  %s %s: ", strcmp(sev, "error") == 0 ? "ERROR" : "Warning",
		    json_string_value(json_object_get(m, "id")));
		if (line > 0)
			buf_printf(&b, "line %lld: ", (long long)line);
		buf_printf(&b, "%s", json_string_value(json_object_get(m, "message")));
		if (json_string_value(json_object_get(m, "detail")))
			buf_printf(&b, " (%s)", json_string_value(json_object_get(m, "detail")));
		buf_putc(&b, '\n');
	}
	json_decref(arr);
	return buf_cstr(&b);
}

static const char *
status_url(struct sub_ctx *c, const struct submission *s)
{
	return arena_printf(c->a, "%s/submit/status/%lld/", site(c), (long long)s->id);
}

/* Chairs (and secretaries, delegates) of a group, or the ADs of an area. */
static int
role_rcpts(struct sub_ctx *c, const char *acronym, const char *roles_sql, struct mail_rcpts *r, struct err *e)
{
	struct db_stmt *st;
	int rc;

	if (acronym == NULL)
		return 0;
	if ((st = db_query(c->db, e, roles_sql, "s", acronym)) == NULL)
		return -1;
	while ((rc = db_step(st, e)) == 1)
		mail_rcpts_add(r, arena_strdup(c->a, db_col_text(st, 0)), arena_strdup(c->a, db_col_text(st, 1)));
	if (rc == -1)
		return -1;
	db_done(st);
	return 0;
}

static const char SQL_CHAIRS[] = "SELECT p.name, r.email FROM role r JOIN person p ON p.id = r.person_id JOIN grp g "
	"ON g.id = r.group_id WHERE g.acronym = ? AND r.name IN ('chair','secr','delegate') ORDER BY r.name, p.name";
static const char SQL_ADS[] = "SELECT p.name, r.email FROM role r JOIN person p ON p.id = r.person_id JOIN grp g "
	"ON g.id = r.group_id WHERE g.acronym = ? AND r.name = 'ad' ORDER BY p.name";

static const char *
submitter_text(struct sub_ctx *c, const struct submission *s)
{
	if (s->submitter_email[0])
		return arena_printf(c->a, "%s <%s>", s->submitter_name[0] ? s->submitter_name : s->submitter_email,
		    s->submitter_email);
	return "someone";
}

static const char *
estimate_text(struct sub_ctx *c)
{
	struct err e = { 0 };
	long sec = sub_manual_estimate(c, &e);

	if (sec <= 0)
		return "The Secretariat usually posts within one working day.";
	if (sec < 2 * 3600)
		return arena_printf(c->a, "Recent manual posts took about %ld minutes.", (sec + 59) / 60);
	if (sec < 2 * 86400)
		return arena_printf(c->a, "Recent manual posts took about %ld hours.", (sec + 3599) / 3600);
	return arena_printf(c->a, "Recent manual posts took about %ld days.", (sec + 86399) / 86400);
}

/* ---- creating ---- */

static int
vet_extra(const struct upload_extra *x, const char *name, const char *rev, size_t cap, struct err *e)
{
	const char *base = strrchr(x->filename ? x->filename : "", '/');
	char want[128];

	base = base ? base + 1 : (x->filename ? x->filename : "");
	snprintf(want, sizeof(want), "%s-%s.%s", name, rev, x->ext);
	if (x->len > cap)
		return err_set(e, 413, "size", "The %s file is %zu bytes; the limit is %zu bytes.", x->ext, x->len, cap);
	if (strcmp(base, want) != 0)
		return err_set(e, 400, "filename", "The %s file must be named %s, not \"%.80s\".", x->ext, want, base);
	if (strcmp(x->ext, "pdf") == 0 && (x->len < 5 || memcmp(x->data, "%PDF-", 5) != 0))
		return err_set(e, 400, "format", "%s is not a PDF file (it does not start with %%PDF-).", want);
	if (strcmp(x->ext, "html") == 0 && (memchr(x->data, '\0', x->len) != NULL || !idt_text_valid(x->data, x->len, 1)))
		return err_set(e, 400, "format", "%s is not UTF-8 text.", want);
	return 0;
}

/* The office's limits (DATATRACKER.md 2.18): each a 429 with the sentence. */
static int
daily_limits(struct sub_ctx *c, const char *name, const char *rev, const char *group, int64_t size, const char *day,
    struct err *e)
{
	static const struct {
		const char	*sql;
		enum cfg_key	 count, bytes;
		const char	*what;
	} lims[] = {
		{ "SELECT count(*), coalesce(sum(file_size), 0) FROM submission WHERE submission_date = ? AND name = ? AND rev = ?",
		  CFG_DAILY_NAME, CFG_DAILY_NAME_SIZE, "for this draft revision" },
		{ "SELECT count(*), coalesce(sum(file_size), 0) FROM submission WHERE submission_date = ? AND remote_ip = ?",
		  CFG_DAILY_IP, CFG_DAILY_IP_SIZE, "from your address" },
		{ "SELECT count(*), coalesce(sum(file_size), 0) FROM submission WHERE submission_date = ? AND group_acronym = ?",
		  CFG_DAILY_GROUP, CFG_DAILY_GROUP_SIZE, "for this group" },
		{ "SELECT count(*), coalesce(sum(file_size), 0) FROM submission WHERE submission_date = ?",
		  CFG_DAILY_TOTAL, CFG_DAILY_TOTAL_SIZE, "in total" },
	};
	struct db_stmt *st;
	size_t i;
	int64_t n, bytes;

	for (i = 0; i < sizeof(lims) / sizeof(lims[0]); i++) {
		if (i == 2 && group[0] == '\0')
			continue;
		st = i == 0 ? db_query(c->db, e, lims[i].sql, "sss", day, name, rev) :
		    i == 1 ? db_query(c->db, e, lims[i].sql, "ss", day, c->ip ? c->ip : "") :
		    i == 2 ? db_query(c->db, e, lims[i].sql, "ss", day, group) : db_query(c->db, e, lims[i].sql, "s", day);
		if (st == NULL || db_step(st, e) != 1)
			return -1;
		n = db_col_int(st, 0);
		bytes = db_col_int(st, 1);
		db_done(st);
		if (n >= config_int(c->cfg, lims[i].count))
			return err_set(e, 429, "limit", "The daily limit of %lld submissions %s has been reached; try again tomorrow "
			    "(UTC) or write to the Secretariat.", config_int(c->cfg, lims[i].count), lims[i].what);
		if (bytes + size > config_int(c->cfg, lims[i].bytes))
			return err_set(e, 429, "limit", "The daily limit of %lld MB of submissions %s has been reached; try again "
			    "tomorrow (UTC) or write to the Secretariat.", config_int(c->cfg, lims[i].bytes) >> 20, lims[i].what);
	}
	return 0;
}

static int64_t
staged_total(struct sub_ctx *c, struct err *e)
{
	int64_t n = 0;

	if (db_int(c->db, e, &n, "SELECT coalesce(sum(staged), 0) FROM submission WHERE staged > 0", "") == -1)
		return -1;
	return n;
}

static int
group_rules(struct sub_ctx *c, const char *name, const char **group, struct err *e)
{
	struct db_stmt *st;
	char acr[48];
	const char *p, *q;
	int rc;

	*group = "";
	if (strncmp(name, "draft-ietf-", 11) != 0 && strncmp(name, "draft-irtf-", 11) != 0)
		return 0;
	p = name + 11;
	q = strchr(p, '-');
	if (q == NULL || (size_t)(q - p) >= sizeof(acr))
		return err_set(e, 400, "group", "%s names no group: a WG draft is draft-ietf-<wg>-<topic>.", name);
	snprintf(acr, sizeof(acr), "%.*s", (int)(q - p), p);
	if ((st = db_query(c->db, e, "SELECT type, state FROM grp WHERE acronym = ?", "s", acr)) == NULL)
		return -1;
	if ((rc = db_step(st, e)) == -1)
		return -1;
	if (rc == 0 || strcmp(db_col_text(st, 0), name[6] == 'i' && name[7] == 'e' ? "wg" : "rg") != 0) {
		db_done(st);
		return err_set(e, 400, "group", "There is no %s with the acronym '%s'; please rename your Internet-Draft.",
		    name[7] == 'e' ? "working group" : "research group", acr);
	}
	db_done(st);
	*group = arena_strdup(c->a, acr);
	return 0;
}

static const char *
messages_json(struct validation *v)
{
	json_t *arr = json_array();
	char *s;
	int k;
	size_t i;

	for (k = 0; k < v->n; k++)
		for (i = 0; i < v->d[k].nnits; i++) {
			const struct draft_nit *n = &v->d[k].nits[i];
			json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:i,s:s}", "id", nit_rules[n->id].code, "severity",
			    nit_severity_name(n->severity), "message", nit_rules[n->id].message, "source",
			    nit_rules[n->id].source, "line", n->line, "file", v->names[k]);
			if (o == NULL)
				continue;
			if (n->detail)
				json_object_set_new(o, "detail", json_string(n->detail));
			json_array_append_new(arr, o);
		}
	s = json_dumps(arr, JSON_COMPACT);
	json_decref(arr);
	return s;
}

int
sub_in_cutoff(struct sub_ctx *c, const char **sentence, struct err *e)
{
	const char *cut, *reopen;
	time_t tc, tr;

	*sentence = NULL;
	if (sub_cutoff_get(c, &cut, &reopen, e) == -1)
		return -1;
	if (cut[0] == '\0' || time_parse_iso(cut, &tc) == -1 || c->now < tc)
		return 0;
	if (reopen[0] != '\0' && time_parse_iso(reopen, &tr) == 0 && c->now >= tr)
		return 0;
	*sentence = arena_printf(c->a, "The Internet-Draft submission tool is closed for the meeting cut-off (since %s)%s%s; "
	    "until then only the Secretariat can post.", cut, reopen[0] ? " and reopens at " : "", reopen);
	return 1;
}

int
sub_create(struct sub_ctx *c, const struct sub_new *in, struct submission *s, char token[TOKEN_LEN + 1],
    struct validation *v, struct err *e)
{
	struct draft_xml_opts xo;
	struct check_opts o;
	struct draft_name dn;
	struct tm tm;
	const struct draft *p;
	const char *group, *now = now_iso(c), *cutmsg, *tmpdir, *dir, *msgs;
	char day[11], last_rev[4] = "", dstate[16] = "", h[TOKEN_HASH_LEN + 1], date[16], rnd[17], types[64] = "";
	int64_t docid = 0, size = 0, stage_size, staged, id = 0;
	char *pre = NULL;	/* R10: the preprocessed XML, when it differs from the upload */
	size_t i, k, pre_len = 0;
	int rc;

	memset(s, 0, sizeof(*s));
	if (in->nfiles == 0 || in->nfiles > 2)
		return err_set(e, 400, "files", "Upload the draft as plain text or XML (or both); one of them is required.");
	if (draft_name_parse(in->files[0].filename ? in->files[0].filename : "", NULL, 1, &dn) == NAME_OK &&
	    (rc = doc_find(c->db, e, dn.name, &docid, last_rev, dstate)) == -1)
		return -1;
	gmtime_r(&c->now, &tm);
	memset(&o, 0, sizeof(o));
	memset(&xo, 0, sizeof(xo));
	o.mode = CHECK_SUBMISSION;
	o.today = (struct draft_date){ tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday };
	o.last_rev = last_rev;	/* "" = never posted: R22 wants -00 */
	xo.refs_dir = config_str(c->cfg, CFG_REFS);
	{
		struct submit_caps caps = { (size_t)config_int(c->cfg, CFG_SUBMIT_MAX_TXT),
		    (size_t)config_int(c->cfg, CFG_SUBMIT_MAX_XML) };
		if (submit_validate(c->a, in->files, in->nfiles, &o, &xo, &caps, v, e) == -1)
			return -1;
	}
	/* The name and revision come from the files' names (vetted above, and equal across formats). */
	if (draft_name_parse(v->names[0], NULL, 1, &dn) != NAME_OK)
		return err_set(e, 400, "filename", "\"%.80s\" is not an Internet-Draft file name.", v->names[0]);
	for (i = 0; i < in->nextra; i++) {
		size_t cap = (size_t)config_int(c->cfg, strcmp(in->extra[i].ext, "pdf") == 0 ? CFG_SUBMIT_MAX_PDF :
		    CFG_SUBMIT_MAX_HTML);
		if (vet_extra(&in->extra[i], dn.name, dn.rev, cap, e) == -1)
			return -1;
	}
	if (sub_in_cutoff(c, &cutmsg, e) == -1)
		return -1;
	if (cutmsg != NULL && !is_secretariat(c->user))
		return err_set(e, 403, "cutoff", "%s", cutmsg);
	if (group_rules(c, dn.name, &group, e) == -1)
		return -1;
	/* The revision: not one posted already, not a replaced draft (DATATRACKER.md 2.5 step 4). */
	if (last_rev[0] && atoi(dn.rev) <= atoi(last_rev))
		return err_set(e, 409, "rev", "%s-%s has been posted already; the next revision is %02d.", dn.name, dn.rev,
		    atoi(last_rev) + 1);
	/* A skipped revision is R22's blocking nit (REVISION_NOT_NEXT): the manual route stays open. */
	if (strcmp(dstate, "repl") == 0)
		return err_set(e, 409, "replaced", "%s has been replaced by another document; submit under that name.", dn.name);
	for (k = 0; k < in->nfiles; k++)
		size += (int64_t)in->files[k].len;
	for (k = 0; k < in->nextra; k++)
		size += (int64_t)in->extra[k].len;
	/* R8, R10: an XML with includes or PIs is posted preprocessed, and as it came (.orig.xml). */
	for (k = 0; k < in->nfiles; k++)
		if (in->files[k].format == DRAFT_XML && submit_preprocess(c->a, &in->files[k], v, &xo, &pre, &pre_len, e) == -1)
			return -1;
	stage_size = size + (int64_t)v->generated_len + (int64_t)pre_len;	/* the rendered text is stored too (R70) */
	snprintf(day, sizeof(day), "%.10s", now);
	if (daily_limits(c, dn.name, dn.rev, group, size, day, e) == -1)
		return -1;
	/* One submission of a revision at a time (the unique index decides races; this gives the link). */
	{
		int64_t other = 0;
		if ((rc = db_int(c->db, e, &other, "SELECT id FROM submission WHERE name = ? AND rev = ? AND state NOT IN "
		    "('posted','cancel','waiting-for-draft')", "ss", dn.name, dn.rev)) == -1)
			return -1;
		if (rc == 1)
			return err_set(e, 409, "in-progress", "A submission of %s-%s is already being processed (submission %lld, "
			    "%s/submit/status/%lld/); cancel it first or wait for it.", dn.name, dn.rev, (long long)other,
			    site(c), (long long)other);
	}
	/* R12, R13: room in the staging area, after garbage collection if needed. */
	if ((staged = staged_total(c, e)) == -1)
		return -1;
	if (staged + stage_size > config_int(c->cfg, CFG_STAGING_MAX)) {
		struct sub_gc_result gr;
		if (sub_gc(c->db, c->cfg, c->now, &gr, e) == -1 || (staged = staged_total(c, e)) == -1)
			return -1;
		if (staged + stage_size > config_int(c->cfg, CFG_STAGING_MAX))
			return err_set(e, 503, "staging-full", "The staging area is full (%lld of %lld bytes in use); the upload "
			    "was not stored. Try again later or write to the Secretariat.", (long long)staged,
			    config_int(c->cfg, CFG_STAGING_MAX));
	}

	/* The files, in a folder of their own. */
	token_hex(rnd, 8);
	tmpdir = arena_printf(c->a, "%s/staging/tmp-%s", config_str(c->cfg, CFG_DATA), rnd);
	if (mkdir_p(tmpdir) == -1)
		return err_set(e, 500, "staging", "The staging area cannot be written (%s).", strerror(errno));
	for (k = 0; k < in->nfiles + in->nextra; k++) {
		const char *ext = k < in->nfiles ? (in->files[k].format == DRAFT_TXT ? "txt" : "xml") : in->extra[k - in->nfiles].ext;
		const char *data = k < in->nfiles ? in->files[k].data : in->extra[k - in->nfiles].data;
		size_t len = k < in->nfiles ? in->files[k].len : in->extra[k - in->nfiles].len;
		if (pre != NULL && strcmp(ext, "xml") == 0) {
			if (write_file(arena_printf(c->a, "%s/%s-%s.orig.xml", tmpdir, dn.name, dn.rev), data, len) == -1) {
				rm_folder(tmpdir);
				return err_set(e, 500, "staging", "The staging area cannot be written (%s).", strerror(errno));
			}
			data = pre;
			len = pre_len;
		}
		if (write_file(arena_printf(c->a, "%s/%s-%s.%s", tmpdir, dn.name, dn.rev, ext), data, len) == -1) {
			rm_folder(tmpdir);
			return err_set(e, 500, "staging", "The staging area cannot be written (%s).", strerror(errno));
		}
		snprintf(types + strlen(types), sizeof(types) - strlen(types), "%s.%s%s", types[0] ? "," : "", ext,
		    pre != NULL && strcmp(ext, "xml") == 0 ? ",.orig.xml" : "");
	}
	/* R70: the text rendered from the XML, stored as if it had been uploaded with it. */
	if (v->generated != NULL) {
		if (write_file(arena_printf(c->a, "%s/%s-%s.txt", tmpdir, dn.name, dn.rev), v->generated,
		    v->generated_len) == -1) {
			rm_folder(tmpdir);
			return err_set(e, 500, "staging", "The staging area cannot be written (%s).", strerror(errno));
		}
		snprintf(types, sizeof(types), ".txt,.xml%s", pre != NULL ? ",.orig.xml" : "");
		for (k = 0; k < in->nextra; k++)
			snprintf(types + strlen(types), sizeof(types) - strlen(types), ",.%s", in->extra[k].ext);
	}

	p = draft_primary(v->d, v->n);
	token_new(token);
	token_hash(token, h);
	draft_date_text(&p->date, date);
	if ((msgs = messages_json(v)) == NULL) {
		rm_folder(tmpdir);
		return oom(e);
	}
	if (db_begin(c->db, e) == -1) {
		free((void *)msgs);
		rm_folder(tmpdir);
		return -1;
	}
	rc = db_int(c->db, e, &id, "INSERT INTO submission (name, rev, state, group_acronym, title, abstract, doc_date, pages, "
	    "words, intended_status, submitter_name, submitter_email, submitter_person, replaces, file_types, file_size, errors, "
	    "warnings, messages, via, remote_ip, access_hash, staged, submission_date, created, updated, generated_types) "
	    "VALUES (?, ?, 'uploaded', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	    "ssssssddsssnssiddssssissss", dn.name, dn.rev, group, p->title ? p->title : "", p->abstract ? p->abstract : "",
	    strlen(date) == 10 ? date : "", v->d[0].pages, v->d[0].words, p->status ? p->status : "",
	    in->submitter_name ? in->submitter_name : (c->user && c->user->person_id ? c->user->name : ""),
	    in->submitter_email ? in->submitter_email : (c->user && c->user->person_id ? c->user->email : ""),
	    c->user ? c->user->person_id : 0, in->replaces ? in->replaces : "", types, size, v->errors, v->warnings, msgs,
	    in->via, c->ip ? c->ip : "", h, stage_size, day, now, now, v->generated ? ".txt" : "");
	free((void *)msgs);
	if (rc != 1) {
		db_rollback(c->db);
		rm_folder(tmpdir);
		if (e->status == 409)
			return err_set(e, 409, "in-progress", "A submission of %s-%s is already being processed; cancel it first or "
			    "wait for it.", dn.name, dn.rev);
		return -1;
	}
	for (i = 0; i < p->nauthors; i++) {
		const struct draft_author *x = &p->authors[i];
		if (db_run(c->db, e, "INSERT INTO submission_author (submission_id, ord, name, email, org) VALUES (?, ?, ?, ?, ?)",
		    "idsss", id, (int)i, x->name ? x->name : "", x->email ? x->email : "", x->org ? x->org : "") == -1)
			goto fail;
	}
	s->id = id;
	if (ev(c, id, "uploaded", "Uploaded submission%s (%s%s%s; %d error%s, %d warning%s)",
	    strcmp(in->via, "web") == 0 ? "" : strcmp(in->via, "api") == 0 ? " through the API" : " by mail", types,
	    v->generated ? ", the .txt generated from the XML by idtracker render" : "",
	    pre ? ", the .xml preprocessed (includes resolved, no processing instructions) and the upload kept as .orig.xml" : "", v->errors, v->errors == 1 ? "" : "s", v->warnings, v->warnings == 1 ? "" : "s") == -1) {
		err_set(e, 500, "event", "The submission could not be recorded.");
		goto fail;
	}
	dir = sub_staging_dir(c->a, c->cfg, id);
	if (rename(tmpdir, dir) == -1) {
		err_set(e, 500, "staging", "The staging area cannot be written (%s).", strerror(errno));
		goto fail;
	}
	if (db_commit(c->db, e) == -1) {
		rm_folder(dir);
		return -1;
	}
	return sub_load(c, id, s, e);
fail:
	db_rollback(c->db);
	rm_folder(tmpdir);
	return -1;
}

/* ---- posting ---- */

static int
link_files(struct sub_ctx *c, const struct submission *s, const char **made, size_t *nmade, struct err *e)
{
	const char *arch = sub_archive_dir(c->a, c->cfg), *stage = sub_staging_dir(c->a, c->cfg, s->id);
	char *types = arena_strdup(c->a, s->file_types), *tok, *save = NULL;

	*nmade = 0;
	if (mkdir_p(arch) == -1)
		return err_set(e, 500, "archive", "The archive cannot be written (%s).", strerror(errno));
	for (tok = strtok_r(types, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		const char *from = arena_printf(c->a, "%s/%s-%s%s", stage, s->name, s->rev, tok);
		const char *to = arena_printf(c->a, "%s/%s-%s%s", arch, s->name, s->rev, tok);
		if (link(from, to) == -1) {
			int err = errno;
			size_t i;
			for (i = 0; i < *nmade; i++)
				unlink(made[i]);
			*nmade = 0;
			if (err == EEXIST)
				return err_set(e, 409, "archive", "%s-%s%s is already in the archive: this revision has been posted.",
				    s->name, s->rev, tok);
			if (err == ENOENT)
				return err_set(e, 410, "staging", "The files of this submission are gone (removed after it expired or "
				    "was cancelled); upload the draft again.");
			return err_set(e, 500, "archive", "The archive cannot be written (%s).", strerror(err));
		}
		made[(*nmade)++] = to;
	}
	return 0;
}

/* Is the submitter (or the signed-in person) an author of the replaced document, or a chair who
 * may approve for the new draft's group, or the Secretariat? Then "replaces" is approved at once;
 * otherwise it is a suggestion for the chairs (DATATRACKER.md 2.13). */
static int
replaces_approved(struct sub_ctx *c, const struct submission *s, int64_t target)
{
	struct err e = { 0 };
	const char *em[1];

	if (is_secretariat(c->user) || (s->group[0] && may_approve_group(c, s->group)))
		return 1;
	em[0] = s->submitter_email;
	if (doc_has_author(c->db, &e, target, em, 1) == 1)
		return 1;
	if (c->user && c->user->person_id) {
		const char **emails;
		size_t n;
		if (person_emails(c->db, c->a, &e, c->user->person_id, &emails, &n) == 0 &&
		    doc_has_author(c->db, &e, target, emails, n) == 1)
			return 1;
	}
	return 0;
}

static int
announce(struct sub_ctx *c, const struct submission *s, const char *prev_rev, struct err *e)
{
	struct mail_rcpts to = { .n = 0 }, cc = { .n = 0 }, au = { .n = 0 };
	struct buf authors, files;
	const char *list = NULL, *diff = "";
	char *types = arena_strdup(c->a, s->file_types), *tok, *save = NULL;
	struct db_stmt *st;
	size_t i;

	buf_init(&authors, c->a, 0);
	buf_init(&files, c->a, 0);
	for (i = 0; i < s->nauthors; i++)
		buf_printf(&authors, "%s%s", i ? ", " : "", s->authors[i].name);
	for (tok = strtok_r(types, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		buf_printf(&files, "  %s/archive/id/%s-%s%s\n", site(c), s->name, s->rev, tok);
	if (prev_rev && prev_rev[0])
		diff = arena_printf(c->a, "A diff from the previous version is available at:\n  %s/doc/%s/diff/?from=%s&to=%s\n",
		    site(c), s->name, prev_rev, s->rev);
	if (s->group[0]) {
		if ((st = db_query(c->db, e, "SELECT list_email FROM grp WHERE acronym = ?", "s", s->group)) == NULL)
			return -1;
		if (db_step(st, e) == 1)
			list = arena_strdup(c->a, db_col_text(st, 0));
		db_done(st);
	}
	mail_rcpts_add(&to, NULL, config_str(c->cfg, CFG_ANNOUNCE_LIST));
	if (list && list[0])
		mail_rcpts_add(&cc, NULL, list);
	{
		struct mail_field f[] = {
			{ "draft", s->name }, { "rev", s->rev }, { "title", s->title }, { "authors", buf_cstr(&authors) },
			{ "pages", arena_printf(c->a, "%d", s->pages) }, { "date", s->doc_date[0] ? s->doc_date : s->submission_date },
			{ "abstract", s->abstract[0] ? s->abstract : "(none)" }, { "site", site(c) }, { "files", buf_cstr(&files) },
			{ "diff_line", diff }, { "group_line", s->group[0] ?
			    arena_printf(c->a, "\nIt is a work item of the %s Working Group of the IETF.", s->group) : "" },
			{ "submitter", submitter_text(c, s) }, { "group", s->group[0] ? s->group : "Individual Submission" },
			{ "secretariat", config_str(c->cfg, CFG_SECRETARIAT) },
		};
		if (queue(c, s, TPL_SUB_ANNOUNCE, f, sizeof(f) / sizeof(f[0]), &to, &cc, e) == -1)
			return -1;
		/* Appendix A: every author is told, so one listed without consent finds out. */
		for (i = 0; i < s->nauthors; i++)
			mail_rcpts_add(&au, s->authors[i].name, s->authors[i].email);
		mail_rcpts_add(&au, s->submitter_name, s->submitter_email);
		if (queue(c, s, TPL_SUB_AUTHORS, f, sizeof(f) / sizeof(f[0]), &au, NULL, e) == -1)
			return -1;
	}
	return 0;
}

/* Posts s inside an open transaction; files are linked before the caller commits (and unlinked by
 * post_commit() if the commit fails). */
static int
post_in_tx(struct sub_ctx *c, struct submission *s, const char *how, const char **made, size_t *nmade, struct err *e)
{
	struct doc_post dp;
	struct doc_author *au;
	const char *now = now_iso(c);
	char exp[ISO_TIME_LEN], prev[4] = "", dstate[16];
	char *list, *tok, *save = NULL;
	int64_t docid = 0, target, old = 0;
	size_t i;
	int rc;

	*nmade = 0;
	if ((rc = doc_find(c->db, e, s->name, &old, prev, dstate)) == -1)
		return -1;
	if (transition(c, s, SUB_POSTED, "posted", how, e) == -1)
		return -1;
	if ((au = arena_calloc(c->a, s->nauthors + 1, sizeof(*au))) == NULL)
		return oom(e);
	for (i = 0; i < s->nauthors; i++) {
		au[i].name = s->authors[i].name;
		au[i].email = s->authors[i].email;
		au[i].org = s->authors[i].org;
		au[i].country = s->authors[i].country;
	}
	time_iso(exp, c->now + (time_t)DOC_DAYS_TO_EXPIRE * 86400);
	memset(&dp, 0, sizeof(dp));
	dp.name = s->name;
	dp.rev = s->rev;
	dp.title = s->title;
	dp.abstract = s->abstract;
	dp.group = s->group;
	dp.intended_status = s->intended_status;
	dp.discuss_email = s->discuss_email;
	dp.file_types = s->file_types;
	dp.submitter = submitter_text(c, s);
	dp.pages = s->pages;
	dp.submission_id = s->id;
	dp.authors = au;
	dp.nauthors = s->nauthors;
	dp.now = now;
	dp.expires = exp;
	dp.actor = c->user ? c->user->person_id : 0;
	/* Confirmed through the mailed link: the history names the submitter when we know them. */
	if (dp.actor == 0 && s->submitter_email[0] && person_by_email(c->db, e, s->submitter_email, &dp.actor) == -1)
		return -1;
	if (doc_post(c->db, e, &dp, &docid) == -1)
		return -1;
	if (db_run(c->db, e, "UPDATE submission SET document_id = ?, staged = 0 WHERE id = ?", "ii", docid, s->id) == -1)
		return -1;
	s->document_id = docid;
	list = arena_strdup(c->a, s->replaces);
	for (tok = list ? strtok_r(list, ", ", &save) : NULL; tok; tok = strtok_r(NULL, ", ", &save)) {
		char r2[4], st2[16];
		if ((rc = doc_find(c->db, e, tok, &target, r2, st2)) == -1)
			return -1;
		if (rc == 0 || target == docid)
			continue;
		if (doc_relate(c->db, e, c->user ? c->user->person_id : 0, docid, target,
		    replaces_approved(c, s, target) ? "replaces" : "possibly-replaces", now) == -1)
			return -1;
	}
	if (announce(c, s, prev, e) == -1)
		return -1;
	return link_files(c, s, made, nmade, e);
}

static int
post_commit(struct sub_ctx *c, struct submission *s, const char **made, size_t nmade, struct err *e)
{
	size_t i;

	if (db_commit(c->db, e) == -1) {
		for (i = 0; i < nmade; i++)
			unlink(made[i]);
		return -1;
	}
	rm_folder(sub_staging_dir(c->a, c->cfg, s->id));
	s->staged = 0;
	return 0;
}

static int
post_now(struct sub_ctx *c, struct submission *s, const char *how, struct err *e)
{
	const char *made[8];
	size_t nmade = 0;

	if (db_begin(c->db, e) == -1)
		return -1;
	if (post_in_tx(c, s, how, made, &nmade, e) == -1) {
		db_rollback(c->db);
		return -1;
	}
	return post_commit(c, s, made, nmade, e);
}

/* ---- the decision ---- */

static int
check_meta(struct sub_ctx *c, const struct submission *s, const struct sub_meta *m, struct err *e)
{
	char *list, *tok, *save = NULL;
	struct draft_name dn;
	int64_t id;
	char rev[4], st[16];
	int rc;

	if (m->submitter_name == NULL || m->submitter_name[0] == '\0' || strlen(m->submitter_name) > NAME_MAX_LEN ||
	    !idt_text_valid(m->submitter_name, strlen(m->submitter_name), 0))
		return err_set(e, 400, "submitter", "Say who submits the draft: the submitter's name is required (R32).");
	if (m->submitter_email == NULL || !idt_email_valid(m->submitter_email))
		return err_set(e, 400, "submitter", "The submitter's e-mail address is required and must be a valid address (R35); "
		    "the confirmation is sent there.");
	if (m->discuss_email && m->discuss_email[0] && !idt_email_valid(m->discuss_email))
		return err_set(e, 400, "discuss", "The discussion address \"%.80s\" is not a valid e-mail address (R71).",
		    m->discuss_email);
	if (m->replaces == NULL || m->replaces[0] == '\0')
		return 0;
	if (strlen(m->replaces) > 1000)
		return err_set(e, 400, "replaces", "List at most a few drafts that this one replaces.");
	list = arena_strdup(c->a, m->replaces);
	for (tok = strtok_r(list, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
		if (draft_name_parse(tok, NULL, 0, &dn) != NAME_OK || dn.rev[0] != '\0')
			return err_set(e, 400, "replaces", "\"%.80s\" is not a draft name without revision (replaces lists earlier "
			    "drafts by name, e.g. draft-smith-foo).", tok);
		if (strcmp(dn.name, s->name) == 0)
			return err_set(e, 400, "replaces", "A draft cannot replace itself: \"replaces\" names a different, earlier "
			    "draft whose work continues in this one, not the previous revision of this draft.");
		if ((rc = doc_find(c->db, e, dn.name, &id, rev, st)) == -1)
			return -1;
		if (rc == 0)
			return err_set(e, 400, "replaces", "%s has never been posted here, so it cannot be replaced.", dn.name);
	}
	return 0;
}

static int
save_meta(struct sub_ctx *c, struct submission *s, const struct sub_meta *m, struct err *e)
{
	if (db_run(c->db, e, "UPDATE submission SET submitter_name = ?, submitter_email = ?, replaces = ?, discuss_email = ?, "
	    "updated = ? WHERE id = ?", "sssssi", m->submitter_name, m->submitter_email, m->replaces ? m->replaces : "",
	    m->discuss_email ? m->discuss_email : "", now_iso(c), s->id) == -1)
		return -1;
	s->submitter_name = m->submitter_name;
	s->submitter_email = m->submitter_email;
	s->replaces = m->replaces ? m->replaces : "";
	s->discuss_email = m->discuss_email ? m->discuss_email : "";
	return 0;
}

static int
ask_approval(struct sub_ctx *c, struct submission *s, enum sub_state to, const char *group, struct err *e)
{
	struct mail_rcpts to_r = { .n = 0 };
	const char *area = group ? group_parent_acronym(c->db, c->a, group) : NULL;

	if (to == SUB_GRP_APPR && role_rcpts(c, group, SQL_CHAIRS, &to_r, e) == -1)
		return -1;
	if ((to == SUB_AD_APPR || to_r.n == 0) && role_rcpts(c, area, SQL_ADS, &to_r, e) == -1)
		return -1;
	if (to_r.n == 0)
		mail_rcpts_add(&to_r, "Secretariat", config_str(c->cfg, CFG_SECRETARIAT));
	if (transition(c, s, to, "approval_requested", arena_printf(c->a, "Set submitter to \"%s\"%s%s and sent approval "
	    "email to %s: %s", submitter_text(c, s), s->replaces[0] ? ", replaces to " : "", s->replaces,
	    to == SUB_GRP_APPR ? "group chairs" : "AD", mail_rcpts_emails(c->a, &to_r)), e) == -1)
		return -1;
	{
		const char *why = to == SUB_AD_APPR ? arena_printf(c->a, "the group %s is no longer active", group) :
		    s->group[0] ? arena_printf(c->a, "it is the first version (-00) of a %s working group draft", group) :
		    arena_printf(c->a, "it replaces a draft of the %s working group", group);
		struct mail_field f[] = {
			{ "draft", s->name }, { "rev", s->rev }, { "title", s->title }, { "submitter", submitter_text(c, s) },
			{ "who", to == SUB_AD_APPR ? "the Area Director" : arena_printf(c->a, "the %s chairs", group) },
			{ "why", why }, { "url", status_url(c, s) }, { "site", site(c) },
			{ "days", arena_printf(c->a, "%lld", config_int(c->cfg, CFG_SUBMIT_EXPIRE)) },
		};
		return queue(c, s, TPL_SUB_APPROVAL, f, sizeof(f) / sizeof(f[0]), &to_r, NULL, e);
	}
}

static int
ask_confirmation(struct sub_ctx *c, struct submission *s, int previous, struct err *e)
{
	struct mail_rcpts to = { .n = 0 };
	char tok[TOKEN_LEN + 1], h[TOKEN_HASH_LEN + 1];
	struct db_stmt *st;
	size_t i;
	int rc;

	if (previous) {
		if ((st = db_query(c->db, e, "SELECT a.name, a.email FROM doc_author a JOIN document d ON d.id = a.document_id "
		    "WHERE d.name = ? ORDER BY a.ord", "s", s->name)) == NULL)
			return -1;
		while ((rc = db_step(st, e)) == 1)
			mail_rcpts_add(&to, arena_strdup(c->a, db_col_text(st, 0)), arena_strdup(c->a, db_col_text(st, 1)));
		if (rc == -1)
			return -1;
		db_done(st);
	} else {
		mail_rcpts_add(&to, s->submitter_name, s->submitter_email);
		for (i = 0; i < s->nauthors; i++)
			mail_rcpts_add(&to, s->authors[i].name, s->authors[i].email);
	}
	if (to.n == 0)
		return err_set(e, 409, "confirmers", "Nobody can confirm this submission: %s. Use Adjust to send it to the "
		    "Secretariat instead.", previous ? "the previous revision lists no author e-mail addresses" :
		    "neither the submitter nor any author has an e-mail address");
	token_new(tok);
	token_hash(tok, h);
	if (db_run(c->db, e, "UPDATE submission SET auth_hash = ? WHERE id = ?", "si", h, s->id) == -1)
		return -1;
	if (transition(c, s, previous ? SUB_AUT_APPR : SUB_AUTH, "confirmation_requested",
	    arena_printf(c->a, "Set submitter to \"%s\"%s%s and sent confirmation email to %s: %s", submitter_text(c, s),
	    s->replaces[0] ? ", replaces to " : "", s->replaces, previous ? "previous authors" : "submitter and authors",
	    mail_rcpts_emails(c->a, &to)), e) == -1)
		return -1;
	{
		struct mail_field f[] = {
			{ "draft", s->name }, { "rev", s->rev }, { "title", s->title }, { "submitter", submitter_text(c, s) },
			{ "why", previous ? "you are an author of the posted previous revision" :
			    "you are named as the submitter or an author" },
			{ "url", arena_printf(c->a, "%s/submit/status/%lld/confirm/%s/", site(c), (long long)s->id, tok) },
			{ "days", arena_printf(c->a, "%lld", config_int(c->cfg, CFG_SUBMIT_EXPIRE)) },
			{ "messages", messages_text(c, s) }, { "id", idstr(c, s->id) }, { "status_url", status_url(c, s) },
			{ "site", site(c) },
		};
		return queue(c, s, TPL_SUB_CONFIRM, f, sizeof(f) / sizeof(f[0]), &to, NULL, e);
	}
}

static int
preapproved(struct sub_ctx *c, const char *name, struct err *e)
{
	int64_t n;

	return db_int(c->db, e, &n, "SELECT id FROM preapproval WHERE name = ?", "s", name);
}

int
sub_post_request(struct sub_ctx *c, struct submission *s, const struct sub_meta *m, struct err *e)
{
	const char *made[8], *cutmsg, *agroup;
	size_t nmade = 0;
	int64_t docid;
	char prev[4] = "", dstate[16];
	int rc, have_doc, pre, group_active = 1;

	if (s->state != SUB_UPLOADED)
		return err_set(e, 409, "state", "This submission is %s; it can no longer be posted from here.",
		    sub_states[s->state].name);
	if (s->adjusted)
		return err_set(e, 409, "adjusted", "This submission's metadata was adjusted by hand, so only the Secretariat can "
		    "post it (R42).");
	if (s->errors > 0)	/* R34: posting re-checks the verdict */
		return err_set(e, 409, "errors", "This submission has %d error%s that block automatic posting (R17, R34). Correct the "
		    "draft and upload it again, or use Adjust to send it to the Secretariat with an explanation.", s->errors,
		    s->errors == 1 ? "" : "s");
	if (s->staged <= 0)
		return err_set(e, 410, "staging", "The files of this submission are gone; upload the draft again.");
	if (check_meta(c, s, m, e) == -1)
		return -1;
	if (sub_in_cutoff(c, &cutmsg, e) == -1)
		return -1;
	if (cutmsg != NULL && !is_secretariat(c->user))
		return err_set(e, 403, "cutoff", "%s", cutmsg);
	if ((have_doc = doc_find(c->db, e, s->name, &docid, prev, dstate)) == -1)
		return -1;
	if ((pre = preapproved(c, s->name, e)) == -1)
		return -1;
	if (s->group[0]) {
		int64_t n;
		if ((rc = db_int(c->db, e, &n, "SELECT 1 FROM grp WHERE acronym = ? AND state IN ('active','bof','proposed')",
		    "s", s->group)) == -1)
			return -1;
		group_active = rc == 1;
	}
	if (db_begin(c->db, e) == -1)
		return -1;
	if (save_meta(c, s, m, e) == -1)
		goto fail;
	agroup = approval_group(c, s);
	if (s->group[0] && !group_active && strcmp(s->rev, "00") == 0) {
		err_set(e, 409, "group", "Posting a new Internet-Draft for an inactive group is not permitted.");
		goto fail;
	}
	if (s->group[0] && !group_active) {
		if (ask_approval(c, s, SUB_AD_APPR, s->group, e) == -1)
			goto fail;
	} else if (agroup != NULL && ((s->group[0] && strcmp(s->rev, "00") == 0 && !pre) || (!s->group[0])) &&
	    !may_approve_group(c, agroup)) {
		/* A WG -00 without pre-approval, or an individual draft replacing a WG's draft. */
		if (ask_approval(c, s, SUB_GRP_APPR, agroup, e) == -1)
			goto fail;
	} else if (agroup != NULL && may_approve_group(c, agroup) && ((s->group[0] && strcmp(s->rev, "00") == 0 && !pre) ||
	    !s->group[0])) {
		if (post_in_tx(c, s, arena_printf(c->a, "Posted at once: submitted by %s, who approves for %s", c->user->name,
		    agroup), made, &nmade, e) == -1)
			goto fail;
	} else if (user_is_author(c, s, have_doc == 1)) {
		if (post_in_tx(c, s, arena_printf(c->a, "New version accepted (signed-in submitter: %s)", c->user->name), made,
		    &nmade, e) == -1)
			goto fail;
	} else if (ask_confirmation(c, s, have_doc == 1, e) == -1)
		goto fail;
	if (s->state == SUB_POSTED)
		return post_commit(c, s, made, nmade, e);
	return db_commit(c->db, e);
fail:
	db_rollback(c->db);
	return -1;
}

int
sub_confirm(struct sub_ctx *c, struct submission *s, const char *tok, struct err *e)
{
	char h[TOKEN_HASH_LEN + 1];

	if (tok == NULL || strlen(tok) != TOKEN_LEN || s->auth_hash[0] == '\0')
		return err_set(e, 404, "token", "This confirmation link is not valid.");
	token_hash(tok, h);
	if (!token_equal(h, s->auth_hash))
		return err_set(e, 404, "token", "This confirmation link is not valid (a newer one may have been sent).");
	if (s->state != SUB_AUTH && s->state != SUB_AUT_APPR)
		return err_set(e, 409, "state", "This submission is %s; there is nothing left to confirm.", sub_states[s->state].name);
	return post_now(c, s, s->state == SUB_AUTH ? "Confirmed and posted submission (confirmed by e-mail link)" :
	    "Confirmed and posted submission (approved by a previous author)", e);
}

int
sub_confirm_signed_in(struct sub_ctx *c, struct submission *s, struct err *e)
{
	if (!sub_may(c, s, SA_CONFIRM, 0))
		return err_set(e, 403, "perm", "Only %s can confirm this submission.", s->state == SUB_AUT_APPR ?
		    "an author of the previous revision" : "one of its authors");
	return post_now(c, s, arena_printf(c->a, "Confirmed and posted submission (signed-in author: %s)", c->user->name), e);
}

int
sub_approve(struct sub_ctx *c, struct submission *s, struct err *e)
{
	if (!sub_may(c, s, SA_APPROVE, 0))
		return err_set(e, 403, "perm", s->state == SUB_GRP_APPR || s->state == SUB_AD_APPR ?
		    "Only the group's chairs, its Area Directors or the Secretariat can approve this submission." :
		    "This submission is not waiting for an approval.");
	return post_now(c, s, arena_printf(c->a, "Approved and posted submission (approved by %s)", c->user->name), e);
}

int
sub_force_post(struct sub_ctx *c, struct submission *s, struct err *e)
{
	if (!sub_may(c, s, SA_FORCE, 0))
		return err_set(e, is_secretariat(c->user) ? 409 : 403, "perm", is_secretariat(c->user) ?
		    "This submission cannot be posted in its state." : "Only the Secretariat can force a post.");
	return post_now(c, s, s->state == SUB_MANUAL ? "Posted submission manually" : "Forced post of submission", e);
}

int
sub_cancel(struct sub_ctx *c, struct submission *s, const char *why, struct err *e)
{
	enum sub_state was = s->state;

	if (db_begin(c->db, e) == -1)
		return -1;
	if (transition(c, s, SUB_CANCEL, "cancelled", why && why[0] ? arena_printf(c->a, "Cancelled submission: %s", why) :
	    "Cancelled submission", e) == -1 ||
	    db_run(c->db, e, "UPDATE submission SET staged = 0 WHERE id = ?", "i", s->id) == -1)
		goto fail;
	/* R46: a manual post the Secretariat refuses is answered. */
	if (was == SUB_MANUAL && is_secretariat(c->user)) {
		struct mail_rcpts to = { .n = 0 };
		size_t i;
		struct mail_field f[] = {
			{ "draft", s->name }, { "rev", s->rev }, { "title", s->title }, { "id", idstr(c, s->id) },
			{ "who", "the Secretariat" }, { "reason", why && why[0] ? arena_printf(c->a, "Reason: %s", why) : "" },
			{ "secretariat", config_str(c->cfg, CFG_SECRETARIAT) }, { "status_url", status_url(c, s) },
		};
		mail_rcpts_add(&to, s->submitter_name, s->submitter_email);
		for (i = 0; i < s->nauthors; i++)
			mail_rcpts_add(&to, s->authors[i].name, s->authors[i].email);
		if (queue(c, s, TPL_SUB_CANCELLED, f, sizeof(f) / sizeof(f[0]), &to, NULL, e) == -1)
			goto fail;
	}
	if (db_commit(c->db, e) == -1)
		return -1;
	rm_folder(sub_staging_dir(c->a, c->cfg, s->id));
	s->staged = 0;
	return 0;
fail:
	db_rollback(c->db);
	return -1;
}

/* ---- adjusting ---- */

static int
field_ok(const char *v, size_t max, int nl)
{
	return v == NULL || (strlen(v) <= max && idt_text_valid(v, strlen(v), nl));
}

int
sub_adjust(struct sub_ctx *c, struct submission *s, const struct sub_adjust *adj, struct err *e)
{
	struct buf changed;
	time_t t;
	size_t i;
	int secr_edit = s->state == SUB_MANUAL;

	if (s->state != SUB_UPLOADED && !(secr_edit && is_secretariat(c->user)))
		return err_set(e, 409, "state", "This submission is %s; its metadata can no longer be adjusted.",
		    sub_states[s->state].name);
	if (adj->title == NULL || adj->title[0] == '\0' || !field_ok(adj->title, 500, 0))
		return err_set(e, 400, "title", "The title is required (one line, at most 500 characters).");
	if (!field_ok(adj->abstract, 20000, 1) || !field_ok(adj->note, 5000, 1) || !field_ok(adj->intended_status, 60, 0))
		return err_set(e, 400, "text", "A field is too long or holds control characters.");
	if (adj->doc_date && adj->doc_date[0] && (strlen(adj->doc_date) != 10 || time_parse_iso(adj->doc_date, &t) == -1))
		return err_set(e, 400, "date", "The document date must be YYYY-MM-DD.");
	if (adj->pages < 0 || adj->pages > 10000)
		return err_set(e, 400, "pages", "The page count must be between 0 and 10000.");
	if (adj->nauthors == 0)
		return err_set(e, 400, "authors", "List at least one author.");
	for (i = 0; i < adj->nauthors; i++) {
		const struct sub_author *x = &adj->authors[i];
		if (x->name == NULL || x->name[0] == '\0' || !field_ok(x->name, NAME_MAX_LEN, 0) || !field_ok(x->org, 200, 0) ||
		    !field_ok(x->country, 100, 0))
			return err_set(e, 400, "authors", "Author %zu needs a name (one line, at most %d characters).", i + 1,
			    NAME_MAX_LEN);
		if (x->email && x->email[0] && !idt_email_valid(x->email))
			return err_set(e, 400, "authors", "Author %zu's e-mail address \"%.80s\" is not valid.", i + 1, x->email);
	}
	if (check_meta(c, s, &adj->meta, e) == -1)
		return -1;
	buf_init(&changed, c->a, 0);
#define CHANGED(old, new_, label) \
	if (strcmp((old) ? (old) : "", (new_) ? (new_) : "") != 0) buf_printf(&changed, "%s%s", changed.len ? ", " : "", label)
	CHANGED(s->title, adj->title, "title");
	CHANGED(s->abstract, adj->abstract, "abstract");
	CHANGED(s->doc_date, adj->doc_date, "document date");
	CHANGED(s->intended_status, adj->intended_status, "intended status");
#undef CHANGED
	if (s->pages != adj->pages)
		buf_printf(&changed, "%spages", changed.len ? ", " : "");
	{
		int same = s->nauthors == adj->nauthors;
		for (i = 0; same && i < adj->nauthors; i++)
			same = strcmp(s->authors[i].name, adj->authors[i].name) == 0 &&
			    strcmp(s->authors[i].email, adj->authors[i].email ? adj->authors[i].email : "") == 0 &&
			    strcmp(s->authors[i].org, adj->authors[i].org ? adj->authors[i].org : "") == 0;
		if (!same)
			buf_printf(&changed, "%sauthors", changed.len ? ", " : "");
	}
	if (db_begin(c->db, e) == -1)
		return -1;
	if (db_run(c->db, e, "UPDATE submission SET title = ?, abstract = ?, doc_date = ?, intended_status = ?, pages = ?, "
	    "note = ?, adjusted = 1, updated = ? WHERE id = ?", "ssssdssi", adj->title, adj->abstract ? adj->abstract : "",
	    adj->doc_date ? adj->doc_date : "", adj->intended_status ? adj->intended_status : "", adj->pages,
	    adj->note ? adj->note : "", now_iso(c), s->id) == -1 ||
	    save_meta(c, s, &adj->meta, e) == -1 ||
	    db_run(c->db, e, "DELETE FROM submission_author WHERE submission_id = ?", "i", s->id) == -1)
		goto fail;
	for (i = 0; i < adj->nauthors; i++)
		if (db_run(c->db, e, "INSERT INTO submission_author (submission_id, ord, name, email, org, country) "
		    "VALUES (?, ?, ?, ?, ?, ?)", "idssss", s->id, (int)i, adj->authors[i].name,
		    adj->authors[i].email ? adj->authors[i].email : "", adj->authors[i].org ? adj->authors[i].org : "",
		    adj->authors[i].country ? adj->authors[i].country : "") == -1)
			goto fail;
	s->title = adj->title;
	s->abstract = adj->abstract ? adj->abstract : "";
	s->note = adj->note ? adj->note : "";
	s->adjusted = 1;
	s->authors = (struct sub_author *)adj->authors;
	s->nauthors = adj->nauthors;
	if (secr_edit) {
		if (ev(c, s->id, "edited", "Edited %s", changed.len ? buf_cstr(&changed) : "nothing") == -1)
			goto fail_ev;
	} else {
		struct mail_rcpts to = { .n = 0 }, cc = { .n = 0 };
		const char *fields = changed.len ? buf_cstr(&changed) : "none";
		if (transition(c, s, SUB_MANUAL, "manual_requested", changed.len ?
		    arena_printf(c->a, "Edited %s and sent request for manual post", fields) : "Sent request for manual post", e) == -1)
			goto fail;
		mail_rcpts_add(&to, "Secretariat", config_str(c->cfg, CFG_SECRETARIAT));
		mail_rcpts_add(&cc, s->submitter_name, s->submitter_email);
		for (i = 0; i < s->nauthors; i++)
			mail_rcpts_add(&cc, s->authors[i].name, s->authors[i].email);
		{
			struct mail_field f[] = {
				{ "draft", s->name }, { "rev", s->rev }, { "title", s->title }, { "submitter", submitter_text(c, s) },
				{ "fields", fields }, { "note", s->note[0] ? s->note : "(none)" }, { "messages", messages_text(c, s) },
				{ "url", status_url(c, s) }, { "site", site(c) }, { "estimate", estimate_text(c) },
			};
			if (queue(c, s, TPL_SUB_MANUAL, f, sizeof(f) / sizeof(f[0]), &to, &cc, e) == -1)
				goto fail;
		}
	}
	return db_commit(c->db, e);
fail_ev:
	err_set(e, 500, "event", "The change could not be recorded.");
fail:
	db_rollback(c->db);
	return -1;
}

/* ---- lists ---- */

int
sub_list(struct sub_ctx *c, unsigned states, const char *const *groups, size_t ngroups, struct submission **out,
    size_t *n, struct err *e)
{
	struct db_stmt *st;
	size_t cap = 0, i;
	int rc, k;

	*out = NULL;
	*n = 0;
	if ((st = db_query(c->db, e, "SELECT " SUB_COLS " FROM submission WHERE state IN ('uploaded','auth','aut-appr',"
	    "'grp-appr','ad-appr','manual','waiting-for-draft') ORDER BY updated DESC, id DESC LIMIT 1000", "")) == NULL)
		return -1;
	while ((rc = db_step(st, e)) == 1) {
		struct submission x;
		sub_from_row(c->a, st, &x);
		if (!(states & B(x.state)))
			continue;
		if (groups != NULL) {
			const char *g = x.group;
			for (i = 0; i < ngroups; i++)
				if (strcmp(groups[i], g) == 0)
					break;
			if (i == ngroups)
				continue;
		}
		if ((*out = arena_grow(c->a, *out, *n, &cap, sizeof(**out))) == NULL) {
			db_done(st);
			return oom(e);
		}
		(*out)[(*n)++] = x;
	}
	if (rc == -1)
		return -1;
	db_done(st);
	for (k = 0; k < (int)*n; k++)
		if (load_authors(c, &(*out)[k], e) == -1)
			return -1;
	return 0;
}

int
sub_approver_groups(struct sub_ctx *c, const char ***out, size_t *n, int *all, struct err *e)
{
	struct db_stmt *st;
	size_t cap = 0, i;
	int rc;

	*out = NULL;
	*n = 0;
	*all = is_secretariat(c->user);
	if (*all || c->user == NULL || c->user->person_id == 0)
		return 0;
	for (i = 0; i < c->user->nroles; i++) {
		const struct role_ref *r = &c->user->roles[i];
		const char *sql = NULL;
		if ((strcmp(r->role, "chair") == 0 || strcmp(r->role, "secr") == 0 || strcmp(r->role, "delegate") == 0) &&
		    (strcmp(r->group_type, "wg") == 0 || strcmp(r->group_type, "rg") == 0))
			sql = "SELECT acronym FROM grp WHERE acronym = ?";
		else if (strcmp(r->role, "ad") == 0 && strcmp(r->group_type, "area") == 0)
			sql = "SELECT g.acronym FROM grp g JOIN grp p ON p.id = g.parent_id WHERE p.acronym = ?";
		if (sql == NULL)
			continue;
		if ((st = db_query(c->db, e, sql, "s", r->group)) == NULL)
			return -1;
		while ((rc = db_step(st, e)) == 1) {
			if ((*out = arena_grow(c->a, *out, *n, &cap, sizeof(**out))) == NULL) {
				db_done(st);
				return oom(e);
			}
			(*out)[(*n)++] = arena_strdup(c->a, db_col_text(st, 0));
		}
		if (rc == -1)
			return -1;
		db_done(st);
	}
	return 0;
}

long
sub_manual_estimate(struct sub_ctx *c, struct err *e)
{
	struct db_stmt *st;
	long v[20];
	int n = 0, rc, i, j;

	if ((st = db_query(c->db, e, "SELECT manual_at, posted_at FROM submission WHERE state = 'posted' AND manual_at IS NOT NULL "
	    "ORDER BY posted_at DESC LIMIT 20", "")) == NULL)
		return -1;
	while ((rc = db_step(st, e)) == 1) {
		time_t a, b;
		if (time_parse_iso(db_col_text(st, 0), &a) == 0 && time_parse_iso(db_col_text(st, 1), &b) == 0 && b >= a)
			v[n++] = (long)(b - a);
	}
	if (rc == -1)
		return -1;
	db_done(st);
	if (n == 0)
		return 0;
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && v[j - 1] > v[j]; j--) {
			long t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	return v[n / 2] > 0 ? v[n / 2] : 1;
}

/* ---- pre-approvals ---- */

int
sub_preapproval_add(struct sub_ctx *c, const char *name, struct err *e)
{
	struct draft_name dn;
	const char *group;
	int64_t id, doc;
	char rev[4], st[16];
	int rc;

	if (name == NULL || draft_name_parse(name, NULL, 0, &dn) != NAME_OK || dn.rev[0] != '\0')
		return err_set(e, 400, "name", "Give the draft name without a revision, e.g. draft-ietf-quic-frobs.");
	if (strncmp(dn.name, "draft-ietf-", 11) != 0 && strncmp(dn.name, "draft-irtf-", 11) != 0)
		return err_set(e, 400, "name", "Only group drafts (draft-ietf-<wg>-... or draft-irtf-<rg>-...) need a pre-approval.");
	if (group_rules(c, dn.name, &group, e) == -1)
		return -1;
	if (!may_approve_group(c, group))
		return err_set(e, 403, "perm", "Only the chairs of %s, its Area Directors or the Secretariat can pre-approve its drafts.",
		    group);
	if ((rc = doc_find(c->db, e, dn.name, &doc, rev, st)) == -1)
		return -1;
	if (rc == 1)
		return err_set(e, 409, "posted", "%s has been posted already; it needs no pre-approval.", dn.name);
	if (db_begin(c->db, e) == -1)
		return -1;
	if (db_int(c->db, e, &id, "INSERT INTO preapproval (name, group_acronym, person_id, created) VALUES (?, ?, ?, ?) "
	    "RETURNING id", "ssis", dn.name, group, c->user->person_id, now_iso(c)) != 1) {
		db_rollback(c->db);
		if (e->status == 409)
			err_set(e, 409, "exists", "%s is pre-approved already.", dn.name);
		return -1;
	}
	if (event_add(c->db, e, c->user->person_id, "preapproval", dn.name, "added", "Pre-approved the -00 for posting") == -1) {
		db_rollback(c->db);
		return -1;
	}
	return db_commit(c->db, e);
}

int
sub_preapproval_cancel(struct sub_ctx *c, int64_t id, struct err *e)
{
	struct db_stmt *st;
	const char *name, *group;
	int rc;

	if ((st = db_query(c->db, e, "SELECT name, group_acronym FROM preapproval WHERE id = ?", "i", id)) == NULL)
		return -1;
	if ((rc = db_step(st, e)) != 1) {
		if (rc == 0)
			db_done(st);
		return rc == 0 ? err_set(e, 404, "preapproval", "There is no pre-approval %lld.", (long long)id) : -1;
	}
	name = arena_strdup(c->a, db_col_text(st, 0));
	group = arena_strdup(c->a, db_col_text(st, 1));
	db_done(st);
	if (!may_approve_group(c, group))
		return err_set(e, 403, "perm", "Only the chairs of %s, its Area Directors or the Secretariat can cancel its "
		    "pre-approvals.", group);
	if (db_begin(c->db, e) == -1)
		return -1;
	if (db_run(c->db, e, "DELETE FROM preapproval WHERE id = ?", "i", id) == -1 ||
	    event_add(c->db, e, c->user->person_id, "preapproval", name, "cancelled", "Cancelled the pre-approval") == -1) {
		db_rollback(c->db);
		return -1;
	}
	return db_commit(c->db, e);
}

int
sub_preapproval_list(struct sub_ctx *c, struct preapproval **out, size_t *n, struct err *e)
{
	struct db_stmt *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((st = db_query(c->db, e, "SELECT a.id, a.name, a.group_acronym, p.name, a.created FROM preapproval a "
	    "JOIN person p ON p.id = a.person_id ORDER BY a.created DESC", "")) == NULL)
		return -1;
	while ((rc = db_step(st, e)) == 1) {
		struct preapproval *x;
		if ((*out = arena_grow(c->a, *out, *n, &cap, sizeof(**out))) == NULL) {
			db_done(st);
			return oom(e);
		}
		x = &(*out)[(*n)++];
		x->id = db_col_int(st, 0);
		x->name = arena_strdup(c->a, db_col_text(st, 1));
		x->group = arena_strdup(c->a, db_col_text(st, 2));
		x->by = arena_strdup(c->a, db_col_text(st, 3));
		x->created = arena_strdup(c->a, db_col_text(st, 4));
	}
	if (rc == -1)
		return -1;
	db_done(st);
	return 0;
}

/* ---- cut-off ---- */

int
sub_cutoff_get(struct sub_ctx *c, const char **cutoff, const char **reopen, struct err *e)
{
	struct db_stmt *st;
	int rc;

	*cutoff = "";
	*reopen = "";
	if ((st = db_query(c->db, e, "SELECT name, value FROM setting WHERE name IN ('cutoff','reopen')", "")) == NULL)
		return -1;
	while ((rc = db_step(st, e)) == 1) {
		if (strcmp(db_col_text(st, 0), "cutoff") == 0)
			*cutoff = arena_strdup(c->a, db_col_text(st, 1));
		else
			*reopen = arena_strdup(c->a, db_col_text(st, 1));
	}
	if (rc == -1)
		return -1;
	db_done(st);
	return 0;
}

int
sub_cutoff_set(struct sub_ctx *c, const char *cutoff, const char *reopen, struct err *e)
{
	time_t tc = 0, tr = 0;
	char a[ISO_TIME_LEN] = "", b[ISO_TIME_LEN] = "";
	const char *now = now_iso(c);

	if (!is_secretariat(c->user))
		return err_set(e, 403, "perm", "Only the Secretariat sets the meeting cut-off.");
	if (cutoff && cutoff[0]) {
		if (time_parse_iso(cutoff, &tc) == -1)
			return err_set(e, 400, "cutoff", "The cut-off must be a UTC time YYYY-MM-DDTHH:MM:SSZ (or a date).");
		time_iso(a, tc);
	}
	if (reopen && reopen[0]) {
		if (time_parse_iso(reopen, &tr) == -1)
			return err_set(e, 400, "reopen", "The reopening must be a UTC time YYYY-MM-DDTHH:MM:SSZ (or a date).");
		time_iso(b, tr);
	}
	if (a[0] && b[0] && tr <= tc)
		return err_set(e, 400, "reopen", "The tool must reopen after the cut-off.");
	if (!a[0] && b[0])
		return err_set(e, 400, "cutoff", "Set a cut-off time with the reopening time.");
	if (db_begin(c->db, e) == -1)
		return -1;
	if (db_run(c->db, e, "DELETE FROM setting WHERE name IN ('cutoff','reopen')", "") == -1 ||
	    (a[0] && db_run(c->db, e, "INSERT INTO setting (name, value, updated) VALUES ('cutoff', ?, ?)", "ss", a, now) == -1) ||
	    (b[0] && db_run(c->db, e, "INSERT INTO setting (name, value, updated) VALUES ('reopen', ?, ?)", "ss", b, now) == -1) ||
	    event_add(c->db, e, c->user->person_id, "setting", "cutoff", "changed",
	    a[0] ? arena_printf(c->a, "Cut-off %s, reopening %s", a, b[0] ? b : "(not set)") : "No cut-off") == -1) {
		db_rollback(c->db);
		return -1;
	}
	return db_commit(c->db, e);
}

/* ---- garbage collection ---- */

int
sub_gc(struct db *db, const struct config *cfg, time_t now, struct sub_gc_result *r, struct err *e)
{
	static const char *const sqls[2] = {
		"SELECT id FROM submission WHERE state = 'uploaded' AND updated < ? ORDER BY id",
		"SELECT id FROM submission WHERE state IN ('auth','aut-appr','grp-appr','ad-appr') AND updated < ? ORDER BY id",
	};
	struct arena a;
	struct user sys;
	struct sub_ctx c;
	struct db_stmt *st;
	char limit[ISO_TIME_LEN], path[4400];
	int64_t *ids = NULL;
	size_t n, cap, i;
	struct dirent *de;
	DIR *d;
	int k, rc, ret = -1;

	memset(r, 0, sizeof(*r));
	memset(&sys, 0, sizeof(sys));
	arena_init(&a, 0);
	memset(&c, 0, sizeof(c));
	c.db = db;
	c.a = &a;
	c.cfg = cfg;
	c.user = &sys;
	c.now = now;
	for (k = 0; k < 2; k++) {
		time_iso(limit, now - (k == 0 ? (time_t)config_int(cfg, CFG_SUBMIT_ABANDON) :
		    (time_t)config_int(cfg, CFG_SUBMIT_EXPIRE) * 86400));
		if ((st = db_query(db, e, sqls[k], "s", limit)) == NULL)
			goto out;
		n = cap = 0;
		ids = NULL;
		while ((rc = db_step(st, e)) == 1) {
			if ((ids = arena_grow(&a, ids, n, &cap, sizeof(*ids))) == NULL) {
				db_done(st);
				oom(e);
				goto out;
			}
			ids[n++] = db_col_int(st, 0);
		}
		if (rc == -1)
			goto out;
		db_done(st);
		for (i = 0; i < n; i++) {
			struct submission s;
			struct err e2 = { 0 };
			if (sub_load(&c, ids[i], &s, &e2) == -1)
				continue;
			/* R39: silently, no mail. A row another server moved meanwhile is left alone. */
			if (sub_cancel(&c, &s, k == 0 ? "abandoned: nobody acted on it (R66)" :
			    "expired without being posted", &e2) == 0) {
				if (k == 0)
					r->abandoned++;
				else
					r->expired++;
			}
		}
	}
	/* Folders nobody owns any more: finished submissions, unknown ids, interrupted uploads. */
	snprintf(path, sizeof(path), "%s/staging", config_str(cfg, CFG_DATA));
	if ((d = opendir(path)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			char dir[4400 + 260];
			struct stat sb;
			int64_t id = 0, staged = 0;
			char *end;
			if (de->d_name[0] == '.')
				continue;
			snprintf(dir, sizeof(dir), "%s/%s", path, de->d_name);
			if (strncmp(de->d_name, "tmp-", 4) == 0) {
				if (stat(dir, &sb) == 0 && sb.st_mtime < now - 3600) {
					r->bytes += rm_folder(dir);
					r->folders++;
				}
				continue;
			}
			id = strtoll(de->d_name, &end, 10);
			if (*end != '\0' || id <= 0)
				continue;
			rc = db_int(db, e, &staged, "SELECT staged FROM submission WHERE id = ?", "i", id);
			if (rc == -1)
				break;
			/* No row yet may be an upload in flight: its folder is renamed to its id before its
			 * transaction commits (sub_create), so another server's pass, or this one's worker, would
			 * see the folder without the row. An unknown id's folder goes after an hour, as tmp- ones. */
			if (rc == 0 && (stat(dir, &sb) != 0 || sb.st_mtime >= now - 3600))
				continue;
			if (rc == 0 || staged == 0) {
				r->bytes += rm_folder(dir);
				r->folders++;
			}
		}
		closedir(d);
	}
	ret = 0;
out:
	arena_release(&a);
	return ret;
}
