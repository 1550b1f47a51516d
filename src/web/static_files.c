/* static_files.c: /static/<name> from the files compiled into the binary (web/static/), with a
 * content-hash ETag and 304 answers, so a deployment is one file and caches stay right. */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "../core/embed.h"
#include "../http/request.h"
#include "pages.h"

#define STATIC_FILES_MAX	64

static char etags[STATIC_FILES_MAX][24];

void
static_files_init(void)
{
	unsigned char h[8];
	char hex[17];
	size_t i;

	for (i = 0; embedded_static[i].name != NULL && i < STATIC_FILES_MAX; i++) {
		crypto_generichash(h, sizeof(h), embedded_static[i].data, embedded_static[i].len, NULL, 0);
		sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
		snprintf(etags[i], sizeof(etags[i]), "\"%s\"", hex);
	}
}

static const char *
content_type(const char *name)
{
	static const struct { const char *ext, *type; } types[] = {
		{ ".css", "text/css; charset=utf-8" }, { ".js", "text/javascript; charset=utf-8" },
		{ ".svg", "image/svg+xml" }, { ".png", "image/png" }, { ".ico", "image/x-icon" },
		{ ".txt", "text/plain; charset=utf-8" },
	};
	const char *dot = strrchr(name, '.');
	size_t i;

	for (i = 0; dot != NULL && i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}

int
page_static(struct request *r, struct response *resp)
{
	const char *name = req_param(r, 0), *inm;
	size_t i;

	for (i = 0; embedded_static[i].name != NULL && i < STATIC_FILES_MAX; i++) {
		if (strcmp(embedded_static[i].name, name) != 0)
			continue;
		resp_header(resp, "ETag", etags[i]);
		resp_header(resp, "Cache-Control", "public, max-age=3600");
		inm = req_header(r, "If-None-Match");
		if (inm != NULL && strcmp(inm, etags[i]) == 0) {
			resp->status = 304;
			return 0;
		}
		resp->content_type = content_type(name);
		resp->data = embedded_static[i].data;
		resp->data_len = embedded_static[i].len;
		return 0;
	}
	return err_set(&r->err, 404, "not-found", "There is no static file named \"%.60s\".", name);
}
