/* config.c: one row per key (name, environment override, default, bounds, why);
 * the INI reader and the environment both go through config_set() and its validation. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "config.h"
#include "err.h"

enum cfg_type { T_STR, T_INT, T_SIZE, T_LEVEL };

struct cfg_row {
	const char	*name;		/* INI key; the environment name is IDTRACKER_ + upper case */
	enum cfg_type	 type;
	const char	*def;		/* NULL = derived from other keys */
	long long	 min, max;
	const char	*help;
};

static const struct cfg_row rows[CFG__MAX] = {
	/* CFG_DATA */
	{ "data", T_STR, "./var", 0, 0, "data folder: database, staging, maildir" },
	/* CFG_DB */
	{ "db", T_STR, NULL, 0, 0, "database: a SQLite path (default $data/idtracker.db) or a postgresql:// URL" },
	/* CFG_LISTEN */
	{ "listen", T_STR, "127.0.0.1:8080", 0, 0, "address:port the server binds" },
	/* CFG_BASE_URL */
	{ "base_url", T_STR, NULL, 0, 0, "absolute URL of the site, used in links and mails (default http://$listen)" },
	/* CFG_THREADS */
	{ "threads", T_INT, "4", 1, 256, "HTTP worker threads" },
	/* CFG_MAX_BODY: drafts are a few MB; a PDF and XML and text together stay well under this */
	{ "max_body", T_SIZE, "32M", 1024, 1LL << 32, "largest request body in bytes (413 past it)" },
	/* CFG_MAX_HEADER: browsers send under 8 KiB; a flood of huge headers must not cost memory */
	{ "max_header", T_SIZE, "32K", 4096, 1 << 20, "per-connection memory for the request line and headers" },
	/* CFG_MAX_FIELDS: bounds parsing work per request */
	{ "max_fields", T_INT, "64", 4, 10000, "form fields per request (400 past it)" },
	/* CFG_MAX_FIELD: a liaison statement's body is the largest text field */
	{ "max_field", T_SIZE, "1M", 1024, 1LL << 30, "size of one non-file form field (413 past it)" },
	/* CFG_SPOOL_THRESHOLD */
	{ "spool_threshold", T_SIZE, "256K", 0, 1LL << 30, "request bodies larger than this are written to a temporary file" },
	/* CFG_MAX_CONNECTIONS */
	{ "max_connections", T_INT, "1024", 1, 100000, "simultaneous connections" },
	/* CFG_MAX_CONN_PER_IP */
	{ "max_connections_per_ip", T_INT, "64", 0, 100000, "simultaneous connections from one address (0 = no limit)" },
	/* CFG_TIMEOUT */
	{ "timeout", T_INT, "30", 1, 3600, "seconds an idle connection is kept" },
	/* CFG_SESSION_TTL */
	{ "session_ttl", T_INT, "1209600", 60, 31536000, "seconds a sign-in lasts (default 14 days)" },
	/* CFG_LOGIN_MAX_EMAIL */
	{ "login_max_per_email", T_INT, "5", 1, 100000, "failed sign-ins per address per window before 429" },
	/* CFG_LOGIN_MAX_IP */
	{ "login_max_per_ip", T_INT, "30", 1, 100000, "failed sign-ins per client address per window before 429" },
	/* CFG_LOGIN_WINDOW */
	{ "login_window", T_INT, "900", 1, 86400, "seconds over which failed sign-ins are counted" },
	/* CFG_LOG_LEVEL */
	{ "log_level", T_LEVEL, "info", 0, 0, "debug, info, warn or error" },
	/* CFG_SMTP */
	{ "smtp", T_STR, "", 0, 0, "smtp://host:port or smtps://host:port for outgoing mail; empty = Maildir in $data/maildir" },
	/* CFG_SMTP_USER */
	{ "smtp_user", T_STR, "", 0, 0, "SMTP user name (with smtp_password), or empty" },
	/* CFG_SMTP_PASSWORD */
	{ "smtp_password", T_STR, "", 0, 0, "SMTP password; never printed" },
	/* CFG_MAIL_FROM */
	{ "mail_from", T_STR, NULL, 0, 0, "From: of automatic mail (default idtracker <noreply@host of base_url>)" },
	/* CFG_MAIL_POLL */
	{ "mail_poll", T_INT, "5", 1, 3600, "seconds between passes of the outbox worker" },
	/* CFG_MAIL_GIVE_UP: two days covers a weekend outage of a relay */
	{ "mail_give_up", T_INT, "172800", 60, 2592000, "seconds after which an undeliverable message is marked failed" },
	/* CFG_MAIL_CLAIM_TIMEOUT: longer than any SMTP transaction, so a live worker is never overtaken */
	{ "mail_claim_timeout", T_INT, "600", 1, 86400, "seconds before a claimed but unfinished message is tried again" },
	/* CFG_MAIL_IN_MAX: drafts by mail carry txt, xml and pdf */
	{ "mail_in_max", T_SIZE, "32M", 1024, 1LL << 30, "largest message idtracker mail-in accepts" },
	/* CFG_REFS */
	{ "refs", T_STR, NULL, 0, 0, "local reference library for XML includes (default $data/refs; see docs/references.md)" },
	/* CFG_SECRETARIAT */
	{ "secretariat_email", T_STR, NULL, 0, 0, "the Secretariat's address on receipts and manual-post requests (default secretariat@host of base_url)" },
	/* CFG_SUBMIT_ADDRESS */
	{ "submit_address", T_STR, NULL, 0, 0, "drafts mailed here are submitted (idtracker mail-in; default submit@host of base_url)" },
	/* CFG_ANNOUNCE_LIST */
	{ "announce_list", T_STR, NULL, 0, 0, "list that announces new revisions (default i-d-announce@host of base_url)" },
	/* CFG_STAGING_MAX: R13 */
	{ "staging_max", T_SIZE, "1G", 1 << 20, 1LL << 40, "bytes the staging area may hold; full after garbage collection = uploads refused (R13)" },
	/* CFG_SUBMIT_ABANDON: R66 says one hour */
	{ "submit_abandon", T_INT, "3600", 60, 86400 * 30, "seconds an upload nobody acted on is kept before it is garbage (R66)" },
	/* CFG_SUBMIT_EXPIRE: the Datatracker's IDSUBMIT_EXPIRATION_AGE */
	{ "submit_expire_days", T_INT, "14", 1, 365, "days a submission waits for confirmation or approval before it silently expires (R39)" },
	/* CFG_SUBMIT_MAX_TXT..HTML: the Datatracker's IDSUBMIT_MAX_DRAFT_SIZE */
	{ "submit_max_txt", T_SIZE, "2M", 1024, 1LL << 30, "largest plain-text draft (413 past it)" },
	{ "submit_max_xml", T_SIZE, "3M", 1024, 1LL << 30, "largest XML draft (413 past it)" },
	{ "submit_max_pdf", T_SIZE, "6M", 1024, 1LL << 30, "largest PDF draft (413 past it)" },
	{ "submit_max_html", T_SIZE, "6M", 1024, 1LL << 30, "largest HTML draft (413 past it)" },
	/* CFG_DAILY_*: DATATRACKER.md 2.18; 429 past them */
	{ "submit_daily_name", T_INT, "20", 1, 1000000, "submissions of one draft revision a day" },
	{ "submit_daily_name_size", T_SIZE, "50M", 1024, 1LL << 40, "bytes of one draft revision a day" },
	{ "submit_daily_ip", T_INT, "50", 1, 1000000, "submissions from one client address a day" },
	{ "submit_daily_ip_size", T_SIZE, "150M", 1024, 1LL << 40, "bytes from one client address a day" },
	{ "submit_daily_group", T_INT, "150", 1, 1000000, "submissions of one group's drafts a day" },
	{ "submit_daily_group_size", T_SIZE, "450M", 1024, 1LL << 40, "bytes of one group's drafts a day" },
	{ "submit_daily_total", T_INT, "1000", 1, 10000000, "submissions a day in all" },
	{ "submit_daily_total_size", T_SIZE, "2000M", 1024, 1LL << 42, "bytes a day in all" },
	/* CFG_LIAISON_MAX_ATTACHMENT: a statement's PDF; max_body bounds the whole request anyway */
	{ "liaison_max_attachment", T_SIZE, "20M", 1024, 1LL << 32, "largest liaison attachment (413 past it)" },
	/* CFG_LIAISON_PUBLIC_DAILY */
	{ "liaison_public_daily", T_INT, "5", 1, 100000, "statements the public may submit a day per address and per client (429 past it)" },
	/* CFG_STATEMENTS_ADDRESS */
	{ "statements_address", T_STR, NULL, 0, 0, "statements mailed here wait for moderation (idtracker mail-in; default statements@host of base_url)" },
	/* CFG_WG_STALE_DAYS: seed 003 section 5.2 leaves the time to the chairs; six months is the I-D lifetime */
	{ "wg_stale_days", T_INT, "183", 1, 3650, "days without a new revision after which a WG draft is flagged stalled (A10)" },
	/* CFG_PAGE_CACHE: issue 10, reads that spike around meetings */
	{ "page_cache", T_INT, "5", 0, 3600, "seconds a public page built for an anonymous reader may be served again while nothing has changed; 0 = never" },
};

