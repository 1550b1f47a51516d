/* name.c: Internet-Draft names as the Datatracker accepts them: ^draft-[a-z][-a-z0-9]{0,43}(-\d\d)?$,
 * no "--", no trailing '-', revision 00-99, the group from the name. Allow-list, not deny-list. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "draft.h"

#define NAME_BODY_MAX	44	/* after "draft-": 1 letter + up to 43 more (the Datatracker's regex) */

static const char *const extensions[] = { ".txt", ".xml", ".pdf", ".html", ".ps", NULL };

static const char *const name_errors[] = {
	/* NAME_OK */		"valid",
	/* NAME_NOT_DRAFT */	"an Internet-Draft name starts with \"draft-\"",
	/* NAME_RFC */		"this is an RFC, not an Internet-Draft",
	/* NAME_BAD_CHARS */	"only lower-case letters, digits and '-' are allowed, and a letter must follow \"draft-\"",
	/* NAME_DOUBLE_DASH */	"\"--\" is not allowed",
	/* NAME_TRAILING_DASH */ "the name must not end with '-'",
	/* NAME_TOO_LONG */	"the name (without revision) is longer than 50 characters",
	/* NAME_NO_REV */	"the revision (-00 to -99) is missing",
	/* NAME_TOO_FEW_PARTS */ "the name needs at least two parts after \"draft-\" (draft-<source>-<topic>)",
};

const char *
draft_name_error(enum name_result r)
{
	return r <= NAME_TOO_FEW_PARTS ? name_errors[r] : "invalid";
}

static int
known(const char *const *groups, const char *g, size_t n)
{
	for (; groups != NULL && *groups != NULL; groups++)
		if (strlen(*groups) == n && strncmp(*groups, g, n) == 0)
			return 1;
	return 0;
}

enum name_result
draft_name_parse(const char *s, const char *const *known_groups, int need_rev, struct draft_name *out)
{
	const char *base = strrchr(s, '/'), *p, *part2, *part3;
	size_t len, i, body;
	int e;

	memset(out, 0, sizeof(*out));
	/* Some browsers send the client's whole path, with either separator; only the last part names. */
	if (strrchr(s, '\\') != NULL && (base == NULL || strrchr(s, '\\') > base))
		base = strrchr(s, '\\');
	base = base ? base + 1 : s;
	len = strlen(base);
	for (e = 0; extensions[e] != NULL; e++) {
		size_t el = strlen(extensions[e]);
		if (len > el && strcmp(base + len - el, extensions[e]) == 0) {
			len -= el;
			break;
		}
	}
	if (len >= 4 && strncmp(base, "rfc", 3) == 0 && isdigit((unsigned char)base[3]))
		return NAME_RFC;
	if (len < 6 || strncmp(base, "draft-", 6) != 0)
		return NAME_NOT_DRAFT;
	for (i = 0; i < len; i++)
		if (!(islower((unsigned char)base[i]) || isdigit((unsigned char)base[i]) || base[i] == '-'))
			return NAME_BAD_CHARS;
	if (len == 6 || !islower((unsigned char)base[6]))
		return NAME_BAD_CHARS;
	for (i = 1; i < len; i++)
		if (base[i] == '-' && base[i - 1] == '-')
			return NAME_DOUBLE_DASH;
	if (base[len - 1] == '-')
		return NAME_TRAILING_DASH;
	body = len;
	if (len >= 9 && base[len - 3] == '-' && isdigit((unsigned char)base[len - 2]) && isdigit((unsigned char)base[len - 1])) {
		out->rev[0] = base[len - 2];
		out->rev[1] = base[len - 1];
		out->rev[2] = '\0';
		body = len - 3;
	} else if (need_rev)
		return NAME_NO_REV;
	if (body - 6 > NAME_BODY_MAX)
		return NAME_TOO_LONG;
	if ((part2 = memchr(base + 6, '-', body - 6)) == NULL)
		return NAME_TOO_FEW_PARTS;
	memcpy(out->name, base, body);
	out->name[body] = '\0';
	/* The group: draft-ietf-<wg>-..., draft-irtf-<rg>-...; or draft-<person>-<wg>-... when <wg> is known. */
	part2++;
	p = memchr(part2, '-', (size_t)(base + body - part2));
	part3 = p ? p : base + body;
	if ((strncmp(base + 6, "ietf-", 5) == 0 || strncmp(base + 6, "irtf-", 5) == 0) && p != NULL) {
		snprintf(out->group, sizeof(out->group), "%.*s", (int)(part3 - part2), part2);
		out->wg_draft = strncmp(base + 6, "ietf-", 5) == 0;
	} else if (known_groups != NULL) {
		if (known(known_groups, part2, (size_t)(part3 - part2)))
			snprintf(out->group, sizeof(out->group), "%.*s", (int)(part3 - part2), part2);
	}
	return NAME_OK;
}
