import 'server-only';
import { NotAllowed } from './auth/roles';
import { Prisma } from './generated/prisma/client';
import { ChangeRejected } from './data/changes';
import { isDatabaseUnavailable } from './database/unavailable';
import { logger } from './log';
import type { NameChoices } from './name-suggestions';

export const DATABASE_UNAVAILABLE_MESSAGE =
  'The record’s database is not answering, so nothing was saved. What you typed is kept here: try again in a minute.';

/** A form sent after its session ended (signed out elsewhere, or the week's sessions over). */
export const SESSION_ENDED_MESSAGE =
  'Your session has ended. Sign in again in another tab (at /sign-in), then send this again: what you typed is kept here.';

/** A form sent from a session of an account disabled since. */
export const ACCOUNT_DISABLED_MESSAGE =
  'An administrator has disabled your account: nothing was sent, and signing in again is refused until one enables it. What you typed is kept here.';

export const WRITE_CLASH_MESSAGE =
  'Another save was busy with the same records at that moment (an import, a merge), or clashed with this one (the same new name or source), so nothing was saved. What you typed is kept here: send it again in a moment.';

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

export interface Refusal {
  message: string;
  fields: Record<string, string[]>;
  conflict?: { by: string; at: string; summary: string; version?: number };
  /** The records each "did you mean" means, for the form to offer. */
  choices?: Record<string, NameChoices[]>;
}

/**
 * What a form says when its write did not happen: the refusal of the data layer (with its field
 * messages and the other person's change), or that the database is away (writes are whole
 * transactions, so nothing was half-written). Null for anything else, which the caller throws on.
 */
export async function refusalOf(error: unknown): Promise<Refusal | null> {
  if (error instanceof ChangeRejected) {
    return {
      message: error.message,
      fields: error.fields,
      conflict: error.conflict ? { ...error.conflict, at: error.conflict.at.toISOString() } : undefined,
      choices: Object.keys(error.choices).length ? error.choices : undefined,
    };
  }
  if (error instanceof NotAllowed) return { message: error.message, fields: {} };
  if (isWriteClash(error)) {
    // Logged as an error: a clash that comes back every time is a bug that only looks like a race.
    await logger.error('A write was refused: another write clashed with it', { error });
    return { message: WRITE_CLASH_MESSAGE, fields: {} };
  }
  if (isDatabaseUnavailable(error)) {
    await logger.warn('A write was refused: the database is unavailable', { error });
    return { message: DATABASE_UNAVAILABLE_MESSAGE, fields: {} };
  }
  return null;
}
