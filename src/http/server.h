/* server.h: the HTTP server on libmicrohttpd (thread pool, epoll): limits at the edge, the
 * dispatcher that enforces each route row's flags, static files, security headers, access log.
 * Callers: main.c (serve) and the bench. */
#ifndef IDT_SERVER_H
#define IDT_SERVER_H

#include <stddef.h>

struct config;
struct db_pool;
struct route;
struct request;
struct response;
struct err;

struct server_hooks {
	/* Fills resp with an error page (HTML) or JSON for req->err; never fails. */
	void	(*render_error)(struct request *, struct response *);
	/* 1 when the signed-in person may do what the route's perm names. */
	int	(*perm_allows)(struct request *, int perm);
};

struct server;

struct mail_ctx;

/* mail: what handlers queue mail with (req_mail()); it must outlive the server. */
int	server_start(struct server **, const struct config *, struct db_pool *, const struct route *routes,
	    size_t nroutes, const struct server_hooks *, const struct mail_ctx *mail, struct err *);
/* The port actually bound (useful with port 0). */
unsigned server_port(const struct server *);
/* The base URL links and mails use (with the real port when it was derived from port 0). */
const char *server_base_url(const struct server *);
void	server_stop(struct server **);

/* Fixed security headers on every response (also used by tests to know what to expect). */
extern const char SERVER_CSP[];

#endif
