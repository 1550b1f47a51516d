/* rfcxml.c: see render_int.h. RFC XML bytes to a libxml2 tree the way xml2rfc 3.32's parser.py and the
 * preptool's XInclude step leave it: entities expanded (the DTD's defaults filled in, as lxml does with
 * attribute_defaults), xi:include elements and v2 <?rfc include="..."?> instructions replaced by what
 * they name, comments and processing instructions kept, CDATA merged into text.
 *
 * Every external resource comes through the caller's fetch callback. libxml2 2.9 loads external
 * entities and the external DTD subset only through its process-wide entity loader
 * (xmlSetExternalEntityLoader): we install ours for the duration of one parse and restore the previous
 * one afterwards; the state it works on is thread-local, and when it runs without that state (another
 * thread's parse) it defers to the previous loader, so other parsers keep their own policy. It never
 * opens a file or a socket: xml2rfc's own DTD and entity sets are compiled in (rfcxml_dtd.h), and
 * anything else is asked of fetch. XML_PARSE_NONET is set as well, and XML_PARSE_HUGE is not, so
 * libxml2's entity amplification limit refuses billion-laughs input. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/SAX2.h>
#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>

#include "../core/arena.h"
#include "../core/err.h"
#include "../core/hash.h"
#include "render_int.h"
#include "rfcxml_dtd.h"

#define RFCXML_FETCH_MAX	(64u << 20)	/* bytes of all fetched resources together: a draft and its references */
#define RFCXML_FETCHES_MAX	4000		/* resources per document; the largest RFCs cite a few hundred */
#define RFCXML_DEPTH_MAX	10		/* xi:include inside included files, as libxml2's own XInclude limit */
#define XINCLUDE_NS		"http://www.w3.org/2001/XInclude"
#define XINCLUDE_NS_OLD		"http://www.w3.org/2003/XInclude"

struct rx {
	struct arena		*a;
	const struct rfcxml_src	*src;
	struct err		*e;
	xmlParserCtxtPtr	 main;		/* for the line of a failing entity */
	const char		*rfcnum;	/* &rfc.number; */
	size_t			 bytes;
	int			 nfetch;
	int			 failed;	/* e is set */
	struct err		 unresolved;	/* the first external entity that could not be fetched */
};

static _Thread_local struct rx *rx_cur;
static xmlExternalEntityLoader rx_prev;

/* xml2rfc's two entity sets, read once per process. rfc2629.dtd begins by including them, and parsing
 * their 173 declarations for every document took 0.27 ms (as much as the rest of a short draft's
 * parse). So when rfc2629.dtd is a document's external subset, libxml2 gets the DTD without those two
 * inclusions (dtd_body), and rx_get_entity() declares in the external subset, on first use, each entity
 * of the sets the document refers to: the same declarations in the same subset, made only for the few
 * names used. Every line of the sets is <!ENTITY name "&#N;">, whose value libxml2 stores as the
 * character in UTF-8; rx_ents_load() reads them so (the first of two declarations winning, as in a DTD)
 * and keeps the whole DTD should a line ever be otherwise. Read-only afterwards, so threads share it. */
#define RX_ENTS_MAX	256

struct rx_ent {
	char	 name[16];
	char	 value[5];	/* UTF-8, NUL-terminated */
};

/* The names in an open-addressed hash of indexes + 1 (0: free), twice as many slots as entries: built
 * as the lines are read, the first declaration of a name kept. Sorting them for a binary search was a
 * tenth of a short draft's instructions, in every process. */
#define RX_HASH_SLOTS	(2 * RX_ENTS_MAX)

static struct rx_ent rx_ents[RX_ENTS_MAX];
static unsigned short rx_hash[RX_HASH_SLOTS];
static size_t rx_nents;
static const char *dtd_body;
static pthread_once_t rx_ents_once = PTHREAD_ONCE_INIT;
static const char rx_lazy = 'L';	/* ctxt->_private when its external subset is dtd_body */

