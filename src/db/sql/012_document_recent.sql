-- 012_document_recent.sql: the documents page (/doc/, doc_list) lists the most recently updated
-- first, ties by name: ORDER BY updated DESC, name. An index on updated alone left every tie to a
-- sort, and PostgreSQL sorted the whole table for it; where many documents share a timestamp (an
-- import, or gen-data's million) that was all of them: 276 ms at 200,000 documents on SQLite, a
-- sequential scan on PostgreSQL. An index in the page's own order lets both walk it and stop at the
-- limit (0.1 ms). It serves the ranges on updated that the old one did.
DROP INDEX document_updated;
CREATE INDEX document_recent ON document(updated DESC, name);
