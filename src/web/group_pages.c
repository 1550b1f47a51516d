/* group_pages.c: /group/ (every group by type) and /group/<acronym>/ (details, roles, and the
 * groups under it). Data comes from src/wg/group.c. */
#include <string.h>

#include "../auth/perm.h"
#include "../core/url.h"
#include "../http/request.h"
#include "../wg/group.h"
#include "layout.h"
#include "pages.h"

/* The order and headings of the group index, as the Datatracker's group menus read. */
static const struct { const char *type, *heading; } type_headings[] = {
	{ "ietf", "IETF" }, { "iesg", "IESG" }, { "iab", "IAB" }, { "irtf", "IRTF" },
	{ "area", "Areas" }, { "wg", "Working groups" }, { "rg", "Research groups" },
	{ "team", "Teams" }, { "sdo", "Other standards organizations" },
};

static const char *
type_name(const char *type)
{
	static const struct { const char *type, *name; } names[] = {
		{ "ietf", "IETF" }, { "iesg", "IESG" }, { "iab", "IAB" }, { "irtf", "IRTF" }, { "area", "Area" },
		{ "wg", "Working group" }, { "rg", "Research group" }, { "team", "Team" },
		{ "sdo", "Standards development organization" },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i].type, type) == 0)
			return names[i].name;
	return type;
}

static void
group_table(struct request *r, struct html *h, const struct group *v, size_t n, const char *type)
{
	size_t i;

	html_open(h, TAG_TABLE, ATTR_CLASS, "groups", ATTR__END);
	html_literal(h, "<colgroup><col class=\"c-acronym\"><col><col class=\"c-parent\"><col class=\"c-state\"></colgroup>");
	html_open(h, TAG_THEAD, ATTR__END);
	html_open(h, TAG_TR, ATTR__END);
	html_open(h, TAG_TH, ATTR_SCOPE, "col", ATTR__END);
	html_text(h, "Acronym");
	html_close(h, TAG_TH);
	html_open(h, TAG_TH, ATTR_SCOPE, "col", ATTR__END);
	html_text(h, "Name");
	html_close(h, TAG_TH);
	html_open(h, TAG_TH, ATTR_SCOPE, "col", ATTR__END);
	html_text(h, "Parent");
	html_close(h, TAG_TH);
	html_open(h, TAG_TH, ATTR_SCOPE, "col", ATTR__END);
	html_text(h, "State");
	html_close(h, TAG_TH);
	html_close(h, TAG_TR);
	html_close(h, TAG_THEAD);
	html_open(h, TAG_TBODY, ATTR__END);
	for (i = 0; i < n; i++) {
		if (type != NULL && strcmp(v[i].type, type) != 0)
			continue;
		html_open(h, TAG_TR, ATTR__END);
		html_open(h, TAG_TD, ATTR_DATA_LABEL, "Acronym", ATTR__END);
		html_link(h, page_group_href(r, v[i].acronym), v[i].acronym);
		html_close(h, TAG_TD);
		page_cell(h, "Name", v[i].name);
		html_open(h, TAG_TD, ATTR_DATA_LABEL, "Parent", ATTR__END);
		if (v[i].parent[0] != '\0')
			html_link(h, page_group_href(r, v[i].parent), v[i].parent);
		html_close(h, TAG_TD);
		page_cell(h, "State", v[i].state);
		html_close(h, TAG_TR);
	}
	html_close(h, TAG_TBODY);
	html_close(h, TAG_TABLE);
}

int
page_group_index(struct request *r, struct response *resp)
{
	struct group *v;
	struct html h;
	size_t n, i, j;
	int any;

	(void)resp;
	if (group_list(r->db, &r->arena, &r->err, NULL, NULL, &v, &n) == -1)
		return -1;
	page_begin(r, &h, "Groups", "group");
	html_elem(&h, TAG_H1, "Groups");
	for (i = 0; i < sizeof(type_headings) / sizeof(type_headings[0]); i++) {
		for (any = 0, j = 0; j < n && !any; j++)
			any = strcmp(v[j].type, type_headings[i].type) == 0;
		if (!any)
			continue;
		html_open(&h, TAG_SECTION, ATTR_ID, type_headings[i].type, ATTR__END);
		html_elem(&h, TAG_H2, type_headings[i].heading);
		group_table(r, &h, v, n, type_headings[i].type);
		html_close(&h, TAG_SECTION);
	}
	if (n == 0)
		html_elem(&h, TAG_P, "There are no groups yet. The Secretariat adds them with idtracker group add.");
	return page_end(r, &h);
}

