/* render.c: see render.h. A walk of the parsed document that writes xml2rfc's text layout: 72
 * columns, 3-space indentation of body text, words wrapped at spaces and after hyphens. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "../core/arena.h"
#include "../core/buf.h"
#include "../core/err.h"
#include "render.h"
#include "render_int.h"

#define WIDTH	72

static const char *const months[] = { "January", "February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December" };

struct anchor {
	const char	*id, *label;	/* "intro" -> "Section 1"; "RFC2119" -> "[RFC2119]" */
};

struct toc {
	int		 depth;
	const char	*label, *title;	/* "5.1.", "Appendix A.", "" (unnumbered) */
	xmlNodePtr	 node;
};

struct rd {
	struct toc		*toc;
	size_t			 ntoc, captoc;
	struct arena		*a;
	struct buf		 out;
	const struct render_opts *o;
	int			 sec[8];	/* section numbers by depth */
	struct anchor		*anchors;
	size_t			 nanchors, capanchors;
	int			 year;		/* the document's year (copyright) */
};

static const char *
anchor_label(struct rd *r, const char *id)
{
	size_t i;

	for (i = 0; id && i < r->nanchors; i++)
		if (strcmp(r->anchors[i].id, id) == 0)
			return r->anchors[i].label;
	return NULL;
}

static int
is(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static xmlNodePtr
child(xmlNodePtr n, const char *name)
{
	for (n = n ? n->children : NULL; n; n = n->next)
		if (is(n, name))
			return n;
	return NULL;
}

static const char *
attr(struct rd *r, xmlNodePtr n, const char *name)
{
	xmlChar *v = n ? xmlGetProp(n, (const xmlChar *)name) : NULL;
	char *s;

	if (v == NULL)
		return NULL;
	s = arena_strdup(r->a, (const char *)v);
	xmlFree(v);
	return s;
}

/* The text of an element with its whitespace collapsed to single spaces. */
static const char *
text_of(struct rd *r, xmlNodePtr n)
{
	xmlChar *v = n ? xmlNodeGetContent(n) : NULL;
	struct buf b;
	const char *p;
	int space = 1;

	buf_init(&b, r->a, 0);
	for (p = v ? (const char *)v : ""; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			if (!space)
				buf_putc(&b, ' ');
			space = 1;
			continue;
		}
		buf_putc(&b, *p);
		space = 0;
	}
	if (v)
		xmlFree(v);
	while (b.len > 0 && b.data[b.len - 1] == ' ')
		buf_truncate(&b, b.len - 1);
	return buf_cstr(&b);
}

/* The text of mixed content as xml2rfc writes it: erefs with their URL, xrefs as "Section N" or
 * "[REF]", <em> as _x_, <strong> as *x*, whitespace collapsed. */
static void
inline_into(struct rd *r, xmlNodePtr n, struct buf *b)
{
	xmlNodePtr c;

	for (c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				buf_puts(b, (const char *)c->content);
		} else if (is(c, "eref")) {
			const char *t = attr(r, c, "target");
			xmlChar *v = xmlNodeGetContent(c);
			if (v && v[0])
				buf_printf(b, "%s (%s)", (const char *)v, t ? t : "");
			else
				buf_puts(b, t ? t : "");
			if (v)
				xmlFree(v);
		} else if (is(c, "xref")) {
			const char *t = attr(r, c, "target"), *l = anchor_label(r, t);
			xmlChar *v = xmlNodeGetContent(c);
			if (v && v[0])
				buf_printf(b, "%s (%s)", (const char *)v, l ? l : (t ? t : ""));
			else
				buf_puts(b, l ? l : arena_printf(r->a, "[%s]", t ? t : ""));
			if (v)
				xmlFree(v);
		} else if (is(c, "em")) {
			buf_putc(b, '_');
			inline_into(r, c, b);
			buf_putc(b, '_');
		} else if (is(c, "strong")) {
			buf_putc(b, '*');
			inline_into(r, c, b);
			buf_putc(b, '*');
		} else if (is(c, "cref") || is(c, "iref"))
			continue;
		else if (c->type == XML_ELEMENT_NODE)
			inline_into(r, c, b);	/* bcp14, tt, sub, sup, relref ... */
	}
}

