/* templates.h: the one table of named mail templates (subject + body, plain text, with {field}
 * placeholders). Offices add rows; each row has a test that renders it. Callers: src/mail/outbox.c. */
#ifndef IDT_TEMPLATES_H
#define IDT_TEMPLATES_H

#include <stddef.h>

struct arena;
struct err;

enum mail_template {
	TPL_MAIL_TEST,
	TPL_PASSWORD_CHANGED,
	TPL_SUB_CONFIRM,	/* submission: the submitter and authors confirm (R38, R81) */
	TPL_SUB_APPROVAL,	/* a WG -00 waits for its chairs, or a revision for the AD */
	TPL_SUB_MANUAL,		/* adjusted: to the Secretariat (R44, R53) */
	TPL_SUB_ANNOUNCE,	/* posted: the announce list and the WG list */
	TPL_SUB_AUTHORS,	/* posted: every author and the submitter (Appendix A) */
	TPL_SUB_CANCELLED,	/* the Secretariat refused a manual post (R46) */
	TPL_SUB_MAIL_REPLY,	/* the outcome of a mailed submission (R60, R61) */
	TPL_LIAISON_POSTED,	/* a statement is posted: to the assignee and the addressees (L4) */
	TPL_LIAISON_ACK,	/* to the sender's contacts: it was recorded (L5) */
	TPL_LIAISON_APPROVAL,	/* an outgoing statement waits for its approvers (L3) */
	TPL_LIAISON_CLOSED,	/* a For Action statement closed without a reply (L12) */
	TPL_LIAISON_REMINDER,	/* the tickler (L11) */
	TPL_LIAISON_CONFIRM,	/* a public submitter confirms the address (L15) */
	TPL_LIAISON_MODERATE,	/* a statement waits for the moderators (L15) */
	TPL_WG_STATE,		/* a document's WG state or tags changed (A12) */
	TPL_WG_CALL,		/* a call for adoption or withdrawal (A2, A10) */
	TPL_WG_IPR,		/* one author confirms their IPR obligations (A3) */
	TPL_WG_OUTCOME,		/* the result of a call, announced (A5) */
	TPL_WG_CALL_ENDED,	/* to the chairs: a call ended, judge it (A4) */
	TPL__MAX
};

struct mail_field {
	const char	*name;
	const char	*value;
};

struct mail_template_row {
	const char	*name;
	const char	*subject;
	const char	*body;
};

extern const struct mail_template_row mail_templates[TPL__MAX];

/* Renders a template; every {field} must have a value (a missing one is a bug: 500 with its name).
 * "{{" stands for "{". 0, or -1 with e. */
int	mail_template_render(struct arena *, enum mail_template, const struct mail_field *, size_t nfields,
	    const char **subject, const char **body, struct err *);

#endif
