/* html.c: the escaping writer; see html.h. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../core/err.h"
#include "../core/url.h"
#include "html.h"

static const char *const tag_names[TAG__MAX] = {
	"a", "body", "br", "button", "code", "dd", "div", "dl", "dt", "em",
	"fieldset", "footer", "form", "h1", "h2", "h3", "head", "header", "html",
	"input", "label", "legend", "li", "link", "main", "meta", "nav", "ol",
	"option", "p", "pre", "script", "section", "select", "small", "span",
	"strong", "table", "tbody", "td", "textarea", "th", "thead", "time",
	"title", "tr", "ul",
};

enum attr_kind { A_TEXT, A_URL, A_BOOL };

static const struct { const char *name; enum attr_kind kind; } attrs[ATTR__MAX] = {
	/* ATTR__END */		{ NULL, A_TEXT },
	/* ATTR_ACTION */	{ "action", A_URL },
	/* ATTR_ARIA_CURRENT */	{ "aria-current", A_TEXT },
	/* ATTR_ARIA_LABEL */	{ "aria-label", A_TEXT },
	/* ATTR_AUTOCOMPLETE */	{ "autocomplete", A_TEXT },
	/* ATTR_AUTOFOCUS */	{ "autofocus", A_BOOL },
	/* ATTR_CHARSET */	{ "charset", A_TEXT },
	/* ATTR_CHECKED */	{ "checked", A_BOOL },
	/* ATTR_CLASS */	{ "class", A_TEXT },
	/* ATTR_CONTENT */	{ "content", A_TEXT },
	/* ATTR_DATA_LABEL */	{ "data-label", A_TEXT },
	/* ATTR_DATETIME */	{ "datetime", A_TEXT },
	/* ATTR_DISABLED */	{ "disabled", A_BOOL },
	/* ATTR_ENCTYPE */	{ "enctype", A_TEXT },
	/* ATTR_FOR */		{ "for", A_TEXT },
	/* ATTR_HREF */		{ "href", A_URL },
	/* ATTR_ID */		{ "id", A_TEXT },
	/* ATTR_LANG */		{ "lang", A_TEXT },
	/* ATTR_MAXLENGTH */	{ "maxlength", A_TEXT },
	/* ATTR_METHOD */	{ "method", A_TEXT },
	/* ATTR_MINLENGTH */	{ "minlength", A_TEXT },
	/* ATTR_NAME */		{ "name", A_TEXT },
	/* ATTR_PLACEHOLDER */	{ "placeholder", A_TEXT },
	/* ATTR_REL */		{ "rel", A_TEXT },
	/* ATTR_REQUIRED */	{ "required", A_BOOL },
	/* ATTR_ROLE */		{ "role", A_TEXT },
	/* ATTR_ROWS */		{ "rows", A_TEXT },
	/* ATTR_SCOPE */	{ "scope", A_TEXT },
	/* ATTR_SELECTED */	{ "selected", A_BOOL },
	/* ATTR_SRC */		{ "src", A_URL },
	/* ATTR_TITLE */	{ "title", A_TEXT },
	/* ATTR_TYPE */		{ "type", A_TEXT },
	/* ATTR_VALUE */	{ "value", A_TEXT },
};

void
html_init(struct html *h, struct arena *a, size_t cap)
{
	memset(h, 0, sizeof(*h));
	buf_init(&h->b, a, cap);
}

void
html_textn(struct html *h, const char *s, size_t n)
{
	const char *run = s, *end = s + n, *rep;

	/* Copy runs of safe bytes in one call; replace the five specials. */
	for (; s < end; s++) {
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		case '\0': rep = ""; break;
		default: continue;
		}
		buf_put(&h->b, run, (size_t)(s - run));
		buf_puts(&h->b, rep);
		run = s + 1;
	}
	buf_put(&h->b, run, (size_t)(end - run));
}

void
html_text(struct html *h, const char *s)
{
	if (s != NULL)
		html_textn(h, s, strlen(s));
}

void
html_textf(struct html *h, const char *fmt, ...)
{
	char small[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0) {
		h->b.failed = 1;
		return;
	}
	if ((size_t)n < sizeof(small)) {
		html_textn(h, small, (size_t)n);
		return;
	}
	{
		struct buf tmp;
		buf_init(&tmp, h->b.arena, 0);
		va_start(ap, fmt);
		buf_vprintf(&tmp, fmt, ap);
		va_end(ap);
		html_textn(h, buf_cstr(&tmp), tmp.len);
		buf_release(&tmp);
	}
}

int
html_url_ok(const char *u)
{
	if (u[0] == '/' && u[1] != '/' && u[1] != '\\')
		return 1;
	if (u[0] == '?' || u[0] == '#')
		return 1;
	return strncasecmp(u, "https://", 8) == 0 || strncasecmp(u, "http://", 7) == 0 ||
	    strncasecmp(u, "mailto:", 7) == 0;
}

static void
html_open_va(struct html *h, enum tag t, int is_void, va_list ap)
{
	enum attr a;
	const char *v;

	buf_putc(&h->b, '<');
	buf_puts(&h->b, tag_names[t]);
	while ((a = (enum attr)va_arg(ap, int)) != ATTR__END) {
		if (a <= ATTR__END || a >= ATTR__MAX) {
			h->bug = 1;
			break;
		}
		v = va_arg(ap, const char *);
		if (v == NULL)
			continue;
		buf_putc(&h->b, ' ');
		buf_puts(&h->b, attrs[a].name);
		if (attrs[a].kind == A_BOOL)
			continue;
		if (attrs[a].kind == A_URL && !html_url_ok(v))
			v = "#";	/* javascript:, data: and the like never reach a link */
		buf_puts(&h->b, "=\"");
		html_text(h, v);
		buf_putc(&h->b, '"');
	}
	buf_putc(&h->b, '>');
	if (!is_void) {
		if (h->depth == HTML_DEPTH_MAX)
			h->bug = 1;
		else
			h->stack[h->depth++] = t;
	}
}

void
html_open(struct html *h, enum tag t, ...)
{
	va_list ap;

	va_start(ap, t);
	html_open_va(h, t, 0, ap);
	va_end(ap);
}

void
html_void(struct html *h, enum tag t, ...)
{
	va_list ap;

	va_start(ap, t);
	html_open_va(h, t, 1, ap);
	va_end(ap);
}

void
html_close(struct html *h, enum tag t)
{
	if (h->depth == 0 || h->stack[h->depth - 1] != t) {
		h->bug = 1;
		return;
	}
	h->depth--;
	buf_puts(&h->b, "</");
	buf_puts(&h->b, tag_names[t]);
	buf_putc(&h->b, '>');
}

void
html_elem(struct html *h, enum tag t, const char *text)
{
	html_open(h, t, ATTR__END);
	html_text(h, text);
	html_close(h, t);
}

void
html_link(struct html *h, const char *href, const char *text)
{
	html_open(h, TAG_A, ATTR_HREF, href, ATTR__END);
	html_text(h, text);
	html_close(h, TAG_A);
}

void
html_literal_(struct html *h, const char *s)
{
	buf_puts(&h->b, s);
}

int
html_finish(struct html *h, struct err *e)
{
	if (h->bug || h->depth != 0)
		return err_set(e, 500, "html", "The page was built with unbalanced tags (a bug).");
	return buf_finish(&h->b, e);
}

void
url_segment(struct buf *b, const char *s)
{
	url_encode(b, s);
}
