/* document.c: see document.h. Reads join the revision, author and relation rows; writes happen
 * inside the caller's transaction (posting is one transaction with the submission's change). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/arena.h"
#include "../core/err.h"
#include "../db/db.h"
#include "../db/event.h"
#include "document.h"

#define DOC_COLS "id, name, rev, title, abstract, group_acronym, stream, state, intended_status, " \
	"discuss_email, expires, created, updated, pages, wg, wg_state, " \
	"coalesce((SELECT ends FROM wg_call w WHERE w.document_id = document.id AND w.state = 'open'), '')"

static void
doc_from_row(struct arena *a, struct db_stmt *s, struct document *d)
{
	memset(d, 0, sizeof(*d));
	d->id = db_col_int(s, 0);
	d->name = arena_strdup(a, db_col_text(s, 1));
	d->rev = arena_strdup(a, db_col_text(s, 2));
	d->title = arena_strdup(a, db_col_text(s, 3));
	d->abstract = arena_strdup(a, db_col_text(s, 4));
	d->group = arena_strdup(a, db_col_text(s, 5));
	d->stream = arena_strdup(a, db_col_text(s, 6));
	d->state = arena_strdup(a, db_col_text(s, 7));
	d->intended_status = arena_strdup(a, db_col_text(s, 8));
	d->discuss_email = arena_strdup(a, db_col_text(s, 9));
	d->expires = arena_strdup(a, db_col_text(s, 10));
	d->created = arena_strdup(a, db_col_text(s, 11));
	d->updated = arena_strdup(a, db_col_text(s, 12));
	d->pages = (int)db_col_int(s, 13);
	d->wg = arena_strdup(a, db_col_text(s, 14));
	d->wg_state = arena_strdup(a, db_col_text(s, 15));
	d->call_ends = arena_strdup(a, db_col_text(s, 16));
}

static int
oom(struct err *e)
{
	return err_set(e, 500, "memory", "Out of memory.");
}

int
doc_get(struct db *db, struct arena *a, struct err *e, const char *name, struct document *d)
{
	struct db_stmt *s;
	size_t cap;
	int rc;

	if ((s = db_query(db, e, "SELECT " DOC_COLS " FROM document WHERE name = ?", "s", name)) == NULL)
		return -1;
	if ((rc = db_step(s, e)) != 1) {
		db_done(s);
		return rc == 0 ? err_set(e, 404, "document", "There is no Internet-Draft named %.80s here.", name) : -1;
	}
	doc_from_row(a, s, d);
	db_done(s);

	if ((s = db_query(db, e, "SELECT coalesce(person_id, 0), name, email, org, country FROM doc_author "
	    "WHERE document_id = ? ORDER BY ord", "i", d->id)) == NULL)
		return -1;
	cap = 0;
	while ((rc = db_step(s, e)) == 1) {
		struct doc_author *x;
		if ((d->authors = arena_grow(a, d->authors, d->nauthors, &cap, sizeof(*d->authors))) == NULL) {
			db_done(s);
			return oom(e);
		}
		x = &d->authors[d->nauthors++];
		x->person_id = db_col_int(s, 0);
		x->name = arena_strdup(a, db_col_text(s, 1));
		x->email = arena_strdup(a, db_col_text(s, 2));
		x->org = arena_strdup(a, db_col_text(s, 3));
		x->country = arena_strdup(a, db_col_text(s, 4));
	}
	if (rc == -1)
		return -1;
	db_done(s);

	if ((s = db_query(db, e, "SELECT rev, title, file_types, submitter, posted, pages, submission_id "
	    "FROM doc_revision WHERE document_id = ? ORDER BY rev", "i", d->id)) == NULL)
		return -1;
	cap = 0;
	while ((rc = db_step(s, e)) == 1) {
		struct doc_revision *x;
		if ((d->revs = arena_grow(a, d->revs, d->nrevs, &cap, sizeof(*d->revs))) == NULL) {
			db_done(s);
			return oom(e);
		}
		x = &d->revs[d->nrevs++];
		x->rev = arena_strdup(a, db_col_text(s, 0));
		x->title = arena_strdup(a, db_col_text(s, 1));
		x->file_types = arena_strdup(a, db_col_text(s, 2));
		x->submitter = arena_strdup(a, db_col_text(s, 3));
		x->posted = arena_strdup(a, db_col_text(s, 4));
		x->pages = (int)db_col_int(s, 5);
		x->submission_id = db_col_int(s, 6);
	}
	if (rc == -1)
		return -1;
	db_done(s);

	if ((s = db_query(db, e,
	    "SELECT d.name, r.kind, 0 FROM doc_relation r JOIN document d ON d.id = r.target_id WHERE r.source_id = ? "
	    "UNION ALL SELECT d.name, r.kind, 1 FROM doc_relation r JOIN document d ON d.id = r.source_id "
	    "WHERE r.target_id = ? ORDER BY 3, 1", "ii", d->id, d->id)) == NULL)
		return -1;
	cap = 0;
	while ((rc = db_step(s, e)) == 1) {
		struct doc_relation *x;
		if ((d->rels = arena_grow(a, d->rels, d->nrels, &cap, sizeof(*d->rels))) == NULL) {
			db_done(s);
			return oom(e);
		}
		x = &d->rels[d->nrels++];
		x->name = arena_strdup(a, db_col_text(s, 0));
		x->kind = arena_strdup(a, db_col_text(s, 1));
		x->incoming = (int)db_col_int(s, 2);
	}
	if (rc == -1)
		return -1;
	db_done(s);
	return 0;
}

int
doc_find(struct db *db, struct err *e, const char *name, int64_t *id, char rev[4], char state[16])
{
	struct db_stmt *s;
	int rc;

	if ((s = db_query(db, e, "SELECT id, rev, state FROM document WHERE name = ?", "s", name)) == NULL)
		return -1;
	if ((rc = db_step(s, e)) == 1) {
		*id = db_col_int(s, 0);
		snprintf(rev, 4, "%s", db_col_text(s, 1));
		snprintf(state, 16, "%s", db_col_text(s, 2));
	}
	if (rc != -1)
		db_done(s);
	return rc;
}

/* The newest documents whose names hold a piece (the documents page's search): the name pattern
 * from what was typed ("%" for nothing), lowercased (names are); "" when no name could hold it
 * (names are letters, digits and hyphens, so nothing else needs escaping in LIKE, and LIKE ''
 * matches no name); NULL when out of memory. */
