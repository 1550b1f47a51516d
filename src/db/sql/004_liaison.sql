-- 004_liaison.sql: liaison statements (seeds 000-002, L1-L17; DATATRACKER.md Part 1).

-- Whether the IAB has a formal liaison relationship with an SDO (L16); statements from others are moderated (L15).
ALTER TABLE grp ADD COLUMN formal INTEGER NOT NULL DEFAULT 1;

-- One statement. States are the Datatracker's (pending, approved, posted, dead) plus 'moderation' for
-- statements submitted by the public (L15); tracking is ours (L10): action-required, action-taken, closed.
CREATE TABLE liaison (
	id		{{ID}},
	direction	TEXT NOT NULL CHECK (direction IN ('incoming','outgoing')),
	state		TEXT NOT NULL CHECK (state IN ('moderation','pending','approved','posted','dead')),
	title		TEXT NOT NULL,
	body		TEXT NOT NULL DEFAULT '',
	purpose		TEXT NOT NULL CHECK (purpose IN ('action','comment','info','response')),
	deadline	TEXT NOT NULL DEFAULT '',	-- YYYY-MM-DD or ''
	from_contact	TEXT NOT NULL DEFAULT '',
	to_contacts	TEXT NOT NULL DEFAULT '',	-- comma-separated mailboxes
	cc_contacts	TEXT NOT NULL DEFAULT '',
	response_contacts TEXT NOT NULL DEFAULT '',
	technical_contacts TEXT NOT NULL DEFAULT '',
	action_holder_contacts TEXT NOT NULL DEFAULT '',
	other_identifiers TEXT NOT NULL DEFAULT '',
	submitted	TEXT NOT NULL,			-- the date the statement was sent (YYYY-MM-DD)
	created		TEXT NOT NULL,
	updated		TEXT NOT NULL,
	posted_at	TEXT,
	submitter_person INTEGER REFERENCES person(id),
	tracking	TEXT NOT NULL DEFAULT '' CHECK (tracking IN ('','action-required','action-taken','closed')),
	assignee_person	INTEGER REFERENCES person(id),
	assignee_group	TEXT NOT NULL DEFAULT '',	-- acronym, when a group is assigned
	lead_group	TEXT NOT NULL DEFAULT '',	-- the addressed group that leads the reply (L10)
	replied_at	TEXT
);
CREATE INDEX liaison_state ON liaison(state, posted_at);
CREATE INDEX liaison_deadline ON liaison(deadline);

CREATE TABLE liaison_group (
	liaison_id	INTEGER NOT NULL REFERENCES liaison(id),
	side		TEXT NOT NULL CHECK (side IN ('from','to')),
	group_id	INTEGER NOT NULL REFERENCES grp(id),
	ord		INTEGER NOT NULL,
	PRIMARY KEY (liaison_id, side, group_id)
);
CREATE INDEX liaison_group_group ON liaison_group(group_id, side);

-- "source refers to target" (replies point at what they answer); shown both ways (L7, L9).
CREATE TABLE liaison_related (
	source_id	INTEGER NOT NULL REFERENCES liaison(id),
	target_id	INTEGER NOT NULL REFERENCES liaison(id),
	PRIMARY KEY (source_id, target_id)
);
CREATE INDEX liaison_related_target ON liaison_related(target_id);

-- Files (stored under $data/liaison/) and URL references (L14); removal keeps the row.
CREATE TABLE liaison_attachment (
	id		{{ID}},
	liaison_id	INTEGER NOT NULL REFERENCES liaison(id),
	title		TEXT NOT NULL,
	filename	TEXT NOT NULL DEFAULT '',	-- as uploaded (shown), '' for a URL
	content_type	TEXT NOT NULL DEFAULT '',
	size		INTEGER NOT NULL DEFAULT 0,
	url		TEXT NOT NULL DEFAULT '',
	removed		INTEGER NOT NULL DEFAULT 0,
	created		TEXT NOT NULL
);
CREATE INDEX liaison_attachment_liaison ON liaison_attachment(liaison_id);

-- One reminder per statement per day and kind, whichever process sends it (L11).
CREATE TABLE liaison_reminder (
	liaison_id	INTEGER NOT NULL REFERENCES liaison(id),
	day		TEXT NOT NULL,
	kind		TEXT NOT NULL,
	PRIMARY KEY (liaison_id, day)
);

-- Full-text search over title, body, contacts, reference ids and attachment titles (L6). SQLite's FTS5;
-- the PostgreSQL backend maps this table to a tsvector column (issue 10). rowid = liaison.id.
CREATE VIRTUAL TABLE liaison_fts USING fts5(title, body, contacts, identifiers, attachments, tokenize = 'unicode61');
