-- Written by hand (Prisma cannot express expression indexes): a donation response's amount is among
-- its words, in whole units as its title writes it ("250,000") and without separators ("250000"), so
-- that "$250,000" finds "RAICES rejected $250,000 from Salesforce". Queries must use the same
-- expression (lib/data/text-match.ts).

DROP INDEX "donation_responses_fts_idx";
CREATE INDEX "donation_responses_fts_idx" ON "donation_responses"
  USING gin ((to_tsvector('english_unaccented', regexp_replace(regexp_replace(regexp_replace(coalesce("reason", '') || ' ' || coalesce("quote", '') || ' ' || coalesce("quote_attribution", '') || ' ' || CASE "response" WHEN 'REJECTED' THEN 'rejected donation' WHEN 'RETURNED' THEN 'returned donation' WHEN 'ACCEPTED' THEN 'accepted donation' WHEN 'REDIRECTED' THEN 'redirected donation' ELSE 'donated donation' END || ' ' || coalesce(trunc("amount")::text || ' ' || regexp_replace(trunc("amount")::text, '(\d)(?=(\d{3})+$)', '\1,', 'g'), ''), '(?<=[A-Za-z0-9])&(?=[A-Za-z0-9])', 'and', 'g'), '(?<=[A-Za-z])-(?=[A-Za-z])', ' ', 'g'), '\m(walk|walks|walked|walking)\s+out\M', 'walkout', 'gi'))
    || array_to_tsvector(array_remove(ARRAY[extract(year FROM "date")::text], NULL))));