static size_t
rx_slot0(const char *name)
{
	return hash_fnv1a_str(HASH_FNV1A_INIT, name) & (RX_HASH_SLOTS - 1);
}

/* The entry named name, or NULL. */
static const struct rx_ent *
rx_ent_find(const char *name)
{
	size_t i;

	for (i = rx_slot0(name); rx_hash[i] != 0; i = (i + 1) & (RX_HASH_SLOTS - 1))
		if (strcmp(rx_ents[rx_hash[i] - 1].name, name) == 0)
			return &rx_ents[rx_hash[i] - 1];
	return NULL;
}

/* One set's lines into rx_ents; -1 when a line is not <!ENTITY name "&#N;"> or there are too many. */
static int
rx_ents_read(const char *s)
{
	while (*s) {
		struct rx_ent *e = &rx_ents[rx_nents];
		const char *p = s, *nl = strchr(s, '\n');
		size_t n = 0;
		unsigned long cp;
		char *end;

		if (nl == NULL || rx_nents == RX_ENTS_MAX || strncmp(p, "<!ENTITY ", 9) != 0)
			return -1;
		for (p += 9; (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'); p++)
			if (n + 1 < sizeof(e->name))
				e->name[n++] = *p;
			else
				return -1;
		e->name[n] = '\0';
		if (n == 0 || strncmp(p, " \"&#", 4) != 0)
			return -1;
		cp = strtoul(p + 4, &end, 10);
		if (end == p + 4 || strncmp(end, ";\">\n", 4) != 0 || end + 4 != nl + 1 ||
		    cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return -1;
		if (xmlCopyCharMultiByte((xmlChar *)e->value, (int)cp) <= 0)
			return -1;
		e->value[xmlUTF8Size((const xmlChar *)e->value)] = '\0';
		if (rx_ent_find(e->name) == NULL) {	/* a second declaration of a name is ignored */
			size_t i;
			for (i = rx_slot0(e->name); rx_hash[i] != 0; i = (i + 1) & (RX_HASH_SLOTS - 1))
				;
			rx_hash[i] = (unsigned short)(++rx_nents);
		}
		s = nl + 1;
	}
	return 0;
}

/* The DTD's body as libxml2 needs it for a document, parsed for each one: its attribute lists (the
 * defaults lxml fills in, the ID attributes) and its general entity, without the <!ELEMENT> declarations
 * (content models serve validation only, which this parser does not do, and blank text is kept
 * whatever they say) and with its parameter entities <!ENTITY % NAME "VALUE"> written out where they
 * are used. A quarter of the DTD's parse for each document. The body itself when it is not written so. */
#define DTD_PES_MAX	16

const char *
rfcxml_dtd_compact(const char *body, char *out, size_t outsz)
{
	char *const end = out + outsz - 1;	/* room for the '\0' */
	struct {
		const char	*name, *value;
		size_t		 nlen, vlen;
	} pe[DTD_PES_MAX];
	size_t npe = 0, i;
	const char *r = body, *q;
	char *w = out;

	while (strncmp(r, "<!ENTITY % ", 11) == 0 && npe < DTD_PES_MAX) {
		pe[npe].name = r + 11;
		pe[npe].nlen = strcspn(pe[npe].name, " ");
		if (strncmp(pe[npe].name + pe[npe].nlen, " \"", 2) != 0)
			return body;
		pe[npe].value = pe[npe].name + pe[npe].nlen + 2;
		if ((q = strchr(pe[npe].value, '"')) == NULL || strncmp(q, "\">\n", 3) != 0)
			return body;
		pe[npe].vlen = (size_t)(q - pe[npe].value);
		npe++;
		r = q + 3;
	}
	while (*r) {
		size_t run = strcspn(r, "<%\"'");	/* plain text up to the next byte that may matter */

		if (run > 0) {
			if ((size_t)(end - w) < run)
				return body;
			memcpy(w, r, run);
			w += run;
			r += run;
			continue;
		}
		if (strncmp(r, "<!ELEMENT", 9) == 0 && (q = strchr(r, '>')) != NULL) {
			r = q + (q[1] == '\n' ? 2 : 1);
			continue;
		}
		if (*r == '%') {
			for (i = 0; i < npe; i++)
				if (strncmp(r + 1, pe[i].name, pe[i].nlen) == 0 && r[1 + pe[i].nlen] == ';')
					break;
			if (i == npe)
				return body;
			/* the spaces a parameter entity's text gets around it in a declaration; an expansion
			 * that would not fit (more written than dropped so far) keeps the whole body */
			if ((size_t)(end - w) < pe[i].vlen + 2)
				return body;
			*w++ = ' ';
			memcpy(w, pe[i].value, pe[i].vlen);
			w += pe[i].vlen;
			*w++ = ' ';
			r += 2 + pe[i].nlen;
			continue;
		}
		if (*r == '"' || *r == '\'') {
			/* a quoted value is copied as it is (a '%' there is no reference) */
			if ((q = strchr(r + 1, *r)) == NULL || end - w < q - r + 1)
				return body;
			memcpy(w, r, (size_t)(q - r + 1));
			w += q - r + 1;
			r = q + 1;
			continue;
		}
		if (w == end)
			return body;
		*w++ = *r++;
	}
	*w = '\0';
	return out;
}

static void
rx_ents_load(void)
{
	static const char inc[] = "%rfc2629-other;\n";
	static char compact[sizeof(dtd_rfc2629)];
	const char *p = strstr(dtd_rfc2629, inc);

	/* the inclusions as the DTD's first lines have them; anything else keeps the whole DTD */
	if (p == NULL || strncmp(dtd_rfc2629, "<!ENTITY % rfc2629-xhtml\n", 25) != 0 ||
	    strstr(p + sizeof(inc) - 1, "rfc2629-") != NULL)
		return;
	if (rx_ents_read(ent_xhtml) == -1 || rx_ents_read(ent_other) == -1)
		return;
	dtd_body = rfcxml_dtd_compact(p + sizeof(inc) - 1, compact, sizeof(compact));
}

static xmlEntityPtr
rx_get_entity(void *ctx, const xmlChar *name)
{
	xmlParserCtxtPtr ctxt = ctx;
	xmlEntityPtr ent = xmlSAX2GetEntity(ctx, name);
	const struct rx_ent *def;

	/* in the document's content only: the sets were parsed after the internal subset, and the body of
	 * the DTD refers to none of their entities */
	if (ent != NULL || ctxt->_private != &rx_lazy || ctxt->inSubset != 0 || ctxt->myDoc == NULL ||
	    ctxt->myDoc->extSubset == NULL)
		return ent;
	if ((def = rx_ent_find((const char *)name)) == NULL)
		return NULL;
	if (xmlAddDtdEntity(ctxt->myDoc, name, XML_INTERNAL_GENERAL_ENTITY, NULL, NULL,
	    (const xmlChar *)def->value) == NULL)
		return NULL;
	return xmlSAX2GetEntity(ctx, name);	/* with its standalone="yes" check */
}

static void
doc_free(void *p)
{
	xmlFreeDoc(p);
}

static const char *
base_name(const char *uri)
{
	const char *s = strrchr(uri, '/');

	return s ? s + 1 : uri;
}

static int
ends_with(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);

	return n >= m && strcmp(s + n - m, suf) == 0;
}

/* Asks fetch for uri within the limits; 0 with the bytes, or -1 with e set (xml2rfc's sentence). */
static int
rx_fetch(struct rx *x, const char *uri, int line, char **data, size_t *len)
{
	const char *p = x->src->path ? x->src->path : "input.xml";

	if (x->failed)
		return -1;
	if (++x->nfetch > RFCXML_FETCHES_MAX) {
		x->failed = 1;
		return err_set(x->e, 400, "include", "%s: More than %d external resources; not resolving \"%s\".", p,
		    RFCXML_FETCHES_MAX, uri);
	}
	if (x->src->fetch == NULL || x->src->fetch(x->src->ctx, x->a, uri, data, len) == -1) {
		x->failed = 1;
		return err_set(x->e, 400, "include", "Unable to parse the XML document: %s: Line %d: "
		    "Unable to resolve external request: \"%s\"", p, line, uri);
	}
	if ((x->bytes += *len) > RFCXML_FETCH_MAX) {
		x->failed = 1;
		return err_set(x->e, 400, "include", "%s: The external resources exceed %u MiB; not resolving \"%s\".", p,
		    RFCXML_FETCH_MAX >> 20, uri);
	}
	return 0;
}

static xmlParserInputPtr
input_from(xmlParserCtxtPtr ctxt, const char *url, const char *data, size_t len)
{
	xmlParserInputBufferPtr buf;
	xmlParserInputPtr in;

	if ((buf = xmlParserInputBufferCreateMem(data, (int)len, XML_CHAR_ENCODING_NONE)) == NULL)
		return NULL;
	if ((in = xmlNewIOInputStream(ctxt, buf, XML_CHAR_ENCODING_NONE)) == NULL) {
		xmlFreeParserInputBuffer(buf);
		return NULL;
	}
	in->filename = (const char *)xmlStrdup((const xmlChar *)url);	/* the base of nested relative ids */
	return in;
}

static xmlParserInputPtr
rx_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	struct rx *x = rx_cur;
	const char *bn;
	char *data;
	size_t len;
	int line;

	if (x == NULL)
		return rx_prev ? rx_prev(url, id, ctxt) : NULL;
	/* whatever is loaded is read in the encoding it declares: XML_PARSE_IGNORE_ENC was for the
	 * document's own bytes (ascii_as_utf8()), whose declaration has been read by now */
	if (x->main != NULL)
		x->main->options &= ~XML_PARSE_IGNORE_ENC;
	if (ctxt != NULL)
		ctxt->options &= ~XML_PARSE_IGNORE_ENC;
	if (url == NULL || x->failed)
		return NULL;
	bn = base_name(url);
	/* xml2rfc answers these from its templates folder, whatever the path says. */
	if (strcmp(bn, "rfc2629.dtd") == 0) {
		/* as the external subset (libxml2 makes the subset's node after loading it) */
		if (dtd_body != NULL && ctxt != NULL && ctxt->inSubset == 2 && ctxt->myDoc != NULL &&
		    ctxt->myDoc->extSubset == NULL && ctxt->sax != NULL && ctxt->sax->getEntity == rx_get_entity) {
			ctxt->_private = (void *)&rx_lazy;
			return input_from(ctxt, url, dtd_body, strlen(dtd_body));
		}
		return input_from(ctxt, url, dtd_rfc2629, sizeof(dtd_rfc2629) - 1);
	}
	if (strcmp(bn, "rfc2629-xhtml.ent") == 0)
		return input_from(ctxt, url, ent_xhtml, sizeof(ent_xhtml) - 1);
	if (strcmp(bn, "rfc2629-other.ent") == 0)
		return input_from(ctxt, url, ent_other, sizeof(ent_other) - 1);
	if (strcmp(url, "internal:/rfc.number") == 0)
		return input_from(ctxt, url, x->rfcnum, strlen(x->rfcnum));
	line = x->main && x->main->input ? x->main->input->line : 0;
	if (ends_with(url, ".dtd") || ends_with(url, ".ent")) {
		/* Another DTD: its entities matter, its absence does not stop xml2rfc. */
		if (x->src->fetch && x->src->fetch(x->src->ctx, x->a, url, &data, &len) == 0 &&
		    (x->bytes += len) <= RFCXML_FETCH_MAX)
			return input_from(ctxt, url, data, len);
		return input_from(ctxt, url, "", 0);
	}
	if (x->src->fetch == NULL || x->src->fetch(x->src->ctx, x->a, url, &data, &len) == -1) {
		/* xml2rfc 3.32 goes on without an entity it cannot fetch: the reference is simply absent
		 * (draft-wilde-linkset-02's &RFC6690;). It fails only when the document then cites what is
		 * missing; rfcxml_parse() checks that once the tree is whole. */
		if (x->unresolved.status == 0)
			err_set(&x->unresolved, 400, "include", "%s(%d): Error: Unable to resolve external request: \"%s\"",
			    x->src->path ? x->src->path : "input.xml", line, url);
		return input_from(ctxt, url, "", 0);
	}
	if (++x->nfetch > RFCXML_FETCHES_MAX || (x->bytes += len) > RFCXML_FETCH_MAX) {
		x->failed = 1;
		err_set(x->e, 400, "include", "%s: The external resources exceed their limits; not resolving \"%s\".",
		    x->src->path ? x->src->path : "input.xml", url);
		return NULL;
	}
	return input_from(ctxt, url, data, len);
}

/* Every anchor in the document, then whether each xref's target is among them. */
static void
collect_anchors(struct arena *a, xmlNodePtr n, const char ***v, size_t *len, size_t *cap)
{
	for (; n; n = n->next) {
		xmlChar *an;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if ((an = xmlGetProp(n, (const xmlChar *)"anchor")) != NULL) {
			const char **nv = arena_grow(a, *v, *len, cap, sizeof(**v));
			if (nv) {
				*v = nv;
				nv[(*len)++] = arena_strdup(a, (const char *)an);
			}
			xmlFree(an);
		}
		collect_anchors(a, n->children, v, len, cap);
	}
}

static int
xref_dangles(xmlNodePtr n, const char **v, size_t len)
{
	for (; n; n = n->next) {
		xmlChar *t;
		size_t i;
		int found = 1;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)n->name, "xref") == 0 && (t = xmlGetProp(n, (const xmlChar *)"target")) != NULL) {
			found = 0;
			for (i = 0; i < len && !found; i++)
				found = strcmp(v[i], (const char *)t) == 0;
			xmlFree(t);
		}
		if (!found || xref_dangles(n->children, v, len))
			return 1;
	}
	return 0;
}