static const char *
name_pattern(struct arena *a, const char *q)
{
	size_t i, n = strlen(q);
	char *p;

	if ((p = arena_alloc(a, n + 3)) == NULL)
		return NULL;
	p[0] = '%';
	for (i = 0; i < n; i++) {
		char c = q[i] >= 'A' && q[i] <= 'Z' ? (char)(q[i] - 'A' + 'a') : q[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
			return "";
		p[i + 1] = c;
	}
	p[n + 1] = '%';
	p[n + 2] = '\0';
	return p;
}

/* A list's columns: DOC_COLS without the abstract, which no list shows. */
#define DOC_LIST_COLS "id, name, rev, title, '', group_acronym, stream, state, intended_status, " \
	"discuss_email, expires, created, updated, pages, wg, wg_state, " \
	"coalesce((SELECT ends FROM wg_call w WHERE w.document_id = document.id AND w.state = 'open'), '')"

static int
doc_rows(struct arena *a, struct err *e, struct db_stmt *s, struct document **out, size_t *n)
{
	size_t cap = 0;
	int rc;

	if (s == NULL)
		return -1;
	*out = NULL;
	*n = 0;
	while ((rc = db_step(s, e)) == 1) {
		if ((*out = arena_grow(a, *out, *n, &cap, sizeof(**out))) == NULL) {
			db_done(s);
			return oom(e);
		}
		doc_from_row(a, s, &(*out)[(*n)++]);
	}
	if (rc == -1)
		return -1;
	db_done(s);
	return 0;
}

/* The list's order: the most recently updated first, then by name (byte order, as SQLite's BINARY
 * and PostgreSQL's C.UTF-8 compare names). */
static int
recent_cmp(const void *pa, const void *pb)
{
	const struct document *a = pa, *b = pb;
	int c = strcmp(b->updated, a->updated);

	return c != 0 ? c : strcmp(a->name, b->name);
}

/* The rows of the documents that stmt s names (by id, or by name when by_name; at most the page's),
 * in the list's order. The matches first, from an index, then the rows of those only: a sort in SQL
 * of the matching rows copied each into SQLite's sorter, and reading the rows of every match cost a
 * read of each. */
static int
doc_rows_of(struct db *db, struct arena *a, struct err *e, struct db_stmt *s, int by_name, struct document **out, size_t *n)
{
	const char *keys;
	size_t k;

	if ((keys = db_col0_json(s, a, by_name, &k, e)) == NULL)
		return -1;
	if (k == 0)
		return 0;
	if (doc_rows(a, e, db_query(db, e, by_name ? "SELECT " DOC_LIST_COLS " FROM document WHERE name IN (SELECT value FROM "
	    "json_each(?))" : "SELECT " DOC_LIST_COLS " FROM document WHERE id IN (SELECT CAST(value AS BIGINT) FROM json_each(?))",
	    "s", keys), out, n) == -1)
		return -1;
	if (*n > 1)
		qsort(*out, *n, sizeof(**out), recent_cmp);
	return 0;
}

int
doc_list_window(struct db *db, struct arena *a, struct err *e, const char *q, const char *group, int limit, int window,
    struct document **out, size_t *n)
{
	const char *like;

	*out = NULL;
	*n = 0;
	if ((like = name_pattern(a, q ? q : "")) == NULL)
		return oom(e);
	/* A group's documents: its own index, a few thousand at most to order. */
	if (group && group[0])
		return doc_rows(a, e, db_query(db, e, "SELECT " DOC_LIST_COLS " FROM document WHERE group_acronym = ? AND "
		    "name LIKE ? ORDER BY updated DESC, name LIMIT ?", "ssi", group, like, (int64_t)limit), out, n);
	if (q == NULL || q[0] == '\0')
		return doc_rows(a, e, db_query(db, e, "SELECT " DOC_LIST_COLS " FROM document ORDER BY updated DESC, name LIMIT ?",
		    "i", (int64_t)limit), out, n);
	if (like[0] == '\0')
		return 0;	/* no name holds it */
	/* Under three characters no trigram helps, and such a piece is in most names: the names in the
	 * list's order (document_recent) until the page is full. */
	if (strlen(q) < 3)
		return doc_rows(a, e, db_query(db, e, "SELECT " DOC_LIST_COLS " FROM document WHERE name LIKE ? ORDER BY "
		    "updated DESC, name LIMIT ?", "si", like, (int64_t)limit), out, n);
	/* The newest names first, from document_recent alone (it holds them and the times; PostgreSQL
	 * reads it without the table): a piece that is common fills the page from them. */
	if (doc_rows_of(db, a, e, db_query(db, e, "SELECT name FROM (SELECT name, updated FROM document ORDER BY updated DESC, "
	    "name LIMIT ?) w WHERE name LIKE ? ORDER BY updated DESC, name LIMIT ?", "isi", (int64_t)window, like, (int64_t)limit),
	    1, out, n) == -1)
		return -1;
	if (*n == (size_t)limit)
		return 0;
	/* A rarer one: every name that holds it, from the trigram index (migration 014). */
	return doc_rows_of(db, a, e, db_query(db, e, "SELECT id FROM document WHERE id IN (SELECT rowid FROM doc_name_trgm "
	    "WHERE name LIKE ?) ORDER BY updated DESC, name LIMIT ?", "si", like, (int64_t)limit), 0, out, n);
}

int
doc_list(struct db *db, struct arena *a, struct err *e, const char *q, const char *group, int limit,
    struct document **out, size_t *n)
{
	/* Four pages' worth of the newest names: 0.3 ms on SQLite, 2 ms on PostgreSQL at 1,000,000. */
	return doc_list_window(db, a, e, q, group, limit, 4 * limit, out, n);
}

int
doc_has_author(struct db *db, struct err *e, int64_t doc_id, const char *const *emails, size_t n)
{
	int64_t found;
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		if (emails[i] == NULL || emails[i][0] == '\0')
			continue;
		rc = db_int(db, e, &found, "SELECT 1 FROM doc_author WHERE document_id = ? AND lower(email) = lower(?)",
		    "is", doc_id, emails[i]);
		if (rc != 0)
			return rc;
	}
	return 0;
}

