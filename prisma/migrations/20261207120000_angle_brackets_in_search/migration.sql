-- Written by hand (Prisma cannot express generated columns or expression indexes): "<" and ">" in a
-- record's text read as spaces. PostgreSQL's parser reads "<data>" or "</b>" as an XML tag, which no
-- text search configuration keeps, so that a contract whose purpose says "CBP <data>" was not found
-- by "data". Queries must use the same expressions (lib/data/text-match.ts).

DROP INDEX "employee_actions_search_vector_idx";
ALTER TABLE "employee_actions" DROP COLUMN "search_vector";
ALTER TABLE "employee_actions" ADD COLUMN "search_vector" tsvector
  GENERATED ALWAYS AS (to_tsvector('english_unaccented', regexp_replace(regexp_replace(regexp_replace(translate("title" || ' ' || "description", '<>', '  '), '(?<=[A-Za-z0-9])&(?=[A-Za-z0-9])', 'and', 'g'), '(?<=[A-Za-z])-(?=[A-Za-z])', ' ', 'g'), '\m(walk|walks|walked|walking)\s+out\M', 'walkout', 'gi'))
    || array_to_tsvector(array_remove(ARRAY[extract(year FROM "start_date")::text], NULL))) STORED;
CREATE INDEX "employee_actions_search_vector_idx" ON "employee_actions" USING gin ("search_vector");

DROP INDEX "government_contracts_fts_idx";
CREATE INDEX "government_contracts_fts_idx" ON "government_contracts"
  USING gin ((to_tsvector('english_unaccented', regexp_replace(regexp_replace(regexp_replace(translate("title" || ' ' || coalesce("purpose", ''), '<>', '  '), '(?<=[A-Za-z0-9])&(?=[A-Za-z0-9])', 'and', 'g'), '(?<=[A-Za-z])-(?=[A-Za-z])', ' ', 'g'), '\m(walk|walks|walked|walking)\s+out\M', 'walkout', 'gi'))
    || array_to_tsvector(array_remove(ARRAY[extract(year FROM "award_date")::text, extract(year FROM "status_changed_at")::text], NULL))));
DROP INDEX "donation_responses_fts_idx";
CREATE INDEX "donation_responses_fts_idx" ON "donation_responses"
  USING gin ((to_tsvector('english_unaccented', regexp_replace(regexp_replace(regexp_replace(translate(coalesce("reason", '') || ' ' || coalesce("quote", '') || ' ' || coalesce("quote_attribution", '') || ' ' || CASE "response" WHEN 'REJECTED' THEN 'rejected donation' WHEN 'RETURNED' THEN 'returned donation' WHEN 'ACCEPTED' THEN 'accepted donation' WHEN 'REDIRECTED' THEN 'redirected donation' ELSE 'donated donation' END || ' ' || coalesce(trunc("amount")::text || ' ' || regexp_replace(trunc("amount")::text, '(\d)(?=(\d{3})+$)', '\1,', 'g'), ''), '<>', '  '), '(?<=[A-Za-z0-9])&(?=[A-Za-z0-9])', 'and', 'g'), '(?<=[A-Za-z])-(?=[A-Za-z])', ' ', 'g'), '\m(walk|walks|walked|walking)\s+out\M', 'walkout', 'gi'))
    || array_to_tsvector(array_remove(ARRAY[extract(year FROM "date")::text], NULL))));
DROP INDEX "company_statements_fts_idx";
CREATE INDEX "company_statements_fts_idx" ON "company_statements"
  USING gin ((to_tsvector('english_unaccented', regexp_replace(regexp_replace(regexp_replace(translate("summary" || ' ' || coalesce("quote", '') || ' ' || coalesce("speaker", ''), '<>', '  '), '(?<=[A-Za-z0-9])&(?=[A-Za-z0-9])', 'and', 'g'), '(?<=[A-Za-z])-(?=[A-Za-z])', ' ', 'g'), '\m(walk|walks|walked|walking)\s+out\M', 'walkout', 'gi'))
    || array_to_tsvector(array_remove(ARRAY[extract(year FROM "date")::text], NULL))));
