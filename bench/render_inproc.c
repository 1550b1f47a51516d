/* render_inproc.c: the renderer's pipeline alone, without process start: every case of
 * ../shared/corpus/render-golden/CASES.tsv rendered N times in one process, stage by stage (parse,
 * v2v3, prep, render, release), in CPU time. The RELAX NG validation between v2v3 and prep is left
 * out (its own work, timed elsewhere); the output is still compared with xml2rfc's, so a stage that
 * changed it shows as "differ". Built by `make build/bench/render_inproc`; run from the checkout:
 *   build/bench/render_inproc [-n N] [-c SUBSTRING] [-s] [-f]
 * -n: runs per case (the least time of each stage is kept: the machine is shared, and a neighbour's
 * load only ever adds to a run's CPU time, through caches and frequency; default 5); -c: only the
 * cases whose id holds SUBSTRING; -s: one line per case; -f: each run in a child forked for it, as a
 * process's first document. Prints p50, mean, p99 per document and the 10 slowest cases. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/err.h"
#include "draft/render.h"
#include "draft/render_int.h"
#include "render_files.h"

#define CORPUS		"../shared/corpus"
#define RUNS_MAX	101

enum { ST_PARSE, ST_V2V3, ST_PREP, ST_RENDER, ST_RELEASE, ST__MAX };

static const char *const stage_names[ST__MAX] = {
	/* ST_PARSE */ "parse",
	/* ST_V2V3 */ "v2v3",
	/* ST_PREP */ "prep",
	/* ST_RENDER */ "render",
	/* ST_RELEASE */ "release",
};

struct bcase {
	char	*id, *input, *flags, *refs, *expected;
	char	*xml, *want;
	size_t	 xlen, wlen;
	double	 us[ST__MAX], total;	/* the least over the runs, µs */
	size_t	 used;	/* arena bytes of the first run */
	int	 same;
};

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long sz;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (sz = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0 ||
	    (buf = malloc((size_t)sz + 1)) == NULL || fread(buf, 1, (size_t)sz, f) != (size_t)sz) {
		fprintf(stderr, "render_inproc: cannot read %s: %s\n", path, strerror(errno));
		exit(1);
	}
	fclose(f);
	buf[sz] = '\0';
	*len = (size_t)sz;
	return buf;
}

static double
cpu_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int
cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;

	return a < b ? -1 : a > b;
}

static int
cmp_case_total(const void *x, const void *y)
{
	const struct bcase *a = *(struct bcase *const *)x, *b = *(struct bcase *const *)y;

	return a->total > b->total ? -1 : a->total < b->total;
}

