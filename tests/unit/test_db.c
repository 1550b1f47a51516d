/* test_db.c: the SQLite backend on a real file: migrations are idempotent, constraints are 409s,
 * events demand a transaction, the permission matrix and group/role rules on real rows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "testlib.h"

#include "auth/perm.h"
#include "auth/session.h"
#include "auth/token.h"
#include "auth/user.h"
#include "core/arena.h"
#include "core/embed.h"
#include "core/err.h"
#include "db/db.h"
#include "db/event.h"
#include "doc/document.h"
#include "liaison/liaison.h"
#include "wg/group.h"

static char path[64];

static int
setup(void **state)
{
	if (token_init() == -1 || (*state = test_db_new(path, sizeof(path), "unit")) == NULL)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	struct db *db = *state;

	test_db_free(&db, path);
	return 0;
}


static void
test_migrate_twice_is_harmless(void **state)
{
	struct db *db = *state;
	struct err e = { 0 };
	int applied = -1;

	assert_int_equal(db_migrate(db, &applied, &e), 0);
	assert_int_equal(applied, 0);
	{
		int64_t n = 0;
		const struct embedded_file *f;
		for (f = embedded_sql; f->name != NULL; f++)
			n++;
		assert_true(n >= 2);
		assert_int_equal(test_count(db, "SELECT count(*) FROM schema_migrations"), n);
	}
	assert_int_equal(db_ping(db, &e), 0);
}

/* Issue 10: the WG page finds individual drafts named for a group through doc_name_word. Migrations
 * 009 and 011 fill it for the documents an office already has (no words of IETF or IRTF drafts),
 * doc_name_words() for new ones: the same words. */
static void
test_name_words_backfill_matches_doc_post(void **state)
{
	static const char *const names[] = { "draft-smith-quic-widgets", "draft-ietf-quic-a-b", "draft-x", "draft-a-b",
		"draft-p1-wg9-model-17", "draft-a--b-c", "rfc9000", "draft-irtf-cfrg-x-y", "draft-ietfer-tls-z",
		"draft-kim-quic-ietf-a", NULL };
	const char *expect = "b:6,ietf:10,model:5,quic:1,quic:10,tls:9,wg9:5";
	struct err e = { 0 };
	struct db_stmt *st;
	struct db *db;
	char got[256], own[64];
	int applied = 0, i;

	(void)state;
	/* A database of its own: the group's is shared by the other tests. */
	assert_non_null(db = test_db_new(own, sizeof(own), "words"));
	for (i = 0; names[i]; i++)
		assert_int_equal(db_run(db, &e, "INSERT INTO document (id, name, rev, title, expires, created, updated) VALUES "
		    "(?, ?, '00', 't', '', '', '')", "is", (int64_t)(i + 1), names[i]), 1);
	/* As an office made before 009: no word table; then the migration runs. */
	assert_int_equal(db_exec_script(db, "DROP TABLE doc_name_word; DROP INDEX document_wg; DROP INDEX liaison_cover; "
	    "DELETE FROM schema_migrations WHERE version IN (9, 11);", &e), 0);
	assert_int_equal(db_migrate(db, &applied, &e), 0);
	assert_int_equal(applied, 2);
	st = db_query(db, &e, "SELECT group_concat(x, ',') FROM (SELECT word || ':' || document_id AS x FROM doc_name_word "
	    "ORDER BY word, document_id)", "");
	assert_non_null(st);
	assert_int_equal(db_step(st, &e), 1);
	snprintf(got, sizeof(got), "%s", db_col_text(st, 0));
	db_done(st);
	assert_string_equal(got, expect);
	/* And what doc_post adds for a new document is the same rule. */
	assert_int_equal(db_exec_script(db, "DELETE FROM doc_name_word;", &e), 0);
	for (i = 0; names[i]; i++)
		assert_int_equal(doc_name_words(db, &e, (int64_t)(i + 1), names[i]), 0);
	st = db_query(db, &e, "SELECT group_concat(x, ',') FROM (SELECT word || ':' || document_id AS x FROM doc_name_word "
	    "ORDER BY word, document_id)", "");
	assert_non_null(st);
	assert_int_equal(db_step(st, &e), 1);
	assert_string_equal(db_col_text(st, 0), expect);
	db_done(st);
	test_db_free(&db, own);
}

