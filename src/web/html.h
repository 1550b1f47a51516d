/* html.h: the HTML writer that escapes by construction (ARCHITECTURE rule 1, STYLE habit 3).
 * Tags and attributes are enums; text and attribute values are always escaped; URL attributes
 * accept only relative, http(s) and mailto targets. The one raw call, html_literal(), accepts
 * only string literals (the macro fails to compile otherwise). Callers: every page in src/web. */
#ifndef IDT_HTML_H
#define IDT_HTML_H

#include <stddef.h>

#include "../core/buf.h"

enum tag {
	TAG_A, TAG_BODY, TAG_BR, TAG_BUTTON, TAG_CODE, TAG_DD, TAG_DIV, TAG_DL, TAG_DT, TAG_EM,
	TAG_FIELDSET, TAG_FOOTER, TAG_FORM, TAG_H1, TAG_H2, TAG_H3, TAG_HEAD, TAG_HEADER, TAG_HTML,
	TAG_INPUT, TAG_LABEL, TAG_LEGEND, TAG_LI, TAG_LINK, TAG_MAIN, TAG_META, TAG_NAV, TAG_OL,
	TAG_OPTION, TAG_P, TAG_PRE, TAG_SCRIPT, TAG_SECTION, TAG_SELECT, TAG_SMALL, TAG_SPAN,
	TAG_STRONG, TAG_TABLE, TAG_TBODY, TAG_TD, TAG_TEXTAREA, TAG_TH, TAG_THEAD, TAG_TIME,
	TAG_TITLE, TAG_TR, TAG_UL,
	TAG__MAX
};

enum attr {
	ATTR__END = 0,
	ATTR_ACTION, ATTR_ARIA_CURRENT, ATTR_ARIA_LABEL, ATTR_AUTOCOMPLETE, ATTR_AUTOFOCUS,
	ATTR_CHARSET, ATTR_CHECKED, ATTR_CLASS, ATTR_CONTENT, ATTR_DATA_LABEL, ATTR_DATETIME, ATTR_DISABLED,
	ATTR_ENCTYPE, ATTR_FOR, ATTR_HREF, ATTR_ID, ATTR_LANG, ATTR_MAXLENGTH, ATTR_METHOD,
	ATTR_MINLENGTH, ATTR_NAME, ATTR_PLACEHOLDER, ATTR_REL, ATTR_REQUIRED, ATTR_ROLE, ATTR_ROWS,
	ATTR_SCOPE, ATTR_SELECTED, ATTR_SRC, ATTR_TITLE, ATTR_TYPE, ATTR_VALUE,
	ATTR__MAX
};

#define HTML_DEPTH_MAX	64

struct html {
	struct buf	 b;
	enum tag	 stack[HTML_DEPTH_MAX];
	int		 depth;
	int		 bug;		/* 1 = tags closed out of order: a programming error */
};

void	html_init(struct html *, struct arena *, size_t cap);
/* Opens a tag with attribute pairs (enum attr, const char *value) ended by ATTR__END.
 * A NULL value leaves the attribute out; boolean attributes are written when the value is not NULL. */
void	html_open(struct html *, enum tag, ...);
void	html_close(struct html *, enum tag);
/* A void element (input, meta, link, br): same arguments as html_open, nothing to close. */
void	html_void(struct html *, enum tag, ...);
void	html_text(struct html *, const char *);		/* escapes & < > " ' */
void	html_textn(struct html *, const char *, size_t);
void	html_textf(struct html *, const char *fmt, ...) __attribute__((format(printf, 2, 3)));	/* escapes the result */
/* <tag>text</tag> with no attributes. */
void	html_elem(struct html *, enum tag, const char *text);
/* <a href="href">text</a>. */
void	html_link(struct html *, const char *href, const char *text);
void	html_literal_(struct html *, const char *);
#define html_literal(h, s)	html_literal_((h), "" s "")	/* string literals only */
/* 0, or -1 with e set (also when tags were left open or closed out of order). */
int	html_finish(struct html *, struct err *);

/* 1 when a URL is safe for href/src/action: relative ("/x", "?q", "#f"), http(s):// or mailto:. */
int	html_url_ok(const char *);
/* Percent-encodes one path segment (everything but unreserved characters). */
void	url_segment(struct buf *, const char *);

#endif
