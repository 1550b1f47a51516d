/* mail_in.c: `idtracker mail-in`: one message from the MTA is parsed with GMime 3, kept in the inbox
 * table (deduplicated by Message-ID) and handed to the office that owns its recipient (offices[] below).
 * Callers: main.c (mail_in_command), the offices' tests (mail_in_accept), fuzz/fuzz_mail_in.c (mail_in_parse).
 * GMime (with GObject and GLib, its dependencies) is loaded by the first mail_in_parse() (core/dynlib.h):
 * the other commands never load it. */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gmime/gmime.h>
#include <libxml/HTMLparser.h>

#include "../core/arena.h"
#include "../core/buf.h"
#include "../core/dynlib.h"
#include "../core/err.h"
#include "../core/log.h"
#include "../core/timeutil.h"
#include "../db/db.h"
#include "../db/event.h"
#include "mail_in.h"
#include "../liaison/liaison.h"
#include "../submit/submission.h"
#include "sonames.h"

/* Every GLib, GObject and GMime function this file calls, the GObject type checks' (GMIME_IS_PART(),
 * GMIME_PART() ...) included; one missing here is a link error (-lgmime-3.0 is not linked). GLib's and
 * GObject's are found through GMime's handle, which loaded them. */
#define GMIME_FUNCS(X) \
	X(g_ascii_strcasecmp) X(g_compute_checksum_for_data) X(g_convert) X(g_date_time_format) \
	X(g_date_time_to_utc) X(g_date_time_unref) X(g_free) X(g_utf8_validate) \
	X(g_object_unref) X(g_type_check_instance_cast) X(g_type_check_instance_is_a) \
	X(g_mime_charset_iconv_name) X(g_mime_content_type_get_mime_type) X(g_mime_data_wrapper_write_to_stream) \
	X(g_mime_init) X(g_mime_message_foreach) X(g_mime_message_get_addresses) X(g_mime_message_get_date) \
	X(g_mime_message_get_from) X(g_mime_message_get_message_id) X(g_mime_message_get_subject) \
	X(g_mime_message_part_get_message) X(g_mime_message_part_get_type) X(g_mime_multipart_get_type) \
	X(g_mime_object_get_content_disposition_parameter) X(g_mime_object_get_content_type) \
	X(g_mime_object_get_content_type_parameter) X(g_mime_object_get_disposition) X(g_mime_object_get_header) \
	X(g_mime_object_get_type) X(g_mime_object_write_to_stream) X(g_mime_parser_construct_message) \
	X(g_mime_parser_new_with_stream) X(g_mime_parser_options_free) X(g_mime_parser_options_new) \
	X(g_mime_parser_options_set_fallback_charsets) X(g_mime_parser_set_format) X(g_mime_part_get_content) \
	X(g_mime_part_get_filename) X(g_mime_part_get_type) X(g_mime_stream_mem_get_byte_array) \
	X(g_mime_stream_mem_get_type) X(g_mime_stream_mem_new) X(g_mime_stream_mem_new_with_buffer) \
	X(g_mime_utils_decode_message_id) X(internet_address_get_name) X(internet_address_group_get_members) \
	X(internet_address_group_get_type) X(internet_address_list_get_address) X(internet_address_list_length) \
	X(internet_address_mailbox_get_addr) X(internet_address_mailbox_get_type)
