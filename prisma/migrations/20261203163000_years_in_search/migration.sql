-- Written by hand (Prisma cannot express generated columns or expression indexes): the year of a
-- record's date is one of its words, so that "2018 walkout" finds the walkouts of 2018 and
-- "google -2018" leaves Google's records of 2018 out, though their descriptions rarely write the
-- year. The year is a lexeme without a position (a phrase in quotes is still read in the text).
-- A contract has the years of its award and of its last change of status. Queries must use the
-- same expressions (lib/data/text-match.ts).

DROP INDEX "employee_actions_search_vector_idx";
ALTER TABLE "employee_actions" DROP COLUMN "search_vector";
ALTER TABLE "employee_actions" ADD COLUMN "search_vector" tsvector
  GENERATED ALWAYS AS (to_tsvector('english_unaccented', "title" || ' ' || "description")
    || array_to_tsvector(array_remove(ARRAY[extract(year FROM "start_date")::text], NULL))) STORED;
CREATE INDEX "employee_actions_search_vector_idx" ON "employee_actions" USING gin ("search_vector");

DROP INDEX "government_contracts_fts_idx";
CREATE INDEX "government_contracts_fts_idx" ON "government_contracts"
  USING gin ((to_tsvector('english_unaccented', "title" || ' ' || coalesce("purpose", ''))
    || array_to_tsvector(array_remove(ARRAY[extract(year FROM "award_date")::text, extract(year FROM "status_changed_at")::text], NULL))));
DROP INDEX "donation_responses_fts_idx";
CREATE INDEX "donation_responses_fts_idx" ON "donation_responses"
  USING gin ((to_tsvector('english_unaccented', coalesce("reason", '') || ' ' || coalesce("quote", ''))
    || array_to_tsvector(array_remove(ARRAY[extract(year FROM "date")::text], NULL))));
DROP INDEX "company_statements_fts_idx";
CREATE INDEX "company_statements_fts_idx" ON "company_statements"
  USING gin ((to_tsvector('english_unaccented', "summary" || ' ' || coalesce("quote", ''))
    || array_to_tsvector(array_remove(ARRAY[extract(year FROM "date")::text], NULL))));
