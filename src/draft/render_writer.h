/* render_writer.h: the text writer's internals shared between render.c and the writers split out of it
 * (render_table.c). Internal to src/draft; the pipeline's stages are in render_int.h. The names are
 * those of render.c, which in turn follow xml2rfc's writers/text.py. */
#ifndef IDT_RENDER_WRITER_H
#define IDT_RENDER_WRITER_H

#include <libxml/tree.h>

#include "render_int.h"

#define NJ	16

/* xml2rfc's Joiner: how a child joins what precedes it. */
struct joiner {
	const char	*join;
	int		 indent, hang, overlap, outdent;
};

/* xml2rfc's **kwargs of a renderer call. */
struct kw {
	const char	*jtag[NJ];	/* jtag[0] == NULL: the default joiner */
	struct joiner	 j[NJ];
	int		 nj;
	int		 indent, hang, first, keep_url;
	int		 dtwidth;	/* -1: none */
	int		 nofill;	/* table cells: <t> not filled */
	int		 latin;		/* -1 unset */
};

/* A renderer's result: text (inline) or lines (block). */
struct res {
	const char	*text;		/* inline renderers */
	struct rlines	 l;		/* block renderers */
	int		 is_lines;
};

struct outd;
struct olstate;

/* One rendering of one document. */
struct rd {
	struct arena		*a;
	struct wrapper		*w;
	const struct render_opts *o;
	xmlNodePtr		 root;
	int			 rfc;		/* an RFC, not an Internet-Draft */
	int			 paginate;	/* pages wanted, and not an RFC */
	int			 ty, tm, td;	/* today */
	struct outd		*outd;
	size_t			 noutd, capoutd;
	struct olstate		*ls;
	size_t			 nls, capls;
	const char		**refid, **refname;
	size_t			 nref;
	struct err		*e;
	int			 depth;
};

/* render.c */
struct res	 render(struct rd *, xmlNodePtr, int width, const struct kw *);
int		 is(xmlNodePtr, const char *name);
int		 is_elem(xmlNodePtr);
const char	*attr(struct rd *, xmlNodePtr, const char *name);
xmlNodePtr	 first_elem(xmlNodePtr);
const char	*strip(struct rd *, const char *);
const char	*rstrip(struct rd *, const char *);
int		 blank(const char *);
size_t		 ulen(const char *);
const char	*spaces(struct rd *, int n);
const char	*cat(struct rd *, const char *, const char *);
const char	*pycenter(struct rd *, const char *, int width);
const char	*center_text(struct rd *, const char *, int width);
const char	*replace_all(struct rd *, const char *s, const char *from, const char *to);
void		 push(struct rd *, struct rlines *, const char *text, xmlNodePtr elem);
void		 append(struct rd *, struct rlines *to, const struct rlines *from);
struct rlines	 mklines(struct rd *, const char *, xmlNodePtr);
struct rlines	 res_lines(struct rd *, struct res, xmlNodePtr);
const char	*res_text(struct rd *, struct res, const char *sep);
struct res	 T(const char *);
struct res	 L(struct rlines);
void		 kw_base(struct kw *);
void		 jset(struct kw *, const char *tag, const char *join, int indent, int hang, int overlap, int outdent);
const char	*tjoin(struct rd *, const char *text, xmlNodePtr, int width, const struct kw *);
const char	*fill(struct rd *, const char *text, int width, const struct kw *, int fix_sentence);
struct res	 text_or_block(struct rd *, xmlNodePtr, int width, const struct kw *, int *plain);

/* render_table.c: xml2rfc's render_table() with build_table() */
struct res	 render_table(struct rd *, xmlNodePtr, int width, const struct kw *);

#endif