/* render_text()'s stages as it runs them, minus validate_v3(). */
static int
run_once(struct bcase *c, double us[ST__MAX], int check)
{
	struct render_opts ro;
	struct rfcxml_src src;
	struct prep_opts po;
	struct render_refs refs;
	struct arena a;
	struct err e = { 0 };
	xmlDocPtr doc;
	xmlNodePtr root;
	xmlChar *v;
	char *flags, *tok, *save = NULL, *out = NULL;
	size_t olen = 0;
	double t;
	int rc = 0, v2, prepped;

	memset(&ro, 0, sizeof(ro));
	ro.paginate = 1;
	flags = strdup(c->flags);
	for (tok = strtok_r(flags, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		if (strcmp(tok, "--no-pagination") == 0)
			ro.paginate = 0;
		else if (strcmp(tok, "--legacy-date-format") == 0)
			ro.legacy_date = 1;
		else if (strcmp(tok, "--bom") == 0)
			ro.bom = 1;
		else if (strcmp(tok, "--date") == 0 && (tok = strtok_r(NULL, " ", &save)) != NULL)
			sscanf(tok, "%4d-%2d-%2d", &ro.year, &ro.month, &ro.day);
	}
	free(flags);
	render_refs_init(&refs, c->refs, c->input);	/* the files `idtracker render` reads */
	ro.path = c->input;
	ro.fetch = render_fetch_file;
	ro.fetch_ctx = &refs;

	memset(&src, 0, sizeof(src));
	src.xml = c->xml;
	src.len = c->xlen;
	src.path = c->input;
	src.fetch = ro.fetch;
	src.ctx = ro.fetch_ctx;
	memset(us, 0, sizeof(double) * ST__MAX);
	arena_init(&a, 0);
	t = cpu_us();
	doc = rfcxml_parse(&a, &src, &e);
	us[ST_PARSE] = cpu_us() - t;
	if (doc == NULL) {
		rc = -1;
		goto done;
	}
	root = xmlDocGetRootElement(doc);
	v = root ? xmlGetProp(root, (const xmlChar *)"prepTime") : NULL;
	prepped = v != NULL;
	xmlFree(v);
	v = root ? xmlGetProp(root, (const xmlChar *)"version") : NULL;
	v2 = v == NULL || strcmp((const char *)v, "3") != 0;
	xmlFree(v);
	if (!prepped) {
		t = cpu_us();
		if (v2 && v2v3_convert(&a, doc, &e) == -1)
			rc = -1;
		us[ST_V2V3] = cpu_us() - t;
		if (rc == -1)
			goto done;
		memset(&po, 0, sizeof(po));
		po.year = ro.year;
		po.month = ro.month;
		po.day = ro.day;
		po.id_is_wip = 1;
		po.legacy_date = ro.legacy_date;
		po.fetch = ro.fetch;
		po.fetch_ctx = ro.fetch_ctx;
		po.path = src.path;
		t = cpu_us();
		rc = prep_document(&a, doc, &po, &e);
		us[ST_PREP] = cpu_us() - t;
		if (rc == -1)
			goto done;
	}
	t = cpu_us();
	rc = render_prepped(&a, doc, &ro, &out, &olen, &e);
	us[ST_RENDER] = cpu_us() - t;
done:
	if (rc == -1)
		fprintf(stderr, "render_inproc: %s: %s\n", c->id, e.msg);
	if (check) {
		c->same = rc == 0 && olen == c->wlen && memcmp(out, c->want, olen) == 0;
		c->used = a.used;
	}
	t = cpu_us();
	arena_release(&a);
	us[ST_RELEASE] = cpu_us() - t;
	return rc;
}

/* run_once() in a child forked for it: the pipeline as the first document of a process meets it
 * (regular expressions to compile, memory never touched), without exec and the dynamic loader. */
static void
run_fresh(struct bcase *c, double us[ST__MAX], int check)
{
	struct { double us[ST__MAX]; size_t used; int same; } res;
	int fd[2], st;
	pid_t pid;

	memset(&res, 0, sizeof(res));
	if (pipe(fd) != 0 || (pid = fork()) < 0) {
		fprintf(stderr, "render_inproc: cannot fork\n");
		exit(1);
	}
	if (pid == 0) {
		close(fd[0]);
		run_once(c, res.us, check);
		res.same = c->same;
		res.used = c->used;
		_exit(write(fd[1], &res, sizeof(res)) == (ssize_t)sizeof(res) ? 0 : 1);
	}
	close(fd[1]);
	if (read(fd[0], &res, sizeof(res)) != (ssize_t)sizeof(res))
		fprintf(stderr, "render_inproc: %s: the child died\n", c->id);
	close(fd[0]);
	waitpid(pid, &st, 0);
	memcpy(us, res.us, sizeof(res.us));
	if (check) {
		c->same = res.same;
		c->used = res.used;
	}
}

static double
pct(const double *v, size_t n, double p)
{
	size_t i = (size_t)(p * (double)n);

	return v[i < n ? i : n - 1];
}

int
main(int argc, char **argv)
{
	struct bcase *cases = NULL, **order;
	size_t ncase = 0, cap = 0, i, j, nsame = 0;
	double runs[ST__MAX][RUNS_MAX], *tot, sum[ST__MAX] = { 0 }, sumtot = 0;
	const char *only = NULL;
	char line[4096];
	int n = 5, each = 0, fresh = 0, c, r, s;
	FILE *f;

	while ((c = getopt(argc, argv, "n:c:sf")) != -1) {
		if (c == 'n')
			n = atoi(optarg);
		else if (c == 'c')
			only = optarg;
		else if (c == 's')
			each = 1;
		else if (c == 'f')
			fresh = 1;
		else {
			fprintf(stderr, "usage: render_inproc [-n RUNS] [-c CASE-SUBSTRING] [-s] [-f]\n");
			return 2;
		}
	}
	if (n < 1 || n > RUNS_MAX)
		n = 5;
	if (chdir(CORPUS) != 0 || (f = fopen("render-golden/CASES.tsv", "r")) == NULL) {
		fprintf(stderr, "render_inproc: run from the checkout, with %s beside it\n", CORPUS);
		return 1;
	}
	if (fgets(line, sizeof(line), f) == NULL)	/* the header */
		return 1;
	while (fgets(line, sizeof(line), f) != NULL) {
		char *fld[7], *p = line;
		for (i = 0; i < 7; i++)
			fld[i] = strsep(&p, "\t\n");
		if (fld[5] == NULL || (only && strstr(fld[0], only) == NULL))
			continue;
		if (ncase == cap && (cases = realloc(cases, (cap = cap ? cap * 2 : 1024) * sizeof(*cases))) == NULL)
			return 1;
		memset(&cases[ncase], 0, sizeof(cases[ncase]));
		cases[ncase].id = strdup(fld[0]);
		cases[ncase].input = strdup(fld[1]);
		cases[ncase].flags = strdup(fld[3]);
		cases[ncase].refs = strdup(fld[4]);
		cases[ncase].expected = strdup(fld[5]);
		cases[ncase].xml = slurp(fld[1], &cases[ncase].xlen);
		cases[ncase].want = slurp(fld[5], &cases[ncase].wlen);
		ncase++;
	}
	fclose(f);
	if (ncase == 0)
		return 1;
	tot = calloc(ncase, sizeof(*tot));
	order = calloc(ncase, sizeof(*order));
	for (i = 0; i < ncase; i++) {
		struct bcase *k = &cases[i];
		double us[ST__MAX], t[RUNS_MAX];
		for (r = 0; r < n; r++) {
			if (fresh)
				run_fresh(k, us, r == 0);
			else
				run_once(k, us, r == 0);
			for (s = 0; s < ST__MAX; s++)
				runs[s][r] = us[s];
			t[r] = 0;
			for (s = 0; s < ST__MAX; s++)
				t[r] += us[s];
		}
		for (s = 0; s < ST__MAX; s++) {
			qsort(runs[s], (size_t)n, sizeof(double), cmp_double);
			k->us[s] = runs[s][0];
			sum[s] += k->us[s];
		}
		qsort(t, (size_t)n, sizeof(double), cmp_double);
		k->total = t[0];
		sumtot += k->total;
		tot[i] = k->total;
		order[i] = k;
		nsame += (size_t)k->same;
		if (each) {
			printf("%-60s %9.0f µs %6zu KiB", k->id, k->total, k->used >> 10);
			for (s = 0; s < ST__MAX; s++)
				printf("  %s %.0f", stage_names[s], k->us[s]);
			printf("%s\n", k->same ? "" : "  DIFFERS");
		}
	}
	qsort(tot, ncase, sizeof(double), cmp_double);
	qsort(order, ncase, sizeof(*order), cmp_case_total);
	printf("%zu cases, %d runs each (least kept): %zu identical to xml2rfc, %zu differ\n", ncase, n, nsame,
	    ncase - nsame);
	printf("CPU per document, pipeline without validation: p50 %.0f µs, mean %.0f µs, p99 %.0f µs\n",
	    pct(tot, ncase, 0.50), sumtot / (double)ncase, pct(tot, ncase, 0.99));
	printf("mean per stage:");
	for (s = 0; s < ST__MAX; s++)
		printf(" %s %.0f µs%s", stage_names[s], sum[s] / (double)ncase, s + 1 < ST__MAX ? "," : "\n");
	printf("slowest:\n");
	for (j = 0; j < ncase && j < 10; j++) {
		printf("  %-60s %8.0f µs", order[j]->id, order[j]->total);
		for (s = 0; s < ST__MAX; s++)
			printf("  %s %.0f", stage_names[s], order[j]->us[s]);
		printf("\n");
	}
	return 0;
}
