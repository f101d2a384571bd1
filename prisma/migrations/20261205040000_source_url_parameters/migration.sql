-- Written by hand: the source addresses stored before lib/urls.ts took out more tracking parameters
-- (guccounter, __twitter_impression, a tweet's s and t, a New York Times rref…) and put the others
-- in order of name, brought to the form an editor's typed address now takes, so that typing one
-- again finds it. The lists are lib/urls.ts's TRACKING_PARAMETER and SITE_TRACKING_PARAMETER.
-- Each pair is kept as written. A stored address has no fragment and no empty query.
CREATE FUNCTION "source_url_tracking_20261205"(host TEXT, name TEXT) RETURNS BOOLEAN
  LANGUAGE sql IMMUTABLE
  AS $$
    SELECT lower(name) ~ '^(utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|twclid|igshid|mc_cid|mc_eid|mkt_tok|cmpid|ocid|smid|sref|guccounter|guce_referrer|guce_referrer_sig|__twitter_impression|ref_src|ref_url|_ga|_gl)$'
      OR (host ~ '(^|\.)(twitter\.com|x\.com)$' AND lower(name) ~ '^(s|t)$')
      OR (host ~ '(^|\.)nytimes\.com$' AND lower(name) ~ '^(rref|searchresultposition|action|module|pgtype|smtyp)$')
      OR (host ~ '(^|\.)theguardian\.com$' AND lower(name) ~ '^cmp$')
      OR (host ~ '(^|\.)forbes\.com$' AND lower(name) ~ '^sh$')
      OR (host ~ '(^|\.)washingtonpost\.com$' AND lower(name) ~ '^itid$')
      OR (host ~ '(^|\.)bbc\.(co\.uk|com)$' AND lower(name) ~ '^at_[a-z0-9_]+$')
  $$;

CREATE FUNCTION "source_url_normalised_20261205"(url TEXT) RETURNS TEXT
  LANGUAGE sql IMMUTABLE
  AS $$
    SELECT CASE WHEN query IS NULL THEN regexp_replace(base, '/$', '') ELSE base || '?' || query END
    FROM (
      SELECT base, (
        SELECT string_agg(pair, '&' ORDER BY split_part(pair, '=', 1) COLLATE "C", ord)
        FROM regexp_split_to_table(substr(url, length(base) + 2), '&') WITH ORDINALITY AS pairs(pair, ord)
        WHERE pair <> '' AND NOT "source_url_tracking_20261205"(host, split_part(pair, '=', 1))
      ) AS query
      FROM (SELECT split_part(url, '?', 1) AS base, lower(substring(url FROM '^[a-z]+://([^/?#:]+)')) AS host) AS parts
    ) AS split
  $$;

-- Only addresses with a query change. Two stored addresses that now read the same stay two
-- sources (each record keeps what it cites): the older takes the new form, that typing finds.
WITH changes AS (
  SELECT DISTINCT ON (next) id, url AS before, next AS after
  FROM (SELECT id, url, created_at, "source_url_normalised_20261205"(url) AS next FROM "sources" WHERE url LIKE '%?%') AS candidates
  WHERE next <> url AND NOT EXISTS (SELECT 1 FROM "sources" AS held WHERE held.url = candidates.next)
  ORDER BY next, created_at, id
), updated AS (
  UPDATE "sources" SET url = changes.after, updated_at = now() FROM changes WHERE "sources".id = changes.id
)
INSERT INTO "revisions" (id, record_type, record_id, kind, actor, reason, before, after, created_at)
SELECT 'm' || substr(md5(changes.id || changes.after), 1, 24), 'SOURCE', changes.id, 'UPDATE', 'migration',
  'Tracking parameters taken out of the address, the others put in order of name',
  jsonb_build_object('url', changes.before), jsonb_build_object('url', changes.after), now()
FROM changes;

DROP FUNCTION "source_url_normalised_20261205"(TEXT);
DROP FUNCTION "source_url_tracking_20261205"(TEXT, TEXT);
