/* group.c: groups and roles; see group.h. Each change is one transaction with its event. */
#include <stdio.h>
#include <string.h>

#include "../auth/perm.h"
#include "../auth/user.h"
#include "../core/arena.h"
#include "../core/err.h"
#include "../core/timeutil.h"
#include "../db/db.h"
#include "../db/event.h"
#include "../http/form.h"
#include "group.h"

enum {
	SQL_GROUP_ID, SQL_GROUP_ADD, SQL_GROUP_GET, SQL_GROUP_ROLES, SQL_GROUP_LIST_ALL, SQL_GROUP_LIST_TYPE,
	SQL_ROLE_ADD, SQL_ROLE_DEL, SQL_GROUP_CHILDREN, SQL__MAX
};

static const char *const sqls[SQL__MAX] = {
	/* SQL_GROUP_ID */
	"SELECT id FROM grp WHERE acronym = ?",
	/* SQL_GROUP_ADD */
	"INSERT INTO grp (acronym, name, type, parent_id, state, list_email, created) "
	"VALUES (?, ?, ?, ?, 'active', ?, ?) RETURNING id",
	/* SQL_GROUP_GET */
	"SELECT g.id, g.acronym, g.name, g.type, coalesce(p.acronym, ''), g.state, g.list_email, g.url "
	"FROM grp g LEFT JOIN grp p ON p.id = g.parent_id WHERE g.acronym = ?",
	/* SQL_GROUP_ROLES: in the Datatracker's display order of roles */
	"SELECT r.name, p.name, r.email, p.id FROM role r JOIN person p ON p.id = r.person_id "
	"WHERE r.group_id = ? ORDER BY CASE r.name WHEN 'chair' THEN 0 WHEN 'ad' THEN 1 WHEN 'secr' THEN 2 "
	"WHEN 'delegate' THEN 3 WHEN 'liaiman' THEN 4 ELSE 9 END, r.name, p.name",
	/* SQL_GROUP_LIST_ALL */
	"SELECT g.id, g.acronym, g.name, g.type, coalesce(p.acronym, ''), g.state, g.list_email, g.url "
	"FROM grp g LEFT JOIN grp p ON p.id = g.parent_id ORDER BY g.type, g.acronym",
	/* SQL_GROUP_LIST_TYPE */
	"SELECT g.id, g.acronym, g.name, g.type, coalesce(p.acronym, ''), g.state, g.list_email, g.url "
	"FROM grp g LEFT JOIN grp p ON p.id = g.parent_id WHERE g.type = ? ORDER BY g.acronym",
	/* SQL_ROLE_ADD */
	"INSERT INTO role (name, group_id, person_id, email) VALUES (?, ?, ?, ?)",
	/* SQL_ROLE_DEL */
	"DELETE FROM role WHERE name = ? AND group_id = ? AND person_id = ?",
	/* SQL_GROUP_CHILDREN */
	"SELECT g.id, g.acronym, g.name, g.type, coalesce(p.acronym, ''), g.state, g.list_email, g.url "
	"FROM grp g JOIN grp p ON p.id = g.parent_id WHERE p.acronym = ? ORDER BY g.type, g.acronym",
};

static const char *const group_types[] = { "ietf", "iab", "iesg", "irtf", "area", "wg", "rg", "team", "sdo" };

int
group_type_valid(const char *t)
{
	size_t i;

	for (i = 0; t != NULL && i < sizeof(group_types) / sizeof(group_types[0]); i++)
		if (strcmp(t, group_types[i]) == 0)
			return 1;
	return 0;
}

static int
group_id(struct db *db, struct err *e, const char *acronym, int64_t *id)
{
	int rc = db_int(db, e, id, sqls[SQL_GROUP_ID], "s", acronym);

	if (rc == 0)
		return err_set(e, 404, "group", "There is no group with the acronym \"%.60s\".", acronym);
	return rc == 1 ? 0 : -1;
}

