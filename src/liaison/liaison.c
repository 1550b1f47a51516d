/* liaison.c: the liaison office's decisions; see liaison.h. Who approves what is the seed's
 * (000 section 4; DATATRACKER.md 1.7): the IETF Chair for the IETF, the IAB Chair for the IAB, the ADs
 * for an area and for a WG of that area, and always the Secretariat; an outgoing statement needs an
 * approver of every From group. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

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
#include "../http/form.h"
#include "../mail/mail_in.h"
#include "../mail/mime.h"
#include "../mail/outbox.h"
#include "../wg/group.h"
#include "liaison.h"

#define TITLE_MAX	300
#define BODY_MAX	(1u << 20)
#define CONTACTS_MAX	4000
#define GROUPS_MAX	20

const char *const li_state_slugs[LI__MAX] = { "moderation", "pending", "approved", "posted", "dead" };
const char *const li_state_names[LI__MAX] = { "Awaiting moderation", "Pending", "Approved", "Posted", "Dead" };

/* The one transition table (DATATRACKER.md 1.5, plus moderation for the public): where each state may go. */
#define LB(s)	(1u << (s))
static const unsigned li_next[LI__MAX] = {
	[LI_MODERATION] = LB(LI_APPROVED) | LB(LI_DEAD),	/* a moderator accepts (then posts) or refuses */
	[LI_PENDING] = LB(LI_APPROVED) | LB(LI_POSTED) | LB(LI_DEAD),
	[LI_APPROVED] = LB(LI_POSTED),
	[LI_POSTED] = 0,					/* no withdrawal: tracking goes on (L10) */
	[LI_DEAD] = LB(LI_PENDING),				/* resurrect, or edit and resubmit (L13) */
};

/* 1 when a statement may move from one state to the other. */
static int
li_can_move(enum li_state from, enum li_state to)
{
	return (li_next[from] & LB(to)) != 0;
}

const struct li_purpose li_purposes[4] = {
	{ "action", "For action", 1 },
	{ "comment", "For comment", 1 },
	{ "info", "For information", 0 },
	{ "response", "In response", 0 },
};

const struct li_purpose *
li_purpose_get(const char *slug)
{
	size_t i;

	for (i = 0; slug && i < 4; i++)
		if (strcmp(li_purposes[i].slug, slug) == 0)
			return &li_purposes[i];
	return NULL;
}

static int
oom(struct err *e)
{
	return err_set(e, 500, "memory", "Out of memory.");
}

static const char *
now_iso(struct li_ctx *c)
{
	char t[ISO_TIME_LEN];

	time_iso(t, c->now);
	return arena_strdup(c->a, t);
}

static const char *
today(struct li_ctx *c)
{
	return arena_printf(c->a, "%.10s", now_iso(c));
}

static int64_t
me(const struct li_ctx *c)
{
	return c->user ? c->user->person_id : 0;
}

