/* perm.c: who may do what. One row per action; each grant names a role and the groups it counts
 * in (a type like "wg", or one acronym like "ietf"). Seed sources: DATATRACKER.md 1.7, 1.8, 3.10. */
#include <stddef.h>
#include <string.h>

#include "perm.h"
#include "user.h"

struct grant {
	const char	*role;
	const char	*group_type;	/* NULL = any type */
	const char	*acronym;	/* NULL = any group of that type */
	int		 scoped;	/* 1: with a group argument, the role must be in that very group */
};

#define GRANTS_MAX	10

static const struct perm_row {
	const char	*name;
	struct grant	 g[GRANTS_MAX];
} perms[PERM__MAX] = {
	/* PERM_ANYONE */		{ "anyone", { { NULL, NULL, NULL, 0 } } },
	/* PERM_SIGNED_IN */		{ "signed-in", { { NULL, NULL, NULL, 0 } } },
	/* PERM_SECRETARIAT */		{ "secretariat", { { NULL, NULL, NULL, 0 } } },
	/* PERM_GROUP_EDIT */		{ "group-edit", { { NULL, NULL, NULL, 0 } } },
	/* PERM_LIAISON_ADD_INCOMING */	{ "liaison-add-incoming", {
		{ "liaiman", "sdo", NULL, 0 }, { "auth", "sdo", NULL, 0 },
		{ "liaison_coordinator", NULL, "iab", 0 } } },
	/* PERM_LIAISON_ADD_OUTGOING */	{ "liaison-add-outgoing", {
		{ "ad", "area", NULL, 0 }, { "chair", "wg", NULL, 0 }, { "secr", "wg", NULL, 0 },
		{ "chair", NULL, "ietf", 0 }, { "chair", NULL, "iab", 0 }, { "execdir", NULL, "iab", 0 },
		{ "liaiman", "sdo", NULL, 0 }, { "liaison_coordinator", NULL, "iab", 0 } } },
	/* PERM_LIAISON_SEND_INCOMING */ { "liaison-send-incoming", {
		{ "auth", "sdo", NULL, 1 }, { "liaison_coordinator", NULL, "iab", 0 } } },
	/* PERM_LIAISON_APPROVE: ADs for their area (the caller passes a WG's area), chairs of ietf/iab */
	{ "liaison-approve", {
		{ "ad", "area", NULL, 1 }, { "chair", NULL, "ietf", 0 }, { "chair", NULL, "iab", 0 } } },
	/* PERM_LIAISON_COMMENT */	{ "liaison-comment", { { NULL, NULL, NULL, 0 } } },
	/* PERM_SUBMIT_MANUAL */	{ "submit-manual", { { NULL, NULL, NULL, 0 } } },
	/* PERM_SUBMIT_APPROVE_00 */	{ "submit-approve-00", {
		{ "chair", "wg", NULL, 1 }, { "secr", "wg", NULL, 1 }, { "delegate", "wg", NULL, 1 },
		{ "chair", "rg", NULL, 1 }, { "ad", "area", NULL, 1 } } },
	/* PERM_WG_DOC_STATE */		{ "wg-doc-state", {
		{ "chair", "wg", NULL, 1 }, { "secr", "wg", NULL, 1 }, { "delegate", "wg", NULL, 1 },
		{ "chair", "rg", NULL, 1 }, { "ad", "area", NULL, 1 } } },
};

static int
is_secretariat(const struct role_ref *r)
{
	return strcmp(r->role, "secr") == 0 && strcmp(r->group, "secretariat") == 0;
}

int
perm_allows(const struct user *u, enum perm p, const char *group)
{
	const struct grant *g;
	size_t i;

	if (p == PERM_ANYONE)
		return 1;
	if (u == NULL || u->person_id == 0 || p < 0 || p >= PERM__MAX)
		return 0;
	if (p == PERM_SIGNED_IN)
		return 1;
	for (i = 0; i < u->nroles; i++) {
		const struct role_ref *r = &u->roles[i];
		if (is_secretariat(r))
			return 1;
		for (g = perms[p].g; g < perms[p].g + GRANTS_MAX && g->role != NULL; g++) {
			if (strcmp(g->role, r->role) != 0)
				continue;
			if (g->group_type != NULL && strcmp(g->group_type, r->group_type) != 0)
				continue;
			if (g->acronym != NULL && strcmp(g->acronym, r->group) != 0)
				continue;
			if (g->scoped && group != NULL && strcmp(group, r->group) != 0)
				continue;
			return 1;
		}
	}
	return 0;
}

const char *
perm_name(enum perm p)
{
	return p >= 0 && p < PERM__MAX ? perms[p].name : "?";
}

static const struct { const char *slug, *name; } roles[] = {
	{ "chair", "Chair" },
	{ "secr", "Secretary" },
	{ "delegate", "Delegate" },
	{ "ad", "Area Director" },
	{ "liaiman", "Liaison Manager" },
	{ "auth", "Authorized Individual" },
	{ "liaison_coordinator", "Liaison Coordinator" },
	{ "liaison_contact", "Liaison Contact" },
	{ "liaison_cc_contact", "Liaison CC Contact" },
	{ "execdir", "Executive Director" },
	{ "editor", "Editor" },
	{ "member", "Member" },
};

const char *
role_display_name(const char *slug)
{
	size_t i;

	for (i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
		if (strcmp(roles[i].slug, slug) == 0)
			return roles[i].name;
	return slug;
}

int
role_known(const char *slug)
{
	size_t i;

	for (i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
		if (strcmp(roles[i].slug, slug) == 0)
			return 1;
	return 0;
}
