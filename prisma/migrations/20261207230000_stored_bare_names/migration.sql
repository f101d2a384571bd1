-- Written by hand: each company name's bare form (without its legal form, company_bare_key of
-- 20261204054000_company_bare_key) is stored beside it and kept up to date by PostgreSQL, rather
-- than computed by search for each name it ranks. The function is SQL the planner cannot inline,
-- 14 µs a call: a text like very many names ("Synthetic Company 12" on the benchmark's data, like
-- all of its 10,000 companies) computed it twice for each, 270 of the statement's 315 ms. The
-- trigram index moves from the expression to the column, with the expression's statistics target.
-- Prisma's schema names the column as Unsupported("text"), so that the client never writes it.
ALTER TABLE "company_aliases" ADD COLUMN "bare_key" TEXT GENERATED ALWAYS AS (company_bare_key("name", "key")) STORED;
DROP INDEX "company_aliases_bare_key_trgm_idx";
CREATE INDEX "company_aliases_bare_key_trgm_idx" ON "company_aliases" USING gin ("bare_key" gin_trgm_ops);
ALTER TABLE "company_aliases" ALTER COLUMN "bare_key" SET STATISTICS 10;
ANALYZE "company_aliases";
