/* submission_pages.c: the submission office's pages (seed 004 sections 7-15): the upload page
 * /submit/, the status (check and receipt) page /submit/status/<id>/[<token>/] with its actions,
 * the confirm link, the adjust page, the approvals page, the Secretariat's queue and cut-off.
 * Pages format; src/submit/submission.c decides. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../auth/perm.h"
#include "../core/config.h"
#include "../core/timeutil.h"
#include "../db/db.h"
#include "../doc/document.h"
#include "../draft/nits.h"
#include "../http/request.h"
#include "../submit/submission.h"
#include "layout.h"
#include "pages.h"

#define PREVIEW_LINES	60	/* the first page and the abstract (R31) */

void
sub_ctx_of(struct request *r, struct sub_ctx *c)
{
	memset(c, 0, sizeof(*c));
	c->db = r->db;
	c->a = &r->arena;
	c->cfg = r->cfg;
	c->mail = req_mail(r);
	c->user = &r->user;
	c->ip = r->ip;
	c->now = time_now();
}

static void
file_field(struct html *h, const char *id, const char *label)
{
	html_open(h, TAG_P, ATTR_CLASS, "field", ATTR__END);
	html_open(h, TAG_LABEL, ATTR_FOR, id, ATTR__END);
	html_text(h, label);
	html_close(h, TAG_LABEL);
	html_void(h, TAG_INPUT, ATTR_TYPE, "file", ATTR_ID, id, ATTR_NAME, id, ATTR__END);
	html_close(h, TAG_P);
}

static void
button(struct html *h, const char *name, const char *value, const char *label, const char *cls)
{
	html_open(h, TAG_BUTTON, ATTR_TYPE, "submit", ATTR_NAME, name, ATTR_VALUE, value, ATTR_CLASS, cls, ATTR__END);
	html_text(h, label);
	html_close(h, TAG_BUTTON);
}

static const char *outcome_code(const struct submission *);

/* ---- upload ---- */

static void
upload_form(struct request *r, struct html *h)
{
	const char *mb = arena_printf(&r->arena, "%lld", config_int(r->cfg, CFG_SUBMIT_MAX_TXT) >> 20);

	html_open(h, TAG_FORM, ATTR_METHOD, "post", ATTR_ACTION, "/submit/", ATTR_ENCTYPE, "multipart/form-data",
	    ATTR_ID, "upload-form", ATTR__END);
	page_csrf_field(r, h);
	file_field(h, "txt", arena_printf(&r->arena, "Plain text (draft-<name>-<NN>.txt, at most %s MiB)", mb));
	file_field(h, "xml", arena_printf(&r->arena, "XML, v2 or v3 (draft-<name>-<NN>.xml, at most %lld MiB)",
	    config_int(r->cfg, CFG_SUBMIT_MAX_XML) >> 20));
	file_field(h, "pdf", "PDF (optional)");
	file_field(h, "html", "HTML (optional)");
	html_elem(h, TAG_P, "One of plain text or XML is required; when both come they must be the same draft.");
	if (r->user.person_id == 0) {
		page_field(h, "submitter_name", "Your name (needed to post at once)", "text", NULL, 0);
		page_field(h, "submitter_email", "Your e-mail address (the confirmation goes there)", "email", NULL, 0);
	}
	html_open(h, TAG_P, ATTR_CLASS, "field", ATTR__END);
	html_void(h, TAG_INPUT, ATTR_TYPE, "checkbox", ATTR_ID, "post_if_valid", ATTR_NAME, "post_if_valid", ATTR_VALUE,
	    "1", ATTR__END);
	html_open(h, TAG_LABEL, ATTR_FOR, "post_if_valid", ATTR__END);
	html_text(h, "Post if valid: when the checks find no error, go on to posting at once");
	html_close(h, TAG_LABEL);
	html_close(h, TAG_P);
	html_open(h, TAG_P, ATTR__END);
	button(h, "action", "upload", "Upload and check", NULL);
	html_close(h, TAG_P);
	html_close(h, TAG_FORM);
}

static void
upload_intro(struct request *r, struct html *h)
{
	struct sub_ctx c;
	struct err e = { 0 };
	const char *cut;

	html_elem(h, TAG_H1, "Submit an Internet-Draft");
	sub_ctx_of(r, &c);
	if (sub_in_cutoff(&c, &cut, &e) == 1)
		page_notice(h, "error", cut);
	html_open(h, TAG_P, ATTR__END);
	html_text(h, "Upload the draft; it is checked at once and you see the results before anything is posted. "
	    "To check a draft without submitting it, use ");
	html_link(h, "/submit/validate/", "validation only");
	html_text(h, ".");
	html_close(h, TAG_P);
}

int
page_submit_form(struct request *r, struct response *resp)
{
	struct html h;

	(void)resp;
	page_begin(r, &h, "Submit an Internet-Draft", "submit");
	upload_intro(r, &h);
	upload_form(r, &h);
	html_open(&h, TAG_P, ATTR__END);
	html_link(&h, "/submit/approvals/", "Approvals (chairs and ADs)");
	html_text(&h, " · ");
	html_link(&h, "/submit/manualpost/", "Manual posts (Secretariat)");
	html_text(&h, " · ");
	html_link(&h, "/doc/", "Posted drafts");
	html_close(&h, TAG_P);
	return page_end(r, &h);
}

/* The extra formats of a form (fields "pdf" and "html"). */
size_t
submit_form_extra(struct request *r, struct upload_extra *out)
{
	static const char *const exts[] = { "pdf", "html" };
	const struct form_field *fl;
	size_t i, n = 0;

	for (i = 0; i < 2; i++) {
		fl = form_get(&r->form, exts[i]);
		if (fl == NULL || fl->filename == NULL || (fl->filename[0] == '\0' && fl->len == 0))
			continue;
		out[n].ext = exts[i];
		out[n].filename = fl->filename;
		out[n].data = fl->value;
		out[n].len = fl->len;
		n++;
	}
	return n;
}

/* The status page URL with the token (or without, for someone signed in). */
static const char *
status_href(struct request *r, int64_t id, const char *token)
{
	return token ? arena_printf(&r->arena, "/submit/status/%lld/%s/", (long long)id, token) :
	    arena_printf(&r->arena, "/submit/status/%lld/", (long long)id);
}

int
page_submit(struct request *r, struct response *resp)
{
	struct upload_file files[2];
	struct upload_extra extra[2];
	struct sub_new in;
	struct submission s;
	struct validation v;
	struct sub_ctx c;
	struct html h;
	char token[TOKEN_LEN + 1];

	memset(&in, 0, sizeof(in));
	in.files = files;
	in.nfiles = submit_form_files(r, files);
	in.extra = extra;
	in.nextra = submit_form_extra(r, extra);
	in.via = "web";
	in.submitter_name = form_value(&r->form, "submitter_name");
	in.submitter_email = form_value(&r->form, "submitter_email");
	if (in.submitter_name && in.submitter_name[0] == '\0')
		in.submitter_name = NULL;
	if (in.submitter_email && in.submitter_email[0] == '\0')
		in.submitter_email = NULL;
	sub_ctx_of(r, &c);
	if (sub_create(&c, &in, &s, token, &v, &r->err) == -1) {
		if (r->err.status >= 500 && r->err.status != 503)
			return -1;
		resp->status = r->err.status;
		page_begin(r, &h, "Submit an Internet-Draft", "submit");
		upload_intro(r, &h);
		page_notice(&h, "error", r->err.msg);
		upload_form(r, &h);
		return page_end(r, &h);
	}
	/* R78, R79: post if valid, when there is no error and we know who submits. */
	if (form_value(&r->form, "post_if_valid") != NULL && s.errors == 0 && s.submitter_email[0] != '\0') {
		struct sub_meta m = { s.submitter_name[0] ? s.submitter_name : s.submitter_email, s.submitter_email, "", "" };
		struct err e2 = { 0 };
		if (sub_post_request(&c, &s, &m, &e2) == -1)
			return resp_redirect(r, 303, arena_printf(&r->arena, "%s?notice=%s", status_href(r, s.id, token),
			    e2.code));
		return resp_redirect(r, 303, arena_printf(&r->arena, "%s?notice=%s", status_href(r, s.id, token),
		    outcome_code(&s)));
	}
	if (form_value(&r->form, "post_if_valid") != NULL && s.errors > 0)
		return resp_redirect(r, 303, arena_printf(&r->arena, "%s?notice=errors", status_href(r, s.id, token)));
	return resp_redirect(r, 303, status_href(r, s.id, token));
}

