-- 015_search_query_plpgsql.sql: PostgreSQL turns a search's words into its tsquery once per search,
-- without parsing and planning SQL to do it. idt_fts_query() and idt_fts_all() were SQL functions
-- with SET search_path: such a function is neither inlined nor kept, so the planner, folding the
-- call to a constant at every search (pg.c plans searches with their values), parsed and planned the
-- function's body each time, a tenth of PostgreSQL's time on the liaison search page. They are now
-- PL/pgSQL, which keeps a function's compiled body and its statement's plan for the connection, and
-- name idt_fts_words() by its schema instead of setting search_path for each call. Same text in,
-- same tsquery out. SQLite's FTS5 reads the query itself: nothing changes there, and the line below
-- is a comment to it.
/*pg-fts-query*/
