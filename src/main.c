/* main.c: the idtracker command table (STYLE habit 1): each row is a command with its usage and
 * its function. Exit codes for every command: 0 done, 1 failed (the sentence is on stderr),
 * 2 usage error. */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "auth/perm.h"
#include "check.h"
#include "auth/session.h"
#include "auth/token.h"
#include "auth/user.h"
#include "core/config.h"
#include "core/arena.h"
#include "core/err.h"
#include "core/log.h"
#include "core/timeutil.h"
#include "db/db.h"
#include "db/transfer.h"
#include "demo.h"
#include "gen_data.h"
#include "http/form.h"
#include "http/server.h"
#include "mail/mail_in.h"
#include "mail/outbox.h"
#include "routes.h"
#include "draft/render.h"
#include "liaison/liaison.h"
#include "wg/wgdoc.h"
#include "submit/submission.h"
#include "web/pages.h"
#include "wg/group.h"
#include "render_files.h"

/* 1 in a build under AddressSanitizer (gcc defines __SANITIZE_ADDRESS__; clang answers __has_feature),
 * where memory a command could leave to exit() is freed so that LeakSanitizer sees it all. */
#if defined(__SANITIZE_ADDRESS__)
#define IDT_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define IDT_SANITIZED 1
#endif
#endif
#ifndef IDT_SANITIZED
#define IDT_SANITIZED 0
#endif

#ifndef IDT_VERSION
#define IDT_VERSION "dev"
#endif

#define EXIT_USAGE	2

extern char **environ;

struct cmd {
	const char	*name;
	const char	*sub;		/* second word, or NULL */
	int		(*fn)(int, char **);
	const char	*usage;
	const char	*help;
};

static struct config cfg;

static int
usage_error(const char *usage, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int
usage_error(const char *usage, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "idtracker: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: idtracker %s\n", usage);
	return EXIT_USAGE;
}

static int
failed(const struct err *e)
{
	fprintf(stderr, "idtracker: %s\n", e->msg);
	return EXIT_FAILURE;
}

/* Loads the configuration; an unusable one is exit 1 with its sentence. */
static int
load_config(void)
{
	struct err e = { 0 };
	const char *now = getenv("IDTRACKER_NOW");

	if (config_load(&cfg, environ, &e) == -1)
		return failed(&e);
	if (now != NULL && time_set_now(now) == -1) {
		fprintf(stderr, "idtracker: IDTRACKER_NOW must be YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ.\n");
		return EXIT_FAILURE;
	}
	return 0;
}

static int
ensure_dir(const char *path)
{
	if (mkdir(path, 0750) == -1 && errno != EEXIST) {
		fprintf(stderr, "idtracker: cannot create %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

static int
ensure_data_dirs(void)
{
	char tmp[4200];

	if (ensure_dir(config_str(&cfg, CFG_DATA)) == -1)
		return -1;
	snprintf(tmp, sizeof(tmp), "%s/tmp", config_str(&cfg, CFG_DATA));
	return ensure_dir(tmp);
}

/* Opens the database for a command; migrated = 1 requires the schema to exist. */
static int
open_db(struct db **db, int migrated)
{
	struct err e = { 0 };
	const char *path = config_str(&cfg, CFG_DB);
	int pending = 0;

	/* Only init creates a database: a mistyped IDTRACKER_DATA must not leave empty files behind. */
	if (migrated && !db_url_is_server(path) && access(path, F_OK) != 0) {
		fprintf(stderr, "idtracker: there is no database at %s; run idtracker init first.\n", path);
		return EXIT_FAILURE;
	}
	if (db_open(db, path, &e) == -1)
		return failed(&e);
	if (migrated && (db_migrations_pending(*db, &pending, &e) == -1 || pending > 0)) {
		if (pending > 0 && db_ping(*db, &e) == 0)
			fprintf(stderr, "idtracker: the database %s needs %d migration%s; run idtracker init first.\n",
			    path, pending, pending == 1 ? "" : "s");
		else
			fprintf(stderr, "idtracker: the database %s is not set up; run idtracker init first.\n", path);
		db_close(db);
		return EXIT_FAILURE;
	}
	return 0;
}

static int
wants_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return 1;
	return 0;
}

/* ---- commands ---- */

static int
cmd_init(int argc, char **argv)
{
	static const struct option opts[] = { { "demo", no_argument, NULL, 'd' }, { NULL, 0, NULL, 0 } };
	struct err e = { 0 };
	struct db *db;
	int c, demo = 0, applied, created, rc;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'd')
			demo = 1;
		else
			return usage_error("init [--demo]", "unknown option");
	}
	if (optind != argc)
		return usage_error("init [--demo]", "init takes no arguments");
	if (ensure_data_dirs() == -1)
		return EXIT_FAILURE;
	if ((rc = open_db(&db, 0)) != 0)
		return rc;
	if (db_migrate(db, &applied, &e) == -1) {
		db_close(&db);
		return failed(&e);
	}
	printf("database %s: %d migration%s applied\n", config_str(&cfg, CFG_DB), applied, applied == 1 ? "" : "s");
	if (demo) {
		if (demo_load(db, &e, &created) == -1) {
			db_close(&db);
			return failed(&e);
		}
		printf(created ? "demo data created\n" : "the database already has groups; demo data not added again\n");
		demo_print_logins(stdout);
	}
	db_close(&db);
	return 0;
}

static volatile sig_atomic_t stop_signal;

/* The outbox worker of `serve`: a pass every mail_poll seconds, with a connection of its own. */
struct mail_worker {
	pthread_t		 th;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	int			 stop;
	struct db_pool		*pool;
	const struct mail_ctx	*ctx;
	const struct config	*cfg;
	long			 poll;
	time_t			 last_gc;
};

#define GC_EVERY	60	/* seconds between garbage collections of the staging area (R66) */