int
group_add(struct db *db, struct err *e, int64_t actor, const char *acronym, const char *name,
    const char *type, const char *parent, const char *list_email, int64_t *id)
{
	char now[ISO_TIME_LEN];
	int64_t pid = 0;

	if (!idt_slug_valid(acronym, ACRONYM_MAX))
		return err_set(e, 400, "acronym", "A group acronym is 1 to %d lower-case letters, digits, '-', '_' or '.', "
		    "starting with a letter or digit.", ACRONYM_MAX);
	if (name == NULL || *name == '\0' || strlen(name) > GROUP_NAME_MAX || !idt_text_valid(name, strlen(name), 0))
		return err_set(e, 400, "name", "A group name is one line of 1 to %d characters.", GROUP_NAME_MAX);
	if (!group_type_valid(type))
		return err_set(e, 400, "type", "The group type must be one of ietf, iab, iesg, irtf, area, wg, rg, team, sdo.");
	if (list_email == NULL)
		list_email = "";
	if (*list_email != '\0' && !idt_email_valid(list_email))
		return err_set(e, 400, "list", "\"%.100s\" is not a valid list address.", list_email);
	if (db_begin(db, e) == -1)
		return -1;
	if (parent != NULL && *parent != '\0' && group_id(db, e, parent, &pid) == -1) {
		e->status = 400;
		goto fail;
	}
	time_iso(now, time_now());
	if (db_int(db, e, id, sqls[SQL_GROUP_ADD], "sssnss", acronym, name, type, pid, list_email, now) != 1) {
		if (e->status == 409)
			err_set(e, 409, "acronym", "A group with the acronym \"%s\" already exists.", acronym);
		goto fail;
	}
	if (event_add(db, e, actor, "group", acronym, "created", name) == -1)
		goto fail;
	return db_commit(db, e);
fail:
	db_rollback(db);
	return -1;
}

static void
group_row(struct arena *a, struct db_stmt *s, struct group *g)
{
	g->id = db_col_int(s, 0);
	g->acronym = arena_strdup(a, db_col_text(s, 1));
	g->name = arena_strdup(a, db_col_text(s, 2));
	g->type = arena_strdup(a, db_col_text(s, 3));
	g->parent = arena_strdup(a, db_col_text(s, 4));
	g->state = arena_strdup(a, db_col_text(s, 5));
	g->list_email = arena_strdup(a, db_col_text(s, 6));
	g->url = arena_strdup(a, db_col_text(s, 7));
}

const char *
group_parent_acronym(struct db *db, struct arena *a, const char *acronym)
{
	struct err e = { 0 };
	struct db_stmt *st;
	const char *p = NULL;

	if ((st = db_query(db, &e, "SELECT p.acronym FROM grp g JOIN grp p ON p.id = g.parent_id WHERE g.acronym = ?",
	    "s", acronym)) == NULL)
		return NULL;
	if (db_step(st, &e) == 1)
		p = arena_strdup(a, db_col_text(st, 0));
	db_done(st);
	return p;
}

int
group_get(struct db *db, struct arena *a, struct err *e, const char *acronym, struct group *g)
{
	struct db_stmt *s;
	size_t cap = 0;
	int rc;

	memset(g, 0, sizeof(*g));
	if ((s = db_query(db, e, sqls[SQL_GROUP_GET], "s", acronym)) == NULL)
		return -1;
	if ((rc = db_step(s, e)) != 1) {
		if (rc == 0) {
			db_done(s);
			return err_set(e, 404, "group", "There is no group with the acronym \"%.60s\".", acronym);
		}
		return -1;
	}
	group_row(a, s, g);
	db_done(s);
	if ((s = db_query(db, e, sqls[SQL_GROUP_ROLES], "i", g->id)) == NULL)
		return -1;
	while ((rc = db_step(s, e)) == 1) {
		if ((g->roles = arena_grow(a, g->roles, g->nroles, &cap, sizeof(*g->roles))) == NULL) {
			db_done(s);
			return err_set(e, 500, "memory", "Out of memory.");
		}
		g->roles[g->nroles].role = arena_strdup(a, db_col_text(s, 0));
		g->roles[g->nroles].name = arena_strdup(a, db_col_text(s, 1));
		g->roles[g->nroles].email = arena_strdup(a, db_col_text(s, 2));
		g->roles[g->nroles].person_id = db_col_int(s, 3);
		g->nroles++;
	}
	if (rc == -1)
		return -1;
	db_done(s);
	return 0;
}

