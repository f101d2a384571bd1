-- The award's last modification as the latest USAspending file that gave it wrote it, kept on the
-- contract: it was read from the import revisions, which a file that changed nothing writes none
-- of, so an older file could undo what a newer one had confirmed.
ALTER TABLE "government_contracts" ADD COLUMN "award_last_modified" TEXT;

-- What the revisions know: the last import revision of each contract that gave one.
UPDATE government_contracts AS k SET award_last_modified = latest.modified
FROM (
  SELECT DISTINCT ON (record_id) record_id AS id, after->>'lastModified' AS modified
  FROM revisions
  WHERE record_type = 'CONTRACT' AND kind = 'IMPORT' AND after->>'lastModified' IS NOT NULL
  ORDER BY record_id, created_at DESC, id DESC
) AS latest
WHERE k.id = latest.id;
