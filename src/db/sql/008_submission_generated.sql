-- 008_submission_generated.sql: the formats the office made itself rather than received (R69, R70):
-- ".txt" when the plain text was rendered from an XML-only submission. file_types lists every
-- stored format; this one says which of them were generated, for the status page, the API and the
-- history (the Datatracker's file_types lists only the uploaded ones).
ALTER TABLE submission ADD COLUMN generated_types TEXT NOT NULL DEFAULT '';
