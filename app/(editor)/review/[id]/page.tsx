import type { Metadata } from 'next';
import type { RecordType } from '@/lib/generated/prisma/enums';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { ReviewDecision } from '@/components/editor/review-decision';
import { RoleRequired } from '@/components/editor/role-required';
import { NotAllowed, signedInUser } from '@/lib/auth/session';
import { changeTypeLabel, getChangeForReview } from '@/lib/data/review';
import { DiffTable } from '@/components/history/diff-table';
import { DateTime } from '@/components/ui/date-time';
import { queueFilterQuery } from '@/lib/validation/review-queue';
import { historyPath } from '@/lib/history-paths';

const ID = /^[a-z0-9]{20,40}$/;

/** The change for the signed-in reviewer, read once per request by the page and its title. */
const changeFor = cache(async (id: string) => getChangeForReview(await signedInUser(), id));

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  const change = ID.test(id) ? await changeFor(id).catch(() => null) : null;
  return { title: change ? reviewHeading(change) : 'Review a change', robots: { index: false } };
}

/** "Change to company: Salesforce", "New employee action: Walkout against Project Nimbus". */
function reviewHeading(change: { isNew: boolean; recordType: RecordType; title: string }): string {
  const what = `${change.isNew ? 'New' : 'Change to'} ${changeTypeLabel(change.recordType).toLowerCase()}`;
  return change.title ? `${what}: ${change.title}` : what;
}