static const char *
inline_text(struct rd *r, xmlNodePtr n)
{
	struct buf raw, b;
	const char *p;
	int space = 1;

	buf_init(&raw, r->a, 0);
	inline_into(r, n, &raw);
	buf_init(&b, r->a, 0);
	for (p = buf_cstr(&raw); *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			if (!space) {
				const char *q = p;
				int run = 0;
				while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r') {
					run++;
					q++;
				}
				buf_putc(&b, ' ');
				if (run >= 2 && p > buf_cstr(&raw) && p[-1] == '.' && *p == ' ' && p[1] == ' ')
					buf_putc(&b, ' ');
			}
			space = 1;
			continue;
		}
		buf_putc(&b, *p);
		space = 0;
	}
	while (b.len > 0 && b.data[b.len - 1] == ' ')
		buf_truncate(&b, b.len - 1);
	return buf_cstr(&b);
}

static size_t
u8len(const char *s, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			k++;
	return k;
}

/* Wraps text at WIDTH with indent on continuation lines. first >= 0: the first line is indented by
 * first; first < 0: the caller already wrote -first columns of the first line (a list marker). */
static void
wrap(struct rd *r, const char *text, int indent, int first)
{
	const char *p = text;
	size_t col = first < 0 ? (size_t)-first : 0;
	int start = 1, lead = first >= 0;

	int gap = 1;

	while (*p) {
		const char *w = p;
		size_t wl, wc;
		while (*p && *p != ' ')
			p++;
		wl = (size_t)(p - w);
		wc = u8len(w, wl);
		if (start && lead) {
			buf_printf(&r->out, "%*s", first, "");
			col = (size_t)first;
			lead = 0;
		} else if (start) {
			/* the marker is written: go on on its line */
		} else if (col + (size_t)gap + wc > WIDTH) {
			/* A word may break after a hyphen, or after a slash of a URL, that fits (as xml2rfc does). */
			const char *h = NULL, *q;
			for (q = w; q < w + wl - 1; q++)
				if (((*q == '-' && q > w) || (*q == '/' && q[1] != '/' && q > w && q[-1] != '/')) &&
				    col + (size_t)gap + u8len(w, (size_t)(q - w + 1)) <= WIDTH)
					h = q;
			if (h) {
				buf_printf(&r->out, "%*s", gap, "");
				buf_put(&r->out, w, (size_t)(h - w + 1));
				w = h + 1;
				wl = (size_t)(p - w);
				wc = u8len(w, wl);
			}
			buf_putc(&r->out, '\n');
			buf_printf(&r->out, "%*s", indent, "");
			col = (size_t)indent;
			start = 1;
		}
		if (!start) {
			buf_printf(&r->out, "%*s", gap, "");
			col += (size_t)gap;
		}
		buf_put(&r->out, w, wl);
		col += wc;
		start = 0;
		{
			const char *sp = p;
			while (*p == ' ')
				p++;
			/* two spaces after a sentence when the source has them */
			gap = (p - sp >= 2 && wl > 0 && (w[wl - 1] == '.' || w[wl - 1] == '?' || w[wl - 1] == '!' ||
			    w[wl - 1] == ':' || w[wl - 1] == '"')) ? 2 : 1;
		}
	}
	buf_putc(&r->out, '\n');
}

static void
para(struct rd *r, const char *text, int indent)
{
	if (text[0] == '\0')
		return;
	wrap(r, text, indent, indent);
	buf_putc(&r->out, '\n');
}

static void
center(struct rd *r, const char *s)
{
	size_t n = u8len(s, strlen(s));

	buf_printf(&r->out, "%*s%s\n", n < WIDTH ? (int)((WIDTH - n) / 2) : 0, "", s);
}

static const char *
date_text(struct rd *r, int y, int m, int d)
{
	if (m < 1 || m > 12)
		return arena_printf(r->a, "%d", y);
	if (d <= 0)
		return arena_printf(r->a, "%s %d", months[m - 1], y);
	return r->o->legacy_date ? arena_printf(r->a, "%s %d, %d", months[m - 1], d, y) :
	    arena_printf(r->a, "%d %s %d", d, months[m - 1], y);
}

static int
month_of(const char *s)
{
	int i;

	for (i = 0; s && i < 12; i++)
		if (strncasecmp(s, months[i], 3) == 0)
			return i + 1;
	return s ? atoi(s) : 0;
}

