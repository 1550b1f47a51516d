/* pages.h: the page handlers the route table (src/routes.c) points at. Pages format; the
 * domain modules they call decide. */
#ifndef IDT_PAGES_H
#define IDT_PAGES_H

#include <stddef.h>
#include <stdint.h>

struct request;
struct response;

int	page_home(struct request *, struct response *);
int	page_favicon(struct request *, struct response *);
int	page_login_form(struct request *, struct response *);
int	page_login(struct request *, struct response *);
int	page_logout(struct request *, struct response *);
int	page_profile(struct request *, struct response *);
int	page_password_form(struct request *, struct response *);
int	page_password(struct request *, struct response *);
int	page_apikey_create(struct request *, struct response *);
int	page_apikey_revoke(struct request *, struct response *);
int	page_group_index(struct request *, struct response *);
int	page_group(struct request *, struct response *);
int	page_static(struct request *, struct response *);
int	page_outbox(struct request *, struct response *);
int	page_validate_form(struct request *, struct response *);
int	page_validate(struct request *, struct response *);
/* Shared with the API: the upload's files and the validation of them. */
struct upload_file;
struct validation;
size_t	submit_form_files(struct request *, struct upload_file *out);	/* room for 2 */
int	submit_form_validate(struct request *, struct validation *);
int	page_outbox_resend(struct request *, struct response *);
/* The submission office (submission_pages.c). */
int	page_submit_form(struct request *, struct response *);
int	page_submit(struct request *, struct response *);
int	page_sub_search(struct request *, struct response *);
int	page_sub_status(struct request *, struct response *);
int	page_sub_action(struct request *, struct response *);
int	page_sub_full(struct request *, struct response *);
int	page_sub_diff(struct request *, struct response *);
int	page_sub_confirm_form(struct request *, struct response *);
int	page_sub_confirm(struct request *, struct response *);
int	page_sub_edit_form(struct request *, struct response *);
int	page_sub_edit(struct request *, struct response *);
int	page_sub_approvals(struct request *, struct response *);
int	page_sub_preapproval_add(struct request *, struct response *);
int	page_sub_preapproval_cancel(struct request *, struct response *);
int	page_sub_manualpost(struct request *, struct response *);
int	page_sub_cutoff_form(struct request *, struct response *);
int	page_sub_cutoff(struct request *, struct response *);
/* Shared with the API: the acting context of a request, and the pdf/html files of a form. */
struct sub_ctx;
struct upload_extra;
void	sub_ctx_of(struct request *, struct sub_ctx *);
size_t	submit_form_extra(struct request *, struct upload_extra *out);	/* room for 2 */
struct submission;
int	sub_form_action(struct request *, struct sub_ctx *, struct submission *, int has_token);
/* The liaison office (liaison_pages.c). */
int	page_liaison_list(struct request *, struct response *);
int	page_liaison_mine(struct request *, struct response *);
int	page_liaison(struct request *, struct response *);
int	page_liaison_action(struct request *, struct response *);
int	page_liaison_add_form(struct request *, struct response *);
int	page_liaison_add(struct request *, struct response *);
int	page_liaison_reply(struct request *, struct response *);
int	page_liaison_sdo(struct request *, struct response *);
int	page_liaison_feed(struct request *, struct response *);
int	page_liaison_feed_group(struct request *, struct response *);
int	page_liaison_feed_purpose(struct request *, struct response *);
int	page_liaison_ics(struct request *, struct response *);
int	page_liaison_edit_form(struct request *, struct response *);
int	page_liaison_edit(struct request *, struct response *);
int	page_liaison_attach(struct request *, struct response *);
int	page_liaison_attachment(struct request *, struct response *);
int	page_liaison_public_form(struct request *, struct response *);
int	page_liaison_public(struct request *, struct response *);
int	page_liaison_public_confirm_form(struct request *, struct response *);
int	page_liaison_public_confirm(struct request *, struct response *);
/* Shared with the API. */
struct li_ctx;
struct li_new;
void	li_ctx_of(struct request *, struct li_ctx *);
size_t	form_values(struct request *, const char *name, const char ***out);
void	li_new_from_form(struct request *, const char *direction, struct li_new *);
int	li_form_action(struct request *, struct li_ctx *, int64_t id, const char *act);
/* The WG document office (wg_pages.c). */
int	page_doc_wg(struct request *, struct response *);
int	page_doc_call_form(struct request *, struct response *);
int	page_doc_call(struct request *, struct response *);
int	page_doc_ipr_form(struct request *, struct response *);
int	page_doc_ipr(struct request *, struct response *);
int	page_group_chairs(struct request *, struct response *);
int	page_doc_compare(struct request *, struct response *);
int	page_group_feed(struct request *, struct response *);
struct wgd_ctx;
struct html;
void	wgd_ctx_of(struct request *, struct wgd_ctx *);
int	wg_form_action(struct request *, struct wgd_ctx *, const char *name, const char *act);
void	wg_doc_section(struct request *, struct html *, const char *name);
void	wg_group_section(struct request *, struct html *, const char *acronym);
/* Documents (doc_pages.c). */
int	page_doc_index(struct request *, struct response *);
int	page_doc(struct request *, struct response *);
int	page_doc_diff(struct request *, struct response *);
int	page_archive(struct request *, struct response *);
struct html;
const char *doc_archive_text(struct request *, const char *name, const char *rev, size_t *len);
void	doc_diff_html(struct request *, struct html *, const char *a, size_t alen, const char *b, size_t blen,
	    const char *left, const char *right);
/* Shared with the API: validates the password form and changes the password. */
int	account_change_password(struct request *);
/* Computes the static files' ETags; call once before the server starts. */
void	static_files_init(void);

#endif
