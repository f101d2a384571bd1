-- Written by hand (Prisma cannot express expression indexes or operator classes): search matches
-- an agency or an organisation whose acronym begins with the text (lower(acronym) LIKE 'raic%').
-- The database's collation is ICU, under which a plain b-tree cannot serve LIKE, so the indexes of
-- 20261128012500_acronym_search_indexes served equality only: the planner could not combine the
-- name and acronym conditions and read every row, computing a trigram similarity for each (5.6 ms
-- for 2,000 organisations, on every search). text_pattern_ops compares bytes and serves both
-- equality and LIKE with a fixed prefix.
DROP INDEX "organizations_acronym_lower_idx";
DROP INDEX "agencies_acronym_lower_idx";
CREATE INDEX "organizations_acronym_lower_idx" ON "organizations" (lower("acronym") text_pattern_ops);
CREATE INDEX "agencies_acronym_lower_idx" ON "agencies" (lower("acronym") text_pattern_ops);