/* The number attribute of the <rfc> start tag, for &rfc.number; ("XXXX" without one, as xml2rfc). */
static const char *
scan_rfc_number(struct arena *a, const char *xml, size_t len)
{
	const char *p = xml, *end = xml + len, *q, *v;

	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL && end - p > 4) {
		if (memcmp(p, "<rfc", 4) == 0 && (p[4] == ' ' || p[4] == '\t' || p[4] == '\n' || p[4] == '\r')) {
			for (q = p + 4; q < end && *q != '>'; q++)
				if (end - q > 8 && memcmp(q, "number", 6) == 0 && q[-1] <= ' ') {
					for (v = q + 6; v < end && (*v == ' ' || *v == '='); v++)
						;
					if (v < end && (*v == '"' || *v == '\'')) {
						const char *w = memchr(v + 1, *v, (size_t)(end - v - 1));
						if (w)
							return arena_strndup(a, v + 1, (size_t)(w - v - 1));
					}
				}
			break;
		}
		p++;
	}
	return "XXXX";
}

static void
silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/* Whether the document declares an encoding of which ASCII is a part (so that ASCII bytes read the
 * same in it as in UTF-8) and holds only ASCII bytes: libxml2 may then read it as the UTF-8 it is
 * (XML_PARSE_IGNORE_ENC) instead of converting it a byte at a time, a thirtieth of a large draft's
 * rendering for the drafts that say encoding="US-ASCII". Any other byte, or another encoding, is
 * read as declared, with its errors; so is everything the document loads (rx_loader() drops the
 * option, which libxml2 would otherwise apply to the entities and the DTD too). */
