-- A company or organisation merged into one that was merged in turn leads straight to the last
-- survivor, as merges now leave them: its old address, API record and history follow one merge.
-- Its version stays: no step of its history is written here, the merge that ended the chain has one.
WITH RECURSIVE chain AS (
  SELECT id AS start, merged_into_id AS at, 1 AS hops FROM companies WHERE merged_into_id IS NOT NULL
  UNION ALL
  SELECT chain.start, c.merged_into_id, chain.hops + 1
  FROM chain JOIN companies c ON c.id = chain.at
  WHERE c.merged_into_id IS NOT NULL AND chain.hops < 50
)
UPDATE companies SET merged_into_id = last.at, updated_at = now()
FROM (SELECT DISTINCT ON (start) start, at FROM chain ORDER BY start, hops DESC) AS last
WHERE companies.id = last.start AND companies.merged_into_id <> last.at;

WITH RECURSIVE chain AS (
  SELECT id AS start, merged_into_id AS at, 1 AS hops FROM organizations WHERE merged_into_id IS NOT NULL
  UNION ALL
  SELECT chain.start, o.merged_into_id, chain.hops + 1
  FROM chain JOIN organizations o ON o.id = chain.at
  WHERE o.merged_into_id IS NOT NULL AND chain.hops < 50
)
UPDATE organizations SET merged_into_id = last.at, updated_at = now()
FROM (SELECT DISTINCT ON (start) start, at FROM chain ORDER BY start, hops DESC) AS last
WHERE organizations.id = last.start AND organizations.merged_into_id <> last.at;