/* A document of that name, created and last updated at that time. */
static void
add_doc(struct db *db, const char *name, const char *updated)
{
	struct err e = { 0 };

	assert_int_equal(db_run(db, &e, "INSERT INTO document (name, rev, title, expires, created, updated) VALUES "
	    "(?, '00', 't', '', ?, ?)", "sss", name, updated, updated), 1);
}

/* The documents page (/doc/, doc_list): the most recently updated first, a tie by name, walked in
 * that order from the index document_recent (migration 012) without sorting the table: where many
 * documents share a timestamp the old index on updated alone left all of them to a sort. */
static void
test_doc_list_order(void **state)
{
	static const struct { const char *name, *updated; } docs[] = {
		{ "draft-b-x", "2026-01-02T00:00:00Z" }, { "draft-a-x", "2026-01-02T00:00:00Z" },
		{ "draft-c-x", "2026-03-01T00:00:00Z" }, { "draft-d-x", "2025-12-31T00:00:00Z" },
		{ "draft-a-y", "2026-01-02T00:00:00Z" },
	};
	static const char *const want[] = { "draft-c-x", "draft-a-x", "draft-a-y", "draft-b-x" };
	struct err e = { 0 };
	struct document *v;
	struct db_stmt *st;
	struct arena a;
	struct db *db;
	char own[64], plan[1024] = "";
	size_t n, i;

	(void)state;
	assert_non_null(db = test_db_new(own, sizeof(own), "doclist"));
	arena_init(&a, 0);
	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++)
		add_doc(db, docs[i].name, docs[i].updated);
	assert_int_equal(doc_list(db, &a, &e, "", NULL, 4, &v, &n), 0);
	assert_int_equal(n, 4);
	for (i = 0; i < n; i++)
		assert_string_equal(v[i].name, want[i]);
	/* SQLite's plan for that order: the index, and no sorter (USE TEMP B-TREE) for any part of it. */
	st = db_query(db, &e, "EXPLAIN QUERY PLAN SELECT id FROM document ORDER BY updated DESC, name LIMIT 4", "");
	assert_non_null(st);
	while (db_step(st, &e) == 1)
		snprintf(plan + strlen(plan), sizeof(plan) - strlen(plan), "%s;", db_col_text(st, 3));
	db_done(st);
	assert_non_null(strstr(plan, "document_recent"));
	assert_null(strstr(plan, "TEMP B-TREE"));
	arena_release(&a);
	test_db_free(&db, own);
}

/* L6: the groups of a page of statements come from migration 016's index alone, in the page's order:
 * SQLite sorts nothing (no TEMP B-TREE) and reads no liaison_group row (a covering index). */
static void
test_liaison_groups_plan(void **state)
{
	struct err e = { 0 };
	struct db_stmt *st;
	struct db *db;
	char own[64], plan[1024] = "";

	(void)state;
	assert_non_null(db = test_db_new(own, sizeof(own), "lgplan"));
	assert_non_null(st = db_query(db, &e, "EXPLAIN QUERY PLAN " LI_GROUPS_SQL, "s", "[1,2,3]"));
	while (db_step(st, &e) == 1)
		snprintf(plan + strlen(plan), sizeof(plan) - strlen(plan), "%s;", db_col_text(st, 3));
	db_done(st);
	if (strstr(plan, "COVERING INDEX liaison_group_list") == NULL || strstr(plan, "TEMP B-TREE") != NULL)
		fail_msg("plan: %s", plan);
	test_db_free(&db, own);
}

/* Each statement's id, search key and the index row at that key ("-" if none), in id order. */
static void
search_keys(struct db *db, char *out, size_t size)
{
	struct err e = { 0 };
	struct db_stmt *st;

	assert_non_null(st = db_query(db, &e, "SELECT group_concat(x, ',') FROM (SELECT l.id || ':' || l.search_key || "
	    "':' || coalesce(f.rowid, '-') AS x FROM liaison l LEFT JOIN liaison_fts f ON f.rowid = l.search_key "
	    "ORDER BY l.id)", ""));
	assert_int_equal(db_step(st, &e), 1);
	snprintf(out, size, "%s", db_col_text(st, 0));
	db_done(st);
}

/* L6: a statement's search key (the rowid of its liaison_fts row, in the list's order) is written
 * by two hands: migration 010 for the statements an office already has, and liaison.c's SEARCH_KEY
 * (fts_update, li_search_rebuild) for every write since. Both must give the same key, or a statement
 * of an upgraded office would sit at the wrong place in a search, or be left behind by its next
 * fts_update (which deletes the row by the key it was given). */