export default async function ReviewChange({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  // The queue's filters it was opened from (?type=EMPLOYEE_ACTION): deciding leads back there.
  const queue = queueFilterQuery(await searchParams);
  const queueAddress = queue ? `/review?${queue}` : '/review';
  if (!ID.test(id)) notFound();
  let change;
  try {
    change = await changeFor(id);
  } catch (error) {
    if (error instanceof NotAllowed) return <RoleRequired title="Review a change" who="reviewers" />;
    throw error;
  }
  if (!change) notFound();
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">
        {change.isNew ? 'New' : 'Change to'} {changeTypeLabel(change.recordType).toLowerCase()}
        {change.title && (
          <>
            : <span className="wrap-anywhere">{change.title}</span>
          </>
        )}
      </h1>
      {change.recordId && (
        <p>
          <a href={historyPath(change.recordType, change.recordId)}>
            The record&rsquo;s history, and its page as the public sees it
          </a>
        </p>
      )}
      <p className="text-stone-700">
        Proposed by {change.author} on <DateTime value={change.createdAt} />
        {change.revisedAt && (
          <>
            , revised on <DateTime value={change.revisedAt} />
          </>
        )}
        .{change.note && ` Why: ${change.note}`}
      </p>
      {change.earlier && (
        <section aria-labelledby="earlier" className="space-y-2 rounded border border-stone-300 p-3">
          <h2 id="earlier" className="text-lg font-semibold">
            Sent again
          </h2>
          <p>
            {change.earlier.status === 'REJECTED'
              ? 'An earlier sending was rejected'
              : 'The editor withdrew an earlier sending'}
            {change.earlier.status === 'REJECTED' && change.earlier.by && ` by ${change.earlier.by}`}
            {change.earlier.at && (
              <>
                {' '}
                on <DateTime value={change.earlier.at} />
              </>
            )}
            {change.earlier.status === 'REJECTED' && change.earlier.reason ? (
              <>
                , because: &ldquo;<span className="whitespace-pre-line">{change.earlier.reason}</span>&rdquo;
              </>
            ) : (
              '.'
            )}
          </p>
          {change.earlier.changedSince.length > 0 ? (
            <DiffTable
              lines={change.earlier.changedSince}
              caption="What the editor changed since"
              beforeLabel="Sent before"
              afterLabel="Sent now"
            />
          ) : (
            <p>Nothing was changed: it is sent again as it was.</p>
          )}
        </section>
      )}
      {change.gone && change.status === 'PENDING' ? (
        <p role="status" className="rounded border border-amber-700 bg-amber-50 p-3 text-amber-950">
          The record was archived (or merged into another) after this was proposed, so it is not on the public pages and
          this change cannot be published. Reject it with a note; if the record is brought back, {change.author} can
          propose the change again.
        </p>
      ) : (
        change.stale &&
        change.status === 'PENDING' && (
          <p role="status" className="rounded border border-amber-700 bg-amber-50 p-3 text-amber-950">
            The record changed after this was proposed. The table compares the proposal with the record as it is now, so
            it may show the proposal undoing that change. It cannot be published: {change.author} can revise it on the
            current version (its form shows them that change), or you can reject it with a note.
          </p>
        )
      )}
      {change.status === 'PENDING' && change.sameContract.length > 0 && (
        <div role="status" className="space-y-1 rounded border border-amber-700 bg-amber-50 p-3 text-amber-950">
          <p>
            {change.sameContract.length === 1 ? 'A published contract has' : 'Published contracts have'} the same PIID,
            company and awarding agency:
          </p>
          <ul className="list-disc pl-6">
            {change.sameContract.map((contract) => (
              <li key={contract.id}>
                <a href={`/contracts/${contract.id}`}>{contract.title}</a>
              </li>
            ))}
          </ul>
          <p>
            If it is the same contract (one imported from USAspending, say), reject this change with a note rather than
            publish it: both would count in every figure.
          </p>
        </div>
      )}
      {change.status === 'PENDING' && change.likeOthers.length > 0 && (
        <div role="status" className="space-y-1 rounded border border-amber-700 bg-amber-50 p-3 text-amber-950">
          {/* Compared with the record as it is now, which may hold names the editor was never shown
              (one published since, from another change waiting then). */}
          <p>
            {change.author} confirmed {change.likeOthers.length === 1 ? 'a name' : 'names'} as new, and the record now
            has names like {change.likeOthers.length === 1 ? 'it' : 'them'}:
          </p>
          <ul className="list-disc pl-6">
            {change.likeOthers.map((like) => (
              <li key={`${like.kind}:${like.typed}`}>
                “{like.typed}”, confirmed as a new {KIND_WORD[like.kind]}, is like{' '}
                {like.names.map((known, index) => (
                  <span key={known.slug}>
                    {index > 0 && (index === like.names.length - 1 ? ' or ' : ', ')}
                    <a href={`/${like.kind}/${known.slug}`}>{known.name}</a>
                  </span>
                ))}
              </li>
            ))}
          </ul>
          {change.nameTaken ? (
            <p className="font-medium">
              “{change.nameTaken.typed}” is now the name of{' '}
              <a href={`/companies/${change.nameTaken.slug}`}>{change.nameTaken.name}</a>, published since this change
              was sent: it cannot be published as another company. Reject it with a note for its editor.
            </p>
          ) : (
            <p>
              If it is one of those under another name, reject this change with a note rather than publish it: a
              duplicate splits the record until an admin merges it.
            </p>
          )}
        </div>
      )}
      {change.status !== 'PENDING' && (
        // What became of it, with who decided: the page is reached again from a link or the
        // browser's history, or by a second reviewer whose decision came too late.
        <p role="status" className="rounded border border-stone-400 bg-white p-3">
          This change is no longer waiting for review:{' '}
          {change.status === 'PUBLISHED'
            ? `${change.decidedBy ?? 'a reviewer'} published it`
            : change.status === 'REJECTED'
              ? `${change.decidedBy ?? 'a reviewer'} rejected it`
              : `${change.author} withdrew it`}
          {change.decidedAt && (
            <>
              {' '}
              on <DateTime value={change.decidedAt} />
            </>
          )}
          {change.status === 'REJECTED' && change.decisionNote ? (
            <>
              , because: &ldquo;<span className="whitespace-pre-line">{change.decisionNote}</span>&rdquo;
            </>
          ) : (
            '.'
          )}
        </p>
      )}
      {change.diff.length > 0 || change.status === 'PENDING' ? (
        <DiffTable
          lines={change.diff}
          caption="What the change does, field by field"
          beforeLabel="Published"
          afterLabel="Proposed"
        />
      ) : (
        // Published, the record is as proposed (or was until changed again): an empty table said nothing.
        <p className="text-stone-700">The record as it is now holds everything this change proposed.</p>
      )}
      {change.status !== 'PENDING' ? null : change.isOwn ? (
        <p>This is your own change: another reviewer must decide on it.</p>
      ) : (
        <ReviewDecision
          changeId={change.id}
          seen={change.revisedAt?.toISOString() ?? ''}
          publishable={!change.stale && !change.gone}
          queue={queue}
        />
      )}
      <p>
        <a href={queueAddress}>Back to the {queue ? 'filtered ' : ''}queue</a>
      </p>
    </div>
  );
}

/** What a name confirmed as new names, by where its likes are. */
const KIND_WORD: Record<string, string> = { companies: 'company', organizations: 'organization', agencies: 'agency' };
