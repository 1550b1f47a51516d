/* templates.h: the one table of named mail templates (subject + body, plain text, with {field}
 * placeholders). Offices add rows; each row has a test that renders it. Callers: src/mail/outbox.c. */
#ifndef IDT_TEMPLATES_H
#define IDT_TEMPLATES_H

#include <stddef.h>

struct arena;
struct err;

enum mail_template {
	TPL_MAIL_TEST,
	TPL_PASSWORD_CHANGED,
	TPL__MAX
};

struct mail_field {
	const char	*name;
	const char	*value;
};

struct mail_template_row {
	const char	*name;
	const char	*subject;
	const char	*body;
};

extern const struct mail_template_row mail_templates[TPL__MAX];

/* Renders a template; every {field} must have a value (a missing one is a bug: 500 with its name).
 * "{{" stands for "{". 0, or -1 with e. */
int	mail_template_render(struct arena *, enum mail_template, const struct mail_field *, size_t nfields,
	    const char **subject, const char **body, struct err *);

#endif
