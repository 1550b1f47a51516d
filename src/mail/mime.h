/* mime.h: outgoing messages built correctly by construction: RFC 5322 headers through one API
 * that refuses CR, LF and NUL in any value and validates addresses; non-ASCII subjects and display
 * names encoded per RFC 2047; UTF-8 bodies as quoted-printable with lines of at most 76 characters;
 * multipart/mixed when attachments are asked for. Callers: src/mail/outbox.c, the tests. */
#ifndef IDT_MIME_H
#define IDT_MIME_H

#include <stddef.h>

struct arena;
struct err;

#define MAIL_RCPT_MAX		100	/* To + Cc per message: a list address counts as one */
#define MAIL_ATTACH_MAX		8
#define MAIL_SUBJECT_MAX	900	/* keeps "Subject: " + an unbreakable subject under RFC 5322's 998 */

struct mail_attachment {
	const char	*filename;	/* plain file name; validated */
	const char	*content_type;	/* "text/plain", "application/pdf" ... */
	const void	*data;
	size_t		 len;
};

/* One address with an optional display name: "Ann Author <ann@example.org>". */
struct mail_addr {
	const char	*name;		/* UTF-8, or NULL */
	const char	*email;
};

/* A message's recipients as the offices gather them: valid addresses only, each once (compared
 * without case), at most MAIL_RCPT_MAX; what does not fit or is not an address is left out. */
struct mail_rcpts {
	struct mail_addr	 a[MAIL_RCPT_MAX];
	size_t			 n;
};
void	mail_rcpts_add(struct mail_rcpts *, const char *name, const char *email);
/* Each address of a comma-separated list ("Ann <ann@example.org>, bob@example.org"), parsed into
 * the arena. */
void	mail_rcpts_add_list(struct arena *, struct mail_rcpts *, const char *list);
/* The addresses alone, "ann@example.org, bob@example.org", for a history line. */
const char *mail_rcpts_emails(struct arena *, const struct mail_rcpts *);

struct mail_msg {
	struct mail_addr	 from;
	struct mail_addr	 to[MAIL_RCPT_MAX];
	size_t			 nto;
	struct mail_addr	 cc[MAIL_RCPT_MAX];
	size_t			 ncc;
	struct mail_addr	 reply_to;	/* email NULL = none */
	const char		*subject;	/* UTF-8 */
	const char		*body;		/* UTF-8 plain text, LF or CRLF line ends */
	const char		*in_reply_to;	/* "<id@host>" or NULL; also sets References */
	const char		*references;	/* or NULL */
	int			 auto_generated;	/* Auto-Submitted: auto-generated */
	struct mail_attachment	 attach[MAIL_ATTACH_MAX];
	size_t			 nattach;
};

struct mail_built {
	char	*message;	/* the whole message, CRLF line ends, 7-bit */
	size_t	 len;
	char	*message_id;	/* "<...@domain>" */
	char	*recipients;	/* envelope recipients, comma-separated */
};

/* Builds the message; domain names the Message-ID's right side, now is the Date. 0, or -1 with e
 * (status 400 and a sentence naming the bad field) when any value holds CR/LF/NUL, an address is not
 * valid, there is no recipient, or an attachment's name is not a plain file name. */
int	mail_build(struct arena *, const struct mail_msg *, const char *domain, long now, struct mail_built *, struct err *);

/* Parses "Display Name <addr@host>" or "addr@host" into a; 0 or -1. Used for mail_from. */
int	mail_addr_parse(struct arena *, const char *s, struct mail_addr *a);

#endif
