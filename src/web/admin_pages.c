/* admin_pages.c: the Secretariat's pages: /admin/outbox/ (every queued message with its state,
 * attempts and last error, and a Resend button). The route rows require PERM_SECRETARIAT. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../http/request.h"
#include "../mail/outbox.h"
#include "layout.h"
#include "pages.h"

#define OUTBOX_PAGE_ROWS	200

static const char *const states[] = { "pending", "sending", "sent", "failed", NULL };

int
page_outbox(struct request *r, struct response *resp)
{
	struct outbox_row *v;
	struct html h;
	const char *state = req_query(r, "state");
	static const char *const headings[] = { "#", "Queued", "To", "Subject", "State", "Attempts", "Last error", "", NULL };
	char action[64];
	size_t i, n;
	int k;

	(void)resp;
	if (state != NULL && *state == '\0')
		state = NULL;
	for (k = 0; state != NULL && states[k] != NULL && strcmp(states[k], state) != 0; k++)
		;
	if (state != NULL && states[k] == NULL)
		return err_set(&r->err, 400, "state", "Show pending, sending, sent or failed messages.");
	if (outbox_list(r->db, &r->arena, &r->err, state, OUTBOX_PAGE_ROWS, &v, &n) == -1)
		return -1;
	page_begin(r, &h, "Outbox", NULL);
	html_elem(&h, TAG_H1, "Outbox");
	html_open(&h, TAG_P, ATTR__END);
	html_text(&h, "Show: ");
	html_link(&h, "/admin/outbox/", "all");
	for (k = 0; states[k] != NULL; k++) {
		html_text(&h, " | ");
		html_link(&h, arena_printf(&r->arena, "/admin/outbox/?state=%s", states[k]), states[k]);
	}
	html_close(&h, TAG_P);
	html_open(&h, TAG_P, ATTR__END);
	html_textf(&h, "%zu message%s, newest first%s.", n, n == 1 ? "" : "s", n == OUTBOX_PAGE_ROWS ? " (the latest 200)" : "");
	html_close(&h, TAG_P);
	page_table_begin(&h, "outbox", headings);
	for (i = 0; i < n; i++) {
		html_open(&h, TAG_TR, ATTR_CLASS, v[i].state, ATTR__END);
		html_open(&h, TAG_TD, ATTR_DATA_LABEL, "#", ATTR__END);
		html_textf(&h, "%lld", (long long)v[i].id);
		html_close(&h, TAG_TD);
		page_cell(&h, "Queued", v[i].created);
		page_cell(&h, "To", v[i].recipients);
		html_open(&h, TAG_TD, ATTR_DATA_LABEL, "Subject", ATTR__END);
		html_text(&h, v[i].subject);
		html_open(&h, TAG_SMALL, ATTR__END);
		html_text(&h, " (");
		html_text(&h, v[i].template_name);
		html_text(&h, ")");
		html_close(&h, TAG_SMALL);
		html_close(&h, TAG_TD);
		html_open(&h, TAG_TD, ATTR_DATA_LABEL, "State", ATTR__END);
		html_text(&h, v[i].state);
		if (strcmp(v[i].state, "sent") == 0) {
			html_text(&h, " ");
			html_text(&h, v[i].sent_at);
		} else if (strcmp(v[i].state, "pending") == 0) {
			html_text(&h, ", next try ");
			html_text(&h, v[i].next_attempt);
		}
		html_close(&h, TAG_TD);
		html_open(&h, TAG_TD, ATTR_DATA_LABEL, "Attempts", ATTR__END);
		html_textf(&h, "%d", v[i].attempts);
		html_close(&h, TAG_TD);
		page_cell(&h, "Last error", v[i].last_error);
		html_open(&h, TAG_TD, ATTR__END);
		if (strcmp(v[i].state, "sending") != 0) {
			snprintf(action, sizeof(action), "/admin/outbox/%lld/resend/", (long long)v[i].id);
			html_open(&h, TAG_FORM, ATTR_METHOD, "post", ATTR_ACTION, action, ATTR_CLASS, "inline", ATTR__END);
			page_csrf_field(r, &h);
			html_open(&h, TAG_BUTTON, ATTR_TYPE, "submit", ATTR__END);
			html_text(&h, strcmp(v[i].state, "sent") == 0 ? "Send again" : "Resend now");
			html_close(&h, TAG_BUTTON);
			html_close(&h, TAG_FORM);
		}
		html_close(&h, TAG_TD);
		html_close(&h, TAG_TR);
	}
	page_table_end(&h);
	return page_end(r, &h);
}

int
page_outbox_resend(struct request *r, struct response *resp)
{
	(void)resp;
	if (outbox_resend(r->db, &r->err, r->user.person_id, strtoll(req_param(r, 0), NULL, 10)) == -1)
		return -1;
	return resp_redirect(r, 303, "/admin/outbox/");
}