/* ---- the body ---- */

static void block(struct rd *r, xmlNodePtr n, int indent);
static const char *sec_title(struct rd *r, xmlNodePtr s);
static const char *label_of(struct rd *r, xmlNodePtr n);

static void
list(struct rd *r, xmlNodePtr n, int indent)
{
	const char *type = attr(r, n, "type"), *marker;
	int ordered = is(n, "ol"), k = 1;
	xmlNodePtr li;

	for (li = n->children; li; li = li->next) {
		if (!is(li, "li"))
			continue;
		marker = ordered ? arena_printf(r->a, "%d.", k++) : (type && strcmp(type, "empty") == 0 ? "" : "*");
		if (child(li, "t") == NULL && child(li, "ul") == NULL && child(li, "ol") == NULL) {
			int mw = ordered ? 4 : 3;
			buf_printf(&r->out, "%*s%-*s", indent, "", mw, marker);
			wrap(r, inline_text(r, li), indent + mw, -(indent + mw));
		} else {
			buf_printf(&r->out, "%*s%s\n", indent, "", marker);
			block(r, li, indent + (ordered ? 4 : 3));
		}
	}
}

static void
artwork(struct rd *r, xmlNodePtr n, int indent)
{
	xmlChar *v = xmlNodeGetContent(n);
	const char *p = v ? (const char *)v : "", *e;

	/* xml2rfc drops the leading and trailing blank lines of artwork. */
	while (*p == '\n')
		p++;
	for (; *p; p = *e ? e + 1 : e) {
		e = strchr(p, '\n');
		if (e == NULL)
			e = p + strlen(p);
		if (*e == '\0' && e == p)
			break;
		buf_printf(&r->out, "%*s%.*s\n", indent, "", (int)(e - p), p);
	}
	buf_putc(&r->out, '\n');
	if (v)
		xmlFree(v);
}

static void
block(struct rd *r, xmlNodePtr n, int indent)
{
	xmlNodePtr c;

	for (c = n->children; c; c = c->next) {
		if (is(c, "t"))
			para(r, inline_text(r, c), indent);
		else if (is(c, "ul") || is(c, "ol")) {
			list(r, c, indent);
			buf_putc(&r->out, '\n');
		} else if (is(c, "artwork") || is(c, "sourcecode"))
			artwork(r, c, indent);
		else if (is(c, "figure"))
			block(r, c, indent);
		else if (is(c, "blockquote") || is(c, "aside"))
			block(r, c, indent + 3);
		else if (is(c, "dl")) {
			xmlNodePtr d;
			for (d = c->children; d; d = d->next) {
				if (is(d, "dt"))
					buf_printf(&r->out, "%*s%s\n", indent, "", text_of(r, d));
				else if (is(d, "dd"))
					para(r, text_of(r, d), indent + 3);
			}
		}
	}
}

static void
section(struct rd *r, xmlNodePtr s, int depth, int numbered)
{
	const char *label = label_of(r, s);
	xmlNodePtr c;

	(void)numbered;
	if (label[0])
		buf_printf(&r->out, "%s  %s\n\n", label, r->toc ? sec_title(r, s) : "");
	else
		buf_printf(&r->out, "%s\n\n", sec_title(r, s));
	block(r, s, 3);
	for (c = s->children; c; c = c->next)
		if (is(c, "section") || is(c, "references"))
			section(r, c, depth + 1, 1);
}

static void
authors(struct rd *r, xmlNodePtr front)
{
	xmlNodePtr au;
	int n = 0;

	for (au = front->children; au; au = au->next)
		n += is(au, "author");
	if (n == 0)
		return;
	buf_printf(&r->out, "%s\n\n", n == 1 ? "Author's Address" : "Authors' Addresses");
	for (au = front->children; au; au = au->next) {
		xmlNodePtr o, ad, x;
		const char *full = attr(r, au, "fullname");
		if (!is(au, "author"))
			continue;
		if (full)
			buf_printf(&r->out, "   %s\n", full);
		if ((o = child(au, "organization")) != NULL && text_of(r, o)[0])
			buf_printf(&r->out, "   %s\n", text_of(r, o));
		if ((ad = child(au, "address")) != NULL) {
			xmlNodePtr postal = child(ad, "postal");
			for (x = postal ? postal->children : NULL; x; x = x->next)
				if (x->type == XML_ELEMENT_NODE && text_of(r, x)[0])
					buf_printf(&r->out, "   %s\n", text_of(r, x));
			if ((x = child(ad, "phone")) != NULL && text_of(r, x)[0])
				buf_printf(&r->out, "   Phone: %s\n", text_of(r, x));
			if ((x = child(ad, "email")) != NULL && text_of(r, x)[0])
				buf_printf(&r->out, "   Email: %s\n", text_of(r, x));
			if ((x = child(ad, "uri")) != NULL && text_of(r, x)[0])
				buf_printf(&r->out, "   URI:   %s\n", text_of(r, x));
		}
		buf_puts(&r->out, "\n\n");
	}
}

