/* layout.h: the shared page frame (head, navigation to Submit, Documents, Groups, Liaison
 * statements, the account corner) and the error page. Callers: every page in src/web. */
#ifndef IDT_LAYOUT_H
#define IDT_LAYOUT_H

#include "html.h"

struct request;
struct response;

/* Starts a page: the writer builds into the response. section names the active menu entry. */
void	page_begin(struct request *, struct html *, const char *title, const char *section);
/* Closes the frame and hands the page to the response; 0, or -1 with the request's err set. */
int	page_end(struct request *, struct html *);
/* A hidden csrf field for a form on this page. */
void	page_csrf_field(struct request *, struct html *);
/* A notice box ("ok" or "error" kind) with one escaped sentence. */
void	page_notice(struct html *, const char *kind, const char *text);
/* The HTML error page for req->err (incident id on 5xx). */
void	page_error(struct request *, struct response *);
const char *http_status_text(int status);
/* A table with column headings (NULL-terminated); rows go between page_table_begin and _end. */
void	page_table_begin(struct html *, const char *id, const char *const *headings);
void	page_table_end(struct html *);
/* A cell that names its column, so phones (one column, no header row) still say what it is. */
void	page_cell(struct html *, const char *label, const char *text);
/* "/group/<acronym>/" with the acronym percent-encoded, in the request's arena. */
const char *page_group_href(struct request *, const char *acronym);
/* A labelled input (<p class="field"><label>…</label><input…></p>); value NULL = empty. */
void	page_field(struct html *, const char *id, const char *label, const char *type, const char *value, int required);
/* A labelled textarea. */
void	page_textarea(struct html *, const char *id, const char *label, const char *value, const char *rows);
/* "2026-11-27T09:17:25Z" -> "2026-11-27 09:17 UTC" for people; anything else unchanged. */
const char *page_time(struct request *, const char *iso);

#endif
