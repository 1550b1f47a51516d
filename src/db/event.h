/* event.h: the history row every mutation appends inside its own transaction (ARCHITECTURE rule 5). */
#ifndef IDT_EVENT_H
#define IDT_EVENT_H

#include <stdint.h>

struct db;
struct err;

/* person_id 0 = the system (a command-line action or a timer). */
int	event_add(struct db *, struct err *, int64_t person_id, const char *object_type,
	    const char *object_id, const char *verb, const char *detail);

/* The number every event raises in its own transaction (migration 017): two reads that give the same
 * number saw the same committed changes. 0 before the first change. */
int	event_generation(struct db *, struct err *, int64_t *n);

#endif
