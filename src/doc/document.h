/* document.h: posted Internet-Drafts: one row per name, its revisions, authors and "replaces"
 * relations. Domain module: the submission office writes a revision through doc_post(); the
 * document pages and, later, the WG document office read and change documents here.
 * Callers: src/submit/submission.c, src/web/doc_pages.c, src/api/api.c. */
#ifndef IDT_DOCUMENT_H
#define IDT_DOCUMENT_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;
struct err;

#define DOC_DAYS_TO_EXPIRE	185	/* INTERNET_DRAFT_DAYS_TO_EXPIRE */

struct doc_author {
	int64_t		 person_id;	/* 0 when the address belongs to nobody we know */
	const char	*name, *email, *org, *country;
};

struct doc_revision {
	const char	*rev, *title, *file_types, *submitter, *posted;
	int		 pages;
	int64_t		 submission_id;
};

struct doc_relation {
	const char	*name;		/* the other document */
	const char	*kind;		/* "replaces" or "possibly-replaces" */
	int		 incoming;	/* 1: the other document replaces this one */
};

struct document {
	int64_t			 id;
	const char		*name, *rev, *title, *abstract, *group, *stream, *state;
	const char		*intended_status, *discuss_email, *expires, *created, *updated;
	const char		*wg;		/* the WG a chair associated it with or adopted it into, or "" */
	const char		*wg_state;	/* its IETF WG state slug, or "" */
	const char		*call_ends;	/* the end date of its open call for adoption or withdrawal, or "" */
	int			 pages;
	struct doc_author	*authors;
	size_t			 nauthors;
	struct doc_revision	*revs;		/* oldest first */
	size_t			 nrevs;
	struct doc_relation	*rels;
	size_t			 nrels;
};

/* Loads a document with its authors, revisions and relations; 404 when there is none. */
int	doc_get(struct db *, struct arena *, struct err *, const char *name, struct document *);
/* The document's id and latest revision, without the rest: 1 found, 0 none, -1 error. */
int	doc_find(struct db *, struct err *, const char *name, int64_t *id, char rev[4], char state[16]);
/* Documents whose name contains q (NULL or "" = all), the most recently updated first. */
int	doc_list(struct db *, struct arena *, struct err *, const char *q, const char *group, int limit,
	    struct document **, size_t *);
/* The same, searching the newest window names before the trigram index (doc_list: 4 pages). */
int	doc_list_window(struct db *, struct arena *, struct err *, const char *q, const char *group, int limit, int window,
	    struct document **, size_t *);
/* 1 when one of emails is a listed author of the document. */
int	doc_has_author(struct db *, struct err *, int64_t doc_id, const char *const *emails, size_t n);

/* One posted revision (inside the caller's transaction): creates or updates the document, adds the
 * revision (409 when it was posted already: R72), replaces the authors. */
struct doc_post {
	const char		*name, *rev, *title, *abstract, *group, *intended_status, *discuss_email;
	const char		*file_types, *submitter;
	int			 pages;
	int64_t			 submission_id;
	const struct doc_author	*authors;
	size_t			 nauthors;
	const char		*now;		/* ISO time */
	int64_t			 actor;		/* who posts (the confirmer, approver or Secretariat); 0 = the system */
	const char		*expires;	/* ISO time */
};
int	doc_post(struct db *, struct err *, const struct doc_post *, int64_t *doc_id);
/* Records a new document's name words for the WG page's "-acronym-" rule (migration 009): the words
 * of draft-a-b-c-d after the first and before the last (b, c). Called by doc_post and gen-data. */
int	doc_name_words(struct db *, struct err *, int64_t doc_id, const char *name);
/* Records "source replaces target" (approved) or a suggestion; an approved one marks the target
 * replaced. Inside the caller's transaction; writes an event on both documents. */
int	doc_relate(struct db *, struct err *, int64_t actor, int64_t source, int64_t target, const char *kind,
	    const char *now);

#endif
