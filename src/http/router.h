/* router.h: matching a request line against the one static route table (src/routes.c).
 * Pure: no allocation, no I/O; parameters point into the path. Fuzzed in fuzz/fuzz_router.c. */
#ifndef IDT_ROUTER_H
#define IDT_ROUTER_H

#include <stddef.h>

enum method {
	M_GET = 1 << 0,
	M_HEAD = 1 << 1,
	M_POST = 1 << 2,
	M_PUT = 1 << 3,
	M_DELETE = 1 << 4,
	M_PATCH = 1 << 5,
	M_OPTIONS = 1 << 6,
	M_OTHER = 1 << 7,
};

/* What the dispatcher enforces before a handler runs (STYLE habit 1). */
enum route_flag {
	R_LOGIN = 1 << 0,	/* a signed-in person (or an API key) is required */
	R_CSRF = 1 << 1,	/* the csrf field or X-CSRF-Token must match (cookie sessions only) */
	R_API = 1 << 2,		/* JSON errors; Authorization: Bearer accepted */
	R_FORM = 1 << 3,	/* the body is a form (urlencoded or multipart) to parse */
	R_STATIC = 1 << 4,	/* no session lookup, cacheable */
	R_PURE = 1 << 5,	/* a POST that changes nothing (validation): no CSRF token needed */
	R_NOCOOKIE = 1 << 6,	/* for scripts: the session cookie is ignored (anonymous unless an API key
				 * is sent), so no cross-site request can act as anyone: no CSRF token */
	R_CACHE = 1 << 7,	/* an anonymous GET may be answered from the page cache (page_cache.h) */
};

#define ROUTE_PARAMS_MAX	4
#define ROUTE_SEGMENT_MAX	128	/* longer path segments never name anything we serve */

struct request;
struct response;
typedef int (*route_handler)(struct request *, struct response *);

struct route {
	unsigned	 methods;	/* M_GET also answers HEAD */
	const char	*pattern;	/* "/group/<name>/", "/liaison/<int>/" */
	route_handler	 fn;
	unsigned	 flags;
	int		 perm;		/* enum perm; 0 = anyone */
};

enum route_result { ROUTE_OK, ROUTE_NOT_FOUND, ROUTE_BAD_METHOD, ROUTE_ADD_SLASH };

struct route_match {
	const struct route	*route;
	size_t			 nparams;
	const char		*param[ROUTE_PARAMS_MAX];	/* into the path, not terminated */
	size_t			 param_len[ROUTE_PARAMS_MAX];
	unsigned		 allow;		/* methods the path accepts, for 405's Allow */
};

enum method	 method_parse(const char *);
/* Writes "GET, HEAD, POST" for a method set into out (size >= 64). */
void		 method_allow_header(unsigned methods, char *out, size_t size);
enum route_result router_match(const struct route *, size_t n, enum method, const char *path,
		    struct route_match *);

#endif
