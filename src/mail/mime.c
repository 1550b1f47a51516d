/* mime.c: building outgoing messages; see mime.h. Everything the message holds passes the header
 * checks here, so no caller can inject a header or break the framing, whatever its input. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <sodium.h>

#include "../core/arena.h"
#include "../core/buf.h"
#include "../core/err.h"
#include "../http/form.h"
#include "mime.h"

#define LINE_MAX_QP	76	/* RFC 2045: encoded lines of at most 76 characters */
#define HEADER_FOLD	78	/* RFC 5322: lines SHOULD be at most 78 characters */

static int
value_safe(const char *s)
{
	for (; *s; s++)
		if (*s == '\r' || *s == '\n')
			return 0;
	return 1;
}

static int
is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

/* RFC 2047 "B" encoding of a UTF-8 phrase, split into encoded words that keep every line within
 * 78 characters (col is where the first word starts) without cutting a UTF-8 sequence; words are
 * separated by CRLF SP (a fold). Returns the column after the last word. */
static size_t
encode_words(struct buf *b, const char *s, size_t col)
{
	size_t len = strlen(s), i = 0, chunk, k, room;
	char out[80];

	while (i < len) {
		/* An encoded word is 12 characters of frame plus 4 per 3 input bytes. */
		room = col + 12 < HEADER_FOLD ? (HEADER_FOLD - col - 12) / 4 * 3 : 3;
		if (room > 45)
			room = 45;
		chunk = len - i > room ? room : len - i;
		while (chunk > 0 && i + chunk < len && ((unsigned char)s[i + chunk] & 0xc0) == 0x80)
			chunk--;
		if (chunk == 0)
			chunk = len - i < 4 ? len - i : 4;	/* one whole character at the least */
		sodium_bin2base64(out, sizeof(out), (const unsigned char *)s + i, chunk, sodium_base64_VARIANT_ORIGINAL);
		if (i > 0) {
			buf_puts(b, "\r\n ");
			col = 1;
		}
		buf_puts(b, "=?UTF-8?B?");
		for (k = 0; out[k]; k++)
			buf_putc(b, out[k]);
		buf_puts(b, "?=");
		col += 12 + k;
		i += chunk;
		/* The next word starts a line of its own: size it for that. */
		if (i < len)
			col = 1;
	}
	return col;
}

/* A header whose value may be free text (Subject): ASCII values are folded at spaces to stay
 * within 78 characters; non-ASCII ones become encoded words. */
static void
header_text(struct buf *b, const char *name, const char *value)
{
	size_t col, wl;
	const char *p = value, *w;

	buf_puts(b, name);
	buf_puts(b, ": ");
	if (!is_ascii(value)) {
		encode_words(b, value, strlen(name) + 2);
		buf_puts(b, "\r\n");
		return;
	}
	col = strlen(name) + 2;
	while (*p) {
		w = p;
		while (*p && *p != ' ')
			p++;
		wl = (size_t)(p - w);
		if (col + wl > HEADER_FOLD && col > strlen(name) + 2) {
			/* Fold before the word: the space that separated it moves to the start of the
			 * continuation line (RFC 5322 2.2.3: CRLF then WSP), so unfolding gives it back. */
			if (b->len > 0 && b->data[b->len - 1] == ' ')
				buf_truncate(b, b->len - 1);
			buf_puts(b, "\r\n ");
			col = 1;
		}
		buf_put(b, w, wl);
		col += wl;
		if (*p == ' ') {
			buf_putc(b, ' ');
			col++;
			p++;
		}
	}
	buf_puts(b, "\r\n");
}

/* A display name: ASCII names are quoted (with \" and \\ escaped), others encoded; the address
 * goes on a line of its own when it would push the line past 78 characters. */
static void
put_addr(struct buf *b, const struct mail_addr *a, size_t col)
{
	const char *p;

	if (a->name != NULL && a->name[0] != '\0') {
		if (is_ascii(a->name)) {
			buf_putc(b, '"');
			for (p = a->name; *p; p++) {
				if (*p == '"' || *p == '\\')
					buf_putc(b, '\\');
				buf_putc(b, *p);
			}
			buf_putc(b, '"');
			col += strlen(a->name) + 2;
		} else
			col = encode_words(b, a->name, col);
		buf_puts(b, col + strlen(a->email) + 3 > HEADER_FOLD ? "\r\n <" : " <");
		buf_puts(b, a->email);
		buf_putc(b, '>');
	} else
		buf_puts(b, a->email);
}

static void
header_addrs(struct buf *b, const char *name, const struct mail_addr *v, size_t n)
{
	size_t i;

	buf_puts(b, name);
	buf_puts(b, ": ");
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_puts(b, ",\r\n ");
		put_addr(b, &v[i], i > 0 ? 1 : strlen(name) + 2);
	}
	buf_puts(b, "\r\n");
}

