/* embed.h: files compiled into the binary by tools/embed.c (migrations, static assets). */
#ifndef IDT_EMBED_H
#define IDT_EMBED_H

#include <stddef.h>

struct embedded_file {
	const char		*name;	/* base name, e.g. "001_base.sql" */
	const unsigned char	*data;	/* NUL-terminated */
	size_t			 len;
};

extern const struct embedded_file embedded_sql[];
extern const struct embedded_file embedded_static[];

#endif
