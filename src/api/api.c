/* api.c: JSON endpoints over jansson; see api.h. Objects are built, dumped once into the
 * request's arena, and freed at once. */
#include <stdlib.h>
#include <strings.h>
#include <string.h>

#include <jansson.h>

#include "../auth/perm.h"
#include "../auth/session.h"
#include "../auth/user.h"
#include "../db/db.h"
#include "../http/request.h"
#include "../mail/outbox.h"
#include "../draft/draft_json.h"
#include "../submit/submission.h"
#include "../liaison/liaison.h"
#include "../wg/wgdoc.h"
#include "../submit/validate.h"
#include "../http/form.h"
#include "../web/pages.h"
#include "../wg/group.h"
#include "api.h"

#ifndef IDT_VERSION
#define IDT_VERSION "dev"
#endif

/* Dumps j into the response and releases it; 0 or -1 with err set. */
static int
send_json(struct request *r, struct response *resp, int status, json_t *j)
{
	char *s;

	if (j == NULL)
		return err_set(&r->err, 500, "memory", "Out of memory building the answer.");
	s = json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(j);
	if (s == NULL)
		return err_set(&r->err, 500, "memory", "Out of memory building the answer.");
	buf_reset(&resp->body);
	buf_puts(&resp->body, s);
	buf_putc(&resp->body, '\n');
	free(s);
	resp->status = status;
	resp->content_type = "application/json";
	return buf_finish(&resp->body, &r->err);
}

void
api_error(struct request *r, struct response *resp)
{
	json_t *j = json_pack("{s:{s:i,s:s,s:s}}", "error", "status", r->err.status, "code", r->err.code,
	    "message", r->err.msg);

	if (r->incident[0] != '\0')
		json_object_set_new(json_object_get(j, "error"), "incident", json_string(r->incident));
	if (send_json(r, resp, r->err.status, j) == -1) {
		buf_reset(&resp->body);
		buf_puts(&resp->body, "{\"error\":{\"status\":500,\"message\":\"out of memory\"}}\n");
		resp->content_type = "application/json";
	}
}

int
api_healthz(struct request *r, struct response *resp)
{
	struct err e = { 0 };
	json_t *j;

	resp_header(resp, "Cache-Control", "no-store");
	if (db_ping(r->db, &e) == -1) {
		j = json_pack("{s:s,s:s,s:s}", "status", "error", "db", e.msg, "version", IDT_VERSION);
		return send_json(r, resp, 503, j);
	}
	j = json_pack("{s:s,s:s,s:s}", "status", "ok", "db", "ok", "version", IDT_VERSION);
	return send_json(r, resp, 200, j);
}

int
api_index(struct request *r, struct response *resp)
{
	json_t *j = json_pack("{s:s,s:[s,s,s,s,s,s]}", "version", IDT_VERSION, "endpoints",
	    "GET /api/v1/group?type=T", "GET /api/v1/group/<acronym>", "GET /api/v1/whoami",
	    "POST /api/v1/apikey", "POST /api/v1/apikey/<id>/revoke", "POST /api/v1/account/password");

	return send_json(r, resp, 200, j);
}

static json_t *
group_json(const struct group *g)
{
	return json_pack("{s:s,s:s,s:s,s:s?,s:s,s:s}", "acronym", g->acronym, "name", g->name, "type", g->type,
	    "parent", g->parent[0] ? g->parent : NULL, "state", g->state, "list_email", g->list_email);
}

int
api_group_list(struct request *r, struct response *resp)
{
	const char *type = req_query(r, "type");
	struct group *v;
	json_t *arr;
	size_t i, n;

	if (type != NULL && *type == '\0')
		type = NULL;
	if (group_list(r->db, &r->arena, &r->err, type, NULL, &v, &n) == -1)
		return -1;
	if ((arr = json_array()) == NULL)
		return err_set(&r->err, 500, "memory", "Out of memory.");
	for (i = 0; i < n; i++)
		json_array_append_new(arr, group_json(&v[i]));
	return send_json(r, resp, 200, json_pack("{s:o,s:i}", "groups", arr, "count", (json_int_t)n));
}

