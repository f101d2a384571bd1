import { notFound } from 'next/navigation';
import { DateTime } from '@/components/ui/date-time';
import { archivedRecord, type ArchivableType } from '@/lib/data/changes';
import { historyPath } from '@/lib/history-paths';

const KIND: Record<ArchivableType, string> = {
  EMPLOYEE_ACTION: 'employee action',
  DONATION_RESPONSE: 'donation response',
  CONTRACT: 'contract',
  COMPANY_STATEMENT: 'company statement',
};

/**
 * What the address of an incident that is not public shows: when it was archived, the reviewer's
 * reason and its history, sent with 410 Gone (`data-http-status`, lib/page-status.ts); the
 * not-found page when it was never public.
 */
export async function ArchivedRecord({ recordType, id }: { recordType: ArchivableType; id: string }) {
  const archived = await archivedRecord(recordType, id);
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
    </article>
  );
}
