/* test_render_table.c: <table> in the text writer (src/draft/render_table.c), xml2rfc 3.32's
 * render_table() and build_table(). Small prepared v3 documents (prepTime set, so that render_text()
 * skips v2v3 and prep and the input is exactly what the writer sees) with one table each, in the shapes
 * of the golden corpus: a header row, cells aligned left, centre and right, colspan and rowspan, a cell
 * too long for its column, cells of several paragraphs, a caption wider than its table, tables aligned
 * left and right (R69: XML-only submissions need this renderer). */
/* R69 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "testlib.h"
#include "render_testlib.h"

/* The attributes prep gives every cell */
#define TH(al)	"<th align=\"" al "\" colspan=\"1\" rowspan=\"1\">"
#define TD(al)	"<td align=\"" al "\" colspan=\"1\" rowspan=\"1\">"

/* Renders the tables in an unnumbered section "S" of a prepared document, unpaginated. */
static void
check(const char *tables, const char *want)
{
	struct render_opts o;
	struct arena ar;
	char *xml, *out;

	arena_init(&ar, 0);
	test_render_opts(&o);
	xml = arena_printf(&ar, "<rfc version=\"3\" prepTime=\"2026-11-22T00:00:00\"><middle>"
	    "<section numbered=\"false\" toc=\"exclude\"><name>S</name>%s</section></middle></rfc>", tables);
	out = test_render(&ar, xml, &o);
	assert_non_null(out);
	if (strcmp(out, want) != 0)
		print_error("got:\n%s\nwant:\n%s\n", out, want);
	assert_string_equal(out, want);
	arena_release(&ar);
}

/* R69: a header row between '=' borders; left, centre and right cells (one column of padding, two
 * where the column has room); a colspan cell over two columns; a rowspan cell running through the
 * border below its first row; the caption with the table's name centred under it */
static void
test_r69_header_align_spans(void **state)
{
	(void)state;
	check("<table align=\"center\" pn=\"table-1\"><name>Simple</name>"
	    "<thead><tr>" TH("left") "Name</th>" TH("center") "Value</th>" TH("right") "Size</th></tr></thead>"
	    "<tbody><tr>" TD("left") "alpha</td>" TD("center") "1</td>" TD("right") "10</td></tr>"
	    "<tr><td align=\"left\" colspan=\"2\" rowspan=\"1\">spanning two</td>"
	    "<td align=\"right\" colspan=\"1\" rowspan=\"2\">tall cell</td></tr>"
	    "<tr>" TD("left") "b</td>" TD("center") "c</td></tr></tbody></table>",
	    "S\n"
	    "\n"
	    "                       +=======+=======+===========+\n"
	    "                       | Name  | Value |      Size |\n"
	    "                       +=======+=======+===========+\n"
	    "                       | alpha |   1   |        10 |\n"
	    "                       +-------+-------+-----------+\n"
	    "                       | spanning two  | tall cell |\n"
	    "                       +-------+-------+           |\n"
	    "                       | b     |   c   |           |\n"
	    "                       +-------+-------+-----------+\n"
	    "\n"
	    "                              Table 1: Simple\n");
}

/* R69: a cell too long for its column is filled, its column widened while that saves lines; a cell
 * of two paragraphs keeps the blank line between them; no name: the caption is "Table N" */
static void
test_r69_wrap(void **state)
{
	(void)state;
	check("<table align=\"center\" pn=\"table-2\">"
	    "<thead><tr>" TH("left") "Field</th>" TH("left") "Description</th></tr></thead>"
	    "<tbody><tr>" TD("left") "id</td>" TD("left") "The identifier of the resource, which is assigned by "
	    "the server when the resource is created and never changes afterwards.</td></tr>"
	    "<tr>" TD("left") "x</td>" TD("left") "<t>First paragraph.</t><t>Second paragraph that is a little "
	    "longer than the first one.</t></td></tr></tbody></table>",
	    "S\n"
	    "\n"
	    "           +=======+==========================================+\n"
	    "           | Field | Description                              |\n"
	    "           +=======+==========================================+\n"
	    "           | id    | The identifier of the resource, which is |\n"
	    "           |       | assigned by the server when the resource |\n"
	    "           |       | is created and never changes afterwards. |\n"
	    "           +-------+------------------------------------------+\n"
	    "           | x     | First paragraph.                         |\n"
	    "           |       |                                          |\n"
	    "           |       | Second paragraph that is a little longer |\n"
	    "           |       | than the first one.                      |\n"
	    "           +-------+------------------------------------------+\n"
	    "\n"
	    "                                 Table 2\n");
}

/* R69: a table narrower than 26 columns under a longer caption is centred in 26 columns and the
 * caption wrapped there; align="left" keeps the block at the section's indentation */
static void
test_r69_caption_wider(void **state)
{
	(void)state;
	check("<table align=\"left\" pn=\"table-3\"><name>A caption much longer than the table</name>"
	    "<tbody><tr>" TD("left") "a</td>" TD("right") "b</td></tr></tbody></table>",
	    "S\n"
	    "\n"
	    "           +---+---+\n"
	    "           | a | b |\n"
	    "           +---+---+\n"
	    "\n"
	    "       Table 3: A caption\n"
	    "      much longer than the\n"
	    "             table\n");
}

/* R69: align="right": the table and its caption against the right margin */
static void
test_r69_align_right(void **state)
{
	(void)state;
	check("<table align=\"right\" pn=\"table-4\"><name>Right</name>"
	    "<tbody><tr>" TD("left") "short</td>" TD("right") "12345</td></tr></tbody></table>",
	    "S\n"
	    "\n"
	    "                                                       +-------+-------+\n"
	    "                                                       | short | 12345 |\n"
	    "                                                       +-------+-------+\n"
	    "\n"
	    "                                                         Table 4: Right\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_r69_header_align_spans),
		cmocka_unit_test(test_r69_wrap),
		cmocka_unit_test(test_r69_caption_wider),
		cmocka_unit_test(test_r69_align_right),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