int
api_group_get(struct request *r, struct response *resp)
{
	struct group g;
	json_t *j, *roles;
	size_t i;

	if (group_get(r->db, &r->arena, &r->err, req_param(r, 0), &g) == -1)
		return -1;
	if ((j = group_json(&g)) == NULL || (roles = json_array()) == NULL)
		return err_set(&r->err, 500, "memory", "Out of memory.");
	for (i = 0; i < g.nroles; i++)
		json_array_append_new(roles, json_pack("{s:s,s:s,s:s}", "role", g.roles[i].role, "name", g.roles[i].name,
		    "email", g.roles[i].email));
	json_object_set_new(j, "roles", roles);
	return send_json(r, resp, 200, j);
}

int
api_whoami(struct request *r, struct response *resp)
{
	json_t *roles = json_array();
	size_t i;

	for (i = 0; i < r->user.nroles; i++)
		json_array_append_new(roles, json_pack("{s:s,s:s}", "role", r->user.roles[i].role,
		    "group", r->user.roles[i].group));
	/* A script on a cookie session needs the CSRF token for its POSTs; with an API key there is none. */
	return send_json(r, resp, 200, json_pack("{s:I,s:s,s:s,s:o,s:b,s:s?}", "id", (json_int_t)r->user.person_id,
	    "name", r->user.name, "email", r->user.email, "roles", roles, "api_key", r->user.via_api_key,
	    "csrf", r->user.via_api_key ? NULL : r->user.csrf));
}

int
api_apikey_create(struct request *r, struct response *resp)
{
	char key[APIKEY_LEN + 1];
	static const struct field_decl fields[] = { { "label", FT_TEXT, 0, 0, APIKEY_LABEL_MAX, "The label" } };
	struct field_value v[1];
	const char *label;
	int64_t id;

	if (form_read(&r->arena, &r->form, fields, 1, v, &r->err) == -1)
		return -1;
	label = v[0].s;
	if (apikey_create(r->db, &r->err, r->user.person_id, r->user.person_id, label, key, &id) == -1)
		return -1;
	return send_json(r, resp, 201, json_pack("{s:I,s:s,s:s}", "id", (json_int_t)id, "key", key,
	    "label", label ? label : ""));
}

int
api_apikey_revoke(struct request *r, struct response *resp)
{
	long long id = strtoll(req_param(r, 0), NULL, 10);

	if (apikey_revoke(r->db, &r->err, r->user.person_id, id) == -1)
		return -1;
	return send_json(r, resp, 200, json_pack("{s:I,s:b}", "id", (json_int_t)id, "revoked", 1));
}

int
api_password(struct request *r, struct response *resp)
{
	if (account_change_password(r) == -1)
		return -1;
	return send_json(r, resp, 200, json_pack("{s:b}", "changed", 1));
}

int
api_outbox_list(struct request *r, struct response *resp)
{
	const char *state = req_query(r, "state");
	struct outbox_row *v;
	json_t *arr;
	size_t i, n;

	if (state != NULL && strcmp(state, "pending") && strcmp(state, "sending") && strcmp(state, "sent") &&
	    strcmp(state, "failed"))
		return err_set(&r->err, 400, "state", "state is pending, sending, sent or failed.");
	if (outbox_list(r->db, &r->arena, &r->err, state, 1000, &v, &n) == -1)
		return -1;
	if ((arr = json_array()) == NULL)
		return err_set(&r->err, 500, "memory", "Out of memory.");
	for (i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:i,s:s,s:s,s:s}", "id", (json_int_t)v[i].id,
		    "created", v[i].created, "template", v[i].template_name, "to", v[i].recipients, "subject", v[i].subject,
		    "state", v[i].state, "attempts", v[i].attempts, "next_attempt", v[i].next_attempt,
		    "delivered_to", v[i].delivered_to, "last_error", v[i].last_error));
	return send_json(r, resp, 200, json_pack("{s:o,s:i}", "messages", arr, "count", (json_int_t)n));
}