static void *
mail_worker_run(void *arg)
{
	struct mail_worker *w = arg;
	struct outbox_result res;
	struct timespec until;
	struct err e;
	struct db *db;

	pthread_mutex_lock(&w->mu);
	while (!w->stop) {
		pthread_mutex_unlock(&w->mu);
		memset(&e, 0, sizeof(e));
		db = db_pool_get(w->pool, &e);
		if (outbox_pass(db, w->ctx, 500, &res, &e) == -1)
			log_warn("outbox pass failed: %s", e.msg);
		/* Several servers on one database: whoever takes the job lock does the minute's chores; a
		 * server that finds it taken skips this minute (the holder is doing them). */
		if (time_now() - w->last_gc >= GC_EVERY && (w->last_gc = time_now(), db_job_lock(db, "chores", &e) == 1)) {
			struct sub_gc_result gr;
			memset(&e, 0, sizeof(e));
			if (sub_gc(db, w->cfg, w->last_gc, &gr, &e) == -1)
				log_warn("staging garbage collection failed: %s", e.msg);
			else if (gr.abandoned || gr.expired || gr.folders)
				log_info("staging: %d abandoned, %d expired, %d folders (%lld bytes) removed", gr.abandoned,
				    gr.expired, gr.folders, (long long)gr.bytes);
			/* The liaison tickler is once per statement per day whoever runs it, so every minute is fine. */
			{
				struct li_remind_result rr;
				memset(&e, 0, sizeof(e));
				if (li_remind(db, w->cfg, w->ctx, w->last_gc, &rr, &e) == -1)
					log_warn("liaison reminders failed: %s", e.msg);
				else if (rr.sent)
					log_info("liaison reminders: %d sent", rr.sent);
			}
			{
				int calls = 0;
				memset(&e, 0, sizeof(e));
				if (wgd_remind(db, w->cfg, w->ctx, w->last_gc, &calls, &e) == -1)
					log_warn("WG call reminders failed: %s", e.msg);
			}
			db_job_unlock(db, "chores");
		}
		db_pool_put(w->pool, db);
		pthread_mutex_lock(&w->mu);
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += w->poll;
		while (!w->stop && pthread_cond_timedwait(&w->cv, &w->mu, &until) == 0)
			;
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

static void
on_signal(int sig)
{
	stop_signal = sig;
}

static int
cmd_serve(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "listen", required_argument, NULL, 'l' }, { "port-file", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 } };
	const char *usage = "serve [--listen ADDR:PORT] [--port-file FILE]", *port_file = NULL;
	struct err e = { 0 };
	struct db_pool *pool;
	struct server *srv;
	struct db *db;
	struct sigaction sa;
	struct mail_ctx mctx;
	struct mail_worker mw;
	unsigned port;
	int c, rc;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'l') {
			if (config_set(&cfg, CFG_LISTEN, optarg, CFG_SRC_FLAG, &e) == -1)
				return failed(&e);
		} else if (c == 'p')
			port_file = optarg;
		else
			return usage_error(usage, "unknown option");
	}
	if (optind != argc)
		return usage_error(usage, "serve takes no arguments");
	config_finish(&cfg);
	if (ensure_data_dirs() == -1)
		return EXIT_FAILURE;
	if ((rc = open_db(&db, 1)) != 0)
		return rc;
	db_close(&db);
	if (mail_ctx_init(&mctx, &cfg, &e) == -1)
		return failed(&e);
	/* One connection per HTTP thread, one for the mail worker, one spare for the API's long calls. */
	if (db_pool_open(&pool, config_str(&cfg, CFG_DB), (int)config_int(&cfg, CFG_THREADS) + 2, &e) == -1) {
		mail_ctx_release(&mctx);
		return failed(&e);
	}
	static_files_init();
	if (server_start(&srv, &cfg, pool, routes, nroutes, &route_hooks, &mctx, &e) == -1) {
		db_pool_close(&pool);
		mail_ctx_release(&mctx);
		return failed(&e);
	}
	/* With --listen ...:0 the port is known only now: links in mail use the address really served
	 * (nobody can have connected yet: the port was announced nowhere). */
	snprintf(mctx.site, sizeof(mctx.site), "%s", server_base_url(srv));
	memset(&mw, 0, sizeof(mw));
	pthread_mutex_init(&mw.mu, NULL);
	pthread_cond_init(&mw.cv, NULL);
	mw.pool = pool;
	mw.ctx = &mctx;
	mw.poll = (long)config_int(&cfg, CFG_MAIL_POLL);
	mw.cfg = &cfg;
	mw.last_gc = 0;
	pthread_create(&mw.th, NULL, mail_worker_run, &mw);
	port = server_port(srv);
	if (port_file != NULL) {
		FILE *f = fopen(port_file, "w");
		if (f == NULL || fprintf(f, "%u\n", port) < 0 || fclose(f) != 0) {
			fprintf(stderr, "idtracker: cannot write the port file %s\n", port_file);
			server_stop(&srv);
			mw.stop = 1;
			pthread_cond_signal(&mw.cv);
			pthread_join(mw.th, NULL);
			db_pool_close(&pool);
			mail_ctx_release(&mctx);
			return EXIT_FAILURE;
		}
	}
	printf("idtracker %s serving %s/ on port %u (database %s)\n", IDT_VERSION, server_base_url(srv),
	    port, config_str(&cfg, CFG_DB));
	fflush(stdout);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	while (!stop_signal)
		pause();
	log_info("signal %d: stopping", (int)stop_signal);
	server_stop(&srv);
	pthread_mutex_lock(&mw.mu);
	mw.stop = 1;
	pthread_cond_signal(&mw.cv);
	pthread_mutex_unlock(&mw.mu);
	pthread_join(mw.th, NULL);
	pthread_mutex_destroy(&mw.mu);
	pthread_cond_destroy(&mw.cv);
	db_pool_close(&pool);
	mail_ctx_release(&mctx);
	return 0;
}

