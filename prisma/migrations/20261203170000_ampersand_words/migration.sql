-- Written by hand (Prisma cannot express generated columns or expression indexes): "&" between two
-- letters or digits reads "and", so that "AT&T" is the one word "atandt" in the record and in the
-- query alike (lib/data/text-match.ts), as company names' keys read it. PostgreSQL's parser split it
-- into "at", "&" and "t", all left out as too common, so no description naming AT&T could be found
-- by it. "Ernst & Young", with spaces, is still two words. Queries must use the same expressions.

DROP INDEX "employee_actions_search_vector_idx";
ALTER TABLE "employee_actions" DROP COLUMN "search_vector";
ALTER TABLE "employee_actions" ADD COLUMN "search_vector" tsvector
  GENERATED ALWAYS AS (to_tsvector('english_unaccented', regexp_replace("title" || ' ' || "description", '(?<=[A-Za-z0-9])&(?=[A-Za-z0-9])', 'and', 'g'))
    || array_to_tsvector(array_remove(ARRAY[extract(year FROM "start_date")::text], NULL))) STORED;
CREATE INDEX "employee_actions_search_vector_idx" ON "employee_actions" USING gin ("search_vector");

DROP INDEX "government_contracts_fts_idx";
CREATE INDEX "government_contracts_fts_idx" ON "government_contracts"
  USING gin ((to_tsvector('english_unaccented', regexp_replace("title" || ' ' || coalesce("purpose", ''), '(?<=[A-Za-z0-9])&(?=[A-Za-z0-9])', 'and', 'g'))
    || array_to_tsvector(array_remove(ARRAY[extract(year FROM "award_date")::text, extract(year FROM "status_changed_at")::text], NULL))));
DROP INDEX "donation_responses_fts_idx";
CREATE INDEX "donation_responses_fts_idx" ON "donation_responses"
  USING gin ((to_tsvector('english_unaccented', regexp_replace(coalesce("reason", '') || ' ' || coalesce("quote", ''), '(?<=[A-Za-z0-9])&(?=[A-Za-z0-9])', 'and', 'g'))
    || array_to_tsvector(array_remove(ARRAY[extract(year FROM "date")::text], NULL))));
DROP INDEX "company_statements_fts_idx";
CREATE INDEX "company_statements_fts_idx" ON "company_statements"
  USING gin ((to_tsvector('english_unaccented', regexp_replace("summary" || ' ' || coalesce("quote", ''), '(?<=[A-Za-z0-9])&(?=[A-Za-z0-9])', 'and', 'g'))
    || array_to_tsvector(array_remove(ARRAY[extract(year FROM "date")::text], NULL))));
