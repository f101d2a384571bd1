import fs from 'node:fs';
import { once } from 'node:events';
import { csvField } from './usaspending-csv';
import { PRIME_AWARD_SUMMARY_CONTRACT_COLUMNS } from './usaspending-columns';

/**
 * SYNTHETIC Prime Award Summaries files, for measuring the importer on a realistic volume. Every
 * row is made up: award keys contain "SYNTH", descriptions start with "SYNTHETIC", and only the
 * agency names are real. The 286 columns are filled to roughly the width of real rows.
 */
export interface SyntheticOptions {
  /** Recipient names to use (they should be company aliases so that the rows are imported). */
  recipients: string[];
  /** One row in `unmatchedEvery` names a recipient no company has (left for review); 0 for none. */
  unmatchedEvery?: number;
  /** Changes every amount, as a newer download would (for timing a re-import that updates). */
  revision?: number;
}

const AGENCIES: [string, string][] = [
  ['Department of Homeland Security', 'U.S. Immigration and Customs Enforcement'],
  ['Department of Homeland Security', 'U.S. Customs and Border Protection'],
  ['Department of Defense', 'Department of the Army'],
  ['Department of Defense', 'Department of the Navy'],
  ['Department of Defense', 'Defense Information Systems Agency'],
  ['Department of Health and Human Services', 'Centers for Disease Control and Prevention'],
  ['Department of Justice', 'Federal Bureau of Investigation'],
  ['General Services Administration', 'Federal Acquisition Service'],
];

export function* syntheticPrimeAwardSummaries(count: number, options: SyntheticOptions): Generator<string> {
  const columns = PRIME_AWARD_SUMMARY_CONTRACT_COLUMNS;
  yield `${columns.join(',')}\r\n`;
  const revision = options.revision ?? 0;
  for (let n = 1; n <= count; n += 1) {
    const key = `CONT_AWD_SYNTH${String(n).padStart(9, '0')}_9700_-NONE-_-NONE-`;
    const [agency, subAgency] = AGENCIES[n % AGENCIES.length] as [string, string];
    const unmatched = options.unmatchedEvery ? n % options.unmatchedEvery === 0 : false;
    const recipient = unmatched
      ? `SYNTHETIC UNMATCHED VENDOR ${n % 97}, INC.`
      : (options.recipients[n % options.recipients.length] as string);
    const year = 2008 + (n % 17);
    const month = String(1 + (n % 12)).padStart(2, '0');
    const day = String(1 + (n % 28)).padStart(2, '0');
    const cents = String((n * 37 + revision) % 100).padStart(2, '0');
    const known: Record<string, string> = {
      contract_award_unique_key: key,
      award_id_piid: `SYNTH${String(n).padStart(9, '0')}`,
      total_obligated_amount: `${(n * 7919) % 90_000_000}.${cents}`,
      potential_total_value_of_award: `${((n * 7919) % 90_000_000) * 2 + revision}.${cents}`,
      current_total_value_of_award: `${(n * 7919) % 90_000_000}.${cents}`,
      award_base_action_date: `${year}-${month}-${day}`,
      period_of_performance_start_date: `${year}-${month}-${day}`,
      period_of_performance_current_end_date: `${year + 1 + (n % 9)}-${month}-${day}`,
      period_of_performance_potential_end_date: `${year + 5}-${month}-${day}`,
      awarding_agency_name: agency,
      awarding_sub_agency_name: subAgency,
      funding_agency_name: agency,
      funding_sub_agency_name: subAgency,
      awarding_office_name: `SYNTHETIC CONTRACTING OFFICE ${n % 40}`,
      recipient_name: recipient,
      recipient_name_raw: recipient,
      recipient_parent_name: recipient,
      recipient_parent_name_raw: recipient,
      recipient_address_line_1: `${n % 9000} SYNTHETIC STREET`,
      recipient_city_name: 'SYNTHETIC CITY',
      prime_award_base_transaction_description:
        `SYNTHETIC ROW ${n}: IGF::OT::IGF INFORMATION TECHNOLOGY SERVICES, SOFTWARE MAINTENANCE, "CLOUD" HOSTING ` +
        `AND SUPPORT FOR THE ${subAgency.toUpperCase()} (SYNTHETIC TEST DATA, NOT A REAL AWARD)`,
      usaspending_permalink: `https://www.usaspending.gov/award/${key}/`,
      last_modified_date: `${year + 1}-${month}-${day} 10:${String(n % 60).padStart(2, '0')}:00`,
    };
    const fields = columns.map((column, index) => {
      const value = known[column];
      if (value !== undefined) return csvField(value);
      if (column.endsWith('_code')) return `${String.fromCharCode(65 + (index % 26))}${index % 10}`;
      if (column.endsWith('_name') || column.endsWith('_description')) return `SYNTHETIC ${column.toUpperCase()}`;
      if (column.endsWith('_amount')) return '';
      if (column.endsWith('_date')) return `${year}-${month}-${day}`;
      return index % 3 === 0 ? 't' : 'f';
    });
    yield `${fields.join(',')}\r\n`;
  }
}

/** Writes a synthetic file of `count` rows; returns its size in bytes. */
export async function writeSyntheticFile(file: string, count: number, options: SyntheticOptions): Promise<number> {
  const out = fs.createWriteStream(file);
  let bytes = 0;
  let batch = '';
  for (const line of syntheticPrimeAwardSummaries(count, options)) {
    batch += line;
    if (batch.length > 1 << 20) {
      bytes += Buffer.byteLength(batch);
      if (!out.write(batch)) await once(out, 'drain');
      batch = '';
    }
  }
  bytes += Buffer.byteLength(batch);
  out.end(batch);
  await once(out, 'finish');
  return bytes;
}