int
api_outbox_resend(struct request *r, struct response *resp)
{
	long long id = strtoll(req_param(r, 0), NULL, 10);

	if (outbox_resend(r->db, &r->err, r->user.person_id, id) == -1)
		return -1;
	return send_json(r, resp, 200, json_pack("{s:I,s:s}", "id", (json_int_t)id, "state", "pending"));
}

/* POST /api/validate: the `idtracker check --json` object for the uploaded files; never stored (R74). */
int
api_validate(struct request *r, struct response *resp)
{
	struct validation v;
	json_t *j;

	if (submit_form_validate(r, &v) == -1)
		return -1;
	/* R69, R70: XML alone is checked with the text rendered from it, which the answer says. */
	if ((j = draft_result_json(v.names, v.d, v.n)) != NULL)
		json_object_set_new(j, "text_generated", json_boolean(v.generated != NULL));
	return send_json(r, resp, 200, j);
}

/* ---- the submission office (R55-R61 by API; DATATRACKER.md 2.17) ---- */

static json_t *
submission_messages(const struct submission *s)
{
	json_t *arr = json_loads(s->messages, 0, NULL), *out = json_array(), *m;
	size_t i;

	json_array_foreach(arr, i, m) {
		json_t *o = json_pack("{s:O,s:O,s:O,s:O,s:O}", "id", json_object_get(m, "id"), "severity",
		    json_object_get(m, "severity"), "message", json_object_get(m, "message"), "source",
		    json_object_get(m, "source"), "line", json_object_get(m, "line"));
		/* Which file, and what exactly (the passage of TEXT_DIFFERS_FROM_XML, a line's length ...). */
		if (o != NULL && json_object_get(m, "file") != NULL)
			json_object_set(o, "file", json_object_get(m, "file"));
		if (o != NULL && json_object_get(m, "detail") != NULL)
			json_object_set(o, "detail", json_object_get(m, "detail"));
		json_array_append_new(out, o);
	}
	json_decref(arr);
	return out;
}

static json_t *
submission_json(struct request *r, const struct submission *s)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:i,s:i,s:o,s:b,s:b}", "id", (json_int_t)s->id, "name", s->name, "rev",
	    s->rev, "state", sub_states[s->state].slug, "state_desc", sub_states[s->state].name, "status_url",
	    arena_printf(&r->arena, "%s/api/submission/%lld/status", req_base_url(r), (long long)s->id),
	    "errors", s->errors, "warnings", s->warnings, "messages", submission_messages(s), "text_generated",
	    strstr(s->generated_types, ".txt") != NULL, "xml_preprocessed", strstr(s->file_types, ".orig.xml") != NULL);
}