static int
ev(struct li_ctx *c, int64_t id, const char *verb, struct err *e, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static int
ev(struct li_ctx *c, int64_t id, const char *verb, struct err *e, const char *fmt, ...)
{
	char detail[1000];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	return event_add(c->db, e, me(c), "liaison", arena_printf(c->a, "%lld", (long long)id), verb, detail);
}

/* ---- people and roles ---- */

static int
is_secretariat(const struct li_ctx *c)
{
	return perm_allows(c->user, PERM_SUBMIT_MANUAL, NULL);
}

static int
has_role(const struct li_ctx *c, const char *role, const char *group)
{
	size_t i;

	if (c->user == NULL)
		return 0;
	for (i = 0; i < c->user->nroles; i++)
		if (strcmp(c->user->roles[i].role, role) == 0 && (group == NULL || strcmp(c->user->roles[i].group, group) == 0))
			return 1;
	return 0;
}

static int
is_coordinator(const struct li_ctx *c)
{
	return has_role(c, "liaison_coordinator", "iab");
}

/* The approver rule for one From group of an outgoing statement. */
static int
approves_for(struct li_ctx *c, const struct li_group *g)
{
	if (is_secretariat(c))
		return 1;
	if (strcmp(g->type, "ietf") == 0)
		return has_role(c, "chair", "ietf");
	if (strcmp(g->type, "iab") == 0)
		return has_role(c, "chair", "iab");
	if (strcmp(g->type, "area") == 0)
		return has_role(c, "ad", g->acronym);
	if (strcmp(g->type, "wg") == 0) {
		const char *area = group_parent_acronym(c->db, c->a, g->acronym);
		return area != NULL && has_role(c, "ad", area);
	}
	return 0;	/* the IESG and others: the Secretariat only */
}

static int
approves_all(struct li_ctx *c, const struct liaison *l)
{
	size_t i;

	if (l->nfrom == 0)
		return is_secretariat(c);
	for (i = 0; i < l->nfrom; i++)
		if (!approves_for(c, &l->from[i]))
			return 0;
	return 1;
}

/* People in a role of a group: "Name <addr>" appended to b, comma-separated. */
static int
role_people(struct li_ctx *c, const char *role, const char *acronym, struct buf *b, int64_t *first, struct err *e)
{
	struct db_stmt *st;
	int rc;

	if ((st = db_query(c->db, e, "SELECT p.name, r.email, p.id FROM role r JOIN person p ON p.id = r.person_id JOIN grp g "
	    "ON g.id = r.group_id WHERE g.acronym = ? AND r.name = ? ORDER BY p.name", "ss", acronym, role)) == NULL)
		return -1;
	while ((rc = db_step(st, e)) == 1) {
		if (first && *first == 0)
			*first = db_col_int(st, 2);
		buf_printf(b, "%s%s <%s>", b->len ? ", " : "", db_col_text(st, 0), db_col_text(st, 1));
	}
	if (rc == -1)
		return -1;
	db_done(st);
	return 0;
}

/* ---- contacts ---- */

/* A list of mailboxes ("Name <a@b>", "a@b"), comma- or newline-separated: each must be an address,
 * with no CR/LF or control characters (mail headers are built from them). Returns the normalised
 * comma-separated list, or NULL with e. */
static const char *
contacts(struct li_ctx *c, const char *label, const char *in, int required, struct err *e)
{
	struct buf b;
	char *copy, *tok, *save = NULL;
	struct mail_addr ad;
	int n = 0;

	if (in == NULL)
		in = "";
	if (strlen(in) > CONTACTS_MAX)
		return err_set(e, 400, "contacts", "%s is too long (at most %d characters).", label, CONTACTS_MAX), NULL;
	buf_init(&b, c->a, 0);
	copy = arena_strdup(c->a, in);
	for (tok = strtok_r(copy, ",\r\n", &save); tok; tok = strtok_r(NULL, ",\r\n", &save)) {
		while (*tok == ' ' || *tok == '\t')
			tok++;
		if (*tok == '\0')
			continue;
		if (mail_addr_parse(c->a, tok, &ad) == -1 || !idt_email_valid(ad.email))
			return err_set(e, 400, "contacts", "%s: \"%.80s\" is not an e-mail address.", label, tok), NULL;
		buf_printf(&b, "%s%s", n++ ? ", " : "", tok);
	}
	if (required && n == 0)
		return err_set(e, 400, "contacts", "%s: give at least one e-mail address.", label), NULL;
	return buf_cstr(&b);
}

static int
line_ok(const char *s, size_t max)
{
	return s != NULL && s[0] != '\0' && strlen(s) <= max && idt_text_valid(s, strlen(s), 0);
}

static int
date_ok(const char *s)
{
	time_t t;

	return s != NULL && strlen(s) == 10 && time_parse_iso(s, &t) == 0;
}

/* ---- loading ---- */

#define LI_COLS "l.id, l.direction, l.state, l.title, l.body, l.purpose, l.deadline, l.from_contact, l.to_contacts, " \
	"l.cc_contacts, l.response_contacts, l.technical_contacts, l.action_holder_contacts, l.other_identifiers, " \
	"l.submitted, l.created, l.updated, coalesce(l.posted_at, ''), l.tracking, l.assignee_group, l.lead_group, " \
	"coalesce(l.replied_at, ''), coalesce(l.submitter_person, 0), coalesce(l.assignee_person, 0), " \
	"coalesce(ap.name, ''), coalesce(ae.address, ''), l.from_org, l.confirmed"
#define LI_FROM "FROM liaison l LEFT JOIN person ap ON ap.id = l.assignee_person " \
	"LEFT JOIN email ae ON ae.person_id = l.assignee_person AND ae.is_primary = 1"

static void
li_from_row(struct arena *a, struct db_stmt *st, struct liaison *l)
{
	int k;

	memset(l, 0, sizeof(*l));
	l->id = db_col_int(st, 0);
	l->direction = arena_strdup(a, db_col_text(st, 1));
	for (k = 0; k < LI__MAX; k++)
		if (strcmp(li_state_slugs[k], db_col_text(st, 2)) == 0)
			l->state = (enum li_state)k;
	l->title = arena_strdup(a, db_col_text(st, 3));
	l->body = arena_strdup(a, db_col_text(st, 4));
	l->purpose = arena_strdup(a, db_col_text(st, 5));
	l->deadline = arena_strdup(a, db_col_text(st, 6));
	l->from_contact = arena_strdup(a, db_col_text(st, 7));
	l->to_contacts = arena_strdup(a, db_col_text(st, 8));
	l->cc_contacts = arena_strdup(a, db_col_text(st, 9));
	l->response_contacts = arena_strdup(a, db_col_text(st, 10));
	l->technical_contacts = arena_strdup(a, db_col_text(st, 11));
	l->action_holder_contacts = arena_strdup(a, db_col_text(st, 12));
	l->other_identifiers = arena_strdup(a, db_col_text(st, 13));
	l->submitted = arena_strdup(a, db_col_text(st, 14));
	l->created = arena_strdup(a, db_col_text(st, 15));
	l->updated = arena_strdup(a, db_col_text(st, 16));
	l->posted_at = arena_strdup(a, db_col_text(st, 17));
	l->tracking = arena_strdup(a, db_col_text(st, 18));
	l->assignee_group = arena_strdup(a, db_col_text(st, 19));
	l->lead_group = arena_strdup(a, db_col_text(st, 20));
	l->replied_at = arena_strdup(a, db_col_text(st, 21));
	l->submitter_person = db_col_int(st, 22);
	l->assignee_person = db_col_int(st, 23);
	l->assignee_name = arena_strdup(a, db_col_text(st, 24));
	l->assignee_email = arena_strdup(a, db_col_text(st, 25));
	l->from_org = arena_strdup(a, db_col_text(st, 26));
	l->confirmed = (int)db_col_int(st, 27);
}

static int
id_cmp(const void *a, const void *b)
{
	const struct liaison *const *x = a, *const *y = b;

	return (*x)->id < (*y)->id ? -1 : (*x)->id > (*y)->id;
}

/* The groups of statements v[0..n): one statement's (load) or every statement of a list in one query
 * (the ids go as one JSON array), rather than one query per row: on PostgreSQL each is a round trip, and 200 of them were most of the liaison
 * list's time. json_each is SQLite's; pg.c spells it json_array_elements_text. */
static int
load_groups_many(struct li_ctx *c, struct liaison *v, size_t n, struct err *e)
{
	struct liaison **by = NULL, key, *kp = &key, **hit;
	size_t i, *capf = NULL, *capt = NULL;
	struct db_stmt *st;
	struct buf ids;
	int rc;

	if (n == 0)
		return 0;
	if ((by = arena_alloc(c->a, n * sizeof(*by))) == NULL || (capf = arena_alloc(c->a, n * sizeof(*capf))) == NULL ||
	    (capt = arena_alloc(c->a, n * sizeof(*capt))) == NULL)
		return oom(e);
	buf_init(&ids, c->a, 0);
	buf_putc(&ids, '[');
	for (i = 0; i < n; i++) {
		by[i] = &v[i];
		capf[i] = capt[i] = 0;
		v[i].from = v[i].to = NULL;
		v[i].nfrom = v[i].nto = 0;
		buf_printf(&ids, "%s%lld", i ? "," : "", (long long)v[i].id);
	}
	buf_putc(&ids, ']');
	if (ids.failed)
		return oom(e);
	qsort(by, n, sizeof(*by), id_cmp);
	if ((st = db_query(c->db, e, LI_GROUPS_SQL, "s", buf_cstr(&ids))) == NULL)
		return -1;
	while ((rc = db_step(st, e)) == 1) {
		int from = strcmp(db_col_text(st, 1), "from") == 0;
		struct liaison *l;
		struct li_group **g;
		size_t *ng, *cap;
		key.id = db_col_int(st, 0);
		if ((hit = bsearch(&kp, by, n, sizeof(*by), id_cmp)) == NULL)
			continue;
		l = *hit;
		g = from ? &l->from : &l->to;
		ng = from ? &l->nfrom : &l->nto;
		cap = from ? &capf[l - v] : &capt[l - v];
		if ((*g = arena_grow(c->a, *g, *ng, cap, sizeof(**g))) == NULL) {
			db_done(st);
			return oom(e);
		}
		(*g)[*ng].id = db_col_int(st, 2);
		(*g)[*ng].acronym = arena_strdup(c->a, db_col_text(st, 3));
		(*g)[*ng].name = arena_strdup(c->a, db_col_text(st, 4));
		(*g)[*ng].type = arena_strdup(c->a, db_col_text(st, 5));
		(*g)[*ng].list_email = arena_strdup(c->a, db_col_text(st, 6));
		(*ng)++;
	}
	if (rc == -1)
		return -1;
	db_done(st);
	return 0;
}

static int
load_details(struct li_ctx *c, struct liaison *l, struct err *e)
{
	struct db_stmt *st;
	size_t cap = 0;
	int rc;

	if ((st = db_query(c->db, e, "SELECT x.id, x.title, 0, x.state FROM liaison_related r JOIN liaison x ON x.id = r.target_id "
	    "WHERE r.source_id = ? UNION ALL SELECT x.id, x.title, 1, x.state FROM liaison_related r JOIN liaison x "
	    "ON x.id = r.source_id WHERE r.target_id = ? ORDER BY 1", "ii", l->id, l->id)) == NULL)
		return -1;
	while ((rc = db_step(st, e)) == 1) {
		/* Related statements not yet posted stay out of sight like the statements themselves. */
		if (strcmp(db_col_text(st, 3), "posted") != 0 && !is_secretariat(c))
			continue;
		if ((l->rels = arena_grow(c->a, l->rels, l->nrels, &cap, sizeof(*l->rels))) == NULL) {
			db_done(st);
			return oom(e);
		}
		l->rels[l->nrels].id = db_col_int(st, 0);
		l->rels[l->nrels].title = arena_strdup(c->a, db_col_text(st, 1));
		l->rels[l->nrels].incoming = (int)db_col_int(st, 2);
		l->nrels++;
	}
	if (rc == -1)
		return -1;
	db_done(st);
	cap = 0;
	if ((st = db_query(c->db, e, "SELECT id, title, filename, content_type, url, created, size, removed FROM liaison_attachment "
	    "WHERE liaison_id = ? ORDER BY id", "i", l->id)) == NULL)
		return -1;
	while ((rc = db_step(st, e)) == 1) {
		struct li_attachment *x;
		if ((l->att = arena_grow(c->a, l->att, l->natt, &cap, sizeof(*l->att))) == NULL) {
			db_done(st);
			return oom(e);
		}
		x = &l->att[l->natt++];
		x->id = db_col_int(st, 0);
		x->title = arena_strdup(c->a, db_col_text(st, 1));
		x->filename = arena_strdup(c->a, db_col_text(st, 2));
		x->content_type = arena_strdup(c->a, db_col_text(st, 3));
		x->url = arena_strdup(c->a, db_col_text(st, 4));
		x->created = arena_strdup(c->a, db_col_text(st, 5));
		x->size = db_col_int(st, 6);
		x->removed = (int)db_col_int(st, 7);
	}
	if (rc == -1)
		return -1;
	db_done(st);
	return 0;
}

static int
load(struct li_ctx *c, int64_t id, struct liaison *l, struct err *e)
{
	struct db_stmt *st;
	int rc;

	if ((st = db_query(c->db, e, "SELECT " LI_COLS " " LI_FROM " WHERE l.id = ?", "i", id)) == NULL)
		return -1;
	if ((rc = db_step(st, e)) != 1) {
		if (rc == 0)
			db_done(st);
		return rc == 0 ? err_set(e, 404, "liaison", "There is no liaison statement %lld.", (long long)id) : -1;
	}
	li_from_row(c->a, st, l);
	db_done(st);
	if (load_groups_many(c, l, 1, e) == -1 || load_details(c, l, e) == -1)
		return -1;
	return 0;
}

/* ---- who may do what ---- */

static int
in_group_roles(struct li_ctx *c, const struct li_group *v, size_t n, const char *const *roles)
{
	size_t i, k;

	for (i = 0; i < n; i++)
		for (k = 0; roles[k]; k++)
			if (has_role(c, roles[k], v[i].acronym))
				return 1;
	return 0;
}

int
li_may(struct li_ctx *c, const struct liaison *l, enum li_action act)
{
	static const char *const trackers[] = { "chair", "secr", "ad", "liaiman", "auth", NULL };
	static const char *const sdo_roles[] = { "liaiman", "auth", NULL };
	int secr = is_secretariat(c), signed_in = c->user && c->user->person_id != 0;
	int mine = signed_in && l->submitter_person == c->user->person_id;

	switch (act) {
	case LA_VIEW:
		if (l->state == LI_POSTED)
			return 1;
		if (!signed_in)
			return 0;
		if (secr || mine)
			return 1;
		if (l->state == LI_MODERATION)
			return is_coordinator(c) && l->confirmed;
		return strcmp(l->direction, "outgoing") == 0 && approves_all(c, l);
	case LA_EDIT:
		if (!signed_in)
			return 0;
		if (secr)
			return 1;
		return mine && (l->state == LI_PENDING || l->state == LI_DEAD);
	case LA_APPROVE:
	case LA_KILL:
		if (l->state == LI_MODERATION)	/* L15: the moderators post or refuse */
			return signed_in && l->confirmed && (secr || is_coordinator(c));
		return signed_in && l->state == LI_PENDING && (secr || (strcmp(l->direction, "outgoing") == 0 &&
		    approves_all(c, l)));
	case LA_RESURRECT:
		return signed_in && l->state == LI_DEAD && (secr || (strcmp(l->direction, "outgoing") == 0 && approves_all(c, l)));
	case LA_MODERATE:
		return signed_in && l->state == LI_MODERATION && (secr || is_coordinator(c));
	case LA_TRACK:
		if (!signed_in || l->state != LI_POSTED)
			return 0;
		if (secr || is_coordinator(c) || (l->assignee_person && l->assignee_person == c->user->person_id))
			return 1;
		/* The addressed groups' leaders (a WG's ADs hold their role in its area), and the SDOs'
		 * liaison managers on either side. */
		if (in_group_roles(c, l->to, l->nto, trackers) || in_group_roles(c, l->from, l->nfrom, sdo_roles))
			return 1;
		{
			size_t i;
			for (i = 0; i < l->nto; i++)
				if (strcmp(l->to[i].type, "wg") == 0) {
					const char *area = group_parent_acronym(c->db, c->a, l->to[i].acronym);
					if (area != NULL && has_role(c, "ad", area))
						return 1;
				}
		}
		return 0;
	case LA_REPLY:
		if (!signed_in || l->state != LI_POSTED)
			return 0;
		return perm_allows(c->user, strcmp(l->direction, "incoming") == 0 ? PERM_LIAISON_ADD_OUTGOING :
		    PERM_LIAISON_ADD_INCOMING, NULL);
	}
	return 0;
}

int
li_get(struct li_ctx *c, int64_t id, struct liaison *l, struct err *e)
{
	if (load(c, id, l, e) == -1)
		return -1;
	if (!li_may(c, l, LA_VIEW))	/* not "forbidden": a pending statement does not exist for them */
		return err_set(e, 404, "liaison", "There is no liaison statement %lld.", (long long)id);
	return 0;
}

/* ---- group choices ---- */

static int
groups_where(struct li_ctx *c, const char *sql, const char *arg, struct li_group **out, size_t *n, size_t *cap,
    struct err *e)
{
	struct db_stmt *st;
	size_t i;
	int rc;

	if ((st = arg ? db_query(c->db, e, sql, "s", arg) : db_query(c->db, e, sql, "")) == NULL)
		return -1;
	while ((rc = db_step(st, e)) == 1) {
		int64_t id = db_col_int(st, 0);
		for (i = 0; i < *n; i++)
			if ((*out)[i].id == id)
				break;
		if (i < *n)
			continue;
		if ((*out = arena_grow(c->a, *out, *n, cap, sizeof(**out))) == NULL) {
			db_done(st);
			return oom(e);
		}
		(*out)[*n].id = id;
		(*out)[*n].acronym = arena_strdup(c->a, db_col_text(st, 1));
		(*out)[*n].name = arena_strdup(c->a, db_col_text(st, 2));
		(*out)[*n].type = arena_strdup(c->a, db_col_text(st, 3));
		(*out)[*n].list_email = arena_strdup(c->a, db_col_text(st, 4));
		(*n)++;
	}
	if (rc == -1)
		return -1;
	db_done(st);
	return 0;
}

#define G_COLS "SELECT g.id, g.acronym, g.name, g.type, g.list_email FROM grp g "
static const char SQL_INTERNAL[] = G_COLS "WHERE g.type IN ('ietf','iesg','iab','area','wg') AND g.state = 'active' "
	"ORDER BY CASE g.type WHEN 'ietf' THEN 0 WHEN 'iesg' THEN 1 WHEN 'iab' THEN 2 WHEN 'area' THEN 3 ELSE 4 END, g.acronym";
static const char SQL_SDOS[] = G_COLS "WHERE g.type = 'sdo' AND g.state = 'active' ORDER BY g.acronym";

int
li_group_choices(struct li_ctx *c, const char *direction, int from_side, struct li_group **out, size_t *n,
    struct err *e)
{
	int internal = (strcmp(direction, "outgoing") == 0) == (from_side != 0);
	size_t cap = 0, i;

	*out = NULL;
	*n = 0;
	if (c->user == NULL || c->user->person_id == 0)
		return 0;
	/* The To side: every group of the kind, except that someone who speaks only as an SDO's liaison
	 * manager (or authorized individual) addresses only their own SDO (DATATRACKER.md 1.6). */
	if (!from_side && internal)
		return groups_where(c, SQL_INTERNAL, NULL, out, n, &cap, e);
	if (!from_side) {
		int wide = is_secretariat(c) || is_coordinator(c);
		for (i = 0; !wide && i < c->user->nroles; i++) {
			const struct role_ref *r = &c->user->roles[i];
			wide = (strcmp(r->role, "ad") == 0 && strcmp(r->group_type, "area") == 0) ||
			    ((strcmp(r->role, "chair") == 0 || strcmp(r->role, "secr") == 0) && strcmp(r->group_type, "wg") == 0) ||
			    (strcmp(r->role, "chair") == 0 && (strcmp(r->group, "ietf") == 0 || strcmp(r->group, "iab") == 0)) ||
			    strcmp(r->role, "execdir") == 0;
		}
		if (wide)
			return groups_where(c, SQL_SDOS, NULL, out, n, &cap, e);
		for (i = 0; i < c->user->nroles; i++) {
			const struct role_ref *r = &c->user->roles[i];
			if ((strcmp(r->role, "liaiman") == 0 || strcmp(r->role, "auth") == 0) && strcmp(r->group_type, "sdo") == 0 &&
			    groups_where(c, G_COLS "WHERE g.acronym = ?", r->group, out, n, &cap, e) == -1)
				return -1;
		}
		return 0;
	}
	if (is_secretariat(c) || is_coordinator(c) || has_role(c, "chair", "ietf") ||
	    has_role(c, "chair", "iab") || has_role(c, "execdir", "iab") || (internal && has_role(c, "liaiman", NULL)))
		return groups_where(c, internal ? SQL_INTERNAL : SQL_SDOS, NULL, out, n, &cap, e);
	for (i = 0; i < c->user->nroles; i++) {
		const struct role_ref *r = &c->user->roles[i];
		if (internal && strcmp(r->role, "ad") == 0 && strcmp(r->group_type, "area") == 0) {
			if (groups_where(c, G_COLS "WHERE g.acronym IN ('ietf','iesg') OR g.acronym = ? ORDER BY g.type, g.acronym",
			    r->group, out, n, &cap, e) == -1 ||
			    groups_where(c, G_COLS "JOIN grp p ON p.id = g.parent_id WHERE p.acronym = ? AND g.state = 'active' "
			    "ORDER BY g.acronym", r->group, out, n, &cap, e) == -1)
				return -1;
		} else if (internal && (strcmp(r->role, "chair") == 0 || strcmp(r->role, "secr") == 0) &&
		    strcmp(r->group_type, "wg") == 0) {
			if (groups_where(c, G_COLS "WHERE g.acronym = ?", r->group, out, n, &cap, e) == -1)
				return -1;
		} else if (!internal && (strcmp(r->role, "liaiman") == 0 || strcmp(r->role, "auth") == 0) &&
		    strcmp(r->group_type, "sdo") == 0) {
			if (groups_where(c, G_COLS "WHERE g.acronym = ?", r->group, out, n, &cap, e) == -1)
				return -1;
		}
	}
	return 0;
}

/* ---- mail ---- */

static int
queue(struct li_ctx *c, int64_t id, enum mail_template t, const struct mail_field *f, size_t nf,
    const struct mail_rcpts *to, const struct mail_rcpts *cc, struct err *e)
{
	const char *subject;

	if (outbox_queue_rcpts(c->db, c->a, c->mail, t, f, nf, to, cc, "liaison", arena_printf(c->a, "%lld", (long long)id),
	    &subject, e) == -1)
		return -1;
	if (subject == NULL)	/* nothing queued */
		return 0;
	/* L17: mails out are part of the statement's history. */
	return ev(c, id, "msgout", e, "Mail to %s: %s", mail_rcpts_emails(c->a, to), subject);
}

static const char *
groups_text(struct li_ctx *c, const struct li_group *v, size_t n)
{
	struct buf b;
	size_t i;

	buf_init(&b, c->a, 0);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", strcmp(v[i].type, "wg") == 0 ? v[i].acronym : v[i].name);
	return buf_cstr(&b);
}

static const char *
site(struct li_ctx *c)
{
	return c->mail ? c->mail->site : config_str(c->cfg, CFG_BASE_URL);
}

static void
fields_of(struct li_ctx *c, const struct liaison *l, struct mail_field *f)
{
	const struct li_purpose *p = li_purpose_get(l->purpose);

	f[0] = (struct mail_field){ "title", l->title };
	f[1] = (struct mail_field){ "url", arena_printf(c->a, "%s/liaison/%lld/", site(c), (long long)l->id) };
	f[2] = (struct mail_field){ "from", groups_text(c, l->from, l->nfrom) };
	f[3] = (struct mail_field){ "to", groups_text(c, l->to, l->nto) };
	f[4] = (struct mail_field){ "purpose", p ? p->name : l->purpose };
	f[5] = (struct mail_field){ "deadline_line", l->deadline[0] ?
	    arena_printf(c->a, "Please reply by %s.", l->deadline) : "No reply is requested by a date." };
	f[6] = (struct mail_field){ "body", l->body[0] ? l->body : "(the content is in the attachments)" };
	f[7] = (struct mail_field){ "submitted", l->submitted };
	f[8] = (struct mail_field){ "from_contact", l->from_contact[0] ? l->from_contact : "(none)" };
	f[9] = (struct mail_field){ "site", site(c) };
}
#define NFIELDS 10

/* ---- posting (L4, L5) ---- */

/* The tracking assignee of a posted statement: the addressed group's chair or AD (incoming), or the
 * addressed SDO's liaison manager (outgoing). */
static int
assign_default(struct li_ctx *c, struct liaison *l, struct err *e)
{
	const struct li_group *g = l->nto ? &l->to[0] : NULL;
	struct buf b;
	int64_t who = 0;

	if (g == NULL)
		return 0;
	buf_init(&b, c->a, 0);
	if (strcmp(g->type, "wg") == 0 || strcmp(g->type, "rg") == 0)
		role_people(c, "chair", g->acronym, &b, &who, e);
	else if (strcmp(g->type, "area") == 0)
		role_people(c, "ad", g->acronym, &b, &who, e);
	else if (strcmp(g->type, "ietf") == 0 || strcmp(g->type, "iesg") == 0)
		role_people(c, "chair", "ietf", &b, &who, e);
	else if (strcmp(g->type, "iab") == 0)
		role_people(c, "chair", "iab", &b, &who, e);
	else if (strcmp(g->type, "sdo") == 0)
		role_people(c, "liaiman", g->acronym, &b, &who, e);
	l->assignee_person = who;
	l->assignee_group = g->acronym;
	l->lead_group = g->acronym;
	return db_run(c->db, e, "UPDATE liaison SET assignee_person = ?, assignee_group = ?, lead_group = ?, "
	    "tracking = 'action-required' WHERE id = ?", "nssi", who, g->acronym, g->acronym, l->id) == -1 ? -1 : 0;
}

static int fts_update(struct li_ctx *c, int64_t id, struct err *e);

static int
post_in_tx(struct li_ctx *c, struct liaison *l, int send, struct err *e)
{
	if (!li_can_move(l->state, LI_POSTED) && l->state != LI_POSTED)	/* posted again: a redirect re-announces */
		return err_set(e, 409, "state", "A statement that is %s cannot be posted.", li_state_names[l->state]);
	struct mail_rcpts to = { .n = 0 }, cc = { .n = 0 }, ack = { .n = 0 };
	struct mail_field f[NFIELDS + 2];
	struct buf b;
	size_t i;
	const char *now = now_iso(c);

	if (db_run(c->db, e, "UPDATE liaison SET state = 'posted', posted_at = ?, updated = ? WHERE id = ?", "ssi", now, now,
	    l->id) == -1 || ev(c, l->id, "posted", e, "Statement Posted") == -1 || assign_default(c, l, e) == -1 ||
	    fts_update(c, l->id, e) == -1)
		return -1;
	l->state = LI_POSTED;
	l->posted_at = now;
	/* A reply marks what it answers as replied (L7). */
	if (db_run(c->db, e, "UPDATE liaison SET replied_at = ?, tracking = CASE WHEN tracking = 'action-required' THEN "
	    "'action-taken' ELSE tracking END WHERE id IN (SELECT target_id FROM liaison_related WHERE source_id = ?)",
	    "si", now, l->id) == -1)
		return -1;
	if (!send)
		return 0;
	fields_of(c, l, f);
	/* L4: to the assignee and the addressed contacts; copying the technical contacts, the assignee's
	 * supervisor, the sending SDO's liaison manager and the addressed groups' lists. */
	buf_init(&b, c->a, 0);
	if (l->assignee_person) {
		struct db_stmt *st;
		if ((st = db_query(c->db, e, "SELECT p.name, e.address FROM person p JOIN email e ON e.person_id = p.id AND "
		    "e.is_primary = 1 WHERE p.id = ?", "i", l->assignee_person)) == NULL)
			return -1;
		if (db_step(st, e) == 1)
			buf_printf(&b, "%s <%s>", db_col_text(st, 0), db_col_text(st, 1));
		db_done(st);
	}
	mail_rcpts_add_list(c->a, &to, buf_cstr(&b));
	mail_rcpts_add_list(c->a, &to, l->to_contacts);
	mail_rcpts_add_list(c->a, &cc, l->technical_contacts);
	mail_rcpts_add_list(c->a, &cc, l->cc_contacts);
	mail_rcpts_add_list(c->a, &cc, l->response_contacts);
	for (i = 0; i < l->nto; i++) {
		struct buf sup;
		buf_init(&sup, c->a, 0);
		if (strcmp(l->to[i].type, "wg") == 0) {
			const char *area = group_parent_acronym(c->db, c->a, l->to[i].acronym);
			if (area && role_people(c, "ad", area, &sup, NULL, e) == -1)
				return -1;
		} else if (strcmp(l->to[i].type, "area") == 0 && role_people(c, "chair", "ietf", &sup, NULL, e) == -1)
			return -1;
		mail_rcpts_add_list(c->a, &cc, buf_cstr(&sup));
		if (l->to[i].list_email[0])
			mail_rcpts_add_list(c->a, &cc, l->to[i].list_email);
	}
	for (i = 0; i < l->nfrom; i++)
		if (strcmp(l->from[i].type, "sdo") == 0) {
			struct buf lm;
			buf_init(&lm, c->a, 0);
			if (role_people(c, "liaiman", l->from[i].acronym, &lm, NULL, e) == -1)
				return -1;
			mail_rcpts_add_list(c->a, &cc, buf_cstr(&lm));
		}
	f[NFIELDS] = (struct mail_field){ "assignee", l->assignee_name && l->assignee_name[0] ? l->assignee_name :
	    b.len ? buf_cstr(&b) : "the addressed group" };
	if (queue(c, l->id, TPL_LIAISON_POSTED, f, NFIELDS + 1, &to, &cc, e) == -1)
		return -1;
	/* L5: the sender's contacts are told it was recorded. */
	mail_rcpts_add_list(c->a, &ack, l->from_contact);
	mail_rcpts_add_list(c->a, &ack, l->response_contacts);
	return queue(c, l->id, TPL_LIAISON_ACK, f, NFIELDS, &ack, NULL, e);
}

/* ---- creating ---- */

static int
resolve_groups(struct li_ctx *c, const char **acr, size_t n, const char *side, struct li_group **out, struct err *e)
{
	size_t i, k, cap = 0, got = 0;

	*out = NULL;
	if (n == 0)
		return err_set(e, 400, "groups", "Name at least one %s group.", side);
	if (n > GROUPS_MAX)
		return err_set(e, 400, "groups", "Name at most %d %s groups.", GROUPS_MAX, side);
	for (i = 0; i < n; i++) {
		size_t before = got;
		if (groups_where(c, G_COLS "WHERE g.acronym = ?", acr[i], out, &got, &cap, e) == -1)
			return -1;
		if (got == before) {
			for (k = 0; k < got; k++)
				if (strcmp((*out)[k].acronym, acr[i]) == 0)
					break;
			if (k == got)
				return err_set(e, 400, "groups", "There is no group \"%.60s\" (%s).", acr[i], side);
		}
	}
	return (int)got;
}

static int
in_choices(const struct li_group *g, const struct li_group *ch, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ch[i].id == g->id)
			return 1;
	return 0;
}

