/* submission.h: the submission office (seed 004 sections 6-16, R1-R90; DATATRACKER.md Part 2).
 * A domain module: it decides and stores, pages and the API format. One upload becomes one
 * submission row with its files in a staging folder of its own ($data/staging/<id>/); every change of
 * state goes through the one transition table (sub_states[]) in one transaction with an event row and
 * the mail it decides on (through the outbox). Posting moves the files to $data/archive/ and writes
 * the document (src/submit/document.c).
 * Callers: src/web/submit_pages.c, src/api/api.c, the mail-in office row, `idtracker gc`. */
#ifndef IDT_SUBMISSION_H
#define IDT_SUBMISSION_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "../auth/token.h"
#include "validate.h"

struct arena;
struct config;
struct db;
struct err;
struct mail_ctx;
struct user;

enum sub_state {
	SUB_UPLOADED, SUB_AUTH, SUB_AUT_APPR, SUB_GRP_APPR, SUB_AD_APPR, SUB_MANUAL, SUB_WAITING,
	SUB_POSTED, SUB_CANCEL, SUB__MAX
};

struct sub_state_row {
	const char	*slug;		/* the Datatracker's: "grp-appr" */
	const char	*name;		/* "Awaiting Initial Version Approval" */
	unsigned	 next;		/* bit (1u << state) for each state it may move to */
};
extern const struct sub_state_row sub_states[SUB__MAX];
int	sub_state_parse(const char *slug);	/* -1 when unknown */

struct sub_author {
	const char	*name, *email, *org, *country;
};

struct submission {
	int64_t		 id;
	const char	*name, *rev;
	enum sub_state	 state;
	const char	*group;		/* "" for individual drafts */
	const char	*title, *abstract, *doc_date, *intended_status;
	int		 pages, words;
	const char	*submitter_name, *submitter_email;
	int64_t		 submitter_person;
	const char	*replaces, *discuss_email, *note, *file_types;
	const char	*generated_types;	/* ".txt" when the text was rendered from the XML (R70), else "" */
	int64_t		 file_size;
	int		 errors, warnings;
	const char	*messages;	/* JSON array */
	int		 adjusted;
	const char	*via, *remote_ip, *access_hash, *auth_hash;
	int64_t		 staged;
	const char	*submission_date, *created, *updated, *manual_at, *posted_at;
	int64_t		 document_id;
	struct sub_author *authors;
	size_t		 nauthors;
};

/* Who acts, from where, with which settings. user may be anonymous (person_id 0). */
struct sub_ctx {
	struct db		*db;
	struct arena		*a;
	const struct config	*cfg;
	const struct mail_ctx	*mail;
	const struct user	*user;
	const char		*ip;
	time_t			 now;
};

/* A pdf or html file that comes along (stored and posted, not read: R15's "stored as is"). */
struct upload_extra {
	const char	*ext;		/* "pdf" or "html" */
	const char	*filename;
	const char	*data;
	size_t		 len;
};

struct sub_new {
	const struct upload_file  *files;	/* txt and/or xml */
	size_t			   nfiles;
	const struct upload_extra *extra;
	size_t			   nextra;
	const char		  *via;		/* "web", "api", "mail" */
	const char		  *submitter_name;	/* optional here; needed to post */
	const char		  *submitter_email;
	const char		  *replaces;	/* optional, comma-separated draft names */
};

/* The whole check step (R5-R27): vets and validates the files (413/400 with the sentence on an
 * unusable upload), applies the office's rules (cut-off, daily limits, revision order, replaced
 * names, one submission in progress per revision, staging capacity), stores the files and the row
 * in state "uploaded". token receives the status page's access token (shown once, stored hashed).
 * v receives the validation (for the caller's page). */
int	sub_create(struct sub_ctx *, const struct sub_new *, struct submission *, char token[TOKEN_LEN + 1],
	    struct validation *v, struct err *);

int	sub_load(struct sub_ctx *, int64_t id, struct submission *, struct err *);
/* 1 when token opens this submission's status page. */
int	sub_token_ok(const struct submission *, const char *token);

/* What the person in ctx may do with s (has_token: they came with the access token). */
enum sub_action {
	SA_VIEW,	/* the whole status page (metadata, messages, preview) */
	SA_EDIT,	/* submitter, replaces, post, adjust (R28-R30, R40-R43) */
	SA_CANCEL,
	SA_APPROVE,	/* grp-appr / ad-appr */
	SA_CONFIRM,	/* auth / aut-appr, signed in as an author */
	SA_FORCE,	/* the Secretariat (R50, R51) */
	SA_SECRETARIAT_EDIT,
};
int	sub_may(struct sub_ctx *, const struct submission *, enum sub_action, int has_token);