static int
ascii_as_utf8(const char *data, size_t len)
{
	static const char *const names[] = { "us-ascii", "ascii", "iso-8859-1", "latin1", "iso-latin-1" };
	const char *end, *enc, *q;
	size_t i, n;

	if (len < 6 || memcmp(data, "<?xml", 5) != 0 || (end = memchr(data, '>', len < 200 ? len : 200)) == NULL ||
	    (enc = memmem(data, (size_t)(end - data), "encoding", 8)) == NULL)
		return 0;
	for (enc += 8; enc < end && (*enc == ' ' || *enc == '\t' || *enc == '\r' || *enc == '\n'); enc++)
		;
	if (enc >= end || *enc++ != '=')
		return 0;
	for (; enc < end && (*enc == ' ' || *enc == '\t' || *enc == '\r' || *enc == '\n'); enc++)
		;
	if (enc >= end || (*enc != '"' && *enc != '\'') || (q = memchr(enc + 1, *enc, (size_t)(end - enc - 1))) == NULL)
		return 0;
	n = (size_t)(q - enc - 1);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == n && strncasecmp(enc + 1, names[i], n) == 0)
			break;
	return i < sizeof(names) / sizeof(names[0]) && u8_is_ascii(data, len);
}

/* One parse of bytes named url with our loader installed; NULL with x->e set. */
static xmlDocPtr
parse_bytes(struct rx *x, const char *data, size_t len, const char *url)
{
	xmlParserCtxtPtr ctxt, outer = x->main;
	xmlDocPtr doc;
	const char *p = x->src->path ? x->src->path : "input.xml";
	int opts = XML_PARSE_NOENT | XML_PARSE_DTDLOAD | XML_PARSE_DTDATTR | XML_PARSE_NONET | XML_PARSE_NOCDATA |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING;

	if (len > (size_t)0x7fffffff) {
		err_set(x->e, 400, "xml", "%s: The document is too large.", p);
		return NULL;
	}
	if ((ctxt = xmlNewParserCtxt()) == NULL) {
		err_set(x->e, 500, "nomem", "Out of memory.");
		return NULL;
	}
	x->main = ctxt;
	pthread_once(&rx_ents_once, rx_ents_load);
	if (ctxt->sax != NULL)
		ctxt->sax->getEntity = rx_get_entity;
	/* validity messages (a duplicate ID) bypass XML_PARSE_NOERROR: keep them off stderr too */
	ctxt->vctxt.error = silent;
	ctxt->vctxt.warning = silent;
	if (ascii_as_utf8(data, len))
		opts |= XML_PARSE_IGNORE_ENC;
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, url, NULL, opts);
	x->main = outer;
	if (doc && arena_defer(x->a, doc_free, doc) == -1)
		doc = NULL;
	/* lxml (and so xml2rfc) refuses a document whose last parser message is an error even when it is
	 * well-formed: a duplicate ID ("ID x already defined") is one */
	if (doc == NULL || !ctxt->wellFormed || x->failed || (xmlCtxtGetLastError(ctxt) &&
	    xmlCtxtGetLastError(ctxt)->level >= XML_ERR_ERROR)) {
		xmlErrorPtr le = xmlCtxtGetLastError(ctxt);
		if (!x->failed) {
			char msg[256];
			size_t n;
			snprintf(msg, sizeof(msg), "%s", le && le->message ? le->message : "not well-formed XML");
			n = strlen(msg);
			while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
				msg[--n] = '\0';
			err_set(x->e, 400, "xml", "Unable to parse the XML document: %s: Line %d: %s", url, le ? le->line : 0,
			    msg);
			x->failed = 1;
		}
		xmlFreeParserCtxt(ctxt);
		return NULL;
	}
	xmlFreeParserCtxt(ctxt);
	return doc;
}

