/* test_submit_preprocess.c: submit_preprocess() (src/submit/validate.c), the public XML of a submission
 * (R8, R10, R11, R85, R87): includes resolved from the reference library, every processing instruction
 * removed, comments kept; nothing made when there is nothing to preprocess or an include failed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/err.h"
#include "submit/validate.h"

#define REFS_DIR	"tests/data/refs"

#define HEAD	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
#define RFC	"<rfc xmlns:xi=\"http://www.w3.org/2001/XInclude\" docName=\"draft-doe-pre-thing-00\" " \
		"ipr=\"trust200902\" category=\"info\" version=\"3\"><front><title>T</title></front><middle>" \
		"<section><name>S</name><t>Text.</t></section></middle><back><references><name>N</name>"
#define END	"</references></back></rfc>\n"

static const struct {
	const char	*what, *xml;
	int		 want;		/* submit_preprocess()'s answer */
	const char	*has, *lacks;	/* in the public XML (want 1) */
} cases[] = {
	{ "R87: no include, no PI: the upload is the public XML",
	  HEAD "<!DOCTYPE rfc [<!ENTITY nbsp \"&#160;\">]>\n" RFC "<!-- c -->" END, 0, NULL, NULL },
	{ "R10: PIs only, around and in <rfc>: removed, the comment kept",
	  HEAD "<?rfc toc=\"yes\"?>\n" RFC "<?rfc compact=\"yes\"?><!-- kept -->" END, 1, "<!-- kept -->", "<?rfc" },
	{ "R8: a v2 <?rfc include?> from the library",
	  HEAD RFC "<?rfc include=\"reference.RFC.2119.xml\"?>" END, 1, "<reference anchor=\"RFC2119\"", "<?rfc" },
	{ "R8: an xi:include from a bibxml folder",
	  HEAD RFC "<xi:include href=\"https://bib.ietf.org/public/rfc/bibxml3/reference.I-D.ietf-quic-transport.xml\"/>" END,
	  1, "I-D.ietf-quic-transport", "xi:include" },
	{ "R8: an external entity",
	  HEAD "<!DOCTYPE rfc [<!ENTITY r SYSTEM \"http://xml.resource.org/public/rfc/bibxml/reference.RFC.7230.xml\">]>\n"
	  RFC "&r;" END, 1, "<reference anchor=\"RFC7230\"", "&r;" },
	{ "R11: an include not in the library: nothing made, the upload stays as it came",
	  HEAD RFC "<?rfc include=\"reference.RFC.2119.xml\"?><xi:include "
	  "href=\"https://bib.ietf.org/public/rfc/bibxml/reference.RFC.99999.xml\"/>" END, 0, NULL, NULL },
	{ "not XML: the renderer's refusal is the checks' business",
	  "<rfc><front>", 0, NULL, NULL },
};

static void
test_r10_preprocess(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct draft_xml_opts xo = { .refs_dir = REFS_DIR };
		struct upload_file f = { .format = DRAFT_XML, .filename = "draft-doe-pre-thing-00.xml" };
		struct validation v;
		struct err e = { 0 };
		struct arena a;
		char *out = (char *)"unset";
		size_t len = 1;
		int rc;

		arena_init(&a, 0);
		f.data = cases[i].xml;
		f.len = strlen(cases[i].xml);
		memset(&v, 0, sizeof(v));
		v.n = 1;	/* the reader's verdict, as submit_validate() leaves it */
		draft_parse_xml(&a, f.data, f.len, &xo, &v.d[0]);
		rc = submit_preprocess(&a, &f, &v, &xo, &out, &len, &e);
		if (rc != cases[i].want)
			fail_msg("%s: %d, want %d (%s)", cases[i].what, rc, cases[i].want, e.msg);
		if (rc == 0 && (out != NULL || len != 0))
			fail_msg("%s: nothing should be made", cases[i].what);
		if (rc == 1) {
			const char *decl = "<?xml version='1.0' encoding='utf-8'?>\n";
			assert_non_null(out);
			assert_int_equal(len, strlen(out));
			/* the XML declaration is the only "<?" left */
			if (strncmp(out, decl, strlen(decl)) != 0 || strstr(out + strlen(decl), "<?") != NULL)
				fail_msg("%s: a PI is left:\n%s", cases[i].what, out);
			if (strstr(out, cases[i].has) == NULL || strstr(out, cases[i].lacks) != NULL)
				fail_msg("%s: want \"%s\" and no \"%s\" in:\n%s", cases[i].what, cases[i].has, cases[i].lacks, out);
		}
		arena_release(&a);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_r10_preprocess),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