/* ---- status ---- */

struct status_view {
	struct submission	 s;
	const char		*token;		/* as given in the URL, NULL when none */
	int			 has_token;
	const char		*base;		/* the status URL this page lives at */
};

static int
load_view(struct request *r, struct sub_ctx *c, struct status_view *sv)
{
	const char *tok = r->match.nparams > 1 ? req_param(r, 1) : NULL;

	memset(sv, 0, sizeof(*sv));
	if (sub_load(c, strtoll(req_param(r, 0), NULL, 10), &sv->s, &r->err) == -1)
		return -1;
	if (tok != NULL) {
		if (!sub_token_ok(&sv->s, tok))
			return err_set(&r->err, 404, "token", "This status link is not valid for submission %s.", req_param(r, 0));
		sv->token = tok;
		sv->has_token = 1;
	}
	sv->base = status_href(r, sv->s.id, sv->token);
	return 0;
}

/* The mark of a text the office rendered from the XML (R70), on the status and full pages. */
#define GENERATED_NOTE	"The plain text was generated from the XML by idtracker render (no text was uploaded)."
#define PREPROCESSED_NOTE "The XML is the preprocessed one, posted as the public XML: its includes resolved from " \
	"the reference library and its processing instructions removed (R8, R10). The XML as uploaded is kept " \
	"beside it as the original."

/* ".txt,.xml,.orig.xml" -> "txt, xml, original xml" */
static const char *
files_text(struct request *r, const char *types)
{
	char *t = arena_strdup(&r->arena, types), *tok, *save = NULL;
	struct buf b;

	buf_init(&b, &r->arena, 0);
	for (tok = t ? strtok_r(t, ",", &save) : NULL; tok; tok = strtok_r(NULL, ",", &save))
		buf_printf(&b, "%s%s", b.len ? ", " : "", strcmp(tok, ".orig.xml") == 0 ? "original xml" :
		    tok + (tok[0] == '.'));
	return buf_cstr(&b);
}

static void
dl_text(struct html *h, const char *term, const char *value, const char *id)
{
	html_elem(h, TAG_DT, term);
	if (value && value[0]) {
		html_open(h, TAG_DD, ATTR_ID, id, ATTR__END);
		html_text(h, value);
	} else {
		/* R26: what was not found is marked, never left out. */
		html_open(h, TAG_DD, ATTR_ID, id, ATTR_CLASS, "missing", ATTR__END);
		html_text(h, "(not found in the draft)");
	}
	html_close(h, TAG_DD);
}

static void
receipt(struct request *r, struct html *h, struct sub_ctx *c, const struct submission *s)
{
	const char *url = arena_printf(&r->arena, "%s/submit/status/%lld/", req_base_url(r), (long long)s->id);
	const char *sec = config_str(r->cfg, CFG_SECRETARIAT);
	struct err e = { 0 };

	/* R63-R65: a perpetual identifier and whom to ask. */
	html_open(h, TAG_SECTION, ATTR_ID, "receipt", ATTR_CLASS, "receipt", ATTR__END);
	html_open(h, TAG_P, ATTR__END);
	html_textf(h, "Submission %lld. Keep this number, or this address: ", (long long)s->id);
	html_link(h, url, url);
	html_text(h, ". Problems with a submission? Write to the Secretariat at ");
	html_link(h, arena_printf(&r->arena, "mailto:%s", sec), sec);
	html_text(h, " and give the number.");
	html_close(h, TAG_P);
	if (s->state == SUB_MANUAL) {
		long est = sub_manual_estimate(c, &e);
		html_open(h, TAG_P, ATTR_ID, "estimate", ATTR__END);
		if (est <= 0)
			html_text(h, "Expected processing time: the Secretariat usually posts within one working day.");
		else if (est < 7200)
			html_textf(h, "Expected processing time: about %ld minutes (the median of recent manual posts).", (est + 59) / 60);
		else
			html_textf(h, "Expected processing time: about %ld hours (the median of recent manual posts).", (est + 3599) / 3600);
		html_close(h, TAG_P);
	}
	html_close(h, TAG_SECTION);
}

static const char *
state_sentence(struct request *r, const struct submission *s)
{
	switch (s->state) {
	case SUB_UPLOADED:
		return s->errors ? "Checked: errors block automatic posting. Correct the draft and upload it again, or Adjust "
		    "the metadata and send it to the Secretariat with an explanation." :
		    "Checked: no errors. Say who submits it, then post it.";
	case SUB_AUTH:
		return arena_printf(&r->arena, "Waiting for confirmation: an e-mail with a confirmation link was sent to the "
		    "submitter and the authors. Nothing is posted until someone opens it and presses Confirm; unconfirmed "
		    "submissions expire after %lld days.", config_int(r->cfg, CFG_SUBMIT_EXPIRE));
	case SUB_AUT_APPR:
		return "Waiting for the authors of the previous revision: they were sent a confirmation link. (The submitter "
		    "gets it only if they are one of them.)";
	case SUB_GRP_APPR:
		return "Waiting for the working group's chairs: the first version of a WG draft needs their approval.";
	case SUB_AD_APPR:
		return "Waiting for the Area Director's approval.";
	case SUB_MANUAL:
		return "Waiting for the Secretariat, who will post it by hand and tell the submitter.";
	case SUB_WAITING:
		return "The Secretariat waits for this draft's files.";
	case SUB_POSTED:
		return "";
	case SUB_CANCEL:
		return "Cancelled: nothing was posted, and this submission can no longer change.";
	case SUB__MAX:
		break;
	}
	return "";
}