/* Default contacts of a group (DATATRACKER.md 1.6, get_contacts_for_group): its liaison contacts, else
 * an area's ADs, a WG's chairs, the IETF or IAB chair, an SDO's liaison managers. */
static int
group_contacts(struct li_ctx *c, const struct li_group *g, struct buf *b, struct err *e)
{
	size_t before = b->len;

	if (role_people(c, "liaison_contact", g->acronym, b, NULL, e) == -1)
		return -1;
	if (b->len != before)
		return 0;
	if (strcmp(g->type, "area") == 0)
		return role_people(c, "ad", g->acronym, b, NULL, e);
	if (strcmp(g->type, "wg") == 0 || strcmp(g->type, "rg") == 0)
		return role_people(c, "chair", g->acronym, b, NULL, e);
	if (strcmp(g->type, "ietf") == 0 || strcmp(g->type, "iesg") == 0)
		return role_people(c, "chair", "ietf", b, NULL, e);
	if (strcmp(g->type, "iab") == 0)
		return role_people(c, "chair", "iab", b, NULL, e) == -1 ? -1 : role_people(c, "execdir", "iab", b, NULL, e);
	if (strcmp(g->type, "sdo") == 0)
		return role_people(c, "liaiman", g->acronym, b, NULL, e);
	return 0;
}

/* Default copies of a group (get_cc): the IETF Chair for the IETF and the IESG; the IAB Chair for the
 * IAB; the IETF Chair and the ADs for an area; the ADs, chairs and list of a WG; an SDO's liaison
 * managers; and the group's liaison cc contacts. */
static int
group_cc(struct li_ctx *c, const struct li_group *g, struct buf *b, struct err *e)
{
	if (role_people(c, "liaison_cc_contact", g->acronym, b, NULL, e) == -1)
		return -1;
	if (strcmp(g->type, "ietf") == 0 || strcmp(g->type, "iesg") == 0)
		return role_people(c, "chair", "ietf", b, NULL, e);
	if (strcmp(g->type, "iab") == 0)
		return role_people(c, "chair", "iab", b, NULL, e);
	if (strcmp(g->type, "area") == 0)
		return role_people(c, "chair", "ietf", b, NULL, e) == -1 ? -1 : role_people(c, "ad", g->acronym, b, NULL, e);
	if (strcmp(g->type, "wg") == 0) {
		const char *area = group_parent_acronym(c->db, c->a, g->acronym);
		if ((area && role_people(c, "ad", area, b, NULL, e) == -1) || role_people(c, "chair", g->acronym, b, NULL, e) == -1)
			return -1;
		if (g->list_email[0])
			buf_printf(b, "%s%s Discussion List <%s>", b->len ? ", " : "", g->name, g->list_email);
		return 0;
	}
	if (strcmp(g->type, "sdo") == 0)
		return role_people(c, "liaiman", g->acronym, b, NULL, e);
	return 0;
}

int
li_defaults(struct li_ctx *c, const char **from, size_t nfrom, const char **to, size_t nto, const char **to_contacts,
    const char **response_contacts, const char **cc, struct err *e)
{
	struct li_group *fg = NULL, *tg = NULL;
	struct buf bt, br, bc;
	int nf = 0, nt = 0, i;

	buf_init(&bt, c->a, 0);
	buf_init(&br, c->a, 0);
	buf_init(&bc, c->a, 0);
	if ((nfrom && (nf = resolve_groups(c, from, nfrom, "From", &fg, e)) == -1) ||
	    (nto && (nt = resolve_groups(c, to, nto, "To", &tg, e)) == -1))
		return -1;
	for (i = 0; i < nt; i++)
		if (group_contacts(c, &tg[i], &bt, e) == -1 || group_cc(c, &tg[i], &bc, e) == -1)
			return -1;
	for (i = 0; i < nf; i++)
		if (group_contacts(c, &fg[i], &br, e) == -1 || group_cc(c, &fg[i], &bc, e) == -1)
			return -1;
	*to_contacts = buf_cstr(&bt);
	*response_contacts = buf_cstr(&br);
	*cc = buf_cstr(&bc);
	return 0;
}

/* A new or edited statement, checked and normalised (L1-L3). */
struct checked {
	struct li_group		*from, *to;
	int			 nfrom, nto, outgoing;
	const struct li_purpose	*p;
	const char		*fc, *tc, *cc, *rc_, *tech, *ah, *body;
};

static int
check_new(struct li_ctx *c, const struct li_new *in, struct checked *k, struct err *e)
{
	struct li_group *ch;
	size_t nch, j;
	int i;

	memset(k, 0, sizeof(*k));
	k->body = in->body ? in->body : "";
	if (in->direction == NULL || (strcmp(in->direction, "incoming") != 0 && strcmp(in->direction, "outgoing") != 0))
		return err_set(e, 400, "direction", "The direction is incoming or outgoing.");
	k->outgoing = strcmp(in->direction, "outgoing") == 0;
	if (!perm_allows(c->user, k->outgoing ? PERM_LIAISON_ADD_OUTGOING : PERM_LIAISON_ADD_INCOMING, NULL))
		return err_set(e, 403, "perm", k->outgoing ? "Outgoing statements are entered by WG chairs and secretaries, Area "
		    "Directors, the IETF and IAB chairs, liaison managers and the Secretariat." : "Incoming statements are "
		    "entered by liaison managers, IAB liaison coordinators and the Secretariat (or by anyone through "
		    "/liaison/submit/, moderated).");
	if (!line_ok(in->title, TITLE_MAX))
		return err_set(e, 400, "title", "The title is required: one line, at most %d characters.", TITLE_MAX);
	if ((k->p = li_purpose_get(in->purpose)) == NULL)
		return err_set(e, 400, "purpose", "The purpose is action, comment, info or response.");
	if (k->p->deadline_required && (in->deadline == NULL || in->deadline[0] == '\0'))
		return err_set(e, 400, "deadline", "A statement %s needs a deadline.", k->p->name);
	if (in->deadline && in->deadline[0] && !date_ok(in->deadline))
		return err_set(e, 400, "deadline", "The deadline must be a date, YYYY-MM-DD.");
	if (strcmp(k->p->slug, "response") == 0 && in->nrelated == 0)
		return err_set(e, 400, "related", "A statement in response must name the statement it answers.");
	if (in->submitted && in->submitted[0] && !date_ok(in->submitted))
		return err_set(e, 400, "submitted", "The submission date must be a date, YYYY-MM-DD.");
	if (strlen(k->body) > BODY_MAX || !idt_text_valid(k->body, strlen(k->body), 1))
		return err_set(e, 400, "body", "The body is plain text of at most 1 MiB.");
	if (k->body[0] == '\0' && !in->body_in_attachment)
		return err_set(e, 400, "body", "Give the statement's text, or attach it (a body may be empty only with an "
		    "attachment).");
	if (in->other_identifiers && (strlen(in->other_identifiers) > 500 ||
	    !idt_text_valid(in->other_identifiers, strlen(in->other_identifiers), 0)))
		return err_set(e, 400, "identifiers", "The other identifiers are one line of at most 500 characters.");
	/* Contacts left empty get the groups' defaults (DATATRACKER.md 1.6), as the Datatracker's form fills them. */
	{
		const char *dto = NULL, *dresp = NULL, *dcc = NULL;
		int need = (in->to_contacts == NULL || in->to_contacts[0] == '\0') ||
		    (in->response_contacts == NULL || in->response_contacts[0] == '\0') ||
		    (in->cc_contacts == NULL || in->cc_contacts[0] == '\0');
		if (need && in->nto && in->nfrom && li_defaults(c, in->from_groups, in->nfrom, in->to_groups, in->nto, &dto, &dresp,
		    &dcc, e) == -1)
			return -1;
		if ((k->tc = contacts(c, "To contacts", in->to_contacts && in->to_contacts[0] ? in->to_contacts : dto, 1, e)) == NULL ||
		    (k->cc = contacts(c, "Cc", in->cc_contacts && in->cc_contacts[0] ? in->cc_contacts : dcc, 0, e)) == NULL ||
		    (k->rc_ = contacts(c, "Response contacts", in->response_contacts && in->response_contacts[0] ?
		    in->response_contacts : dresp, 0, e)) == NULL)
			return -1;
	}
	if ((k->fc = contacts(c, "From contact", in->from_contact, 1, e)) == NULL ||
	    (k->tech = contacts(c, "Technical contacts", in->technical_contacts, 0, e)) == NULL ||
	    (k->ah = contacts(c, "Action holder contacts", in->action_holder_contacts, 0, e)) == NULL)
		return -1;
	if ((k->nfrom = resolve_groups(c, in->from_groups, in->nfrom, "From", &k->from, e)) == -1 ||
	    (k->nto = resolve_groups(c, in->to_groups, in->nto, "To", &k->to, e)) == -1)
		return -1;
	/* L2, L3: the groups the person may speak for, and the right kinds on each side. */
	if (li_group_choices(c, in->direction, 1, &ch, &nch, e) == -1)
		return -1;
	for (i = 0; i < k->nfrom; i++)
		if (!in_choices(&k->from[i], ch, nch))
			return err_set(e, 403, "groups", "You may not send a statement from %s.", k->from[i].acronym);
	if (li_group_choices(c, in->direction, 0, &ch, &nch, e) == -1)
		return -1;
	for (i = 0; i < k->nto; i++) {
		int sdo = strcmp(k->to[i].type, "sdo") == 0;
		if (sdo != k->outgoing)
			return err_set(e, 400, "groups", "%s cannot be addressed by an %s statement.", k->to[i].acronym,
			    in->direction);
		if (!in_choices(&k->to[i], ch, nch))
			return err_set(e, 403, "groups", "You may not address %s: a liaison manager addresses only their own "
			    "organization.", k->to[i].acronym);
	}
	for (j = 0; j < in->nrelated; j++) {
		int64_t x;
		int r = db_int(c->db, e, &x, "SELECT id FROM liaison WHERE id = ? AND state = 'posted'", "i", in->related_to[j]);
		if (r == -1)
			return -1;
		if (r == 0)
			return err_set(e, 400, "related", "There is no posted liaison statement %lld to refer to.",
			    (long long)in->related_to[j]);
	}
	return 0;
}