int
api_submission(struct request *r, struct response *resp)
{
	struct upload_file files[2];
	struct upload_extra extra[2];
	struct sub_new in;
	struct submission s;
	struct validation v;
	struct sub_ctx c;
	struct sub_meta m;
	char token[TOKEN_LEN + 1];
	const char *user = form_value(&r->form, "user");
	size_t i;
	int author = 0;
	json_t *j;

	memset(&in, 0, sizeof(in));
	in.files = files;
	in.nfiles = submit_form_files(r, files);
	in.extra = extra;
	in.nextra = submit_form_extra(r, extra);
	in.via = "api";
	in.replaces = form_value(&r->form, "replaces");
	if (r->user.person_id != 0) {
		in.submitter_name = r->user.name;
		in.submitter_email = r->user.email;
	} else {
		if (user == NULL || user[0] == '\0')
			return err_set(&r->err, 400, "user", "Say who submits: the field user is the submitter's e-mail address "
			    "(or send an API key).");
		if (!idt_email_valid(user))
			return err_set(&r->err, 400, "user", "The user \"%.80s\" is not an e-mail address.", user);
		in.submitter_email = user;
	}
	sub_ctx_of(r, &c);
	if (sub_create(&c, &in, &s, token, &v, &r->err) == -1) {
		if (r->err.status >= 500 && r->err.status != 503)
			return -1;
		/* The contract's shape for every refusal: the error and the (here empty) messages. */
		j = json_pack("{s:{s:i,s:s,s:s},s:[]}", "error", "status", r->err.status, "code", r->err.code, "message",
		    r->err.msg, "messages");
		return send_json(r, resp, r->err.status, j);
	}
	for (i = 0; i < s.nauthors; i++)
		if (strcasecmp(s.authors[i].email, in.submitter_email) == 0) {
			author = 1;
			if (in.submitter_name == NULL)
				in.submitter_name = s.authors[i].name;
		}
	if (s.errors > 0 || !author) {
		struct err e2 = { 0 };
		struct err keep;
		if (s.errors > 0)
			err_set(&keep, 400, "validation", "Validation failed: the draft has %d error%s that block posting; the "
			    "messages say which.", s.errors, s.errors == 1 ? "" : "s");
		else
			err_set(&keep, 400, "submitter", "The submitter (%.80s) is not one of the document's authors; an API "
			    "submission must come from an author.", in.submitter_email);
		sub_cancel(&c, &s, keep.msg, &e2);
		j = json_pack("{s:{s:i,s:s,s:s},s:I,s:o}", "error", "status", 400, "code", keep.code, "message", keep.msg,
		    "id", (json_int_t)s.id, "messages", submission_messages(&s));
		return send_json(r, resp, 400, j);
	}
	memset(&m, 0, sizeof(m));
	m.submitter_name = in.submitter_name;
	m.submitter_email = in.submitter_email;
	m.replaces = in.replaces;
	if (sub_post_request(&c, &s, &m, &r->err) == -1) {
		struct err e2 = { 0 }, keep = r->err;
		if (keep.status >= 500)
			return -1;
		sub_cancel(&c, &s, keep.msg, &e2);
		j = json_pack("{s:{s:i,s:s,s:s},s:I,s:o}", "error", "status", keep.status, "code", keep.code, "message",
		    keep.msg, "id", (json_int_t)s.id, "messages", submission_messages(&s));
		return send_json(r, resp, keep.status, j);
	}
	j = submission_json(r, &s);
	json_object_set_new(j, "status_page", json_string(arena_printf(&r->arena, "%s/submit/status/%lld/%s/",
	    req_base_url(r), (long long)s.id, token)));
	return send_json(r, resp, 200, j);
}

int
api_submission_status(struct request *r, struct response *resp)
{
	struct submission s;
	struct sub_ctx c;

	sub_ctx_of(r, &c);
	if (sub_load(&c, strtoll(req_param(r, 0), NULL, 10), &s, &r->err) == -1)
		return -1;
	return send_json(r, resp, 200, submission_json(r, &s));
}

int
api_submission_action(struct request *r, struct response *resp)
{
	struct submission s;
	struct sub_ctx c;
	const char *tok = form_value(&r->form, "token");
	int has_token;

	sub_ctx_of(r, &c);
	if (sub_load(&c, strtoll(req_param(r, 0), NULL, 10), &s, &r->err) == -1)
		return -1;
	has_token = tok != NULL && sub_token_ok(&s, tok);
	if (tok != NULL && !has_token)
		return err_set(&r->err, 404, "token", "The token is not valid for submission %lld.", (long long)s.id);
	if (sub_form_action(r, &c, &s, has_token) == -1)
		return -1;
	return send_json(r, resp, 200, submission_json(r, &s));
}

/* ---- the liaison office (L1-L17): the same checks as the pages, in src/liaison/liaison.c ---- */

