/* url.c: see url.h. Callers: the HTML writer, redirects, mail links. */
#include <string.h>

#include "buf.h"
#include "url.h"

void
url_encode(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~')
			buf_putc(b, (char)c);
		else {
			buf_putc(b, '%');
			buf_putc(b, hex[c >> 4]);
			buf_putc(b, hex[c & 15]);
		}
	}
}

int
url_local_path_ok(const char *s)
{
	/* "//host" and "/\host" are other sites to browsers; control characters never belong. */
	if (s == NULL || s[0] != '/' || s[1] == '/' || s[1] == '\\' || strlen(s) > 1024)
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f || *s == '\\')
			return 0;
	return 1;
}
