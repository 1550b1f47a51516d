/* check.c: `idtracker check [--json] [--mode submission|normal] [--refs DIR] [--date YYYY-MM-DD]
 * [-j N] FILE...`. Files of one draft given together (draft-x-03.txt draft-x-03.xml) are one
 * submission with the cross-format rules (R18). Workers check submissions in parallel; results
 * are printed in the order given, as each completes. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "check.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/timeutil.h"
#include "draft/draft.h"
#include "draft/draft_json.h"
#include "draft/nits.h"
#include "submit/validate.h"

#define CHECK_FILE_MAX	(64u << 20)	/* far above any real draft (the largest are ~2 MB) */
#define CHECK_JOBS_MAX	64
#define GROUPS_MAX	512

static const char usage[] =
    "check [--json] [--mode submission|normal] [--refs DIR] [--date YYYY-MM-DD] [--last-rev NN]\n"
    "                 [--groups ACRONYM,...] [-j N] FILE...";

struct sub_file {
	const char	*path;
	const char	*base;		/* file name without folders */
	enum draft_format format;
	char		*data;
	size_t		 len;
};

struct submission {
	struct sub_file	 files[2];	/* at most a txt and an xml */
	int		 nfiles;
	char		*out;		/* the rendered result */
	int		 has_error;
	int		 done;
};

struct job {
	struct submission	*subs;
	size_t			 nsubs;
	size_t			 next;		/* next submission to take */
	size_t			 finished;
	int			 json;
	struct check_opts	 opts;
	struct draft_xml_opts	 xopts;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
};

