/* wgdoc.h: the WG document office (seed 003, A1-A13; DATATRACKER.md Part 3): IETF WG states and tags,
 * calls for adoption with each author's IPR confirmation and the adoption checklist, the outcome,
 * editors, adoption without a call, WG pages' document lists. A domain module: it decides and checks
 * every permission (the WG's chairs, secretaries and delegates, the ADs of its area, the Secretariat).
 * Callers: src/web/wg_pages.c, src/api/api.c, `idtracker remind`. */
#ifndef IDT_WGDOC_H
#define IDT_WGDOC_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct arena;
struct config;
struct db;
struct err;
struct mail_ctx;
struct user;

#define WG_CALL_MIN_DAYS	14	/* seed 003 section 2.3: "at least two weeks time to respond" */

struct wg_state_row {
	const char	*slug, *name;
	const char	*next;		/* suggested next states, space-separated (DATATRACKER.md 3.2) */
};
extern const struct wg_state_row wg_states[];
extern const size_t nwg_states;
const struct wg_state_row *wg_state_get(const char *slug);

struct wg_tag_row {
	const char	*slug, *name;
};
extern const struct wg_tag_row wg_tags[];
extern const size_t nwg_tags;

struct wgd_ctx {
	struct db		*db;
	struct arena		*a;
	const struct config	*cfg;
	const struct mail_ctx	*mail;
	const struct user	*user;
	time_t			 now;
};

struct wg_call {
	int64_t		 id;
	const char	*kind, *group, *started, *ends, *text, *state, *outcome, *summary;
};

struct wg_ipr {
	const char	*email, *name, *confirmed;
};

struct wg_check {
	const char	*step, *label, *done, *by, *note;
};

struct wg_editor {
	const char	*name, *email, *since, *until;
};

/* Everything the WG office knows about a document. */
struct wgdoc {
	int64_t		 id;
	const char	*name, *rev, *title, *abstract, *group, *state, *wg;
	int		 wg_care;
	int		 group_explicit;	/* group comes from draft-ietf-<wg> or a chair's association, not a guess */
	const char	**tags;
	size_t		 ntags;
	struct wg_editor *editors;
	size_t		 neditors;
	struct wg_call	 call;		/* the open call, id 0 when none */
	struct wg_ipr	*ipr;		/* its authors' IPR confirmations */
	size_t		 nipr;
	struct wg_check	 checklist[6];	/* A3, in the seed's order */
	const char	*updated;
};

/* The WG a document belongs to (draft-ietf-<wg>-...), is associated with by a chair, or whose name
 * carries (draft-<person>-<wg>-..., A1); NULL when none. */
const char *wgd_group_of(struct wgd_ctx *, const char *docname, const char *assoc);
int	wgd_may(struct wgd_ctx *, const char *group);
int	wgd_load(struct wgd_ctx *, const char *name, struct wgdoc *, struct err *);

/* A12: a state (slug or ""), tags to set and to clear, and why; one event, mail to the authors, the
 * chairs and the WG list. group: the WG for a document that has none yet (NULL = its own). */
int	wgd_set_state(struct wgd_ctx *, const char *name, const char *group, const char *state, const char *const *set,
	    size_t nset, const char *const *clear, size_t nclear, const char *comment, struct err *);
/* A2, A4: a call for adoption (kind "adoption") or withdrawal ("withdrawal") of days >= 14, with text
 * (NULL = the template); mails the WG list, the authors and the chairs, and each author an IPR link. */
int	wgd_call(struct wgd_ctx *, const char *name, const char *kind, const char *group, int days, const char *text,
	    int64_t *call_id, struct err *);
/* The template of a call's mail (abstract, URL, end date, the criteria of seed 003 2.4, IPR). */
const char *wgd_call_template(struct wgd_ctx *, const char *name, const char *kind, const char *group, int days,
	    struct err *);
int	wgd_ipr_confirm(struct wgd_ctx *, int64_t call_id, const char *token, const char **name, struct err *);
/* A5, A10: the result of the open call: "adopt" (adopt-wg), "info", "no-adopt" (tag), or for a
 * withdrawal "dead" / "keep"; announced to the list with the chairs' summary. */
int	wgd_close(struct wgd_ctx *, const char *name, const char *outcome, const char *summary, struct err *);
/* A8: adoption without a call, with the reason (split, merge, charter ...). */
int	wgd_adopt(struct wgd_ctx *, const char *name, const char *group, const char *reason, struct err *);
/* A6: add (email) or end (email) an editor. */
int	wgd_editor(struct wgd_ctx *, const char *name, const char *add, const char *remove, struct err *);
/* A3: a checklist step done by hand ("consensus", "editors", "preapproved", "change-control"). */
int	wgd_check(struct wgd_ctx *, const char *name, const char *step, const char *note, struct err *);

/* A7: what a WG document replaces: op "add", "remove" (the chain stays consistent: the target is
 * active again when nothing else replaces it), "accept" or "reject" a suggestion from a submission. */
int	wgd_replaces(struct wgd_ctx *, const char *name, const char *op, const char *other, struct err *);
/* A11: the chairs link two drafts on one topic; the list of a draft's competitors. */
int	wgd_compete(struct wgd_ctx *, const char *name, const char *other, struct err *);
int	wgd_competitors(struct wgd_ctx *, const char *name, const char ***, size_t *, struct err *);

/* A9: an individual draft under WG care (on = 1) or not. */
int	wgd_care(struct wgd_ctx *, const char *name, int on, struct err *);
/* A1: a chair associates any draft with the WG. */
int	wgd_associate(struct wgd_ctx *, const char *name, const char *group, struct err *);
/* A12: the suggested next states of a state, the WG's own when it set them; and setting them. */
const char *wgd_next_states(struct wgd_ctx *, const char *group, const char *state);
int	wgd_set_transitions(struct wgd_ctx *, const char *group, const char *from, const char *next, struct err *);

/* A13: the documents of a WG page. */
struct wg_listing {
	const char	*name, *rev, *title, *state, *updated, *call_ends;
	int		 wg_care, stalled;
	int		 rank;	/* its WG state's place in the page's order */
};
int	wgd_group_docs(struct wgd_ctx *, const char *group, struct wg_listing **, size_t *, struct wg_listing **related,
	    size_t *nrelated, struct err *);

/* Calls that ended: one reminder to the chairs each (honours IDTRACKER_NOW through now). */
int	wgd_remind(struct db *, const struct config *, const struct mail_ctx *, time_t now, int *sent, struct err *);

#endif
