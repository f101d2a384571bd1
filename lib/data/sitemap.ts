import 'server-only';
import { db } from '../db';

/** The largest number of addresses one sitemap file may list. */
export const SITEMAP_LIMIT = 50_000;

/** Every published page worth indexing, most recently changed first, up to the sitemap limit. */
export async function listSitemapEntries(): Promise<{ path: string; updatedAt: Date }[]> {
  const rows = await db.$queryRaw<{ path: string; updated_at: Date }[]>`
    SELECT path, updated_at FROM (
      SELECT '/companies/' || slug AS path, updated_at FROM companies WHERE status = 'PUBLISHED' AND merged_into_id IS NULL
      UNION ALL SELECT '/agencies/' || slug, updated_at FROM agencies WHERE status = 'PUBLISHED'
      UNION ALL SELECT '/organizations/' || slug, updated_at FROM organizations WHERE status = 'PUBLISHED' AND merged_into_id IS NULL
      UNION ALL SELECT '/actions/' || id, updated_at FROM employee_actions WHERE status = 'PUBLISHED'
      UNION ALL SELECT '/contracts/' || id, updated_at FROM government_contracts WHERE status = 'PUBLISHED'
      UNION ALL SELECT '/donations/' || id, updated_at FROM donation_responses WHERE status = 'PUBLISHED'
      UNION ALL SELECT '/statements/' || id, updated_at FROM company_statements WHERE status = 'PUBLISHED'
    ) pages ORDER BY updated_at DESC LIMIT ${SITEMAP_LIMIT - 10}`;
  return rows.map((row) => ({ path: row.path, updatedAt: row.updated_at }));
}
