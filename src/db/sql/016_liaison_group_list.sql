-- 016_liaison_group_list.sql: a statement's groups in the order they are shown, from the index alone.
-- Every list page, search and statement page reads the groups of its statements ordered by side and
-- position (liaison.c, LI_GROUPS_SQL). The primary key (liaison_id, side, group_id) found the rows
-- but not in that order, and not the position: SQLite sorted them in a temporary b-tree, and
-- PostgreSQL fetched each row from the heap for its ord, 400 rows for a page of 200 statements. This
-- index holds the whole row in the page's order, so both engines read it alone and sort nothing.
CREATE INDEX liaison_group_list ON liaison_group(liaison_id, side, ord, group_id);
