import 'server-only';
import { db } from '../db';
import { nameKey } from '../text';
import { describeEntries, type EntryRow, type IncidentEntry } from './incident-index';

export const MAX_QUERY_LENGTH = 200;

/**
 * Published companies any of whose names is like the text, best first: trigram similarity of
 * the name keys (so "salesfroce" and "Sales Force" find Salesforce), or the text inside a name.
 */
export async function findCompaniesByName(text: string, limit: number): Promise<{ slug: string; name: string; matched: string }[]> {
  const key = nameKey(text);
  if (!key) return [];
  return db.$queryRaw<{ slug: string; name: string; matched: string }[]>`
    SELECT slug, name, matched FROM (
      SELECT DISTINCT ON (c.id) c.slug, c.name, a.name AS matched,
             greatest(similarity(a.key, ${key}), CASE WHEN a.key LIKE ${key} || '%' THEN 0.9 ELSE 0 END) AS score
      FROM company_aliases a JOIN companies c ON c.id = a.company_id
      WHERE c.status = 'PUBLISHED' AND c.merged_into_id IS NULL
        AND (a.key % ${key} OR a.key LIKE '%' || ${key} || '%')
      ORDER BY c.id, score DESC
    ) best ORDER BY score DESC, name LIMIT ${limit}`;
}

export interface SearchResults {
  companies: { slug: string; name: string; matched: string }[];
  agencies: { slug: string; name: string; acronym: string | null }[];
  organizations: { slug: string; name: string; acronym: string | null }[];
  incidents: IncidentEntry[];
}

/**
 * One search over the published record: companies by any of their names, tolerant of typos
 * (trigram similarity: "salesfroce" finds Salesforce); agencies and organisations by name or
 * acronym; incidents by PostgreSQL full-text search over titles and descriptions, using the same
 * expressions as the migration's GIN indexes. Incidents are ranked by relevance among the 200
 * most recent matches, which keeps a common word cheap on a large record.
 */
export async function searchRecord(query: string): Promise<SearchResults> {
  const text = query.replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY_LENGTH);
  const lower = text.toLowerCase();
  if (!text) return { companies: [], agencies: [], organizations: [], incidents: [] };

  const [companies, agencies, organizations, incidentRows] = await Promise.all([
    findCompaniesByName(text, 10),
    db.$queryRaw<{ slug: string; name: string; acronym: string | null }[]>`
      SELECT slug, name, acronym FROM agencies
      WHERE status = 'PUBLISHED' AND (lower(name) % ${lower} OR lower(name) LIKE '%' || ${lower} || '%' OR lower(acronym) = ${lower})
      ORDER BY lower(acronym) = ${lower} DESC, similarity(lower(name), ${lower}) DESC LIMIT 10`,
    db.$queryRaw<{ slug: string; name: string; acronym: string | null }[]>`
      SELECT slug, name, acronym FROM organizations
      WHERE status = 'PUBLISHED' AND merged_into_id IS NULL
        AND (lower(name) % ${lower} OR lower(name) LIKE '%' || ${lower} || '%' OR lower(acronym) = ${lower})
      ORDER BY lower(acronym) = ${lower} DESC, similarity(lower(name), ${lower}) DESC LIMIT 10`,
    // The query is written out in each condition (not a CTE) so that the planner sees it and uses
    // the words' statistics: a common word walks the newest rows by date, a rare one the GIN index.
    // Relevance is computed for the kept matches only, after each kind's newest 200.
    db.$queryRaw<EntryRow[]>`
      WITH matches AS (
        (SELECT 'action' AS kind, a.id, a.start_date AS date, a.date_precision::text AS precision, a.search_vector AS vector
         FROM employee_actions a
         WHERE a.status = 'PUBLISHED' AND a.search_vector @@ websearch_to_tsquery('english', ${text})
         ORDER BY a.start_date DESC LIMIT 200)
        UNION ALL
        (SELECT 'contract', k.id, k.award_date, k.award_date_precision::text, to_tsvector('english', k.title || ' ' || coalesce(k.purpose, ''))
         FROM government_contracts k
         WHERE k.status = 'PUBLISHED' AND to_tsvector('english', k.title || ' ' || coalesce(k.purpose, '')) @@ websearch_to_tsquery('english', ${text})
         ORDER BY k.award_date DESC NULLS LAST LIMIT 200)
        UNION ALL
        (SELECT 'donation', d.id, d.date, d.date_precision::text, to_tsvector('english', coalesce(d.reason, '') || ' ' || coalesce(d.quote, ''))
         FROM donation_responses d
         WHERE d.status = 'PUBLISHED' AND to_tsvector('english', coalesce(d.reason, '') || ' ' || coalesce(d.quote, '')) @@ websearch_to_tsquery('english', ${text})
         ORDER BY d.date DESC NULLS LAST LIMIT 200)
        UNION ALL
        (SELECT 'statement', s.id, s.date, s.date_precision::text, to_tsvector('english', s.summary || ' ' || coalesce(s.quote, ''))
         FROM company_statements s
         WHERE s.status = 'PUBLISHED' AND to_tsvector('english', s.summary || ' ' || coalesce(s.quote, '')) @@ websearch_to_tsquery('english', ${text})
         ORDER BY s.date DESC LIMIT 200)
      )
      SELECT kind, id, date, precision FROM matches
      ORDER BY ts_rank(vector, websearch_to_tsquery('english', ${text})) DESC, date DESC NULLS LAST, id LIMIT 25`,
  ]);

  return { companies, agencies, organizations, incidents: await describeEntries(incidentRows) };
}
