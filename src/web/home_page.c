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

int
page_favicon(struct request *r, struct response *resp)
{
	(void)resp;
	return resp_redirect(r, 301, "/static/favicon.svg");
}
