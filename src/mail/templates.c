/* templates.c: the mail templates (one row each) and their renderer; see templates.h. */
#include <string.h>

#include "../core/arena.h"
#include "../core/buf.h"
#include "../core/err.h"
#include "templates.h"

const struct mail_template_row mail_templates[TPL__MAX] = {
	/* TPL_MAIL_TEST */
	{ "mail_test", "idtracker mail test from {site}",
	  "This is a test message from idtracker at {site}.\n"
	  "It was queued at {time} with `idtracker mail-test` and delivered through the outbox.\n"
	  "\n"
	  "If you received it, outgoing mail works.\n" },
	/* TPL_PASSWORD_CHANGED */
	{ "password_changed", "Your idtracker password was changed",
	  "Hello {name},\n"
	  "\n"
	  "The password of your account ({email}) at {site} was changed at {time}.\n"
	  "Every other session of yours was signed out.\n"
	  "\n"
	  "If you did not change it, tell the Secretariat at once, and sign in at\n"
	  "{site}/accounts/login/ to check your API keys.\n" },
};

static int
render(struct arena *a, const char *tpl, const struct mail_field *f, size_t n, const char *which, const char **out,
    struct err *e)
{
	struct buf b;
	const char *p = tpl, *close;
	size_t i, len;

	buf_init(&b, a, 0);
	while (*p) {
		if (p[0] == '{' && p[1] == '{') {
			buf_putc(&b, '{');
			p += 2;
			continue;
		}
		if (*p != '{') {
			buf_putc(&b, *p++);
			continue;
		}
		if ((close = strchr(p, '}')) == NULL)
			return err_set(e, 500, "template", "The mail template %s has an unclosed {.", which);
		len = (size_t)(close - p - 1);
		for (i = 0; i < n; i++)
			if (strlen(f[i].name) == len && strncmp(f[i].name, p + 1, len) == 0)
				break;
		if (i == n || f[i].value == NULL)
			return err_set(e, 500, "template", "The mail template %s needs the field {%.*s}.", which, (int)len, p + 1);
		buf_puts(&b, f[i].value);
		p = close + 1;
	}
	if (buf_finish(&b, e) == -1)
		return -1;
	*out = buf_cstr(&b);
	return 0;
}

int
mail_template_render(struct arena *a, enum mail_template t, const struct mail_field *f, size_t n,
    const char **subject, const char **body, struct err *e)
{
	if (t < 0 || t >= TPL__MAX)
		return err_set(e, 500, "template", "Unknown mail template %d.", (int)t);
	if (render(a, mail_templates[t].subject, f, n, mail_templates[t].name, subject, e) == -1 ||
	    render(a, mail_templates[t].body, f, n, mail_templates[t].name, body, e) == -1)
		return -1;
	return 0;
}
