/* test_html.c: the escaping writer in every context: element text, attribute, URL attribute,
 * and the refusal of unbalanced tags (src/web/html.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/err.h"
#include "web/html.h"

static const char hostile[] = "<script>alert('x')</script> & \"q\"";

static void
test_text_escapes_all_specials(void **state)
{
	struct arena a;
	struct html h;

	(void)state;
	arena_init(&a, 0);
	html_init(&h, &a, 0);
	html_elem(&h, TAG_P, hostile);
	assert_int_equal(html_finish(&h, NULL), 0);
	assert_string_equal(buf_cstr(&h.b),
	    "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;</p>");
	arena_release(&a);
}

static void
test_attribute_escapes_quotes(void **state)
{
	struct arena a;
	struct html h;

	(void)state;
	arena_init(&a, 0);
	html_init(&h, &a, 0);
	html_void(&h, TAG_INPUT, ATTR_NAME, "x", ATTR_VALUE, "\" onfocus=\"alert(1)", ATTR__END);
	assert_string_equal(buf_cstr(&h.b), "<input name=\"x\" value=\"&quot; onfocus=&quot;alert(1)\">");
	arena_release(&a);
}

static void
test_url_attributes_allow_list(void **state)
{
	static const struct { const char *url, *out; } cases[] = {
		{ "/group/quic/", "<a href=\"/group/quic/\">t</a>" },
		{ "https://example.org/?a=1&b=2", "<a href=\"https://example.org/?a=1&amp;b=2\">t</a>" },
		{ "mailto:quic@lists.example.org", "<a href=\"mailto:quic@lists.example.org\">t</a>" },
		{ "javascript:alert(1)", "<a href=\"#\">t</a>" },
		{ "JaVaScRiPt:alert(1)", "<a href=\"#\">t</a>" },
		{ "data:text/html,<b>", "<a href=\"#\">t</a>" },
		{ "//evil.example/", "<a href=\"#\">t</a>" },
		{ "vbscript:x", "<a href=\"#\">t</a>" },
	};
	struct arena a;
	struct html h;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		arena_init(&a, 0);
		html_init(&h, &a, 0);
		html_link(&h, cases[i].url, "t");
		assert_string_equal(buf_cstr(&h.b), cases[i].out);
		arena_release(&a);
	}
}

static void
test_null_attribute_is_omitted_and_boolean_has_no_value(void **state)
{
	struct arena a;
	struct html h;

	(void)state;
	arena_init(&a, 0);
	html_init(&h, &a, 0);
	html_void(&h, TAG_INPUT, ATTR_TYPE, "email", ATTR_VALUE, (const char *)NULL, ATTR_REQUIRED, "", ATTR__END);
	assert_string_equal(buf_cstr(&h.b), "<input type=\"email\" required>");
	arena_release(&a);
}

static void
test_textf_escapes_arguments(void **state)
{
	struct arena a;
	struct html h;

	(void)state;
	arena_init(&a, 0);
	html_init(&h, &a, 0);
	html_textf(&h, "%s has %d roles", "<b>Ann</b>", 2);
	assert_string_equal(buf_cstr(&h.b), "&lt;b&gt;Ann&lt;/b&gt; has 2 roles");
	arena_release(&a);
}

static void
test_unbalanced_tags_are_a_bug(void **state)
{
	struct arena a;
	struct html h;
	struct err e = { 0 };

	(void)state;
	arena_init(&a, 0);
	html_init(&h, &a, 0);
	html_open(&h, TAG_DIV, ATTR__END);
	html_open(&h, TAG_P, ATTR__END);
	html_close(&h, TAG_DIV);	/* wrong order */
	assert_int_equal(html_finish(&h, &e), -1);
	assert_int_equal(e.status, 500);
	html_init(&h, &a, 0);
	html_open(&h, TAG_DIV, ATTR__END);	/* left open */
	assert_int_equal(html_finish(&h, NULL), -1);
	arena_release(&a);
}

static void
test_literal_and_nul_bytes(void **state)
{
	struct arena a;
	struct html h;

	(void)state;
	arena_init(&a, 0);
	html_init(&h, &a, 0);
	html_literal(&h, "&#8212;");
	html_textn(&h, "a\0b", 3);	/* NUL never reaches the page */
	assert_string_equal(buf_cstr(&h.b), "&#8212;ab");
	arena_release(&a);
}

static void
test_page_cap(void **state)
{
	struct arena a;
	struct html h;
	struct err e = { 0 };
	int i;

	(void)state;
	arena_init(&a, 0);
	html_init(&h, &a, 64);
	for (i = 0; i < 20; i++)
		html_text(&h, "0123456789");
	assert_int_equal(html_finish(&h, &e), -1);
	assert_int_equal(e.status, 413);
	arena_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_escapes_all_specials),
		cmocka_unit_test(test_attribute_escapes_quotes),
		cmocka_unit_test(test_url_attributes_allow_list),
		cmocka_unit_test(test_null_attribute_is_omitted_and_boolean_has_no_value),
		cmocka_unit_test(test_textf_escapes_arguments),
		cmocka_unit_test(test_unbalanced_tags_are_a_bug),
		cmocka_unit_test(test_literal_and_nul_bytes),
		cmocka_unit_test(test_page_cap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
