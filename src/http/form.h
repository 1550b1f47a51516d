/* form.h: request body parsers (application/x-www-form-urlencoded and multipart/form-data)
 * and typed field declarations with validators (STYLE habit 4). Pure: bytes in, fields out,
 * all memory from the caller's arena; file parts point into the body, which the caller keeps.
 * Callers: http/server.c (parse), page and API handlers (form_read). Fuzzed in fuzz/. */
#ifndef IDT_FORM_H
#define IDT_FORM_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct err;

struct form_limits {
	size_t	max_fields;	/* fields per request; more = 400 */
	size_t	max_field;	/* bytes in one non-file field; more = 413 */
};

struct form_field {
	const char	*name;
	const char	*value;		/* text fields: NUL-terminated copy; files: points into the body */
	size_t		 len;
	const char	*filename;	/* NULL for ordinary fields; the client's name, unchecked */
	const char	*content_type;	/* from the part header, or NULL */
};

struct form {
	struct form_field	*fields;
	size_t			 n;
};

/* Parses urlencoded text ("a=1&b=%20x"); '+' is a space; invalid %-escapes are refused (400). */
int	form_parse_urlencoded(struct arena *, const char *body, size_t len, const struct form_limits *,
	    struct form *, struct err *);
/* Parses a multipart/form-data body; content_type is the request's header (holds the boundary). */
int	form_parse_multipart(struct arena *, const char *content_type, const char *body, size_t len,
	    const struct form_limits *, struct form *, struct err *);

/* Parses a flat JSON object ({"label":"x","n":3,"flag":true}) into fields, so API clients may
 * send JSON where browsers send forms; nested values are refused (400). */
int	form_parse_json(struct arena *, const char *body, size_t len, const struct form_limits *,
	    struct form *, struct err *);

/* The first field with this name, or NULL. */
const struct form_field *form_get(const struct form *, const char *name);
const char *form_value(const struct form *, const char *name);	/* text value or NULL */

/* Declared fields: one row per input a handler reads. */
enum field_type {
	FT_TEXT,	/* one line: no control characters */
	FT_TEXTAREA,	/* several lines: CR, LF and TAB allowed */
	FT_EMAIL,	/* an address as idt_email_valid() accepts it */
	FT_INT,		/* decimal, within [min, max] */
	FT_SLUG,	/* lower-case letters, digits, '-', '_', '.', starting with a letter or digit */
	FT_PASSWORD,	/* any bytes but NUL and control characters; never echoed */
	FT_FILE,	/* a file part */
};

struct field_decl {
	const char	*name;
	enum field_type	 type;
	int		 required;
	int64_t		 min, max;	/* length for text, value for FT_INT, bytes for files; 0 max = no bound */
	const char	*label;		/* what people call it, for error sentences */
};

struct field_value {
	const char	*s;		/* text (trimmed for FT_TEXT/FT_EMAIL/FT_SLUG; e-mail lower-cased) or NULL */
	size_t		 len;
	int64_t		 i;		/* FT_INT */
	const struct form_field *file;	/* FT_FILE */
	int		 present;
};

/* Validates every declared field; out[i] matches decls[i]. 0, or -1 with the first problem as a sentence (400). */
int	form_read(struct arena *, const struct form *, const struct field_decl *, size_t n,
	    struct field_value *out, struct err *);

/* Allow-lists shared by the CLI and the web. */
int	idt_email_valid(const char *);
int	idt_slug_valid(const char *, size_t max);
/* 1 when s is valid UTF-8 with no control characters (allow_nl: CR, LF, TAB allowed too). */
int	idt_text_valid(const char *s, size_t len, int allow_nl);

#endif
