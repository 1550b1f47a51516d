-- 009_scale.sql: what the WG page and the liaison list need to stay fast with a million documents
-- and a hundred thousand statements (issue 10).
--
-- The liaison list is ordered by (posted_at DESC, id DESC). SQLite's indexes end with the rowid, so
-- (state, posted_at) served that order; PostgreSQL's do not, and it sorted every posted statement for
-- each page (51 ms at 20,000). The id is now in both indexes, for both engines.
DROP INDEX liaison_state;
CREATE INDEX liaison_state ON liaison(state, posted_at, id);
DROP INDEX liaison_closed;
CREATE INDEX liaison_closed ON liaison(posted_at, id) WHERE tracking = 'closed';
-- A search in date order takes its ids from here (liaison.c, LIST_FTS_DATE): every column the list's
-- filters and its order read, so a matching statement's row (and its body) is not read at all.
CREATE INDEX liaison_cover ON liaison(id, state, posted_at, tracking, direction, purpose, submitted, deadline,
	submitter_person, assignee_person);
--
-- The WG page lists the documents of the group (group_acronym), the ones under its care or
-- adopted into it (wg), and the individual drafts named for it: draft-<who>-<acronym>-..., the
-- Datatracker's "-acronym-" rule. An index serves the second; the third was a LIKE 'draft-%-x-%'
-- over every name, which no index can serve, so each document's name words are kept in
-- doc_name_word: the words after the first (the person or stream) and before the last, the words
-- that LIKE matched. doc_post() adds them for new documents; this fills them for existing ones.
CREATE INDEX document_wg ON document(wg);

CREATE TABLE doc_name_word (
	word		TEXT NOT NULL,
	document_id	INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
	PRIMARY KEY (word, document_id)
);

-- Splits "draft-a-b-c-d" into (1,a) (2,b) (3,c) (4,d); keeps 2 and 3 (not the first, not the last).
WITH RECURSIVE part(id, pos, word, rest) AS (
	SELECT id, 0, CAST('' AS TEXT), substr(name, 7) || '-' FROM document WHERE name LIKE 'draft-%'
	UNION ALL
	SELECT id, pos + 1, substr(rest, 1, instr(rest, '-') - 1), substr(rest, instr(rest, '-') + 1) FROM part WHERE rest <> ''
)
INSERT INTO doc_name_word (word, document_id)
	SELECT DISTINCT word, id FROM part WHERE pos >= 2 AND rest <> '' AND word <> '';