GMIME_FUNCS(DYNLIB_PTR)
static const struct dynlib_sym gmime_syms[] = { GMIME_FUNCS(DYNLIB_SYM) };
#define g_ascii_strcasecmp				p_g_ascii_strcasecmp
#define g_compute_checksum_for_data			p_g_compute_checksum_for_data
#define g_convert					p_g_convert
#define g_date_time_format				p_g_date_time_format
#define g_date_time_to_utc				p_g_date_time_to_utc
#define g_date_time_unref				p_g_date_time_unref
#define g_free						p_g_free
#define g_utf8_validate					p_g_utf8_validate
#define g_object_unref					p_g_object_unref
#define g_type_check_instance_cast			p_g_type_check_instance_cast
#define g_type_check_instance_is_a			p_g_type_check_instance_is_a
#define g_mime_charset_iconv_name			p_g_mime_charset_iconv_name
#define g_mime_content_type_get_mime_type		p_g_mime_content_type_get_mime_type
#define g_mime_data_wrapper_write_to_stream		p_g_mime_data_wrapper_write_to_stream
#define g_mime_init					p_g_mime_init
#define g_mime_message_foreach				p_g_mime_message_foreach
#define g_mime_message_get_addresses			p_g_mime_message_get_addresses
#define g_mime_message_get_date				p_g_mime_message_get_date
#define g_mime_message_get_from				p_g_mime_message_get_from
#define g_mime_message_get_message_id			p_g_mime_message_get_message_id
#define g_mime_message_get_subject			p_g_mime_message_get_subject
#define g_mime_message_part_get_message			p_g_mime_message_part_get_message
#define g_mime_message_part_get_type			p_g_mime_message_part_get_type
#define g_mime_multipart_get_type			p_g_mime_multipart_get_type
#define g_mime_object_get_content_disposition_parameter	p_g_mime_object_get_content_disposition_parameter
#define g_mime_object_get_content_type			p_g_mime_object_get_content_type
#define g_mime_object_get_content_type_parameter	p_g_mime_object_get_content_type_parameter
#define g_mime_object_get_disposition			p_g_mime_object_get_disposition
#define g_mime_object_get_header			p_g_mime_object_get_header
#define g_mime_object_get_type				p_g_mime_object_get_type
#define g_mime_object_write_to_stream			p_g_mime_object_write_to_stream
#define g_mime_parser_construct_message			p_g_mime_parser_construct_message
#define g_mime_parser_new_with_stream			p_g_mime_parser_new_with_stream
#define g_mime_parser_options_free			p_g_mime_parser_options_free
#define g_mime_parser_options_new			p_g_mime_parser_options_new
#define g_mime_parser_options_set_fallback_charsets	p_g_mime_parser_options_set_fallback_charsets
#define g_mime_parser_set_format			p_g_mime_parser_set_format
#define g_mime_part_get_content				p_g_mime_part_get_content
#define g_mime_part_get_filename			p_g_mime_part_get_filename
#define g_mime_part_get_type				p_g_mime_part_get_type
#define g_mime_stream_mem_get_byte_array		p_g_mime_stream_mem_get_byte_array
#define g_mime_stream_mem_get_type			p_g_mime_stream_mem_get_type
#define g_mime_stream_mem_new				p_g_mime_stream_mem_new
#define g_mime_stream_mem_new_with_buffer		p_g_mime_stream_mem_new_with_buffer
#define g_mime_utils_decode_message_id			p_g_mime_utils_decode_message_id
#define internet_address_get_name			p_internet_address_get_name
#define internet_address_group_get_members		p_internet_address_group_get_members
#define internet_address_group_get_type			p_internet_address_group_get_type
#define internet_address_list_get_address		p_internet_address_list_get_address
#define internet_address_list_length			p_internet_address_list_length
#define internet_address_mailbox_get_addr		p_internet_address_mailbox_get_addr
#define internet_address_mailbox_get_type		p_internet_address_mailbox_get_type

#define FIELD_NAME_MAX	76	/* RFC 5322 lines are 78 characters; a longer "name:" is no header field */
#define READ_CHUNK	65536	/* stdin is read in pieces this size */

/* The offices that receive mail; the first whose owns() says yes takes the message. An office adds its
 * row here and nothing else in this file changes. A recipient nobody owns is kept and the MTA told 67.
 * The unit test compiles this file with MAIL_IN_TEST_OFFICES defined to prove the dispatch paths with
 * rows of its own. */
static const struct mail_office offices[] = {
#ifdef MAIL_IN_TEST_OFFICES
	MAIL_IN_TEST_OFFICES
#else
	{ "submission", sub_owns_address, sub_mail_in },	/* src/submit/mail_office.c (R55-R61) */
	{ "liaison", li_owns_address, li_mail_in },		/* src/liaison/liaison.c: moderated (L15) */
#endif
	{ NULL, NULL, NULL }	/* end of the table */
};

enum {
	SQL_FIND, SQL_ADD, SQL_SET_STATE,
	SQL__MAX
};

static const char *const sqls[SQL__MAX] = {
	/* SQL_FIND */
	"SELECT id, state, office FROM inbox WHERE message_id = ? AND recipient = ?",
	/* SQL_ADD */
	"INSERT INTO inbox (received, message_id, envelope_from, recipient, header_from, subject, size, parts, attachments, office, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	/* SQL_SET_STATE */
	"UPDATE inbox SET state = ?, note = ? WHERE id = ?",
};

/* 8-bit header text without a charset is UTF-8 when it is valid, else most often Latin-1. GMime's API
 * takes a non-const array, but only reads it. */
static const char *fallback_charsets[] = { "UTF-8", "iso-8859-1", NULL };

/* Elements that end a line of text (paragraphs leave an empty line), and those whose content is no
 * text a person wrote. <br> is a line break of its own. */
static const char *const html_blocks[] = {
	"p", "div", "tr", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
	"blockquote", "pre", "table", "ul", "ol", "hr", "section", "article", "header", "footer",
};
static const char *const html_skipped[] = { "head", "script", "style", "title", "template" };

/* Once, by the first parse, with GMime's symbols resolved; libxml2's parser is set up with it. */
static const char *
gmime_start(void)
{
	g_mime_init();
	xmlInitParser();
	return NULL;
}

static struct dynlib gmime_lib = DYNLIB(SONAME_GMIME, "incoming mail", gmime_syms, gmime_start);

static void
unref(void *p)
{
	g_object_unref(p);
}

static void
options_free(void *p)
{
	g_mime_parser_options_free(p);
}

static void
doc_free(void *p)
{
	xmlFreeDoc(p);
}

static int
oom(struct err *e)
{
	return err_set(e, 500, "memory", "Out of memory while reading the message.");
}

/* ---- text ---- */

/* 1 when s[0..len) is UTF-8 apart from NUL bytes (which clean() drops). */
static int
utf8_valid(const char *s, size_t len)
{
	const gchar *end;

	while (len > 0) {
		if (g_utf8_validate(s, (gssize)len, &end))
			return 1;
		if (*end != '\0')
			return 0;
		len -= (size_t)(end - s) + 1;
		s = end + 1;
	}
	return 1;
}