static const char *
stream_of(const char *name)
{
	if (strncmp(name, "draft-ietf-", 11) == 0)
		return "ietf";
	if (strncmp(name, "draft-irtf-", 11) == 0)
		return "irtf";
	if (strncmp(name, "draft-iab-", 10) == 0)
		return "iab";
	return "";
}

int
doc_name_words(struct db *db, struct err *e, int64_t doc_id, const char *name)
{
	const char *p, *dash;
	char word[64];
	int pos = 0;

	/* Individual drafts only: an IETF or IRTF draft is its group's own (migration 011). */
	if (strncmp(name, "draft-", 6) != 0 || strncmp(name, "draft-ietf-", 11) == 0 || strncmp(name, "draft-irtf-", 11) == 0)
		return 0;
	for (p = name + 6; (dash = strchr(p, '-')) != NULL; p = dash + 1) {
		size_t len = (size_t)(dash - p);
		/* pos 0 is the person or stream; the last word (no dash after it) is never taken. */
		if (pos++ == 0 || len == 0 || len >= sizeof(word))
			continue;
		memcpy(word, p, len);
		word[len] = '\0';
		if (db_run(db, e, "INSERT INTO doc_name_word (word, document_id) VALUES (?, ?) ON CONFLICT DO NOTHING", "si",
		    word, doc_id) == -1)
			return -1;
	}
	return 0;
}