/* ---- anchors: section numbers and reference tags, before the text ---- */

static void
add_anchor(struct rd *r, const char *id, const char *label)
{
	if (id == NULL || (r->anchors = arena_grow(r->a, r->anchors, r->nanchors, &r->capanchors, sizeof(*r->anchors))) == NULL)
		return;
	r->anchors[r->nanchors].id = id;
	r->anchors[r->nanchors].label = label;
	r->nanchors++;
}

static const char *
sec_title(struct rd *r, xmlNodePtr s)
{
	xmlNodePtr name = child(s, "name");

	return name ? inline_text(r, name) : (attr(r, s, "title") ? attr(r, s, "title") : "");
}

static void
add_toc(struct rd *r, int depth, const char *label, const char *title, xmlNodePtr node)
{
	if ((r->toc = arena_grow(r->a, r->toc, r->ntoc, &r->captoc, sizeof(*r->toc))) == NULL)
		return;
	r->toc[r->ntoc].depth = depth;
	r->toc[r->ntoc].label = label;
	r->toc[r->ntoc].title = title;
	r->toc[r->ntoc].node = node;
	r->ntoc++;
}

/* Numbers the sections of middle (1, 1.1 ...) and back (references go on with the numbers, then
 * Appendix A ...), the way xml2rfc does, recording anchors and the table of contents. */
static void
number_sections(struct rd *r, xmlNodePtr parent, const char *prefix, int *k, int depth, int *appendix)
{
	xmlNodePtr c;
	int sub = 0;

	for (c = parent->children; c; c = c->next) {
		const char *num, *nb = attr(r, c, "numbered");
		int numbered = !(nb && strcmp(nb, "false") == 0);
		int *counter = depth == 0 ? k : &sub;
		if (is(c, "references") || is(c, "section")) {
			int isapp = depth == 0 && is(c, "section") && *appendix >= 0 && r->toc && parent && is(parent, "back");
			if (is(c, "references")) {
				xmlNodePtr ref;
				for (ref = c->children; ref; ref = ref->next)
					if (is(ref, "reference") || is(ref, "referencegroup")) {
						const char *id = attr(r, ref, "anchor");
						add_anchor(r, id, arena_printf(r->a, "[%s]", id ? id : ""));
					}
			}
			if (!numbered) {
				add_toc(r, depth, "", sec_title(r, c), c);
				continue;
			}
			if (isapp) {
				(*appendix)++;
				num = arena_printf(r->a, "%c", 'A' + *appendix - 1);
				add_anchor(r, attr(r, c, "anchor"), arena_printf(r->a, "Appendix %s", num));
				add_toc(r, depth, arena_printf(r->a, "Appendix %s.", num), sec_title(r, c), c);
			} else {
				(*counter)++;
				num = prefix[0] ? arena_printf(r->a, "%s.%d", prefix, *counter) : arena_printf(r->a, "%d", *counter);
				add_anchor(r, attr(r, c, "anchor"), arena_printf(r->a, "Section %s", num));
				add_toc(r, depth, arena_printf(r->a, "%s.", num), sec_title(r, c), c);
			}
			{
				int k2 = 0;
				number_sections(r, c, num, &k2, depth + 1, appendix);
			}
		}
	}
}

static const char *
label_of(struct rd *r, xmlNodePtr n)
{
	size_t i;

	for (i = 0; i < r->ntoc; i++)
		if (r->toc[i].node == n)
			return r->toc[i].label;
	return "";
}

