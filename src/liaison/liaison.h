/* liaison.h: the liaison office (seeds 000-002, L1-L17; DATATRACKER.md Part 1). A domain module:
 * it decides and stores (one transaction, one event, the mail through the outbox), and every action
 * checks the person's right to it here, on the server, whatever page or API call asked (the
 * Datatracker's approve/kill had no such check, DATATRACKER.md 1.19). Pending, dead and moderated
 * statements exist only for those who may act on them: to everyone else they are 404.
 * Callers: src/web/liaison_pages.c, src/api/liaison_api.c, `idtracker remind`. */
#ifndef IDT_LIAISON_H
#define IDT_LIAISON_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct arena;
struct config;
struct db;
struct err;
struct mail_ctx;
struct user;

enum li_state { LI_MODERATION, LI_PENDING, LI_APPROVED, LI_POSTED, LI_DEAD, LI__MAX };
extern const char *const li_state_slugs[LI__MAX];
extern const char *const li_state_names[LI__MAX];

struct li_purpose {
	const char	*slug, *name;
	int		 deadline_required;
};
extern const struct li_purpose li_purposes[4];
const struct li_purpose *li_purpose_get(const char *slug);

struct li_group {
	int64_t		 id;
	const char	*acronym, *name, *type, *list_email;
};

struct li_attachment {
	int64_t		 id;
	const char	*title, *filename, *content_type, *url, *created;
	int64_t		 size;
	int		 removed;
};

struct li_rel {
	int64_t		 id;
	const char	*title;
	int		 incoming;	/* 1: that statement refers to this one (a reply to it) */
};

struct liaison {
	int64_t		 id;
	const char	*direction;
	enum li_state	 state;
	const char	*title, *body, *purpose, *deadline, *from_contact, *to_contacts, *cc_contacts;
	const char	*response_contacts, *technical_contacts, *action_holder_contacts, *other_identifiers;
	const char	*submitted, *created, *updated, *posted_at, *tracking, *assignee_group, *lead_group;
	const char	*replied_at, *assignee_name, *assignee_email, *from_org;
	int		 confirmed;	/* public submissions: the contact confirmed the address */
	int64_t		 submitter_person, assignee_person;
	struct li_group	*from, *to;
	size_t		 nfrom, nto;
	struct li_rel	*rels;
	size_t		 nrels;
	struct li_attachment *att;
	size_t		 natt;
};

struct li_ctx {
	struct db		*db;
	struct arena		*a;
	const struct config	*cfg;
	const struct mail_ctx	*mail;
	const struct user	*user;
	time_t			 now;
};

/* A new statement, as the form or the API gives it. Group lists are acronyms. */
struct li_new {
	const char	*direction;
	const char	**from_groups, **to_groups;
	size_t		 nfrom, nto;
	const char	*from_contact, *to_contacts, *cc_contacts, *response_contacts, *technical_contacts;
	const char	*action_holder_contacts, *purpose, *deadline, *title, *body, *other_identifiers;
	const char	*submitted;	/* YYYY-MM-DD or NULL = today */
	int64_t		*related_to;
	size_t		 nrelated;
	int		 post_only;	/* incoming: record without sending the mail (L2) */
	int		 body_in_attachment;	/* the text comes as an attachment: an empty body is fine (L1) */
	int		 hold;		/* store only: the caller adds attachments, then li_release() */
};

/* Validates (L1-L3), stores, and then: incoming is posted at once; outgoing is posted at once when
 * the submitter approves for every From group, else waits as pending and the approvers are mailed. */
int	li_create(struct li_ctx *, const struct li_new *, int64_t *id, struct err *);
/* The groups' default To contacts, response contacts and copies (DATATRACKER.md 1.6); what an entry
 * form leaves empty gets these. */
int	li_defaults(struct li_ctx *, const char **from, size_t nfrom, const char **to, size_t nto, const char **to_contacts,
	    const char **response_contacts, const char **cc, struct err *);
/* After li_create() with hold: posts or asks the approvers as li_create() would have. */
int	li_release(struct li_ctx *, int64_t id, int post_only, struct err *);

/* Loads a statement the person may see (404 otherwise, the same as none). */
int	li_get(struct li_ctx *, int64_t id, struct liaison *, struct err *);
/* Rebuilds the full-text index of every statement from its rows (migrate-db's target); *count = statements. */
int	li_search_rebuild(struct db *, int64_t *count, struct err *);

enum li_action {
	LA_VIEW, LA_APPROVE, LA_KILL, LA_RESURRECT, LA_TRACK, LA_REPLY, LA_MODERATE,
	LA_EDIT,	/* fields and attachments: the submitter before posting, the Secretariat always (L13, L14) */
};
int	li_may(struct li_ctx *, const struct liaison *, enum li_action);

int	li_approve(struct li_ctx *, int64_t id, struct err *);
int	li_kill(struct li_ctx *, int64_t id, struct err *);
int	li_resurrect(struct li_ctx *, int64_t id, struct err *);

