/* group.h: groups (IETF, IAB, areas, WGs, RGs, SDOs, ...) and the roles people hold in them.
 * Domain module: decides and stores, never formats. Callers: the CLI, demo data, group pages
 * and the group API, and later the liaison and WG document offices. */
#ifndef IDT_GROUP_H
#define IDT_GROUP_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;
struct err;

#define ACRONYM_MAX	40
#define GROUP_NAME_MAX	200

struct group_role {
	const char	*role;		/* slug */
	const char	*name;		/* person's name */
	const char	*email;		/* the address the role uses */
	int64_t		 person_id;
};

struct group {
	int64_t		 id;
	const char	*acronym;
	const char	*name;
	const char	*type;
	const char	*parent;	/* acronym or "" */
	const char	*state;
	const char	*list_email;
	const char	*url;
	struct group_role *roles;
	size_t		 nroles;
};

int	 group_type_valid(const char *);
/* Adds a group after checking acronym, name, type, parent and list address. Writes an event. */
int	 group_add(struct db *, struct err *, int64_t actor, const char *acronym, const char *name,
	    const char *type, const char *parent, const char *list_email, int64_t *id);
/* Loads one group with its roles; 404 when there is none. */
int	 group_get(struct db *, struct arena *, struct err *, const char *acronym, struct group *);
/* The acronym of the group's parent (its area for a WG), copied into the arena; NULL when the
 * group is unknown, has no parent, or the lookup fails. */
const char *group_parent_acronym(struct db *, struct arena *, const char *acronym);
/* Lists groups (without roles), ordered by type then acronym; type NULL = all; parent (an acronym)
 * restricts the list to the groups directly under it. */
int	 group_list(struct db *, struct arena *, struct err *, const char *type, const char *parent,
	    struct group **, size_t *);
/* Gives a person a role in a group (by e-mail address); 409 when they already hold it. Event. */
int	 role_add(struct db *, struct err *, int64_t actor, const char *email, const char *role, const char *acronym);
int	 role_remove(struct db *, struct err *, int64_t actor, const char *email, const char *role, const char *acronym);

#endif
