/* routes.c: the one static route table. Each row carries its policy (login, CSRF, permission,
 * body) and the dispatcher in http/server.c enforces it before the handler runs (STYLE habit 1).
 * Page rows and their JSON twins sit side by side so every web action has an API. */
#include <stddef.h>

#include "api/api.h"
#include "auth/perm.h"
#include "http/request.h"
#include "routes.h"
#include "web/layout.h"
#include "web/pages.h"

const struct route routes[] = {
	{ M_GET, "/", page_home, R_CACHE, PERM_ANYONE },
	{ M_GET, "/healthz", api_healthz, R_API | R_STATIC, PERM_ANYONE },
	{ M_GET, "/static/<name>", page_static, R_STATIC, PERM_ANYONE },
	{ M_GET, "/favicon.ico", page_favicon, R_STATIC, PERM_ANYONE },
	{ M_GET, "/submit/", page_submit_form, 0, PERM_ANYONE },
	{ M_POST, "/submit/", page_submit, R_FORM | R_CSRF, PERM_ANYONE },
	{ M_GET, "/submit/validate/", page_validate_form, 0, PERM_ANYONE },
	{ M_POST, "/submit/validate/", page_validate, R_FORM | R_CSRF, PERM_ANYONE },
	{ M_GET, "/submit/status/", page_sub_search, 0, PERM_ANYONE },
	/* Literal segments before the token: "confirm", "edit", "full", "diff" are never tokens (43 chars). */
	{ M_GET, "/submit/status/<int>/confirm/<name>/", page_sub_confirm_form, 0, PERM_ANYONE },
	{ M_POST, "/submit/status/<int>/confirm/<name>/", page_sub_confirm, R_FORM | R_CSRF, PERM_ANYONE },
	{ M_GET, "/submit/status/<int>/", page_sub_status, 0, PERM_ANYONE },
	{ M_POST, "/submit/status/<int>/", page_sub_action, R_FORM | R_CSRF, PERM_ANYONE },
	{ M_GET, "/submit/status/<int>/edit/", page_sub_edit_form, 0, PERM_ANYONE },
	{ M_POST, "/submit/status/<int>/edit/", page_sub_edit, R_FORM | R_CSRF, PERM_ANYONE },
	{ M_GET, "/submit/status/<int>/full/", page_sub_full, 0, PERM_ANYONE },
	{ M_GET, "/submit/status/<int>/diff/", page_sub_diff, 0, PERM_ANYONE },
	{ M_GET, "/submit/status/<int>/<name>/", page_sub_status, 0, PERM_ANYONE },
	{ M_POST, "/submit/status/<int>/<name>/", page_sub_action, R_FORM | R_CSRF, PERM_ANYONE },
	{ M_GET, "/submit/status/<int>/<name>/edit/", page_sub_edit_form, 0, PERM_ANYONE },
	{ M_POST, "/submit/status/<int>/<name>/edit/", page_sub_edit, R_FORM | R_CSRF, PERM_ANYONE },
	{ M_GET, "/submit/status/<int>/<name>/full/", page_sub_full, 0, PERM_ANYONE },
	{ M_GET, "/submit/status/<int>/<name>/diff/", page_sub_diff, 0, PERM_ANYONE },
	{ M_GET, "/submit/approvals/", page_sub_approvals, R_LOGIN, PERM_SIGNED_IN },
	{ M_POST, "/submit/approvals/preapproval/", page_sub_preapproval_add, R_FORM | R_CSRF | R_LOGIN, PERM_SIGNED_IN },
	{ M_POST, "/submit/approvals/preapproval/<int>/cancel/", page_sub_preapproval_cancel, R_FORM | R_CSRF | R_LOGIN,
	  PERM_SIGNED_IN },
	{ M_GET, "/submit/manualpost/", page_sub_manualpost, R_LOGIN, PERM_SUBMIT_MANUAL },
	{ M_GET, "/submit/cutoff/", page_sub_cutoff_form, R_LOGIN, PERM_SUBMIT_MANUAL },
	{ M_POST, "/submit/cutoff/", page_sub_cutoff, R_FORM | R_CSRF | R_LOGIN, PERM_SUBMIT_MANUAL },
	{ M_GET, "/doc/", page_doc_index, R_CACHE, PERM_ANYONE },
	{ M_GET, "/doc/compare/", page_doc_compare, 0, PERM_ANYONE },
	{ M_GET, "/doc/<name>/", page_doc, R_CACHE, PERM_ANYONE },
	{ M_GET, "/doc/<name>/diff/", page_doc_diff, 0, PERM_ANYONE },
	/* The WG document office: every action is checked again by src/wg/wgdoc.c for the document's WG. */
	{ M_POST, "/doc/<name>/wg/", page_doc_wg, R_FORM | R_CSRF | R_LOGIN, PERM_SIGNED_IN },
	{ M_GET, "/doc/<name>/adopt/call/", page_doc_call_form, R_LOGIN, PERM_SIGNED_IN },
	{ M_POST, "/doc/<name>/adopt/call/", page_doc_call, R_FORM | R_CSRF | R_LOGIN, PERM_SIGNED_IN },
	{ M_GET, "/doc/<name>/adopt/ipr/<int>/<name>/", page_doc_ipr_form, 0, PERM_ANYONE },
	{ M_POST, "/doc/<name>/adopt/ipr/<int>/<name>/", page_doc_ipr, R_FORM | R_CSRF, PERM_ANYONE },
	{ M_GET, "/group/<name>/chairs/", page_group_chairs, R_LOGIN, PERM_SIGNED_IN },
	{ M_GET, "/group/<name>/feed/", page_group_feed, 0, PERM_ANYONE },
	{ M_GET, "/archive/id/<name>", page_archive, 0, PERM_ANYONE },
	{ M_GET, "/liaison/", page_liaison_list, R_CACHE, PERM_ANYONE },
	{ M_GET, "/liaison/mine/", page_liaison_mine, R_LOGIN, PERM_SIGNED_IN },
	{ M_GET, "/liaison/sdo/", page_liaison_sdo, R_CACHE, PERM_ANYONE },
	{ M_GET, "/liaison/feed/", page_liaison_feed, 0, PERM_ANYONE },
	{ M_GET, "/liaison/feed/group/<name>/", page_liaison_feed_group, 0, PERM_ANYONE },
	{ M_GET, "/liaison/feed/purpose/<name>/", page_liaison_feed_purpose, 0, PERM_ANYONE },
	{ M_GET, "/liaison/deadlines.ics", page_liaison_ics, 0, PERM_ANYONE },
	{ M_GET, "/liaison/add/incoming/", page_liaison_add_form, R_LOGIN, PERM_LIAISON_ADD_INCOMING },
	{ M_POST, "/liaison/add/incoming/", page_liaison_add, R_FORM | R_CSRF | R_LOGIN, PERM_LIAISON_ADD_INCOMING },
	{ M_GET, "/liaison/add/outgoing/", page_liaison_add_form, R_LOGIN, PERM_LIAISON_ADD_OUTGOING },
	{ M_POST, "/liaison/add/outgoing/", page_liaison_add, R_FORM | R_CSRF | R_LOGIN, PERM_LIAISON_ADD_OUTGOING },
	/* Every action on a statement is checked again by src/liaison/liaison.c for that statement. */
	{ M_GET, "/liaison/<int>/", page_liaison, R_CACHE, PERM_ANYONE },
	{ M_POST, "/liaison/<int>/", page_liaison_action, R_FORM | R_CSRF | R_LOGIN, PERM_SIGNED_IN },
	{ M_GET, "/liaison/<int>/reply/", page_liaison_reply, R_LOGIN, PERM_SIGNED_IN },
	{ M_GET, "/liaison/<int>/edit/", page_liaison_edit_form, R_LOGIN, PERM_SIGNED_IN },
	{ M_POST, "/liaison/<int>/edit/", page_liaison_edit, R_FORM | R_CSRF | R_LOGIN, PERM_SIGNED_IN },
	{ M_POST, "/liaison/<int>/attach/", page_liaison_attach, R_FORM | R_CSRF | R_LOGIN, PERM_SIGNED_IN },
	{ M_GET, "/liaison/<int>/attachment/<int>/", page_liaison_attachment, 0, PERM_ANYONE },
	/* L15: the public, without signing in; the contact confirms by a mailed link, then moderation. */
	{ M_GET, "/liaison/submit/", page_liaison_public_form, 0, PERM_ANYONE },
	{ M_POST, "/liaison/submit/", page_liaison_public, R_FORM | R_CSRF, PERM_ANYONE },
	{ M_GET, "/liaison/submit/<int>/confirm/<name>/", page_liaison_public_confirm_form, 0, PERM_ANYONE },
	{ M_POST, "/liaison/submit/<int>/confirm/<name>/", page_liaison_public_confirm, R_FORM | R_CSRF, PERM_ANYONE },

	{ M_GET, "/accounts/login/", page_login_form, 0, PERM_ANYONE },
	{ M_POST, "/accounts/login/", page_login, R_FORM | R_CSRF, PERM_ANYONE },
	{ M_POST, "/accounts/logout/", page_logout, R_FORM | R_CSRF | R_LOGIN, PERM_ANYONE },
	{ M_GET, "/accounts/profile/", page_profile, R_LOGIN, PERM_SIGNED_IN },
	{ M_GET, "/accounts/password/", page_password_form, R_LOGIN, PERM_SIGNED_IN },
	{ M_POST, "/accounts/password/", page_password, R_FORM | R_CSRF | R_LOGIN, PERM_SIGNED_IN },
	{ M_POST, "/accounts/apikey/", page_apikey_create, R_FORM | R_CSRF | R_LOGIN, PERM_SIGNED_IN },
	{ M_POST, "/accounts/apikey/<int>/revoke/", page_apikey_revoke, R_FORM | R_CSRF | R_LOGIN, PERM_SIGNED_IN },

	{ M_GET, "/group/", page_group_index, R_CACHE, PERM_ANYONE },
	{ M_GET, "/group/<name>/", page_group, R_CACHE, PERM_ANYONE },

	{ M_GET, "/admin/outbox/", page_outbox, R_LOGIN, PERM_SECRETARIAT },
	{ M_POST, "/admin/outbox/<int>/resend/", page_outbox_resend, R_FORM | R_CSRF | R_LOGIN, PERM_SECRETARIAT },

	/* Validation changes nothing, so it needs no CSRF token: scripts post files with no cookies. */
	{ M_POST, "/api/validate", api_validate, R_API | R_FORM | R_PURE, PERM_ANYONE },
	/* Scripts submit without cookies: `user` names the submitter (who still confirms by mail), or a
	 * Bearer key signs in; a browser's session cookie is ignored, so no CSRF is possible. */
	{ M_POST, "/api/submission", api_submission, R_API | R_FORM | R_NOCOOKIE, PERM_ANYONE },
	{ M_GET, "/api/submission/<int>/status", api_submission_status, R_API, PERM_ANYONE },
	{ M_POST, "/api/v1/liaison", api_liaison_create, R_API | R_FORM | R_CSRF | R_LOGIN, PERM_SIGNED_IN },
	{ M_GET, "/api/v1/liaison", api_liaison_list, R_API, PERM_ANYONE },
	{ M_GET, "/api/v1/doc/<name>", api_doc_get, R_API, PERM_ANYONE },
	{ M_POST, "/api/v1/doc/<name>/<name>", api_doc_action, R_API | R_FORM | R_CSRF | R_LOGIN, PERM_SIGNED_IN },
	{ M_POST, "/api/v1/group/<name>/transitions", api_group_transitions, R_API | R_FORM | R_CSRF | R_LOGIN, PERM_SIGNED_IN },
	{ M_GET, "/api/v1/liaison/<int>", api_liaison_get, R_API, PERM_ANYONE },
	{ M_GET, "/api/v1/liaison/defaults", api_liaison_defaults, R_API | R_LOGIN, PERM_SIGNED_IN },
	{ M_POST, "/api/v1/liaison/<int>/<name>", api_liaison_action, R_API | R_FORM | R_CSRF | R_LOGIN, PERM_SIGNED_IN },
	{ M_POST, "/api/submission/<int>/action", api_submission_action, R_API | R_FORM | R_NOCOOKIE, PERM_ANYONE },
	{ M_GET, "/api/v1/", api_index, R_API, PERM_ANYONE },
	{ M_GET, "/api/v1/group", api_group_list, R_API, PERM_ANYONE },
	{ M_GET, "/api/v1/group/<name>", api_group_get, R_API, PERM_ANYONE },
	{ M_GET, "/api/v1/whoami", api_whoami, R_API | R_LOGIN, PERM_SIGNED_IN },
	{ M_POST, "/api/v1/apikey", api_apikey_create, R_API | R_FORM | R_CSRF | R_LOGIN, PERM_SIGNED_IN },
	{ M_POST, "/api/v1/apikey/<int>/revoke", api_apikey_revoke, R_API | R_FORM | R_CSRF | R_LOGIN, PERM_SIGNED_IN },
	{ M_POST, "/api/v1/account/password", api_password, R_API | R_FORM | R_CSRF | R_LOGIN, PERM_SIGNED_IN },
	{ M_GET, "/api/v1/outbox", api_outbox_list, R_API | R_LOGIN, PERM_SECRETARIAT },
	{ M_POST, "/api/v1/outbox/<int>/resend", api_outbox_resend, R_API | R_FORM | R_CSRF | R_LOGIN, PERM_SECRETARIAT },
};

const size_t nroutes = sizeof(routes) / sizeof(routes[0]);

static void
render_error(struct request *r, struct response *resp)
{
	if (req_is_api(r))
		api_error(r, resp);
	else
		page_error(r, resp);
}

static int
route_perm_allows(struct request *r, int perm)
{
	return perm_allows(&r->user, (enum perm)perm, NULL);
}

const struct server_hooks route_hooks = { render_error, route_perm_allows };
