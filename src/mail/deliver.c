/* deliver.c: the two ways a message leaves: SMTP through libcurl (smtp:// or smtps://, optional
 * user/password), or a Maildir under the data folder when no SMTP server is configured, so
 * `make run` works without a mail server. Called only by the outbox worker.
 * libcurl is loaded by the first SMTP delivery (core/dynlib.h): a Maildir office never loads it. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <curl/curl.h>

#include "../core/dynlib.h"
#include "outbox.h"
#include "sonames.h"

/* curl.h makes these two macros: under GCC typecheck-gcc.h's checks of each option's argument, which
 * call the function by its own name. Our calls go through the pointers below, unchecked. */
#undef curl_easy_setopt
#undef curl_easy_getinfo

/* Every libcurl function this file calls; one missing here is a link error (-lcurl is not linked). */
#define CURL_FUNCS(X) \
	X(curl_easy_cleanup) X(curl_easy_getinfo) X(curl_easy_init) X(curl_easy_perform) X(curl_easy_setopt) \
	X(curl_easy_strerror) X(curl_global_init) X(curl_slist_append) X(curl_slist_free_all)
CURL_FUNCS(DYNLIB_PTR)
static const struct dynlib_sym curl_syms[] = { CURL_FUNCS(DYNLIB_SYM) };

#define curl_easy_cleanup	p_curl_easy_cleanup
#define curl_easy_getinfo	p_curl_easy_getinfo
#define curl_easy_init		p_curl_easy_init
#define curl_easy_perform	p_curl_easy_perform
#define curl_easy_setopt	p_curl_easy_setopt
#define curl_easy_strerror	p_curl_easy_strerror
#define curl_global_init	p_curl_global_init
#define curl_slist_append	p_curl_slist_append
#define curl_slist_free_all	p_curl_slist_free_all

/* libcurl's global set-up, once, by the thread that loads it. It may run while the server's threads
 * serve: curl_global_init() is thread-safe since 7.84 (bookworm has 7.88), and the loader's lock
 * keeps any other delivery waiting until it is done. */
static const char *
curl_start(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? NULL : "curl_global_init() failed";
}

static struct dynlib curl_lib = DYNLIB(SONAME_CURL, "SMTP delivery", curl_syms, curl_start);

#define SMTP_TIMEOUT	60L	/* seconds for one whole SMTP transaction */

struct upload {
	const char	*p;
	size_t		 left;
};

static size_t
read_cb(char *out, size_t size, size_t nmemb, void *arg)
{
	struct upload *u = arg;
	size_t n = size * nmemb;

	if (n > u->left)
		n = u->left;
	memcpy(out, u->p, n);
	u->p += n;
	u->left -= n;
	return n;
}

int
mail_deliver_smtp(const struct mail_ctx *c, const char *from, const char *recipients, const char *msg, size_t len,
    char *where, size_t wsize, char *err, size_t esize)
{
	struct curl_slist *rcpt = NULL;
	struct upload u = { msg, len };
	char one[320], env_from[330];
	const char *p = recipients, *comma;
	long code = 0;
	CURLcode rc;
	CURL *h;
	int result;

	/* Not the message's fault: kept for a later try, as when the server is down (the process must be
	 * restarted to load the library again). */
	if (dynlib_load(&curl_lib) == -1) {
		snprintf(err, esize, "%s", curl_lib.error);
		return 1;
	}
	if ((h = curl_easy_init()) == NULL) {
		snprintf(err, esize, "libcurl could not start");
		return 1;
	}
	while (*p) {
		comma = strchr(p, ',');
		snprintf(one, sizeof(one), "<%.*s>", comma ? (int)(comma - p) : (int)strlen(p), p);
		rcpt = curl_slist_append(rcpt, one);
		p = comma ? comma + 1 : p + strlen(p);
	}
	snprintf(env_from, sizeof(env_from), "<%s>", from);
	curl_easy_setopt(h, CURLOPT_URL, c->smtp);
	curl_easy_setopt(h, CURLOPT_MAIL_FROM, env_from);
	curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(h, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(h, CURLOPT_READDATA, &u);
	curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, SMTP_TIMEOUT);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	if (c->smtp_user[0] != '\0') {
		curl_easy_setopt(h, CURLOPT_USERNAME, c->smtp_user);
		curl_easy_setopt(h, CURLOPT_PASSWORD, c->smtp_password);
		/* Credentials only over TLS: smtps://, or STARTTLS required on smtp://. */
		curl_easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	}
	rc = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
	if (rc == CURLE_OK) {
		snprintf(where, wsize, "%s", c->smtp);
		result = 0;
	} else {
		snprintf(err, esize, "%s%s%ld", curl_easy_strerror(rc), code ? "; server said " : "", code);
		if (!code)
			err[strlen(err) - 1] = '\0';
		/* A 5xx reply is the server's final word; anything else may pass later. */
		result = code >= 500 && code < 600 ? 2 : 1;
	}
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(h);
	return result;
}

