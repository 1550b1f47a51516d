/* validate.c: see validate.h. */
#include <stdio.h>
#include <string.h>

#include "../core/arena.h"
#include "../core/err.h"
#include "../draft/diff.h"
#include "../draft/render.h"
#include "validate.h"

/* The XML of a submission as text, as the Datatracker posts drafts: paginated, the submission's
 * day as "today" (a date without a day takes it), includes from the reference library only. */
static int
render_xml(struct arena *a, const struct upload_file *xml, const struct check_opts *opts,
    const struct draft_xml_opts *xopts, char **out, size_t *len, struct err *e)
{
	struct draft_xml_opts *xo = arena_alloc(a, sizeof(*xo));
	struct render_opts ro;
	const char *base = strrchr(xml->filename, '/');

	if (xo == NULL)
		return err_set(e, 500, "memory", "Out of memory.");
	*xo = *xopts;
	if (xml->base_dir != NULL)
		xo->base_dir = xml->base_dir;
	memset(&ro, 0, sizeof(ro));
	ro.paginate = 1;
	ro.id_is_wip = 1;
	ro.path = base ? base + 1 : xml->filename;
	ro.fetch = draft_xml_fetch;
	ro.fetch_ctx = xo;
	ro.year = opts->today.year;
	ro.month = opts->today.month;
	ro.day = opts->today.day;
	return render_text(a, xml->data, xml->len, &ro, out, len, e);
}

/* Counts the resources an expansion really pulled in; the DTDs and entity sets xml2rfc answers
 * itself are not includes. */
struct counted_fetch {
	const struct draft_xml_opts	*xo;
	int				 fetched;
};

static int
fetch_counted(void *ctx, struct arena *a, const char *uri, char **data, size_t *len)
{
	struct counted_fetch *cf = ctx;
	size_t n = strlen(uri);

	if (draft_xml_fetch((void *)cf->xo, a, uri, data, len) == -1)
		return -1;
	if (n < 4 || (strcmp(uri + n - 4, ".dtd") != 0 && strcmp(uri + n - 4, ".ent") != 0))
		cf->fetched++;
	return 0;
}

static int
include_failed(const struct draft *d)
{
	size_t i;

	for (i = 0; i < d->nnits; i++)
		if (d->nits[i].id <= NIT_XML_ENTITY_REFUSED)	/* the reading rules come first */
			return 1;
	return 0;
}

int
submit_preprocess(struct arena *a, const struct upload_file *xml, const struct validation *v,
    const struct draft_xml_opts *xopts, char **out, size_t *len, struct err *e)
{
	struct draft_xml_opts *xo = arena_alloc(a, sizeof(*xo));
	struct counted_fetch cf;
	struct render_opts ro;
	struct err re = { 0 };
	const char *base = strrchr(xml->filename, '/');
	int k, pis = 0;

	*out = NULL;
	*len = 0;
	if (xo == NULL)
		return err_set(e, 500, "memory", "Out of memory.");
	/* R11: an include the reader could not resolve (or refused) has failed the check already; the
	 * upload stays as it came, and no public XML is made with a reference missing. */
	for (k = 0; k < v->n; k++)
		if (v->d[k].format == DRAFT_XML && include_failed(&v->d[k]))
			return 0;
	*xo = *xopts;
	if (xml->base_dir != NULL)
		xo->base_dir = xml->base_dir;
	cf.xo = xo;
	cf.fetched = 0;
	memset(&ro, 0, sizeof(ro));
	ro.stage = RENDER_EXPANDED_XML;
	ro.path = base ? base + 1 : xml->filename;
	ro.fetch = fetch_counted;
	ro.fetch_ctx = &cf;
	ro.pis_removed = &pis;
	if (render_text(a, xml->data, xml->len, &ro, out, len, &re) == -1) {
		*out = NULL;
		*len = 0;
		if (re.status >= 500)
			return err_set(e, re.status, re.code, "%s", re.msg);
		return 0;	/* what the renderer refuses is the checks' business (R69); stored as it came */
	}
	if (cf.fetched == 0 && pis == 0) {	/* R87: nothing to preprocess; the upload is the public XML */
		*out = NULL;
		*len = 0;
		return 0;
	}
	return 1;
}

static int
xml_unreadable(const struct draft *d)
{
	size_t i;

	for (i = 0; i < d->nnits; i++)
		if (d->nits[i].id == NIT_XML_PARSING_FAILED)
			return 1;
	return 0;
}

