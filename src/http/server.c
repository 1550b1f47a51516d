/* server.c: libmicrohttpd glue. Limits are checked at the edge (connections per address, body
 * size while it streams, form fields), each route row's flags are enforced here before its
 * handler runs (login, CSRF, permission), and every request ends in one access-log line.
 * Callers: main.c (idtracker serve).
 * libmicrohttpd is loaded by server_start() (core/dynlib.h): the other commands never load it. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include <microhttpd.h>

#include "../auth/session.h"
#include "../auth/token.h"
#include "../core/config.h"
#include "../core/dynlib.h"
#include "../core/hash.h"
#include "../core/log.h"
#include "../core/timeutil.h"
#include "../core/url.h"
#include "../db/db.h"
#include "../db/event.h"
#include "page_cache.h"
#include "request.h"
#include "server.h"
#include "sonames.h"

/* Every libmicrohttpd function this file calls; one missing here is a link error (-lmicrohttpd is not
 * linked). The request accessors (req_query() ...) call them too: they only run under a started server. */
#define MHD_FUNCS(X) \
	X(MHD_add_response_header) X(MHD_create_response_from_buffer) X(MHD_destroy_response) \
	X(MHD_get_connection_info) X(MHD_get_connection_values) X(MHD_get_daemon_info) X(MHD_lookup_connection_value) \
	X(MHD_queue_response) \
	X(MHD_start_daemon) X(MHD_stop_daemon)
MHD_FUNCS(DYNLIB_PTR)
static const struct dynlib_sym mhd_syms[] = { MHD_FUNCS(DYNLIB_SYM) };
static struct dynlib mhd_lib = DYNLIB(SONAME_MHD, "the HTTP server", mhd_syms, NULL);
#define MHD_add_response_header		p_MHD_add_response_header
#define MHD_create_response_from_buffer	p_MHD_create_response_from_buffer
#define MHD_destroy_response		p_MHD_destroy_response
#define MHD_get_connection_info		p_MHD_get_connection_info
#define MHD_get_connection_values	p_MHD_get_connection_values
#define MHD_get_daemon_info		p_MHD_get_daemon_info
#define MHD_lookup_connection_value	p_MHD_lookup_connection_value
#define MHD_queue_response		p_MHD_queue_response
#define MHD_start_daemon		p_MHD_start_daemon
#define MHD_stop_daemon			p_MHD_stop_daemon

/* No inline script or style anywhere: pages work without JavaScript, and what little there is
 * comes from /static/. Framing is refused to stop click-jacking of approve/post buttons. */
const char SERVER_CSP[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

#define ARENA_CAP	(64u << 20)	/* one request never holds more than this in memory */
#define IP_SLOTS	1024		/* open-addressed table of per-address connection counts */
#define CACHE_SLOTS	4096		/* anonymous pages kept (page_cache.h) ... */
#define CACHE_BYTES	(128u << 20)	/* ... in at most this much memory, a page at most 16 MB */
#define GEN_LEASE_MS	20.0		/* on a database server, one generation read serves this long */

struct ip_slot {
	char	ip[48];
	int	count;
};

struct server {
	struct MHD_Daemon	*d;
	const struct config	*cfg;
	struct db_pool		*pool;
	const struct route	*routes;
	size_t			 nroutes;
	struct server_hooks	 hooks;
	const struct mail_ctx	*mail;
	struct form_limits	 limits;
	size_t			 max_body, spool_threshold;
	long			 max_per_ip;
	int			 secure_cookies;
	char			*base_url;
	char			*tmpdir;
	pthread_mutex_t		 ip_mu;
	struct ip_slot		 ips[IP_SLOTS];
	struct page_cache	*cache;		/* NULL: page_cache = 0 */
	/* The generation last read from a database server, shared by the threads for GEN_LEASE_MS:
	 * every cached answer was a round trip to PostgreSQL, and at 20,000-30,000 a second on two
	 * shared cores 1-2% of requests stalled 0.1-1.3 s (docs/operations.md). A change made through
	 * this server ends the lease at once; one made through another is seen within GEN_LEASE_MS.
	 * SQLite reads it in process at every request, as before. */
	int			 gen_lease;	/* 1 on PostgreSQL */
	pthread_mutex_t		 gen_mu;
	int64_t			 gen;
	double			 gen_at;	/* time_mono_ms() when the read began; < 0: no lease */
	unsigned		 gen_epoch;	/* counts lease ends: a read begun before one is not leased */
};

/* ---- per-address connection counting ---- */

/* Adjusts the count for ip by delta and returns the new count. Linear probing over the whole
 * table: an address's slot is found even when an earlier slot in its chain has emptied. */
static int
ip_count(struct server *s, const char *ip, int delta)
{
	unsigned i, h = hash_fnv1a_str(HASH_FNV1A_INIT, ip) % IP_SLOTS;
	struct ip_slot *sl, *free_slot = NULL;
	int n = 0;

	pthread_mutex_lock(&s->ip_mu);
	for (i = 0; i < IP_SLOTS; i++) {
		sl = &s->ips[(h + i) % IP_SLOTS];
		if (sl->count > 0 && strcmp(sl->ip, ip) == 0) {
			sl->count += delta;
			n = sl->count;
			free_slot = NULL;
			goto out;
		}
		if (sl->count <= 0 && free_slot == NULL)
			free_slot = sl;
	}
	/* Not tracked yet; when the table is full the address simply goes uncounted. */
	if (delta > 0 && free_slot != NULL) {
		snprintf(free_slot->ip, sizeof(free_slot->ip), "%s", ip);
		free_slot->count = delta;
		n = delta;
	}
out:
	pthread_mutex_unlock(&s->ip_mu);
	return n;
}

static void
addr_text(const struct sockaddr *sa, char *out, size_t size)
{
	out[0] = '\0';
	if (sa == NULL)
		return;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out, (socklen_t)size);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out, (socklen_t)size);
}

