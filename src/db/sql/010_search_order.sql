-- 010_search_order.sql: liaison search reads its matches newest first and stops at the page's limit.
--
-- A search in date order took every statement matching its words, looked each one up and sorted
-- them all, to show the first 100 (12 ms for a word in 4% of 100,000 statements, twice per page:
-- the current list and the archive). Each statement's row in liaison_fts now has its place in those
-- lists as its rowid, the search key: 2^62 if the statement is closed, plus the posting time in
-- seconds times 2^30 (none before posting), plus the id. Rowid order is then the list's order
-- (posted_at DESC, id DESC) within the current statements (keys below 2^62) and within the archive
-- (from 2^62 up), and both engines' indexes give it for free: a search walks its matches in one of
-- the two ranges from the newest and stops once the page is full. The id is the key's low 30 bits
-- (liaison.c, LIST_FTS_DATE, which says why the archive is the upper range). The key fits a signed
-- 64-bit integer for posting times from 1970 until 2106, and ids up to 2^30.
--
-- liaison.search_key is the key of the statement's current row, so that a statement posted again
-- or closed finds the row to replace (liaison.c, fts_update). pg.c spells strftime('%s')
-- as extract(epoch), and the comment pg-fts-storage below as PostgreSQL's storage of its search
-- table: the tsvector kept in the row, the texts it is made from moved out first (TOAST), so that
-- checking a row's tsvector does not fetch it from the TOAST table (1.4 us a row instead of 4.2).
ALTER TABLE liaison ADD COLUMN search_key BIGINT;
UPDATE liaison SET search_key = CASE WHEN tracking = 'closed' THEN 4611686018427387904 ELSE 0 END +
	coalesce(CAST(strftime('%s', posted_at) AS BIGINT), 0) * 1073741824 + id;
CREATE TEMP TABLE search_order AS
	SELECT l.search_key AS k, f.title AS title, f.body AS body, f.contacts AS contacts, f.identifiers AS identifiers,
		f.attachments AS attachments
	FROM liaison_fts f JOIN liaison l ON l.id = f.rowid;
/*pg-fts-storage*/
DELETE FROM liaison_fts;
INSERT INTO liaison_fts (rowid, title, body, contacts, identifiers, attachments)
	SELECT k, title, body, contacts, identifiers, attachments FROM search_order;
DROP TABLE search_order;
