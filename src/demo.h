/* demo.h: the demo office `idtracker init --demo` creates (fictional people, real group shapes). */
#ifndef IDT_DEMO_H
#define IDT_DEMO_H

#include <stdio.h>

struct db;
struct err;

#define DEMO_PASSWORD	"demo-password"

/* Creates the demo data unless the database already has groups; *created = 0 when skipped. */
int	demo_load(struct db *, struct err *, int *created);
/* Prints the demo sign-ins. */
void	demo_print_logins(FILE *);

#endif