static void
messages(struct html *h, const struct submission *s)
{
	static const char *const sevs[] = { "error", "warning", "comment" };
	static const char *const heads[] = { "Errors (these block automatic posting)", "Warnings", "Comments" };
	json_t *arr = json_loads(s->messages, 0, NULL), *m;
	size_t i;
	int k, any;

	html_open(h, TAG_P, ATTR_ID, "verdict", ATTR_CLASS, s->errors ? "notice error" : "notice ok", ATTR__END);
	html_textf(h, "%d error%s, %d warning%s.", s->errors, s->errors == 1 ? "" : "s", s->warnings,
	    s->warnings == 1 ? "" : "s");
	html_close(h, TAG_P);
	for (k = 0; k < 3; k++) {
		any = 0;
		json_array_foreach(arr, i, m) {
			const char *sev = json_string_value(json_object_get(m, "severity"));
			json_int_t line = json_integer_value(json_object_get(m, "line"));
			if (sev == NULL || strcmp(sev, sevs[k]) != 0)
				continue;
			if (!any++) {
				html_elem(h, TAG_H3, heads[k]);
				html_open(h, TAG_UL, ATTR_CLASS, "nits", ATTR_ID, sevs[k], ATTR__END);
			}
			html_open(h, TAG_LI, ATTR__END);
			html_open(h, TAG_STRONG, ATTR__END);
			html_text(h, json_string_value(json_object_get(m, "id")));
			html_close(h, TAG_STRONG);
			html_textf(h, " (%s) ", json_string_value(json_object_get(m, "file")));
			if (line > 0)
				html_textf(h, "line %lld: ", (long long)line);
			html_text(h, json_string_value(json_object_get(m, "message")));
			if (json_string_value(json_object_get(m, "detail")))
				html_textf(h, " (%s)", json_string_value(json_object_get(m, "detail")));
			html_open(h, TAG_SMALL, ATTR__END);
			html_text(h, " Source: ");
			html_text(h, json_string_value(json_object_get(m, "source")));
			html_close(h, TAG_SMALL);
			html_close(h, TAG_LI);
		}
		if (any)
			html_close(h, TAG_UL);
	}
	json_decref(arr);
}

static void
metadata(struct request *r, struct html *h, struct sub_ctx *c, const struct submission *s, const char *base)
{
	struct document d;
	struct err e = { 0 };
	size_t i;

	html_open(h, TAG_DL, ATTR_CLASS, "meta", ATTR_ID, "sub-meta", ATTR__END);
	html_elem(h, TAG_DT, "Document");
	html_open(h, TAG_DD, ATTR__END);
	if (s->state == SUB_POSTED)
		html_link(h, arena_printf(&r->arena, "/doc/%s/", s->name), s->name);
	else
		html_text(h, s->name);
	html_close(h, TAG_DD);
	dl_text(h, "Revision", s->rev, "m-rev");
	dl_text(h, "Group", s->group[0] ? s->group : "Individual submission", "m-group");
	dl_text(h, "Title", s->title, "m-title");
	dl_text(h, "Document date", s->doc_date, "m-date");
	dl_text(h, "Submission date", s->submission_date, "m-subdate");
	html_elem(h, TAG_DT, "Authors");
	html_open(h, TAG_DD, ATTR_ID, "m-authors", ATTR_CLASS, s->nauthors ? NULL : "missing", ATTR__END);
	if (s->nauthors == 0)
		html_text(h, "(no authors found in the draft)");
	html_open(h, TAG_UL, ATTR__END);
	for (i = 0; i < s->nauthors; i++) {
		html_open(h, TAG_LI, ATTR__END);
		html_text(h, s->authors[i].name);
		if (s->authors[i].email[0])
			html_textf(h, " <%s>", s->authors[i].email);
		else {
			html_open(h, TAG_SPAN, ATTR_CLASS, "missing", ATTR__END);
			html_text(h, " (no e-mail address found)");
			html_close(h, TAG_SPAN);
		}
		if (s->authors[i].org[0])
			html_textf(h, " - %s", s->authors[i].org);
		html_close(h, TAG_LI);
	}
	html_close(h, TAG_UL);
	if (s->nauthors > 5)
		html_elem(h, TAG_SMALL, "More than five authors: RFC 7322 section 4.1.1 asks for a justification.");
	html_close(h, TAG_DD);
	dl_text(h, "Intended status", s->intended_status, "m-status");
	dl_text(h, "Pages", s->pages ? arena_printf(&r->arena, "%d", s->pages) : NULL, "m-pages");
	dl_text(h, "Files", files_text(r, s->file_types), "m-files");
	/* R69, R70: the Secretariat and the authors should know the text is the office's rendering. */
	if (strstr(s->generated_types, ".txt")) {
		html_open(h, TAG_DD, ATTR_ID, "m-generated", ATTR_CLASS, "generated", ATTR__END);
		html_text(h, GENERATED_NOTE);
		html_close(h, TAG_DD);
	}
	if (strstr(s->file_types, ".orig.xml")) {
		html_open(h, TAG_DD, ATTR_ID, "m-preprocessed", ATTR_CLASS, "generated", ATTR__END);
		html_text(h, PREPROCESSED_NOTE);
		html_close(h, TAG_DD);
	}
	dl_text(h, "Submitter", s->submitter_email[0] ? arena_printf(&r->arena, "%s <%s>", s->submitter_name,
	    s->submitter_email) : NULL, "m-submitter");
	if (s->replaces[0])
		dl_text(h, "Replaces", s->replaces, "m-replaces");
	if (s->discuss_email[0])
		dl_text(h, "Discussion address", s->discuss_email, "m-discuss");
	if (s->note[0])
		dl_text(h, "Comment to the Secretariat", s->note, "m-note");
	dl_text(h, "Last update of this submission", page_time(r, s->updated), "m-updated");
	/* R83, R84: for a new revision, who posted the last one and when, and the diff against it. */
	if (doc_get(c->db, &r->arena, &e, s->name, &d) == 0 && d.nrevs > 0 && d.revs[d.nrevs - 1].submission_id != s->id) {
		const struct doc_revision *last = &d.revs[d.nrevs - 1];
		html_elem(h, TAG_DT, "Last posted revision");
		html_open(h, TAG_DD, ATTR_ID, "m-last", ATTR__END);
		html_textf(h, "-%s, posted %s by %s. ", last->rev, page_time(r, last->posted), last->submitter);
		if (s->state != SUB_POSTED && strstr(s->file_types, ".txt") && strstr(last->file_types, ".txt"))
			html_link(h, arena_printf(&r->arena, "%sdiff/", base), arena_printf(&r->arena, "Diff against -%s", last->rev));
		html_close(h, TAG_DD);
	}
	html_close(h, TAG_DL);
	html_elem(h, TAG_H3, "Abstract");
	html_open(h, TAG_PRE, ATTR_CLASS, s->abstract[0] ? "abstract" : "abstract missing", ATTR_ID, "m-abstract", ATTR__END);
	html_text(h, s->abstract[0] ? s->abstract : "(no abstract found in the draft)");
	html_close(h, TAG_PRE);
}

static void
preview(struct request *r, struct html *h, struct sub_ctx *c, const struct submission *s, const char *base)
{
	const char *txt;
	size_t len, i, n = 0;

	if (s->state == SUB_CANCEL)
		return;
	txt = sub_staged_file(c, s, strstr(s->file_types, ".txt") ? "txt" : "xml", &len);
	html_elem(h, TAG_H2, "Preview");
	if (txt != NULL && strstr(s->file_types, ".txt") && strstr(s->generated_types, ".txt"))
		html_elem(h, TAG_P, GENERATED_NOTE);
	if (txt == NULL) {
		html_elem(h, TAG_P, "The files are no longer here.");
		return;
	}
	for (i = 0; i < len && n < PREVIEW_LINES; i++)
		if (txt[i] == '\n')
			n++;
	html_open(h, TAG_PRE, ATTR_ID, "preview", ATTR_CLASS, "preview", ATTR__END);
	html_textn(h, txt, i);
	html_close(h, TAG_PRE);
	html_open(h, TAG_P, ATTR__END);
	html_link(h, arena_printf(&r->arena, "%sfull/", base), "The whole draft, every format");
	html_close(h, TAG_P);
}

