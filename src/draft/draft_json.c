/* draft_json.c: the JSON shape of a checked submission; see draft_json.h. Callers: src/check.c
 * (the CLI), the validation page and API, later the submission API. */
#include <stdio.h>

#include "draft_json.h"
#include "nits.h"

static json_t *
authors_json(const struct draft *d)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < d->nauthors; i++)
		json_array_append_new(a, json_pack("{s:s?,s:s?,s:s?}", "name", d->authors[i].name,
		    "org", d->authors[i].org, "email", d->authors[i].email));
	return a;
}

static json_t *
refs_json(const struct draft *d, enum ref_kind kind)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < d->nrefs; i++)
		if (d->refs[i].kind == kind || (kind == REF_INFORMATIVE && d->refs[i].kind == REF_UNCLASSIFIED))
			json_array_append_new(a, json_string(d->refs[i].target ? d->refs[i].target : d->refs[i].tag));
	return a;
}

void
draft_date_text(const struct draft_date *dt, char out[16])
{
	if (dt->year == 0)
		out[0] = '\0';
	else if (dt->month == 0)	/* <date year="2015"/>: xml2rfc completes it with today's month and day */
		snprintf(out, 16, "%04d", dt->year);
	else if (dt->day == 0)
		snprintf(out, 16, "%04d-%02d", dt->year, dt->month);
	else
		snprintf(out, 16, "%04d-%02d-%02d", dt->year, dt->month, dt->day);
}

const struct draft *
draft_primary(struct draft *d, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (d[i].format == DRAFT_XML && d[i].name != NULL)
			return &d[i];
	return &d[0];
}

json_t *
draft_result_json(const char *const *fnames, struct draft *d, int nfiles)
{
	const struct draft *p = draft_primary(d, nfiles);
	json_t *o, *files = json_array(), *nits = json_array();
	char date[16], expires[16];
	int i, e = 0, w = 0, c = 0, ee, ww, cc;
	size_t k;

	for (i = 0; i < nfiles; i++) {
		json_array_append_new(files, json_string(fnames[i]));
		draft_nit_counts(&d[i], &ee, &ww, &cc);
		e += ee;
		w += ww;
		c += cc;
		for (k = 0; k < d[i].nnits; k++) {
			const struct draft_nit *n = &d[i].nits[k];
			json_array_append_new(nits, json_pack("{s:s,s:s,s:i,s:s,s:s?,s:s,s:s}",
			    "id", nit_rules[n->id].code, "severity", nit_severity_name(n->severity), "line", n->line,
			    "message", nit_rules[n->id].message, "detail", n->detail, "source", nit_rules[n->id].source,
			    "file", fnames[i]));
		}
	}
	draft_date_text(&p->date, date);
	/* Only the text carries an expiry line; take it from there when both formats came. */
	draft_date_text(d[0].expires.year ? &d[0].expires : &p->expires, expires);
	o = json_pack("{s:s,s:o,s:s,s:o,s:s?,s:s?,s:s?,s:o,s:s?,s:s?,s:s?,s:i,s:s?,s:s?,s:{s:o,s:o},s:o,s:i,s:i,s:i}",
	    "file", fnames[0], "files", files,
	    "format", nfiles == 2 ? "txt+xml" : p->format == DRAFT_XML ? "xml" : "txt",
	    "xml_version", p->xml_version ? json_integer(p->xml_version) : json_null(),
	    "name", p->name, "rev", p->rev, "title", p->title, "authors", authors_json(p),
	    "abstract", p->abstract, "date", date[0] ? date : NULL, "expires", expires[0] ? expires : NULL,
	    "pages", d[0].pages, "status", p->status ? p->status : p->category, "group", p->group,
	    "references", "normative", refs_json(p, REF_NORMATIVE), "informative", refs_json(p, REF_INFORMATIVE),
	    "nits", nits, "errors", e, "warnings", w, "comments", c);
	return o;
}
