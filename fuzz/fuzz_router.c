/* fuzz_router.c: libFuzzer harness for router_match() over the real route table (src/routes.h).
 * Input: first byte picks the method, the rest is the path (copied and NUL-terminated).
 * Invariants checked on every match: each parameter lies inside the path, is non-empty and
 * holds no '/'; putting the parameters back into the pattern gives the path again; the route
 * accepts the method; ROUTE_ADD_SLASH only for GET/HEAD paths without a trailing slash.
 * Seeds: fuzz/corpus/router/. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "http/router.h"
#include "routes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const enum method methods[8] = {
	M_GET, M_HEAD, M_POST, M_PUT, M_DELETE, M_PATCH, M_OPTIONS, M_OTHER,
};

/* Rebuilds the path from the route's pattern and the parameters; 1 when it equals path. */
static int
roundtrip_ok(struct arena *a, const struct route_match *m, const char *path, size_t plen)
{
	const char *p = m->route->pattern, *pe;
	char *out = arena_alloc(a, plen + 1);
	size_t o = 0, k = 0;

	if (out == NULL)
		abort();
	while (*p != '\0') {
		if (*p == '<') {
			if ((pe = strchr(p, '>')) == NULL || k >= m->nparams || o + m->param_len[k] > plen)
				return 0;
			memcpy(out + o, m->param[k], m->param_len[k]);
			o += m->param_len[k++];
			p = pe + 1;
			continue;
		}
		if (o >= plen)
			return 0;
		out[o++] = *p++;
	}
	return k == m->nparams && o == plen && memcmp(out, path, plen) == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct route_match m;
	struct arena a;
	enum method method;
	enum route_result rr;
	char *path, allow[64];
	size_t plen, i, j;

	if (size == 0)
		return 0;
	method = methods[data[0] & 7];
	if ((path = malloc(size)) == NULL)
		return 0;
	memcpy(path, data + 1, size - 1);
	path[size - 1] = '\0';
	plen = strlen(path);	/* the router sees the path up to its first NUL, like a C string from MHD */
	arena_init(&a, 1u << 20);

	rr = router_match(routes, nroutes, method, path, &m);
	switch (rr) {
	case ROUTE_OK:
		if (m.route == NULL || m.route < routes || m.route >= routes + nroutes ||
		    m.nparams > ROUTE_PARAMS_MAX || path[0] != '/')
			abort();
		if (!((m.route->methods & (unsigned)(method == M_HEAD ? M_GET : method)) ||
		    (method == M_HEAD && (m.route->methods & M_HEAD))))
			abort();
		if ((m.allow & m.route->methods) != m.route->methods)
			abort();
		for (i = 0; i < m.nparams; i++) {
			const char *q = m.param[i];

			if (q == NULL || q < path || q > path + plen || m.param_len[i] == 0 ||
			    m.param_len[i] > (size_t)(path + plen - q))
				abort();
			if (memchr(q, '/', m.param_len[i]) != NULL || q[0] == '.')
				abort();
			for (j = 0; j < m.param_len[i]; j++)
				if ((unsigned char)q[j] <= 0x20 || (unsigned char)q[j] >= 0x7f || q[j] == '%' ||
				    q[j] == '?' || q[j] == '#' || q[j] == '\\')
					abort();
		}
		if (!roundtrip_ok(&a, &m, path, plen))
			abort();
		break;
	case ROUTE_BAD_METHOD:
		if (m.route != NULL || m.allow == 0 || path[0] != '/')
			abort();
		break;
	case ROUTE_ADD_SLASH:
		if (m.route != NULL || (method != M_GET && method != M_HEAD) || plen == 0 || path[plen - 1] == '/')
			abort();
		break;
	case ROUTE_NOT_FOUND:
		if (m.route != NULL)
			abort();
		break;
	default:
		abort();
	}
	method_allow_header(m.allow, allow, sizeof(allow));
	if (memchr(allow, '\0', sizeof(allow)) == NULL)
		abort();
	(void)method_parse(path);
	arena_release(&a);
	free(path);
	return 0;
}