enum clean { CLEAN_LINE, CLEAN_NAME, CLEAN_TEXT };

/* Copies s[0..len) into the arena as UTF-8: kept when valid, else read as Latin-1. NULs are dropped.
 * CLEAN_LINE turns control characters into spaces (one-line values); CLEAN_NAME into '_' (file names
 * are stored one per line); CLEAN_TEXT keeps tab, newline and form feed (drafts' page breaks) and
 * turns CRLF and lone CR into LF. NULL when out of memory. */
static char *
clean(struct arena *a, const char *s, size_t len, enum clean mode)
{
	int utf8 = utf8_valid(s, len);
	size_t i, n = 0, extra = 0;
	unsigned char c;
	char *out;

	if (!utf8)
		for (i = 0; i < len; i++)
			extra += (unsigned char)s[i] >= 0x80;
	if (len > SIZE_MAX - extra - 1 || (out = arena_alloc(a, len + extra + 1)) == NULL)
		return NULL;
	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (c == '\0')
			continue;
		if (c >= 0x80 && !utf8) {
			out[n++] = (char)(0xc0 | c >> 6);
			out[n++] = (char)(0x80 | (c & 0x3f));
			continue;
		}
		if (c < 0x20 || c == 0x7f) {
			if (mode == CLEAN_TEXT) {
				if (c == '\r' && i + 1 < len && s[i + 1] == '\n')
					continue;
				if (c == '\r')
					c = '\n';
				else if (c != '\n' && c != '\t' && c != '\f')
					continue;
			} else
				c = mode == CLEAN_NAME ? '_' : ' ';
		}
		out[n++] = (char)c;
	}
	out[n] = '\0';
	return out;
}

static char *
clean_str(struct arena *a, const char *s, enum clean mode)
{
	return clean(a, s ? s : "", s ? strlen(s) : 0, mode);
}

/* Addresses compare as lower case; non-ASCII local parts are left alone (their case is the owner's). */
static void
lower(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

/* A Message-ID we can key on: printable ASCII without brackets or spaces, short enough to show. */
static int
msgid_usable(const char *id)
{
	size_t n = strlen(id), i;

	if (n == 0 || n > MAIL_IN_MSGID_MAX - 2)
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)id[i] < 0x21 || (unsigned char)id[i] > 0x7e || id[i] == '<' || id[i] == '>')
			return 0;
	return 1;
}

/* Converts a text part to UTF-8 from its declared charset. iconv refuses invalid input as a whole;
 * then, as for an unknown or missing charset, the bytes get clean()'s UTF-8-else-Latin-1 reading. */
static char *
text_utf8(struct arena *a, const struct mail_in_part *p, const char *charset)
{
	const char *name;
	gchar *conv;
	gsize n;
	char *out;

	if (charset != NULL && *charset != '\0' && g_ascii_strcasecmp(charset, "utf-8") != 0 &&
	    g_ascii_strcasecmp(charset, "us-ascii") != 0 && (name = g_mime_charset_iconv_name(charset)) != NULL &&
	    (conv = g_convert(p->data, (gssize)p->len, "UTF-8", name, NULL, &n, NULL)) != NULL) {
		out = clean(a, conv, n, CLEAN_TEXT);
		g_free(conv);
		return out;
	}
	return clean(a, p->data, p->len, CLEAN_TEXT);
}

static int
in_list(const char *name, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (g_ascii_strcasecmp(name, list[i]) == 0)
			return 1;
	return 0;
}

#define NITEMS(v)	(sizeof(v) / sizeof((v)[0]))

/* 0 for inline elements and text, else how many line ends the element stands for: 1 ends a line,
 * 2 leaves an empty line after it. */
static int
html_lines(xmlNodePtr n)
{
	if (n->type != XML_ELEMENT_NODE || !in_list((const char *)n->name, html_blocks, NITEMS(html_blocks)))
		return 0;
	return g_ascii_strcasecmp((const char *)n->name, "p") == 0 ? 2 : 1;
}

static int
html_is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && g_ascii_strcasecmp((const char *)n->name, name) == 0;
}

/* Ends lines until the text ends with `lines` line ends (never more than one empty line); trailing
 * spaces go first. force adds one even at the start of a line (<br><br> is an empty line). */
static void
html_newline(struct buf *b, int lines, int force)
{
	int have = 0;

	while (b->len > 0 && b->data[b->len - 1] == ' ')
		b->data[--b->len] = '\0';
	if (b->len == 0)
		return;
	while (have < 2 && (size_t)have < b->len && b->data[b->len - 1 - (size_t)have] == '\n')
		have++;
	if (force && have < 2)
		lines = have + 1;
	for (; have < lines; have++)
		buf_putc(b, '\n');
}

/* Text as a browser lays it out, roughly: runs of white space are one space (except in <pre>) and
 * block elements start lines. */
