import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import type { RecordType } from '@/lib/generated/prisma/enums';
import { listRevisions } from '@/lib/data/review';

export const metadata: Metadata = { title: 'History', robots: { index: false } };

const TYPES: Record<string, RecordType> = {
  company: 'COMPANY',
  agency: 'AGENCY',
  organization: 'ORGANIZATION',
  contract: 'CONTRACT',
  action: 'EMPLOYEE_ACTION',
  donation: 'DONATION_RESPONSE',
  statement: 'COMPANY_STATEMENT',
  source: 'SOURCE',
};

const KIND: Record<string, string> = {
  CREATE: 'Created',
  UPDATE: 'Changed',
  SUBMIT: 'Submitted',
  PUBLISH: 'Published',
  REJECT: 'Rejected',
  ARCHIVE: 'Archived',
  RESTORE: 'Restored',
  REVERT: 'Reverted',
  MERGE: 'Merged',
  IMPORT: 'Imported',
};

/** Every change to a record: who, when, what it was before and after, and why. Public. */
export default async function HistoryPage({ params }: { params: Promise<{ type: string; id: string }> }) {
  const { type, id } = await params;
  const recordType = TYPES[type];
  if (!recordType || !/^[a-z0-9]{20,40}$/.test(id)) notFound();
  const revisions = await listRevisions(recordType, id);
  if (revisions.length === 0) notFound();
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">History</h1>
      <ol className="space-y-4">
        {revisions.map((revision) => (
          <li key={revision.id} className="rounded border border-stone-300 bg-white p-3">
            <p className="font-medium">
              {KIND[revision.kind] ?? revision.kind} by {revision.who},{' '}
              <time dateTime={revision.createdAt.toISOString()}>{revision.createdAt.toUTCString()}</time>
            </p>
            {revision.reason && <p className="text-stone-700">{revision.reason}</p>}
            <details className="mt-1 text-sm">
              <summary className="cursor-pointer">Before and after</summary>
              <div className="grid gap-2 sm:grid-cols-2">
                <pre className="overflow-x-auto whitespace-pre-wrap break-words bg-stone-50 p-2">
                  {revision.before ? JSON.stringify(revision.before, null, 2) : 'Nothing before'}
                </pre>
                <pre className="overflow-x-auto whitespace-pre-wrap break-words bg-stone-50 p-2">
                  {revision.after ? JSON.stringify(revision.after, null, 2) : 'Nothing after'}
                </pre>
              </div>
            </details>
          </li>
        ))}
      </ol>
    </div>
  );
}
