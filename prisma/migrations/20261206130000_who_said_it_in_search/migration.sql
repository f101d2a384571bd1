-- Written by hand (Prisma cannot express expression indexes): who is quoted is among a record's
-- words, a donation response's attribution and a statement's speaker, since a reporter looks for a
-- record by the person quoted in it ("Jonathan Ryan"), and a donation response's answer in the words
-- its title uses, with the word "donation" ("rejected donation"), which its reason and quote rarely
-- write. Queries must use the same expressions (lib/data/text-match.ts).

DROP INDEX "donation_responses_fts_idx";
CREATE INDEX "donation_responses_fts_idx" ON "donation_responses"
  USING gin ((to_tsvector('english_unaccented', regexp_replace(coalesce("reason", '') || ' ' || coalesce("quote", '') || ' ' || coalesce("quote_attribution", '') || ' ' || CASE "response" WHEN 'REJECTED' THEN 'rejected donation' WHEN 'RETURNED' THEN 'returned donation' WHEN 'ACCEPTED' THEN 'accepted donation' WHEN 'REDIRECTED' THEN 'redirected donation' ELSE 'donated donation' END, '(?<=[A-Za-z0-9])&(?=[A-Za-z0-9])', 'and', 'g'))
    || array_to_tsvector(array_remove(ARRAY[extract(year FROM "date")::text], NULL))));
DROP INDEX "company_statements_fts_idx";
CREATE INDEX "company_statements_fts_idx" ON "company_statements"
  USING gin ((to_tsvector('english_unaccented', regexp_replace("summary" || ' ' || coalesce("quote", '') || ' ' || coalesce("speaker", ''), '(?<=[A-Za-z0-9])&(?=[A-Za-z0-9])', 'and', 'g'))
    || array_to_tsvector(array_remove(ARRAY[extract(year FROM "date")::text], NULL))));