/* R18, R70: an uploaded text that does not say what its XML says is worth a look before posting. */
static void
compare_with_xml(struct arena *a, struct draft *txt, const struct upload_file *tf, const struct upload_file *xf,
    const struct check_opts *opts, const struct draft_xml_opts *xopts)
{
	struct diff_material m;
	struct err e = { 0 };
	char *r;
	size_t rlen;

	if (render_xml(a, xf, opts, xopts, &r, &rlen, &e) == -1) {
		draft_nit_add(a, txt, NIT_XML_NOT_RENDERED, 0, "%s", e.msg);
		return;
	}
	if (diff_material(a, tf->data, tf->len, r, rlen, &m) == -1 || m.passages == 0)
		return;
	draft_nit_add(a, txt, NIT_TEXT_DIFFERS_FROM_XML, m.line_a, "%s%zu passage%s, %zu word%s of the text and %zu of "
	    "the XML; the first: the text has \"%s\" where the XML gives \"%s\"", m.too_different ? "at least " : "",
	    m.passages, m.passages == 1 ? "" : "s", m.words_a, m.words_a == 1 ? "" : "s", m.words_b, m.quote_a, m.quote_b);
}

static int
vet_name(const struct upload_file *f, struct draft_name *dn, struct err *e)
{
	const char *ext = f->format == DRAFT_TXT ? ".txt" : ".xml", *base;
	enum name_result r;
	size_t n;

	if (f->filename == NULL || f->filename[0] == '\0')
		return err_set(e, 400, "filename", "The %s file has no name; name it draft-<name>-<NN>%s.",
		    f->format == DRAFT_TXT ? "plain-text" : "XML", ext);
	base = strrchr(f->filename, '/');
	base = base ? base + 1 : f->filename;
	n = strlen(base);
	if (n < 4 || strcmp(base + n - 4, ext) != 0)
		return err_set(e, 400, "filename", "The %s file must end in %s, not \"%.80s\".",
		    f->format == DRAFT_TXT ? "plain-text" : "XML", ext, base);
	if ((r = draft_name_parse(f->filename, NULL, 1, dn)) != NAME_OK)
		return err_set(e, 400, "filename", "\"%.80s\" is not an Internet-Draft file name: %s.", base,
		    draft_name_error(r));
	return 0;
}

void
submit_check(struct arena *a, const struct upload_file *files, size_t n, const struct check_opts *opts,
    const struct draft_xml_opts *xopts, struct validation *v)
{
	struct draft_xml_opts xo;
	struct check_opts o;
	size_t k;
	int ee, ww, cc;

	memset(v, 0, sizeof(*v));
	for (k = 0; k < n && k < 2; k++) {
		const struct upload_file *f = &files[k];
		const char *base = strrchr(f->filename, '/');
		v->names[k] = arena_strdup(a, base ? base + 1 : f->filename);
		if (f->format == DRAFT_XML) {
			xo = *xopts;
			if (f->base_dir != NULL)
				xo.base_dir = f->base_dir;
			draft_parse_xml(a, f->data, f->len, &xo, &v->d[k]);
		} else
			draft_parse_text(a, f->data, f->len, &v->d[k]);
		v->d[k].filename = v->names[k];
		o = *opts;
		o.filename = v->names[k];
		draft_check(a, &v->d[k], &o);
		v->n++;
	}
	/* FORMATS_DISAGREE is a blocking error by its row, whatever the mode. A generated text is the
	 * XML's own rendering: as the Datatracker does, only an uploaded text is held against its XML
	 * (DATATRACKER.md 2.6, step 4), so a renderer's shortcoming never blocks an author. XML that
	 * could not be read has its error already; rendering it would say nothing more. */
	if (v->n == 2 && !files[0].generated) {
		draft_check_pair(a, &v->d[0], &v->d[1]);
		if (files[0].format == DRAFT_TXT && files[1].format == DRAFT_XML && !xml_unreadable(&v->d[1]))
			compare_with_xml(a, &v->d[0], &files[0], &files[1], opts, xopts);
	}
	for (k = 0; k < (size_t)v->n; k++) {
		draft_nit_counts(&v->d[k], &ee, &ww, &cc);
		v->errors += ee;
		v->warnings += ww;
		v->comments += cc;
	}
}

/* R69, R7: XML alone that cannot be rendered is refused, with the renderer's sentence and, when the
 * XML reader saw why (a line it could not read), that too. */