static void
dl_row(struct html *h, const char *term, const char *value)
{
	html_elem(h, TAG_DT, term);
	html_elem(h, TAG_DD, value);
}

int
page_group(struct request *r, struct response *resp)
{
	struct group g, *kids;
	struct html h;
	size_t i, nkids;
	struct buf mailto;

	(void)resp;
	if (group_get(r->db, &r->arena, &r->err, req_param(r, 0), &g) == -1 ||
	    group_list(r->db, &r->arena, &r->err, NULL, g.acronym, &kids, &nkids) == -1)
		return -1;
	page_begin(r, &h, g.name, "group");
	html_open(&h, TAG_H1, ATTR__END);
	html_text(&h, g.name);
	html_text(&h, " (");
	html_text(&h, g.acronym);
	html_text(&h, ")");
	html_close(&h, TAG_H1);
	html_open(&h, TAG_DL, ATTR_CLASS, "meta", ATTR_ID, "group-meta", ATTR__END);
	dl_row(&h, "Acronym", g.acronym);
	dl_row(&h, "Type", type_name(g.type));
	html_elem(&h, TAG_DT, "Parent");
	html_open(&h, TAG_DD, ATTR__END);
	if (g.parent[0] != '\0')
		html_link(&h, page_group_href(r, g.parent), g.parent);
	else
		html_text(&h, "none");
	html_close(&h, TAG_DD);
	dl_row(&h, "State", g.state);
	html_elem(&h, TAG_DT, "Mailing list");
	html_open(&h, TAG_DD, ATTR__END);
	if (g.list_email[0] != '\0') {
		buf_init(&mailto, &r->arena, 0);
		buf_puts(&mailto, "mailto:");
		buf_puts(&mailto, g.list_email);
		html_link(&h, buf_cstr(&mailto), g.list_email);
	} else
		html_text(&h, "none");
	html_close(&h, TAG_DD);
	if (g.url[0] != '\0') {
		html_elem(&h, TAG_DT, "Web site");
		html_open(&h, TAG_DD, ATTR__END);
		html_link(&h, g.url, g.url);
		html_close(&h, TAG_DD);
	}
	html_close(&h, TAG_DL);

	html_elem(&h, TAG_H2, "People");
	if (g.nroles == 0)
		html_elem(&h, TAG_P, "Nobody holds a role in this group.");
	else {
		static const char *const headings[] = { "Role", "Name", "E-mail", NULL };
		page_table_begin(&h, "roles", headings);
		for (i = 0; i < g.nroles; i++) {
			html_open(&h, TAG_TR, ATTR__END);
			page_cell(&h, "Role", role_display_name(g.roles[i].role));
			page_cell(&h, "Name", g.roles[i].name);
			html_open(&h, TAG_TD, ATTR_DATA_LABEL, "E-mail", ATTR__END);
			buf_init(&mailto, &r->arena, 0);
			buf_puts(&mailto, "mailto:");
			buf_puts(&mailto, g.roles[i].email);
			html_link(&h, buf_cstr(&mailto), g.roles[i].email);
			html_close(&h, TAG_TD);
			html_close(&h, TAG_TR);
		}
		page_table_end(&h);
	}
	if (nkids > 0) {
		html_elem(&h, TAG_H2, "Groups under it");
		group_table(r, &h, kids, nkids, NULL);
	}
	if (strcmp(g.type, "wg") == 0 || strcmp(g.type, "rg") == 0)
		wg_group_section(r, &h, g.acronym);
	html_open(&h, TAG_P, ATTR_CLASS, "api", ATTR__END);
	html_link(&h, arena_printf(&r->arena, "/api/v1/group/%s", g.acronym), "This group as JSON");
	html_close(&h, TAG_P);
	return page_end(r, &h);
}