static int
cmd_config(int argc, char **argv)
{
	if (argc != 1)
		return usage_error("config", "config takes no arguments");
	(void)argv;
	config_finish(&cfg);
	config_print(&cfg, stdout);
	return 0;
}

/* Reads one line (a password) from stdin without its newline. */
static int
read_password(char *out, size_t size)
{
	size_t n;

	if (fgets(out, (int)size, stdin) == NULL) {
		fprintf(stderr, "idtracker: no password on standard input\n");
		return -1;
	}
	n = strlen(out);
	if (n > 0 && out[n - 1] == '\n')
		out[--n] = '\0';
	if (n > 0 && out[n - 1] == '\r')
		out[--n] = '\0';
	return 0;
}

/* "chair:quic" -> role "chair", group "quic". */
static int
split_role(const char *spec, char *role, size_t rsize, const char **group)
{
	const char *colon = strchr(spec, ':');

	if (colon == NULL || colon == spec || colon[1] == '\0' || (size_t)(colon - spec) >= rsize)
		return -1;
	memcpy(role, spec, (size_t)(colon - spec));
	role[colon - spec] = '\0';
	*group = colon + 1;
	return 0;
}

#define ROLES_PER_COMMAND	32

static int
cmd_user_add(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "email", required_argument, NULL, 'e' }, { "name", required_argument, NULL, 'n' },
		{ "role", required_argument, NULL, 'r' }, { "password-stdin", no_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 } };
	const char *usage = "user add --email E --name N [--role ROLE:GROUP]... [--password-stdin]";
	const char *email = NULL, *name = NULL, *specs[ROLES_PER_COMMAND], *group;
	char password[PASSWORD_MAX + 4], role[64], lower[256];
	struct err e = { 0 };
	struct db *db;
	int c, i, nspecs = 0, with_password = 0, rc;
	int64_t id;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'e': email = optarg; break;
		case 'n': name = optarg; break;
		case 'p': with_password = 1; break;
		case 'r':
			if (nspecs == ROLES_PER_COMMAND)
				return usage_error(usage, "at most %d roles at once", ROLES_PER_COMMAND);
			if (split_role(optarg, role, sizeof(role), &group) == -1)
				return usage_error(usage, "--role takes ROLE:GROUP, e.g. chair:quic");
			specs[nspecs++] = optarg;
			break;
		default:
			return usage_error(usage, "unknown option");
		}
	}
	if (email == NULL || name == NULL || optind != argc)
		return usage_error(usage, "--email and --name are required");
	snprintf(lower, sizeof(lower), "%s", email);
	for (i = 0; lower[i]; i++)
		if (lower[i] >= 'A' && lower[i] <= 'Z')
			lower[i] = (char)(lower[i] + 32);
	if (with_password && read_password(password, sizeof(password)) == -1)
		return EXIT_FAILURE;
	if ((rc = open_db(&db, 1)) != 0)
		return rc;
	/* The person, the password and every role land together or not at all. */
	if (db_begin(db, &e) == -1)
		goto fail;
	if (person_add(db, &e, 0, name, lower, &id) == -1 ||
	    (with_password && account_set_password(db, &e, 0, id, password) == -1))
		goto fail;
	if (db_commit(db, &e) == -1)
		goto fail;
	for (i = 0; i < nspecs; i++) {
		split_role(specs[i], role, sizeof(role), &group);
		if (role_add(db, &e, 0, lower, role, group) == -1) {
			fprintf(stderr, "idtracker: the person was added, but not the role %s: %s\n", specs[i], e.msg);
			db_close(&db);
			return EXIT_FAILURE;
		}
	}
	printf("added %s <%s> (person %lld)\n", name, lower, (long long)id);
	db_close(&db);
	return 0;
fail:
	db_rollback(db);
	db_close(&db);
	return failed(&e);
}

static int
cmd_user_passwd(int argc, char **argv)
{
	char password[PASSWORD_MAX + 4];
	struct err e = { 0 };
	struct db *db;
	int64_t id;
	int rc;

	if (argc != 2 || argv[1][0] == '-')
		return usage_error("user passwd EMAIL  (the new password on standard input)", "one address expected");
	if (read_password(password, sizeof(password)) == -1)
		return EXIT_FAILURE;
	if ((rc = open_db(&db, 1)) != 0)
		return rc;
	if (person_by_email(db, &e, argv[1], &id) == -1)
		goto fail;
	if (id == 0) {
		err_set(&e, 404, "person", "Nobody has the address %s.", argv[1]);
		goto fail;
	}
	if (db_begin(db, &e) == -1)
		goto fail;
	if (account_set_password(db, &e, 0, id, password) == -1 || session_delete_others(db, &e, id, 0) == -1) {
		db_rollback(db);
		goto fail;
	}
	if (db_commit(db, &e) == -1)
		goto fail;
	printf("password set for %s; their sessions were signed out\n", argv[1]);
	db_close(&db);
	return 0;
fail:
	db_close(&db);
	return failed(&e);
}

static int
cmd_role(int argc, char **argv, int add)
{
	struct err e = { 0 };
	struct db *db;
	int rc;

	if (argc != 4)
		return usage_error(add ? "role add EMAIL ROLE GROUP" : "role remove EMAIL ROLE GROUP", "three arguments expected");
	if ((rc = open_db(&db, 1)) != 0)
		return rc;
	rc = add ? role_add(db, &e, 0, argv[1], argv[2], argv[3]) : role_remove(db, &e, 0, argv[1], argv[2], argv[3]);
	db_close(&db);
	if (rc == -1)
		return failed(&e);
	printf("%s %s %s in %s\n", add ? "added" : "removed", argv[1], argv[2], argv[3]);
	return 0;
}

static int cmd_role_add(int argc, char **argv) { return cmd_role(argc, argv, 1); }
static int cmd_role_remove(int argc, char **argv) { return cmd_role(argc, argv, 0); }

