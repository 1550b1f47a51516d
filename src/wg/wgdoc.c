/* wgdoc.c: the WG document office's decisions; see wgdoc.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../auth/perm.h"
#include "../auth/token.h"
#include "../auth/user.h"
#include "../core/arena.h"
#include "../core/buf.h"
#include "../core/config.h"
#include "../core/err.h"
#include "../core/timeutil.h"
#include "../db/db.h"
#include "../db/event.h"
#include "../http/form.h"
#include "../mail/mime.h"
#include "../mail/outbox.h"
#include "group.h"
#include "wgdoc.h"

/* DATATRACKER.md 3.2, in order. */
const struct wg_state_row wg_states[] = {
	{ "wg-cand", "Candidate for WG Adoption", "c-adopt" },
	{ "c-adopt", "Call For Adoption By WG Issued", "adopt-wg info" },
	{ "adopt-wg", "Adopted by a WG", "wg-doc" },
	{ "info", "Adopted for WG Info Only", "" },
	{ "wg-doc", "WG Document", "parked dead wg-lc writeupw" },
	{ "parked", "Parked WG Document", "wg-doc" },
	{ "dead", "Dead WG Document", "wg-doc" },
	{ "wg-lc", "In WG Last Call", "wg-doc chair-w writeupw" },
	{ "waiting-for-implementation", "Waiting for Implementation", "" },
	{ "held-by-wg", "Held by WG", "" },
	{ "chair-w", "Waiting for WG Chair Go-Ahead", "wg-lc writeupw" },
	{ "writeupw", "WG Consensus: Waiting for Write-Up", "sub-pub" },
	{ "sub-pub", "Submitted to IESG for Publication", "wg-doc" },
};
const size_t nwg_states = sizeof(wg_states) / sizeof(wg_states[0]);

/* DATATRACKER.md 3.3. */
const struct wg_tag_row wg_tags[] = {
	{ "rev-wg", "Revised I-D Needed - Issue raised by WG" },
	{ "no-adopt", "Polled for WG adoption but not adopted" },
	{ "w-expert", "Awaiting Expert Review/Resolution of Issues Raised" },
	{ "w-extern", "Awaiting External Review/Resolution of Issues Raised" },
	{ "w-merge", "Awaiting Merge with Other Document" },
	{ "need-aut", "Author or Editor Needed" },
	{ "w-refdoc", "Waiting for Referenced Document" },
	{ "w-refing", "Waiting for Referencing Document" },
	{ "rev-wglc", "Revised I-D Needed - Issue raised by WGLC" },
	{ "rev-ad", "Revised I-D Needed - Issue raised by AD" },
	{ "rev-iesg", "Revised I-D Needed - Issue raised by IESG" },
	{ "sheph-u", "Doc Shepherd Follow-up Underway" },
	{ "other", "Other - see Comment Log" },
};
const size_t nwg_tags = sizeof(wg_tags) / sizeof(wg_tags[0]);

/* A3: the seed's steps (003 section 2.3), in order. */
static const struct { const char *step, *label; } steps[6] = {
	{ "change-control", "Authors reminded that change control moves to the IETF" },
	{ "ipr", "Each author confirmed their IPR obligations" },
	{ "consensus", "Rough consensus judged and announced to the WG" },
	{ "editors", "Editors chosen" },
	{ "preapproved", "The WG -00 name pre-approved for posting" },
	{ "replaced", "The individual draft marked replaced by the WG -00" },
};

const struct wg_state_row *
wg_state_get(const char *slug)
{
	size_t i;

	for (i = 0; slug && i < nwg_states; i++)
		if (strcmp(wg_states[i].slug, slug) == 0)
			return &wg_states[i];
	return NULL;
}

static const struct wg_tag_row *
tag_get(const char *slug)
{
	size_t i;

	for (i = 0; slug && i < nwg_tags; i++)
		if (strcmp(wg_tags[i].slug, slug) == 0)
			return &wg_tags[i];
	return NULL;
}

static const char *
now_iso(struct wgd_ctx *c)
{
	char t[ISO_TIME_LEN];

	time_iso(t, c->now);
	return arena_strdup(c->a, t);
}

static int64_t
me(const struct wgd_ctx *c)
{
	return c->user ? c->user->person_id : 0;
}