/* Quoted-printable (RFC 2045 6.7) of UTF-8 text with CRLF line ends and soft breaks at 76. */
static void
put_qp(struct buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i, col = 0;
	unsigned char c;

	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (c == '\r' && i + 1 < len && s[i + 1] == '\n')
			continue;
		if (c == '\n') {
			buf_puts(b, "\r\n");
			col = 0;
			continue;
		}
		/* Trailing white space before a line end must be encoded, or transports strip it. */
		int at_eol = i + 1 == len || s[i + 1] == '\n' || (s[i + 1] == '\r' && i + 2 < len && s[i + 2] == '\n');
		int plain = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !at_eol);
		/* A line starting with "." or "From " survives every transport when encoded. */
		if (col == 0 && (c == '.' || (c == 'F' && strncmp(s + i, "From ", 5) == 0)))
			plain = 0;
		if (col + (plain ? 1 : 3) > LINE_MAX_QP - 1) {
			buf_puts(b, "=\r\n");
			col = 0;
		}
		if (plain) {
			buf_putc(b, (char)c);
			col++;
		} else {
			buf_putc(b, '=');
			buf_putc(b, hex[c >> 4]);
			buf_putc(b, hex[c & 15]);
			col += 3;
		}
	}
	if (col > 0)
		buf_puts(b, "\r\n");
}

static void
put_base64(struct buf *b, const void *data, size_t len)
{
	char line[80];
	size_t i, chunk;

	for (i = 0; i < len; i += chunk) {
		chunk = len - i > 57 ? 57 : len - i;	/* 57 bytes = 76 characters */
		sodium_bin2base64(line, sizeof(line), (const unsigned char *)data + i, chunk, sodium_base64_VARIANT_ORIGINAL);
		buf_puts(b, line);
		buf_puts(b, "\r\n");
	}
}

static int
check_addr(const struct mail_addr *a, const char *field, struct err *e)
{
	if (a->email == NULL || !idt_email_valid(a->email))
		return err_set(e, 400, "address", "The %s address \"%.80s\" is not a valid e-mail address.", field,
		    a->email ? a->email : "");
	if (a->name != NULL && (!value_safe(a->name) || !idt_text_valid(a->name, strlen(a->name), 0)))
		return err_set(e, 400, "header", "The %s name contains a line break or control characters.", field);
	return 0;
}

static int
filename_ok(const char *f)
{
	size_t i;

	if (f == NULL || f[0] == '\0' || f[0] == '.' || strlen(f) > 100)
		return 0;
	for (i = 0; f[i]; i++)
		if (!(isalnum((unsigned char)f[i]) || f[i] == '.' || f[i] == '-' || f[i] == '_'))
			return 0;
	return 1;
}

int
mail_addr_parse(struct arena *a, const char *s, struct mail_addr *out)
{
	const char *lt = strrchr(s, '<'), *gt;
	size_t n;

	out->name = NULL;
	if (lt == NULL) {
		out->email = arena_strdup(a, s);
		return out->email && idt_email_valid(out->email) ? 0 : -1;
	}
	if ((gt = strchr(lt, '>')) == NULL || gt[1] != '\0')
		return -1;
	out->email = arena_strndup(a, lt + 1, (size_t)(gt - lt - 1));
	for (n = (size_t)(lt - s); n > 0 && s[n - 1] == ' '; n--)
		;
	if (n >= 2 && s[0] == '"' && s[n - 1] == '"')
		out->name = arena_strndup(a, s + 1, n - 2);
	else if (n > 0)
		out->name = arena_strndup(a, s, n);
	return out->email && idt_email_valid(out->email) ? 0 : -1;
}

void
mail_rcpts_add(struct mail_rcpts *r, const char *name, const char *email)
{
	size_t i;

	if (email == NULL || !idt_email_valid(email) || r->n >= MAIL_RCPT_MAX)
		return;
	for (i = 0; i < r->n; i++)
		if (strcasecmp(r->a[i].email, email) == 0)
			return;
	r->a[r->n].name = name && name[0] ? name : NULL;
	r->a[r->n].email = email;
	r->n++;
}

void
mail_rcpts_add_list(struct arena *a, struct mail_rcpts *r, const char *list)
{
	char *copy = arena_strdup(a, list ? list : ""), *tok, *save = NULL;
	struct mail_addr ad;

	for (tok = copy ? strtok_r(copy, ",", &save) : NULL; tok; tok = strtok_r(NULL, ",", &save)) {
		while (*tok == ' ')
			tok++;
		if (*tok != '\0' && mail_addr_parse(a, tok, &ad) == 0)
			mail_rcpts_add(r, ad.name, ad.email);
	}
}