static int
render_refused(struct arena *a, const struct upload_file *xml, const struct draft_xml_opts *xopts,
    const struct draft_name *xn, struct err *e)
{
	struct draft d;
	char why[sizeof(e->msg)];
	size_t i;

	if (e->status >= 500)	/* out of memory: not the author's doing */
		return -1;
	snprintf(why, sizeof(why), "%s", e->msg);
	draft_parse_xml(a, xml->data, xml->len, xopts, &d);	/* fills d.nits even when it cannot read */
	for (i = 0; i < d.nnits; i++)
		if (d.nits[i].severity == SEV_ERROR && d.nits[i].id <= NIT_XML_ENTITY_REFUSED) {
			const struct draft_nit *n = &d.nits[i];
			char where[64] = "";
			if (n->line > 0)
				snprintf(where, sizeof(where), ", line %d", n->line);
			return err_set(e, 400, "render", "%s-%s.xml came without a plain text, and the text could not be "
			    "generated from the XML (R69): %s (%s%s%s%s)", xn->name, xn->rev, why, nit_rules[n->id].code,
			    where, n->detail ? ": " : "", n->detail ? n->detail : "");
		}
	return err_set(e, 400, "render", "%s-%s.xml came without a plain text, and the text could not be generated from "
	    "the XML (R69): %s", xn->name, xn->rev, why);
}

int
submit_validate(struct arena *a, const struct upload_file *files, size_t n, const struct check_opts *opts,
    const struct draft_xml_opts *xopts, const struct submit_caps *caps, struct validation *v, struct err *e)
{
	size_t maxt = caps && caps->txt ? caps->txt : SUBMIT_TXT_MAX, maxx = caps && caps->xml ? caps->xml : SUBMIT_XML_MAX;
	const struct upload_file *txt = NULL, *xml = NULL;
	struct upload_file order[2];
	struct draft_name tn, xn;
	size_t i;

	memset(v, 0, sizeof(*v));
	for (i = 0; i < n; i++) {
		const struct upload_file **slot = files[i].format == DRAFT_TXT ? &txt : &xml;
		if (*slot != NULL)
			return err_set(e, 400, "files", "Upload one plain-text file and one XML file at most.");
		*slot = &files[i];
	}
	if (txt == NULL && xml == NULL)	/* R68 */
		return err_set(e, 400, "files", "Upload the draft as plain text or XML (or both); one of them is required.");
	if (txt != NULL && txt->len > maxt)
		return err_set(e, 413, "size", "The plain-text file is %zu bytes; the limit is %zu bytes.", txt->len, maxt);
	if (xml != NULL && xml->len > maxx)
		return err_set(e, 413, "size", "The XML file is %zu bytes; the limit is %zu bytes.", xml->len, maxx);
	if ((txt && vet_name(txt, &tn, e) == -1) || (xml && vet_name(xml, &xn, e) == -1))
		return -1;
	if (txt && xml && (strcmp(tn.name, xn.name) != 0 || strcmp(tn.rev, xn.rev) != 0))
		return err_set(e, 400, "files", "The plain-text file is %s-%s but the XML file is %s-%s: upload one draft at a time.",
		    tn.name, tn.rev, xn.name, xn.rev);
	if (txt == NULL) {	/* R69, R70: XML alone, so the text is rendered from it */
		char *gen;
		size_t glen;
		if (render_xml(a, xml, opts, xopts, &gen, &glen, e) == -1) {
			struct draft probe;
			int ee, ww, cc;
			if (e->status >= 500)
				return -1;
			/* Not XML at all: nothing to show but the reason. Readable XML that the renderer
			 * refuses (no ipr, an include that is not in the library, ...) is checked as it is,
			 * so every finding shows, with the renderer's reason as a blocking error. */
			draft_parse_xml(a, xml->data, xml->len, xopts, &probe);
			if (xml_unreadable(&probe))
				return render_refused(a, xml, xopts, &xn, e);
			submit_check(a, xml, 1, opts, xopts, v);
			draft_nit_add(a, &v->d[0], NIT_TEXT_NOT_GENERATED, 0, "%s", e->msg);
			v->errors = v->warnings = v->comments = 0;
			draft_nit_counts(&v->d[0], &ee, &ww, &cc);
			v->errors = ee;
			v->warnings = ww;
			v->comments = cc;
			memset(e, 0, sizeof(*e));
			return 0;
		}
		memset(&order[0], 0, sizeof(order[0]));
		order[0].format = DRAFT_TXT;
		order[0].filename = arena_printf(a, "%s-%s.txt", xn.name, xn.rev);
		order[0].data = gen;
		order[0].len = glen;
		order[0].generated = 1;
		if (order[0].filename == NULL)
			return err_set(e, 500, "memory", "Out of memory.");
		order[1] = *xml;
		submit_check(a, order, 2, opts, xopts, v);
		v->generated = gen;
		v->generated_len = glen;
		return 0;
	}
	order[0] = *txt;
	if (xml)
		order[1] = *xml;
	submit_check(a, order, xml ? 2 : 1, opts, xopts, v);
	return 0;
}