static void
history(struct request *r, struct html *h, struct sub_ctx *c, int64_t id)
{
	static const char *const heads[] = { "Date", "By", "What", NULL };
	struct err e = { 0 };
	struct db_stmt *st;
	int rc;

	html_elem(h, TAG_H2, "History");
	if ((st = db_query(c->db, &e, "SELECT e.at, coalesce(p.name, '(system)'), e.detail FROM event e LEFT JOIN person p "
	    "ON p.id = e.person_id WHERE e.object_type = 'submission' AND e.object_id = ? ORDER BY e.id DESC", "s",
	    arena_printf(&r->arena, "%lld", (long long)id))) == NULL)
		return;
	page_table_begin(h, "history", heads);
	while ((rc = db_step(st, &e)) == 1) {
		html_open(h, TAG_TR, ATTR__END);
		page_cell(h, "Date", page_time(r, db_col_text(st, 0)));
		page_cell(h, "By", db_col_text(st, 1));
		page_cell(h, "What", db_col_text(st, 2));
		html_close(h, TAG_TR);
	}
	if (rc != -1)
		db_done(st);
	page_table_end(h);
}

static void
action_form(struct request *r, struct html *h, const char *base, const char *id)
{
	html_open(h, TAG_FORM, ATTR_METHOD, "post", ATTR_ACTION, base, ATTR_ID, id, ATTR_CLASS, "inline", ATTR__END);
	page_csrf_field(r, h);
}

static void
post_form(struct request *r, struct html *h, struct sub_ctx *c, const struct submission *s, const char *base)
{
	const char *sel_name = s->submitter_name, *sel_email = s->submitter_email;
	size_t i;

	(void)c;
	if (r->user.person_id != 0 && sel_email[0] == '\0') {
		sel_name = r->user.name;
		sel_email = r->user.email;
	}
	html_elem(h, TAG_H2, "Post");
	action_form(r, h, base, "post-form");
	/* R32: the submitter, chosen among the authors or typed. */
	html_open(h, TAG_P, ATTR_CLASS, "field", ATTR__END);
	html_open(h, TAG_LABEL, ATTR_FOR, "author", ATTR__END);
	html_text(h, "Which author are you?");
	html_close(h, TAG_LABEL);
	html_open(h, TAG_SELECT, ATTR_ID, "author", ATTR_NAME, "author", ATTR__END);
	for (i = 0; i < s->nauthors; i++) {
		if (s->authors[i].email[0] == '\0')
			continue;
		html_open(h, TAG_OPTION, ATTR_VALUE, arena_printf(&r->arena, "%zu", i), ATTR_SELECTED,
		    strcasecmp(s->authors[i].email, sel_email) == 0 ? "" : NULL, ATTR__END);
		html_textf(h, "%s <%s>", s->authors[i].name, s->authors[i].email);
		html_close(h, TAG_OPTION);
	}
	html_open(h, TAG_OPTION, ATTR_VALUE, "other", ATTR__END);
	html_text(h, "Someone else: the name and address below");
	html_close(h, TAG_OPTION);
	html_close(h, TAG_SELECT);
	html_close(h, TAG_P);
	page_field(h, "submitter_name", "Submitter's name (when not an author above)", "text", sel_name, 0);
	page_field(h, "submitter_email", "Submitter's e-mail address", "email", sel_email, 0);
	page_field(h, "replaces", "Replaces (optional: earlier drafts, by name, comma-separated)", "text", s->replaces, 0);
	html_open(h, TAG_P, ATTR_CLASS, "help", ATTR__END);
	html_text(h, "\"Replaces\" is for a different, earlier draft whose work continues in this one, for example an "
	    "individual draft adopted by a working group and renamed draft-ietf-.... It is not the previous revision of "
	    "this draft: revisions are linked by themselves. A replaced draft is marked \"Replaced by\" this one.");
	html_close(h, TAG_P);
	page_field(h, "discuss_email", "Discussion address (optional)", "email", s->discuss_email[0] ? s->discuss_email : NULL, 0);
	html_open(h, TAG_P, ATTR__END);
	if (s->errors == 0)
		button(h, "action", "post", "Post submission", "primary");
	else
		html_elem(h, TAG_SPAN, "Posting is not offered: the checks found errors.");
	html_close(h, TAG_P);
	html_close(h, TAG_FORM);
	html_open(h, TAG_P, ATTR__END);
	html_link(h, arena_printf(&r->arena, "%sedit/", base), "Adjust the metadata and send it to the Secretariat for manual posting");
	html_close(h, TAG_P);
}

static void
other_actions(struct request *r, struct html *h, struct sub_ctx *c, const struct status_view *sv)
{
	const struct submission *s = &sv->s;
	int conf = sub_may(c, s, SA_CONFIRM, sv->has_token), appr = sub_may(c, s, SA_APPROVE, sv->has_token);
	int force = sub_may(c, s, SA_FORCE, sv->has_token), canc = sub_may(c, s, SA_CANCEL, sv->has_token);

	if (!conf && !appr && !force && !canc)
		return;
	html_elem(h, TAG_H2, "Actions");
	action_form(r, h, sv->base, "actions");
	if (conf)
		button(h, "action", "confirm", "Confirm and post (you are an author)", "primary");
	if (appr)
		button(h, "action", "approve", "Approve and post", "primary");
	if (force)
		button(h, "action", "force", "Force post (Secretariat)", NULL);
	if (canc) {
		page_field(h, "reason", "Reason for cancelling (optional)", "text", NULL, 0);
		button(h, "action", "cancel", "Cancel submission", "danger");
	}
	html_close(h, TAG_FORM);
	if (sub_may(c, s, SA_SECRETARIAT_EDIT, sv->has_token) && s->state == SUB_MANUAL) {
		html_open(h, TAG_P, ATTR__END);
		html_link(h, arena_printf(&r->arena, "%sedit/", sv->base), "Edit the metadata (Secretariat)");
		html_close(h, TAG_P);
	}
}

static int
status_page(struct request *r, struct sub_ctx *c, struct status_view *sv, const char *notice, int notice_error)
{
	const struct submission *s = &sv->s;
	struct html h;

	page_begin(r, &h, arena_printf(&r->arena, "Submission %lld: %s-%s", (long long)s->id, s->name, s->rev), "submit");
	html_open(&h, TAG_H1, ATTR__END);
	html_textf(&h, "Submission status: %s-%s", s->name, s->rev);
	html_close(&h, TAG_H1);
	if (notice)
		page_notice(&h, notice_error ? "error" : "ok", notice);
	html_open(&h, TAG_P, ATTR_ID, "state", ATTR_CLASS, "state", ATTR__END);
	html_open(&h, TAG_STRONG, ATTR__END);
	html_text(&h, sub_states[s->state].name);
	html_close(&h, TAG_STRONG);
	html_text(&h, " (");
	html_elem(&h, TAG_CODE, sub_states[s->state].slug);
	html_text(&h, "). ");
	html_text(&h, state_sentence(r, s));
	if (s->state == SUB_POSTED)
		html_link(&h, arena_printf(&r->arena, "/doc/%s/", s->name), "The document page");
	html_close(&h, TAG_P);
	receipt(r, &h, c, s);
	if (!sub_may(c, s, SA_VIEW, sv->has_token)) {
		html_elem(&h, TAG_P, "The details of a submission are shown to those who hold its link (sent to the "
		    "submitter) and to its submitter, authors and approvers when signed in.");
		return page_end(r, &h);
	}
	html_elem(&h, TAG_H2, "Checks");
	messages(&h, s);
	html_elem(&h, TAG_H2, "Metadata from the submission");
	metadata(r, &h, c, s, sv->base);
	if (sub_may(c, s, SA_EDIT, sv->has_token))
		post_form(r, &h, c, s, sv->base);
	other_actions(r, &h, c, sv);
	preview(r, &h, c, s, sv->base);
	history(r, &h, c, s->id);
	return page_end(r, &h);
}

