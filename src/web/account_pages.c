/* account_pages.c: sign-in, sign-out, the profile (addresses, roles, API keys) and the password
 * change page. Decisions (throttling, checking passwords, sessions) live in src/auth. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../auth/perm.h"
#include "../auth/session.h"
#include "../auth/user.h"
#include "../core/config.h"
#include "../core/timeutil.h"
#include "../core/url.h"
#include "../db/db.h"
#include "../http/request.h"
#include "../mail/outbox.h"
#include "layout.h"
#include "pages.h"

enum { LF_EMAIL, LF_PASSWORD, LF_NEXT, LF__MAX };
static const struct field_decl login_fields[LF__MAX] = {
	/* LF_EMAIL */		{ "email", FT_EMAIL, 1, 0, 254, "E-mail address" },
	/* LF_PASSWORD */	{ "password", FT_PASSWORD, 1, 0, PASSWORD_MAX, "Password" },
	/* LF_NEXT */		{ "next", FT_TEXT, 0, 0, 1024, "Next page" },
};

enum { PF_CURRENT, PF_NEW, PF_CONFIRM, PF__MAX };
static const struct field_decl password_fields[PF__MAX] = {
	/* PF_CURRENT */	{ "current", FT_PASSWORD, 1, 0, PASSWORD_MAX, "Current password" },
	/* PF_NEW */		{ "new", FT_PASSWORD, 1, PASSWORD_MIN, PASSWORD_MAX, "New password" },
	/* PF_CONFIRM */	{ "confirm", FT_PASSWORD, 1, 0, PASSWORD_MAX, "New password again" },
};

enum { KF_LABEL, KF__MAX };
static const struct field_decl apikey_fields[KF__MAX] = {
	/* KF_LABEL */		{ "label", FT_TEXT, 0, 0, APIKEY_LABEL_MAX, "Label" },
};

static void
labelled_input(struct html *h, const char *id, const char *label, const char *type, const char *value,
    const char *autocomplete)
{
	html_open(h, TAG_P, ATTR_CLASS, "field", ATTR__END);
	html_open(h, TAG_LABEL, ATTR_FOR, id, ATTR__END);
	html_text(h, label);
	html_close(h, TAG_LABEL);
	html_void(h, TAG_INPUT, ATTR_TYPE, type, ATTR_ID, id, ATTR_NAME, id, ATTR_VALUE, value,
	    ATTR_AUTOCOMPLETE, autocomplete, ATTR_REQUIRED, "", ATTR__END);
	html_close(h, TAG_P);
}

static int
login_render(struct request *r, int status, const char *message, const char *email, const char *next)
{
	struct html h;

	r->resp.status = status;
	page_begin(r, &h, "Sign in", NULL);
	html_elem(&h, TAG_H1, "Sign in");
	if (message != NULL)
		page_notice(&h, "error", message);
	if (r->user.person_id != 0) {
		html_open(&h, TAG_P, ATTR__END);
		html_text(&h, "You are signed in as ");
		html_text(&h, r->user.name);
		html_text(&h, ". ");
		html_link(&h, "/accounts/profile/", "Your profile");
		html_close(&h, TAG_P);
	}
	html_open(&h, TAG_FORM, ATTR_METHOD, "post", ATTR_ACTION, "/accounts/login/", ATTR_ID, "login-form", ATTR__END);
	page_csrf_field(r, &h);
	if (next != NULL && url_local_path_ok(next))
		html_void(&h, TAG_INPUT, ATTR_TYPE, "hidden", ATTR_NAME, "next", ATTR_VALUE, next, ATTR__END);
	labelled_input(&h, "email", "E-mail address", "email", email, "username");
	labelled_input(&h, "password", "Password", "password", NULL, "current-password");
	html_open(&h, TAG_P, ATTR__END);
	html_open(&h, TAG_BUTTON, ATTR_TYPE, "submit", ATTR__END);
	html_text(&h, "Sign in");
	html_close(&h, TAG_BUTTON);
	html_close(&h, TAG_P);
	html_close(&h, TAG_FORM);
	html_elem(&h, TAG_P, "No account yet, or forgot your password? Ask the Secretariat.");
	return page_end(r, &h);
}

int
page_login_form(struct request *r, struct response *resp)
{
	(void)resp;
	return login_render(r, 200, NULL, NULL, req_query(r, "next"));
}