static char *
attr_dup(struct arena *a, xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s;

	if (v == NULL)
		return NULL;
	s = arena_strdup(a, (const char *)v);
	xmlFree(v);
	return s;
}

/* uri resolved against the base of n (xml:base, else the document's name), as lxml hands it over. */
static char *
resolve(struct arena *a, xmlNodePtr n, const char *uri)
{
	xmlChar *base = xmlNodeGetBase(n->doc, n), *full;
	char *s;

	full = xmlBuildURI((const xmlChar *)uri, base);
	s = arena_strdup(a, full ? (const char *)full : uri);
	xmlFree(base);
	xmlFree(full);
	return s;
}

static int expand(struct rx *, xmlNodePtr, int depth);

/* The root of the parsed resource uri, copied into doc with xml:base, its own includes expanded. */
static xmlNodePtr
include_xml(struct rx *x, xmlDocPtr doc, const char *uri, const char *data, size_t len, int depth)
{
	xmlDocPtr sub;
	xmlNodePtr root, copy;

	if ((sub = parse_bytes(x, data, len, uri)) == NULL || (root = xmlDocGetRootElement(sub)) == NULL)
		return NULL;
	if (expand(x, root, depth + 1) == -1)
		return NULL;
	if ((copy = xmlDocCopyNode(root, doc, 1)) == NULL) {
		err_set(x->e, 500, "nomem", "Out of memory.");
		return NULL;
	}
	if (xmlHasProp(copy, (const xmlChar *)"base") == NULL)
		xmlNodeSetBase(copy, (const xmlChar *)uri);
	return copy;
}

