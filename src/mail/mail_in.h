/* mail_in.h: incoming mail. `idtracker mail-in` (an MTA pipe alias) hands one RFC 5322 message to
 * mail_in_command(); it is parsed (GMime 3), kept in the inbox table, deduplicated by Message-ID, and
 * given to the office that owns its recipient address. Callers: main.c, the offices, the fuzzer. */
#ifndef IDT_MAIL_IN_H
#define IDT_MAIL_IN_H

#include <stddef.h>

struct arena;
struct db;
struct err;

/* Exit codes, as sysexits.h: the MTA bounces on 65 and 67 and retries on 75. */
enum { MAIL_IN_OK = 0, MAIL_IN_DATAERR = 65, MAIL_IN_NOUSER = 67, MAIL_IN_TEMPFAIL = 75 };

#define MAIL_IN_PARTS_MAX	1000	/* leaf MIME parts; real mail has a handful, and each costs a copy */
#define MAIL_IN_MSGID_MAX	250	/* a Message-ID is a key we index and show, not a document */

struct mail_in_part {
	const char	*content_type;	/* "type/subtype", lower case */
	const char	*filename;	/* UTF-8, control characters replaced by '_'; NULL when none */
	const char	*data;		/* transfer-decoded bytes (base64, quoted-printable); NUL-terminated */
	size_t		 len;
	int		 attachment;	/* Content-Disposition: attachment, or a file name (Apple Mail sends files inline) */
};

/* Every string is UTF-8 and never NULL: "" when the message has no such header. */
struct mail_in {
	const char		 *message_id;	/* "<id@host>", brackets included */
	const char		 *from;		/* the first From mailbox, lower case; always has an '@' */
	const char		 *from_name;	/* its display name, decoded */
	const char		**to;		/* mailboxes (groups flattened), lower case */
	size_t			  nto;
	const char		**cc;
	size_t			  ncc;
	const char		 *subject;
	const char		 *date;		/* ISO-8601 UTC ("2026-11-27T06:51:57Z"), "" when absent or unreadable */
	const char		 *in_reply_to;	/* "<id@host>" */
	const char		 *text;		/* the body a person wrote: see mail_in_parse(); LF line ends */
	struct mail_in_part	 *parts;
	size_t			  nparts;
	int			  generated_id;	/* 1 when message_id is our hash because the message had none */
};

/* Pure parse (no database): 0, or -1 with e (status 400, a sentence) for a malformed message
 * (500 when out of memory). Everything lives in the arena, GMime's objects included (released with it).
 * Strings are UTF-8 (RFC 2047 encoded headers decoded; 8-bit headers taken as UTF-8 when valid, else
 * Latin-1), addresses lower-cased. text = the first text/plain part that is not an attachment (or the
 * first such text/html stripped to text if none), transfer-decoded and converted from its charset.
 * parts = every leaf MIME part (a forwarded message/rfc822 is one leaf), in order.
 * A missing (or unusable) Message-ID gets "<sha256-hex-of-bytes@idtracker.invalid>" and generated_id = 1;
 * the bytes hashed exclude a leading mbox "From " line, whose time stamp changes on every delivery. */
int	mail_in_parse(struct arena *, const char *raw, size_t len, struct mail_in *, struct err *);

/* An office that owns recipient addresses: one row in mail_in.c's dispatch table.
 * owns: 1 when the (lower-case) envelope recipient is this office's address.
 * handle: runs after the message is committed to the inbox, outside any transaction (it begins its own,
 *   with its events and outbox replies). 0 = taken (inbox state "handled"); -1 with a 4xx = refused
 *   (state "rejected", the sentence kept as the note and given to the MTA, which bounces it: exit 65);
 *   -1 with a 5xx = try again later (exit 75; the row stays "kept" and the MTA's retry calls handle
 *   again). A crash between handle's commit and the state change also means a second call, so an
 *   office that must not act twice keys on m->message_id. */
struct mail_office {
	const char	*name;
	int		(*owns)(const char *recipient);
	int		(*handle)(struct db *, struct arena *, const struct mail_in *, struct err *);
};

/* The whole mail-in step: size check, parse, dedupe, store (one transaction with an event row: object
 * "inbox", verb "received"), dispatch. recipient: the envelope recipient (--to), or NULL to take the
 * first To/Cc address; envelope_from: the envelope sender (--from), or NULL to take it from a leading
 * mbox "From " line. Returns a sysexits code; e holds the sentence for non-zero. A duplicate Message-ID
 * returns 0 with a note in e->msg (e->status stays 0, e->code "duplicate") and changes nothing. */
int	mail_in_accept(struct db *, struct arena *, const char *raw, size_t len, size_t max,
	    const char *envelope_from, const char *recipient, struct err *e);

/* Reads stdin (at most max+1 bytes kept; the rest is drained and counted so the sentence is exact),
 * then mail_in_accept; prints the sentence on stderr; returns the exit code. */
int	mail_in_command(struct db *, size_t max, const char *envelope_from, const char *recipient);

#endif