/* ---- the front ---- */

static void
header(struct rd *r, xmlNodePtr rfc, xmlNodePtr front, int *ey, int *em, int *ed)
{
	const char *left[8], *right[32], *cat = attr(r, rfc, "category");
	xmlNodePtr au, dt = child(front, "date"), wg = child(front, "workgroup");
	size_t nl = 0, nr = 0, i;
	int y = r->o->year, m = r->o->month, d = r->o->day;
	struct tm tm;
	time_t t;

	if (dt) {
		const char *ys = attr(r, dt, "year"), *ms = attr(r, dt, "month"), *ds = attr(r, dt, "day");
		if (ys && atoi(ys))
			y = atoi(ys);
		if (ms)
			m = month_of(ms);
		if (ds)
			d = atoi(ds);
		else if (ms && !(y == r->o->year && m == r->o->month))
			d = 15;
	}
	r->year = y;
	left[nl++] = wg ? text_of(r, wg) : "Network Working Group";
	left[nl++] = "Internet-Draft";
	if (cat) {
		static const struct { const char *c, *n; } cats[] = { { "std", "Standards Track" }, { "bcp", "Best Current Practice" },
			{ "info", "Informational" }, { "exp", "Experimental" }, { "historic", "Historic" } };
		for (i = 0; i < 5; i++)
			if (strcmp(cats[i].c, cat) == 0)
				left[nl++] = arena_printf(r->a, "Intended status: %s", cats[i].n);
	}
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = (m > 0 ? m : 1) - 1;
	tm.tm_mday = d > 0 ? d : 1;
	tm.tm_hour = 12;
	t = timegm(&tm) + 185 * 86400;
	gmtime_r(&t, &tm);
	*ey = tm.tm_year + 1900;
	*em = tm.tm_mon + 1;
	*ed = tm.tm_mday;
	left[nl++] = arena_printf(r->a, "Expires: %s", date_text(r, *ey, *em, *ed));
	for (au = front->children; au; au = au->next) {
		const char *ini, *sur, *org;
		xmlNodePtr o;
		if (!is(au, "author") || nr + 2 > 30)
			continue;
		ini = attr(r, au, "initials");
		sur = attr(r, au, "surname");
		o = child(au, "organization");
		org = o ? (attr(r, o, "abbrev") ? attr(r, o, "abbrev") : text_of(r, o)) : NULL;
		if (sur)
			right[nr++] = ini ? arena_printf(r->a, "%s %s", ini, sur) : sur;
		if (org && org[0])
			right[nr++] = org;
	}
	right[nr++] = date_text(r, y, m, d);
	for (i = 0; i < nl || i < nr; i++) {
		const char *lt = i < nl ? left[i] : "", *rt = i < nr ? right[i] : "";
		size_t ll = u8len(lt, strlen(lt)), rl = u8len(rt, strlen(rt));
		buf_printf(&r->out, "%s%*s%s\n", lt, ll + rl < WIDTH ? (int)(WIDTH - ll - rl) : 1, "", rt);
	}
	buf_puts(&r->out, "\n\n");
}

