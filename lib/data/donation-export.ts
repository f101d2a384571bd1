import 'server-only';
import type { RecordFilters } from '../api/kinds';
import type { DonationRecord } from '../api/schemas';
import { citationLists, Conditions, exportTexts, ISO_DAY, ISO_TIME, precisionIfDated, type ExportWait } from './copy-export';
import { wordsMatchText } from './text-match';
import { donationTitle } from './incident-index';

/*
 * The export of donation responses in one statement streamed with COPY (lib/data/copy-export.ts):
 * PostgreSQL writes each response's JSON in the shape of lib/api/schemas.ts's `donationSchema` (as
 * `toDonation` in lib/api/incident-serializers.ts makes it: the recipient only when the public may
 * see it, the contracts the public may see), with the list's rule (published responses of
 * published companies), filters and order (lib/data/open-data.ts). Its title ("RAICES rejected
 * $250,000 from Salesforce") is the one sentence written here, by the same function as everywhere.
 * The integration tests compare the export with the list for every filter.
 */

/** The tables a donation response of the list is read from (as `d`), with its company (`c`). */
export const DONATIONS_LISTED = `donation_responses d JOIN companies c ON c.id = d.company_id`;

/** The conditions of the list's donation responses: published, of a published company, matching the filters. */
export function donationConditions(filters: RecordFilters): Conditions {
  const where = new Conditions(`d.status = 'PUBLISHED'`, `c.status = 'PUBLISHED'`);
  const company = where.companySlug('c.slug', filters);
  if (company) where.add(company);
  if (filters.agency) {
    // As the list: a response linked to a contract with the agency or its sub-agency.
    const slug = where.param(filters.agency);
    where.add(`EXISTS (SELECT 1 FROM donation_response_contracts x JOIN government_contracts k ON k.id = x.contract_id
      JOIN companies kc ON kc.id = k.company_id
      LEFT JOIN agencies ag ON ag.id = k.agency_id LEFT JOIN agencies sub ON sub.id = k.sub_agency_id
      WHERE x.donation_response_id = d.id AND k.status = 'PUBLISHED' AND kc.status = 'PUBLISHED'
        AND (ag.slug = ${slug} OR sub.slug = ${slug}))`);
  }
  if (filters.organization) {
    where.add(`EXISTS (SELECT 1 FROM organizations o WHERE o.id = d.organization_id AND o.slug = ${where.param(filters.organization)})`);
  }
  if (filters.q) where.add(wordsMatchText('donation', 'd', where.param(filters.q), filters.q));
  where.years('d.date', filters);
  return where;
}

/** The published donation responses of published companies matching the filters, as JSON texts, newest first. */
export async function* donationExportTexts(
  filters: RecordFilters,
  wait?: ExportWait,
): AsyncGenerator<string[], void, undefined> {
  const where = donationConditions(filters);
  const text = `
    WITH listed AS MATERIALIZED (
      SELECT d.id FROM ${DONATIONS_LISTED}
      WHERE ${where.list.join(' AND ')}
    ),
    source_links AS (${citationLists('donation_response_sources', 'donation_response_id', 'SELECT id FROM listed')}),
    contract_links AS (
      SELECT x.donation_response_id, json_agg(x.contract_id ORDER BY x.contract_id) AS list
      FROM donation_response_contracts x
        JOIN government_contracts k ON k.id = x.contract_id JOIN companies kc ON kc.id = k.company_id
      WHERE x.donation_response_id IN (SELECT id FROM listed) AND k.status = 'PUBLISHED' AND kc.status = 'PUBLISHED'
      GROUP BY x.donation_response_id
    )
    SELECT json_build_object(
      'id', d.id, 'date', to_char(d.date, ${ISO_DAY}), 'datePrecision', ${precisionIfDated('d.date', 'd.date_precision')},
      'amount', d.amount::text, 'currency', d.currency, 'amountUndisclosed', d.amount_undisclosed,
      'response', d.response, 'reason', d.reason, 'quote', d.quote, 'quoteAttribution', d.quote_attribution,
      'version', d.version, 'createdAt', to_char(d.created_at, ${ISO_TIME}), 'updatedAt', to_char(d.updated_at, ${ISO_TIME}),
      'title', NULL, 'company', json_build_object('slug', c.slug, 'name', c.name),
      'organization', CASE WHEN o.status = 'PUBLISHED'
        THEN json_build_object('slug', o.slug, 'name', o.name, 'acronym', o.acronym) END,
      'contractIds', coalesce(contracts.list, '[]'), 'sources', coalesce(sources.list, '[]')
    )::text AS record
    FROM listed
      JOIN donation_responses d ON d.id = listed.id
      JOIN companies c ON c.id = d.company_id
      LEFT JOIN organizations o ON o.id = d.organization_id
      LEFT JOIN contract_links contracts ON contracts.donation_response_id = d.id
      LEFT JOIN source_links sources ON sources.donation_response_id = d.id
    ORDER BY d.date DESC NULLS LAST, d.id DESC`;
  for await (const batch of exportTexts({ text, values: where.values }, wait)) yield batch.map(titled);
}

/** The record with its title written in (the key is already in its place). */
function titled(text: string): string {
  const record = JSON.parse(text) as DonationRecord;
  record.title = donationTitle(record);
  return JSON.stringify(record);
}
