-- 001_base.sql: people, groups, roles, accounts, sessions, API keys, sign-in attempts, events.
-- Portable SQL (SQLite and PostgreSQL); times are ISO-8601 UTC text; {{ID}} is the auto-numbered key.

CREATE TABLE person (
	id		{{ID}},
	name		TEXT NOT NULL,
	created		TEXT NOT NULL
);

-- A person has several addresses, one of them primary. Addresses are stored lower-case.
CREATE TABLE email (
	address		TEXT PRIMARY KEY,
	person_id	INTEGER NOT NULL REFERENCES person(id),
	is_primary	INTEGER NOT NULL DEFAULT 0,
	active		INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX email_person ON email(person_id);

-- "group" is a reserved word in SQL.
CREATE TABLE grp (
	id		{{ID}},
	acronym		TEXT NOT NULL UNIQUE,
	name		TEXT NOT NULL,
	type		TEXT NOT NULL CHECK (type IN ('ietf','iab','iesg','irtf','area','wg','rg','team','sdo')),
	parent_id	INTEGER REFERENCES grp(id),
	state		TEXT NOT NULL DEFAULT 'active'
			CHECK (state IN ('active','bof','proposed','dormant','conclude','replaced','abandon')),
	list_email	TEXT NOT NULL DEFAULT '',
	url		TEXT NOT NULL DEFAULT '',
	created		TEXT NOT NULL
);
CREATE INDEX grp_type ON grp(type);
CREATE INDEX grp_parent ON grp(parent_id);

CREATE TABLE role (
	id		{{ID}},
	name		TEXT NOT NULL,
	group_id	INTEGER NOT NULL REFERENCES grp(id),
	person_id	INTEGER NOT NULL REFERENCES person(id),
	email		TEXT NOT NULL,
	UNIQUE (name, group_id, person_id)
);
CREATE INDEX role_person ON role(person_id);
CREATE INDEX role_group ON role(group_id);

-- A person who may sign in.
CREATE TABLE account (
	person_id	INTEGER PRIMARY KEY REFERENCES person(id),
	password_hash	TEXT NOT NULL,
	created		TEXT NOT NULL,
	password_changed TEXT NOT NULL
);

-- Session and API key tokens are stored only as hashes: a copy of the database signs nobody in.
CREATE TABLE session (
	id		{{ID}},
	token_hash	TEXT NOT NULL UNIQUE,
	person_id	INTEGER NOT NULL REFERENCES person(id),
	csrf		TEXT NOT NULL,
	created		TEXT NOT NULL,
	expires		TEXT NOT NULL,
	ip		TEXT NOT NULL DEFAULT ''
);
CREATE INDEX session_person ON session(person_id);
CREATE INDEX session_expires ON session(expires);

CREATE TABLE api_key (
	id		{{ID}},
	person_id	INTEGER NOT NULL REFERENCES person(id),
	key_hash	TEXT NOT NULL UNIQUE,
	prefix		TEXT NOT NULL,
	label		TEXT NOT NULL DEFAULT '',
	created		TEXT NOT NULL,
	last_used	TEXT,
	revoked		TEXT
);
CREATE INDEX api_key_person ON api_key(person_id);

-- Failed sign-ins, counted per bucket ("email:..." or "ip:...") over a sliding window. In the
-- database rather than in memory so several app servers share the count.
CREATE TABLE login_failure (
	id		{{ID}},
	bucket		TEXT NOT NULL,
	at		TEXT NOT NULL
);
CREATE INDEX login_failure_key ON login_failure(bucket, at);

-- The history of everything: every mutation appends one row in its own transaction.
CREATE TABLE event (
	id		{{ID}},
	at		TEXT NOT NULL,
	person_id	INTEGER REFERENCES person(id),
	object_type	TEXT NOT NULL,
	object_id	TEXT NOT NULL,
	verb		TEXT NOT NULL,
	detail		TEXT NOT NULL DEFAULT ''
);
CREATE INDEX event_object ON event(object_type, object_id);