int
group_list(struct db *db, struct arena *a, struct err *e, const char *type, const char *parent,
    struct group **out, size_t *n)
{
	struct db_stmt *s;
	struct group *v = NULL;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (type != NULL && !group_type_valid(type))
		return err_set(e, 400, "type", "Unknown group type \"%.30s\"; use ietf, iab, iesg, irtf, area, wg, rg, team or sdo.",
		    type);
	if (parent != NULL)
		s = db_query(db, e, sqls[SQL_GROUP_CHILDREN], "s", parent);
	else if (type != NULL)
		s = db_query(db, e, sqls[SQL_GROUP_LIST_TYPE], "s", type);
	else
		s = db_query(db, e, sqls[SQL_GROUP_LIST_ALL], "");
	if (s == NULL)
		return -1;
	while ((rc = db_step(s, e)) == 1) {
		if ((v = arena_grow(a, v, *n, &cap, sizeof(*v))) == NULL) {
			db_done(s);
			return err_set(e, 500, "memory", "Out of memory.");
		}
		group_row(a, s, &v[*n]);
		(*n)++;
	}
	if (rc == -1)
		return -1;
	db_done(s);
	*out = v;
	return 0;
}

static int
role_change(struct db *db, struct err *e, int64_t actor, const char *email, const char *role,
    const char *acronym, int add)
{
	int64_t pid, gid, n;
	char detail[300];

	if (!role_known(role))
		return err_set(e, 400, "role", "Unknown role \"%.40s\"; use chair, secr, delegate, ad, liaiman, auth, "
		    "liaison_coordinator, execdir, editor, liaison_contact or liaison_cc_contact.", role);
	if (db_begin(db, e) == -1)
		return -1;
	if (person_by_email(db, e, email, &pid) == -1)
		goto fail;
	if (pid == 0) {
		err_set(e, 404, "person", "Nobody has the address %.100s.", email);
		goto fail;
	}
	if (group_id(db, e, acronym, &gid) == -1)
		goto fail;
	if (add) {
		if (db_run(db, e, sqls[SQL_ROLE_ADD], "siis", role, gid, pid, email) == -1) {
			if (e->status == 409)
				err_set(e, 409, "role", "%s already holds the role %s in %s.", email, role, acronym);
			goto fail;
		}
	} else {
		if ((n = db_run(db, e, sqls[SQL_ROLE_DEL], "sii", role, gid, pid)) == -1)
			goto fail;
		if (n == 0) {
			err_set(e, 404, "role", "%s does not hold the role %s in %s.", email, role, acronym);
			goto fail;
		}
	}
	snprintf(detail, sizeof(detail), "%s %s", role, email);
	if (event_add(db, e, actor, "group", acronym, add ? "role-added" : "role-removed", detail) == -1)
		goto fail;
	return db_commit(db, e);
fail:
	db_rollback(db);
	return -1;
}

int
role_add(struct db *db, struct err *e, int64_t actor, const char *email, const char *role, const char *acronym)
{
	return role_change(db, e, actor, email, role, acronym, 1);
}

int
role_remove(struct db *db, struct err *e, int64_t actor, const char *email, const char *role, const char *acronym)
{
	return role_change(db, e, actor, email, role, acronym, 0);
}
