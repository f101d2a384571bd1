-- Written by hand (Prisma cannot express generated columns or expression indexes): the words of a
-- record read as those of a query are (lib/data/text-match.ts), two more ways:
-- - a hyphen between two letters reads as a space. PostgreSQL's parser read "Union-CWA" as the word
--   "union-cwa" followed by its parts, each one position on, so that the phrase "Alphabet Workers
--   Union" did not find "Alphabet Workers Union-CWA". A hyphen before a digit ("anti-996",
--   "covid-19") is left as it was.
-- - "walked out" (walk, walks, walking out, and "walk-out" once its hyphen is a space) reads as
--   "walkout". "Out" is too common a word to be kept, so "walkout" did not find the Google walkout
--   of 2018, whose description says its employees "walked out".
-- Queries must use the same expressions.

DROP INDEX "employee_actions_search_vector_idx";
ALTER TABLE "employee_actions" DROP COLUMN "search_vector";
ALTER TABLE "employee_actions" ADD COLUMN "search_vector" tsvector
  GENERATED ALWAYS AS (to_tsvector('english_unaccented', regexp_replace(regexp_replace(regexp_replace("title" || ' ' || "description", '(?<=[A-Za-z0-9])&(?=[A-Za-z0-9])', 'and', 'g'), '(?<=[A-Za-z])-(?=[A-Za-z])', ' ', 'g'), '\m(walk|walks|walked|walking)\s+out\M', 'walkout', 'gi'))
    || array_to_tsvector(array_remove(ARRAY[extract(year FROM "start_date")::text], NULL))) STORED;
CREATE INDEX "employee_actions_search_vector_idx" ON "employee_actions" USING gin ("search_vector");

DROP INDEX "government_contracts_fts_idx";
CREATE INDEX "government_contracts_fts_idx" ON "government_contracts"
  USING gin ((to_tsvector('english_unaccented', regexp_replace(regexp_replace(regexp_replace("title" || ' ' || coalesce("purpose", ''), '(?<=[A-Za-z0-9])&(?=[A-Za-z0-9])', 'and', 'g'), '(?<=[A-Za-z])-(?=[A-Za-z])', ' ', 'g'), '\m(walk|walks|walked|walking)\s+out\M', 'walkout', 'gi'))
    || array_to_tsvector(array_remove(ARRAY[extract(year FROM "award_date")::text, extract(year FROM "status_changed_at")::text], NULL))));
DROP INDEX "donation_responses_fts_idx";
CREATE INDEX "donation_responses_fts_idx" ON "donation_responses"
  USING gin ((to_tsvector('english_unaccented', regexp_replace(regexp_replace(regexp_replace(coalesce("reason", '') || ' ' || coalesce("quote", '') || ' ' || coalesce("quote_attribution", '') || ' ' || CASE "response" WHEN 'REJECTED' THEN 'rejected donation' WHEN 'RETURNED' THEN 'returned donation' WHEN 'ACCEPTED' THEN 'accepted donation' WHEN 'REDIRECTED' THEN 'redirected donation' ELSE 'donated donation' END, '(?<=[A-Za-z0-9])&(?=[A-Za-z0-9])', 'and', 'g'), '(?<=[A-Za-z])-(?=[A-Za-z])', ' ', 'g'), '\m(walk|walks|walked|walking)\s+out\M', 'walkout', 'gi'))
    || array_to_tsvector(array_remove(ARRAY[extract(year FROM "date")::text], NULL))));
DROP INDEX "company_statements_fts_idx";
CREATE INDEX "company_statements_fts_idx" ON "company_statements"
  USING gin ((to_tsvector('english_unaccented', regexp_replace(regexp_replace(regexp_replace("summary" || ' ' || coalesce("quote", '') || ' ' || coalesce("speaker", ''), '(?<=[A-Za-z0-9])&(?=[A-Za-z0-9])', 'and', 'g'), '(?<=[A-Za-z])-(?=[A-Za-z])', ' ', 'g'), '\m(walk|walks|walked|walking)\s+out\M', 'walkout', 'gi'))
    || array_to_tsvector(array_remove(ARRAY[extract(year FROM "date")::text], NULL))));