static const char *const src_names[] = { "default", "file", "env", "flag", "derived" };

int
config_key_find(const char *name)
{
	int i;

	for (i = 0; i < CFG__MAX; i++)
		if (strcmp(rows[i].name, name) == 0)
			return i;
	return -1;
}

const char *
config_key_name(enum cfg_key k)
{
	return rows[k].name;
}

/* Parses "123", "64K", "32M", "1G"; -1 on anything else. */
static int
parse_number(const char *s, int allow_suffix, long long *out)
{
	char *end;
	long long v;

	errno = 0;
	if (!isdigit((unsigned char)*s))
		return -1;
	v = strtoll(s, &end, 10);
	if (errno != 0)
		return -1;
	if (allow_suffix && *end != '\0' && end[1] == '\0') {
		int shift = *end == 'K' || *end == 'k' ? 10 : *end == 'M' || *end == 'm' ? 20 :
		    *end == 'G' || *end == 'g' ? 30 : -1;
		if (shift < 0 || v > (1LL << 40))
			return -1;
		v <<= shift;
		end++;
	}
	if (*end != '\0')
		return -1;
	*out = v;
	return 0;
}

int
config_set(struct config *c, enum cfg_key k, const char *value, enum cfg_src src, struct err *e)
{
	const struct cfg_row *r = &rows[k];
	long long v;
	char *copy;

	if (r->type == T_INT || r->type == T_SIZE) {
		if (parse_number(value, r->type == T_SIZE, &v) == -1)
			return err_set(e, 400, "config", "Configuration key %s must be a whole number%s, not \"%s\".",
			    r->name, r->type == T_SIZE ? " (K, M or G suffix allowed)" : "", value);
		if (v < r->min || v > r->max)
			return err_set(e, 400, "config", "Configuration key %s must be between %lld and %lld, not %lld.",
			    r->name, r->min, r->max, v);
	} else if (r->type == T_LEVEL) {
		if (strcmp(value, "debug") && strcmp(value, "info") && strcmp(value, "warn") && strcmp(value, "error"))
			return err_set(e, 400, "config", "Configuration key %s must be debug, info, warn or error.", r->name);
	} else if (strchr(value, '\n') != NULL || strchr(value, '\r') != NULL)
		return err_set(e, 400, "config", "Configuration key %s must be on one line.", r->name);
	if ((copy = strdup(value)) == NULL)
		return err_set(e, 500, "memory", "Out of memory reading the configuration.");
	free(c->value[k]);
	c->value[k] = copy;
	c->src[k] = src;
	return 0;
}

