/* routes.h: the route table and the hooks the server calls back (error pages, permissions). */
#ifndef IDT_ROUTES_H
#define IDT_ROUTES_H

#include <stddef.h>

#include "http/router.h"
#include "http/server.h"

extern const struct route routes[];
extern const size_t nroutes;
extern const struct server_hooks route_hooks;

#endif