/* The documents page's name search (/doc/?q=): the newest names first, from the newest names when a
 * piece is common and from the trigram index (migration 014) when they do not fill the page; both
 * give what a LIKE over every name, newest first, gives. Case does not matter (names are lowercase on
 * both engines); a character no name holds finds nothing. */
static void
test_doc_name_search(void **state)
{
	static const struct { const char *name, *updated; } docs[] = {
		{ "draft-ietf-quic-a", "2026-01-09T00:00:00Z" }, { "draft-smith-tls-b", "2026-01-08T00:00:00Z" },
		{ "draft-ietf-tls-c", "2026-01-07T00:00:00Z" }, { "draft-kim-ietf-d", "2026-01-06T00:00:00Z" },
		{ "draft-lee-quic-e", "2026-01-05T00:00:00Z" }, { "draft-old-rare-f", "2026-01-01T00:00:00Z" },
		{ "draft-ietf-rare-g", "2025-12-31T00:00:00Z" },
	};
	static const struct { const char *q; int window; const char *want; } cases[] = {
		{ "ietf", 3, "draft-ietf-quic-a draft-ietf-tls-c draft-kim-ietf-d" },	/* the window fills the page */
		{ "rare", 3, "draft-old-rare-f draft-ietf-rare-g" },			/* older than the window: the index */
		{ "RARE", 3, "draft-old-rare-f draft-ietf-rare-g" },
		{ "quic", 2, "draft-ietf-quic-a draft-lee-quic-e" },
		{ "ls-", 1, "draft-smith-tls-b draft-ietf-tls-c" },
		{ "-g", 2, "draft-ietf-rare-g" },					/* under three characters */
		{ "ra%e", 100, "" }, { "rare_", 100, "" }, { "q u", 100, "" },
	};
	struct err e = { 0 };
	struct document *v;
	struct arena a;
	struct db *db;
	char own[64], got[512];
	size_t n, i, k;

	(void)state;
	assert_non_null(db = test_db_new(own, sizeof(own), "docname"));
	arena_init(&a, 0);
	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++)
		add_doc(db, docs[i].name, docs[i].updated);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(doc_list_window(db, &a, &e, cases[i].q, NULL, 3, cases[i].window, &v, &n), 0);
		got[0] = '\0';
		for (k = 0; k < n; k++)
			snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%s", k ? " " : "", v[k].name);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("q=%s window=%d: got \"%s\", want \"%s\"", cases[i].q, cases[i].window, got, cases[i].want);
	}
	/* A group's documents with a piece of a name. */
	assert_int_equal(db_run(db, &e, "UPDATE document SET group_acronym = 'tls' WHERE name LIKE '%tls%'", ""), 2);
	assert_int_equal(doc_list(db, &a, &e, "ietf", "tls", 500, &v, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].name, "draft-ietf-tls-c");
	assert_int_equal(doc_list(db, &a, &e, "tls_", "tls", 500, &v, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(doc_list(db, &a, &e, "", "tls", 500, &v, &n), 0);
	assert_int_equal(n, 2);
	/* A document posted after the migration is in the index (its trigger). */
	add_doc(db, "draft-new-rare-h", "2020-01-01T00:00:00Z");
	assert_int_equal(doc_list_window(db, &a, &e, "rare", NULL, 3, 1, &v, &n), 0);
	assert_int_equal(n, 3);
	assert_string_equal(v[2].name, "draft-new-rare-h");
	arena_release(&a);
	test_db_free(&db, own);
}

static void
test_search_key_migration_matches_code(void **state)
{
	static const struct { const char *state, *tracking, *posted_at; } li[] = {
		{ "posted", "", "2026-03-04T05:06:07Z" }, { "posted", "closed", "2025-12-31T23:59:59Z" },
		{ "pending", "", NULL }, { "posted", "action-required", "2026-03-04T05:06:07Z" },
		{ "dead", "closed", NULL }, { "posted", "action-taken", "1999-01-01T00:00:00Z" },
	};
	struct err e = { 0 };
	struct db *db;
	char own[64], migrated[512] = "", rebuilt[512] = "";
	int applied = 0;
	int64_t n = 0;
	size_t i;

	(void)state;
	assert_non_null(db = test_db_new(own, sizeof(own), "skey"));
	for (i = 0; i < sizeof(li) / sizeof(li[0]); i++) {
		assert_int_equal(db_run(db, &e, "INSERT INTO liaison (id, direction, state, title, body, purpose, submitted, "
		    "created, updated, tracking, posted_at) VALUES (?, 'incoming', ?, ?, 'fronthaul timing', 'info', "
		    "'2026-01-01', '2026-01-01', '2026-01-01', ?, ?)", "issss", (int64_t)(i + 7), li[i].state,
		    "Statement", li[i].tracking, li[i].posted_at), 1);
		/* As before 010: the search row's rowid was the statement's id. */
		assert_int_equal(db_run(db, &e, "INSERT INTO liaison_fts (rowid, title, body, contacts, identifiers, "
		    "attachments) VALUES (?, 'Statement', 'fronthaul timing', '', '', '')", "i", (int64_t)(i + 7)), 1);
	}
	assert_int_equal(db_exec_script(db, "ALTER TABLE liaison DROP COLUMN search_key; "
	    "DELETE FROM schema_migrations WHERE version = 10;", &e), 0);
	assert_int_equal(db_migrate(db, &applied, &e), 0);
	assert_int_equal(applied, 1);
	search_keys(db, migrated, sizeof(migrated));
	/* A closed one is in the archive's range, a posted one keyed by its time, an unposted one by id. */
	assert_non_null(strstr(migrated, "7:1903315580782379015:1903315580782379015"));
	assert_non_null(strstr(migrated, "9:9:9"));
	assert_non_null(strstr(migrated, "11:4611686018427387915:4611686018427387915"));
	assert_int_equal(li_search_rebuild(db, &n, &e), 0);
	assert_int_equal(n, 6);
	search_keys(db, rebuilt, sizeof(rebuilt));
	assert_string_equal(migrated, rebuilt);
	assert_int_equal(test_count(db, "SELECT count(*) FROM liaison_fts"), 6);
	test_db_free(&db, own);
}

/* db_col0_json: a statement's first column as the JSON array a later json_each(?) reads back. */
static void
test_col0_json(void **state)
{
	struct db *db = *state;
	struct err e = { 0 };
	struct db_stmt *st;
	struct arena a;
	const char *j;
	size_t n = 9;

	arena_init(&a, 0);
	j = db_col0_json(db_query(db, &e, "SELECT column1 FROM (VALUES ('a\"b'), ('c\\d'), (char(10)), ('é')) ORDER BY 1", ""),
	    &a, 1, &n, &e);
	assert_non_null(j);
	assert_int_equal(n, 4);
	assert_string_equal(j, "[\"\\u000a\",\"a\\\"b\",\"c\\\\d\",\"é\"]");
	/* What json_each reads back is what went in. */
	assert_non_null(st = db_query(db, &e, "SELECT group_concat(value, '|') FROM json_each(?)", "s", j));
	assert_int_equal(db_step(st, &e), 1);
	assert_string_equal(db_col_text(st, 0), "\n|a\"b|c\\d|é");
	db_done(st);
	j = db_col0_json(db_query(db, &e, "SELECT column1 FROM (VALUES (3), (-1)) ORDER BY 1", ""), &a, 0, &n, &e);
	assert_string_equal(j, "[-1,3]");
	assert_int_equal(n, 2);
	j = db_col0_json(db_query(db, &e, "SELECT 1 WHERE 0", ""), &a, 0, &n, &e);
	assert_string_equal(j, "[]");
	assert_int_equal(n, 0);
	arena_release(&a);
}

static void
test_event_needs_transaction(void **state)
{
	struct db *db = *state;
	struct err e = { 0 };

	assert_int_equal(event_add(db, &e, 0, "x", "1", "y", ""), -1);
	assert_int_equal(e.status, 500);
	assert_int_equal(test_count(db, "SELECT count(*) FROM event WHERE object_type = 'x'"), 0);
}

/* issue 10: every event raises the generation in its own transaction, and only when it commits; the
 * servers' page cache keeps a page under the number read before it was built (http/page_cache.c). */
static void
test_generation(void **state)
{
	struct db *db = *state;
	struct err e = { 0 };
	int64_t g0, g1, g2;

	assert_int_equal(event_generation(db, &e, &g0), 0);
	assert_int_equal(db_begin(db, &e), 0);
	assert_int_equal(event_add(db, &e, 0, "gen", "1", "made", ""), 0);
	assert_int_equal(event_add(db, &e, 0, "gen", "1", "changed", ""), 0);
	db_rollback(db);
	assert_int_equal(event_generation(db, &e, &g1), 0);
	assert_true(g1 == g0);	/* rolled back: nothing a reader could see changed */
	assert_int_equal(db_begin(db, &e), 0);
	assert_int_equal(event_add(db, &e, 0, "gen", "2", "made", ""), 0);
	assert_int_equal(db_commit(db, &e), 0);
	assert_int_equal(event_generation(db, &e, &g2), 0);
	assert_true(g2 == g1 + 1);
	assert_int_equal(test_count(db, "SELECT count(*) FROM generation"), 1);
}

static void
test_groups_and_roles(void **state)
{
	struct db *db = *state;
	struct err e = { 0 };
	struct arena a;
	struct group g;
	struct user u;
	int64_t gid, pid, events;

	arena_init(&a, 0);
	assert_int_equal(group_add(db, &e, 0, "ietf", "Internet Engineering Task Force", "ietf", NULL, "", &gid), 0);
	assert_int_equal(group_add(db, &e, 0, "sec", "Security Area", "area", "ietf", "", &gid), 0);
	assert_int_equal(group_add(db, &e, 0, "tls", "Transport <b>Layer</b> Security", "wg", "sec", "tls@example.org", &gid), 0);
	events = test_count(db, "SELECT count(*) FROM event");
	/* Refusals change nothing. */
	assert_int_equal(group_add(db, &e, 0, "tls", "Again", "wg", "sec", "", &gid), -1);
	assert_int_equal(e.status, 409);
	assert_int_equal(group_add(db, &e, 0, "Bad Acronym", "x", "wg", NULL, "", &gid), -1);
	assert_int_equal(e.status, 400);
	assert_int_equal(group_add(db, &e, 0, "x1", "x", "club", NULL, "", &gid), -1);
	assert_int_equal(group_add(db, &e, 0, "x2", "x", "wg", "nosuch", "", &gid), -1);
	assert_int_equal(e.status, 400);
	assert_int_equal(group_add(db, &e, 0, "x3", "x", "wg", NULL, "list\r\n@example.org", &gid), -1);
	assert_int_equal(test_count(db, "SELECT count(*) FROM grp"), 3);
	assert_int_equal(test_count(db, "SELECT count(*) FROM event"), events);

	assert_int_equal(db_begin(db, &e), 0);
	assert_int_equal(person_add(db, &e, 0, "Ann Chair", "ann@example.org", &pid), 0);
	assert_int_equal(db_commit(db, &e), 0);
	assert_int_equal(role_add(db, &e, 0, "ann@example.org", "chair", "tls"), 0);
	assert_int_equal(role_add(db, &e, 0, "ann@example.org", "chair", "tls"), -1);
	assert_int_equal(e.status, 409);
	assert_int_equal(role_add(db, &e, 0, "ann@example.org", "emperor", "tls"), -1);
	assert_int_equal(e.status, 400);
	assert_int_equal(role_add(db, &e, 0, "nobody@example.org", "chair", "tls"), -1);
	assert_int_equal(e.status, 404);

	assert_int_equal(group_get(db, &a, &e, "tls", &g), 0);
	assert_string_equal(g.name, "Transport <b>Layer</b> Security");	/* stored as given; escaped on output */
	assert_string_equal(g.parent, "sec");
	assert_int_equal(g.nroles, 1);
	assert_string_equal(g.roles[0].email, "ann@example.org");

	/* The permission matrix on real roles. */
	assert_int_equal(user_load(db, &a, &e, pid, &u), 0);
	assert_true(perm_allows(&u, PERM_WG_DOC_STATE, "tls"));
	assert_false(perm_allows(&u, PERM_WG_DOC_STATE, "quic"));
	assert_true(perm_allows(&u, PERM_LIAISON_ADD_OUTGOING, NULL));
	assert_false(perm_allows(&u, PERM_LIAISON_ADD_INCOMING, NULL));
	assert_false(perm_allows(&u, PERM_SECRETARIAT, NULL));
	assert_int_equal(role_remove(db, &e, 0, "ann@example.org", "chair", "tls"), 0);
	assert_int_equal(user_load(db, &a, &e, pid, &u), 0);
	assert_false(perm_allows(&u, PERM_WG_DOC_STATE, "tls"));
	arena_release(&a);
}

static void
test_passwords_sessions_and_keys(void **state)
{
	struct db *db = *state;
	struct err e = { 0 };
	struct arena a;
	struct user u;
	char tok[TOKEN_LEN + 1], key[APIKEY_LEN + 1];
	int64_t pid, kid;

	arena_init(&a, 0);
	assert_int_equal(db_begin(db, &e), 0);
	assert_int_equal(person_add(db, &e, 0, "Bo Author", "bo@example.org", &pid), 0);
	assert_int_equal(account_set_password(db, &e, 0, pid, "short"), -1);
	assert_int_equal(e.status, 400);
	assert_int_equal(account_set_password(db, &e, 0, pid, "correct horse battery"), 0);
	assert_int_equal(db_commit(db, &e), 0);
	assert_int_equal(account_check_password(db, &e, pid, "correct horse battery"), 1);
	assert_int_equal(account_check_password(db, &e, pid, "wrong horse battery"), 0);
	/* Nothing but hashes is stored. */
	assert_int_equal(test_count(db, "SELECT count(*) FROM account WHERE password_hash LIKE '$argon2id$%'"), 1);

	assert_int_equal(session_create(db, &e, pid, "127.0.0.1", 3600, tok), 0);
	assert_int_equal(test_count(db, "SELECT count(*) FROM session WHERE token_hash = csrf"), 0);
	memset(&u, 0, sizeof(u));
	assert_int_equal(session_lookup(db, &a, &e, tok, &u), 1);
	assert_int_equal(u.person_id, pid);
	assert_non_null(u.csrf);
	tok[0] = tok[0] == 'A' ? 'B' : 'A';
	assert_int_equal(session_lookup(db, &a, &e, tok, &u), 0);

	assert_int_equal(apikey_create(db, &e, pid, pid, "ci", key, &kid), 0);
	assert_int_equal(strncmp(key, "idt_", 4), 0);
	assert_int_equal(apikey_lookup(db, &a, &e, key, &u), 1);
	assert_int_equal(apikey_revoke(db, &e, pid + 1, kid), -1);	/* not theirs */
	assert_int_equal(e.status, 404);
	assert_int_equal(apikey_lookup(db, &a, &e, key, &u), 1);
	assert_int_equal(apikey_revoke(db, &e, pid, kid), 0);
	assert_int_equal(apikey_lookup(db, &a, &e, key, &u), 0);
	arena_release(&a);
}

static void
test_login_throttle(void **state)
{
	struct db *db = *state;
	struct err e = { 0 };
	int i;

	for (i = 0; i < 2; i++) {
		assert_int_equal(login_throttle(db, &e, "t@example.org", "10.9.9.9", 3, 100, 900), 0);
		assert_int_equal(login_failed(db, &e, "t@example.org", "10.9.9.9"), 0);
	}
	assert_int_equal(login_throttle(db, &e, "t@example.org", "10.9.9.9", 3, 100, 900), 0);	/* limit - 1 */
	assert_int_equal(login_failed(db, &e, "t@example.org", "10.9.9.9"), 0);
	assert_true(login_throttle(db, &e, "t@example.org", "10.9.9.9", 3, 100, 900) > 0);	/* at the limit */
	assert_int_equal(login_throttle(db, &e, "other@example.org", "10.9.9.9", 3, 100, 900), 0);
	assert_true(login_throttle(db, &e, "other@example.org", "10.9.9.9", 3, 3, 900) > 0);	/* per address */
	assert_int_equal(login_succeeded(db, &e, "t@example.org"), 0);
	assert_int_equal(login_throttle(db, &e, "t@example.org", "10.9.9.9", 3, 100, 900), 0);
}

/* Issue 10: SQLite keeps no memory statistics in idtracker (sqlite.c, lite_configure). With them, its
 * default, every allocation of every connection took one mutex for the whole process, and the
 * server's threads queued on it (a tenth of the liaison list's time). Off, SQLite counts nothing. */
static void
test_sqlite_no_memory_statistics(void **state)
{
	struct db *db = *state;

	assert_true(test_count(db, "SELECT count(*) FROM schema_migrations") > 0);	/* it has allocated */
	assert_int_equal(sqlite3_memory_used(), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_migrate_twice_is_harmless),
		cmocka_unit_test(test_name_words_backfill_matches_doc_post),
		cmocka_unit_test(test_doc_list_order),
		cmocka_unit_test(test_liaison_groups_plan),
		cmocka_unit_test(test_doc_name_search),
		cmocka_unit_test(test_search_key_migration_matches_code),
		cmocka_unit_test(test_col0_json),
		cmocka_unit_test(test_event_needs_transaction),
		cmocka_unit_test(test_generation),
		cmocka_unit_test(test_groups_and_roles),
		cmocka_unit_test(test_passwords_sessions_and_keys),
		cmocka_unit_test(test_login_throttle),
		cmocka_unit_test(test_sqlite_no_memory_statistics),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