static int
cmd_group_add(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "acronym", required_argument, NULL, 'a' }, { "name", required_argument, NULL, 'n' },
		{ "type", required_argument, NULL, 't' }, { "parent", required_argument, NULL, 'p' },
		{ "list-email", required_argument, NULL, 'l' }, { NULL, 0, NULL, 0 } };
	const char *usage = "group add --acronym A --name N --type T [--parent P] [--list-email E]";
	const char *acronym = NULL, *name = NULL, *type = NULL, *parent = NULL, *list = NULL;
	struct err e = { 0 };
	struct db *db;
	int64_t id;
	int c, rc;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'a': acronym = optarg; break;
		case 'n': name = optarg; break;
		case 't': type = optarg; break;
		case 'p': parent = optarg; break;
		case 'l': list = optarg; break;
		default: return usage_error(usage, "unknown option");
		}
	}
	if (acronym == NULL || name == NULL || type == NULL || optind != argc)
		return usage_error(usage, "--acronym, --name and --type are required");
	if ((rc = open_db(&db, 1)) != 0)
		return rc;
	rc = group_add(db, &e, 0, acronym, name, type, parent, list, &id);
	db_close(&db);
	if (rc == -1)
		return failed(&e);
	printf("added group %s\n", acronym);
	return 0;
}

static int
cmd_apikey_create(int argc, char **argv)
{
	static const struct option opts[] = { { "label", required_argument, NULL, 'l' }, { NULL, 0, NULL, 0 } };
	const char *label = "", *usage = "apikey create EMAIL [--label TEXT]";
	char key[APIKEY_LEN + 1];
	struct err e = { 0 };
	struct db *db;
	int64_t pid, id;
	int c, rc;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'l')
			label = optarg;
		else
			return usage_error(usage, "unknown option");
	}
	if (optind != argc - 1)
		return usage_error(usage, "one address expected");
	if ((rc = open_db(&db, 1)) != 0)
		return rc;
	if (person_by_email(db, &e, argv[optind], &pid) == -1)
		goto fail;
	if (pid == 0) {
		err_set(&e, 404, "person", "Nobody has the address %s.", argv[optind]);
		goto fail;
	}
	if (apikey_create(db, &e, 0, pid, label, key, &id) == -1)
		goto fail;
	printf("%s\n", key);
	fprintf(stderr, "API key %lld created for %s; it is shown only this once.\n", (long long)id, argv[optind]);
	db_close(&db);
	return 0;
fail:
	db_close(&db);
	return failed(&e);
}

static int
cmd_backup(int argc, char **argv)
{
	struct err e = { 0 };
	struct db *db;
	int rc;

	if (argc != 2)
		return usage_error("backup FILE", "one file expected");
	if (access(argv[1], F_OK) == 0) {
		fprintf(stderr, "idtracker: %s already exists; choose a new file name\n", argv[1]);
		return EXIT_FAILURE;
	}
	if ((rc = open_db(&db, 1)) != 0)
		return rc;
	rc = db_backup(db, argv[1], &e);
	db_close(&db);
	if (rc == -1) {
		unlink(argv[1]);	/* no half-written backup that a retry would refuse to replace */
		return failed(&e);
	}
	printf("backed up %s to %s\n", config_str(&cfg, CFG_DB), argv[1]);
	return 0;
}

static int
cmd_mail_flush(int argc, char **argv)
{
	struct outbox_result res;
	struct mail_ctx mctx;
	struct err e = { 0 };
	struct db *db;
	int rc;

	(void)argv;
	if (argc != 1)
		return usage_error("mail-flush", "mail-flush takes no arguments");
	if (mail_ctx_init(&mctx, &cfg, &e) == -1)
		return failed(&e);
	if ((rc = open_db(&db, 1)) != 0) {
		mail_ctx_release(&mctx);
		return rc;
	}
	rc = outbox_pass(db, &mctx, 100000, &res, &e);
	db_close(&db);
	mail_ctx_release(&mctx);
	if (rc == -1)
		return failed(&e);
	printf("outbox: %d sent, %d to retry, %d failed, %d stale claims released\n", res.sent, res.retry, res.failed,
	    res.released);
	return res.retry || res.failed ? EXIT_FAILURE : 0;
}

static int
cmd_mail_test(int argc, char **argv)
{
	static const struct option opts[] = { { "to", required_argument, NULL, 't' },
		{ "name", required_argument, NULL, 'n' }, { "subject", required_argument, NULL, 's' }, { NULL, 0, NULL, 0 } };
	const char *to = NULL, *name = NULL, *subject = NULL, *usage = "mail-test --to ADDR [--name NAME] [--subject TEXT]";
	struct mail_msg m;
	struct mail_addr rcpt = { NULL, NULL };
	struct outbox_result res;
	struct mail_ctx mctx;
	struct err e = { 0 };
	struct arena a;
	struct db *db;
	struct db_stmt *s;
	char now[ISO_TIME_LEN];
	int64_t id;
	int c, rc;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 't')
			to = optarg;
		else if (c == 'n')
			name = optarg;
		else if (c == 's')
			subject = optarg;
		else
			return usage_error(usage, "unknown option");
	}
	if (to == NULL || optind != argc)
		return usage_error(usage, "--to is required");
	if (mail_ctx_init(&mctx, &cfg, &e) == -1)
		return failed(&e);
	if ((rc = open_db(&db, 1)) != 0) {
		mail_ctx_release(&mctx);
		return rc;
	}
	arena_init(&a, 0);
	rcpt.email = to;
	rcpt.name = name;
	time_iso(now, time_now());
	{
		/* The template's text, with the subject and the recipient's name as given: a way to see
		 * that non-ASCII text survives the whole path to a mailbox. */
		const struct mail_field f[] = { { "site", mctx.site }, { "time", now } };
		memset(&m, 0, sizeof(m));
		if (mail_template_render(&a, TPL_MAIL_TEST, f, 2, &m.subject, &m.body, &e) == -1)
			goto fail;
		if (subject != NULL)
			m.subject = subject;
		m.from = mctx.from;
		m.to[0] = rcpt;
		m.nto = 1;
		m.auto_generated = 1;
		if (db_begin(db, &e) == -1 ||
		    outbox_queue(db, &a, &mctx, &m, mail_templates[TPL_MAIL_TEST].name, "mail-test", to, &id, &e) == -1 ||
		    db_commit(db, &e) == -1) {
			db_rollback(db);
			goto fail;
		}
	}
	printf("queued message %lld to %s\n", (long long)id, to);
	if (outbox_pass(db, &mctx, 100000, &res, &e) == -1)
		goto fail;
	if ((s = db_query(db, &e, "SELECT state, delivered_to, last_error FROM outbox WHERE id = ?", "i", id)) == NULL ||
	    db_step(s, &e) != 1)
		goto fail;
	rc = strcmp(db_col_text(s, 0), "sent") == 0 ? 0 : EXIT_FAILURE;
	if (rc == 0)
		printf("delivered to %s\n", db_col_text(s, 1));
	else
		fprintf(stderr, "idtracker: not delivered (%s): %s\n", db_col_text(s, 0), db_col_text(s, 2));
	db_done(s);
	db_close(&db);
	arena_release(&a);
	mail_ctx_release(&mctx);
	return rc;
