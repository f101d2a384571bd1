import 'server-only';
import { NotAllowed, hasRole, type SessionUser } from '../auth/roles';
import { db } from '../db';
import type { PrismaClient } from '../generated/prisma/client';
import { ImportFileError } from '../import/collective-action-file';
import { importUsaspendingContracts, type UsaspendingImportReport } from '../import/usaspending-import';
import { ChangeRejected } from './changes';

import { MAX_UPLOAD_BYTES, UPLOAD_TOO_LARGE } from '../upload-limit';

/**
 * A reviewer imports a USAspending Prime Award Summaries file from the browser: the same import as
 * the command (one transaction, nothing written for a wrong file), recorded under the reviewer.
 */
export async function importUsaspendingUpload(user: SessionUser, file: File | null): Promise<UsaspendingImportReport> {
  if (!hasRole(user, 'REVIEWER')) throw new NotAllowed('Only reviewers import contracts.');
  // A form sent with no file chosen gives an empty file without a name; a chosen file that is empty is
  // the importer's to refuse, as empty.
  if (!file || (file.size === 0 && !file.name)) throw new ChangeRejected('Choose a file.', { file: ['Choose the CSV file USAspending gave you.'] });
  if (file.size > MAX_UPLOAD_BYTES) {
    throw new ChangeRejected(UPLOAD_TOO_LARGE.message, { file: [UPLOAD_TOO_LARGE.problem] });
  }
  try {
    return await importUsaspendingContracts(db as PrismaClient, file.stream() as unknown as AsyncIterable<Uint8Array>, { actor: `user:${user.id}` });
  } catch (error) {
    if (error instanceof ImportFileError) throw new ChangeRejected(error.summary, { file: error.problems.slice(0, 20) });
    throw error;
  }
}

/** Published companies by their names as the import's hints give them, with their addresses. */
export async function companiesNamed(names: string[]): Promise<Map<string, { name: string; slug: string }>> {
  if (names.length === 0) return new Map();
  const found = await db.company.findMany({
    where: { name: { in: [...new Set(names)] }, status: 'PUBLISHED', mergedIntoId: null },
    select: { name: true, slug: true },
  });
  return new Map(found.map((company) => [company.name, company]));
}
