/* pages.h: the page handlers the route table (src/routes.c) points at. Pages format; the
 * domain modules they call decide. */
#ifndef IDT_PAGES_H
#define IDT_PAGES_H

struct request;
struct response;

int	page_home(struct request *, struct response *);
int	page_office_pending(struct request *, struct response *);
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
/* Shared with the API: validates the password form and changes the password. */
int	account_change_password(struct request *);
/* Computes the static files' ETags; call once before the server starts. */
void	static_files_init(void);

#endif