int
page_login(struct request *r, struct response *resp)
{
	struct field_value v[LF__MAX];
	const struct config *cfg = r->cfg;
	char token[TOKEN_LEN + 1], retry[24];
	const char *next;
	int64_t pid;
	long wait;
	int ok;

	if (form_read(&r->arena, &r->form, login_fields, LF__MAX, v, &r->err) == -1)
		return login_render(r, r->err.status, r->err.msg, form_value(&r->form, "email"), form_value(&r->form, "next"));
	next = v[LF_NEXT].s;
	wait = login_throttle(r->db, &r->err, v[LF_EMAIL].s, r->ip, (long)config_int(cfg, CFG_LOGIN_MAX_EMAIL),
	    (long)config_int(cfg, CFG_LOGIN_MAX_IP), (long)config_int(cfg, CFG_LOGIN_WINDOW));
	if (wait < 0)
		return -1;
	if (wait > 0) {
		char msg[200];
		snprintf(retry, sizeof(retry), "%ld", wait);
		resp_header(resp, "Retry-After", arena_strdup(&r->arena, retry));
		snprintf(msg, sizeof(msg), "Too many failed sign-ins for this address or from your network. "
		    "Try again in %ld minute%s.", (wait + 59) / 60, (wait + 59) / 60 == 1 ? "" : "s");
		return login_render(r, 429, msg, v[LF_EMAIL].s, next);
	}
	if (person_by_email(r->db, &r->err, v[LF_EMAIL].s, &pid) == -1)
		return -1;
	ok = pid != 0 ? account_check_password(r->db, &r->err, pid, v[LF_PASSWORD].s) : 0;
	if (ok == -1)
		return -1;
	if (!ok) {
		if (login_failed(r->db, &r->err, v[LF_EMAIL].s, r->ip) == -1)
			return -1;
		resp_header(resp, "WWW-Authenticate", "FormBased realm=\"idtracker\"");
		return login_render(r, 401, "The e-mail address or the password is not right.", v[LF_EMAIL].s, next);
	}
	if (login_succeeded(r->db, &r->err, v[LF_EMAIL].s) == -1 ||
	    session_create(r->db, &r->err, pid, r->ip, (long)config_int(cfg, CFG_SESSION_TTL), token) == -1)
		return -1;
	if (resp_cookie(r, SESSION_COOKIE, token, (long)config_int(cfg, CFG_SESSION_TTL)) == -1)
		return -1;
	return resp_redirect(r, 303, next != NULL && url_local_path_ok(next) ? next : "/accounts/profile/");
}

int
page_logout(struct request *r, struct response *resp)
{
	(void)resp;
	if (r->user.session_id != 0 && session_delete(r->db, &r->err, r->user.person_id, r->user.session_id) == -1)
		return -1;
	if (resp_cookie(r, SESSION_COOKIE, "", -1) == -1)
		return -1;
	return resp_redirect(r, 303, "/");
}

