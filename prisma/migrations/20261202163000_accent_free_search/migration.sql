-- Written by hand (Prisma cannot express text search configurations, generated columns or
-- expression indexes): full-text search that ignores accents, so "Nestle" finds "Nestlé" and
-- "Telefonica" finds "Telefónica", in the record and in the query alike. `english_unaccented` is
-- PostgreSQL's English configuration with the unaccent dictionary (a contrib module, like pg_trgm)
-- before the English stemmer. Company names were already compared without accents (their keys);
-- agency and organisation names by trigram similarity, which one accent changes little.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION english_unaccented (COPY = english);
ALTER TEXT SEARCH CONFIGURATION english_unaccented
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;

-- The actions' stored vector, computed again with the new configuration.
DROP INDEX "employee_actions_search_vector_idx";
ALTER TABLE "employee_actions" DROP COLUMN "search_vector";
ALTER TABLE "employee_actions" ADD COLUMN "search_vector" tsvector
  GENERATED ALWAYS AS (to_tsvector('english_unaccented', "title" || ' ' || "description")) STORED;
CREATE INDEX "employee_actions_search_vector_idx" ON "employee_actions" USING gin ("search_vector");

-- The other kinds' expression indexes. Queries must use the same expressions (lib/data/search.ts).
DROP INDEX "government_contracts_fts_idx";
CREATE INDEX "government_contracts_fts_idx" ON "government_contracts"
  USING gin (to_tsvector('english_unaccented', "title" || ' ' || coalesce("purpose", '')));
DROP INDEX "donation_responses_fts_idx";
CREATE INDEX "donation_responses_fts_idx" ON "donation_responses"
  USING gin (to_tsvector('english_unaccented', coalesce("reason", '') || ' ' || coalesce("quote", '')));
DROP INDEX "company_statements_fts_idx";
CREATE INDEX "company_statements_fts_idx" ON "company_statements"
  USING gin (to_tsvector('english_unaccented', "summary" || ' ' || coalesce("quote", '')));
