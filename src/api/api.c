/* api.c: JSON endpoints over jansson; see api.h. Objects are built, dumped once into the
 * request's arena, and freed at once. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../auth/perm.h"
#include "../auth/session.h"
#include "../auth/user.h"
#include "../db/db.h"
#include "../http/request.h"
#include "../mail/outbox.h"
#include "../draft/draft_json.h"
#include "../submit/validate.h"
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

	if (submit_form_validate(r, &v) == -1)
		return -1;
	return send_json(r, resp, 200, draft_result_json(v.names, v.d, v.n));
}