static void
html_put_text(struct buf *b, const char *s, int pre)
{
	int space = 0;

	if (pre) {
		buf_puts(b, s);
		return;
	}
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f') {
			space = 1;
			continue;
		}
		if (space && b->len > 0 && b->data[b->len - 1] != '\n' && b->data[b->len - 1] != ' ')
			buf_putc(b, ' ');
		space = 0;
		buf_putc(b, *s);
	}
	if (space && b->len > 0 && b->data[b->len - 1] != '\n' && b->data[b->len - 1] != ' ')
		buf_putc(b, ' ');
}

/* An HTML-only message's text. The walk is iterative: hostile nesting costs no stack. */
static char *
html_to_text(struct arena *a, const char *html, size_t len)
{
	htmlDocPtr doc;
	xmlNodePtr n;
	struct buf b;
	int pre = 0;

	if (len == 0 || len > INT_MAX)
		return arena_strdup(a, "");
	doc = htmlReadMemory(html, (int)len, NULL, "UTF-8",
	    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	if (doc == NULL)
		return arena_strdup(a, "");
	if (arena_defer(a, doc_free, doc) == -1)
		return NULL;
	buf_init(&b, a, 0);
	n = doc->children;
	while (n != NULL) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
			html_put_text(&b, n->content ? (const char *)n->content : "", pre);
		else if (html_is(n, "br"))
			html_newline(&b, 1, 1);
		else if (html_lines(n) > 0) {
			html_newline(&b, html_lines(n), 0);
			pre += html_is(n, "pre");
		}
		if (n->children != NULL && n->type == XML_ELEMENT_NODE &&
		    !in_list((const char *)n->name, html_skipped, NITEMS(html_skipped))) {
			n = n->children;
			continue;
		}
		/* Leave n, and every parent whose last child it was. */
		for (;;) {
			if (html_lines(n) > 0) {
				html_newline(&b, html_lines(n), 0);
				pre -= pre > 0 && html_is(n, "pre");
			}
			if (n->next != NULL) {
				n = n->next;
				break;
			}
			n = n->parent;
			if (n == NULL || n->type == XML_HTML_DOCUMENT_NODE || n->type == XML_DOCUMENT_NODE) {
				n = NULL;
				break;
			}
		}
	}
	/* One line end at the end, as a text/plain body has. */
	while (b.len > 0 && (b.data[b.len - 1] == '\n' || b.data[b.len - 1] == ' '))
		b.data[--b.len] = '\0';
	if (b.len > 0)
		buf_putc(&b, '\n');
	if (buf_finish(&b, NULL) == -1)
		return NULL;
	return clean(a, buf_cstr(&b), b.len, CLEAN_TEXT);
}

/* ---- parsing ---- */

/* Where the header section starts: after an mbox "From sender date" line, which local delivery agents
 * prepend. "From : x" is a header field in obsolete syntax, not such a line. */
static size_t
header_start(const char *raw, size_t len)
{
	const char *nl;
	size_t i = 5;

	if (len < 5 || memcmp(raw, "From ", 5) != 0)
		return 0;
	while (i < len && (raw[i] == ' ' || raw[i] == '\t'))
		i++;
	if (i < len && raw[i] == ':')
		return 0;
	return (nl = memchr(raw, '\n', len)) != NULL ? (size_t)(nl - raw) + 1 : len;
}

/* 1 when p begins with a header field: a name of printable ASCII (RFC 5322 ftext), then a colon
 * (white space before it is obsolete syntax that old mailers still write). */
static int
starts_with_field(const char *p, size_t len)
{
	size_t i = 0;

	while (i < len && i <= FIELD_NAME_MAX && (unsigned char)p[i] >= 33 && (unsigned char)p[i] <= 126 && p[i] != ':')
		i++;
	if (i == 0 || i > FIELD_NAME_MAX)
		return 0;
	while (i < len && (p[i] == ' ' || p[i] == '\t'))
		i++;
	return i < len && p[i] == ':';
}

/* The length of the header section: up to the first empty line, or everything. */
static size_t
header_len(const char *p, size_t len)
{
	const char *nl = p, *end = p + len;

	while ((nl = memchr(nl, '\n', (size_t)(end - nl))) != NULL) {
		nl++;
		if (nl < end && (*nl == '\n' || (*nl == '\r' && nl + 1 < end && nl[1] == '\n')))
			return (size_t)(nl - p);
	}
	return len;
}

struct addr {
	const char	*addr;
	const char	*name;
};

struct addrs {
	struct addr	*v;
	size_t		 n, cap;
};

/* Appends the mailboxes of l (a group's members too: groups do not nest) to out. */
static int
addrs_add(struct arena *a, InternetAddressList *l, struct addrs *out, int depth)
{
	InternetAddress *ia;
	const char *s;
	char *addr;
	int i, n = l != NULL ? internet_address_list_length(l) : 0;

	for (i = 0; i < n; i++) {
		ia = internet_address_list_get_address(l, i);
		if (INTERNET_ADDRESS_IS_GROUP(ia)) {
			if (depth == 0 &&
			    addrs_add(a, internet_address_group_get_members(INTERNET_ADDRESS_GROUP(ia)), out, 1) == -1)
				return -1;
			continue;
		}
		if (!INTERNET_ADDRESS_IS_MAILBOX(ia) ||
		    (s = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia))) == NULL || *s == '\0')
			continue;
		if ((out->v = arena_grow(a, out->v, out->n, &out->cap, sizeof(*out->v))) == NULL ||
		    (addr = clean(a, s, strlen(s), CLEAN_LINE)) == NULL ||
		    (out->v[out->n].name = clean_str(a, internet_address_get_name(ia), CLEAN_LINE)) == NULL)
			return -1;
		lower(addr);
		out->v[out->n++].addr = addr;
	}
	return 0;
}

