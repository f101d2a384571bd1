import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ReviewDecision } from '@/components/editor/review-decision';
import { NotAllowed, requireUser } from '@/lib/auth/session';
import { changeTypeLabel, getChangeForReview } from '@/lib/data/review';

export const metadata: Metadata = { title: 'Review a change', robots: { index: false } };

export default async function ReviewChange({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[a-z0-9]{20,40}$/.test(id)) notFound();
  const user = await requireUser();
  let change;
  try {
    change = await getChangeForReview(user, id);
  } catch (error) {
    if (error instanceof NotAllowed) notFound();
    throw error;
  }
  if (!change) notFound();
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">
        {change.isNew ? 'New' : 'Change to'} {changeTypeLabel(change.recordType).toLowerCase()}
      </h1>
      <p className="text-stone-700">
        Proposed by {change.author} on {change.createdAt.toUTCString()}.{change.note && ` Note: ${change.note}`}
      </p>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-left text-sm">
          <caption className="sr-only">What the change does, field by field</caption>
          <thead>
            <tr className="border-b border-stone-300">
              <th scope="col" className="py-2 pr-3">
                Field
              </th>
              <th scope="col" className="py-2 pr-3">
                Published
              </th>
              <th scope="col" className="py-2">
                Proposed
              </th>
            </tr>
          </thead>
          <tbody>
            {change.diff.map((line) => (
              <tr key={line.field} className="border-b border-stone-200 align-top">
                <th scope="row" className="py-2 pr-3 font-medium">
                  {line.field}
                </th>
                <td className="py-2 pr-3 whitespace-pre-wrap break-words text-stone-700">
                  {line.before === null ? <span className="italic">none</span> : <del>{line.before}</del>}
                </td>
                <td className="py-2 whitespace-pre-wrap break-words">
                  {line.after === null ? <span className="italic">none</span> : <ins>{line.after}</ins>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {change.status !== 'PENDING' ? (
        <p>This change is no longer waiting for review.</p>
      ) : change.isOwn ? (
        <p>This is your own change: another reviewer must decide on it.</p>
      ) : (
        <ReviewDecision changeId={change.id} />
      )}
    </div>
  );
}
