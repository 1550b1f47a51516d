-- 011_name_words_individual.sql: doc_name_word keeps the words of individual drafts only.
--
-- The WG page's "-acronym-" rule (migration 009) is for individual drafts: names of the IETF and
-- IRTF streams, draft-ietf-<wg>-... and draft-irtf-<rg>-..., are the group's own and found by their
-- group. The page read each named document's row to drop those (NOT LIKE 'draft-ietf-%'): 437 row
-- reads, 1.5 ms of a 4 ms page at a million documents. Their words are not kept now, so the rule is
-- one index range; doc_name_words() skips them for new documents.
DELETE FROM doc_name_word WHERE document_id IN
	(SELECT id FROM document WHERE name LIKE 'draft-ietf-%' OR name LIKE 'draft-irtf-%');
