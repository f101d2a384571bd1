import type { Metadata } from 'next';
import { Confirmation } from '@/components/ui/confirmation';
import { FilterProblems } from '@/components/ui/filter-problems';
import { Pagination } from '@/components/ui/pagination';
import { PastTheEnd } from '@/components/ui/past-the-end';
import { RoleRequired } from '@/components/editor/role-required';
import { NotAllowed, signedInUser } from '@/lib/auth/session';
import {
  QUEUE_PAGE_SIZE,
  changeTypeLabel,
  countPendingChanges,
  listPendingChanges,
  pendingFacets,
  type QueueFilters,
} from '@/lib/data/review';
import { listAddress } from '@/lib/pagination';
import { parseReviewQueue, QUEUE_TYPES } from '@/lib/validation/review-queue';
import { DateTime } from '@/components/ui/date-time';
import { plural } from '@/lib/text';
import { HISTORY_SEGMENTS } from '@/lib/history-paths';
import { linkOf, recordLinks } from '@/lib/data/record-links';
import { CUID } from '@/lib/validation/records';

export const metadata: Metadata = { title: 'Review queue', robots: { index: false } };

const fieldClass = 'w-full min-w-0 rounded border border-stone-500 bg-white px-2 py-1';

export default async function ReviewQueue({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await signedInUser();
  const params = await searchParams;
  const parsed = parseReviewQueue(params);
  const { page = 1, ...filters }: QueueFilters & { page?: number } = parsed.ok ? parsed.filters : {};
  let changes, matching, facets;
  try {
    [changes, matching, facets] = await Promise.all([
      parsed.ok ? listPendingChanges(user, filters, page) : [],
      parsed.ok ? countPendingChanges(user, filters) : 0,
      pendingFacets(user, parsed.ok ? filters : {}),
    ]);
  } catch (error) {
    if (error instanceof NotAllowed) return <RoleRequired title="Review queue" who="reviewers" />;
    throw error;
  }
  const published = await publishedLink(params);
  const waiting = facets.total;
  const pages = Math.max(1, Math.ceil(matching / QUEUE_PAGE_SIZE));
  if (page > pages)
    return (
      <PastTheEnd
        title="Review queue"
        page={page}
        pages={pages}
        href={(target) => listAddress('/review', { ...filters, page: target > 1 ? target : undefined })}
      />
    );
  const narrowed = Boolean(filters.type || filters.what || filters.by);
  // The kinds counted within the other filters: "every kind" is what they leave.
  const ofEveryKind = Object.values(facets.types).reduce((sum, count) => sum + count, 0);
  const first = (page - 1) * QUEUE_PAGE_SIZE + 1;

  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Review queue</h1>
      <p>
        <a href="/review/import">Import contracts from a USAspending file</a>
      </p>
      {params.published && (
        <Confirmation>
          Published: the public pages show it now.
          {published && (
            <>
              {' '}
              <a href={published.href}>See {published.name}</a>
            </>
          )}
        </Confirmation>
      )}
      {params.rejected && <Confirmation>Rejected: the editor sees your reason.</Confirmation>}
      {!parsed.ok && (
        <FilterProblems problems={parsed.problems}>
          Choose the filters again below, or <a href="/review">see the whole queue</a>.
        </FilterProblems>
      )}

      <form
        method="get"
        action="/review"
        aria-label="Filter the queue"
        className="grid grid-cols-1 gap-3 rounded border border-stone-300 bg-white p-4 text-sm sm:grid-cols-2 lg:grid-cols-4"
      >
        <label className="flex min-w-0 flex-col gap-1">
          <span className="text-stone-700">Kind</span>
          <select name="type" defaultValue={filters.type ?? ''} className={fieldClass}>
            <option value="">{`Every kind (${ofEveryKind.toLocaleString('en-US')})`}</option>
            {QUEUE_TYPES.map((type) => (
              <option key={type} value={type}>
                {`${changeTypeLabel(type)} (${(facets.types[type] ?? 0).toLocaleString('en-US')})`}
              </option>
            ))}
          </select>
        </label>
        <label className="flex min-w-0 flex-col gap-1">
          <span className="text-stone-700">New or changed</span>
          <select name="what" defaultValue={filters.what ?? ''} className={fieldClass}>
            <option value="">Both</option>
            <option value="new">New records</option>
            <option value="change">Changes to published records</option>
          </select>
        </label>
        <label className="flex min-w-0 flex-col gap-1">
          <span className="text-stone-700">Submitted by</span>
          <select name="by" defaultValue={filters.by ?? ''} className={fieldClass}>
            <option value="">Anyone</option>
            {/* An author whose last change was just decided is listed (with 0) while the address names them. */}
            {facets.authors.map((author) => (
              <option key={author.id} value={author.id}>
                {`${author.name} (${author.id === user.id ? 'you, ' : ''}${author.count.toLocaleString('en-US')})`}
              </option>
            ))}
          </select>
        </label>
        <div className="flex items-end gap-3">
          <button type="submit" className="rounded bg-stone-800 px-4 py-1.5 text-white hover:bg-stone-700">
            Show
          </button>
          {narrowed && <a href="/review">Clear filters</a>}
        </div>
      </form>

      {parsed.ok &&
        (matching === 0 ? (
          <p className="text-stone-700">
            {narrowed && waiting > 0
              ? waiting === 1
                ? 'The one change waiting for review does not match these filters.'
                : `None of the ${waiting.toLocaleString('en-US')} changes waiting for review matches these filters.`
              : 'Nothing is waiting for review.'}
          </p>
        ) : (
          <p className="text-stone-700" role="status">
            {narrowed && matching === waiting
              ? `${waiting === 1 ? 'The one change' : `All ${waiting.toLocaleString('en-US')} changes`} waiting for review ${waiting === 1 ? 'matches' : 'match'}, oldest first`
              : narrowed
                ? `${matching.toLocaleString('en-US')} of the ${plural(waiting, 'change', 'changes')} waiting for review ${matching === 1 ? 'matches' : 'match'}, oldest first`
                : `${plural(matching, 'change waits', 'changes wait')} for review, oldest first`}
            {pages > 1
              ? `; here are ${first.toLocaleString('en-US')} to ${(first + changes.length - 1).toLocaleString('en-US')}.`
              : '.'}
          </p>
        ))}
      {changes.length > 0 && (
        <ol className="divide-y divide-stone-200" start={first}>
          {changes.map((change) => (
            <li key={change.id} className="py-2">
              <p className="text-sm text-stone-700">
                {changeTypeLabel(change.recordType)} · {change.recordId ? 'change' : 'new'}
                {change.sentAgain && ' · sent again'} · by {change.author} · <DateTime value={change.createdAt} />
                {change.revisedAt && (
                  <>
                    {' '}
                    · revised <DateTime value={change.revisedAt} />
                  </>
                )}
              </p>
              <a href={listAddress(`/review/${change.id}`, { type: filters.type, what: filters.what, by: filters.by })}>
                {change.title || '(untitled)'}
              </a>
              {change.stale && (
                <p className="text-sm text-amber-900">
                  The record changed after this was proposed (or is no longer published): it cannot be published as it
                  is.
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
      <Pagination
        page={page}
        pages={pages}
        href={(target) => listAddress('/review', { ...filters, page: target > 1 ? target : undefined })}
        label="Pages of the queue"
      />
    </div>
  );
}

/** The record just published, as the public sees it: named in the address by its kind and id. */
async function publishedLink(params: Record<string, string | string[] | undefined>) {
  const { published: segment, record: id } = params;
  if (
    typeof segment !== 'string' ||
    typeof id !== 'string' ||
    !Object.hasOwn(HISTORY_SEGMENTS, segment) ||
    !CUID.test(id)
  )
    return undefined;
  const type = HISTORY_SEGMENTS[segment as keyof typeof HISTORY_SEGMENTS];
  return linkOf(await recordLinks([{ type, id }]), type, id);
}