static const char *
notice_text(const char *code)
{
	static const struct { const char *code, *text; } t[] = {
		{ "posted", "Posted." },
		{ "confirm-sent", "A confirmation link was sent by e-mail; the draft is posted when it is confirmed." },
		{ "approval-sent", "The approvers were asked by e-mail; the draft is posted when they approve it." },
		{ "manual-sent", "Sent to the Secretariat for manual posting; the submitter will be told." },
		{ "cancelled", "The submission was cancelled." },
		{ "errors", "Post if valid was ignored: the checks found errors, so nothing was posted." },
	};
	size_t i;

	for (i = 0; code && i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(t[i].code, code) == 0)
			return t[i].text;
	return NULL;
}

int
page_sub_status(struct request *r, struct response *resp)
{
	struct status_view sv;
	struct sub_ctx c;

	(void)resp;
	sub_ctx_of(r, &c);
	if (load_view(r, &c, &sv) == -1)
		return -1;
	return status_page(r, &c, &sv, notice_text(req_query(r, "notice")), 0);
}

static const char *
outcome_code(const struct submission *s)
{
	switch (s->state) {
	case SUB_POSTED: return "posted";
	case SUB_AUTH: case SUB_AUT_APPR: return "confirm-sent";
	case SUB_GRP_APPR: case SUB_AD_APPR: return "approval-sent";
	case SUB_MANUAL: return "manual-sent";
	case SUB_CANCEL: return "cancelled";
	default: return "";
	}
}

/* The status page's actions: post, confirm, approve, force, cancel (one POST, action=...); shared
 * with POST /api/submission/<id>/action. */
int
sub_form_action(struct request *r, struct sub_ctx *c, struct submission *s, int has_token)
{
	const char *act = form_value(&r->form, "action");

	if (act == NULL)
		act = "";
	if (strcmp(act, "post") == 0) {
		struct sub_meta m;
		const char *au = form_value(&r->form, "author");
		memset(&m, 0, sizeof(m));
		if (s->state != SUB_UPLOADED)
			return err_set(&r->err, 409, "state", "This submission is %s; it can no longer be posted from here.",
			    sub_states[s->state].name);
		if (!sub_may(c, s, SA_EDIT, has_token))
			return err_set(&r->err, 403, "perm", "Only the holder of this submission's link, its submitter or the "
			    "Secretariat can post it, and only before it is posted.");
		if (au && strcmp(au, "other") != 0 && (size_t)atoi(au) < s->nauthors && s->authors[atoi(au)].email[0]) {
			m.submitter_name = s->authors[atoi(au)].name;
			m.submitter_email = s->authors[atoi(au)].email;
		} else {
			m.submitter_name = form_value(&r->form, "submitter_name");
			m.submitter_email = form_value(&r->form, "submitter_email");
		}
		m.replaces = form_value(&r->form, "replaces");
		m.discuss_email = form_value(&r->form, "discuss_email");
		return sub_post_request(c, s, &m, &r->err);
	}
	if (strcmp(act, "confirm") == 0)
		return sub_confirm_signed_in(c, s, &r->err);
	if (strcmp(act, "approve") == 0)
		return sub_approve(c, s, &r->err);
	if (strcmp(act, "force") == 0)
		return sub_force_post(c, s, &r->err);
	if (strcmp(act, "cancel") == 0) {
		if (!sub_may(c, s, SA_CANCEL, has_token))
			return err_set(&r->err, 403, "perm", "You may not cancel this submission.");
		return sub_cancel(c, s, form_value(&r->form, "reason"), &r->err);
	}
	return err_set(&r->err, 400, "action", "Choose post, confirm, approve, force or cancel.");
}

int
page_sub_action(struct request *r, struct response *resp)
{
	struct status_view sv;
	struct sub_ctx c;

	sub_ctx_of(r, &c);
	if (load_view(r, &c, &sv) == -1)
		return -1;
	if (sub_form_action(r, &c, &sv.s, sv.has_token) == -1) {
		struct err keep = r->err;
		if (keep.status >= 500)
			return -1;
		/* The page again, with the sentence, and the state as it now is. */
		if (sub_load(&c, sv.s.id, &sv.s, &r->err) == -1)
			return -1;
		resp->status = keep.status;
		return status_page(r, &c, &sv, keep.msg, 1);
	}
	return resp_redirect(r, 303, arena_printf(&r->arena, "%s?notice=%s", sv.base, outcome_code(&sv.s)));
}

/* The whole draft, every format (R82). */
int
page_sub_full(struct request *r, struct response *resp)
{
	static const char *const exts[] = { "txt", "xml", "orig.xml", "html" };
	struct status_view sv;
	struct sub_ctx c;
	struct html h;
	size_t i, len;

	(void)resp;
	sub_ctx_of(r, &c);
	if (load_view(r, &c, &sv) == -1)
		return -1;
	if (!sub_may(&c, &sv.s, SA_VIEW, sv.has_token))
		return err_set(&r->err, 403, "perm", "Open the link from the submission's mail, or sign in.");
	page_begin(r, &h, arena_printf(&r->arena, "%s-%s", sv.s.name, sv.s.rev), "submit");
	html_open(&h, TAG_H1, ATTR__END);
	html_textf(&h, "%s-%s as it would be posted", sv.s.name, sv.s.rev);
	html_close(&h, TAG_H1);
	html_open(&h, TAG_P, ATTR__END);
	html_link(&h, sv.base, "Back to the submission");
	html_close(&h, TAG_P);
	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
		const char *data = strstr(sv.s.file_types, arena_printf(&r->arena, ".%s", exts[i])) ?
		    sub_staged_file(&c, &sv.s, exts[i], &len) : NULL;
		if (data == NULL)
			continue;
		html_open(&h, TAG_H2, ATTR__END);
		html_textf(&h, "%s-%s.%s", sv.s.name, sv.s.rev, exts[i]);
		html_close(&h, TAG_H2);
		if (strcmp(exts[i], "txt") == 0 && strstr(sv.s.generated_types, ".txt"))
			html_elem(&h, TAG_P, GENERATED_NOTE);
		if (strcmp(exts[i], "xml") == 0 && strstr(sv.s.file_types, ".orig.xml"))
			html_elem(&h, TAG_P, PREPROCESSED_NOTE);
		if (strcmp(exts[i], "orig.xml") == 0)
			html_elem(&h, TAG_P, "The original XML, as uploaded, with its includes and processing instructions.");
		html_open(&h, TAG_PRE, ATTR_CLASS, "draft", ATTR_ID, arena_printf(&r->arena, "full-%s",
		    strcmp(exts[i], "orig.xml") == 0 ? "orig-xml" : exts[i]), ATTR__END);
		html_textn(&h, data, len);
		html_close(&h, TAG_PRE);
	}
	if (strstr(sv.s.file_types, ".pdf"))
		html_elem(&h, TAG_P, "A PDF came with it; it is posted as it is.");
	return page_end(r, &h);
}