fail:
	db_close(&db);
	arena_release(&a);
	mail_ctx_release(&mctx);
	return failed(&e);
}

/* sysexits.h: what an MTA pipe alias understands (75 = try again later). */
#define EX_TEMPFAIL_MAIL	75
#define EX_USAGE_MAIL		64

static int
cmd_mail_in(int argc, char **argv)
{
	static const struct option opts[] = { { "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' }, { NULL, 0, NULL, 0 } };
	const char *from = NULL, *to = NULL, *usage = "mail-in [--from ADDR] [--to ADDR]  (the message on standard input)";
	struct db *db;
	int c, rc;

	/* Exit codes are sysexits.h's here, for the MTA: 64 usage, 75 try again later. */
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'f')
			from = optarg;
		else if (c == 't')
			to = optarg;
		else
			return usage_error(usage, "unknown option"), EX_USAGE_MAIL;
	}
	if (optind != argc)
		return usage_error(usage, "mail-in reads the message from standard input"), EX_USAGE_MAIL;
	/* An MTA retries on 75: a database that cannot be opened now may be there in a minute. */
	if (open_db(&db, 1) != 0)
		return EX_TEMPFAIL_MAIL;
	{
		struct mail_ctx mctx;
		struct err e = { 0 };
		if (mail_ctx_init(&mctx, &cfg, &e) == -1) {
			fprintf(stderr, "idtracker: %s\n", e.msg);
			db_close(&db);
			return EX_TEMPFAIL_MAIL;
		}
		/* The offices that answer mail need the settings and the outbox. */
		sub_mail_in_setup(&cfg, &mctx);
		li_mail_in_setup(&cfg, &mctx);
		rc = mail_in_command(db, (size_t)config_int(&cfg, CFG_MAIL_IN_MAX), from, to);
		sub_mail_in_setup(NULL, NULL);
		li_mail_in_setup(NULL, NULL);
		mail_ctx_release(&mctx);
	}
	db_close(&db);
	return rc;
}

/* render's warnings go to standard error as xml2rfc prints them */
static void
render_warn(void *ctx, const char *msg)
{
	(void)ctx;
	fprintf(stderr, "%s\n", msg);
}

/* `idtracker render`: RFC XML to text as xml2rfc 3.32 writes it (issue 9). */
static int
cmd_render(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "no-pagination", no_argument, NULL, 'n' }, { "legacy-date-format", no_argument, NULL, 'l' },
		{ "date", required_argument, NULL, 'd' }, { "refs", required_argument, NULL, 'r' },
		{ "id-is-work-in-progress", no_argument, NULL, 'w' }, { "bom", no_argument, NULL, 'b' },
		{ "expand", no_argument, NULL, 'E' }, { "v2v3", no_argument, NULL, 'V' },
		{ "preptool", no_argument, NULL, 'P' },
		{ NULL, 0, NULL, 0 } };
	const char *usage = "render [--no-pagination] [--legacy-date-format] [--date YYYY-MM-DD] [--refs DIR] [--bom] "
	    "[--id-is-work-in-progress] [--expand | --v2v3 | --preptool] [-o OUT] FILE.xml", *outpath = NULL;
	struct render_opts ro;
	struct render_refs refs = { NULL };
	struct arena a;
	struct err e = { 0 };
	char *text, *in = NULL;
	size_t tlen, ilen = 0, cap = 0;
	FILE *f;
	int c;

	memset(&ro, 0, sizeof(ro));
	ro.paginate = 1;
	time_ymd(time_now(), &ro.year, &ro.month, &ro.day);
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		if (c == 'n')
			ro.paginate = 0;
		else if (c == 'l')
			ro.legacy_date = 1;
		else if (c == 'b')
			ro.bom = 1;
		else if (c == 'd') {
			if (sscanf(optarg, "%4d-%2d-%2d", &ro.year, &ro.month, &ro.day) != 3 || ro.month < 1 || ro.month > 12 ||
			    ro.day < 1 || ro.day > 31)
				return usage_error(usage, "--date takes YYYY-MM-DD");
		} else if (c == 'o')
			outpath = optarg;
		else if (c == 'r')
			refs.dir = optarg;
		else if (c == 'w')
			;	/* xml2rfc's default: accepted */
		else if (c == 'E' || c == 'V' || c == 'P') {
			/* xml2rfc's other outputs: the XML with includes expanded, converted to v3, prepared */
			if (ro.stage)
				return usage_error(usage, "--expand, --v2v3 and --preptool exclude each other");
			ro.stage = c == 'E' ? RENDER_EXPANDED_XML : c == 'V' ? RENDER_V3_XML : RENDER_PREPPED_XML;
		} else
			return usage_error(usage, "unknown option");
	}
	if (optind != argc - 1)
		return usage_error(usage, "render takes one XML file");
	ro.path = argv[optind];
	render_refs_init(&refs, refs.dir, argv[optind]);
	ro.warn = render_warn;
	ro.fetch = render_fetch_file;
	ro.fetch_ctx = &refs;
	if ((f = fopen(argv[optind], "rb")) == NULL) {
		fprintf(stderr, "idtracker: cannot read %s: %s\n", argv[optind], strerror(errno));
		return EXIT_FAILURE;
	}
	for (;;) {
		size_t got;
		if (ilen + 65536 + 1 > cap) {
			char *n = realloc(in, cap = (ilen + 65536 + 1) * 2);
			if (n == NULL) {
				free(in);
				fclose(f);
				fprintf(stderr, "idtracker: out of memory\n");
				return EXIT_FAILURE;
			}
			in = n;
		}
		if ((got = fread(in + ilen, 1, 65536, f)) == 0)
			break;
		ilen += got;
	}
	fclose(f);
