import { isDatabaseUnavailable } from '../lib/database/unavailable';
import { isWriteClash } from '../lib/database/write-clash';

/**
 * What an import command says when its transaction was not made for a reason that is not in its
 * file (the import is one transaction: nothing of it was written), or null for anything else,
 * which is a fault to be thrown with its stack.
 */
export function importNotMade(error: unknown): string | null {
  if (isWriteClash(error))
    return 'Another import or merge was busy with the same records at that moment, so nothing was imported. Run the command again in a moment.';
  if (isDatabaseUnavailable(error))
    return 'The database stopped answering, so nothing was imported. Run the command again when it is back.';
  return null;
}