static json_t *
li_groups_json(const struct li_group *v, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i].acronym));
	return a;
}

static json_t *
liaison_json(struct request *r, const struct liaison *l)
{
	json_t *rel = json_array();
	size_t i;

	for (i = 0; i < l->nrels; i++)
		json_array_append_new(rel, json_pack("{s:I,s:s,s:s}", "id", (json_int_t)l->rels[i].id, "title", l->rels[i].title,
		    "relation", l->rels[i].incoming ? "referred_by" : "refers_to"));
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:o,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:o}",
	    "id", (json_int_t)l->id, "url", arena_printf(&r->arena, "%s/liaison/%lld/", req_base_url(r), (long long)l->id),
	    "direction", l->direction, "state", li_state_slugs[l->state], "title", l->title, "purpose", l->purpose,
	    "deadline", l->deadline, "from_groups", li_groups_json(l->from, l->nfrom), "to_groups", li_groups_json(l->to, l->nto),
	    "from_contact", l->from_contact, "to_contacts", l->to_contacts, "cc_contacts", l->cc_contacts,
	    "response_contacts", l->response_contacts, "technical_contacts", l->technical_contacts, "other_identifiers",
	    l->other_identifiers, "submitted", l->submitted, "posted", l->posted_at, "tracking", l->tracking, "assignee",
	    l->assignee_email, "body", l->body, "related", rel);
}

int
api_liaison_create(struct request *r, struct response *resp)
{
	struct li_ctx c;
	struct li_new in;
	struct liaison l;
	int64_t id;

	li_ctx_of(r, &c);
	li_new_from_form(r, form_value(&r->form, "direction"), &in);
	if (li_create(&c, &in, &id, &r->err) == -1 || li_get(&c, id, &l, &r->err) == -1)
		return -1;
	return send_json(r, resp, 201, json_pack("{s:I,s:s,s:s}", "id", (json_int_t)id, "state", li_state_slugs[l.state],
	    "url", arena_printf(&r->arena, "%s/liaison/%lld/", req_base_url(r), (long long)id)));
}

int
api_liaison_get(struct request *r, struct response *resp)
{
	struct li_ctx c;
	struct liaison l;

	li_ctx_of(r, &c);
	if (li_get(&c, strtoll(req_param(r, 0), NULL, 10), &l, &r->err) == -1)
		return -1;
	return send_json(r, resp, 200, liaison_json(r, &l));
}

int
api_liaison_list(struct request *r, struct response *resp)
{
	struct li_ctx c;
	struct li_filter f;
	struct liaison *v;
	size_t n, i;
	json_t *a;
	const char *lim;

	li_ctx_of(r, &c);
	memset(&f, 0, sizeof(f));
	f.state = req_query(r, "state");
	f.purpose = req_query(r, "purpose");
	f.group = req_query(r, "group");
	f.q = req_query(r, "q");
	f.direction = req_query(r, "direction");
	f.sort = req_query(r, "sort");
	f.archived = -1;
	if ((lim = req_query(r, "limit")) != NULL && lim[0] != '\0') {
		char *end;
		long v = strtol(lim, &end, 10);
		if (*end != '\0' || v < 1 || v > 500)
			return err_set(&r->err, 400, "limit", "limit is a number of statements from 1 to 500.");
		f.limit = (int)v;
	}
	if (f.purpose && f.purpose[0] == '\0')
		f.purpose = NULL;
	if (f.direction && f.direction[0] == '\0')
		f.direction = NULL;
	if (li_list(&c, &f, &v, &n, &r->err) == -1)
		return -1;
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, liaison_json(r, &v[i]));
	return send_json(r, resp, 200, json_pack("{s:o}", "liaisons", a));
}

