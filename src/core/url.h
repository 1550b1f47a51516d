/* url.h: percent-encoding for URL parts we build (path segments, query values). */
#ifndef IDT_URL_H
#define IDT_URL_H

struct buf;

/* Appends s with everything but RFC 3986 unreserved characters percent-encoded. */
void	url_encode(struct buf *, const char *s);
/* 1 when s is a path on this site that is safe to redirect to after sign-in ("/x/y/?z"). */
int	url_local_path_ok(const char *s);

#endif
