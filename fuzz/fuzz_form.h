/* fuzz_form.h: what fuzz_urlencoded.c and fuzz_multipart.c share: the limits the server uses
 * by default, invariants every successful parse must satisfy, and a pass of form_read() over a
 * small declaration table so the validators see fuzzed values too. Not a .c file, so the
 * Makefile's fuzz/fuzz_*.c wildcard does not take it for a harness. */
#ifndef IDT_FUZZ_FORM_H
#define IDT_FUZZ_FORM_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "http/form.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_ARENA_CAP	(64u << 20)	/* as http/server.c */

static const struct form_limits fuzz_limits = { 64, 1u << 20 };	/* config defaults: 64 fields, 1 MiB */

/* Names the seeds use, so the fuzzer reaches every validator quickly. */
static const struct field_decl fuzz_decls_opt[] = {
	{ "name", FT_TEXT, 0, 1, 64, "Name" },
	{ "bio", FT_TEXTAREA, 0, 0, 4096, "Biography" },
	{ "email", FT_EMAIL, 0, 0, 0, "E-mail address" },
	{ "n", FT_INT, 0, -5, 1000, "Number" },
	{ "age", FT_INT, 0, 0, 0, "Age" },
	{ "acronym", FT_SLUG, 0, 0, 16, "Acronym" },
	{ "password", FT_PASSWORD, 0, 8, 128, "Password" },
	{ "file", FT_FILE, 0, 0, 1024, "The file" },
	{ "xml", FT_FILE, 0, 0, 0, "The XML" },
};
static const struct field_decl fuzz_decls_req[] = {
	{ "name", FT_TEXT, 1, 0, 0, "Name" },
	{ "email", FT_EMAIL, 1, 0, 0, "E-mail address" },
	{ "n", FT_INT, 1, 0, 0, "Number" },
	{ "file", FT_FILE, 1, 0, 0, "The file" },
};
#define NDECLS(d)	(sizeof(d) / sizeof((d)[0]))

static void
fuzz_check_err(const struct err *e)
{
	if (e->status < 400 || e->status > 599 || e->msg[0] == '\0' ||
	    memchr(e->msg, '\0', sizeof(e->msg)) == NULL || memchr(e->code, '\0', sizeof(e->code)) == NULL)
		abort();
}

static void
fuzz_check_values(const struct field_decl *d, size_t n, const struct field_value *v)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (d[i].required && !v[i].present)
			abort();
		if (!v[i].present)
			continue;
		if (d[i].type == FT_FILE) {
			if (v[i].file == NULL || v[i].file->filename == NULL || v[i].len != v[i].file->len ||
			    (d[i].max && (int64_t)v[i].len > d[i].max))
				abort();
			continue;
		}
		/* Text values: terminated, no NUL inside, valid UTF-8 without controls, within bounds. */
		if (v[i].s == NULL || v[i].len == 0 || strlen(v[i].s) != v[i].len ||
		    !idt_text_valid(v[i].s, v[i].len, d[i].type == FT_TEXTAREA))
			abort();
		switch (d[i].type) {
		case FT_INT:
			if (v[i].i < d[i].min || (d[i].max && v[i].i > d[i].max))
				abort();
			break;
		case FT_EMAIL:
			if (!idt_email_valid(v[i].s))
				abort();
			break;
		case FT_SLUG:
			if (!idt_slug_valid(v[i].s, d[i].max ? (size_t)d[i].max : 64))
				abort();
			break;
		case FT_TEXT:
			if (v[i].s[0] == ' ' || v[i].s[v[i].len - 1] == ' ')	/* trimmed */
				abort();
			/* FALLTHROUGH */
		default:
			if ((int64_t)v[i].len < d[i].min || (d[i].max && (int64_t)v[i].len > d[i].max))
				abort();
		}
	}
}

/* Checks a successful parse of body[0..len) and runs form_read over it. */
static void
fuzz_after_parse(struct arena *a, const struct form *f, const char *body, size_t len)
{
	struct field_value vals[NDECLS(fuzz_decls_opt)];
	struct err e;
	size_t i;

	if (f->n > fuzz_limits.max_fields || (f->n > 0 && f->fields == NULL))
		abort();
	for (i = 0; i < f->n; i++) {
		const struct form_field *fld = &f->fields[i];

		if (fld->name == NULL || fld->value == NULL || form_get(f, fld->name) == NULL)
			abort();
		if (fld->filename != NULL) {
			/* File parts point into the body. */
			if (fld->value < body || fld->len > len || (size_t)(fld->value - body) > len - fld->len)
				abort();
		} else {
			/* Text values are terminated copies within the field limit. */
			if (fld->len > fuzz_limits.max_field || fld->value[fld->len] != '\0')
				abort();
			if (form_value(f, fld->name) == NULL && form_get(f, fld->name) == fld)
				abort();
		}
	}
	memset(&e, 0, sizeof(e));
	if (form_read(a, f, fuzz_decls_opt, NDECLS(fuzz_decls_opt), vals, &e) == 0)
		fuzz_check_values(fuzz_decls_opt, NDECLS(fuzz_decls_opt), vals);
	else
		fuzz_check_err(&e);
	memset(&e, 0, sizeof(e));
	if (form_read(a, f, fuzz_decls_req, NDECLS(fuzz_decls_req), vals, &e) == 0)
		fuzz_check_values(fuzz_decls_req, NDECLS(fuzz_decls_req), vals);
	else
		fuzz_check_err(&e);
}

#endif
