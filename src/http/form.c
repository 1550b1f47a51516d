/* form.c: the body parsers and field validation declared in form.h. Every bound is checked
 * before memory is taken, so a hostile body costs at most what the limits allow. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "../core/arena.h"
#include "../core/err.h"
#include "form.h"

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes %XX and '+' from s[0..n) into a fresh NUL-terminated string. */
static char *
url_decode(struct arena *a, const char *s, size_t n, size_t *outlen, struct err *e)
{
	char *out = arena_alloc(a, n + 1);
	size_t i, j = 0;
	int hi, lo;

	if (out == NULL) {
		err_set(e, 413, "memory", "The form is too large to read.");
		return NULL;
	}
	for (i = 0; i < n; i++) {
		if (s[i] == '+')
			out[j++] = ' ';
		else if (s[i] == '%') {
			if (i + 2 >= n) {
				err_set(e, 400, "form", "The form data has an incomplete %%-escape.");
				return NULL;
			}
			if ((hi = hexval((unsigned char)s[i + 1])) < 0 || (lo = hexval((unsigned char)s[i + 2])) < 0) {
				err_set(e, 400, "form", "The form data has an invalid %%-escape.");
				return NULL;
			}
			out[j++] = (char)(hi * 16 + lo);
			i += 2;
		} else
			out[j++] = s[i];
	}
	out[j] = '\0';
	*outlen = j;
	return out;
}

static int
form_add(struct arena *a, struct form *f, size_t *cap, const struct form_limits *lim, struct err *e)
{
	if (f->n >= lim->max_fields)
		return err_set(e, 400, "fields", "The form has more than %zu fields.", lim->max_fields);
	if ((f->fields = arena_grow(a, f->fields, f->n, cap, sizeof(*f->fields))) == NULL)
		return err_set(e, 413, "memory", "The form is too large to read.");
	memset(&f->fields[f->n], 0, sizeof(f->fields[f->n]));
	return 0;
}

int
form_parse_urlencoded(struct arena *a, const char *body, size_t len, const struct form_limits *lim,
    struct form *f, struct err *e)
{
	const char *p = body, *end = body + len, *amp, *eq;
	size_t cap = 0, nlen, vlen;
	struct form_field *fld;

	memset(f, 0, sizeof(*f));
	while (p < end) {
		amp = memchr(p, '&', (size_t)(end - p));
		if (amp == NULL)
			amp = end;
		if (amp == p) {		/* "a=1&&b=2": tolerate empty pairs as browsers never send them */
			p++;
			continue;
		}
		eq = memchr(p, '=', (size_t)(amp - p));
		if (eq == NULL)
			eq = amp;
		if ((size_t)(amp - eq) > lim->max_field * 3 + 1 || (size_t)(eq - p) > 256 * 3)
			return err_set(e, 413, "field", "A form field is larger than the limit of %zu bytes.", lim->max_field);
		if (form_add(a, f, &cap, lim, e) == -1)
			return -1;
		fld = &f->fields[f->n];
		if ((fld->name = url_decode(a, p, (size_t)(eq - p), &nlen, e)) == NULL)
			return -1;
		if (eq < amp)
			fld->value = url_decode(a, eq + 1, (size_t)(amp - eq - 1), &vlen, e);
		else
			fld->value = url_decode(a, eq, 0, &vlen, e);
		if (fld->value == NULL)
			return -1;
		if (vlen > lim->max_field)
			return err_set(e, 413, "field", "The field \"%.64s\" is larger than the limit of %zu bytes.",
			    fld->name, lim->max_field);
		fld->len = vlen;
		f->n++;
		p = amp < end ? amp + 1 : end;
	}
	return 0;
}

/* Finds parameter `name` in a header value like `form-data; name="x"; filename="y"`.
 * Returns an arena copy or NULL when absent. Quoted values may contain ';'. */
static char *
header_param(struct arena *a, const char *h, size_t hlen, const char *name)
{
	size_t i = 0, nl = strlen(name), j;
	char *out;

	while (i < hlen) {
		while (i < hlen && h[i] != ';')
			if (h[i++] == '"')	/* skip quoted strings while looking for ';' */
				while (i < hlen && h[i++] != '"')
					;
		if (i >= hlen)
			return NULL;
		i++;
		while (i < hlen && (h[i] == ' ' || h[i] == '\t'))
			i++;
		if (hlen - i > nl && strncasecmp(h + i, name, nl) == 0 && h[i + nl] == '=') {
			i += nl + 1;
			if (i < hlen && h[i] == '"') {
				i++;
				if ((out = arena_alloc(a, hlen - i + 1)) == NULL)
					return NULL;
				for (j = 0; i < hlen && h[i] != '"'; i++) {
					if (h[i] == '\\' && i + 1 < hlen)
						i++;
					out[j++] = h[i];
				}
				out[j] = '\0';
				return out;
			}
			for (j = i; j < hlen && h[j] != ';' && h[j] != ' '; j++)
				;
			return arena_strndup(a, h + i, j - i);
		}
	}
	return NULL;
}