#if !IDT_SANITIZED
	render_cli_memory(ilen);
#endif
	arena_init(&a, 0);
	if (render_text(&a, in, ilen, &ro, &text, &tlen, &e) == -1) {
		fprintf(stderr, "idtracker: %s: %s\n", argv[optind], e.msg);
		free(in);
		arena_release(&a);
		return EXIT_FAILURE;
	}
	free(in);
	f = outpath ? fopen(outpath, "wb") : stdout;
	if (f == NULL || fwrite(text, 1, tlen, f) != tlen || (outpath && fclose(f) != 0)) {
		fprintf(stderr, "idtracker: cannot write %s\n", outpath ? outpath : "standard output");
		arena_release(&a);
		return EXIT_FAILURE;
	}
	/* The process ends here. Freeing the document's tree and the arena would only hand memory back to
	 * a process about to exit, and costs a tenth of a large draft's rendering (4 ms of rfc6787's 40);
	 * compilers skip it the same way (clang's -disable-free). The sanitizer build frees, so
	 * LeakSanitizer still sees every allocation of the render path. */
#if IDT_SANITIZED
	arena_release(&a);
#endif
	return 0;
}

/* The chores' job lock for a command run by hand or by cron: waits while a server (or another
 * run) holds it, up to JOB_WAIT seconds, so the command does its work once the other is done. */
#define JOB_WAIT	120

static int
job_lock_wait(struct db *db, const char *name, struct err *e)
{
	int rc, waited = 0;

	while ((rc = db_job_lock(db, name, e)) == 0 && waited < JOB_WAIT * 10) {
		if (waited == 0)
			fprintf(stderr, "idtracker: another process is running the %s; waiting for it\n", name);
		usleep(100000);
		waited++;
	}
	if (rc == 0)
		return err_set(e, 503, "busy", "Another process has held the %s lock for %d seconds; try again later.", name,
		    JOB_WAIT);
	return rc == 1 ? 0 : -1;
}

static int
cmd_remind(int argc, char **argv)
{
	const char *usage = "remind";
	struct li_remind_result rr;
	struct mail_ctx mctx;
	struct err e = { 0 };
	struct db *db;
	int c, rc;

	while ((c = getopt_long(argc, argv, "", NULL, NULL)) != -1)
		return usage_error(usage, "unknown option");
	if (optind != argc)
		return usage_error(usage, "remind takes no arguments");
	if (open_db(&db, 1) != 0)
		return EXIT_FAILURE;
	if (mail_ctx_init(&mctx, &cfg, &e) == -1) {
		db_close(&db);
		return failed(&e);
	}
	/* One run at a time across servers and cron (the lock the serve workers take for their chores). */
	if ((rc = job_lock_wait(db, "chores", &e)) == 0) {
		rc = li_remind(db, &cfg, &mctx, time_now(), &rr, &e);
		if (rc == 0) {
			int calls = 0;
			rc = wgd_remind(db, &cfg, &mctx, time_now(), &calls, &e);
			if (rc == 0)
				printf("%d call%s for adoption or withdrawal ended: the chairs were reminded\n", calls,
				    calls == 1 ? "" : "s");
		}
		db_job_unlock(db, "chores");
	}
	mail_ctx_release(&mctx);
	db_close(&db);
	if (rc == -1)
		return failed(&e);
	printf("%d liaison reminder%s queued, %d already sent today (%d statement%s due read under the write lock)\n", rr.sent,
	    rr.sent == 1 ? "" : "s", rr.skipped, rr.examined, rr.examined == 1 ? "" : "s");
	return 0;
}

static int
cmd_gc(int argc, char **argv)
{
	const char *usage = "gc";
	struct sub_gc_result gr;
	struct err e = { 0 };
	struct db *db;
	int c;

	while ((c = getopt_long(argc, argv, "", NULL, NULL)) != -1)
		return usage_error(usage, "unknown option");
	if (optind != argc)
		return usage_error(usage, "gc takes no arguments");
	if (open_db(&db, 1) != 0)
		return EXIT_FAILURE;
	if (job_lock_wait(db, "chores", &e) == -1 || sub_gc(db, &cfg, time_now(), &gr, &e) == -1) {
		db_close(&db);
		return failed(&e);
	}
	db_job_unlock(db, "chores");
	printf("%d abandoned upload%s cancelled, %d expired submission%s cancelled, %d staging folder%s removed (%lld bytes)\n",
	    gr.abandoned, gr.abandoned == 1 ? "" : "s", gr.expired, gr.expired == 1 ? "" : "s", gr.folders,
	    gr.folders == 1 ? "" : "s", (long long)gr.bytes);
	db_close(&db);
	return 0;
}

/* The search index is the one thing not copied row for row: the engines keep it differently
 * (FTS5 shadow tables, PostgreSQL's own), so the target rebuilds it the way writes fill it. */