/* <xi:include href parse="xml|text">, with <xi:fallback> when the resource is missing. */
static int
xinclude(struct rx *x, xmlNodePtr inc, int depth)
{
	char *href = attr_dup(x->a, inc, "href"), *parse = attr_dup(x->a, inc, "parse"), *uri, *data;
	xmlNodePtr c, repl = NULL, fb = NULL;
	size_t len;
	int line = (int)xmlGetLineNo(inc);

	for (c = inc->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "fallback") == 0)
			fb = c;
	if (href == NULL || *href == '\0')
		return err_set(x->e, 400, "include", "%s: Line %d: XInclude processing failed: <xi:include> without href.",
		    x->src->path ? x->src->path : "input.xml", line);
	uri = resolve(x->a, inc, href);
	if (rx_fetch(x, uri, line, &data, &len) == -1) {
		if (fb == NULL)
			return -1;
		/* the fallback's content stands in for the resource */
		err_clear(x->e);
		x->failed = 0;
		while ((c = fb->children) != NULL) {
			xmlUnlinkNode(c);
			xmlAddPrevSibling(inc, c);
		}
		xmlUnlinkNode(inc);
		xmlFreeNode(inc);
		return 0;
	}
	if (parse && strcmp(parse, "text") == 0)
		repl = xmlNewDocTextLen(inc->doc, (const xmlChar *)data, (int)len);
	else if ((repl = include_xml(x, inc->doc, uri, data, len, depth)) == NULL)
		return -1;
	if (repl == NULL)
		return err_set(x->e, 500, "nomem", "Out of memory.");
	xmlReplaceNode(inc, repl);
	xmlFreeNode(inc);
	return 0;
}