static enum draft_format
guess_format(const char *base, const char *data, size_t len)
{
	const char *dot = strrchr(base, '.');
	size_t i;

	if (dot != NULL && strcmp(dot, ".xml") == 0)
		return DRAFT_XML;
	if (dot != NULL && strcmp(dot, ".txt") == 0)
		return DRAFT_TXT;
	for (i = 0; i < len && i < 512 && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t'); i++)
		;
	return len - i >= 5 && (strncmp(data + i, "<?xml", 5) == 0 || strncmp(data + i, "<rfc", 4) == 0) ? DRAFT_XML : DRAFT_TXT;
}

/* Opens a regular file within the size cap: the descriptor, or -1 with a sentence on stderr. */
static int
open_draft_file(const char *path, struct stat *st)
{
	int fd;

	if ((fd = open(path, O_RDONLY)) < 0 || fstat(fd, st) < 0) {
		fprintf(stderr, "idtracker: cannot read %s: %s\n", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (!S_ISREG(st->st_mode) || (size_t)st->st_size > CHECK_FILE_MAX) {
		fprintf(stderr, "idtracker: %s is %s\n", path, !S_ISREG(st->st_mode) ? "not a regular file" :
		    "larger than 64 MiB, which no Internet-Draft is");
		close(fd);
		return -1;
	}
	return fd;
}

/* Checks up front that a file can be read, so an unreadable one stops the run (exit 2) before any
 * verdict is printed; the bytes are read later, by the worker that checks it, so memory stays at
 * the size of the drafts in flight rather than of the whole run. */
static int
probe_file(const char *path)
{
	struct stat st;
	int fd;

	if ((fd = open_draft_file(path, &st)) < 0)
		return -1;
	close(fd);
	return 0;
}

/* Reads a whole file; -1 with a sentence on stderr. */
static int
read_file(struct sub_file *f)
{
	struct stat st;
	ssize_t n;
	size_t got = 0;
	int fd;

	if ((fd = open_draft_file(f->path, &st)) < 0)
		return -1;
	if ((f->data = malloc((size_t)st.st_size + 1)) == NULL) {
		close(fd);
		fprintf(stderr, "idtracker: out of memory reading %s\n", f->path);
		return -1;
	}
	while (got < (size_t)st.st_size && (n = read(fd, f->data + got, (size_t)st.st_size - got)) > 0)
		got += (size_t)n;
	close(fd);
	f->data[got] = '\0';
	f->len = got;
	return 0;
}

/* "dir/draft-x-03.txt" and "draft-x-03.xml" belong together: same name without folder and extension. */
static int
same_draft(const char *a, const char *b)
{
	const char *da = strrchr(a, '.'), *db = strrchr(b, '.');
	size_t la = da ? (size_t)(da - a) : strlen(a), lb = db ? (size_t)(db - b) : strlen(b);

	return la == lb && strncmp(a, b, la) == 0;
}

/* The human verdict of one submission, idnits-like (the text renderer of drafts is render.h's). */
static char *
report_text(const struct submission *s, struct draft *d)
{
	static const char *const marks[] = { "**", "==", "--" };
	static const char *const heads[] = { "Errors", "Warnings", "Comments" };
	const struct draft *p = draft_primary(d, s->nfiles);
	struct buf b;
	int i, sev, e = 0, w = 0, c = 0, ee, ww, cc;
	size_t k;

	buf_init(&b, NULL, 0);
	for (i = 0; i < s->nfiles; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", s->files[i].base);
	buf_printf(&b, ": %s%s%s", p->name ? p->name : "(no name)", p->rev ? "-" : "", p->rev ? p->rev : "");
	if (p->title != NULL)
		buf_printf(&b, " \"%s\"", p->title);
	buf_putc(&b, '\n');
	for (sev = SEV_ERROR; sev <= SEV_COMMENT; sev++) {
		int any = 0;
		for (i = 0; i < s->nfiles; i++)
			for (k = 0; k < d[i].nnits; k++) {
				const struct draft_nit *n = &d[i].nits[k];
				if ((int)n->severity != sev)
					continue;
				if (!any++)
					buf_printf(&b, "\n  %s:\n", heads[sev]);
				buf_printf(&b, "  %s ", marks[sev]);
				if (s->nfiles > 1)
					buf_printf(&b, "%s ", s->files[i].format == DRAFT_XML ? "xml" : "txt");
				if (n->line > 0)
					buf_printf(&b, "line %d: ", n->line);
				buf_printf(&b, "%s%s%s%s\n     %s [%s]\n", nit_rules[n->id].message, n->detail ? " (" : "",
				    n->detail ? n->detail : "", n->detail ? ")" : "", nit_rules[n->id].code, nit_rules[n->id].source);
			}
	}
	for (i = 0; i < s->nfiles; i++) {
		draft_nit_counts(&d[i], &ee, &ww, &cc);
		e += ee;
		w += ww;
		c += cc;
	}
	buf_printf(&b, "\n  Summary: %d error%s (**), %d warning%s (==), %d comment%s (--).\n\n", e, e == 1 ? "" : "s",
	    w, w == 1 ? "" : "s", c, c == 1 ? "" : "s");
	return b.failed ? NULL : b.data;
}

static void
check_one(struct job *j, struct submission *s, struct arena *a)
{
	struct upload_file uf[2];
	struct validation v;
	struct draft *d = v.d;
	char dir[2][4096];
	int i;

	for (i = 0; i < s->nfiles; i++) {
		struct sub_file *f = &s->files[i];
		const char *slash = strrchr(f->path, '/');
		if (read_file(f) == -1) {	/* vanished since the probe: say so as a verdict */
			f->data = NULL;
			f->len = 0;
		}
		snprintf(dir[i], sizeof(dir[i]), "%.*s", slash ? (int)(slash - f->path) : 1, slash ? f->path : ".");
		uf[i] = (struct upload_file){ f->format, f->base, f->data ? f->data : "", f->len, dir[i], 0 };
	}
	submit_check(a, uf, (size_t)s->nfiles, &j->opts, &j->xopts, &v);
	s->has_error = v.errors > 0;
	if (j->json) {
		const char *names[2] = { s->files[0].base, s->nfiles > 1 ? s->files[1].base : NULL };
		json_t *o = draft_result_json(names, d, s->nfiles);
		char *txt = o ? json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;
		json_decref(o);
		struct buf line;
		buf_init(&line, NULL, 0);
		buf_puts(&line, txt ? txt : "{\"error\":\"out of memory\"}");
		buf_putc(&line, '\n');
		free(txt);
		s->out = line.failed ? NULL : line.data;
	} else
		s->out = report_text(s, d);
}

static void *
worker(void *arg)
{
	struct job *j = arg;
	struct arena a;
	size_t i;

	arena_init(&a, 0);
	for (;;) {
		pthread_mutex_lock(&j->mu);
		i = j->next++;
		pthread_mutex_unlock(&j->mu);
		if (i >= j->nsubs)
			break;
		check_one(j, &j->subs[i], &a);
		arena_release(&a);
		free(j->subs[i].files[0].data);
		j->subs[i].files[0].data = NULL;
		if (j->subs[i].nfiles > 1) {
			free(j->subs[i].files[1].data);
			j->subs[i].files[1].data = NULL;
		}
		pthread_mutex_lock(&j->mu);
		j->subs[i].done = 1;
		pthread_cond_broadcast(&j->cv);
		pthread_mutex_unlock(&j->mu);
	}
	return NULL;
}

static int
usage_fail(const char *why)
{
	fprintf(stderr, "idtracker: %s\nusage: idtracker %s\n", why, usage);
	return 2;
}

int
cmd_check(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'J' }, { "mode", required_argument, NULL, 'm' },
		{ "refs", required_argument, NULL, 'r' }, { "date", required_argument, NULL, 'd' },
		{ "last-rev", required_argument, NULL, 'l' }, { "groups", required_argument, NULL, 'g' },
		{ "jobs", required_argument, NULL, 'j' }, { NULL, 0, NULL, 0 } };
	static const char *groups[GROUPS_MAX + 1];
	struct job j;
	pthread_t th[CHECK_JOBS_MAX];
	size_t i, k, printed = 0;
	int c, jobs = 1, any_error = 0, progress;
	time_t now;
	char *gl = NULL, *tok, *save;
	struct stat st;

	memset(&j, 0, sizeof(j));
	j.opts.mode = CHECK_SUBMISSION;
	now = time_now();
	time_ymd(now, &j.opts.today.year, &j.opts.today.month, &j.opts.today.day);
	while ((c = getopt_long(argc, argv, "j:", opts, NULL)) != -1) {
		switch (c) {
		case 'J':
			j.json = 1;
			break;
		case 'm':
			if (strcmp(optarg, "submission") == 0)
				j.opts.mode = CHECK_SUBMISSION;
			else if (strcmp(optarg, "normal") == 0)
				j.opts.mode = CHECK_NORMAL;
			else
				return usage_fail("--mode is submission or normal");
			break;
		case 'r':
			if (stat(optarg, &st) != 0 || !S_ISDIR(st.st_mode))
				return usage_fail("--refs must name a folder of references");
			j.xopts.refs_dir = optarg;
			break;
		case 'd':
			if (draft_date_parse(optarg, strlen(optarg), &j.opts.today) != 0 || j.opts.today.day == 0 ||
			    strlen(optarg) != 10)
				return usage_fail("--date takes YYYY-MM-DD");
			break;
		case 'l':
			if (!(strlen(optarg) == 2 && optarg[0] >= '0' && optarg[0] <= '9' && optarg[1] >= '0' &&
			    optarg[1] <= '9') && strcmp(optarg, "none") != 0)
				return usage_fail("--last-rev takes NN, or none for a new draft");
			j.opts.last_rev = strcmp(optarg, "none") == 0 ? "" : optarg;
			break;
		case 'g':
			gl = optarg;
			break;
		case 'j':
			jobs = atoi(optarg);
			if (jobs < 1 || jobs > CHECK_JOBS_MAX)
				return usage_fail("-j takes 1 to 64");
			break;
		default:
			return usage_fail("unknown option");
		}
	}
	if (optind >= argc)
		return usage_fail("name at least one file");
	if (gl != NULL) {
		k = 0;
		for (tok = strtok_r(gl, ",", &save); tok != NULL && k < GROUPS_MAX; tok = strtok_r(NULL, ",", &save))
			groups[k++] = tok;
		groups[k] = NULL;
		j.opts.known_groups = groups;
	}
	if ((j.subs = calloc((size_t)(argc - optind), sizeof(*j.subs))) == NULL)
		return fprintf(stderr, "idtracker: out of memory\n"), 2;
	/* Group the files into submissions, then read them all before checking: an unreadable file
	 * stops the run (exit 2) before any verdict is printed. */
	for (i = (size_t)optind; i < (size_t)argc; i++) {
		const char *base = strrchr(argv[i], '/');
		struct sub_file f = { argv[i], base ? base + 1 : argv[i], DRAFT_TXT, NULL, 0 };
		struct submission *s = NULL;
		char head[512];
		ssize_t n;
		int fd;
		if (probe_file(argv[i]) == -1) {
			free(j.subs);
			return 2;
		}
		/* The first bytes tell XML from text when the extension does not. */
		if ((base = strrchr(f.base, '.')) != NULL && (strcmp(base, ".txt") == 0 || strcmp(base, ".xml") == 0))
			n = 0;
		else {
			n = (fd = open(argv[i], O_RDONLY)) >= 0 ? read(fd, head, sizeof(head)) : -1;
			if (fd >= 0)
				close(fd);
		}
		f.format = guess_format(f.base, head, n > 0 ? (size_t)n : 0);
		for (k = 0; k < j.nsubs && s == NULL; k++)
			if (j.subs[k].nfiles == 1 && j.subs[k].files[0].format != f.format &&
			    same_draft(j.subs[k].files[0].base, f.base))
				s = &j.subs[k];
		if (s == NULL)
			s = &j.subs[j.nsubs++];
		s->files[s->nfiles++] = f;
	}
	/* The text first: its page count and expiry line describe the submission. */
	for (k = 0; k < j.nsubs; k++)
		if (j.subs[k].nfiles == 2 && j.subs[k].files[0].format == DRAFT_XML) {
			struct sub_file t = j.subs[k].files[0];
			j.subs[k].files[0] = j.subs[k].files[1];
			j.subs[k].files[1] = t;
		}
	pthread_mutex_init(&j.mu, NULL);
	pthread_cond_init(&j.cv, NULL);
	if ((size_t)jobs > j.nsubs)
		jobs = (int)j.nsubs;
	for (c = 0; c < jobs; c++)
		pthread_create(&th[c], NULL, worker, &j);
	progress = isatty(STDERR_FILENO) && argc - optind > 50;
	/* Print in the order given, as each result completes. */
	pthread_mutex_lock(&j.mu);
	while (printed < j.nsubs) {
		while (!j.subs[printed].done)
			pthread_cond_wait(&j.cv, &j.mu);
		pthread_mutex_unlock(&j.mu);
		if (j.subs[printed].out != NULL)
			fputs(j.subs[printed].out, stdout);
		any_error |= j.subs[printed].has_error;
		free(j.subs[printed].out);
		printed++;
		if (progress && (printed % 25 == 0 || printed == j.nsubs))
			fprintf(stderr, "\rchecked %zu of %zu submissions", printed, j.nsubs);
		pthread_mutex_lock(&j.mu);
	}
	pthread_mutex_unlock(&j.mu);
	if (progress)
		fputc('\n', stderr);
	for (c = 0; c < jobs; c++)
		pthread_join(th[c], NULL);
	pthread_mutex_destroy(&j.mu);
	pthread_cond_destroy(&j.cv);
	free(j.subs);
	return any_error ? 1 : 0;
}
