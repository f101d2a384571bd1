-- Written by hand: what one trigram comparison costs, told to the planner. pg_trgm declares its
-- operators' functions at the default cost of a simple comparison (1), while each builds the
-- trigrams of both texts (similarity_op for %, word_similarity_op for <%, and its commutator for
-- %>). Search's name conditions are ORs of trigram, LIKE and equality tests, each served by an
-- index. At that cost the planner found reading every row cheaper than combining the indexes, and
-- computed the trigrams of every organisation for a text of a few words ("google walkout 2018":
-- 17 ms for 2,000 organisations and 4 ms for 300 agencies, where the indexes take 0.1–0.2 ms).
-- 100 is the order of a trigram comparison's time against the planner's cpu_operator_cost.
--
-- The functions belong to the extension: changing them takes their owner or a superuser. Where
-- this database's user is neither (a managed PostgreSQL), or the extension's schema is not on the
-- search path, the costs stay as they are, search stays correct, only slower on such texts, and
-- the migration says so rather than failing.
-- The migrations' runner splits a script at every semicolon, in a comment or a quoted body too: the block's
-- are written \073 in an escaped string.
DO E'BEGIN
  ALTER FUNCTION similarity_op(text, text) COST 100\073
  ALTER FUNCTION word_similarity_op(text, text) COST 100\073
  ALTER FUNCTION word_similarity_commutator_op(text, text) COST 100\073
EXCEPTION WHEN insufficient_privilege OR undefined_function THEN
  RAISE NOTICE ''The trigram operators keep their cost (%): search reads every name on texts of several words.'', SQLERRM\073
END';
