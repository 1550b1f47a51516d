/* draft_json.h: the JSON object that describes one checked submission (the `idtracker check --json`
 * line, POST /api/validate, the submission API's messages): one shape everywhere. */
#ifndef IDT_DRAFT_JSON_H
#define IDT_DRAFT_JSON_H

#include <jansson.h>

#include "draft.h"

/* files[i] names d[i] (base names); n is 1 or 2 (txt and xml of one draft, txt first). */
json_t		*draft_result_json(const char *const *files, struct draft *d, int n);
/* The draft whose fields describe the submission: the XML when it was read (it is structured). */
const struct draft *draft_primary(struct draft *d, int n);
/* "2026-11-20", "2026-11", "2026" or "" for unknown. */
void		 draft_date_text(const struct draft_date *, char out[16]);

#endif