/* Tracking (L10, L12): kind "assign" (value: an e-mail address or a group acronym), "deadline"
 * (YYYY-MM-DD), "taken", "close", "redirect" (value: a group acronym the statement should have gone
 * to), "lead" (an addressed group's acronym). comment is kept in the history. */
int	li_track(struct li_ctx *, int64_t id, const char *kind, const char *value, const char *comment, struct err *);

/* Edit and resubmit (L13): the same rules as creating; a dead statement edited by its submitter is
 * pending again (and its approvers asked again). Every changed field is named in the history. */
int	li_update(struct li_ctx *, int64_t id, const struct li_new *, struct err *);

/* Attachments (L14): PDF, HTML and text are accepted as they are (the type is sniffed, never taken
 * from the client); any other format only beside a readable one of the same statement; executables
 * never. Files live in $data/liaison/<id>/; removal keeps the row and the history. */
int	li_attach(struct li_ctx *, int64_t id, const char *title, const char *filename, const char *data, size_t len,
	    struct err *);
/* The checks of li_attach() alone (before a statement exists): 0 or -1 with the sentence. */
int	li_attachment_acceptable(struct li_ctx *, const char *filename, const char *data, size_t len, int readable_present,
	    struct err *);
int	li_attachment_readable(const char *data, size_t len);
int	li_attach_url(struct li_ctx *, int64_t id, const char *title, const char *url, struct err *);
int	li_attachment_remove(struct li_ctx *, int64_t id, int64_t att, struct err *);
/* A file attachment the person may see: its row and the path of its bytes. */
int	li_attachment_file(struct li_ctx *, int64_t id, int64_t att, struct li_attachment *, const char **path,
	    struct err *);

/* The public (L15): anyone may submit; the contact confirms the address by a mailed link, then the
 * statement waits for the Secretariat and the IAB liaison coordinators (state moderation), who post
 * it (li_approve) or refuse it (li_kill). Rate limited per address and per client. */
struct li_public {
	const char	*org, *name, *email, *to_group, *purpose, *deadline, *title, *body, *other_identifiers;
	const char	*ip;
};
int	li_public_submit(struct li_ctx *, const struct li_public *, int64_t *id, struct err *);
int	li_public_confirm(struct li_ctx *, int64_t id, const char *token, struct err *);
/* Mail to statements_address: a statement waiting for moderation, its attachments kept. */
struct mail_in;
int	li_owns_address(const char *recipient);
int	li_mail_in(struct db *, struct arena *, const struct mail_in *, struct err *);
void	li_mail_in_setup(const struct config *, const struct mail_ctx *);

/* The list (L6): only what the person may see. */
struct li_filter {
	const char	*direction;	/* NULL = both */
	const char	*group;		/* acronym on either side */
	const char	*purpose;
	const char	*state;		/* NULL = posted (for everyone), or one the person may see */
	const char	*since, *until;	/* YYYY-MM-DD on the submitted date */
	int		 has_deadline;
	int		 archived;	/* 0 current, 1 closed ones, -1 both (one list), 2 both (li_list_halves) */
	const char	*q;		/* full-text search */
	const char	*sort;		/* date (default), deadline, title, from, to */
	int		 mine;		/* submitted by or assigned to the person */
	int		 limit;
};
int	li_list(struct li_ctx *, const struct li_filter *, struct liaison **, size_t *, struct err *);
int	li_list_halves(struct li_ctx *, const struct li_filter *, struct liaison **, size_t *, struct liaison **, size_t *,
	    struct err *);

/* The groups the person may name as From (direction) and To; internal groups are ietf, iesg, iab,
 * areas and WGs; external ones are the SDOs. */
int	li_group_choices(struct li_ctx *, const char *direction, int from_side, struct li_group **, size_t *,
	    struct err *);

/* L11: reminders of open statements before and after their deadline, once per statement per day. */
struct li_remind_result {
	int	sent, skipped;
	int	examined;	/* statements read again under the write lock: the due ones not yet reminded */
};
int	li_remind(struct db *, const struct config *, const struct mail_ctx *, time_t now, struct li_remind_result *,
	    struct err *);

/* The groups of a list of statements (a JSON array of ids), in the order pages show them: by statement,
 * side, then position. Here, not in liaison.c alone, so that tests/unit/test_db.c can hold its plan to
 * the index alone (migration 016), with nothing sorted. */
#define LI_GROUPS_SQL "SELECT lg.liaison_id, lg.side, g.id, g.acronym, g.name, g.type, g.list_email FROM " \
	"liaison_group lg JOIN grp g ON g.id = lg.group_id WHERE lg.liaison_id IN (SELECT CAST(value AS BIGINT) FROM " \
	"json_each(?)) ORDER BY lg.liaison_id, lg.side, lg.ord"

#endif
