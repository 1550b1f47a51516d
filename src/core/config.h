/* config.h: the configuration table (INI file + IDTRACKER_* environment overrides).
 * Built once at start, read-only afterwards; main.c loads it, everyone reads it. */
#ifndef IDT_CONFIG_H
#define IDT_CONFIG_H

#include <stdio.h>

struct err;

enum cfg_key {
	CFG_DATA,		/* data folder */
	CFG_DB,			/* database URL or SQLite path */
	CFG_LISTEN,		/* host:port the server binds */
	CFG_BASE_URL,		/* absolute URL used in links and mails */
	CFG_THREADS,		/* HTTP worker threads */
	CFG_MAX_BODY,		/* whole request body */
	CFG_MAX_HEADER,		/* request line + headers (per-connection memory) */
	CFG_MAX_FIELDS,		/* form fields per request */
	CFG_MAX_FIELD,		/* one non-file form field */
	CFG_SPOOL_THRESHOLD,	/* bodies past this go to a file */
	CFG_MAX_CONNECTIONS,
	CFG_MAX_CONN_PER_IP,
	CFG_TIMEOUT,		/* idle connection timeout, seconds */
	CFG_SESSION_TTL,	/* seconds a sign-in lasts */
	CFG_LOGIN_MAX_EMAIL,	/* failed sign-ins per address per window */
	CFG_LOGIN_MAX_IP,	/* failed sign-ins per client address per window */
	CFG_LOGIN_WINDOW,	/* seconds */
	CFG_LOG_LEVEL,
	CFG_SMTP,		/* smtp://host:port or smtps://...; empty = Maildir under $data/maildir */
	CFG_SMTP_USER,
	CFG_SMTP_PASSWORD,
	CFG_MAIL_FROM,		/* From: of automatic mail */
	CFG_MAIL_POLL,		/* seconds between outbox passes */
	CFG_MAIL_GIVE_UP,	/* seconds after which an undeliverable message is marked failed */
	CFG_MAIL_CLAIM_TIMEOUT,	/* seconds before a claimed, unfinished row may be tried again */
	CFG_MAIL_IN_MAX,	/* largest message mail-in accepts */
	CFG_REFS,		/* the local reference library for XML includes */
	CFG_SECRETARIAT,	/* the Secretariat's contact address (receipts, manual posts) */
	CFG_SUBMIT_ADDRESS,	/* the address drafts are mailed to (mail-in) */
	CFG_ANNOUNCE_LIST,	/* where new revisions are announced */
	CFG_STAGING_MAX,	/* bytes all staging folders may hold */
	CFG_SUBMIT_ABANDON,	/* seconds an untouched upload is kept (R66) */
	CFG_SUBMIT_EXPIRE,	/* days an unconfirmed submission waits (R39) */
	CFG_SUBMIT_MAX_TXT,
	CFG_SUBMIT_MAX_XML,
	CFG_SUBMIT_MAX_PDF,
	CFG_SUBMIT_MAX_HTML,
	CFG_DAILY_NAME,		/* daily limits (DATATRACKER.md 2.18): count and bytes */
	CFG_DAILY_NAME_SIZE,
	CFG_DAILY_IP,
	CFG_DAILY_IP_SIZE,
	CFG_DAILY_GROUP,
	CFG_DAILY_GROUP_SIZE,
	CFG_DAILY_TOTAL,
	CFG_DAILY_TOTAL_SIZE,
	CFG_LIAISON_MAX_ATTACHMENT,	/* one liaison attachment (L14) */
	CFG_LIAISON_PUBLIC_DAILY,	/* public submissions per address and per client a day (L15) */
	CFG_STATEMENTS_ADDRESS,		/* statements mailed here wait for moderation */
	CFG_WG_STALE_DAYS,		/* a WG draft with no revision this long is stalled (A10) */
	CFG_PAGE_CACHE,			/* seconds an anonymous page may be served again from memory; 0 = never */
	CFG__MAX
};

enum cfg_src { CFG_SRC_DEFAULT, CFG_SRC_FILE, CFG_SRC_ENV, CFG_SRC_FLAG, CFG_SRC_DERIVED };

struct config {
	char		*value[CFG__MAX];
	enum cfg_src	 src[CFG__MAX];
	char		*file;		/* the INI file read, or NULL */
};

/* Loads defaults, the INI file ($IDTRACKER_CONFIG or $data/idtracker.ini, optional unless named),
 * then the environment. env is an environ-style array (NULL-terminated). 0 or -1 with e set. */
int		 config_load(struct config *, char *const *env, struct err *);
/* Parses INI text (for tests and config_load). origin names it in errors. */
int		 config_parse_ini(struct config *, const char *text, const char *origin, struct err *);
/* Sets one key after validating it against its row. */
int		 config_set(struct config *, enum cfg_key, const char *value, enum cfg_src, struct err *);
/* Fills the keys whose defaults derive from others (db, base_url); call after flags. */
void		 config_finish(struct config *);
/* The host name of a URL ("https://dt.example.org:8443/x" -> "dt.example.org"); "idtracker.invalid"
 * for IP addresses and dotless names, which are no mail domains. */
void		 config_url_host(const char *url, char *out, size_t size);
int		 config_key_find(const char *name);	/* INI name -> key, or -1 */
const char	*config_key_name(enum cfg_key);
const char	*config_str(const struct config *, enum cfg_key);
long long	 config_int(const struct config *, enum cfg_key);
void		 config_print(const struct config *, FILE *);
void		 config_release(struct config *);

#endif