static int
profile_render(struct request *r, const char *notice, const char *new_key)
{
	struct html h;
	struct apikey *keys;
	const char **emails;
	size_t i, nkeys, nemails;
	char action[64];

	if (person_emails(r->db, &r->arena, &r->err, r->user.person_id, &emails, &nemails) == -1 ||
	    apikey_list(r->db, &r->arena, &r->err, r->user.person_id, &keys, &nkeys) == -1)
		return -1;
	page_begin(r, &h, "Your profile", NULL);
	html_open(&h, TAG_H1, ATTR__END);
	html_text(&h, r->user.name);
	html_close(&h, TAG_H1);
	if (notice != NULL)
		page_notice(&h, "ok", notice);
	if (new_key != NULL) {
		html_open(&h, TAG_SECTION, ATTR_CLASS, "newkey", ATTR_ARIA_LABEL, "New API key", ATTR__END);
		html_elem(&h, TAG_P, "Your new API key is below. Copy it now: it is shown only this once.");
		html_open(&h, TAG_PRE, ATTR_ID, "new-api-key", ATTR__END);
		html_text(&h, new_key);
		html_close(&h, TAG_PRE);
		html_elem(&h, TAG_P, "Send it as the header Authorization: Bearer <key> to /api/v1/.");
		html_close(&h, TAG_SECTION);
	}
	html_elem(&h, TAG_H2, "E-mail addresses");
	html_open(&h, TAG_UL, ATTR_ID, "emails", ATTR__END);
	for (i = 0; i < nemails; i++) {
		html_open(&h, TAG_LI, ATTR__END);
		html_text(&h, emails[i]);
		if (i == 0)
			html_text(&h, " (primary)");
		html_close(&h, TAG_LI);
	}
	html_close(&h, TAG_UL);
	html_elem(&h, TAG_H2, "Roles");
	if (r->user.nroles == 0)
		html_elem(&h, TAG_P, "You hold no roles.");
	else {
		html_open(&h, TAG_UL, ATTR_ID, "roles", ATTR__END);
		for (i = 0; i < r->user.nroles; i++) {
			html_open(&h, TAG_LI, ATTR__END);
			html_text(&h, role_display_name(r->user.roles[i].role));
			html_text(&h, ", ");
			html_link(&h, page_group_href(r, r->user.roles[i].group), r->user.roles[i].group);
			html_close(&h, TAG_LI);
		}
		html_close(&h, TAG_UL);
	}
	html_elem(&h, TAG_H2, "Password");
	html_open(&h, TAG_P, ATTR__END);
	html_link(&h, "/accounts/password/", "Change your password");
	html_close(&h, TAG_P);

	html_elem(&h, TAG_H2, "API keys");
	if (nkeys == 0)
		html_elem(&h, TAG_P, "You have no API keys.");
	else {
		static const char *const headings[] = { "Key", "Label", "Created", "Last used", "State", NULL };
		page_table_begin(&h, "apikeys", headings);
		for (i = 0; i < nkeys; i++) {
			html_open(&h, TAG_TR, ATTR__END);
			html_open(&h, TAG_TD, ATTR__END);
			html_open(&h, TAG_CODE, ATTR__END);
			html_text(&h, keys[i].prefix);
			html_literal(&h, "&#8230;");
			html_close(&h, TAG_CODE);
			html_close(&h, TAG_TD);
			page_cell(&h, "Label", keys[i].label);
			page_cell(&h, "Created", keys[i].created);
			page_cell(&h, "Last used", keys[i].last_used ? keys[i].last_used : "never");
			html_open(&h, TAG_TD, ATTR__END);
			if (keys[i].revoked != NULL) {
				html_text(&h, "revoked ");
				html_text(&h, keys[i].revoked);
			} else {
				snprintf(action, sizeof(action), "/accounts/apikey/%lld/revoke/", (long long)keys[i].id);
				html_open(&h, TAG_FORM, ATTR_METHOD, "post", ATTR_ACTION, action, ATTR_CLASS, "inline", ATTR__END);
				page_csrf_field(r, &h);
				html_open(&h, TAG_BUTTON, ATTR_TYPE, "submit", ATTR__END);
				html_text(&h, "Revoke");
				html_close(&h, TAG_BUTTON);
				html_close(&h, TAG_FORM);
			}
			html_close(&h, TAG_TD);
			html_close(&h, TAG_TR);
		}
		page_table_end(&h);
	}
	html_open(&h, TAG_FORM, ATTR_METHOD, "post", ATTR_ACTION, "/accounts/apikey/", ATTR_ID, "apikey-form", ATTR__END);
	page_csrf_field(r, &h);
	html_open(&h, TAG_P, ATTR_CLASS, "field", ATTR__END);
	html_open(&h, TAG_LABEL, ATTR_FOR, "label", ATTR__END);
	html_text(&h, "Label for a new key (what it is for)");
	html_close(&h, TAG_LABEL);
	html_void(&h, TAG_INPUT, ATTR_TYPE, "text", ATTR_ID, "label", ATTR_NAME, "label", ATTR_MAXLENGTH, "100", ATTR__END);
	html_close(&h, TAG_P);
	html_open(&h, TAG_P, ATTR__END);
	html_open(&h, TAG_BUTTON, ATTR_TYPE, "submit", ATTR__END);
	html_text(&h, "Create an API key");
	html_close(&h, TAG_BUTTON);
	html_close(&h, TAG_P);
	html_close(&h, TAG_FORM);
	return page_end(r, &h);
}

int
page_profile(struct request *r, struct response *resp)
{
	(void)resp;
	return profile_render(r, NULL, NULL);
}

