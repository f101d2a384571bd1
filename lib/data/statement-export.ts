import 'server-only';
import type { RecordFilters } from '../api/kinds';
import { citationLists, Conditions, exportTexts, ISO_DAY, ISO_TIME, type ExportWait } from './copy-export';
import { wordsMatchText } from './text-match';

/*
 * The export of company statements in one statement streamed with COPY (lib/data/copy-export.ts):
 * PostgreSQL writes each statement's JSON in the shape of lib/api/schemas.ts's `statementSchema`
 * (as `toStatement` in lib/api/incident-serializers.ts makes it: a linked action, contract or
 * donation response only when the public may see it), with the list's rule (published statements
 * of published companies), filters and order (lib/data/open-data.ts). The integration tests
 * compare the export with the list for every filter.
 */

/** The tables a statement of the list is read from (as `t`), with its company (`c`). */
export const STATEMENTS_LISTED = `company_statements t JOIN companies c ON c.id = t.company_id`;

/** The conditions of the list's statements: published, of a published company, matching the filters. */
export function statementConditions(filters: RecordFilters): Conditions {
  const where = new Conditions(`t.status = 'PUBLISHED'`, `c.status = 'PUBLISHED'`);
  const company = where.companySlug('c.slug', filters);
  if (company) where.add(company);
  if (filters.agency) {
    const slug = where.param(filters.agency);
    where.add(`EXISTS (SELECT 1 FROM government_contracts k JOIN companies kc ON kc.id = k.company_id
      LEFT JOIN agencies ag ON ag.id = k.agency_id LEFT JOIN agencies sub ON sub.id = k.sub_agency_id
      WHERE k.id = t.contract_id AND k.status = 'PUBLISHED' AND kc.status = 'PUBLISHED'
        AND (ag.slug = ${slug} OR sub.slug = ${slug}))`);
  }
  if (filters.q) where.add(wordsMatchText('statement', 't', where.param(filters.q), filters.q));
  where.years('t.date', filters);
  return where;
}

/** The published statements of published companies matching the filters, as JSON texts, newest first. */
export function statementExportTexts(
  filters: RecordFilters,
  wait?: ExportWait,
): AsyncGenerator<string[], void, undefined> {
  const where = statementConditions(filters);
  const text = `
    WITH listed AS MATERIALIZED (
      SELECT t.id FROM ${STATEMENTS_LISTED}
      WHERE ${where.list.join(' AND ')}
    ),
    source_links AS (${citationLists('company_statement_sources', 'statement_id', 'SELECT id FROM listed')})
    SELECT json_build_object(
      'id', t.id, 'company', json_build_object('slug', c.slug, 'name', c.name),
      'date', to_char(t.date, ${ISO_DAY}), 'datePrecision', t.date_precision, 'kind', t.kind,
      'summary', t.summary, 'quote', t.quote, 'speaker', t.speaker,
      'actionId', CASE WHEN a.status = 'PUBLISHED' THEN a.id END,
      'contractId', CASE WHEN k.status = 'PUBLISHED' AND kc.status = 'PUBLISHED' THEN k.id END,
      'donationId', CASE WHEN d.status = 'PUBLISHED' AND dc.status = 'PUBLISHED' THEN d.id END,
      'version', t.version, 'createdAt', to_char(t.created_at, ${ISO_TIME}), 'updatedAt', to_char(t.updated_at, ${ISO_TIME}),
      'sources', coalesce(sources.list, '[]')
    )::text AS record
    FROM listed
      JOIN company_statements t ON t.id = listed.id
      JOIN companies c ON c.id = t.company_id
      LEFT JOIN employee_actions a ON a.id = t.action_id
      LEFT JOIN government_contracts k ON k.id = t.contract_id
      LEFT JOIN companies kc ON kc.id = k.company_id
      LEFT JOIN donation_responses d ON d.id = t.donation_response_id
      LEFT JOIN companies dc ON dc.id = d.company_id
      LEFT JOIN source_links sources ON sources.statement_id = t.id
    ORDER BY t.date DESC, t.id DESC`;
  return exportTexts({ text, values: where.values }, wait);
}
