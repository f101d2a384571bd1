import 'server-only';
import { db } from '../db';
import { ofPublishedCompanySql } from './incident-index';

/** The largest number of addresses one sitemap file may list. */
export const SITEMAP_LIMIT = 50_000;

/** Every published page worth indexing (a contract, donation response or statement only of a published company, as its page), most recently changed first, up to the sitemap limit. */
export async function listSitemapEntries(): Promise<{ path: string; updatedAt: Date }[]> {
  const rows = await db.$queryRaw<{ path: string; updated_at: Date }[]>`
    SELECT path, updated_at FROM (
      SELECT '/companies/' || slug AS path, updated_at FROM companies WHERE status = 'PUBLISHED' AND merged_into_id IS NULL
      UNION ALL SELECT '/agencies/' || slug, updated_at FROM agencies WHERE status = 'PUBLISHED'
      UNION ALL SELECT '/organizations/' || slug, updated_at FROM organizations WHERE status = 'PUBLISHED' AND merged_into_id IS NULL
      UNION ALL SELECT '/actions/' || id, updated_at FROM employee_actions WHERE status = 'PUBLISHED'
      UNION ALL SELECT '/contracts/' || id, updated_at FROM government_contracts k WHERE status = 'PUBLISHED' AND ${ofPublishedCompanySql('k')}
      UNION ALL SELECT '/donations/' || id, updated_at FROM donation_responses d WHERE status = 'PUBLISHED' AND ${ofPublishedCompanySql('d')}
      UNION ALL SELECT '/statements/' || id, updated_at FROM company_statements s WHERE status = 'PUBLISHED' AND ${ofPublishedCompanySql('s')}
    ) pages ORDER BY updated_at DESC LIMIT ${SITEMAP_LIMIT - 10}`;
  return rows.map((row) => ({ path: row.path, updatedAt: row.updated_at }));
}