/* R84: the staged text against the last posted revision's. */
int
page_sub_diff(struct request *r, struct response *resp)
{
	struct status_view sv;
	struct sub_ctx c;
	struct document d;
	const char *newt, *oldt;
	size_t nlen, olen;
	struct html h;

	(void)resp;
	sub_ctx_of(r, &c);
	if (load_view(r, &c, &sv) == -1)
		return -1;
	if (!sub_may(&c, &sv.s, SA_VIEW, sv.has_token))
		return err_set(&r->err, 403, "perm", "Open the link from the submission's mail, or sign in.");
	if (doc_get(r->db, &r->arena, &r->err, sv.s.name, &d) == -1)
		return -1;
	if (d.nrevs == 0 || (newt = sub_staged_file(&c, &sv.s, "txt", &nlen)) == NULL)
		return err_set(&r->err, 404, "diff", "There is no earlier plain-text revision to compare with.");
	oldt = doc_archive_text(r, sv.s.name, d.revs[d.nrevs - 1].rev, &olen);
	if (oldt == NULL)
		return err_set(&r->err, 404, "diff", "The last posted revision has no plain-text file.");
	page_begin(r, &h, arena_printf(&r->arena, "Diff of %s: -%s and this submission", sv.s.name, d.revs[d.nrevs - 1].rev),
	    "submit");
	html_open(&h, TAG_H1, ATTR__END);
	html_textf(&h, "%s-%s (posted) and -%s (this submission)", sv.s.name, d.revs[d.nrevs - 1].rev, sv.s.rev);
	html_close(&h, TAG_H1);
	html_open(&h, TAG_P, ATTR__END);
	html_link(&h, sv.base, "Back to the submission");
	html_close(&h, TAG_P);
	doc_diff_html(r, &h, oldt, olen, newt, nlen, arena_printf(&r->arena, "-%s", d.revs[d.nrevs - 1].rev),
	    arena_printf(&r->arena, "-%s", sv.s.rev));
	return page_end(r, &h);
}

/* ---- the confirm link ---- */

int
page_sub_confirm_form(struct request *r, struct response *resp)
{
	struct sub_ctx c;
	struct submission s;
	struct html h;
	const char *txt;
	size_t len;
	char hh[TOKEN_HASH_LEN + 1];
	const char *tok = req_param(r, 1);

	(void)resp;
	sub_ctx_of(r, &c);
	if (sub_load(&c, strtoll(req_param(r, 0), NULL, 10), &s, &r->err) == -1)
		return -1;
	if (strlen(tok) != TOKEN_LEN || s.auth_hash[0] == '\0')
		return err_set(&r->err, 404, "token", "This confirmation link is not valid.");
	token_hash(tok, hh);
	if (!token_equal(hh, s.auth_hash))
		return err_set(&r->err, 404, "token", "This confirmation link is not valid (a newer one may have been sent).");
	page_begin(r, &h, arena_printf(&r->arena, "Confirm %s-%s", s.name, s.rev), "submit");
	html_open(&h, TAG_H1, ATTR__END);
	html_textf(&h, "Confirm the submission of %s-%s", s.name, s.rev);
	html_close(&h, TAG_H1);
	if (s.state != SUB_AUTH && s.state != SUB_AUT_APPR) {
		html_open(&h, TAG_P, ATTR_ID, "state", ATTR__END);
		html_textf(&h, "This submission is %s: there is nothing left to confirm.", sub_states[s.state].name);
		html_close(&h, TAG_P);
		html_open(&h, TAG_P, ATTR__END);
		html_link(&h, status_href(r, s.id, NULL), "The submission's receipt");
		html_close(&h, TAG_P);
		return page_end(r, &h);
	}
	html_open(&h, TAG_P, ATTR__END);
	html_textf(&h, "\"%s\", submitted by %s <%s>. Opening this page changed nothing: press Confirm to post the draft.",
	    s.title, s.submitter_name, s.submitter_email);
	html_close(&h, TAG_P);
	html_open(&h, TAG_FORM, ATTR_METHOD, "post", ATTR_ACTION, r->path, ATTR_ID, "confirm-form", ATTR__END);
	page_csrf_field(r, &h);
	button(&h, "action", "confirm", "Confirm and post", "primary");
	button(&h, "action", "cancel", "Cancel the submission", "danger");
	html_close(&h, TAG_FORM);
	messages(&h, &s);
	if ((txt = sub_staged_file(&c, &s, strstr(s.file_types, ".txt") ? "txt" : "xml", &len)) != NULL) {
		html_elem(&h, TAG_H2, "The draft");
		html_open(&h, TAG_PRE, ATTR_CLASS, "draft", ATTR_ID, "draft-text", ATTR__END);
		html_textn(&h, txt, len);
		html_close(&h, TAG_PRE);
	}
	return page_end(r, &h);
}

int
page_sub_confirm(struct request *r, struct response *resp)
{
	struct sub_ctx c;
	struct submission s;
	const char *act = form_value(&r->form, "action");
	const char *tok = req_param(r, 1);
	char hh[TOKEN_HASH_LEN + 1];
	int rc;

	(void)resp;
	sub_ctx_of(r, &c);
	if (sub_load(&c, strtoll(req_param(r, 0), NULL, 10), &s, &r->err) == -1)
		return -1;
	if (act != NULL && strcmp(act, "cancel") == 0) {
		token_hash(tok, hh);
		if (strlen(tok) != TOKEN_LEN || s.auth_hash[0] == '\0' || !token_equal(hh, s.auth_hash))
			return err_set(&r->err, 404, "token", "This confirmation link is not valid.");
		rc = sub_cancel(&c, &s, "cancelled from the confirmation link", &r->err);
	} else
		rc = sub_confirm(&c, &s, tok, &r->err);
	if (rc == -1)
		return -1;
	return resp_redirect(r, 303, arena_printf(&r->arena, "/submit/status/%lld/?notice=%s", (long long)s.id,
	    outcome_code(&s)));
}

/* ---- adjust (R40-R48) ---- */

#define ADJ_AUTHOR_ROWS	3	/* empty rows to add authors */

