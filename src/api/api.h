/* api.h: the JSON API (/api/v1/...) and /healthz. Every web action has an endpoint here with
 * the same checks and the same sentences; errors are {"error":{"status":N,"message":"..."}}. */
#ifndef IDT_API_H
#define IDT_API_H

struct request;
struct response;

void	api_error(struct request *, struct response *);
int	api_healthz(struct request *, struct response *);
int	api_index(struct request *, struct response *);
int	api_group_list(struct request *, struct response *);
int	api_group_get(struct request *, struct response *);
int	api_whoami(struct request *, struct response *);
int	api_apikey_create(struct request *, struct response *);
int	api_apikey_revoke(struct request *, struct response *);
int	api_password(struct request *, struct response *);
int	api_outbox_list(struct request *, struct response *);
int	api_validate(struct request *, struct response *);
int	api_outbox_resend(struct request *, struct response *);
int	api_submission(struct request *, struct response *);
int	api_submission_status(struct request *, struct response *);
int	api_submission_action(struct request *, struct response *);
int	api_liaison_create(struct request *, struct response *);
int	api_liaison_list(struct request *, struct response *);
int	api_liaison_get(struct request *, struct response *);
int	api_liaison_action(struct request *, struct response *);
int	api_liaison_defaults(struct request *, struct response *);
int	api_doc_get(struct request *, struct response *);
int	api_doc_action(struct request *, struct response *);
int	api_group_transitions(struct request *, struct response *);

#endif