static int
ev(struct wgd_ctx *c, const char *name, const char *verb, struct err *e, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static int
ev(struct wgd_ctx *c, const char *name, const char *verb, struct err *e, const char *fmt, ...)
{
	char detail[1200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	return event_add(c->db, e, me(c), "document", name, verb, detail);
}

static const char *
site(struct wgd_ctx *c)
{
	return c->mail ? c->mail->site : config_str(c->cfg, CFG_BASE_URL);
}

/* ---- which WG, and who may act ---- */

static int
group_is_wg(struct wgd_ctx *c, const char *acr)
{
	struct err e = { 0 };
	int64_t n;

	return acr != NULL && db_int(c->db, &e, &n, "SELECT 1 FROM grp WHERE acronym = ? AND type IN ('wg','rg')", "s", acr) == 1;
}

const char *
wgd_group_of(struct wgd_ctx *c, const char *name, const char *assoc)
{
	const char *p, *q;
	char acr[48];

	if (assoc && assoc[0])
		return arena_strdup(c->a, assoc);	/* a column's text lives only until the next step */
	if (strncmp(name, "draft-ietf-", 11) == 0 || strncmp(name, "draft-irtf-", 11) == 0)
		p = name + 11;
	else if (strncmp(name, "draft-", 6) == 0 && (p = strchr(name + 6, '-')) != NULL)
		p++;	/* draft-<person>-<wg>-... */
	else
		return NULL;
	if ((q = strchr(p, '-')) == NULL || (size_t)(q - p) >= sizeof(acr))
		return NULL;
	snprintf(acr, sizeof(acr), "%.*s", (int)(q - p), p);
	return group_is_wg(c, acr) ? arena_strdup(c->a, acr) : NULL;
}

int
wgd_may(struct wgd_ctx *c, const char *group)
{
	const char *area;

	if (c->user == NULL || c->user->person_id == 0 || group == NULL)
		return 0;
	if (perm_allows(c->user, PERM_WG_DOC_STATE, group))
		return 1;
	area = group_parent_acronym(c->db, c->a, group);
	return area != NULL && perm_allows(c->user, PERM_WG_DOC_STATE, area);
}

/* A document that belongs to a WG is moved or acted on only by that WG's people (or the Secretariat):
 * naming another group in the request changes nothing (DATATRACKER.md 3.10, "of the doc's group"). */
static int
owner_check(struct wgd_ctx *c, const struct wgdoc *d, const char *g, struct err *e)
{
	if (d->group_explicit && d->group && strcmp(g, d->group) != 0 && !perm_allows(c->user, PERM_SUBMIT_MANUAL, NULL) &&
	    !wgd_may(c, d->group))
		return err_set(e, 403, "perm", "%s belongs to the %s working group: only its chairs, secretaries and delegates, its "
		    "Area Directors and the Secretariat act on it.", d->name, d->group);
	return 0;
}

/* ---- loading ---- */

int
wgd_load(struct wgd_ctx *c, const char *name, struct wgdoc *d, struct err *e)
{
	struct db_stmt *st;
	size_t cap = 0, i;
	int rc;

	memset(d, 0, sizeof(*d));
	if ((st = db_query(c->db, e, "SELECT id, name, rev, title, abstract, group_acronym, wg_state, wg, wg_care, updated FROM "
	    "document WHERE name = ?", "s", name)) == NULL)
		return -1;
	if ((rc = db_step(st, e)) != 1) {
		if (rc == 0)
			db_done(st);
		return rc == 0 ? err_set(e, 404, "document", "There is no Internet-Draft named %.80s here.", name) : -1;
	}
	d->id = db_col_int(st, 0);
	d->name = arena_strdup(c->a, db_col_text(st, 1));
	d->rev = arena_strdup(c->a, db_col_text(st, 2));
	d->title = arena_strdup(c->a, db_col_text(st, 3));
	d->abstract = arena_strdup(c->a, db_col_text(st, 4));
	d->state = arena_strdup(c->a, db_col_text(st, 6));
	d->wg = arena_strdup(c->a, db_col_text(st, 7));
	d->wg_care = (int)db_col_int(st, 8);
	d->updated = arena_strdup(c->a, db_col_text(st, 9));
	d->group_explicit = db_col_text(st, 5)[0] != '\0' || d->wg[0] != '\0';
	d->group = wgd_group_of(c, d->name, db_col_text(st, 5)[0] ? db_col_text(st, 5) : d->wg);
	db_done(st);
	if ((st = db_query(c->db, e, "SELECT tag FROM doc_tag WHERE document_id = ? ORDER BY tag", "i", d->id)) == NULL)
		return -1;
	while ((rc = db_step(st, e)) == 1) {
		if ((d->tags = arena_grow(c->a, d->tags, d->ntags, &cap, sizeof(*d->tags))) == NULL) {
			db_done(st);
			return err_set(e, 500, "memory", "Out of memory.");
		}
		d->tags[d->ntags++] = arena_strdup(c->a, db_col_text(st, 0));
	}
	if (rc == -1)
		return -1;
	db_done(st);
	cap = 0;
	if ((st = db_query(c->db, e, "SELECT p.name, coalesce((SELECT address FROM email WHERE person_id = p.id AND is_primary = 1), "
	    "''), x.since, coalesce(x.until, '') FROM doc_editor x JOIN person p ON p.id = x.person_id WHERE x.document_id = ? "
	    "ORDER BY x.since", "i", d->id)) == NULL)
		return -1;
	while ((rc = db_step(st, e)) == 1) {
		struct wg_editor *x;
		if ((d->editors = arena_grow(c->a, d->editors, d->neditors, &cap, sizeof(*d->editors))) == NULL) {
			db_done(st);
			return err_set(e, 500, "memory", "Out of memory.");
		}
		x = &d->editors[d->neditors++];
		x->name = arena_strdup(c->a, db_col_text(st, 0));
		x->email = arena_strdup(c->a, db_col_text(st, 1));
		x->since = arena_strdup(c->a, db_col_text(st, 2));
		x->until = arena_strdup(c->a, db_col_text(st, 3));
	}
	if (rc == -1)
		return -1;
	db_done(st);
	if ((st = db_query(c->db, e, "SELECT id, kind, group_acronym, started, ends, text, state, outcome, summary FROM wg_call "
	    "WHERE document_id = ? ORDER BY id DESC LIMIT 1", "i", d->id)) == NULL)
		return -1;
	if ((rc = db_step(st, e)) == 1) {
		d->call.id = db_col_int(st, 0);
		d->call.kind = arena_strdup(c->a, db_col_text(st, 1));
		d->call.group = arena_strdup(c->a, db_col_text(st, 2));
		d->call.started = arena_strdup(c->a, db_col_text(st, 3));
		d->call.ends = arena_strdup(c->a, db_col_text(st, 4));
		d->call.text = arena_strdup(c->a, db_col_text(st, 5));
		d->call.state = arena_strdup(c->a, db_col_text(st, 6));
		d->call.outcome = arena_strdup(c->a, db_col_text(st, 7));
		d->call.summary = arena_strdup(c->a, db_col_text(st, 8));
	}
	if (rc == -1)
		return -1;
	db_done(st);
	if (d->call.id) {
		cap = 0;
		if ((st = db_query(c->db, e, "SELECT email, name, coalesce(confirmed, '') FROM wg_ipr WHERE call_id = ? ORDER BY name",
		    "i", d->call.id)) == NULL)
			return -1;
		while ((rc = db_step(st, e)) == 1) {
			if ((d->ipr = arena_grow(c->a, d->ipr, d->nipr, &cap, sizeof(*d->ipr))) == NULL) {
				db_done(st);
				return err_set(e, 500, "memory", "Out of memory.");
			}
			d->ipr[d->nipr].email = arena_strdup(c->a, db_col_text(st, 0));
			d->ipr[d->nipr].name = arena_strdup(c->a, db_col_text(st, 1));
			d->ipr[d->nipr].confirmed = arena_strdup(c->a, db_col_text(st, 2));
			d->nipr++;
		}
		if (rc == -1)
			return -1;
		db_done(st);
	}
	for (i = 0; i < 6; i++) {
		d->checklist[i].step = steps[i].step;
		d->checklist[i].label = steps[i].label;
		d->checklist[i].done = "";
		d->checklist[i].by = "";
		d->checklist[i].note = "";
		if ((st = db_query(c->db, e, "SELECT k.done, coalesce(p.name, '(system)'), k.note FROM wg_checklist k LEFT JOIN person p "
		    "ON p.id = k.by_person WHERE k.document_id = ? AND k.step = ?", "is", d->id, steps[i].step)) == NULL)
			return -1;
		if ((rc = db_step(st, e)) == 1) {
			d->checklist[i].done = arena_strdup(c->a, db_col_text(st, 0));
			d->checklist[i].by = arena_strdup(c->a, db_col_text(st, 1));
			d->checklist[i].note = arena_strdup(c->a, db_col_text(st, 2));
		}
		if (rc == -1)
			return -1;
		db_done(st);
	}
	return 0;
}

/* ---- mail ---- */

/* The authors, the WG's chairs, and (list) the WG's list. */
static int
people(struct wgd_ctx *c, int64_t doc, const char *group, int list, struct mail_rcpts *r, struct err *e)
{
	struct db_stmt *st;
	int rc;

	if ((st = db_query(c->db, e, "SELECT name, email FROM doc_author WHERE document_id = ? ORDER BY ord", "i", doc)) == NULL)
		return -1;
	while ((rc = db_step(st, e)) == 1)
		mail_rcpts_add(r, arena_strdup(c->a, db_col_text(st, 0)), arena_strdup(c->a, db_col_text(st, 1)));
	if (rc == -1)
		return -1;
	db_done(st);
	if (group == NULL)
		return 0;
	if ((st = db_query(c->db, e, "SELECT p.name, r.email FROM role r JOIN person p ON p.id = r.person_id JOIN grp g ON "
	    "g.id = r.group_id WHERE g.acronym = ? AND r.name IN ('chair','secr','delegate') ORDER BY p.name", "s", group)) == NULL)
		return -1;
	while ((rc = db_step(st, e)) == 1)
		mail_rcpts_add(r, arena_strdup(c->a, db_col_text(st, 0)), arena_strdup(c->a, db_col_text(st, 1)));
	if (rc == -1)
		return -1;
	db_done(st);
	if (list) {
		if ((st = db_query(c->db, e, "SELECT list_email FROM grp WHERE acronym = ?", "s", group)) == NULL)
			return -1;
		if (db_step(st, e) == 1)
			mail_rcpts_add(r, NULL, arena_strdup(c->a, db_col_text(st, 0)));
		db_done(st);
	}
	return 0;
}

static int
queue(struct wgd_ctx *c, const char *name, enum mail_template t, const struct mail_field *f, size_t nf,
    const struct mail_rcpts *to, struct err *e)
{
	return outbox_queue_rcpts(c->db, c->a, c->mail, t, f, nf, to, NULL, "document", name, NULL, e);
}

static int
check_done(struct wgd_ctx *c, int64_t doc, const char *step, const char *note, struct err *e)
{
	return db_run(c->db, e, "INSERT INTO wg_checklist (document_id, step, done, by_person, note) VALUES (?, ?, ?, ?, ?) "
	    "ON CONFLICT (document_id, step) DO UPDATE SET done = excluded.done, by_person = excluded.by_person, note = excluded.note",
	    "issns", doc, step, now_iso(c), me(c), note ? note : "") == -1 ? -1 : 0;
}

/* ---- state and tags (A12) ---- */

static int
set_state_in_tx(struct wgd_ctx *c, struct wgdoc *d, const char *group, const char *state, const char *const *set, size_t nset,
    const char *const *clear, size_t nclear, const char *comment, int mail, struct err *e)
{
	struct buf what;
	struct mail_rcpts to = { .n = 0 };
	const struct wg_state_row *old = wg_state_get(d->state), *nw = state && state[0] ? wg_state_get(state) : NULL;
	size_t i;

	buf_init(&what, c->a, 0);
	if (state != NULL && strcmp(state, d->state) != 0) {
		if (db_run(c->db, e, "UPDATE document SET wg_state = ?, wg = CASE WHEN ? = '' THEN wg ELSE ? END, updated = ? "
		    "WHERE id = ?", "ssssi", state, group ? group : "", group ? group : "", now_iso(c), d->id) == -1)
			return -1;
		buf_printf(&what, "IETF WG state changed to %s from %s", nw ? nw->name : "None", old ? old->name : "None");
		d->state = state;
	}
	for (i = 0; i < nset; i++) {
		if (db_run(c->db, e, "INSERT INTO doc_tag (document_id, tag) VALUES (?, ?) ON CONFLICT DO NOTHING", "is", d->id, set[i])
		    == -1)
			return -1;
		if (db_changes(c->db))
			buf_printf(&what, "%sTag %s set", what.len ? ". " : "", tag_get(set[i])->name);
	}
	for (i = 0; i < nclear; i++) {
		if (db_run(c->db, e, "DELETE FROM doc_tag WHERE document_id = ? AND tag = ?", "is", d->id, clear[i]) == -1)
			return -1;
		if (db_changes(c->db))
			buf_printf(&what, "%sTag %s cleared", what.len ? ". " : "", tag_get(clear[i])->name);
	}
	if (what.len == 0 && (comment == NULL || comment[0] == '\0'))
		return err_set(e, 400, "nothing", "No change in state or tags found, and no comment provided: nothing to do.");
	if (ev(c, d->name, "changed_state", e, "%s%s%s", what.len ? buf_cstr(&what) : "Comment", comment && comment[0] ? ": " : "",
	    comment ? comment : "") == -1)
		return -1;
	if (!mail)
		return 0;
	if (people(c, d->id, group ? group : d->group, 1, &to, e) == -1)
		return -1;
	{
		struct mail_field f[] = {
			{ "draft", d->name }, { "title", d->title }, { "what", what.len ? buf_cstr(&what) : "A comment was added" },
			{ "comment", comment && comment[0] ? comment : "(none)" }, { "by", c->user && c->user->name ? c->user->name : "the system" },
			{ "url", arena_printf(c->a, "%s/doc/%s/", site(c), d->name) },
		};
		return queue(c, d->name, TPL_WG_STATE, f, sizeof(f) / sizeof(f[0]), &to, e);
	}
}

int
wgd_set_state(struct wgd_ctx *c, const char *name, const char *group, const char *state, const char *const *set, size_t nset,
    const char *const *clear, size_t nclear, const char *comment, struct err *e)
{
	struct wgdoc d;
	size_t i;
	const char *g;

	if (wgd_load(c, name, &d, e) == -1)
		return -1;
	g = group && group[0] ? group : d.group;
	if (g == NULL || !group_is_wg(c, g))
		return err_set(e, 400, "group", "Name the working group this draft is to belong to.");
	if (!wgd_may(c, g))
		return err_set(e, 403, "perm", "Only the chairs, secretaries and delegates of %s, its Area Directors and the "
		    "Secretariat change its documents' states.", g);
	if (owner_check(c, &d, g, e) == -1)
		return -1;
	if (state && state[0] && wg_state_get(state) == NULL)
		return err_set(e, 400, "state", "\"%.40s\" is not an IETF WG state.", state);
	if (state && strcmp(state, "sub-pub") == 0 && !perm_allows(c->user, PERM_SUBMIT_MANUAL, NULL))
		return err_set(e, 403, "state", "Submitted to IESG for Publication is set by requesting publication, not here.");
	for (i = 0; i < nset; i++)
		if (tag_get(set[i]) == NULL)
			return err_set(e, 400, "tag", "\"%.40s\" is not a tag of the IETF stream.", set[i]);
	for (i = 0; i < nclear; i++)
		if (tag_get(clear[i]) == NULL)
			return err_set(e, 400, "tag", "\"%.40s\" is not a tag of the IETF stream.", clear[i]);
	if (comment && (strlen(comment) > 4000 || !idt_text_valid(comment, strlen(comment), 1)))
		return err_set(e, 400, "comment", "The comment is plain text of at most 4000 characters.");
	if (db_begin(c->db, e) == -1)
		return -1;
	if (set_state_in_tx(c, &d, g, state, set, nset, clear, nclear, comment, 1, e) == -1) {
		db_rollback(c->db);
		return -1;
	}
	return db_commit(c->db, e);
}

/* ---- calls (A2, A4, A10) ---- */

const char *
wgd_call_template(struct wgd_ctx *c, const char *name, const char *kind, const char *group, int days, struct err *e)
{
	struct wgdoc d;
	char end[ISO_TIME_LEN];

	if (wgd_load(c, name, &d, e) == -1)
		return NULL;
	time_iso(end, c->now + (time_t)days * 86400);
	if (strcmp(kind, "withdrawal") == 0)
		return arena_printf(c->a, "Dear %s WG,\n\nThis is a call to withdraw %s (\"%s\") as a working group document: it has not "
		    "been revised for a long time. If you want the WG to keep working on it, say so on this list by %.10s.\n\n"
		    "%s/doc/%s/\n\nIf the WG agrees, the draft becomes Dead and returns to its authors; the WG name is no longer "
		    "used.\n\nThe chairs\n", group, name, d.title, end, site(c), name);
	return arena_printf(c->a,
	    "Dear %s WG,\n\n"
	    "This is a call for adoption of %s-%s (\"%s\") as a working group document. Please say on this list whether you "
	    "support adopting it, and why, by %.10s (the call lasts %d days).\n\n"
	    "%s/doc/%s/\n\n"
	    "Abstract:\n%s\n\n"
	    "When deciding, consider (RFC 7221bis section 2.4): Is the topic within the charter, or a simple charter change "
	    "away? Is the purpose clear? Is the proposal useful? Is the document an acceptable platform for the WG's work, "
	    "and the writing good enough to build on? What are the process or technical objections? Can it be completed in "
	    "time? Is the intended status reasonable? Does it carry known IPR, and are the disclosures acceptable? Does it "
	    "conflict with other IETF work? Is there strong WG support? In short: is this a problem the WG wants to solve in "
	    "a way approximately as described in the draft?\n\n"
	    "Adoption moves change control from the authors to the IETF. Each author is asked, separately, to confirm that "
	    "every IPR they know of has been disclosed (BCP 79); anyone else aware of IPR related to this draft must "
	    "disclose it too.\n\n"
	    "The chairs\n", group, name, d.rev, d.title, end, days, site(c), name, d.abstract[0] ? d.abstract : "(none)");
}

int
wgd_call(struct wgd_ctx *c, const char *name, const char *kind, const char *group, int days, const char *text, int64_t *call_id,
    struct err *e)
{
	struct wgdoc d;
	struct mail_rcpts to = { .n = 0 };
	struct db_stmt *st;
	char end[ISO_TIME_LEN];
	const char *g, *body;
	int adoption, rc;

	*call_id = 0;
	if (kind == NULL || (strcmp(kind, "adoption") != 0 && strcmp(kind, "withdrawal") != 0))
		return err_set(e, 400, "kind", "A call is for adoption or for withdrawal.");
	adoption = strcmp(kind, "adoption") == 0;
	if (wgd_load(c, name, &d, e) == -1)
		return -1;
	g = group && group[0] ? group : d.group;
	if (g == NULL || !group_is_wg(c, g))
		return err_set(e, 400, "group", "Name the working group that issues the call.");
	if (!wgd_may(c, g))
		return err_set(e, 403, "perm", "Only the chairs, secretaries and delegates of %s, its Area Directors and the "
		    "Secretariat issue its calls.", g);
	if (owner_check(c, &d, g, e) == -1)
		return -1;
	if (days < WG_CALL_MIN_DAYS)
		return err_set(e, 400, "days", "A call for %s must give the working group at least two weeks (%d days) to respond "
		    "(RFC 7221bis section 2.3: \"send a call for adoption of a draft to the WG mailing list with at least two "
		    "weeks time to respond\"); %d days is too short.", kind, WG_CALL_MIN_DAYS, days);
	if (days > 90)
		return err_set(e, 400, "days", "A call longer than 90 days is no call: give at most 90 days.");
	if (d.call.id && strcmp(d.call.state, "open") == 0)
		return err_set(e, 409, "open", "A call for %s of %s is open until %s; close it first.", d.call.kind, name, d.call.ends);
	if (adoption && (strcmp(d.state, "wg-doc") == 0 || strcmp(d.state, "adopt-wg") == 0))
		return err_set(e, 409, "adopted", "%s is adopted already.", name);
	if (!adoption && strcmp(d.state, "wg-doc") != 0 && strcmp(d.state, "parked") != 0)
		return err_set(e, 409, "state", "Only a WG document (or a parked one) is called for withdrawal.");
	body = text && text[0] ? text : wgd_call_template(c, name, kind, g, days, e);
	if (body == NULL)
		return -1;
	if (strlen(body) > 20000 || !idt_text_valid(body, strlen(body), 1))
		return err_set(e, 400, "text", "The call's text is plain text of at most 20000 characters.");
	time_iso(end, c->now + (time_t)days * 86400);
	end[10] = '\0';
	if (db_begin(c->db, e) == -1)
		return -1;
	if (db_int(c->db, e, call_id, "INSERT INTO wg_call (document_id, kind, group_acronym, started, ends, text, by_person) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?) RETURNING id", "isssssn", d.id, kind, g, now_iso(c), end, body, me(c)) != 1)
		goto fail;
	if (adoption && set_state_in_tx(c, &d, g, "c-adopt", NULL, 0, NULL, 0, arena_printf(c->a, "Call for adoption issued, "
	    "ending %s", end), 0, e) == -1)
		goto fail;
	if (!adoption && ev(c, name, "withdrawal_call", e, "Call for withdrawal issued, ending %s", end) == -1)
		goto fail;
	if (people(c, d.id, g, 1, &to, e) == -1)
		goto fail;
	{
		struct mail_field f[] = {
			{ "draft", name }, { "kind", adoption ? "Adoption" : "Withdrawal" }, { "group", g }, { "text", body },
			{ "ends", end },
		};
		if (queue(c, name, TPL_WG_CALL, f, sizeof(f) / sizeof(f[0]), &to, e) == -1)
			goto fail;
	}
	/* A3: the call reminds the authors of change control; each author gets an IPR link of their own. */
	if (adoption) {
		if (check_done(c, d.id, "change-control", "in the call for adoption", e) == -1)
			goto fail;
		if ((st = db_query(c->db, e, "SELECT name, email FROM doc_author WHERE document_id = ? AND email <> '' ORDER BY ord",
		    "i", d.id)) == NULL)
			goto fail;
		{
			struct { const char *name, *email; } au[64];
			size_t na = 0, i;
			while ((rc = db_step(st, e)) == 1 && na < 64) {
				au[na].name = arena_strdup(c->a, db_col_text(st, 0));
				au[na].email = arena_strdup(c->a, db_col_text(st, 1));
				na++;
			}
			if (rc == -1)
				goto fail;
			if (rc == 1)
				db_done(st);
			else
				db_done(st);
			for (i = 0; i < na; i++) {
				char tok[TOKEN_LEN + 1], h[TOKEN_HASH_LEN + 1];
				struct mail_rcpts one = { .n = 0 };
				token_new(tok);
				token_hash(tok, h);
				if (db_run(c->db, e, "INSERT INTO wg_ipr (call_id, email, name, token_hash) VALUES (?, ?, ?, ?) "
				    "ON CONFLICT DO NOTHING", "isss", *call_id, au[i].email, au[i].name, h) == -1)
					goto fail;
				mail_rcpts_add(&one, au[i].name, au[i].email);
				{
					struct mail_field f[] = {
						{ "draft", name }, { "name", au[i].name }, { "group", g }, { "ends", end },
						{ "url", arena_printf(c->a, "%s/doc/%s/adopt/ipr/%lld/%s/", site(c), name, (long long)*call_id,
						    tok) },
					};
					if (queue(c, name, TPL_WG_IPR, f, sizeof(f) / sizeof(f[0]), &one, e) == -1)
						goto fail;
				}
			}
		}
	}
	return db_commit(c->db, e);
fail:
	db_rollback(c->db);
	return -1;
}

int
wgd_ipr_confirm(struct wgd_ctx *c, int64_t call_id, const char *tok, const char **name, struct err *e)
{
	char h[TOKEN_HASH_LEN + 1];
	struct db_stmt *st;
	const char *email = NULL, *doc = NULL;
	int64_t docid = 0, left;

	if (tok == NULL || strlen(tok) != TOKEN_LEN)
		return err_set(e, 404, "token", "This confirmation link is not valid.");
	token_hash(tok, h);
	if ((st = db_query(c->db, e, "SELECT i.email, i.name, d.name, d.id FROM wg_ipr i JOIN wg_call w ON w.id = i.call_id JOIN "
	    "document d ON d.id = w.document_id WHERE i.call_id = ? AND i.token_hash = ?", "is", call_id, h)) == NULL)
		return -1;
	if (db_step(st, e) == 1) {
		email = arena_strdup(c->a, db_col_text(st, 0));
		*name = arena_strdup(c->a, db_col_text(st, 1));
		doc = arena_strdup(c->a, db_col_text(st, 2));
		docid = db_col_int(st, 3);
	}
	db_done(st);
	if (email == NULL)
		return err_set(e, 404, "token", "This confirmation link is not valid.");
	if (db_begin(c->db, e) == -1)
		return -1;
	if (db_run(c->db, e, "UPDATE wg_ipr SET confirmed = ? WHERE call_id = ? AND email = ? AND confirmed IS NULL", "sis",
	    now_iso(c), call_id, email) == -1)
		goto fail;
	if (db_changes(c->db) == 0) {
		db_rollback(c->db);
		return 0;	/* confirmed already */
	}
	if (event_add(c->db, e, 0, "document", doc, "ipr_confirmed", arena_printf(c->a, "%s (%s) confirmed their IPR "
	    "obligations for the call for adoption", *name, email)) == -1)
		goto fail;
	if (db_int(c->db, e, &left, "SELECT count(*) FROM wg_ipr WHERE call_id = ? AND confirmed IS NULL", "i", call_id) == -1)
		goto fail;
	if (left == 0 && check_done(c, docid, "ipr", "every author confirmed", e) == -1)
		goto fail;
	return db_commit(c->db, e);
fail:
	db_rollback(c->db);
	return -1;
}

int
wgd_close(struct wgd_ctx *c, const char *name, const char *outcome, const char *summary, struct err *e)
{
	struct wgdoc d;
	struct mail_rcpts to = { .n = 0 };
	const char *what;
	static const char *const noadopt[] = { "no-adopt" };

	if (wgd_load(c, name, &d, e) == -1)
		return -1;
	if (d.call.id == 0 || strcmp(d.call.state, "open") != 0)
		return err_set(e, 409, "call", "%s has no open call to close.", name);
	if (!wgd_may(c, d.call.group))
		return err_set(e, 403, "perm", "Only the chairs, secretaries and delegates of %s, its Area Directors and the "
		    "Secretariat close its calls.", d.call.group);
	if (owner_check(c, &d, d.call.group, e) == -1)
		return -1;
	if (outcome == NULL || (strcmp(d.call.kind, "adoption") == 0 ? (strcmp(outcome, "adopt") && strcmp(outcome, "info") &&
	    strcmp(outcome, "no-adopt")) : (strcmp(outcome, "dead") && strcmp(outcome, "keep"))))
		return err_set(e, 400, "outcome", strcmp(d.call.kind, "adoption") == 0 ? "The outcome of a call for adoption is "
		    "adopt, info or no-adopt." : "The outcome of a call for withdrawal is dead or keep.");
	if (summary == NULL || summary[0] == '\0' || strlen(summary) > 4000 || !idt_text_valid(summary, strlen(summary), 1))
		return err_set(e, 400, "summary", "Say how the chairs judged the consensus (the summary is announced to the WG).");
	if (db_begin(c->db, e) == -1)
		return -1;
	if (db_run(c->db, e, "UPDATE wg_call SET state = 'closed', outcome = ?, summary = ? WHERE id = ?", "ssi", outcome, summary,
	    d.call.id) == -1)
		goto fail;
	if (strcmp(outcome, "adopt") == 0) {
		what = "adopted by the working group";
		if (set_state_in_tx(c, &d, d.call.group, "adopt-wg", NULL, 0, noadopt, 1, summary, 0, e) == -1)
			goto fail;
	} else if (strcmp(outcome, "info") == 0) {
		what = "adopted for the working group's information only";
		if (set_state_in_tx(c, &d, d.call.group, "info", NULL, 0, NULL, 0, summary, 0, e) == -1)
			goto fail;
	} else if (strcmp(outcome, "no-adopt") == 0) {
		what = "not adopted";
		if (set_state_in_tx(c, &d, d.call.group, "", noadopt, 1, NULL, 0, summary, 0, e) == -1)
			goto fail;
	} else if (strcmp(outcome, "dead") == 0) {
		/* A10: dead, returned to its authors, the WG name no longer used. */
		what = "withdrawn: the draft is dead and returns to its authors";
		if (set_state_in_tx(c, &d, d.call.group, "dead", NULL, 0, NULL, 0, summary, 0, e) == -1)
			goto fail;
	} else {
		what = "kept as a working group document";
		if (ev(c, name, "withdrawal_call", e, "Call for withdrawal closed: kept. %s", summary) == -1)
			goto fail;
	}
	if (strcmp(d.call.kind, "adoption") == 0 && check_done(c, d.id, "consensus", what, e) == -1)
		goto fail;
	if (people(c, d.id, d.call.group, 1, &to, e) == -1)
		goto fail;
	{
		struct mail_field f[] = {
			{ "draft", name }, { "title", d.title }, { "group", d.call.group }, { "what", what }, { "summary", summary },
			{ "url", arena_printf(c->a, "%s/doc/%s/", site(c), name) },
		};
		if (queue(c, name, TPL_WG_OUTCOME, f, sizeof(f) / sizeof(f[0]), &to, e) == -1)
			goto fail;
	}
	return db_commit(c->db, e);
fail:
	db_rollback(c->db);
	return -1;
}

int
wgd_adopt(struct wgd_ctx *c, const char *name, const char *group, const char *reason, struct err *e)
{
	if (reason == NULL || reason[0] == '\0')
		return err_set(e, 400, "reason", "Adopting without a call needs the reason (a split, a merge, the charter ...).");
	return wgd_set_state(c, name, group, "adopt-wg", NULL, 0, NULL, 0, arena_printf(c->a, "Adopted without a call: %s", reason),
	    e);
}

int
wgd_editor(struct wgd_ctx *c, const char *name, const char *add, const char *remove, struct err *e)
{
	struct wgdoc d;
	int64_t pid = 0;
	const char *who = add && add[0] ? add : remove;

	if (wgd_load(c, name, &d, e) == -1)
		return -1;
	if (d.group == NULL || !wgd_may(c, d.group))
		return err_set(e, 403, "perm", "Editors are chosen by the working group's chairs (RFC 7221bis section 3).");
	if (who == NULL || who[0] == '\0')
		return err_set(e, 400, "editor", "Give the editor's e-mail address.");
	if (person_by_email(c->db, e, who, &pid) == -1)
		return -1;
	if (pid == 0)
		return err_set(e, 400, "editor", "Nobody here has the address %.80s.", who);
	if (db_begin(c->db, e) == -1)
		return -1;
	if (add && add[0]) {
		int64_t n;
		if (db_int(c->db, e, &n, "SELECT count(*) FROM doc_editor WHERE document_id = ? AND person_id = ? AND until IS NULL",
		    "ii", d.id, pid) == -1)
			goto fail;
		if (n > 0) {
			err_set(e, 409, "editor", "%s is an editor already.", add);
			goto fail;
		}
		if (db_run(c->db, e, "INSERT INTO doc_editor (document_id, person_id, since) VALUES (?, ?, ?)", "iis", d.id, pid,
		    now_iso(c)) == -1 || ev(c, name, "editor", e, "Editor added: %s", add) == -1 ||
		    check_done(c, d.id, "editors", add, e) == -1)
			goto fail;
	} else {
		if (db_run(c->db, e, "UPDATE doc_editor SET until = ? WHERE document_id = ? AND person_id = ? AND until IS NULL", "sii",
		    now_iso(c), d.id, pid) == -1)
			goto fail;
		if (db_changes(c->db) == 0) {
			err_set(e, 404, "editor", "%s is not an editor of %s.", remove, name);
			goto fail;
		}
		if (ev(c, name, "editor", e, "Editor removed: %s", remove) == -1)
			goto fail;
	}
	return db_commit(c->db, e);
fail:
	db_rollback(c->db);
	return -1;
}

int
wgd_check(struct wgd_ctx *c, const char *name, const char *step, const char *note, struct err *e)
{
	struct wgdoc d;
	size_t i;

	if (wgd_load(c, name, &d, e) == -1)
		return -1;
	if (d.group == NULL || !wgd_may(c, d.group))
		return err_set(e, 403, "perm", "The checklist is the working group chairs'.");
	for (i = 0; i < 6; i++)
		if (step && strcmp(steps[i].step, step) == 0)
			break;
	if (i == 6 || strcmp(step, "ipr") == 0 || strcmp(step, "replaced") == 0)
		return err_set(e, 400, "step", "That step is not ticked by hand (IPR is each author's own confirmation; "
		    "\"replaced\" follows from posting the WG -00).");
	if (note && (strlen(note) > 500 || !idt_text_valid(note, strlen(note), 0)))
		return err_set(e, 400, "note", "The note is one line of at most 500 characters.");
	if (db_begin(c->db, e) == -1)
		return -1;
	if (check_done(c, d.id, step, note, e) == -1 || ev(c, name, "checklist", e, "Adoption checklist: %s%s%s", steps[i].label,
	    note && note[0] ? ": " : "", note ? note : "") == -1) {
		db_rollback(c->db);
		return -1;
	}
	return db_commit(c->db, e);
}

/* ---- the WG page (A13) ---- */

/* The order of the WG page's lists: furthest along the WG's process first, then by name. */
static int
wg_state_rank(const char *state)
{
	static const char *const order[] = { "wg-lc", "chair-w", "writeupw", "sub-pub", "wg-doc", "adopt-wg", "c-adopt",
		"wg-cand", "info", "parked", "dead" };
	size_t i;

	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (strcmp(state, order[i]) == 0)
			return (int)i;
	return (int)(sizeof(order) / sizeof(order[0]));
}

static int
listing_cmp(const void *pa, const void *pb)
{
	const struct wg_listing *a = pa, *b = pb;

	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	return strcmp(a->name, b->name);	/* byte order, as SQLite's BINARY and PostgreSQL's C.UTF-8 */
}

struct open_call {
	int64_t		 doc;
	const char	*ends;
};

static int
open_call_cmp(const void *pa, const void *pb)
{
	const struct open_call *a = pa, *b = pb;

	return a->doc < b->doc ? -1 : a->doc > b->doc;
}

int
wgd_group_docs(struct wgd_ctx *c, const char *group, struct wg_listing **out, size_t *n, struct wg_listing **rel, size_t *nrel,
    struct err *e)
{
	/* The group's documents, the ones adopted into or cared for by it (wg; written with wg <> '' so
	 * that PostgreSQL's plan for any group knows how few those are), and the individual drafts named
	 * draft-<who>-<group>-... (doc_name_word, migrations 009 and 011), each leaving out what an
	 * earlier one found. Three plain index lookups that both engines plan once and keep, sorted here:
	 * one UNION ALL of them sorted in SQL was planned by PostgreSQL at every run (1-2 ms: a generic
	 * plan for it read the whole table) and had SQLite copy every row into its sorter. */
	static const struct { const char *sql, *types; } sql[] = {
		{ "SELECT id, name, rev, title, wg_state, updated, wg_care FROM document WHERE group_acronym = ?", "s" },
		{ "SELECT id, name, rev, title, wg_state, updated, wg_care FROM document WHERE wg = ? AND wg <> '' AND "
		    "group_acronym <> ?", "ss" },
		{ "SELECT d.id, d.name, d.rev, d.title, d.wg_state, d.updated, d.wg_care FROM doc_name_word w JOIN document d ON "
		    "d.id = w.document_id WHERE w.word = ? AND d.group_acronym <> ? AND d.wg <> ?", "sss" },
	};
	struct open_call *calls = NULL;
	struct db_stmt *st;
	size_t capo = 0, capr = 0, capc = 0, ncalls = 0, q;
	char stale[ISO_TIME_LEN];
	int rc;

	*out = *rel = NULL;
	*n = *nrel = 0;
	time_iso(stale, c->now - (time_t)config_int(c->cfg, CFG_WG_STALE_DAYS) * 86400);
	/* The open calls (few at any time: each runs a couple of weeks), to mark the documents they are for. */
	if ((st = db_query(c->db, e, "SELECT document_id, ends FROM wg_call WHERE state = 'open'", "")) == NULL)
		return -1;
	while ((rc = db_step(st, e)) == 1) {
		if ((calls = arena_grow(c->a, calls, ncalls, &capc, sizeof(*calls))) == NULL) {
			db_done(st);
			return err_set(e, 500, "memory", "Out of memory.");
		}
		calls[ncalls].doc = db_col_int(st, 0);
		calls[ncalls++].ends = arena_strdup(c->a, db_col_text(st, 1));
	}
	if (rc == -1)
		return -1;
	db_done(st);
	if (ncalls > 1)
		qsort(calls, ncalls, sizeof(*calls), open_call_cmp);
	for (q = 0; q < sizeof(sql) / sizeof(sql[0]); q++) {
		if ((st = db_query(c->db, e, sql[q].sql, sql[q].types, group, group, group)) == NULL)
			return -1;
		while ((rc = db_step(st, e)) == 1) {
			struct open_call key = { .doc = db_col_int(st, 0) }, *call;
			const char *state = db_col_text(st, 4);
			int candidate = strcmp(state, "wg-cand") == 0 || strcmp(state, "c-adopt") == 0 || db_col_int(st, 6);
			/* The group's own and adopted drafts in a WG state are its documents; the rest (no state
			 * yet, candidates, drafts it cares for, drafts named for it) are related. */
			struct wg_listing **v = q < 2 && !candidate && state[0] ? out : rel;
			size_t *nv = v == out ? n : nrel, *cap = v == out ? &capo : &capr;
			struct wg_listing *x;
			if ((*v = arena_grow(c->a, *v, *nv, cap, sizeof(**v))) == NULL) {
				db_done(st);
				return err_set(e, 500, "memory", "Out of memory.");
			}
			x = &(*v)[(*nv)++];
			x->name = arena_strdup(c->a, db_col_text(st, 1));
			x->rev = arena_strdup(c->a, db_col_text(st, 2));
			x->title = arena_strdup(c->a, db_col_text(st, 3));
			x->state = arena_strdup(c->a, state);
			x->rank = wg_state_rank(state);	/* once a row, not at every comparison of the sort */
			x->updated = arena_strdup(c->a, db_col_text(st, 5));
			x->wg_care = (int)db_col_int(st, 6);
			call = ncalls ? bsearch(&key, calls, ncalls, sizeof(*calls), open_call_cmp) : NULL;
			x->call_ends = call ? call->ends : "";
			x->stalled = strcmp(state, "wg-doc") == 0 && strcmp(x->updated, stale) < 0;
		}
		if (rc == -1)
			return -1;
		db_done(st);
	}
	if (*n > 1)
		qsort(*out, *n, sizeof(**out), listing_cmp);
	if (*nrel > 1)
		qsort(*rel, *nrel, sizeof(**rel), listing_cmp);
	return 0;
}

/* ---- reminders ---- */

int
wgd_remind(struct db *db, const struct config *cfg, const struct mail_ctx *mail, time_t now, int *sent, struct err *e)
{
	struct arena a;
	struct user sys;
	struct wgd_ctx c;
	struct db_stmt *st;
	struct { int64_t id; const char *doc, *group, *kind, *ends; } v[200];
	size_t nv = 0, i;
	char today[ISO_TIME_LEN];
	int rc, ret = -1;

	*sent = 0;
	memset(&sys, 0, sizeof(sys));
	arena_init(&a, 0);
	memset(&c, 0, sizeof(c));
	c.db = db;
	c.a = &a;
	c.cfg = cfg;
	c.mail = mail;
	c.user = &sys;
	c.now = now;
	time_iso(today, now);
	today[10] = '\0';
	if ((st = db_query(db, e, "SELECT w.id, d.name, w.group_acronym, w.kind, w.ends FROM wg_call w JOIN document d ON d.id = "
	    "w.document_id WHERE w.state = 'open' AND w.reminded = 0 AND w.ends <= ? ORDER BY w.id LIMIT 200", "s", today)) == NULL)
		goto out;
	while ((rc = db_step(st, e)) == 1) {
		v[nv].id = db_col_int(st, 0);
		v[nv].doc = arena_strdup(&a, db_col_text(st, 1));
		v[nv].group = arena_strdup(&a, db_col_text(st, 2));
		v[nv].kind = arena_strdup(&a, db_col_text(st, 3));
		v[nv].ends = arena_strdup(&a, db_col_text(st, 4));
		nv++;
	}
	if (rc == -1)
		goto out;
	db_done(st);
	for (i = 0; i < nv; i++) {
		struct mail_rcpts to = { .n = 0 };
		if (db_begin(db, e) == -1)
			goto out;
		/* Claimed by the conditional update: two processes never both remind. */
		if (db_run(db, e, "UPDATE wg_call SET reminded = 1 WHERE id = ? AND reminded = 0", "i", v[i].id) == -1)
			goto fail;
		if (db_changes(db) == 0) {
			db_rollback(db);
			continue;
		}
		if ((st = db_query(db, e, "SELECT p.name, r.email FROM role r JOIN person p ON p.id = r.person_id JOIN grp g ON g.id = "
		    "r.group_id WHERE g.acronym = ? AND r.name IN ('chair','secr','delegate')", "s", v[i].group)) == NULL)
			goto fail;
		while ((rc = db_step(st, e)) == 1)
			mail_rcpts_add(&to, arena_strdup(&a, db_col_text(st, 0)), arena_strdup(&a, db_col_text(st, 1)));
		if (rc == -1)
			goto fail;
		db_done(st);
		{
			struct mail_field f[] = {
				{ "draft", v[i].doc }, { "kind", v[i].kind }, { "group", v[i].group }, { "ends", v[i].ends },
				{ "url", arena_printf(&a, "%s/doc/%s/", mail ? mail->site : config_str(cfg, CFG_BASE_URL), v[i].doc) },
			};
			if (queue(&c, v[i].doc, TPL_WG_CALL_ENDED, f, sizeof(f) / sizeof(f[0]), &to, e) == -1 ||
			    event_add(db, e, 0, "document", v[i].doc, "call_ended", arena_printf(&a, "The call for %s ended on %s; "
			    "the chairs were reminded to judge it", v[i].kind, v[i].ends)) == -1)
				goto fail;
		}
		if (db_commit(db, e) == -1)
			goto out;
		(*sent)++;
	}
	ret = 0;
	goto out;
fail:
	db_rollback(db);
out:
	arena_release(&a);
	return ret;
}

/* ---- replaces (A7) and competing drafts (A11) ---- */

static int
doc_id_of(struct wgd_ctx *c, const char *name, int64_t *id, struct err *e)
{
	int rc = db_int(c->db, e, id, "SELECT id FROM document WHERE name = ?", "s", name ? name : "");

	if (rc == 0)
		return err_set(e, 404, "document", "There is no Internet-Draft named %.80s here.", name ? name : "");
	return rc == 1 ? 0 : -1;
}

int
wgd_replaces(struct wgd_ctx *c, const char *name, const char *op, const char *other, struct err *e)
{
	struct wgdoc d;
	int64_t target, n;
	const char *now = now_iso(c);

	if (wgd_load(c, name, &d, e) == -1)
		return -1;
	if (d.group == NULL || !wgd_may(c, d.group))
		return err_set(e, 403, "perm", "Only the working group's chairs, its Area Directors and the Secretariat change what "
		    "its documents replace.");
	if (doc_id_of(c, other, &target, e) == -1)
		return -1;
	if (target == d.id)
		return err_set(e, 400, "replaces", "A draft cannot replace itself.");
	if (db_begin(c->db, e) == -1)
		return -1;
	if (strcmp(op, "accept") == 0 || strcmp(op, "add") == 0) {
		if (strcmp(op, "accept") == 0) {
			if (db_run(c->db, e, "DELETE FROM doc_relation WHERE source_id = ? AND target_id = ? AND kind = 'possibly-replaces'",
			    "ii", d.id, target) == -1)
				goto fail;
			if (db_changes(c->db) == 0) {
				err_set(e, 404, "replaces", "%s suggests no replacement of %s.", name, other);
				goto fail;
			}
		}
		if (db_run(c->db, e, "INSERT INTO doc_relation (source_id, target_id, kind, created) VALUES (?, ?, 'replaces', ?) "
		    "ON CONFLICT DO NOTHING", "iis", d.id, target, now) == -1 ||
		    db_run(c->db, e, "UPDATE document SET state = 'repl', updated = ? WHERE id = ?", "si", now, target) == -1 ||
		    ev(c, name, "replaces", e, "This document now replaces %s%s", other, strcmp(op, "accept") == 0 ?
		    " (a suggestion accepted by the chairs)" : "") == -1 ||
		    ev(c, other, "replaced", e, "Replaced by %s", name) == -1)
			goto fail;
	} else if (strcmp(op, "reject") == 0) {
		if (db_run(c->db, e, "DELETE FROM doc_relation WHERE source_id = ? AND target_id = ? AND kind = 'possibly-replaces'",
		    "ii", d.id, target) == -1)
			goto fail;
		if (db_changes(c->db) == 0) {
			err_set(e, 404, "replaces", "%s suggests no replacement of %s.", name, other);
			goto fail;
		}
		if (ev(c, name, "replaces", e, "Suggested replacement of %s rejected by the chairs", other) == -1)
			goto fail;
	} else if (strcmp(op, "remove") == 0) {
		if (db_run(c->db, e, "DELETE FROM doc_relation WHERE source_id = ? AND target_id = ? AND kind = 'replaces'", "ii", d.id,
		    target) == -1)
			goto fail;
		if (db_changes(c->db) == 0) {
			err_set(e, 404, "replaces", "%s does not replace %s.", name, other);
			goto fail;
		}
		/* The chain stays consistent: the target is active again unless something else still replaces it. */
		if (db_int(c->db, e, &n, "SELECT count(*) FROM doc_relation WHERE target_id = ? AND kind = 'replaces'", "i", target) == -1 ||
		    (n == 0 && db_run(c->db, e, "UPDATE document SET state = 'active', updated = ? WHERE id = ? AND state = 'repl'", "si",
		    now, target) == -1) ||
		    ev(c, name, "replaces", e, "This document no longer replaces %s", other) == -1 ||
		    ev(c, other, "replaced", e, "No longer replaced by %s%s", name, n ? "" : "; active again") == -1)
			goto fail;
	} else {
		err_set(e, 400, "replaces", "Say add, remove, accept or reject.");
		goto fail;
	}
	return db_commit(c->db, e);
fail:
	db_rollback(c->db);
	return -1;
}

int
wgd_compete(struct wgd_ctx *c, const char *name, const char *other, struct err *e)
{
	struct wgdoc d;
	int64_t b;

	if (wgd_load(c, name, &d, e) == -1)
		return -1;
	if (d.group == NULL || !wgd_may(c, d.group))
		return err_set(e, 403, "perm", "Only the working group's chairs link competing drafts.");
	if (doc_id_of(c, other, &b, e) == -1)
		return -1;
	if (b == d.id)
		return err_set(e, 400, "compete", "A draft does not compete with itself.");
	if (db_begin(c->db, e) == -1)
		return -1;
	if (db_run(c->db, e, "INSERT INTO doc_competing (a_id, b_id, created) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", "iis",
	    d.id < b ? d.id : b, d.id < b ? b : d.id, now_iso(c)) == -1 ||
	    ev(c, name, "competing", e, "Linked as competing with %s (RFC 7221bis section 5.3)", other) == -1 ||
	    ev(c, other, "competing", e, "Linked as competing with %s", name) == -1) {
		db_rollback(c->db);
		return -1;
	}
	return db_commit(c->db, e);
}

int
wgd_competitors(struct wgd_ctx *c, const char *name, const char ***out, size_t *n, struct err *e)
{
	struct db_stmt *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((st = db_query(c->db, e, "SELECT o.name FROM document d JOIN doc_competing k ON k.a_id = d.id OR k.b_id = d.id JOIN "
	    "document o ON o.id = CASE WHEN k.a_id = d.id THEN k.b_id ELSE k.a_id END WHERE d.name = ? ORDER BY o.name", "s",
	    name)) == NULL)
		return -1;
	while ((rc = db_step(st, e)) == 1) {
		if ((*out = arena_grow(c->a, *out, *n, &cap, sizeof(**out))) == NULL) {
			db_done(st);
			return err_set(e, 500, "memory", "Out of memory.");
		}
		(*out)[(*n)++] = arena_strdup(c->a, db_col_text(st, 0));
	}
	if (rc == -1)
		return -1;
	db_done(st);
	return 0;
}

/* ---- association (A1), WG care (A9) and the WG's own transitions (A12) ---- */

int
wgd_care(struct wgd_ctx *c, const char *name, int on, struct err *e)
{
	struct wgdoc d;

	if (wgd_load(c, name, &d, e) == -1)
		return -1;
	if (d.group == NULL || !wgd_may(c, d.group))
		return err_set(e, 403, "perm", "Only the working group's chairs put an individual draft under its care.");
	if (strncmp(name, "draft-ietf-", 11) == 0)
		return err_set(e, 400, "care", "A WG draft is the WG's already; \"WG care\" is for individual drafts (RFC 7221bis 5.1).");
	if (db_begin(c->db, e) == -1)
		return -1;
	if (db_run(c->db, e, "UPDATE document SET wg_care = ?, wg = CASE WHEN wg = '' THEN ? ELSE wg END, updated = ? WHERE id = ?",
	    "dssi", on, d.group, now_iso(c), d.id) == -1 ||
	    ev(c, name, "wg_care", e, on ? "Under the care of the %s working group (an individual draft)" :
	    "No longer under the care of the %s working group", d.group) == -1) {
		db_rollback(c->db);
		return -1;
	}
	return db_commit(c->db, e);
}

int
wgd_associate(struct wgd_ctx *c, const char *name, const char *group, struct err *e)
{
	struct wgdoc d;

	if (wgd_load(c, name, &d, e) == -1)
		return -1;
	if (group == NULL || !group_is_wg(c, group))
		return err_set(e, 400, "group", "Name the working group to associate the draft with.");
	if (!wgd_may(c, group))
		return err_set(e, 403, "perm", "Only the chairs of %s, its Area Directors and the Secretariat associate drafts with it.",
		    group);
	if (strncmp(name, "draft-ietf-", 11) == 0)
		return err_set(e, 400, "group", "A draft-ietf-<wg>-... belongs to its WG by its name.");
	if (db_begin(c->db, e) == -1)
		return -1;
	if (db_run(c->db, e, "UPDATE document SET wg = ?, updated = ? WHERE id = ?", "ssi", group, now_iso(c), d.id) == -1 ||
	    ev(c, name, "associated", e, "Associated with the %s working group", group) == -1) {
		db_rollback(c->db);
		return -1;
	}
	return db_commit(c->db, e);
}

const char *
wgd_next_states(struct wgd_ctx *c, const char *group, const char *state)
{
	struct err e = { 0 };
	struct db_stmt *st;
	const struct wg_state_row *s = wg_state_get(state);
	const char *out = s ? s->next : "wg-cand";

	if (group && (st = db_query(c->db, &e, "SELECT next_states FROM wg_transition WHERE group_acronym = ? AND from_state = ?",
	    "ss", group, state ? state : "")) != NULL) {
		if (db_step(st, &e) == 1)
			out = arena_strdup(c->a, db_col_text(st, 0));
		db_done(st);
	}
	return out;
}

int
wgd_set_transitions(struct wgd_ctx *c, const char *group, const char *from, const char *next, struct err *e)
{
	char *copy, *tok, *save = NULL;

	if (group == NULL || !group_is_wg(c, group))
		return err_set(e, 400, "group", "Name the working group.");
	if (!wgd_may(c, group))
		return err_set(e, 403, "perm", "Only the chairs of %s, its Area Directors and the Secretariat change its workflow.",
		    group);
	if (from == NULL || wg_state_get(from) == NULL)
		return err_set(e, 400, "state", "Name the state whose next states you set.");
	copy = arena_strdup(c->a, next ? next : "");
	for (tok = strtok_r(copy, " ,", &save); tok; tok = strtok_r(NULL, " ,", &save))
		if (wg_state_get(tok) == NULL)
			return err_set(e, 400, "state", "\"%.40s\" is not an IETF WG state.", tok);
	if (db_begin(c->db, e) == -1)
		return -1;
	if (db_run(c->db, e, "DELETE FROM wg_transition WHERE group_acronym = ? AND from_state = ?", "ss", group, from) == -1 ||
	    (next && next[0] && db_run(c->db, e, "INSERT INTO wg_transition (group_acronym, from_state, next_states) VALUES (?, ?, ?)",
	    "sss", group, from, next) == -1) ||
	    event_add(c->db, e, me(c), "group", group, "workflow", arena_printf(c->a, "Next states after %s: %s", from,
	    next && next[0] ? next : "(the defaults)")) == -1) {
		db_rollback(c->db);
		return -1;
	}
	return db_commit(c->db, e);
}