const char *
mail_rcpts_emails(struct arena *a, const struct mail_rcpts *r)
{
	struct buf b;
	size_t i;

	buf_init(&b, a, 0);
	for (i = 0; i < r->n; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", r->a[i].email);
	return buf_cstr(&b);
}

int
mail_build(struct arena *a, const struct mail_msg *m, const char *domain, long now, struct mail_built *out,
    struct err *e)
{
	struct buf b, rc;
	char date[64], rnd[33], boundary[48];
	unsigned char raw[16];
	struct tm tm;
	time_t t = (time_t)now;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (check_addr(&m->from, "From", e) == -1)
		return -1;
	if (m->nto + m->ncc == 0)
		return err_set(e, 400, "recipients", "The message has no recipient.");
	if (m->nto > MAIL_RCPT_MAX || m->ncc > MAIL_RCPT_MAX || m->nattach > MAIL_ATTACH_MAX)
		return err_set(e, 400, "recipients", "The message has too many recipients or attachments.");
	for (i = 0; i < m->nto; i++)
		if (check_addr(&m->to[i], "To", e) == -1)
			return -1;
	for (i = 0; i < m->ncc; i++)
		if (check_addr(&m->cc[i], "Cc", e) == -1)
			return -1;
	if (m->reply_to.email != NULL && check_addr(&m->reply_to, "Reply-To", e) == -1)
		return -1;
	if (m->subject == NULL || !value_safe(m->subject) || !idt_text_valid(m->subject, strlen(m->subject), 0))
		return err_set(e, 400, "header", "The subject must be one line without control characters.");
	if (strlen(m->subject) > MAIL_SUBJECT_MAX)
		return err_set(e, 400, "header", "The subject is longer than %d characters.", MAIL_SUBJECT_MAX);
	if ((m->in_reply_to && (!value_safe(m->in_reply_to) || m->in_reply_to[0] != '<')) ||
	    (m->references && !value_safe(m->references)))
		return err_set(e, 400, "header", "In-Reply-To and References must be message ids on one line.");
	if (m->body == NULL || !idt_text_valid(m->body, strlen(m->body), 1))
		return err_set(e, 400, "body", "The message body is not valid UTF-8 text.");
	for (i = 0; i < m->nattach; i++)
		if (!filename_ok(m->attach[i].filename) || m->attach[i].content_type == NULL ||
		    !value_safe(m->attach[i].content_type) || strchr(m->attach[i].content_type, ';') != NULL)
			return err_set(e, 400, "attachment", "An attachment needs a plain file name and a content type.");
	if (domain == NULL || !value_safe(domain) || strchr(domain, '>') != NULL || strchr(domain, ' ') != NULL)
		return err_set(e, 500, "domain", "The mail domain is not valid.");

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(rnd, sizeof(rnd), raw, sizeof(raw));
	out->message_id = arena_printf(a, "<%s@%s>", rnd, domain);
	gmtime_r(&t, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);

	buf_init(&b, a, 0);
	buf_printf(&b, "Date: %s\r\n", date);
	buf_printf(&b, "Message-ID: %s\r\n", out->message_id);
	header_addrs(&b, "From", &m->from, 1);
	if (m->nto)
		header_addrs(&b, "To", m->to, m->nto);
	if (m->ncc)
		header_addrs(&b, "Cc", m->cc, m->ncc);
	if (m->reply_to.email != NULL)
		header_addrs(&b, "Reply-To", &m->reply_to, 1);
	header_text(&b, "Subject", m->subject);
	if (m->in_reply_to) {
		buf_printf(&b, "In-Reply-To: %s\r\n", m->in_reply_to);
		header_text(&b, "References", m->references ? m->references : m->in_reply_to);
	}
	if (m->auto_generated)
		buf_puts(&b, "Auto-Submitted: auto-generated\r\n");
	buf_puts(&b, "MIME-Version: 1.0\r\n");
	if (m->nattach == 0) {
		buf_puts(&b, "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
		put_qp(&b, m->body, strlen(m->body));
	} else {
		snprintf(boundary, sizeof(boundary), "=_idtracker_%.24s", rnd);
		buf_printf(&b, "Content-Type: multipart/mixed;\r\n boundary=\"%s\"\r\n\r\n", boundary);
		buf_puts(&b, "This is a message in MIME format.\r\n");
		buf_printf(&b, "--%s\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n",
		    boundary);
		put_qp(&b, m->body, strlen(m->body));
		for (i = 0; i < m->nattach; i++) {
			buf_printf(&b, "--%s\r\nContent-Type: %s; name=\"%s\"\r\nContent-Disposition: attachment;\r\n filename=\"%s\"\r\n"
			    "Content-Transfer-Encoding: base64\r\n\r\n", boundary, m->attach[i].content_type,
			    m->attach[i].filename, m->attach[i].filename);
			put_base64(&b, m->attach[i].data, m->attach[i].len);
		}
		buf_printf(&b, "--%s--\r\n", boundary);
	}
	if (buf_finish(&b, e) == -1)
		return -1;
	out->message = b.data;
	out->len = b.len;

	buf_init(&rc, a, 0);
	for (i = 0; i < m->nto; i++)
		buf_printf(&rc, "%s%s", rc.len ? "," : "", m->to[i].email);
	for (i = 0; i < m->ncc; i++)
		buf_printf(&rc, "%s%s", rc.len ? "," : "", m->cc[i].email);
	if (buf_finish(&rc, e) == -1)
		return -1;
	out->recipients = rc.data;
	return 0;
}