static char *
trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

int
config_parse_ini(struct config *c, const char *text, const char *origin, struct err *e)
{
	const char *p = text, *nl;
	char line[4096], *s, *eq, *key, *val;
	int lineno = 0, k;
	size_t n;

	while (*p != '\0') {
		lineno++;
		nl = strchr(p, '\n');
		n = nl ? (size_t)(nl - p) : strlen(p);
		if (n >= sizeof(line))
			return err_set(e, 400, "config", "%s:%d: the line is longer than %zu characters.",
			    origin, lineno, sizeof(line) - 1);
		memcpy(line, p, n);
		line[n] = '\0';
		p += n + (nl != NULL);
		s = trim(line);
		if (*s == '\0' || *s == '#' || *s == ';')
			continue;
		if (*s == '[') {
			/* Sections only group keys for people; [idtracker] is the documented one. */
			if (s[strlen(s) - 1] != ']')
				return err_set(e, 400, "config", "%s:%d: a section header must end with ].", origin, lineno);
			continue;
		}
		if ((eq = strchr(s, '=')) == NULL)
			return err_set(e, 400, "config", "%s:%d: expected key = value.", origin, lineno);
		*eq = '\0';
		key = trim(s);
		val = trim(eq + 1);
		if (val[0] == '"' && strlen(val) >= 2 && val[strlen(val) - 1] == '"') {
			val[strlen(val) - 1] = '\0';
			val++;
		}
		if ((k = config_key_find(key)) < 0)
			return err_set(e, 400, "config", "%s:%d: unknown configuration key \"%s\" (see idtracker config).",
			    origin, lineno, key);
		if (config_set(c, (enum cfg_key)k, val, CFG_SRC_FILE, e) == -1) {
			char msg[ERR_MSG_MAX];
			snprintf(msg, sizeof(msg), "%s", e->msg);
			return err_set(e, 400, "config", "%s:%d: %s", origin, lineno, msg);
		}
	}
	return 0;
}

