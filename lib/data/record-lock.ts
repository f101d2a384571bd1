import 'server-only';
import { Prisma } from '../generated/prisma/client';

/**
 * Serialises the writes that publish, restore or merge one record, until the transaction ends
 * (a PostgreSQL advisory lock on the record's type and id). Several records are locked in one
 * order, so that two writes never wait on each other.
 */
export async function lockRecords(tx: Prisma.TransactionClient, ...keys: [type: string, id: string][]): Promise<void> {
  for (const key of [...new Set(keys.map(([type, id]) => `${type}:${id}`))].sort()) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${key}))`;
  }
}

/**
 * Locks the changes waiting for review on a record, to be taken before the record's own lock: the
 * order in which publishing and revising take them, so that an archive or a merge of the record at
 * the same moment waits rather than deadlocks.
 */
export async function lockPendingChanges(tx: Prisma.TransactionClient, recordType: string, recordId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM change_requests
    WHERE record_type = ${recordType}::"RecordType" AND record_id = ${recordId} AND status = 'PENDING'
    ORDER BY id FOR UPDATE`;
}

/** The agencies' hierarchy as a whole: publishing an agency's parent checks it for cycles. */
export const AGENCY_HIERARCHY: [string, string] = ['AGENCY', 'hierarchy'];

/** The table of each kind of record that publishing, restoring or archiving writes. */
export const TABLE_OF: Record<string, string> = {
  EMPLOYEE_ACTION: 'employee_actions',
  DONATION_RESPONSE: 'donation_responses',
  COMPANY: 'companies',
  CONTRACT: 'government_contracts',
  COMPANY_STATEMENT: 'company_statements',
  AGENCY: 'agencies',
  ORGANIZATION: 'organizations',
};

/**
 * Locks the record's row until the transaction ends, waiting for any writer that holds it. The
 * importers update rows without the advisory lock; a version read after this is the latest
 * committed one, so a change based on an older version is refused rather than written over theirs.
 */
export async function lockRow(tx: Prisma.TransactionClient, recordType: string, recordId: string): Promise<void> {
  const table = TABLE_OF[recordType];
  if (table) await tx.$queryRaw`SELECT 1 FROM ${Prisma.raw(table)} WHERE id = ${recordId} FOR UPDATE`;
}