/* A statement's search key, the rowid of its liaison_fts row (migration 010): 2^62 if it is closed,
 * plus its posting time in seconds times 2^30 (none before posting), plus its id. Rowid order is then
 * the list's order, newest first, within each of the two lists a search page shows: the current
 * statements (keys below SEARCH_CLOSED) and the archive (from it up). The archive is the upper range
 * because FTS5 walks a range newest first fast only if it can start inside or above its terms' rows:
 * an empty current range below every match of a common word cost 10 ms, the same range above them
 * 0.1 ms, and most words have current matches. SEARCH_ID is the statement's id back from a key. A
 * statement's key changes when it is posted and when it is closed (fts_update). pg.c spells the
 * strftime. */
#define SEARCH_KEY "CASE WHEN tracking = 'closed' THEN 4611686018427387904 ELSE 0 END + " \
	"coalesce(CAST(strftime('%s', posted_at) AS BIGINT), 0) * 1073741824 + id"
#define SEARCH_ID(rowid) "(" rowid " & 1073741823)"
#define SEARCH_CLOSED ((int64_t)1 << 62)

static int
fts_update(struct li_ctx *c, int64_t id, struct err *e)
{
	struct db_stmt *st;
	struct buf att;
	int rc;

	buf_init(&att, c->a, 0);
	if ((st = db_query(c->db, e, "SELECT title, filename FROM liaison_attachment WHERE liaison_id = ? AND removed = 0", "i",
	    id)) == NULL)
		return -1;
	while ((rc = db_step(st, e)) == 1)
		buf_printf(&att, "%s %s ", db_col_text(st, 0), db_col_text(st, 1));
	if (rc == -1)
		return -1;
	db_done(st);
	/* The row is keyed by its place in the lists (SEARCH_KEY): the old one goes by the key it was
	 * given, and the new key follows posted_at and tracking, which posting and closing change. */
	if (db_run(c->db, e, "DELETE FROM liaison_fts WHERE rowid = (SELECT search_key FROM liaison WHERE id = ?)", "i",
	    id) == -1 || db_run(c->db, e, "UPDATE liaison SET search_key = " SEARCH_KEY " WHERE id = ?", "i", id) == -1)
		return -1;
	return db_run(c->db, e, "INSERT INTO liaison_fts (rowid, title, body, contacts, identifiers, attachments) SELECT "
	    "search_key, title, body, from_org || ' ' || from_contact || ' ' || to_contacts || ' ' || cc_contacts || ' ' || "
	    "response_contacts || ' ' || technical_contacts || ' ' || action_holder_contacts, other_identifiers, ? FROM liaison "
	    "WHERE id = ?", "si",
	    buf_cstr(&att), id) == -1 ? -1 : 0;
}

static int
ask_approvers(struct li_ctx *c, struct liaison *l, struct err *e)
{
	struct mail_rcpts to_r = { .n = 0 }, cc_r = { .n = 0 };
	struct mail_field f[NFIELDS];
	size_t i;

	for (i = 0; i < l->nfrom; i++) {
		struct buf b;
		buf_init(&b, c->a, 0);
		if (strcmp(l->from[i].type, "ietf") == 0)
			role_people(c, "chair", "ietf", &b, NULL, e);
		else if (strcmp(l->from[i].type, "iab") == 0)
			role_people(c, "chair", "iab", &b, NULL, e);
		else if (strcmp(l->from[i].type, "area") == 0)
			role_people(c, "ad", l->from[i].acronym, &b, NULL, e);
		else if (strcmp(l->from[i].type, "wg") == 0) {
			const char *area = group_parent_acronym(c->db, c->a, l->from[i].acronym);
			if (area)
				role_people(c, "ad", area, &b, NULL, e);
		}
		mail_rcpts_add_list(c->a, &to_r, buf_cstr(&b));
	}
	mail_rcpts_add_list(c->a, to_r.n ? &cc_r : &to_r, config_str(c->cfg, CFG_SECRETARIAT));
	fields_of(c, l, f);
	return queue(c, l->id, TPL_LIAISON_APPROVAL, f, NFIELDS, &to_r, &cc_r, e);
}

int
li_create(struct li_ctx *c, const struct li_new *in, int64_t *id, struct err *e)
{
	struct checked k;
	struct liaison l;
	const char *now = now_iso(c);
	int i;
	size_t j;

	*id = 0;
	if (check_new(c, in, &k, e) == -1)
		return -1;
	if (db_begin(c->db, e) == -1)
		return -1;
	if (db_int(c->db, e, id, "INSERT INTO liaison (direction, state, title, body, purpose, deadline, from_contact, to_contacts, "
	    "cc_contacts, response_contacts, technical_contacts, action_holder_contacts, other_identifiers, submitted, created, "
	    "updated, submitter_person) VALUES (?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	    "sssssssssssssssn", in->direction, in->title, k.body, k.p->slug, in->deadline ? in->deadline : "", k.fc, k.tc, k.cc,
	    k.rc_, k.tech, k.outgoing ? "" : k.ah, in->other_identifiers ? in->other_identifiers : "", in->submitted &&
	    in->submitted[0] ? in->submitted : today(c), now, now, me(c)) != 1)
		goto fail;
	for (i = 0; i < k.nfrom; i++)
		if (db_run(c->db, e, "INSERT INTO liaison_group (liaison_id, side, group_id, ord) VALUES (?, 'from', ?, ?)", "iid",
		    *id, k.from[i].id, i) == -1)
			goto fail;
	for (i = 0; i < k.nto; i++)
		if (db_run(c->db, e, "INSERT INTO liaison_group (liaison_id, side, group_id, ord) VALUES (?, 'to', ?, ?)", "iid",
		    *id, k.to[i].id, i) == -1)
			goto fail;
	for (j = 0; j < in->nrelated; j++)
		if (db_run(c->db, e, "INSERT INTO liaison_related (source_id, target_id) VALUES (?, ?) ON CONFLICT DO NOTHING", "ii",
		    *id, in->related_to[j]) == -1)
			goto fail;
	if (fts_update(c, *id, e) == -1)
		goto fail;
	if (ev(c, *id, "submitted", e, "Statement Submitted (%s, %s)", in->direction, k.p->name) == -1)
		goto fail;
	if (load(c, *id, &l, e) == -1)
		goto fail;
	/* An attachment that carries the text is added by the caller before anything is posted. */
	if (in->hold) {
		/* the caller posts or asks (li_submit_held) once its attachments are in */
	} else if (!k.outgoing || approves_all(c, &l)) {
		if (post_in_tx(c, &l, !in->post_only, e) == -1)
			goto fail;
	} else if (ask_approvers(c, &l, e) == -1)	/* pending: the approvers of every From group (L3) */
		goto fail;
	return db_commit(c->db, e);
fail:
	db_rollback(c->db);
	return -1;
}

/* ---- approval ---- */

static int
change(struct li_ctx *c, int64_t id, enum li_action act, struct err *e)
{
	struct liaison l;
	const char *now = now_iso(c);
	int64_t n;

	if (db_begin(c->db, e) == -1)
		return -1;
	if (load(c, id, &l, e) == -1)
		goto fail;
	if (!li_may(c, &l, LA_VIEW)) {
		err_set(e, 404, "liaison", "There is no liaison statement %lld.", (long long)id);
		goto fail;
	}
	if (!li_may(c, &l, act)) {
		err_set(e, (act == LA_APPROVE && l.state != LI_PENDING && l.state != LI_MODERATION) ||
		    (act == LA_RESURRECT && l.state != LI_DEAD) ? 409 : 403,
		    "perm", act == LA_APPROVE ? (l.state != LI_PENDING ? "This statement is not pending: there is nothing to "
		    "approve." : "Only an approver of every From group (the IETF Chair for the IETF, the IAB Chair for the "
		    "IAB, the Area Directors for an area or its WGs) or the Secretariat can approve this statement.") :
		    act == LA_KILL ? "Only an approver of every From group or the Secretariat can mark this statement dead." :
		    "Only an approver of every From group or the Secretariat can resurrect this statement.");
		goto fail;
	}
	if (!li_can_move(l.state, act == LA_APPROVE ? LI_APPROVED : act == LA_KILL ? LI_DEAD : LI_PENDING)) {
		err_set(e, 409, "state", "A statement that is %s cannot be %s.", li_state_names[l.state],
		    act == LA_APPROVE ? "approved" : act == LA_KILL ? "marked dead" : "resurrected");
		goto fail;
	}
	if (act == LA_APPROVE) {
		if ((n = db_run(c->db, e, "UPDATE liaison SET state = 'approved', updated = ? WHERE id = ? AND state = ?",
		    "sis", now, id, li_state_slugs[l.state])) == -1)
			goto fail;
		if (n == 0) {
			err_set(e, 409, "state", "This statement changed meanwhile; reload it.");
			goto fail;
		}
		if (ev(c, id, "approved", e, l.state == LI_MODERATION ? "Statement accepted by the moderator" :
		    "Statement Approved") == -1)
			goto fail;
		l.state = LI_APPROVED;
		if (post_in_tx(c, &l, 1, e) == -1)
			goto fail;
	} else {
		const char *to = act == LA_KILL ? "dead" : "pending";
		if ((n = db_run(c->db, e, "UPDATE liaison SET state = ?, updated = ? WHERE id = ? AND state = ?", "ssis", to, now, id,
		    li_state_slugs[l.state])) == -1)
			goto fail;
		if (n == 0) {
			err_set(e, 409, "state", "This statement changed meanwhile; reload it.");
			goto fail;
		}
		if (ev(c, id, act == LA_KILL ? "killed" : "resurrected", e, act == LA_KILL ? "Statement Killed" :
		    "Statement Resurrected") == -1)
			goto fail;
	}
	return db_commit(c->db, e);
fail:
	db_rollback(c->db);
	return -1;
}

int
li_approve(struct li_ctx *c, int64_t id, struct err *e)
{
	return change(c, id, LA_APPROVE, e);
}

int
li_kill(struct li_ctx *c, int64_t id, struct err *e)
{
	return change(c, id, LA_KILL, e);
}

int
li_resurrect(struct li_ctx *c, int64_t id, struct err *e)
{
	return change(c, id, LA_RESURRECT, e);
}

/* ---- tracking (L10, L12) ---- */

