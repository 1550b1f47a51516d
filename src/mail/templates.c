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
	/* TPL_SUB_CONFIRM */
	{ "sub_confirm", "Confirm submission of I-D {draft}",
	  "Hello,\n"
	  "\n"
	  "{submitter} submitted {draft}-{rev} (\"{title}\") to {site}.\n"
	  "You get this message because {why}.\n"
	  "\n"
	  "To confirm and post it, open this link and press Confirm:\n"
	  "\n"
	  "  {url}\n"
	  "\n"
	  "Opening the link alone changes nothing. If you do not confirm within {days} days the\n"
	  "submission expires and nothing is posted. If you did not expect this, ignore this message.\n"
	  "\n"
	  "Validation results:\n"
	  "{messages}\n"
	  "Submission {id}: {status_url}\n" },
	/* TPL_SUB_APPROVAL */
	{ "sub_approval", "New Internet-Draft waiting for approval: {draft}",
	  "Hello,\n"
	  "\n"
	  "{draft}-{rev} (\"{title}\") was submitted by {submitter} and needs the approval of {who}\n"
	  "before it is posted: {why}.\n"
	  "\n"
	  "Read the whole draft and approve or cancel it here (sign in first):\n"
	  "\n"
	  "  {url}\n"
	  "\n"
	  "Every submission waiting for you is listed at {site}/submit/approvals/ .\n"
	  "Unapproved submissions expire after {days} days.\n" },
	/* TPL_SUB_MANUAL */
	{ "sub_manual", "Manual Post Requested for {draft}",
	  "Hello,\n"
	  "\n"
	  "{submitter} asks the Secretariat to post {draft}-{rev} (\"{title}\") by hand.\n"
	  "\n"
	  "Adjusted fields: {fields}\n"
	  "Comment to the Secretariat:\n"
	  "{note}\n"
	  "\n"
	  "Validation results:\n"
	  "{messages}\n"
	  "The submission, with force post and cancel: {url}\n"
	  "The queue: {site}/submit/manualpost/\n"
	  "\n"
	  "{estimate}\n" },
	/* TPL_SUB_ANNOUNCE */
	{ "sub_announce", "I-D Action: {draft}-{rev}.txt",
	  "Internet-Draft {draft}-{rev}.txt is now available.{group_line}\n"
	  "\n"
	  "   Title:   {title}\n"
	  "   Authors: {authors}\n"
	  "   Name:    {draft}-{rev}.txt\n"
	  "   Pages:   {pages}\n"
	  "   Dates:   {date}\n"
	  "\n"
	  "Abstract:\n"
	  "\n"
	  "{abstract}\n"
	  "\n"
	  "The document page is:\n"
	  "  {site}/doc/{draft}/\n"
	  "\n"
	  "The files are:\n"
	  "{files}\n"
	  "{diff_line}" },
	/* TPL_SUB_AUTHORS */
	{ "sub_authors", "New Version Notification for {draft}-{rev}.txt",
	  "A new version of Internet-Draft {draft}-{rev}.txt has been successfully submitted by\n"
	  "{submitter} and posted to {site}.\n"
	  "\n"
	  "Name:     {draft}\n"
	  "Revision: {rev}\n"
	  "Title:    {title}\n"
	  "Date:     {date}\n"
	  "Group:    {group}\n"
	  "Pages:    {pages}\n"
	  "URL:      {site}/archive/id/{draft}-{rev}.txt\n"
	  "Status:   {site}/doc/{draft}/\n"
	  "{diff_line}"
	  "\n"
	  "You get this message because you are listed as an author: if you did not agree to be one,\n"
	  "tell the Secretariat ({secretariat}).\n" },
	/* TPL_SUB_CANCELLED */
	{ "sub_cancelled", "Submission of {draft}-{rev} cancelled",
	  "Hello,\n"
	  "\n"
	  "The submission {id} of {draft}-{rev} (\"{title}\") was cancelled by {who}; nothing was posted.\n"
	  "{reason}\n"
	  "\n"
	  "Questions go to the Secretariat: {secretariat}\n"
	  "Submission {id}: {status_url}\n" },
	/* TPL_SUB_MAIL_REPLY */
	{ "sub_mail_reply", "Re: {subject}",
	  "Hello,\n"
	  "\n"
	  "Your mail to {address} was read as a draft submission.\n"
	  "\n"
	  "{outcome}\n"
	  "\n"
	  "Validation results:\n"
	  "{messages}\n"
	  "Questions go to the Secretariat: {secretariat}\n" },
	/* TPL_LIAISON_POSTED */
	{ "liaison_posted", "New Liaison Statement, \"{title}\"",
	  "Hello {assignee},\n"
	  "\n"
	  "A liaison statement has arrived and is assigned to you. Please give it the consideration it asks\n"
	  "for. {deadline_line}\n"
	  "\n"
	  "Title:     {title}\n"
	  "From:      {from} ({from_contact})\n"
	  "To:        {to}\n"
	  "Purpose:   {purpose}\n"
	  "Submitted: {submitted}\n"
	  "URL:       {url}\n"
	  "\n"
	  "{body}\n"
	  "\n"
	  "Reply, reassign or close it from its page: {url}\n" },
	/* TPL_LIAISON_ACK */
	{ "liaison_ack", "Liaison statement recorded: \"{title}\"",
	  "Hello,\n"
	  "\n"
	  "Your liaison statement was recorded and sent to its addressees. Its page is\n"
	  "{url}\n"
	  "\n"
	  "Title:     {title}\n"
	  "From:      {from} ({from_contact})\n"
	  "To:        {to}\n"
	  "Purpose:   {purpose}\n"
	  "Submitted: {submitted}\n"
	  "URL:       {url}\n"
	  "\n"
	  "{body}\n" },
	/* TPL_LIAISON_APPROVAL */
	{ "liaison_approval", "New Liaison Statement, \"{title}\" needs your approval",
	  "Hello,\n"
	  "\n"
	  "The following liaison statement will remain pending (and not public) until an approver of every\n"
	  "From group approves it. Please visit {url} (sign in first) to approve it or mark it dead.\n"
	  "\n"
	  "Title:     {title}\n"
	  "From:      {from} ({from_contact})\n"
	  "To:        {to}\n"
	  "Purpose:   {purpose}\n"
	  "Submitted: {submitted}\n"
	  "URL:       {url}\n"
	  "\n"
	  "{body}\n" },
	/* TPL_LIAISON_CLOSED */
	{ "liaison_closed", "Liaison statement closed without a reply: \"{title}\"",
	  "Hello,\n"
	  "\n"
	  "This statement asked for action and was closed without a reply. As its liaison manager, please\n"
	  "tell the sending organization.\n"
	  "Comment: {note}\n"
	  "\n"
	  "Title:     {title}\n"
	  "From:      {from} ({from_contact})\n"
	  "To:        {to}\n"
	  "Purpose:   {purpose}\n"
	  "Submitted: {submitted}\n"
	  "URL:       {url}\n"
	  "\n"
	  "{body}\n" },
	/* TPL_LIAISON_REMINDER */
	{ "liaison_reminder", "[Liaison deadline {when}] {title}",
	  "Hello,\n"
	  "\n"
	  "The deadline of this liaison statement is {when}. It is still open: please act on it,\n"
	  "reply, or close it from {url}\n"
	  "\n"
	  "Title:     {title}\n"
	  "From:      {from} ({from_contact})\n"
	  "To:        {to}\n"
	  "Purpose:   {purpose}\n"
	  "Submitted: {submitted}\n"
	  "URL:       {url}\n"
	  "\n"
	  "{body}\n" },
	/* TPL_LIAISON_CONFIRM */
	{ "liaison_confirm", "Confirm your liaison statement \"{title}\"",
	  "Hello,\n"
	  "\n"
	  "A liaison statement \"{title}\" was submitted at {site} with this address as its contact.\n"
	  "To confirm it, open this link and press Confirm (opening it alone changes nothing):\n"
	  "\n"
	  "  {url}\n"
	  "\n"
	  "It is then read by the IAB liaison coordinators and the Secretariat before it is posted.\n"
	  "If you did not submit it, ignore this message: nothing happens without the confirmation.\n" },
	/* TPL_LIAISON_MODERATE */
	{ "liaison_moderate", "Liaison statement waiting for moderation: \"{title}\"",
	  "Hello,\n"
	  "\n"
	  "A liaison statement from {from_contact} waits for moderation. Post it or refuse it at\n"
	  "{url} (sign in first).\n"
	  "\n"
	  "{body}\n" },
	/* TPL_WG_STATE */
	{ "wg_state", "IETF WG state changed for {draft}",
	  "{what}, by {by}.\n"
	  "\n"
	  "Comment: {comment}\n"
	  "\n"
	  "{draft}: \"{title}\"\n"
	  "{url}\n" },
	/* TPL_WG_CALL */
	{ "wg_call", "Call for {kind}: {draft} ({group} WG, ends {ends})",
	  "{text}" },
	/* TPL_WG_IPR */
	{ "wg_ipr", "Your IPR obligations for {draft}: please confirm",
	  "Hello {name},\n"
	  "\n"
	  "The {group} working group is considering the adoption of {draft}, of which you are an author\n"
	  "(the call ends {ends}). Adoption moves change control of the document to the IETF.\n"
	  "\n"
	  "Please confirm that every IPR you know of that relates to this draft has been disclosed\n"
	  "(BCP 78, BCP 79): open this link and press Confirm (opening it alone changes nothing):\n"
	  "\n"
	  "  {url}\n"
	  "\n"
	  "If you know of undisclosed IPR, disclose it first and tell the chairs.\n" },
	/* TPL_WG_OUTCOME */
	{ "wg_outcome", "{draft}: {what}",
	  "The call on {draft} (\"{title}\") has ended: {what}.\n"
	  "\n"
	  "The chairs' summary:\n"
	  "{summary}\n"
	  "\n"
	  "{url}\n" },
	/* TPL_WG_CALL_ENDED */
	{ "wg_call_ended", "The call for {kind} of {draft} ended on {ends}",
	  "Hello,\n"
	  "\n"
	  "The {group} WG's call for {kind} of {draft} ended on {ends}. Please judge the consensus and\n"
	  "record the outcome (adopt, info only, not adopted; or dead / keep for a withdrawal) at\n"
	  "{url}\n" },
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