int
api_liaison_action(struct request *r, struct response *resp)
{
	struct li_ctx c;
	struct liaison l;
	int64_t id = strtoll(req_param(r, 0), NULL, 10), nid;
	const char *act = req_param(r, 1);

	li_ctx_of(r, &c);
	if (strcmp(act, "reply") == 0) {
		struct li_new in;
		int64_t *rel;
		if (li_get(&c, id, &l, &r->err) == -1)
			return -1;
		if (!li_may(&c, &l, LA_REPLY))
			return err_set(&r->err, 403, "perm", "Only someone who enters %s statements can reply to this one.",
			    strcmp(l.direction, "incoming") == 0 ? "outgoing" : "incoming");
		li_new_from_form(r, strcmp(l.direction, "incoming") == 0 ? "outgoing" : "incoming", &in);
		if ((rel = arena_calloc(&r->arena, in.nrelated + 1, sizeof(*rel))) == NULL)
			return err_set(&r->err, 500, "memory", "Out of memory.");
		memcpy(rel, in.related_to, in.nrelated * sizeof(*rel));
		rel[in.nrelated++] = id;
		in.related_to = rel;
		if (in.purpose == NULL)
			in.purpose = "response";
		if (li_create(&c, &in, &nid, &r->err) == -1 || li_get(&c, nid, &l, &r->err) == -1)
			return -1;
		return send_json(r, resp, 201, json_pack("{s:I,s:s,s:s}", "id", (json_int_t)nid, "state", li_state_slugs[l.state],
		    "url", arena_printf(&r->arena, "%s/liaison/%lld/", req_base_url(r), (long long)nid)));
	}
	if (li_form_action(r, &c, id, act) == -1 || li_get(&c, id, &l, &r->err) == -1)
		return -1;
	return send_json(r, resp, 200, liaison_json(r, &l));
}

/* The default contacts an entry form leaves empty get (DATATRACKER.md 1.6's get_info, without JS). */
int
api_liaison_defaults(struct request *r, struct response *resp)
{
	struct li_ctx c;
	const char *to, *resp_c, *cc, *qf = req_query(r, "from_groups"), *qt = req_query(r, "to_groups");
	const char *from[20], *tog[20];
	size_t nf = 0, nt = 0;
	char *copy, *tok, *save = NULL;

	li_ctx_of(r, &c);
	copy = arena_strdup(&r->arena, qf ? qf : "");
	for (tok = strtok_r(copy, ",", &save); tok && nf < 20; tok = strtok_r(NULL, ",", &save))
		from[nf++] = tok;
	save = NULL;
	copy = arena_strdup(&r->arena, qt ? qt : "");
	for (tok = strtok_r(copy, ",", &save); tok && nt < 20; tok = strtok_r(NULL, ",", &save))
		tog[nt++] = tok;
	if (li_defaults(&c, from, nf, tog, nt, &to, &resp_c, &cc, &r->err) == -1)
		return -1;
	return send_json(r, resp, 200, json_pack("{s:s,s:s,s:s}", "to_contacts", to, "response_contacts", resp_c, "cc_contacts",
	    cc));
}

/* ---- the WG document office (A1-A13) ---- */

