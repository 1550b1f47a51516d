/* home_page.c: the front page: what the office does and where each part of it lives. */
#include <string.h>

#include "../http/request.h"
#include "layout.h"
#include "pages.h"

static const struct { const char *href, *title, *text; } offices[] = {
	{ "/submit/", "Submit an Internet-Draft",
	  "Upload plain text or XML, see every check with its source, and post." },
	{ "/doc/", "Documents", "Internet-Drafts with their revisions, working group states and history." },
	{ "/group/", "Groups", "The IETF, its areas and working groups, the IAB, the IRTF and other organizations." },
	{ "/liaison/", "Liaison statements", "Statements to and from other standards organizations." },
};

int
page_home(struct request *r, struct response *resp)
{
	struct html h;
	size_t i;

	(void)resp;
	page_begin(r, &h, "Document and liaison office", NULL);
	html_elem(&h, TAG_H1, "Document and liaison office");
	html_open(&h, TAG_UL, ATTR_CLASS, "cards", ATTR__END);
	for (i = 0; i < sizeof(offices) / sizeof(offices[0]); i++) {
		html_open(&h, TAG_LI, ATTR__END);
		html_open(&h, TAG_H2, ATTR__END);
		html_link(&h, offices[i].href, offices[i].title);
		html_close(&h, TAG_H2);
		html_elem(&h, TAG_P, offices[i].text);
		html_close(&h, TAG_LI);
	}
	html_close(&h, TAG_UL);
	return page_end(r, &h);
}

/* /submit/, /doc/ and /liaison/ before their offices open: the menu links somewhere honest
 * instead of a 404, and says where to look meanwhile. */
int
page_office_pending(struct request *r, struct response *resp)
{
	size_t i;
	struct html h;

	(void)resp;
	for (i = 0; i < sizeof(offices) / sizeof(offices[0]); i++)
		if (strcmp(offices[i].href, r->path) == 0)
			break;
	if (i == sizeof(offices) / sizeof(offices[0]))
		return err_set(&r->err, 404, "not-found", "There is no page at this address.");
	page_begin(r, &h, offices[i].title, offices[i].href[1] == 's' ? "submit" : offices[i].href[1] == 'd' ? "doc" : "liaison");
	html_elem(&h, TAG_H1, offices[i].title);
	html_elem(&h, TAG_P, offices[i].text);
	page_notice(&h, "ok", "This office is not open on this site yet. Groups, people and accounts are.");
	html_open(&h, TAG_P, ATTR__END);
	if (offices[i].href[1] == 's') {
		/* Validation is open: the same checks a submission will get. */
		html_link(&h, "/submit/validate/", "Validate a draft now");
		html_text(&h, " (the checks a submission gets, nothing stored), or ");
	}
	html_link(&h, "/group/", "browse the groups");
	html_text(&h, ".");
	html_close(&h, TAG_P);
	return page_end(r, &h);
}

int
page_favicon(struct request *r, struct response *resp)
{
	(void)resp;
	return resp_redirect(r, 301, "/static/favicon.svg");
}