static const char *
env_get(char *const *env, const char *name)
{
	size_t n = strlen(name);

	for (; env != NULL && *env != NULL; env++)
		if (strncmp(*env, name, n) == 0 && (*env)[n] == '=')
			return *env + n + 1;
	return NULL;
}

static void
env_name(char *out, size_t size, const char *key)
{
	size_t i, j = 0;
	const char *pre = "IDTRACKER_";

	for (i = 0; pre[i] != '\0' && j + 1 < size; i++)
		out[j++] = pre[i];
	for (i = 0; key[i] != '\0' && j + 1 < size; i++)
		out[j++] = (char)toupper((unsigned char)key[i]);
	out[j] = '\0';
}

static int
read_file(const char *path, char **out, int *missing, struct err *e)
{
	FILE *f;
	struct buf b;
	char chunk[4096];
	size_t n;

	*missing = 0;
	if ((f = fopen(path, "r")) == NULL) {
		if (errno == ENOENT) {
			*missing = 1;
			return 0;
		}
		return err_set(e, 400, "config", "Cannot read the configuration file %s: %s.", path, strerror(errno));
	}
	buf_init(&b, NULL, 1 << 20);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_put(&b, chunk, n);
	fclose(f);
	if (buf_finish(&b, e) == -1) {
		buf_release(&b);
		return err_set(e, 400, "config", "The configuration file %s is larger than 1 MiB.", path);
	}
	*out = b.data ? b.data : strdup("");
	return 0;
}

int
config_load(struct config *c, char *const *env, struct err *e)
{
	char name[64], *text = NULL, path[4096];
	const char *v, *named;
	int k, missing;

	memset(c, 0, sizeof(*c));
	for (k = 0; k < CFG__MAX; k++)
		if (rows[k].def != NULL && config_set(c, (enum cfg_key)k, rows[k].def, CFG_SRC_DEFAULT, e) == -1)
			return -1;
	/* The file's own location depends on the data folder, so that one is read first. */
	if ((v = env_get(env, "IDTRACKER_DATA")) != NULL && config_set(c, CFG_DATA, v, CFG_SRC_ENV, e) == -1)
		return -1;
	named = env_get(env, "IDTRACKER_CONFIG");
	if (named != NULL && *named != '\0')
		snprintf(path, sizeof(path), "%s", named);
	else
		snprintf(path, sizeof(path), "%s/idtracker.ini", c->value[CFG_DATA]);
	if (read_file(path, &text, &missing, e) == -1)
		return -1;
	if (missing && named != NULL && *named != '\0')
		return err_set(e, 400, "config", "The configuration file %s named by IDTRACKER_CONFIG does not exist.", path);
	if (!missing) {
		c->file = strdup(path);
		k = config_parse_ini(c, text, path, e);
		free(text);
		if (k == -1)
			return -1;
	}
	/* each key is looked for among the IDTRACKER_ variables only, in their order: a walk of the whole
	 * environment per key was most of the start-up of a short command (`idtracker render`); the whole
	 * environment again should there be more of them than the list holds */
	{
		char *own[64];
		char *const *look = own, *const *p;
		size_t n = 0;

		for (p = env; p != NULL && *p != NULL && look == own; p++)
			if (strncmp(*p, "IDTRACKER_", 10) != 0)
				continue;
			else if (n + 1 < sizeof(own) / sizeof(own[0]))
				own[n++] = *p;
			else
				look = env;
		own[n] = NULL;
		for (k = 0; n > 0 && k < CFG__MAX; k++) {
			env_name(name, sizeof(name), rows[k].name);
			if ((v = env_get(look, name)) != NULL && config_set(c, (enum cfg_key)k, v, CFG_SRC_ENV, e) == -1)
				return -1;
		}
	}
	return 0;
}