static int
migrate_db_reindex(struct db *to, struct err *e)
{
	int64_t n;

	if (li_search_rebuild(to, &n, e) == -1)
		return -1;
	fprintf(stderr, "migrate-db: search index rebuilt for %lld liaison statements\n", (long long)n);
	return 0;
}

#define GEN_DATA_USAGE "gen-data --documents N --liaisons M"

static int
cmd_gen_data(int argc, char **argv)
{
	static const struct option opts[] = { { "documents", required_argument, NULL, 'd' },
		{ "liaisons", required_argument, NULL, 'l' }, { NULL, 0, NULL, 0 } };
	struct err e = { 0 };
	struct db *db;
	long long ndocs = -1, nli = -1;
	char *end;
	int c, rc, applied;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'd' && c != 'l')
			return usage_error(GEN_DATA_USAGE, "unknown option");
		errno = 0;
		*(c == 'd' ? &ndocs : &nli) = strtoll(optarg, &end, 10);
		if (errno != 0 || *end != '\0' || optarg[0] == '\0' || (c == 'd' ? ndocs : nli) < 0 ||
		    (c == 'd' ? ndocs : nli) > 100000000)
			return usage_error(GEN_DATA_USAGE, "--%s takes a count from 0 to 100000000", c == 'd' ? "documents" : "liaisons");
	}
	if (optind != argc || ndocs < 0 || nli < 0)
		return usage_error(GEN_DATA_USAGE, "--documents and --liaisons are both required");
	if (ensure_data_dirs() == -1)
		return EXIT_FAILURE;
	if ((rc = open_db(&db, 0)) != 0)
		return rc;
	if (db_migrate(db, &applied, &e) == -1 || gen_data(db, ndocs, nli, stderr, &e) == -1 ||
	    (db_url_is_server(config_str(&cfg, CFG_DB)) && db_exec_script(db, "VACUUM ANALYZE;", &e) == -1)) {
		db_close(&db);
		return failed(&e);
	}
	db_close(&db);
	printf("generated %lld documents and %lld liaison statements in %s\n", ndocs, nli, config_str(&cfg, CFG_DB));
	return 0;
}

#define MIGRATE_DB_USAGE "migrate-db --from sqlite:PATH --to postgresql://..."

static int
cmd_migrate_db(int argc, char **argv)
{
	static const struct option opts[] = { { "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' }, { NULL, 0, NULL, 0 } };
	struct err e = { 0 };
	struct db *from = NULL, *to = NULL;
	struct arena a;
	const char *src = NULL, *dst = NULL, *path;
	int c, pending = 0, applied = 0, rc = EXIT_FAILURE;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'f')
			src = optarg;
		else if (c == 't')
			dst = optarg;
		else
			return usage_error(MIGRATE_DB_USAGE, "unknown option");
	}
	if (optind != argc)
		return usage_error(MIGRATE_DB_USAGE, "migrate-db takes no arguments besides its options");
	if (src == NULL || dst == NULL)
		return usage_error(MIGRATE_DB_USAGE, "--from and --to are both required");
	if (db_url_is_server(src))
		return usage_error(MIGRATE_DB_USAGE, "--from must be a SQLite file (sqlite:PATH), not a server URL");
	if (!db_url_is_server(dst))
		return usage_error(MIGRATE_DB_USAGE, "--to must be a PostgreSQL URL (postgresql://... or postgres:///DB?host=/DIR)");
	path = strncmp(src, "sqlite:", 7) == 0 ? src + 7 : src;
	if (access(path, R_OK) != 0) {
		fprintf(stderr, "idtracker: there is no SQLite database at %s.\n", path);
		return EXIT_FAILURE;
	}
	arena_init(&a, 0);
	if (db_open(&from, path, &e) == -1 || db_migrations_pending(from, &pending, &e) == -1) {
		fprintf(stderr, "idtracker: %s\n", e.msg);
		goto out;
	}
	if (pending > 0) {
		fprintf(stderr, "idtracker: the source %s needs %d migration%s; run idtracker init on it first.\n", path,
		    pending, pending == 1 ? "" : "s");
		goto out;
	}
	if (db_open(&to, dst, &e) == -1 || db_migrate(to, &applied, &e) == -1) {
		fprintf(stderr, "idtracker: %s\n", e.msg);
		goto out;
	}
	fprintf(stderr, "migrate-db: target: %d migration%s applied\n", applied, applied == 1 ? "" : "s");
	/* Then VACUUM ANALYZE, as PostgreSQL asks after a bulk load: statistics for the planner (without
	 * them, until autovacuum got to it, PostgreSQL read whole tables for the WG page and the liaison
	 * list), and the visibility map and hint bits, without which the first reads of every row write. */
	if (db_transfer(from, to, &a, migrate_db_reindex, stderr, &e) == -1) {
		fprintf(stderr, "idtracker: %s\n", e.msg);
		goto out;
	}
	fprintf(stderr, "migrate-db: VACUUM ANALYZE\n");
	if (db_exec_script(to, "VACUUM ANALYZE;", &e) == -1) {
		fprintf(stderr, "idtracker: %s\n", e.msg);
		goto out;
	}
	printf("copied %s to the PostgreSQL database; files stay where they are (point IDTRACKER_DB at the new URL)\n",
	    path);
	rc = 0;
out:
	db_close(&from);
	db_close(&to);
	arena_release(&a);	/* after the connections: their statement caches are keyed by this SQL */
	return rc;
}

