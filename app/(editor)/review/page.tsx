import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { NotAllowed, requireUser } from '@/lib/auth/session';
import { changeTypeLabel, countPendingChanges, listPendingChanges } from '@/lib/data/review';

export const metadata: Metadata = { title: 'Review queue', robots: { index: false } };

const TYPES = [
  'DONATION_RESPONSE',
  'EMPLOYEE_ACTION',
  'CONTRACT',
  'COMPANY_STATEMENT',
  'COMPANY',
  'ORGANIZATION',
  'AGENCY',
] as const;

export default async function ReviewQueue({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const params = await searchParams;
  const type = TYPES.find((candidate) => candidate === params.type);
  let changes;
  let waiting;
  try {
    [changes, waiting] = await Promise.all([listPendingChanges(user, { type }), countPendingChanges(user, { type })]);
  } catch (error) {
    if (error instanceof NotAllowed) notFound();
    throw error;
  }
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Review queue</h1>
      <p>
        <Link href="/review/import">Import contracts from a USAspending file</Link>
      </p>
      {params.published && (
        <p role="status" className="rounded border border-green-800 bg-green-50 p-3">
          Published: the public pages show it now.
        </p>
      )}
      {params.rejected && (
        <p role="status" className="rounded border border-stone-400 bg-white p-3">
          Rejected: the editor sees your reason.
        </p>
      )}
      <nav aria-label="Kinds" className="flex flex-wrap gap-3 text-sm">
        <Link href="/review">Everything</Link>
        {TYPES.map((candidate) => (
          <Link key={candidate} href={`/review?type=${candidate}`}>
            {changeTypeLabel(candidate)}
          </Link>
        ))}
      </nav>
      {changes.length === 0 ? (
        <p className="text-stone-700">Nothing is waiting for review.</p>
      ) : (
        <p className="text-stone-700">
          {waiting > changes.length
            ? `${waiting.toLocaleString('en-US')} changes wait for review; here are the oldest ${changes.length}. The next ones appear as these are published or rejected.`
            : `${waiting === 1 ? '1 change waits' : `${waiting.toLocaleString('en-US')} changes wait`} for review, oldest first.`}
        </p>
      )}
      {changes.length > 0 && (
        <ol className="divide-y divide-stone-200">
          {changes.map((change) => (
            <li key={change.id} className="py-2">
              <p className="text-sm text-stone-700">
                {changeTypeLabel(change.recordType)} · {change.recordId ? 'change' : 'new'} · by {change.author} ·{' '}
                {change.createdAt.toUTCString()}
              </p>
              <Link href={`/review/${change.id}`}>{change.title || '(untitled)'}</Link>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