static int
ensure(const char *path)
{
	return mkdir(path, 0750) == 0 || errno == EEXIST ? 0 : -1;
}

int
mail_deliver_maildir(const struct mail_ctx *c, const char *key, const char *msg, size_t len, char *where,
    size_t wsize, char *err, size_t esize)
{
	char dir[4200], tmp[4400], final[4400], cur[4400];
	ssize_t w;
	size_t off = 0;
	int fd;

	snprintf(dir, sizeof(dir), "%s", c->maildir);
	if (ensure(dir) == -1 || (snprintf(tmp, sizeof(tmp), "%s/tmp", dir), ensure(tmp)) == -1 ||
	    (snprintf(tmp, sizeof(tmp), "%s/new", dir), ensure(tmp)) == -1 ||
	    (snprintf(tmp, sizeof(tmp), "%s/cur", dir), ensure(tmp)) == -1) {
		snprintf(err, esize, "cannot create the Maildir %s: %s", dir, strerror(errno));
		return 1;
	}
	/* The file is named after the outbox row, so a worker that died after delivering finds its
	 * own message and does not deliver it again. */
	snprintf(final, sizeof(final), "%s/new/%s", dir, key);
	snprintf(cur, sizeof(cur), "%s/cur/%s:2,", dir, key);
	if (access(final, F_OK) == 0 || access(cur, F_OK) == 0) {
		snprintf(where, wsize, "%s", final);
		return 0;
	}
	snprintf(tmp, sizeof(tmp), "%s/tmp/%s", dir, key);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0640)) < 0) {
		snprintf(err, esize, "cannot write %s: %s", tmp, strerror(errno));
		return 1;
	}
	/* Maildir holds messages with the local line end (LF); the wire form's CRLF is for SMTP. */
	while (off < len) {
		const char *cr = memchr(msg + off, '\r', len - off);
		size_t run = cr != NULL && (size_t)(cr - msg) + 1 < len && cr[1] == '\n' ? (size_t)(cr - msg) - off : len - off;
		if (cr != NULL && run == len - off && cr < msg + len)
			run = (size_t)(cr - msg) - off + 1;	/* a lone CR stays */
		while (run > 0) {
			w = write(fd, msg + off, run);
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0) {
				snprintf(err, esize, "cannot write %s: %s", tmp, strerror(errno));
				close(fd);
				unlink(tmp);
				return 1;
			}
			off += (size_t)w;
			run -= (size_t)w;
		}
		if (off < len && msg[off] == '\r' && off + 1 < len && msg[off + 1] == '\n')
			off++;	/* drop the CR of a CRLF */
	}
	if (fsync(fd) != 0 || close(fd) != 0 || rename(tmp, final) != 0) {
		snprintf(err, esize, "cannot deliver into %s: %s", dir, strerror(errno));
		unlink(tmp);
		return 1;
	}
	snprintf(where, wsize, "%s", final);
	return 0;
}
