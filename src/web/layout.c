/* layout.c: see layout.h. The frame is plain HTML and CSS from /static/: usable without
 * JavaScript, on a phone (one column under 40em), and with a screen reader (landmarks, labels). */
#include <string.h>

#include "../auth/perm.h"
#include "../core/url.h"
#include "../http/request.h"
#include "layout.h"

#define PAGE_CAP	(16u << 20)	/* no page we build comes near this; a runaway loop stops here */

static const struct { const char *section, *href, *label; } menu[] = {
	{ "submit", "/submit/", "Submit" },
	{ "doc", "/doc/", "Documents" },
	{ "group", "/group/", "Groups" },
	{ "liaison", "/liaison/", "Liaison statements" },
};

const char *
http_status_text(int status)
{
	switch (status) {
	case 400: return "Bad request";
	case 401: return "Sign-in required";
	case 403: return "Not allowed";
	case 404: return "Not found";
	case 405: return "Method not allowed";
	case 409: return "Conflict";
	case 413: return "Too large";
	case 415: return "Unsupported form encoding";
	case 429: return "Too many requests";
	case 431: return "Headers too large";
	case 500: return "Internal error";
	case 501: return "Not implemented";
	case 503: return "Service unavailable";
	default: return status >= 500 ? "Server error" : "Request refused";
	}
}

void
page_csrf_field(struct request *r, struct html *h)
{
	html_void(h, TAG_INPUT, ATTR_TYPE, "hidden", ATTR_NAME, "csrf", ATTR_VALUE, req_csrf(r), ATTR__END);
}

void
page_notice(struct html *h, const char *kind, const char *text)
{
	html_open(h, TAG_P, ATTR_CLASS, strcmp(kind, "error") == 0 ? "notice error" : "notice ok",
	    ATTR_ROLE, strcmp(kind, "error") == 0 ? "alert" : "status", ATTR__END);
	html_text(h, text);
	html_close(h, TAG_P);
}

void
page_begin(struct request *r, struct html *h, const char *title, const char *section)
{
	size_t i;

	html_init(h, &r->arena, PAGE_CAP);
	html_literal(h, "<!DOCTYPE html>\n");
	html_open(h, TAG_HTML, ATTR_LANG, "en", ATTR__END);
	html_open(h, TAG_HEAD, ATTR__END);
	html_void(h, TAG_META, ATTR_CHARSET, "utf-8", ATTR__END);
	html_void(h, TAG_META, ATTR_NAME, "viewport", ATTR_CONTENT, "width=device-width, initial-scale=1", ATTR__END);
	html_open(h, TAG_TITLE, ATTR__END);
	html_text(h, title);
	html_literal(h, " &#8212; idtracker");
	html_close(h, TAG_TITLE);
	html_void(h, TAG_LINK, ATTR_REL, "stylesheet", ATTR_HREF, "/static/site.css", ATTR__END);
	html_void(h, TAG_LINK, ATTR_REL, "icon", ATTR_HREF, "/static/favicon.svg", ATTR__END);
	html_close(h, TAG_HEAD);
	html_open(h, TAG_BODY, ATTR__END);
	html_open(h, TAG_HEADER, ATTR_CLASS, "top", ATTR__END);
	html_open(h, TAG_A, ATTR_CLASS, "brand", ATTR_HREF, "/", ATTR__END);
	html_text(h, "idtracker");
	html_close(h, TAG_A);
	html_open(h, TAG_NAV, ATTR_ARIA_LABEL, "Main", ATTR__END);
	html_open(h, TAG_UL, ATTR__END);
	for (i = 0; i < sizeof(menu) / sizeof(menu[0]); i++) {
		html_open(h, TAG_LI, ATTR__END);
		html_open(h, TAG_A, ATTR_HREF, menu[i].href,
		    ATTR_ARIA_CURRENT, section && strcmp(section, menu[i].section) == 0 ? "page" : NULL, ATTR__END);
		html_text(h, menu[i].label);
		html_close(h, TAG_A);
		html_close(h, TAG_LI);
	}
	html_close(h, TAG_UL);
	html_close(h, TAG_NAV);
	html_open(h, TAG_DIV, ATTR_CLASS, "account", ATTR__END);
	if (r->user.person_id != 0) {
		if (perm_allows(&r->user, PERM_SECRETARIAT, NULL))
			html_link(h, "/admin/outbox/", "Outbox");
		html_open(h, TAG_A, ATTR_HREF, "/accounts/profile/", ATTR_ID, "nav-profile", ATTR__END);
		html_text(h, r->user.name);
		html_close(h, TAG_A);
		html_open(h, TAG_FORM, ATTR_METHOD, "post", ATTR_ACTION, "/accounts/logout/", ATTR_CLASS, "inline", ATTR__END);
		page_csrf_field(r, h);
		html_open(h, TAG_BUTTON, ATTR_TYPE, "submit", ATTR_CLASS, "link", ATTR__END);
		html_text(h, "Sign out");
		html_close(h, TAG_BUTTON);
		html_close(h, TAG_FORM);
	} else {
		html_open(h, TAG_A, ATTR_HREF, "/accounts/login/", ATTR_ID, "nav-login", ATTR__END);
		html_text(h, "Sign in");
		html_close(h, TAG_A);
	}
	html_close(h, TAG_DIV);
	html_close(h, TAG_HEADER);
	html_open(h, TAG_MAIN, ATTR_ID, "main", ATTR__END);
}

