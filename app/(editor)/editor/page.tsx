import type { Metadata } from 'next';
import { Confirmation } from '@/components/ui/confirmation';
import { signedInUser } from '@/lib/auth/session';
import { linkOf, recordLinks } from '@/lib/data/record-links';
import {
  MY_WORK_PAGE_SIZE,
  changeTypeLabel,
  changesToPutRight,
  countMyChanges,
  listMyChanges,
} from '@/lib/data/review';
import { z } from 'zod';
import { pageFilter, parseFilters } from '@/lib/validation/list-filters';
import { FilterProblems } from '@/components/ui/filter-problems';
import { Pagination } from '@/components/ui/pagination';
import { PastTheEnd } from '@/components/ui/past-the-end';
import { listAddress } from '@/lib/pagination';
import { DateTime } from '@/components/ui/date-time';
import { ForgetSentDraft } from '@/components/forms/draft-keeper';
import { WithSiteLinks } from '@/components/editor/note-with-links';
import { noteFrom, RECORD_GONE, OUTDATED } from '@/lib/data/edit-forms';

export const metadata: Metadata = { title: 'My work', robots: { index: false } };

const NEW_RECORDS = [
  ['/editor/new/donation', 'A donation response'],
  ['/editor/new/action', 'An employee action'],
  ['/editor/new/statement', 'A company statement'],
  ['/editor/new/contract', 'A government contract'],
  ['/editor/new/company', 'A company'],
  ['/editor/new/organization', 'An organization'],
  ['/editor/new/agency', 'A government agency'],
] as const;

const STATUS: Record<string, string> = {
  PENDING: 'Waiting for review',
  PUBLISHED: 'Published',
  REJECTED: 'Rejected',
  WITHDRAWN: 'Withdrawn',
};

