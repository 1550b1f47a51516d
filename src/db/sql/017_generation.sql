-- 017_generation.sql: one number that grows with every change readers can see (issue 10).
-- event_add() (db/event.c) raises it in the transaction of the change, which writes one event row by
-- the house rule, so a reader's SELECT sees a number that includes every committed change: a row
-- updated by every writer is taken in commit order, where the largest event id is not (PostgreSQL
-- hands out ids before commit, so a later id can be visible before an earlier one). The servers'
-- page cache (http/page_cache.c) keeps an anonymous page only while the number is the one it was
-- built under. No row until the first change (migrate-db copies it like any other row).
CREATE TABLE generation (
	id	INTEGER PRIMARY KEY,
	n	BIGINT NOT NULL
);