static void
on_connection(void *cls, struct MHD_Connection *c, void **socket_context, enum MHD_ConnectionNotificationCode code)
{
	struct server *s = cls;
	const union MHD_ConnectionInfo *ci;
	char ip[48];

	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		addr_text(ci ? ci->client_addr : NULL, ip, sizeof(ip));
		ip_count(s, ip, 1);
		*socket_context = strdup(ip);
	} else if (*socket_context != NULL) {
		ip_count(s, *socket_context, -1);
		free(*socket_context);
		*socket_context = NULL;
	}
}

/* ---- request accessors ---- */

const char *
req_param(const struct request *r, int i)
{
	return i >= 0 && i < ROUTE_PARAMS_MAX ? r->param[i] : NULL;
}

const char *
req_query(struct request *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *
req_header(struct request *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *
req_cookie(struct request *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

const struct mail_ctx *
req_mail(const struct request *r)
{
	return r->srv->mail;
}

const char *
req_base_url(const struct request *r)
{
	return r->srv->base_url;
}

int
req_is_api(const struct request *r)
{
	if (r->match.route != NULL)
		return (r->match.route->flags & R_API) != 0;
	return r->path != NULL && (strncmp(r->path, "/api/", 5) == 0 || strcmp(r->path, "/healthz") == 0);
}

const char *
req_csrf(struct request *r)
{
	char tok[TOKEN_LEN + 1];
	const char *c;

	if (r->csrf != NULL)
		return r->csrf;
	if (r->user.person_id != 0 && r->user.csrf != NULL)
		return r->csrf = r->user.csrf;
	c = req_cookie(r, CSRF_COOKIE);
	if (c != NULL && strlen(c) == TOKEN_LEN)
		return r->csrf = arena_strdup(&r->arena, c);
	token_new(tok);
	r->csrf = arena_strdup(&r->arena, tok);
	r->csrf_cookie_new = 1;
	return r->csrf;
}

/* ---- responses ---- */

static int
header_safe(const char *s)
{
	for (; *s; s++)
		if (*s == '\r' || *s == '\n')
			return 0;
	return 1;
}

int
resp_header(struct response *resp, const char *name, const char *value)
{
	if (name == NULL || value == NULL || !header_safe(name) || !header_safe(value) ||
	    resp->nheaders == RESP_HEADERS_MAX) {
		resp->bug = 1;
		return -1;
	}
	resp->headers[resp->nheaders].name = name;
	resp->headers[resp->nheaders].value = value;
	resp->nheaders++;
	return 0;
}

int
resp_redirect(struct request *r, int status, const char *location)
{
	if (!(location[0] == '/' && location[1] != '/' && location[1] != '\\') &&
	    strncmp(location, r->srv->base_url, strlen(r->srv->base_url)) != 0)
		return err_set(&r->err, 500, "redirect", "Refused to redirect off the site.");
	r->resp.status = status;
	return resp_header(&r->resp, "Location", location) == -1 ?
	    err_set(&r->err, 500, "redirect", "The redirect target is not a valid URL.") : 0;
}

int
resp_cookie(struct request *r, const char *name, const char *value, long max_age)
{
	char *c;

	c = arena_printf(&r->arena, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s; Max-Age=%ld", name,
	    max_age < 0 ? "" : value, r->srv->secure_cookies ? "; Secure" : "", max_age < 0 ? 0 : max_age);
	if (c == NULL)
		return err_set(&r->err, 500, "memory", "Out of memory.");
	return resp_header(&r->resp, "Set-Cookie", c);
}

static void
add_header(struct MHD_Response *mr, const char *name, const char *value)
{
	if (MHD_add_response_header(mr, name, value) != MHD_YES)
		log_error("refused response header %s", name);
}

static enum MHD_Result
send_response(struct request *r)
{
	struct response *resp = &r->resp;
	struct MHD_Response *mr;
	enum MHD_Result ret;
	const void *data;
	size_t len;
	int i;

	if (resp->bug || resp->status == 0) {
		resp->status = 500;
		resp->nheaders = 0;
		resp->data = NULL;
		buf_reset(&resp->body);
		buf_puts(&resp->body, "Internal error: the response could not be built.\n");
		resp->content_type = "text/plain; charset=utf-8";
	}
	if (resp->data != NULL) {
		data = resp->data;
		len = resp->data_len;
	} else {
		data = resp->body.data ? resp->body.data : "";
		len = resp->body.len;
	}
	/* The body lives in the request's arena (or static memory), which outlives the send:
	 * the arena is freed only when MHD reports the request complete. */
	mr = MHD_create_response_from_buffer(len, (void *)(uintptr_t)data, MHD_RESPMEM_PERSISTENT);
	if (mr == NULL)
		return MHD_NO;
	if (resp->content_type != NULL)
		add_header(mr, MHD_HTTP_HEADER_CONTENT_TYPE, resp->content_type);
	add_header(mr, "Content-Security-Policy", SERVER_CSP);
	add_header(mr, "X-Content-Type-Options", "nosniff");
	add_header(mr, "X-Frame-Options", "DENY");
	add_header(mr, "Referrer-Policy", "same-origin");
	if (r->match.route == NULL || !(r->match.route->flags & R_STATIC))
		add_header(mr, "Cache-Control", "no-store");
	for (i = 0; i < resp->nheaders; i++)
		add_header(mr, resp->headers[i].name, resp->headers[i].value);
	if (r->csrf_cookie_new) {
		char *c = arena_printf(&r->arena, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s; Max-Age=31536000",
		    CSRF_COOKIE, r->csrf, r->srv->secure_cookies ? "; Secure" : "");
		if (c != NULL)
			add_header(mr, "Set-Cookie", c);
	}
	ret = MHD_queue_response(r->conn, (unsigned)resp->status, mr);
	MHD_destroy_response(mr);
	return ret;
}

/* Answers with req->err through the page or API renderer (500s get an incident id). */
static enum MHD_Result
send_error(struct request *r)
{
	if (r->err.status == 0)
		err_set(&r->err, 500, "bug", "The handler failed without saying why.");
	if (r->err.status >= 500) {
		token_hex(r->incident, 6);
		log_error("incident %s: %s %s: %d %s: %s", r->incident, r->method_name, r->path, r->err.status,
		    r->err.code, r->err.msg);
	}
	r->resp.status = r->err.status;
	r->resp.nheaders = 0;
	r->resp.data = NULL;
	r->resp.bug = 0;
	buf_reset(&r->resp.body);
	r->srv->hooks.render_error(r, &r->resp);
	if (r->err.status == 405 && r->allow[0] != '\0')
		resp_header(&r->resp, "Allow", r->allow);
	return send_response(r);
}

static enum MHD_Result
fail(struct request *r, int status, const char *code, const char *msg)
{
	err_set(&r->err, status, code, "%s", msg);
	return send_error(r);
}

/* ---- the body ---- */

static int
body_append(struct request *r, const char *data, size_t n)
{
	struct server *s = r->srv;

	if (r->body_refused)
		return 0;
	if (r->body_len + n > s->max_body) {
		r->body_refused = 1;
		return 0;
	}
	if (r->spool_fd < 0 && r->body_len + n > s->spool_threshold) {
		r->spool_path = arena_printf(&r->arena, "%s/upload-XXXXXX", s->tmpdir);
		if (r->spool_path == NULL || (r->spool_fd = mkstemp(r->spool_path)) < 0) {
			log_error("cannot create a spool file in %s: %s", s->tmpdir, strerror(errno));
			return -1;
		}
		if (r->body_len && write(r->spool_fd, r->body.data, r->body_len) != (ssize_t)r->body_len)
			return -1;
	}
	if (r->spool_fd >= 0) {
		while (n > 0) {
			ssize_t w = write(r->spool_fd, data, n);
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				return -1;
			data += w;
			n -= (size_t)w;
			r->body_len += (size_t)w;
		}
		return 0;
	}
	buf_put(&r->body, data, n);
	r->body_len += n;
	return r->body.failed ? -1 : 0;
}

static void
unmap_body(void *p)
{
	struct request *r = p;

	if (r->body_data != NULL && r->spool_fd >= 0 && r->body_len > 0)
		munmap((void *)(uintptr_t)r->body_data, r->body_len);
}

static int
body_finish(struct request *r)
{
	void *m;

	if (r->spool_fd < 0) {
		r->body_data = r->body.data ? r->body.data : "";
		return 0;
	}
	if (r->body_len == 0) {
		r->body_data = "";
		return 0;
	}
	m = mmap(NULL, r->body_len, PROT_READ, MAP_PRIVATE, r->spool_fd, 0);
	if (m == MAP_FAILED)
		return -1;
	r->body_data = m;
	arena_defer(&r->arena, unmap_body, r);
	return 0;
}

static int
parse_form(struct request *r)
{
	const char *ct = req_header(r, MHD_HTTP_HEADER_CONTENT_TYPE);

	if (ct == NULL || r->body_len == 0)
		return 0;
	if (strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0)
		return form_parse_urlencoded(&r->arena, r->body_data, r->body_len, &r->srv->limits, &r->form, &r->err);
	if (strncasecmp(ct, "multipart/form-data", 19) == 0)
		return form_parse_multipart(&r->arena, ct, r->body_data, r->body_len, &r->srv->limits, &r->form, &r->err);
	if ((r->match.route->flags & R_API) && strncasecmp(ct, "application/json", 16) == 0)
		return form_parse_json(&r->arena, r->body_data, r->body_len, &r->srv->limits, &r->form, &r->err);
	return err_set(&r->err, 415, "content-type", "Send this as a web form or JSON, not as %.60s.", ct);
}

/* ---- dispatch ---- */

static int
authenticate(struct request *r)
{
	const char *auth, *tok;
	int rc;

	if (r->match.route->flags & R_API) {
		auth = req_header(r, MHD_HTTP_HEADER_AUTHORIZATION);
		if (auth != NULL) {
			if (strncasecmp(auth, "Bearer ", 7) != 0)
				return err_set(&r->err, 401, "auth", "Use Authorization: Bearer <API key>.");
			rc = apikey_lookup(r->db, &r->arena, &r->err, auth + 7, &r->user);
			if (rc == 0)
				return err_set(&r->err, 401, "auth", "The API key is not valid or has been revoked.");
			return rc == -1 ? -1 : 0;
		}
	}
	if (r->match.route->flags & R_NOCOOKIE)
		return 0;
	if ((tok = req_cookie(r, SESSION_COOKIE)) != NULL) {
		rc = session_lookup(r->db, &r->arena, &r->err, tok, &r->user);
		if (rc == -1)
			return -1;
		if (rc == 0)	/* expired or unknown: forget it quietly */
			resp_cookie(r, SESSION_COOKIE, "", -1);
	}
	return 0;
}

static int
check_csrf(struct request *r)
{
	const char *given, *want;

	if (r->user.via_api_key)
		return 0;	/* no cookie was involved, so no cross-site forgery is possible */
	given = req_header(r, "X-CSRF-Token");
	if (given == NULL)
		given = form_value(&r->form, "csrf");
	if (r->user.person_id != 0)
		want = r->user.csrf;
	else
		want = req_cookie(r, CSRF_COOKIE);
	if (given == NULL || want == NULL || !token_equal(given, want))
		return err_set(&r->err, 403, "csrf",
		    "The form was not accepted: its security token is missing or out of date "
		    "(CSRF check). Reload the page and try again.");
	return 0;
}

/* ---- the page cache (page_cache.h) ---- */

static enum MHD_Result
key_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct buf *b = cls;

	(void)kind;
	/* each name and value with its length, so no choice of characters can make two queries one key */
	buf_printf(b, "%zu:%s%c", strlen(key), key, value ? '=' : '-');
	if (value != NULL)
		buf_printf(b, "%zu:%s", strlen(value), value);
	return MHD_YES;
}

/* The key of an anonymous GET or HEAD of a route the table marks R_CACHE, or NULL when this request
 * must be built for itself: someone signed in or with an API key, a cookie being set or cleared. */
static const char *
cache_key(struct request *r, size_t *len)
{
	struct buf b;

	if (r->srv->cache == NULL || !(r->match.route->flags & R_CACHE) ||
	    (r->method != M_GET && r->method != M_HEAD) || r->user.person_id != 0 || r->user.via_api_key ||
	    r->resp.nheaders != 0 || r->csrf_cookie_new)
		return NULL;
	buf_init(&b, &r->arena, 0);
	buf_puts(&b, r->path);
	buf_putc(&b, '?');
	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, key_arg, &b);
	if (b.failed)
		return NULL;
	*len = b.len;
	return buf_cstr(&b);
}

/* The generation a cached page is checked against and a new one kept under (see struct server). */
static int
cache_generation(struct request *r, int64_t *gen)
{
	struct server *s = r->srv;
	double t = time_mono_ms();
	unsigned epoch = 0;

	if (s->gen_lease) {
		pthread_mutex_lock(&s->gen_mu);
		epoch = s->gen_epoch;
		if (s->gen_at >= 0 && t - s->gen_at < GEN_LEASE_MS) {
			*gen = s->gen;
			pthread_mutex_unlock(&s->gen_mu);
			return 0;
		}
		pthread_mutex_unlock(&s->gen_mu);
	}
	if (event_generation(r->db, &r->err, gen) == -1)
		return -1;
	if (s->gen_lease) {
		pthread_mutex_lock(&s->gen_mu);
		/* the lease starts when its read began, so it is never fresher than it is; and a read that a
		 * change on this server overtook is not leased (its number may predate the change) */
		if (epoch == s->gen_epoch && t > s->gen_at) {
			s->gen = *gen;
			s->gen_at = t;
		}
		pthread_mutex_unlock(&s->gen_mu);
	}
	return 0;
}

/* A request that may have changed something ends the lease: this server's next reader reads again. */
static void
cache_lease_end(struct server *s)
{
	if (!s->gen_lease)
		return;
	pthread_mutex_lock(&s->gen_mu);
	s->gen_at = -1;
	s->gen_epoch++;
	pthread_mutex_unlock(&s->gen_mu);
}

static enum MHD_Result
dispatch(struct request *r)
{
	const struct route *rt = r->match.route;
	struct server *s = r->srv;
	enum MHD_Result ret;
	const char *key = NULL;
	size_t keylen = 0;
	int64_t gen = 0;
	time_t now = 0;
	int rc = -1;

	if (r->body_refused)
		return fail(r, 413, "too-large", "The request body is larger than this server accepts.");
	if (body_finish(r) == -1)
		return fail(r, 500, "spool", "The upload could not be read back.");
	r->db = db_pool_get(s->pool, &r->err);
	if (!(rt->flags & R_STATIC) && authenticate(r) == -1)
		goto out;
	if ((rt->flags & R_FORM) && r->method == M_POST && parse_form(r) == -1)
		goto out;
	if ((rt->flags & R_LOGIN) && r->user.person_id == 0) {
		if (rt->flags & R_API) {
			err_set(&r->err, 401, "auth", "Sign in or send an API key (Authorization: Bearer).");
			goto out;
		}
		{
			struct buf b;
			buf_init(&b, &r->arena, 0);
			buf_puts(&b, "/accounts/login/?next=");
			url_encode(&b, r->path);
			if (resp_redirect(r, r->method == M_POST ? 303 : 302, buf_cstr(&b)) == -1)
				goto out;
		}
		rc = 0;
		goto out;
	}
	if ((rt->flags & R_CSRF) && r->method != M_GET && r->method != M_HEAD && check_csrf(r) == -1)
		goto out;
	if (rt->perm != 0 && !s->hooks.perm_allows(r, rt->perm)) {
		err_set(&r->err, 403, "perm", "You do not have a role that allows this.");
		goto out;
	}
	r->resp.status = 200;
	/* An anonymous reader's page, kept while nothing has changed (issue 10). The generation is read
	 * first: a change committed after the read makes a newer number, so a page built now is never
	 * kept under a number that claims to include it. */
	if ((key = cache_key(r, &keylen)) != NULL) {
		now = time(NULL);
		if (cache_generation(r, &gen) == -1) {
			key = NULL;
			memset(&r->err, 0, sizeof(r->err));	/* the page is built as if no cache were there */
		} else if (page_cache_get(s->cache, key, keylen, gen, now, &r->arena, &r->resp.content_type,
		    &r->resp.data, &r->resp.data_len) == 1) {
			resp_header(&r->resp, "X-Cache", "hit");
			rc = 0;
			goto out;
		}
	}
	rc = rt->fn(r, &r->resp);
	if (r->method != M_GET && r->method != M_HEAD)
		cache_lease_end(s);
	/* Kept only as every anonymous reader would get it: a 200 that set no cookie and put no
	 * token in a form (req_csrf() hands out this reader's own). */
	if (key != NULL && rc == 0) {
		if (r->resp.status == 200 && !r->resp.bug && r->resp.nheaders == 0 && r->csrf == NULL &&
		    !r->csrf_cookie_new)
			page_cache_put(s->cache, key, keylen, gen, now, r->resp.content_type,
			    r->resp.data ? r->resp.data : r->resp.body.data, r->resp.data ? r->resp.data_len : r->resp.body.len);
		resp_header(&r->resp, "X-Cache", "miss");
	}
out:
	if (rc == -1 && r->db != NULL)
		db_rollback(r->db);
	db_pool_put(s->pool, r->db);
	r->db = NULL;
	if (rc == -1)
		return send_error(r);
	ret = send_response(r);
	return ret;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
    const char *version, const char *upload_data, size_t *upload_data_size, void **con_cls)
{
	struct server *s = cls;
	struct request *r = *con_cls;
	const union MHD_ConnectionInfo *ci;
	const char *cl;
	enum route_result rr;
	size_t i;

	(void)version;
	if (r == NULL) {
		if ((r = calloc(1, sizeof(*r))) == NULL)
			return MHD_NO;
		*con_cls = r;
		arena_init(&r->arena, ARENA_CAP);
		buf_init(&r->body, &r->arena, 0);
		buf_init(&r->resp.body, &r->arena, 0);
		r->spool_fd = -1;
		r->srv = s;
		r->cfg = s->cfg;
		r->conn = c;
		r->t0 = time_mono_ms();
		r->method = method_parse(method);
		r->method_name = arena_strndup(&r->arena, method, strnlen(method, 16));
		r->path = arena_strndup(&r->arena, url, strnlen(url, 4096));
		ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		addr_text(ci ? ci->client_addr : NULL, r->ip, sizeof(r->ip));
		if (r->method_name == NULL || r->path == NULL)
			return MHD_NO;
		if (s->max_per_ip > 0 && ip_count(s, r->ip, 0) > s->max_per_ip) {
			resp_header(&r->resp, "Retry-After", "10");
			resp_header(&r->resp, "Connection", "close");
			r->resp.status = 429;
			r->resp.content_type = "text/plain; charset=utf-8";
			buf_puts(&r->resp.body, "Too many connections from your address; close some and try again.\n");
			r->begun = 2;
			return send_response(r);
		}
		cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl != NULL && strtoull(cl, NULL, 10) > s->max_body) {
			r->begun = 2;
			return fail(r, 413, "too-large", "The request body is larger than this server accepts.");
		}
		rr = router_match(s->routes, s->nroutes, r->method, r->path, &r->match);
		if (rr != ROUTE_OK) {
			r->begun = 2;
			r->match.route = NULL;
			if (rr == ROUTE_ADD_SLASH) {
				resp_redirect(r, 301, arena_printf(&r->arena, "%s/", r->path));
				r->resp.status = 301;
				return send_response(r);
			}
			if (rr == ROUTE_BAD_METHOD) {
				method_allow_header(r->match.allow, r->allow, sizeof(r->allow));
				err_set(&r->err, 405, "method", "This address does not accept %s; it accepts %s.",
				    r->method_name, r->allow);
				return send_error(r);
			}
			return fail(r, 404, "not-found", "There is no page at this address.");
		}
		for (i = 0; i < r->match.nparams; i++)
			r->param[i] = arena_strndup(&r->arena, r->match.param[i], r->match.param_len[i]);
		r->begun = 1;
		return MHD_YES;
	}
	if (r->begun == 2) {
		*upload_data_size = 0;	/* already answered: drain and drop */
		return MHD_YES;
	}
	if (*upload_data_size != 0) {
		if (body_append(r, upload_data, *upload_data_size) == -1) {
			log_error("could not store a request body of %zu bytes", r->body_len);
			return MHD_NO;
		}
		*upload_data_size = 0;
		return MHD_YES;
	}
	r->begun = 2;
	return dispatch(r);
}