static const char *
memmem_s(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
	return memmem(hay, hlen, needle, nlen);
}

/* The next delimiter that really is one: "\r\n--boundary" followed by "--" or by optional
 * white space and CRLF (RFC 2046 5.1.1). A look-alike inside a part is content. */
static const char *
find_delimiter(const char *p, const char *end, const char *delim, size_t dlen)
{
	const char *q, *t;

	while ((q = memmem_s(p, (size_t)(end - p), delim, dlen)) != NULL) {
		t = q + dlen;
		if (end - t >= 2 && t[0] == '-' && t[1] == '-')
			return q;
		while (t < end && (*t == ' ' || *t == '\t'))
			t++;
		if (end - t >= 2 && t[0] == '\r' && t[1] == '\n')
			return q;
		p = q + 1;
	}
	return NULL;
}

int
form_parse_multipart(struct arena *a, const char *content_type, const char *body, size_t len,
    const struct form_limits *lim, struct form *f, struct err *e)
{
	char *boundary, *delim;
	const char *p, *end = body + len, *hdr_end, *next, *line, *eol;
	size_t blen, cap = 0;
	struct form_field *fld;
	char *disp, *ctype;

	memset(f, 0, sizeof(*f));
	if (content_type == NULL ||
	    (boundary = header_param(a, content_type, strlen(content_type), "boundary")) == NULL ||
	    (blen = strlen(boundary)) == 0 || blen > 70)
		return err_set(e, 400, "multipart", "The multipart form has no valid boundary.");
	if ((delim = arena_printf(a, "\r\n--%s", boundary)) == NULL)
		return err_set(e, 413, "memory", "The form is too large to read.");
	/* The first delimiter may start the body without the leading CRLF. */
	if (len >= blen + 2 && body[0] == '-' && body[1] == '-' && memcmp(body + 2, boundary, blen) == 0)
		p = body + 2 + blen;
	else {
		const char *first = memmem_s(body, len, delim, blen + 4);
		if (first == NULL)
			return err_set(e, 400, "multipart", "The multipart form has no parts.");
		p = first + blen + 4;
	}
	for (;;) {
		/* After a delimiter: "--" ends the body, CRLF starts a part. */
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return 0;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return err_set(e, 400, "multipart", "The multipart form is malformed after a boundary.");
		p += 2;
		/* A part with no headers at all starts directly with the blank line. */
		if (end - p >= 2 && p[0] == '\r' && p[1] == '\n')
			hdr_end = p - 2;
		else if ((hdr_end = memmem_s(p, (size_t)(end - p), "\r\n\r\n", 4)) == NULL)
			return err_set(e, 400, "multipart", "A part of the multipart form has unterminated headers.");
		if (hdr_end - p > 8192)
			return err_set(e, 431, "multipart", "A part of the multipart form has headers over 8 KiB.");
		disp = ctype = NULL;
		for (line = p; line < hdr_end; line = eol + 2) {
			eol = memmem_s(line, (size_t)(hdr_end + 2 - line), "\r\n", 2);
			if (eol == NULL || eol > hdr_end)
				eol = hdr_end;
			if (eol - line > 20 && strncasecmp(line, "Content-Disposition:", 20) == 0)
				disp = arena_strndup(a, line + 20, (size_t)(eol - line - 20));
			else if (eol - line > 13 && strncasecmp(line, "Content-Type:", 13) == 0)
				ctype = arena_strndup(a, line + 13, (size_t)(eol - line - 13));
			if (eol >= hdr_end)
				break;
		}
		p = hdr_end + 4;
		if (p > end)
			return err_set(e, 400, "multipart", "The multipart form ends inside a part.");
		next = find_delimiter(p, end, delim, blen + 4);
		if (next == NULL)
			return err_set(e, 400, "multipart", "The multipart form ends without its closing boundary.");
		if (disp == NULL)
			return err_set(e, 400, "multipart", "A part of the multipart form has no Content-Disposition.");
		if (form_add(a, f, &cap, lim, e) == -1)
			return -1;
		fld = &f->fields[f->n];
		fld->name = header_param(a, disp, strlen(disp), "name");
		if (fld->name == NULL)
			return err_set(e, 400, "multipart", "A part of the multipart form has no field name.");
		fld->filename = header_param(a, disp, strlen(disp), "filename");
		if (ctype != NULL) {
			while (*ctype == ' ' || *ctype == '\t')
				ctype++;
			fld->content_type = ctype;
		}
		fld->len = (size_t)(next - p);
		if (fld->filename != NULL)
			fld->value = p;		/* files stay in the body, which may be a mapped spool file */
		else {
			if (fld->len > lim->max_field)
				return err_set(e, 413, "field", "The field \"%.64s\" is larger than the limit of %zu bytes.",
				    fld->name, lim->max_field);
			if ((fld->value = arena_strndup(a, p, fld->len)) == NULL)
				return err_set(e, 413, "memory", "The form is too large to read.");
		}
		f->n++;
		p = next + blen + 4;
	}
}