export default async function EditorHome({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await signedInUser();
  const params = await searchParams;
  const { submitted, draft, record, withdrawn } = params;
  // The kind of form whose browser draft was sent, or went with a withdrawn change.
  const draftKind = [submitted, withdrawn].find(
    (value): value is string =>
      typeof value === 'string' && /^(company|agency|organization|contract|action|donation|statement)$/.test(value),
  );
  const parsed = parseFilters(z.object({ page: pageFilter.optional() }), ['page'] as const, params);
  const page = (parsed.ok && parsed.filters.page) || 1;
  const [changes, total, toPutRight] = await Promise.all([
    listMyChanges(user, page),
    countMyChanges(user),
    changesToPutRight(user),
  ]);
  const pages = Math.max(1, Math.ceil(total / MY_WORK_PAGE_SIZE));
  if (page > pages)
    return (
      <PastTheEnd
        title="My work"
        page={page}
        pages={pages}
        href={(target) => listAddress('/editor', { page: target > 1 ? target : undefined })}
      />
    );
  // Rejected and not yet sent again, on any page: said at the top, where a phone's screen starts,
  // with a link to the first page that lists one.
  const putRightHref =
    toPutRight.firstPage === null || toPutRight.firstPage === page
      ? '#mine'
      : `${listAddress('/editor', { page: toPutRight.firstPage > 1 ? toPutRight.firstPage : undefined })}#mine`;
  // What was published links to its public page.
  const links = await recordLinks(
    changes.flatMap((change) => (change.recordId ? [{ type: change.recordType, id: change.recordId }] : [])),
  );
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">My work</h1>
      {draftKind && draft === 'sent' && (
        <ForgetSentDraft
          kind={draftKind}
          draftId={typeof record === 'string' && /^[a-z0-9]{20,40}$/.test(record) ? record : undefined}
        />
      )}
      {submitted && (
        <Confirmation>Sent for review. A reviewer will publish it or tell you what to change.</Confirmation>
      )}
      {withdrawn && (
        <Confirmation>Withdrawn: it has left the review queue. You can send it again from below.</Confirmation>
      )}
      {toPutRight.count > 0 && (
        <p className="rounded border border-amber-700 bg-amber-50 p-3 text-amber-950">
          {toPutRight.count === 1
            ? 'One of your changes was rejected: the reviewer says why, and you can put it right and send it again.'
            : `${toPutRight.count} of your changes were rejected: the reviewers say why, and you can put them right and send them again.`}{' '}
          <a href={putRightHref} className="inline-block py-1">
            See what I sent
          </a>
        </p>
      )}
      <section aria-labelledby="new" className="space-y-2">
        <h2 id="new" className="text-xl font-semibold">
          Log something new
        </h2>
        <ul className="flex flex-wrap gap-3">
          {NEW_RECORDS.map(([href, label]) => (
            <li key={href}>
              <a href={href} className="inline-block rounded border border-stone-400 bg-white px-3 py-2">
                {label}
              </a>
            </li>
          ))}
        </ul>
        <p className="text-sm text-stone-700">
          To correct a published record, open it on the public site and follow &ldquo;Propose a correction&rdquo;.
        </p>
      </section>
      <section aria-labelledby="mine" className="space-y-2">
        <h2 id="mine" className="text-xl font-semibold">
          What I sent
        </h2>
        {!parsed.ok && (
          <FilterProblems problems={parsed.problems}>
            <a href="/editor">See the newest first</a>.
          </FilterProblems>
        )}
        {pages > 1 && (
          <p className="text-stone-700" role="status">
            {`${total.toLocaleString('en-US')} changes, newest first; here are ${((page - 1) * MY_WORK_PAGE_SIZE + 1).toLocaleString('en-US')} to ${((page - 1) * MY_WORK_PAGE_SIZE + changes.length).toLocaleString('en-US')}.`}
          </p>
        )}
        {changes.length === 0 ? (
          <p className="text-stone-700">
            Nothing yet. What you log waits for a reviewer, then appears on the public pages.
          </p>
        ) : (
          <ul className="divide-y divide-stone-200">
            {changes.map((change) => {
              const link =
                change.status === 'PUBLISHED' ? linkOf(links, change.recordType, change.recordId) : undefined;
              return (
                <li key={change.id} className="py-2">
                  <p className="text-sm text-stone-700">
                    {change.isNew ? 'New' : 'Correction'}: {changeTypeLabel(change.recordType).toLowerCase()} · sent{' '}
                    <DateTime value={change.createdAt} /> · <strong>{STATUS[change.status]}</strong>
                    {change.decidedAt && (
                      <>
                        {' '}
                        on <DateTime value={change.decidedAt} />
                      </>
                    )}
                    {/* Else a rejected or withdrawn change that no longer reopens would offer no way on and say nothing of why. */}
                    {change.sentAgain && ' · sent again as a new change'}
                  </p>
                  <p>{link ? <a href={link.href}>{change.title || link.name}</a> : change.title || '(untitled)'}</p>
                  {change.status === 'PUBLISHED' && change.recordId && !link && (
                    // Published, then archived by a reviewer or merged into another record: not "published" as it stands.
                    <p className="text-sm text-stone-700">
                      No longer on the public pages: archived or merged into another record since (or its company was).
                    </p>
                  )}
                  {change.decisionNote && (
                    <p className="text-sm whitespace-pre-line text-red-900">
                      {noteFrom(change.decidedBy)} <WithSiteLinks text={change.decisionNote} />
                    </p>
                  )}
                  {change.recordGone && !change.sentAgain && (
                    <p className="text-sm text-stone-700">
                      {RECORD_GONE}{' '}
                      {/* What was sent is kept on the change's page, to be copied to the record that took its place. */}
                      <a href={`/editor/changes/${change.id}`} className="inline-block py-1">
                        See what you sent
                        <span className="sr-only">: {change.title || 'untitled'}</span>
                      </a>
                    </p>
                  )}
                  {change.outdated && <p className="text-sm text-amber-900">{OUTDATED}</p>}
                  {change.status !== 'PUBLISHED' && !change.sentAgain && !change.recordGone && (
                    <p className="text-sm">
                      <a href={`/editor/changes/${change.id}`} className="inline-block py-1">
                        {change.status === 'PENDING'
                          ? 'Revise or withdraw'
                          : change.status === 'WITHDRAWN'
                            ? 'Send it again'
                            : 'Put it right and send it again'}
                        <span className="sr-only">: {change.title || 'untitled'}</span>
                      </a>
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        <Pagination
          page={page}
          pages={pages}
          href={(target) => listAddress('/editor', { page: target > 1 ? target : undefined })}
          label="Pages of what I sent"
        />
      </section>
    </div>
  );
}