/* The external metadata (R32, R33, R71), set before posting. */
struct sub_meta {
	const char	*submitter_name, *submitter_email, *replaces, *discuss_email;
};

/* "Post now" (R34-R39): re-checks, records the metadata, and decides (DATATRACKER.md 2.10):
 * waits for the group or the AD, posts at once for a signed-in author, or mails the confirmers.
 * The new state is in s afterwards. */
int	sub_post_request(struct sub_ctx *, struct submission *, const struct sub_meta *, struct err *);
/* The confirm link (GET shows, POST calls this): posts an auth/aut-appr submission. */
int	sub_confirm(struct sub_ctx *, struct submission *, const char *auth_token, struct err *);
/* A signed-in author confirms from the status page. */
int	sub_confirm_signed_in(struct sub_ctx *, struct submission *, struct err *);
int	sub_approve(struct sub_ctx *, struct submission *, struct err *);
int	sub_force_post(struct sub_ctx *, struct submission *, struct err *);
int	sub_cancel(struct sub_ctx *, struct submission *, const char *why, struct err *);

/* Adjust (R40-R48): every metadata field with a comment; the submission goes to the Secretariat. */
struct sub_adjust {
	const char		*title, *abstract, *doc_date, *intended_status, *note;
	int			 pages;
	struct sub_meta		 meta;
	const struct sub_author	*authors;
	size_t			 nauthors;
};
int	sub_adjust(struct sub_ctx *, struct submission *, const struct sub_adjust *, struct err *);

/* Lists for the Secretariat's queue and the approvers (newest first). states: bit set of states;
 * groups: NULL = every group, else only submissions of these acronyms. */
int	sub_list(struct sub_ctx *, unsigned states, const char *const *groups, size_t ngroups,
	    struct submission **, size_t *, struct err *);
/* The groups whose -00s the person in ctx may approve (chairs, secretaries, their ADs; all for the
 * Secretariat: *all = 1). */
int	sub_approver_groups(struct sub_ctx *, const char ***, size_t *, int *all, struct err *);
/* R53: the median time the Secretariat took over the recent manual posts, in seconds; 0 = no data. */
long	sub_manual_estimate(struct sub_ctx *, struct err *);

/* Pre-approvals of WG -00 names (DATATRACKER.md 2.12). */
struct preapproval {
	int64_t		 id;
	const char	*name, *group, *by, *created;
};
int	sub_preapproval_add(struct sub_ctx *, const char *name, struct err *);
int	sub_preapproval_cancel(struct sub_ctx *, int64_t id, struct err *);
int	sub_preapproval_list(struct sub_ctx *, struct preapproval **, size_t *, struct err *);

/* The meeting cut-off (DATATRACKER.md 2.19): between cutoff and reopen only the Secretariat posts.
 * Times are "YYYY-MM-DDTHH:MM:SSZ" or "" (none). */
int	sub_cutoff_get(struct sub_ctx *, const char **cutoff, const char **reopen, struct err *);
int	sub_cutoff_set(struct sub_ctx *, const char *cutoff, const char *reopen, struct err *);
/* 1 when now is inside the cut-off (sentence gets the message for the page). */
int	sub_in_cutoff(struct sub_ctx *, const char **sentence, struct err *);

/* Garbage collection (R12, R13, R39, R66, R67): uploads nobody acted on for submit_abandon seconds
 * are cancelled, submissions waiting past submit_expire_days expire silently, and staging folders
 * of finished or unknown submissions are removed. */
struct sub_gc_result {
	int	abandoned, expired, folders;
	int64_t	bytes;
};
int	sub_gc(struct db *, const struct config *, time_t now, struct sub_gc_result *, struct err *);

/* Paths (in the arena). */
const char *sub_staging_dir(struct arena *, const struct config *, int64_t id);
const char *sub_archive_dir(struct arena *, const struct config *);
/* The text of a staged file of the submission (ext "txt" or "xml"), or NULL when it is not there. */
const char *sub_staged_file(struct sub_ctx *, const struct submission *, const char *ext, size_t *len);

/* The office's mail address (mail-in dispatch) and handler (R55-R61). */
struct mail_in;
int	sub_owns_address(const char *recipient);
int	sub_mail_in(struct db *, struct arena *, const struct mail_in *, struct err *);
/* mail-in runs outside the server: it hands the office its settings once, before dispatching. */
void	sub_mail_in_setup(const struct config *, const struct mail_ctx *);

#endif