static int
edit_page(struct request *r, struct sub_ctx *c, struct status_view *sv, const char *error)
{
	const struct submission *s = &sv->s;
	struct html h;
	size_t i;

	page_begin(r, &h, arena_printf(&r->arena, "Adjust %s-%s", s->name, s->rev), "submit");
	html_open(&h, TAG_H1, ATTR__END);
	html_textf(&h, "Adjust the metadata of %s-%s", s->name, s->rev);
	html_close(&h, TAG_H1);
	if (error)
		page_notice(&h, "error", error);
	page_notice(&h, "ok", s->state == SUB_MANUAL ? "Secretariat: the changes are kept; post with Force post." :
	    "An adjusted submission is never posted automatically: it goes to the Secretariat, who checks it against the "
	    "draft and posts it by hand (R42).");
	html_open(&h, TAG_FORM, ATTR_METHOD, "post", ATTR_ACTION, arena_printf(&r->arena, "%sedit/", sv->base),
	    ATTR_ID, "adjust-form", ATTR__END);
	page_csrf_field(r, &h);
	page_field(&h, "title", "Title", "text", s->title, 1);
	page_textarea(&h, "abstract", "Abstract", s->abstract, "8");
	page_field(&h, "doc_date", "Document date (YYYY-MM-DD)", "text", s->doc_date, 0);
	page_field(&h, "intended_status", "Intended status", "text", s->intended_status, 0);
	page_field(&h, "pages", "Pages", "number", arena_printf(&r->arena, "%d", s->pages), 0);
	html_elem(&h, TAG_H2, "Authors");
	for (i = 0; i < s->nauthors + ADJ_AUTHOR_ROWS; i++) {
		const struct sub_author *a = i < s->nauthors ? &s->authors[i] : NULL;
		html_open(&h, TAG_FIELDSET, ATTR_CLASS, "author", ATTR__END);
		html_open(&h, TAG_LEGEND, ATTR__END);
		html_textf(&h, "Author %zu%s", i + 1, a ? "" : " (new; leave empty if none)");
		html_close(&h, TAG_LEGEND);
		page_field(&h, arena_printf(&r->arena, "author_name_%zu", i), "Name", "text", a ? a->name : NULL, 0);
		page_field(&h, arena_printf(&r->arena, "author_email_%zu", i), "E-mail", "email", a ? a->email : NULL, 0);
		page_field(&h, arena_printf(&r->arena, "author_org_%zu", i), "Organization", "text", a ? a->org : NULL, 0);
		page_field(&h, arena_printf(&r->arena, "author_country_%zu", i), "Country", "text", a ? a->country : NULL, 0);
		html_close(&h, TAG_FIELDSET);
	}
	html_elem(&h, TAG_H2, "Submitter and relations");
	page_field(&h, "submitter_name", "Submitter's name", "text", s->submitter_name[0] ? s->submitter_name :
	    (r->user.person_id ? r->user.name : NULL), 1);
	page_field(&h, "submitter_email", "Submitter's e-mail address", "email", s->submitter_email[0] ? s->submitter_email :
	    (r->user.person_id ? r->user.email : NULL), 1);
	page_field(&h, "replaces", "Replaces (earlier drafts by name, comma-separated)", "text", s->replaces, 0);
	page_field(&h, "discuss_email", "Discussion address", "email", s->discuss_email[0] ? s->discuss_email : NULL, 0);
	page_textarea(&h, "note", "Comment to the Secretariat: why the automatic route cannot be used", s->note, "4");
	html_open(&h, TAG_P, ATTR__END);
	button(&h, "action", "manual", s->state == SUB_MANUAL ? "Save" : "Send to the Secretariat for manual posting", "primary");
	html_close(&h, TAG_P);
	html_close(&h, TAG_FORM);
	/* R43: post manually or cancel. */
	if (sub_may(c, s, SA_CANCEL, sv->has_token)) {
		action_form(r, &h, sv->base, "adjust-cancel");
		button(&h, "action", "cancel", "Cancel the submission", "danger");
		html_close(&h, TAG_FORM);
	}
	html_open(&h, TAG_P, ATTR__END);
	html_link(&h, sv->base, "Back to the submission (nothing changes)");
	html_close(&h, TAG_P);
	/* R40: the validation results and the preview next to the fields. */
	html_elem(&h, TAG_H2, "Checks");
	messages(&h, s);
	preview(r, &h, c, s, sv->base);
	return page_end(r, &h);
}

int
page_sub_edit_form(struct request *r, struct response *resp)
{
	struct status_view sv;
	struct sub_ctx c;

	(void)resp;
	sub_ctx_of(r, &c);
	if (load_view(r, &c, &sv) == -1)
		return -1;
	if (!sub_may(&c, &sv.s, SA_EDIT, sv.has_token) && !sub_may(&c, &sv.s, SA_SECRETARIAT_EDIT, sv.has_token))
		return err_set(&r->err, 403, "perm", "Only the holder of this submission's link or the Secretariat can adjust it, "
		    "and only before it is posted.");
	return edit_page(r, &c, &sv, NULL);
}

int
page_sub_edit(struct request *r, struct response *resp)
{
	struct status_view sv;
	struct sub_ctx c;
	struct sub_adjust adj;
	struct sub_author *au;
	size_t i, max;

	sub_ctx_of(r, &c);
	if (load_view(r, &c, &sv) == -1)
		return -1;
	if (!sub_may(&c, &sv.s, SA_EDIT, sv.has_token) && !sub_may(&c, &sv.s, SA_SECRETARIAT_EDIT, sv.has_token))
		return err_set(&r->err, 403, "perm", "Only the holder of this submission's link or the Secretariat can adjust it, "
		    "and only before it is posted.");
	memset(&adj, 0, sizeof(adj));
	adj.title = form_value(&r->form, "title");
	adj.abstract = form_value(&r->form, "abstract");
	adj.doc_date = form_value(&r->form, "doc_date");
	adj.intended_status = form_value(&r->form, "intended_status");
	adj.note = form_value(&r->form, "note");
	adj.pages = form_value(&r->form, "pages") ? atoi(form_value(&r->form, "pages")) : 0;
	adj.meta.submitter_name = form_value(&r->form, "submitter_name");
	adj.meta.submitter_email = form_value(&r->form, "submitter_email");
	adj.meta.replaces = form_value(&r->form, "replaces");
	adj.meta.discuss_email = form_value(&r->form, "discuss_email");
	max = sv.s.nauthors + ADJ_AUTHOR_ROWS + 20;
	if ((au = arena_calloc(&r->arena, max, sizeof(*au))) == NULL)
		return err_set(&r->err, 500, "memory", "Out of memory.");
	for (i = 0; i < max; i++) {
		const char *n = form_value(&r->form, arena_printf(&r->arena, "author_name_%zu", i));
		const char *em = form_value(&r->form, arena_printf(&r->arena, "author_email_%zu", i));
		if ((n == NULL || n[0] == '\0') && (em == NULL || em[0] == '\0'))
			continue;
		au[adj.nauthors].name = n ? n : "";
		au[adj.nauthors].email = em ? em : "";
		au[adj.nauthors].org = form_value(&r->form, arena_printf(&r->arena, "author_org_%zu", i));
		au[adj.nauthors].country = form_value(&r->form, arena_printf(&r->arena, "author_country_%zu", i));
		if (au[adj.nauthors].org == NULL)
			au[adj.nauthors].org = "";
		if (au[adj.nauthors].country == NULL)
			au[adj.nauthors].country = "";
		adj.nauthors++;
	}
	adj.authors = au;
	if (sub_adjust(&c, &sv.s, &adj, &r->err) == -1) {
		struct err keep = r->err;
		if (keep.status >= 500)
			return -1;
		resp->status = keep.status;
		return edit_page(r, &c, &sv, keep.msg);
	}
	return resp_redirect(r, 303, arena_printf(&r->arena, "%s?notice=%s", sv.base, sv.s.state == SUB_MANUAL ?
	    "manual-sent" : ""));
}

/* ---- lists: approvals, the manual queue ---- */

static void
sub_table(struct request *r, struct html *h, const char *id, const struct submission *v, size_t n, int with_wait)
{
	static const char *const heads[] = { "Submission", "Draft", "Group", "Title", "State", "Since", NULL };
	size_t i;

	if (n == 0) {
		html_elem(h, TAG_P, "None.");
		return;
	}
	page_table_begin(h, id, heads);
	for (i = 0; i < n; i++) {
		html_open(h, TAG_TR, ATTR__END);
		html_open(h, TAG_TD, ATTR_DATA_LABEL, "Submission", ATTR__END);
		html_link(h, status_href(r, v[i].id, NULL), arena_printf(&r->arena, "%lld", (long long)v[i].id));
		html_close(h, TAG_TD);
		html_open(h, TAG_TD, ATTR_DATA_LABEL, "Draft", ATTR__END);
		html_link(h, arena_printf(&r->arena, "/submit/status/%lld/full/", (long long)v[i].id),
		    arena_printf(&r->arena, "%s-%s", v[i].name, v[i].rev));
		html_close(h, TAG_TD);
		page_cell(h, "Group", v[i].group[0] ? v[i].group : "individual");
		page_cell(h, "Title", v[i].title);
		page_cell(h, "State", sub_states[v[i].state].name);
		page_cell(h, "Since", with_wait && v[i].manual_at[0] ? v[i].manual_at : v[i].updated);
		html_close(h, TAG_TR);
	}
	page_table_end(h);
}

