-- 007_liaison_archive.sql: the archive of closed statements is listed from its own index, so the
-- /liaison/ page does not read every current statement to find the few closed ones (bench/liaison.sh).
CREATE INDEX liaison_closed ON liaison(posted_at) WHERE tracking = 'closed';
