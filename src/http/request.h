/* request.h: one HTTP request and its response as handlers see them. Everything hangs off the
 * request's arena, freed when libmicrohttpd reports the request complete (ARCHITECTURE rule 2).
 * Callers: http/server.c builds them; pages (src/web) and the API (src/api) read and fill them. */
#ifndef IDT_REQUEST_H
#define IDT_REQUEST_H

#include <stdint.h>

#include "../auth/user.h"
#include "../core/arena.h"
#include "../core/buf.h"
#include "../core/err.h"
#include "form.h"
#include "router.h"

struct MHD_Connection;
struct server;
struct config;
struct db;

#define RESP_HEADERS_MAX	16

struct response {
	int		 status;
	const char	*content_type;
	struct buf	 body;
	const void	*data;		/* a body that outlives the request (static files); overrides body */
	size_t		 data_len;
	struct { const char *name, *value; } headers[RESP_HEADERS_MAX];
	int		 nheaders;
	int		 bug;		/* a header was refused: answered as 500 */
};

struct request {
	struct arena		 arena;
	struct server		*srv;
	const struct config	*cfg;
	struct MHD_Connection	*conn;
	enum method		 method;
	const char		*method_name;
	const char		*path;
	struct route_match	 match;
	const char		*param[ROUTE_PARAMS_MAX];	/* NUL-terminated copies of the route's parameters */
	char			 ip[64];
	double			 t0;

	/* The body: in memory up to the spool threshold, then in a temporary file. */
	struct buf		 body;
	int			 spool_fd;
	char			*spool_path;
	size_t			 body_len;
	const char		*body_data;	/* the whole body once received (memory or mapping) */
	int			 body_refused;	/* 413: past max_body while streaming */
	struct form		 form;

	struct db		*db;
	struct user		 user;		/* person_id 0 = anonymous */
	const char		*csrf;		/* the token forms on this page must carry */
	int			 csrf_cookie_new;	/* an anonymous token to send as a cookie */

	struct err		 err;
	struct response		 resp;
	int			 begun;
	char			 incident[20];
	char			 allow[80];	/* for 405 */
};

const char	*req_param(const struct request *, int i);
const char	*req_query(struct request *, const char *name);
const char	*req_header(struct request *, const char *name);
const char	*req_cookie(struct request *, const char *name);
/* The CSRF token for forms on the page being built (creates an anonymous one when needed). */
const char	*req_csrf(struct request *);
/* The mail context handlers queue mail with (src/mail/outbox.h). */
struct mail_ctx;
const struct mail_ctx *req_mail(const struct request *);
/* The configured base URL without a trailing slash. */
const char	*req_base_url(const struct request *);
int		 req_is_api(const struct request *);

/* Adds a header; refuses names or values with CR, LF or NUL (returns -1 and marks the response a bug). */
int		 resp_header(struct response *, const char *name, const char *value);
/* A redirect to a local path or an absolute URL (303 after a POST, 302/301 otherwise). */
int		 resp_redirect(struct request *, int status, const char *location);
/* Sets a cookie: HttpOnly, SameSite=Lax, Path=/, Secure when the base URL is https; max_age < 0 deletes it. */
int		 resp_cookie(struct request *, const char *name, const char *value, long max_age);

#endif