static const struct cmd cmds[] = {
	{ "init", NULL, cmd_init, "init [--demo]",
	  "create or migrate the database (idempotent); --demo adds demo groups and people" },
	{ "serve", NULL, cmd_serve, "serve [--listen ADDR:PORT] [--port-file FILE]",
	  "serve the web site and the API" },
	{ "config", NULL, cmd_config, "config", "print the effective configuration and where each value came from" },
	{ "user", "add", cmd_user_add, "user add --email E --name N [--role ROLE:GROUP]... [--password-stdin]",
	  "add a person (with a password read from standard input)" },
	{ "user", "passwd", cmd_user_passwd, "user passwd EMAIL", "set a password read from standard input" },
	{ "role", "add", cmd_role_add, "role add EMAIL ROLE GROUP", "give a person a role in a group" },
	{ "role", "remove", cmd_role_remove, "role remove EMAIL ROLE GROUP", "take a role away" },
	{ "group", "add", cmd_group_add, "group add --acronym A --name N --type T [--parent P] [--list-email E]",
	  "add a group (types: ietf iab iesg irtf area wg rg team sdo)" },
	{ "apikey", "create", cmd_apikey_create, "apikey create EMAIL [--label TEXT]",
	  "create an API key for a person and print it once" },
	{ "gen-data", NULL, cmd_gen_data, GEN_DATA_USAGE,
	  "fill a new, empty office with synthetic groups, people, documents (revisions, authors) and posted liaison "
	  "statements, for benchmarks (bench/scale.sh); deterministic for a given size" },
	{ "migrate-db", NULL, cmd_migrate_db, MIGRATE_DB_USAGE,
	  "copy an office's rows from SQLite into an empty PostgreSQL database (migrated first; ids kept, "
	  "the search index rebuilt; files stay); exit 1 when the target is not empty or the copy fails" },
	{ "backup", NULL, cmd_backup, "backup FILE", "copy the live SQLite database to FILE" },
	{ "render", NULL, cmd_render, "render [--no-pagination] [--legacy-date-format] [--date YYYY-MM-DD] [--refs DIR] "
	  "[--bom] [--id-is-work-in-progress] [-o OUT] FILE.xml",
	  "render RFC XML to plain text as xml2rfc 3.32 does (a first slice: see tests/render/); no database needed" },
	{ "remind", NULL, cmd_remind, "remind",
	  "queue the liaison deadline reminders due today (L11): 14, 7, 4, 3, 2, 1 and 0 days before, then daily when "
	  "overdue; each statement at most once a day, however often it runs (the server also does this)" },
	{ "gc", NULL, cmd_gc, "gc",
	  "garbage-collect the submission staging area now: abandoned uploads (R66), expired submissions (R39), "
	  "orphaned folders (the server also does this every minute)" },
	{ "mail-flush", NULL, cmd_mail_flush, "mail-flush",
	  "deliver every due message of the outbox now (for cron); exit 1 when some could not be delivered" },
	{ "mail-test", NULL, cmd_mail_test, "mail-test --to ADDR [--name NAME] [--subject TEXT]",
	  "queue one test message, deliver it, and say where it went; exit 0 on delivery" },
	{ "mail-in", NULL, cmd_mail_in, "mail-in [--from ADDR] [--to ADDR]",
	  "take one message from standard input (an MTA pipe); exit 0, 65 malformed, 67 unknown recipient, 75 try later" },
	{ "check", NULL, cmd_check, "check [--json] [--mode submission|normal] [--refs DIR] [--date YYYY-MM-DD] [-j N] FILE...",
	  "check Internet-Drafts (txt and/or xml) offline; exit 1 when one has an error" },
};

static void
print_help(FILE *f)
{
	size_t i;

	fprintf(f, "usage: idtracker COMMAND [OPTIONS]  (idtracker COMMAND --help for one command)\n\ncommands:\n");
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		fprintf(f, "  %-58s %s\n", cmds[i].usage, cmds[i].help);
	fprintf(f, "\nenvironment: IDTRACKER_DATA (default ./var), IDTRACKER_DB, IDTRACKER_LISTEN, IDTRACKER_CONFIG,\n"
	    "IDTRACKER_BASE_URL and IDTRACKER_<KEY> for every key `idtracker config` lists.\n"
	    "exit status: 0 done, 1 failed, 2 usage error.\n");
}

int
main(int argc, char **argv)
{
	const struct cmd *c = NULL;
	size_t i;
	int shift, rc;

	if (argc < 2)
		return print_help(stderr), EXIT_USAGE;
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
		printf("idtracker %s\n", IDT_VERSION);
		return 0;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
		print_help(stdout);
		return 0;
	}
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]) && c == NULL; i++) {
		if (strcmp(cmds[i].name, argv[1]) != 0)
			continue;
		if (cmds[i].sub == NULL || (argc > 2 && strcmp(cmds[i].sub, argv[2]) == 0))
			c = &cmds[i];
	}
	if (c == NULL) {
		fprintf(stderr, "idtracker: unknown command \"%s%s%s\"\n", argv[1], argc > 2 ? " " : "", argc > 2 ? argv[2] : "");
		print_help(stderr);
		return EXIT_USAGE;
	}
	shift = c->sub ? 2 : 1;
	if (wants_help(argc - shift, argv + shift)) {
		printf("usage: idtracker %s\n  %s\n", c->usage, c->help);
		return 0;
	}
	if ((rc = load_config()) != 0)
		return c->fn == cmd_mail_in ? EX_TEMPFAIL_MAIL : rc;	/* the MTA keeps the message and retries */
	{
		const char *lvl = config_str(&cfg, CFG_LOG_LEVEL);
		log_set_level(strcmp(lvl, "debug") == 0 ? LOG_DEBUG : strcmp(lvl, "warn") == 0 ? LOG_WARN :
		    strcmp(lvl, "error") == 0 ? LOG_ERROR : LOG_INFO);
	}
	config_finish(&cfg);
	/* libcurl, like libpq, GMime and libmicrohttpd, is loaded and set up by its module at first use. */
	if (token_init() == -1) {
		fprintf(stderr, "idtracker: libsodium could not start\n");
		return EXIT_FAILURE;
	}
	optind = 1;
	rc = c->fn(argc - shift, argv + shift);
	config_release(&cfg);
	return rc;
}
