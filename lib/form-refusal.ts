import 'server-only';
import { NotAllowed } from './auth/roles';
import { ChangeRejected } from './data/changes';
import { isDatabaseUnavailable } from './database/unavailable';
import { isWriteClash } from './database/write-clash';
import { logger } from './log';
import type { NameChoices } from './name-suggestions';

export const DATABASE_UNAVAILABLE_MESSAGE =
  'The record’s database is not answering, so nothing was saved. What you typed is kept here: try again in a minute.';

/** A form sent after its session ended (signed out elsewhere, or the week's sessions over). */
export const SESSION_ENDED_MESSAGE =
  'Your session has ended. Sign in again in another tab (the link below), then send this again: what you typed is kept here.';

/** What a form of the kind named says, sent from a session of an account disabled since: "nothing was imported". */
export const accountDisabledSays = (nothingDone: string) =>
  `An administrator has disabled your account: ${nothingDone}, and signing in again is refused until one enables it.`;

/** A form sent from a session of an account disabled since. */
export const ACCOUNT_DISABLED_MESSAGE =
  'An administrator has disabled your account: nothing was sent, and signing in again is refused until one enables it. What you typed is kept here.';

export const WRITE_CLASH_MESSAGE =
  'Another save was busy with the same records at that moment (an import, a merge), or clashed with this one (the same new name or source), so nothing was saved. What you typed is kept here: send it again in a moment.';

export interface Refusal {
  message: string;
  fields: Record<string, string[]>;
  conflict?: { by: string; at: string; summary: string; version?: number; own?: boolean; earlier?: number };
  /** The records each "did you mean" means, for the form to offer. */
  choices?: Record<string, NameChoices[]>;
  /** A page to go on to from the refusal. */
  next?: { href: string; text: string };
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
      next: error.next,
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