/* The addresses of one header as the public array (NULL when there are none). */
static int
addr_list(struct arena *a, InternetAddressList *l, const char ***out, size_t *n)
{
	struct addrs v = { NULL, 0, 0 };
	size_t i;

	*out = NULL;
	*n = 0;
	if (addrs_add(a, l, &v, 0) == -1)
		return -1;
	if (v.n == 0)
		return 0;
	if ((*out = arena_calloc(a, v.n, sizeof(**out))) == NULL)
		return -1;
	for (i = 0; i < v.n; i++)
		(*out)[i] = v.v[i].addr;
	*n = v.n;
	return 0;
}

/* What the part walk gathers; GMime's foreach cannot stop, so the first failure is remembered. */
struct walk {
	struct arena		*a;
	struct mail_in_part	*v;
	size_t			 n, cap;
	GMimeObject		*plain, *html;	/* the body candidates */
	size_t			 iplain, ihtml;
	int			 failed;	/* 0, 400 (too many parts) or 500 (memory) */
};

/* The transfer-decoded bytes of a leaf: a part's content, or a forwarded message as its text. */
static int
part_bytes(struct arena *a, GMimeObject *obj, struct mail_in_part *p)
{
	GMimeStream *mem = g_mime_stream_mem_new();
	GMimeDataWrapper *content;
	GMimeMessage *inner;
	GByteArray *bytes;
	char *data;

	/* A write error leaves what was decoded before it in mem: as much of the part as can be had. */
	if (GMIME_IS_PART(obj)) {
		if ((content = g_mime_part_get_content(GMIME_PART(obj))) != NULL)
			(void)g_mime_data_wrapper_write_to_stream(content, mem);
	} else if (GMIME_IS_MESSAGE_PART(obj)) {
		if ((inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj))) != NULL)
			(void)g_mime_object_write_to_stream(GMIME_OBJECT(inner), NULL, mem);
	}
	bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
	if ((data = arena_alloc(a, bytes->len + 1)) != NULL) {
		if (bytes->len > 0)	/* an empty part has no buffer at all */
			memcpy(data, bytes->data, bytes->len);
		p->data = data;
		p->len = bytes->len;
	}
	g_object_unref(mem);
	return data != NULL ? 0 : -1;
}

static void
on_part(GMimeObject *parent, GMimeObject *obj, gpointer arg)
{
	struct walk *w = arg;
	struct mail_in_part *p;
	const char *fn, *disp;
	char *type, *ct;

	(void)parent;
	if (w->failed || GMIME_IS_MULTIPART(obj))
		return;
	if (w->n == MAIL_IN_PARTS_MAX) {
		w->failed = 400;
		return;
	}
	if ((w->v = arena_grow(w->a, w->v, w->n, &w->cap, sizeof(*w->v))) == NULL) {
		w->failed = 500;
		return;
	}
	p = &w->v[w->n];
	type = g_mime_content_type_get_mime_type(g_mime_object_get_content_type(obj));
	ct = clean_str(w->a, type, CLEAN_LINE);
	g_free(type);
	if (ct != NULL)
		lower(ct);
	p->content_type = ct;
	if (GMIME_IS_PART(obj))
		fn = g_mime_part_get_filename(GMIME_PART(obj));
	else
		fn = g_mime_object_get_content_disposition_parameter(obj, "filename");
	p->filename = fn != NULL && *fn != '\0' ? clean_str(w->a, fn, CLEAN_NAME) : NULL;
	disp = g_mime_object_get_disposition(obj);
	p->attachment = (disp != NULL && g_ascii_strcasecmp(disp, "attachment") == 0) || p->filename != NULL;
	if (p->content_type == NULL || (fn != NULL && *fn != '\0' && p->filename == NULL) ||
	    part_bytes(w->a, obj, p) == -1) {
		w->failed = 500;
		return;
	}
	if (!p->attachment && w->plain == NULL && strcmp(p->content_type, "text/plain") == 0) {
		w->plain = obj;
		w->iplain = w->n;
	}
	if (!p->attachment && w->html == NULL && strcmp(p->content_type, "text/html") == 0) {
		w->html = obj;
		w->ihtml = w->n;
	}
	w->n++;
}

/* Date as ISO-8601 UTC, the one time format the database stores. */
static const char *
date_iso(struct arena *a, GMimeMessage *msg)
{
	GDateTime *d = g_mime_message_get_date(msg), *u;
	const char *out;
	gchar *s;

	if (d == NULL || (u = g_date_time_to_utc(d)) == NULL)
		return "";
	s = g_date_time_format(u, "%Y-%m-%dT%H:%M:%SZ");
	out = clean_str(a, s, CLEAN_LINE);
	g_free(s);
	g_date_time_unref(u);
	return out;
}

