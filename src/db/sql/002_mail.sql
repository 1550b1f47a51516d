-- 002_mail.sql: the outbox (every mail a transaction decides to send) and the inbox (every mail received).

-- A message is built whole when it is queued, so what is delivered is exactly what the transaction
-- decided; the worker only moves bytes. state: pending -> sending -> sent, or back to pending with a
-- later next_attempt, or failed after the configured give-up time (the error is kept).
CREATE TABLE outbox (
	id		{{ID}},
	created		TEXT NOT NULL,
	template	TEXT NOT NULL,
	message_id	TEXT NOT NULL UNIQUE,
	envelope_from	TEXT NOT NULL,
	recipients	TEXT NOT NULL,		-- envelope recipients, comma-separated, validated addresses
	subject		TEXT NOT NULL,		-- for people reading /admin/outbox/; the message has it encoded
	message		TEXT NOT NULL,		-- the whole RFC 5322 message, CRLF line ends
	state		TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','sending','sent','failed')),
	attempts	INTEGER NOT NULL DEFAULT 0,
	next_attempt	TEXT NOT NULL,
	claimed_at	TEXT,
	claimed_by	TEXT,
	sent_at		TEXT,
	delivered_to	TEXT NOT NULL DEFAULT '',	-- "smtp://host:port" or the Maildir file
	last_error	TEXT NOT NULL DEFAULT '',
	object_type	TEXT NOT NULL DEFAULT '',
	object_id	TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_due ON outbox(state, next_attempt);

-- Every message `idtracker mail-in` accepted, deduplicated by Message-ID and recipient (a message
-- without an id gets a hash of its bytes; one sent to two of our addresses reaches both offices),
-- and what became of it.
CREATE TABLE inbox (
	id		{{ID}},
	received	TEXT NOT NULL,
	message_id	TEXT NOT NULL,
	envelope_from	TEXT NOT NULL DEFAULT '',
	recipient	TEXT NOT NULL DEFAULT '',
	header_from	TEXT NOT NULL DEFAULT '',
	subject		TEXT NOT NULL DEFAULT '',
	size		INTEGER NOT NULL,
	parts		INTEGER NOT NULL DEFAULT 0,
	attachments	TEXT NOT NULL DEFAULT '',	-- file names, one per line
	office		TEXT NOT NULL DEFAULT '',	-- which office took it, or '' when nobody owns the address
	state		TEXT NOT NULL DEFAULT 'kept' CHECK (state IN ('kept','handled','rejected')),
	note		TEXT NOT NULL DEFAULT '',
	raw		{{BLOB}} NOT NULL,	-- the bytes as received (8-bit mail is not always UTF-8)
	UNIQUE (message_id, recipient)
);
