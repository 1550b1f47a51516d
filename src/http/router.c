/* router.c: first-match routing over a static table; see router.h. Segments are matched
 * against allow-lists, so no parameter can carry '/', '..' or control characters to a handler. */
#include <stdio.h>
#include <string.h>

#include "router.h"

enum method
method_parse(const char *m)
{
	static const struct { const char *name; enum method m; } names[] = {
		{ "GET", M_GET }, { "HEAD", M_HEAD }, { "POST", M_POST }, { "PUT", M_PUT },
		{ "DELETE", M_DELETE }, { "PATCH", M_PATCH }, { "OPTIONS", M_OPTIONS },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(m, names[i].name) == 0)
			return names[i].m;
	return M_OTHER;
}

void
method_allow_header(unsigned methods, char *out, size_t size)
{
	static const char *const names[] = { "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS" };
	size_t i, n = 0;

	if (methods & M_GET)
		methods |= M_HEAD;
	out[0] = '\0';
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (methods & (1u << i)) {
			int r = snprintf(out + n, size - n, "%s%s", n ? ", " : "", names[i]);
			if (r < 0 || (size_t)r >= size - n)
				return;
			n += (size_t)r;
		}
}

/* One path segment for <name>: letters, digits, '.', '_', '-', '@', '+', not starting with '.'. */
static int
seg_name_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > ROUTE_SEGMENT_MAX || s[0] == '.')
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '.' || c == '_' || c == '-' || c == '@' || c == '+'))
			return 0;
	}
	return 1;
}

static int
seg_int_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 18 || (s[0] == '0' && n > 1))
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* Matches path against pattern; fills params on success. */
static int
pattern_match(const char *pat, const char *path, struct route_match *m)
{
	const char *p = pat, *s = path, *pe, *se;
	size_t np = 0;

	while (*p != '\0') {
		if (*p == '<') {
			pe = strchr(p, '>');
			if (pe == NULL)
				return 0;
			se = s;
			while (*se != '\0' && *se != '/')
				se++;
			if (strncmp(p, "<int>", 5) == 0 ? !seg_int_ok(s, (size_t)(se - s)) :
			    !seg_name_ok(s, (size_t)(se - s)))
				return 0;
			if (np == ROUTE_PARAMS_MAX)
				return 0;
			m->param[np] = s;
			m->param_len[np] = (size_t)(se - s);
			np++;
			p = pe + 1;
			s = se;
			continue;
		}
		if (*p != *s)
			return 0;
		p++;
		s++;
	}
	if (*s != '\0')
		return 0;
	m->nparams = np;
	return 1;
}

enum route_result
router_match(const struct route *routes, size_t n, enum method method, const char *path,
    struct route_match *m)
{
	struct route_match tmp = { 0 };
	enum method want = method == M_HEAD ? M_GET : method;
	size_t i, len;
	char slashed[1024];

	memset(m, 0, sizeof(*m));
	if (path == NULL || path[0] != '/')
		return ROUTE_NOT_FOUND;
	for (i = 0; i < n; i++) {
		if (!pattern_match(routes[i].pattern, path, &tmp))
			continue;
		m->allow |= routes[i].methods;
		if (m->route == NULL && ((routes[i].methods & (unsigned)want) ||
		    (method == M_HEAD && (routes[i].methods & M_HEAD)))) {
			*m = tmp;
			m->route = &routes[i];
			m->allow = routes[i].methods;
		}
	}
	if (m->route != NULL) {
		/* Collect every method the path accepts, for Allow on a later 405. */
		for (i = 0; i < n; i++)
			if (pattern_match(routes[i].pattern, path, &tmp))
				m->allow |= routes[i].methods;
		return ROUTE_OK;
	}
	if (m->allow != 0)
		return ROUTE_BAD_METHOD;
	/* "/group/quic" -> "/group/quic/", as Datatracker URLs end in a slash. */
	len = strlen(path);
	if ((method == M_GET || method == M_HEAD) && path[len - 1] != '/' && len + 2 <= sizeof(slashed)) {
		memcpy(slashed, path, len);
		slashed[len] = '/';
		slashed[len + 1] = '\0';
		for (i = 0; i < n; i++)
			if ((routes[i].methods & M_GET) && pattern_match(routes[i].pattern, slashed, &tmp))
				return ROUTE_ADD_SLASH;
	}
	return ROUTE_NOT_FOUND;
}