int
doc_post(struct db *db, struct err *e, const struct doc_post *p, int64_t *doc_id)
{
	char rev[4], state[16], detail[160];
	int64_t id = 0, pid;
	size_t i;
	int rc;

	if ((rc = doc_find(db, e, p->name, &id, rev, state)) == -1)
		return -1;
	if (rc == 0) {
		if (db_int(db, e, &id, "INSERT INTO document (name, rev, title, abstract, group_acronym, stream, pages, "
		    "intended_status, discuss_email, expires, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
		    "RETURNING id", "ssssssdsssss", p->name, p->rev, p->title, p->abstract, p->group, stream_of(p->name),
		    p->pages, p->intended_status, p->discuss_email, p->expires, p->now, p->now) != 1 ||
		    doc_name_words(db, e, id, p->name) == -1)
			return -1;
	} else if (db_run(db, e, "UPDATE document SET rev = ?, title = ?, abstract = ?, group_acronym = ?, pages = ?, "
	    "intended_status = ?, discuss_email = CASE WHEN ? = '' THEN discuss_email ELSE ? END, expires = ?, "
	    "state = 'active', updated = ? WHERE id = ?", "ssssdsssssi", p->rev, p->title, p->abstract, p->group, p->pages,
	    p->intended_status, p->discuss_email, p->discuss_email, p->expires, p->now, id) == -1)
		return -1;
	if (db_run(db, e, "INSERT INTO doc_revision (document_id, rev, title, pages, file_types, submission_id, submitter, "
	    "posted) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "issdsiss", id, p->rev, p->title, p->pages, p->file_types,
	    p->submission_id, p->submitter, p->now) == -1) {
		if (e->status == 409)
			err_set(e, 409, "posted", "%s-%s has been posted already.", p->name, p->rev);
		return -1;
	}
	if (db_run(db, e, "DELETE FROM doc_author WHERE document_id = ?", "i", id) == -1)
		return -1;
	for (i = 0; i < p->nauthors; i++) {
		const struct doc_author *x = &p->authors[i];
		pid = 0;
		if (x->email && x->email[0] &&
		    db_int(db, e, &pid, "SELECT person_id FROM email WHERE address = lower(?)", "s", x->email) == -1)
			return -1;
		if (db_run(db, e, "INSERT INTO doc_author (document_id, ord, person_id, name, email, org, country) "
		    "VALUES (?, ?, ?, ?, ?, ?, ?)", "idnssss", id, (int)i, pid, x->name ? x->name : "",
		    x->email ? x->email : "", x->org ? x->org : "", x->country ? x->country : "") == -1)
			return -1;
	}
	/* A WG -00 is a WG document from its first posting (DATATRACKER.md 3.12). */
	if (strncmp(p->name, "draft-ietf-", 11) == 0 && strcmp(p->rev, "00") == 0 && p->group && p->group[0] &&
	    db_run(db, e, "UPDATE document SET wg_state = 'wg-doc', wg = ? WHERE id = ? AND wg_state = ''", "si", p->group, id) == -1)
		return -1;
	snprintf(detail, sizeof(detail), "New version available: %s-%s", p->name, p->rev);
	if (event_add(db, e, p->actor, "document", p->name, "new_revision", detail) == -1)
		return -1;
	*doc_id = id;
	return 0;
}