int
li_track(struct li_ctx *c, int64_t id, const char *kind, const char *value, const char *comment, struct err *e)
{
	struct liaison l;
	const char *now = now_iso(c), *note = comment && comment[0] ? comment : NULL;
	size_t i;

	if (note && (strlen(note) > 2000 || !idt_text_valid(note, strlen(note), 1)))
		return err_set(e, 400, "comment", "The comment is plain text of at most 2000 characters.");
	if (kind == NULL)
		return err_set(e, 400, "kind", "Say what to do: assign, deadline, taken, close, redirect or lead.");
	if (db_begin(c->db, e) == -1)
		return -1;
	if (load(c, id, &l, e) == -1)
		goto fail;
	if (!li_may(c, &l, LA_VIEW)) {
		err_set(e, 404, "liaison", "There is no liaison statement %lld.", (long long)id);
		goto fail;
	}
	if (!li_may(c, &l, LA_TRACK)) {
		err_set(e, 403, "perm", l.state != LI_POSTED ? "Only a posted statement is tracked." : "Only the assignee, the "
		    "addressed groups' chairs and ADs, the liaison managers and the Secretariat track this statement.");
		goto fail;
	}
	if (strcmp(kind, "assign") == 0) {
		int64_t pid = 0, gid = 0;
		int r;
		if (value == NULL || value[0] == '\0') {
			err_set(e, 400, "assign", "Name the new assignee: a person's e-mail address or a group's acronym.");
			goto fail;
		}
		if (strchr(value, '@')) {
			if ((r = person_by_email(c->db, e, value, &pid)) == -1)
				goto fail;
			if (pid == 0) {
				err_set(e, 400, "assign", "Nobody here has the address %.80s.", value);
				goto fail;
			}
			if (db_run(c->db, e, "UPDATE liaison SET assignee_person = ?, assignee_group = '', updated = ? WHERE id = ?",
			    "isi", pid, now, id) == -1)
				goto fail;
		} else {
			if ((r = db_int(c->db, e, &gid, "SELECT id FROM grp WHERE acronym = ?", "s", value)) == -1)
				goto fail;
			if (r == 0) {
				err_set(e, 400, "assign", "There is no group \"%.60s\".", value);
				goto fail;
			}
			if (db_run(c->db, e, "UPDATE liaison SET assignee_person = NULL, assignee_group = ?, updated = ? WHERE id = ?",
			    "ssi", value, now, id) == -1)
				goto fail;
		}
		if (ev(c, id, "assigned", e, "Assigned to %s%s%s", value, note ? ": " : "", note ? note : "") == -1)
			goto fail;
	} else if (strcmp(kind, "deadline") == 0) {
		if (value == NULL || (value[0] && !date_ok(value))) {
			err_set(e, 400, "deadline", "The deadline must be a date, YYYY-MM-DD (or empty for none).");
			goto fail;
		}
		if (value[0] == '\0' && li_purpose_get(l.purpose)->deadline_required) {
			err_set(e, 400, "deadline", "A statement %s keeps a deadline.", li_purpose_get(l.purpose)->name);
			goto fail;
		}
		if (db_run(c->db, e, "UPDATE liaison SET deadline = ?, updated = ? WHERE id = ?", "ssi", value, now, id) == -1 ||
		    ev(c, id, "deadline", e, "Deadline changed from %s to %s%s%s", l.deadline[0] ? l.deadline : "none",
		    value[0] ? value : "none", note ? ": " : "", note ? note : "") == -1)
			goto fail;
	} else if (strcmp(kind, "taken") == 0 || strcmp(kind, "close") == 0) {
		int close = strcmp(kind, "close") == 0;
		if (strcmp(l.tracking, "closed") == 0) {
			err_set(e, 409, "closed", "This statement is closed already.");
			goto fail;
		}
		if (db_run(c->db, e, "UPDATE liaison SET tracking = ?, updated = ? WHERE id = ?", "ssi",
		    close ? "closed" : "action-taken", now, id) == -1 || (close && fts_update(c, id, e) == -1) ||
		    ev(c, id, close ? "closed" : "action_taken", e, "%s%s%s", close ? "Closed" : "Marked as action taken",
		    note ? ": " : "", note ? note : "") == -1)
			goto fail;
		/* L12: a For Action statement closed with no reply: the liaison manager tells the peer. */
		if (close && strcmp(l.purpose, "action") == 0 && l.replied_at[0] == '\0') {
			struct mail_rcpts to = { .n = 0 };
			struct mail_field f[NFIELDS + 1];
			for (i = 0; i < l.nfrom; i++) {
				struct buf b;
				buf_init(&b, c->a, 0);
				if (strcmp(l.from[i].type, "sdo") == 0 && role_people(c, "liaiman", l.from[i].acronym, &b, NULL, e) == -1)
					goto fail;
				mail_rcpts_add_list(c->a, &to, buf_cstr(&b));
			}
			if (to.n == 0)	/* no liaison manager: the IAB's coordinators (seed 002) */
				mail_rcpts_add_list(c->a, &to, config_str(c->cfg, CFG_SECRETARIAT));
			fields_of(c, &l, f);
			f[NFIELDS] = (struct mail_field){ "note", note ? note : "(no comment given)" };
			if (queue(c, id, TPL_LIAISON_CLOSED, f, NFIELDS + 1, &to, NULL, e) == -1)
				goto fail;
		}
	} else if (strcmp(kind, "redirect") == 0 || strcmp(kind, "lead") == 0) {
		struct li_group *g;
		int n;
		const char *acr[1] = { value };
		if (value == NULL || value[0] == '\0') {
			err_set(e, 400, "group", "Name the group by its acronym.");
			goto fail;
		}
		if ((n = resolve_groups(c, acr, 1, "To", &g, e)) == -1)
			goto fail;
		if (strcmp(kind, "lead") == 0) {
			for (i = 0; i < l.nto; i++)
				if (l.to[i].id == g[0].id)
					break;
			if (i == l.nto) {
				err_set(e, 400, "lead", "The lead must be one of the addressed groups.");
				goto fail;
			}
			if (db_run(c->db, e, "UPDATE liaison SET lead_group = ?, updated = ? WHERE id = ?", "ssi", g[0].acronym, now,
			    id) == -1 || ev(c, id, "lead", e, "%s leads the reply", g[0].acronym) == -1)
				goto fail;
		} else {
			/* A misdirected statement goes to the right group: it replaces the addressed groups and
			 * the tracking is reassigned to that group's chair or AD, with the L4 mail again. */
			if (strcmp(g[0].type, "sdo") == 0 || strcmp(l.direction, "incoming") != 0) {
				err_set(e, 400, "redirect", "Only an incoming statement is redirected, to an IETF or IAB group.");
				goto fail;
			}
			if (db_run(c->db, e, "DELETE FROM liaison_group WHERE liaison_id = ? AND side = 'to'", "i", id) == -1 ||
			    db_run(c->db, e, "INSERT INTO liaison_group (liaison_id, side, group_id, ord) VALUES (?, 'to', ?, 0)", "ii",
			    id, g[0].id) == -1 ||
			    ev(c, id, "redirected", e, "Redirected from %s to %s%s%s", groups_text(c, l.to, l.nto), g[0].acronym,
			    note ? ": " : "", note ? note : "") == -1)
				goto fail;
			if (load(c, id, &l, e) == -1 || post_in_tx(c, &l, 1, e) == -1)
				goto fail;
		}
	} else {
		err_set(e, 400, "kind", "Say what to do: assign, deadline, taken, close, redirect or lead.");
		goto fail;
	}
	return db_commit(c->db, e);
fail:
	db_rollback(c->db);
	return -1;
}

/* ---- the list ---- */

