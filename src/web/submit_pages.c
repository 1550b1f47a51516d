/* submit_pages.c: the submission office's pages. Today: /submit/validate/, the validation-only
 * upload (R74-R79): the same checks as a submission, results shown with each message's rule and
 * normative source, and nothing stored or postable. */
#include <stdio.h>
#include <string.h>

#include "../core/config.h"
#include "../core/timeutil.h"
#include "../draft/draft_json.h"
#include "../http/request.h"
#include "../submit/validate.h"
#include "layout.h"
#include "pages.h"

/* The files of an upload form (fields "txt" and "xml"), shared with the API. */
size_t
submit_form_files(struct request *r, struct upload_file *out)
{
	static const struct { const char *field; enum draft_format f; } fields[] = {
		{ "txt", DRAFT_TXT }, { "xml", DRAFT_XML },
	};
	const struct form_field *fl;
	size_t i, n = 0;

	for (i = 0; i < 2; i++) {
		fl = form_get(&r->form, fields[i].field);
		/* A browser sends an empty part for a file input left empty. */
		if (fl == NULL || fl->filename == NULL || (fl->filename[0] == '\0' && fl->len == 0))
			continue;
		memset(&out[n], 0, sizeof(out[n]));	/* no base_dir: an upload has no folder of its own */
		out[n].format = fields[i].f;
		out[n].filename = fl->filename;
		out[n].data = fl->value;
		out[n].len = fl->len;
		n++;
	}
	return n;
}

/* Runs the validation the way every caller does: today's date, submission mode, the library. */
int
submit_form_validate(struct request *r, struct validation *v)
{
	struct upload_file files[2];
	struct check_opts o;
	struct draft_xml_opts xo;
	struct tm tm;
	time_t now = time_now();

	memset(&o, 0, sizeof(o));
	memset(&xo, 0, sizeof(xo));
	gmtime_r(&now, &tm);
	o.mode = CHECK_SUBMISSION;
	o.today = (struct draft_date){ tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday };
	xo.refs_dir = config_str(r->cfg, CFG_REFS);
	{
		struct submit_caps caps = { (size_t)config_int(r->cfg, CFG_SUBMIT_MAX_TXT),
		    (size_t)config_int(r->cfg, CFG_SUBMIT_MAX_XML) };
		return submit_validate(&r->arena, files, submit_form_files(r, files), &o, &xo, &caps, v, &r->err);
	}
}

static void
upload_form(struct request *r, struct html *h)
{
	html_open(h, TAG_FORM, ATTR_METHOD, "post", ATTR_ACTION, "/submit/validate/", ATTR_ENCTYPE, "multipart/form-data",
	    ATTR_ID, "validate-form", ATTR__END);
	page_csrf_field(r, h);
	html_open(h, TAG_P, ATTR_CLASS, "field", ATTR__END);
	html_open(h, TAG_LABEL, ATTR_FOR, "txt", ATTR__END);
	html_text(h, "Plain text (draft-<name>-<NN>.txt, at most 2 MiB)");
	html_close(h, TAG_LABEL);
	html_void(h, TAG_INPUT, ATTR_TYPE, "file", ATTR_ID, "txt", ATTR_NAME, "txt", ATTR__END);
	html_close(h, TAG_P);
	html_open(h, TAG_P, ATTR_CLASS, "field", ATTR__END);
	html_open(h, TAG_LABEL, ATTR_FOR, "xml", ATTR__END);
	html_text(h, "XML, v2 or v3 (draft-<name>-<NN>.xml, at most 3 MiB)");
	html_close(h, TAG_LABEL);
	html_void(h, TAG_INPUT, ATTR_TYPE, "file", ATTR_ID, "xml", ATTR_NAME, "xml", ATTR__END);
	html_close(h, TAG_P);
	html_open(h, TAG_P, ATTR__END);
	html_open(h, TAG_BUTTON, ATTR_TYPE, "submit", ATTR__END);
	html_text(h, "Validate");
	html_close(h, TAG_BUTTON);
	html_close(h, TAG_P);
	html_close(h, TAG_FORM);
}

static void
intro(struct html *h)
{
	html_elem(h, TAG_H1, "Validate an Internet-Draft");
	page_notice(h, "ok", "Validation only: the files are checked exactly as a submission would be, then "
	    "forgotten. Nothing is stored, and a validation can never be posted.");
	/* R77: where to go to post. */
	html_open(h, TAG_P, ATTR__END);
	html_text(h, "To post a draft, upload it on ");
	html_link(h, "/submit/", "the submission page");
	html_text(h, " instead.");
	html_close(h, TAG_P);
}

int
page_validate_form(struct request *r, struct response *resp)
{
	struct html h;

	(void)resp;
	page_begin(r, &h, "Validate an Internet-Draft", "submit");
	intro(&h);
	upload_form(r, &h);
	return page_end(r, &h);
}

static void
dl_row(struct html *h, const char *term, const char *value)
{
	html_elem(h, TAG_DT, term);
	html_elem(h, TAG_DD, value && value[0] ? value : "(not found)");
}