static void
on_completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	struct request *r = *con_cls;

	(void)cls;
	(void)c;
	if (r == NULL)
		return;
	log_info("access %s %s %s %d %zu %.1fms%s%s%s", r->ip, r->method_name ? r->method_name : "-",
	    r->path ? r->path : "-", r->resp.status, r->resp.data ? r->resp.data_len : r->resp.body.len,
	    time_mono_ms() - r->t0, toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " aborted",
	    r->incident[0] ? " incident=" : "", r->incident);
	arena_release(&r->arena);
	if (r->spool_fd >= 0) {
		close(r->spool_fd);
		unlink(r->spool_path);
	}
	free(r);
	*con_cls = NULL;
}

static void
on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	char line[512];

	(void)cls;
	vsnprintf(line, sizeof(line), fmt, ap);
	log_warn("mhd: %s", line);
}

static int
parse_listen(const char *listen, struct sockaddr_storage *ss, socklen_t *len, struct err *e)
{
	char host[256];
	const char *colon;
	long port;
	char *end;

	memset(ss, 0, sizeof(*ss));
	if (listen[0] == '[') {
		const char *rb = strchr(listen, ']');
		if (rb == NULL || rb[1] != ':')
			return err_set(e, 400, "listen", "listen must look like [::1]:8080.");
		snprintf(host, sizeof(host), "%.*s", (int)(rb - listen - 1), listen + 1);
		colon = rb + 1;
	} else {
		colon = strrchr(listen, ':');
		if (colon == NULL)
			return err_set(e, 400, "listen", "listen must look like 127.0.0.1:8080, not \"%s\".", listen);
		snprintf(host, sizeof(host), "%.*s", (int)(colon - listen), listen);
	}
	port = strtol(colon + 1, &end, 10);
	if (*end != '\0' || port < 0 || port > 65535)
		return err_set(e, 400, "listen", "The port in listen must be 0 to 65535.");
	if (host[0] == '\0')
		snprintf(host, sizeof(host), "0.0.0.0");
	if (strchr(host, ':') != NULL) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((uint16_t)port);
		if (inet_pton(AF_INET6, host, &s6->sin6_addr) != 1)
			return err_set(e, 400, "listen", "\"%s\" is not an IPv6 address.", host);
		*len = sizeof(*s6);
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)ss;
		s4->sin_family = AF_INET;
		s4->sin_port = htons((uint16_t)port);
		if (inet_pton(AF_INET, host, &s4->sin_addr) != 1)
			return err_set(e, 400, "listen", "\"%s\" is not an IPv4 address (use a numeric address).", host);
		*len = sizeof(*s4);
	}
	return 0;
}