int
form_parse_json(struct arena *a, const char *body, size_t len, const struct form_limits *lim,
    struct form *f, struct err *e)
{
	json_error_t jerr;
	json_t *root, *v;
	const char *key;
	size_t cap = 0;
	char num[32];
	const char *text;
	size_t tlen;

	memset(f, 0, sizeof(*f));
	if ((root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr)) == NULL)
		return err_set(e, 400, "json", "The JSON body is not valid: %s (line %d).", jerr.text, jerr.line);
	if (!json_is_object(root)) {
		json_decref(root);
		return err_set(e, 400, "json", "The JSON body must be an object of fields.");
	}
	/* Errors are set before the object is released: key points into it. */
	json_object_foreach(root, key, v) {
		if (json_is_string(v)) {
			text = json_string_value(v);
			tlen = json_string_length(v);
		} else if (json_is_integer(v)) {
			snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
			text = num;
			tlen = strlen(num);
		} else if (json_is_boolean(v)) {
			text = json_is_true(v) ? "1" : "";
			tlen = strlen(text);
		} else if (json_is_null(v))
			continue;
		else {
			err_set(e, 400, "json", "The JSON field \"%.64s\" must be a string, a number or a boolean.", key);
			goto fail;
		}
		if (tlen > lim->max_field) {
			err_set(e, 413, "field", "The field \"%.64s\" is larger than the limit of %zu bytes.",
			    key, lim->max_field);
			goto fail;
		}
		if (form_add(a, f, &cap, lim, e) == -1)
			goto fail;
		f->fields[f->n].name = arena_strdup(a, key);
		f->fields[f->n].value = arena_strndup(a, text, tlen);
		f->fields[f->n].len = tlen;
		if (f->fields[f->n].name == NULL || f->fields[f->n].value == NULL) {
			err_set(e, 413, "memory", "The form is too large to read.");
			goto fail;
		}
		f->n++;
	}
	json_decref(root);
	return 0;
fail:
	json_decref(root);
	return -1;
}

const struct form_field *
form_get(const struct form *f, const char *name)
{
	size_t i;

	for (i = 0; f != NULL && i < f->n; i++)
		if (strcmp(f->fields[i].name, name) == 0)
			return &f->fields[i];
	return NULL;
}

const char *
form_value(const struct form *f, const char *name)
{
	const struct form_field *fld = form_get(f, name);

	return fld != NULL && fld->filename == NULL ? fld->value : NULL;
}

