-- 006_wgdoc.sql: the WG document office (seed 003, A1-A13; DATATRACKER.md Part 3).

-- The IETF WG state of a document (the Datatracker's draft-stream-ietf slugs, '' = none) and the
-- "under WG care" mark of an individual draft (A9).
ALTER TABLE document ADD COLUMN wg_state TEXT NOT NULL DEFAULT '';
ALTER TABLE document ADD COLUMN wg_care INTEGER NOT NULL DEFAULT 0;
-- The WG a document belongs to or is associated with by a chair (A1), when its name does not say.
ALTER TABLE document ADD COLUMN wg TEXT NOT NULL DEFAULT '';

CREATE TABLE doc_tag (
	document_id	INTEGER NOT NULL REFERENCES document(id),
	tag		TEXT NOT NULL,
	PRIMARY KEY (document_id, tag)
);

-- Editors chosen by the chairs (A6); leaving keeps the row with an end time, so the history reads back.
CREATE TABLE doc_editor (
	id		{{ID}},
	document_id	INTEGER NOT NULL REFERENCES document(id),
	person_id	INTEGER NOT NULL REFERENCES person(id),
	since		TEXT NOT NULL,
	until		TEXT
);
CREATE INDEX doc_editor_doc ON doc_editor(document_id);

-- Calls for adoption and for withdrawal (A2, A10): at least 14 days; one open call per document.
CREATE TABLE wg_call (
	id		{{ID}},
	document_id	INTEGER NOT NULL REFERENCES document(id),
	kind		TEXT NOT NULL CHECK (kind IN ('adoption','withdrawal')),
	group_acronym	TEXT NOT NULL,
	started		TEXT NOT NULL,
	ends		TEXT NOT NULL,			-- YYYY-MM-DD
	text		TEXT NOT NULL,
	state		TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open','closed')),
	outcome		TEXT NOT NULL DEFAULT '',
	summary		TEXT NOT NULL DEFAULT '',
	by_person	INTEGER REFERENCES person(id),
	reminded	INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX wg_call_open ON wg_call(document_id) WHERE state = 'open';

-- Each author's IPR confirmation for a call (A3): a token mailed to each, stored hashed.
CREATE TABLE wg_ipr (
	call_id		INTEGER NOT NULL REFERENCES wg_call(id),
	email		TEXT NOT NULL,
	name		TEXT NOT NULL DEFAULT '',
	token_hash	TEXT NOT NULL,
	confirmed	TEXT,
	PRIMARY KEY (call_id, email)
);

-- The adoption checklist (A3): each step with who and when.
CREATE TABLE wg_checklist (
	document_id	INTEGER NOT NULL REFERENCES document(id),
	step		TEXT NOT NULL,
	done		TEXT NOT NULL,
	by_person	INTEGER REFERENCES person(id),
	note		TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (document_id, step)
);

-- Drafts the chairs link as competing on one topic (A11).
CREATE TABLE doc_competing (
	a_id		INTEGER NOT NULL REFERENCES document(id),
	b_id		INTEGER NOT NULL REFERENCES document(id),
	created		TEXT NOT NULL,
	PRIMARY KEY (a_id, b_id)
);

-- A WG's own suggested next states (DATATRACKER.md 3.6, customize_workflow): none = the defaults.
CREATE TABLE wg_transition (
	group_acronym	TEXT NOT NULL,
	from_state	TEXT NOT NULL,
	next_states	TEXT NOT NULL,			-- space-separated slugs
	PRIMARY KEY (group_acronym, from_state)
);