int
api_doc_get(struct request *r, struct response *resp)
{
	struct wgd_ctx c;
	struct wgdoc d;
	json_t *tags = json_array(), *eds = json_array(), *chk = json_array(), *ipr = json_array(), *call = json_null();
	size_t i;

	wgd_ctx_of(r, &c);
	if (wgd_load(&c, req_param(r, 0), &d, &r->err) == -1)
		return -1;
	for (i = 0; i < d.ntags; i++)
		json_array_append_new(tags, json_string(d.tags[i]));
	for (i = 0; i < d.neditors; i++)
		if (d.editors[i].until[0] == '\0')
			json_array_append_new(eds, json_pack("{s:s,s:s,s:s}", "name", d.editors[i].name, "email", d.editors[i].email,
			    "since", d.editors[i].since));
	for (i = 0; i < 6; i++)
		json_array_append_new(chk, json_pack("{s:s,s:s,s:s,s:s}", "step", d.checklist[i].step, "label", d.checklist[i].label,
		    "done", d.checklist[i].done, "by", d.checklist[i].by));
	for (i = 0; i < d.nipr; i++)
		json_array_append_new(ipr, json_pack("{s:s,s:s,s:b}", "name", d.ipr[i].name, "email", d.ipr[i].email, "confirmed",
		    d.ipr[i].confirmed[0] != '\0'));
	if (d.call.id)
		call = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)d.call.id, "kind", d.call.kind, "group",
		    d.call.group, "ends", d.call.ends, "state", d.call.state, "outcome", d.call.outcome, "summary", d.call.summary);
	return send_json(r, resp, 200, json_pack("{s:s,s:s,s:s,s:s*,s:s,s:o,s:o,s:o,s:o,s:o}", "name", d.name, "rev", d.rev,
	    "title", d.title, "group", d.group, "state", d.state, "tags", tags, "editors", eds, "checklist", chk, "ipr", ipr,
	    "call", call));
}

/* POST /api/v1/doc/<name>/<action>: state, tags (set= / clear=), adoption-call, withdrawal-call, close,
 * adopt, editors (add= / remove=), check; the same checks as the pages. */
int
api_doc_action(struct request *r, struct response *resp)
{
	struct wgd_ctx c;
	const char *name = req_param(r, 0), *act = req_param(r, 1);
	const char *days = form_value(&r->form, "days");
	int64_t id;
	int rc;

	wgd_ctx_of(r, &c);
	if (strcmp(act, "adoption-call") == 0 || strcmp(act, "withdrawal-call") == 0)
		rc = wgd_call(&c, name, act[0] == 'a' ? "adoption" : "withdrawal", form_value(&r->form, "group"),
		    days ? atoi(days) : 0, form_value(&r->form, "text"), &id, &r->err);
	else if (strcmp(act, "editors") == 0)
		rc = wgd_editor(&c, name, form_value(&r->form, "add"), form_value(&r->form, "remove"), &r->err);
	else if (strcmp(act, "tags") == 0) {
		const char *s1[1] = { form_value(&r->form, "set") }, *c1[1] = { form_value(&r->form, "clear") };
		rc = wgd_set_state(&c, name, NULL, NULL, s1, s1[0] != NULL, c1, c1[0] != NULL, form_value(&r->form, "comment"),
		    &r->err);
	} else if (strcmp(act, "close") == 0)
		rc = wgd_close(&c, name, form_value(&r->form, "outcome"), form_value(&r->form, "summary"), &r->err);
	else if (strcmp(act, "replaces") == 0)
		rc = wgd_replaces(&c, name, form_value(&r->form, "op") ? form_value(&r->form, "op") : "add",
		    form_value(&r->form, "other"), &r->err);
	else if (strcmp(act, "competing") == 0)
		rc = wgd_compete(&c, name, form_value(&r->form, "other"), &r->err);
	else if (strcmp(act, "associate") == 0)
		rc = wgd_associate(&c, name, form_value(&r->form, "group"), &r->err);
	else
		rc = wg_form_action(r, &c, name, act);
	if (rc == -1)
		return -1;
	r->match.nparams = 1;
	return api_doc_get(r, resp);
}

/* POST /api/v1/group/<acr>/transitions: from=<state>, next="<state> <state>" (empty = the defaults). */
int
api_group_transitions(struct request *r, struct response *resp)
{
	struct wgd_ctx c;
	const char *acr = req_param(r, 0), *from = form_value(&r->form, "from");

	wgd_ctx_of(r, &c);
	if (wgd_set_transitions(&c, acr, from, form_value(&r->form, "next"), &r->err) == -1)
		return -1;
	return send_json(r, resp, 200, json_pack("{s:s,s:s,s:s}", "group", acr, "from", from, "next",
	    wgd_next_states(&c, acr, from)));
}