/* The first Message-ID of an In-Reply-To header, with its brackets; "" when there is none we can use. */
static const char *
reply_to_id(struct arena *a, GMimeMessage *msg)
{
	const char *h = g_mime_object_get_header(GMIME_OBJECT(msg), "In-Reply-To");
	const char *out = "";
	char *id;

	if (h == NULL || (id = g_mime_utils_decode_message_id(h)) == NULL)
		return "";
	if (msgid_usable(id))
		out = arena_printf(a, "<%s>", id);
	g_free(id);
	return out;
}

int
mail_in_parse(struct arena *a, const char *raw, size_t len, struct mail_in *m, struct err *e)
{
	struct walk w = { 0 };
	struct addrs from = { NULL, 0, 0 };
	GMimeParserOptions *opts;
	GMimeStream *stream;
	GMimeParser *parser;
	GMimeMessage *msg;
	const char *mid;
	gchar *hex;
	size_t start, i;

	memset(m, 0, sizeof(*m));
	if (len == 0)
		return err_set(e, 400, "empty", "The message is empty.");
	start = header_start(raw, len);
	if (!starts_with_field(raw + start, len - start))
		return err_set(e, 400, "not-mail", "This is not an e-mail message: it does not begin with a header field.");
	if (memchr(raw + start, '\0', header_len(raw + start, len - start)) != NULL)
		return err_set(e, 400, "header", "The message header contains a NUL byte.");
	/* The MTA keeps the message and tries again (a 5xx is a temporary failure to it). */
	if (dynlib_load(&gmime_lib) == -1)
		return err_set(e, 500, "library", "%s.", gmime_lib.error);

	/* Registered in this order, released in the reverse: the message before the parser, its stream
	 * and the options its headers point at. */
	opts = g_mime_parser_options_new();
	if (arena_defer(a, options_free, opts) == -1)
		return oom(e);
	g_mime_parser_options_set_fallback_charsets(opts, fallback_charsets);
	stream = g_mime_stream_mem_new_with_buffer(raw + start, len - start);
	if (arena_defer(a, unref, stream) == -1)
		return oom(e);
	parser = g_mime_parser_new_with_stream(stream);
	if (arena_defer(a, unref, parser) == -1)
		return oom(e);
	g_mime_parser_set_format(parser, GMIME_FORMAT_MESSAGE);
	if ((msg = g_mime_parser_construct_message(parser, opts)) == NULL)
		return err_set(e, 400, "header", "The message header cannot be read.");
	if (arena_defer(a, unref, msg) == -1)
		return oom(e);

	if (addrs_add(a, g_mime_message_get_from(msg), &from, 0) == -1)
		return oom(e);
	for (i = 0; i < from.n && m->from == NULL; i++)
		if (strchr(from.v[i].addr, '@') != NULL) {
			m->from = from.v[i].addr;
			m->from_name = from.v[i].name;
		}
	if (m->from == NULL)
		return err_set(e, 400, "from", "The message has no From address.");
	if (addr_list(a, g_mime_message_get_addresses(msg, GMIME_ADDRESS_TYPE_TO), &m->to, &m->nto) == -1 ||
	    addr_list(a, g_mime_message_get_addresses(msg, GMIME_ADDRESS_TYPE_CC), &m->cc, &m->ncc) == -1 ||
	    (m->subject = clean_str(a, g_mime_message_get_subject(msg), CLEAN_LINE)) == NULL ||
	    (m->date = date_iso(a, msg)) == NULL || (m->in_reply_to = reply_to_id(a, msg)) == NULL)
		return oom(e);

	mid = g_mime_message_get_message_id(msg);
	if (mid != NULL && msgid_usable(mid))
		m->message_id = arena_printf(a, "<%s>", mid);
	else {
		hex = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)raw + start, len - start);
		m->message_id = arena_printf(a, "<%s@idtracker.invalid>", hex);
		g_free(hex);
		m->generated_id = 1;
	}
	if (m->message_id == NULL)
		return oom(e);

	w.a = a;
	g_mime_message_foreach(msg, on_part, &w);
	if (w.failed == 400)
		return err_set(e, 400, "parts", "The message has more than %d MIME parts.", MAIL_IN_PARTS_MAX);
	if (w.failed)
		return oom(e);
	m->parts = w.v;
	m->nparts = w.n;
	if (w.plain != NULL)
		m->text = text_utf8(a, &w.v[w.iplain], g_mime_object_get_content_type_parameter(w.plain, "charset"));
	else if (w.html != NULL) {
		const char *html = text_utf8(a, &w.v[w.ihtml], g_mime_object_get_content_type_parameter(w.html, "charset"));

		m->text = html != NULL ? html_to_text(a, html, strlen(html)) : NULL;
	} else
		m->text = "";
	if (m->text == NULL)
		return oom(e);
	return 0;
}

/* ---- accepting ---- */

static int
too_big(struct err *e, size_t len, size_t max)
{
	err_set(e, 413, "size", "The message is %zu bytes; the limit is %zu bytes.", len, max);
	return MAIL_IN_DATAERR;
}

