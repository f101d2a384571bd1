-- Written by hand: planning a search's names costs less with fewer sample names. To estimate how
-- many names a trigram test (%, <%) keeps, PostgreSQL computes it on every name of the column's
-- histogram once the histogram holds 100 or more (the default target gives 101), at each planning
-- of each test: search plans about ten of them for one text, and spent 2.5-3.6 ms planning its
-- names' statement on the benchmark's data. With a target of 10 the planner takes its default
-- share for these tests instead, and the statement plans in 1.3-2.0 ms, with the same plans: every
-- condition is served by an index whatever the estimate (20261207220000_trigram_operator_costs),
-- and the names are unique, which the unique index already tells the planner.
-- Only the columns and index expressions search's names are matched on: company_aliases.key, the
-- names without legal form, the agencies' and organisations' lower-case names and the agencies'
-- other names.
ALTER TABLE "company_aliases" ALTER COLUMN "key" SET STATISTICS 10;
ALTER INDEX "company_aliases_bare_key_trgm_idx" ALTER COLUMN 1 SET STATISTICS 10;
ALTER INDEX "agencies_name_trgm_idx" ALTER COLUMN 1 SET STATISTICS 10;
ALTER INDEX "agencies_other_names_trgm_idx" ALTER COLUMN 1 SET STATISTICS 10;
ALTER INDEX "organizations_name_trgm_idx" ALTER COLUMN 1 SET STATISTICS 10;
ANALYZE "company_aliases", "agencies", "organizations";
