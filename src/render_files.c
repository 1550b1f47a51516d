/* render_files.c: where `idtracker render` (and bench/render_inproc) find what a document includes
 * (render_files.h). */
#include <limits.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/arena.h"
#include "render_files.h"

/* render's fetch (render.h): how `idtracker render` finds what a document includes, the way xml2rfc
 * --cache DIR --no-network --allow-local-file-access does: a URL is looked up in the --refs folder by its
 * file name (reference.RFC.2119.xml), anything else is a local file (rfcxml.c has already resolved it
 * against the document's own path). No network ever. */
int
render_fetch_file(void *ctx, struct arena *a, const char *uri, char **data, size_t *len)
{
	const struct render_refs *rr = ctx;
	const char *path = uri, *bn;
	char *buf;
	FILE *f;
	size_t n;
	long sz;
	int local = 1;

	if (strncmp(uri, "file://", 7) == 0)
		path = uri + 7;
	else if (strstr(uri, "://") != NULL) {
		local = 0;
		size_t bl;
		if (rr->dir == NULL)
			return -1;
		bn = strrchr(uri, '/') + 1;
		bl = strcspn(bn, "?#");
		/* a cache holds file names only */
		if (bl == 0 || memchr(bn, '\\', bl) != NULL || (bl <= 2 && bn[0] == '.'))
			return -1;
		path = arena_printf(a, "%s/%.*s", rr->dir, (int)bl, bn);
		/* then the library's collections, as docs/references.md says: bibxml/, bibxml2/, ... */
		if (path && access(path, R_OK) != 0) {
			static const char *const sub[] = { "bibxml", "bibxml2", "bibxml3", "bibxml4", "bibxml5",
			    "bibxml6", "bibxml7", "bibxml8", "bibxml9" };
			size_t i;
			for (i = 0; i < sizeof(sub) / sizeof(sub[0]); i++) {
				const char *p2 = arena_printf(a, "%s/%s/%.*s", rr->dir, sub[i], (int)bl, bn);
				if (p2 && access(p2, R_OK) == 0) {
					path = p2;
					break;
				}
			}
		}
	}
	if (path == NULL)
		return -1;
	if (local) {
		/* A local file, named by the document: as xml2rfc's can_access(), only in the document's
		 * folder or below it (an entity naming /etc/passwd reads nothing). */
		char real[PATH_MAX];
		size_t bl = strlen(rr->base);
		if (realpath(path, real) == NULL || bl == 0 || strncmp(real, rr->base, bl) != 0 || real[bl] != '/')
			return -1;
	}
	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	if (fseek(f, 0, SEEK_END) != 0 || (sz = ftell(f)) < 0 || (size_t)sz > RENDER_FETCH_MAX ||
	    fseek(f, 0, SEEK_SET) != 0 || (buf = arena_alloc(a, (size_t)sz + 1)) == NULL) {
		fclose(f);
		return -1;
	}
	n = fread(buf, 1, (size_t)sz, f);
	fclose(f);
	if (n != (size_t)sz)
		return -1;
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

void
render_refs_init(struct render_refs *rr, const char *dir, const char *input)
{
	char *slash, tmp[PATH_MAX];

	rr->dir = dir;
	snprintf(tmp, sizeof(tmp), "%s", input);
	if ((slash = strrchr(tmp, '/')) != NULL)
		*slash = '\0';
	else
		snprintf(tmp, sizeof(tmp), ".");
	if (realpath(tmp, rr->base) == NULL)
		rr->base[0] = '\0';
}

/* ---- the memory of one render process ---- */

/* The heap the render of n bytes will use, asked of the kernel in one call. The renderer touches 40-70 bytes of
 * fresh memory per byte of XML (the tree, the lines at each level, the pages), and a process took each
 * new page by a fault: 4,800 of them for rfc6787, half of its system time, a fault costing twice what
 * MADV_POPULATE_WRITE costs a page. So the heap grows from the program break only (no mmap per large
 * block, no trimming: the process ends with the render), is extended once by 45 bytes per input byte,
 * and that extent populated. A kernel without MADV_POPULATE_WRITE (before 5.14) answers EINVAL and the
 * pages come by faults as before; a guess too small leaves the rest to faults, one too large costs only
 * the zeroing of pages never used. */
void
render_cli_memory(size_t n)
{
	size_t want, pg = (size_t)sysconf(_SC_PAGESIZE);
	uintptr_t lo, hi;
	void *p;

	if (n > ((size_t)1 << 26) || pg == 0 || (pg & (pg - 1)) != 0)
		return;
	want = 45 * n + ((size_t)256 << 10);
	if (mallopt(M_MMAP_THRESHOLD, 1 << 30) == 0 || mallopt(M_TRIM_THRESHOLD, INT_MAX) == 0 ||
	    mallopt(M_TOP_PAD, 1 << 20) == 0 || (p = malloc(want)) == NULL)
		return;
	lo = ((uintptr_t)p + pg - 1) & ~(uintptr_t)(pg - 1);
	hi = ((uintptr_t)p + want) & ~(uintptr_t)(pg - 1);
	free(p);	/* back to the top of the heap, which stays */
#ifdef MADV_HUGEPAGE
	/* the 2 MiB extents wholly inside it as transparent huge pages where the kernel has them (a
	 * large draft's 10-20 MiB: rfc6787 5,900 pages taken -> 780, 8-12% less time); smaller heaps have no
	 * such extent and stay as they are */
	{
		const uintptr_t huge = (uintptr_t)2 << 20;
		uintptr_t h0 = (lo + huge - 1) & ~(huge - 1), h1 = hi & ~(huge - 1);
		if (h1 > h0)
			(void)madvise((void *)h0, h1 - h0, MADV_HUGEPAGE);
	}
#endif
#ifdef MADV_POPULATE_WRITE
	if (hi > lo)
		(void)madvise((void *)lo, hi - lo, MADV_POPULATE_WRITE);
#endif
}