void
config_url_host(const char *url, char *out, size_t size)
{
	const char *p = strstr(url, "://"), *end;

	p = p ? p + 3 : url;
	for (end = p; *end && *end != '/' && *end != ':' && *end != '?'; end++)
		;
	if (end == p || (size_t)(end - p) >= size)
		out[0] = '\0';
	else
		snprintf(out, size, "%.*s", (int)(end - p), p);
	/* An IP address or a dotless name ("localhost") is no mail domain: a development set-up then
	 * gets the reserved name idtracker.invalid (RFC 2606); production sets base_url to its host. */
	if (out[0] == '\0' || strspn(out, "0123456789.") == strlen(out) || strchr(out, '[') != NULL ||
	    strchr(out, '.') == NULL)
		snprintf(out, size, "idtracker.invalid");
}

void
config_finish(struct config *c)
{
	char tmp[4200];

	if (c->value[CFG_DB] == NULL || c->src[CFG_DB] == CFG_SRC_DERIVED) {
		snprintf(tmp, sizeof(tmp), "%s/idtracker.db", c->value[CFG_DATA]);
		config_set(c, CFG_DB, tmp, CFG_SRC_DERIVED, NULL);
	}
	if (c->value[CFG_BASE_URL] == NULL || c->src[CFG_BASE_URL] == CFG_SRC_DERIVED) {
		snprintf(tmp, sizeof(tmp), "http://%s", c->value[CFG_LISTEN]);
		config_set(c, CFG_BASE_URL, tmp, CFG_SRC_DERIVED, NULL);
	}
	if (c->value[CFG_REFS] == NULL || c->src[CFG_REFS] == CFG_SRC_DERIVED) {
		snprintf(tmp, sizeof(tmp), "%s/refs", c->value[CFG_DATA]);
		config_set(c, CFG_REFS, tmp, CFG_SRC_DERIVED, NULL);
	}
	if (c->value[CFG_MAIL_FROM] == NULL || c->src[CFG_MAIL_FROM] == CFG_SRC_DERIVED) {
		char host[256];
		config_url_host(c->value[CFG_BASE_URL], host, sizeof(host));
		snprintf(tmp, sizeof(tmp), "idtracker <noreply@%s>", host);
		config_set(c, CFG_MAIL_FROM, tmp, CFG_SRC_DERIVED, NULL);
	}
	{
		static const struct { enum cfg_key k; const char *local; } addrs[] = {
			{ CFG_SECRETARIAT, "secretariat" }, { CFG_SUBMIT_ADDRESS, "submit" },
			{ CFG_ANNOUNCE_LIST, "i-d-announce" }, { CFG_STATEMENTS_ADDRESS, "statements" },
		};
		char host[256];
		size_t i;

		config_url_host(c->value[CFG_BASE_URL], host, sizeof(host));
		for (i = 0; i < sizeof(addrs) / sizeof(addrs[0]); i++)
			if (c->value[addrs[i].k] == NULL || c->src[addrs[i].k] == CFG_SRC_DERIVED) {
				snprintf(tmp, sizeof(tmp), "%s@%s", addrs[i].local, host);
				config_set(c, addrs[i].k, tmp, CFG_SRC_DERIVED, NULL);
			}
	}
}

const char *
config_str(const struct config *c, enum cfg_key k)
{
	return c->value[k] ? c->value[k] : "";
}

long long
config_int(const struct config *c, enum cfg_key k)
{
	long long v = 0;

	if (c->value[k] != NULL)
		parse_number(c->value[k], 1, &v);
	return v;
}

void
config_print(const struct config *c, FILE *f)
{
	char name[64];
	int k;

	fprintf(f, "# configuration file: %s\n", c->file ? c->file : "(none)");
	for (k = 0; k < CFG__MAX; k++) {
		env_name(name, sizeof(name), rows[k].name);
		fprintf(f, "%-24s = %-32s # %s; %s, env %s\n", rows[k].name,
		    k == CFG_SMTP_PASSWORD && c->value[k] && c->value[k][0] ? "(set, not shown)" : c->value[k] ? c->value[k] : "",
		    src_names[c->src[k]], rows[k].help, name);
	}
}

void
config_release(struct config *c)
{
	int k;

	for (k = 0; k < CFG__MAX; k++) {
		free(c->value[k]);
		c->value[k] = NULL;
	}
	free(c->file);
	c->file = NULL;
}