int
idt_text_valid(const char *s, size_t len, int allow_nl)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	unsigned c, need;
	uint32_t cp;

	while (p < end) {
		c = *p++;
		if (c < 0x80) {
			if (c == 0x7f || (c < 0x20 && !(allow_nl && (c == '\n' || c == '\r' || c == '\t'))))
				return 0;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) { need = 1; cp = c & 0x1f; }
		else if (c >= 0xe0 && c <= 0xef) { need = 2; cp = c & 0x0f; }
		else if (c >= 0xf0 && c <= 0xf4) { need = 3; cp = c & 0x07; }
		else
			return 0;
		if ((size_t)(end - p) < need)
			return 0;
		while (need--) {
			if ((*p & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (*p++ & 0x3f);
		}
		/* Overlong forms, surrogates and values past U+10FFFF. */
		if ((c >= 0xe0 && c <= 0xef && cp < 0x800) || (c >= 0xf0 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		/* C1 controls (U+0080..U+009F), U+2028/2029 line breaks in one-line fields. */
		if (cp >= 0x80 && cp <= 0x9f)
			return 0;
		if (!allow_nl && (cp == 0x2028 || cp == 0x2029))
			return 0;
	}
	return 1;
}

int
idt_email_valid(const char *s)
{
	const char *at = strrchr(s, '@'), *p;
	size_t len = strlen(s);
	int dots = 0, label = 0;

	if (at == NULL || at == s || len > 254 || at - s > 64)
		return 0;
	for (p = s; p < at; p++)
		if (!isalnum((unsigned char)*p) && strchr(".!#$%&'*+/=?^_`{|}~-", *p) == NULL)
			return 0;
	if (s[0] == '.' || at[-1] == '.' || strstr(s, "..") != NULL)
		return 0;
	for (p = at + 1; *p != '\0'; p++) {
		if (*p == '.') {
			if (label == 0 || p[-1] == '-')
				return 0;
			dots++;
			label = 0;
		} else if (isalnum((unsigned char)*p) || (*p == '-' && label > 0)) {
			if (++label > 63)
				return 0;
		} else
			return 0;
	}
	return dots > 0 && label > 0 && p[-1] != '-';
}

int
idt_slug_valid(const char *s, size_t max)
{
	size_t i;

	if (s == NULL || !(islower((unsigned char)s[0]) || isdigit((unsigned char)s[0])))
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if (i >= max || !(islower((unsigned char)s[i]) || isdigit((unsigned char)s[i]) ||
		    s[i] == '-' || s[i] == '_' || s[i] == '.'))
			return 0;
	return 1;
}

static char *
trimmed(struct arena *a, const char *s, size_t len, size_t *outlen)
{
	while (len > 0 && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	*outlen = len;
	return arena_strndup(a, s, len);
}

int
form_read(struct arena *a, const struct form *f, const struct field_decl *d, size_t n,
    struct field_value *out, struct err *e)
{
	const struct form_field *fld;
	struct field_value *v;
	size_t i, k;
	char *s, *end;

	for (i = 0; i < n; i++) {
		v = &out[i];
		memset(v, 0, sizeof(*v));
		fld = form_get(f, d[i].name);
		if (d[i].type == FT_FILE) {
			if (fld == NULL || fld->filename == NULL || (fld->filename[0] == '\0' && fld->len == 0)) {
				if (d[i].required)
					return err_set(e, 400, "required", "Please choose a file for %s.", d[i].label);
				continue;
			}
			if (d[i].max && (int64_t)fld->len > d[i].max)
				return err_set(e, 413, "size", "%s is %zu bytes; the limit is %lld bytes.",
				    d[i].label, fld->len, (long long)d[i].max);
			v->file = fld;
			v->len = fld->len;
			v->present = 1;
			continue;
		}
		if (fld == NULL || fld->filename != NULL) {
			if (d[i].required)
				return err_set(e, 400, "required", "%s is required.", d[i].label);
			continue;
		}
		if (d[i].type == FT_PASSWORD || d[i].type == FT_TEXTAREA) {
			v->s = fld->value;
			v->len = fld->len;
		} else if ((v->s = trimmed(a, fld->value, fld->len, &v->len)) == NULL)
			return err_set(e, 413, "memory", "The form is too large to read.");
		if (v->len == 0) {
			if (d[i].required)
				return err_set(e, 400, "required", "%s is required.", d[i].label);
			v->s = NULL;
			continue;
		}
		if (!idt_text_valid(v->s, v->len, d[i].type == FT_TEXTAREA) || strlen(v->s) != v->len)
			return err_set(e, 400, "invalid", "%s contains characters that are not allowed.", d[i].label);
		switch (d[i].type) {
		case FT_INT:
			v->i = strtoll(v->s, &end, 10);
			if (*end != '\0' || !(isdigit((unsigned char)v->s[0]) || v->s[0] == '-') ||
			    v->i < d[i].min || (d[i].max && v->i > d[i].max))
				return err_set(e, 400, "invalid", "%s must be a whole number from %lld to %lld.",
				    d[i].label, (long long)d[i].min, (long long)d[i].max);
			break;
		case FT_EMAIL:
			s = (char *)v->s;
			for (k = 0; s[k]; k++)
				s[k] = (char)tolower((unsigned char)s[k]);
			if (!idt_email_valid(s))
				return err_set(e, 400, "invalid", "%s is not a valid e-mail address.", d[i].label);
			break;
		case FT_SLUG:
			if (!idt_slug_valid(v->s, d[i].max ? (size_t)d[i].max : 64))
				return err_set(e, 400, "invalid", "%s may hold only lower-case letters, digits, '-', '_' and '.'.",
				    d[i].label);
			break;
		default:
			if ((int64_t)v->len < d[i].min)
				return err_set(e, 400, "invalid", "%s must be at least %lld characters.",
				    d[i].label, (long long)d[i].min);
			if (d[i].max && (int64_t)v->len > d[i].max)
				return err_set(e, 400, "invalid", "%s must be at most %lld characters.",
				    d[i].label, (long long)d[i].max);
		}
		v->present = 1;
	}
	return 0;
}