int
page_sub_approvals(struct request *r, struct response *resp)
{
	struct sub_ctx c;
	struct submission *v;
	struct preapproval *pa;
	const char **groups;
	size_t n, ng, npa, i;
	struct html h;
	int all;

	(void)resp;
	sub_ctx_of(r, &c);
	if (sub_approver_groups(&c, &groups, &ng, &all, &r->err) == -1)
		return -1;
	if (sub_list(&c, (1u << SUB_GRP_APPR) | (1u << SUB_AD_APPR), all ? NULL : groups, ng, &v, &n, &r->err) == -1 ||
	    sub_preapproval_list(&c, &pa, &npa, &r->err) == -1)
		return -1;
	page_begin(r, &h, "Approvals", "submit");
	html_elem(&h, TAG_H1, "Submissions waiting for approval");
	if (!all && ng == 0)
		page_notice(&h, "ok", "You chair no group and are no Area Director: nothing waits for you.");
	sub_table(r, &h, "pending", v, n, 0);
	html_elem(&h, TAG_P, "Each submission's page shows the whole draft and its checks, with Approve and Cancel.");
	html_elem(&h, TAG_H2, "Pre-approvals");
	html_elem(&h, TAG_P, "A pre-approved -00 of a working group draft is posted without waiting for the chairs.");
	{
		static const char *const heads[] = { "Draft", "Group", "By", "When", "", NULL };
		page_table_begin(&h, "preapprovals", heads);
		for (i = 0; i < npa; i++) {
			size_t k;
			int mine = all;
			for (k = 0; !mine && k < ng; k++)
				mine = strcmp(groups[k], pa[i].group) == 0;
			html_open(&h, TAG_TR, ATTR__END);
			page_cell(&h, "Draft", pa[i].name);
			page_cell(&h, "Group", pa[i].group);
			page_cell(&h, "By", pa[i].by);
			page_cell(&h, "When", pa[i].created);
			html_open(&h, TAG_TD, ATTR__END);
			if (mine) {
				html_open(&h, TAG_FORM, ATTR_METHOD, "post", ATTR_ACTION,
				    arena_printf(&r->arena, "/submit/approvals/preapproval/%lld/cancel/", (long long)pa[i].id),
				    ATTR_CLASS, "inline", ATTR__END);
				page_csrf_field(r, &h);
				button(&h, "action", "cancel", "Cancel", "danger");
				html_close(&h, TAG_FORM);
			}
			html_close(&h, TAG_TD);
			html_close(&h, TAG_TR);
		}
		page_table_end(&h);
	}
	if (all || ng > 0) {
		html_open(&h, TAG_FORM, ATTR_METHOD, "post", ATTR_ACTION, "/submit/approvals/preapproval/", ATTR_ID,
		    "preapproval-form", ATTR__END);
		page_csrf_field(r, &h);
		page_field(&h, "name", "Pre-approve a draft name (without revision, e.g. draft-ietf-quic-frobs)", "text", NULL, 1);
		button(&h, "action", "add", "Add pre-approval", "primary");
		html_close(&h, TAG_FORM);
	}
	return page_end(r, &h);
}

int
page_sub_preapproval_add(struct request *r, struct response *resp)
{
	struct sub_ctx c;

	(void)resp;
	sub_ctx_of(r, &c);
	if (sub_preapproval_add(&c, form_value(&r->form, "name"), &r->err) == -1)
		return -1;
	return resp_redirect(r, 303, "/submit/approvals/");
}

int
page_sub_preapproval_cancel(struct request *r, struct response *resp)
{
	struct sub_ctx c;

	(void)resp;
	sub_ctx_of(r, &c);
	if (sub_preapproval_cancel(&c, strtoll(req_param(r, 0), NULL, 10), &r->err) == -1)
		return -1;
	return resp_redirect(r, 303, "/submit/approvals/");
}

int
page_sub_manualpost(struct request *r, struct response *resp)
{
	struct sub_ctx c;
	struct submission *v;
	size_t n;
	struct html h;

	(void)resp;
	sub_ctx_of(r, &c);
	if (sub_list(&c, (1u << SUB_MANUAL) | (1u << SUB_WAITING), NULL, 0, &v, &n, &r->err) == -1)
		return -1;
	page_begin(r, &h, "Manual posts", "submit");
	html_elem(&h, TAG_H1, "Submissions waiting for manual posting");
	sub_table(r, &h, "manual", v, n, 1);
	html_elem(&h, TAG_P, "Open a submission to read its comment, edit its metadata, force post or cancel it.");
	html_open(&h, TAG_P, ATTR__END);
	html_link(&h, "/submit/cutoff/", "Meeting cut-off");
	html_close(&h, TAG_P);
	return page_end(r, &h);
}

static int
cutoff_page(struct request *r, const char *error)
{
	struct sub_ctx c;
	const char *cut, *reopen, *msg;
	struct html h;

	sub_ctx_of(r, &c);
	if (sub_cutoff_get(&c, &cut, &reopen, &r->err) == -1 || sub_in_cutoff(&c, &msg, &r->err) == -1)
		return -1;
	page_begin(r, &h, "Meeting cut-off", "submit");
	html_elem(&h, TAG_H1, "Meeting cut-off");
	if (error)
		page_notice(&h, "error", error);
	page_notice(&h, "ok", msg ? msg : "The submission tool is open.");
	html_open(&h, TAG_FORM, ATTR_METHOD, "post", ATTR_ACTION, "/submit/cutoff/", ATTR_ID, "cutoff-form", ATTR__END);
	page_csrf_field(r, &h);
	page_field(&h, "cutoff", "Cut-off (UTC, YYYY-MM-DDTHH:MM:SSZ; empty = none)", "text", cut, 0);
	page_field(&h, "reopen", "Reopens (UTC)", "text", reopen, 0);
	button(&h, "action", "save", "Save", "primary");
	html_close(&h, TAG_FORM);
	return page_end(r, &h);
}

int
page_sub_cutoff_form(struct request *r, struct response *resp)
{
	(void)resp;
	return cutoff_page(r, NULL);
}

int
page_sub_cutoff(struct request *r, struct response *resp)
{
	struct sub_ctx c;

	sub_ctx_of(r, &c);
	if (sub_cutoff_set(&c, form_value(&r->form, "cutoff"), form_value(&r->form, "reopen"), &r->err) == -1) {
		struct err keep = r->err;
		if (keep.status >= 500)
			return -1;
		resp->status = keep.status;
		return cutoff_page(r, keep.msg);
	}
	return resp_redirect(r, 303, "/submit/cutoff/");
}

/* /submit/status/?name=draft-x[-NN]: the latest submission of that draft. */
int
page_sub_search(struct request *r, struct response *resp)
{
	const char *q = req_query(r, "name");
	struct draft_name dn;
	int64_t id;
	int rc;

	(void)resp;
	if (q == NULL || q[0] == '\0')
		return err_set(&r->err, 400, "name", "Give a draft name: /submit/status/?name=draft-...");
	if (draft_name_parse(q, NULL, 0, &dn) != NAME_OK)
		return err_set(&r->err, 400, "name", "\"%.80s\" is not a draft name.", q);
	rc = dn.rev[0] ? db_int(r->db, &r->err, &id, "SELECT max(id) FROM submission WHERE name = ? AND rev = ?", "ss",
	    dn.name, dn.rev) : db_int(r->db, &r->err, &id, "SELECT max(id) FROM submission WHERE name = ?", "s", dn.name);
	if (rc == -1)
		return -1;
	if (rc == 0 || id == 0)
		return err_set(&r->err, 404, "submission", "There is no submission of %s.", q);
	return resp_redirect(r, 302, status_href(r, id, NULL));
}