int
page_end(struct request *r, struct html *h)
{
	html_close(h, TAG_MAIN);
	html_open(h, TAG_FOOTER, ATTR__END);
	html_text(h, "idtracker: Internet-Drafts, working groups and liaison statements. ");
	html_link(h, "/api/v1/", "JSON API");
	html_close(h, TAG_FOOTER);
	html_close(h, TAG_BODY);
	html_close(h, TAG_HTML);
	html_literal(h, "\n");
	if (html_finish(h, &r->err) == -1)
		return -1;
	r->resp.body = h->b;
	r->resp.content_type = "text/html; charset=utf-8";
	return 0;
}

void
page_error(struct request *r, struct response *resp)
{
	struct html h;
	struct err keep = r->err;

	(void)resp;
	page_begin(r, &h, http_status_text(keep.status), NULL);
	html_elem(&h, TAG_H1, http_status_text(keep.status));
	page_notice(&h, "error", keep.msg);
	if (r->incident[0] != '\0') {
		html_open(&h, TAG_P, ATTR__END);
		html_text(&h, "If this keeps happening, tell the Secretariat the incident id ");
		html_elem(&h, TAG_CODE, r->incident);
		html_text(&h, "; it is in the server's log with the details.");
		html_close(&h, TAG_P);
	}
	if (keep.status == 404) {
		html_open(&h, TAG_P, ATTR__END);
		html_link(&h, "/", "Go to the front page");
		html_close(&h, TAG_P);
	}
	if (page_end(r, &h) == -1) {
		buf_reset(&r->resp.body);
		buf_puts(&r->resp.body, keep.msg);
		r->resp.content_type = "text/plain; charset=utf-8";
	}
	r->err = keep;
	r->resp.status = keep.status;
}

const char *
page_group_href(struct request *r, const char *acronym)
{
	struct buf u;

	buf_init(&u, &r->arena, 0);
	buf_puts(&u, "/group/");
	url_encode(&u, acronym);
	buf_putc(&u, '/');
	return buf_cstr(&u);
}

void
page_table_begin(struct html *h, const char *id, const char *const *headings)
{
	html_open(h, TAG_TABLE, ATTR_ID, id, ATTR__END);
	html_open(h, TAG_THEAD, ATTR__END);
	html_open(h, TAG_TR, ATTR__END);
	for (; *headings != NULL; headings++) {
		html_open(h, TAG_TH, ATTR_SCOPE, "col", ATTR__END);
		html_text(h, *headings);
		html_close(h, TAG_TH);
	}
	html_close(h, TAG_TR);
	html_close(h, TAG_THEAD);
	html_open(h, TAG_TBODY, ATTR__END);
}

void
page_table_end(struct html *h)
{
	html_close(h, TAG_TBODY);
	html_close(h, TAG_TABLE);
}

void
page_cell(struct html *h, const char *label, const char *text)
{
	html_open(h, TAG_TD, ATTR_DATA_LABEL, label, ATTR__END);
	html_text(h, text);
	html_close(h, TAG_TD);
}

const char *
page_time(struct request *r, const char *iso)
{
	if (iso == NULL || strlen(iso) != 20 || iso[10] != 'T' || iso[19] != 'Z')
		return iso;
	{
		char *p = arena_alloc_raw(&r->arena, 21);	/* "YYYY-MM-DD HH:MM UTC" */
		if (p == NULL)
			return iso;
		memcpy(p, iso, 10);
		p[10] = ' ';
		memcpy(p + 11, iso + 11, 5);
		memcpy(p + 16, " UTC", 5);
		return p;
	}
}

void
page_field(struct html *h, const char *id, const char *label, const char *type, const char *value, int required)
{
	html_open(h, TAG_P, ATTR_CLASS, "field", ATTR__END);
	html_open(h, TAG_LABEL, ATTR_FOR, id, ATTR__END);
	html_text(h, label);
	html_close(h, TAG_LABEL);
	html_void(h, TAG_INPUT, ATTR_TYPE, type, ATTR_ID, id, ATTR_NAME, id, ATTR_VALUE, value,
	    ATTR_REQUIRED, required ? "" : NULL, ATTR__END);
	html_close(h, TAG_P);
}

void
page_textarea(struct html *h, const char *id, const char *label, const char *value, const char *rows)
{
	html_open(h, TAG_P, ATTR_CLASS, "field", ATTR__END);
	html_open(h, TAG_LABEL, ATTR_FOR, id, ATTR__END);
	html_text(h, label);
	html_close(h, TAG_LABEL);
	html_open(h, TAG_TEXTAREA, ATTR_ID, id, ATTR_NAME, id, ATTR_ROWS, rows, ATTR__END);
	html_text(h, value ? value : "");
	html_close(h, TAG_TEXTAREA);
	html_close(h, TAG_P);
}
