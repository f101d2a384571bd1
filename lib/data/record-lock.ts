import 'server-only';
import type { Prisma } from '../generated/prisma/client';

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