static void
results(struct request *r, struct html *h, struct validation *v)
{
	static const char *const heads[] = { "Errors (these would block posting)", "Warnings", "Comments" };
	const struct draft *p = draft_primary(v->d, v->n);
	char date[16];
	int sev, k;
	size_t i;

	html_open(h, TAG_H2, ATTR__END);
	html_textf(h, "%s%s%s", p->name ? p->name : "(no name)", p->rev ? "-" : "", p->rev ? p->rev : "");
	html_close(h, TAG_H2);
	html_open(h, TAG_P, ATTR_ID, "verdict", ATTR_CLASS, v->errors ? "notice error" : "notice ok", ATTR__END);
	if (v->errors)
		html_textf(h, "%d error%s would block posting; %d warning%s, %d comment%s.", v->errors,
		    v->errors == 1 ? "" : "s", v->warnings, v->warnings == 1 ? "" : "s", v->comments, v->comments == 1 ? "" : "s");
	else
		html_textf(h, "No errors: this draft could be posted. %d warning%s, %d comment%s.", v->warnings,
		    v->warnings == 1 ? "" : "s", v->comments, v->comments == 1 ? "" : "s");
	html_close(h, TAG_P);
	html_open(h, TAG_DL, ATTR_CLASS, "meta", ATTR_ID, "draft-meta", ATTR__END);
	dl_row(h, "Files", v->n == 2 ? arena_printf(&r->arena, "%s, %s", v->names[0], v->names[1]) : v->names[0]);
	dl_row(h, "Title", p->title);
	html_elem(h, TAG_DT, "Authors");
	html_open(h, TAG_DD, ATTR__END);
	html_open(h, TAG_UL, ATTR__END);
	for (i = 0; i < p->nauthors; i++) {
		html_open(h, TAG_LI, ATTR__END);
		html_textf(h, "%s%s%s%s%s%s", p->authors[i].name ? p->authors[i].name : "", p->authors[i].org ? ", " : "",
		    p->authors[i].org ? p->authors[i].org : "", p->authors[i].email ? " <" : "",
		    p->authors[i].email ? p->authors[i].email : "", p->authors[i].email ? ">" : "");
		html_close(h, TAG_LI);
	}
	html_close(h, TAG_UL);
	html_close(h, TAG_DD);
	draft_date_text(&p->date, date);
	dl_row(h, "Date", date);
	dl_row(h, "Intended status", p->status ? p->status : p->category);
	dl_row(h, "Group", p->group);
	dl_row(h, "Pages", v->d[0].pages ? arena_printf(&r->arena, "%d", v->d[0].pages) : NULL);
	html_close(h, TAG_DL);
	html_elem(h, TAG_H3, "Abstract");
	html_open(h, TAG_PRE, ATTR_CLASS, "abstract", ATTR__END);
	html_text(h, p->abstract ? p->abstract : "(no abstract found)");
	html_close(h, TAG_PRE);
	for (sev = SEV_ERROR; sev <= SEV_COMMENT; sev++) {
		int any = 0;
		for (k = 0; k < v->n; k++)
			for (i = 0; i < v->d[k].nnits; i++) {
				const struct draft_nit *n = &v->d[k].nits[i];
				if ((int)n->severity != sev)
					continue;
				if (!any++) {
					html_elem(h, TAG_H3, heads[sev]);
					html_open(h, TAG_UL, ATTR_CLASS, "nits", ATTR_ID, nit_severity_name((enum nit_severity)sev), ATTR__END);
				}
				html_open(h, TAG_LI, ATTR__END);
				html_open(h, TAG_STRONG, ATTR__END);
				html_text(h, nit_rules[n->id].code);
				html_close(h, TAG_STRONG);
				html_text(h, " ");
				if (v->n == 2)
					html_textf(h, "(%s) ", v->names[k]);
				if (n->line > 0)
					html_textf(h, "line %d: ", n->line);
				html_text(h, nit_rules[n->id].message);
				if (n->detail) {
					html_text(h, " (");
					html_text(h, n->detail);
					html_text(h, ")");
				}
				html_open(h, TAG_SMALL, ATTR__END);
				html_text(h, " Source: ");
				html_text(h, nit_rules[n->id].source);
				html_close(h, TAG_SMALL);
				html_close(h, TAG_LI);
			}
		if (any)
			html_close(h, TAG_UL);
	}
}

int
page_validate(struct request *r, struct response *resp)
{
	struct validation v;
	struct html h;

	if (submit_form_validate(r, &v) == -1) {
		/* An unusable upload: the same page with the sentence, and the form again. */
		if (r->err.status >= 500)
			return -1;
		resp->status = r->err.status;
		page_begin(r, &h, "Validate an Internet-Draft", "submit");
		intro(&h);
		page_notice(&h, "error", r->err.msg);
		upload_form(r, &h);
		return page_end(r, &h);
	}
	page_begin(r, &h, "Validation results", "submit");
	intro(&h);
	results(r, &h, &v);
	html_elem(&h, TAG_H2, "Validate another");
	upload_form(r, &h);
	return page_end(r, &h);
}