/* An FTS5 query from what a person typed: each word quoted, so no operator syntax gets through. */
static const char *
fts_query(struct li_ctx *c, const char *q)
{
	struct buf b;
	const char *p = q;
	int words = 0;

	buf_init(&b, c->a, 0);
	while (*p) {
		const char *s;
		while (*p && !((unsigned char)*p >= 0x80 || (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z')))
			p++;
		s = p;
		while ((unsigned char)*p >= 0x80 || (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
			p++;
		if (p > s && words < 16) {
			buf_printf(&b, "%s\"%.*s\"", words ? " " : "", (int)(p - s), s);
			words++;
		}
	}
	return words ? buf_cstr(&b) : NULL;
}

/* The list's columns: those of LI_COLS without the body (a list never shows it, and copying every
 * body into the sort was most of the cost at 10,000 statements, bench/liaison.sh). */
#define LIST_COLS "l.id, l.direction, l.state, l.title, '', l.purpose, l.deadline, l.from_contact, l.to_contacts, " \
	"l.cc_contacts, l.response_contacts, l.technical_contacts, l.action_holder_contacts, l.other_identifiers, " \
	"l.submitted, l.created, l.updated, coalesce(l.posted_at, ''), l.tracking, l.assignee_group, l.lead_group, " \
	"coalesce(l.replied_at, ''), coalesce(l.submitter_person, 0), coalesce(l.assignee_person, 0), " \
	"coalesce(ap.name, ''), coalesce(ae.address, ''), l.from_org, l.confirmed"
/* The state is always an equality, so SQLite walks the liaison_state(state, posted_at) index in date
 * order and stops at the limit (an IN list, even of one value repeated, made it sort every row); a
 * search drives the query from the FTS match. The optional filters are residual tests. "Mine" (every
 * state) has a statement of its own (LIST_MINE). */
#define LIST_FILTERS "l.state = ? AND " LIST_FILTERS_REST
#define LIST_FILTERS_REST "(? = '' OR l.direction = ?) AND (? = '' OR l.purpose = ?) " \
	"AND (? = '' OR l.submitted >= ?) AND (? = '' OR l.submitted <= ?) AND (? = 0 OR l.deadline <> '') " \
	"AND (? < 0 OR (? = 1) = (l.tracking = 'closed')) " \
	"AND (? = '' OR l.id IN (SELECT x.liaison_id FROM liaison_group x JOIN grp g ON g.id = x.group_id WHERE g.acronym = ?)) " \
	"AND (? = 0 OR l.submitter_person = ? OR l.assignee_person = ?) "
#define LIST_MINE "SELECT " LIST_COLS " " LI_FROM " WHERE (l.submitter_person = ? OR l.assignee_person = ?) AND ? = '' " \
	"ORDER BY l.created DESC, l.id DESC LIMIT ?"
#define LIST_PLAIN "SELECT " LIST_COLS " " LI_FROM " WHERE " LIST_FILTERS "AND ? = '' ORDER BY "
#define LIST_FTS "SELECT " LIST_COLS " " LI_FROM " JOIN (SELECT rowid AS fid FROM liaison_fts WHERE liaison_fts MATCH ?) m " \
	"ON l.id = " SEARCH_ID("m.fid") " WHERE " LIST_FILTERS "ORDER BY "
#define S_DATE "l.posted_at DESC, l.id DESC LIMIT ?"
/* A search in date order (the default) in two steps: the ids first, walking the FTS matches newest
 * first (liaison_fts's rowid is the search key, in the list's order: migration 010) in the key range
 * of the current list or of the archive, and checking the filters in the index liaison_cover
 * (migration 009), which holds every column they read, so no statement row is read; it stops once
 * the page is full. Then the page's rows by id. Taking every match and sorting them cost 9 ms for a
 * word in 4% of 100,000 statements, this 1 ms; read whole, each matching row cost a walk through its
 * body's overflow pages to the columns stored after it (35-65 ms). INDEXED BY is SQLite's; pg.c
 * drops it (PostgreSQL plans alone). */
#define LIST_FTS_DATE "SELECT l.id FROM liaison_fts JOIN liaison l INDEXED BY liaison_cover ON l.id = " \
	SEARCH_ID("liaison_fts.rowid") " WHERE liaison_fts MATCH ? AND liaison_fts.rowid >= ? AND liaison_fts.rowid <= ? AND " \
	LIST_FILTERS "ORDER BY liaison_fts.rowid DESC LIMIT ?"
/* The list page's search, both halves at once: the ids of the current statements' page and of the
 * archive's (each its own LIMIT), in one statement, so that PostgreSQL plans the search once a page
 * and not once a half; then the rows of both in one LIST_BY_IDS and their groups in one load. Six
 * statements a page were three a half. */
#define LIST_FTS_DATE_HALVES "SELECT id FROM (" LIST_FTS_DATE ") cur UNION ALL SELECT id FROM (" LIST_FTS_DATE ") old"
/* A search of posted statements with no filter but its words (the public's usual one, on the list
 * page and through the API), in date order: the ids from the search table alone. Posted statements
 * are exactly the keys from SEARCH_POSTED up in each range (a key holds the posting time times 2^30,
 * none before posting, and posted is final: li_next), so neither engine reads a statement's row or
 * its liaison_cover entry to test state and tracking, and PostgreSQL plans one table, not a join
 * with each of liaison's indexes: 1.0 ms of planning a page was the join's. */
#define SEARCH_POSTED ((int64_t)1 << 30)
#define LIST_FTS_KEYS "SELECT " SEARCH_ID("rowid") " AS id FROM liaison_fts WHERE liaison_fts MATCH ? AND rowid >= ? AND " \
	"rowid <= ? ORDER BY rowid DESC LIMIT ?"
#define LIST_FTS_KEYS_HALVES "SELECT id FROM (" LIST_FTS_KEYS ") cur UNION ALL SELECT id FROM (" LIST_FTS_KEYS ") old"
/* The page's rows of the ids a search found (a JSON array), in the list's order. Two statements, not
 * one with the ids as a subquery: PostgreSQL plans a search at every run (pg.c), and planning the ids
 * alone costs it a third of planning them with the rows' joins (0.5 ms against 1.2, twice a page);
 * the rows by id are a statement it plans once. */
#define LIST_BY_IDS "SELECT " LIST_COLS " " LI_FROM " WHERE l.id IN (SELECT CAST(value AS BIGINT) FROM json_each(?)) " \
	"ORDER BY l.posted_at DESC, l.id DESC"
/* The archive: closed statements, newest first, from the partial index liaison_closed. The state is
 * written as an expression (state || '') so SQLite cannot take liaison_state instead: that walked
 * every posted statement, reading past each body to its tracking column (30 ms at 20,000). */
#define LIST_ARCHIVE "SELECT " LIST_COLS " " LI_FROM " WHERE l.tracking = 'closed' AND l.state || '' = ? AND " \
	LIST_FILTERS_REST "AND ? = '' ORDER BY l.posted_at DESC, l.id DESC LIMIT ?"
#define S_DEADLINE "CASE WHEN l.deadline = '' THEN 1 ELSE 0 END, l.deadline, l.id DESC LIMIT ?"
#define S_TITLE "lower(l.title), l.id DESC LIMIT ?"
#define S_FROM "(SELECT min(g.acronym) FROM liaison_group x JOIN grp g ON g.id = x.group_id WHERE x.liaison_id = l.id AND " \
	"x.side = 'from'), l.id DESC LIMIT ?"
#define S_TO "(SELECT min(g.acronym) FROM liaison_group x JOIN grp g ON g.id = x.group_id WHERE x.liaison_id = l.id AND " \
	"x.side = 'to'), l.id DESC LIMIT ?"

/* A search of current and closed statements at once (the API, feeds) in date order: the two key
 * ranges of liaison_fts each give their newest (LIST_FTS_DATE), merged here in the list's order
 * (posted_at DESC, id DESC; not posted last) and cut at the limit. One walk of the whole key range
 * would give every current statement before any closed one. */
static int
list_search_both(struct li_ctx *c, const struct li_filter *f, struct liaison **out, size_t *n, struct err *e)
{
	struct li_filter g = *f;
	struct liaison *a, *b;
	size_t na, nb, i = 0, j = 0, lim = (size_t)(f->limit > 0 ? f->limit : 500);

	g.archived = 0;
	if (li_list(c, &g, &a, &na, e) == -1)
		return -1;
	g.archived = 1;
	if (li_list(c, &g, &b, &nb, e) == -1)
		return -1;
	*n = 0;
	if ((*out = arena_calloc(c->a, na + nb + 1, sizeof(**out))) == NULL)
		return oom(e);
	while ((i < na || j < nb) && *n < lim) {
		int cmp = i == na ? -1 : j == nb ? 1 : strcmp(a[i].posted_at, b[j].posted_at);
		if (cmp == 0)
			cmp = a[i].id > b[j].id ? 1 : -1;
		(*out)[(*n)++] = cmp > 0 ? a[i++] : b[j++];
	}
	return 0;
}

/* Static statements (sort x search), so each is prepared once per connection (db.h). A search in
 * date order (the first) has its own, below in li_list: the ids, then LIST_BY_IDS. */
static const struct { const char *name, *plain, *fts; } list_sorts[] = {
	{ "date", LIST_PLAIN S_DATE, NULL },
	{ "deadline", LIST_PLAIN S_DEADLINE, LIST_FTS S_DEADLINE },
	{ "title", LIST_PLAIN S_TITLE, LIST_FTS S_TITLE },
	{ "from", LIST_PLAIN S_FROM, LIST_FTS S_FROM },
	{ "to", LIST_PLAIN S_TO, LIST_FTS S_TO },
};

/* A sort's row of list_sorts; date (0) for none and for one it does not know. */
static size_t
list_sort(const char *sort)
{
	size_t k;

	for (k = 0; sort && k < sizeof(list_sorts) / sizeof(list_sorts[0]); k++)
		if (strcmp(sort, list_sorts[k].name) == 0)
			return k;
	return 0;
}

int
li_list(struct li_ctx *c, const struct li_filter *f, struct liaison **out, size_t *n, struct err *e)
{
	struct db_stmt *st;
	const char *state = f->state && f->state[0] ? f->state : "posted", *q = f->q && f->q[0] ? fts_query(c, f->q) : NULL;
	const char *dir = f->direction ? f->direction : "", *pur = f->purpose ? f->purpose : "";
	const char *since = f->since ? f->since : "", *until = f->until ? f->until : "", *grp = f->group ? f->group : "";
	int64_t lim = f->limit > 0 ? f->limit : 500;
	size_t cap = 0, k, si = list_sort(f->sort);
	int rc;

	*out = NULL;
	*n = 0;
	if (f->mine && (c->user == NULL || c->user->person_id == 0))
		return err_set(e, 401, "auth", "Sign in to see your statements.");
	if (f->mine && !(f->state && f->state[0]))
		state = "";
	if (strcmp(state, "posted") != 0 && !(c->user && c->user->person_id))
		return err_set(e, 403, "perm", "Only posted statements are public.");
	if (f->q && f->q[0] && q == NULL)
		q = "\"\"";
	if (q && si == 0 && f->archived < 0 && !(f->mine && state[0] == '\0'))
		return list_search_both(c, f, out, n, e);
	if (f->archived == 2 && !(q && si == 0))
		return err_set(e, 500, "internal", "Both halves of a list at once are for a search in date order.");
	if (f->mine && state[0] == '\0')
		st = db_query(c->db, e, LIST_MINE, "iisi", (int64_t)me(c), (int64_t)me(c), "", lim);
	else if (q == NULL && f->archived == 1 && si == 0)
		st = db_query(c->db, e, LIST_ARCHIVE, "sssssssssiiissiiisi", state, dir, dir, pur, pur, since, since, until, until,
		    (int64_t)f->has_deadline, (int64_t)f->archived, (int64_t)f->archived, grp, grp, (int64_t)f->mine, (int64_t)me(c),
		    (int64_t)me(c), "", lim);
	else if (q && si == 0) {
		/* The ids of the page (of each half when archived is 2), then their rows. With no filter
		 * but the words, from the search table alone (LIST_FTS_KEYS); else checking the filters in
		 * liaison_cover (LIST_FTS_DATE). */
		int plain = strcmp(state, "posted") == 0 && !f->mine && !f->has_deadline && !dir[0] && !pur[0] && !since[0] &&
		    !until[0] && !grp[0];
		const char *ids;
		size_t nids;
		if (plain && f->archived == 2)
			ids = db_col0_json(db_query(c->db, e, LIST_FTS_KEYS_HALVES, "siii" "siii", q, SEARCH_POSTED, SEARCH_CLOSED - 1,
			    lim, q, SEARCH_CLOSED + SEARCH_POSTED, INT64_MAX, lim), c->a, 0, &nids, e);
		else if (plain)
			ids = db_col0_json(db_query(c->db, e, LIST_FTS_KEYS, "siii", q, f->archived == 1 ? SEARCH_CLOSED + SEARCH_POSTED :
			    SEARCH_POSTED, f->archived == 0 ? SEARCH_CLOSED - 1 : INT64_MAX, lim), c->a, 0, &nids, e);
		else if (f->archived == 2)
			ids = db_col0_json(db_query(c->db, e, LIST_FTS_DATE_HALVES, "siisssssssssiiissiiii" "siisssssssssiiissiiii",
			    q, INT64_MIN, SEARCH_CLOSED - 1, state, dir, dir, pur, pur, since, since, until, until,
			    (int64_t)f->has_deadline, (int64_t)0, (int64_t)0, grp, grp, (int64_t)f->mine, (int64_t)me(c), (int64_t)me(c),
			    lim, q, SEARCH_CLOSED, INT64_MAX, state, dir, dir, pur, pur, since, since, until, until,
			    (int64_t)f->has_deadline, (int64_t)1, (int64_t)1, grp, grp, (int64_t)f->mine, (int64_t)me(c), (int64_t)me(c),
			    lim), c->a, 0, &nids, e);
		else
			ids = db_col0_json(db_query(c->db, e, LIST_FTS_DATE, "siisssssssssiiissiiii", q,
			    f->archived == 1 ? SEARCH_CLOSED : INT64_MIN, f->archived == 0 ? SEARCH_CLOSED - 1 : INT64_MAX, state, dir,
			    dir, pur, pur, since, since, until, until, (int64_t)f->has_deadline, (int64_t)f->archived,
			    (int64_t)f->archived, grp, grp, (int64_t)f->mine, (int64_t)me(c), (int64_t)me(c), lim), c->a, 0, &nids, e);
		if (ids == NULL)
			return -1;
		if (nids == 0)
			return 0;
		st = db_query(c->db, e, LIST_BY_IDS, "s", ids);
	} else if (q)
		st = db_query(c->db, e, list_sorts[si].fts, "ssssssssssiiissiiii", q, state, dir, dir, pur, pur, since, since, until,
		    until, (int64_t)f->has_deadline, (int64_t)f->archived, (int64_t)f->archived, grp, grp, (int64_t)f->mine,
		    (int64_t)me(c), (int64_t)me(c), lim);
	else
		st = db_query(c->db, e, list_sorts[si].plain, "sssssssssiiissiiisi", state, dir, dir, pur, pur, since, since, until,
		    until, (int64_t)f->has_deadline, (int64_t)f->archived, (int64_t)f->archived, grp, grp, (int64_t)f->mine,
		    (int64_t)me(c), (int64_t)me(c), "", lim);
	if (st == NULL)
		return -1;
	while ((rc = db_step(st, e)) == 1) {
		struct liaison x;
		li_from_row(c->a, st, &x);
		if ((*out = arena_grow(c->a, *out, *n, &cap, sizeof(**out))) == NULL) {
			db_done(st);
			return oom(e);
		}
		(*out)[(*n)++] = x;
	}
	if (rc == -1)
		return -1;
	db_done(st);
	/* What the person may not see is not listed (pending, dead, moderated: by permission). */
	if (load_groups_many(c, *out, *n, e) == -1)
		return -1;
	for (k = 0; k < *n;) {
		if (!li_may(c, &(*out)[k], LA_VIEW)) {
			memmove(&(*out)[k], &(*out)[k + 1], (*n - k - 1) * sizeof(**out));
			(*n)--;
			continue;
		}
		k++;
	}
	return 0;
}

/* The list page's two tables: the current statements (*cur) and the archive (*old), each in the
 * list's order and up to f->limit. A search in date order reads both in three statements (archived
 * 2: LIST_FTS_KEYS_HALVES, or LIST_FTS_DATE_HALVES with filters); any other list is li_list once
 * a half. */
int
li_list_halves(struct li_ctx *c, const struct li_filter *f, struct liaison **cur, size_t *ncur, struct liaison **old,
    size_t *nold, struct err *e)
{
	struct li_filter g = *f;
	struct liaison *all;
	size_t nall, i;

	*cur = *old = NULL;
	*ncur = *nold = 0;
	if (f->q && f->q[0] && list_sort(f->sort) == 0 && !f->mine) {
		g.archived = 2;
		if (li_list(c, &g, &all, &nall, e) == -1)
			return -1;
		if (nall == 0)
			return 0;
		if ((*cur = arena_alloc(c->a, nall * sizeof(**cur))) == NULL || (*old = arena_alloc(c->a, nall * sizeof(**old))) == NULL)
			return oom(e);
		for (i = 0; i < nall; i++) {
			if (strcmp(all[i].tracking, "closed") == 0)
				(*old)[(*nold)++] = all[i];
			else
				(*cur)[(*ncur)++] = all[i];
		}
		return 0;
	}
	g.archived = 0;
	if (li_list(c, &g, cur, ncur, e) == -1)
		return -1;
	g.archived = 1;
	return li_list(c, &g, old, nold, e);
}

/* ---- reminders (L11) ---- */

static const int before_days[] = { 14, 7, 4, 3, 2, 1, 0 };
#define OVERDUE_CAP	14	/* daily reminders after the deadline, then silence */

/* Whether a deadline days ahead (negative: past) has a reminder due today. */
static int
reminder_due(long days)
{
	size_t k;

	for (k = 0; k < sizeof(before_days) / sizeof(before_days[0]); k++)
		if (days == before_days[k])
			return 1;
	return days < 0 && days >= -OVERDUE_CAP;
}

int
li_remind(struct db *db, const struct config *cfg, const struct mail_ctx *mail, time_t now, struct li_remind_result *r,
    struct err *e)
{
	struct arena a;
	struct user sys;
	struct li_ctx c;
	struct db_stmt *st;
	int64_t *ids = NULL;
	size_t nids = 0, cap = 0, i, k;
	time_t t0, dl;
	const char *day;
	long days;
	int rc, ret = -1;

	memset(r, 0, sizeof(*r));
	memset(&sys, 0, sizeof(sys));
	arena_init(&a, 0);
	memset(&c, 0, sizeof(c));
	c.db = db;
	c.a = &a;
	c.cfg = cfg;
	c.mail = mail;
	c.user = &sys;
	c.now = now;
	/* Open statements only: once action is taken (a reply posted, or marked) or it is closed, no more
	 * ticklers. Only those whose deadline could make one due today (from OVERDUE_CAP days past to
	 * the first of before_days ahead, from the index liaison_deadline; the state is written as an
	 * expression so that SQLite does not walk liaison_state through every posted statement instead),
	 * each with whether today's is sent: the write lock is taken only for a reminder to send. Taking
	 * it for every open statement with a deadline, to roll back most, was 25,000 write transactions
	 * a minute at 100,000 statements, 13 s of PostgreSQL's time in each minute. */
	day = today(&c);
	time_parse_iso(day, &t0);
	{
		char lo[ISO_TIME_LEN], hi[ISO_TIME_LEN];
		time_iso(lo, t0 - (time_t)OVERDUE_CAP * 86400);
		time_iso(hi, t0 + (time_t)before_days[0] * 86400);
		lo[10] = hi[10] = '\0';
		if ((st = db_query(db, e, "SELECT l.id, l.deadline, CASE WHEN EXISTS (SELECT 1 FROM liaison_reminder r WHERE "
		    "r.liaison_id = l.id AND r.day = ?) THEN 1 ELSE 0 END FROM liaison l WHERE l.deadline <> '' AND "
		    "l.deadline >= ? AND l.deadline <= ? AND l.state || '' = 'posted' AND l.tracking NOT IN ('closed','action-taken') "
		    "ORDER BY l.id", "sss", day, lo, hi)) == NULL)
			goto out;
	}
	while ((rc = db_step(st, e)) == 1) {
		if (time_parse_iso(db_col_text(st, 1), &dl) == -1 || !reminder_due((long)((dl - t0) / 86400)))
			continue;
		if (db_col_int(st, 2)) {
			r->skipped++;
			continue;
		}
		if ((ids = arena_grow(&a, ids, nids, &cap, sizeof(*ids))) == NULL) {
			db_done(st);
			oom(e);
			goto out;
		}
		ids[nids++] = db_col_int(st, 0);
	}
	if (rc == -1)
		goto out;
	db_done(st);
	for (i = 0; i < nids; i++) {
		struct liaison l;
		struct mail_rcpts to = { .n = 0 }, cc = { .n = 0 };
		struct mail_field f[NFIELDS + 1];
		struct buf b;
		int due = 0;
		int64_t done;

		/* Read again under the lock: a reply or a closing meanwhile ends the tickler. */
		if (db_begin(db, e) == -1)
			goto out;
		r->examined++;
		if (load(&c, ids[i], &l, e) == -1 || time_parse_iso(l.deadline, &dl) == -1 || l.state != LI_POSTED ||
		    strcmp(l.tracking, "closed") == 0 || strcmp(l.tracking, "action-taken") == 0) {
			db_rollback(db);
			continue;
		}
		days = (long)((dl - t0) / 86400);
		due = reminder_due(days);
		/* Once per statement per day, whichever process (or server) runs first. */
		if (!due || (done = db_run(db, e, "INSERT INTO liaison_reminder (liaison_id, day, kind) VALUES (?, ?, ?) "
		    "ON CONFLICT DO NOTHING", "iss", l.id, day, days < 0 ? "overdue" : "before")) <= 0) {
			db_rollback(db);
			if (due)
				r->skipped++;
			continue;
		}
		buf_init(&b, &a, 0);
		if (l.assignee_person) {
			if ((st = db_query(db, e, "SELECT p.name, e.address FROM person p JOIN email e ON e.person_id = p.id AND "
			    "e.is_primary = 1 WHERE p.id = ?", "i", l.assignee_person)) != NULL) {
				if (db_step(st, e) == 1)
					buf_printf(&b, "%s <%s>", db_col_text(st, 0), db_col_text(st, 1));
				db_done(st);
			}
		}
		mail_rcpts_add_list(c.a, &to, buf_cstr(&b));
		mail_rcpts_add_list(c.a, &to, l.to_contacts);
		/* L11: copying everyone of L4 except the group's list. */
		mail_rcpts_add_list(c.a, &cc, l.technical_contacts);
		mail_rcpts_add_list(c.a, &cc, l.cc_contacts);
		mail_rcpts_add_list(c.a, &cc, l.response_contacts);
		/* ... but not the groups' lists: a tickler is for the people, not the list (L11). */
		for (k = 0; k < l.nto; k++) {
			size_t j;
			for (j = 0; j < cc.n; j++)
				if (l.to[k].list_email[0] && strcasecmp(cc.a[j].email, l.to[k].list_email) == 0) {
					memmove(&cc.a[j], &cc.a[j + 1], (cc.n - j - 1) * sizeof(cc.a[0]));
					cc.n--;
					j--;
				}
		}
		fields_of(&c, &l, f);
		f[NFIELDS] = (struct mail_field){ "when", days > 0 ? arena_printf(&a, "in %ld day%s (%s)", days, days == 1 ? "" :
		    "s", l.deadline) : days == 0 ? arena_printf(&a, "today (%s)", l.deadline) :
		    arena_printf(&a, "OUT OF DATE: %ld day%s past %s", -days, days == -1 ? "" : "s", l.deadline) };
		if (queue(&c, l.id, TPL_LIAISON_REMINDER, f, NFIELDS + 1, &to, &cc, e) == -1 || db_commit(db, e) == -1) {
			db_rollback(db);
			goto out;
		}
		r->sent++;
	}
	ret = 0;
out:
	arena_release(&a);
	return ret;
}

int
li_release(struct li_ctx *c, int64_t id, int post_only, struct err *e)
{
	struct liaison l;
	int64_t natt = 0;

	if (db_begin(c->db, e) == -1)
		return -1;
	if (load(c, id, &l, e) == -1)
		goto fail;
	if (l.state != LI_PENDING || l.submitter_person != me(c)) {
		err_set(e, 409, "state", "This statement was released already.");
		goto fail;
	}
	/* L1: the text is the body or an attachment. */
	if (l.body[0] == '\0' && (db_int(c->db, e, &natt, "SELECT count(*) FROM liaison_attachment WHERE liaison_id = ? AND "
	    "removed = 0", "i", id) == -1 || natt == 0)) {
		if (e->status == 0)
			err_set(e, 400, "body", "You must provide a body or attachment files.");
		goto fail;
	}
	if (strcmp(l.direction, "incoming") == 0 || approves_all(c, &l)) {
		if (post_in_tx(c, &l, !post_only, e) == -1)
			goto fail;
	} else if (ask_approvers(c, &l, e) == -1)
		goto fail;
	return db_commit(c->db, e);
fail:
	db_rollback(c->db);
	return -1;
}

/* ---- edit and resubmit (L13) ---- */

int
li_update(struct li_ctx *c, int64_t id, const struct li_new *in, struct err *e)
{
	struct checked k;
	struct liaison l;
	struct buf changed;
	const char *now = now_iso(c);
	int i, resubmit;
	size_t j;

	if (load(c, id, &l, e) == -1)
		return -1;
	if (!li_may(c, &l, LA_VIEW))
		return err_set(e, 404, "liaison", "There is no liaison statement %lld.", (long long)id);
	if (!li_may(c, &l, LA_EDIT))
		return err_set(e, 403, "perm", "Only its submitter (before it is posted) and the Secretariat edit a statement.");
	{
		struct li_new x = *in;
		x.direction = l.direction;	/* the direction stays */
		if (check_new(c, &x, &k, e) == -1)
			return -1;
	}
	buf_init(&changed, c->a, 0);
#define CH(a, b, name) if (strcmp((a), (b) ? (b) : "") != 0) buf_printf(&changed, "%s%s", changed.len ? ", " : "", name)
	CH(l.title, in->title, "title");
	CH(l.body, k.body, "body");
	CH(l.purpose, k.p->slug, "purpose");
	CH(l.deadline, in->deadline, "deadline");
	CH(l.from_contact, k.fc, "from contact");
	CH(l.to_contacts, k.tc, "to contacts");
	CH(l.cc_contacts, k.cc, "cc");
	CH(l.response_contacts, k.rc_, "response contacts");
	CH(l.technical_contacts, k.tech, "technical contacts");
	CH(l.other_identifiers, in->other_identifiers, "other identifiers");
#undef CH
	if ((int)l.nfrom != k.nfrom || (int)l.nto != k.nto)
		buf_printf(&changed, "%sgroups", changed.len ? ", " : "");
	else {
		for (i = 0; i < k.nfrom; i++)
			if (l.from[i].id != k.from[i].id)
				break;
		for (j = 0; i == k.nfrom && j < (size_t)k.nto; j++)
			if (l.to[j].id != k.to[j].id)
				break;
		if (i != k.nfrom || j != (size_t)k.nto)
			buf_printf(&changed, "%sgroups", changed.len ? ", " : "");
	}
	resubmit = l.state == LI_DEAD && l.submitter_person == me(c);
	if (db_begin(c->db, e) == -1)
		return -1;
	if (db_run(c->db, e, "UPDATE liaison SET title = ?, body = ?, purpose = ?, deadline = ?, from_contact = ?, to_contacts = ?, "
	    "cc_contacts = ?, response_contacts = ?, technical_contacts = ?, action_holder_contacts = ?, other_identifiers = ?, "
	    "updated = ?, state = CASE WHEN ? = 1 THEN 'pending' ELSE state END WHERE id = ?", "ssssssssssssdi", in->title, k.body,
	    k.p->slug, in->deadline ? in->deadline : "", k.fc, k.tc, k.cc, k.rc_, k.tech, k.outgoing ? "" : k.ah,
	    in->other_identifiers ? in->other_identifiers : "", now, resubmit, id) == -1 ||
	    db_run(c->db, e, "DELETE FROM liaison_group WHERE liaison_id = ?", "i", id) == -1)
		goto fail;
	for (i = 0; i < k.nfrom; i++)
		if (db_run(c->db, e, "INSERT INTO liaison_group (liaison_id, side, group_id, ord) VALUES (?, 'from', ?, ?)", "iid",
		    id, k.from[i].id, i) == -1)
			goto fail;
	for (i = 0; i < k.nto; i++)
		if (db_run(c->db, e, "INSERT INTO liaison_group (liaison_id, side, group_id, ord) VALUES (?, 'to', ?, ?)", "iid",
		    id, k.to[i].id, i) == -1)
			goto fail;
	if (fts_update(c, id, e) == -1 ||
	    ev(c, id, "modified", e, "Statement Modified: %s", changed.len ? buf_cstr(&changed) : "nothing changed") == -1)
		goto fail;
	if (resubmit) {
		if (load(c, id, &l, e) == -1 || ev(c, id, "resubmitted", e, "Statement Resubmitted") == -1)
			goto fail;
		if (approves_all(c, &l)) {
			if (post_in_tx(c, &l, 1, e) == -1)
				goto fail;
		} else if (ask_approvers(c, &l, e) == -1)
			goto fail;
	}
	return db_commit(c->db, e);
fail:
	db_rollback(c->db);
	return -1;
}

/* ---- attachments (L14) ---- */

enum sniffed { SN_PDF, SN_HTML, SN_TEXT, SN_OTHER, SN_EXEC };

static enum sniffed
sniff(const char *d, size_t n)
{
	size_t i, k;

	if (n >= 5 && memcmp(d, "%PDF-", 5) == 0)
		return SN_PDF;
	if ((n >= 2 && memcmp(d, "MZ", 2) == 0) || (n >= 4 && memcmp(d, "\x7f" "ELF", 4) == 0) ||
	    (n >= 4 && (memcmp(d, "\xca\xfe\xba\xbe", 4) == 0 || memcmp(d, "\xcf\xfa\xed\xfe", 4) == 0)) ||
	    (n >= 2 && memcmp(d, "#!", 2) == 0))
		return SN_EXEC;
	if (memchr(d, '\0', n) != NULL || !idt_text_valid(d, n, 1))
		return SN_OTHER;
	for (i = 0; i < n && i < 1024; i++) {
		static const char *const marks[] = { "<!doctype html", "<html" };
		for (k = 0; k < 2; k++)
			if (n - i >= strlen(marks[k]) && strncasecmp(d + i, marks[k], strlen(marks[k])) == 0)
				return SN_HTML;
	}
	return SN_TEXT;
}

static const char *const sniffed_types[] = { "application/pdf", "text/html", "text/plain", "application/octet-stream" };

/* A file name we can store and show: the base name, letters, digits, '.', '-', '_' (others become '_'). */
static const char *
safe_name(struct li_ctx *c, const char *in)
{
	const char *base = strrchr(in ? in : "", '/');
	char *out, *w;

	base = base ? base + 1 : (in ? in : "");
	if (strrchr(base, '\\'))
		base = strrchr(base, '\\') + 1;
	out = arena_strndup(c->a, base, 100);
	for (w = out; w && *w; w++)
		if (!((*w >= 'a' && *w <= 'z') || (*w >= 'A' && *w <= 'Z') || (*w >= '0' && *w <= '9') || *w == '.' ||
		    *w == '-' || *w == '_'))
			*w = '_';
	while (out && out[0] == '.')
		out++;
	return out && out[0] ? out : "attachment";
}

static int
edit_checked(struct li_ctx *c, int64_t id, struct liaison *l, struct err *e)
{
	if (load(c, id, l, e) == -1)
		return -1;
	if (!li_may(c, l, LA_VIEW))
		return err_set(e, 404, "liaison", "There is no liaison statement %lld.", (long long)id);
	if (!li_may(c, l, LA_EDIT) && !li_may(c, l, LA_TRACK))
		return err_set(e, 403, "perm", "Only the submitter (before posting), those who track the statement and the "
		    "Secretariat change its attachments.");
	return 0;
}

int
li_attachment_acceptable(struct li_ctx *c, const char *filename, const char *data, size_t len, int readable_present,
    struct err *e)
{
	enum sniffed kind = sniff(data, len);
	const char *name = safe_name(c, filename);

	if (len == 0)
		return err_set(e, 400, "file", "The attachment %s is empty.", name);
	if ((long long)len > config_int(c->cfg, CFG_LIAISON_MAX_ATTACHMENT))
		return err_set(e, 413, "size", "The attachment is %zu bytes; the limit is %lld bytes.", len,
		    config_int(c->cfg, CFG_LIAISON_MAX_ATTACHMENT));
	if (kind == SN_EXEC)
		return err_set(e, 415, "type", "%s is a program; programs are never accepted as attachments.", name);
	if (kind == SN_OTHER && !readable_present)
		return err_set(e, 415, "type", "%s is neither PDF, HTML nor text: attach a readable version first (seed 000 "
		    "section 2.2.1.2), then this one beside it.", name);
	return 0;
}

int
li_attachment_readable(const char *data, size_t len)
{
	enum sniffed k = sniff(data, len);

	return k == SN_PDF || k == SN_HTML || k == SN_TEXT;
}

/* Stores one file of a statement the caller may change (checked by the caller). */
static int
store_attachment(struct li_ctx *c, struct liaison *l, const char *title, const char *filename, const char *data, size_t len,
    struct err *e)
{
	enum sniffed kind = sniff(data, len);
	const char *name = safe_name(c, filename), *dir, *path;
	int64_t id = l->id, aid;
	size_t i;
	FILE *f;

	int readable = 0;

	for (i = 0; i < l->natt; i++)
		if (!l->att[i].removed && l->att[i].url[0] == '\0' &&
		    strcmp(l->att[i].content_type, "application/octet-stream") != 0)
			readable = 1;
	if (li_attachment_acceptable(c, filename, data, len, readable, e) == -1)
		return -1;
	if (title == NULL || title[0] == '\0')
		title = name;
	if (!line_ok(title, 300))
		return err_set(e, 400, "title", "An attachment's title is one line of at most 300 characters.");
	if (db_begin(c->db, e) == -1)
		return -1;
	if (db_int(c->db, e, &aid, "INSERT INTO liaison_attachment (liaison_id, title, filename, content_type, size, created) "
	    "VALUES (?, ?, ?, ?, ?, ?) RETURNING id", "isssis", id, title, name, sniffed_types[kind], (int64_t)len,
	    now_iso(c)) != 1)
		goto fail;
	dir = arena_printf(c->a, "%s/liaison/%lld", config_str(c->cfg, CFG_DATA), (long long)id);
	path = arena_printf(c->a, "%s/%lld", dir, (long long)aid);
	{
		char tmp[4200];
		snprintf(tmp, sizeof(tmp), "%s/liaison", config_str(c->cfg, CFG_DATA));
		mkdir(tmp, 0750);
		mkdir(dir, 0750);
	}
	if ((f = fopen(path, "wbx")) == NULL || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		err_set(e, 500, "store", "The attachment could not be stored.");
		goto fail;
	}
	if (fts_update(c, id, e) == -1 || ev(c, id, "attachment", e, "Added attachment: %s (%s, %zu bytes)", title,
	    sniffed_types[kind], len) == -1) {
		unlink(path);
		goto fail;
	}
	if (db_commit(c->db, e) == -1) {
		unlink(path);
		return -1;
	}
	/* Keep the in-memory statement current for the next file of the same request. */
	{
		struct li_attachment *v = arena_calloc(c->a, l->natt + 1, sizeof(*v));
		if (v != NULL) {
			if (l->natt)
				memcpy(v, l->att, l->natt * sizeof(*v));
			v[l->natt].id = aid;
			v[l->natt].title = title;
			v[l->natt].filename = name;
			v[l->natt].content_type = sniffed_types[kind];
			v[l->natt].url = "";
			l->att = v;
			l->natt++;
		}
	}
	return 0;
fail:
	db_rollback(c->db);
	return -1;
}

static int
attach_as_system(struct li_ctx *c, int64_t id, const char *filename, const char *data, size_t len, struct err *e)
{
	struct liaison l;

	if (load(c, id, &l, e) == -1)
		return -1;
	return store_attachment(c, &l, NULL, filename, data, len, e);
}

int
li_attach(struct li_ctx *c, int64_t id, const char *title, const char *filename, const char *data, size_t len, struct err *e)
{
	struct liaison l;

	if (edit_checked(c, id, &l, e) == -1)
		return -1;
	return store_attachment(c, &l, title, filename, data, len, e);
}

int
li_attach_url(struct li_ctx *c, int64_t id, const char *title, const char *url, struct err *e)
{
	struct liaison l;
	int64_t aid;

	if (edit_checked(c, id, &l, e) == -1)
		return -1;
	if (url == NULL || (strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0) || strlen(url) > 1000 ||
	    !idt_text_valid(url, strlen(url), 0) || strchr(url, ' ') || strchr(url, '"') || strchr(url, '<'))
		return err_set(e, 400, "url", "A reference is an http:// or https:// URL.");
	if (!line_ok(title, 300))
		return err_set(e, 400, "title", "A reference needs a title (one line, at most 300 characters).");
	if (db_begin(c->db, e) == -1)
		return -1;
	if (db_int(c->db, e, &aid, "INSERT INTO liaison_attachment (liaison_id, title, url, created) VALUES (?, ?, ?, ?) "
	    "RETURNING id", "isss", id, title, url, now_iso(c)) != 1 || fts_update(c, id, e) == -1 ||
	    ev(c, id, "attachment", e, "Added reference: %s (%s)", title, url) == -1) {
		db_rollback(c->db);
		return -1;
	}
	return db_commit(c->db, e);
}

int
li_attachment_remove(struct li_ctx *c, int64_t id, int64_t att, struct err *e)
{
	struct liaison l;
	const char *title = NULL;
	size_t i;

	if (edit_checked(c, id, &l, e) == -1)
		return -1;
	for (i = 0; i < l.natt; i++)
		if (l.att[i].id == att && !l.att[i].removed)
			title = l.att[i].title;
	if (title == NULL)
		return err_set(e, 404, "attachment", "This statement has no attachment %lld.", (long long)att);
	if (db_begin(c->db, e) == -1)
		return -1;
	if (db_run(c->db, e, "UPDATE liaison_attachment SET removed = 1 WHERE id = ? AND liaison_id = ?", "ii", att, id) == -1 ||
	    fts_update(c, id, e) == -1 || ev(c, id, "attachment_removed", e, "Attachment Removed: %s", title) == -1) {
		db_rollback(c->db);
		return -1;
	}
	return db_commit(c->db, e);
}

int
li_attachment_file(struct li_ctx *c, int64_t id, int64_t att, struct li_attachment *out, const char **path, struct err *e)
{
	struct liaison l;
	size_t i;

	if (li_get(c, id, &l, e) == -1)
		return -1;
	for (i = 0; i < l.natt; i++)
		if (l.att[i].id == att && !l.att[i].removed && l.att[i].url[0] == '\0') {
			*out = l.att[i];
			*path = arena_printf(c->a, "%s/liaison/%lld/%lld", config_str(c->cfg, CFG_DATA), (long long)id, (long long)att);
			return 0;
		}
	return err_set(e, 404, "attachment", "This statement has no attachment %lld.", (long long)att);
}

/* ---- the public (L15) ---- */

static int
moderators(struct li_ctx *c, struct mail_rcpts *to, struct err *e)
{
	struct buf b;

	buf_init(&b, c->a, 0);
	if (role_people(c, "liaison_coordinator", "iab", &b, NULL, e) == -1)
		return -1;
	mail_rcpts_add_list(c->a, to, buf_cstr(&b));
	mail_rcpts_add_list(c->a, to, config_str(c->cfg, CFG_SECRETARIAT));
	return 0;
}

int
li_public_submit(struct li_ctx *c, const struct li_public *in, int64_t *id, struct err *e)
{
	const struct li_purpose *p = li_purpose_get(in->purpose);
	const char *now = now_iso(c), *contact;
	char tok[TOKEN_LEN + 1], h[TOKEN_HASH_LEN + 1];
	struct li_group *to;
	struct mail_rcpts r = { .n = 0 };
	int64_t n;
	int nto;

	*id = 0;
	if (!line_ok(in->org, 200))
		return err_set(e, 400, "org", "Name your organization (one line).");
	if (!line_ok(in->name, 200))
		return err_set(e, 400, "name", "Give your name (one line).");
	if (in->email == NULL || !idt_email_valid(in->email))
		return err_set(e, 400, "email", "Give an e-mail address we can confirm.");
	if (!line_ok(in->title, TITLE_MAX))
		return err_set(e, 400, "title", "The title is required: one line, at most %d characters.", TITLE_MAX);
	if (p == NULL || strcmp(p->slug, "response") == 0)
		return err_set(e, 400, "purpose", "The purpose is action, comment or info.");
	if (p->deadline_required && !date_ok(in->deadline))
		return err_set(e, 400, "deadline", "A statement %s needs a deadline (YYYY-MM-DD).", p->name);
	if (in->body == NULL || in->body[0] == '\0' || strlen(in->body) > BODY_MAX || !idt_text_valid(in->body, strlen(in->body), 1))
		return err_set(e, 400, "body", "Give the statement's text (plain text, at most 1 MiB).");
	{
		const char *acr[1] = { in->to_group };
		if (in->to_group == NULL || (nto = resolve_groups(c, acr, 1, "To", &to, e)) == -1)
			return in->to_group == NULL ? err_set(e, 400, "groups", "Name the IETF group it is for.") : -1;
		if (strcmp(to[0].type, "sdo") == 0)
			return err_set(e, 400, "groups", "A statement to the IETF is addressed to an IETF or IAB group.");
	}
	/* Rate limits per address and per client, a day. */
	if (db_int(c->db, e, &n, "SELECT count(*) FROM liaison WHERE submitter_person IS NULL AND created >= ? AND "
	    "(remote_ip = ? OR from_contact LIKE ?)", "sss", today(c), in->ip ? in->ip : "", arena_printf(c->a, "%%<%s>", in->email))
	    == -1)
		return -1;
	if (n >= config_int(c->cfg, CFG_LIAISON_PUBLIC_DAILY))
		return err_set(e, 429, "limit", "The daily limit of %lld public submissions from this address has been reached; "
		    "try again tomorrow or write to the IAB liaison coordinators.", config_int(c->cfg, CFG_LIAISON_PUBLIC_DAILY));
	contact = arena_printf(c->a, "%s <%s>", in->name, in->email);
	if (strpbrk(in->name, "<>\",") != NULL)
		return err_set(e, 400, "name", "Your name cannot hold < > \" or commas.");
	token_new(tok);
	token_hash(tok, h);
	if (db_begin(c->db, e) == -1)
		return -1;
	if (db_int(c->db, e, id, "INSERT INTO liaison (direction, state, title, body, purpose, deadline, from_contact, to_contacts, "
	    "other_identifiers, submitted, created, updated, from_org, remote_ip, confirm_hash, confirmed) VALUES ('incoming', "
	    "'moderation', ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, 0) RETURNING id", "ssssssssssss", in->title, in->body, p->slug,
	    in->deadline ? in->deadline : "", contact, in->other_identifiers ? in->other_identifiers : "", today(c), now, now,
	    in->org, in->ip ? in->ip : "", h) != 1 ||
	    db_run(c->db, e, "INSERT INTO liaison_group (liaison_id, side, group_id, ord) VALUES (?, 'to', ?, 0)", "ii", *id,
	    to[0].id) == -1 || fts_update(c, *id, e) == -1 ||
	    ev(c, *id, "submitted", e, "Statement submitted by the public (%s, %s), waiting for the contact's confirmation",
	    in->org, contact) == -1)
		goto fail;
	mail_rcpts_add_list(c->a, &r, contact);
	{
		struct mail_field f[] = {
			{ "title", in->title }, { "site", site(c) },
			{ "url", arena_printf(c->a, "%s/liaison/submit/%lld/confirm/%s/", site(c), (long long)*id, tok) },
		};
		if (queue(c, *id, TPL_LIAISON_CONFIRM, f, 3, &r, NULL, e) == -1)
			goto fail;
	}
	return db_commit(c->db, e);
fail:
	db_rollback(c->db);
	return -1;
}

int
li_public_confirm(struct li_ctx *c, int64_t id, const char *tok, struct err *e)
{
	struct liaison l;
	struct mail_rcpts to = { .n = 0 };
	struct mail_field f[NFIELDS];
	char h[TOKEN_HASH_LEN + 1], stored[TOKEN_HASH_LEN + 1] = "";
	struct db_stmt *st;
	int64_t n;

	if (tok == NULL || strlen(tok) != TOKEN_LEN)
		return err_set(e, 404, "token", "This confirmation link is not valid.");
	if ((st = db_query(c->db, e, "SELECT confirm_hash FROM liaison WHERE id = ? AND state = 'moderation'", "i", id)) == NULL)
		return -1;
	if (db_step(st, e) == 1)
		snprintf(stored, sizeof(stored), "%s", db_col_text(st, 0));
	db_done(st);
	token_hash(tok, h);
	if (stored[0] == '\0' || !token_equal(h, stored))
		return err_set(e, 404, "token", "This confirmation link is not valid.");
	if (db_begin(c->db, e) == -1)
		return -1;
	if ((n = db_run(c->db, e, "UPDATE liaison SET confirmed = 1, confirm_hash = '', updated = ? WHERE id = ? AND confirmed = 0",
	    "si", now_iso(c), id)) == -1)
		goto fail;
	if (n == 0) {
		db_rollback(c->db);
		return 0;	/* confirmed already: nothing to do */
	}
	if (load(c, id, &l, e) == -1 || ev(c, id, "confirmed", e, "The contact confirmed the address; waiting for moderation") == -1 ||
	    moderators(c, &to, e) == -1)
		goto fail;
	fields_of(c, &l, f);
	if (queue(c, id, TPL_LIAISON_MODERATE, f, NFIELDS, &to, NULL, e) == -1)
		goto fail;
	return db_commit(c->db, e);
fail:
	db_rollback(c->db);
	return -1;
}

/* ---- statements by mail ---- */

static const struct config *mail_cfg;
static const struct mail_ctx *mail_mctx;

void
li_mail_in_setup(const struct config *cfg, const struct mail_ctx *mail)
{
	mail_cfg = cfg;
	mail_mctx = mail;
}

int
li_owns_address(const char *recipient)
{
	return mail_cfg != NULL && strcasecmp(recipient, config_str(mail_cfg, CFG_STATEMENTS_ADDRESS)) == 0;
}

int
li_mail_in(struct db *db, struct arena *a, const struct mail_in *m, struct err *e)
{
	struct li_ctx c;
	struct user anon;
	struct mail_rcpts to = { .n = 0 };
	struct liaison l;
	int64_t id;
	size_t i;
	const char *title, *body, *now;

	memset(&anon, 0, sizeof(anon));
	memset(&c, 0, sizeof(c));
	c.db = db;
	c.a = a;
	c.cfg = mail_cfg;
	c.mail = mail_mctx;
	c.user = &anon;
	c.now = time_now();
	if (c.cfg == NULL)
		return err_set(e, 500, "setup", "The liaison office was not set up for mail.");
	now = now_iso(&c);
	title = m->subject[0] ? m->subject : "(no subject)";
	if (strlen(title) > TITLE_MAX)
		title = arena_strndup(a, title, TITLE_MAX);
	body = m->text ? m->text : "";
	if (!idt_text_valid(body, strlen(body), 1))
		body = "(the text of the mail could not be read; see the attachments)";
	/* The Message-ID keys the statement, so an MTA's retry after a crash adds nothing. */
	if (db_int(db, e, &id, "SELECT l.id FROM liaison l JOIN event v ON v.object_type = 'liaison' AND v.object_id = "
	    "CAST(l.id AS TEXT) AND v.verb = 'msgin' WHERE v.detail = ?", "s", arena_printf(a, "Received %s", m->message_id)) == 1)
		return 0;
	if (db_begin(db, e) == -1)
		return -1;
	if (db_int(db, e, &id, "INSERT INTO liaison (direction, state, title, body, purpose, from_contact, submitted, created, "
	    "updated, from_org, confirmed) VALUES ('incoming', 'moderation', ?, ?, 'info', ?, ?, ?, ?, '', 1) RETURNING id",
	    "ssssss", title, body, m->from_name[0] ? arena_printf(a, "%s <%s>", m->from_name, m->from) : m->from,
	    arena_printf(a, "%.10s", now), now, now) != 1 ||
	    event_add(db, e, 0, "liaison", arena_printf(a, "%lld", (long long)id), "msgin",
	    arena_printf(a, "Received %s", m->message_id)) == -1)
		goto fail;
	if (db_commit(db, e) == -1)
		return -1;
	/* Attachments as the office takes them (readable first, so others find their companion). */
	for (i = 0; i < m->nparts; i++) {
		const struct mail_in_part *p = &m->parts[i];
		struct err e2 = { 0 };
		if (!p->attachment || p->len == 0)
			continue;
		if (attach_as_system(&c, id, p->filename ? p->filename : "attachment", p->data, p->len, &e2) == -1)
			log_info("liaison %lld: attachment %s not kept: %s", (long long)id, p->filename ? p->filename : "", e2.msg);
	}
	if (load(&c, id, &l, e) == -1 || moderators(&c, &to, e) == -1)
		return -1;
	{
		struct mail_field f[NFIELDS];
		fields_of(&c, &l, f);
		if (db_begin(db, e) == -1)
			return -1;
		if (fts_update(&c, id, e) == -1 || queue(&c, id, TPL_LIAISON_MODERATE, f, NFIELDS, &to, NULL, e) == -1)
			goto fail;
		return db_commit(db, e);
	}
fail:
	db_rollback(db);
	return -1;
}

/* The search index from the statements' rows, for a database whose rows arrived without it
 * (idtracker migrate-db): the same fts_update() the writes use, so the engine's own index
 * (FTS5 or PostgreSQL's) gets exactly what a live office would have. */
int
li_search_rebuild(struct db *db, int64_t *count, struct err *e)
{
	struct db_stmt *st;
	int64_t *ids = NULL, n = 0, cap = 0, i;
	int rc;

	*count = 0;
	if ((st = db_query(db, e, "SELECT id FROM liaison ORDER BY id", "")) == NULL)
		return -1;
	while ((rc = db_step(st, e)) == 1) {
		if (n == cap) {
			int64_t *p = realloc(ids, (size_t)(cap = cap ? cap * 2 : 1024) * sizeof(*ids));
			if (p == NULL) {
				db_done(st);
				free(ids);
				return err_set(e, 500, "memory", "Out of memory rebuilding the search index.");
			}
			ids = p;
		}
		ids[n++] = db_col_int(st, 0);
	}
	if (rc == -1) {
		free(ids);
		return -1;
	}
	db_done(st);
	for (i = 0; i < n; i++) {
		struct arena a;
		struct li_ctx c = { .db = db };
		arena_init(&a, 0);
		c.a = &a;
		rc = fts_update(&c, ids[i], e);
		arena_release(&a);
		if (rc == -1) {
			free(ids);
			return -1;
		}
	}
	free(ids);
	*count = n;
	return 0;
}
