/* wg_pages.c: the WG document office's pages (A1-A13): the WG section of /doc/<name>/ with the
 * chairs' forms, the call for adoption /doc/<name>/adopt/call/, each author's IPR confirmation, the
 * WG page's document lists and the chair dashboard /group/<acr>/chairs/. src/wg/wgdoc.c decides. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/timeutil.h"
#include "../db/db.h"
#include "../http/request.h"
#include "../doc/document.h"
#include "../draft/draft.h"
#include "../wg/wgdoc.h"
#include "layout.h"
#include "pages.h"

void
wgd_ctx_of(struct request *r, struct wgd_ctx *c)
{
	memset(c, 0, sizeof(*c));
	c->db = r->db;
	c->a = &r->arena;
	c->cfg = r->cfg;
	c->mail = req_mail(r);
	c->user = &r->user;
	c->now = time_now();
}

static void
button(struct html *h, const char *value, const char *label, const char *cls)
{
	html_open(h, TAG_BUTTON, ATTR_TYPE, "submit", ATTR_NAME, "action", ATTR_VALUE, value, ATTR_CLASS, cls, ATTR__END);
	html_text(h, label);
	html_close(h, TAG_BUTTON);
}

static const char *
state_name(const char *slug)
{
	const struct wg_state_row *s = wg_state_get(slug);

	return s ? s->name : "None";
}

/* The WG section of the document page (called by page_doc). */
void
wg_doc_section(struct request *r, struct html *h, const char *name)
{
	struct wgd_ctx c;
	struct wgdoc d;
	struct err e = { 0 };
	size_t i;
	int may;

	wgd_ctx_of(r, &c);
	if (wgd_load(&c, name, &d, &e) == -1)
		return;
	may = d.group && wgd_may(&c, d.group);
	html_elem(h, TAG_H2, "Working group");
	html_open(h, TAG_DL, ATTR_CLASS, "meta", ATTR_ID, "wg-meta", ATTR__END);
	html_elem(h, TAG_DT, "Group");
	html_open(h, TAG_DD, ATTR__END);
	if (d.group)
		html_link(h, page_group_href(r, d.group), d.group);
	else
		html_text(h, "none");
	html_close(h, TAG_DD);
	html_elem(h, TAG_DT, "IETF WG state");
	html_open(h, TAG_DD, ATTR_ID, "wg-state", ATTR__END);
	html_text(h, state_name(d.state));
	if (d.call.id && strcmp(d.call.state, "open") == 0)
		html_textf(h, " (call for %s open until %s)", d.call.kind, d.call.ends);
	html_close(h, TAG_DD);
	if (d.wg_care) {
		html_elem(h, TAG_DT, "WG care");
		html_elem(h, TAG_DD, "An individual draft under the care of the working group");
	}
	html_elem(h, TAG_DT, "Tags");
	html_open(h, TAG_DD, ATTR_ID, "wg-tags", ATTR__END);
	for (i = 0; i < d.ntags; i++)
		html_textf(h, "%s%s", i ? ", " : "", d.tags[i]);
	if (d.ntags == 0)
		html_text(h, "none");
	html_close(h, TAG_DD);
	html_elem(h, TAG_DT, "Editors");
	html_open(h, TAG_DD, ATTR_ID, "wg-editors", ATTR__END);
	{
		int any = 0;
		for (i = 0; i < d.neditors; i++)
			if (d.editors[i].until[0] == '\0')
				html_textf(h, "%s%s <%s>", any++ ? ", " : "", d.editors[i].name, d.editors[i].email);
		if (!any)
			html_text(h, "not chosen");
	}
	html_close(h, TAG_DD);
	html_close(h, TAG_DL);
	if (d.call.id && strcmp(d.call.kind, "adoption") == 0) {
		html_elem(h, TAG_H3, "Adoption checklist");
		html_open(h, TAG_UL, ATTR_ID, "checklist", ATTR__END);
		for (i = 0; i < 6; i++) {
			html_open(h, TAG_LI, ATTR_CLASS, d.checklist[i].done[0] ? "done" : "open", ATTR__END);
			html_textf(h, "%s %s", d.checklist[i].done[0] ? "[x]" : "[ ]", d.checklist[i].label);
			if (d.checklist[i].done[0])
				html_textf(h, " (%s, %s%s%s)", d.checklist[i].by, page_time(r, d.checklist[i].done),
				    d.checklist[i].note[0] ? ": " : "", d.checklist[i].note);
			if (strcmp(d.checklist[i].step, "ipr") == 0 && d.nipr) {
				size_t k;
				html_open(h, TAG_UL, ATTR_ID, "ipr", ATTR__END);
				for (k = 0; k < d.nipr; k++) {
					html_open(h, TAG_LI, ATTR__END);
					html_textf(h, "%s <%s>: %s", d.ipr[k].name, d.ipr[k].email, d.ipr[k].confirmed[0] ?
					    arena_printf(&r->arena, "confirmed %s", page_time(r, d.ipr[k].confirmed)) : "not yet confirmed");
					html_close(h, TAG_LI);
				}
				html_close(h, TAG_UL);
			}
			html_close(h, TAG_LI);
		}
		html_close(h, TAG_UL);
	}
	{
		const char **comp;
		size_t nc;
		if (wgd_competitors(&c, name, &comp, &nc, &e) == 0 && nc > 0) {
			html_elem(h, TAG_H3, "Competing drafts");
			html_open(h, TAG_UL, ATTR_ID, "competing", ATTR__END);
			for (i = 0; i < nc; i++) {
				html_open(h, TAG_LI, ATTR__END);
				html_link(h, arena_printf(&r->arena, "/doc/compare/?a=%s&b=%s", name, comp[i]),
				    arena_printf(&r->arena, "Compare with %s", comp[i]));
				html_close(h, TAG_LI);
			}
			html_close(h, TAG_UL);
		}
	}
	if (!may)
		return;
	/* The chairs' actions; the server checks each again. */
	html_elem(h, TAG_H3, "Chairs' actions");
	html_open(h, TAG_P, ATTR__END);
	html_link(h, arena_printf(&r->arena, "/doc/%s/adopt/call/", name), "Issue a call for adoption or withdrawal");
	html_close(h, TAG_P);
	html_open(h, TAG_FORM, ATTR_METHOD, "post", ATTR_ACTION, arena_printf(&r->arena, "/doc/%s/wg/", name), ATTR_ID, "wg-form",
	    ATTR__END);
	page_csrf_field(r, h);
	html_open(h, TAG_P, ATTR_CLASS, "field", ATTR__END);
	html_open(h, TAG_LABEL, ATTR_FOR, "state", ATTR__END);
	html_text(h, "New state");
	html_close(h, TAG_LABEL);
	html_open(h, TAG_SELECT, ATTR_ID, "state", ATTR_NAME, "state", ATTR__END);
	html_open(h, TAG_OPTION, ATTR_VALUE, "", ATTR__END);
	html_text(h, "(unchanged)");
	html_close(h, TAG_OPTION);
	for (i = 0; i < nwg_states; i++) {
		const char *next = wgd_next_states(&c, d.group, d.state);
		int suggested = 0;
		{
			char *copy = arena_strdup(&r->arena, next), *tok, *save = NULL;
			for (tok = strtok_r(copy, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
				suggested |= strcmp(tok, wg_states[i].slug) == 0;
		}
		html_open(h, TAG_OPTION, ATTR_VALUE, wg_states[i].slug, ATTR__END);
		html_textf(h, "%s%s", wg_states[i].name, suggested ? " (suggested)" : "");
		html_close(h, TAG_OPTION);
	}
	html_close(h, TAG_SELECT);
	html_close(h, TAG_P);
	page_field(h, "value", "Tag to set or clear, outcome (adopt, info, no-adopt, dead, keep), editor address, or checklist step",
	    "text", NULL, 0);
	page_field(h, "comment", "Comment, reason or the chairs' summary", "text", NULL, 0);
	button(h, "state", "Change state", "primary");
	button(h, "tag_set", "Set tag", NULL);
	button(h, "tag_clear", "Clear tag", NULL);
	if (d.call.id && strcmp(d.call.state, "open") == 0)
		button(h, "close", "Close the call with this outcome", NULL);
	button(h, "adopt", "Adopt without a call", NULL);
	button(h, "editor_add", "Add editor", NULL);
	button(h, "editor_remove", "Remove editor", "danger");
	button(h, "check", "Tick checklist step", NULL);
	html_close(h, TAG_FORM);
	html_open(h, TAG_FORM, ATTR_METHOD, "post", ATTR_ACTION, arena_printf(&r->arena, "/doc/%s/wg/", name), ATTR_ID,
	    "wg-relations-form", ATTR__END);
	page_csrf_field(r, h);
	page_field(h, "other", "Another draft's name (replaces, or competing on the same topic), or a WG to associate with",
	    "text", NULL, 0);
	button(h, "replaces_add", "Replaces it", NULL);
	button(h, "replaces_remove", "No longer replaces it", NULL);
	button(h, "replaces_accept", "Accept suggested replacement", NULL);
	button(h, "replaces_reject", "Reject suggested replacement", NULL);
	button(h, "compete", "Link as competing", NULL);
	button(h, "associate", "Associate with this WG", NULL);
	button(h, d.wg_care ? "uncare" : "care", d.wg_care ? "End WG care" : "Put under WG care", NULL);
	html_close(h, TAG_FORM);
}

/* One action from the WG form or the API. */
int
wg_form_action(struct request *r, struct wgd_ctx *c, const char *name, const char *act)
{
	const char *value = form_value(&r->form, "value"), *comment = form_value(&r->form, "comment");
	const char *other = form_value(&r->form, "other") ? form_value(&r->form, "other") : value;
	const char *one[1] = { value };

	if (act == NULL)
		return err_set(&r->err, 400, "action", "Say what to do.");
	if (strcmp(act, "state") == 0)
		return wgd_set_state(c, name, form_value(&r->form, "group"), form_value(&r->form, "state"), NULL, 0, NULL, 0, comment,
		    &r->err);
	if (strcmp(act, "tag_set") == 0 || strcmp(act, "tag_clear") == 0)
		return wgd_set_state(c, name, form_value(&r->form, "group"), NULL, strcmp(act, "tag_set") == 0 ? one : NULL,
		    strcmp(act, "tag_set") == 0, strcmp(act, "tag_clear") == 0 ? one : NULL, strcmp(act, "tag_clear") == 0, comment,
		    &r->err);
	if (strcmp(act, "close") == 0)
		return wgd_close(c, name, value, comment, &r->err);
	if (strcmp(act, "adopt") == 0)
		return wgd_adopt(c, name, form_value(&r->form, "group"), comment, &r->err);
	if (strcmp(act, "editor_add") == 0)
		return wgd_editor(c, name, value, NULL, &r->err);
	if (strcmp(act, "editor_remove") == 0)
		return wgd_editor(c, name, NULL, value, &r->err);
	if (strcmp(act, "check") == 0)
		return wgd_check(c, name, value, comment, &r->err);
	if (strncmp(act, "replaces_", 9) == 0)
		return wgd_replaces(c, name, act + 9, other, &r->err);
	if (strcmp(act, "compete") == 0)
		return wgd_compete(c, name, other, &r->err);
	if (strcmp(act, "associate") == 0)
		return wgd_associate(c, name, other, &r->err);
	if (strcmp(act, "care") == 0 || strcmp(act, "uncare") == 0)
		return wgd_care(c, name, strcmp(act, "care") == 0, &r->err);
	return err_set(&r->err, 400, "action", "Say what to do: state, tag_set, tag_clear, close, adopt, editor_add, "
	    "editor_remove or check.");
}

int
page_doc_wg(struct request *r, struct response *resp)
{
	struct wgd_ctx c;
	const char *name = req_param(r, 0);

	(void)resp;
	wgd_ctx_of(r, &c);
	if (wg_form_action(r, &c, name, form_value(&r->form, "action")) == -1)
		return -1;
	return resp_redirect(r, 303, arena_printf(&r->arena, "/doc/%s/", name));
}

/* ---- the call (A2, A4, A10) ---- */

static int
call_page(struct request *r, const char *name, const char *error)
{
	struct wgd_ctx c;
	struct wgdoc d;
	struct html h;
	const char *kind = form_value(&r->form, "kind"), *days = form_value(&r->form, "days"), *text;

	wgd_ctx_of(r, &c);
	if (wgd_load(&c, name, &d, &r->err) == -1)
		return -1;
	if (kind == NULL)
		kind = req_query(r, "kind") ? req_query(r, "kind") : strcmp(d.state, "wg-doc") == 0 ? "withdrawal" : "adoption";
	text = form_value(&r->form, "text");
	if (text == NULL)
		text = wgd_call_template(&c, name, kind, d.group ? d.group : "(the WG)", WG_CALL_MIN_DAYS, &r->err);
	page_begin(r, &h, arena_printf(&r->arena, "Call for %s: %s", kind, name), "doc");
	html_open(&h, TAG_H1, ATTR__END);
	html_textf(&h, "Call for %s: %s", kind, name);
	html_close(&h, TAG_H1);
	if (error)
		page_notice(&h, "error", error);
	html_elem(&h, TAG_P, "The call goes to the WG list, the authors and the chairs. It lasts at least 14 days (RFC 7221bis "
	    "section 2.3). For adoption, each author is also asked to confirm their IPR obligations, and the adoption "
	    "checklist starts on the document's page.");
	html_open(&h, TAG_FORM, ATTR_METHOD, "post", ATTR_ACTION, r->path, ATTR_ID, "call-form", ATTR__END);
	page_csrf_field(r, &h);
	html_void(&h, TAG_INPUT, ATTR_TYPE, "hidden", ATTR_NAME, "kind", ATTR_VALUE, kind, ATTR__END);
	page_field(&h, "group", "Working group", "text", form_value(&r->form, "group") ? form_value(&r->form, "group") : d.group, 1);
	page_field(&h, "days", "Days to respond (at least 14)", "number", days ? days : "14", 1);
	page_textarea(&h, "text", "The mail (edit freely)", text, "24");
	html_open(&h, TAG_P, ATTR__END);
	button(&h, "send", "Send the call", "primary");
	html_close(&h, TAG_P);
	html_close(&h, TAG_FORM);
	html_elem(&h, TAG_H2, "The draft");
	html_open(&h, TAG_P, ATTR__END);
	html_link(&h, arena_printf(&r->arena, "/archive/id/%s-%s.txt", d.name, d.rev), "Read the whole draft");
	html_close(&h, TAG_P);
	return page_end(r, &h);
}

int
page_doc_call_form(struct request *r, struct response *resp)
{
	struct wgd_ctx c;
	struct wgdoc d;

	(void)resp;
	wgd_ctx_of(r, &c);
	if (wgd_load(&c, req_param(r, 0), &d, &r->err) == -1)
		return -1;
	if (d.group == NULL || !wgd_may(&c, d.group))
		return err_set(&r->err, 403, "perm", "Only the working group's chairs, secretaries and delegates, its Area "
		    "Directors and the Secretariat issue calls.");
	return call_page(r, req_param(r, 0), NULL);
}

int
page_doc_call(struct request *r, struct response *resp)
{
	struct wgd_ctx c;
	int64_t id;
	const char *name = req_param(r, 0), *days = form_value(&r->form, "days");

	wgd_ctx_of(r, &c);
	if (wgd_call(&c, name, form_value(&r->form, "kind"), form_value(&r->form, "group"), days ? atoi(days) : 0,
	    form_value(&r->form, "text"), &id, &r->err) == -1) {
		struct err keep = r->err;
		if (keep.status >= 500 || keep.status == 403 || keep.status == 404)
			return -1;
		resp->status = keep.status;
		return call_page(r, name, keep.msg);
	}
	return resp_redirect(r, 303, arena_printf(&r->arena, "/doc/%s/", name));
}

int
page_doc_ipr_form(struct request *r, struct response *resp)
{
	struct html h;

	(void)resp;
	page_begin(r, &h, "Confirm your IPR obligations", "doc");
	html_elem(&h, TAG_H1, "Confirm your IPR obligations");
	html_open(&h, TAG_P, ATTR__END);
	html_textf(&h, "For the call for adoption of %s: by pressing Confirm you state that every IPR you know of that relates "
	    "to it has been disclosed (BCP 79). Opening this page changed nothing.", req_param(r, 0));
	html_close(&h, TAG_P);
	html_open(&h, TAG_FORM, ATTR_METHOD, "post", ATTR_ACTION, r->path, ATTR_ID, "ipr-form", ATTR__END);
	page_csrf_field(r, &h);
	button(&h, "confirm", "Confirm", "primary");
	html_close(&h, TAG_FORM);
	return page_end(r, &h);
}

int
page_doc_ipr(struct request *r, struct response *resp)
{
	struct wgd_ctx c;
	const char *who = "";

	(void)resp;
	wgd_ctx_of(r, &c);
	if (wgd_ipr_confirm(&c, strtoll(req_param(r, 1), NULL, 10), req_param(r, 2), &who, &r->err) == -1)
		return -1;
	return resp_redirect(r, 303, arena_printf(&r->arena, "/doc/%s/", req_param(r, 0)));
}

/* ---- the WG page's documents (A1, A9, A10, A13) ---- */

static void
listing(struct request *r, struct html *h, const char *id, const struct wg_listing *v, size_t n)
{
	static const char *const heads[] = { "Draft", "Title", "State", "Updated", NULL };
	size_t i;

	if (n == 0) {
		html_elem(h, TAG_P, "None.");
		return;
	}
	page_table_begin(h, id, heads);
	for (i = 0; i < n; i++) {
		html_open(h, TAG_TR, ATTR__END);
		html_open(h, TAG_TD, ATTR_DATA_LABEL, "Draft", ATTR__END);
		html_link(h, arena_strcat(&r->arena, "/doc/", v[i].name, "/", NULL),
		    arena_strcat(&r->arena, v[i].name, "-", v[i].rev, NULL));
		html_close(h, TAG_TD);
		page_cell(h, "Title", v[i].title);
		html_open(h, TAG_TD, ATTR_DATA_LABEL, "State", ATTR__END);
		html_text(h, state_name(v[i].state));
		if (v[i].call_ends[0]) {
			html_text(h, " (call ends ");
			html_text(h, v[i].call_ends);
			html_text(h, ")");
		}
		if (v[i].wg_care)
			html_text(h, " [WG care]");
		if (v[i].stalled)
			html_text(h, " [stalled]");
		html_close(h, TAG_TD);
		page_cell(h, "Updated", page_time(r, v[i].updated));
		html_close(h, TAG_TR);
	}
	page_table_end(h);
}

void
wg_group_section(struct request *r, struct html *h, const char *acronym)
{
	struct wgd_ctx c;
	struct wg_listing *v, *rel;
	size_t n, nrel;
	struct err e = { 0 };

	wgd_ctx_of(r, &c);
	if (wgd_group_docs(&c, acronym, &v, &n, &rel, &nrel, &e) == -1)
		return;
	html_elem(h, TAG_H2, "Documents");
	listing(r, h, "wg-docs", v, n);
	html_elem(h, TAG_H2, "Related Internet-Drafts and candidates for adoption");
	listing(r, h, "wg-related", rel, nrel);
	html_elem(h, TAG_H2, "Recent changes");
	{
		static const char *const heads[] = { "Date", "Document", "What", NULL };
		struct db_stmt *st;
		int rc;
		if ((st = db_query(r->db, &e, "SELECT e.at, e.object_id, e.detail FROM event e WHERE e.object_type = 'document' AND "
		    "e.object_id IN (SELECT name FROM document WHERE group_acronym = ? OR wg = ?) ORDER BY e.id DESC LIMIT 10", "ss",
		    acronym, acronym)) != NULL) {
			page_table_begin(h, "wg-changes", heads);
			while ((rc = db_step(st, &e)) == 1) {
				html_open(h, TAG_TR, ATTR__END);
				page_cell(h, "Date", page_time(r, db_col_text(st, 0)));
				page_cell(h, "Document", db_col_text(st, 1));
				page_cell(h, "What", db_col_text(st, 2));
				html_close(h, TAG_TR);
			}
			if (rc != -1)
				db_done(st);
			page_table_end(h);
		}
	}
	html_open(h, TAG_P, ATTR__END);
	html_link(h, arena_printf(&r->arena, "/group/%s/feed/", acronym), "These changes as an Atom feed");
	html_close(h, TAG_P);
	if (wgd_may(&c, acronym)) {
		html_open(h, TAG_P, ATTR__END);
		html_link(h, arena_printf(&r->arena, "/group/%s/chairs/", acronym), "The chairs' dashboard");
		html_close(h, TAG_P);
	}
}

int
page_group_chairs(struct request *r, struct response *resp)
{
	struct wgd_ctx c;
	struct wg_listing *v, *rel;
	size_t n, nrel, i;
	struct html h;
	const char *acr = req_param(r, 0);

	(void)resp;
	wgd_ctx_of(r, &c);
	if (!wgd_may(&c, acr))
		return err_set(&r->err, 403, "perm", "The dashboard is for the chairs, secretaries and delegates of %s, its Area "
		    "Directors and the Secretariat.", acr);
	if (wgd_group_docs(&c, acr, &v, &n, &rel, &nrel, &r->err) == -1)
		return -1;
	page_begin(r, &h, arena_printf(&r->arena, "%s chairs", acr), "group");
	html_open(&h, TAG_H1, ATTR__END);
	html_textf(&h, "What needs the %s chairs now", acr);
	html_close(&h, TAG_H1);
	html_elem(&h, TAG_H2, "Open calls");
	html_open(&h, TAG_UL, ATTR_ID, "open-calls", ATTR__END);
	for (i = 0; i < n + nrel; i++) {
		const struct wg_listing *x = i < n ? &v[i] : &rel[i - n];
		if (x->call_ends[0] == '\0')
			continue;
		html_open(&h, TAG_LI, ATTR__END);
		html_link(&h, arena_printf(&r->arena, "/doc/%s/", x->name), x->name);
		html_textf(&h, ": ends %s", x->call_ends);
		html_close(&h, TAG_LI);
	}
	html_close(&h, TAG_UL);
	html_elem(&h, TAG_H2, "Stalled WG documents");
	html_open(&h, TAG_UL, ATTR_ID, "stalled", ATTR__END);
	for (i = 0; i < n; i++)
		if (v[i].stalled) {
			html_open(&h, TAG_LI, ATTR__END);
			html_link(&h, arena_printf(&r->arena, "/doc/%s/adopt/call/?kind=withdrawal", v[i].name), v[i].name);
			html_textf(&h, ": no revision since %s", page_time(r, v[i].updated));
			html_close(&h, TAG_LI);
		}
	html_close(&h, TAG_UL);
	html_elem(&h, TAG_H2, "Adoption checklists with open steps");
	html_open(&h, TAG_UL, ATTR_ID, "open-steps", ATTR__END);
	for (i = 0; i < n + nrel; i++) {
		const struct wg_listing *x = i < n ? &v[i] : &rel[i - n];
		struct wgdoc d;
		struct err e2 = { 0 };
		size_t k, open = 0;
		if (strcmp(x->state, "c-adopt") != 0 && strcmp(x->state, "adopt-wg") != 0)
			continue;
		if (wgd_load(&c, x->name, &d, &e2) == -1)
			continue;
		for (k = 0; k < 6; k++)
			open += d.checklist[k].done[0] == '\0';
		if (open == 0)
			continue;
		html_open(&h, TAG_LI, ATTR__END);
		html_link(&h, arena_printf(&r->arena, "/doc/%s/", x->name), x->name);
		html_textf(&h, ": %zu step%s open", open, open == 1 ? "" : "s");
		html_close(&h, TAG_LI);
	}
	html_close(&h, TAG_UL);
	html_elem(&h, TAG_H2, "Suggested replacements to review");
	html_open(&h, TAG_UL, ATTR_ID, "suggested", ATTR__END);
	{
		struct db_stmt *st;
		int rc;
		if ((st = db_query(r->db, &r->err, "SELECT s.name, t.name FROM doc_relation x JOIN document s ON s.id = x.source_id JOIN "
		    "document t ON t.id = x.target_id WHERE x.kind = 'possibly-replaces' AND (s.group_acronym = ? OR s.wg = ? OR "
		    "t.group_acronym = ? OR t.wg = ? OR s.name LIKE ?) ORDER BY s.name", "sssss", acr, acr, acr, acr,
		    arena_printf(&r->arena, "draft-%%-%s-%%", acr))) == NULL)
			return -1;
		while ((rc = db_step(st, &r->err)) == 1) {
			html_open(&h, TAG_LI, ATTR__END);
			html_link(&h, arena_printf(&r->arena, "/doc/%s/", db_col_text(st, 0)), db_col_text(st, 0));
			html_textf(&h, " may replace %s", db_col_text(st, 1));
			html_close(&h, TAG_LI);
		}
		if (rc == -1)
			return -1;
		db_done(st);
	}
	html_close(&h, TAG_UL);
	html_open(&h, TAG_P, ATTR__END);
	html_link(&h, "/submit/approvals/", "-00 drafts waiting for approval");
	html_close(&h, TAG_P);
	return page_end(r, &h);
}

/* A11: two drafts side by side: metadata, abstracts, section titles, and the text diff. */
int
page_doc_compare(struct request *r, struct response *resp)
{
	const char *an = req_query(r, "a"), *bn = req_query(r, "b"), *at, *bt;
	struct document da, db;
	struct draft xa, xb;
	size_t al, bl, i, k;
	struct html h;

	(void)resp;
	if (an == NULL || bn == NULL)
		return err_set(&r->err, 400, "compare", "Name the two drafts: /doc/compare/?a=draft-x&b=draft-y");
	if (doc_get(r->db, &r->arena, &r->err, an, &da) == -1 || doc_get(r->db, &r->arena, &r->err, bn, &db) == -1)
		return -1;
	at = doc_archive_text(r, da.name, da.rev, &al);
	bt = doc_archive_text(r, db.name, db.rev, &bl);
	memset(&xa, 0, sizeof(xa));
	memset(&xb, 0, sizeof(xb));
	if (at)
		draft_parse_text(&r->arena, at, al, &xa);
	if (bt)
		draft_parse_text(&r->arena, bt, bl, &xb);
	page_begin(r, &h, arena_printf(&r->arena, "%s and %s", an, bn), "doc");
	html_elem(&h, TAG_H1, "Competing drafts side by side");
	html_open(&h, TAG_TABLE, ATTR_ID, "compare", ATTR_CLASS, "diff", ATTR__END);
	html_open(&h, TAG_THEAD, ATTR__END);
	html_open(&h, TAG_TR, ATTR__END);
	html_elem(&h, TAG_TH, "");
	html_elem(&h, TAG_TH, arena_printf(&r->arena, "%s-%s", da.name, da.rev));
	html_elem(&h, TAG_TH, arena_printf(&r->arena, "%s-%s", db.name, db.rev));
	html_close(&h, TAG_TR);
	html_close(&h, TAG_THEAD);
	html_open(&h, TAG_TBODY, ATTR__END);
#define ROW(label, x, y) do { html_open(&h, TAG_TR, ATTR__END); html_elem(&h, TAG_TH, label); page_cell(&h, label, x); \
	page_cell(&h, label, y); html_close(&h, TAG_TR); } while (0)
	ROW("Title", da.title, db.title);
	ROW("Group", da.group[0] ? da.group : "individual", db.group[0] ? db.group : "individual");
	ROW("Pages", arena_printf(&r->arena, "%d", da.pages), arena_printf(&r->arena, "%d", db.pages));
	ROW("Posted", page_time(r, da.updated), page_time(r, db.updated));
	ROW("Abstract", da.abstract, db.abstract);
	{
		struct buf sa, sb;
		buf_init(&sa, &r->arena, 0);
		buf_init(&sb, &r->arena, 0);
		for (i = 0; i < xa.nsections; i++)
			buf_printf(&sa, "%s %s\n", xa.sections[i].number, xa.sections[i].title);
		for (k = 0; k < xb.nsections; k++)
			buf_printf(&sb, "%s %s\n", xb.sections[k].number, xb.sections[k].title);
		ROW("Sections", buf_cstr(&sa), buf_cstr(&sb));
	}
#undef ROW
	html_close(&h, TAG_TBODY);
	html_close(&h, TAG_TABLE);
	if (at && bt) {
		html_elem(&h, TAG_H2, "Text");
		doc_diff_html(r, &h, at, al, bt, bl, an, bn);
	}
	return page_end(r, &h);
}

/* A13: the WG's document events as Atom. */
int
page_group_feed(struct request *r, struct response *resp)
{
	struct db_stmt *st;
	struct buf *b = &resp->body;
	const char *acr = req_param(r, 0), *base = req_base_url(r);
	char now[ISO_TIME_LEN];
	int rc, n = 0;

	time_iso(now, time_now());
	if ((st = db_query(r->db, &r->err, "SELECT e.id, e.at, e.object_id, e.detail FROM event e WHERE e.object_type = 'document' "
	    "AND e.object_id IN (SELECT name FROM document WHERE group_acronym = ? OR wg = ?) ORDER BY e.id DESC LIMIT 50", "ss",
	    acr, acr)) == NULL)
		return -1;
	resp->content_type = "application/atom+xml; charset=utf-8";
	buf_printf(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
	    "<title>Documents of the %s working group</title>\n<id>%s/group/%s/feed/</id>\n<updated>%s</updated>\n", acr, base,
	    acr, now);
	while ((rc = db_step(st, &r->err)) == 1) {
		const char *s;
		buf_printf(b, "<entry>\n<id>%s/doc/%s/#event-%lld</id>\n<link href=\"%s/doc/%s/\"/>\n<updated>%s</updated>\n"
		    "<title>", base, db_col_text(st, 2), (long long)db_col_int(st, 0), base, db_col_text(st, 2), db_col_text(st, 1));
		for (s = db_col_text(st, 2); *s; s++)
			buf_putc(b, *s);
		buf_puts(b, ": ");
		for (s = db_col_text(st, 3); *s; s++) {
			if (*s == '<')
				buf_puts(b, "&lt;");
			else if (*s == '>')
				buf_puts(b, "&gt;");
			else if (*s == '&')
				buf_puts(b, "&amp;");
			else if ((unsigned char)*s >= 0x20 || *s == '\t')
				buf_putc(b, *s);
		}
		buf_puts(b, "</title>\n</entry>\n");
		n++;
	}
	if (rc == -1)
		return -1;
	db_done(st);
	buf_puts(b, "</feed>\n");
	(void)n;
	return 0;
}
