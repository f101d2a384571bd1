import 'server-only';
import type { RecordFilters } from '../api/kinds';
import { citationLists, Conditions, exportTexts, ISO_DAY, ISO_TIME, precisionIfDated, type ExportWait } from './copy-export';
import { wordsMatchText } from './text-match';

/*
 * The export of government contracts in one statement streamed with COPY (lib/data/copy-export.ts):
 * PostgreSQL writes each contract's JSON in the shape of lib/api/schemas.ts's `contractSchema`
 * (as `toContract` in lib/api/incident-serializers.ts makes it), with the list's rule (published
 * contracts of published companies), filters and order (lib/data/open-data.ts). The integration
 * tests compare the export with the list for every filter.
 */

/** The tables a contract of the list is read from (as `k`), with its company (`c`) and agencies (`ag`, `sub`). */
export const CONTRACTS_LISTED = `government_contracts k
        JOIN companies c ON c.id = k.company_id
        JOIN agencies ag ON ag.id = k.agency_id
        LEFT JOIN agencies sub ON sub.id = k.sub_agency_id`;

/** The conditions of the list's contracts: published, of a published company, matching the filters. */
export function contractConditions(filters: RecordFilters): Conditions {
  const where = new Conditions(`k.status = 'PUBLISHED'`, `c.status = 'PUBLISHED'`);
  const company = where.companySlug('c.slug', filters);
  if (company) where.add(company);
  if (filters.agency) {
    const slug = where.param(filters.agency);
    // A published agency only, as the site's lists name them (the API refuses another one first).
    where.add(`((ag.slug = ${slug} AND ag.status = 'PUBLISHED') OR (sub.slug = ${slug} AND sub.status = 'PUBLISHED'))`);
  }
  if (filters.status) where.add(`k.contract_status::text = ${where.param(filters.status)}`);
  if (filters.q) where.add(wordsMatchText('contract', 'k', where.param(filters.q), filters.q));
  where.years('k.award_date', filters);
  return where;
}

/** The published contracts of published companies matching the filters, as JSON texts, newest award first. */
export function contractExportTexts(filters: RecordFilters, wait?: ExportWait): AsyncGenerator<string[], void, undefined> {
  const where = contractConditions(filters);
  const link = (alias: string) => `json_build_object('slug', ${alias}.slug, 'name', ${alias}.name, 'acronym', ${alias}.acronym)`;
  const text = `
    WITH listed AS MATERIALIZED (
      SELECT k.id FROM ${CONTRACTS_LISTED}
      WHERE ${where.list.join(' AND ')}
    ),
    source_links AS (${citationLists('contract_sources', 'contract_id', 'SELECT id FROM listed')})
    SELECT json_build_object(
      'id', k.id, 'title', k.title, 'purpose', k.purpose, 'piid', k.piid, 'awardKey', k.award_key,
      'company', json_build_object('slug', c.slug, 'name', c.name),
      'agency', ${link('ag')}, 'subAgency', CASE WHEN sub.id IS NULL THEN NULL ELSE ${link('sub')} END,
      'obligatedAmount', k.obligated_amount::text, 'potentialAmount', k.potential_amount::text,
      'currency', k.currency,
      'awardDate', to_char(k.award_date, ${ISO_DAY}), 'awardDatePrecision', ${precisionIfDated('k.award_date', 'k.award_date_precision')},
      'periodStart', to_char(k.period_start, ${ISO_DAY}), 'periodEnd', to_char(k.period_end, ${ISO_DAY}),
      'contractStatus', k.contract_status,
      'statusChangedAt', to_char(k.status_changed_at, ${ISO_DAY}), 'statusChangedPrecision', ${precisionIfDated('k.status_changed_at', 'k.status_changed_precision')},
      'statusRecordedAt', to_char(k.status_recorded_at, ${ISO_DAY}),
      'version', k.version, 'createdAt', to_char(k.created_at, ${ISO_TIME}), 'updatedAt', to_char(k.updated_at, ${ISO_TIME}),
      'sources', coalesce(sources.list, '[]')
    )::text AS record
    FROM listed
      JOIN government_contracts k ON k.id = listed.id
      JOIN companies c ON c.id = k.company_id
      JOIN agencies ag ON ag.id = k.agency_id
      LEFT JOIN agencies sub ON sub.id = k.sub_agency_id
      LEFT JOIN source_links sources ON sources.contract_id = k.id
    ORDER BY k.award_date DESC NULLS LAST, k.id DESC`;
  return exportTexts({ text, values: where.values }, wait);
}