int
server_start(struct server **out, const struct config *cfg, struct db_pool *pool, const struct route *routes,
    size_t nroutes, const struct server_hooks *hooks, const struct mail_ctx *mail, struct err *e)
{
	struct sockaddr_storage ss;
	socklen_t sslen;
	struct server *s;
	size_t n;

	*out = NULL;
	if (dynlib_load(&mhd_lib) == -1)
		return err_set(e, 500, "library", "%s.", mhd_lib.error);
	if (parse_listen(config_str(cfg, CFG_LISTEN), &ss, &sslen, e) == -1)
		return -1;
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return err_set(e, 500, "memory", "Out of memory starting the server.");
	pthread_mutex_init(&s->ip_mu, NULL);
	s->cfg = cfg;
	s->pool = pool;
	s->routes = routes;
	s->nroutes = nroutes;
	s->hooks = *hooks;
	s->mail = mail;
	s->limits.max_fields = (size_t)config_int(cfg, CFG_MAX_FIELDS);
	s->limits.max_field = (size_t)config_int(cfg, CFG_MAX_FIELD);
	s->max_body = (size_t)config_int(cfg, CFG_MAX_BODY);
	s->spool_threshold = (size_t)config_int(cfg, CFG_SPOOL_THRESHOLD);
	s->max_per_ip = (long)config_int(cfg, CFG_MAX_CONN_PER_IP);
	s->base_url = strdup(config_str(cfg, CFG_BASE_URL));
	n = strlen(s->base_url);
	while (n > 0 && s->base_url[n - 1] == '/')
		s->base_url[--n] = '\0';
	s->secure_cookies = strncmp(s->base_url, "https://", 8) == 0;
	pthread_mutex_init(&s->gen_mu, NULL);
	s->gen_at = -1;
	s->gen_lease = db_url_is_server(config_str(cfg, CFG_DB));
	if (config_int(cfg, CFG_PAGE_CACHE) > 0 &&
	    (s->cache = page_cache_new(CACHE_SLOTS, CACHE_BYTES, (int)config_int(cfg, CFG_PAGE_CACHE))) == NULL) {
		free(s->base_url);
		free(s);
		return err_set(e, 500, "memory", "Out of memory for the page cache.");
	}
	if (asprintf(&s->tmpdir, "%s/tmp", config_str(cfg, CFG_DATA)) < 0)
		s->tmpdir = NULL;
	s->d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG |
	    (ss.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0),
	    0, NULL, NULL, on_request, s,
	    MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, s,	/* first, so every message goes through it */
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
	    MHD_OPTION_THREAD_POOL_SIZE, (unsigned)config_int(cfg, CFG_THREADS),
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)config_int(cfg, CFG_MAX_CONNECTIONS),
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)config_int(cfg, CFG_TIMEOUT),
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)config_int(cfg, CFG_MAX_HEADER),
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
	    MHD_OPTION_NOTIFY_CONNECTION, on_connection, s,
	    MHD_OPTION_LISTENING_ADDRESS_REUSE, 1u,
	    MHD_OPTION_END);
	if (s->d == NULL) {
		err_set(e, 503, "listen", "Cannot listen on %s (is the port in use?).", config_str(cfg, CFG_LISTEN));
		page_cache_free(s->cache);
		free(s->base_url);
		free(s->tmpdir);
		free(s);
		return -1;
	}
	/* With port 0 the derived base URL must name the port the kernel chose. */
	if (cfg->src[CFG_BASE_URL] == CFG_SRC_DERIVED && strstr(s->base_url, ":0") != NULL &&
	    s->base_url[strlen(s->base_url) - 1] == '0' && s->base_url[strlen(s->base_url) - 2] == ':') {
		char *nb;
		s->base_url[strlen(s->base_url) - 2] = '\0';
		if (asprintf(&nb, "%s:%u", s->base_url, server_port(s)) >= 0) {
			free(s->base_url);
			s->base_url = nb;
		}
	}
	*out = s;
	return 0;
}

const char *
server_base_url(const struct server *s)
{
	return s->base_url;
}

unsigned
server_port(const struct server *s)
{
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);

	return di ? di->port : 0;
}

void
server_stop(struct server **ps)
{
	struct server *s = *ps;

	if (s == NULL)
		return;
	MHD_stop_daemon(s->d);
	pthread_mutex_destroy(&s->ip_mu);
	pthread_mutex_destroy(&s->gen_mu);
	page_cache_free(s->cache);
	free(s->base_url);
	free(s->tmpdir);
	free(s);
	*ps = NULL;
}
