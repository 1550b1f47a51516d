-- 003_submit.sql: the submission office (seed 004, R1-R90) and the documents it posts.

-- One upload of one draft revision and everything that happens to it. The state slugs are the
-- Datatracker's (DATATRACKER.md 2.3); the transition table is in src/submit/submission.c.
-- Tokens are stored only as hashes: access_hash opens the status page, auth_hash the confirm link.
CREATE TABLE submission (
	id		{{ID}},
	name		TEXT NOT NULL,
	rev		TEXT NOT NULL,
	state		TEXT NOT NULL CHECK (state IN ('uploaded','auth','aut-appr','grp-appr','ad-appr','manual',
			    'waiting-for-draft','posted','cancel')),
	group_acronym	TEXT NOT NULL DEFAULT '',	-- the WG of draft-ietf-<wg>-..., '' for individual drafts
	title		TEXT NOT NULL DEFAULT '',
	abstract	TEXT NOT NULL DEFAULT '',
	doc_date	TEXT NOT NULL DEFAULT '',	-- YYYY-MM-DD from the draft, '' when not found
	pages		INTEGER NOT NULL DEFAULT 0,
	words		INTEGER NOT NULL DEFAULT 0,
	intended_status	TEXT NOT NULL DEFAULT '',
	submitter_name	TEXT NOT NULL DEFAULT '',
	submitter_email	TEXT NOT NULL DEFAULT '',
	submitter_person INTEGER REFERENCES person(id),	-- who uploaded, when signed in
	replaces	TEXT NOT NULL DEFAULT '',	-- draft names, comma-separated (R33)
	discuss_email	TEXT NOT NULL DEFAULT '',	-- R71
	note		TEXT NOT NULL DEFAULT '',	-- the submitter's comment to the Secretariat (R48)
	file_types	TEXT NOT NULL DEFAULT '',	-- ".txt,.xml"
	file_size	INTEGER NOT NULL DEFAULT 0,	-- all files together (daily limits)
	errors		INTEGER NOT NULL DEFAULT 0,
	warnings	INTEGER NOT NULL DEFAULT 0,
	messages	TEXT NOT NULL DEFAULT '[]',	-- JSON: [{"id","severity","message","source","line","file"}]
	adjusted	INTEGER NOT NULL DEFAULT 0,	-- metadata edited by hand: never auto-posted (R42)
	via		TEXT NOT NULL DEFAULT 'web' CHECK (via IN ('web','api','mail')),
	remote_ip	TEXT NOT NULL DEFAULT '',
	access_hash	TEXT NOT NULL,
	auth_hash	TEXT,
	staged		INTEGER NOT NULL DEFAULT 0,	-- bytes in its staging folder; 0 once removed
	submission_date	TEXT NOT NULL,			-- YYYY-MM-DD (daily limits)
	created		TEXT NOT NULL,
	updated		TEXT NOT NULL,
	manual_at	TEXT,				-- entered the Secretariat's queue (R53 estimate)
	posted_at	TEXT,
	document_id	INTEGER
);
CREATE INDEX submission_name ON submission(name, rev);
CREATE INDEX submission_state ON submission(state, updated);
CREATE INDEX submission_day ON submission(submission_date, remote_ip);
-- The staging area's use (R13) is summed over the few rows that still have files.
CREATE INDEX submission_staged ON submission(staged) WHERE staged > 0;
-- R72: one submission of a name and revision in progress at a time, whichever server takes it.
CREATE UNIQUE INDEX submission_active ON submission(name, rev)
	WHERE state NOT IN ('posted','cancel','waiting-for-draft');

-- The authors as the submission lists them (extracted, or adjusted by hand).
CREATE TABLE submission_author (
	submission_id	INTEGER NOT NULL REFERENCES submission(id),
	ord		INTEGER NOT NULL,
	name		TEXT NOT NULL DEFAULT '',
	email		TEXT NOT NULL DEFAULT '',
	org		TEXT NOT NULL DEFAULT '',
	country		TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (submission_id, ord)
);

-- A posted Internet-Draft: one row per name, its revisions below.
CREATE TABLE document (
	id		{{ID}},
	name		TEXT NOT NULL UNIQUE,
	rev		TEXT NOT NULL,
	title		TEXT NOT NULL,
	abstract	TEXT NOT NULL DEFAULT '',
	group_acronym	TEXT NOT NULL DEFAULT '',
	stream		TEXT NOT NULL DEFAULT '',	-- 'ietf', 'irtf', 'iab', '' (individual)
	state		TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active','expired','repl')),
	pages		INTEGER NOT NULL DEFAULT 0,
	intended_status	TEXT NOT NULL DEFAULT '',
	discuss_email	TEXT NOT NULL DEFAULT '',
	expires		TEXT NOT NULL,
	created		TEXT NOT NULL,
	updated		TEXT NOT NULL
);
CREATE INDEX document_group ON document(group_acronym);
CREATE INDEX document_updated ON document(updated);

CREATE TABLE doc_revision (
	document_id	INTEGER NOT NULL REFERENCES document(id),
	rev		TEXT NOT NULL,
	title		TEXT NOT NULL,
	pages		INTEGER NOT NULL DEFAULT 0,
	file_types	TEXT NOT NULL,
	submission_id	INTEGER NOT NULL REFERENCES submission(id),
	submitter	TEXT NOT NULL DEFAULT '',
	posted		TEXT NOT NULL,
	PRIMARY KEY (document_id, rev)			-- R72: one posting of a revision, ever
);

CREATE TABLE doc_author (
	document_id	INTEGER NOT NULL REFERENCES document(id),
	ord		INTEGER NOT NULL,
	person_id	INTEGER REFERENCES person(id),
	name		TEXT NOT NULL,
	email		TEXT NOT NULL DEFAULT '',
	org		TEXT NOT NULL DEFAULT '',
	country		TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (document_id, ord)
);
CREATE INDEX doc_author_email ON doc_author(email);

-- "source replaces target", approved, or only suggested when the poster could not approve it.
CREATE TABLE doc_relation (
	source_id	INTEGER NOT NULL REFERENCES document(id),
	target_id	INTEGER NOT NULL REFERENCES document(id),
	kind		TEXT NOT NULL CHECK (kind IN ('replaces','possibly-replaces')),
	created		TEXT NOT NULL,
	PRIMARY KEY (source_id, target_id, kind)
);
CREATE INDEX doc_relation_target ON doc_relation(target_id);

-- A chair's or AD's approval of a WG -00 before it is submitted (DATATRACKER.md 2.12).
CREATE TABLE preapproval (
	id		{{ID}},
	name		TEXT NOT NULL UNIQUE,		-- without revision
	group_acronym	TEXT NOT NULL,
	person_id	INTEGER NOT NULL REFERENCES person(id),
	created		TEXT NOT NULL
);

-- Office-wide settings the Secretariat changes at run time (the meeting cut-off).
CREATE TABLE setting (
	name		TEXT PRIMARY KEY,
	value		TEXT NOT NULL,
	updated		TEXT NOT NULL
);
