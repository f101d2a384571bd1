-- Written by hand (Prisma cannot express functions or expression indexes): the key of a company's
-- name without its legal form at its end ("Google LLC" is google, "Salesforce.com, Inc." salesforce),
-- the forms of lib/text.ts's withoutLegalForm, taken off the name's key as many letters as they have.
-- "Did you mean" compares typed names with it through a trigram index, as it does whole keys, so
-- that "Goggle" is told of a company on record only as "Google LLC". A name that is nothing but a
-- form keeps its key.
CREATE FUNCTION "company_bare_key"(name TEXT, key TEXT) RETURNS TEXT
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT CASE WHEN form <> '' AND length(form) < length(key) AND right(key, length(form)) = form THEN left(key, -length(form)) ELSE key END
    FROM (SELECT regexp_replace(coalesce(substring(lower(name) FROM
      '((?:[[:space:],]+(?:inc|incorporated|llc|l\.l\.c|corp|corporation|co|company|ltd|limited|lp|llp|plc|gmbh|ag|sa|the)\.?|\.com)+)[[:space:]]*$'),
      ''), '[^a-z]', '', 'g') AS form) forms
  $$;
CREATE INDEX "company_aliases_bare_key_trgm_idx" ON "company_aliases" USING gin ("company_bare_key"("name", "key") gin_trgm_ops);
