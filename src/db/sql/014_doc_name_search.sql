-- 014_doc_name_search.sql: the documents page's name search (/doc/?q=) finds the newest documents
-- whose name contains the words typed. It walked every name newest first, testing LIKE '%q%' on each
-- until it had a page: fast for a common piece of a name, but a rare one read every name there is
-- (1,000,000 at the scale bench's size). doc_list now walks the newest names only (a window of them)
-- and, when those do not fill the page, asks a trigram index for every name that contains the
-- piece, and sorts those: SQLite's FTS5 trigram tokenizer over the names (the table keeps no copy:
-- content is document's), PostgreSQL's pg_trgm (a trusted extension: the database's owner may
-- create it), spelled by pg.c. A document's name never changes and documents are not deleted, so
-- the index follows inserts only.
CREATE VIRTUAL TABLE doc_name_trgm USING fts5(name, tokenize = 'trigram', detail = 'none', content = 'document', content_rowid = 'id'); INSERT INTO doc_name_trgm(doc_name_trgm) VALUES ('rebuild'); CREATE TRIGGER document_name_trgm AFTER INSERT ON document BEGIN INSERT INTO doc_name_trgm(rowid, name) VALUES (new.id, new.name); END;
