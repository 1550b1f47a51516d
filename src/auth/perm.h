/* perm.h: the whole role -> action matrix in one table (perm.c). Domain modules ask
 * perm_allows() before they act; route rows name a perm the dispatcher checks first.
 * Role names are the Datatracker's slugs; the Secretariat is `secr` of group `secretariat`. */
#ifndef IDT_PERM_H
#define IDT_PERM_H

struct user;

enum perm {
	PERM_ANYONE = 0,
	PERM_SIGNED_IN,
	PERM_SECRETARIAT,		/* outbox, manual posting, people and groups */
	PERM_GROUP_EDIT,		/* group details and roles */
	PERM_LIAISON_ADD_INCOMING,	/* L2 */
	PERM_LIAISON_ADD_OUTGOING,	/* L3 */
	PERM_LIAISON_SEND_INCOMING,	/* "send and post" an incoming statement */
	PERM_LIAISON_APPROVE,		/* outgoing statements of the given group */
	PERM_LIAISON_COMMENT,		/* comments and private comments */
	PERM_SUBMIT_MANUAL,		/* the Secretariat's manual queue (R49-R53) */
	PERM_SUBMIT_APPROVE_00,		/* -00 WG drafts of the given group (R19) */
	PERM_WG_DOC_STATE,		/* WG states, adoption calls, tags (A2-A12) */
	PERM__MAX
};

/* 1 when the user holds a role that grants p. group: the acronym the action is about, or NULL
 * for "in some group" (route-level checks). The Secretariat is granted everything. */
int		 perm_allows(const struct user *, enum perm p, const char *group);
const char	*perm_name(enum perm);

/* The role slugs we know, with their display names ("liaiman" -> "Liaison Manager"). */
const char	*role_display_name(const char *slug);
int		 role_known(const char *slug);

#endif
