/* gen_data.h: a synthetic office for benchmarks (bench/scale.sh, issue 10). Callers: main.c (gen-data). */
#ifndef IDT_GEN_DATA_H
#define IDT_GEN_DATA_H

#include <stdint.h>
#include <stdio.h>

struct db;
struct err;

/* Adds groups, people, ndocs documents (1-3 revisions, 1-3 authors each, with their submissions)
 * and nliaisons posted liaison statements with their groups and search index, one transaction per
 * batch. Deterministic for a given size. Progress lines go to `progress` (may be NULL). */
int	gen_data(struct db *, int64_t ndocs, int64_t nliaisons, FILE *progress, struct err *);

#endif
