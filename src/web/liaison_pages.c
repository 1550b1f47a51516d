/* liaison_pages.c: the liaison office's pages (L1-L17): the list /liaison/ with filters and search,
 * the detail page /liaison/<id>/ with its actions, the entry forms /liaison/add/{incoming,outgoing}/,
 * reply, my statements, the SDO directory, Atom feeds and the iCalendar of deadlines.
 * Pages format; src/liaison/liaison.c decides (and checks every permission). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../auth/perm.h"
#include "../core/config.h"
#include "../core/timeutil.h"
#include "../db/db.h"
#include "../http/request.h"
#include "../liaison/liaison.h"
#include "../mail/outbox.h"
#include "layout.h"
#include "pages.h"

void
li_ctx_of(struct request *r, struct li_ctx *c)
{
	memset(c, 0, sizeof(*c));
	c->db = r->db;
	c->a = &r->arena;
	c->cfg = r->cfg;
	c->mail = req_mail(r);
	c->user = &r->user;
	c->now = time_now();
}

/* Every value of a field, also comma-separated ones (a multiple select sends one field per choice). */
size_t
form_values(struct request *r, const char *name, const char ***out)
{
	size_t i, n = 0, cap = 0;
	const char **v = NULL;

	for (i = 0; i < r->form.n; i++) {
		char *copy, *tok, *save = NULL;
		if (strcmp(r->form.fields[i].name, name) != 0 || r->form.fields[i].filename != NULL)
			continue;
		copy = arena_strdup(&r->arena, r->form.fields[i].value);
		for (tok = strtok_r(copy, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
			if ((v = arena_grow(&r->arena, v, n, &cap, sizeof(*v))) == NULL)
				return 0;
			v[n++] = tok;
		}
	}
	*out = v;
	return n;
}

/* The fields of a statement from a form or the API (names as in the model). */
void
li_new_from_form(struct request *r, const char *direction, struct li_new *in)
{
	const char **rel;
	size_t i, n;

	memset(in, 0, sizeof(*in));
	in->direction = direction;
	in->nfrom = form_values(r, "from_groups", &in->from_groups);
	in->nto = form_values(r, "to_groups", &in->to_groups);
	in->from_contact = form_value(&r->form, "from_contact");
	in->to_contacts = form_value(&r->form, "to_contacts");
	in->cc_contacts = form_value(&r->form, "cc_contacts");
	in->response_contacts = form_value(&r->form, "response_contacts");
	in->technical_contacts = form_value(&r->form, "technical_contacts");
	in->action_holder_contacts = form_value(&r->form, "action_holder_contacts");
	in->purpose = form_value(&r->form, "purpose");
	in->deadline = form_value(&r->form, "deadline");
	in->title = form_value(&r->form, "title");
	in->body = form_value(&r->form, "body");
	in->other_identifiers = form_value(&r->form, "other_identifiers");
	in->submitted = form_value(&r->form, "submitted");
	in->post_only = form_value(&r->form, "post_only") != NULL;
	n = form_values(r, "related_to", &rel);
	in->related_to = arena_calloc(&r->arena, n + 1, sizeof(*in->related_to));
	for (i = 0; in->related_to && i < n; i++)
		in->related_to[in->nrelated++] = strtoll(rel[i], NULL, 10);
}

static const char *
groups_text(struct request *r, const struct li_group *v, size_t n)
{
	struct buf b;
	size_t i;

	buf_init(&b, &r->arena, 0);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", strcmp(v[i].type, "wg") == 0 ? v[i].acronym : v[i].name);
	return buf_cstr(&b);
}

static const char *
purpose_name(const char *slug)
{
	const struct li_purpose *p = li_purpose_get(slug);

	return p ? p->name : slug;
}

static void
button(struct html *h, const char *value, const char *label, const char *cls)
{
	html_open(h, TAG_BUTTON, ATTR_TYPE, "submit", ATTR_NAME, "action", ATTR_VALUE, value, ATTR_CLASS, cls, ATTR__END);
	html_text(h, label);
	html_close(h, TAG_BUTTON);
}

/* ---- the list ---- */

static void
table(struct request *r, struct html *h, const char *id, const struct liaison *v, size_t n)
{
	static const char *const heads[] = { "Date", "From", "To", "Deadline", "Title", NULL };
	size_t i;

	if (n == 0) {
		html_elem(h, TAG_P, strcmp(id, "archived") == 0 ? "Nothing in the archive." : "No statement matches.");
		return;
	}
	page_table_begin(h, id, heads);
	for (i = 0; i < n; i++) {
		const struct liaison *l = &v[i];
		html_open(h, TAG_TR, ATTR__END);
		page_cell(h, "Date", l->posted_at[0] ? arena_printf(&r->arena, "%.10s", l->posted_at) : l->submitted);
		page_cell(h, "From", groups_text(r, l->from, l->nfrom));
		page_cell(h, "To", groups_text(r, l->to, l->nto));
		page_cell(h, "Deadline", l->deadline[0] ? arena_printf(&r->arena, "%s%s", l->deadline,
		    strcmp(l->tracking, "action-taken") == 0 ? " (action taken)" : strcmp(l->tracking, "action-required") == 0 ?
		    " (action needed)" : "") : "");
		html_open(h, TAG_TD, ATTR_DATA_LABEL, "Title", ATTR__END);
		html_link(h, arena_printf(&r->arena, "/liaison/%lld/", (long long)l->id), l->title);
		if (l->state != LI_POSTED) {
			html_text(h, " ");
			html_elem(h, TAG_STRONG, arena_printf(&r->arena, "(%s)", li_state_names[l->state]));
		}
		html_close(h, TAG_TD);
		html_close(h, TAG_TR);
	}
	page_table_end(h);
}

static void
filter_of(struct request *r, struct li_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->direction = req_query(r, "direction");
	f->group = req_query(r, "group");
	f->purpose = req_query(r, "purpose");
	f->state = req_query(r, "state");
	f->since = req_query(r, "since");
	f->until = req_query(r, "until");
	f->has_deadline = req_query(r, "has_deadline") != NULL;
	f->q = req_query(r, "q");
	f->sort = req_query(r, "sort");
	f->archived = 0;
	if (f->direction && f->direction[0] == '\0')
		f->direction = NULL;
	if (f->purpose && f->purpose[0] == '\0')
		f->purpose = NULL;
}

static void
search_form(struct request *r, struct html *h, const struct li_filter *f)
{
	html_open(h, TAG_FORM, ATTR_METHOD, "get", ATTR_ACTION, "/liaison/", ATTR_ID, "liaison-search", ATTR__END);
	page_field(h, "q", "Search title, text, contacts, reference ids", "search", f->q, 0);
	page_field(h, "group", "Group (acronym, either side)", "text", f->group, 0);
	html_open(h, TAG_P, ATTR_CLASS, "field", ATTR__END);
	html_open(h, TAG_LABEL, ATTR_FOR, "purpose", ATTR__END);
	html_text(h, "Purpose");
	html_close(h, TAG_LABEL);
	html_open(h, TAG_SELECT, ATTR_ID, "purpose", ATTR_NAME, "purpose", ATTR__END);
	html_elem(h, TAG_OPTION, "");
	for (size_t i = 0; i < 4; i++) {
		html_open(h, TAG_OPTION, ATTR_VALUE, li_purposes[i].slug, ATTR_SELECTED, f->purpose &&
		    strcmp(f->purpose, li_purposes[i].slug) == 0 ? "" : NULL, ATTR__END);
		html_text(h, li_purposes[i].name);
		html_close(h, TAG_OPTION);
	}
	html_close(h, TAG_SELECT);
	html_close(h, TAG_P);
	html_open(h, TAG_P, ATTR__END);
	html_open(h, TAG_BUTTON, ATTR_TYPE, "submit", ATTR__END);
	html_text(h, "Search");
	html_close(h, TAG_BUTTON);
	html_close(h, TAG_P);
	html_close(h, TAG_FORM);
	(void)r;
}

int
page_liaison_list(struct request *r, struct response *resp)
{
	struct li_ctx c;
	struct li_filter f;
	struct liaison *v, *old;
	size_t n, nold;
	struct html h;

	(void)resp;
	li_ctx_of(r, &c);
	filter_of(r, &f);
	if (f.q && strlen(f.q) > 200)
		return err_set(&r->err, 400, "q", "Search for at most 200 characters.");
	/* A page of the 100 most recent (a full list on ?all=1): 500 rows of 10,000 cost 100 ms. */
	f.limit = req_query(r, "all") ? 500 : 100;
	if (li_list_halves(&c, &f, &v, &n, &old, &nold, &r->err) == -1)
		return -1;
	page_begin(r, &h, "Liaison statements", "liaison");
	html_elem(&h, TAG_H1, "Liaison statements");
	html_open(&h, TAG_P, ATTR_ID, "liaison-links", ATTR__END);
	if (perm_allows(&r->user, PERM_LIAISON_ADD_INCOMING, NULL)) {
		html_link(&h, "/liaison/add/incoming/", "New incoming statement");
		html_text(&h, " · ");
	}
	if (perm_allows(&r->user, PERM_LIAISON_ADD_OUTGOING, NULL)) {
		html_link(&h, "/liaison/add/outgoing/", "New outgoing statement");
		html_text(&h, " · ");
	}
	if (r->user.person_id) {
		html_link(&h, "/liaison/mine/", "My statements");
		html_text(&h, " · ");
		html_link(&h, "/liaison/?state=pending", "Pending");
		html_text(&h, " · ");
	}
	if (perm_allows(&r->user, PERM_SUBMIT_MANUAL, NULL) || perm_allows(&r->user, PERM_LIAISON_SEND_INCOMING, "iab")) {
		html_link(&h, "/liaison/?state=moderation", "Moderation");
		html_text(&h, " · ");
	}
	html_link(&h, "/liaison/submit/", "Send a statement (anyone)");
	html_text(&h, " · ");
	html_link(&h, "/liaison/sdo/", "Organizations");
	html_text(&h, " · ");
	html_link(&h, "/liaison/feed/", "Atom feed");
	html_text(&h, " · ");
	html_link(&h, "/liaison/deadlines.ics", "Deadlines (iCalendar)");
	html_close(&h, TAG_P);
	search_form(r, &h, &f);
	html_elem(&h, TAG_H2, f.state && f.state[0] && strcmp(f.state, "posted") ?
	    arena_printf(&r->arena, "Statements: %s", f.state) : "Current statements");
	table(r, &h, "liaisons", v, n);
	if ((int)n == f.limit && f.limit < 500) {
		html_open(&h, TAG_P, ATTR__END);
		html_text(&h, "The 100 most recent are shown; search or filter to narrow them, or ");
		html_link(&h, "/liaison/?all=1", "show up to 500");
		html_text(&h, ".");
		html_close(&h, TAG_P);
	}
	html_elem(&h, TAG_H2, "Archive (dealt with)");
	table(r, &h, "archived", old, nold);
	return page_end(r, &h);
}

int
page_liaison_mine(struct request *r, struct response *resp)
{
	struct li_ctx c;
	struct li_filter f;
	struct liaison *v;
	size_t n;
	struct html h;

	(void)resp;
	li_ctx_of(r, &c);
	memset(&f, 0, sizeof(f));
	f.mine = 1;
	f.archived = -1;
	if (li_list(&c, &f, &v, &n, &r->err) == -1)
		return -1;
	page_begin(r, &h, "My liaison statements", "liaison");
	html_elem(&h, TAG_H1, "My liaison statements");
	html_elem(&h, TAG_P, "Statements you entered, and those assigned to you.");
	table(r, &h, "mine", v, n);
	return page_end(r, &h);
}

/* ---- detail ---- */

static void
row(struct html *h, const char *term, const char *value)
{
	html_elem(h, TAG_DT, term);
	html_elem(h, TAG_DD, value && value[0] ? value : "(none)");
}

static int
detail_page(struct request *r, struct li_ctx *c, struct liaison *l, const char *error)
{
	struct html h;
	struct db_stmt *st;
	size_t i;
	int rc;

	page_begin(r, &h, l->title, "liaison");
	html_elem(&h, TAG_H1, l->title);
	if (error)
		page_notice(&h, "error", error);
	else if (l->state == LI_PENDING)
		page_notice(&h, "ok", "Pending: not public until an approver of every From group approves it (they were "
		    "asked by mail).");
	else if (l->state == LI_MODERATION)
		page_notice(&h, "ok", l->confirmed ? "Waiting for the moderators (the IAB liaison coordinators and the "
		    "Secretariat)." : "Waiting for the contact to confirm the address.");
	html_open(&h, TAG_DL, ATTR_CLASS, "meta", ATTR_ID, "liaison-meta", ATTR__END);
	row(&h, "State", li_state_names[l->state]);
	row(&h, "Direction", strcmp(l->direction, "incoming") == 0 ? "Incoming (to the IETF)" : "Outgoing (from the IETF)");
	row(&h, "Submitted", l->submitted);
	row(&h, "From", groups_text(r, l->from, l->nfrom));
	row(&h, "From contact", l->from_contact);
	row(&h, "To", groups_text(r, l->to, l->nto));
	row(&h, "To contacts", l->to_contacts);
	row(&h, "Cc", l->cc_contacts);
	row(&h, "Response contacts", l->response_contacts);
	row(&h, "Technical contacts", l->technical_contacts);
	if (strcmp(l->direction, "incoming") == 0)
		row(&h, "Action holders", l->action_holder_contacts);
	row(&h, "Purpose", purpose_name(l->purpose));
	/* L7: the liaison manager of the organization on the other side. */
	{
		struct buf lm;
		size_t k;
		const struct li_group *v = strcmp(l->direction, "incoming") == 0 ? l->from : l->to;
		size_t nv = strcmp(l->direction, "incoming") == 0 ? l->nfrom : l->nto;
		struct db_stmt *st2;
		buf_init(&lm, &r->arena, 0);
		for (k = 0; k < nv; k++) {
			if ((st2 = db_query(r->db, &r->err, "SELECT p.name, ro.email FROM role ro JOIN person p ON p.id = ro.person_id "
			    "JOIN grp g ON g.id = ro.group_id WHERE g.acronym = ? AND ro.name = 'liaiman' ORDER BY p.name", "s",
			    v[k].acronym)) == NULL)
				return -1;
			while (db_step(st2, &r->err) == 1)
				buf_printf(&lm, "%s%s <%s>", lm.len ? ", " : "", db_col_text(st2, 0), db_col_text(st2, 1));
			db_done(st2);
		}
		row(&h, "Liaison manager", lm.len ? buf_cstr(&lm) : "none: the IAB liaison coordinators");
	}
	row(&h, "Deadline", l->deadline);
	row(&h, "Other identifiers", l->other_identifiers);
	html_close(&h, TAG_DL);
	if (l->state == LI_POSTED) {
		html_elem(&h, TAG_H2, "Status");
		html_open(&h, TAG_DL, ATTR_CLASS, "meta", ATTR_ID, "liaison-status", ATTR__END);
		row(&h, "Assigned to", l->assignee_name[0] ? arena_printf(&r->arena, "%s%s%s", l->assignee_name,
		    l->assignee_group[0] ? " for " : "", l->assignee_group) : l->assignee_group);
		row(&h, "Lead group", l->lead_group);
		row(&h, "Tracking", strcmp(l->tracking, "action-required") == 0 ? "Action needed" :
		    strcmp(l->tracking, "action-taken") == 0 ? "Action taken" : strcmp(l->tracking, "closed") == 0 ? "Closed" : "Open");
		row(&h, "Due", l->deadline);
		row(&h, "Replied", l->replied_at[0] ? page_time(r, l->replied_at) : "not yet");
		html_close(&h, TAG_DL);
	}
	html_elem(&h, TAG_H2, "Statement");
	html_open(&h, TAG_PRE, ATTR_CLASS, "abstract", ATTR_ID, "liaison-body", ATTR__END);
	html_text(&h, l->body);
	html_close(&h, TAG_PRE);
	if (l->natt) {
		html_elem(&h, TAG_H2, "Attachments");
		html_open(&h, TAG_UL, ATTR_ID, "attachments", ATTR__END);
		for (i = 0; i < l->natt; i++) {
			if (l->att[i].removed)
				continue;
			html_open(&h, TAG_LI, ATTR__END);
			if (l->att[i].url[0])
				html_link(&h, l->att[i].url, l->att[i].title);
			else {
				html_link(&h, arena_printf(&r->arena, "/liaison/%lld/attachment/%lld/", (long long)l->id,
				    (long long)l->att[i].id), l->att[i].title);
				html_textf(&h, " (%s, %lld bytes)", l->att[i].filename, (long long)l->att[i].size);
			}
			if (li_may(c, l, LA_EDIT) || li_may(c, l, LA_TRACK)) {
				html_open(&h, TAG_FORM, ATTR_METHOD, "post", ATTR_ACTION, r->path, ATTR_CLASS, "inline", ATTR__END);
				page_csrf_field(r, &h);
				html_void(&h, TAG_INPUT, ATTR_TYPE, "hidden", ATTR_NAME, "value", ATTR_VALUE,
				    arena_printf(&r->arena, "%lld", (long long)l->att[i].id), ATTR__END);
				button(&h, "remove_attachment", "Remove", "link");
				html_close(&h, TAG_FORM);
			}
			html_close(&h, TAG_LI);
		}
		html_close(&h, TAG_UL);
	}
	if (l->nrels) {
		html_elem(&h, TAG_H2, "Related statements");
		html_open(&h, TAG_UL, ATTR_ID, "related", ATTR__END);
		for (i = 0; i < l->nrels; i++) {
			html_open(&h, TAG_LI, ATTR__END);
			html_text(&h, l->rels[i].incoming ? "Referred to by: " : "Refers to: ");
			html_link(&h, arena_printf(&r->arena, "/liaison/%lld/", (long long)l->rels[i].id), l->rels[i].title);
			html_close(&h, TAG_LI);
		}
		html_close(&h, TAG_UL);
	}
	/* The actions the person may take: only those are shown, and the server checks them again. */
	if (li_may(c, l, LA_APPROVE) || li_may(c, l, LA_KILL) || li_may(c, l, LA_RESURRECT)) {
		html_elem(&h, TAG_H2, "Approval");
		html_open(&h, TAG_FORM, ATTR_METHOD, "post", ATTR_ACTION, r->path, ATTR_ID, "approval-form", ATTR__END);
		page_csrf_field(r, &h);
		if (li_may(c, l, LA_APPROVE))
			button(&h, "approve", "Approve and post", "primary");
		if (li_may(c, l, LA_KILL))
			button(&h, "kill", "Mark as dead", "danger");
		if (li_may(c, l, LA_RESURRECT))
			button(&h, "resurrect", "Resurrect", NULL);
		html_close(&h, TAG_FORM);
	}
	if (li_may(c, l, LA_TRACK)) {
		html_elem(&h, TAG_H2, "Tracking");
		html_open(&h, TAG_FORM, ATTR_METHOD, "post", ATTR_ACTION, r->path, ATTR_ID, "tracking-form", ATTR__END);
		page_csrf_field(r, &h);
		page_field(&h, "value", "Assignee (e-mail or group), new deadline (YYYY-MM-DD), or group to redirect to / lead", "text",
		    NULL, 0);
		page_field(&h, "comment", "Comment (kept in the history)", "text", NULL, 0);
		button(&h, "assign", "Assign", NULL);
		button(&h, "deadline", "Change deadline", NULL);
		button(&h, "lead", "Set lead group", NULL);
		button(&h, "redirect", "Redirect", NULL);
		button(&h, "taken", "Mark action taken", NULL);
		button(&h, "close", "Close", "danger");
		html_close(&h, TAG_FORM);
	}
	if (li_may(c, l, LA_EDIT) || li_may(c, l, LA_TRACK)) {
		html_elem(&h, TAG_H2, "Add an attachment");
		html_open(&h, TAG_FORM, ATTR_METHOD, "post", ATTR_ACTION, arena_printf(&r->arena, "/liaison/%lld/attach/",
		    (long long)l->id), ATTR_ENCTYPE, "multipart/form-data", ATTR_ID, "attach-form", ATTR__END);
		page_csrf_field(r, &h);
		html_void(&h, TAG_INPUT, ATTR_TYPE, "file", ATTR_ID, "attach_file", ATTR_NAME, "attach_file", ATTR_ARIA_LABEL, "File",
		    ATTR__END);
		page_field(&h, "attach_title", "Title", "text", NULL, 0);
		page_field(&h, "attach_url", "Or a reference URL", "url", NULL, 0);
		page_field(&h, "attach_url_title", "The reference's title", "text", NULL, 0);
		button(&h, "attach", "Attach", NULL);
		html_close(&h, TAG_FORM);
	}
	if (li_may(c, l, LA_EDIT)) {
		html_open(&h, TAG_P, ATTR__END);
		html_link(&h, arena_printf(&r->arena, "/liaison/%lld/edit/", (long long)l->id), l->state == LI_DEAD ?
		    "Edit and resubmit" : "Edit this statement");
		html_close(&h, TAG_P);
	}
	if (li_may(c, l, LA_REPLY)) {
		html_open(&h, TAG_P, ATTR__END);
		html_link(&h, arena_printf(&r->arena, "/liaison/%lld/reply/", (long long)l->id), "Reply to this statement");
		html_close(&h, TAG_P);
	}
	html_elem(&h, TAG_H2, "History");
	{
		static const char *const heads[] = { "Date", "By", "What", NULL };
		page_table_begin(&h, "history", heads);
		if ((st = db_query(r->db, &r->err, "SELECT e.at, coalesce(p.name, '(system)'), e.detail FROM event e LEFT JOIN "
		    "person p ON p.id = e.person_id WHERE e.object_type = 'liaison' AND e.object_id = ? ORDER BY e.id DESC", "s",
		    arena_printf(&r->arena, "%lld", (long long)l->id))) == NULL)
			return -1;
		while ((rc = db_step(st, &r->err)) == 1) {
			html_open(&h, TAG_TR, ATTR__END);
			page_cell(&h, "Date", page_time(r, db_col_text(st, 0)));
			page_cell(&h, "By", db_col_text(st, 1));
			page_cell(&h, "What", db_col_text(st, 2));
			html_close(&h, TAG_TR);
		}
		if (rc == -1)
			return -1;
		db_done(st);
		page_table_end(&h);
	}
	return page_end(r, &h);
}

int
page_liaison(struct request *r, struct response *resp)
{
	struct li_ctx c;
	struct liaison l;

	(void)resp;
	li_ctx_of(r, &c);
	if (li_get(&c, strtoll(req_param(r, 0), NULL, 10), &l, &r->err) == -1)
		return -1;
	return detail_page(r, &c, &l, req_query(r, "error") ? "An attachment was refused, so the statement was kept "
	    "back: attach a PDF, HTML or text version below, then edit and submit it." : NULL);
}

/* Shared with the API: one action on a statement, by name. */
int
li_form_action(struct request *r, struct li_ctx *c, int64_t id, const char *act)
{
	if (act == NULL)
		return err_set(&r->err, 400, "action", "Say what to do: approve, kill, resurrect, assign, deadline, lead, "
		    "redirect, taken or close.");
	if (strcmp(act, "approve") == 0)
		return li_approve(c, id, &r->err);
	if (strcmp(act, "kill") == 0)
		return li_kill(c, id, &r->err);
	if (strcmp(act, "resurrect") == 0)
		return li_resurrect(c, id, &r->err);
	if (strcmp(act, "remove_attachment") == 0)
		return li_attachment_remove(c, id, strtoll(form_value(&r->form, "value") ? form_value(&r->form, "value") : "0",
		    NULL, 10), &r->err);
	return li_track(c, id, act, form_value(&r->form, "value"), form_value(&r->form, "comment"), &r->err);
}

int
page_liaison_action(struct request *r, struct response *resp)
{
	struct li_ctx c;
	struct liaison l;
	int64_t id = strtoll(req_param(r, 0), NULL, 10);

	li_ctx_of(r, &c);
	if (li_form_action(r, &c, id, form_value(&r->form, "action")) == -1) {
		struct err keep = r->err;
		if (keep.status >= 500 || keep.status == 404)
			return -1;
		if (li_get(&c, id, &l, &r->err) == -1)
			return -1;
		resp->status = keep.status;
		return detail_page(r, &c, &l, keep.msg);
	}
	return resp_redirect(r, 303, arena_printf(&r->arena, "/liaison/%lld/", (long long)id));
}

/* ---- entry forms (L2, L3, L9) ---- */

static void
group_select(struct request *r, struct html *h, const char *id, const char *label, const struct li_group *v, size_t n,
    const char *const *sel, size_t nsel)
{
	size_t i, k;

	html_open(h, TAG_P, ATTR_CLASS, "field", ATTR__END);
	html_open(h, TAG_LABEL, ATTR_FOR, id, ATTR__END);
	html_text(h, label);
	html_close(h, TAG_LABEL);
	html_open(h, TAG_SELECT, ATTR_ID, id, ATTR_NAME, id, ATTR_REQUIRED, "", ATTR__END);
	/* No silent default: with several choices the person picks one (a wrong addressee is costly). */
	if (n != 1) {
		html_open(h, TAG_OPTION, ATTR_VALUE, "", ATTR__END);
		html_text(h, "(choose)");
		html_close(h, TAG_OPTION);
	}
	for (i = 0; i < n; i++) {
		int on = n == 1;
		for (k = 0; k < nsel; k++)
			on |= strcmp(sel[k], v[i].acronym) == 0;
		html_open(h, TAG_OPTION, ATTR_VALUE, v[i].acronym, ATTR_SELECTED, on ? "" : NULL, ATTR__END);
		html_textf(h, "%s - %s", v[i].acronym, v[i].name);
		html_close(h, TAG_OPTION);
	}
	html_close(h, TAG_SELECT);
	html_close(h, TAG_P);
	(void)r;
}

static int
add_page(struct request *r, const char *direction, const struct li_new *pre, const char *error, int64_t edit_id)
{
	struct li_ctx c;
	struct li_group *from, *to;
	size_t nfrom, nto, i;
	struct html h;
	int outgoing = strcmp(direction, "outgoing") == 0;

	li_ctx_of(r, &c);
	if (li_group_choices(&c, direction, 1, &from, &nfrom, &r->err) == -1 ||
	    li_group_choices(&c, direction, 0, &to, &nto, &r->err) == -1)
		return -1;
	page_begin(r, &h, edit_id ? "Edit a liaison statement" : outgoing ? "New outgoing liaison statement" :
	    "New incoming liaison statement", "liaison");
	html_elem(&h, TAG_H1, edit_id ? "Edit a liaison statement" : outgoing ? "New outgoing liaison statement" :
	    "New incoming liaison statement");
	if (error)
		page_notice(&h, "error", error);
	if (outgoing)
		html_elem(&h, TAG_P, "A statement from a group you cannot approve for waits as pending until an approver of "
		    "every From group approves it (the IETF Chair for the IETF, the IAB Chair for the IAB, the Area "
		    "Directors for an area and its WGs).");
	html_open(&h, TAG_FORM, ATTR_METHOD, "post", ATTR_ACTION, edit_id ? arena_printf(&r->arena, "/liaison/%lld/edit/",
	    (long long)edit_id) : arena_printf(&r->arena, "/liaison/add/%s/", direction), ATTR_ENCTYPE, "multipart/form-data",
	    ATTR_ID, "liaison-form", ATTR__END);
	page_csrf_field(r, &h);
	html_elem(&h, TAG_H2, "From");
	group_select(r, &h, "from_groups", "From group", from, nfrom, pre ? pre->from_groups : NULL, pre ? pre->nfrom : 0);
	page_field(&h, "from_contact", "From contact (the formal sender's address)", "text", pre && pre->from_contact ?
	    pre->from_contact : (outgoing ? r->user.email : NULL), 1);
	page_field(&h, "response_contacts", "Send reply to (response contacts; empty = the From groups' contacts)", "text",
	    pre ? pre->response_contacts : NULL, 0);
	html_elem(&h, TAG_H2, "To");
	group_select(r, &h, "to_groups", "To group", to, nto, pre ? pre->to_groups : NULL, pre ? pre->nto : 0);
	page_field(&h, "to_contacts", "To contacts (comma-separated; empty = the To groups' liaison contacts, chairs or ADs)",
	    "text", pre ? pre->to_contacts : NULL, 0);
	page_field(&h, "cc_contacts", "Cc (empty = the groups' usual copies: ADs, chairs, lists, liaison managers)", "text",
	    pre ? pre->cc_contacts : NULL, 0);
	page_field(&h, "technical_contacts", "Technical contacts (for clarification)", "text", pre ? pre->technical_contacts : NULL, 0);
	if (!outgoing)
		page_field(&h, "action_holder_contacts", "Action holders", "text", pre ? pre->action_holder_contacts : NULL, 0);
	html_elem(&h, TAG_H2, "Purpose");
	html_open(&h, TAG_P, ATTR_CLASS, "field", ATTR__END);
	html_open(&h, TAG_LABEL, ATTR_FOR, "purpose", ATTR__END);
	html_text(&h, "Purpose (a deadline is required for action and comment)");
	html_close(&h, TAG_LABEL);
	html_open(&h, TAG_SELECT, ATTR_ID, "purpose", ATTR_NAME, "purpose", ATTR_REQUIRED, "", ATTR__END);
	if (!(pre && pre->purpose)) {
		html_open(&h, TAG_OPTION, ATTR_VALUE, "", ATTR__END);
		html_text(&h, "(choose)");
		html_close(&h, TAG_OPTION);
	}
	for (i = 0; i < 4; i++) {
		html_open(&h, TAG_OPTION, ATTR_VALUE, li_purposes[i].slug, ATTR_SELECTED, pre && pre->purpose &&
		    strcmp(pre->purpose, li_purposes[i].slug) == 0 ? "" : NULL, ATTR__END);
		html_text(&h, li_purposes[i].name);
		html_close(&h, TAG_OPTION);
	}
	html_close(&h, TAG_SELECT);
	html_close(&h, TAG_P);
	page_field(&h, "deadline", "Deadline", "date", pre ? pre->deadline : NULL, 0);
	html_elem(&h, TAG_H2, "Statement");
	page_field(&h, "title", "Title (one line)", "text", pre ? pre->title : NULL, 1);
	page_field(&h, "other_identifiers", "The sender's reference ids", "text", pre ? pre->other_identifiers : NULL, 0);
	page_field(&h, "related_to", "Refers to statement number(s)", "text", pre && pre->nrelated ?
	    arena_printf(&r->arena, "%lld", (long long)pre->related_to[0]) : NULL, 0);
	page_field(&h, "submitted", "Submission date (empty = today)", "date", pre ? pre->submitted : NULL, 0);
	page_textarea(&h, "body", "Body (plain text; may be empty when the statement is attached)", pre ? pre->body : NULL, "14");
	if (!edit_id) {
		html_elem(&h, TAG_H2, "Attachment");
		html_open(&h, TAG_P, ATTR_CLASS, "field", ATTR__END);
		html_open(&h, TAG_LABEL, ATTR_FOR, "attach_file", ATTR__END);
		html_text(&h, "File (PDF, HTML or text; other formats beside a readable one, from the statement's page)");
		html_close(&h, TAG_LABEL);
		html_void(&h, TAG_INPUT, ATTR_TYPE, "file", ATTR_ID, "attach_file", ATTR_NAME, "attach_file", ATTR__END);
		html_close(&h, TAG_P);
		page_field(&h, "attach_title", "Its title", "text", NULL, 0);
		page_field(&h, "attach_url", "Or a reference: URL of a document", "url", NULL, 0);
		page_field(&h, "attach_url_title", "The reference's title", "text", NULL, 0);
	}
	if (!outgoing && !edit_id) {
		html_open(&h, TAG_P, ATTR_CLASS, "field", ATTR__END);
		html_void(&h, TAG_INPUT, ATTR_TYPE, "checkbox", ATTR_ID, "post_only", ATTR_NAME, "post_only", ATTR_VALUE, "1",
		    ATTR__END);
		html_open(&h, TAG_LABEL, ATTR_FOR, "post_only", ATTR__END);
		html_text(&h, "Post only (record it without mailing the addressees)");
		html_close(&h, TAG_LABEL);
		html_close(&h, TAG_P);
	}
	html_open(&h, TAG_P, ATTR__END);
	button(&h, "send", edit_id ? "Save" : outgoing ? "Submit" : "Send and post", "primary");
	html_close(&h, TAG_P);
	html_close(&h, TAG_FORM);
	return page_end(r, &h);
}

int
page_liaison_add_form(struct request *r, struct response *resp)
{
	const char *dir = strstr(r->path, "incoming") ? "incoming" : "outgoing";

	(void)resp;
	if (!perm_allows(&r->user, strcmp(dir, "incoming") == 0 ? PERM_LIAISON_ADD_INCOMING : PERM_LIAISON_ADD_OUTGOING, NULL))
		return err_set(&r->err, 403, "perm", "You do not have a role that enters %s liaison statements.", dir);
	return add_page(r, dir, NULL, NULL, 0);
}

int
page_liaison_add(struct request *r, struct response *resp)
{
	const char *dir = strstr(r->path, "incoming") ? "incoming" : "outgoing";
	const struct form_field *file = form_get(&r->form, "attach_file");
	const char *url = form_value(&r->form, "attach_url");
	struct li_new in;
	struct li_ctx c;
	struct err keep;
	int64_t id;

	li_ctx_of(r, &c);
	li_new_from_form(r, dir, &in);
	if (file && (file->filename == NULL || (file->filename[0] == '\0' && file->len == 0)))
		file = NULL;
	if (url && url[0] == '\0')
		url = NULL;
	/* L14: the attachment is checked before anything is stored, so a refusal leaves nothing behind. */
	if (file && li_attachment_acceptable(&c, file->filename, file->value, file->len, 0, &r->err) == -1)
		goto refused;
	in.body_in_attachment = file != NULL && li_attachment_readable(file->value, file->len);
	in.hold = file != NULL || url != NULL;
	if (li_create(&c, &in, &id, &r->err) == -1)
		goto refused;
	if (in.hold) {
		if ((file && li_attach(&c, id, form_value(&r->form, "attach_title"), file->filename, file->value, file->len,
		    &r->err) == -1) || (url && li_attach_url(&c, id, form_value(&r->form, "attach_url_title"), url, &r->err) == -1)) {
			/* Stored but held: its submitter sees it pending and the sentence; nothing was sent. */
			keep = r->err;
			return resp_redirect(r, 303, arena_printf(&r->arena, "/liaison/%lld/?error=%s", (long long)id, keep.code));
		}
		if (li_release(&c, id, in.post_only, &r->err) == -1)
			return -1;
	}
	return resp_redirect(r, 303, arena_printf(&r->arena, "/liaison/%lld/", (long long)id));
refused:
	keep = r->err;
	if (keep.status >= 500)
		return -1;
	if (keep.status == 403 && !perm_allows(&r->user, strcmp(dir, "incoming") == 0 ? PERM_LIAISON_ADD_INCOMING :
	    PERM_LIAISON_ADD_OUTGOING, NULL))
		return -1;
	resp->status = keep.status;
	return add_page(r, dir, &in, keep.msg, 0);
}

/* L13: edit and resubmit. */
int
page_liaison_edit_form(struct request *r, struct response *resp)
{
	struct li_ctx c;
	struct liaison l;
	struct li_new pre;
	size_t i;

	(void)resp;
	li_ctx_of(r, &c);
	if (li_get(&c, strtoll(req_param(r, 0), NULL, 10), &l, &r->err) == -1)
		return -1;
	if (!li_may(&c, &l, LA_EDIT))
		return err_set(&r->err, 403, "perm", "Only its submitter (before it is posted) and the Secretariat edit a statement.");
	memset(&pre, 0, sizeof(pre));
	pre.direction = l.direction;
	pre.from_groups = arena_calloc(&r->arena, l.nfrom + 1, sizeof(char *));
	pre.to_groups = arena_calloc(&r->arena, l.nto + 1, sizeof(char *));
	for (i = 0; i < l.nfrom; i++)
		pre.from_groups[pre.nfrom++] = l.from[i].acronym;
	for (i = 0; i < l.nto; i++)
		pre.to_groups[pre.nto++] = l.to[i].acronym;
	pre.from_contact = l.from_contact;
	pre.to_contacts = l.to_contacts;
	pre.cc_contacts = l.cc_contacts;
	pre.response_contacts = l.response_contacts;
	pre.technical_contacts = l.technical_contacts;
	pre.action_holder_contacts = l.action_holder_contacts;
	pre.purpose = l.purpose;
	pre.deadline = l.deadline;
	pre.title = l.title;
	pre.body = l.body;
	pre.other_identifiers = l.other_identifiers;
	pre.submitted = l.submitted;
	return add_page(r, l.direction, &pre, NULL, l.id);
}

int
page_liaison_edit(struct request *r, struct response *resp)
{
	struct li_ctx c;
	struct liaison l;
	struct li_new in;
	int64_t id = strtoll(req_param(r, 0), NULL, 10);

	li_ctx_of(r, &c);
	if (li_get(&c, id, &l, &r->err) == -1)
		return -1;
	li_new_from_form(r, l.direction, &in);
	in.body_in_attachment = l.natt > 0;
	if (li_update(&c, id, &in, &r->err) == -1) {
		struct err keep = r->err;
		if (keep.status >= 500 || keep.status == 403 || keep.status == 404)
			return -1;
		resp->status = keep.status;
		return add_page(r, l.direction, &in, keep.msg, id);
	}
	return resp_redirect(r, 303, arena_printf(&r->arena, "/liaison/%lld/", (long long)id));
}

/* L14: one more file or reference on a statement's page. */
int
page_liaison_attach(struct request *r, struct response *resp)
{
	const struct form_field *file = form_get(&r->form, "attach_file");
	const char *url = form_value(&r->form, "attach_url");
	struct li_ctx c;
	int64_t id = strtoll(req_param(r, 0), NULL, 10);
	int rc;

	(void)resp;
	li_ctx_of(r, &c);
	if (file && file->filename && (file->filename[0] || file->len))
		rc = li_attach(&c, id, form_value(&r->form, "attach_title"), file->filename, file->value, file->len, &r->err);
	else if (url && url[0])
		rc = li_attach_url(&c, id, form_value(&r->form, "attach_url_title"), url, &r->err);
	else
		rc = err_set(&r->err, 400, "attachment", "Choose a file or give a URL.");
	if (rc == -1)
		return -1;
	return resp_redirect(r, 303, arena_printf(&r->arena, "/liaison/%lld/", (long long)id));
}

/* The bytes of an attachment, never as a page of this site: PDF as PDF, everything else as text
 * or an opaque download, always with Content-Disposition. */
int
page_liaison_attachment(struct request *r, struct response *resp)
{
	struct li_ctx c;
	struct li_attachment a;
	const char *path, *type;
	FILE *f;
	char buf[65536];
	size_t n;

	li_ctx_of(r, &c);
	if (li_attachment_file(&c, strtoll(req_param(r, 0), NULL, 10), strtoll(req_param(r, 1), NULL, 10), &a, &path,
	    &r->err) == -1)
		return -1;
	if ((f = fopen(path, "rb")) == NULL)
		return err_set(&r->err, 404, "attachment", "The attachment's file is missing.");
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		buf_put(&resp->body, buf, n);
	fclose(f);
	type = strcmp(a.content_type, "application/pdf") == 0 ? "application/pdf" :
	    strcmp(a.content_type, "application/octet-stream") == 0 ? "application/octet-stream" : "text/plain; charset=utf-8";
	resp->content_type = type;
	resp_header(resp, "Content-Disposition", arena_printf(&r->arena, "%s; filename=\"%s\"",
	    strcmp(type, "application/octet-stream") == 0 ? "attachment" : "inline", a.filename));
	return 0;
}

/* L9: the form of the other direction, From and To swapped, purpose In response, linked. */
int
page_liaison_reply(struct request *r, struct response *resp)
{
	struct li_ctx c;
	struct liaison l;
	struct li_new pre;
	size_t i;

	(void)resp;
	li_ctx_of(r, &c);
	if (li_get(&c, strtoll(req_param(r, 0), NULL, 10), &l, &r->err) == -1)
		return -1;
	if (!li_may(&c, &l, LA_REPLY))
		return err_set(&r->err, 403, "perm", "Only someone who enters %s statements can reply to this one.",
		    strcmp(l.direction, "incoming") == 0 ? "outgoing" : "incoming");
	memset(&pre, 0, sizeof(pre));
	pre.direction = strcmp(l.direction, "incoming") == 0 ? "outgoing" : "incoming";
	pre.from_groups = arena_calloc(&r->arena, l.nto + 1, sizeof(char *));
	pre.to_groups = arena_calloc(&r->arena, l.nfrom + 1, sizeof(char *));
	for (i = 0; i < l.nto; i++)
		pre.from_groups[pre.nfrom++] = l.to[i].acronym;
	for (i = 0; i < l.nfrom; i++)
		pre.to_groups[pre.nto++] = l.from[i].acronym;
	pre.to_contacts = l.response_contacts[0] ? l.response_contacts : l.from_contact;
	pre.purpose = "response";
	pre.title = arena_printf(&r->arena, "Reply to \"%s\"", l.title);
	pre.related_to = arena_calloc(&r->arena, 1, sizeof(int64_t));
	pre.related_to[0] = l.id;
	pre.nrelated = 1;
	return add_page(r, pre.direction, &pre, NULL, 0);
}

/* ---- the SDO directory (L16) ---- */

int
page_liaison_sdo(struct request *r, struct response *resp)
{
	static const char *const heads[] = { "Organization", "Liaison managers", "Relationship", "Statements", NULL };
	struct db_stmt *st;
	struct html h;
	int rc;

	(void)resp;
	page_begin(r, &h, "Organizations", "liaison");
	html_elem(&h, TAG_H1, "Organizations we exchange liaison statements with");
	page_table_begin(&h, "sdos", heads);
	if ((st = db_query(r->db, &r->err, "SELECT g.acronym, g.name, g.formal, coalesce((SELECT group_concat(p.name || ' <' || "
	    "ro.email || '>', ', ') FROM role ro JOIN person p ON p.id = ro.person_id WHERE ro.group_id = g.id AND ro.name = "
	    "'liaiman'), ''), (SELECT count(*) FROM liaison_group lg JOIN liaison l ON l.id = lg.liaison_id WHERE lg.group_id = "
	    "g.id AND l.state = 'posted') FROM grp g WHERE g.type = 'sdo' ORDER BY g.name", "")) == NULL)
		return -1;
	while ((rc = db_step(st, &r->err)) == 1) {
		html_open(&h, TAG_TR, ATTR__END);
		page_cell(&h, "Organization", arena_printf(&r->arena, "%s (%s)", db_col_text(st, 1), db_col_text(st, 0)));
		page_cell(&h, "Liaison managers", db_col_text(st, 3)[0] ? db_col_text(st, 3) : "none");
		page_cell(&h, "Relationship", db_col_int(st, 2) ? "formal" : "informal");
		html_open(&h, TAG_TD, ATTR_DATA_LABEL, "Statements", ATTR__END);
		html_link(&h, arena_printf(&r->arena, "/liaison/?group=%s", db_col_text(st, 0)),
		    arena_printf(&r->arena, "%lld", (long long)db_col_int(st, 4)));
		html_close(&h, TAG_TD);
		html_close(&h, TAG_TR);
	}
	if (rc == -1)
		return -1;
	db_done(st);
	page_table_end(&h);
	return page_end(r, &h);
}

/* ---- feeds (L6) ---- */

static void
xml_text(struct buf *b, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '&': buf_puts(b, "&amp;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		default:
			if ((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t')
				break;	/* not allowed in XML 1.0 */
			buf_putc(b, *s);
		}
}

static int
atom(struct request *r, struct response *resp, const char *title, const char *self, struct li_filter *f)
{
	struct li_ctx c;
	struct liaison *v;
	size_t n, i;
	struct buf *b = &resp->body;
	char now[ISO_TIME_LEN];

	li_ctx_of(r, &c);
	/* A feed is public: posted statements only, whoever asks (a feed reader has no session anyway). */
	c.user = NULL;
	f->archived = -1;
	f->limit = 50;
	if (li_list(&c, f, &v, &n, &r->err) == -1)
		return -1;
	time_iso(now, time_now());
	resp->content_type = "application/atom+xml; charset=utf-8";
	buf_puts(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>");
	xml_text(b, title);
	buf_printf(b, "</title>\n<id>%s%s</id>\n<link rel=\"self\" href=\"%s%s\"/>\n<updated>%s</updated>\n",
	    req_base_url(r), self, req_base_url(r), self, n ? v[0].posted_at : now);
	for (i = 0; i < n; i++) {
		const char *url = arena_printf(&r->arena, "%s/liaison/%lld/", req_base_url(r), (long long)v[i].id);
		buf_puts(b, "<entry>\n<title>");
		xml_text(b, v[i].title);
		buf_printf(b, "</title>\n<id>%s</id>\n<link href=\"%s\"/>\n<updated>%s</updated>\n<author><name>", url, url,
		    v[i].posted_at);
		xml_text(b, groups_text(r, v[i].from, v[i].nfrom));
		buf_puts(b, "</name></author>\n<summary>");
		xml_text(b, arena_printf(&r->arena, "%s, from %s to %s%s%s", purpose_name(v[i].purpose), groups_text(r, v[i].from,
		    v[i].nfrom), groups_text(r, v[i].to, v[i].nto), v[i].deadline[0] ? ", deadline " : "", v[i].deadline));
		buf_puts(b, "</summary>\n</entry>\n");
	}
	buf_puts(b, "</feed>\n");
	return 0;
}

int
page_liaison_feed(struct request *r, struct response *resp)
{
	struct li_filter f;

	memset(&f, 0, sizeof(f));
	return atom(r, resp, "Liaison statements", "/liaison/feed/", &f);
}

int
page_liaison_feed_group(struct request *r, struct response *resp)
{
	struct li_filter f;

	memset(&f, 0, sizeof(f));
	f.group = req_param(r, 0);
	return atom(r, resp, arena_printf(&r->arena, "Liaison statements of %s", f.group),
	    arena_printf(&r->arena, "/liaison/feed/group/%s/", f.group), &f);
}

int
page_liaison_feed_purpose(struct request *r, struct response *resp)
{
	struct li_filter f;

	memset(&f, 0, sizeof(f));
	f.purpose = req_param(r, 0);
	if (li_purpose_get(f.purpose) == NULL)
		return err_set(&r->err, 404, "purpose", "The purposes are action, comment, info and response.");
	return atom(r, resp, arena_printf(&r->arena, "Liaison statements %s", purpose_name(f.purpose)),
	    arena_printf(&r->arena, "/liaison/feed/purpose/%s/", f.purpose), &f);
}

/* RFC 5545 text: backslash, semicolon, comma escaped; line breaks as \n; lines folded at 75 octets. */
static void
ics_line(struct buf *b, const char *name, const char *value)
{
	struct buf tmp;
	const char *p;
	size_t col = 0;

	buf_init(&tmp, NULL, 0);
	buf_printf(&tmp, "%s:", name);
	for (p = value; *p; p++) {
		if (*p == '\\' || *p == ';' || *p == ',')
			buf_printf(&tmp, "\\%c", *p);
		else if (*p == '\n')
			buf_puts(&tmp, "\\n");
		else if ((unsigned char)*p >= 0x20 || *p == '\t')
			buf_putc(&tmp, *p);
	}
	for (p = buf_cstr(&tmp); *p; p++) {
		/* Fold before 75 octets, never inside a UTF-8 sequence. */
		if (col >= 74 && ((unsigned char)*p & 0xC0) != 0x80) {
			buf_puts(b, "\r\n ");
			col = 1;
		}
		buf_putc(b, *p);
		col++;
	}
	buf_puts(b, "\r\n");
	buf_release(&tmp);
}

int
page_liaison_ics(struct request *r, struct response *resp)
{
	struct li_ctx c;
	struct li_filter f;
	struct liaison *v;
	size_t n, i;
	struct buf *b = &resp->body;
	char now[ISO_TIME_LEN], stamp[20];

	li_ctx_of(r, &c);
	c.user = NULL;
	memset(&f, 0, sizeof(f));
	f.has_deadline = 1;
	f.archived = 0;
	f.sort = "deadline";
	if (li_list(&c, &f, &v, &n, &r->err) == -1)
		return -1;
	time_iso(now, time_now());
	snprintf(stamp, sizeof(stamp), "%.4s%.2s%.2sT%.2s%.2s%.2sZ", now, now + 5, now + 8, now + 11, now + 14, now + 17);
	resp->content_type = "text/calendar; charset=utf-8";
	buf_puts(b, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//idtracker//liaison deadlines//EN\r\nCALSCALE:GREGORIAN\r\n");
	for (i = 0; i < n; i++) {
		const struct liaison *l = &v[i];
		buf_puts(b, "BEGIN:VEVENT\r\n");
		buf_printf(b, "UID:liaison-%lld-deadline@%s\r\nDTSTAMP:%s\r\n", (long long)l->id, req_mail(r)->domain, stamp);
		buf_printf(b, "DTSTART;VALUE=DATE:%.4s%.2s%.2s\r\n", l->deadline, l->deadline + 5, l->deadline + 8);
		ics_line(b, "SUMMARY", arena_printf(&r->arena, "Liaison deadline: %s", l->title));
		ics_line(b, "DESCRIPTION", arena_printf(&r->arena, "%s from %s to %s", purpose_name(l->purpose),
		    groups_text(r, l->from, l->nfrom), groups_text(r, l->to, l->nto)));
		ics_line(b, "URL", arena_printf(&r->arena, "%s/liaison/%lld/", req_base_url(r), (long long)l->id));
		buf_puts(b, "END:VEVENT\r\n");
	}
	buf_puts(b, "END:VCALENDAR\r\n");
	return 0;
}

/* ---- the public (L15) ---- */

static int
public_page(struct request *r, const char *error, const char *done)
{
	struct li_ctx c;
	struct li_group *to;
	size_t nto, i;
	struct html h;
	struct err e = { 0 };
	struct db_stmt *st;
	int rc;

	li_ctx_of(r, &c);
	page_begin(r, &h, "Send a liaison statement to the IETF", "liaison");
	html_elem(&h, TAG_H1, "Send a liaison statement to the IETF");
	if (error)
		page_notice(&h, "error", error);
	if (done) {
		page_notice(&h, "ok", done);
		return page_end(r, &h);
	}
	html_elem(&h, TAG_P, "Any organization may send the IETF a liaison statement, with or without a formal liaison "
	    "relationship. We mail you a link to confirm your address; the IAB liaison coordinators then read the statement "
	    "and post it to the group it is for.");
	/* The addressable groups: what an incoming statement may be sent to. */
	to = NULL;
	nto = 0;
	if ((st = db_query(r->db, &e, "SELECT acronym, name FROM grp WHERE type IN ('ietf','iesg','iab','area','wg') AND state = "
	    "'active' ORDER BY CASE type WHEN 'ietf' THEN 0 WHEN 'iab' THEN 1 WHEN 'iesg' THEN 2 WHEN 'area' THEN 3 ELSE 4 END, "
	    "acronym", "")) == NULL)
		return -1;
	html_open(&h, TAG_FORM, ATTR_METHOD, "post", ATTR_ACTION, "/liaison/submit/", ATTR_ID, "public-form", ATTR__END);
	page_csrf_field(r, &h);
	page_field(&h, "org", "Your organization", "text", form_value(&r->form, "org"), 1);
	page_field(&h, "name", "Your name", "text", form_value(&r->form, "name"), 1);
	page_field(&h, "email", "Your e-mail address (we send the confirmation there)", "email", form_value(&r->form, "email"), 1);
	html_open(&h, TAG_P, ATTR_CLASS, "field", ATTR__END);
	html_open(&h, TAG_LABEL, ATTR_FOR, "to_group", ATTR__END);
	html_text(&h, "For the IETF group");
	html_close(&h, TAG_LABEL);
	html_open(&h, TAG_SELECT, ATTR_ID, "to_group", ATTR_NAME, "to_group", ATTR__END);
	while ((rc = db_step(st, &e)) == 1) {
		html_open(&h, TAG_OPTION, ATTR_VALUE, db_col_text(st, 0), ATTR__END);
		html_textf(&h, "%s - %s", db_col_text(st, 0), db_col_text(st, 1));
		html_close(&h, TAG_OPTION);
	}
	if (rc != -1)
		db_done(st);
	html_close(&h, TAG_SELECT);
	html_close(&h, TAG_P);
	html_open(&h, TAG_P, ATTR_CLASS, "field", ATTR__END);
	html_open(&h, TAG_LABEL, ATTR_FOR, "purpose", ATTR__END);
	html_text(&h, "Purpose");
	html_close(&h, TAG_LABEL);
	html_open(&h, TAG_SELECT, ATTR_ID, "purpose", ATTR_NAME, "purpose", ATTR__END);
	for (i = 0; i < 3; i++) {
		html_open(&h, TAG_OPTION, ATTR_VALUE, li_purposes[(i + 2) % 3].slug, ATTR__END);
		html_text(&h, li_purposes[(i + 2) % 3].name);
		html_close(&h, TAG_OPTION);
	}
	html_close(&h, TAG_SELECT);
	html_close(&h, TAG_P);
	page_field(&h, "deadline", "Deadline (YYYY-MM-DD; required for action and comment)", "text", form_value(&r->form, "deadline"), 0);
	page_field(&h, "title", "Title (one line)", "text", form_value(&r->form, "title"), 1);
	page_field(&h, "other_identifiers", "Your reference ids", "text", form_value(&r->form, "other_identifiers"), 0);
	page_textarea(&h, "body", "The statement (plain text)", form_value(&r->form, "body"), "14");
	html_open(&h, TAG_P, ATTR__END);
	button(&h, "send", "Send", "primary");
	html_close(&h, TAG_P);
	html_close(&h, TAG_FORM);
	(void)to;
	(void)nto;
	return page_end(r, &h);
}

int
page_liaison_public_form(struct request *r, struct response *resp)
{
	(void)resp;
	return public_page(r, NULL, NULL);
}

int
page_liaison_public(struct request *r, struct response *resp)
{
	struct li_ctx c;
	struct li_public in;
	int64_t id;

	li_ctx_of(r, &c);
	memset(&in, 0, sizeof(in));
	in.org = form_value(&r->form, "org");
	in.name = form_value(&r->form, "name");
	in.email = form_value(&r->form, "email");
	in.to_group = form_value(&r->form, "to_group");
	in.purpose = form_value(&r->form, "purpose");
	in.deadline = form_value(&r->form, "deadline");
	in.title = form_value(&r->form, "title");
	in.body = form_value(&r->form, "body");
	in.other_identifiers = form_value(&r->form, "other_identifiers");
	in.ip = r->ip;
	if (li_public_submit(&c, &in, &id, &r->err) == -1) {
		struct err keep = r->err;
		if (keep.status >= 500)
			return -1;
		resp->status = keep.status;
		return public_page(r, keep.msg, NULL);
	}
	return public_page(r, NULL, "Thank you. We sent a confirmation link to your address: open it and press Confirm. "
	    "Nothing is passed on before that.");
}

int
page_liaison_public_confirm_form(struct request *r, struct response *resp)
{
	struct html h;

	(void)resp;
	page_begin(r, &h, "Confirm your liaison statement", "liaison");
	html_elem(&h, TAG_H1, "Confirm your liaison statement");
	html_elem(&h, TAG_P, "Opening this page changed nothing. Press Confirm to send the statement to the moderators.");
	html_open(&h, TAG_FORM, ATTR_METHOD, "post", ATTR_ACTION, r->path, ATTR_ID, "confirm-form", ATTR__END);
	page_csrf_field(r, &h);
	button(&h, "confirm", "Confirm", "primary");
	html_close(&h, TAG_FORM);
	return page_end(r, &h);
}

int
page_liaison_public_confirm(struct request *r, struct response *resp)
{
	struct li_ctx c;
	struct html h;

	(void)resp;
	li_ctx_of(r, &c);
	if (li_public_confirm(&c, strtoll(req_param(r, 0), NULL, 10), req_param(r, 1), &r->err) == -1)
		return -1;
	page_begin(r, &h, "Confirmed", "liaison");
	html_elem(&h, TAG_H1, "Confirmed");
	page_notice(&h, "ok", "Thank you: your statement waits for the IAB liaison coordinators, who post it to the group.");
	return page_end(r, &h);
}
