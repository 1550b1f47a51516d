/* doc_pages.c: posted Internet-Drafts: the list /doc/, the document page /doc/<name>/ (revisions,
 * authors, group, state, replaces, history), the built-in diff /doc/<name>/diff/?from=NN&to=MM (R84)
 * and the archive files /archive/id/<name>-<rev>.<ext>. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/config.h"
#include "../db/db.h"
#include "../doc/document.h"
#include "../draft/diff.h"
#include "../draft/draft.h"
#include "../http/request.h"
#include "layout.h"
#include "pages.h"

static const char *
doc_href(struct request *r, const char *name)
{
	return arena_printf(&r->arena, "/doc/%s/", name);
}

int
page_doc_index(struct request *r, struct response *resp)
{
	static const char *const heads[] = { "Draft", "Title", "Group", "WG state", "Updated", NULL };
	struct document *v;
	const char *q = req_query(r, "q");
	size_t n, i;
	struct html h;

	(void)resp;
	if (q && strlen(q) > 100)
		return err_set(&r->err, 400, "q", "Search for at most 100 characters of a draft name.");
	if (doc_list(r->db, &r->arena, &r->err, q, req_query(r, "group"), 500, &v, &n) == -1)
		return -1;
	page_begin(r, &h, "Internet-Drafts", "doc");
	html_elem(&h, TAG_H1, "Internet-Drafts");
	html_open(&h, TAG_FORM, ATTR_METHOD, "get", ATTR_ACTION, "/doc/", ATTR_ID, "doc-search", ATTR__END);
	html_open(&h, TAG_LABEL, ATTR_FOR, "q", ATTR__END);
	html_text(&h, "Name contains ");
	html_close(&h, TAG_LABEL);
	html_void(&h, TAG_INPUT, ATTR_TYPE, "search", ATTR_ID, "q", ATTR_NAME, "q", ATTR_VALUE, q, ATTR__END);
	html_open(&h, TAG_BUTTON, ATTR_TYPE, "submit", ATTR__END);
	html_text(&h, "Search");
	html_close(&h, TAG_BUTTON);
	html_close(&h, TAG_FORM);
	if (n == 0) {
		html_elem(&h, TAG_P, "No posted draft matches.");
		return page_end(r, &h);
	}
	page_table_begin(&h, "docs", heads);
	for (i = 0; i < n; i++) {
		html_open(&h, TAG_TR, ATTR__END);
		html_open(&h, TAG_TD, ATTR_DATA_LABEL, "Draft", ATTR__END);
		html_link(&h, doc_href(r, v[i].name), arena_printf(&r->arena, "%s-%s", v[i].name, v[i].rev));
		html_close(&h, TAG_TD);
		page_cell(&h, "Title", v[i].title);
		page_cell(&h, "Group", v[i].group[0] ? v[i].group : v[i].wg[0] ? v[i].wg : "individual");
		page_cell(&h, "WG state", arena_printf(&r->arena, "%s%s%s%s", v[i].wg_state, v[i].call_ends[0] ? " (call ends " : "",
		    v[i].call_ends, v[i].call_ends[0] ? ")" : ""));
		page_cell(&h, "Updated", page_time(r, v[i].updated));
		html_close(&h, TAG_TR);
	}
	page_table_end(&h);
	return page_end(r, &h);
}

static const char *
state_name(const char *s)
{
	if (strcmp(s, "active") == 0)
		return "Active Internet-Draft";
	if (strcmp(s, "repl") == 0)
		return "Replaced";
	if (strcmp(s, "expired") == 0)
		return "Expired";
	return s;
}

int
page_doc(struct request *r, struct response *resp)
{
	struct document d;
	struct db_stmt *st;
	struct html h;
	size_t i;
	int rc;

	(void)resp;
	if (doc_get(r->db, &r->arena, &r->err, req_param(r, 0), &d) == -1)
		return -1;
	page_begin(r, &h, arena_printf(&r->arena, "%s-%s", d.name, d.rev), "doc");
	html_elem(&h, TAG_H1, d.title);
	html_open(&h, TAG_P, ATTR_CLASS, "docname", ATTR_ID, "doc-name", ATTR__END);
	html_textf(&h, "%s-%s", d.name, d.rev);
	html_close(&h, TAG_P);
	html_open(&h, TAG_DL, ATTR_CLASS, "meta", ATTR_ID, "doc-meta", ATTR__END);
	html_elem(&h, TAG_DT, "State");
	html_open(&h, TAG_DD, ATTR_ID, "doc-state", ATTR__END);
	html_text(&h, state_name(d.state));
	for (i = 0; i < d.nrels; i++)
		if (d.rels[i].incoming && strcmp(d.rels[i].kind, "replaces") == 0) {
			html_text(&h, ": replaced by ");
			html_link(&h, doc_href(r, d.rels[i].name), d.rels[i].name);
		}
	html_close(&h, TAG_DD);
	html_elem(&h, TAG_DT, "Group");
	html_open(&h, TAG_DD, ATTR_ID, "doc-group", ATTR__END);
	if (d.group[0])
		html_link(&h, page_group_href(r, d.group), d.group);
	else if (d.wg[0]) {
		html_text(&h, "Individual submission, in the care of ");
		html_link(&h, page_group_href(r, d.wg), d.wg);
	} else
		html_text(&h, "Individual submission");
	html_close(&h, TAG_DD);
	html_elem(&h, TAG_DT, "Stream");
	html_elem(&h, TAG_DD, d.stream[0] ? d.stream : "none");
	html_elem(&h, TAG_DT, "Intended status");
	html_elem(&h, TAG_DD, d.intended_status[0] ? d.intended_status : "(not stated)");
	html_elem(&h, TAG_DT, "Expires");
	html_elem(&h, TAG_DD, page_time(r, d.expires));
	html_elem(&h, TAG_DT, "Authors");
	html_open(&h, TAG_DD, ATTR_ID, "doc-authors", ATTR__END);
	for (i = 0; i < d.nauthors; i++) {
		if (i)
			html_text(&h, ", ");
		html_text(&h, d.authors[i].name);
		if (d.authors[i].email[0])
			html_textf(&h, " <%s>", d.authors[i].email);
	}
	html_close(&h, TAG_DD);
	for (i = 0; i < d.nrels; i++) {
		const struct doc_relation *x = &d.rels[i];
		if (x->incoming && strcmp(x->kind, "replaces") == 0)
			continue;
		html_elem(&h, TAG_DT, x->incoming ? "Possibly replaced by" : strcmp(x->kind, "replaces") == 0 ? "Replaces" :
		    "Possibly replaces (waiting for the chairs)");
		html_open(&h, TAG_DD, ATTR_CLASS, "relation", ATTR__END);
		html_link(&h, doc_href(r, x->name), x->name);
		html_close(&h, TAG_DD);
	}
	if (d.discuss_email[0]) {
		html_elem(&h, TAG_DT, "Discussion");
		html_elem(&h, TAG_DD, d.discuss_email);
	}
	html_close(&h, TAG_DL);
	html_elem(&h, TAG_H2, "Abstract");
	html_open(&h, TAG_PRE, ATTR_CLASS, "abstract", ATTR__END);
	html_text(&h, d.abstract);
	html_close(&h, TAG_PRE);
	wg_doc_section(r, &h, d.name);

	html_elem(&h, TAG_H2, "Revisions");
	{
		static const char *const heads[] = { "Revision", "Posted", "Submitted by", "Files", "Diff", NULL };
		page_table_begin(&h, "revisions", heads);
		for (i = d.nrevs; i-- > 0;) {
			const struct doc_revision *v = &d.revs[i];
			char *types = arena_strdup(&r->arena, v->file_types), *tok, *save = NULL;
			html_open(&h, TAG_TR, ATTR__END);
			page_cell(&h, "Revision", v->rev);
			page_cell(&h, "Posted", page_time(r, v->posted));
			page_cell(&h, "Submitted by", v->submitter);
			html_open(&h, TAG_TD, ATTR_DATA_LABEL, "Files", ATTR__END);
			for (tok = strtok_r(types, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
				/* R10: xml is the preprocessed, public XML; the upload is labelled as the original */
				html_link(&h, arena_printf(&r->arena, "/archive/id/%s-%s%s", d.name, v->rev, tok),
				    strcmp(tok, ".orig.xml") == 0 ? "original xml" : tok + 1);
				html_text(&h, " ");
			}
			html_close(&h, TAG_TD);
			html_open(&h, TAG_TD, ATTR_DATA_LABEL, "Diff", ATTR__END);
			if (i > 0)
				html_link(&h, arena_printf(&r->arena, "/doc/%s/diff/?from=%s&to=%s", d.name, d.revs[i - 1].rev, v->rev),
				    arena_printf(&r->arena, "-%s to -%s", d.revs[i - 1].rev, v->rev));
			html_close(&h, TAG_TD);
			html_close(&h, TAG_TR);
		}
		page_table_end(&h);
	}

	html_elem(&h, TAG_H2, "History");
	{
		static const char *const heads[] = { "Date", "By", "What", NULL };
		page_table_begin(&h, "doc-history", heads);
		if ((st = db_query(r->db, &r->err, "SELECT e.at, coalesce(p.name, '(system)'), e.detail FROM event e LEFT JOIN "
		    "person p ON p.id = e.person_id WHERE e.object_type = 'document' AND e.object_id = ? ORDER BY e.id DESC",
		    "s", d.name)) == NULL)
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

const char *
doc_archive_text(struct request *r, const char *name, const char *rev, size_t *len)
{
	const char *path = arena_printf(&r->arena, "%s/archive/%s-%s.txt", config_str(r->cfg, CFG_DATA), name, rev);
	struct stat st;
	ssize_t got;
	size_t off = 0;
	char *buf;
	int fd;

	if (path == NULL || (fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return NULL;
	if (fstat(fd, &st) == -1 || (buf = arena_alloc(&r->arena, (size_t)st.st_size + 1)) == NULL) {
		close(fd);
		return NULL;
	}
	while (off < (size_t)st.st_size && (got = read(fd, buf + off, (size_t)st.st_size - off)) > 0)
		off += (size_t)got;
	close(fd);
	buf[off] = '\0';
	*len = off;
	return buf;
}

static void
diff_cell(struct html *h, const char *cls, const char *p, size_t len, const struct diff_span *sp, size_t nsp)
{
	size_t i;

	html_open(h, TAG_TD, ATTR_CLASS, cls, ATTR__END);
	if (sp == NULL)
		html_textn(h, p, len);
	else
		for (i = 0; i < nsp; i++) {
			if (sp[i].changed) {
				html_open(h, TAG_STRONG, ATTR_CLASS, "chg", ATTR__END);
				html_textn(h, p + sp[i].off, sp[i].len);
				html_close(h, TAG_STRONG);
			} else
				html_textn(h, p + sp[i].off, sp[i].len);
		}
	html_close(h, TAG_TD);
}

void
doc_diff_html(struct request *r, struct html *h, const char *a, size_t alen, const char *b, size_t blen,
    const char *left, const char *right)
{
	struct diff_row *rows;
	size_t n, nchanged, i;
	char num[16];

	if (diff_lines(&r->arena, a, alen, b, blen, &rows, &n, &nchanged) == -1) {
		page_notice(h, "error", "The two texts differ too much to align; both are shown whole.");
		html_open(h, TAG_TABLE, ATTR_ID, "diff", ATTR_CLASS, "diff", ATTR__END);
		html_open(h, TAG_TR, ATTR__END);
		diff_cell(h, "old", a, alen, NULL, 0);
		diff_cell(h, "new", b, blen, NULL, 0);
		html_close(h, TAG_TR);
		html_close(h, TAG_TABLE);
		return;
	}
	html_open(h, TAG_P, ATTR_ID, "diff-summary", ATTR__END);
	html_textf(h, "%zu line%s differ.", nchanged, nchanged == 1 ? "" : "s");
	html_close(h, TAG_P);
	html_open(h, TAG_TABLE, ATTR_ID, "diff", ATTR_CLASS, "diff", ATTR__END);
	html_open(h, TAG_THEAD, ATTR__END);
	html_open(h, TAG_TR, ATTR__END);
	html_elem(h, TAG_TH, "");
	html_elem(h, TAG_TH, left);
	html_elem(h, TAG_TH, "");
	html_elem(h, TAG_TH, right);
	html_close(h, TAG_TR);
	html_close(h, TAG_THEAD);
	html_open(h, TAG_TBODY, ATTR__END);
	for (i = 0; i < n; i++) {
		const struct diff_row *x = &rows[i];
		struct diff_span *ls = NULL, *rs = NULL;
		size_t nls = 0, nrs = 0;
		if (x->kind == DIFF_CHANGED)
			diff_words(&r->arena, x->left, x->llen, x->right, x->rlen, &ls, &nls, &rs, &nrs);
		html_open(h, TAG_TR, ATTR_CLASS, x->kind == DIFF_SAME ? NULL : x->kind == DIFF_CHANGED ? "changed" :
		    x->kind == DIFF_ADDED ? "added" : "removed", ATTR__END);
		snprintf(num, sizeof(num), "%d", x->lno);
		html_elem(h, TAG_TD, x->lno ? num : "");
		diff_cell(h, x->kind == DIFF_SAME ? "same" : "old", x->left ? x->left : "", x->left ? x->llen : 0, ls, nls);
		snprintf(num, sizeof(num), "%d", x->rno);
		html_elem(h, TAG_TD, x->rno ? num : "");
		diff_cell(h, x->kind == DIFF_SAME ? "same" : "new", x->right ? x->right : "", x->right ? x->rlen : 0, rs, nrs);
		html_close(h, TAG_TR);
	}
	html_close(h, TAG_TBODY);
	html_close(h, TAG_TABLE);
}

int
page_doc_diff(struct request *r, struct response *resp)
{
	struct document d;
	const char *from = req_query(r, "from"), *to = req_query(r, "to"), *a, *b;
	size_t alen, blen, i;
	int okf = 0, okt = 0;
	struct html h;

	(void)resp;
	if (doc_get(r->db, &r->arena, &r->err, req_param(r, 0), &d) == -1)
		return -1;
	if (d.nrevs < 2 && (from == NULL || to == NULL))
		return err_set(&r->err, 404, "diff", "%s has one revision only: there is nothing to compare.", d.name);
	if (from == NULL)
		from = d.revs[d.nrevs - 2].rev;
	if (to == NULL)
		to = d.revs[d.nrevs - 1].rev;
	for (i = 0; i < d.nrevs; i++) {
		okf |= strcmp(d.revs[i].rev, from) == 0;
		okt |= strcmp(d.revs[i].rev, to) == 0;
	}
	if (!okf || !okt)
		return err_set(&r->err, 404, "diff", "%s has no revision %.3s.", d.name, okf ? to : from);
	if ((a = doc_archive_text(r, d.name, from, &alen)) == NULL || (b = doc_archive_text(r, d.name, to, &blen)) == NULL)
		return err_set(&r->err, 404, "diff", "One of the two revisions has no plain-text file to compare.");
	page_begin(r, &h, arena_printf(&r->arena, "Diff of %s: -%s and -%s", d.name, from, to), "doc");
	html_open(&h, TAG_H1, ATTR__END);
	html_textf(&h, "%s: -%s and -%s", d.name, from, to);
	html_close(&h, TAG_H1);
	html_open(&h, TAG_P, ATTR__END);
	html_link(&h, doc_href(r, d.name), "Back to the document");
	html_close(&h, TAG_P);
	doc_diff_html(r, &h, a, alen, b, blen, arena_printf(&r->arena, "-%s", from), arena_printf(&r->arena, "-%s", to));
	return page_end(r, &h);
}

/* /archive/id/<name>-<rev>.<ext>: posted files, read from $data/archive. Only names of the exact
 * shape are served (the router already refused '/' and a leading '.'). */
int
page_archive(struct request *r, struct response *resp)
{
	static const struct { const char *ext, *type; } types[] = {
		/* R10: the XML as uploaded, beside the preprocessed one (first: it ends in .xml too) */
		{ ".orig.xml", "application/xml" },
		{ ".txt", "text/plain; charset=utf-8" }, { ".xml", "application/xml" }, { ".pdf", "application/pdf" },
		/* HTML from an author is not our page: shown as text, never run in our origin */
		{ ".html", "text/plain; charset=utf-8" },
	};
	const char *f = req_param(r, 0), *dot = NULL, *stem = NULL;
	struct draft_name dn;
	const char *path;
	size_t i, len, n = strlen(f), el = 0;
	struct stat st;
	char *buf;
	ssize_t got;
	size_t off = 0;
	int fd;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (n > (el = strlen(types[i].ext)) && strcmp(f + n - el, types[i].ext) == 0)
			break;
	if (i < sizeof(types) / sizeof(types[0]))
		dot = f + n - el;
	/* The name before the extension must be a draft's name and revision, nothing more. */
	if (dot != NULL && (stem = arena_printf(&r->arena, "%.*s", (int)(dot - f), f)) == NULL)
		return err_set(&r->err, 500, "memory", "Out of memory.");
	if (dot == NULL || draft_name_parse(stem, NULL, 1, &dn) != NAME_OK)
		return err_set(&r->err, 404, "archive", "There is no file %.80s in the archive.", f);
	path = arena_printf(&r->arena, "%s/archive/%s", config_str(r->cfg, CFG_DATA), f);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1)
		return err_set(&r->err, 404, "archive", "There is no file %.80s in the archive.", f);
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) || (buf = arena_alloc(&r->arena, (size_t)st.st_size + 1)) == NULL) {
		close(fd);
		return err_set(&r->err, 404, "archive", "There is no file %.80s in the archive.", f);
	}
	len = (size_t)st.st_size;
	while (off < len && (got = read(fd, buf + off, len - off)) > 0)
		off += (size_t)got;
	close(fd);
	buf_put(&resp->body, buf, off);
	resp->content_type = types[i].type;
	if (strcmp(dot, ".pdf") == 0)
		resp_header(resp, "Content-Disposition", "attachment");
	return 0;
}
