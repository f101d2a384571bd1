import { Prisma } from '../generated/prisma/client';

/**
 * PostgreSQL's codes for a unique value stored at the same moment, a deadlock, a serialisation
 * failure, and a lock not granted in time (lock_timeout).
 */
const CLASH_CODES = new Set(['23505', '40P01', '40001', '55P03']);

/**
 * A write that failed because another one, at the same moment, took what it needed: Prisma's
 * unique-constraint and write-conflict errors, or a raw statement's PostgreSQL code (which the
 * driver adapter's error carries).
 */
export function isWriteClash(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === 'P2002' || error.code === 'P2034') return true;
  const meta = error.meta as { driverAdapterError?: { cause?: { originalCode?: unknown } } } | undefined;
  const code = meta?.driverAdapterError?.cause?.originalCode;
  return typeof code === 'string' && CLASH_CODES.has(code);
}