/* The value of pseudo-attribute name in a PI's content (include="reference.RFC.2119.xml"). */
static char *
pi_value(struct arena *a, const char *s, const char *name)
{
	size_t n = strlen(name);
	const char *p, *q;

	for (p = s; p && *p; p++) {
		if ((p == s || p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n') && strncmp(p, name, n) == 0) {
			for (q = p + n; *q == ' '; q++)
				;
			if (*q++ != '=')
				continue;
			while (*q == ' ')
				q++;
			if (*q == '"' || *q == '\'') {
				const char *w = strchr(q + 1, *q);
				if (w)
					return arena_strndup(a, q + 1, (size_t)(w - q - 1));
			}
		}
	}
	return NULL;
}

/* v2 <?rfc include="name"?>: xml2rfc looks next to the document, then in its library on the network,
 * which --cache answers by file name; so does fetch for the URL we give in second place. */
static int
pi_include(struct rx *x, xmlNodePtr pi, const char *req)
{
	char *uri = resolve(x->a, pi, req), *data;
	size_t len;
	int line = (int)xmlGetLineNo(pi);
	xmlNodePtr repl;

	if (x->src->fetch && x->src->fetch(x->src->ctx, x->a, uri, &data, &len) == 0)
		x->bytes += len;
	else if (strchr(req, '/') == NULL && strstr(req, "://") == NULL) {
		/* xml2rfc adds the .xml a library name is written without ("reference.I-D.iab-xml2rfc") */
		uri = arena_printf(x->a, "https://xml2rfc.ietf.org/public/rfc/bibxml/%s%s", req,
		    ends_with(req, ".xml") ? "" : ".xml");
		if (rx_fetch(x, uri, line, &data, &len) == -1) {
			/* the message names what the author wrote */
			err_set(x->e, 400, "include", "Unable to parse the XML document: %s: Line %d: "
			    "Unable to resolve external request: \"%s\"", x->src->path ? x->src->path : "input.xml", line, req);
			return -1;
		}
	} else if (rx_fetch(x, uri, line, &data, &len) == -1)
		return -1;
	if ((repl = include_xml(x, pi->doc, uri, data, len, 0)) == NULL)
		return -1;
	xmlReplaceNode(pi, repl);
	xmlFreeNode(pi);
	return 0;
}

static int
is_xinclude(xmlNodePtr n)
{
	return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href && strcmp((const char *)n->name, "include") == 0 &&
	    (strcmp((const char *)n->ns->href, XINCLUDE_NS) == 0 || strcmp((const char *)n->ns->href, XINCLUDE_NS_OLD) == 0);
}

/* Replaces the includes below n, document order; included content is expanded before it is copied in. */
static int
expand(struct rx *x, xmlNodePtr n, int depth)
{
	xmlNodePtr c, next;
	char *req;

	if (depth > RFCXML_DEPTH_MAX)
		return err_set(x->e, 400, "include", "%s: Includes nested deeper than %d levels.",
		    x->src->path ? x->src->path : "input.xml", RFCXML_DEPTH_MAX);
	for (c = n->children; c; c = next) {
		next = c->next;
		if (is_xinclude(c)) {
			if (xinclude(x, c, depth) == -1)
				return -1;
		} else if (c->type == XML_PI_NODE && strcmp((const char *)c->name, "rfc") == 0 && c->content &&
		    (req = pi_value(x->a, (const char *)c->content, "include")) != NULL && *req) {
			if (pi_include(x, c, req) == -1)
				return -1;
		} else if (c->type == XML_ELEMENT_NODE && expand(x, c, depth) == -1)
			return -1;
	}
	return 0;
}

xmlDocPtr
rfcxml_parse(struct arena *a, const struct rfcxml_src *src, struct err *e)
{
	struct rx x, *saved = rx_cur;
	xmlExternalEntityLoader prev = xmlGetExternalEntityLoader();
	xmlDocPtr doc;
	xmlNodePtr root;
	int rc;

	memset(&x, 0, sizeof(x));
	x.a = a;
	x.src = src;
	x.e = e;
	x.rfcnum = scan_rfc_number(a, src->xml, src->len);
	if (prev != rx_loader)
		rx_prev = prev;
	rx_cur = &x;
	xmlSetExternalEntityLoader(rx_loader);
	doc = parse_bytes(&x, src->xml, src->len, src->path ? src->path : "input.xml");
	rc = doc ? 0 : -1;
	if (doc && (root = xmlDocGetRootElement(doc)) != NULL) {
		/* PIs before the root element can include too, but xml2rfc only looks below it */
		rc = expand(&x, root, 0);
	}
	xmlSetExternalEntityLoader(prev);
	rx_cur = saved;
	if (rc == 0 && x.unresolved.status) {
		const char **anchors = NULL;
		size_t n = 0, cap = 0;
		collect_anchors(a, xmlDocGetRootElement(doc), &anchors, &n, &cap);
		if (xref_dangles(xmlDocGetRootElement(doc), anchors, n)) {
			*e = x.unresolved;
			return NULL;
		}
	}
	if (rc == -1 && e->status == 0)
		err_set(e, 400, "xml", "Unable to parse the XML document: %s", src->path ? src->path : "input.xml");
	return rc == -1 ? NULL : doc;
}