int
page_apikey_create(struct request *r, struct response *resp)
{
	struct field_value v[KF__MAX];
	char key[APIKEY_LEN + 1];
	int64_t id;

	if (form_read(&r->arena, &r->form, apikey_fields, KF__MAX, v, &r->err) == -1 ||
	    apikey_create(r->db, &r->err, r->user.person_id, r->user.person_id, v[KF_LABEL].s, key, &id) == -1)
		return -1;
	resp->status = 201;
	return profile_render(r, "The API key was created.", key);
}

int
page_apikey_revoke(struct request *r, struct response *resp)
{
	long long id = strtoll(req_param(r, 0), NULL, 10);

	(void)resp;
	if (apikey_revoke(r->db, &r->err, r->user.person_id, id) == -1)
		return -1;
	return resp_redirect(r, 303, "/accounts/profile/");
}

static int
password_render(struct request *r, int status, const char *error, const char *ok)
{
	struct html h;

	r->resp.status = status;
	page_begin(r, &h, "Change your password", NULL);
	html_elem(&h, TAG_H1, "Change your password");
	if (error != NULL)
		page_notice(&h, "error", error);
	if (ok != NULL)
		page_notice(&h, "ok", ok);
	html_open(&h, TAG_FORM, ATTR_METHOD, "post", ATTR_ACTION, "/accounts/password/", ATTR__END);
	page_csrf_field(r, &h);
	labelled_input(&h, "current", "Current password", "password", NULL, "current-password");
	labelled_input(&h, "new", "New password (at least 10 characters)", "password", NULL, "new-password");
	labelled_input(&h, "confirm", "New password again", "password", NULL, "new-password");
	html_open(&h, TAG_P, ATTR__END);
	html_open(&h, TAG_BUTTON, ATTR_TYPE, "submit", ATTR__END);
	html_text(&h, "Change password");
	html_close(&h, TAG_BUTTON);
	html_close(&h, TAG_P);
	html_close(&h, TAG_FORM);
	return page_end(r, &h);
}

int
page_password_form(struct request *r, struct response *resp)
{
	(void)resp;
	return password_render(r, 200, NULL, NULL);
}

/* Shared by the page and the API: checks the current password, sets the new one, and ends
 * every other session of the person (a changed password should lock out a stolen cookie). */
int
account_change_password(struct request *r)
{
	struct field_value v[PF__MAX];
	int ok;

	if (form_read(&r->arena, &r->form, password_fields, PF__MAX, v, &r->err) == -1)
		return -1;
	if (strcmp(v[PF_NEW].s, v[PF_CONFIRM].s) != 0)
		return err_set(&r->err, 400, "confirm", "The two new passwords differ.");
	if ((ok = account_check_password(r->db, &r->err, r->user.person_id, v[PF_CURRENT].s)) == -1)
		return -1;
	if (!ok)
		return err_set(&r->err, 403, "password", "The current password is not right.");
	if (db_begin(r->db, &r->err) == -1)
		return -1;
	if (account_set_password(r->db, &r->err, r->user.person_id, r->user.person_id, v[PF_NEW].s) == -1 ||
	    session_delete_others(r->db, &r->err, r->user.person_id, r->user.session_id) == -1) {
		db_rollback(r->db);
		return -1;
	}
	/* The owner hears of it by mail, queued in the same transaction: a stolen session that changes
	 * the password cannot do so silently. */
	{
		char now[ISO_TIME_LEN], idtext[24];
		const struct mail_ctx *mc = req_mail(r);
		struct mail_addr to = { r->user.name, r->user.email };
		int64_t mid;
		time_iso(now, time_now());
		snprintf(idtext, sizeof(idtext), "%lld", (long long)r->user.person_id);
		const struct mail_field f[] = { { "name", r->user.name }, { "email", r->user.email },
		    { "site", mc->site }, { "time", now } };
		if (r->user.email[0] != '\0' && outbox_queue_template(r->db, &r->arena, mc, TPL_PASSWORD_CHANGED, f, 4, &to,
		    "person", idtext, &mid, &r->err) == -1) {
			db_rollback(r->db);
			return -1;
		}
	}
	return db_commit(r->db, &r->err);
}

int
page_password(struct request *r, struct response *resp)
{
	(void)resp;
	if (account_change_password(r) == -1) {
		if (r->err.status >= 500)
			return -1;
		return password_render(r, r->err.status, r->err.msg, NULL);
	}
	return password_render(r, 200, NULL, "Your password was changed. Your other sessions were signed out.");
}