/* The MTA's view of an error: ours to fix later (retry) or the sender's (bounce). */
static int
exit_code(const struct err *e)
{
	return e->status >= 500 ? MAIL_IN_TEMPFAIL : MAIL_IN_DATAERR;
}

static const struct mail_office *
office_for(const char *recipient)
{
	const struct mail_office *o;

	for (o = offices; o->name != NULL; o++)
		if (*recipient != '\0' && o->owns(recipient))
			return o;
	return NULL;
}

static const struct mail_office *
office_named(const char *name)
{
	const struct mail_office *o;

	for (o = offices; o->name != NULL; o++)
		if (strcmp(o->name, name) == 0)
			return o;
	return NULL;
}

/* The envelope sender from a leading mbox "From sender date" line, or "". */
static const char *
mbox_sender(struct arena *a, const char *raw, size_t len)
{
	size_t i, j = 5;

	if (header_start(raw, len) == 0)
		return "";
	while (j < len && (raw[j] == ' ' || raw[j] == '\t'))
		j++;
	for (i = j; i < len && raw[i] != ' ' && raw[i] != '\t' && raw[i] != '\n' && raw[i] != '\r'; i++)
		;
	return clean(a, raw + j, i - j, CLEAN_LINE);
}

/* The attachments column: file names, one per line. */
static const char *
attachment_names(struct arena *a, const struct mail_in *m)
{
	struct buf b;
	size_t i;

	buf_init(&b, a, 0);
	for (i = 0; i < m->nparts; i++) {
		if (!m->parts[i].attachment || m->parts[i].filename == NULL)
			continue;
		if (b.len > 0)
			buf_putc(&b, '\n');
		buf_puts(&b, m->parts[i].filename);
	}
	return buf_finish(&b, NULL) == -1 ? NULL : buf_cstr(&b);
}

/* What the inbox already holds for a Message-ID. */
struct seen {
	int64_t		 id;
	const char	*state;
	const char	*office;
};

struct row {
	const char	*raw;
	size_t		 len;
	const char	*envelope_from;
	const char	*recipient;
	const char	*office;
};

/* Stores the message in one transaction with its event. 1 = stored (*id set), 0 = already there
 * (*old set), -1 = error. Looking inside the write transaction makes two deliveries of one message
 * at once queue on the lock: the second sees the first's row. */
static int
store(struct db *db, struct arena *a, const struct mail_in *m, const struct row *r, int64_t *id,
    struct seen *old, struct err *e)
{
	char now[ISO_TIME_LEN], idtext[24];
	const char *names, *detail;
	struct db_stmt *s;
	int rc;

	if ((names = attachment_names(a, m)) == NULL ||
	    (detail = arena_printf(a, "%s from %s to %s", m->message_id, m->from, r->recipient)) == NULL)
		return oom(e);
	time_iso(now, time_now());
	if (db_begin(db, e) == -1)
		return -1;
	/* One message sent to two of our addresses (submission@ and liaison@) reaches both offices;
	 * the same delivery twice reaches one. */
	if ((s = db_query(db, e, sqls[SQL_FIND], "ss", m->message_id, r->recipient)) == NULL || (rc = db_step(s, e)) == -1)
		goto fail;
	if (rc == 1) {
		old->id = db_col_int(s, 0);
		old->state = arena_strdup(a, db_col_text(s, 1));
		old->office = arena_strdup(a, db_col_text(s, 2));
		db_done(s);
		db_rollback(db);
		return old->state != NULL && old->office != NULL ? 0 : oom(e);
	}
	db_done(s);
	if ((rc = db_int(db, e, id, sqls[SQL_ADD], "ssssssiissb", now, m->message_id, r->envelope_from,
	    r->recipient, m->from, m->subject, (int64_t)r->len, (int64_t)m->nparts, names,
	    r->office ? r->office : "", r->raw, r->len)) != 1) {
		if (rc == 0)
			err_set(e, 500, "inbox", "The inbox row was not stored.");
		goto fail;
	}
	snprintf(idtext, sizeof(idtext), "%lld", (long long)*id);
	if (event_add(db, e, 0, "inbox", idtext, "received", detail) == -1)
		goto fail;
	return db_commit(db, e) == -1 ? -1 : 1;
fail:
	db_rollback(db);
	return -1;
}

/* Records what the office did. The office has already acted, so a failure here must not make the MTA
 * deliver again: it is logged, and the row stays "kept". */
static void
set_state(struct db *db, int64_t id, const char *state, const char *note)
{
	struct err e = { 0 };
	char idtext[24];

	snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
	if (db_begin(db, &e) == -1)
		goto log;
	if (db_run(db, &e, sqls[SQL_SET_STATE], "ssi", state, note, id) == -1 ||
	    event_add(db, &e, 0, "inbox", idtext, state, note) == -1) {
		db_rollback(db);
		goto log;
	}
	if (db_commit(db, &e) == 0)
		return;
log:
	log_error("mail-in: inbox row %lld should be %s but stays kept: %s", (long long)id, state, e.msg);
}

static int
dispatch(struct db *db, struct arena *a, const struct mail_in *m, const struct mail_office *o, int64_t id,
    struct err *e)
{
	struct err he = { 0 };
	int rc = o->handle(db, a, m, &he);