int
doc_relate(struct db *db, struct err *e, int64_t actor, int64_t source, int64_t target, const char *kind,
    const char *now)
{
	struct db_stmt *s;
	char sname[80] = "", tname[80] = "", detail[200];
	int rc;

	if ((s = db_query(db, e, "SELECT (SELECT name FROM document WHERE id = ?), (SELECT name FROM document WHERE id = ?)",
	    "ii", source, target)) == NULL)
		return -1;
	if ((rc = db_step(s, e)) == 1) {
		snprintf(sname, sizeof(sname), "%s", db_col_text(s, 0));
		snprintf(tname, sizeof(tname), "%s", db_col_text(s, 1));
		db_done(s);
	} else if (rc == -1)
		return -1;
	else
		db_done(s);
	if (db_run(db, e, "INSERT INTO doc_relation (source_id, target_id, kind, created) VALUES (?, ?, ?, ?) "
	    "ON CONFLICT DO NOTHING", "iiss", source, target, kind, now) == -1)
		return -1;
	if (strcmp(kind, "replaces") == 0) {
		if (db_run(db, e, "DELETE FROM doc_relation WHERE source_id = ? AND target_id = ? AND kind = 'possibly-replaces'",
		    "ii", source, target) == -1 ||
		    db_run(db, e, "UPDATE document SET state = 'repl', updated = ? WHERE id = ?", "si", now, target) == -1)
			return -1;
		/* A3: the adopted individual draft is marked replaced by the WG -00: the checklist's last step. */
		if (db_run(db, e, "INSERT INTO wg_checklist (document_id, step, done, by_person, note) SELECT ?, 'replaced', ?, ?, ? "
		    "WHERE EXISTS (SELECT 1 FROM wg_call WHERE document_id = ? AND kind = 'adoption') ON CONFLICT DO NOTHING", "isnsi",
		    target, now, actor, sname, target) == -1)
			return -1;
		snprintf(detail, sizeof(detail), "This document now replaces %s", tname);
		if (event_add(db, e, actor, "document", sname, "replaces", detail) == -1)
			return -1;
		snprintf(detail, sizeof(detail), "Replaced by %s", sname);
		return event_add(db, e, actor, "document", tname, "replaced", detail);
	}
	snprintf(detail, sizeof(detail), "Suggested replacement of %s (waiting for the chairs)", tname);
	return event_add(db, e, actor, "document", sname, "possibly_replaces", detail);
}
