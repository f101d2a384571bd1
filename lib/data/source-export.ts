import 'server-only';
import { exportTexts, ISO_DAY, ISO_TIME, precisionIfDated, type ExportWait } from './copy-export';

/*
 * The export of sources, the longest list the record holds (every record cites several), in one
 * statement streamed with COPY (lib/data/copy-export.ts): PostgreSQL writes each source's JSON in
 * the shape of lib/api/schemas.ts's `sourceSchema`. A source is public when a public record cites
 * it: the same rule as the API's list (`VISIBLE.sources` in lib/data/open-data.ts), in the same
 * order. The integration tests compare the export with the list.
 */

const PUBLISHED = `'PUBLISHED'`;

/** Whether a published record of each kind (an incident of a published company) cites source `s`. */
const CITED = [
  `EXISTS (SELECT 1 FROM company_sources x JOIN companies c ON c.id = x.company_id
     WHERE x.source_id = s.id AND c.status = ${PUBLISHED})`,
  `EXISTS (SELECT 1 FROM agency_sources x JOIN agencies g ON g.id = x.agency_id
     WHERE x.source_id = s.id AND g.status = ${PUBLISHED})`,
  `EXISTS (SELECT 1 FROM organization_sources x JOIN organizations o ON o.id = x.organization_id
     WHERE x.source_id = s.id AND o.status = ${PUBLISHED})`,
  `EXISTS (SELECT 1 FROM employee_action_sources x JOIN employee_actions a ON a.id = x.action_id
     WHERE x.source_id = s.id AND a.status = ${PUBLISHED})`,
  `EXISTS (SELECT 1 FROM contract_sources x JOIN government_contracts k ON k.id = x.contract_id
     JOIN companies c ON c.id = k.company_id
     WHERE x.source_id = s.id AND k.status = ${PUBLISHED} AND c.status = ${PUBLISHED})`,
  `EXISTS (SELECT 1 FROM donation_response_sources x JOIN donation_responses d ON d.id = x.donation_response_id
     JOIN companies c ON c.id = d.company_id
     WHERE x.source_id = s.id AND d.status = ${PUBLISHED} AND c.status = ${PUBLISHED})`,
  `EXISTS (SELECT 1 FROM company_statement_sources x JOIN company_statements t ON t.id = x.statement_id
     JOIN companies c ON c.id = t.company_id
     WHERE x.source_id = s.id AND t.status = ${PUBLISHED} AND c.status = ${PUBLISHED})`,
];

/** Every public source as its JSON text, newest publication first (undated last), then by id. */
export function sourceExportTexts(wait?: ExportWait): AsyncGenerator<string[], void, undefined> {
  return exportTexts({
    text: `
      SELECT json_build_object(
        'id', s.id, 'url', s.url, 'publisher', s.publisher, 'title', s.title,
        'publishedAt', to_char(s.published_at, ${ISO_DAY}), 'publishedPrecision', ${precisionIfDated('s.published_at', 's.published_precision')},
        'archiveUrl', s.archive_url,
        'createdAt', to_char(s.created_at, ${ISO_TIME}), 'updatedAt', to_char(s.updated_at, ${ISO_TIME})
      )::text AS record
      FROM sources s
      WHERE ${CITED.join('\n        OR ')}
      ORDER BY s.published_at DESC NULLS LAST, s.id DESC`,
    values: [],
  }, wait);
}
