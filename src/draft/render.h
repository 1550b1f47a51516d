/* render.h: RFC XML (v3; v2 read as far as the v3 vocabulary allows) to plain text the way xml2rfc
 * 3.32 lays it out (issue 9). Pure: bytes in, text out, everything in the caller's arena; no network,
 * no files (includes come through the draft engine's reference library later).
 * This is the first slice: the first-page header, title, abstract, notes, the boilerplate of
 * trust200902 drafts, sections, paragraphs, lists and artwork, unpaginated ("text" mode). The
 * byte-for-byte ratchet in tests/render/ measures how far it is from xml2rfc.
 * Callers: `idtracker render` (src/render_cli.c), fuzz/fuzz_render.c. */
#ifndef IDT_RENDER_H
#define IDT_RENDER_H

#include <stddef.h>

struct arena;
struct err;

/* Fetches an external resource named by an entity's SYSTEM id, an xi:include href or a v2
 * <?rfc include="..."?> (already resolved against the including document's location when relative).
 * Returns 0 with the bytes in *data and *len (allocated in the arena passed), or -1 when it is not available
 * (the caller's policy: no network, a reference cache folder, local files allowed or not). */
typedef int (*render_fetch_fn)(void *ctx, struct arena *, const char *uri, char **data, size_t *len);

enum { RENDER_TEXT = 0, RENDER_EXPANDED_XML, RENDER_V3_XML, RENDER_PREPPED_XML };

struct render_opts {
	int		 paginate;		/* 0 = --no-pagination */
	int		 id_is_wip;		/* --id-is-work-in-progress (xml2rfc's default) */
	int		 stage;			/* RENDER_TEXT, or where to stop and write XML instead */
	const char	*path;			/* the document's name, for relative includes and messages */
	render_fetch_fn	 fetch;			/* NULL: no external resources */
	/* xml2rfc's warnings ("path(line): Warning: ..."), one call each; NULL: none wanted */
	void		(*warn)(void *ctx, const char *msg);
	void		*warn_ctx;
	void		*fetch_ctx;
	int		 legacy_date;		/* --legacy-date-format: "November 4, 2019" */
	int		 year, month, day;	/* --date: "today" (0 = unknown) */
	int		 bom;
	int		*pis_removed;		/* RENDER_EXPANDED_XML only: when set, every processing instruction is
						 * taken out (the public XML of a posted draft, R10) and counted here */
};

/* 0 with *out (NUL-terminated) and *len, or -1 with e: 400 for input xml2rfc refuses too (not XML,
 * not an <rfc>), with the reason. */
int	render_text(struct arena *, const char *xml, size_t len, const struct render_opts *, char **out, size_t *olen,
	    struct err *);

#endif
