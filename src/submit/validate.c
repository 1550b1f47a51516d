/* validate.c: see validate.h. */
#include <string.h>

#include "../core/arena.h"
#include "../core/err.h"
#include "validate.h"

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
	/* FORMATS_DISAGREE is a blocking error by its row, whatever the mode. */
	if (v->n == 2)
		draft_check_pair(a, &v->d[0], &v->d[1]);
	for (k = 0; k < (size_t)v->n; k++) {
		draft_nit_counts(&v->d[k], &ee, &ww, &cc);
		v->errors += ee;
		v->warnings += ww;
		v->comments += cc;
	}
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
	order[0] = *(txt ? txt : xml);
	if (txt && xml)
		order[1] = *xml;
	submit_check(a, order, txt && xml ? 2 : 1, opts, xopts, v);
	return 0;
}
