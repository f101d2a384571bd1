-- Written by hand: the source addresses stored before lib/urls.ts took a path's closing slash off
-- when a query follows it too ("…/story/?lang=en" is "…/story?lang=en"), brought to the form an
-- editor's typed address now takes, so that typing one again finds it. The root's slash stays
-- ("https://example.org/?s=1"), and so does an address whose page is named in its fragment.
-- Two stored addresses that now read the same stay two sources (each record keeps what it cites):
-- the older takes the new form, that typing finds.
WITH changes AS (
  SELECT DISTINCT ON (next) id, url AS before, next AS after
  FROM (
    SELECT id, url, created_at, regexp_replace(url, '/\?', '?') AS next
    FROM "sources"
    WHERE url ~ '^[a-z]+://[^/?#]+/[^?#]*[^/?#]/\?'
  ) AS candidates
  WHERE NOT EXISTS (SELECT 1 FROM "sources" AS held WHERE held.url = candidates.next)
  ORDER BY next, created_at, id
), updated AS (
  UPDATE "sources" SET url = changes.after, updated_at = now() FROM changes WHERE "sources".id = changes.id
)
INSERT INTO "revisions" (id, record_type, record_id, kind, actor, reason, before, after, created_at)
SELECT 'm' || substr(md5(changes.id || changes.after), 1, 24), 'SOURCE', changes.id, 'UPDATE', 'migration',
  'The closing slash of the address''s path taken off before its query',
  jsonb_build_object('url', changes.before), jsonb_build_object('url', changes.after), now()
FROM changes;
