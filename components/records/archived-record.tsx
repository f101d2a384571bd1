import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { validRecordId } from '@/components/records/record-parts';
import { DateTime } from '@/components/ui/date-time';
import { archivedRecord, type ArchivableType } from '@/lib/data/changes';
import { historyPath } from '@/lib/history-paths';

const KIND: Record<ArchivableType, string> = {
  EMPLOYEE_ACTION: 'employee action',
  DONATION_RESPONSE: 'donation response',
  CONTRACT: 'contract',
  COMPANY_STATEMENT: 'company statement',
};

// The page and its metadata ask the same: one lookup per request.
const archivedOnce = cache(archivedRecord);

/** The metadata of an incident's address that shows no record: archived, or not found. */
export async function missingRecordMetadata(
  recordType: ArchivableType,
  id: string,
  notFoundTitle: string,
): Promise<Metadata> {
  const archived = validRecordId(id) ? await archivedOnce(recordType, id) : null;
  return { title: archived ? `Archived ${KIND[recordType]}` : notFoundTitle, robots: { index: false } };
}

/**
 * What the address of an incident that is not public shows: when it was archived, the reviewer's
 * reason and its history, sent with 410 Gone (`data-http-status`, lib/page-status.ts); the
 * not-found page when it was never public. `correcting`: asked for from its correction form, which
 * says why there is none.
 */
export async function ArchivedRecord({
  recordType,
  id,
  correcting = false,
}: {
  recordType: ArchivableType;
  id: string;
  correcting?: boolean;
}) {
  const archived = await archivedOnce(recordType, id);
  if (!archived) notFound();
  return (
    <article className="space-y-4" data-http-status="410">
      <h1 className="text-3xl font-bold">This {KIND[recordType]} was archived</h1>
      <p className="text-stone-800">
        A reviewer took it off the public pages on <DateTime value={archived.at} />.
        {archived.reason && ` Why: ${archived.reason}`}
      </p>
      <p>
        Nothing was deleted: <a href={historyPath(recordType, id)}>its history</a> keeps every version of it and this
        step.
      </p>
      {correcting && (
        <p>
          An archived record is not corrected: a reviewer can bring it back from its history, and it can be corrected
          then.
        </p>
      )}
    </article>
  );
}
