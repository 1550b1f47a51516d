/* validate.h: the check step of the submission office (R6, R7, R14-R27, R68, R74-R79): the files of
 * one upload are vetted (names, sizes, formats) and read and checked by the draft engine, with the
 * same verdict as `idtracker check`. Validation alone stores nothing and can never be posted.
 * Callers: the validation page and POST /api/validate; later the submission flow. */
#ifndef IDT_VALIDATE_H
#define IDT_VALIDATE_H

#include <stddef.h>

#include "../draft/draft.h"
#include "../draft/nits.h"

struct arena;
struct err;

/* Size caps per format (the Datatracker's, DATATRACKER.md 2.18): the defaults of the submit_max_txt
 * and submit_max_xml settings. */
#define SUBMIT_TXT_MAX	(2u << 20)
#define SUBMIT_XML_MAX	(3u << 20)

struct submit_caps {
	size_t	txt, xml;	/* bytes; 0 = the defaults above */
};

struct upload_file {
	enum draft_format	 format;
	const char		*filename;	/* as the client sent it; vetted here */
	const char		*data;
	size_t			 len;
	const char		*base_dir;	/* folder for the XML's relative includes, or NULL */
	int			 generated;	/* 1: a text rendered from the XML here (R70), not uploaded */
};

struct validation {
	struct draft	 d[2];		/* txt first when both came */
	const char	*names[2];	/* the vetted base names */
	int		 n;
	int		 errors, warnings, comments;
	/* R69, R70: the text rendered from the XML when only the XML came (arena memory; d[0] and
	 * names[0] are its), else NULL. The office stores it as the submission's .txt. */
	const char	*generated;
	size_t		 generated_len;
};

/* Reads and checks the files of one submission (a txt and/or an xml of one draft, in that order),
 * with the cross-format rules when both came; the same core for the CLI and the office. When an
 * uploaded text comes with its XML, the XML is rendered (src/draft/render.h, includes from the
 * reference library only) and the two compared word for word (diff_material()): a text that says
 * something else is a warning, TEXT_DIFFERS_FROM_XML, quoting the first differing passage. No vetting
 * of names or sizes: that is submit_validate()'s. */
void	submit_check(struct arena *, const struct upload_file *files, size_t n, const struct check_opts *,
	    const struct draft_xml_opts *, struct validation *v);

/* 0 with v filled (its nits say what is wrong with the draft), or -1 with e when the upload itself
 * is unusable: no txt or xml (R68), a file name that is no draft name, the wrong extension, two
 * different drafts, a file over its cap (413), or XML alone that cannot be rendered as text (R69: 400
 * with the renderer's sentence). XML alone is rendered (paginated, opts->today as "today") and the
 * text checked as if it had been uploaded with it (R70): v->generated holds it. */
int	submit_validate(struct arena *, const struct upload_file *files, size_t n, const struct check_opts *,
	    const struct draft_xml_opts *, const struct submit_caps *, struct validation *v, struct err *);

/* R8, R10: the public XML of a submission's XML upload: every entity, xi:include and v2 <?rfc include?>
 * resolved from the reference library (never the network) and every processing instruction taken out;
 * comments stay. 1 with *out (arena memory) when that differs from the upload, which the office then
 * keeps as well, as the original. 0 with *out NULL when the upload is its own public XML (no include,
 * no PI: R87) or cannot be preprocessed: an include that failed v's checks (R11, already a blocking
 * error) or XML the renderer refuses (R69's business). -1 with e only when out of memory. */
int	submit_preprocess(struct arena *, const struct upload_file *xml, const struct validation *v,
	    const struct draft_xml_opts *, char **out, size_t *len, struct err *);

#endif