int
render_text_legacy(struct arena *a, const char *xml, size_t len, const struct render_opts *o, char **out, size_t *olen, struct err *e)
{
	struct rd r;
	xmlDocPtr doc;
	xmlNodePtr rfc, front, c, t;
	const char *docname;
	int ey = 0, em = 0, ed = 0, numbered = 1;

	memset(&r, 0, sizeof(r));
	r.a = a;
	r.o = o;
	buf_init(&r.out, a, 0);
	doc = xmlReadMemory(xml, (int)len, "input.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL)
		return err_set(e, 400, "xml", "The input is not well-formed XML.");
	rfc = xmlDocGetRootElement(doc);
	if (!is(rfc, "rfc") || (front = child(rfc, "front")) == NULL) {
		xmlFreeDoc(doc);
		return err_set(e, 400, "xml", "The root element must be <rfc> with a <front>.");
	}
	docname = attr(&r, rfc, "docName");
	{
		int k = 0, app = 0;
		/* a non-NULL toc marks "numbering done" for the appendix test */
		add_toc(&r, -1, "", "", NULL);
		if ((c = child(rfc, "middle")) != NULL)
			number_sections(&r, c, "", &k, 0, &app);
		if ((c = child(rfc, "back")) != NULL)
			number_sections(&r, c, "", &k, 0, &app);
	}
	if (o->bom)
		buf_puts(&r.out, "\xEF\xBB\xBF");
	buf_puts(&r.out, "\n\n\n\n");
	header(&r, rfc, front, &ey, &em, &ed);
	t = child(front, "title");
	center(&r, t ? text_of(&r, t) : "");
	if (docname)
		center(&r, docname);
	buf_putc(&r.out, '\n');
	if ((c = child(front, "abstract")) != NULL) {
		buf_puts(&r.out, "Abstract\n\n");
		block(&r, c, 3);
	}
	for (c = front->children; c; c = c->next)
		if (is(c, "note")) {
			xmlNodePtr nm = child(c, "name");
			buf_printf(&r.out, "%s\n\n", nm ? text_of(&r, nm) : (attr(&r, c, "title") ? attr(&r, c, "title") : "Note"));
			block(&r, c, 3);
		}
	buf_puts(&r.out, "Status of This Memo\n\n");
	para(&r, "This Internet-Draft is submitted in full conformance with the provisions of BCP 78 and BCP 79.", 3);
	para(&r, "Internet-Drafts are working documents of the Internet Engineering Task Force (IETF).  Note that other "
	    "groups may also distribute working documents as Internet-Drafts.  The list of current Internet-Drafts is at "
	    "https://datatracker.ietf.org/drafts/current/.", 3);
	para(&r, "Internet-Drafts are draft documents valid for a maximum of six months and may be updated, replaced, or "
	    "obsoleted by other documents at any time.  It is inappropriate to use Internet-Drafts as reference material or "
	    "to cite them other than as \"work in progress.\"", 3);
	para(&r, arena_printf(a, "This Internet-Draft will expire on %s.", date_text(&r, ey, em, ed)), 3);
	buf_puts(&r.out, "Copyright Notice\n\n");
	para(&r, arena_printf(a, "Copyright (c) %d IETF Trust and the persons identified as the document authors.  All rights "
	    "reserved.", r.year ? r.year : o->year), 3);
	para(&r, "This document is subject to BCP 78 and the IETF Trust's Legal Provisions Relating to IETF Documents "
	    "(https://trustee.ietf.org/license-info) in effect on the date of publication of this document.  Please review "
	    "these documents carefully, as they describe your rights and restrictions with respect to this document.  Code "
	    "Components extracted from this document must include Revised BSD License text as described in Section 4.e of "
	    "the Trust Legal Provisions and are provided without warranty as described in the Revised BSD License.", 3);
	{
		const char *toc = attr(&r, rfc, "tocInclude");
		size_t i;
		if (!(toc && strcmp(toc, "false") == 0)) {
			buf_puts(&r.out, "Table of Contents\n\n");
			for (i = 1; i < r.ntoc; i++)
				if (r.toc[i].depth <= 2) {
					if (r.toc[i].label[0])
						buf_printf(&r.out, "%*s%s  %s\n", 3 + 2 * r.toc[i].depth, "", r.toc[i].label, r.toc[i].title);
					else
						buf_printf(&r.out, "%*s%s\n", 3 + 2 * r.toc[i].depth, "", r.toc[i].title);
				}
			if (child(front, "author"))
				buf_puts(&r.out, "   Authors' Addresses\n");
			buf_putc(&r.out, '\n');
		}
	}
	if ((c = child(rfc, "middle")) != NULL)
		for (t = c->children; t; t = t->next)
			if (is(t, "section"))
				section(&r, t, 0, numbered);
	if ((c = child(rfc, "back")) != NULL)
		for (t = c->children; t; t = t->next)
			if (is(t, "section") || is(t, "references"))
				section(&r, t, 0, numbered);
	authors(&r, front);
	xmlFreeDoc(doc);
	/* xml2rfc ends the document without trailing blank lines beyond one. */
	while (r.out.len > 1 && r.out.data[r.out.len - 1] == '\n' && r.out.data[r.out.len - 2] == '\n')
		buf_truncate(&r.out, r.out.len - 1);
	if (buf_finish(&r.out, e) == -1)
		return -1;
	*out = (char *)buf_cstr(&r.out);
	*olen = r.out.len;
	return 0;
}