	if (db_in_transaction(db)) {
		/* An office that returns with its transaction open is a bug; the inbox needs the connection. */
		db_rollback(db);
		log_error("mail-in: the %s office left a transaction open", o->name);
		rc = err_set(&he, 500, "office", "The %s office could not finish.", o->name);
	}
	if (rc == 0) {
		set_state(db, id, "handled", "");
		log_info("mail-in: %s (inbox row %lld) handled by %s", m->message_id, (long long)id, o->name);
		return MAIL_IN_OK;
	}
	if (he.status == 0)
		err_set(&he, 500, "office", "The %s office failed without saying why.", o->name);
	*e = he;
	if (he.status >= 500) {
		log_warn("mail-in: %s (inbox row %lld): %s office: %s; the MTA will retry", m->message_id,
		    (long long)id, o->name, he.msg);
		return MAIL_IN_TEMPFAIL;
	}
	set_state(db, id, "rejected", he.msg);
	log_info("mail-in: %s (inbox row %lld) rejected by %s: %s", m->message_id, (long long)id, o->name, he.msg);
	return MAIL_IN_DATAERR;
}

int
mail_in_accept(struct db *db, struct arena *a, const char *raw, size_t len, size_t max,
    const char *envelope_from, const char *recipient, struct err *e)
{
	const struct mail_office *office;
	struct seen old = { 0, NULL, NULL };
	struct mail_in m;
	struct row r;
	char *rcpt;
	int64_t id = 0;
	int rc;

	if (len > max)
		return too_big(e, len, max);
	if (mail_in_parse(a, raw, len, &m, e) == -1)
		return exit_code(e);
	if (recipient != NULL)
		rcpt = clean_str(a, recipient, CLEAN_LINE);
	else
		rcpt = clean_str(a, m.nto > 0 ? m.to[0] : m.ncc > 0 ? m.cc[0] : "", CLEAN_LINE);
	r.envelope_from = envelope_from != NULL ? clean_str(a, envelope_from, CLEAN_LINE) : mbox_sender(a, raw, len);
	if (rcpt == NULL || r.envelope_from == NULL) {
		oom(e);
		return MAIL_IN_TEMPFAIL;
	}
	lower(rcpt);
	office = office_for(rcpt);
	r.raw = raw;
	r.len = len;
	r.recipient = rcpt;
	r.office = office != NULL ? office->name : "";
	if ((rc = store(db, a, &m, &r, &id, &old, e)) == -1)
		return exit_code(e);
	if (rc == 0) {
		/* A row still "kept" with an office is one whose office asked for a retry (or we crashed
		 * before recording its answer): this delivery is that retry. */
		if (strcmp(old.state, "kept") == 0 && old.office[0] != '\0' && (office = office_named(old.office)) != NULL) {
			log_info("mail-in: %s (inbox row %lld) goes to %s again", m.message_id, (long long)old.id, office->name);
			return dispatch(db, a, &m, office, old.id, e);
		}
		err_set(e, 0, "duplicate", "Already have message %s (inbox row %lld); nothing to do.", m.message_id,
		    (long long)old.id);
		log_info("mail-in: %s is a duplicate of inbox row %lld", m.message_id, (long long)old.id);
		return MAIL_IN_OK;
	}
	if (office == NULL) {
		log_warn("mail-in: nobody receives mail for \"%s\"; %s from %s kept as inbox row %lld", rcpt,
		    m.message_id, m.from, (long long)id);
		if (*rcpt == '\0')
			err_set(e, 404, "recipient", "The message names no recipient.");
		else
			err_set(e, 404, "recipient", "Nobody here receives mail for %s.", rcpt);
		return MAIL_IN_NOUSER;
	}
	return dispatch(db, a, &m, office, id, e);
}

int
mail_in_command(struct db *db, size_t max, const char *envelope_from, const char *recipient)
{
	char chunk[READ_CHUNK];
	struct err e = { 0 };
	struct arena a;
	struct buf b;
	size_t total = 0;
	ssize_t n;
	int rc;

	/* Uncapped: everything in it is a small multiple of the message, and max bounds the message. */
	arena_init(&a, 0);
	buf_init(&b, NULL, 0);
	for (;;) {
		if ((n = read(STDIN_FILENO, chunk, sizeof(chunk))) == 0)
			break;
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err_set(&e, 503, "read", "Cannot read the message: %s.", strerror(errno));
			break;
		}
		/* Past the limit the rest is only counted: the sentence names the size, and an MTA writing
		 * into a closed pipe could report that instead of our answer. */
		if (total + (size_t)n <= max)
			buf_put(&b, chunk, (size_t)n);
		total += (size_t)n;
	}
	if (e.status != 0 || buf_finish(&b, &e) == -1)
		rc = MAIL_IN_TEMPFAIL;
	else if (total > max)
		rc = too_big(&e, total, max);
	else
		rc = mail_in_accept(db, &a, b.len > 0 ? b.data : "", b.len, max, envelope_from, recipient, &e);
	if (rc != MAIL_IN_OK || e.msg[0] != '\0')
		fprintf(stderr, "idtracker: %s\n", e.msg);
	buf_release(&b);
	arena_release(&a);
	return rc;
}
