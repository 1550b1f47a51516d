/* render_files.h: render's fetch (draft/render.h) over files, the way xml2rfc --cache DIR --no-network
 * --allow-local-file-access reads them: a URL is looked up in the reference folder by its file name
 * (reference.RFC.2119.xml), then in the library's bibxml, bibxml2, ... collections; anything else is a local file,
 * read only at or below the document's own folder. No network ever. `idtracker render` uses it, and
 * bench/render_inproc.c, so that both read the same files. */
#ifndef IDT_RENDER_FILES_H
#define IDT_RENDER_FILES_H

#include <limits.h>
#include <stddef.h>

struct arena;

#define RENDER_FETCH_MAX	(16u << 20)	/* one reference or included file; the largest bibxml entries are kBs */

struct render_refs {
	const char	*dir;		/* --refs; NULL: URLs cannot be resolved */
	char		 base[PATH_MAX];	/* the input's folder: local files are read only below it */
};

/* The folders for one input file: refs dir (or NULL) and the real path of the input's folder. */
void	render_refs_init(struct render_refs *, const char *dir, const char *input);

/* render_fetch_fn over ctx = struct render_refs: 0 with the bytes in the arena, or -1. */
int	render_fetch_file(void *ctx, struct arena *, const char *uri, char **data, size_t *len);

/* The memory of a process that renders one input of n bytes and exits (`idtracker render`): the heap
 * the render will use, populated in one call (render_files.c). Never the server, whose heap is shared
 * by threads and long-lived, nor a sanitizer build, which has its own allocator.
 * (libxml2 allocating by bumping a pointer and freeing nothing was tried: 9% fewer instructions, no
 * less CPU time over the 656 cases, the memory it no longer reused costing what malloc had.) */
void	render_cli_memory(size_t n);

#endif
