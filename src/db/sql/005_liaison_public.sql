-- 005_liaison_public.sql: statements from the public (L15): who sent them, from where, and whether the
-- contact address has confirmed (a token mailed to it). Confirmed ones wait for moderation.
ALTER TABLE liaison ADD COLUMN from_org TEXT NOT NULL DEFAULT '';
ALTER TABLE liaison ADD COLUMN remote_ip TEXT NOT NULL DEFAULT '';
ALTER TABLE liaison ADD COLUMN confirm_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE liaison ADD COLUMN confirmed INTEGER NOT NULL DEFAULT 1;
CREATE INDEX liaison_public ON liaison(state, created);
